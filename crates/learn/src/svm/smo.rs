//! libsvm's C-SVC solver (SMO with second-order working-set selection), on a dense kernel.

/// libsvm's `TAU`: the smallest curvature used for a working pair.
const TAU: f64 = 1e-12;

/// The solution of one binary problem: `alpha` per sample, the offset `rho`
/// (decision `sum_i alpha_i y_i K(x_i, x) - rho`) and the gradient `G = Q alpha - 1` at `alpha`.
pub(crate) struct Solution {
    pub(crate) alpha: Vec<f64>,
    pub(crate) rho: f64,
    pub(crate) grad: Vec<f64>,
}

/// Access to the rows of a problem's kernel: a dense row-major `n x n` matrix, or rows computed
/// on demand by `fill(t, row)` and kept once computed.
pub(crate) enum Rows<'a> {
    /// The whole kernel, row-major.
    Dense(&'a [f64]),
    /// Rows filled on first use.
    Lazy {
        fill: &'a dyn Fn(usize, &mut [f64]),
        cache: Vec<Option<Vec<f64>>>,
    },
}

impl<'a> Rows<'a> {
    /// Rows computed by `fill` on first use, for an `n`-sample problem.
    pub(crate) fn lazy(n: usize, fill: &'a dyn Fn(usize, &mut [f64])) -> Self {
        Rows::Lazy {
            fill,
            cache: vec![None; n],
        }
    }

    fn ensure(&mut self, t: usize, n: usize) {
        if let Rows::Lazy { fill, cache } = self
            && cache[t].is_none()
        {
            let mut r = vec![0.0; n];
            fill(t, &mut r);
            cache[t] = Some(r);
        }
    }

    fn row(&self, t: usize, n: usize) -> &[f64] {
        match self {
            Rows::Dense(k) => &k[t * n..(t + 1) * n],
            // `ensure(t)` ran before every `row(t)`
            Rows::Lazy { cache, .. } => cache[t].as_deref().unwrap_or(&[]),
        }
    }
}

/// Solves `min 1/2 a^T Q a - 1^T a` s.t. `0 <= a <= c`, `y^T a = 0`, `Q_ij = y_i y_j K_ij`,
/// exactly as libsvm's `Solver::Solve` without shrinking (same working-set rule, same clipping,
/// same stopping test `m(a) - M(a) < eps`, same `rho`). `k` is the row-major `n x n` kernel.
pub(crate) fn solve(k: &[f64], n: usize, y: &[f64], c: f64, eps: f64, max_iter: usize) -> Solution {
    let qd: Vec<f64> = (0..n).map(|i| k[i * n + i]).collect();
    solve_from(
        vec![0.0; n],
        vec![-1.0; n],
        &qd,
        &mut Rows::Dense(k),
        y,
        c,
        eps,
        max_iter,
    )
}

