"""What the scikit-learn-compatible estimators share: input validation and label encoding.

The estimators use scikit-learn's own validation (``validate_data``), so they accept and refuse
exactly what scikit-learn's estimators do (lists, pandas frames, ``float32`` kept, integers
converted to ``float64``, NaN / inf / complex / sparse / empty input refused with scikit-learn's
messages), and set ``n_features_in_`` / ``feature_names_in_`` as scikit-learn does.
"""

from __future__ import annotations

import numpy as np

from ._checks import aligned

try:
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "sigfeat's estimators need scikit-learn: pip install 'sigfeat[sklearn]'"
    ) from e

#: The float dtypes the Rust models read in place; anything else becomes float64.
FLOATS = [np.float64, np.float32]


def check_x(est, X, *, reset: bool, min_samples: int = 1, min_features: int = 1):
    """``X`` validated as a C-ordered 2-D float32/float64 array (no copy when it already is)."""
    X = validate_data(
        est,
        X,
        reset=reset,
        dtype=FLOATS,
        order="C",
        ensure_min_samples=min_samples,
        ensure_min_features=min_features,
    )
    return aligned(X)


def check_xy(est, X, y, *, min_samples: int = 1):
    """``X`` and ``y`` validated for a classifier: ``(X, classes, y_index)`` with ``y_index``
    the position of each label in ``classes`` (sorted, as ``numpy.unique``) as ``uintp``.

    Raises ``ValueError`` for continuous targets (scikit-learn's "Unknown label type") and for
    a single class (a classifier needs at least two).
    """
    X, y = validate_data(
        est, X, y, dtype=FLOATS, order="C", ensure_min_samples=min_samples
    )
    check_classification_targets(y)
    classes, y_index = np.unique(y, return_inverse=True)
    if len(classes) < 2:
        raise ValueError(
            f"{type(est).__name__} needs samples of at least 2 classes; "
            f"got 1 class ({classes[0]!r})"
        )
    return aligned(X), classes, np.ascontiguousarray(y_index.reshape(-1), dtype=np.uintp)


def seed_of(random_state) -> int:
    """A 64-bit seed from scikit-learn's ``random_state`` (None, an int or a RandomState)."""
    if random_state is None:
        return int(np.random.randint(0, 2**31 - 1))
    if isinstance(random_state, (int, np.integer)):
        if random_state < 0:
            raise ValueError(f"random_state must be >= 0, got {random_state}")
        return int(random_state)
    if isinstance(random_state, np.random.RandomState):
        return int(random_state.randint(0, 2**31 - 1))
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(0, 2**63 - 1))
    raise ValueError(
        f"random_state must be None, an int, a numpy RandomState or Generator, got {random_state!r}"
    )


def decision_to_labels(classes, decision):
    """sklearn's rule: for two classes a 1-D decision > 0 is ``classes[1]``; else the argmax."""
    if decision.ndim == 1:
        return classes[(decision > 0).astype(np.intp)]
    return classes[np.argmax(decision, axis=1)]


def softmax(d):
    """Row-wise softmax of a 2-D decision, or the two-class sigmoid of a 1-D one."""
    if d.ndim == 1:
        p1 = 1.0 / (1.0 + np.exp(-d))
        return np.column_stack([1.0 - p1, p1])
    e = np.exp(d - d.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


__all__ = [
    "FLOATS",
    "check_is_fitted",
    "check_x",
    "check_xy",
    "decision_to_labels",
    "seed_of",
    "softmax",
]
