"""sigfeat.stats.gaussian_kde against scipy.stats.gaussian_kde."""

import numpy as np
import pytest
import scipy.stats

import sigfeat


@pytest.mark.parametrize("bw", [None, "scott", "silverman", 0.3])
def test_gaussian_kde_1d_and_2d(rng, bw):
    x1 = rng.standard_normal(200)
    x2 = rng.standard_normal((2, 150)) * [[1.0], [0.3]]
    w = rng.uniform(0.5, 2.0, 150)
    for data, weights, pts in [
        (x1, None, np.linspace(-4, 4, 57)),
        (x2, None, rng.standard_normal((2, 40))),
        (x2, w, rng.standard_normal((2, 40))),
    ]:
        ours = sigfeat.stats.gaussian_kde(data, bw_method=bw, weights=weights)
        ref = scipy.stats.gaussian_kde(data, bw_method=bw, weights=weights)
        np.testing.assert_allclose(ours(pts), ref(pts), rtol=1e-12, atol=0)
        np.testing.assert_allclose(ours.covariance, ref.covariance, rtol=1e-12)
        assert ours.d == ref.d and ours.n == ref.n
        assert ours.factor == pytest.approx(ref.factor, rel=1e-14)
        assert ours.neff == pytest.approx(ref.neff, rel=1e-12)


def test_gaussian_kde_errors():
    with pytest.raises(ValueError):
        sigfeat.stats.gaussian_kde(np.ones(0))
    with pytest.raises(ValueError):
        sigfeat.stats.gaussian_kde(np.array([1.0, np.nan, 2.0]))
    with pytest.raises(ValueError):
        sigfeat.stats.gaussian_kde(np.arange(5.0), bw_method=-1.0)
    with pytest.raises(ValueError):
        sigfeat.stats.gaussian_kde(np.arange(5.0), weights=np.ones(4))
    with pytest.raises(NotImplementedError):
        sigfeat.stats.gaussian_kde(np.arange(5.0), bw_method=lambda k: 0.5)
    kde = sigfeat.stats.gaussian_kde(np.random.default_rng(0).standard_normal((2, 30)))
    with pytest.raises(ValueError):
        kde(np.ones((3, 4)))
