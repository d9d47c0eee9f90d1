//! Scaler, PCA and LDA against scikit-learn 1.9.1 (fixtures from `fixtures/gen_reduce.py`), each
//! on the `f64` data and again on the data rounded to `f32` (sigfeat computes in `f64` either
//! way; the `f32` run is held to `f32` tolerances, since its input differs from sklearn's by the
//! rounding, about `6e-8` relative).

use dsp_core::{Fit, Float, Predict, Transform};
use ndarray::{Array, Array1, Array2, Dimension};
use ndarray_npy::read_npy;
use reduce::{
    Components, LdaParams, LdaSolver, PcaParams, PcaSolver, Shrinkage, StandardScalerParams,
};

fn path(name: &str) -> String {
    format!(
        "{}/tests/fixtures/reduce/{name}.npy",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn load2(name: &str) -> Array2<f64> {
    read_npy(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn load1(name: &str) -> Array1<f64> {
    read_npy(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn labels(name: &str) -> Array1<usize> {
    let y: Array1<i64> = read_npy(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    y.mapv(|v| usize::try_from(v).expect("labels are non-negative"))
}

fn exists(name: &str) -> bool {
    std::path::Path::new(&path(name)).exists()
}

/// The fixture data in precision `F`.
fn cast<F: Float>(x: Array2<f64>) -> Array2<F> {
    x.mapv(F::of)
}

/// The tolerances for input precision `F`: as given for `f64`, floored at `f32`'s for `f32`.
fn tol<F: Float>(rtol: f64, atol: f64) -> (f64, f64) {
    if std::mem::size_of::<F>() == 4 {
        (rtol.max(2e-4), atol.max(2e-5))
    } else {
        (rtol, atol)
    }
}

/// `|got - want| <= rtol |want| + atol` elementwise, same shape (tolerances for input
/// precision `P`, see [`tol`]).
fn close<P: Float, G: Float, D: Dimension>(
    what: &str,
    got: &Array<G, D>,
    want: &Array<f64, D>,
    rtol: f64,
    atol: f64,
) {
    let (rtol, atol) = tol::<P>(rtol, atol);
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        let g = g.to_f64_lossless();
        assert!(
            (g - w).abs() <= rtol * w.abs() + atol,
            "{what}[{i}]: got {g}, want {w} (diff {})",
            (g - w).abs()
        );
    }
}

/// Same as [`close`] after flipping each column of `got` to match the sign of `want`'s
/// largest-magnitude entry in that column.
fn close_up_to_column_sign<P: Float, G: Float>(
    what: &str,
    got: &Array2<G>,
    want: &Array2<f64>,
    rtol: f64,
    atol: f64,
) {
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    let mut flipped = got.mapv(G::to_f64_lossless);
    for (mut g, w) in flipped.columns_mut().into_iter().zip(want.columns()) {
        let i = w
            .iter()
            .enumerate()
            .fold(0, |b, (i, v)| if v.abs() > w[b].abs() { i } else { b });
        if g[i] * w[i] < 0.0 {
            g.mapv_inplace(|v| -v);
        }
    }
    close::<P, f64, _>(what, &flipped, want, rtol, atol);
}

const RTOL: f64 = 1e-10;
const ATOL: f64 = 1e-11;

#[test]
fn scaler_matches_sklearn_f64() {
    scaler_matches_sklearn_in::<f64>();
}

#[test]
fn scaler_matches_sklearn_f32() {
    scaler_matches_sklearn_in::<f32>();
}

fn scaler_matches_sklearn_in<F: Float>() {
    for case in ["tall", "const"] {
        let x = cast::<F>(load2(&format!("{case}_x")));
        for (variant, params) in [
            ("default", StandardScalerParams::default()),
            ("nomean", StandardScalerParams::default().with_mean(false)),
            ("nostd", StandardScalerParams::default().with_std(false)),
        ] {
            let pre = format!("scaler_{case}_{variant}");
            let s = params.fit(&x, &()).unwrap();
            close::<F, _, _>(
                &pre,
                &s.mean().clone(),
                &load1(&format!("{pre}_mean")),
                1e-12,
                1e-14,
            );
            match s.scale() {
                Some(scale) => {
                    close::<F, _, _>(&pre, scale, &load1(&format!("{pre}_scale")), 1e-12, 0.0);
                    close::<F, _, _>(
                        &pre,
                        s.var().unwrap(),
                        &load1(&format!("{pre}_var")),
                        1e-12,
                        1e-14,
                    );
                }
                None => assert!(!exists(&format!("{pre}_scale"))),
            }
            let t = s.transform(&x).unwrap();
            close::<F, _, _>(&pre, &t, &load2(&format!("{pre}_transform")), 1e-12, 1e-13);
        }
    }
    // The constant column is scaled by exactly 1 (sklearn's zero-variance rule).
    let s = StandardScalerParams::default()
        .fit(&cast::<F>(load2("const_x")), &())
        .unwrap();
    assert_eq!(s.scale().unwrap()[3], 1.0);
}

#[test]
fn pca_matches_sklearn_with_signs_f64() {
    pca_matches_sklearn_with_signs_in::<f64>();
}

#[test]
fn pca_matches_sklearn_with_signs_f32() {
    pca_matches_sklearn_with_signs_in::<f32>();
}

fn pca_matches_sklearn_with_signs_in<F: Float>() {
    let cases = [
        ("tall", "full_k5", Components::Count(5), PcaSolver::Full),
        (
            "tall",
            "cov_k5",
            Components::Count(5),
            PcaSolver::CovarianceEigh,
        ),
        (
            "tall",
            "full_v0.8",
            Components::Variance(0.8),
            PcaSolver::Full,
        ),
        ("tall", "full_all", Components::All, PcaSolver::Full),
        ("wide", "full_k5", Components::Count(5), PcaSolver::Full),
        (
            "wide",
            "full_v0.8",
            Components::Variance(0.8),
            PcaSolver::Full,
        ),
        ("wide", "full_all", Components::All, PcaSolver::Full),
        // Auto picks Full for these small inputs (max dimension <= 500), as sklearn.
        ("tall", "full_k5", Components::Count(5), PcaSolver::Auto),
        // The covariance solver agrees with sklearn's full SVD on well-conditioned data.
        (
            "tall",
            "full_k5",
            Components::Count(5),
            PcaSolver::CovarianceEigh,
        ),
    ];
    for (case, tag, comps, solver) in cases {
        let x = cast::<F>(load2(&format!("{case}_x")));
        let pre = format!("pca_{case}_{tag}");
        let what = format!("{pre} {solver:?}");
        for whiten in [false, true] {
            let pca = PcaParams::new(comps)
                .solver(solver)
                .whiten(whiten)
                .fit(&x, &())
                .unwrap();
            let n: Array1<i64> = read_npy(path(&format!("{pre}_n_components"))).unwrap();
            assert_eq!(pca.n_components() as i64, n[0], "{what}");
            // Components of (numerically) zero variance span the data's null space: any
            // orthonormal basis of it is right, so only the others are compared.
            let sv = pca.singular_values();
            let live = sv.iter().filter(|&&s| s > 1e-8 * sv[0]).count();
            let rows = |a: &Array2<f64>| {
                a.slice_axis(ndarray::Axis(0), ndarray::Slice::from(..live))
                    .to_owned()
            };
            close::<F, _, _>(
                &what,
                &rows(pca.components()),
                &rows(&load2(&format!("{pre}_components"))),
                RTOL,
                ATOL,
            );
            close::<F, _, _>(
                &what,
                pca.explained_variance(),
                &load1(&format!("{pre}_explained_variance")),
                RTOL,
                ATOL,
            );
            close::<F, _, _>(
                &what,
                pca.explained_variance_ratio(),
                &load1(&format!("{pre}_explained_variance_ratio")),
                RTOL,
                ATOL,
            );
            close::<F, _, _>(
                &what,
                pca.singular_values(),
                &load1(&format!("{pre}_singular_values")),
                RTOL,
                ATOL,
            );
            close::<F, _, _>(
                &what,
                pca.mean(),
                &load1(&format!("{pre}_mean")),
                1e-12,
                1e-14,
            );
            let noise = load1(&format!("{pre}_noise_variance"))[0];
            let (rt, at) = tol::<F>(RTOL, ATOL);
            assert!(
                (pca.noise_variance() - noise).abs() <= rt * noise.abs() + at,
                "{what}: noise {} vs {noise}",
                pca.noise_variance()
            );
            let t = pca.transform(&x).unwrap();
            let want = if whiten {
                "transform_whiten"
            } else {
                "transform"
            };
            let cols = |a: &Array2<f64>| {
                a.slice_axis(ndarray::Axis(1), ndarray::Slice::from(..live))
                    .to_owned()
            };
            close::<F, _, _>(
                &what,
                &cols(&t.mapv(F::to_f64_lossless)),
                &cols(&load2(&format!("{pre}_{want}"))),
                RTOL,
                ATOL,
            );
        }
    }
}

#[test]
fn lda_matches_sklearn_f64() {
    lda_matches_sklearn_in::<f64>();
}

#[test]
fn lda_matches_sklearn_f32() {
    lda_matches_sklearn_in::<f32>();
}

fn lda_matches_sklearn_in<F: Float>() {
    let cases: Vec<(&str, &str, LdaParams)> = vec![
        ("tall", "default", LdaParams::default()),
        ("wide", "default", LdaParams::default()),
        ("iris", "default", LdaParams::default()),
        ("binary", "default", LdaParams::default()),
        (
            "tall",
            "priors",
            LdaParams::default().priors(Some(vec![0.1, 0.2, 0.3, 0.4])),
        ),
        ("tall", "k2", LdaParams::default().n_components(Some(2))),
    ];
    for (case, tag, params) in cases {
        let x = cast::<F>(load2(&format!("{case}_x")));
        let y = labels(&format!("{case}_y"));
        let xt = cast::<F>(load2(&format!("{case}_xtest")));
        let pre = format!("lda_{case}_{tag}");
        let lda = params.fit(&x, &y).unwrap();
        close::<F, _, _>(
            &pre,
            lda.priors(),
            &load1(&format!("{pre}_priors")),
            1e-14,
            0.0,
        );
        close::<F, _, _>(
            &pre,
            lda.means(),
            &load2(&format!("{pre}_means")),
            1e-12,
            1e-14,
        );
        close::<F, _, _>(
            &pre,
            lda.xbar(),
            &load1(&format!("{pre}_xbar")),
            1e-12,
            1e-14,
        );
        close::<F, _, _>(
            &pre,
            lda.explained_variance_ratio().unwrap(),
            &load1(&format!("{pre}_explained_variance_ratio")),
            RTOL,
            ATOL,
        );
        close_up_to_column_sign::<F, _>(
            &pre,
            lda.scalings().unwrap(),
            &load2(&format!("{pre}_scalings")),
            RTOL,
            ATOL,
        );
        close::<F, _, _>(&pre, lda.coef(), &load2(&format!("{pre}_coef")), RTOL, ATOL);
        close::<F, _, _>(
            &pre,
            lda.intercept(),
            &load1(&format!("{pre}_intercept")),
            RTOL,
            ATOL,
        );
        for (suffix, data) in [("", &x), ("_test", &xt)] {
            let what = format!("{pre}{suffix}");
            close_up_to_column_sign::<F, _>(
                &what,
                &lda.transform(data).unwrap(),
                &load2(&format!("{pre}_transform{suffix}")),
                RTOL,
                ATOL,
            );
            let d = lda.decision_function(data).unwrap();
            if case == "binary" {
                let want: Array1<f64> = read_npy(path(&format!("{pre}_decision{suffix}"))).unwrap();
                close::<F, _, _>(&what, &d.column(0).to_owned(), &want, RTOL, ATOL);
            } else {
                close::<F, _, _>(
                    &what,
                    &d,
                    &load2(&format!("{pre}_decision{suffix}")),
                    RTOL,
                    ATOL,
                );
            }
            close::<F, _, _>(
                &what,
                &lda.predict_proba(data).unwrap(),
                &load2(&format!("{pre}_proba{suffix}")),
                1e-10,
                1e-12,
            );
        }
        let want = labels(&format!("{pre}_predict_test"));
        assert_eq!(lda.predict(&xt).unwrap(), want, "{pre}");
    }
}

/// `max |got - want| / max |want|` over an attribute (0 for an all-zero `want`).
fn max_rel_diff<G: Float, D: Dimension>(got: &Array<G, D>, want: &Array<f64, D>) -> f64 {
    let scale = want.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let diff = got
        .iter()
        .zip(want.iter())
        .fold(0.0_f64, |m, (g, w)| m.max((g.to_f64_lossless() - w).abs()));
    if scale == 0.0 { diff } else { diff / scale }
}

/// Flips each column of `got` to the sign of `want`'s largest-magnitude entry in that column.
fn match_column_signs(got: &Array2<f64>, want: &Array2<f64>) -> Array2<f64> {
    let mut flipped = got.clone();
    for (mut g, w) in flipped.columns_mut().into_iter().zip(want.columns()) {
        let i = w
            .iter()
            .enumerate()
            .fold(0, |b, (i, v)| if v.abs() > w[b].abs() { i } else { b });
        if g[i] * w[i] < 0.0 {
            g.mapv_inplace(|v| -v);
        }
    }
    flipped
}

/// The lsqr/eigen cases of `gen_reduce.py`: `(case, tag, params)`.
fn covariance_solver_cases() -> Vec<(&'static str, String, LdaParams)> {
    let mut out = Vec::new();
    let shrinks = [
        ("none", Shrinkage::None),
        ("auto", Shrinkage::Auto),
        ("s0.3", Shrinkage::Fixed(0.3)),
    ];
    for (case, suffix, priors) in [
        ("tall", "", None),
        ("wide", "", None),
        ("iris", "", None),
        ("binary", "", None),
        ("overfit", "", None),
        ("tall", "_priors", Some(vec![0.1, 0.2, 0.3, 0.4])),
    ] {
        for (sname, solver) in [("lsqr", LdaSolver::Lsqr), ("eigen", LdaSolver::Eigen)] {
            for (stag, shrinkage) in shrinks {
                let tag = format!("{sname}_{stag}{suffix}");
                let params = LdaParams::default()
                    .solver(solver)
                    .shrinkage(shrinkage)
                    .priors(priors.clone());
                out.push((case, tag, params));
            }
        }
    }
    out
}

#[test]
fn lda_lsqr_and_eigen_match_sklearn_f64() {
    lda_lsqr_and_eigen_match_sklearn_in::<f64>();
}

#[test]
fn lda_lsqr_and_eigen_match_sklearn_f32() {
    lda_lsqr_and_eigen_match_sklearn_in::<f32>();
}

/// Every lsqr/eigen fixture, attribute by attribute; prints the largest relative difference
/// (`max |got - want| / max |want|`) of each attribute over all cases (`--nocapture`).
fn lda_lsqr_and_eigen_match_sklearn_in<F: Float>() {
    let mut worst: std::collections::BTreeMap<&str, (f64, String)> = Default::default();
    let mut note = |attr: &'static str, pre: &str, d: f64| {
        let e = worst.entry(attr).or_insert((0.0, String::new()));
        if d > e.0 {
            *e = (d, pre.to_string());
        }
    };
    let mut checked = 0;
    for (case, tag, params) in covariance_solver_cases() {
        let pre = format!("lda_{case}_{tag}");
        let x = cast::<F>(load2(&format!("{case}_x")));
        let y = labels(&format!("{case}_y"));
        let xt = cast::<F>(load2(&format!("{case}_xtest")));
        if pre == "lda_overfit_lsqr_none" {
            // sklearn's answer there is rounding noise (see gen_reduce.py); tested in
            // tests/lda_shrinkage.rs.
            continue;
        }
        if !exists(&format!("{pre}_coef")) {
            // sklearn raised LinAlgError (eigen on a singular within-class covariance); so do we.
            assert!(
                matches!(
                    params.fit(&x, &y),
                    Err(reduce::Error::NotPositiveDefinite { .. })
                ),
                "{pre}: expected a singular covariance"
            );
            continue;
        }
        checked += 1;
        let lda = params.fit(&x, &y).unwrap_or_else(|e| panic!("{pre}: {e}"));
        let is_eigen = lda.solver() == LdaSolver::Eigen;
        let binary = lda.classes().len() == 2;
        let cov = lda.covariance().expect("lsqr/eigen keep the covariance");
        let want_cov = load2(&format!("{pre}_covariance"));
        note("covariance", &pre, max_rel_diff(cov, &want_cov));
        close::<F, _, _>(&pre, cov, &want_cov, 1e-12, 1e-14);
        let want_means = load2(&format!("{pre}_means"));
        note("means", &pre, max_rel_diff(lda.means(), &want_means));
        close::<F, _, _>(&pre, lda.means(), &want_means, 1e-12, 1e-14);
        let want_priors = load1(&format!("{pre}_priors"));
        note("priors", &pre, max_rel_diff(lda.priors(), &want_priors));
        close::<F, _, _>(&pre, lda.priors(), &want_priors, 1e-14, 0.0);

        // The singular-covariance lsqr fits (a minimum-norm solve) and the least-conditioned
        // shrunk ones lose a few more digits to rounding in either library.
        let want_coef = load2(&format!("{pre}_coef"));
        let scale = want_coef.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        note("coef", &pre, max_rel_diff(lda.coef(), &want_coef));
        close::<F, _, _>(&pre, lda.coef(), &want_coef, RTOL, 1e-10 * scale);
        let want_icpt = load1(&format!("{pre}_intercept"));
        note("intercept", &pre, max_rel_diff(lda.intercept(), &want_icpt));
        close::<F, _, _>(&pre, lda.intercept(), &want_icpt, RTOL, 1e-9);

        for (suffix, data) in [("", &x), ("_test", &xt)] {
            let what = format!("{pre}{suffix}");
            let d = lda.decision_function(data).unwrap();
            let want_d = if binary {
                let w: Array1<f64> = read_npy(path(&format!("{pre}_decision{suffix}"))).unwrap();
                w.insert_axis(ndarray::Axis(1))
            } else {
                load2(&format!("{pre}_decision{suffix}"))
            };
            note("decision", &what, max_rel_diff(&d, &want_d));
            close::<F, _, _>(&what, &d, &want_d, RTOL, 1e-9);
            let p = lda.predict_proba(data).unwrap();
            let want_p = load2(&format!("{pre}_proba{suffix}"));
            note("predict_proba", &what, max_rel_diff(&p, &want_p));
            close::<F, _, _>(&what, &p, &want_p, 1e-10, 1e-12);
        }
        assert_eq!(
            lda.predict(&xt).unwrap(),
            labels(&format!("{pre}_predict_test")),
            "{pre}"
        );

        if is_eigen {
            let n = lda.n_components();
            let want_ratio = load1(&format!("{pre}_explained_variance_ratio"));
            let ratio = lda.explained_variance_ratio().unwrap();
            note(
                "explained_variance_ratio",
                &pre,
                max_rel_diff(ratio, &want_ratio),
            );
            close::<F, _, _>(&pre, ratio, &want_ratio, RTOL, ATOL);
            // Only the first n_classes - 1 directions are determined (the rest span a repeated
            // zero eigenvalue); compare those, up to sign.
            let cols = |a: &Array2<f64>| {
                a.slice_axis(ndarray::Axis(1), ndarray::Slice::from(..n))
                    .to_owned()
            };
            let want_s = cols(&load2(&format!("{pre}_scalings")));
            let s = match_column_signs(&cols(lda.scalings().unwrap()), &want_s);
            note("scalings", &pre, max_rel_diff(&s, &want_s));
            close::<F, _, _>(
                &pre,
                &s,
                &want_s,
                RTOL,
                1e-10 * want_s.iter().fold(0.0_f64, |m, v| m.max(v.abs())),
            );
            for (suffix, data) in [("", &x), ("_test", &xt)] {
                let what = format!("{pre}{suffix}");
                let want_t = load2(&format!("{pre}_transform{suffix}"));
                let t = match_column_signs(
                    &lda.transform(data).unwrap().mapv(F::to_f64_lossless),
                    &want_t,
                );
                note("transform", &what, max_rel_diff(&t, &want_t));
                close::<F, _, _>(
                    &what,
                    &t,
                    &want_t,
                    RTOL,
                    1e-10 * want_t.iter().fold(0.0_f64, |m, v| m.max(v.abs())),
                );
            }
        } else {
            assert!(lda.scalings().is_none() && lda.explained_variance_ratio().is_none());
            assert!(matches!(
                lda.transform(&x),
                Err(reduce::Error::TransformNotSupported { solver: "lsqr" })
            ));
        }
    }
    assert_eq!(checked, 33, "fixture cases checked");
    eprintln!(
        "lsqr/eigen vs sklearn, {} input: max |got - want| / max |want|",
        std::any::type_name::<F>()
    );
    for (attr, (d, pre)) in &worst {
        eprintln!("  {attr:<26} {d:.2e}  ({pre})");
    }
}
