//! Series of unequal length into one matrix: pad, truncate or resample every series to one
//! length (aeon's `Padder`, `Truncator` and `Resizer` collection transformers).
//!
//! UCR/UEA sets such as PLAID or GesturePebbleZ hold series of different lengths; 1-NN and the
//! classifiers take a `(n_series, length)` matrix. Each function here makes one, explicitly:
//!
//! | function | series longer than `length` | series shorter than `length` |
//! | --- | --- | --- |
//! | [`pad`] | error | `fill` appended at the end |
//! | [`truncate`] | first `length` values kept | error |
//! | [`resample`] | linear interpolation | linear interpolation |
//!
//! [`max_length`] and [`min_length`] give the usual targets (pad to the longest, truncate to
//! the shortest, as aeon's defaults). The functions take any float type and any slice of
//! series (a [`Split`](crate::Split)'s `series`), and leave missing values (`NaN`) where they
//! are (resampling spreads a `NaN` to the points interpolated from it, as `numpy.interp`).

use dsp_core::Float;
use ndarray::{Array1, Array2};

use crate::{Error, Result};

/// The length of the longest series (`None` for no series).
#[must_use]
pub fn max_length<T>(series: &[Array1<T>]) -> Option<usize> {
    series.iter().map(Array1::len).max()
}

/// The length of the shortest series (`None` for no series).
#[must_use]
pub fn min_length<T>(series: &[Array1<T>]) -> Option<usize> {
    series.iter().map(Array1::len).min()
}

fn check_target(length: usize) -> Result<()> {
    if length == 0 {
        return Err(Error::InvalidLength { length });
    }
    Ok(())
}

/// Every series padded at its end with `fill` to `length` values: aeon's
/// `Padder(padded_length=length, fill_value=fill)` on a univariate collection.
///
/// # Errors
/// [`Error::InvalidLength`] for `length == 0`; [`Error::SeriesLength`] for a series longer
/// than `length` (nothing is cut: use [`truncate`] or [`resample`] for that).
///
/// # Example
/// ```
/// use ndarray::array;
/// let series = vec![array![1.0, 2.0, 3.0], array![4.0]];
/// let len = datasets::max_length(&series).unwrap();
/// let m = datasets::pad(&series, len, 0.0)?;
/// assert_eq!(m, array![[1.0, 2.0, 3.0], [4.0, 0.0, 0.0]]);
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn pad<T: Float>(series: &[Array1<T>], length: usize, fill: T) -> Result<Array2<T>> {
    check_target(length)?;
    fill_rows(
        series,
        length,
        "pad",
        |s| s.len() <= length,
        |s, row| {
            row.fill(fill);
            row[..s.len()].copy_from_slice(s);
        },
    )
}

/// Every series cut to its first `length` values: aeon's
/// `Truncator(truncated_length=length)` on a univariate collection.
///
/// # Errors
/// [`Error::InvalidLength`] for `length == 0`; [`Error::SeriesLength`] for a series shorter
/// than `length` (nothing is invented: use [`pad`] or [`resample`] for that).
///
/// # Example
/// ```
/// use ndarray::array;
/// let series = vec![array![1.0, 2.0, 3.0], array![4.0, 5.0]];
/// let len = datasets::min_length(&series).unwrap();
/// assert_eq!(datasets::truncate(&series, len)?, array![[1.0, 2.0], [4.0, 5.0]]);
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn truncate<T: Float>(series: &[Array1<T>], length: usize) -> Result<Array2<T>> {
    check_target(length)?;
    fill_rows(
        series,
        length,
        "truncate",
        |s| s.len() >= length,
        |s, row| {
            row.copy_from_slice(&s[..length]);
        },
    )
}

