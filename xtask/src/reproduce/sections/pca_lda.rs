//! PCA and LDA: principal components and the linear discriminant of the GunPoint series, and
//! classification in the reduced spaces: progressive-PCA accuracy curves, PCA against LDA
//! projections, and PCA + SVM against LDA + SVM.

use anyhow::Result;
use ndarray::Array2;
use sigfeat::dsp_core::{Fit, Predict, Transform};
use sigfeat::learn::{KnnParams, SvcParams};
use sigfeat::reduce::{Components, Lda, Pca};

use super::common::{Reduction, Split, evaluate, test_accuracy, ucr_arrays};
use crate::plot::{Figure, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("PCA");
    let data = sigfeat::datasets::bundled_ucr("GunPoint")?;
    let (xtr, xte) = ucr_arrays(&data)?;
    let (ytr, yte) = (&data.train.y, &data.test.y);

    let (full, secs) = timed(|| Ok(Pca::params().fit(&xtr, &())?))?;
    let ratio = full.explained_variance_ratio();
    let cum: Vec<f64> = ratio
        .iter()
        .scan(0.0, |acc: &mut f64, r| {
            *acc += r;
            Some(*acc)
        })
        .collect();
    // sklearn's PCA(n_components=0.9): the fewest components explaining more than 90%.
    let k90 = Pca::params()
        .n_components(Components::Variance(0.9))
        .fit(&xtr, &())?
        .n_components();
    let recon = full.inverse_transform(&full.transform(&xtr)?)?;
    let recon_err = recon
        .iter()
        .zip(&xtr)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);

    let two = Pca::params()
        .n_components(Components::Count(2))
        .fit(&xtr, &())?;
    let z = two.transform(&xte)?;
    let lda = Lda::params().fit(&xtr, &ytr)?;
    let l = lda.transform(&xte)?;

    let ks: Vec<f64> = (1..=ratio.len().min(20)).map(|k| k as f64).collect();
    let mut scatter = Panel::new("test series on the first two components", "PC 1", "PC 2");
    let mut hist = Panel::new("test series on the discriminant", "LDA 1", "count");
    for (c, class) in data.classes.iter().enumerate() {
        let idx: Vec<usize> = (0..yte.len()).filter(|&i| yte[i] == c).collect();
        let (px, py): (Vec<f64>, Vec<f64>) = idx.iter().map(|&i| (z[[i, 0]], z[[i, 1]])).unzip();
        scatter = scatter.with(Series::with_style(
            format!("class {class}"),
            &px,
            &py,
            c,
            Style::Points,
        ));
        // A 20-bin histogram of the projection per class, on a common grid.
        let (lo, hi) = l
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let w = (hi - lo) / 20.0;
        let mut counts = vec![0.0; 20];
        for &i in &idx {
            counts[(((l[[i, 0]] - lo) / w) as usize).min(19)] += 1.0;
        }
        let centres: Vec<f64> = (0..20).map(|b| lo + (b as f64 + 0.5) * w).collect();
        hist = hist.with(Series::with_style(
            format!("class {class}"),
            &centres,
            &counts,
            c,
            Style::Bars(w),
        ));
    }
    ctx.figure(&Figure::new(
        "pca-lda-gunpoint",
        format!(
            "PCA of the 50 GunPoint training series (150 samples each): cumulative explained variance ({k90} components \
             reach 90%), the test series on the first two components, and on the single linear discriminant."
        ),
        3,
        vec![
            Panel::new("cumulative explained variance", "components", "ratio")
                .with(Series::line("", &ks, &cum[..ks.len()], 0)),
            scatter,
            hist,
        ],
    )
    .panel_size(420, 320))?;
    ctx.record(Measured {
        name: "pca-components-90pct".into(),
        metric: "components explaining 90% of the variance".into(),
        value: k90 as f64,
        seconds: secs,
        note: "GunPoint series are smooth: a handful of components carry most of their variance."
            .into(),
    });
    ctx.record(Measured {
        name: "pca-reconstruction-error".into(),
        metric: "max |inverse_transform(transform(X)) - X|, all components".into(),
        value: recon_err,
        seconds: 0.0,
        note: "With every component kept, PCA is a rotation: the data come back to rounding."
            .into(),
    });

    ctx.step("classification in reduced spaces");
    let mut table = Vec::new();
    for k in [2usize, k90, 10] {
        let (acc, s) = timed(|| {
            let p = Pca::params()
                .n_components(Components::Count(k))
                .fit(&xtr, &())?;
            let (ztr, zte) = (p.transform(&xtr)?, p.transform(&xte)?);
            test_accuracy(&KnnParams::new(1), &ztr, ytr, &zte, yte)
        })?;
        table.push(vec![format!("PCA {k} + 1-NN"), format!("{acc:.4}")]);
        if k == 10 {
            ctx.record(Measured {
                name: "pca10-1nn-accuracy".into(),
                metric: "test accuracy, 1-NN on 10 principal components".into(),
                value: acc,
                seconds: s,
                note: "Compare with 0.913 for 1-NN on the raw series (gabor-1d section).".into(),
            });
        }
    }
    let (lda_acc, lsecs) = timed(|| {
        let pred = lda.predict(&xte)?;
        Ok(sigfeat::learn::accuracy(
            yte,
            pred.as_slice().unwrap_or(&[]),
        )?)
    })?;
    table.push(vec!["LDA classifier".into(), format!("{lda_acc:.4}")]);
    ctx.table(
        "GunPoint test accuracy after reduction",
        &["model", "accuracy"],
        table,
    );
    ctx.record(Measured {
        name: "lda-accuracy".into(),
        metric: "test accuracy of the LDA classifier".into(),
        value: lda_acc,
        seconds: lsecs,
        note: "50 training series in 150 dimensions: the within-class covariance is singular and LDA over-fits.".into(),
    });

    progressive_pca(ctx)?;
    pca_vs_lda(ctx)?;
    svm_table(ctx)
}

