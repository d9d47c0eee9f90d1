//! SURF descriptors on a regular grid (`mahotas.features.surf.dense`).

use dsp_core::Float;
use ndarray::ArrayView2;
use rayon::prelude::*;

use super::detect::Point;
use super::integral::IntegralImage;
use super::{Surf, describe_points};
use crate::{Error, Result};

/// SURF descriptors at the points of a regular grid: equal to
/// `mahotas.features.surf.dense(image, spacing, scale, include_interest_point=True)`, compared
/// with it in `tests/suite/surf.rs`.
///
/// The grid is mahotas': rows and columns `spacing / 2, spacing / 2 + spacing, ...`, ordered
/// column by column (all rows of the first column first); every point has `scale`
/// (`sqrt(spacing)` by default), score 1 and laplacian 1, and its dominant orientation is
/// computed as for [`surf`](crate::surf). Points closer than `int(31 scale) / 2` pixels to the
/// border are dropped, as mahotas does, so [`Surf::len`] may be less than the grid size.
///
/// # Errors
/// [`Error::InvalidSurfParam`] for `spacing == 0` or a `scale` that is not finite and
/// positive, [`Error::EmptyImage`], [`Error::NonFinitePixel`], and
/// [`Error::ImageSmallerThanWindow`] for an image smaller than the descriptor window
/// `2 (int(31 scale) / 2) + 1` (where mahotas returns no descriptors).
///
/// # Example
/// ```
/// use features_2d::dense_surf;
/// use ndarray::Array2;
///
/// let img = Array2::from_shape_fn((96, 96), |(r, c)| ((r * 7 + c * 3) % 11) as f64);
/// let d = dense_surf(img.view(), 4, None).unwrap(); // scale 2: 31 px from the border
/// assert_eq!(d.descriptors.ncols(), 64);
/// assert!(!d.is_empty());
/// ```
pub fn dense_surf<T: Float>(
    image: ArrayView2<'_, T>,
    spacing: usize,
    scale: Option<f64>,
) -> Result<Surf> {
    let scale = check(spacing, scale)?;
    let ii = IntegralImage::new(image)?;
    let window = 2 * ((31.0 * scale) as usize / 2) + 1;
    if ii.rows() < window || ii.cols() < window {
        return Err(Error::ImageSmallerThanWindow {
            what: "descriptor window",
            rows: ii.rows(),
            cols: ii.cols(),
            min_rows: window,
            min_cols: window,
        });
    }
    let mut points = Vec::new();
    for x in (spacing / 2..ii.cols()).step_by(spacing) {
        for y in (spacing / 2..ii.rows()).step_by(spacing) {
            points.push(Point {
                y: y as f64,
                x: x as f64,
                scale,
                score: 1.0,
                laplacian: 1.0,
            });
        }
    }
    Ok(describe_points(&ii, &points, false, 64))
}

/// [`dense_surf`] of each image, in parallel over the images.
///
/// # Errors
/// As [`dense_surf`] (one of the errors when several images are bad).
pub fn dense_surf_batch<T: Float>(
    images: &[ArrayView2<'_, T>],
    spacing: usize,
    scale: Option<f64>,
) -> Result<Vec<Surf>> {
    check(spacing, scale)?;
    images
        .par_iter()
        .map(|im| dense_surf(im.view(), spacing, scale))
        .collect()
}

fn check(spacing: usize, scale: Option<f64>) -> Result<f64> {
    if spacing == 0 {
        return Err(Error::InvalidSurfParam {
            name: "spacing",
            value: 0.0,
            expected: "at least 1",
        });
    }
    let scale = scale.unwrap_or((spacing as f64).sqrt());
    // Upper bound: a descriptor window of more than 2^31 pixels is no image.
    if !(scale > 0.0 && scale < 1e8) {
        return Err(Error::InvalidSurfParam {
            name: "scale",
            value: scale,
            expected: "finite and in (0, 1e8)",
        });
    }
    Ok(scale)
}
