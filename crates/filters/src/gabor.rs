//! 2-D Gabor kernels, responses and banks, as `skimage.filters.gabor_kernel` / `gabor`.

use std::f64::consts::PI;

use dsp_core::{BoundaryMode, Float, ParamGuard, check};
use fourier::{Complex, FftFloat, Method, Workload};
use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;

use crate::conv2d::FftConvolver2d;
use crate::error::{finite, positive};
use crate::{Error, Result};

/// Largest Gabor kernel built, in samples (2^26, a 1 GiB complex array).
const MAX_KERNEL_SAMPLES: u64 = 1 << 26;

/// Parameters of a 2-D Gabor kernel, named as `skimage.filters.gabor_kernel`'s.
///
/// `Default` is skimage's defaults with `frequency = 0.1` (skimage has no
/// default frequency; 0.1 cycles per pixel is ours). Build with
/// [`GaborParams::new`] and the builder methods; [`ParamGuard::check`] (or
/// [`gabor_kernel`] itself) validates them into [`GaborValidParams`]:
///
/// ```
/// let p = filters::GaborParams::new(0.25).theta(std::f64::consts::FRAC_PI_4).sigma(3.0);
/// let k = filters::gabor_kernel(&p)?;
/// assert_eq!(k.dim(), (15, 15)); // ceil(3 * 3 * cos(pi / 4)) = 7 each side
/// # Ok::<(), filters::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaborParams(GaborValidParams);

/// [`GaborParams`] after [`ParamGuard::check`]: frequency, bandwidth, `n_stds` and both
/// sigmas finite and `> 0`, `theta` and `offset` finite, and a kernel of at most 2^26 samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaborValidParams {
    frequency: f64,
    theta: f64,
    bandwidth: f64,
    sigma_x: Option<f64>,
    sigma_y: Option<f64>,
    n_stds: f64,
    offset: f64,
}

impl Default for GaborParams {
    fn default() -> Self {
        Self::new(0.1)
    }
}

impl GaborParams {
    /// skimage's defaults (`theta = 0`, `bandwidth = 1`, sigmas from the
    /// bandwidth, `n_stds = 3`, `offset = 0`) at `frequency` (cycles per pixel).
    #[must_use]
    pub fn new(frequency: f64) -> Self {
        Self(GaborValidParams {
            frequency,
            theta: 0.0,
            bandwidth: 1.0,
            sigma_x: None,
            sigma_y: None,
            n_stds: 3.0,
            offset: 0.0,
        })
    }

    /// Sets the spatial frequency of the harmonic, in cycles per pixel.
    #[must_use]
    pub fn frequency(mut self, frequency: f64) -> Self {
        self.0.frequency = frequency;
        self
    }

    /// Sets the orientation in radians (`0`: the harmonic runs along x, the columns).
    #[must_use]
    pub fn theta(mut self, theta: f64) -> Self {
        self.0.theta = theta;
        self
    }

    /// Sets the bandwidth in octaves, used for the sigmas not given.
    #[must_use]
    pub fn bandwidth(mut self, bandwidth: f64) -> Self {
        self.0.bandwidth = bandwidth;
        self
    }

    /// Sets `sigma_x`, the standard deviation along the harmonic.
    #[must_use]
    pub fn sigma_x(mut self, sigma_x: f64) -> Self {
        self.0.sigma_x = Some(sigma_x);
        self
    }

    /// Sets `sigma_y`, the standard deviation across the harmonic.
    #[must_use]
    pub fn sigma_y(mut self, sigma_y: f64) -> Self {
        self.0.sigma_y = Some(sigma_y);
        self
    }

    /// Sets both sigmas (the skimage gallery's `sigma_x=sigma, sigma_y=sigma`).
    #[must_use]
    pub fn sigma(self, sigma: f64) -> Self {
        self.sigma_x(sigma).sigma_y(sigma)
    }

    /// Sets `n_stds`, the half-size of the kernel in standard deviations.
    #[must_use]
    pub fn n_stds(mut self, n_stds: f64) -> Self {
        self.0.n_stds = n_stds;
        self
    }

