//! MiniRocket (Dempster, Schmidt & Webb 2021, "MINIROCKET: A Very Fast (Almost)
//! Deterministic Transform for Time Series Classification").
//!
//! The published algorithm, univariate:
//! - **Kernels**: the 84 kernels of length 9 with weights `alpha = -1` at six positions and
//!   `beta = 2` at three (`C(9, 3) = 84`, in `itertools.combinations(range(9), 3)` order);
//!   weights sum to zero.
//! - **Dilations**: `floor(2^e)` for `e` in `numpy.linspace(0, log2((L - 1) / 8), m)` with
//!   `m = min(num_features / 84, max_dilations_per_kernel)` (default 32), de-duplicated; each
//!   dilation gets `count * (num_features / 84) / m` features (truncated), the remainder handed
//!   out one by one from the smallest dilation (the reference `_fit_dilations`).
//! - **Biases**: for each (dilation, kernel), the convolution output (zero padding, length `L`)
//!   of one random training series, at the quantiles `(i * phi) mod 1`, `i = 1, 2, ...`,
//!   `phi` the golden ratio (a low-discrepancy sequence; `numpy.quantile`'s linear method).
//! - **Padding**: alternates — kernel `k` at dilation index `d` uses zero padding (PPV over all
//!   `L` outputs) when `(d + k)` is even, and no padding (PPV over the `L - 8 * dilation` valid
//!   outputs) when odd.
//! - **Feature**: PPV only, `mean(C > bias)`; `84 * floor(num_features / 84)` features
//!   (9996 by default), ordered dilation-major, then kernel, then quantile.
//!
//! Shape: [`MiniRocketParams`] (builder) -> [`ParamGuard::check`] -> [`MiniRocketValidParams`]
//! -> [`Fit::fit`] on the training series -> [`MiniRocket`], which implements [`Transform`]
//! (and [`FeatureExtractor`] for one series).
//!
//! Series of different lengths: see [`MiniRocket`] (refused by default, or the authors'
//! variable-length variant).
//!
//! Deviations, all documented on the items: the random series per (dilation, kernel) come
//! from a ChaCha8 generator seeded by [`MiniRocketParams::seed`] (not numpy's Mersenne
//! Twister), so biases and features differ from the reference's for the same seed while
//! following the same distribution. The dilated 9-tap sums are MiniRocket's own shifted-add
//! evaluation (a sparse dilated kernel, not a general convolution), shared by fit and
//! transform so that a bias and the outputs it is compared with are computed by exactly the
//! same arithmetic.
//!
//! Checked against aeon 1.6.0's `MiniRocket` on the six bundled UCR sets (f32 series, seeds
//! 0-4, sklearn `RidgeClassifierCV(alphas=logspace(-3, 3, 10))` on the features; example
//! `minirocket_dump`): mean test accuracy sigfeat / aeon = GunPoint 0.997 / 0.997,
//! ItalyPowerDemand 0.964 / 0.965, ArrowHead 0.896 / 0.887, OSULeaf 0.911 / 0.921,
//! Coffee 1.000 / 1.000, Trace 1.000 / 1.000 (all within 1.5 points).

use dsp_core::Float;
use dsp_core::model::{Fit, ParamGuard, Transform};
use ndarray::{Array2, ArrayView1};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::batch::{
    FeatureExtractor, SignalBatch, at_signal, check_out, check_signal, ensure_equal_lengths,
    transform_rows,
};
use crate::pooling::{count_above, quantile_sorted};
use crate::{Error, Result};

/// Number of MiniRocket kernels.
pub const MINIROCKET_NUM_KERNELS: usize = 84;
/// MiniRocket kernel length.
pub const MINIROCKET_KERNEL_LEN: usize = 9;

/// The 84 kernels as the positions of their three `beta = 2` weights (the other six are
/// `alpha = -1`), in `itertools.combinations(range(9), 3)` order.
#[must_use]
pub fn minirocket_kernels() -> Vec<[usize; 3]> {
    let mut out = Vec::with_capacity(MINIROCKET_NUM_KERNELS);
    for a in 0..9 {
        for b in a + 1..9 {
            for c in b + 1..9 {
                out.push([a, b, c]);
            }
        }
    }
    out
}