/// Test accuracy as the number of principal components grows (PCA fitted on the training
/// series), for 1-NN and a linear SVM, on GunPoint and Trace.
fn progressive_pca(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("progressive PCA");
    let mut panels = Vec::new();
    for (set, key) in [("GunPoint", "gunpoint"), ("Trace", "trace")] {
        let data = sigfeat::datasets::bundled_ucr(set)?;
        let (xtr, xte) = ucr_arrays(&data)?;
        let (ytr, yte) = (&data.train.y, &data.test.y);
        let kmax = if ctx.quick { 8 } else { 20 }.min(xtr.nrows() - 1);
        let ks: Vec<usize> = (1..=kmax).collect();
        let ((nn, svm), secs) = timed(|| {
            let mut nn = Vec::with_capacity(ks.len());
            let mut svm = Vec::with_capacity(ks.len());
            for &k in &ks {
                let p = Pca::params()
                    .n_components(Components::Count(k))
                    .fit(&xtr, &())?;
                let (ztr, zte) = (p.transform(&xtr)?, p.transform(&xte)?);
                nn.push(test_accuracy(&KnnParams::new(1), &ztr, ytr, &zte, yte)?);
                svm.push(test_accuracy(&SvcParams::linear(), &ztr, ytr, &zte, yte)?);
            }
            Ok((nn, svm))
        })?;
        let raw = test_accuracy(&KnnParams::new(1), &xtr, ytr, &xte, yte)?;
        let kx: Vec<f64> = ks.iter().map(|&k| k as f64).collect();
        panels.push(
            Panel::new(
                format!("{set}: accuracy vs components"),
                "components",
                "test accuracy",
            )
            .with(Series::method("PCA + 1-NN", &kx, &nn, Style::Line))
            .with(Series::method("PCA + linear SVM", &kx, &svm, Style::Line))
            .with(Series::method(
                "1-NN raw",
                &[1.0, kmax as f64],
                &[raw, raw],
                Style::Dashed,
            )),
        );
        let (best_k, best) =
            nn.iter().enumerate().fold(
                (0, 0.0),
                |(bk, b), (i, &a)| if a > b { (i, a) } else { (bk, b) },
            );
        ctx.record(Measured {
            name: format!("{key} progressive-pca best 1nn"),
            metric: format!("best test accuracy of PCA(k) + 1-NN on {set}, k = 1..{kmax}"),
            value: best,
            seconds: secs,
            note: format!(
                "Reached at k = {}; 1-NN on all {} raw dimensions gives {raw:.3}.",
                ks[best_k],
                xtr.ncols()
            ),
        });
    }
    ctx.figure(
        &Figure::new(
            "pca-progressive",
            "Progressive PCA: test accuracy of 1-NN and of a linear SVM on the first k principal components \
             (fitted on the training series), against 1-NN on the raw series (dashed).",
            2,
            panels,
        )
        .panel_size(460, 320),
    )
}

