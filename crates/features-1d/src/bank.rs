//! A bank of real kernels whose responses are pooled into one feature vector per signal
//! (the tutorial's `apply_filter_bank` / `extract_gabor_features`).

use dsp_core::ConvMode;
use fourier::{FftFloat, Method};
use ndarray::{Array1, ArrayView1};

use crate::batch::{FeatureExtractor, check_signal};
use crate::pooling::{Pooling, pool_into, validate_all};
use crate::{Error, Result};

/// A bank of kernels and a list of poolings, built once: the features of a signal are, for
/// each kernel `k` and each pooling `p`, `p(numpy.convolve(signal, kernel_k, mode))`.
///
/// Equal to the tutorial's loop (tested against numpy fixtures):
///
/// ```text
/// feats = [pool(np.convolve(x, k, mode)) for k in bank for pool in poolings]
/// ```
///
/// so column `k * poolings.len() + p` holds kernel `k` pooled by `p`. Convolution is
/// [`fourier::convolve_with`] (direct for kernels up to [`BANK_DIRECT_MAX_TAPS`] taps, else
/// the FFT or overlap-add that [`fourier::choose_method`] picks; see
/// [`FilterBank::with_method`]).
/// Signals may have any length (at least the longest kernel's in `Valid` mode); in `Same` mode
/// a kernel longer than the signal gives numpy's `max(n, m)` outputs.
///
/// # Example
/// ```
/// use features_1d::{FeatureExtractor, FilterBank, Pooling};
/// use dsp_core::ConvMode;
/// use ndarray::array;
/// let bank = FilterBank::new(
///     vec![array![1.0, 1.0], array![1.0, -1.0]],
///     Pooling::MEAN_STD_MAX.to_vec(),
///     ConvMode::Valid,
/// )?;
/// let f = bank.transform_one(array![1.0, 2.0, 4.0].view())?;
/// // valid responses: [3, 6] and [1, 2]
/// assert_eq!(f, array![4.5, 1.5, 6.0, 1.5, 0.5, 2.0]);
/// assert_eq!(bank.feature_names()[4], "k1_std");
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FilterBank<T> {
    kernels: Vec<Array1<T>>,
    names: Vec<String>,
    poolings: Vec<Pooling>,
    mode: ConvMode,
    method: Method,
}

/// Kernels up to this many taps are convolved directly under [`Method::Auto`].
///
/// `fourier::choose_method`'s cost model is fitted to one large convolution spread over both
/// cores; a bank runs many small ones, one signal per core, where the direct method's
/// vectorised taps beat overlap-add's FFT set-up well past this length (660 x 1000 samples
/// with 50-tap kernels: direct is several times faster than the overlap-add it would pick).
pub const BANK_DIRECT_MAX_TAPS: usize = 128;

impl<T: FftFloat> FilterBank<T> {
    /// A bank of `kernels` pooled by `poolings` after convolution in `mode` (`Valid` or
    /// `Same`; `Full` is accepted too). Kernels are named `k0`, `k1`, ...
    ///
    /// # Errors
    /// [`Error::Empty`] for no kernels or no poolings; [`dsp_core::Error::TooShort`] for an
    /// empty kernel; [`dsp_core::Error::NonFinite`] for a NaN/infinite tap;
    /// [`Error::InvalidPercentile`] for a bad percentile.
    pub fn new(kernels: Vec<Array1<T>>, poolings: Vec<Pooling>, mode: ConvMode) -> Result<Self> {
        if kernels.is_empty() {
            return Err(Error::Empty { what: "kernels" });
        }
        validate_all(&poolings)?;
        for k in &kernels {
            dsp_core::check::ensure_len("kernel", k.len(), 1)?;
            dsp_core::check::ensure_finite("kernel", k.iter())?;
        }
        let names = (0..kernels.len()).map(|i| format!("k{i}")).collect();
        Ok(Self {
            kernels,
            names,
            poolings,
            mode,
            method: Method::Auto,
        })
    }

    /// The tutorial's 9-filter 1-D Gabor bank ([`filters::gabor_filter_bank_params`],
    /// [`filters::make_gabor_filter`] at `sample_rate`), named `gabor_s<s>_f<f>`.
    ///
    /// # Errors
    /// As [`FilterBank::new`]; [`Error::Core`] for a bad `sample_rate`.
    pub fn tutorial_gabor(
        sample_rate: f64,
        poolings: Vec<Pooling>,
        mode: ConvMode,
    ) -> Result<Self> {
        let params = filters::gabor_filter_bank_params();
        let kernels = filters::make_gabor_filter_bank::<T>(&params, sample_rate)?;
        let names = params
            .iter()
            .map(|(s, f)| format!("gabor_s{s:.4}_f{f}"))
            .collect();
        Self::new(kernels, poolings, mode)?.with_kernel_names(names)
    }

