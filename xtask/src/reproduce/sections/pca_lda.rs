//! PCA and LDA: principal components and the linear discriminant of the GunPoint series, and
//! classification in the reduced spaces.

use anyhow::{Context, Result};
use learn::{Classifier, KnnParams, Model};
use ndarray::{Array1, Array2};
use reduce::{Components, Lda, Pca};

use crate::plot::{Figure, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

fn rows(series: &[Array1<f64>]) -> Result<Array2<f64>> {
    let n = series.first().map_or(0, Array1::len);
    let flat: Vec<f64> = series.iter().flat_map(|s| s.iter().copied()).collect();
    Array2::from_shape_vec((series.len(), n), flat).context("series of equal length")
}

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("PCA");
    let data = datasets::bundled_ucr("GunPoint")?;
    let (xtr, xte) = (rows(&data.train.series)?, rows(&data.test.series)?);
    let (ytr, yte) = (&data.train.y, &data.test.y);

    let (full, secs) = timed(|| Ok(Pca::params().fit_array(&xtr)?))?;
    let ratio = full.explained_variance_ratio();
    let cum: Vec<f64> = ratio
        .iter()
        .scan(0.0, |acc: &mut f64, r| {
            *acc += r;
            Some(*acc)
        })
        .collect();
    let k90 = cum
        .iter()
        .position(|&c| c >= 0.9)
        .map_or(cum.len(), |i| i + 1);
    let recon = full.inverse_transform(&full.transform(&xtr)?)?;
    let recon_err = recon
        .iter()
        .zip(&xtr)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);

    let two = Pca::params()
        .n_components(Components::Count(2))
        .fit_array(&xtr)?;
    let z = two.transform(&xte)?;
    let lda = Lda::params().fit_array(&xtr, &Array1::from(ytr.clone()))?;
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
        name: "pca-components-90pct",
        metric: "components explaining 90% of the variance",
        value: k90 as f64,
        tutorial_value: None,
        seconds: secs,
        note: "GunPoint series are smooth: a handful of components carry most of their variance."
            .into(),
    });
    ctx.record(Measured {
        name: "pca-reconstruction-error",
        metric: "max |inverse_transform(transform(X)) - X|, all components",
        value: recon_err,
        tutorial_value: None,
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
                .fit_array(&xtr)?;
            let (ztr, zte) = (p.transform(&xtr)?, p.transform(&xte)?);
            let pred = KnnParams::new(1)
                .fit(ztr.view(), ytr)?
                .predict(zte.view())?;
            Ok(learn::accuracy(yte, pred.as_slice().unwrap_or(&[]))?)
        })?;
        table.push(vec![format!("PCA {k} + 1-NN"), format!("{acc:.4}")]);
        if k == 10 {
            ctx.record(Measured {
                name: "pca10-1nn-accuracy",
                metric: "test accuracy, 1-NN on 10 principal components",
                value: acc,
                tutorial_value: None,
                seconds: s,
                note: "Compare with 0.913 for 1-NN on the raw series (gabor-1d section).".into(),
            });
        }
    }
    let (lda_acc, lsecs) = timed(|| {
        let pred = lda.predict(&xte)?;
        Ok(learn::accuracy(yte, pred.as_slice().unwrap_or(&[]))?)
    })?;
    table.push(vec!["LDA classifier".into(), format!("{lda_acc:.4}")]);
    ctx.table(
        "GunPoint test accuracy after reduction",
        &["model", "accuracy"],
        table,
    );
    ctx.record(Measured {
        name: "lda-accuracy",
        metric: "test accuracy of the LDA classifier",
        value: lda_acc,
        tutorial_value: None,
        seconds: lsecs,
        note: "50 training series in 150 dimensions: the within-class covariance is singular and LDA over-fits.".into(),
    });
    Ok(())
}
