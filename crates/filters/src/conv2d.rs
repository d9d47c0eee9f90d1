//! 2-D convolution with `scipy.ndimage` boundaries, direct or through the FFT.
//!
//! Small kernels go to `dsp_core::ndimage::convolve` (scipy's summation
//! order, exact); large ones to [`FftConvolver2d`]: the image is extended
//! by the kernel's reach exactly as scipy extends it (so every boundary mode
//! gives scipy's result), transformed once with `fourier::rfft2`, and each
//! kernel costs one forward and one inverse transform. The FFT path agrees
//! with the direct one to a few ulps of the largest output.

use dsp_core::{BoundaryMode, boundary, check};
use fourier::{Complex, FftFloat, Method, Workload, irfft2, next_fast_len, rfft2_col_major};
use ndarray::{Array2, ArrayView2, Axis, Zip};

use crate::{Error, Result};

/// Equal to `scipy.ndimage.convolve(image, kernel, mode=..., cval=...)` for 2-D arrays
/// (tested against it), by the method chosen. (Not `scipy.signal.convolve2d`, whose output
/// size and boundaries differ.)
///
/// `out[i, j] = sum_{a, b} kernel[a, b] * ext[i + kh/2 - a, j + kw/2 - b]`,
/// where `ext` is the image extended by `mode`. `method` is resolved for
/// [`Workload::Image`]: under `Auto`, direct sums for kernels of at most
/// [`fourier::IMAGE_DIRECT_MAX_TAPS`] samples, [`FftConvolver2d`] above (`OverlapAdd` is `Fft`).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when the image or the kernel is empty;
/// [`dsp_core::Error::InvalidParameter`] for a non-finite `Constant` value.
///
/// # Example
/// ```
/// use dsp_core::BoundaryMode;
/// use fourier::Method;
/// use ndarray::array;
/// let image = array![[1.0_f64, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let kernel = array![[0.0, 0.0, 0.0], [0.0, 1.0, 1.0], [0.0, 0.0, 0.0]];
/// // out[i, j] = image[i, j] + image[i, j - 1], the edge reflected (scipy's "reflect")
/// let out = filters::ndimage_convolve2d(image.view(), kernel.view(), BoundaryMode::Reflect, Method::Auto)?;
/// assert_eq!(out, array![[2.0, 3.0, 5.0], [8.0, 9.0, 11.0]]);
/// let fft = filters::ndimage_convolve2d(image.view(), kernel.view(), BoundaryMode::Reflect, Method::Fft)?;
/// assert!((&fft - &out).iter().all(|d| d.abs() < 1e-12));
/// # Ok::<(), filters::Error>(())
/// ```
pub fn ndimage_convolve2d<T: FftFloat>(
    image: ArrayView2<'_, T>,
    kernel: ArrayView2<'_, T>,
    mode: BoundaryMode,
    method: Method,
) -> Result<Array2<T>> {
    if method.resolve(Workload::Image { taps: kernel.len() }) == Method::Direct {
        return Ok(dsp_core::ndimage::convolve(image, kernel, mode, &[])?);
    }
    FftConvolver2d::new(image, kernel.dim(), mode)?.convolve(kernel)
}

/// One image prepared for FFT convolution with many kernels (plan once, run many).
///
/// Holds the spectrum of the image extended for kernels up to `max_kernel`
/// in each axis; [`FftConvolver2d::convolve`] then returns what
/// `scipy.ndimage.convolve(image, kernel, mode)` returns, for any kernel no
/// larger than that.
#[derive(Debug, Clone)]
pub struct FftConvolver2d<T: FftFloat> {
    shape: (usize, usize),
    max_kernel: (usize, usize),
    before: (usize, usize),
    fft_shape: (usize, usize),
    spectrum: Array2<Complex<T>>,
}

/// Samples before and after a line that a kernel of length `n` reads: scipy's
/// convolution reads `in[i + n/2 - a]`, `a` in `0..n`.
fn reach(n: usize) -> (usize, usize) {
    (n - 1 - n / 2, n / 2)
}

