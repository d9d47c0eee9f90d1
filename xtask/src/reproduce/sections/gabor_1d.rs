//! 1-D Gabor features and classification: the tutorial's 9-filter 1-D Gabor bank, responses pooled
//! into mean/std/max features, classified with and without PCA/LDA by 1-NN, logistic regression
//! and linear/RBF SVMs (leave-one-out on the training set, and the standard test split), on six
//! UCR time-series sets; beside them the published 1-NN baselines and MiniRocket + ridge.

use anyhow::Result;
use ndarray::Array1;
use sigfeat::dsp_core::{ConvMode, Fit, Transform};
use sigfeat::features_1d::{FeatureExtractor, FilterBank, MiniRocketParams, Pooling};
use sigfeat::learn::{KnnParams, RidgeClassifierCvParams};

use super::common::{CLASSIFIERS, Reduction, Split, evaluate, test_accuracy, ucr_arrays};
use crate::plot::{Figure, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, Reference, timed};

/// Samples per unit of the filters' time axis (`t` runs over `[-1, 1)`, so 100 taps).
const SAMPLE_RATE: f64 = 50.0;

/// The six bundled UCR sets: name, key used in experiment names, the UCR archive's published
/// 1-NN Euclidean test accuracy, and aeon 1.6.0's MiniRocket + `RidgeClassifierCV` mean test
/// accuracy over seeds 0-4 on the same files (measured 2026-11-26, see
/// `sigfeat::features_1d::MiniRocket`'s docs and its `minirocket_dump` example).
pub(crate) const UCR_SETS: [(&str, &str, f64, f64); 6] = [
    ("GunPoint", "gunpoint", 0.913, 0.997),
    ("ItalyPowerDemand", "italypowerdemand", 0.955, 0.965),
    ("ArrowHead", "arrowhead", 0.800, 0.887),
    ("OSULeaf", "osuleaf", 0.521, 0.921),
    ("Coffee", "coffee", 1.000, 1.000),
    ("Trace", "trace", 0.760, 1.000),
];

/// MiniRocket (10 000 features, f32 series as aeon) + `RidgeClassifierCV(logspace(-3, 3, 10))`:
/// mean test accuracy over `seeds`.
fn minirocket_accuracy(data: &sigfeat::datasets::UcrDataset, seeds: &[u64]) -> Result<f64> {
    let cast = |s: &[Array1<f64>]| -> Vec<Array1<f32>> {
        s.iter().map(|a| a.mapv(|v| v as f32)).collect()
    };
    let (train, test) = (cast(&data.train.series), cast(&data.test.series));
    let alphas: Vec<f64> = (0..10)
        .map(|i| 10f64.powf(-3.0 + 6.0 * f64::from(i) / 9.0))
        .collect();
    let mut total = 0.0;
    for &seed in seeds {
        let model = MiniRocketParams::default().seed(seed).fit(&train, &())?;
        let (ftr, fte) = (model.transform(&train)?, model.transform(&test)?);
        let ridge = RidgeClassifierCvParams::new(&alphas);
        total += test_accuracy(
            &ridge,
            &ftr.mapv(f64::from),
            &data.train.y,
            &fte.mapv(f64::from),
            &data.test.y,
        )?;
    }
    Ok(total / seeds.len() as f64)
}

