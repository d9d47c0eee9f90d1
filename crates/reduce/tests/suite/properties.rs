//! Identities: orthonormal components, round trips, variance ratios, solver agreement, and the
//! linfa trait surface.

use dsp_core::{Fit, Predict, Transform};
use linfa::DatasetBase;

use ndarray::{Array1, Array2};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use reduce::{
    Components, Lda, LdaParams, Pca, PcaParams, PcaSolver, StandardScaler, StandardScalerParams,
};

fn gaussian(n: usize, p: usize, seed: u64) -> Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Array2::from_shape_simple_fn((n, p), || StandardNormal.sample(&mut rng))
}

/// Data with a fast-decaying spectrum: rank-`r` signal with scales 10, 5, 2.5, ... plus small noise.
fn low_rank(n: usize, p: usize, r: usize, seed: u64) -> Array2<f64> {
    let a = gaussian(n, r, seed);
    let b = gaussian(r, p, seed + 1);
    let scales = Array1::from_shape_fn(r, |i| 10.0 * 0.5f64.powi(i as i32));
    (&a * &scales).dot(&b) + gaussian(n, p, seed + 2) * 1e-9
}

fn max_abs_diff(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn pca_components_orthonormal_and_round_trip(n in 2usize..30, p in 1usize..12, seed in 0u64..1000, whiten: bool) {
        let x = gaussian(n, p, seed) * 3.0 + 1.5;
        for solver in [PcaSolver::Full, PcaSolver::CovarianceEigh] {
            let pca = PcaParams::default().solver(solver).whiten(whiten).fit(&x, &()).unwrap();
            let c = pca.components();
            let k = n.min(p);
            prop_assert_eq!(c.dim(), (k, p));
            // Components of non-zero variance are orthonormal.
            let kept = pca.explained_variance().iter().filter(|&&v| v > 1e-10).count();
            let ck = c.slice_axis(ndarray::Axis(0), ndarray::Slice::from(..kept));
            let gram = ck.dot(&ck.t());
            prop_assert!(max_abs_diff(&gram, &Array2::eye(kept)) < 1e-9);
            let ratio_sum: f64 = pca.explained_variance_ratio().sum();
            prop_assert!(ratio_sum <= 1.0 + 1e-12);
            prop_assert!(pca.explained_variance().windows(2).into_iter().all(|w| w[0] >= w[1]));
            if !whiten && solver == PcaSolver::Full {
                // With every component kept the projection is invertible.
                let back = pca.inverse_transform(&pca.transform(&x).unwrap()).unwrap();
                prop_assert!(max_abs_diff(&back, &x) < 1e-9);
            }
        }
    }

    #[test]
    fn pca_truncated_ratio_below_one(n in 3usize..30, p in 2usize..12, seed in 0u64..1000) {
        let x = gaussian(n, p, seed);
        let k = 1.max(n.min(p) / 2);
        let pca = PcaParams::new(Components::Count(k)).fit(&x, &()).unwrap();
        prop_assert!(pca.explained_variance_ratio().sum() <= 1.0 + 1e-12);
        prop_assert!(pca.noise_variance() <= pca.explained_variance()[k - 1] + 1e-12);
    }

    #[test]
    fn scaler_round_trip(n in 1usize..20, p in 1usize..8, seed in 0u64..1000, with_mean: bool, with_std: bool) {
        let x = gaussian(n, p, seed) * 4.0 - 2.0;
        let s = StandardScalerParams::default().with_mean(with_mean).with_std(with_std).fit(&x, &()).unwrap();
        let t = s.transform(&x).unwrap();
        let back = s.inverse_transform(&t).unwrap();
        prop_assert!(max_abs_diff(&back, &x) < 1e-12);
        if with_mean && with_std && n > 1 {
            for col in t.columns() {
                prop_assert!(col.mean().unwrap().abs() < 1e-12);
                let var = col.mapv(|v| v * v).mean().unwrap();
                prop_assert!((var - 1.0).abs() < 1e-10 || var < 1e-20);
            }
        }
    }
}

