//! The 1-D CNN part of section 12: the tutorial's network on raw audio (a first layer of 2
//! filters of 100 samples, max-pooling, a dense output) telling its two sentences apart, scored
//! by leave-one-speaker-out, and its learned filters beside the Gabor filters they resemble.

use anyhow::{Result, ensure};
use ndarray::{Array1, Array2};
use sigfeat::cnn::{self, Samples, Speech1dConfig, TrainConfig, cpu};
use sigfeat::datasets::SpeechOutput;

use super::mnist_cnn::BarObserver;
use crate::plot::{Figure, Panel, Series};
use crate::reproduce::{Ctx, Measured, timed};

/// Filters and taps of the first layer, as the tutorial.
const FILTERS: usize = 2;
const KERNEL: usize = 100;
/// Max-pooling window: 100 samples (12.5 ms at 8 kHz).
const POOL: usize = 100;

fn column<'a>(data: &'a SpeechOutput<f64>, name: &str, i: usize) -> Result<&'a str> {
    let c = data
        .column(name)
        .ok_or_else(|| anyhow::anyhow!("the speech metadata has no column {name}"))?;
    Ok(c.class_names[c.labels[i]].as_str())
}

pub(super) fn run(ctx: &mut Ctx<'_>, data: &SpeechOutput<f64>, sr: u32) -> Result<()> {
    ctx.step("1-D CNN on the two sentences");
    let mut rows = Vec::new();
    for i in 0..data.audio.len() {
        if column(data, "kind", i)? == "sentence" {
            rows.push(i);
        }
    }
    let mut texts: Vec<String> = Vec::new();
    let mut speakers: Vec<String> = Vec::new();
    let (mut y, mut group) = (Vec::new(), Vec::new());
    for &i in &rows {
        let t = column(data, "text", i)?.to_string();
        let s = column(data, "speaker", i)?.to_string();
        let l = texts.iter().position(|x| *x == t).unwrap_or_else(|| {
            texts.push(t);
            texts.len() - 1
        });
        let g = speakers.iter().position(|x| *x == s).unwrap_or_else(|| {
            speakers.push(s);
            speakers.len() - 1
        });
        y.push(l);
        group.push(g);
    }
    ensure!(
        texts.len() == 2,
        "expected the tutorial's two sentences, found {}",
        texts.len()
    );
    // Every recording zero-padded at the end to the longest one.
    let signals: Vec<Array1<f64>> = rows.iter().map(|&i| data.audio[i].to_mono()).collect();
    let len = signals.iter().map(Array1::len).max().unwrap_or(0);
    let x = Array2::from_shape_fn((signals.len(), len), |(r, t)| {
        signals[r].get(t).map_or(0.0, |&v| v as f32)
    });
    let all = Samples::signals(x.view())?.with_labels(y.clone())?;
    let config = Speech1dConfig {
        length: len,
        filters: FILTERS,
        kernel: KERNEL,
        pool: POOL,
        classes: 2,
    };
    let fit = TrainConfig {
        epochs: if ctx.quick { 8 } else { 40 },
        batch_size: 8,
        learning_rate: 3e-3,
        seed: ctx.seed_for("speech cnn batches"),
        ..TrainConfig::default()
    };
    let device = cpu().autodiff();

    // Leave one speaker out (both sentences, both speeds of that voice held out together).
    let folds: Vec<usize> = if ctx.quick {
        (0..speakers.len().min(3)).collect()
    } else {
        (0..speakers.len()).collect()
    };
    let (hits, secs) = timed(|| {
        let (mut hits, mut total) = (0usize, 0usize);
        for &g in &folds {
            let train_idx: Vec<usize> = (0..y.len()).filter(|&i| group[i] != g).collect();
            let test_idx: Vec<usize> = (0..y.len()).filter(|&i| group[i] == g).collect();
            let net = config.init(ctx.seed_for("speech cnn weights"), &device)?;
            let mut obs = BarObserver::new(ctx.bar(), format!("speech 1-D CNN, fold {}", g + 1));
            let trained = cnn::train(net, &all.select(&train_idx)?, None, &fit, &device, &mut obs)?;
            let test = all.select(&test_idx)?;
            let pred = cnn::predict(&trained.network, &test, 16, &device)?;
            hits += pred
                .iter()
                .zip(&test_idx)
                .filter(|(p, i)| **p == y[**i])
                .count();
            total += test_idx.len();
        }
        Ok((hits, total))
    })?;
    let accuracy = hits.0 as f64 / hits.1 as f64;
    ctx.record(Measured {
        name: "speech sentence cnn1d leave-one-speaker-out".into(),
        metric: "accuracy".into(),
        value: accuracy,
        seconds: secs,
        note: format!(
            "The tutorial's 1-D CNN ({FILTERS} filters of {KERNEL} samples, ReLU, max-pooling by {POOL}, dense softmax) on \
             raw {sr} Hz audio of the two sentences, {} epochs of Adam per fold; held out: {} of {} voices in turn, both \
             their recordings.",
            fit.epochs,
            folds.len(),
            speakers.len()
        ),
    });

    // One network on every recording, for its filters.
    let net = config.init(ctx.seed_for("speech cnn weights"), &device)?;
    let mut obs = BarObserver::new(ctx.bar(), "speech 1-D CNN, all recordings");
    let trained = cnn::train(net, &all, None, &fit, &device, &mut obs)?;
    let filters = trained.network.filters();
    let mut panels = Vec::new();
    let t: Vec<f64> = (0..KERNEL)
        .map(|k| 1e3 * k as f64 / f64::from(sr))
        .collect();
    for (i, row) in filters.rows().into_iter().enumerate() {
        let w: Vec<f64> = row.iter().map(|&v| f64::from(v)).collect();
        let (gabor, f, s, r) = best_gabor(&w, f64::from(sr));
        panels.push(
            Panel::new(
                format!(
                    "filter {}: closest Gabor {f:.0} Hz, sigma {s:.0} samples (r={r:.2})",
                    i + 1
                ),
                "milliseconds",
                "weight",
            )
            .with(Series::line("learned", &t, &w, 0))
            .with(Series::with_style(
                "Gabor (scaled)",
                &t,
                &gabor,
                1,
                crate::plot::Style::Dashed,
            )),
        );
    }
    ctx.text(format!(
        "The tutorial's 1-D CNN on raw audio: a convolution of {FILTERS} filters of {KERNEL} samples ({:.1} ms at {sr} Hz) \
         with ReLU, max-pooling by {POOL}, and a dense softmax layer, trained with Adam on the {} recordings of the two \
         sentences (zero-padded to {len} samples). Leave-one-voice-out accuracy: {:.1}% ({} of {} held-out recordings).",
        1e3 * KERNEL as f64 / f64::from(sr),
        y.len(),
        100.0 * accuracy,
        hits.0,
        hits.1
    ));
    ctx.figure(
        &Figure::new(
            "speech-cnn-filters",
            "The first layer's learned filters (trained on every sentence recording), each beside the Gabor filter \
             (a Gaussian-windowed cosine or sine, searched over frequency, width and phase) it correlates with best, \
             scaled to its norm.",
            FILTERS.min(2),
            panels,
        )
        .panel_size(560, 320),
    )
}

