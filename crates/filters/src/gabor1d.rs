//! 1-D Gabor filters: a complex Gabor with physical units, and parameter grids for banks.
//! (The tutorial's real `make_gabor_filter` is in [`crate::tutorial`].)

use std::f64::consts::PI;

use dsp_core::{Float, ParamGuard};
use fourier::Complex;
use ndarray::Array1;

use crate::error::positive;
use crate::{Error, Result};

/// Longest 1-D filter built (2^28 samples).
pub(crate) const MAX_LEN: f64 = (1u64 << 28) as f64;

/// A complex 1-D Gabor filter in physical units.
///
/// `g(t) = exp(-t^2 / (2 sigma^2)) * exp(i 2 pi frequency t) / (sigma fs sqrt(2 pi))`
/// sampled at `t = (k - R) / fs`, `k` in `0..2R + 1`, `R = ceil(n_stds sigma fs)`:
/// the Gaussian envelope sums to about 1, so a sinusoid at `frequency` comes
/// out with about its own amplitude. [`ParamGuard::check`] (or [`Gabor1dParams::kernel`])
/// validates the parameters into [`Gabor1dValidParams`].
///
/// ```
/// let g = filters::Gabor1dParams::new(10.0, 0.125, 1000.0).kernel::<f64>()?;
/// assert_eq!(g.len(), 2 * 375 + 1); // R = ceil(3 * 0.125 * 1000)
/// # Ok::<(), filters::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gabor1dParams(Gabor1dValidParams);

/// [`Gabor1dParams`] after [`ParamGuard::check`]: every parameter finite and `> 0`, and a
/// filter of at most 2^28 samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gabor1dValidParams {
    frequency: f64,
    sigma: f64,
    sample_rate: f64,
    n_stds: f64,
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
        Self(Gabor1dValidParams {
            frequency,
            sigma,
            sample_rate,
            n_stds: 3.0,
        })
    }

    /// Sets `n_stds`, the half-length in standard deviations (default 3).
    #[must_use]
    pub fn n_stds(mut self, n_stds: f64) -> Self {
        self.0.n_stds = n_stds;
        self
    }

    /// The sampled complex filter, after checking the parameters.
    ///
    /// # Errors
    /// As [`ParamGuard::check`].
    pub fn kernel<T: Float>(&self) -> Result<Array1<Complex<T>>> {
        Ok(self.check_ref()?.kernel())
    }
}

impl ParamGuard for Gabor1dParams {
    type Checked = Gabor1dValidParams;
    type Error = Error;

    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] for a parameter that is not finite and `> 0`;
    /// [`Error::KernelTooLarge`] past 2^28 samples.
    fn check_ref(&self) -> Result<&Gabor1dValidParams> {
        let p = &self.0;
        positive("frequency", p.frequency)?;
        positive("sigma", p.sigma)?;
        positive("sample_rate", p.sample_rate)?;
        positive("n_stds", p.n_stds)?;
        let r = p.half_len();
        if 2.0 * r + 1.0 > MAX_LEN {
            return Err(Error::KernelTooLarge {
                what: "1-D Gabor",
                rows: 1,
                cols: (2.0 * r + 1.0).min(u64::MAX as f64) as u64,
                limit: MAX_LEN as u64,
            });
        }
        Ok(p)
    }

    fn check(self) -> Result<Gabor1dValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

impl Gabor1dValidParams {
    /// Centre frequency in Hz.
    #[must_use]
    pub fn frequency(&self) -> f64 {
        self.frequency
    }

    /// Standard deviation of the envelope in seconds.
    #[must_use]
    pub fn sigma(&self) -> f64 {
        self.sigma
    }

    /// Sample rate in Hz.
    #[must_use]
    pub fn sample_rate(&self) -> f64 {
        self.sample_rate
    }

    /// Half-length in standard deviations.
    #[must_use]
    pub fn n_stds(&self) -> f64 {
        self.n_stds
    }

    /// `R = ceil(n_stds sigma fs)`, as a float.
    fn half_len(&self) -> f64 {
        (self.n_stds * self.sigma * self.sample_rate).ceil()
    }

    /// The sampled complex filter (`2R + 1` taps).
    #[must_use]
    pub fn kernel<T: Float>(&self) -> Array1<Complex<T>> {
        let fs = self.sample_rate;
        // 0 < R <= 2^27, checked by ParamGuard::check.
        let r = self.half_len() as usize;
        let norm = 1.0 / (self.sigma * fs * (2.0 * PI).sqrt());
        let s2 = self.sigma * self.sigma;
        (0..=2 * r)
            .map(|k| {
                let t = (k as f64 - r as f64) / fs;
                let env = (-t * t / (2.0 * s2)).exp() * norm;
                let ph = 2.0 * PI * self.frequency * t;
                Complex::new(T::of(env * ph.cos()), T::of(env * ph.sin()))
            })
            .collect()
    }
}

/// Every `(s, f)` pair of the grid `stds x freqs`, `s`-major.
#[must_use]
pub fn gabor_filter_bank_grid(stds: &[f64], freqs: &[f64]) -> Vec<(f64, f64)> {
    stds.iter()
        .flat_map(|&s| freqs.iter().map(move |&f| (s, f)))
        .collect()
}
