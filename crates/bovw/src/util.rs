//! Input checks and the distance kernels shared by k-means, vocabularies and encoders.

use dsp_core::Float;
use ndarray::{Array2, ArrayView2, Axis, Slice, linalg::general_mat_mul};
use rayon::prelude::*;

use crate::error::{Error, Result};

/// Rows per block of the blocked assignment: a block of `x` and its `rows x k` products stay in
/// cache while the GEMM result is scanned.
pub(crate) const BLOCK: usize = 512;

/// `a b^T` in `f64` for `a` (`n x d`) and `b` (`k x d`): `n x k` (numpy's `a @ b.T`).
pub(crate) fn gemm_abt(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    let (a, b) = (standard(a), standard(b));
    product(row_major(&a), row_major(&b).transpose())
}

/// `a^T b` in `f64` for `a` (`n x k`) and `b` (`n x d`): `k x d` (numpy's `a.T @ b`).
pub(crate) fn gemm_atb(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    let (a, b) = (standard(a), standard(b));
    product(row_major(&a).transpose(), row_major(&b))
}

/// A standard-layout array as a faer matrix.
fn row_major<'a>(x: &'a ndarray::CowArray<'_, f64, ndarray::Ix2>) -> faer::MatRef<'a, f64> {
    let (r, c) = x.dim();
    let Some(s) = x.as_slice() else {
        unreachable!("standard() returns row-major arrays")
    };
    faer::MatRef::from_row_major_slice(s, r, c)
}

/// `a b` into a new row-major array, by faer's GEMM on rayon's threads.
fn product(a: faer::MatRef<'_, f64>, b: faer::MatRef<'_, f64>) -> Array2<f64> {
    let (r, c) = (a.nrows(), b.ncols());
    let mut out = Array2::<f64>::zeros((r, c));
    let Some(o) = out.as_slice_mut() else {
        unreachable!("a new array is row-major")
    };
    faer::linalg::matmul::matmul(
        faer::MatMut::from_row_major_slice_mut(o, r, c),
        faer::Accum::Replace,
        a,
        b,
        1.0,
        faer::Par::rayon(0),
    );
    out
}

/// Checks that `x` has rows and columns and only finite values.
pub(crate) fn check_matrix<F: Float>(what: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(Error::Empty {
            what,
            rows: x.nrows(),
            cols: x.ncols(),
        });
    }
    check_finite(what, x)
}

/// Checks that every value of `x` is finite.
pub(crate) fn check_finite<F: Float>(what: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    let bad = x
        .axis_iter(Axis(0))
        .into_par_iter()
        .enumerate()
        .find_first(|(_, r)| r.iter().any(|v| !v.is_finite()));
    if let Some((row, r)) = bad {
        let (col, value) = r
            .iter()
            .enumerate()
            .find(|(_, v)| !v.is_finite())
            .expect("the row holds a non-finite value");
        return Err(Error::NonFinite {
            what,
            row,
            col,
            value: value.to_f64_lossless(),
        });
    }
    Ok(())
}

/// Checks that `x` has `expected` columns.
pub(crate) fn check_dim(what: &'static str, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::DimensionMismatch {
            what,
            expected,
            got,
        })
    }
}

/// Checks a tolerance-like parameter: finite and `>= 0`.
pub(crate) fn check_non_negative(name: &'static str, value: f64) -> Result<()> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name,
            rule: "finite and >= 0",
            value,
        })
    }
}

/// Checks a scale parameter: finite and `> 0`.
pub(crate) fn check_positive(name: &'static str, value: f64) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name,
            rule: "finite and > 0",
            value,
        })
    }
}

/// Checks a count parameter: at least 1.
pub(crate) fn check_count(name: &'static str, value: usize) -> Result<()> {
    if value == 0 {
        Err(Error::ZeroCount { name })
    } else {
        Ok(())
    }
}

