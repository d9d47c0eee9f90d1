//! Two-dimensional real transforms: a real pass along rows, then a complex pass along columns,
//! arranged so every transform reads contiguous memory: [`rfft2`] writes its result in
//! column-major order; [`irfft2`] transforms transposed blocks of columns.

use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis, ShapeBuilder, Zip};
use num_complex::Complex;
use rayon::prelude::*;

use crate::plan::{FftFloat, par_zeros, sized};
use crate::transform::{complex_inplace, irfft_lane, rfft_lane};
use crate::{Error, Result};

/// Rows per task of [`rfft2`]'s row pass (16 complex f64 = 256 bytes written per column).
const ROW_GROUP: usize = 16;

/// Columns per task of [`rfft2`]'s column pass.
const COLS_PER_TASK: usize = 8;

/// Columns per transposed block of the column pass (32 complex f64 = 512 bytes per row read,
/// so each row touched costs one TLB entry per 32 columns).
const COL_BLOCK: usize = 32;

/// 2-D real-input DFT; equal to `numpy.fft.rfft2(x)` (tested against it).
///
/// Shape `(r, c)` in, `(r, c / 2 + 1)` out: `rfft` along axis 1, then `fft` along axis 0.
/// The result is in column-major (Fortran) memory order, so that every column transform runs
/// in place on contiguous memory; index it as any array (`as_slice_memory_order` gives the
/// columns one after the other). Rows, then columns, run on rayon.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when either dimension is 0.
pub fn rfft2<T: FftFloat>(x: ArrayView2<'_, T>) -> Result<Array2<Complex<T>>> {
    let (r, c) = x.dim();
    dsp_core::check::ensure_len("x rows", r, 1)?;
    dsp_core::check::ensure_len("x columns", c, 1)?;
    let m = c / 2 + 1;
    let plan = T::planners().r2c(c);
    let mut out = Array2::from_shape_vec((r, m).f(), par_zeros(r * m))
        .expect("r * m elements fill an r x m array");
    // Row pass, ROW_GROUP rows per task: their spectra go to a per-thread buffer and are then
    // written column by column (ROW_GROUP contiguous samples per column), so the column-major
    // output is written in whole cache lines and never read back before the column pass.
    out.axis_chunks_iter_mut(Axis(0), ROW_GROUP)
        .into_par_iter()
        .zip(x.axis_chunks_iter(Axis(0), ROW_GROUP).into_par_iter())
        .for_each(|(mut oblk, xblk)| {
            T::with_buffers(|b| {
                let mut buf = std::mem::take(&mut b.complex);
                let spec = sized(&mut buf, xblk.nrows() * m);
                for (xr, s) in xblk.rows().into_iter().zip(spec.chunks_exact_mut(m)) {
                    rfft_lane(&*plan, xr, s, b);
                }
                for (j, mut col) in oblk.columns_mut().into_iter().enumerate() {
                    let col = col
                        .as_slice_mut()
                        .expect("columns of a column-major array are contiguous");
                    for (v, s) in col.iter_mut().zip(spec[j..].iter().step_by(m)) {
                        *v = *s;
                    }
                }
                b.complex = buf;
            });
        });
    // Column pass: the columns lie end to end; COLS_PER_TASK of them per batched call.
    let cplan = T::planners().complex(r, false);
    out.as_slice_memory_order_mut()
        .expect("a new column-major array is contiguous")
        .par_chunks_mut(r * COLS_PER_TASK)
        .for_each(|cols| T::with_buffers(|b| complex_inplace(&*cplan, cols, false, b)));
    Ok(out)
}

