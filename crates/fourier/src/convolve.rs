//! FFT and overlap(-save) convolution with numpy/scipy modes, and the `auto` choice between them
//! and the direct method.

use ndarray::{Array1, ArrayView1};
use num_complex::Complex;
use rayon::prelude::*;
use realfft::{ComplexToReal, FftError, RealToComplex};

use dsp_core::ConvMode;

use crate::Result;
use crate::lengths::{next_fast_len, oa_block_len};
use crate::method::{Method, Workload};
use crate::plan::{FftFloat, sized};

/// Linear convolution through one FFT of the zero-padded inputs; equal to
/// `scipy.signal.fftconvolve(a, v, mode)` (tested against it).
///
/// Modes follow `numpy.convolve` (and [`ConvMode::output_len`]): identical to scipy's except
/// `Same` when `v` is longer than `a`, where scipy returns `len(a)` samples and numpy (and
/// this function) return `len(v)`, centred the same way. The transform length is
/// [`next_fast_len`]`(n + m - 1)`, as scipy; the two forward transforms run in parallel.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `a` or `v` is empty.
pub fn fftconvolve<T: FftFloat>(
    a: ArrayView1<'_, T>,
    v: ArrayView1<'_, T>,
    mode: ConvMode,
) -> Result<Array1<T>> {
    let (long, short, off, len) = layout(a.view(), v.view(), mode)?;
    let full = long.len() + short.len() - 1;
    let l = next_fast_len(full);
    let r2c = T::planners().r2c(l);
    let c2r = T::planners().c2r(l);
    let spectrum = |x: ArrayView1<'_, T>| {
        let mut spec = vec![Complex::<T>::default(); l / 2 + 1];
        T::with_buffers(|b| {
            let input = sized(&mut b.real, l);
            input[..x.len()]
                .iter_mut()
                .zip(x.iter())
                .for_each(|(d, s)| *d = *s);
            input[x.len()..].fill(T::zero());
            let scratch = sized(&mut b.scratch, r2c.get_scratch_len());
            forward(&*r2c, input, &mut spec, scratch);
        });
        spec
    };
    let (mut sa, sv) = if full >= 1 << 15 {
        rayon::join(|| spectrum(long), || spectrum(short))
    } else {
        (spectrum(long), spectrum(short))
    };
    let scale = T::one() / T::of_usize(l);
    sa.iter_mut()
        .zip(&sv)
        .for_each(|(x, y)| *x = *x * *y * scale);
    let mut out = vec![T::zero(); l];
    T::with_buffers(|b| {
        let scratch = sized(&mut b.scratch, c2r.get_scratch_len());
        inverse(&*c2r, &mut sa, &mut out, scratch);
    });
    out.truncate(off + len);
    out.drain(..off);
    Ok(Array1::from_vec(out))
}

/// Linear convolution by blocks against one kernel spectrum; equal to
/// `scipy.signal.oaconvolve(a, v, mode)` (tested against it).
///
/// The shorter input is the kernel. Each block of `L - m + 1` outputs is one length-`L`
/// transform of the input window it needs (overlap-save: each block writes its own outputs,
/// so blocks run in parallel without summing overlaps); the result is the same linear
/// convolution as scipy's overlap-add, up to rounding. `L` minimises the measured cost per
/// output sample (see [`choose_method`](crate::choose_method)). As scipy, it falls back to [`fftconvolve`] when the
/// kernel is at least half as long as the signal or a single block would cover the signal.
/// Modes follow `numpy.convolve` (see [`fftconvolve`] for the one difference from scipy).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `a` or `v` is empty.
pub fn oaconvolve<T: FftFloat>(
    a: ArrayView1<'_, T>,
    v: ArrayView1<'_, T>,
    mode: ConvMode,
) -> Result<Array1<T>> {
    let (long, short, off, len) = layout(a.view(), v.view(), mode)?;
    let (n, m) = (long.len(), short.len());
    if m == 1 || 2 * m >= n {
        return fftconvolve(a, v, mode);
    }
    let l = oa_block_len(m);
    if l >= n {
        return fftconvolve(a, v, mode);
    }
    Ok(Array1::from_vec(overlap_save(long, short, off, len, l)))
}

/// Output samples per rayon task of [`oaconvolve`] (whole blocks, at least one).
const OA_TASK_SAMPLES: usize = 1 << 15;

/// Linear convolution by the given [`Method`]; equal to `numpy.convolve(a, v, mode)` up to
/// rounding (tested against it for every method).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `a` or `v` is empty.
pub fn convolve_with<T: FftFloat>(
    a: ArrayView1<'_, T>,
    v: ArrayView1<'_, T>,
    mode: ConvMode,
    method: Method,
) -> Result<Array1<T>> {
    match method.resolve(Workload::Single {
        n: a.len(),
        m: v.len(),
    }) {
        Method::Direct | Method::Auto => Ok(dsp_core::convolve(a.view(), v.view(), mode)?),
        Method::Fft => fftconvolve(a, v, mode),
        Method::OverlapAdd => oaconvolve(a, v, mode),
    }
}

