//! Covariance estimators for LDA's `lsqr` and `eigen` solvers, equal to
//! `sklearn.covariance.{empirical_covariance, shrunk_covariance, ledoit_wolf}` and to the
//! `_cov` / `_class_cov` helpers of `sklearn.discriminant_analysis` (tested against sklearn
//! through [`crate::Lda::covariance`]).

use dsp_core::Fit;
use ndarray::{Array2, ArrayView2};

use crate::input::column_means;
use crate::linalg::gram;
use crate::scaler::StandardScalerValidParams;
use crate::{Result, Shrinkage};

/// The rows of `x` minus their column means.
fn centred(x: ArrayView2<'_, f64>) -> Array2<f64> {
    let mean = column_means(x);
    &x - &mean
}

/// The maximum-likelihood covariance of the rows of `x` (divided by `n`, not `n - 1`):
/// `sklearn.covariance.empirical_covariance(x)`. A single row gives zeros.
pub(crate) fn empirical_covariance(x: ArrayView2<'_, f64>) -> Array2<f64> {
    let mut c = gram(centred(x).view());
    let n = x.nrows().max(1) as f64;
    c.mapv_inplace(|v| v / n);
    c
}

/// `(1 - shrinkage) * cov + shrinkage * mu * I` with `mu = trace(cov) / n_features`:
/// `sklearn.covariance.shrunk_covariance(cov, shrinkage)`.
pub(crate) fn shrunk_covariance(mut cov: Array2<f64>, shrinkage: f64) -> Array2<f64> {
    let p = cov.nrows();
    let mu = cov.diag().sum() / p as f64;
    cov.mapv_inplace(|v| (1.0 - shrinkage) * v);
    for i in 0..p {
        cov[[i, i]] += shrinkage * mu;
    }
    cov
}

/// The Ledoit-Wolf shrunk covariance of the rows of `x` and its shrinkage coefficient:
/// `sklearn.covariance.ledoit_wolf(x)` (data centred first; one feature: the variance,
/// shrinkage 0).
///
/// The shrinkage is sklearn's `ledoit_wolf_shrinkage` without its blocks (the blocks only split
/// the same sums): with `X` centred, `S = X^T X / n`, `mu = trace(S) / p`,
/// `beta = (sum_s (sum_i x_si^2)^2 / n - n ||S||_F^2) / (p n)`,
/// `delta = (||S||_F^2 - 2 mu trace(S) + p mu^2) / p`, shrinkage `min(beta, delta) / delta`
/// (0 when the numerator is 0).
pub(crate) fn ledoit_wolf(x: ArrayView2<'_, f64>) -> (Array2<f64>, f64) {
    let (n, p) = x.dim();
    let xc = centred(x);
    let nf = n.max(1) as f64;
    let mut emp = gram(xc.view());
    emp.mapv_inplace(|v| v / nf);
    if p == 1 {
        return (emp, 0.0);
    }
    let pf = p as f64;
    let trace = emp.diag().sum();
    let mu = trace / pf;
    // sum over all entries of (X^2)^T X^2: the squared row sums of X^2.
    let beta_sum: f64 = xc
        .rows()
        .into_iter()
        .map(|r| {
            let s: f64 = r.iter().map(|v| v * v).sum();
            s * s
        })
        .sum();
    // sklearn's delta_: sum of squared entries of X^T X, over n^2, i.e. ||S||_F^2.
    let frob: f64 = emp.iter().map(|v| v * v).sum();
    let beta = (beta_sum / nf - frob) / (pf * nf);
    let delta = (frob - 2.0 * mu * trace + pf * mu * mu) / pf;
    let beta = beta.min(delta);
    let shrinkage = if beta == 0.0 { 0.0 } else { beta / delta };
    (shrunk_covariance(emp, shrinkage), shrinkage)
}

