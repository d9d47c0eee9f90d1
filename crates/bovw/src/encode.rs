//! The encoder interface, hard and soft histograms, and batch encoding.

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView2};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::util::{check_dim, check_matrix, check_positive, sq_dist, standard};
use crate::vocabulary::Vocabulary;

/// Something that turns one image's set of local descriptors (`n x dim`, one row each) into a
/// fixed-length vector: a bag-of-words histogram, VLAD, a Fisher vector.
pub trait Encoder<F> {
    /// Length of the encoding.
    fn len(&self) -> usize;
    /// `true` when the encoding has no values (never, for the encoders of this crate).
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Width of the descriptors this encoder takes.
    fn dim(&self) -> usize;
    /// Encodes one set of descriptors.
    ///
    /// # Errors
    /// [`Error::Empty`] for no descriptors, [`Error::NonFinite`], [`Error::DimensionMismatch`].
    fn encode(&self, descriptors: ArrayView2<'_, F>) -> Result<Array1<F>>;
}

/// Normalisation of a histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistNorm {
    /// Raw counts.
    None,
    /// Divided by the sum (the number of descriptors): frequencies summing to 1.
    #[default]
    L1,
    /// Divided by the Euclidean norm.
    L2,
}

fn normalise<F: Float>(v: &mut [f64], norm: HistNorm) -> Array1<F> {
    let s = match norm {
        HistNorm::None => 1.0,
        HistNorm::L1 => v.iter().map(|x| x.abs()).sum::<f64>(),
        HistNorm::L2 => v.iter().map(|x| x * x).sum::<f64>().sqrt(),
    };
    let s = if s > 0.0 { s } else { 1.0 };
    v.iter().map(|&x| F::of(x / s)).collect()
}

/// Hard-assignment bag of visual words: the count of descriptors whose nearest word is each
/// word, then normalised.
///
/// Equal to `np.bincount(KMeans.predict(d), minlength=k)` divided by its sum (L1) or norm (L2).
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram<F> {
    vocabulary: Vocabulary<F>,
    norm: HistNorm,
}

impl<F: Float> Histogram<F> {
    /// A histogram encoder over `vocabulary`.
    pub fn new(vocabulary: Vocabulary<F>, norm: HistNorm) -> Self {
        Self { vocabulary, norm }
    }
    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary<F> {
        &self.vocabulary
    }
    /// The normalisation.
    pub fn norm(&self) -> HistNorm {
        self.norm
    }
}

impl<F: Float> Encoder<F> for Histogram<F> {
    fn len(&self) -> usize {
        self.vocabulary.n_words()
    }
    fn dim(&self) -> usize {
        self.vocabulary.dim()
    }
    fn encode(&self, descriptors: ArrayView2<'_, F>) -> Result<Array1<F>> {
        let words = self.vocabulary.words(descriptors)?;
        let mut h = vec![0.0; self.len()];
        for w in words {
            h[w] += 1.0;
        }
        Ok(normalise(&mut h, self.norm))
    }
}

/// Kernel-codebook soft assignment (van Gemert et al., "Kernel codebooks for scene
/// categorization", ECCV 2008, the "codeword uncertainty" variant).
///
/// For descriptor `x_i` and word `c_k` the weight is
/// `w_ik = exp(-||x_i - c_k||^2 / (2 sigma^2)) / sum_j exp(-||x_i - c_j||^2 / (2 sigma^2))`
/// (each descriptor's weights sum to 1; computed with the smallest distance subtracted first,
/// so that no descriptor underflows to all zeros); the encoding is `sum_i w_ik / n`, which sums
/// to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftAssignment<F> {
    vocabulary: Vocabulary<F>,
    sigma: f64,
}

impl<F: Float> SoftAssignment<F> {
    /// A soft-assignment encoder with kernel width `sigma` (in descriptor units).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for `sigma <= 0` or non-finite.
    pub fn new(vocabulary: Vocabulary<F>, sigma: f64) -> Result<Self> {
        check_positive("sigma", sigma)?;
        Ok(Self { vocabulary, sigma })
    }
    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary<F> {
        &self.vocabulary
    }
    /// The kernel width.
    pub fn sigma(&self) -> f64 {
        self.sigma
    }
}

impl<F: Float> Encoder<F> for SoftAssignment<F> {
    fn len(&self) -> usize {
        self.vocabulary.n_words()
    }
    fn dim(&self) -> usize {
        self.vocabulary.dim()
    }
    fn encode(&self, descriptors: ArrayView2<'_, F>) -> Result<Array1<F>> {
        check_matrix("descriptors", descriptors)?;
        check_dim("descriptors", self.dim(), descriptors.ncols())?;
        let x = standard(descriptors);
        let c = self.vocabulary.centers();
        let k = c.nrows();
        let inv = 1.0 / (2.0 * self.sigma * self.sigma);
        let total = x
            .rows()
            .into_iter()
            .collect::<Vec<_>>()
            .par_iter()
            .fold(
                || (vec![0.0f64; k], vec![0.0f64; k]),
                |(mut acc, mut d2), r| {
                    let r = r.as_slice().expect("standard layout");
                    for (j, o) in d2.iter_mut().enumerate() {
                        *o = sq_dist(r, c.row(j).as_slice().expect("standard")).to_f64_lossless();
                    }
                    let m = d2.iter().copied().fold(f64::INFINITY, f64::min);
                    let mut s = 0.0;
                    for o in d2.iter_mut() {
                        *o = (-(*o - m) * inv).exp();
                        s += *o;
                    }
                    acc.iter_mut().zip(&d2).for_each(|(a, w)| *a += w / s);
                    (acc, d2)
                },
            )
            .map(|(a, _)| a)
            .reduce(
                || vec![0.0f64; k],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let n = x.nrows() as f64;
        Ok(total.iter().map(|&v| F::of(v / n)).collect())
    }
}

/// Encodes each descriptor set (one per image) into one row, rayon-parallel over the sets.
///
/// # Errors
/// [`Error::Empty`] for no sets; [`Error::InSet`] naming the first set (in order) that fails,
/// with the encoder's error inside (an empty set, NaN/inf, a width that differs from the
/// encoder's).
pub fn encode_batch<F: Float, E: Encoder<F> + Sync>(
    encoder: &E,
    sets: &[ArrayView2<'_, F>],
) -> Result<Array2<F>> {
    if sets.is_empty() {
        return Err(Error::Empty {
            what: "descriptor sets",
            rows: 0,
            cols: encoder.dim(),
        });
    }
    let rows: Vec<Result<Array1<F>>> = sets.par_iter().map(|s| encoder.encode(*s)).collect();
    let mut out = Array2::<F>::zeros((sets.len(), encoder.len()));
    for (index, (r, mut o)) in rows.into_iter().zip(out.rows_mut()).enumerate() {
        let r = r.map_err(|e| Error::InSet {
            index,
            source: Box::new(e),
        })?;
        o.assign(&r);
    }
    Ok(out)
}
