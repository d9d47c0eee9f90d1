//! # sigfeat-learn
//!
//! Classifiers in the model vocabulary of [`dsp_core::model`] (`XParams` ->
//! [`ParamGuard::check`](dsp_core::ParamGuard) -> `XValidParams` -> [`Fit`](dsp_core::Fit) ->
//! `XModel` -> [`Predict`](dsp_core::Predict); [`Classifier`] and [`Model`] name that shape for
//! the validators; all bridged to linfa's `Fit`/`Predict`), pipelines of any transformer steps
//! and a classifier ([`Pipeline`]), validation (leave-one-out with closed-form shortcuts, stratified k-fold,
//! train/test split; folds in parallel) and metrics, each equal to its scikit-learn namesake
//! on the fixtures in `tests/`.
//!
//! Every solver computes in `f64`; `f32` input is widened once.
#![deny(missing_docs)]

mod centroid;
mod error;
pub mod input;
mod knn;
mod logistic;
mod metrics;
mod pipeline;
mod ridge;
mod svm;
mod traits;
mod validation;

pub use centroid::{NearestCentroidModel, NearestCentroidParams, NearestCentroidValidParams};
pub use error::{Error, Result};
pub use knn::{KnnModel, KnnParams, KnnValidParams};
pub use logistic::{
    LogisticRegressionModel, LogisticRegressionParams, LogisticRegressionValidParams,
};
pub use metrics::{ConfusionMatrix, accuracy, balanced_accuracy, confusion_matrix};
pub use pipeline::{FittedStep, Pipeline, PipelineModel, PipelineParams, Step};
pub use ridge::{RidgeClassifierCvModel, RidgeClassifierCvParams, RidgeClassifierCvValidParams};
pub use svm::{Gamma, Kernel, SvcModel, SvcParams, SvcValidParams};
pub use traits::{Classifier, Model};
pub use validation::{
    CvReport, Fold, ValidationOptions, cross_validate, leave_one_out, stratified_kfold,
    train_test_split,
};
