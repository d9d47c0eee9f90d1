//! A checked 1-D kernel and the inner loops that apply it to `L` outputs at a time.
//!
//! The summation order of every output is scipy's (`NI_Correlate1D`), so f64
//! results are bit-for-bit scipy's:
//! - general kernels: `x[m-1] w[m-1]`, then `+ x[k] w[k]` for `k = 0..m-1`;
//! - symmetric odd kernels: `x[c] w[c]`, then `+ (x[k] + x[m-1-k]) w[k]` for `k = 0..c`;
//! - antisymmetric odd kernels: the same with `x[k] - x[m-1-k]`.
//!
//! Outputs are computed in blocks of `L` independent accumulators, one pass
//! over the taps per block, so the compiler vectorises across outputs while
//! each output keeps its scalar order.

use std::mem::MaybeUninit;

use crate::{BoundaryMode, Error, Float, Result, boundary, check};

/// Bytes of outputs computed together in registers: eight 256-bit
/// accumulators, enough independent add chains to hide the add latency
/// (twice as many bytes, eight 512-bit registers, with `wide`).
const BLOCK_BYTES: usize = 256;

/// How the kernel's taps pair up around its centre (scipy's `symmetric` flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Symmetry {
    General,
    Symmetric,
    Antisymmetric,
}

/// A validated 1-D correlation kernel with its padding.
#[derive(Debug, Clone)]
pub(crate) struct Taps<T> {
    /// Correlation weights (already reversed for a convolution).
    pub w: Vec<T>,
    pub sym: Symmetry,
    /// Samples read before the first output (`m / 2 + origin`).
    pub before: usize,
    /// Samples read after the last output (`m - m / 2 - 1 - origin`).
    pub after: usize,
}

impl<T: Float> Taps<T> {
    /// Correlation taps for `weights` at `origin`, checked as scipy checks them.
    ///
    /// `user_origin` is the origin the caller passed (reported in the error).
    pub fn correlation(weights: &[T], origin: isize, user_origin: isize) -> Result<Self> {
        check::ensure_len("weights", weights.len(), 1)?;
        let m = weights.len();
        let size1 = (m / 2) as isize;
        let size2 = m as isize - size1 - 1;
        // scipy: -(len // 2) <= origin <= (len - 1) // 2
        if origin < -size1 || origin > (m as isize - 1) / 2 {
            return Err(Error::InvalidOrigin {
                origin: user_origin,
                len: m,
            });
        }
        Ok(Self {
            w: weights.to_vec(),
            sym: symmetry(weights),
            // Both are >= 0 by the origin check above.
            before: (size1 + origin) as usize,
            after: (size2 - origin) as usize,
        })
    }

    /// Convolution taps: scipy reverses the weights and flips the origin (one
    /// more to the left for even lengths) and then correlates.
    pub fn convolution(weights: &[T], origin: isize) -> Result<Self> {
        check::ensure_len("weights", weights.len(), 1)?;
        let rev: Vec<T> = weights.iter().rev().copied().collect();
        let flipped = -origin - isize::from(weights.len().is_multiple_of(2));
        Self::correlation(&rev, flipped, origin)
    }

    /// Number of taps.
    pub fn len(&self) -> usize {
        self.w.len()
    }
}

/// scipy's symmetry test: odd length and pairs equal (or opposite) within `f64::EPSILON`.
fn symmetry<T: Float>(w: &[T]) -> Symmetry {
    let m = w.len();
    if m.is_multiple_of(2) {
        return Symmetry::General;
    }
    let c = m / 2;
    let pair = |i: usize| (w[c + i].to_f64_lossless(), w[c - i].to_f64_lossless());
    if (1..=c).all(|i| {
        let (a, b) = pair(i);
        (a - b).abs() <= f64::EPSILON
    }) {
        Symmetry::Symmetric
    } else if (1..=c).all(|i| {
        let (a, b) = pair(i);
        (a + b).abs() <= f64::EPSILON
    }) {
        Symmetry::Antisymmetric
    } else {
        Symmetry::General
    }
}

