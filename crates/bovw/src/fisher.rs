//! Fisher vectors, as VLFeat's `vl_fisher_encode`.

use dsp_core::Float;
use ndarray::{Array1, ArrayView2};

use crate::encode::Encoder;
use crate::error::Result;
use crate::gmm::Gmm;
use crate::vlad::{l2_normalise, signed_sqrt};

/// Fisher vector of a set of descriptors under a diagonal [`Gmm`], following VLFeat's
/// `vl_fisher_encode` (vlfeat.org, "Fisher Vector fundamentals").
///
/// With posteriors `q_ik` of descriptor `x_i` (`n` of them) under component `k` (weight `pi_k`,
/// mean `mu_k`, standard deviations `sigma_k`):
/// `u_k = 1 / (n sqrt(pi_k)) sum_i q_ik (x_i - mu_k) / sigma_k` and
/// `v_k = 1 / (n sqrt(2 pi_k)) sum_i q_ik [((x_i - mu_k) / sigma_k)^2 - 1]`; the encoding is
/// `[u_1 .. u_K, v_1 .. v_K]` (`2 K dim` values, VLFeat's layout). `square_root` is
/// `VL_FISHER_FLAG_SQUARE_ROOT` (signed square root), `normalized` is
/// `VL_FISHER_FLAG_NORMALIZED` (divided by `max(||.||, 1e-12)`); both together are
/// `VL_FISHER_FLAG_IMPROVED`, the improved Fisher vector of Perronnin et al. (2010).
#[derive(Debug, Clone, PartialEq)]
pub struct Fisher<F> {
    gmm: Gmm<F>,
    square_root: bool,
    normalized: bool,
}

impl<F: Float> Fisher<F> {
    /// A Fisher encoder; `improved` turns on the signed square root and the L2 normalisation.
    pub fn new(gmm: Gmm<F>, improved: bool) -> Self {
        Self::with_flags(gmm, improved, improved)
    }
    /// A Fisher encoder with VLFeat's two flags set separately.
    pub fn with_flags(gmm: Gmm<F>, square_root: bool, normalized: bool) -> Self {
        Self {
            gmm,
            square_root,
            normalized,
        }
    }
    /// The mixture.
    pub fn gmm(&self) -> &Gmm<F> {
        &self.gmm
    }
    /// Whether both the square root and the normalisation are on.
    pub fn improved(&self) -> bool {
        self.square_root && self.normalized
    }
}

impl<F: Float> Encoder<F> for Fisher<F> {
    fn len(&self) -> usize {
        2 * self.gmm.n_components() * self.gmm.dim()
    }
    fn dim(&self) -> usize {
        self.gmm.dim()
    }
    fn encode(&self, descriptors: ArrayView2<'_, F>) -> Result<Array1<F>> {
        let (q, _) = self.gmm.posteriors64(descriptors)?;
        let (k, d) = (self.gmm.n_components(), self.gmm.dim());
        let n = descriptors.nrows() as f64;
        let mut enc = vec![0.0f64; 2 * k * d];
        let (u, v) = enc.split_at_mut(k * d);
        let means = self.gmm.means();
        let vars = self.gmm.variances();
        let w = self.gmm.weights();
        for c in 0..k {
            let isd: Vec<f64> = vars
                .row(c)
                .iter()
                .map(|s| 1.0 / s.to_f64_lossless().sqrt())
                .collect();
            let mu: Vec<f64> = means.row(c).iter().map(|m| m.to_f64_lossless()).collect();
            let uk = &mut u[c * d..(c + 1) * d];
            let vk = &mut v[c * d..(c + 1) * d];
            for (r, x) in descriptors.rows().into_iter().enumerate() {
                let p = q[[r, c]];
                if p == 0.0 {
                    continue;
                }
                for j in 0..d {
                    let z = (x[j].to_f64_lossless() - mu[j]) * isd[j];
                    uk[j] += p * z;
                    vk[j] += p * (z * z - 1.0);
                }
            }
            let wk = w[c].to_f64_lossless();
            let up = 1.0 / (n * wk.sqrt());
            let vp = 1.0 / (n * (2.0 * wk).sqrt());
            uk.iter_mut().for_each(|t| *t *= up);
            vk.iter_mut().for_each(|t| *t *= vp);
        }
        if self.square_root {
            signed_sqrt(&mut enc);
        }
        if self.normalized {
            l2_normalise(&mut enc);
        }
        Ok(enc.into_iter().map(F::of).collect())
    }
}
