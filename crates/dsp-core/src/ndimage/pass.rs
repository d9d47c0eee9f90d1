//! One 1-D correlation pass along an axis of a row-major array, parallel with rayon.
//!
//! - Along the last (contiguous) axis each line is extended into a per-task
//!   buffer and the taps run over it ([`Shifted`]).
//! - Along any other axis whole rows of the trailing axes are combined at
//!   once: output row `i` is `sum_k w[k] * row(i + k - before)`, where the
//!   boundary rule picks which input row to read (or a row of `cval`s), so no
//!   padded copy of the array is ever made ([`Rows`]); the register blocks start at
//!   the first column where the rows are cache-line aligned ([`apply_row_aligned`]).
//!   (An axpy per tap over column blocks measured 10-40% slower than these register
//!   blocks.) Long kernels
//!   work on bands of rows and copy each block of columns of the band's input rows
//!   into a compact buffer first ([`Across::band`]).
//!
//! The tap loops run under `pulp`'s runtime dispatch, so they are compiled
//! again with AVX2 and with AVX-512 enabled and the widest the CPU has is
//! picked (the arithmetic, and so the result, is the same: no FMA contraction).
//!
//! Every pass writes each element of its `out` exactly once and reads none: `out` is the
//! uninitialised memory of the result ([`super::filled`]), so no zeroing pass through memory
//! precedes the filter (a `calloc`ed output cost a fifth of a 2048x2048 Gaussian).

use std::mem::MaybeUninit;

use rayon::prelude::*;

use super::taps::{self, Group, Offset, Ring, Rows, Shifted, Slot, TapSource, Taps};
use crate::{BoundaryMode, Float};

/// Samples per rayon task (about this many outputs): large enough that
/// scheduling is noise, small enough to balance two to many cores.
const TASK_SAMPLES: usize = 1 << 14;

/// Shortest kernel run in 512-bit blocks where the CPU has AVX-512 (measured on
/// 2048x2048: 3 taps ~35% slower wide, 9 taps even, 25 and 81 taps 10-15% faster).
const WIDE_MIN_TAPS: usize = 15;

/// Output rows computed together along a non-contiguous axis by kernels longer than 9 taps
/// ([`taps::apply_rows`]): each tap row loaded for the first is reused from L1 by the others.
const GROUP_ROWS: usize = 4;

/// Rows per group for a kernel of `m` taps.
fn group_rows(m: usize) -> usize {
    if m > 9 { GROUP_ROWS } else { 1 }
}

/// Output rows per band along a non-contiguous axis (a rayon task): the band's first-pass
/// rows stay in L2 until the second pass along the last axis reads them.
const BAND_BYTES: usize = 256 << 10;

/// Bytes of the compact copy of one block of columns of a band's input rows (long kernels):
/// with the band's outputs it stays in L2. Measured on 2048x2048 f64 with 81 taps: 64
/// columns 43 ms for the pass along axis 0, 128 to 256 columns 36-39 ms, 512 columns 45 ms.
const COMPACT_BYTES: usize = 160 << 10;

/// Rows per band for rows of `row_bytes` (at least one).
fn band_rows(row_bytes: usize) -> usize {
    (BAND_BYTES / row_bytes.max(1)).clamp(1, 32)
}

/// Splits `o` (whole rows of `inner` samples, the first being row `row0` counted over all
/// blocks of `n` rows) into groups of at most `max` consecutive rows of one block, and calls
/// `f(first_row, rows, group)` on each.
fn for_groups<O>(
    o: &mut [O],
    row0: usize,
    inner: usize,
    n: usize,
    max: usize,
    mut f: impl FnMut(usize, usize, &mut [O]),
) {
    let mut rest = o;
    let mut row = row0;
    while !rest.is_empty() {
        let rows = max.min(rest.len() / inner).min(n - row % n);
        let (head, tail) = rest.split_at_mut(rows * inner);
        f(row, rows, head);
        rest = tail;
        row += rows;
    }
}

/// Correlates `input` (row-major, `shape`) with `taps` along `axis` into `out` (same shape),
/// writing every element of `out`.
///
/// `shape` has at least one axis, every length `>= 1`, and `axis < shape.len()`.
pub(crate) fn correlate_axis<T: Float>(
    input: &[T],
    shape: &[usize],
    axis: usize,
    taps: &Taps<T>,
    mode: BoundaryMode,
    out: &mut [MaybeUninit<T>],
) {
    debug_assert_eq!(input.len(), out.len());
    let n = shape[axis];
    let inner: usize = shape[axis + 1..].iter().product();
    if inner == 1 {
        along_lines(input, n, taps, mode, out);
    } else {
        across_rows(input, n, inner, taps, mode, out);
    }
}

