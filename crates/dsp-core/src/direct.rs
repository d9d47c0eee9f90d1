//! The register-blocked direct correlation kernel behind [`crate::convolve`],
//! [`crate::correlate`] and the filter banks of `features-1d`.
//!
//! `out[j] = sum_i w[j + i] * k[i]` is computed in tiles of `R` consecutive outputs: the `R`
//! accumulators stay in vector registers while the taps run, so each tap costs `R / lanes`
//! fused multiply-adds with one (unaligned) load of `w` each and one broadcast of `k[i]`, and
//! each output is stored once. `R` is eight vectors of the dispatched instruction set (eight
//! independent accumulators hide the multiply-add latency on two FMA ports): 32 `f64` / 64
//! `f32` outputs under AVX2. The tile loop is written over plain arrays and inlined into each
//! `pulp` instruction-set instance, where the compiler turns the fixed-size accumulator arrays
//! into vector registers and `mul_add` into FMA instructions; one code path serves `f32` and
//! `f64`. The last tile of a row is shifted back to end at the row's end (recomputing a few
//! outputs, with identical results) so no output is left to a scalar tail.
//!
//! Each output is the sequence of fused multiply-adds `acc = w[j + i] * k[i] + acc` for `i` in
//! `0..m`, the same order whatever the tile, the instruction set or the thread, so results do
//! not depend on how the work is split.

use pulp::{Arch, Simd, WithSimd};

use crate::{Error, Float, Result};

/// Valid cross-correlation `out[j] = sum_i w[j + i] * k[i]` for `j` in `0..out.len()`, which
/// must be `w.len() - k.len() + 1`: `numpy.correlate(w, k, "valid")` written into `out`, with
/// the register-blocked kernel under the best instruction set of the running CPU (the module
/// documentation above describes it).
///
/// Convolution is correlation with the reversed kernel: `numpy.convolve(w, v, "valid")` is
/// `correlate_valid_into(w, reversed v, out)` (for `v` not longer than `w`).
///
/// # Errors
/// [`Error::TooShort`] for an empty `k` or `w` shorter than `k`; [`Error::ShapeMismatch`]
/// when `out.len() != w.len() - k.len() + 1`.
///
/// # Example
/// ```
/// let mut out = [0.0; 2];
/// dsp_core::correlate_valid_into(&[1.0, 2.0, 4.0], &[1.0, -1.0], &mut out)?;
/// assert_eq!(out, [-1.0, -2.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn correlate_valid_into<T: Float>(w: &[T], k: &[T], out: &mut [T]) -> Result<()> {
    check_valid(w, k, out)?;
    Arch::new().dispatch(ValidOp { w, k, out });
    Ok(())
}

/// [`correlate_valid_into`] for callers already running under a `pulp` instruction set
/// `simd` (inside their own [`pulp::WithSimd::with_simd`]): always inlined, so the kernel is
/// compiled for that instruction set and fuses with the caller's work (e.g. pooling the
/// response while it is in L1).
///
/// # Errors
/// As [`correlate_valid_into`].
#[inline(always)]
pub fn correlate_valid_simd<T: Float, S: Simd>(
    simd: S,
    w: &[T],
    k: &[T],
    out: &mut [T],
) -> Result<()> {
    check_valid(w, k, out)?;
    valid_kernel(simd, w, k, out);
    Ok(())
}

