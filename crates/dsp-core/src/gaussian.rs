//! Sampled Gaussian kernels and their derivatives, as `scipy.ndimage` builds them, and the
//! tutorial's analytic `g(s, o, n)`.
//!
//! Two orientations exist and both are offered:
//!
//! * [`gaussian_kernel1d`] is scipy's private `_gaussian_kernel1d(sigma, order, radius)`:
//!   sample `i` holds the kernel at `x = i - radius`, i.e. a *convolution* kernel
//!   (`d^o/dx^o` of the normalised Gaussian, for odd orders negative for `x > 0`).
//! * [`gaussian_weights`] is that kernel reversed, `_gaussian_kernel1d(...)[::-1]`: exactly the
//!   *correlation* weights `scipy.ndimage.gaussian_filter1d` hands to `correlate1d`.
//!
//! For even orders the two are identical (the kernel is symmetric); for odd orders they differ
//! in sign. All values are computed in `f64` the way scipy computes them and rounded once to `T`.

use crate::check::{ensure_positive, ensure_sigma};
use crate::{Error, Float, Result};

/// Largest derivative order supported by [`gaussian_kernel1d`] and [`tutorial::g`](crate::tutorial::g).
pub const MAX_GAUSSIAN_ORDER: usize = 3;

/// Radii beyond this are refused: the kernel alone would need gigabytes.
const MAX_RADIUS: f64 = (1u64 << 28) as f64;

/// Equal to the radius `scipy.ndimage.gaussian_filter1d` uses: `int(truncate * sigma + 0.5)`.
///
/// # Errors
/// [`Error::InvalidSigma`] unless `sigma` is finite and `> 0`; [`Error::InvalidParameter`]
/// unless `truncate` is finite and `> 0`, or when the radius exceeds 2^28 samples.
///
/// # Example
/// ```
/// assert_eq!(dsp_core::gaussian_radius(2.0, 4.0)?, 8);
/// assert_eq!(dsp_core::gaussian_radius(1.1, 4.0)?, 4); // int(4.9)
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn gaussian_radius(sigma: f64, truncate: f64) -> Result<usize> {
    ensure_sigma(sigma)?;
    ensure_positive("truncate", truncate)?;
    let r = truncate * sigma + 0.5;
    // r is not NaN: sigma and truncate are finite and > 0 (inf compares as too large).
    if r >= MAX_RADIUS {
        return Err(Error::InvalidParameter {
            name: "truncate * sigma",
            value: truncate * sigma,
            expected: "a kernel radius below 2^28 samples",
        });
    }
    // Python's int() truncates toward zero; r > 0 here, so this is floor.
    Ok(r as usize)
}

/// Equal to `scipy.ndimage._filters._gaussian_kernel1d(sigma, order, radius)` (tested against
/// it): the CONVOLUTION kernel of length `2 * radius + 1`.
///
/// Sample `i` is at `x = i - radius`. Order 0 is `exp(-x^2 / 2 sigma^2)` normalised to sum 1;
/// order `o` multiplies it by the polynomial `q_o(x)` of scipy's recurrence
/// `q_{k+1} = q_k' - x q_k / sigma^2`, `q_0 = 1`, so order `o` is the `o`-th derivative of the
/// (discretely normalised) Gaussian. Reverse it, or call [`gaussian_weights`], to get the
/// correlation weights `gaussian_filter1d` uses.
///
/// # Errors
/// [`Error::InvalidSigma`] unless `sigma` is finite and `> 0`; [`Error::InvalidOrder`] when
/// `order > 3`; [`Error::InvalidParameter`] when `radius > 2^28`.
///
/// # Example
/// ```
/// let k = dsp_core::gaussian_kernel1d::<f64>(1.0, 1, 2)?;
/// // first derivative: positive left of centre, negative right of it
/// assert!(k[0] > 0.0 && k[2] == 0.0 && k[4] < 0.0);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn gaussian_kernel1d<T: Float>(sigma: f64, order: usize, radius: usize) -> Result<Vec<T>> {
    ensure_sigma(sigma)?;
    ensure_order(order)?;
    if radius as f64 >= MAX_RADIUS {
        return Err(Error::InvalidParameter {
            name: "radius",
            value: radius as f64,
            expected: "a kernel radius below 2^28 samples",
        });
    }
    let sigma2 = sigma * sigma;
    let len = 2 * radius + 1;
    let c = -0.5 / sigma2;
    // x is an integer array in scipy, so x**2 (and every x**k below) is exact.
    let mut phi: Vec<f64> = (0..len)
        .map(|i| {
            let x = i as f64 - radius as f64;
            (c * (x * x)).exp()
        })
        .collect();
    let total = pairwise_sum(&phi);
    for p in &mut phi {
        *p /= total;
    }
    if order > 0 {
        let q = derivative_polynomial(order, sigma2);
        for (i, p) in phi.iter_mut().enumerate() {
            let x = i as f64 - radius as f64;
            let mut xk = 1.0;
            let mut acc = 0.0;
            for &qk in &q[..=order] {
                acc += xk * qk;
                xk *= x;
            }
            *p *= acc;
        }
    }
    Ok(phi.into_iter().map(T::of).collect())
}