/// Lines of length `n` laid end to end (the axis is contiguous).
fn along_lines<T: Float>(
    input: &[T],
    n: usize,
    taps: &Taps<T>,
    mode: BoundaryMode,
    out: &mut [MaybeUninit<T>],
) {
    let ext_len = taps.before + n + taps.after;
    let arch = pulp::Arch::new();
    let lines_per_task = (TASK_SAMPLES / (n * taps.len()).max(1)).max(1);
    let chunk = lines_per_task * n;
    out.par_chunks_mut(chunk)
        .zip(input.par_chunks(chunk))
        .for_each_init(
            || vec![T::zero(); ext_len],
            |buf, (o, i)| {
                for (ol, il) in o.chunks_exact_mut(n).zip(i.chunks_exact(n)) {
                    line(arch, il, taps, mode, buf, ol);
                }
            },
        );
}

/// `outer` blocks of `n` rows of `inner` samples; the axis strides by `inner`.
fn across_rows<T: Float>(
    input: &[T],
    n: usize,
    inner: usize,
    taps: &Taps<T>,
    mode: BoundaryMode,
    out: &mut [MaybeUninit<T>],
) {
    let m = taps.len();
    let cval_row = vec![taps::cval::<T>(mode); inner];
    let rows = Across::new(input, n, inner, mode, &cval_row);
    let arch = pulp::Arch::new();
    let band = band_rows(inner * size_of::<T>());
    out.par_chunks_mut(band * inner).enumerate().for_each_init(
        || BandScratch::new(m + band - 1),
        |scratch: &mut BandScratch<'_, T>, (task, o): (usize, &mut [MaybeUninit<T>])| {
            for_groups(o, task * band, inner, n, band, |row, count, ob| {
                rows.band(arch, row, count, taps, scratch, ob, inner);
            });
        },
    );
}

/// Two passes fused: along `axis` (not the last), then along the last axis,
/// from `input` into `out` with no intermediate array.
///
/// Each task takes a band of rows of the first pass (the `inner` trailing samples at
/// consecutive indices of `axis`), computes them into a per-task buffer that stays in L2
/// ([`Across::band`]) and at once correlates their lines along the last axis into `out`. Every
/// output is computed by exactly the same operations as two separate passes, so the result is
/// identical; only the intermediate image (and its memory traffic) is gone. When a row is one
/// line (2-D), the first pass writes it straight into the middle of its extended-line buffer,
/// whose pads are then filled in place.
pub(crate) fn correlate_axis_then_last<T: Float>(
    input: &[T],
    shape: &[usize],
    axis: usize,
    first: &Taps<T>,
    last: &Taps<T>,
    mode: BoundaryMode,
    out: &mut [MaybeUninit<T>],
) {
    debug_assert!(axis + 1 < shape.len());
    let n = shape[axis];
    let inner: usize = shape[axis + 1..].iter().product();
    let n_last = shape[shape.len() - 1];
    let m = first.len();
    let cval_row = vec![taps::cval::<T>(mode); inner];
    let rows = Across::new(input, n, inner, mode, &cval_row);
    let arch = pulp::Arch::new();
    let ext_len = last.before + n_last + last.after;
    let one_line = inner == n_last;
    // Band rows: extended lines (2-D) or whole rows of the trailing axes.
    let stride = if one_line { ext_len } else { inner };
    let band = band_rows(stride * size_of::<T>());
    out.par_chunks_mut(band * inner).enumerate().for_each_init(
        || {
            (
                BandScratch::new(m + band - 1),
                vec![T::zero(); band * stride],
                vec![T::zero(); if one_line { 0 } else { ext_len }],
            )
        },
        |(scratch, band_buf, line_buf): &mut (BandScratch<'_, T>, Vec<T>, Vec<T>), (task, o)| {
            for_groups(o, task * band, inner, n, band, |row, count, ob| {
                if one_line {
                    rows.band(
                        arch,
                        row,
                        count,
                        first,
                        scratch,
                        &mut band_buf[last.before..],
                        stride,
                    );
                    for (orow, lb) in ob
                        .chunks_exact_mut(inner)
                        .zip(band_buf.chunks_exact_mut(stride))
                    {
                        crate::boundary::fill_pads(lb, last.before, n_last, mode);
                        apply_line(arch, lb, last, orow);
                    }
                } else {
                    rows.band(
                        arch,
                        row,
                        count,
                        first,
                        scratch,
                        band_buf.as_mut_slice(),
                        stride,
                    );
                    for (ol, il) in ob
                        .chunks_exact_mut(n_last)
                        .zip(band_buf.chunks_exact(n_last))
                    {
                        line(arch, il, last, mode, line_buf, ol);
                    }
                }
            });
        },
    );
}

