//! The error type of `features-1d`; it wraps the lower layers' errors.

/// What went wrong with the input of a `features-1d` routine.
///
/// Every variant carries the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `dsp-core` (empty input, NaN, bad parameter, ...).
    #[error(transparent)]
    Core(#[from] dsp_core::Error),
    /// An error from `fourier`.
    #[error(transparent)]
    Fourier(#[from] fourier::Error),
    /// An error from `filters` (a bad Gabor parameter).
    #[error(transparent)]
    Filters(#[from] filters::Error),
    /// A filter bank, pooling list or band list with nothing in it.
    #[error("{what} is empty: at least one is needed")]
    Empty {
        /// Which list.
        what: &'static str,
    },
    /// A signal shorter than a kernel in `Valid` mode (no complete overlap exists).
    #[error(
        "signal of length {signal_len} is shorter than kernel {kernel} of length {kernel_len} (valid mode)"
    )]
    SignalShorterThanKernel {
        /// The signal's length.
        signal_len: usize,
        /// Index of the kernel in the bank.
        kernel: usize,
        /// The kernel's length.
        kernel_len: usize,
    },
    /// A sliding window longer than the signal.
    #[error("window of length {window} is longer than the signal ({signal_len} samples)")]
    WindowTooLong {
        /// The window length.
        window: usize,
        /// The signal's length.
        signal_len: usize,
    },
    /// A percentile outside `[0, 100]` (or NaN).
    #[error("percentile must be in [0, 100], got {q}")]
    InvalidPercentile {
        /// The percentile passed.
        q: f64,
    },
    /// A frequency band that is not `0 <= low < high <= sample_rate / 2`.
    #[error("band [{low}, {high}] Hz is invalid: need 0 <= low < high <= {nyquist} (Nyquist)")]
    InvalidBand {
        /// Lower edge in Hz.
        low: f64,
        /// Upper edge in Hz.
        high: f64,
        /// Half the sample rate.
        nyquist: f64,
    },
    /// A batch of series of different lengths given to a model that needs one length (ROCKET,
    /// MiniRocket with [`SeriesLengths::Equal`](crate::SeriesLengths::Equal); aeon refuses
    /// such input too). Pad, truncate or resample the set first (`datasets::pad`, ...), or fit
    /// MiniRocket with [`SeriesLengths::Variable`](crate::SeriesLengths::Variable).
    #[error(
        "series {index} has length {len}, series 0 has {expected}: this model needs series of one length"
    )]
    UnequalLengths {
        /// Index of the first series whose length differs from the first one's.
        index: usize,
        /// Its length.
        len: usize,
        /// The first series' length.
        expected: usize,
    },
    /// A signal of a batch failed; `source` says why.
    #[error("signal {index}: {source}")]
    AtSignal {
        /// Index of the signal in the batch.
        index: usize,
        /// What went wrong with it.
        source: Box<Error>,
    },
}

/// `Result` with `features-1d`'s [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
