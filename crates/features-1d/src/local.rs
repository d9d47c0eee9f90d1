//! Local features over time: poolings of sliding windows (the tutorial's
//! `extract_local_features`).

use dsp_core::Float;
use dsp_core::model::Transform;
use ndarray::{Array2, ArrayBase, Data, Ix1};
use rayon::prelude::*;

use crate::batch::check_signal;
use crate::pooling::{Pooling, pool_into, validate_all};
use crate::{Error, Result};

/// Sliding windows of `window` samples every `hop` samples, each pooled by every pooling:
/// a `(n_frames, n_poolings)` matrix per signal.
///
/// Frames are the windows that fit entirely in the signal (no padding):
/// `n_frames = 1 + (n - window) / hop`, frame `t` covering `x[t * hop .. t * hop + window]`.
/// Row `t`, column `p` equals `pool_p(x[t*hop : t*hop + window])` in numpy (tested against it).
///
/// It maps one signal to a matrix (not a batch to a matrix), so it implements [`Transform`]
/// for a 1-D array (any `ArrayBase<S, Ix1>`: an `Array1` or a view) and is not a pipeline step.
///
/// # Example
/// ```
/// use features_1d::{LocalFeatures, Pooling, Transform};
/// use ndarray::array;
/// let lf = LocalFeatures::new(2, 1, vec![Pooling::Mean, Pooling::Max])?;
/// let m = lf.transform(&array![1.0, 3.0, 2.0])?;
/// assert_eq!(m, array![[2.0, 3.0], [2.5, 3.0]]);
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LocalFeatures {
    window: usize,
    hop: usize,
    poolings: Vec<Pooling>,
}

impl LocalFeatures {
    /// Windows of `window` samples, `hop` apart, pooled by `poolings`.
    ///
    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] for `window == 0` or `hop == 0`;
    /// [`Error::Empty`] for no poolings; [`Error::InvalidPercentile`].
    pub fn new(window: usize, hop: usize, poolings: Vec<Pooling>) -> Result<Self> {
        for (name, v) in [("window", window), ("hop", hop)] {
            if v == 0 {
                return Err(dsp_core::Error::InvalidParameter {
                    name,
                    value: 0.0,
                    expected: "at least 1 sample",
                }
                .into());
            }
        }
        validate_all(&poolings)?;
        Ok(Self {
            window,
            hop,
            poolings,
        })
    }

    /// Number of frames for a signal of `n` samples (`None` when the window does not fit).
    #[must_use]
    pub fn n_frames(&self, n: usize) -> Option<usize> {
        (n >= self.window).then(|| 1 + (n - self.window) / self.hop)
    }

    /// Column names: the pooling names.
    #[must_use]
    pub fn feature_names(&self) -> Vec<String> {
        self.poolings.iter().map(Pooling::name).collect()
    }
}

/// The `(n_frames, n_poolings)` local features of one signal; frames in parallel when there
/// are many.
impl<T: Float, S: Data<Elem = T>> Transform<ArrayBase<S, Ix1>> for LocalFeatures {
    type Output = Array2<T>;
    type Error = Error;

    /// # Errors
    /// [`dsp_core::Error::TooShort`] for an empty signal, [`dsp_core::Error::NonFinite`] for
    /// NaN/infinity, [`Error::WindowTooLong`] when the window exceeds the signal.
    fn transform(&self, x: &ArrayBase<S, Ix1>) -> Result<Array2<T>> {
        let x = x.view();
        check_signal(x)?;
        let n_frames = self.n_frames(x.len()).ok_or(Error::WindowTooLong {
            window: self.window,
            signal_len: x.len(),
        })?;
        let x = x.as_standard_layout();
        // standard layout of a 1-D array is contiguous
        let x = x.as_slice().expect("standard layout is contiguous");
        let np = self.poolings.len();
        let mut out = vec![T::zero(); n_frames * np];
        let frame = |(t, o): (usize, &mut [T]), scratch: &mut Vec<T>| {
            let s = t * self.hop;
            pool_into(&x[s..s + self.window], &self.poolings, o, scratch);
        };
        if n_frames * self.window >= 1 << 16 {
            out.par_chunks_mut(np)
                .enumerate()
                .for_each_init(Vec::new, |scratch, to| frame(to, scratch));
        } else {
            let mut scratch = Vec::new();
            out.chunks_mut(np)
                .enumerate()
                .for_each(|to| frame(to, &mut scratch));
        }
        // n_frames * np values were allocated above
        Ok(Array2::from_shape_vec((n_frames, np), out).expect("shape matches the buffer"))
    }
}
