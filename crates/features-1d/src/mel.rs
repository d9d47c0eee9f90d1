//! The mel scale (Slaney and HTK) and mel filter banks, equal to librosa 0.11's
//! `hz_to_mel`, `mel_to_hz`, `mel_frequencies`, `fft_frequencies` and `filters.mel`.

use dsp_core::Float;
use ndarray::{Array1, Array2};

use crate::{Error, Result};

/// Which mel scale: librosa's `htk=False` (Slaney's Auditory Toolbox, the default) or
/// `htk=True`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MelScale {
    /// Linear below 1 kHz (`mel = 3 f / 200`), logarithmic above (27 mels per factor 6.4):
    /// librosa's default, `htk=False`.
    #[default]
    Slaney,
    /// `mel = 2595 log10(1 + f / 700)`: librosa's `htk=True`.
    Htk,
}

/// How each mel filter is scaled: librosa's `norm='slaney'` (the default) or `norm=None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MelNorm {
    /// Each triangle divided by half its width in Hz, `2 / (f[i+2] - f[i])`: about constant
    /// energy per channel (`norm='slaney'`).
    #[default]
    Slaney,
    /// Triangles of peak 1 (`norm=None`).
    None,
}

/// The precision the mel basis is built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BasisPrecision {
    /// librosa's default `dtype=np.float32`: weights computed in `f64`, rounded to `f32`,
    /// multiplied by the Slaney norm in `f64` and rounded to `f32` again (numpy's in-place
    /// `weights *= enorm` on a float32 array), whatever the signal's type. An `f64` signal
    /// then meets `f32`-rounded weights (relative error up to 2^-24 per weight, about 6e-8,
    /// against the exact triangles), as in librosa.
    #[default]
    F32,
    /// librosa's `dtype=np.float64`: no rounding.
    F64,
}

const F_SP: f64 = 200.0 / 3.0;
const MIN_LOG_HZ: f64 = 1000.0;
const MIN_LOG_MEL: f64 = MIN_LOG_HZ / F_SP;

fn logstep() -> f64 {
    6.4f64.ln() / 27.0
}

/// Hz to mels; equals `librosa.hz_to_mel(frequencies, htk=...)` (tested against it).
///
/// Slaney: `f / (200/3)` below 1000 Hz, `15 + ln(f / 1000) / (ln 6.4 / 27)` from 1000 Hz on;
/// HTK: `2595 log10(1 + f / 700)`.
///
/// # Example
/// ```
/// use features_1d::{MelScale, hz_to_mel};
/// assert!((hz_to_mel(1000.0, MelScale::Slaney) - 15.0).abs() < 1e-12);
/// assert!((hz_to_mel(700.0, MelScale::Htk) - 2595.0 * 2f64.log10()).abs() < 1e-12);
/// ```
#[must_use]
pub fn hz_to_mel(hz: f64, scale: MelScale) -> f64 {
    match scale {
        MelScale::Htk => 2595.0 * (1.0 + hz / 700.0).log10(),
        MelScale::Slaney => {
            if hz >= MIN_LOG_HZ {
                MIN_LOG_MEL + (hz / MIN_LOG_HZ).ln() / logstep()
            } else {
                hz / F_SP
            }
        }
    }
}

/// Mels to Hz, the inverse of [`hz_to_mel`]; equals `librosa.mel_to_hz(mels, htk=...)`
/// (tested against it).
#[must_use]
pub fn mel_to_hz(mel: f64, scale: MelScale) -> f64 {
    match scale {
        MelScale::Htk => 700.0 * (10f64.powf(mel / 2595.0) - 1.0),
        MelScale::Slaney => {
            if mel >= MIN_LOG_MEL {
                MIN_LOG_HZ * (logstep() * (mel - MIN_LOG_MEL)).exp()
            } else {
                F_SP * mel
            }
        }
    }
}

