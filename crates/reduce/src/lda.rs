//! Linear discriminant analysis, equal to `sklearn.discriminant_analysis.LinearDiscriminantAnalysis`
//! with `solver="svd"`.

use dsp_core::{Fit, Float, Labels, ParamGuard, Predict, Transform};
use linfa::dataset::{AsSingleTargets, DatasetBase};
use ndarray::{Array1, Array2, ArrayBase, ArrayView2, Axis, Data, Ix2, Slice, Zip};

use crate::input::{check_fitted, check_records, column_means};
use crate::linalg::{gram, matmul, sym_eigh_top, thin_r, thin_svd};
use crate::{Error, Result};

/// Hyper-parameters of an [`Lda`], with sklearn's defaults: as many components as allowed
/// (`min(n_classes - 1, n_features)`), priors from the class frequencies, rank tolerance `1e-4`.
///
/// Unchecked; [`ParamGuard::check`] (or fitting, which checks) turns them into
/// [`LdaValidParams`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LdaParams(LdaValidParams);

/// Checked LDA hyper-parameters (see [`LdaParams`]); the only thing an [`Lda`] is fitted from.
#[derive(Debug, Clone, PartialEq)]
pub struct LdaValidParams {
    n_components: Option<usize>,
    priors: Option<Vec<f64>>,
    tol: f64,
}

impl Default for LdaValidParams {
    fn default() -> Self {
        Self {
            n_components: None,
            priors: None,
            tol: 1e-4,
        }
    }
}

impl LdaParams {
    /// Components kept by [`Lda::transform`] (sklearn's `n_components`; `None`: all allowed).
    #[must_use]
    pub fn n_components(mut self, n_components: Option<usize>) -> Self {
        self.0.n_components = n_components;
        self
    }

    /// Class priors in the order of the sorted class labels (sklearn's `priors`; `None`: the
    /// class frequencies). Renormalised when they do not sum to 1 within `1e-5`, as sklearn.
    #[must_use]
    pub fn priors(mut self, priors: Option<Vec<f64>>) -> Self {
        self.0.priors = priors;
        self
    }

    /// Singular values at or below `tol` (within-class scatter) or `tol * s_max` (between
    /// classes) count as rank-deficient (sklearn's `tol`, default `1e-4`).
    #[must_use]
    pub fn tol(mut self, tol: f64) -> Self {
        self.0.tol = tol;
        self
    }
}

impl linfa::ParamGuard for LdaParams {
    type Checked = LdaValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&LdaValidParams> {
        ParamGuard::check_ref(self)
    }

    fn check(self) -> Result<LdaValidParams> {
        ParamGuard::check(self)
    }
}

impl ParamGuard for LdaParams {
    type Checked = LdaValidParams;
    type Error = Error;

    /// # Errors
    /// [`Error::ZeroComponents`]; [`Error::InvalidPrior`] for a negative or non-finite prior
    /// or priors summing to 0; [`Error::Core`] for a negative or non-finite `tol`.
    fn check_ref(&self) -> Result<&LdaValidParams> {
        if self.0.n_components == Some(0) {
            return Err(Error::ZeroComponents);
        }
        if let Some(priors) = &self.0.priors {
            for (index, &value) in priors.iter().enumerate() {
                if !(value.is_finite() && value >= 0.0) {
                    return Err(Error::InvalidPrior { index, value });
                }
            }
            if priors.iter().sum::<f64>() <= 0.0 {
                return Err(Error::InvalidPrior {
                    index: 0,
                    value: priors.first().copied().unwrap_or(0.0),
                });
            }
        }
        if !(self.0.tol.is_finite() && self.0.tol >= 0.0) {
            return Err(dsp_core::Error::InvalidParameter {
                name: "tol",
                value: self.0.tol,
                expected: "a finite value >= 0",
            }
            .into());
        }
        Ok(&self.0)
    }

