#![doc = include_str!("../../../README.md")]
//!
//! ## This crate
//!
//! The facade: each layer is re-exported as a module (`sigfeat::filters`, `sigfeat::learn`, ...),
//! `sigfeat::ndarray` is the ndarray version every layer speaks, and `use sigfeat::prelude::*`
//! brings the names most programs need.
//!
//! ## Bag of audio words
//!
//! The layers compose: MFCC frames (`features_1d`) are descriptors for `bovw`'s vocabulary and
//! encoders, so a bag of audio words (the report's Speech section) is a k-means vocabulary over
//! every recording's frames and one word histogram per recording:
//!
//! ```
//! use sigfeat::bovw::{HistNorm, Histogram, KMeansParams, Vocabulary, encode_batch};
//! use sigfeat::prelude::*;
//!
//! // Two "recordings": a low tone and a high one, 0.5 s at 8 kHz.
//! let tone = |f: f64| Array1::from_shape_fn(4000, |i| (2.0 * std::f64::consts::PI * f * i as f64 / 8000.0).sin());
//! let recordings = [tone(300.0), tone(2500.0)];
//! let mel = MelParams::default().sample_rate(8000.0).n_fft(256).hop_length(80).n_mels(40);
//! let mfcc = Mfcc::<f64>::new(MfccParams::default().mel(mel).n_mfcc(13))?;
//! // Frames as rows (frames x coefficients): one descriptor set per recording.
//! let frames: Vec<Array2<f64>> = recordings
//!     .iter()
//!     .map(|y| Ok(mfcc.process(y.view())?.t().to_owned()))
//!     .collect::<Result<_, Box<dyn std::error::Error>>>()?;
//! let views: Vec<ArrayView2<'_, f64>> = frames.iter().map(|f| f.view()).collect();
//! let all = sigfeat::ndarray::concatenate(sigfeat::ndarray::Axis(0), &views)?;
//! let words = KMeansParams::new(4).seed(0).fit(&all, &())?;
//! let bags = encode_batch(&Histogram::new(Vocabulary::from(words), HistNorm::L1), &views)?;
//! assert_eq!(bags.dim(), (2, 4));
//! // Each histogram sums to one, and the two tones use different words.
//! assert!(bags.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-12));
//! assert!(bags.row(0).dot(&bags.row(1)) < 0.5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub use bovw;
pub use cnn;
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
