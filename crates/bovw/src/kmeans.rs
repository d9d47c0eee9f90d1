//! k-means: parameters, the Lloyd and bounded (Hamerly) iterations, the fitted model.

use dsp_core::{Fit, Float, ParamGuard, Predict, Transform};
use ndarray::{Array1, Array2, ArrayBase, ArrayView2, Axis, Data, Ix2, Zip};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::plusplus::{check_k, plusplus};
use crate::util::{
    BLOCK, assign, check_count, check_dim, check_finite, check_matrix, check_non_negative, sq_dist,
    standard,
};

/// How the initial centres of k-means are chosen (sklearn's `init`).
#[derive(Debug, Clone, PartialEq)]
pub enum KMeansInit<F> {
    /// Greedy k-means++ ([`kmeans_plusplus`](crate::kmeans_plusplus)): sklearn's default.
    KMeansPlusPlus,
    /// `n_clusters` distinct rows drawn uniformly (sklearn's `init='random'`).
    Random,
    /// These centres (`n_clusters x n_features`), as sklearn's `init=ndarray`.
    Centers(Array2<F>),
}

/// The k-means iteration (sklearn's `algorithm`). Both give the same centres, labels and
/// iteration count (up to rounding of near-ties): the bounded one only skips distance
/// computations that cannot change a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KMeansAlgorithm {
    /// Lloyd's iteration, the assignment as one blocked GEMM per iteration
    /// (sklearn's `algorithm='lloyd'`, its default).
    #[default]
    Lloyd,
    /// Triangle-inequality bounds (sklearn's `algorithm='elkan'` in purpose). Implemented with
    /// Hamerly's bounds (one upper and one lower bound per sample, `O(n)` memory instead of
    /// Elkan's `O(n k)`); the rows the bounds cannot settle are gathered per block and go
    /// through one GEMM, so an iteration costs at most about a Lloyd iteration and much less
    /// once few labels change.
    Elkan,
}

/// Checked k-means hyper-parameters: the type that implements [`Fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct KMeansValidParams<F> {
    n_clusters: usize,
    init: KMeansInit<F>,
    n_init: Option<usize>,
    max_iter: usize,
    tol: f64,
    seed: u64,
    algorithm: KMeansAlgorithm,
}

impl<F> KMeansValidParams<F> {
    /// Number of clusters.
    pub fn n_clusters(&self) -> usize {
        self.n_clusters
    }
    /// The initialisation.
    pub fn init(&self) -> &KMeansInit<F> {
        &self.init
    }
    /// Runs with different seeds, the best (lowest inertia) kept; sklearn's `'auto'` (the
    /// default) is 10 for [`KMeansInit::Random`] and 1 otherwise.
    pub fn n_init(&self) -> usize {
        match (self.n_init, &self.init) {
            (Some(n), _) => n,
            (None, KMeansInit::Random) => 10,
            (None, _) => 1,
        }
    }
    /// Maximum Lloyd iterations per run.
    pub fn max_iter(&self) -> usize {
        self.max_iter
    }
    /// Relative tolerance on the centre shift (sklearn's `tol`).
    pub fn tol(&self) -> f64 {
        self.tol
    }
    /// Seed of the ChaCha8 random stream.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// The iteration.
    pub fn algorithm(&self) -> KMeansAlgorithm {
        self.algorithm
    }
}

/// k-means hyper-parameters, equal to `sklearn.cluster.KMeans`'s with its defaults
/// (`init='k-means++'`, `n_init='auto'`, `max_iter=300`, `tol=1e-4`, `algorithm='lloyd'`).
///
/// Check with [`ParamGuard::check`] or fit directly (the blanket [`Fit`] checks first).
///
/// # Example
/// ```
/// use bovw::{KMeansParams, KMeansInit};
/// use dsp_core::{Fit, Predict};
/// use ndarray::array;
/// let x = array![[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]];
/// let init = array![[1.0, 0.0], [9.0, 0.0]];
/// let km = KMeansParams::new(2).init(KMeansInit::Centers(init)).fit(&x, &())?;
/// assert_eq!(km.centers(), array![[0.0, 0.5], [10.0, 0.5]]);
/// assert_eq!(km.inertia(), 1.0);
/// assert_eq!(km.predict(&array![[9.0, 9.0]])?, array![1]);
/// # Ok::<(), bovw::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct KMeansParams<F>(KMeansValidParams<F>);

impl<F> Default for KMeansParams<F> {
    /// sklearn's defaults, `n_clusters = 8`.
    fn default() -> Self {
        Self::new(8)
    }
}

