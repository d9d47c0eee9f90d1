//! SURF and bags of visual words: SURF keypoints over a city street and a forest; then the
//! tutorial's pipeline (dense SURF -> 100-word k-means vocabulary -> histogram -> leave-one-out
//! with 1-NN, logistic regression, RBF and linear SVMs) on two-class image sets, beside soft
//! assignment, VLAD, Fisher vectors, a 2x2 spatial pyramid and HOG on the same images.

use anyhow::{Context, Result};
use ndarray::{Array2, ArrayView2};
use sigfeat::bovw::{
    Encoder, Fisher, GmmParams, HistNorm, Histogram, KMeansParams, SoftAssignment, SpatialPyramid,
    Vlad, VladFlags, Vocabulary, encode_batch,
};
use sigfeat::dsp_core::Fit;
use sigfeat::features_2d::{
    HogParams, Surf, SurfParams, dense_surf_batch, draw_keypoints, hog_batch, surf,
};

use super::common::{CLASSIFIERS, shipped_gray};
use super::words::{self, Task, classify, stack, table_header, table_row};
use crate::plot::{Figure, Image, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

/// Grid spacing of dense SURF, in pixels of the upscaled images (scale sqrt(4) = 2, mahotas' rule;
/// its 63-pixel descriptor window leaves a 10x10 grid inside a 100x100 image).
const SPACING: usize = 4;
/// Words of the vocabulary, as the tutorial.
const WORDS: usize = 100;
/// Words of the VLAD vocabulary (16 x 64 = 1024 values per image; VLAD is used with small
/// vocabularies) and Gaussians of the Fisher-vector GMM (2 x 16 x 64 = 2048 values).
const VLAD_WORDS: usize = 16;
const FISHER_K: usize = 16;

/// The encodings of the table, in order: key in `results.json`, label.
const ENCODINGS: [(&str, &str); 5] = [
    ("bovw", "SURF: histogram (100 words)"),
    ("soft", "SURF: soft assignment (100 words)"),
    ("vlad", "SURF: VLAD (16 words)"),
    ("fisher", "SURF: Fisher vector (16 Gaussians)"),
    ("pyramid2x2", "SURF: histogram, 1x1 + 2x2 pyramid"),
];

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    keypoint_figures(ctx)?;

    let mut summary: Vec<(String, Vec<f64>)> = Vec::new();
    let mut tasks = vec![words::lfw(ctx.quick)?, words::fashion(ctx.quick)?];
    if let Some((dir, skip_bad)) = ctx.photos() {
        let dir = dir.to_path_buf();
        let progress = ctx.library_progress("reading your photos");
        let (task, skipped) = words::photos(&dir, 200, skip_bad, progress)?;
        if !skipped.is_empty() {
            ctx.text(format!(
                "{} file(s) of {} could not be read and were skipped (--skip-bad-photos): {}",
                skipped.len(),
                dir.display(),
                skipped.join("; ")
            ));
        }
        tasks.push(task);
    }
    for task in &tasks {
        let rows = run_task(ctx, task)?;
        if task.key == "lfw" {
            summary = rows;
        }
    }
    encoding_chart(ctx, &summary)
}