/// Two passes fused the other way round: along the last axis, then along
/// `axis` (not the last), from `input` into `out` with no intermediate array.
///
/// Each task owns a band of consecutive indices along `axis` (within one outer block) and
/// streams through it with a ring of `m` rows (`m` the second kernel's length, so the ring
/// stays in L1 for short kernels): before output row `r` it filters along the last axis the
/// one input row that output newly reads (boundary rows mapped as usual, `Constant` rows left
/// as `cval`) into the ring slot of the row that output no longer reads, then runs the second
/// pass over the ring's rows in order. The band's first `m - 1` rows (its halo) are filtered
/// again by the task below; every output is computed by the same operations as two separate
/// passes, so the result is identical.
pub(crate) fn correlate_last_then_axis<T: Float>(
    input: &[T],
    shape: &[usize],
    first: &Taps<T>,
    axis: usize,
    second: &Taps<T>,
    mode: BoundaryMode,
    out: &mut [MaybeUninit<T>],
) {
    debug_assert!(axis + 1 < shape.len());
    let n = shape[axis];
    let inner: usize = shape[axis + 1..].iter().product();
    let n_last = shape[shape.len() - 1];
    let m = second.len();
    // Rows per band: enough that the halo (m - 1 rows) costs at most ~12%.
    let band = (8 * m).max(64).min(n);
    let bands_per_outer = n.div_ceil(band);
    let outer = input.len() / (n * inner);
    let cval = taps::cval::<T>(mode);
    let arch = pulp::Arch::new();
    let ext_len = first.before + n_last + first.after;
    // Split `out` into the bands' row ranges (the last band of each outer index may be shorter).
    let mut chunks: Vec<(usize, usize, &mut [MaybeUninit<T>])> =
        Vec::with_capacity(outer * bands_per_outer);
    let mut rest = out;
    for o in 0..outer {
        for b in 0..bands_per_outer {
            let r0 = b * band;
            let rows = band.min(n - r0);
            let (head, tail) = rest.split_at_mut(rows * inner);
            chunks.push((o, r0, head));
            rest = tail;
        }
    }
    chunks.into_par_iter().for_each_init(
        || (Vec::new(), vec![T::zero(); ext_len]),
        |(ring, line_buf): &mut (Vec<T>, Vec<T>), (o, r0, oblock)| {
            let ring = aligned(ring, m * inner);
            let base = o * n * inner;
            // Extended row h of the band (h = 0 is output row r0's first tap) into ring slot h % m.
            let mut fill = |ring: &mut [T], h: usize| {
                let slot = &mut ring[(h % m) * inner..(h % m + 1) * inner];
                let p = (r0 + h) as isize - second.before as isize;
                match taps::source(p, n, mode) {
                    Some(s) => {
                        let irow = &input[base + s * inner..base + (s + 1) * inner];
                        for (ol, il) in slot.chunks_exact_mut(n_last).zip(irow.chunks_exact(n_last))
                        {
                            line(arch, il, first, mode, line_buf, ol);
                        }
                    }
                    None => slot.fill(cval),
                }
            };
            for h in 0..m - 1 {
                fill(ring, h);
            }
            for (r, orow) in oblock.chunks_exact_mut(inner).enumerate() {
                fill(ring, r + m - 1);
                let src = Ring {
                    rows: ring,
                    len: inner,
                    m,
                    start: r % m,
                };
                let g = Group::one(orow.len());
                arch.dispatch(Apply {
                    src: &src,
                    taps: second,
                    out: orow,
                    g,
                });
            }
        },
    );
}

/// One line `il` extended by `mode` into `buf` and correlated with `taps` into `ol`.
#[inline]
fn line<T: Float, O: Slot<T>>(
    arch: pulp::Arch,
    il: &[T],
    taps: &Taps<T>,
    mode: BoundaryMode,
    buf: &mut [T],
    ol: &mut [O],
) {
    crate::boundary::extend_unchecked(il, taps.before, mode, buf);
    apply_line(arch, buf, taps, ol);
}

/// The extended line `buf` correlated with `taps` into `ol`.
#[inline]
fn apply_line<T: Float, O: Slot<T>>(arch: pulp::Arch, buf: &[T], taps: &Taps<T>, ol: &mut [O]) {
    let src = Shifted(buf);
    let g = Group::one(ol.len());
    arch.dispatch(Apply {
        src: &src,
        taps,
        out: ol,
        g,
    });
}

