//! VLAD: vectors of locally aggregated descriptors, as VLFeat's `vl_vlad_encode`.

use dsp_core::Float;
use ndarray::{Array1, ArrayView2};

use crate::encode::Encoder;
use crate::error::Result;
use crate::vocabulary::Vocabulary;

/// VLFeat's `vl_vlad_encode` flags. The default (all `false`) is VLFeat's default: no
/// per-word step, the whole vector L2-normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VladFlags {
    /// `VL_VLAD_FLAG_NORMALIZE_COMPONENTS`: each word's block L2-normalised (intra-normalisation).
    pub normalize_components: bool,
    /// `VL_VLAD_FLAG_SQUARE_ROOT`: signed square root of every value.
    pub square_root: bool,
    /// `VL_VLAD_FLAG_UNNORMALIZED`: skip the final L2 normalisation of the whole vector.
    pub unnormalized: bool,
    /// `VL_VLAD_FLAG_NORMALIZE_MASS`: each block divided by its number of descriptors.
    pub normalize_mass: bool,
}

/// VLAD with hard assignment to the nearest word, following VLFeat's `vl_vlad_encode`
/// (vlfeat.org, "VLAD encoding"): for word `k` with descriptors `x_i` assigned to it,
/// `v_k = sum_i (x_i - c_k)` (`/ n_k` with `normalize_mass`); then, per word, the signed square
/// root (`square_root`) and L2 normalisation (`normalize_components`); then, unless
/// `unnormalized`, the whole `k * dim` vector divided by `max(||v||, 1e-12)`. A word with no
/// descriptors gives zeros. Layout: word-major, `v[k * dim + j]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Vlad<F> {
    vocabulary: Vocabulary<F>,
    flags: VladFlags,
}

impl<F: Float> Vlad<F> {
    /// A VLAD encoder over `vocabulary`.
    pub fn new(vocabulary: Vocabulary<F>, flags: VladFlags) -> Self {
        Self { vocabulary, flags }
    }
    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary<F> {
        &self.vocabulary
    }
    /// The flags.
    pub fn flags(&self) -> VladFlags {
        self.flags
    }
}

/// Signed square root of every value.
pub(crate) fn signed_sqrt(v: &mut [f64]) {
    for z in v {
        *z = if *z >= 0.0 { z.sqrt() } else { -(-*z).sqrt() };
    }
}

/// Divides by `max(||v||, 1e-12)`, as VLFeat.
pub(crate) fn l2_normalise(v: &mut [f64]) {
    let n = v.iter().map(|z| z * z).sum::<f64>().sqrt().max(1e-12);
    v.iter_mut().for_each(|z| *z /= n);
}

impl<F: Float> Encoder<F> for Vlad<F> {
    fn len(&self) -> usize {
        self.vocabulary.n_words() * self.vocabulary.dim()
    }
    fn dim(&self) -> usize {
        self.vocabulary.dim()
    }
    fn encode(&self, descriptors: ArrayView2<'_, F>) -> Result<Array1<F>> {
        let words = self.vocabulary.words(descriptors)?;
        let (k, d) = (self.vocabulary.n_words(), self.vocabulary.dim());
        let c = self.vocabulary.centers();
        let mut v = vec![0.0f64; k * d];
        let mut mass = vec![0.0f64; k];
        for (r, &w) in descriptors.rows().into_iter().zip(&words) {
            mass[w] += 1.0;
            for (o, x) in v[w * d..(w + 1) * d].iter_mut().zip(r.iter()) {
                *o += x.to_f64_lossless();
            }
        }
        let f = self.flags;
        for (w, block) in v.chunks_exact_mut(d).enumerate() {
            let m = mass[w];
            if m > 0.0 {
                for (o, cv) in block.iter_mut().zip(c.row(w).iter()) {
                    let cv = cv.to_f64_lossless();
                    if f.normalize_mass {
                        *o = *o / m - cv;
                    } else {
                        *o -= m * cv;
                    }
                }
            }
            if f.square_root {
                signed_sqrt(block);
            }
            if f.normalize_components {
                l2_normalise(block);
            }
        }
        if !f.unnormalized {
            l2_normalise(&mut v);
        }
        Ok(v.into_iter().map(F::of).collect())
    }
}
