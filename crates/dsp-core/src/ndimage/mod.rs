//! Direct n-d correlation and convolution with `scipy.ndimage` semantics.
//!
//! The base every image filter in sigfeat builds on: [`correlate1d`] /
//! [`convolve1d`] (one axis), [`correlate_separable`] (one 1-D pass per
//! axis, as `scipy.ndimage.gaussian_filter` applies them) and [`correlate`] /
//! [`convolve`] (a full n-d kernel). Boundaries follow [`BoundaryMode`]
//! exactly as scipy pads (see [`crate::boundary`]), kernels may be longer
//! than the axis, and origins follow scipy's rules.
//!
//! In `f64` the results are scipy's bit for bit in the common cases: each
//! output is summed in scipy's order. In `f32` the sums run in `f32` (scipy
//! converts to `f64`, sums and rounds once), so expect differences of a few
//! `f32` ulps of the largest term.
//!
//! NaN and infinity in the input data are allowed and propagate into every
//! output whose window (with non-zero weight, for [`correlate`]) covers them,
//! as in scipy. The `Constant` value must be finite.
//!
//! Every function takes any memory layout and returns a row-major array.

mod nd;
mod pass;
mod taps;

use std::mem::MaybeUninit;

use ndarray::{Array, ArrayView, Axis, CowArray, Dimension};

use crate::{BoundaryMode, Error, Float, Result, boundary, check};
use taps::Taps;

/// 1-D correlation along `axis`; equal to `scipy.ndimage.correlate1d` (tested against it).
///
/// `out[i] = sum_k weights[k] * in[i + k - weights.len() / 2 - origin]` along
/// `axis`, with positions outside the input taken from `mode`.
/// `origin` shifts the kernel: scipy's range is
/// `-(len / 2) <= origin <= (len - 1) / 2`.
///
/// Runs in parallel (rayon) over lines or rows. See the [module
/// docs](self) for exactness and NaN handling.
///
/// # Errors
/// - [`Error::TooShort`] when `input` or `weights` is empty.
/// - [`Error::AxisOutOfBounds`] when `axis >= input.ndim()`.
/// - [`Error::InvalidOrigin`] when `origin` is outside scipy's range.
/// - [`Error::InvalidParameter`] when the `Constant` value is not finite.
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, ndimage::correlate1d};
/// use ndarray::array;
/// let x = array![2.0, 8.0, 0.0, 4.0, 1.0, 9.0, 9.0, 0.0];
/// let y = correlate1d(x.view(), &[1.0, 3.0], 0, BoundaryMode::Reflect, 0)?;
/// assert_eq!(y, array![8.0, 26.0, 8.0, 12.0, 7.0, 28.0, 36.0, 9.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn correlate1d<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    weights: &[T],
    axis: usize,
    mode: BoundaryMode,
    origin: isize,
) -> Result<Array<T, D>> {
    let taps = Taps::correlation(weights, origin, origin)?;
    one_axis(input, taps, axis, mode)
}

/// 1-D convolution along `axis`; equal to `scipy.ndimage.convolve1d` (tested against it).
///
/// As scipy, this is [`correlate1d`] with the weights reversed and the origin
/// negated (and moved one further left for even-length kernels). The valid
/// origins are the same as for [`correlate1d`].
///
/// # Errors
/// As [`correlate1d`].
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, ndimage::convolve1d};
/// use ndarray::array;
/// let x = array![2.0, 8.0, 0.0, 4.0, 1.0, 9.0, 9.0, 0.0];
/// let y = convolve1d(x.view(), &[1.0, 3.0], 0, BoundaryMode::Reflect, 0)?;
/// assert_eq!(y, array![14.0, 24.0, 4.0, 13.0, 12.0, 36.0, 27.0, 0.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn convolve1d<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    weights: &[T],
    axis: usize,
    mode: BoundaryMode,
    origin: isize,
) -> Result<Array<T, D>> {
    let taps = Taps::convolution(weights, origin)?;
    one_axis(input, taps, axis, mode)
}

