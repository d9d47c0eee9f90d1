//! k-means and the diagonal mixture against scikit-learn 1.9.1, the encodings against numpy
//! implementations of their published definitions (VLFeat's `vl_vlad_encode` and
//! `vl_fisher_encode`, van Gemert's kernel codebook). Fixtures from `fixtures/gen_bovw.py`.

use bovw::{
    Encoder, Fisher, Gmm, GmmParams, HistNorm, Histogram, KMeansAlgorithm, KMeansInit,
    KMeansParams, SoftAssignment, Vlad, VladFlags, Vocabulary,
};
use dsp_core::{Fit, Float, Predict};
use ndarray::{Array, Array1, Array2, Dimension};
use ndarray_npy::{ReadableElement, read_npy};

fn load<T: ReadableElement, D: Dimension>(name: &str) -> Array<T, D> {
    let p = format!(
        "{}/tests/fixtures/bovw/{name}.npy",
        env!("CARGO_MANIFEST_DIR")
    );
    read_npy(&p).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn load1(name: &str) -> Array1<f64> {
    load(name)
}

fn load2(name: &str) -> Array2<f64> {
    load(name)
}

fn int1(name: &str) -> Vec<usize> {
    let v: Array1<i64> = load(name);
    v.iter()
        .map(|&x| usize::try_from(x).expect("non-negative"))
        .collect()
}

/// `|got - want| <= rtol |want| + atol` elementwise, same shape.
fn close<G: Float, D: Dimension>(
    what: &str,
    got: &Array<G, D>,
    want: &Array<f64, D>,
    rtol: f64,
    atol: f64,
) {
    assert_eq!(got.shape(), want.shape(), "{what}: shape");
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        let g = g.to_f64_lossless();
        assert!(
            (g - w).abs() <= rtol * w.abs() + atol,
            "{what}[{i}]: got {g}, want {w} (diff {:e})",
            (g - w).abs()
        );
    }
}

fn kmeans_case<F: Float + ReadableElement>(case: &str, max_iter: usize, tol: f64, rtol: f64) {
    let x: Array2<F> = load(&format!("km_{case}_x"));
    let init: Array2<F> = load(&format!("km_{case}_init"));
    for (alg, name) in [
        (KMeansAlgorithm::Lloyd, "lloyd"),
        (KMeansAlgorithm::Elkan, "elkan"),
    ] {
        let tag = format!("km_{case}_{name}");
        let km = KMeansParams::new(init.nrows())
            .init(KMeansInit::Centers(init.clone()))
            .max_iter(max_iter)
            .tol(tol)
            .algorithm(alg)
            .fit(&x, &())
            .unwrap();
        assert_eq!(
            km.labels().to_vec(),
            int1(&format!("{tag}_labels")),
            "{tag} labels"
        );
        assert_eq!(
            km.n_iter(),
            int1(&format!("{tag}_n_iter"))[0],
            "{tag} n_iter"
        );
        let want: Array2<F> = load(&format!("{tag}_centers"));
        close(
            &format!("{tag} centres"),
            &km.centers().to_owned(),
            &want.mapv(|v| v.to_f64_lossless()),
            rtol,
            rtol,
        );
        let inertia = load1(&format!("{tag}_inertia"))[0];
        let got = km.inertia().to_f64_lossless();
        assert!(
            (got - inertia).abs() <= rtol * inertia,
            "{tag} inertia {got} vs {inertia}"
        );
        assert_eq!(
            km.predict(&x).unwrap(),
            km.labels(),
            "{tag} predict = labels"
        );
    }
}

#[test]
fn kmeans_blobs_f64() {
    kmeans_case::<f64>("blobs", 300, 1e-4, 1e-10);
}

#[test]
fn kmeans_f32() {
    kmeans_case::<f32>("f32", 300, 1e-4, 2e-5);
}

#[test]
fn kmeans_empty_cluster_relocated() {
    kmeans_case::<f64>("empty", 300, 1e-4, 1e-10);
}

#[test]
fn kmeans_stopped_by_max_iter() {
    kmeans_case::<f64>("short", 2, 1e-4, 1e-10);
}

#[test]
fn kmeans_tol_zero() {
    kmeans_case::<f64>("tol0", 300, 0.0, 1e-10);
}

