//! librosa's centred STFT framing, power spectrogram and mel spectrogram as one plan: window,
//! cached FFT plan and mel filter bank built once, frames computed in parallel with reusable
//! scratch.

use std::sync::Arc;

use dsp_core::Float;
use fourier::{Complex, FftFloat};
use ndarray::{Array2, ArrayView1, Axis};
use rayon::prelude::*;
use realfft::RealToComplex;

use crate::batch::{SignalBatch, at_signal, check_signal};
use crate::mel::{BasisPrecision, MelBankParams, MelFilterBank, MelNorm, MelScale};
use crate::stream::MelStream;
use crate::{Error, Result};

/// The arithmetic of each frame's window and FFT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FftPrecision {
    /// librosa's: every frame windowed (by an `f64` window) and transformed in `f64`, the
    /// power rounded to the signal's type, for `f32` signals too (librosa multiplies them by
    /// its `float64` window, so its FFT runs in `float64`). `f32` results then carry only
    /// `f32` rounding against librosa's, at any depth below the peak.
    #[default]
    F64,
    /// In the signal's type: the same as [`FftPrecision::F64`] for `f64` signals; for `f32`
    /// ones an `f32` FFT (about 0.7x the time in a rough timing of 30 s of audio), whose
    /// rounding (about 1e-7 of the frame's peak amplitude in every bin) makes a band `d` dB
    /// below the peak differ from librosa's by up to about `2e-7 * 10^(d / 20)` relative:
    /// 2e-5 at 40 dB, 2e-3 at 80 dB (tested).
    Signal,
}

/// Parameters of a mel spectrogram, with librosa 0.11's defaults: `sr=22050`, `n_fft=2048`,
/// `hop_length=512`, `win_length=n_fft`, periodic Hann window, `center=True` with
/// `pad_mode='constant'` (zeros), `power=2`, and the mel bank of [`MelBankParams`] (128 Slaney
/// mels with Slaney norm from 0 Hz to `sr/2`, `f32` weights).
///
/// The builder methods change one setting each; [`MelParams::validate`] (called by
/// [`MelSpectrogram::new`]) checks them.
///
/// ```
/// use features_1d::{MelParams, MelScale, MelNorm};
/// // librosa.feature.melspectrogram(y=y, sr=16000, n_fft=512, hop_length=160, n_mels=40, htk=True, norm=None)
/// let p = MelParams::default().sample_rate(16000.0).n_fft(512).hop_length(160).n_mels(40)
///     .scale(MelScale::Htk).norm(MelNorm::None);
/// assert!(p.validate().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MelParams {
    /// Frame hop in samples.
    pub hop_length: usize,
    /// Window length (`None`: `n_fft`); a shorter Hann window is zero-padded on both sides to
    /// `n_fft`, as librosa's `pad_center`.
    pub win_length: Option<usize>,
    /// Exponent of the magnitude: 2 for power, 1 for magnitude.
    pub power: f64,
    /// Arithmetic of the window and FFT (librosa's `f64` by default).
    pub fft_precision: FftPrecision,
    /// The mel filter bank (sample rate, `n_fft`, mels, band edges, scale, norm, precision).
    pub bank: MelBankParams,
}

impl Default for MelParams {
    fn default() -> Self {
        Self {
            hop_length: 512,
            win_length: None,
            power: 2.0,
            fft_precision: FftPrecision::F64,
            bank: MelBankParams::default(),
        }
    }
}

impl MelParams {
    /// Sets the sample rate in Hz (`sr`).
    #[must_use]
    pub fn sample_rate(mut self, sample_rate: f64) -> Self {
        self.bank.sample_rate = sample_rate;
        self
    }

    /// Sets the FFT length (`n_fft`).
    #[must_use]
    pub fn n_fft(mut self, n_fft: usize) -> Self {
        self.bank.n_fft = n_fft;
        self
    }

    /// Sets the hop between frames (`hop_length`).
    #[must_use]
    pub fn hop_length(mut self, hop_length: usize) -> Self {
        self.hop_length = hop_length;
        self
    }

    /// Sets the window length (`win_length`, at most `n_fft`).
    #[must_use]
    pub fn win_length(mut self, win_length: usize) -> Self {
        self.win_length = Some(win_length);
        self
    }

