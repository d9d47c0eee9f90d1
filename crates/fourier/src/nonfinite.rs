//! Spectra of inputs holding infinities or NaN, with numpy's values.
//!
//! A real FFT of finite samples is exact up to rounding, but its butterflies combine samples
//! before multiplying by twiddles: realfft forms each bin from two bins of a half-length complex
//! transform, `(Z[k] + conj Z[h-k]) / 2 - i w^k (Z[k] - conj Z[h-k]) / 2`, which is `inf - inf`,
//! NaN, as soon as one sample is infinite. So non-finite samples are taken out of the input
//! (set to 0), the rest is transformed, and each non-finite sample `v = x[t]` is added back as
//! the DFT defines it: `v cos(2 pi k t / n)` to the real part and `-v sin(2 pi k t / n)` to the
//! imaginary part of bin `k`, where a cosine or sine that is exactly zero (at a quarter turn)
//! contributes nothing. Only the signs matter (`inf * c` is `inf` for any `c > 0`), and they are
//! found in integer arithmetic.

use dsp_core::Float;
use ndarray::ArrayView1;
use num_complex::Complex;

/// Whether every sample is finite: eight independent lanes of `v * 0` (0 for finite `v`,
/// NaN otherwise), so the loop vectorises.
pub(crate) fn all_finite<T: Float>(s: &[T]) -> bool {
    const LANES: usize = 8;
    let mut poison = [T::zero(); LANES];
    let chunks = s.chunks_exact(LANES);
    let tail = chunks.remainder();
    for c in chunks {
        for k in 0..LANES {
            poison[k] += c[k] * T::zero();
        }
    }
    for (k, &v) in tail.iter().enumerate() {
        poison[k] += v * T::zero();
    }
    poison.iter().all(|p| *p == T::zero())
}

/// [`all_finite`] of a view of any strides.
pub(crate) fn all_finite_view<T: Float>(x: ArrayView1<'_, T>) -> bool {
    match x.as_slice() {
        Some(s) => all_finite(s),
        None => x.iter().all(|v| v.is_finite()),
    }
}

/// The non-finite samples `(t, x[t])` of `input`, each replaced by 0 in `input`.
pub(crate) fn take_nonfinite<T: Float>(input: &mut [T]) -> Vec<(usize, T)> {
    let mut bad = Vec::new();
    for (t, v) in input.iter_mut().enumerate() {
        if !v.is_finite() {
            bad.push((t, *v));
            *v = T::zero();
        }
    }
    bad
}

/// What the infinite terms of one real or imaginary part add up to.
#[derive(Clone, Copy, Default)]
struct Signs {
    pos: bool,
    neg: bool,
    nan: bool,
}

impl Signs {
    /// Adds the term `v * c` where `c` has sign `sign` (`0`: exactly zero, no term).
    fn add<T: Float>(&mut self, v: T, sign: i8) {
        if sign == 0 {
            return;
        }
        if v.is_nan() {
            self.nan = true;
        } else if (v > T::zero()) == (sign > 0) {
            self.pos = true;
        } else {
            self.neg = true;
        }
    }

    fn undefined(self) -> bool {
        self.nan || (self.pos && self.neg)
    }

    /// `x` plus the terms: unchanged without any, else `inf`, `-inf` or NaN.
    fn apply<T: Float>(self, x: T) -> T {
        if self.undefined() {
            T::nan()
        } else if self.pos {
            T::infinity()
        } else if self.neg {
            T::neg_infinity()
        } else {
            x
        }
    }
}

/// Signs of `cos(2 pi j / n)` and `sin(2 pi j / n)` for `0 <= j < n`, exact.
fn trig_signs(j: u128, n: u128) -> (i8, i8) {
    let cos = match (4 * j).cmp(&n) {
        std::cmp::Ordering::Less => 1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => match (4 * j).cmp(&(3 * n)) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        },
    };
    let sin = if j == 0 || 2 * j == n {
        0
    } else if 2 * j < n {
        1
    } else {
        -1
    };
    (cos, sin)
}

/// Adds the non-finite samples `bad` of a length-`n` input to its spectrum `out` (the
/// transform of the input with those samples set to 0).
pub(crate) fn add_terms<T: Float>(bad: &[(usize, T)], n: usize, out: &mut [Complex<T>]) {
    let nn = n as u128;
    for (k, z) in out.iter_mut().enumerate() {
        let (mut re, mut im) = (Signs::default(), Signs::default());
        for &(t, v) in bad {
            let j = (k as u128 * t as u128) % nn;
            let (c, s) = trig_signs(j, nn);
            re.add(v, c);
            // The imaginary part is -v sin.
            im.add(v, -s);
            if re.undefined() && im.undefined() {
                break;
            }
        }
        *z = Complex::new(re.apply(z.re), im.apply(z.im));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_turns_are_exact_zeros() {
        assert_eq!(trig_signs(0, 8), (1, 0));
        assert_eq!(trig_signs(2, 8), (0, 1));
        assert_eq!(trig_signs(4, 8), (-1, 0));
        assert_eq!(trig_signs(6, 8), (0, -1));
        assert_eq!(trig_signs(1, 8), (1, 1));
        assert_eq!(trig_signs(3, 7), (-1, 1));
    }

    #[test]
    fn finiteness_in_lanes() {
        let mut v = vec![1.0_f64; 19];
        assert!(all_finite(&v));
        v[17] = f64::INFINITY;
        assert!(!all_finite(&v));
        v[17] = f64::NAN;
        assert!(!all_finite(&v));
    }
}
