//! Short-time Fourier transform and spectrogram with `scipy.signal.stft` / `spectrogram`
//! conventions: a plan object holding the window, the hop and the cached FFT plan.

use std::sync::Arc;

use ndarray::{Array1, Array2, ArrayView1, Axis};
use num_complex::Complex;
use rayon::prelude::*;
use realfft::RealToComplex;

use dsp_core::Window;

use crate::plan::{FftFloat, sized};
use crate::{Error, Result};

/// A short-time Fourier transform plan; [`Stft::process`] equals `scipy.signal.stft` (tested
/// against it).
///
/// Built with scipy's defaults: `noverlap = nperseg / 2`, `nfft = nperseg`, `fs = 1`,
/// `boundary='zeros'` (`nperseg / 2` zeros on both ends, so frames are centred on
/// `t = 0, hop, 2 hop, ...`), `padded=True` (zeros at the end up to a whole number of hops),
/// `detrend=False`, `return_onesided=True`, `scaling='spectrum'` (each frame divided by the
/// window's sum). The window is periodic (`dsp_core::get_window(window, nperseg, true)`), as
/// scipy's `get_window`. The builder methods change one default each.
///
/// **Layout:** [`Stft::process`] returns `frames x bins`, the transpose of scipy's `Zxx`
/// (`bins x frames`), so each frame is a contiguous row.
///
/// # Example
/// ```
/// use dsp_core::Window;
/// use fourier::Stft;
/// use ndarray::Array1;
/// let x = Array1::from_shape_fn(1000, |i| (0.2 * i as f64).sin());
/// let stft = Stft::<f64>::new(Window::Hann, 64)?;
/// let z = stft.process(x.view())?;
/// assert_eq!(z.dim(), (stft.n_frames(1000), 33));
///
/// // scipy.signal.stft(tone, fs=100, window="hamming", nperseg=50, noverlap=40, nfft=64):
/// // a 12.5 Hz tone peaks in the bin at 12.5 Hz of every inner frame.
/// let tone = Array1::from_shape_fn(400, |i| (2.0 * std::f64::consts::PI * 12.5 * i as f64 / 100.0).sin());
/// let plan = Stft::<f64>::new(Window::Hamming, 50)?.noverlap(40)?.nfft(64)?.fs(100.0)?;
/// let z = plan.process(tone.view())?;
/// let f = plan.frequencies();
/// assert_eq!((z.ncols(), plan.hop()), (33, 10));
/// let frame = z.row(z.nrows() / 2);
/// let peak = (0..frame.len()).max_by(|&a, &b| frame[a].norm().total_cmp(&frame[b].norm())).unwrap();
/// assert_eq!(f[peak], 12.5);
/// # Ok::<(), fourier::Error>(())
/// ```
#[derive(Clone)]
pub struct Stft<T: FftFloat> {
    window_kind: Window,
    window: Array1<T>,
    nperseg: usize,
    noverlap: usize,
    nfft: usize,
    fs: f64,
    boundary: bool,
    padded: bool,
    plan: Arc<dyn RealToComplex<T>>,
}

impl<T: FftFloat> std::fmt::Debug for Stft<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stft")
            .field("window", &self.window_kind)
            .field("nperseg", &self.nperseg)
            .field("noverlap", &self.noverlap)
            .field("nfft", &self.nfft)
            .field("fs", &self.fs)
            .field("boundary", &self.boundary)
            .field("padded", &self.padded)
            .finish()
    }
}

impl<T: FftFloat> Stft<T> {
    /// A plan with scipy's defaults for segments of `nperseg` samples.
    ///
    /// # Errors
    /// [`Error::InvalidSegment`] when `nperseg == 0`; window errors from `dsp_core`
    /// (for example a Gaussian `std <= 0`).
    pub fn new(window: Window, nperseg: usize) -> Result<Self> {
        if nperseg == 0 {
            return Err(Error::InvalidSegment { nperseg, len: 0 });
        }
        Ok(Self {
            window_kind: window,
            window: dsp_core::get_window(window, nperseg, true)?,
            nperseg,
            noverlap: nperseg / 2,
            nfft: nperseg,
            fs: 1.0,
            boundary: true,
            padded: true,
            plan: T::planners().r2c(nperseg),
        })
    }