/// Linear convolution by the fastest method; equal to `scipy.signal.convolve(a, v, mode,
/// method="auto")` and `numpy.convolve(a, v, mode)` up to rounding (tested against both).
///
/// The choice is [`choose_method`](crate::choose_method)`(a.len(), v.len())`.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `a` or `v` is empty.
///
/// # Example
/// ```
/// use fourier::convolve_auto;
/// use dsp_core::ConvMode;
/// use ndarray::Array1;
/// let a = Array1::from_shape_fn(10_000, |i| (i as f64).sin());
/// let v = Array1::from_elem(501, 1.0 / 501.0);
/// let smooth = convolve_auto(a.view(), v.view(), ConvMode::Same)?;
/// let direct = dsp_core::convolve(a.view(), v.view(), ConvMode::Same)?;
/// assert!((&smooth - &direct).iter().all(|d| d.abs() < 1e-12));
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn convolve_auto<T: FftFloat>(
    a: ArrayView1<'_, T>,
    v: ArrayView1<'_, T>,
    mode: ConvMode,
) -> Result<Array1<T>> {
    convolve_with(a, v, mode, Method::Auto)
}

type Layout<'a, T> = (ArrayView1<'a, T>, ArrayView1<'a, T>, usize, usize);

/// Longer input, shorter input, and the window `[off, off + len)` of the full output that
/// `mode` keeps (numpy's centring).
fn layout<'a, T: FftFloat>(
    a: ArrayView1<'a, T>,
    v: ArrayView1<'a, T>,
    mode: ConvMode,
) -> Result<Layout<'a, T>> {
    dsp_core::check::ensure_len("a", a.len(), 1)?;
    dsp_core::check::ensure_len("v", v.len(), 1)?;
    let (long, short) = if v.len() > a.len() { (v, a) } else { (a, v) };
    let (n, m) = (long.len(), short.len());
    let off = match mode {
        ConvMode::Full => 0,
        ConvMode::Same => (m - 1) / 2,
        ConvMode::Valid => m - 1,
    };
    Ok((long, short, off, mode.output_len(n, m)))
}

fn forward<T: FftFloat>(
    plan: &dyn RealToComplex<T>,
    input: &mut [T],
    out: &mut [Complex<T>],
    scratch: &mut [Complex<T>],
) {
    // All buffers are sized from the plan, the only failure realfft reports for r2c.
    plan.process_with_scratch(input, out, scratch)
        .expect("r2c buffers are sized from the plan");
}

fn inverse<T: FftFloat>(
    plan: &dyn ComplexToReal<T>,
    input: &mut [Complex<T>],
    out: &mut [T],
    scratch: &mut [Complex<T>],
) {
    match plan.process_with_scratch(input, out, scratch) {
        // Products of real spectra have (numerically) zero imaginary DC/Nyquist; ignore as numpy.
        Ok(()) | Err(FftError::InputValues(..)) => {}
        Err(e) => unreachable!("c2r buffers are sized from the plan: {e}"),
    }
}

/// `full[off .. off + len]` of `x * k` by overlap-save with block length `l > m`.
fn overlap_save<T: FftFloat>(
    x: ArrayView1<'_, T>,
    k: ArrayView1<'_, T>,
    off: usize,
    len: usize,
    l: usize,
) -> Vec<T> {
    let (n, m) = (x.len(), k.len());
    let step = l - m + 1;
    let r2c = T::planners().r2c(l);
    let c2r = T::planners().c2r(l);
    let xs: std::borrow::Cow<'_, [T]> = match x.to_slice() {
        Some(s) => s.into(),
        None => x.to_vec().into(),
    };
    // Kernel spectrum, with the inverse's 1/l folded in.
    let mut kspec = vec![Complex::<T>::default(); l / 2 + 1];
    T::with_buffers(|b| {
        let input = sized(&mut b.real, l);
        input.fill(T::zero());
        input.iter_mut().zip(k.iter()).for_each(|(d, s)| *d = *s);
        let scratch = sized(&mut b.scratch, r2c.get_scratch_len());
        forward(&*r2c, input, &mut kspec, scratch);
    });
    let scale = T::one() / T::of_usize(l);
    kspec.iter_mut().for_each(|c| *c = *c * scale);
    let scratch_len = r2c.get_scratch_len().max(c2r.get_scratch_len());

    let mut out = vec![T::zero(); len];
    // Several blocks per rayon task, so small blocks do not drown in scheduling.
    let per_task = (OA_TASK_SAMPLES / step).max(1) * step;
    let task = |(t, outs): (usize, &mut [T])| {
        T::with_buffers(|b| {
            for (c, chunk) in outs.chunks_mut(step).enumerate() {
                let j0 = (off + t * per_task + c * step) as isize;
                let start = j0 - (m as isize - 1);
                let win = sized(&mut b.real, l);
                let lo = start.max(0) as usize;
                let hi = ((start + l as isize).min(n as isize)).max(0) as usize;
                if lo < hi {
                    let d0 = (lo as isize - start) as usize;
                    win[..d0].fill(T::zero());
                    win[d0..d0 + (hi - lo)].copy_from_slice(&xs[lo..hi]);
                    win[d0 + (hi - lo)..].fill(T::zero());
                } else {
                    win.fill(T::zero());
                }
                let spec = sized(&mut b.complex, l / 2 + 1);
                let scratch = sized(&mut b.scratch, scratch_len);
                forward(&*r2c, win, spec, scratch);
                spec.iter_mut().zip(&kspec).for_each(|(s, q)| *s = *s * *q);
                inverse(&*c2r, spec, win, scratch);
                chunk.copy_from_slice(&win[m - 1..m - 1 + chunk.len()]);
            }
        });
    };
    if len > per_task {
        out.par_chunks_mut(per_task).enumerate().for_each(task);
    } else {
        out.chunks_mut(per_task).enumerate().for_each(task);
    }
    out
}
