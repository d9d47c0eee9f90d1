//! Ridge classification with built-in leave-one-out (GCV) choice of the penalty.

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use rayon::prelude::*;

use crate::input::{Classes, check_predict, check_xy, to_f64};
use reduce::linalg::{matmul, sym_eigh};

use crate::traits::{classifier_impls, param_guard};
use crate::{Classifier, Error, Result};

/// Hyper-parameters of [`RidgeClassifierCvModel`]: the candidate penalties.
///
/// Equal to `sklearn.linear_model.RidgeClassifierCV(alphas)` (tested against it): targets are
/// one-hot `+1/-1` columns, the intercept is not penalised, and the penalty with the smallest
/// mean squared leave-one-out residual (efficient LOO from one eigendecomposition: of
/// `X^T X` when `n_features <= n_samples`, of the `n x n` Gram matrix `X X^T` otherwise, as
/// sklearn's `gcv_mode='auto'`) is kept; the first of equal scores wins.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RidgeClassifierCvParams(RidgeClassifierCvValidParams);

/// Checked [`RidgeClassifierCvParams`]: the only thing a [`RidgeClassifierCvModel`] is fitted
/// from.
#[derive(Debug, Clone, PartialEq)]
pub struct RidgeClassifierCvValidParams {
    alphas: Vec<f64>,
}

impl RidgeClassifierCvParams {
    /// Candidate penalties (each finite and `> 0`, checked by
    /// [`ParamGuard::check`](dsp_core::ParamGuard) and when fitting).
    #[must_use]
    pub fn new(alphas: &[f64]) -> Self {
        Self(RidgeClassifierCvValidParams {
            alphas: alphas.to_vec(),
        })
    }

    /// The candidate penalties.
    #[must_use]
    pub fn alphas(&self) -> &[f64] {
        &self.0.alphas
    }
}

param_guard!(RidgeClassifierCvParams, RidgeClassifierCvValidParams);

impl RidgeClassifierCvValidParams {
    /// The candidate penalties.
    #[must_use]
    pub fn alphas(&self) -> &[f64] {
        &self.alphas
    }

    fn validate(&self) -> Result<()> {
        if self.alphas.is_empty() {
            return Err(Error::InvalidParameter {
                name: "alphas",
                value: 0.0,
                expected: "at least one penalty",
            });
        }
        for &a in &self.alphas {
            if !(a.is_finite() && a > 0.0) {
                return Err(Error::InvalidParameter {
                    name: "alpha",
                    value: a,
                    expected: "a finite value > 0",
                });
            }
        }
        Ok(())
    }
}

impl Default for RidgeClassifierCvValidParams {
    /// sklearn's default penalties, `(0.1, 1, 10)`.
    fn default() -> Self {
        Self {
            alphas: vec![0.1, 1.0, 10.0],
        }
    }
}

/// A fitted ridge classifier.
#[derive(Debug, Clone)]
pub struct RidgeClassifierCvModel {
    coef: Array2<f64>,
    intercept: Array1<f64>,
    alpha: f64,
    classes: Vec<usize>,
}

impl RidgeClassifierCvModel {
    /// The penalty chosen by leave-one-out (`alpha_`).
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Weights, `n_classes x n_features` (for two classes, row 1 is sklearn's single `coef_`
    /// row and row 0 its negation).
    #[must_use]
    pub fn coef(&self) -> ArrayView2<'_, f64> {
        self.coef.view()
    }

    /// Intercepts, one per class.
    #[must_use]
    pub fn intercept(&self) -> &Array1<f64> {
        &self.intercept
    }

    /// The decision values `X coef^T + intercept` (`n x n_classes`).
    ///
    /// # Errors
    /// As [`Predict::predict`](dsp_core::Predict::predict).
    pub fn decision_function<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array2<f64>> {
        check_predict(
            "RidgeClassifierCvModel::decision_function",
            x,
            self.coef.ncols(),
        )?;
        let mut d = to_f64(x).dot(&self.coef.t());
        d += &self.intercept;
        Ok(d)
    }
}

