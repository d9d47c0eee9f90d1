//! Fixture loading and tolerant comparison shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;

use ndarray::{Array, ArrayView, Dimension};
use ndarray_npy::{ReadableElement, read_npy};

/// Reads `tests/fixtures/<name>.npy`.
pub fn fixture<A: ReadableElement, D: Dimension>(name: &str) -> Array<A, D> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Asserts `|got - want| <= rel * |want| + abs` everywhere (same shape).
pub fn assert_close<D: Dimension>(
    got: ArrayView<'_, f64, D>,
    want: ArrayView<'_, f64, D>,
    rel: f64,
    abs: f64,
    what: &str,
) {
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    let mut worst: Option<(f64, f64, f64)> = None;
    for (&g, &w) in got.iter().zip(want.iter()) {
        let err = (g - w).abs();
        let tol = rel * w.abs() + abs;
        let bad = err.is_nan() || err > tol;
        if bad && worst.is_none_or(|(e, t, _)| err - tol > e - t || err.is_nan()) {
            worst = Some((err, tol, w));
        }
    }
    if let Some((e, t, w)) = worst {
        panic!("{what}: |err| {e} > tol {t} (want {w})");
    }
}

/// The largest absolute value.
pub fn max_abs<'a, D: Dimension>(a: ArrayView<'a, f64, D>) -> f64 {
    a.iter().fold(0.0, |m, &v| m.max(v.abs()))
}

/// Every boundary mode, by scipy's name (`Constant` with the fixtures' `cval` 0.75).
pub const MODES: [(&str, dsp_core::BoundaryMode); 5] = [
    ("reflect", dsp_core::BoundaryMode::Reflect),
    ("constant", dsp_core::BoundaryMode::Constant(0.75)),
    ("nearest", dsp_core::BoundaryMode::Nearest),
    ("mirror", dsp_core::BoundaryMode::Mirror),
    ("wrap", dsp_core::BoundaryMode::Wrap),
];
