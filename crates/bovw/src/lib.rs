//! # sigfeat-bovw
//!
//! Bags of visual words: fast k-means (Lloyd on a blocked GEMM, Hamerly-bounded iterations,
//! greedy k-means++, mini-batch), visual vocabularies with a small binary file format, and the
//! encodings built on them — hard-assignment histograms, kernel-codebook soft assignment, VLAD,
//! a diagonal Gaussian mixture and Fisher vectors — plus spatial pyramids and batch encoding.
//!
//! k-means equals `sklearn.cluster.KMeans` given the same initial centres; the mixture equals
//! `sklearn.mixture.GaussianMixture(covariance_type='diag')` given the same initialisation; VLAD
//! and Fisher vectors follow VLFeat's `vl_vlad_encode` and `vl_fisher_encode`. Each is tested
//! against fixtures written by `tests/fixtures/gen_bovw.py`.
//!
//! ```
//! use bovw::{encode_batch, Encoder, HistNorm, Histogram, KMeansParams, Vocabulary};
//! use dsp_core::Fit;
//! use ndarray::array;
//! let train = array![[0.0f32, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]];
//! let voc: Vocabulary<f32> = KMeansParams::new(2).seed(1).fit(&train, &())?.into();
//! let hist = Histogram::new(voc, HistNorm::L1);
//! let image_a = array![[0.1f32, 0.2], [0.0, 0.9], [5.1, 5.0]];
//! let image_b = array![[4.9f32, 5.5]];
//! let rows = encode_batch(&hist, &[image_a.view(), image_b.view()])?;
//! assert_eq!(rows.dim(), (2, 2));
//! assert!((rows.row(0).sum() - 1.0).abs() < 1e-6);
//! # Ok::<(), bovw::Error>(())
//! ```
#![deny(missing_docs)]

mod encode;
mod error;
mod fisher;
mod fused;
mod gmm;
mod kmeans;
mod minibatch;
mod plusplus;
mod pyramid;
mod util;
mod vlad;
mod vocabulary;

pub use encode::{Encoder, HistNorm, Histogram, SoftAssignment, encode_batch};
pub use error::{Error, Result};
pub use fisher::Fisher;
pub use gmm::{Gmm, GmmParams, GmmValidParams};
pub use kmeans::{KMeans, KMeansAlgorithm, KMeansInit, KMeansParams, KMeansValidParams};
pub use minibatch::{MiniBatchKMeans, MiniBatchKMeansParams, MiniBatchKMeansValidParams};
pub use plusplus::kmeans_plusplus;
pub use pyramid::SpatialPyramid;
pub use vlad::{Vlad, VladFlags};
pub use vocabulary::{VOCABULARY_MAGIC, VOCABULARY_VERSION, Vocabulary};
