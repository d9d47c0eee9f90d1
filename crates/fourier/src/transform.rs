//! One-dimensional transforms (`rfft`, `irfft`, `fft`, `ifft`), along any axis, with numpy's
//! arguments: `n` (crop / zero-pad), `axis` (negative counts from the end) and `norm`.

use ndarray::{Array, Array1, ArrayView, ArrayView1, ArrayViewMut1, Axis, Dimension, Zip};
use num_complex::Complex;
use realfft::{ComplexToReal, FftError, RealToComplex};
use rustfft::Fft;

use crate::plan::{Buffers, FftFloat, sized};
use crate::{Error, Result, nonfinite, two_core};

/// Above this many input elements the axis transforms run their lanes on rayon.
const PARALLEL_MIN_LEN: usize = 1 << 15;

/// numpy's `norm` argument: which direction of a transform pair is scaled, and by what.
///
/// For a transform of length `n`:
///
/// | `Norm` | numpy | forward (`rfft`, `fft`) | inverse (`irfft`, `ifft`) |
/// |---|---|---|---|
/// | `Backward` | `"backward"` (default) | 1 | `1 / n` |
/// | `Ortho` | `"ortho"` | `1 / sqrt(n)` | `1 / sqrt(n)` |
/// | `Forward` | `"forward"` | `1 / n` | 1 |
///
/// The scale is computed in the array's float type (`1 / sqrt(n)` as `1 / T::sqrt(n)`), as
/// numpy does, and multiplies every output.
///
/// # Example
/// ```
/// use fourier::{FftArgs, Norm, rfft_with};
/// use ndarray::array;
/// let x = array![1.0_f64, 1.0, 1.0, 1.0];
/// let y = rfft_with(x.view(), &FftArgs::new().norm(Norm::Ortho))?;
/// assert!((y[0].re - 2.0).abs() < 1e-15); // 4 / sqrt(4)
/// # Ok::<(), fourier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Norm {
    /// Unscaled forward, `1 / n` on the inverse (numpy's default, `norm=None`).
    #[default]
    Backward,
    /// `1 / sqrt(n)` both ways: the transform is unitary.
    Ortho,
    /// `1 / n` on the forward transform, unscaled inverse.
    Forward,
}

impl Norm {
    /// The factor a transform of length `n` multiplies its output by (`inverse`: the
    /// `irfft`/`ifft` direction).
    #[must_use]
    pub fn scale<T: dsp_core::Float>(self, n: usize, inverse: bool) -> T {
        let n = T::of_usize(n);
        match (self, inverse) {
            (Norm::Backward, false) | (Norm::Forward, true) => T::one(),
            (Norm::Ortho, _) => T::one() / n.sqrt(),
            (Norm::Backward, true) | (Norm::Forward, false) => T::one() / n,
        }
    }
}

/// numpy's arguments of a 1-D transform: `n`, `axis` and `norm`, for [`rfft_with`],
/// [`irfft_with`], [`fft_with`] and [`ifft_with`].
///
/// `Default` is numpy's: `n = None` (the input's length; for `irfft` `2 * (m - 1)`),
/// `axis = -1` (the last), `norm = Backward`.
///
/// # Example
/// ```
/// use fourier::{FftArgs, Norm, fft_with, rfft_with};
/// use fourier::Complex;
/// use ndarray::{array, Array2};
/// // numpy.fft.rfft(x, n=8): zero-padded to 8 samples, 5 output terms.
/// let x = array![1.0_f64, 2.0, 3.0];
/// assert_eq!(rfft_with(x.view(), &FftArgs::new().n(8))?.len(), 5);
/// // numpy.fft.fft(z, axis=0, norm="forward") of a 2 x 3 array.
/// let z = Array2::from_elem((2, 3), Complex::new(1.0_f64, 0.0));
/// let y = fft_with(z.view(), &FftArgs::new().axis(0).norm(Norm::Forward))?;
/// assert_eq!(y[[0, 2]], Complex::new(1.0, 0.0));
/// // An axis past the array's dimensions is a typed error, not a panic.
/// assert!(rfft_with(x.view(), &FftArgs::new().axis(-2)).is_err());
/// # Ok::<(), fourier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FftArgs {
    n: Option<usize>,
    axis: isize,
    norm: Norm,
}

impl Default for FftArgs {
    fn default() -> Self {
        Self {
            n: None,
            axis: -1,
            norm: Norm::Backward,
        }
    }
}

