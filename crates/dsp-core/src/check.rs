//! Input checks shared by every crate: one place that turns bad input into [`Error`]s.

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
