//! Window functions equal to `scipy.signal.windows` and `scipy.signal.get_window`.
//!
//! Every window is computed in `f64` exactly the way scipy 1.16 computes it
//! (`np.linspace(-pi, pi, M)` and a sum of cosines, or `exp(-n^2 / 2 std^2)`)
//! and then rounded once to `T`, so `f64` results agree with scipy to a few
//! ulp and `f32` results are the correctly rounded scipy values.
//!
//! `sym = true` gives the symmetric window (filter design); `sym = false` the
//! periodic ("DFT-even") window used for spectral analysis, computed as scipy
//! does: the symmetric window of length `m + 1` with its last sample dropped.

use std::f64::consts::PI;

use ndarray::Array1;

use crate::{Error, Float, Result};

/// A window type for [`get_window`], like the `window` argument of `scipy.signal.get_window`.
///
/// | variant | scipy spelling |
/// |---|---|
/// | `Boxcar` | `"boxcar"` (also `"rectangular"`) |
/// | `Hann` | `"hann"` |
/// | `Hamming` | `"hamming"` |
/// | `Blackman` | `"blackman"` |
/// | `Gaussian { std }` | `("gaussian", std)` |
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Window {
    /// All ones: [`boxcar`].
    Boxcar,
    /// Raised cosine: [`hann`].
    Hann,
    /// 0.54 - 0.46 cos: [`hamming`].
    Hamming,
    /// Three-term cosine window: [`blackman`].
    Blackman,
    /// Gaussian with standard deviation `std` samples: [`gaussian_window`].
    Gaussian {
        /// Standard deviation in samples (finite, > 0).
        std: f64,
    },
}

impl Window {
    /// The scipy name of this window (`"hann"`, `"gaussian"`, ...).
    #[must_use]
    pub fn scipy_name(self) -> &'static str {
        match self {
            Window::Boxcar => "boxcar",
            Window::Hann => "hann",
            Window::Hamming => "hamming",
            Window::Blackman => "blackman",
            Window::Gaussian { .. } => "gaussian",
        }
    }
}

/// Equal to `scipy.signal.get_window(window, m, fftbins)` (tested against it).
///
/// `fftbins = true` (scipy's default) gives the periodic window for spectral
/// analysis, `false` the symmetric one.
///
/// # Errors
/// [`Error::TooShort`] when `m == 0`; [`Error::InvalidParameter`] for a
/// Gaussian `std` that is not finite and `> 0`.
///
/// # Example
/// ```
/// use dsp_core::{get_window, Window};
/// let w = get_window::<f64>(Window::Hann, 4, true)?;
/// // periodic Hann of length 4: [0, 0.5, 1, 0.5]
/// assert!((w[1] - 0.5).abs() < 1e-15 && (w[2] - 1.0).abs() < 1e-15);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn get_window<T: Float>(window: Window, m: usize, fftbins: bool) -> Result<Array1<T>> {
    let sym = !fftbins;
    match window {
        Window::Boxcar => boxcar(m),
        Window::Hann => hann(m, sym),
        Window::Hamming => hamming(m, sym),
        Window::Blackman => blackman(m, sym),
        Window::Gaussian { std } => gaussian_window(m, std, sym),
    }
}

/// Equal to `scipy.signal.windows.boxcar(m)`: `m` ones (tested against it).
///
/// # Errors
/// [`Error::TooShort`] when `m == 0`.
pub fn boxcar<T: Float>(m: usize) -> Result<Array1<T>> {
    ensure_m(m)?;
    Ok(Array1::from_elem(m, T::one()))
}

/// Equal to `scipy.signal.windows.hann(m, sym)` (tested against it).
///
/// `w[n] = 0.5 - 0.5 cos(2 pi n / (M - 1))` with `M = m` when `sym`, else `M = m + 1`
/// and the last sample dropped.
///
/// # Errors
/// [`Error::TooShort`] when `m == 0`.
///
/// # Example
/// ```
/// let w = dsp_core::hann::<f64>(5, true)?;
/// assert!((w[2] - 1.0).abs() < 1e-15 && w[0].abs() < 1e-15);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn hann<T: Float>(m: usize, sym: bool) -> Result<Array1<T>> {
    general_cosine(m, &[0.5, 0.5], sym)
}

