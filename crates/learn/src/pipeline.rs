//! Pipelines: transformer steps (a scaler, PCA, LDA, a feature extractor such as MiniRocket or a
//! filter bank, or anything else in the model vocabulary) and a classifier fitted as one, so
//! that every step is fitted inside each fold and never sees the held-out rows.

use dsp_core::{Fit, Float, Predict, Transform};
use ndarray::{Array1, Array2, ArrayView2};
use reduce::Lda;

use crate::input::{Classes, check_predict, check_xy};
use crate::{Classifier, Error, Model, Result};

/// A pipeline step before fitting: anything that [`Fit`]s on an `n x d` matrix of `F` (and the
/// labels, which unsupervised steps ignore) into a model that [`Transform`]s such matrices into
/// `n x d'` ones. Implemented for every such type (`StandardScalerParams`, `PcaParams`,
/// `LdaParams`, `MiniRocketParams`, `FilterBank`, ...), whose errors convert into
/// [`Error`].
pub trait Step<F: Float>: Send + Sync {
    /// Fits the step on the training rows.
    ///
    /// # Errors
    /// The step's own errors, wrapped into [`Error`].
    fn fit_step(&self, x: &Array2<F>, y: &[usize]) -> Result<Box<dyn FittedStep<F>>>;
}

/// A fitted pipeline step (see [`Step`]).
pub trait FittedStep<F: Float>: Send + Sync + std::fmt::Debug {
    /// Transforms rows.
    ///
    /// # Errors
    /// The step's own errors, wrapped into [`Error`].
    fn transform_step(&self, x: &Array2<F>) -> Result<Array2<F>>;
}

impl<F, P> Step<F> for P
where
    F: Float,
    P: Fit<Array2<F>, [usize]> + Send + Sync,
    P::Model: FittedStep<F> + 'static,
    Error: From<P::Error>,
{
    fn fit_step(&self, x: &Array2<F>, y: &[usize]) -> Result<Box<dyn FittedStep<F>>> {
        Ok(Box::new(self.fit(x, y)?))
    }
}

impl<F, M> FittedStep<F> for M
where
    F: Float,
    M: Transform<Array2<F>, Output = Array2<F>> + Send + Sync + std::fmt::Debug,
    Error: From<M::Error>,
{
    fn transform_step(&self, x: &Array2<F>) -> Result<Array2<F>> {
        Ok(self.transform(x)?)
    }
}

/// LDA as a classifier (`LinearDiscriminantAnalysis().predict`, tested in `reduce`); its
/// leave-one-out refits in parallel (no closed form here).
impl<F: Float> Classifier<F> for reduce::LdaParams {
    type Fitted = Lda;
    type FitError = reduce::Error;
}

impl<F: Float> Classifier<F> for reduce::LdaValidParams {
    type Fitted = Lda;
    type FitError = reduce::Error;
}

impl<F: Float> Model<F> for Lda {
    type PredictError = reduce::Error;

    fn classes(&self) -> &[usize] {
        Lda::classes(self)
    }
}

/// An ordered list of transformer steps, waiting for its classifier.
///
/// ```
/// use dsp_core::{Fit, Predict};
/// use learn::{KnnParams, Pipeline, ValidationOptions, leave_one_out};
/// use ndarray::Array2;
/// use reduce::{Components, PcaParams, StandardScalerParams};
///
/// // Two noisy classes in 6 dimensions.
/// let x = Array2::from_shape_fn((20, 6), |(i, j)| {
///     (i / 10) as f64 * 3.0 + ((i * 7 + j * 3) % 5) as f64 * 0.2
/// });
/// let y: Vec<usize> = (0..20).map(|i| i / 10).collect();
/// let model = Pipeline::new()
///     .then(StandardScalerParams::default())
///     .then(PcaParams::new(Components::Count(2)))
///     .classifier(KnnParams::new(1));
/// // Scaler and PCA are refitted inside every fold.
/// let loo = leave_one_out(&model, x.view(), &y, ValidationOptions::default())?;
/// assert_eq!(loo.mean_score(), 1.0);
/// let fitted = model.fit(&x, y.as_slice())?;
/// assert_eq!(fitted.predict(&x)?.to_vec(), y);
/// # Ok::<(), learn::Error>(())
/// ```
pub struct Pipeline<F: Float> {
    steps: Vec<Box<dyn Step<F>>>,
}

