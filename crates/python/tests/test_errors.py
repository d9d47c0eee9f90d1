"""Bad input raises the right exception with the Rust library's message; nothing panics."""

import numpy as np
import pytest
import scipy.fft
import scipy.ndimage

import sigfeat

x = np.ones((8, 8))


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint8, np.bool_, np.complex128, object])
def test_other_dtypes_raise_type_error(dtype):
    bad = np.ones((4, 4), dtype=dtype)
    with pytest.raises(TypeError, match="float32 or float64"):
        sigfeat.ndimage.gaussian_filter(bad, 1.0)
    with pytest.raises(TypeError):
        sigfeat.fft.rfft(bad)
    with pytest.raises(TypeError):
        sigfeat.signal.convolve(bad[0], bad[0])


@pytest.mark.parametrize(
    "call",
    [
        lambda: sigfeat.ndimage.gaussian_filter(x, -1.0),
        lambda: sigfeat.ndimage.gaussian_filter(x, np.nan),
        lambda: sigfeat.ndimage.gaussian_filter(x, 1.0, order=4),
        lambda: sigfeat.ndimage.gaussian_filter(x, 1.0, truncate=-2.0),
        lambda: sigfeat.ndimage.gaussian_filter(x, 1.0, mode="bogus"),
        lambda: sigfeat.ndimage.gaussian_filter(x, 1.0, mode="constant", cval=np.inf),
        lambda: sigfeat.ndimage.gaussian_filter(x, 1.0, axes=(0, 5)),
        lambda: sigfeat.ndimage.gaussian_filter1d(x, 0.0),
        lambda: sigfeat.ndimage.gaussian_filter1d(x, 1.0, axis=2),
        lambda: sigfeat.ndimage.gaussian_filter1d(np.ones(0), 1.0),
        lambda: sigfeat.ndimage.correlate1d(x, [1.0, 2.0], origin=3),
        lambda: sigfeat.ndimage.correlate1d(x, []),
        lambda: sigfeat.ndimage.sobel(x, axis=-3),
        lambda: sigfeat.fft.rfft(x, n=0),
        lambda: sigfeat.fft.rfft(x, axis=4),
        lambda: sigfeat.fft.rfft(np.ones(0)),
        lambda: sigfeat.fft.irfft(np.ones(1, dtype=complex)),
        lambda: sigfeat.fft.rfft(x, norm="bogus"),
        lambda: sigfeat.fft.rfft2(np.ones(5)),
        lambda: sigfeat.signal.convolve(np.ones(3), np.ones(3), mode="bogus"),
        lambda: sigfeat.signal.convolve(np.ones(3), np.ones(3), method="bogus"),
    ],
)
def test_bad_values_raise_value_error(call):
    with pytest.raises((ValueError, RuntimeError)):
        call()


def test_messages_come_from_rust():
    with pytest.raises(ValueError, match="sigma"):
        sigfeat.ndimage.gaussian_filter1d(x, -2.0)


def test_unsupported_arguments_say_so():
    with pytest.raises(TypeError, match="output"):
        sigfeat.ndimage.gaussian_filter(x, 1.0, output=np.empty_like(x))
    with pytest.raises(NotImplementedError):
        sigfeat.fft.rfft(x, plan=object())
    with pytest.raises(NotImplementedError, match="axes"):
        sigfeat.signal.fftconvolve(x, x, axes=0)
    with pytest.raises(ValueError, match="dimensionality"):
        sigfeat.signal.convolve(x, x[0])
    with pytest.raises(RuntimeError, match="rank"):
        sigfeat.ndimage.gaussian_filter(x, (1.0, 2.0, 3.0))


def test_nan_propagates_like_scipy():
    import scipy.ndimage as ndi

    y = np.arange(30.0).reshape(5, 6)
    y[2, 3] = np.nan
    np.testing.assert_array_equal(np.isnan(sigfeat.ndimage.gaussian_filter(y, 1.0)),
                                  np.isnan(ndi.gaussian_filter(y, 1.0)))


def unaligned(shape, dtype=np.float64):
    """A C-ordered array one byte off its type's alignment (as arrays unpickled from a buffer
    at an odd offset can be)."""
    n = int(np.prod(shape)) * np.dtype(dtype).itemsize
    a = np.frombuffer(bytearray(n + 1), dtype=np.uint8)[1:].view(dtype).reshape(shape)
    assert not a.flags.aligned
    return a


def test_misaligned_arrays_are_read_not_a_panic(rng):
    x = unaligned((40, 30))
    x[...] = rng.standard_normal((40, 30))
    want = scipy.ndimage.gaussian_filter(np.array(x), 2.0)
    np.testing.assert_array_equal(sigfeat.ndimage.gaussian_filter(x, 2.0), want)
    f = unaligned((64,), np.float32)
    f[...] = rng.standard_normal(64)
    np.testing.assert_allclose(sigfeat.fft.rfft(f), scipy.fft.rfft(np.array(f)), rtol=1e-5, atol=1e-5)
    # the extension itself refuses them with ValueError (never a Rust panic)
    with pytest.raises(ValueError, match="aligned"):
        sigfeat._native.gaussian_filter1d(x, 1.0, -1, 0, "reflect", 0.0, 4.0, None)
