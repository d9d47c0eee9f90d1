//! Data sets shipped under `datasets/` (LFW faces, a Fashion-MNIST pair, speech recordings)
//! and the system copy of Fashion-MNIST.

use std::path::{Path, PathBuf};

use ndarray::Array3;

use crate::idx::{check_counts, read_idx_images, read_idx_labels};
use crate::{CsvOptions, Error, Result, SpeechDataset};

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
