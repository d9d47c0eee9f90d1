//! A bank of real kernels whose responses are pooled into one feature vector per signal
//! (the tutorial's `apply_filter_bank` / `extract_gabor_features`).

use dsp_core::ConvMode;
use dsp_core::model::{Fit, Transform};
use fourier::{FftFloat, Method, Workload};
use ndarray::{Array1, Array2, ArrayView1};
use pulp::{Simd, WithSimd};

use crate::batch::{FeatureExtractor, SignalBatch, check_out, check_signal, transform_rows};
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
/// so column `k * poolings.len() + p` holds kernel `k` pooled by `p`. Convolution is direct
/// for kernels up to [`BANK_DIRECT_MAX_TAPS`] taps, else the FFT or overlap-add that
/// [`fourier::choose_method`] picks (see [`FilterBank::with_method`]). The direct path runs
/// [`dsp_core::correlate_valid_simd`] (register-blocked FMA tiles) on the signal, zero-padded
/// for `Same`/`Full`, into one response buffer per thread that is pooled while it is in L1,
/// everything under one `pulp` instruction-set dispatch per signal; a batch allocates its
/// buffers once per rayon task, not per signal or kernel.
/// Signals may have any length (at least the longest kernel's in `Valid` mode); in `Same` mode
/// a kernel longer than the signal gives numpy's `max(n, m)` outputs.
///
/// A bank is stateless: it implements [`Transform`] for any [`SignalBatch`] (one row per
/// signal) and [`Fit`] as the identity (a clone), so a pipeline can take it as a step.
///
/// # Example
/// ```
/// use features_1d::{FeatureExtractor, FilterBank, Pooling, Transform};
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
/// // a batch: the rows of a matrix (or a slice of signals of any lengths)
/// let m = bank.transform(&array![[1.0, 2.0, 4.0], [0.0, 0.0, 1.0]])?;
/// assert_eq!(m.row(0), f);
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FilterBank<T> {
    kernels: Vec<Array1<T>>,
    /// The kernels reversed (convolution is correlation with the reversed kernel).
    reversed: Vec<Vec<T>>,
    names: Vec<String>,
    poolings: Vec<Pooling>,
    mode: ConvMode,
    method: Method,
}

/// Kernels up to this many taps are convolved directly under [`Method::Auto`]: the bank's
/// name for [`fourier::BATCH_DIRECT_MAX_TAPS`] (the rule is [`Method::resolve`] for
/// [`Workload::Batch`]).
pub use fourier::BATCH_DIRECT_MAX_TAPS as BANK_DIRECT_MAX_TAPS;

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
        let reversed = kernels
            .iter()
            .map(|k| k.iter().rev().copied().collect())
            .collect();
        Ok(Self {
            kernels,
            reversed,
            names,
            poolings,
            mode,
            method: Method::Auto,
        })
    }

    /// The tutorial's 9-filter 1-D Gabor bank ([`filters::tutorial::gabor_filter_bank_params`],
    /// [`filters::tutorial::make_gabor_filter`] at `sample_rate`), named `gabor_s<s>_f<f>`.
    ///
    /// # Errors
    /// As [`FilterBank::new`]; [`Error::Core`] for a bad `sample_rate`.
    pub fn tutorial_gabor(
        sample_rate: f64,
        poolings: Vec<Pooling>,
        mode: ConvMode,
    ) -> Result<Self> {
        let params = filters::tutorial::gabor_filter_bank_params();
        let kernels = filters::tutorial::make_gabor_filter_bank::<T>(&params, sample_rate)?;
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

    fn method_for(&self, n: usize, m: usize) -> Method {
        self.method.resolve(Workload::Batch { n, m })
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
            self.method_for(x.len(), kernel.len()),
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
        self.transform_scratch(x, out, &mut Scratch::default())
    }
}

/// The features of every signal of a batch, one row per signal, in parallel (rayon, one
/// signal per task, one set of scratch buffers per task).
impl<T: FftFloat, B: SignalBatch<Elem = T> + ?Sized> Transform<B> for FilterBank<T> {
    type Output = Array2<T>;
    type Error = Error;

    /// # Errors
    /// [`Error::AtSignal`] with the index of the first failing signal and the reason (as
    /// [`FeatureExtractor::transform_into`]).
    fn transform(&self, batch: &B) -> Result<Array2<T>> {
        transform_rows(
            batch,
            self.n_features(),
            Scratch::default,
            |x, row, scratch| self.transform_scratch(x, row, scratch),
        )
    }
}

/// A bank has nothing to fit: fitting returns a clone (so a pipeline can take it as a step).
impl<T: FftFloat, B: SignalBatch<Elem = T> + ?Sized, Y: ?Sized> Fit<B, Y> for FilterBank<T> {
    type Model = Self;
    type Error = Error;

