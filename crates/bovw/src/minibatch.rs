//! Mini-batch k-means, as scikit-learn's `MiniBatchKMeans`, for millions of descriptors.

use dsp_core::{Fit, Float, ParamGuard, Predict};
use ndarray::{Array1, Array2, ArrayBase, ArrayView2, Axis, Data, Ix2};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::kmeans::{KMeansInit, inertia, nearest};
use crate::plusplus::{check_k, plusplus};
use crate::util::{
    assign, check_count, check_dim, check_finite, check_matrix, check_non_negative, standard,
};

/// Checked mini-batch k-means hyper-parameters: the type that implements [`Fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct MiniBatchKMeansValidParams<F> {
    n_clusters: usize,
    init: KMeansInit<F>,
    batch_size: usize,
    max_iter: usize,
    tol: f64,
    max_no_improvement: usize,
    init_size: Option<usize>,
    seed: u64,
}

impl<F> MiniBatchKMeansValidParams<F> {
    /// Number of clusters.
    pub fn n_clusters(&self) -> usize {
        self.n_clusters
    }
    /// Rows per mini-batch.
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }
    /// Maximum passes over the data (epochs).
    pub fn max_iter(&self) -> usize {
        self.max_iter
    }
    /// Seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

/// Mini-batch k-means hyper-parameters, as `sklearn.cluster.MiniBatchKMeans`'s defaults
/// (`batch_size=1024`, `max_iter=100` epochs, `tol=0.0`, `max_no_improvement=10`,
/// `init_size=3*batch_size`, k-means++). Not implemented: sklearn's reassignment of
/// low-count centres (`reassignment_ratio`).
#[derive(Debug, Clone, PartialEq)]
pub struct MiniBatchKMeansParams<F>(MiniBatchKMeansValidParams<F>);

impl<F> Default for MiniBatchKMeansParams<F> {
    /// sklearn's defaults, `n_clusters = 8`.
    fn default() -> Self {
        Self::new(8)
    }
}

impl<F> MiniBatchKMeansParams<F> {
    /// `n_clusters` clusters, the rest at sklearn's defaults.
    pub fn new(n_clusters: usize) -> Self {
        Self(MiniBatchKMeansValidParams {
            n_clusters,
            init: KMeansInit::KMeansPlusPlus,
            batch_size: 1024,
            max_iter: 100,
            tol: 0.0,
            max_no_improvement: 10,
            init_size: None,
            seed: 0,
        })
    }
    /// The initialisation (default k-means++ on `init_size` random rows).
    #[must_use]
    pub fn init(mut self, init: KMeansInit<F>) -> Self {
        self.0.init = init;
        self
    }
    /// Rows per batch (default 1024).
    #[must_use]
    pub fn batch_size(mut self, batch_size: usize) -> Self {
        self.0.batch_size = batch_size;
        self
    }
    /// Maximum epochs (default 100).
    #[must_use]
    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.0.max_iter = max_iter;
        self
    }
    /// Stop when the squared centre shift of a step is `<= tol * mean(var(x))` (default 0:
    /// off).
    #[must_use]
    pub fn tol(mut self, tol: f64) -> Self {
        self.0.tol = tol;
        self
    }
    /// Stop after this many steps without improvement of the smoothed batch inertia
    /// (default 10; 0 turns the rule off).
    #[must_use]
    pub fn max_no_improvement(mut self, n: usize) -> Self {
        self.0.max_no_improvement = n;
        self
    }
    /// Rows sampled for the initialisation (default `3 * batch_size`, at least
    /// `3 * n_clusters`, at most all rows).
    #[must_use]
    pub fn init_size(mut self, n: usize) -> Self {
        self.0.init_size = Some(n);
        self
    }
    /// Seed (default 0).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
}

impl<F: Float> ParamGuard for MiniBatchKMeansParams<F> {
    type Checked = MiniBatchKMeansValidParams<F>;
    type Error = Error;

