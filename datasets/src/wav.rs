//! WAV writing (16-bit PCM and 32-bit float) with hound, for listening to signals.

use std::path::Path;

use dsp_core::Float;
use ndarray::ArrayView2;

use crate::{Error, Result};

/// The sample encoding [`write_wav`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WavFormat {
    /// 16-bit signed PCM (`soundfile`'s `PCM_16`): each value `x` in `[-1, 1]` becomes
    /// `round(x * 32768)` clipped to `[-32768, 32767]`, so a value `k / 32768` reads back exactly.
    #[default]
    Pcm16,
    /// 32-bit IEEE float (`soundfile`'s `FLOAT`): values written as `f32` (rounded once from
    /// `f64`), unclipped, and read back exactly.
    Float32,
}

/// Writes `samples`, shape `(channels, frames)`, to a WAV file at `sample_rate` Hz, like
/// `soundfile.write(path, samples.T, sample_rate, subtype="PCM_16" | "FLOAT")`.
///
/// Nothing is changed silently: with [`WavFormat::Pcm16`], values outside `[-1, 1]` are an
/// error rather than clipped (only `1.0` itself, one step above the largest 16-bit code, is
/// clipped to 32767 as soundfile does).
///
/// # Errors
/// [`Error::InvalidAudio`] for no channel, more than 65535 channels, a sample rate of 0, a NaN
/// or infinite sample, or (16-bit) a sample outside `[-1, 1]`; [`Error::WavWrite`] or
/// [`Error::Io`] naming the file when it cannot be written.
///
/// # Example
/// ```no_run
/// use ndarray::Array2;
/// let x = Array2::from_shape_fn((1, 800), |(_, i)| 0.5 * (i as f64 * 0.1).sin());
/// datasets::write_wav("tone.wav", x.view(), 8000, datasets::WavFormat::Float32)?;
/// let back = datasets::read_audio::<f64>("tone.wav")?;
/// assert_eq!(back.samples, x.mapv(|v| f64::from(v as f32)));
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn write_wav<T: Float>(
    path: impl AsRef<Path>,
    samples: ArrayView2<'_, T>,
    sample_rate: u32,
    format: WavFormat,
) -> Result<()> {
    let path = path.as_ref();
    let (channels, frames) = samples.dim();
    let channels16 = u16::try_from(channels)
        .ok()
        .filter(|&c| c > 0)
        .ok_or_else(|| Error::InvalidAudio {
            what: "signal",
            detail: format!("{channels} channel(s): a WAV holds 1 to 65535"),
        })?;
    if sample_rate == 0 {
        return Err(Error::InvalidAudio {
            what: "sample rate",
            detail: "must be > 0 Hz, got 0".into(),
        });
    }
    for ((c, i), &v) in samples.indexed_iter() {
        let bad = !v.is_finite() || (format == WavFormat::Pcm16 && v.abs() > T::one());
        if bad {
            return Err(Error::InvalidAudio {
                what: "signal",
                detail: format!(
                    "sample {i} of channel {c} is {v}: {} WAV needs finite values{}",
                    if format == WavFormat::Pcm16 {
                        "a 16-bit"
                    } else {
                        "a float"
                    },
                    if format == WavFormat::Pcm16 {
                        " in [-1, 1]"
                    } else {
                        ""
                    }
                ),
            });
        }
    }
    let spec = hound::WavSpec {
        channels: channels16,
        sample_rate,
        bits_per_sample: match format {
            WavFormat::Pcm16 => 16,
            WavFormat::Float32 => 32,
        },
        sample_format: match format {
            WavFormat::Pcm16 => hound::SampleFormat::Int,
            WavFormat::Float32 => hound::SampleFormat::Float,
        },
    };
    let wav_err = |e: hound::Error| match e {
        hound::Error::IoError(io) => Error::io(path, io),
        other => Error::WavWrite {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    };
    let mut writer = hound::WavWriter::create(path, spec).map_err(wav_err)?;
    // Interleaved, frame by frame, into hound's buffered writer.
    for f in 0..frames {
        for c in 0..channels {
            let v = samples[[c, f]];
            match format {
                WavFormat::Pcm16 => {
                    let q = (v.to_f64_lossless() * 32768.0)
                        .round()
                        .clamp(-32768.0, 32767.0);
                    writer.write_sample(q as i16).map_err(wav_err)?;
                }
                WavFormat::Float32 => {
                    writer
                        .write_sample(v.to_f64_lossless() as f32)
                        .map_err(wav_err)?;
                }
            }
        }
    }
    writer.finalize().map_err(wav_err)
}
