//! # sigfeat-datasets
//!
//! sigfeat's I/O layer: file formats and data-set loaders into `ndarray`,
//! together with the data the project ships under `datasets/`.
//!
//! - Images ([`read_gray`], [`read_rgb_u8`], [`write_png_gray`], ...): PNG and
//!   JPEG through the `image` crate, in skimage's layouts and value ranges.
//! - Image folders ([`ImageFolder`]): one sub-folder per class.
//! - Shipped data: [`shipped_image`] finds the images under `datasets/images/`
//!   (their origin and licences are in `datasets/images/PROVENANCE.txt`).
//! - UCR time series ([`load_ucr`], [`read_ts`], [`read_ucr_text`]): the sktime/aeon `.ts`
//!   and UCR archive text formats; [`bundled_ucr`] reads the six sets shipped under
//!   `datasets/ucr/` ([`BUNDLED_UCR`]; provenance in `datasets/ucr/PROVENANCE.txt`).
//! - Series of unequal length into a matrix ([`pad`], [`truncate`], [`resample`], with
//!   [`max_length`] / [`min_length`]): aeon's `Padder`, `Truncator` and `Resizer`.
#![deny(missing_docs)]

mod error;
mod folder;
mod image_io;
mod length;
mod ucr;

pub use error::{Error, Result};
pub use folder::ImageFolder;
pub use image_io::{
    read_gray, read_gray_u8, read_rgb, read_rgb_u8, write_png_gray, write_png_gray_float,
    write_png_rgb,
};
pub use length::{max_length, min_length, pad, resample, truncate};
pub use ucr::{
    BUNDLED_UCR, LabelledSeries, Split, UcrDataset, bundled_ucr, load_ucr, read_ts, read_ucr_text,
};

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
