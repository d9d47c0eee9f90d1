//! `sigfeat._native`: the extension module behind the `sigfeat` Python package.
//!
//! Each function here takes numpy arrays of `float32` or `float64` (or their complex
//! counterparts) and the arguments the Python layer (`python/sigfeat/*.py`) has already
//! brought to scipy's meaning; it returns a new numpy array of the input's dtype. Arrays are
//! read in place, whatever their strides (no copy on the way in); the computation runs with
//! the GIL released; a Rust error is raised as `ValueError` with the same message.
//!
//! Bad dtypes are turned away with a `TypeError` by the Python layer before they get here.

/// mimalloc for every Rust allocation of the extension, results included (numpy frees them
/// through the extension). With glibc's malloc each result over 32 MiB (a 2048x2048 float64
/// image) is a fresh mapping that the kernel page-faults and zeroes on every call: measured from
/// Python, a float64 Gaussian at sigma 1 took 16.8 ms against 8.3 ms from Rust, where the bench
/// binaries use mimalloc too.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use dsp_core::{BoundaryMode, ConvMode};
use fourier::{Complex, FftArgs, Norm};
use ndarray::{ArrayD, Ix1};
use numpy::{IntoPyArray, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A real array of either float dtype.
#[derive(FromPyObject)]
enum Real<'py> {
    F64(PyReadonlyArrayDyn<'py, f64>),
    F32(PyReadonlyArrayDyn<'py, f32>),
}

impl Real<'_> {
    /// The number of dimensions.
    fn ndim(&self) -> usize {
        match self {
            Real::F64(a) => a.ndim(),
            Real::F32(a) => a.ndim(),
        }
    }
}

/// `x` as an array of exactly `D`'s dimensions, or `ValueError` naming it.
fn fixed_dim<'a, T, D: ndarray::Dimension>(
    x: ndarray::ArrayViewD<'a, T>,
    name: &str,
) -> PyResult<ndarray::ArrayView<'a, T, D>> {
    let ndim = x.ndim();
    x.into_dimensionality::<D>().map_err(|_| {
        PyValueError::new_err(format!(
            "{name} must be {}-D, got {ndim} dimensions",
            D::NDIM.unwrap_or(0)
        ))
    })
}

/// The view of a numpy array, or `ValueError` for a misaligned one (numpy allows arrays at any
/// byte offset, such as those unpickled from a buffer; ndarray's views must be aligned).
fn view_of<'a, T: numpy::Element, D: ndarray::Dimension>(
    a: &'a numpy::PyReadonlyArray<'_, T, D>,
) -> PyResult<ndarray::ArrayView<'a, T, D>> {
    if !a.is_aligned() {
        return Err(PyValueError::new_err(
            "the array is not aligned in memory (as arrays made from a buffer at an odd offset \
             can be): pass an aligned copy, numpy.require(a, requirements='A')",
        ));
    }
    Ok(a.as_array())
}

/// A complex array of either precision.
#[derive(FromPyObject)]
enum Cplx<'py> {
    C128(PyReadonlyArrayDyn<'py, Complex<f64>>),
    C64(PyReadonlyArrayDyn<'py, Complex<f32>>),
}

/// Any error of the Rust crates, as Python's `ValueError` with its message.
fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// Runs `$body` (an expression of the array view `$v`, generic in its float type) on a
/// [`Real`] with the GIL released, and returns the result as a numpy array.
macro_rules! on_real {
    ($py:expr, $x:expr, |$v:ident| $body:expr) => {
        match $x {
            Real::F64(a) => {
                let $v = view_of(&a)?;
                let r = $py.detach(|| $body).map_err(value_error)?;
                r.into_pyarray($py).into_any()
            }
            Real::F32(a) => {
                let $v = view_of(&a)?;
                let r = $py.detach(|| $body).map_err(value_error)?;
                r.into_pyarray($py).into_any()
            }
        }
    };
}

// After `on_real!`, which they use (a macro is visible below its definition).
mod learn;
mod more;

/// scipy.ndimage's `mode` and `cval` (the Python layer maps scipy's aliases).
fn boundary(mode: &str, cval: f64) -> PyResult<BoundaryMode> {
    Ok(match mode {
        "reflect" => BoundaryMode::Reflect,
        "constant" => BoundaryMode::Constant(cval),
        "nearest" => BoundaryMode::Nearest,
        "mirror" => BoundaryMode::Mirror,
        "wrap" => BoundaryMode::Wrap,
        other => {
            return Err(PyValueError::new_err(format!(
                "mode must be one of 'reflect', 'constant', 'nearest', 'mirror', 'wrap', got {other:?}"
            )));
        }
    })
}

/// numpy.convolve's / scipy.signal's `mode`.
fn conv_mode(mode: &str) -> PyResult<ConvMode> {
    Ok(match mode {
        "full" => ConvMode::Full,
        "same" => ConvMode::Same,
        "valid" => ConvMode::Valid,
        other => {
            return Err(PyValueError::new_err(format!(
                "mode must be 'full', 'same' or 'valid', got {other:?}"
            )));
        }
    })
}

/// numpy.fft's `norm`.
fn norm(norm: Option<&str>) -> PyResult<Norm> {
    Ok(match norm {
        None | Some("backward") => Norm::Backward,
        Some("ortho") => Norm::Ortho,
        Some("forward") => Norm::Forward,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "norm must be None, 'backward', 'ortho' or 'forward', got {other:?}"
            )));
        }
    })
}

