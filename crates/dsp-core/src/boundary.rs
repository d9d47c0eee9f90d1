//! The modes of filtering and convolution, and boundary extension of 1-D lines exactly as
//! `scipy.ndimage` extends them.
//!
//! - [`ConvMode`]: output size of 1-D convolution (`numpy.convolve`'s `mode`).
//! - [`BoundaryMode`]: how n-d filters extend the input (`scipy.ndimage`'s `mode`).
//! - [`ensure_mode`], [`source_index`], [`extend`]: the extension itself.
//!
//! scipy pads each line before filtering it (`NI_ExtendLine`); every mode
//! except `Constant` is periodic, so pads longer than the line repeat the
//! pattern:
//!
//! | mode | period | `a b c` padded by 4 on each side |
//! |---|---|---|
//! | `Reflect` | `2n` | `c c b a \| a b c \| c b a a` |
//! | `Mirror` | `2n - 2` | `a b c b \| a b c \| b a b c` |
//! | `Wrap` | `n` | `c a b c \| a b c \| a b c a` |
//! | `Nearest` | - | `a a a a \| a b c \| c c c c` |
//! | `Constant(k)` | - | `k k k k \| a b c \| k k k k` |
//!
//! A line of one sample is extended with that sample in every mode but
//! `Constant` (scipy turns `Mirror` into `Nearest` there).

use crate::{Error, Float, Result, check};

/// Output size of a 1-D convolution or correlation, as in `numpy.convolve`.
///
/// For a signal of length `n` and a kernel of length `m`:
///
/// | mode | length | |
/// |---|---|---|
/// | `Full` | `n + m - 1` | every overlap |
/// | `Same` | `max(n, m)` | centred on the full output |
/// | `Valid` | `max(n, m) - min(n, m) + 1` | only complete overlaps |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ConvMode {
    /// Every point of overlap (numpy's default for `convolve`).
    #[default]
    Full,
    /// The centre of the full output, as long as the longer input.
    Same,
    /// Only points where the inputs overlap completely.
    Valid,
}

impl ConvMode {
    /// Output length for inputs of lengths `n` and `m` (both at least 1).
    #[must_use]
    pub fn output_len(self, n: usize, m: usize) -> usize {
        match self {
            ConvMode::Full => n + m - 1,
            ConvMode::Same => n.max(m),
            ConvMode::Valid => n.max(m) - n.min(m) + 1,
        }
    }
}

/// How n-d filters extend the input past its edges, as `scipy.ndimage`'s `mode`.
///
/// Shown for the input `a b c d` extended by three samples on each side:
///
/// | mode | extension | scipy name |
/// |---|---|---|
/// | `Reflect` | `c b a \| a b c d \| d c b` | `"reflect"` (half-sample symmetric) |
/// | `Constant(k)` | `k k k \| a b c d \| k k k` | `"constant"` with `cval = k` |
/// | `Nearest` | `a a a \| a b c d \| d d d` | `"nearest"` |
/// | `Mirror` | `d c b \| a b c d \| c b a` | `"mirror"` (whole-sample symmetric) |
/// | `Wrap` | `b c d \| a b c d \| a b c` | `"wrap"` (periodic) |
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum BoundaryMode {
    /// Half-sample symmetric reflection (scipy's default).
    #[default]
    Reflect,
    /// A constant value outside the input (`cval`).
    Constant(f64),
    /// The edge sample repeated.
    Nearest,
    /// Whole-sample symmetric reflection (the edge sample is not repeated).
    Mirror,
    /// Periodic extension.
    Wrap,
}

impl BoundaryMode {
    /// The scipy name of this mode (`"reflect"`, `"constant"`, ...).
    #[must_use]
    pub fn scipy_name(self) -> &'static str {
        match self {
            BoundaryMode::Reflect => "reflect",
            BoundaryMode::Constant(_) => "constant",
            BoundaryMode::Nearest => "nearest",
            BoundaryMode::Mirror => "mirror",
            BoundaryMode::Wrap => "wrap",
        }
    }
}