/// 1-D correlations along several axes in turn (axis 0 first); equal to
/// chaining `scipy.ndimage.correlate1d` over the axes, as
/// `scipy.ndimage.gaussian_filter` does (tested against it).
///
/// `kernels` holds one entry per axis; `None` skips that axis. `origins` is
/// empty (all zero) or one per axis. When the last pass runs along the last
/// axis it is fused with the one before (each row of that pass is filtered
/// along the last axis while it is still in cache), so a 2-D filter needs no
/// intermediate image; earlier passes ping-pong between the output and one
/// intermediate buffer. With no kernel at all the result is a copy of the
/// input. The result is identical to chaining [`correlate1d`].
///
/// # Errors
/// - [`Error::TooShort`] when `input` or a given kernel is empty.
/// - [`Error::ShapeMismatch`] when `kernels` or a non-empty `origins` does
///   not have one entry per axis.
/// - [`Error::InvalidOrigin`] when an origin is outside scipy's range for its kernel.
/// - [`Error::InvalidParameter`] when the `Constant` value is not finite.
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, ndimage::correlate_separable};
/// use ndarray::array;
/// let x = array![[0.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 0.0]];
/// let k = [0.25, 0.5, 0.25];
/// let y = correlate_separable(x.view(), &[Some(&k[..]), Some(&k[..])], BoundaryMode::Constant(0.0), &[])?;
/// assert_eq!(y, array![[0.25, 0.5, 0.25], [0.5, 1.0, 0.5], [0.25, 0.5, 0.25]]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn correlate_separable<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    kernels: &[Option<&[T]>],
    mode: BoundaryMode,
    origins: &[isize],
) -> Result<Array<T, D>> {
    check_input(&input, mode)?;
    let ndim = input.ndim();
    if kernels.len() != ndim {
        return Err(Error::ShapeMismatch {
            what: "kernels (one per axis)",
            expected: vec![ndim],
            got: vec![kernels.len()],
        });
    }
    let origins = origins_per_axis(origins, ndim)?;
    let mut passes = Vec::new();
    for (axis, kernel) in kernels.iter().enumerate() {
        if let Some(k) = kernel {
            passes.push((axis, Taps::correlation(k, origins[axis], origins[axis])?));
        }
    }
    run_passes(&input, &passes, mode)
}

/// 1-D correlations applied in the given order; equal to chaining
/// `scipy.ndimage.correlate1d(..., axis, weights, origin)` over `passes`
/// (tested against chained [`correlate1d`]).
///
/// Each pass is `(axis, weights, origin)`; axes may repeat and come in any
/// order (`scipy.ndimage.sobel` along axis 1, for example, runs axis 1 and
/// then axis 0). Consecutive passes along "some axis, then the last axis" or
/// "the last axis, then some other axis" are fused so that no intermediate
/// image is written; any other pass ping-pongs between the output and one
/// intermediate buffer. No pass at all returns a copy of the input.
///
/// # Errors
/// - [`Error::TooShort`] when `input` or a kernel is empty.
/// - [`Error::AxisOutOfBounds`] when an axis is `>= input.ndim()`.
/// - [`Error::InvalidOrigin`] when an origin is outside scipy's range for its kernel.
/// - [`Error::InvalidParameter`] when the `Constant` value is not finite.
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, ndimage::{correlate1d, correlate1d_sequence}};
/// use ndarray::array;
/// let x = array![[1.0, 5.0, 2.0], [0.0, 3.0, 4.0], [7.0, 1.0, 6.0]];
/// let (d, s) = ([-1.0, 0.0, 1.0], [1.0, 2.0, 1.0]);
/// // scipy.ndimage.sobel(x, axis=1): derivative along axis 1, then smoothing along axis 0
/// let y = correlate1d_sequence(x.view(), &[(1, &d[..], 0), (0, &s[..], 0)], BoundaryMode::Reflect)?;
/// let step = correlate1d(x.view(), &d, 1, BoundaryMode::Reflect, 0)?;
/// assert_eq!(y, correlate1d(step.view(), &s, 0, BoundaryMode::Reflect, 0)?);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn correlate1d_sequence<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    passes: &[(usize, &[T], isize)],
    mode: BoundaryMode,
) -> Result<Array<T, D>> {
    check_input(&input, mode)?;
    let ndim = input.ndim();
    let mut checked = Vec::with_capacity(passes.len());
    for &(axis, weights, origin) in passes {
        if axis >= ndim {
            return Err(Error::AxisOutOfBounds { axis, ndim });
        }
        checked.push((axis, Taps::correlation(weights, origin, origin)?));
    }
    run_passes(&input, &checked, mode)
}

