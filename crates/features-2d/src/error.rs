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
    /// A HOG parameter out of its range (orientations, pixels per cell, cells per block).
    #[error("HOG parameter {name} must be at least 1 along every axis, got {value:?}")]
    InvalidHogParam {
        /// Which parameter.
        name: &'static str,
        /// Its value (one entry per axis; one entry for `orientations`).
        value: Vec<usize>,
    },
    /// An image smaller than one HOG block (`pixels_per_cell * cells_per_block`).
    #[error(
        "the {rows}x{cols} image is smaller than one HOG block: it needs at least {min_rows} rows \
         and {min_cols} columns"
    )]
    ImageTooSmall {
        /// Image height.
        rows: usize,
        /// Image width.
        cols: usize,
        /// Rows one block needs.
        min_rows: usize,
        /// Columns one block needs.
        min_cols: usize,
    },
    /// A NaN or infinite pixel.
    #[error("pixel at row {row}, column {col} is {value}, not finite")]
    NonFinitePixel {
        /// Its row.
        row: usize,
        /// Its column.
        col: usize,
        /// Its value.
        value: f64,
    },
    /// A negative pixel where a square root is taken (`transform_sqrt`).
    #[error("pixel at row {row}, column {col} is {value}: transform_sqrt needs pixels >= 0")]
    NegativePixel {
        /// Its row.
        row: usize,
        /// Its column.
        col: usize,
        /// Its value.
        value: f64,
    },
    /// A batch with no image.
    #[error("the batch holds no image")]
    EmptyBatch,
    /// An image of a batch whose shape differs from the first image's.
    #[error("image {index} of the batch has shape {got:?}, the first one {expected:?}")]
    BatchShape {
        /// Its index in the batch.
        index: usize,
        /// The first image's shape.
        expected: Vec<usize>,
        /// Its shape.
        got: Vec<usize>,
    },
    /// An image with no pixel.
    #[error("the {rows}x{cols} image has no pixel")]
    EmptyImage {
        /// Image height.
        rows: usize,
        /// Image width.
        cols: usize,
    },
    /// A dense-feature parameter out of its range (a zero step, a scale that is not a
    /// positive finite number, no scale at all).
    #[error("dense feature parameter {name} is {value}: {expected}")]
    InvalidLocalParam {
        /// Which parameter (`step`, `scales`).
        name: &'static str,
        /// Its value (`NaN` for an empty list).
        value: f64,
        /// What it must be.
        expected: &'static str,
    },
    /// An image too small for even one pooling window of the smallest scale.
    #[error("the {rows}x{cols} image holds no {window}x{window} pooling window (smallest scale)")]
    NoWindow {
        /// Image height.
        rows: usize,
        /// Image width.
        cols: usize,
        /// Side of the smallest window, pixels.
        window: usize,
    },
    /// A SURF parameter (or a dense-SURF `spacing`/`scale`) out of its range.
    #[error("SURF parameter {name} = {value} is out of range: {expected}")]
    InvalidSurfParam {
        /// Which parameter.
        name: &'static str,
        /// Its value (integers converted to `f64`).
        value: f64,
        /// The range it must lie in.
        expected: &'static str,
    },
    /// An image smaller than the SURF window it needs (the smallest octave's filters for
    /// detection, the descriptor window for dense SURF).
    #[error(
        "the {rows}x{cols} image is smaller than the {what}: it needs at least {min_rows} rows \
         and {min_cols} columns"
    )]
    ImageSmallerThanWindow {
        /// Which window (`"first octave's filters"`, `"descriptor window"`).
        what: &'static str,
        /// Image height.
        rows: usize,
        /// Image width.
        cols: usize,
        /// Rows the window needs.
        min_rows: usize,
        /// Columns the window needs.
        min_cols: usize,
    },
}

/// `Result` with `features-2d`'s [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