/// [`correlate_valid_simd`] of one signal with several kernels of equal length:
/// row `r` of `out` (`out.len() == kernels.len() * (w.len() - m + 1)`, row-major) is the
/// valid correlation of `w` with `kernels[r]`, equal to what [`correlate_valid_simd`] writes
/// for that kernel alone, bit for bit.
///
/// Kernels go through the tiles three at a time (nine under AVX-512, with its 32 vector
/// registers), so each load of the signal feeds several kernels' multiply-adds: a wide tile
/// of one kernel needs about one load per multiply-add, more than the load ports sustain
/// alongside two FMA ports (worse for unaligned 512-bit loads, most of which straddle two
/// cache lines); several kernels per tile make the loop bound by the multiply-adds again.
///
/// # Errors
/// As [`correlate_valid_into`] for each kernel; [`Error::ShapeMismatch`] when the kernels'
/// lengths differ or `out` has the wrong length.
#[inline(always)]
pub fn correlate_valid_many_simd<T: Float, S: Simd, K: AsRef<[T]>>(
    simd: S,
    w: &[T],
    kernels: &[K],
    out: &mut [T],
) -> Result<()> {
    let Some(first) = kernels.first() else {
        return if out.is_empty() {
            Ok(())
        } else {
            Err(Error::ShapeMismatch {
                what: "valid correlation output",
                expected: vec![0],
                got: vec![out.len()],
            })
        };
    };
    let m = first.as_ref().len();
    crate::check::ensure_len("kernel", m, 1)?;
    crate::check::ensure_len("signal", w.len(), m)?;
    if let Some(k) = kernels.iter().find(|k| k.as_ref().len() != m) {
        return Err(Error::ShapeMismatch {
            what: "kernel lengths",
            expected: vec![m],
            got: vec![k.as_ref().len()],
        });
    }
    let len = w.len() - m + 1;
    if out.len() != len * kernels.len() {
        return Err(Error::ShapeMismatch {
            what: "valid correlation output",
            expected: vec![kernels.len(), len],
            got: vec![out.len()],
        });
    }
    many_kernel(simd, w, kernels, out, len);
    Ok(())
}

fn check_valid<T>(w: &[T], k: &[T], out: &[T]) -> Result<()> {
    crate::check::ensure_len("kernel", k.len(), 1)?;
    crate::check::ensure_len("signal", w.len(), k.len())?;
    let len = w.len() - k.len() + 1;
    if out.len() != len {
        return Err(Error::ShapeMismatch {
            what: "valid correlation output",
            expected: vec![len],
            got: vec![out.len()],
        });
    }
    Ok(())
}

/// One dispatched call of [`valid_kernel`].
struct ValidOp<'a, T> {
    w: &'a [T],
    k: &'a [T],
    out: &'a mut [T],
}

impl<T: Float> WithSimd for ValidOp<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        valid_kernel(simd, self.w, self.k, self.out);
    }
}

/// `out[j] = sum_i w[j + i] * k[i]`, `w.len() == out.len() + k.len() - 1`, `k` non-empty
/// (checked by the callers). Picks the tile width for the instruction set and element size.
#[inline(always)]
pub(crate) fn valid_kernel<T: Float, S: Simd>(_simd: S, w: &[T], k: &[T], out: &mut [T]) {
    debug_assert!(!k.is_empty() && w.len() + 1 == out.len() + k.len());
    if S::IS_SCALAR {
        // no FMA unit assumed: `mul_add` could be a slow library call
        scalar_kernel(w, k, out);
        return;
    }
    // eight vector registers of accumulators
    let lanes = core::mem::size_of::<S::f64s>() / core::mem::size_of::<T>();
    match lanes * 8 {
        16 => tiles::<T, 16>(w, k, out),
        32 => tiles::<T, 32>(w, k, out),
        64 => tiles::<T, 64>(w, k, out),
        _ => tiles::<T, 128>(w, k, out),
    }
}