/// The spectral pieces of the centred problem: `U` (n x r, orthonormal columns spanning the
/// centred data) and `s` (the squared singular values), plus the centred data and targets.
struct Spectral {
    u: Array2<f64>,
    s: Array1<f64>,
    xc: Array2<f64>,
    x_mean: Array1<f64>,
    yc: Array2<f64>,
    y_mean: Array1<f64>,
}

fn spectral(x: &Array2<f64>, classes: &Classes) -> Result<Spectral> {
    let (n, d) = x.dim();
    let k = classes.len();
    let mut y = Array2::from_elem((n, k), -1.0);
    for (i, &c) in classes.index.iter().enumerate() {
        y[[i, c]] = 1.0;
    }
    let x_mean = x.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(d));
    let y_mean = y.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(k));
    let xc = x - &x_mean;
    let yc = y - &y_mean;
    let (u, s) = if d <= n {
        // eigen of the covariance: X^T X = V diag(s) V^T, U = X V / sqrt(s) for s > 0
        let (s, v) = sym_eigh(matmul(xc.t(), xc.view()).view())?;
        let smax = s.iter().copied().fold(0.0, f64::max);
        let keep: Vec<usize> = (0..d).filter(|&j| s[j] > smax * 1e-13 * d as f64).collect();
        let xv = matmul(xc.view(), v.select(Axis(1), &keep).view());
        let mut u = xv;
        let mut sk = Array1::zeros(keep.len());
        for (c, &j) in keep.iter().enumerate() {
            let r = s[j].sqrt();
            u.column_mut(c).mapv_inplace(|v| v / r);
            sk[c] = s[j];
        }
        (u, sk)
    } else {
        let (s, u) = sym_eigh(matmul(xc.view(), xc.t()).view())?;
        (u, s.mapv(|v| v.max(0.0)))
    };
    Ok(Spectral {
        u,
        s,
        xc,
        x_mean,
        yc,
        y_mean,
    })
}

/// Full-data centred fit `H_c Y_c` and leverages `h_ii` (with the intercept's `1/n`) at `alpha`.
fn fitted(sp: &Spectral, alpha: f64) -> (Array2<f64>, Array1<f64>) {
    let w = sp.s.mapv(|s| s / (s + alpha));
    let uty = sp.u.t().dot(&sp.yc);
    let mut scaled = uty;
    for (mut row, &wj) in scaled.rows_mut().into_iter().zip(&w) {
        row *= wj;
    }
    let fit = sp.u.dot(&scaled);
    let n = sp.u.nrows() as f64;
    let h =
        sp.u.rows()
            .into_iter()
            .map(|r| 1.0 / n + r.iter().zip(&w).map(|(u, w)| u * u * w).sum::<f64>())
            .collect();
    (fit, h)
}

fn argmax(row: impl Iterator<Item = f64>) -> usize {
    let mut best = (f64::NEG_INFINITY, 0);
    for (c, v) in row.enumerate() {
        if v > best.0 {
            best = (v, c);
        }
    }
    best.1
}

impl RidgeClassifierCvValidParams {
    fn fit_view<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: &[usize],
    ) -> Result<RidgeClassifierCvModel> {
        check_xy("RidgeClassifierCvParams::fit", x, y)?;
        let classes = Classes::new(y)?;
        let x = to_f64(x);
        let sp = spectral(&x, &classes)?;
        let mut best = (f64::INFINITY, self.alphas[0]);
        for &alpha in &self.alphas {
            let (fit, h) = fitted(&sp, alpha);
            let mut sse = 0.0;
            for ((yr, fr), &hi) in sp.yc.rows().into_iter().zip(fit.rows()).zip(&h) {
                for (a, b) in yr.iter().zip(fr.iter()) {
                    let e = (a - b) / (1.0 - hi);
                    sse += e * e;
                }
            }
            let mse = sse / sp.yc.len() as f64;
            if mse < best.0 {
                best = (mse, alpha);
            }
        }
        let alpha = best.1;
        // W = Xc^T U diag(1/(s+alpha)) U^T Yc
        let mut uty = sp.u.t().dot(&sp.yc);
        for (mut row, &s) in uty.rows_mut().into_iter().zip(&sp.s) {
            row /= s + alpha;
        }
        let dual = sp.u.dot(&uty);
        let coef = matmul(dual.t(), sp.xc.view());
        let intercept = &sp.y_mean - &coef.dot(&sp.x_mean);
        Ok(RidgeClassifierCvModel {
            coef,
            intercept,
            alpha,
            classes: classes.labels,
        })
    }
}

