//! Shared inputs and the case registry of sigfeat's criterion benchmarks.
//!
//! Every benchmark draws its inputs from here so that `cargo xtask bench`
//! can hand the Python side exactly the same data (same seed, same
//! distribution, same sizes), and takes its criterion ids and parameters from
//! [`registry`], where each case also names its Python counterpart.

use ndarray::{Array1, Array2};
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
