"""Scikit-learn-compatible time-series transformers: :class:`MiniRocket` (as sktime's / aeon's
``MiniRocket``, the authors' reference), computed by sigfeat's Rust ``features_1d::MiniRocket``,
and :class:`FilterBankFeatures` (the tutorial's filter bank with pooling,
``features_1d::FilterBank``).
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin

from . import _native
from ._base import check_is_fitted, check_x, seed_of
from ._checks import aligned

#: The shortest series MiniRocket takes: one kernel (9 taps).
MIN_LENGTH = 9


class MiniRocket(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """MiniRocket features of univariate series of equal length (one series per row of ``X``).

    The reference is Dempster, Schmidt and Webb (2021), ``minirocket.py`` (sktime's and aeon's
    ``MiniRocket``): 84 fixed kernels, dilations fitted to the series length, biases from the
    quantiles of convolution outputs of random training series, and the proportion of positive
    values (PPV) as features, about ``num_kernels`` of them (a multiple of 84). The dilations
    and features per dilation equal the reference's; the training series that set the biases
    are drawn from sigfeat's own seeded stream (``random_state``), so individual biases differ
    from the reference's draws while every feature is the reference's PPV for its bias.

    Fitted attributes: ``input_length_``, ``dilations_``, ``num_features_per_dilation_``,
    ``biases_`` (``X``'s dtype). ``transform`` runs in Rust, in parallel over series.
    """

    def __init__(self, num_kernels=10_000, max_dilations_per_kernel=32, random_state=None):
        self.num_kernels = num_kernels
        self.max_dilations_per_kernel = max_dilations_per_kernel
        self.random_state = random_state

    def _check(self, X, reset):
        X = check_x(self, X, reset=reset)
        if X.shape[1] < MIN_LENGTH:
            raise ValueError(
                f"MiniRocket needs series of at least {MIN_LENGTH} samples (one per column); "
                f"got n_features = {X.shape[1]}"
            )
        return X

    def fit(self, X, y=None):
        """Fit the dilations and biases to the series (rows) of ``X``; ``y`` is ignored."""
        X = self._check(X, reset=True)
        length, dilations, per, biases = _native.minirocket_fit(
            X, int(self.num_kernels), int(self.max_dilations_per_kernel), seed_of(self.random_state)
        )
        self.input_length_ = length
        self.dilations_ = dilations.astype(np.int64)
        self.num_features_per_dilation_ = per.astype(np.int64)
        self.biases_ = biases
        return self

    @property
    def _n_features_out(self):
        return len(self.biases_)

    def transform(self, X):
        """The PPV features of each series, ``n_series x len(biases_)``, in ``X``'s dtype."""
        check_is_fitted(self)
        X = self._check(X, reset=False)
        return _native.minirocket_transform(
            X,
            int(self.input_length_),
            [int(d) for d in self.dilations_],
            [int(n) for n in self.num_features_per_dilation_],
            # fitted arrays may come unpickled from a buffer (a Dask worker): aligned for Rust
            aligned(self.biases_.astype(X.dtype, copy=False)),
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        tags.requires_fit = True
        return tags


class FilterBankFeatures(TransformerMixin, BaseEstimator):
    """Pooled responses of a bank of 1-D kernels: for each kernel and each pooling,
    ``pool(numpy.convolve(series, kernel, mode))``, one row of features per series.

    The tutorial's ``extract_gabor_features`` loop (``features_1d::FilterBank``, tested against
    numpy): column ``k * len(poolings) + p`` holds kernel ``k`` pooled by ``p``. ``kernels`` is
    a list of 1-D arrays (Gabor kernels from :func:`sigfeat.filters.gabor_kernel`'s 1-D
    counterpart, wavelets, any FIR filter); ``poolings`` are ``'mean'``, ``'std'``
    (population), ``'max'``, ``'min'``, ``'absmax'``, ``'ppv'`` (share of positive values) or
    ``'p<q>'`` (``numpy.percentile``, e.g. ``'p90'``); ``mode`` is ``'valid'``, ``'same'`` or
    ``'full'``. Stateless: ``fit`` only records the number of columns. Output in ``X``'s dtype.
    """

    def __init__(self, kernels=None, poolings=("mean", "std", "max"), mode="valid"):
        self.kernels = kernels
        self.poolings = poolings
        self.mode = mode

    def _kernels(self):
        if self.kernels is None:
            raise ValueError("FilterBankFeatures needs kernels= (a list of 1-D arrays)")
        ks = [np.asarray(k, dtype=np.float64) for k in self.kernels]
        for i, k in enumerate(ks):
            if k.ndim != 1 or k.size == 0:
                raise ValueError(f"kernel {i} must be a non-empty 1-D array, got shape {k.shape}")
        return [k.tolist() for k in ks]

    def fit(self, X, y=None):
        """Check the parameters and record ``n_features_in_``."""
        self._kernels()
        check_x(self, X, reset=True)
        return self

    def transform(self, X):
        """The pooled responses of every row, ``n x (len(kernels) * len(poolings))``."""
        check_is_fitted(self, "n_features_in_")
        X = check_x(self, X, reset=False)
        return _native.filter_bank_transform(X, self._kernels(), [str(p) for p in self.poolings], str(self.mode))

    def get_feature_names_out(self, input_features=None):
        """``k<i>_<pooling>`` for kernel ``i``, as the Rust bank names them."""
        check_is_fitted(self, "n_features_in_")
        return np.array([f"k{i}_{p}" for i in range(len(self.kernels)) for p in self.poolings], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
