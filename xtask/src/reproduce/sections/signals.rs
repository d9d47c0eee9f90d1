//! Signals and convolution: a quasi-periodic signal, Gaussian smoothing at several scales, the
//! multiscale stack, the noise-variance reduction smoothing gives, and a KDE as a smoothed histogram.

use anyhow::Result;
use ndarray::{Array1, Array2, Axis, Slice};
use sigfeat::dsp_core::{self, Bandwidth, Fit, KdeParams, ParamGuard};
use sigfeat::filters::mean_squared_error;
use sigfeat::fourier;

use super::common::{quasi_periodic, smooth};
use crate::plot::{Figure, Image, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    quasi_periodic_smoothing(ctx)?;
    noise_variance(ctx)?;
    multiscale(ctx)?;
    kde(ctx)?;
    Ok(())
}

fn quasi_periodic_smoothing(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("quasi-periodic signal");
    let n = 1000;
    let (t, clean, noisy) = quasi_periodic(n, 0.5, ctx.seed_for("quasi-periodic noise"))?;
    let sigmas = [2.0, 8.0, 32.0];
    let (smoothed, secs) = timed(|| {
        sigmas
            .iter()
            .map(|&s| smooth(&noisy, s))
            .collect::<Result<Vec<_>>>()
    })?;
    let tv = t.to_vec();
    let mut panels = vec![
        Panel::new("quasi-periodic signal: sin t + cos 2t + noise", "t", "f(t)")
            .with(Series::with_style(
                "noisy",
                &tv,
                noisy.as_slice().unwrap_or(&[]),
                7,
                Style::Thin,
            ))
            .with(Series::with_style(
                "clean",
                &tv,
                clean.as_slice().unwrap_or(&[]),
                0,
                Style::Dashed,
            )),
    ];
    for (k, (s, y)) in sigmas.iter().zip(&smoothed).enumerate() {
        panels.push(
            Panel::new(
                format!("smoothed, Gaussian sigma = {s} samples"),
                "t",
                "f * g",
            )
            .with(Series::line(format!("sigma {s}"), &tv, &y.to_vec(), k + 1))
            .with(Series::with_style(
                "clean",
                &tv,
                clean.as_slice().unwrap_or(&[]),
                0,
                Style::Dashed,
            )),
        );
    }
    ctx.figure(&Figure::new(
        "signals-smoothing",
        "The noisy quasi-periodic signal and its convolutions with Gaussians of growing sigma: small sigmas \
         remove the noise, sigma 32 (wider than a quarter period of cos 2t) also removes the cos 2t component.",
        2,
        panels,
    ))?;
    // Distance to the clean signal: falls as noise is removed, rises again once the signal is blurred.
    let mut rows = Vec::new();
    for (s, y) in sigmas.iter().zip(&smoothed) {
        let interior = 4 * (*s as usize)..n - 4 * (*s as usize);
        let rms = mean_squared_error(
            y.slice_axis(Axis(0), Slice::from(interior.clone())),
            clean.slice_axis(Axis(0), Slice::from(interior)),
        )?
        .sqrt();
        rows.push(vec![format!("{s}"), format!("{rms:.4}")]);
        if *s == 8.0 {
            ctx.record(Measured {
                name: "smoothing-rms-to-clean-sigma8".into(),
                metric: "RMS(smoothed - clean), interior".into(),
                value: rms,
                seconds: secs,
                note: format!(
                    "Noise of std 0.5 is reduced to {rms:.3} RMS by a sigma-8 Gaussian (what remains is residual noise \
                     plus the slight blur of cos 2t)."
                ),
            });
        }
    }
    ctx.table(
        "Distance of each smoothing to the clean signal",
        &["sigma (samples)", "RMS to clean"],
        rows,
    );
    Ok(())
}

