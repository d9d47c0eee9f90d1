//! One 1-D correlation pass along an axis of a row-major array, parallel with rayon.
//!
//! - Along the last (contiguous) axis each line is extended into a per-task
//!   buffer and the taps run over it ([`Shifted`]).
//! - Along any other axis whole rows of the trailing axes are combined at
//!   once: output row `i` is `sum_k w[k] * row(i + k - before)`, where the
//!   boundary rule picks which input row to read (or a row of `cval`s), so no
//!   padded copy of the array is ever made ([`Rows`]).

use rayon::prelude::*;

use super::taps::{self, Rows, Shifted, Taps};
use crate::{BoundaryMode, Float};

/// Samples per rayon task (about this many outputs): large enough that
/// scheduling is noise, small enough to balance two to many cores.
const TASK_SAMPLES: usize = 1 << 14;

/// Correlates `input` (row-major, `shape`) with `taps` along `axis` into `out` (same shape).
///
/// `shape` has at least one axis, every length `>= 1`, and `axis < shape.len()`.
pub(crate) fn correlate_axis<T: Float>(
    input: &[T],
    shape: &[usize],
    axis: usize,
    taps: &Taps<T>,
    mode: BoundaryMode,
    out: &mut [T],
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
fn along_lines<T: Float>(input: &[T], n: usize, taps: &Taps<T>, mode: BoundaryMode, out: &mut [T]) {
    let ext_len = taps.before + n + taps.after;
    let lines_per_task = (TASK_SAMPLES / (n * taps.len()).max(1)).max(1);
    let chunk = lines_per_task * n;
    out.par_chunks_mut(chunk)
        .zip(input.par_chunks(chunk))
        .for_each_init(
            || vec![T::zero(); ext_len],
            |buf, (o, i)| {
                for (ol, il) in o.chunks_exact_mut(n).zip(i.chunks_exact(n)) {
                    crate::boundary::extend_unchecked(il, taps.before, mode, buf);
                    taps::apply(&Shifted(buf.as_slice()), taps, ol);
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
    out: &mut [T],
) {
    let m = taps.len();
    let cval_row = vec![taps::cval::<T>(mode); inner];
    let cval_row = cval_row.as_slice();
    let rows_per_task = (TASK_SAMPLES / (inner * m).max(1)).max(1);
    out.par_chunks_mut(rows_per_task * inner)
        .enumerate()
        .for_each_init(
            || Vec::with_capacity(m),
            |srcs: &mut Vec<&[T]>, (task, o)| {
                for (r, orow) in o.chunks_exact_mut(inner).enumerate() {
                    let row = task * rows_per_task + r;
                    let (block, i) = (row / n, row % n);
                    let base = block * n * inner;
                    srcs.clear();
                    srcs.extend((0..m).map(|k| {
                        let p = i as isize + k as isize - taps.before as isize;
                        match taps::source(p, n, mode) {
                            Some(s) => &input[base + s * inner..base + (s + 1) * inner],
                            None => cval_row,
                        }
                    }));
                    taps::apply(&Rows(srcs.as_slice()), taps, orow);
                }
            },
        );
}