/// SURF keypoints (mahotas' defaults) drawn over the city street and the forest.
fn keypoint_figures(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("SURF keypoints");
    // The forest photo is 3088x2056: a quarter of its size keeps the figure's keypoints legible.
    let photos = [
        ("city street (Leuven)", "opencv_leuvenA.jpg", 1.0),
        ("forest", "forest_mountain.jpg", 0.25),
    ];
    let mut panels = Vec::new();
    let mut rows = Vec::new();
    for (title, file, scale) in photos {
        let full = shipped_gray(file)?;
        let img = if scale == 1.0 {
            full
        } else {
            sigfeat::filters::rescale(full.view(), scale)?
        };
        // SURF's threshold (0.1, mahotas') is on the Hessian of 0..255 grey levels.
        let levels = img.mapv(|v| v * 255.0);
        let (found, secs) = timed(|| Ok(surf(levels.view(), &SurfParams::default())?))?;
        let drawn = draw_keypoints(img.view(), &found.keypoints)?;
        let (r, c) = img.dim();
        panels.push(Panel::image(
            format!("{title}: {} keypoints", found.len()),
            Image::rgb(drawn),
        ));
        let positive = found.keypoints.iter().filter(|k| k.laplacian > 0.0).count();
        rows.push(vec![
            title.to_string(),
            format!("{r}x{c}"),
            found.len().to_string(),
            format!("{positive} / {}", found.len() - positive),
            format!("{:.1}", secs * 1e3),
        ]);
        ctx.record(Measured {
            name: format!("surf keypoints {}", file.trim_end_matches(".jpg")),
            metric: "keypoints found".into(),
            value: found.len() as f64,
            seconds: secs,
            note: format!(
                "SURF with mahotas' defaults (4 octaves, 6 scales, threshold 0.1, at most 1024 points) on the {r}x{c} grey image."
            ),
        });
    }
    ctx.figure(
        &Figure::new(
            "surf-keypoints",
            "SURF keypoints (mahotas' defaults, on 0-255 grey levels) over a city street and a forest: a circle of \
             radius twice the keypoint's scale and a line along its orientation; red for a positive Laplacian (a dark \
             blob on a bright background), blue for a negative one.",
            2,
            panels,
        )
        .panel_size(560, 440),
    )?;
    ctx.table(
        "SURF detection and description on the two photos",
        &[
            "photo",
            "size",
            "keypoints",
            "positive / negative Laplacian",
            "milliseconds",
        ],
        rows,
    );
    Ok(())
}

/// Dense SURF on the task's images, the encodings of the table, and their accuracies; HOG on
/// the same images. Returns `(label, accuracies)` per row for the chart.
fn run_task(ctx: &mut Ctx<'_>, task: &Task) -> Result<Vec<(String, Vec<f64>)>> {
    ctx.step(&format!("{}: dense SURF", task.key));
    let (sets, surf_secs) = timed(|| Ok(dense_surf_batch(&task.views(), SPACING, None)?))?;
    let descs: Vec<ArrayView2<'_, f64>> = sets.iter().map(|s| s.descriptors.view()).collect();
    let all = stack(&descs)?;
    ctx.record(Measured {
        name: format!("{} dense surf seconds", task.key),
        metric: "seconds".into(),
        value: surf_secs,
        seconds: surf_secs,
        note: format!(
            "Dense SURF (spacing {SPACING}, scale sqrt({SPACING}) as mahotas.features.surf.dense) over {} images: {} descriptors.",
            task.images.len(),
            all.nrows()
        ),
    });

    ctx.step(&format!("{}: vocabulary", task.key));
    let seed = ctx.seed_for(&format!("{} vocabulary", task.key));
    let (km, km_secs) = timed(|| Ok(KMeansParams::new(WORDS).seed(seed).fit(&all, &())?))?;
    let rms = (km.inertia() / all.nrows() as f64).sqrt();
    let vocab = Vocabulary::from(km);
    ctx.record(Measured {
        name: format!("{} vocabulary seconds", task.key),
        metric: "seconds".into(),
        value: km_secs,
        seconds: km_secs,
        note: format!(
            "k-means (k-means++ seeding, Lloyd) of {} descriptors into {WORDS} words; the vocabulary is fitted once on \
             every image's descriptors without labels, as in the tutorial.",
            all.nrows()
        ),
    });
    let vlad_seed = ctx.seed_for(&format!("{} vlad vocabulary", task.key));
    let vlad_vocab = Vocabulary::from(
        KMeansParams::new(VLAD_WORDS)
            .seed(vlad_seed)
            .fit(&all, &())?,
    );
    let gmm_seed = ctx.seed_for(&format!("{} gmm", task.key));
    let gmm = GmmParams::new(FISHER_K).seed(gmm_seed).fit(&all, &())?;

    ctx.step(&format!("{}: encodings", task.key));
    let hist = Histogram::new(vocab.clone(), HistNorm::L1);
    let features: Vec<Array2<f64>> = vec![
        encode_batch(&hist, &descs)?,
        encode_batch(&SoftAssignment::new(vocab.clone(), rms)?, &descs)?,
        encode_batch(&Vlad::new(vlad_vocab, VladFlags::default()), &descs)?,
        encode_batch(&Fisher::new(gmm, true), &descs)?,
        pyramid(&hist, &sets, task)?,
    ];
    let hog = hog_batch(&task.views(), &HogParams::default()).context("HOG")?;

    let mut rows = Vec::new();
    let mut chart = Vec::new();
    for ((key, label), x) in ENCODINGS.iter().zip(&features) {
        let what = format!("{label} of dense SURF");
        // The tutorial's cat/dog numbers sit beside the main two-class task's histogram rows.
        let tutorial = *key == "bovw" && task.key == "lfw";
        let accs = classify(ctx, task, &format!("surf {key}"), &what, x, tutorial)?;
        rows.push(table_row(label, x.ncols(), &accs));
        chart.push(((*label).to_string(), accs));
    }
    let what = "HOG (skimage's defaults: 9 orientations, 8x8-pixel cells, 3x3 blocks, L2-Hys)";
    let accs = classify(ctx, task, "hog", what, &hog, false)?;
    rows.push(table_row(what, hog.ncols(), &accs));
    chart.push(("HOG".to_string(), accs));

    let caption = format!(
        "{}: leave-one-out accuracy ({} images: {}). Images: {}. A standard scaler is fitted inside each fold. The \
         tutorial's cats and dogs gave 59% (1-NN), 64% (logistic), 56% (RBF SVM) and 63% (linear SVM) with the \
         histogram row's pipeline.",
        task.label,
        task.y.len(),
        task.per_class(),
        task.how
    );
    ctx.table(caption, &table_header(), rows);
    Ok(chart)
}

