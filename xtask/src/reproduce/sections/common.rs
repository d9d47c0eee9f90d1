//! Report glue the sections share: the tutorial's synthetic signal, the shipped images and UCR
//! splits as arrays, and the classifier/reduction grid the UCR tables run. Numerics live in the
//! library; these are compositions of its calls.

use anyhow::{Context, Result};
use ndarray::{Array1, Array2};
use sigfeat::dsp_core::{self, ConvMode, Predict};
use sigfeat::learn::{
    Classifier, KnnParams, LogisticRegressionParams, Pipeline, SvcParams, ValidationOptions,
    leave_one_out,
};
use sigfeat::reduce::{
    Components, LdaParams, LdaSolver, PcaParams, Shrinkage, StandardScalerParams,
};

use crate::plot::Image;
use crate::reproduce::{Ctx, timed};

/// `x` convolved with the sampled, normalised Gaussian of `sigma` samples (radius 4 sigma), numpy's
/// `convolve(x, g, "same")`.
pub(super) fn smooth(x: &Array1<f64>, sigma: f64) -> Result<Array1<f64>> {
    let radius = dsp_core::gaussian_radius(sigma, 4.0)?;
    let g = Array1::from(dsp_core::gaussian_kernel1d::<f64>(sigma, 0, radius)?);
    Ok(dsp_core::convolve(x.view(), g.view(), ConvMode::Same)?)
}

/// The tutorial's quasi-periodic signal `sin t + cos 2t` plus seeded Gaussian noise, on `n` samples
/// of `[0, 8 pi)`; returns `(t, clean, noisy)`.
pub(super) fn quasi_periodic(
    n: usize,
    noise: f64,
    seed: u64,
) -> Result<(Array1<f64>, Array1<f64>, Array1<f64>)> {
    let t = Array1::from_shape_fn(n, |i| 8.0 * std::f64::consts::PI * i as f64 / n as f64);
    let clean = t.mapv(|t| t.sin() + (2.0 * t).cos());
    let noisy = dsp_core::add_gaussian_noise(clean.view(), noise, seed)?;
    Ok((t, clean, noisy))
}

/// A grey image shipped in `datasets/images`, as floats in `[0, 1]`.
pub(super) fn shipped_gray(name: &str) -> Result<Array2<f64>> {
    let path = sigfeat::datasets::shipped_image(name)
        .with_context(|| format!("{name} in datasets/images"))?;
    sigfeat::datasets::read_gray(&path).with_context(|| format!("reading {}", path.display()))
}

/// A grey image shown over `[0, 1]` with square pixels.
pub(super) fn gray(data: Array2<f64>) -> Image {
    Image {
        data,
        vmin: 0.0,
        vmax: 1.0,
        keep_aspect: true,
        rgb: None,
    }
}

/// The training and test series of a bundled UCR set as `(n_series, length)` matrices.
pub(super) fn ucr_arrays(
    data: &sigfeat::datasets::UcrDataset,
) -> Result<(Array2<f64>, Array2<f64>)> {
    let rows = |s: &sigfeat::datasets::Split, which: &str| {
        s.to_array2()
            .with_context(|| format!("{} {which}: series of unequal length", data.name))
    };
    Ok((rows(&data.train, "train")?, rows(&data.test, "test")?))
}

/// Test accuracy of `c` fitted on the training rows.
pub(super) fn test_accuracy<C: Classifier<f64>>(
    c: &C,
    xtr: &Array2<f64>,
    ytr: &[usize],
    xte: &Array2<f64>,
    yte: &[usize],
) -> Result<f64> {
    let pred = c.fit(xtr, ytr)?.predict(xte)?;
    Ok(sigfeat::learn::accuracy(
        yte,
        pred.as_slice().unwrap_or(&[]),
    )?)
}

