"""Real FFTs of :mod:`scipy.fft`, with its names, signatures and results.

Each function equals the scipy function of the same name (numpy's definitions and ``norm``
values; tested against it for float32 and float64). ``float32`` input gives ``complex64``
output, as scipy. ``workers`` and ``overwrite_x`` are accepted and ignored (sigfeat uses its
own thread pool and never writes into its input); ``plan`` must be None, as in scipy.
"""

from __future__ import annotations

from . import _native
from ._checks import complex_array, real_array

__all__ = ["rfft", "irfft", "rfft2"]


def _no_plan(plan) -> None:
    if plan is not None:
        raise NotImplementedError("Passing a precomputed plan is not yet supported by scipy")


def _n(n):
    if n is None:
        return None
    n = int(n)
    if n < 1:
        raise ValueError(f"invalid number of data points ({n}) specified")
    return n


def rfft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    """FFT of real input along ``axis``: ``n // 2 + 1`` terms. Equals :func:`scipy.fft.rfft`."""
    _no_plan(plan)
    return _native.rfft(real_array(x, "x"), _n(n), int(axis), norm)


def irfft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    """Inverse of :func:`rfft`: ``n`` real samples (default ``2 * (m - 1)``).

    Equals :func:`scipy.fft.irfft`."""
    _no_plan(plan)
    return _native.irfft(complex_array(x, "x"), _n(n), int(axis), norm)


def rfft2(x, s=None, axes=(-2, -1), norm=None, overwrite_x=False, workers=None, *, plan=None):
    """2-D FFT of real input over ``axes`` (``rfft`` along the last, ``fft`` along the first).

    Equals :func:`scipy.fft.rfft2`."""
    _no_plan(plan)
    axes = tuple(int(a) for a in axes)
    if len(axes) != 2:
        raise ValueError("axes must have two entries")
    if s is not None:
        s = tuple(_n(v) for v in s)
        if len(s) != 2:
            raise ValueError("s must have two entries")
    return _native.rfft2(real_array(x, "x"), s, axes, norm)
