//! sklearn's `solver="svd"` (`LinearDiscriminantAnalysis._solve_svd`): no covariance matrix,
//! a within-class SVD of the scaled centred data, then the between-class SVD.

use ndarray::{Array1, Array2, ArrayView2, Axis, Slice, Zip};

use super::{ClassStats, Solved, flip_columns_by_max_abs};
use crate::input::column_means;
use crate::linalg::{gram, matmul, sym_eigh_top, thin_r, thin_svd};
use crate::{Error, Result};

/// Smallest eigenvalue of the scaled within-class Gram matrix, relative to its largest, for which
/// the singular values and right vectors come from that Gram matrix (see [`within_svd`]).
/// Rounding perturbs the Gram matrix by about `eps * lambda_max`, so at this ratio every
/// singular value keeps about 10 correct digits; below it (ill-conditioned or rank-deficient
/// data, where sklearn's rank cut must see small singular values accurately) the backward-stable
/// QR route is taken.
const GRAM_MIN_RATIO: f64 = 1e-5;

/// Singular values above `tol` and their right singular vectors of `d a` (`a` is `n x p`, `d` a
/// positive diagonal given by `scale`, applied to the columns): `(S (r, descending), Vt (r x p))`.
///
/// Tall data whose Gram matrix has eigenvalues of at least `min_ratio` times the largest go
/// through the `p x p` Gram matrix `d a^T a d` (one GEMM over
/// half of it, then a symmetric eigendecomposition: `S = sqrt(lambda)`, `V` the eigenvectors),
/// several times cheaper than an SVD or QR of the tall matrix. Otherwise the scaled matrix is
/// decomposed directly: tall data through a thin QR (`a = QR`, then the SVD of the `p x p`
/// factor `R`: same singular values and right vectors, backward stable), wide ones by a thin SVD.
fn within_svd(
    mut a: Array2<f64>,
    scale: &Array1<f64>,
    tol: f64,
    min_ratio: f64,
) -> Result<(Array1<f64>, Array2<f64>)> {
    let (n, p) = a.dim();
    if n >= p {
        let mut g = gram(a.view());
        for ((i, j), v) in g.indexed_iter_mut() {
            *v *= scale[i] * scale[j];
        }
        let (values, vt) = sym_eigh_top(g.view(), |values| values.len())?;
        let (max, min) = (values[0], values[p - 1]);
        if max > 0.0 && min >= min_ratio * max {
            let rank = values.iter().filter(|&&l| l.sqrt() > tol).count();
            return Ok((
                values
                    .slice_axis(Axis(0), Slice::from(..rank))
                    .mapv(f64::sqrt),
                vt.slice_axis(Axis(0), Slice::from(..rank)).to_owned(),
            ));
        }
    }
    a *= &scale.view();
    let (_u, sv, vt) = if n > p {
        thin_svd(thin_r(a.view())?.view())?
    } else {
        thin_svd(a.view())?
    };
    let rank = sv.iter().filter(|&&s| s > tol).count();
    Ok((
        sv.slice_axis(Axis(0), Slice::from(..rank)).to_owned(),
        vt.slice_axis(Axis(0), Slice::from(..rank)).to_owned(),
    ))
}

