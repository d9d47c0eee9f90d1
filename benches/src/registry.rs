//! The one list of benchmark cases: each case's criterion id (`group/function`), the sizes of its
//! inputs, and the Python operation `cargo xtask bench` times beside it on the same inputs.
//!
//! The criterion benches (`benches/benches/*.rs`) take their parameters and ids from the
//! per-file modules here ([`convolve`], [`fft`], ...); `cargo xtask bench` looks the ids criterion
//! reports up in [`all`] ([`find`]). Adding a case is one edit here.

use std::fmt::Write as _;

/// An input array of a case, as drawn by [`crate::signal`] / [`crate::image`] or read from the
/// bundled UCR sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `signal(n, seed)`.
    Signal {
        /// Length.
        n: usize,
        /// Seed.
        seed: u64,
    },
    /// `image(rows, cols, seed)`.
    Image {
        /// Rows.
        rows: usize,
        /// Columns.
        cols: usize,
        /// Seed.
        seed: u64,
    },
    /// A bundled UCR set's training or test series, one per row.
    Ucr {
        /// The set's name.
        name: &'static str,
        /// The test split (else the training split).
        test: bool,
    },
    /// An image shipped in `datasets/images`, grey levels 0..255 ([`crate::shipped_levels`]).
    Shipped {
        /// File name (`camera.png`).
        name: &'static str,
    },
    /// The 200 lfw images upscaled to 100x100 ([`crate::lfw_upscaled`]), `200 x 100 x 100`.
    Lfw,
    /// A folder of `files` mono 16-bit WAVs of `frames` frames at `rate` Hz, seeded noise
    /// ([`crate::wav_folder`]); Python receives the folder's path.
    WavFolder {
        /// Number of files.
        files: usize,
        /// Frames per file.
        frames: usize,
        /// Sample rate in Hz.
        rate: u32,
        /// Seed of the first file (file `i` uses `seed + i`).
        seed: u64,
    },
    /// The first `n` MNIST training images ([`crate::mnist_train`]), grey levels 0..255,
    /// `n x 28 x 28`.
    MnistImages {
        /// Number of images.
        n: usize,
    },
    /// Their labels (0..9), `n`.
    MnistLabels {
        /// Number of labels.
        n: usize,
    },
}

impl Input {
    /// The input's shape as the comparison table prints it (`1000000`, `2048x2048`,
    /// `GunPoint test`).
    #[must_use]
    pub fn shape(&self) -> String {
        match self {
            Self::Signal { n, .. } => n.to_string(),
            Self::Image { rows, cols, .. } => format!("{rows}x{cols}"),
            Self::Ucr { name, test } => format!("{name} {}", if *test { "test" } else { "train" }),
            Self::Shipped { name } => (*name).to_string(),
            Self::Lfw => "200 lfw images 100x100".to_string(),
            Self::WavFolder {
                files,
                frames,
                rate,
                ..
            } => format!("{files} WAVs of {frames} frames at {rate} Hz"),
            Self::MnistImages { n } => format!("{n} MNIST images 28x28"),
            Self::MnistLabels { n } => format!("{n} labels"),
        }
    }
}

/// A parameter value handed to `benches/python/compare.py`.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// A number.
    Num(f64),
    /// An integer.
    Int(usize),
    /// A string.
    Str(&'static str),
}

/// The Python side of a case: an operation `benches/python/compare.py` knows, its parameters and
/// its inputs in call order.
#[derive(Debug, Clone, PartialEq)]
pub struct Python {
    /// Operation name understood by `compare.py` (`scipy.signal.oaconvolve`, ...).
    pub op: &'static str,
    /// Its parameters, by name.
    pub params: Vec<(&'static str, Param)>,
    /// Its input arrays.
    pub inputs: Vec<Input>,
    /// The sizes column when the inputs do not say it (data `compare.py` draws itself).
    pub size: Option<&'static str>,
}

impl Python {
    fn new(op: &'static str, params: Vec<(&'static str, Param)>, inputs: Vec<Input>) -> Self {
        Self {
            op,
            params,
            inputs,
            size: None,
        }
    }

    /// The sizes of the inputs, e.g. `1000000 * 31`.
    #[must_use]
    pub fn size(&self) -> String {
        if let Some(s) = self.size {
            return s.to_string();
        }
        let mut out = String::new();
        for (i, input) in self.inputs.iter().enumerate() {
            let _ = write!(out, "{}{}", if i > 0 { " * " } else { "" }, input.shape());
        }
        out
    }
}

/// One benchmark case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Criterion's group.
    pub group: String,
    /// Criterion's function id inside the group.
    pub function: String,
    /// What it is compared with, if anything.
    pub python: Option<Python>,
    /// The fewest bytes the operation must move through main memory (read its input once,
    /// write its output once), for the memory-bound cases: `cargo xtask bench` prints the time
    /// the machine's measured copy bandwidth ([`memory`]) needs for them, the physical floor.
    pub bytes: Option<u64>,
    /// A Rust-only variant of an operation (raw realfft under sigfeat's wrapper, a transform
    /// into a reused buffer, another output layout): sigfeat's Python package does not expose
    /// it, so `cargo xtask bench --wheel` times no call from Python on its row; the package's
    /// call is timed on the standard variant's row.
    pub rust_only: bool,
}