impl<F> KMeansParams<F> {
    /// `n_clusters` clusters, every other parameter at sklearn's default.
    pub fn new(n_clusters: usize) -> Self {
        Self(KMeansValidParams {
            n_clusters,
            init: KMeansInit::KMeansPlusPlus,
            n_init: None,
            max_iter: 300,
            tol: 1e-4,
            seed: 0,
            algorithm: KMeansAlgorithm::Lloyd,
        })
    }
    /// The initialisation (default k-means++).
    #[must_use]
    pub fn init(mut self, init: KMeansInit<F>) -> Self {
        self.0.init = init;
        self
    }
    /// Number of runs (default sklearn's `'auto'`, see [`KMeansValidParams::n_init`]).
    #[must_use]
    pub fn n_init(mut self, n_init: usize) -> Self {
        self.0.n_init = Some(n_init);
        self
    }
    /// Maximum iterations per run (default 300).
    #[must_use]
    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.0.max_iter = max_iter;
        self
    }
    /// Tolerance relative to the mean per-feature variance of the data (default `1e-4`): a run
    /// stops when the summed squared centre shift is `<= tol * mean(var(x, axis=0))`.
    #[must_use]
    pub fn tol(mut self, tol: f64) -> Self {
        self.0.tol = tol;
        self
    }
    /// Seed (default 0).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
    /// The iteration (default Lloyd).
    #[must_use]
    pub fn algorithm(mut self, algorithm: KMeansAlgorithm) -> Self {
        self.0.algorithm = algorithm;
        self
    }
}

impl<F: Float> ParamGuard for KMeansParams<F> {
    type Checked = KMeansValidParams<F>;
    type Error = Error;

    fn check_ref(&self) -> Result<&KMeansValidParams<F>> {
        let p = &self.0;
        if p.n_clusters == 0 {
            return Err(Error::ZeroClusters { what: "n_clusters" });
        }
        check_count("max_iter", p.max_iter)?;
        if let Some(n) = p.n_init {
            check_count("n_init", n)?;
        }
        check_non_negative("tol", p.tol)?;
        if let KMeansInit::Centers(c) = &p.init {
            if c.nrows() != p.n_clusters || c.ncols() == 0 {
                return Err(Error::Shape {
                    what: "initial centres",
                    expected: (p.n_clusters, c.ncols().max(1)),
                    got: c.dim(),
                });
            }
            check_finite("initial centres", c.view())?;
        }
        Ok(p)
    }

    fn check(self) -> Result<KMeansValidParams<F>> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted k-means model: `sklearn.cluster.KMeans` after `fit`.
#[derive(Debug, Clone, PartialEq)]
pub struct KMeans<F> {
    centers: Array2<F>,
    labels: Array1<usize>,
    inertia: F,
    n_iter: usize,
}

impl<F: Float> KMeans<F> {
    /// The centres, `n_clusters x n_features` (sklearn's `cluster_centers_`).
    pub fn centers(&self) -> ArrayView2<'_, F> {
        self.centers.view()
    }
    /// The centres, moved out.
    pub fn into_centers(self) -> Array2<F> {
        self.centers
    }
    /// The label of each training row (sklearn's `labels_`).
    pub fn labels(&self) -> &Array1<usize> {
        &self.labels
    }
    /// Sum of squared distances of the training rows to their centres (sklearn's `inertia_`).
    pub fn inertia(&self) -> F {
        self.inertia
    }
    /// Iterations run by the best run (sklearn's `n_iter_`).
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }
    /// Number of clusters.
    pub fn n_clusters(&self) -> usize {
        self.centers.nrows()
    }
    /// Number of features.
    pub fn dim(&self) -> usize {
        self.centers.ncols()
    }
}