/// The Trace test series (4 classes) on the first two principal components and on the first two
/// linear discriminants, both fitted on the training series.
fn pca_vs_lda(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("PCA vs LDA");
    let data = sigfeat::datasets::bundled_ucr("Trace")?;
    let (xtr, xte) = ucr_arrays(&data)?;
    let pca = Pca::params()
        .n_components(Components::Count(2))
        .fit(&xtr, &())?;
    let lda = Lda::params().fit(&xtr, &data.train.y)?;
    let (z, l) = (pca.transform(&xte)?, lda.transform(&xte)?);
    let mut p1 = Panel::new("Trace test series: PCA", "PC 1", "PC 2");
    let mut p2 = Panel::new("Trace test series: LDA", "LD 1", "LD 2");
    for (c, class) in data.classes.iter().enumerate() {
        let idx: Vec<usize> = (0..data.test.y.len())
            .filter(|&i| data.test.y[i] == c)
            .collect();
        let pick = |m: &Array2<f64>| -> (Vec<f64>, Vec<f64>) {
            idx.iter().map(|&i| (m[[i, 0]], m[[i, 1]])).unzip()
        };
        let (ax, ay) = pick(&z);
        let (bx, by) = pick(&l);
        let label = format!("class {class}");
        p1 = p1.with(Series::with_style(
            label.clone(),
            &ax,
            &ay,
            c,
            Style::Points,
        ));
        p2 = p2.with(Series::with_style(label, &bx, &by, c, Style::Points));
    }
    ctx.figure(
        &Figure::new(
            "pca-vs-lda-trace",
            "PCA keeps the directions of largest variance, LDA those that separate the classes: the Trace test \
             series (4 classes, 275 samples) projected on two components of each, fitted on the training series.",
            2,
            vec![p1, p2],
        )
        .panel_size(460, 360),
    )
}

/// PCA + SVM against LDA + SVM (standard scaler first; every step fitted inside each fold):
/// leave-one-out on the training set and test accuracy, on the raw series of three UCR sets.
fn svm_table(ctx: &mut Ctx<'_>) -> Result<()> {
    let mut table = Vec::new();
    let sets: &[(&str, &str)] = if ctx.quick {
        &[("GunPoint", "gunpoint")]
    } else {
        &[
            ("GunPoint", "gunpoint"),
            ("Trace", "trace"),
            ("OSULeaf", "osuleaf"),
        ]
    };
    for &(set, key) in sets {
        ctx.step(&format!("{set}: PCA + SVM vs LDA + SVM"));
        let data = sigfeat::datasets::bundled_ucr(set)?;
        let (xtr, xte) = ucr_arrays(&data)?;
        let (ytr, yte) = (&data.train.y, &data.test.y);
        for reduction in [Reduction::Pca, Reduction::Lda] {
            let mut row = vec![set.to_string(), reduction.label().to_string()];
            for clf in ["linear-svm", "rbf-svm"] {
                let data = Split {
                    ftr: &xtr,
                    ytr,
                    fte: &xte,
                    yte,
                };
                let ((loo, test), secs) = evaluate(ctx, clf, reduction, &data)?;
                for (proto, value) in [("loo", loo), ("test", test)] {
                    ctx.record(Measured {
                        name: format!("{key}{} {clf} {proto}", reduction.key()),
                        metric: format!(
                            "{} accuracy of {} + {clf} on the raw {set} series",
                            if proto == "loo" {
                                "leave-one-out (training set)"
                            } else {
                                "test"
                            },
                            reduction.label()
                        ),
                        value,
                        seconds: secs,
                        note: "Scaler and reduction are fitted inside each fold, never on the held-out series."
                            .into(),
                    });
                }
                row.push(format!("{test:.3} ({loo:.3})"));
            }
            table.push(row);
        }
    }
    ctx.table(
        "PCA + SVM against LDA + SVM on the raw series: test accuracy, and in brackets leave-one-out accuracy on \
         the training set",
        &["data set", "reduction", "linear SVM", "RBF SVM"],
        table,
    );
    Ok(())
}
