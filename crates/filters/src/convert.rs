//! Image conversions: colour to grey, integer to float and back, as skimage does them.

use dsp_core::{Error as CoreError, Float, check};
use ndarray::{Array, Array2, ArrayView, ArrayView3, Axis, Dimension};

use crate::Result;

/// Luminance weights of `skimage.color.rgb2gray`: ITU-R BT.709 primaries,
/// `Y = 0.2125 R + 0.7154 G + 0.0721 B`.
pub const RGB2GRAY_WEIGHTS: [f64; 3] = [0.2125, 0.7154, 0.0721];

/// Equal to `skimage.color.rgb2gray` for a float image (tested against it).
///
/// `(height, width, 3)` in, `(height, width)` out:
/// `0.2125 R + 0.7154 G + 0.0721 B`, summed in that order in `T`.
///
/// # Errors
/// [`dsp_core::Error::ShapeMismatch`] unless the last axis has length 3;
/// [`dsp_core::Error::TooShort`] for an empty image.
///
/// # Example
/// ```
/// let rgb = ndarray::Array3::<f64>::ones((2, 2, 3));
/// let g = filters::rgb2gray(rgb.view())?;
/// assert!((g[[0, 0]] - 1.0).abs() < 1e-15);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn rgb2gray<T: Float>(rgb: ArrayView3<'_, T>) -> Result<Array2<T>> {
    check_rgb(rgb.shape())?;
    let [wr, wg, wb] = RGB2GRAY_WEIGHTS.map(T::of);
    Ok(rgb.map_axis(Axis(2), |p| p[0] * wr + p[1] * wg + p[2] * wb))
}

/// Equal to `skimage.color.rgb2gray` for a `u8` image (tested against it):
/// [`img_as_float`] first (`x * (1 / 255)`), then [`rgb2gray`].
///
/// # Errors
/// As [`rgb2gray`].
pub fn rgb2gray_u8<T: Float>(rgb: ArrayView3<'_, u8>) -> Result<Array2<T>> {
    check_rgb(rgb.shape())?;
    rgb2gray(img_as_float::<T, _>(rgb).view())
}

fn check_rgb(shape: &[usize]) -> Result<()> {
    if shape[2] != 3 {
        return Err(CoreError::ShapeMismatch {
            what: "RGB image (height, width, 3)",
            expected: vec![shape[0], shape[1], 3],
            got: shape.to_vec(),
        }
        .into());
    }
    Ok(check::ensure_len("image", shape[0] * shape[1], 1)?)
}

/// Equal to `skimage.util.img_as_float` (`T = f64`) and `img_as_float32`
/// (`T = f32`) for `u8` input (tested against them): `x * (1 / 255)` in `T`.
#[must_use]
pub fn img_as_float<T: Float, D: Dimension>(image: ArrayView<'_, u8, D>) -> Array<T, D> {
    let s = T::of(1.0 / 255.0);
    image.mapv(|x| T::of_usize(usize::from(x)) * s)
}

/// Equal to `skimage.util.img_as_ubyte` for float input (tested against it):
/// `rint(255 x)` after clipping negative values to 0.
///
/// # Errors
/// [`dsp_core::Error::NonFinite`] for NaN or infinity;
/// [`dsp_core::Error::InvalidParameter`] for a value outside `[-1, 1]`
/// (skimage raises there too).
pub fn img_as_ubyte<T: Float, D: Dimension>(image: ArrayView<'_, T, D>) -> Result<Array<u8, D>> {
    check::ensure_finite("image", image.iter())?;
    if let Some(&bad) = image.iter().find(|v| v.abs() > T::one()) {
        return Err(CoreError::InvalidParameter {
            name: "image value",
            value: bad.to_f64_lossless(),
            expected: "float images must lie in [-1, 1]",
        }
        .into());
    }
    let s = T::of(255.0);
    // After the range check, rint(255 x) clipped to [0, 255] fits a u8.
    Ok(image.mapv(|x| {
        (x * s)
            .to_f64_lossless()
            .round_ties_even()
            .clamp(0.0, 255.0) as u8
    }))
}

/// Equal to numpy's `(x - x.min()) / (x.max() - x.min())`: min-max scaling of an array of any
/// dimension (an image, a spectrum) to `[0, 1]`. The tutorial calls it `imscale`
/// ([`tutorial::imscale`](crate::tutorial::imscale)).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an empty array; [`dsp_core::Error::NonFinite`] at the
/// first NaN or infinity; [`dsp_core::Error::ConstantInput`] when every element is equal
/// (numpy would return NaNs).
///
/// # Example
/// ```
/// use ndarray::array;
/// let y = filters::scale_to_unit_range(array![[2.0_f64, 4.0], [6.0, 10.0]].view())?;
/// assert_eq!(y, array![[0.0, 0.25], [0.5, 1.0]]);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn scale_to_unit_range<T: Float, D: Dimension>(x: ArrayView<'_, T, D>) -> Result<Array<T, D>> {
    check::ensure_len("x", x.len(), 1)?;
    let (lo, hi) = check::finite_min_max("x", &x)?;
    if hi == lo {
        return Err(CoreError::ConstantInput {
            what: "x",
            value: lo.to_f64_lossless(),
        }
        .into());
    }
    let range = hi - lo;
    Ok(x.mapv(|v| (v - lo) / range))
}
