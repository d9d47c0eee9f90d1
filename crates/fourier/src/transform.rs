//! One-dimensional transforms (`rfft`, `irfft`, `fft`, `ifft`) and their along-an-axis forms,
//! with numpy's conventions: unnormalised forward, `1/n` on the inverse (`norm="backward"`).

use ndarray::{Array, Array1, ArrayView, ArrayView1, ArrayViewMut1, Axis, Dimension, Zip};
use num_complex::Complex;
use realfft::{ComplexToReal, FftError, RealToComplex};
use rustfft::Fft;

use crate::plan::{Buffers, FftFloat, sized};
use crate::split::SPLIT_MIN_LEN;
use crate::{Error, Result};

/// Above this many input elements the axis transforms run their lanes on rayon.
const PARALLEL_MIN_LEN: usize = 1 << 15;

/// Real-input discrete Fourier transform; equal to `numpy.fft.rfft(x)` (tested against it).
///
/// Returns the `n / 2 + 1` non-negative-frequency terms of the length-`n` DFT
/// `X[k] = sum_t x[t] exp(-2 pi i k t / n)`, unnormalised. Any length works (primes too);
/// plans come from the global cache ([`FftFloat::planners`]). Lengths that are multiples of 4
/// from 65536 up run on two rayon threads (one radix-2 step around two quarter-length
/// rustfft transforms); the rest is one realfft call.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] (wrapped in [`Error::Core`]) when `x` is empty.
///
/// # Example
/// ```
/// use fourier::rfft;
/// use ndarray::array;
/// let spec = rfft(array![1.0_f64, 0.0, -1.0, 0.0].view())?;
/// assert_eq!(spec.len(), 3);
/// assert!((spec[1].re - 2.0).abs() < 1e-15 && spec[0].norm() < 1e-15);
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn rfft<T: FftFloat>(x: ArrayView1<'_, T>) -> Result<Array1<Complex<T>>> {
    let n = x.len();
    dsp_core::check::ensure_len("x", n, 1)?;
    if n >= SPLIT_MIN_LEN && n.is_multiple_of(4) && rayon::current_num_threads() > 1 {
        return Ok(T::planners().split_r2c(n).process(x));
    }
    let plan = T::planners().r2c(n);
    let mut out = vec![Complex::<T>::default(); n / 2 + 1];
    T::with_buffers(|b| rfft_lane(&*plan, x, &mut out, b));
    Ok(Array1::from_vec(out))
}

/// Inverse of [`rfft`]; equal to `numpy.fft.irfft(x, n)` (tested against it).
///
/// `n` is the length of the real output; `None` means numpy's default `2 * (m - 1)` for `m`
/// input terms. The input is cropped or zero-padded to `n / 2 + 1` terms first. As in
/// numpy/pocketfft, the imaginary parts of the DC term and (for even `n`) the Nyquist term are
/// ignored. The result is scaled by `1 / n`.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty; [`Error::InvalidLength`] when the output
/// length is 0 (for example `n = Some(0)`, or `None` with a single input term).
pub fn irfft<T: FftFloat>(x: ArrayView1<'_, Complex<T>>, n: Option<usize>) -> Result<Array1<T>> {
    let n = irfft_len(x.len(), n)?;
    let plan = T::planners().c2r(n);
    let mut out = vec![T::zero(); n];
    T::with_buffers(|b| irfft_lane(&*plan, x, &mut out, b));
    Ok(Array1::from_vec(out))
}

/// Complex discrete Fourier transform; equal to `numpy.fft.fft(x)` (tested against it).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty.
pub fn fft<T: FftFloat>(x: ArrayView1<'_, Complex<T>>) -> Result<Array1<Complex<T>>> {
    complex_1d(x, false)
}

/// Inverse complex DFT, scaled by `1 / n`; equal to `numpy.fft.ifft(x)` (tested against it).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty.
pub fn ifft<T: FftFloat>(x: ArrayView1<'_, Complex<T>>) -> Result<Array1<Complex<T>>> {
    complex_1d(x, true)
}

