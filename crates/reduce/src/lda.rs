//! Linear discriminant analysis, equal to `sklearn.discriminant_analysis.LinearDiscriminantAnalysis`
//! with its three solvers (`"svd"`, `"lsqr"`, `"eigen"`) and `shrinkage` (`None`, `"auto"`, a
//! float).

mod eigen;
mod lsqr;
mod svd;

use dsp_core::{Fit, Float, Labels, ParamGuard, Predict, Transform};
use linfa::dataset::{AsSingleTargets, DatasetBase};
use ndarray::{Array1, Array2, ArrayBase, ArrayView2, Axis, Data, Ix2, Slice};

use crate::input::{check_fitted, check_records};
use crate::linalg::matmul;
use crate::{Error, Result};

/// The LDA solver (sklearn's `solver`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LdaSolver {
    /// `"svd"` (default): SVDs of the scaled centred data, no covariance matrix; transform and
    /// classify. No shrinkage.
    #[default]
    Svd,
    /// `"lsqr"`: the decision rule from a least-squares solve with the (optionally shrunk)
    /// within-class covariance; classify only (no transform, as sklearn).
    Lsqr,
    /// `"eigen"`: the generalized eigenproblem of the between- and (optionally shrunk)
    /// within-class covariances; transform and classify.
    Eigen,
}

/// Regularisation of the class covariances (sklearn's `shrinkage`; `lsqr` and `eigen` only).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Shrinkage {
    /// `None` (default): the empirical (maximum-likelihood) covariance.
    #[default]
    None,
    /// `"auto"`: the Ledoit-Wolf lemma (`sklearn.covariance.ledoit_wolf` on each class's
    /// standardised rows, rescaled by the features' standard deviations).
    Auto,
    /// A fixed coefficient `s` in `[0, 1]`: `(1 - s) * cov + s * trace(cov) / n_features * I`
    /// (`sklearn.covariance.shrunk_covariance`).
    Fixed(f64),
}

/// Hyper-parameters of an [`Lda`], with sklearn's defaults: the `svd` solver, no shrinkage, as
/// many components as allowed (`min(n_classes - 1, n_features)`), priors from the class
/// frequencies, rank tolerance `1e-4`.
///
/// Unchecked; [`ParamGuard::check`] (or fitting, which checks) turns them into
/// [`LdaValidParams`].
///
/// Shrinkage is what makes LDA usable with about as many features as samples (the UCR Coffee
/// set: 28 series, 27 features), where the within-class covariance is singular:
/// ```
/// use dsp_core::{Fit, Predict, Transform};
/// use ndarray::Array2;
/// use reduce::{Error, LdaParams, LdaSolver, Shrinkage};
///
/// // 6 samples, 2 classes, 8 features: the within-class covariance has rank 4 of 8.
/// let y = [0usize, 0, 0, 1, 1, 1];
/// let x = Array2::from_shape_fn((6, 8), |(i, j)| {
///     ((i * 5 + j * 3) % 7) as f64 / 7.0 + if y[i] == 1 { 1.0 } else { 0.0 }
/// });
/// let plain = LdaParams::default().solver(LdaSolver::Eigen);
/// assert!(matches!(plain.fit(&x, &y), Err(Error::NotPositiveDefinite { .. })));
///
/// let lda = LdaParams::default()
///     .solver(LdaSolver::Eigen)
///     .shrinkage(Shrinkage::Auto) // Ledoit-Wolf, as sklearn's shrinkage="auto"
///     .fit(&x, &y)?;
/// assert_eq!(lda.predict(&x)?.to_vec(), y);
/// assert_eq!(lda.transform(&x)?.dim(), (6, 1));
/// assert_eq!(lda.covariance().map(|c| c.dim()), Some((8, 8)));
///
/// // Shrinkage needs the lsqr or eigen solver, and a fixed value lies in [0, 1].
/// assert!(LdaParams::default().shrinkage(Shrinkage::Auto).fit(&x, &y).is_err());
/// assert!(LdaParams::default()
///     .solver(LdaSolver::Lsqr)
///     .shrinkage(Shrinkage::Fixed(1.5))
///     .fit(&x, &y)
///     .is_err());
/// # Ok::<(), reduce::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LdaParams(LdaValidParams);

