//! Prediction and evaluation of a trained [`Network`].

use burn::tensor::{Device, Shape, TensorData};
use learn::ConfusionMatrix;
use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::network::Network;
use crate::{Error, Result, Samples};

/// A network's scores on a labelled set.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Mean cross-entropy (Keras' `categorical_crossentropy` of the softmax).
    pub loss: f64,
    /// Fraction of correct predictions.
    pub accuracy: f64,
    /// The predicted classes.
    pub predictions: Vec<usize>,
    /// `sklearn.metrics.confusion_matrix(y_true, y_pred)`.
    pub confusion: ConfusionMatrix,
}

/// Summary numbers of an [`Evaluation`], for reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Mean cross-entropy.
    pub loss: f64,
    /// Accuracy.
    pub accuracy: f64,
}

/// Logits `[n, classes]` of every sample, in batches of `batch_size`, without gradients.
///
/// # Errors
/// [`Error::Shape`] when the samples do not have the network's input shape; [`Error::Config`]
/// for a zero batch size.
pub fn logits<N: Network>(
    network: &N,
    samples: &Samples,
    batch_size: usize,
    device: &Device,
) -> Result<Array2<f32>> {
    if batch_size == 0 {
        return Err(Error::Config("batch_size must be positive".into()));
    }
    let shape = network.input_shape();
    samples.expect_shape("samples", &shape)?;
    let plain = device.clone().without_autodiff();
    let net = network.valid();
    let classes = network.classes();
    let n = samples.len();
    let size = samples.sample_size();
    let mut out = Vec::with_capacity(n * classes);
    for start in (0..n).step_by(batch_size) {
        let m = batch_size.min(n - start);
        let mut dims = vec![m];
        dims.extend_from_slice(&shape);
        let values = samples.data()[start * size..(start + m) * size].to_vec();
        let logits = net.logits(TensorData::new(values, Shape::from(dims)), &plain);
        // f32 after `convert`; each batch gives m x classes logits, so the n rows fill the matrix.
        let data = logits.into_data().convert::<f32>();
        out.extend_from_slice(data.as_slice::<f32>().expect("converted to f32 just above"));
    }
    Ok(Array2::from_shape_vec((n, classes), out).expect("n rows of `classes` logits"))
}

/// The most likely class of every sample (ties to the lower class, as `numpy.argmax`).
///
/// # Errors
/// As [`logits`].
pub fn predict<N: Network>(
    network: &N,
    samples: &Samples,
    batch_size: usize,
    device: &Device,
) -> Result<Vec<usize>> {
    Ok(argmax_rows(&logits(network, samples, batch_size, device)?))
}

/// Class probabilities (the softmax of the logits), `[n, classes]`.
///
/// # Errors
/// As [`logits`].
pub fn predict_proba<N: Network>(
    network: &N,
    samples: &Samples,
    batch_size: usize,
    device: &Device,
) -> Result<Array2<f32>> {
    let mut z = logits(network, samples, batch_size, device)?;
    for mut row in z.rows_mut() {
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        row.mapv_inplace(|v| (v - max).exp());
        let sum: f32 = row.sum();
        row.mapv_inplace(|v| v / sum);
    }
    Ok(z)
}

pub(crate) fn argmax_rows(z: &Array2<f32>) -> Vec<usize> {
    z.rows()
        .into_iter()
        .map(|row| {
            let mut best = 0;
            for (j, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = j;
                }
            }
            best
        })
        .collect()
}

/// Loss, accuracy and confusion matrix from logits and true labels.
pub(crate) fn evaluate_logits(z: &Array2<f32>, labels: &[usize]) -> Result<Evaluation> {
    let predictions = argmax_rows(z);
    let mut loss = 0.0f64;
    for (row, &y) in z.rows().into_iter().zip(labels) {
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max) as f64;
        let lse = max
            + row
                .iter()
                .map(|&v| (v as f64 - max).exp())
                .sum::<f64>()
                .ln();
        loss += lse - row[y] as f64;
    }
    let n = labels.len();
    Ok(Evaluation {
        loss: loss / n as f64,
        accuracy: learn::accuracy(labels, &predictions)?,
        confusion: learn::confusion_matrix(labels, &predictions)?,
        predictions,
    })
}

/// Writes `network`'s weights to `path` with burn's own record format (burnpack).
///
/// # Errors
/// [`Error::Record`] when the file cannot be written.
pub fn save<N: Network>(network: &N, path: impl AsRef<std::path::Path>) -> Result<()> {
    let path = path.as_ref();
    network.clone().save_file(path).map_err(|e| Error::Record {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// Loads weights saved by [`save`] into `network` (a network of the same configuration, e.g.
/// fresh from its config's `init`), which then predicts exactly as the saved one did.
///
/// # Errors
/// [`Error::Record`] when the file is missing, corrupt, or holds other parameters or shapes.
pub fn load<N: Network>(network: N, path: impl AsRef<std::path::Path>) -> Result<N> {
    let path = path.as_ref();
    network.try_load_file(path).map_err(|e| Error::Record {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}
