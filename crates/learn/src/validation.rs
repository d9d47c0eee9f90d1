//! Validation: leave-one-out, stratified k-fold, train/test split; folds run in parallel.

use std::sync::Arc;

use dsp_core::{Float, Predict, Progress};
use ndarray::ArrayView2;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::input::{Classes, check_xy, select_rows};
use crate::metrics::{accuracy, balanced_accuracy};
use crate::{Classifier, Error, Result};

/// One split of a data set: indices of the training rows and of the held-out rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// Training rows, ascending.
    pub train: Vec<usize>,
    /// Held-out rows, ascending.
    pub test: Vec<usize>,
}

/// Options shared by the validators.
#[derive(Clone, Default)]
pub struct ValidationOptions {
    progress: Option<Arc<dyn Progress>>,
}

impl std::fmt::Debug for ValidationOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidationOptions")
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl ValidationOptions {
    /// Reports the folds to `progress` (one unit per fold, from worker threads): binaries
    /// render it, e.g. as an `indicatif` bar. None by default.
    #[must_use]
    pub fn progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }
}

/// What a validation measured.
#[derive(Debug, Clone, PartialEq)]
pub struct CvReport {
    /// Out-of-fold prediction of every sample that was held out (for leave-one-out and k-fold,
    /// every sample), indexed like the input rows; `None` for rows never held out.
    pub predictions: Vec<Option<usize>>,
    /// Accuracy on each fold's held-out rows (`cross_val_score`'s values).
    pub fold_scores: Vec<f64>,
}

impl CvReport {
    /// The mean of the fold scores (`cross_val_score(...).mean()`).
    #[must_use]
    pub fn mean_score(&self) -> f64 {
        self.fold_scores.iter().sum::<f64>() / self.fold_scores.len() as f64
    }

    /// True and predicted labels of every held-out row, for [`crate::confusion_matrix`] etc.
    #[must_use]
    pub fn held_out(&self, y: &[usize]) -> (Vec<usize>, Vec<usize>) {
        self.predictions
            .iter()
            .zip(y)
            .filter_map(|(p, &t)| p.map(|p| (t, p)))
            .unzip()
    }

    /// Balanced accuracy over every held-out row.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when `y` is not the validated label vector.
    pub fn balanced_accuracy(&self, y: &[usize]) -> Result<f64> {
        if y.len() != self.predictions.len() {
            return Err(Error::LengthMismatch {
                what: "CvReport::balanced_accuracy",
                n_samples: self.predictions.len(),
                n_labels: y.len(),
            });
        }
        let (t, p) = self.held_out(y);
        balanced_accuracy(&t, &p)
    }
}

/// Leave-one-out predictions: sample `i` predicted by the model fitted on all other samples.
/// Equal to `cross_val_score(clf, X, y, cv=LeaveOneOut())` for each classifier tested in
/// `tests/`. Uses the classifier's closed-form shortcut
/// ([`Classifier::loo_predict`]) where it has one, parallel refits otherwise.
///
/// ```
/// use learn::{
///     KnnParams, LogisticRegressionParams, NearestCentroidParams, ValidationOptions,
///     leave_one_out,
/// };
/// use ndarray::array;
///
/// let x = array![[0.0, 0.2], [0.4, 0.0], [0.1, 0.5], [2.0, 2.2], [2.5, 1.8], [1.7, 2.1]];
/// let y = [0usize, 0, 0, 1, 1, 1];
/// // sklearn: cross_val_score(KNeighborsClassifier(1), X, y, cv=LeaveOneOut()).mean()
/// let knn = leave_one_out(&KnnParams::new(1), x.view(), &y, ValidationOptions::default())?;
/// assert_eq!(knn.mean_score(), 1.0);
/// // Every row has its out-of-fold prediction, for confusion matrices and the like.
/// assert_eq!(knn.held_out(&y), (y.to_vec(), y.to_vec()));
/// let nc = leave_one_out(&NearestCentroidParams::new(), x.view(), &y, ValidationOptions::default())?;
/// let lr = leave_one_out(&LogisticRegressionParams::new(1.0), x.view(), &y, ValidationOptions::default())?;
/// assert_eq!((nc.mean_score(), lr.mean_score()), (1.0, 1.0));
/// # Ok::<(), learn::Error>(())
/// ```
///
/// # Errors
/// Bad data ([`Error::EmptyData`], [`Error::LengthMismatch`], [`Error::NonFinite`],
/// [`Error::TooFewClasses`]) and the classifier's own errors.
pub fn leave_one_out<F: Float, C: Classifier<F>>(
    clf: &C,
    x: ArrayView2<'_, F>,
    y: &[usize],
    opts: ValidationOptions,
) -> Result<CvReport> {
    check_xy("leave_one_out", x, y)?;
    Classes::new(y)?;
    if let Some(pred) = clf.loo_predict(x, y) {
        let pred = pred?;
        let fold_scores = pred
            .iter()
            .zip(y)
            .map(|(p, t)| f64::from(u8::from(p == t)))
            .collect();
        return Ok(CvReport {
            predictions: pred.into_iter().map(Some).collect(),
            fold_scores,
        });
    }
    refit_loo_report(clf, x, y, opts)
}

