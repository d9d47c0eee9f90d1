//! # sigfeat-cnn
//!
//! Convolutional networks on [burn](https://burn.dev) 0.22, for the tutorial's deep-learning
//! sections:
//!
//! - [`MnistCnn`]: its Keras MNIST network (two 3x3 convolutions, max-pooling, two dense
//!   layers; 600,810 parameters), trained by [`train`] (Adam on cross-entropy, Keras'
//!   defaults, seeded, with validation, early stopping and shift augmentation) and scored by
//!   [`evaluate`] (accuracy, confusion matrix); [`save`] / [`load`] keep the weights.
//! - [`Speech1dCnn`]: its 1-D CNN on raw audio, whose learned first-layer filters
//!   ([`Speech1dCnn::filters`]) are plotted beside Gabor kernels.
//! - [`EfficientNetLite0`]: a pretrained ImageNet network loaded from safetensors
//!   ([`safetensors::SafeTensors`]), whose pooled 1280-d features of any image
//!   ([`EfficientNetLite0::features`]; resizing and normalisation by [`ImageNetInput`]) are the
//!   report's deep features.
//!
//! Networks run on a burn [`Device`]: [`cpu`] is burn's pure-Rust `flex` backend (SIMD and
//! rayon); the `wgpu` and `cuda` features add burn's GPU backends. Training needs the autodiff
//! decorator, `cpu().autodiff()`.
//!
//! ```
//! use cnn::{MnistCnnConfig, Samples, TrainConfig, cpu, train};
//! use ndarray::Array3;
//!
//! // Two classes of tiny images: bright top half or bright bottom half.
//! let images = Array3::from_shape_fn((64, 8, 8), |(i, y, _)| {
//!     if (y < 4) == (i % 2 == 0) { 255u8 } else { 0 }
//! });
//! let labels = (0..64).map(|i| i % 2).collect();
//! let samples = Samples::images_u8(images.view())?.with_labels(labels)?;
//!
//! let config = MnistCnnConfig { height: 8, width: 8, filters: 4, hidden: 8, classes: 2,
//!                               ..MnistCnnConfig::default() };
//! let device = cpu().autodiff();
//! let network = config.init(7, &device)?;
//! let fit = TrainConfig { epochs: 20, batch_size: 16, learning_rate: 1e-2, ..TrainConfig::default() };
//! let trained = train(network, &samples, None, &fit, &device, &mut ())?;
//! let scores = cnn::evaluate(&trained.network, &samples, 64, &device)?;
//! assert_eq!(scores.accuracy, 1.0);
//! # Ok::<(), cnn::Error>(())
//! ```
#![deny(missing_docs)]

mod efficientnet;
mod error;
mod init;
mod network;
mod predict;
mod resize;
pub mod safetensors;
mod samples;
mod train;

pub use burn;
pub use burn::tensor::Device;
pub use efficientnet::{
    CLASSES as IMAGENET_CLASSES, EfficientNetLite0, FEATURES as EFFICIENTNET_FEATURES,
};
pub use error::{Error, Result};
pub use network::{MnistCnn, MnistCnnConfig, Network, Speech1dCnn, Speech1dConfig};
pub use predict::{Evaluation, Scores, load, logits, predict, predict_proba, save};
pub use resize::{ImageNetInput, resize_bilinear};
pub use samples::Samples;
pub use train::{
    Augmentation, BatchProgress, EarlyStopping, EpochRecord, Observer, TrainConfig, Trained,
    evaluate, train,
};

/// burn's pure-Rust CPU backend (`flex`, SIMD kernels, rayon threads).
#[must_use]
pub fn cpu() -> Device {
    Device::flex()
}