/// Where the samples for tap `k` start: output `j` of tap `k` reads `tap(k)[j]`.
pub(crate) trait TapSource<T> {
    fn tap(&self, k: usize) -> &[T];
}

/// One extended line: tap `k` reads it shifted by `k`.
pub(crate) struct Shifted<'a, T>(pub &'a [T]);

impl<T> TapSource<T> for Shifted<'_, T> {
    #[inline(always)]
    fn tap(&self, k: usize) -> &[T] {
        &self.0[k..]
    }
}

/// One source row per tap (rows of the input picked by the boundary rule).
pub(crate) struct Rows<'a, 'b, T>(pub &'b [&'a [T]]);

impl<T> TapSource<T> for Rows<'_, '_, T> {
    #[inline(always)]
    fn tap(&self, k: usize) -> &[T] {
        self.0[k]
    }
}

/// An output element the kernels write: a sample already there (`T`) or the not yet initialised
/// memory of a fresh output array (`MaybeUninit<T>`, so that no zeroing pass through memory
/// precedes the filter). The kernels write every element of the slice they are given.
pub(crate) trait Slot<T: Copy>: Sized {
    /// `dst[i] = src[i]` for every `i` (the lengths are equal).
    fn put_all(dst: &mut [Self], src: &[T]);
    /// Writes `v`.
    fn put(&mut self, v: T);
}

impl<T: Copy> Slot<T> for T {
    #[inline(always)]
    fn put_all(dst: &mut [Self], src: &[T]) {
        dst.copy_from_slice(src);
    }
    #[inline(always)]
    fn put(&mut self, v: T) {
        *self = v;
    }
}

impl<T: Copy> Slot<T> for MaybeUninit<T> {
    #[inline(always)]
    fn put_all(dst: &mut [Self], src: &[T]) {
        dst.write_copy_of_slice(src);
    }
    #[inline(always)]
    fn put(&mut self, v: T) {
        self.write(v);
    }
}

/// `m` rows of `len` samples held in a ring: tap `k` reads the row in slot `(start + k) % m`.
pub(crate) struct Ring<'a, T> {
    pub rows: &'a [T],
    pub len: usize,
    pub m: usize,
    /// Slot of tap 0, `< m`.
    pub start: usize,
}

impl<T> TapSource<T> for Ring<'_, T> {
    #[inline(always)]
    fn tap(&self, k: usize) -> &[T] {
        let s = self.start + k;
        let s = if s >= self.m { s - self.m } else { s };
        &self.rows[s * self.len..(s + 1) * self.len]
    }
}

/// Tap `k` of `src` read as tap `k + r`: the source of the `r`-th of several consecutive
/// output rows (rows `r..r + m` of one list of `m + rows - 1` source rows).
pub(crate) struct Offset<'s, S> {
    pub src: &'s S,
    pub r: usize,
}

impl<T, S: TapSource<T>> TapSource<T> for Offset<'_, S> {
    #[inline(always)]
    fn tap(&self, k: usize) -> &[T] {
        self.src.tap(k + self.r)
    }
}

/// Where [`apply_rows`] writes: `rows` output rows of `len` samples, row `r` starting at
/// `r * stride` of the output slice.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    pub rows: usize,
    pub len: usize,
    pub stride: usize,
}

impl Group {
    /// One row of `len` samples.
    pub fn one(len: usize) -> Self {
        Self {
            rows: 1,
            len,
            stride: len,
        }
    }
}

