//! The direct-vs-FFT choice of every convolution in sigfeat: one [`Method`] enum, and one rule
//! ([`Method::resolve`]) that turns `Auto` into a concrete method for a [`Workload`].
//!
//! | workload | `Auto` picks | measured on |
//! |---|---|---|
//! | [`Workload::Single`]: one 1-D convolution, `n` by `m` ([`convolve_auto`](crate::convolve_auto)) | the cheapest of [`choose_method`]'s cost model (direct below a few thousand multiply-adds or 8 taps) | `1e6 x {4..4001}`, `1e5 x 9e4`, `2e4 x 2e4` |
//! | [`Workload::Batch`]: many short 1-D convolutions, one signal per core (a filter bank) | `Direct` up to [`BATCH_DIRECT_MAX_TAPS`] taps, else as `Single` | 660 x 1000 samples, 50-tap kernels |
//! | [`Workload::Image`]: a 2-D convolution with a kernel of `taps` samples (`scipy.ndimage.convolve`) | `Direct` up to [`IMAGE_DIRECT_MAX_TAPS`] taps, else `Fft` | 512 x 512 f64, square kernels 5..15 |
//!
//! The three thresholds differ because the work does: the cost model is fitted to one long
//! convolution spread over both cores, a bank runs many small ones (where the direct
//! method's vectorised taps win well past the model's break-even), and the 2-D direct sums
//! follow scipy's order over a whole image.

use crate::lengths::{next_fast_len, oa_block_len};

/// How a convolution is computed; every method gives the same result up to rounding.
///
/// Used by [`convolve_with`](crate::convolve_with) (1-D), `features_1d::FilterBank` (banks)
/// and `filters`' 2-D convolutions ([`Workload::Image`]; there `OverlapAdd` is `Fft`, as the
/// image is one block).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// Pick by [`Method::resolve`] for the workload at hand.
    #[default]
    Auto,
    /// Direct sums (`dsp_core::convolve` in 1-D, `dsp_core::ndimage::convolve` in 2-D),
    /// `O(n m)`, exact to a few ulps per output.
    Direct,
    /// One zero-padded FFT of the whole output, [`fftconvolve`](crate::fftconvolve)
    /// (`O((n + m) log(n + m))`).
    Fft,
    /// Blocks of the signal against one kernel spectrum, [`oaconvolve`](crate::oaconvolve)
    /// (`O(n log m)`).
    OverlapAdd,
}

/// The shape of the work a [`Method`] is chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Workload {
    /// One 1-D convolution of lengths `n` and `m` (either order).
    Single {
        /// Length of one input.
        n: usize,
        /// Length of the other.
        m: usize,
    },
    /// One of many 1-D convolutions of a signal of length `n` with kernels of length `m`,
    /// run one signal per core.
    Batch {
        /// Signal length.
        n: usize,
        /// Kernel length.
        m: usize,
    },
    /// A 2-D convolution with a kernel of `taps` samples.
    Image {
        /// Kernel samples (rows times columns).
        taps: usize,
    },
}

/// Largest kernel (in taps) that [`Workload::Batch`] convolves directly under `Auto`.
///
/// [`choose_method`]'s cost model is fitted to one large convolution spread over both cores;
/// a bank runs many small ones, one signal per core, where the direct method's vectorised
/// taps beat overlap-add's FFT set-up well past this length (660 x 1000 samples with 50-tap
/// kernels: direct is several times faster than the overlap-add the model would pick).
pub const BATCH_DIRECT_MAX_TAPS: usize = 128;

/// Largest kernel (in samples) that [`Workload::Image`] convolves directly under `Auto`.
///
/// Measured with `benches/benches/filters.rs` on a 512 x 512 f64 image (2 cores, loaded
/// machine): direct 3.3 / 6.0 / 13.2 / 15.7 / 34 ms against FFT 5.9 / 13.8 / 13.0 / 9.9 /
/// 6.7 ms for 5x5 / 7x7 / 9x9 / 11x11 / 15x15 kernels, so the two meet at 9 x 9 = 81 taps.
pub const IMAGE_DIRECT_MAX_TAPS: usize = 81;

