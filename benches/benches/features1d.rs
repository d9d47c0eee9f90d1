//! 1-D features: the tutorial's Gabor-bank features (660 signals x 1000 samples, 9 filters x
//! mean/std/max, valid mode) and the MiniRocket transform of the GunPoint and ItalyPowerDemand
//! test sets (fitted on their train sets, seed 0, f32 as aeon).
//!
//! Python references (same data, same machine): the tutorial's numpy loop
//! `[[f(np.convolve(x, k, "valid")) for k in bank for f in (mean, std, max)] for x in X]`
//! with the bank `make_gabor_filter(s, f, 25.0)` (50 taps), and aeon 1.6.0's
//! `MiniRocket(random_state=0).transform` on the same test sets.
//!
//! `gabor_bank_660x1000_9x3`, measured interleaved on the 2-core AVX-512 VM while it was
//! loaded by other builds (criterion medians of two rounds): 23-47 ms before the
//! register-blocked kernel (axpy sweeps, separate pooling passes, buffers per signal),
//! 6.9-10.7 ms after; the numpy loop took 305-357 ms wall (308 ms CPU) in the same rounds.
//! Process CPU time / 2 of the new code, a proxy for an unloaded machine: 5.6 ms. Floor:
//! 660 x 9 x 951 x 50 = 2.8e8 f64 FMAs at 2 cores x 2 FMA ports x 8 lanes x ~2.3 GHz
//! (OpenBLAS dgemm reaches 75 GFLOP/s per core here) is 3.8 ms.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use dsp_core::ConvMode;
use features_1d::{FilterBank, Fit, MiniRocketParams, Pooling, Transform};
use ndarray::Array1;
use sigfeat_benches::registry::features1d::{
    GABOR_SAMPLE_RATE, GABOR_SHAPE, GROUP, MINIROCKET_SETS, gabor_bank as gabor_bank_id,
    minirocket as minirocket_id,
};
use sigfeat_benches::{SEED, image};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn gabor_bank(c: &mut Criterion) {
    let x = image(GABOR_SHAPE.0, GABOR_SHAPE.1, SEED);
    let bank = FilterBank::<f64>::tutorial_gabor(
        GABOR_SAMPLE_RATE,
        Pooling::MEAN_STD_MAX.to_vec(),
        ConvMode::Valid,
    )
    .expect("valid bank parameters");
    let mut g = c.benchmark_group(GROUP);
    g.bench_function(gabor_bank_id(), |b| {
        b.iter(|| bank.transform(black_box(&x)).expect("finite input"))
    });
    g.finish();
}

fn minirocket(c: &mut Criterion) {
    let mut g = c.benchmark_group(GROUP);
    for name in MINIROCKET_SETS {
        let d = datasets::bundled_ucr(name).expect("bundled set");
        let cast = |s: &Vec<Array1<f64>>| -> Vec<Array1<f32>> {
            s.iter().map(|a| a.mapv(|v| v as f32)).collect()
        };
        let (train, test) = (cast(&d.train.series), cast(&d.test.series));
        let model = MiniRocketParams::default()
            .fit(&train, &())
            .expect("valid training set");
        g.bench_function(minirocket_id(name), |b| {
            b.iter(|| model.transform(black_box(&test)).expect("finite input"))
        });
    }
    g.finish();
}

criterion_group!(benches, gabor_bank, minirocket);
criterion_main!(benches);
