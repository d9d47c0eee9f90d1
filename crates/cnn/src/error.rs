//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong in `cnn`: bad input, bad configuration, bad weight files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input holds no samples (or a sample holds no values).
    #[error("{what}: empty input")]
    Empty {
        /// Which input.
        what: &'static str,
    },
    /// An input has a shape the operation cannot take.
    #[error("{what}: expected shape {expected}, got {found:?}")]
    Shape {
        /// Which input.
        what: &'static str,
        /// The shape it must have, in words.
        expected: String,
        /// The shape it has.
        found: Vec<usize>,
    },
    /// An input holds NaN or an infinity.
    #[error("{what}: value {index} is not finite ({value})")]
    NonFinite {
        /// Which input.
        what: &'static str,
        /// Flat index of the first such value.
        index: usize,
        /// The value.
        value: f32,
    },
    /// Two inputs that go together have different lengths.
    #[error("{what}: {left} samples but {right} labels")]
    LengthMismatch {
        /// Which pair of inputs.
        what: &'static str,
        /// Number of samples.
        left: usize,
        /// Number of labels.
        right: usize,
    },
    /// A label is not below the number of classes.
    #[error("label {label} of sample {index} is out of range for {classes} classes")]
    LabelOutOfRange {
        /// The sample.
        index: usize,
        /// Its label.
        label: usize,
        /// The number of classes.
        classes: usize,
    },
    /// A configuration value is out of its range.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A weight file lacks a tensor the network needs.
    #[error("{path}: tensor `{name}` is missing")]
    MissingTensor {
        /// The weight file.
        path: PathBuf,
        /// The tensor's name.
        name: String,
    },
    /// A weight file's tensor has another shape than the network's parameter.
    #[error("{path}: tensor `{name}` has shape {found:?}, the network needs {expected:?}")]
    TensorShape {
        /// The weight file.
        path: PathBuf,
        /// The tensor's name.
        name: String,
        /// The parameter's shape.
        expected: Vec<usize>,
        /// The tensor's shape in the file.
        found: Vec<usize>,
    },
    /// A weight file is not valid safetensors (truncated, bad header, unsupported dtype).
    #[error("{path}: not a valid safetensors file: {detail}")]
    Safetensors {
        /// The weight file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A saved model could not be written or read back.
    #[error("{path}: {detail}")]
    Record {
        /// The model file.
        path: PathBuf,
        /// burn's message.
        detail: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A metric of `learn` failed (it cannot for the inputs this crate passes; kept typed).
    #[error(transparent)]
    Learn(#[from] learn::Error),
}

impl Error {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
