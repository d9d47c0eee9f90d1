//! # sigfeat-features-2d
//!
//! 2-D features of images:
//!
//! - Patches: [`get_patch`] (the patch around a location, the tutorial's name),
//!   [`view_as_windows`] (every patch on a grid, as `skimage.util.view_as_windows`) and
//!   [`tiles`] (non-overlapping tiles).
//! - Texture recognition: [`match_features`], the closest reference features as in
//!   scikit-image's Gabor texture gallery.
//!
//! - Histograms of oriented gradients: [`hog`] and [`hog_blocks`], equal to
//!   `skimage.feature.hog` with [`HogParams`].
//!
//! Dense local features and SURF arrive with the image issue. Bad input gives an
//! [`Error`], never a panic.
#![deny(missing_docs)]

mod draw;
mod error;
mod hog;
mod patch;
mod surf;
pub mod synthetic;
mod texture;

pub use draw::{DARK_BLOB_COLOUR, LIGHT_BLOB_COLOUR, draw_keypoints};
pub use error::{Error, Result};
pub use hog::{BlockNorm, HogParams, HogValidParams, hog, hog_blocks};
pub use patch::{get_patch, tiles, view_as_windows};
pub use surf::dense::{dense_surf, dense_surf_batch};
pub use surf::{
    IntegralImage, Keypoint, Subpixel, Surf, SurfParams, SurfValidParams, surf, surf_integral,
};
pub use texture::match_features;
