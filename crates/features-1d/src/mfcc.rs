//! Mel-frequency cepstral coefficients, equal to `librosa.feature.mfcc`.

use fourier::FftFloat;
use ndarray::{Array2, ArrayView1, Axis};
use rayon::prelude::*;

use crate::batch::{SignalBatch, check_signal};
use crate::db::{DbParams, db};
use crate::melspec::{MelParams, MelSpectrogram, batch_map};
use crate::stream::MfccStream;
use crate::{Error, Result};

/// Parameters of [`Mfcc`], with librosa 0.11's defaults: the mel spectrogram of
/// [`MelParams::default`], `power_to_db` with [`DbParams::default`] (`ref=1.0`,
/// `amin=1e-10`, `top_db=80`), `n_mfcc=20`, DCT-II with `norm='ortho'`, `lifter=0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MfccParams {
    /// The mel spectrogram.
    pub mel: MelParams,
    /// The decibel conversion.
    pub db: DbParams,
    /// Number of coefficients kept (at most `n_mels`).
    pub n_mfcc: usize,
    /// Cepstral liftering: coefficient `k` scaled by `1 + (lifter / 2) sin(pi (k + 1) /
    /// lifter)`; 0 for none.
    pub lifter: f64,
}

impl Default for MfccParams {
    fn default() -> Self {
        Self {
            mel: MelParams::default(),
            db: DbParams::default(),
            n_mfcc: 20,
            lifter: 0.0,
        }
    }
}

impl MfccParams {
    /// Sets the mel spectrogram's parameters.
    #[must_use]
    pub fn mel(mut self, mel: MelParams) -> Self {
        self.mel = mel;
        self
    }

    /// Sets the decibel conversion's parameters.
    #[must_use]
    pub fn db(mut self, db: DbParams) -> Self {
        self.db = db;
        self
    }

    /// Sets the number of coefficients (`n_mfcc`).
    #[must_use]
    pub fn n_mfcc(mut self, n_mfcc: usize) -> Self {
        self.n_mfcc = n_mfcc;
        self
    }

    /// Sets the lifter (`lifter`).
    #[must_use]
    pub fn lifter(mut self, lifter: f64) -> Self {
        self.lifter = lifter;
        self
    }

    /// Checks every parameter.
    ///
    /// # Errors
    /// As [`MelParams::validate`] and [`DbParams::validate`]; [`Error::InvalidMfccCount`]
    /// unless `1 <= n_mfcc <= n_mels`; [`Error::InvalidScaling`] for a negative or non-finite
    /// lifter.
    pub fn validate(&self) -> Result<()> {
        self.mel.validate()?;
        self.db.validate()?;
        let n_mels = self.mel.bank.n_mels;
        if self.n_mfcc == 0 || self.n_mfcc > n_mels {
            return Err(Error::InvalidMfccCount {
                n_mfcc: self.n_mfcc,
                n_mels,
            });
        }
        if !(self.lifter.is_finite() && self.lifter >= 0.0) {
            return Err(Error::InvalidScaling {
                name: "lifter",
                value: self.lifter,
                expected: "a finite value >= 0",
            });
        }
        Ok(())
    }
}

/// An MFCC plan; [`Mfcc::process`] equals `librosa.feature.mfcc(y=y, sr=..., n_mfcc=...,
/// lifter=..., mel_norm=..., **melspectrogram_kwargs)` with `dct_type=2`, `norm='ortho'`
/// (tested against it):
///
/// `dct(power_to_db(melspectrogram(y)), type=2, norm='ortho', axis=-2)[:n_mfcc]`, liftered.
///
/// Holds the [`MelSpectrogram`] plan (window, FFT plan, mel bank) and the `n_mfcc x n_mels`
/// orthonormal DCT-II matrix. `power_to_db`'s `ref=np.max` and `top_db` take the maximum over
/// the whole signal, so the frames go in two parallel passes: mel energies in dB with their
/// maximum, then floor, DCT and lifter.
///
/// **Precision.** Against librosa (tested): within `1e-3 + 1e-5 |c|` for `f32` signals (dB
/// values of tens computed in `f32`, then a 128-term DCT in `f32` on both sides; coefficients
/// `c` of hundreds, such as `c0` or liftered ones, carry `f32` steps of 1.5e-5 and more),
/// 1e-8 absolute for `f64`.
///
/// **Layout:** `(n_mfcc, n_frames)`, librosa's.
///
/// # Example
/// ```
/// use features_1d::{Mfcc, MfccParams};
/// use ndarray::Array1;
/// let y = Array1::from_shape_fn(5000, |i| (0.05 * i as f64).sin() + 0.3 * (0.31 * i as f64).sin());
/// let mfcc = Mfcc::<f64>::new(MfccParams::default())?;
/// let m = mfcc.process(y.view())?;
/// assert_eq!(m.dim(), (20, 10));
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Mfcc<T: FftFloat> {
    params: MfccParams,
    mel: MelSpectrogram<T>,
    /// `n_mfcc x n_mels`, lifter folded in.
    dct: Array2<T>,
}