    /// Sets the phase offset of the harmonic in radians.
    #[must_use]
    pub fn offset(mut self, offset: f64) -> Self {
        self.0.offset = offset;
        self
    }

    /// `(sigma_x, sigma_y)` after checking: [`GaborValidParams::sigmas`].
    ///
    /// # Errors
    /// As [`ParamGuard::check`].
    pub fn sigmas(&self) -> Result<(f64, f64)> {
        Ok(self.check_ref()?.sigmas())
    }
}

impl ParamGuard for GaborParams {
    type Checked = GaborValidParams;
    type Error = Error;

    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] for a frequency, bandwidth, sigma or `n_stds`
    /// that is not finite and `> 0`, or a non-finite `theta` or `offset`;
    /// [`Error::KernelTooLarge`] past 2^26 samples.
    fn check_ref(&self) -> Result<&GaborValidParams> {
        let p = &self.0;
        positive("frequency", p.frequency)?;
        positive("bandwidth", p.bandwidth)?;
        positive("n_stds", p.n_stds)?;
        finite("theta", p.theta)?;
        finite("offset", p.offset)?;
        let (sx, sy) = p.sigmas();
        positive("sigma_x", sx)?;
        positive("sigma_y", sy)?;
        p.half_sizes(sx, sy)?;
        Ok(p)
    }

    fn check(self) -> Result<GaborValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

impl GaborValidParams {
    /// Spatial frequency in cycles per pixel.
    #[must_use]
    pub fn frequency(&self) -> f64 {
        self.frequency
    }

    /// Orientation in radians.
    #[must_use]
    pub fn theta(&self) -> f64 {
        self.theta
    }

    /// Bandwidth in octaves.
    #[must_use]
    pub fn bandwidth(&self) -> f64 {
        self.bandwidth
    }

    /// Half-size of the kernel in standard deviations.
    #[must_use]
    pub fn n_stds(&self) -> f64 {
        self.n_stds
    }

    /// Phase offset in radians.
    #[must_use]
    pub fn offset(&self) -> f64 {
        self.offset
    }

    /// `(sigma_x, sigma_y)` after filling the missing ones from the bandwidth:
    /// `sqrt(ln 2 / 2) / pi * (2^b + 1) / (2^b - 1) / frequency`, as skimage.
    #[must_use]
    pub fn sigmas(&self) -> (f64, f64) {
        let b = self.bandwidth;
        let pre = 1.0 / PI * (2.0_f64.ln() / 2.0).sqrt() * (2.0_f64.powf(b) + 1.0)
            / (2.0_f64.powf(b) - 1.0);
        let sx = self.sigma_x.unwrap_or(pre / self.frequency);
        let sy = self.sigma_y.unwrap_or(pre / self.frequency);
        (sx, sy)
    }

    /// Half-sizes `(y0, x0)` of the kernel, as skimage:
    /// `x0 = ceil(max(|n sx cos t|, |n sy sin t|, 1))`, `y0` likewise.
    fn half_sizes(&self, sx: f64, sy: f64) -> Result<(usize, usize)> {
        let (ct, st) = (self.theta.cos(), self.theta.sin());
        let n = self.n_stds;
        let x0 = (n * sx * ct).abs().max((n * sy * st).abs()).max(1.0).ceil();
        let y0 = (n * sy * ct).abs().max((n * sx * st).abs()).max(1.0).ceil();
        let (rows, cols) = (2.0 * y0 + 1.0, 2.0 * x0 + 1.0);
        if rows * cols > MAX_KERNEL_SAMPLES as f64 {
            return Err(Error::KernelTooLarge {
                what: "Gabor",
                rows: rows.min(u64::MAX as f64) as u64,
                cols: cols.min(u64::MAX as f64) as u64,
                limit: MAX_KERNEL_SAMPLES,
            });
        }
        // Both are in [1, 2^26] by the check above.
        Ok((y0 as usize, x0 as usize))
    }
}

