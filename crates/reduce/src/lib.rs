//! # sigfeat-reduce
//!
//! Dimensionality reduction with scikit-learn's numerics:
//!
//! | type | equals |
//! |---|---|
//! | [`StandardScaler`] | `sklearn.preprocessing.StandardScaler` |
//! | [`Pca`] | `sklearn.decomposition.PCA` (solvers `full`, `covariance_eigh`, `randomized`) |
//! | [`Lda`] | `sklearn.discriminant_analysis.LinearDiscriminantAnalysis(solver="svd")` |
//!
//! Each follows linfa's shape: hyper-parameters (`XParams`, `Default` + builder) are checked
//! ([`linfa::ParamGuard`]) and fitted ([`linfa::traits::Fit`] on a `DatasetBase`, or
//! `fit_array` on plain arrays) into a model that is `Clone + Send + Sync` and implements
//! [`linfa::traits::Transformer`] (and [`linfa::traits::Predict`] for [`Lda`]) with a
//! `Result` output, so bad input is a typed [`Error`], never a panic.
//!
//! Signs: PCA components follow sklearn's `svd_flip(u_based_decision=False)` (each component's
//! largest-magnitude entry positive), so they equal sklearn's including sign; LDA directions use
//! the same rule on each column of `scalings` (sklearn leaves LDA's signs to LAPACK).
//!
//! Linear algebra runs on faer (pure Rust); the `lapack` feature switches the decompositions to
//! LAPACK through `ndarray-linalg` and the system OpenBLAS.
#![deny(missing_docs)]

mod error;
mod input;
mod lda;
mod linalg;
mod pca;
mod randomized;
mod scaler;

pub use error::{Error, Result};
pub use lda::{Lda, LdaParams, LdaValidParams};
pub use pca::{Components, Pca, PcaParams, PcaSolver, PcaValidParams};
pub use scaler::{StandardScaler, StandardScalerParams};