/// [`solve`] from a feasible start `alpha` (`0 <= alpha <= c`, `y^T alpha = 0`) with its
/// gradient `g = Q alpha - 1`; `qd` is the kernel's diagonal. Stops on the same test, so a start
/// that already satisfies it is returned unchanged (with a fresh `rho`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn solve_from(
    mut alpha: Vec<f64>,
    mut g: Vec<f64>,
    qd: &[f64],
    rows: &mut Rows<'_>,
    y: &[f64],
    c: f64,
    eps: f64,
    max_iter: usize,
) -> Solution {
    let n = y.len();
    for _ in 0..max_iter {
        // select i: max over I_up of -y_t G_t
        let mut gmax = f64::NEG_INFINITY;
        let mut gmax2 = f64::NEG_INFINITY;
        let mut i_sel = usize::MAX;
        for t in 0..n {
            if y[t] > 0.0 {
                if alpha[t] < c && -g[t] >= gmax {
                    gmax = -g[t];
                    i_sel = t;
                }
            } else if alpha[t] > 0.0 && g[t] >= gmax {
                gmax = g[t];
                i_sel = t;
            }
        }
        let mut j_sel = usize::MAX;
        let mut obj_diff_min = f64::INFINITY;
        if i_sel != usize::MAX {
            rows.ensure(i_sel, n);
            let ki = rows.row(i_sel, n);
            let yi = y[i_sel];
            for t in 0..n {
                if y[t] > 0.0 {
                    if alpha[t] > 0.0 {
                        let grad_diff = gmax + g[t];
                        if g[t] >= gmax2 {
                            gmax2 = g[t];
                        }
                        if grad_diff > 0.0 {
                            let quad = qd[i_sel] + qd[t] - 2.0 * yi * ki[t];
                            let od = -(grad_diff * grad_diff) / if quad > 0.0 { quad } else { TAU };
                            if od <= obj_diff_min {
                                j_sel = t;
                                obj_diff_min = od;
                            }
                        }
                    }
                } else if alpha[t] < c {
                    let grad_diff = gmax - g[t];
                    if -g[t] >= gmax2 {
                        gmax2 = -g[t];
                    }
                    if grad_diff > 0.0 {
                        let quad = qd[i_sel] + qd[t] + 2.0 * yi * ki[t];
                        let od = -(grad_diff * grad_diff) / if quad > 0.0 { quad } else { TAU };
                        if od <= obj_diff_min {
                            j_sel = t;
                            obj_diff_min = od;
                        }
                    }
                }
            }
        }
        if gmax + gmax2 < eps || j_sel == usize::MAX {
            break;
        }
        let (i, j) = (i_sel, j_sel);
        rows.ensure(j, n);
        let ki = rows.row(i, n);
        let kj = rows.row(j, n);
        // Q_ij = y_i y_j K_ij
        let qij = y[i] * y[j] * ki[j];
        let (old_i, old_j) = (alpha[i], alpha[j]);
        if y[i] != y[j] {
            let mut quad = qd[i] + qd[j] + 2.0 * qij;
            if quad <= 0.0 {
                quad = TAU;
            }
            let delta = (-g[i] - g[j]) / quad;
            let diff = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if diff > 0.0 {
                if alpha[j] < 0.0 {
                    alpha[j] = 0.0;
                    alpha[i] = diff;
                }
            } else if alpha[i] < 0.0 {
                alpha[i] = 0.0;
                alpha[j] = -diff;
            }
            if diff > 0.0 {
                if alpha[i] > c {
                    alpha[i] = c;
                    alpha[j] = c - diff;
                }
            } else if alpha[j] > c {
                alpha[j] = c;
                alpha[i] = c + diff;
            }
        } else {
            let mut quad = qd[i] + qd[j] - 2.0 * qij;
            if quad <= 0.0 {
                quad = TAU;
            }
            let delta = (g[i] - g[j]) / quad;
            let sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if sum > c {
                if alpha[i] > c {
                    alpha[i] = c;
                    alpha[j] = sum - c;
                }
            } else if alpha[j] < 0.0 {
                alpha[j] = 0.0;
                alpha[i] = sum;
            }
            if sum > c {
                if alpha[j] > c {
                    alpha[j] = c;
                    alpha[i] = sum - c;
                }
            } else if alpha[i] < 0.0 {
                alpha[i] = 0.0;
                alpha[j] = sum;
            }
        }
        // G_t += Q_ti dA_i + Q_tj dA_j, with Q_ti = y_t y_i K_ti
        let dai = (alpha[i] - old_i) * y[i];
        let daj = (alpha[j] - old_j) * y[j];
        for t in 0..n {
            g[t] += y[t] * (ki[t] * dai + kj[t] * daj);
        }
    }
    // rho as libsvm's calculate_rho
    let (mut ub, mut lb) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut nr_free, mut sum_free) = (0usize, 0.0);
    for t in 0..n {
        let yg = y[t] * g[t];
        if alpha[t] >= c {
            if y[t] < 0.0 {
                ub = ub.min(yg);
            } else {
                lb = lb.max(yg);
            }
        } else if alpha[t] <= 0.0 {
            if y[t] > 0.0 {
                ub = ub.min(yg);
            } else {
                lb = lb.max(yg);
            }
        } else {
            nr_free += 1;
            sum_free += yg;
        }
    }
    let rho = if nr_free > 0 {
        sum_free / nr_free as f64
    } else {
        (ub + lb) / 2.0
    };
    Solution {
        alpha,
        rho,
        grad: g,
    }
}