fn noise_variance(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("noise variance");
    let n = if ctx.quick { 200_000 } else { 2_000_000 };
    let sigma = 4.0;
    let ((measured, analytic), secs) = timed(|| {
        let noise = dsp_core::add_gaussian_noise(
            Array1::<f64>::zeros(n).view(),
            1.0,
            ctx.seed_for("white noise"),
        )?;
        let smoothed = smooth(&noise, sigma)?;
        // Only the interior, where the full kernel overlaps the signal.
        let r = dsp_core::gaussian_radius(sigma, 4.0)?;
        let inner = smoothed.slice_axis(ndarray::Axis(0), ndarray::Slice::from(r..n - r));
        let measured = inner.var(0.0) / noise.var(0.0);
        // White noise through a filter h: variance times sum(h^2); for a sampled Gaussian of
        // sigma samples that sum is 1 / (2 sigma sqrt(pi)) up to terms of order exp(-pi^2 sigma^2).
        let analytic = 1.0 / (2.0 * sigma * std::f64::consts::PI.sqrt());
        Ok((measured, analytic))
    })?;
    ctx.record(Measured {
        name: "noise-variance-factor".into(),
        metric: "var(g * noise) / var(noise), sigma 4".into(),
        value: measured,
        seconds: secs,
        note: format!("Analytic factor 1 / (2 sigma sqrt(pi)) = {analytic:.5}."),
    });
    ctx.record(Measured {
        name: "noise-variance-factor-vs-analytic".into(),
        metric: "measured / analytic variance factor".into(),
        value: measured / analytic,
        seconds: 0.0,
        note: format!("{n} samples of white noise: the ratio is 1 up to the sampling error of a variance estimate."),
    });
    Ok(())
}

fn multiscale(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("multiscale stack");
    let n = 1000;
    let (t, _, noisy) = quasi_periodic(n, 0.5, ctx.seed_for("quasi-periodic noise"))?;
    let sigmas: Vec<f64> = (0..24).map(|k| 2f64.powf(k as f64 / 4.0)).collect();
    let (stack, secs) = timed(|| {
        let mut stack = Array2::zeros((sigmas.len(), n));
        for (row, &s) in sigmas.iter().enumerate() {
            stack.row_mut(row).assign(&smooth(&noisy, s)?);
        }
        Ok(stack)
    })?;
    let tv = t.to_vec();
    let mut lines = Panel::new("a few scales", "t", "f * g(sigma)");
    for (k, row) in [0usize, 8, 16, 23].into_iter().enumerate() {
        lines = lines.with(Series::line(
            format!("sigma {:.1}", sigmas[row]),
            &tv,
            &stack.row(row).to_vec(),
            k,
        ));
    }
    ctx.figure(&Figure::new(
        "signals-multiscale",
        format!(
            "Multiscale stack: the signal smoothed at {} Gaussian scales sigma = 2^(k/4), k = 0..23 (rows, fine at the top), \
             time along the columns; the cos 2t oscillation fades out around sigma 10, sin t around sigma 40.",
            sigmas.len()
        ),
        2,
        vec![Panel::image("scale-space image (rows: sigma from 1 to 54)", Image::auto(stack).stretched()), lines],
    ))?;
    // Each scale multiplies a sinusoid of angular frequency w (per sample) by the Gaussian's transfer
    // function exp(-sigma^2 w^2 / 2): check it on the clean signal, away from the edges.
    let (clean_t, clean, _) = quasi_periodic(n, 0.0, 0)?;
    let dt = clean_t[1] - clean_t[0];
    let (max_dev, check_secs) = timed(|| {
        let mut max_dev = 0.0_f64;
        for &s in &sigmas {
            let y = smooth(&clean, s)?;
            let r = dsp_core::gaussian_radius(s, 4.0)?;
            let (a1, a2) = (
                (-(s * dt).powi(2) / 2.0).exp(),
                (-(2.0 * s * dt).powi(2) / 2.0).exp(),
            );
            for i in r..n - r {
                let t = clean_t[i];
                max_dev = max_dev.max((y[i] - (a1 * t.sin() + a2 * (2.0 * t).cos())).abs());
            }
        }
        Ok(max_dev)
    })?;
    ctx.record(Measured {
        name: "multiscale-transfer-function".into(),
        metric: "max |g_sigma * f - analytic attenuation| over 24 scales".into(),
        value: max_dev,
        seconds: secs + check_secs,
        note: "Smoothing sin t + cos 2t at scale sigma gives exp(-sigma^2 w^2 / 2) times each component; the \
               residual is the 4-sigma truncation of the sampled kernel."
            .into(),
    });
    Ok(())
}

