"""Filters of :mod:`scipy.ndimage`, with its names, signatures and results.

Each function equals the scipy function of the same name (tested against it for float32 and
float64). Differences: the result is always a new array of the input's dtype (``output=`` is
not supported), and only float32 / float64 input is accepted (``TypeError`` otherwise; scipy
filters integers too, rounding the result into the integer dtype).
"""

from __future__ import annotations

import numpy as np

from . import _native
from ._checks import mode as _mode
from ._checks import no_output, per_axis, real_array

__all__ = [
    "gaussian_filter", "gaussian_filter1d", "correlate1d", "convolve1d", "correlate", "convolve", "sobel",
]


def gaussian_filter1d(
    input, sigma, axis=-1, order=0, output=None, mode="reflect", cval=0.0, truncate=4.0, *, radius=None
):
    """1-D Gaussian filter (or its derivative of ``order`` 1 to 3) along ``axis``.

    Equals :func:`scipy.ndimage.gaussian_filter1d`. ``sigma`` must be > 0.
    """
    no_output(output)
    x = real_array(input)
    return _native.gaussian_filter1d(
        x, float(sigma), int(axis), int(order), _mode(mode), float(cval), float(truncate),
        None if radius is None else int(radius),
    )


def gaussian_filter(
    input, sigma, order=0, output=None, mode="reflect", cval=0.0, truncate=4.0, *, radius=None, axes=None
):
    """Multidimensional Gaussian filter: 1-D Gaussian filters along the axes, in order.

    Equals :func:`scipy.ndimage.gaussian_filter`: ``sigma``, ``order``, ``mode`` and ``radius``
    take one value or one per filtered axis, ``axes`` picks the axes (default all), and an axis
    whose sigma is 0 is left unfiltered, as scipy does. With one mode on all axes and every
    sigma positive the passes run fused (the image is read once and written once).
    """
    no_output(output)
    x = real_array(input)
    if axes is None:
        axes = list(range(x.ndim))
    else:
        axes = [int(a) for a in np.atleast_1d(axes)]
        norm = [a + x.ndim if a < 0 else a for a in axes]
        if any(a < 0 or a >= x.ndim for a in norm):
            raise ValueError(f"axes {axes} out of range for an array of dimension {x.ndim}")
        if len(set(norm)) != len(norm):
            raise ValueError("axes must be unique")
        axes = norm
    n = len(axes)
    sigmas = [float(s) for s in per_axis(sigma, n, "sigma")]
    orders = [int(o) for o in per_axis(order, n, "order")]
    modes = [_mode(m) for m in (per_axis(mode, n, "mode") if not isinstance(mode, str) else [mode] * n)]
    radii = per_axis(radius, n, "radius") if radius is not None else [None] * n
    if any(not np.isfinite(s) or s < 0 for s in sigmas):
        raise ValueError(f"sigma must be finite and >= 0, got {sigmas}")
    passes = [(a, s, o, m, r) for a, s, o, m, r in zip(axes, sigmas, orders, modes, radii) if s > 1e-15]
    if not passes:
        return x.copy()
    every_axis = [p[0] for p in passes] == list(range(x.ndim))
    if every_axis and len(set(modes)) == 1 and (radius is None or all(r is not None for r in radii)):
        return _native.gaussian_filter(
            x,
            [p[1] for p in passes],
            [p[2] for p in passes],
            modes[0],
            float(cval),
            float(truncate),
            None if radius is None else [int(p[4]) for p in passes],
        )
    y = x
    for a, s, o, m, r in passes:
        y = _native.gaussian_filter1d(
            y, s, a, o, m, float(cval), float(truncate), None if r is None else int(r)
        )
    return y


def _weights(weights) -> np.ndarray:
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 1:
        raise RuntimeError("no filter weights given" if w.size == 0 else "weights must be 1-D")
    return w


def correlate1d(input, weights, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    """1-D correlation along ``axis``. Equals :func:`scipy.ndimage.correlate1d`."""
    no_output(output)
    x = real_array(input)
    return _native.correlate1d(
        x, _weights(weights).tolist(), int(axis), _mode(mode), float(cval), int(origin), False
    )


def convolve1d(input, weights, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    """1-D convolution along ``axis``. Equals :func:`scipy.ndimage.convolve1d`."""
    no_output(output)
    x = real_array(input)
    return _native.correlate1d(
        x, _weights(weights).tolist(), int(axis), _mode(mode), float(cval), int(origin), True
    )


def sobel(input, axis=-1, output=None, mode="reflect", cval=0.0):
    """Sobel derivative along ``axis`` (smoothing along the others).

    Equals :func:`scipy.ndimage.sobel`; ``mode`` is one mode or one per axis.
    """
    no_output(output)
    x = real_array(input)
    if isinstance(mode, str):
        return _native.sobel(x, int(axis), _mode(mode), float(cval))
    modes = [_mode(m) for m in per_axis(mode, x.ndim, "mode")]
    ax = int(axis) + x.ndim if int(axis) < 0 else int(axis)
    if not 0 <= ax < x.ndim:
        raise ValueError(f"axis {axis} is out of bounds for an array of dimension {x.ndim}")
    y = _native.correlate1d(x, [-1.0, 0.0, 1.0], ax, modes[ax], float(cval), 0, False)
    for ii in range(x.ndim):
        if ii != ax:
            y = _native.correlate1d(y, [1.0, 2.0, 1.0], ii, modes[ii], float(cval), 0, False)
    return y


def _nd(input, weights, mode, cval, origin, axes, convolve):
    if axes is not None:
        raise NotImplementedError("axes= is not supported: pass weights with one axis per input axis")
    x = real_array(input)
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != x.ndim:
        raise RuntimeError("filter weights array has incorrect shape.")
    if w.size == 0:
        raise RuntimeError("no filter weights given")
    origins = [int(o) for o in per_axis(origin, x.ndim, "origin")]
    return _native.correlate_nd(x, w, _mode(mode), float(cval), origins, convolve)


def correlate(input, weights, output=None, mode="reflect", cval=0.0, origin=0, *, axes=None):
    """n-d correlation with a full kernel of as many axes as ``input``.

    Equals :func:`scipy.ndimage.correlate` (float64 input bit for bit in scipy's order of
    operations; float32 input is filtered in float32, within its rounding of scipy's float64
    computation). ``origin`` is one value or one per axis.
    """
    no_output(output)
    return _nd(input, weights, mode, cval, origin, axes, False)


def convolve(input, weights, output=None, mode="reflect", cval=0.0, origin=0, *, axes=None):
    """n-d convolution with a full kernel. Equals :func:`scipy.ndimage.convolve` (the kernel
    reversed along every axis, as scipy)."""
    no_output(output)
    return _nd(input, weights, mode, cval, origin, axes, True)
