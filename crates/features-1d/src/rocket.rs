//! ROCKET (Dempster, Petitjean & Webb 2020, "ROCKET: exceptionally fast and accurate time
//! series classification using random convolutional kernels").
//!
//! The published algorithm (the reference `generate_kernels` / `apply_kernel`):
//! - each kernel: length uniform in `{7, 9, 11}`; weights `N(0, 1)`, then mean-centred;
//!   bias `U(-1, 1)`; dilation `floor(2^U(0, log2((L - 1) / (length - 1))))`; padding
//!   `(length - 1) * dilation / 2` (integer division) with probability 1/2, else 0;
//! - output `bias + sum_j w_j x[i - padding + j * dilation]` (zero outside the series) for
//!   `i` in `0..L + 2 padding - (length - 1) dilation`;
//! - two features per kernel: PPV (`mean(output > 0)`) and max, ordered
//!   `[ppv_0, max_0, ppv_1, max_1, ...]`.
//!
//! Deviations: random numbers come from ChaCha8 seeded by [`RocketParams::seed`] (not numpy's
//! generator), so kernels differ from the reference's for the same seed but follow the same
//! distributions; when `L - 1 < length - 1` the reference's exponent range would be negative
//! (a dilation of 0), here it is clamped to 0 (dilation 1). At transform a series too short for
//! a kernel's dilated span gives [`Error::SignalShorterThanKernel`] (the reference divides by
//! zero). The dilated taps are summed as one vectorised multiply-add per tap over the
//! zero-padded series (a sparse dilated kernel, not a general convolution).

use dsp_core::Float;
use ndarray::ArrayView1;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::batch::{FeatureExtractor, check_signal};
use crate::pooling::count_above;
use crate::{Error, Result};

/// Hyper-parameters of ROCKET; [`RocketParams::fit`] draws the kernels for a series length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RocketParams {
    /// Number of random kernels (default 10 000; two features each).
    pub num_kernels: usize,
    /// Seed of the kernel generator (default 0).
    pub seed: u64,
}

impl Default for RocketParams {
    fn default() -> Self {
        Self {
            num_kernels: 10_000,
            seed: 0,
        }
    }
}

/// One random kernel.
#[derive(Debug, Clone, PartialEq)]
pub struct RocketKernel<T> {
    /// The mean-centred weights (7, 9 or 11 of them).
    pub weights: Vec<T>,
    /// The bias.
    pub bias: T,
    /// The dilation (at least 1).
    pub dilation: usize,
    /// Zero padding on each side.
    pub padding: usize,
}

/// A fitted ROCKET transform: its random kernels.
#[derive(Debug, Clone, PartialEq)]
pub struct Rocket<T> {
    kernels: Vec<RocketKernel<T>>,
}

impl RocketParams {
    /// Draws the kernels for series of `input_length` samples (the reference's
    /// `generate_kernels`).
    ///
    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] for `num_kernels == 0`;
    /// [`dsp_core::Error::TooShort`] for `input_length < 2`.
    pub fn fit<T: Float>(&self, input_length: usize) -> Result<Rocket<T>> {
        if self.num_kernels == 0 {
            return Err(dsp_core::Error::InvalidParameter {
                name: "num_kernels",
                value: 0.0,
                expected: "at least 1",
            }
            .into());
        }
        dsp_core::check::ensure_len("series", input_length, 2)?;
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let kernels = (0..self.num_kernels)
            .map(|_| {
                let len = [7usize, 9, 11][rng.random_range(0..3)];
                let w: Vec<f64> = (0..len).map(|_| StandardNormal.sample(&mut rng)).collect();
                let mean = w.iter().sum::<f64>() / len as f64;
                let bias = rng.random_range(-1.0..1.0);
                let max_e = (((input_length - 1) as f64) / ((len - 1) as f64))
                    .log2()
                    .max(0.0);
                let e = if max_e > 0.0 {
                    rng.random_range(0.0..max_e)
                } else {
                    0.0
                };
                let dilation = (2f64.powf(e) as usize).max(1);
                let padding = if rng.random_range(0..2) == 1 {
                    (len - 1) * dilation / 2
                } else {
                    0
                };
                RocketKernel {
                    weights: w.iter().map(|&v| T::of(v - mean)).collect(),
                    bias: T::of(bias),
                    dilation,
                    padding,
                }
            })
            .collect();
        Ok(Rocket { kernels })
    }
}

impl<T: Float> Rocket<T> {
    /// The kernels.
    #[must_use]
    pub fn kernels(&self) -> &[RocketKernel<T>] {
        &self.kernels
    }
}

impl<T: Float> FeatureExtractor<T> for Rocket<T> {
    fn n_features(&self) -> usize {
        2 * self.kernels.len()
    }

    fn feature_names(&self) -> Vec<String> {
        (0..self.kernels.len())
            .flat_map(|k| [format!("rocket_k{k}_ppv"), format!("rocket_k{k}_max")])
            .collect()
    }

    /// # Errors
    /// [`dsp_core::Error::TooShort`] for an empty series, [`dsp_core::Error::NonFinite`],
    /// [`Error::SignalShorterThanKernel`] when a kernel's padded span exceeds the series,
    /// [`dsp_core::Error::ShapeMismatch`] for a wrong `out`.
    fn transform_into(&self, x: ArrayView1<'_, T>, out: &mut [T]) -> Result<()> {
        check_signal(x)?;
        if out.len() != self.n_features() {
            return Err(dsp_core::Error::ShapeMismatch {
                what: "output",
                expected: vec![self.n_features()],
                got: vec![out.len()],
            }
            .into());
        }
        let n = x.len();
        let max_pad = self.kernels.iter().map(|k| k.padding).max().unwrap_or(0);
        // the series with max_pad zeros each side; each kernel reads its own window of it
        let mut xp = vec![T::zero(); n + 2 * max_pad];
        for (d, &v) in xp[max_pad..].iter_mut().zip(x.iter()) {
            *d = v;
        }
        let mut acc: Vec<T> = Vec::new();
        for (i, (k, o)) in self.kernels.iter().zip(out.chunks_exact_mut(2)).enumerate() {
            let span = (k.weights.len() - 1) * k.dilation;
            let padded = n + 2 * k.padding;
            if padded <= span {
                return Err(Error::SignalShorterThanKernel {
                    signal_len: n,
                    kernel: i,
                    kernel_len: span + 1 - 2 * k.padding.min(span / 2),
                });
            }
            let len = padded - span;
            let base = max_pad - k.padding;
            acc.clear();
            acc.resize(len, k.bias);
            for (j, &w) in k.weights.iter().enumerate() {
                let s = &xp[base + j * k.dilation..base + j * k.dilation + len];
                for (a, &v) in acc.iter_mut().zip(s) {
                    *a += w * v;
                }
            }
            let max = acc
                .iter()
                .fold(T::neg_infinity(), |m, &v| if v > m { v } else { m });
            o[0] = T::of_usize(count_above(&acc, T::zero())) / T::of_usize(len);
            o[1] = max;
        }
        Ok(())
    }
}
