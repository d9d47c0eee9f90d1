//! The Canny edge detector, as `skimage.feature.canny`.

use std::collections::VecDeque;

use dsp_core::{BoundaryMode, Float, ParamGuard, boundary, check};
use ndarray::{Array2, ArrayView2, Zip};

use crate::error::positive;
use crate::{Error, GaussianParams, Result, gaussian_filter, sobel};

/// Parameters of [`canny`], named and defaulted as `skimage.feature.canny`'s
/// (`sigma = 1`, thresholds 0.1 / 0.2 of the gradient magnitude, `mode = Constant(0)`).
///
/// Unchecked: [`ParamGuard::check`] (or [`canny`] itself) validates them into
/// [`CannyValidParams`].
///
/// ```
/// use dsp_core::ParamGuard;
/// let p = filters::CannyParams::new(2.0).thresholds(0.05, 0.15);
/// assert_eq!(p.check_ref()?.high_threshold(), 0.15);
/// assert!(filters::CannyParams::new(2.0).thresholds(0.3, 0.1).check().is_err());
/// # Ok::<(), filters::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CannyParams(CannyValidParams);

/// [`CannyParams`] after [`ParamGuard::check`]: `sigma > 0` and finite, thresholds not NaN
/// (quantiles in `[0, 1]` with `use_quantiles`), `low <= high`, a finite `cval`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CannyValidParams {
    sigma: f64,
    low_threshold: Option<f64>,
    high_threshold: Option<f64>,
    use_quantiles: bool,
    mode: BoundaryMode,
}

impl Default for CannyParams {
    fn default() -> Self {
        Self::new(1.0)
    }
}

impl CannyParams {
    /// skimage's defaults at `sigma` (the standard deviation of the Gaussian smoothing).
    #[must_use]
    pub fn new(sigma: f64) -> Self {
        Self(CannyValidParams {
            sigma,
            low_threshold: None,
            high_threshold: None,
            use_quantiles: false,
            mode: BoundaryMode::Constant(0.0),
        })
    }

    /// Sets both hysteresis thresholds (skimage's `low_threshold`, `high_threshold`; unset,
    /// 0.1 and 0.2).
    #[must_use]
    pub fn thresholds(mut self, low: f64, high: f64) -> Self {
        self.0.low_threshold = Some(low);
        self.0.high_threshold = Some(high);
        self
    }

    /// Reads the thresholds as quantiles of the gradient magnitude.
    #[must_use]
    pub fn use_quantiles(mut self, yes: bool) -> Self {
        self.0.use_quantiles = yes;
        self
    }

    /// Sets the boundary mode of the smoothing (`Constant(cval)` carries `cval`).
    #[must_use]
    pub fn mode(mut self, mode: BoundaryMode) -> Self {
        self.0.mode = mode;
        self
    }
}

impl CannyValidParams {
    /// Standard deviation of the Gaussian smoothing.
    #[must_use]
    pub fn sigma(&self) -> f64 {
        self.sigma
    }

    /// Lower hysteresis threshold (0.1 when not set).
    #[must_use]
    pub fn low_threshold(&self) -> f64 {
        self.low_threshold.unwrap_or(0.1)
    }

    /// Upper hysteresis threshold (0.2 when not set).
    #[must_use]
    pub fn high_threshold(&self) -> f64 {
        self.high_threshold.unwrap_or(0.2)
    }

    /// Whether the thresholds are quantiles of the gradient magnitude.
    #[must_use]
    pub fn use_quantiles(&self) -> bool {
        self.use_quantiles
    }

    /// Boundary mode of the smoothing.
    #[must_use]
    pub fn mode(&self) -> BoundaryMode {
        self.mode
    }
}

