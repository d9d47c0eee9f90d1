//! Spatial pyramids: an encoding per grid cell, concatenated.

use dsp_core::Float;
use ndarray::{Array1, ArrayView2, Axis};

use crate::encode::Encoder;
use crate::error::{Error, Result};
use crate::util::{check_dim, check_matrix};

/// A spatial pyramid (Lazebnik, Schmid and Ponce, CVPR 2006): for each level `g` in `levels`
/// the image is cut into a `g x g` grid, the descriptors of each cell are encoded, and the
/// encodings are concatenated (levels in order, cells row-major within a level). A cell without
/// descriptors contributes zeros. No per-level weight is applied: scale the blocks yourself if
/// you want the pyramid-match weights.
///
/// A descriptor at `(y, x)` falls in cell `(floor(y g / height), floor(x g / width))`.
///
/// # Example
/// ```
/// use bovw::{Histogram, HistNorm, SpatialPyramid, Vocabulary};
/// use ndarray::array;
/// let voc = Vocabulary::new(array![[0.0], [1.0]])?;
/// let hist = Histogram::new(voc, HistNorm::None);
/// let sp = SpatialPyramid::new(vec![1, 2])?;
/// let d = array![[0.0], [1.0]];
/// let pos = array![[1.0, 1.0], [9.0, 9.0]]; // top-left and bottom-right of a 10 x 10 image
/// let v = sp.encode(&hist, d.view(), pos.view(), (10, 10))?;
/// assert_eq!(v.len(), sp.len(2));
/// assert_eq!(v.to_vec(), vec![1.0, 1.0, /* 2x2: */ 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
/// # Ok::<(), bovw::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpatialPyramid {
    levels: Vec<usize>,
}

impl SpatialPyramid {
    /// A pyramid of these grid sizes, e.g. `[1, 2, 4]`.
    ///
    /// # Errors
    /// [`Error::InvalidLevels`] for no levels or a level of 0.
    pub fn new(levels: Vec<usize>) -> Result<Self> {
        if levels.is_empty() || levels.contains(&0) {
            return Err(Error::InvalidLevels { levels });
        }
        Ok(Self { levels })
    }
    /// The grid sizes.
    pub fn levels(&self) -> &[usize] {
        &self.levels
    }
    /// Number of cells over all levels.
    pub fn n_cells(&self) -> usize {
        self.levels.iter().map(|g| g * g).sum()
    }
    /// Length of the pyramid encoding for an encoder of length `encoder_len`.
    pub fn len(&self, encoder_len: usize) -> usize {
        self.n_cells() * encoder_len
    }

    /// Encodes the descriptors (`n x dim`) at `positions` (`n x 2`, `(y, x)` in pixels, within
    /// `[0, height) x [0, width)`) of an image of `shape = (height, width)`.
    ///
    /// # Errors
    /// [`Error::Empty`] for no descriptors, [`Error::Shape`] for positions not `n x 2`,
    /// [`Error::NonFinite`], [`Error::PositionOutOfBounds`] (also for an image of zero size),
    /// and the encoder's errors.
    pub fn encode<F: Float, E: Encoder<F>>(
        &self,
        encoder: &E,
        descriptors: ArrayView2<'_, F>,
        positions: ArrayView2<'_, f64>,
        shape: (usize, usize),
    ) -> Result<Array1<F>> {
        check_matrix("descriptors", descriptors)?;
        check_dim("descriptors", encoder.dim(), descriptors.ncols())?;
        if positions.dim() != (descriptors.nrows(), 2) {
            return Err(Error::Shape {
                what: "positions",
                expected: (descriptors.nrows(), 2),
                got: positions.dim(),
            });
        }
        check_matrix("positions", positions)?;
        let (h, w) = shape;
        for (index, p) in positions.rows().into_iter().enumerate() {
            let (y, x) = (p[0], p[1]);
            if !(y >= 0.0 && x >= 0.0 && y < h as f64 && x < w as f64) {
                return Err(Error::PositionOutOfBounds {
                    index,
                    y,
                    x,
                    height: h,
                    width: w,
                });
            }
        }
        let len = encoder.len();
        let mut out = Array1::<F>::zeros(self.len(len));
        let mut offset = 0;
        for &g in &self.levels {
            let mut cells: Vec<Vec<usize>> = vec![Vec::new(); g * g];
            for (i, p) in positions.rows().into_iter().enumerate() {
                let cy = ((p[0] * g as f64 / h as f64) as usize).min(g - 1);
                let cx = ((p[1] * g as f64 / w as f64) as usize).min(g - 1);
                cells[cy * g + cx].push(i);
            }
            for idx in cells {
                if !idx.is_empty() {
                    let sub = descriptors.select(Axis(0), &idx);
                    let e = encoder.encode(sub.view())?;
                    out.slice_axis_mut(Axis(0), (offset..offset + len).into())
                        .assign(&e);
                }
                offset += len;
            }
        }
        Ok(out)
    }
}
