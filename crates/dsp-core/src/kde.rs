//! Exact Gaussian kernel density estimation, equal to `scipy.stats.gaussian_kde`.
//!
//! In the model vocabulary ([`crate::model`]): [`KdeParams`] (bandwidth rule) is checked
//! ([`ParamGuard`]) into [`KdeValidParams`], which [`Fit`]s a [`GaussianKde`] on `d x n` data
//! (one column per sample, as scipy) or on a slice of 1-D samples, with optional weights in the
//! place of the labels; the model's [`Predict`] (or [`GaussianKde::evaluate`]) gives densities.
//! Evaluation is the exact `O(n m d)` sum, like scipy's: every sample and every point is
//! whitened by the lower Cholesky factor of the kernel covariance, then
//! `p(x) = (2 pi)^(-d/2) / prod(diag L) * sum_i w_i exp(-|L^-1 (x_i - x)|^2 / 2)`.
//! It runs in parallel over evaluation points (rayon) for large problems.
//!
//! Everything is computed in `f64`, as scipy does (it promotes `float32` points to the
//! `float64` covariance's type); `f32` inputs and outputs are converted at the boundary.

use ndarray::{Array1, Array2, ArrayBase, ArrayView1, ArrayView2, Data, Ix1, Ix2};
use rayon::prelude::*;

use crate::check::{ensure_finite, ensure_len};
use crate::model::{Fit, ParamGuard, Predict};
use crate::{Error, Float, Result};

/// How the bandwidth factor is chosen, as `bw_method` of `scipy.stats.gaussian_kde`.
///
/// The kernel covariance is the data covariance times `factor^2`. `neff` is the effective
/// sample size `1 / sum(w_i^2)` of the normalised weights (`n` without weights) and `d` the
/// dimension.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Bandwidth {
    /// Scott's rule `neff^(-1 / (d + 4))` (scipy's default, `"scott"`).
    #[default]
    Scott,
    /// Silverman's rule `(neff (d + 2) / 4)^(-1 / (d + 4))` (`"silverman"`).
    Silverman,
    /// A fixed factor (scipy's scalar `bw_method`): finite and `> 0`.
    Factor(f64),
}

/// Hyper-parameters of a [`GaussianKde`]; [`check`](ParamGuard::check) them (or fit, which
/// checks), then [`fit`](Fit::fit).
///
/// # Example
/// ```
/// use dsp_core::{Bandwidth, Fit, KdeParams, Predict};
/// use ndarray::array;
///
/// let data = [-1.0_f64, -0.2, 0.0, 0.4, 1.5];
/// // 1-D samples, no weights (`&()` in the place of labels)
/// let kde = KdeParams::new().bandwidth(Bandwidth::Silverman).fit(&data[..], &())?;
/// let p = kde.evaluate_1d(&[0.0, 10.0])?;
/// assert!(p[0] > 0.2 && p[1] < 1e-6);
/// // d x n data with weights; `predict` evaluates at the columns of a d x m array
/// let weighted = KdeParams::new().fit(&array![[0.0, 1.0, 2.0, 4.0]], &array![1.0, 1.0, 2.0, 1.0])?;
/// assert_eq!(weighted.predict(&array![[1.0, 9.0]])?.len(), 2);
/// # Ok::<(), dsp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KdeParams(KdeValidParams);

impl KdeParams {
    /// Scott's rule, like `gaussian_kde(data)`.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the bandwidth rule.
    #[must_use]
    pub fn bandwidth(mut self, bandwidth: Bandwidth) -> Self {
        self.0.bandwidth = bandwidth;
        self
    }
}

impl ParamGuard for KdeParams {
    type Checked = KdeValidParams;
    type Error = Error;

    /// # Errors
    /// [`Error::InvalidParameter`] for a [`Bandwidth::Factor`] that is not finite and `> 0`.
    fn check_ref(&self) -> Result<&KdeValidParams> {
        if let Bandwidth::Factor(f) = self.0.bandwidth {
            crate::check::ensure_positive("bandwidth factor", f)?;
        }
        Ok(&self.0)
    }

    fn check(self) -> Result<KdeValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// Checked [`KdeParams`]: the only way to fit a [`GaussianKde`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KdeValidParams {
    bandwidth: Bandwidth,
}

impl KdeValidParams {
    /// The bandwidth rule.
    #[must_use]
    pub fn bandwidth(&self) -> Bandwidth {
        self.bandwidth
    }