/// [`rfft`] along `axis` of an n-d array; equal to `numpy.fft.rfft(x, axis=axis)` (tested against it).
///
/// The output has the shape of `x` with `n` replaced by `n / 2 + 1` along `axis`. Lanes run in
/// parallel for large inputs.
///
/// # Errors
/// [`dsp_core::Error::AxisOutOfBounds`] when `axis >= x.ndim()`; [`dsp_core::Error::TooShort`]
/// when `x` has length 0 along `axis`.
pub fn rfft_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, T, D>,
    axis: usize,
) -> Result<Array<Complex<T>, D>> {
    let n = axis_len(&x, axis)?;
    let plan = T::planners().r2c(n);
    let mut shape = x.raw_dim();
    shape[axis] = n / 2 + 1;
    let mut out = Array::<Complex<T>, D>::zeros(shape);
    let parallel = x.len() >= PARALLEL_MIN_LEN;
    for_lanes(
        x,
        out.view_mut(),
        axis,
        parallel,
        |xl, mut ol, b| match ol.as_slice_mut() {
            Some(o) => rfft_lane(&*plan, xl, o, b),
            None => {
                let mut tmp = std::mem::take(&mut b.complex);
                let t = sized(&mut tmp, ol.len());
                rfft_lane(&*plan, xl, t, b);
                ol.iter_mut().zip(t.iter()).for_each(|(o, v)| *o = *v);
                b.complex = tmp;
            }
        },
    );
    Ok(out)
}

/// [`irfft`] along `axis`; equal to `numpy.fft.irfft(x, n, axis=axis)` (tested against it).
///
/// # Errors
/// As [`irfft`], plus [`dsp_core::Error::AxisOutOfBounds`].
pub fn irfft_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    n: Option<usize>,
    axis: usize,
) -> Result<Array<T, D>> {
    let m = axis_len(&x, axis)?;
    let n = irfft_len(m, n)?;
    let plan = T::planners().c2r(n);
    let mut shape = x.raw_dim();
    shape[axis] = n;
    let mut out = Array::<T, D>::zeros(shape);
    let parallel = x.len() >= PARALLEL_MIN_LEN;
    for_lanes(
        x,
        out.view_mut(),
        axis,
        parallel,
        |xl, mut ol, b| match ol.as_slice_mut() {
            Some(o) => irfft_lane(&*plan, xl, o, b),
            None => {
                let mut tmp = std::mem::take(&mut b.real);
                let t = sized(&mut tmp, ol.len());
                irfft_lane(&*plan, xl, t, b);
                ol.iter_mut().zip(t.iter()).for_each(|(o, v)| *o = *v);
                b.real = tmp;
            }
        },
    );
    Ok(out)
}

/// [`fft`] along `axis`; equal to `numpy.fft.fft(x, axis=axis)` (tested against it).
///
/// # Errors
/// [`dsp_core::Error::AxisOutOfBounds`], [`dsp_core::Error::TooShort`] as [`rfft_axis`].
pub fn fft_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    axis: usize,
) -> Result<Array<Complex<T>, D>> {
    complex_axis(x, axis, false)
}

/// [`ifft`] along `axis`; equal to `numpy.fft.ifft(x, axis=axis)` (tested against it).
///
/// # Errors
/// As [`fft_axis`].
pub fn ifft_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    axis: usize,
) -> Result<Array<Complex<T>, D>> {
    complex_axis(x, axis, true)
}

/// numpy's output length of `irfft` for `m` input terms and requested `n`.
pub(crate) fn irfft_len(m: usize, n: Option<usize>) -> Result<usize> {
    dsp_core::check::ensure_len("x", m, 1)?;
    let n = n.unwrap_or(2 * (m - 1));
    if n == 0 {
        return Err(Error::InvalidLength {
            what: "irfft output",
            n,
        });
    }
    Ok(n)
}

fn axis_len<A, D: Dimension>(x: &ArrayView<'_, A, D>, axis: usize) -> Result<usize> {
    if axis >= x.ndim() {
        return Err(dsp_core::Error::AxisOutOfBounds {
            axis,
            ndim: x.ndim(),
        }
        .into());
    }
    let n = x.len_of(Axis(axis));
    dsp_core::check::ensure_len("x along axis", n, 1)?;
    Ok(n)
}

/// Runs `f` on every pair of lanes along `axis`, with this thread's buffers.
fn for_lanes<A, B, D, T, F>(
    x: ArrayView<'_, A, D>,
    mut out: ndarray::ArrayViewMut<'_, B, D>,
    axis: usize,
    parallel: bool,
    f: F,
) where
    A: Sync,
    B: Send,
    D: Dimension,
    T: FftFloat,
    F: Fn(ArrayView1<'_, A>, ArrayViewMut1<'_, B>, &mut Buffers<T>) + Sync,
{
    let zip = Zip::from(x.lanes(Axis(axis))).and(out.lanes_mut(Axis(axis)));
    if parallel {
        zip.par_for_each(|xl, ol| T::with_buffers(|b| f(xl, ol, b)));
    } else {
        T::with_buffers(|b| zip.for_each(|xl, ol| f(xl, ol, b)));
    }
}

