//! Small signal helpers of the tutorial: min-max scaling, mono mixdown, peak normalisation
//! and seeded Gaussian noise.

use ndarray::{Array, Array1, ArrayView, ArrayView2, Axis, Dimension};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::Normal;

use crate::check::{ensure_finite, ensure_len};
use crate::{Error, Float, Result};

/// Equal to numpy's `(x - x.min()) / (x.max() - x.min())`: min-max scaling of an array of any
/// dimension to `[0, 1]` (the tutorial's `imscale`).
///
/// # Errors
/// [`Error::TooShort`] for an empty array; [`Error::NonFinite`] at the first NaN or infinity;
/// [`Error::ConstantInput`] when every element is equal (numpy would return NaNs).
///
/// # Example
/// ```
/// use ndarray::array;
/// let y = dsp_core::imscale(array![[2.0_f64, 4.0], [6.0, 10.0]].view())?;
/// assert_eq!(y, array![[0.0, 0.25], [0.5, 1.0]]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn imscale<T: Float, D: Dimension>(x: ArrayView<'_, T, D>) -> Result<Array<T, D>> {
    ensure_len("x", x.len(), 1)?;
    let (lo, hi) = finite_min_max("x", &x)?;
    if hi == lo {
        return Err(Error::ConstantInput {
            what: "x",
            value: lo.to_f64_lossless(),
        });
    }
    let range = hi - lo;
    Ok(x.mapv(|v| (v - lo) / range))
}

/// Equal to numpy's `x.mean(axis=1)` for audio laid out `frames x channels`: the mono mixdown.
///
/// Non-finite samples propagate into their frame's mean, as in numpy.
///
/// # Errors
/// [`Error::TooShort`] when there are no frames or no channels.
///
/// # Example
/// ```
/// use ndarray::array;
/// let mono = dsp_core::mono_mixdown(array![[1.0_f32, 3.0], [-2.0, 2.0]].view())?;
/// assert_eq!(mono, array![2.0, 0.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn mono_mixdown<T: Float>(frames: ArrayView2<'_, T>) -> Result<Array1<T>> {
    ensure_len("frames (rows)", frames.nrows(), 1)?;
    ensure_len("channels (columns)", frames.ncols(), 1)?;
    let n = T::of_usize(frames.ncols());
    Ok(frames
        .axis_iter(Axis(0))
        .map(|frame| frame.iter().fold(T::zero(), |s, &v| s + v) / n)
        .collect())
}

/// Equal to numpy's `x / np.abs(x).max()`: scales a signal (any dimension) so its largest
/// magnitude is 1.
///
/// # Errors
/// [`Error::TooShort`] for an empty array; [`Error::NonFinite`] at the first NaN or infinity;
/// [`Error::ConstantInput`] when every sample is zero.
///
/// # Example
/// ```
/// use ndarray::array;
/// let y = dsp_core::peak_normalize(array![0.5_f64, -2.0, 1.0].view())?;
/// assert_eq!(y, array![0.25, -1.0, 0.5]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn peak_normalize<T: Float, D: Dimension>(x: ArrayView<'_, T, D>) -> Result<Array<T, D>> {
    ensure_len("x", x.len(), 1)?;
    let (lo, hi) = finite_min_max("x", &x)?;
    let peak = hi.abs().max(lo.abs());
    if peak == T::zero() {
        return Err(Error::ConstantInput {
            what: "x",
            value: 0.0,
        });
    }
    Ok(x.mapv(|v| v / peak))
}

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

/// Minimum and maximum of a non-empty array in one pass, or [`Error::NonFinite`] at the first
/// NaN or infinity.
fn finite_min_max<T: Float, D: Dimension>(
    what: &'static str,
    x: &ArrayView<'_, T, D>,
) -> Result<(T, T)> {
    let (lo, hi, finite) = match x.as_slice_memory_order() {
        Some(s) => slice_min_max(s),
        None => x.iter().fold(
            (T::infinity(), T::neg_infinity(), true),
            |(lo, hi, finite), &v| (lo.min(v), hi.max(v), finite && v.is_finite()),
        ),
    };
    if !finite {
        ensure_finite(what, x.iter())?;
    }
    Ok((lo, hi))
}

/// `(min, max, all finite)` of a slice with eight independent lanes, so the compiler can keep
/// them in vector registers (a single running min is a serial dependency it may not split).
fn slice_min_max<T: Float>(s: &[T]) -> (T, T, bool) {
    const LANES: usize = 8;
    let mut lo = [T::infinity(); LANES];
    let mut hi = [T::neg_infinity(); LANES];
    // v * 0 is 0 for finite v and NaN for NaN or infinity, so `poison` stays 0 exactly when
    // every element is finite.
    let mut poison = [T::zero(); LANES];
    let chunks = s.chunks_exact(LANES);
    let tail = chunks.remainder();
    for c in chunks {
        for k in 0..LANES {
            let v = c[k];
            lo[k] = if v < lo[k] { v } else { lo[k] };
            hi[k] = if v > hi[k] { v } else { hi[k] };
            poison[k] += v * T::zero();
        }
    }
    for (k, &v) in tail.iter().enumerate() {
        lo[k] = if v < lo[k] { v } else { lo[k] };
        hi[k] = if v > hi[k] { v } else { hi[k] };
        poison[k] += v * T::zero();
    }
    let lo = lo.iter().fold(T::infinity(), |m, &v| m.min(v));
    let hi = hi.iter().fold(T::neg_infinity(), |m, &v| m.max(v));
    let finite = poison.iter().all(|p| *p == T::zero());
    (lo, hi, finite)
}