    /// Sets the exponent of the magnitude (`power`).
    #[must_use]
    pub fn power(mut self, power: f64) -> Self {
        self.power = power;
        self
    }

    /// Sets the arithmetic of the window and FFT.
    #[must_use]
    pub fn fft_precision(mut self, fft_precision: FftPrecision) -> Self {
        self.fft_precision = fft_precision;
        self
    }

    /// Sets the number of mel bands (`n_mels`).
    #[must_use]
    pub fn n_mels(mut self, n_mels: usize) -> Self {
        self.bank.n_mels = n_mels;
        self
    }

    /// Sets the lowest band edge in Hz (`fmin`).
    #[must_use]
    pub fn fmin(mut self, fmin: f64) -> Self {
        self.bank.fmin = fmin;
        self
    }

    /// Sets the highest band edge in Hz (`fmax`).
    #[must_use]
    pub fn fmax(mut self, fmax: f64) -> Self {
        self.bank.fmax = Some(fmax);
        self
    }

    /// Sets the mel scale (`htk`).
    #[must_use]
    pub fn scale(mut self, scale: MelScale) -> Self {
        self.bank.scale = scale;
        self
    }

    /// Sets the filter normalisation (`norm`).
    #[must_use]
    pub fn norm(mut self, norm: MelNorm) -> Self {
        self.bank.norm = norm;
        self
    }

    /// Sets the precision of the mel weights (`dtype` of `librosa.filters.mel`).
    #[must_use]
    pub fn precision(mut self, precision: BasisPrecision) -> Self {
        self.bank.precision = precision;
        self
    }

    /// The window length, `win_length` or `n_fft`.
    #[must_use]
    pub fn win_len(&self) -> usize {
        self.win_length.unwrap_or(self.bank.n_fft)
    }

    /// Number of frames librosa gives a signal of `len >= 1` samples with `center=True`:
    /// `1 + (len + 2 (n_fft / 2) - n_fft) / hop_length`.
    #[must_use]
    pub fn n_frames(&self, len: usize) -> usize {
        let half = self.bank.n_fft / 2;
        (len + 2 * half)
            .checked_sub(self.bank.n_fft)
            .map_or(0, |d| 1 + d / self.hop_length.max(1))
    }

    /// Checks every parameter.
    ///
    /// # Errors
    /// As [`MelBankParams::validate`]; [`Error::InvalidHop`] for `hop_length == 0`;
    /// [`Error::InvalidWinLength`] unless `1 <= win_length <= n_fft`;
    /// [`Error::InvalidPower`] unless `power` is finite and `> 0`.
    pub fn validate(&self) -> Result<()> {
        self.bank.validate()?;
        if self.hop_length == 0 {
            return Err(Error::InvalidHop {
                hop_length: self.hop_length,
            });
        }
        let (win_length, n_fft) = (self.win_len(), self.bank.n_fft);
        if win_length == 0 || win_length > n_fft {
            return Err(Error::InvalidWinLength { win_length, n_fft });
        }
        if !(self.power.is_finite() && self.power > 0.0) {
            return Err(Error::InvalidPower { power: self.power });
        }
        Ok(())
    }
}

/// The buffers of one FFT precision: input, spectrum, FFT scratch.
struct FftBuffers<S> {
    input: Vec<S>,
    spectrum: Vec<Complex<S>>,
    fft: Vec<Complex<S>>,
}

/// Per-task scratch of the frame loop: FFT buffers in the signal's type or in `f64`, and the
/// power spectrum.
pub(crate) struct Scratch<T> {
    native: Option<FftBuffers<T>>,
    wide: Option<FftBuffers<f64>>,
    pub(crate) power: Vec<T>,
}

/// One FFT in precision `S`: the window and the cached plan.
#[derive(Clone)]
struct Transform<S: FftFloat> {
    window: Vec<S>,
    plan: Arc<dyn RealToComplex<S>>,
}

impl<S: FftFloat> Transform<S> {
    fn new(win_length: usize, n_fft: usize) -> Result<Self> {
        Ok(Self {
            window: dsp_core::hann::<S>(win_length, false)?.to_vec(),
            plan: S::planners().r2c(n_fft),
        })
    }