/// The histogram pooled over the whole image and over each cell of a 2x2 grid (5 x 100 values).
fn pyramid(hist: &Histogram<f64>, sets: &[Surf], task: &Task) -> Result<Array2<f64>> {
    let pyr = SpatialPyramid::new(vec![1, 2])?;
    let mut out = Array2::zeros((sets.len(), pyr.len(hist.len())));
    for ((s, img), mut row) in sets.iter().zip(&task.images).zip(out.rows_mut()) {
        let pos = Array2::from_shape_fn((s.len(), 2), |(i, j)| {
            let k = &s.keypoints[i];
            if j == 0 { k.y } else { k.x }
        });
        row.assign(&pyr.encode(hist, s.descriptors.view(), pos.view(), img.dim())?);
    }
    Ok(out)
}

/// Grouped bars: the lfw accuracies of each encoding, one colour per classifier.
fn encoding_chart(ctx: &mut Ctx<'_>, rows: &[(String, Vec<f64>)]) -> Result<()> {
    let mut bars = Panel::new(
        "lfw faces / non-faces: leave-one-out accuracy by encoding",
        "encoding",
        "accuracy",
    )
    .categories(
        rows.iter()
            .map(|(l, _)| l.trim_start_matches("SURF: ").to_string()),
    );
    for (c, (_, label)) in CLASSIFIERS.iter().enumerate() {
        let x: Vec<f64> = (0..rows.len())
            .map(|r| r as f64 + (c as f64 - 1.5) * 0.2)
            .collect();
        let y: Vec<f64> = rows.iter().map(|(_, a)| a[c]).collect();
        bars = bars.with(Series::with_style(*label, &x, &y, c, Style::Bars(0.18)));
    }
    ctx.figure(
        &Figure::new(
            "surf-bovw-encodings",
            "Leave-one-out accuracy on the lfw faces/non-faces task for each encoding of the same dense SURF \
             descriptors, and for HOG, by classifier.",
            1,
            vec![bars],
        )
        .panel_size(1100, 420),
    )
}
