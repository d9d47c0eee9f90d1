//! The fits behind the scikit-learn-compatible estimators (`python/sigfeat/_estimators.py`).
//!
//! Each function fits one of sigfeat's models on a 2-D `float32`/`float64` matrix (read in
//! place) and labels already encoded as `0..n_classes` (`numpy.uintp`), with the GIL released,
//! and returns the fitted parts as numpy arrays: the estimator keeps them as its
//! trailing-underscore attributes (so it pickles, and users read them as sklearn's), and its
//! `predict` / `transform` either compute sklearn's formula on them in numpy or hand them back
//! to the functions here that need Rust (k-NN votes, SVC kernels, MiniRocket features).

use dsp_core::{Fit, Float, Predict};
use ndarray::{Array1, Array2, ArrayView2, Ix2};
use numpy::{IntoPyArray, PyReadonlyArray1, PyReadonlyArrayDyn};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::{Real, fixed_dim, value_error, view_of};

/// The 2-D view of `x`, or `ValueError`.
fn view2<'a, T>(a: &'a PyReadonlyArrayDyn<'_, T>) -> PyResult<ArrayView2<'a, T>>
where
    T: numpy::Element,
{
    fixed_dim::<T, Ix2>(view_of(a)?, "X")
}

/// Runs `$body` (an expression of the 2-D view `$v`, generic in its float type) on a
/// [`Real`] with the GIL released; gives the body's `Ok` value.
macro_rules! on_real2 {
    ($py:expr, $x:expr, |$v:ident| $body:expr) => {
        match $x {
            Real::F64(a) => {
                let $v = view2(&a)?;
                $py.detach(|| $body).map_err(value_error)?
            }
            Real::F32(a) => {
                let $v = view2(&a)?;
                $py.detach(|| $body).map_err(value_error)?
            }
        }
    };
}

fn arr<'py, T: numpy::Element, D: ndarray::Dimension>(
    py: Python<'py>,
    a: ndarray::Array<T, D>,
) -> Bound<'py, PyAny> {
    a.into_pyarray(py).into_any()
}

fn opt_arr<'py, D: ndarray::Dimension>(
    py: Python<'py>,
    a: Option<&ndarray::Array<f64, D>>,
) -> Bound<'py, PyAny> {
    match a {
        Some(a) => arr(py, a.clone()),
        None => py.None().into_bound(py),
    }
}

fn tuple<'py>(py: Python<'py>, items: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyTuple::new(py, items)?.into_any())
}

/// `sklearn.preprocessing.StandardScaler().fit(X)`: `(mean_, var_, scale_, n_samples_seen_)`
/// (`var_` and `scale_` are `None` without `with_std`).
#[pyfunction]
pub fn standard_scaler_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    with_mean: bool,
    with_std: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let params = reduce::StandardScaler::params()
        .with_mean(with_mean)
        .with_std(with_std);
    let s = on_real2!(py, x, |v| params.fit(&v, &()));
    tuple(
        py,
        vec![
            arr(py, s.mean().clone()),
            opt_arr(py, s.var()),
            opt_arr(py, s.scale()),
            s.n_samples_seen().into_pyobject(py)?.into_any(),
        ],
    )
}

/// `sklearn.decomposition.PCA(...).fit(X)`: `(components_, explained_variance_,
/// explained_variance_ratio_, singular_values_, mean_, noise_variance_)`.
#[pyfunction]
#[pyo3(signature = (x, n_components, variance, whiten, solver, n_oversamples, iterated_power, seed))]
#[allow(clippy::too_many_arguments)]
pub fn pca_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    n_components: Option<usize>,
    variance: Option<f64>,
    whiten: bool,
    solver: &str,
    n_oversamples: usize,
    iterated_power: Option<usize>,
    seed: u64,
) -> PyResult<Bound<'py, PyAny>> {
    use reduce::{Components, PcaParams, PcaSolver};
    let components = match (n_components, variance) {
        (Some(k), _) => Components::Count(k),
        (None, Some(f)) => Components::Variance(f),
        (None, None) => Components::All,
    };
    let solver = match solver {
        "auto" => PcaSolver::Auto,
        "full" => PcaSolver::Full,
        "covariance_eigh" => PcaSolver::CovarianceEigh,
        "randomized" => PcaSolver::Randomized,
        other => {
            return Err(PyValueError::new_err(format!(
                "svd_solver must be 'auto', 'full', 'covariance_eigh' or 'randomized', got {other:?}"
            )));
        }
    };
    let params = PcaParams::new(components)
        .whiten(whiten)
        .solver(solver)
        .n_oversamples(n_oversamples)
        .iterated_power(iterated_power)
        .seed(seed);
    let p = on_real2!(py, x, |v| params.fit(&v, &()));
    tuple(
        py,
        vec![
            arr(py, p.components().clone()),
            arr(py, p.explained_variance().clone()),
            arr(py, p.explained_variance_ratio().clone()),
            arr(py, p.singular_values().clone()),
            arr(py, p.mean().clone()),
            p.noise_variance().into_pyobject(py)?.into_any(),
        ],
    )
}