/// `||a - b||^2`, in eight independent lanes so that the loop vectorises.
#[inline]
pub(crate) fn sq_dist<F: Float>(a: &[F], b: &[F]) -> F {
    let mut acc = [F::zero(); 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for j in 0..8 {
            let d = x[j] - y[j];
            acc[j] += d * d;
        }
    }
    let mut tail = F::zero();
    for (x, y) in ra.iter().zip(rb) {
        let d = *x - *y;
        tail += d * d;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// Squared norms of the rows of `c`.
pub(crate) fn row_sq_norms<F: Float>(c: ArrayView2<'_, F>) -> Vec<F> {
    c.rows().into_iter().map(|r| r.dot(&r)).collect()
}

/// `argmin_j (cnorm[j] - 2 dots[j])`, ties to the lower index: a vectorisable minimum over
/// eight lanes, then the first index that reaches it (the same expression, so equality is
/// exact).
#[inline]
pub(crate) fn argmin_row<F: Float>(dots: &[F], cnorm: &[F]) -> usize {
    let two = F::of(2.0);
    let mut m = [F::infinity(); 8];
    let cd = dots.chunks_exact(8);
    let cc = cnorm.chunks_exact(8);
    let (rd, rc) = (cd.remainder(), cc.remainder());
    for (d, c) in cd.zip(cc) {
        for j in 0..8 {
            let v = c[j] - two * d[j];
            m[j] = if v < m[j] { v } else { m[j] };
        }
    }
    let mut best = m
        .iter()
        .copied()
        .fold(F::infinity(), |a, b| if b < a { b } else { a });
    for (d, c) in rd.iter().zip(rc) {
        let v = *c - two * *d;
        if v < best {
            best = v;
        }
    }
    dots.iter()
        .zip(cnorm)
        .position(|(d, c)| *c - two * *d == best)
        .unwrap_or(0)
}

/// The nearest row of `centers` for each row of `x` (ties to the lower index), by the blocked
/// GEMM `||c||^2 - 2 x.c` (the `||x||^2` term does not change the argmin), rayon over blocks of
/// [`BLOCK`] rows. With `min_sq` the squared distance `||x||^2 - 2 x.c + ||c||^2` (clamped at 0)
/// of each row to its centre is written too.
pub(crate) fn assign<F: Float>(
    x: ArrayView2<'_, F>,
    centers: ArrayView2<'_, F>,
    labels: &mut [usize],
    min_sq: Option<&mut [F]>,
) {
    let k = centers.nrows();
    let cnorm = row_sq_norms(centers);
    if min_sq.is_none() && nearest_fused(x, centers, &cnorm, labels) {
        return;
    }
    let two = F::of(2.0);
    let ct = centers.t();
    let run = |b: usize, lab: &mut [usize], dist: Option<&mut [F]>, buf: &mut Array2<F>| {
        let start = b * BLOCK;
        let rows = lab.len();
        let xb = x.slice_axis(Axis(0), Slice::from(start..start + rows));
        let mut dots = buf.slice_axis_mut(Axis(0), Slice::from(..rows));
        general_mat_mul(F::one(), &xb, &ct, F::zero(), &mut dots);
        for (r, l) in lab.iter_mut().enumerate() {
            let row = dots.row(r);
            *l = argmin_row(
                row.as_slice().expect("the scratch rows are contiguous"),
                &cnorm,
            );
        }
        if let Some(dist) = dist {
            for (r, (d, &l)) in dist.iter_mut().zip(lab.iter()).enumerate() {
                let xr = xb.row(r);
                let v = xr.dot(&xr) - two * dots[[r, l]] + cnorm[l];
                *d = v.max(F::zero());
            }
        }
    };
    match min_sq {
        None => labels.par_chunks_mut(BLOCK).enumerate().for_each_init(
            || Array2::<F>::zeros((BLOCK, k)),
            |buf, (b, lab)| run(b, lab, None, buf),
        ),
        Some(m) => labels
            .par_chunks_mut(BLOCK)
            .zip(m.par_chunks_mut(BLOCK))
            .enumerate()
            .for_each_init(
                || Array2::<F>::zeros((BLOCK, k)),
                |buf, (b, (lab, d))| run(b, lab, Some(d), buf),
            ),
    }
}

/// The nearest centres by [`crate::fused`] when the data are standard-layout `f32`; `false`
/// (nothing written) otherwise.
fn nearest_fused<F: Float>(
    x: ArrayView2<'_, F>,
    centers: ArrayView2<'_, F>,
    cnorm: &[F],
    labels: &mut [usize],
) -> bool {
    let d = x.ncols();
    let centers = standard(centers);
    let (Some(xs), Some(cs)) = (x.as_slice(), centers.as_slice()) else {
        return false;
    };
    let (Some(xs), Some(cs), Some(cn)) = (
        F::as_f32_slice(xs),
        F::as_f32_slice(cs),
        F::as_f32_slice(cnorm),
    ) else {
        return false;
    };
    // A few chunks per thread: each packs the centres once.
    let per = labels
        .len()
        .div_ceil(4 * rayon::current_num_threads().max(1))
        .max(BLOCK);
    labels.par_chunks_mut(per).enumerate().for_each(|(b, lab)| {
        let rows = &xs[b * per * d..(b * per + lab.len()) * d];
        crate::fused::nearest_f32(rows, d, cs, cn, lab, None);
    });
    true
}

/// `x` as a standard-layout (row-major, contiguous) view, copying only when it is not one.
pub(crate) fn standard<'a, F: Float>(
    x: ArrayView2<'a, F>,
) -> ndarray::CowArray<'a, F, ndarray::Ix2> {
    if x.is_standard_layout() {
        ndarray::CowArray::from(x)
    } else {
        ndarray::CowArray::from(x.as_standard_layout().into_owned())
    }
}