impl Case {
    /// Criterion's id, `group/function`.
    #[must_use]
    pub fn id(&self) -> String {
        format!("{}/{}", self.group, self.function)
    }
}

fn case(group: impl Into<String>, function: impl Into<String>, python: Option<Python>) -> Case {
    Case {
        group: group.into(),
        function: function.into(),
        python,
        bytes: None,
        rust_only: false,
    }
}

impl Case {
    /// The case with its [`bytes`](Case::bytes) moved.
    fn moving(mut self, bytes: u64) -> Self {
        self.bytes = Some(bytes);
        self
    }

    /// The case marked [`rust_only`](Case::rust_only).
    fn rust_only(mut self) -> Self {
        self.rust_only = true;
        self
    }
}

/// Bytes of a `rows x cols` array of `elem`-byte elements.
const fn array_bytes(rows: usize, cols: usize, elem: usize) -> u64 {
    (rows * cols * elem) as u64
}

fn sig(n: usize) -> Input {
    Input::Signal {
        n,
        seed: crate::SEED,
    }
}

fn img(rows: usize, cols: usize) -> Input {
    Input::Image {
        rows,
        cols,
        seed: crate::SEED,
    }
}

fn dtype(is_f32: bool) -> Param {
    Param::Str(if is_f32 { "f32" } else { "f64" })
}

/// Every case of every bench file, in the order the files run them.
#[must_use]
pub fn all() -> Vec<Case> {
    let mut v = Vec::new();
    v.extend(convolve::cases());
    v.extend(fft::cases());
    v.extend(ndimage::cases());
    v.extend(filters::cases());
    v.extend(features1d::cases());
    v.extend(speech::cases());
    v.extend(reduce::cases());
    v.extend(learn::cases());
    v.extend(images::cases());
    v.extend(audio::cases());
    v.extend(cnn::cases());
    v.extend(memory::cases());
    v
}

/// `benches/memory.rs`: the machine's memory bandwidth, measured in the same run as the
/// operations it bounds.
pub mod memory {
    use super::{Case, array_bytes, case};

    /// Criterion group.
    pub const GROUP: &str = "memory";
    /// Rows and columns of the copied `f64` array (32 MiB, four times this machine's L3).
    pub const SHAPE: (usize, usize) = (2048, 2048);
    /// Function id of the copy (STREAM's "copy": `dst[i] = src[i]`, rayon over chunks).
    pub const COPY: &str = "copy_2048x2048_f64";

    /// Bytes the copy moves: the source read once and the destination written once (STREAM's
    /// count).
    #[must_use]
    pub const fn copy_bytes() -> u64 {
        2 * array_bytes(SHAPE.0, SHAPE.1, 8)
    }

    pub(super) fn cases() -> Vec<Case> {
        vec![case(GROUP, COPY, None).moving(copy_bytes())]
    }
}

/// The case criterion reports as `id`, if the registry lists it.
#[must_use]
pub fn find(id: &str) -> Option<Case> {
    all().into_iter().find(|c| c.id() == id)
}

/// `benches/convolve.rs`: 1-D full convolution of a 1e6-sample signal with kernels of
/// [`KERNELS`](convolve::KERNELS) taps by each method.
pub mod convolve {
    use super::{Case, Input, Param, Python, case, sig};
    use fourier::Method;

    /// Signal length.
    pub const SIGNAL_LEN: usize = 1_000_000;
    /// Kernel lengths (the kernel is `signal(m, SEED + 1)`).
    pub const KERNELS: [usize; 2] = [31, 1001];
    /// `(criterion function id, method, Python counterpart)`.
    pub const METHODS: [(&str, Method, &str); 4] = [
        ("auto", Method::Auto, "scipy.signal.convolve"),
        ("direct", Method::Direct, "numpy.convolve"),
        ("fft", Method::Fft, "scipy.signal.fftconvolve"),
        ("oa", Method::OverlapAdd, "scipy.signal.oaconvolve"),
    ];

    /// Criterion group of kernel length `m`.
    #[must_use]
    pub fn group(m: usize) -> String {
        format!("convolve_1e6x{m}")
    }

    pub(super) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        for m in KERNELS {
            for (name, _, op) in METHODS {
                let kernel = Input::Signal {
                    n: m,
                    seed: crate::SEED + 1,
                };
                let py = Python::new(
                    op,
                    vec![("mode", Param::Str("full"))],
                    vec![sig(SIGNAL_LEN), kernel],
                );
                v.push(case(group(m), name, Some(py)));
            }
        }
        v
    }
}

/// `benches/fft.rs`: `rfft` (the wrapper and raw realfft) and `rfft2`.
pub mod fft {
    use super::{Case, Python, array_bytes, case, img, sig};

    /// Criterion group of the 1-D cases.
    pub const RFFT_GROUP: &str = "rfft";
    /// Signal lengths: a power of two, a round number and a prime.
    pub const RFFT_LENS: [usize; 3] = [1 << 20, 1_000_000, 1_000_003];
    /// Criterion group of the 2-D case.
    pub const RFFT2_GROUP: &str = "rfft2";
    /// Image side of the 2-D case.
    pub const RFFT2_SIDE: usize = 2048;