impl FftArgs {
    /// numpy's defaults (`n = None`, `axis = -1`, `norm = "backward"`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The transform length: the input is cropped or zero-padded to `n` samples along the
    /// axis (for `irfft`, `n` is the output length and the input is cropped or padded to
    /// `n / 2 + 1` terms).
    #[must_use]
    pub fn n(mut self, n: usize) -> Self {
        self.n = Some(n);
        self
    }

    /// The axis; negative values count from the end (`-1` is the last axis).
    #[must_use]
    pub fn axis(mut self, axis: isize) -> Self {
        self.axis = axis;
        self
    }

    /// The normalisation.
    #[must_use]
    pub fn norm(mut self, norm: Norm) -> Self {
        self.norm = norm;
        self
    }

    /// The transform length set by [`FftArgs::n`], if any.
    #[must_use]
    pub fn get_n(&self) -> Option<usize> {
        self.n
    }

    /// The axis as given (possibly negative).
    #[must_use]
    pub fn get_axis(&self) -> isize {
        self.axis
    }

    /// The normalisation.
    #[must_use]
    pub fn get_norm(&self) -> Norm {
        self.norm
    }
}

/// numpy's axis rule: `-ndim <= axis < ndim`, negative counting from the end.
///
/// # Errors
/// [`Error::InvalidAxis`] outside that range.
pub(crate) fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis >= n || axis < -n {
        return Err(Error::InvalidAxis { axis, ndim });
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// Real-input discrete Fourier transform; equal to `numpy.fft.rfft(x)` (tested against it).
///
/// Returns the `n / 2 + 1` non-negative-frequency terms of the length-`n` DFT
/// `X[k] = sum_t x[t] exp(-2 pi i k t / n)`, unnormalised. Any length works (primes too);
/// plans come from the global cache ([`FftFloat::planners`]). Lengths that are multiples of 4
/// from 65536 up run on two rayon threads (one radix-2 step around two quarter-length
/// rustfft transforms); the rest is one realfft call. For numpy's `n` and `norm` see
/// [`rfft_with`].
///
/// Infinite or NaN samples: each non-finite sample `x[t]` contributes `x[t] cos(2 pi k t / n)`
/// and `-x[t] sin(2 pi k t / n)` to bin `k`, with the exact zeros of cosine and sine at
/// quarter turns contributing nothing, so `rfft([inf, 0, 0, 0])` is `[inf, inf, inf]` as in
/// numpy. (realfft's split of one real transform into a half-length complex one subtracts
/// mirrored bins, `inf - inf`, and gave NaN there.) Every bin numpy (pocketfft) returns as
/// infinite or finite is returned the same (tested on fixtures); where pocketfft's butterflies
/// make NaN of a defined value, this returns the defined value. The cost is one pass over the
/// input, plus `O(n)` per non-finite sample when there are any.
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
/// let inf = rfft(array![f64::INFINITY, 0.0, 0.0, 0.0].view())?;
/// assert!(inf.iter().all(|z| z.re == f64::INFINITY && z.im == 0.0));
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn rfft<T: FftFloat>(x: ArrayView1<'_, T>) -> Result<Array1<Complex<T>>> {
    let n = x.len();
    dsp_core::check::ensure_len("x", n, 1)?;
    if two_core::worth_it(n) && nonfinite::all_finite_view(x) {
        return Ok(two_core::plan::<T>(n).process(x));
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
/// ignored. The result is scaled by `1 / n`. For numpy's `axis` and `norm` see [`irfft_with`].
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty; [`Error::InvalidLength`] when the output
/// length is 0 (for example `n = Some(0)`, or `None` with a single input term).
pub fn irfft<T: FftFloat>(x: ArrayView1<'_, Complex<T>>, n: Option<usize>) -> Result<Array1<T>> {
    let n = irfft_len(x.len(), n)?;
    let plan = T::planners().c2r(n);
    let mut out = vec![T::zero(); n];
    let scale = Norm::Backward.scale(n, true);
    T::with_buffers(|b| irfft_lane(&*plan, x, &mut out, scale, b));
    Ok(Array1::from_vec(out))
}

/// Complex discrete Fourier transform; equal to `numpy.fft.fft(x)` (tested against it).
///
/// For numpy's `n`, `axis` and `norm` see [`fft_with`].
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty.
pub fn fft<T: FftFloat>(x: ArrayView1<'_, Complex<T>>) -> Result<Array1<Complex<T>>> {
    complex_1d(x, false)
}

/// Inverse complex DFT, scaled by `1 / n`; equal to `numpy.fft.ifft(x)` (tested against it).
///
/// For numpy's `n`, `axis` and `norm` see [`ifft_with`].
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `x` is empty.
pub fn ifft<T: FftFloat>(x: ArrayView1<'_, Complex<T>>) -> Result<Array1<Complex<T>>> {
    complex_1d(x, true)
}

/// [`rfft`] along `axis` of an n-d array; equal to `numpy.fft.rfft(x, axis=axis)` (tested against it).
///
/// The output has the shape of `x` with `n` replaced by `n / 2 + 1` along `axis`. Lanes run in
/// parallel for large inputs. Negative axes: [`rfft_with`].
///
/// # Errors
/// [`dsp_core::Error::AxisOutOfBounds`] when `axis >= x.ndim()`; [`dsp_core::Error::TooShort`]
/// when `x` has length 0 along `axis`.
pub fn rfft_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, T, D>,
    axis: usize,
) -> Result<Array<Complex<T>, D>> {
    let n = axis_len(&x, axis)?;
    Ok(rfft_along(x, axis, n, Norm::Backward))
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
    Ok(irfft_along(x, axis, n, Norm::Backward))
}

/// [`fft`] along `axis`; equal to `numpy.fft.fft(x, axis=axis)` (tested against it).
///
/// # Errors
/// [`dsp_core::Error::AxisOutOfBounds`], [`dsp_core::Error::TooShort`] as [`rfft_axis`].
pub fn fft_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    axis: usize,
) -> Result<Array<Complex<T>, D>> {
    let n = axis_len(&x, axis)?;
    Ok(complex_along(x, axis, n, false, Norm::Backward))
}

/// [`ifft`] along `axis`; equal to `numpy.fft.ifft(x, axis=axis)` (tested against it).
///
/// # Errors
/// As [`fft_axis`].
pub fn ifft_axis<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    axis: usize,
) -> Result<Array<Complex<T>, D>> {
    let n = axis_len(&x, axis)?;
    Ok(complex_along(x, axis, n, true, Norm::Backward))
}

