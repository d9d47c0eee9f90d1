//! The n-d correlation of `scipy.ndimage`, `scipy.signal.stft`, and the image features of
//! `features-2d`: skimage's `hog`, mahotas' `surf` and dense SURF; EfficientNet-Lite0's deep
//! features (`cnn`).

use dsp_core::Float;
use ndarray::{Array2, Array3, ArrayViewD, Ix2};
use numpy::{IntoPyArray, PyReadonlyArrayDyn};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::{Real, boundary, fixed_dim, value_error, view_of};

/// `scipy.ndimage.correlate` (or `convolve`) of an n-d array with an n-d kernel (float64,
/// cast to float32 for float32 input), `origin` one per axis.
#[pyfunction]
#[pyo3(signature = (input, weights, mode, cval, origin, convolve))]
pub fn correlate_nd<'py>(
    py: Python<'py>,
    input: Real<'py>,
    weights: PyReadonlyArrayDyn<'py, f64>,
    mode: &str,
    cval: f64,
    origin: Vec<isize>,
    convolve: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = boundary(mode, cval)?;
    fn run<T: Float>(
        x: ArrayViewD<'_, T>,
        w: ArrayViewD<'_, f64>,
        mode: dsp_core::BoundaryMode,
        origin: &[isize],
        convolve: bool,
    ) -> Result<ndarray::ArrayD<T>, dsp_core::Error> {
        let w = w.mapv(T::of);
        if convolve {
            dsp_core::ndimage::convolve(x, w.view(), mode, origin)
        } else {
            dsp_core::ndimage::correlate(x, w.view(), mode, origin)
        }
    }
    let w = view_of(&weights)?;
    Ok(on_real!(py, input, |v| run(v, w, mode, &origin, convolve)))
}

/// `scipy.signal.stft` of each row of a 2-D array (`scaling='spectrum'`): `(f, t, Z,
/// sum(w), sum(w^2))` with `Z` of shape `rows x bins x frames`, complex of the input's
/// precision, and the window's sums (float64) for other scalings.
#[pyfunction]
#[pyo3(signature = (x, window, gaussian_std, nperseg, noverlap, nfft, fs, boundary, padded))]
#[allow(clippy::too_many_arguments)]
pub fn stft<'py>(
    py: Python<'py>,
    x: Real<'py>,
    window: &str,
    gaussian_std: Option<f64>,
    nperseg: usize,
    noverlap: usize,
    nfft: usize,
    fs: f64,
    boundary: bool,
    padded: bool,
) -> PyResult<Bound<'py, PyAny>> {
    use dsp_core::Window;
    use fourier::{FftFloat, Stft};
    let window = match (window, gaussian_std) {
        ("hann", _) => Window::Hann,
        ("hamming", _) => Window::Hamming,
        ("blackman", _) => Window::Blackman,
        ("boxcar", _) => Window::Boxcar,
        ("gaussian", Some(std)) => Window::Gaussian { std },
        (other, _) => {
            return Err(PyValueError::new_err(format!(
                "window must be 'hann', 'hamming', 'blackman', 'boxcar' or ('gaussian', std), got {other:?}"
            )));
        }
    };
    fn run<T: FftFloat>(
        x: ndarray::ArrayView2<'_, T>,
        window: Window,
        nperseg: usize,
        noverlap: usize,
        nfft: usize,
        fs: f64,
        boundary: bool,
        padded: bool,
    ) -> Result<(Array2<T>, Array3<fourier::Complex<T>>), fourier::Error> {
        let plan = Stft::<T>::new(window, nperseg)?
            .noverlap(noverlap)?
            .nfft(nfft)?
            .fs(fs)?
            .boundary(boundary)
            .padded(padded);
        let len = x.ncols();
        let (frames, bins) = (plan.n_frames(len), plan.n_bins());
        let mut z = Array3::zeros((x.nrows(), bins, frames));
        for (row, mut out) in x.rows().into_iter().zip(z.outer_iter_mut()) {
            let s = plan.process(row)?;
            out.assign(&s.t());
        }
        let mut ft = Array2::zeros((2, bins.max(frames)));
        for (i, f) in plan.frequencies().iter().enumerate() {
            ft[[0, i]] = *f;
        }
        for (i, t) in plan.times(len).iter().enumerate() {
            ft[[1, i]] = *t;
        }
        Ok((ft, z))
    }
    macro_rules! go {
        ($a:expr) => {{
            let v = fixed_dim::<_, Ix2>(view_of(&$a)?, "x")?;
            let (ft, z) = py
                .detach(|| run(v, window, nperseg, noverlap, nfft, fs, boundary, padded))
                .map_err(value_error)?;
            let bins = z.shape()[1];
            let frames = z.shape()[2];
            let f = ft.row(0).slice(ndarray::s![..bins]).to_owned();
            let t = ft.row(1).slice(ndarray::s![..frames]).to_owned();
            let w = dsp_core::get_window::<f64>(window, nperseg, true).map_err(value_error)?;
            PyTuple::new(
                py,
                [
                    f.into_pyarray(py).into_any(),
                    t.into_pyarray(py).into_any(),
                    z.into_pyarray(py).into_any(),
                    w.sum().into_pyobject(py)?.into_any(),
                    w.dot(&w).into_pyobject(py)?.into_any(),
                ],
            )?
            .into_any()
        }};
    }
    Ok(match x {
        Real::F64(a) => go!(a),
        Real::F32(a) => go!(a),
    })
}

