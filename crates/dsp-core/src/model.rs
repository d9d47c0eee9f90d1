//! The one model vocabulary of sigfeat, shared by every crate above this one.
//!
//! Every learnable thing — a scaler, PCA, LDA, a classifier, MiniRocket, later a visual
//! vocabulary or a CNN — has the same shape, the one linfa uses:
//!
//! ```text
//! XParams  --check()-->  XValidParams  --fit(x, y)-->  XModel  --transform(x) / predict(x)-->
//! ```
//!
//! - `XParams` holds hyper-parameters with `Default` and builder methods. It implements
//!   [`ParamGuard`]; [`ParamGuard::check`] validates it into `XValidParams`, which is the only
//!   type that implements [`Fit`] itself. (`XParams` gets [`Fit`] through a blanket impl that
//!   checks first, so `params.fit(&x, &y)` works on either.)
//! - [`Fit::fit`] returns the fitted `XModel`, a separate type: an unfitted thing has no
//!   `transform` or `predict`.
//! - Fitted models implement [`Transform`] (features, reductions) and/or [`Predict`]
//!   (classifiers), with a `Result` output: bad input is a typed error, never a panic.
//!
//! The input type `X` is a type parameter, so one trait serves matrices of any float type
//! (`ArrayBase<S, Ix2>` with `S: Data<Elem = F>`, `F` being `f32` or `f64`), batches of signals
//! of different lengths, or images. Labels `Y` are `[usize]` for supervised models;
//! unsupervised models accept any `Y` and ignore it, so that a pipeline can hand every step the
//! same labels (call them with `&()` directly).
//!
//! # Example
//! A toy model written in this vocabulary: the mean of each column, subtracted on transform.
//! ```
//! use dsp_core::model::{Fit, ParamGuard, Transform};
//! use ndarray::{Array1, Array2, array};
//!
//! #[derive(Debug, Default)]
//! struct CenterParams(CenterValidParams);
//! #[derive(Debug)]
//! struct CenterValidParams { scale: f64 }
//! impl Default for CenterValidParams { fn default() -> Self { Self { scale: 1.0 } } }
//! #[derive(Debug)]
//! struct Center { mean: Array1<f64> }
//!
//! impl ParamGuard for CenterParams {
//!     type Checked = CenterValidParams;
//!     type Error = dsp_core::Error;
//!     fn check_ref(&self) -> Result<&CenterValidParams, dsp_core::Error> {
//!         dsp_core::check::ensure_positive("scale", self.0.scale)?;
//!         Ok(&self.0)
//!     }
//!     fn check(self) -> Result<CenterValidParams, dsp_core::Error> {
//!         self.check_ref()?;
//!         Ok(self.0)
//!     }
//! }
//!
//! impl<Y: ?Sized> Fit<Array2<f64>, Y> for CenterValidParams {
//!     type Model = Center;
//!     type Error = dsp_core::Error;
//!     fn fit(&self, x: &Array2<f64>, _y: &Y) -> Result<Center, dsp_core::Error> {
//!         dsp_core::check::ensure_len("rows", x.nrows(), 1)?;
//!         let mean = x.mean_axis(ndarray::Axis(0)).expect("at least one row") * self.scale;
//!         Ok(Center { mean })
//!     }
//! }
//!
//! impl Transform<Array2<f64>> for Center {
//!     type Output = Array2<f64>;
//!     type Error = dsp_core::Error;
//!     fn transform(&self, x: &Array2<f64>) -> Result<Array2<f64>, dsp_core::Error> {
//!         Ok(x - &self.mean)
//!     }
//! }
//!
//! let x = array![[1.0, 2.0], [3.0, 6.0]];
//! let model = CenterParams::default().fit(&x, &())?; // checked, then fitted
//! assert_eq!(model.transform(&x)?, array![[-1.0, -2.0], [1.0, 2.0]]);
//! # Ok::<(), dsp_core::Error>(())
//! ```

use std::borrow::Cow;

use ndarray::{ArrayBase, Data, Ix1};

/// Unchecked hyper-parameters that validate into a checked type (linfa's `ParamGuard`).
///
/// Implementors store their checked form inside (the newtype `XParams(XValidParams)`), so
/// [`check_ref`](Self::check_ref) can lend it without copying.
pub trait ParamGuard {
    /// The checked parameters: the type that implements [`Fit`].
    type Checked;
    /// The error for invalid parameters.
    type Error;

