//! Synthetic test images for SURF and the other detectors: a bright square, Gaussian blobs,
//! and a rotation by 90 degrees.

use ndarray::{Array2, ArrayView2};

/// A `shape` image, 0 everywhere except a bright (1.0) square region inset by `border` pixels
/// on every side: rows and columns `border .. n - border` are 1. Its four corners and edges are
/// what an interest-point detector should find; with `2 border >= n` along an axis the image is
/// all 0.
///
/// # Example
/// ```
/// let img = features_2d::synthetic::make_border_image((6, 8), 2);
/// assert_eq!(img[[2, 2]], 1.0);
/// assert_eq!(img[[1, 2]], 0.0);
/// assert_eq!(img.sum(), 2.0 * 4.0);
/// ```
#[must_use]
pub fn make_border_image(shape: (usize, usize), border: usize) -> Array2<f64> {
    let (rows, cols) = shape;
    Array2::from_shape_fn(shape, |(r, c)| {
        let inside = r >= border && r + border < rows && c >= border && c + border < cols;
        if inside { 1.0 } else { 0.0 }
    })
}

/// A `shape` image holding the sum of Gaussian blobs `exp(-((r - y)^2 + (c - x)^2) / (2
/// sigma^2))`, one per `(y, x, sigma)` (peak 1 each, background 0).
///
/// # Example
/// ```
/// let img = features_2d::synthetic::blob_image((32, 32), &[(10.0, 20.0, 3.0)]);
/// assert_eq!(img[[10, 20]], 1.0);
/// assert!(img[[0, 0]] < 1e-6);
/// ```
#[must_use]
pub fn blob_image(shape: (usize, usize), blobs: &[(f64, f64, f64)]) -> Array2<f64> {
    Array2::from_shape_fn(shape, |(r, c)| {
        blobs
            .iter()
            .map(|&(y, x, s)| {
                let d2 = (r as f64 - y).powi(2) + (c as f64 - x).powi(2);
                (-d2 / (2.0 * s * s)).exp()
            })
            .sum()
    })
}

/// The image rotated by 90 degrees counter-clockwise, as `numpy.rot90(image)`:
/// `out[i, j] = image[j, cols - 1 - i]`, shape `(cols, rows)`. A point `(y, x)` moves to
/// `(cols - 1 - x, y)`.
///
/// # Example
/// ```
/// use ndarray::array;
/// let r = features_2d::synthetic::rotate90(array![[1.0, 2.0], [3.0, 4.0]].view());
/// assert_eq!(r, array![[2.0, 4.0], [1.0, 3.0]]);
/// ```
#[must_use]
pub fn rotate90<T: Clone>(image: ArrayView2<'_, T>) -> Array2<T> {
    let (_, cols) = image.dim();
    let mut v = image.t();
    v.invert_axis(ndarray::Axis(0));
    debug_assert_eq!(v.dim().0, cols);
    v.to_owned()
}