/// Equal to `skimage.filters.gabor_kernel(frequency, theta, bandwidth,
/// sigma_x, sigma_y, n_stds, offset)` (tested against it).
///
/// Shape `(2 y0 + 1, 2 x0 + 1)` (rows are y); sample `(y, x)` holds
/// `exp(-(x'^2 / sx^2 + y'^2 / sy^2) / 2 + i (2 pi f x' + offset)) / (2 pi sx sy)`
/// with `x' = x cos t + y sin t`, `y' = -x sin t + y cos t`.
///
/// The parameters are checked first ([`ParamGuard::check_ref`]).
///
/// # Errors
/// As [`ParamGuard::check`] for [`GaborParams`].
///
/// # Example
/// ```
/// use filters::{GaborParams, gabor_kernel};
/// // skimage.filters.gabor_kernel(0.1): sigmas from the one-octave bandwidth, 3 std each side
/// let k = gabor_kernel(&GaborParams::new(0.1))?;
/// assert_eq!(k.dim(), (35, 35));
/// let (sx, sy) = GaborParams::new(0.1).sigmas()?;
/// // the centre holds 1 / (2 pi sx sy), purely real
/// assert!((k[[17, 17]].re - 1.0 / (2.0 * std::f64::consts::PI * sx * sy)).abs() < 1e-15);
/// assert_eq!(k[[17, 17]].im, 0.0);
/// assert!(gabor_kernel(&GaborParams::new(-0.1)).is_err());
/// # Ok::<(), filters::Error>(())
/// ```
pub fn gabor_kernel(params: &GaborParams) -> Result<Array2<Complex<f64>>> {
    gabor_kernel_as::<f64>(params.check_ref()?)
}

/// The kernel in `T`: the complex exponential in `f64`, rounded to `T`, then
/// scaled in `T` (as skimage builds its `complex64` kernel for `f32` images).
fn gabor_kernel_as<T: Float>(params: &GaborValidParams) -> Result<Array2<Complex<T>>> {
    let (sx, sy) = params.sigmas();
    let (y0, x0) = params.half_sizes(sx, sy)?;
    let (ct, st) = (params.theta.cos(), params.theta.sin());
    let (sx2, sy2) = (sx * sx, sy * sy);
    let w = 2.0 * PI * params.frequency;
    let scale = T::of(1.0 / (2.0 * PI * sx * sy));
    let (y0i, x0i) = (y0 as isize, x0 as isize);
    Ok(Array2::from_shape_fn((2 * y0 + 1, 2 * x0 + 1), |(r, c)| {
        let y = (r as isize - y0i) as f64;
        let x = (c as isize - x0i) as f64;
        let rotx = x * ct + y * st;
        let roty = -x * st + y * ct;
        let z = Complex::new(
            -0.5 * (rotx * rotx / sx2 + roty * roty / sy2),
            w * rotx + params.offset,
        )
        .exp();
        Complex::new(T::of(z.re) * scale, T::of(z.im) * scale)
    }))
}

/// Equal to `skimage.filters.gabor(image, frequency, theta, bandwidth,
/// sigma_x, sigma_y, n_stds, offset, mode, cval)` (tested against it):
/// the image convolved (`scipy.ndimage.convolve`) with the real and the
/// imaginary part of [`gabor_kernel`], returned as `(real, imag)`.
///
/// `mode` carries `cval` (`BoundaryMode::Constant(cval)`). Small kernels are
/// convolved directly, large ones through the FFT ([`Method::Auto`]).
///
/// # Errors
/// As [`gabor_kernel`]; [`dsp_core::Error::TooShort`] for an empty image;
/// [`dsp_core::Error::InvalidParameter`] for a non-finite `cval`.
pub fn gabor<T: FftFloat>(
    image: ArrayView2<'_, T>,
    params: &GaborParams,
    mode: BoundaryMode,
) -> Result<(Array2<T>, Array2<T>)> {
    gabor_with(image, params, mode, Method::Auto)
}

/// [`gabor`] with the convolution method chosen explicitly.
///
/// # Errors
/// As [`gabor`].
pub fn gabor_with<T: FftFloat>(
    image: ArrayView2<'_, T>,
    params: &GaborParams,
    mode: BoundaryMode,
    method: Method,
) -> Result<(Array2<T>, Array2<T>)> {
    check::ensure_len("image", image.len(), 1)?;
    let k = gabor_kernel_as::<T>(params.check_ref()?)?;
    let (re, im) = (k.mapv(|z| z.re), k.mapv(|z| z.im));
    let mut conv = Convolver::new(image, k.dim(), mode, method, k.len())?;
    Ok((conv.run(re.view())?, conv.run(im.view())?))
}

