//! 2-D Gabor textures: the scikit-image gallery's 16-kernel Gabor bank on brick, grass and gravel,
//! mean/variance features of each response, and texture recognition of image tiles from them.

use anyhow::Result;
use ndarray::{Array2, Axis, Slice};
use sigfeat::dsp_core::BoundaryMode;

use sigfeat::features_2d::{match_features, tiles};

use super::common::{gray, shipped_gray};
use crate::plot::{Figure, Image, Panel};
use crate::reproduce::{Ctx, Measured, timed};

const TEXTURES: [&str; 3] = ["brick", "grass", "gravel"];

/// Every third pixel along both axes: the gallery's `image[shrink]` with
/// `shrink = (slice(0, None, 3),) * 2` (ndarray's stepped slice, copied to standard layout).
fn shrink(img: &Array2<f64>) -> Array2<f64> {
    img.slice_axis(Axis(0), Slice::new(0, None, 3))
        .slice_axis(Axis(1), Slice::new(0, None, 3))
        .to_owned()
}

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("Gabor bank");
    let bank = sigfeat::filters::GaborBank::skimage_gallery()?;
    let kernels = bank.real_kernels::<f64>();
    let panels: Vec<Panel> = bank
        .params()
        .iter()
        .zip(&kernels)
        .map(|(p, k)| {
            let (sx, _) = p.sigmas();
            Panel::image(
                format!(
                    "f {:.2}, th {:.0} deg, s {sx:.0}",
                    p.frequency(),
                    p.theta().to_degrees()
                ),
                Image::auto(k.clone()).symmetric(),
            )
        })
        .collect();
    ctx.figure(
        &Figure::new(
            "gabor-2d-bank",
            "The 16 real Gabor kernels of the scikit-image gallery bank: orientations 0, 45, 90, 135 degrees, sigma 1 and \
             3, frequencies 0.05 and 0.25 (grey is 0).",
            4,
            panels,
        )
        .panel_size(230, 240),
    )?;

    ctx.step("texture features");
    let images: Vec<Array2<f64>> = TEXTURES
        .iter()
        .map(|t| shipped_gray(&format!("{t}.png")))
        .collect::<Result<_>>()?;
    let shrunk: Vec<Array2<f64>> = images.iter().map(shrink).collect();
    let (refs, secs) = timed(|| {
        shrunk
            .iter()
            .map(|im| Ok(bank.kernel_feats(im.view(), BoundaryMode::Wrap)?))
            .collect::<Result<Vec<_>>>()
    })?;
    ctx.figure(
        &Figure::new(
            "gabor-2d-textures",
            "The three textures (scikit-image data, every third pixel as in the gallery) whose Gabor features are the \
             references.",
            3,
            shrunk.iter().zip(TEXTURES).map(|(im, t)| Panel::image(t, gray(im.clone()))).collect(),
        )
        .panel_size(300, 320),
    )?;
    let mut rows = Vec::new();
    for (k, p) in bank.params().iter().enumerate().take(4) {
        let mut row = vec![format!(
            "f {:.2}, theta {:.0} deg",
            p.frequency(),
            p.theta().to_degrees()
        )];
        row.extend(
            refs.iter()
                .map(|r| format!("{:.4} / {:.5}", r[[k, 0]], r[[k, 1]])),
        );
        rows.push(row);
    }
    ctx.table(
        "Mean / variance of the first four kernels' responses (of 16) for each texture",
        &["kernel", "brick", "grass", "gravel"],
        rows,
    );
    ctx.record(Measured {
        name: "gabor-bank-feats-3-textures".into(),
        metric: "seconds for 16-kernel features of 3 textures".into(),
        value: secs,
        seconds: secs,
        note: "Wall-clock time of 48 filterings (wrap boundaries) with mean and variance.".into(),
    });

    ctx.step("texture recognition");
    // Tiles of the full-resolution images (a scale the references never saw), shrunk like them,
    // each matched to the closest reference as in the gallery.
    let tile = if ctx.quick { 171 } else { 128 };
    let ((correct, total), tsecs) = timed(|| {
        let (mut correct, mut total) = (0, 0);
        let ref_views: Vec<_> = refs.iter().map(Array2::view).collect();
        for (label, im) in images.iter().enumerate() {
            for t in tiles(im.view(), tile)? {
                let f = bank.kernel_feats(shrink(&t).view(), BoundaryMode::Wrap)?;
                correct += usize::from(match_features(f.view(), &ref_views)? == label);
                total += 1;
            }
        }
        Ok((correct, total))
    })?;
    ctx.record(Measured {
        name: "gabor-tile-accuracy".into(),
        metric: "fraction of tiles matched to their own texture".into(),
        value: correct as f64 / total as f64,
        seconds: tsecs,
        note: format!("{correct} of {total} tiles of {tile}x{tile} pixels matched to the right texture by closest features."),
    });
    Ok(())
}
