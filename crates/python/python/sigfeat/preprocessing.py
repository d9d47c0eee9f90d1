"""Scikit-learn-compatible preprocessing: :class:`StandardScaler` (as
``sklearn.preprocessing.StandardScaler``), fitted by sigfeat's Rust ``reduce::StandardScaler``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin

from . import _native
from ._base import check_is_fitted, check_x


class StandardScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Standardise features by removing the mean and scaling to unit variance.

    Equals ``sklearn.preprocessing.StandardScaler(with_mean, with_std)``: ``mean_``, ``var_``
    (population variance), ``scale_`` (its square root, 1 where the variance is zero) and
    ``n_samples_seen_``; ``transform`` computes ``(X - mean_) / scale_`` in ``X``'s dtype
    (``float32`` stays ``float32``), as scikit-learn does.

    Fitting runs in Rust (one parallel pass, float64 accumulation, the GIL released).
    ``sigfeat.dask.fit`` fits it on data larger than memory by merging per-partition
    statistics.

    >>> import numpy as np
    >>> from sigfeat.preprocessing import StandardScaler
    >>> StandardScaler().fit_transform(np.array([[0.0, 1.0], [2.0, 3.0]]))
    array([[-1., -1.],
           [ 1.,  1.]])
    """

    def __init__(self, *, copy=True, with_mean=True, with_std=True):
        self.copy = copy
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X, y=None):
        """Compute the mean and standard deviation of each feature."""
        X = check_x(self, X, reset=True)
        mean, var, scale, n = _native.standard_scaler_fit(
            X, bool(self.with_mean), bool(self.with_std)
        )
        self.mean_ = mean if (self.with_mean or self.with_std) else None
        self.var_ = var
        self.scale_ = scale
        self.n_samples_seen_ = n
        return self

    def _set_stats(self, mean, var, n):
        """Fitted state from merged statistics (``sigfeat.dask``): float64 mean and variance."""
        self.mean_ = mean if (self.with_mean or self.with_std) else None
        if self.with_std:
            self.var_ = var
            scale = np.sqrt(var)
            # sklearn's _is_constant_feature and _handle_zeros_in_scale: features whose
            # variance is within rounding of zero are left unscaled
            eps = np.finfo(np.float64).eps
            constant = var <= n * eps * var + (n * mean * eps) ** 2
            scale[constant | (scale < 10 * eps)] = 1.0
            self.scale_ = scale
        else:
            self.var_ = None
            self.scale_ = None
        self.n_samples_seen_ = int(n)
        return self

    def transform(self, X, copy=None):
        """Standardise ``X`` (``(X - mean_) / scale_``), in ``X``'s dtype."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        copy = self.copy if copy is None else copy
        out = np.array(X, copy=True) if copy or not X.flags.writeable else X
        if self.with_mean:
            out -= self.mean_
        if self.with_std:
            out /= self.scale_
        return out

    def inverse_transform(self, X, copy=None):
        """Undo :meth:`transform` (``X * scale_ + mean_``), in ``X``'s dtype."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        copy = self.copy if copy is None else copy
        out = np.array(X, copy=True) if copy or not X.flags.writeable else X
        if self.with_std:
            out *= self.scale_
        if self.with_mean:
            out += self.mean_
        return out

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