    fn check(self) -> Result<LdaValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// Sorted distinct labels and each row's class index.
fn encode_labels(y: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut classes: Vec<usize> = y.to_vec();
    classes.sort_unstable();
    classes.dedup();
    // Every label is in `classes`, so the search always succeeds.
    let index = y
        .iter()
        .map(|l| classes.binary_search(l).unwrap_or(0))
        .collect();
    (classes, index)
}

/// Smallest eigenvalue of the scaled within-class Gram matrix, relative to its largest, for which
/// the singular values and right vectors come from that Gram matrix (see [`within_svd`]).
/// Rounding perturbs the Gram matrix by about `eps * lambda_max`, so at this ratio every
/// singular value keeps about 10 correct digits; below it (ill-conditioned or rank-deficient
/// data, where sklearn's rank cut must see small singular values accurately) the backward-stable
/// QR route is taken.
const GRAM_MIN_RATIO: f64 = 1e-5;

/// Singular values above `tol` and their right singular vectors of `d a` (`a` is `n x p`, `d` a
/// positive diagonal given by `scale`, applied to the columns): `(S (r, descending), Vt (r x p))`.
///
/// Tall data whose Gram matrix has eigenvalues of at least `min_ratio` times the largest go
/// through the `p x p` Gram matrix `d a^T a d` (one GEMM over
/// half of it, then a symmetric eigendecomposition: `S = sqrt(lambda)`, `V` the eigenvectors),
/// several times cheaper than an SVD or QR of the tall matrix. Otherwise the scaled matrix is
/// decomposed directly: tall data through a thin QR (`a = QR`, then the SVD of the `p x p`
/// factor `R`: same singular values and right vectors, backward stable), wide ones by a thin SVD.
fn within_svd(
    mut a: Array2<f64>,
    scale: &Array1<f64>,
    tol: f64,
    min_ratio: f64,
) -> Result<(Array1<f64>, Array2<f64>)> {
    let (n, p) = a.dim();
    if n >= p {
        let mut g = gram(a.view());
        for ((i, j), v) in g.indexed_iter_mut() {
            *v *= scale[i] * scale[j];
        }
        let (values, vt) = sym_eigh_top(g.view(), |values| values.len())?;
        let (max, min) = (values[0], values[p - 1]);
        if max > 0.0 && min >= min_ratio * max {
            let rank = values.iter().filter(|&&l| l.sqrt() > tol).count();
            return Ok((
                values
                    .slice_axis(Axis(0), Slice::from(..rank))
                    .mapv(f64::sqrt),
                vt.slice_axis(Axis(0), Slice::from(..rank)).to_owned(),
            ));
        }
    }
    a *= &scale.view();
    let (_u, sv, vt) = if n > p {
        thin_svd(thin_r(a.view())?.view())?
    } else {
        thin_svd(a.view())?
    };
    let rank = sv.iter().filter(|&&s| s > tol).count();
    Ok((
        sv.slice_axis(Axis(0), Slice::from(..rank)).to_owned(),
        vt.slice_axis(Axis(0), Slice::from(..rank)).to_owned(),
    ))
}

/// Fits sklearn's `"svd"` LDA to the rows of `x` (`n_samples x n_features`, `f32` or `f64`;
/// computed in `f64`) labelled by `y` (any `usize` labels; classes are the sorted distinct
/// values).
///
/// The within-class SVD of tall data comes from the eigendecomposition of its `p x p` Gram
/// matrix when that is well conditioned (smallest eigenvalue at least `1e-5` of the
/// largest), else from a thin QR (the SVD of the `p x p` triangular factor); both give the
/// singular values and right vectors of sklearn's direct SVD, at a fraction of its cost. Wide
/// data take the direct SVD. Transform directions are sign-normalised:
/// each column of [`Lda::scalings`] has its entry of largest absolute value positive.
///
/// # Errors
/// [`Error::Core`] for empty data or a NaN/infinite value; [`Error::LabelCountMismatch`];
/// [`Error::TooFewClasses`] (fewer than 2); [`Error::TooFewSamples`] (no more rows than
/// classes); [`Error::PriorCountMismatch`]; [`Error::TooManyComponents`] (above
/// `min(n_classes - 1, n_features)`); [`Error::DegenerateScatter`];
/// [`Error::NoConvergence`].
impl<F, S, Y> Fit<ArrayBase<S, Ix2>, Y> for LdaValidParams
where
    F: Float,
    S: Data<Elem = F>,
    Y: Labels + ?Sized,
{
    type Model = Lda;
    type Error = Error;

    fn fit(&self, x: &ArrayBase<S, Ix2>, y: &Y) -> Result<Lda> {
        check_records(x, 1)?;
        self.fit_f64(F::view_f64(x.view()).view(), &y.labels())
    }
}

impl LdaValidParams {
    fn fit_f64(&self, x: ArrayView2<'_, f64>, y: &[usize]) -> Result<Lda> {
        let (n, p) = x.dim();
        if y.len() != n {
            return Err(Error::LabelCountMismatch {
                n_samples: n,
                n_labels: y.len(),
            });
        }
        let (classes, index) = encode_labels(y);
        let k = classes.len();
        if k < 2 {
            return Err(Error::TooFewClasses { n_classes: k });
        }
        if n <= k {
            return Err(Error::TooFewSamples {
                n_samples: n,
                n_classes: k,
            });
        }
        let mut counts = vec![0usize; k];
        for &c in &index {
            counts[c] += 1;
        }
        let priors: Array1<f64> = match &self.priors {
            None => counts.iter().map(|&c| c as f64 / n as f64).collect(),
            Some(given) => {
                if given.len() != k {
                    return Err(Error::PriorCountMismatch {
                        n_classes: k,
                        got: given.len(),
                    });
                }
                let sum: f64 = given.iter().sum();
                if (sum - 1.0).abs() > 1e-5 {
                    given.iter().map(|v| v / sum).collect()
                } else {
                    Array1::from(given.clone())
                }
            }
        };
        let max_components = (k - 1).min(p);
        let n_out = match self.n_components {
            Some(c) if c > max_components => {
                return Err(Error::TooManyComponents {
                    requested: c,
                    max: max_components,
                    rule: "min(n_classes - 1, n_features)",
                });
            }
            Some(c) => c,
            None => max_components,
        };

        let mut means = Array2::<f64>::zeros((k, p));
        for (row, &c) in x.rows().into_iter().zip(&index) {
            let mut m = means.row_mut(c);
            m += &row;
        }
        for (mut m, &c) in means.rows_mut().into_iter().zip(&counts) {
            m.mapv_inplace(|v| v / c as f64);
        }
        let xbar = priors.dot(&means);

        // Within-class centred data, scaled per feature by its (population) std, times 1/sqrt(n)
        // (the scaling is applied inside `within_svd`).
        let mut xc = Array2::<f64>::zeros((n, p));
        for ((mut out, row), &c) in xc.rows_mut().into_iter().zip(x.rows()).zip(&index) {
            Zip::from(&mut out)
                .and(&row)
                .and(&means.row(c))
                .for_each(|o, &v, &m| *o = v - m);
        }
        let cmean = column_means(xc.view());
        let mut std = Array1::<f64>::zeros(p);
        for row in xc.rows() {
            Zip::from(&mut std)
                .and(&row)
                .and(&cmean)
                .for_each(|s, &v, &m| {
                    let d = v - m;
                    *s += d * d;
                });
        }
        std.mapv_inplace(|v| {
            let s = (v / n as f64).sqrt();
            if s == 0.0 { 1.0 } else { s }
        });
        let root_fac = (1.0 / n as f64).sqrt();
        let mult = std.mapv(|s| root_fac / s);

        let (sw, vtw) = within_svd(xc, &mult, self.tol, GRAM_MIN_RATIO)?;
        let rank = sw.len();
        if rank == 0 {
            return Err(Error::DegenerateScatter);
        }
        // scalings (p x rank) = V / std / S
        let mut scalings = vtw.reversed_axes();
        for ((i, j), v) in scalings.indexed_iter_mut() {
            *v /= std[i] * sw[j];
        }

        // Between-class part: weighted class centres in the whitened space.
        let fac = 1.0 / (k - 1) as f64;
        let centred_means = &means - &xbar;
        let weights = priors.mapv(|pr| (n as f64 * pr * fac).sqrt());
        let weighted = &centred_means * &weights.view().insert_axis(Axis(1));
        let xb = matmul(weighted.view(), scalings.view());
        let (_u, sb, vtb) = thin_svd(xb.view())?;
        let total: f64 = sb.iter().map(|v| v * v).sum();
        let explained_variance_ratio: Array1<f64> =
            sb.iter().take(n_out).map(|v| v * v / total).collect();
        let s0 = sb.first().copied().unwrap_or(0.0);
        let rank_b = sb.iter().filter(|&&v| v > self.tol * s0).count();
        let mut scalings = matmul(
            scalings.view(),
            vtb.slice_axis(Axis(0), Slice::from(..rank_b)).t(),
        );
        // Deterministic signs: largest-magnitude entry of each direction positive.
        for mut col in scalings.columns_mut() {
            let mut best = 0.0_f64;
            let mut neg = false;
            for &v in col.iter() {
                if v.abs() > best {
                    best = v.abs();
                    neg = v < 0.0;
                }
            }
            if neg {
                col.mapv_inplace(|v| -v);
            }
        }

        let coef_low = matmul(centred_means.view(), scalings.view());
        let mut intercept: Array1<f64> = coef_low
            .rows()
            .into_iter()
            .zip(priors.iter())
            .map(|(r, &pr)| -0.5 * r.dot(&r) + pr.ln())
            .collect();
        let coef_full = matmul(coef_low.view(), scalings.t());
        intercept -= &coef_full.dot(&xbar);
        let (coef, intercept) = if k == 2 {
            let c = (&coef_full.row(1) - &coef_full.row(0)).insert_axis(Axis(0));
            (c, Array1::from(vec![intercept[1] - intercept[0]]))
        } else {
            (coef_full, intercept)
        };
        Ok(Lda {
            classes,
            priors,
            means,
            xbar,
            scalings,
            coef,
            intercept,
            explained_variance_ratio,
            n_out: n_out.min(rank_b),
        })
    }
}

/// A fitted LDA (sklearn's `LinearDiscriminantAnalysis(solver="svd")`, tested against it):
/// a transformer to at most `min(n_classes - 1, n_features)` discriminant directions and a linear
/// classifier with Gaussian class posteriors.
///
/// ```
/// use dsp_core::{Fit, Predict, Transform};
/// use ndarray::array;
/// use reduce::LdaParams;
///
/// let x = array![[0.0, 1.0], [0.2, 0.8], [0.1, 1.3], [3.0, 0.0], [3.1, 0.4], [2.8, 0.1]];
/// let y = [0usize, 0, 0, 1, 1, 1];
/// let lda = LdaParams::default().fit(&x, &y)?;
/// assert_eq!(lda.predict(&x)?.to_vec(), y);
/// assert_eq!(lda.transform(&x)?.dim(), (6, 1));
/// # Ok::<(), reduce::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Lda {
    classes: Vec<usize>,
    priors: Array1<f64>,
    means: Array2<f64>,
    xbar: Array1<f64>,
    scalings: Array2<f64>,
    coef: Array2<f64>,
    intercept: Array1<f64>,
    explained_variance_ratio: Array1<f64>,
    n_out: usize,
}