impl ParamGuard for CannyParams {
    type Checked = CannyValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&CannyValidParams> {
        let p = &self.0;
        dsp_core::check::ensure_sigma(p.sigma)?;
        let (low, high) = (p.low_threshold(), p.high_threshold());
        for (name, v) in [("low_threshold", low), ("high_threshold", high)] {
            let ok = if p.use_quantiles {
                (0.0..=1.0).contains(&v)
            } else {
                !v.is_nan()
            };
            if !ok {
                return Err(dsp_core::Error::InvalidParameter {
                    name,
                    value: v,
                    expected: if p.use_quantiles {
                        "a quantile in [0, 1]"
                    } else {
                        "a number (not NaN)"
                    },
                }
                .into());
            }
        }
        if high < low {
            return Err(Error::ThresholdOrder { low, high });
        }
        positive("sigma", p.sigma)?;
        boundary::ensure_mode(p.mode)?;
        Ok(p)
    }

    fn check(self) -> Result<CannyValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// Equal to `skimage.feature.canny(image, sigma, low_threshold, high_threshold,
/// mode=..., cval=..., use_quantiles=...)` for a float image without mask
/// (tested against it on photographs and synthetic images).
///
/// Steps, each as skimage: Gaussian smoothing ([`gaussian_filter`]; in
/// `Constant` mode divided by the smoothed all-ones image plus machine
/// epsilon, skimage's "bleed-over" correction); [`sobel`] along both axes
/// and the magnitude `sqrt(gy^2 + gx^2)`; bilinear non-maximum suppression
/// along the gradient direction with the one-pixel image border cleared;
/// then hysteresis: 8-connected components of the pixels above the low
/// threshold are kept when any of their pixels reaches the high threshold.
/// As skimage, the low threshold is compared after rounding to `f32`.
///
/// Returns the edge map (`true` on edges), same shape as `image`. The parameters are
/// checked first ([`ParamGuard::check_ref`]).
///
/// # Errors
/// - [`dsp_core::Error::InvalidSigma`] for a bad sigma.
/// - [`dsp_core::Error::InvalidParameter`] for a NaN threshold or, with
///   `use_quantiles`, one outside `[0, 1]`; for a non-finite `cval`.
/// - [`Error::ThresholdOrder`] when `low > high`.
/// - [`dsp_core::Error::TooShort`] for an empty image;
///   [`dsp_core::Error::NonFinite`] for NaN or infinity in it.
///
/// # Example
/// ```
/// use ndarray::Array2;
/// // A bright square on black: edges along its border, none inside or far outside.
/// let img = Array2::from_shape_fn((20, 20), |(i, j)| {
///     if (5..15).contains(&i) && (5..15).contains(&j) { 1.0_f64 } else { 0.0 }
/// });
/// let edges = filters::canny(img.view(), &filters::CannyParams::new(1.0))?;
/// assert!(edges[[5, 10]] || edges[[4, 10]]); // top side
/// assert!(!edges[[10, 10]] && !edges[[0, 0]]);
/// # Ok::<(), filters::Error>(())
/// ```
pub fn canny<T: Float>(image: ArrayView2<'_, T>, params: &CannyParams) -> Result<Array2<bool>> {
    let params = params.check_ref()?;
    check::ensure_len("image", image.len(), 1)?;
    check::ensure_finite("image", image.iter())?;
    let (low, high) = (params.low_threshold(), params.high_threshold());

    let g = GaussianParams::new(params.sigma).mode(params.mode);
    let mut smoothed = gaussian_filter(image, &g)?;
    if let BoundaryMode::Constant(_) = params.mode {
        let ones = Array2::<T>::ones(image.raw_dim());
        let bleed = gaussian_filter(ones.view(), &g)?;
        let eps = T::epsilon();
        Zip::from(&mut smoothed)
            .and(&bleed)
            .for_each(|s, &b| *s /= b + eps);
    }
    let jsobel = sobel(smoothed.view(), 1, BoundaryMode::Reflect)?;
    let isobel = sobel(smoothed.view(), 0, BoundaryMode::Reflect)?;
    let magnitude = Zip::from(&isobel)
        .and(&jsobel)
        .map_collect(|&i, &j| (i * i + j * j).sqrt());

    let (low, high) = if params.use_quantiles {
        let mut v: Vec<f64> = magnitude.iter().map(|x| x.to_f64_lossless()).collect();
        v.sort_by(f64::total_cmp);
        (percentile(&v, low), percentile(&v, high))
    } else {
        (low, high)
    };
    let low_masked = nonmax_suppression(&isobel, &jsobel, &magnitude, low);
    Ok(hysteresis(&low_masked, T::of(high)))
}

/// numpy's `percentile(sorted, 100 q)` with linear interpolation (numpy's `_lerp`).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor();
    let t = pos - lo;
    // pos is in [0, len - 1]: both indices are in bounds.
    let a = sorted[lo as usize];
    let b = sorted[(lo as usize + 1).min(sorted.len() - 1)];
    let d = b - a;
    if t >= 0.5 {
        b - d * (1.0 - t)
    } else {
        a + d * t
    }
}