    /// Sets the overlap between segments (hop = `nperseg - noverlap`).
    ///
    /// # Errors
    /// [`Error::InvalidOverlap`] unless `noverlap < nperseg`.
    pub fn noverlap(mut self, noverlap: usize) -> Result<Self> {
        if noverlap >= self.nperseg {
            return Err(Error::InvalidOverlap {
                noverlap,
                nperseg: self.nperseg,
            });
        }
        self.noverlap = noverlap;
        Ok(self)
    }

    /// Sets the FFT length (each windowed segment is zero-padded to it).
    ///
    /// # Errors
    /// [`Error::InvalidNfft`] unless `nfft >= nperseg`.
    pub fn nfft(mut self, nfft: usize) -> Result<Self> {
        if nfft < self.nperseg {
            return Err(Error::InvalidNfft {
                nfft,
                nperseg: self.nperseg,
            });
        }
        self.nfft = nfft;
        self.plan = T::planners().r2c(nfft);
        Ok(self)
    }

    /// Sets the sampling frequency (only scales [`Stft::frequencies`] and [`Stft::times`]).
    ///
    /// # Errors
    /// [`dsp_core::Error::InvalidParameter`] unless `fs` is finite and `> 0`.
    pub fn fs(mut self, fs: f64) -> Result<Self> {
        dsp_core::check::ensure_positive("fs", fs)?;
        self.fs = fs;
        Ok(self)
    }

    /// `true` (default): scipy's `boundary='zeros'`; `false`: `boundary=None`.
    #[must_use]
    pub fn boundary(mut self, zeros: bool) -> Self {
        self.boundary = zeros;
        self
    }

    /// `true` (default): scipy's `padded=True`; `false`: trailing samples that do not fill a
    /// segment are dropped.
    #[must_use]
    pub fn padded(mut self, padded: bool) -> Self {
        self.padded = padded;
        self
    }

    /// Samples between frame starts, `nperseg - noverlap`.
    #[must_use]
    pub fn hop(&self) -> usize {
        self.nperseg - self.noverlap
    }

    /// Number of frequency bins, `nfft / 2 + 1`.
    #[must_use]
    pub fn n_bins(&self) -> usize {
        self.nfft / 2 + 1
    }

    /// Number of frames for a signal of `len` samples (0 when `len < nperseg`).
    #[must_use]
    pub fn n_frames(&self, len: usize) -> usize {
        let padded = self.padded_len(len);
        if padded < self.nperseg {
            0
        } else {
            (padded - self.nperseg) / self.hop() + 1
        }
    }

    fn padded_len(&self, len: usize) -> usize {
        let ext = if self.boundary {
            len + 2 * (self.nperseg / 2)
        } else {
            len
        };
        if self.padded && ext >= self.nperseg {
            let rem = (ext - self.nperseg) % self.hop();
            let add = if rem == 0 { 0 } else { self.hop() - rem };
            ext + add % self.nperseg
        } else {
            ext
        }
    }

    /// Bin frequencies, `rfftfreq(nfft, 1 / fs)`: scipy's `f`.
    #[must_use]
    pub fn frequencies(&self) -> Array1<T> {
        let val = self.fs / self.nfft as f64;
        Array1::from_shape_fn(self.n_bins(), |i| T::of(i as f64 * val))
    }

    /// Frame centre times for a signal of `len` samples: scipy's `t`.
    #[must_use]
    pub fn times(&self, len: usize) -> Array1<T> {
        let shift = if self.boundary {
            self.nperseg as f64 / 2.0
        } else {
            0.0
        };
        let half = self.nperseg as f64 / 2.0;
        Array1::from_shape_fn(self.n_frames(len), |k| {
            T::of(((half + (k * self.hop()) as f64) - shift) / self.fs)
        })
    }

    /// The STFT of `x`, `frames x bins` (scipy's `Zxx` transposed); frames run on rayon.
    ///
    /// # Errors
    /// [`Error::InvalidSegment`] when `nperseg > x.len()` (scipy warns and shortens the
    /// segment instead; here the caller decides).
    pub fn process(&self, x: ArrayView1<'_, T>) -> Result<Array2<Complex<T>>> {
        let scale = T::one() / self.window.sum();
        self.frames(x, false, scale)
    }

