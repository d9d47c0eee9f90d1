"""Features of :mod:`skimage.feature`, with its names, signatures and results."""

from __future__ import annotations

from . import _native
from ._checks import mode as _mode
from ._checks import real_array

__all__ = ["canny", "dense_surf", "hog", "surf"]


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


def hog(image, orientations=9, pixels_per_cell=(8, 8), cells_per_block=(3, 3), block_norm="L2-Hys",
        visualize=False, transform_sqrt=False, feature_vector=True, channel_axis=None):
    """Histogram of oriented gradients of a grey image.

    Equals :func:`skimage.feature.hog` for 2-D images: a 1-D vector (``feature_vector=True``)
    or the ``(n_blocks_row, n_blocks_col, b_row, b_col, orientations)`` blocks, in the image's
    dtype. ``visualize`` and colour images (``channel_axis``) are not supported.
    """
    if visualize:
        raise NotImplementedError("visualize=True is not supported")
    if channel_axis is not None:
        raise NotImplementedError("colour images (channel_axis) are not supported: convert to grey first")
    x = real_array(image, "image")
    if x.ndim != 2:
        raise ValueError(f"Only images with two spatial dimensions are supported; got {x.ndim}-D")
    ppc = tuple(int(v) for v in pixels_per_cell)
    cpb = tuple(int(v) for v in cells_per_block)
    return _native.hog(x, int(orientations), ppc, cpb, str(block_norm), bool(transform_sqrt),
                       bool(feature_vector))


def surf(f, nr_octaves=4, nr_scales=6, initial_step_size=1, threshold=0.1, max_points=1024,
         descriptor_only=False):
    """SURF interest points and descriptors of a grey image.

    Equals ``mahotas.features.surf.surf``: one row per point, ``y, x, scale, score, laplacian,
    angle`` then the 64 descriptor values (only the descriptors with ``descriptor_only``),
    float64.
    """
    x = real_array(f, "f")
    rows = _native.surf(x, int(nr_octaves), int(nr_scales), int(initial_step_size), float(threshold),
                        int(max_points))
    return rows[:, 6:].copy() if descriptor_only else rows


def dense_surf(f, spacing, scale=None, include_interest_point=False):
    """SURF descriptors on a regular grid of ``spacing`` pixels.

    Equals ``mahotas.features.surf.dense``: mahotas' grid (rows and columns ``spacing / 2``,
    ``spacing / 2 + spacing``, ..., column by column), every point at ``scale`` (default
    ``sqrt(spacing)``, as mahotas) with its dominant orientation, points within half the
    descriptor window of the border dropped; one 64-value descriptor per point, with the
    points' ``y, x, scale, score, laplacian, angle`` first when ``include_interest_point``;
    float64.
    """
    x = real_array(f, "f")
    return _native.dense_surf(x, int(spacing), None if scale is None else float(scale),
                              bool(include_interest_point))
