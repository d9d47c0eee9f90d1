//! `convolve` / `correlate` against numpy fixtures (`fixtures/gen_convolve.py`) and identities.

use dsp_core::{ConvMode, Error, convolve, correlate};
use ndarray::{Array1, ArrayView1, Axis, Slice};
use proptest::prelude::*;

const MODES: [(ConvMode, &str); 3] = [
    (ConvMode::Full, "full"),
    (ConvMode::Same, "same"),
    (ConvMode::Valid, "valid"),
];

fn fixture(name: &str) -> Array1<f64> {
    crate::common::npy("convolve", &format!("{name}.npy"))
}

/// Max abs difference relative to the reference's max abs (floor 1e-300 for all-zero outputs).
fn rel_err(got: ArrayView1<'_, f64>, want: ArrayView1<'_, f64>) -> f64 {
    assert_eq!(got.len(), want.len(), "length");
    let scale = want.iter().fold(1e-300_f64, |m, x| m.max(x.abs()));
    got.iter()
        .zip(want)
        .map(|(g, w)| (g - w).abs())
        .fold(0.0, f64::max)
        / scale
}

#[test]
fn equals_numpy_for_every_case_and_mode() {
    for case in 0..13 {
        let a = fixture(&format!("c{case:02}_a"));
        let v = fixture(&format!("c{case:02}_v"));
        for (mode, name) in MODES {
            let want = fixture(&format!("c{case:02}_convolve_{name}"));
            let got = convolve(a.view(), v.view(), mode).unwrap();
            let e = rel_err(got.view(), want.view());
            assert!(e < 1e-12, "convolve case {case} {name}: {e}");
            let want = fixture(&format!("c{case:02}_correlate_{name}"));
            let got = correlate(a.view(), v.view(), mode).unwrap();
            let e = rel_err(got.view(), want.view());
            assert!(e < 1e-12, "correlate case {case} {name}: {e}");
        }
    }
}

#[test]
fn f32_agrees_with_f64_fixture() {
    // f32 sums of 33 products: relative error ~ 33 * 6e-8, so 1e-5 of the max.
    let a = fixture("c12_a");
    let v = fixture("c12_v");
    let want = fixture("c12_convolve_same");
    let got = convolve(
        a.mapv(|x| x as f32).view(),
        v.mapv(|x| x as f32).view(),
        ConvMode::Same,
    )
    .unwrap()
    .mapv(f64::from);
    assert!(rel_err(got.view(), want.view()) < 1e-5);
}

#[test]
fn strided_views_equal_contiguous() {
    let a = fixture("c11_a");
    let v = fixture("c11_v");
    let a2 = a.slice_axis(Axis(0), Slice::new(0, None, 2));
    let want = convolve(a2.to_owned().view(), v.view(), ConvMode::Full).unwrap();
    assert_eq!(convolve(a2, v.view(), ConvMode::Full).unwrap(), want);
    assert_eq!(convolve(v.view(), a2, ConvMode::Full).unwrap(), want);
}

#[test]
fn nan_propagates_to_the_outputs_it_touches() {
    let mut a = Array1::<f64>::ones(20);
    a[10] = f64::NAN;
    let out = convolve(a.view(), Array1::ones(3).view(), ConvMode::Same).unwrap();
    for (j, x) in out.iter().enumerate() {
        assert_eq!(x.is_nan(), (9..=11).contains(&j), "at {j}");
    }
}

#[test]
fn empty_inputs_are_typed_errors() {
    let e = Array1::<f64>::zeros(0);
    let a = Array1::<f64>::ones(3);
    for (mode, _) in MODES {
        assert_eq!(
            convolve(e.view(), a.view(), mode),
            Err(Error::TooShort {
                what: "a",
                min: 1,
                got: 0
            })
        );
        assert_eq!(
            correlate(a.view(), e.view(), mode),
            Err(Error::TooShort {
                what: "v",
                min: 1,
                got: 0
            })
        );
    }
}

/// The textbook double loop, the oracle for random lengths.
fn naive_full(a: &[f64], v: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; a.len() + v.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in v.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
    out
}

fn vec_f64(max_len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-10.0..10.0_f64, 1..max_len)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, rng_seed: proptest::test_runner::RngSeed::Fixed(7), ..ProptestConfig::default() })]

    #[test]
    fn full_equals_naive_and_commutes(a in vec_f64(3000), v in vec_f64(40)) {
        let want = naive_full(&a, &v);
        let got = convolve(ArrayView1::from(&a), ArrayView1::from(&v), ConvMode::Full).unwrap();
        let swapped = convolve(ArrayView1::from(&v), ArrayView1::from(&a), ConvMode::Full).unwrap();
        let e = rel_err(got.view(), ArrayView1::from(&want));
        prop_assert!(e < 1e-12, "{}", e);
        prop_assert_eq!(got, swapped);
    }

    #[test]
    fn correlate_is_convolve_with_reversed_kernel(a in vec_f64(300), v in vec_f64(300)) {
        let vr: Vec<f64> = v.iter().rev().copied().collect();
        let c = correlate(ArrayView1::from(&a), ArrayView1::from(&v), ConvMode::Full).unwrap();
        let k = convolve(ArrayView1::from(&a), ArrayView1::from(&vr), ConvMode::Full).unwrap();
        prop_assert!(rel_err(c.view(), k.view()) < 1e-12);
    }

    #[test]
    fn linear_in_the_signal(a in vec_f64(200), v in vec_f64(20), alpha in -3.0..3.0_f64) {
        let b: Vec<f64> = a.iter().map(|x| x.sin()).collect();
        let ab: Vec<f64> = a.iter().zip(&b).map(|(x, y)| alpha * x + y).collect();
        let (av, bv, vv) = (ArrayView1::from(&a), ArrayView1::from(&b), ArrayView1::from(&v));
        for (mode, _) in MODES {
            let lhs = convolve(ArrayView1::from(&ab), vv, mode).unwrap();
            let rhs = convolve(av, vv, mode).unwrap() * alpha + convolve(bv, vv, mode).unwrap();
            prop_assert!(rel_err(lhs.view(), rhs.view()) < 1e-12);
        }
    }
}
