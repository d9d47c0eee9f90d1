"""1-D convolution of :mod:`scipy.signal`, with its names, signatures and results.

Each function equals the scipy function of the same name for 1-D arrays (tested against it for
float32 and float64, to rounding). Two float32 arrays give float32; a float32 and a float64
array give float64, as scipy. n-D arrays raise ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from . import _native
from ._checks import real_array

__all__ = ["convolve", "fftconvolve", "oaconvolve"]

_METHODS = {"auto": "auto", "direct": "direct", "fft": "fft"}


def _pair(in1, in2):
    a = real_array(in1, "in1")
    v = real_array(in2, "in2")
    if a.ndim != 1 or v.ndim != 1:
        raise NotImplementedError(
            f"sigfeat.signal convolves 1-D arrays; got {a.ndim}-D and {v.ndim}-D"
        )
    if a.dtype != v.dtype:
        # scipy's result type: float32 with float64 computes (and returns) float64.
        a = a.astype(np.float64, copy=False)
        v = v.astype(np.float64, copy=False)
    return a, v


def _run(in1, in2, mode, method, empty_ok):
    if mode not in ("full", "same", "valid"):
        raise ValueError("acceptable mode flags are 'valid', 'same', or 'full'")
    a, v = _pair(in1, in2)
    if a.size == 0 or v.size == 0:
        # As scipy: fftconvolve / oaconvolve return an empty array, convolve raises.
        if empty_ok:
            return np.array([], dtype=a.dtype)
        raise ValueError("in1 and in2 must not be empty")
    if mode == "same" and v.size > a.size:
        # scipy keeps in1's length (numpy's convolve, and sigfeat's Rust, keep the longer).
        full = _native.convolve1(a, v, "full", method)
        start = (full.size - a.size) // 2
        return full[start : start + a.size].copy()
    return _native.convolve1(a, v, mode, method)


def convolve(in1, in2, mode="full", method="auto"):
    """Linear convolution of two 1-D arrays. Equals :func:`scipy.signal.convolve`.

    ``method``: ``"direct"`` sums, ``"fft"`` one FFT, ``"auto"`` the faster of sigfeat's
    methods for the sizes (measured, not scipy's estimate; the results agree to rounding).
    """
    if method not in _METHODS:
        raise ValueError("Acceptable method flags are 'auto', 'direct', or 'fft'.")
    return _run(in1, in2, mode, _METHODS[method], empty_ok=False)


def fftconvolve(in1, in2, mode="full", axes=None):
    """Convolution through one FFT. Equals :func:`scipy.signal.fftconvolve` (1-D)."""
    if axes not in (None, 0, -1, [0], [-1], (0,), (-1,)):
        raise ValueError(f"axes {axes!r} out of range for 1-D input")
    return _run(in1, in2, mode, "fft", empty_ok=True)


def oaconvolve(in1, in2, mode="full", axes=None):
    """Convolution by overlapping blocks. Equals :func:`scipy.signal.oaconvolve` (1-D)."""
    if axes not in (None, 0, -1, [0], [-1], (0,), (-1,)):
        raise ValueError(f"axes {axes!r} out of range for 1-D input")
    return _run(in1, in2, mode, "oa", empty_ok=True)
