//! `binned_kde` against the exact `dsp_core::GaussianKde` (itself equal to scipy), with the
//! documented bound `|binned - exact| <= (dx/h)^2 / 8 * phi(0) / h`.

use dsp_core::{Fit, KdeParams, ParamGuard};
use fourier::{Error, binned_kde};
use ndarray::Array1;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// A bimodal sample: 700 from N(-1, 0.5), 300 from N(2, 1).
fn sample() -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let a = Normal::new(-1.0, 0.5).unwrap();
    let b = Normal::new(2.0, 1.0).unwrap();
    (0..1000)
        .map(|i| {
            if i < 700 {
                a.sample(&mut rng)
            } else {
                b.sample(&mut rng)
            }
        })
        .collect()
}

/// Max abs error of the binned estimate against the exact KDE on the same grid, and the bound.
fn error_and_bound(n_grid: usize) -> (f64, f64) {
    let data = sample();
    let kde = KdeParams::new()
        .check()
        .unwrap()
        .fit(&data[..], &())
        .unwrap();
    let h = kde.covariance()[[0, 0]].sqrt();
    let (lo, hi) = (-6.0, 8.0);
    let binned = binned_kde(Array1::from(data).view(), lo, hi, n_grid, h).unwrap();
    let exact = kde.evaluate_1d(binned.grid.as_slice().unwrap()).unwrap();
    let err = binned
        .density
        .iter()
        .zip(&exact)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    let dx = (hi - lo) / (n_grid - 1) as f64;
    let bound = (dx / h).powi(2) / 8.0 / (h * (2.0 * std::f64::consts::PI).sqrt());
    (err, bound)
}

#[test]
fn within_the_documented_bound_and_second_order() {
    let mut last = f64::INFINITY;
    for n_grid in [201, 401, 801, 1601] {
        let (err, bound) = error_and_bound(n_grid);
        assert!(
            err <= bound,
            "n_grid {n_grid}: error {err:e} > bound {bound:e}"
        );
        // Halving dx divides the error by ~4 (second order); allow 3.
        if last.is_finite() {
            assert!(
                err < last / 3.0,
                "n_grid {n_grid}: {err:e} vs previous {last:e}"
            );
        }
        last = err;
    }
}

#[test]
fn integrates_to_one_and_is_non_negative() {
    let data = Array1::from(sample());
    let k = binned_kde(data.view(), -6.0, 8.0, 2801, 0.3).unwrap();
    let dx = 14.0 / 2800.0;
    assert!((k.density.sum() * dx - 1.0).abs() < 1e-9);
    assert!(k.density.iter().all(|&v| v > -1e-15));
    assert_eq!(k.grid[0], -6.0);
    assert!((k.grid[2800] - 8.0).abs() < 1e-12);
}

#[test]
fn f32_follows_f64() {
    let data = Array1::from(sample());
    let d64 = binned_kde(data.view(), -6.0, 8.0, 512, 0.3)
        .unwrap()
        .density;
    let d32 = binned_kde(data.mapv(|v| v as f32).view(), -6.0, 8.0, 512, 0.3)
        .unwrap()
        .density;
    let max = d64.iter().fold(0.0_f64, |m, v| m.max(*v));
    assert!(
        d32.iter()
            .zip(&d64)
            .all(|(a, b)| (f64::from(*a) - b).abs() < 1e-5 * max)
    );
}

#[test]
fn bad_input_is_a_typed_error() {
    let data = Array1::from(vec![0.0, 1.0, 2.0]);
    let empty = Array1::<f64>::zeros(0);
    assert!(matches!(
        binned_kde(empty.view(), 0.0, 1.0, 10, 0.1),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    let nan = Array1::from(vec![0.0, f64::NAN]);
    assert!(matches!(
        binned_kde(nan.view(), 0.0, 1.0, 10, 0.1),
        Err(Error::Core(dsp_core::Error::NonFinite { index: 1, .. }))
    ));
    assert_eq!(
        binned_kde(data.view(), 3.0, -1.0, 10, 0.1),
        Err(Error::InvalidGrid {
            min: 3.0,
            max: -1.0,
            n: 10
        })
    );
    assert_eq!(
        binned_kde(data.view(), -1.0, 3.0, 1, 0.1),
        Err(Error::InvalidGrid {
            min: -1.0,
            max: 3.0,
            n: 1
        })
    );
    assert!(matches!(
        binned_kde(data.view(), -1.0, f64::INFINITY, 10, 0.1),
        Err(Error::InvalidGrid { .. })
    ));
    assert!(matches!(
        binned_kde(data.view(), -1.0, 3.0, 10, 0.0),
        Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
    ));
    assert_eq!(
        binned_kde(data.view(), -1.0, 1.5, 10, 0.1),
        Err(Error::DataOutsideGrid {
            value: 2.0,
            min: -1.0,
            max: 1.5
        })
    );
}
