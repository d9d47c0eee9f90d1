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
//! Shape: [`RocketParams`] (builder) -> [`ParamGuard::check`] -> [`RocketValidParams`] ->
//! [`Fit::fit`] on the training series -> [`Rocket`], which implements [`Transform`]. As aeon's
//! `Rocket`, it needs series of one length: a training or transformed batch of series of
//! different lengths is an [`Error::UnequalLengths`] (pad, truncate or resample the set
//! first); a batch of another common length than the training one is transformed (the
//! kernels stay those drawn for the training length).
//!
//! Deviations: random numbers come from ChaCha8 seeded by [`RocketParams::seed`] (not numpy's
//! generator), so kernels differ from the reference's for the same seed but follow the same
//! distributions; when `L - 1 < length - 1` the reference's exponent range would be negative
//! (a dilation of 0), here it is clamped to 0 (dilation 1). At transform a series too short for
//! a kernel's dilated span gives [`Error::SignalShorterThanKernel`] (the reference divides by
//! zero). The dilated taps are summed as one vectorised multiply-add per tap over the
//! zero-padded series (a sparse dilated kernel, not a general convolution).

use dsp_core::Float;
use dsp_core::model::{Fit, ParamGuard, Transform};
use ndarray::{Array2, ArrayView1};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::batch::{
    FeatureExtractor, SignalBatch, at_signal, check_out, check_signal, ensure_equal_lengths,
    transform_rows,
};
use crate::pooling::count_above;
use crate::{Error, Result};

/// Hyper-parameters of ROCKET, unchecked: `Default` and builder methods;
/// [`ParamGuard::check`] gives [`RocketValidParams`], and [`Fit::fit`] (on either) draws the
/// kernels for the training series' length.
///
/// # Example
/// ```
/// use features_1d::{Fit, RocketParams, Transform};
/// use ndarray::Array2;
/// let train = Array2::from_shape_fn((4, 50), |(i, t)| ((i + 1) as f64 * t as f64 * 0.1).sin());
/// let rocket = RocketParams::default().num_kernels(100).seed(1).fit(&train, &())?;
/// let f = rocket.transform(&train)?;
/// assert_eq!(f.dim(), (4, 200)); // PPV and max per kernel
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RocketParams(RocketValidParams);

/// Checked ROCKET hyper-parameters (from [`RocketParams`]); [`Fit::fit`] gives a [`Rocket`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RocketValidParams {
    num_kernels: usize,
    seed: u64,
}

impl Default for RocketValidParams {
    fn default() -> Self {
        Self {
            num_kernels: 10_000,
            seed: 0,
        }
    }
}

impl RocketParams {
    /// Number of random kernels (default 10 000; two features each; at least 1).
    #[must_use]
    pub fn num_kernels(mut self, n: usize) -> Self {
        self.0.num_kernels = n;
        self
    }

    /// Seed of the kernel generator (default 0).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
}

impl RocketValidParams {
    /// Number of random kernels.
    #[must_use]
    pub fn num_kernels(&self) -> usize {
        self.num_kernels
    }

    /// Seed of the kernel generator.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

impl ParamGuard for RocketParams {
    type Checked = RocketValidParams;
    type Error = Error;

    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] for `num_kernels == 0`.
    fn check_ref(&self) -> Result<&RocketValidParams> {
        if self.0.num_kernels == 0 {
            return Err(dsp_core::Error::InvalidParameter {
                name: "num_kernels",
                value: 0.0,
                expected: "at least 1",
            }
            .into());
        }
        Ok(&self.0)
    }

    fn check(self) -> Result<RocketValidParams> {
        self.check_ref()?;
        Ok(self.0)
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

/// A fitted ROCKET transform: its random kernels (example on [`RocketParams`]).
///
/// As aeon's `Rocket`, it needs series of one length: a training or transformed batch of
/// series of different lengths is an [`Error::UnequalLengths`] (pad, truncate or resample the
/// set first: `datasets::pad`, ...); a batch of another common length than the training one is
/// transformed with the kernels drawn for the training length.
#[derive(Debug, Clone, PartialEq)]
pub struct Rocket<T> {
    kernels: Vec<RocketKernel<T>>,
}

/// Draws the kernels for the length of the training series (the reference's
/// `generate_kernels(input_length, num_kernels)`); the labels are ignored.
impl<B, Y> Fit<B, Y> for RocketValidParams
where
    B: SignalBatch + ?Sized,
    Y: ?Sized,
{
    type Model = Rocket<B::Elem>;
    type Error = Error;

    /// # Errors
    /// [`Error::Empty`] for no series; [`Error::AtSignal`] wrapping
    /// [`dsp_core::Error::NonFinite`]; [`Error::UnequalLengths`] for series of different
    /// lengths; [`dsp_core::Error::TooShort`] for series under 2 samples.
    fn fit(&self, train: &B, _y: &Y) -> Result<Rocket<B::Elem>> {
        if train.n_signals() == 0 {
            return Err(Error::Empty {
                what: "training set",
            });
        }
        for i in 0..train.n_signals() {
            check_signal(train.signal(i)).map_err(|e| at_signal(i, e))?;
        }
        ensure_equal_lengths(train)?;
        self.draw(train.signal(0).len())
    }
}

impl RocketValidParams {
    /// The kernels for series of `input_length` samples.
    fn draw<T: Float>(&self, input_length: usize) -> Result<Rocket<T>> {
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
        check_out(out.len(), self.n_features())?;
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

/// The features of every series of a batch of one length, one row per series, in parallel.
impl<T: Float, B: SignalBatch<Elem = T> + ?Sized> Transform<B> for Rocket<T> {
    type Output = Array2<T>;
    type Error = Error;

    /// # Errors
    /// [`Error::UnequalLengths`] for series of different lengths; [`Error::AtSignal`] with the
    /// index of the first failing series and the reason (as
    /// [`FeatureExtractor::transform_into`]).
    fn transform(&self, batch: &B) -> Result<Array2<T>> {
        ensure_equal_lengths(batch)?;
        transform_rows(
            batch,
            self.n_features(),
            || (),
            |x, row, ()| self.transform_into(x, row),
        )
    }
}
