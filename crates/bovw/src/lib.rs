//! # sigfeat-bovw
//!
//! Bags of visual words: fast k-means (Lloyd on a blocked GEMM, greedy k-means++, mini-batch),
//! visual vocabularies with a small binary file format, and the encodings built on them —
//! hard-assignment histograms, kernel-codebook soft assignment, VLAD, a diagonal Gaussian
//! mixture and Fisher vectors — plus spatial pyramids and batch encoding.
//!
//! k-means equals `sklearn.cluster.KMeans` given the same initial centres; the mixture equals
//! `sklearn.mixture.GaussianMixture(covariance_type='diag')` given the same initialisation; VLAD
//! and Fisher vectors follow VLFeat's `vl_vlad` and `vl_fisher`. Every one is tested against
//! fixtures written by `tests/fixtures/gen_bovw.py`.
#![deny(missing_docs)]

mod error;
mod kmeans;
mod plusplus;
mod util;

pub use error::{Error, Result};
pub use kmeans::{KMeans, KMeansAlgorithm, KMeansInit, KMeansParams, KMeansValidParams};
pub use plusplus::kmeans_plusplus;