/// The data centred on its column means, as sklearn does before iterating (it keeps the GEMM
/// form `||x||^2 - 2 x.c + ||c||^2` accurate), with the means and sklearn's absolute tolerance
/// `tol * mean(var(x, axis=0))`.
fn centred<F: Float>(x: ArrayView2<'_, F>, tol: f64) -> (Array2<F>, Vec<F>, f64) {
    let (n, d) = x.dim();
    // Row-wise passes (the data are row-major): per-block column sums, then sums of squares
    // about the mean.
    let col_sums = |f: &(dyn Fn(usize, F) -> f64 + Sync)| -> Vec<f64> {
        x.axis_chunks_iter(Axis(0), BLOCK)
            .into_par_iter()
            .map(|b| {
                let mut s = vec![0.0f64; d];
                for r in b.rows() {
                    for (j, (o, &v)) in s.iter_mut().zip(r.iter()).enumerate() {
                        *o += f(j, v);
                    }
                }
                s
            })
            .reduce(
                || vec![0.0f64; d],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    a
                },
            )
    };
    let mean: Vec<f64> = col_sums(&|_, v| v.to_f64_lossless())
        .into_iter()
        .map(|s| s / n as f64)
        .collect();
    let var: f64 = col_sums(&|j, v| {
        let t = v.to_f64_lossless() - mean[j];
        t * t
    })
    .iter()
    .sum::<f64>()
        / n as f64;
    let tol_abs = tol * var / d as f64;
    let mean_f: Vec<F> = mean.iter().map(|&m| F::of(m)).collect();
    let mut xc = Array2::<F>::zeros(x.dim());
    Zip::from(xc.rows_mut())
        .and(x.rows())
        .par_for_each(|mut o, r| {
            for ((o, &v), &m) in o.iter_mut().zip(r.iter()).zip(&mean_f) {
                *o = v - m;
            }
        });
    (xc, mean_f, tol_abs)
}

/// The result of one k-means run.
pub(crate) struct Run<F> {
    pub(crate) labels: Vec<usize>,
    pub(crate) centers: Array2<F>,
    pub(crate) inertia: f64,
    pub(crate) n_iter: usize,
}

/// Scratch of the centre update, allocated once per run: one `k x d` sum, `k` counts and a
/// `BLOCK x k` product buffer per group of rows (a few groups per thread, so that a busy core
/// does not stall the update).
struct UpdateScratch<F> {
    groups: Vec<(Vec<f64>, Vec<f64>, Array2<F>)>,
    sums: Vec<f64>,
    counts: Vec<f64>,
}

impl<F: Float> UpdateScratch<F> {
    fn new(k: usize, d: usize) -> Self {
        let g = 4 * rayon::current_num_threads().max(1);
        Self {
            groups: (0..g)
                .map(|_| (vec![0.0; k * d], vec![0.0; k], Array2::zeros((BLOCK, k))))
                .collect(),
            sums: vec![0.0; k * d],
            counts: vec![0.0; k],
        }
    }

    /// Rows per group: whole blocks.
    fn rows_per_group(&self, n: usize) -> usize {
        n.div_ceil(self.groups.len()).div_ceil(BLOCK).max(1) * BLOCK
    }
}

/// Adds row `xi` with label `l` to a group's sums.
#[inline]
fn accumulate<F: Float>(s: &mut [f64], c: &mut [f64], xi: &[F], l: usize) {
    let d = xi.len();
    c[l] += 1.0;
    for (o, v) in s[l * d..(l + 1) * d].iter_mut().zip(xi) {
        *o += v.to_f64_lossless();
    }
}

/// `out[..rows] = x[start..start + rows] c^T`. faer's single-threaded GEMM for `f32` and
/// `f64` (measured 10-15% faster than matrixmultiply through ndarray for 512 x 64 x 100 blocks
/// on this project's 2-core AMD EPYC, `examples/gemm_probe.rs`), reached by downcasting the
/// owned arrays; ndarray's `general_mat_mul` otherwise.
fn gemm_xct<F: Float>(
    x: &Array2<F>,
    start: usize,
    rows: usize,
    c: &Array2<F>,
    out: &mut Array2<F>,
) {
    use std::any::Any;
    fn faer_gemm<T: faer::traits::ComplexField + Copy>(
        x: &Array2<T>,
        start: usize,
        rows: usize,
        c: &Array2<T>,
        out: &mut Array2<T>,
        one: T,
    ) {
        let d = x.ncols();
        let k = c.nrows();
        let xs = &x.as_slice().expect("standard layout")[start * d..(start + rows) * d];
        let xa = faer::MatRef::from_row_major_slice(xs, rows, d);
        let ct = faer::MatRef::from_row_major_slice(c.as_slice().expect("standard layout"), k, d)
            .transpose();
        let o = &mut out.as_slice_mut().expect("standard layout")[..rows * k];
        let o = faer::MatMut::from_row_major_slice_mut(o, rows, k);
        faer::linalg::matmul::matmul(o, faer::Accum::Replace, xa, ct, one, faer::Par::Seq);
    }
    let (xa, ca) = (x as &dyn Any, c as &dyn Any);
    if let (Some(x), Some(c), Some(o)) = (
        xa.downcast_ref::<Array2<f32>>(),
        ca.downcast_ref::<Array2<f32>>(),
        (out as &mut dyn Any).downcast_mut::<Array2<f32>>(),
    ) {
        return faer_gemm(x, start, rows, c, o, 1.0);
    }
    if let (Some(x), Some(c), Some(o)) = (
        xa.downcast_ref::<Array2<f64>>(),
        ca.downcast_ref::<Array2<f64>>(),
        (out as &mut dyn Any).downcast_mut::<Array2<f64>>(),
    ) {
        return faer_gemm(x, start, rows, c, o, 1.0);
    }
    let xb = x.slice_axis(Axis(0), ndarray::Slice::from(start..start + rows));
    let mut o = out.slice_axis_mut(Axis(0), ndarray::Slice::from(..rows));
    ndarray::linalg::general_mat_mul(F::one(), &xb, &c.t(), F::zero(), &mut o);
}

