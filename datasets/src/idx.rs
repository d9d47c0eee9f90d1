//! IDX files, the format of MNIST and Fashion-MNIST (optionally gzipped).
//!
//! Layout (<http://yann.lecun.com/exdb/mnist/>): two zero bytes, a type byte (`0x08` u8,
//! `0x09` i8, `0x0B` i16, `0x0C` i32, `0x0D` f32, `0x0E` f64), the number of dimensions, each
//! dimension as a big-endian `u32`, then the data, big-endian, row-major. The reader checks
//! every part and refuses bytes past the data (a header that disagrees with its data is more
//! likely a corrupt file than padding).

use std::io::Read;
use std::path::{Path, PathBuf};

use ndarray::{Array1, Array3, ArrayD, IxDyn};

use crate::{Error, Result};

/// The contents of an IDX file, in its own element type, shape as in the header.
#[derive(Debug, Clone, PartialEq)]
pub enum IdxArray {
    /// Type byte `0x08`: unsigned bytes (MNIST's images and labels).
    U8(ArrayD<u8>),
    /// Type byte `0x09`: signed bytes.
    I8(ArrayD<i8>),
    /// Type byte `0x0B`: big-endian `i16`.
    I16(ArrayD<i16>),
    /// Type byte `0x0C`: big-endian `i32`.
    I32(ArrayD<i32>),
    /// Type byte `0x0D`: big-endian `f32`.
    F32(ArrayD<f32>),
    /// Type byte `0x0E`: big-endian `f64`.
    F64(ArrayD<f64>),
}

impl IdxArray {
    /// The shape, as the header declares it.
    #[must_use]
    pub fn shape(&self) -> &[usize] {
        match self {
            IdxArray::U8(a) => a.shape(),
            IdxArray::I8(a) => a.shape(),
            IdxArray::I16(a) => a.shape(),
            IdxArray::I32(a) => a.shape(),
            IdxArray::F32(a) => a.shape(),
            IdxArray::F64(a) => a.shape(),
        }
    }

    /// The element type's name (`"u8"`, `"i8"`, `"i16"`, `"i32"`, `"f32"`, `"f64"`).
    #[must_use]
    pub fn dtype(&self) -> &'static str {
        match self {
            IdxArray::U8(_) => "u8",
            IdxArray::I8(_) => "i8",
            IdxArray::I16(_) => "i16",
            IdxArray::I32(_) => "i32",
            IdxArray::F32(_) => "f32",
            IdxArray::F64(_) => "f64",
        }
    }

    /// Every element converted to `f64` (exact for every IDX type).
    #[must_use]
    pub fn to_f64(&self) -> ArrayD<f64> {
        match self {
            IdxArray::U8(a) => a.mapv(f64::from),
            IdxArray::I8(a) => a.mapv(f64::from),
            IdxArray::I16(a) => a.mapv(f64::from),
            IdxArray::I32(a) => a.mapv(f64::from),
            IdxArray::F32(a) => a.mapv(f64::from),
            IdxArray::F64(a) => a.clone(),
        }
    }
}

/// Reads an IDX file, gunzipping it first when it is gzipped (recognised by its magic bytes
/// `1f 8b`, whatever the extension). The layout of the MNIST page's format description
/// (tested on files written byte by byte to it, for every element type).
///
/// # Errors
/// [`Error::NotFound`] / [`Error::Io`] for the file; [`Error::Gzip`] for a corrupt or cut-off
/// gzip stream; [`Error::IdxHeader`] for a file shorter than its header, [`Error::IdxMagic`]
/// when the first two bytes are not zero, [`Error::IdxType`] for an unknown type byte,
/// [`Error::IdxOverflow`] when the dimensions' product overflows, [`Error::IdxDataLength`]
/// when the data is shorter (truncated) or longer (trailing bytes, refused) than the
/// dimensions say.
pub fn read_idx(path: impl AsRef<Path>) -> Result<IdxArray> {
    let path = path.as_ref();
    let bytes = read_maybe_gz(path)?;
    parse_idx(path, &bytes)
}