/// `out = rfft(x)` for `out.len() == x.len() / 2 + 1`, via this thread's buffers.
pub(crate) fn rfft_lane<T: FftFloat>(
    plan: &dyn RealToComplex<T>,
    x: ArrayView1<'_, T>,
    out: &mut [Complex<T>],
    b: &mut Buffers<T>,
) {
    let input = sized(&mut b.real, x.len());
    match x.as_slice() {
        Some(s) => input.copy_from_slice(s),
        None => input.iter_mut().zip(x.iter()).for_each(|(d, s)| *d = *s),
    }
    let scratch = sized(&mut b.scratch, plan.get_scratch_len());
    // Buffer lengths are set from the plan just above, the only error realfft reports here.
    plan.process_with_scratch(input, out, scratch)
        .expect("rfft buffers are sized from the plan");
}

/// `out = irfft(x, out.len())` (numpy's crop/zero-pad of `x`, `1/n` scaling).
pub(crate) fn irfft_lane<T: FftFloat>(
    plan: &dyn ComplexToReal<T>,
    x: ArrayView1<'_, Complex<T>>,
    out: &mut [T],
    b: &mut Buffers<T>,
) {
    let n = out.len();
    let input = sized(&mut b.complex, n / 2 + 1);
    let keep = x.len().min(input.len());
    input[..keep]
        .iter_mut()
        .zip(x.iter())
        .for_each(|(d, s)| *d = *s);
    input[keep..].fill(Complex::default());
    irfft_inplace(plan, input, out, &mut b.scratch);
}

/// `out = irfft(input)` with `input.len() == out.len() / 2 + 1`, destroying `input`.
pub(crate) fn irfft_inplace<T: FftFloat>(
    plan: &dyn ComplexToReal<T>,
    input: &mut [Complex<T>],
    out: &mut [T],
    scratch: &mut Vec<Complex<T>>,
) {
    let scratch = sized(scratch, plan.get_scratch_len());
    match plan.process_with_scratch(input, out, scratch) {
        // realfft zeroes the imaginary part of DC/Nyquist and reports it; numpy (pocketfft)
        // ignores those parts silently, which is the convention we follow.
        Ok(()) | Err(FftError::InputValues(..)) => {}
        Err(e) => unreachable!("irfft buffers are sized from the plan: {e}"),
    }
    let scale = T::one() / T::of_usize(out.len());
    out.iter_mut().for_each(|v| *v *= scale);
}

fn complex_1d<T: FftFloat>(
    x: ArrayView1<'_, Complex<T>>,
    inverse: bool,
) -> Result<Array1<Complex<T>>> {
    let n = x.len();
    dsp_core::check::ensure_len("x", n, 1)?;
    let plan = T::planners().complex(n, inverse);
    let mut out = x.to_vec();
    T::with_buffers(|b| complex_inplace(&*plan, &mut out, inverse, b));
    Ok(Array1::from_vec(out))
}

fn complex_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    axis: usize,
    inverse: bool,
) -> Result<Array<Complex<T>, D>> {
    let n = axis_len(&x, axis)?;
    let plan = T::planners().complex(n, inverse);
    let mut out = Array::<Complex<T>, D>::zeros(x.raw_dim());
    let parallel = x.len() >= PARALLEL_MIN_LEN;
    for_lanes(x, out.view_mut(), axis, parallel, |xl, mut ol, b| {
        let mut tmp = std::mem::take(&mut b.complex);
        let t = sized(&mut tmp, n);
        t.iter_mut().zip(xl.iter()).for_each(|(d, s)| *d = *s);
        complex_inplace(&*plan, t, inverse, b);
        ol.iter_mut().zip(t.iter()).for_each(|(o, v)| *o = *v);
        b.complex = tmp;
    });
    Ok(out)
}

/// In-place complex FFT of `data` (a whole number of transforms), `1/n` on the inverse.
pub(crate) fn complex_inplace<T: FftFloat>(
    plan: &dyn Fft<T>,
    data: &mut [Complex<T>],
    inverse: bool,
    b: &mut Buffers<T>,
) {
    let scratch = sized(&mut b.scratch, plan.get_inplace_scratch_len());
    plan.process_with_scratch(data, scratch);
    if inverse {
        let scale = T::one() / T::of_usize(plan.len());
        data.iter_mut().for_each(|v| *v = *v * scale);
    }
}
