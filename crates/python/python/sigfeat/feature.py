"""Features of :mod:`skimage.feature`, with its names, signatures and results."""

from __future__ import annotations

from . import _native
from ._checks import mode as _mode
from ._checks import real_array

__all__ = ["canny"]


def canny(image, sigma=1.0, low_threshold=None, high_threshold=None, mask=None, use_quantiles=False,
          *, mode="constant", cval=0.0):
    """Edges of a 2-D float image by Canny's method: a boolean array.

    Equals :func:`skimage.feature.canny` (Gaussian smoothing, Sobel gradients, non-maximum
    suppression, hysteresis). ``mask`` is not supported (``NotImplementedError``); thresholds
    default to 0.1 and 0.2, or are quantiles of the gradient magnitude with ``use_quantiles``.
    """
    if mask is not None:
        raise NotImplementedError("mask= is not supported yet: crop the image or mask the result")
    x = real_array(image, "image")
    low = 0.1 if low_threshold is None else float(low_threshold)
    high = 0.2 if high_threshold is None else float(high_threshold)
    return _native.canny(x, float(sigma), low, high, bool(use_quantiles), _mode(mode), float(cval))