/// Equal to the weights `scipy.ndimage.gaussian_filter1d(input, sigma, order, truncate=truncate,
/// radius=radius)` correlates with: `_gaussian_kernel1d(sigma, order, r)[::-1]`, tested against
/// `gaussian_filter1d`'s impulse response.
///
/// The radius is `radius` when given, else [`gaussian_radius`]`(sigma, truncate)`. Feed the
/// result to a correlation with origin 0 to reproduce `gaussian_filter1d`.
///
/// # Errors
/// As [`gaussian_radius`] and [`gaussian_kernel1d`] (`truncate` is checked even when `radius`
/// is given).
///
/// # Example
/// ```
/// let w = dsp_core::gaussian_weights::<f64>(1.0, 0, 4.0, None)?;
/// assert_eq!(w.len(), 9);
/// assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-15);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn gaussian_weights<T: Float>(
    sigma: f64,
    order: usize,
    truncate: f64,
    radius: Option<usize>,
) -> Result<Vec<T>> {
    let auto = gaussian_radius(sigma, truncate)?;
    let mut k = gaussian_kernel1d(sigma, order, radius.unwrap_or(auto))?;
    k.reverse();
    Ok(k)
}

pub(crate) fn ensure_order(order: usize) -> Result<()> {
    if order > MAX_GAUSSIAN_ORDER {
        return Err(Error::InvalidOrder {
            order,
            max: MAX_GAUSSIAN_ORDER,
        });
    }
    Ok(())
}

/// Coefficients `q[k]` (of `x^k`) of scipy's derivative polynomial, `order <= 3`.
fn derivative_polynomial(order: usize, sigma2: f64) -> [f64; MAX_GAUSSIAN_ORDER + 1] {
    let mut q = [0.0; MAX_GAUSSIAN_ORDER + 1];
    q[0] = 1.0;
    let p = 1.0 / -sigma2;
    for _ in 0..order {
        // (D + P) q with D = diag(1..=order, +1) (derivative) and P = diag(-1/sigma2, -1).
        let mut next = [0.0; MAX_GAUSSIAN_ORDER + 1];
        for (i, n) in next.iter_mut().enumerate().take(order + 1) {
            let lower = if i > 0 { p * q[i - 1] } else { 0.0 };
            let upper = if i < order {
                (i + 1) as f64 * q[i + 1]
            } else {
                0.0
            };
            *n = upper + lower;
        }
        q = next;
    }
    q
}

/// numpy's pairwise summation (`pairwise_sum` in `loops_utils.h`), so that the order-0
/// normalisation rounds exactly as `phi_x.sum()` does.
fn pairwise_sum(a: &[f64]) -> f64 {
    const BLOCK: usize = 128;
    let n = a.len();
    if n < 8 {
        // numpy starts from -0.0 so that an all -0.0 sum keeps its sign; irrelevant for phi > 0.
        a.iter().fold(-0.0, |s, &v| s + v)
    } else if n <= BLOCK {
        let mut r = [0.0; 8];
        r.copy_from_slice(&a[..8]);
        let mut i = 8;
        while i + 8 <= n {
            for (k, rk) in r.iter_mut().enumerate() {
                *rk += a[i + k];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &v in &a[i..] {
            res += v;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&a[..n2]) + pairwise_sum(&a[n2..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurrence_gives_the_hermite_like_polynomials() {
        let s2 = 4.0;
        assert_eq!(derivative_polynomial(1, s2)[..2], [0.0, -0.25]);
        assert_eq!(derivative_polynomial(2, s2)[..3], [-0.25, 0.0, 0.0625]);
        assert_eq!(
            derivative_polynomial(3, s2),
            [0.0, 3.0 * 0.0625, 0.0, -0.015625]
        );
    }

    #[test]
    fn pairwise_sum_is_a_sum() {
        for n in [0_usize, 1, 7, 8, 9, 127, 128, 129, 1000] {
            let v: Vec<f64> = (0..n).map(|i| i as f64).collect();
            assert_eq!(pairwise_sum(&v), (n * n.saturating_sub(1) / 2) as f64);
        }
    }
}
