//! FFT and overlap(-save) convolution with numpy/scipy modes, and the `auto` choice between them
//! and the direct method.

use ndarray::{Array1, ArrayView1};
use num_complex::Complex;
use rayon::prelude::*;
use realfft::{ComplexToReal, FftError, RealToComplex};

use dsp_core::ConvMode;

use crate::Result;
use crate::plan::{FftFloat, sized};

/// How [`convolve_with`] computes a convolution; equal results up to rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// Pick the fastest of the others from [`choose_method`]'s measured cost model.
    #[default]
    Auto,
    /// Direct sums, `dsp_core::convolve` (`O(n m)`), exact to a few ulps per output.
    Direct,
    /// One zero-padded FFT of the whole output, [`fftconvolve`] (`O((n + m) log(n + m))`).
    Fft,
    /// Blocks of the signal against one kernel spectrum, [`oaconvolve`] (`O(n log m)`).
    OverlapAdd,
}

/// Smallest 5-smooth integer (`2^a 3^b 5^c`) `>= target`; equal to
/// `scipy.fft.next_fast_len(target, real=True)` (tested against it).
///
/// `next_fast_len(0) == 0`, as scipy.
#[must_use]
pub fn next_fast_len(target: usize) -> usize {
    if target <= 6 {
        return target;
    }
    let mut best = usize::MAX;
    let mut p5 = 1usize;
    while p5 < best {
        let mut p35 = p5;
        while p35 < best {
            // Smallest power of two taking p35 to >= target.
            let mut q = p35;
            while q < target {
                q *= 2;
            }
            best = best.min(q);
            if p35 >= target {
                break;
            }
            p35 *= 3;
        }
        if p5 >= target {
            break;
        }
        p5 *= 5;
    }
    best
}

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
/// output sample (see [`choose_method`]). As scipy, it falls back to [`fftconvolve`] when the
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

/// The block length [`oaconvolve`] uses for a kernel of length `m`: the smallest `L` in
/// `{2^k, 3 * 2^k}` with `L >= 8 m` (and `L >= 64`).
///
/// Measured (2 threads, every candidate from 64 to 196608, `n = 1e6`): the fastest blocks were
/// 256-512 for `m = 31`, 512-1024 for `m = 101`, 8192 for `m = 1001` and 32768 for `m = 4001`,
/// all about `8 m`; the textbook `L log L / (L - m + 1)` optimum picks larger blocks that fall
/// out of cache.
#[must_use]
pub fn oa_block_len(m: usize) -> usize {
    let target = (8 * m).max(64);
    let mut k = 64usize;
    loop {
        if k >= target {
            return k;
        }
        if 3 * k / 2 >= target {
            return 3 * k / 2;
        }
        k *= 2;
    }
}

/// Output samples per rayon task of [`oaconvolve`] (whole blocks, at least one).
const OA_TASK_SAMPLES: usize = 1 << 15;

/// Per-sample block overhead of overlap-save (copying the window, the spectrum product, the
/// output copy), in units of one FFT butterfly level: fitted with [`OA_NS`].
const OA_COPY: f64 = 4.0;

/// Which [`Method`] is fastest for a full convolution of lengths `n` and `m` on this kind of
/// machine, as `scipy.signal.choose_conv_method` does with its own timings.
///
/// The model (times in ns, fitted from best-of-11 timings on two pinned cores of a quiet
/// Xeon with AVX2: direct `1e6 x {4..256}`, `fftconvolve` at `1e6 x 1001`, `1e5 x 9e4`,
/// `2e4 x 2e4`, `1e6 x 5e5`, overlap at `1e6 x {31, 101, 1001, 4001}` for every block length):
/// - direct: `DIRECT_NS * n * m` (vectorised, both cores);
/// - FFT: `FFT_NS * L log2 L` with `L = next_fast_len(n + m - 1)` (three transforms);
/// - overlap: `OA_NS * (n + m) / (B - m + 1) * (B log2 B + OA_COPY * B)` with `B = oa_block_len(m)`.
///
/// The cheapest wins; `Direct` whenever `n * m` is below a few thousand.
#[must_use]
pub fn choose_method(n: usize, m: usize) -> Method {
    let (n, m) = (n.max(m), n.min(m));
    if n == 0 || m == 0 || n.saturating_mul(m) <= 4096 || m <= 8 {
        return Method::Direct;
    }
    let direct = DIRECT_NS * n as f64 * m as f64;
    let l = next_fast_len(n + m - 1) as f64;
    let fft = FFT_NS * l * l.log2();
    let oa = if 2 * m >= n {
        f64::INFINITY
    } else {
        let b = oa_block_len(m);
        let bf = b as f64;
        OA_NS * (n + m) as f64 / (bf - m as f64 + 1.0) * (bf * bf.log2() + OA_COPY * bf)
    };
    if direct <= fft && direct <= oa {
        Method::Direct
    } else if oa <= fft {
        Method::OverlapAdd
    } else {
        Method::Fft
    }
}

/// ns per multiply-add of the direct method (0.09-0.15 measured; 1e6 x 31 in 2.8-4.3 ms).
const DIRECT_NS: f64 = 0.13;
/// ns per `L log2 L` of [`fftconvolve`] (0.66-0.94 measured; three transforms, two in parallel).
const FFT_NS: f64 = 0.8;
/// ns per modelled unit of [`oaconvolve`] (0.19-0.20 measured at `m = 31` and `m = 1001`).
const OA_NS: f64 = 0.2;

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
    let method = match method {
        Method::Auto => choose_method(a.len(), v.len()),
        m => m,
    };
    match method {
        Method::Direct | Method::Auto => Ok(dsp_core::convolve(a.view(), v.view(), mode)?),
        Method::Fft => fftconvolve(a, v, mode),
        Method::OverlapAdd => oaconvolve(a, v, mode),
    }
}

/// Linear convolution by the fastest method; equal to `scipy.signal.convolve(a, v, mode,
/// method="auto")` and `numpy.convolve(a, v, mode)` up to rounding (tested against both).
///
/// The choice is [`choose_method`]`(a.len(), v.len())`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_fast_len_is_5_smooth_and_minimal() {
        let smooth = |mut x: usize| {
            for p in [2, 3, 5] {
                while x.is_multiple_of(p) {
                    x /= p;
                }
            }
            x == 1
        };
        for t in 1..2000 {
            let f = next_fast_len(t);
            assert!(f >= t && smooth(f), "{t} -> {f}");
            assert!((t..f).all(|x| !smooth(x)), "{t} -> {f}");
        }
    }

    #[test]
    fn block_len_grows_with_the_kernel() {
        assert!(oa_block_len(31) >= 62);
        assert!(oa_block_len(1001) > oa_block_len(31));
    }
}
