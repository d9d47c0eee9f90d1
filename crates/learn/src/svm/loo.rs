//! Leave-one-out of the one-vs-one SVC by warm-started refits from the full-data solution.
//!
//! Fold `i` differs from the full problem in two ways: sample `i` is gone from the pairs of its
//! class, and with `gamma = 'scale'` the kernel is `exp(-g_i D)` with the fold's own `g_i` (as
//! sklearn recomputes it per fold). Each pair the fold changes is solved by libsvm's SMO
//! ([`smo::solve_from`]) started from the full solution: `alpha_i` is removed and its mass
//! `y_i alpha_i` moved onto other alphas of the same label within `[0, C]`, which keeps
//! `y^T alpha = 0`; the gradient at that start is the full one corrected by the moved columns
//! (and, for a new `gamma`, re-expanded in `g_i / g - 1`, see [`Moments`]). SMO then runs to the
//! same stopping test (`m(a) - M(a) < tol`) as a cold fit. A sample with `alpha_i = 0` leaves a
//! start that already passes the test, so its fold model is the full model, and only support
//! vectors cost iterations. The result is a `tol`-optimal solution of the fold's problem, as a
//! cold fit is; the two differ by at most the tolerance's slack, so a held-out point within it
//! of a boundary can be voted otherwise (sklearn's own shrinking SMO lands on a third point).

use ndarray::Array2;
use rayon::prelude::*;

use super::smo::{self, Rows};
use super::{Gamma, Kernel, PairSolution, SvcValidParams, gamma_scale, solve_pairs, sq_dists};
use reduce::linalg::matmul;

/// Largest `|g_i / g - 1|` for which the fold's gradient comes from the Taylor moments; beyond
/// it (tiny data sets) it is recomputed from the kernel.
const MAX_TAYLOR: f64 = 0.02;
/// Terms of the expansion: the remainder is below `MAX_TAYLOR^5 / 5! * max_L L^5 e^-L
/// * sum(alpha)`, about `2e-10 * sum(alpha)`, far below any `tol`.
const TERMS: usize = 5;

/// `M_k[t] = y_t sum_s y_s alpha_s K_ts (g D_ts)^k` for `k < TERMS`: with
/// `exp(-g' D) = K exp(-(g'/g - 1) g D)`, the gradient for width `g' = r g` at the same alphas
/// is `sum_k (1 - r)^k / k! M_k - 1`.
struct Moments(Vec<Vec<f64>>);

impl Moments {
    fn new(p: &PairSolution, k: &Array2<f64>, dist: &Array2<f64>, g: f64) -> Self {
        let m = p.idx.len();
        let mut out = vec![vec![0.0; m]; TERMS];
        let sv: Vec<usize> = (0..m).filter(|&s| p.alpha[s] > 0.0).collect();
        for t in 0..m {
            let (kr, dr) = (k.row(p.idx[t]), dist.row(p.idx[t]));
            let mut acc = [0.0; TERMS];
            for &s in &sv {
                let col = p.idx[s];
                let mut v = p.y[s] * p.alpha[s] * kr[col];
                let l = g * dr[col];
                for a in &mut acc {
                    *a += v;
                    v *= l;
                }
            }
            for (o, a) in out.iter_mut().zip(acc) {
                o[t] = p.y[t] * a;
            }
        }
        Self(out)
    }

    fn grad(&self, r: f64) -> Vec<f64> {
        let m = self.0[0].len();
        (0..m)
            .map(|t| {
                let (mut s, mut coef) = (0.0, 1.0);
                for (kk, mo) in self.0.iter().enumerate() {
                    s += coef * mo[t];
                    coef *= (1.0 - r) / (kk + 1) as f64;
                }
                s - 1.0
            })
            .collect()
    }
}

/// `1 / j!` for `j = 0..=10`: the Taylor coefficients of `exp`.
const INV_FACT: [f64; 11] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
];

/// The fold's kernel: the full one, or `exp(-g_i D)` for a fold with its own width.
struct FoldKernel<'a> {
    k: &'a Array2<f64>,
    dist: Option<&'a Array2<f64>>,
    /// `Some(g_i)` when the fold's width differs from the full data's.
    gamma: Option<f64>,
    /// The full data's width.
    g0: f64,
    /// `|g_i - g0| max D <= 0.25`: `exp(-g_i D) = K exp(-(g_i - g0) D)` by a degree-10
    /// polynomial (relative error below 1e-14) instead of `exp`.
    poly: bool,
}

impl FoldKernel<'_> {
    fn at(&self, u: usize, v: usize) -> f64 {
        match (self.gamma, self.dist) {
            (Some(g), Some(d)) if self.poly => {
                let t = -(g - self.g0) * d[[u, v]];
                let e = INV_FACT.iter().rev().fold(0.0, |e, &c| e * t + c);
                self.k[[u, v]] * e
            }
            (Some(g), Some(d)) => (-g * d[[u, v]]).exp(),
            _ => self.k[[u, v]],
        }
    }
}

