//! The error type of `sigfeat-reduce`.

/// What went wrong while fitting or applying a scaler, PCA or LDA.
///
/// Every variant carries the offending value. Input problems shared with other crates (empty data,
/// NaN/inf values) arrive as [`Error::Core`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Empty data or a non-finite value (from `dsp-core`'s input checks).
    #[error(transparent)]
    Core(#[from] dsp_core::Error),
    /// An error raised by linfa (dataset handling).
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
    /// More components requested than the data allow.
    #[error("n_components = {requested} is larger than {max} = {rule}")]
    TooManyComponents {
        /// The number requested.
        requested: usize,
        /// The largest number allowed for this data.
        max: usize,
        /// How `max` is derived (`min(n_samples, n_features)`, `min(n_classes - 1, n_features)`).
        rule: &'static str,
    },
    /// `Components::Count(0)`: at least one component is needed.
    #[error("n_components must be at least 1, got 0")]
    ZeroComponents,
    /// A variance fraction outside `(0, 1]` (or not finite).
    #[error("variance fraction must be in (0, 1], got {fraction}")]
    InvalidVarianceFraction {
        /// The fraction passed.
        fraction: f64,
    },
    /// The randomized PCA solver was asked for a variance fraction (it needs a count).
    #[error(
        "the randomized PCA solver needs n_components as a count, got a variance fraction {fraction}"
    )]
    RandomizedNeedsCount {
        /// The fraction passed.
        fraction: f64,
    },
    /// Fewer than two distinct class labels.
    #[error("LDA needs at least two classes, got {n_classes}")]
    TooFewClasses {
        /// The number of distinct labels found.
        n_classes: usize,
    },
    /// As many samples as classes (sklearn's rule: there must be more samples than classes).
    #[error("LDA needs more samples than classes: {n_samples} sample(s), {n_classes} class(es)")]
    TooFewSamples {
        /// Rows of the data.
        n_samples: usize,
        /// Distinct labels.
        n_classes: usize,
    },
    /// Labels and feature rows of different lengths.
    #[error("{n_labels} label(s) for {n_samples} feature row(s)")]
    LabelCountMismatch {
        /// Rows of the feature matrix.
        n_samples: usize,
        /// Length of the label vector.
        n_labels: usize,
    },
    /// Class priors of the wrong length.
    #[error("{got} prior(s) given for {n_classes} class(es)")]
    PriorCountMismatch {
        /// Distinct labels.
        n_classes: usize,
        /// Length of the priors.
        got: usize,
    },
    /// A negative or non-finite prior, or priors summing to zero.
    #[error("prior {index} is {value}: priors must be finite, >= 0, with a positive sum")]
    InvalidPrior {
        /// Index of the offending prior (its class's position in the sorted labels).
        index: usize,
        /// The value passed.
        value: f64,
    },
    /// A fixed LDA shrinkage outside `[0, 1]` (or not finite).
    #[error("shrinkage must be in [0, 1], got {shrinkage}")]
    InvalidShrinkage {
        /// The value passed.
        shrinkage: f64,
    },
    /// Shrinkage asked of LDA's svd solver, which has no covariance to shrink (sklearn raises
    /// `NotImplementedError`).
    #[error("shrinkage is not supported with the svd solver (use the lsqr or eigen solver)")]
    ShrinkageWithSvd,
    /// `transform` on an LDA whose solver has no projection (lsqr; sklearn raises
    /// `NotImplementedError`).
    #[error("transform is not implemented for the {solver} solver (use the svd or eigen solver)")]
    TransformNotSupported {
        /// The solver of the fitted model.
        solver: &'static str,
    },
    /// Data with a different number of features from the data the model was fitted on.
    #[error("the model was fitted on {expected} feature(s), got {got}")]
    FeatureCountMismatch {
        /// Features seen at fit time.
        expected: usize,
        /// Features passed now.
        got: usize,
    },
    /// A within-class scatter of rank zero: every feature is constant inside every class.
    #[error("LDA's within-class scatter has rank 0 (every feature is constant within each class)")]
    DegenerateScatter,
    /// A matrix that should be symmetric positive definite is not (a Cholesky factorisation
    /// failed).
    #[error("{what} is not positive definite")]
    NotPositiveDefinite {
        /// Which matrix.
        what: &'static str,
    },
    /// An eigen or singular value decomposition that did not converge.
    #[error("{what} did not converge")]
    NoConvergence {
        /// Which decomposition.
        what: &'static str,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
