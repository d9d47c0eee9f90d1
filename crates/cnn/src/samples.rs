//! Labelled samples of one fixed shape, the input of training and prediction.

use ndarray::{ArrayView2, ArrayView3};

use crate::{Error, Result};

/// `n` samples of one shape (`[channels, height, width]` for images, `[channels, length]` for
/// signals), stored contiguously as `f32`, with optional class labels.
///
/// Built from `ndarray` views by [`Samples::images_u8`], [`Samples::images`] and
/// [`Samples::signals`], which check everything a network would otherwise panic on: no samples,
/// empty samples, NaN or infinite values, as many labels as samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    data: Vec<f32>,
    shape: Vec<usize>,
    labels: Option<Vec<usize>>,
}

impl Samples {
    /// Grey images `(n, height, width)` of bytes, scaled to `[0, 1]` (`x / 255`, as the tutorial's
    /// `x_train.astype('float32') / 255`), one channel.
    ///
    /// # Errors
    /// [`Error::Empty`] when there is no image or an image has no pixel.
    pub fn images_u8(images: ArrayView3<'_, u8>) -> Result<Self> {
        let (n, h, w) = images.dim();
        check_nonempty("images", n, h * w)?;
        let data = images.iter().map(|&v| f32::from(v) / 255.0).collect();
        Ok(Self {
            data,
            shape: vec![1, h, w],
            labels: None,
        })
    }

    /// Grey images `(n, height, width)` of any finite values, taken as they are, one channel.
    ///
    /// # Errors
    /// [`Error::Empty`] as [`Samples::images_u8`]; [`Error::NonFinite`] for NaN or infinities.
    pub fn images(images: ArrayView3<'_, f32>) -> Result<Self> {
        let (n, h, w) = images.dim();
        check_nonempty("images", n, h * w)?;
        let data: Vec<f32> = images.iter().copied().collect();
        check_finite("images", &data)?;
        Ok(Self {
            data,
            shape: vec![1, h, w],
            labels: None,
        })
    }

    /// Signals `(n, length)` (e.g. raw audio), one channel.
    ///
    /// # Errors
    /// [`Error::Empty`] when there is no signal or the signals are empty; [`Error::NonFinite`].
    pub fn signals(signals: ArrayView2<'_, f32>) -> Result<Self> {
        let (n, len) = signals.dim();
        check_nonempty("signals", n, len)?;
        let data: Vec<f32> = signals.iter().copied().collect();
        check_finite("signals", &data)?;
        Ok(Self {
            data,
            shape: vec![1, len],
            labels: None,
        })
    }

    /// Samples of any per-sample `shape` from a flat row-major buffer of `n * prod(shape)` values.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::Shape`] when the length is not a multiple of the sample size,
    /// [`Error::NonFinite`].
    pub fn from_flat(data: Vec<f32>, shape: &[usize]) -> Result<Self> {
        let size: usize = shape.iter().product();
        if shape.is_empty() || size == 0 || data.is_empty() {
            return Err(Error::Empty { what: "samples" });
        }
        if !data.len().is_multiple_of(size) {
            return Err(Error::Shape {
                what: "samples",
                expected: format!("a multiple of {size} values (samples of shape {shape:?})"),
                found: vec![data.len()],
            });
        }
        check_finite("samples", &data)?;
        Ok(Self {
            data,
            shape: shape.to_vec(),
            labels: None,
        })
    }

    /// The same samples with class labels (one per sample).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] unless there is one label per sample.
    pub fn with_labels(mut self, labels: Vec<usize>) -> Result<Self> {
        if labels.len() != self.len() {
            return Err(Error::LengthMismatch {
                what: "samples and labels",
                left: self.len(),
                right: labels.len(),
            });
        }
        self.labels = Some(labels);
        Ok(self)
    }

    /// Number of samples.
    #[must_use]
    pub fn len(&self) -> usize {
        self.data.len() / self.sample_size()
    }

    /// Always `false`: construction refuses empty sets.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The shape of one sample.
    #[must_use]
    pub fn sample_shape(&self) -> &[usize] {
        &self.shape
    }

    /// Values per sample.
    #[must_use]
    pub fn sample_size(&self) -> usize {
        self.shape.iter().product()
    }

    /// The labels, if set.
    #[must_use]
    pub fn labels(&self) -> Option<&[usize]> {
        self.labels.as_deref()
    }

    /// All values, sample after sample.
    #[must_use]
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// Sample `i`'s values.
    ///
    /// # Panics
    /// When `i >= self.len()`.
    #[must_use]
    pub fn sample(&self, i: usize) -> &[f32] {
        let s = self.sample_size();
        &self.data[i * s..(i + 1) * s]
    }

    /// The samples at `indices`, in that order (with their labels).
    ///
    /// # Errors
    /// [`Error::Empty`] for no index; [`Error::Config`] for an index out of range.
    pub fn select(&self, indices: &[usize]) -> Result<Self> {
        if indices.is_empty() {
            return Err(Error::Empty { what: "selection" });
        }
        let n = self.len();
        if let Some(&bad) = indices.iter().find(|&&i| i >= n) {
            return Err(Error::Config(format!(
                "sample index {bad} out of range for {n} samples"
            )));
        }
        let mut data = Vec::with_capacity(indices.len() * self.sample_size());
        for &i in indices {
            data.extend_from_slice(self.sample(i));
        }
        Ok(Self {
            data,
            shape: self.shape.clone(),
            labels: self
                .labels
                .as_ref()
                .map(|l| indices.iter().map(|&i| l[i]).collect()),
        })
    }

    /// The labels, checked against `classes`.
    pub(crate) fn checked_labels(&self, classes: usize) -> Result<&[usize]> {
        let labels = self.labels.as_deref().ok_or(Error::Config(
            "training and evaluation need labelled samples (Samples::with_labels)".into(),
        ))?;
        if let Some((index, &label)) = labels.iter().enumerate().find(|(_, l)| **l >= classes) {
            return Err(Error::LabelOutOfRange {
                index,
                label,
                classes,
            });
        }
        Ok(labels)
    }

    /// Fails unless one sample has shape `expected`.
    pub(crate) fn expect_shape(&self, what: &'static str, expected: &[usize]) -> Result<()> {
        if self.shape == expected {
            Ok(())
        } else {
            Err(Error::Shape {
                what,
                expected: format!("samples of shape {expected:?}"),
                found: self.shape.clone(),
            })
        }
    }
}

fn check_nonempty(what: &'static str, n: usize, size: usize) -> Result<()> {
    if n == 0 || size == 0 {
        Err(Error::Empty { what })
    } else {
        Ok(())
    }
}

pub(crate) fn check_finite(what: &'static str, data: &[f32]) -> Result<()> {
    match data.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(Error::NonFinite {
            what,
            index,
            value: data[index],
        }),
        None => Ok(()),
    }
}
