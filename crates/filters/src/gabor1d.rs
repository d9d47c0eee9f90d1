//! 1-D Gabor filters: the tutorial's real `make_gabor_filter`, a complex Gabor
//! with physical units, and banks over a parameter grid.

use std::f64::consts::PI;

use dsp_core::{Float, check, gaussian_window};
use fourier::Complex;
use ndarray::Array1;

use crate::error::positive;
use crate::{Error, Result};

/// Longest 1-D filter built (2^28 samples).
const MAX_LEN: f64 = (1u64 << 28) as f64;

/// The tutorial's `make_gabor_filter(s, f, sample_rate)`: a cosine of `f` Hz
/// times `scipy.signal.gaussian(len(t), s**2)` (tested against numpy/scipy
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
/// let g = filters::make_gabor_filter::<f64>(std::f64::consts::PI, 2.0, 100.0)?;
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

/// A complex 1-D Gabor filter in physical units.
///
/// `g(t) = exp(-t^2 / (2 sigma^2)) * exp(i 2 pi frequency t) / (sigma fs sqrt(2 pi))`
/// sampled at `t = (k - R) / fs`, `k` in `0..2R + 1`, `R = ceil(n_stds sigma fs)`:
/// the Gaussian envelope sums to about 1, so a sinusoid at `frequency` comes
/// out with about its own amplitude.
///
/// ```
/// let g = filters::Gabor1dParams::new(10.0, 0.125, 1000.0).kernel::<f64>()?;
/// assert_eq!(g.len(), 2 * 375 + 1); // R = ceil(3 * 0.125 * 1000)
/// # Ok::<(), filters::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gabor1dParams {
    /// Centre frequency in Hz (`> 0`).
    pub frequency: f64,
    /// Standard deviation of the envelope in seconds (`> 0`).
    pub sigma: f64,
    /// Sample rate in Hz (`> 0`).
    pub sample_rate: f64,
    /// Half-length in standard deviations (`> 0`, default 3).
    pub n_stds: f64,
}

impl Default for Gabor1dParams {
    /// 1 Hz, sigma 1 s, 100 Hz sampling, 3 standard deviations.
    fn default() -> Self {
        Self::new(1.0, 1.0, 100.0)
    }
}

impl Gabor1dParams {
    /// The filter at `frequency` Hz with envelope `sigma` seconds, sampled at `sample_rate` Hz.
    #[must_use]
    pub fn new(frequency: f64, sigma: f64, sample_rate: f64) -> Self {
        Self {
            frequency,
            sigma,
            sample_rate,
            n_stds: 3.0,
        }
    }

    /// Sets `n_stds`.
    #[must_use]
    pub fn n_stds(mut self, n_stds: f64) -> Self {
        self.n_stds = n_stds;
        self
    }

    /// The sampled complex filter.
    ///
    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] for a parameter that is not finite
    /// and `> 0`; [`Error::KernelTooLarge`] past 2^28 samples.
    pub fn kernel<T: Float>(&self) -> Result<Array1<Complex<T>>> {
        positive("frequency", self.frequency)?;
        positive("sigma", self.sigma)?;
        positive("sample_rate", self.sample_rate)?;
        positive("n_stds", self.n_stds)?;
        let fs = self.sample_rate;
        let r = (self.n_stds * self.sigma * fs).ceil();
        if 2.0 * r + 1.0 > MAX_LEN {
            return Err(Error::KernelTooLarge {
                what: "1-D Gabor",
                rows: 1,
                cols: (2.0 * r + 1.0).min(u64::MAX as f64) as u64,
                limit: MAX_LEN as u64,
            });
        }
        // 0 < r <= 2^27 by the check above.
        let r = r as usize;
        let norm = 1.0 / (self.sigma * fs * (2.0 * PI).sqrt());
        let s2 = self.sigma * self.sigma;
        Ok((0..=2 * r)
            .map(|k| {
                let t = (k as f64 - r as f64) / fs;
                let env = (-t * t / (2.0 * s2)).exp() * norm;
                let ph = 2.0 * PI * self.frequency * t;
                Complex::new(T::of(env * ph.cos()), T::of(env * ph.sin()))
            })
            .collect())
    }
}

/// The tutorial's `get_gabor_filter_bank_params` defaults: `(s, f)` pairs for
/// `s` in `numpy.arange(pi / 2, 2 pi, pi / 2)` (`pi/2, pi, 3 pi/2`) and `f`
/// in `1, 2, 3`, `s`-major: 9 pairs.
///
/// `s` values are numpy's `arange` values `pi/2 + k * (pi/2)`.
#[must_use]
pub fn gabor_filter_bank_params() -> Vec<(f64, f64)> {
    gabor_filter_bank_grid(
        &numpy_arange(PI / 2.0, 2.0 * PI, PI / 2.0),
        &[1.0, 2.0, 3.0],
    )
}

/// Every `(s, f)` pair of the grid `stds x freqs`, `s`-major.
#[must_use]
pub fn gabor_filter_bank_grid(stds: &[f64], freqs: &[f64]) -> Vec<(f64, f64)> {
    stds.iter()
        .flat_map(|&s| freqs.iter().map(move |&f| (s, f)))
        .collect()
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
