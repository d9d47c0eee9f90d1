//! Helpers shared by the fixture tests (included with `mod common;`).
#![allow(dead_code)]

use ndarray::{Array1, Array2};
use ndarray_npy::read_npy;

pub const SETS: [&str; 4] = ["blobs4", "class3", "blobs6", "wide3"];

pub fn path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}.npy", env!("CARGO_MANIFEST_DIR"))
}

pub fn mat(name: &str) -> Array2<f64> {
    read_npy(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn vecf(name: &str) -> Array1<f64> {
    read_npy(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn labels(name: &str) -> Vec<usize> {
    let a: Array1<i64> = read_npy(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    a.iter().map(|&v| usize::try_from(v).unwrap()).collect()
}

pub struct Set {
    pub x: Array2<f64>,
    pub y: Vec<usize>,
    pub xt: Array2<f64>,
    pub yt: Vec<usize>,
}

pub fn set(name: &str) -> Set {
    Set {
        x: mat(&format!("{name}_x")),
        y: labels(&format!("{name}_y")),
        xt: mat(&format!("{name}_xt")),
        yt: labels(&format!("{name}_yt")),
    }
}

/// Number of positions where two label vectors differ.
pub fn mismatches(a: &[usize], b: &[usize]) -> usize {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).filter(|(p, q)| p != q).count()
}

pub fn assert_close(what: &str, got: &[f64], want: &[f64], rtol: f64, atol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= rtol * w.abs() + atol,
            "{what}[{i}]: got {g}, want {w} (diff {})",
            (g - w).abs()
        );
    }
}

/// Elements in logical (row-major) order, whatever the memory layout.
pub fn flat<D: ndarray::Dimension>(
    a: &ndarray::ArrayBase<impl ndarray::Data<Elem = f64>, D>,
) -> Vec<f64> {
    a.iter().copied().collect()
}

/// Leave-one-out as explicit folds (sklearn's `LeaveOneOut().split`), for `cross_validate`.
pub fn loo_folds(n: usize) -> Vec<learn::Fold> {
    (0..n)
        .map(|i| learn::Fold {
            train: (0..n).filter(|&j| j != i).collect(),
            test: vec![i],
        })
        .collect()
}
