//! The error type of `filters`; wraps `dsp-core`'s and `fourier`'s errors with `#[from]`.

/// What went wrong with the input of a `filters` routine.
///
/// Checks on sigma, orders, empty inputs, shapes and axes are `dsp-core`'s
/// ([`Error::Core`]); the variants here are specific to named filters. Every
/// variant carries the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `dsp-core` (empty input, bad sigma or order, shape or axis mismatch...).
    #[error(transparent)]
    Core(#[from] dsp_core::Error),
    /// An error from `fourier` (transform lengths).
    #[error(transparent)]
    Fourier(#[from] fourier::Error),
    /// A kernel whose size follows from the parameters but is too large to build.
    #[error("{what} kernel of {rows} x {cols} samples is too large (limit {limit} samples)")]
    KernelTooLarge {
        /// Which kernel.
        what: &'static str,
        /// Rows it would have.
        rows: u64,
        /// Columns it would have.
        cols: u64,
        /// The largest number of samples accepted.
        limit: u64,
    },
    /// Canny thresholds that are not ordered `low <= high`.
    #[error("low threshold {low} must not exceed high threshold {high}")]
    ThresholdOrder {
        /// The low threshold.
        low: f64,
        /// The high threshold.
        high: f64,
    },
}

/// `Result` with `filters`' [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// [`dsp_core::Error::InvalidParameter`] unless `value` is finite and `> 0`.
pub(crate) fn positive(name: &'static str, value: f64) -> Result<()> {
    Ok(dsp_core::check::ensure_positive(name, value)?)
}

/// [`dsp_core::Error::InvalidParameter`] unless `value` is finite.
pub(crate) fn finite(name: &'static str, value: f64) -> Result<()> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(dsp_core::Error::InvalidParameter {
            name,
            value,
            expected: "a finite value",
        }
        .into())
    }
}