/// Every series linearly interpolated to `length` values on a uniform grid: row `i` is
/// `numpy.interp(numpy.linspace(0, 1, length), numpy.linspace(0, 1, n_i), series_i)` (aeon's
/// `Resizer`), computed as numpy does (in `f64`, rounded to `T` at the end), so the values
/// are numpy's to the last bit.
///
/// The first and last values are kept; a series of one value becomes constant; a series of
/// `length` values comes back unchanged.
///
/// # Errors
/// [`Error::InvalidLength`] for `length == 0`; [`Error::SeriesLength`] for an empty series
/// (`numpy.interp` refuses one too).
///
/// # Example
/// ```
/// use ndarray::array;
/// let series = vec![array![0.0, 2.0, 4.0], array![1.0, 3.0]];
/// let m = datasets::resample(&series, 5)?;
/// assert_eq!(m, array![[0.0, 1.0, 2.0, 3.0, 4.0], [1.0, 1.5, 2.0, 2.5, 3.0]]);
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn resample<T: Float>(series: &[Array1<T>], length: usize) -> Result<Array2<T>> {
    check_target(length)?;
    let grid = linspace01(length);
    fill_rows(
        series,
        length,
        "resample",
        |s| !s.is_empty(),
        |s, row| {
            interp_into(&grid, &linspace01(s.len()), s, row);
        },
    )
}

/// Checks every series with `fits`, then writes row `i` from series `i` with `write`.
fn fill_rows<T: Float>(
    series: &[Array1<T>],
    length: usize,
    op: &'static str,
    fits: impl Fn(&[T]) -> bool,
    write: impl Fn(&[T], &mut [T]),
) -> Result<Array2<T>> {
    let mut out = Array2::zeros((series.len(), length));
    for (index, (s, mut row)) in series.iter().zip(out.rows_mut()).enumerate() {
        let s = s.as_standard_layout();
        // a standard-layout 1-D array is contiguous
        let s = s.as_slice().expect("standard layout is contiguous");
        if !fits(s) {
            return Err(Error::SeriesLength {
                index,
                len: s.len(),
                op,
                length,
            });
        }
        // rows of a fresh standard-layout matrix are contiguous
        write(s, row.as_slice_mut().expect("fresh rows are contiguous"));
    }
    Ok(out)
}

/// `numpy.linspace(0, 1, n)`: `i * (1 / (n - 1))`, the last point exactly 1.
fn linspace01(n: usize) -> Vec<f64> {
    if n == 1 {
        return vec![0.0];
    }
    let step = 1.0 / (n - 1) as f64;
    let mut v: Vec<f64> = (0..n).map(|i| i as f64 * step).collect();
    v[n - 1] = 1.0;
    v
}

/// `numpy.interp(x, xp, fp)` for ascending `xp` covering `x` (both grids span `[0, 1]`),
/// with numpy's arithmetic in `f64` (`arr_interp`): `fp[j]` where `x == xp[j]`, else
/// `slope * (x - xp[j]) + fp[j]` with `slope = (fp[j+1] - fp[j]) / (xp[j+1] - xp[j])`.
fn interp_into<T: Float>(x: &[f64], xp: &[f64], fp: &[T], out: &mut [T]) {
    let last = xp.len() - 1;
    let mut j = 0;
    for (o, &xi) in out.iter_mut().zip(x) {
        // both grids ascend: the bracketing interval only moves right
        while j < last && xp[j + 1] <= xi {
            j += 1;
        }
        *o = if j == last || xp[j] == xi {
            // numpy returns the sample itself on a grid point
            fp[j]
        } else {
            let (f0, f1) = (fp[j].to_f64_lossless(), fp[j + 1].to_f64_lossless());
            let slope = (f1 - f0) / (xp[j + 1] - xp[j]);
            let v = slope * (xi - xp[j]) + f0;
            // numpy's fallbacks for an infinite slope times zero
            let v = if v.is_nan() {
                let w = slope * (xi - xp[j + 1]) + f1;
                if w.is_nan() && f0 == f1 { f0 } else { w }
            } else {
                v
            };
            T::of(v)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linspace_ends_exactly() {
        assert_eq!(linspace01(1), [0.0]);
        assert_eq!(linspace01(2), [0.0, 1.0]);
        let v = linspace01(7);
        assert_eq!((v[0], v[6]), (0.0, 1.0));
        assert_eq!(v[3], 3.0 * (1.0 / 6.0));
    }
}
