//! k-nearest-neighbour classification by blocked brute force on GEMM.

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use rayon::prelude::*;

use crate::input::{Classes, check_predict, check_xy, to_f64};
use crate::traits::{classifier_impls, param_guard};
use crate::{Classifier, Error, Result};

/// Query rows per GEMM block: the block's distance rows (`BLOCK x n_train` f64) stay in cache
/// for moderate training sets, and there are enough blocks to feed rayon.
const BLOCK: usize = 64;

/// Hyper-parameters of [`KnnModel`]: the number of neighbours, Euclidean metric, uniform votes.
///
/// Equal to `sklearn.neighbors.KNeighborsClassifier(n_neighbors=k)` (tested against it): the `k`
/// nearest training rows vote, a tie in votes goes to the smallest label, and a tie in distance
/// to the earlier training row. Distances come from `|x|^2 - 2 x.c + |c|^2` on GEMM, and every
/// candidate within rounding distance of the `k`-th is re-measured exactly as `sum (x - c)^2`,
/// so the neighbours are those of exact arithmetic.
///
/// ```
/// use dsp_core::{Fit, Predict};
/// use learn::{KnnParams, ValidationOptions, leave_one_out};
/// use ndarray::array;
///
/// let x = array![[0.0, 0.1], [0.2, 0.0], [0.1, 0.3], [3.0, 3.1], [3.2, 2.9], [2.9, 3.0]];
/// let y = [0usize, 0, 0, 7, 7, 7];
/// let model = KnnParams::new(1).fit(&x, &y)?;
/// assert_eq!(model.predict(&array![[0.1, 0.1], [3.0, 3.0]])?.to_vec(), [0, 7]);
/// // Leave-one-out excludes each sample from its own neighbours (no refits).
/// let loo = leave_one_out(&KnnParams::new(1), x.view(), &y, ValidationOptions::default())?;
/// assert_eq!(loo.mean_score(), 1.0);
/// # Ok::<(), learn::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KnnParams(KnnValidParams);

/// Checked [`KnnParams`]: the only thing a [`KnnModel`] is fitted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnnValidParams {
    k: usize,
}

impl KnnParams {
    /// `k` neighbours (`k >= 1`, checked by [`ParamGuard::check`](dsp_core::ParamGuard); `k`
    /// at most the training set size, checked in `fit`).
    #[must_use]
    pub fn new(k: usize) -> Self {
        Self(KnnValidParams { k })
    }

    /// The number of neighbours.
    #[must_use]
    pub fn k(&self) -> usize {
        self.0.k
    }
}

impl Default for KnnValidParams {
    /// sklearn's default, `k = 5`.
    fn default() -> Self {
        Self { k: 5 }
    }
}

impl KnnValidParams {
    /// The number of neighbours.
    #[must_use]
    pub fn k(&self) -> usize {
        self.k
    }

    fn validate(&self) -> Result<()> {
        if self.k == 0 {
            return Err(Error::InvalidNeighbors { k: 0, n_samples: 0 });
        }
        Ok(())
    }
}

param_guard!(KnnParams, KnnValidParams);

/// A fitted k-NN classifier: the training set itself, with its squared row norms.
#[derive(Debug, Clone)]
pub struct KnnModel {
    k: usize,
    x: Array2<f64>,
    norms: Array1<f64>,
    y: Vec<usize>,
    classes: Vec<usize>,
}

fn check_k(k: usize, n: usize) -> Result<()> {
    if k == 0 || k > n {
        return Err(Error::InvalidNeighbors { k, n_samples: n });
    }
    Ok(())
}

fn row_norms(x: &Array2<f64>) -> Array1<f64> {
    x.rows().into_iter().map(|r| r.dot(&r)).collect()
}

impl KnnModel {
    /// The votes for each row of `q` (`f64`, checked); `exclude[i]` names a training row that
    /// query `i` must not see (leave-one-out), if any.
    fn vote(&self, q: &Array2<f64>, exclude_offset: Option<usize>) -> Vec<usize> {
        let n_classes = self.classes.len();
        let qn = row_norms(q);
        let xn_max = self.norms.iter().copied().fold(0.0, f64::max);
        let d = self.x.ncols() as f64;
        let mut out = vec![0; q.nrows()];
        out.par_chunks_mut(BLOCK)
            .enumerate()
            .for_each(|(b, out_block)| {
                let start = b * BLOCK;
                let qb = q.slice_axis(Axis(0), (start..start + out_block.len()).into());
                let mut dist = qb.dot(&self.x.t());
                let mut cand: Vec<(f64, usize)> = Vec::new();
                let mut votes = vec![0usize; n_classes];
                for (r, mut row) in dist.axis_iter_mut(Axis(0)).enumerate() {
                    let i = start + r;
                    let skip = exclude_offset.map(|o| o + i);
                    let qi = qn[start + r];
                    for (j, v) in row.iter_mut().enumerate() {
                        *v = (qi - 2.0 * *v + self.norms[j]).max(0.0);
                    }
                    // the k-th smallest approximate distance, skipping the excluded row
                    cand.clear();
                    cand.extend(
                        row.iter()
                            .enumerate()
                            .filter(|&(j, _)| Some(j) != skip)
                            .map(|(j, &v)| (v, j)),
                    );
                    let kth = {
                        let (_, kv, _) =
                            cand.select_nth_unstable_by(self.k - 1, |a, b| a.0.total_cmp(&b.0));
                        kv.0
                    };
                    // GEMM rounding: |error| <= ~(d + 2) eps (|q|^2 + |c|^2); widen generously
                    let margin = 8.0 * (d + 2.0) * f64::EPSILON * (qi + xn_max);
                    let qrow = q.row(i);
                    cand.retain(|&(v, _)| v <= kth + margin);
                    for c in &mut cand {
                        let xr = self.x.row(c.1);
                        c.0 = qrow
                            .iter()
                            .zip(xr.iter())
                            .map(|(a, b)| (a - b) * (a - b))
                            .sum();
                    }
                    cand.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    votes.iter_mut().for_each(|v| *v = 0);
                    for &(_, j) in &cand[..self.k] {
                        votes[self.y[j]] += 1;
                    }
                    let mut best = 0;
                    for (c, &v) in votes.iter().enumerate() {
                        if v > votes[best] {
                            best = c;
                        }
                    }
                    out_block[r] = self.classes[best];
                }
            });
        out
    }
}

impl KnnValidParams {
    fn fit_view<F: Float>(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Result<KnnModel> {
        check_xy("KnnParams::fit", x, y)?;
        let classes = Classes::new(y)?;
        check_k(self.k, x.nrows())?;
        let x = to_f64(x);
        Ok(KnnModel {
            k: self.k,
            norms: row_norms(&x),
            x,
            y: classes.index,
            classes: classes.labels,
        })
    }
}

impl<F: Float> Classifier<F> for KnnValidParams {
    type Fitted = KnnModel;
    type FitError = Error;

    /// One distance matrix; each sample's own row is excluded from its neighbours.
    fn loo_predict(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Option<Result<Vec<usize>>> {
        Some((|| {
            check_k(self.k, x.nrows().saturating_sub(1))?;
            let model = self.fit_view(x, y)?;
            Ok(model.vote(&model.x, Some(0)))
        })())
    }
}

impl KnnModel {
    fn predict_view<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array1<usize>> {
        check_predict("KnnModel::predict", x, self.x.ncols())?;
        Ok(Array1::from(self.vote(&to_f64(x), None)))
    }
}

classifier_impls!(KnnParams, KnnValidParams, KnnModel);
