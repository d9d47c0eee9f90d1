//! Delta features (local derivatives along time), equal to `librosa.feature.delta`.

use dsp_core::Float;
use ndarray::{Array2, ArrayView2, Axis, Zip};

use crate::{Error, Result};

/// Delta features of `data` along its last axis (time); equals
/// `librosa.feature.delta(data, width=width, order=order, axis=-1, mode='interp')` (tested
/// against it for widths 3, 5, 9 and orders 1 to 3).
///
/// librosa computes `scipy.signal.savgol_filter(data, width, polyorder=order, deriv=order,
/// mode='interp')`: the `order`-th derivative of the least-squares polynomial of degree
/// `order` through each window of `width` frames. A polynomial of degree `order` has a
/// constant `order`-th derivative, `order! a_order`, so every output is a correlation with
/// fixed weights `c_j = order! p(j) / sum_i p(i)^2` over the offsets `j = -h..=h`
/// (`h = width / 2`), `p` the monic polynomial of degree `order` orthogonal to all lower ones
/// on those offsets (`j` for order 1, `j^2 - mean(j^2)` for order 2). At the edges,
/// `mode='interp'` fits one polynomial to the first (last) `width` frames and evaluates its
/// derivative at the first (last) `h` frames: being constant, that is the value at frame `h`
/// (`n - 1 - h`). Computed in the data's type (scipy computes in `f64` and rounds `f32`
/// results; agreement 1e-5 relative for `f32`, 1e-12 for `f64`).
///
/// # Errors
/// [`Error::InvalidDeltaWidth`] unless `width` is odd and `>= 3`; [`Error::InvalidDeltaOrder`]
/// unless `1 <= order < width`; [`Error::TooFewFrames`] when `data` has fewer than `width`
/// columns (librosa's `ParameterError` for `mode='interp'`); [`dsp_core::Error::NonFinite`]
/// for NaN or infinite values.
///
/// # Example
/// ```
/// use features_1d::delta;
/// use ndarray::Array2;
/// // a ramp of slope 2 in time: first delta 2 everywhere, second delta 0
/// let x = Array2::from_shape_fn((2, 12), |(r, t)| r as f64 + 2.0 * t as f64);
/// let d1 = delta(x.view(), 9, 1)?;
/// assert!(d1.iter().all(|v| (v - 2.0).abs() < 1e-12));
/// let d2 = delta(x.view(), 9, 2)?;
/// assert!(d2.iter().all(|v| v.abs() < 1e-12));
/// # Ok::<(), features_1d::Error>(())
/// ```
pub fn delta<T: Float>(data: ArrayView2<'_, T>, width: usize, order: usize) -> Result<Array2<T>> {
    if width < 3 || width.is_multiple_of(2) {
        return Err(Error::InvalidDeltaWidth { width });
    }
    if order == 0 || order >= width {
        return Err(Error::InvalidDeltaOrder { order, width });
    }
    let frames = data.ncols();
    if width > frames {
        return Err(Error::TooFewFrames { frames, width });
    }
    dsp_core::check::ensure_finite("data", data.iter())?;
    let weights: Vec<T> = delta_weights(width, order).into_iter().map(T::of).collect();
    let h = width / 2;
    let mut out = Array2::zeros(data.dim());
    Zip::from(out.axis_iter_mut(Axis(0)))
        .and(data.axis_iter(Axis(0)))
        .par_for_each(|mut o, x| {
            for t in h..frames - h {
                o[t] = (0..width).map(|j| weights[j] * x[t + j - h]).sum();
            }
            let (first, last) = (o[h], o[frames - 1 - h]);
            for t in 0..h {
                o[t] = first;
                o[frames - 1 - t] = last;
            }
        });
    Ok(out)
}

/// The correlation weights of the `order`-th derivative of the degree-`order` least-squares
/// polynomial over `width` points centred on 0 (Savitzky-Golay with `polyorder == deriv`).
fn delta_weights(width: usize, order: usize) -> Vec<f64> {
    let h = (width / 2) as f64;
    let xs: Vec<f64> = (0..width).map(|j| j as f64 - h).collect();
    // monic orthogonal polynomials by the three-term recurrence (the points are symmetric,
    // so every alpha is 0): p_{k+1} = x p_k - beta_k p_{k-1}, beta_k = |p_k|^2 / |p_{k-1}|^2
    let mut prev = vec![0.0; width];
    let mut cur = vec![1.0; width];
    let norm = |p: &[f64]| p.iter().map(|v| v * v).sum::<f64>();
    for _ in 0..order {
        let beta = if prev.iter().all(|v| *v == 0.0) {
            0.0
        } else {
            norm(&cur) / norm(&prev)
        };
        let next: Vec<f64> = (0..width)
            .map(|j| xs[j] * cur[j] - beta * prev[j])
            .collect();
        prev = std::mem::replace(&mut cur, next);
    }
    let factorial: f64 = (1..=order).map(|k| k as f64).product();
    let scale = factorial / norm(&cur);
    cur.iter().map(|p| p * scale).collect()
}

#[cfg(test)]
mod tests {
    use super::delta_weights;

    #[test]
    fn first_and_second_order_weights_have_their_closed_forms() {
        // order 1, width 5: j / sum(j^2) = j / 10
        let w = delta_weights(5, 1);
        let want = [-0.2, -0.1, 0.0, 0.1, 0.2];
        assert!(
            w.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-15),
            "{w:?}"
        );
        // order 2, width 5: 2 (j^2 - 2) / sum((j^2 - 2)^2) = (j^2 - 2) / 7
        let w = delta_weights(5, 2);
        let want = [2.0 / 7.0, -1.0 / 7.0, -2.0 / 7.0, -1.0 / 7.0, 2.0 / 7.0];
        assert!(
            w.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-15),
            "{w:?}"
        );
    }

    #[test]
    fn weights_differentiate_monomials_exactly() {
        // the order-th derivative of t^order is order!, of lower powers 0
        for (width, order) in [(5, 3), (9, 1), (9, 2), (7, 4)] {
            let w = delta_weights(width, order);
            let h = (width / 2) as i32;
            for p in 0..=order {
                let got: f64 = (0..width)
                    .map(|j| w[j] * f64::from(j as i32 - h).powi(p as i32))
                    .sum();
                let want: f64 = if p == order {
                    (1..=order).map(|k| k as f64).product()
                } else {
                    0.0
                };
                assert!((got - want).abs() < 1e-9, "w{width} o{order} t^{p}: {got}");
            }
        }
    }
}