/// Writes `out[j] = sum_k w[k] * src.tap(k)[j]` in scipy's order for `j` in `0..g.len`, for
/// `g.rows` consecutive output rows at once: row `r` reads its taps from [`Offset`] `r` of
/// `src` (so `src` has `m + rows - 1` taps, each of at least `len` samples) and is written to
/// every element of `out[r * stride..r * stride + len]`. `wide` doubles the block (for 512-bit
/// registers); the arithmetic of each output is the same.
/// The rows are computed block by block, all rows of one
/// block of columns before the next, so a tap row loaded for one output row is still in L1
/// for the next: with long kernels along a non-contiguous axis this divides the traffic from
/// L2/L3 by `rows`.
#[inline(always)]
pub(crate) fn apply_rows<T: Float, S: TapSource<T>, O: Slot<T>>(
    src: &S,
    taps: &Taps<T>,
    out: &mut [O],
    g: Group,
    wide: bool,
) {
    debug_assert!(g.rows >= 1 && g.len <= g.stride);
    debug_assert!(out.len() >= (g.rows - 1) * g.stride + g.len);
    match (size_of::<T>() == 4, wide) {
        (true, false) => {
            apply_lanes::<T, S, O, { BLOCK_BYTES / 4 }, { BLOCK_BYTES / 4 / 8 }>(src, taps, out, g)
        }
        (false, false) => {
            apply_lanes::<T, S, O, { BLOCK_BYTES / 8 }, { BLOCK_BYTES / 8 / 8 }>(src, taps, out, g)
        }
        (true, true) => {
            apply_lanes::<T, S, O, { 2 * BLOCK_BYTES / 4 }, { 2 * BLOCK_BYTES / 4 / 8 }>(
                src, taps, out, g,
            )
        }
        (false, true) => {
            apply_lanes::<T, S, O, { 2 * BLOCK_BYTES / 8 }, { 2 * BLOCK_BYTES / 8 / 8 }>(
                src, taps, out, g,
            )
        }
    }
}

#[inline(always)]
fn apply_lanes<T: Float, S: TapSource<T>, O: Slot<T>, const L: usize, const M: usize>(
    src: &S,
    taps: &Taps<T>,
    out: &mut [O],
    g: Group,
) {
    if g.rows == 1 {
        return single::<T, S, O, L, M>(src, taps, &mut out[..g.len]);
    }
    // Several rows share their loads only in the long kernels; the short ones (a few rows,
    // all in L1 or L2 anyway) run row after row.
    match taps.sym {
        Symmetry::General => general::<T, S, O, L>(src, &taps.w, out, g),
        Symmetry::Symmetric if taps.len() > 9 => paired::<T, S, O, L, false>(src, &taps.w, out, g),
        Symmetry::Antisymmetric if taps.len() > 9 => {
            paired::<T, S, O, L, true>(src, &taps.w, out, g);
        }
        _ => {
            for r in 0..g.rows {
                let o = &mut out[r * g.stride..r * g.stride + g.len];
                single::<T, _, O, L, M>(&Offset { src, r }, taps, o);
            }
        }
    }
}

/// One output row: every element of `out`.
#[inline(always)]
fn single<T: Float, S: TapSource<T>, O: Slot<T>, const L: usize, const M: usize>(
    src: &S,
    taps: &Taps<T>,
    out: &mut [O],
) {
    let g = Group::one(out.len());
    // Short symmetric and antisymmetric kernels (3 to 9 taps: derivatives, small Gaussians)
    // get a copy with the tap count known at compile time: the loop over taps unrolls and the
    // weights stay in registers. Same operations in the same order, so the same results.
    match (taps.sym, taps.len()) {
        (Symmetry::Symmetric, 3) => paired_fixed::<T, S, O, L, M, false, 1>(src, &taps.w, out),
        (Symmetry::Symmetric, 5) => paired_fixed::<T, S, O, L, M, false, 2>(src, &taps.w, out),
        (Symmetry::Symmetric, 7) => paired_fixed::<T, S, O, L, M, false, 3>(src, &taps.w, out),
        (Symmetry::Symmetric, 9) => paired_fixed::<T, S, O, L, M, false, 4>(src, &taps.w, out),
        (Symmetry::Antisymmetric, 3) => paired_fixed::<T, S, O, L, M, true, 1>(src, &taps.w, out),
        (Symmetry::Antisymmetric, 5) => paired_fixed::<T, S, O, L, M, true, 2>(src, &taps.w, out),
        (Symmetry::Antisymmetric, 7) => paired_fixed::<T, S, O, L, M, true, 3>(src, &taps.w, out),
        (Symmetry::Antisymmetric, 9) => paired_fixed::<T, S, O, L, M, true, 4>(src, &taps.w, out),
        (Symmetry::General, _) => general::<T, S, O, L>(src, &taps.w, out, g),
        (Symmetry::Symmetric, _) => paired::<T, S, O, L, false>(src, &taps.w, out, g),
        (Symmetry::Antisymmetric, _) => paired::<T, S, O, L, true>(src, &taps.w, out, g),
    }
}