/// How MiniRocket treats series of different lengths (see [`MiniRocket`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum SeriesLengths {
    /// One length for the whole training set and for each transformed batch, else
    /// [`Error::UnequalLengths`] (aeon's `MiniRocket`).
    #[default]
    Equal,
    /// Any lengths: the authors' variable-length MiniRocket, dilations fitted to this
    /// reference length (aeon's `MiniRocketMultivariateVariable(reference_length=...)`).
    Variable(ReferenceLength),
}

/// The series length the dilations of a variable-length MiniRocket are fitted to, from the
/// training series' lengths `L` (aeon's `reference_length`; the result is at least 9, as
/// aeon's `int(max(9, reference))`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum ReferenceLength {
    /// `max(L)` (the default of aeon and of the authors' code).
    #[default]
    Max,
    /// `int(numpy.mean(L))`.
    Mean,
    /// `int(numpy.median(L))`.
    Median,
    /// `min(L)`.
    Min,
    /// A fixed length (at least 9).
    Fixed(usize),
}

impl ReferenceLength {
    /// The reference length for training series of lengths `lens` (non-empty).
    fn of(self, lens: &[usize]) -> usize {
        let n = lens.len();
        let r = match self {
            Self::Max => lens.iter().copied().max().unwrap_or(0),
            Self::Min => lens.iter().copied().min().unwrap_or(0),
            Self::Mean => (lens.iter().map(|&l| l as f64).sum::<f64>() / n as f64) as usize,
            Self::Median => {
                let mut s = lens.to_vec();
                s.sort_unstable();
                if n % 2 == 1 {
                    s[n / 2]
                } else {
                    ((s[n / 2 - 1] + s[n / 2]) as f64 / 2.0) as usize
                }
            }
            Self::Fixed(r) => r,
        };
        r.max(MINIROCKET_KERNEL_LEN)
    }
}

/// Hyper-parameters of MiniRocket, unchecked: `Default` and builder methods;
/// [`ParamGuard::check`] gives [`MiniRocketValidParams`], and [`Fit::fit`] (on either) gives
/// a [`MiniRocket`].
///
/// # Example
/// MiniRocket features of GunPoint (shipped in `datasets/ucr`), fitted on the training set:
/// ```
/// use features_1d::{FeatureExtractor, Fit, MiniRocketParams, SeriesLengths, Transform};
/// let gp = datasets::bundled_ucr("GunPoint")?;
/// let (train, test) = (gp.train.to_array2().unwrap(), gp.test.to_array2().unwrap());
/// let model = MiniRocketParams::default()
///     .num_features(840)
///     .seed(0)
///     .fit(&train, &())?;
/// assert_eq!(model.dilations(), [1, 2, 3, 5, 7, 9, 13, 18]); // fitted to length 150
/// let f = model.transform(&test)?;
/// assert_eq!(f.dim(), (150, 840));
/// assert!(f.iter().all(|v| (0.0..=1.0).contains(v))); // PPV: fractions
///
/// // series of different lengths: refused, unless asked for the variable-length variant
/// let cut: ndarray::Array1<f64> = gp.train.series[1].iter().take(100).copied().collect();
/// let ragged = vec![gp.train.series[0].clone(), cut];
/// assert!(MiniRocketParams::default().fit(&ragged, &()).is_err());
/// let variable = MiniRocketParams::default()
///     .num_features(840)
///     .series_lengths(SeriesLengths::Variable(Default::default()))
///     .fit(&ragged, &())?;
/// assert_eq!(variable.transform(&ragged)?.dim(), (2, 840));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MiniRocketParams(MiniRocketValidParams);

/// Checked MiniRocket hyper-parameters (from [`MiniRocketParams`]); [`Fit::fit`] gives a
/// [`MiniRocket`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MiniRocketValidParams {
    num_features: usize,
    max_dilations_per_kernel: usize,
    seed: u64,
    lengths: SeriesLengths,
}

impl Default for MiniRocketValidParams {
    fn default() -> Self {
        Self {
            num_features: 10_000,
            max_dilations_per_kernel: 32,
            seed: 0,
            lengths: SeriesLengths::Equal,
        }
    }
}

impl MiniRocketParams {
    /// Requested number of features (default 10 000; rounded down to a multiple of 84; at
    /// least 84).
    #[must_use]
    pub fn num_features(mut self, n: usize) -> Self {
        self.0.num_features = n;
        self
    }

