//! The integral image (summed-area table) SURF's box filters and Haar wavelets read.

use dsp_core::Float;
use ndarray::{Array2, ArrayView2};

use crate::{Error, Result};

/// Integral image of a grey image, built once: box sums in O(1) and SURF's Haar wavelet
/// responses. Equal in values to `mahotas.features.surf.integral` (`f64`, same summation
/// order), compared with it through the SURF fixtures in `tests/suite/surf.rs`.
///
/// Internally it keeps one leading row and column of zeros, so that a box touching the top or
/// left edge needs no special case.
///
/// # Example
/// ```
/// use features_2d::IntegralImage;
/// use ndarray::array;
///
/// let ii = IntegralImage::new(array![[1.0, 2.0], [3.0, 4.0]].view()).unwrap();
/// assert_eq!(ii.box_sum(0, 0, 2, 2), 10.0);
/// assert_eq!(ii.box_sum(1, 0, 2, 2), 7.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct IntegralImage {
    rows: usize,
    cols: usize,
    /// `(rows + 1) x (cols + 1)`, row-major; `p[(r + 1) * (cols + 1) + c + 1]` is the sum of
    /// `image[..=r, ..=c]`, the first row and column are zero.
    p: Vec<f64>,
}

impl IntegralImage {
    /// The integral image of `image` (rows are `y`, columns `x`), summed in `f64`.
    ///
    /// # Errors
    /// [`Error::EmptyImage`] for an image without pixels, [`Error::NonFinitePixel`] for a NaN
    /// or infinite pixel.
    pub fn new<T: Float>(image: ArrayView2<'_, T>) -> Result<Self> {
        let (rows, cols) = image.dim();
        if rows == 0 || cols == 0 {
            return Err(Error::EmptyImage { rows, cols });
        }
        if let Some(((row, col), v)) = image.indexed_iter().find(|(_, v)| !v.is_finite()) {
            return Err(Error::NonFinitePixel {
                row,
                col,
                value: v.to_f64_lossless(),
            });
        }
        let img = image.as_standard_layout();
        let px = img.as_slice().expect("standard layout");
        let w = cols + 1;
        let mut p = vec![0.0; (rows + 1) * w];
        // mahotas' recurrence and rounding: a[i,j] += a[i-1,j] + a[i,j-1] - a[i-1,j-1] (the
        // zero border makes its first row and column the same expression). Each entry waits
        // for its left neighbour, so two rows run together, the second one column behind, to
        // keep two independent chains in flight; the values are the same.
        let mut r = 0;
        while r + 1 < rows {
            let (z, rest) = p.split_at_mut((r + 1) * w);
            let z = &z[r * w..];
            let (a, b) = rest.split_at_mut(w);
            let b = &mut b[..w];
            let va = &px[r * cols..(r + 1) * cols];
            let vb = &px[(r + 1) * cols..(r + 2) * cols];
            a[1] = va[0].to_f64_lossless() + ((z[1] + a[0]) - z[0]);
            for c in 1..cols {
                a[c + 1] = va[c].to_f64_lossless() + ((z[c + 1] + a[c]) - z[c]);
                b[c] = vb[c - 1].to_f64_lossless() + ((a[c] + b[c - 1]) - a[c - 1]);
            }
            b[cols] = vb[cols - 1].to_f64_lossless() + ((a[cols] + b[cols - 1]) - a[cols - 1]);
            r += 2;
        }
        if r < rows {
            let (z, a) = p.split_at_mut((r + 1) * w);
            let z = &z[r * w..];
            let va = &px[r * cols..(r + 1) * cols];
            for c in 0..cols {
                a[c + 1] = va[c].to_f64_lossless() + ((z[c + 1] + a[c]) - z[c]);
            }
        }
        Ok(Self { rows, cols, p })
    }

    /// Height of the image.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Width of the image.
    #[must_use]
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The inclusive integral `sum(image[..=r, ..=c])` as mahotas stores it, shape
    /// `(rows, cols)`.
    #[must_use]
    pub fn to_array(&self) -> Array2<f64> {
        let w = self.cols + 1;
        Array2::from_shape_fn((self.rows, self.cols), |(r, c)| self.p[(r + 1) * w + c + 1])
    }

    /// The padded table and its row stride `cols + 1`: entry `(r, c)` is the sum of
    /// `image[..r, ..c]`.
    #[inline(always)]
    pub(crate) fn padded(&self) -> (&[f64], usize) {
        (&self.p, self.cols + 1)
    }

    #[inline(always)]
    fn at(&self, r: usize, c: usize) -> f64 {
        self.p[r * (self.cols + 1) + c]
    }

