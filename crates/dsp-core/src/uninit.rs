//! Results built without a zeroing pass through memory.
//!
//! `vec![0.0; n]` of a large `n` is `calloc`: memory the allocator reuses is cleared with a
//! `memset` (a full write pass, and the read of every cache line it evicts), fresh memory is
//! cleared page by page by the kernel. A filter or transform that writes every output anyway
//! pays that pass for nothing: it was a fifth of the time of a 2048x2048 Gaussian filter.

use std::mem::MaybeUninit;

use rayon::prelude::*;

use crate::{Error, Result};

/// A vector of `rows * row_len` elements, row `i` written by `fill(i, row)`, rows in parallel
/// on rayon, and no zeroing pass over the result.
///
/// `fill` receives a per-thread scratch row (its contents are those of the last row that thread
/// filled, or `A::default()`): whatever it leaves there is copied once into row `i` of the
/// result while the row is still in cache, so every element of the result is written exactly
/// once, whatever `fill` does.
///
/// # Errors
/// [`Error::InvalidParameter`] when `rows * row_len` overflows `usize`.
///
/// # Example
/// ```
/// let v = dsp_core::uninit::par_rows(3, 4, |i, row: &mut [f64]| {
///     for (j, x) in row.iter_mut().enumerate() {
///         *x = (10 * i + j) as f64;
///     }
/// })?;
/// assert_eq!(v.len(), 12);
/// assert_eq!(v[4..8], [10.0, 11.0, 12.0, 13.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
#[allow(unsafe_code)]
pub fn par_rows<A, F>(rows: usize, row_len: usize, fill: F) -> Result<Vec<A>>
where
    A: Copy + Default + Send + Sync,
    F: Fn(usize, &mut [A]) + Sync,
{
    let len = rows.checked_mul(row_len).ok_or(Error::InvalidParameter {
        name: "rows * row_len",
        value: rows as f64 * row_len as f64,
        expected: "a length that fits in usize",
    })?;
    if len == 0 {
        return Ok(Vec::new());
    }
    let mut v = Vec::with_capacity(len);
    v.spare_capacity_mut()[..len]
        .par_chunks_mut(row_len)
        .enumerate()
        .for_each_init(
            || vec![A::default(); row_len],
            |scratch, (i, slot): (usize, &mut [MaybeUninit<A>])| {
                fill(i, scratch);
                slot.write_copy_of_slice(scratch);
            },
        );
    // SAFETY: `par_chunks_mut(row_len)` splits the first `len` slots into chunks that cover
    // them, each exactly `row_len` long (`len` is a multiple of `row_len`), and every chunk is
    // initialised by `write_copy_of_slice` of a `row_len`-long scratch row just above. A panic
    // in `fill` unwinds past this line and drops `v` with length 0 (`A: Copy`, nothing leaks).
    unsafe { v.set_len(len) };
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::par_rows;

    #[test]
    fn rows_land_in_order() {
        let v = par_rows(1000, 37, |i, row: &mut [u64]| {
            for (j, x) in row.iter_mut().enumerate() {
                *x = (i * 37 + j) as u64;
            }
        })
        .unwrap();
        assert_eq!(v, (0..37_000).collect::<Vec<u64>>());
        assert!(par_rows(0, 5, |_, _: &mut [f32]| {}).unwrap().is_empty());
        assert!(par_rows(5, 0, |_, _: &mut [f32]| {}).unwrap().is_empty());
    }

    #[test]
    fn an_overflowing_length_is_a_typed_error() {
        let err = par_rows(usize::MAX, 2, |_, _: &mut [u8]| {}).unwrap_err();
        assert!(matches!(
            err,
            crate::Error::InvalidParameter {
                name: "rows * row_len",
                ..
            }
        ));
    }

    #[test]
    fn a_fill_that_writes_nothing_leaves_defaults() {
        let v = par_rows(3, 2, |_, _: &mut [f64]| {}).unwrap();
        assert_eq!(v, vec![0.0; 6]);
    }
}
