"""Scikit-learn-compatible :class:`LinearDiscriminantAnalysis` (as
``sklearn.discriminant_analysis.LinearDiscriminantAnalysis``), fitted by sigfeat's Rust
``reduce::Lda``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
)

from . import _native
from ._base import check_is_fitted, check_x, check_xy, decision_to_labels, softmax


class LinearDiscriminantAnalysis(
    ClassNamePrefixFeaturesOutMixin, ClassifierMixin, TransformerMixin, BaseEstimator
):
    """Linear discriminant analysis: a classifier and a supervised projection.

    Equals ``sklearn.discriminant_analysis.LinearDiscriminantAnalysis(solver, shrinkage,
    priors, n_components, store_covariance, tol)`` for the ``'svd'``, ``'lsqr'`` and
    ``'eigen'`` solvers and shrinkage ``None``, ``'auto'`` (Ledoit-Wolf) or a float in
    ``[0, 1]``; its attributes (``classes_``, ``priors_``, ``means_``, ``xbar_``,
    ``scalings_``, ``coef_``, ``intercept_``, ``explained_variance_ratio_``,
    ``covariance_``), ``decision_function``, ``predict``, ``predict_proba`` and ``transform``
    (not for ``'lsqr'``, as scikit-learn). ``covariance_estimator`` is not implemented.
    """

    def __init__(
        self,
        solver="svd",
        shrinkage=None,
        priors=None,
        n_components=None,
        store_covariance=False,
        tol=1e-4,
        covariance_estimator=None,
    ):
        self.solver = solver
        self.shrinkage = shrinkage
        self.priors = priors
        self.n_components = n_components
        self.store_covariance = store_covariance
        self.tol = tol
        self.covariance_estimator = covariance_estimator

    def fit(self, X, y):
        """Fit on ``X`` and the class labels ``y``."""
        if self.covariance_estimator is not None:
            raise NotImplementedError("covariance_estimator is not implemented; use shrinkage")
        X, classes, yi = check_xy(self, X, y)
        priors = None if self.priors is None else [float(p) for p in np.asarray(self.priors).ravel()]
        nc = None if self.n_components is None else int(self.n_components)
        (priors_, means, xbar, scalings, cov, coef, intercept, evr, n_out) = _native.lda_fit(
            X, yi, str(self.solver), self.shrinkage, nc, priors, float(self.tol)
        )
        self.classes_ = classes
        self.priors_ = priors_
        self.means_ = means
        self.xbar_ = xbar
        if scalings is not None:
            self.scalings_ = scalings
        if evr is not None:
            self.explained_variance_ratio_ = evr
        if cov is not None:
            self.covariance_ = cov
        elif self.store_covariance:
            # scikit-learn's _class_cov: the prior-weighted biased covariance of each class
            Xd = X.astype(np.float64, copy=False)
            self.covariance_ = sum(
                p * np.cov(Xd[yi == k].T, bias=True).reshape(X.shape[1], X.shape[1])
                for k, p in enumerate(priors_)
            )
        self.coef_ = coef
        self.intercept_ = intercept
        self._max_components = n_out
        return self

    @property
    def _n_features_out(self):
        return self._max_components

    def decision_function(self, X):
        """``X @ coef_.T + intercept_``; one column (flattened) for two classes."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        d = X.astype(np.float64, copy=False) @ self.coef_.T + self.intercept_
        return d.ravel() if d.shape[1] == 1 else d

    def predict(self, X):
        """The class of largest decision value."""
        d = self.decision_function(X)
        return decision_to_labels(self.classes_, d)

    def predict_proba(self, X):
        """The softmax of the decision values (the sigmoid for two classes)."""
        return softmax(self.decision_function(X))

    def predict_log_proba(self, X):
        """``log(predict_proba(X))``."""
        return np.log(self.predict_proba(X))

    def transform(self, X):
        """Project ``X`` on the discriminant directions, in ``X``'s dtype:
        ``(X - xbar_) @ scalings_[:, :n]`` for 'svd', ``X @ scalings_[:, :n]`` for 'eigen'."""
        check_is_fitted(self)
        if self.solver == "lsqr":
            raise NotImplementedError("transform not implemented for 'lsqr' solver (use 'svd' or 'eigen').")
        X = check_x(self, X, reset=False)
        w = self.scalings_[:, : self._max_components]
        out = X.astype(np.float64, copy=False) @ w
        if self.solver == "svd":
            out -= self.xbar_ @ w
        return out.astype(X.dtype, copy=False)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