/// `axis` of an `ndim`-dimensional array, negative counting from the end.
fn axis_of(axis: isize, ndim: usize) -> PyResult<usize> {
    let a = if axis < 0 { axis + ndim as isize } else { axis };
    if a < 0 || a as usize >= ndim {
        return Err(PyValueError::new_err(format!(
            "axis {axis} is out of bounds for an array of dimension {ndim}"
        )));
    }
    Ok(a as usize)
}

/// `scipy.ndimage.gaussian_filter` with every sigma `> 0` (the Python layer chains 1-D
/// filters when an axis has sigma 0, as scipy skips it).
#[pyfunction]
#[pyo3(signature = (input, sigma, order, mode, cval, truncate, radius))]
#[allow(clippy::too_many_arguments)]
fn gaussian_filter<'py>(
    py: Python<'py>,
    input: Real<'py>,
    sigma: Vec<f64>,
    order: Vec<usize>,
    mode: &str,
    cval: f64,
    truncate: f64,
    radius: Option<Vec<usize>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut p = filters::GaussianParams::per_axis(&sigma)
        .orders(&order)
        .mode(boundary(mode, cval)?)
        .truncate(truncate);
    if let Some(r) = radius {
        p = p.radii(&r);
    }
    Ok(on_real!(py, input, |v| filters::gaussian_filter(v, &p)))
}

/// `scipy.ndimage.gaussian_filter1d`.
#[pyfunction]
#[pyo3(signature = (input, sigma, axis, order, mode, cval, truncate, radius))]
#[allow(clippy::too_many_arguments)]
fn gaussian_filter1d<'py>(
    py: Python<'py>,
    input: Real<'py>,
    sigma: f64,
    axis: isize,
    order: usize,
    mode: &str,
    cval: f64,
    truncate: f64,
    radius: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut p = filters::GaussianParams::new(sigma)
        .order(order)
        .mode(boundary(mode, cval)?)
        .truncate(truncate);
    if let Some(r) = radius {
        p = p.radius(r);
    }
    let axis = axis_of(axis, input.ndim())?;
    Ok(on_real!(py, input, |v| filters::gaussian_filter1d(
        v, axis, &p
    )))
}

/// `scipy.ndimage.correlate1d` (`convolve = false`) or `convolve1d` (`true`).
#[pyfunction]
#[pyo3(signature = (input, weights, axis, mode, cval, origin, convolve))]
#[allow(clippy::too_many_arguments)]
fn correlate1d<'py>(
    py: Python<'py>,
    input: Real<'py>,
    weights: Vec<f64>,
    axis: isize,
    mode: &str,
    cval: f64,
    origin: isize,
    convolve: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = boundary(mode, cval)?;
    let axis = axis_of(axis, input.ndim())?;
    Ok(match input {
        Real::F64(a) => {
            let v = view_of(&a)?;
            let r = py
                .detach(|| {
                    if convolve {
                        dsp_core::convolve1d(v, &weights, axis, mode, origin)
                    } else {
                        dsp_core::correlate1d(v, &weights, axis, mode, origin)
                    }
                })
                .map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
        Real::F32(a) => {
            // scipy computes in float64 and stores float32; sigfeat filters float32 input
            // with float32 weights (as its gaussian_filter does), within float32 rounding.
            let w: Vec<f32> = weights.iter().map(|&x| x as f32).collect();
            let v = view_of(&a)?;
            let r = py
                .detach(|| {
                    if convolve {
                        dsp_core::convolve1d(v, &w, axis, mode, origin)
                    } else {
                        dsp_core::correlate1d(v, &w, axis, mode, origin)
                    }
                })
                .map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
    })
}

/// `scipy.ndimage.sobel`.
#[pyfunction]
#[pyo3(signature = (input, axis, mode, cval))]
fn sobel<'py>(
    py: Python<'py>,
    input: Real<'py>,
    axis: isize,
    mode: &str,
    cval: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = boundary(mode, cval)?;
    let axis = axis_of(axis, input.ndim())?;
    Ok(on_real!(py, input, |v| filters::sobel(v, axis, mode)))
}

