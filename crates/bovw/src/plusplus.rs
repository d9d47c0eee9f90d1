//! Greedy k-means++ seeding, as scikit-learn's `_kmeans_plusplus`.

use dsp_core::Float;
use ndarray::{Array2, ArrayView2};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::util::{BLOCK, check_count, check_matrix, sq_dist, standard};

/// Greedy k-means++ seeding: the initial centres and the row index each was taken from.
///
/// Equal in algorithm to `sklearn.cluster.kmeans_plusplus(x, n_clusters, n_local_trials=...)`:
/// the first centre is a uniformly drawn row; each further centre is the best of
/// `n_local_trials` candidates (default `2 + floor(ln n_clusters)`) drawn with probability
/// proportional to the squared distance to the nearest centre chosen so far, "best" meaning the
/// candidate that leaves the smallest total squared distance (the potential). The random stream
/// is ChaCha8 seeded with `seed`, not numpy's, so the rows picked differ from sklearn's for the
/// same seed; the distribution is the same.
///
/// The candidate distances are computed for all candidates in one pass over `x`, rayon-parallel
/// over blocks of rows. Candidates are drawn from `(0, potential]`, so a row already chosen (at
/// distance 0) is never drawn again while the data hold rows not yet covered: the indices are
/// distinct whenever `x` has at least `n_clusters` distinct rows.
///
/// # Errors
/// [`Error::Empty`] for no rows or columns, [`Error::NonFinite`] for NaN/inf values,
/// [`Error::ZeroClusters`] for `n_clusters = 0`, [`Error::TooFewSamples`] when `n_clusters`
/// exceeds the rows, [`Error::ZeroCount`] for `n_local_trials = Some(0)`.
///
/// # Example
/// ```
/// use ndarray::array;
/// let x = array![[0.0, 0.0], [0.1, 0.0], [10.0, 10.0], [10.1, 10.0]];
/// let (centres, idx) = bovw::kmeans_plusplus(x.view(), 2, None, 7)?;
/// assert_eq!(centres.dim(), (2, 2));
/// assert!((idx[0] < 2) != (idx[1] < 2)); // one centre from each clump
/// # Ok::<(), bovw::Error>(())
/// ```
pub fn kmeans_plusplus<F: Float>(
    x: ArrayView2<'_, F>,
    n_clusters: usize,
    n_local_trials: Option<usize>,
    seed: u64,
) -> Result<(Array2<F>, Vec<usize>)> {
    check_matrix("data", x)?;
    check_k("n_clusters", n_clusters, x.nrows())?;
    if let Some(t) = n_local_trials {
        check_count("n_local_trials", t)?;
    }
    let x = standard(x);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Ok(plusplus(x.view(), n_clusters, n_local_trials, &mut rng))
}

/// Checks `1 <= k <= n`.
pub(crate) fn check_k(what: &'static str, k: usize, n: usize) -> Result<()> {
    if k == 0 {
        return Err(Error::ZeroClusters { what });
    }
    if k > n {
        return Err(Error::TooFewSamples {
            n_samples: n,
            n_clusters: k,
            what,
        });
    }
    Ok(())
}

/// sklearn's default number of local trials, `2 + floor(ln k)`.
fn default_trials(k: usize) -> usize {
    2 + (k as f64).ln().floor() as usize
}

/// The seeding on checked, standard-layout data.
pub(crate) fn plusplus<F: Float, R: Rng>(
    x: ArrayView2<'_, F>,
    k: usize,
    n_local_trials: Option<usize>,
    rng: &mut R,
) -> (Array2<F>, Vec<usize>) {
    let (n, d) = x.dim();
    let xs = x.as_slice().expect("standard layout");
    let trials = n_local_trials.unwrap_or_else(|| default_trials(k));
    let mut centers = Array2::<F>::zeros((k, d));
    let mut indices = Vec::with_capacity(k);

    let first = rng.random_range(0..n);
    indices.push(first);
    centers.row_mut(0).assign(&x.row(first));
    let c0 = &xs[first * d..(first + 1) * d];
    let mut closest = vec![F::zero(); n];
    closest
        .par_chunks_mut(BLOCK)
        .enumerate()
        .for_each(|(b, out)| {
            for (r, o) in out.iter_mut().enumerate() {
                let i = b * BLOCK + r;
                *o = sq_dist(&xs[i * d..(i + 1) * d], c0);
            }
        });
    let mut pot: f64 = closest.iter().map(|v| v.to_f64_lossless()).sum();

    // Row-major n x trials: candidate t's distances for row i at i * trials + t.
    let mut cand_d = vec![F::zero(); n * trials];
    let mut cand_rows = vec![F::zero(); trials * d];
    let mut targets: Vec<(f64, usize)> = Vec::with_capacity(trials);
    let mut cand_ids = vec![0usize; trials];
    for c in 1..k {
        targets.clear();
        // (0, pot]: a point at distance 0 is never drawn while the potential is positive.
        targets.extend((0..trials).map(|t| ((1.0 - rng.random::<f64>()) * pot, t)));
        targets.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cum = 0.0;
        let mut i = 0;
        for &(target, t) in &targets {
            while i < n - 1 && cum + closest[i].to_f64_lossless() < target {
                cum += closest[i].to_f64_lossless();
                i += 1;
            }
            cand_ids[t] = i;
        }
        for (t, &id) in cand_ids.iter().enumerate() {
            cand_rows[t * d..(t + 1) * d].copy_from_slice(&xs[id * d..(id + 1) * d]);
        }
        let pots = cand_d
            .par_chunks_mut(BLOCK * trials)
            .zip(closest.par_chunks(BLOCK))
            .enumerate()
            .map(|(b, (out, near))| {
                let mut part = vec![0.0f64; trials];
                for (r, (o, &cl)) in out.chunks_exact_mut(trials).zip(near).enumerate() {
                    let i = b * BLOCK + r;
                    let xi = &xs[i * d..(i + 1) * d];
                    for (t, (ot, p)) in o.iter_mut().zip(part.iter_mut()).enumerate() {
                        let v = sq_dist(xi, &cand_rows[t * d..(t + 1) * d]).min(cl);
                        *ot = v;
                        *p += v.to_f64_lossless();
                    }
                }
                part
            })
            .reduce(
                || vec![0.0f64; trials],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let mut best = 0;
        for t in 1..trials {
            if pots[t] < pots[best] {
                best = t;
            }
        }
        pot = pots[best];
        closest
            .par_chunks_mut(BLOCK)
            .zip(cand_d.par_chunks(BLOCK * trials))
            .for_each(|(cl, cd)| {
                for (v, row) in cl.iter_mut().zip(cd.chunks_exact(trials)) {
                    *v = row[best];
                }
            });
        indices.push(cand_ids[best]);
        centers.row_mut(c).assign(&x.row(cand_ids[best]));
    }
    (centers, indices)
}
