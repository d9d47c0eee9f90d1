//! PNG, JPEG, TIFF and BMP files into `ndarray` arrays, and PNG files back (through the
//! `image` crate).
//!
//! Layouts: a grey image is an `Array2` of shape `(height, width)`; a colour
//! image is an `Array3` of shape `(height, width, 3)` (RGB, as skimage and
//! imageio return it). Float images hold values in `[0, 1]`.

use std::io::Cursor;
use std::path::Path;

use ::image::{DynamicImage, ImageError, ImageFormat, ImageReader};
use dsp_core::Float;
use ndarray::{Array2, Array3, ArrayView2, ArrayView3, Axis};

use crate::{Error, Result};

/// Luminance weights of `skimage.color.rgb2gray` (ITU-R BT.709 primaries).
const GRAY_WEIGHTS: [f64; 3] = [0.2125, 0.7154, 0.0721];

/// Decoded samples with their bit depth; alpha already dropped.
enum Samples {
    U8(Vec<u8>),
    U16(Vec<u16>),
}

/// A decoded image: `channels` is 1 (grey) or 3 (RGB), samples row-major.
struct Decoded {
    height: usize,
    width: usize,
    channels: usize,
    samples: Samples,
}

impl Decoded {
    /// Each sample as a float in `[0, 1]`, as skimage's `img_as_float`
    /// (`x * (1 / max)`, computed in `T`).
    fn to_float<T: Float>(&self) -> Vec<T> {
        match &self.samples {
            Samples::U8(v) => {
                let s = T::of(1.0 / 255.0);
                v.iter().map(|&x| T::of_usize(x.into()) * s).collect()
            }
            Samples::U16(v) => {
                let s = T::of(1.0 / 65535.0);
                v.iter().map(|&x| T::of_usize(x.into()) * s).collect()
            }
        }
    }

    /// Each sample as `u8`, as skimage's `img_as_ubyte` (16-bit: `x >> 8`).
    fn to_u8(&self) -> Vec<u8> {
        match &self.samples {
            Samples::U8(v) => v.clone(),
            // `x >> 8` of a u16 always fits in a u8.
            Samples::U16(v) => v.iter().map(|&x| (x >> 8) as u8).collect(),
        }
    }
}

fn decode(path: &Path) -> Result<Decoded> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let format = match ::image::guess_format(&bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Tiff | ImageFormat::Bmp)) => f,
        _ => {
            return Err(Error::UnknownFormat {
                path: path.to_path_buf(),
            });
        }
    };
    if format == ImageFormat::Jpeg && !jpeg_has_end(&bytes) {
        // JPEG decoders fill a cut-off scan with grey and carry on; refuse
        // it as Pillow (and so skimage.io) does.
        return Err(Error::Truncated {
            path: path.to_path_buf(),
            detail: "no end-of-image marker after the last scan".into(),
        });
    }
    let img = ImageReader::with_format(Cursor::new(&bytes), format)
        .decode()
        .map_err(|e| decode_error(path, e))?;
    let (width, height) = (img.width() as usize, img.height() as usize);
    let (channels, samples) = match img {
        DynamicImage::ImageLuma8(b) => (1, Samples::U8(b.into_raw())),
        DynamicImage::ImageLumaA8(_) => (1, Samples::U8(img.to_luma8().into_raw())),
        DynamicImage::ImageRgb8(b) => (3, Samples::U8(b.into_raw())),
        DynamicImage::ImageLuma16(b) => (1, Samples::U16(b.into_raw())),
        DynamicImage::ImageLumaA16(_) => (1, Samples::U16(img.to_luma16().into_raw())),
        DynamicImage::ImageRgb16(b) => (3, Samples::U16(b.into_raw())),
        DynamicImage::ImageRgba16(_) => (3, Samples::U16(img.to_rgb16().into_raw())),
        // RGBA8 and anything else the formats can hold (float TIFF included): 8-bit RGB, alpha dropped.
        other => (3, Samples::U8(other.to_rgb8().into_raw())),
    };
    Ok(Decoded {
        height,
        width,
        channels,
        samples,
    })
}

/// Whether an end-of-image marker (`FF D9`) follows the last start-of-scan
/// (`FF DA`). Inside entropy-coded data `FF` is always followed by `00` or a
/// restart marker, so `FF D9` there can only be the real end.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    let last = |m: u8| bytes.windows(2).rposition(|w| w[0] == 0xFF && w[1] == m);
    match (last(0xDA), last(0xD9)) {
        (Some(sos), Some(eoi)) => eoi > sos,
        _ => false,
    }
}