/// `sklearn.discriminant_analysis.LinearDiscriminantAnalysis(...).fit(X, y)`: `(priors_,
/// means_, xbar_, scalings_, covariance_, coef_, intercept_, explained_variance_ratio_,
/// n_components)` (`None` where the solver has no such attribute).
#[pyfunction]
#[pyo3(signature = (x, y, solver, shrinkage, n_components, priors, tol))]
#[allow(clippy::too_many_arguments)]
pub fn lda_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    y: PyReadonlyArray1<'py, usize>,
    solver: &str,
    shrinkage: Option<Bound<'py, PyAny>>,
    n_components: Option<usize>,
    priors: Option<Vec<f64>>,
    tol: f64,
) -> PyResult<Bound<'py, PyAny>> {
    use reduce::{LdaParams, LdaSolver, Shrinkage};
    let solver = match solver {
        "svd" => LdaSolver::Svd,
        "lsqr" => LdaSolver::Lsqr,
        "eigen" => LdaSolver::Eigen,
        other => {
            return Err(PyValueError::new_err(format!(
                "solver must be 'svd', 'lsqr' or 'eigen', got {other:?}"
            )));
        }
    };
    let shrinkage = match shrinkage {
        None => Shrinkage::None,
        Some(s) => match s.extract::<String>() {
            Ok(s) if s == "auto" => Shrinkage::Auto,
            Ok(s) => {
                return Err(PyValueError::new_err(format!(
                    "shrinkage must be None, 'auto' or a float in [0, 1], got {s:?}"
                )));
            }
            Err(_) => Shrinkage::Fixed(s.extract::<f64>()?),
        },
    };
    let params = LdaParams::default()
        .solver(solver)
        .shrinkage(shrinkage)
        .n_components(n_components)
        .priors(priors)
        .tol(tol);
    let y = y.as_slice()?;
    let m = on_real2!(py, x, |v| params.fit(&v, y));
    tuple(
        py,
        vec![
            arr(py, m.priors().clone()),
            arr(py, m.means().clone()),
            arr(py, m.xbar().clone()),
            opt_arr(py, m.scalings()),
            opt_arr(py, m.covariance()),
            arr(py, m.coef().clone()),
            arr(py, m.intercept().clone()),
            opt_arr(py, m.explained_variance_ratio()),
            m.n_components().into_pyobject(py)?.into_any(),
        ],
    )
}

/// `sklearn.linear_model.LogisticRegression(C, tol, max_iter).fit(X, y)`: `(coef_,
/// intercept_, n_iter)`.
#[pyfunction]
pub fn logistic_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    y: PyReadonlyArray1<'py, usize>,
    c: f64,
    tol: f64,
    max_iter: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let params = learn::LogisticRegressionParams::new(c)
        .tol(tol)
        .max_iter(max_iter);
    let y = y.as_slice()?;
    let m = on_real2!(py, x, |v| params.fit(&v, y));
    tuple(
        py,
        vec![
            arr(py, m.coef()),
            arr(py, m.intercept()),
            m.n_iter().into_pyobject(py)?.into_any(),
        ],
    )
}

