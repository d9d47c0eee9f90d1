//! Classification metrics: accuracy, balanced accuracy, confusion matrix.

use ndarray::Array2;

use crate::{Error, Result};

fn check_pair(what: &'static str, y_true: &[usize], y_pred: &[usize]) -> Result<()> {
    if y_true.len() != y_pred.len() {
        return Err(Error::LengthMismatch {
            what,
            n_samples: y_true.len(),
            n_labels: y_pred.len(),
        });
    }
    if y_true.is_empty() {
        return Err(Error::EmptyData {
            what,
            n_samples: 0,
            n_features: 0,
        });
    }
    Ok(())
}

/// The fraction of equal labels. Equal to `sklearn.metrics.accuracy_score` (tested against it).
///
/// # Errors
/// [`Error::LengthMismatch`] for different lengths, [`Error::EmptyData`] for empty input.
pub fn accuracy(y_true: &[usize], y_pred: &[usize]) -> Result<f64> {
    check_pair("accuracy", y_true, y_pred)?;
    let hits = y_true.iter().zip(y_pred).filter(|(a, b)| a == b).count();
    Ok(hits as f64 / y_true.len() as f64)
}

/// A confusion matrix and the labels of its rows/columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfusionMatrix {
    /// The sorted union of true and predicted labels (`sklearn`'s `unique_labels`).
    pub labels: Vec<usize>,
    /// `counts[[i, j]]`: samples of true label `labels[i]` predicted as `labels[j]`.
    pub counts: Array2<usize>,
}

/// Equal to `sklearn.metrics.confusion_matrix(y_true, y_pred)` (tested against it): rows are
/// true labels, columns predicted ones, both in sorted order of every label seen.
///
/// # Errors
/// [`Error::LengthMismatch`] for different lengths, [`Error::EmptyData`] for empty input.
pub fn confusion_matrix(y_true: &[usize], y_pred: &[usize]) -> Result<ConfusionMatrix> {
    check_pair("confusion_matrix", y_true, y_pred)?;
    let mut labels: Vec<usize> = y_true.iter().chain(y_pred).copied().collect();
    labels.sort_unstable();
    labels.dedup();
    let pos = |l: &usize| labels.binary_search(l).unwrap_or(0);
    let mut counts = Array2::zeros((labels.len(), labels.len()));
    for (t, p) in y_true.iter().zip(y_pred) {
        counts[[pos(t), pos(p)]] += 1;
    }
    Ok(ConfusionMatrix { labels, counts })
}

/// The mean per-class recall over the classes present in `y_true`. Equal to
/// `sklearn.metrics.balanced_accuracy_score` (tested against it).
///
/// # Errors
/// [`Error::LengthMismatch`] for different lengths, [`Error::EmptyData`] for empty input.
pub fn balanced_accuracy(y_true: &[usize], y_pred: &[usize]) -> Result<f64> {
    let cm = confusion_matrix(y_true, y_pred)?;
    let mut sum = 0.0;
    let mut n = 0usize;
    for (i, row) in cm.counts.rows().into_iter().enumerate() {
        let support: usize = row.sum();
        if support > 0 {
            sum += row[i] as f64 / support as f64;
            n += 1;
        }
    }
    Ok(sum / n as f64)
}