    /// Function id of sigfeat's `rfft` of `n` samples.
    #[must_use]
    pub fn sigfeat(n: usize) -> String {
        format!("sigfeat_{n}")
    }

    /// Function id of the raw realfft call on `n` samples.
    #[must_use]
    pub fn raw_realfft(n: usize) -> String {
        format!("raw_realfft_{n}")
    }

    /// Function id of `rfft2` (standard, row-major output, as numpy).
    #[must_use]
    pub fn rfft2() -> String {
        format!("sigfeat_{RFFT2_SIDE}x{RFFT2_SIDE}")
    }

    /// Function id of `rfft2_into` (standard layout, into a caller's buffer reused across calls).
    #[must_use]
    pub fn rfft2_into() -> String {
        format!("sigfeat_into_{RFFT2_SIDE}x{RFFT2_SIDE}")
    }

    /// Function id of `rfft2_col_major` (the same spectrum in column-major layout, one pass
    /// fewer through memory).
    #[must_use]
    pub fn rfft2_col_major() -> String {
        format!("sigfeat_col_major_{RFFT2_SIDE}x{RFFT2_SIDE}")
    }

    pub(super) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        for n in RFFT_LENS {
            for (f, rust_only) in [(sigfeat(n), false), (raw_realfft(n), true)] {
                let py = Python::new("scipy.fft.rfft", vec![], vec![sig(n)]);
                let c = case(RFFT_GROUP, f, Some(py));
                v.push(if rust_only { c.rust_only() } else { c });
            }
        }
        let n = RFFT2_SIDE;
        let bytes = array_bytes(n, n, 8) + array_bytes(n, n / 2 + 1, 16);
        for (f, rust_only) in [
            (rfft2(), false),
            (rfft2_into(), true),
            (rfft2_col_major(), true),
        ] {
            let py = Python::new("scipy.fft.rfft2", vec![], vec![img(n, n)]);
            let c = case(RFFT2_GROUP, f, Some(py)).moving(bytes);
            v.push(if rust_only { c.rust_only() } else { c });
        }
        v
    }
}

/// `benches/ndimage.rs`: `correlate1d` with Gaussian kernels along each axis, the separable
/// Gaussian, and Sobel as a fused `correlate1d_sequence`, on a 2048x2048 image.
pub mod ndimage {
    use super::{Case, Param, Python, array_bytes, case, dtype, img};

    /// Image side.
    pub const SIDE: usize = 2048;
    /// Gaussian sigmas of the kernels (scipy's radius `round(4 sigma)`: 9, 25 and 81 taps).
    pub const SIGMAS: [f64; 3] = [1.0, 3.0, 10.0];
    /// Axes of the 1-D passes.
    pub const AXES: [usize; 2] = [0, 1];
    /// Criterion group of the Sobel cases (shared with `benches/filters.rs`' `filters::sobel`).
    pub const SOBEL_GROUP: &str = "sobel_2048x2048";

    /// scipy's Gaussian: radius `round(4 sigma)`, normalised.
    #[must_use]
    pub fn gaussian(sigma: f64) -> Vec<f64> {
        let r = (4.0 * sigma).round() as i64;
        let w: Vec<f64> = (-r..=r)
            .map(|x| (-0.5 * (x as f64 / sigma).powi(2)).exp())
            .collect();
        let s: f64 = w.iter().sum();
        w.iter().map(|v| v / s).collect()
    }

    /// Criterion group of a kernel of `taps` taps.
    #[must_use]
    pub fn group(taps: usize) -> String {
        format!("correlate1d_{SIDE}x{SIDE}_{taps}taps")
    }

    /// Function id of one pass along `axis`.
    #[must_use]
    pub fn axis_pass(is_f32: bool, axis: usize) -> String {
        format!("{}_axis{axis}", if is_f32 { "f32" } else { "f64" })
    }

    /// Function id of the two-pass separable Gaussian (f32).
    pub const SEPARABLE: &str = "f32_separable";

    /// Function id of a Sobel derivative along `axis` (f32).
    #[must_use]
    pub fn sobel(axis: usize) -> String {
        format!("f32_axis{axis}")
    }

    /// The Python side of `sobel_2048x2048/f32_axis{axis}`: OpenCV's Sobel (ksize 3,
    /// `BORDER_REFLECT`; axis 1 is `dx`).
    pub(super) fn sobel_python(axis: usize) -> Python {
        Python::new(
            "cv2.Sobel",
            vec![("axis", Param::Int(axis)), ("dtype", dtype(true))],
            vec![img(SIDE, SIDE)],
        )
    }

