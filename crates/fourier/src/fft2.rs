//! Two-dimensional real transforms: a real pass along rows, then a complex pass along columns
//! done on transposed blocks of columns so every transform reads contiguous memory.

use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis, Zip};
use num_complex::Complex;
use rayon::prelude::*;

use crate::plan::{FftFloat, par_zeros, sized};
use crate::transform::{complex_inplace, irfft_lane, rfft_lane};
use crate::{Error, Result};

/// Columns per transposed block of the column pass (32 complex f64 = 512 bytes per row read,
/// so each row touched costs one TLB entry per 32 columns).
const COL_BLOCK: usize = 32;

/// 2-D real-input DFT; equal to `numpy.fft.rfft2(x)` (tested against it).
///
/// Shape `(r, c)` in, `(r, c / 2 + 1)` out: `rfft` along axis 1, then `fft` along axis 0.
/// Rows, then blocks of columns, run on rayon.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when either dimension is 0.
pub fn rfft2<T: FftFloat>(x: ArrayView2<'_, T>) -> Result<Array2<Complex<T>>> {
    let (r, c) = x.dim();
    dsp_core::check::ensure_len("x rows", r, 1)?;
    dsp_core::check::ensure_len("x columns", c, 1)?;
    let plan = T::planners().r2c(c);
    let mut out = zeros2((r, c / 2 + 1));
    Zip::from(x.rows())
        .and(out.rows_mut())
        .par_for_each(|xr, mut or| {
            // `out` is freshly allocated in standard layout, so its rows are contiguous.
            let o = or
                .as_slice_mut()
                .expect("rows of a new standard-layout array");
            T::with_buffers(|b| rfft_lane(&*plan, xr, o, b));
        });
    columns_inplace(out.view_mut(), false);
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
fn columns_inplace<T: FftFloat>(mut a: ArrayViewMut2<'_, Complex<T>>, inverse: bool) {
    let rows = a.nrows();
    let plan = T::planners().complex(rows, inverse);
    a.axis_chunks_iter_mut(Axis(1), COL_BLOCK)
        .into_par_iter()
        .for_each(|mut blk| {
            let w = blk.ncols();
            T::with_buffers(|b| {
                let mut buf = std::mem::take(&mut b.complex);
                let t = sized(&mut buf, w * rows);
                for (i, row) in blk.rows().into_iter().enumerate() {
                    for (j, v) in row.iter().enumerate() {
                        t[j * rows + i] = *v;
                    }
                }
                complex_inplace(&*plan, t, inverse, b);
                for (i, mut row) in blk.rows_mut().into_iter().enumerate() {
                    for (j, v) in row.iter_mut().enumerate() {
                        *v = t[j * rows + i];
                    }
                }
                b.complex = buf;
            });
        });
}
