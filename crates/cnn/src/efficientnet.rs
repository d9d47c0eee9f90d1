//! EfficientNet-Lite0 (Tan & Le 2019; the "Lite" variant: ReLU6, no squeeze-and-excitation,
//! fixed stem and head) with ImageNet weights, for deep features.

use std::path::Path;

use burn::module::Module;
use burn::nn::conv::Conv2d;
use burn::nn::{Linear, PaddingConfig2d};
use burn::tensor::{Device, Shape, Tensor, TensorData};
use ndarray::{Array2, ArrayView3};

use crate::init::param;
use crate::network::to_array2;
use crate::resize::ImageNetInput;
use crate::safetensors::SafeTensors;
use crate::{Error, Result};

/// BatchNorm's epsilon in the TensorFlow release the weights come from.
const BN_EPS: f64 = 1e-3;

/// The 16 inverted-residual blocks: `(expand ratio, kernel, stride, in, out)`.
const BLOCKS: [(usize, usize, usize, usize, usize); 16] = [
    (1, 3, 1, 32, 16),
    (6, 3, 2, 16, 24),
    (6, 3, 1, 24, 24),
    (6, 5, 2, 24, 40),
    (6, 5, 1, 40, 40),
    (6, 3, 2, 40, 80),
    (6, 3, 1, 80, 80),
    (6, 3, 1, 80, 80),
    (6, 5, 1, 80, 112),
    (6, 5, 1, 112, 112),
    (6, 5, 1, 112, 112),
    (6, 5, 2, 112, 192),
    (6, 5, 1, 192, 192),
    (6, 5, 1, 192, 192),
    (6, 5, 1, 192, 192),
    (6, 3, 1, 192, 320),
];

/// Width of the pooled features.
pub const FEATURES: usize = 1280;
/// Number of ImageNet classes.
pub const CLASSES: usize = 1000;

#[derive(Module, Debug)]
struct MbConv {
    expand: Option<Conv2d>,
    depthwise: Conv2d,
    project: Conv2d,
    residual: bool,
}

impl MbConv {
    fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let mut h = x.clone();
        if let Some(expand) = &self.expand {
            h = relu6(expand.forward(h));
        }
        h = relu6(self.depthwise.forward(h));
        h = self.project.forward(h);
        if self.residual { h + x } else { h }
    }
}

/// EfficientNet-Lite0 for 224 x 224 RGB input, its BatchNorms folded into the convolutions
/// (inference only). Built from the `lukemelas/efficientnet_pytorch` key layout
/// (`_conv_stem`, `_bn0`, `_blocks.N.{_expand_conv,_bn0,_depthwise_conv,_bn1,_project_conv,_bn2}`,
/// `_conv_head`, `_bn1`, `_fc`) with TensorFlow's "SAME" padding (the extra row and column at
/// the bottom and right), ReLU6 and BatchNorm epsilon 1e-3, as the TF Lite release.
///
/// Reproduces the reference logits of a float32 numpy forward pass of the same weights (top-5
/// classes and logits within 1e-3, tested on the staged cat image and an all-zero input).
#[derive(Module, Debug)]
pub struct EfficientNetLite0 {
    stem: Conv2d,
    blocks: Vec<MbConv>,
    head: Conv2d,
    fc: Linear,
}

fn relu6(x: Tensor<4>) -> Tensor<4> {
    x.clamp(0.0, 6.0)
}

