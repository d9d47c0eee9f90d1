//! Band powers against closed forms: a sinusoid on a bin has power A^2/2 in any band covering
//! its cell and A^2/4 in half of it; bands partition the spectrum (Parseval) for any signal.

use std::f64::consts::PI;

use features_1d::{BandPowers, Error, FeatureExtractor, one_sided_power};
use ndarray::Array1;
use proptest::prelude::*;

fn sine(n: usize, fs: f64, f: f64, a: f64, phase: f64) -> Array1<f64> {
    Array1::from_shape_fn(n, |i| a * (2.0 * PI * f * i as f64 / fs + phase).sin())
}

#[test]
fn sinusoid_on_a_bin_has_power_a2_over_2() {
    // n = 1000 at 250 Hz: df = 0.25 Hz; 12.5 Hz is bin 50
    let (n, fs, a) = (1000, 250.0, 1.7);
    let x = sine(n, fs, 12.5, a, 0.3);
    let df = fs / n as f64;
    let bands = vec![
        (12.0, 13.0),                       // whole cell inside
        (12.5 - df / 2.0, 12.5 + df / 2.0), // exactly the cell
        (12.5 - df / 4.0, 12.5 + df / 4.0), // half the cell
        (12.5, 20.0),                       // the upper half of the cell
        (12.5 + df / 2.0, 125.0),           // above the cell
        (0.0, 125.0),                       // everything
    ];
    let p: Array1<f64> = BandPowers::new(fs, bands)
        .unwrap()
        .transform_one(x.view())
        .unwrap();
    let full = a * a / 2.0;
    let want = [full, full, full / 2.0, full / 2.0, 0.0, full];
    for (g, w) in p.iter().zip(want) {
        assert!((g - w).abs() < 1e-12 * full, "{p} vs {want:?}");
    }
}

#[test]
fn dc_and_nyquist_cells() {
    // constant c: all power c^2 in the DC cell [0, df/2]; an alternating +-b (Nyquist, even n)
    // has power b^2 in the Nyquist cell [fs/2 - df/2, fs/2]
    let (n, fs, c, b) = (64, 64.0, 0.8, 0.5);
    let x = Array1::from_shape_fn(n, |i| c + if i % 2 == 0 { b } else { -b });
    let p: Array1<f64> =
        BandPowers::new(fs, vec![(0.0, 0.5), (0.0, 0.25), (31.5, 32.0), (1.0, 31.0)])
            .unwrap()
            .transform_one(x.view())
            .unwrap();
    let want = [c * c, c * c / 2.0, b * b, 0.0];
    for (g, w) in p.iter().zip(want) {
        assert!((g - w).abs() < 1e-12, "{p} vs {want:?}");
    }
}

#[test]
fn one_sided_power_is_normalised() {
    let x = sine(9, 9.0, 2.0, 2.0, 0.0); // odd n: no Nyquist bin, bin 2 doubled
    let p = one_sided_power(x.view()).unwrap();
    assert_eq!(p.len(), 5);
    assert!((p[2] - 2.0).abs() < 1e-12, "{p}");
    assert!((p.sum() - x.mapv(|v| v * v).mean().unwrap()).abs() < 1e-12);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// For any signal, adjacent bands add up and [0, fs/2] is the mean power (Parseval).
    #[test]
    fn bands_partition_the_mean_power(
        x in prop::collection::vec(-10.0f64..10.0, 1..300),
        fs in 1.0f64..1000.0,
        cuts in prop::collection::vec(0.0f64..1.0, 1..6),
    ) {
        let nyq = fs / 2.0;
        let mut edges: Vec<f64> = cuts.iter().map(|c| c * nyq).collect();
        edges.push(0.0);
        edges.push(nyq);
        edges.sort_by(f64::total_cmp);
        edges.dedup();
        let bands: Vec<(f64, f64)> = edges.windows(2).filter(|w| w[1] > w[0]).map(|w| (w[0], w[1])).collect();
        let x = Array1::from_vec(x);
        let p: Array1<f64> = BandPowers::new(fs, bands).unwrap().transform_one(x.view()).unwrap();
        let whole: Array1<f64> = BandPowers::new(fs, vec![(0.0, nyq)]).unwrap().transform_one(x.view()).unwrap();
        let mean_power = x.mapv(|v| v * v).mean().unwrap();
        prop_assert!((p.sum() - mean_power).abs() <= 1e-10 * mean_power.max(1e-300) + 1e-12);
        prop_assert!((whole[0] - mean_power).abs() <= 1e-10 * mean_power.max(1e-300) + 1e-12);
        prop_assert!(p.iter().all(|&v| v >= 0.0));
    }
}

#[test]
fn bad_bands_and_signals() {
    assert!(matches!(
        BandPowers::new(100.0, vec![(10.0, 60.0)]),
        Err(Error::InvalidBand {
            low: 10.0,
            high: 60.0,
            nyquist: 50.0
        })
    ));
    assert!(matches!(
        BandPowers::new(100.0, vec![(5.0, 5.0)]),
        Err(Error::InvalidBand { .. })
    ));
    assert!(matches!(
        BandPowers::new(100.0, vec![(-1.0, 5.0)]),
        Err(Error::InvalidBand { .. })
    ));
    assert!(matches!(
        BandPowers::new(100.0, vec![]),
        Err(Error::Empty { what: "bands" })
    ));
    assert!(matches!(
        BandPowers::new(0.0, vec![(0.0, 1.0)]),
        Err(Error::Core(_))
    ));
    let bp = BandPowers::new(100.0, vec![(0.0, 10.0)]).unwrap();
    assert!(matches!(
        FeatureExtractor::<f64>::transform_one(&bp, Array1::<f64>::zeros(0).view()),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    let x = Array1::from_vec(vec![1.0, f64::NAN, 2.0]);
    assert!(matches!(
        bp.transform_one(x.view()),
        Err(Error::Core(dsp_core::Error::NonFinite { index: 1, .. }))
    ));
}
