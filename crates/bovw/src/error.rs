//! The error type of `sigfeat-bovw`.

use std::path::PathBuf;

/// What went wrong while fitting a vocabulary or mixture, encoding descriptors, or reading a
/// vocabulary file.
///
/// Every variant carries the offending value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No rows: an empty data matrix or an empty descriptor set.
    #[error("{what} is empty ({rows} x {cols})")]
    Empty {
        /// What was empty (`"data"`, `"descriptors"`, `"vocabulary"`).
        what: &'static str,
        /// Rows given.
        rows: usize,
        /// Columns given.
        cols: usize,
    },
    /// A NaN or infinite value in the input.
    #[error("{what} holds a non-finite value {value} at row {row}, column {col}")]
    NonFinite {
        /// Which input (`"data"`, `"descriptors"`, `"initial centres"`, `"positions"`).
        what: &'static str,
        /// Row of the first non-finite value.
        row: usize,
        /// Column of the first non-finite value.
        col: usize,
        /// The value.
        value: f64,
    },
    /// `n_clusters = 0` (or `n_components = 0`).
    #[error("{what} must be at least 1, got 0")]
    ZeroClusters {
        /// `"n_clusters"` or `"n_components"`.
        what: &'static str,
    },
    /// More clusters than samples.
    #[error("n_samples = {n_samples} should be >= {what} = {n_clusters}")]
    TooFewSamples {
        /// Rows of the data.
        n_samples: usize,
        /// Clusters (components) requested.
        n_clusters: usize,
        /// `"n_clusters"` or `"n_components"`.
        what: &'static str,
    },
    /// Descriptors whose width differs from the vocabulary's (or model's) dimension.
    #[error("{what} has dimension {got}, expected {expected}")]
    DimensionMismatch {
        /// Which input.
        what: &'static str,
        /// The dimension the vocabulary or model was built with.
        expected: usize,
        /// The dimension given.
        got: usize,
    },
    /// An array of the wrong shape (initial centres, positions, mixture initialisation).
    #[error("{what} has shape {got:?}, expected {expected:?}")]
    Shape {
        /// Which input.
        what: &'static str,
        /// The shape required.
        expected: (usize, usize),
        /// The shape given.
        got: (usize, usize),
    },
    /// A numeric hyper-parameter outside its range (`tol < 0`, `sigma <= 0`, `reg_covar < 0`,
    /// non-finite values).
    #[error("{name} must be {rule}, got {value}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The rule it breaks (`"finite and >= 0"`, `"finite and > 0"`).
        rule: &'static str,
        /// The value given.
        value: f64,
    },
    /// A count hyper-parameter of zero (`max_iter`, `n_init`, `batch_size`, `n_local_trials`).
    #[error("{name} must be at least 1, got 0")]
    ZeroCount {
        /// The parameter's name.
        name: &'static str,
    },
    /// Mixture weights or variances that are not positive, or weights that do not sum to 1.
    #[error("{what}: {value} at index {index} ({rule})")]
    InvalidMixture {
        /// `"weights"`, `"precisions"`, `"variances"`.
        what: &'static str,
        /// Flat index of the offending value.
        index: usize,
        /// The value.
        value: f64,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A descriptor position outside the image, or an image of zero height or width.
    #[error("position {index} = (y {y}, x {x}) is outside the {height} x {width} image")]
    PositionOutOfBounds {
        /// Row of the position.
        index: usize,
        /// Its `y`.
        y: f64,
        /// Its `x`.
        x: f64,
        /// Image height.
        height: usize,
        /// Image width.
        width: usize,
    },
    /// A spatial pyramid without levels or with a level of 0 cells per side.
    #[error("spatial pyramid levels must be non-empty and each >= 1, got {levels:?}")]
    InvalidLevels {
        /// The levels given.
        levels: Vec<usize>,
    },
    /// An error while encoding one set of a batch.
    #[error("descriptor set {index}: {source}")]
    InSet {
        /// Index of the set in the batch.
        index: usize,
        /// What went wrong with it.
        source: Box<Error>,
    },
    /// Reading or writing a vocabulary file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A vocabulary file that does not start with the magic bytes `SFVOCAB\0`.
    #[error("{path}: not a sigfeat vocabulary file (magic bytes {found:?})")]
    BadMagic {
        /// The file.
        path: PathBuf,
        /// The first bytes found.
        found: Vec<u8>,
    },
    /// A vocabulary file of a version this library does not read.
    #[error("{path}: vocabulary file version {version}, this library reads version 1")]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version found.
        version: u32,
    },
    /// A vocabulary file whose element type is not the one asked for.
    #[error("{path}: vocabulary holds {found}, asked to load {expected}")]
    WrongDtype {
        /// The file.
        path: PathBuf,
        /// The type asked for (`"f32"`, `"f64"`).
        expected: &'static str,
        /// The type code found (`"f32"`, `"f64"` or `"unknown code N"`).
        found: String,
    },
    /// A vocabulary file shorter or longer than its header says.
    #[error("{path}: {got} bytes, the header says {expected}")]
    FileSize {
        /// The file.
        path: PathBuf,
        /// Bytes the header implies (or the header's own size when it is cut short).
        expected: u64,
        /// Bytes found.
        got: u64,
    },
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
