"""Scikit-learn-compatible decomposition: :class:`PCA` (as ``sklearn.decomposition.PCA``),
fitted by sigfeat's Rust ``reduce::Pca``.
"""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.utils import check_array

from . import _native
from ._base import FLOATS, check_is_fitted, check_x, seed_of


class PCA(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Principal component analysis.

    Equals ``sklearn.decomposition.PCA(n_components, whiten, svd_solver, iterated_power,
    n_oversamples, random_state)`` for the solvers ``'auto'``, ``'full'``,
    ``'covariance_eigh'`` and ``'randomized'`` (scikit-learn's ``'auto'`` rule), with its
    attributes (``components_``, ``explained_variance_``, ``explained_variance_ratio_``,
    ``singular_values_``, ``mean_``, ``noise_variance_``, ``n_components_``, ``n_samples_``)
    and its signs (``svd_flip`` on the components). ``n_components`` is ``None``, a count, or a
    fraction of variance in ``(0, 1]``. ``'arpack'`` and ``'mle'`` are not implemented.

    The decomposition runs in float64 in Rust; ``transform`` returns ``X``'s dtype.
    """

    def __init__(
        self,
        n_components=None,
        *,
        copy=True,
        whiten=False,
        svd_solver="auto",
        iterated_power="auto",
        n_oversamples=10,
        random_state=None,
    ):
        self.n_components = n_components
        self.copy = copy
        self.whiten = whiten
        self.svd_solver = svd_solver
        self.iterated_power = iterated_power
        self.n_oversamples = n_oversamples
        self.random_state = random_state

    def fit(self, X, y=None):
        """Fit the model on ``X`` (``n_samples x n_features``, at least 2 samples)."""
        X = check_x(self, X, reset=True, min_samples=2)
        nc = self.n_components
        count, variance = None, None
        if nc is None:
            pass
        elif isinstance(nc, str):
            raise NotImplementedError(f"n_components={nc!r} is not implemented; use a count or a fraction")
        elif isinstance(nc, numbers.Integral) and not isinstance(nc, bool):
            if nc < 1:
                raise ValueError(f"n_components must be >= 1, got {nc}")
            count = int(nc)
        elif isinstance(nc, numbers.Real):
            variance = float(nc)
        else:
            raise ValueError(f"n_components must be None, an int or a float, got {nc!r}")
        if self.svd_solver == "arpack":
            raise NotImplementedError("svd_solver='arpack' is not implemented; use 'randomized'")
        ip = self.iterated_power
        if ip == "auto":
            ip = None
        elif not isinstance(ip, numbers.Integral) or ip < 0:
            raise ValueError(f"iterated_power must be 'auto' or an int >= 0, got {ip!r}")
        comps, ev, evr, sv, mean, noise = _native.pca_fit(
            X,
            count,
            variance,
            bool(self.whiten),
            str(self.svd_solver),
            int(self.n_oversamples),
            ip,
            seed_of(self.random_state),
        )
        self.components_ = comps
        self.explained_variance_ = ev
        self.explained_variance_ratio_ = evr
        self.singular_values_ = sv
        self.mean_ = mean
        self.noise_variance_ = noise
        self.n_components_ = comps.shape[0]
        self.n_samples_ = X.shape[0]
        return self

    @property
    def _n_features_out(self):
        return self.n_components_

    def _whiten_scale(self):
        return np.maximum(np.sqrt(self.explained_variance_), np.finfo(np.float64).eps)

    def transform(self, X):
        """Project ``X`` on the components: ``X @ components_.T - components_ @ mean_``
        (divided by ``sqrt(explained_variance_)`` when whitening), in ``X``'s dtype."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        out = X.astype(np.float64, copy=False) @ self.components_.T
        out -= self.components_ @ self.mean_
        if self.whiten:
            out /= self._whiten_scale()
        return out.astype(X.dtype, copy=False)

    def inverse_transform(self, X):
        """Map projected data back: ``X @ components_ + mean_`` (rescaled when whitening)."""
        check_is_fitted(self)
        X = check_array(X, dtype=FLOATS)
        if X.shape[1] != self.n_components_:
            raise ValueError(
                f"X has {X.shape[1]} features, but PCA.inverse_transform is expecting "
                f"{self.n_components_} features as input"
            )
        dtype = X.dtype
        comps = self.components_
        if self.whiten:
            comps = comps * self._whiten_scale()[:, None]
        out = X.astype(np.float64, copy=False) @ comps + self.mean_
        return out.astype(dtype, copy=False)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
