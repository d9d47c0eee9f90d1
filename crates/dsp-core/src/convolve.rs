//! Direct 1-D convolution and cross-correlation with `numpy.convolve` / `numpy.correlate` semantics.
//!
//! Both reduce to one kernel, `out[j] = sum_i x[j + i] * k[i]` over a zero-extended signal,
//! computed by the register-blocked kernel of [`crate::direct`] (tiles of outputs held in vector
//! registers while the taps run, one fused multiply-add per tap and output). Large outputs are
//! split over rayon in blocks; edge blocks (where the kernel hangs over the signal's ends) work
//! on a small zero-padded copy of their window, interior blocks read the signal in place. The
//! kernel runs under `pulp`'s runtime dispatch, so the default x86-64 (SSE2) build still uses
//! AVX2/FMA where the CPU has them.

use ndarray::{Array1, ArrayView1};
use rayon::prelude::*;

use crate::{ConvMode, Float, Result, check};

/// Outputs per block: the block and its window stay in L1 while the taps run over them.
const BLOCK: usize = 1024;

/// Below this many multiply-adds one thread does all the work (rayon's overhead would dominate).
const PARALLEL_MIN_WORK: usize = 1 << 17;

/// Discrete linear convolution of `a` and `v`; equal to `numpy.convolve(a, v, mode)` (tested against it).
///
/// `out[k] = sum_j a[j] * v[k - j]`, with the output length set by `mode`
/// ([`ConvMode::output_len`]). As in numpy, the inputs are swapped when `v` is longer than `a`
/// (convolution is commutative, and numpy centres `Same` on the longer input), so the result
/// always has `max(n, m)` samples in `Same` mode.
///
/// NaN and infinity are not rejected: they propagate into every output whose sum touches them,
/// exactly as in numpy.
///
/// This is the direct method, `O(n * m)`; `fourier::convolve_auto` switches to FFT or
/// overlap-add convolution when that is cheaper.
///
/// # Errors
/// [`crate::Error::TooShort`] when `a` or `v` is empty.
///
/// # Example
/// ```
/// use dsp_core::{convolve, ConvMode};
/// use ndarray::array;
/// let out = convolve(array![1.0, 2.0, 3.0].view(), array![0.0, 1.0, 0.5].view(), ConvMode::Same)?;
/// assert_eq!(out, array![1.0, 2.5, 4.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn convolve<T: Float>(
    a: ArrayView1<'_, T>,
    v: ArrayView1<'_, T>,
    mode: ConvMode,
) -> Result<Array1<T>> {
    check::ensure_len("a", a.len(), 1)?;
    check::ensure_len("v", v.len(), 1)?;
    let (a, v) = (a.view(), v.view());
    let (long, short) = if v.len() > a.len() { (v, a) } else { (a, v) };
    let long = contiguous(long);
    let kernel: Vec<T> = short.iter().rev().copied().collect();
    Ok(Array1::from_vec(correlate_long_short(&long, &kernel, mode)))
}

/// Cross-correlation of `a` and `v`; equal to `numpy.correlate(a, v, mode)` for real input (tested against it).
///
/// `out[k] = sum_n a[n + k] * v[n]` over the zero-extended `a`, with the output length set by
/// `mode`. When `v` is longer than `a`, numpy computes `correlate(v, a, mode)` and reverses it;
/// so does this function, so the results match numpy for every length combination.
/// Note that numpy's default mode for `correlate` is `"valid"`, not `"full"`.
///
/// NaN and infinity propagate as in numpy.
///
/// # Errors
/// [`crate::Error::TooShort`] when `a` or `v` is empty.
///
/// # Example
/// ```
/// use dsp_core::{correlate, ConvMode};
/// use ndarray::array;
/// let out = correlate(array![1.0, 2.0, 3.0].view(), array![0.0, 1.0, 0.5].view(), ConvMode::Full)?;
/// assert_eq!(out, array![0.5, 2.0, 3.5, 3.0, 0.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn correlate<T: Float>(
    a: ArrayView1<'_, T>,
    v: ArrayView1<'_, T>,
    mode: ConvMode,
) -> Result<Array1<T>> {
    check::ensure_len("a", a.len(), 1)?;
    check::ensure_len("v", v.len(), 1)?;
    if v.len() > a.len() {
        let long = contiguous(v);
        let short: Vec<T> = a.iter().copied().collect();
        let mut out = correlate_long_short(&long, &short, mode);
        out.reverse();
        Ok(Array1::from_vec(out))
    } else {
        let long = contiguous(a);
        let short: Vec<T> = v.iter().copied().collect();
        Ok(Array1::from_vec(correlate_long_short(&long, &short, mode)))
    }
}

