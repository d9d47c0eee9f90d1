//! `GaussianKde` against `scipy.stats.gaussian_kde` fixtures written by `fixtures/gen_kernels.py`.

use dsp_core::{Bandwidth, Error, Fit, KdeParams, ParamGuard};
use ndarray::{Array, Array1, Array2, Dimension, array};
use proptest::prelude::*;

fn fixture<D: Dimension>(name: &str) -> Array<f64, D> {
    crate::common::npy("kernels", name)
}

fn assert_close<'a>(
    got: impl IntoIterator<Item = &'a f64>,
    want: impl IntoIterator<Item = &'a f64>,
    what: &str,
) {
    let (got, want): (Vec<f64>, Vec<f64>) = (
        got.into_iter().copied().collect(),
        want.into_iter().copied().collect(),
    );
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let tol = 1e-12 * w.abs() + 1e-300;
        assert!((g - w).abs() <= tol, "{what}[{i}]: got {g:e}, want {w:e}");
    }
}

#[test]
fn kde_equals_scipy_gaussian_kde() {
    for tag in ["d1", "d2"] {
        let data: Array2<f64> = fixture(&format!("kde_{tag}_data.npy"));
        let weights: Array1<f64> = fixture(&format!("kde_{tag}_weights.npy"));
        let points: Array2<f64> = fixture(&format!("kde_{tag}_points.npy"));
        for weighted in [false, true] {
            for (btag, bw) in [
                ("scott", Bandwidth::Scott),
                ("silverman", Bandwidth::Silverman),
                ("f0.3", Bandwidth::Factor(0.3)),
            ] {
                let stem = format!("kde_{tag}_{}_{btag}", if weighted { "w" } else { "unw" });
                let kde = KdeParams::new()
                    .bandwidth(bw)
                    .check()
                    .unwrap()
                    .fit(&data, &weighted.then(|| weights.view()))
                    .unwrap();
                let fac: Array1<f64> = fixture(&format!("{stem}_factor.npy"));
                assert_close(
                    &[kde.factor(), kde.neff()],
                    &fac,
                    &format!("{stem} factor, neff"),
                );
                let cov: Array2<f64> = fixture(&format!("{stem}_cov.npy"));
                assert_close(&kde.covariance(), &cov, &format!("{stem} covariance"));
                let want: Array1<f64> = fixture(&format!("{stem}_eval.npy"));
                let got = kde.evaluate(points.view()).unwrap();
                assert_close(&got, &want, &format!("{stem} evaluate"));
                // f32 in, f32 out: the f64 result rounded once (points are converted exactly).
                let got32 = kde.evaluate(points.mapv(|v| v as f32).view()).unwrap();
                let want32 = kde
                    .evaluate(points.mapv(|v| f64::from(v as f32)).view())
                    .unwrap();
                assert_eq!(got32, want32.mapv(|v| v as f32));
            }
        }
    }
}

#[test]
fn one_dimensional_convenience_matches_the_matrix_form() {
    let data: Array2<f64> = fixture("kde_d1_data.npy");
    let points: Array2<f64> = fixture("kde_d1_points.npy");
    let want: Array1<f64> = fixture("kde_d1_unw_scott_eval.npy");
    let samples = data.row(0).to_vec();
    let kde = KdeParams::new()
        .check()
        .unwrap()
        .fit(&samples[..], &())
        .unwrap();
    assert_eq!(kde.dim(), 1);
    assert_eq!(kde.n_samples(), samples.len());
    let got = kde.evaluate_1d(points.row(0).as_slice().unwrap()).unwrap();
    assert_close(&got, &want, "fit_1d/evaluate_1d");
}

#[test]
fn large_evaluation_takes_the_parallel_path_and_agrees() {
    // 300 samples x 400 points crosses the parallel threshold; compare against the sequential
    // path by evaluating in small batches.
    let samples: Vec<f64> = (0..300)
        .map(|i| ((i * 37 % 101) as f64 * 0.13).sin() * 3.0)
        .collect();
    let kde = KdeParams::new()
        .check()
        .unwrap()
        .fit(&samples[..], &())
        .unwrap();
    let x: Vec<f64> = (0..400).map(|i| -5.0 + i as f64 * 0.025).collect();
    let all = kde.evaluate_1d(&x).unwrap();
    for (chunk, part) in x.chunks(100).zip(all.as_slice().unwrap().chunks(100)) {
        assert_eq!(kde.evaluate_1d(chunk).unwrap().as_slice().unwrap(), part);
    }
}

