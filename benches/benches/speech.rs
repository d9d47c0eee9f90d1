//! Speech features: librosa's mel spectrogram and MFCC with its defaults (`n_fft` 2048, hop
//! 512, periodic Hann, centred with zero padding, 128 Slaney mels, `f32` basis, 20
//! coefficients) of 30 s of 22.05 kHz standard-normal noise in `f32` (1292 frames).
//!
//! Python reference (same data, same machine): `librosa.feature.melspectrogram(y=y, sr=22050)`
//! and `librosa.feature.mfcc(y=y, sr=22050)`, librosa 0.11.0.
//!
//! `cargo xtask bench --filter 'mfcc|mel'` on the shared 2-core AMD EPYC VM (load 4, 2 threads
//! on both sides), 2026-12-05: mel spectrogram 14.6 ms vs librosa 86.3 ms (0.17), MFCC
//! 14.2 ms vs 87.1 ms (0.16). The MFCC's DCT went from one dot product per frame and
//! coefficient (19.6 ms) to one GEMM over all frames. Most of the rest is 1292 `f64` FFTs of
//! 2048 points: `f32` signals are transformed in `f64` as librosa does
//! (`FftPrecision::Signal`, an `f32` FFT, took about 0.7x the time in a rough timing).
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use features_1d::{MelParams, MelSpectrogram, Mfcc, MfccParams};
use ndarray::Array1;
use sigfeat_benches::registry::speech::{CASES, GROUP, LEN, SAMPLE_RATE};
use sigfeat_benches::{SEED, signal};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn speech(c: &mut Criterion) {
    let y: Array1<f32> = signal(LEN, SEED).mapv(|v| v as f32);
    let params = MelParams::default().sample_rate(SAMPLE_RATE);
    let mel = MelSpectrogram::<f32>::new(params).expect("librosa's defaults are valid");
    let mfcc =
        Mfcc::<f32>::new(MfccParams::default().mel(params)).expect("librosa's defaults are valid");
    let mut g = c.benchmark_group(GROUP);
    g.bench_function(CASES[0].0, |b| {
        b.iter(|| mel.process(black_box(y.view())).expect("finite input"))
    });
    g.bench_function(CASES[1].0, |b| {
        b.iter(|| mfcc.process(black_box(y.view())).expect("finite input"))
    });
    g.finish();
}

criterion_group!(benches, speech);
criterion_main!(benches);