    /// Validates the parameters and lends the checked form.
    ///
    /// # Errors
    /// The implementor's error naming the offending value.
    fn check_ref(&self) -> Result<&Self::Checked, Self::Error>;

    /// Validates the parameters and returns the checked form.
    ///
    /// # Errors
    /// As [`check_ref`](Self::check_ref).
    fn check(self) -> Result<Self::Checked, Self::Error>;
}

/// Fitting: checked hyper-parameters and data in, a fitted model out.
///
/// `X` is the input (a matrix, a batch of signals, images), `Y` the labels (`[usize]` for
/// classifiers; unsupervised models accept any `Y` and ignore it).
pub trait Fit<X: ?Sized, Y: ?Sized> {
    /// The fitted model.
    type Model;
    /// The error for bad data (and, through the blanket impl, bad parameters).
    type Error;

    /// Fits the model.
    ///
    /// # Errors
    /// The implementor's error: empty, non-finite or mismatched data, and model-specific
    /// failures.
    fn fit(&self, x: &X, y: &Y) -> Result<Self::Model, Self::Error>;
}

/// Unchecked parameters fit by checking first: `params.fit(&x, &y)` is
/// `params.check_ref()?.fit(&x, &y)`.
impl<P, X, Y> Fit<X, Y> for P
where
    P: ParamGuard,
    X: ?Sized,
    Y: ?Sized,
    P::Checked: Fit<X, Y>,
    <P::Checked as Fit<X, Y>>::Error: From<P::Error>,
{
    type Model = <P::Checked as Fit<X, Y>>::Model;
    type Error = <P::Checked as Fit<X, Y>>::Error;

    fn fit(&self, x: &X, y: &Y) -> Result<Self::Model, Self::Error> {
        self.check_ref()?.fit(x, y)
    }
}

/// A fitted model (or a stateless operator such as a filter bank) that maps inputs to
/// features: `sklearn`'s `transform`.
pub trait Transform<X: ?Sized> {
    /// The transformed data.
    type Output;
    /// The error for bad input.
    type Error;

    /// Transforms `x`.
    ///
    /// # Errors
    /// The implementor's error: wrong width, non-finite values, too-short signals.
    fn transform(&self, x: &X) -> Result<Self::Output, Self::Error>;
}

/// A fitted model that predicts targets: `sklearn`'s `predict`.
pub trait Predict<X: ?Sized> {
    /// The predictions (class labels for classifiers).
    type Output;
    /// The error for bad input.
    type Error;

    /// Predicts a target for each sample of `x`.
    ///
    /// # Errors
    /// The implementor's error: wrong width, non-finite values.
    fn predict(&self, x: &X) -> Result<Self::Output, Self::Error>;
}

/// Class labels a supervised model is fitted on: `[usize]`, `Vec<usize>`, `[usize; N]` or a 1-D
/// `ndarray` of `usize`, so `fit(&x, &y)` takes whichever the caller holds.
pub trait Labels {
    /// The labels as a slice (borrowed where they are contiguous, copied otherwise).
    fn labels(&self) -> Cow<'_, [usize]>;
}

impl Labels for [usize] {
    fn labels(&self) -> Cow<'_, [usize]> {
        Cow::Borrowed(self)
    }
}

impl Labels for Vec<usize> {
    fn labels(&self) -> Cow<'_, [usize]> {
        Cow::Borrowed(self)
    }
}

impl<T: Labels + ?Sized> Labels for &T {
    fn labels(&self) -> Cow<'_, [usize]> {
        (**self).labels()
    }
}

impl<const N: usize> Labels for [usize; N] {
    fn labels(&self) -> Cow<'_, [usize]> {
        Cow::Borrowed(self)
    }
}

impl<S: Data<Elem = usize>> Labels for ArrayBase<S, Ix1> {
    fn labels(&self) -> Cow<'_, [usize]> {
        match self.as_slice() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(self.to_vec()),
        }
    }
}

/// An observer of long work (folds, files, epochs): libraries report through it, binaries
/// render it (xtask draws `indicatif` bars). Every method has an empty default, and calls come
/// from worker threads, so implementors are `Send + Sync`.
pub trait Progress: Send + Sync {
    /// A task of `total` units named `what` begins.
    fn start(&self, what: &str, total: u64) {
        let _ = (what, total);
    }
    /// `n` more units are done.
    fn advance(&self, n: u64) {
        let _ = n;
    }
    /// The task ended (also on error).
    fn finish(&self) {}
}

/// The observer that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}