    /// Most dilations per kernel (default 32; at least 1).
    #[must_use]
    pub fn max_dilations_per_kernel(mut self, m: usize) -> Self {
        self.0.max_dilations_per_kernel = m;
        self
    }

    /// Seed of the random choice of training series for the biases (default 0).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }

    /// How series of different lengths are treated (default [`SeriesLengths::Equal`]).
    #[must_use]
    pub fn series_lengths(mut self, lengths: SeriesLengths) -> Self {
        self.0.lengths = lengths;
        self
    }
}

impl MiniRocketValidParams {
    /// Requested number of features.
    #[must_use]
    pub fn num_features(&self) -> usize {
        self.num_features
    }

    /// Most dilations per kernel.
    #[must_use]
    pub fn max_dilations_per_kernel(&self) -> usize {
        self.max_dilations_per_kernel
    }

    /// Seed of the random choice of training series for the biases.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// How series of different lengths are treated.
    #[must_use]
    pub fn series_lengths(&self) -> SeriesLengths {
        self.lengths
    }
}

impl ParamGuard for MiniRocketParams {
    type Checked = MiniRocketValidParams;
    type Error = Error;

    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] for `num_features < 84`,
    /// `max_dilations_per_kernel == 0` or a [`ReferenceLength::Fixed`] under 9.
    fn check_ref(&self) -> Result<&MiniRocketValidParams> {
        let p = &self.0;
        let bad = |name, value: usize, expected| {
            Err(dsp_core::Error::InvalidParameter {
                name,
                value: value as f64,
                expected,
            }
            .into())
        };
        if p.num_features < MINIROCKET_NUM_KERNELS {
            return bad(
                "num_features",
                p.num_features,
                "at least 84 (one per kernel)",
            );
        }
        if p.max_dilations_per_kernel == 0 {
            return bad("max_dilations_per_kernel", 0, "at least 1");
        }
        if let SeriesLengths::Variable(ReferenceLength::Fixed(r)) = p.lengths
            && r < MINIROCKET_KERNEL_LEN
        {
            return bad("reference_length", r, "at least 9 (the kernel length)");
        }
        Ok(p)
    }

    fn check(self) -> Result<MiniRocketValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted MiniRocket transform (dilations and biases), applied to a batch with
/// [`Transform::transform`] or to one series with [`FeatureExtractor::transform_one`]
/// (example on [`MiniRocketParams`]).
///
/// # Series lengths
/// - [`SeriesLengths::Equal`] (the default; aeon's `MiniRocket`): the training series must
///   have one length, and so must the series of each transformed batch; otherwise
///   [`Error::UnequalLengths`] (aeon refuses such input too). A batch of another common length
///   is transformed with the training dilations; when such a series is too short for the
///   unpadded output of a dilation (`L <= 8 * dilation`), the padded output is used instead of
///   numpy's NaN.
/// - [`SeriesLengths::Variable`] (the authors' variable-length MiniRocket,
///   `minirocket_variable.py`, which aeon ships as `MiniRocketMultivariateVariable`): the
///   dilations are fitted to a reference length ([`ReferenceLength`]; default the longest
///   training series, as both), the biases to the zero-padded outputs of random training
///   series of their own lengths, and every feature is PPV over the zero-padded output of the
///   series' own length (the standard transform's alternation of padded and unpadded outputs
///   is off, as the reference forces padding).
///   Series of any lengths of at least 9 are fitted and transformed.
///
/// Or make the set equal-length first, explicitly: `datasets::pad`, `datasets::truncate`,
/// `datasets::resample`.
#[derive(Debug, Clone, PartialEq)]
pub struct MiniRocket<T> {
    input_length: usize,
    dilations: Vec<usize>,
    features_per_dilation: Vec<usize>,
    biases: Vec<T>,
    variable: bool,
}

