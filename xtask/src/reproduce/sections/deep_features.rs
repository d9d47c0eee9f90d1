//! Section 11, "Deep features and PCA": the pooled penultimate features of a pretrained ImageNet
//! network (EfficientNet-Lite0, standing in for the tutorial's VGG16) on the two-class photo
//! tasks of the bag-of-words section, classified by leave-one-out raw and after PCA, beside the
//! best bag-of-visual-words result, and the progressive-PCA curve.

use anyhow::{Context, Result};
use ndarray::{Array2, Array3, ArrayView3};
use sigfeat::cnn::{EfficientNetLite0, cpu};
use sigfeat::datasets::{bundled_efficientnet_lite0, imagenet_class_names, read_rgb_u8};
use sigfeat::learn::{SvcParams, ValidationOptions};
use sigfeat::reduce::{Components, PcaParams};

use super::common::{CLASSIFIERS, Reduction, loo_accuracy};
use super::words::{self, Task, classify, table_header, table_row};
use crate::plot::{Figure, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

/// The tutorial's cats-vs-dogs moment: VGG16 features about 0.98 against its bag of visual
/// words' 0.63 (linear SVM).
const TUTORIAL_DEEP: f64 = 0.98;
const TUTORIAL_BOVW: f64 = 0.63;
/// `(principal components, leave-one-out accuracy)` points of the progressive-PCA curve.
type Curve = Vec<(usize, f64)>;

/// Images per forward pass.
const BATCH: usize = 16;

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("loading EfficientNet-Lite0");
    let device = cpu();
    let weights = bundled_efficientnet_lite0().context("EfficientNet-Lite0 weights")?;
    let net = EfficientNetLite0::load(&weights, &device)
        .with_context(|| format!("loading {}", weights.display()))?;
    sanity(ctx, &net)?;

    let tasks = [words::lfw(ctx.quick)?, words::fashion(ctx.quick)?];
    let mut curves = Vec::new();
    let mut summary = Vec::new();
    for task in &tasks {
        let (curve, row) = run_task(ctx, &net, task)?;
        curves.push((task.label.clone(), curve));
        summary.push(row);
    }
    ctx.table(
        "The tutorial's moment: pretrained deep features against the best bag of visual words, leave-one-out \
         accuracy with a linear SVM (ours: EfficientNet-Lite0 features -> scaler -> PCA to 95% variance -> linear \
         SVM; bag of words: the best encoding and classifier of the SURF section in this run). The tutorial's numbers \
         are on its cats and dogs.",
        &["task", "deep features + PCA + linear SVM", "best bag of visual words", "tutorial (VGG16 / BoVW)"],
        summary,
    );
    let mut panel = Panel::new(
        "EfficientNet-Lite0 features: PCA + linear SVM",
        "principal components",
        "leave-one-out accuracy",
    );
    for (c, (label, curve)) in curves.iter().enumerate() {
        let x: Vec<f64> = curve.iter().map(|p| p.0 as f64).collect();
        let y: Vec<f64> = curve.iter().map(|p| p.1).collect();
        panel = panel
            .with(Series::line(label.clone(), &x, &y, c))
            .with(Series::with_style("", &x, &y, c, Style::Points));
    }
    ctx.figure(
        &Figure::new(
            "deep-features-pca",
            "Progressive PCA: leave-one-out accuracy of a linear SVM on the first k principal components of the \
             standardised 1280-d EfficientNet-Lite0 features (scaler and PCA fitted inside each fold).",
            1,
            vec![panel],
        )
        .panel_size(760, 400),
    )
}

/// The network on the staged cat photo: its top-5 ImageNet classes, so the reader sees the
/// weights are the pretrained ones.
fn sanity(ctx: &mut Ctx<'_>, net: &EfficientNetLite0) -> Result<()> {
    let path = sigfeat::datasets::shipped_image("chelsea.png")?;
    let rgb = read_rgb_u8(&path)?;
    let image: Array3<f32> = rgb.mapv(|v| f32::from(v) / 255.0);
    let logits = net.logits(&[image.view()], 1, &cpu())?;
    let names = imagenet_class_names()?;
    let row = logits.row(0);
    let mut idx: Vec<usize> = (0..row.len()).collect();
    idx.sort_by(|&a, &b| row[b].total_cmp(&row[a]));
    let rows = idx
        .iter()
        .take(5)
        .map(|&i| vec![i.to_string(), names[i].clone(), format!("{:.3}", row[i])])
        .collect();
    ctx.table(
        format!(
            "EfficientNet-Lite0 (ImageNet weights, shipped as safetensors) on scikit-image's chelsea photo ({}x{}, \
             resized to 224x224 bilinearly, ImageNet mean and std): its top-5 classes",
            rgb.dim().0,
            rgb.dim().1
        ),
        &["class", "name", "logit"],
        rows,
    );
    Ok(())
}

