//! Gaussian mixture with diagonal covariances, fitted by EM as scikit-learn's.

use dsp_core::{Fit, Float, ParamGuard, Predict};
use ndarray::{Array1, Array2, ArrayBase, ArrayView1, ArrayView2, Axis, Data, Ix2, Zip};

use crate::error::{Error, Result};
use crate::kmeans::KMeansParams;
use crate::plusplus::check_k;
use crate::util::{
    check_count, check_dim, check_finite, check_matrix, check_non_negative, gemm_abt, gemm_atb,
};

/// Checked mixture hyper-parameters: the type that implements [`Fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct GmmValidParams<F> {
    n_components: usize,
    max_iter: usize,
    tol: f64,
    reg_covar: f64,
    seed: u64,
    weights_init: Option<Array1<F>>,
    means_init: Option<Array2<F>>,
    precisions_init: Option<Array2<F>>,
}

impl<F> GmmValidParams<F> {
    /// Number of components.
    pub fn n_components(&self) -> usize {
        self.n_components
    }
    /// Maximum EM iterations.
    pub fn max_iter(&self) -> usize {
        self.max_iter
    }
    /// Convergence threshold on the change of the mean log-likelihood.
    pub fn tol(&self) -> f64 {
        self.tol
    }
    /// Non-negative value added to every variance.
    pub fn reg_covar(&self) -> f64 {
        self.reg_covar
    }
    /// Seed of the k-means initialisation.
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

/// Hyper-parameters of a diagonal Gaussian mixture, equal to
/// `sklearn.mixture.GaussianMixture(covariance_type='diag')`'s with its defaults
/// (`max_iter=100`, `tol=1e-3`, `reg_covar=1e-6`, `init_params='kmeans'`, `n_init=1`).
///
/// The `kmeans` initialisation runs [`KMeansParams`] (k-means++, one run, this seed) and
/// estimates weights, means and variances from its labels, as sklearn; `weights_init`,
/// `means_init` and `precisions_init` (inverse variances, `n_components x n_features`) replace
/// the estimates they name, as sklearn's.
#[derive(Debug, Clone, PartialEq)]
pub struct GmmParams<F>(GmmValidParams<F>);

impl<F> Default for GmmParams<F> {
    /// sklearn's defaults, one component.
    fn default() -> Self {
        Self::new(1)
    }
}

impl<F> GmmParams<F> {
    /// `n_components` components, the rest at sklearn's defaults.
    pub fn new(n_components: usize) -> Self {
        Self(GmmValidParams {
            n_components,
            max_iter: 100,
            tol: 1e-3,
            reg_covar: 1e-6,
            seed: 0,
            weights_init: None,
            means_init: None,
            precisions_init: None,
        })
    }
    /// Maximum EM iterations (default 100).
    #[must_use]
    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.0.max_iter = max_iter;
        self
    }
    /// Convergence threshold (default `1e-3`).
    #[must_use]
    pub fn tol(mut self, tol: f64) -> Self {
        self.0.tol = tol;
        self
    }
    /// Variance regularisation (default `1e-6`).
    #[must_use]
    pub fn reg_covar(mut self, reg_covar: f64) -> Self {
        self.0.reg_covar = reg_covar;
        self
    }
    /// Seed (default 0).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
    /// Initial weights (sklearn's `weights_init`), summing to 1.
    #[must_use]
    pub fn weights_init(mut self, w: Array1<F>) -> Self {
        self.0.weights_init = Some(w);
        self
    }
    /// Initial means (sklearn's `means_init`), `n_components x n_features`.
    #[must_use]
    pub fn means_init(mut self, m: Array2<F>) -> Self {
        self.0.means_init = Some(m);
        self
    }
    /// Initial precisions, the inverse variances (sklearn's `precisions_init` for `'diag'`),
    /// `n_components x n_features`.
    #[must_use]
    pub fn precisions_init(mut self, p: Array2<F>) -> Self {
        self.0.precisions_init = Some(p);
        self
    }
}

fn check_positive_entries<'a, F: Float>(
    what: &'static str,
    v: impl Iterator<Item = &'a F>,
) -> Result<()> {
    for (index, &x) in v.enumerate() {
        if !(x.is_finite() && x > F::zero()) {
            return Err(Error::InvalidMixture {
                what,
                index,
                value: x.to_f64_lossless(),
                rule: "must be finite and > 0",
            });
        }
    }
    Ok(())
}

impl<F: Float> ParamGuard for GmmParams<F> {
    type Checked = GmmValidParams<F>;
    type Error = Error;

