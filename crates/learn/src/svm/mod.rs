//! Support vector classification (C-SVC, one-vs-one), linear and RBF kernels.

mod loo;
mod smo;

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView2, Axis};

use crate::input::{Classes, check_predict, check_xy, to_f64};
use reduce::linalg::matmul;

use crate::traits::{classifier_impls, param_guard};
use crate::{Classifier, Error, Result};

/// The RBF width: sklearn's `'scale'` (`1 / (n_features * X.var())` of the training data) or
/// a fixed value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gamma {
    /// `1 / (n_features * X.var())`, or 1 when the training data are constant.
    Scale,
    /// A fixed `gamma > 0`.
    Value(f64),
}

/// The kernel of an [`SvcParams`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kernel {
    /// `K(a, b) = a . b`.
    Linear,
    /// `K(a, b) = exp(-gamma |a - b|^2)`.
    Rbf(Gamma),
}

/// Hyper-parameters of [`SvcModel`].
///
/// Equal to `sklearn.svm.SVC(kernel, C, gamma, tol)` (tested against it): one binary C-SVC per
/// pair of classes (**one-vs-one**, as libsvm), each solved by libsvm's SMO (second-order
/// working-set selection, its clipping, stopping test and `rho`; no shrinking, which changes
/// only the path), prediction by majority vote with ties to the smaller label. Decision values
/// agree with sklearn's to ~1e-8 when both solve tightly; at the default `tol = 1e-3` both stop
/// within that tolerance of the optimum, so a point within it of a boundary can differ.
///
/// The kernel matrix is held dense (`n_samples^2` f64), which suits a few thousand samples.
///
/// ```
/// use dsp_core::{Fit, Predict};
/// use learn::{Gamma, SvcParams, ValidationOptions, leave_one_out};
/// use ndarray::array;
///
/// let x = array![[0.0, 0.0], [0.3, 0.1], [0.1, 0.4], [2.0, 2.1], [2.2, 1.9], [1.9, 2.3]];
/// let y = [1usize, 1, 1, 2, 2, 2];
/// let rbf = SvcParams::rbf().c(10.0); // sklearn's SVC(C=10), gamma='scale'
/// assert_eq!(rbf.fit(&x, &y)?.predict(&x)?.to_vec(), y);
/// let linear = SvcParams::linear();
/// let loo = leave_one_out(&linear, x.view(), &y, ValidationOptions::default())?;
/// assert_eq!(loo.mean_score(), 1.0);
/// assert!(SvcParams::rbf().gamma(Gamma::Value(-1.0)).fit(&x, &y).is_err());
/// # Ok::<(), learn::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvcParams(SvcValidParams);

/// Checked [`SvcParams`]: the only thing an [`SvcModel`] is fitted from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvcValidParams {
    kernel: Kernel,
    c: f64,
    tol: f64,
    max_iter: usize,
}

impl SvcParams {
    /// A linear SVC with `C = 1`, `tol = 1e-3`.
    #[must_use]
    pub fn linear() -> Self {
        Self(SvcValidParams {
            kernel: Kernel::Linear,
            c: 1.0,
            tol: 1e-3,
            max_iter: 10_000_000,
        })
    }

    /// An RBF SVC with `gamma = 'scale'`, `C = 1`, `tol = 1e-3` (sklearn's `SVC()`).
    #[must_use]
    pub fn rbf() -> Self {
        let mut p = Self::linear();
        p.0.kernel = Kernel::Rbf(Gamma::Scale);
        p
    }

    /// The penalty `C`.
    #[must_use]
    pub fn c(mut self, c: f64) -> Self {
        self.0.c = c;
        self
    }

    /// The RBF width (turns the kernel into an RBF one).
    #[must_use]
    pub fn gamma(mut self, gamma: Gamma) -> Self {
        self.0.kernel = Kernel::Rbf(gamma);
        self
    }

    /// The stopping tolerance on the KKT gap (libsvm's `eps`).
    #[must_use]
    pub fn tol(mut self, tol: f64) -> Self {
        self.0.tol = tol;
        self
    }

    /// The kernel.
    #[must_use]
    pub fn kernel(&self) -> Kernel {
        self.0.kernel
    }
}

param_guard!(SvcParams, SvcValidParams);

impl SvcValidParams {
    /// The kernel.
    #[must_use]
    pub fn kernel(&self) -> Kernel {
        self.kernel
    }

    /// The penalty `C`.
    #[must_use]
    pub fn c(&self) -> f64 {
        self.c
    }

    /// The stopping tolerance.
    #[must_use]
    pub fn tol(&self) -> f64 {
        self.tol
    }

    fn validate(&self) -> Result<()> {
        let mut vals = vec![("C", self.c), ("tol", self.tol)];
        if let Kernel::Rbf(Gamma::Value(g)) = self.kernel {
            vals.push(("gamma", g));
        }
        for (name, v) in vals {
            if !(v.is_finite() && v > 0.0) {
                return Err(Error::InvalidParameter {
                    name,
                    value: v,
                    expected: "a finite value > 0",
                });
            }
        }
        Ok(())
    }
}