impl Lda {
    /// Default hyper-parameters (see [`LdaParams`]).
    #[must_use]
    pub fn params() -> LdaParams {
        LdaParams::default()
    }

    /// The sorted distinct labels (sklearn's `classes_`).
    #[must_use]
    pub fn classes(&self) -> &[usize] {
        &self.classes
    }

    /// Class priors, in the order of [`classes`](Self::classes) (sklearn's `priors_`).
    #[must_use]
    pub fn priors(&self) -> &Array1<f64> {
        &self.priors
    }

    /// Class means, `n_classes x n_features` (sklearn's `means_`).
    #[must_use]
    pub fn means(&self) -> &Array2<f64> {
        &self.means
    }

    /// Prior-weighted overall mean (sklearn's `xbar_`).
    #[must_use]
    pub fn xbar(&self) -> &Array1<f64> {
        &self.xbar
    }

    /// Discriminant directions as columns, `n_features x rank` (sklearn's `scalings_` up to the
    /// sign of each column; here the largest-magnitude entry of each column is positive).
    #[must_use]
    pub fn scalings(&self) -> &Array2<f64> {
        &self.scalings
    }

    /// Weights of the linear decision function (sklearn's `coef_`): `n_classes x n_features`,
    /// or `1 x n_features` for two classes.
    #[must_use]
    pub fn coef(&self) -> &Array2<f64> {
        &self.coef
    }

