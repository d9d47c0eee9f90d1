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
//!   `skimage.feature.hog` with [`HogParams`]; [`hog_batch`] for many images.
//! - Dense local Gabor features: [`compute_local_kernel_feats`] (the tutorial's name), Gabor
//!   magnitudes pooled on a grid of locations and scales ([`LocalGaborParams`]).
//!
//! - SURF ([`surf`], [`SurfParams`]): fast-Hessian keypoints, orientations and 64/128-d
//!   descriptors as `mahotas.features.surf.surf` (a port of dlib's, compared with it in
//!   `tests/`); [`dense_surf`] / [`dense_surf_batch`] as `mahotas.features.surf.dense`;
//!   [`IntegralImage`]; [`draw_keypoints`] for figures; [`synthetic`] test images.
//!
//! Bad input gives an [`Error`], never a panic.
#![deny(missing_docs)]

mod draw;
mod error;
mod hog;
mod local;
mod patch;
mod surf;
pub mod synthetic;
mod texture;

pub use draw::{DARK_BLOB_COLOUR, LIGHT_BLOB_COLOUR, draw_keypoints};
pub use error::{Error, Result};
pub use hog::{BlockNorm, HogParams, HogValidParams, hog, hog_batch, hog_blocks};
pub use local::{
    LocalFeatures, LocalGaborParams, compute_local_kernel_feats, compute_local_kernel_feats_batch,
};
pub use patch::{get_patch, tiles, view_as_windows};
pub use surf::dense::{dense_surf, dense_surf_batch};
pub use surf::{
    IntegralImage, Keypoint, Subpixel, Surf, SurfParams, SurfValidParams, surf, surf_integral,
};
pub use texture::match_features;