/// Checks that a boundary mode is usable: its `cval` (for `Constant`) must be finite.
///
/// # Errors
/// [`Error::InvalidParameter`] naming `cval` when it is NaN or infinite.
pub fn ensure_mode(mode: BoundaryMode) -> Result<()> {
    if let BoundaryMode::Constant(cval) = mode
        && !cval.is_finite()
    {
        return Err(Error::InvalidParameter {
            name: "cval",
            value: cval,
            expected: "a finite value",
        });
    }
    Ok(())
}

/// Where position `p` of the extended line reads from a line of length `n`, as `scipy.ndimage`.
///
/// `p` counts from the first sample of the line (negative before it, `>= n`
/// after it). Returns `Some(index)` with `index < n`, or `None` when the
/// position takes the constant value (`Constant` mode outside the line).
/// `n` must be at least 1 (the result for `n == 0` is `None`).
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, boundary::source_index};
/// // a b c d extended with Reflect: d c b a | a b c d | d c b a
/// assert_eq!(source_index(-1, 4, BoundaryMode::Reflect), Some(0));
/// assert_eq!(source_index(-5, 4, BoundaryMode::Reflect), Some(3));
/// assert_eq!(source_index(4, 4, BoundaryMode::Mirror), Some(2));
/// assert_eq!(source_index(-1, 4, BoundaryMode::Constant(0.0)), None);
/// ```
#[must_use]
#[inline]
pub fn source_index(p: isize, n: usize, mode: BoundaryMode) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let len = n as isize;
    if (0..len).contains(&p) {
        return Some(p as usize);
    }
    let idx = match mode {
        BoundaryMode::Constant(_) => return None,
        BoundaryMode::Nearest => p.clamp(0, len - 1),
        BoundaryMode::Wrap => p.rem_euclid(len),
        BoundaryMode::Reflect => {
            let q = p.rem_euclid(2 * len);
            if q < len { q } else { 2 * len - 1 - q }
        }
        BoundaryMode::Mirror => {
            if len == 1 {
                0
            } else {
                let period = 2 * len - 2;
                let q = p.rem_euclid(period);
                if q < len { q } else { period - q }
            }
        }
    };
    Some(idx as usize)
}

/// Writes `line` extended by `before` samples in front and `after` behind into `out`; equal to scipy.ndimage's line extension (tested against it).
///
/// `out` must hold exactly `before + line.len() + after` samples. Pads of
/// any length are allowed, longer than the line included: the periodic
/// modes repeat (see the [module docs](self)). This is the padding
/// `scipy.ndimage.correlate1d` and every filter built on it apply.
///
/// # Errors
/// - [`Error::TooShort`] when `line` is empty.
/// - [`Error::ShapeMismatch`] when `out.len() != before + line.len() + after`.
/// - [`Error::InvalidParameter`] when the `Constant` value is not finite.
///
/// # Example
/// ```
/// use dsp_core::{BoundaryMode, boundary::extend};
/// let mut out = [0.0; 9];
/// extend(&[1.0, 2.0, 3.0], 3, 3, BoundaryMode::Mirror, &mut out)?;
/// assert_eq!(out, [2.0, 3.0, 2.0, 1.0, 2.0, 3.0, 2.0, 1.0, 2.0]);
/// # Ok::<(), dsp_core::Error>(())
/// ```
pub fn extend<T: Float>(
    line: &[T],
    before: usize,
    after: usize,
    mode: BoundaryMode,
    out: &mut [T],
) -> Result<()> {
    check::ensure_len("line", line.len(), 1)?;
    ensure_mode(mode)?;
    let expected = before
        .checked_add(line.len())
        .and_then(|v| v.checked_add(after));
    if expected != Some(out.len()) {
        return Err(Error::ShapeMismatch {
            what: "extended line (before + line + after)",
            expected: vec![before, line.len(), after],
            got: vec![out.len()],
        });
    }
    extend_unchecked(line, before, mode, out);
    Ok(())
}