/// Checked LDA hyper-parameters (see [`LdaParams`]); the only thing an [`Lda`] is fitted from.
#[derive(Debug, Clone, PartialEq)]
pub struct LdaValidParams {
    solver: LdaSolver,
    shrinkage: Shrinkage,
    n_components: Option<usize>,
    priors: Option<Vec<f64>>,
    tol: f64,
}

impl Default for LdaValidParams {
    fn default() -> Self {
        Self {
            solver: LdaSolver::Svd,
            shrinkage: Shrinkage::None,
            n_components: None,
            priors: None,
            tol: 1e-4,
        }
    }
}

impl LdaParams {
    /// The solver (sklearn's `solver`, default [`LdaSolver::Svd`]).
    #[must_use]
    pub fn solver(mut self, solver: LdaSolver) -> Self {
        self.0.solver = solver;
        self
    }

    /// Shrinkage of the class covariances (sklearn's `shrinkage`, default
    /// [`Shrinkage::None`]); anything else needs [`LdaSolver::Lsqr`] or [`LdaSolver::Eigen`].
    #[must_use]
    pub fn shrinkage(mut self, shrinkage: Shrinkage) -> Self {
        self.0.shrinkage = shrinkage;
        self
    }

    /// Components kept by [`Lda::transform`] (sklearn's `n_components`; `None`: all allowed).
    #[must_use]
    pub fn n_components(mut self, n_components: Option<usize>) -> Self {
        self.0.n_components = n_components;
        self
    }

    /// Class priors in the order of the sorted class labels (sklearn's `priors`; `None`: the
    /// class frequencies). Renormalised when they do not sum to 1 within `1e-5`, as sklearn.
    #[must_use]
    pub fn priors(mut self, priors: Option<Vec<f64>>) -> Self {
        self.0.priors = priors;
        self
    }

    /// Singular values at or below `tol` (within-class scatter) or `tol * s_max` (between
    /// classes) count as rank-deficient (sklearn's `tol`, default `1e-4`; the svd solver only).
    #[must_use]
    pub fn tol(mut self, tol: f64) -> Self {
        self.0.tol = tol;
        self
    }
}

impl linfa::ParamGuard for LdaParams {
    type Checked = LdaValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&LdaValidParams> {
        ParamGuard::check_ref(self)
    }

    fn check(self) -> Result<LdaValidParams> {
        ParamGuard::check(self)
    }
}

impl ParamGuard for LdaParams {
    type Checked = LdaValidParams;
    type Error = Error;

    /// # Errors
    /// [`Error::ZeroComponents`]; [`Error::InvalidPrior`] for a negative or non-finite prior
    /// or priors summing to 0; [`Error::Core`] for a negative or non-finite `tol`;
    /// [`Error::InvalidShrinkage`] for a fixed shrinkage outside `[0, 1]` (or not finite);
    /// [`Error::ShrinkageWithSvd`] for any shrinkage with the svd solver (sklearn raises
    /// `NotImplementedError`).
    fn check_ref(&self) -> Result<&LdaValidParams> {
        if let Shrinkage::Fixed(shrinkage) = self.0.shrinkage
            && !(0.0..=1.0).contains(&shrinkage)
        {
            return Err(Error::InvalidShrinkage { shrinkage });
        }
        if self.0.solver == LdaSolver::Svd && self.0.shrinkage != Shrinkage::None {
            return Err(Error::ShrinkageWithSvd);
        }
        if self.0.n_components == Some(0) {
            return Err(Error::ZeroComponents);
        }
        if let Some(priors) = &self.0.priors {
            for (index, &value) in priors.iter().enumerate() {
                if !(value.is_finite() && value >= 0.0) {
                    return Err(Error::InvalidPrior { index, value });
                }
            }
            if priors.iter().sum::<f64>() <= 0.0 {
                return Err(Error::InvalidPrior {
                    index: 0,
                    value: priors.first().copied().unwrap_or(0.0),
                });
            }
        }
        if !(self.0.tol.is_finite() && self.0.tol >= 0.0) {
            return Err(dsp_core::Error::InvalidParameter {
                name: "tol",
                value: self.0.tol,
                expected: "a finite value >= 0",
            }
            .into());
        }
        Ok(&self.0)
    }

