//! `mean_squared_error` and `peak_signal_noise_ratio` against `skimage.metrics`
//! (fixtures: `tests/fixtures/metrics/gen_metrics.py`, numpy 2.2.6 / scikit-image 0.26.0).

use std::path::Path;

use filters::{Intensity, mean_squared_error, peak_signal_noise_ratio};
use ndarray::{Array1, ArrayD};
use ndarray_npy::{ReadableElement, read_npy};

/// `data_range` of the third stored value.
const DATA_RANGE: f64 = 0.8;

fn load<A: ReadableElement>(name: &str) -> ArrayD<A> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/metrics")
        .join(format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn check<A: ReadableElement + Intensity>(case: &str) {
    let t = load::<A>(&format!("{case}_true"));
    let s = load::<A>(&format!("{case}_test"));
    let want: Array1<f64> = load::<f64>(&format!("{case}_values"))
        .into_dimensionality()
        .expect("1-D values");
    let got = [
        mean_squared_error(t.view(), s.view()).expect("same shapes"),
        peak_signal_noise_ratio(t.view(), s.view(), None).expect("in range"),
        peak_signal_noise_ratio(t.view(), s.view(), Some(DATA_RANGE)).expect("positive range"),
    ];
    for (what, (g, w)) in ["mse", "psnr", "psnr data_range"]
        .iter()
        .zip(got.iter().zip(&want))
    {
        // numpy sums pairwise, we sum in order: a few ulps of the MSE apart.
        assert!(
            (g - w).abs() <= 1e-12 * w.abs(),
            "{case} {what}: got {g}, skimage {w}"
        );
    }
}

#[test]
fn float64_image_in_unit_range() {
    check::<f64>("f64");
}

#[test]
fn float64_signed_image_uses_range_two() {
    check::<f64>("f64_signed");
}

#[test]
fn float32_image() {
    check::<f32>("f32");
}

#[test]
fn uint8_image_uses_255() {
    check::<u8>("u8");
}

#[test]
fn three_dimensional_image() {
    check::<f64>("f64_3d");
}

#[test]
fn out_of_range_float_image_is_refused_as_skimage_does() {
    let t = ndarray::array![0.0, 1.5];
    let s = ndarray::array![0.0, 1.0];
    assert!(peak_signal_noise_ratio(t.view(), s.view(), None).is_err());
}