    /// Intercepts of the decision function (sklearn's `intercept_`; one value for two classes).
    #[must_use]
    pub fn intercept(&self) -> &Array1<f64> {
        &self.intercept
    }

    /// Between-class variance fraction of each discriminant direction (sklearn's
    /// `explained_variance_ratio_`).
    #[must_use]
    pub fn explained_variance_ratio(&self) -> &Array1<f64> {
        &self.explained_variance_ratio
    }

    /// Columns returned by [`transform`](Self::transform): `min(n_components, rank)`.
    #[must_use]
    pub fn n_components(&self) -> usize {
        self.n_out
    }

    /// Number of features seen at fit time.
    #[must_use]
    pub fn n_features(&self) -> usize {
        self.xbar.len()
    }

    /// Decision scores `x @ coef^T + intercept`: `n x n_classes`, or `n x 1` for two classes
    /// (sklearn returns that column flattened).
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
    pub fn decision_function<F: Float, S: Data<Elem = F>>(
        &self,
        x: &ArrayBase<S, Ix2>,
    ) -> Result<Array2<f64>> {
        check_fitted(x, self.n_features())?;
        let x = F::view_f64(x.view());
        let mut out = matmul(x.view(), self.coef.t());
        out += &self.intercept;
        Ok(out)
    }