/// `scipy.fft.rfft` (numpy.fft's definition and norms).
#[pyfunction]
#[pyo3(signature = (x, n, axis, norm_))]
fn rfft<'py>(
    py: Python<'py>,
    x: Real<'py>,
    n: Option<usize>,
    axis: isize,
    norm_: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut args = FftArgs::new().axis(axis).norm(norm(norm_)?);
    if let Some(n) = n {
        args = args.n(n);
    }
    Ok(on_real!(py, x, |v| fourier::rfft_with(v, &args)))
}

/// `scipy.fft.irfft`.
#[pyfunction]
#[pyo3(signature = (x, n, axis, norm_))]
fn irfft<'py>(
    py: Python<'py>,
    x: Cplx<'py>,
    n: Option<usize>,
    axis: isize,
    norm_: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut args = FftArgs::new().axis(axis).norm(norm(norm_)?);
    if let Some(n) = n {
        args = args.n(n);
    }
    Ok(match x {
        Cplx::C128(a) => {
            let v = view_of(&a)?;
            let r = py
                .detach(|| fourier::irfft_with(v, &args))
                .map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
        Cplx::C64(a) => {
            let v = view_of(&a)?;
            let r = py
                .detach(|| fourier::irfft_with(v, &args))
                .map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
    })
}

/// `scipy.fft.rfft2`.
#[pyfunction]
#[pyo3(signature = (x, s, axes, norm_))]
fn rfft2<'py>(
    py: Python<'py>,
    x: Real<'py>,
    s: Option<(usize, usize)>,
    axes: (isize, isize),
    norm_: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut args = fourier::Fft2Args::new()
        .axes(axes.0, axes.1)
        .norm(norm(norm_)?);
    if let Some((s0, s1)) = s {
        args = args.s(s0, s1);
    }
    Ok(on_real!(py, x, |v| fourier::rfft2_with(v, &args)))
}

