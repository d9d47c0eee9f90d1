"""scipy.ndimage.correlate / convolve (n-d), scipy.signal.stft, skimage.feature.hog and
mahotas' SURF against the references."""

import warnings

import mahotas.features.surf
import numpy as np
import pytest
import scipy.ndimage
import scipy.signal
import skimage.data
import skimage.feature

import sigfeat
from conftest import assert_close

DTYPES = [np.float64, np.float32]
MODES = ["reflect", "constant", "nearest", "mirror", "wrap"]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn", ["correlate", "convolve"])
def test_correlate_convolve_nd(rng, dtype, mode, fn):
    for shape, kshape, origin in [((40, 33), (3, 5), 0), ((12, 9, 7), (2, 3, 4), (0, -1, 1)), ((50,), (6,), -2)]:
        x = rng.standard_normal(shape).astype(dtype)
        w = rng.standard_normal(kshape)
        got = getattr(sigfeat.ndimage, fn)(x, w, mode=mode, cval=0.5, origin=origin)
        want = getattr(scipy.ndimage, fn)(x, w, mode=mode, cval=0.5, origin=origin)
        assert got.dtype == dtype
        assert_close(got, want, dtype)


def test_correlate_nd_errors():
    x = np.ones((8, 8))
    with pytest.raises(RuntimeError):
        sigfeat.ndimage.correlate(x, np.ones(3))
    with pytest.raises(ValueError):
        sigfeat.ndimage.correlate(x, np.ones((3, 3)), origin=5)
    with pytest.raises(ValueError):
        sigfeat.ndimage.convolve(x, np.ones((3, 3)), mode="bad")
    with pytest.raises(TypeError):
        sigfeat.ndimage.correlate(x.astype(np.int32), np.ones((3, 3)))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "kw",
    [
        dict(),
        dict(nperseg=64, noverlap=48, nfft=100, fs=8000.0, window="hamming"),
        dict(nperseg=50, window=("gaussian", 7.0), boundary=None, padded=False),
        dict(nperseg=128, window="blackman", scaling="psd", fs=16000.0),
        dict(nperseg=31, noverlap=0, window="boxcar"),
    ],
)
def test_stft_equals_scipy(rng, dtype, kw):
    x = rng.standard_normal((3, 1000)).astype(dtype)
    f, t, z = sigfeat.signal.stft(x, **kw)
    fr, tr, zr = scipy.signal.stft(x, **kw)
    assert z.shape == zr.shape and z.dtype == zr.dtype, (z.shape, zr.shape, z.dtype, zr.dtype)
    assert_close(f, fr, dtype)
    assert_close(t, tr, dtype)
    assert_close(z, zr, dtype)
    # along another axis of an n-d array
    f2, t2, z2 = sigfeat.signal.stft(np.moveaxis(x, -1, 0), axis=0, **kw)
    assert_close(z2, scipy.signal.stft(np.moveaxis(x, -1, 0), axis=0, **kw)[2], dtype)


def test_stft_short_signal_warns_as_scipy_and_errors():
    x = np.arange(100.0)
    with pytest.warns(UserWarning, match="nperseg"):
        f, t, z = sigfeat.signal.stft(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_close(z, scipy.signal.stft(x)[2], np.float64)
    with pytest.raises(ValueError):
        sigfeat.signal.stft(x, nperseg=32, noverlap=32)
    with pytest.raises(NotImplementedError):
        sigfeat.signal.stft(x, nperseg=32, window="kaiser")
    with pytest.raises(ValueError):
        sigfeat.signal.stft(x, nperseg=32, scaling="bad")
    xn = x.copy()
    xn[5] = np.nan
    with pytest.raises(ValueError):
        sigfeat.signal.stft(xn, nperseg=32)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "kw",
    [
        dict(),
        dict(orientations=8, pixels_per_cell=(16, 16), cells_per_block=(1, 1), block_norm="L1"),
        dict(pixels_per_cell=(6, 10), cells_per_block=(2, 3), block_norm="L2", transform_sqrt=True),
        dict(block_norm="L1-sqrt", feature_vector=False),
    ],
)
def test_hog_equals_skimage(dtype, kw):
    img = skimage.data.camera()[100:260, 150:330].astype(dtype) / 255.0
    got = sigfeat.feature.hog(img, **kw)
    want = skimage.feature.hog(img, **kw)
    assert got.dtype == dtype and got.shape == want.shape
    assert_close(got, want, dtype)


def test_hog_errors():
    with pytest.raises(ValueError):
        sigfeat.feature.hog(np.ones((4, 4)))  # smaller than one block
    with pytest.raises(ValueError):
        sigfeat.feature.hog(np.ones((64, 64)), block_norm="L3")
    with pytest.raises(ValueError):
        sigfeat.feature.hog(-np.ones((64, 64)), transform_sqrt=True)
    with pytest.raises(NotImplementedError):
        sigfeat.feature.hog(np.ones((64, 64)), visualize=True)


def test_surf_equals_mahotas():
    img = skimage.data.camera()[:256, :256].astype(np.float64)
    got = sigfeat.feature.surf(img)
    want = mahotas.features.surf.surf(img)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(sigfeat.feature.surf(img, descriptor_only=True), got[:, 6:])
    got = sigfeat.feature.surf(img, nr_octaves=3, nr_scales=4, threshold=1.0, max_points=50)
    want = mahotas.features.surf.surf(img, nr_octaves=3, nr_scales=4, threshold=1.0, max_points=50)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("spacing,scale", [(16, None), (24, 3.0)])
def test_dense_surf_equals_mahotas(spacing, scale):
    img = skimage.data.camera()[:200, :180].astype(np.float64)
    got = sigfeat.feature.dense_surf(img, spacing, scale, include_interest_point=True)
    want = mahotas.features.surf.dense(img, spacing, scale, include_interest_point=True)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(sigfeat.feature.dense_surf(img, spacing, scale), got[:, 6:])
    with pytest.raises(ValueError):
        sigfeat.feature.dense_surf(img, 0)
    with pytest.raises(ValueError):
        sigfeat.feature.dense_surf(np.ones((10, 10)), 4)


def test_bad_images_raise_value_error():
    nan = np.ones((64, 64))
    nan[10, 10] = np.nan
    for fn in (sigfeat.feature.surf, lambda f: sigfeat.feature.dense_surf(f, 8), sigfeat.feature.hog):
        with pytest.raises(ValueError):
            fn(nan)
        with pytest.raises(ValueError):
            fn(np.ones((0, 0)))
        with pytest.raises(ValueError):
            fn(np.ones((8, 8, 8)))
    with pytest.raises(ValueError):
        sigfeat.ndimage.correlate(np.ones((0, 4)), np.ones((1, 1)))
