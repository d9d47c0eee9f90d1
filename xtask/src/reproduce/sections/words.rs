//! Glue the two visual-word sections share: the labelled image tasks (the lfw faces/non-faces
//! subset, Fashion-MNIST shirt vs T-shirt/top, a user's folder per class) prepared at a size the
//! descriptors' windows fit, and one row of the four classifiers' leave-one-out accuracies.

use std::path::Path;

use anyhow::{Context, Result, ensure};
use ndarray::{Array2, ArrayView2, Axis};
use sigfeat::datasets::{ImageFolder, LoadOptions, OnError};
use sigfeat::learn::{KnnParams, LogisticRegressionParams, SvcParams, ValidationOptions};

use super::common::{CLASSIFIERS, Reduction, loo_accuracy};
use crate::reproduce::{Ctx, Measured, timed};

/// The tutorial's leave-one-out accuracies on its cats and dogs (SURF, 100 words, histograms), by
/// classifier key: 1-NN 59%, logistic 64%, RBF SVM 56%, linear SVM 63%.
pub(super) const TUTORIAL_CATS_DOGS: [(&str, f64); 4] = [
    ("1nn", 0.59),
    ("logistic", 0.64),
    ("rbf-svm", 0.56),
    ("linear-svm", 0.63),
];

/// Upscaling factor of the small images (lfw 25x25, Fashion-MNIST 28x28): SURF's descriptor
/// window is 20 scales wide, so a 25-pixel image holds none at a useful scale.
pub(super) const UPSCALE: f64 = 4.0;

/// A labelled two-or-more-class image set, ready for descriptors.
pub(super) struct Task {
    /// Key in `results.json` names (`lfw`, `fashion`, `photos`).
    pub key: &'static str,
    /// Name in tables.
    pub label: String,
    /// Grey images in `[0, 1]`.
    pub images: Vec<Array2<f64>>,
    /// Class of each image.
    pub y: Vec<usize>,
    /// Class names, by label.
    pub class_names: Vec<String>,
    /// How the images were prepared, for the report.
    pub how: String,
}