impl Method {
    /// This method, or for `Auto` the one the rule of this module picks for `work` (see the
    /// table in [`crate::method`]). Never returns `Auto`; for [`Workload::Image`] never
    /// `OverlapAdd` (it becomes `Fft`).
    ///
    /// # Example
    /// ```
    /// use fourier::{Method, Workload};
    /// assert_eq!(Method::Auto.resolve(Workload::Image { taps: 9 * 9 }), Method::Direct);
    /// assert_eq!(Method::Auto.resolve(Workload::Image { taps: 11 * 11 }), Method::Fft);
    /// assert_eq!(Method::Auto.resolve(Workload::Batch { n: 1000, m: 50 }), Method::Direct);
    /// assert_eq!(
    ///     Method::Auto.resolve(Workload::Single { n: 1_000_000, m: 1001 }),
    ///     Method::OverlapAdd
    /// );
    /// assert_eq!(Method::Fft.resolve(Workload::Single { n: 10, m: 3 }), Method::Fft);
    /// ```
    #[must_use]
    pub fn resolve(self, work: Workload) -> Method {
        match (self, work) {
            (Method::Auto, Workload::Single { n, m }) => choose_method(n, m),
            (Method::Auto, Workload::Batch { m, .. }) if m <= BATCH_DIRECT_MAX_TAPS => {
                Method::Direct
            }
            (Method::Auto, Workload::Batch { n, m }) => choose_method(n, m),
            (Method::Auto, Workload::Image { taps }) if taps <= IMAGE_DIRECT_MAX_TAPS => {
                Method::Direct
            }
            (Method::Auto | Method::OverlapAdd, Workload::Image { .. }) => Method::Fft,
            (m, _) => m,
        }
    }
}

/// Which [`Method`] is fastest for a full convolution of lengths `n` and `m` on this kind of
/// machine, as `scipy.signal.choose_conv_method` does with its own timings.
///
/// The model (times in ns, fitted from best-of-11 timings on two pinned cores of a quiet
/// Xeon with AVX2: direct `1e6 x {4..256}`, `fftconvolve` at `1e6 x 1001`, `1e5 x 9e4`,
/// `2e4 x 2e4`, `1e6 x 5e5`, overlap at `1e6 x {31, 101, 1001, 4001}` for every block length):
/// - direct: `DIRECT_NS * n * m` (vectorised, both cores);
/// - FFT: `FFT_NS * L log2 L` with `L = next_fast_len(n + m - 1)` (three transforms);
/// - overlap: `OA_NS * (n + m) / (B - m + 1) * (B log2 B + OA_COPY * B)` with `B = oa_block_len(m)`.
///
/// The cheapest wins; `Direct` whenever `n * m` is below a few thousand.
#[must_use]
pub fn choose_method(n: usize, m: usize) -> Method {
    let (n, m) = (n.max(m), n.min(m));
    if n == 0 || m == 0 || n.saturating_mul(m) <= 4096 || m <= 8 {
        return Method::Direct;
    }
    let direct = DIRECT_NS * n as f64 * m as f64;
    let l = next_fast_len(n + m - 1) as f64;
    let fft = FFT_NS * l * l.log2();
    let oa = if 2 * m >= n {
        f64::INFINITY
    } else {
        let b = oa_block_len(m);
        let bf = b as f64;
        OA_NS * (n + m) as f64 / (bf - m as f64 + 1.0) * (bf * bf.log2() + OA_COPY * bf)
    };
    if direct <= fft && direct <= oa {
        Method::Direct
    } else if oa <= fft {
        Method::OverlapAdd
    } else {
        Method::Fft
    }
}

/// ns per multiply-add of the direct method (0.09-0.15 measured; 1e6 x 31 in 2.8-4.3 ms).
const DIRECT_NS: f64 = 0.13;
/// ns per `L log2 L` of [`fftconvolve`] (0.66-0.94 measured; three transforms, two in parallel).
const FFT_NS: f64 = 0.8;
/// ns per modelled unit of [`oaconvolve`] (0.19-0.20 measured at `m = 31` and `m = 1001`).
const OA_NS: f64 = 0.2;

/// Per-sample block overhead of overlap-save (copying the window, the spectrum product, the
/// output copy), in units of one FFT butterfly level: fitted with [`OA_NS`].
const OA_COPY: f64 = 4.0;