/// Whether `method` convolves a kernel of `taps` samples directly ([`Workload::Image`]).
fn direct(method: Method, taps: usize) -> bool {
    method.resolve(Workload::Image { taps }) == Method::Direct
}

/// Either the direct path or one prepared FFT convolver.
enum Convolver<'a, T: FftFloat> {
    Direct(ArrayView2<'a, T>, BoundaryMode),
    Fft(FftConvolver2d<T>),
}

impl<'a, T: FftFloat> Convolver<'a, T> {
    fn new(
        image: ArrayView2<'a, T>,
        max_kernel: (usize, usize),
        mode: BoundaryMode,
        method: Method,
        taps: usize,
    ) -> Result<Self> {
        Ok(if direct(method, taps) {
            Convolver::Direct(image, mode)
        } else {
            Convolver::Fft(FftConvolver2d::new(image, max_kernel, mode)?)
        })
    }

    fn run(&mut self, kernel: ArrayView2<'_, T>) -> Result<Array2<T>> {
        match self {
            Convolver::Direct(image, mode) => Ok(dsp_core::ndimage::convolve(
                image.view(),
                kernel,
                *mode,
                &[],
            )?),
            Convolver::Fft(c) => c.convolve(kernel),
        }
    }
}

/// The skimage gallery's and the tutorial's `compute_feats` /
/// `compute_kernel_feats`: for each (real) kernel, the mean and variance of
/// `scipy.ndimage.convolve(image, kernel, mode)` (tested against it).
///
/// Returns shape `(kernels.len(), 2)`: column 0 the means, column 1 the
/// (population, `ddof = 0`) variances. The gallery uses `mode = Wrap`.
///
/// With `mode = Wrap` and any method but [`Method::Direct`] the
/// responses are never formed: a wrapped convolution is circular, so with
/// `R = rfft2(image) * rfft2(wrapped kernel)` the mean is `R[0, 0] / N` and
/// the variance `sum_{k != 0} |R_k|^2 / N^2` (Parseval, without the DC term,
/// so no cancellation). Otherwise kernels run in parallel and the FFT path
/// transforms the extended image once.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an empty image, no kernel or an empty kernel.
pub fn compute_kernel_feats<T: FftFloat>(
    image: ArrayView2<'_, T>,
    kernels: &[Array2<T>],
    mode: BoundaryMode,
    method: Method,
) -> Result<Array2<T>> {
    check::ensure_len("image", image.len(), 1)?;
    check::ensure_len("kernels", kernels.len(), 1)?;
    for k in kernels {
        check::ensure_len("kernel", k.len(), 1)?;
    }
    if mode == BoundaryMode::Wrap && method != Method::Direct {
        return wrap_feats(image, kernels);
    }
    let big = kernels.iter().any(|k| !direct(method, k.len()));
    let fft = if big {
        let rows = kernels.iter().map(|k| k.nrows()).max().unwrap_or(1);
        let cols = kernels.iter().map(|k| k.ncols()).max().unwrap_or(1);
        Some(FftConvolver2d::new(image, (rows, cols), mode)?)
    } else {
        None
    };
    let stats: Vec<Result<(T, T)>> = kernels
        .par_iter()
        .map(|k| {
            let r = match (&fft, direct(method, k.len())) {
                (Some(c), false) => c.convolve(k.view())?,
                _ => dsp_core::ndimage::convolve(image, k.view(), mode, &[])?,
            };
            Ok(mean_var(r.as_slice().expect("a new standard-layout array")))
        })
        .collect();
    let mut out = Array2::zeros((kernels.len(), 2));
    for (i, s) in stats.into_iter().enumerate() {
        let (m, v) = s?;
        out[[i, 0]] = m;
        out[[i, 1]] = v;
    }
    Ok(out)
}

