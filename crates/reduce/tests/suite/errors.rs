//! Every bad input gives its typed error (one test per case).

use dsp_core::{Fit, ParamGuard, Predict, Transform};
use ndarray::{Array1, Array2, array};
use reduce::{Components, Error, LdaParams, PcaParams, PcaSolver, StandardScalerParams};

fn data(n: usize, p: usize) -> Array2<f64> {
    Array2::from_shape_fn((n, p), |(i, j)| {
        ((i * 7 + j * 3) % 11) as f64 + (i * j) as f64 * 0.01
    })
}

#[test]
fn empty_data_is_rejected() {
    let empty = Array2::<f64>::zeros((0, 3));
    let no_cols = Array2::<f64>::zeros((4, 0));
    for x in [&empty, &no_cols] {
        assert!(matches!(
            StandardScalerParams::default().fit(x, &()),
            Err(Error::Core(_))
        ));
        assert!(matches!(
            PcaParams::default().fit(x, &()),
            Err(Error::Core(_))
        ));
        let y = Array1::<usize>::zeros(x.nrows());
        assert!(matches!(
            LdaParams::default().fit(x, &y),
            Err(Error::Core(_))
        ));
    }
    // PCA needs two rows (variance with n - 1 degrees of freedom).
    assert!(matches!(
        PcaParams::default().fit(&data(1, 3), &()),
        Err(Error::Core(dsp_core::Error::TooShort {
            min: 2,
            got: 1,
            ..
        }))
    ));
}

#[test]
fn non_finite_features_are_rejected() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut x = data(6, 3);
        x[[2, 1]] = bad;
        let y = array![0usize, 0, 0, 1, 1, 1];
        assert!(matches!(
            StandardScalerParams::default().fit(&x, &()),
            Err(Error::Core(dsp_core::Error::NonFinite { index: 7, .. }))
        ));
        assert!(matches!(
            PcaParams::default().fit(&x, &()),
            Err(Error::Core(dsp_core::Error::NonFinite { .. }))
        ));
        assert!(matches!(
            LdaParams::default().fit(&x, &y),
            Err(Error::Core(dsp_core::Error::NonFinite { .. }))
        ));
        // ... and at transform time.
        let good = data(6, 3);
        let pca = PcaParams::default().fit(&good, &()).unwrap();
        assert!(matches!(pca.transform(&x), Err(Error::Core(_))));
        let lda = LdaParams::default().fit(&good, &y).unwrap();
        assert!(matches!(lda.predict(&x), Err(Error::Core(_))));
    }
}

#[test]
fn too_many_pca_components() {
    let err = PcaParams::new(Components::Count(4))
        .fit(&data(10, 3), &())
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooManyComponents {
                requested: 4,
                max: 3,
                ..
            }
        ),
        "{err}"
    );
    let err = PcaParams::new(Components::Count(6))
        .solver(PcaSolver::Randomized)
        .fit(&data(5, 8), &())
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooManyComponents {
                requested: 6,
                max: 5,
                ..
            }
        ),
        "{err}"
    );
    assert!(matches!(
        PcaParams::new(Components::Count(0)).check(),
        Err(Error::ZeroComponents)
    ));
}

#[test]
fn variance_fraction_outside_unit_interval() {
    for f in [0.0, -0.5, 1.5, f64::NAN, f64::INFINITY] {
        let err = PcaParams::new(Components::Variance(f))
            .fit(&data(10, 3), &())
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidVarianceFraction { .. }),
            "{f}: {err}"
        );
    }
    // 1.0 is accepted: every component.
    let pca = PcaParams::new(Components::Variance(1.0))
        .fit(&data(10, 3), &())
        .unwrap();
    assert_eq!(pca.n_components(), 3);
    assert!(matches!(
        PcaParams::new(Components::Variance(0.5))
            .solver(PcaSolver::Randomized)
            .check(),
        Err(Error::RandomizedNeedsCount { .. })
    ));
}

#[test]
fn fewer_than_two_classes() {
    let y = Array1::<usize>::from_elem(6, 3);
    let err = LdaParams::default().fit(&data(6, 3), &y).unwrap_err();
    assert!(
        matches!(err, Error::TooFewClasses { n_classes: 1 }),
        "{err}"
    );
}

