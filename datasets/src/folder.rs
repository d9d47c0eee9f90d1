//! Image data sets stored as one folder per class (`root/<class>/<image>`), loaded in
//! parallel with a report of the files that fail.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dsp_core::{Float, Progress};
use ndarray::{Array2, Array3};
use rayon::prelude::*;

use crate::{Error, Result, read_gray, read_rgb_u8};

/// What [`ImageFolder::map_gray`] does with a file that cannot be decoded or processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Return an error naming the first failing file in path order (the default: nothing is
    /// dropped silently).
    #[default]
    Fail,
    /// Leave the file out and list it, with the reason, in [`FolderOutput::skipped`].
    Skip,
}

/// Options of [`ImageFolder::map_gray`], [`ImageFolder::load_gray_with`] and
/// [`SpeechDataset::load`](crate::SpeechDataset::load): what to do on a bad file
/// ([`OnError::Fail`] by default) and an optional progress observer.
#[derive(Clone, Default)]
pub struct LoadOptions {
    on_error: OnError,
    progress: Option<Arc<dyn Progress>>,
}

impl std::fmt::Debug for LoadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadOptions")
            .field("on_error", &self.on_error)
            .field("progress", &self.progress.as_ref().map(|_| "dyn Progress"))
            .finish()
    }
}

impl LoadOptions {
    /// The defaults: [`OnError::Fail`], no progress.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// What to do with a file that fails.
    #[must_use]
    pub fn on_error(mut self, on_error: OnError) -> Self {
        self.on_error = on_error;
        self
    }

    /// What to do with a file that fails.
    pub(crate) fn on_error_mode(&self) -> OnError {
        self.on_error
    }

    /// The progress observer, if any.
    pub(crate) fn observer(&self) -> Option<&dyn Progress> {
        self.progress.as_deref()
    }

    /// An observer told `start("images", n)` (`"audio files"` for speech data sets),
    /// `advance(1)` per file (from worker threads) and `finish()` (also on error).
    #[must_use]
    pub fn progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }
}

/// A file left out by [`OnError::Skip`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why: the decoder's message (which names the file) or the function's error.
    pub reason: String,
}

/// What [`ImageFolder::map_gray`] returns: one entry per file that succeeded, in the order of
/// [`ImageFolder::paths`] whatever the number of threads, and the files left out.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderOutput<R> {
    /// The results, in path order.
    pub items: Vec<R>,
    /// The class label of each item.
    pub labels: Vec<usize>,
    /// The file of each item.
    pub paths: Vec<PathBuf>,
    /// Files left out ([`OnError::Skip`] only; empty with [`OnError::Fail`]).
    pub skipped: Vec<Skipped>,
}

/// Why one file failed: the reader's typed error or the applied function's message.
enum Failure {
    Read(Error),
    Apply(String),
}

impl Failure {
    /// The error [`OnError::Fail`] returns for the file at `path`.
    fn into_error(self, path: &Path) -> Error {
        match self {
            Failure::Read(e) => e,
            Failure::Apply(reason) => Error::Item {
                path: path.to_path_buf(),
                reason,
            },
        }
    }

    /// The reason [`OnError::Skip`] lists.
    fn reason(self) -> String {
        match self {
            Failure::Read(e) => e.to_string(),
            Failure::Apply(m) => m,
        }
    }
}

/// What [`map_paths`] returns: the successes with their index, and the files left out.
pub(crate) type Settled<R> = (Vec<(usize, R)>, Vec<Skipped>);

