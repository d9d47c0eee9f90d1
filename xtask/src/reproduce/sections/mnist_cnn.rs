//! Section 10, "MNIST convolutional network": the tutorial's Keras CNN trained on MNIST with
//! its recipe (2 epochs, batch 512, Adam), training curves, the test confusion matrix, and the
//! 32 learned first-layer kernels beside the Gabor kernels they resemble.

use anyhow::{Context, Result};
use indicatif::ProgressBar;
use ndarray::{Array2, Axis};
use sigfeat::cnn::{
    self, BatchProgress, EpochRecord, MnistCnnConfig, Observer, Samples, TrainConfig, cpu,
};
use sigfeat::datasets::{MnistSplit, bundled_mnist};
use sigfeat::filters::{GaborParams, gabor_kernel};

use crate::plot::{Figure, Image, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured};

/// The tutorial's Keras run: 98.05% test accuracy after 2 epochs.
const TUTORIAL_ACCURACY: f64 = 0.9805;

/// Draws training progress on the section's bar and keeps every batch's running loss.
pub(super) struct BarObserver {
    bar: ProgressBar,
    prefix: String,
    /// `(fractional epoch, running loss, running accuracy)` after each batch.
    pub batches: Vec<(f64, f64, f64)>,
}

impl BarObserver {
    pub(super) fn new(bar: ProgressBar, prefix: impl Into<String>) -> Self {
        Self {
            bar,
            prefix: prefix.into(),
            batches: Vec::new(),
        }
    }
}

impl Observer for BarObserver {
    fn batch(&mut self, p: &BatchProgress) {
        self.batches.push((
            (p.epoch - 1) as f64 + p.batch as f64 / p.batches as f64,
            p.loss,
            p.accuracy,
        ));
        self.bar.set_message(format!(
            "{}: epoch {}/{} batch {}/{}: loss {:.4}, accuracy {:.2}%, {:.0} images/s",
            self.prefix,
            p.epoch,
            p.epochs,
            p.batch,
            p.batches,
            p.loss,
            100.0 * p.accuracy,
            p.samples_per_second
        ));
    }
    fn epoch(&mut self, r: &EpochRecord) {
        self.bar.println(format!(
            "  {} epoch {}: loss {:.4}, accuracy {:.2}%, val_loss {}, val_accuracy {}, {:.1} s",
            self.prefix,
            r.epoch,
            r.loss,
            100.0 * r.accuracy,
            r.val_loss.map_or("-".into(), |v| format!("{v:.4}")),
            r.val_accuracy
                .map_or("-".into(), |v| format!("{:.2}%", 100.0 * v)),
            r.seconds
        ));
    }
}

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("reading MNIST");
    let (train_images, train_labels) = bundled_mnist(MnistSplit::Train).context("MNIST train")?;
    let (test_images, test_labels) = bundled_mnist(MnistSplit::Test).context("MNIST test")?;
    // --quick: 3000 training and 1000 test images, two epochs in batches of 128.
    let (n_train, n_test, epochs, batch_size) = if ctx.quick {
        (3000, 1000, 2, 128)
    } else {
        (
            train_images.len_of(Axis(0)),
            test_images.len_of(Axis(0)),
            2,
            512,
        )
    };
    let to_samples = |images: &ndarray::Array3<u8>, labels: &ndarray::Array1<u8>, n: usize| {
        let view = images.slice_axis(Axis(0), ndarray::Slice::from(0..n));
        Samples::images_u8(view)?
            .with_labels(labels.iter().take(n).map(|&l| usize::from(l)).collect())
    };
    let train = to_samples(&train_images, &train_labels, n_train)?;
    let test = to_samples(&test_images, &test_labels, n_test)?;

    let device = cpu().autodiff();
    let config = MnistCnnConfig::default();
    let network = config.init(ctx.seed_for("mnist weights"), &device)?;
    let params = burn_params(&network);
    let fit = TrainConfig {
        epochs,
        batch_size,
        seed: ctx.seed_for("mnist batches"),
        ..TrainConfig::default()
    };
    ctx.step("training");
    let mut observer = BarObserver::new(ctx.bar(), "mnist-cnn");
    let trained = cnn::train(network, &train, Some(&test), &fit, &device, &mut observer)?;
    let eval = cnn::evaluate(&trained.network, &test, 1000, &device)?;
    let seconds: f64 = trained.history.iter().map(|r| r.seconds).sum();
    let per_epoch = seconds / trained.history.len() as f64;

    ctx.text(format!(
        "The tutorial's network, built with burn 0.22 on its pure-Rust CPU backend (flex): two 3x3 convolutions of \
         32 filters with ReLU, 2x2 max-pooling, a dense layer of 128 ReLU units and a dense softmax output; {params} \
         parameters (Keras: 600,810). Keras' initial weights (Glorot uniform, zero biases), categorical cross-entropy, \
         Adam (learning rate 1e-3, Keras' epsilon 1e-7), batches of {batch_size} shuffled every epoch, {epochs} epoch(s) over \
         {n_train} training images scaled to [0, 1], validated on {n_test} test images after each epoch."
    ));
    let rows: Vec<Vec<String>> = trained
        .history
        .iter()
        .map(|r| {
            vec![
                r.epoch.to_string(),
                format!("{:.4}", r.loss),
                format!("{:.2}%", 100.0 * r.accuracy),
                r.val_loss.map_or("-".into(), |v| format!("{v:.4}")),
                r.val_accuracy
                    .map_or("-".into(), |v| format!("{:.2}%", 100.0 * v)),
                format!("{:.1}", r.seconds),
                format!("{:.0}", r.samples_per_second),
            ]
        })
        .collect();
    ctx.table(
        "Training history (Keras' fit log): training loss and accuracy over each epoch, test loss and accuracy after it",
        &[
            "epoch",
            "loss",
            "accuracy",
            "test loss",
            "test accuracy",
            "seconds",
            "images/s",
        ],
        rows,
    );
    curves(ctx, &observer.batches, &trained.history)?;
    confusion(ctx, &eval.confusion.counts)?;
    filters_figure(ctx, &trained.network.first_layer_filters())?;

    let note = format!(
        "Test accuracy of the tutorial's CNN after {epochs} epoch(s) on {n_train} MNIST training images, {n_test} \
         test images (burn flex backend, seeded)."
    );
    let m = Measured {
        name: "mnist accuracy".into(),
        metric: "test accuracy".into(),
        value: eval.accuracy,
        seconds,
        note,
    };
    if ctx.quick {
        ctx.record(m);
    } else {
        ctx.record_vs_tutorial(m, TUTORIAL_ACCURACY);
    }
    ctx.record(Measured {
        name: "mnist seconds per epoch".into(),
        metric: "seconds".into(),
        value: per_epoch,
        seconds,
        note: format!(
            "Wall seconds of one training epoch ({n_train} images, batch {batch_size}) on {} rayon threads.",
            rayon::current_num_threads()
        ),
    });
    Ok(())
}

