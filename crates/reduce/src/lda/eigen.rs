//! sklearn's `solver="eigen"` (`LinearDiscriminantAnalysis._solve_eigen`): the generalized
//! eigenproblem of the between- and within-class covariances.

use ndarray::{Array1, Array2, ArrayView2, Axis};

use super::{ClassStats, Solved, covariance_intercept, flip_columns_by_max_abs};
use crate::covariance::{class_cov, cov};
use crate::linalg::{matmul, sym_eigh_generalized};
use crate::{Result, Shrinkage};

/// sklearn's `_solve_eigen`: `Sw = covariance_ = _class_cov(x, y, priors_, shrinkage)`, the
/// total `St = _cov(x, shrinkage)` (of all rows, unweighted), `Sb = St - Sw`, then
/// `scipy.linalg.eigh(Sb, Sw)` with the eigenpairs sorted by descending eigenvalue:
/// `scalings_` (all `n_features` of them, normalised `V^T Sw V = I`),
/// `explained_variance_ratio_ = (sorted evals / sum(evals))[:n_components]`,
/// `coef_ = means_ V V^T`, `intercept_ = -0.5 diag(means_ coef_^T) + log(priors_)`.
///
/// Each column of the scalings is sign-normalised (largest-magnitude entry positive; scipy
/// leaves signs to LAPACK). Columns past the first `n_classes - 1` belong to the (numerically)
/// zero eigenvalue of `Sb`, repeated, so any `Sw`-orthonormal basis of that space is as right as
/// sklearn's; they never reach `transform`, and `coef_` does not depend on the basis.
pub(super) fn solve(
    x: ArrayView2<'_, f64>,
    s: &ClassStats,
    shrinkage: Shrinkage,
) -> Result<Solved> {
    let sw = class_cov(x, &s.index, &s.priors, shrinkage)?;
    let sb = cov(x, shrinkage)? - &sw;
    let (evals, evecs) = sym_eigh_generalized(
        sb.view(),
        sw.view(),
        "the within-class covariance (singular: use shrinkage, or the svd solver)",
    )?;
    // sklearn: `sort(evals / sum(evals))[::-1]`, and the vectors by `argsort(evals)[::-1]`
    // (the eigensolver's order is ascending).
    let total = evals.sum();
    let mut ratio: Vec<f64> = evals.iter().map(|&v| v / total).collect();
    ratio.sort_by(|a, b| b.total_cmp(a));
    ratio.truncate(s.n_out);
    let explained_variance_ratio = Array1::from(ratio);
    let mut scalings: Array2<f64> = evecs
        .slice_axis(Axis(1), ndarray::Slice::new(0, None, -1))
        .to_owned();
    flip_columns_by_max_abs(&mut scalings);
    let coef = matmul(matmul(s.means.view(), scalings.view()).view(), scalings.t());
    let intercept = covariance_intercept(&s.means, &coef, &s.priors);
    Ok(Solved {
        scalings: Some(scalings),
        coef,
        intercept,
        explained_variance_ratio: Some(explained_variance_ratio),
        covariance: Some(sw),
        n_out: s.n_out,
    })
}
