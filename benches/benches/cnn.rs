//! The CNNs on burn's CPU backend (`cnn::cpu()`, rayon threads): one Adam training step of the
//! tutorial's MNIST network on 512 MNIST training images, and EfficientNet-Lite0's pooled
//! features of the 200 upscaled lfw images (resized to 224 x 224, grey repeated to RGB) at 16
//! images per forward pass.
//!
//! Python reference (same data, same machine, same thread count): Keras 3 on JAX (CPU),
//! `benches/python/keras_cnn.py`: the same MNIST model's `train_on_batch` (after a warm-up call
//! that compiles it), and `keras.applications.EfficientNetB0(weights=None, include_top=False,
//! pooling="avg")`'s `predict(batch_size=16)` of the same images resized inside the call
//! (EfficientNet-B0 is Lite0's size and cost; random weights, as only the time is compared).
//!
//! One step is `cnn::train` with one epoch of one batch (no shuffle): the batch's tensor, the
//! forward and backward passes, Adam's update and the loss and accuracy read back, as Keras'
//! `train_on_batch` does. `train` takes the network by value, so each iteration gets a clone of
//! the initial one (outside the timing). burn-flex allocates a fresh buffer per operation, so
//! mimalloc is this binary's allocator, as in the binaries that train.
//!
//! `cargo xtask bench --venv --filter 'cnn/'` on the shared 2-core AMD EPYC VM (load 4-6, 2
//! threads on both sides), 2026-12-05: training step 2.02 s vs Keras 3.14 s (0.64; about 238 s
//! vs 370 s per 118-step epoch), features 17.1 s vs EfficientNetB0's 44.9 s (0.38; 11.7 vs 4.5
//! images/s). At load 2 the same evening: 1.13 s per step, 11.4 s for the features.
#![allow(missing_docs)]

use cnn::{EfficientNetLite0, MnistCnnConfig, Samples, TrainConfig, cpu, train};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use ndarray::{Array3, ArrayView3, Axis};
use sigfeat_benches::registry::cnn::{
    EFFICIENTNET_FEATURES, FEATURES_BATCH, GROUP, MNIST_BATCH, MNIST_TRAIN_STEP,
};
use sigfeat_benches::{lfw_upscaled, mnist_train};
use std::hint::black_box;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group(GROUP);
    // Calls of a second or more: the same number of iterations in every sample.
    g.sampling_mode(SamplingMode::Flat);

    let (images, labels) = mnist_train(MNIST_BATCH);
    let samples = Samples::images_u8(images.view())
        .and_then(|s| s.with_labels(labels.iter().map(|&l| usize::from(l)).collect()))
        .expect("MNIST images are non-empty and have one label each");
    let device = cpu().autodiff();
    let network = MnistCnnConfig::default()
        .init(0, &device)
        .expect("the tutorial's sizes are valid");
    let step = TrainConfig {
        epochs: 1,
        batch_size: MNIST_BATCH,
        shuffle: false,
        ..TrainConfig::default()
    };
    g.bench_function(MNIST_TRAIN_STEP, |b| {
        b.iter_batched(
            || network.clone(),
            |net| {
                train(net, black_box(&samples), None, &step, &device, &mut ())
                    .expect("labelled MNIST samples of the network's shape")
            },
            BatchSize::SmallInput,
        )
    });

    let weights = datasets::bundled_efficientnet_lite0().unwrap_or_else(|e| panic!("{e}"));
    let device = cpu();
    let net = EfficientNetLite0::load(&weights, &device)
        .unwrap_or_else(|e| panic!("{}: {e}", weights.display()));
    // (h, w, 1) grey images in [0, 1], as `features` takes them.
    let faces: Array3<f32> = lfw_upscaled().mapv(|v| v as f32);
    let views: Vec<ArrayView3<'_, f32>> =
        faces.outer_iter().map(|f| f.insert_axis(Axis(2))).collect();
    g.bench_function(EFFICIENTNET_FEATURES, |b| {
        b.iter(|| {
            net.features(black_box(&views), FEATURES_BATCH, &device)
                .expect("finite grey images")
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