    fn check_ref(&self) -> Result<&MiniBatchKMeansValidParams<F>> {
        let p = &self.0;
        if p.n_clusters == 0 {
            return Err(Error::ZeroClusters { what: "n_clusters" });
        }
        check_count("batch_size", p.batch_size)?;
        check_count("max_iter", p.max_iter)?;
        check_non_negative("tol", p.tol)?;
        if let Some(s) = p.init_size {
            check_count("init_size", s)?;
        }
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

    fn check(self) -> Result<MiniBatchKMeansValidParams<F>> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted mini-batch k-means model.
#[derive(Debug, Clone, PartialEq)]
pub struct MiniBatchKMeans<F> {
    centers: Array2<F>,
    counts: Vec<f64>,
    labels: Array1<usize>,
    inertia: F,
    n_steps: usize,
}

impl<F: Float> MiniBatchKMeans<F> {
    /// The centres, `n_clusters x n_features`.
    pub fn centers(&self) -> ArrayView2<'_, F> {
        self.centers.view()
    }
    /// The centres, moved out.
    pub fn into_centers(self) -> Array2<F> {
        self.centers
    }
    /// Labels of the training rows after [`Fit::fit`], of the last batch after
    /// [`partial_fit`](Self::partial_fit).
    pub fn labels(&self) -> &Array1<usize> {
        &self.labels
    }
    /// Inertia of the rows [`labels`](Self::labels) describes.
    pub fn inertia(&self) -> F {
        self.inertia
    }
    /// Mini-batch steps taken (sklearn's `n_steps_`).
    pub fn n_steps(&self) -> usize {
        self.n_steps
    }

    /// One more mini-batch step on `batch` (sklearn's `partial_fit` on a fitted model).
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::DimensionMismatch`].
    pub fn partial_fit(&mut self, batch: ArrayView2<'_, F>) -> Result<()> {
        check_matrix("batch", batch)?;
        check_dim("batch", self.centers.ncols(), batch.ncols())?;
        let b = standard(batch);
        let mut labels = vec![0; b.nrows()];
        step(b.view(), &mut self.centers, &mut self.counts, &mut labels);
        self.inertia = F::of(inertia(b.view(), self.centers.view(), &labels));
        self.labels = Array1::from(labels);
        self.n_steps += 1;
        Ok(())
    }
}

/// One sklearn `_minibatch_update_dense` step; returns the batch's inertia (before the
/// update) and writes the labels.
fn step<F: Float>(
    b: ArrayView2<'_, F>,
    centers: &mut Array2<F>,
    counts: &mut [f64],
    labels: &mut [usize],
) -> f64 {
    let mut dist = vec![F::zero(); b.nrows()];
    assign(b, centers.view(), labels, Some(&mut dist));
    let (k, d) = centers.dim();
    let mut sums = vec![0.0f64; k * d];
    let mut bc = vec![0.0f64; k];
    for (r, &l) in b.rows().into_iter().zip(labels.iter()) {
        bc[l] += 1.0;
        for (o, v) in sums[l * d..(l + 1) * d].iter_mut().zip(r.iter()) {
            *o += v.to_f64_lossless();
        }
    }
    for j in 0..k {
        if bc[j] > 0.0 {
            let total = counts[j] + bc[j];
            for t in 0..d {
                let c = centers[[j, t]].to_f64_lossless();
                centers[[j, t]] = F::of((c * counts[j] + sums[j * d + t]) / total);
            }
            counts[j] = total;
        }
    }
    dist.iter().map(|v| v.to_f64_lossless()).sum()
}

impl<F: Float> MiniBatchKMeansValidParams<F> {
    fn initial_centers<R: Rng>(&self, x: ArrayView2<'_, F>, rng: &mut R) -> Result<Array2<F>> {
        match &self.init {
            KMeansInit::Centers(c) => {
                check_dim("initial centres", x.ncols(), c.ncols())?;
                Ok(c.as_standard_layout().into_owned())
            }
            init => {
                let n = x.nrows();
                let size = self
                    .init_size
                    .unwrap_or(3 * self.batch_size)
                    .max(3 * self.n_clusters)
                    .min(n);
                let idx: Vec<usize> = (0..size).map(|_| rng.random_range(0..n)).collect();
                let sub = x.select(Axis(0), &idx);
                if matches!(init, KMeansInit::Random) {
                    let pick = rand::seq::index::sample(rng, size, self.n_clusters).into_vec();
                    Ok(sub.select(Axis(0), &pick))
                } else {
                    Ok(plusplus(sub.view(), self.n_clusters, None, rng).0)
                }
            }
        }
    }

    /// Starts a model from the first batch (initialised on it, as sklearn's first
    /// `partial_fit`) and takes one step on it.
    ///
    /// # Errors
    /// As [`Fit::fit`].
    pub fn partial_fit(&self, batch: ArrayView2<'_, F>) -> Result<MiniBatchKMeans<F>> {
        check_matrix("batch", batch)?;
        check_k("n_clusters", self.n_clusters, batch.nrows())?;
        let b = standard(batch);
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let centers = self.initial_centers(b.view(), &mut rng)?;
        let mut m = MiniBatchKMeans {
            counts: vec![0.0; centers.nrows()],
            centers,
            labels: Array1::zeros(0),
            inertia: F::zero(),
            n_steps: 0,
        };
        m.partial_fit(b.view())?;
        Ok(m)
    }
}

impl<F: Float, S: Data<Elem = F>, Y: ?Sized> Fit<ArrayBase<S, Ix2>, Y>
    for MiniBatchKMeansValidParams<F>
{
    type Model = MiniBatchKMeans<F>;
    type Error = Error;

    /// Mini-batch k-means as sklearn's `MiniBatchKMeans.fit`: initial centres from
    /// `init_size` random rows, then `max_iter * n / batch_size` steps on batches drawn with
    /// replacement, each moving a centre to the running mean of the points it has received;
    /// early stop on the smoothed batch inertia (`max_no_improvement`) or the centre shift
    /// (`tol`); finally the labels and inertia of all rows. Same algorithm, not the same
    /// random stream as sklearn.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::TooFewSamples`],
    /// [`Error::DimensionMismatch`].
    fn fit(&self, x: &ArrayBase<S, Ix2>, _y: &Y) -> Result<MiniBatchKMeans<F>> {
        check_matrix("data", x.view())?;
        check_k("n_clusters", self.n_clusters, x.nrows())?;
        let x = standard(x.view());
        let (n, d) = x.dim();
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let mut centers = self.initial_centers(x.view(), &mut rng)?;
        let mut counts = vec![0.0; self.n_clusters];
        let bs = self.batch_size.min(n);
        let n_steps = (self.max_iter * n).div_ceil(bs).max(1);
        let tol_abs = if self.tol > 0.0 {
            let mean = x.mean_axis(Axis(0)).expect("n >= 1");
            let var: f64 = x
                .rows()
                .into_iter()
                .map(|r| {
                    r.iter()
                        .zip(mean.iter())
                        .map(|(v, m)| (*v - *m).to_f64_lossless().powi(2))
                        .sum::<f64>()
                })
                .sum::<f64>()
                / n as f64;
            self.tol * var / d as f64
        } else {
            0.0
        };
        let alpha = (2.0 * bs as f64 / (n as f64 + 1.0)).min(1.0);
        let (mut ewa, mut ewa_min, mut no_improve) = (0.0, f64::INFINITY, 0);
        let mut labels = vec![0; bs];
        let mut taken = 0;
        for s in 0..n_steps {
            taken = s + 1;
            let idx: Vec<usize> = (0..bs).map(|_| rng.random_range(0..n)).collect();
            let batch = x.select(Axis(0), &idx);
            let old = centers.clone();
            let bi = step(batch.view(), &mut centers, &mut counts, &mut labels) / bs as f64;
            ewa = if s == 0 {
                bi
            } else {
                ewa * (1.0 - alpha) + bi * alpha
            };
            if self.tol > 0.0 {
                let shift: f64 = old
                    .iter()
                    .zip(centers.iter())
                    .map(|(a, b)| (*a - *b).to_f64_lossless().powi(2))
                    .sum();
                if shift <= tol_abs {
                    break;
                }
            }
            if ewa < ewa_min {
                ewa_min = ewa;
                no_improve = 0;
            } else {
                no_improve += 1;
            }
            if self.max_no_improvement > 0 && no_improve >= self.max_no_improvement {
                break;
            }
        }
        let labels = nearest("data", centers.view(), x.view())?;
        let inertia = inertia(x.view(), centers.view(), labels.as_slice().expect("owned"));
        Ok(MiniBatchKMeans {
            centers,
            counts,
            labels,
            inertia: F::of(inertia),
            n_steps: taken,
        })
    }
}

impl<F: Float, S: Data<Elem = F>> Predict<ArrayBase<S, Ix2>> for MiniBatchKMeans<F> {
    type Output = Array1<usize>;
    type Error = Error;

    /// The nearest centre of each row.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NonFinite`], [`Error::DimensionMismatch`].
    fn predict(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<usize>> {
        nearest("data", self.centers.view(), x.view())
    }
}

impl<F: Float> From<MiniBatchKMeans<F>> for crate::Vocabulary<F> {
    /// The mini-batch centres as words.
    fn from(km: MiniBatchKMeans<F>) -> Self {
        crate::Vocabulary::new(km.into_centers()).expect("fitted centres are finite and non-empty")
    }
}