fn figure(
    ctx: &mut Ctx<'_>,
    bank: &FilterBank<f64>,
    data: &sigfeat::datasets::UcrDataset,
) -> Result<()> {
    let params = sigfeat::filters::tutorial::gabor_filter_bank_params();
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
    .panel_size(420, 320))
}

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let bank = FilterBank::<f64>::tutorial_gabor(
        SAMPLE_RATE,
        Pooling::MEAN_STD_MAX.to_vec(),
        ConvMode::Same,
    )?;
    let mut baseline_rows = Vec::new();
    let mut gabor_rows = Vec::new();
    // Per data set: raw 1-NN, MiniRocket, best Gabor test accuracy (for the figure).
    let mut summary: Vec<[f64; 3]> = Vec::new();
    let seeds: Vec<u64> = if ctx.quick {
        vec![ctx.seed_for("minirocket")]
    } else {
        (0..5).map(|k| ctx.seed_for("minirocket") + k).collect()
    };
    // --quick: the two smallest sets (the table's code path, in seconds).
    let sets: Vec<_> = UCR_SETS
        .into_iter()
        .filter(|(set, ..)| !ctx.quick || ["GunPoint", "Coffee"].contains(set))
        .collect();
    for &(set, key, published_1nn, aeon_minirocket) in &sets {
        ctx.step(&format!("{set}: baselines"));
        let data = sigfeat::datasets::bundled_ucr(set)?;
        if set == "GunPoint" {
            figure(ctx, &bank, &data)?;
        }
        let (ytr, yte) = (&data.train.y, &data.test.y);
        let (xtr, xte) = ucr_arrays(&data)?;
        let sizes = format!(
            "{} train / {} test, length {}, {} classes",
            xtr.nrows(),
            xte.nrows(),
            xtr.ncols(),
            data.classes.len()
        );

        let (nn, nn_secs) = timed(|| test_accuracy(&KnnParams::new(1), &xtr, ytr, &xte, yte))?;
        ctx.record(Measured {
            name: format!("{key} 1nn"),
            metric: format!("test accuracy of 1-NN (Euclidean) on the raw {set} series"),
            value: nn,
            seconds: nn_secs,
            note: format!(
                "{set} ({sizes}): the UCR archive's published 1-NN Euclidean accuracy is {published_1nn:.3}."
            ),
        });
        let (mr, mr_secs) = timed(|| minirocket_accuracy(&data, &seeds))?;
        ctx.record(Measured {
            name: format!("{key} minirocket"),
            metric: format!(
                "test accuracy of MiniRocket (10 000 features) + RidgeClassifierCV on {set}, mean over {} seed(s)",
                seeds.len()
            ),
            value: mr,
            seconds: mr_secs,
            note: format!(
                "aeon 1.6.0's MiniRocket + sklearn RidgeClassifierCV on the same files: {aeon_minirocket:.3} (mean of seeds 0-4)."
            ),
        });
        let files = format!("the bundled {set} files ({sizes}), the archive's own");
        ctx.reference(Reference {
            what: format!("{set}: 1-NN (Euclidean) test accuracy on the raw series"),
            source: "UCR archive, published".into(),
            value: published_1nn,
            their_data: format!("UCR archive {set}, standard split"),
            ours: nn,
            our_data: files.clone(),
        });
        ctx.reference(Reference {
            what: format!("{set}: MiniRocket + RidgeClassifierCV test accuracy"),
            source: "aeon 1.6.0, mean of seeds 0-4".into(),
            value: aeon_minirocket,
            their_data: format!("the same {set} files"),
            ours: mr,
            our_data: format!("{files}; mean of {} seed(s)", seeds.len()),
        });
        baseline_rows.push(vec![
            set.to_string(),
            sizes.clone(),
            format!("{nn:.3}"),
            format!("{published_1nn:.3}"),
            format!("{mr:.3}"),
            format!("{aeon_minirocket:.3}"),
        ]);

        ctx.step(&format!("{set}: Gabor features and classifiers"));
        let ((ftr, fte), fsecs) = timed(|| {
            Ok((
                bank.transform(&data.train.series)?,
                bank.transform(&data.test.series)?,
            ))
        })?;
        let mut best: f64 = 0.0;
        for reduction in Reduction::ALL {
            let mut row = vec![set.to_string(), reduction.label().to_string()];
            for (clf, label) in CLASSIFIERS {
                let data = Split {
                    ftr: &ftr,
                    ytr,
                    fte: &fte,
                    yte,
                };
                let ((loo, test), secs) = evaluate(ctx, clf, reduction, &data)?;
                best = best.max(test);
                let what = format!("{label} on {}", reduction.label());
                for (proto, value, metric) in [
                    ("loo", loo, "leave-one-out accuracy on the training set"),
                    ("test", test, "test accuracy"),
                ] {
                    ctx.record(Measured {
                        name: format!("{key} gabor {clf}{} {proto}", reduction.key()),
                        metric: format!("{metric}, {set}, Gabor-bank features, {what}"),
                        value,
                        seconds: secs + fsecs,
                        note: format!(
                            "{} Gabor-bank features ({}); every pipeline step is fitted inside each fold; seconds include \
                             the feature extraction and both protocols.",
                            bank.n_features(),
                            sizes
                        ),
                    });
                }
                row.push(format!("{test:.3} ({loo:.3})"));
            }
            gabor_rows.push(row);
        }
        summary.push([nn, mr, best]);
    }
    ctx.table(
        "Baselines on the six UCR sets (standard train/test splits): 1-NN Euclidean on the raw series against the \
         UCR archive's published value, and MiniRocket + ridge against aeon's MiniRocket on the same files",
        &[
            "data set",
            "size",
            "1-NN",
            "1-NN published",
            "MiniRocket",
            "aeon MiniRocket",
        ],
        baseline_rows,
    );
    let mut header = vec!["data set", "features"];
    header.extend(CLASSIFIERS.iter().map(|(_, label)| *label));
    ctx.table(
        "The tutorial's 9-filter Gabor bank (mean/std/max pooling, 27 features): test accuracy, and in brackets the \
         leave-one-out accuracy on the training set. Plain LDA (sklearn's svd solver) over-fits the small sets: on \
         Coffee (28 training series for 27 features) its within-class covariance is nearly singular; LDA with \
         Ledoit-Wolf shrinkage (solver=\"eigen\", shrinkage=\"auto\") is the remedy",
        &header,
        gabor_rows,
    );

    let methods = ["1-NN raw", "MiniRocket", "best Gabor pipeline"];
    let mut bars = Panel::new("test accuracy on the UCR sets", "data set", "accuracy")
        .categories(sets.iter().map(|s| s.0));
    for (m, method) in methods.iter().enumerate() {
        let x: Vec<f64> = (0..summary.len())
            .map(|d| d as f64 + (m as f64 - 1.0) * 0.27)
            .collect();
        let y: Vec<f64> = summary.iter().map(|s| s[m]).collect();
        bars = bars.with(Series::method(method, &x, &y, Style::Bars(0.25)));
    }
    ctx.figure(
        &Figure::new(
            "gabor-1d-accuracy",
            "Test accuracy per UCR set: 1-NN on the raw series, MiniRocket + ridge, and the best of the Gabor-bank \
             pipelines (four classifiers, with and without PCA/LDA).",
            1,
            vec![bars],
        )
        .panel_size(900, 360),
    )?;
    Ok(())
}
