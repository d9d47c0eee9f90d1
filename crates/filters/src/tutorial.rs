//! The tutorial's helpers under the tutorial's names, each a thin reading of it that points
//! to the general function it wraps (use those in new code).
//!
//! | tutorial name | general function |
//! |---|---|
//! | [`imscale`] | [`scale_to_unit_range`] |
//! | [`float3d_to_uint2d`] | [`rgb2gray`], then `u8` |
//! | [`make_gabor_filter`] | [`dsp_core::gaussian_window`] times a cosine ([`Gabor1dParams`](crate::Gabor1dParams) for the complex Gabor) |
//! | [`make_gabor_filter_bank`] | [`make_gabor_filter`] over pairs |
//! | [`gabor_filter_bank_params`] | [`gabor_filter_bank_grid`] on the tutorial's grid |

use std::f64::consts::PI;

use dsp_core::{Float, check, gaussian_window};
use ndarray::{Array, Array1, Array2, ArrayView, ArrayView3, Dimension};

use crate::error::positive;
use crate::gabor1d::MAX_LEN;
use crate::{Result, gabor_filter_bank_grid, rgb2gray, scale_to_unit_range};

/// The tutorial's `imscale`: [`scale_to_unit_range`], numpy's
/// `(x - x.min()) / (x.max() - x.min())`.
///
/// # Errors
/// As [`scale_to_unit_range`].
pub fn imscale<T: Float, D: Dimension>(x: ArrayView<'_, T, D>) -> Result<Array<T, D>> {
    scale_to_unit_range(x)
}

/// The tutorial's `float3d_to_uint2d`: a float RGB image in `[0, 1]` to a
/// grey `u8` image, `uint8(clip(255 * rgb2gray(rgb), 0, 255))`; it wraps
/// [`rgb2gray`].
///
/// The tutorial's source is not available; this is our documented reading:
/// [`rgb2gray`], scaled by 255 and truncated toward zero as numpy's
/// `.astype(np.uint8)` does (so `0.999 * 255 = 254.7` becomes 254), with
/// values outside `[0, 255]` clipped first (numpy would wrap them).
///
/// # Errors
/// As [`rgb2gray`]; [`dsp_core::Error::NonFinite`] for NaN or infinity.
pub fn float3d_to_uint2d<T: Float>(rgb: ArrayView3<'_, T>) -> Result<Array2<u8>> {
    check::ensure_finite("image", rgb.iter())?;
    let g = rgb2gray(rgb)?;
    let s = T::of(255.0);
    // Clipped to [0, 255], so truncation fits a u8.
    Ok(g.mapv(|v| (v * s).to_f64_lossless().clamp(0.0, 255.0) as u8))
}

/// The tutorial's `make_gabor_filter(s, f, sample_rate)`: a cosine of `f` Hz
/// times `scipy.signal.gaussian(len(t), s**2)`, that is [`dsp_core::gaussian_window`]
/// times a cosine (the general, complex 1-D Gabor in physical units is
/// [`Gabor1dParams`](crate::Gabor1dParams)) (tested against numpy/scipy
/// evaluations of this reading).
///
/// The tutorial's source is not available; this is our documented reading:
///
/// ```text
/// t = np.arange(-1, 1, 1 / sample_rate)          # two seconds, centred on 0
/// filt = np.cos(2 * np.pi * f * t) * signal.gaussian(len(t), s**2)
/// ```
///
/// so `f` is in Hz (cycles per second), `sample_rate` in Hz, and the window's
/// standard deviation `s**2` is in samples. `t` has numpy's `arange` length
/// `ceil(2 * sample_rate)` and values `-1 + k * (1 / sample_rate)`, exactly
/// as numpy computes them; the window is [`dsp_core::gaussian_window`]
/// (symmetric).
///
/// # Errors
/// [`dsp_core::Error::InvalidParameter`] unless `s`, `f` and `sample_rate`
/// are finite and `> 0`, or when the filter would exceed 2^28 samples.
///
/// # Example
/// ```
/// let g = filters::tutorial::make_gabor_filter::<f64>(std::f64::consts::PI, 2.0, 100.0)?;
/// assert_eq!(g.len(), 200);
/// // t[100] = 0 where cos = 1; the even-length window peaks half a sample away
/// assert!(g[100] > 0.99 && g[100] < 1.0);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn make_gabor_filter<T: Float>(s: f64, f: f64, sample_rate: f64) -> Result<Array1<T>> {
    positive("s", s)?;
    positive("f", f)?;
    positive("sample_rate", sample_rate)?;
    let step = 1.0 / sample_rate;
    let len = ((1.0 - -1.0) / step).ceil();
    if len > MAX_LEN {
        return Err(dsp_core::Error::InvalidParameter {
            name: "sample_rate",
            value: sample_rate,
            expected: "at most 2^27 Hz (the filter spans two seconds)",
        }
        .into());
    }
    // len >= 1 since 2 / step > 0, and <= 2^28 by the check above.
    let n = len as usize;
    let win = gaussian_window::<f64>(n, s * s, true)?;
    Ok((0..n)
        .map(|k| {
            let t = -1.0 + k as f64 * step;
            T::of((2.0 * PI * f * t).cos() * win[k])
        })
        .collect())
}

/// The tutorial's `get_gabor_filter_bank_params` defaults: `(s, f)` pairs for
/// `s` in `numpy.arange(pi / 2, 2 pi, pi / 2)` (`pi/2, pi, 3 pi/2`) and `f`
/// in `1, 2, 3`, `s`-major: 9 pairs.
///
/// `s` values are numpy's `arange` values `pi/2 + k * (pi/2)`. The general grid is
/// [`gabor_filter_bank_grid`].
#[must_use]
pub fn gabor_filter_bank_params() -> Vec<(f64, f64)> {
    gabor_filter_bank_grid(
        &numpy_arange(PI / 2.0, 2.0 * PI, PI / 2.0),
        &[1.0, 2.0, 3.0],
    )
}

/// The tutorial's filters [`make_gabor_filter`]`(s, f, sample_rate)` for each
/// `(s, f)` pair, in order (e.g. from [`gabor_filter_bank_params`]).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for no pairs; as [`make_gabor_filter`] for each.
pub fn make_gabor_filter_bank<T: Float>(
    params: &[(f64, f64)],
    sample_rate: f64,
) -> Result<Vec<Array1<T>>> {
    check::ensure_len("params", params.len(), 1)?;
    params
        .iter()
        .map(|&(s, f)| make_gabor_filter(s, f, sample_rate))
        .collect()
}

/// numpy's `arange(start, stop, step)` for `step > 0`: `ceil((stop - start) / step)`
/// values `start + k * step`.
fn numpy_arange(start: f64, stop: f64, step: f64) -> Vec<f64> {
    let n = ((stop - start) / step).ceil().max(0.0) as usize;
    (0..n).map(|k| start + k as f64 * step).collect()
}