/// The Gabor filter (cosine or sine of frequency `f` under a Gaussian of `s` samples, centred)
/// most correlated with `w`: `(its samples scaled to w's norm and sign, f, s, r)`.
fn best_gabor(w: &[f64], sr: f64) -> (Vec<f64>, f64, f64, f64) {
    let n = w.len();
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
    let wn = norm(w);
    let mut best: (Vec<f64>, f64, f64, f64) = (vec![0.0; n], 0.0, 0.0, 0.0);
    let c = (n as f64 - 1.0) / 2.0;
    for fi in 1..=80 {
        let f = fi as f64 * sr / 160.0; // 50 Hz steps at 8 kHz, up to Nyquist
        for s in [4.0, 8.0, 16.0, 32.0, 64.0] {
            for phase in [0.0, std::f64::consts::FRAC_PI_2] {
                let g: Vec<f64> = (0..n)
                    .map(|k| {
                        let t = k as f64 - c;
                        (-(t * t) / (2.0 * s * s)).exp()
                            * (2.0 * std::f64::consts::PI * f * t / sr + phase).cos()
                    })
                    .collect();
                let gn = norm(&g);
                let r: f64 = w.iter().zip(&g).map(|(a, b)| a * b).sum::<f64>() / (wn * gn);
                if r.abs() > best.3.abs() {
                    let scale = r.signum() * wn / gn;
                    best = (g.iter().map(|v| v * scale).collect(), f, s, r);
                }
            }
        }
    }
    best
}
