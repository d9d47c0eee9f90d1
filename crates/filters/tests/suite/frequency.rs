//! Low-pass compression and hybrid images against numpy/scipy (gen_filters.py).

use crate::common::{assert_close, fixture, max_abs};
use dsp_core::BoundaryMode;
use filters::{Error, hybrid_image, lowpass_compress};
use ndarray::{Array2, Array3, Axis};

#[test]
fn lowpass_matches_numpy() {
    let x: Array2<f64> = fixture("freq_input");
    let want: Array3<f64> = fixture("freq_lowpass");
    for (k, keep) in [1.0, 0.5, 0.25].into_iter().enumerate() {
        let got = lowpass_compress(x.view(), keep).unwrap();
        let w = want.index_axis(Axis(0), k);
        // FFT round trip: a few ulps of the largest value.
        assert_close(
            got.view(),
            w,
            1e-12,
            1e-13 * max_abs(w),
            &format!("keep {keep}"),
        );
    }
    assert_close(
        lowpass_compress(x.view(), 1.0).unwrap().view(),
        x.view(),
        0.0,
        1e-14,
        "identity",
    );
}

#[test]
fn hybrid_matches_scipy() {
    let a: Array2<f64> = fixture("freq_input");
    let b: Array2<f64> = fixture("freq_input_high");
    let want: Array2<f64> = fixture("freq_hybrid");
    let got = hybrid_image(a.view(), b.view(), 3.0, 1.0, BoundaryMode::Reflect).unwrap();
    assert_close(got.view(), want.view(), 1e-12, 1e-14, "hybrid");
}

#[test]
fn bad_input_is_a_typed_error() {
    let x = Array2::<f64>::zeros((4, 4));
    for keep in [0.0, -0.5, 1.5, f64::NAN] {
        assert!(matches!(
            lowpass_compress(x.view(), keep),
            Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
        ));
    }
    assert!(lowpass_compress(Array2::<f64>::zeros((0, 4)).view(), 0.5).is_err());
    let y = Array2::<f64>::zeros((4, 5));
    assert!(matches!(
        hybrid_image(x.view(), y.view(), 1.0, 1.0, BoundaryMode::Reflect),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
    assert!(hybrid_image(x.view(), x.view(), 0.0, 1.0, BoundaryMode::Reflect).is_err());
}