    pub(super) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        for sigma in SIGMAS {
            let taps = gaussian(sigma).len();
            for axis in AXES {
                for is_f32 in [true, false] {
                    let py = Python::new(
                        "scipy.ndimage.correlate1d",
                        vec![
                            ("gaussian_sigma", Param::Num(sigma)),
                            ("axis", Param::Int(axis)),
                            ("dtype", dtype(is_f32)),
                        ],
                        vec![img(SIDE, SIDE)],
                    );
                    let bytes = 2 * array_bytes(SIDE, SIDE, if is_f32 { 4 } else { 8 });
                    v.push(case(group(taps), axis_pass(is_f32, axis), Some(py)).moving(bytes));
                }
            }
            let py = Python::new(
                "scipy.ndimage.gaussian_filter",
                vec![("sigma", Param::Num(sigma)), ("dtype", dtype(true))],
                vec![img(SIDE, SIDE)],
            );
            v.push(case(group(taps), SEPARABLE, Some(py)).moving(2 * array_bytes(SIDE, SIDE, 4)));
        }
        for axis in AXES {
            v.push(
                case(SOBEL_GROUP, sobel(axis), Some(sobel_python(axis)))
                    .moving(2 * array_bytes(SIDE, SIDE, 4)),
            );
        }
        v
    }
}

/// `benches/filters.rs`: `gaussian_filter`, `sobel`, the skimage gallery's Gabor bank and the
/// direct/FFT crossover of `convolve2d`.
pub mod filters {
    use super::{Case, Param, Python, array_bytes, case, dtype, img};

    /// Image side of the Gaussian and Sobel cases.
    pub const SIDE: usize = 2048;
    /// Criterion group of the Gaussian cases.
    pub const GAUSSIAN_GROUP: &str = "gaussian_filter_2048x2048";
    /// Gaussian sigmas.
    pub const SIGMAS: [f64; 3] = [1.0, 3.0, 10.0];
    /// Image side of the Gabor and `convolve2d` cases.
    pub const SMALL_SIDE: usize = 512;
    /// Criterion group of the Gabor bank cases.
    pub const GABOR_GROUP: &str = "gabor_bank16_512x512";
    /// Function id of the gallery's `compute_kernel_feats` (wrap boundaries).
    pub const GABOR_FEATS: &str = "f64_kernel_feats_wrap";
    /// Function id of the same with kernel spectra planned once (no Python counterpart).
    pub const GABOR_FEATS_PLANNED: &str = "f64_kernel_feats_wrap_planned";
    /// Criterion group of the `convolve2d` crossover cases.
    pub const CONV2D_GROUP: &str = "convolve2d_512x512_f64_reflect";
    /// Square kernel sides of the crossover.
    pub const CONV2D_SIDES: [usize; 5] = [5, 7, 9, 11, 15];
    /// The `filters::sobel` case's axis (group [`super::ndimage::SOBEL_GROUP`]).
    pub const SOBEL_AXIS: usize = 1;

    /// Function id of `gaussian_filter` with `sigma` (`f32_sigma3`, `f64_sigma10`).
    #[must_use]
    pub fn gaussian(is_f32: bool, sigma: f64) -> String {
        format!("{}_sigma{sigma}", if is_f32 { "f32" } else { "f64" })
    }

    /// Function id of a crossover case (`7x7_direct`).
    #[must_use]
    pub fn conv2d(side: usize, method: &str) -> String {
        format!("{side}x{side}_{method}")
    }

    pub(super) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        for sigma in SIGMAS {
            for is_f32 in [true, false] {
                // f32 against the fast peer (OpenCV, scipy's kernel radius, BORDER_REFLECT =
                // scipy's reflect), f64 against scipy.
                let op = if is_f32 {
                    "cv2.GaussianBlur"
                } else {
                    "scipy.ndimage.gaussian_filter"
                };
                let py = Python::new(
                    op,
                    vec![("sigma", Param::Num(sigma)), ("dtype", dtype(is_f32))],
                    vec![img(SIDE, SIDE)],
                );
                let bytes = 2 * array_bytes(SIDE, SIDE, if is_f32 { 4 } else { 8 });
                v.push(case(GAUSSIAN_GROUP, gaussian(is_f32, sigma), Some(py)).moving(bytes));
            }
        }
        v.push(
            case(
                super::ndimage::SOBEL_GROUP,
                super::ndimage::sobel(SOBEL_AXIS),
                Some(super::ndimage::sobel_python(SOBEL_AXIS)),
            )
            .moving(2 * array_bytes(SIDE, SIDE, 4)),
        );
        let py = Python::new(
            "skimage.gabor_bank16_kernel_feats",
            vec![("boundary", Param::Str("wrap"))],
            vec![img(SMALL_SIDE, SMALL_SIDE)],
        );
        v.push(case(GABOR_GROUP, GABOR_FEATS, Some(py)));
        v.push(case(GABOR_GROUP, GABOR_FEATS_PLANNED, None));
        for side in CONV2D_SIDES {
            for method in ["direct", "fft"] {
                v.push(case(CONV2D_GROUP, conv2d(side, method), None));
            }
        }
        v
    }
}

/// `benches/features1d.rs`: the tutorial's Gabor-bank features and the MiniRocket transform.
pub mod features1d {
    use super::{Case, Input, Param, Python, case, img};