    fn buffers(&self) -> FftBuffers<S> {
        FftBuffers {
            input: self.plan.make_input_vec(),
            spectrum: self.plan.make_output_vec(),
            fft: self.plan.make_scratch_vec(),
        }
    }

    /// `|rfft(window * x[start ..])|^power` into `out`, the window's first sample at
    /// `win_start` inside the frame, samples outside `x` read as zeros.
    #[allow(clippy::too_many_arguments)]
    fn power<T: Float>(
        &self,
        x: &[T],
        start: isize,
        win_start: usize,
        power: f64,
        b: &mut FftBuffers<S>,
        out: &mut [T],
    ) {
        b.input.fill(S::zero());
        // window positions j in [win_start, win_start + win_len) read x[start + j]
        let w0 = win_start as isize;
        let lo = (start + w0).max(0);
        let hi = (start + w0 + self.window.len() as isize).min(x.len() as isize);
        if lo < hi {
            let (lo, hi) = (lo as usize, hi as usize);
            let off = (lo as isize - start) as usize;
            b.input[off..off + (hi - lo)]
                .iter_mut()
                .zip(x[lo..hi].iter().zip(&self.window[off - win_start..]))
                .for_each(|(d, (v, w))| *d = cast::<T, S>(*v) * *w);
        }
        self.plan
            .process_with_scratch(&mut b.input, &mut b.spectrum, &mut b.fft)
            .expect("buffers are made by the plan");
        let spec = &b.spectrum;
        if power == 2.0 {
            out.iter_mut()
                .zip(spec)
                .for_each(|(d, c)| *d = cast(c.re * c.re + c.im * c.im));
        } else if power == 1.0 {
            out.iter_mut()
                .zip(spec)
                .for_each(|(d, c)| *d = cast(c.norm()));
        } else {
            let e = S::of(power);
            out.iter_mut()
                .zip(spec)
                .for_each(|(d, c)| *d = cast(c.norm().powf(e)));
        }
    }
}

/// `v` in another float type (exact widening, or rounding to nearest).
#[inline(always)]
fn cast<A: Float, B: Float>(v: A) -> B {
    B::of(v.to_f64_lossless())
}

impl<T> std::fmt::Debug for Scratch<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

/// A mel spectrogram plan; [`MelSpectrogram::process`] equals
/// `librosa.feature.melspectrogram(y=y, sr=..., n_fft=..., hop_length=..., win_length=...,
/// power=..., n_mels=..., fmin=..., fmax=..., htk=..., norm=..., dtype=...)` with
/// `window='hann'`, `center=True`, `pad_mode='constant'` (tested against it).
///
/// Built once from [`MelParams`]: the periodic Hann window (centred in `n_fft`), the cached
/// real FFT plan and the sparse [`MelFilterBank`]; every call reuses them. Frames run in
/// parallel (rayon), each task with its own scratch, so a call allocates only its output.
/// [`MelSpectrogram::process_batch`] runs many signals; [`MelSpectrogram::stream`] takes a
/// signal in blocks.
///
/// **Precision.** As librosa, frames are windowed and transformed in `f64` for `f32` signals
/// too ([`FftPrecision::F64`], the default), and the default `f32` mel basis holds librosa's
/// weights exactly (see [`BasisPrecision`]). The mel power agrees with librosa's to 1e-5
/// relative for `f32` signals (its `float32` sums against ours) and to 1e-10 for `f64`
/// (rustfft's rounding against pocketfft's), each plus 1e-12 of the largest value for bands
/// whose power is nearly zero (tested). [`FftPrecision::Signal`] trades `f32` accuracy far
/// below the peak for speed.
///
/// **Layout:** `(n_mels, n_frames)`, librosa's.
///
/// # Example
/// ```
/// use features_1d::{MelParams, MelSpectrogram};
/// use ndarray::Array1;
/// let sr = 22050.0;
/// let y = Array1::from_shape_fn(22050, |i| (2.0 * std::f32::consts::PI * 440.0 * i as f32 / 22050.0).sin());
/// let mel = MelSpectrogram::<f32>::new(MelParams::default())?;
/// let s = mel.process(y.view())?;
/// assert_eq!(s.dim(), (128, 44));
/// // the 440 Hz tone lands in the band whose centre is nearest 440 Hz
/// let frame = s.column(20);
/// let peak = (0..128).max_by(|&a, &b| frame[a].total_cmp(&frame[b])).unwrap();
/// let centres = features_1d::mel_frequencies(130, 0.0, sr / 2.0, features_1d::MelScale::Slaney);
/// assert!((centres[peak + 1] - 440.0).abs() < 30.0);
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Clone)]
pub struct MelSpectrogram<T: FftFloat> {
    params: MelParams,
    /// Where the window starts inside the `n_fft` frame (librosa's `pad_center`).
    win_start: usize,
    /// The FFT in the signal's type, or (`f32` signals with [`FftPrecision::F64`]) in `f64`.
    native: Option<Transform<T>>,
    wide: Option<Transform<f64>>,
    bank: MelFilterBank<T>,
}

