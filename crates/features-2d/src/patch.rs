//! Patches of an image: the one around a location ([`get_patch`]) and every patch on a grid
//! ([`view_as_windows`], [`tiles`]).

use ndarray::{Array2, Array4, ArrayView2, Axis, Slice};

use crate::{Error, Result};

/// The `size x size` patch around `(row, col)`: the tutorial's `get_patch`, numpy's
/// `image[row - size // 2 : row - size // 2 + size, col - size // 2 : col - size // 2 + size]`
/// (centred for odd `size`; for even `size` the centre is the pixel after the middle).
///
/// Unlike numpy slicing, which silently returns a smaller patch at a border, a patch that
/// leaves the image is an error.
///
/// # Errors
/// [`Error::ZeroSize`] for `size == 0`; [`Error::PatchOutOfBounds`] when the patch does not lie
/// inside the image.
///
/// # Example
/// ```
/// use ndarray::Array2;
/// let img = Array2::from_shape_fn((5, 6), |(r, c)| (10 * r + c) as f64);
/// let p = features_2d::get_patch(img.view(), (2, 3), 3)?;
/// assert_eq!(p.dim(), (3, 3));
/// assert_eq!(p[[1, 1]], 23.0); // the centre
/// assert!(features_2d::get_patch(img.view(), (0, 3), 3).is_err()); // leaves the top edge
/// # Ok::<(), features_2d::Error>(())
/// ```
pub fn get_patch<'a, T>(
    image: ArrayView2<'a, T>,
    (row, col): (usize, usize),
    size: usize,
) -> Result<ArrayView2<'a, T>> {
    if size == 0 {
        return Err(Error::ZeroSize {
            what: "patch",
            rows: 0,
            cols: 0,
        });
    }
    let top = row as isize - (size / 2) as isize;
    let left = col as isize - (size / 2) as isize;
    let (rows, cols) = image.dim();
    let inside = |start: isize, len: usize| start >= 0 && start as usize + size <= len;
    if !inside(top, rows) || !inside(left, cols) {
        return Err(Error::PatchOutOfBounds {
            row: top,
            col: left,
            patch_rows: size,
            patch_cols: size,
            image_rows: rows,
            image_cols: cols,
        });
    }
    let (t, l) = (top as usize, left as usize);
    Ok(image
        .slice_axis_move(Axis(0), Slice::from(t..t + size))
        .slice_axis_move(Axis(1), Slice::from(l..l + size)))
}

/// Every `patch`-sized window of `image` whose top-left corner lies on a grid of `step`, equal to
/// `skimage.util.view_as_windows(image, patch, step)` (copied): shape
/// `(n_rows, n_cols, patch.0, patch.1)` with `n = (len - patch) / step + 1` along each axis;
/// window `[i, j]` starts at `(i * step.0, j * step.1)`.
///
/// `step = patch` gives non-overlapping [`tiles`]; `step = (1, 1)` every patch, as
/// `sklearn.feature_extraction.image.extract_patches_2d` lists them (row-major).
///
/// # Errors
/// [`Error::ZeroSize`] for a zero patch or step size; [`Error::PatchOutOfBounds`] when the
/// patch is larger than the image.
///
/// # Example
/// ```
/// use ndarray::Array2;
/// let img = Array2::from_shape_fn((4, 5), |(r, c)| (10 * r + c) as f64);
/// let w = features_2d::view_as_windows(img.view(), (2, 2), (2, 3))?;
/// assert_eq!(w.dim(), (2, 2, 2, 2));
/// assert_eq!(w[[1, 1, 0, 0]], 23.0); // the window at row 2, column 3
/// # Ok::<(), features_2d::Error>(())
/// ```
pub fn view_as_windows<T: Clone>(
    image: ArrayView2<'_, T>,
    patch: (usize, usize),
    step: (usize, usize),
) -> Result<Array4<T>> {
    for (what, (r, c)) in [("patch", patch), ("step", step)] {
        if r == 0 || c == 0 {
            return Err(Error::ZeroSize {
                what,
                rows: r,
                cols: c,
            });
        }
    }
    let (rows, cols) = image.dim();
    if patch.0 > rows || patch.1 > cols {
        return Err(Error::PatchOutOfBounds {
            row: 0,
            col: 0,
            patch_rows: patch.0,
            patch_cols: patch.1,
            image_rows: rows,
            image_cols: cols,
        });
    }
    let n = ((rows - patch.0) / step.0 + 1, (cols - patch.1) / step.1 + 1);
    Ok(Array4::from_shape_fn(
        (n.0, n.1, patch.0, patch.1),
        |(i, j, r, c)| image[[i * step.0 + r, j * step.1 + c]].clone(),
    ))
}

