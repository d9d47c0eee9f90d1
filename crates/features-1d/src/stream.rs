//! Streaming mel spectrograms and MFCCs: blocks of any size in, the one-shot call's frames
//! out, in memory bounded by `n_fft` plus one block.

use fourier::FftFloat;
use ndarray::{Array2, ArrayView1, Axis};

use crate::melspec::{MelSpectrogram, Scratch};
use crate::mfcc::Mfcc;
use crate::{Error, Result};

/// A mel spectrogram taken block by block; from [`MelSpectrogram::stream`].
///
/// [`MelStream::push`] returns the frames completed by each block and [`MelStream::finish`]
/// the last ones (those that reach into librosa's trailing `n_fft / 2` zeros); concatenated
/// along the frame axis they equal [`MelSpectrogram::process`] on the whole signal, value for
/// value, however the signal was cut (tested with random cuts). Only the samples that later
/// frames still need are kept (fewer than `n_fft`, plus the block being consumed).
///
/// # Example
/// ```
/// use features_1d::{MelParams, MelSpectrogram};
/// use ndarray::{Array1, Axis, concatenate};
/// let y = Array1::from_shape_fn(10_000, |i| (0.01 * i as f32).sin());
/// let mel = MelSpectrogram::<f32>::new(MelParams::default())?;
/// let mut stream = mel.stream();
/// let mut parts = Vec::new();
/// for block in y.exact_chunks(1000) {
///     parts.push(stream.push(block)?);
/// }
/// parts.push(stream.finish()?);
/// let views: Vec<_> = parts.iter().map(|p| p.view()).collect();
/// assert_eq!(concatenate(Axis(1), &views).unwrap(), mel.process(y.view())?);
/// # Ok::<(), features_1d::Error>(())
/// ```
#[derive(Debug)]
pub struct MelStream<T: FftFloat> {
    mel: MelSpectrogram<T>,
    /// Samples `offset ..` of the signal (those the next frames need).
    buf: Vec<T>,
    offset: usize,
    /// Samples received so far.
    total: usize,
    /// Index of the next frame to emit.
    next: usize,
    scratch: Scratch<T>,
}

impl<T: FftFloat> MelStream<T> {
    pub(crate) fn new(mel: MelSpectrogram<T>) -> Self {
        Self {
            scratch: mel.scratch(),
            mel,
            buf: Vec::new(),
            offset: 0,
            total: 0,
            next: 0,
        }
    }

    /// Samples received so far.
    #[must_use]
    pub fn samples(&self) -> usize {
        self.total
    }

    /// Frames emitted so far.
    #[must_use]
    pub fn frames(&self) -> usize {
        self.next
    }

    /// Appends `block` and returns the frames it completes, `(n_mels, k)` with `k >= 0`.
    ///
    /// # Errors
    /// [`dsp_core::Error::NonFinite`] for a NaN or infinite sample (index within the block);
    /// the block is then refused whole and the stream is unchanged.
    pub fn push(&mut self, block: ArrayView1<'_, T>) -> Result<Array2<T>> {
        dsp_core::check::ensure_finite("block", block.iter())?;
        self.buf.extend(block.iter().copied());
        self.total += block.len();
        let n_fft = self.mel.params().bank.n_fft;
        // frame k is complete once its last sample, start + n_fft - 1, has arrived
        let mut ready = self.next;
        while self.mel.frame_start(ready) + n_fft as isize <= self.total as isize {
            ready += 1;
        }
        Ok(self.emit(ready))
    }

    /// Ends the signal: returns the remaining frames, those reaching into the trailing zero
    /// padding, `(n_mels, k)`.
    ///
    /// # Errors
    /// [`Error::EmptyStream`] when no sample was pushed (an empty signal).
    pub fn finish(mut self) -> Result<Array2<T>> {
        if self.total == 0 {
            return Err(Error::EmptyStream);
        }
        let all = self.mel.n_frames(self.total);
        Ok(self.emit(all))
    }

    /// Frames `next..end` as columns, then drops the samples no later frame reads.
    fn emit(&mut self, end: usize) -> Array2<T> {
        let n_mels = self.mel.n_mels();
        let count = end.saturating_sub(self.next);
        let mut rows = Array2::zeros((count, n_mels));
        for (i, mut row) in rows.axis_iter_mut(Axis(0)).enumerate() {
            let start = self.mel.frame_start(self.next + i) - self.offset as isize;
            let row = row.as_slice_mut().expect("rows of a new array");
            self.mel.mel_frame(&self.buf, start, &mut self.scratch, row);
        }
        self.next = end;
        let keep_from = self.mel.frame_start(self.next).max(0) as usize;
        if keep_from > self.offset {
            let drop = (keep_from - self.offset).min(self.buf.len());
            self.buf.drain(..drop);
            self.offset += drop;
        }
        rows.reversed_axes().as_standard_layout().into_owned()
    }
}

/// MFCCs taken block by block; from [`Mfcc::stream`] (which needs a fixed decibel reference
/// and no `top_db`).
///
/// As [`MelStream`]: the frames of [`MfccStream::push`] and [`MfccStream::finish`],
/// concatenated, equal [`Mfcc::process`] on the whole signal (tested with random cuts).
#[derive(Debug)]
pub struct MfccStream<T: FftFloat> {
    mfcc: Mfcc<T>,
    mel: MelStream<T>,
}

impl<T: FftFloat> MfccStream<T> {
    pub(crate) fn new(mfcc: Mfcc<T>) -> Self {
        let mel = mfcc.mel().stream();
        Self { mfcc, mel }
    }

    /// Samples received so far.
    #[must_use]
    pub fn samples(&self) -> usize {
        self.mel.samples()
    }

    /// Frames emitted so far.
    #[must_use]
    pub fn frames(&self) -> usize {
        self.mel.frames()
    }

    /// Appends `block` and returns the MFCC frames it completes, `(n_mfcc, k)`.
    ///
    /// # Errors
    /// As [`MelStream::push`].
    pub fn push(&mut self, block: ArrayView1<'_, T>) -> Result<Array2<T>> {
        let mel = self.mel.push(block)?;
        Ok(self.mfcc.mfcc_of_mel_frames(mel))
    }

    /// Ends the signal and returns the remaining MFCC frames.
    ///
    /// # Errors
    /// As [`MelStream::finish`].
    pub fn finish(self) -> Result<Array2<T>> {
        let mel = self.mel.finish()?;
        Ok(self.mfcc.mfcc_of_mel_frames(mel))
    }
}