/// The reference `_fit_dilations(input_length, num_features, max_dilations_per_kernel)`:
/// dilations and the number of features of each kernel at each.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for `input_length < 9`; [`dsp_core::Error::InvalidParameter`]
/// for `num_features < 84` or `max_dilations_per_kernel == 0`.
pub fn minirocket_dilations(
    input_length: usize,
    num_features: usize,
    max_dilations_per_kernel: usize,
) -> Result<(Vec<usize>, Vec<usize>)> {
    dsp_core::check::ensure_len("series", input_length, MINIROCKET_KERNEL_LEN)?;
    if num_features < MINIROCKET_NUM_KERNELS {
        return Err(dsp_core::Error::InvalidParameter {
            name: "num_features",
            value: num_features as f64,
            expected: "at least 84 (one per kernel)",
        }
        .into());
    }
    if max_dilations_per_kernel == 0 {
        return Err(dsp_core::Error::InvalidParameter {
            name: "max_dilations_per_kernel",
            value: 0.0,
            expected: "at least 1",
        }
        .into());
    }
    let per_kernel = num_features / MINIROCKET_NUM_KERNELS;
    let m = per_kernel.min(max_dilations_per_kernel);
    let multiplier = per_kernel as f64 / m as f64;
    let max_exponent = ((input_length - 1) as f64 / 8.0).log2();
    // numpy.linspace(0, max_exponent, m): i * step, the last value exactly max_exponent
    let step = if m > 1 {
        max_exponent / (m - 1) as f64
    } else {
        0.0
    };
    let mut raw: Vec<usize> = (0..m)
        .map(|i| {
            let e = if m > 1 && i == m - 1 {
                max_exponent
            } else {
                i as f64 * step
            };
            // 1 <= 2^e <= (L - 1) / 8: the int32 cast of numpy truncates like `as`
            2f64.powf(e) as usize
        })
        .collect();
    raw.sort_unstable();
    let mut dilations: Vec<usize> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for d in raw {
        if dilations.last() == Some(&d) {
            *counts.last_mut().expect("pushed with the dilation") += 1;
        } else {
            dilations.push(d);
            counts.push(1);
        }
    }
    let mut per_dilation: Vec<usize> = counts
        .iter()
        .map(|&c| (c as f64 * multiplier) as usize)
        .collect();
    let mut remainder = per_kernel - per_dilation.iter().sum::<usize>();
    let mut i = 0;
    while remainder > 0 {
        per_dilation[i] += 1;
        remainder -= 1;
        i = (i + 1) % per_dilation.len();
    }
    Ok((dilations, per_dilation))
}

/// The reference `_quantiles(n)`: `(i * phi) mod 1` for `i = 1..=n`, `phi = (1 + sqrt 5) / 2`.
#[must_use]
pub fn minirocket_quantiles(n: usize) -> Vec<f64> {
    let phi = (5f64.sqrt() + 1.0) / 2.0;
    (1..=n).map(|i| (i as f64 * phi) % 1.0).collect()
}

/// Scratch buffers for the dilated sums of one series.
struct Work<T> {
    /// The series with `4 * dilation` zeros on each side.
    xp: Vec<T>,
    /// `3 * xp` (the `beta - alpha` part of a beta tap).
    g: Vec<T>,
    /// `-sum` of the nine shifted samples (every weight as `alpha`).
    alpha: Vec<T>,
    /// One kernel's output.
    c: Vec<T>,
    /// Per-bias counts (when counting over biases).
    counts: Vec<u32>,
}

impl<T: Float> Work<T> {
    fn new() -> Self {
        Self {
            xp: Vec::new(),
            g: Vec::new(),
            alpha: Vec::new(),
            c: Vec::new(),
            counts: Vec::new(),
        }
    }

    /// Prepares `xp`, `g` and `alpha` for series `x` at `dilation`.
    /// Inlined into each instruction-set instance `pulp` compiles (as [`Work::kernel`]).
    #[inline(always)]
    fn prepare(&mut self, x: &[T], dilation: usize) {
        let n = x.len();
        let pad = 4 * dilation;
        self.xp.clear();
        self.xp.resize(n + 2 * pad, T::zero());
        self.xp[pad..pad + n].copy_from_slice(x);
        let three = T::of(3.0);
        self.g.clear();
        self.g.extend(self.xp.iter().map(|&v| three * v));
        // alpha[t] = -x[t] - sum_{k != 4} x[t + (k - 4) d]: the centre first, then the left
        // taps, then the right ones (the reference's order)
        self.alpha.clear();
        self.alpha.extend(x.iter().map(|&v| -v));
        for k in (0..4).chain(5..9) {
            let s = &self.xp[k * dilation..k * dilation + n];
            for (a, &v) in self.alpha.iter_mut().zip(s) {
                *a -= v;
            }
        }
        self.c.clear();
        self.c.resize(n, T::zero());
    }