/// `sklearn.linear_model.RidgeClassifierCV(alphas).fit(X, y)` (efficient leave-one-out):
/// `(coef, intercept, alpha_)`, one row and intercept per class.
#[pyfunction]
pub fn ridge_cv_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    y: PyReadonlyArray1<'py, usize>,
    alphas: Vec<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let params = learn::RidgeClassifierCvParams::new(&alphas);
    let y = y.as_slice()?;
    let m = on_real2!(py, x, |v| params.fit(&v, y));
    tuple(
        py,
        vec![
            arr(py, m.coef().to_owned()),
            arr(py, m.intercept().clone()),
            m.alpha().into_pyobject(py)?.into_any(),
        ],
    )
}

/// `sklearn.svm.SVC(kernel, C, gamma, tol).fit(X, y)`: `(gamma, pairs)` with `gamma` the
/// RBF width used (`None` for the linear kernel) and one `(a, b, support, coef, rho)` per pair
/// of classes (see `learn::SvcModel::pairs`).
#[pyfunction]
#[pyo3(signature = (x, y, kernel, c, gamma, tol))]
pub fn svc_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    y: PyReadonlyArray1<'py, usize>,
    kernel: &str,
    c: f64,
    gamma: Option<f64>,
    tol: f64,
) -> PyResult<Bound<'py, PyAny>> {
    use learn::{Gamma, SvcParams};
    let params = match kernel {
        "linear" => SvcParams::linear(),
        "rbf" => SvcParams::rbf().gamma(gamma.map_or(Gamma::Scale, Gamma::Value)),
        other => {
            return Err(PyValueError::new_err(format!(
                "kernel must be 'linear' or 'rbf', got {other:?}"
            )));
        }
    }
    .c(c)
    .tol(tol);
    let y = y.as_slice()?;
    let m = on_real2!(py, x, |v| params.fit(&v, y));
    let mut pairs = Vec::with_capacity(m.pairs().len());
    for (a, b, sv, coef, rho) in m.pairs() {
        pairs.push(tuple(
            py,
            vec![
                a.into_pyobject(py)?.into_any(),
                b.into_pyobject(py)?.into_any(),
                arr(py, Array1::from(sv.to_vec())),
                arr(py, Array1::from(coef.to_vec())),
                rho.into_pyobject(py)?.into_any(),
            ],
        )?);
    }
    let gamma = match m.gamma() {
        Some(g) => g.into_pyobject(py)?.into_any(),
        None => py.None().into_bound(py),
    };
    tuple(
        py,
        vec![gamma, pyo3::types::PyList::new(py, pairs)?.into_any()],
    )
}

/// `sklearn.neighbors.KNeighborsClassifier(k).fit(X_train, y).predict(X)`: the encoded label
/// of each row of `X` (uniform votes, Euclidean, ties to the smaller label and the earlier row).
#[pyfunction]
pub fn knn_predict<'py>(
    py: Python<'py>,
    x_train: Real<'py>,
    y: PyReadonlyArray1<'py, usize>,
    x: Real<'py>,
    k: usize,
) -> PyResult<Bound<'py, PyAny>> {
    fn run<A: Float, B: Float>(
        xt: ArrayView2<'_, A>,
        y: &[usize],
        x: ArrayView2<'_, B>,
        k: usize,
    ) -> Result<Array1<usize>, learn::Error> {
        let model = learn::KnnParams::new(k).fit(&xt, y)?;
        model.predict(&x)
    }
    let y = y.as_slice()?;
    let out = match (x_train, x) {
        (Real::F64(t), Real::F64(q)) => {
            let (t, q) = (view2(&t)?, view2(&q)?);
            py.detach(|| run(t, y, q, k))
        }
        (Real::F64(t), Real::F32(q)) => {
            let (t, q) = (view2(&t)?, view2(&q)?);
            py.detach(|| run(t, y, q, k))
        }
        (Real::F32(t), Real::F64(q)) => {
            let (t, q) = (view2(&t)?, view2(&q)?);
            py.detach(|| run(t, y, q, k))
        }
        (Real::F32(t), Real::F32(q)) => {
            let (t, q) = (view2(&t)?, view2(&q)?);
            py.detach(|| run(t, y, q, k))
        }
    }
    .map_err(value_error)?;
    Ok(arr(py, out))
}