    /// Sum of `image[y0..y1, x0..x1]` (half-open), the box clipped to the image; an empty or
    /// outside box sums to zero.
    #[must_use]
    pub fn box_sum(&self, y0: isize, x0: isize, y1: isize, x1: isize) -> f64 {
        let cy = |v: isize| v.clamp(0, self.rows as isize) as usize;
        let cx = |v: isize| v.clamp(0, self.cols as isize) as usize;
        let (y0, y1, x0, x1) = (cy(y0), cy(y1), cx(x0), cx(x1));
        if y1 <= y0 || x1 <= x0 {
            return 0.0;
        }
        (self.at(y1, x1) - self.at(y0, x1)) - (self.at(y1, x0) - self.at(y0, x0))
    }

    /// mahotas' (dlib's) `sum_rect`: the half-open box `[y0, y1) x [x0, x1)` read from the
    /// inclusive integral at `(y0 - 1, x0 - 1)` ... `(y1 - 1, x1 - 1)`, each index clamped into
    /// the image. So a box starting at row (column) 0 or above loses the first row (column), as
    /// in the reference; where the reference would read outside the image this clamps instead.
    #[inline(always)]
    pub(crate) fn rect(&self, y0: i64, x0: i64, y1: i64, x1: i64) -> f64 {
        let (nr, nc) = (self.rows as i64, self.cols as i64);
        // Padded index of the inclusive entry (i - 1) clamped to [0, n - 1] is clamp(i, 1, n).
        let ya = y0.clamp(1, nr) as usize;
        let xa = x0.clamp(1, nc) as usize;
        let yb = y1.clamp(1, nr) as usize;
        let xb = x1.clamp(1, nc) as usize;
        let a = self.at(ya, xa);
        let b = self.at(ya, xb);
        let c = self.at(yb, xa);
        let d = self.at(yb, xb);
        (d - b) - (c - a)
    }

    /// `(haar_x, haar_y)` at one place, bit for bit those of [`haar_x`](Self::haar_x) and
    /// [`haar_y`](Self::haar_y), from the 9 corners the two share instead of 16 lookups.
    #[inline]
    #[must_use]
    pub fn haar_xy(&self, y: i64, x: i64, w: i64) -> (f64, f64) {
        let h = w / 2;
        let (nr, nc) = (self.rows as i64, self.cols as i64);
        let r = [
            (y - h).clamp(1, nr) as usize,
            y.clamp(1, nr) as usize,
            (y - h + w).clamp(1, nr) as usize,
        ];
        let c = [
            (x - h).clamp(1, nc) as usize,
            x.clamp(1, nc) as usize,
            (x - h + w).clamp(1, nc) as usize,
        ];
        let stride = self.cols + 1;
        let mut v = [[0.0; 3]; 3];
        for (vi, &ri) in v.iter_mut().zip(&r) {
            let row = &self.p[ri * stride..];
            for (dst, &ci) in vi.iter_mut().zip(&c) {
                *dst = row[ci];
            }
        }
        haar_from_corners(&v)
    }

    /// Whether every Haar box of side `w` centred within `reach` pixels of `(y, x)` lies inside
    /// the image, so that [`haar_xy_inside`](Self::haar_xy_inside) may skip clamping.
    #[inline]
    pub(crate) fn holds(&self, y: f64, x: f64, reach: f64, w: i64) -> bool {
        let m = reach + w as f64 + 2.0;
        y - m >= 1.0 && x - m >= 1.0 && y + m <= self.rows as f64 && x + m <= self.cols as f64
    }

    /// [`haar_xy`](Self::haar_xy) where every index is known to lie inside (no clamping).
    #[inline(always)]
    pub(crate) fn haar_xy_inside(&self, y: i64, x: i64, w: i64) -> (f64, f64) {
        let h = w / 2;
        let stride = self.cols + 1;
        let (y0, y2) = ((y - h) as usize, (y - h + w) as usize);
        let (x0, x1, x2) = ((x - h) as usize, x as usize, (x - h + w) as usize);
        let y1 = y as usize;
        let r0 = &self.p[y0 * stride..y0 * stride + x2 + 1];
        let r1 = &self.p[y1 * stride..y1 * stride + x2 + 1];
        let r2 = &self.p[y2 * stride..y2 * stride + x2 + 1];
        let v = [
            [r0[x0], r0[x1], r0[x2]],
            [r1[x0], r1[x1], r1[x2]],
            [r2[x0], r2[x1], r2[x2]],
        ];
        haar_from_corners(&v)
    }