    /// Class probabilities, `n x n_classes`: the softmax of the decision scores (the logistic
    /// sigmoid for two classes), as sklearn.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
    pub fn predict_proba<F: Float, S: Data<Elem = F>>(
        &self,
        x: &ArrayBase<S, Ix2>,
    ) -> Result<Array2<f64>> {
        let d = self.decision_function(x)?;
        if self.classes.len() == 2 {
            let mut out = Array2::<f64>::zeros((d.nrows(), 2));
            for (mut row, &v) in out.rows_mut().into_iter().zip(d.column(0)) {
                let p1 = 1.0 / (1.0 + (-v).exp());
                row[0] = 1.0 - p1;
                row[1] = p1;
            }
            return Ok(out);
        }
        let mut out = d;
        for mut row in out.rows_mut() {
            let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            row.mapv_inplace(|v| (v - max).exp());
            let sum = row.sum();
            row.mapv_inplace(|v| v / sum);
        }
        Ok(out)
    }

    fn predict_labels(&self, x: ArrayView2<'_, f64>) -> Result<Array1<usize>> {
        let d = self.decision_function(&x)?;
        if self.classes.len() == 2 {
            return Ok(d.column(0).mapv(|v| {
                if v > 0.0 {
                    self.classes[1]
                } else {
                    self.classes[0]
                }
            }));
        }
        Ok(d.rows()
            .into_iter()
            .map(|row| {
                let mut best = 0;
                for (i, &v) in row.iter().enumerate() {
                    if v > row[best] {
                        best = i;
                    }
                }
                self.classes[best]
            })
            .collect())
    }
}

/// Projects `x` on the discriminant directions: `(x - xbar) @ scalings[:, :n_components]`,
/// `n x n_components`, of `x`'s float type.
///
/// # Errors
/// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
impl<F: Float, S: Data<Elem = F>> Transform<ArrayBase<S, Ix2>> for Lda {
    type Output = Array2<F>;
    type Error = Error;

    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        check_fitted(x, self.n_features())?;
        let x = F::view_f64(x.view());
        let w = self.scalings.slice_axis(Axis(1), Slice::from(..self.n_out));
        let mut out = matmul(x.view(), w);
        out -= &self.xbar.dot(&w);
        Ok(F::from_f64_array(out))
    }
}

