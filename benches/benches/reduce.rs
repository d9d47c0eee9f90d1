//! PCA(50) and LDA (10 classes) fitted on 10000 x 784 standard-normal data (MNIST-sized).
//!
//! Python reference (2 BLAS threads): `PCA(50).fit(X)` (sklearn's auto solver picks
//! `covariance_eigh` here, as ours does) and `LinearDiscriminantAnalysis().fit(X, y)` with
//! `y = arange(10000) % 10`.
//!
//! Measured 2026-11-26 on this 2-core machine, quiet (load ~1), 2 threads each side, criterion
//! median vs Python median of 7 (5 for LDA): PCA(50) fit 195 ms vs sklearn 145 ms (1.34x);
//! fit+transform 214 vs 166 ms; randomized fit 420 vs 844 ms (0.50x); LDA fit 842 vs 1025 ms
//! (0.82x). PCA's time is faer's Gram GEMM (~65 ms, lower triangle) plus its 784x784 symmetric
//! eigensolver (~90 ms); LDA's is faer's thin QR of the 10000x784 scaled data.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use ndarray::Array1;
use reduce::{Components, LdaParams, PcaParams, PcaSolver};
use sigfeat_benches::{SEED, image};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let x = image(10_000, 784, SEED);
    let y = Array1::from_shape_fn(10_000, |i| i % 10);
    let mut g = c.benchmark_group("reduce");
    g.sample_size(10);
    g.bench_function("pca50_fit_10000x784", |b| {
        let params = PcaParams::new(Components::Count(50));
        b.iter(|| params.fit_array(black_box(&x)))
    });
    g.bench_function("pca50_fit_transform_10000x784", |b| {
        let params = PcaParams::new(Components::Count(50));
        b.iter(|| {
            params
                .fit_array(black_box(&x))
                .and_then(|p| p.transform(&x))
        })
    });
    g.bench_function("pca50_randomized_fit_10000x784", |b| {
        let params = PcaParams::new(Components::Count(50)).solver(PcaSolver::Randomized);
        b.iter(|| params.fit_array(black_box(&x)))
    });
    g.bench_function("lda10_fit_10000x784", |b| {
        let params = LdaParams::default();
        b.iter(|| params.fit_array(black_box(&x), &y))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
