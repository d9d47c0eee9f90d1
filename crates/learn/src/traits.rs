//! The one fit/predict shape every classifier here shares, and its bridge to linfa's traits.

use dsp_core::Float;
use ndarray::{Array1, ArrayView2};

use crate::Result;

/// Hyper-parameters of a classifier: [`fit`](Classifier::fit) turns them into a fitted model.
///
/// Labels are arbitrary `usize` values; a model predicts the same values. Every classifier also
/// implements `linfa::traits::Fit<Array2<F>, Array1<usize>, learn::Error>`, and its model
/// `linfa::traits::Predict<ArrayView2<F>, Result<Array1<usize>>>`, so sigfeat's and linfa's
/// models interoperate.
pub trait Classifier<F: Float>: Sync {
    /// The fitted model.
    type Model: Model<F> + Send + Sync;

    /// Fits the model on `x` (`n_samples x n_features`) and labels `y` (`n_samples`).
    ///
    /// # Errors
    /// Bad data ([`Error::EmptyData`](crate::Error::EmptyData),
    /// [`Error::LengthMismatch`](crate::Error::LengthMismatch),
    /// [`Error::NonFinite`](crate::Error::NonFinite),
    /// [`Error::TooFewClasses`](crate::Error::TooFewClasses)) and model-specific errors.
    fn fit(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Result<Self::Model>;

    /// Leave-one-out predictions (sample `i` predicted by the model fitted on every other
    /// sample) computed without `n` refits, where the classifier has such a shortcut; `None`
    /// where it does not (the validator then refits in parallel).
    ///
    /// The data are already checked by the caller.
    ///
    /// # Errors
    /// As [`fit`](Classifier::fit).
    fn loo_predict(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Option<Result<Vec<usize>>> {
        let _ = (x, y);
        None
    }
}

/// A fitted classifier.
pub trait Model<F: Float> {
    /// The predicted label of each row of `x`.
    ///
    /// # Errors
    /// [`Error::FeatureMismatch`](crate::Error::FeatureMismatch) when `x` has another width than
    /// the training data; [`Error::NonFinite`](crate::Error::NonFinite).
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<usize>>;

    /// The labels seen in training, ascending.
    fn classes(&self) -> &[usize];
}

/// Implements linfa's `Fit` for a [`Classifier`] and `Predict` (non-panicking: returns a
/// `Result`) for its model.
macro_rules! linfa_bridge {
    ($params:ident, $model:ident) => {
        impl<F: dsp_core::Float>
            linfa::traits::Fit<ndarray::Array2<F>, ndarray::Array1<usize>, $crate::Error>
            for $params
        {
            type Object = $model;

            fn fit(
                &self,
                dataset: &linfa::DatasetBase<ndarray::Array2<F>, ndarray::Array1<usize>>,
            ) -> $crate::Result<$model> {
                let y = dataset.targets.to_vec();
                <$params as $crate::Classifier<F>>::fit(self, dataset.records.view(), &y)
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
                <$model as $crate::Model<F>>::predict(self, x)
            }
        }
    };
}
pub(crate) use linfa_bridge;