/// `outer` blocks of `n` rows of `inner` samples of a row-major array, read across rows.
#[derive(Clone, Copy)]
struct Across<'a, T> {
    input: &'a [T],
    n: usize,
    inner: usize,
    mode: BoundaryMode,
    cval_row: &'a [T],
}

impl<'a, T: Float> Across<'a, T> {
    fn new(input: &'a [T], n: usize, inner: usize, mode: BoundaryMode, cval_row: &'a [T]) -> Self {
        Self {
            input,
            n,
            inner,
            mode,
            cval_row,
        }
    }

    /// Points `srcs` at the `taps.len() + count - 1` input rows that output rows
    /// `row..row + count` (counted over all blocks, all in one block) read, boundary rows mapped
    /// by `mode` (`Constant`: the row of `cval`s).
    fn gather(&self, row: usize, count: usize, taps: &Taps<T>, srcs: &mut Vec<&'a [T]>) {
        let (n, inner) = (self.n, self.inner);
        let (block, i) = (row / n, row % n);
        let base = block * n * inner;
        srcs.clear();
        srcs.extend((0..taps.len() + count - 1).map(|k| {
            let p = i as isize + k as isize - taps.before as isize;
            match taps::source(p, n, self.mode) {
                Some(s) => &self.input[base + s * inner..base + (s + 1) * inner],
                None => self.cval_row,
            }
        }));
    }
}

impl<'a, T: Float> Across<'a, T> {
    /// Output rows `row..row + count` (all in one block) along the axis, row `r` written to
    /// every element of `out[r * stride..r * stride + inner]`.
    ///
    /// Short kernels (up to 9 taps) read the input rows in place, one output row after the
    /// other. Long kernels read `count + m - 1` rows per band, each from another page: 81 rows
    /// 16 KiB apart missed the L1 TLB and the caches on nearly every load (the pass along axis 0
    /// of a 2048x2048 f64 Gaussian at sigma 10 took twice the time of the pass along axis 1,
    /// with the same arithmetic). So each block of columns of those rows is first copied into
    /// a compact buffer that stays in L2 ([`COMPACT_BYTES`]), and the band's output rows are
    /// computed from it in groups that share their loads from L1 ([`taps::apply_rows`]).
    #[allow(clippy::too_many_arguments)]
    fn band<O: Slot<T>>(
        &self,
        arch: pulp::Arch,
        row: usize,
        count: usize,
        taps: &Taps<T>,
        scratch: &mut BandScratch<'a, T>,
        out: &mut [O],
        stride: usize,
    ) {
        let m = taps.len();
        let inner = self.inner;
        let BandScratch { srcs, compact } = scratch;
        self.gather(row, count, taps, srcs);
        let group = group_rows(m);
        if group == 1 {
            for r in 0..count {
                let o = &mut out[r * stride..r * stride + inner];
                apply_row_aligned(arch, &Rows(&srcs[r..]), taps, o);
            }
            return;
        }
        let rows_in = count + m - 1;
        // Whole register blocks (512 bytes: a wide block) of columns.
        let unit = 512 / size_of::<T>();
        let w = ((COMPACT_BYTES / (rows_in * size_of::<T>()) / unit).max(1) * unit).min(inner);
        let compact = aligned(compact, rows_in * w);
        for c0 in (0..inner).step_by(w) {
            let len = w.min(inner - c0);
            for (dst, s) in compact.chunks_exact_mut(w).zip(srcs.iter()) {
                dst[..len].copy_from_slice(&s[c0..c0 + len]);
            }
            let rows = Strided {
                data: &*compact,
                stride: w,
            };
            for r in (0..count).step_by(group) {
                let g = Group {
                    rows: group.min(count - r),
                    len,
                    stride,
                };
                arch.dispatch(Apply {
                    src: &Offset { src: &rows, r },
                    taps,
                    out: &mut out[r * stride + c0..],
                    g,
                });
            }
        }
    }
}

/// Bytes to which [`apply_row_aligned`] aligns the loads of its register blocks: a cache line,
/// so no 256- or 512-bit load of a block straddles two lines.
const LOAD_ALIGN: usize = 64;