    /// Output of kernel `betas` (after `prepare`): `alpha + 3 (x_i0 + x_i1 + x_i2)`.
    #[inline(always)]
    fn kernel(&mut self, betas: [usize; 3], dilation: usize) {
        let n = self.alpha.len();
        let [i0, i1, i2] = betas.map(|i| i * dilation);
        let (g0, g1, g2) = (
            &self.g[i0..i0 + n],
            &self.g[i1..i1 + n],
            &self.g[i2..i2 + n],
        );
        for ((((c, &a), &x0), &x1), &x2) in
            self.c.iter_mut().zip(&self.alpha).zip(g0).zip(g1).zip(g2)
        {
            *c = a + x0 + x1 + x2;
        }
    }
}

/// Fits the dilations to the training length (or the reference length) and the biases to
/// random training series (seeded); the labels are ignored.
impl<B, Y> Fit<B, Y> for MiniRocketValidParams
where
    B: SignalBatch + ?Sized,
    Y: ?Sized,
{
    type Model = MiniRocket<B::Elem>;
    type Error = Error;

    /// # Errors
    /// [`Error::Empty`] for no series; [`Error::AtSignal`] wrapping
    /// [`dsp_core::Error::TooShort`] (a series under 9 samples) or
    /// [`dsp_core::Error::NonFinite`]; [`Error::UnequalLengths`] for series of different
    /// lengths under [`SeriesLengths::Equal`].
    fn fit(&self, train: &B, _y: &Y) -> Result<MiniRocket<B::Elem>> {
        let n_series = train.n_signals();
        if n_series == 0 {
            return Err(Error::Empty {
                what: "training set",
            });
        }
        let mut lens = Vec::with_capacity(n_series);
        for i in 0..n_series {
            let x = train.signal(i);
            check_series(x).map_err(|e| at_signal(i, e))?;
            lens.push(x.len());
        }
        let (input_length, variable) = match self.lengths {
            SeriesLengths::Equal => {
                ensure_equal_lengths(train)?;
                (lens[0], false)
            }
            SeriesLengths::Variable(r) => (r.of(&lens), true),
        };
        let (dilations, per_dilation) = minirocket_dilations(
            input_length,
            self.num_features,
            self.max_dilations_per_kernel,
        )?;
        let kernels = minirocket_kernels();
        let total: usize = per_dilation.iter().sum::<usize>() * MINIROCKET_NUM_KERNELS;
        let quantiles = minirocket_quantiles(total);
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let mut biases = Vec::with_capacity(total);
        let mut work = Work::new();
        let mut sorted = Vec::new();
        for (&d, &nf) in dilations.iter().zip(&per_dilation) {
            for &betas in &kernels {
                let x = train.signal(rng.random_range(0..n_series));
                let x = x.as_standard_layout();
                // a standard-layout 1-D array is contiguous
                let x = x.as_slice().expect("contiguous");
                work.prepare(x, d);
                work.kernel(betas, d);
                sorted.clear();
                sorted.extend_from_slice(&work.c);
                sorted.sort_unstable_by(|a, b| a.total_cmp_f(b));
                let start = biases.len();
                for &q in &quantiles[start..start + nf] {
                    biases.push(quantile_sorted(&sorted, q));
                }
            }
        }
        Ok(MiniRocket {
            input_length,
            dilations,
            features_per_dilation: per_dilation,
            biases,
            variable,
        })
    }
}

/// Fails unless `x` is non-empty, finite and at least one kernel long.
fn check_series<T: Float>(x: ArrayView1<'_, T>) -> Result<()> {
    check_signal(x)?;
    dsp_core::check::ensure_len("series", x.len(), MINIROCKET_KERNEL_LEN)?;
    Ok(())
}

/// Total order for finite floats (inputs were checked finite).
trait TotalCmp {
    fn total_cmp_f(&self, other: &Self) -> std::cmp::Ordering;
}

impl<T: Float> TotalCmp for T {
    fn total_cmp_f(&self, other: &Self) -> std::cmp::Ordering {
        self.partial_cmp(other).unwrap_or(std::cmp::Ordering::Equal)
    }
}

