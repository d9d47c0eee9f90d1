//! Which Python operation each criterion benchmark is compared with, and the inputs both share.
//!
//! Criterion ids are `group/function` as the bench files name them (`convolve_1e6x31/fft`,
//! `gaussian_filter_2048x2048/f32_sigma3`); [`python_case`] parses them into a numpy/scipy call and
//! the sizes, from which the inputs are drawn again with `sigfeat_benches::{signal, image}` and the
//! same seed as the Rust benchmark used. Ids it does not know get a Python column of "-".

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ndarray::{Array1, Array2};
use serde_json::{Value, json};
use sigfeat_benches::{SEED, image, signal};

/// An input array of a benchmark, as drawn by `sigfeat_benches`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `signal(n, seed)`.
    Signal { n: usize, seed: u64 },
    /// `image(rows, cols, seed)`.
    Image { rows: usize, cols: usize, seed: u64 },
    /// A bundled UCR set's training or test series, one per row.
    Ucr { name: String, test: bool },
}

impl Input {
    fn file_name(&self) -> String {
        match self {
            Self::Signal { n, seed } => format!("signal_{n}_{seed}.npy"),
            Self::Image { rows, cols, seed } => format!("image_{rows}x{cols}_{seed}.npy"),
            Self::Ucr { name, test } => {
                format!("ucr_{name}_{}.npy", if *test { "test" } else { "train" })
            }
        }
    }

