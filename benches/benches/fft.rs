//! rfft of 2^20, 10^6 and the prime 1000003 samples (wrapper and raw realfft), rfft2 2048x2048 in
//! standard layout (the default, as numpy) and column-major (`rfft2_col_major`).
//!
//! Python reference: `scipy.fft.rfft(x)` and `scipy.fft.rfft2(img, workers=2)`.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use fourier::{FftFloat, rfft, rfft2, rfft2_col_major};
use realfft::num_complex::Complex;
use sigfeat_benches::registry::fft::{
    RFFT_GROUP, RFFT_LENS, RFFT2_GROUP, RFFT2_SIDE, raw_realfft, rfft2 as rfft2_id,
    rfft2_col_major as rfft2_col_major_id, sigfeat,
};
use sigfeat_benches::{SEED, image, signal};
use std::hint::black_box;

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
    g.bench_function(rfft2_col_major_id(), |b| {
        b.iter(|| rfft2_col_major(black_box(img.view())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
