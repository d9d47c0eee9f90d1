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
mod mixdown;
pub mod model;
pub mod ndimage;
mod noise;
mod normalize;
pub mod tutorial;
pub mod uninit;
mod window;

pub use boundary::{BoundaryMode, ConvMode};
pub use convolve::{convolve, correlate};
pub use direct::{correlate_valid_into, correlate_valid_many_simd, correlate_valid_simd};
pub use error::{Error, Result};
pub use float::Float;
pub use gaussian::{MAX_GAUSSIAN_ORDER, gaussian_kernel1d, gaussian_radius, gaussian_weights};
pub use kde::{Bandwidth, GaussianKde, KdeParams, KdeValidParams};
pub use mixdown::mono_mixdown;
pub use model::{Fit, Labels, NoProgress, ParamGuard, Predict, Progress, Transform};
pub use ndimage::{convolve1d, correlate1d};
pub use noise::add_gaussian_noise;
pub use normalize::{peak_normalize, rms_normalize};
pub use window::{Window, blackman, boxcar, gaussian_window, get_window, hamming, hann};