/// The fold's solution of pair `p` (without local row `q`, the held-out one, when the pair
/// holds it): `(rows, alpha * y, rho)`.
fn refit_pair(
    p: &PairSolution,
    q: Option<usize>,
    kern: &FoldKernel<'_>,
    moments: Option<&Moments>,
    ratio: f64,
    params: &SvcValidParams,
) -> (Vec<usize>, Vec<f64>, f64) {
    let m = p.idx.len();
    let c = params.c;
    let mut alpha = p.alpha.clone();
    let mut g = match (kern.gamma, moments) {
        (None, _) => p.grad.clone(),
        (Some(_), Some(mo)) if (ratio - 1.0).abs() <= MAX_TAYLOR => mo.grad(ratio),
        (Some(_), _) => {
            let sv: Vec<usize> = (0..m).filter(|&s| alpha[s] > 0.0).collect();
            (0..m)
                .map(|t| {
                    p.y[t]
                        * sv.iter()
                            .map(|&s| p.y[s] * alpha[s] * kern.at(p.idx[t], p.idx[s]))
                            .sum::<f64>()
                        - 1.0
                })
                .collect()
        }
    };
    let mut feasible = true;
    if let Some(q) = q
        && alpha[q] > 0.0
    {
        let add_col = |g: &mut [f64], s: usize, delta: f64| {
            for ((gt, &yt), &it) in g.iter_mut().zip(&p.y).zip(&p.idx) {
                *gt += yt * p.y[s] * kern.at(it, p.idx[s]) * delta;
            }
        };
        let aq = alpha[q];
        add_col(&mut g, q, -aq);
        alpha[q] = 0.0;
        // restore y^T alpha = 0 on the alphas of q's label nearest to q in the kernel's
        // feature space (the smallest change of the decision function)
        let kq = kern.at(p.idx[q], p.idx[q]);
        let mut order: Vec<(f64, usize)> = (0..m)
            .filter(|&t| t != q && p.y[t] == p.y[q] && alpha[t] < c)
            .map(|t| {
                let (u, v) = (p.idx[q], p.idx[t]);
                (kq + kern.at(v, v) - 2.0 * kern.at(u, v), t)
            })
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0));
        let order = order.into_iter().map(|(_, t)| t);
        let mut left = aq;
        for s in order {
            if left <= 0.0 {
                break;
            }
            let add = (c - alpha[s]).min(left);
            alpha[s] += add;
            left -= add;
            add_col(&mut g, s, add);
        }
        feasible = left <= 0.0;
    }
    let keep: Vec<usize> = (0..m).filter(|&t| Some(t) != q).collect();
    let idx: Vec<usize> = keep.iter().map(|&t| p.idx[t]).collect();
    let y: Vec<f64> = keep.iter().map(|&t| p.y[t]).collect();
    let n = idx.len();
    let sol = if feasible {
        let alpha: Vec<f64> = keep.iter().map(|&t| alpha[t]).collect();
        let g: Vec<f64> = keep.iter().map(|&t| g[t]).collect();
        let qd: Vec<f64> = idx.iter().map(|&u| kern.at(u, u)).collect();
        let fill = |t: usize, out: &mut [f64]| {
            for (o, &v) in out.iter_mut().zip(&idx) {
                *o = kern.at(idx[t], v);
            }
        };
        smo::solve_from(
            alpha,
            g,
            &qd,
            &mut Rows::lazy(n, &fill),
            &y,
            c,
            params.tol,
            params.max_iter,
        )
    } else {
        // the other alphas of the label cannot absorb alpha_q: solve the fold cold
        let sub: Vec<f64> = idx
            .iter()
            .flat_map(|&u| idx.iter().map(move |&v| (u, v)))
            .map(|(u, v)| kern.at(u, v))
            .collect();
        smo::solve(&sub, n, &y, c, params.tol, params.max_iter)
    };
    let coef = sol.alpha.iter().zip(&y).map(|(a, y)| a * y).collect();
    (idx, coef, sol.rho)
}