    /// Windowed, optionally mean-removed, scaled spectra of every segment.
    fn frames(&self, x: ArrayView1<'_, T>, detrend: bool, scale: T) -> Result<Array2<Complex<T>>> {
        let len = x.len();
        if self.nperseg > len {
            return Err(Error::InvalidSegment {
                nperseg: self.nperseg,
                len,
            });
        }
        let left = if self.boundary { self.nperseg / 2 } else { 0 };
        let total = self.padded_len(len);
        let mut ext = vec![T::zero(); total];
        ext[left..left + len]
            .iter_mut()
            .zip(x.iter())
            .for_each(|(d, s)| *d = *s);
        let (frames, bins, hop) = (self.n_frames(len), self.n_bins(), self.hop());
        let mut out = Array2::<Complex<T>>::zeros((frames, bins));
        let win = self
            .window
            .as_slice()
            .expect("window arrays are built contiguous");
        let plan = &*self.plan;
        out.axis_iter_mut(Axis(0))
            .into_par_iter()
            .enumerate()
            .for_each(|(k, mut row)| {
                let seg = &ext[k * hop..k * hop + self.nperseg];
                let mean = if detrend {
                    seg.iter().copied().sum::<T>() / T::of_usize(seg.len())
                } else {
                    T::zero()
                };
                T::with_buffers(|b| {
                    let input = sized(&mut b.real, self.nfft);
                    input[..self.nperseg]
                        .iter_mut()
                        .zip(seg.iter().zip(win))
                        .for_each(|(d, (s, w))| *d = (*s - mean) * *w);
                    input[self.nperseg..].fill(T::zero());
                    let o = row
                        .as_slice_mut()
                        .expect("rows of a new standard-layout array");
                    let scratch = sized(&mut b.scratch, plan.get_scratch_len());
                    plan.process_with_scratch(input, o, scratch)
                        .expect("stft buffers are sized from the plan");
                    o.iter_mut().for_each(|c| *c = *c * scale);
                });
            });
        Ok(out)
    }
}

/// A power spectrogram: frequencies, frame times and `frames x bins` power.
#[derive(Debug, Clone, PartialEq)]
pub struct Spectrogram<T> {
    /// Bin frequencies (scipy's `f`).
    pub frequencies: Array1<T>,
    /// Segment centre times (scipy's `t`).
    pub times: Array1<T>,
    /// Power spectral density, `frames x bins` (scipy's `Sxx` transposed).
    pub power: Array2<T>,
}

/// Power spectrogram; equal to `scipy.signal.spectrogram(x, fs, window, nperseg, noverlap)`
/// with its other defaults (tested against it).
///
/// scipy's defaults apply: `noverlap = None` means `nperseg / 8`, `nfft = nperseg`,
/// `detrend='constant'` (each segment's mean removed), `scaling='density'`
/// (`|X|^2 / (fs * sum(w^2))`), one-sided with the non-DC (and non-Nyquist for even `nfft`)
/// bins doubled, no boundary extension or padding. The one departure: scipy's default window is
/// `('tukey', 0.25)`, which `dsp_core` does not offer, so the window is an explicit argument
/// (the tests use `Window::Hann`). Layout: `frames x bins`, the transpose of scipy's `Sxx`.
///
/// # Errors
/// [`Error::InvalidSegment`] when `nperseg` is 0 or longer than `x`;
/// [`Error::InvalidOverlap`] unless `noverlap < nperseg`; [`dsp_core::Error::InvalidParameter`]
/// for a non-finite or non-positive `fs`.
pub fn spectrogram<T: FftFloat>(
    x: ArrayView1<'_, T>,
    fs: f64,
    window: Window,
    nperseg: usize,
    noverlap: Option<usize>,
) -> Result<Spectrogram<T>> {
    let stft = Stft::<T>::new(window, nperseg)?
        .noverlap(noverlap.unwrap_or(nperseg / 8))?
        .fs(fs)?
        .boundary(false)
        .padded(false);
    let wss: T = stft.window.iter().map(|w| *w * *w).sum();
    let scale = T::one() / (T::of(fs) * wss);
    // |X * s|^2 = |X|^2 * scale with s = sqrt(scale).
    let z = stft.frames(x, true, scale.sqrt())?;
    let nfft = stft.nfft;
    let last_doubled = if nfft % 2 == 0 {
        stft.n_bins() - 1
    } else {
        stft.n_bins()
    };
    let mut power = z.mapv(|c| c.norm_sqr());
    for mut row in power.rows_mut() {
        for v in row.iter_mut().take(last_doubled).skip(1) {
            *v = *v + *v;
        }
    }
    Ok(Spectrogram {
        frequencies: stft.frequencies(),
        times: stft.times(x.len()),
        power,
    })
}
