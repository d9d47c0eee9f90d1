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
use ndarray::{Array1, Array2, Array5, ArrayView2};
use rayon::prelude::*;

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
    check_pixels(image, p.transform_sqrt)?;
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

    // One contiguous row-major copy (square-rooted if asked): the gradient is taken from it
    // on the fly, so no gradient, magnitude or orientation image is ever stored.
    let pixels: Vec<F> = if p.transform_sqrt {
        image.iter().map(|&v| v.sqrt()).collect()
    } else {
        image.iter().copied().collect()
    };
    let hist = cell_histograms(&pixels, rows, cols, p);

    let (n_blocks_row, n_blocks_col) = (n_cells_row - b_row + 1, n_cells_col - b_col + 1);
    let o = p.orientations;
    let block_len = b_row * b_col * o;
    let cell_row_len = n_cells_col * o;
    let mut out = vec![F::zero(); n_blocks_row * n_blocks_col * block_len];
    // Block rows in parallel; each block gathered into one scratch buffer per block row.
    out.par_chunks_mut(n_blocks_col * block_len)
        .enumerate()
        .for_each(|(r, out_row)| {
            let mut block = Vec::with_capacity(block_len);
            for (c, dst) in out_row.chunks_exact_mut(block_len).enumerate() {
                block.clear();
                for i in r..r + b_row {
                    let start = i * cell_row_len + c * o;
                    block.extend_from_slice(&hist[start..start + b_col * o]);
                }
                normalize(&mut block, p.block_norm);
                for (d, &v) in dst.iter_mut().zip(&block) {
                    *d = F::of(v);
                }
            }
        });
    Ok(
        Array5::from_shape_vec((n_blocks_row, n_blocks_col, b_row, b_col, o), out)
            .expect("one block_len chunk per block"),
    )
}