/// sklearn's `discriminant_analysis._cov(x, shrinkage)`: the empirical covariance, shrunk by a
/// fixed coefficient, or (`Auto`) the Ledoit-Wolf estimate of the standardised data rescaled by
/// the features' standard deviations (constant features scale by 1, as `StandardScaler`).
pub(crate) fn cov(x: ArrayView2<'_, f64>, shrinkage: Shrinkage) -> Result<Array2<f64>> {
    Ok(match shrinkage {
        Shrinkage::None => empirical_covariance(x),
        Shrinkage::Fixed(s) => shrunk_covariance(empirical_covariance(x), s),
        Shrinkage::Auto => {
            let scaler = StandardScalerValidParams::default().fit(&x, &())?;
            let z = dsp_core::Transform::transform(&scaler, &x)?;
            let (mut s, _) = ledoit_wolf(z.view());
            // `StandardScaler` with its default `with_std = true` always has a scale.
            let scale = scaler.scale().expect("with_std scaler has a scale");
            for ((i, j), v) in s.indexed_iter_mut() {
                *v *= scale[i] * scale[j];
            }
            s
        }
    })
}

/// sklearn's `discriminant_analysis._class_cov`: `sum_k priors[k] * _cov(x[class k])`, the
/// rows of class `k` being those with `index[row] == k`.
pub(crate) fn class_cov(
    x: ArrayView2<'_, f64>,
    index: &[usize],
    priors: &ndarray::Array1<f64>,
    shrinkage: Shrinkage,
) -> Result<Array2<f64>> {
    let p = x.ncols();
    let mut total = Array2::<f64>::zeros((p, p));
    for (k, &prior) in priors.iter().enumerate() {
        let rows: Vec<usize> = (0..index.len()).filter(|&r| index[r] == k).collect();
        let xk = x.select(ndarray::Axis(0), &rows);
        total.scaled_add(prior, &cov(xk.view(), shrinkage)?);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn empirical_and_shrunk_covariance_by_hand() {
        let x = array![[1.0, 2.0], [3.0, 2.0], [5.0, 8.0]];
        // means (3, 4); deviations (-2,-2), (0,-2), (2,4)
        let c = empirical_covariance(x.view());
        let want = array![[8.0 / 3.0, 12.0 / 3.0], [12.0 / 3.0, 24.0 / 3.0]];
        assert!((&c - &want).iter().all(|d| d.abs() < 1e-14));
        let s = shrunk_covariance(c, 0.25);
        let mu = (8.0 + 24.0) / 3.0 / 2.0;
        assert!((s[[0, 0]] - (0.75 * 8.0 / 3.0 + 0.25 * mu)).abs() < 1e-14);
        assert!((s[[0, 1]] - 0.75 * 4.0).abs() < 1e-14);
        // One row: zeros, as numpy's biased covariance of one sample.
        assert_eq!(
            empirical_covariance(array![[1.0, 2.0]].view()),
            Array2::zeros((2, 2))
        );
    }

    #[test]
    fn ledoit_wolf_edge_cases() {
        // One feature: the variance, no shrinkage.
        let (c, s) = ledoit_wolf(array![[1.0], [3.0]].view());
        assert_eq!((c[[0, 0]], s), (1.0, 0.0));
        // A single row: everything zero, shrinkage 0 (sklearn's `beta == 0` branch).
        let (c, s) = ledoit_wolf(array![[1.0, 2.0, 3.0]].view());
        assert_eq!(s, 0.0);
        assert!(c.iter().all(|&v| v == 0.0));
        // Shrinkage is within [0, 1] and the estimate is the convex combination.
        let x = array![
            [1.0, 0.2, 3.0],
            [0.5, 1.0, 2.0],
            [2.0, 0.1, 0.0],
            [1.5, 1.5, 1.0]
        ];
        let (c, s) = ledoit_wolf(x.view());
        assert!((0.0..=1.0).contains(&s));
        let want = shrunk_covariance(empirical_covariance(x.view()), s);
        assert!((&c - &want).iter().all(|d| d.abs() < 1e-14));
    }
}
