//! Two-dimensional real transforms: a real pass along rows, then a complex pass along columns,
//! arranged so every transform reads contiguous memory: [`rfft2`] and [`irfft2`] transform
//! transposed blocks of columns; [`rfft2_col_major`] writes its result in column-major order
//! and transforms the columns in place. [`rfft2_with`] / [`irfft2_with`] take numpy's `s`,
//! `axes` and `norm` on arrays of any dimension.

use ndarray::{
    Array, Array2, ArrayView, ArrayView2, ArrayViewMut2, Axis, Dimension, Ix2, ShapeBuilder, Zip,
};
use num_complex::Complex;
use rayon::prelude::*;

use crate::plan::{FftFloat, par_zeros, sized};
use crate::transform::{complex_inplace, irfft_lane, normalize_axis, rfft_lane};
use crate::{Error, FftArgs, Norm, Result, fft_with, ifft_with, irfft_with, rfft_with};

/// Rows per task of [`rfft2_col_major`]'s row pass (16 complex f64 = 256 bytes written per column).
const ROW_GROUP: usize = 16;

/// Columns per task of [`rfft2_col_major`]'s column pass.
const COLS_PER_TASK: usize = 8;

/// Most columns per transposed block of the column pass (32 complex f64 = 512 bytes per row
/// read, so each row touched costs one TLB entry per 32 columns).
const COL_BLOCK: usize = 32;

/// Bytes of the transposed block of the column pass: it is written (gathered), transformed
/// column by column and read back (scattered), so it must stay in a core's L2 (512 KiB on the
/// smaller x86 cores). On 2048x2048, blocks of 32 columns (1 MiB) measured 60-70 ms, of 8
/// columns (256 KiB) 51 ms.
const COL_BLOCK_BYTES: usize = 256 << 10;

/// Columns per block for columns of `rows` samples: as many as fit [`COL_BLOCK_BYTES`], at least
/// 4 (a whole 64-byte cache line of complex `f64` per row read) and at most [`COL_BLOCK`].
fn col_block<T: FftFloat>(rows: usize) -> usize {
    (COL_BLOCK_BYTES / (rows * size_of::<Complex<T>>()).max(1)).clamp(4, COL_BLOCK)
}

/// 2-D real-input DFT; equal to `numpy.fft.rfft2(x)` (tested against it).
///
/// Shape `(r, c)` in, `(r, c / 2 + 1)` out, in standard (row-major) layout: `rfft` along
/// axis 1, then `fft` along axis 0. Rows, then blocks of columns, run on rayon; the column pass
/// transforms transposed blocks of columns (as [`irfft2`]). [`rfft2_col_major`] is the faster
/// form for callers that only combine spectra elementwise; [`rfft2_with`] takes numpy's `s`,
/// `axes` and `norm`.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when either dimension is 0.
///
/// # Example
/// ```
/// use ndarray::Array2;
/// let x = Array2::from_shape_fn((4, 6), |(i, j)| (i * 6 + j) as f64);
/// let y = fourier::rfft2(x.view())?;
/// assert_eq!(y.dim(), (4, 4));
/// assert!(y.as_slice().is_some()); // standard layout
/// assert!((y[[0, 0]].re - 276.0).abs() < 1e-12); // the sum of 0..24
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn rfft2<T: FftFloat>(x: ArrayView2<'_, T>) -> Result<Array2<Complex<T>>> {
    let (r, c) = x.dim();
    dsp_core::check::ensure_len("x rows", r, 1)?;
    dsp_core::check::ensure_len("x columns", c, 1)?;
    let m = c / 2 + 1;
    let plan = T::planners().r2c(c);
    // Row pass straight into the (not zeroed) result: one write per output.
    let rows = dsp_core::uninit::par_rows(r, m, |i, o| {
        T::with_buffers(|b| rfft_lane(&*plan, x.row(i), o, b));
    })?;
    let mut out = Array2::from_shape_vec((r, m), rows).expect("r * m elements fill an r x m array");
    columns_inplace(out.view_mut(), false);
    Ok(out)
}

