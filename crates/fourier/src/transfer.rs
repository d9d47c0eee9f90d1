//! The transfer function of a circular (wrap-around) convolution.

use ndarray::Array1;

use crate::plan::FftFloat;
use crate::{Complex, Result, rfft};

/// The DFT of a centred kernel laid out circularly on `n` samples (tap `j` at
/// `(j - len / 2) mod n`): what a wrap-around convolution multiplies each frequency by, so that
/// `rfft(convolve1d(x, kernel, mode="wrap")) = rfft(x) * circular_transfer(kernel, n)` for any
/// `x` of length `n` (the convolution theorem, exact up to rounding; tested against
/// `dsp_core::convolve1d` with [`dsp_core::BoundaryMode::Wrap`]).
///
/// For `kernel.len() <= n` this equals numpy's
/// `numpy.fft.rfft(numpy.roll(numpy.pad(kernel, (0, n - len(kernel))), -(len(kernel) // 2)))`;
/// a longer kernel wraps onto itself (taps `n` apart add up), as the wrap-around convolution
/// sees it. The centre `len / 2` is `scipy.ndimage.convolve1d`'s with `origin = 0`.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an empty kernel or `n == 0`.
///
/// # Example
/// ```
/// // A centred 3-tap moving average: transfer (1 + 2 cos(2 pi k / n)) / 3 (real: the kernel is
/// // symmetric about its centre).
/// let g = fourier::circular_transfer(&[1.0f64 / 3.0; 3], 8)?;
/// assert!((g[0].re - 1.0).abs() < 1e-15);
/// assert!((g[2].re - 1.0 / 3.0).abs() < 1e-15 && g[2].im.abs() < 1e-15);
/// # Ok::<(), fourier::Error>(())
/// ```
pub fn circular_transfer<T: FftFloat>(kernel: &[T], n: usize) -> Result<Array1<Complex<T>>> {
    dsp_core::check::ensure_len("kernel", kernel.len(), 1)?;
    dsp_core::check::ensure_len("n", n, 1)?;
    let r = kernel.len() / 2;
    let mut e = Array1::<T>::zeros(n);
    for (j, &g) in kernel.iter().enumerate() {
        // (j - r) mod n without leaving usize: j + n * ceil(r / n) - r >= 0.
        e[(j + n * r.div_ceil(n) - r) % n] += g;
    }
    rfft(e.view())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsp_core::BoundaryMode;

    fn check_theorem(kernel: &[f64], n: usize) {
        let x = Array1::from_shape_fn(n, |i| ((i * 7919) % 13) as f64 - 6.0 + (i as f64).sin());
        let y = dsp_core::convolve1d(x.view(), kernel, 0, BoundaryMode::Wrap, 0).unwrap();
        let (xs, ys) = (rfft(x.view()).unwrap(), rfft(y.view()).unwrap());
        let g = circular_transfer(kernel, n).unwrap();
        let scale = ys.iter().map(|c| c.norm()).fold(0.0, f64::max);
        for ((a, b), c) in xs.iter().zip(&g).zip(&ys) {
            assert!(
                (a * b - c).norm() <= 1e-12 * scale,
                "n {n}, kernel {kernel:?}"
            );
        }
    }

    #[test]
    fn convolution_theorem_holds_for_wrap_convolution() {
        check_theorem(&[0.25, 0.5, 0.25], 16);
        check_theorem(&[1.0, -2.0, 0.5, 3.0], 9); // even length: centre at len / 2
        check_theorem(&[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], 5); // longer than n: wraps
    }

    #[test]
    fn empty_inputs_are_errors() {
        assert!(circular_transfer::<f64>(&[], 4).is_err());
        assert!(circular_transfer(&[1.0], 0).is_err());
    }
}