    fn fit(&self, _x: &B, _y: &Y) -> Result<Self> {
        Ok(self.clone())
    }
}

/// Per-thread buffers of the direct path: a contiguous or zero-padded copy of the signal, the
/// response, and the sorted copy percentiles need.
struct Scratch<T> {
    window: Vec<T>,
    padded: Vec<T>,
    response: Vec<T>,
    sorted: Vec<T>,
}

impl<T> Default for Scratch<T> {
    fn default() -> Self {
        Self {
            window: Vec::new(),
            padded: Vec::new(),
            response: Vec::new(),
            sorted: Vec::new(),
        }
    }
}

impl<T: FftFloat> FilterBank<T> {
    /// [`FeatureExtractor::transform_into`] with caller-provided buffers: kernels on the
    /// direct path under one SIMD dispatch, the others through [`fourier::convolve_with`].
    fn transform_scratch(
        &self,
        x: ArrayView1<'_, T>,
        out: &mut [T],
        scratch: &mut Scratch<T>,
    ) -> Result<()> {
        check_signal(x)?;
        check_out(out.len(), self.n_features())?;
        for k in 0..self.kernels.len() {
            self.check_len(x.len(), k)?;
        }
        let np = self.poolings.len();
        let n = x.len();
        let direct = |k: usize| {
            let m = self.kernels[k].len();
            // numpy swaps the inputs when the kernel is the longer one (`Same`/`Full`)
            self.method_for(n, m) == Method::Direct && m <= n
        };
        if (0..self.kernels.len()).any(direct) {
            let Scratch {
                window,
                padded,
                response,
                sorted,
            } = scratch;
            let xs: &[T] = match x.as_slice() {
                Some(s) => s,
                None => {
                    window.clear();
                    window.extend(x.iter().copied());
                    window
                }
            };
            pulp::Arch::new().dispatch(DirectBank {
                bank: self,
                x: xs,
                out: &mut *out,
                padded,
                response,
                sorted: &mut *sorted,
                direct: &direct,
            })?;
        }
        for (k, (kernel, o)) in self
            .kernels
            .iter()
            .zip(out.chunks_exact_mut(np))
            .enumerate()
        {
            if direct(k) {
                continue;
            }
            let method = self.method_for(n, kernel.len());
            let r = fourier::convolve_with(x, kernel.view(), self.mode, method)?;
            // convolve_with returns a fresh, contiguous array
            let r = r.as_slice().expect("fresh arrays are contiguous");
            pool_into(r, &self.poolings, o, &mut scratch.sorted);
        }
        Ok(())
    }
}

/// The direct-path kernels of one signal under one instruction set: correlate with the
/// reversed kernel (on a zero-padded copy for `Same`/`Full`), pool the response.
struct DirectBank<'a, T, D> {
    bank: &'a FilterBank<T>,
    /// The signal, contiguous.
    x: &'a [T],
    out: &'a mut [T],
    /// Zero-padded signal for `Same`/`Full` (built per kernel length).
    padded: &'a mut Vec<T>,
    response: &'a mut Vec<T>,
    sorted: &'a mut Vec<T>,
    /// Which kernels take this path.
    direct: &'a D,
}

impl<T: FftFloat, D: Fn(usize) -> bool> WithSimd for DirectBank<'_, T, D> {
    type Output = Result<()>;
    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) -> Result<()> {
        let DirectBank {
            bank,
            x,
            out,
            padded,
            response,
            sorted,
            direct,
        } = self;
        let np = bank.poolings.len();
        let n = x.len();
        let n_k = bank.reversed.len();
        let mut k = 0;
        while k < n_k {
            if !direct(k) {
                k += 1;
                continue;
            }
            // a run of direct kernels of one length shares the signal's loads
            let m = bank.reversed[k].len();
            let mut end = k + 1;
            while end < n_k && direct(end) && bank.reversed[end].len() == m {
                end += 1;
            }
            let len = bank.mode.output_len(n, m);
            let left = match bank.mode {
                ConvMode::Full => m - 1,
                ConvMode::Same => m / 2,
                ConvMode::Valid => 0,
            };
            let w: &[T] = if left == 0 && len + m - 1 == n {
                x
            } else {
                padded.clear();
                padded.resize(left, T::zero());
                padded.extend_from_slice(x);
                padded.resize(len + m - 1, T::zero());
                padded
            };
            response.resize((end - k) * len, T::zero());
            dsp_core::correlate_valid_many_simd(simd, w, &bank.reversed[k..end], response)?;
            for (r, o) in response
                .chunks_exact(len)
                .zip(out[k * np..end * np].chunks_exact_mut(np))
            {
                pool_into(r, &bank.poolings, o, sorted);
            }
            k = end;
        }
        Ok(())
    }
}
