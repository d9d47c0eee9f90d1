//! Pooling, filter-bank and local features against numpy (fixtures from
//! `fixtures/gen_features.py`, numpy 2.2.6 / scipy 1.16.3).

use std::path::Path;

use dsp_core::ConvMode;
use features_1d::{FeatureExtractor, FilterBank, LocalFeatures, Pooling, Transform, pool};
use ndarray::{Array1, Array2, Axis};
use ndarray_npy::read_npy;

fn fx<D: ndarray::Dimension>(name: &str) -> ndarray::Array<f64, D>
where
    f64: ndarray_npy::ReadableElement,
{
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The fixtures' pooling list, in the generator's order.
fn poolings() -> Vec<Pooling> {
    vec![
        Pooling::Mean,
        Pooling::Std,
        Pooling::Max,
        Pooling::Min,
        Pooling::AbsMax,
        Pooling::Percentile(10.0),
        Pooling::Percentile(50.0),
        Pooling::Percentile(90.0),
        Pooling::Percentile(37.5),
        Pooling::Ppv,
    ]
}

/// 1e-12 relative, with an absolute floor of 1e-12 x the scale of the compared set (means
/// of zero-mean responses cross zero).
fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1.0);
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-12 * w.abs() + 1e-12 * scale,
            "{what}[{i}]: {g} vs {w}"
        );
    }
}

#[test]
fn pooling_equals_numpy() {
    for i in 0..5 {
        let x: Array1<f64> = fx(&format!("sig_{i}"));
        let want: Array1<f64> = fx(&format!("pool_{i}"));
        let got: Vec<f64> = poolings()
            .into_iter()
            .map(|p| pool(x.as_slice().unwrap(), p).unwrap())
            .collect();
        assert_close(&got, want.as_slice().unwrap(), &format!("pool_{i}"));
    }
}

#[test]
fn tutorial_gabor_bank_equals_numpy_kernels() {
    let want: Array2<f64> = fx("gabor_bank");
    let bank = FilterBank::<f64>::tutorial_gabor(25.0, poolings(), ConvMode::Same).unwrap();
    assert_eq!(bank.kernels().len(), 9);
    for (k, row) in bank.kernels().iter().zip(want.axis_iter(Axis(0))) {
        assert_close(k.as_slice().unwrap(), row.to_vec().as_slice(), "kernel");
    }
    assert_eq!(bank.n_features(), 90);
    let names = bank.feature_names();
    assert_eq!(names.len(), 90);
    assert!(
        names[0].starts_with("gabor_s1.5708_f1_mean"),
        "{}",
        names[0]
    );
    assert!(names[89].ends_with("_f3_ppv"), "{}", names[89]);
}

#[test]
fn filter_bank_features_equal_numpy_loop() {
    let kernels: Array2<f64> = fx("gabor_bank");
    let kernels: Vec<Array1<f64>> = kernels.axis_iter(Axis(0)).map(|r| r.to_owned()).collect();
    let signals: Vec<Array1<f64>> = (0..5).map(|i| fx(&format!("sig_{i}"))).collect();
    for (mode, tag) in [(ConvMode::Valid, "valid"), (ConvMode::Same, "same")] {
        let bank = FilterBank::new(kernels.clone(), poolings(), mode).unwrap();
        // a batch of signals of different lengths, in parallel
        let feats = bank.transform(&signals).unwrap();
        assert_eq!(feats.dim(), (5, 90));
        for (i, sig) in signals.iter().enumerate() {
            let want: Array1<f64> = fx(&format!("bank_{tag}_{i}"));
            let got = feats.row(i).to_vec();
            assert_close(&got, want.as_slice().unwrap(), &format!("bank_{tag}_{i}"));
            // one signal at a time gives the same row
            let one = bank.transform_one(sig.view()).unwrap();
            assert_eq!(one.to_vec(), got);
        }
    }
}

#[test]
fn filter_bank_f32_close_to_numpy() {
    // f32: responses of O(10) summed over 50 taps; 1e-4 relative to the set's scale
    let kernels: Array2<f64> = fx("gabor_bank");
    let kernels: Vec<Array1<f32>> = kernels
        .axis_iter(Axis(0))
        .map(|r| r.mapv(|v| v as f32))
        .collect();
    let bank = FilterBank::new(
        kernels,
        vec![Pooling::Mean, Pooling::Std, Pooling::Max],
        ConvMode::Same,
    )
    .unwrap();
    let x: Array1<f64> = fx("sig_2");
    let got = bank.transform_one(x.mapv(|v| v as f32).view()).unwrap();
    let want: Array1<f64> = fx("bank_same_2");
    let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for k in 0..9 {
        for p in 0..3 {
            let (g, w) = (f64::from(got[k * 3 + p]), want[k * 10 + p]);
            assert!((g - w).abs() <= 1e-4 * scale, "{k},{p}: {g} vs {w}");
        }
    }
}

#[test]
fn local_features_equal_numpy_windows() {
    let x: Array1<f64> = fx("sig_0");
    let want: Array2<f64> = fx("local_0");
    let lf = LocalFeatures::new(50, 20, poolings()).unwrap();
    let got = lf.transform(&x.view()).unwrap();
    assert_eq!(got.dim(), want.dim());
    assert_eq!(lf.n_frames(300), Some(want.nrows()));
    assert_close(got.as_slice().unwrap(), want.as_slice().unwrap(), "local_0");
    assert_eq!(lf.feature_names()[5], "p10");
}
