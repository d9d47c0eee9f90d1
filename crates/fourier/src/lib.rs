//! # sigfeat-fourier
//!
//! FFTs done properly on top of realfft/rustfft, with numpy's and scipy's conventions:
//!
//! - [`rfft`], [`irfft`], [`fft`], [`ifft`] and their along-an-axis forms ([`rfft_axis`], ...),
//!   [`rfft2`]/[`irfft2`]; unnormalised forward, `1/n` inverse (numpy's `norm="backward"`).
//! - Plans are built once per (float type, length, direction) and shared across calls and
//!   threads ([`FftFloat::planners`]); scratch buffers are per thread and reused.
//! - Frequencies and shifts: [`fftfreq`], [`rfftfreq`], [`fftshift`], [`ifftshift`];
//!   spectra: [`power_spectrum`], [`magnitude_spectrum`].
//! - Convolution: [`fftconvolve`], [`oaconvolve`] and [`convolve_auto`], which picks direct,
//!   FFT or overlap by [`choose_method`]'s measured cost model.
//! - [`Stft`] (a plan: window, hop, cached FFT) equal to `scipy.signal.stft`, and
//!   [`spectrogram`].
//! - [`binned_kde`]: a Gaussian KDE on a grid as a binned FFT convolution, with a tested
//!   error bound against the exact `dsp_core::GaussianKde`.
//! - [`naive_dft`], the O(n^2) oracle every fast path is tested against.
#![deny(missing_docs)]

mod convolve;
mod error;
mod fft2;
mod freq;
mod kde;
mod oracle;
mod plan;
mod spectrum;
mod split;
mod stft;
mod transform;

pub use convolve::{
    Method, choose_method, convolve_auto, convolve_with, fftconvolve, next_fast_len, oa_block_len,
    oaconvolve,
};
pub use error::{Error, Result};
pub use fft2::{irfft2, rfft2};
pub use freq::{fftfreq, fftshift, ifftshift, rfftfreq};
pub use kde::{KdeGrid, binned_kde};
pub use num_complex::Complex;
pub use oracle::naive_dft;
pub use plan::{Buffers, FftFloat, Planners};
pub use spectrum::{magnitude_spectrum, power_spectrum};
pub use stft::{Spectrogram, Stft, spectrogram};
pub use transform::{fft, fft_axis, ifft, ifft_axis, irfft, irfft_axis, rfft, rfft_axis};
