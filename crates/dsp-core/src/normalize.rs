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
