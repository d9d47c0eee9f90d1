//! Input checks shared by every crate: one place that turns bad input into [`Error`]s.

use ndarray::{ArrayView, Dimension};

use crate::{Error, Float, Result};

/// Fails with [`Error::TooShort`] when `len < min`.
///
/// # Errors
/// [`Error::TooShort`] naming `what`.
pub fn ensure_len(what: &'static str, len: usize, min: usize) -> Result<()> {
    if len < min {
        return Err(Error::TooShort {
            what,
            min,
            got: len,
        });
    }
    Ok(())
}

/// Fails with [`Error::NonFinite`] at the first NaN or infinity in `values`.
///
/// # Errors
/// [`Error::NonFinite`] naming `what`, with the flat index and value found.
pub fn ensure_finite<'a, T: Float>(
    what: &'static str,
    values: impl IntoIterator<Item = &'a T>,
) -> Result<()> {
    for (index, v) in values.into_iter().enumerate() {
        if !v.is_finite() {
            return Err(Error::NonFinite {
                what,
                index,
                value: v.to_f64_lossless(),
            });
        }
    }
    Ok(())
}

/// Fails with [`Error::InvalidSigma`] unless `sigma` is finite and `> 0`.
///
/// # Errors
/// [`Error::InvalidSigma`].
pub fn ensure_sigma(sigma: f64) -> Result<()> {
    if !(sigma.is_finite() && sigma > 0.0) {
        return Err(Error::InvalidSigma { sigma });
    }
    Ok(())
}

/// Fails with [`Error::InvalidParameter`] unless `value` is finite and `> 0`.
///
/// # Errors
/// [`Error::InvalidParameter`] naming `name`.
pub fn ensure_positive(name: &'static str, value: f64) -> Result<()> {
    if !(value.is_finite() && value > 0.0) {
        return Err(Error::InvalidParameter {
            name,
            value,
            expected: "a finite value > 0",
        });
    }
    Ok(())
}

/// Minimum and maximum of a non-empty array in one pass, or [`Error::NonFinite`] at the first
/// NaN or infinity (`what` names the array in the error).
///
/// # Errors
/// [`Error::NonFinite`] at the first NaN or infinity. (An empty array gives
/// `(inf, -inf)`: check its length first.)
///
/// # Example
/// ```
/// use ndarray::array;
/// let x = array![[3.0_f64, -1.0], [2.0, 8.0]];
/// assert_eq!(dsp_core::check::finite_min_max("x", &x.view())?, (-1.0, 8.0));
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn finite_min_max<T: Float, D: Dimension>(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finite_check_reports_first_bad_index() {
        let v = [1.0_f64, 2.0, f64::NAN, f64::INFINITY];
        match ensure_finite("x", &v) {
            Err(Error::NonFinite { index: 2, .. }) => {}
            other => panic!("unexpected {other:?}"),
        }
        assert!(ensure_finite("x", &[1.0_f32, 2.0]).is_ok());
    }

    #[test]
    fn sigma_and_len_checks() {
        assert_eq!(ensure_sigma(0.0), Err(Error::InvalidSigma { sigma: 0.0 }));
        assert!(ensure_sigma(f64::NAN).is_err());
        assert!(ensure_sigma(-1.0).is_err());
        assert!(ensure_sigma(0.5).is_ok());
        assert_eq!(
            ensure_len("k", 0, 1),
            Err(Error::TooShort {
                what: "k",
                min: 1,
                got: 0
            })
        );
        assert!(ensure_positive("f", f64::INFINITY).is_err());
    }
}