/// HOG of many images of one shape, one row per image: row `i` is [`hog`] of `images[i]`
/// (rayon over images). The batch form of `skimage.feature.hog` in a loop.
///
/// # Errors
/// [`Error::EmptyBatch`] for no image, [`Error::BatchShape`] when an image's shape differs
/// from the first one's; as [`hog`] for each image (the first failing image in order).
pub fn hog_batch<F: Float>(images: &[ArrayView2<'_, F>], params: &HogParams) -> Result<Array2<F>> {
    let first = images.first().ok_or(Error::EmptyBatch)?;
    let shape = first.dim();
    if let Some((index, im)) = images.iter().enumerate().find(|(_, im)| im.dim() != shape) {
        return Err(Error::BatchShape {
            index,
            expected: vec![shape.0, shape.1],
            got: im.shape().to_vec(),
        });
    }
    let rows: Vec<Array1<F>> = images
        .par_iter()
        .map(|im| hog(im.view(), params))
        .collect::<Result<_>>()?;
    let len = rows[0].len();
    let mut out = Array2::<F>::zeros((rows.len(), len));
    for (mut dst, row) in out.outer_iter_mut().zip(&rows) {
        dst.assign(row);
    }
    Ok(out)
}

/// Refuses NaN and infinite pixels, and negative ones under `transform_sqrt`.
fn check_pixels<F: Float>(image: ArrayView2<'_, F>, transform_sqrt: bool) -> Result<()> {
    let bad = |v: F| !v.is_finite() || (transform_sqrt && v < F::zero());
    let Some(index) = image.iter().position(|&v| bad(v)) else {
        return Ok(());
    };
    // `iter` walks in logical row-major order, so the position gives the pixel.
    let (row, col) = (index / image.ncols(), index % image.ncols());
    let value = image[[row, col]];
    Err(if value.is_finite() {
        Error::NegativePixel {
            row,
            col,
            value: value.to_f64_lossless(),
        }
    } else {
        Error::NonFinitePixel {
            row,
            col,
            value: value.to_f64_lossless(),
        }
    })
}

/// The orientation bins: bin `i` is `[edges[i], edges[i + 1])` degrees, the edges computed as
/// skimage does (`(180 / n) * i`).
struct Bins {
    edges: Vec<f64>,
    /// `(cos, sin)` of `edges[1..=n]` (in radians), for the sign tests of [`Bins::bin`].
    dirs: Vec<(f64, f64)>,
}

/// Relative margin below which [`Bins::bin`] leaves the fast sign test for skimage's exact
/// arithmetic. The sign test and skimage's `rad2deg(arctan2) % 180` each err by ~1e-15 rad, so
/// 1e-9 is a wide safety factor, and exact ties (a gradient on a bin edge) always fall back.
const EDGE_MARGIN: f64 = 1e-9;

impl Bins {
    fn new(o: usize) -> Self {
        let per = 180.0 / o as f64;
        let edges: Vec<f64> = (0..=o).map(|i| per * i as f64).collect();
        let dirs = edges[1..]
            .iter()
            .map(|&e| {
                let a = e.to_radians();
                (a.cos(), a.sin())
            })
            .collect();
        Self { edges, dirs }
    }

    /// skimage's bin of the gradient `(g_row, g_col)`: the bin holding
    /// `rad2deg(arctan2(g_row, g_col)) % 180`, `None` when it falls in none (it can be
    /// exactly 180 after rounding).
    ///
    /// Instead of the arctangent, the gradient folded into the upper half-plane is compared
    /// with each edge direction through the sign of a cross product; only a gradient within
    /// [`EDGE_MARGIN`] of an edge (or of the horizontal) takes the exact arctangent path, so
    /// the bins are skimage's exactly (tested against the arctangent on every pixel).
    #[inline]
    fn bin(&self, g_row: f64, g_col: f64) -> Option<usize> {
        if g_row == 0.0 {
            // arctan2(+-0, x) is 0 or +-180 degrees, all 0 after `% 180`: bin 0.
            return Some(0);
        }
        let (y, x) = if g_row < 0.0 {
            (-g_row, -g_col)
        } else {
            (g_row, g_col)
        };
        let tol = EDGE_MARGIN * (x.abs() + y);
        if y <= tol {
            return self.bin_exact(g_row, g_col);
        }
        let mut above = 0;
        for &(c, s) in &self.dirs {
            let cross = c * y - s * x;
            if cross.abs() <= tol {
                return self.bin_exact(g_row, g_col);
            }
            above += usize::from(cross > 0.0);
        }
        (above < self.dirs.len()).then_some(above)
    }

    /// skimage's arithmetic: `rad2deg(arctan2(g_row, g_col)) % 180`, then the bin.
    fn bin_exact(&self, g_row: f64, g_col: f64) -> Option<usize> {
        let ori = numpy_mod_180(g_row.atan2(g_col) * (180.0 / std::f64::consts::PI));
        let o = self.edges.len() - 1;
        let i = self.edges.partition_point(|&e| e <= ori).checked_sub(1)?;
        (i < o && ori < self.edges[i + 1]).then_some(i)
    }
}

/// skimage's `hog_histograms`: `(n_cells_row, n_cells_col, orientations)` row-major, each
/// entry the single-precision sum of the cell's magnitudes in that bin over the pixels per
/// cell. The gradient (skimage's `_hog_channel_gradient`: central differences in the image's
/// type, zero on the border rows and columns) is taken on the fly; rows of cells run in
/// parallel, each pixel is visited once, and each cell's sums run in skimage's order (row
/// by row, left to right).
fn cell_histograms<F: Float>(
    pixels: &[F],
    rows: usize,
    cols: usize,
    p: &HogValidParams,
) -> Vec<f64> {
    let (c_row, c_col) = p.pixels_per_cell;
    let (n_cells_row, n_cells_col) = (rows / c_row, cols / c_col);
    let o = p.orientations;
    let bins = Bins::new(o);
    // skimage divides a C `float` by the int pixel count: in single precision.
    let area = (c_row * c_col) as f32;
    let mut hist = vec![0.0_f64; n_cells_row * n_cells_col * o];
    hist.par_chunks_mut(n_cells_col * o)
        .enumerate()
        .for_each(|(cr, hist_row)| {
            let mut totals = vec![0.0_f32; n_cells_col * o];
            for r in cr * c_row..(cr + 1) * c_row {
                let row = &pixels[r * cols..(r + 1) * cols];
                let vertical = (r > 0 && r + 1 < rows).then(|| {
                    (
                        &pixels[(r - 1) * cols..r * cols],
                        &pixels[(r + 1) * cols..(r + 2) * cols],
                    )
                });
                for cc in 0..n_cells_col {
                    let cell = &mut totals[cc * o..(cc + 1) * o];
                    for c in cc * c_col..(cc + 1) * c_col {
                        let gr =
                            vertical.map_or(0.0, |(up, down)| (down[c] - up[c]).to_f64_lossless());
                        let gc = if c > 0 && c + 1 < cols {
                            (row[c + 1] - row[c - 1]).to_f64_lossless()
                        } else {
                            0.0
                        };
                        if gr == 0.0 && gc == 0.0 {
                            // Magnitude 0: adding it leaves the (non-negative) sum as it is.
                            continue;
                        }
                        if let Some(i) = bins.bin(gr, gc) {
                            // `total += magnitude[...]` with `float total`, `double magnitude`.
                            cell[i] = (f64::from(cell[i]) + gc.hypot(gr)) as f32;
                        }
                    }
                }
            }
            for (h, &t) in hist_row.iter_mut().zip(&totals) {
                *h = f64::from(t / area);
            }
        });
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

/// skimage's `_hog_normalize_block`, in place, over the block's values in row-major order.
fn normalize(block: &mut [f64], norm: BlockNorm) {
    let l1 = |v: &[f64]| v.iter().map(|x| x.abs()).sum::<f64>() + EPS;
    let l2 = |v: &[f64]| (v.iter().map(|x| x * x).sum::<f64>() + EPS * EPS).sqrt();
    match norm {
        BlockNorm::L1 => {
            let d = l1(block);
            block.iter_mut().for_each(|v| *v /= d);
        }
        BlockNorm::L1Sqrt => {
            let d = l1(block);
            block.iter_mut().for_each(|v| *v = (*v / d).sqrt());
        }
        BlockNorm::L2 => {
            let d = l2(block);
            block.iter_mut().for_each(|v| *v /= d);
        }
        BlockNorm::L2Hys => {
            let d = l2(block);
            block.iter_mut().for_each(|v| *v = (*v / d).min(0.2));
            let d2 = l2(block);
            block.iter_mut().for_each(|v| *v /= d2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array3, Axis, Slice};

    // The arctangent-per-pixel implementation the fast one replaced (skimage's arithmetic
    // written out plainly), kept as the oracle of `cell_histograms`.
    fn naive_cell_histograms<F: Float>(
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
    fn naive_gradient<F: Float>(image: &Array2<F>) -> (Array2<F>, Array2<F>) {
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

    /// Deterministic pixels in [0, 1): uniform, or quantised to `levels` grey levels (which
    /// puts many gradients exactly on bin edges).
    fn pixels(rows: usize, cols: usize, seed: u64, levels: u64) -> Array2<f64> {
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        Array2::from_shape_fn((rows, cols), |_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            if levels == 0 {
                u
            } else {
                (u * levels as f64).floor() / levels as f64
            }
        })
    }

    fn check_same<F: Float>(image: &Array2<F>, p: &HogValidParams) {
        let (g_row, g_col) = naive_gradient(image);
        let want = naive_cell_histograms(&g_row, &g_col, p);
        let flat: Vec<F> = image.iter().copied().collect();
        let got = cell_histograms(&flat, image.nrows(), image.ncols(), p);
        assert_eq!(want.len(), got.len());
        for (i, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(
                w.to_bits(),
                g.to_bits(),
                "cell value {i}: {w} vs {g} ({p:?})"
            );
        }
    }

    #[test]
    fn fast_histograms_equal_the_arctangent_ones_bit_for_bit() {
        for (k, &o) in [9usize, 8, 4, 6, 7, 13, 1, 2, 3].iter().enumerate() {
            for levels in [0u64, 2, 3, 4, 255] {
                let img = pixels(37, 45, k as u64 * 31 + levels, levels);
                for ppc in [(8, 8), (3, 5), (1, 1)] {
                    let p = HogParams::default()
                        .orientations(o)
                        .pixels_per_cell(ppc.0, ppc.1)
                        .check()
                        .expect("valid");
                    check_same(&img, &p);
                    check_same(&img.mapv(|v| v as f32), &p);
                }
            }
        }
    }

    #[test]
    fn bins_on_exact_edges_follow_the_arctangent() {
        // Gradients on every edge direction of several bin counts, and the axes, both signs.
        for o in [1usize, 2, 3, 4, 6, 8, 9, 12] {
            let bins = Bins::new(o);
            for i in 0..=(2 * o) {
                let a = (180.0 / o as f64 * i as f64).to_radians();
                for scale in [1.0, 1e-300, 1e300, 3.0] {
                    for (gr, gc) in [
                        (a.sin() * scale, a.cos() * scale),
                        (-a.sin() * scale, -a.cos() * scale),
                        (1.0, 1.0),
                        (-1.0, 1.0),
                        (0.0, -1.0),
                        (-0.0, 1.0),
                        (1e-20, -1.0),
                        (-1e-20, 1.0),
                        (-1e-20, -1.0),
                    ] {
                        assert_eq!(
                            bins.bin(gr, gc),
                            bins.bin_exact(gr, gc),
                            "o={o} gr={gr} gc={gc}"
                        );
                    }
                }
            }
        }
    }

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
