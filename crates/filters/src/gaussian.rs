//! Gaussian filters of any dimension and their derivatives, as `scipy.ndimage`.
//!
//! Each is a chain of 1-D correlations ([`dsp_core::ndimage::correlate_separable`])
//! with the weights of [`dsp_core::gaussian_weights`], exactly as scipy chains
//! `correlate1d` over the axes.

use dsp_core::{
    BoundaryMode, Float, MAX_GAUSSIAN_ORDER, ParamGuard, boundary, check, gaussian_weights, ndimage,
};
use ndarray::{Array, Array2, Array3, ArrayView, ArrayView2, Axis, Dimension, Zip};

use crate::{Error, Result};

/// Parameters of [`gaussian_filter`], named as `scipy.ndimage.gaussian_filter`'s.
///
/// `sigma`, `order` and `radius` hold one value for every axis or one value
/// per axis. Unlike scipy, a sigma of 0 (scipy: "skip this axis") is refused:
/// filter the other axes with [`gaussian_filter1d`] instead.
///
/// Unchecked: [`ParamGuard::check`] (or the filter itself) validates the values into
/// [`GaussianValidParams`]; whether a list has one entry per axis is checked against the
/// input.
///
/// ```
/// use dsp_core::{BoundaryMode, ParamGuard};
/// let p = filters::GaussianParams::new(2.0).order(1).mode(BoundaryMode::Nearest).truncate(3.0);
/// assert_eq!(p.check_ref()?.truncate(), 3.0);
/// assert!(filters::GaussianParams::new(-1.0).check().is_err());
/// # Ok::<(), filters::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianParams(GaussianValidParams);

/// [`GaussianParams`] after [`ParamGuard::check`]: every sigma finite and `> 0`, orders at
/// most 3, `truncate` finite and `> 0` with kernels below 2^28 samples, a finite `cval`.
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianValidParams {
    /// Standard deviation(s) in samples (`> 0`): one, or one per axis.
    sigma: Vec<f64>,
    /// Derivative order(s), `0..=3`: empty (all 0), one, or one per axis.
    order: Vec<usize>,
    /// Boundary mode (`Constant(cval)` carries `cval`).
    mode: BoundaryMode,
    /// Kernel half-width in standard deviations (`> 0`, default 4).
    truncate: f64,
    /// Kernel half-width(s) in samples, overriding `truncate`: empty, one, or one per axis.
    radius: Vec<usize>,
}

impl Default for GaussianParams {
    /// `sigma = 1`, order 0, `Reflect`, `truncate = 4` (scipy's defaults).
    fn default() -> Self {
        Self::new(1.0)
    }
}

impl GaussianParams {
    /// scipy's defaults with the same `sigma` on every axis.
    #[must_use]
    pub fn new(sigma: f64) -> Self {
        Self(GaussianValidParams {
            sigma: vec![sigma],
            order: Vec::new(),
            mode: BoundaryMode::Reflect,
            truncate: 4.0,
            radius: Vec::new(),
        })
    }

    /// scipy's defaults with one sigma per axis.
    #[must_use]
    pub fn per_axis(sigmas: &[f64]) -> Self {
        let mut p = Self::new(1.0);
        p.0.sigma = sigmas.to_vec();
        p
    }

    /// The same derivative order on every axis.
    #[must_use]
    pub fn order(mut self, order: usize) -> Self {
        self.0.order = vec![order];
        self
    }

    /// One derivative order per axis.
    #[must_use]
    pub fn orders(mut self, orders: &[usize]) -> Self {
        self.0.order = orders.to_vec();
        self
    }

    /// The boundary mode.
    #[must_use]
    pub fn mode(mut self, mode: BoundaryMode) -> Self {
        self.0.mode = mode;
        self
    }

    /// The truncation in standard deviations.
    #[must_use]
    pub fn truncate(mut self, truncate: f64) -> Self {
        self.0.truncate = truncate;
        self
    }