/// `n` frequencies evenly spaced in mels from `fmin` to `fmax` Hz (both included); equals
/// `librosa.mel_frequencies(n, fmin=fmin, fmax=fmax, htk=...)` (tested against it), with
/// `numpy.linspace`'s arithmetic (`start + i * step`, the last point exactly `stop`).
#[must_use]
pub fn mel_frequencies(n: usize, fmin: f64, fmax: f64, scale: MelScale) -> Array1<f64> {
    let (lo, hi) = (hz_to_mel(fmin, scale), hz_to_mel(fmax, scale));
    let step = if n > 1 {
        (hi - lo) / (n - 1) as f64
    } else {
        0.0
    };
    Array1::from_shape_fn(n, |i| {
        let m = if n > 1 && i == n - 1 {
            hi
        } else {
            i as f64 * step + lo
        };
        mel_to_hz(m, scale)
    })
}

/// The centre frequencies of the `n_fft / 2 + 1` rfft bins; equals
/// `librosa.fft_frequencies(sr=sample_rate, n_fft=n_fft)` (`numpy.fft.rfftfreq(n_fft, 1 / sr)`,
/// tested against it).
#[must_use]
pub fn fft_frequencies(sample_rate: f64, n_fft: usize) -> Array1<f64> {
    let val = 1.0 / (n_fft as f64 * (1.0 / sample_rate));
    Array1::from_shape_fn(n_fft / 2 + 1, |i| i as f64 * val)
}

/// The parameters of a mel filter bank, with librosa's defaults: `sr=22050`, `n_fft=2048`,
/// `n_mels=128`, `fmin=0`, `fmax=sr/2`, Slaney scale and norm, `f32` basis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MelBankParams {
    /// Sample rate in Hz.
    pub sample_rate: f64,
    /// FFT length (the bank has `n_fft / 2 + 1` columns).
    pub n_fft: usize,
    /// Number of mel filters.
    pub n_mels: usize,
    /// Lowest frequency in Hz.
    pub fmin: f64,
    /// Highest frequency in Hz (`None`: `sample_rate / 2`).
    pub fmax: Option<f64>,
    /// Mel scale.
    pub scale: MelScale,
    /// Filter normalisation.
    pub norm: MelNorm,
    /// Precision of the weights.
    pub precision: BasisPrecision,
}

impl Default for MelBankParams {
    fn default() -> Self {
        Self {
            sample_rate: 22050.0,
            n_fft: 2048,
            n_mels: 128,
            fmin: 0.0,
            fmax: None,
            scale: MelScale::Slaney,
            norm: MelNorm::Slaney,
            precision: BasisPrecision::F32,
        }
    }
}

impl MelBankParams {
    /// The upper band edge, `fmax` or `sample_rate / 2`.
    #[must_use]
    pub fn fmax_hz(&self) -> f64 {
        self.fmax.unwrap_or(self.sample_rate / 2.0)
    }

    /// Checks every parameter.
    ///
    /// # Errors
    /// [`Error::InvalidSampleRate`], [`Error::InvalidNfft`] (`n_fft < 2`),
    /// [`Error::InvalidMelCount`] (`n_mels == 0`), [`Error::InvalidMelRange`] unless
    /// `0 <= fmin < fmax <= sample_rate / 2` (librosa lets `fmax` pass Nyquist and builds
    /// filters over bins that do not exist; here that is an error).
    pub fn validate(&self) -> Result<()> {
        let sr = self.sample_rate;
        if !(sr.is_finite() && sr > 0.0) {
            return Err(Error::InvalidSampleRate { sample_rate: sr });
        }
        if self.n_fft < 2 {
            return Err(Error::InvalidNfft { n_fft: self.n_fft });
        }
        if self.n_mels == 0 {
            return Err(Error::InvalidMelCount {
                n_mels: self.n_mels,
            });
        }
        let (fmin, fmax, nyquist) = (self.fmin, self.fmax_hz(), sr / 2.0);
        if !(fmin >= 0.0 && fmin < fmax && fmax <= nyquist) {
            return Err(Error::InvalidMelRange {
                fmin,
                fmax,
                nyquist,
            });
        }
        Ok(())
    }
}

