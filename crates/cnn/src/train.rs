//! The training loop: Adam on cross-entropy in shuffled mini-batches, with validation after
//! each epoch, optional early stopping and shift augmentation, progress reported to an observer.

use std::time::Instant;

use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams};
use burn::tensor::{Device, Int, Shape, Tensor, TensorData};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::network::Network;
use crate::predict::{Evaluation, evaluate_logits, logits};
use crate::{Error, Result, Samples};

/// How to train (defaults: the tutorial's Keras run, `model.fit(x, y, batch_size=512,
/// epochs=2)` with `Adam(learning_rate=1e-3)` and Keras' `epsilon=1e-7`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// Passes over the training set (2).
    pub epochs: usize,
    /// Samples per gradient step (512).
    pub batch_size: usize,
    /// Adam's learning rate (1e-3).
    pub learning_rate: f64,
    /// Factor applied to the learning rate after every epoch (1.0: constant, as the tutorial;
    /// Keras' `LearningRateScheduler(lambda e, lr: lr * decay)`).
    pub learning_rate_decay: f64,
    /// Adam's `beta_1` (0.9).
    pub beta_1: f32,
    /// Adam's `beta_2` (0.999).
    pub beta_2: f32,
    /// Adam's epsilon: Keras' 1e-7 (burn's own default is 1e-5).
    pub epsilon: f32,
    /// Seed of the initial weights' generator is the network's; this one draws the batch order
    /// and the augmentation (0).
    pub seed: u64,
    /// Shuffle the training set every epoch, as Keras' `fit` does (true).
    pub shuffle: bool,
    /// Stop when the validation loss has not improved for a while (off).
    pub early_stopping: Option<EarlyStopping>,
    /// Random shifts of image samples (off).
    pub augmentation: Option<Augmentation>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            epochs: 2,
            batch_size: 512,
            learning_rate: 1e-3,
            learning_rate_decay: 1.0,
            beta_1: 0.9,
            beta_2: 0.999,
            epsilon: 1e-7,
            seed: 0,
            shuffle: true,
            early_stopping: None,
            augmentation: None,
        }
    }
}

/// Keras' `EarlyStopping(monitor="val_loss", patience, min_delta, restore_best_weights)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EarlyStopping {
    /// Epochs without improvement before stopping.
    pub patience: usize,
    /// The least decrease of the validation loss that counts as an improvement.
    pub min_delta: f64,
    /// Return the weights of the best epoch rather than the last.
    pub restore_best: bool,
}

/// Training-time augmentation of images `[channels, height, width]`: each sample is translated
/// by a random whole number of pixels in `-max_shift..=max_shift` along each axis, the uncovered
/// border filled with zeros (Keras' `RandomTranslation(fill_mode="constant")` on the pixel
/// grid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Augmentation {
    /// The largest shift in pixels.
    pub max_shift: usize,
}

/// One epoch's numbers, as Keras' `History` keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean training loss over the epoch's batches (weighted by batch size).
    pub loss: f64,
    /// Training accuracy over the epoch (of the weights as they were at each batch).
    pub accuracy: f64,
    /// Validation loss after the epoch, when a validation set was given.
    pub val_loss: Option<f64>,
    /// Validation accuracy after the epoch.
    pub val_accuracy: Option<f64>,
    /// Wall seconds of the epoch's training (validation excluded).
    pub seconds: f64,
    /// Training samples per second.
    pub samples_per_second: f64,
}

/// Progress inside an epoch, after each batch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchProgress {
    /// 1-based epoch.
    pub epoch: usize,
    /// Epochs planned.
    pub epochs: usize,
    /// Batches done in this epoch.
    pub batch: usize,
    /// Batches per epoch.
    pub batches: usize,
    /// Running mean loss of this epoch.
    pub loss: f64,
    /// Running accuracy of this epoch.
    pub accuracy: f64,
    /// Samples per second so far in this epoch.
    pub samples_per_second: f64,
}

/// Receives progress; binaries draw a progress bar from it. Both methods default to nothing.
pub trait Observer {
    /// After every batch.
    fn batch(&mut self, _progress: &BatchProgress) {}
    /// After every epoch (and its validation).
    fn epoch(&mut self, _record: &EpochRecord) {}
}

/// An observer that ignores everything.
impl Observer for () {}

/// A trained network and its history.
#[derive(Debug, Clone)]
pub struct Trained<N> {
    /// The network (the best epoch's when early stopping restored it).
    pub network: N,
    /// One record per epoch run.
    pub history: Vec<EpochRecord>,
    /// The epoch whose weights `network` holds.
    pub best_epoch: usize,
    /// Whether early stopping ended training before `epochs`.
    pub stopped_early: bool,
}

