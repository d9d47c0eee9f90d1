//! Image comparison metrics as `skimage.metrics`: mean squared error and peak signal-to-noise
//! ratio, with skimage's per-dtype intensity ranges.

use dsp_core::{Error as CoreError, check};
use ndarray::{ArrayView, Dimension};

use crate::Result;

/// A pixel type and the intensities an image of it may hold: skimage's
/// `skimage.util.dtype.dtype_range` (`(-1, 1)` for floats, the type's limits for integers).
///
/// Implemented for `f32`, `f64`, `u8`, `u16`, `u32`, `i8`, `i16` and `i32`.
pub trait Intensity: Copy + Send + Sync + 'static {
    /// `dtype_range[dtype]`: the least and greatest intensity of an image of this type.
    const DTYPE_RANGE: (f64, f64);

    /// `(a - b) ** 2` as skimage computes it after `_as_floats` (in `f32` for `f32` images, in
    /// `f64` for every other type), widened to `f64` for the mean.
    fn squared_difference(a: Self, b: Self) -> f64;

    /// The value as `f64` (exact for every implementing type).
    fn to_f64(self) -> f64;
}

impl Intensity for f64 {
    const DTYPE_RANGE: (f64, f64) = (-1.0, 1.0);
    #[inline]
    fn squared_difference(a: Self, b: Self) -> f64 {
        let d = a - b;
        d * d
    }
    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
}

impl Intensity for f32 {
    const DTYPE_RANGE: (f64, f64) = (-1.0, 1.0);
    #[inline]
    fn squared_difference(a: Self, b: Self) -> f64 {
        let d = a - b;
        f64::from(d * d)
    }
    #[inline]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

macro_rules! integer_intensity {
    ($($t:ty),*) => {$(
        impl Intensity for $t {
            const DTYPE_RANGE: (f64, f64) = (<$t>::MIN as f64, <$t>::MAX as f64);
            #[inline]
            fn squared_difference(a: Self, b: Self) -> f64 {
                let d = f64::from(a) - f64::from(b);
                d * d
            }
            #[inline]
            fn to_f64(self) -> f64 {
                f64::from(self)
            }
        }
    )*};
}
integer_intensity!(u8, u16, u32, i8, i16, i32);

fn check_pair<T, D: Dimension>(
    image0: &ArrayView<'_, T, D>,
    image1: &ArrayView<'_, T, D>,
) -> Result<()> {
    if image0.shape() != image1.shape() {
        return Err(CoreError::ShapeMismatch {
            what: "images compared",
            expected: image0.shape().to_vec(),
            got: image1.shape().to_vec(),
        }
        .into());
    }
    Ok(check::ensure_len("image", image0.len(), 1)?)
}

/// Equal to `skimage.metrics.mean_squared_error` (tested against it): the mean of
/// `(image0 - image1) ** 2` over every element, in `f64`.
///
/// Any dimensionality; the squares are formed as [`Intensity::squared_difference`] and summed in
/// `f64` in logical (row-major) order, where numpy sums pairwise: the two agree to a relative
/// `1e-13` or so.
///
/// # Errors
/// [`dsp_core::Error::ShapeMismatch`] when the shapes differ (skimage's
/// `check_shape_equality`); [`dsp_core::Error::TooShort`] for empty images (where numpy's mean is
/// NaN with a warning).
///
/// # Example
/// ```
/// use ndarray::array;
/// let mse = filters::mean_squared_error(array![0.0, 0.5].view(), array![0.0, 1.0].view())?;
/// assert_eq!(mse, 0.125);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn mean_squared_error<T: Intensity, D: Dimension>(
    image0: ArrayView<'_, T, D>,
    image1: ArrayView<'_, T, D>,
) -> Result<f64> {
    check_pair(&image0, &image1)?;
    let sum: f64 = image0
        .iter()
        .zip(&image1)
        .map(|(&a, &b)| T::squared_difference(a, b))
        .sum();
    Ok(sum / image0.len() as f64)
}

/// Equal to `skimage.metrics.peak_signal_noise_ratio(image_true, image_test, data_range=...)`
/// (tested against it): `10 log10(data_range^2 / MSE)` in dB, `+inf` for identical images.
///
/// With `data_range = None` the range follows skimage's rule from the type of `image_true`
/// ([`Intensity::DTYPE_RANGE`], `(dmin, dmax)`): `dmax` when `image_true` has no negative value
/// (1 for a float image in `[0, 1]`, 255 for `u8`), else `dmax - dmin` (2 for a float image in
/// `[-1, 1]`); an `image_true` outside `[dmin, dmax]` is an error, as in skimage. A NaN in
/// `image_true` gives NaN, as numpy's `min`/`max` do there.
///
/// # Errors
/// As [`mean_squared_error`] for the shapes; [`dsp_core::Error::InvalidParameter`] when
/// `data_range` is `None` and `image_true` holds intensities outside its type's range (skimage's
/// `ValueError`; the value reported is the offending extreme), or when a given `data_range` is
/// not finite and positive (where skimage would return `-inf` or NaN).
///
/// # Example
/// ```
/// use ndarray::array;
/// let truth = array![[0.0, 1.0], [0.5, 0.25]];
/// let test = array![[0.1, 0.9], [0.5, 0.25]];
/// // MSE 0.005, data range 1 (a float image in [0, 1]): 10 log10(1 / 0.005) = 23.01 dB.
/// let psnr = filters::peak_signal_noise_ratio(truth.view(), test.view(), None)?;
/// assert!((psnr - 23.0103).abs() < 1e-4);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn peak_signal_noise_ratio<T: Intensity, D: Dimension>(
    image_true: ArrayView<'_, T, D>,
    image_test: ArrayView<'_, T, D>,
    data_range: Option<f64>,
) -> Result<f64> {
    check_pair(&image_true, &image_test)?;
    let data_range = match data_range {
        Some(r) => {
            check::ensure_positive("data_range", r)?;
            r
        }
        None => dtype_data_range(&image_true)?,
    };
    let err = mean_squared_error(image_true, image_test)?;
    Ok(10.0 * (data_range * data_range / err).log10())
}

