"""Shared helpers: seeded inputs and comparisons with the reference."""

import numpy as np
import pytest


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