/// 1-D linear convolution of two arrays of the same dtype by `method` (`"fft"`: one FFT,
/// `"oa"`: overlap blocks, `"auto"`: the measured fastest, `"direct"`).
#[pyfunction]
#[pyo3(signature = (a, v, mode, method))]
fn convolve1<'py>(
    py: Python<'py>,
    a: Real<'py>,
    v: Real<'py>,
    mode: &str,
    method: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = conv_mode(mode)?;
    fn run<T: fourier::FftFloat>(
        a: ndarray::ArrayView1<'_, T>,
        v: ndarray::ArrayView1<'_, T>,
        mode: ConvMode,
        method: &str,
    ) -> Result<ArrayD<T>, String> {
        let r = match method {
            "fft" => fourier::fftconvolve(a, v, mode),
            "oa" => fourier::oaconvolve(a, v, mode),
            "auto" => fourier::convolve_auto(a, v, mode),
            "direct" => fourier::convolve_with(a, v, mode, fourier::Method::Direct),
            other => return Err(format!("unknown method {other:?}")),
        };
        r.map(ndarray::Array1::into_dyn).map_err(|e| e.to_string())
    }
    Ok(match (a, v) {
        (Real::F64(a), Real::F64(v)) => {
            let (a, v) = (
                fixed_dim::<_, Ix1>(view_of(&a)?, "in1")?,
                fixed_dim::<_, Ix1>(view_of(&v)?, "in2")?,
            );
            let r = py.detach(|| run(a, v, mode, method)).map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
        (Real::F32(a), Real::F32(v)) => {
            let (a, v) = (
                fixed_dim::<_, Ix1>(view_of(&a)?, "in1")?,
                fixed_dim::<_, Ix1>(view_of(&v)?, "in2")?,
            );
            let r = py.detach(|| run(a, v, mode, method)).map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
        _ => {
            return Err(PyValueError::new_err(
                "in1 and in2 must have the same dtype (float32 or float64)",
            ));
        }
    })
}

/// `skimage.feature.canny` of a 2-D image (thresholds already defaulted by the Python layer).
#[pyfunction]
#[pyo3(signature = (image, sigma, low_threshold, high_threshold, use_quantiles, mode, cval))]
#[allow(clippy::too_many_arguments)]
fn canny<'py>(
    py: Python<'py>,
    image: Real<'py>,
    sigma: f64,
    low_threshold: f64,
    high_threshold: f64,
    use_quantiles: bool,
    mode: &str,
    cval: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let p = filters::CannyParams::new(sigma)
        .thresholds(low_threshold, high_threshold)
        .use_quantiles(use_quantiles)
        .mode(boundary(mode, cval)?);
    Ok(match image {
        Real::F64(a) => {
            let v = fixed_dim::<_, ndarray::Ix2>(view_of(&a)?, "image")?;
            let r = py.detach(|| filters::canny(v, &p)).map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
        Real::F32(a) => {
            let v = fixed_dim::<_, ndarray::Ix2>(view_of(&a)?, "image")?;
            let r = py.detach(|| filters::canny(v, &p)).map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
    })
}

/// `skimage.filters.gabor_kernel` (complex128).
#[pyfunction]
#[pyo3(signature = (frequency, theta, bandwidth, sigma_x, sigma_y, n_stds, offset))]
#[allow(clippy::too_many_arguments)]
fn gabor_kernel<'py>(
    py: Python<'py>,
    frequency: f64,
    theta: f64,
    bandwidth: f64,
    sigma_x: Option<f64>,
    sigma_y: Option<f64>,
    n_stds: f64,
    offset: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let mut p = filters::GaborParams::new(frequency)
        .theta(theta)
        .bandwidth(bandwidth)
        .n_stds(n_stds)
        .offset(offset);
    if let Some(sx) = sigma_x {
        p = p.sigma_x(sx);
    }
    if let Some(sy) = sigma_y {
        p = p.sigma_y(sy);
    }
    let k = py
        .detach(|| filters::gabor_kernel(&p))
        .map_err(value_error)?;
    Ok(k.into_pyarray(py).into_any())
}

/// `librosa.feature.melspectrogram` (`n_mfcc = None`) or `librosa.feature.mfcc` of a 1-D signal.
#[pyfunction]
#[pyo3(signature = (y, sr, n_fft, hop_length, win_length, power, n_mels, fmin, fmax, htk, slaney_norm, n_mfcc, lifter))]
#[allow(clippy::too_many_arguments)]
fn mel_features<'py>(
    py: Python<'py>,
    y: Real<'py>,
    sr: f64,
    n_fft: usize,
    hop_length: usize,
    win_length: Option<usize>,
    power: f64,
    n_mels: usize,
    fmin: f64,
    fmax: Option<f64>,
    htk: bool,
    slaney_norm: bool,
    n_mfcc: Option<usize>,
    lifter: f64,
) -> PyResult<Bound<'py, PyAny>> {
    use features_1d::{MelNorm, MelParams, MelScale, MelSpectrogram, Mfcc, MfccParams};
    let mut mel = MelParams::default()
        .sample_rate(sr)
        .n_fft(n_fft)
        .hop_length(hop_length)
        .power(power)
        .n_mels(n_mels)
        .fmin(fmin)
        .scale(if htk { MelScale::Htk } else { MelScale::Slaney })
        .norm(if slaney_norm {
            MelNorm::Slaney
        } else {
            MelNorm::None
        });
    if let Some(w) = win_length {
        mel = mel.win_length(w);
    }
    if let Some(f) = fmax {
        mel = mel.fmax(f);
    }
    fn run<T: fourier::FftFloat>(
        y: ndarray::ArrayView1<'_, T>,
        mel: MelParams,
        n_mfcc: Option<usize>,
        lifter: f64,
    ) -> Result<ndarray::Array2<T>, String> {
        match n_mfcc {
            None => MelSpectrogram::<T>::new(mel)
                .and_then(|m| m.process(y))
                .map_err(|e| e.to_string()),
            Some(n) => {
                let p = MfccParams::default().mel(mel).n_mfcc(n).lifter(lifter);
                Mfcc::<T>::new(p)
                    .and_then(|m| m.process(y))
                    .map_err(|e| e.to_string())
            }
        }
    }
    Ok(match y {
        Real::F64(a) => {
            let v = fixed_dim::<_, Ix1>(view_of(&a)?, "y")?;
            let r = py
                .detach(|| run(v, mel, n_mfcc, lifter))
                .map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
        Real::F32(a) => {
            let v = fixed_dim::<_, Ix1>(view_of(&a)?, "y")?;
            let r = py
                .detach(|| run(v, mel, n_mfcc, lifter))
                .map_err(value_error)?;
            r.into_pyarray(py).into_any()
        }
    })
}

