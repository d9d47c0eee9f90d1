//! n-d correlation with an arbitrary (non-separable) kernel, as scipy's `NI_Correlate`.
//!
//! scipy sums, for each output, `w * x` over the kernel's elements in
//! row-major order, skipping weights with `|w| <= f64::EPSILON`, starting
//! from 0; a point outside the input in `Constant` mode (on any axis) reads
//! `cval`. The same order is kept here, but vectorised along the last axis:
//! the input is padded along that axis once, then each output row adds
//! `w * (shifted padded source row)` tap by tap.

use rayon::prelude::*;

use super::taps;
use crate::{BoundaryMode, Float, boundary};

/// Correlates `input` (row-major `shape`) with `weights` (row-major `wshape`,
/// same number of axes) into `out`.
///
/// `before[a]` is how many samples the kernel reaches before the output along
/// axis `a` (`wshape[a] / 2 + origin[a]`, already checked to be in
/// `0..wshape[a]`). Every length is `>= 1`.
pub(crate) fn correlate_nd<T: Float>(
    input: &[T],
    shape: &[usize],
    weights: &[T],
    wshape: &[usize],
    before: &[usize],
    mode: BoundaryMode,
    out: &mut [T],
) {
    let d = shape.len();
    let n = shape[d - 1];
    let fl = wshape[d - 1];
    let cval = taps::cval::<T>(mode);

    // Non-zero taps in row-major order: (coordinates, weight).
    let mut coords = vec![0usize; d];
    let mut nonzero: Vec<(Vec<usize>, T)> = Vec::new();
    for &w in weights {
        if w.to_f64_lossless().abs() > f64::EPSILON {
            nonzero.push((coords.clone(), w));
        }
        for a in (0..d).rev() {
            coords[a] += 1;
            if coords[a] < wshape[a] {
                break;
            }
            coords[a] = 0;
        }
    }

    // Per leading axis: which input index output `c` reads for kernel offset `q`.
    let maps: Vec<Vec<Option<usize>>> = (0..d - 1)
        .map(|a| {
            (0..shape[a])
                .flat_map(|c| {
                    (0..wshape[a]).map(move |q| {
                        let p = c as isize + q as isize - before[a] as isize;
                        boundary::source_index(p, shape[a], mode)
                    })
                })
                .collect()
        })
        .collect();

    // Input rows padded along the last axis once.
    let pn = n + fl - 1;
    let mut padded = vec![T::zero(); input.len() / n * pn];
    padded
        .par_chunks_mut(pn)
        .zip(input.par_chunks(n))
        .for_each(|(p, row)| boundary::extend_unchecked(row, before[d - 1], mode, p));

    let rows_per_task = ((1 << 14) / (n * nonzero.len()).max(1)).max(1);
    out.par_chunks_mut(rows_per_task * n)
        .enumerate()
        .for_each(|(task, o)| {
            let mut outer = vec![0usize; d.saturating_sub(1)];
            for (r, orow) in o.chunks_exact_mut(n).enumerate() {
                let mut rest = task * rows_per_task + r;
                for a in (0..d - 1).rev() {
                    outer[a] = rest % shape[a];
                    rest /= shape[a];
                }
                orow.fill(T::zero());
                for (q, w) in &nonzero {
                    let w = *w;
                    let mut src_row = Some(0usize);
                    for a in 0..d - 1 {
                        src_row = match (src_row, maps[a][outer[a] * wshape[a] + q[a]]) {
                            (Some(s), Some(i)) => Some(s * shape[a] + i),
                            _ => None,
                        };
                    }
                    match src_row {
                        Some(s) => {
                            let start = s * pn + q[d - 1];
                            for (acc, &x) in orow.iter_mut().zip(&padded[start..start + n]) {
                                *acc += w * x;
                            }
                        }
                        None => {
                            let wc = w * cval;
                            for acc in orow.iter_mut() {
                                *acc += wc;
                            }
                        }
                    }
                }
            }
        });
}
