"""sigfeat.ndimage against scipy.ndimage on seeded inputs of both dtypes."""

import numpy as np
import pytest
import scipy.ndimage as ndi

import sigfeat
from conftest import assert_close

DTYPES = [np.float32, np.float64]
MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-wrap", "grid-constant"]


def image(rng, shape, dtype):
    return rng.standard_normal(shape).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(57,), (31, 40), (7, 9, 11)])
@pytest.mark.parametrize("sigma", [0.7, 2.0, 5.0])
def test_gaussian_filter(rng, dtype, shape, sigma):
    x = image(rng, shape, dtype)
    got = sigfeat.ndimage.gaussian_filter(x, sigma)
    assert got.dtype == x.dtype
    assert_close(got, ndi.gaussian_filter(x, sigma), dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", MODES)
def test_gaussian_filter_modes_orders(rng, dtype, mode):
    x = image(rng, (23, 30), dtype)
    for order in [0, 1, 2, 3, (0, 1), (2, 0)]:
        kw = dict(order=order, mode=mode, cval=0.75, truncate=3.0)
        assert_close(sigfeat.ndimage.gaussian_filter(x, (1.5, 2.5), **kw),
                     ndi.gaussian_filter(x, (1.5, 2.5), **kw), dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_gaussian_filter_scipy_extras(rng, dtype):
    x = image(rng, (12, 14, 16), dtype)
    cases = [
        dict(sigma=(0.0, 2.0, 1.0)),  # sigma 0: axis skipped
        dict(sigma=2.0, axes=(0, 2)),
        dict(sigma=(1.0, 3.0), axes=(-1, 0)),
        dict(sigma=2.0, radius=3),
        dict(sigma=(2.0, 1.0, 3.0), radius=(1, 2, 4)),
        dict(sigma=1.5, mode=("wrap", "nearest", "constant"), cval=2.0),
        dict(sigma=0.0),
    ]
    for kw in cases:
        assert_close(sigfeat.ndimage.gaussian_filter(x, **kw), ndi.gaussian_filter(x, **kw), dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_any_layout_reads_in_place(rng, dtype):
    base = image(rng, (40, 50), dtype)
    views = [base.T, base[::2, 1::3], base[::-1, ::-2], np.asfortranarray(base)]
    for v in views:
        assert_close(sigfeat.ndimage.gaussian_filter(v, 1.3), ndi.gaussian_filter(v, 1.3), dtype)
        assert_close(sigfeat.ndimage.sobel(v, 0), ndi.sobel(v, 0), dtype)
    before = base.copy()
    sigfeat.ndimage.gaussian_filter(base, 2.0)
    np.testing.assert_array_equal(base, before)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_gaussian_filter1d(rng, dtype, axis):
    x = image(rng, (25, 33), dtype)
    for order in range(4):
        for mode in ["reflect", "constant", "wrap"]:
            kw = dict(axis=axis, order=order, mode=mode, cval=-0.5)
            assert_close(sigfeat.ndimage.gaussian_filter1d(x, 2.2, **kw),
                         ndi.gaussian_filter1d(x, 2.2, **kw), dtype)
    assert_close(sigfeat.ndimage.gaussian_filter1d(x, 3.0, axis=axis, radius=2),
                 ndi.gaussian_filter1d(x, 3.0, axis=axis, radius=2), dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", MODES)
def test_correlate1d_convolve1d(rng, dtype, mode):
    x = image(rng, (19, 26), dtype)
    for w in ([1.0, 3.0], [0.25, 0.5, 0.25], rng.standard_normal(7), rng.standard_normal(12)):
        m = len(w)
        for origin in sorted({-(m // 2), 0, (m - 1) // 2}):
            for axis in (0, -1):
                kw = dict(axis=axis, mode=mode, cval=1.25, origin=origin)
                assert_close(sigfeat.ndimage.correlate1d(x, w, **kw), ndi.correlate1d(x, w, **kw), dtype)
                assert_close(sigfeat.ndimage.convolve1d(x, w, **kw), ndi.convolve1d(x, w, **kw), dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sobel(rng, dtype):
    x = image(rng, (21, 17, 5), dtype)
    for axis in (0, 1, 2, -1):
        for mode in ["reflect", "constant", "nearest", ("wrap", "mirror", "constant")]:
            kw = dict(axis=axis, mode=mode, cval=0.5)
            assert_close(sigfeat.ndimage.sobel(x, **kw), ndi.sobel(x, **kw), dtype)


def test_float64_matches_scipy_bit_for_bit(rng):
    # sigfeat sums in scipy's order: float64 results are scipy's, not just close.
    x = rng.standard_normal((64, 80))
    np.testing.assert_array_equal(sigfeat.ndimage.gaussian_filter(x, 3.0), ndi.gaussian_filter(x, 3.0))
    np.testing.assert_array_equal(sigfeat.ndimage.sobel(x, 1), ndi.sobel(x, 1))
