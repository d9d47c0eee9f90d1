//! `StandardScaler`: remove the mean and scale to unit variance, per feature.

use dsp_core::{Fit, Float, ParamGuard, Transform};
use linfa::dataset::DatasetBase;
use ndarray::{Array1, Array2, ArrayBase, ArrayView2, Data, Ix2};

use crate::input::{check_fitted, check_records, column_means};
use crate::{Error, Result};

/// Hyper-parameters of a [`StandardScaler`]; equal to `sklearn.preprocessing.StandardScaler`'s
/// `with_mean` and `with_std` (both `true` by default).
///
/// Every combination is valid, so [`ParamGuard::check`] never fails; it exists so that the
/// scaler has the shape of every other model (`Params -> ValidParams -> fit -> Model`).
///
/// ```
/// use ndarray::array;
/// use reduce::StandardScalerParams;
/// use dsp_core::{Fit, Transform};
///
/// let x = array![[1.0_f32, 5.0], [3.0, 5.0]];
/// let scaler = StandardScalerParams::default().fit(&x, &())?;
/// assert_eq!(scaler.transform(&x)?, array![[-1.0_f32, 0.0], [1.0, 0.0]]);
/// # Ok::<(), reduce::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StandardScalerParams(StandardScalerValidParams);

/// Checked [`StandardScalerParams`]: the only thing a [`StandardScaler`] is fitted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardScalerValidParams {
    with_mean: bool,
    with_std: bool,
}

impl Default for StandardScalerValidParams {
    fn default() -> Self {
        Self {
            with_mean: true,
            with_std: true,
        }
    }
}

impl StandardScalerParams {
    /// Whether to subtract each feature's mean (sklearn's `with_mean`).
    #[must_use]
    pub fn with_mean(mut self, with_mean: bool) -> Self {
        self.0.with_mean = with_mean;
        self
    }

    /// Whether to divide each feature by its standard deviation (sklearn's `with_std`).
    #[must_use]
    pub fn with_std(mut self, with_std: bool) -> Self {
        self.0.with_std = with_std;
        self
    }
}

impl ParamGuard for StandardScalerParams {
    type Checked = StandardScalerValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&StandardScalerValidParams> {
        Ok(&self.0)
    }

    fn check(self) -> Result<StandardScalerValidParams> {
        Ok(self.0)
    }
}

impl linfa::ParamGuard for StandardScalerParams {
    type Checked = StandardScalerValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&StandardScalerValidParams> {
        ParamGuard::check_ref(self)
    }

    fn check(self) -> Result<StandardScalerValidParams> {
        ParamGuard::check(self)
    }
}

impl StandardScalerValidParams {
    /// Whether the mean is subtracted.
    #[must_use]
    pub fn with_mean(&self) -> bool {
        self.with_mean
    }

    /// Whether features are divided by their standard deviation.
    #[must_use]
    pub fn with_std(&self) -> bool {
        self.with_std
    }

    fn fit_f64(&self, x: ArrayView2<'_, f64>) -> StandardScaler {
        let mean = column_means(x);
        let n = x.nrows() as f64;
        let (var, scale) = if self.with_std {
            // sklearn's `_incremental_mean_and_var` on one batch: sum of squared deviations with
            // the rounding correction `- (sum of deviations)^2 / n`.
            let p = x.ncols();
            let mut sq = Array1::<f64>::zeros(p);
            let mut corr = Array1::<f64>::zeros(p);
            for row in x.rows() {
                for j in 0..p {
                    let d = row[j] - mean[j];
                    corr[j] += d;
                    sq[j] += d * d;
                }
            }
            let var = Array1::from_shape_fn(p, |j| (sq[j] - corr[j] * corr[j] / n) / n);
            // sklearn's `_is_constant_feature`: a variance within rounding of zero scales by 1.
            let eps = f64::EPSILON;
            let scale = Array1::from_shape_fn(p, |j| {
                let (v, m) = (var[j], mean[j]);
                let bound = n * eps * v + (n * m * eps).powi(2);
                if v <= bound { 1.0 } else { v.sqrt() }
            });
            (Some(var), Some(scale))
        } else {
            (None, None)
        };
        StandardScaler {
            with_mean: self.with_mean,
            mean,
            var,
            scale,
            n_samples_seen: x.nrows(),
        }
    }
}