    /// The fit behind every [`Fit`] impl: `scipy.stats.gaussian_kde(data, bw_method, weights)`
    /// on `data` of shape `d x n` (one column per sample); weights, when given, need not sum to
    /// 1 (they are normalised as scipy does).
    ///
    /// # Errors
    /// * [`Error::TooShort`]: `d == 0`, or `n <= d` (the covariance would be singular;
    ///   scipy refuses `d > n` and fails on `n == d`).
    /// * [`Error::NonFinite`]: a NaN or infinity in `data` or `weights`.
    /// * [`Error::ShapeMismatch`]: `weights.len() != n`.
    /// * [`Error::InvalidParameter`]: a negative weight, or weights summing to zero.
    /// * [`Error::SingularMatrix`]: the data covariance is not positive definite (data on a
    ///   lower-dimensional subspace, e.g. constant or collinear).
    fn fit_weighted<T: Float>(
        &self,
        data: ArrayView2<'_, T>,
        weights: Option<ArrayView1<'_, T>>,
    ) -> Result<GaussianKde> {
        let (d, n) = data.dim();
        ensure_len("data dimensions (rows)", d, 1)?;
        ensure_len("data samples (columns)", n, d + 1)?;
        ensure_finite("data", data.iter())?;
        let dataset = data.mapv(Float::to_f64_lossless);
        let weights = match weights {
            Some(w) => normalised_weights(w, n)?,
            None => Array1::from_elem(n, 1.0 / n as f64),
        };
        GaussianKde::new(dataset, weights, self.bandwidth)
    }

    /// [`fit_weighted`](Self::fit_weighted) for one-dimensional samples (`data` as a `1 x n`
    /// array).
    fn fit_1d<T: Float>(&self, data: &[T], weights: Option<&[T]>) -> Result<GaussianKde> {
        let view = ArrayView2::from_shape((1, data.len()), data).map_err(|_| {
            // A 1 x len view of a slice of length len always fits; kept typed anyway.
            Error::ShapeMismatch {
                what: "data",
                expected: vec![1, data.len()],
                got: vec![data.len()],
            }
        })?;
        self.fit_weighted(view, weights.map(ArrayView1::from))
    }
}

/// Equal to `scipy.stats.gaussian_kde(data, bw_method)` (tested against it) on `data` of shape
/// `d x n` (one column per sample), unweighted.
///
/// # Errors
/// * [`Error::TooShort`]: `d == 0`, or `n <= d` (the covariance would be singular; scipy
///   refuses `d > n` and fails on `n == d`).
/// * [`Error::NonFinite`]: a NaN or infinity in `data`.
/// * [`Error::SingularMatrix`]: the data covariance is not positive definite (data on a
///   lower-dimensional subspace, e.g. constant or collinear).
impl<T: Float, S: Data<Elem = T>> Fit<ArrayBase<S, Ix2>, ()> for KdeValidParams {
    type Model = GaussianKde;
    type Error = Error;

    fn fit(&self, data: &ArrayBase<S, Ix2>, _: &()) -> Result<GaussianKde> {
        self.fit_weighted(data.view(), None)
    }
}

/// `scipy.stats.gaussian_kde(data, bw_method, weights)` with the sample weights (`n`, need not
/// sum to 1) in the place of the labels.
///
/// # Errors
/// As the unweighted fit, and [`Error::ShapeMismatch`] for `weights.len() != n`,
/// [`Error::NonFinite`] / [`Error::InvalidParameter`] for a non-finite or negative weight or
/// weights summing to zero.
impl<T, S, W> Fit<ArrayBase<S, Ix2>, ArrayBase<W, Ix1>> for KdeValidParams
where
    T: Float,
    S: Data<Elem = T>,
    W: Data<Elem = T>,
{
    type Model = GaussianKde;
    type Error = Error;

    fn fit(&self, data: &ArrayBase<S, Ix2>, weights: &ArrayBase<W, Ix1>) -> Result<GaussianKde> {
        self.fit_weighted(data.view(), Some(weights.view()))
    }
}

/// Weights that may be absent: `None` fits unweighted.
impl<T: Float, S: Data<Elem = T>> Fit<ArrayBase<S, Ix2>, Option<ArrayView1<'_, T>>>
    for KdeValidParams
{
    type Model = GaussianKde;
    type Error = Error;

    fn fit(
        &self,
        data: &ArrayBase<S, Ix2>,
        weights: &Option<ArrayView1<'_, T>>,
    ) -> Result<GaussianKde> {
        self.fit_weighted(data.view(), weights.as_ref().map(ArrayView1::view))
    }
}