    fn check(self) -> Result<LdaValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// Sorted distinct labels and each row's class index.
fn encode_labels(y: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut classes: Vec<usize> = y.to_vec();
    classes.sort_unstable();
    classes.dedup();
    // Every label is in `classes`, so the search always succeeds.
    let index = y
        .iter()
        .map(|l| classes.binary_search(l).unwrap_or(0))
        .collect();
    (classes, index)
}

/// What every solver starts from: the classes, each row's class, the priors, the class means.
#[derive(Debug)]
struct ClassStats {
    classes: Vec<usize>,
    index: Vec<usize>,
    priors: Array1<f64>,
    means: Array2<f64>,
    xbar: Array1<f64>,
    /// Components `transform` returns (sklearn's `_max_components`).
    n_out: usize,
}

/// A solver's result, before the two-class collapse of `coef` and `intercept`.
#[derive(Debug)]
struct Solved {
    scalings: Option<Array2<f64>>,
    coef: Array2<f64>,
    intercept: Array1<f64>,
    explained_variance_ratio: Option<Array1<f64>>,
    covariance: Option<Array2<f64>>,
    n_out: usize,
}

/// Deterministic signs: each column negated when its entry of largest absolute value (the
/// first such) is negative.
fn flip_columns_by_max_abs(a: &mut Array2<f64>) {
    for mut col in a.columns_mut() {
        let mut best = 0.0_f64;
        let mut neg = false;
        for &v in col.iter() {
            if v.abs() > best {
                best = v.abs();
                neg = v < 0.0;
            }
        }
        if neg {
            col.mapv_inplace(|v| -v);
        }
    }
}

/// `-0.5 diag(means coef^T) + log(priors)`: the intercept of the lsqr and eigen solvers.
fn covariance_intercept(
    means: &Array2<f64>,
    coef: &Array2<f64>,
    priors: &Array1<f64>,
) -> Array1<f64> {
    means
        .rows()
        .into_iter()
        .zip(coef.rows())
        .zip(priors)
        .map(|((m, c), &pr)| -0.5 * m.dot(&c) + pr.ln())
        .collect()
}

/// Fits sklearn's LDA with the chosen solver to the rows of `x` (`n_samples x n_features`, `f32`
/// or `f64`; computed in `f64`) labelled by `y` (any `usize` labels; classes are the sorted
/// distinct values).
///
/// - `svd`: the within-class SVD of tall data comes from the eigendecomposition of its `p x p`
///   Gram matrix when that is well conditioned (smallest eigenvalue at least `1e-5` of the
///   largest), else from a thin QR (the SVD of the `p x p` triangular factor); both give the
///   singular values and right vectors of sklearn's direct SVD, at a fraction of its cost. Wide
///   data take the direct SVD.
/// - `lsqr`: the minimum-norm least-squares solve with the within-class covariance (through
///   its SVD), so a singular covariance still gives sklearn's model.
/// - `eigen`: the generalized eigenproblem through a Cholesky factor of the within-class
///   covariance, which must be positive definite: with more features than samples that takes
///   shrinkage (sklearn raises `LinAlgError` there too).
///
/// Transform directions are sign-normalised: each column of [`Lda::scalings`] has its entry of
/// largest absolute value positive.
///
/// # Errors
/// [`Error::Core`] for empty data or a NaN/infinite value; [`Error::LabelCountMismatch`];
/// [`Error::TooFewClasses`] (fewer than 2); [`Error::TooFewSamples`] (no more rows than
/// classes); [`Error::PriorCountMismatch`]; [`Error::TooManyComponents`] (above
/// `min(n_classes - 1, n_features)`); [`Error::DegenerateScatter`] (svd);
/// [`Error::NotPositiveDefinite`] (eigen, a singular within-class covariance);
/// [`Error::NoConvergence`]; and the parameter errors of [`LdaParams`]'s check.
impl<F, S, Y> Fit<ArrayBase<S, Ix2>, Y> for LdaValidParams
where
    F: Float,
    S: Data<Elem = F>,
    Y: Labels + ?Sized,
{
    type Model = Lda;
    type Error = Error;

    fn fit(&self, x: &ArrayBase<S, Ix2>, y: &Y) -> Result<Lda> {
        check_records(x, 1)?;
        self.fit_f64(F::view_f64(x.view()).view(), &y.labels())
    }
}

impl LdaValidParams {
    /// Labels, priors, component count and class means: sklearn's `fit` before the solver.
    fn class_stats(&self, x: ArrayView2<'_, f64>, y: &[usize]) -> Result<ClassStats> {
        let (n, p) = x.dim();
        if y.len() != n {
            return Err(Error::LabelCountMismatch {
                n_samples: n,
                n_labels: y.len(),
            });
        }
        let (classes, index) = encode_labels(y);
        let k = classes.len();
        if k < 2 {
            return Err(Error::TooFewClasses { n_classes: k });
        }
        if n <= k {
            return Err(Error::TooFewSamples {
                n_samples: n,
                n_classes: k,
            });
        }
        let mut counts = vec![0usize; k];
        for &c in &index {
            counts[c] += 1;
        }
        let priors: Array1<f64> = match &self.priors {
            None => counts.iter().map(|&c| c as f64 / n as f64).collect(),
            Some(given) => {
                if given.len() != k {
                    return Err(Error::PriorCountMismatch {
                        n_classes: k,
                        got: given.len(),
                    });
                }
                let sum: f64 = given.iter().sum();
                if (sum - 1.0).abs() > 1e-5 {
                    given.iter().map(|v| v / sum).collect()
                } else {
                    Array1::from(given.clone())
                }
            }
        };
        let max_components = (k - 1).min(p);
        let n_out = match self.n_components {
            Some(c) if c > max_components => {
                return Err(Error::TooManyComponents {
                    requested: c,
                    max: max_components,
                    rule: "min(n_classes - 1, n_features)",
                });
            }
            Some(c) => c,
            None => max_components,
        };

        let mut means = Array2::<f64>::zeros((k, p));
        for (row, &c) in x.rows().into_iter().zip(&index) {
            let mut m = means.row_mut(c);
            m += &row;
        }
        for (mut m, &c) in means.rows_mut().into_iter().zip(&counts) {
            m.mapv_inplace(|v| v / c as f64);
        }
        let xbar = priors.dot(&means);
        Ok(ClassStats {
            classes,
            index,
            priors,
            means,
            xbar,
            n_out,
        })
    }

