"""Scikit-learn-compatible :class:`KNeighborsClassifier` (as
``sklearn.neighbors.KNeighborsClassifier``), predicting with sigfeat's Rust ``learn::KnnModel``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from . import _native
from ._base import check_is_fitted, check_x, check_xy
from ._checks import aligned


class KNeighborsClassifier(ClassifierMixin, BaseEstimator):
    """Classifier by a vote of the ``n_neighbors`` nearest training samples.

    Equals ``sklearn.neighbors.KNeighborsClassifier(n_neighbors)`` with its defaults (uniform
    weights, Euclidean distance): ties in votes go to the smaller class, ties in distance to the
    earlier training sample, and distances near the k-th are re-measured exactly, so the
    neighbours are those of exact arithmetic. Brute force on blocked GEMM in Rust, in parallel;
    ``algorithm`` and ``leaf_size`` are accepted for compatibility and do not change results.
    Only ``weights='uniform'`` and the Euclidean metric are implemented.
    """

    def __init__(self, n_neighbors=5, *, weights="uniform", algorithm="auto", leaf_size=30, p=2, metric="minkowski"):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.metric = metric

    def fit(self, X, y):
        """Keep the training set."""
        if self.weights != "uniform":
            raise NotImplementedError(f"weights={self.weights!r} is not implemented; only 'uniform'")
        if not (self.metric == "euclidean" or (self.metric == "minkowski" and self.p == 2)):
            raise NotImplementedError("only the Euclidean metric (metric='minkowski', p=2) is implemented")
        X, classes, yi = check_xy(self, X, y)
        self.classes_ = classes
        self._fit_X = X
        self._y = yi
        self.n_samples_fit_ = X.shape[0]
        return self

    def predict(self, X):
        """The majority class of each row's nearest training samples."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        k = int(self.n_neighbors)
        if k > self.n_samples_fit_:
            raise ValueError(
                f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {k}, "
                f"n_samples_fit = {self.n_samples_fit_}, n_samples = {X.shape[0]}"
            )
        # The Rust model is the training set itself: it is rebuilt from the fitted arrays here
        # (one copy and the row norms, O(n d), small beside the O(m n d) search), so the
        # estimator pickles as plain arrays. Fitted arrays may come unpickled from a buffer (a
        # Dask worker): aligned for Rust.
        idx = _native.knn_predict(aligned(self._fit_X), aligned(self._y), X, k)
        return self.classes_[idx.astype(np.intp)]
