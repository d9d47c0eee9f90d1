//! Halko–Martinsson–Tropp randomized truncated SVD, as `sklearn.utils.extmath.randomized_svd`.

use ndarray::{Array1, Array2, ArrayView2, Axis, Slice};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::Result;
use crate::linalg::{matmul, thin_q, thin_svd};

/// Truncated SVD of `m` (`rows x cols`) to `k` components: `(U (rows x k), S (k), Vt (k x cols))`.
///
/// sklearn's algorithm: a Gaussian test matrix of `k + n_oversamples` columns, `n_iter` power
/// iterations, an orthonormal range basis `Q`, the exact SVD of the small `Q^T m`. Works on
/// `m^T` when `m` is wider than tall (sklearn's `transpose="auto"`). Differences from sklearn:
/// the test matrix comes from ChaCha8 seeded with `seed` (not numpy's `RandomState`), and each
/// power iteration is re-orthonormalised by QR (sklearn's default uses LU when
/// `n_iter > 2`): both span the same subspace, so results agree with sklearn's to the accuracy
/// of the method, not bit for bit. No sign normalisation here.
pub(crate) fn randomized_svd(
    m: ArrayView2<'_, f64>,
    k: usize,
    n_oversamples: usize,
    n_iter: usize,
    seed: u64,
) -> Result<(Array2<f64>, Array1<f64>, Array2<f64>)> {
    if m.nrows() < m.ncols() {
        let (u, s, vt) = randomized_svd(m.t(), k, n_oversamples, n_iter, seed)?;
        return Ok((vt.reversed_axes(), s, u.reversed_axes()));
    }
    let l = (k + n_oversamples).min(m.ncols());
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut q = Array2::from_shape_simple_fn((m.ncols(), l), || StandardNormal.sample(&mut rng));
    for _ in 0..n_iter {
        q = thin_q(matmul(m, q.view()).view())?;
        q = thin_q(matmul(m.t(), q.view()).view())?;
    }
    let q = thin_q(matmul(m, q.view()).view())?;
    let b = matmul(q.t(), m);
    let (uhat, sv, vt) = thin_svd(b.view())?;
    let u = matmul(q.view(), uhat.view());
    let k = k.min(sv.len());
    Ok((
        u.slice_axis(Axis(1), Slice::from(..k)).to_owned(),
        sv.slice_axis(Axis(0), Slice::from(..k)).to_owned(),
        vt.slice_axis(Axis(0), Slice::from(..k)).to_owned(),
    ))
}
