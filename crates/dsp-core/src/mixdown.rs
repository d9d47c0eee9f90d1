//! Channel mixdown of multichannel audio laid out `frames x channels`.

use ndarray::{Array1, ArrayView2, Axis};

use crate::check::ensure_len;
use crate::{Float, Result};

/// Equal to numpy's `x.mean(axis=1)` for audio laid out `frames x channels`: the mono mixdown.
///
/// Non-finite samples propagate into their frame's mean, as in numpy.
///
/// # Errors
/// [`Error::TooShort`](crate::Error::TooShort) when there are no frames or no channels.
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
