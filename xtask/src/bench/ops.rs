//! The Python side of each criterion benchmark, from `sigfeat_benches::registry` (the one list of
//! cases the bench files also read), and the `.npy` inputs both sides share.
//!
//! Inputs are drawn again with `sigfeat_benches::{signal, image}` and the seed the Rust benchmark
//! used. Ids the registry does not list get a Python column of "-".

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ndarray::Array2;
use serde_json::{Map, Value};
use sigfeat_benches::registry::{self, Input, Param, Python};
use sigfeat_benches::{image, signal};

/// The file an input is written to.
fn file_name(input: &Input) -> String {
    match input {
        Input::Signal { n, seed } => format!("signal_{n}_{seed}.npy"),
        Input::Image { rows, cols, seed } => format!("image_{rows}x{cols}_{seed}.npy"),
        Input::Ucr { name, test } => {
            format!("ucr_{name}_{}.npy", if *test { "test" } else { "train" })
        }
        Input::Shipped { name } => format!("shipped_{name}.npy"),
        Input::Lfw => "lfw_200x100x100.npy".to_string(),
        Input::WavFolder {
            files,
            frames,
            rate,
            seed,
        } => format!("wav_{files}x{frames}_{rate}hz_{seed}"),
        Input::MnistImages { n } => format!("mnist_train_images_{n}.npy"),
        Input::MnistLabels { n } => format!("mnist_train_labels_{n}.npy"),
    }
}

/// Writes `input` as `.npy` into `dir` (once; the draw is deterministic) and returns its path; a
/// WAV folder is written as a folder, whose path Python receives.
pub fn write_input(input: &Input, dir: &Path) -> Result<PathBuf> {
    let path = dir.join(file_name(input));
    if let Input::WavFolder {
        files,
        frames,
        rate,
        seed,
    } = input
    {
        // Keeps the files already there: the draw is deterministic.
        return Ok(sigfeat_benches::wav_folder(
            &path, *files, *frames, *rate, *seed,
        ));
    }
    if !path.is_file() {
        let result = match input {
            Input::Signal { n, seed } => write_npy(&path, &signal(*n, *seed)),
            Input::Image { rows, cols, seed } => write_npy(&path, &image(*rows, *cols, *seed)),
            Input::Ucr { name, test } => ucr_rows(name, *test).and_then(|a| write_npy(&path, &a)),
            Input::Shipped { name } => write_npy(&path, &sigfeat_benches::shipped_levels(name)),
            Input::Lfw => write_npy(&path, &sigfeat_benches::lfw_upscaled()),
            Input::MnistImages { n } => write_npy(&path, &sigfeat_benches::mnist_train(*n).0),
            Input::MnistLabels { n } => write_npy(&path, &sigfeat_benches::mnist_train(*n).1),
            Input::WavFolder { .. } => unreachable!("returned above"),
        };
        result.with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(path)
}

/// The series of a bundled UCR split as rows (the bundled sets have equal-length series).
fn ucr_rows(name: &str, test: bool) -> Result<Array2<f64>> {
    let data = sigfeat::datasets::bundled_ucr(name)?;
    let split = if test { &data.test } else { &data.train };
    split
        .to_array2()
        .with_context(|| format!("{name}: series of unequal length"))
}

fn write_npy<A: ndarray_npy::WritableElement, D: ndarray::Dimension>(
    path: &Path,
    a: &ndarray::Array<A, D>,
) -> Result<()> {
    ndarray_npy::write_npy(path, a).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The case's parameters as the JSON object `compare.py` reads.
pub fn params_json(py: &Python) -> Value {
    let mut m = Map::new();
    for (k, v) in &py.params {
        let v = match v {
            Param::Num(x) => Value::from(*x),
            Param::Int(i) => Value::from(*i),
            Param::Str(s) => Value::from(*s),
        };
        m.insert((*k).to_string(), v);
    }
    Value::Object(m)
}

/// The Python case of a criterion id; `None` for ids the registry does not compare.
pub fn python_case(id: &str) -> Option<Python> {
    registry::find(id).and_then(|c| c.python)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parameters_are_the_json_compare_py_reads() {
        let c = python_case("correlate1d_2048x2048_25taps/f32_axis1").expect("mapped");
        assert_eq!(
            params_json(&c),
            json!({ "gaussian_sigma": 3.0, "axis": 1, "dtype": "f32" })
        );
        let c = python_case("gaussian_filter_2048x2048/f64_sigma10").expect("mapped");
        assert_eq!(params_json(&c), json!({ "sigma": 10.0, "dtype": "f64" }));
        let c = python_case("rfft/sigfeat_1048576").expect("mapped");
        assert_eq!(params_json(&c), json!({}));
        assert_eq!(
            file_name(&c.inputs[0]),
            format!("signal_1048576_{}.npy", sigfeat_benches::SEED)
        );
    }

    #[test]
    fn unknown_ids_have_no_python() {
        for id in [
            "nothing",
            "convolve_1e6x31/magic",
            "rfft/sigfeat_many",
            "convolve2d_512x512_f64_reflect/5x5_direct",
        ] {
            assert!(python_case(id).is_none(), "{id}");
        }
    }
}
