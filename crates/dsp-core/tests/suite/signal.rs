//! Signal helpers: closed-form checks, typed errors, seeded noise.

use dsp_core::{Error, add_gaussian_noise, mono_mixdown, peak_normalize};
use ndarray::{Array1, Array2, array};
use proptest::prelude::*;

#[test]
fn peak_normalize_finds_bad_values_in_body_and_tail() {
    // Bad values inside the eight-lane body and in the tail.
    for (bad_at, bad) in [(9, f64::NAN), (17, f64::NEG_INFINITY), (3, f64::INFINITY)] {
        let mut v = Array1::from_iter((0..19).map(f64::from));
        v[bad_at] = bad;
        assert!(matches!(
            peak_normalize(v.view()),
            Err(Error::NonFinite { .. })
        ));
    }
}

#[test]
fn mixdown_is_mean_over_channels() {
    let x = Array2::from_shape_fn((6, 3), |(i, c)| (i * 3 + c) as f64);
    let want: Array1<f64> = (0..6).map(|i| (3 * i * 3 + 3) as f64 / 3.0).collect();
    assert_eq!(mono_mixdown(x.view()).unwrap(), want);
    // A transposed (column-major) view gives the same result as its standard-layout copy.
    let t = x.t().to_owned();
    assert_eq!(
        mono_mixdown(t.t()).unwrap(),
        mono_mixdown(x.view()).unwrap()
    );
    assert_eq!(
        mono_mixdown(array![[0.25_f32]].view()).unwrap(),
        array![0.25]
    );
    assert!(matches!(
        mono_mixdown(Array2::<f64>::zeros((0, 2)).view()),
        Err(Error::TooShort { .. })
    ));
    assert!(matches!(
        mono_mixdown(Array2::<f64>::zeros((4, 0)).view()),
        Err(Error::TooShort { .. })
    ));
}

#[test]
fn peak_normalize_errors() {
    assert_eq!(
        peak_normalize(array![0.0_f64, -0.0].view()),
        Err(Error::ConstantInput {
            what: "x",
            value: 0.0
        })
    );
    assert!(matches!(
        peak_normalize(array![1.0, f64::NEG_INFINITY].view()),
        Err(Error::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        peak_normalize(Array1::<f32>::zeros(0).view()),
        Err(Error::TooShort { .. })
    ));
    assert_eq!(
        peak_normalize(array![[-4.0_f64, 2.0]].view()).unwrap(),
        array![[-1.0, 0.5]]
    );
}

#[test]
fn noise_is_seeded_and_has_the_requested_spread() {
    let x = Array1::<f64>::zeros(20_000);
    let a = add_gaussian_noise(x.view(), 0.5, 42).unwrap();
    assert_eq!(a, add_gaussian_noise(x.view(), 0.5, 42).unwrap());
    assert_ne!(a, add_gaussian_noise(x.view(), 0.5, 43).unwrap());
    assert!(x.iter().all(|&v| v == 0.0), "input untouched");
    let n = a.len() as f64;
    let mean = a.sum() / n;
    let sd = (a.mapv(|v| (v - mean) * (v - mean)).sum() / (n - 1.0)).sqrt();
    // 20000 draws: the mean's sd is 0.0035, the sd's is 0.0025.
    assert!(mean.abs() < 0.02, "mean {mean}");
    assert!((sd - 0.5).abs() < 0.015, "sd {sd}");
    // std = 0 is an exact copy; f32 gets the f64 draws rounded once.
    let y = array![[1.0_f32, 2.0], [3.0, 4.0]];
    assert_eq!(add_gaussian_noise(y.view(), 0.0, 1).unwrap(), y);
    let y64 = y.mapv(f64::from);
    let n32 = add_gaussian_noise(Array2::<f32>::zeros((2, 2)).view(), 1.0, 9).unwrap();
    let n64 = add_gaussian_noise(Array2::<f64>::zeros((2, 2)).view(), 1.0, 9).unwrap();
    assert_eq!(n32, n64.mapv(|v| v as f32));
    assert_eq!(y64.shape(), n64.shape());
}

#[test]
fn noise_does_not_depend_on_memory_layout() {
    let x = Array2::from_shape_fn((5, 7), |(i, j)| (i * 7 + j) as f64);
    let fortran = x.t().to_owned(); // (7, 5) in row-major memory ...
    let view = fortran.t(); // ... viewed back as (5, 7) with column-major strides.
    assert_eq!(view, x.view());
    assert_eq!(
        add_gaussian_noise(view, 0.3, 5).unwrap(),
        add_gaussian_noise(x.view(), 0.3, 5).unwrap()
    );
}

#[test]
fn noise_errors() {
    let x = array![1.0_f64, 2.0];
    for std in [-0.1, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            add_gaussian_noise(x.view(), std, 0),
            Err(Error::InvalidParameter { name: "std", .. })
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// peak_normalize gives max |y| = 1 and keeps signs and ratios.
    #[test]
    fn peak_normalize_unit_peak(v in prop::collection::vec(-1e3f64..1e3, 1..50)) {
        let x = Array1::from(v);
        prop_assume!(x.iter().any(|&e| e != 0.0));
        let y = peak_normalize(x.view()).unwrap();
        let peak = y.iter().fold(0.0f64, |m, &e| m.max(e.abs()));
        prop_assert_eq!(peak, 1.0);
        for (p, q) in x.iter().zip(y.iter()) {
            prop_assert!(p.signum() == q.signum() || *p == 0.0);
        }
    }
}
