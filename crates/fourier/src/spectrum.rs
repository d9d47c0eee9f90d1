//! Power and magnitude spectra of real signals.

use ndarray::{Array1, ArrayView1};

use crate::plan::FftFloat;
use crate::{Result, rfft};

/// Power spectrum `|rfft(x)|^2`; equal to `numpy.abs(numpy.fft.rfft(x))**2` (tested against it).
///
/// Unnormalised, one value per non-negative frequency ([`crate::rfftfreq`]).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty.
pub fn power_spectrum<T: FftFloat>(x: ArrayView1<'_, T>) -> Result<Array1<T>> {
    Ok(rfft(x)?.mapv(|c| c.norm_sqr()))
}

/// Magnitude spectrum `|rfft(x)|`; equal to `numpy.abs(numpy.fft.rfft(x))` (tested against it).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty.
pub fn magnitude_spectrum<T: FftFloat>(x: ArrayView1<'_, T>) -> Result<Array1<T>> {
    Ok(rfft(x)?.mapv(|c| c.norm()))
}