/// Groups of nine kernels (AVX-512) or three (then a pair, then one) through [`tiles_many`]; the arguments are
/// checked by [`correlate_valid_many_simd`].
#[inline(always)]
fn many_kernel<T: Float, S: Simd, K: AsRef<[T]>>(
    simd: S,
    w: &[T],
    kernels: &[K],
    out: &mut [T],
    len: usize,
) {
    if S::IS_SCALAR {
        for (k, o) in kernels.iter().zip(out.chunks_exact_mut(len)) {
            scalar_kernel(w, k.as_ref(), o);
        }
        return;
    }
    let lanes = core::mem::size_of::<S::f64s>() / core::mem::size_of::<T>();
    let mut ks = kernels;
    let mut rows = out;
    // 32 vector registers (AVX-512): nine kernels x two vectors of outputs
    let wide = core::mem::size_of::<S::f64s>() >= 64;
    while !ks.is_empty() {
        let g = if wide && ks.len() >= 9 {
            9
        } else {
            ks.len().min(3)
        };
        let (group, rest) = ks.split_at(g);
        let (o, orest) = rows.split_at_mut(g * len);
        match (g, lanes) {
            // eighteen accumulators, two signal loads per tap for eighteen FMAs
            (9, 8) => tiles_many::<T, 16, 9, K>(w, group, o, len),
            (9, _) => tiles_many::<T, 32, 9, K>(w, group, o, len),
            // three vectors of outputs per kernel: nine accumulators
            (3, 2) => tiles_many::<T, 6, 3, K>(w, group, o, len),
            (3, 4) => tiles_many::<T, 12, 3, K>(w, group, o, len),
            (3, 8) => tiles_many::<T, 24, 3, K>(w, group, o, len),
            (3, _) => tiles_many::<T, 48, 3, K>(w, group, o, len),
            // four vectors per kernel: eight accumulators
            (2, 2) => tiles_many::<T, 8, 2, K>(w, group, o, len),
            (2, 4) => tiles_many::<T, 16, 2, K>(w, group, o, len),
            (2, 8) => tiles_many::<T, 32, 2, K>(w, group, o, len),
            (2, _) => tiles_many::<T, 64, 2, K>(w, group, o, len),
            _ => valid_kernel(simd, w, group[0].as_ref(), o),
        }
        ks = rest;
        rows = orest;
    }
}

/// [`tiles`] for `G` kernels at once: tiles of `R` outputs of each, rows of `out` of `len`.
#[inline(always)]
fn tiles_many<T: Float, const R: usize, const G: usize, K: AsRef<[T]>>(
    w: &[T],
    kernels: &[K],
    out: &mut [T],
    len: usize,
) {
    let ks: [&[T]; G] = core::array::from_fn(|g| kernels[g].as_ref());
    let m = ks[0].len();
    if len < R {
        for (k, o) in ks.iter().zip(out.chunks_exact_mut(len)) {
            narrow(w, k, o);
        }
        return;
    }
    let span = R + m - 1;
    let mut j = 0;
    loop {
        let start = j.min(len - R);
        let acc = tile_many::<T, R, G>(&w[start..start + span], &ks, m);
        for (g, a) in acc.iter().enumerate() {
            out[g * len + start..g * len + start + R].copy_from_slice(a);
        }
        if start + R == len {
            break;
        }
        j += R;
    }
}

/// `R` outputs of each of `G` kernels of `m` taps from one window; each tap's `R` samples are
/// loaded once for the `G` kernels. Every output is the same FMA sequence as in [`tile`].
#[inline(always)]
fn tile_many<T: Float, const R: usize, const G: usize>(
    w: &[T],
    ks: &[&[T]; G],
    m: usize,
) -> [[T; R]; G] {
    let mut acc = [[T::zero(); R]; G];
    let ks: [&[T]; G] = core::array::from_fn(|g| &ks[g][..m]);
    for i in 0..m {
        let x = &w[i..i + R];
        for g in 0..G {
            let kt = ks[g][i];
            for r in 0..R {
                acc[g][r] = x[r].mul_add(kt, acc[g][r]);
            }
        }
    }
    acc
}