/// Tells a truncated file from a corrupt one, from what the decoder reports.
fn decode_error(path: &Path, err: ImageError) -> Error {
    let detail = err.to_string();
    let eof = match &err {
        ImageError::IoError(e) => e.kind() == std::io::ErrorKind::UnexpectedEof,
        _ => {
            let d = detail.to_ascii_lowercase();
            d.contains("eof") || d.contains("end of") || d.contains("truncat")
        }
    };
    if eof {
        Error::Truncated {
            path: path.to_path_buf(),
            detail,
        }
    } else {
        Error::Corrupt {
            path: path.to_path_buf(),
            detail,
        }
    }
}

/// Shapes row-major samples; the decoder guarantees `len == h * w * c`.
fn array2<T>(h: usize, w: usize, v: Vec<T>) -> Array2<T> {
    Array2::from_shape_vec((h, w), v).expect("decoder returns height * width samples")
}

fn array3<T>(h: usize, w: usize, v: Vec<T>) -> Array3<T> {
    Array3::from_shape_vec((h, w, 3), v).expect("decoder returns height * width * 3 samples")
}

/// Reads a PNG, JPEG, TIFF or BMP file as a grey `u8` image of shape `(height, width)`.
///
/// Equal to `skimage.io.imread(path)` for grey files, and to
/// `skimage.util.img_as_ubyte(skimage.io.imread(path, as_gray=True))` for
/// colour files, i.e. `rint(255 * (0.2125 R + 0.7154 G + 0.0721 B) / 255)`
/// (tested against both). 16-bit files keep their high byte; alpha is dropped.
/// JPEG decoders may differ from libjpeg by a grey level or two.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Io`], [`Error::UnknownFormat`],
/// [`Error::Truncated`] or [`Error::Corrupt`].
pub fn read_gray_u8(path: impl AsRef<Path>) -> Result<Array2<u8>> {
    let d = decode(path.as_ref())?;
    if d.channels == 1 {
        return Ok(array2(d.height, d.width, d.to_u8()));
    }
    let g: Array2<f64> = gray_of_rgb(&d);
    // rint, as img_as_ubyte; values lie in [0, 255] since the weights sum to 1.
    Ok(g.mapv(|x| (x * 255.0).round_ties_even().clamp(0.0, 255.0) as u8))
}

/// Reads a PNG, JPEG, TIFF or BMP file as a grey float image in `[0, 1]`, shape `(height, width)`.
///
/// Equal to `skimage.util.img_as_float(skimage.io.imread(path, as_gray=True))`
/// (tested against it): grey samples are scaled by `1 / 255` (or `1 / 65535`),
/// colour ones are combined with `skimage.color.rgb2gray`'s weights
/// `(0.2125, 0.7154, 0.0721)`. Alpha is dropped.
///
/// # Errors
/// As [`read_gray_u8`].
pub fn read_gray<T: Float>(path: impl AsRef<Path>) -> Result<Array2<T>> {
    let d = decode(path.as_ref())?;
    if d.channels == 1 {
        return Ok(array2(d.height, d.width, d.to_float()));
    }
    Ok(gray_of_rgb::<f64>(&d).mapv(T::of))
}

fn gray_of_rgb<T: Float>(d: &Decoded) -> Array2<T> {
    let rgb = array3(d.height, d.width, d.to_float::<f64>());
    let [wr, wg, wb] = GRAY_WEIGHTS;
    rgb.map_axis(Axis(2), |p| T::of(p[0] * wr + p[1] * wg + p[2] * wb))
}

/// Reads a PNG, JPEG, TIFF or BMP file as an RGB `u8` image of shape `(height, width, 3)`.
///
/// Equal to `skimage.io.imread(path)` for RGB files (tested against it);
/// a grey file has its channel repeated three times, alpha is dropped and
/// 16-bit samples keep their high byte.
///
/// # Errors
/// As [`read_gray_u8`].
pub fn read_rgb_u8(path: impl AsRef<Path>) -> Result<Array3<u8>> {
    let d = decode(path.as_ref())?;
    let v = d.to_u8();
    Ok(rgb_of(d.height, d.width, d.channels, v))
}

