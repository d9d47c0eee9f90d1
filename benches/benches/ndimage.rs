//! `dsp_core::ndimage` on a 2048x2048 image: `correlate1d` along axis 0 and 1 with 9-, 25- and
//! 81-tap Gaussian kernels (sigma 1, 3, 10 at scipy's truncate 4), f32 and f64, and the two-pass
//! separable Gaussian (`correlate_separable`) in f32; Sobel as a fused `correlate1d_sequence`.
//!
//! Python reference (same image, same kernels, 2 threads where it threads):
//! `scipy.ndimage.correlate1d` (f64, single-threaded) and `cv2.sepFilter2D` (f32, one
//! axis or both; `BORDER_REFLECT` is scipy's `reflect`).
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use dsp_core::BoundaryMode;
use dsp_core::ndimage::{correlate_separable, correlate1d, correlate1d_sequence};
use sigfeat_benches::registry::ndimage::{
    AXES, SEPARABLE, SIDE, SIGMAS, SOBEL_GROUP, axis_pass, gaussian, group, sobel as sobel_id,
};
use sigfeat_benches::{SEED, image};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let x64 = image(SIDE, SIDE, SEED);
    let x32 = x64.mapv(|v| v as f32);
    let mode = BoundaryMode::Reflect;
    for sigma in SIGMAS {
        let w64 = gaussian(sigma);
        let w32: Vec<f32> = w64.iter().map(|&v| v as f32).collect();
        let taps = w64.len();
        let mut g = c.benchmark_group(group(taps));
        g.sample_size(10);
        for axis in AXES {
            g.bench_function(axis_pass(true, axis), |b| {
                b.iter(|| correlate1d(black_box(x32.view()), &w32, axis, mode, 0))
            });
            g.bench_function(axis_pass(false, axis), |b| {
                b.iter(|| correlate1d(black_box(x64.view()), &w64, axis, mode, 0))
            });
        }
        g.bench_function(SEPARABLE, |b| {
            b.iter(|| {
                correlate_separable(
                    black_box(x32.view()),
                    &[Some(&w32[..]), Some(&w32[..])],
                    mode,
                    &[],
                )
            })
        });
        g.finish();
    }
}

/// `scipy.ndimage.sobel(x, axis)` as two 1-D passes (derivative along `axis`, then smoothing along
/// the other), fused by `correlate1d_sequence`; reference `cv2.Sobel` (f32, ksize 3).
fn sobel(c: &mut Criterion) {
    let x32 = image(SIDE, SIDE, SEED).mapv(|v| v as f32);
    let (d, s) = ([-1.0f32, 0.0, 1.0], [1.0f32, 2.0, 1.0]);
    let mut g = c.benchmark_group(SOBEL_GROUP);
    g.sample_size(20);
    for axis in AXES {
        let passes = [(axis, &d[..], 0), (1 - axis, &s[..], 0)];
        g.bench_function(sobel_id(axis), |b| {
            b.iter(|| correlate1d_sequence(black_box(x32.view()), &passes, BoundaryMode::Reflect))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, sobel);
criterion_main!(benches);