    fn fit_f64(&self, x: ArrayView2<'_, f64>, y: &[usize]) -> Result<Lda> {
        let stats = self.class_stats(x, y)?;
        let solved = match self.solver {
            LdaSolver::Svd => svd::solve(x, &stats, self.tol)?,
            LdaSolver::Lsqr => lsqr::solve(x, &stats, self.shrinkage)?,
            LdaSolver::Eigen => eigen::solve(x, &stats, self.shrinkage)?,
        };
        let Solved {
            scalings,
            coef,
            intercept,
            explained_variance_ratio,
            covariance,
            n_out,
        } = solved;
        // sklearn's binary special case: one decision function, class 1 against class 0.
        let (coef, intercept) = if stats.classes.len() == 2 {
            let c = (&coef.row(1) - &coef.row(0)).insert_axis(Axis(0));
            (c, Array1::from(vec![intercept[1] - intercept[0]]))
        } else {
            (coef, intercept)
        };
        Ok(Lda {
            solver: self.solver,
            classes: stats.classes,
            priors: stats.priors,
            means: stats.means,
            xbar: stats.xbar,
            scalings,
            coef,
            intercept,
            explained_variance_ratio,
            covariance,
            n_out,
        })
    }
}

/// A fitted LDA (sklearn's `LinearDiscriminantAnalysis` with any of its solvers, tested against
/// it): a transformer to at most `min(n_classes - 1, n_features)` discriminant directions (svd and
/// eigen solvers) and a linear classifier with Gaussian class posteriors.
///
/// ```
/// use dsp_core::{Fit, Predict, Transform};
/// use ndarray::array;
/// use reduce::LdaParams;
///
/// let x = array![[0.0, 1.0], [0.2, 0.8], [0.1, 1.3], [3.0, 0.0], [3.1, 0.4], [2.8, 0.1]];
/// let y = [0usize, 0, 0, 1, 1, 1];
/// let lda = LdaParams::default().fit(&x, &y)?;
/// assert_eq!(lda.predict(&x)?.to_vec(), y);
/// assert_eq!(lda.transform(&x)?.dim(), (6, 1));
/// # Ok::<(), reduce::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Lda {
    solver: LdaSolver,
    classes: Vec<usize>,
    priors: Array1<f64>,
    means: Array2<f64>,
    xbar: Array1<f64>,
    scalings: Option<Array2<f64>>,
    coef: Array2<f64>,
    intercept: Array1<f64>,
    explained_variance_ratio: Option<Array1<f64>>,
    covariance: Option<Array2<f64>>,
    n_out: usize,
}