/// The input as a slice, copied only when the view is not contiguous.
fn contiguous<'a, T: Float>(x: ArrayView1<'a, T>) -> std::borrow::Cow<'a, [T]> {
    match x.to_slice() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(x.iter().copied().collect()),
    }
}

/// numpy's `_pyarray_correlate` for `x.len() >= k.len() >= 1`:
/// `out[j] = sum_i x[j - left + i] * k[i]` with `x` zero outside `0..n`, where `left` is
/// `m - 1` (full), `m / 2` (same) or `0` (valid).
fn correlate_long_short<T: Float>(x: &[T], k: &[T], mode: ConvMode) -> Vec<T> {
    let (n, m) = (x.len(), k.len());
    let left = match mode {
        ConvMode::Full => m - 1,
        ConvMode::Same => m / 2,
        ConvMode::Valid => 0,
    };
    let len = mode.output_len(n, m);
    let mut out = vec![T::zero(); len];
    let block = |(b, chunk): (usize, &mut [T])| {
        let j0 = b * BLOCK;
        correlate_block(x, k, j0 as isize - left as isize, chunk);
    };
    if len.saturating_mul(m) >= PARALLEL_MIN_WORK && len > BLOCK {
        out.par_chunks_mut(BLOCK).enumerate().for_each(block);
    } else {
        out.chunks_mut(BLOCK).enumerate().for_each(block);
    }
    out
}

/// Fills `out[j] = sum_i x[start + j + i] * k[i]`, `x` zero outside its bounds.
fn correlate_block<T: Float>(x: &[T], k: &[T], start: isize, out: &mut [T]) {
    let need = out.len() + k.len() - 1;
    let end = start + need as isize;
    let arch = pulp::Arch::new();
    if start >= 0 && end as usize <= x.len() {
        let s = start as usize;
        let w = &x[s..s + need];
        arch.dispatch(Block { w, k, out });
    } else {
        // Edge block: copy the overlapping part of `x` into a zero-padded window.
        let mut window = vec![T::zero(); need];
        let lo = start.max(0);
        let hi = end.min(x.len() as isize);
        if lo < hi {
            let (lo, hi) = (lo as usize, hi as usize);
            let off = (lo as isize - start) as usize;
            window[off..off + (hi - lo)].copy_from_slice(&x[lo..hi]);
        }
        arch.dispatch(Block { w: &window, k, out });
    }
}

/// One block for [`crate::direct::valid_kernel`], `w.len() == out.len() + k.len() - 1`.
struct Block<'a, T> {
    w: &'a [T],
    k: &'a [T],
    out: &'a mut [T],
}

impl<T: Float> pulp::WithSimd for Block<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) {
        crate::direct::valid_kernel(simd, self.w, self.k, self.out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn edge_blocks_match_a_naive_sum() {
        // Lengths straddling BLOCK so interior and edge blocks both run.
        let x: Vec<f64> = (0..2500).map(|i| ((i * 37 % 101) as f64) - 50.0).collect();
        let k: Vec<f64> = (0..7).map(|i| i as f64 * 0.5 - 1.0).collect();
        let got = correlate_long_short(&x, &k, ConvMode::Full);
        for (j, g) in got.iter().enumerate() {
            let mut s = 0.0;
            for (i, kk) in k.iter().enumerate() {
                let idx = j as isize - 6 + i as isize;
                if idx >= 0 && (idx as usize) < x.len() {
                    s += x[idx as usize] * kk;
                }
            }
            assert_eq!(*g, s, "at {j}");
        }
    }

    #[test]
    fn empty_inputs_are_rejected() {
        let e = Array1::<f64>::zeros(0);
        let a = array![1.0];
        assert!(convolve(e.view(), a.view(), ConvMode::Full).is_err());
        assert!(correlate(a.view(), e.view(), ConvMode::Full).is_err());
    }
}