impl<T: Float> MiniRocket<T> {
    /// A model from its fitted parts, as [`MiniRocket::input_length`],
    /// [`MiniRocket::dilations`], [`MiniRocket::features_per_dilation`], [`MiniRocket::biases`]
    /// and [`MiniRocket::is_variable_length`] return them: a model saved from an earlier fit
    /// (the Python estimator keeps these as its fitted attributes) transforms exactly as the
    /// fitted one.
    ///
    /// ```
    /// use features_1d::{Fit, MiniRocket, MiniRocketParams, Transform};
    /// use ndarray::Array2;
    /// let x = Array2::from_shape_fn((4, 30), |(i, t)| ((i * 7 + t * 3) % 11) as f64);
    /// let m = MiniRocketParams::default().fit(&x, &())?;
    /// let back = MiniRocket::from_parts(
    ///     m.input_length(),
    ///     m.dilations().to_vec(),
    ///     m.features_per_dilation().to_vec(),
    ///     m.biases().to_vec(),
    ///     m.is_variable_length(),
    /// )?;
    /// assert_eq!(back.transform(&x)?, m.transform(&x)?);
    /// # Ok::<(), features_1d::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`dsp_core::Error::TooShort`] for `input_length < 9`;
    /// [`dsp_core::Error::ShapeMismatch`] unless there are as many dilations as counts, at
    /// least one, and `84 * sum(features_per_dilation)` biases;
    /// [`dsp_core::Error::InvalidParameter`] for a zero dilation or count;
    /// [`dsp_core::Error::NonFinite`] for a NaN or infinite bias.
    pub fn from_parts(
        input_length: usize,
        dilations: Vec<usize>,
        features_per_dilation: Vec<usize>,
        biases: Vec<T>,
        variable: bool,
    ) -> Result<Self> {
        dsp_core::check::ensure_len("input_length", input_length, MINIROCKET_KERNEL_LEN)?;
        if dilations.is_empty() || dilations.len() != features_per_dilation.len() {
            return Err(dsp_core::Error::ShapeMismatch {
                what: "MiniRocket features_per_dilation (one count per dilation, at least one)",
                expected: vec![dilations.len().max(1)],
                got: vec![features_per_dilation.len()],
            }
            .into());
        }
        for (name, v) in dilations.iter().map(|&d| ("dilation", d)).chain(
            features_per_dilation
                .iter()
                .map(|&n| ("features_per_dilation", n)),
        ) {
            if v == 0 {
                return Err(dsp_core::Error::InvalidParameter {
                    name,
                    value: 0.0,
                    expected: "an integer >= 1",
                }
                .into());
            }
        }
        let total = features_per_dilation.iter().sum::<usize>() * MINIROCKET_NUM_KERNELS;
        if biases.len() != total {
            return Err(dsp_core::Error::ShapeMismatch {
                what: "MiniRocket biases (84 * sum(features_per_dilation))",
                expected: vec![total],
                got: vec![biases.len()],
            }
            .into());
        }
        if let Some(i) = biases.iter().position(|b| !b.is_finite()) {
            return Err(dsp_core::Error::NonFinite {
                what: "MiniRocket biases",
                index: i,
                value: biases[i].to_f64_lossless(),
            }
            .into());
        }
        Ok(Self {
            input_length,
            dilations,
            features_per_dilation,
            biases,
            variable,
        })
    }

    /// The series length the dilations were fitted to (the training length, or the
    /// reference length of a variable-length model).
    #[must_use]
    pub fn input_length(&self) -> usize {
        self.input_length
    }

    /// Whether this is the variable-length variant ([`SeriesLengths::Variable`]): every
    /// feature over the zero-padded output.
    #[must_use]
    pub fn is_variable_length(&self) -> bool {
        self.variable
    }

    /// The dilations, ascending.
    #[must_use]
    pub fn dilations(&self) -> &[usize] {
        &self.dilations
    }

    /// Features per kernel at each dilation.
    #[must_use]
    pub fn features_per_dilation(&self) -> &[usize] {
        &self.features_per_dilation
    }

    /// The biases, one per feature.
    #[must_use]
    pub fn biases(&self) -> &[T] {
        &self.biases
    }
}

impl<T: Float> FeatureExtractor<T> for MiniRocket<T> {
    fn n_features(&self) -> usize {
        self.biases.len()
    }

    fn feature_names(&self) -> Vec<String> {
        let kernels = minirocket_kernels();
        let mut names = Vec::with_capacity(self.biases.len());
        for (&d, &nf) in self.dilations.iter().zip(&self.features_per_dilation) {
            for (k, _) in kernels.iter().enumerate() {
                for q in 0..nf {
                    names.push(format!("mr_d{d}_k{k}_q{q}"));
                }
            }
        }
        names
    }

