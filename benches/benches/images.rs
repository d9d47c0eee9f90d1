//! Image features and bags of words on the sizes of the performance targets:
//!
//! - SURF detect + describe (mahotas' defaults) on the 512x512 camera image;
//! - dense SURF (spacing 4, scale 2) over the 200 lfw images upscaled to 100x100;
//! - HOG (skimage's defaults) of a 512x512 image;
//! - k-means, k = 100 on 100000 x 64 `f32`, 20 Lloyd iterations from the first 100 rows
//!   (`tol = 0`), and sklearn's greedy k-means++ seeding of the same data;
//! - VLAD and improved Fisher encodings of 10000 x 64 descriptors with 64 words / Gaussians.
//!
//! Python reference (`benches/python/compare.py`, 2 threads where it threads): mahotas
//! `features.surf.surf` / `surf.dense`, `skimage.feature.hog`, sklearn `KMeans(init=X[:100],
//! n_init=1, max_iter=20, tol=0)` / `kmeans_plusplus`, and numpy implementations of VLFeat's
//! `vl_vlad` and `vl_fisher` formulas.
#![allow(missing_docs)]

use bovw::{
    Encoder, Fisher, Gmm, KMeansAlgorithm, KMeansInit, KMeansParams, Vlad, VladFlags, Vocabulary,
    kmeans_plusplus,
};
use criterion::{Criterion, criterion_group, criterion_main};
use dsp_core::Fit;
use features_2d::{HogParams, SurfParams, dense_surf_batch, hog, surf};
use ndarray::{Array1, Array2, Axis};
use sigfeat_benches::registry::images::{
    BOVW_GROUP, DENSE_SPACING, DENSE_SURF, ENCODE_K, ENCODE_SHAPE, FEATURES_GROUP, FISHER, HOG,
    HOG_SIDE, KMEANS, KMEANS_ELKAN, KMEANS_ITER, KMEANS_K, KMEANS_PP, KMEANS_SHAPE, SURF,
    SURF_IMAGE, VLAD,
};
use sigfeat_benches::{SEED, image, lfw_upscaled, shipped_levels};
use std::hint::black_box;

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn features(c: &mut Criterion) {
    let camera = shipped_levels(SURF_IMAGE);
    let lfw = lfw_upscaled();
    let lfw_views: Vec<_> = lfw.outer_iter().collect();
    let hog_image = image(HOG_SIDE, HOG_SIDE, SEED);
    let mut g = c.benchmark_group(FEATURES_GROUP);
    g.sample_size(20);
    g.bench_function(SURF, |b| {
        let params = SurfParams::default();
        b.iter(|| surf(black_box(camera.view()), &params))
    });
    g.bench_function(DENSE_SURF, |b| {
        b.iter(|| dense_surf_batch(black_box(&lfw_views), DENSE_SPACING, None))
    });
    g.bench_function(HOG, |b| {
        let params = HogParams::default();
        b.iter(|| hog(black_box(hog_image.view()), &params))
    });
    g.finish();
}

fn clustering(c: &mut Criterion) {
    let x: Array2<f32> = image(KMEANS_SHAPE.0, KMEANS_SHAPE.1, SEED).mapv(|v| v as f32);
    let init = x.slice_axis(Axis(0), (0..KMEANS_K).into()).to_owned();
    let mut g = c.benchmark_group(BOVW_GROUP);
    g.sample_size(10);
    g.bench_function(KMEANS, |b| {
        let params = KMeansParams::new(KMEANS_K)
            .init(KMeansInit::Centers(init.clone()))
            .max_iter(KMEANS_ITER)
            .tol(0.0);
        b.iter(|| params.fit(black_box(&x), &()))
    });
    g.bench_function(KMEANS_ELKAN, |b| {
        let params = KMeansParams::new(KMEANS_K)
            .init(KMeansInit::Centers(init.clone()))
            .max_iter(KMEANS_ITER)
            .tol(0.0)
            .algorithm(KMeansAlgorithm::Elkan);
        b.iter(|| params.fit(black_box(&x), &()))
    });
    g.bench_function(KMEANS_PP, |b| {
        b.iter(|| kmeans_plusplus(black_box(x.view()), KMEANS_K, None, 0))
    });

    let d = image(ENCODE_SHAPE.0, ENCODE_SHAPE.1, SEED);
    let centres = image(ENCODE_K, ENCODE_SHAPE.1, SEED + 1);
    let vlad = Vlad::new(
        Vocabulary::new(centres.clone()).expect("finite centres"),
        VladFlags::default(),
    );
    g.bench_function(VLAD, |b| b.iter(|| vlad.encode(black_box(d.view()))));
    let gmm = Gmm::from_parts(
        Array1::from_elem(ENCODE_K, 1.0 / ENCODE_K as f64),
        centres.clone(),
        Array2::ones(centres.dim()),
    )
    .expect("valid mixture");
    let fisher = Fisher::new(gmm, true);
    g.bench_function(FISHER, |b| b.iter(|| fisher.encode(black_box(d.view()))));
    g.finish();
}

criterion_group!(benches, features, clustering);
criterion_main!(benches);
