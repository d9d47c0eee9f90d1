//! Parameters built from our own seeded generator, so a network's initial weights depend on the
//! seed only (not on burn's per-device generator or the thread count).

use burn::module::Param;
use burn::nn::conv::{Conv1d, Conv2d};
use burn::nn::{Linear, PaddingConfig1d, PaddingConfig2d};
use burn::tensor::{Device, Shape, Tensor, TensorData};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A trainable float parameter of `shape` holding `values`.
pub(crate) fn param<const D: usize>(
    values: Vec<f32>,
    shape: [usize; D],
    device: &Device,
) -> Param<Tensor<D>> {
    Param::from_data(TensorData::new(values, Shape::new(shape)), device)
}

/// Keras' `glorot_uniform`: `U(-l, l)`, `l = sqrt(6 / (fan_in + fan_out))`.
pub(crate) fn glorot(rng: &mut ChaCha8Rng, n: usize, fan_in: usize, fan_out: usize) -> Vec<f32> {
    let limit = (6.0 / (fan_in + fan_out) as f64).sqrt() as f32;
    (0..n).map(|_| rng.random_range(-limit..limit)).collect()
}

/// A dense layer `[d_in, d_out]` initialised as Keras' `Dense` (Glorot uniform, zero bias).
pub(crate) fn dense(rng: &mut ChaCha8Rng, d_in: usize, d_out: usize, device: &Device) -> Linear {
    Linear {
        weight: param(
            glorot(rng, d_in * d_out, d_in, d_out),
            [d_in, d_out],
            device,
        ),
        bias: Some(param(vec![0.0; d_out], [d_out], device)),
    }
}

/// A valid, stride-1 2-D convolution initialised as Keras' `Conv2D` (Glorot uniform over
/// `fan_in = c_in k k`, `fan_out = c_out k k`; zero bias).
pub(crate) fn conv2d(
    rng: &mut ChaCha8Rng,
    c_in: usize,
    c_out: usize,
    kernel: usize,
    device: &Device,
) -> Conv2d {
    let fan_in = c_in * kernel * kernel;
    let fan_out = c_out * kernel * kernel;
    Conv2d {
        weight: param(
            glorot(rng, c_out * fan_in, fan_in, fan_out),
            [c_out, c_in, kernel, kernel],
            device,
        ),
        bias: Some(param(vec![0.0; c_out], [c_out], device)),
        stride: [1, 1],
        kernel_size: [kernel, kernel],
        dilation: [1, 1],
        groups: 1,
        padding: PaddingConfig2d::Valid,
    }
}

/// A valid, stride-1 1-D convolution initialised as Keras' `Conv1D`.
pub(crate) fn conv1d(
    rng: &mut ChaCha8Rng,
    c_in: usize,
    c_out: usize,
    kernel: usize,
    device: &Device,
) -> Conv1d {
    let fan_in = c_in * kernel;
    let fan_out = c_out * kernel;
    Conv1d {
        weight: param(
            glorot(rng, c_out * fan_in, fan_in, fan_out),
            [c_out, c_in, kernel],
            device,
        ),
        bias: Some(param(vec![0.0; c_out], [c_out], device)),
        stride: 1,
        kernel_size: kernel,
        dilation: 1,
        groups: 1,
        padding: PaddingConfig1d::Valid,
    }
}
