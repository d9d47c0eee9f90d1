//! Which Python operation each criterion benchmark is compared with, and the inputs both share.
//!
//! Criterion ids look like `group/function/parameter`. The table [`RULES`] maps `group/function`
//! to a numpy/scipy call; the parameter (`4096`, `100000x31`, `512x512`) gives the sizes, from
//! which the inputs are drawn again with `sigfeat_benches::{signal, image}` and the same seed as the
//! Rust benchmark used. Ids without a rule get a Python column of "-".

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
}

impl Input {
    fn file_name(&self) -> String {
        match self {
            Self::Signal { n, seed } => format!("signal_{n}_{seed}.npy"),
            Self::Image { rows, cols, seed } => format!("image_{rows}x{cols}_{seed}.npy"),
        }
    }

    /// Writes the array as `.npy` into `dir` (once; the draw is deterministic) and returns its path.
    pub fn write(&self, dir: &Path) -> Result<PathBuf> {
        let path = dir.join(self.file_name());
        if !path.is_file() {
            let result = match *self {
                Self::Signal { n, seed } => write_npy(&path, &signal(n, seed)),
                Self::Image { rows, cols, seed } => write_npy2(&path, &image(rows, cols, seed)),
            };
            result.with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(path)
    }

    fn shape(&self) -> String {
        match self {
            Self::Signal { n, .. } => n.to_string(),
            Self::Image { rows, cols, .. } => format!("{rows}x{cols}"),
        }
    }
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
        self.inputs
            .iter()
            .map(Input::shape)
            .collect::<Vec<_>>()
            .join(" * ")
    }
}

/// How the parameter part of an id becomes inputs.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// `N`: one signal.
    Signal,
    /// `NxM`: a signal of length N and a kernel signal of length M (seed + 1).
    SignalKernel,
    /// `RxC`: one image.
    Image,
    /// `RxC` image and a square `K` kernel image in the last part: `RxC/K` is not used; `RxCxK`.
    ImageKernel,
}

/// One row of the mapping: criterion `group/function` -> Python op.
struct Rule {
    group_function: &'static str,
    op: &'static str,
    shape: Shape,
    params: fn() -> Value,
}

/// The mapping table. Coordinated with `benches/benches/*.rs`: edit both together.
const RULES: &[Rule] = &[];

/// The Python case for a criterion id, if the table has one.
pub fn python_case(id: &str) -> Option<PyCase> {
    let (head, param) = id.rsplit_once('/')?;
    let rule = RULES.iter().find(|r| r.group_function == head)?;
    let dims: Vec<usize> = param
        .split('x')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let inputs = match (rule.shape, dims.as_slice()) {
        (Shape::Signal, &[n]) => vec![Input::Signal { n, seed: SEED }],
        (Shape::SignalKernel, &[n, m]) => vec![
            Input::Signal { n, seed: SEED },
            Input::Signal {
                n: m,
                seed: SEED + 1,
            },
        ],
        (Shape::Image, &[rows, cols]) => vec![Input::Image {
            rows,
            cols,
            seed: SEED,
        }],
        (Shape::ImageKernel, &[rows, cols, k]) => {
            vec![
                Input::Image {
                    rows,
                    cols,
                    seed: SEED,
                },
                Input::Image {
                    rows: k,
                    cols: k,
                    seed: SEED + 1,
                },
            ]
        }
        _ => return None,
    };
    Some(PyCase {
        op: rule.op,
        params: (rule.params)(),
        inputs,
    })
}

/// A readable operation name for the table: the id without its size part.
pub fn operation_name(id: &str) -> String {
    id.rsplit_once('/').map_or(id, |(head, _)| head).to_string()
}

/// The size part of an id (its last component).
pub fn size_from_id(id: &str) -> String {
    id.rsplit_once('/').map_or("", |(_, p)| p).to_string()
}

#[allow(dead_code)]
fn no_params() -> Value {
    json!({})
}