/// [`rfft2`] into a caller's array: `out` (shape `(r, c / 2 + 1)`) is overwritten with
/// `numpy.fft.rfft2(x)`; no memory is allocated for the result, so a loop over many images of
/// one size reuses one buffer (and skips the page faults of a fresh 30 MiB array).
///
/// Any memory order of `out` works; in standard layout the row pass writes straight into it.
///
/// # Errors
/// As [`rfft2`]; [`dsp_core::Error::ShapeMismatch`] when `out` is not `(r, c / 2 + 1)`.
///
/// # Example
/// ```
/// use fourier::{Complex, rfft2, rfft2_into};
/// use ndarray::Array2;
/// let x = Array2::from_shape_fn((8, 6), |(i, j)| (i * j) as f64);
/// let mut out = Array2::<Complex<f64>>::zeros((8, 4));
/// rfft2_into(x.view(), out.view_mut())?;
/// assert_eq!(out, rfft2(x.view())?);
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn rfft2_into<T: FftFloat>(
    x: ArrayView2<'_, T>,
    mut out: ArrayViewMut2<'_, Complex<T>>,
) -> Result<()> {
    let (r, c) = x.dim();
    dsp_core::check::ensure_len("x rows", r, 1)?;
    dsp_core::check::ensure_len("x columns", c, 1)?;
    let m = c / 2 + 1;
    if out.dim() != (r, m) {
        return Err(dsp_core::Error::ShapeMismatch {
            what: "rfft2 output (rows, columns / 2 + 1)",
            expected: vec![r, m],
            got: out.shape().to_vec(),
        }
        .into());
    }
    let plan = T::planners().r2c(c);
    match out.as_slice_mut() {
        Some(o) => o.par_chunks_mut(m).enumerate().for_each(|(i, orow)| {
            T::with_buffers(|b| rfft_lane(&*plan, x.row(i), orow, b));
        }),
        None => Zip::from(x.rows())
            .and(out.rows_mut())
            .par_for_each(|xr, mut or| {
                T::with_buffers(|b| {
                    let mut spec = std::mem::take(&mut b.complex);
                    rfft_lane(&*plan, xr, sized(&mut spec, m), b);
                    or.assign(&ndarray::ArrayView1::from(&spec[..m]));
                    b.complex = spec;
                });
            }),
    }
    columns_inplace(out, false);
    Ok(())
}

/// [`rfft2`] with the result in column-major (Fortran) memory order: the fast path.
///
/// Equal to [`rfft2`] element for element (tested); only the memory order differs, so
/// `as_slice()` is `None` and `as_slice_memory_order()` gives the columns one after the other.
/// Every column transform runs in place on contiguous memory (no transposed copy), which
/// saves about a tenth of [`rfft2`]'s time; use it when the spectrum is only multiplied
/// elementwise or indexed (as `filters`' FFT convolution does).
///
/// # Errors
/// As [`rfft2`].
pub fn rfft2_col_major<T: FftFloat>(x: ArrayView2<'_, T>) -> Result<Array2<Complex<T>>> {
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
    let scale = Norm::Backward.scale(c, true);
    let mut out = zeros2((r, c));
    Zip::from(tmp.rows())
        .and(out.rows_mut())
        .par_for_each(|tr, mut or| {
            let o = or
                .as_slice_mut()
                .expect("rows of a new standard-layout array");
            T::with_buffers(|b| irfft_lane(&*plan, tr, o, scale, b));
        });
    Ok(out)
}