/// Lloyd's assignment fused with the sums of the centre update: per block of rows, one GEMM
/// `x_b c^T`, the argmin of `||c||^2 - 2 x.c` per row, and the row added to its centre's sum
/// while it is still in cache.
fn assign_accumulate<F: Float>(
    x: &Array2<F>,
    centers: &Array2<F>,
    labels: &mut [usize],
    ws: &mut UpdateScratch<F>,
) {
    let (n, d) = x.dim();
    let cnorm = crate::util::row_sq_norms(centers.view());
    let xs = x.as_slice().expect("standard layout");
    let per = ws.rows_per_group(n);
    // `f32` takes the fused kernel ([`crate::fused`]); other types the GEMM and a scan.
    let fused = match (
        F::as_f32_slice(xs),
        F::as_f32_slice(centers.as_slice().expect("standard layout")),
        F::as_f32_slice(&cnorm),
    ) {
        (Some(xf), Some(cf), Some(nf)) => Some((xf, cf, nf)),
        _ => None,
    };
    labels
        .par_chunks_mut(per)
        .zip(ws.groups.par_iter_mut())
        .enumerate()
        .for_each(|(g, (lab, (s, c, buf)))| {
            s.iter_mut().for_each(|v| *v = 0.0);
            c.iter_mut().for_each(|v| *v = 0.0);
            if let Some((xf, cf, nf)) = fused {
                let first = g * per;
                let rows = &xf[first * d..(first + lab.len()) * d];
                let sums = crate::fused::Sums { sums: s, counts: c };
                crate::fused::nearest_f32(rows, d, cf, nf, lab, Some(sums));
                return;
            }
            for (b, lb) in lab.chunks_mut(BLOCK).enumerate() {
                let start = g * per + b * BLOCK;
                let rows = lb.len();
                gemm_xct(x, start, rows, centers, buf);
                let dots = buf.slice_axis(Axis(0), ndarray::Slice::from(..rows));
                for (r, l) in lb.iter_mut().enumerate() {
                    let row = dots.row(r);
                    *l = crate::util::argmin_row(row.as_slice().expect("contiguous"), &cnorm);
                    let i = start + r;
                    accumulate(s, c, &xs[i * d..(i + 1) * d], *l);
                }
            }
        });
    // Groups past the end of the data hold nothing this iteration.
    let used = n.div_ceil(per);
    for (s, c, _) in ws.groups.iter_mut().skip(used) {
        s.iter_mut().for_each(|v| *v = 0.0);
        c.iter_mut().for_each(|v| *v = 0.0);
    }
}

