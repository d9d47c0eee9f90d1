"""Bags of visual words with scikit-learn's API: :class:`Vocabulary` (k-means words of local
descriptors) and :class:`BagOfWords` (one encoding per image's set of descriptors: hard
histogram, kernel-codebook soft assignment or VLAD), computed by sigfeat's Rust ``bovw`` crate.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin

from . import _native
from ._base import check_is_fitted, check_x, seed_of
from ._checks import aligned
from .cluster import KMeans

__all__ = ["BagOfWords", "Vocabulary"]

_NORMS = {"l1": "l1", "l2": "l2", None: "none"}


def _sets(X):
    """A list of 2-D descriptor sets of one float dtype (float64 unless all are float32)."""
    if isinstance(X, np.ndarray) and X.ndim == 2:
        raise TypeError(
            "X is one matrix: pass a list of descriptor sets (one 2-D array per image); "
            "for a single image, [X]"
        )
    sets = [np.asarray(s) for s in X]
    if not sets:
        raise ValueError("X holds no descriptor set")
    for i, s in enumerate(sets):
        if s.ndim != 2:
            raise ValueError(f"descriptor set {i} must be 2-D (descriptors x dimensions), got shape {s.shape}")
    dtype = np.float32 if all(s.dtype == np.float32 for s in sets) else np.float64
    return [aligned(np.ascontiguousarray(s, dtype=dtype)) for s in sets], np.dtype(dtype)


class Vocabulary(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """A visual vocabulary: the k-means centres (``words_``) of local descriptors.

    :class:`sigfeat.cluster.KMeans` (scikit-learn's k-means, fitted in Rust) named for its use:
    ``fit`` takes the stacked descriptors of the training images (``n_descriptors x dim``) or a
    list of per-image sets; ``predict`` gives each descriptor's word, ``transform`` its distance
    to every word; :meth:`encode` turns per-image sets into histograms, soft assignments or VLAD
    vectors (see :class:`BagOfWords`).
    """

    def __init__(self, n_words=100, *, init="k-means++", n_init="auto", max_iter=300, tol=1e-4,
                 random_state=None, algorithm="lloyd"):
        self.n_words = n_words
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.algorithm = algorithm

    def fit(self, X, y=None):
        """Learn ``n_words`` words from descriptors (a matrix, or a list of per-image sets)."""
        if isinstance(X, (list, tuple)) and X and np.ndim(X[0]) == 2:
            X = np.vstack([np.asarray(s) for s in X])
        X = check_x(self, X, reset=True)
        km = KMeans(
            self.n_words, init=self.init, n_init=self.n_init, max_iter=self.max_iter, tol=self.tol,
            random_state=self.random_state, algorithm=self.algorithm,
        ).fit(X)
        self.words_ = km.cluster_centers_
        self.inertia_ = km.inertia_
        self.n_iter_ = km.n_iter_
        self._kmeans = km
        return self

    @property
    def _n_features_out(self):
        return self.words_.shape[0]

    def predict(self, X):
        """The word (nearest centre) of each descriptor."""
        check_is_fitted(self)
        return self._kmeans.predict(check_x(self, X, reset=False))

    def transform(self, X):
        """The distance of each descriptor to each word."""
        check_is_fitted(self)
        return self._kmeans.transform(check_x(self, X, reset=False))

    def encode(self, sets, encoding="histogram", norm="l1", sigma=None, vlad=None):
        """One vector per descriptor set (see :class:`BagOfWords` for the encodings)."""
        check_is_fitted(self)
        return _encode(self.words_, sets, encoding, norm, sigma, vlad)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags


def _encode(words, sets, encoding, norm, sigma, vlad):
    if norm not in _NORMS:
        raise ValueError(f"norm must be 'l1', 'l2' or None, got {norm!r}")
    vlad = dict(vlad or {})
    unknown = set(vlad) - {"normalize_components", "square_root", "unnormalized", "normalize_mass"}
    if unknown:
        raise ValueError(f"unknown VLAD flags {sorted(unknown)}")
    flags = tuple(bool(vlad.get(k, False)) for k in ("normalize_components", "square_root", "unnormalized", "normalize_mass"))
    sets, dtype = _sets(sets)
    centers = aligned(np.ascontiguousarray(words, dtype=dtype))
    if encoding == "soft" and sigma is None:
        raise ValueError("encoding='soft' needs sigma (the kernel width, in descriptor units)")
    return _native.bovw_encode(
        sets, centers, str(encoding), _NORMS[norm], 1.0 if sigma is None else float(sigma), flags
    )


class BagOfWords(TransformerMixin, BaseEstimator):
    """Bag of visual words: a vocabulary learnt from training images' local descriptors, then
    one fixed-length vector per image.

    ``X`` is a list with one 2-D array of local descriptors per image (SURF rows from
    :func:`sigfeat.feature.dense_surf`, HOG cells, patches, ...). ``fit`` stacks the sets and
    learns ``n_words`` k-means words (:class:`Vocabulary`, seeded by ``random_state``);
    ``transform`` encodes every set, in parallel in Rust:

    - ``'histogram'``: the count of descriptors nearest each word
      (``np.bincount(kmeans.predict(d), minlength=n_words)``), normalised by ``norm``
      (``'l1'``: frequencies; ``'l2'``; ``None``: counts);
    - ``'soft'``: kernel-codebook soft assignment (van Gemert et al. 2008) of width ``sigma``;
    - ``'vlad'``: VLAD (VLFeat's ``vl_vlad_encode``; ``vlad`` flags as a dict), ``n_words * dim``.

    It fits in a :class:`sklearn.pipeline.Pipeline` before a classifier, and
    ``cross_val_score`` splits the list of images as it splits rows.
    """

    def __init__(self, n_words=100, encoding="histogram", norm="l1", sigma=None, vlad=None,
                 max_iter=300, random_state=None):
        self.n_words = n_words
        self.encoding = encoding
        self.norm = norm
        self.sigma = sigma
        self.vlad = vlad
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X, y=None):
        """Learn the vocabulary from the stacked descriptors of the sets in ``X``."""
        sets, _ = _sets(X)
        self.vocabulary_ = Vocabulary(
            self.n_words, max_iter=self.max_iter, random_state=seed_of(self.random_state)
        ).fit(np.vstack(sets))
        self.n_features_in_ = sets[0].shape[1]
        return self

    def transform(self, X):
        """One encoding per set, ``len(X) x n_out``, in the descriptors' dtype."""
        check_is_fitted(self)
        sets, _ = _sets(X)
        for i, s in enumerate(sets):
            if s.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"descriptor set {i} has {s.shape[1]} dimensions, but BagOfWords is expecting "
                    f"{self.n_features_in_} as input"
                )
        return _encode(self.vocabulary_.words_, sets, self.encoding, self.norm, self.sigma, self.vlad)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.three_d_array = True
        return tags