/// A fitted `scipy.stats.gaussian_kde` (`dsp_core::GaussianKde`), wrapped by
/// `sigfeat.stats.gaussian_kde`.
#[pyclass(module = "sigfeat._native", name = "GaussianKde", frozen)]
struct Kde(dsp_core::GaussianKde);

#[pymethods]
impl Kde {
    /// Fits on `d x n` float64 data with optional weights; `bw` is `"scott"`, `"silverman"`
    /// or a positive factor.
    #[new]
    #[pyo3(signature = (dataset, bw, factor, weights))]
    fn new(
        py: Python<'_>,
        dataset: numpy::PyReadonlyArray2<'_, f64>,
        bw: &str,
        factor: f64,
        weights: Option<numpy::PyReadonlyArray1<'_, f64>>,
    ) -> PyResult<Self> {
        use dsp_core::{Bandwidth, Fit, KdeParams};
        let bandwidth = match bw {
            "scott" => Bandwidth::Scott,
            "silverman" => Bandwidth::Silverman,
            "factor" => Bandwidth::Factor(factor),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown bw_method {other:?}"
                )));
            }
        };
        let params = KdeParams::new().bandwidth(bandwidth);
        let data = view_of(&dataset)?;
        let kde = match &weights {
            None => py.detach(|| params.fit(&data, &())),
            Some(w) => {
                let w = view_of(w)?;
                py.detach(|| params.fit(&data, &w))
            }
        }
        .map_err(value_error)?;
        Ok(Self(kde))
    }

    /// Densities at the columns of `d x m` float64 points.
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        points: numpy::PyReadonlyArray2<'py, f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let pts = view_of(&points)?;
        let r = py.detach(|| self.0.evaluate(pts)).map_err(value_error)?;
        Ok(r.into_pyarray(py).into_any())
    }

    /// The dimension `d`.
    #[getter]
    fn d(&self) -> usize {
        self.0.dim()
    }

    /// The number of samples `n`.
    #[getter]
    fn n(&self) -> usize {
        self.0.n_samples()
    }

    /// The bandwidth factor.
    #[getter]
    fn factor(&self) -> f64 {
        self.0.factor()
    }

    /// The effective number of samples.
    #[getter]
    fn neff(&self) -> f64 {
        self.0.neff()
    }

    /// The normalised weights.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.0.weights().to_owned().into_pyarray(py).into_any()
    }

    /// The weighted data covariance.
    #[getter]
    fn data_covariance<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.0
            .data_covariance()
            .to_owned()
            .into_pyarray(py)
            .into_any()
    }

    /// The kernel covariance (`data_covariance * factor**2`).
    #[getter]
    fn covariance<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.0.covariance().into_pyarray(py).into_any()
    }
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(gaussian_filter, m)?)?;
    m.add_function(wrap_pyfunction!(gaussian_filter1d, m)?)?;
    m.add_function(wrap_pyfunction!(correlate1d, m)?)?;
    m.add_function(wrap_pyfunction!(sobel, m)?)?;
    m.add_function(wrap_pyfunction!(rfft, m)?)?;
    m.add_function(wrap_pyfunction!(irfft, m)?)?;
    m.add_function(wrap_pyfunction!(rfft2, m)?)?;
    m.add_function(wrap_pyfunction!(convolve1, m)?)?;
    m.add_function(wrap_pyfunction!(canny, m)?)?;
    m.add_function(wrap_pyfunction!(gabor_kernel, m)?)?;
    m.add_function(wrap_pyfunction!(mel_features, m)?)?;
    m.add_class::<Kde>()?;
    learn::register(m)?;
    more::register(m)?;
    Ok(())
}