/// New centres from the per-group sums the assignment left in `ws` (sklearn's update with its
/// empty-cluster relocation); returns the summed squared centre shift.
fn update_centers<F: Float>(
    x: ArrayView2<'_, F>,
    labels: &[usize],
    old: ArrayView2<'_, F>,
    new: &mut Array2<F>,
    ws: &mut UpdateScratch<F>,
) -> f64 {
    let (n, d) = x.dim();
    let k = old.nrows();
    let xs = x.as_slice().expect("standard layout");
    ws.sums.iter_mut().for_each(|v| *v = 0.0);
    ws.counts.iter_mut().for_each(|v| *v = 0.0);
    for (s, c, _) in &ws.groups {
        ws.sums.iter_mut().zip(s).for_each(|(a, b)| *a += b);
        ws.counts.iter_mut().zip(c).for_each(|(a, b)| *a += b);
    }

    // sklearn's relocation: each empty cluster takes one of the points farthest from their
    // (old) centres, taken out of its cluster's sum.
    let empty: Vec<usize> = (0..k).filter(|&j| ws.counts[j] == 0.0).collect();
    if !empty.is_empty() {
        let dist: Vec<f64> = (0..n)
            .into_par_iter()
            .map(|i| {
                let l = labels[i];
                sq_dist(
                    &xs[i * d..(i + 1) * d],
                    old.row(l).as_slice().expect("standard"),
                )
                .to_f64_lossless()
            })
            .collect();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| dist[b].total_cmp(&dist[a]).then(a.cmp(&b)));
        for (&j, &far) in empty.iter().zip(&order) {
            let from = labels[far];
            let xr = &xs[far * d..(far + 1) * d];
            for (t, v) in xr.iter().enumerate() {
                ws.sums[from * d + t] -= v.to_f64_lossless();
                ws.sums[j * d + t] = v.to_f64_lossless();
            }
            ws.counts[from] -= 1.0;
            ws.counts[j] = 1.0;
        }
    }

    let mut shift = 0.0;
    for j in 0..k {
        let c = ws.counts[j];
        let scale = if c > 0.0 { 1.0 / c } else { 1.0 };
        for t in 0..d {
            let v = F::of(ws.sums[j * d + t] * scale);
            let diff = (v - old[[j, t]]).to_f64_lossless();
            shift += diff * diff;
            new[[j, t]] = v;
        }
    }
    shift
}

/// sklearn's inertia: the sum of squared distances of the rows to their centres.
pub(crate) fn inertia<F: Float>(
    x: ArrayView2<'_, F>,
    centers: ArrayView2<'_, F>,
    labels: &[usize],
) -> f64 {
    let d = x.ncols();
    let xs = x.as_slice().expect("standard layout");
    let cs = centers.as_slice().expect("standard layout");
    labels
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(b, lab)| {
            lab.iter()
                .enumerate()
                .map(|(r, &l)| {
                    let i = b * BLOCK + r;
                    sq_dist(&xs[i * d..(i + 1) * d], &cs[l * d..(l + 1) * d]).to_f64_lossless()
                })
                .sum::<f64>()
        })
        .sum()
}

/// One k-means run from `init` on checked, standard-layout (centred) data, as sklearn's
/// `_kmeans_single_lloyd` / `_kmeans_single_elkan`: iteration `i` assigns the rows to the
/// current centres and moves the centres; the run stops when the labels repeat (strict
/// convergence) or the squared centre shift is `<= tol_abs`; without strict convergence a last
/// assignment makes the labels match the final centres.
pub(crate) fn run<F: Float>(
    xo: &Array2<F>,
    init: Array2<F>,
    max_iter: usize,
    tol_abs: f64,
    algorithm: KMeansAlgorithm,
) -> Run<F> {
    let x = xo.view();
    let (n, d) = x.dim();
    let k = init.nrows();
    let mut centers = init;
    let mut new = Array2::<F>::zeros((k, d));
    let mut labels = vec![usize::MAX; n];
    let mut labels_old = labels.clone();
    let mut ws = UpdateScratch::new(k, d);
    let mut bounds = match algorithm {
        KMeansAlgorithm::Lloyd => None,
        KMeansAlgorithm::Elkan => Some(Hamerly::new(n)),
    };
    let mut strict = false;
    let mut n_iter = 0;
    for i in 0..max_iter {
        n_iter = i + 1;
        match &mut bounds {
            None => assign_accumulate(xo, &centers, &mut labels, &mut ws),
            Some(h) if i == 0 => h.init(x, centers.view(), &mut labels, &mut ws),
            Some(h) => h.step(x, centers.view(), &mut labels, &mut ws),
        }
        // Both assignments leave the per-group sums in `ws`.
        let shift = update_centers(x, &labels, centers.view(), &mut new, &mut ws);
        if let Some(h) = &mut bounds {
            h.moved(centers.view(), new.view(), &labels);
        }
        std::mem::swap(&mut centers, &mut new);
        if labels == labels_old {
            strict = true;
            break;
        }
        if shift <= tol_abs {
            break;
        }
        labels_old.copy_from_slice(&labels);
    }
    if !strict {
        match &mut bounds {
            None => assign(x, centers.view(), &mut labels, None),
            Some(h) => h.step(x, centers.view(), &mut labels, &mut ws),
        }
    }
    let inertia = inertia(x, centers.view(), &labels);
    Run {
        labels,
        centers,
        inertia,
        n_iter,
    }
}

