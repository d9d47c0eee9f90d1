//! Batches of signals and the one trait every per-signal feature extractor implements.

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

use crate::{Error, Result};

/// A batch of 1-D signals, possibly of different lengths: a slice of arrays or views, or the
/// rows of a matrix.
pub trait SignalBatch<T>: Sync {
    /// Number of signals.
    fn n_signals(&self) -> usize;
    /// Signal `i` (`i < n_signals()`).
    fn signal(&self, i: usize) -> ArrayView1<'_, T>;
}

impl<T: Float> SignalBatch<T> for [Array1<T>] {
    fn n_signals(&self) -> usize {
        self.len()
    }
    fn signal(&self, i: usize) -> ArrayView1<'_, T> {
        self[i].view()
    }
}

impl<T: Float> SignalBatch<T> for Vec<Array1<T>> {
    fn n_signals(&self) -> usize {
        self.len()
    }
    fn signal(&self, i: usize) -> ArrayView1<'_, T> {
        self[i].view()
    }
}

impl<T: Float> SignalBatch<T> for [ArrayView1<'_, T>] {
    fn n_signals(&self) -> usize {
        self.len()
    }
    fn signal(&self, i: usize) -> ArrayView1<'_, T> {
        self[i].view()
    }
}

impl<T: Float> SignalBatch<T> for ArrayView2<'_, T> {
    fn n_signals(&self) -> usize {
        self.nrows()
    }
    fn signal(&self, i: usize) -> ArrayView1<'_, T> {
        self.row(i)
    }
}

impl<T: Float> SignalBatch<T> for Array2<T> {
    fn n_signals(&self) -> usize {
        self.nrows()
    }
    fn signal(&self, i: usize) -> ArrayView1<'_, T> {
        self.row(i)
    }
}

/// A fixed-length feature vector per signal: filter banks, band powers, (Mini)Rocket.
pub trait FeatureExtractor<T: Float>: Sync {
    /// Length of the feature vector.
    fn n_features(&self) -> usize;

    /// One name per feature, in column order.
    fn feature_names(&self) -> Vec<String>;

    /// Writes the features of `x` into `out` (`out.len() == n_features()`).
    ///
    /// # Errors
    /// As the implementing extractor documents (empty, too short or non-finite signal, ...).
    fn transform_into(&self, x: ArrayView1<'_, T>, out: &mut [T]) -> Result<()>;

    /// The features of one signal.
    ///
    /// # Errors
    /// As [`FeatureExtractor::transform_into`].
    fn transform_one(&self, x: ArrayView1<'_, T>) -> Result<Array1<T>> {
        let mut out = vec![T::zero(); self.n_features()];
        self.transform_into(x, &mut out)?;
        Ok(Array1::from_vec(out))
    }

    /// The features of every signal of `batch`, one row per signal, computed in parallel
    /// (rayon, one signal per task).
    ///
    /// # Errors
    /// [`Error::AtSignal`] with the index of the first failing signal (in batch order) and
    /// the reason.
    fn transform<B: SignalBatch<T> + ?Sized>(&self, batch: &B) -> Result<Array2<T>>
    where
        Self: Sized,
    {
        let mut out = Array2::zeros((batch.n_signals(), self.n_features()));
        let results: Vec<Result<()>> = out
            .axis_iter_mut(Axis(0))
            .into_par_iter()
            .enumerate()
            .map(|(i, mut row)| {
                // rows of a fresh standard-layout array are contiguous
                let row = row
                    .as_slice_mut()
                    .expect("rows of a standard-layout array are contiguous");
                self.transform_into(batch.signal(i), row)
            })
            .collect();
        for (index, r) in results.into_iter().enumerate() {
            r.map_err(|e| Error::AtSignal {
                index,
                source: Box::new(e),
            })?;
        }
        Ok(out)
    }
}

/// Fails unless `x` is non-empty and finite.
pub(crate) fn check_signal<T: Float>(x: ArrayView1<'_, T>) -> Result<()> {
    dsp_core::check::ensure_len("signal", x.len(), 1)?;
    dsp_core::check::ensure_finite("signal", x.iter())?;
    Ok(())
}
