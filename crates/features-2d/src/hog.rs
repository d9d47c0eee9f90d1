//! Histograms of oriented gradients, equal to `skimage.feature.hog` (scikit-image 0.26.0,
//! tested against it) on 2-D grey images.
//!
//! The steps are skimage's, in its order and arithmetic:
//!
//! 1. optionally the square root of every pixel (`transform_sqrt`);
//! 2. central differences `x[i + 1] - x[i - 1]` along rows and columns, zero on the first and
//!    last row (column), in the image's float type;
//! 3. per pixel the magnitude `hypot(g_col, g_row)` and the unsigned orientation
//!    `rad2deg(atan2(g_row, g_col)) mod 180` in `f64`; each cell of `pixels_per_cell` pixels
//!    (the image cropped to whole cells) sums the magnitudes falling in each of `orientations`
//!    bins `[180 i / n, 180 (i + 1) / n)` and divides by the pixels per cell. skimage's Cython
//!    kernel keeps that running sum and the division in single precision (`cdef float total`),
//!    so this does too: the histograms equal skimage's bit for bit, not an `f64` sum;
//! 4. every block of `cells_per_block` cells (stride one cell, `(n_cells - b) + 1` blocks per
//!    axis) normalised in `f64` with `eps = 1e-5` by [`BlockNorm`].

use dsp_core::{Float, ParamGuard};
use ndarray::{Array1, Array2, Array3, Array5, ArrayView2, Axis, Slice};

use crate::{Error, Result};

/// `eps` of skimage's `_hog_normalize_block`.
const EPS: f64 = 1e-5;

/// Block normalisation of [`hog`], skimage's `block_norm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockNorm {
    /// `'L1'`: `v / (sum |v| + eps)`.
    L1,
    /// `'L1-sqrt'`: `sqrt(v / (sum |v| + eps))`.
    L1Sqrt,
    /// `'L2'`: `v / sqrt(sum v^2 + eps^2)`.
    L2,
    /// `'L2-Hys'` (the default): L2, then clipped at 0.2, then L2 again.
    #[default]
    L2Hys,
}

/// Checked parameters of [`hog`]; built by [`HogParams`]' [`check`](ParamGuard::check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HogValidParams {
    orientations: usize,
    pixels_per_cell: (usize, usize),
    cells_per_block: (usize, usize),
    block_norm: BlockNorm,
    transform_sqrt: bool,
}

impl HogValidParams {
    /// Number of orientation bins over 0..180 degrees.
    pub fn orientations(&self) -> usize {
        self.orientations
    }
    /// Cell size, (rows, columns) pixels.
    pub fn pixels_per_cell(&self) -> (usize, usize) {
        self.pixels_per_cell
    }
    /// Block size, (rows, columns) cells.
    pub fn cells_per_block(&self) -> (usize, usize) {
        self.cells_per_block
    }
    /// Block normalisation.
    pub fn block_norm(&self) -> BlockNorm {
        self.block_norm
    }
    /// Whether the square root of the image is taken first.
    pub fn transform_sqrt(&self) -> bool {
        self.transform_sqrt
    }
}

/// Parameters of [`hog`] with skimage's defaults: 9 orientations, 8x8 pixels per cell, 3x3
/// cells per block, L2-Hys, no square root.
///
/// `feature_vector` is not a field: [`hog`] is `feature_vector=True`, [`hog_blocks`]
/// `feature_vector=False`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HogParams(HogValidParams);

impl Default for HogParams {
    fn default() -> Self {
        Self(HogValidParams {
            orientations: 9,
            pixels_per_cell: (8, 8),
            cells_per_block: (3, 3),
            block_norm: BlockNorm::L2Hys,
            transform_sqrt: false,
        })
    }
}

impl HogParams {
    /// Number of orientation bins over 0..180 degrees (at least 1).
    pub fn orientations(mut self, n: usize) -> Self {
        self.0.orientations = n;
        self
    }
    /// Cell size, (rows, columns) pixels (each at least 1).
    pub fn pixels_per_cell(mut self, rows: usize, cols: usize) -> Self {
        self.0.pixels_per_cell = (rows, cols);
        self
    }
    /// Block size, (rows, columns) cells (each at least 1).
    pub fn cells_per_block(mut self, rows: usize, cols: usize) -> Self {
        self.0.cells_per_block = (rows, cols);
        self
    }
    /// Block normalisation.
    pub fn block_norm(mut self, norm: BlockNorm) -> Self {
        self.0.block_norm = norm;
        self
    }
    /// Whether to take the square root of the image first (pixels must then be `>= 0`).
    pub fn transform_sqrt(mut self, on: bool) -> Self {
        self.0.transform_sqrt = on;
        self
    }
}

