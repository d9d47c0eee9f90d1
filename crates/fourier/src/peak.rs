//! The dominant frequency of a spectrum.

use ndarray::ArrayView1;

use crate::Result;

/// The frequency of the largest bin of a spectrum, the zero-frequency bin left out: equal to
/// numpy's `freqs[1:][numpy.argmax(power[1:])]` (the first of equal maxima, the first NaN if
/// there is one).
///
/// `power` and `freqs` are matching bins, e.g. [`crate::power_spectrum`] and
/// [`crate::rfftfreq`]; bin 0 (the mean) is skipped so that an offset does not hide a tone.
///
/// # Errors
/// [`dsp_core::Error::ShapeMismatch`] when the lengths differ; [`dsp_core::Error::TooShort`]
/// with fewer than two bins.
///
/// # Example
/// ```
/// use ndarray::Array1;
/// // 50 Hz sampled at 1000 Hz for 1 s, plus an offset: the peak is at 50 Hz, not 0.
/// let x = Array1::from_shape_fn(1000, |i| 3.0 + (2.0 * std::f64::consts::PI * 50.0 * i as f64 / 1000.0).sin());
/// let p = fourier::power_spectrum(x.view())?;
/// let f = fourier::rfftfreq::<f64>(1000, 1.0 / 1000.0)?;
/// assert_eq!(fourier::peak_frequency(p.view(), f.view())?, 50.0);
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn peak_frequency<T: dsp_core::Float>(
    power: ArrayView1<'_, T>,
    freqs: ArrayView1<'_, T>,
) -> Result<T> {
    if power.len() != freqs.len() {
        return Err(dsp_core::Error::ShapeMismatch {
            what: "freqs (one per power bin)",
            expected: vec![power.len()],
            got: vec![freqs.len()],
        }
        .into());
    }
    dsp_core::check::ensure_len("power", power.len(), 2)?;
    let mut best = 1;
    for (i, &p) in power.iter().enumerate().skip(2) {
        let b = power[best];
        if b.is_nan() {
            break;
        }
        if p > b || p.is_nan() {
            best = i;
        }
    }
    Ok(freqs[best])
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn skips_the_zero_bin_and_takes_the_first_maximum() {
        let f = array![0.0, 1.0, 2.0, 3.0, 4.0];
        assert_eq!(
            peak_frequency(array![9.0, 1.0, 5.0, 5.0, 2.0].view(), f.view()).unwrap(),
            2.0
        );
        // argmax returns the first NaN.
        assert_eq!(
            peak_frequency(array![9.0, 1.0, f64::NAN, 7.0, f64::NAN].view(), f.view()).unwrap(),
            2.0
        );
        assert_eq!(
            peak_frequency(array![0.0, 3.0].view(), array![0.0, 0.5].view()).unwrap(),
            0.5
        );
    }

    #[test]
    fn bad_lengths_are_errors() {
        let f = array![0.0, 1.0, 2.0];
        assert!(peak_frequency(array![1.0, 2.0].view(), f.view()).is_err());
        assert!(peak_frequency(array![1.0].view(), array![0.0].view()).is_err());
    }
}
