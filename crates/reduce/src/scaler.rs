//! `StandardScaler`: remove the mean and scale to unit variance, per feature.

use linfa::dataset::DatasetBase;
use linfa::traits::{Fit, Transformer};
use ndarray::{Array1, Array2, ArrayBase, Data, Ix2};

use crate::input::{check_fitted, check_records, column_means};
use crate::{Error, Result};

/// Hyper-parameters of a [`StandardScaler`]; equal to `sklearn.preprocessing.StandardScaler`'s
/// `with_mean` and `with_std` (both `true` by default).
///
/// Every combination is valid, so these parameters fit directly (no checked variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardScalerParams {
    with_mean: bool,
    with_std: bool,
}

impl Default for StandardScalerParams {
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
        self.with_mean = with_mean;
        self
    }

    /// Whether to divide each feature by its standard deviation (sklearn's `with_std`).
    #[must_use]
    pub fn with_std(mut self, with_std: bool) -> Self {
        self.with_std = with_std;
        self
    }

    /// Fits the scaler to the rows of `x` (`n_samples x n_features`).
    ///
    /// # Errors
    /// [`Error::Core`] for empty data (no rows or no columns) or a NaN/infinite value.
    pub fn fit_array<S: Data<Elem = f64>>(&self, x: &ArrayBase<S, Ix2>) -> Result<StandardScaler> {
        check_records(x, 1)?;
        let mean = column_means(x.view());
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
        Ok(StandardScaler {
            with_mean: self.with_mean,
            mean,
            var,
            scale,
            n_samples_seen: x.nrows(),
        })
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
///
/// let x = array![[1.0, 5.0], [3.0, 5.0]];
/// let scaler = StandardScalerParams::default().fit_array(&x)?;
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

    /// Scales `x` (`n x n_features`): `(x - mean) / scale`, each step only where enabled.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
    pub fn transform<S: Data<Elem = f64>>(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<f64>> {
        check_fitted(x, self.mean.len())?;
        let mut out = x.to_owned();
        if self.with_mean {
            out -= &self.mean;
        }
        if let Some(scale) = &self.scale {
            out /= scale;
        }
        Ok(out)
    }

    /// Undoes [`transform`](Self::transform): `x * scale + mean`.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
    pub fn inverse_transform<S: Data<Elem = f64>>(
        &self,
        x: &ArrayBase<S, Ix2>,
    ) -> Result<Array2<f64>> {
        check_fitted(x, self.mean.len())?;
        let mut out = x.to_owned();
        if let Some(scale) = &self.scale {
            out *= scale;
        }
        if self.with_mean {
            out += &self.mean;
        }
        Ok(out)
    }
}

impl<S: Data<Elem = f64>, T> Fit<ArrayBase<S, Ix2>, T, Error> for StandardScalerParams {
    type Object = StandardScaler;

    fn fit(&self, dataset: &DatasetBase<ArrayBase<S, Ix2>, T>) -> Result<StandardScaler> {
        self.fit_array(dataset.records())
    }
}

impl<S: Data<Elem = f64>> Transformer<&ArrayBase<S, Ix2>, Result<Array2<f64>>> for StandardScaler {
    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<f64>> {
        StandardScaler::transform(self, x)
    }
}
