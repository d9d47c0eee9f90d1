//! The machine's main-memory bandwidth, measured in the same `cargo xtask bench` run as the
//! memory-bound operations it bounds: STREAM's "copy" kernel (`dst[i] = src[i]`) on a 32 MiB
//! `f64` array (larger than the last-level cache), split over rayon's threads like the filters.
//!
//! `cargo xtask bench` divides each memory-bound case's bytes
//! (`sigfeat_benches::registry::Case::bytes`) by the bandwidth this copy reaches, and prints that
//! floor beside the case's time.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use sigfeat_benches::registry::memory::{COPY, GROUP, SHAPE};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Elements per rayon task: 256 KiB of `f64`, a few tasks per thread.
const CHUNK: usize = 1 << 15;

fn bench(c: &mut Criterion) {
    let n = SHAPE.0 * SHAPE.1;
    let src: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let mut dst = vec![0.0_f64; n];
    let mut g = c.benchmark_group(GROUP);
    g.sample_size(20);
    g.bench_function(COPY, |b| {
        b.iter(|| {
            dst.par_chunks_mut(CHUNK)
                .zip(black_box(&src).par_chunks(CHUNK))
                .for_each(|(d, s)| d.copy_from_slice(s));
            black_box(&mut dst);
        });
    });
    g.finish();
    assert_eq!(dst[n - 1], src[n - 1], "the copy ran");
}

criterion_group!(benches, bench);
criterion_main!(benches);
