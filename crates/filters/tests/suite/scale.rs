//! `scale_to_unit_range` (the tutorial's `imscale`, moved from dsp-core unchanged): closed forms,
//! typed errors, affine invariance.

use dsp_core::Error as CoreError;
use filters::tutorial::imscale;
use filters::{Error, scale_to_unit_range};
use ndarray::{Array1, Array2, Array3, ArrayD, IxDyn, array};
use proptest::prelude::*;

#[test]
fn imscale_is_numpy_min_max() {
    let x = Array3::from_shape_fn((3, 4, 5), |(i, j, k)| ((i * 7 + j * 3 + k) as f64).sin());
    let (lo, hi) = x
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let want = x.mapv(|v| (v - lo) / (hi - lo));
    assert_eq!(imscale(x.view()).unwrap(), want);
    let xd = ArrayD::from_shape_vec(IxDyn(&[2, 2]), vec![1.0_f32, 2.0, 3.0, 5.0]).unwrap();
    assert_eq!(
        imscale(xd.view()).unwrap().into_raw_vec_and_offset().0,
        vec![0.0, 0.25, 0.5, 1.0]
    );
}

#[test]
fn imscale_errors() {
    assert_eq!(
        imscale(array![3.0_f64, 3.0].view()),
        Err(Error::Core(CoreError::ConstantInput {
            what: "x",
            value: 3.0
        }))
    );
    assert!(matches!(
        imscale(Array1::<f64>::zeros(0).view()),
        Err(Error::Core(CoreError::TooShort { .. }))
    ));
    assert!(matches!(
        imscale(array![1.0, f64::NAN, 2.0].view()),
        Err(Error::Core(CoreError::NonFinite { index: 1, .. }))
    ));
    // Bad values inside the eight-lane body and in the tail, contiguous and strided.
    for (bad_at, bad) in [(9, f64::NAN), (17, f64::NEG_INFINITY), (3, f64::INFINITY)] {
        let mut v = Array1::from_iter((0..19).map(f64::from));
        v[bad_at] = bad;
        assert!(matches!(
            imscale(v.view()),
            Err(Error::Core(CoreError::NonFinite { index, .. })) if index == bad_at
        ));
        let strided = Array2::from_shape_fn((19, 2), |(i, _)| v[i]);
        assert!(matches!(
            imscale(strided.column(0)),
            Err(Error::Core(CoreError::NonFinite { index, .. })) if index == bad_at
        ));
    }
    assert!(matches!(
        imscale(array![[1.0_f32], [f32::INFINITY]].view()),
        Err(Error::Core(CoreError::NonFinite { index: 1, .. }))
    ));
}

#[test]
fn imscale_is_scale_to_unit_range() {
    let x = array![[2.0_f64, 4.0], [6.0, 10.0]];
    assert_eq!(
        imscale(x.view()).unwrap(),
        scale_to_unit_range(x.view()).unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// imscale lands in [0, 1] with both ends hit and is invariant to affine maps a x + b, a > 0.
    #[test]
    fn imscale_range_and_affine_invariance(
        v in prop::collection::vec(-1e3f64..1e3, 2..50),
        a in 0.1f64..10.0,
        b in -100.0f64..100.0,
    ) {
        let x = Array1::from(v);
        prop_assume!(x.iter().any(|&e| e != x[0]));
        let y = imscale(x.view()).unwrap();
        prop_assert!(y.iter().all(|&e| (0.0..=1.0).contains(&e)));
        prop_assert!(y.iter().any(|&e| e == 0.0) && y.iter().any(|&e| e == 1.0));
        let z = imscale(x.mapv(|e| a * e + b).view()).unwrap();
        for (p, q) in y.iter().zip(z.iter()) {
            prop_assert!((p - q).abs() < 1e-9);
        }
    }

}