/// A mel filter bank stored by rows: filter `m` is zero outside the bins `range(m)`, and its
/// weights there are `weights(m)`. Applying it costs one multiply-add per nonzero weight
/// (about `2 (n_fft / 2 + 1)` in all) instead of `n_mels (n_fft / 2 + 1)` for the dense
/// matrix.
///
/// [`MelFilterBank::to_dense`] equals `librosa.filters.mel` (see [`mel_filter_bank`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MelFilterBank<T> {
    n_bins: usize,
    ranges: Vec<(usize, usize)>,
    offsets: Vec<usize>,
    values: Vec<T>,
}

impl<T: Float> MelFilterBank<T> {
    /// The bank of `params`, equal to librosa's (see [`mel_filter_bank`]).
    ///
    /// # Errors
    /// As [`MelBankParams::validate`].
    pub fn new(params: &MelBankParams) -> Result<Self> {
        params.validate()?;
        let n_mels = params.n_mels;
        let n_bins = params.n_fft / 2 + 1;
        let fft_f = fft_frequencies(params.sample_rate, params.n_fft);
        let mel_f = mel_frequencies(n_mels + 2, params.fmin, params.fmax_hz(), params.scale);
        let round = |v: f64| match params.precision {
            BasisPrecision::F32 => f64::from(v as f32),
            BasisPrecision::F64 => v,
        };
        let mut ranges = Vec::with_capacity(n_mels);
        let mut offsets = Vec::with_capacity(n_mels + 1);
        let mut values = Vec::new();
        for i in 0..n_mels {
            let (fd0, fd1) = (mel_f[i + 1] - mel_f[i], mel_f[i + 2] - mel_f[i + 1]);
            let enorm = match params.norm {
                MelNorm::Slaney => Some(2.0 / (mel_f[i + 2] - mel_f[i])),
                MelNorm::None => None,
            };
            // librosa: max(0, min(-(mel_f[i] - f) / fdiff[i], (mel_f[i+2] - f) / fdiff[i+1])),
            // then `weights *= enorm` in place on the (f32) weights.
            let weight = |f: f64| {
                let lower = -(mel_f[i] - f) / fd0;
                let upper = (mel_f[i + 2] - f) / fd1;
                let w = round(0f64.max(lower.min(upper)));
                match enorm {
                    Some(e) => round(w * e),
                    None => w,
                }
            };
            offsets.push(values.len());
            let mut range = (0, 0);
            let mut k = 0;
            // the positive weights form one run of bins (a triangle over increasing bins)
            while k < n_bins && weight(fft_f[k]) <= 0.0 {
                k += 1;
            }
            let start = k;
            while k < n_bins {
                let w = weight(fft_f[k]);
                if w <= 0.0 {
                    break;
                }
                values.push(T::of(w));
                k += 1;
            }
            if k > start {
                range = (start, k);
            }
            ranges.push(range);
        }
        offsets.push(values.len());
        Ok(Self {
            n_bins,
            ranges,
            offsets,
            values,
        })
    }

    /// Number of filters (`n_mels`).
    #[must_use]
    pub fn n_mels(&self) -> usize {
        self.ranges.len()
    }

    /// Number of frequency bins (`n_fft / 2 + 1`).
    #[must_use]
    pub fn n_bins(&self) -> usize {
        self.n_bins
    }

    /// The bins `[start, stop)` where filter `m` is nonzero (`(0, 0)` for an empty filter:
    /// too many mels for the FFT resolution, which librosa warns about); `None` when
    /// `m >= n_mels()`.
    #[must_use]
    pub fn range(&self, m: usize) -> Option<(usize, usize)> {
        self.ranges.get(m).copied()
    }

    /// The weights of filter `m` over [`MelFilterBank::range`]`(m)`; `None` when
    /// `m >= n_mels()`.
    #[must_use]
    pub fn weights(&self, m: usize) -> Option<&[T]> {
        (m < self.ranges.len()).then(|| self.filter(m))
    }