/// Leave-one-out class indices of an SVC on `x` with class indices `labels` (every class with at
/// least two samples).
pub(super) fn loo(
    params: &SvcValidParams,
    x: &Array2<f64>,
    labels: &[usize],
    n_classes: usize,
) -> Vec<usize> {
    let (n, d) = x.dim();
    let (k, dist, g0, scale) = match params.kernel {
        Kernel::Linear => (matmul(x.view(), x.t()), None, 0.0, false),
        Kernel::Rbf(gs) => {
            let (g, scale) = match gs {
                Gamma::Value(g) => (g, false),
                Gamma::Scale => (
                    gamma_scale(x.sum(), x.iter().map(|v| v * v).sum(), x.len(), d),
                    true,
                ),
            };
            let dist = sq_dists(x, x);
            (dist.mapv(|v| (-g * v).exp()), Some(dist), g, scale)
        }
    };
    let all: Vec<usize> = (0..n).collect();
    let full = solve_pairs(&k, &all, labels, n_classes, params);
    // local position of every row in every pair
    let local: Vec<Vec<usize>> = full
        .iter()
        .map(|p| {
            let mut l = vec![usize::MAX; n];
            for (t, &r) in p.idx.iter().enumerate() {
                l[r] = t;
            }
            l
        })
        .collect();
    let dec_full: Vec<Vec<f64>> = full
        .iter()
        .map(|p| {
            let pr = p.to_pair();
            (0..n)
                .map(|j| {
                    let kr = k.row(j);
                    pr.sv
                        .iter()
                        .zip(&pr.coef)
                        .map(|(&s, c)| c * kr[s])
                        .sum::<f64>()
                        - pr.rho
                })
                .collect()
        })
        .collect();
    let moments: Vec<Option<Moments>> = full
        .iter()
        .map(|p| match (&dist, scale) {
            (Some(dm), true) => Some(Moments::new(p, &k, dm, g0)),
            _ => None,
        })
        .collect();
    let max_dist = dist
        .as_ref()
        .map_or(0.0, |dm| dm.fold(0.0, |m: f64, &v| m.max(v)));
    let row_sum: Vec<f64> = x.rows().into_iter().map(|r| r.sum()).collect();
    let row_sq: Vec<f64> = x.rows().into_iter().map(|r| r.dot(&r)).collect();
    let (tot, totsq) = (row_sum.iter().sum::<f64>(), row_sq.iter().sum::<f64>());
    (0..n)
        .into_par_iter()
        .map(|i| {
            let ci = labels[i];
            let gi = if scale {
                gamma_scale(tot - row_sum[i], totsq - row_sq[i], (n - 1) * d, d)
            } else {
                g0
            };
            let changed = scale && gi != g0;
            let kern = FoldKernel {
                k: &k,
                dist: dist.as_ref(),
                gamma: changed.then_some(gi),
                g0,
                poly: (gi - g0).abs() * max_dist <= 0.25,
            };
            let krow: Vec<f64> = (0..n).map(|j| kern.at(i, j)).collect();
            // pairs whose fold problem is the full one (or starts optimal) first; the rest only
            // while their votes can still change the winner
            let mut votes = vec![0usize; n_classes];
            let mut pending = Vec::new();
            for (pi, p) in full.iter().enumerate() {
                let contains = p.a == ci || p.b == ci;
                if contains && p.alpha[local[pi][i]] > 0.0 {
                    pending.push(pi);
                    continue;
                }
                let dec = if !contains && !changed {
                    dec_full[pi][i]
                } else {
                    let q = contains.then_some(local[pi][i]);
                    fold_decision(p, q, &kern, moments[pi].as_ref(), gi / g0, params, &krow)
                };
                votes[if dec > 0.0 { p.a } else { p.b }] += 1;
            }
            while let Some(&pi) = pending.first() {
                if let Some(winner) = decided(&votes, &pending, &full) {
                    return winner;
                }
                let p = &full[pi];
                let q = Some(local[pi][i]);
                let dec = fold_decision(p, q, &kern, moments[pi].as_ref(), gi / g0, params, &krow);
                votes[if dec > 0.0 { p.a } else { p.b }] += 1;
                pending.remove(0);
            }
            winner(&votes)
        })
        .collect()
}

/// The fold's decision value for the held-out sample (`krow`: its fold kernel row).
fn fold_decision(
    p: &PairSolution,
    q: Option<usize>,
    kern: &FoldKernel<'_>,
    moments: Option<&Moments>,
    ratio: f64,
    params: &SvcValidParams,
    krow: &[f64],
) -> f64 {
    let (idx, coef, rho) = refit_pair(p, q, kern, moments, ratio, params);
    idx.iter()
        .zip(&coef)
        .map(|(&s, c)| c * krow[s])
        .sum::<f64>()
        - rho
}

/// The one-vs-one winner (most votes, ties to the smaller class).
fn winner(votes: &[usize]) -> usize {
    let mut best = 0;
    for c in 1..votes.len() {
        if votes[c] > votes[best] {
            best = c;
        }
    }
    best
}

/// The winner when every outcome of the `pending` pairs gives the same one (checked by
/// enumeration for up to 12 pending pairs), else `None`.
fn decided(votes: &[usize], pending: &[usize], pairs: &[PairSolution]) -> Option<usize> {
    if pending.len() > 12 {
        return None;
    }
    let mut v = votes.to_vec();
    let mut first = None;
    for mask in 0..1u32 << pending.len() {
        v.copy_from_slice(votes);
        for (bit, &pi) in pending.iter().enumerate() {
            let p = &pairs[pi];
            v[if mask >> bit & 1 == 1 { p.a } else { p.b }] += 1;
        }
        let w = winner(&v);
        match first {
            None => first = Some(w),
            Some(f) if f != w => return None,
            Some(_) => {}
        }
    }
    first
}
