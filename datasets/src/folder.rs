//! Image data sets stored as one folder per class (`root/<class>/<image>`).

use std::path::{Path, PathBuf};

use dsp_core::Float;
use ndarray::{Array2, Array3};

use crate::{Error, Result, read_gray, read_rgb_u8};

/// The file list of an image data set laid out one folder per class, like
/// `torchvision.datasets.ImageFolder`.
///
/// Classes are the sub-folders of the root in name order (label `i` is
/// `class_names[i]`); images are the `.png`, `.jpg` and `.jpeg` files
/// (case-insensitive) of each class folder, in name order. Other files and
/// nested folders are ignored. Nothing is decoded until asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFolder {
    /// Class names, sorted; a label indexes this list.
    pub class_names: Vec<String>,
    /// Image file paths, grouped by class.
    pub paths: Vec<PathBuf>,
    /// The class label of each path.
    pub labels: Vec<usize>,
}

impl ImageFolder {
    /// Lists the images under `root`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when `root` does not exist, [`Error::Io`] when it
    /// cannot be read, [`Error::BadLayout`] when it has no class folder or a
    /// class folder holds no image.
    pub fn open(root: impl AsRef<Path>) -> Result<Self> {
        let root = root.as_ref();
        let mut classes: Vec<(String, PathBuf)> = Vec::new();
        for entry in sorted_entries(root)? {
            if entry.is_dir() {
                let name = entry
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                classes.push((name, entry));
            }
        }
        if classes.is_empty() {
            return Err(Error::BadLayout {
                path: root.to_path_buf(),
                detail: "no class sub-folder (expected root/<class>/<image>)".into(),
            });
        }
        let mut out = ImageFolder {
            class_names: Vec::with_capacity(classes.len()),
            paths: Vec::new(),
            labels: Vec::new(),
        };
        for (label, (name, dir)) in classes.into_iter().enumerate() {
            let before = out.paths.len();
            for file in sorted_entries(&dir)? {
                if file.is_file() && is_image(&file) {
                    out.paths.push(file);
                    out.labels.push(label);
                }
            }
            if out.paths.len() == before {
                return Err(Error::BadLayout {
                    path: dir,
                    detail: "class folder holds no .png/.jpg/.jpeg image".into(),
                });
            }
            out.class_names.push(name);
        }
        Ok(out)
    }

    /// Number of images.
    #[must_use]
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether the set holds no image (never true for a set from [`ImageFolder::open`]).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Every image as a grey float image in `[0, 1]` (see [`read_gray`]), in
    /// the order of [`ImageFolder::paths`].
    ///
    /// # Errors
    /// The first error of [`read_gray`].
    pub fn load_gray<T: Float>(&self) -> Result<Vec<Array2<T>>> {
        self.paths.iter().map(read_gray).collect()
    }

    /// Every image as RGB `u8` (see [`read_rgb_u8`]), in the order of [`ImageFolder::paths`].
    ///
    /// # Errors
    /// The first error of [`read_rgb_u8`].
    pub fn load_rgb_u8(&self) -> Result<Vec<Array3<u8>>> {
        self.paths.iter().map(read_rgb_u8).collect()
    }
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v = Vec::new();
    for e in rd {
        v.push(e.map_err(|e| Error::io(dir, e))?.path());
    }
    v.sort();
    Ok(v)
}

fn is_image(p: &Path) -> bool {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "png" | "jpg" | "jpeg"))
}