/// Runs checked passes in order, fusing neighbours that involve the last axis.
fn run_passes<T: Float, D: Dimension>(
    input: &ArrayView<'_, T, D>,
    passes: &[(usize, Taps<T>)],
    mode: BoundaryMode,
) -> Result<Array<T, D>> {
    let (data, shape) = row_major(input);
    let Some(src) = data.as_slice() else {
        unreachable!("row_major returns a standard-layout array")
    };
    let last_axis = shape.len() - 1;
    let mut cur: Option<Vec<T>> = None;
    let mut i = 0;
    while i < passes.len() {
        let from = cur.as_deref().unwrap_or(src);
        let (axis, taps) = &passes[i];
        let dst = match passes.get(i + 1) {
            Some((next, next_taps)) if *axis != last_axis && *next == last_axis => {
                i += 2;
                filled(src.len(), |dst| {
                    pass::correlate_axis_then_last(from, &shape, *axis, taps, next_taps, mode, dst);
                })
            }
            Some((next, next_taps)) if *axis == last_axis && *next != last_axis => {
                i += 2;
                filled(src.len(), |dst| {
                    pass::correlate_last_then_axis(from, &shape, taps, *next, next_taps, mode, dst);
                })
            }
            _ => {
                i += 1;
                filled(src.len(), |dst| {
                    pass::correlate_axis(from, &shape, *axis, taps, mode, dst);
                })
            }
        };
        cur = Some(dst);
    }
    let out = cur.unwrap_or_else(|| src.to_vec());
    shaped(out, input)
}

/// n-d correlation with a full kernel; equal to `scipy.ndimage.correlate` (tested against it).
///
/// `out[i] = sum_j weights[j] * in[i + j - shape / 2 - origin]` over every
/// index `j` of `weights` (same number of axes as `input`), positions outside
/// the input taken from `mode` (in `Constant` mode a position outside on any
/// axis reads `cval`). As in scipy, weights with `|w| <= f64::EPSILON` are
/// skipped, so NaN under a zero weight does not propagate. `origin` is empty
/// (all zero) or one per axis, each in `-(len / 2) ..= (len - 1) / 2` for its
/// kernel length.
///
/// The cost is `O(input.len() * nonzero weights)`; for a separable kernel use
/// [`correlate_separable`].
///
/// # Errors
/// - [`Error::TooShort`] when `input` or `weights` is empty.
/// - [`Error::ShapeMismatch`] when `weights` has a different number of axes,
///   or a non-empty `origin` is not one per axis.
/// - [`Error::InvalidOrigin`] when an origin is outside scipy's range.
/// - [`Error::InvalidParameter`] when the `Constant` value is not finite.
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, ndimage::correlate};
/// use ndarray::array;
/// let x = array![[1.0, 2.0], [3.0, 4.0]];
/// let w = array![[0.0, 1.0], [1.0, 0.0]];
/// let y = correlate(x.view(), w.view(), BoundaryMode::Nearest, &[])?;
/// assert_eq!(y, array![[2.0, 3.0], [4.0, 5.0]]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn correlate<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    weights: ArrayView<'_, T, D>,
    mode: BoundaryMode,
    origin: &[isize],
) -> Result<Array<T, D>> {
    let origins = origins_per_axis(origin, input.ndim())?;
    correlate_impl(input, weights, mode, &origins, &origins)
}