impl TrainConfig {
    fn check(&self) -> Result<()> {
        let finite = self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate_decay.is_finite()
            && self.learning_rate_decay > 0.0
            && self.epsilon.is_finite()
            && self.epsilon > 0.0
            && (0.0..1.0).contains(&self.beta_1)
            && (0.0..1.0).contains(&self.beta_2);
        if self.epochs == 0 || self.batch_size == 0 || !finite {
            return Err(Error::Config(format!(
                "TrainConfig: epochs and batch_size must be positive, learning_rate and epsilon \
                 positive and finite, learning_rate_decay positive and finite, betas in [0, 1) \
                 (got {self:?})"
            )));
        }
        if let Some(es) = &self.early_stopping
            && !(es.min_delta.is_finite() && es.min_delta >= 0.0)
        {
            return Err(Error::Config(format!(
                "EarlyStopping: min_delta must be finite and >= 0 (got {})",
                es.min_delta
            )));
        }
        Ok(())
    }
}

/// Trains `network` on `train` with `config`, validating on `validation` after each epoch.
///
/// `network` must live on an autodiff device (`device.clone().autodiff()`); the batches are made
/// on that device. Training on the CPU backend is repeatable: the same seeds give the same
/// weights, bit for bit, for the same thread count.
///
/// # Errors
/// [`Error::Config`] for a bad configuration, unlabelled samples, augmentation of non-image
/// samples or early stopping without a validation set; [`Error::Shape`] when the samples do
/// not have the network's input shape; [`Error::LabelOutOfRange`].
pub fn train<N: Network>(
    network: N,
    train: &Samples,
    validation: Option<&Samples>,
    config: &TrainConfig,
    device: &Device,
    observer: &mut dyn Observer,
) -> Result<Trained<N>> {
    config.check()?;
    let shape = network.input_shape();
    let classes = network.classes();
    train.expect_shape("training samples", &shape)?;
    let labels = train.checked_labels(classes)?;
    if let Some(v) = validation {
        v.expect_shape("validation samples", &shape)?;
        v.checked_labels(classes)?;
    } else if config.early_stopping.is_some() {
        return Err(Error::Config(
            "early stopping monitors the validation loss: give a validation set".into(),
        ));
    }
    if config.augmentation.is_some() && shape.len() != 3 {
        return Err(Error::Config(format!(
            "shift augmentation is for images [channels, height, width], not samples of shape \
             {shape:?}"
        )));
    }
    if !device.is_autodiff() {
        return Err(Error::Config(
            "training needs an autodiff device: pass device.clone().autodiff()".into(),
        ));
    }

    let n = train.len();
    let size = train.sample_size();
    let batches = n.div_ceil(config.batch_size);
    let mut optimizer = AdamConfig::new()
        .with_beta_1(config.beta_1)
        .with_beta_2(config.beta_2)
        .with_epsilon(config.epsilon)
        .init();
    let loss_fn = CrossEntropyLossConfig::new().init(device);
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut order: Vec<usize> = (0..n).collect();
    let mut batch_values = Vec::with_capacity(config.batch_size * size);
    let mut batch_labels = Vec::with_capacity(config.batch_size);

    let mut network = network;
    let mut history = Vec::with_capacity(config.epochs);
    let mut best: Option<(f64, usize, N)> = None;
    let mut since_best = 0;
    let mut stopped_early = false;

    let mut learning_rate = config.learning_rate;
    for epoch in 1..=config.epochs {
        if config.shuffle {
            order.shuffle(&mut rng);
        }
        let start = Instant::now();
        let (mut loss_sum, mut hits, mut seen) = (0.0f64, 0usize, 0usize);
        for (b, chunk) in order.chunks(config.batch_size).enumerate() {
            batch_values.clear();
            batch_labels.clear();
            for &i in chunk {
                let sample = train.sample(i);
                match &config.augmentation {
                    Some(aug) => shift_into(&mut batch_values, sample, &shape, aug, &mut rng),
                    None => batch_values.extend_from_slice(sample),
                }
                batch_labels.push(labels[i] as i64);
            }
            let m = chunk.len();
            let mut dims = vec![m];
            dims.extend_from_slice(&shape);
            let x = TensorData::new(batch_values.clone(), Shape::from(dims));
            let out = network.logits(x, device);
            let targets = Tensor::<1, Int>::from_data(
                TensorData::new(batch_labels.clone(), Shape::new([m])),
                device,
            );
            let predicted = out.clone().argmax(1).flatten::<1>(0, 1);
            let loss = loss_fn.forward(out, targets.clone());
            let grads = GradientsParams::from_grads(loss.backward(), &network);
            network = optimizer.step(learning_rate, network, grads);
            let loss_value: f64 = loss.into_scalar::<f32>().into();
            let correct: i64 = predicted.equal(targets).int().sum().into_scalar::<i64>();
            loss_sum += loss_value * m as f64;
            hits += correct as usize;
            seen += m;
            let elapsed = start.elapsed().as_secs_f64();
            observer.batch(&BatchProgress {
                epoch,
                epochs: config.epochs,
                batch: b + 1,
                batches,
                loss: loss_sum / seen as f64,
                accuracy: hits as f64 / seen as f64,
                samples_per_second: seen as f64 / elapsed.max(1e-9),
            });
        }
        let seconds = start.elapsed().as_secs_f64();
        learning_rate *= config.learning_rate_decay;
        let (val_loss, val_accuracy) = match validation {
            Some(v) => {
                let e = evaluate(&network.valid(), v, config.batch_size.max(256), device)?;
                (Some(e.loss), Some(e.accuracy))
            }
            None => (None, None),
        };
        let record = EpochRecord {
            epoch,
            loss: loss_sum / seen as f64,
            accuracy: hits as f64 / seen as f64,
            val_loss,
            val_accuracy,
            seconds,
            samples_per_second: seen as f64 / seconds.max(1e-9),
        };
        observer.epoch(&record);
        history.push(record);

        if let (Some(es), Some(vl)) = (&config.early_stopping, val_loss) {
            let improved = best.as_ref().is_none_or(|(b, _, _)| vl < b - es.min_delta);
            if improved {
                best = Some((vl, epoch, network.clone()));
                since_best = 0;
            } else {
                since_best += 1;
                if since_best >= es.patience.max(1) && epoch < config.epochs {
                    stopped_early = true;
                    break;
                }
            }
        }
    }
    let last = history.len();
    let (network, best_epoch) = match (config.early_stopping, best) {
        (Some(es), Some((_, epoch, net))) if es.restore_best => (net, epoch),
        _ => (network, last),
    };
    Ok(Trained {
        network,
        history,
        best_epoch,
        stopped_early,
    })
}