/// Tiles of `R` outputs; the last one shifted back to end at `out`'s end. Rows shorter than
/// a tile go through [`narrow`].
#[inline(always)]
fn tiles<T: Float, const R: usize>(w: &[T], k: &[T], out: &mut [T]) {
    let len = out.len();
    if len < R {
        return narrow(w, k, out);
    }
    let span = R + k.len() - 1;
    let mut j = 0;
    loop {
        let start = j.min(len - R);
        let acc = tile::<T, R>(&w[start..start + span], k);
        out[start..start + R].copy_from_slice(&acc);
        if start + R == len {
            break;
        }
        j += R;
    }
}

/// Rows shorter than a full tile: tiles of four outputs (the last one shifted back), or one
/// output at a time below four.
#[inline(always)]
fn narrow<T: Float>(w: &[T], k: &[T], out: &mut [T]) {
    if out.len() < 4 {
        for (j, o) in out.iter_mut().enumerate() {
            *o = dot_fma(&w[j..j + k.len()], k);
        }
        return;
    }
    // At least four outputs: `tiles` never comes back here.
    tiles::<T, 4>(w, k, out);
}

/// `R` outputs from a window of `R + k.len() - 1` samples, accumulators in registers.
#[inline(always)]
fn tile<T: Float, const R: usize>(w: &[T], k: &[T]) -> [T; R] {
    let mut acc = [T::zero(); R];
    for (i, &kt) in k.iter().enumerate() {
        let x = &w[i..i + R];
        for r in 0..R {
            acc[r] = x[r].mul_add(kt, acc[r]);
        }
    }
    acc
}

/// One output as the same FMA sequence as a tile lane.
#[inline(always)]
fn dot_fma<T: Float>(w: &[T], k: &[T]) -> T {
    w.iter()
        .zip(k)
        .fold(T::zero(), |acc, (&x, &kt)| x.mul_add(kt, acc))
}