/// Per-thread buffers of the fused recomputation in [`Hamerly`]: the gathered rows, their
/// labels and two smallest partial distances.
#[derive(Default)]
struct FusedScratch {
    rows: Vec<f32>,
    l: Vec<usize>,
    d1: Vec<f32>,
    d2: Vec<f32>,
}

impl FusedScratch {
    /// Room for `t` rows of `d` values (reallocating only to grow).
    fn resize(&mut self, t: usize, d: usize) {
        self.rows.resize(t * d, 0.0);
        self.l.resize(t, 0);
        self.d1.resize(t, 0.0);
        self.d2.resize(t, 0.0);
    }
}

/// Hamerly's bounds: `upper[i]` >= distance to the assigned centre, `lower[i]` <= distance to
/// every other centre.
struct Hamerly<F> {
    upper: Vec<F>,
    lower: Vec<F>,
}

impl<F: Float> Hamerly<F> {
    fn new(n: usize) -> Self {
        Self {
            upper: vec![F::zero(); n],
            lower: vec![F::zero(); n],
        }
    }

    /// Every row's nearest and second-nearest centre, no bound trusted.
    fn init(
        &mut self,
        x: ArrayView2<'_, F>,
        centers: ArrayView2<'_, F>,
        labels: &mut [usize],
        ws: &mut UpdateScratch<F>,
    ) {
        self.assign(x, centers, labels, true, ws);
    }

    /// Hamerly's step: rows whose bounds cannot prove their label are recomputed.
    fn step(
        &mut self,
        x: ArrayView2<'_, F>,
        centers: ArrayView2<'_, F>,
        labels: &mut [usize],
        ws: &mut UpdateScratch<F>,
    ) {
        self.assign(x, centers, labels, false, ws);
    }

