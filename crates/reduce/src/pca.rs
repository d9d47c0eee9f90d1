//! Principal component analysis, equal to `sklearn.decomposition.PCA`.

use dsp_core::{Fit, Float, ParamGuard, Transform};
use linfa::dataset::DatasetBase;
use ndarray::{Array1, Array2, ArrayBase, ArrayView2, Axis, Data, Ix2, Slice};

use crate::input::{check_fitted, check_records, column_means};
use crate::linalg::{flip_rows_by_max_abs, gram, matmul, sym_eigh_top, thin_svd};
use crate::randomized::randomized_svd;
use crate::{Error, Result};

/// How many principal components to keep (sklearn's `n_components`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Components {
    /// All `min(n_samples, n_features)` components (sklearn's `None`, the default).
    #[default]
    All,
    /// Exactly `k` components, `1 <= k <= min(n_samples, n_features)`.
    Count(usize),
    /// The fewest components whose explained variance ratios sum to more than `f`, `0 < f <= 1`
    /// (sklearn's float `n_components`: `searchsorted(cumsum(ratio), f, side="right") + 1`,
    /// capped at the number of components available, so `1.0` keeps them all).
    Variance(f64),
}

/// Which decomposition fits the PCA (sklearn's `svd_solver`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PcaSolver {
    /// sklearn's `"auto"` rule: `CovarianceEigh` when `n_features <= 1000` and
    /// `n_samples >= 10 n_features`; else `Full` when `max(n_samples, n_features) <= 500`; else
    /// `Randomized` when a count `k < 0.8 min(n_samples, n_features)` is asked; else `Full`.
    #[default]
    Auto,
    /// Exact thin SVD of the centred data (sklearn's `"full"`).
    Full,
    /// Eigendecomposition of the `n_features x n_features` covariance, formed by one GEMM
    /// (`X^T X - n mean mean^T`, without centring a copy of `X`; sklearn's `"covariance_eigh"`).
    /// Fast for tall data; squares the condition number, so tiny variances lose relative accuracy.
    CovarianceEigh,
    /// Randomized truncated SVD (sklearn's `"randomized"`), for large and wide data when few
    /// components are wanted. Needs [`Components::Count`] or [`Components::All`].
    Randomized,
}

/// Hyper-parameters of a [`Pca`], with sklearn's defaults: all components, no whitening, solver
/// `Auto`, 10 oversamples, automatic power iterations (7 when `k < 0.1 min(n, p)`, else 4),
/// seed 0 for the randomized solver.
///
/// Unchecked; [`ParamGuard::check`] (or fitting, which checks) turns them into
/// [`PcaValidParams`].
///
/// ```
/// use dsp_core::{Fit, ParamGuard, Transform};
/// use ndarray::Array2;
/// use reduce::{Components, Error, PcaParams, PcaSolver};
///
/// // sklearn: PCA(n_components=0.95, svd_solver="full").fit(X)
/// let x = Array2::from_shape_fn((50, 8), |(i, j)| ((i * (j + 3)) % 11) as f64 + 0.1 * j as f64);
/// let pca = PcaParams::new(Components::Variance(0.95)).solver(PcaSolver::Full).fit(&x, &())?;
/// assert!(pca.explained_variance_ratio().sum() > 0.95);
/// assert_eq!(pca.transform(&x)?.ncols(), pca.n_components());
/// // Bad parameters are refused before any data is seen.
/// assert!(matches!(
///     PcaParams::new(Components::Variance(1.5)).check(),
///     Err(Error::InvalidVarianceFraction { .. })
/// ));
/// # Ok::<(), reduce::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PcaParams(PcaValidParams);

/// Checked PCA hyper-parameters (see [`PcaParams`]); the only thing a [`Pca`] is fitted from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PcaValidParams {
    n_components: Components,
    whiten: bool,
    solver: PcaSolver,
    n_oversamples: usize,
    iterated_power: Option<usize>,
    seed: u64,
}

impl Default for PcaParams {
    fn default() -> Self {
        Self(PcaValidParams {
            n_components: Components::All,
            whiten: false,
            solver: PcaSolver::Auto,
            n_oversamples: 10,
            iterated_power: None,
            seed: 0,
        })
    }
}

