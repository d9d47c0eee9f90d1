//! The error type of `fourier`; wraps `dsp-core`'s errors with `#[from]`.

/// What went wrong with the input of a `fourier` routine.
///
/// Every variant carries the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `dsp-core` (empty input, axis out of range, shape mismatch, bad window...).
    #[error(transparent)]
    Core(#[from] dsp_core::Error),
    /// A transform length that numpy also rejects (for example `irfft` with `n = 0`).
    #[error("invalid number of data points {n} for {what}: must be >= 1")]
    InvalidLength {
        /// Which routine or argument.
        what: &'static str,
        /// The length asked for.
        n: usize,
    },
    /// An axis outside `-ndim..ndim` (numpy's rule; negative axes count from the end).
    #[error("axis {axis} is out of bounds for an array of dimension {ndim}")]
    InvalidAxis {
        /// The axis asked for.
        axis: isize,
        /// The array's number of dimensions.
        ndim: usize,
    },
    /// A segment length longer than the signal or zero.
    #[error(
        "nperseg = {nperseg} is invalid for a signal of length {len}: needs 1 <= nperseg <= len"
    )]
    InvalidSegment {
        /// The segment length asked for.
        nperseg: usize,
        /// The signal length.
        len: usize,
    },
    /// An overlap that is not smaller than the segment length.
    #[error("noverlap = {noverlap} must be smaller than nperseg = {nperseg}")]
    InvalidOverlap {
        /// The overlap asked for.
        noverlap: usize,
        /// The segment length.
        nperseg: usize,
    },
    /// An FFT length shorter than the segment it transforms.
    #[error("nfft = {nfft} must be >= nperseg = {nperseg}")]
    InvalidNfft {
        /// The FFT length asked for.
        nfft: usize,
        /// The segment length.
        nperseg: usize,
    },
    /// An evaluation grid that is empty, reversed or not finite.
    #[error("invalid grid [{min}, {max}] with {n} point(s): needs finite min < max and n >= 2")]
    InvalidGrid {
        /// Left end.
        min: f64,
        /// Right end.
        max: f64,
        /// Number of grid points.
        n: usize,
    },
    /// A sample outside the evaluation grid of a binned estimate.
    #[error("sample {value} lies outside the grid [{min}, {max}]")]
    DataOutsideGrid {
        /// The sample.
        value: f64,
        /// Left end of the grid.
        min: f64,
        /// Right end of the grid.
        max: f64,
    },
}

/// `Result` with `fourier`'s [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
