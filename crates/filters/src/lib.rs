//! # sigfeat-filters
//!
//! Named filters with `scipy.ndimage` / `skimage` semantics, generic over
//! `f32` and `f64`:
//!
//! - Conversions ([`rgb2gray`], [`img_as_float`], [`img_as_ubyte`], [`scale_to_unit_range`]).
//! - 2-D Gabor: [`gabor_kernel`], [`gabor`], [`GaborBank`],
//!   [`compute_kernel_feats`]; 1-D Gabor: [`Gabor1dParams`], [`gabor_filter_bank_grid`].
//! - [`tutorial`]: the tutorial's helpers under its names (`imscale`, `float3d_to_uint2d`,
//!   `make_gabor_filter`, ...), each pointing to the general function it wraps.
//! - Gaussian: [`gaussian_filter`] (n-d, orders 0-3 per axis), [`gaussian_filter1d`],
//!   [`gaussian_gradient_magnitude`], [`gaussian_laplace`], [`gaussian_scale_space`],
//!   [`gaussian_derivative`] / [`gaussian_derivatives`].
//! - Edges: [`sobel`], [`prewitt`] (scipy), [`scharr`] (skimage), [`gradient`], [`canny`].
//! - Resizing: [`resize`] and [`rescale`] (bilinear, = `skimage.transform.resize(order=1)`).
//! - Frequency domain: [`lowpass_compress`] (zero high `rfft2` coefficients), [`hybrid_image`].
//! - 2-D convolution equal to `scipy.ndimage.convolve`, direct or by FFT
//!   ([`ndimage_convolve2d`], [`FftConvolver2d`]); the method is `fourier::Method`, chosen by
//!   the one rule in `fourier::method`.
//!
//! Every function is tested against committed scipy/skimage fixtures
//! (`tests/fixtures/gen_filters.py`). Bad input gives an [`Error`], never a panic.
#![deny(missing_docs)]

mod canny;
mod conv2d;
mod convert;
mod edges;
mod error;
mod frequency;
mod gabor;
mod gabor1d;
mod gaussian;
mod metrics;
mod resize;
pub mod tutorial;

pub use canny::{CannyParams, CannyValidParams, canny};
pub use conv2d::{FftConvolver2d, ndimage_convolve2d};
pub use convert::{
    RGB2GRAY_WEIGHTS, img_as_float, img_as_ubyte, rgb2gray, rgb2gray_u8, scale_to_unit_range,
};
pub use edges::{GradientOperator, gradient, prewitt, scharr, scharr_magnitude, sobel};
pub use error::{Error, Result};
pub use frequency::{hybrid_image, lowpass_compress};
pub use gabor::{
    GaborBank, GaborParams, GaborValidParams, WrapKernelFeats, compute_kernel_feats, gabor,
    gabor_kernel, gabor_with,
};
pub use gabor1d::{Gabor1dParams, Gabor1dValidParams, gabor_filter_bank_grid};
pub use gaussian::{
    DerivativeFamily, GaussianParams, GaussianValidParams, gaussian_derivative,
    gaussian_derivatives, gaussian_filter, gaussian_filter1d, gaussian_gradient_magnitude,
    gaussian_laplace, gaussian_scale_space,
};
pub use metrics::{Intensity, mean_squared_error, peak_signal_noise_ratio};
pub use resize::{rescale, resize};