/// `sklearn.cluster.KMeans(...).fit(X)`: `(cluster_centers_, labels_, inertia_, n_iter_)`,
/// centres in `X`'s dtype. `init` is `'k-means++'`, `'random'` or an array of centres.
#[pyfunction]
#[pyo3(signature = (x, n_clusters, init, init_centers, n_init, max_iter, tol, seed, algorithm))]
#[allow(clippy::too_many_arguments)]
pub fn kmeans_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    n_clusters: usize,
    init: &str,
    init_centers: Option<PyReadonlyArrayDyn<'py, f64>>,
    n_init: Option<usize>,
    max_iter: usize,
    tol: f64,
    seed: u64,
    algorithm: &str,
) -> PyResult<Bound<'py, PyAny>> {
    use bovw::{KMeansAlgorithm, KMeansInit, KMeansParams};
    let algorithm = match algorithm {
        "lloyd" => KMeansAlgorithm::Lloyd,
        "elkan" => KMeansAlgorithm::Elkan,
        other => {
            return Err(PyValueError::new_err(format!(
                "algorithm must be 'lloyd' or 'elkan', got {other:?}"
            )));
        }
    };
    let centers: Option<Array2<f64>> = match &init_centers {
        Some(c) => Some(fixed_dim::<f64, Ix2>(view_of(c)?, "init")?.to_owned()),
        None => None,
    };
    fn params<F: Float>(
        n_clusters: usize,
        init: &str,
        centers: Option<&Array2<f64>>,
        n_init: Option<usize>,
        max_iter: usize,
        tol: f64,
        seed: u64,
        algorithm: KMeansAlgorithm,
    ) -> PyResult<KMeansParams<F>> {
        let init = match (init, centers) {
            (_, Some(c)) => KMeansInit::Centers(c.mapv(F::of)),
            ("k-means++", None) => KMeansInit::KMeansPlusPlus,
            ("random", None) => KMeansInit::Random,
            (other, None) => {
                return Err(PyValueError::new_err(format!(
                    "init must be 'k-means++', 'random' or an array of centres, got {other:?}"
                )));
            }
        };
        let mut p = KMeansParams::new(n_clusters)
            .init(init)
            .max_iter(max_iter)
            .tol(tol)
            .seed(seed)
            .algorithm(algorithm);
        if let Some(n) = n_init {
            p = p.n_init(n);
        }
        Ok(p)
    }
    let c = centers.as_ref();
    let out = match x {
        Real::F64(a) => {
            let v = view2(&a)?;
            let p = params::<f64>(n_clusters, init, c, n_init, max_iter, tol, seed, algorithm)?;
            let km = py.detach(|| p.fit(&v, &())).map_err(value_error)?;
            vec![
                arr(py, km.centers().to_owned()),
                arr(py, km.labels().clone()),
                km.inertia().into_pyobject(py)?.into_any(),
                km.n_iter().into_pyobject(py)?.into_any(),
            ]
        }
        Real::F32(a) => {
            let v = view2(&a)?;
            let p = params::<f32>(n_clusters, init, c, n_init, max_iter, tol, seed, algorithm)?;
            let km = py.detach(|| p.fit(&v, &())).map_err(value_error)?;
            vec![
                arr(py, km.centers().to_owned()),
                arr(py, km.labels().clone()),
                f64::from(km.inertia()).into_pyobject(py)?.into_any(),
                km.n_iter().into_pyobject(py)?.into_any(),
            ]
        }
    };
    tuple(py, out)
}

/// MiniRocket (Dempster et al. 2021, the authors' `fit`) on the rows of `X` (one series each):
/// `(input_length, dilations, num_features_per_dilation, biases)`, biases in `X`'s dtype.
#[pyfunction]
pub fn minirocket_fit<'py>(
    py: Python<'py>,
    x: Real<'py>,
    num_features: usize,
    max_dilations_per_kernel: usize,
    seed: u64,
) -> PyResult<Bound<'py, PyAny>> {
    use features_1d::MiniRocketParams;
    let params = MiniRocketParams::default()
        .num_features(num_features)
        .max_dilations_per_kernel(max_dilations_per_kernel)
        .seed(seed);
    macro_rules! parts {
        ($a:expr) => {{
            let v = view2(&$a)?;
            let m = py.detach(|| params.fit(&v, &())).map_err(value_error)?;
            vec![
                m.input_length().into_pyobject(py)?.into_any(),
                arr(py, Array1::from(m.dilations().to_vec())),
                arr(py, Array1::from(m.features_per_dilation().to_vec())),
                arr(py, Array1::from(m.biases().to_vec())),
            ]
        }};
    }
    let out = match x {
        Real::F64(a) => parts!(a),
        Real::F32(a) => parts!(a),
    };
    tuple(py, out)
}