/// Predicted labels: the class with the largest decision score (first on ties; for two
/// classes, the second class when its score is `> 0`).
///
/// # Errors
/// [`Error::FeatureCountMismatch`] or [`Error::Core`] (non-finite value).
impl<F: Float, S: Data<Elem = F>> Predict<ArrayBase<S, Ix2>> for Lda {
    type Output = Array1<usize>;
    type Error = Error;

    fn predict(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<usize>> {
        check_fitted(x, self.n_features())?;
        self.predict_labels(F::view_f64(x.view()).view())
    }
}

impl<F, S, T> linfa::traits::Fit<ArrayBase<S, Ix2>, T, Error> for LdaValidParams
where
    F: Float,
    S: Data<Elem = F>,
    T: AsSingleTargets<Elem = usize>,
{
    type Object = Lda;

    fn fit(&self, dataset: &DatasetBase<ArrayBase<S, Ix2>, T>) -> Result<Lda> {
        let y = dataset.targets().as_single_targets().to_vec();
        Fit::fit(self, dataset.records(), &y)
    }
}

impl<F: Float, S: Data<Elem = F>> linfa::traits::Transformer<&ArrayBase<S, Ix2>, Result<Array2<F>>>
    for Lda
{
    fn transform(&self, x: &ArrayBase<S, Ix2>) -> Result<Array2<F>> {
        Transform::transform(self, x)
    }
}

impl<F: Float, S: Data<Elem = F>> linfa::traits::Predict<&ArrayBase<S, Ix2>, Result<Array1<usize>>>
    for Lda
{
    fn predict(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<usize>> {
        Predict::predict(self, x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(n: usize, p: usize) -> Array2<f64> {
        let mut s = 7u64;
        Array2::from_shape_simple_fn((n, p), || {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        })
    }

    /// Right singular vectors agree up to sign.
    fn same_rows_up_to_sign(a: &Array2<f64>, b: &Array2<f64>, tol: f64) {
        assert_eq!(a.dim(), b.dim());
        for (ra, rb) in a.rows().into_iter().zip(b.rows()) {
            let sign = if ra.dot(&rb) < 0.0 { -1.0 } else { 1.0 };
            for (x, y) in ra.iter().zip(rb.iter()) {
                assert!((x - sign * y).abs() < tol, "{x} vs {}", sign * y);
            }
        }
    }

    #[test]
    fn gram_route_equals_qr_route_on_well_conditioned_data() {
        let a = data(300, 20);
        let scale = Array1::from_shape_fn(20, |j| 0.5 + j as f64 / 10.0);
        // min_ratio 0: Gram route (these data are well conditioned); above 1: the QR route.
        let (s_gram, v_gram) = within_svd(a.clone(), &scale, 1e-4, 0.0).unwrap();
        let (s_qr, v_qr) = within_svd(a, &scale, 1e-4, 2.0).unwrap();
        assert_eq!(s_gram.len(), 20);
        for (x, y) in s_gram.iter().zip(&s_qr) {
            assert!((x - y).abs() < 1e-12 * y, "{x} vs {y}");
        }
        same_rows_up_to_sign(&v_gram, &v_qr, 1e-10);
    }

    #[test]
    fn rank_deficient_data_take_the_qr_route() {
        // A repeated column: one zero singular value, cut by the rank tolerance. The Gram
        // route's eigenvalue there is rounding noise, so the default ratio must fall back.
        let mut a = data(200, 8);
        let c = a.column(2).to_owned();
        a.column_mut(5).assign(&c);
        let scale = Array1::ones(8);
        let (s, v) = within_svd(a.clone(), &scale, 1e-4, GRAM_MIN_RATIO).unwrap();
        assert_eq!(s.len(), 7);
        let (s_qr, v_qr) = within_svd(a, &scale, 1e-4, 2.0).unwrap();
        assert_eq!(s, s_qr);
        assert_eq!(v, v_qr);
    }
}