/// The loop every folder loader shares: `f` on each of `paths` in parallel (rayon, one `init()`
/// state per worker, e.g. a planned resampler), `progress` told `start(what, n)`, `advance(1)`
/// per file and `finish()`; then the outcomes settled by `mode`. Returns the successes with
/// their index in `paths` (in path order whatever the number of threads) and the files left
/// out ([`OnError::Skip`]).
///
/// # Errors
/// With [`OnError::Fail`]: the first failure in path order, as `fail(failure, path)`; every
/// file is still tried first.
#[allow(clippy::too_many_arguments)]
pub(crate) fn map_paths<S, R, E>(
    paths: &[PathBuf],
    progress: Option<&dyn Progress>,
    what: &str,
    mode: OnError,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &Path) -> std::result::Result<R, E> + Sync + Send,
    fail: impl Fn(E, &Path) -> Error,
    reason: impl Fn(E) -> String,
) -> Result<Settled<R>>
where
    R: Send,
    E: Send,
{
    if let Some(p) = progress {
        p.start(what, paths.len() as u64);
    }
    let results: Vec<std::result::Result<R, E>> = paths
        .par_iter()
        .map_init(init, |state, path| {
            let r = f(state, path);
            if let Some(p) = progress {
                p.advance(1);
            }
            r
        })
        .collect();
    if let Some(p) = progress {
        p.finish();
    }
    let mut ok = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for (i, (r, path)) in results.into_iter().zip(paths).enumerate() {
        match (r, mode) {
            (Ok(item), _) => ok.push((i, item)),
            (Err(e), OnError::Fail) => return Err(fail(e, path)),
            (Err(e), OnError::Skip) => skipped.push(Skipped {
                path: path.clone(),
                reason: reason(e),
            }),
        }
    }
    Ok((ok, skipped))
}

/// The file list of an image data set laid out one folder per class, like
/// `torchvision.datasets.ImageFolder`.
///
/// Classes are the sub-folders of the root in name order (label `i` is
/// `class_names[i]`); images are the `.png`, `.jpg`, `.jpeg`, `.tif`, `.tiff` and `.bmp`
/// files (case-insensitive) of each class folder, in name order. Other files and
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
                    detail: "class folder holds no .png/.jpg/.jpeg/.tif/.tiff/.bmp image".into(),
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

    /// Every image as a grey float image in `[0, 1]` (see [`read_gray`]), decoded in parallel;
    /// [`ImageFolder::map_gray`] with the identity.
    ///
    /// # Errors
    /// As [`ImageFolder::map_gray`].
    pub fn load_gray_with<T: Float>(
        &self,
        options: &LoadOptions,
    ) -> Result<FolderOutput<Array2<T>>> {
        self.map_gray(options, Ok::<_, std::convert::Infallible>)
    }

    /// Decodes each image as grey in `[0, 1]` (see [`read_gray`]) and applies `f` to it, in
    /// parallel over files (rayon), e.g. descriptor extraction. The torchvision
    /// `ImageFolder` + `transform` loop.
    ///
    /// Outputs follow [`ImageFolder::paths`] whatever the number of threads. A file whose
    /// decoding fails, or for which `f` returns an error, is either reported
    /// ([`OnError::Fail`]: every file is still processed, then the first failure in path order
    /// is returned) or left out and listed in [`FolderOutput::skipped`] ([`OnError::Skip`]).
    ///
    /// # Errors
    /// With [`OnError::Fail`]: the reader's error for the first file that fails to decode
    /// ([`Error::Truncated`], [`Error::Corrupt`], [`Error::UnknownFormat`], [`Error::Io`]...,
    /// each naming the file), or [`Error::Item`] with the file and `f`'s message.
    pub fn map_gray<T, R, E, F>(&self, options: &LoadOptions, f: F) -> Result<FolderOutput<R>>
    where
        T: Float,
        R: Send,
        E: std::fmt::Display,
        F: Fn(Array2<T>) -> std::result::Result<R, E> + Sync,
    {
        let (ok, skipped) = map_paths(
            &self.paths,
            options.observer(),
            "images",
            options.on_error,
            || (),
            |_, path| {
                read_gray::<T>(path)
                    .map_err(Failure::Read)
                    .and_then(|img| f(img).map_err(|e| Failure::Apply(e.to_string())))
            },
            Failure::into_error,
            Failure::reason,
        )?;
        let mut out = FolderOutput {
            items: Vec::with_capacity(ok.len()),
            labels: Vec::with_capacity(ok.len()),
            paths: Vec::with_capacity(ok.len()),
            skipped,
        };
        for (i, item) in ok {
            out.items.push(item);
            out.labels.push(self.labels[i]);
            out.paths.push(self.paths[i].clone());
        }
        Ok(out)
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
        .is_some_and(|e| matches!(e.as_str(), "png" | "jpg" | "jpeg" | "tif" | "tiff" | "bmp"))
}
