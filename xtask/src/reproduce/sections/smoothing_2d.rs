//! 2-D smoothing: Gaussian filtering of a photograph at several scales, the noise-variance factor
//! of a 2-D Gaussian, and denoising measured by PSNR.

use std::f64::consts::PI;

use anyhow::Result;
use ndarray::{Array2, Axis, Slice};
use sigfeat::dsp_core;
use sigfeat::filters::peak_signal_noise_ratio;

use super::common::{gray, shipped_gray};
use crate::plot::{Figure, Panel};
use crate::reproduce::{Ctx, Measured, timed};

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("smoothing a photograph");
    let img = shipped_gray("chelsea.png")?;
    let sigmas = [1.0, 3.0, 8.0];
    let (smoothed, secs) = timed(|| {
        sigmas
            .iter()
            .map(|&s| {
                Ok(sigfeat::filters::gaussian_filter(
                    img.view(),
                    &sigfeat::filters::GaussianParams::new(s),
                )?)
            })
            .collect::<Result<Vec<_>>>()
    })?;
    let (rows, cols) = img.dim();
    let mut panels = vec![Panel::image(
        format!("chelsea, {rows}x{cols}"),
        gray(img.clone()),
    )];
    for (s, y) in sigmas.iter().zip(smoothed) {
        panels.push(Panel::image(format!("gaussian_filter, sigma {s}"), gray(y)));
    }
    ctx.figure(
        &Figure::new(
            "smoothing-2d-scales",
            "The chelsea photograph (scikit-image data, grey) smoothed with 2-D Gaussians of sigma 1, 3 and 8 pixels \
             (scipy.ndimage.gaussian_filter semantics: reflect borders, truncate 4).",
            2,
            panels,
        )
        .panel_size(440, 340),
    )?;
    ctx.record(Measured {
        name: "gaussian-filter-3-scales".into(),
        metric: "seconds for 3 Gaussian filters of the chelsea image".into(),
        value: secs,
        seconds: secs,
        note: "Wall-clock time of the three filterings above.".into(),
    });

    ctx.step("2-D noise variance");
    let n = if ctx.quick { 1024 } else { 2048 };
    let sigma = 2.0;
    let ((measured, analytic), vsecs) = timed(|| {
        let noise = dsp_core::add_gaussian_noise(
            Array2::<f64>::zeros((n, n)).view(),
            1.0,
            ctx.seed_for("white noise 2d"),
        )?;
        let y = sigfeat::filters::gaussian_filter(
            noise.view(),
            &sigfeat::filters::GaussianParams::new(sigma),
        )?;
        let r = dsp_core::gaussian_radius(sigma, 4.0)?;
        let band = y.slice_axis(Axis(0), Slice::from(r..n - r));
        let inner = band.slice_axis(Axis(1), Slice::from(r..n - r));
        // Separable: the 1-D factor 1 / (2 sigma sqrt(pi)) squared.
        Ok((
            inner.var(0.0) / noise.var(0.0),
            1.0 / (4.0 * PI * sigma * sigma),
        ))
    })?;
    ctx.record(Measured {
        name: "noise-variance-factor-2d-vs-analytic".into(),
        metric: "var(G * noise) / var(noise) / (1 / (4 pi sigma^2)), sigma 2".into(),
        value: measured / analytic,
        seconds: vsecs,
        note: format!(
            "{n}x{n} white noise; analytic factor {analytic:.5}, measured {measured:.5}."
        ),
    });

    ctx.step("denoising");
    let camera = shipped_gray("camera.png")?;
    let noisy = dsp_core::add_gaussian_noise(camera.view(), 0.1, ctx.seed_for("camera noise"))?;
    let (denoised, dsecs) = timed(|| {
        Ok(sigfeat::filters::gaussian_filter(
            noisy.view(),
            &sigfeat::filters::GaussianParams::new(1.0),
        )?)
    })?;
    let (p_noisy, p_denoised) = (
        peak_signal_noise_ratio(camera.view(), noisy.view(), None)?,
        peak_signal_noise_ratio(camera.view(), denoised.view(), None)?,
    );
    ctx.figure(
        &Figure::new(
            "smoothing-2d-denoise",
            format!(
                "Gaussian noise of std 0.1 on the camera image (PSNR {p_noisy:.1} dB) and its Gaussian smoothing with \
                 sigma 1 (PSNR {p_denoised:.1} dB): noise falls faster than the edges blur."
            ),
            2,
            vec![
                Panel::image("noisy, std 0.1", gray(noisy.mapv(|v| v.clamp(0.0, 1.0)))),
                Panel::image("gaussian_filter, sigma 1", gray(denoised)),
            ],
        )
        .panel_size(420, 440),
    )?;
    ctx.record(Measured {
        name: "denoise-psnr-gain".into(),
        metric: "PSNR(smoothed) - PSNR(noisy) (dB), sigma 1".into(),
        value: p_denoised - p_noisy,
        seconds: dsecs,
        note: format!("From {p_noisy:.2} dB to {p_denoised:.2} dB."),
    });
    Ok(())
}