/// [`paired`] for a kernel of exactly `2 C + 1` taps: blocks of `L` outputs, then of `M` (one
/// register) for the rest of the row, then single outputs. A row whose blocks start past its first
/// column (`super::pass` aligns their loads to cache lines) or whose width is not a multiple of
/// `L` ends in up to `L - 1` columns; those run in `M` blocks rather than one by one (measured
/// 0-5% faster on 2048 columns, within this machine's noise). Same operations, same results.
#[inline(always)]
fn paired_fixed<
    T: Float,
    S: TapSource<T>,
    O: Slot<T>,
    const L: usize,
    const M: usize,
    const ANTI: bool,
    const C: usize,
>(
    src: &S,
    w: &[T],
    out: &mut [O],
) {
    debug_assert_eq!(w.len(), 2 * C + 1);
    let wc = w[C];
    let wk: [T; C] = std::array::from_fn(|k| w[k]);
    let full = out.len() / L * L;
    let (body, rest) = out.split_at_mut(full);
    let mid = rest.len() / M * M;
    let (mids, tail) = rest.split_at_mut(mid);
    let centre = src.tap(C);
    let lo: [&[T]; C] = std::array::from_fn(|k| src.tap(k));
    let hi: [&[T]; C] = std::array::from_fn(|k| src.tap(2 * C - k));
    for (b, oc) in body.chunks_exact_mut(L).enumerate() {
        paired_block::<T, O, L, ANTI, C>(centre, &lo, &hi, wc, &wk, b * L, oc);
    }
    for (b, oc) in mids.chunks_exact_mut(M).enumerate() {
        paired_block::<T, O, M, ANTI, C>(centre, &lo, &hi, wc, &wk, full + b * M, oc);
    }
    for (t, o) in tail.iter_mut().enumerate() {
        let j = full + mid + t;
        let mut acc = centre[j] * wc;
        for k in 0..C {
            let (x, y) = (lo[k][j], hi[k][j]);
            let s = if ANTI { x - y } else { x + y };
            acc += s * wk[k];
        }
        o.put(acc);
    }
}

/// `N` outputs of [`paired_fixed`] from column `j` on, in one block of accumulators.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn paired_block<T: Float, O: Slot<T>, const N: usize, const ANTI: bool, const C: usize>(
    centre: &[T],
    lo: &[&[T]; C],
    hi: &[&[T]; C],
    wc: T,
    wk: &[T; C],
    j: usize,
    out: &mut [O],
) {
    let mut acc = [T::zero(); N];
    for (a, &x) in acc.iter_mut().zip(&centre[j..j + N]) {
        *a = x * wc;
    }
    for k in 0..C {
        for ((a, &x), &y) in acc.iter_mut().zip(&lo[k][j..j + N]).zip(&hi[k][j..j + N]) {
            let s = if ANTI { x - y } else { x + y };
            *a += s * wk[k];
        }
    }
    O::put_all(out, &acc);
}

#[inline(always)]
fn general<T: Float, S: TapSource<T>, O: Slot<T>, const L: usize>(
    src: &S,
    w: &[T],
    out: &mut [O],
    g: Group,
) {
    let m = w.len();
    let last = m - 1;
    let wl = w[last];
    let full = g.len / L * L;
    for j in (0..full).step_by(L) {
        for r in 0..g.rows {
            let src = Offset { src, r };
            let mut acc = [T::zero(); L];
            for (a, &x) in acc.iter_mut().zip(&src.tap(last)[j..j + L]) {
                *a = x * wl;
            }
            for (k, &wk) in w[..last].iter().enumerate() {
                for (a, &x) in acc.iter_mut().zip(&src.tap(k)[j..j + L]) {
                    *a += x * wk;
                }
            }
            let o = r * g.stride + j;
            O::put_all(&mut out[o..o + L], &acc);
        }
    }
    for r in 0..g.rows {
        let src = Offset { src, r };
        for j in full..g.len {
            let mut acc = src.tap(last)[j] * wl;
            for (k, &wk) in w[..last].iter().enumerate() {
                acc += src.tap(k)[j] * wk;
            }
            out[r * g.stride + j].put(acc);
        }
    }
}

