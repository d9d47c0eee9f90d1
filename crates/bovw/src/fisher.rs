//! Fisher vectors, as VLFeat's `vl_fisher_encode`.

use dsp_core::Float;
use ndarray::{Array1, ArrayView2, Axis};

use crate::encode::Encoder;
use crate::error::Result;
use crate::gmm::Gmm;
use crate::util::{check_dim, check_matrix, gemm_atb};
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
    /// The sums over descriptors are two GEMMs, `q^T x` and `q^T x^2` (with `x` centred on its
    /// column means first, so that data far from the origin keep their digits), from which
    /// `sum_i q_ik (x_i - mu_k)` and `sum_i q_ik (x_i - mu_k)^2` follow per component.
    fn encode(&self, descriptors: ArrayView2<'_, F>) -> Result<Array1<F>> {
        check_matrix("descriptors", descriptors)?;
        check_dim("descriptors", self.gmm.dim(), descriptors.ncols())?;
        let x64 = F::view_f64(descriptors);
        let (q, _) = self.gmm.posteriors_of_f64(x64.view());
        let (k, d) = (self.gmm.n_components(), self.gmm.dim());
        let n = descriptors.nrows() as f64;
        let centre = x64.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(d));
        let xc = &x64 - &centre;
        let s0 = q.sum_axis(Axis(0));
        let s1 = gemm_atb(q.view(), xc.view());
        let s2 = gemm_atb(q.view(), xc.mapv(|v| v * v).view());
        let mut enc = vec![0.0f64; 2 * k * d];
        let (u, v) = enc.split_at_mut(k * d);
        let means = self.gmm.means();
        let vars = self.gmm.variances();
        let w = self.gmm.weights();
        for c in 0..k {
            let wk = w[c].to_f64_lossless();
            let up = 1.0 / (n * wk.sqrt());
            let vp = 1.0 / (n * (2.0 * wk).sqrt());
            let uk = &mut u[c * d..(c + 1) * d];
            let vk = &mut v[c * d..(c + 1) * d];
            for j in 0..d {
                let m = means[[c, j]].to_f64_lossless() - centre[j];
                let var = vars[[c, j]].to_f64_lossless();
                // sum_i q (x - m) and sum_i q (x - m)^2 from the centred moments
                let first = s1[[c, j]] - m * s0[c];
                let second = s2[[c, j]] - 2.0 * m * s1[[c, j]] + m * m * s0[c];
                uk[j] = up * first / var.sqrt();
                vk[j] = vp * (second / var - s0[c]);
            }
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
