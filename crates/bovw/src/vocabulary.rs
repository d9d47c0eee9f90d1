//! Visual vocabularies: a set of centres ("words"), nearest-word lookup, and a small binary file
//! format.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView2};

use crate::error::{Error, Result};
use crate::kmeans::{KMeans, distances, nearest};
use crate::util::{check_dim, check_matrix};

/// The magic bytes that open a vocabulary file.
pub const VOCABULARY_MAGIC: [u8; 8] = *b"SFVOCAB\0";
/// The file format version written and read.
pub const VOCABULARY_VERSION: u32 = 1;
const HEADER: u64 = 32;

/// A visual vocabulary: `n_words x dim` centres, usually from [`KMeans`].
///
/// # File format
/// [`save`](Self::save) writes, all little-endian:
///
/// | offset | size | content |
/// |---|---|---|
/// | 0 | 8 | magic `SFVOCAB\0` |
/// | 8 | 4 | version, `u32` = 1 |
/// | 12 | 4 | element type, `u32`: 1 = `f32`, 2 = `f64` |
/// | 16 | 8 | `n_words`, `u64` |
/// | 24 | 8 | `dim`, `u64` |
/// | 32 | `n_words * dim * size` | the centres, row-major |
///
/// [`load`](Self::load) checks every field and the exact file length.
///
/// # Example
/// ```
/// use bovw::Vocabulary;
/// use ndarray::array;
/// let voc = Vocabulary::new(array![[0.0f32, 0.0], [10.0, 10.0]])?;
/// assert_eq!(voc.words(array![[1.0f32, 0.5], [9.0, 9.5]].view())?, array![0, 1]);
/// # Ok::<(), bovw::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary<F> {
    centers: Array2<F>,
}

impl<F: Float> Vocabulary<F> {
    /// A vocabulary of these centres (one word per row).
    ///
    /// # Errors
    /// [`Error::Empty`] for no rows or columns, [`Error::NonFinite`] for NaN/inf.
    pub fn new(centers: Array2<F>) -> Result<Self> {
        check_matrix("vocabulary", centers.view())?;
        Ok(Self {
            centers: centers.as_standard_layout().into_owned(),
        })
    }
    /// Number of words.
    pub fn n_words(&self) -> usize {
        self.centers.nrows()
    }
    /// Descriptor dimension.
    pub fn dim(&self) -> usize {
        self.centers.ncols()
    }
    /// The centres, `n_words x dim`.
    pub fn centers(&self) -> ArrayView2<'_, F> {
        self.centers.view()
    }
    /// The nearest word of each descriptor (ties to the lower index), as
    /// `sklearn.cluster.KMeans.predict`: blocked GEMM `||c||^2 - 2 x.c`, rayon over rows.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::DimensionMismatch`].
    pub fn words(&self, descriptors: ArrayView2<'_, F>) -> Result<Array1<usize>> {
        nearest("descriptors", self.centers.view(), descriptors)
    }
    /// Euclidean distance of each descriptor to each word, `n x n_words`.
    ///
    /// # Errors
    /// As [`words`](Self::words).
    pub fn distances(&self, descriptors: ArrayView2<'_, F>) -> Result<Array2<F>> {
        distances("descriptors", self.centers.view(), descriptors)
    }

    fn dtype() -> (u32, &'static str) {
        if std::mem::size_of::<F>() == 4 {
            (1, "f32")
        } else {
            (2, "f64")
        }
    }

    /// Writes the vocabulary in the format above.
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let size = std::mem::size_of::<F>();
        let mut buf = Vec::with_capacity(HEADER as usize + self.centers.len() * size);
        buf.extend_from_slice(&VOCABULARY_MAGIC);
        buf.extend_from_slice(&VOCABULARY_VERSION.to_le_bytes());
        buf.extend_from_slice(&Self::dtype().0.to_le_bytes());
        buf.extend_from_slice(&(self.n_words() as u64).to_le_bytes());
        buf.extend_from_slice(&(self.dim() as u64).to_le_bytes());
        for &v in &self.centers {
            let v = v.to_f64_lossless();
            if size == 4 {
                // Exact: v came from an f32.
                buf.extend_from_slice(&(v as f32).to_le_bytes());
            } else {
                buf.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut f = std::fs::File::create(path).map_err(io)?;
        f.write_all(&buf).map_err(io)?;
        f.flush().map_err(io)
    }

    /// Reads a vocabulary written by [`save`](Self::save) with the same element type `F`.
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::BadMagic`], [`Error::UnsupportedVersion`], [`Error::WrongDtype`]
    /// (a file of the other float type), [`Error::FileSize`] (truncated or with trailing
    /// bytes), [`Error::Empty`] (zero words or dimension), [`Error::NonFinite`].
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let pb = || PathBuf::from(path);
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(|source| Error::Io { path: pb(), source })?;
        let got = bytes.len() as u64;
        if bytes.len() < 8 || bytes[..8] != VOCABULARY_MAGIC {
            return Err(Error::BadMagic {
                path: pb(),
                found: bytes[..bytes.len().min(8)].to_vec(),
            });
        }
        if got < HEADER {
            return Err(Error::FileSize {
                path: pb(),
                expected: HEADER,
                got,
            });
        }
        let u32_at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().expect("4 bytes"));
        let u64_at = |o: usize| u64::from_le_bytes(bytes[o..o + 8].try_into().expect("8 bytes"));
        let version = u32_at(8);
        if version != VOCABULARY_VERSION {
            return Err(Error::UnsupportedVersion {
                path: pb(),
                version,
            });
        }
        let (want, name) = Self::dtype();
        let code = u32_at(12);
        if code != want {
            let found = match code {
                1 => "f32".to_string(),
                2 => "f64".to_string(),
                c => format!("unknown code {c}"),
            };
            return Err(Error::WrongDtype {
                path: pb(),
                expected: name,
                found,
            });
        }
        let (k, dim) = (u64_at(16), u64_at(24));
        let size = std::mem::size_of::<F>() as u64;
        let expected = k
            .checked_mul(dim)
            .and_then(|v| v.checked_mul(size))
            .and_then(|v| v.checked_add(HEADER))
            .unwrap_or(u64::MAX);
        if expected != got {
            return Err(Error::FileSize {
                path: pb(),
                expected,
                got,
            });
        }
        let (k, dim) = (k as usize, dim as usize);
        let data: Vec<F> = bytes[HEADER as usize..]
            .chunks_exact(size as usize)
            .map(|c| {
                if size == 4 {
                    F::of(f64::from(f32::from_le_bytes(
                        c.try_into().expect("4 bytes"),
                    )))
                } else {
                    F::of(f64::from_le_bytes(c.try_into().expect("8 bytes")))
                }
            })
            .collect();
        let centers = Array2::from_shape_vec((k, dim), data).expect("length checked above");
        Self::new(centers)
    }

    /// [`load`](Self::load), then checks that the words have dimension `dim` (the width of
    /// the descriptors about to be encoded).
    ///
    /// # Errors
    /// As [`load`](Self::load), and [`Error::DimensionMismatch`].
    pub fn load_expect_dim(path: impl AsRef<Path>, dim: usize) -> Result<Self> {
        let v = Self::load(path)?;
        check_dim("vocabulary file", dim, v.dim())?;
        Ok(v)
    }
}

impl<F: Float> From<KMeans<F>> for Vocabulary<F> {
    /// The k-means centres as words.
    fn from(km: KMeans<F>) -> Self {
        Self {
            centers: km.into_centers(),
        }
    }
}