    /// Criterion group of every case.
    pub const GROUP: &str = "features1d";
    /// Signals x samples of the Gabor-bank case.
    pub const GABOR_SHAPE: (usize, usize) = (660, 1000);
    /// Samples per unit of the filters' time axis.
    pub const GABOR_SAMPLE_RATE: f64 = 25.0;
    /// UCR sets whose test split MiniRocket transforms.
    pub const MINIROCKET_SETS: [&str; 2] = ["GunPoint", "ItalyPowerDemand"];

    /// Function id of the Gabor-bank case.
    #[must_use]
    pub fn gabor_bank() -> String {
        format!("gabor_bank_{}x{}_9x3", GABOR_SHAPE.0, GABOR_SHAPE.1)
    }

    /// Function id of MiniRocket on `set`'s test split.
    #[must_use]
    pub fn minirocket(set: &str) -> String {
        format!("minirocket_transform_{set}_test")
    }

    pub(super) fn cases() -> Vec<Case> {
        let py = Python::new(
            "numpy.gabor_bank_loop",
            vec![("sample_rate", Param::Num(GABOR_SAMPLE_RATE))],
            vec![img(GABOR_SHAPE.0, GABOR_SHAPE.1)],
        );
        let mut v = vec![case(GROUP, gabor_bank(), Some(py))];
        for set in MINIROCKET_SETS {
            let split = |test| Input::Ucr { name: set, test };
            let py = Python::new(
                "aeon.minirocket_transform",
                vec![("random_state", Param::Int(0))],
                vec![split(false), split(true)],
            );
            v.push(case(GROUP, minirocket(set), Some(py)));
        }
        v
    }
}

/// `benches/speech.rs`: librosa's mel spectrogram and MFCC (its defaults: `n_fft` 2048, hop
/// 512, 128 mels, 20 coefficients) of 30 s of 22.05 kHz `f32` noise.
pub mod speech {
    use super::{Case, Param, Python, case, dtype, sig};

    /// Criterion group of every case.
    pub const GROUP: &str = "speech";
    /// Sample rate in Hz.
    pub const SAMPLE_RATE: f64 = 22050.0;
    /// Signal length: 30 s.
    pub const LEN: usize = 30 * 22050;
    /// `(criterion function id, Python op)`.
    pub const CASES: [(&str, &str); 2] = [
        (
            "melspectrogram_30s_22050_f32",
            "librosa.feature.melspectrogram",
        ),
        ("mfcc_30s_22050_f32", "librosa.feature.mfcc"),
    ];

    pub(super) fn cases() -> Vec<Case> {
        CASES
            .iter()
            .map(|&(id, op)| {
                let py = Python::new(
                    op,
                    vec![("sr", Param::Num(SAMPLE_RATE)), ("dtype", dtype(true))],
                    vec![sig(LEN)],
                );
                case(GROUP, id, Some(py))
            })
            .collect()
    }
}

/// `benches/reduce.rs`: PCA(50) and LDA (10 classes) on 10000 x 784 standard-normal data.
pub mod reduce {
    use super::{Case, Param, Python, case, img};

    /// Criterion group of every case.
    pub const GROUP: &str = "reduce";
    /// Samples x features.
    pub const SHAPE: (usize, usize) = (10_000, 784);
    /// Components kept by PCA.
    pub const PCA_COMPONENTS: usize = 50;
    /// Classes of LDA's labels (`y = arange(n) % 10`).
    pub const LDA_CLASSES: usize = 10;

    /// An extra `(name, value)` parameter of a case's Python side.
    type Extra = Option<(&'static str, &'static str)>;

    /// `(what, Python op, extra parameter)` of each case, in run order.
    const CASES: [(&str, &str, Extra); 4] = [
        ("pca50_fit", "sklearn.pca_fit", None),
        ("pca50_fit_transform", "sklearn.pca_fit_transform", None),
        (
            "pca50_randomized_fit",
            "sklearn.pca_fit",
            Some(("svd_solver", "randomized")),
        ),
        ("lda10_fit", "sklearn.lda_fit", None),
    ];

    /// Function id of `what` (`pca50_fit`, `pca50_fit_transform`, `pca50_randomized_fit`,
    /// `lda10_fit`) on the data.
    #[must_use]
    pub fn id(what: &str) -> String {
        format!("{what}_{}x{}", SHAPE.0, SHAPE.1)
    }

    pub(super) fn cases() -> Vec<Case> {
        CASES
            .iter()
            .map(|&(what, op, extra)| {
                let mut params = if what.starts_with("lda") {
                    vec![("n_classes", Param::Int(LDA_CLASSES))]
                } else {
                    vec![("n_components", Param::Int(PCA_COMPONENTS))]
                };
                if let Some((k, value)) = extra {
                    params.push((k, Param::Str(value)));
                }
                let py = Python::new(op, params, vec![img(SHAPE.0, SHAPE.1)]);
                case(GROUP, id(what), Some(py))
            })
            .collect()
    }
}

/// `benches/learn.rs`: leave-one-out of each classifier on 660 x 27 seeded blobs.
pub mod learn {
    use super::{Case, Param, Python, case};

    /// The id prefix (criterion's group part of `loo_660x27/<estimator>`).
    pub const GROUP: &str = "loo_660x27";
    /// Estimators, by the name both sides use.
    pub const ESTIMATORS: [&str; 6] = [
        "knn1",
        "logistic",
        "svc_linear",
        "svc_rbf",
        "ridge_cv",
        "nearest_centroid",
    ];

