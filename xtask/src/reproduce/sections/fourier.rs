//! Fourier analysis: spectra of a clean and a noisy sinusoid, power spectra before and after Gaussian
//! smoothing (the convolution theorem, circular and linear, checked numerically), and 2-D low-pass
//! compression of a photograph.

use std::f64::consts::PI;

use anyhow::{Context, Result};
use ndarray::{Array1, Array2};
use sigfeat::dsp_core::{self, BoundaryMode, ConvMode};
use sigfeat::fourier::{self, Complex};

use sigfeat::filters::peak_signal_noise_ratio;

use super::common::quasi_periodic;
use crate::plot::{Figure, Image, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    sinusoid_spectra(ctx)?;
    smoothing_spectra(ctx)?;
    convolution_theorem(ctx)?;
    lowpass_2d(ctx)?;
    Ok(())
}

fn sinusoid_spectra(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("sinusoid spectra");
    let (fs, n, f0) = (1000.0, 2000, 50.0);
    let t = Array1::from_shape_fn(n, |i| i as f64 / fs);
    let clean = t.mapv(|t| (2.0 * PI * f0 * t).sin());
    let noisy = dsp_core::add_gaussian_noise(clean.view(), 3.0, ctx.seed_for("sinusoid noise"))?;
    let (((p_clean, p_noisy), freqs), secs) = timed(|| {
        let pc = fourier::power_spectrum(clean.view())?;
        let pn = fourier::power_spectrum(noisy.view())?;
        Ok(((pc, pn), fourier::rfftfreq::<f64>(n, 1.0 / fs)?))
    })?;
    let (peak_clean, peak_noisy) = (
        fourier::peak_frequency(p_clean.view(), freqs.view())?,
        fourier::peak_frequency(p_noisy.view(), freqs.view())?,
    );

    let show = 200; // the first 0.2 s
    let tv = t.to_vec()[..show].to_vec();
    let fv = freqs.to_vec();
    let floor = |p: &Array1<f64>| p.mapv(|v| v.max(1e-12)).to_vec();
    ctx.figure(&Figure::new(
        "fourier-sinusoid",
        format!(
            "A {f0} Hz sinusoid sampled at {fs} Hz for 2 s, alone and with Gaussian noise of std 3 (SNR -12.6 dB): in time \
             the noisy sinusoid is invisible, its power spectrum still peaks at {f0} Hz."
        ),
        2,
        vec![
            Panel::new("sinusoid", "t (s)", "x(t)").with(Series::line("", &tv, &clean.to_vec()[..show], 0)),
            Panel::new("power spectrum |rfft|^2 (floored at 1e-12)", "frequency (Hz)", "power")
                .log_y()
                .with(Series::with_style("", &fv, &floor(&p_clean), 0, Style::Thin)),
            Panel::new("noisy sinusoid", "t (s)", "x(t)")
                .with(Series::with_style("", &tv, &noisy.to_vec()[..show], 3, Style::Thin)),
            Panel::new("power spectrum of the noisy sinusoid", "frequency (Hz)", "power")
                .log_y()
                .with(Series::with_style("", &fv, &p_noisy.to_vec(), 3, Style::Thin)),
        ],
    ))?;
    for (name, metric, value) in [
        (
            "sinusoid-peak-frequency",
            "peak of the power spectrum (Hz), true 50",
            peak_clean,
        ),
        (
            "noisy-sinusoid-peak-frequency",
            "peak of the power spectrum (Hz), true 50, noise std 3",
            peak_noisy,
        ),
    ] {
        ctx.record(Measured {
            name: name.into(),
            metric: metric.into(),
            value,
            seconds: secs / 2.0,
            note: format!(
                "The {f0} Hz tone falls on bin {} of the 0.5 Hz grid.",
                (f0 * n as f64 / fs) as usize
            ),
        });
    }
    Ok(())
}