/// numpy's arguments of a 2-D transform: `s`, `axes` and `norm`, for [`rfft2_with`] and
/// [`irfft2_with`].
///
/// `Default` is numpy's: `s = None` (the input's shape along the axes; for `irfft2` the last
/// is `2 * (m - 1)`), `axes = (-2, -1)`, `norm = Backward`.
///
/// # Example
/// ```
/// use fourier::{Fft2Args, Norm, irfft2_with, rfft2_with};
/// use ndarray::Array3;
/// // numpy.fft.rfft2(x, s=(4, 6), axes=(0, 2), norm="ortho") of a 3 x 2 x 5 array.
/// let x = Array3::from_shape_fn((3, 2, 5), |(i, j, k)| (i + 2 * j + 3 * k) as f64);
/// let args = Fft2Args::new().s(4, 6).axes(0, 2).norm(Norm::Ortho);
/// let y = rfft2_with(x.view(), &args)?;
/// assert_eq!(y.dim(), (4, 2, 4));
/// // and back: numpy.fft.irfft2(y, s=(4, 6), axes=(0, 2), norm="ortho")
/// let back = irfft2_with(y.view(), &args)?;
/// assert_eq!(back.dim(), (4, 2, 6));
/// assert!((back[[1, 1, 3]] - x[[1, 1, 3]]).abs() < 1e-12);
/// assert_eq!(back[[3, 0, 0]].abs() < 1e-12, true); // the zero-padded row
/// # Ok::<(), fourier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fft2Args {
    s: Option<(usize, usize)>,
    axes: (isize, isize),
    norm: Norm,
}

impl Default for Fft2Args {
    fn default() -> Self {
        Self {
            s: None,
            axes: (-2, -1),
            norm: Norm::Backward,
        }
    }
}

impl Fft2Args {
    /// numpy's defaults (`s = None`, `axes = (-2, -1)`, `norm = "backward"`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// numpy's `s`: the transform lengths along `axes.0` and `axes.1` (the input is cropped or
    /// zero-padded to them; for [`irfft2_with`] they are the output lengths).
    #[must_use]
    pub fn s(mut self, rows: usize, cols: usize) -> Self {
        self.s = Some((rows, cols));
        self
    }

    /// numpy's `axes`; negative values count from the end. The real transform runs along
    /// `last`, the complex one along `first`.
    #[must_use]
    pub fn axes(mut self, first: isize, last: isize) -> Self {
        self.axes = (first, last);
        self
    }

    /// The normalisation (applied per axis, as numpy).
    #[must_use]
    pub fn norm(mut self, norm: Norm) -> Self {
        self.norm = norm;
        self
    }

    /// The lengths set by [`Fft2Args::s`], if any.
    #[must_use]
    pub fn get_s(&self) -> Option<(usize, usize)> {
        self.s
    }

    /// The axes as given (possibly negative).
    #[must_use]
    pub fn get_axes(&self) -> (isize, isize) {
        self.axes
    }

    /// The normalisation.
    #[must_use]
    pub fn get_norm(&self) -> Norm {
        self.norm
    }

    /// The 1-D arguments along `axis` with length `n`.
    fn along(&self, axis: isize, n: usize) -> FftArgs {
        FftArgs::new().axis(axis).norm(self.norm).n(n)
    }
}

/// Equal to `numpy.fft.rfft2(x, s, axes, norm)` for an array of any dimension (tested against it).
///
/// As numpy: `rfft` along `axes.1` (length `s.1`), then `fft` along `axes.0` (length `s.0`),
/// each cropped or zero-padded and normalised as [`rfft_with`] / [`fft_with`]. A 2-D input with
/// the default `s`, axes and norm runs [`rfft2`]. The output is in standard layout.
///
/// # Errors
/// [`Error::InvalidAxis`] for an axis outside `-ndim..ndim`; [`Error::InvalidLength`] for a
/// zero in `s`; [`dsp_core::Error::TooShort`] when `x` is empty along an axis and no `s` is given.
pub fn rfft2_with<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, T, D>,
    args: &Fft2Args,
) -> Result<Array<Complex<T>, D>> {
    let (a0, a1) = (
        normalize_axis(args.axes.0, x.ndim())?,
        normalize_axis(args.axes.1, x.ndim())?,
    );
    if x.ndim() == 2 && (a0, a1) == (0, 1) && args.s.is_none() && args.norm == Norm::Backward {
        let x2 = x.into_dimensionality::<Ix2>().expect("ndim is 2");
        return Ok(rfft2(x2)?.into_dimensionality::<D>().expect("ndim is 2"));
    }
    // numpy's default `s` is the input's shape along the axes (so a repeated axis transforms
    // the first pass's output at the input's length, as numpy does).
    let (s0, s1) = args.s.unwrap_or((x.len_of(Axis(a0)), x.len_of(Axis(a1))));
    let first = rfft_with(
        x,
        &args.along(args.axes.1, nonzero(s1, "rfft2 s", &args.s)?),
    )?;
    fft_with(
        first.view(),
        &args.along(args.axes.0, nonzero(s0, "rfft2 s", &args.s)?),
    )
}