/// The portable fallback: four taps per sweep over `out` with separate multiplies and adds
/// (vectorised by the compiler at the baseline instruction set).
fn scalar_kernel<T: Float>(w: &[T], k: &[T], out: &mut [T]) {
    let len = out.len();
    out.fill(T::zero());
    let mut taps = k.chunks_exact(4);
    let mut i = 0;
    for t in &mut taps {
        let (k0, k1, k2, k3) = (t[0], t[1], t[2], t[3]);
        let w0 = &w[i..i + len];
        let w1 = &w[i + 1..i + 1 + len];
        let w2 = &w[i + 2..i + 2 + len];
        let w3 = &w[i + 3..i + 3 + len];
        for ((((o, &x0), &x1), &x2), &x3) in out.iter_mut().zip(w0).zip(w1).zip(w2).zip(w3) {
            *o += k0 * x0 + k1 * x1 + k2 * x2 + k3 * x3;
        }
        i += 4;
    }
    for &kt in taps.remainder() {
        for (o, &x0) in out.iter_mut().zip(&w[i..i + len]) {
            *o += kt * x0;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(w: &[f64], k: &[f64]) -> Vec<f64> {
        (0..w.len() + 1 - k.len())
            .map(|j| k.iter().enumerate().map(|(i, kk)| w[j + i] * kk).sum())
            .collect()
    }

    #[test]
    fn every_tile_shape_matches_a_naive_sum() {
        let w: Vec<f64> = (0..300).map(|i| ((i * 37 % 101) as f64) - 50.0).collect();
        for m in [1, 2, 3, 5, 31, 50, 64] {
            let k: Vec<f64> = (0..m).map(|i| (i as f64 * 0.37).sin()).collect();
            // output lengths around every tile width
            for len in [
                1, 3, 4, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200,
            ] {
                let w = &w[..len + m - 1];
                let mut out = vec![f64::NAN; len];
                correlate_valid_into(w, &k, &mut out).unwrap();
                let want = naive(w, &k);
                for (j, (g, e)) in out.iter().zip(&want).enumerate() {
                    assert!(
                        (g - e).abs() <= 1e-12 * 50.0 * m as f64,
                        "m {m} len {len} at {j}"
                    );
                }
                // the portable fallback agrees
                let mut s = vec![f64::NAN; len];
                scalar_kernel(w, &k, &mut s);
                for (g, e) in s.iter().zip(&want) {
                    assert!((g - e).abs() <= 1e-12 * 50.0 * m as f64);
                }
            }
        }
    }

    #[test]
    fn many_kernels_equal_one_at_a_time() {
        let w: Vec<f64> = (0..400).map(|i| ((i * 29 % 97) as f64) - 48.0).collect();
        for n_k in 0..12 {
            for m in [1, 7, 50] {
                let ks: Vec<Vec<f64>> = (0..n_k)
                    .map(|g| (0..m).map(|i| ((i + 3 * g) as f64 * 0.29).cos()).collect())
                    .collect();
                for len in [1, 5, 11, 12, 13, 47, 48, 49, 300] {
                    let w = &w[..len + m - 1];
                    let mut out = vec![f64::NAN; n_k * len];
                    correlate_valid_many_simd(pulp::Scalar, w, &ks, &mut out).unwrap();
                    let mut out_simd = vec![f64::NAN; n_k * len];
                    Arch::new().dispatch(Many {
                        w,
                        ks: &ks,
                        out: &mut out_simd,
                    });
                    for (g, k) in ks.iter().enumerate() {
                        let mut one = vec![0.0; len];
                        correlate_valid_into(w, k, &mut one).unwrap();
                        assert_eq!(
                            &out_simd[g * len..(g + 1) * len],
                            &one[..],
                            "n_k {n_k} m {m}"
                        );
                        let want = naive(w, k);
                        for (a, b) in out[g * len..(g + 1) * len].iter().zip(&want) {
                            assert!((a - b).abs() <= 1e-12 * 50.0 * m as f64);
                        }
                    }
                }
            }
        }
        let mut out = vec![0.0; 10];
        let bad = [vec![1.0, 2.0], vec![1.0]];
        assert!(matches!(
            correlate_valid_many_simd(pulp::Scalar, &w[..6], &bad, &mut out),
            Err(Error::ShapeMismatch {
                what: "kernel lengths",
                ..
            })
        ));
    }

    struct Many<'a> {
        w: &'a [f64],
        ks: &'a [Vec<f64>],
        out: &'a mut [f64],
    }

    impl WithSimd for Many<'_> {
        type Output = ();
        fn with_simd<S: Simd>(self, simd: S) {
            correlate_valid_many_simd(simd, self.w, self.ks, self.out).unwrap();
        }
    }

    #[test]
    fn f32_matches_f64() {
        let w: Vec<f32> = (0..700).map(|i| ((i * 13 % 29) as f32) - 14.0).collect();
        let k: Vec<f32> = (0..33).map(|i| (i as f32 * 0.21).cos()).collect();
        let mut out = vec![0.0f32; 700 - 33 + 1];
        correlate_valid_into(&w, &k, &mut out).unwrap();
        let w64: Vec<f64> = w.iter().map(|&v| f64::from(v)).collect();
        let k64: Vec<f64> = k.iter().map(|&v| f64::from(v)).collect();
        for (g, e) in out.iter().zip(naive(&w64, &k64)) {
            assert!((f64::from(*g) - e).abs() <= 1e-4 * 14.0 * 33.0);
        }
    }

    #[test]
    fn bad_lengths_are_typed_errors() {
        let mut out = [0.0; 2];
        assert!(matches!(
            correlate_valid_into(&[1.0, 2.0], &[], &mut out),
            Err(Error::TooShort { what: "kernel", .. })
        ));
        assert!(matches!(
            correlate_valid_into(&[1.0], &[1.0, 2.0], &mut out),
            Err(Error::TooShort { what: "signal", .. })
        ));
        assert!(matches!(
            correlate_valid_into(&[1.0, 2.0, 3.0], &[1.0], &mut out),
            Err(Error::ShapeMismatch { .. })
        ));
    }
}
