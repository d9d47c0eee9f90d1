"""Scikit-learn-compatible :class:`SVC` (as ``sklearn.svm.SVC``), fitted by sigfeat's Rust
``learn::SvcModel`` (SMO, one-vs-one).
"""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import _ovr_decision_function

from . import _native
from ._base import check_is_fitted, check_x, check_xy


class SVC(ClassifierMixin, BaseEstimator):
    """C-support vector classification, one-vs-one, with a linear or RBF kernel.

    Equals ``sklearn.svm.SVC(C, kernel, gamma, tol, decision_function_shape)`` for
    ``kernel='linear'`` and ``'rbf'`` (``gamma='scale'``, ``'auto'`` or a float): libsvm's SMO
    with second-order working-set selection to the same ``tol``, so the support vectors and
    decision values agree with scikit-learn's to its tolerance and the predictions are equal
    away from ties. Attributes as scikit-learn's, in libsvm's layout: ``support_``,
    ``support_vectors_``, ``n_support_``, ``dual_coef_``, ``intercept_``, ``_gamma``.
    Probability estimates, class weights and other kernels are not implemented.
    """

    def __init__(self, *, C=1.0, kernel="rbf", gamma="scale", tol=1e-3, decision_function_shape="ovr", break_ties=False):
        self.C = C
        self.kernel = kernel
        self.gamma = gamma
        self.tol = tol
        self.decision_function_shape = decision_function_shape
        self.break_ties = break_ties

    def fit(self, X, y):
        """Fit on ``X`` and the class labels ``y``."""
        if self.kernel not in ("linear", "rbf"):
            raise NotImplementedError(f"kernel={self.kernel!r} is not implemented; use 'linear' or 'rbf'")
        if self.break_ties:
            raise NotImplementedError("break_ties=True is not implemented")
        if self.decision_function_shape not in ("ovr", "ovo"):
            raise ValueError(f"decision_function_shape must be 'ovr' or 'ovo', got {self.decision_function_shape!r}")
        X, classes, yi = check_xy(self, X, y)
        gamma = None
        if self.kernel == "rbf":
            if self.gamma == "auto":
                gamma = 1.0 / X.shape[1]
            elif isinstance(self.gamma, numbers.Real) and not isinstance(self.gamma, bool):
                gamma = float(self.gamma)
            elif self.gamma != "scale":
                raise ValueError(f"gamma must be 'scale', 'auto' or a float > 0, got {self.gamma!r}")
        used_gamma, pairs = _native.svc_fit(X, yi, self.kernel, float(self.C), gamma, float(self.tol))
        k = len(classes)
        # libsvm's layout: support vectors grouped by class, ascending within each class
        used = np.zeros(X.shape[0], dtype=bool)
        for _, _, sv, _, _ in pairs:
            used[sv] = True
        support = np.concatenate([np.flatnonzero(used & (yi == c)) for c in range(k)]).astype(np.int32)
        pos = np.empty(X.shape[0], dtype=np.intp)
        pos[support] = np.arange(len(support))
        dual = np.zeros((k - 1, len(support)))
        pair_pos, pair_coef, rho = [], [], []
        for a, b, sv, coef, r in pairs:
            p = pos[sv]
            in_a = yi[sv] == a
            # class a's coefficients sit in row b-1, class b's in row a (libsvm)
            dual[b - 1, p[in_a]] = coef[in_a]
            dual[a, p[~in_a]] = coef[~in_a]
            pair_pos.append(p)
            pair_coef.append(coef)
            rho.append(r)
        self.classes_ = classes
        self.support_ = support
        self.support_vectors_ = X[support]
        self.n_support_ = np.bincount(yi[support], minlength=k).astype(np.int32)
        self._gamma = used_gamma if used_gamma is not None else 0.0
        self._pair_pos = pair_pos
        self._pair_coef = pair_coef
        self._rho = np.asarray(rho)
        if k == 2:
            # sklearn flips the binary machine so that decision > 0 means classes_[1]
            self.dual_coef_ = -dual
            self.intercept_ = self._rho.copy()
        else:
            self.dual_coef_ = dual
            self.intercept_ = -self._rho
        self.shape_fit_ = X.shape
        return self

    def _ovo(self, X):
        check_is_fitted(self)
        X = check_x(self, X, reset=False).astype(np.float64, copy=False)
        sv = self.support_vectors_.astype(np.float64, copy=False)
        K = X @ sv.T
        if self.kernel == "rbf":
            d2 = (X * X).sum(axis=1)[:, None] + (sv * sv).sum(axis=1)[None, :] - 2.0 * K
            K = np.exp(-self._gamma * d2)
        return np.column_stack(
            [K[:, p] @ c - r for p, c, r in zip(self._pair_pos, self._pair_coef, self._rho)]
        )

    def decision_function(self, X):
        """Decision values: ``(n,)`` for two classes (> 0 for ``classes_[1]``); else one column
        per pair (``'ovo'``) or per class (``'ovr'``, scikit-learn's transform of the votes)."""
        dec = self._ovo(X)
        k = len(self.classes_)
        if k == 2:
            return -dec[:, 0]
        if self.decision_function_shape == "ovr":
            return _ovr_decision_function(dec < 0, -dec, k)
        return dec

    def predict(self, X):
        """One-vs-one vote (libsvm's: a pair's positive value votes for its first class; ties
        to the smaller class)."""
        dec = self._ovo(X)
        k = len(self.classes_)
        votes = np.zeros((dec.shape[0], k), dtype=np.intp)
        j = 0
        for a in range(k):
            for b in range(a + 1, k):
                pos = dec[:, j] > 0
                votes[pos, a] += 1
                votes[~pos, b] += 1
                j += 1
        return self.classes_[np.argmax(votes, axis=1)]