impl ParamGuard for HogParams {
    type Checked = HogValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&HogValidParams> {
        let p = &self.0;
        if p.orientations == 0 {
            return Err(Error::InvalidHogParam {
                name: "orientations",
                value: vec![p.orientations],
            });
        }
        for (name, (r, c)) in [
            ("pixels_per_cell", p.pixels_per_cell),
            ("cells_per_block", p.cells_per_block),
        ] {
            if r == 0 || c == 0 {
                return Err(Error::InvalidHogParam {
                    name,
                    value: vec![r, c],
                });
            }
        }
        Ok(p)
    }

    fn check(self) -> Result<HogValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// Histogram of oriented gradients of a grey image as one flat vector: equal to
/// `skimage.feature.hog(image, ..., feature_vector=True)` (tested against it).
///
/// The vector is [`hog_blocks`] in row-major order, of length
/// `n_blocks_row * n_blocks_col * b_row * b_col * orientations`.
///
/// # Errors
/// [`Error::InvalidHogParam`] for a zero parameter, [`Error::NonFinitePixel`] for a NaN or
/// infinite pixel, [`Error::NegativePixel`] for a negative pixel with `transform_sqrt`,
/// [`Error::ImageTooSmall`] for an image smaller than one block.
pub fn hog<F: Float>(image: ArrayView2<'_, F>, params: &HogParams) -> Result<Array1<F>> {
    // Owned iteration is in logical (row-major) order: numpy's ravel.
    Ok(hog_blocks(image, params)?.into_iter().collect())
}

/// Histogram of oriented gradients of a grey image, block by block: equal to
/// `skimage.feature.hog(image, ..., feature_vector=False)` (tested against it).
///
/// The shape is `(n_blocks_row, n_blocks_col, b_row, b_col, orientations)` with
/// `n_blocks = image_size / pixels_per_cell - cells_per_block + 1` per axis (integer division:
/// the pixels past the last whole cell are ignored). Computed in `f64` after the gradient, as
/// skimage does, and returned in the image's float type.
///
/// # Errors
/// As [`hog`].
pub fn hog_blocks<F: Float>(image: ArrayView2<'_, F>, params: &HogParams) -> Result<Array5<F>> {
    let p = params.check_ref()?;
    let (rows, cols) = image.dim();
    for ((row, col), &v) in image.indexed_iter() {
        if !v.is_finite() {
            return Err(Error::NonFinitePixel {
                row,
                col,
                value: v.to_f64_lossless(),
            });
        }
        if p.transform_sqrt && v < F::zero() {
            return Err(Error::NegativePixel {
                row,
                col,
                value: v.to_f64_lossless(),
            });
        }
    }
    let (c_row, c_col) = p.pixels_per_cell;
    let (b_row, b_col) = p.cells_per_block;
    let (n_cells_row, n_cells_col) = (rows / c_row, cols / c_col);
    if n_cells_row < b_row || n_cells_col < b_col {
        return Err(Error::ImageTooSmall {
            rows,
            cols,
            min_rows: b_row.saturating_mul(c_row),
            min_cols: b_col.saturating_mul(c_col),
        });
    }

    let image = if p.transform_sqrt {
        image.mapv(F::sqrt)
    } else {
        image.to_owned()
    };
    let (g_row, g_col) = gradient(&image);
    let hist = cell_histograms(&g_row, &g_col, p);

    let (n_blocks_row, n_blocks_col) = (n_cells_row - b_row + 1, n_cells_col - b_col + 1);
    let o = p.orientations;
    let mut out = Array5::<F>::zeros((n_blocks_row, n_blocks_col, b_row, b_col, o));
    for r in 0..n_blocks_row {
        for c in 0..n_blocks_col {
            let rows_of = hist.slice_axis(Axis(0), Slice::from(r..r + b_row));
            let block = rows_of.slice_axis(Axis(1), Slice::from(c..c + b_col));
            let normed = normalize(block.iter().copied(), p.block_norm);
            let mut out_r = out.index_axis_mut(Axis(0), r);
            let mut out_rc = out_r.index_axis_mut(Axis(0), c);
            for (dst, v) in out_rc.iter_mut().zip(normed) {
                *dst = F::of(v);
            }
        }
    }
    Ok(out)
}

/// skimage's `_hog_channel_gradient`: central differences, zero on the border rows/columns.
fn gradient<F: Float>(image: &Array2<F>) -> (Array2<F>, Array2<F>) {
    let (rows, cols) = image.dim();
    let mut g_row = Array2::<F>::zeros((rows, cols));
    let mut g_col = Array2::<F>::zeros((rows, cols));
    if rows > 2 {
        let d = &image.slice_axis(Axis(0), Slice::from(2..))
            - &image.slice_axis(Axis(0), Slice::from(..rows - 2));
        g_row
            .slice_axis_mut(Axis(0), Slice::from(1..rows - 1))
            .assign(&d);
    }
    if cols > 2 {
        let d = &image.slice_axis(Axis(1), Slice::from(2..))
            - &image.slice_axis(Axis(1), Slice::from(..cols - 2));
        g_col
            .slice_axis_mut(Axis(1), Slice::from(1..cols - 1))
            .assign(&d);
    }
    (g_row, g_col)
}

/// skimage's `hog_histograms`: `(n_cells_row, n_cells_col, orientations)`, each entry the
/// single-precision sum of the cell's magnitudes in that bin over the pixels per cell.
fn cell_histograms<F: Float>(
    g_row: &Array2<F>,
    g_col: &Array2<F>,
    p: &HogValidParams,
) -> Array3<f64> {
    let (rows, cols) = g_row.dim();
    let (c_row, c_col) = p.pixels_per_cell;
    let (n_cells_row, n_cells_col) = (rows / c_row, cols / c_col);
    let o = p.orientations;
    // Bin i is [edges[i], edges[i + 1]), the edges computed as skimage does: (180 / n) * i.
    let per = 180.0 / o as f64;
    let edges: Vec<f64> = (0..=o).map(|i| per * i as f64).collect();
    let bin_of = |ori: f64| -> Option<usize> {
        let i = edges.partition_point(|&e| e <= ori).checked_sub(1)?;
        (i < o && ori < edges[i + 1]).then_some(i)
    };
    // skimage divides a C `float` by the int pixel count: in single precision.
    let area = (c_row * c_col) as f32;
    let mut hist = Array3::<f64>::zeros((n_cells_row, n_cells_col, o));
    let mut totals = vec![0.0_f32; o];
    for cr in 0..n_cells_row {
        for cc in 0..n_cells_col {
            totals.fill(0.0);
            for r in cr * c_row..(cr + 1) * c_row {
                for c in cc * c_col..(cc + 1) * c_col {
                    let gr = g_row[[r, c]].to_f64_lossless();
                    let gc = g_col[[r, c]].to_f64_lossless();
                    let ori = numpy_mod_180(gr.atan2(gc) * (180.0 / std::f64::consts::PI));
                    if let Some(i) = bin_of(ori) {
                        // `total += magnitude[...]` with `float total`, `double magnitude`.
                        totals[i] = (f64::from(totals[i]) + gc.hypot(gr)) as f32;
                    }
                }
            }
            for (i, &t) in totals.iter().enumerate() {
                hist[[cr, cc, i]] = f64::from(t / area);
            }
        }
    }
    hist
}

/// numpy's `x % 180.0` (`np.remainder`: the sign of the divisor, `+0.0` for an exact zero).
fn numpy_mod_180(x: f64) -> f64 {
    let m = x % 180.0;
    if m == 0.0 {
        0.0
    } else if m < 0.0 {
        m + 180.0
    } else {
        m
    }
}

/// skimage's `_hog_normalize_block` over the block's values in row-major order.
fn normalize(block: impl Iterator<Item = f64> + Clone, norm: BlockNorm) -> Vec<f64> {
    let l1 = || block.clone().map(f64::abs).sum::<f64>() + EPS;
    let l2 = |v: &mut dyn Iterator<Item = f64>| (v.map(|x| x * x).sum::<f64>() + EPS * EPS).sqrt();
    match norm {
        BlockNorm::L1 => {
            let d = l1();
            block.map(|v| v / d).collect()
        }
        BlockNorm::L1Sqrt => {
            let d = l1();
            block.map(|v| (v / d).sqrt()).collect()
        }
        BlockNorm::L2 => {
            let d = l2(&mut block.clone());
            block.map(|v| v / d).collect()
        }
        BlockNorm::L2Hys => {
            let d = l2(&mut block.clone());
            let clipped: Vec<f64> = block.map(|v| (v / d).min(0.2)).collect();
            let d2 = l2(&mut clipped.iter().copied());
            clipped.into_iter().map(|v| v / d2).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_remainder() {
        assert_eq!(numpy_mod_180(-90.0), 90.0);
        assert_eq!(numpy_mod_180(-180.0).to_bits(), 0.0_f64.to_bits());
        assert_eq!(numpy_mod_180(-0.0).to_bits(), 0.0_f64.to_bits());
        assert_eq!(numpy_mod_180(180.0), 0.0);
        assert_eq!(numpy_mod_180(45.0), 45.0);
    }

    #[test]
    fn zero_params_are_rejected() {
        assert!(HogParams::default().orientations(0).check().is_err());
        assert!(HogParams::default().pixels_per_cell(0, 8).check().is_err());
        assert!(HogParams::default().cells_per_block(2, 0).check().is_err());
        assert!(HogParams::default().check().is_ok());
    }
}