/// skimage's `data_range` for `data_range=None`, from the type and values of `image_true`.
fn dtype_data_range<T: Intensity, D: Dimension>(image_true: &ArrayView<'_, T, D>) -> Result<f64> {
    let (dmin, dmax) = T::DTYPE_RANGE;
    // numpy's min/max propagate NaN; then no range check fires and `true_min >= 0` is false.
    let (lo, hi) = image_true.iter().map(|v| v.to_f64()).fold(
        (f64::INFINITY, f64::NEG_INFINITY),
        |(lo, hi), v| {
            if v.is_nan() || lo.is_nan() {
                (f64::NAN, f64::NAN)
            } else {
                (lo.min(v), hi.max(v))
            }
        },
    );
    for (value, bad) in [(hi, hi > dmax), (lo, lo < dmin)] {
        if bad {
            return Err(CoreError::InvalidParameter {
                name: "image_true",
                value,
                expected: "intensities within its type's range ([-1, 1] for floats, the integer \
                           limits for integers); pass data_range explicitly",
            }
            .into());
        }
    }
    Ok(if lo >= 0.0 { dmax } else { dmax - dmin })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    #[test]
    fn data_range_follows_the_dtype_rule() {
        let t = array![[0.0, 1.0], [0.5, 0.25]];
        let s = array![[0.1, 0.9], [0.5, 0.25]];
        let mse = mean_squared_error(t.view(), s.view()).unwrap();
        assert!((mse - 0.005).abs() < 1e-17);
        let p = peak_signal_noise_ratio(t.view(), s.view(), None).unwrap();
        assert_eq!(p, 10.0 * (1.0 / mse).log10());
        // A negative intensity: the range is dmax - dmin = 2.
        let tn = t.mapv(|v| v - 0.5);
        let sn = s.mapv(|v| v - 0.5);
        let pn = peak_signal_noise_ratio(tn.view(), sn.view(), None).unwrap();
        let msen = mean_squared_error(tn.view(), sn.view()).unwrap();
        assert_eq!(pn, 10.0 * (4.0 / msen).log10());
        // u8: 255.
        let a = array![0u8, 200, 255];
        let b = array![10u8, 200, 250];
        let pu = peak_signal_noise_ratio(a.view(), b.view(), None).unwrap();
        assert!((pu - 10.0 * (255.0f64 * 255.0 / (125.0 / 3.0)).log10()).abs() < 1e-12);
    }

    #[test]
    fn identical_images_give_infinity() {
        let t = Array2::<f32>::from_elem((3, 4), 0.25);
        let p = peak_signal_noise_ratio(t.view(), t.view(), None).unwrap();
        assert_eq!(p, f64::INFINITY);
    }

    #[test]
    fn out_of_range_and_bad_shapes_are_errors() {
        let t = array![0.0, 1.5];
        let s = array![0.0, 1.0];
        assert!(matches!(
            peak_signal_noise_ratio(t.view(), s.view(), None),
            Err(crate::Error::Core(CoreError::InvalidParameter { value, .. })) if value == 1.5
        ));
        // An explicit range is used as given.
        let p = peak_signal_noise_ratio(t.view(), s.view(), Some(2.0)).unwrap();
        assert!((p - 10.0 * (4.0f64 / 0.125).log10()).abs() < 1e-12);
        assert!(peak_signal_noise_ratio(t.view(), s.view(), Some(0.0)).is_err());
        let short = array![0.0];
        assert!(matches!(
            mean_squared_error(t.view(), short.view()),
            Err(crate::Error::Core(CoreError::ShapeMismatch { .. }))
        ));
        let empty = ndarray::Array1::<f64>::zeros(0);
        assert!(mean_squared_error(empty.view(), empty.view()).is_err());
    }

    #[test]
    fn nan_propagates() {
        let t = array![0.0, f64::NAN];
        let s = array![0.0, 1.0];
        assert!(
            peak_signal_noise_ratio(t.view(), s.view(), None)
                .unwrap()
                .is_nan()
        );
    }
}