impl<T: FftFloat> FftConvolver2d<T> {
    /// Extends `image` by `mode` for kernels up to `max_kernel = (rows, cols)`
    /// and transforms it.
    ///
    /// # Errors
    /// [`dsp_core::Error::TooShort`] when the image is empty or a side of
    /// `max_kernel` is 0; [`dsp_core::Error::InvalidParameter`] for a
    /// non-finite `Constant` value.
    pub fn new(
        image: ArrayView2<'_, T>,
        max_kernel: (usize, usize),
        mode: BoundaryMode,
    ) -> Result<Self> {
        let (h, w) = image.dim();
        check::ensure_len("image", h * w, 1)?;
        check::ensure_len("kernel rows", max_kernel.0, 1)?;
        check::ensure_len("kernel columns", max_kernel.1, 1)?;
        boundary::ensure_mode(mode)?;
        let (rb, ra) = reach(max_kernel.0);
        let (cb, ca) = reach(max_kernel.1);
        let (eh, ew) = (h + rb + ra, w + cb + ca);
        let fft_shape = (next_fast_len(eh), next_fast_len(ew));
        let cval = match mode {
            BoundaryMode::Constant(c) => T::of(c),
            _ => T::zero(),
        };
        let mut ext = Array2::<T>::zeros(fft_shape);
        let img = image.as_standard_layout();
        Zip::indexed(ext.slice_axis_mut(Axis(0), (0..eh).into()).rows_mut()).par_for_each(
            |p, mut row| {
                // `ext` is a new standard-layout array: rows are contiguous.
                let out = &mut row
                    .as_slice_mut()
                    .expect("rows of a new standard-layout array")[..ew];
                match boundary::source_index(p as isize - rb as isize, h, mode) {
                    None => out.fill(cval),
                    Some(src) => {
                        let line = img.row(src);
                        let line = line.as_slice().expect("rows of a standard-layout array");
                        boundary::extend(line, cb, ca, mode, out)
                            .expect("lengths match by construction and the mode was checked");
                    }
                }
            },
        );
        let spectrum = rfft2_col_major(ext.view())?;
        Ok(Self {
            shape: (h, w),
            max_kernel,
            before: (rb, cb),
            fft_shape,
            spectrum,
        })
    }

    /// The image shape this convolver was built for.
    #[must_use]
    pub fn shape(&self) -> (usize, usize) {
        self.shape
    }

    /// Convolves the prepared image with `kernel`; equal to
    /// `scipy.ndimage.convolve` up to FFT rounding (tested against it).
    ///
    /// # Errors
    /// [`dsp_core::Error::TooShort`] for an empty kernel;
    /// [`dsp_core::Error::ShapeMismatch`] for a kernel larger than the
    /// `max_kernel` given to [`FftConvolver2d::new`].
    pub fn convolve(&self, kernel: ArrayView2<'_, T>) -> Result<Array2<T>> {
        let (kh, kw) = kernel.dim();
        check::ensure_len("kernel", kh * kw, 1)?;
        if kh > self.max_kernel.0 || kw > self.max_kernel.1 {
            return Err(Error::Core(dsp_core::Error::ShapeMismatch {
                what: "kernel (at most the convolver's max_kernel)",
                expected: vec![self.max_kernel.0, self.max_kernel.1],
                got: vec![kh, kw],
            }));
        }
        let mut padded = Array2::<T>::zeros(self.fft_shape);
        padded
            .slice_axis_mut(Axis(0), (0..kh).into())
            .slice_axis_mut(Axis(1), (0..kw).into())
            .assign(&kernel);
        let mut k = rfft2_col_major(padded.view())?;
        Zip::from(&mut k)
            .and(&self.spectrum)
            .par_for_each(|a, &b| *a = *a * b);
        let full = irfft2(k.view(), Some(self.fft_shape))?;
        let r0 = kh / 2 + self.before.0;
        let c0 = kw / 2 + self.before.1;
        let (h, w) = self.shape;
        Ok(full
            .slice_axis(Axis(0), (r0..r0 + h).into())
            .slice_axis(Axis(1), (c0..c0 + w).into())
            .to_owned())
    }
}