/// One-dimensional samples, unweighted (`data` as a `1 x n` array).
impl<T: Float> Fit<[T], ()> for KdeValidParams {
    type Model = GaussianKde;
    type Error = Error;

    fn fit(&self, data: &[T], _: &()) -> Result<GaussianKde> {
        self.fit_1d(data, None)
    }
}

/// One-dimensional samples with their weights.
impl<T: Float> Fit<[T], [T]> for KdeValidParams {
    type Model = GaussianKde;
    type Error = Error;

    fn fit(&self, data: &[T], weights: &[T]) -> Result<GaussianKde> {
        self.fit_1d(data, Some(weights))
    }
}

/// The density at each column of `points` (`d x m`): [`GaussianKde::evaluate`].
///
/// # Errors
/// As [`GaussianKde::evaluate`].
impl<T: Float, S: Data<Elem = T>> Predict<ArrayBase<S, Ix2>> for GaussianKde {
    type Output = Array1<T>;
    type Error = Error;

    fn predict(&self, points: &ArrayBase<S, Ix2>) -> Result<Array1<T>> {
        self.evaluate(points.view())
    }
}

/// A fitted Gaussian KDE, equal to a fitted `scipy.stats.gaussian_kde`.
///
/// Built by [`Fit::fit`] on [`KdeParams`]; holds the data whitened once, so each
/// [`evaluate`](Self::evaluate) costs `O(n m d)` with no factorisation.
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianKde {
    d: usize,
    n: usize,
    weights: Array1<f64>,
    neff: f64,
    factor: f64,
    data_covariance: Array2<f64>,
    /// Lower Cholesky factor of the kernel covariance (scipy's `cho_cov`).
    cho_cov: Array2<f64>,
    /// `L^-1 x_i` for every sample, `n x d` row-major.
    whitened: Vec<f64>,
    /// `(2 pi)^(-d/2) / prod(diag L)`.
    norm: f64,
}

impl GaussianKde {
    fn new(dataset: Array2<f64>, weights: Array1<f64>, bandwidth: Bandwidth) -> Result<Self> {
        let (d, n) = dataset.dim();
        let neff = 1.0 / weights.dot(&weights);
        let df = d as f64;
        let factor = match bandwidth {
            Bandwidth::Scott => neff.powf(-1.0 / (df + 4.0)),
            Bandwidth::Silverman => (neff * (df + 2.0) / 4.0).powf(-1.0 / (df + 4.0)),
            Bandwidth::Factor(f) => f,
        };
        let data_covariance = weighted_cov(&dataset, &weights);
        let data_chol = cholesky_lower(&data_covariance)?;
        let cho_cov = data_chol * factor;
        // scipy: norm = (2 pi)^(-d/2), then divided by each diagonal entry in turn.
        let mut norm = (2.0 * std::f64::consts::PI).powf(-df / 2.0);
        for i in 0..d {
            norm /= cho_cov[[i, i]];
        }
        let mut whitened = vec![0.0; n * d];
        let mut column = vec![0.0; d];
        for (i, out) in whitened.chunks_exact_mut(d).enumerate() {
            column
                .iter_mut()
                .zip(dataset.column(i))
                .for_each(|(c, &v)| *c = v);
            forward_substitute(&cho_cov, &column, out);
        }
        Ok(Self {
            d,
            n,
            weights,
            neff,
            factor,
            data_covariance,
            cho_cov,
            whitened,
            norm,
        })
    }

    /// Number of dimensions `d` (scipy's `kde.d`).
    #[must_use]
    pub fn dim(&self) -> usize {
        self.d
    }

    /// Number of samples `n` (scipy's `kde.n`).
    #[must_use]
    pub fn n_samples(&self) -> usize {
        self.n
    }

    /// The bandwidth factor (scipy's `kde.factor`).
    #[must_use]
    pub fn factor(&self) -> f64 {
        self.factor
    }

    /// The effective sample size `1 / sum(w_i^2)` (scipy's `kde.neff`).
    #[must_use]
    pub fn neff(&self) -> f64 {
        self.neff
    }