    /// The bounded assignment (`all`: no bound trusted). The rows that need all `k` distances
    /// are gathered per block and go through one GEMM (`||x||^2 - 2 x.c + ||c||^2`; the fused
    /// kernel for `f32`), so a step costs at most about a Lloyd step. Each block's rows are
    /// then added to their group's sums in `ws` while in cache, as Lloyd's step does.
    fn assign(
        &mut self,
        x: ArrayView2<'_, F>,
        centers: ArrayView2<'_, F>,
        labels: &mut [usize],
        all: bool,
        ws: &mut UpdateScratch<F>,
    ) {
        let d = x.ncols();
        let k = centers.nrows();
        let xs = x.as_slice().expect("standard layout");
        let cs = centers.as_slice().expect("standard layout");
        let cnorm = crate::util::row_sq_norms(centers);
        // Half the distance from each centre to its nearest other centre.
        let half: Vec<F> = (0..k)
            .map(|j| {
                let mut m = F::infinity();
                for t in 0..k {
                    if t != j {
                        m = m.min(sq_dist(&cs[j * d..(j + 1) * d], &cs[t * d..(t + 1) * d]));
                    }
                }
                m.sqrt() * F::of(0.5)
            })
            .collect();
        let ct = centers.t();
        // `f32` recomputes through the fused kernel (nearest and second-nearest in one pass),
        // with the centres packed once.
        let fused = match (
            F::as_f32_slice(xs),
            F::as_f32_slice(cs),
            F::as_f32_slice(&cnorm),
        ) {
            (Some(xf), Some(cf), Some(nf)) => {
                Some((xf, cf, nf, crate::fused::Packed::for_this_cpu(cf, nf, d)))
            }
            _ => None,
        };
        type Scratch<F> = (Vec<usize>, Array2<F>, Array2<F>, FusedScratch);
        let run_block = |b: usize,
                         lab: &mut [usize],
                         up: &mut [F],
                         lo: &mut [F],
                         (todo, gather, dots, fs): &mut Scratch<F>| {
            todo.clear();
            for r in 0..lab.len() {
                let i = b * BLOCK + r;
                if !all {
                    let m = half[lab[r]].max(lo[r]);
                    if up[r] <= m {
                        continue;
                    }
                    let a = lab[r];
                    up[r] = sq_dist(&xs[i * d..(i + 1) * d], &cs[a * d..(a + 1) * d]).sqrt();
                    if up[r] <= m {
                        continue;
                    }
                }
                todo.push(r);
            }
            if todo.is_empty() {
                return;
            }
            if let Some((xf, cf, nf, packed)) = &fused {
                let t = todo.len();
                fs.resize(t, d);
                let FusedScratch { rows, l, d1, d2 } = fs;
                for (g, &r) in todo.iter().enumerate() {
                    let i = b * BLOCK + r;
                    rows[g * d..(g + 1) * d].copy_from_slice(&xf[i * d..(i + 1) * d]);
                }
                crate::fused::nearest2_f32(packed, cf, nf, rows, d, l, d1, d2);
                for (g, &r) in todo.iter().enumerate() {
                    let xr = &rows[g * d..(g + 1) * d];
                    let xn: f32 = xr.iter().map(|v| v * v).sum();
                    lab[r] = l[g];
                    up[r] = F::of(f64::from((xn + d1[g]).max(0.0).sqrt()));
                    lo[r] = F::of(f64::from((xn + d2[g]).max(0.0).sqrt()));
                }
                return;
            }
            let t = todo.len();
            for (g, &r) in todo.iter().enumerate() {
                let i = b * BLOCK + r;
                gather
                    .row_mut(g)
                    .as_slice_mut()
                    .expect("contiguous")
                    .copy_from_slice(&xs[i * d..(i + 1) * d]);
            }
            let gb = gather.slice_axis(Axis(0), ndarray::Slice::from(..t));
            let mut db = dots.slice_axis_mut(Axis(0), ndarray::Slice::from(..t));
            ndarray::linalg::general_mat_mul(F::one(), &gb, &ct, F::zero(), &mut db);
            let two = F::of(2.0);
            for (g, &r) in todo.iter().enumerate() {
                let xr = gb.row(g);
                let xn = xr.dot(&xr);
                let (mut best, mut d1, mut d2) = (0, F::infinity(), F::infinity());
                for (j, (&dot, &cn)) in db.row(g).iter().zip(&cnorm).enumerate() {
                    let v = (xn - two * dot + cn).max(F::zero());
                    if v < d1 {
                        d2 = d1;
                        d1 = v;
                        best = j;
                    } else if v < d2 {
                        d2 = v;
                    }
                }
                lab[r] = best;
                up[r] = d1.sqrt();
                lo[r] = d2.sqrt();
            }
        };
        let n = labels.len();
        let per = ws.rows_per_group(n);
        labels
            .par_chunks_mut(per)
            .zip(self.upper.par_chunks_mut(per))
            .zip(self.lower.par_chunks_mut(per))
            .zip(ws.groups.par_iter_mut())
            .enumerate()
            .for_each(|(g, (((lab, up), lo), (s, c, _)))| {
                s.iter_mut().for_each(|v| *v = 0.0);
                c.iter_mut().for_each(|v| *v = 0.0);
                let mut scratch: Scratch<F> = (
                    Vec::new(),
                    Array2::<F>::zeros((BLOCK, d)),
                    Array2::<F>::zeros((BLOCK, k)),
                    FusedScratch::default(),
                );
                let blocks = lab
                    .chunks_mut(BLOCK)
                    .zip(up.chunks_mut(BLOCK))
                    .zip(lo.chunks_mut(BLOCK));
                for (j, ((lb, ub), lob)) in blocks.enumerate() {
                    // `per` is a whole number of blocks.
                    let start = g * per + j * BLOCK;
                    run_block(start / BLOCK, lb, ub, lob, &mut scratch);
                    for (r, &l) in lb.iter().enumerate() {
                        let i = start + r;
                        accumulate(s, c, &xs[i * d..(i + 1) * d], l);
                    }
                }
            });
        // Groups past the end of the data hold nothing this step.
        let used = n.div_ceil(per);
        for (s, c, _) in ws.groups.iter_mut().skip(used) {
            s.iter_mut().for_each(|v| *v = 0.0);
            c.iter_mut().for_each(|v| *v = 0.0);
        }
    }

    /// Loosens the bounds by how far the centres moved.
    fn moved(&mut self, old: ArrayView2<'_, F>, new: ArrayView2<'_, F>, labels: &[usize]) {
        let k = old.nrows();
        let p: Vec<F> = (0..k)
            .map(|j| {
                sq_dist(
                    old.row(j).as_slice().expect("standard"),
                    new.row(j).as_slice().expect("standard"),
                )
                .sqrt()
            })
            .collect();
        let (mut m1, mut m2, mut arg) = (F::zero(), F::zero(), 0);
        for (j, &v) in p.iter().enumerate() {
            if v > m1 {
                m2 = m1;
                m1 = v;
                arg = j;
            } else if v > m2 {
                m2 = v;
            }
        }
        self.upper
            .par_iter_mut()
            .zip(self.lower.par_iter_mut())
            .zip(labels.par_iter())
            .for_each(|((u, l), &a)| {
                *u += p[a];
                *l -= if a == arg { m2 } else { m1 };
            });
    }
}