/// A convolution with its BatchNorm folded in: `w * g / sqrt(v + eps)`,
/// `b = beta - mean * g / sqrt(v + eps)`.
fn conv_bn(
    st: &SafeTensors,
    conv: &str,
    bn: &str,
    shape: [usize; 4],
    stride: usize,
    groups: usize,
    device: &Device,
) -> Result<Conv2d> {
    let out = shape[0];
    let w = st.f32(&format!("{conv}.weight"), &shape)?;
    let gamma = st.f32(&format!("{bn}.weight"), &[out])?;
    let beta = st.f32(&format!("{bn}.bias"), &[out])?;
    let mean = st.f32(&format!("{bn}.running_mean"), &[out])?;
    let var = st.f32(&format!("{bn}.running_var"), &[out])?;
    let per = w.len() / out;
    let mut folded = Vec::with_capacity(w.len());
    let mut bias = Vec::with_capacity(out);
    for o in 0..out {
        let s = f64::from(gamma[o]) / (f64::from(var[o]) + BN_EPS).sqrt();
        folded.extend(
            w[o * per..(o + 1) * per]
                .iter()
                .map(|&v| (f64::from(v) * s) as f32),
        );
        bias.push((f64::from(beta[o]) - f64::from(mean[o]) * s) as f32);
    }
    Ok(Conv2d {
        weight: param(folded, shape, device),
        bias: Some(param(bias, [out], device)),
        stride: [stride, stride],
        kernel_size: [shape[2], shape[3]],
        dilation: [1, 1],
        groups,
        padding: PaddingConfig2d::Same,
    })
}

impl EfficientNetLite0 {
    /// Builds the network from a safetensors file of the `efficientnet_pytorch` layout (e.g.
    /// `datasets::bundled_efficientnet_lite0()`'s).
    ///
    /// # Errors
    /// [`Error::Io`] / [`Error::Safetensors`] for the file; [`Error::MissingTensor`] naming an
    /// absent tensor; [`Error::TensorShape`] naming a tensor and both shapes.
    pub fn load(path: impl AsRef<Path>, device: &Device) -> Result<Self> {
        let st = SafeTensors::open(path)?;
        Self::from_tensors(&st, device)
    }

    /// Builds the network from tensors already read.
    ///
    /// # Errors
    /// As [`EfficientNetLite0::load`].
    pub fn from_tensors(st: &SafeTensors, device: &Device) -> Result<Self> {
        let stem = conv_bn(st, "_conv_stem", "_bn0", [32, 3, 3, 3], 2, 1, device)?;
        let mut blocks = Vec::with_capacity(BLOCKS.len());
        for (i, &(ratio, k, stride, c_in, c_out)) in BLOCKS.iter().enumerate() {
            let p = format!("_blocks.{i}");
            let mid = c_in * ratio;
            let expand = if ratio == 1 {
                None
            } else {
                Some(conv_bn(
                    st,
                    &format!("{p}._expand_conv"),
                    &format!("{p}._bn0"),
                    [mid, c_in, 1, 1],
                    1,
                    1,
                    device,
                )?)
            };
            let depthwise = conv_bn(
                st,
                &format!("{p}._depthwise_conv"),
                &format!("{p}._bn1"),
                [mid, 1, k, k],
                stride,
                mid,
                device,
            )?;
            let project = conv_bn(
                st,
                &format!("{p}._project_conv"),
                &format!("{p}._bn2"),
                [c_out, mid, 1, 1],
                1,
                1,
                device,
            )?;
            blocks.push(MbConv {
                expand,
                depthwise,
                project,
                residual: stride == 1 && c_in == c_out,
            });
        }
        let head = conv_bn(
            st,
            "_conv_head",
            "_bn1",
            [FEATURES, 320, 1, 1],
            1,
            1,
            device,
        )?;
        // torch's Linear stores [out, in]; burn's [in, out].
        let w = st.f32("_fc.weight", &[CLASSES, FEATURES])?;
        let mut wt = vec![0.0f32; w.len()];
        for o in 0..CLASSES {
            for i in 0..FEATURES {
                wt[i * CLASSES + o] = w[o * FEATURES + i];
            }
        }
        let fc = Linear {
            weight: param(wt, [FEATURES, CLASSES], device),
            bias: Some(param(st.f32("_fc.bias", &[CLASSES])?, [CLASSES], device)),
        };
        Ok(Self {
            stem,
            blocks,
            head,
            fc,
        })
    }

