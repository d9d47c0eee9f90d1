//! Metrics and splitters against scikit-learn fixtures; typed errors.
use crate::common::*;
use dsp_core::{Fit, Predict};
use learn::{
    Error, KnnParams, ValidationOptions, accuracy, balanced_accuracy, confusion_matrix,
    cross_validate, stratified_kfold, train_test_split,
};
use ndarray::Array2;

#[test]
fn metrics_equal_sklearn() {
    let t = labels("metrics_true");
    let p = labels("metrics_pred");
    let cm = confusion_matrix(&t, &p).unwrap();
    let want: Array2<i64> = ndarray_npy::read_npy(path("metrics_cm")).unwrap();
    assert_eq!(cm.counts.mapv(|v| v as i64), want);
    assert_eq!(cm.labels, (0..6).collect::<Vec<_>>());
    let b = balanced_accuracy(&t, &p).unwrap();
    assert_eq!(b, vecf("metrics_bacc")[0]);
    let a = accuracy(&t, &p).unwrap();
    let hits = t.iter().zip(&p).filter(|(a, b)| a == b).count();
    assert_eq!(a, hits as f64 / 200.0);
}

#[test]
fn metric_errors() {
    assert!(matches!(
        accuracy(&[1, 2], &[1]),
        Err(Error::LengthMismatch {
            n_samples: 2,
            n_labels: 1,
            ..
        })
    ));
    assert!(matches!(
        balanced_accuracy(&[], &[]),
        Err(Error::EmptyData { .. })
    ));
}

#[test]
fn stratified_kfold_equals_sklearn() {
    for name in SETS {
        let y = labels(&format!("{name}_y"));
        let want = labels(&format!("{name}_skf5"));
        let folds = stratified_kfold(&y, 5, None).unwrap();
        let mut got = vec![usize::MAX; y.len()];
        for (f, fold) in folds.iter().enumerate() {
            for &i in &fold.test {
                got[i] = f;
            }
            assert_eq!(fold.train.len() + fold.test.len(), y.len());
        }
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn stratified_kfold_errors() {
    // class 3 has one sample: it cannot be in every fold
    let y = [1, 1, 1, 2, 2, 2, 3];
    assert!(matches!(
        stratified_kfold(&y, 2, None),
        Err(Error::ClassTooSmall {
            class: 3,
            count: 1,
            needed: 2,
            ..
        })
    ));
    assert!(matches!(
        stratified_kfold(&[1, 1, 1], 2, None),
        Err(Error::TooFewClasses { .. })
    ));
    assert!(matches!(
        stratified_kfold(&y, 1, None),
        Err(Error::InvalidParameter {
            name: "n_splits",
            ..
        })
    ));
}

#[test]
fn shuffled_kfold_is_seeded_and_stratified() {
    let y = labels("blobs6_y");
    let a = stratified_kfold(&y, 4, Some(11)).unwrap();
    let b = stratified_kfold(&y, 4, Some(11)).unwrap();
    let c = stratified_kfold(&y, 4, Some(12)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let plain = stratified_kfold(&y, 4, None).unwrap();
    for (fa, fp) in a.iter().zip(&plain) {
        let count = |f: &learn::Fold, l| f.test.iter().filter(|&&i| y[i] == l).count();
        for l in [1, 2, 3, 4, 5, 9] {
            assert_eq!(count(fa, l), count(fp, l));
        }
    }
}

#[test]
fn train_test_split_is_seeded_disjoint_and_stratified() {
    let y = labels("blobs4_y");
    let f = train_test_split(&y, 0.25, 3, true).unwrap();
    assert_eq!(f.test.len(), 30);
    assert_eq!(f.train.len() + f.test.len(), y.len());
    assert!(f.test.iter().all(|i| !f.train.contains(i)));
    assert_eq!(f, train_test_split(&y, 0.25, 3, true).unwrap());
    for l in [3, 7, 8, 20] {
        let n = y.iter().filter(|&&v| v == l).count();
        let t = f.test.iter().filter(|&&i| y[i] == l).count();
        assert!(
            (t as f64 - n as f64 * 0.25).abs() <= 1.0,
            "class {l}: {t} of {n}"
        );
    }
    let g = train_test_split(&y, 0.3, 3, false).unwrap();
    assert_eq!(g.test.len(), 36);
    assert!(matches!(
        train_test_split(&y, 1.5, 0, false),
        Err(Error::InvalidParameter {
            name: "test_size",
            ..
        })
    ));
    assert!(matches!(
        train_test_split(&[1, 1, 2, 2, 3], 0.4, 0, true),
        Err(Error::ClassTooSmall { class: 3, .. })
    ));
}

#[test]
fn kfold_cross_validation_matches_manual_fits() {
    let s = set("class3");
    let folds = stratified_kfold(&s.y, 5, None).unwrap();
    let r = cross_validate(
        &KnnParams::new(1),
        s.x.view(),
        &s.y,
        &folds,
        ValidationOptions::default(),
    )
    .unwrap();
    for (f, score) in folds.iter().zip(&r.fold_scores) {
        let xt = s.x.select(ndarray::Axis(0), &f.train);
        let yt: Vec<usize> = f.train.iter().map(|&i| s.y[i]).collect();
        let m = KnnParams::new(1).fit(&xt, &yt).unwrap();
        let p = m.predict(&s.x.select(ndarray::Axis(0), &f.test)).unwrap();
        let truth: Vec<usize> = f.test.iter().map(|&i| s.y[i]).collect();
        assert_eq!(*score, accuracy(&truth, &p.to_vec()).unwrap());
    }
    assert!(r.predictions.iter().all(Option::is_some));
    let b = r.balanced_accuracy(&s.y).unwrap();
    assert!(b > 0.3 && b <= 1.0);
}