/// Equal to `numpy.fft.rfft(x, n, axis, norm)` for an array of any dimension (tested against it).
///
/// The input is cropped or zero-padded to `n` samples along the axis; the output has
/// `n / 2 + 1` terms there. Non-finite samples as [`rfft`].
///
/// # Errors
/// [`Error::InvalidAxis`] unless `-ndim <= axis < ndim`; [`Error::InvalidLength`] for
/// `n = Some(0)`; [`dsp_core::Error::TooShort`] when `x` is empty along the axis and no `n`
/// is given.
///
/// # Example
/// ```
/// use fourier::{FftArgs, Norm, rfft_with};
/// use ndarray::array;
/// let x = array![[1.0_f64, 2.0, 3.0, 4.0], [0.0, 1.0, 0.0, 1.0]];
/// // numpy.fft.rfft(x, n=2, axis=-1, norm="forward"): each row cropped to 2 samples.
/// let y = rfft_with(x.view(), &FftArgs::new().n(2).norm(Norm::Forward))?;
/// assert_eq!(y.dim(), (2, 2));
/// assert_eq!((y[[0, 0]].re, y[[0, 1]].re), (1.5, -0.5));
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn rfft_with<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, T, D>,
    args: &FftArgs,
) -> Result<Array<Complex<T>, D>> {
    let (axis, n) = resolve(&x, args, "rfft n")?;
    // One lane of exactly `n` samples (a 1-D signal, or a single row): [`rfft`]'s two-core
    // transform, which the loop over lanes does not use. From Python (`sigfeat.fft.rfft`, which
    // comes here) a 1e6-sample `rfft` took 6.3-7.5 ms on one core against 5.0-5.2 ms for `rfft`.
    if x.len() == n
        && x.len_of(Axis(axis)) == n
        && two_core::worth_it(n)
        && let Some(lane) = x.lanes(Axis(axis)).into_iter().next()
        && nonfinite::all_finite_view(lane)
    {
        let mut out = two_core::plan::<T>(n).process(lane);
        let scale = args.norm.scale::<T>(n, false);
        if scale != T::one() {
            out.mapv_inplace(|v| v * scale);
        }
        let mut shape = x.raw_dim();
        shape[axis] = n / 2 + 1;
        if let Ok(out) = out.into_shape_with_order(shape) {
            return Ok(out);
        }
    }
    Ok(rfft_along(x, axis, n, args.norm))
}