    /// Haar wavelet response along `x` (columns) of side `w` centred at `(y, x)`: the sum of the
    /// left half minus the right half, mahotas' (dlib's) `haar_x`, with its box conventions.
    #[must_use]
    pub fn haar_x(&self, y: i64, x: i64, w: i64) -> f64 {
        let h = w / 2;
        let left = self.rect(y - h, x - h, y - h + w, x);
        let right = self.rect(y - h, x, y - h + w, x - h + w);
        left - right
    }

    /// Haar wavelet response along `y` (rows) of side `w` centred at `(y, x)`: the sum of the
    /// top half minus the bottom half, mahotas' (dlib's) `haar_y`, with its box conventions.
    #[must_use]
    pub fn haar_y(&self, y: i64, x: i64, w: i64) -> f64 {
        let h = w / 2;
        let top = self.rect(y - h, x - h, y, x - h + w);
        let bottom = self.rect(y, x - h, y - h + w, x - h + w);
        top - bottom
    }
}

/// The Haar responses `(x, y)` from the integral image's values at the 3 x 3 grid of box
/// corners (rows top, centre, bottom; columns left, centre, right): each box sum is
/// `rect(ya, xa, yb, xb) = (d - b) - (c - a)` with `a = v[ya][xa]`, `b = v[ya][xb]`,
/// `c = v[yb][xa]`, `d = v[yb][xb]`, in that order of operations.
#[inline(always)]
fn haar_from_corners(v: &[[f64; 3]; 3]) -> (f64, f64) {
    let rect = |ya: usize, xa: usize, yb: usize, xb: usize| {
        (v[yb][xb] - v[ya][xb]) - (v[yb][xa] - v[ya][xa])
    };
    let left = rect(0, 0, 2, 1);
    let right = rect(0, 1, 2, 2);
    let top = rect(0, 0, 1, 2);
    let bottom = rect(1, 0, 2, 2);
    (left - right, top - bottom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    #[test]
    fn box_sum_is_a_direct_sum() {
        let img = Array2::from_shape_fn((7, 9), |(r, c)| (r * 9 + c) as f64 * 0.5 - 3.0);
        let ii = IntegralImage::new(img.view()).unwrap();
        for (y0, x0, y1, x1) in [(0, 0, 7, 9), (2, 3, 5, 4), (-3, -1, 2, 20), (4, 4, 4, 8)] {
            let mut want = 0.0;
            for r in 0..7isize {
                for c in 0..9isize {
                    if r >= y0 && r < y1 && c >= x0 && c < x1 {
                        want += img[[r as usize, c as usize]];
                    }
                }
            }
            assert!((ii.box_sum(y0, x0, y1, x1) - want).abs() < 1e-9);
        }
        assert_eq!(ii.to_array()[[6, 8]], img.sum());
        // The recurrence of mahotas, entry by entry (both row parities, a non-standard view).
        let even = img.slice_axis(ndarray::Axis(0), (0..6).into());
        for t in [img.view(), img.t(), even, even.t()] {
            let ii = IntegralImage::new(t).unwrap();
            let mut a = t.to_owned();
            let (n0, n1) = a.dim();
            for j in 1..n1 {
                a[[0, j]] += a[[0, j - 1]];
            }
            for i in 1..n0 {
                a[[i, 0]] += a[[i - 1, 0]];
                for j in 1..n1 {
                    a[[i, j]] += a[[i - 1, j]] + a[[i, j - 1]] - a[[i - 1, j - 1]];
                }
            }
            assert_eq!(ii.to_array(), a);
        }
    }

    #[test]
    fn shared_corner_haar_equals_the_two_wavelets() {
        let img = Array2::from_shape_fn((23, 31), |(r, c)| ((r * 31 + c) as f64 * 0.37).sin());
        let ii = IntegralImage::new(img.view()).unwrap();
        for y in -3..26 {
            for x in -3..34 {
                for w in [1, 2, 4, 5, 8] {
                    let both = ii.haar_xy(y, x, w);
                    assert_eq!(both, (ii.haar_x(y, x, w), ii.haar_y(y, x, w)));
                    if ii.holds(y as f64, x as f64, 0.0, w) {
                        assert_eq!(ii.haar_xy_inside(y, x, w), both);
                    }
                }
            }
        }
    }

    #[test]
    fn haar_of_a_vertical_edge() {
        // Bright left half: haar_x = left - right > 0, haar_y = 0.
        let img = Array2::from_shape_fn((10, 10), |(_, c)| if c < 5 { 1.0 } else { 0.0 });
        let ii = IntegralImage::new(img.view()).unwrap();
        assert_eq!(ii.haar_x(5, 5, 4), 8.0);
        assert_eq!(ii.haar_y(5, 5, 4), 0.0);
    }
}
