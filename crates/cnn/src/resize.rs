//! Image resampling and the input preparation of pretrained ImageNet networks.

use ndarray::{Array2, ArrayView2, ArrayView3};

use crate::samples::check_finite;
use crate::{Error, Result};

/// Per-output-pixel `(first input index, weights)` of a separable triangle (bilinear) filter,
/// as Pillow's `ImagingResample` builds them.
fn coefficients(in_size: usize, out_size: usize) -> Vec<(usize, Vec<f64>)> {
    let scale = in_size as f64 / out_size as f64;
    let filter_scale = scale.max(1.0);
    let support = filter_scale; // the triangle's support is 1 input pixel, stretched when shrinking
    (0..out_size)
        .map(|i| {
            let center = (i as f64 + 0.5) * scale;
            let lo = ((center - support + 0.5).floor().max(0.0)) as usize;
            let hi = ((center + support + 0.5).floor() as usize).min(in_size);
            let mut w: Vec<f64> = (lo..hi)
                .map(|x| {
                    let t = ((x as f64 - center + 0.5) / filter_scale).abs();
                    if t < 1.0 { 1.0 - t } else { 0.0 }
                })
                .collect();
            let sum: f64 = w.iter().sum();
            if sum > 0.0 {
                w.iter_mut().for_each(|v| *v /= sum);
            }
            (lo, w)
        })
        .collect()
}

/// Resizes a grey image to `(rows, cols)` with a bilinear (triangle) filter whose support grows
/// with the shrink factor. Equals Pillow's `Image.resize((cols, rows), Image.BILINEAR)` on a
/// float (`"F"` mode) image: plain bilinear interpolation with half-pixel centres and edge
/// replication when enlarging (as `cv2.resize(..., INTER_LINEAR)` and
/// `skimage.transform.resize(order=1, anti_aliasing=False)`), an anti-aliased average when
/// shrinking.
///
/// # Errors
/// [`Error::Empty`] for an empty image or a zero target size; [`Error::NonFinite`].
pub fn resize_bilinear(
    image: ArrayView2<'_, f32>,
    rows: usize,
    cols: usize,
) -> Result<Array2<f32>> {
    let (h, w) = image.dim();
    if h == 0 || w == 0 || rows == 0 || cols == 0 {
        return Err(Error::Empty { what: "resize" });
    }
    if let Some(&v) = image.iter().find(|v| !v.is_finite()) {
        return Err(Error::NonFinite {
            what: "resize",
            index: image
                .iter()
                .position(|x| x.to_bits() == v.to_bits())
                .unwrap_or(0),
            value: v,
        });
    }
    let across = coefficients(w, cols);
    let down = coefficients(h, rows);
    // Horizontal pass into (h, cols), then vertical into (rows, cols), in f64.
    let mut mid = vec![0.0f64; h * cols];
    for (y, row) in image.rows().into_iter().enumerate() {
        for (x, (lo, wts)) in across.iter().enumerate() {
            mid[y * cols + x] = wts
                .iter()
                .enumerate()
                .map(|(k, &c)| c * f64::from(row[lo + k]))
                .sum();
        }
    }
    let mut out = Array2::<f32>::zeros((rows, cols));
    for (y, (lo, wts)) in down.iter().enumerate() {
        for x in 0..cols {
            let v: f64 = wts
                .iter()
                .enumerate()
                .map(|(k, &c)| c * mid[(lo + k) * cols + x])
                .sum();
            out[[y, x]] = v as f32;
        }
    }
    Ok(out)
}

/// How images are prepared for an ImageNet network: resized to `size x size`, grey images
/// repeated over three channels, then `(x - mean) / std` per channel, laid out `[3, size, size]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageNetInput {
    /// The network's input side (224).
    pub size: usize,
    /// Per-channel mean of `x` in `[0, 1]` (torchvision's `[0.485, 0.456, 0.406]`).
    pub mean: [f32; 3],
    /// Per-channel standard deviation (`[0.229, 0.224, 0.225]`).
    pub std: [f32; 3],
}

impl Default for ImageNetInput {
    fn default() -> Self {
        Self {
            size: 224,
            mean: [0.485, 0.456, 0.406],
            std: [0.229, 0.224, 0.225],
        }
    }
}