impl Lda {
    /// Default hyper-parameters (see [`LdaParams`]).
    #[must_use]
    pub fn params() -> LdaParams {
        LdaParams::default()
    }

    /// The solver the model was fitted with.
    #[must_use]
    pub fn solver(&self) -> LdaSolver {
        self.solver
    }

    /// The sorted distinct labels (sklearn's `classes_`).
    #[must_use]
    pub fn classes(&self) -> &[usize] {
        &self.classes
    }

    /// Class priors, in the order of [`classes`](Self::classes) (sklearn's `priors_`).
    #[must_use]
    pub fn priors(&self) -> &Array1<f64> {
        &self.priors
    }

    /// Class means, `n_classes x n_features` (sklearn's `means_`).
    #[must_use]
    pub fn means(&self) -> &Array2<f64> {
        &self.means
    }

    /// Prior-weighted overall mean (sklearn's `xbar_`, which sklearn stores for the svd solver
    /// only; the same `priors @ means` for every solver here).
    #[must_use]
    pub fn xbar(&self) -> &Array1<f64> {
        &self.xbar
    }

    /// Discriminant directions as columns (sklearn's `scalings_` up to the sign of each column;
    /// here the largest-magnitude entry of each column is positive): `n_features x rank` for the
    /// svd solver; `n_features x n_features` generalized eigenvectors (`V^T Sw V = I`, by
    /// descending eigenvalue) for eigen, of which only the first `n_classes - 1` are determined
    /// (the rest span the zero eigenvalue of the between-class covariance); `None` for lsqr,
    /// which has none.
    #[must_use]
    pub fn scalings(&self) -> Option<&Array2<f64>> {
        self.scalings.as_ref()
    }

    /// The priors-weighted within-class covariance `sum_k prior_k C_k`, each `C_k` the biased
    /// (and possibly shrunk) covariance of class `k` (sklearn's `covariance_`): `n_features x
    /// n_features` for the lsqr and eigen solvers, `None` for svd (sklearn stores it there only
    /// with `store_covariance=True`).
    #[must_use]
    pub fn covariance(&self) -> Option<&Array2<f64>> {
        self.covariance.as_ref()
    }

    /// Weights of the linear decision function (sklearn's `coef_`): `n_classes x n_features`,
    /// or `1 x n_features` for two classes.
    #[must_use]
    pub fn coef(&self) -> &Array2<f64> {
        &self.coef
    }

    /// Intercepts of the decision function (sklearn's `intercept_`; one value for two classes).
    #[must_use]
    pub fn intercept(&self) -> &Array1<f64> {
        &self.intercept
    }

    /// Between-class variance fraction of each discriminant direction (sklearn's
    /// `explained_variance_ratio_`), `n_components` of them; `None` for the lsqr solver (sklearn
    /// has none there).
    #[must_use]
    pub fn explained_variance_ratio(&self) -> Option<&Array1<f64>> {
        self.explained_variance_ratio.as_ref()
    }

    /// Columns returned by [`transform`](Self::transform): `min(n_components, rank)` for the svd
    /// solver, `n_components` for the others.
    #[must_use]
    pub fn n_components(&self) -> usize {
        self.n_out
    }

    /// Number of features seen at fit time.
    #[must_use]
    pub fn n_features(&self) -> usize {
        self.xbar.len()
    }

    /// Decision scores `x @ coef^T + intercept`: `n x n_classes`, or `n x 1` for two classes
    /// (sklearn returns that column flattened).
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
    pub fn decision_function<F: Float, S: Data<Elem = F>>(
        &self,
        x: &ArrayBase<S, Ix2>,
    ) -> Result<Array2<f64>> {
        check_fitted(x, self.n_features())?;
        let x = F::view_f64(x.view());
        let mut out = matmul(x.view(), self.coef.t());
        out += &self.intercept;
        Ok(out)
    }