/// Inverse of [`rfft2`]; equal to `numpy.fft.irfft2(x, s)` (tested against it).
///
/// `shape = Some((r, c))` is numpy's `s`: `ifft` along axis 0 with the columns cropped or
/// zero-padded to `r`, then `irfft` along axis 1 with `n = c`. `None` means
/// `(x.nrows(), 2 * (x.ncols() - 1))`.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty; [`Error::InvalidLength`] when an output
/// dimension is 0.
pub fn irfft2<T: FftFloat>(
    x: ArrayView2<'_, Complex<T>>,
    shape: Option<(usize, usize)>,
) -> Result<Array2<T>> {
    let (r0, m) = x.dim();
    dsp_core::check::ensure_len("x rows", r0, 1)?;
    let (r, c) = match shape {
        Some(s) => s,
        None => (r0, crate::transform::irfft_len(m, None)?),
    };
    if r == 0 || c == 0 {
        return Err(Error::InvalidLength {
            what: "irfft2 output",
            n: r.min(c),
        });
    }
    dsp_core::check::ensure_len("x columns", m, 1)?;
    let mut tmp = zeros2((r, m));
    let keep = r.min(r0);
    tmp.slice_axis_mut(Axis(0), (0..keep).into())
        .assign(&x.slice_axis(Axis(0), (0..keep).into()));
    columns_inplace(tmp.view_mut(), true);
    let plan = T::planners().c2r(c);
    let mut out = zeros2((r, c));
    Zip::from(tmp.rows())
        .and(out.rows_mut())
        .par_for_each(|tr, mut or| {
            let o = or
                .as_slice_mut()
                .expect("rows of a new standard-layout array");
            T::with_buffers(|b| irfft_lane(&*plan, tr, o, b));
        });
    Ok(out)
}

/// A zero `rows x cols` array in standard layout, zeroed on all threads.
fn zeros2<A: Default + Copy + Send + Sync>((rows, cols): (usize, usize)) -> Array2<A> {
    Array2::from_shape_vec((rows, cols), par_zeros(rows * cols))
        .expect("rows * cols elements fill a rows x cols array")
}

/// Complex FFT of every column of `a` in place (`1/n` when `inverse`), on transposed blocks.
///
/// Each block of [`COL_BLOCK`] columns is copied (row slice by row slice) into a per-thread
/// buffer holding one column per line, transformed there, and copied back. The lines are
/// `rows` plus one cache line apart: with a plain `rows` stride (a multiple of 4 KiB for
/// power-of-two lengths) the 32 lines written by one row slice would all fall into the same
/// L1 set and evict each other.
fn columns_inplace<T: FftFloat>(mut a: ArrayViewMut2<'_, Complex<T>>, inverse: bool) {
    let rows = a.nrows();
    let plan = T::planners().complex(rows, inverse);
    let ld = rows + (64 / size_of::<Complex<T>>()).max(1);
    a.axis_chunks_iter_mut(Axis(1), COL_BLOCK)
        .into_par_iter()
        .for_each(|mut blk| {
            let w = blk.ncols();
            T::with_buffers(|b| {
                let mut buf = std::mem::take(&mut b.complex);
                let t = sized(&mut buf, w * ld);
                for (i, row) in blk.rows().into_iter().enumerate() {
                    match row.as_slice() {
                        Some(r) => {
                            for (j, v) in r.iter().enumerate() {
                                t[j * ld + i] = *v;
                            }
                        }
                        None => {
                            for (j, v) in row.iter().enumerate() {
                                t[j * ld + i] = *v;
                            }
                        }
                    }
                }
                for col in t.chunks_exact_mut(ld) {
                    complex_inplace(&*plan, &mut col[..rows], inverse, b);
                }
                for (i, mut row) in blk.rows_mut().into_iter().enumerate() {
                    match row.as_slice_mut() {
                        Some(r) => {
                            for (j, v) in r.iter_mut().enumerate() {
                                *v = t[j * ld + i];
                            }
                        }
                        None => {
                            for (j, v) in row.iter_mut().enumerate() {
                                *v = t[j * ld + i];
                            }
                        }
                    }
                }
                b.complex = buf;
            });
        });
}