/// The non-overlapping `size x size` tiles covering `image`, row-major (tile `k` is at row
/// `k / n_cols`, column `k % n_cols` of the tile grid); the pixels past the last whole tile on
/// the right and bottom are left out. The tiles of [`view_as_windows`] with `step = patch`.
///
/// # Errors
/// As [`view_as_windows`].
///
/// # Example
/// ```
/// let img = ndarray::Array2::<f64>::zeros((7, 9));
/// let t = features_2d::tiles(img.view(), 3)?;
/// assert_eq!(t.len(), 2 * 3);
/// assert_eq!(t[0].dim(), (3, 3));
/// # Ok::<(), features_2d::Error>(())
/// ```
pub fn tiles<T: Clone>(image: ArrayView2<'_, T>, size: usize) -> Result<Vec<Array2<T>>> {
    let w = view_as_windows(image, (size, size), (size, size))?;
    Ok(w.outer_iter()
        .flat_map(|row| row.outer_iter().map(|t| t.to_owned()).collect::<Vec<_>>())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    fn sub(a: &Array2<f64>, r: Range<usize>, c: Range<usize>) -> ArrayView2<'_, f64> {
        a.slice_axis(Axis(0), Slice::from(r))
            .slice_axis_move(Axis(1), Slice::from(c))
    }

    fn img() -> Array2<f64> {
        Array2::from_shape_fn((6, 8), |(r, c)| (10 * r + c) as f64)
    }

    #[test]
    fn get_patch_is_centred_and_checked() {
        let a = img();
        let p = get_patch(a.view(), (3, 4), 5).unwrap();
        assert_eq!(p, sub(&a, 1..6, 2..7));
        // Even size: numpy's [r - 2 : r + 2].
        let p = get_patch(a.view(), (2, 2), 4).unwrap();
        assert_eq!(p, sub(&a, 0..4, 0..4));
        for (at, size) in [
            ((1, 4), 5),
            ((3, 1), 5),
            ((3, 6), 5),
            ((5, 4), 3),
            ((0, 0), 7),
        ] {
            assert!(
                matches!(
                    get_patch(a.view(), at, size),
                    Err(Error::PatchOutOfBounds { .. })
                ),
                "{at:?} {size}"
            );
        }
        assert!(matches!(
            get_patch(a.view(), (3, 3), 0),
            Err(Error::ZeroSize { .. })
        ));
    }

    #[test]
    fn windows_follow_skimage_grid() {
        let a = img();
        // view_as_windows(a, (3, 2), (2, 3)): (6 - 3) // 2 + 1 = 2 rows, (8 - 2) // 3 + 1 = 3 cols.
        let w = view_as_windows(a.view(), (3, 2), (2, 3)).unwrap();
        assert_eq!(w.dim(), (2, 3, 3, 2));
        for i in 0..2 {
            for j in 0..3 {
                assert_eq!(
                    w.index_axis(Axis(0), i).index_axis_move(Axis(0), j),
                    sub(&a, 2 * i..2 * i + 3, 3 * j..3 * j + 2)
                );
            }
        }
        // Every patch (stride 1): (6 - 6 + 1) x (8 - 8 + 1) for the whole image.
        let all = view_as_windows(a.view(), (6, 8), (1, 1)).unwrap();
        assert_eq!(all.dim(), (1, 1, 6, 8));
        assert!(matches!(
            view_as_windows(a.view(), (7, 2), (1, 1)),
            Err(Error::PatchOutOfBounds { .. })
        ));
        assert!(matches!(
            view_as_windows(a.view(), (2, 2), (0, 1)),
            Err(Error::ZeroSize { what: "step", .. })
        ));
    }

    #[test]
    fn tiles_cover_row_major_and_drop_the_remainder() {
        let a = img();
        let t = tiles(a.view(), 3).unwrap();
        assert_eq!(t.len(), 2 * 2);
        assert_eq!(t[1], sub(&a, 0..3, 3..6));
        assert_eq!(t[2], sub(&a, 3..6, 0..3));
    }
}
