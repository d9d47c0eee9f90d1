"""Argument checks shared by the wrappers: dtypes, and scipy's spellings of its arguments."""

from __future__ import annotations

import numpy as np

REAL = (np.dtype(np.float32), np.dtype(np.float64))
COMPLEX = (np.dtype(np.complex64), np.dtype(np.complex128))

# scipy.ndimage's filter modes and their aliases (for filters, 'grid-mirror' is 'reflect',
# 'grid-wrap' is 'wrap' and 'grid-constant' is 'constant').
_MODES = {
    "reflect": "reflect",
    "grid-mirror": "reflect",
    "constant": "constant",
    "grid-constant": "constant",
    "nearest": "nearest",
    "mirror": "mirror",
    "wrap": "wrap",
    "grid-wrap": "wrap",
}


def aligned(a: np.ndarray) -> np.ndarray:
    """``a`` itself, or an aligned copy of a misaligned array (numpy allows arrays at any byte
    offset, such as those unpickled from a buffer; the Rust side reads aligned ones)."""
    return a if a.flags.aligned else np.require(a, requirements="A")


def real_array(x, name: str = "input") -> np.ndarray:
    """``x`` as a numpy array of float32 or float64, never converted, copied only when
    misaligned in memory."""
    a = np.asarray(x)
    if a.dtype not in REAL:
        raise TypeError(
            f"{name} must be float32 or float64, got {a.dtype}; "
            f"convert it first, e.g. {name}.astype(numpy.float64)"
        )
    return aligned(a)


def complex_array(x, name: str = "x") -> np.ndarray:
    """``x`` as a numpy array of complex64 or complex128 (real float arrays are widened, as
    numpy's inverse transforms take them)."""
    a = np.asarray(x)
    if a.dtype == np.float32:
        return a.astype(np.complex64)
    if a.dtype == np.float64:
        return a.astype(np.complex128)
    if a.dtype not in COMPLEX:
        raise TypeError(f"{name} must be complex64, complex128, float32 or float64, got {a.dtype}")
    return aligned(a)


def mode(m) -> str:
    """scipy.ndimage's mode name, aliases resolved."""
    if not isinstance(m, str):
        raise TypeError(f"mode must be a string, got {type(m).__name__}")
    try:
        return _MODES[m]
    except KeyError:
        raise ValueError(
            f"boundary mode not supported: {m!r} (one of {', '.join(sorted(_MODES))})"
        ) from None


def per_axis(value, ndim: int, name: str) -> list:
    """scipy's ``_normalize_sequence``: one value for every axis, or one per axis."""
    if np.ndim(value) == 0:
        return [value] * ndim
    seq = list(value)
    if len(seq) != ndim:
        raise RuntimeError(f"sequence argument must have length equal to input rank ({name})")
    return seq


def no_output(output) -> None:
    """sigfeat returns a new array; scipy's ``output=`` argument is not supported."""
    if output is not None:
        raise TypeError("output= is not supported: sigfeat returns a new array of the input's dtype")