#[test]
fn kde_errors() {
    let p = KdeParams::new().check().unwrap();
    assert!(matches!(
        p.fit(&[] as &[f64], &()),
        Err(Error::TooShort { .. })
    ));
    assert!(matches!(
        p.fit(&Array2::<f64>::zeros((0, 5)), &()),
        Err(Error::TooShort { .. })
    ));
    // n <= d: singular by construction.
    assert!(matches!(
        p.fit(&array![[1.0, 2.0], [3.0, 5.0]], &()),
        Err(Error::TooShort { min: 3, got: 2, .. })
    ));
    assert!(matches!(
        p.fit(&[1.0][..], &()),
        Err(Error::TooShort { min: 2, got: 1, .. })
    ));
    // Constant and collinear data.
    assert!(matches!(
        p.fit(&[2.0, 2.0, 2.0][..], &()),
        Err(Error::SingularMatrix { index: 0, .. })
    ));
    assert!(matches!(
        p.fit(&array![[1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]], &()),
        Err(Error::SingularMatrix { index: 1, .. })
    ));
    assert!(matches!(
        p.fit(&[1.0, f64::NAN, 3.0][..], &()),
        Err(Error::NonFinite { index: 1, .. })
    ));
    let x = [0.0, 1.0, 3.0];
    assert!(matches!(
        p.fit(&x[..], &[1.0, 2.0][..]),
        Err(Error::ShapeMismatch {
            what: "weights",
            ..
        })
    ));
    assert!(matches!(
        p.fit(&x[..], &[1.0, -2.0, 1.0][..]),
        Err(Error::InvalidParameter {
            name: "weights",
            value: -2.0,
            ..
        })
    ));
    assert!(matches!(
        p.fit(&x[..], &[0.0, 0.0, 0.0][..]),
        Err(Error::InvalidParameter {
            name: "sum of weights",
            ..
        })
    ));
    assert!(matches!(
        p.fit(&x[..], &[1.0, f64::INFINITY, 0.0][..]),
        Err(Error::NonFinite {
            what: "weights",
            ..
        })
    ));
    for f in [0.0, -0.5, f64::NAN] {
        assert!(matches!(
            KdeParams::new().bandwidth(Bandwidth::Factor(f)).check(),
            Err(Error::InvalidParameter {
                name: "bandwidth factor",
                ..
            })
        ));
    }
    let kde = p.fit(&x[..], &()).unwrap();
    assert!(matches!(
        kde.evaluate(Array2::<f64>::zeros((2, 3)).view()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        kde.evaluate_1d(&[f64::NAN]),
        Err(Error::NonFinite { what: "points", .. })
    ));
    let kde2 = p
        .fit(&array![[0.0, 1.0, 0.5, 2.0], [1.0, 0.0, 2.0, 0.3]], &())
        .unwrap();
    assert!(matches!(
        kde2.evaluate_1d(&[0.0]),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(kde.evaluate_1d::<f64>(&[]).unwrap().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// The density integrates to 1 (trapezoid rule on a fine grid wide enough for the tails),
    /// with or without weights; scaling all weights changes nothing.
    #[test]
    fn density_integrates_to_one(
        samples in prop::collection::vec(-5.0f64..5.0, 3..40),
        wseed in prop::collection::vec(0.1f64..4.0, 40),
        scale in 0.01f64..100.0,
    ) {
        prop_assume!(samples.iter().any(|&s| (s - samples[0]).abs() > 1e-3));
        let w = &wseed[..samples.len()];
        let p = KdeParams::new().bandwidth(Bandwidth::Silverman).check().unwrap();
        let kde = p.fit(&samples[..], w).unwrap();
        let h = kde.covariance()[[0, 0]].sqrt();
        let (lo, hi) = (-5.0 - 10.0 * h, 5.0 + 10.0 * h);
        let steps = 4000;
        let dx = (hi - lo) / steps as f64;
        let grid: Vec<f64> = (0..=steps).map(|i| lo + i as f64 * dx).collect();
        let y = kde.evaluate_1d(&grid).unwrap();
        let integral = dx * (y.sum() - 0.5 * (y[0] + y[steps]));
        prop_assert!((integral - 1.0).abs() < 1e-6, "integral {}", integral);
        let scaled: Vec<f64> = w.iter().map(|v| v * scale).collect();
        let kde_s = p.fit(&samples[..], &scaled[..]).unwrap();
        let ys = kde_s.evaluate_1d(&grid[..50]).unwrap();
        for (a, b) in ys.iter().zip(y.iter()) {
            prop_assert!((a - b).abs() <= 1e-12 * b.abs() + 1e-300);
        }
    }
}

#[test]
fn two_dimensional_density_integrates_to_one() {
    let data = array![
        [0.0, 1.0, 0.5, 2.0, -1.0, 0.7],
        [1.0, 0.0, 2.0, 0.3, 0.5, -0.4]
    ];
    let kde = KdeParams::new().check().unwrap().fit(&data, &()).unwrap();
    let (lo, hi, steps) = (-8.0, 9.0, 340);
    let dx = (hi - lo) / steps as f64;
    let mut pts = Array2::<f64>::zeros((2, (steps + 1) * (steps + 1)));
    for i in 0..=steps {
        for j in 0..=steps {
            let k = i * (steps + 1) + j;
            pts[[0, k]] = lo + i as f64 * dx;
            pts[[1, k]] = lo + j as f64 * dx;
        }
    }
    let y = kde.evaluate(pts.view()).unwrap();
    // Tails at the border are below 1e-12, so the plain Riemann sum is the trapezoid rule here.
    let integral = y.sum() * dx * dx;
    assert!((integral - 1.0).abs() < 1e-6, "integral {integral}");
}