    /// Criterion id of `estimator`.
    #[must_use]
    pub fn id(estimator: &str) -> String {
        format!("{GROUP}/{estimator}")
    }

    pub(super) fn cases() -> Vec<Case> {
        ESTIMATORS
            .iter()
            .map(|&e| {
                let mut py = Python::new("sklearn.loo", vec![("estimator", Param::Str(e))], vec![]);
                // compare.py draws learn_loo.py's blobs, the same generator as benches/learn.rs.
                py.size = Some("660x27, 6 classes");
                case(GROUP, e, Some(py))
            })
            .collect()
    }
}

/// SURF, HOG, k-means and the bag-of-words encodings (`benches/benches/images.rs`).
pub mod images {
    use super::{Case, Input, Param, Python, case, dtype, img};

    /// Criterion group of the image features.
    pub const FEATURES_GROUP: &str = "features2d";
    /// The image SURF detects and describes on.
    pub const SURF_IMAGE: &str = "camera.png";
    /// SURF detect + describe on the camera image, mahotas' defaults.
    pub const SURF: &str = "surf_camera_512x512";
    /// Dense SURF over the 200 upscaled lfw images.
    pub const DENSE_SURF: &str = "dense_surf_lfw200_100x100_spacing4";
    /// Spacing of [`DENSE_SURF`] (scale `sqrt(spacing)`, mahotas' default).
    pub const DENSE_SPACING: usize = 4;
    /// HOG with skimage's defaults of a 512x512 image.
    pub const HOG: &str = "hog_512x512";
    /// Side of the HOG image.
    pub const HOG_SIDE: usize = 512;

    /// Criterion group of the clustering and encodings.
    pub const BOVW_GROUP: &str = "bovw";
    /// Descriptors k-means clusters: `KMEANS_SHAPE` standard-normal `f32`.
    pub const KMEANS_SHAPE: (usize, usize) = (100_000, 64);
    /// Clusters (the first rows are the initial centres).
    pub const KMEANS_K: usize = 100;
    /// Lloyd iterations from those centres (`tol = 0`: all of them run).
    pub const KMEANS_ITER: usize = 20;
    /// k-means `KMEANS_ITER` Lloyd iterations.
    pub const KMEANS: &str = "kmeans_k100_100000x64_f32_20iter";
    /// The same with Hamerly's bounds (`KMeansAlgorithm::Elkan`: same labels and centres), beside
    /// sklearn's fastest (`lloyd`).
    pub const KMEANS_ELKAN: &str = "kmeans_elkan_k100_100000x64_f32_20iter";
    /// k-means++ seeding (sklearn's greedy variant).
    pub const KMEANS_PP: &str = "kmeans_plusplus_k100_100000x64_f32";
    /// Descriptors encoded by VLAD and Fisher.
    pub const ENCODE_SHAPE: (usize, usize) = (10_000, 64);
    /// Words (VLAD) or Gaussians (Fisher), the rows of a second draw.
    pub const ENCODE_K: usize = 64;
    /// VLAD of `ENCODE_SHAPE` descriptors with `ENCODE_K` words (L2-normalised, VLFeat's default).
    pub const VLAD: &str = "vlad_10000x64_k64";
    /// Improved Fisher vector of the same descriptors, unit variances and equal weights.
    pub const FISHER: &str = "fisher_10000x64_k64";

    /// The centres of the encodings: `ENCODE_K x 64` from the seed after the descriptors'.
    #[must_use]
    pub fn encode_centres() -> Input {
        Input::Image {
            rows: ENCODE_K,
            cols: ENCODE_SHAPE.1,
            seed: crate::SEED + 1,
        }
    }

    pub(super) fn cases() -> Vec<Case> {
        let camera = Input::Shipped { name: SURF_IMAGE };
        let kmeans_x = img(KMEANS_SHAPE.0, KMEANS_SHAPE.1);
        let encode_x = img(ENCODE_SHAPE.0, ENCODE_SHAPE.1);
        // Lloyd and Hamerly-bounded runs are both timed beside sklearn's fastest, `lloyd`.
        let sklearn_kmeans = || {
            Python::new(
                "sklearn.kmeans",
                vec![
                    ("n_clusters", Param::Int(KMEANS_K)),
                    ("max_iter", Param::Int(KMEANS_ITER)),
                    ("dtype", dtype(true)),
                ],
                vec![kmeans_x.clone()],
            )
        };
        vec![
            case(
                FEATURES_GROUP,
                SURF,
                Some(Python::new("mahotas.surf", vec![], vec![camera])),
            ),
            case(
                FEATURES_GROUP,
                DENSE_SURF,
                Some(Python::new(
                    "mahotas.surf.dense",
                    vec![("spacing", Param::Int(DENSE_SPACING))],
                    vec![Input::Lfw],
                )),
            ),
            case(
                FEATURES_GROUP,
                HOG,
                Some(Python::new(
                    "skimage.hog",
                    vec![],
                    vec![img(HOG_SIDE, HOG_SIDE)],
                )),
            ),
            case(BOVW_GROUP, KMEANS, Some(sklearn_kmeans())),
            case(BOVW_GROUP, KMEANS_ELKAN, Some(sklearn_kmeans())),
            case(
                BOVW_GROUP,
                KMEANS_PP,
                Some(Python::new(
                    "sklearn.kmeans_plusplus",
                    vec![("n_clusters", Param::Int(KMEANS_K)), ("dtype", dtype(true))],
                    vec![kmeans_x],
                )),
            ),
            case(
                BOVW_GROUP,
                VLAD,
                Some(Python::new(
                    "numpy.vlad",
                    vec![],
                    vec![encode_x.clone(), encode_centres()],
                )),
            ),
            case(
                BOVW_GROUP,
                FISHER,
                Some(Python::new(
                    "numpy.fisher",
                    vec![],
                    vec![encode_x, encode_centres()],
                )),
            ),
        ]
    }
}