impl<T: FftFloat> std::fmt::Debug for MelSpectrogram<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MelSpectrogram")
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

impl<T: FftFloat> MelSpectrogram<T> {
    /// Plans the spectrogram of `params`.
    ///
    /// # Errors
    /// As [`MelParams::validate`].
    pub fn new(params: MelParams) -> Result<Self> {
        params.validate()?;
        let n_fft = params.bank.n_fft;
        let win_length = params.win_len();
        // an f64 signal's own arithmetic is already librosa's
        let widen = params.fft_precision == FftPrecision::F64 && size_of::<T>() < size_of::<f64>();
        Ok(Self {
            params,
            // librosa's util.pad_center: (n_fft - win_length) / 2 zeros on the left
            win_start: (n_fft - win_length) / 2,
            native: (!widen)
                .then(|| Transform::new(win_length, n_fft))
                .transpose()?,
            wide: widen
                .then(|| Transform::new(win_length, n_fft))
                .transpose()?,
            bank: MelFilterBank::new(&params.bank)?,
        })
    }

    /// The parameters.
    #[must_use]
    pub fn params(&self) -> &MelParams {
        &self.params
    }

    /// The mel filter bank.
    #[must_use]
    pub fn bank(&self) -> &MelFilterBank<T> {
        &self.bank
    }

    /// Number of mel bands.
    #[must_use]
    pub fn n_mels(&self) -> usize {
        self.bank.n_mels()
    }

    /// Number of frequency bins, `n_fft / 2 + 1`.
    #[must_use]
    pub fn n_bins(&self) -> usize {
        self.bank.n_bins()
    }

    /// Number of frames of a signal of `len >= 1` samples (see [`MelParams::n_frames`]).
    #[must_use]
    pub fn n_frames(&self, len: usize) -> usize {
        self.params.n_frames(len)
    }

    pub(crate) fn scratch(&self) -> Scratch<T> {
        Scratch {
            native: self.native.as_ref().map(Transform::buffers),
            wide: self.wide.as_ref().map(Transform::buffers),
            power: vec![T::zero(); self.n_bins()],
        }
    }

    /// `|rfft(window * x[start .. start + n_fft])|^power` into `s.power`, samples outside
    /// `x` read as zeros (librosa's constant padding); `start` may be negative.
    pub(crate) fn power_frame(&self, x: &[T], start: isize, s: &mut Scratch<T>) {
        let (ws, p) = (self.win_start, self.params.power);
        match (&self.native, &self.wide, &mut s.native, &mut s.wide) {
            (Some(t), _, Some(b), _) => t.power(x, start, ws, p, b, &mut s.power),
            (_, Some(t), _, Some(b)) => t.power(x, start, ws, p, b, &mut s.power),
            _ => unreachable!("scratch is made by this plan, with the plan's buffers"),
        }
    }

    /// The mel energies of the frame starting at `start` (see [`Self::power_frame`]).
    pub(crate) fn mel_frame(&self, x: &[T], start: isize, s: &mut Scratch<T>, out: &mut [T]) {
        self.power_frame(x, start, s);
        self.bank.apply(&s.power, out);
    }

