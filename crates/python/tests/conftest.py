"""Shared helpers: seeded inputs and comparisons with the reference."""

import os
import sys

# The references run on numpy's baseline float kernels, as the committed fixtures are
# (xtask/fixtures/fixturegen.py, CPU_PROFILE): on a CPU with AVX-512, numpy dispatches exp, log,
# sin, cos and arctan2 to SVML kernels whose last digits differ from libm's. Measured on an AVX-512
# Xeon: scipy's Gaussian kernel at sigma 2 moved by an ulp (75% of a filtered image's values 1 ulp
# off), and skimage's HOG put gradients on a bin edge into the other bin. sigfeat computes with
# libm's functions on every CPU. numpy reads this variable once, when it is first imported.
# The same list as fixturegen's NPY_AVX512 (not imported from there: fixturegen also pins BLAS to
# one thread, which the Dask throughput test must not inherit).
NPY_AVX512 = ("AVX512F AVX512CD AVX512_KNL AVX512_KNM AVX512_SKX AVX512_CLX AVX512_CNL "
              "AVX512_ICL AVX512_SPR")
if "numpy" in sys.modules:
    raise RuntimeError("numpy was imported before tests/conftest.py could set "
                       "NPY_DISABLE_CPU_FEATURES; run pytest without plugins that import it")
os.environ["NPY_DISABLE_CPU_FEATURES"] = NPY_AVX512

import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def rng():
    return np.random.default_rng(20261206)


def assert_close(got, want, dtype):
    """Equal to the reference within the Rust tests' tolerances: float64 to a few ulps of the
    result's scale, float32 to float32 rounding (scipy computes float32 input in float64)."""
    got = np.asarray(got)
    want = np.asarray(want)
    assert got.shape == want.shape, (got.shape, want.shape)
    scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
    tol = 1e-12 if np.dtype(dtype) in (np.float64, np.complex128) else 2e-5
    err = float(np.max(np.abs(got.astype(np.complex128) - want.astype(np.complex128)))) if want.size else 0.0
    assert err <= tol * scale, f"max error {err:.3g} > {tol * scale:.3g}"