    /// # Errors
    /// [`dsp_core::Error::TooShort`] for a series under 9 samples;
    /// [`dsp_core::Error::NonFinite`]; [`dsp_core::Error::ShapeMismatch`] for a wrong `out`.
    fn transform_into(&self, x: ArrayView1<'_, T>, out: &mut [T]) -> Result<()> {
        check_series(x)?;
        check_out(out.len(), self.biases.len())?;
        let x = x.as_standard_layout();
        // a standard-layout 1-D array is contiguous
        let x = x.as_slice().expect("contiguous");
        // the whole series under pulp's runtime dispatch: AVX2 lanes on CPUs that have them
        // even in the default x86-64 build (the loops below are all inlined into it)
        pulp::Arch::new().dispatch(SeriesOp {
            model: self,
            x,
            out,
        });
        Ok(())
    }
}

/// The features of every series of a batch, one row per series, in parallel (rayon, one
/// series per task).
impl<T: Float, B: SignalBatch<Elem = T> + ?Sized> Transform<B> for MiniRocket<T> {
    type Output = Array2<T>;
    type Error = Error;

    /// # Errors
    /// [`Error::UnequalLengths`] for series of different lengths, unless the model is
    /// variable-length; [`Error::AtSignal`] with the index of the first failing series and the
    /// reason (as [`FeatureExtractor::transform_into`]).
    fn transform(&self, batch: &B) -> Result<Array2<T>> {
        if !self.variable {
            ensure_equal_lengths(batch)?;
        }
        transform_rows(
            batch,
            self.biases.len(),
            || (),
            |x, row, ()| self.transform_into(x, row),
        )
    }
}

/// One series' transform as a `pulp` operation: `with_simd` is inlined into the
/// instruction-set-specific function `pulp` dispatches to, and every loop under it is
/// `#[inline(always)]`, so the compiler vectorises them with that instruction set (a plain
/// closure would be compiled once, for the baseline).
struct SeriesOp<'a, T> {
    model: &'a MiniRocket<T>,
    x: &'a [T],
    out: &'a mut [T],
}

impl<T: Float> pulp::WithSimd for SeriesOp<'_, T> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        self.model.transform_series(self.x, self.out);
    }
}

impl<T: Float> MiniRocket<T> {
    #[inline(always)]
    fn transform_series(&self, x: &[T], out: &mut [T]) {
        let n = x.len();
        let kernels = minirocket_kernels();
        let mut work = Work::new();
        let mut f = 0;
        for (di, (&d, &nf)) in self
            .dilations
            .iter()
            .zip(&self.features_per_dilation)
            .enumerate()
        {
            work.prepare(x, d);
            let pad = 4 * d;
            for (ki, &betas) in kernels.iter().enumerate() {
                work.kernel(betas, d);
                let valid = !self.variable && (di + ki) % 2 == 1 && n > 2 * pad;
                let c = if valid {
                    &work.c[pad..n - pad]
                } else {
                    &work.c[..]
                };
                // the reference's `mean` of the indicator: count / length, one division
                let len = T::of_usize(c.len());
                let (o, biases) = (&mut out[f..f + nf], &self.biases[f..f + nf]);
                // vectorise over samples (one pass per bias) or over biases (one pass per
                // sample), whichever costs fewer vector plus scalar-remainder steps: short
                // series with many biases per kernel (ItalyPowerDemand: 24 samples, 79
                // biases) want the latter
                let n_c = c.len();
                if nf * (n_c / 8 + n_c % 8 + 4) <= n_c * (nf / 8 + nf % 8 + 1) {
                    for (o, &b) in o.iter_mut().zip(biases) {
                        *o = T::of_usize(count_above(c, b)) / len;
                    }
                } else {
                    let counts = &mut work.counts;
                    counts.clear();
                    counts.resize(nf, 0);
                    for &v in c {
                        for (k, &b) in counts.iter_mut().zip(biases) {
                            *k += u32::from(v > b);
                        }
                    }
                    for (o, &k) in o.iter_mut().zip(counts.iter()) {
                        *o = T::of_usize(k as usize) / len;
                    }
                }
                f += nf;
            }
        }
    }
}
