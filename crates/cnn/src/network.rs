//! The networks: the tutorial's MNIST CNN and its 1-D CNN on raw audio, and the trait the
//! training loop drives.

use burn::module::Module;
use burn::nn::conv::{Conv1d, Conv2d};
use burn::nn::pool::{MaxPool1d, MaxPool1dConfig, MaxPool2d, MaxPool2dConfig};
use burn::nn::{Linear, Relu};
use burn::tensor::{Device, Tensor, TensorData};
use ndarray::Array2;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::init;
use crate::{Error, Result};

/// A classifier network the training loop ([`crate::train`]) and prediction
/// ([`crate::predict`]) can drive.
pub trait Network: Module + Clone {
    /// The shape of one input sample (`[channels, height, width]`, `[channels, length]`).
    fn input_shape(&self) -> Vec<usize>;
    /// The number of classes (the width of the logits).
    fn classes(&self) -> usize;
    /// Logits `[n, classes]` of a batch `[n, ..input_shape]`.
    fn logits(&self, batch: TensorData, device: &Device) -> Tensor<2>;
}

/// The tutorial's MNIST network, as its Keras model: `Conv2D(32, 3, relu)` (valid) ->
/// `Conv2D(32, 3, relu)` -> `MaxPooling2D(2)` -> `Flatten` -> `Dense(128, relu)` ->
/// `Dense(10)` (the softmax is in the loss). 600,810 parameters for 28 x 28 x 1 inputs.
#[derive(Module, Debug)]
pub struct MnistCnn {
    conv1: Conv2d,
    conv2: Conv2d,
    pool: MaxPool2d,
    dense1: Linear,
    dense2: Linear,
    relu: Relu,
    shape: [usize; 3],
    classes: usize,
}

/// The [`MnistCnn`]'s sizes (defaults: the tutorial's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MnistCnnConfig {
    /// Input height (28).
    pub height: usize,
    /// Input width (28).
    pub width: usize,
    /// Input channels (1).
    pub channels: usize,
    /// Filters of each convolution (32).
    pub filters: usize,
    /// Kernel size of each convolution (3).
    pub kernel: usize,
    /// Max-pooling window and stride (2).
    pub pool: usize,
    /// Width of the hidden dense layer (128).
    pub hidden: usize,
    /// Number of classes (10).
    pub classes: usize,
}

impl Default for MnistCnnConfig {
    fn default() -> Self {
        Self {
            height: 28,
            width: 28,
            channels: 1,
            filters: 32,
            kernel: 3,
            pool: 2,
            hidden: 128,
            classes: 10,
        }
    }
}

impl MnistCnnConfig {
    /// `(height, width)` after the two valid convolutions and the pooling, or an error when the
    /// input is too small for them.
    fn pooled(&self) -> Result<(usize, usize)> {
        let shrink = self.kernel.saturating_sub(1).saturating_mul(2);
        let ok = self.kernel > 0
            && self.pool > 0
            && self.height > shrink
            && self.width > shrink
            && (self.height - shrink) >= self.pool
            && (self.width - shrink) >= self.pool;
        if !ok || self.channels == 0 || self.filters == 0 || self.hidden == 0 || self.classes < 2 {
            return Err(Error::Config(format!(
                "MnistCnnConfig {self:?}: every size must be positive, classes >= 2, and the input \
                 must outlast two {k}x{k} valid convolutions and a {p}x{p} pooling",
                k = self.kernel,
                p = self.pool
            )));
        }
        Ok((
            (self.height - shrink) / self.pool,
            (self.width - shrink) / self.pool,
        ))
    }

    /// The network with Keras' initial weights (Glorot uniform, zero biases) drawn from `seed`.
    ///
    /// # Errors
    /// [`Error::Config`] for a zero size, fewer than two classes or an input too small.
    pub fn init(&self, seed: u64, device: &Device) -> Result<MnistCnn> {
        let (ph, pw) = self.pooled()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let flat = ph * pw * self.filters;
        Ok(MnistCnn {
            conv1: init::conv2d(&mut rng, self.channels, self.filters, self.kernel, device),
            conv2: init::conv2d(&mut rng, self.filters, self.filters, self.kernel, device),
            pool: MaxPool2dConfig::new([self.pool, self.pool])
                .with_strides([self.pool, self.pool])
                .init(),
            dense1: init::dense(&mut rng, flat, self.hidden, device),
            dense2: init::dense(&mut rng, self.hidden, self.classes, device),
            relu: Relu::new(),
            shape: [self.channels, self.height, self.width],
            classes: self.classes,
        })
    }
}

impl MnistCnn {
    /// Logits `[n, classes]` of images `[n, channels, height, width]`.
    pub fn forward(&self, x: Tensor<4>) -> Tensor<2> {
        let x = self.relu.forward(self.conv1.forward(x));
        let x = self.relu.forward(self.conv2.forward(x));
        let x = self.pool.forward(x).flatten::<2>(1, 3);
        let x = self.relu.forward(self.dense1.forward(x));
        self.dense2.forward(x)
    }

