"""sigfeat.fft against scipy.fft on seeded inputs of both dtypes."""

import numpy as np
import pytest
import scipy.fft as sfft

import sigfeat
from conftest import assert_close

DTYPES = [np.float32, np.float64]
NORMS = [None, "backward", "ortho", "forward"]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("norm", NORMS)
def test_rfft_irfft(rng, dtype, norm):
    for shape, axis in [((1000,), -1), ((17, 64), 0), ((5, 6, 31), 1), ((4, 97), -1)]:
        x = rng.standard_normal(shape).astype(dtype)
        for n in (None, 50, 128):
            got = sigfeat.fft.rfft(x, n=n, axis=axis, norm=norm)
            want = sfft.rfft(x, n=n, axis=axis, norm=norm)
            assert got.dtype == want.dtype
            assert_close(got, want, dtype)
            for m in (None, 40, 97):
                back = sigfeat.fft.irfft(got, n=m, axis=axis, norm=norm)
                ref = sfft.irfft(want, n=m, axis=axis, norm=norm)
                assert back.dtype == ref.dtype
                assert_close(back, ref, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("norm", NORMS)
def test_rfft2(rng, dtype, norm):
    x = rng.standard_normal((48, 33)).astype(dtype)
    for kw in [dict(), dict(s=(20, 70)), dict(axes=(1, 0)), dict(axes=(-1, -2), s=(16, 16))]:
        got = sigfeat.fft.rfft2(x, norm=norm, **kw)
        want = sfft.rfft2(x, norm=norm, **kw)
        assert got.dtype == want.dtype
        assert_close(got, want, dtype)
    y = rng.standard_normal((3, 20, 24)).astype(dtype)
    assert_close(sigfeat.fft.rfft2(y, norm=norm), sfft.rfft2(y, norm=norm), dtype)
    assert_close(sigfeat.fft.rfft2(y.transpose(2, 0, 1)), sfft.rfft2(y.transpose(2, 0, 1)), dtype)