    /// Pooled features `[n, 1280]` of normalised input `[n, 3, 224, 224]` (the global average
    /// of the head's ReLU6 output: Keras' `include_top=False, pooling="avg"`).
    pub fn features_tensor(&self, x: Tensor<4>) -> Tensor<2> {
        let mut h = relu6(self.stem.forward(x));
        for block in &self.blocks {
            h = block.forward(h);
        }
        let h = relu6(self.head.forward(h));
        h.mean_dim(3).mean_dim(2).flatten::<2>(1, 3)
    }

    /// ImageNet logits `[n, 1000]` of normalised input `[n, 3, 224, 224]`.
    pub fn logits_tensor(&self, x: Tensor<4>) -> Tensor<2> {
        self.fc.forward(self.features_tensor(x))
    }

    /// ImageNet logits of already normalised inputs, `[3, 224, 224]` each, row-major, `n` of
    /// them in `input`.
    ///
    /// # Errors
    /// [`Error::Shape`] unless `input` holds a whole number (> 0) of `3 x 224 x 224` inputs;
    /// [`Error::NonFinite`].
    pub fn logits_normalized(&self, input: &[f32], device: &Device) -> Result<Array2<f32>> {
        let n = check_normalized(input)?;
        let x = Tensor::<4>::from_data(
            TensorData::new(input.to_vec(), Shape::new([n, 3, 224, 224])),
            device,
        );
        Ok(to_array2(self.logits_tensor(x)))
    }

    /// Pooled 1280-d features of images `(height, width, channels)` in `[0, 1]` (1 or 3
    /// channels, any size), prepared as the weights expect ([`ImageNetInput::default`]: resized
    /// to 224 x 224 bilinearly, grey repeated to RGB, ImageNet mean and std), `batch` images per
    /// forward pass.
    ///
    /// # Errors
    /// [`Error::Empty`] for no image; as [`ImageNetInput::prepare_into`] for a bad image
    /// (wrong channel count, NaN); [`Error::Config`] for `batch == 0`.
    pub fn features(
        &self,
        images: &[ArrayView3<'_, f32>],
        batch: usize,
        device: &Device,
    ) -> Result<Array2<f32>> {
        self.run(images, batch, device, false)
    }

    /// ImageNet logits of images, prepared as for [`EfficientNetLite0::features`].
    ///
    /// # Errors
    /// As [`EfficientNetLite0::features`].
    pub fn logits(
        &self,
        images: &[ArrayView3<'_, f32>],
        batch: usize,
        device: &Device,
    ) -> Result<Array2<f32>> {
        self.run(images, batch, device, true)
    }

    fn run(
        &self,
        images: &[ArrayView3<'_, f32>],
        batch: usize,
        device: &Device,
        top: bool,
    ) -> Result<Array2<f32>> {
        if images.is_empty() {
            return Err(Error::Empty { what: "images" });
        }
        if batch == 0 {
            return Err(Error::Config("batch must be positive".into()));
        }
        let input = ImageNetInput::default();
        let width = if top { CLASSES } else { FEATURES };
        let mut out = Array2::<f32>::zeros((images.len(), width));
        let mut buf = Vec::with_capacity(batch.min(images.len()) * 3 * 224 * 224);
        for (b, chunk) in images.chunks(batch).enumerate() {
            buf.clear();
            for image in chunk {
                input.prepare_into(image.view(), &mut buf)?;
            }
            let x = Tensor::<4>::from_data(
                TensorData::new(buf.clone(), Shape::new([chunk.len(), 3, 224, 224])),
                device,
            );
            let y = if top {
                self.logits_tensor(x)
            } else {
                self.features_tensor(x)
            };
            let rows = to_array2(y);
            for (k, row) in rows.rows().into_iter().enumerate() {
                out.row_mut(b * batch + k).assign(&row);
            }
        }
        Ok(out)
    }
}

fn check_normalized(input: &[f32]) -> Result<usize> {
    let size = 3 * 224 * 224;
    if input.is_empty() || !input.len().is_multiple_of(size) {
        return Err(Error::Shape {
            what: "normalised input",
            expected: "n x 3 x 224 x 224 values, n > 0".into(),
            found: vec![input.len()],
        });
    }
    crate::samples::check_finite("normalised input", input)?;
    Ok(input.len() / size)
}