    /// The first convolution's kernels, `filters x (channels * k * k)` rows (row-major
    /// `channels, k, k`), for plotting beside Gabor kernels.
    #[must_use]
    pub fn first_layer_filters(&self) -> Array2<f32> {
        weights_2d(&self.conv1.weight.val())
    }
}

impl Network for MnistCnn {
    fn input_shape(&self) -> Vec<usize> {
        self.shape.to_vec()
    }
    fn classes(&self) -> usize {
        self.classes
    }
    fn logits(&self, batch: TensorData, device: &Device) -> Tensor<2> {
        self.forward(Tensor::<4>::from_data(batch, device))
    }
}

/// The tutorial's 1-D CNN on raw audio: `Conv1D(filters, kernel, relu)` (valid) ->
/// `MaxPooling1D(pool)` -> `Flatten` -> `Dense(classes)` (softmax in the loss). Its first
/// layer's learned filters ([`Speech1dCnn::filters`]) are band-pass filters, compared with
/// Gabor kernels in the report.
#[derive(Module, Debug)]
pub struct Speech1dCnn {
    conv: Conv1d,
    pool: MaxPool1d,
    dense: Linear,
    relu: Relu,
    length: usize,
    classes: usize,
}

/// The [`Speech1dCnn`]'s sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speech1dConfig {
    /// Samples per input signal.
    pub length: usize,
    /// Filters of the convolution (the tutorial: 2).
    pub filters: usize,
    /// Their length in samples (the tutorial: 100).
    pub kernel: usize,
    /// Max-pooling window and stride.
    pub pool: usize,
    /// Number of classes (2).
    pub classes: usize,
}

impl Speech1dConfig {
    /// The tutorial's layer sizes (2 filters of 100 samples, pooling by 100, 2 classes) for
    /// signals of `length` samples.
    #[must_use]
    pub fn new(length: usize) -> Self {
        Self {
            length,
            filters: 2,
            kernel: 100,
            pool: 100,
            classes: 2,
        }
    }

    /// The network with Keras' initial weights drawn from `seed`.
    ///
    /// # Errors
    /// [`Error::Config`] for a zero size, fewer than two classes, or signals shorter than the
    /// kernel plus one pooling window.
    pub fn init(&self, seed: u64, device: &Device) -> Result<Speech1dCnn> {
        if self.filters == 0
            || self.kernel == 0
            || self.pool == 0
            || self.classes < 2
            || self.length < self.kernel - 1 + self.pool
        {
            return Err(Error::Config(format!(
                "Speech1dConfig {self:?}: sizes must be positive, classes >= 2 and length >= \
                 kernel - 1 + pool"
            )));
        }
        let pooled = (self.length - self.kernel + 1) / self.pool;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        Ok(Speech1dCnn {
            conv: init::conv1d(&mut rng, 1, self.filters, self.kernel, device),
            pool: MaxPool1dConfig::new(self.pool)
                .with_stride(self.pool)
                .init(),
            dense: init::dense(&mut rng, pooled * self.filters, self.classes, device),
            relu: Relu::new(),
            length: self.length,
            classes: self.classes,
        })
    }
}

impl Speech1dCnn {
    /// Logits `[n, classes]` of signals `[n, 1, length]`.
    pub fn forward(&self, x: Tensor<3>) -> Tensor<2> {
        let x = self.relu.forward(self.conv.forward(x));
        let x = self.pool.forward(x).flatten::<2>(1, 2);
        self.dense.forward(x)
    }

    /// The convolution's learned filters, `filters x kernel`.
    #[must_use]
    pub fn filters(&self) -> Array2<f32> {
        weights_2d(&self.conv.weight.val())
    }
}

impl Network for Speech1dCnn {
    fn input_shape(&self) -> Vec<usize> {
        vec![1, self.length]
    }
    fn classes(&self) -> usize {
        self.classes
    }
    fn logits(&self, batch: TensorData, device: &Device) -> Tensor<2> {
        self.forward(Tensor::<3>::from_data(batch, device))
    }
}

/// A weight tensor `[out, ...]` as `out x rest` rows.
fn weights_2d<const D: usize>(w: &Tensor<D>) -> Array2<f32> {
    let dims = w.dims();
    let cols: usize = dims[1..].iter().product();
    to_array2(w.clone().reshape([dims[0], cols]))
}

/// A 2-D tensor's values as an `ndarray` matrix of its shape (converted to `f32`).
pub(crate) fn to_array2(t: Tensor<2>) -> Array2<f32> {
    let [rows, cols] = t.dims();
    let data = t.into_data().convert::<f32>();
    // `convert::<f32>` makes the element type f32, and the data holds rows * cols values of
    // the tensor's own shape: neither expect can fail.
    let values = data
        .as_slice::<f32>()
        .expect("converted to f32 just above")
        .to_vec();
    Array2::from_shape_vec((rows, cols), values)
        .expect("a [rows, cols] tensor holds rows * cols values")
}
