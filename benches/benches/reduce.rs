//! PCA(50) and LDA (10 classes) fitted on 10000 x 784 standard-normal data (MNIST-sized).
//!
//! Python reference (2 BLAS threads): `PCA(50).fit(X)` (sklearn's auto solver picks
//! `covariance_eigh` here, as ours does) and `LinearDiscriminantAnalysis().fit(X, y)` with
//! `y = arange(10000) % 10`.
//!
//! Measured 2026-11-26 on this 2-core machine, quiet (load ~1), 2 threads each side, criterion
//! median vs Python median of 7 (5 for LDA), before the partial eigendecomposition and LDA's
//! Gram route: PCA(50) fit 195 ms vs sklearn 145 ms (1.34x); fit+transform 214 vs 166 ms;
//! randomized fit 420 vs 844 ms (0.50x); LDA fit 842 vs 1025 ms (0.82x).
//!
//! Re-measured 2026-11-27 with the machine heavily loaded by parallel builds (load 9-14 on 2
//! cores, so only interleaved ratios mean anything; sklearn's 2-thread OpenBLAS collapses under
//! that load, so the comparison with it is single-threaded): CPU time per fit, 1 thread each
//! side on uniform data of the same shape, PCA(50) 219 ms vs sklearn 214 ms (1.02x), LDA 294
//! vs 1553 ms (0.19x); criterion, 1
//! thread, old vs new build interleaved: PCA fit 484/489 -> 339/409 ms, LDA fit 1543/1673 ->
//! 558/572 ms. PCA's time is faer's Gram GEMM (lower triangle, about half) plus the 784x784
//! tridiagonalisation and tridiagonal divide and conquer; only the 50 kept eigenvectors are
//! mapped back through the Householder reflections. LDA's is the same Gram GEMM and a full
//! eigendecomposition of the scaled within-class Gram matrix (its thin QR only when that is
//! ill-conditioned).
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use dsp_core::{Fit, Transform};
use ndarray::Array1;
use reduce::{Components, LdaParams, PcaParams, PcaSolver};
use sigfeat_benches::registry::reduce::{GROUP, LDA_CLASSES, PCA_COMPONENTS, SHAPE, id};
use sigfeat_benches::{SEED, image};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let x = image(SHAPE.0, SHAPE.1, SEED);
    let y = Array1::from_shape_fn(SHAPE.0, |i| i % LDA_CLASSES);
    let k = Components::Count(PCA_COMPONENTS);
    let mut g = c.benchmark_group(GROUP);
    g.sample_size(10);
    g.bench_function(id("pca50_fit"), |b| {
        let params = PcaParams::new(k);
        b.iter(|| params.fit(black_box(&x), &()))
    });
    g.bench_function(id("pca50_fit_transform"), |b| {
        let params = PcaParams::new(k);
        b.iter(|| params.fit(black_box(&x), &()).and_then(|p| p.transform(&x)))
    });
    g.bench_function(id("pca50_randomized_fit"), |b| {
        let params = PcaParams::new(k).solver(PcaSolver::Randomized);
        b.iter(|| params.fit(black_box(&x), &()))
    });
    g.bench_function(id("lda10_fit"), |b| {
        let params = LdaParams::default();
        b.iter(|| params.fit(black_box(&x), &y))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