/// MiniRocket's `transform` (the authors' PPV features) of the rows of `X` with the fitted
/// parts of [`minirocket_fit`]; `biases` must have `X`'s dtype.
#[pyfunction]
pub fn minirocket_transform<'py>(
    py: Python<'py>,
    x: Real<'py>,
    input_length: usize,
    dilations: Vec<usize>,
    features_per_dilation: Vec<usize>,
    biases: Real<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    use features_1d::{MiniRocket, Transform};
    fn run<T: Float>(
        x: ArrayView2<'_, T>,
        input_length: usize,
        dilations: Vec<usize>,
        per: Vec<usize>,
        biases: ndarray::ArrayViewD<'_, T>,
    ) -> Result<Array2<T>, features_1d::Error> {
        let m = MiniRocket::from_parts(
            input_length,
            dilations,
            per,
            biases.iter().copied().collect(),
            false,
        )?;
        m.transform(&x)
    }
    let out = match (x, biases) {
        (Real::F64(a), Real::F64(b)) => {
            let (v, b) = (view2(&a)?, view_of(&b)?);
            arr(
                py,
                py.detach(|| run(v, input_length, dilations, features_per_dilation, b))
                    .map_err(value_error)?,
            )
        }
        (Real::F32(a), Real::F32(b)) => {
            let (v, b) = (view2(&a)?, view_of(&b)?);
            arr(
                py,
                py.detach(|| run(v, input_length, dilations, features_per_dilation, b))
                    .map_err(value_error)?,
            )
        }
        _ => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "X and biases must have the same float dtype",
            ));
        }
    };
    Ok(out)
}

/// The tutorial's filter-bank features of the rows of `X`: for each kernel and pooling,
/// `pool(numpy.convolve(row, kernel, mode))` (`features_1d::FilterBank`). Poolings are
/// `mean`, `std`, `max`, `min`, `absmax`, `ppv` or `p<q>` (a percentile).
#[pyfunction]
pub fn filter_bank_transform<'py>(
    py: Python<'py>,
    x: Real<'py>,
    kernels: Vec<Vec<f64>>,
    poolings: Vec<String>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    use features_1d::{FilterBank, Pooling, Transform};
    let mode = super::conv_mode(mode)?;
    let mut pools = Vec::with_capacity(poolings.len());
    for p in &poolings {
        pools.push(match p.as_str() {
            "mean" => Pooling::Mean,
            "std" => Pooling::Std,
            "max" => Pooling::Max,
            "min" => Pooling::Min,
            "absmax" => Pooling::AbsMax,
            "ppv" => Pooling::Ppv,
            other => match other.strip_prefix('p').map(str::parse::<f64>) {
                Some(Ok(q)) => Pooling::Percentile(q),
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "pooling must be 'mean', 'std', 'max', 'min', 'absmax', 'ppv' or 'p<q>' \
                         (a percentile, e.g. 'p90'), got {other:?}"
                    )));
                }
            },
        });
    }
    fn run<T: fourier::FftFloat>(
        x: ArrayView2<'_, T>,
        kernels: &[Vec<f64>],
        pools: Vec<features_1d::Pooling>,
        mode: dsp_core::ConvMode,
    ) -> Result<Array2<T>, features_1d::Error> {
        let ks = kernels
            .iter()
            .map(|k| k.iter().map(|&v| T::of(v)).collect::<Array1<T>>())
            .collect();
        FilterBank::new(ks, pools, mode)?.transform(&x)
    }
    Ok(match x {
        Real::F64(a) => {
            let v = view2(&a)?;
            arr(
                py,
                py.detach(|| run(v, &kernels, pools, mode))
                    .map_err(value_error)?,
            )
        }
        Real::F32(a) => {
            let v = view2(&a)?;
            arr(
                py,
                py.detach(|| run(v, &kernels, pools, mode))
                    .map_err(value_error)?,
            )
        }
    })
}