/// Equal to `numpy.fft.irfft2(x, s, axes, norm)` for an array of any dimension (tested against it).
///
/// As numpy: `ifft` along `axes.0` (length `s.0`, default the input's), then `irfft` along
/// `axes.1` with output length `s.1` (default `2 * (m - 1)`). The output is in standard layout.
///
/// # Errors
/// [`Error::InvalidAxis`]; [`dsp_core::Error::TooShort`] when `x` is empty;
/// [`Error::InvalidLength`] when an output length is 0.
pub fn irfft2_with<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    args: &Fft2Args,
) -> Result<Array<T, D>> {
    let a0 = normalize_axis(args.axes.0, x.ndim())?;
    let a1 = normalize_axis(args.axes.1, x.ndim())?;
    let (s0, s1) = match args.s {
        Some(s) => s,
        None => (
            x.len_of(Axis(a0)),
            crate::transform::irfft_len(x.len_of(Axis(a1)), None)?,
        ),
    };
    let first = ifft_with(
        x,
        &args.along(args.axes.0, nonzero(s0, "irfft2 s", &args.s)?),
    )?;
    irfft_with(
        first.view(),
        &args.along(args.axes.1, nonzero(s1, "irfft2 s", &args.s)?),
    )
}

/// `n` when it is at least 1: [`Error::InvalidLength`] for a zero in a given `s`, and
/// [`dsp_core::Error::TooShort`] for an empty input axis when no `s` was given.
fn nonzero(n: usize, what: &'static str, s: &Option<(usize, usize)>) -> Result<usize> {
    match (n, s) {
        (0, Some(_)) => Err(Error::InvalidLength { what, n }),
        (0, None) => Err(dsp_core::Error::TooShort {
            what: "x along axis",
            min: 1,
            got: 0,
        }
        .into()),
        _ => Ok(n),
    }
}

/// A zero `rows x cols` array in standard layout, zeroed on all threads.
fn zeros2<A: Default + Copy + Send + Sync>((rows, cols): (usize, usize)) -> Array2<A> {
    Array2::from_shape_vec((rows, cols), par_zeros(rows * cols))
        .expect("rows * cols elements fill a rows x cols array")
}

/// Complex FFT of every column of `a` in place (`1/n` when `inverse`), on transposed blocks.
///
/// Each block of [`col_block`] columns is copied (row slice by row slice) into a per-thread
/// buffer holding one column per line, transformed there, and copied back. The lines are
/// `rows` plus one cache line apart: with a plain `rows` stride (a multiple of 4 KiB for
/// power-of-two lengths) the 32 lines written by one row slice would all fall into the same
/// L1 set and evict each other.
fn columns_inplace<T: FftFloat>(mut a: ArrayViewMut2<'_, Complex<T>>, inverse: bool) {
    let rows = a.nrows();
    let plan = T::planners().complex(rows, inverse);
    let ld = rows + (64 / size_of::<Complex<T>>()).max(1);
    a.axis_chunks_iter_mut(Axis(1), col_block::<T>(rows))
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
