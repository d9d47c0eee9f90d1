"""sigfeat.signal against scipy.signal on seeded 1-D inputs of both dtypes."""

import numpy as np
import pytest
import scipy.signal as ss

import sigfeat
from conftest import assert_close

DTYPES = [np.float32, np.float64]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("sizes", [(1000, 31), (31, 1000), (4000, 400), (5, 5), (1, 7)])
def test_convolutions(rng, dtype, mode, sizes):
    a = rng.standard_normal(sizes[0]).astype(dtype)
    v = rng.standard_normal(sizes[1]).astype(dtype)
    # FFT-based convolutions agree to the rounding of the transforms, not to the last bit:
    # compare at float32 precision on the scale of the sums.
    scale = float(np.sqrt(min(sizes)))
    pairs = [
        (sigfeat.signal.fftconvolve(a, v, mode), ss.fftconvolve(a, v, mode)),
        (sigfeat.signal.oaconvolve(a, v, mode), ss.oaconvolve(a, v, mode)),
        (sigfeat.signal.convolve(a, v, mode), ss.convolve(a, v, mode)),
        (sigfeat.signal.convolve(a, v, mode, method="direct"), ss.convolve(a, v, mode, method="direct")),
        (sigfeat.signal.convolve(a, v, mode, method="fft"), ss.convolve(a, v, mode, method="fft")),
    ]
    for got, want in pairs:
        assert got.dtype == want.dtype
        assert_close(got / scale, want / scale, np.float32)


def test_mixed_dtypes_give_float64(rng):
    a = rng.standard_normal(300).astype(np.float32)
    v = rng.standard_normal(20)
    got = sigfeat.signal.fftconvolve(a, v)
    want = ss.fftconvolve(a, v)
    assert got.dtype == want.dtype == np.float64
    assert_close(got, want, np.float32)




def test_empty_inputs_like_scipy():
    # fftconvolve / oaconvolve return an empty array; convolve raises.
    for f, g in [(sigfeat.signal.fftconvolve, ss.fftconvolve), (sigfeat.signal.oaconvolve, ss.oaconvolve)]:
        got, want = f(np.ones(0), np.ones(3)), g(np.ones(0), np.ones(3))
        assert got.size == want.size == 0
    for method in ("auto", "direct", "fft"):
        with pytest.raises(ValueError, match="empty"):
            sigfeat.signal.convolve(np.ones(0), np.ones(3), method=method)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("fn", ["convolve", "fftconvolve", "oaconvolve"])
def test_nd_convolution_equals_scipy(rng, dtype, mode, fn):
    import scipy.signal

    for ashape, vshape in [((30, 25), (5, 4)), ((7, 9, 6), (3, 2, 4)), ((4, 5), (9, 11))]:
        a = rng.standard_normal(ashape).astype(dtype)
        v = rng.standard_normal(vshape).astype(dtype)
        got = getattr(sigfeat.signal, fn)(a, v, mode=mode)
        want = getattr(scipy.signal, fn)(a, v, mode=mode)
        assert got.dtype == want.dtype and got.shape == want.shape, (got.shape, want.shape)
        assert_close(got, want, dtype)
    with pytest.raises(ValueError, match="at least as large"):
        sigfeat.signal.convolve(np.ones((5, 2)), np.ones((2, 5)), mode="valid")