/// skimage's `_nonmaximum_suppression_bilinear`: the magnitude where it is a
/// local maximum along the gradient (bilinear between the two neighbours on
/// each side) and at least `low`, else 0; the outer pixel ring is 0.
fn nonmax_suppression<T: Float>(
    isobel: &Array2<T>,
    jsobel: &Array2<T>,
    mag: &Array2<T>,
    low: f64,
) -> Array2<T> {
    let (rows, cols) = mag.dim();
    let mut out = Array2::<T>::zeros((rows, cols));
    // skimage's threshold parameter is a C float; 0 becomes 1e-14 so that
    // zero magnitudes never pass.
    let low = if low == 0.0 { 1e-14 } else { low };
    let low = T::of(f64::from(low as f32));
    if rows < 3 || cols < 3 {
        return out;
    }
    let one = T::one();
    for x in 1..rows - 1 {
        for y in 1..cols - 1 {
            let m = mag[[x, y]];
            // NaN cannot occur (finite input), so `<` is the negation of `>=`.
            if m < low {
                continue;
            }
            let (i, j) = (isobel[[x, y]], jsobel[[x, y]]);
            let (is_down, is_left) = (i <= T::zero(), j <= T::zero());
            let (ai, aj) = (i.abs(), j.abs());
            // Neighbour offsets (row, col) of the two pairs and the weight.
            let (w, p1, p2, m1, m2): (T, Offset, Offset, Offset, Offset) = if is_down == is_left {
                if ai > aj {
                    (aj / ai, (1, 0), (1, 1), (-1, 0), (-1, -1))
                } else {
                    (ai / aj, (0, 1), (1, 1), (0, -1), (-1, -1))
                }
            } else if ai < aj {
                (ai / aj, (0, 1), (-1, 1), (0, -1), (1, -1))
            } else {
                (aj / ai, (-1, 0), (-1, 1), (1, 0), (1, -1))
            };
            let at = |(dr, dc): (isize, isize)| {
                // x, y are interior, so x + dr and y + dc stay inside.
                mag[[(x as isize + dr) as usize, (y as isize + dc) as usize]]
            };
            let c_plus = at(p2) * w + at(p1) * (one - w) <= m;
            let c_minus = at(m2) * w + at(m1) * (one - w) <= m;
            if c_plus && c_minus {
                out[[x, y]] = m;
            }
        }
    }
    out
}

/// A neighbour's (row, column) offset.
type Offset = (isize, isize);

/// Keeps the 8-connected components of `low_masked > 0` that hold a value `>= high`.
fn hysteresis<T: Float>(low_masked: &Array2<T>, high: T) -> Array2<bool> {
    let (rows, cols) = low_masked.dim();
    let mut out = Array2::from_elem((rows, cols), false);
    let mut queue = VecDeque::new();
    for ((r, c), &v) in low_masked.indexed_iter() {
        if v > T::zero() && v >= high && !out[[r, c]] {
            out[[r, c]] = true;
            queue.push_back((r, c));
            while let Some((pr, pc)) = queue.pop_front() {
                for nr in pr.saturating_sub(1)..=(pr + 1).min(rows - 1) {
                    for nc in pc.saturating_sub(1)..=(pc + 1).min(cols - 1) {
                        if !out[[nr, nc]] && low_masked[[nr, nc]] > T::zero() {
                            out[[nr, nc]] = true;
                            queue.push_back((nr, nc));
                        }
                    }
                }
            }
        }
    }
    out
}
