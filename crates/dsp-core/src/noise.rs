//! Seeded Gaussian noise, reproducible across platforms and memory layouts.

use ndarray::{Array, ArrayView, Dimension};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::Normal;

use crate::{Error, Float, Result};

/// A copy of `x` plus independent `N(0, std^2)` noise, reproducible from `seed`.
///
/// The noise comes from `rand_chacha::ChaCha8Rng::seed_from_u64(seed)` and
/// `rand_distr::Normal::new(0.0, std)`, drawn in `f64` in row-major (logical) order and
/// rounded once to `T`, so the same seed gives the same output for any memory layout, on any
/// platform. `std = 0` returns an exact copy. Non-finite samples stay non-finite. The input is
/// not modified.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `std` is finite and `>= 0`.
///
/// # Example
/// ```
/// use ndarray::Array1;
/// let x = Array1::<f64>::zeros(4);
/// let a = dsp_core::add_gaussian_noise(x.view(), 0.1, 7)?;
/// let b = dsp_core::add_gaussian_noise(x.view(), 0.1, 7)?;
/// assert_eq!(a, b);
/// assert_ne!(a, x);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn add_gaussian_noise<T: Float, D: Dimension>(
    x: ArrayView<'_, T, D>,
    std: f64,
    seed: u64,
) -> Result<Array<T, D>> {
    let invalid = || Error::InvalidParameter {
        name: "std",
        value: std,
        expected: "a finite value >= 0",
    };
    if !(std.is_finite() && std >= 0.0) {
        return Err(invalid());
    }
    let normal = Normal::new(0.0, std).map_err(|_| invalid())?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // x.iter() walks logical (row-major) order whatever the strides, and the result is built
    // in standard layout, so the noise sequence never depends on the input's memory layout.
    let values: Vec<T> = x
        .iter()
        .map(|&v| {
            let e: f64 = rng.sample(normal);
            v + T::of(e)
        })
        .collect();
    // `values` has exactly x.len() elements, one per element of x's shape.
    Ok(Array::from_shape_vec(x.raw_dim(), values).expect("one value per element of x"))
}
