"""Convolution and the short-time Fourier transform of :mod:`scipy.signal`, with its names,
signatures and results.

Each function equals the scipy function of the same name (tested against it for float32 and
float64, to rounding). The convolutions take arrays of any number of axes (1-D by the method
asked; n-d by direct sums, in Rust); two float32 arrays give float32, a float32 and a float64
array float64, as scipy. ``stft`` takes n-D arrays along any axis.
"""

from __future__ import annotations

import numpy as np

from . import _native
from ._checks import real_array

__all__ = ["convolve", "fftconvolve", "oaconvolve", "stft"]

_METHODS = {"auto": "auto", "direct": "direct", "fft": "fft"}


def _pair(in1, in2):
    a = real_array(in1, "in1")
    v = real_array(in2, "in2")
    if a.ndim != v.ndim:
        raise ValueError("in1 and in2 should have the same dimensionality")
    if a.ndim == 0:
        raise ValueError("in1 and in2 must have at least one dimension")
    if a.dtype != v.dtype:
        # scipy's result type: float32 with float64 computes (and returns) float64.
        a = a.astype(np.float64, copy=False)
        v = v.astype(np.float64, copy=False)
    return a, v


def _run(in1, in2, mode, method, empty_ok):
    if mode not in ("full", "same", "valid"):
        raise ValueError("acceptable mode flags are 'valid', 'same', or 'full'")
    a, v = _pair(in1, in2)
    if a.ndim > 1:
        return _run_nd(a, v, mode, empty_ok)
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