/// `skimage.feature.hog` of a grey image (`feature_vector=True`: 1-D; else the 5-D blocks).
#[pyfunction]
#[pyo3(signature = (image, orientations, pixels_per_cell, cells_per_block, block_norm, transform_sqrt, feature_vector))]
#[allow(clippy::too_many_arguments)]
pub fn hog<'py>(
    py: Python<'py>,
    image: Real<'py>,
    orientations: usize,
    pixels_per_cell: (usize, usize),
    cells_per_block: (usize, usize),
    block_norm: &str,
    transform_sqrt: bool,
    feature_vector: bool,
) -> PyResult<Bound<'py, PyAny>> {
    use features_2d::{BlockNorm, HogParams};
    let norm = match block_norm {
        "L1" => BlockNorm::L1,
        "L1-sqrt" => BlockNorm::L1Sqrt,
        "L2" => BlockNorm::L2,
        "L2-Hys" => BlockNorm::L2Hys,
        other => {
            return Err(PyValueError::new_err(format!(
                "block_norm must be 'L1', 'L1-sqrt', 'L2' or 'L2-Hys', got {other:?}"
            )));
        }
    };
    let params = HogParams::default()
        .orientations(orientations)
        .pixels_per_cell(pixels_per_cell.0, pixels_per_cell.1)
        .cells_per_block(cells_per_block.0, cells_per_block.1)
        .block_norm(norm)
        .transform_sqrt(transform_sqrt);
    macro_rules! go {
        ($a:expr) => {{
            let v = fixed_dim::<_, Ix2>(view_of(&$a)?, "image")?;
            if feature_vector {
                let r = py
                    .detach(|| features_2d::hog(v, &params))
                    .map_err(value_error)?;
                r.into_pyarray(py).into_any()
            } else {
                let r = py
                    .detach(|| features_2d::hog_blocks(v, &params))
                    .map_err(value_error)?;
                r.into_pyarray(py).into_any()
            }
        }};
    }
    Ok(match image {
        Real::F64(a) => go!(a),
        Real::F32(a) => go!(a),
    })
}

