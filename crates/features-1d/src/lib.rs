//! # sigfeat-features-1d
//!
//! Features of 1-D signals, generic over `f32`/`f64`, each a fixed-length vector per signal,
//! in sigfeat's one model vocabulary ([`dsp_core::model`], re-exported here): every extractor
//! maps a whole batch to a `(n_signals, n_features)` matrix in parallel with
//! [`Transform::transform`] (any [`SignalBatch`]: the rows of a matrix, or a slice of arrays,
//! of different lengths where the extractor allows), one signal with
//! [`FeatureExtractor::transform_one`]; fitted ones come from `XParams` ->
//! [`ParamGuard::check`] -> `XValidParams` -> [`Fit::fit`], and the stateless ones implement
//! [`Fit`] as the identity, so a pipeline takes any of them as a step:
//!
//! - [`FilterBank`]: a bank of kernels (e.g. the tutorial's 9-filter 1-D Gabor bank,
//!   [`FilterBank::tutorial_gabor`]) convolved in `valid`/`same` mode and pooled by any
//!   [`Pooling`]s (mean, std, max, min, abs-max, percentile, PPV): the tutorial's
//!   `apply_filter_bank` / `extract_gabor_features`, tested against numpy.
//! - [`LocalFeatures`]: poolings of sliding windows, a frames x features matrix
//!   (the tutorial's `extract_local_features`).
//! - [`BandPowers`]: power in frequency bands of the rfft power spectrum with exact
//!   fractional-bin integration ([`one_sided_power`] is normalised to Parseval).
//! - [`RocketParams`] -> [`Rocket`] and [`MiniRocketParams`] -> [`MiniRocket`]: the random and
//!   the (almost) deterministic dilated-kernel transforms of Dempster et al. (2020, 2021), with
//!   their deviations from the reference code documented in their modules; both refuse sets of
//!   series of different lengths ([`Error::UnequalLengths`], as aeon), and MiniRocket has the
//!   authors' variable-length variant ([`SeriesLengths::Variable`]).
//!
//! - Speech features equal to librosa 0.11: the mel scale ([`hz_to_mel`], [`mel_to_hz`],
//!   [`mel_frequencies`], [`fft_frequencies`]), mel filter banks ([`mel_filter_bank`],
//!   [`MelFilterBank`]), [`MelSpectrogram`] (librosa's centred STFT framing, power
//!   spectrogram and mel bank as one plan), [`power_to_db`], [`Mfcc`] and [`delta`];
//!   [`MelStream`] / [`MfccStream`] take a signal in blocks and give the one-shot frames.
//!
//! Bad input (empty or NaN signals, a signal shorter than a kernel in `valid` mode, a window
//! longer than the signal, hop 0, a percentile outside `[0, 100]`, an empty bank) gives an
//! [`Error`], never a panic.
#![deny(missing_docs)]

mod bands;
mod bank;
mod batch;
mod db;
mod delta;
mod error;
mod local;
mod mel;
mod melspec;
mod mfcc;
mod minirocket;
mod pooling;
mod rocket;
mod stream;

pub use bands::{BandPowers, one_sided_power};
pub use bank::{BANK_DIRECT_MAX_TAPS, FilterBank};
pub use batch::{FeatureExtractor, SignalBatch};
pub use db::{DbParams, Reference, power_to_db};
pub use delta::delta;
pub use dsp_core::model::{Fit, ParamGuard, Transform};
pub use error::{Error, Result};
pub use local::LocalFeatures;
pub use mel::{
    BasisPrecision, MelBankParams, MelFilterBank, MelNorm, MelScale, fft_frequencies, hz_to_mel,
    mel_filter_bank, mel_frequencies, mel_to_hz,
};
pub use melspec::{FftPrecision, MelParams, MelSpectrogram};
pub use mfcc::{Mfcc, MfccParams};
pub use minirocket::{
    MINIROCKET_KERNEL_LEN, MINIROCKET_NUM_KERNELS, MiniRocket, MiniRocketParams,
    MiniRocketValidParams, ReferenceLength, SeriesLengths, minirocket_dilations,
    minirocket_kernels, minirocket_quantiles,
};
pub use pooling::{Pooling, pool};
pub use rocket::{Rocket, RocketKernel, RocketParams, RocketValidParams};
pub use stream::{MelStream, MfccStream};