    /// Start of frame `k` in signal coordinates: `k * hop - n_fft / 2`.
    pub(crate) fn frame_start(&self, k: usize) -> isize {
        (k * self.params.hop_length) as isize - (self.params.bank.n_fft / 2) as isize
    }

    /// Runs `frame(x, start, scratch, row)` for every frame of `x` in parallel into the rows
    /// of a `(n_frames, width)` matrix.
    pub(crate) fn frames_rows(
        &self,
        x: &[T],
        width: usize,
        frame: impl Fn(&[T], isize, &mut Scratch<T>, &mut [T]) + Sync + Send,
    ) -> Array2<T> {
        let n_frames = self.n_frames(x.len());
        let mut rows = Array2::zeros((n_frames, width));
        rows.axis_iter_mut(Axis(0))
            .into_par_iter()
            .enumerate()
            .for_each_init(
                || self.scratch(),
                |s, (k, mut row)| {
                    let row = row.as_slice_mut().expect("rows of a new array");
                    frame(x, self.frame_start(k), s, row);
                },
            );
        rows
    }

    /// The mel spectrogram of `y`, `(n_mels, n_frames)`.
    ///
    /// Signals shorter than `n_fft` are fine (they are zero-padded, as in librosa).
    ///
    /// # Errors
    /// [`dsp_core::Error::TooShort`] for an empty signal, [`dsp_core::Error::NonFinite`] for
    /// NaN or infinite samples (librosa's `valid_audio` refuses them too).
    pub fn process(&self, y: ArrayView1<'_, T>) -> Result<Array2<T>> {
        check_signal(y)?;
        let y = y.as_standard_layout();
        let x = y.as_slice().expect("standard layout");
        let rows = self.frames_rows(x, self.n_mels(), |x, start, s, row| {
            self.mel_frame(x, start, s, row);
        });
        Ok(transposed(rows))
    }

    /// The spectrogram before the mel bank, `(n_fft / 2 + 1, n_frames)`: equals
    /// `numpy.abs(librosa.stft(y, n_fft=..., hop_length=..., win_length=...)) ** power`
    /// (tested against it).
    ///
    /// # Errors
    /// As [`MelSpectrogram::process`].
    pub fn power_spectrogram(&self, y: ArrayView1<'_, T>) -> Result<Array2<T>> {
        check_signal(y)?;
        let y = y.as_standard_layout();
        let x = y.as_slice().expect("standard layout");
        let rows = self.frames_rows(x, self.n_bins(), |x, start, s, row| {
            self.power_frame(x, start, s);
            row.copy_from_slice(&s.power);
        });
        Ok(transposed(rows))
    }

    /// The mel spectrograms of every signal of a batch (signals may differ in length), in
    /// parallel over signals and frames.
    ///
    /// # Errors
    /// [`Error::AtSignal`] with the index of the first failing signal and the reason (as
    /// [`MelSpectrogram::process`]).
    pub fn process_batch<B>(&self, batch: &B) -> Result<Vec<Array2<T>>>
    where
        B: SignalBatch<Elem = T> + ?Sized,
    {
        batch_map(batch, |x| self.process(x))
    }

    /// A stream that takes the signal in blocks of any size and yields the frames
    /// [`MelSpectrogram::process`] gives the whole signal, in bounded memory.
    #[must_use]
    pub fn stream(&self) -> MelStream<T> {
        MelStream::new(self.clone())
    }
}

/// `rows` `(a, b)` as a standard-layout `(b, a)` array.
pub(crate) fn transposed<T: Clone>(rows: Array2<T>) -> Array2<T> {
    rows.reversed_axes().as_standard_layout().into_owned()
}

/// `f` on every signal of `batch` in parallel, errors tagged with the signal's index.
pub(crate) fn batch_map<B, R>(
    batch: &B,
    f: impl Fn(ArrayView1<'_, B::Elem>) -> Result<R> + Sync + Send,
) -> Result<Vec<R>>
where
    B: SignalBatch + ?Sized,
    R: Send,
{
    let results: Vec<Result<R>> = (0..batch.n_signals())
        .into_par_iter()
        .map(|i| f(batch.signal(i)))
        .collect();
    // in batch order, so the error names the first failing signal
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| at_signal(i, e)))
        .collect()
}
