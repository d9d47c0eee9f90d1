//! Pipelines: transformers (scaler, PCA, LDA) and a classifier fitted as one, so that every
//! transformer is fitted inside each fold and never sees the held-out rows.

use dsp_core::Float;
use ndarray::{Array1, Array2, ArrayView2};
use reduce::{Lda, LdaParams, Pca, PcaParams, StandardScaler, StandardScalerParams};

use crate::data::{check_predict, check_xy, to_f64};
use crate::{Classifier, Model, Result};

/// Hyper-parameters of a transformer step: fitted on the training rows (and labels, for LDA).
pub trait Step: Send + Sync {
    /// Fits the step.
    ///
    /// # Errors
    /// The transformer's own errors (wrapped as [`Error::Reduce`](crate::Error::Reduce)).
    fn fit_step(&self, x: ArrayView2<'_, f64>, y: &[usize]) -> Result<Box<dyn FittedStep>>;
}

/// A fitted transformer step.
pub trait FittedStep: Send + Sync + std::fmt::Debug {
    /// Transforms rows.
    ///
    /// # Errors
    /// The transformer's own errors (wrapped as [`Error::Reduce`](crate::Error::Reduce)).
    fn transform_step(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>>;
}

impl Step for StandardScalerParams {
    fn fit_step(&self, x: ArrayView2<'_, f64>, _y: &[usize]) -> Result<Box<dyn FittedStep>> {
        Ok(Box::new(self.fit_array(&x)?))
    }
}

impl FittedStep for StandardScaler {
    fn transform_step(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        Ok(self.transform(&x)?)
    }
}

impl Step for PcaParams {
    fn fit_step(&self, x: ArrayView2<'_, f64>, _y: &[usize]) -> Result<Box<dyn FittedStep>> {
        Ok(Box::new(self.fit_array(&x)?))
    }
}

impl FittedStep for Pca {
    fn transform_step(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        Ok(self.transform(&x)?)
    }
}

impl Step for LdaParams {
    fn fit_step(&self, x: ArrayView2<'_, f64>, y: &[usize]) -> Result<Box<dyn FittedStep>> {
        Ok(Box::new(self.fit_array(&x, &Array1::from(y.to_vec()))?))
    }
}

impl FittedStep for Lda {
    fn transform_step(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        Ok(self.transform(&x)?)
    }
}

/// LDA as a classifier (`LinearDiscriminantAnalysis().predict`, tested in `reduce`); its
/// leave-one-out refits in parallel (no closed form here).
impl<F: Float> Classifier<F> for LdaParams {
    type Model = Lda;

    fn fit(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Result<Lda> {
        check_xy("LdaParams::fit", x, y)?;
        crate::data::Classes::new(y)?;
        Ok(self.fit_array(&to_f64(x), &Array1::from(y.to_vec()))?)
    }
}

impl<F: Float> Model<F> for Lda {
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<usize>> {
        check_predict("Lda::predict", x, self.n_features())?;
        Ok(Lda::predict(self, &to_f64(x))?)
    }

    fn classes(&self) -> &[usize] {
        Lda::classes(self)
    }
}

/// An ordered list of transformer steps, waiting for its classifier.
#[derive(Default)]
pub struct Pipeline {
    steps: Vec<Box<dyn Step>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pipeline({} step(s))", self.steps.len())
    }
}

impl Pipeline {
    /// No steps yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a transformer step (`StandardScalerParams`, `PcaParams`, `LdaParams`, or any
    /// [`Step`]).
    #[must_use]
    pub fn then(mut self, step: impl Step + 'static) -> Self {
        self.steps.push(Box::new(step));
        self
    }

    /// Ends the pipeline with its classifier: equal to sklearn's
    /// `make_pipeline(*steps, classifier)` (tested against it for scaler + PCA + 1-NN).
    #[must_use]
    pub fn classifier<C>(self, clf: C) -> PipelineParams<C> {
        PipelineParams {
            steps: self.steps,
            clf,
        }
    }
}

/// A pipeline's hyper-parameters: steps then a classifier; itself a [`Classifier`], so the
/// validators fit all of it inside each fold.
pub struct PipelineParams<C> {
    steps: Vec<Box<dyn Step>>,
    clf: C,
}

impl<C: std::fmt::Debug> std::fmt::Debug for PipelineParams<C> {
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
pub struct PipelineModel<M> {
    steps: Vec<Box<dyn FittedStep>>,
    model: M,
    n_features: usize,
}

impl<M> PipelineModel<M> {
    /// The fitted classifier at the end.
    pub fn model(&self) -> &M {
        &self.model
    }

    /// Runs every fitted step on `x`.
    ///
    /// # Errors
    /// The steps' own errors.
    pub fn transform<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array2<f64>> {
        check_predict("PipelineModel::transform", x, self.n_features)?;
        let mut cur = to_f64(x);
        for s in &self.steps {
            cur = s.transform_step(cur.view())?;
        }
        Ok(cur)
    }
}

impl<F: Float, C: Classifier<f64>> Classifier<F> for PipelineParams<C> {
    type Model = PipelineModel<C::Model>;

    fn fit(&self, x: ArrayView2<'_, F>, y: &[usize]) -> Result<Self::Model> {
        check_xy("PipelineParams::fit", x, y)?;
        let mut cur = to_f64(x);
        let mut steps = Vec::with_capacity(self.steps.len());
        for s in &self.steps {
            let fitted = s.fit_step(cur.view(), y)?;
            cur = fitted.transform_step(cur.view())?;
            steps.push(fitted);
        }
        let model = self.clf.fit(cur.view(), y)?;
        Ok(PipelineModel {
            steps,
            model,
            n_features: x.ncols(),
        })
    }
}

impl<F: Float, M: Model<f64>> Model<F> for PipelineModel<M> {
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<usize>> {
        let t = self.transform(x)?;
        self.model.predict(t.view())
    }

    fn classes(&self) -> &[usize] {
        self.model.classes()
    }
}