/// n-d convolution with a full kernel; equal to `scipy.ndimage.convolve` (tested against it).
///
/// As scipy, this is [`correlate`] with `weights` reversed along every axis
/// and each origin negated (moved one further left for even kernel lengths).
///
/// # Errors
/// As [`correlate`].
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, ndimage::convolve};
/// use ndarray::array;
/// let x = array![[1.0, 2.0], [3.0, 4.0]];
/// let w = array![[1.0, 0.0], [0.0, 0.0]];
/// // reversed and shifted, the kernel picks the lower-right neighbour
/// let y = convolve(x.view(), w.view(), BoundaryMode::Nearest, &[])?;
/// assert_eq!(y, array![[4.0, 4.0], [4.0, 4.0]]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn convolve<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    weights: ArrayView<'_, T, D>,
    mode: BoundaryMode,
    origin: &[isize],
) -> Result<Array<T, D>> {
    let user = origins_per_axis(origin, input.ndim())?;
    let mut w = weights.clone();
    for a in 0..w.ndim() {
        w.invert_axis(Axis(a));
    }
    let flipped: Vec<isize> = user
        .iter()
        .zip(weights.shape())
        .map(|(&o, &len)| -o - isize::from(len.is_multiple_of(2)))
        .collect();
    correlate_impl(input, w, mode, &flipped, &user)
}

fn correlate_impl<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    weights: ArrayView<'_, T, D>,
    mode: BoundaryMode,
    origins: &[isize],
    user_origins: &[isize],
) -> Result<Array<T, D>> {
    check_input(&input, mode)?;
    check::ensure_len("weights", weights.len(), 1)?;
    if weights.ndim() != input.ndim() {
        return Err(Error::ShapeMismatch {
            what: "weights (number of axes)",
            expected: vec![input.ndim()],
            got: vec![weights.ndim()],
        });
    }
    let (w, mut wshape) = row_major(&weights);
    let mut before = Vec::with_capacity(wshape.len());
    for ((&len, &o), &user) in wshape.iter().zip(origins).zip(user_origins) {
        let size1 = (len / 2) as isize;
        if o < -size1 || o > (len as isize - 1) / 2 {
            return Err(Error::InvalidOrigin { origin: user, len });
        }
        // >= 0 by the check above.
        before.push((size1 + o) as usize);
    }
    let (data, shape) = row_major(&input);
    if before.is_empty() {
        // A 0-d array: one sample, one weight.
        before.push(0);
        wshape = vec![1];
    }
    let (Some(src), Some(w)) = (data.as_slice(), w.as_slice()) else {
        unreachable!("row_major returns standard-layout arrays")
    };
    let mut out = vec![T::zero(); src.len()];
    nd::correlate_nd(src, &shape, w, &wshape, &before, mode, &mut out);
    shaped(out, &input)
}

fn one_axis<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    taps: Taps<T>,
    axis: usize,
    mode: BoundaryMode,
) -> Result<Array<T, D>> {
    check_input(&input, mode)?;
    if axis >= input.ndim() {
        return Err(Error::AxisOutOfBounds {
            axis,
            ndim: input.ndim(),
        });
    }
    let (data, shape) = row_major(&input);
    let Some(src) = data.as_slice() else {
        unreachable!("row_major returns a standard-layout array")
    };
    let out = filled(src.len(), |out| {
        pass::correlate_axis(src, &shape, axis, &taps, mode, out);
    });
    shaped(out, &input)
}

/// A vector of `len` samples written by `pass`, which must write every element of the slice it
/// is given (every function of [`pass`] does: each splits its `out` into chunks that cover it
/// and writes each chunk whole). The memory is not zeroed first: a zeroed output was a full
/// extra pass through memory (a fifth of the time of a 2048x2048 Gaussian, measured).
#[allow(unsafe_code)]
fn filled<T: Float>(len: usize, pass: impl FnOnce(&mut [MaybeUninit<T>])) -> Vec<T> {
    let mut v = Vec::with_capacity(len);
    pass(&mut v.spare_capacity_mut()[..len]);
    // SAFETY: `pass` is one of the functions of `pass`, each of which writes every element of
    // its `out` (see its docs; `tests::filled_passes_write_everything` checks them on every
    // boundary mode, axis and kernel shape), so the first `len` elements are initialised. A
    // panic inside `pass` unwinds before this line, leaving `v` empty.
    unsafe { v.set_len(len) };
    v
}

fn check_input<T: Float, D: Dimension>(
    input: &ArrayView<'_, T, D>,
    mode: BoundaryMode,
) -> Result<()> {
    check::ensure_len("input", input.len(), 1)?;
    boundary::ensure_mode(mode)
}