/// mahotas' `surf.surf`: one row per interest point, `y, x, scale, score, laplacian, angle`,
/// then the descriptor (float64).
#[pyfunction]
#[pyo3(signature = (image, nr_octaves, nr_scales, initial_step_size, threshold, max_points))]
pub fn surf<'py>(
    py: Python<'py>,
    image: Real<'py>,
    nr_octaves: usize,
    nr_scales: usize,
    initial_step_size: usize,
    threshold: f64,
    max_points: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let params = features_2d::SurfParams::default()
        .nr_octaves(nr_octaves)
        .nr_scales(nr_scales)
        .initial_step_size(initial_step_size)
        .threshold(threshold)
        .max_points(max_points);
    macro_rules! go {
        ($a:expr) => {{
            let v = fixed_dim::<_, Ix2>(view_of(&$a)?, "image")?;
            py.detach(|| features_2d::surf(v, &params).map(|s| s.to_rows()))
                .map_err(value_error)?
        }};
    }
    let rows = match image {
        Real::F64(a) => go!(a),
        Real::F32(a) => go!(a),
    };
    Ok(rows.into_pyarray(py).into_any())
}

/// mahotas' `surf.dense(image, spacing, scale)`: the descriptors (float64, one row per grid
/// point), with the points' rows (`y, x, scale, score, laplacian, angle`) first when
/// `include_interest_point`.
#[pyfunction]
#[pyo3(signature = (image, spacing, scale, include_interest_point))]
pub fn dense_surf<'py>(
    py: Python<'py>,
    image: Real<'py>,
    spacing: usize,
    scale: Option<f64>,
    include_interest_point: bool,
) -> PyResult<Bound<'py, PyAny>> {
    macro_rules! go {
        ($a:expr) => {{
            let v = fixed_dim::<_, Ix2>(view_of(&$a)?, "image")?;
            py.detach(|| features_2d::dense_surf(v, spacing, scale))
                .map_err(value_error)?
        }};
    }
    let s = match image {
        Real::F64(a) => go!(a),
        Real::F32(a) => go!(a),
    };
    let out = if include_interest_point {
        s.to_rows()
    } else {
        s.descriptors
    };
    Ok(out.into_pyarray(py).into_any())
}

/// Registers this module's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(correlate_nd, m)?)?;
    m.add_function(wrap_pyfunction!(stft, m)?)?;
    m.add_function(wrap_pyfunction!(hog, m)?)?;
    m.add_function(wrap_pyfunction!(surf, m)?)?;
    m.add_function(wrap_pyfunction!(dense_surf, m)?)?;
    m.add_class::<EfficientNet>()?;
    Ok(())
}

/// EfficientNet-Lite0 (ImageNet weights from a safetensors file), loaded once: pooled 1280-d
/// features or the 1000 logits of RGB or grey float32 images in `[0, 1]`.
///
/// Both are boxed: burn's types ask for 64-byte alignment, and Python allocates its objects at
/// 16 bytes (pyo3 refuses, rightly, to place a more aligned value there).
#[pyclass(module = "sigfeat._native", frozen)]
pub struct EfficientNet {
    net: Box<cnn::EfficientNetLite0>,
    device: Box<cnn::Device>,
}

#[pymethods]
impl EfficientNet {
    /// Loads the weights (the `efficientnet_pytorch` key layout).
    #[new]
    fn new(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let device = Box::new(cnn::cpu());
        let net = py
            .detach(|| cnn::EfficientNetLite0::load(&path, &device).map(Box::new))
            .map_err(|e| PyValueError::new_err(format!("{}: {e}", path.display())))?;
        Ok(Self { net, device })
    }

    /// Features (`logits = false`: `n x 1280`) or logits (`n x 1000`) of `images`, each
    /// `height x width x channels` (1 or 3), `batch` per forward pass.
    fn run<'py>(
        &self,
        py: Python<'py>,
        images: Vec<numpy::PyReadonlyArray3<'py, f32>>,
        batch: usize,
        logits: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut views = Vec::with_capacity(images.len());
        for a in &images {
            views.push(view_of(a)?);
        }
        let out = py
            .detach(|| {
                if logits {
                    self.net.logits(&views, batch, &self.device)
                } else {
                    self.net.features(&views, batch, &self.device)
                }
            })
            .map_err(value_error)?;
        Ok(out.into_pyarray(py).into_any())
    }
}
