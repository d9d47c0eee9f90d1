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
    /// A sample rate that is not finite and `> 0`.
    #[error("sample rate must be finite and > 0 Hz, got {sample_rate}")]
    InvalidSampleRate {
        /// The sample rate passed.
        sample_rate: f64,
    },
    /// An FFT length below 2.
    #[error("n_fft must be >= 2, got {n_fft}")]
    InvalidNfft {
        /// The FFT length passed.
        n_fft: usize,
    },
    /// A hop of 0 samples between frames.
    #[error("hop_length must be >= 1, got {hop_length}")]
    InvalidHop {
        /// The hop passed.
        hop_length: usize,
    },
    /// A window length that is 0 or longer than the FFT.
    #[error("win_length must be in 1..={n_fft}, got {win_length}")]
    InvalidWinLength {
        /// The window length passed.
        win_length: usize,
        /// The FFT length.
        n_fft: usize,
    },
    /// A spectrogram exponent that is not finite and `> 0`.
    #[error("power must be finite and > 0, got {power}")]
    InvalidPower {
        /// The exponent passed.
        power: f64,
    },
    /// A mel filter bank of no filters.
    #[error("n_mels must be >= 1, got {n_mels}")]
    InvalidMelCount {
        /// The count passed.
        n_mels: usize,
    },
    /// Mel band edges that are not `0 <= fmin < fmax <= sample_rate / 2`.
    #[error(
        "mel range [{fmin}, {fmax}] Hz is invalid: need 0 <= fmin < fmax <= {nyquist} (Nyquist)"
    )]
    InvalidMelRange {
        /// Lowest frequency in Hz.
        fmin: f64,
        /// Highest frequency in Hz.
        fmax: f64,
        /// Half the sample rate.
        nyquist: f64,
    },
    /// More (or no) cepstral coefficients than mel bands.
    #[error("n_mfcc must be in 1..={n_mels} (the number of mel bands), got {n_mfcc}")]
    InvalidMfccCount {
        /// The count passed.
        n_mfcc: usize,
        /// The number of mel bands.
        n_mels: usize,
    },
    /// A decibel-conversion parameter out of range (`amin <= 0`, `top_db < 0`, a non-finite
    /// reference) or a negative or non-finite cepstral lifter.
    #[error("invalid {name} = {value}: {expected}")]
    InvalidScaling {
        /// `amin`, `top_db`, `ref` or `lifter`.
        name: &'static str,
        /// The value passed.
        value: f64,
        /// What a valid value looks like.
        expected: &'static str,
    },
    /// A delta width that is not an odd integer `>= 3`.
    #[error("delta width must be an odd integer >= 3, got {width}")]
    InvalidDeltaWidth {
        /// The width passed.
        width: usize,
    },
    /// A delta order that is 0 or not below the width (the Savitzky-Golay polynomial of that
    /// order needs more points than the window has).
    #[error("delta order must be in 1..{width} (below the width), got {order}")]
    InvalidDeltaOrder {
        /// The order passed.
        order: usize,
        /// The width.
        width: usize,
    },
    /// Fewer frames than the delta width (librosa's `mode='interp'` needs a whole window).
    #[error("delta width {width} exceeds the number of frames ({frames})")]
    TooFewFrames {
        /// Frames in the input.
        frames: usize,
        /// The width.
        width: usize,
    },
    /// A streaming extractor asked for a setting that depends on the whole signal.
    #[error("this setting cannot stream: {reason}")]
    NotStreamable {
        /// Which setting and why.
        reason: &'static str,
    },
    /// A stream finished before it was given any sample.
    #[error("the stream ended without any sample")]
    EmptyStream,
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