fn kde(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("kernel density estimate");
    // A bimodal sample: 60% around -1 (std 0.6), 40% around 2 (std 0.9).
    let (n1, n2) = (300, 200);
    let a = dsp_core::add_gaussian_noise(
        Array1::<f64>::from_elem(n1, -1.0).view(),
        0.6,
        ctx.seed_for("kde a"),
    )?;
    let b = dsp_core::add_gaussian_noise(
        Array1::<f64>::from_elem(n2, 2.0).view(),
        0.9,
        ctx.seed_for("kde b"),
    )?;
    let sample: Vec<f64> = a.iter().chain(b.iter()).copied().collect();

    let ((grid, exact, binned, bw), secs) = timed(|| {
        let kde = KdeParams::new()
            .bandwidth(Bandwidth::Scott)
            .check()?
            .fit(&sample[..], &())?;
        let bw = kde.covariance()[[0, 0]].sqrt();
        let lo = sample.iter().copied().fold(f64::INFINITY, f64::min) - 6.0 * bw;
        let hi = sample.iter().copied().fold(f64::NEG_INFINITY, f64::max) + 6.0 * bw;
        // The same estimate as a histogram on the grid convolved with the Gaussian of the KDE's
        // bandwidth (fourier::binned_kde: linear binning, FFT convolution).
        let binned = fourier::binned_kde(Array1::from(sample.clone()).view(), lo, hi, 1024, bw)?;
        let exact = kde.evaluate_1d(binned.grid.as_slice().unwrap_or(&[]))?;
        Ok((binned.grid, exact, binned.density, bw))
    })?;
    let dx = grid[1] - grid[0];
    // Trapezoid rule; the tails beyond the grid are below exp(-18) of the peak.
    let integral = (exact.sum() - 0.5 * (exact[0] + exact[exact.len() - 1])) * dx;
    let max_err = exact
        .iter()
        .zip(binned.iter())
        .map(|(e, b)| (e - b).abs())
        .fold(0.0, f64::max);
    // binned_kde's documented bound: (dx / h)^2 / 8 times the peak of one kernel, phi(0) / h.
    let bound = (dx / bw).powi(2) / 8.0 / (bw * (2.0 * std::f64::consts::PI).sqrt());

    // A coarse histogram of the sample for the figure.
    let bins = 30;
    let (lo, hi) = (grid[0], grid[grid.len() - 1]);
    let w = (hi - lo) / bins as f64;
    let mut counts = vec![0.0; bins];
    for &x in &sample {
        counts[(((x - lo) / w) as usize).min(bins - 1)] += 1.0 / (sample.len() as f64 * w);
    }
    let centres: Vec<f64> = (0..bins).map(|i| lo + (i as f64 + 0.5) * w).collect();
    ctx.figure(&Figure::new(
        "signals-kde",
        format!(
            "Kernel density estimate of {} samples (Scott bandwidth {bw:.3}): the exact Gaussian KDE (scipy.stats.gaussian_kde's \
             sum over samples) and the same estimate as a fine histogram convolved with a Gaussian of that bandwidth; the two \
             curves coincide.",
            sample.len()
        ),
        1,
        vec![
            Panel::new("density of a bimodal sample", "x", "density")
                .with(Series::with_style("histogram (30 bins)", &centres, &counts, 7, Style::Bars(w)))
                .with(Series::line("exact KDE", &grid.to_vec(), &exact.to_vec(), 0))
                .with(Series::with_style("histogram * Gaussian", &grid.to_vec(), &binned.to_vec(), 3, Style::Dashed)),
        ],
    )
    .panel_size(900, 380))?;
    ctx.record(Measured {
        name: "kde-integral".into(),
        metric: "integral of the exact KDE over the grid".into(),
        value: integral,
        seconds: secs,
        note: "A density integrates to 1; the grid reaches 6 bandwidths past the data.".into(),
    });
    ctx.record(Measured {
        name: "kde-binned-vs-exact".into(),
        metric: "max |binned - exact| / (dx/h)^2 phi(0) / 8h".into(),
        value: max_err / bound,
        seconds: 0.0,
        note: format!(
            "The histogram-convolution view of the KDE agrees with the exact sum to {max_err:.2e}, within the binning \
             error bound {bound:.2e} (a ratio below 1)."
        ),
    });
    Ok(())
}