impl PcaParams {
    /// Parameters keeping `n_components`, other settings at their defaults.
    #[must_use]
    pub fn new(n_components: Components) -> Self {
        Self::default().n_components(n_components)
    }

    /// How many components to keep.
    #[must_use]
    pub fn n_components(mut self, n_components: Components) -> Self {
        self.0.n_components = n_components;
        self
    }

    /// Whether [`Pca::transform`] divides each component by its standard deviation
    /// (sklearn's `whiten`).
    #[must_use]
    pub fn whiten(mut self, whiten: bool) -> Self {
        self.0.whiten = whiten;
        self
    }

    /// The decomposition to use.
    #[must_use]
    pub fn solver(mut self, solver: PcaSolver) -> Self {
        self.0.solver = solver;
        self
    }

    /// Extra random directions of the randomized solver (sklearn's `n_oversamples`, default 10).
    #[must_use]
    pub fn n_oversamples(mut self, n_oversamples: usize) -> Self {
        self.0.n_oversamples = n_oversamples;
        self
    }

    /// Power iterations of the randomized solver (`None`: sklearn's `"auto"`).
    #[must_use]
    pub fn iterated_power(mut self, iterated_power: Option<usize>) -> Self {
        self.0.iterated_power = iterated_power;
        self
    }

    /// Seed of the randomized solver's Gaussian test matrix.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
}

impl linfa::ParamGuard for PcaParams {
    type Checked = PcaValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&PcaValidParams> {
        ParamGuard::check_ref(self)
    }

    fn check(self) -> Result<PcaValidParams> {
        ParamGuard::check(self)
    }
}

impl ParamGuard for PcaParams {
    type Checked = PcaValidParams;
    type Error = Error;

    /// # Errors
    /// [`Error::ZeroComponents`], [`Error::InvalidVarianceFraction`] (outside `(0, 1]`),
    /// [`Error::RandomizedNeedsCount`].
    fn check_ref(&self) -> Result<&PcaValidParams> {
        match self.0.n_components {
            Components::Count(0) => return Err(Error::ZeroComponents),
            Components::Variance(f) => {
                if !(f.is_finite() && f > 0.0 && f <= 1.0) {
                    return Err(Error::InvalidVarianceFraction { fraction: f });
                }
                if self.0.solver == PcaSolver::Randomized {
                    return Err(Error::RandomizedNeedsCount { fraction: f });
                }
            }
            _ => {}
        }
        Ok(&self.0)
    }

    fn check(self) -> Result<PcaValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// The decomposition before truncation: per-component variances (descending), all computed
/// component directions as rows (sign-normalised), and the total variance.
struct Spectrum {
    explained_variance: Array1<f64>,
    singular_values: Array1<f64>,
    components: Array2<f64>,
    total_var: f64,
    /// Components the ratios and noise variance are counted over (sklearn: the length of
    /// `explained_variance_` before truncation; `min(n, p)` for the randomized solver).
    n_spectrum: usize,
}

impl PcaValidParams {
    /// The solver sklearn's `"auto"` picks for an `n x p` input.
    fn resolve_solver(&self, n: usize, p: usize) -> PcaSolver {
        if self.solver != PcaSolver::Auto {
            return self.solver;
        }
        let min = n.min(p);
        if p <= 1000 && n >= 10 * p {
            PcaSolver::CovarianceEigh
        } else if n.max(p) <= 500 {
            PcaSolver::Full
        } else {
            match self.n_components {
                Components::Count(k) if (k as f64) < 0.8 * min as f64 => PcaSolver::Randomized,
                _ => PcaSolver::Full,
            }
        }
    }

