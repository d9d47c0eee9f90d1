"""Scikit-learn-compatible linear classifiers: :class:`LogisticRegression` and
:class:`RidgeClassifierCV` (as ``sklearn.linear_model``), fitted by sigfeat's Rust ``learn``
crate.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from . import _native
from ._base import check_is_fitted, check_x, check_xy, decision_to_labels, softmax


class _LinearClassifier(ClassifierMixin, BaseEstimator):
    """``decision_function`` / ``predict`` from ``coef_`` and ``intercept_``, as scikit-learn's
    ``LinearClassifierMixin``."""

    def decision_function(self, X):
        """``X @ coef_.T + intercept_``; one column (flattened) for two classes."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        d = X.astype(np.float64, copy=False) @ np.atleast_2d(self.coef_).T + self.intercept_
        return d.ravel() if d.shape[1] == 1 else d

    def predict(self, X):
        """The class of largest decision value (for two classes, ``classes_[1]`` when > 0)."""
        d = self.decision_function(X)
        return decision_to_labels(self.classes_, d)


def _only(est, **expected):
    for name, value in expected.items():
        got = getattr(est, name)
        if got != value:
            raise NotImplementedError(
                f"{type(est).__name__}({name}={got!r}) is not implemented; only {name}={value!r}"
            )


#: The gradient tolerance LogisticRegression solves to at least (the Rust default).
NEWTON_TOL = 1e-10


class LogisticRegression(_LinearClassifier):
    """Logistic regression with an L2 penalty: binomial for two classes, multinomial otherwise.

    Equals ``sklearn.linear_model.LogisticRegression(C, tol, max_iter)`` (scikit-learn >= 1.5's
    multinomial default, intercept not penalised): it minimises the same objective, by Newton's
    method in Rust until the gradient of the mean loss is below ``min(tol, 1e-10)``, so it
    reaches the optimum that scikit-learn's lbfgs approaches (within scikit-learn's own
    convergence error; with ``tol=1e-4`` lbfgs stops earlier). ``coef_``, ``intercept_``, ``n_iter_``, ``decision_function``,
    ``predict_proba``. Only ``penalty='l2'`` with an intercept is implemented.
    """

    def __init__(self, penalty="l2", *, tol=1e-4, C=1.0, fit_intercept=True, max_iter=100):
        self.penalty = penalty
        self.tol = tol
        self.C = C
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter

    def fit(self, X, y):
        """Fit on ``X`` and the class labels ``y``."""
        _only(self, penalty="l2", fit_intercept=True)
        X, classes, yi = check_xy(self, X, y)
        # Newton's method converges quadratically: solving to 1e-10 costs a step or two more
        # than to scikit-learn's default 1e-4 and gives the optimum itself (a looser `tol` is
        # not used; a tighter one is)
        coef, intercept, n_iter = _native.logistic_fit(
            X, yi, float(self.C), min(float(self.tol), NEWTON_TOL), int(self.max_iter)
        )
        self.classes_ = classes
        self.coef_ = coef
        self.intercept_ = intercept
        self.n_iter_ = np.array([max(n_iter, 1)], dtype=np.int32)
        return self

    def predict_proba(self, X):
        """Class probabilities: the softmax of the decision values (sigmoid for two classes)."""
        return softmax(self.decision_function(X))

    def predict_log_proba(self, X):
        """``log(predict_proba(X))``."""
        return np.log(self.predict_proba(X))


class RidgeClassifierCV(_LinearClassifier):
    """Ridge classifier with the penalty chosen by efficient leave-one-out.

    Equals ``sklearn.linear_model.RidgeClassifierCV(alphas)`` (``cv=None``: the closed-form
    leave-one-out errors of every alpha from one decomposition, targets in {-1, 1}): ``alpha_``,
    ``coef_``, ``intercept_``. Only ``fit_intercept=True``, ``cv=None`` and ``scoring=None``
    are implemented (class weights are not).
    """

    def __init__(self, alphas=(0.1, 1.0, 10.0), *, fit_intercept=True, scoring=None, cv=None):
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.scoring = scoring
        self.cv = cv

    def fit(self, X, y):
        """Fit on ``X`` and the class labels ``y``."""
        _only(self, fit_intercept=True, scoring=None, cv=None)
        X, classes, yi = check_xy(self, X, y)
        alphas = [float(a) for a in np.atleast_1d(np.asarray(self.alphas, dtype=np.float64))]
        coef, intercept, alpha = _native.ridge_cv_fit(X, yi, alphas)
        self.classes_ = classes
        if len(classes) == 2:
            # sklearn keeps one (flattened) row for two classes: the second class against
            # the first
            coef, intercept = coef[1], intercept[1:]
        self.coef_ = coef
        self.intercept_ = intercept
        self.alpha_ = alpha
        return self
