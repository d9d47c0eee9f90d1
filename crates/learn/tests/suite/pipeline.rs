//! Pipelines with any step of the model vocabulary: leave-one-out through a pipeline equals
//! fitting every step and the classifier on each fold by hand; progress is reported per fold.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::common::*;
use dsp_core::{Fit, ParamGuard, Predict, Progress, Transform};
use learn::{
    Classifier, Error, KnnParams, LogisticRegressionParams, Pipeline, ValidationOptions,
    cross_validate, leave_one_out,
};
use ndarray::{Array1, Array2, Axis};

/// A supervised feature step written outside the crate: distances of each row to the training
/// class means (what it learns depends on the fold, so LOO must refit it).
#[derive(Debug, Clone, Copy, Default)]
struct CentroidDistancesParams(CentroidDistancesValid);

#[derive(Debug, Clone, Copy)]
struct CentroidDistancesValid {
    squared: bool,
}

impl Default for CentroidDistancesValid {
    fn default() -> Self {
        Self { squared: true }
    }
}

#[derive(Debug)]
struct CentroidDistances {
    means: Array2<f64>,
    squared: bool,
}

impl ParamGuard for CentroidDistancesParams {
    type Checked = CentroidDistancesValid;
    type Error = Error;
    fn check_ref(&self) -> Result<&CentroidDistancesValid, Error> {
        Ok(&self.0)
    }
    fn check(self) -> Result<CentroidDistancesValid, Error> {
        Ok(self.0)
    }
}

impl Fit<Array2<f64>, [usize]> for CentroidDistancesValid {
    type Model = CentroidDistances;
    type Error = Error;
    fn fit(&self, x: &Array2<f64>, y: &[usize]) -> Result<CentroidDistances, Error> {
        let k = y.iter().max().map_or(0, |m| m + 1);
        let mut means = Array2::<f64>::zeros((k, x.ncols()));
        let mut counts = vec![0.0; k];
        for (row, &c) in x.rows().into_iter().zip(y) {
            let mut m = means.row_mut(c);
            m += &row;
            counts[c] += 1.0;
        }
        for (mut m, &n) in means.rows_mut().into_iter().zip(&counts) {
            if n > 0.0 {
                m /= n;
            }
        }
        Ok(CentroidDistances {
            means,
            squared: self.squared,
        })
    }
}

impl Transform<Array2<f64>> for CentroidDistances {
    type Output = Array2<f64>;
    type Error = Error;
    fn transform(&self, x: &Array2<f64>) -> Result<Array2<f64>, Error> {
        Ok(Array2::from_shape_fn(
            (x.nrows(), self.means.nrows()),
            |(i, c)| {
                let d: f64 = (&x.row(i) - &self.means.row(c)).mapv(|v| v * v).sum();
                if self.squared { d } else { d.sqrt() }
            },
        ))
    }
}

/// Leave-one-out predictions of `step` then `clf`, each fold fitted by hand.
fn loo_by_hand<C: Classifier<f64>>(x: &Array2<f64>, y: &[usize], clf: &C) -> Vec<usize> {
    (0..y.len())
        .map(|i| {
            let train: Vec<usize> = (0..y.len()).filter(|&j| j != i).collect();
            let xt = x.select(Axis(0), &train);
            let yt: Vec<usize> = train.iter().map(|&j| y[j]).collect();
            let step = CentroidDistancesParams::default()
                .fit(&xt, yt.as_slice())
                .unwrap();
            let model = clf
                .fit(&step.transform(&xt).unwrap(), yt.as_slice())
                .map_err(Into::into)
                .unwrap();
            let held = step.transform(&x.select(Axis(0), &[i])).unwrap();
            model.predict(&held).map_err(Into::into).unwrap()[0]
        })
        .collect()
}

#[test]
fn loo_through_a_feature_step_equals_fitting_each_fold_by_hand() {
    for name in ["blobs4", "class3"] {
        let s = set(name);
        let pipe = Pipeline::new()
            .then(CentroidDistancesParams::default())
            .classifier(KnnParams::new(1));
        let r = leave_one_out(&pipe, s.x.view(), &s.y, ValidationOptions::default()).unwrap();
        let got: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
        assert_eq!(got, loo_by_hand(&s.x, &s.y, &KnnParams::new(1)), "{name}");
    }
    // The same with a classifier that has its own LOO shortcut: inside a pipeline the shortcut
    // cannot apply (the step changes per fold), so every fold is refitted. (Every third row of
    // one set, to keep the hand-made refits short.)
    let s = set("class3");
    let rows: Vec<usize> = (0..s.y.len()).step_by(3).collect();
    let x = s.x.select(Axis(0), &rows);
    let y: Vec<usize> = rows.iter().map(|&i| s.y[i]).collect();
    let logistic = LogisticRegressionParams::new(1.0);
    let pipe = Pipeline::new()
        .then(CentroidDistancesParams::default())
        .classifier(logistic);
    let r = leave_one_out(&pipe, x.view(), &y, ValidationOptions::default()).unwrap();
    let got: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
    assert_eq!(got, loo_by_hand(&x, &y, &logistic), "logistic");
}