#[test]
fn randomized_pca_agrees_with_full_on_decaying_spectrum() {
    for (n, p) in [(200, 60), (40, 300)] {
        let x = low_rank(n, p, 6, 7);
        let full = PcaParams::new(Components::Count(4))
            .solver(PcaSolver::Full)
            .fit(&x, &())
            .unwrap();
        let rnd = PcaParams::new(Components::Count(4))
            .solver(PcaSolver::Randomized)
            .seed(3)
            .fit(&x, &())
            .unwrap();
        // Same sign rule, so components compare directly.
        assert!(
            max_abs_diff(full.components(), rnd.components()) < 1e-8,
            "{n}x{p}"
        );
        for (a, b) in full
            .explained_variance()
            .iter()
            .zip(rnd.explained_variance())
        {
            assert!((a - b).abs() <= 1e-10 * a, "{n}x{p}: {a} vs {b}");
        }
        for (a, b) in full
            .explained_variance_ratio()
            .iter()
            .zip(rnd.explained_variance_ratio())
        {
            assert!((a - b).abs() <= 1e-10, "{n}x{p}: {a} vs {b}");
        }
        assert!((full.noise_variance() - rnd.noise_variance()).abs() < 1e-8);
        // Seeded: the same seed gives the same model.
        let again = PcaParams::new(Components::Count(4))
            .solver(PcaSolver::Randomized)
            .seed(3)
            .fit(&x, &())
            .unwrap();
        assert_eq!(again, rnd);
    }
}

#[test]
fn auto_solver_picks_covariance_for_tall_data() {
    // 1000 x 20: n >= 10 p, so Auto uses the covariance solver; it equals Full to rounding.
    let x = gaussian(1000, 20, 11);
    let auto = PcaParams::new(Components::Count(5)).fit(&x, &()).unwrap();
    let full = PcaParams::new(Components::Count(5))
        .solver(PcaSolver::Full)
        .fit(&x, &())
        .unwrap();
    assert!(max_abs_diff(auto.components(), full.components()) < 1e-10);
}

#[test]
fn lda_transform_separates_and_predicts_training_classes() {
    let n = 90;
    let mut x = gaussian(n, 6, 5);
    let y = Array1::from_shape_fn(n, |i| i % 3);
    for (mut row, &c) in x.rows_mut().into_iter().zip(&y) {
        row[c] += 8.0;
    }
    let lda = LdaParams::default().fit(&x, &y).unwrap();
    assert_eq!(lda.n_components(), 2);
    assert_eq!(lda.predict(&x).unwrap(), y);
    let proba = lda.predict_proba(&x).unwrap();
    for row in proba.rows() {
        assert!((row.sum() - 1.0).abs() < 1e-12);
    }
    let ratio = lda
        .explained_variance_ratio()
        .expect("svd solver has ratios");
    assert!((ratio.sum() - 1.0).abs() < 1e-12);
    // Relabelling classes (any usize values) changes only the labels predicted.
    let y2 = y.mapv(|c| [10, 20, 40][c]);
    let lda2 = LdaParams::default().fit(&x, &y2).unwrap();
    assert_eq!(lda2.classes(), &[10, 20, 40]);
    assert_eq!(lda2.predict(&x).unwrap(), y2);
}

#[test]
fn linfa_traits_fit_transform_predict() {
    let x = gaussian(60, 4, 9);
    let y = Array1::from_shape_fn(60, |i| i % 2);
    let ds = DatasetBase::new(x.clone(), y.clone());
    let scaler: StandardScaler =
        linfa::traits::Fit::fit(&StandardScalerParams::default(), &ds).unwrap();
    let xs = linfa::traits::Transformer::transform(&scaler, &x).unwrap();
    let pca: Pca = linfa::traits::Fit::fit(
        &PcaParams::new(Components::Count(3)),
        &DatasetBase::from(xs.clone()),
    )
    .unwrap();
    assert_eq!(
        linfa::traits::Transformer::transform(&pca, &xs)
            .unwrap()
            .dim(),
        (60, 3)
    );
    let lda: Lda =
        linfa::traits::Fit::fit(&LdaParams::default(), &DatasetBase::new(xs.clone(), y)).unwrap();
    let pred: Array1<usize> = linfa::traits::Predict::predict(&lda, &xs).unwrap();
    assert_eq!(pred.len(), 60);
    // Checked parameters are enforced through the trait too.
    let bad = linfa::traits::Fit::fit(
        &PcaParams::new(Components::Variance(2.0)),
        &DatasetBase::from(x),
    );
    assert!(matches!(
        bad,
        Err(reduce::Error::InvalidVarianceFraction { .. })
    ));
}

#[test]
fn models_are_clone_send_sync() {
    fn assert_model<T: Clone + Send + Sync + 'static>() {}
    assert_model::<StandardScaler>();
    assert_model::<Pca>();
    assert_model::<Lda>();
    assert_model::<PcaParams>();
    assert_model::<LdaParams>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<reduce::Error>();
}