/// Leave-one-out accuracy of `c` on `x` (folds reported through `opts`' progress, if any).
pub(super) fn loo_accuracy<C: Classifier<f64>>(
    c: &C,
    x: &Array2<f64>,
    y: &[usize],
    opts: ValidationOptions,
) -> Result<f64> {
    Ok(leave_one_out(c, x.view(), y, opts)?.mean_score())
}

/// The reductions the table compares: none, PCA to 95% of the variance, LDA (sklearn's default
/// `svd` solver), and LDA with Ledoit-Wolf shrinkage (`solver="eigen", shrinkage="auto"`), the
/// remedy for LDA over-fitting small sets such as Coffee (28 series, 27 features).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reduction {
    None,
    Pca,
    Lda,
    LdaShrinkage,
}

impl Reduction {
    pub(super) const ALL: [Self; 4] = [Self::None, Self::Pca, Self::Lda, Self::LdaShrinkage];

    pub(super) fn key(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Pca => " pca",
            Self::Lda => " lda",
            Self::LdaShrinkage => " lda-shrinkage",
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Self::None => "scaler",
            Self::Pca => "scaler + PCA (95% variance)",
            Self::Lda => "scaler + LDA",
            Self::LdaShrinkage => "scaler + LDA (Ledoit-Wolf shrinkage)",
        }
    }

    /// Standard scaler, then the reduction: every step fitted inside each fold.
    pub(super) fn pipeline(self) -> Pipeline<f64> {
        let p = Pipeline::new().then(StandardScalerParams::default());
        match self {
            Self::None => p,
            Self::Pca => p.then(PcaParams::new(Components::Variance(0.95))),
            Self::Lda => p.then(LdaParams::default()),
            Self::LdaShrinkage => p.then(
                LdaParams::default()
                    .solver(LdaSolver::Eigen)
                    .shrinkage(Shrinkage::Auto),
            ),
        }
    }
}

/// The classifiers of the table, by experiment key and column label.
pub(super) const CLASSIFIERS: [(&str, &str); 4] = [
    ("1nn", "1-NN"),
    ("logistic", "logistic"),
    ("linear-svm", "linear SVM"),
    ("rbf-svm", "RBF SVM"),
];

/// The data of one table cell: training and test features and labels.
pub(super) struct Split<'a> {
    pub(super) ftr: &'a Array2<f64>,
    pub(super) ytr: &'a [usize],
    pub(super) fte: &'a Array2<f64>,
    pub(super) yte: &'a [usize],
}

/// `(leave-one-out on the training set, test accuracy)` of `reduction` + classifier `clf`, and
/// the seconds both took; the leave-one-out folds show on the section's progress bar.
pub(super) fn evaluate(
    ctx: &Ctx<'_>,
    clf: &str,
    reduction: Reduction,
    data: &Split<'_>,
) -> Result<((f64, f64), f64)> {
    let step = format!("{clf} on {}", reduction.label());
    let opts = ValidationOptions::default().progress(ctx.library_progress(&step));
    timed(|| evaluate_with(clf, reduction, data, &opts))
}

fn evaluate_with(
    clf: &str,
    reduction: Reduction,
    data: &Split<'_>,
    opts: &ValidationOptions,
) -> Result<(f64, f64)> {
    fn both<C: Classifier<f64>>(
        c: &C,
        d: &Split<'_>,
        opts: &ValidationOptions,
    ) -> Result<(f64, f64)> {
        Ok((
            loo_accuracy(c, d.ftr, d.ytr, opts.clone())?,
            test_accuracy(c, d.ftr, d.ytr, d.fte, d.yte)?,
        ))
    }
    let pipe = reduction.pipeline();
    match clf {
        "1nn" => both(&pipe.classifier(KnnParams::new(1)), data, opts),
        "logistic" => both(
            &pipe.classifier(LogisticRegressionParams::new(1.0)),
            data,
            opts,
        ),
        "linear-svm" => both(&pipe.classifier(SvcParams::linear()), data, opts),
        "rbf-svm" => both(&pipe.classifier(SvcParams::rbf()), data, opts),
        other => anyhow::bail!("unknown classifier {other}"),
    }
}