fn gmm_case(tag: &str, max_iter: usize, tol: f64, reg: f64) {
    let x = load2("gmm_x");
    let xtest = load2("gmm_xtest");
    let g = GmmParams::new(3)
        .weights_init(load1("gmm_weights_init"))
        .means_init(load2("gmm_means_init"))
        .precisions_init(load2("gmm_precisions_init"))
        .max_iter(max_iter)
        .tol(tol)
        .reg_covar(reg)
        .fit(&x, &())
        .unwrap();
    let t = format!("gmm_{tag}");
    assert_eq!(g.n_iter(), int1(&format!("{t}_n_iter"))[0], "{t} n_iter");
    assert_eq!(
        usize::from(g.converged()),
        int1(&format!("{t}_converged"))[0],
        "{t} converged"
    );
    close(
        &format!("{t} weights"),
        &g.weights().to_owned(),
        &load1(&format!("{t}_weights")),
        1e-9,
        1e-12,
    );
    close(
        &format!("{t} means"),
        &g.means().to_owned(),
        &load2(&format!("{t}_means")),
        1e-9,
        1e-12,
    );
    close(
        &format!("{t} covariances"),
        &g.variances().to_owned(),
        &load2(&format!("{t}_covariances")),
        1e-9,
        1e-12,
    );
    let lb = load1(&format!("{t}_lower_bound"))[0];
    assert!(
        (g.lower_bound() - lb).abs() <= 1e-10 * lb.abs(),
        "{t} lower bound {} vs {lb}",
        g.lower_bound()
    );
    close(
        &format!("{t} proba"),
        &g.predict_proba(xtest.view()).unwrap(),
        &load2(&format!("{t}_proba")),
        1e-8,
        1e-12,
    );
    close(
        &format!("{t} score_samples"),
        &g.score_samples(xtest.view()).unwrap(),
        &load1(&format!("{t}_score_samples")),
        1e-10,
        1e-12,
    );
}

#[test]
fn gmm_two_iterations() {
    gmm_case("it2", 2, 1e-3, 1e-6);
}

#[test]
fn gmm_converged() {
    gmm_case("full", 100, 1e-3, 1e-6);
}

#[test]
fn gmm_reg_covar_tight_tol() {
    gmm_case("reg", 100, 1e-6, 1e-2);
}

/// Runs `f` on the encoding inputs in precision `F` and compares with `want` at the precision's
/// tolerance.
fn encodings<F: Float>(rtol: f64) {
    let voc = Vocabulary::new(load2("enc_vocab").mapv(F::of)).unwrap();
    let desc = load2("enc_desc").mapv(F::of);
    for (norm, name) in [
        (HistNorm::None, "none"),
        (HistNorm::L1, "l1"),
        (HistNorm::L2, "l2"),
    ] {
        let got = Histogram::new(voc.clone(), norm)
            .encode(desc.view())
            .unwrap();
        close(
            &format!("hist_{name}"),
            &got,
            &load1(&format!("hist_{name}")),
            rtol,
            1e-15,
        );
    }
    for (s, name) in [(0.7, "0.7"), (3.0, "3")] {
        let got = SoftAssignment::new(voc.clone(), s)
            .unwrap()
            .encode(desc.view())
            .unwrap();
        close(
            &format!("soft_s{name}"),
            &got,
            &load1(&format!("soft_s{name}")),
            rtol,
            rtol * 1e-3,
        );
    }
    for bits in 0..16u32 {
        let flags = VladFlags {
            normalize_components: bits & 1 != 0,
            square_root: bits & 2 != 0,
            unnormalized: bits & 4 != 0,
            normalize_mass: bits & 8 != 0,
        };
        let name: String = (0..4)
            .map(|i| if bits >> i & 1 == 1 { '1' } else { '0' })
            .collect();
        let got = Vlad::new(voc.clone(), flags).encode(desc.view()).unwrap();
        close(
            &format!("vlad_{name}"),
            &got,
            &load1(&format!("vlad_{name}")),
            rtol,
            rtol * 1e-3,
        );
    }
    let gmm = Gmm::from_parts(
        load1("fisher_weights").mapv(F::of),
        load2("fisher_means").mapv(F::of),
        load2("fisher_variances").mapv(F::of),
    )
    .unwrap();
    for sq in [false, true] {
        for nm in [false, true] {
            let name = format!("fisher_{}{}", u8::from(sq), u8::from(nm));
            let got = Fisher::with_flags(gmm.clone(), sq, nm)
                .encode(desc.view())
                .unwrap();
            close(&name, &got, &load1(&name), rtol, rtol * 1e-3);
        }
    }
    let improved = Fisher::new(gmm, true).encode(desc.view()).unwrap();
    close(
        "fisher improved",
        &improved,
        &load1("fisher_11"),
        rtol,
        rtol * 1e-3,
    );
}

#[test]
fn encodings_f64() {
    encodings::<f64>(1e-12);
}

#[test]
fn encodings_f32() {
    encodings::<f32>(1e-4);
}
