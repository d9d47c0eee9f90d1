"""sigfeat.feature / sigfeat.filters against scikit-image on seeded inputs."""

import numpy as np
import pytest
import skimage.feature
import skimage.filters

import sigfeat


def test_canny_equals_skimage(rng):
    # A smooth image with edges (a disc and a ramp) plus noise: real edges and weak ones.
    yy, xx = np.mgrid[0:64, 0:80]
    base = ((yy - 30) ** 2 + (xx - 35) ** 2 < 300).astype(np.float64) + xx / 160.0
    for dtype in (np.float64, np.float32):
        img = (base + 0.05 * rng.standard_normal(base.shape)).astype(dtype)
        cases = [
            dict(),
            dict(sigma=2.0),
            dict(sigma=1.5, low_threshold=0.05, high_threshold=0.3),
            dict(sigma=1.0, low_threshold=0.5, high_threshold=0.9, use_quantiles=True),
            dict(sigma=1.2, mode="reflect"),
            dict(sigma=1.2, mode="nearest"),
        ]
        for kw in cases:
            got = sigfeat.feature.canny(img, **kw)
            want = skimage.feature.canny(img, **kw)
            assert got.dtype == np.bool_
            # Edges are thresholded: allow a handful of pixels on exact ties of the magnitude.
            assert np.count_nonzero(got != want) <= 2, (dtype, kw, np.count_nonzero(got != want))
            assert want.sum() > 20


def test_canny_bad_input():
    with pytest.raises(ValueError):
        sigfeat.feature.canny(np.ones((4, 4, 3)))
    with pytest.raises(ValueError):
        sigfeat.feature.canny(np.ones((8, 8)), low_threshold=0.5, high_threshold=0.1)
    with pytest.raises(ValueError):
        sigfeat.feature.canny(np.full((8, 8), np.nan))
    with pytest.raises(NotImplementedError):
        sigfeat.feature.canny(np.ones((8, 8)), mask=np.ones((8, 8), bool))


@pytest.mark.parametrize(
    "kw",
    [
        dict(frequency=0.1),
        dict(frequency=0.2, theta=np.pi / 3, bandwidth=1.5),
        dict(frequency=0.05, sigma_x=4.0, sigma_y=2.5, n_stds=2, offset=0.3),
    ],
)
def test_gabor_kernel_equals_skimage(kw):
    got = sigfeat.filters.gabor_kernel(**kw)
    want = skimage.filters.gabor_kernel(**kw)
    assert got.dtype == want.dtype == np.complex128
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-15 * np.abs(want).max())
    got64 = sigfeat.filters.gabor_kernel(**kw, dtype=np.complex64)
    want64 = skimage.filters.gabor_kernel(**kw, dtype=np.complex64)
    assert got64.dtype == want64.dtype == np.complex64
    np.testing.assert_allclose(got64, want64, rtol=0, atol=2e-7 * np.abs(want).max())


def test_gabor_kernel_bad_input():
    with pytest.raises(ValueError):
        sigfeat.filters.gabor_kernel(0.0)
    with pytest.raises(ValueError):
        sigfeat.filters.gabor_kernel(0.1, dtype=np.float64)