/// One pair's binary machine: training rows with non-zero `alpha y` and the offset.
#[derive(Debug, Clone)]
struct Pair {
    a: usize,
    b: usize,
    sv: Vec<usize>,
    coef: Vec<f64>,
    rho: f64,
}

/// A fitted one-vs-one SVC.
#[derive(Debug, Clone)]
pub struct SvcModel {
    x: Array2<f64>,
    gamma: Option<f64>,
    pairs: Vec<Pair>,
    classes: Vec<usize>,
}

fn gamma_scale(sum: f64, sumsq: f64, count: usize, d: usize) -> f64 {
    let mean = sum / count as f64;
    let var = (sumsq / count as f64 - mean * mean).max(0.0);
    if var == 0.0 {
        1.0
    } else {
        1.0 / (d as f64 * var)
    }
}

fn norms(x: &Array2<f64>) -> Array1<f64> {
    x.rows().into_iter().map(|r| r.dot(&r)).collect()
}

/// `|a_i|^2 + |b_j|^2 - 2 a_i.b_j` (libsvm's form of the squared distance).
fn sq_dists(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
    let (na, nb) = (norms(a), norms(b));
    let mut d = matmul(a.view(), b.t());
    for (mut row, &ai) in d.rows_mut().into_iter().zip(&na) {
        for (v, &bj) in row.iter_mut().zip(&nb) {
            *v = ai + bj - 2.0 * *v;
        }
    }
    d
}

/// One pair's full binary solution on the rows `idx` (class `a` rows, labelled +1, then class
/// `b` rows, -1), for warm starts.
#[derive(Debug, Clone)]
struct PairSolution {
    a: usize,
    b: usize,
    idx: Vec<usize>,
    y: Vec<f64>,
    alpha: Vec<f64>,
    grad: Vec<f64>,
    rho: f64,
}

impl PairSolution {
    fn to_pair(&self) -> Pair {
        let (mut sv, mut coef) = (Vec::new(), Vec::new());
        for t in 0..self.idx.len() {
            if self.alpha[t] > 0.0 {
                sv.push(self.idx[t]);
                coef.push(self.alpha[t] * self.y[t]);
            }
        }
        Pair {
            a: self.a,
            b: self.b,
            sv,
            coef,
            rho: self.rho,
        }
    }
}

/// Solves every pair on the rows `rows` of the square kernel `k` (`labels[r]`: class index of
/// row `r`) from scratch.
fn solve_pairs(
    k: &Array2<f64>,
    rows: &[usize],
    labels: &[usize],
    n_classes: usize,
    params: &SvcValidParams,
) -> Vec<PairSolution> {
    let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); n_classes];
    for &r in rows {
        by_class[labels[r]].push(r);
    }
    let mut pairs = Vec::with_capacity(n_classes * (n_classes - 1) / 2);
    let mut sub = Vec::new();
    for a in 0..n_classes {
        for b in a + 1..n_classes {
            let idx: Vec<usize> = by_class[a].iter().chain(&by_class[b]).copied().collect();
            let m = idx.len();
            let y: Vec<f64> = (0..m)
                .map(|t| if t < by_class[a].len() { 1.0 } else { -1.0 })
                .collect();
            sub.clear();
            sub.reserve(m * m);
            for &r in &idx {
                let row = k.row(r);
                sub.extend(idx.iter().map(|&c| row[c]));
            }
            let sol = smo::solve(&sub, m, &y, params.c, params.tol, params.max_iter);
            pairs.push(PairSolution {
                a,
                b,
                idx,
                y,
                alpha: sol.alpha,
                grad: sol.grad,
                rho: sol.rho,
            });
        }
    }
    pairs
}

/// [`solve_pairs`] reduced to the support vectors.
fn fit_pairs(
    k: &Array2<f64>,
    rows: &[usize],
    labels: &[usize],
    n_classes: usize,
    params: &SvcValidParams,
) -> Vec<Pair> {
    solve_pairs(k, rows, labels, n_classes, params)
        .iter()
        .map(PairSolution::to_pair)
        .collect()
}

/// One-vs-one vote from a kernel row `krow` (kernel of the query with every training row).
fn vote(pairs: &[Pair], n_classes: usize, krow: &[f64], votes: &mut [usize]) -> usize {
    votes.iter_mut().for_each(|v| *v = 0);
    for p in pairs {
        let dec: f64 =
            p.sv.iter()
                .zip(&p.coef)
                .map(|(&s, c)| c * krow[s])
                .sum::<f64>()
                - p.rho;
        if dec > 0.0 {
            votes[p.a] += 1;
        } else {
            votes[p.b] += 1;
        }
    }
    let mut best = 0;
    for c in 1..n_classes {
        if votes[c] > votes[best] {
            best = c;
        }
    }
    best
}

