//! A two-core real FFT for long lengths (multiples of 4): one radix-2 step split over rayon.
//!
//! realfft runs one transform on one core. For `n = 4q`, pack `z[j] = x[2j] + i x[2j+1]`
//! (`h = n/2` points) and split `z` into its even and odd points, `E` and `O` (`q` each):
//! the two length-`q` FFTs run in parallel, and one parallel pass forms
//! `Z[k] = E[k mod q] +- w_h^(k mod q) O[k mod q]` and the real spectrum
//! `X[k] = (Z[k] + conj Z[h-k]) / 2 - i w_n^k (Z[k] - conj Z[h-k]) / 2`.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use ndarray::{Array1, ArrayView1};
use num_complex::Complex;
use rayon::prelude::*;
use rustfft::Fft;

use crate::plan::{FftFloat, par_zeros, sized};

/// Shortest length worth splitting: below it one core finishes before two start.
pub(crate) const TWO_CORE_MIN_LEN: usize = 1 << 16;

/// Samples per rayon task of the gather and combine passes.
const PASS_CHUNK: usize = 1 << 14;

/// Whether [`rfft`](crate::rfft) of length `n` runs on two cores: `n` a multiple of 4 from
/// [`TWO_CORE_MIN_LEN`] up, with more than one rayon thread.
pub(crate) fn worth_it(n: usize) -> bool {
    n >= TWO_CORE_MIN_LEN && n.is_multiple_of(4) && rayon::current_num_threads() > 1
}

/// The cached two-core plan of length `n` (a multiple of 4), built on first use.
///
/// One cache for both float types, keyed by `(TypeId, n)`: it lives here rather than in
/// [`Planners`](crate::Planners), so that the plan module does not depend on this one.
pub(crate) fn plan<T: FftFloat>(n: usize) -> Arc<TwoCoreRfft<T>> {
    type Cache = Mutex<HashMap<(TypeId, usize), Arc<dyn Any + Send + Sync>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let key = (TypeId::of::<T>(), n);
    let cached = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
        .cloned();
    let any = match cached {
        Some(p) => p,
        None => {
            // Built outside the lock (the twiddle table is O(n)); a racing thread may build
            // the same plan, and either copy is correct.
            let plan: Arc<dyn Any + Send + Sync> =
                Arc::new(TwoCoreRfft::new(n, T::planners().complex(n / 4, false)));
            let mut map = cache.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(map.entry(key).or_insert(plan))
        }
    };
    any.downcast::<TwoCoreRfft<T>>()
        .expect("entries are keyed by the TypeId of their float type")
}

/// The plan of a two-core real FFT of length `n = 4 q`: the length-`q` complex plan and the
/// twiddles `w_n^k = exp(-2 pi i k / n)`, `k = 0..=n/2`.
pub(crate) struct TwoCoreRfft<T: FftFloat> {
    n: usize,
    quarter: Arc<dyn Fft<T>>,
    twiddles: Vec<Complex<T>>,
}

impl<T: FftFloat> TwoCoreRfft<T> {
    fn new(n: usize, quarter: Arc<dyn Fft<T>>) -> Self {
        let twiddles = (0..=n / 2)
            .map(|k| {
                let phase = -2.0 * std::f64::consts::PI * k as f64 / n as f64;
                Complex::new(T::of(phase.cos()), T::of(phase.sin()))
            })
            .collect();
        Self {
            n,
            quarter,
            twiddles,
        }
    }

    /// `rfft(x)` for `x.len() == n`.
    pub(crate) fn process(&self, x: ArrayView1<'_, T>) -> Array1<Complex<T>> {
        let (n, h, q) = (self.n, self.n / 2, self.n / 4);
        let mut eo = T::with_buffers(|b| std::mem::take(&mut b.complex));
        let (e, o) = sized(&mut eo, 2 * q).split_at_mut(q);
        let gather = |(e, o): (&mut [Complex<T>], &mut [Complex<T>]), xs: &[T]| {
            for ((e, o), x) in e.iter_mut().zip(o.iter_mut()).zip(xs.chunks_exact(4)) {
                *e = Complex::new(x[0], x[1]);
                *o = Complex::new(x[2], x[3]);
            }
        };
        match x.as_slice() {
            Some(xs) => e
                .par_chunks_mut(PASS_CHUNK)
                .zip(o.par_chunks_mut(PASS_CHUNK))
                .zip(xs.par_chunks(4 * PASS_CHUNK))
                .for_each(|(eo, xs)| gather(eo, xs)),
            None => gather((e, o), &x.to_vec()),
        }
        let fft = |buf: &mut [Complex<T>]| {
            T::with_buffers(|b| {
                let scratch = sized(&mut b.scratch, self.quarter.get_inplace_scratch_len());
                self.quarter.process_with_scratch(buf, scratch);
            })
        };
        rayon::join(|| fft(e), || fft(o));
        let (e, o) = (&*e, &*o);
        let tw = &self.twiddles;
        // Z[k] for 0 <= k <= h (Z[h] = Z[0]), without a division per sample.
        let z = |k: usize| {
            if k < q {
                e[k] + tw[2 * k] * o[k]
            } else if k < h {
                let j = k - q;
                e[j] - tw[2 * j] * o[j]
            } else {
                e[0] + o[0]
            }
        };
        let half = T::of(0.5);
        let mut out = par_zeros::<Complex<T>>(h + 1);
        out.par_chunks_mut(PASS_CHUNK)
            .enumerate()
            .for_each(|(c, chunk)| {
                let k0 = c * PASS_CHUNK;
                for (i, x) in chunk.iter_mut().enumerate() {
                    let k = k0 + i;
                    let zk = z(k);
                    let zc = z(h - k).conj();
                    let even = (zk + zc) * half;
                    let odd = (zk - zc) * half;
                    // -i * w * odd
                    let wo = tw[k] * odd;
                    *x = even + Complex::new(wo.im, -wo.re);
                }
            });
        T::with_buffers(|b| {
            if b.complex.len() < eo.len() {
                b.complex = eo;
            }
        });
        debug_assert_eq!(out.len(), n / 2 + 1);
        // The DC and Nyquist terms of a real signal are real: exactly 0 imaginary parts, as
        // pocketfft and the one-core path return (the split above left a rounding residue,
        // 3.8e-15 on a 2^17-sample signal of magnitude 63).
        out[0].im = T::zero();
        out[h].im = T::zero();
        Array1::from_vec(out)
    }
}
