"""Kernel density estimation of :mod:`scipy.stats`, with its names, signatures and results."""

from __future__ import annotations

import numpy as np

from . import _native
from ._checks import aligned

__all__ = ["gaussian_kde"]


class gaussian_kde:  # noqa: N801 - scipy's name
    """Gaussian kernel density estimate. Equals :class:`scipy.stats.gaussian_kde`.

    ``dataset`` is ``(d, n)`` (or ``n`` samples in 1-D); ``bw_method`` is ``None`` / ``"scott"``,
    ``"silverman"`` or a positive scalar factor (a callable raises ``NotImplementedError``);
    ``weights`` are ``n`` non-negative numbers. The exact sum is evaluated in float64 with the GIL
    released, in parallel over points.
    """

    def __init__(self, dataset, bw_method=None, weights=None):
        data = np.atleast_2d(np.asarray(dataset, dtype=np.float64))
        if data.ndim != 2:
            raise ValueError("dataset must be 1-D or 2-D (d x n)")
        if bw_method is None or bw_method == "scott":
            bw, factor = "scott", 0.0
        elif bw_method == "silverman":
            bw, factor = "silverman", 0.0
        elif np.isscalar(bw_method) and not isinstance(bw_method, str):
            bw, factor = "factor", float(bw_method)
        elif callable(bw_method):
            raise NotImplementedError("a callable bw_method is not supported")
        else:
            raise ValueError("`bw_method` should be 'scott', 'silverman', a scalar or a callable.")
        w = None if weights is None else np.ascontiguousarray(np.atleast_1d(weights), dtype=np.float64)
        if w is not None and w.ndim != 1:
            raise ValueError("`weights` input should be one-dimensional.")
        self.dataset = data
        self._kde = _native.GaussianKde(aligned(data), bw, factor, None if w is None else aligned(w))
        self.d = self._kde.d
        self.n = self._kde.n
        self.factor = self._kde.factor
        self.neff = self._kde.neff
        self.weights = self._kde.weights
        self.covariance = self._kde.covariance

    def evaluate(self, points):
        """Densities at ``points`` (``(d, m)``, or ``m`` points when ``d == 1``)."""
        pts = np.atleast_2d(np.asarray(points, dtype=np.float64))
        d, m = pts.shape
        if d != self.d:
            if d == 1 and m == self.d:
                pts = pts.reshape(self.d, 1)  # one point, as scipy reshapes it
            else:
                raise ValueError(f"points have dimension {d}, dataset has dimension {self.d}")
        return self._kde.evaluate(pts)

    __call__ = evaluate

    def pdf(self, x):
        """Same as :meth:`evaluate`."""
        return self.evaluate(x)