    /// Fits on checked `f64` data (see the [`Fit`] impl).
    fn fit_f64(&self, x: ArrayView2<'_, f64>) -> Result<Pca> {
        let (n, p) = x.dim();
        let max = n.min(p);
        let requested = match self.n_components {
            Components::Count(k) => Some(k),
            Components::All => Some(max),
            Components::Variance(_) => None,
        };
        if let Some(k) = requested
            && k > max
        {
            return Err(Error::TooManyComponents {
                requested: k,
                max,
                rule: "min(n_samples, n_features)",
            });
        }
        let mean = column_means(x);
        let spectrum = match self.resolve_solver(n, p) {
            PcaSolver::CovarianceEigh => {
                covariance_eigh(x, &mean, |ratio| self.n_keep(ratio, requested, max))?
            }
            PcaSolver::Randomized => {
                // `requested` is Some: `check_ref` rejects a fraction with this solver, and
                // `Auto` only picks it for a count.
                let k = requested.unwrap_or(max);
                self.randomized(x, &mean, k)?
            }
            PcaSolver::Full | PcaSolver::Auto => full_svd(x, &mean)?,
        };
        let ratio_all = spectrum.explained_variance.mapv(|v| v / spectrum.total_var);
        let k = self.n_keep(&ratio_all, requested, max);
        let noise_variance = if k < max {
            match self.resolve_solver(n, p) {
                PcaSolver::Randomized => {
                    let kept: f64 = spectrum.explained_variance.iter().take(k).sum();
                    (spectrum.total_var - kept) / (max - k) as f64
                }
                _ => {
                    let rest = spectrum
                        .explained_variance
                        .slice_axis(Axis(0), Slice::from(k..spectrum.n_spectrum));
                    rest.sum() / rest.len() as f64
                }
            }
        } else {
            0.0
        };
        Ok(Pca {
            components: spectrum
                .components
                .slice_axis(Axis(0), Slice::from(..k))
                .to_owned(),
            explained_variance: spectrum
                .explained_variance
                .slice_axis(Axis(0), Slice::from(..k))
                .to_owned(),
            explained_variance_ratio: ratio_all.slice_axis(Axis(0), Slice::from(..k)).to_owned(),
            singular_values: spectrum
                .singular_values
                .slice_axis(Axis(0), Slice::from(..k))
                .to_owned(),
            mean,
            noise_variance,
            n_samples: n,
            whiten: self.whiten,
        })
    }

    /// How many components to keep, given every computed component's explained variance ratio
    /// (descending): the requested count, or for a fraction the fewest whose ratios sum past it;
    /// never more than computed or `max`.
    fn n_keep(&self, ratio_all: &Array1<f64>, requested: Option<usize>, max: usize) -> usize {
        let available = ratio_all.len();
        match self.n_components {
            Components::Variance(f) => {
                let mut cum = 0.0;
                let below = ratio_all
                    .iter()
                    .take_while(|&&r| {
                        cum += r;
                        cum <= f
                    })
                    .count();
                (below + 1).min(available)
            }
            _ => requested.unwrap_or(max).min(available),
        }
        .min(max)
    }