fn origins_per_axis(origins: &[isize], ndim: usize) -> Result<Vec<isize>> {
    match origins.len() {
        0 => Ok(vec![0; ndim]),
        len if len == ndim => Ok(origins.to_vec()),
        len => Err(Error::ShapeMismatch {
            what: "origin (one per axis)",
            expected: vec![ndim],
            got: vec![len],
        }),
    }
}

/// The array in row-major order (borrowed when it already is) and its shape
/// (`[1]` for a 0-d array, so the passes always see at least one axis).
fn row_major<'a, T: Float, D: Dimension>(
    a: &'a ArrayView<'_, T, D>,
) -> (CowArray<'a, T, D>, Vec<usize>) {
    let mut shape = a.shape().to_vec();
    if shape.is_empty() {
        shape.push(1);
    }
    (a.as_standard_layout(), shape)
}

fn shaped<T: Float, D: Dimension>(data: Vec<T>, like: &ArrayView<'_, T, D>) -> Result<Array<T, D>> {
    Array::from_shape_vec(like.raw_dim(), data).map_err(|_| Error::ShapeMismatch {
        what: "output",
        expected: like.shape().to_vec(),
        got: vec![],
    })
}

#[cfg(test)]
mod tests {
    use std::mem::MaybeUninit;

    use super::{pass, taps::Taps};
    use crate::BoundaryMode;

    /// Runs `f` on an output pre-filled with NaN and returns what it holds afterwards.
    #[allow(unsafe_code)]
    fn run(len: usize, f: impl FnOnce(&mut [MaybeUninit<f64>])) -> Vec<f64> {
        let mut out = vec![MaybeUninit::new(f64::NAN); len];
        f(&mut out);
        // SAFETY: every element was initialised (to NaN) above; `f` only writes.
        out.iter().map(|v| unsafe { v.assume_init() }).collect()
    }

    /// The invariant `filled` relies on: each pass writes every element of its `out`. Shapes
    /// with 1-sample axes, lines shorter than the kernel, 3-D arrays (rows of several lines),
    /// even and odd, symmetric, antisymmetric and general kernels, every mode.
    #[test]
    fn filled_passes_write_everything() {
        let kernels: [&[f64]; 7] = [
            &[1.0],
            &[0.25, 0.5, 0.25],
            &[-1.0, 0.0, 1.0],
            &[1.0, 2.0, 3.0, 4.0],
            &[0.1; 9],
            // Long kernels: bands, compact column blocks and groups of rows.
            &[0.05; 11],
            &[
                0.5, -0.25, 0.125, 1.0, 2.0, -1.0, 0.0, 3.0, 0.5, 0.25, 1.5, -2.0,
            ],
        ];
        let modes = [
            BoundaryMode::Reflect,
            BoundaryMode::Constant(0.0),
            BoundaryMode::Nearest,
            BoundaryMode::Mirror,
            BoundaryMode::Wrap,
        ];
        let shapes: [&[usize]; 8] = [
            &[1],
            &[7],
            &[1, 5],
            &[3, 1],
            &[33, 70],
            &[3, 4, 5],
            &[45, 700],
            &[3, 37, 30],
        ];
        for shape in shapes {
            let len: usize = shape.iter().product();
            let input: Vec<f64> = (0..len).map(|i| (i as f64 * 0.37).sin()).collect();
            let last = shape.len() - 1;
            for k in kernels {
                let t = Taps::correlation(k, 0, 0).unwrap();
                for mode in modes {
                    for axis in 0..shape.len() {
                        let out = run(len, |o| {
                            pass::correlate_axis(&input, shape, axis, &t, mode, o);
                        });
                        assert!(out.iter().all(|v| v.is_finite()), "{shape:?} axis {axis}");
                        if axis != last {
                            let out = run(len, |o| {
                                pass::correlate_axis_then_last(
                                    &input, shape, axis, &t, &t, mode, o,
                                );
                            });
                            assert!(out.iter().all(|v| v.is_finite()), "{shape:?} {axis}+last");
                            let out = run(len, |o| {
                                pass::correlate_last_then_axis(
                                    &input, shape, &t, axis, &t, mode, o,
                                );
                            });
                            assert!(out.iter().all(|v| v.is_finite()), "{shape:?} last+{axis}");
                        }
                    }
                }
            }
        }
    }
}
