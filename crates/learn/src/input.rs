//! Input checks (shapes, finite values, labels) and label encoding shared by every classifier and
//! validator.

use dsp_core::Float;
use ndarray::{Array2, ArrayView2};

use crate::{Error, Result};

/// Checks that `x` is a non-empty, finite `n x d` matrix and `y` has `n` labels.
///
/// # Errors
/// [`Error::EmptyData`], [`Error::LengthMismatch`], [`Error::NonFinite`].
pub fn check_xy<F: Float>(what: &'static str, x: ArrayView2<'_, F>, y: &[usize]) -> Result<()> {
    check_x(what, x)?;
    if x.nrows() != y.len() {
        return Err(Error::LengthMismatch {
            what,
            n_samples: x.nrows(),
            n_labels: y.len(),
        });
    }
    Ok(())
}

/// Checks that `x` is a non-empty, finite matrix.
///
/// # Errors
/// [`Error::EmptyData`], [`Error::NonFinite`].
pub fn check_x<F: Float>(what: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(Error::EmptyData {
            what,
            n_samples: x.nrows(),
            n_features: x.ncols(),
        });
    }
    for ((row, col), v) in x.indexed_iter() {
        if !v.is_finite() {
            return Err(Error::NonFinite {
                what,
                row,
                col,
                value: v.to_f64_lossless(),
            });
        }
    }
    Ok(())
}

/// Checks `x` and that its width is `n_features` (the width seen in `fit`).
pub(crate) fn check_predict<F: Float>(
    what: &'static str,
    x: ArrayView2<'_, F>,
    n_features: usize,
) -> Result<()> {
    if x.ncols() != n_features && x.nrows() > 0 {
        return Err(Error::FeatureMismatch {
            what,
            expected: n_features,
            got: x.ncols(),
        });
    }
    if x.nrows() == 0 {
        return Ok(());
    }
    check_x(what, x)
}

/// The sorted distinct labels of a training set and each sample's index into them
/// (`np.unique(y, return_inverse=True)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classes {
    /// The distinct labels, ascending.
    pub labels: Vec<usize>,
    /// For each sample, the index of its label in `labels`.
    pub index: Vec<usize>,
}

impl Classes {
    /// Encodes `y`; fails unless it holds at least two distinct labels.
    ///
    /// # Errors
    /// [`Error::TooFewClasses`].
    pub fn new(y: &[usize]) -> Result<Self> {
        let mut labels = y.to_vec();
        labels.sort_unstable();
        labels.dedup();
        if labels.len() < 2 {
            return Err(Error::TooFewClasses {
                n_classes: labels.len(),
                classes: labels,
            });
        }
        let index = y
            .iter()
            // every label of `y` is in `labels`, which was built from `y`
            .map(|l| labels.binary_search(l).unwrap_or(0))
            .collect();
        Ok(Self { labels, index })
    }

    /// The number of classes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always `false`: a `Classes` holds at least two labels.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Samples per class, in the order of `labels`.
    #[must_use]
    pub fn counts(&self) -> Vec<usize> {
        let mut c = vec![0; self.labels.len()];
        for &k in &self.index {
            c[k] += 1;
        }
        c
    }
}

/// `x` as an owned, row-major `f64` matrix (the precision every solver here computes in).
pub(crate) fn to_f64<F: Float>(x: ArrayView2<'_, F>) -> Array2<f64> {
    let mut out = Array2::zeros(x.raw_dim());
    out.zip_mut_with(&x, |o, &v| *o = v.to_f64_lossless());
    out
}

/// Rows `idx` of `x` as a new matrix.
pub(crate) fn select_rows<F: Float>(x: ArrayView2<'_, F>, idx: &[usize]) -> Array2<F> {
    x.select(ndarray::Axis(0), idx)
}