#[test]
fn fitted_pipeline_transforms_and_predicts_like_its_parts() {
    let s = set("blobs4");
    let pipe = Pipeline::new()
        .then(CentroidDistancesParams::default())
        .classifier(KnnParams::new(3));
    let model = pipe.fit(&s.x, s.y.as_slice()).unwrap();
    let step = CentroidDistancesParams::default()
        .fit(&s.x, s.y.as_slice())
        .unwrap();
    let want_t = step.transform(&s.xt).unwrap();
    assert_eq!(model.transform(s.xt.view()).unwrap(), want_t);
    let knn = KnnParams::new(3)
        .fit(&step.transform(&s.x).unwrap(), &s.y)
        .unwrap();
    assert_eq!(model.predict(&s.xt).unwrap(), knn.predict(&want_t).unwrap());
    // A width other than the training data's is refused before any step runs.
    assert!(matches!(
        model.transform(s.xt.slice_axis(Axis(1), ndarray::Slice::from(..1))),
        Err(Error::FeatureMismatch { .. })
    ));
}

#[derive(Default)]
struct Counter {
    started: AtomicU64,
    total: AtomicU64,
    done: AtomicU64,
    finished: AtomicU64,
}

impl Progress for Counter {
    fn start(&self, _what: &str, total: u64) {
        self.started.fetch_add(1, Ordering::SeqCst);
        self.total.store(total, Ordering::SeqCst);
    }
    fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::SeqCst);
    }
    fn finish(&self) {
        self.finished.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn folds_are_reported_to_the_progress_observer() {
    let s = set("class3");
    let counter = Arc::new(Counter::default());
    let folds = learn::stratified_kfold(&s.y, 5, None).unwrap();
    let opts = ValidationOptions::default().progress(counter.clone());
    let r = cross_validate(&KnnParams::new(1), s.x.view(), &s.y, &folds, opts).unwrap();
    assert_eq!(r.fold_scores.len(), 5);
    assert_eq!(counter.started.load(Ordering::SeqCst), 1);
    assert_eq!(counter.total.load(Ordering::SeqCst), 5);
    assert_eq!(counter.done.load(Ordering::SeqCst), 5);
    assert_eq!(counter.finished.load(Ordering::SeqCst), 1);
    // Labels in any container: a Vec, a slice, an ndarray.
    let y = Array1::from(s.y.clone());
    let a = KnnParams::new(1)
        .fit(&s.x, &y)
        .unwrap()
        .predict(&s.xt)
        .unwrap();
    let b = KnnParams::new(1)
        .fit(&s.x, &s.y)
        .unwrap()
        .predict(&s.xt)
        .unwrap();
    assert_eq!(a, b);
}

/// Two classes of noisy signals: sines of period 16 and of period 6, random phase.
fn signals(n: usize, len: usize) -> (Array2<f64>, Vec<usize>) {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let y: Vec<usize> = (0..n).map(|i| i % 2).collect();
    let mut x = Array2::zeros((n, len));
    for (mut row, &c) in x.rows_mut().into_iter().zip(&y) {
        let period = if c == 0 { 16.0 } else { 6.0 };
        let phase = next() * std::f64::consts::TAU;
        for (t, v) in row.iter_mut().enumerate() {
            *v = (std::f64::consts::TAU * t as f64 / period + phase).sin() + 0.3 * (next() - 0.5);
        }
    }
    (x, y)
}

/// MiniRocket as the first step: its biases are quantiles of the training folds' convolution
/// outputs, so each fold's features differ, and LOO must equal fitting each fold by hand.
#[test]
fn loo_through_minirocket_equals_fitting_each_fold_by_hand() {
    use features_1d::MiniRocketParams;
    let (x, y) = signals(16, 48);
    let rocket = MiniRocketParams::default().num_features(168).seed(3);
    let pipe = Pipeline::new()
        .then(rocket)
        .then(reduce::StandardScalerParams::default())
        .classifier(KnnParams::new(1));
    let r = leave_one_out(&pipe, x.view(), &y, ValidationOptions::default()).unwrap();
    let got: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
    let by_hand: Vec<usize> = (0..y.len())
        .map(|i| {
            let train: Vec<usize> = (0..y.len()).filter(|&j| j != i).collect();
            let xt = x.select(Axis(0), &train);
            let yt: Vec<usize> = train.iter().map(|&j| y[j]).collect();
            let mr = rocket.fit(&xt, &()).unwrap();
            let ft = mr.transform(&xt).unwrap();
            let scaler = reduce::StandardScalerParams::default()
                .fit(&ft, &())
                .unwrap();
            let knn = KnnParams::new(1)
                .fit(&scaler.transform(&ft).unwrap(), &yt)
                .unwrap();
            let held = mr.transform(&x.select(Axis(0), &[i])).unwrap();
            knn.predict(&scaler.transform(&held).unwrap()).unwrap()[0]
        })
        .collect();
    assert_eq!(got, by_hand);
    // The features separate the two periods: LOO accuracy well above chance.
    assert!(r.mean_score() >= 0.8, "{}", r.mean_score());
}