fn smoothing_spectra(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("power spectra and smoothing");
    let n = 4096;
    let sigma = 6.0;
    let (_, _, x) = quasi_periodic(n, 0.5, ctx.seed_for("quasi-periodic noise"))?;
    let radius = dsp_core::gaussian_radius(sigma, 4.0)?;
    let g = dsp_core::gaussian_kernel1d::<f64>(sigma, 0, radius)?;
    let ((xs, ys, gs, y), secs) = timed(|| {
        // Wrap-around boundaries make the smoothing a circular convolution, for which the
        // convolution theorem is exact: rfft(g (*) x) = rfft(x) . G.
        let y = dsp_core::convolve1d(x.view(), &g, 0, BoundaryMode::Wrap, 0)?;
        Ok((
            fourier::rfft(x.view())?,
            fourier::rfft(y.view())?,
            fourier::circular_transfer(&g, n)?,
            y,
        ))
    })?;
    let freqs = fourier::rfftfreq::<f64>(n, 1.0)?;
    let scale = ys.iter().map(|c| c.norm()).fold(0.0, f64::max);
    let theorem_err = xs
        .iter()
        .zip(&gs)
        .zip(&ys)
        .map(|((x, g), y)| (x * g - y).norm())
        .fold(0.0, f64::max)
        / scale;
    // The sampled, truncated, renormalised kernel against the continuous Gaussian's transfer function.
    let analytic = freqs.mapv(|f| (-(2.0 * PI * f * sigma).powi(2) / 2.0).exp());
    let transfer_err = gs
        .iter()
        .zip(&analytic)
        .map(|(g, a)| (g - a).norm())
        .fold(0.0, f64::max);

    let fv = freqs.to_vec();
    let px: Vec<f64> = xs.iter().map(|c| c.norm_sqr()).collect();
    let py: Vec<f64> = ys.iter().map(|c| c.norm_sqr()).collect();
    let predicted: Vec<f64> = px.iter().zip(&analytic).map(|(p, a)| p * a * a).collect();
    let shown = n / 8; // up to 1/8 cycle per sample: beyond it the smoothed power is at rounding level
    ctx.figure(&Figure::new(
        "fourier-smoothing-spectra",
        format!(
            "Power spectra of the noisy quasi-periodic signal ({n} samples) before and after smoothing with a Gaussian of \
             sigma {sigma} samples (wrap-around boundaries). Smoothing multiplies the spectrum by |G(f)|^2 = \
             exp(-(2 pi f sigma)^2): the dashed prediction lies on the smoothed spectrum. Right: the signal before and after."
        ),
        2,
        vec![
            Panel::new("power spectrum before and after smoothing", "frequency (cycles/sample)", "power")
                .log_y()
                .with(Series::with_style("original", &fv[..shown], &px[..shown], 7, Style::Thin))
                .with(Series::line("smoothed", &fv[..shown], &py[..shown], 0))
                .with(Series::with_style("original x |G|^2", &fv[..shown], &predicted[..shown], 3, Style::Dashed)),
            Panel::new("signal (first 600 samples)", "sample", "x")
                .with(Series::with_style("original", &(0..600).map(f64::from).collect::<Vec<_>>(), &x.to_vec()[..600], 7, Style::Thin))
                .with(Series::line("smoothed", &(0..600).map(f64::from).collect::<Vec<_>>(), &y.to_vec()[..600], 0)),
        ],
    ))?;
    ctx.record(Measured {
        name: "smoothing-spectrum-theorem".into(),
        metric: "max |X G - Y| / max |Y| (circular smoothing)".into(),
        value: theorem_err,
        seconds: secs,
        note: "The spectrum of the smoothed signal is the original spectrum times the kernel's DFT, to rounding.".into(),
    });
    ctx.record(Measured {
        name: "gaussian-transfer-function".into(),
        metric: "max |G(f) - exp(-(2 pi f sigma)^2 / 2)|, sigma 6".into(),
        value: transfer_err,
        seconds: 0.0,
        note: "The sampled kernel's DFT against the continuous Gaussian's: the difference is its 4-sigma truncation.".into(),
    });
    Ok(())
}

fn convolution_theorem(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("convolution theorem");
    let n = if ctx.quick { 20_000 } else { 200_000 };
    let a = dsp_core::add_gaussian_noise(
        Array1::<f64>::zeros(n).view(),
        1.0,
        ctx.seed_for("theorem signal"),
    )?;
    let mut rows = Vec::new();
    let mut worst = 0.0_f64;
    let mut total = 0.0;
    for m in [11usize, 101, 1001] {
        let v = dsp_core::add_gaussian_noise(
            Array1::<f64>::zeros(m).view(),
            1.0,
            ctx.seed_for(&format!("kernel {m}")),
        )?;
        let (direct, t_direct) =
            timed(|| Ok(dsp_core::convolve(a.view(), v.view(), ConvMode::Full)?))?;
        let (fft, t_fft) = timed(|| Ok(fourier::fftconvolve(a.view(), v.view(), ConvMode::Full)?))?;
        let err = direct
            .iter()
            .zip(&fft)
            .map(|(d, f)| (d - f).abs())
            .fold(0.0, f64::max);
        worst = worst.max(err);
        total += t_direct + t_fft;
        rows.push(vec![
            n.to_string(),
            m.to_string(),
            format!("{:.3}", t_direct * 1e3),
            format!("{:.3}", t_fft * 1e3),
            format!("{err:.2e}"),
        ]);
    }
    ctx.table(
        "Linear convolution: direct sum (numpy.convolve) against FFT (scipy.signal.fftconvolve), one run each",
        &["signal length", "kernel length", "direct (ms)", "FFT (ms)", "max abs difference"],
        rows,
    );
    ctx.record(Measured {
        name: "convolution-theorem-max-error".into(),
        metric: "max |direct - FFT convolution|, standard-normal inputs".into(),
        value: worst,
        seconds: total,
        note: "Convolution in time is multiplication in frequency: both routes agree to rounding (outputs are of order 10-30)."
            .into(),
    });
    Ok(())
}