    fn check_ref(&self) -> Result<&GmmValidParams<F>> {
        let p = &self.0;
        if p.n_components == 0 {
            return Err(Error::ZeroClusters {
                what: "n_components",
            });
        }
        check_count("max_iter", p.max_iter)?;
        check_non_negative("tol", p.tol)?;
        check_non_negative("reg_covar", p.reg_covar)?;
        let k = p.n_components;
        if let Some(w) = &p.weights_init {
            if w.len() != k {
                return Err(Error::Shape {
                    what: "weights_init",
                    expected: (k, 1),
                    got: (w.len(), 1),
                });
            }
            check_positive_entries("weights_init", w.iter())?;
            let s: f64 = w.iter().map(|v| v.to_f64_lossless()).sum();
            if (s - 1.0).abs() > 1e-6 {
                return Err(Error::InvalidMixture {
                    what: "weights_init",
                    index: 0,
                    value: s,
                    rule: "the weights must sum to 1 (value: their sum)",
                });
            }
        }
        for (what, m) in [
            ("means_init", &p.means_init),
            ("precisions_init", &p.precisions_init),
        ] {
            if let Some(m) = m {
                if m.nrows() != k || m.ncols() == 0 {
                    return Err(Error::Shape {
                        what,
                        expected: (k, m.ncols().max(1)),
                        got: m.dim(),
                    });
                }
                check_finite(what, m.view())?;
            }
        }
        if let Some(pr) = &p.precisions_init {
            check_positive_entries("precisions_init", pr.iter())?;
        }
        Ok(p)
    }

    fn check(self) -> Result<GmmValidParams<F>> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted diagonal Gaussian mixture: `sklearn.mixture.GaussianMixture(covariance_type='diag')`
/// after `fit`, or built from known parameters with [`Gmm::from_parts`].
#[derive(Debug, Clone, PartialEq)]
pub struct Gmm<F> {
    weights: Array1<F>,
    means: Array2<F>,
    variances: Array2<F>,
    n_iter: usize,
    converged: bool,
    lower_bound: f64,
}

/// Parameters in `f64` for the E-step.
struct Params64 {
    log_w: Vec<f64>,
    means: Array2<f64>,
    prec: Array2<f64>,
    log_det: Vec<f64>,
}

impl Params64 {
    fn new(w: &[f64], means: Array2<f64>, var: &Array2<f64>) -> Self {
        let prec = var.mapv(|v| 1.0 / v);
        let log_det = prec
            .rows()
            .into_iter()
            .map(|r| r.iter().map(|p| 0.5 * p.ln()).sum())
            .collect();
        Self {
            log_w: w.iter().map(|v| v.ln()).collect(),
            means,
            prec,
            log_det,
        }
    }

    /// Per-sample log-likelihood and posteriors (written into `resp`), as sklearn's
    /// `_estimate_log_prob_resp`: the squared Mahalanobis distances by its two GEMMs,
    /// `sum(mu^2 p) - 2 x (mu p)^T + x^2 p^T`, then a log-sum-exp per row.
    fn e_step(&self, x: ArrayView2<'_, f64>, resp: &mut Array2<f64>) -> Array1<f64> {
        let d = x.ncols() as f64;
        let c = d * (2.0 * std::f64::consts::PI).ln();
        let mp = &self.means * &self.prec;
        let mmp: Vec<f64> = mp
            .rows()
            .into_iter()
            .zip(self.means.rows())
            .map(|(a, m)| a.dot(&m))
            .collect();
        let cross = gemm_abt(x, mp.view());
        let sq = gemm_abt(x.mapv(|v| v * v).view(), self.prec.view());
        let mut lpn = Array1::<f64>::zeros(x.nrows());
        Zip::from(resp.rows_mut())
            .and(cross.rows())
            .and(sq.rows())
            .and(&mut lpn)
            .par_for_each(|mut out, cr, sr, l| {
                for (k, o) in out.iter_mut().enumerate() {
                    let s = mmp[k] - 2.0 * cr[k] + sr[k];
                    *o = -0.5 * (c + s) + self.log_det[k] + self.log_w[k];
                }
                let mx = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let lse = mx + out.iter().map(|v| (v - mx).exp()).sum::<f64>().ln();
                out.iter_mut().for_each(|v| *v = (*v - lse).exp());
                *l = lse;
            });
        lpn
    }
}

/// sklearn's `_estimate_gaussian_parameters` for `'diag'`: `(nk, means, variances)`.
fn estimate(
    x: ArrayView2<'_, f64>,
    resp: &Array2<f64>,
    reg: f64,
) -> (Vec<f64>, Array2<f64>, Array2<f64>) {
    let nk: Vec<f64> = resp
        .sum_axis(Axis(0))
        .iter()
        .map(|v| v + 10.0 * f64::EPSILON)
        .collect();
    let mut means = gemm_atb(resp.view(), x);
    let mut var = gemm_atb(resp.view(), x.mapv(|v| v * v).view());
    for (k, &n) in nk.iter().enumerate() {
        means.row_mut(k).mapv_inplace(|v| v / n);
        let m = means.row(k).to_owned();
        var.row_mut(k)
            .iter_mut()
            .zip(m.iter())
            .for_each(|(v, mu)| *v = *v / n - mu * mu + reg);
    }
    (nk, means, var)
}

fn check_variances(var: &Array2<f64>) -> Result<()> {
    for (index, &v) in var.iter().enumerate() {
        if !(v > 0.0 && v.is_finite()) {
            return Err(Error::InvalidMixture {
                what: "variances",
                index,
                value: v,
                rule: "a component collapsed; increase reg_covar",
            });
        }
    }
    Ok(())
}

impl<F: Float, S: Data<Elem = F>, Y: ?Sized> Fit<ArrayBase<S, Ix2>, Y> for GmmValidParams<F> {
    type Model = Gmm<F>;
    type Error = Error;

