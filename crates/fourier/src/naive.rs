//! The naive DFT: the slow, obviously-correct oracle the fast transforms are tested against.

use ndarray::{Array1, ArrayView1};
use num_complex::Complex;

/// The O(n^2) DFT `X[k] = sum_t x[t] exp(-2 pi i k t / n)` (`inverse`: `+i` and `1/n`),
/// summed in `f64` with exact twiddle indices (`k * t mod n`).
///
/// The reference for every fast path; checked against closed-form transforms in its tests.
/// An empty input gives an empty output.
#[must_use]
pub fn naive_dft(x: ArrayView1<'_, Complex<f64>>, inverse: bool) -> Array1<Complex<f64>> {
    let n = x.len();
    let sign = if inverse { 1.0 } else { -1.0 };
    let twiddles: Vec<Complex<f64>> = (0..n)
        .map(|j| Complex::from_polar(1.0, sign * 2.0 * std::f64::consts::PI * j as f64 / n as f64))
        .collect();
    let scale = if inverse && n > 0 {
        1.0 / n as f64
    } else {
        1.0
    };
    Array1::from_shape_fn(n, |k| {
        let mut acc = Complex::new(0.0, 0.0);
        for (t, v) in x.iter().enumerate() {
            acc += v * twiddles[(k * t) % n];
        }
        acc * scale
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        let n = 12;
        // Impulse -> all ones.
        let mut imp = Array1::from_elem(n, Complex::new(0.0, 0.0));
        imp[0] = Complex::new(1.0, 0.0);
        assert!(
            naive_dft(imp.view(), false)
                .iter()
                .all(|c| (c - Complex::new(1.0, 0.0)).norm() < 1e-15)
        );
        // exp(2 pi i 3 t / n) -> n at k = 3, 0 elsewhere.
        let tone = Array1::from_shape_fn(n, |t| {
            Complex::from_polar(1.0, 2.0 * std::f64::consts::PI * 3.0 * t as f64 / n as f64)
        });
        let spec = naive_dft(tone.view(), false);
        for (k, c) in spec.iter().enumerate() {
            let want = if k == 3 { n as f64 } else { 0.0 };
            assert!((c - Complex::new(want, 0.0)).norm() < 1e-12, "k={k}");
        }
        // Inverse undoes forward.
        let back = naive_dft(spec.view(), true);
        assert!(back.iter().zip(&tone).all(|(a, b)| (a - b).norm() < 1e-14));
    }
}
