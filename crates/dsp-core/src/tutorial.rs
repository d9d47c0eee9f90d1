//! The tutorial's helpers under the tutorial's names, each pointing to the general function
//! (use those in new code).
//!
//! | tutorial name | general function |
//! |---|---|
//! | [`g`] | [`gaussian_kernel1d`](crate::gaussian_kernel1d) (renormalised, scipy's) |

use crate::check::{ensure_len, ensure_sigma};
use crate::gaussian::ensure_order;
use crate::{Float, Result};

/// The tutorial's `g(s, o, n)`: the analytic `o`-th derivative of the normal density
/// `N(0, s^2)` sampled at `x = arange(n) - (n - 1) / 2` (tested against numpy evaluations of
/// the closed forms).
///
/// The tutorial's source is not available; this is our documented reading of it:
///
/// | order | value |
/// |---|---|
/// | 0 | `g(x) = exp(-x^2 / 2 s^2) / (s sqrt(2 pi))` |
/// | 1 | `-x / s^2 * g(x)` |
/// | 2 | `(x^2 - s^2) / s^4 * g(x)` |
/// | 3 | `-(x^3 - 3 x s^2) / s^6 * g(x)` |
///
/// The general kernel is [`gaussian_kernel1d`](crate::gaussian_kernel1d) (scipy's, sampled at
/// integer offsets and renormalised); unlike it, this one is not renormalised to sum 1 and it is centred between two
/// samples when `n` is even.
///
/// # Errors
/// [`Error::InvalidSigma`](crate::Error::InvalidSigma) unless `s` is finite and `> 0`; [`Error::InvalidOrder`](crate::Error::InvalidOrder) when
/// `order > 3`; [`Error::TooShort`](crate::Error::TooShort) when `n == 0`.
///
/// # Example
/// ```
/// let g = dsp_core::tutorial::g::<f64>(1.0, 0, 3)?;
/// let peak = 1.0 / (2.0 * std::f64::consts::PI).sqrt();
/// assert!((g[1] - peak).abs() < 1e-15);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn g<T: Float>(s: f64, order: usize, n: usize) -> Result<Vec<T>> {
    ensure_sigma(s)?;
    ensure_order(order)?;
    ensure_len("n", n, 1)?;
    let s2 = s * s;
    let norm = 1.0 / (s * (2.0 * std::f64::consts::PI).sqrt());
    let centre = (n as f64 - 1.0) / 2.0;
    Ok((0..n)
        .map(|i| {
            let x = i as f64 - centre;
            let g = (-(x * x) / (2.0 * s2)).exp() * norm;
            let v = match order {
                0 => g,
                1 => -x / s2 * g,
                2 => (x * x - s2) / (s2 * s2) * g,
                // ensure_order caps order at 3.
                _ => -(x * x * x - 3.0 * x * s2) / (s2 * s2 * s2) * g,
            };
            T::of(v)
        })
        .collect())
}