impl Task {
    /// `"100 faces, 100 non-faces"`.
    pub fn per_class(&self) -> String {
        self.class_names
            .iter()
            .enumerate()
            .map(|(c, name)| format!("{} {name}", self.y.iter().filter(|&&l| l == c).count()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The images as views, for the batch extractors.
    pub fn views(&self) -> Vec<ArrayView2<'_, f64>> {
        self.images.iter().map(Array2::view).collect()
    }
}

/// `n_per_class` images of each class, the first ones in order (both classes of the shipped sets
/// are contiguous, so this keeps the classes balanced).
fn first_per_class(y: &[usize], n_classes: usize, n_per_class: usize) -> Vec<usize> {
    let mut taken = vec![0; n_classes];
    let mut keep = Vec::new();
    for (i, &l) in y.iter().enumerate() {
        if taken[l] < n_per_class {
            taken[l] += 1;
            keep.push(i);
        }
    }
    keep
}

/// skimage's `lfw_subset` (shipped in `datasets/lfw`), each 25x25 image upscaled 4x to 100x100.
pub(super) fn lfw(quick: bool) -> Result<Task> {
    let (faces, labels) = sigfeat::datasets::bundled_lfw_subset().context("lfw subset")?;
    let keep = first_per_class(&labels, 2, if quick { 30 } else { 100 });
    let mut images = Vec::with_capacity(keep.len());
    for &i in &keep {
        images.push(sigfeat::filters::rescale(
            faces.index_axis(Axis(0), i),
            UPSCALE,
        )?);
    }
    Ok(Task {
        key: "lfw",
        label: "lfw faces / non-faces".into(),
        images,
        y: keep.iter().map(|&i| labels[i]).collect(),
        // bundled_lfw_subset: label 1 is a face, 0 a non-face patch.
        class_names: vec!["non-faces".into(), "faces".into()],
        how: format!(
            "scikit-image's lfw_subset (25x25 grey), each image upscaled {UPSCALE}x to 100x100 by bilinear \
             interpolation (filters::rescale, equal to skimage.transform.rescale(order=1))"
        ),
    })
}

/// The shipped Fashion-MNIST pair (T-shirt/top vs shirt, test set), 28x28 upscaled 4x to 112x112.
pub(super) fn fashion(quick: bool) -> Result<Task> {
    let (pixels, labels) =
        sigfeat::datasets::bundled_fashion_mnist_pair().context("Fashion-MNIST subset")?;
    // Original labels 0 (T-shirt/top) and 6 (shirt) -> 0 and 1.
    let y01: Vec<usize> = labels.iter().map(|&l| usize::from(l != 0)).collect();
    // 100 of each class (of the 300 shipped): the linear SVM's SMO solver on 600 overlapping
    // shirts and T-shirts ran for minutes per leave-one-out.
    let keep = first_per_class(&y01, 2, if quick { 30 } else { 100 });
    let mut images = Vec::with_capacity(keep.len());
    for &i in &keep {
        let img = pixels.index_axis(Axis(0), i).mapv(|v| f64::from(v) / 255.0);
        images.push(sigfeat::filters::rescale(img.view(), UPSCALE)?);
    }
    Ok(Task {
        key: "fashion",
        label: "Fashion-MNIST T-shirt/top vs shirt".into(),
        images,
        y: keep.iter().map(|&i| y01[i]).collect(),
        class_names: vec!["T-shirts/tops".into(), "shirts".into()],
        how: format!(
            "Fashion-MNIST test images of classes 0 and 6 (28x28 grey, shipped in datasets/fashion-mnist), each \
             upscaled {UPSCALE}x to 112x112 by bilinear interpolation"
        ),
    })
}

/// A user's folder per class (`--photos DIR`): every image as grey, resized to `side x side`
/// pixels (HOG's vector length follows the image size, so every image gets one size). Files that
/// fail to decode stop the run naming the file, unless `skip_bad`.
pub(super) fn photos(
    dir: &Path,
    side: usize,
    skip_bad: bool,
    progress: std::sync::Arc<dyn sigfeat::dsp_core::Progress>,
) -> Result<(Task, Vec<String>)> {
    let folder = ImageFolder::open(dir).with_context(|| format!("--photos {}", dir.display()))?;
    let on_error = if skip_bad {
        OnError::Skip
    } else {
        OnError::Fail
    };
    let out = folder
        .map_gray::<f64, _, _, _>(
            &LoadOptions::default().on_error(on_error).progress(progress),
            |img| sigfeat::filters::resize(img.view(), (side, side)),
        )
        .with_context(|| format!("reading the images of {}", dir.display()))?;
    ensure!(
        !out.items.is_empty(),
        "no image of {} could be read",
        dir.display()
    );
    let skipped = out
        .skipped
        .iter()
        .map(|s| {
            // decoders' messages name the file already
            let path = s.path.display().to_string();
            if s.reason.contains(&path) {
                s.reason.clone()
            } else {
                format!("{path}: {}", s.reason)
            }
        })
        .collect();
    Ok((
        Task {
            key: "photos",
            label: format!("photos in {}", dir.display()),
            images: out.items,
            y: out.labels,
            class_names: folder.class_names.clone(),
            how: format!(
                "your folder per class, each image grey and resized (bilinear) to {side}x{side} pixels"
            ),
        },
        skipped,
    ))
}

/// Leave-one-out accuracy of the four classifiers on `x` (standard scaler fitted inside each
/// fold), each recorded as `"<task> <feature> <classifier> loo"`; the tutorial's cat/dog numbers
/// sit beside the rows it has (`tutorial`). Returns the accuracies in [`CLASSIFIERS`] order.
pub(super) fn classify(
    ctx: &mut Ctx<'_>,
    task: &Task,
    feature: &str,
    what: &str,
    x: &Array2<f64>,
    tutorial: bool,
) -> Result<Vec<f64>> {
    let mut row = Vec::new();
    for (key, label) in CLASSIFIERS {
        let step = format!("{} {feature}: {label}", task.key);
        let opts = ValidationOptions::default().progress(ctx.library_progress(&step));
        let pipe = Reduction::None.pipeline();
        let (acc, secs) = timed(|| match key {
            "1nn" => loo_accuracy(&pipe.classifier(KnnParams::new(1)), x, &task.y, opts),
            "logistic" => loo_accuracy(
                &pipe.classifier(LogisticRegressionParams::new(1.0)),
                x,
                &task.y,
                opts,
            ),
            "linear-svm" => loo_accuracy(&pipe.classifier(SvcParams::linear()), x, &task.y, opts),
            _ => loo_accuracy(&pipe.classifier(SvcParams::rbf()), x, &task.y, opts),
        })?;
        let m = Measured {
            name: format!("{} {feature} {key} loo", task.key),
            metric: "leave-one-out accuracy".into(),
            value: acc,
            seconds: secs,
            note: format!(
                "{what} -> standard scaler -> {label}, leave-one-out over {} images ({}).",
                task.y.len(),
                task.per_class()
            ),
        };
        let tv = TUTORIAL_CATS_DOGS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, v)| v)
            .filter(|_| tutorial);
        match tv {
            Some(v) => ctx.record_vs_tutorial(m, v),
            None => ctx.record(m),
        }
        row.push(acc);
    }
    Ok(row)
}

/// A table row: the feature's name, its dimension, then the accuracies as percentages.
pub(super) fn table_row(name: &str, dim: usize, accs: &[f64]) -> Vec<String> {
    let mut row = vec![name.to_string(), dim.to_string()];
    row.extend(accs.iter().map(|a| format!("{:.1}%", 100.0 * a)));
    row
}

/// Header of the tables of [`table_row`]s.
pub(super) fn table_header() -> Vec<&'static str> {
    let mut h = vec!["features", "dimension"];
    h.extend(CLASSIFIERS.iter().map(|&(_, label)| label));
    h
}

/// Descriptor sets stacked into one matrix (for fitting a vocabulary).
pub(super) fn stack(sets: &[ArrayView2<'_, f64>]) -> Result<Array2<f64>> {
    Ok(ndarray::concatenate(Axis(0), sets)?)
}
