//! Sample frequencies and zero-frequency shifts, as `numpy.fft`.

use ndarray::{Array, Array1, ArrayView, Axis, Dimension};

use crate::Result;

/// DFT sample frequencies; equal to `numpy.fft.fftfreq(n, d)` (tested against it).
///
/// `[0, 1, ..., (n - 1) / 2, -(n / 2), ..., -1] / (n * d)` for sample spacing `d`.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] when `n == 0`; [`dsp_core::Error::InvalidParameter`] unless
/// `d` is finite and `> 0`.
pub fn fftfreq<T: dsp_core::Float>(n: usize, d: f64) -> Result<Array1<T>> {
    dsp_core::check::ensure_len("n", n, 1)?;
    dsp_core::check::ensure_positive("d", d)?;
    let val = 1.0 / (n as f64 * d);
    let half = (n - 1) / 2 + 1;
    Ok(Array1::from_shape_fn(n, |i| {
        let k = if i < half {
            i as f64
        } else {
            i as f64 - n as f64
        };
        T::of(k * val)
    }))
}

/// Sample frequencies of [`crate::rfft`]; equal to `numpy.fft.rfftfreq(n, d)` (tested against it).
///
/// `[0, 1, ..., n / 2] / (n * d)`.
///
/// # Errors
/// As [`fftfreq`].
pub fn rfftfreq<T: dsp_core::Float>(n: usize, d: f64) -> Result<Array1<T>> {
    dsp_core::check::ensure_len("n", n, 1)?;
    dsp_core::check::ensure_positive("d", d)?;
    let val = 1.0 / (n as f64 * d);
    Ok(Array1::from_shape_fn(n / 2 + 1, |i| T::of(i as f64 * val)))
}

/// Moves the zero-frequency term to the centre along every axis; equal to `numpy.fft.fftshift(x)`.
///
/// Each axis of length `n` is rolled by `n / 2`. Empty axes are left as they are.
#[must_use]
pub fn fftshift<A: Clone, D: Dimension>(x: ArrayView<'_, A, D>) -> Array<A, D> {
    roll_all(x, |n| n / 2)
}

/// Inverse of [`fftshift`]; equal to `numpy.fft.ifftshift(x)`.
///
/// Each axis of length `n` is rolled by `-(n / 2)`, which undoes [`fftshift`] for odd `n` too.
#[must_use]
pub fn ifftshift<A: Clone, D: Dimension>(x: ArrayView<'_, A, D>) -> Array<A, D> {
    roll_all(x, |n| n - n / 2)
}

/// Rolls every axis right by `shift(len)`.
fn roll_all<A: Clone, D: Dimension>(
    x: ArrayView<'_, A, D>,
    shift: impl Fn(usize) -> usize,
) -> Array<A, D> {
    let mut cur = x.to_owned();
    for ax in 0..x.ndim() {
        let n = cur.len_of(Axis(ax));
        if n == 0 {
            continue;
        }
        let k = shift(n) % n;
        if k == 0 {
            continue;
        }
        let split = n - k;
        let mut next = cur.clone();
        next.slice_axis_mut(Axis(ax), (0..k).into())
            .assign(&cur.slice_axis(Axis(ax), (split..n).into()));
        next.slice_axis_mut(Axis(ax), (k..n).into())
            .assign(&cur.slice_axis(Axis(ax), (0..split).into()));
        cur = next;
    }
    cur
}