/// [`compute_kernel_feats`] for `Wrap` through the spectra (see there).
fn wrap_feats<T: FftFloat>(image: ArrayView2<'_, T>, kernels: &[Array2<T>]) -> Result<Array2<T>> {
    WrapKernelFeats::new(kernels, image.dim())?.feats(image)
}

/// [`compute_kernel_feats`] with `mode = Wrap` planned for one image shape:
/// the kernels' spectra are computed once, so each image costs one `rfft2`
/// and a weighted sum per kernel (plan once, run many).
///
/// Equal to `compute_kernel_feats(image, kernels, BoundaryMode::Wrap, ...)`
/// up to FFT rounding (tested against the direct path).
#[derive(Debug, Clone)]
pub struct WrapKernelFeats<T: FftFloat> {
    shape: (usize, usize),
    spectra: Vec<Array2<Complex<T>>>,
}

impl<T: FftFloat> WrapKernelFeats<T> {
    /// Transforms each kernel, wrapped onto an image of `shape = (rows, cols)`.
    ///
    /// # Errors
    /// [`dsp_core::Error::TooShort`] for no kernel, an empty kernel or an empty shape.
    pub fn new(kernels: &[Array2<T>], shape: (usize, usize)) -> Result<Self> {
        check::ensure_len("kernels", kernels.len(), 1)?;
        check::ensure_len("image", shape.0 * shape.1, 1)?;
        let (h, w) = shape;
        let spectra = kernels
            .par_iter()
            .map(|k| {
                check::ensure_len("kernel", k.len(), 1)?;
                // scipy's convolution reads in[i + kh/2 - a]: k[a] goes to
                // (a - kh/2) mod h of a circular kernel K, so out = in (*) K.
                // Kernels longer than the image fold onto themselves, as the
                // periodic extension does.
                let (kh, kw) = k.dim();
                let mut wrapped = Array2::<T>::zeros((h, w));
                for ((a, b), &v) in k.indexed_iter() {
                    let r = (a + h - (kh / 2) % h) % h;
                    let c = (b + w - (kw / 2) % w) % w;
                    wrapped[[r, c]] += v;
                }
                Ok(fourier::rfft2_col_major(wrapped.view())?)
            })
            .collect::<Result<_>>()?;
        Ok(Self { shape, spectra })
    }

    /// `(kernels, 2)` means and variances of the wrapped responses of `image`.
    ///
    /// # Errors
    /// [`dsp_core::Error::ShapeMismatch`] when `image` does not have the planned shape.
    pub fn feats(&self, image: ArrayView2<'_, T>) -> Result<Array2<T>> {
        if image.dim() != self.shape {
            return Err(dsp_core::Error::ShapeMismatch {
                what: "image (the planned shape)",
                expected: vec![self.shape.0, self.shape.1],
                got: image.shape().to_vec(),
            }
            .into());
        }
        let (h, w) = self.shape;
        let spec = fourier::rfft2_col_major(image)?;
        let n = (h * w) as f64;
        let half = w / 2 + 1;
        let stats: Vec<(T, T)> = self
            .spectra
            .par_iter()
            .map(|ks| {
                let mut mean = 0.0;
                let mut power = 0.0;
                for (((r, c), &x), &y) in spec.indexed_iter().zip(ks.iter()) {
                    let z = x * y;
                    if r == 0 && c == 0 {
                        mean = z.re.to_f64_lossless() / n;
                        continue;
                    }
                    // The half spectrum holds columns 1..ceil(w/2) twice over.
                    let twice = c != 0 && !(w % 2 == 0 && c == half - 1);
                    let p = z.norm_sqr().to_f64_lossless();
                    power += if twice { 2.0 * p } else { p };
                }
                (T::of(mean), T::of(power / (n * n)))
            })
            .collect();
        let mut out = Array2::zeros((stats.len(), 2));
        for (i, (m, v)) in stats.into_iter().enumerate() {
            out[[i, 0]] = m;
            out[[i, 1]] = v;
        }
        Ok(out)
    }
}