/// Fits the scaler to the rows of `x` (`n_samples x n_features`, `f32` or `f64`; statistics are
/// computed in `f64`). Labels are ignored.
///
/// # Errors
/// [`Error::Core`] for empty data (no rows or no columns) or a NaN/infinite value.
impl<F: Float, S: Data<Elem = F>, Y: ?Sized> Fit<ArrayBase<S, Ix2>, Y>
    for StandardScalerValidParams
{
    type Model = StandardScaler;
    type Error = Error;

    fn fit(&self, x: &ArrayBase<S, Ix2>, _y: &Y) -> Result<StandardScaler> {
        check_records(x, 1)?;
        Ok(self.fit_f64(F::view_f64(x.view()).view()))
    }
}

/// A fitted standard scaler: `(x - mean) / scale`, per feature. Equal to a fitted
/// `sklearn.preprocessing.StandardScaler` (tested against it).
///
/// A feature whose variance is zero up to rounding gets `scale = 1` (sklearn's rule), so it maps
/// to zeros instead of NaN.
///
/// ```
/// use ndarray::array;
/// use reduce::StandardScalerParams;
/// use dsp_core::{Fit, Transform};
///
/// let x = array![[1.0, 5.0], [3.0, 5.0]];
/// let scaler = StandardScalerParams::default().fit(&x, &())?;
/// assert_eq!(scaler.transform(&x)?, array![[-1.0, 0.0], [1.0, 0.0]]);
/// assert_eq!(scaler.inverse_transform(&scaler.transform(&x)?)?, x);
/// # Ok::<(), reduce::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StandardScaler {
    with_mean: bool,
    mean: Array1<f64>,
    var: Option<Array1<f64>>,
    scale: Option<Array1<f64>>,
    n_samples_seen: usize,
}

impl StandardScaler {
    /// Default hyper-parameters (`with_mean = with_std = true`).
    #[must_use]
    pub fn params() -> StandardScalerParams {
        StandardScalerParams::default()
    }

    /// Per-feature means of the training data (sklearn's `mean_`; computed even when
    /// `with_mean` is false, as sklearn does when `with_std` is true).
    #[must_use]
    pub fn mean(&self) -> &Array1<f64> {
        &self.mean
    }

    /// Per-feature population variances (sklearn's `var_`); `None` when `with_std` is false.
    #[must_use]
    pub fn var(&self) -> Option<&Array1<f64>> {
        self.var.as_ref()
    }

    /// Per-feature divisors (sklearn's `scale_`); `None` when `with_std` is false.
    #[must_use]
    pub fn scale(&self) -> Option<&Array1<f64>> {
        self.scale.as_ref()
    }

    /// Number of rows the scaler was fitted on (sklearn's `n_samples_seen_`).
    #[must_use]
    pub fn n_samples_seen(&self) -> usize {
        self.n_samples_seen
    }

    /// Undoes [`Transform::transform`]: `x * scale + mean`.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
    pub fn inverse_transform<F: Float, S: Data<Elem = F>>(
        &self,
        x: &ArrayBase<S, Ix2>,
    ) -> Result<Array2<F>> {
        check_fitted(x, self.mean.len())?;
        let mut out = F::view_f64(x.view()).into_owned();
        if let Some(scale) = &self.scale {
            out *= scale;
        }
        if self.with_mean {
            out += &self.mean;
        }
        Ok(F::from_f64_array(out))
    }
}

/// Scales `x` (`n x n_features`): `(x - mean) / scale`, each step only where enabled; `f32` in,
/// `f32` out (computed in `f64`).
///
/// # Errors
/// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
impl<F: Float, S: Data<Elem = F>> Transform<ArrayBase<S, Ix2>> for StandardScaler {
    type Output = Array2<F>;
    type Error = Error;

    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        check_fitted(x, self.mean.len())?;
        let mut out = F::view_f64(x.view()).into_owned();
        if self.with_mean {
            out -= &self.mean;
        }
        if let Some(scale) = &self.scale {
            out /= scale;
        }
        Ok(F::from_f64_array(out))
    }
}

impl<F: Float, S: Data<Elem = F>, T> linfa::traits::Fit<ArrayBase<S, Ix2>, T, Error>
    for StandardScalerValidParams
{
    type Object = StandardScaler;

    fn fit(&self, dataset: &DatasetBase<ArrayBase<S, Ix2>, T>) -> Result<StandardScaler> {
        Fit::fit(self, dataset.records(), &())
    }
}

impl<F: Float, S: Data<Elem = F>> linfa::traits::Transformer<&ArrayBase<S, Ix2>, Result<Array2<F>>>
    for StandardScaler
{
    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        Transform::transform(self, x)
    }
}
