//! # sigfeat-fourier
//!
//! FFTs done properly on top of realfft/rustfft, with numpy's and scipy's conventions:
//!
//! - [`rfft`], [`irfft`], [`fft`], [`ifft`] and their along-an-axis forms ([`rfft_axis`], ...),
//!   [`rfft2`]/[`irfft2`] (standard layout; [`rfft2_col_major`] is the faster column-major
//!   form); unnormalised forward, `1/n` inverse (numpy's `norm="backward"`).
//! - numpy's arguments: [`rfft_with`], [`irfft_with`], [`fft_with`], [`ifft_with`] take
//!   [`FftArgs`] (`n`, `axis` with negative values counting from the end, [`Norm`]);
//!   [`rfft2_with`] / [`irfft2_with`] take [`Fft2Args`] (`s`, `axes`, `norm`).
//!   `numpy.fft.rfft(x, n=16, axis=0, norm="ortho")` is
//!   `rfft_with(x.view(), &FftArgs::new().n(16).axis(0).norm(Norm::Ortho))`.
//! - Plans are built once per (float type, length, direction) and shared across calls and
//!   threads ([`FftFloat::planners`]); scratch buffers are per thread and reused.
//! - Frequencies and shifts: [`fftfreq`], [`rfftfreq`], [`fftshift`], [`ifftshift`];
//!   spectra: [`power_spectrum`], [`magnitude_spectrum`].
//! - Convolution: [`fftconvolve`], [`oaconvolve`] and [`convolve_auto`], which picks direct,
//!   FFT or overlap by [`choose_method`]'s measured cost model.
//! - [`method`]: the one [`Method`] enum of every convolution in sigfeat (1-D, banks, 2-D) and
//!   the one documented rule, [`Method::resolve`], with every direct-vs-FFT threshold.
//! - [`Stft`] (a plan: window, hop, cached FFT) equal to `scipy.signal.stft`, and
//!   [`spectrogram`].
//! - [`binned_kde`]: a Gaussian KDE on a grid as a binned FFT convolution, with a tested
//!   error bound against the exact `dsp_core::GaussianKde`.
//! - [`naive_dft`], the O(n^2) oracle every fast path is tested against.
//!
//! ## Performance
//!
//! Best-of-11 timings, f64, two pinned cores of a quiet Xeon (the shared 2-core development
//! machine was at load 8-12 and gave ratios that moved by 2x between runs), with Python
//! (numpy 2.5.2 / scipy 1.18.1 there) timed in the same job:
//!
//! | operation | sigfeat | Python | ratio |
//! |---|---|---|---|
//! | `rfft` 2^20 | 5.7 ms | `scipy.fft.rfft` 10.3 ms | 0.55 |
//! | `rfft` 10^6 | 6.0 ms | 11.2 ms | 0.53 |
//! | `rfft` 1000003 (prime) | 74.5 ms | 274 ms | 0.27 |
//! | `rfft2` 2048x2048 | 25.8 ms | `scipy.fft.rfft2(workers=2)` 28.6 ms | 0.90 |
//! | `convolve_auto` 1e6 x 31 | 4.3 ms | `np.convolve` 17.1 ms | 0.25 |
//! | `convolve_auto` 1e6 x 1001 | 5.0 ms | `scipy.signal.oaconvolve` 15.9 ms | 0.31 |
//!
//! (The `rfft2` row was measured with the row-major output it has again now. In between it
//! wrote column-major output, which skips the column pass's transposed copies; that form is
//! [`rfft2_col_major`]. On the loaded 2-core development machine, one criterion run each:
//! column-major `rfft2` 125.8 ms, standard-layout `rfft2` 152.8 ms at 2048x2048, load-dependent.)
#![deny(missing_docs)]

mod convolve;
mod error;
mod fft2;
mod freq;
mod kde;
mod lengths;
pub mod method;
mod naive;
mod nonfinite;
mod peak;
mod plan;
mod spectrum;
mod stft;
mod transfer;
mod transform;
mod two_core;

pub use convolve::{convolve_auto, convolve_with, fftconvolve, oaconvolve};
pub use error::{Error, Result};
pub use fft2::{Fft2Args, irfft2, irfft2_with, rfft2, rfft2_col_major, rfft2_into, rfft2_with};
pub use freq::{fftfreq, fftshift, ifftshift, rfftfreq};
pub use kde::{KdeGrid, binned_kde};
pub use lengths::{next_fast_len, oa_block_len};
pub use method::{BATCH_DIRECT_MAX_TAPS, IMAGE_DIRECT_MAX_TAPS, Method, Workload, choose_method};
pub use naive::naive_dft;
pub use num_complex::Complex;
pub use peak::peak_frequency;
pub use plan::{Buffers, FftFloat, Planners};
pub use spectrum::{magnitude_spectrum, power_spectrum};
pub use stft::{Spectrogram, Stft, spectrogram};
pub use transfer::circular_transfer;
pub use transform::{
    FftArgs, Norm, fft, fft_axis, fft_with, ifft, ifft_axis, ifft_with, irfft, irfft_axis,
    irfft_with, rfft, rfft_axis, rfft_with,
};