/// Audio decoding (`benches/benches/audio.rs`): a voice set's worth of short WAVs.
pub mod audio {
    use super::{Case, Input, Python, case};

    /// Criterion group.
    pub const GROUP: &str = "audio";
    /// Files in the folder (about six voices of a hundred words).
    pub const FILES: usize = 600;
    /// Frames per file: half a second at [`RATE`].
    pub const FRAMES: usize = 4000;
    /// Sample rate of the files (the recorded voices' 8 kHz, 16-bit mono).
    pub const RATE: u32 = 8000;
    /// `datasets::read_audio::<f32>` of every file, one after another, beside
    /// `soundfile.read(f, dtype="float32")` of every file.
    pub const READ: &str = "read_audio_600_wav_8k_16bit_f32";
    /// The same files loaded by `SpeechDataset::load` (rayon over files), beside
    /// `scipy.io.wavfile.read` of every file scaled to `float32` (single-threaded, the fastest
    /// Python WAV reader).
    pub const LOAD_PARALLEL: &str = "speech_load_600_wav_8k_16bit_f32_rayon";

    /// The folder both sides read.
    #[must_use]
    pub fn folder() -> Input {
        Input::WavFolder {
            files: FILES,
            frames: FRAMES,
            rate: RATE,
            seed: crate::SEED,
        }
    }

    pub(super) fn cases() -> Vec<Case> {
        vec![
            case(
                GROUP,
                READ,
                Some(Python::new("soundfile.read_folder", vec![], vec![folder()])),
            ),
            case(
                GROUP,
                LOAD_PARALLEL,
                Some(Python::new(
                    "scipy.io.wavfile.read_folder",
                    vec![],
                    vec![folder()],
                )),
            ),
        ]
    }
}

/// The CNNs (`benches/benches/cnn.rs`): one training step of the tutorial's MNIST network and
/// EfficientNet-Lite0 features of the lfw images, beside Keras 3 on JAX (CPU).
pub mod cnn {
    use super::{Case, Input, Param, Python, case};

    /// Criterion group.
    pub const GROUP: &str = "cnn";
    /// Images of the training step: one batch of the tutorial's `batch_size=512`.
    pub const MNIST_BATCH: usize = 512;
    /// One Adam step (forward, backward, update) of `MnistCnnConfig::default()` on the first
    /// [`MNIST_BATCH`] MNIST training images, beside Keras' `train_on_batch`.
    pub const MNIST_TRAIN_STEP: &str = "mnist_train_step_512";
    /// Images per forward pass of the features.
    pub const FEATURES_BATCH: usize = 16;
    /// `EfficientNetLite0::features` of the 200 upscaled lfw images (resized to 224 x 224, grey
    /// repeated to RGB), beside Keras' `EfficientNetB0` (the same size and cost) on the same
    /// images.
    pub const EFFICIENTNET_FEATURES: &str = "efficientnet_features_200";