/// [`extend`] without the checks: `line` non-empty, `out.len() >= before + line.len()`,
/// the rest of `out` is the `after` pad.
#[inline]
pub(crate) fn extend_unchecked<T: Float>(
    line: &[T],
    before: usize,
    mode: BoundaryMode,
    out: &mut [T],
) {
    out[before..before + line.len()].copy_from_slice(line);
    fill_pads(out, before, line.len(), mode);
}

/// Extends, in place, the line of `n` samples that `buf` holds from `before` on: the `before`
/// samples in front of it and the rest of `buf` behind it are written as [`extend`] writes them.
/// `n >= 1` and `buf.len() >= before + n`.
#[inline]
pub(crate) fn fill_pads<T: Float>(buf: &mut [T], before: usize, n: usize, mode: BoundaryMode) {
    let (head, rest) = buf.split_at_mut(before);
    let (line, tail) = rest.split_at_mut(n);
    let cval = match mode {
        BoundaryMode::Constant(c) => T::of(c),
        _ => T::zero(),
    };
    let read = |p: isize| source_index(p, n, mode).map_or(cval, |i| line[i]);
    for (k, v) in head.iter_mut().enumerate() {
        *v = read(k as isize - before as isize);
    }
    for (k, v) in tail.iter_mut().enumerate() {
        *v = read((n + k) as isize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(line: &[f64], before: usize, after: usize, mode: BoundaryMode) -> Vec<f64> {
        let mut out = vec![f64::NAN; before + line.len() + after];
        extend(line, before, after, mode, &mut out).unwrap();
        out
    }

    #[test]
    fn module_table_holds() {
        let l = [1.0, 2.0, 3.0];
        assert_eq!(
            ext(&l, 4, 4, BoundaryMode::Reflect),
            [3., 3., 2., 1., 1., 2., 3., 3., 2., 1., 1.]
        );
        assert_eq!(
            ext(&l, 4, 4, BoundaryMode::Mirror),
            [1., 2., 3., 2., 1., 2., 3., 2., 1., 2., 3.]
        );
        assert_eq!(
            ext(&l, 4, 4, BoundaryMode::Wrap),
            [3., 1., 2., 3., 1., 2., 3., 1., 2., 3., 1.]
        );
        assert_eq!(
            ext(&l, 4, 4, BoundaryMode::Nearest),
            [1., 1., 1., 1., 1., 2., 3., 3., 3., 3., 3.]
        );
        assert_eq!(
            ext(&l, 2, 1, BoundaryMode::Constant(1.5)),
            [1.5, 1.5, 1., 2., 3., 1.5]
        );
    }

    #[test]
    fn single_sample_line() {
        for mode in [
            BoundaryMode::Reflect,
            BoundaryMode::Mirror,
            BoundaryMode::Wrap,
            BoundaryMode::Nearest,
        ] {
            assert_eq!(ext(&[7.0], 3, 2, mode), [7.0; 6]);
        }
    }

    #[test]
    fn bad_arguments() {
        let mut out = [0.0; 4];
        assert!(matches!(
            extend(&[], 2, 2, BoundaryMode::Reflect, &mut out),
            Err(Error::TooShort { .. })
        ));
        assert!(matches!(
            extend(&[1.0], 2, 2, BoundaryMode::Reflect, &mut out),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            extend(&[1.0], usize::MAX, 2, BoundaryMode::Reflect, &mut out),
            Err(Error::ShapeMismatch { .. })
        ));
        let mut out = [0.0; 3];
        assert!(matches!(
            extend(&[1.0], 1, 1, BoundaryMode::Constant(f64::NAN), &mut out),
            Err(Error::InvalidParameter { name: "cval", .. })
        ));
    }
}
