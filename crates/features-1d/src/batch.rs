//! Batches of signals, the per-signal trait every feature extractor implements, and the one
//! batch loop behind every extractor's [`Transform`](dsp_core::model::Transform).

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayBase, ArrayView1, Axis, Data, Ix1, Ix2};
use rayon::prelude::*;

use crate::{Error, Result};

/// A batch of 1-D signals, possibly of different lengths: a slice or `Vec` of arrays or
/// views (`[Array1<F>]`, `Vec<ArrayView1<F>>`, ...), or the rows of a matrix
/// (`Array2<F>`, `ArrayView2<F>`).
pub trait SignalBatch: Sync {
    /// The sample type.
    type Elem: Float;
    /// Number of signals.
    fn n_signals(&self) -> usize;
    /// Signal `i` (`i < n_signals()`).
    fn signal(&self, i: usize) -> ArrayView1<'_, Self::Elem>;

    /// The common length when every signal has the same length (`None` for an empty batch or
    /// signals of different lengths).
    fn equal_length(&self) -> Option<usize> {
        let first = (self.n_signals() > 0).then(|| self.signal(0).len())?;
        (1..self.n_signals())
            .all(|i| self.signal(i).len() == first)
            .then_some(first)
    }
}

/// A slice and a `Vec` of 1-D arrays or views are batches of their elements.
macro_rules! signal_list {
    ($($list:ty),*) => {$(
        impl<S> SignalBatch for $list
        where
            S: Data + Sync,
            S::Elem: Float,
        {
            type Elem = S::Elem;
            fn n_signals(&self) -> usize {
                self.len()
            }
            fn signal(&self, i: usize) -> ArrayView1<'_, S::Elem> {
                self[i].view()
            }
        }
    )*};
}

signal_list!([ArrayBase<S, Ix1>], Vec<ArrayBase<S, Ix1>>);

impl<S> SignalBatch for ArrayBase<S, Ix2>
where
    S: Data + Sync,
    S::Elem: Float,
{
    type Elem = S::Elem;
    fn n_signals(&self) -> usize {
        self.nrows()
    }
    fn signal(&self, i: usize) -> ArrayView1<'_, S::Elem> {
        self.row(i)
    }
    fn equal_length(&self) -> Option<usize> {
        (self.nrows() > 0).then(|| self.ncols())
    }
}

/// A fixed-length feature vector per signal: filter banks, band powers, (Mini)Rocket.
///
/// This is the per-signal side; whole batches go through the extractor's
/// [`Transform`](dsp_core::model::Transform) (`extractor.transform(&batch)`, one row per
/// signal, in parallel), and fitted extractors come from [`Fit`](dsp_core::model::Fit).
pub trait FeatureExtractor<T: Float>: Sync {
    /// Length of the feature vector.
    fn n_features(&self) -> usize;

    /// One name per feature, in column order.
    fn feature_names(&self) -> Vec<String>;

    /// Writes the features of `x` into `out` (`out.len() == n_features()`).
    ///
    /// # Errors
    /// As the implementing extractor documents (empty, too short or non-finite signal, ...);
    /// [`dsp_core::Error::ShapeMismatch`] for a wrong `out` length.
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
}

/// The batch loop of every extractor: one row of `n_features` per signal of `batch`, computed
/// in parallel (rayon, one signal per task) by `row(signal, out, scratch)`, with one `scratch`
/// (from `init`) per rayon task.
///
/// # Errors
/// [`Error::AtSignal`] with the index of the first failing signal (in batch order) and the
/// reason.
pub(crate) fn transform_rows<B, S>(
    batch: &B,
    n_features: usize,
    init: impl Fn() -> S + Sync + Send,
    row: impl Fn(ArrayView1<'_, B::Elem>, &mut [B::Elem], &mut S) -> Result<()> + Sync + Send,
) -> Result<Array2<B::Elem>>
where
    B: SignalBatch + ?Sized,
{
    let mut out = Array2::zeros((batch.n_signals(), n_features));
    let results: Vec<Result<()>> = out
        .axis_iter_mut(Axis(0))
        .into_par_iter()
        .enumerate()
        .map_init(init, |scratch, (i, mut r)| {
            let r = r
                .as_slice_mut()
                .expect("rows of a standard-layout array are contiguous");
            row(batch.signal(i), r, scratch)
        })
        .collect();
    for (index, r) in results.into_iter().enumerate() {
        r.map_err(|e| at_signal(index, e))?;
    }
    Ok(out)
}

/// `e` as the error of signal `index` of a batch.
pub(crate) fn at_signal(index: usize, e: Error) -> Error {
    Error::AtSignal {
        index,
        source: Box::new(e),
    }
}

/// Fails unless the signals of `batch` all have one length (models that refuse ragged sets,
/// as aeon's ROCKET and MiniRocket do).
pub(crate) fn ensure_equal_lengths<B: SignalBatch + ?Sized>(batch: &B) -> Result<()> {
    let Some(first) = (batch.n_signals() > 0).then(|| batch.signal(0).len()) else {
        return Ok(());
    };
    for index in 1..batch.n_signals() {
        let len = batch.signal(index).len();
        if len != first {
            return Err(Error::UnequalLengths {
                index,
                len,
                expected: first,
            });
        }
    }
    Ok(())
}

/// Fails unless `x` is non-empty and finite.
pub(crate) fn check_signal<T: Float>(x: ArrayView1<'_, T>) -> Result<()> {
    dsp_core::check::ensure_len("signal", x.len(), 1)?;
    dsp_core::check::ensure_finite("signal", x.iter())?;
    Ok(())
}

/// Fails unless an output buffer has room for exactly `n_features` values.
pub(crate) fn check_out(out_len: usize, n_features: usize) -> Result<()> {
    if out_len != n_features {
        return Err(dsp_core::Error::ShapeMismatch {
            what: "output",
            expected: vec![n_features],
            got: vec![out_len],
        }
        .into());
    }
    Ok(())
}
