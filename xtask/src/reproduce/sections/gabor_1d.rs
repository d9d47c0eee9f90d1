//! 1-D Gabor features and classification: the tutorial's 9-filter 1-D Gabor bank, responses pooled
//! into mean/std/max features, and classifiers on the GunPoint time series (UCR).

use anyhow::{Context, Result};
use features_1d::{FeatureExtractor, FilterBank, Pooling};
use learn::{Classifier, KnnParams, Model, NearestCentroidParams};
use ndarray::{Array1, Array2};
use sigfeat::dsp_core::ConvMode;

use crate::plot::{Figure, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

/// Samples per unit of the filters' time axis (`t` runs over `[-1, 1)`, so 100 taps).
const SAMPLE_RATE: f64 = 50.0;

fn rows(series: &[Array1<f64>]) -> Result<Array2<f64>> {
    let n = series.first().map_or(0, Array1::len);
    let flat: Vec<f64> = series.iter().flat_map(|s| s.iter().copied()).collect();
    Array2::from_shape_vec((series.len(), n), flat).context("series of equal length")
}

fn accuracy<C: Classifier<f64>>(
    c: &C,
    xtr: &Array2<f64>,
    ytr: &[usize],
    xte: &Array2<f64>,
    yte: &[usize],
) -> Result<f64> {
    let pred = c.fit(xtr.view(), ytr)?.predict(xte.view())?;
    Ok(learn::accuracy(yte, pred.as_slice().unwrap_or(&[]))?)
}

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("Gabor bank");
    let data = datasets::bundled_ucr("GunPoint")?;
    let bank = FilterBank::<f64>::tutorial_gabor(
        SAMPLE_RATE,
        Pooling::MEAN_STD_MAX.to_vec(),
        ConvMode::Same,
    )?;
    let params = filters::gabor_filter_bank_params();

    let taps: Vec<f64> = (0..bank.kernels()[0].len())
        .map(|i| -1.0 + i as f64 / SAMPLE_RATE)
        .collect();
    let mut kernels = Panel::new("tutorial Gabor filters, s = pi/2", "t", "g(t)");
    for (k, ((s, f), kern)) in params.iter().zip(bank.kernels()).enumerate().take(3) {
        kernels = kernels.with(Series::line(
            format!("s {s:.2}, f {f}"),
            &taps,
            &kern.to_vec(),
            k,
        ));
    }
    let mut signals = Panel::new("GunPoint: first series of each class", "sample", "value");
    let mut responses = Panel::new(
        "responses of the first series (same mode)",
        "sample",
        "response",
    );
    for (c, class) in data.classes.iter().enumerate() {
        if let Some(i) = data.train.y.iter().position(|&y| y == c) {
            let s = &data.train.series[i];
            let x: Vec<f64> = (0..s.len()).map(|v| v as f64).collect();
            signals = signals.with(Series::line(format!("class {class}"), &x, &s.to_vec(), c));
            if c == 0 {
                for (k, (ps, pf)) in params.iter().enumerate().take(3) {
                    responses = responses.with(Series::with_style(
                        format!("s {ps:.2}, f {pf}"),
                        &x,
                        &bank.response(s.view(), k)?.to_vec(),
                        k,
                        Style::Line,
                    ));
                }
            }
        }
    }
    ctx.figure(&Figure::new(
        "gabor-1d-bank",
        format!(
            "The tutorial's 1-D Gabor filters (s from pi/2 to 3 pi/2, f 1 to 3, {SAMPLE_RATE} samples per unit, 9 filters), \
             GunPoint series of both classes, and a series filtered by three of them; each response is pooled by mean, std \
             and max into {} features.",
            bank.n_features()
        ),
        3,
        vec![kernels, signals, responses],
    )
    .panel_size(420, 320))?;

    ctx.step("features and classifiers");
    let ((ftr, fte), fsecs) = timed(|| {
        Ok((
            bank.transform(&data.train.series)?,
            bank.transform(&data.test.series)?,
        ))
    })?;
    let (xtr, xte) = (rows(&data.train.series)?, rows(&data.test.series)?);
    let (ytr, yte) = (&data.train.y, &data.test.y);
    let mut table = Vec::new();
    let cases: [(&'static str, &'static str, bool, &str); 3] = [
        (
            "gunpoint-1nn-raw",
            "1-NN on the raw series (Euclidean)",
            false,
            "knn",
        ),
        (
            "gunpoint-1nn-gabor",
            "1-NN on the Gabor features",
            true,
            "knn",
        ),
        (
            "gunpoint-centroid-gabor",
            "nearest centroid on the Gabor features",
            true,
            "centroid",
        ),
    ];
    for (name, what, gabor, clf) in cases {
        let (tr, te) = if gabor { (&ftr, &fte) } else { (&xtr, &xte) };
        let (acc, secs) = timed(|| match clf {
            "knn" => accuracy(&KnnParams::new(1), tr, ytr, te, yte),
            _ => accuracy(&NearestCentroidParams::new(), tr, ytr, te, yte),
        })?;
        table.push(vec![
            what.to_string(),
            format!("{} x {}", tr.nrows(), tr.ncols()),
            format!("{acc:.4}"),
        ]);
        ctx.record(Measured {
            name,
            metric: "test accuracy, GunPoint (50 train / 150 test)",
            value: acc,
            tutorial_value: None,
            seconds: secs + if gabor { fsecs } else { 0.0 },
            note: if gabor {
                format!("{what}; seconds include the feature extraction of all 200 series.")
            } else {
                "The UCR archive's published 1-NN Euclidean accuracy for GunPoint is 0.913."
                    .to_string()
            },
        });
    }
    ctx.table(
        "GunPoint test accuracy",
        &["classifier", "training matrix", "accuracy"],
        table,
    );
    Ok(())
}
