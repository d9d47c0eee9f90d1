//! 1-D convolution, 1e6 samples against kernels of 31 and 1001 taps: auto, direct, FFT, overlap.
//!
//! Python reference (same sizes, 2 threads): `numpy.convolve` and `scipy.signal.oaconvolve`.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use dsp_core::ConvMode;
use fourier::convolve_with;
use sigfeat_benches::registry::convolve::{KERNELS, METHODS, SIGNAL_LEN, group};
use sigfeat_benches::{SEED, signal};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let a = signal(SIGNAL_LEN, SEED);
    for m in KERNELS {
        let v = signal(m, SEED + 1);
        let mut g = c.benchmark_group(group(m));
        // Ten samples: the direct 1e6 x 1001 case is 1e9 multiply-adds per call.
        g.sample_size(10);
        for (name, method, _) in METHODS {
            g.bench_function(name, |b| {
                b.iter(|| {
                    convolve_with(
                        black_box(a.view()),
                        black_box(v.view()),
                        ConvMode::Full,
                        method,
                    )
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
