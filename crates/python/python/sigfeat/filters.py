"""Filters of :mod:`skimage.filters`, with its names, signatures and results."""

from __future__ import annotations

import numpy as np

from . import _native

__all__ = ["gabor_kernel"]


def gabor_kernel(frequency, theta=0, bandwidth=1, sigma_x=None, sigma_y=None, n_stds=3, offset=0,
                 dtype=np.complex128):
    """Complex 2-D Gabor kernel. Equals :func:`skimage.filters.gabor_kernel`.

    The kernel is computed in complex128; ``dtype=numpy.complex64`` rounds it (skimage scales
    in complex64, so the two agree to complex64 rounding).
    """
    dtype = np.dtype(dtype)
    if dtype not in (np.complex64, np.complex128):
        raise ValueError(f"dtype must be complex64 or complex128, got {dtype}")
    k = _native.gabor_kernel(
        float(frequency), float(theta), float(bandwidth),
        None if sigma_x is None else float(sigma_x), None if sigma_y is None else float(sigma_y),
        float(n_stds), float(offset),
    )
    return k if dtype == np.complex128 else k.astype(np.complex64)
