//! `filters` on the sizes of the performance targets:
//!
//! - `gaussian_filter` on a 2048x2048 image, sigma 1 / 3 / 10, f32 and f64 (reflect);
//! - `sobel` along axis 1 on 2048x2048 f32;
//! - the skimage gallery's 16-kernel Gabor bank on a 512x512 f64 image (mean and variance of
//!   each real response, `mode = wrap`), as `compute_kernel_feats`;
//! - `ndimage_convolve2d` direct against FFT on 512x512 f64 for square kernels of 5 to 15 samples a side,
//!   which sets `fourier::IMAGE_DIRECT_MAX_TAPS`.
//!
//! Python reference (`benches/python/filters_ref.py`, same sizes, 2 threads where it threads):
//! `cv2.GaussianBlur` / `scipy.ndimage.gaussian_filter`, `cv2.Sobel` / `scipy.ndimage.sobel`,
//! and skimage `gabor_kernel` + `scipy.ndimage.convolve`.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use dsp_core::BoundaryMode;
use filters::{GaborBank, GaussianParams, gaussian_filter, ndimage_convolve2d, sobel};
use fourier::Method;
use sigfeat_benches::registry::filters::{
    CONV2D_GROUP, CONV2D_SIDES, GABOR_FEATS, GABOR_FEATS_PLANNED, GABOR_GROUP, GAUSSIAN_GROUP,
    SIDE, SIGMAS, SMALL_SIDE, SOBEL_AXIS, conv2d, gaussian as gaussian_id,
};
use sigfeat_benches::registry::ndimage::{SOBEL_GROUP, sobel as sobel_id};
use sigfeat_benches::{SEED, image};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn gaussian(c: &mut Criterion) {
    let x64 = image(SIDE, SIDE, SEED);
    let x32 = x64.mapv(|v| v as f32);
    let mut g = c.benchmark_group(GAUSSIAN_GROUP);
    g.sample_size(10);
    for sigma in SIGMAS {
        let p = GaussianParams::new(sigma);
        g.bench_function(gaussian_id(true, sigma), |b| {
            b.iter(|| gaussian_filter(black_box(x32.view()), &p))
        });
        g.bench_function(gaussian_id(false, sigma), |b| {
            b.iter(|| gaussian_filter(black_box(x64.view()), &p))
        });
    }
    g.finish();
}

fn edges(c: &mut Criterion) {
    let x32 = image(SIDE, SIDE, SEED).mapv(|v| v as f32);
    let mut g = c.benchmark_group(SOBEL_GROUP);
    g.sample_size(10);
    g.bench_function(sobel_id(SOBEL_AXIS), |b| {
        b.iter(|| sobel(black_box(x32.view()), SOBEL_AXIS, BoundaryMode::Reflect))
    });
    g.finish();
}

fn gabor_bank(c: &mut Criterion) {
    let x = image(SMALL_SIDE, SMALL_SIDE, SEED);
    let bank = GaborBank::skimage_gallery().expect("valid gallery parameters");
    let mut g = c.benchmark_group(GABOR_GROUP);
    g.sample_size(10);
    g.bench_function(GABOR_FEATS, |b| {
        b.iter(|| bank.kernel_feats(black_box(x.view()), BoundaryMode::Wrap))
    });
    // Kernel spectra planned once for the image shape; per-image cost only.
    let plan = filters::WrapKernelFeats::new(&bank.real_kernels(), x.dim())
        .expect("valid kernels and shape");
    g.bench_function(GABOR_FEATS_PLANNED, |b| {
        b.iter(|| plan.feats(black_box(x.view())))
    });
    g.finish();
}

/// Where `Method::Auto` should switch from direct to FFT (`fourier::IMAGE_DIRECT_MAX_TAPS`).
fn conv2d_crossover(c: &mut Criterion) {
    let x = image(SMALL_SIDE, SMALL_SIDE, SEED);
    let mut g = c.benchmark_group(CONV2D_GROUP);
    g.sample_size(10);
    for n in CONV2D_SIDES {
        let k = image(n, n, SEED + 1);
        for (name, m) in [("direct", Method::Direct), ("fft", Method::Fft)] {
            g.bench_function(conv2d(n, name), |b| {
                b.iter(|| {
                    ndimage_convolve2d(black_box(x.view()), k.view(), BoundaryMode::Reflect, m)
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, gaussian, edges, gabor_bank, conv2d_crossover);
criterion_main!(benches);