    /// Class probabilities, `n x n_classes`: the softmax of the decision scores (the logistic
    /// sigmoid for two classes), as sklearn.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
    pub fn predict_proba<F: Float, S: Data<Elem = F>>(
        &self,
        x: &ArrayBase<S, Ix2>,
    ) -> Result<Array2<f64>> {
        let d = self.decision_function(x)?;
        if self.classes.len() == 2 {
            let mut out = Array2::<f64>::zeros((d.nrows(), 2));
            for (mut row, &v) in out.rows_mut().into_iter().zip(d.column(0)) {
                let p1 = 1.0 / (1.0 + (-v).exp());
                row[0] = 1.0 - p1;
                row[1] = p1;
            }
            return Ok(out);
        }
        let mut out = d;
        for mut row in out.rows_mut() {
            let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            row.mapv_inplace(|v| (v - max).exp());
            let sum = row.sum();
            row.mapv_inplace(|v| v / sum);
        }
        Ok(out)
    }

    fn predict_labels(&self, x: ArrayView2<'_, f64>) -> Result<Array1<usize>> {
        let d = self.decision_function(&x)?;
        if self.classes.len() == 2 {
            return Ok(d.column(0).mapv(|v| {
                if v > 0.0 {
                    self.classes[1]
                } else {
                    self.classes[0]
                }
            }));
        }
        Ok(d.rows()
            .into_iter()
            .map(|row| {
                let mut best = 0;
                for (i, &v) in row.iter().enumerate() {
                    if v > row[best] {
                        best = i;
                    }
                }
                self.classes[best]
            })
            .collect())
    }
}

/// Projects `x` on the discriminant directions, `n x n_components`, of `x`'s float type, as
/// sklearn's `transform`: `(x - xbar) @ scalings[:, :n_components]` for the svd solver,
/// `x @ scalings[:, :n_components]` (no centring) for eigen.
///
/// # Errors
/// [`Error::TransformNotSupported`] for the lsqr solver (sklearn raises `NotImplementedError`);
/// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
impl<F: Float, S: Data<Elem = F>> Transform<ArrayBase<S, Ix2>> for Lda {
    type Output = Array2<F>;
    type Error = Error;

    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        let scalings = match (&self.scalings, self.solver) {
            (Some(s), LdaSolver::Svd | LdaSolver::Eigen) => s,
            _ => return Err(Error::TransformNotSupported { solver: "lsqr" }),
        };
        check_fitted(x, self.n_features())?;
        let x = F::view_f64(x.view());
        let w = scalings.slice_axis(Axis(1), Slice::from(..self.n_out));
        let mut out = matmul(x.view(), w);
        if self.solver == LdaSolver::Svd {
            out -= &self.xbar.dot(&w);
        }
        Ok(F::from_f64_array(out))
    }
}

/// Predicted labels: the class with the largest decision score (first on ties; for two
/// classes, the second class when its score is `> 0`).
///
/// # Errors
/// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
impl<F: Float, S: Data<Elem = F>> Predict<ArrayBase<S, Ix2>> for Lda {
    type Output = Array1<usize>;
    type Error = Error;

    fn predict(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<usize>> {
        check_fitted(x, self.n_features())?;
        self.predict_labels(F::view_f64(x.view()).view())
    }
}

impl<F, S, T> linfa::traits::Fit<ArrayBase<S, Ix2>, T, Error> for LdaValidParams
where
    F: Float,
    S: Data<Elem = F>,
    T: AsSingleTargets<Elem = usize>,
{
    type Object = Lda;

    fn fit(&self, dataset: &DatasetBase<ArrayBase<S, Ix2>, T>) -> Result<Lda> {
        let y = dataset.targets().as_single_targets().to_vec();
        Fit::fit(self, dataset.records(), &y)
    }
}

impl<F: Float, S: Data<Elem = F>> linfa::traits::Transformer<&ArrayBase<S, Ix2>, Result<Array2<F>>>
    for Lda
{
    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        Transform::transform(self, x)
    }
}

impl<F: Float, S: Data<Elem = F>> linfa::traits::Predict<&ArrayBase<S, Ix2>, Result<Array1<usize>>>
    for Lda
{
    fn predict(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<usize>> {
        Predict::predict(self, x)
    }
}