    /// The normalised weights, summing to 1 (scipy's `kde.weights`).
    #[must_use]
    pub fn weights(&self) -> ArrayView1<'_, f64> {
        self.weights.view()
    }

    /// The weighted data covariance `np.cov(data, aweights=w, bias=False)`, `d x d`.
    #[must_use]
    pub fn data_covariance(&self) -> ArrayView2<'_, f64> {
        self.data_covariance.view()
    }

    /// The kernel covariance, `factor^2` times the data covariance (scipy's `kde.covariance`).
    #[must_use]
    pub fn covariance(&self) -> Array2<f64> {
        &self.data_covariance * (self.factor * self.factor)
    }

    /// Equal to `scipy.stats.gaussian_kde.evaluate(points)` (tested against it): the density
    /// at each column of `points` (`d x m`).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `points` has other than `d` rows; [`Error::NonFinite`]
    /// for a NaN or infinite coordinate.
    pub fn evaluate<T: Float>(&self, points: ArrayView2<'_, T>) -> Result<Array1<T>> {
        if points.nrows() != self.d {
            return Err(Error::ShapeMismatch {
                what: "points (d x m)",
                expected: vec![self.d, points.ncols()],
                got: points.shape().to_vec(),
            });
        }
        ensure_finite("points", points.iter())?;
        let m = points.ncols();
        let eval = |j: usize, column: &mut [f64], white: &mut [f64]| -> T {
            column
                .iter_mut()
                .zip(points.column(j))
                .for_each(|(c, &v)| *c = v.to_f64_lossless());
            forward_substitute(&self.cho_cov, column, white);
            T::of(self.density_whitened(white))
        };
        // Below ~64k kernel terms the thread hand-off costs more than it saves.
        let values: Vec<T> = if m * self.n < 1 << 16 {
            let (mut column, mut white) = (vec![0.0; self.d], vec![0.0; self.d]);
            (0..m).map(|j| eval(j, &mut column, &mut white)).collect()
        } else {
            (0..m)
                .into_par_iter()
                .map_init(
                    || (vec![0.0; self.d], vec![0.0; self.d]),
                    |(column, white), j| eval(j, column, white),
                )
                .collect()
        };
        Ok(Array1::from(values))
    }

    /// [`evaluate`](Self::evaluate) for a one-dimensional KDE at the points `x`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when the KDE is not one-dimensional; [`Error::NonFinite`] for
    /// a NaN or infinite point.
    pub fn evaluate_1d<T: Float>(&self, x: &[T]) -> Result<Array1<T>> {
        if self.d != 1 {
            return Err(Error::ShapeMismatch {
                what: "points (d x m)",
                expected: vec![self.d, x.len()],
                got: vec![1, x.len()],
            });
        }
        let view = ArrayView2::from_shape((1, x.len()), x).map_err(|_| Error::ShapeMismatch {
            what: "points",
            expected: vec![1, x.len()],
            got: vec![x.len()],
        })?;
        self.evaluate(view)
    }

    /// scipy's inner loop for one whitened point: `sum_i w_i exp(-|y_i - y|^2 / 2) * norm`,
    /// accumulated over `i` in order.
    #[inline]
    fn density_whitened(&self, y: &[f64]) -> f64 {
        let mut estimate = 0.0;
        if self.d == 1 {
            let y0 = y[0];
            for (&yi, &w) in self.whitened.iter().zip(self.weights.iter()) {
                let r = yi - y0;
                estimate += w * ((-(r * r) / 2.0).exp() * self.norm);
            }
        } else {
            for (yi, &w) in self.whitened.chunks_exact(self.d).zip(self.weights.iter()) {
                let mut arg = 0.0;
                for (&a, &b) in yi.iter().zip(y) {
                    let r = a - b;
                    arg += r * r;
                }
                estimate += w * ((-arg / 2.0).exp() * self.norm);
            }
        }
        estimate
    }
}

/// Checks `w` and returns it divided by its sum, as scipy does.
fn normalised_weights<T: Float>(w: ArrayView1<'_, T>, n: usize) -> Result<Array1<f64>> {
    if w.len() != n {
        return Err(Error::ShapeMismatch {
            what: "weights",
            expected: vec![n],
            got: vec![w.len()],
        });
    }
    ensure_finite("weights", w.iter())?;
    if let Some(&bad) = w.iter().find(|v| **v < T::zero()) {
        return Err(Error::InvalidParameter {
            name: "weights",
            value: bad.to_f64_lossless(),
            expected: "non-negative weights",
        });
    }
    let w = w.mapv(Float::to_f64_lossless);
    let total = w.sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err(Error::InvalidParameter {
            name: "sum of weights",
            value: total,
            expected: "a finite sum > 0",
        });
    }
    Ok(w / total)
}

