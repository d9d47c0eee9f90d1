//! Local Gabor features and visual words: the tutorial's `compute_local_kernel_feats` (a Gabor
//! bank's responses pooled around a grid of locations and scales) on its border image and on a
//! city photo, clustered into words, with the patches of one word shown; then the same local
//! features as a bag of words for the two-class image tasks.

use anyhow::Result;
use ndarray::{Array2, ArrayView2};
use sigfeat::bovw::{Encoder, HistNorm, Histogram, KMeans, KMeansParams, Vocabulary, encode_batch};
use sigfeat::dsp_core::{Fit, Predict};
use sigfeat::features_2d::{
    LocalFeatures, LocalGaborParams, compute_local_kernel_feats, compute_local_kernel_feats_batch,
    get_patch, synthetic,
};
use sigfeat::filters::GaborBank;

use super::common::{gray, shipped_gray};
use super::words::{self, Task, classify, stack, table_header, table_row};
use crate::plot::{Figure, Panel};
use crate::reproduce::{Ctx, Measured, timed};

/// Words of the image tasks' vocabulary.
const WORDS: usize = 100;
/// Patches shown for the chosen word.
const SHOWN: usize = 12;

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let bank = GaborBank::skimage_gallery()?;
    let params = LocalGaborParams::default();
    ctx.text(format!(
        "The bank is the scikit-image gallery's 16 Gabor kernels (4 orientations x sigma 1, 3 x frequency 0.05, \
         0.25). {}",
        params_text(&params)
    ));

    ctx.step("border image words");
    let border = synthetic::make_border_image((128, 128), 32);
    word_patches(
        ctx,
        "border",
        "the tutorial's border image",
        &border,
        &bank,
        &params,
        6,
    )?;
    ctx.step("city words");
    let city = sigfeat::filters::rescale(shipped_gray("opencv_leuvenA.jpg")?.view(), 0.5)?;
    word_patches(
        ctx,
        "city",
        "the Leuven street photo (half size)",
        &city,
        &bank,
        &params,
        24,
    )?;

    let mut tasks = vec![words::lfw(ctx.quick)?, words::fashion(ctx.quick)?];
    for task in &mut tasks {
        let rows = bag_of_gabor_words(ctx, task, &bank, &params)?;
        let caption = format!(
            "{}: leave-one-out accuracy of dense local Gabor features as a {WORDS}-word bag ({} images: {}). Images: {}.",
            task.label,
            task.y.len(),
            task.per_class(),
            task.how
        );
        ctx.table(caption, &table_header(), rows);
    }
    Ok(())
}

fn params_text(p: &LocalGaborParams) -> String {
    format!(
        "Local features: the magnitude of each kernel's response averaged over a square window around every \
         location of a grid of step {} pixels, at window scales {:?} (one 16-value descriptor per location and scale).",
        p.get_step(),
        p.get_scales()
    )
}

/// Local features of `img`, `k` words fitted on them, and the patches of the most populated
/// textured word drawn in a figure.
#[allow(clippy::too_many_arguments)]
fn word_patches(
    ctx: &mut Ctx<'_>,
    key: &str,
    what: &str,
    img: &Array2<f64>,
    bank: &GaborBank,
    params: &LocalGaborParams,
    k: usize,
) -> Result<()> {
    let (feats, secs) = timed(|| Ok(compute_local_kernel_feats(img.view(), bank, params)?))?;
    let seed = ctx.seed_for(&format!("{key} words"));
    let km: KMeans<f64> = KMeansParams::new(k)
        .seed(seed)
        .fit(&feats.descriptors, &())?;
    let labels = km.predict(&feats.descriptors)?;
    // The word whose centre has the largest norm among the words with >= SHOWN members: the
    // strongest texture that recurs, rather than flat background.
    let centres = km.centers();
    let counts: Vec<usize> = (0..k)
        .map(|w| labels.iter().filter(|&&l| l == w).count())
        .collect();
    let norm = |w: usize| centres.row(w).dot(&centres.row(w));
    let word = (0..k)
        .filter(|&w| counts[w] >= SHOWN.min(feats.descriptors.nrows()))
        .max_by(|&a, &b| norm(a).total_cmp(&norm(b)))
        .unwrap_or(0);
    let size = patch_size(&feats, params);
    let mut panels = vec![Panel::image(what, gray(img.clone()))];
    // The word's members whose patch lies inside the image, in grid order.
    let members = labels.iter().enumerate().filter(|&(_, &l)| l == word);
    for (i, _) in members {
        let loc = feats.locations.row(i);
        let (r, c) = (loc[0] as usize, loc[1] as usize);
        if let Ok(p) = get_patch(img.view(), (r, c), size) {
            panels.push(Panel::image(
                format!("({r}, {c}) scale {}", loc[2]),
                gray(p.to_owned()),
            ));
        }
        if panels.len() > SHOWN {
            break;
        }
    }
    ctx.figure(
        &Figure::new(
            format!("visual-words-{key}"),
            format!(
                "Patches ({size}x{size} pixels) of {what} whose local Gabor descriptor falls in one visual word of {k} \
                 (word {word}: {} locations, the most textured recurring word).",
                counts[word]
            ),
            5,
            panels,
        )
        .panel_size(190, 200),
    )?;
    ctx.record(Measured {
        name: format!("{key} local gabor features"),
        metric: "descriptors".into(),
        value: feats.descriptors.nrows() as f64,
        seconds: secs,
        note: format!(
            "Local Gabor descriptors ({} values each) of {what}, {}x{} pixels.",
            feats.descriptors.ncols(),
            img.nrows(),
            img.ncols()
        ),
    });
    Ok(())
}

/// The side of the patches shown: the largest window of the features.
fn patch_size(feats: &LocalFeatures<f64>, params: &LocalGaborParams) -> usize {
    let max_scale = feats
        .locations
        .column(2)
        .iter()
        .fold(0.0f64, |a, &b| a.max(b));
    ((max_scale * params.get_step() as f64).round() as usize).max(8)
}

/// Local Gabor features of every image of the task as a histogram of `WORDS` words, classified.
fn bag_of_gabor_words(
    ctx: &mut Ctx<'_>,
    task: &Task,
    bank: &GaborBank,
    params: &LocalGaborParams,
) -> Result<Vec<Vec<String>>> {
    ctx.step(&format!("{}: local Gabor features", task.key));
    let (sets, secs) = timed(|| {
        Ok(compute_local_kernel_feats_batch(
            &task.views(),
            bank,
            params,
        )?)
    })?;
    let descs: Vec<ArrayView2<'_, f64>> = sets.iter().map(|s| s.descriptors.view()).collect();
    let all = stack(&descs)?;
    ctx.record(Measured {
        name: format!("{} local gabor seconds", task.key),
        metric: "seconds".into(),
        value: secs,
        seconds: secs,
        note: format!(
            "Local Gabor features of {} images: {} descriptors of {} values.",
            task.images.len(),
            all.nrows(),
            all.ncols()
        ),
    });
    let seed = ctx.seed_for(&format!("{} gabor vocabulary", task.key));
    let km = KMeansParams::new(WORDS).seed(seed).fit(&all, &())?;
    let hist = Histogram::new(Vocabulary::from(km), HistNorm::L1);
    let x = encode_batch(&hist, &descs)?;
    let what = format!("local Gabor features as a histogram of {WORDS} words");
    let accs = classify(ctx, task, "gabor bovw", &what, &x, false)?;
    Ok(vec![table_row(
        &format!("local Gabor: histogram ({WORDS} words)"),
        hist.len(),
        &accs,
    )])
}