    fn randomized(&self, x: ArrayView2<'_, f64>, mean: &Array1<f64>, k: usize) -> Result<Spectrum> {
        let (n, p) = x.dim();
        let n_iter = self
            .iterated_power
            .unwrap_or(if (k as f64) < 0.1 * n.min(p) as f64 {
                7
            } else {
                4
            });
        let centred = &x - mean;
        let (_u, sv, mut vt) =
            randomized_svd(centred.view(), k, self.n_oversamples, n_iter, self.seed)?;
        flip_rows_by_max_abs(&mut vt);
        let dof = (n - 1) as f64;
        let total_var = centred.iter().map(|v| v * v).sum::<f64>() / dof;
        Ok(Spectrum {
            explained_variance: sv.mapv(|s| s * s / dof),
            singular_values: sv,
            components: vt,
            total_var,
            n_spectrum: n.min(p),
        })
    }
}

/// sklearn's `"full"`: thin SVD of the centred copy of `x`.
fn full_svd(x: ArrayView2<'_, f64>, mean: &Array1<f64>) -> Result<Spectrum> {
    let n = x.nrows();
    let centred = &x - mean;
    let (_u, sv, mut vt) = thin_svd(centred.view())?;
    flip_rows_by_max_abs(&mut vt);
    let explained_variance = sv.mapv(|s| s * s / (n - 1) as f64);
    let total_var = explained_variance.sum();
    let n_spectrum = sv.len();
    Ok(Spectrum {
        explained_variance,
        singular_values: sv,
        components: vt,
        total_var,
        n_spectrum,
    })
}

/// sklearn's `"covariance_eigh"`: eigendecomposition of `(X^T X - n mean mean^T) / (n - 1)`.
/// All eigenvalues are computed (ratios and noise variance need them), but only the
/// eigenvectors of the components `keep` asks for (given the explained variance ratios) are
/// formed, so `components` holds that many rows.
fn covariance_eigh(
    x: ArrayView2<'_, f64>,
    mean: &Array1<f64>,
    keep: impl FnOnce(&Array1<f64>) -> usize,
) -> Result<Spectrum> {
    let (n, p) = x.dim();
    let mut c = gram(x);
    let nf = n as f64;
    let dof = (n - 1) as f64;
    for i in 0..p {
        for j in 0..p {
            c[[i, j]] = (c[[i, j]] - nf * mean[i] * mean[j]) / dof;
        }
    }
    // Descending order, negative round-off clipped to zero (as sklearn).
    let clip = |values: &Array1<f64>| values.mapv(|v| v.max(0.0));
    let (values, mut vt) = sym_eigh_top(c.view(), |values| {
        let ev = clip(values);
        let total = ev.sum();
        keep(&ev.mapv(|v| v / total))
    })?;
    let explained_variance = clip(&values);
    flip_rows_by_max_abs(&mut vt);
    let singular_values = explained_variance.mapv(|v| (v * dof).sqrt());
    let total_var = explained_variance.sum();
    Ok(Spectrum {
        explained_variance,
        singular_values,
        components: vt,
        total_var,
        n_spectrum: p,
    })
}

/// A fitted PCA: equal to a fitted `sklearn.decomposition.PCA` (tested against it with the
/// `"full"` and `"covariance_eigh"` solvers), including the signs of the components.
///
/// ```
/// use dsp_core::{Fit, Transform};
/// use ndarray::array;
/// use reduce::{Components, PcaParams};
///
/// let x = array![[2.0_f64, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]];
/// let pca = PcaParams::new(Components::Count(1)).fit(&x, &())?;
/// assert_eq!(pca.components().dim(), (1, 2));
/// assert!((pca.explained_variance_ratio()[0] - 0.8).abs() < 1e-12);
/// let y = pca.transform(&x)?; // 4 x 1: the x coordinate
/// assert!((y[[0, 0]].abs() - 2.0).abs() < 1e-12);
/// # Ok::<(), reduce::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    components: Array2<f64>,
    explained_variance: Array1<f64>,
    explained_variance_ratio: Array1<f64>,
    singular_values: Array1<f64>,
    mean: Array1<f64>,
    noise_variance: f64,
    n_samples: usize,
    whiten: bool,
}

impl Pca {
    /// Default hyper-parameters (see [`PcaParams`]).
    #[must_use]
    pub fn params() -> PcaParams {
        PcaParams::default()
    }

    /// Principal axes as rows, `n_components x n_features`, by decreasing variance
    /// (sklearn's `components_`).
    #[must_use]
    pub fn components(&self) -> &Array2<f64> {
        &self.components
    }

    /// Variance along each component, with `n_samples - 1` degrees of freedom
    /// (sklearn's `explained_variance_`).
    #[must_use]
    pub fn explained_variance(&self) -> &Array1<f64> {
        &self.explained_variance
    }

    /// Fraction of the total variance along each component (sklearn's
    /// `explained_variance_ratio_`); sums to at most 1.
    #[must_use]
    pub fn explained_variance_ratio(&self) -> &Array1<f64> {
        &self.explained_variance_ratio
    }

    /// Singular values of the centred data for the kept components (sklearn's
    /// `singular_values_`).
    #[must_use]
    pub fn singular_values(&self) -> &Array1<f64> {
        &self.singular_values
    }

    /// Per-feature mean of the training data (sklearn's `mean_`).
    #[must_use]
    pub fn mean(&self) -> &Array1<f64> {
        &self.mean
    }

    /// Mean variance of the dropped components (sklearn's `noise_variance_`; 0 when all kept).
    #[must_use]
    pub fn noise_variance(&self) -> f64 {
        self.noise_variance
    }