/// Reads a PNG, JPEG, TIFF or BMP file as an RGB float image in `[0, 1]`, shape `(height, width, 3)`.
///
/// Equal to `skimage.util.img_as_float(skimage.io.imread(path))` for RGB
/// files (tested against it); grey files are repeated over three channels.
///
/// # Errors
/// As [`read_gray_u8`].
pub fn read_rgb<T: Float>(path: impl AsRef<Path>) -> Result<Array3<T>> {
    let d = decode(path.as_ref())?;
    let v = d.to_float::<T>();
    Ok(rgb_of(d.height, d.width, d.channels, v))
}

fn rgb_of<T: Copy>(h: usize, w: usize, channels: usize, v: Vec<T>) -> Array3<T> {
    if channels == 3 {
        return array3(h, w, v);
    }
    let grey = array2(h, w, v);
    Array3::from_shape_fn((h, w, 3), |(i, j, _)| grey[[i, j]])
}

/// Writes a grey `u8` image of shape `(height, width)` as an 8-bit grey PNG.
///
/// # Errors
/// [`Error::EmptyImage`] for a zero-length side, [`Error::NotFound`] when the
/// folder does not exist, [`Error::Io`] or [`Error::Encode`] otherwise.
pub fn write_png_gray(path: impl AsRef<Path>, image: ArrayView2<'_, u8>) -> Result<()> {
    let path = path.as_ref();
    let (wd, ht) = dim32(path, image.shape())?;
    let raw: Vec<u8> = image.iter().copied().collect();
    save(path, raw, wd, ht, ::image::ExtendedColorType::L8)
}

/// Writes an RGB `u8` image of shape `(height, width, 3)` as an 8-bit RGB PNG.
///
/// # Errors
/// [`Error::BadShape`] unless the last axis has length 3, otherwise as
/// [`write_png_gray`].
pub fn write_png_rgb(path: impl AsRef<Path>, image: ArrayView3<'_, u8>) -> Result<()> {
    let path = path.as_ref();
    if image.shape()[2] != 3 {
        return Err(Error::BadShape {
            path: path.to_path_buf(),
            shape: image.shape().to_vec(),
            expected: "(height, width, 3)",
        });
    }
    let (wd, ht) = dim32(path, image.shape())?;
    let raw: Vec<u8> = image.iter().copied().collect();
    save(path, raw, wd, ht, ::image::ExtendedColorType::Rgb8)
}

/// Writes a grey float image as an 8-bit grey PNG: each value is clipped to
/// `[0, 1]` and mapped to `rint(255 x)`, as `skimage.util.img_as_ubyte` does
/// for values inside the range (NaN becomes 0).
///
/// # Errors
/// As [`write_png_gray`].
pub fn write_png_gray_float<T: Float>(
    path: impl AsRef<Path>,
    image: ArrayView2<'_, T>,
) -> Result<()> {
    let bytes = image.mapv(|x| {
        let v = x.to_f64_lossless();
        if v.is_nan() {
            0
        } else {
            // Clamped to [0, 255] first, so the cast is exact.
            (v.clamp(0.0, 1.0) * 255.0).round_ties_even() as u8
        }
    });
    write_png_gray(path, bytes.view())
}

/// Width and height as `u32`, refusing empty images.
fn dim32(path: &Path, shape: &[usize]) -> Result<(u32, u32)> {
    let (h, w) = (shape[0], shape[1]);
    let fits = |n: usize| n > 0 && u32::try_from(n).is_ok();
    if !fits(h) || !fits(w) || shape.contains(&0) {
        return Err(Error::EmptyImage {
            path: path.to_path_buf(),
            shape: shape.to_vec(),
        });
    }
    // Checked just above that both fit.
    Ok((w as u32, h as u32))
}

fn save(
    path: &Path,
    raw: Vec<u8>,
    width: u32,
    height: u32,
    color: ::image::ExtendedColorType,
) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    let encoder = ::image::codecs::png::PngEncoder::new(&mut out);
    ::image::ImageEncoder::write_image(encoder, &raw, width, height, color).map_err(
        |e| match e {
            ImageError::IoError(io) => Error::io(path, io),
            other => Error::Encode {
                path: path.to_path_buf(),
                detail: other.to_string(),
            },
        },
    )?;
    std::io::Write::flush(&mut out).map_err(|e| Error::io(path, e))
}
