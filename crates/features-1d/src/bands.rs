//! Power in frequency bands from the rfft power spectrum, with exact fractional-bin
//! integration (the tutorial's `power_at`, with its "non-exact localisation" TODO done).

use dsp_core::model::{Fit, Transform};
use fourier::FftFloat;
use ndarray::{Array1, Array2, ArrayView1};

use crate::batch::{FeatureExtractor, SignalBatch, check_out, check_signal, transform_rows};
use crate::{Error, Result};

/// The one-sided power spectrum of `x`, normalised so that it sums to the mean power
/// `mean(x^2)` (Parseval): `P_0 = |X_0|^2 / n^2`, `P_k = 2 |X_k|^2 / n^2` for `0 < k < n/2`,
/// and `P_{n/2} = |X_{n/2}|^2 / n^2` for even `n`, with `X = numpy.fft.rfft(x)`.
///
/// A sinusoid `A sin(2 pi f t + phi)` whose frequency `f` is bin `k`'s (`0 < k < n/2`) has
/// `P_k = A^2 / 2`, its mean power.
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for an empty signal; [`dsp_core::Error::NonFinite`] for
/// NaN/infinity.
pub fn one_sided_power<T: FftFloat>(x: ArrayView1<'_, T>) -> Result<Array1<T>> {
    check_signal(x)?;
    let n = x.len();
    let mut p = fourier::power_spectrum(x)?;
    let inv = T::one() / (T::of_usize(n) * T::of_usize(n));
    let two = T::of(2.0);
    let last = p.len() - 1;
    for (k, v) in p.iter_mut().enumerate() {
        let double = k > 0 && !(n.is_multiple_of(2) && k == last);
        *v *= if double { two * inv } else { inv };
    }
    Ok(p)
}

/// Power in frequency bands, integrated exactly over fractional bins.
///
/// The spectrum is read as *bin-integrated*: bin `k` of [`one_sided_power`] owns the frequency
/// cell `[(k - 1/2) df, (k + 1/2) df]` clipped to `[0, fs/2]` (`df = fs / n`), and its power is
/// spread uniformly over that cell. The cells tile `[0, fs/2]`, so the power of a band
/// `[low, high]` is `sum_k P_k * |cell_k ∩ [low, high]| / |cell_k|`: a band edge between two
/// bin centres takes the covered fraction of each cell, adjacent bands add up exactly, and the
/// whole range `[0, fs/2]` gives `mean(x^2)`. A sinusoid of amplitude `A` on bin `k` gives
/// `A^2 / 2` in any band covering its cell, and `A^2 / 4` in a band covering half of it
/// (tested).
///
/// Stateless: [`Transform`] maps any [`SignalBatch`] to one row of band powers per signal, and
/// [`Fit`] is the identity (a clone).
///
/// # Example
/// ```
/// use features_1d::{BandPowers, FeatureExtractor};
/// use ndarray::Array1;
/// let fs = 100.0;
/// // 3 sin(2 pi 10 t), 200 samples: 10 Hz is bin 20 (df = 0.5 Hz)
/// let x = Array1::from_shape_fn(200, |i| 3.0 * (2.0 * std::f64::consts::PI * 10.0 * i as f64 / fs).sin());
/// let bp = BandPowers::new(fs, vec![(8.0, 12.0), (9.75, 10.0), (20.0, 50.0)])?;
/// let p = bp.transform_one(x.view())?;
/// assert!((p[0] - 4.5).abs() < 1e-12);   // A^2 / 2
/// assert!((p[1] - 2.25).abs() < 1e-12);  // half the cell of bin 20
/// assert!(p[2].abs() < 1e-12);
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BandPowers {
    sample_rate: f64,
    bands: Vec<(f64, f64)>,
}

impl BandPowers {
    /// Bands `(low, high)` in Hz for signals sampled at `sample_rate` Hz.
    ///
    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] unless `sample_rate` is finite and `> 0`;
    /// [`Error::Empty`] for no bands; [`Error::InvalidBand`] unless
    /// `0 <= low < high <= sample_rate / 2` for every band.
    pub fn new(sample_rate: f64, bands: Vec<(f64, f64)>) -> Result<Self> {
        dsp_core::check::ensure_positive("sample_rate", sample_rate)?;
        if bands.is_empty() {
            return Err(Error::Empty { what: "bands" });
        }
        let nyquist = sample_rate / 2.0;
        for &(low, high) in &bands {
            if !(low >= 0.0 && low < high && high <= nyquist) {
                return Err(Error::InvalidBand { low, high, nyquist });
            }
        }
        Ok(Self { sample_rate, bands })
    }

    /// The bands.
    #[must_use]
    pub fn bands(&self) -> &[(f64, f64)] {
        &self.bands
    }
}

impl<T: FftFloat> FeatureExtractor<T> for BandPowers {
    fn n_features(&self) -> usize {
        self.bands.len()
    }

    fn feature_names(&self) -> Vec<String> {
        self.bands
            .iter()
            .map(|(l, h)| format!("power_{l}-{h}Hz"))
            .collect()
    }

    /// # Errors
    /// As [`one_sided_power`]; [`dsp_core::Error::ShapeMismatch`] for a wrong `out` length.
    fn transform_into(&self, x: ArrayView1<'_, T>, out: &mut [T]) -> Result<()> {
        check_out(out.len(), self.bands.len())?;
        let p = one_sided_power(x)?;
        let n = x.len() as f64;
        let df = self.sample_rate / n;
        let nyq = self.sample_rate / 2.0;
        let last = p.len() - 1;
        for (o, &(low, high)) in out.iter_mut().zip(&self.bands) {
            // bins whose cells can meet [low, high]
            let k0 = ((low / df - 0.5).floor().max(0.0) as usize).min(last);
            let k1 = ((high / df + 0.5).ceil().max(0.0) as usize).min(last);
            let mut acc = T::zero();
            for (k, &pk) in p.iter().enumerate().take(k1 + 1).skip(k0) {
                let c0 = ((k as f64 - 0.5) * df).max(0.0);
                let c1 = ((k as f64 + 0.5) * df).min(nyq);
                let overlap = (c1.min(high) - c0.max(low)).max(0.0);
                if overlap > 0.0 {
                    acc += pk * T::of(overlap / (c1 - c0));
                }
            }
            *o = acc;
        }
        Ok(())
    }
}

/// The band powers of every signal of a batch, one row per signal, in parallel.
impl<B> Transform<B> for BandPowers
where
    B: SignalBatch + ?Sized,
    B::Elem: FftFloat,
{
    type Output = Array2<B::Elem>;
    type Error = Error;

    /// # Errors
    /// [`Error::AtSignal`] with the index of the first failing signal and the reason (as
    /// [`FeatureExtractor::transform_into`]).
    fn transform(&self, batch: &B) -> Result<Array2<B::Elem>> {
        let n = FeatureExtractor::<B::Elem>::n_features(self);
        transform_rows(batch, n, || (), |x, row, ()| self.transform_into(x, row))
    }
}

/// Band powers have nothing to fit: fitting returns a clone (so a pipeline can take them as a
/// step).
impl<B: SignalBatch + ?Sized, Y: ?Sized> Fit<B, Y> for BandPowers {
    type Model = Self;
    type Error = Error;

    fn fit(&self, _x: &B, _y: &Y) -> Result<Self> {
        Ok(self.clone())
    }
}