/// sklearn's `_solve_svd` on the rows of `x` with the class statistics `s`; `tol` is sklearn's
/// rank tolerance.
pub(super) fn solve(x: ArrayView2<'_, f64>, s: &ClassStats, tol: f64) -> Result<Solved> {
    let (n, p) = x.dim();
    let k = s.classes.len();
    let ClassStats {
        index,
        priors,
        means,
        xbar,
        ..
    } = s;
    // Within-class centred data, scaled per feature by its (population) std, times 1/sqrt(n)
    // (the scaling is applied inside `within_svd`).
    let mut xc = Array2::<f64>::zeros((n, p));
    for ((mut out, row), &c) in xc.rows_mut().into_iter().zip(x.rows()).zip(index) {
        Zip::from(&mut out)
            .and(&row)
            .and(&means.row(c))
            .for_each(|o, &v, &m| *o = v - m);
    }
    let cmean = column_means(xc.view());
    let mut std = Array1::<f64>::zeros(p);
    for row in xc.rows() {
        Zip::from(&mut std)
            .and(&row)
            .and(&cmean)
            .for_each(|s, &v, &m| {
                let d = v - m;
                *s += d * d;
            });
    }
    std.mapv_inplace(|v| {
        let s = (v / n as f64).sqrt();
        if s == 0.0 { 1.0 } else { s }
    });
    let root_fac = (1.0 / n as f64).sqrt();
    let mult = std.mapv(|s| root_fac / s);

    let (sw, vtw) = within_svd(xc, &mult, tol, GRAM_MIN_RATIO)?;
    let rank = sw.len();
    if rank == 0 {
        return Err(Error::DegenerateScatter);
    }
    // scalings (p x rank) = V / std / S
    let mut scalings = vtw.reversed_axes();
    for ((i, j), v) in scalings.indexed_iter_mut() {
        *v /= std[i] * sw[j];
    }

    // Between-class part: weighted class centres in the whitened space.
    let fac = 1.0 / (k - 1) as f64;
    let centred_means = means - xbar;
    let weights = priors.mapv(|pr| (n as f64 * pr * fac).sqrt());
    let weighted = &centred_means * &weights.view().insert_axis(Axis(1));
    let xb = matmul(weighted.view(), scalings.view());
    let (_u, sb, vtb) = thin_svd(xb.view())?;
    let total: f64 = sb.iter().map(|v| v * v).sum();
    let explained_variance_ratio: Array1<f64> =
        sb.iter().take(s.n_out).map(|v| v * v / total).collect();
    let s0 = sb.first().copied().unwrap_or(0.0);
    let rank_b = sb.iter().filter(|&&v| v > tol * s0).count();
    let mut scalings = matmul(
        scalings.view(),
        vtb.slice_axis(Axis(0), Slice::from(..rank_b)).t(),
    );
    flip_columns_by_max_abs(&mut scalings);

    let coef_low = matmul(centred_means.view(), scalings.view());
    let mut intercept: Array1<f64> = coef_low
        .rows()
        .into_iter()
        .zip(priors.iter())
        .map(|(r, &pr)| -0.5 * r.dot(&r) + pr.ln())
        .collect();
    let coef_full = matmul(coef_low.view(), scalings.t());
    intercept -= &coef_full.dot(xbar);
    Ok(Solved {
        scalings: Some(scalings),
        coef: coef_full,
        intercept,
        explained_variance_ratio: Some(explained_variance_ratio),
        covariance: None,
        n_out: s.n_out.min(rank_b),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(n: usize, p: usize) -> Array2<f64> {
        let mut s = 7u64;
        Array2::from_shape_simple_fn((n, p), || {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        })
    }

    /// Right singular vectors agree up to sign.
    fn same_rows_up_to_sign(a: &Array2<f64>, b: &Array2<f64>, tol: f64) {
        assert_eq!(a.dim(), b.dim());
        for (ra, rb) in a.rows().into_iter().zip(b.rows()) {
            let sign = if ra.dot(&rb) < 0.0 { -1.0 } else { 1.0 };
            for (x, y) in ra.iter().zip(rb.iter()) {
                assert!((x - sign * y).abs() < tol, "{x} vs {}", sign * y);
            }
        }
    }

    #[test]
    fn gram_route_equals_qr_route_on_well_conditioned_data() {
        let a = data(300, 20);
        let scale = Array1::from_shape_fn(20, |j| 0.5 + j as f64 / 10.0);
        // min_ratio 0: Gram route (these data are well conditioned); above 1: the QR route.
        let (s_gram, v_gram) = within_svd(a.clone(), &scale, 1e-4, 0.0).unwrap();
        let (s_qr, v_qr) = within_svd(a, &scale, 1e-4, 2.0).unwrap();
        assert_eq!(s_gram.len(), 20);
        for (x, y) in s_gram.iter().zip(&s_qr) {
            assert!((x - y).abs() < 1e-12 * y, "{x} vs {y}");
        }
        same_rows_up_to_sign(&v_gram, &v_qr, 1e-10);
    }

    #[test]
    fn rank_deficient_data_take_the_qr_route() {
        // A repeated column: one zero singular value, cut by the rank tolerance. The Gram
        // route's eigenvalue there is rounding noise, so the default ratio must fall back.
        let mut a = data(200, 8);
        let c = a.column(2).to_owned();
        a.column_mut(5).assign(&c);
        let scale = Array1::ones(8);
        let (s, v) = within_svd(a.clone(), &scale, 1e-4, GRAM_MIN_RATIO).unwrap();
        assert_eq!(s.len(), 7);
        let (s_qr, v_qr) = within_svd(a, &scale, 1e-4, 2.0).unwrap();
        assert_eq!(s, s_qr);
        assert_eq!(v, v_qr);
    }
}