fn burn_params(net: &cnn::MnistCnn) -> usize {
    use sigfeat::cnn::burn::module::Module as _;
    net.num_params()
}

/// Running loss and accuracy per batch, and the test numbers per epoch.
fn curves(ctx: &mut Ctx<'_>, batches: &[(f64, f64, f64)], history: &[EpochRecord]) -> Result<()> {
    let x: Vec<f64> = batches.iter().map(|b| b.0).collect();
    let loss: Vec<f64> = batches.iter().map(|b| b.1).collect();
    let acc: Vec<f64> = batches.iter().map(|b| b.2).collect();
    let ex: Vec<f64> = history.iter().map(|r| r.epoch as f64).collect();
    let vloss: Vec<f64> = history.iter().filter_map(|r| r.val_loss).collect();
    let vacc: Vec<f64> = history.iter().filter_map(|r| r.val_accuracy).collect();
    let loss_panel = Panel::new("cross-entropy", "epoch", "loss")
        .with(Series::line(
            "training (running mean of the epoch)",
            &x,
            &loss,
            0,
        ))
        .with(Series::with_style(
            "test, after the epoch",
            &ex,
            &vloss,
            1,
            Style::Points,
        ));
    let acc_panel = Panel::new("accuracy", "epoch", "accuracy")
        .with(Series::line(
            "training (running, over the epoch)",
            &x,
            &acc,
            0,
        ))
        .with(Series::with_style(
            "test, after the epoch",
            &ex,
            &vacc,
            1,
            Style::Points,
        ));
    ctx.figure(
        &Figure::new(
            "mnist-training",
            "Training curves: the running mean loss and accuracy within each epoch, batch by batch, and the test \
             loss and accuracy after each epoch.",
            2,
            vec![loss_panel, acc_panel],
        )
        .panel_size(560, 360),
    )
}