impl<F: Float> Default for Pipeline<F> {
    fn default() -> Self {
        Self { steps: Vec::new() }
    }
}

impl<F: Float> std::fmt::Debug for Pipeline<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pipeline({} step(s))", self.steps.len())
    }
}

impl<F: Float> Pipeline<F> {
    /// No steps yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a transformer step: any [`Step`] (`StandardScalerParams`, `PcaParams`,
    /// `LdaParams`, a feature extractor such as `MiniRocketParams` or `FilterBank` whose input
    /// rows are signals, ...).
    #[must_use]
    pub fn then(mut self, step: impl Step<F> + 'static) -> Self {
        self.steps.push(Box::new(step));
        self
    }

    /// Ends the pipeline with its classifier: equal to sklearn's
    /// `make_pipeline(*steps, classifier)` (tested against it for scaler + PCA + 1-NN).
    #[must_use]
    pub fn classifier<C: Classifier<F>>(self, clf: C) -> PipelineParams<F, C> {
        PipelineParams {
            steps: self.steps,
            clf,
        }
    }
}

/// A pipeline's hyper-parameters: steps then a classifier; itself a [`Classifier`], so the
/// validators fit all of it inside each fold.
pub struct PipelineParams<F: Float, C> {
    steps: Vec<Box<dyn Step<F>>>,
    clf: C,
}

impl<F: Float, C: std::fmt::Debug> std::fmt::Debug for PipelineParams<F, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PipelineParams({} step(s), {:?})",
            self.steps.len(),
            self.clf
        )
    }
}

/// A fitted pipeline.
#[derive(Debug)]
pub struct PipelineModel<F: Float, M> {
    steps: Vec<Box<dyn FittedStep<F>>>,
    model: M,
    n_features: usize,
}

impl<F: Float, M> PipelineModel<F, M> {
    /// The fitted classifier at the end.
    pub fn model(&self) -> &M {
        &self.model
    }

    /// Runs every fitted step on `x`.
    ///
    /// # Errors
    /// [`Error::FeatureMismatch`] for a width other than the training data's; the steps' own
    /// errors.
    pub fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict("PipelineModel::transform", x, self.n_features)?;
        let mut cur = x.to_owned();
        for s in &self.steps {
            cur = s.transform_step(&cur)?;
        }
        Ok(cur)
    }
}

impl<F: Float, C: Classifier<F>> Fit<Array2<F>, [usize]> for PipelineParams<F, C> {
    type Model = PipelineModel<F, C::Fitted>;
    type Error = Error;

    fn fit(&self, x: &Array2<F>, y: &[usize]) -> Result<Self::Model> {
        check_xy("PipelineParams::fit", x.view(), y)?;
        Classes::new(y)?;
        let mut cur = x.clone();
        let mut steps = Vec::with_capacity(self.steps.len());
        for s in &self.steps {
            let fitted = s.fit_step(&cur, y)?;
            cur = fitted.transform_step(&cur)?;
            steps.push(fitted);
        }
        let model = self.clf.fit(&cur, y).map_err(Into::into)?;
        Ok(PipelineModel {
            steps,
            model,
            n_features: x.ncols(),
        })
    }
}

impl<F: Float, C: Classifier<F>> Classifier<F> for PipelineParams<F, C> {
    type Fitted = PipelineModel<F, C::Fitted>;
    type FitError = Error;
}

impl<F: Float, M: Model<F>> Predict<Array2<F>> for PipelineModel<F, M> {
    type Output = Array1<usize>;
    type Error = Error;

    fn predict(&self, x: &Array2<F>) -> Result<Array1<usize>> {
        let t = self.transform(x.view())?;
        self.model.predict(&t).map_err(Into::into)
    }
}

impl<F: Float, M: Model<F>> Model<F> for PipelineModel<F, M> {
    type PredictError = Error;

    fn classes(&self) -> &[usize] {
        self.model.classes()
    }
}