impl ImageNetInput {
    /// Appends the network input `[3, size, size]` of `image` `(height, width, channels)`, values
    /// in `[0, 1]`, 1 (grey) or 3 (RGB) channels, to `out`.
    ///
    /// # Errors
    /// [`Error::Shape`] for another channel count; [`Error::Empty`], [`Error::NonFinite`].
    pub fn prepare_into(&self, image: ArrayView3<'_, f32>, out: &mut Vec<f32>) -> Result<()> {
        let (h, w, c) = image.dim();
        if c != 1 && c != 3 {
            return Err(Error::Shape {
                what: "image",
                expected: "(height, width, 1) grey or (height, width, 3) RGB".into(),
                found: vec![h, w, c],
            });
        }
        if h == 0 || w == 0 {
            return Err(Error::Empty { what: "image" });
        }
        let s = self.size;
        let mut planes = Vec::with_capacity(c);
        for ch in 0..c {
            let plane = image.index_axis(ndarray::Axis(2), ch);
            planes.push(if (h, w) == (s, s) {
                let p = plane.to_owned();
                check_finite("image", p.as_slice().expect("owned arrays are contiguous"))?;
                p
            } else {
                resize_bilinear(plane, s, s)?
            });
        }
        for ch in 0..3 {
            let plane = &planes[if c == 1 { 0 } else { ch }];
            let (m, sd) = (self.mean[ch], self.std[ch]);
            out.extend(plane.iter().map(|&v| (v - m) / sd));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn identity_size_is_a_copy_and_constants_stay_constant() {
        let img = array![[0.1f32, 0.7, 0.3], [0.9, 0.2, 0.5]];
        assert_eq!(resize_bilinear(img.view(), 2, 3).unwrap(), img);
        let flat = Array2::from_elem((5, 7), 0.25f32);
        for (r, c) in [(1, 1), (3, 20), (11, 4), (224, 224)] {
            let out = resize_bilinear(flat.view(), r, c).unwrap();
            assert!(out.iter().all(|&v| (v - 0.25).abs() < 1e-7), "{r}x{c}");
        }
    }

    #[test]
    fn doubling_is_bilinear_with_half_pixel_centres() {
        // Enlarging 1x2 -> 1x4: output centres at input coordinates -0.25, 0.25, 0.75, 1.25
        // (relative to pixel centres 0, 1): edge-replicated, then 0.75/0.25 mixes.
        let img = array![[0.0f32, 1.0]];
        let out = resize_bilinear(img.view(), 1, 4).unwrap();
        let want = [0.0, 0.25, 0.75, 1.0];
        for (o, w) in out.iter().zip(want) {
            assert!((o - w).abs() < 1e-7, "{out:?}");
        }
    }

    #[test]
    fn halving_averages_pairs() {
        // Shrinking by 2: the triangle of half-width 2 puts weights 1/4, 3/4, 3/4, 1/4 (normalised)
        // on four pixels; at the edges only the pixels inside count.
        let img = array![[0.0f32, 4.0, 8.0, 12.0]];
        let out = resize_bilinear(img.view(), 1, 2).unwrap();
        // centre 1.0: pixels 0,1,2 with weights 3/8,... computed from the definition:
        let manual = |center: f64| {
            let (mut s, mut n) = (0.0, 0.0);
            for x in 0..4 {
                let t = ((x as f64 + 0.5 - center) / 2.0).abs();
                let wt = if t < 1.0 { 1.0 - t } else { 0.0 };
                s += wt * img[[0, x]] as f64;
                n += wt;
            }
            s / n
        };
        assert!((out[[0, 0]] as f64 - manual(1.0)).abs() < 1e-6);
        assert!((out[[0, 1]] as f64 - manual(3.0)).abs() < 1e-6);
    }

    #[test]
    fn bad_images_are_typed_errors() {
        let input = ImageNetInput::default();
        let mut out = Vec::new();
        let two = ndarray::Array3::<f32>::zeros((4, 4, 2));
        assert!(matches!(
            input.prepare_into(two.view(), &mut out),
            Err(Error::Shape { .. })
        ));
        let empty = ndarray::Array3::<f32>::zeros((0, 4, 3));
        assert!(matches!(
            input.prepare_into(empty.view(), &mut out),
            Err(Error::Empty { .. })
        ));
        let mut nan = ndarray::Array3::<f32>::zeros((4, 4, 1));
        nan[[1, 2, 0]] = f32::NAN;
        assert!(matches!(
            input.prepare_into(nan.view(), &mut out),
            Err(Error::NonFinite { .. })
        ));
        assert!(out.is_empty());
    }

    #[test]
    fn grey_is_repeated_and_normalised() {
        let input = ImageNetInput {
            size: 2,
            ..ImageNetInput::default()
        };
        let grey = ndarray::Array3::<f32>::from_elem((2, 2, 1), 0.5);
        let mut out = Vec::new();
        input.prepare_into(grey.view(), &mut out).unwrap();
        assert_eq!(out.len(), 12);
        for ch in 0..3 {
            let want = (0.5 - input.mean[ch]) / input.std[ch];
            assert!(out[ch * 4..ch * 4 + 4].iter().all(|&v| v == want));
        }
    }
}