    /// The same explicit radius on every axis.
    #[must_use]
    pub fn radius(mut self, radius: usize) -> Self {
        self.0.radius = vec![radius];
        self
    }

    /// One explicit radius per axis.
    #[must_use]
    pub fn radii(mut self, radii: &[usize]) -> Self {
        self.0.radius = radii.to_vec();
        self
    }
}

impl ParamGuard for GaussianParams {
    type Checked = GaussianValidParams;
    type Error = Error;

    /// # Errors
    /// [`dsp_core::Error::InvalidSigma`], [`dsp_core::Error::InvalidOrder`],
    /// [`dsp_core::Error::InvalidParameter`] (`truncate`, `cval`), as [`gaussian_filter`].
    fn check_ref(&self) -> Result<&GaussianValidParams> {
        let p = &self.0;
        for &s in &p.sigma {
            // Checks sigma, truncate and the kernel size, as the filter will.
            dsp_core::gaussian_radius(s, p.truncate)?;
        }
        dsp_core::check::ensure_positive("truncate", p.truncate)?;
        if let Some(&order) = p.order.iter().find(|&&o| o > MAX_GAUSSIAN_ORDER) {
            return Err(dsp_core::Error::InvalidOrder {
                order,
                max: MAX_GAUSSIAN_ORDER,
            }
            .into());
        }
        boundary::ensure_mode(p.mode)?;
        Ok(p)
    }

    fn check(self) -> Result<GaussianValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

impl GaussianValidParams {
    /// Standard deviation(s) in samples: one, or one per axis.
    #[must_use]
    pub fn sigma(&self) -> &[f64] {
        &self.sigma
    }

    /// Derivative order(s): empty (all 0), one, or one per axis.
    #[must_use]
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Boundary mode.
    #[must_use]
    pub fn mode(&self) -> BoundaryMode {
        self.mode
    }

    /// Kernel half-width in standard deviations.
    #[must_use]
    pub fn truncate(&self) -> f64 {
        self.truncate
    }

    /// Explicit kernel half-width(s) in samples: empty, one, or one per axis.
    #[must_use]
    pub fn radius(&self) -> &[usize] {
        &self.radius
    }

    /// The correlation weights for each of `ndim` axes.
    fn weights<T: Float>(&self, ndim: usize) -> Result<Vec<Vec<T>>> {
        let sigma = per_axis("sigma", &self.sigma, ndim, 1.0)?;
        let order = per_axis("order", &self.order, ndim, 0)?;
        let radius: Vec<Option<usize>> = if self.radius.is_empty() {
            vec![None; ndim]
        } else {
            per_axis("radius", &self.radius, ndim, 0)?
                .into_iter()
                .map(Some)
                .collect()
        };
        (0..ndim)
            .map(|a| {
                Ok(gaussian_weights(
                    sigma[a],
                    order[a],
                    self.truncate,
                    radius[a],
                )?)
            })
            .collect()
    }
}

/// `values` broadcast to `ndim` entries (empty means `default` everywhere).
fn per_axis<V: Copy>(what: &'static str, values: &[V], ndim: usize, default: V) -> Result<Vec<V>> {
    match values.len() {
        0 => Ok(vec![default; ndim]),
        1 => Ok(vec![values[0]; ndim]),
        n if n == ndim => Ok(values.to_vec()),
        n => Err(dsp_core::Error::ShapeMismatch {
            what,
            expected: vec![ndim],
            got: vec![n],
        }
        .into()),
    }
}

/// Equal to `scipy.ndimage.gaussian_filter(input, sigma, order, mode=..., cval=...,
/// truncate=..., radius=...)` (tested against it, every mode, orders 0-3).
///
/// One 1-D correlation per axis (axis 0 first) with
/// [`dsp_core::gaussian_weights`]; in `f64` the sums run in scipy's order.
///
/// # Errors
/// - [`dsp_core::Error::InvalidSigma`] for a sigma that is not finite and `> 0`.
/// - [`dsp_core::Error::InvalidOrder`] for an order above 3.
/// - [`dsp_core::Error::InvalidParameter`] for a bad `truncate` or `cval`.
/// - [`dsp_core::Error::ShapeMismatch`] when `sigma`, `order` or `radius`
///   has neither one entry nor one per axis.
/// - [`dsp_core::Error::TooShort`] for an empty input.
///
/// # Example
/// ```
/// use ndarray::array;
/// let x = array![[2.0_f64, 2.0, 2.0], [2.0, 2.0, 2.0]];
/// let y = filters::gaussian_filter(x.view(), &filters::GaussianParams::new(1.0))?;
/// assert!(y.iter().all(|&v| (v - 2.0).abs() < 1e-12)); // weights sum to 1
/// let d = filters::gaussian_filter(x.view(), &filters::GaussianParams::new(1.0).order(1))?;
/// assert!(d.iter().all(|&v| v.abs() < 1e-12)); // no slope, no derivative
/// # Ok::<(), filters::Error>(())
/// ```
pub fn gaussian_filter<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    params: &GaussianParams,
) -> Result<Array<T, D>> {
    let params = params.check_ref()?;
    check::ensure_len("input", input.len(), 1)?;
    let w = params.weights::<T>(input.ndim())?;
    let kernels: Vec<Option<&[T]>> = w.iter().map(|k| Some(k.as_slice())).collect();
    Ok(ndimage::correlate_separable(
        input,
        &kernels,
        params.mode,
        &[],
    )?)
}