/// Features of one task, the classifier table, the PCA curve; returns the curve and the summary
/// row.
fn run_task(
    ctx: &mut Ctx<'_>,
    net: &EfficientNetLite0,
    task: &Task,
) -> Result<(Curve, Vec<String>)> {
    ctx.step(&format!("{}: EfficientNet-Lite0 features", task.key));
    let images: Vec<Array3<f32>> = task
        .images
        .iter()
        .map(|im| im.mapv(|v| v as f32).insert_axis(ndarray::Axis(2)))
        .collect();
    let views: Vec<ArrayView3<'_, f32>> = images.iter().map(Array3::view).collect();
    let (features, secs) = timed(|| Ok(net.features(&views, BATCH, &cpu())?))?;
    let x: Array2<f64> = features.mapv(f64::from);
    ctx.record(Measured {
        name: format!("{} deep-features images per second", task.key),
        metric: "images per second".into(),
        value: images.len() as f64 / secs,
        seconds: secs,
        note: format!(
            "EfficientNet-Lite0 pooled features of {} images (resized to 224x224, grey repeated to RGB), batches of \
             {BATCH}, burn flex backend on {} threads.",
            images.len(),
            rayon::current_num_threads()
        ),
    });

    let what = "EfficientNet-Lite0 pooled features (1280)";
    let accs = classify(ctx, task, "deep-features", what, &x, false)?;
    let mut rows = vec![table_row(what, x.ncols(), &accs)];

    // Scaler -> PCA (95% variance) -> linear SVM, the headline number.
    ctx.step(&format!("{}: PCA + linear SVM", task.key));
    let pipe = Reduction::Pca.pipeline().classifier(SvcParams::linear());
    let opts = ValidationOptions::default().progress(ctx.library_progress("PCA + linear SVM"));
    let (pca_acc, pca_secs) = timed(|| loo_accuracy(&pipe, &x, &task.y, opts))?;
    let m = Measured {
        name: format!("{} deep-features pca linear-svm loo", task.key),
        metric: "leave-one-out accuracy".into(),
        value: pca_acc,
        seconds: pca_secs,
        note: format!(
            "EfficientNet-Lite0 features -> standard scaler -> PCA (95% of the variance) -> linear SVM, leave-one-out \
             over {} images ({}).",
            task.y.len(),
            task.per_class()
        ),
    };
    if task.key == "lfw" && !ctx.quick {
        ctx.record_vs_tutorial(m, TUTORIAL_DEEP);
    } else {
        ctx.record(m);
    }
    let mut pca_row = vec![format!("{what} + PCA (95% variance)"), "≤ 1280".to_string()];
    pca_row.extend(CLASSIFIERS.iter().map(|&(k, _)| {
        if k == "linear-svm" {
            format!("{:.1}%", 100.0 * pca_acc)
        } else {
            "—".to_string()
        }
    }));
    rows.push(pca_row);
    ctx.table(
        format!(
            "{}: leave-one-out accuracy of the deep features ({} images: {}); standard scaler (and PCA) fitted \
             inside each fold.",
            task.label,
            task.y.len(),
            task.per_class()
        ),
        &table_header(),
        rows,
    );

    // Progressive PCA.
    let n = task.y.len();
    let mut curve = Vec::new();
    for k in [1usize, 2, 5, 10, 20, 50, 100] {
        if k > n - 2 {
            break;
        }
        ctx.step(&format!("{}: PCA {k} + linear SVM", task.key));
        let pipe = sigfeat::learn::Pipeline::new()
            .then(sigfeat::reduce::StandardScalerParams::default())
            .then(PcaParams::new(Components::Count(k)))
            .classifier(SvcParams::linear());
        let opts = ValidationOptions::default().progress(ctx.library_progress(&format!("PCA {k}")));
        let (acc, secs) = timed(|| loo_accuracy(&pipe, &x, &task.y, opts))?;
        ctx.record(Measured {
            name: format!("{} deep-features pca{k} linear-svm loo", task.key),
            metric: "leave-one-out accuracy".into(),
            value: acc,
            seconds: secs,
            note: format!("The first {k} principal components of the scaled features, linear SVM."),
        });
        curve.push((k, acc));
    }

    // The best bag of visual words of the SURF section, when it ran before in this run.
    let prefix = format!("{} surf ", task.key);
    let best_bovw = ctx
        .earlier()
        .iter()
        .filter(|e| e.name.starts_with(&prefix) && e.name.ends_with(" loo"))
        .max_by(|a, b| a.value.total_cmp(&b.value))
        .map(|e| (e.value, e.name.clone()));
    let summary = vec![
        task.label.clone(),
        format!("{:.1}%", 100.0 * pca_acc),
        best_bovw.map_or_else(
            || "(surf-bovw did not run in this invocation)".to_string(),
            |(v, name)| format!("{:.1}% ({})", 100.0 * v, name.trim_end_matches(" loo")),
        ),
        format!(
            "{:.0}% / {:.0}%",
            100.0 * TUTORIAL_DEEP,
            100.0 * TUTORIAL_BOVW
        ),
    ];
    Ok((curve, summary))
}