    /// EM for a diagonal mixture: equal to `sklearn.mixture.GaussianMixture(
    /// covariance_type='diag')` given the same initial weights, means and precisions (tested
    /// against it): the same E-step, M-step (`nk = sum resp + 10 eps`), stopping rule
    /// (`|change of the mean log-likelihood| < tol`), `n_iter` and `lower_bound`. Computed in
    /// `f64` for either input type.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::TooFewSamples`],
    /// [`Error::DimensionMismatch`] (initial means or precisions of another width),
    /// [`Error::InvalidMixture`] (a variance that reached 0).
    fn fit(&self, x: &ArrayBase<S, Ix2>, _y: &Y) -> Result<Gmm<F>> {
        let xv = x.view();
        check_matrix("data", xv)?;
        let k = self.n_components;
        check_k("n_components", k, x.nrows())?;
        for m in [&self.means_init, &self.precisions_init]
            .into_iter()
            .flatten()
        {
            check_dim("mixture initialisation", x.ncols(), m.ncols())?;
        }
        let x64 = F::view_f64(xv);
        let x64 = x64.view();
        let n = x.nrows() as f64;
        let to64_1 = |a: &Array1<F>| a.iter().map(|v| v.to_f64_lossless()).collect::<Vec<_>>();
        let to64_2 = |a: &Array2<F>| a.mapv(|v| v.to_f64_lossless());

        let all_given = self.weights_init.is_some()
            && self.means_init.is_some()
            && self.precisions_init.is_some();
        let (mut w, mut means, mut var) = if all_given {
            (Vec::new(), Array2::zeros((0, 0)), Array2::zeros((0, 0)))
        } else {
            let km = KMeansParams::new(k).n_init(1).seed(self.seed).fit(x, &())?;
            let mut resp = Array2::<f64>::zeros((x.nrows(), k));
            for (i, &l) in km.labels().iter().enumerate() {
                resp[[i, l]] = 1.0;
            }
            let (nk, m, v) = estimate(x64, &resp, self.reg_covar);
            (nk.iter().map(|v| v / n).collect(), m, v)
        };
        if let Some(wi) = &self.weights_init {
            w = to64_1(wi);
        }
        if let Some(mi) = &self.means_init {
            means = to64_2(mi);
        }
        if let Some(pi) = &self.precisions_init {
            var = pi.mapv(|p| 1.0 / p.to_f64_lossless());
        }
        check_variances(&var)?;

        let mut resp = Array2::<f64>::zeros((x.nrows(), k));
        let mut lower_bound = f64::NEG_INFINITY;
        let mut converged = false;
        let mut n_iter = 0;
        for it in 1..=self.max_iter {
            n_iter = it;
            let prev = lower_bound;
            let p = Params64::new(&w, means.clone(), &var);
            let lpn = p.e_step(x64, &mut resp);
            let (nk, m, v) = estimate(x64, &resp, self.reg_covar);
            check_variances(&v)?;
            let total: f64 = nk.iter().sum();
            w = nk.iter().map(|v| v / total).collect();
            means = m;
            var = v;
            // `check_matrix` above refused data without rows, so the mean exists.
            lower_bound = lpn.mean().expect("n >= 1");
            if (lower_bound - prev).abs() < self.tol {
                converged = true;
                break;
            }
        }
        Ok(Gmm {
            weights: w.iter().map(|&v| F::of(v)).collect(),
            means: means.mapv(F::of),
            variances: var.mapv(F::of),
            n_iter,
            converged,
            lower_bound,
        })
    }
}

impl<F: Float> Gmm<F> {
    /// A mixture of known parameters: weights (`k`, positive, summing to 1), means and
    /// variances (`k x dim`, variances positive).
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::Shape`], [`Error::InvalidMixture`].
    pub fn from_parts(weights: Array1<F>, means: Array2<F>, variances: Array2<F>) -> Result<Self> {
        check_matrix("means", means.view())?;
        if weights.len() != means.nrows() {
            return Err(Error::Shape {
                what: "weights",
                expected: (means.nrows(), 1),
                got: (weights.len(), 1),
            });
        }
        if variances.dim() != means.dim() {
            return Err(Error::Shape {
                what: "variances",
                expected: means.dim(),
                got: variances.dim(),
            });
        }
        check_positive_entries("weights", weights.iter())?;
        check_positive_entries("variances", variances.iter())?;
        let s: f64 = weights.iter().map(|v| v.to_f64_lossless()).sum();
        if (s - 1.0).abs() > 1e-6 {
            return Err(Error::InvalidMixture {
                what: "weights",
                index: 0,
                value: s,
                rule: "the weights must sum to 1 (value: their sum)",
            });
        }
        Ok(Self {
            weights,
            means: means.as_standard_layout().into_owned(),
            variances: variances.as_standard_layout().into_owned(),
            n_iter: 0,
            converged: false,
            lower_bound: f64::NAN,
        })
    }
    /// Mixing weights (sklearn's `weights_`).
    pub fn weights(&self) -> ArrayView1<'_, F> {
        self.weights.view()
    }
    /// Means, `k x dim` (sklearn's `means_`).
    pub fn means(&self) -> ArrayView2<'_, F> {
        self.means.view()
    }
    /// Diagonal variances, `k x dim` (sklearn's `covariances_` for `'diag'`).
    pub fn variances(&self) -> ArrayView2<'_, F> {
        self.variances.view()
    }
    /// Number of components.
    pub fn n_components(&self) -> usize {
        self.means.nrows()
    }
    /// Dimension.
    pub fn dim(&self) -> usize {
        self.means.ncols()
    }
    /// EM iterations run (sklearn's `n_iter_`; 0 for [`Gmm::from_parts`]).
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }
    /// Whether EM met `tol` (sklearn's `converged_`).
    pub fn converged(&self) -> bool {
        self.converged
    }
    /// Mean log-likelihood of the training data at the last E-step (sklearn's `lower_bound_`;
    /// NaN for [`Gmm::from_parts`]).
    pub fn lower_bound(&self) -> f64 {
        self.lower_bound
    }

    fn params64(&self) -> Params64 {
        let w: Vec<f64> = self.weights.iter().map(|v| v.to_f64_lossless()).collect();
        Params64::new(
            &w,
            self.means.mapv(|v| v.to_f64_lossless()),
            &self.variances.mapv(|v| v.to_f64_lossless()),
        )
    }

    /// Posteriors (responsibilities) and per-sample log-likelihoods in `f64`.
    pub(crate) fn posteriors64(&self, x: ArrayView2<'_, F>) -> Result<(Array2<f64>, Array1<f64>)> {
        check_matrix("data", x)?;
        check_dim("data", self.dim(), x.ncols())?;
        Ok(self.posteriors_of_f64(F::view_f64(x).view()))
    }

    /// [`posteriors64`](Self::posteriors64) of data already checked and widened to `f64`.
    pub(crate) fn posteriors_of_f64(&self, x64: ArrayView2<'_, f64>) -> (Array2<f64>, Array1<f64>) {
        let mut resp = Array2::<f64>::zeros((x64.nrows(), self.n_components()));
        let lpn = self.params64().e_step(x64, &mut resp);
        (resp, lpn)
    }

    /// Posterior probability of each component for each row, `n x k` (sklearn's
    /// `predict_proba`).
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::DimensionMismatch`].
    pub fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        Ok(self.posteriors64(x)?.0.mapv(F::of))
    }
    /// Log-likelihood of each row (sklearn's `score_samples`).
    ///
    /// # Errors
    /// As [`predict_proba`](Self::predict_proba).
    pub fn score_samples(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        Ok(self.posteriors64(x)?.1.mapv(F::of))
    }
    /// Mean log-likelihood of the rows (sklearn's `score`).
    ///
    /// # Errors
    /// As [`predict_proba`](Self::predict_proba).
    pub fn score(&self, x: ArrayView2<'_, F>) -> Result<F> {
        // `posteriors64` refuses data without rows, so the mean exists.
        Ok(F::of(self.posteriors64(x)?.1.mean().expect("n >= 1")))
    }
}

impl<F: Float, S: Data<Elem = F>> Predict<ArrayBase<S, Ix2>> for Gmm<F> {
    type Output = Array1<usize>;
    type Error = Error;

    /// The most probable component of each row (sklearn's `predict`).
    ///
    /// # Errors
    /// As [`Gmm::predict_proba`].
    fn predict(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<usize>> {
        let (resp, _) = self.posteriors64(x.view())?;
        Ok(resp
            .rows()
            .into_iter()
            .map(|r| {
                let mut b = 0;
                for (j, &v) in r.iter().enumerate() {
                    if v > r[b] {
                        b = j;
                    }
                }
                b
            })
            .collect())
    }
}