/// One output row `out` of `taps` over `src` (read in place), its register blocks starting at the
/// first column where the centre tap's row is [`LOAD_ALIGN`]-aligned; the columns before run as a
/// short row of their own (in one-register blocks and single outputs).
///
/// numpy allocates arrays at 16 bytes past a page boundary, so every row of a 2048-wide image
/// starts 16 bytes into a cache line, and half of the 256-bit loads of the blocks straddled two
/// lines: the 9-tap pass along axis 0 of a 2048x2048 `f32` image took 1.30 ms on such an input
/// and 1.02 ms on a 64-byte-aligned one (2-core Xeon, in L3). Starting the blocks at the aligned
/// column brought the first to 1.1-1.2 ms. The output's stores now straddle instead, but they
/// are not what is left: an output placed at the input's offset within a line (at the same
/// offset within a page, or half a page away) measured no faster.
/// Every output is computed by the same operations in a block as in a tail, so where the
/// blocks start does not change the result.
#[inline]
fn apply_row_aligned<T: Float, S: TapSource<T>, O: Slot<T>>(
    arch: pulp::Arch,
    src: &S,
    taps: &Taps<T>,
    out: &mut [O],
) {
    let size = size_of::<T>();
    let addr = src.tap(taps.len() / 2).as_ptr().addr();
    let peel = if addr.is_multiple_of(size) {
        ((LOAD_ALIGN - addr % LOAD_ALIGN) % LOAD_ALIGN / size).min(out.len())
    } else {
        0
    };
    let (head, body) = out.split_at_mut(peel);
    if !head.is_empty() {
        let g = Group::one(head.len());
        arch.dispatch(Apply {
            src,
            taps,
            out: head,
            g,
        });
    }
    if !body.is_empty() {
        let g = Group::one(body.len());
        arch.dispatch(Apply {
            src: &Columns { src, from: peel },
            taps,
            out: body,
            g,
        });
    }
}

/// The taps of `src` from column `from` on.
struct Columns<'s, S> {
    src: &'s S,
    from: usize,
}

impl<T, S: TapSource<T>> TapSource<T> for Columns<'_, S> {
    #[inline(always)]
    fn tap(&self, k: usize) -> &[T] {
        &self.src.tap(k)[self.from..]
    }
}

/// `len` samples of `buf` (grown as needed) starting at a [`LOAD_ALIGN`]-aligned address, so the
/// rows of a scratch buffer whose row length is a multiple of a cache line are each read without
/// loads that straddle two lines, whatever alignment the allocator gave the vector.
fn aligned<T: Float>(buf: &mut Vec<T>, len: usize) -> &mut [T] {
    let pad = LOAD_ALIGN / size_of::<T>();
    if buf.len() < len + pad {
        buf.resize(len + pad, T::zero());
    }
    // `align_offset` may decline (usize::MAX); an unaligned buffer is then only slower.
    let off = buf.as_ptr().align_offset(LOAD_ALIGN).min(pad);
    &mut buf[off..off + len]
}

/// A task's buffers for [`Across::band`]: the band's input rows and the compact copy of a
/// block of their columns.
struct BandScratch<'a, T> {
    srcs: Vec<&'a [T]>,
    compact: Vec<T>,
}

impl<T> BandScratch<'_, T> {
    fn new(rows: usize) -> Self {
        Self {
            srcs: Vec::with_capacity(rows),
            compact: Vec::new(),
        }
    }
}

/// Rows of `stride` samples laid end to end: tap `k` reads row `k`.
struct Strided<'a, T> {
    data: &'a [T],
    stride: usize,
}

impl<T> TapSource<T> for Strided<'_, T> {
    #[inline(always)]
    fn tap(&self, k: usize) -> &[T] {
        &self.data[k * self.stride..]
    }
}

/// [`taps::apply_rows`] as a `pulp` operation: `with_simd` is inlined into each
/// instruction-set instance `pulp` compiles, and `apply_rows` (inline always) with it.
struct Apply<'a, 'b, T, S, O> {
    src: &'b S,
    taps: &'b Taps<T>,
    out: &'a mut [O],
    g: Group,
}

impl<T: Float, S: TapSource<T>, O: Slot<T>> pulp::WithSimd for Apply<'_, '_, T, S, O> {
    type Output = ();

    #[inline(always)]
    fn with_simd<V: pulp::Simd>(self, _simd: V) {
        // Blocks of eight registers of whichever width the instance was compiled for.
        // 512-bit blocks only pay off for longer kernels: with a few taps the
        // pass is bound by (unaligned, line-splitting) loads and stores.
        let wide = size_of::<V::f64s>() >= 64 && self.taps.len() >= WIDE_MIN_TAPS;
        taps::apply_rows(self.src, self.taps, self.out, self.g, wide);
    }
}