/// Equal to `scipy.ndimage.gaussian_filter1d(input, sigma, axis, order, mode=...,
/// cval=..., truncate=..., radius=...)` (tested against it).
///
/// `params.sigma` (and `order`, `radius`) must hold a single value.
///
/// # Errors
/// As [`gaussian_filter`]; [`dsp_core::Error::AxisOutOfBounds`] for a bad axis;
/// [`dsp_core::Error::ShapeMismatch`] when a parameter holds several values.
pub fn gaussian_filter1d<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    axis: usize,
    params: &GaussianParams,
) -> Result<Array<T, D>> {
    let params = params.check_ref()?;
    let w = params.weights::<T>(1)?;
    Ok(ndimage::correlate1d(input, &w[0], axis, params.mode, 0)?)
}

/// The Gaussian derivative of `params` along `axis` only (order 1 or 2 there, 0 elsewhere).
fn along<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    axis: usize,
    order: usize,
    params: &GaussianParams,
) -> Result<Array<T, D>> {
    let mut orders = vec![0; input.ndim()];
    orders[axis] = order;
    gaussian_filter(input, &params.clone().orders(&orders))
}

/// Equal to `scipy.ndimage.gaussian_gradient_magnitude(input, sigma, mode=..., cval=...,
/// truncate=...)` (tested against it): `sqrt(sum_d (d/dx_d G * input)^2)`.
///
/// `params.order` is ignored (each term uses order 1 along its axis).
///
/// # Errors
/// As [`gaussian_filter`].
pub fn gaussian_gradient_magnitude<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    params: &GaussianParams,
) -> Result<Array<T, D>> {
    check::ensure_len("input", input.len(), 1)?;
    let mut acc = along(input.view(), 0, 1, params)?;
    acc.mapv_inplace(|v| v * v);
    for axis in 1..input.ndim() {
        let d = along(input.view(), axis, 1, params)?;
        Zip::from(&mut acc).and(&d).for_each(|a, &v| *a += v * v);
    }
    acc.mapv_inplace(|v| v.sqrt());
    Ok(acc)
}