/// Equal to `scipy.signal.windows.hamming(m, sym)` (tested against it).
///
/// `w[n] = 0.54 - 0.46 cos(2 pi n / (M - 1))`, periodic as in [`hann`].
///
/// # Errors
/// [`Error::TooShort`] when `m == 0`.
pub fn hamming<T: Float>(m: usize, sym: bool) -> Result<Array1<T>> {
    // scipy builds [alpha, 1 - alpha] in f64: 1 - 0.54 is not exactly 0.46.
    general_cosine(m, &[0.54, 1.0 - 0.54], sym)
}

/// Equal to `scipy.signal.windows.blackman(m, sym)` (tested against it).
///
/// `w[n] = 0.42 - 0.5 cos(2 pi n / (M - 1)) + 0.08 cos(4 pi n / (M - 1))`,
/// periodic as in [`hann`].
///
/// # Errors
/// [`Error::TooShort`] when `m == 0`.
pub fn blackman<T: Float>(m: usize, sym: bool) -> Result<Array1<T>> {
    general_cosine(m, &[0.42, 0.50, 0.08], sym)
}

/// Equal to `scipy.signal.windows.gaussian(m, std, sym)` (tested against it).
///
/// `w[n] = exp(-(n - (M - 1) / 2)^2 / (2 std^2))`, periodic as in [`hann`].
///
/// # Errors
/// [`Error::TooShort`] when `m == 0`; [`Error::InvalidParameter`] unless
/// `std` is finite and `> 0`.
///
/// # Example
/// ```
/// let w = dsp_core::gaussian_window::<f64>(3, 1.0, true)?;
/// assert!((w[0] - (-0.5_f64).exp()).abs() < 1e-15 && w[1] == 1.0);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn gaussian_window<T: Float>(m: usize, std: f64, sym: bool) -> Result<Array1<T>> {
    crate::check::ensure_positive("std", std)?;
    ensure_m(m)?;
    if m == 1 {
        return Ok(Array1::from_elem(1, T::one()));
    }
    let big_m = extended_len(m, sym);
    let centre = (big_m as f64 - 1.0) / 2.0;
    let sig2 = 2.0 * std * std;
    Ok((0..m)
        .map(|i| {
            let n = i as f64 - centre;
            T::of((-(n * n) / sig2).exp())
        })
        .collect())
}

/// scipy's `_general_cosine_impl`: `sum_k a[k] cos(k * linspace(-pi, pi, M))`.
fn general_cosine<T: Float>(m: usize, a: &[f64], sym: bool) -> Result<Array1<T>> {
    ensure_m(m)?;
    if m == 1 {
        return Ok(Array1::from_elem(1, T::one()));
    }
    let big_m = extended_len(m, sym);
    // numpy's linspace: i * step + start, with the last sample set to stop.
    let step = (PI - (-PI)) / (big_m - 1) as f64;
    Ok((0..m)
        .map(|i| {
            let fac = if i == big_m - 1 {
                PI
            } else {
                i as f64 * step + (-PI)
            };
            // scipy accumulates w += a[k] * cos(k * fac) starting from zeros.
            let mut w = 0.0_f64;
            for (k, &ak) in a.iter().enumerate() {
                w += ak * (k as f64 * fac).cos();
            }
            T::of(w)
        })
        .collect())
}

/// scipy's `_extend`: a periodic window is the symmetric one of length `m + 1`, truncated.
fn extended_len(m: usize, sym: bool) -> usize {
    if sym { m } else { m + 1 }
}

fn ensure_m(m: usize) -> Result<()> {
    if m == 0 {
        return Err(Error::TooShort {
            what: "window length m",
            min: 1,
            got: 0,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_one_is_one_and_zero_is_an_error() {
        for w in [
            Window::Boxcar,
            Window::Hann,
            Window::Hamming,
            Window::Blackman,
            Window::Gaussian { std: 2.0 },
        ] {
            for fftbins in [false, true] {
                assert_eq!(get_window::<f64>(w, 1, fftbins).unwrap().to_vec(), [1.0]);
                assert!(matches!(
                    get_window::<f32>(w, 0, fftbins),
                    Err(Error::TooShort { got: 0, .. })
                ));
            }
        }
    }
}
