//! LDA's lsqr and eigen solvers with shrinkage beyond the sklearn fixtures: the over-fit case
//! (fewer samples than it takes for a nonsingular covariance, as UCR Coffee's 28 series of 27
//! features) and the parameter errors.

use dsp_core::{Fit, ParamGuard, Predict, Transform};
use ndarray::{Array1, Array2, Axis};
use ndarray_npy::read_npy;
use reduce::linalg::sym_eigh;
use reduce::{Error, LdaParams, LdaSolver, Shrinkage};

fn fixture<T: ndarray_npy::ReadableElement, D: ndarray::Dimension>(
    name: &str,
) -> ndarray::Array<T, D> {
    let path = format!(
        "{}/tests/fixtures/reduce/{name}.npy",
        env!("CARGO_MANIFEST_DIR")
    );
    read_npy(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The 28 x 27 two-class set of `gen_reduce.py`'s `overfit_dataset()`.
fn overfit() -> (Array2<f64>, Array1<usize>) {
    let x: Array2<f64> = fixture("overfit_x");
    let y: Array1<i64> = fixture("overfit_y");
    (
        x,
        y.mapv(|v| usize::try_from(v).expect("labels are non-negative")),
    )
}

/// Smallest over largest eigenvalue of a symmetric matrix.
fn eigen_ratio(c: &Array2<f64>) -> f64 {
    let (w, _) = sym_eigh(c.view()).unwrap();
    w[0] / w[w.len() - 1]
}

#[test]
fn shrinkage_auto_makes_the_over_fit_case_well_defined() {
    let (x, y) = overfit();
    assert_eq!(x.dim(), (28, 27));
    let eigen = LdaParams::default().solver(LdaSolver::Eigen);
    let lsqr = LdaParams::default().solver(LdaSolver::Lsqr);

    // Without shrinkage the within-class covariance has rank 28 - 2 = 26 of 27: the eigen
    // solver refuses it (sklearn raises LinAlgError), and its smallest eigenvalue is rounding
    // noise.
    match eigen.clone().fit(&x, &y) {
        Err(Error::NotPositiveDefinite { what }) => assert!(what.contains("shrinkage")),
        other => panic!("expected a singular covariance, got {other:?}"),
    }
    let plain = lsqr.clone().fit(&x, &y).unwrap();
    let cov = plain.covariance().unwrap();
    assert!(eigen_ratio(cov).abs() < 1e-14, "{}", eigen_ratio(cov));
    // lsqr still answers: the minimum-norm solution, with no component along the null vector
    // (sklearn's lstsq keeps that noise direction here and returns coefficients up to 2e13).
    let (w, v) = sym_eigh(cov.view()).unwrap();
    assert!(w[0].abs() < 1e-14 * w[26]);
    let null = v.column(0);
    let coef = plain.coef().row(0).to_owned();
    let norm = coef.dot(&coef).sqrt();
    assert!(norm.is_finite() && norm < 1e6, "|coef| = {norm}");
    assert!(coef.dot(&null).abs() < 1e-8 * norm);

    // Ledoit-Wolf shrinkage: a well-conditioned covariance, and both solvers give the same
    // classifier (coef = means Sw^-1 either way).
    let auto_eigen = eigen.shrinkage(Shrinkage::Auto).fit(&x, &y).unwrap();
    let auto_lsqr = lsqr.shrinkage(Shrinkage::Auto).fit(&x, &y).unwrap();
    let shrunk = auto_eigen.covariance().unwrap();
    assert_eq!(shrunk, auto_lsqr.covariance().unwrap());
    let ratio = eigen_ratio(shrunk);
    assert!(ratio > 1e-3, "smallest / largest eigenvalue {ratio}");
    let scale = auto_lsqr.coef().iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    for (a, b) in auto_eigen.coef().iter().zip(auto_lsqr.coef()) {
        assert!((a - b).abs() < 1e-10 * scale, "{a} vs {b}");
    }
    assert!((auto_eigen.intercept()[0] - auto_lsqr.intercept()[0]).abs() < 1e-9);
    let xt: Array2<f64> = fixture("overfit_xtest");
    assert_eq!(
        auto_eigen.predict(&xt).unwrap(),
        auto_lsqr.predict(&xt).unwrap()
    );
    // The eigen model projects to one direction; lsqr has no projection.
    assert_eq!(auto_eigen.transform(&xt).unwrap().dim(), (7, 1));
    assert!(matches!(
        auto_lsqr.transform(&xt),
        Err(Error::TransformNotSupported { solver: "lsqr" })
    ));
}

#[test]
fn fixed_shrinkage_ends() {
    let (x, y) = overfit();
    let fit = |s| {
        LdaParams::default()
            .solver(LdaSolver::Lsqr)
            .shrinkage(s)
            .fit(&x, &y)
            .unwrap()
    };
    // 0: the empirical covariance; 1: its mean variance times the identity.
    let none = fit(Shrinkage::None);
    let zero = fit(Shrinkage::Fixed(0.0));
    assert_eq!(none.covariance(), zero.covariance());
    let one = fit(Shrinkage::Fixed(1.0));
    let c = one.covariance().unwrap();
    let mu = none.covariance().unwrap().diag().sum() / 27.0;
    for ((i, j), &v) in c.indexed_iter() {
        let want = if i == j { mu } else { 0.0 };
        assert!((v - want).abs() < 1e-14 * mu, "[{i}, {j}] {v} vs {want}");
    }
    // With an isotropic covariance, coef is the class-mean difference over mu.
    let means = one.means();
    let want = (&means.row(1) - &means.row(0)) / mu;
    for (a, b) in one.coef().index_axis(Axis(0), 0).iter().zip(&want) {
        assert!((a - b).abs() < 1e-12 * want.iter().fold(0.0_f64, |m, v| m.max(v.abs())));
    }
}

#[test]
fn shrinkage_parameters_are_checked() {
    for s in [-0.1, 1.0 + 1e-12, f64::NAN, f64::INFINITY] {
        let p = LdaParams::default()
            .solver(LdaSolver::Eigen)
            .shrinkage(Shrinkage::Fixed(s));
        match p.check() {
            Err(Error::InvalidShrinkage { shrinkage }) => {
                assert!(shrinkage.is_nan() && s.is_nan() || shrinkage == s);
            }
            other => panic!("{s}: {other:?}"),
        }
    }
    // Any shrinkage with the svd solver, even 0 (sklearn raises NotImplementedError).
    for s in [
        Shrinkage::Auto,
        Shrinkage::Fixed(0.0),
        Shrinkage::Fixed(0.5),
    ] {
        assert!(matches!(
            LdaParams::default().shrinkage(s).check(),
            Err(Error::ShrinkageWithSvd)
        ));
    }
    for solver in [LdaSolver::Lsqr, LdaSolver::Eigen] {
        for s in [
            Shrinkage::Auto,
            Shrinkage::Fixed(0.0),
            Shrinkage::Fixed(1.0),
        ] {
            assert!(
                LdaParams::default()
                    .solver(solver)
                    .shrinkage(s)
                    .check()
                    .is_ok()
            );
        }
    }
    // The svd solver has no covariance; the others keep sklearn's covariance_.
    let (x, y) = overfit();
    let svd = LdaParams::default().fit(&x, &y).unwrap();
    assert_eq!(svd.solver(), LdaSolver::Svd);
    assert!(svd.covariance().is_none() && svd.scalings().is_some());
}