/// `np.cov(x, rowvar=True, bias=False, aweights=w)` for `x` of shape `d x n`, with numpy's
/// order of operations (weighted mean, `fact = sum(w) - sum(w*w) / sum(w)`, then
/// `(x - mean) . ((x - mean) * w)^T * (1 / fact)`).
fn weighted_cov(x: &Array2<f64>, w: &Array1<f64>) -> Array2<f64> {
    let (d, _) = x.dim();
    let w_sum = w.sum();
    let fact = w_sum - w.dot(w) / w_sum;
    let centred: Vec<Array1<f64>> = x
        .rows()
        .into_iter()
        .map(|row| {
            let mean = (&row * w).sum() / w_sum;
            row.mapv(|v| v - mean)
        })
        .collect();
    let scale = 1.0 / fact;
    Array2::from_shape_fn((d, d), |(a, b)| {
        let xa = &centred[a];
        let xbw = &centred[b] * w;
        xa.dot(&xbw) * scale
    })
}

/// Lower Cholesky factor `L` of a symmetric matrix (`a = L L^T`).
///
/// A pivot that is not positive, or not above `1e-12` times its diagonal entry (the data
/// then lie on a lower-dimensional subspace up to rounding), is a singular matrix.
fn cholesky_lower(a: &Array2<f64>) -> Result<Array2<f64>> {
    let d = a.nrows();
    let mut l = Array2::<f64>::zeros((d, d));
    for j in 0..d {
        let mut pivot = a[[j, j]];
        for k in 0..j {
            pivot -= l[[j, k]] * l[[j, k]];
        }
        if !(pivot > 1e-12 * a[[j, j]] && pivot > 0.0 && pivot.is_finite()) {
            return Err(Error::SingularMatrix {
                what: "data covariance",
                index: j,
                pivot,
            });
        }
        let ljj = pivot.sqrt();
        l[[j, j]] = ljj;
        for i in j + 1..d {
            let mut s = a[[i, j]];
            for k in 0..j {
                s -= l[[i, k]] * l[[j, k]];
            }
            l[[i, j]] = s / ljj;
        }
    }
    Ok(l)
}

/// Solves `L y = b` for lower-triangular `L` (as `scipy.linalg.solve_triangular(lower=True)`).
fn forward_substitute(l: &Array2<f64>, b: &[f64], y: &mut [f64]) {
    for i in 0..b.len() {
        let mut s = b[i];
        for k in 0..i {
            s -= l[[i, k]] * y[k];
        }
        y[i] = s / l[[i, i]];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn cholesky_reconstructs_and_rejects_singular() {
        let a = array![[4.0, 2.0, 0.4], [2.0, 5.0, 1.0], [0.4, 1.0, 3.0]];
        let l = cholesky_lower(&a).unwrap();
        let back = l.dot(&l.t());
        for (x, y) in back.iter().zip(a.iter()) {
            assert!((x - y).abs() < 1e-14);
        }
        let singular = array![[1.0, 2.0], [2.0, 4.0]];
        assert!(matches!(
            cholesky_lower(&singular),
            Err(Error::SingularMatrix { index: 1, .. })
        ));
        let mut y = [0.0; 3];
        forward_substitute(&l, &[1.0, 2.0, 3.0], &mut y);
        let lb = l.dot(&Array1::from(y.to_vec()));
        assert!((lb[2] - 3.0).abs() < 1e-14 && (lb[0] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn unweighted_cov_is_the_sample_covariance() {
        let x = array![[1.0, 2.0, 4.0, 7.0], [0.0, 1.0, 0.0, 2.0]];
        let w = Array1::from_elem(4, 0.25);
        let c = weighted_cov(&x, &w);
        // var([1,2,4,7], ddof=1) = 7, var([0,1,0,2], ddof=1) = 11/12, cov = 5.5/3
        assert!((c[[0, 0]] - 7.0).abs() < 1e-14);
        assert!((c[[1, 1]] - 11.0 / 12.0).abs() < 1e-14);
        assert!((c[[0, 1]] - 5.5 / 3.0).abs() < 1e-14 && c[[0, 1]] == c[[1, 0]]);
    }
}