impl<T: FftFloat> Mfcc<T> {
    /// Plans the MFCC of `params`.
    ///
    /// # Errors
    /// As [`MfccParams::validate`].
    pub fn new(params: MfccParams) -> Result<Self> {
        params.validate()?;
        let mel = MelSpectrogram::new(params.mel)?;
        let (n_mfcc, n_mels) = (params.n_mfcc, mel.n_mels());
        let n = n_mels as f64;
        let mut dct = Vec::with_capacity(n_mfcc * n_mels);
        for k in 0..n_mfcc {
            // scipy's orthonormal DCT-II: 2 cos(pi k (2i + 1) / 2N) * sqrt(1 / 4N) for k = 0,
            // sqrt(1 / 2N) otherwise
            let scale = if k == 0 {
                (1.0 / (4.0 * n)).sqrt()
            } else {
                (1.0 / (2.0 * n)).sqrt()
            };
            let lift = if params.lifter > 0.0 {
                1.0 + params.lifter / 2.0
                    * (std::f64::consts::PI * (k + 1) as f64 / params.lifter).sin()
            } else {
                1.0
            };
            for i in 0..n_mels {
                let c = (std::f64::consts::PI * k as f64 * (2 * i + 1) as f64 / (2.0 * n)).cos();
                dct.push(T::of(2.0 * c * scale * lift));
            }
        }
        let dct = Array2::from_shape_vec((n_mfcc, n_mels), dct).expect("n_mfcc x n_mels values");
        Ok(Self { params, mel, dct })
    }

    /// The parameters.
    #[must_use]
    pub fn params(&self) -> &MfccParams {
        &self.params
    }

    /// The mel spectrogram plan inside.
    #[must_use]
    pub fn mel(&self) -> &MelSpectrogram<T> {
        &self.mel
    }

    /// Number of coefficients.
    #[must_use]
    pub fn n_mfcc(&self) -> usize {
        self.params.n_mfcc
    }

    /// Number of frames of a signal of `len >= 1` samples.
    #[must_use]
    pub fn n_frames(&self, len: usize) -> usize {
        self.mel.n_frames(len)
    }

    /// The MFCCs of `y`, `(n_mfcc, n_frames)`.
    ///
    /// # Errors
    /// [`dsp_core::Error::TooShort`] for an empty signal, [`dsp_core::Error::NonFinite`] for
    /// NaN or infinite samples.
    pub fn process(&self, y: ArrayView1<'_, T>) -> Result<Array2<T>> {
        check_signal(y)?;
        let y = y.as_standard_layout();
        let x = y.as_slice().expect("standard layout");
        let amin = T::of(self.params.db.amin);
        // pass 1: dB mel energies of every frame
        let mut log_mel = self
            .mel
            .frames_rows(x, self.mel.n_mels(), |x, start, s, row| {
                self.mel.mel_frame(x, start, s, row);
                row.iter_mut().for_each(|v| *v = db(*v, amin));
            });
        let max = log_mel
            .as_slice()
            .expect("a new array")
            .par_iter()
            .copied()
            .reduce(|| T::neg_infinity(), T::max);
        // log10 is monotonic: the largest dB value is 10 log10(max(amin, max S)), ref=np.max
        let ref_db = self.params.db.fixed_ref_db().unwrap_or(max);
        let floor = self
            .params
            .db
            .top_db
            .map_or(T::neg_infinity(), |t| (max - ref_db) - T::of(t));
        // pass 2: reference and floor, then the DCT of every frame as one matrix product
        // (GEMM), straight into librosa's (n_mfcc, n_frames) layout
        log_mel
            .axis_iter_mut(Axis(0))
            .into_par_iter()
            .for_each(|mut l| l.mapv_inplace(|v| (v - ref_db).max(floor)));
        Ok(self.dct.dot(&log_mel.t()))
    }

    /// The MFCCs of every signal of a batch (signals may differ in length), in parallel.
    ///
    /// # Errors
    /// [`Error::AtSignal`] with the index of the first failing signal and the reason (as
    /// [`Mfcc::process`]).
    pub fn process_batch<B>(&self, batch: &B) -> Result<Vec<Array2<T>>>
    where
        B: SignalBatch<Elem = T> + ?Sized,
    {
        batch_map(batch, |x| self.process(x))
    }

    /// A stream that takes the signal in blocks of any size and yields the MFCC frames
    /// [`Mfcc::process`] gives the whole signal, in bounded memory.
    ///
    /// # Errors
    /// [`Error::NotStreamable`] unless the decibel reference is a fixed value and `top_db` is
    /// `None`: librosa's `ref=np.max` and `top_db` floor depend on the largest value of the
    /// whole signal, unknown until its end (librosa's default `top_db=80` must be switched
    /// off with `DbParams::top_db(None)`; frames above the floor are unchanged by it).
    pub fn stream(&self) -> Result<MfccStream<T>> {
        if self.params.db.top_db.is_some() {
            return Err(Error::NotStreamable {
                reason: "top_db floors at the maximum over the whole signal; set top_db(None)",
            });
        }
        if self.params.db.fixed_ref_db::<T>().is_none() {
            return Err(Error::NotStreamable {
                reason: "ref=max is the maximum over the whole signal; use a fixed reference",
            });
        }
        Ok(MfccStream::new(self.clone()))
    }

    /// MFCC frames of the mel frames `mel` (`(n_mels, k)`), with a fixed reference and no
    /// floor (the streaming case): the same arithmetic as [`Mfcc::process`] frame by frame.
    pub(crate) fn mfcc_of_mel_frames(&self, mut mel: Array2<T>) -> Array2<T> {
        let amin = T::of(self.params.db.amin);
        let ref_db = self.params.db.fixed_ref_db().unwrap_or_else(T::zero);
        mel.mapv_inplace(|v| db(v, amin) - ref_db);
        self.dct.dot(&mel)
    }
}
