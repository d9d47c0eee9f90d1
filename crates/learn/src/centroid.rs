//! Nearest-centroid classification (Euclidean), with a closed-form leave-one-out.

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rayon::prelude::*;

use crate::input::{Classes, check_predict, check_xy, to_f64};
use crate::traits::{classifier_impls, param_guard};
use crate::{Classifier, Error, Result};

/// Hyper-parameters of [`NearestCentroidModel`] (none: Euclidean metric, uniform priors).
///
/// Equal to `sklearn.neighbors.NearestCentroid()` (tested against it): each class is its mean,
/// a sample goes to the nearest mean, ties to the smallest label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NearestCentroidParams(NearestCentroidValidParams);

/// Checked [`NearestCentroidParams`] (every configuration is valid).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NearestCentroidValidParams;

impl NearestCentroidParams {
    /// The only configuration.
    #[must_use]
    pub fn new() -> Self {
        Self(NearestCentroidValidParams)
    }
}

impl NearestCentroidValidParams {
    #[allow(clippy::unnecessary_wraps, clippy::unused_self)] // the shape `param_guard!` expects
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

param_guard!(NearestCentroidParams, NearestCentroidValidParams);

/// A fitted nearest-centroid classifier.
#[derive(Debug, Clone)]
pub struct NearestCentroidModel {
    centroids: Array2<f64>,
    classes: Vec<usize>,
}

impl NearestCentroidModel {
    /// The class means, one row per class in the order of [`Model::classes`](crate::Model::classes).
    #[must_use]
    pub fn centroids(&self) -> ArrayView2<'_, f64> {
        self.centroids.view()
    }
}

fn sq_dist(a: ArrayView1<'_, f64>, b: ArrayView1<'_, f64>) -> f64 {
    a.iter().zip(b.iter()).map(|(p, q)| (p - q) * (p - q)).sum()
}

fn class_sums(x: &Array2<f64>, classes: &Classes) -> Array2<f64> {
    let mut sums = Array2::zeros((classes.len(), x.ncols()));
    for (row, &c) in x.rows().into_iter().zip(&classes.index) {
        let mut s = sums.row_mut(c);
        s += &row;
    }
    sums
}

impl NearestCentroidValidParams {
    fn fit_view<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: &[usize],
    ) -> Result<NearestCentroidModel> {
        check_xy("NearestCentroidParams::fit", x, y)?;
        let classes = Classes::new(y)?;
        let x = to_f64(x);
        let mut centroids = class_sums(&x, &classes);
        for (mut row, n) in centroids.rows_mut().into_iter().zip(classes.counts()) {
            row /= n as f64;
        }
        Ok(NearestCentroidModel {
            centroids,
            classes: classes.labels,
        })
    }
}

impl<F: Float> Classifier<F> for NearestCentroidValidParams {
    type Fitted = NearestCentroidModel;
    type FitError = Error;

    /// The held-out sample's class mean is downdated, `(n_c mean_c - x_i) / (n_c - 1)`; a class
    /// left empty drops out, as it would from a refit.
    fn loo_predict(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Option<Result<Vec<usize>>> {
        Some((|| {
            check_xy("NearestCentroidParams::loo", x, y)?;
            let classes = Classes::new(y)?;
            let x = to_f64(x);
            let counts = classes.counts();
            let sums = class_sums(&x, &classes);
            let mut means = sums.clone();
            for (mut row, &n) in means.rows_mut().into_iter().zip(&counts) {
                row /= n as f64;
            }
            Ok((0..x.nrows())
                .into_par_iter()
                .map(|i| {
                    let xi = x.row(i);
                    let own = classes.index[i];
                    let mut best = (f64::INFINITY, usize::MAX);
                    #[allow(clippy::needless_range_loop)] // several arrays share the class index
                    for c in 0..classes.len() {
                        let d = if c == own {
                            if counts[c] == 1 {
                                continue;
                            }
                            let m = (counts[c] - 1) as f64;
                            xi.iter()
                                .zip(sums.row(c))
                                .map(|(&v, &s)| {
                                    let mu = (s - v) / m;
                                    (v - mu) * (v - mu)
                                })
                                .sum()
                        } else {
                            sq_dist(xi, means.row(c))
                        };
                        if d < best.0 {
                            best = (d, c);
                        }
                    }
                    classes.labels[best.1]
                })
                .collect())
        })())
    }
}

impl NearestCentroidModel {
    fn predict_view<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array1<usize>> {
        check_predict("NearestCentroidModel::predict", x, self.centroids.ncols())?;
        let x = to_f64(x);
        Ok(x.rows()
            .into_iter()
            .map(|r| {
                let mut best = (f64::INFINITY, 0);
                for (c, m) in self.centroids.rows().into_iter().enumerate() {
                    let d = sq_dist(r, m);
                    if d < best.0 {
                        best = (d, c);
                    }
                }
                self.classes[best.1]
            })
            .collect())
    }
}

classifier_impls!(
    NearestCentroidParams,
    NearestCentroidValidParams,
    NearestCentroidModel
);
