//! Peak normalisation of signals of any dimension.

use ndarray::{Array, ArrayView, Dimension};

use crate::check::{ensure_len, finite_min_max};
use crate::{Error, Float, Result};

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

/// Equal to numpy's `x * (target / np.sqrt(np.mean(x ** 2)))`: scales a signal (any
/// dimension) so its root-mean-square value is `target` (loudness normalisation).
///
/// # Errors
/// [`Error::TooShort`] for an empty array; [`Error::NonFinite`] at the first NaN or infinity
/// (of `x` or `target`); [`Error::ConstantInput`] when every sample is zero;
/// [`Error::InvalidParameter`] for `target <= 0`.
///
/// # Example
/// ```
/// use ndarray::array;
/// let y = dsp_core::rms_normalize(array![3.0_f64, -3.0, 3.0, -3.0].view(), 0.5)?;
/// assert_eq!(y, array![0.5, -0.5, 0.5, -0.5]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn rms_normalize<T: Float, D: Dimension>(
    x: ArrayView<'_, T, D>,
    target: T,
) -> Result<Array<T, D>> {
    ensure_len("x", x.len(), 1)?;
    if !(target > T::zero() && target.is_finite()) {
        return Err(Error::InvalidParameter {
            name: "target",
            value: target.to_f64_lossless(),
            expected: "a finite RMS level > 0",
        });
    }
    finite_min_max("x", &x)?;
    let mean_sq = x.iter().fold(T::zero(), |s, &v| s + v * v) / T::of_usize(x.len());
    if mean_sq == T::zero() {
        return Err(Error::ConstantInput {
            what: "x",
            value: 0.0,
        });
    }
    let gain = target / mean_sq.sqrt();
    Ok(x.mapv(|v| v * gain))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn rms_normalize_reaches_the_target_rms() {
        let x = array![[0.1_f64, -0.7, 0.3], [0.9, -0.2, 0.05]];
        let y = rms_normalize(x.view(), 0.25).unwrap();
        let rms = (y.iter().map(|v| v * v).sum::<f64>() / 6.0).sqrt();
        assert!((rms - 0.25).abs() < 1e-15, "{rms}");
        // A pure scaling: every ratio is the same gain.
        let g = y[[0, 0]] / x[[0, 0]];
        assert!(y.iter().zip(&x).all(|(a, b)| (a / b - g).abs() < 1e-14));
    }

    #[test]
    fn rms_normalize_refuses_silence_empty_nan_and_bad_targets() {
        let z = array![0.0_f32, 0.0];
        assert!(matches!(
            rms_normalize(z.view(), 1.0),
            Err(Error::ConstantInput { .. })
        ));
        let e = ndarray::Array1::<f64>::zeros(0);
        assert!(matches!(
            rms_normalize(e.view(), 1.0),
            Err(Error::TooShort { .. })
        ));
        let n = array![1.0_f64, f64::NAN];
        assert!(matches!(
            rms_normalize(n.view(), 1.0),
            Err(Error::NonFinite { .. })
        ));
        let x = array![1.0_f64, -1.0];
        for t in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                rms_normalize(x.view(), t),
                Err(Error::InvalidParameter { .. })
            ));
        }
    }
}