#[test]
fn as_many_samples_as_classes() {
    let err = LdaParams::default()
        .fit(&data(3, 3), &array![0usize, 1, 2])
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooFewSamples {
                n_samples: 3,
                n_classes: 3
            }
        ),
        "{err}"
    );
}

#[test]
fn mismatched_label_length() {
    let err = LdaParams::default()
        .fit(&data(6, 3), &array![0usize, 1, 0, 1])
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::LabelCountMismatch {
                n_samples: 6,
                n_labels: 4
            }
        ),
        "{err}"
    );
}

#[test]
fn too_many_lda_components() {
    let y = array![0usize, 0, 1, 1, 2, 2, 0, 1];
    let err = LdaParams::default()
        .n_components(Some(3))
        .fit(&data(8, 5), &y)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooManyComponents {
                requested: 3,
                max: 2,
                ..
            }
        ),
        "{err}"
    );
    let err = LdaParams::default()
        .n_components(Some(2))
        .fit(&data(8, 1), &y)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooManyComponents {
                requested: 2,
                max: 1,
                ..
            }
        ),
        "{err}"
    );
    assert!(matches!(
        LdaParams::default().n_components(Some(0)).check(),
        Err(Error::ZeroComponents)
    ));
}

#[test]
fn bad_priors() {
    let y = array![0usize, 0, 1, 1, 0, 1];
    let x = data(6, 2);
    let err = LdaParams::default()
        .priors(Some(vec![0.5, 0.3, 0.2]))
        .fit(&x, &y)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::PriorCountMismatch {
                n_classes: 2,
                got: 3
            }
        ),
        "{err}"
    );
    let err = LdaParams::default()
        .priors(Some(vec![1.2, -0.2]))
        .fit(&x, &y)
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPrior { index: 1, .. }), "{err}");
    let err = LdaParams::default()
        .priors(Some(vec![0.0, 0.0]))
        .check()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPrior { .. }), "{err}");
    assert!(matches!(
        LdaParams::default().tol(-1.0).check(),
        Err(Error::Core(_))
    ));
}

#[test]
fn constant_within_class_features() {
    // Every feature constant inside each class: no within-class scatter at all.
    let x = array![[0.0, 1.0], [0.0, 1.0], [2.0, 3.0], [2.0, 3.0]];
    let err = LdaParams::default()
        .fit(&x, &array![0usize, 0, 1, 1])
        .unwrap_err();
    assert!(matches!(err, Error::DegenerateScatter), "{err}");
}

#[test]
fn wrong_feature_count_after_fit() {
    let x = data(8, 4);
    let y = array![0usize, 0, 1, 1, 2, 2, 0, 1];
    let other = data(3, 5);
    let s = StandardScalerParams::default().fit(&x, &()).unwrap();
    assert!(matches!(
        s.transform(&other),
        Err(Error::FeatureCountMismatch {
            expected: 4,
            got: 5
        })
    ));
    assert!(matches!(
        s.inverse_transform(&other),
        Err(Error::FeatureCountMismatch { .. })
    ));
    let pca = PcaParams::new(Components::Count(2)).fit(&x, &()).unwrap();
    assert!(matches!(
        pca.transform(&other),
        Err(Error::FeatureCountMismatch { .. })
    ));
    assert!(matches!(
        pca.inverse_transform(&data(3, 3)),
        Err(Error::FeatureCountMismatch {
            expected: 2,
            got: 3
        })
    ));
    let lda = LdaParams::default().fit(&x, &y).unwrap();
    assert!(matches!(
        lda.transform(&other),
        Err(Error::FeatureCountMismatch { .. })
    ));
    assert!(matches!(
        lda.decision_function(&other),
        Err(Error::FeatureCountMismatch { .. })
    ));
    assert!(matches!(
        lda.predict_proba(&other),
        Err(Error::FeatureCountMismatch { .. })
    ));
    assert!(matches!(
        lda.predict(&other),
        Err(Error::FeatureCountMismatch { .. })
    ));
}
