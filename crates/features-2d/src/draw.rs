//! Keypoints drawn over a grey image, for looking at what SURF found.

use dsp_core::Float;
use ndarray::{Array3, ArrayView2};

use crate::{Error, Keypoint, Result};

/// Colour of a keypoint with laplacian +1 (dark blob on a light background).
pub const DARK_BLOB_COLOUR: [u8; 3] = [255, 0, 0];
/// Colour of a keypoint with laplacian -1 (light blob on a dark background).
pub const LIGHT_BLOB_COLOUR: [u8; 3] = [0, 96, 255];

/// The grey image as RGB `u8` with each keypoint drawn on it: a circle of radius `2 scale`
/// (rounded, at least 1 pixel) around `(y, x)` and a radius along the orientation
/// `(dy, dx) = (cos angle, sin angle)`; red ([`DARK_BLOB_COLOUR`]) for laplacian +1, blue
/// ([`LIGHT_BLOB_COLOUR`]) otherwise. Like `mahotas.features.surf.show_surf`, which draws a
/// rotated square instead.
///
/// The image is read as intensities in `[0, 1]` (clipped) and scaled to 0..255; shape
/// `(rows, cols, 3)`. Parts of a drawing outside the image are clipped.
///
/// # Errors
/// [`Error::EmptyImage`], [`Error::NonFinitePixel`].
///
/// # Example
/// ```
/// use features_2d::{Keypoint, draw_keypoints};
/// use ndarray::Array2;
///
/// let kp = Keypoint { y: 10.0, x: 10.0, scale: 2.0, score: 1.0, laplacian: 1.0, angle: 0.0 };
/// let rgb = draw_keypoints(Array2::<f64>::zeros((21, 21)).view(), &[kp]).unwrap();
/// assert_eq!(rgb.dim(), (21, 21, 3));
/// assert_eq!(rgb[[14, 10, 0]], 255); // the radius along angle 0 points down the rows
/// ```
pub fn draw_keypoints<T: Float>(
    image: ArrayView2<'_, T>,
    keypoints: &[Keypoint],
) -> Result<Array3<u8>> {
    let (rows, cols) = image.dim();
    if rows == 0 || cols == 0 {
        return Err(Error::EmptyImage { rows, cols });
    }
    let mut out = Array3::<u8>::zeros((rows, cols, 3));
    for ((r, c), &v) in image.indexed_iter() {
        let v = v.to_f64_lossless();
        if !v.is_finite() {
            return Err(Error::NonFinitePixel {
                row: r,
                col: c,
                value: v,
            });
        }
        let g = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        for ch in 0..3 {
            out[[r, c, ch]] = g;
        }
    }
    let mut put = |y: f64, x: f64, colour: [u8; 3]| {
        let (y, x) = (y.round(), x.round());
        if y >= 0.0 && x >= 0.0 && y < rows as f64 && x < cols as f64 {
            for (ch, &v) in colour.iter().enumerate() {
                out[[y as usize, x as usize, ch]] = v;
            }
        }
    };
    for k in keypoints {
        if !(k.y.is_finite() && k.x.is_finite() && k.scale.is_finite() && k.angle.is_finite()) {
            continue;
        }
        let colour = if k.laplacian > 0.0 {
            DARK_BLOB_COLOUR
        } else {
            LIGHT_BLOB_COLOUR
        };
        // Bounded so that a huge scale cannot make the loop run for ever.
        let radius = (2.0 * k.scale).round().clamp(1.0, (rows + cols) as f64);
        let n = (8.0 * radius).ceil() as usize;
        for t in 0..n {
            let a = 2.0 * std::f64::consts::PI * t as f64 / n as f64;
            put(k.y + radius * a.cos(), k.x + radius * a.sin(), colour);
        }
        let (s, c) = k.angle.sin_cos();
        for t in 0..=(2.0 * radius) as usize {
            let d = t as f64 / 2.0;
            put(k.y + d * c, k.x + d * s, colour);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    fn px(rgb: &Array3<u8>, r: usize, c: usize) -> Vec<u8> {
        (0..3).map(|ch| rgb[[r, c, ch]]).collect()
    }

    #[test]
    fn circle_radius_and_colours() {
        let img = Array2::<f64>::from_elem((40, 40), 0.5);
        let dark = Keypoint {
            y: 20.0,
            x: 20.0,
            scale: 3.0,
            score: 1.0,
            laplacian: 1.0,
            angle: std::f64::consts::FRAC_PI_2,
        };
        let light = Keypoint {
            y: 5.0,
            x: 5.0,
            laplacian: -1.0,
            ..dark
        };
        let rgb = draw_keypoints(img.view(), &[dark, light]).unwrap();
        // Grey stays grey (0.5 -> 128) away from the drawings.
        assert_eq!(px(&rgb, 30, 5), vec![128; 3]);
        // Radius 2 * 3 = 6: on the circle above the centre, and along angle pi/2 (columns).
        assert_eq!(px(&rgb, 14, 20), DARK_BLOB_COLOUR.to_vec());
        assert_eq!(px(&rgb, 20, 24), DARK_BLOB_COLOUR.to_vec());
        assert_eq!(px(&rgb, 20, 20), DARK_BLOB_COLOUR.to_vec());
        assert_eq!(px(&rgb, 5, 11), LIGHT_BLOB_COLOUR.to_vec());
        // Clipped at the border, no panic; non-finite keypoints are skipped.
        let odd = Keypoint {
            y: f64::NAN,
            ..dark
        };
        let big = Keypoint {
            scale: 1e12,
            ..dark
        };
        assert!(draw_keypoints(img.view(), &[odd, big]).is_ok());
    }
}
