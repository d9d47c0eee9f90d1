//! # sigfeat-reduce
//!
//! Dimensionality reduction with scikit-learn's numerics:
//!
//! | type | equals |
//! |---|---|
//! | [`StandardScaler`] | `sklearn.preprocessing.StandardScaler` |
//! | [`Pca`] | `sklearn.decomposition.PCA` (solvers `full`, `covariance_eigh`, `randomized`) |
//! | [`Lda`] | `sklearn.discriminant_analysis.LinearDiscriminantAnalysis` (solvers `svd`, `lsqr`, `eigen`; `shrinkage` `None`, `"auto"` (Ledoit-Wolf), a float) |
//!
//! Each has the shape of every sigfeat model ([`dsp_core::model`]): hyper-parameters (`XParams`,
//! `Default` + builder) are checked ([`dsp_core::ParamGuard`]) into `XValidParams` and fitted
//! ([`dsp_core::Fit`], on `f32` or `f64` matrices) into a model that is `Clone + Send + Sync` and
//! implements [`dsp_core::Transform`] (and [`dsp_core::Predict`] for [`Lda`]) with a `Result`
//! output, so bad input is a typed [`Error`], never a panic. Decompositions run in `f64`
//! whatever the input type; outputs have the input's type. The same types also implement
//! linfa's `ParamGuard`, `Fit` (on a `DatasetBase`), `Transformer` and `Predict`, so they work
//! with linfa's tooling.
//!
//! ```
//! use dsp_core::{Fit, Transform};
//! use ndarray::array;
//! use reduce::{Components, PcaParams, StandardScalerParams};
//!
//! let x = array![[1.0_f32, 2.0, 0.5], [2.0, 4.1, 0.4], [3.0, 6.2, 0.6], [4.0, 7.9, 0.5]];
//! let scaled = StandardScalerParams::default().fit(&x, &())?.transform(&x)?;
//! let pca = PcaParams::new(Components::Variance(0.9)).fit(&scaled, &())?;
//! // the fewest components explaining more than 90% of the variance
//! assert!(pca.explained_variance_ratio().sum() > 0.9 && pca.n_components() < 3);
//! let z = pca.transform(&scaled)?; // f32 in, f32 out
//! assert_eq!(z.dim(), (4, pca.n_components()));
//! # Ok::<(), reduce::Error>(())
//! ```
//!
//! Signs: PCA components follow sklearn's `svd_flip(u_based_decision=False)` (each component's
//! largest-magnitude entry positive), so they equal sklearn's including sign; LDA directions use
//! the same rule on each column of `scalings` (sklearn leaves LDA's signs to LAPACK).
//!
//! Linear algebra runs on faer (pure Rust); the `lapack` feature switches the decompositions to
//! LAPACK through `ndarray-linalg` and the system OpenBLAS.
#![deny(missing_docs)]

mod covariance;
mod error;
mod input;
mod lda;
pub mod linalg;
mod pca;
mod randomized;
mod scaler;

pub use error::{Error, Result};
pub use lda::{Lda, LdaParams, LdaSolver, LdaValidParams, Shrinkage};
pub use pca::{Components, Pca, PcaParams, PcaSolver, PcaValidParams};
pub use scaler::{StandardScaler, StandardScalerParams, StandardScalerValidParams};