fn lowpass_2d(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("2-D low-pass compression");
    let path = sigfeat::datasets::shipped_image("camera.png")
        .context("the camera image of datasets/images")?;
    let img: Array2<f64> = sigfeat::datasets::read_gray(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let (rows, cols) = img.dim();
    ctx.text(format!(
        "2-D low-pass compression uses the camera image ({rows}x{cols}, grey, scaled to [0, 1]) shipped in \
         datasets/images (from scikit-image's data, see its PROVENANCE.txt)."
    ));
    let ((spec, fy, fx), secs) = timed(|| {
        Ok((
            fourier::rfft2(img.view())?,
            fourier::fftfreq::<f64>(rows, 1.0)?,
            fourier::rfftfreq::<f64>(cols, 1.0)?,
        ))
    })?;

    // Keep the coefficients inside a disc of radius c (cycles/pixel): a fraction pi c^2 of the full spectrum.
    let fractions = [0.2, 0.05, 0.01];
    let mut panels = vec![Panel::image(
        format!("original {rows}x{cols}"),
        Image {
            data: img.clone(),
            vmin: 0.0,
            vmax: 1.0,
            keep_aspect: true,
            rgb: None,
        },
    )];
    let mut rows_t = Vec::new();
    for &frac in &fractions {
        let c = (frac / PI).sqrt();
        let (rec, s) = timed(|| {
            let mut masked = spec.clone();
            for ((i, j), v) in masked.indexed_iter_mut() {
                if fy[i].hypot(fx[j]) > c {
                    *v = Complex::new(0.0, 0.0);
                }
            }
            Ok(fourier::irfft2(masked.view(), Some((rows, cols)))?)
        })?;
        let p = peak_signal_noise_ratio(img.view(), rec.view(), None)?;
        rows_t.push(vec![
            format!("{:.0}%", frac * 100.0),
            format!("{c:.4}"),
            format!("{p:.2}"),
        ]);
        panels.push(Panel::image(
            format!("{:.0}% of the coefficients, PSNR {p:.1} dB", frac * 100.0),
            Image {
                data: rec,
                vmin: 0.0,
                vmax: 1.0,
                keep_aspect: true,
                rgb: None,
            },
        ));
        ctx.record(Measured {
            name: match frac {
                0.2 => "lowpass-psnr-20pct",
                0.05 => "lowpass-psnr-5pct",
                _ => "lowpass-psnr-1pct",
            }
            .into(),
            metric: "PSNR (dB) of the low-pass reconstruction".into(),
            value: p,
            seconds: s,
            note: format!(
                "Keeping frequencies below {c:.3} cycles/pixel ({:.0}% of the spectrum).",
                frac * 100.0
            ),
        });
    }
    let (roundtrip, rt_secs) = timed(|| Ok(fourier::irfft2(spec.view(), Some((rows, cols)))?))?;
    let rt_err = img
        .iter()
        .zip(&roundtrip)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    ctx.figure(
        &Figure::new(
            "fourier-lowpass-2d",
            "2-D low-pass compression of the camera image: rfft2, zero every coefficient outside a disc around frequency 0, \
             irfft2. Fewer coefficients blur the edges first; the coarse layout survives at 1%.",
            2,
            panels,
        )
        .panel_size(420, 440),
    )?;
    ctx.table(
        "Low-pass compression of the camera image",
        &["coefficients kept", "cut-off (cycles/pixel)", "PSNR (dB)"],
        rows_t,
    );
    ctx.record(Measured {
        name: "rfft2-roundtrip-max-error".into(),
        metric: "max |irfft2(rfft2(image)) - image|".into(),
        value: rt_err,
        seconds: secs + rt_secs,
        note: "Keeping every coefficient gives the image back to rounding.".into(),
    });
    Ok(())
}
