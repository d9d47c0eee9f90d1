//! Shared inputs and the case registry of sigfeat's criterion benchmarks.
//!
//! Every benchmark draws its inputs from here so that `cargo xtask bench`
//! can hand the Python side exactly the same data (same seed, same
//! distribution, same sizes), and takes its criterion ids and parameters from
//! [`registry`], where each case also names its Python counterpart.

use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2, Array3, Axis, Slice};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

pub mod registry;

/// The seed every benchmark input is drawn with.
pub const SEED: u64 = 20_171_111;

/// A standard-normal signal of length `n` from `seed`.
#[must_use]
pub fn signal(n: usize, seed: u64) -> Array1<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Array1::from_shape_simple_fn(n, || StandardNormal.sample(&mut rng))
}

/// A standard-normal `rows x cols` image from `seed`.
#[must_use]
pub fn image(rows: usize, cols: usize, seed: u64) -> Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Array2::from_shape_simple_fn((rows, cols), || StandardNormal.sample(&mut rng))
}

/// A grey image shipped in `datasets/images`, as `f64` grey levels 0..255
/// (`datasets::read_gray_u8`): the range SURF's default threshold is meant for.
///
/// # Panics
/// When the shipped image is missing or unreadable: the benches need the repository's data.
#[must_use]
pub fn shipped_levels(name: &str) -> Array2<f64> {
    let path = datasets::shipped_image(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    datasets::read_gray_u8(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .mapv(f64::from)
}

/// The 200 images of the shipped lfw subset, each upscaled 4x to 100x100 by bilinear
/// interpolation (`filters::rescale`), as the report's bag-of-words tasks use them.
///
/// # Panics
/// When the shipped subset is missing or unreadable.
#[must_use]
pub fn lfw_upscaled() -> Array3<f64> {
    let (faces, _) = datasets::bundled_lfw_subset().unwrap_or_else(|e| panic!("lfw: {e}"));
    let mut out = Array3::zeros((faces.len_of(Axis(0)), 100, 100));
    for (src, mut dst) in faces.outer_iter().zip(out.outer_iter_mut()) {
        let up = filters::rescale(src, 4.0).unwrap_or_else(|e| panic!("rescale: {e}"));
        dst.assign(&up);
    }
    out
}

/// The first `n` MNIST training images (grey levels, `n x 28 x 28`) and their labels, from the
/// shipped, checksummed set (`datasets::bundled_mnist`).
///
/// # Panics
/// When the shipped set is missing or corrupt, or has fewer than `n` images.
#[must_use]
pub fn mnist_train(n: usize) -> (Array3<u8>, Array1<u8>) {
    let (images, labels) =
        datasets::bundled_mnist(datasets::MnistSplit::Train).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        n <= labels.len(),
        "MNIST has {} training images",
        labels.len()
    );
    (
        images.slice_axis(Axis(0), Slice::from(..n)).to_owned(),
        labels.slice_axis(Axis(0), Slice::from(..n)).to_owned(),
    )
}

/// The voice folder the audio benchmarks read: `files` mono 16-bit WAVs of `frames` frames at
/// `rate` Hz under `dir/en_US_f_Bench/` (named `0000.wav`, ...), file `i` being
/// [`signal`]`(frames, seed + i)` scaled by 0.25 and clipped to `[-1, 1]`. Files already there
/// are kept (the draw is deterministic). Returns the voice folder's root (`dir`).
///
/// # Panics
/// When a file cannot be written: the benches need their inputs.
#[must_use]
pub fn wav_folder(dir: &Path, files: usize, frames: usize, rate: u32, seed: u64) -> PathBuf {
    let voice = dir.join("en_US_f_Bench");
    std::fs::create_dir_all(&voice).unwrap_or_else(|e| panic!("{}: {e}", voice.display()));
    for i in 0..files {
        let path = voice.join(format!("{i:04}.wav"));
        if path.is_file() {
            continue;
        }
        let x = signal(frames, seed + i as u64).mapv(|v| (0.25 * v).clamp(-1.0, 1.0));
        datasets::write_wav(
            &path,
            x.insert_axis(Axis(0)).view(),
            rate,
            datasets::WavFormat::Pcm16,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    dir.to_path_buf()
}
