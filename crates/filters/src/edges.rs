//! Derivative filters: Sobel and Prewitt (`scipy.ndimage`), Scharr (skimage),
//! and gradient magnitude and orientation.

use dsp_core::{BoundaryMode, Float, check, ndimage};
use ndarray::{Array, Array2, ArrayView, ArrayView2, Dimension, Zip};

use crate::Result;

/// `[-1, 0, 1]` along `axis` then `smooth` along every other axis, in scipy's order.
fn separable<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    axis: usize,
    smooth: [f64; 3],
    mode: BoundaryMode,
) -> Result<Array<T, D>> {
    check::ensure_len("input", input.len(), 1)?;
    let edge = [-T::one(), T::zero(), T::one()];
    let smooth = smooth.map(T::of);
    let ndim = input.ndim();
    if axis >= ndim {
        return Err(dsp_core::Error::AxisOutOfBounds { axis, ndim }.into());
    }
    // scipy's order: the derivative axis first, then the others ascending
    // (dsp-core fuses the passes, so no intermediate image is written).
    let mut passes: Vec<(usize, &[T], isize)> = vec![(axis, &edge[..], 0)];
    passes.extend(
        (0..ndim)
            .filter(|&a| a != axis)
            .map(|a| (a, &smooth[..], 0)),
    );
    Ok(ndimage::correlate1d_sequence(input, &passes, mode)?)
}

/// Equal to `scipy.ndimage.sobel(input, axis, mode=..., cval=...)` (tested against it).
///
/// Correlation with `[-1, 0, 1]` along `axis` (so the result is positive
/// where values grow with the index), then with `[1, 2, 1]` along every other
/// axis; not normalised (a unit ramp gives 8 in 2-D).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an empty input;
/// [`dsp_core::Error::AxisOutOfBounds`]; [`dsp_core::Error::InvalidParameter`]
/// for a non-finite `cval`.
///
/// # Example
/// ```
/// use ndarray::Array2;
/// let ramp = Array2::from_shape_fn((4, 5), |(_, j)| j as f64);
/// let gx = filters::sobel(ramp.view(), 1, dsp_core::BoundaryMode::Nearest)?;
/// assert_eq!(gx[[1, 2]], 8.0);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn sobel<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    axis: usize,
    mode: BoundaryMode,
) -> Result<Array<T, D>> {
    separable(input, axis, [1.0, 2.0, 1.0], mode)
}

/// Equal to `scipy.ndimage.prewitt(input, axis, mode=..., cval=...)` (tested against it):
/// `[-1, 0, 1]` along `axis`, `[1, 1, 1]` along the others.
///
/// # Errors
/// As [`sobel`].
pub fn prewitt<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    axis: usize,
    mode: BoundaryMode,
) -> Result<Array<T, D>> {
    separable(input, axis, [1.0, 1.0, 1.0], mode)
}

/// The 3 x 3 Scharr kernel for `axis` as skimage builds it: `[1, 0, -1]`
/// along `axis` times `[3, 10, 3] / 16` across.
fn scharr_kernel<T: Float>(axis: usize) -> Array2<T> {
    let edge = [1.0, 0.0, -1.0];
    let smooth = [3.0 / 16.0, 10.0 / 16.0, 3.0 / 16.0];
    Array2::from_shape_fn((3, 3), |(r, c)| {
        T::of(if axis == 0 {
            edge[r] * smooth[c]
        } else {
            smooth[r] * edge[c]
        })
    })
}

/// Equal to `skimage.filters.scharr(image, axis=axis, mode=..., cval=...)` for a
/// 2-D float image (tested against it).
///
/// skimage's convention, which differs from scipy's Sobel in scale and sign
/// bookkeeping: `scipy.ndimage.convolve` (not correlate) with `[1, 0, -1]`
/// along `axis` times `[3, 10, 3] / 16` across, which is a correlation with
/// `[-1, 0, 1]`: positive where values grow with the index, and a unit ramp
/// gives 1. `axis = 0` is `skimage.filters.scharr_h` (horizontal edges,
/// derivative down the rows), `axis = 1` is `scharr_v`.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an empty image;
/// [`dsp_core::Error::AxisOutOfBounds`] for `axis > 1`; as [`sobel`] for `cval`.
pub fn scharr<T: Float>(
    image: ArrayView2<'_, T>,
    axis: usize,
    mode: BoundaryMode,
) -> Result<Array2<T>> {
    if axis > 1 {
        return Err(dsp_core::Error::AxisOutOfBounds { axis, ndim: 2 }.into());
    }
    Ok(ndimage::convolve(
        image,
        scharr_kernel::<T>(axis).view(),
        mode,
        &[],
    )?)
}

/// Equal to `skimage.filters.scharr(image, mode=...)` with no axis (tested
/// against it): `sqrt((scharr_h^2 + scharr_v^2) / 2)`.
///
/// # Errors
/// As [`scharr`].
pub fn scharr_magnitude<T: Float>(
    image: ArrayView2<'_, T>,
    mode: BoundaryMode,
) -> Result<Array2<T>> {
    let mut h = scharr(image, 0, mode)?;
    let v = scratch_square(scharr(image, 1, mode)?);
    h.mapv_inplace(|x| x * x);
    let r2 = T::of(2.0).sqrt();
    Zip::from(&mut h)
        .and(&v)
        .for_each(|a, &b| *a = (*a + b).sqrt() / r2);
    Ok(h)
}

fn scratch_square<T: Float>(mut a: Array2<T>) -> Array2<T> {
    a.mapv_inplace(|x| x * x);
    a
}

/// Which derivative filter [`gradient`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GradientOperator {
    /// [`sobel`] (scipy), unnormalised.
    #[default]
    Sobel,
    /// [`prewitt`] (scipy), unnormalised.
    Prewitt,
    /// [`scharr`] (skimage), normalised to 1 per unit ramp.
    Scharr,
}

/// Gradient magnitude and orientation of a 2-D image.
///
/// `gy` is the derivative down the rows (axis 0), `gx` along the columns
/// (axis 1), both positive where values grow with the index. Returns
/// `(magnitude, orientation)` with `magnitude = sqrt(gx^2 + gy^2)` (`hypot`)
/// and `orientation = atan2(gy, gx)` in radians, in `(-pi, pi]`; because rows
/// grow downwards, a positive angle points down-right of the x axis on screen
/// (clockwise), as `numpy.arctan2(sobel(im, 0), sobel(im, 1))`.
///
/// # Errors
/// As [`sobel`].
pub fn gradient<T: Float>(
    image: ArrayView2<'_, T>,
    operator: GradientOperator,
    mode: BoundaryMode,
) -> Result<(Array2<T>, Array2<T>)> {
    let (gy, gx) = match operator {
        GradientOperator::Sobel => (sobel(image, 0, mode)?, sobel(image, 1, mode)?),
        GradientOperator::Prewitt => (prewitt(image, 0, mode)?, prewitt(image, 1, mode)?),
        GradientOperator::Scharr => (scharr(image, 0, mode)?, scharr(image, 1, mode)?),
    };
    let mag = Zip::from(&gy).and(&gx).map_collect(|&y, &x| x.hypot(y));
    let ang = Zip::from(&gy).and(&gx).map_collect(|&y, &x| y.atan2(x));
    Ok((mag, ang))
}
