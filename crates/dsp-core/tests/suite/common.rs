//! Helpers shared by the suite's modules.

use ndarray::{Array, Dimension};
use ndarray_npy::read_npy;

/// `tests/fixtures/{dir}/{file}` as an `f64` array.
pub fn npy<D: Dimension>(dir: &str, file: &str) -> Array<f64, D> {
    let path = format!("{}/tests/fixtures/{dir}/{file}", env!("CARGO_MANIFEST_DIR"));
    read_npy(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}