    /// The weights of filter `m < n_mels()`.
    fn filter(&self, m: usize) -> &[T] {
        &self.values[self.offsets[m]..self.offsets[m + 1]]
    }

    /// The dense `(n_mels, n_fft / 2 + 1)` matrix, librosa's layout.
    #[must_use]
    pub fn to_dense(&self) -> Array2<T> {
        let mut out = Array2::zeros((self.n_mels(), self.n_bins));
        for (m, mut row) in out.rows_mut().into_iter().enumerate() {
            let (a, _) = self.ranges[m];
            row.iter_mut()
                .skip(a)
                .zip(self.filter(m))
                .for_each(|(d, w)| *d = *w);
        }
        out
    }

    /// `out[m] = sum_k bank[m, k] * power[k]`, the mel energies of one power spectrum.
    pub(crate) fn apply(&self, power: &[T], out: &mut [T]) {
        for (m, o) in out.iter_mut().enumerate() {
            let (a, b) = self.ranges[m];
            *o = dot(self.filter(m), &power[a..b]);
        }
    }
}

/// A dot product in four independent accumulators (vectorisable without reassociation flags).
fn dot<T: Float>(a: &[T], b: &[T]) -> T {
    let mut acc = [T::zero(); 4];
    let (ac, ar) = a.split_at(a.len() / 4 * 4);
    let (bc, br) = b.split_at(ac.len());
    for (x, y) in ac.chunks_exact(4).zip(bc.chunks_exact(4)) {
        for j in 0..4 {
            acc[j] += x[j] * y[j];
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (x, y) in ar.iter().zip(br) {
        s += *x * *y;
    }
    s
}

/// The mel filter bank as a dense `(n_mels, n_fft / 2 + 1)` matrix; equals
/// `librosa.filters.mel(sr=..., n_fft=..., n_mels=..., fmin=..., fmax=..., htk=..., norm=...,
/// dtype=...)` (tested against it: the `f32` basis to one `f32` rounding, 2^-24 relative, and
/// the `f64` basis to 1e-12 relative, the room left for libm's `ln`/`exp`/`log10` versus
/// numpy's in the mel frequencies).
///
/// # Errors
/// As [`MelBankParams::validate`].
///
/// # Example
/// ```
/// use features_1d::{MelBankParams, mel_filter_bank};
/// let bank = mel_filter_bank::<f32>(&MelBankParams::default())?;
/// assert_eq!(bank.dim(), (128, 1025));
/// # Ok::<(), features_1d::Error>(())
/// ```
pub fn mel_filter_bank<T: Float>(params: &MelBankParams) -> Result<Array2<T>> {
    Ok(MelFilterBank::new(params)?.to_dense())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_invert_each_other() {
        for scale in [MelScale::Slaney, MelScale::Htk] {
            for hz in [0.0, 10.0, 999.0, 1000.0, 1234.5, 8000.0, 20000.0] {
                let back = mel_to_hz(hz_to_mel(hz, scale), scale);
                assert!(
                    (back - hz).abs() <= 1e-9 * hz.max(1.0),
                    "{scale:?} {hz}: {back}"
                );
            }
        }
    }

    #[test]
    fn triangles_peak_at_their_centre_frequency() {
        let p = MelBankParams {
            norm: MelNorm::None,
            precision: BasisPrecision::F64,
            ..MelBankParams::default()
        };
        let bank = MelFilterBank::<f64>::new(&p).unwrap();
        for m in 0..bank.n_mels() {
            let w = bank.filter(m);
            assert!(!w.is_empty(), "filter {m} is empty");
            assert!(w.iter().all(|v| *v > 0.0 && *v <= 1.0));
        }
    }

    #[test]
    fn dot_matches_the_plain_sum() {
        let a: Vec<f64> = (0..11).map(|i| i as f64 * 0.5).collect();
        let b: Vec<f64> = (0..11).map(|i| 3.0 - i as f64).collect();
        let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert_eq!(dot(&a, &b), plain);
    }
}
