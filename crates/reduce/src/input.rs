//! Input checks and column statistics shared by the scaler, PCA and LDA.

use dsp_core::Float;
use dsp_core::check::{ensure_finite, ensure_len};
use ndarray::{Array1, ArrayBase, ArrayView2, Data, Ix2};

use crate::{Error, Result};

/// Checks a feature matrix: at least `min_samples` rows, at least one column, only finite values.
pub(crate) fn check_records<F: Float, S: Data<Elem = F>>(
    x: &ArrayBase<S, Ix2>,
    min_samples: usize,
) -> Result<()> {
    ensure_len("samples (rows)", x.nrows(), min_samples)?;
    ensure_len("features (columns)", x.ncols(), 1)?;
    ensure_finite("features", x.iter())?;
    Ok(())
}

/// Checks data passed to a fitted model: the fitted number of columns, only finite values.
pub(crate) fn check_fitted<F: Float, S: Data<Elem = F>>(
    x: &ArrayBase<S, Ix2>,
    n_features: usize,
) -> Result<()> {
    if x.ncols() != n_features {
        return Err(Error::FeatureCountMismatch {
            expected: n_features,
            got: x.ncols(),
        });
    }
    ensure_finite("features", x.iter())?;
    Ok(())
}

/// Column means, accumulated row by row (contiguous, vectorisable adds).
pub(crate) fn column_means(x: ArrayView2<'_, f64>) -> Array1<f64> {
    let mut sum = Array1::<f64>::zeros(x.ncols());
    for row in x.rows() {
        sum += &row;
    }
    let n = x.nrows().max(1) as f64;
    sum.mapv_inplace(|s| s / n);
    sum
}