    /// Renames the kernels (used in [`FeatureExtractor::feature_names`]).
    ///
    /// # Errors
    /// [`dsp_core::Error::ShapeMismatch`] unless there is one name per kernel.
    pub fn with_kernel_names(mut self, names: Vec<String>) -> Result<Self> {
        if names.len() != self.kernels.len() {
            return Err(dsp_core::Error::ShapeMismatch {
                what: "kernel names",
                expected: vec![self.kernels.len()],
                got: vec![names.len()],
            }
            .into());
        }
        self.names = names;
        Ok(self)
    }

    /// Sets the convolution method (default [`Method::Auto`]: direct for kernels of at most
    /// [`BANK_DIRECT_MAX_TAPS`] taps, else [`fourier::choose_method`]'s choice). Every method
    /// equals `numpy.convolve` up to rounding.
    #[must_use]
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    fn method_for(&self, m: usize) -> Method {
        match self.method {
            Method::Auto if m <= BANK_DIRECT_MAX_TAPS => Method::Direct,
            other => other,
        }
    }

    /// The kernels.
    #[must_use]
    pub fn kernels(&self) -> &[Array1<T>] {
        &self.kernels
    }

    /// The poolings.
    #[must_use]
    pub fn poolings(&self) -> &[Pooling] {
        &self.poolings
    }

    /// The convolution mode.
    #[must_use]
    pub fn mode(&self) -> ConvMode {
        self.mode
    }

    /// The response of kernel `k` to `x` (`numpy.convolve(x, kernel_k, mode)`), checked as
    /// [`FeatureExtractor::transform_into`].
    ///
    /// # Errors
    /// As [`FeatureExtractor::transform_into`]; [`dsp_core::Error::ShapeMismatch`] for a
    /// kernel index out of range.
    pub fn response(&self, x: ArrayView1<'_, T>, k: usize) -> Result<Array1<T>> {
        check_signal(x)?;
        let kernel = self.kernels.get(k).ok_or(dsp_core::Error::ShapeMismatch {
            what: "kernel index",
            expected: vec![self.kernels.len()],
            got: vec![k],
        })?;
        self.check_len(x.len(), k)?;
        Ok(fourier::convolve_with(
            x,
            kernel.view(),
            self.mode,
            self.method_for(kernel.len()),
        )?)
    }

    fn check_len(&self, n: usize, k: usize) -> Result<()> {
        let m = self.kernels[k].len();
        if self.mode == ConvMode::Valid && n < m {
            return Err(Error::SignalShorterThanKernel {
                signal_len: n,
                kernel: k,
                kernel_len: m,
            });
        }
        Ok(())
    }
}

impl<T: FftFloat> FeatureExtractor<T> for FilterBank<T> {
    fn n_features(&self) -> usize {
        self.kernels.len() * self.poolings.len()
    }

    fn feature_names(&self) -> Vec<String> {
        self.names
            .iter()
            .flat_map(|k| {
                self.poolings
                    .iter()
                    .map(move |p| format!("{k}_{}", p.name()))
            })
            .collect()
    }

    /// # Errors
    /// [`dsp_core::Error::TooShort`] for an empty signal, [`dsp_core::Error::NonFinite`]
    /// for NaN/infinity, [`Error::SignalShorterThanKernel`] in `Valid` mode,
    /// [`dsp_core::Error::ShapeMismatch`] when `out` has the wrong length.
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
        for k in 0..self.kernels.len() {
            self.check_len(x.len(), k)?;
        }
        let np = self.poolings.len();
        // sorted copies for percentiles: one buffer per signal, reused across kernels
        let mut scratch = Vec::new();
        for (kernel, o) in self.kernels.iter().zip(out.chunks_exact_mut(np)) {
            let method = self.method_for(kernel.len());
            let r = fourier::convolve_with(x, kernel.view(), self.mode, method)?;
            // convolve_with returns a fresh, contiguous array
            let r = r.as_slice().expect("fresh arrays are contiguous");
            pool_into(r, &self.poolings, o, &mut scratch);
        }
        Ok(())
    }
}
