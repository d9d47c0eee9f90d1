//! # sigfeat-dsp-core
//!
//! The bottom layer of sigfeat: the [`Float`] trait every routine is generic
//! over, the crate-wide [`Error`], convolution [`ConvMode`]s and n-d
//! [`BoundaryMode`]s, and the input checks in [`check`].
//!
//! It holds no FFTs, images or file I/O (those live in `fourier` and
//! `datasets`).
#![deny(missing_docs)]

pub mod boundary;
pub mod check;
mod convolve;
mod direct;
mod error;
mod float;
mod gaussian;
mod kde;
mod mode;
pub mod model;
pub mod ndimage;
mod signal;
mod window;

pub use convolve::{convolve, correlate};
pub use direct::{correlate_valid_into, correlate_valid_many_simd, correlate_valid_simd};
pub use error::{Error, Result};
pub use float::Float;
pub use gaussian::{
    MAX_GAUSSIAN_ORDER, gaussian_kernel1d, gaussian_radius, gaussian_weights, tutorial_g,
};
pub use kde::{Bandwidth, GaussianKde, KdeParams, KdeValidParams};
pub use mode::{BoundaryMode, ConvMode};
pub use model::{Fit, Labels, NoProgress, ParamGuard, Predict, Progress, Transform};
pub use ndimage::{convolve1d, correlate1d};
pub use signal::{add_gaussian_noise, imscale, mono_mixdown, peak_normalize};
pub use window::{Window, blackman, boxcar, gaussian_window, get_window, hamming, hann};
