//! Frequency-domain image helpers: FFT low-pass "compression" and hybrid images.

use dsp_core::{BoundaryMode, check};
use fourier::{Complex, FftFloat, fftfreq, irfft2, rfft2, rfftfreq};
use ndarray::{Array2, ArrayView2, Zip};

use crate::error::positive;
use crate::{GaussianParams, Result, gaussian_filter};

/// The tutorial's 2-D low-pass "compression": keeps the `rfft2`
/// coefficients of spatial frequency `|f_y| <= keep / 2` and `|f_x| <= keep / 2`
/// (cycles per pixel, numpy's `fftfreq` / `rfftfreq`), zeroes the rest and
/// inverts; equal to that numpy computation (tested against it):
///
/// ```text
/// F = np.fft.rfft2(x)
/// fy, fx = np.fft.fftfreq(rows)[:, None], np.fft.rfftfreq(cols)[None, :]
/// F[(abs(fy) > keep / 2) | (abs(fx) > keep / 2)] = 0
/// y = np.fft.irfft2(F, s=x.shape)
/// ```
///
/// `keep = 1` keeps every coefficient (the image comes back up to rounding);
/// `keep = 0.25` keeps about 1/16 of them.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an empty image;
/// [`dsp_core::Error::InvalidParameter`] unless `0 < keep <= 1`.
pub fn lowpass_compress<T: FftFloat>(image: ArrayView2<'_, T>, keep: f64) -> Result<Array2<T>> {
    check::ensure_len("image", image.len(), 1)?;
    positive("keep", keep)?;
    if keep > 1.0 {
        return Err(dsp_core::Error::InvalidParameter {
            name: "keep",
            value: keep,
            expected: "a fraction in (0, 1]",
        }
        .into());
    }
    let (rows, cols) = image.dim();
    let mut f = rfft2(image)?;
    let fy = fftfreq::<f64>(rows, 1.0)?;
    let fx = rfftfreq::<f64>(cols, 1.0)?;
    let half = keep / 2.0;
    Zip::indexed(&mut f).for_each(|(r, c), z| {
        if fy[r].abs() > half || fx[c].abs() > half {
            *z = Complex::new(T::zero(), T::zero());
        }
    });
    Ok(irfft2(f.view(), Some((rows, cols)))?)
}

/// A hybrid image (Oliva, Torralba and Schyns 2006): the low frequencies of
/// `low` plus the high frequencies of `high`,
/// `G_{sigma_low} * low + (high - G_{sigma_high} * high)`, with
/// [`gaussian_filter`] (`truncate = 4`) in `mode`; equal to that scipy
/// computation (tested against it).
///
/// Seen from afar the result looks like `low`, from close up like `high`.
///
/// # Errors
/// [`dsp_core::Error::ShapeMismatch`] when the images differ in shape; as
/// [`gaussian_filter`] for the sigmas, `mode` and empty images.
pub fn hybrid_image<T: FftFloat>(
    low: ArrayView2<'_, T>,
    high: ArrayView2<'_, T>,
    sigma_low: f64,
    sigma_high: f64,
    mode: BoundaryMode,
) -> Result<Array2<T>> {
    if low.dim() != high.dim() {
        return Err(dsp_core::Error::ShapeMismatch {
            what: "hybrid_image inputs",
            expected: low.shape().to_vec(),
            got: high.shape().to_vec(),
        }
        .into());
    }
    let mut out = gaussian_filter(low, &GaussianParams::new(sigma_low).mode(mode))?;
    let blurred = gaussian_filter(high, &GaussianParams::new(sigma_high).mode(mode))?;
    Zip::from(&mut out)
        .and(&high)
        .and(&blurred)
        .for_each(|o, &h, &b| *o += h - b);
    Ok(out)
}