fn loo_folds(n: usize) -> Vec<Fold> {
    (0..n)
        .map(|i| Fold {
            train: (0..n).filter(|&j| j != i).collect(),
            test: vec![i],
        })
        .collect()
}

fn refit_loo_report<F: Float, C: Classifier<F>>(
    clf: &C,
    x: ArrayView2<'_, F>,
    y: &[usize],
    opts: ValidationOptions,
) -> Result<CvReport> {
    cross_validate(clf, x, y, &loo_folds(x.nrows()), opts)
}

/// Leave-one-out predictions by `n` parallel refits (for shortcuts that must fall back).
pub(crate) fn refit_loo<F: Float, C: Classifier<F>>(
    clf: &C,
    x: ArrayView2<'_, F>,
    y: &[usize],
) -> Result<Vec<usize>> {
    let r = refit_loo_report(clf, x, y, ValidationOptions::default())?;
    // every row is held out once by `loo_folds`
    Ok(r.predictions
        .into_iter()
        .map(|p| p.unwrap_or(usize::MAX))
        .collect())
}

/// The frame of a warm-started leave-one-out shortcut: checks the data, falls back to refits
/// when a class has a single sample (its fold would lose the class, so no warm start from the
/// full solution applies), else runs `shortcut` on the encoded classes.
pub(crate) fn warm_started_loo<F: Float, C: Classifier<F>>(
    clf: &C,
    what: &'static str,
    x: ArrayView2<'_, F>,
    y: &[usize],
    shortcut: impl FnOnce(Classes) -> Result<Vec<usize>>,
) -> Option<Result<Vec<usize>>> {
    Some((|| {
        check_xy(what, x, y)?;
        let classes = Classes::new(y)?;
        if classes.counts().contains(&1) {
            return refit_loo(clf, x, y);
        }
        shortcut(classes)
    })())
}

/// Fits on each fold's training rows and predicts its held-out rows, folds in parallel.
///
/// # Errors
/// Bad data, fold indices out of range ([`Error::InvalidParameter`]), and the classifier's own
/// errors (the first fold to fail).
pub fn cross_validate<F: Float, C: Classifier<F>>(
    clf: &C,
    x: ArrayView2<'_, F>,
    y: &[usize],
    folds: &[Fold],
    opts: ValidationOptions,
) -> Result<CvReport> {
    check_xy("cross_validate", x, y)?;
    let n = x.nrows();
    if let Some(&bad) = folds
        .iter()
        .flat_map(|f| f.train.iter().chain(&f.test))
        .find(|&&i| i >= n)
    {
        return Err(Error::InvalidParameter {
            name: "fold index",
            value: bad as f64,
            expected: "an index < n_samples",
        });
    }
    let progress: &dyn Progress = opts.progress.as_deref().unwrap_or(&dsp_core::NoProgress);
    progress.start("cross-validation folds", folds.len() as u64);
    let results: Vec<Result<Vec<usize>>> = folds
        .par_iter()
        .map(|f| {
            let xt = select_rows(x, &f.train);
            let yt: Vec<usize> = f.train.iter().map(|&i| y[i]).collect();
            let model = clf.fit(&xt, yt.as_slice()).map_err(Into::into)?;
            let pred = model
                .predict(&select_rows(x, &f.test))
                .map_err(Into::into)?;
            progress.advance(1);
            Ok(pred.to_vec())
        })
        .collect();
    progress.finish();
    let mut predictions = vec![None; n];
    let mut fold_scores = Vec::with_capacity(folds.len());
    for (f, r) in folds.iter().zip(results) {
        let pred = r?;
        let truth: Vec<usize> = f.test.iter().map(|&i| y[i]).collect();
        fold_scores.push(if truth.is_empty() {
            0.0
        } else {
            accuracy(&truth, &pred)?
        });
        for (&i, p) in f.test.iter().zip(pred) {
            predictions[i] = Some(p);
        }
    }
    Ok(CvReport {
        predictions,
        fold_scores,
    })
}