/// Mean and population variance (`numpy` `mean()` / `var()`), two passes.
fn mean_var<T: Float>(x: &[T]) -> (T, T) {
    let n = T::of_usize(x.len());
    let mean = x.iter().copied().sum::<T>() / n;
    let var = x
        .iter()
        .map(|&v| {
            let d = v - mean;
            d * d
        })
        .sum::<T>()
        / n;
    (mean, var)
}

/// A bank of 2-D Gabor kernels, built once and applied to many images.
#[derive(Debug, Clone)]
pub struct GaborBank {
    params: Vec<GaborValidParams>,
    kernels: Vec<Array2<Complex<f64>>>,
}

impl GaborBank {
    /// One kernel per parameter set, in order.
    ///
    /// # Errors
    /// [`dsp_core::Error::TooShort`] for no parameters; as [`gabor_kernel`] for each.
    pub fn new(params: Vec<GaborParams>) -> Result<Self> {
        check::ensure_len("params", params.len(), 1)?;
        let params = params
            .into_iter()
            .map(ParamGuard::check)
            .collect::<Result<Vec<_>>>()?;
        let kernels = params
            .iter()
            .map(gabor_kernel_as::<f64>)
            .collect::<Result<_>>()?;
        Ok(Self { params, kernels })
    }

    /// The grid `frequencies x thetas` (frequency-major: all orientations of
    /// the first frequency come first), every other parameter from `base`.
    ///
    /// # Errors
    /// As [`GaborBank::new`].
    pub fn grid(frequencies: &[f64], thetas: &[f64], base: GaborParams) -> Result<Self> {
        let params = frequencies
            .iter()
            .flat_map(|&f| thetas.iter().map(move |&t| base.frequency(f).theta(t)))
            .collect();
        Self::new(params)
    }

    /// The skimage gallery's bank: `theta = k pi / 4` for `k` in `0..4`,
    /// `sigma` in `{1, 3}`, `frequency` in `{0.05, 0.25}` (theta-major, then
    /// sigma, then frequency, as its nested loops), 16 kernels.
    ///
    /// # Errors
    /// Never in practice (the parameters are valid); typed for uniformity.
    pub fn skimage_gallery() -> Result<Self> {
        let mut params = Vec::with_capacity(16);
        for k in 0..4 {
            let theta = f64::from(k) / 4.0 * PI;
            for sigma in [1.0, 3.0] {
                for frequency in [0.05, 0.25] {
                    params.push(GaborParams::new(frequency).theta(theta).sigma(sigma));
                }
            }
        }
        Self::new(params)
    }

    /// The (checked) parameters, in kernel order.
    #[must_use]
    pub fn params(&self) -> &[GaborValidParams] {
        &self.params
    }

    /// The complex kernels.
    #[must_use]
    pub fn kernels(&self) -> &[Array2<Complex<f64>>] {
        &self.kernels
    }

    /// The real parts of the kernels in `T` (what the gallery convolves with).
    #[must_use]
    pub fn real_kernels<T: Float>(&self) -> Vec<Array2<T>> {
        self.kernels
            .iter()
            .map(|k| k.mapv(|z| T::of(z.re)))
            .collect()
    }

    /// [`compute_kernel_feats`] of the real kernels: `(len, 2)` means and variances.
    ///
    /// # Errors
    /// As [`compute_kernel_feats`].
    pub fn kernel_feats<T: FftFloat>(
        &self,
        image: ArrayView2<'_, T>,
        mode: BoundaryMode,
    ) -> Result<Array2<T>> {
        compute_kernel_feats(image, &self.real_kernels(), mode, Method::Auto)
    }

    /// [`gabor`] responses `(real, imag)` of every kernel.
    ///
    /// # Errors
    /// As [`gabor`].
    pub fn responses<T: FftFloat>(
        &self,
        image: ArrayView2<'_, T>,
        mode: BoundaryMode,
    ) -> Result<Vec<(Array2<T>, Array2<T>)>> {
        self.params
            .par_iter()
            .map(|p| gabor(image, &GaborParams(*p), mode))
            .collect()
    }

    /// Number of kernels.
    #[must_use]
    pub fn len(&self) -> usize {
        self.kernels.len()
    }

    /// Whether the bank is empty (never, for a bank from the constructors).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.kernels.is_empty()
    }
}
