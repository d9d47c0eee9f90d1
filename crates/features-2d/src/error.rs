//! The error type of `features-2d`; wraps `filters`' errors with `#[from]`.

/// What went wrong with the input of a `features-2d` routine.
///
/// Every variant carries the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `filters` (and through it `dsp-core`: empty input, bad shapes...).
    #[error(transparent)]
    Filters(#[from] filters::Error),
    /// A patch that does not lie inside the image.
    #[error(
        "patch of {patch_rows}x{patch_cols} pixels at row {row}, column {col} (top-left) leaves \
         the {image_rows}x{image_cols} image"
    )]
    PatchOutOfBounds {
        /// Top row the patch would start at (negative: above the image).
        row: isize,
        /// Left column the patch would start at (negative: left of the image).
        col: isize,
        /// Patch height.
        patch_rows: usize,
        /// Patch width.
        patch_cols: usize,
        /// Image height.
        image_rows: usize,
        /// Image width.
        image_cols: usize,
    },
    /// A patch or step size of zero along an axis.
    #[error("{what} must be at least 1 along both axes, got {rows}x{cols}")]
    ZeroSize {
        /// Which argument (`patch`, `step`).
        what: &'static str,
        /// Its rows.
        rows: usize,
        /// Its columns.
        cols: usize,
    },
    /// Feature arrays of different shapes compared with each other.
    #[error("features of shape {got:?} compared with references of shape {expected:?}")]
    FeatureShape {
        /// The references' shape.
        expected: Vec<usize>,
        /// The shape passed.
        got: Vec<usize>,
    },
    /// Nothing to match against.
    #[error("no reference features to match against")]
    NoReferences,
}

/// `Result` with `features-2d`'s [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