/// Loss, accuracy and confusion matrix of `network` on labelled `samples`.
///
/// # Errors
/// As [`crate::predict`], and [`Error::LabelOutOfRange`] / [`Error::Config`] for missing labels.
pub fn evaluate<N: Network>(
    network: &N,
    samples: &Samples,
    batch_size: usize,
    device: &Device,
) -> Result<Evaluation> {
    let labels = samples.checked_labels(network.classes())?;
    let out = logits(network, samples, batch_size, device)?;
    evaluate_logits(&out, labels)
}

/// Appends `sample` (`[c, h, w]`) translated by a random shift, zero-filled.
fn shift_into(
    out: &mut Vec<f32>,
    sample: &[f32],
    shape: &[usize],
    aug: &Augmentation,
    rng: &mut ChaCha8Rng,
) {
    let (c, h, w) = (shape[0], shape[1], shape[2]);
    let s = aug.max_shift as i64;
    let dy = rng.random_range(-s..=s) as isize;
    let dx = rng.random_range(-s..=s) as isize;
    let base = out.len();
    out.resize(base + sample.len(), 0.0);
    let dst = &mut out[base..];
    for ch in 0..c {
        for y in 0..h as isize {
            let sy = y - dy;
            if sy < 0 || sy >= h as isize {
                continue;
            }
            for x in 0..w as isize {
                let sx = x - dx;
                if sx < 0 || sx >= w as isize {
                    continue;
                }
                dst[(ch * h + y as usize) * w + x as usize] =
                    sample[(ch * h + sy as usize) * w + sx as usize];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_moves_pixels_and_zero_fills() {
        let shape = [1, 3, 4];
        let sample: Vec<f32> = (1..=12).map(|v| v as f32).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..50 {
            let mut out = Vec::new();
            let mut probe = rng.clone();
            let dy = probe.random_range(-1i64..=1) as isize;
            let dx = probe.random_range(-1i64..=1) as isize;
            shift_into(
                &mut out,
                &sample,
                &shape,
                &Augmentation { max_shift: 1 },
                &mut rng,
            );
            for y in 0..3isize {
                for x in 0..4isize {
                    let (sy, sx) = (y - dy, x - dx);
                    let want = if (0..3).contains(&sy) && (0..4).contains(&sx) {
                        sample[(sy * 4 + sx) as usize]
                    } else {
                        0.0
                    };
                    assert_eq!(out[(y * 4 + x) as usize], want);
                }
            }
        }
    }
}
