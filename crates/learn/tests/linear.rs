//! Ridge, logistic regression and SVMs against scikit-learn fixtures.
mod common;

use common::*;
use learn::{Classifier, Error, Model, RidgeClassifierCvParams, ValidationOptions, leave_one_out};
use ndarray::array;

fn loo_labels<C: Classifier<f64>>(clf: &C, s: &Set) -> Vec<usize> {
    leave_one_out(clf, s.x.view(), &s.y, ValidationOptions::default())
        .unwrap()
        .predictions
        .iter()
        .map(|p| p.unwrap())
        .collect()
}

#[test]
fn ridge_cv_equals_sklearn() {
    for name in SETS {
        let s = set(name);
        let m = RidgeClassifierCvParams::default()
            .fit(s.x.view(), &s.y)
            .unwrap();
        assert_eq!(
            m.alpha(),
            vecf(&format!("{name}_ridge_alpha"))[0],
            "{name} alpha"
        );
        let want = mat(&format!("{name}_ridge_coef"));
        let got = m.coef();
        let got = if want.nrows() == 1 {
            got.select(ndarray::Axis(0), &[1])
        } else {
            got.to_owned()
        };
        assert_close(name, &flat(&got), &flat(&want), 1e-9, 1e-11);
        let wi = vecf(&format!("{name}_ridge_intercept"));
        let gi = m.intercept().to_vec();
        let gi = if wi.len() == 1 { gi[1..].to_vec() } else { gi };
        assert_close(name, &gi, wi.as_slice().unwrap(), 1e-9, 1e-11);
        let p = m.predict(s.xt.view()).unwrap();
        assert_eq!(p.to_vec(), labels(&format!("{name}_ridge_pred")), "{name}");
        assert_eq!(
            loo_labels(&RidgeClassifierCvParams::default(), &s),
            labels(&format!("{name}_ridge_loo")),
            "{name} loo"
        );
    }
}

#[test]
fn ridge_errors() {
    let x = array![[1.0, 0.0], [-1.0, 0.0], [0.0, 5.0]];
    assert!(matches!(
        RidgeClassifierCvParams::new(&[1.0, -2.0]).fit(x.view(), &[1, 2, 2]),
        Err(Error::InvalidParameter { name: "alpha", .. })
    ));
    assert!(matches!(
        RidgeClassifierCvParams::new(&[]).fit(x.view(), &[1, 2, 2]),
        Err(Error::InvalidParameter { name: "alphas", .. })
    ));
}