/// Stratified k-fold splits. Without `shuffle_seed`, equal to
/// `sklearn.model_selection.StratifiedKFold(n_splits).split(X, y)` (tested against it): classes
/// in order of first appearance, each class's rows dealt to folds in contiguous blocks sized by a
/// round robin over the sorted labels. With a seed, each class's fold assignment is shuffled by
/// a seeded ChaCha8 generator (not numpy's stream).
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_splits < 2` or more splits than samples,
/// [`Error::TooFewClasses`], [`Error::ClassTooSmall`] when a class has fewer samples than
/// `n_splits` (sklearn only warns; here every fold must see every class).
pub fn stratified_kfold(
    y: &[usize],
    n_splits: usize,
    shuffle_seed: Option<u64>,
) -> Result<Vec<Fold>> {
    if n_splits < 2 || n_splits > y.len() {
        return Err(Error::InvalidParameter {
            name: "n_splits",
            value: n_splits as f64,
            expected: "2 <= n_splits <= n_samples",
        });
    }
    let classes = Classes::new(y)?;
    // encode by order of first appearance
    let mut first = vec![usize::MAX; classes.len()];
    for (i, &c) in classes.index.iter().enumerate() {
        if first[c] == usize::MAX {
            first[c] = i;
        }
    }
    let mut order: Vec<usize> = (0..classes.len()).collect();
    order.sort_by_key(|&c| first[c]);
    let mut rank = vec![0; classes.len()];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    let enc: Vec<usize> = classes.index.iter().map(|&c| rank[c]).collect();
    let k = classes.len();
    let mut counts = vec![0usize; k];
    for &e in &enc {
        counts[e] += 1;
    }
    for (e, &cnt) in counts.iter().enumerate() {
        if cnt < n_splits {
            return Err(Error::ClassTooSmall {
                class: classes.labels[order[e]],
                count: cnt,
                needed: n_splits,
                why: "stratified k-fold puts one in each fold",
            });
        }
    }
    // allocation[f][c]: bincount of sorted_labels[f::n_splits]
    let mut sorted = enc.clone();
    sorted.sort_unstable();
    let mut alloc = vec![vec![0usize; k]; n_splits];
    for (i, &c) in sorted.iter().enumerate() {
        alloc[i % n_splits][c] += 1;
    }
    let mut rng = shuffle_seed.map(ChaCha8Rng::seed_from_u64);
    let mut test_fold = vec![0usize; y.len()];
    #[allow(clippy::needless_range_loop)] // several arrays share the class index
    for c in 0..k {
        let mut folds_for_class: Vec<usize> = (0..n_splits)
            .flat_map(|f| std::iter::repeat_n(f, alloc[f][c]))
            .collect();
        if let Some(rng) = rng.as_mut() {
            folds_for_class.shuffle(rng);
        }
        let rows = (0..y.len()).filter(|&i| enc[i] == c);
        for (i, f) in rows.zip(folds_for_class) {
            test_fold[i] = f;
        }
    }
    Ok((0..n_splits)
        .map(|f| Fold {
            train: (0..y.len()).filter(|&i| test_fold[i] != f).collect(),
            test: (0..y.len()).filter(|&i| test_fold[i] == f).collect(),
        })
        .collect())
}

/// A seeded train/test split holding out `round_up(test_size * n)` rows (sklearn's rounding);
/// with `stratify`, each class contributes in proportion (largest remainders, at least one row
/// per class on each side). Rows are drawn by a seeded ChaCha8 generator (not numpy's stream).
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 < test_size < 1` leaves both sides non-empty;
/// [`Error::TooFewClasses`] / [`Error::ClassTooSmall`] with `stratify` when a class cannot be
/// on both sides.
pub fn train_test_split(y: &[usize], test_size: f64, seed: u64, stratify: bool) -> Result<Fold> {
    let n = y.len();
    let n_test = (test_size * n as f64).ceil() as usize;
    if !(test_size > 0.0 && test_size < 1.0) || n_test == 0 || n_test >= n {
        return Err(Error::InvalidParameter {
            name: "test_size",
            value: test_size,
            expected: "0 < test_size < 1 leaving at least one sample on each side",
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut test = Vec::with_capacity(n_test);
    if stratify {
        let classes = Classes::new(y)?;
        let counts = classes.counts();
        for (c, &cnt) in counts.iter().enumerate() {
            if cnt < 2 {
                return Err(Error::ClassTooSmall {
                    class: classes.labels[c],
                    count: cnt,
                    needed: 2,
                    why: "a stratified split puts one on each side",
                });
            }
        }
        // largest-remainder apportionment of n_test over the classes
        let exact: Vec<f64> = counts
            .iter()
            .map(|&c| c as f64 * n_test as f64 / n as f64)
            .collect();
        let mut take: Vec<usize> = exact
            .iter()
            .zip(&counts)
            .map(|(&e, &c)| (e.floor() as usize).clamp(1, c - 1))
            .collect();
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by(|&a, &b| {
            (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor()))
        });
        let mut total: usize = take.iter().sum();
        for &c in order.iter().cycle().take(4 * counts.len()) {
            if total >= n_test {
                break;
            }
            if take[c] + 1 < counts[c] {
                take[c] += 1;
                total += 1;
            }
        }
        for (c, &t) in take.iter().enumerate() {
            let mut rows: Vec<usize> = (0..n).filter(|&i| classes.index[i] == c).collect();
            rows.shuffle(&mut rng);
            test.extend_from_slice(&rows[..t]);
        }
    } else {
        let mut rows: Vec<usize> = (0..n).collect();
        rows.shuffle(&mut rng);
        test.extend_from_slice(&rows[..n_test]);
    }
    test.sort_unstable();
    let train = (0..n).filter(|i| test.binary_search(i).is_err()).collect();
    Ok(Fold { train, test })
}
