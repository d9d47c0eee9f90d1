//! # sigfeat-datasets
//!
//! sigfeat's I/O layer: file formats and data-set loaders into `ndarray`,
//! together with the data the project ships under `datasets/`.
//!
//! - Images ([`read_gray`], [`read_rgb_u8`], [`write_png_gray`], ...): PNG, JPEG, TIFF
//!   and BMP through the `image` crate, in skimage's layouts and value ranges.
//! - Image folders ([`ImageFolder`]): one sub-folder per class, as torchvision's
//!   `ImageFolder`; [`ImageFolder::map_gray`] decodes and processes the files in parallel,
//!   failing on or skipping ([`OnError`], [`LoadOptions`]) the files that do not decode.
//! - IDX, the MNIST format ([`read_idx`], [`read_idx_images`], [`read_idx_labels`],
//!   [`load_mnist_like`], [`read_idx_checked`] against a SHA-256), gzipped or not; the full
//!   MNIST is shipped ([`bundled_mnist`], checked against [`MNIST_SHA256`]).
//! - Pretrained weights: EfficientNet-Lite0 for ImageNet ([`bundled_efficientnet_lite0`],
//!   safetensors, SHA-256-checked) and the class names ([`imagenet_class_names`]).
//! - Shipped data: [`shipped_image`] finds the images under `datasets/images/`
//!   (their origin and licences are in `datasets/images/PROVENANCE.txt`);
//!   [`bundled_lfw_subset`] is skimage's `lfw_subset` (faces / non-faces) and
//!   [`bundled_fashion_mnist_pair`] 600 Fashion-MNIST test images of T-shirts and shirts
//!   (provenance beside each); [`fashion_mnist_system_dir`] finds the full set when the
//!   Debian package `dataset-fashion-mnist` is installed.
//! - UCR time series ([`load_ucr`], [`read_ts`], [`read_ucr_text`]): the sktime/aeon `.ts`
//!   and UCR archive text formats; [`bundled_ucr`] reads the six sets shipped under
//!   `datasets/ucr/` ([`BUNDLED_UCR`]; provenance in `datasets/ucr/PROVENANCE.txt`).
//! - Audio ([`read_audio`], [`load_audio`], [`AudioReader`]): WAV (8/16/24/32-bit PCM,
//!   32/64-bit float), FLAC, Ogg Vorbis and MP3 through symphonia, as `soundfile.read` returns
//!   them (`channels x frames` in `[-1, 1]`), whole or streamed block by block; mixed to mono,
//!   resampled ([`Resampler`], [`resample_audio`]: rubato, librosa's length and alignment) and
//!   peak- or RMS-normalised ([`AudioOptions`]); WAV written by [`write_wav`] (hound).
//! - Speech data sets ([`SpeechDataset`]): recordings listed in a metadata CSV, or voice
//!   folders `<language>_<COUNTRY>_<gender>_<Name>/<word>.wav`, decoded in parallel with
//!   named label columns; [`bundled_speech`] reads the set shipped in `datasets/speech/`.
//! - Series of unequal length into a matrix ([`pad`], [`truncate`], [`resample`], with
//!   [`max_length`] / [`min_length`]): aeon's `Padder`, `Truncator` and `Resizer`.
#![deny(missing_docs)]

mod audio;
mod audio_resample;
mod bundled;
mod error;
mod folder;
mod idx;
mod image_io;
mod length;
mod speech;
mod ucr;
mod wav;

pub use audio::{Audio, AudioOptions, AudioReader, Normalization, load_audio, read_audio};
pub use audio_resample::{Resampler, resample_audio, resampled_len};
pub use bundled::{
    EFFICIENTNET_LITE0_SHA256, FASHION_MNIST_SYSTEM_DIR, MNIST_SHA256, bundled_efficientnet_lite0,
    bundled_fashion_mnist_pair, bundled_lfw_subset, bundled_mnist, bundled_speech,
    fashion_mnist_system_dir, imagenet_class_names,
};
pub use error::{Error, Result};
pub use folder::{FolderOutput, ImageFolder, LoadOptions, OnError, Skipped};
pub use idx::{
    IdxArray, MnistSplit, load_mnist_like, read_idx, read_idx_checked, read_idx_images,
    read_idx_labels,
};
pub use image_io::{
    read_gray, read_gray_u8, read_rgb, read_rgb_u8, write_png_gray, write_png_gray_float,
    write_png_rgb,
};
pub use length::{max_length, min_length, pad, resample, truncate};
pub use speech::{CsvOptions, LabelColumn, SpeechDataset, SpeechOutput};
pub use ucr::{
    BUNDLED_UCR, LabelledSeries, Split, UcrDataset, bundled_ucr, load_ucr, read_ts, read_ucr_text,
};
pub use wav::{WavFormat, write_wav};

/// Path of an image shipped in `datasets/images/` (e.g. `"camera.png"`).
///
/// Shipped images: `camera.png`, `brick.png`, `grass.png`, `gravel.png`
/// (512x512 grey), `chelsea.png` (300x451 RGB cat) and `opencv_building.jpg`
/// (600x868 RGB city building). The path is built from this crate's source
/// location, so it holds wherever the workspace is checked out.
///
/// # Errors
/// [`Error::NotFound`] when no shipped image has that name.
pub fn shipped_image(name: &str) -> Result<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("images")
        .join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::NotFound { path })
    }
}
