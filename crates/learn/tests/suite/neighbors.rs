//! k-NN and nearest centroid against scikit-learn fixtures.
use crate::common::*;
use dsp_core::{Fit, Predict};
use learn::{
    Classifier, Error, KnnParams, NearestCentroidParams, ValidationOptions, leave_one_out,
};
use ndarray::{Array2, array};

#[test]
fn knn_predictions_equal_sklearn() {
    for name in SETS {
        let s = set(name);
        for k in [1, 5] {
            let m = KnnParams::new(k).fit(&s.x, &s.y).unwrap();
            let p = m.predict(&s.xt).unwrap();
            assert_eq!(
                p.to_vec(),
                labels(&format!("{name}_knn{k}_pred")),
                "{name} k={k}"
            );
        }
    }
}

#[test]
fn knn_loo_equals_sklearn_and_refits() {
    for name in SETS {
        let s = set(name);
        for k in [1, 5] {
            let r = leave_one_out(
                &KnnParams::new(k),
                s.x.view(),
                &s.y,
                ValidationOptions::default(),
            )
            .unwrap();
            let p: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
            assert_eq!(p, labels(&format!("{name}_knn{k}_loo")), "{name} k={k}");
        }
    }
}

#[test]
fn knn_f32_input_works() {
    let s = set("blobs4");
    let x32 = s.x.mapv(|v| v as f32);
    let m = KnnParams::new(1).fit(&x32, &s.y).unwrap();
    let p = m.predict(&x32).unwrap();
    assert_eq!(p.to_vec(), s.y);
}

#[test]
fn knn_ties_go_to_earlier_row_and_smaller_label() {
    // two training rows at the same distance: the earlier one (label 9) wins for k = 1
    let x = array![[1.0, 0.0], [-1.0, 0.0], [0.0, 5.0]];
    let y = [9, 4, 4];
    let m = KnnParams::new(1).fit(&x, &y).unwrap();
    assert_eq!(m.predict(&array![[0.0, 0.0]]).unwrap().to_vec(), vec![9]);
    // k = 2 with one vote each: the smaller label wins
    let m = KnnParams::new(2).fit(&x, &y).unwrap();
    assert_eq!(m.predict(&array![[0.0, 0.0]]).unwrap().to_vec(), vec![4]);
}

#[test]
fn knn_errors() {
    let x = array![[1.0, 0.0], [-1.0, 0.0], [0.0, 5.0]];
    assert!(matches!(
        KnnParams::new(4).fit(&x, &[1, 2, 2]),
        Err(Error::InvalidNeighbors { k: 4, n_samples: 3 })
    ));
    assert!(matches!(
        KnnParams::new(0).fit(&x, &[1, 2, 2]),
        Err(Error::InvalidNeighbors { k: 0, .. })
    ));
    assert!(matches!(
        KnnParams::new(1).fit(&x, &[1, 2]),
        Err(Error::LengthMismatch {
            n_samples: 3,
            n_labels: 2,
            ..
        })
    ));
    assert!(matches!(
        KnnParams::new(1).fit(&x, &[1, 1, 1]),
        Err(Error::TooFewClasses { n_classes: 1, .. })
    ));
    let mut bad = x.clone();
    bad[[2, 1]] = f64::NAN;
    assert!(matches!(
        KnnParams::new(1).fit(&bad, &[1, 2, 2]),
        Err(Error::NonFinite { row: 2, col: 1, .. })
    ));
    let empty = Array2::<f64>::zeros((0, 3));
    assert!(matches!(
        KnnParams::new(1).fit(&empty, &[]),
        Err(Error::EmptyData { n_samples: 0, .. })
    ));
    let m = KnnParams::new(1).fit(&x, &[1, 2, 2]).unwrap();
    assert!(matches!(
        m.predict(&array![[1.0, 2.0, 3.0]]),
        Err(Error::FeatureMismatch {
            expected: 2,
            got: 3,
            ..
        })
    ));
    // leave-one-out with k = n: only n - 1 neighbours remain
    assert!(matches!(
        leave_one_out(
            &KnnParams::new(3),
            x.view(),
            &[1, 2, 2],
            ValidationOptions::default()
        ),
        Err(Error::InvalidNeighbors { k: 3, n_samples: 2 })
    ));
}

#[test]
fn nearest_centroid_equals_sklearn() {
    for name in SETS {
        let s = set(name);
        let m = NearestCentroidParams::new().fit(&s.x, &s.y).unwrap();
        let want = mat(&format!("{name}_nc_centroids"));
        assert_close(
            name,
            m.centroids().as_slice().unwrap(),
            want.as_slice().unwrap(),
            1e-12,
            1e-14,
        );
        let p = Predict::predict(&m, &s.xt).unwrap();
        assert_eq!(p.to_vec(), labels(&format!("{name}_nc_pred")), "{name}");
        let r = leave_one_out(
            &NearestCentroidParams::new(),
            s.x.view(),
            &s.y,
            ValidationOptions::default(),
        )
        .unwrap();
        let p: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
        assert_eq!(p, labels(&format!("{name}_nc_loo")), "{name} loo");
    }
}

/// The closed-form leave-one-out of nearest centroid equals explicit refits.
#[test]
fn nearest_centroid_loo_shortcut_equals_refits() {
    let s = set("blobs6");
    let short = NearestCentroidParams::new()
        .loo_predict(s.x.view(), &s.y)
        .unwrap()
        .unwrap();
    let folds = crate::common::loo_folds(s.y.len());
    let r = learn::cross_validate(
        &NearestCentroidParams::new(),
        s.x.view(),
        &s.y,
        &folds,
        ValidationOptions::default(),
    )
    .unwrap();
    let refit: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
    assert_eq!(short, refit);
}

#[test]
fn pipelines_and_lda_loo_equal_sklearn() {
    use learn::Pipeline;
    use reduce::{Components, LdaParams, PcaParams, StandardScalerParams};
    for name in ["blobs4", "class3", "blobs6"] {
        let s = set(name);
        let opts = ValidationOptions::default();
        let pipe = Pipeline::new()
            .then(StandardScalerParams::default())
            .classifier(KnnParams::new(1));
        let r = leave_one_out(&pipe, s.x.view(), &s.y, opts.clone()).unwrap();
        let p: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
        assert_eq!(
            p,
            labels(&format!("{name}_pipe_scaler_knn1_loo")),
            "{name} scaler+1nn"
        );
        let pipe = Pipeline::new()
            .then(StandardScalerParams::default())
            .then(PcaParams::new(Components::Count(3)))
            .classifier(KnnParams::new(1));
        let r = leave_one_out(&pipe, s.x.view(), &s.y, opts.clone()).unwrap();
        let p: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
        assert_eq!(
            p,
            labels(&format!("{name}_pipe_scaler_pca3_knn1_loo")),
            "{name} scaler+pca+1nn"
        );
        let r = leave_one_out(&LdaParams::default(), s.x.view(), &s.y, opts).unwrap();
        let p: Vec<usize> = r.predictions.iter().map(|p| p.unwrap()).collect();
        assert_eq!(p, labels(&format!("{name}_lda_loo")), "{name} lda");
    }
}