/// One encoding per descriptor set (each `n_i x dim`, all of `centers`' dtype) with the
/// vocabulary `centers` (`n_words x dim`): `'histogram'` (`norm` `'l1'`, `'l2'` or
/// `'none'`), `'soft'` (kernel width `sigma`) or `'vlad'` (VLFeat's flags `normalize_components`,
/// `square_root`, `unnormalized`, `normalize_mass`); rayon-parallel over the sets.
#[pyfunction]
#[pyo3(signature = (sets, centers, encoding, norm, sigma, vlad_flags))]
pub fn bovw_encode<'py>(
    py: Python<'py>,
    sets: Vec<Real<'py>>,
    centers: Real<'py>,
    encoding: &str,
    norm: &str,
    sigma: f64,
    vlad_flags: (bool, bool, bool, bool),
) -> PyResult<Bound<'py, PyAny>> {
    use bovw::{HistNorm, Histogram, SoftAssignment, Vlad, VladFlags, Vocabulary, encode_batch};
    let norm = match norm {
        "l1" => HistNorm::L1,
        "l2" => HistNorm::L2,
        "none" => HistNorm::None,
        other => {
            return Err(PyValueError::new_err(format!(
                "norm must be 'l1', 'l2' or None, got {other:?}"
            )));
        }
    };
    let flags = VladFlags {
        normalize_components: vlad_flags.0,
        square_root: vlad_flags.1,
        unnormalized: vlad_flags.2,
        normalize_mass: vlad_flags.3,
    };
    #[derive(Clone, Copy)]
    enum Kind {
        Hist,
        Soft,
        Vlad,
    }
    let kind = match encoding {
        "histogram" => Kind::Hist,
        "soft" => Kind::Soft,
        "vlad" => Kind::Vlad,
        other => {
            return Err(PyValueError::new_err(format!(
                "encoding must be 'histogram', 'soft' or 'vlad', got {other:?}"
            )));
        }
    };
    fn run<F: Float>(
        sets: &[ArrayView2<'_, F>],
        centers: ArrayView2<'_, F>,
        kind: Kind,
        norm: HistNorm,
        sigma: f64,
        flags: VladFlags,
    ) -> Result<Array2<F>, bovw::Error> {
        let vocab = Vocabulary::new(centers.to_owned())?;
        match kind {
            Kind::Hist => encode_batch(&Histogram::new(vocab, norm), sets),
            Kind::Soft => encode_batch(&SoftAssignment::new(vocab, sigma)?, sets),
            Kind::Vlad => encode_batch(&Vlad::new(vocab, flags), sets),
        }
    }
    macro_rules! go {
        ($c:expr, $variant:path) => {{
            let c = view2(&$c)?;
            let mut views = Vec::with_capacity(sets.len());
            for (i, s) in sets.iter().enumerate() {
                match s {
                    $variant(a) => views.push(
                        fixed_dim::<_, Ix2>(view_of(a)?, "a descriptor set")
                            .map_err(|e| PyValueError::new_err(format!("set {i}: {e}")))?,
                    ),
                    _ => {
                        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                            "set {i} has another float dtype than the vocabulary"
                        )));
                    }
                }
            }
            arr(
                py,
                py.detach(|| run(&views, c, kind, norm, sigma, flags))
                    .map_err(value_error)?,
            )
        }};
    }
    Ok(match centers {
        Real::F64(c) => go!(c, Real::F64),
        Real::F32(c) => go!(c, Real::F32),
    })
}

/// Registers this module's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(standard_scaler_fit, m)?)?;
    m.add_function(wrap_pyfunction!(pca_fit, m)?)?;
    m.add_function(wrap_pyfunction!(lda_fit, m)?)?;
    m.add_function(wrap_pyfunction!(logistic_fit, m)?)?;
    m.add_function(wrap_pyfunction!(ridge_cv_fit, m)?)?;
    m.add_function(wrap_pyfunction!(svc_fit, m)?)?;
    m.add_function(wrap_pyfunction!(knn_predict, m)?)?;
    m.add_function(wrap_pyfunction!(kmeans_fit, m)?)?;
    m.add_function(wrap_pyfunction!(minirocket_fit, m)?)?;
    m.add_function(wrap_pyfunction!(minirocket_transform, m)?)?;
    m.add_function(wrap_pyfunction!(filter_bank_transform, m)?)?;
    m.add_function(wrap_pyfunction!(bovw_encode, m)?)?;
    Ok(())
}