def _run_nd(a, v, mode, empty_ok):
    """n-d linear convolution by direct sums (``scipy.ndimage``'s correlation in Rust, on
    ``in1`` padded with zeros): the full result, then scipy's centred 'same' / 'valid' part."""
    if a.size == 0 or v.size == 0:
        if empty_ok:
            return np.zeros((0,) * a.ndim, dtype=a.dtype)
        raise ValueError("in1 and in2 must not be empty")
    if mode == "valid":
        if all(i >= j for i, j in zip(a.shape, v.shape)):
            pass
        elif all(i <= j for i, j in zip(a.shape, v.shape)):
            a, v = v, a  # scipy swaps so that in1 is the larger
        else:
            raise ValueError("For 'valid' mode, one must be at least as large as the other in every dimension")
    pad = [(k - 1, k - 1) for k in v.shape]
    padded = np.pad(a, pad)
    w = np.ascontiguousarray(v[(slice(None, None, -1),) * v.ndim], dtype=np.float64)
    out = _native.correlate_nd(padded, w, "constant", 0.0, [0] * a.ndim, False)
    full_shape = [n + k - 1 for n, k in zip(a.shape, v.shape)]
    full = out[tuple(slice(k // 2, k // 2 + f) for k, f in zip(v.shape, full_shape))]
    if mode == "full":
        return np.ascontiguousarray(full)
    if mode == "same":
        shape = a.shape
    else:
        shape = [n - k + 1 for n, k in zip(a.shape, v.shape)]
    start = [(f - n) // 2 for f, n in zip(full_shape, shape)]
    return np.ascontiguousarray(full[tuple(slice(s0, s0 + n) for s0, n in zip(start, shape))])


def convolve(in1, in2, mode="full", method="auto"):
    """Linear convolution. Equals :func:`scipy.signal.convolve`.

    1-D: ``method`` ``"direct"`` sums, ``"fft"`` one FFT, ``"auto"`` the faster of sigfeat's
    methods for the sizes (measured, not scipy's estimate; the results agree to rounding).
    n-d (both arrays with the same number of axes): direct sums whatever ``method``, in Rust
    and in parallel; scipy's result to rounding.
    """
    if method not in _METHODS:
        raise ValueError("Acceptable method flags are 'auto', 'direct', or 'fft'.")
    return _run(in1, in2, mode, _METHODS[method], empty_ok=False)


def _axes_all(axes, in1):
    ndim = np.ndim(in1)
    if axes is None:
        return
    ax = sorted({int(a) % max(ndim, 1) for a in np.atleast_1d(axes)})
    if ax != list(range(ndim)):
        raise NotImplementedError(f"axes={axes!r}: sigfeat convolves along every axis (axes=None)")


def fftconvolve(in1, in2, mode="full", axes=None):
    """Convolution through one FFT. Equals :func:`scipy.signal.fftconvolve`: 1-D by FFT; n-d
    (``axes=None``) by direct sums, as :func:`convolve`, the same result to rounding."""
    _axes_all(axes, in1)
    return _run(in1, in2, mode, "fft", empty_ok=True)


def oaconvolve(in1, in2, mode="full", axes=None):
    """Convolution by overlapping blocks. Equals :func:`scipy.signal.oaconvolve`: 1-D by
    overlap-add; n-d (``axes=None``) by direct sums, as :func:`convolve`."""
    _axes_all(axes, in1)
    return _run(in1, in2, mode, "oa", empty_ok=True)


_WINDOWS = ("hann", "hamming", "blackman", "boxcar")


def stft(x, fs=1.0, window="hann", nperseg=256, noverlap=None, nfft=None, detrend=False,
         return_onesided=True, boundary="zeros", padded=True, axis=-1, scaling="spectrum"):
    """Short-time Fourier transform: ``(f, t, Zxx)``.

    Equals :func:`scipy.signal.stft` for the windows ``'hann'``, ``'hamming'``,
    ``'blackman'``, ``'boxcar'`` and ``('gaussian', std)`` (periodic, as scipy's
    ``get_window``), ``boundary`` ``'zeros'`` or ``None``, ``padded``, ``scaling``
    ``'spectrum'`` or ``'psd'``: ``Zxx`` has ``x``'s shape with ``axis`` replaced by
    ``(bins, frames)`` at the end, complex64 for float32 input. As scipy, ``nperseg`` longer
    than the signal is shortened to it with a warning; NaN or infinity raises ``ValueError``
    (scipy returns NaN spectra). Not supported: ``detrend``,
    ``return_onesided=False``, other boundary extensions, array windows.
    """
    import warnings

    a = real_array(x, "x")
    if detrend is not False:
        raise NotImplementedError("detrend is not supported")
    if not return_onesided:
        raise NotImplementedError("return_onesided=False is not supported (real input)")
    if boundary not in ("zeros", None):
        raise NotImplementedError(f"boundary={boundary!r}: 'zeros' or None")
    if scaling not in ("spectrum", "psd"):
        raise ValueError(f"Parameter scaling={scaling!r} not in ['spectrum', 'psd']!")
    std = None
    if isinstance(window, tuple) and len(window) == 2 and window[0] == "gaussian":
        name, std = "gaussian", float(window[1])
    elif isinstance(window, str) and window in _WINDOWS:
        name = window
    else:
        raise NotImplementedError(f"window={window!r}: one of {_WINDOWS} or ('gaussian', std)")
    if a.ndim == 0:
        raise ValueError("x must have at least one dimension")
    if not np.isfinite(a).all():
        raise ValueError("x contains NaN or infinity")
    ax = axis + a.ndim if axis < 0 else axis
    if not 0 <= ax < a.ndim:
        raise ValueError(f"axis {axis} is out of bounds for an array of dimension {a.ndim}")
    n = a.shape[ax]
    nperseg = int(nperseg)
    if nperseg < 1:
        raise ValueError("nperseg must be a positive integer")
    if nperseg > n:
        warnings.warn(f"nperseg = {nperseg:d} is greater than input length  = {n:d}, using nperseg = {n:d}",
                      stacklevel=2)
        nperseg = n
    noverlap = nperseg // 2 if noverlap is None else int(noverlap)
    nfft = nperseg if nfft is None else int(nfft)
    rows = np.moveaxis(a, ax, -1)
    lead = rows.shape[:-1]
    rows = rows.reshape(-1, n)
    f, t, z, win_sum, win_sq_sum = _native.stft(
        rows, name, std, nperseg, noverlap, nfft, float(fs), boundary == "zeros", bool(padded)
    )
    if scaling == "psd":
        # scipy's 'psd' scale, sqrt(1 / (fs sum(w^2))), in place of 'spectrum''s 1 / sum(w)
        z *= z.real.dtype.type(win_sum * np.sqrt(1.0 / (float(fs) * win_sq_sum)))
    # scipy's layout: the frequencies where ``axis`` was, the segment times last
    z = np.moveaxis(z.reshape(lead + z.shape[1:]), -2, ax)
    return f.astype(a.dtype), t.astype(a.dtype), z

