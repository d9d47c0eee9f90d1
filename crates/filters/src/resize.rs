//! Image resizing by bilinear interpolation, equal to scikit-image's `resize`/`rescale` with
//! `order=1, mode='edge', anti_aliasing=False` (tested against scikit-image 0.26.0).
//!
//! scikit-image hands this case to `scipy.ndimage.zoom(image, out / in, order=1,
//! mode='nearest', grid_mode=True)`: output pixel `k` of an axis samples the input at
//! `(k + 0.5) * in / out - 0.5`, the centres of the pixels of both grids aligned, clamped to the
//! first and last pixel (`'edge'`), and the two neighbours are mixed linearly. The 2-D
//! interpolation is the tensor product of the two axes' weights, so it runs as two passes (rows,
//! then columns) with the weights of each axis computed once.

use dsp_core::{Float, check};
use ndarray::{Array2, ArrayView2, Axis};

use crate::Result;

/// For each output index of an axis of `n_in` -> `n_out` samples: the two input indices and the
/// weight of the second.
fn axis_weights(n_in: usize, n_out: usize) -> Vec<(usize, usize, f64)> {
    let zoom = n_in as f64 / n_out as f64;
    let last = (n_in - 1) as f64;
    (0..n_out)
        .map(|k| {
            let c = ((k as f64 + 0.5) * zoom - 0.5).clamp(0.0, last);
            let i0 = c.floor();
            let t = c - i0;
            let i0 = i0 as usize;
            (i0, (i0 + 1).min(n_in - 1), t)
        })
        .collect()
}

/// `image` resized to `output_shape` (rows, columns) by bilinear interpolation.
///
/// Equal to `skimage.transform.resize(image, output_shape, order=1, mode='edge',
/// anti_aliasing=False)` (tested against scikit-image 0.26.0 to 1e-12). Up-sampling is exact
/// interpolation; down-sampling by a large factor aliases, as skimage's does without
/// `anti_aliasing` (smooth with [`gaussian_filter`](crate::gaussian_filter) first to avoid it).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an image with no pixel,
/// [`dsp_core::Error::InvalidParameter`] for an output shape with a zero side,
/// [`dsp_core::Error::NonFinite`] for a NaN or infinite pixel.
///
/// # Example
/// ```
/// use ndarray::array;
/// // A 2x2 image doubled: the centres of the pixels keep their values at the corners' quarter
/// // offsets, as skimage.transform.resize(x, (4, 4), order=1).
/// let x = array![[0.0, 1.0], [2.0, 3.0]];
/// let y = filters::resize(x.view(), (4, 4))?;
/// assert_eq!(y.row(0).to_vec(), vec![0.0, 0.25, 0.75, 1.0]);
/// assert_eq!(y.column(0).to_vec(), vec![0.0, 0.5, 1.5, 2.0]);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn resize<T: Float>(
    image: ArrayView2<'_, T>,
    output_shape: (usize, usize),
) -> Result<Array2<T>> {
    check::ensure_len("image", image.len(), 1)?;
    for (name, side) in [
        ("output rows", output_shape.0),
        ("output columns", output_shape.1),
    ] {
        if side == 0 {
            return Err(dsp_core::Error::InvalidParameter {
                name,
                value: 0.0,
                expected: "at least 1",
            }
            .into());
        }
    }
    check::ensure_finite("image", image.iter())?;
    let (rows, cols) = image.dim();
    let (out_rows, out_cols) = output_shape;
    let wr = axis_weights(rows, out_rows);
    let wc = axis_weights(cols, out_cols);

    // Along the columns of every input row, in f64.
    let mut across = Array2::<f64>::zeros((rows, out_cols));
    for (src, mut dst) in image.axis_iter(Axis(0)).zip(across.axis_iter_mut(Axis(0))) {
        for (d, &(i0, i1, t)) in dst.iter_mut().zip(&wc) {
            let a = src[i0].to_f64_lossless();
            let b = src[i1].to_f64_lossless();
            *d = a * (1.0 - t) + b * t;
        }
    }
    // Then along the rows.
    let mut out = Array2::<T>::zeros((out_rows, out_cols));
    for (mut dst, &(i0, i1, t)) in out.axis_iter_mut(Axis(0)).zip(&wr) {
        let a = across.row(i0);
        let b = across.row(i1);
        for ((d, &x0), &x1) in dst.iter_mut().zip(a.iter()).zip(b.iter()) {
            *d = T::of(x0 * (1.0 - t) + x1 * t);
        }
    }
    Ok(out)
}

/// `image` scaled by `scale` on both axes by bilinear interpolation: the output has
/// `max(round(rows * scale), 1) x max(round(cols * scale), 1)` pixels (numpy's round, half to
/// even).
///
/// Equal to `skimage.transform.rescale(image, scale, order=1, mode='edge',
/// anti_aliasing=False)` (see [`resize`]).
///
/// # Errors
/// [`dsp_core::Error::InvalidParameter`] unless `scale` is finite and `> 0` and the output
/// has at most 1e12 pixels; otherwise as [`resize`].
pub fn rescale<T: Float>(image: ArrayView2<'_, T>, scale: f64) -> Result<Array2<T>> {
    check::ensure_len("image", image.len(), 1)?;
    crate::error::positive("scale", scale)?;
    let (rows, cols) = image.dim();
    // skimage: np.maximum(np.round(scale * shape), 1), numpy's round being half to even.
    let side = |n: usize| (n as f64 * scale).round_ties_even().max(1.0);
    let (r, c) = (side(rows), side(cols));
    if r * c > 1e12 {
        return Err(dsp_core::Error::InvalidParameter {
            name: "scale",
            value: scale,
            expected: "an output of at least one and at most 1e12 pixels",
        }
        .into());
    }
    resize(image, (r as usize, c as usize))
}
