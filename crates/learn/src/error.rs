//! The error type of `learn`; it wraps the lower layers' errors with `#[from]`.

/// What went wrong with the input or parameters of a `learn` routine.
///
/// Every variant carries the offending value, so the message alone tells the user what to change.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Features and labels (or two arrays that must agree) of different lengths.
    #[error("{what}: features have {n_samples} rows but labels have {n_labels} entries")]
    LengthMismatch {
        /// Which call.
        what: &'static str,
        /// Rows of the feature matrix.
        n_samples: usize,
        /// Entries of the label vector.
        n_labels: usize,
    },
    /// A data set with no samples or no features.
    #[error("{what} is empty: {n_samples} sample(s) x {n_features} feature(s)")]
    EmptyData {
        /// Which argument.
        what: &'static str,
        /// Rows passed.
        n_samples: usize,
        /// Columns passed.
        n_features: usize,
    },
    /// A NaN or infinite feature value.
    #[error("{what} holds a non-finite value ({value}) at row {row}, column {col}")]
    NonFinite {
        /// Which argument.
        what: &'static str,
        /// Row of the first offending value.
        row: usize,
        /// Column of the first offending value.
        col: usize,
        /// The value found.
        value: f64,
    },
    /// Training labels with fewer than two distinct classes.
    #[error(
        "need at least two classes to train a classifier, got {n_classes} (labels: {classes:?})"
    )]
    TooFewClasses {
        /// The number of distinct labels found.
        n_classes: usize,
        /// The distinct labels found.
        classes: Vec<usize>,
    },
    /// A class with fewer samples than a procedure needs (stratified k-fold needs one per fold).
    #[error("class {class} has {count} sample(s), fewer than the {needed} needed ({why})")]
    ClassTooSmall {
        /// The label of the class.
        class: usize,
        /// Its number of samples.
        count: usize,
        /// How many are needed.
        needed: usize,
        /// What needs them.
        why: &'static str,
    },
    /// A number of neighbours that is zero or larger than the training set.
    #[error("n_neighbors = {k} must be in 1..={n_samples} (the number of training samples)")]
    InvalidNeighbors {
        /// The `k` asked for.
        k: usize,
        /// Training samples available.
        n_samples: usize,
    },
    /// A scalar parameter outside its valid range.
    #[error("invalid {name} = {value}: {expected}")]
    InvalidParameter {
        /// Parameter name.
        name: &'static str,
        /// The value passed.
        value: f64,
        /// What a valid value looks like.
        expected: &'static str,
    },
    /// A feature matrix whose width differs from the one the model was fitted on.
    #[error("{what}: model was fitted on {expected} feature(s), got {got}")]
    FeatureMismatch {
        /// Which call.
        what: &'static str,
        /// Features seen in `fit`.
        expected: usize,
        /// Features passed now.
        got: usize,
    },
    /// An iterative solver that stopped before meeting its tolerance.
    #[error("{what} did not converge in {iterations} iterations (last change {residual})")]
    NotConverged {
        /// Which solver.
        what: &'static str,
        /// Iterations run.
        iterations: usize,
        /// The last gradient norm or step size.
        residual: f64,
    },
    /// An error from `dsp-core`.
    #[error(transparent)]
    Core(#[from] dsp_core::Error),
    /// An error from `reduce`: a scaler, PCA or LDA inside a pipeline, or the linear algebra
    /// (`reduce::linalg`: a decomposition that failed, a matrix that is not positive definite).
    #[error(transparent)]
    Reduce(#[from] reduce::Error),
    /// An error from `features-1d` (a feature extractor inside a pipeline).
    #[error(transparent)]
    Features1d(#[from] features_1d::Error),
    /// An error from `linfa` (dataset handling through its traits).
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
}

/// `Result` with `learn`'s [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