/// Equal to `numpy.fft.irfft(x, n, axis, norm)` for an array of any dimension (tested against it).
///
/// `n` is the output length along the axis (default `2 * (m - 1)` for `m` input terms); the
/// input is cropped or zero-padded to `n / 2 + 1` terms. Imaginary parts of DC and Nyquist are
/// ignored, as numpy.
///
/// # Errors
/// [`Error::InvalidAxis`]; [`dsp_core::Error::TooShort`] when `x` is empty along the axis;
/// [`Error::InvalidLength`] when the output length is 0.
pub fn irfft_with<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    args: &FftArgs,
) -> Result<Array<T, D>> {
    let axis = normalize_axis(args.axis, x.ndim())?;
    let n = irfft_len(x.len_of(Axis(axis)), args.n)?;
    Ok(irfft_along(x, axis, n, args.norm))
}

/// Equal to `numpy.fft.fft(x, n, axis, norm)` for an array of any dimension (tested against it).
///
/// # Errors
/// As [`rfft_with`].
pub fn fft_with<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    args: &FftArgs,
) -> Result<Array<Complex<T>, D>> {
    let (axis, n) = resolve(&x, args, "fft n")?;
    Ok(complex_along(x, axis, n, false, args.norm))
}

/// Equal to `numpy.fft.ifft(x, n, axis, norm)` for an array of any dimension (tested against it).
///
/// # Errors
/// As [`rfft_with`].
pub fn ifft_with<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    args: &FftArgs,
) -> Result<Array<Complex<T>, D>> {
    let (axis, n) = resolve(&x, args, "ifft n")?;
    Ok(complex_along(x, axis, n, true, args.norm))
}

/// The checked axis and transform length of a forward-shaped (`n` in, `n` or `n/2+1` out)
/// transform.
fn resolve<A, D: Dimension>(
    x: &ArrayView<'_, A, D>,
    args: &FftArgs,
    what: &'static str,
) -> Result<(usize, usize)> {
    let axis = normalize_axis(args.axis, x.ndim())?;
    match args.n {
        Some(0) => Err(Error::InvalidLength { what, n: 0 }),
        Some(n) => Ok((axis, n)),
        None => Ok((axis, axis_len(x, axis)?)),
    }
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

/// `rfft` of length `n` along `axis` (checked), scaled for `norm`.
fn rfft_along<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, T, D>,
    axis: usize,
    n: usize,
    norm: Norm,
) -> Array<Complex<T>, D> {
    let plan = T::planners().r2c(n);
    let scale = norm.scale::<T>(n, false);
    along_axis(x, axis, n / 2 + 1, complex_tmp, |xl, o, b| {
        rfft_lane(&*plan, xl, o, b);
        scale_by(o, scale);
    })
}

/// `irfft` with output length `n` along `axis` (checked), scaled for `norm`.
fn irfft_along<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    axis: usize,
    n: usize,
    norm: Norm,
) -> Array<T, D> {
    let plan = T::planners().c2r(n);
    let scale = norm.scale::<T>(n, true);
    along_axis(x, axis, n, real_tmp, |xl, o, b| {
        irfft_lane(&*plan, xl, o, scale, b);
    })
}

/// Complex transform of length `n` along `axis` (checked), scaled for `norm`.
fn complex_along<T: FftFloat, D: Dimension>(
    x: ArrayView<'_, Complex<T>, D>,
    axis: usize,
    n: usize,
    inverse: bool,
    norm: Norm,
) -> Array<Complex<T>, D> {
    let plan = T::planners().complex(n, inverse);
    let scale = norm.scale::<T>(n, inverse);
    along_axis(x, axis, n, complex_tmp, |xl, o, b| {
        copy_cropped(xl, o);
        complex_scaled(&*plan, o, scale, b);
    })
}

fn complex_tmp<T>(b: &mut Buffers<T>) -> &mut Vec<Complex<T>> {
    &mut b.complex
}

fn real_tmp<T>(b: &mut Buffers<T>) -> &mut Vec<T> {
    &mut b.real
}