/// Equal to `scipy.ndimage.gaussian_laplace(input, sigma, mode=..., cval=..., truncate=...)`
/// (tested against it): `sum_d d^2/dx_d^2 G * input`.
///
/// `params.order` is ignored (each term uses order 2 along its axis).
///
/// # Errors
/// As [`gaussian_filter`].
pub fn gaussian_laplace<T: Float, D: Dimension>(
    input: ArrayView<'_, T, D>,
    params: &GaussianParams,
) -> Result<Array<T, D>> {
    check::ensure_len("input", input.len(), 1)?;
    let mut acc = along(input.view(), 0, 2, params)?;
    for axis in 1..input.ndim() {
        let d = along(input.view(), axis, 2, params)?;
        Zip::from(&mut acc).and(&d).for_each(|a, &v| *a += v);
    }
    Ok(acc)
}

/// A Gaussian scale space: the image smoothed at each sigma, stacked along
/// axis 0 (shape `(sigmas.len(), rows, cols)`); slice `k` equals
/// `scipy.ndimage.gaussian_filter(image, sigmas[k], mode=..., truncate=...)`.
///
/// `params.sigma` is ignored (replaced by each of `sigmas`); its order,
/// mode, truncate and radius apply to every level.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for no sigma; as [`gaussian_filter`] per level.
pub fn gaussian_scale_space<T: Float>(
    image: ArrayView2<'_, T>,
    sigmas: &[f64],
    params: &GaussianParams,
) -> Result<Array3<T>> {
    check::ensure_len("sigmas", sigmas.len(), 1)?;
    let (h, w) = image.dim();
    let mut out = Array3::zeros((sigmas.len(), h, w));
    for (k, &s) in sigmas.iter().enumerate() {
        let mut p = params.clone();
        p.0.sigma = vec![s];
        out.index_axis_mut(Axis(0), k)
            .assign(&gaussian_filter(image, &p)?);
    }
    Ok(out)
}

/// The Gaussian derivative of order `(i, j)` (rows, columns) at scale `sigma`:
/// `scipy.ndimage.gaussian_filter(image, sigma, order=(i, j), mode=...)`.
///
/// `(0, 0)` is the smoothed image, `(0, 1)` the derivative along x (columns),
/// `(1, 0)` along y (rows), `(1, 1)`, `(2, 0)`, `(0, 2)` the second-order
/// family (the Hessian), and so on up to order 3 per axis.
///
/// # Errors
/// As [`gaussian_filter`].
pub fn gaussian_derivative<T: Float>(
    image: ArrayView2<'_, T>,
    sigma: f64,
    order: (usize, usize),
    mode: BoundaryMode,
) -> Result<Array2<T>> {
    gaussian_filter(
        image,
        &GaussianParams::new(sigma)
            .orders(&[order.0, order.1])
            .mode(mode),
    )
}

/// Gaussian derivatives with their orders `(i, j)`, as [`gaussian_derivatives`] returns them.
pub type DerivativeFamily<T> = Vec<((usize, usize), Array2<T>)>;

/// Every Gaussian derivative of order `(i, j)` with `i, j <= max_order` at
/// scale `sigma`, row-major over `(i, j)`: `(max_order + 1)^2` images
/// (9 for the tutorial's `max_order = 2`), each with its order.
///
/// # Errors
/// [`dsp_core::Error::InvalidOrder`] for `max_order > 3`; as [`gaussian_filter`].
pub fn gaussian_derivatives<T: Float>(
    image: ArrayView2<'_, T>,
    sigma: f64,
    max_order: usize,
    mode: BoundaryMode,
) -> Result<DerivativeFamily<T>> {
    if max_order > MAX_GAUSSIAN_ORDER {
        return Err(dsp_core::Error::InvalidOrder {
            order: max_order,
            max: MAX_GAUSSIAN_ORDER,
        }
        .into());
    }
    let mut out = Vec::with_capacity((max_order + 1) * (max_order + 1));
    for i in 0..=max_order {
        for j in 0..=max_order {
            out.push(((i, j), gaussian_derivative(image, sigma, (i, j), mode)?));
        }
    }
    Ok(out)
}