    /// Writes the array as `.npy` into `dir` (once; the draw is deterministic) and returns its path.
    pub fn write(&self, dir: &Path) -> Result<PathBuf> {
        let path = dir.join(self.file_name());
        if !path.is_file() {
            let result = match self {
                Self::Signal { n, seed } => write_npy(&path, &signal(*n, *seed)),
                Self::Image { rows, cols, seed } => write_npy2(&path, &image(*rows, *cols, *seed)),
                Self::Ucr { name, test } => {
                    ucr_rows(name, *test).and_then(|a| write_npy2(&path, &a))
                }
            };
            result.with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(path)
    }

    fn shape(&self) -> String {
        match self {
            Self::Signal { n, .. } => n.to_string(),
            Self::Image { rows, cols, .. } => format!("{rows}x{cols}"),
            Self::Ucr { name, test } => format!("{name} {}", if *test { "test" } else { "train" }),
        }
    }
}

/// The series of a bundled UCR split as rows (the bundled sets have equal-length series).
fn ucr_rows(name: &str, test: bool) -> Result<Array2<f64>> {
    let data = sigfeat::datasets::bundled_ucr(name)?;
    let split = if test { &data.test } else { &data.train };
    let n = split.series.first().map_or(0, Array1::len);
    let flat: Vec<f64> = split
        .series
        .iter()
        .flat_map(|s| s.iter().copied())
        .collect();
    Array2::from_shape_vec((split.series.len(), n), flat).context("series of equal length")
}

fn write_npy(path: &Path, a: &Array1<f64>) -> Result<()> {
    ndarray_npy::write_npy(path, a).map_err(|e| anyhow::anyhow!("{e}"))
}

fn write_npy2(path: &Path, a: &Array2<f64>) -> Result<()> {
    ndarray_npy::write_npy(path, a).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The Python side of one benchmark.
#[derive(Debug, Clone)]
pub struct PyCase {
    /// Operation name understood by `benches/python/compare.py`.
    pub op: &'static str,
    /// Its parameters (mode, sigma, dtype, ...).
    pub params: Value,
    /// Its input arrays, in call order.
    pub inputs: Vec<Input>,
}

impl PyCase {
    /// The sizes of the inputs, e.g. `100000, 31`.
    pub fn size(&self) -> String {
        if self.op == "sklearn.loo" {
            // compare.py draws learn_loo.py's blobs, the same generator as benches/benches/learn.rs.
            return "660x27, 6 classes".into();
        }
        self.inputs
            .iter()
            .map(Input::shape)
            .collect::<Vec<_>>()
            .join(" * ")
    }
}

/// Parses `RxC` into `(rows, cols)`.
fn dims(s: &str) -> Option<(usize, usize)> {
    let (r, c) = s.split_once('x')?;
    Some((r.parse().ok()?, c.parse().ok()?))
}

/// `f32_...` / `f64_...` -> the dtype parameter `compare.py` understands.
fn dtype(function: &str) -> Option<&'static str> {
    match function.split('_').next()? {
        "f32" => Some("f32"),
        "f64" => Some("f64"),
        _ => None,
    }
}

/// The Python case for a criterion id; `None` for ids the table does not know.
///
/// The table, coordinated with `benches/benches/*.rs` (edit both together):
///
/// | criterion id | Python |
/// |---|---|
/// | `convolve_1e6x{M}/{auto,direct,fft,oa}` | `scipy.signal.convolve`, `numpy.convolve`, `scipy.signal.fftconvolve`, `scipy.signal.oaconvolve` (full) |
/// | `rfft/{sigfeat,raw_realfft}_{N}` | `scipy.fft.rfft` |
/// | `rfft2/sigfeat_{R}x{C}` | `scipy.fft.rfft2` |
/// | `correlate1d_{R}x{C}_{T}taps/{f32,f64}_axis{A}` | `scipy.ndimage.correlate1d` with the same normalised Gaussian, sigma `(T - 1) / 8` |
/// | `correlate1d_{R}x{C}_{T}taps/f32_separable` | `scipy.ndimage.gaussian_filter` (the same weights on both axes) |
/// | `gaussian_filter_{R}x{C}/f64_sigma{S}` | `scipy.ndimage.gaussian_filter` |
/// | `gaussian_filter_{R}x{C}/f32_sigma{S}` | `cv2.GaussianBlur` (scipy's kernel radius, `BORDER_REFLECT` = scipy's `reflect`) |
/// | `sobel_{R}x{C}/f32_axis{A}` | `cv2.Sobel` (ksize 3, `BORDER_REFLECT`; axis 1 = `dx`) |
/// | `gabor_bank16_{R}x{C}/f64_kernel_feats_wrap` | skimage's gallery bank: `gabor_kernel` + `scipy.ndimage.convolve` (wrap), mean and variance |
/// | `features1d/gabor_bank_{N}x{L}_9x3` | the tutorial's numpy loop: `np.convolve(x, k, "valid")` per series and kernel, mean/std/max |
/// | `features1d/minirocket_transform_{SET}_test` | aeon's `MiniRocket(random_state=0)` fitted on the train split, `transform` of the test split |
/// | `reduce/pca50_{fit,fit_transform,randomized_fit}_{R}x{C}` | sklearn `PCA(50)` (auto solver, or `svd_solver="randomized"`) |
/// | `reduce/lda10_fit_{R}x{C}` | sklearn `LinearDiscriminantAnalysis().fit(X, arange(R) % 10)` |
/// | `loo_660x27/{estimator}` | sklearn `cross_val_score(est, X, y, cv=LeaveOneOut())` on `learn_loo.py`'s blobs |
///
/// Signals and images are `sigfeat_benches::{signal, image}` with `SEED` (a second signal, the
/// kernel, with `SEED + 1`), exactly as the benches draw them.
pub fn python_case(id: &str) -> Option<PyCase> {
    let (group, function) = id.split_once('/')?;
    let sig = |n| Input::Signal { n, seed: SEED };
    let img = |(rows, cols)| Input::Image {
        rows,
        cols,
        seed: SEED,
    };
    if let Some(m) = group.strip_prefix("convolve_1e6x") {
        let op = match function {
            "auto" => "scipy.signal.convolve",
            "direct" => "numpy.convolve",
            "fft" => "scipy.signal.fftconvolve",
            "oa" => "scipy.signal.oaconvolve",
            _ => return None,
        };
        let v = Input::Signal {
            n: m.parse().ok()?,
            seed: SEED + 1,
        };
        return Some(PyCase {
            op,
            params: json!({ "mode": "full" }),
            inputs: vec![sig(1_000_000), v],
        });
    }
    if group == "rfft" {
        let n = function.rsplit('_').next()?.parse().ok()?;
        return Some(PyCase {
            op: "scipy.fft.rfft",
            params: json!({}),
            inputs: vec![sig(n)],
        });
    }
    if group == "rfft2" {
        let size = dims(function.strip_prefix("sigfeat_")?)?;
        return Some(PyCase {
            op: "scipy.fft.rfft2",
            params: json!({}),
            inputs: vec![img(size)],
        });
    }
    if let Some(rest) = group.strip_prefix("correlate1d_") {
        let (size, taps) = rest.split_once('_')?;
        let taps: usize = taps.strip_suffix("taps")?.parse().ok()?;
        // The bench's kernel: radius round(4 sigma), so 2 * 4 sigma + 1 taps for these sigmas.
        let sigma = (taps - 1) as f64 / 8.0;
        let dtype = dtype(function)?;
        let (op, params) = if function.ends_with("_separable") {
            (
                "scipy.ndimage.gaussian_filter",
                json!({ "sigma": sigma, "dtype": dtype }),
            )
        } else {
            let axis: usize = function.rsplit_once("_axis")?.1.parse().ok()?;
            (
                "scipy.ndimage.correlate1d",
                json!({ "gaussian_sigma": sigma, "axis": axis, "dtype": dtype }),
            )
        };
        return Some(PyCase {
            op,
            params,
            inputs: vec![img(dims(size)?)],
        });
    }
    if let Some(size) = group.strip_prefix("gaussian_filter_") {
        let sigma: f64 = function.rsplit_once("_sigma")?.1.parse().ok()?;
        let dtype = dtype(function)?;
        // f32 against the fast peer (OpenCV), f64 against scipy: the two targets.
        let op = if dtype == "f32" {
            "cv2.GaussianBlur"
        } else {
            "scipy.ndimage.gaussian_filter"
        };
        return Some(PyCase {
            op,
            params: json!({ "sigma": sigma, "dtype": dtype }),
            inputs: vec![img(dims(size)?)],
        });
    }
    if let Some(size) = group.strip_prefix("sobel_") {
        let axis: usize = function.rsplit_once("_axis")?.1.parse().ok()?;
        let dtype = dtype(function)?;
        let op = if dtype == "f32" {
            "cv2.Sobel"
        } else {
            "scipy.ndimage.sobel"
        };
        return Some(PyCase {
            op,
            params: json!({ "axis": axis, "dtype": dtype }),
            inputs: vec![img(dims(size)?)],
        });
    }
    if group == "features1d" {
        if let Some(rest) = function.strip_prefix("gabor_bank_") {
            let size = dims(rest.strip_suffix("_9x3")?)?;
            return Some(PyCase {
                op: "numpy.gabor_bank_loop",
                params: json!({ "sample_rate": 25.0 }),
                inputs: vec![img(size)],
            });
        }
        let set = function
            .strip_prefix("minirocket_transform_")?
            .strip_suffix("_test")?;
        let split = |test| Input::Ucr {
            name: set.to_string(),
            test,
        };
        return Some(PyCase {
            op: "aeon.minirocket_transform",
            params: json!({ "random_state": 0 }),
            inputs: vec![split(false), split(true)],
        });
    }
    if group == "reduce" {
        let (what, size) = function.rsplit_once('_')?;
        let (op, params) = match what {
            "pca50_fit" => ("sklearn.pca_fit", json!({ "n_components": 50 })),
            "pca50_fit_transform" => ("sklearn.pca_fit_transform", json!({ "n_components": 50 })),
            "pca50_randomized_fit" => (
                "sklearn.pca_fit",
                json!({ "n_components": 50, "svd_solver": "randomized" }),
            ),
            "lda10_fit" => ("sklearn.lda_fit", json!({ "n_classes": 10 })),
            _ => return None,
        };
        return Some(PyCase {
            op,
            params,
            inputs: vec![img(dims(size)?)],
        });
    }
    if group == "loo_660x27" {
        return Some(PyCase {
            op: "sklearn.loo",
            params: json!({ "estimator": function }),
            inputs: vec![],
        });
    }
    if let Some(size) = group.strip_prefix("gabor_bank16_") {
        if function != "f64_kernel_feats_wrap" {
            return None;
        }
        let params = json!({ "boundary": "wrap" });
        return Some(PyCase {
            op: "skimage.gabor_bank16_kernel_feats",
            params,
            inputs: vec![img(dims(size)?)],
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids_map_to_python() {
        let c = python_case("convolve_1e6x1001/oa").expect("mapped");
        assert_eq!(c.op, "scipy.signal.oaconvolve");
        assert_eq!(
            c.inputs[1],
            Input::Signal {
                n: 1001,
                seed: SEED + 1
            }
        );
        let c = python_case("correlate1d_2048x2048_25taps/f32_axis1").expect("mapped");
        assert_eq!(
            c.params,
            json!({ "gaussian_sigma": 3.0, "axis": 1, "dtype": "f32" })
        );
        let c = python_case("correlate1d_2048x2048_81taps/f32_separable").expect("mapped");
        assert_eq!(c.op, "scipy.ndimage.gaussian_filter");
        let c = python_case("gaussian_filter_2048x2048/f64_sigma10").expect("mapped");
        assert_eq!(c.params, json!({ "sigma": 10.0, "dtype": "f64" }));
        assert_eq!(c.size(), "2048x2048");
        assert_eq!(
            python_case("rfft/raw_realfft_1000003")
                .expect("mapped")
                .size(),
            "1000003"
        );
        assert!(python_case("sobel_2048x2048/f32_axis1").is_some());
        assert!(python_case("rfft2/sigfeat_2048x2048").is_some());
        assert!(python_case("gabor_bank16_512x512/f64_kernel_feats_wrap").is_some());
    }

    #[test]
    fn unknown_ids_have_no_python() {
        for id in [
            "nothing",
            "convolve_1e6x31/magic",
            "rfft/sigfeat_many",
            "new_group/f32_x",
        ] {
            assert!(python_case(id).is_none(), "{id}");
        }
    }
}
