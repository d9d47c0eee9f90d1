//! Scaler, PCA and LDA against scikit-learn 1.9.1 (fixtures from `fixtures/gen_reduce.py`), each
//! on the `f64` data and again on the data rounded to `f32` (sigfeat computes in `f64` either
//! way; the `f32` run is held to `f32` tolerances, since its input differs from sklearn's by the
//! rounding, about `6e-8` relative).

use dsp_core::{Fit, Float, Predict, Transform};
use ndarray::{Array, Array1, Array2, Dimension};
use ndarray_npy::read_npy;
use reduce::{Components, LdaParams, PcaParams, PcaSolver, StandardScalerParams};

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
            lda.explained_variance_ratio(),
            &load1(&format!("{pre}_explained_variance_ratio")),
            RTOL,
            ATOL,
        );
        close_up_to_column_sign::<F, _>(
            &pre,
            lda.scalings(),
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