    /// Number of components kept (sklearn's `n_components_`).
    #[must_use]
    pub fn n_components(&self) -> usize {
        self.components.nrows()
    }

    /// Number of training rows (sklearn's `n_samples_`).
    #[must_use]
    pub fn n_samples(&self) -> usize {
        self.n_samples
    }

    /// Whether [`transform`](Self::transform) whitens.
    #[must_use]
    pub fn whiten(&self) -> bool {
        self.whiten
    }

    /// Per-component whitening divisors: `sqrt(explained_variance)`, floored at machine epsilon.
    fn whiten_scale(&self) -> Array1<f64> {
        self.explained_variance.mapv(|v| v.sqrt().max(f64::EPSILON))
    }

    /// Maps projected data (`n x n_components`) back to feature space:
    /// `y @ components + mean` (rescaled first when whitening). Exact with all components.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] (wrong number of columns) or [`Error::Core`].
    pub fn inverse_transform<F: Float, S: Data<Elem = F>>(
        &self,
        y: &ArrayBase<S, Ix2>,
    ) -> Result<Array2<F>> {
        check_fitted(y, self.n_components())?;
        let y = F::view_f64(y.view());
        let mut out = if self.whiten {
            let scaled = &self.components * &self.whiten_scale().insert_axis(Axis(1));
            matmul(y.view(), scaled.view())
        } else {
            matmul(y.view(), self.components.view())
        };
        out += &self.mean;
        Ok(F::from_f64_array(out))
    }
}

/// Fits a PCA to the rows of `x` (`n_samples x n_features`, `f32` or `f64`; the decomposition
/// runs in `f64`, so `f32` data get `f64`-accurate components). Labels are ignored. Signs: each
/// component is flipped so that its entry of largest absolute value is positive (sklearn >=
/// 1.5's `svd_flip(u, vt, u_based_decision=False)`, used by every solver), so results equal
/// sklearn's including signs, unless two entries tie in absolute value.
///
/// # Errors
/// [`Error::Core`] for fewer than 2 rows, no columns or a NaN/infinite value;
/// [`Error::TooManyComponents`] for a count above `min(n_samples, n_features)`;
/// [`Error::NoConvergence`] if a decomposition fails.
impl<F: Float, S: Data<Elem = F>, Y: ?Sized> Fit<ArrayBase<S, Ix2>, Y> for PcaValidParams {
    type Model = Pca;
    type Error = Error;

    fn fit(&self, x: &ArrayBase<S, Ix2>, _y: &Y) -> Result<Pca> {
        check_records(x, 2)?;
        self.fit_f64(F::view_f64(x.view()).view())
    }
}

/// Projects `x` (`n x n_features`) on the components: `(x - mean) @ components^T`, divided by
/// `sqrt(explained_variance)` when whitening; `n x n_components`, of `x`'s float type.
///
/// # Errors
/// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
impl<F: Float, S: Data<Elem = F>> Transform<ArrayBase<S, Ix2>> for Pca {
    type Output = Array2<F>;
    type Error = Error;

    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        check_fitted(x, self.mean.len())?;
        let x = F::view_f64(x.view());
        // sklearn: x @ C^T - mean @ C^T, which avoids a centred copy of x.
        let mut out = matmul(x.view(), self.components.t());
        let shift = self.components.dot(&self.mean);
        out -= &shift;
        if self.whiten {
            out /= &self.whiten_scale();
        }
        Ok(F::from_f64_array(out))
    }
}

impl<F: Float, S: Data<Elem = F>, T> linfa::traits::Fit<ArrayBase<S, Ix2>, T, Error>
    for PcaValidParams
{
    type Object = Pca;

    fn fit(&self, dataset: &DatasetBase<ArrayBase<S, Ix2>, T>) -> Result<Pca> {
        Fit::fit(self, dataset.records(), &())
    }
}

impl<F: Float, S: Data<Elem = F>> linfa::traits::Transformer<&ArrayBase<S, Ix2>, Result<Array2<F>>>
    for Pca
{
    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        Transform::transform(self, x)
    }
}