    pub(super) fn cases() -> Vec<Case> {
        let mut mnist = Python::new(
            "keras.mnist_train_step",
            vec![],
            vec![
                Input::MnistImages { n: MNIST_BATCH },
                Input::MnistLabels { n: MNIST_BATCH },
            ],
        );
        // The labels need no column of their own.
        mnist.size = Some("512 MNIST images 28x28");
        let mut features = Python::new(
            "keras.efficientnetb0_features",
            vec![("batch_size", Param::Int(FEATURES_BATCH))],
            vec![Input::Lfw],
        );
        features.size = Some("200 lfw images 100x100 -> 224x224x3");
        vec![
            case(GROUP, MNIST_TRAIN_STEP, Some(mnist)),
            case(GROUP, EFFICIENTNET_FEATURES, Some(features)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_criterion_ids() {
        let ids: Vec<String> = all().iter().map(Case::id).collect();
        for id in [
            "convolve_1e6x1001/oa",
            "rfft/raw_realfft_1000003",
            "rfft2/sigfeat_2048x2048",
            "rfft2/sigfeat_col_major_2048x2048",
            "correlate1d_2048x2048_25taps/f32_axis1",
            "correlate1d_2048x2048_81taps/f32_separable",
            "gaussian_filter_2048x2048/f64_sigma10",
            "gaussian_filter_2048x2048/f32_sigma1",
            "sobel_2048x2048/f32_axis1",
            "gabor_bank16_512x512/f64_kernel_feats_wrap",
            "gabor_bank16_512x512/f64_kernel_feats_wrap_planned",
            "convolve2d_512x512_f64_reflect/15x15_fft",
            "features1d/gabor_bank_660x1000_9x3",
            "features1d/minirocket_transform_ItalyPowerDemand_test",
            "speech/melspectrogram_30s_22050_f32",
            "speech/mfcc_30s_22050_f32",
            "reduce/pca50_randomized_fit_10000x784",
            "reduce/lda10_fit_10000x784",
            "loo_660x27/nearest_centroid",
            "features2d/surf_camera_512x512",
            "features2d/dense_surf_lfw200_100x100_spacing4",
            "features2d/hog_512x512",
            "bovw/kmeans_k100_100000x64_f32_20iter",
            "bovw/kmeans_plusplus_k100_100000x64_f32",
            "bovw/vlad_10000x64_k64",
            "bovw/fisher_10000x64_k64",
            "audio/read_audio_600_wav_8k_16bit_f32",
            "audio/speech_load_600_wav_8k_16bit_f32_rayon",
            "cnn/mnist_train_step_512",
            "cnn/efficientnet_features_200",
            "memory/copy_2048x2048_f64",
        ] {
            assert!(ids.iter().any(|i| i == id), "{id} missing");
        }
    }

    #[test]
    fn only_the_rust_variants_without_a_python_call_are_rust_only() {
        let rust_only: Vec<String> = all().iter().filter(|c| c.rust_only).map(Case::id).collect();
        assert_eq!(
            rust_only,
            [
                "rfft/raw_realfft_1048576",
                "rfft/raw_realfft_1000000",
                "rfft/raw_realfft_1000003",
                "rfft2/sigfeat_into_2048x2048",
                "rfft2/sigfeat_col_major_2048x2048",
            ]
        );
    }

    #[test]
    fn python_sides() {
        let c = find("convolve_1e6x1001/oa")
            .and_then(|c| c.python)
            .expect("mapped");
        assert_eq!(c.op, "scipy.signal.oaconvolve");
        assert_eq!(
            c.inputs[1],
            Input::Signal {
                n: 1001,
                seed: crate::SEED + 1
            }
        );
        assert_eq!(c.size(), "1000000 * 1001");
        let c = find("correlate1d_2048x2048_25taps/f32_axis1")
            .and_then(|c| c.python)
            .expect("mapped");
        assert_eq!(
            c.params,
            vec![
                ("gaussian_sigma", Param::Num(3.0)),
                ("axis", Param::Int(1)),
                ("dtype", Param::Str("f32"))
            ]
        );
        let c = find("gaussian_filter_2048x2048/f64_sigma10")
            .and_then(|c| c.python)
            .expect("mapped");
        assert_eq!(c.op, "scipy.ndimage.gaussian_filter");
        assert_eq!(c.size(), "2048x2048");
        assert_eq!(
            find("loo_660x27/svc_rbf")
                .and_then(|c| c.python)
                .map(|p| p.size()),
            Some("660x27, 6 classes".to_string())
        );
        assert!(
            find("convolve2d_512x512_f64_reflect/5x5_direct").is_some_and(|c| c.python.is_none())
        );
        let c = find("audio/read_audio_600_wav_8k_16bit_f32")
            .and_then(|c| c.python)
            .expect("mapped");
        assert_eq!(c.op, "soundfile.read_folder");
        assert_eq!(c.size(), "600 WAVs of 4000 frames at 8000 Hz");
        let c = find("cnn/mnist_train_step_512")
            .and_then(|c| c.python)
            .expect("mapped");
        assert_eq!(c.op, "keras.mnist_train_step");
        assert_eq!(
            c.inputs,
            vec![Input::MnistImages { n: 512 }, Input::MnistLabels { n: 512 }]
        );
        let c = find("cnn/efficientnet_features_200")
            .and_then(|c| c.python)
            .expect("mapped");
        assert_eq!(c.op, "keras.efficientnetb0_features");
        assert_eq!(c.params, vec![("batch_size", Param::Int(16))]);
        assert_eq!(c.inputs, vec![Input::Lfw]);
        assert!(find("nothing/here").is_none());
        // Memory-bound cases carry the bytes they must move; the copy that measures the
        // bandwidth moves 2 x 32 MiB.
        assert_eq!(
            find("memory/copy_2048x2048_f64").and_then(|c| c.bytes),
            Some(2 * 2048 * 2048 * 8)
        );
        assert_eq!(
            find("gaussian_filter_2048x2048/f32_sigma1").and_then(|c| c.bytes),
            Some(2 * 2048 * 2048 * 4)
        );
        assert_eq!(
            find("rfft2/sigfeat_2048x2048").and_then(|c| c.bytes),
            Some(2048 * 2048 * 8 + 2048 * 1025 * 16)
        );
        assert!(find("cnn/mnist_train_step_512").is_some_and(|c| c.bytes.is_none()));
    }
}
