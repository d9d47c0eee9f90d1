#![doc = include_str!("../../../README.md")]
//!
//! ## This crate
//!
//! The facade: each layer is re-exported as a module (`sigfeat::filters`, `sigfeat::learn`, ...),
//! `sigfeat::ndarray` is the ndarray version every layer speaks, and `use sigfeat::prelude::*`
//! brings the names most programs need.
#![deny(missing_docs)]

pub use bovw;
pub use datasets;
pub use dsp_core;
pub use features_1d;
pub use features_2d;
pub use filters;
pub use fourier;
pub use learn;
pub use ndarray;
pub use reduce;

/// The names most programs need: array types, modes, extractors, reducers, classifiers and
/// validators.
pub mod prelude {
    pub use dsp_core::{
        BoundaryMode, ConvMode, Error as DspError, Fit, Float, Labels, ParamGuard, Predict,
        Progress, Transform,
    };
    pub use features_1d::{
        DbParams, FeatureExtractor, FilterBank, MelParams, MelSpectrogram, Mfcc, MfccParams,
        MiniRocketParams, Pooling, delta, power_to_db,
    };
    pub use learn::{
        Classifier, KnnParams, LogisticRegressionParams, Model, NearestCentroidParams, Pipeline,
        RidgeClassifierCvParams, SvcParams, ValidationOptions, accuracy, leave_one_out,
    };
    pub use ndarray::{Array1, Array2, ArrayView1, ArrayView2, array};
    pub use reduce::{Components, LdaParams, PcaParams, StandardScalerParams};
}