impl<F: Float> Classifier<F> for RidgeClassifierCvValidParams {
    type Fitted = RidgeClassifierCvModel;
    type FitError = Error;

    /// Exact leave-one-out of the whole `RidgeClassifierCV` (its inner penalty choice
    /// included) without refits: fold `i`'s inner LOO residual of sample `j` is the
    /// leave-`{i, j}`-out residual, `(I - H_SS)^{-1} r_S` with `H` the full hat matrix.
    fn loo_predict(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Option<Result<Vec<usize>>> {
        Some((|| {
            check_xy("RidgeClassifierCvParams::loo", x, y)?;
            let classes = Classes::new(y)?;
            let x = to_f64(x);
            let sp = spectral(&x, &classes)?;
            let n = x.nrows();
            let k = classes.len();
            // per alpha: fold scores (n) and LOO predictions (n x k)
            let mut scores = Vec::with_capacity(self.alphas.len());
            let mut loo_pred = Vec::with_capacity(self.alphas.len());
            for &alpha in &self.alphas {
                let (fit, _) = fitted(&sp, alpha);
                let r = &sp.yc - &fit;
                let w = sp.s.mapv(|s| s / (s + alpha));
                let mut uw = sp.u.clone();
                for (mut c, &wj) in uw.columns_mut().into_iter().zip(&w) {
                    c *= wj;
                }
                let mut h = matmul(uw.view(), sp.u.t());
                h.mapv_inplace(|v| v + 1.0 / n as f64);
                let score: Vec<f64> = (0..n)
                    .into_par_iter()
                    .map(|i| {
                        let hii = h[[i, i]];
                        let ri = r.row(i);
                        let mut sse = 0.0;
                        for j in (0..n).filter(|&j| j != i) {
                            let hij = h[[i, j]];
                            let hjj = h[[j, j]];
                            let det = (1.0 - hii) * (1.0 - hjj) - hij * h[[j, i]];
                            let rj = r.row(j);
                            for c in 0..k {
                                let e = ((1.0 - hii) * rj[c] + h[[j, i]] * ri[c]) / det;
                                sse += e * e;
                            }
                        }
                        sse / ((n - 1) * k) as f64
                    })
                    .collect();
                scores.push(score);
                let mut p = Array2::zeros((n, k));
                for i in 0..n {
                    let hii = h[[i, i]];
                    for c in 0..k {
                        let yi = sp.yc[[i, c]] + sp.y_mean[c];
                        p[[i, c]] = yi - r[[i, c]] / (1.0 - hii);
                    }
                }
                loo_pred.push(p);
            }
            Ok((0..n)
                .map(|i| {
                    let mut best = (f64::INFINITY, 0);
                    for (a, s) in scores.iter().enumerate() {
                        if s[i] < best.0 {
                            best = (s[i], a);
                        }
                    }
                    let row = loo_pred[best.1].row(i);
                    classes.labels[argmax(row.iter().copied())]
                })
                .collect())
        })())
    }
}

impl RidgeClassifierCvModel {
    fn predict_view<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array1<usize>> {
        let d = self.decision_function(x)?;
        Ok(d.rows()
            .into_iter()
            .map(|r| self.classes[argmax(r.iter().copied())])
            .collect())
    }
}

classifier_impls!(
    RidgeClassifierCvParams,
    RidgeClassifierCvValidParams,
    RidgeClassifierCvModel
);