#[inline(always)]
fn paired<T: Float, S: TapSource<T>, O: Slot<T>, const L: usize, const ANTI: bool>(
    src: &S,
    w: &[T],
    out: &mut [O],
    g: Group,
) {
    let m = w.len();
    let c = m / 2;
    let wc = w[c];
    let full = g.len / L * L;
    for j in (0..full).step_by(L) {
        for r in 0..g.rows {
            let src = Offset { src, r };
            let mut acc = [T::zero(); L];
            for (a, &x) in acc.iter_mut().zip(&src.tap(c)[j..j + L]) {
                *a = x * wc;
            }
            for (k, &wk) in w[..c].iter().enumerate() {
                let lo = &src.tap(k)[j..j + L];
                let hi = &src.tap(m - 1 - k)[j..j + L];
                for ((a, &x), &y) in acc.iter_mut().zip(lo).zip(hi) {
                    let s = if ANTI { x - y } else { x + y };
                    *a += s * wk;
                }
            }
            let o = r * g.stride + j;
            O::put_all(&mut out[o..o + L], &acc);
        }
    }
    for r in 0..g.rows {
        let src = Offset { src, r };
        for j in full..g.len {
            let mut acc = src.tap(c)[j] * wc;
            for (k, &wk) in w[..c].iter().enumerate() {
                let (x, y) = (src.tap(k)[j], src.tap(m - 1 - k)[j]);
                let s = if ANTI { x - y } else { x + y };
                acc += s * wk;
            }
            out[r * g.stride + j].put(acc);
        }
    }
}

/// The value a position outside the data takes in `Constant` mode (zero otherwise, unused).
pub(crate) fn cval<T: Float>(mode: BoundaryMode) -> T {
    match mode {
        BoundaryMode::Constant(c) => T::of(c),
        _ => T::zero(),
    }
}

/// Source index of extended position `p` on an axis of length `n` (`None`: constant).
#[inline(always)]
pub(crate) fn source(p: isize, n: usize, mode: BoundaryMode) -> Option<usize> {
    boundary::source_index(p, n, mode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetry_follows_scipy() {
        assert_eq!(symmetry(&[1.0, 2.0, 1.0]), Symmetry::Symmetric);
        assert_eq!(symmetry(&[-1.0, 0.0, 1.0]), Symmetry::Antisymmetric);
        assert_eq!(symmetry(&[1.0, 2.0, 3.0]), Symmetry::General);
        assert_eq!(symmetry(&[1.0, 1.0]), Symmetry::General);
        assert_eq!(symmetry(&[5.0_f32]), Symmetry::Symmetric);
    }

    #[test]
    fn origin_range_and_padding() {
        let t = Taps::correlation(&[1.0, 2.0, 3.0, 4.0], 1, 1).unwrap();
        assert_eq!((t.before, t.after), (3, 0));
        assert!(Taps::correlation(&[1.0, 2.0, 3.0, 4.0], 2, 2).is_err());
        assert!(Taps::correlation(&[1.0, 2.0, 3.0, 4.0], -2, -2).is_ok());
        assert!(Taps::correlation(&[1.0, 2.0, 3.0, 4.0], -3, -3).is_err());
        // convolve: even length, origin 0 -> reversed, origin -1.
        let t = Taps::convolution(&[1.0, 2.0, 3.0, 4.0], 0).unwrap();
        assert_eq!(t.w, vec![4.0, 3.0, 2.0, 1.0]);
        assert_eq!((t.before, t.after), (1, 2));
    }
}
