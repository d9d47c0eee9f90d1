//! Power to decibels, equal to `librosa.power_to_db`.

use dsp_core::Float;
use ndarray::{Array, ArrayView, Dimension};

use crate::{Error, Result};

/// The reference power of [`power_to_db`]: librosa's `ref`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reference {
    /// A fixed power (librosa's `ref=1.0` default; its absolute value is used).
    Value(f64),
    /// The largest value of the whole input (librosa's `ref=np.max`).
    Max,
}

/// Parameters of [`power_to_db`], with librosa's defaults: `ref=1.0`, `amin=1e-10`,
/// `top_db=80`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DbParams {
    /// Reference power.
    pub reference: Reference,
    /// Floor of the power before the logarithm (`> 0`).
    pub amin: f64,
    /// Dynamic range kept below the largest dB value (`None`: no floor).
    pub top_db: Option<f64>,
}

impl Default for DbParams {
    fn default() -> Self {
        Self {
            reference: Reference::Value(1.0),
            amin: 1e-10,
            top_db: Some(80.0),
        }
    }
}

impl DbParams {
    /// Sets the reference (`ref`).
    #[must_use]
    pub fn reference(mut self, reference: Reference) -> Self {
        self.reference = reference;
        self
    }

    /// Sets the power floor (`amin`).
    #[must_use]
    pub fn amin(mut self, amin: f64) -> Self {
        self.amin = amin;
        self
    }

    /// Sets the dynamic range (`top_db`; `None` for no floor).
    #[must_use]
    pub fn top_db(mut self, top_db: Option<f64>) -> Self {
        self.top_db = top_db;
        self
    }

    /// Checks every parameter.
    ///
    /// # Errors
    /// [`Error::InvalidScaling`] for `amin` not finite and `> 0`, `top_db` not finite and
    /// `>= 0`, or a non-finite reference value (librosa raises for the first two).
    pub fn validate(&self) -> Result<()> {
        if !(self.amin.is_finite() && self.amin > 0.0) {
            return Err(Error::InvalidScaling {
                name: "amin",
                value: self.amin,
                expected: "a finite value > 0",
            });
        }
        if let Some(t) = self.top_db
            && !(t.is_finite() && t >= 0.0)
        {
            return Err(Error::InvalidScaling {
                name: "top_db",
                value: t,
                expected: "a finite value >= 0, or None",
            });
        }
        if let Reference::Value(r) = self.reference
            && !r.is_finite()
        {
            return Err(Error::InvalidScaling {
                name: "ref",
                value: r,
                expected: "a finite value",
            });
        }
        Ok(())
    }

    /// `10 log10(max(amin, |ref|))` for a fixed reference (`None` for [`Reference::Max`]).
    pub(crate) fn fixed_ref_db<T: Float>(&self) -> Option<T> {
        match self.reference {
            Reference::Value(r) => Some(db(T::of(r.abs()), T::of(self.amin))),
            Reference::Max => None,
        }
    }
}

/// `10 log10(max(amin, p))`.
#[inline]
pub(crate) fn db<T: Float>(p: T, amin: T) -> T {
    T::of(10.0) * amin.max(p).log10()
}

/// Power to decibels; equals `librosa.power_to_db(S, ref=..., amin=..., top_db=...)` (tested
/// against it), over an array of any shape:
///
/// `10 log10(max(amin, S)) - 10 log10(max(amin, ref))`, then, with `top_db`, every value below
/// `max - top_db` raised to it, the maximum taken over the whole array. Computed in the
/// array's type, as librosa does for `float32` input (it agrees with librosa to 1e-5 dB for
/// `f32`, 1e-10 dB for `f64`).
///
/// # Errors
/// As [`DbParams::validate`]; [`dsp_core::Error::TooShort`] for an empty array,
/// [`dsp_core::Error::NonFinite`] for NaN or infinite values.
///
/// # Example
/// ```
/// use features_1d::{DbParams, Reference, power_to_db};
/// use ndarray::array;
/// let s = array![[1.0, 10.0], [1e-3, 0.0]];
/// let d = power_to_db(s.view(), &DbParams::default())?;
/// assert_eq!(d, array![[0.0, 10.0], [-30.0, -70.0]]); // 0 -> amin 1e-10 = -100 dB -> 10 - 80
/// let d = power_to_db(s.view(), &DbParams::default().reference(Reference::Max).top_db(None))?;
/// assert_eq!(d[[0, 0]], -10.0);
/// # Ok::<(), features_1d::Error>(())
/// ```
pub fn power_to_db<T: Float, D: Dimension>(
    s: ArrayView<'_, T, D>,
    params: &DbParams,
) -> Result<Array<T, D>> {
    params.validate()?;
    dsp_core::check::ensure_len("power", s.len(), 1)?;
    dsp_core::check::ensure_finite("power", s.iter())?;
    let amin = T::of(params.amin);
    let mut out = s.mapv(|p| db(p, amin));
    let max = out.iter().fold(T::neg_infinity(), |m, v| m.max(*v));
    // log10 is monotonic, so 10 log10(max(amin, max S)) is the largest dB value itself
    let ref_db = params.fixed_ref_db().unwrap_or(max);
    out.mapv_inplace(|v| v - ref_db);
    if let Some(top) = params.top_db {
        let floor = (max - ref_db) - T::of(top);
        out.mapv_inplace(|v| v.max(floor));
    }
    Ok(out)
}
