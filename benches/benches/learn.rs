//! Leave-one-out on 660 x 27 with 6 classes (seeded Gaussian blobs): 1-NN, logistic regression,
//! linear SVC, RBF SVC, ridge, nearest centroid.
//!
//! Python reference: `benches/python/learn_loo.py` (the same data from the same splitmix64
//! generator; `cross_val_score(clf, X, y, cv=LeaveOneOut())`, 2 BLAS/OpenMP threads).
//!
//! Measured 2026-11-27 on the shared 2-core machine (a timing example since folded into this bench, same
//! data, median of 3, release, 2 rayon threads), before -> after the warm-started LOO (SVC: SMO
//! re-run from the full alphas only where the held-out sample is a support vector, per-fold
//! `gamma='scale'` kernels by a polynomial correction of the full kernel; logistic:
//! Woodbury-downdated full Hessian). "Before" ran under load ~13, so its wall times are inflated;
//! "after" and sklearn (one `cross_val_score` each, 2 BLAS threads) interleaved under load ~4:
//!   logistic    3.26 s -> 0.26 s; sklearn 39.8 s (its BLAS threads oversubscribed; 4.8 s
//!               measured unloaded earlier). LOO accuracy 0.898485, sklearn 0.900000: one
//!               borderline sample (sklearn's lbfgs stops at tol 1e-4, this solves exactly)
//!   svc_linear  7.61 s -> 0.28-0.31 s; sklearn 5.78 s (2.8 s unloaded earlier). Both 0.895455
//!   svc_rbf     115 s  -> 0.55 s; sklearn 7.84 s (3.8 s unloaded earlier). Both 0.925758
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use learn::{
    Classifier, KnnParams, LogisticRegressionParams, NearestCentroidParams,
    RidgeClassifierCvParams, SvcParams, ValidationOptions, leave_one_out,
};
use ndarray::Array2;
use sigfeat_benches::registry::learn::{ESTIMATORS, id};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// splitmix64, as in `learn_loo.py`.
struct SplitMix(u64);

impl SplitMix {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Box-Muller, one normal per pair of uniforms.
    fn normal(&mut self) -> f64 {
        let u1 = self.next_f64();
        let u2 = self.next_f64();
        (-2.0 * (1.0 - u1).ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// 6 centres (0.6 N(0, I) in 27-d) and 660 points `centre[i % 6] + N(0, I)`.
pub fn blobs() -> (Array2<f64>, Vec<usize>) {
    let (n, d, k) = (660, 27, 6);
    let mut rng = SplitMix(20_171_111);
    let centres = Array2::from_shape_simple_fn((k, d), || 0.6 * rng.normal());
    let y: Vec<usize> = (0..n).map(|i| i % k).collect();
    let mut x = Array2::zeros((n, d));
    for i in 0..n {
        for j in 0..d {
            x[[i, j]] = centres[[y[i], j]] + rng.normal();
        }
    }
    (x, y)
}

fn run<C: Classifier<f64>>(c: &mut Criterion, name: &str, clf: &C, x: &Array2<f64>, y: &[usize]) {
    let r = leave_one_out(clf, x.view(), y, ValidationOptions::default()).unwrap_or_else(|e| {
        panic!("{name}: {e}");
    });
    eprintln!("loo accuracy {name}: {:.6}", r.mean_score());
    c.bench_function(&id(name), |b| {
        b.iter(|| leave_one_out(clf, black_box(x.view()), y, ValidationOptions::default()))
    });
}

fn bench(c: &mut Criterion) {
    let (x, y) = blobs();
    for name in ESTIMATORS {
        match name {
            "knn1" => run(c, name, &KnnParams::new(1), &x, &y),
            "logistic" => run(c, name, &LogisticRegressionParams::default(), &x, &y),
            "svc_linear" => run(c, name, &SvcParams::linear(), &x, &y),
            "svc_rbf" => run(c, name, &SvcParams::rbf(), &x, &y),
            "ridge_cv" => run(c, name, &RidgeClassifierCvParams::default(), &x, &y),
            "nearest_centroid" => run(c, name, &NearestCentroidParams::new(), &x, &y),
            other => panic!("the registry lists {other}, which this bench does not know"),
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
