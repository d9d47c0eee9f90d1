//! What every classifier here shares, in the vocabulary of [`dsp_core::model`], and its bridge to
//! linfa's traits.
//!
//! A classifier is `XParams` (builder, unchecked) -> [`ParamGuard::check`](dsp_core::ParamGuard)
//! -> `XValidParams` -> [`Fit::fit`](dsp_core::Fit) -> `XModel`, whose
//! [`Predict::predict`](dsp_core::Predict) gives labels. [`Classifier`] names that shape for the
//! validators and adds the one thing they need beyond it: an optional leave-one-out shortcut.

use dsp_core::{Fit, Float, Predict};
use ndarray::{Array1, Array2, ArrayView2};

use crate::{Error, Result};

/// A fitted classifier: [`Predict`] gives a label for each row of an `n x n_features` matrix
/// (`f32` or `f64`).
pub trait Model<F: Float>:
    Predict<Array2<F>, Output = Array1<usize>, Error = <Self as Model<F>>::PredictError> + Send + Sync
{
    /// The error of [`Predict::predict`] (this crate's [`Error`], or a lower crate's that
    /// converts into it, such as `reduce::Error` for LDA).
    type PredictError: Into<Error> + std::error::Error + Send + Sync + 'static;

    /// The labels seen in training, ascending.
    fn classes(&self) -> &[usize];
}

/// Parameters that [`Fit`] a [`Model`] on rows `x` (`n_samples x n_features`) and labels `y`
/// (`n_samples` arbitrary `usize` values; the model predicts the same values). Implemented by
/// every `XParams` (checked while fitting) and `XValidParams` of this crate, and by
/// [`PipelineParams`](crate::PipelineParams); the validators take any of them.
///
/// Fitting checks the data: [`Error::EmptyData`], [`Error::LengthMismatch`],
/// [`Error::NonFinite`], [`Error::TooFewClasses`], then model-specific errors.
///
/// Every classifier also implements `linfa::traits::Fit<Array2<F>, Array1<usize>, learn::Error>`,
/// and its model `linfa::traits::Predict<ArrayView2<F>, Result<Array1<usize>>>`, so sigfeat's
/// and linfa's models interoperate.
pub trait Classifier<F: Float>:
    Fit<
        Array2<F>,
        [usize],
        Model = <Self as Classifier<F>>::Fitted,
        Error = <Self as Classifier<F>>::FitError,
    > + Sync
{
    /// The fitted model.
    type Fitted: Model<F>;
    /// The error of [`Fit::fit`] (this crate's [`Error`], or a lower crate's that converts into
    /// it, such as `reduce::Error` for LDA).
    type FitError: Into<Error> + std::error::Error + Send + Sync + 'static;

    /// Leave-one-out predictions (sample `i` predicted by the model fitted on every other
    /// sample) computed without `n` refits, where the classifier has such a shortcut; `None`
    /// where it does not (the validator then refits in parallel).
    ///
    /// The data are already checked by the caller.
    ///
    /// # Errors
    /// As fitting.
    fn loo_predict(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Option<Result<Vec<usize>>> {
        let _ = (x, y);
        None
    }
}

/// The impls every classifier shares, given its inherent `fit_view` (on `XValidParams`) and
/// `predict_view` (on `XModel`):
/// - [`Fit`] for `XValidParams` on any `f32`/`f64` matrix and any [`dsp_core::Labels`];
/// - [`Classifier`] for `XParams`, checking first and delegating the LOO shortcut;
/// - [`Predict`] for `XModel` on any matrix, and [`Model`] with its classes;
/// - linfa's `Fit` (on a `DatasetBase`) and `Predict` (returning a `Result`).
macro_rules! classifier_impls {
    ($params:ident, $valid:ident, $model:ident) => {
        impl<F, S, Y> dsp_core::Fit<ndarray::ArrayBase<S, ndarray::Ix2>, Y> for $valid
        where
            F: dsp_core::Float,
            S: ndarray::Data<Elem = F>,
            Y: dsp_core::Labels + ?Sized,
        {
            type Model = $model;
            type Error = $crate::Error;

            fn fit(
                &self,
                x: &ndarray::ArrayBase<S, ndarray::Ix2>,
                y: &Y,
            ) -> $crate::Result<$model> {
                self.fit_view(x.view(), &y.labels())
            }
        }

        impl<F: dsp_core::Float> $crate::Classifier<F> for $params {
            type Fitted = $model;
            type FitError = $crate::Error;

            fn loo_predict(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                y: &[usize],
            ) -> Option<$crate::Result<Vec<usize>>> {
                match dsp_core::ParamGuard::check_ref(self) {
                    Ok(p) => <$valid as $crate::Classifier<F>>::loo_predict(p, x, y),
                    Err(e) => Some(Err(e)),
                }
            }
        }

        impl<F, S> dsp_core::Predict<ndarray::ArrayBase<S, ndarray::Ix2>> for $model
        where
            F: dsp_core::Float,
            S: ndarray::Data<Elem = F>,
        {
            type Output = ndarray::Array1<usize>;
            type Error = $crate::Error;

            fn predict(
                &self,
                x: &ndarray::ArrayBase<S, ndarray::Ix2>,
            ) -> $crate::Result<ndarray::Array1<usize>> {
                self.predict_view(x.view())
            }
        }

        impl<F: dsp_core::Float> $crate::Model<F> for $model {
            type PredictError = $crate::Error;

            fn classes(&self) -> &[usize] {
                &self.classes
            }
        }

        impl<F: dsp_core::Float>
            linfa::traits::Fit<ndarray::Array2<F>, ndarray::Array1<usize>, $crate::Error>
            for $params
        {
            type Object = $model;

            fn fit(
                &self,
                dataset: &linfa::DatasetBase<ndarray::Array2<F>, ndarray::Array1<usize>>,
            ) -> $crate::Result<$model> {
                dsp_core::Fit::fit(self, &dataset.records, &dataset.targets)
            }
        }

        impl<'a, F: dsp_core::Float>
            linfa::traits::Predict<
                ndarray::ArrayView2<'a, F>,
                $crate::Result<ndarray::Array1<usize>>,
            > for $model
        {
            fn predict(
                &self,
                x: ndarray::ArrayView2<'a, F>,
            ) -> $crate::Result<ndarray::Array1<usize>> {
                self.predict_view(x)
            }
        }
    };
}
pub(crate) use classifier_impls;

/// `ParamGuard` for `XParams(XValidParams)` whose check is the inherent `XValidParams::validate`.
macro_rules! param_guard {
    ($params:ident, $valid:ident) => {
        impl dsp_core::ParamGuard for $params {
            type Checked = $valid;
            type Error = $crate::Error;

            fn check_ref(&self) -> $crate::Result<&$valid> {
                self.0.validate()?;
                Ok(&self.0)
            }

            fn check(self) -> $crate::Result<$valid> {
                self.0.validate()?;
                Ok(self.0)
            }
        }
    };
}
pub(crate) use param_guard;
