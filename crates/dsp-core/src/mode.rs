//! Output-size modes of 1-D convolution and boundary modes of n-d filtering.

/// Output size of a 1-D convolution or correlation, as in `numpy.convolve`.
///
/// For a signal of length `n` and a kernel of length `m`:
///
/// | mode | length | |
/// |---|---|---|
/// | `Full` | `n + m - 1` | every overlap |
/// | `Same` | `max(n, m)` | centred on the full output |
/// | `Valid` | `max(n, m) - min(n, m) + 1` | only complete overlaps |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ConvMode {
    /// Every point of overlap (numpy's default for `convolve`).
    #[default]
    Full,
    /// The centre of the full output, as long as the longer input.
    Same,
    /// Only points where the inputs overlap completely.
    Valid,
}

impl ConvMode {
    /// Output length for inputs of lengths `n` and `m` (both at least 1).
    #[must_use]
    pub fn output_len(self, n: usize, m: usize) -> usize {
        match self {
            ConvMode::Full => n + m - 1,
            ConvMode::Same => n.max(m),
            ConvMode::Valid => n.max(m) - n.min(m) + 1,
        }
    }
}

/// How n-d filters extend the input past its edges, as `scipy.ndimage`'s `mode`.
///
/// Shown for the input `a b c d` extended by three samples on each side:
///
/// | mode | extension | scipy name |
/// |---|---|---|
/// | `Reflect` | `c b a \| a b c d \| d c b` | `"reflect"` (half-sample symmetric) |
/// | `Constant(k)` | `k k k \| a b c d \| k k k` | `"constant"` with `cval = k` |
/// | `Nearest` | `a a a \| a b c d \| d d d` | `"nearest"` |
/// | `Mirror` | `d c b \| a b c d \| c b a` | `"mirror"` (whole-sample symmetric) |
/// | `Wrap` | `b c d \| a b c d \| a b c` | `"wrap"` (periodic) |
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum BoundaryMode {
    /// Half-sample symmetric reflection (scipy's default).
    #[default]
    Reflect,
    /// A constant value outside the input (`cval`).
    Constant(f64),
    /// The edge sample repeated.
    Nearest,
    /// Whole-sample symmetric reflection (the edge sample is not repeated).
    Mirror,
    /// Periodic extension.
    Wrap,
}

impl BoundaryMode {
    /// The scipy name of this mode (`"reflect"`, `"constant"`, ...).
    #[must_use]
    pub fn scipy_name(self) -> &'static str {
        match self {
            BoundaryMode::Reflect => "reflect",
            BoundaryMode::Constant(_) => "constant",
            BoundaryMode::Nearest => "nearest",
            BoundaryMode::Mirror => "mirror",
            BoundaryMode::Wrap => "wrap",
        }
    }
}