impl<F: Float, S: Data<Elem = F>, Y: ?Sized> Fit<ArrayBase<S, Ix2>, Y> for KMeansValidParams<F> {
    type Model = KMeans<F>;
    type Error = Error;

    /// Fits k-means: equal to `sklearn.cluster.KMeans(algorithm='lloyd')` given the same
    /// initial centres (tested against it), and to `algorithm='elkan'` likewise.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::TooFewSamples`] (fewer rows than
    /// clusters), [`Error::DimensionMismatch`] (initial centres of another width).
    fn fit(&self, x: &ArrayBase<S, Ix2>, _y: &Y) -> Result<KMeans<F>> {
        check_matrix("data", x.view())?;
        check_k("n_clusters", self.n_clusters, x.nrows())?;
        if let KMeansInit::Centers(c) = &self.init {
            check_dim("initial centres", x.ncols(), c.ncols())?;
        }
        let (xc, mean, tol_abs) = centred(x.view(), self.tol);
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let mut best: Option<Run<F>> = None;
        for _ in 0..self.n_init() {
            let init = match &self.init {
                KMeansInit::KMeansPlusPlus => {
                    plusplus(xc.view(), self.n_clusters, None, &mut rng).0
                }
                KMeansInit::Random => {
                    let idx = rand::seq::index::sample(&mut rng, xc.nrows(), self.n_clusters);
                    xc.select(Axis(0), &idx.into_vec())
                }
                KMeansInit::Centers(c) => {
                    let mut c = c.as_standard_layout().into_owned();
                    for mut r in c.rows_mut() {
                        r.iter_mut().zip(&mean).for_each(|(v, &m)| *v -= m);
                    }
                    c
                }
            };
            let r = run(&xc, init, self.max_iter, tol_abs, self.algorithm);
            if best.as_ref().is_none_or(|b| r.inertia < b.inertia) {
                best = Some(r);
            }
        }
        let best = best.expect("n_init >= 1 runs");
        let mut centers = best.centers;
        for mut r in centers.rows_mut() {
            r.iter_mut().zip(&mean).for_each(|(v, &m)| *v += m);
        }
        Ok(KMeans {
            centers,
            labels: Array1::from(best.labels),
            inertia: F::of(best.inertia),
            n_iter: best.n_iter,
        })
    }
}

/// The nearest centre of each row: sklearn's `KMeans.predict`.
pub(crate) fn nearest<F: Float>(
    what: &'static str,
    centers: ArrayView2<'_, F>,
    x: ArrayView2<'_, F>,
) -> Result<Array1<usize>> {
    check_matrix(what, x)?;
    check_dim(what, centers.ncols(), x.ncols())?;
    let x = standard(x);
    let mut labels = vec![0usize; x.nrows()];
    assign(x.view(), centers, &mut labels, None);
    Ok(Array1::from(labels))
}

impl<F: Float, S: Data<Elem = F>> Predict<ArrayBase<S, Ix2>> for KMeans<F> {
    type Output = Array1<usize>;
    type Error = Error;

    /// The index of the nearest centre of each row (sklearn's `predict`).
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::DimensionMismatch`].
    fn predict(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<usize>> {
        nearest("data", self.centers.view(), x.view())
    }
}

/// Euclidean distances of each row of `x` to each centre, `n x k`.
pub(crate) fn distances<F: Float>(
    what: &'static str,
    centers: ArrayView2<'_, F>,
    x: ArrayView2<'_, F>,
) -> Result<Array2<F>> {
    check_matrix(what, x)?;
    check_dim(what, centers.ncols(), x.ncols())?;
    let c = standard(centers);
    let k = c.nrows();
    let mut out = Array2::<F>::zeros((x.nrows(), k));
    Zip::from(out.rows_mut())
        .and(x.rows())
        .par_for_each(|mut o, r| {
            let r = r.to_vec();
            for (j, v) in o.iter_mut().enumerate() {
                *v = sq_dist(&r, c.row(j).as_slice().expect("standard")).sqrt();
            }
        });
    Ok(out)
}

impl<F: Float, S: Data<Elem = F>> Transform<ArrayBase<S, Ix2>> for KMeans<F> {
    type Output = Array2<F>;
    type Error = Error;

    /// Euclidean distance of each row to each centre, `n x n_clusters` (sklearn's
    /// `transform`; computed directly, not through the GEMM form).
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::DimensionMismatch`].
    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        distances("data", self.centers.view(), x.view())
    }
}