/// The array of `x`'s shape with `out_len` along `axis`, each lane written by `lane` into a
/// contiguous slice (the lane itself, or a per-thread buffer taken by `tmp` and copied out).
fn along_axis<A, B, D, T, F>(
    x: ArrayView<'_, A, D>,
    axis: usize,
    out_len: usize,
    tmp: fn(&mut Buffers<T>) -> &mut Vec<B>,
    lane: F,
) -> Array<B, D>
where
    A: Sync,
    B: Copy + Default + Send,
    D: Dimension,
    T: FftFloat,
    F: Fn(ArrayView1<'_, A>, &mut [B], &mut Buffers<T>) + Sync,
{
    let mut shape = x.raw_dim();
    shape[axis] = out_len;
    let mut out = Array::<B, D>::default(shape);
    let parallel = x.len() >= PARALLEL_MIN_LEN;
    for_lanes(
        x,
        out.view_mut(),
        axis,
        parallel,
        |xl, mut ol, b| match ol.as_slice_mut() {
            Some(o) => lane(xl, o, b),
            None => {
                let mut buf = std::mem::take(tmp(b));
                let t = sized(&mut buf, ol.len());
                lane(xl, t, b);
                ol.iter_mut().zip(t.iter()).for_each(|(o, v)| *o = *v);
                *tmp(b) = buf;
            }
        },
    );
    out
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

/// `dst = x` cropped or zero-padded to `dst.len()`.
fn copy_cropped<A: Copy + Default>(x: ArrayView1<'_, A>, dst: &mut [A]) {
    let keep = x.len().min(dst.len());
    match x.as_slice() {
        Some(s) => dst[..keep].copy_from_slice(&s[..keep]),
        None => dst[..keep]
            .iter_mut()
            .zip(x.iter())
            .for_each(|(d, s)| *d = *s),
    }
    dst[keep..].fill(A::default());
}

fn scale_by<A: Copy + std::ops::Mul<T, Output = A>, T: FftFloat>(data: &mut [A], scale: T) {
    if scale != T::one() {
        data.iter_mut().for_each(|v| *v = *v * scale);
    }
}

/// `out = rfft(x)` of length `plan.len()` (`x` cropped or zero-padded to it),
/// `out.len() == plan.len() / 2 + 1`, via this thread's buffers. Non-finite samples as [`rfft`].
pub(crate) fn rfft_lane<T: FftFloat>(
    plan: &dyn RealToComplex<T>,
    x: ArrayView1<'_, T>,
    out: &mut [Complex<T>],
    b: &mut Buffers<T>,
) {
    let input = sized(&mut b.real, plan.len());
    copy_cropped(x, input);
    let finite = nonfinite::all_finite(input);
    let mut bad = Vec::new();
    if !finite {
        bad = nonfinite::take_nonfinite(input);
    }
    let scratch = sized(&mut b.scratch, plan.get_scratch_len());
    // Buffer lengths are set from the plan just above, the only error realfft reports here.
    plan.process_with_scratch(input, out, scratch)
        .expect("rfft buffers are sized from the plan");
    if !finite {
        nonfinite::add_terms(&bad, plan.len(), out);
    }
}

/// `out = irfft(x, out.len())` (numpy's crop/zero-pad of `x`), times `scale`.
pub(crate) fn irfft_lane<T: FftFloat>(
    plan: &dyn ComplexToReal<T>,
    x: ArrayView1<'_, Complex<T>>,
    out: &mut [T],
    scale: T,
    b: &mut Buffers<T>,
) {
    let input = sized(&mut b.complex, out.len() / 2 + 1);
    copy_cropped(x, input);
    irfft_inplace(plan, input, out, &mut b.scratch);
    scale_by(out, scale);
}

/// `out = irfft(input)`, unscaled, with `input.len() == out.len() / 2 + 1`, destroying `input`.
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

/// In-place complex FFT of `data` (a whole number of transforms), `1/n` on the inverse.
pub(crate) fn complex_inplace<T: FftFloat>(
    plan: &dyn Fft<T>,
    data: &mut [Complex<T>],
    inverse: bool,
    b: &mut Buffers<T>,
) {
    complex_scaled(plan, data, Norm::Backward.scale(plan.len(), inverse), b);
}

/// In-place complex FFT of `data` (a whole number of transforms), times `scale`.
fn complex_scaled<T: FftFloat>(
    plan: &dyn Fft<T>,
    data: &mut [Complex<T>],
    scale: T,
    b: &mut Buffers<T>,
) {
    let scratch = sized(&mut b.scratch, plan.get_inplace_scratch_len());
    plan.process_with_scratch(data, scratch);
    scale_by(data, scale);
}