/// The confusion matrix as an image and a table.
fn confusion(ctx: &mut Ctx<'_>, counts: &Array2<usize>) -> Result<()> {
    // Row-normalised, on a log scale so the few errors show beside the large diagonal.
    let normalised = Array2::from_shape_fn(counts.dim(), |(i, j)| {
        let row: usize = counts.row(i).sum();
        ((counts[[i, j]] as f64 / row.max(1) as f64) + 1e-4).log10()
    });
    ctx.figure(
        &Figure::new(
            "mnist-confusion",
            "Test confusion matrix, rows the true digit 0-9 (top to bottom), columns the predicted one (left to \
             right): log10 of the row-normalised count, white for the diagonal, black for no confusion.",
            1,
            vec![Panel::image("log10 fraction of the true digit's images", Image::auto(normalised))],
        )
        .panel_size(420, 420),
    )?;
    let rows = counts
        .rows()
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![i.to_string()];
            row.extend(r.iter().map(|c| c.to_string()));
            row
        })
        .collect();
    let mut header = vec!["true \\ predicted"];
    let digits: Vec<String> = (0..10).map(|d| d.to_string()).collect();
    header.extend(digits.iter().map(String::as_str));
    ctx.table("Test confusion matrix (counts)", &header, rows);
    Ok(())
}

/// The 32 learned 3x3 kernels, each beside the 3x3 Gabor kernel (real part, 8 orientations x 3
/// phases x 2 frequencies) it correlates with best.
fn filters_figure(ctx: &mut Ctx<'_>, learned: &Array2<f32>) -> Result<()> {
    let bank = gabor_bank_3x3()?;
    let mut panels = Vec::new();
    let mut total = 0.0;
    for (i, row) in learned.rows().into_iter().enumerate().take(16) {
        let k = Array2::from_shape_fn((3, 3), |(y, x)| f64::from(row[y * 3 + x]));
        let (best, corr, name) = best_match(&k, &bank);
        total += corr.abs();
        panels.push(Panel::image(
            format!("learned {i}"),
            Image::auto(k).symmetric(),
        ));
        panels.push(Panel::image(
            format!("{name} (r {corr:.2})"),
            Image::auto(best).symmetric(),
        ));
    }
    ctx.figure(
        &Figure::new(
            "mnist-filters",
            format!(
                "The first 16 of the 32 learned 3x3 kernels of the first convolution (grey is 0), each beside the \
                 Gabor kernel it resembles most: the real or imaginary part of a 3x3 Gabor kernel (8 orientations, \
                 2 frequencies), with their correlation r (sign included; mean |r| {:.2}).",
                total / 16.0
            ),
            4,
            panels,
        )
        .panel_size(230, 200),
    )
}

/// 3x3 Gabor kernels (real and imaginary parts), with a name each.
fn gabor_bank_3x3() -> Result<Vec<(Array2<f64>, String)>> {
    let mut bank = Vec::new();
    for o in 0..8 {
        let theta = std::f64::consts::PI * o as f64 / 8.0;
        for freq in [0.15, 0.3] {
            let params = GaborParams::new(freq)
                .theta(theta)
                .sigma_x(1.0)
                .sigma_y(1.0);
            let k = gabor_kernel(&params)?;
            let (r, c) = k.dim();
            let (r0, c0) = (r / 2 - 1, c / 2 - 1);
            let crop = |imaginary: bool| {
                Array2::from_shape_fn((3, 3), |(y, x)| {
                    let z = k[[r0 + y, c0 + x]];
                    if imaginary { z.im } else { z.re }
                })
            };
            let deg = 180.0 * theta / std::f64::consts::PI;
            bank.push((crop(false), format!("Gabor re {deg:.0}°, f {freq}")));
            bank.push((crop(true), format!("Gabor im {deg:.0}°, f {freq}")));
        }
    }
    Ok(bank)
}

fn best_match(k: &Array2<f64>, bank: &[(Array2<f64>, String)]) -> (Array2<f64>, f64, String) {
    let centred = |a: &Array2<f64>| {
        let m = a.mean().unwrap_or(0.0);
        let c = a.mapv(|v| v - m);
        let n = c.mapv(|v| v * v).sum().sqrt().max(1e-12);
        c / n
    };
    let kc = centred(k);
    let mut best: (Array2<f64>, f64, String) = (bank[0].0.clone(), 0.0, bank[0].1.clone());
    for (g, name) in bank {
        let r = (&kc * &centred(g)).sum();
        if r.abs() > best.1.abs() {
            // Show the Gabor kernel with the sign that matches.
            best = (g * r.signum(), r, name.clone());
        }
    }
    best
}
