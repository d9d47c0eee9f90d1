//! rfft of 2^20, 10^6 and the prime 1000003 samples (wrapper and raw realfft), rfft2 2048x2048 in
//! standard layout (the default, as numpy), into a reused buffer (`rfft2_into`) and column-major
//! (`rfft2_col_major`).
//!
//! Python reference: `scipy.fft.rfft(x)` and `scipy.fft.rfft2(img, workers=2)`.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use fourier::{FftFloat, rfft, rfft2, rfft2_col_major, rfft2_into};
use realfft::num_complex::Complex;
use sigfeat_benches::registry::fft::{
    RFFT_GROUP, RFFT_LENS, RFFT2_GROUP, RFFT2_SIDE, raw_realfft, rfft2 as rfft2_id,
    rfft2_col_major as rfft2_col_major_id, rfft2_into as rfft2_into_id, sigfeat,
};
use sigfeat_benches::{SEED, image, signal};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group(RFFT_GROUP);
    g.sample_size(20);
    for n in RFFT_LENS {
        let x = signal(n, SEED);
        g.bench_function(sigfeat(n), |b| b.iter(|| rfft(black_box(x.view()))));
        // The raw realfft call (plan reused, buffers preallocated): the wrapper's floor.
        let plan = f64::planners().r2c(n);
        let mut input = x.to_vec();
        let mut out = vec![Complex::default(); n / 2 + 1];
        let mut scratch = vec![Complex::default(); plan.get_scratch_len()];
        g.bench_function(raw_realfft(n), |b| {
            b.iter(|| {
                input.copy_from_slice(x.as_slice().unwrap_or(&[]));
                plan.process_with_scratch(&mut input, &mut out, &mut scratch)
            })
        });
    }
    g.finish();
    let img = image(RFFT2_SIDE, RFFT2_SIDE, SEED);
    let mut g = c.benchmark_group(RFFT2_GROUP);
    g.sample_size(10);
    g.bench_function(rfft2_id(), |b| b.iter(|| rfft2(black_box(img.view()))));
    let mut spectrum = rfft2(img.view()).expect("a 2048x2048 image");
    g.bench_function(rfft2_into_id(), |b| {
        b.iter(|| rfft2_into(black_box(img.view()), spectrum.view_mut()))
    });
    g.bench_function(rfft2_col_major_id(), |b| {
        b.iter(|| rfft2_col_major(black_box(img.view())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
