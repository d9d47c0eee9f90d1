//! The error type of `dsp-core`; higher crates wrap it with `#[from]`.

/// What went wrong with the input of a `dsp-core` routine.
///
/// Every variant carries the offending value, so the message alone tells the
/// user what to change.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input that must hold at least one element (or `min` elements) holds fewer.
    #[error("{what} is too short: needs at least {min} element(s), got {got}")]
    TooShort {
        /// Which argument.
        what: &'static str,
        /// The least length accepted.
        min: usize,
        /// The length passed.
        got: usize,
    },
    /// A NaN or infinite value where only finite values make sense.
    #[error("{what} holds a non-finite value ({value}) at flat index {index}")]
    NonFinite {
        /// Which argument.
        what: &'static str,
        /// Flat (row-major) index of the first offending element.
        index: usize,
        /// The value found.
        value: f64,
    },
    /// A Gaussian standard deviation that is not finite and strictly positive.
    #[error("sigma must be finite and > 0, got {sigma}")]
    InvalidSigma {
        /// The sigma passed.
        sigma: f64,
    },
    /// A derivative order outside the supported range.
    #[error("derivative order must be in 0..={max}, got {order}")]
    InvalidOrder {
        /// The order passed.
        order: usize,
        /// The largest supported order.
        max: usize,
    },
    /// A scalar parameter outside its valid range.
    #[error("invalid {name} = {value}: {expected}")]
    InvalidParameter {
        /// Parameter name as in the function signature.
        name: &'static str,
        /// The value passed.
        value: f64,
        /// What a valid value looks like.
        expected: &'static str,
    },
    /// Two arrays (or an array and a parameter list) whose shapes do not fit together.
    #[error("shape mismatch for {what}: expected {expected:?}, got {got:?}")]
    ShapeMismatch {
        /// Which argument.
        what: &'static str,
        /// The shape required.
        expected: Vec<usize>,
        /// The shape passed.
        got: Vec<usize>,
    },
    /// An axis index not smaller than the number of dimensions.
    #[error("axis {axis} is out of bounds for an array of {ndim} dimension(s)")]
    AxisOutOfBounds {
        /// The axis passed.
        axis: usize,
        /// The array's number of dimensions.
        ndim: usize,
    },
    /// An origin shift that moves the kernel centre outside the kernel.
    #[error("origin {origin} is invalid for a kernel of length {len}")]
    InvalidOrigin {
        /// The origin passed.
        origin: isize,
        /// The kernel length along that axis.
        len: usize,
    },
    /// An input whose values are all equal where a spread is needed (min-max scaling of a
    /// constant array, peak normalisation of an all-zero signal).
    #[error("{what} is constant (every element is {value}): cannot scale it")]
    ConstantInput {
        /// Which argument.
        what: &'static str,
        /// The value every element holds.
        value: f64,
    },
    /// A matrix that must be symmetric positive definite is (numerically) singular.
    #[error("{what} is singular: Cholesky pivot {index} is {pivot}")]
    SingularMatrix {
        /// Which matrix.
        what: &'static str,
        /// Row/column of the first pivot that is not clearly positive.
        index: usize,
        /// The pivot found (before its square root).
        pivot: f64,
    },
}

/// `Result` with `dsp-core`'s [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
