//! sklearn's `solver="lsqr"` (`LinearDiscriminantAnalysis._solve_lstsq`): the decision rule
//! straight from the (optionally shrunk) within-class covariance, no projection.

use ndarray::ArrayView2;

use super::{ClassStats, Solved, covariance_intercept};
use crate::covariance::class_cov;
use crate::linalg::lstsq;
use crate::{Result, Shrinkage};

/// sklearn's `_solve_lstsq`: `covariance_ = _class_cov(x, y, priors_, shrinkage)`,
/// `coef_ = lstsq(covariance_, means_^T)^T`,
/// `intercept_ = -0.5 diag(means_ coef_^T) + log(priors_)`.
///
/// The least-squares solve is the minimum-norm one, as scipy's `gelsd`, so a singular covariance
/// (more features than samples, no shrinkage) still gives sklearn's model. Its rank cut is
/// `n_features * eps * s_max` rather than scipy's `eps * s_max`: on a singular covariance the
/// zero singular values come out as rounding noise near `eps * s_max`, on either side of scipy's
/// cut by chance, and the wider cut drops them whichever side they fall. Both cuts give the same
/// solution whenever the covariance is nonsingular or sklearn's own rank decision is clear.
pub(super) fn solve(
    x: ArrayView2<'_, f64>,
    s: &ClassStats,
    shrinkage: Shrinkage,
) -> Result<Solved> {
    let covariance = class_cov(x, &s.index, &s.priors, shrinkage)?;
    let rcond = x.ncols() as f64 * f64::EPSILON;
    let (coef_t, _rank) = lstsq(covariance.view(), s.means.t(), rcond)?;
    let coef = coef_t.reversed_axes();
    let intercept = covariance_intercept(&s.means, &coef, &s.priors);
    Ok(Solved {
        scalings: None,
        coef,
        intercept,
        explained_variance_ratio: None,
        covariance: Some(covariance),
        n_out: s.n_out,
    })
}