/// Reads an IDX file as [`read_idx`] does, after checking that its contents (inflated when
/// gzipped, so a recompressed copy still passes) have the SHA-256 `sha256_hex` (64 hex digits,
/// any case), e.g. the digests MNIST's distributors publish for the uncompressed files.
///
/// # Errors
/// As [`read_idx`]; [`Error::Checksum`] when the digest differs.
pub fn read_idx_checked(path: impl AsRef<Path>, sha256_hex: &str) -> Result<IdxArray> {
    let path = path.as_ref();
    let bytes = read_maybe_gz(path)?;
    let found = sha256_hex_of(&bytes);
    if !found.eq_ignore_ascii_case(sha256_hex.trim()) {
        return Err(Error::Checksum {
            path: path.to_path_buf(),
            expected: sha256_hex.trim().to_ascii_lowercase(),
            found,
        });
    }
    parse_idx(path, &bytes)
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex_of(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// An [`IdxArray`] as `u8` images `(n, rows, cols)`.
pub(crate) fn into_images(path: &Path, array: IdxArray) -> Result<Array3<u8>> {
    match array {
        IdxArray::U8(a) if a.ndim() == 3 => Ok(a
            .into_dimensionality()
            .expect("the rank was checked just above")),
        other => Err(kind_error(path, &other, "a 3-D u8 array (n, rows, cols)")),
    }
}

/// An [`IdxArray`] as `u8` labels `(n,)`.
pub(crate) fn into_labels(path: &Path, array: IdxArray) -> Result<Array1<u8>> {
    match array {
        IdxArray::U8(a) if a.ndim() == 1 => Ok(a
            .into_dimensionality()
            .expect("the rank was checked just above")),
        other => Err(kind_error(path, &other, "a 1-D u8 array (n,)")),
    }
}

/// Reads an IDX file of `u8` images, shape `(n, rows, cols)` (MNIST's `*-images-idx3-ubyte`).
///
/// # Errors
/// As [`read_idx`]; [`Error::IdxKind`] unless the file holds a 3-D `u8` array.
pub fn read_idx_images(path: impl AsRef<Path>) -> Result<Array3<u8>> {
    let path = path.as_ref();
    into_images(path, read_idx(path)?)
}

/// Reads an IDX file of `u8` labels, shape `(n,)` (MNIST's `*-labels-idx1-ubyte`).
///
/// # Errors
/// As [`read_idx`]; [`Error::IdxKind`] unless the file holds a 1-D `u8` array.
pub fn read_idx_labels(path: impl AsRef<Path>) -> Result<Array1<u8>> {
    let path = path.as_ref();
    into_labels(path, read_idx(path)?)
}

/// Which half of an MNIST-like data set [`load_mnist_like`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MnistSplit {
    /// `train-images-idx3-ubyte` and `train-labels-idx1-ubyte`.
    Train,
    /// `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`.
    Test,
}

/// Reads MNIST, Fashion-MNIST or any set stored under MNIST's file names in `dir`: images
/// `(n, rows, cols)` and labels `(n,)`, as `torchvision.datasets.MNIST` reads them.
///
/// The files are `train-images-idx3-ubyte` / `train-labels-idx1-ubyte` ([`MnistSplit::Train`])
/// or `t10k-images-idx3-ubyte` / `t10k-labels-idx1-ubyte` ([`MnistSplit::Test`]), each taken
/// as is or, when absent, with a `.gz` suffix.
///
/// # Errors
/// [`Error::NotFound`] naming the uncompressed path when neither file exists; as
/// [`read_idx_images`] / [`read_idx_labels`]; [`Error::CountMismatch`] when the two files hold
/// different numbers of items.
pub fn load_mnist_like(
    dir: impl AsRef<Path>,
    split: MnistSplit,
) -> Result<(Array3<u8>, Array1<u8>)> {
    let dir = dir.as_ref();
    let prefix = match split {
        MnistSplit::Train => "train",
        MnistSplit::Test => "t10k",
    };
    let images_path = plain_or_gz(dir, &format!("{prefix}-images-idx3-ubyte"))?;
    let labels_path = plain_or_gz(dir, &format!("{prefix}-labels-idx1-ubyte"))?;
    let images = read_idx_images(&images_path)?;
    let labels = read_idx_labels(&labels_path)?;
    check_counts(&images_path, &images, &labels_path, &labels)?;
    Ok((images, labels))
}

/// [`Error::CountMismatch`] unless there are as many labels as images.
pub(crate) fn check_counts(
    images_path: &Path,
    images: &Array3<u8>,
    labels_path: &Path,
    labels: &Array1<u8>,
) -> Result<()> {
    if images.shape()[0] == labels.len() {
        Ok(())
    } else {
        Err(Error::CountMismatch {
            images: images_path.to_path_buf(),
            n_images: images.shape()[0],
            labels: labels_path.to_path_buf(),
            n_labels: labels.len(),
        })
    }
}

fn plain_or_gz(dir: &Path, name: &str) -> Result<PathBuf> {
    let plain = dir.join(name);
    if plain.is_file() {
        return Ok(plain);
    }
    let gz = dir.join(format!("{name}.gz"));
    if gz.is_file() {
        Ok(gz)
    } else {
        Err(Error::NotFound { path: plain })
    }
}

fn kind_error(path: &Path, found: &IdxArray, expected: &'static str) -> Error {
    Error::IdxKind {
        path: path.to_path_buf(),
        dtype: found.dtype(),
        shape: found.shape().to_vec(),
        expected,
    }
}

/// The file's bytes, inflated when they start with gzip's magic.
fn read_maybe_gz(path: &Path) -> Result<Vec<u8>> {
    let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(raw.as_slice())
        .read_to_end(&mut out)
        .map_err(|e| Error::Gzip {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    Ok(out)
}

fn parse_idx(path: &Path, bytes: &[u8]) -> Result<IdxArray> {
    let header_err = |needed: usize| Error::IdxHeader {
        path: path.to_path_buf(),
        needed,
        got: bytes.len(),
    };
    let Some(&[z0, z1, ty, ndim]) = bytes.first_chunk::<4>() else {
        return Err(header_err(4));
    };
    if z0 != 0 || z1 != 0 {
        return Err(Error::IdxMagic {
            path: path.to_path_buf(),
            magic: [z0, z1, ty, ndim],
        });
    }
    let elem = match ty {
        0x08 | 0x09 => 1,
        0x0B => 2,
        0x0C | 0x0D => 4,
        0x0E => 8,
        byte => {
            return Err(Error::IdxType {
                path: path.to_path_buf(),
                byte,
            });
        }
    };
    let header = 4 + 4 * usize::from(ndim);
    if bytes.len() < header {
        return Err(header_err(header));
    }
    let dims: Vec<usize> = bytes[4..header]
        .chunks_exact(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect();
    let Some(expected) = dims
        .iter()
        .try_fold(elem, |acc: usize, &d| acc.checked_mul(d))
    else {
        return Err(Error::IdxOverflow {
            path: path.to_path_buf(),
            dims,
        });
    };
    let data = &bytes[header..];
    if data.len() != expected {
        return Err(Error::IdxDataLength {
            path: path.to_path_buf(),
            dims,
            expected,
            got: data.len(),
        });
    }
    let shape = IxDyn(&dims);
    // The length was checked against the product of the dimensions just above.
    const LEN: &str = "data length equals the product of the dimensions";
    Ok(match ty {
        0x08 => IdxArray::U8(ArrayD::from_shape_vec(shape, data.to_vec()).expect(LEN)),
        0x09 => IdxArray::I8(
            ArrayD::from_shape_vec(shape, data.iter().map(|&b| b as i8).collect()).expect(LEN),
        ),
        0x0B => IdxArray::I16(
            ArrayD::from_shape_vec(
                shape,
                data.chunks_exact(2)
                    .map(|c| i16::from_be_bytes([c[0], c[1]]))
                    .collect(),
            )
            .expect(LEN),
        ),
        0x0C => IdxArray::I32(
            ArrayD::from_shape_vec(
                shape,
                data.chunks_exact(4)
                    .map(|c| i32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                    .collect(),
            )
            .expect(LEN),
        ),
        0x0D => IdxArray::F32(
            ArrayD::from_shape_vec(
                shape,
                data.chunks_exact(4)
                    .map(|c| f32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                    .collect(),
            )
            .expect(LEN),
        ),
        _ => IdxArray::F64(
            ArrayD::from_shape_vec(
                shape,
                data.chunks_exact(8)
                    .map(|c| f64::from_be_bytes(c.try_into().expect("chunks of 8")))
                    .collect(),
            )
            .expect(LEN),
        ),
    })
}