impl SvcModel {
    /// The kernel of each row of `x` with every training row (`m x n_train`).
    fn kernel_rows(&self, x: &Array2<f64>) -> Array2<f64> {
        match self.gamma {
            None => matmul(x.view(), self.x.t()),
            Some(g) => sq_dists(x, &self.x).mapv_into(|d| (-g * d).exp()),
        }
    }

    /// The one-vs-one decision values, `n x n_pairs`, pairs `(0,1), (0,2), ..., (1,2), ...` in
    /// sorted label order (sklearn's `decision_function_shape='ovo'`).
    ///
    /// # Errors
    /// As [`Predict::predict`](dsp_core::Predict::predict).
    pub fn decision_function_ovo<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array2<f64>> {
        check_predict("SvcModel::decision_function_ovo", x, self.x.ncols())?;
        let k = self.kernel_rows(&to_f64(x));
        let mut out = Array2::zeros((k.nrows(), self.pairs.len()));
        for (krow, mut o) in k.rows().into_iter().zip(out.rows_mut()) {
            for (p, v) in self.pairs.iter().zip(o.iter_mut()) {
                *v =
                    p.sv.iter()
                        .zip(&p.coef)
                        .map(|(&s, c)| c * krow[s])
                        .sum::<f64>()
                        - p.rho;
            }
        }
        Ok(out)
    }

    /// The RBF width used (`None` for the linear kernel).
    #[must_use]
    pub fn gamma(&self) -> Option<f64> {
        self.gamma
    }

    /// The binary machines, one per pair of classes in sklearn's order `(0,1), (0,2), ...,
    /// (1,2), ...` (indices into the classes, [`Model::classes`](crate::Model::classes)): for each, `(a, b, support, coef, rho)`,
    /// where `support` are the training rows with a non-zero multiplier and `coef` their
    /// `alpha_i y_i` (`+1` for class `a`). The pair's decision value of a row `x` is
    /// `sum_i coef_i K(x, x_support_i) - rho`, positive for class `a`; sklearn's
    /// `intercept_` is `-rho` and its `dual_coef_` holds the same `coef` values.
    pub fn pairs(&self) -> impl ExactSizeIterator<Item = (usize, usize, &[usize], &[f64], f64)> {
        self.pairs
            .iter()
            .map(|p| (p.a, p.b, p.sv.as_slice(), p.coef.as_slice(), p.rho))
    }
}

impl SvcValidParams {
    fn fit_view<F: Float>(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Result<SvcModel> {
        check_xy("SvcParams::fit", x, y)?;
        let classes = Classes::new(y)?;
        let x = to_f64(x);
        let (n, d) = x.dim();
        let (k, gamma) = match self.kernel {
            Kernel::Linear => (matmul(x.view(), x.t()), None),
            Kernel::Rbf(gs) => {
                let g = match gs {
                    Gamma::Value(g) => g,
                    Gamma::Scale => gamma_scale(x.sum(), x.iter().map(|v| v * v).sum(), x.len(), d),
                };
                (sq_dists(&x, &x).mapv_into(|v| (-g * v).exp()), Some(g))
            }
        };
        let rows: Vec<usize> = (0..n).collect();
        let pairs = fit_pairs(&k, &rows, &classes.index, classes.len(), self);
        Ok(SvcModel {
            x,
            gamma,
            pairs,
            classes: classes.labels,
        })
    }
}

impl<F: Float> Classifier<F> for SvcValidParams {
    type Fitted = SvcModel;
    type FitError = Error;

    /// Warm-started refits from the full-data solution (see `svm/loo.rs`): a fold whose
    /// held-out sample is no support vector keeps the full model, other folds re-run SMO from
    /// the full alphas to the same tolerance; with `gamma = 'scale'` each fold uses its own
    /// width, as sklearn does. Folds run in parallel.
    fn loo_predict(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Option<Result<Vec<usize>>> {
        crate::validation::warm_started_loo(self, "SvcParams::loo", x, y, |classes| {
            let pred = loo::loo(self, &to_f64(x), &classes.index, classes.len());
            Ok(pred.into_iter().map(|c| classes.labels[c]).collect())
        })
    }
}

impl SvcModel {
    fn predict_view<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array1<usize>> {
        check_predict("SvcModel::predict", x, self.x.ncols())?;
        let k = self.kernel_rows(&to_f64(x));
        let nc = self.classes.len();
        let mut votes = vec![0; nc];
        Ok(k.axis_iter(Axis(0))
            .map(|r| {
                let r = r.to_vec();
                self.classes[vote(&self.pairs, nc, &r, &mut votes)]
            })
            .collect())
    }
}

classifier_impls!(SvcParams, SvcValidParams, SvcModel);
