//! # sigfeat-dsp-core
//!
//! The bottom layer of sigfeat: the [`Float`] trait every routine is generic
//! over, the crate-wide [`Error`], convolution [`ConvMode`]s and n-d
//! [`BoundaryMode`]s, and the input checks in [`check`].
//!
//! It holds no FFTs, images or file I/O (those live in `fourier` and
//! `datasets`).
#![deny(missing_docs)]

pub mod check;
mod convolve;
mod error;
mod float;
mod mode;
mod window;
mod gaussian;

pub use convolve::{convolve, correlate};
pub use error::{Error, Result};
pub use float::Float;
pub use mode::{BoundaryMode, ConvMode};
pub use window::{Window, blackman, boxcar, gaussian_window, get_window, hamming, hann};
pub use gaussian::{
