"""Scikit-learn-compatible :class:`KMeans` (as ``sklearn.cluster.KMeans``), fitted by sigfeat's
Rust ``bovw::KMeans``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, ClusterMixin, TransformerMixin
from sklearn.utils import check_array

from . import _native
from ._base import check_is_fitted, check_x, seed_of


class KMeans(ClassNamePrefixFeaturesOutMixin, ClusterMixin, TransformerMixin, BaseEstimator):
    """k-means clustering.

    Equals ``sklearn.cluster.KMeans(n_clusters, init, n_init, max_iter, tol, random_state,
    algorithm)``: greedy k-means++ (or ``'random'``, or given centres), Lloyd's iteration (or
    bounded, ``algorithm='elkan'``, with the same result), scikit-learn's relative tolerance,
    the best of ``n_init`` runs. Given the same initial centres the centres, labels, inertia
    and iteration count are scikit-learn's; from a seed, the initial centres come from
    sigfeat's own random stream (ChaCha8), so they differ from scikit-learn's draws.
    ``cluster_centers_`` has ``X``'s dtype.
    """

    def __init__(self, n_clusters=8, *, init="k-means++", n_init="auto", max_iter=300, tol=1e-4, random_state=None, copy_x=True, algorithm="lloyd"):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.copy_x = copy_x
        self.algorithm = algorithm

    def fit(self, X, y=None):
        """Cluster the rows of ``X``."""
        X = check_x(self, X, reset=True)
        init, centers = self.init, None
        if not isinstance(init, str):
            centers = check_array(init, dtype=np.float64)
            if centers.shape != (self.n_clusters, X.shape[1]):
                raise ValueError(
                    f"The shape of the initial centers {centers.shape} does not match the "
                    f"number of clusters {self.n_clusters} and features {X.shape[1]}"
                )
            init = "array"
        if X.shape[0] < self.n_clusters:
            raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={self.n_clusters}.")
        n_init = None if self.n_init == "auto" else int(self.n_init)
        centers_, labels, inertia, n_iter = _native.kmeans_fit(
            X, int(self.n_clusters), init, centers, n_init, int(self.max_iter), float(self.tol),
            seed_of(self.random_state), str(self.algorithm),
        )
        self.cluster_centers_ = centers_
        self.labels_ = labels.astype(np.int32)
        self.inertia_ = float(inertia)
        self.n_iter_ = int(n_iter)
        return self

    @property
    def _n_features_out(self):
        return self.cluster_centers_.shape[0]

    def transform(self, X):
        """Euclidean distance of each row to each centre, in ``X``'s dtype."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        return np.sqrt(self._sq_dist(X)).astype(X.dtype, copy=False)

    def _sq_dist(self, X):
        Xd = X.astype(np.float64, copy=False)
        C = self.cluster_centers_.astype(np.float64, copy=False)
        d = (Xd * Xd).sum(axis=1)[:, None] - 2.0 * Xd @ C.T + (C * C).sum(axis=1)[None, :]
        return np.maximum(d, 0.0)

    def predict(self, X):
        """The index of the nearest centre of each row."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        return np.argmin(self._sq_dist(X), axis=1).astype(np.int32)

    def score(self, X, y=None):
        """Minus the sum of squared distances of the rows to their nearest centre."""
        check_is_fitted(self)
        X = check_x(self, X, reset=False)
        return -float(self._sq_dist(X).min(axis=1).sum())

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
