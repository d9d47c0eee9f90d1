//! Audio decoding (WAV, FLAC, Ogg Vorbis, MP3 through symphonia) into `channels x frames`
//! arrays in `[-1, 1]`, as `soundfile.read` / `librosa.load` return them, whole or streamed in
//! blocks.

use std::fs::File;
use std::path::{Path, PathBuf};

use dsp_core::Float;
use ndarray::{Array1, Array2, Axis};
use symphonia::core::audio::GenericAudioBufferRef;
use symphonia::core::codecs::audio::{AudioDecoder, AudioDecoderOptions};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, TrackType};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;

use crate::{Error, Resampler, Result};

/// Decoded audio: samples laid out `channels x frames` (row `c` is channel `c`), with the
/// sample rate they were recorded at.
///
/// Integer PCM is scaled by `2^(bits-1)` (8-bit WAV, which is unsigned, is centred first), so
/// values lie in `[-1, 1)` exactly as `soundfile.read(path, dtype="float64")` gives them
/// (transposed: soundfile returns `frames x channels`); float files keep their values.
#[derive(Debug, Clone, PartialEq)]
pub struct Audio<T> {
    /// The samples, shape `(channels, frames)`.
    pub samples: Array2<T>,
    /// Frames per second.
    pub sample_rate: u32,
}

impl<T: Float> Audio<T> {
    /// Number of channels (rows of [`Audio::samples`]).
    #[must_use]
    pub fn channels(&self) -> usize {
        self.samples.nrows()
    }

    /// Number of frames (columns of [`Audio::samples`]).
    #[must_use]
    pub fn frames(&self) -> usize {
        self.samples.ncols()
    }

    /// Duration in seconds, `frames / sample_rate`.
    #[must_use]
    pub fn duration(&self) -> f64 {
        self.frames() as f64 / f64::from(self.sample_rate)
    }

    /// Equal to `librosa.to_mono` (the mean over channels): one row per frame's mean. A mono
    /// signal is returned as it is.
    #[must_use]
    pub fn to_mono(&self) -> Array1<T> {
        if self.channels() == 1 {
            return self.samples.row(0).to_owned();
        }
        let n = T::of_usize(self.channels());
        let mut sum = Array1::<T>::zeros(self.frames());
        for row in self.samples.axis_iter(Axis(0)) {
            sum.zip_mut_with(&row, |s, &v| *s += v);
        }
        sum.mapv_inplace(|s| s / n);
        sum
    }
}

/// How [`load_audio`] post-processes the decoded samples, in this order: mix to mono,
/// resample, normalise. The default keeps the file's channels and rate and its values
/// (`librosa.load(path, sr=None, mono=False)`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AudioOptions {
    mono: bool,
    sample_rate: Option<u32>,
    normalization: Normalization,
}

/// Scaling applied by [`load_audio`] after decoding (and mixing and resampling).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Normalization {
    /// The values as decoded (the default).
    #[default]
    None,
    /// `x / max|x|` over all channels, the tutorial's `read_wave` ([`dsp_core::peak_normalize`]);
    /// a silent file is an error.
    Peak,
    /// `x * (target / rms(x))` over all channels ([`dsp_core::rms_normalize`]); a silent file
    /// is an error.
    Rms(f64),
}

impl AudioOptions {
    /// The defaults: channels kept, the file's rate, no normalisation.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to mix the channels to one (their mean, `librosa.to_mono`).
    #[must_use]
    pub fn mono(mut self, mono: bool) -> Self {
        self.mono = mono;
        self
    }

    /// Resample every file to `sample_rate` Hz ([`resample_audio`](crate::resample_audio));
    /// files already at that rate are left as they are.
    #[must_use]
    pub fn sample_rate(mut self, sample_rate: u32) -> Self {
        self.sample_rate = Some(sample_rate);
        self
    }

    /// The scaling applied last.
    #[must_use]
    pub fn normalization(mut self, normalization: Normalization) -> Self {
        self.normalization = normalization;
        self
    }
}

/// Equal to `soundfile.read(path, dtype=..., always_2d=True).T`: the whole file decoded,
/// shape `(channels, frames)`, with its sample rate (tested against soundfile for every WAV
/// subtype, FLAC, Ogg Vorbis and MP3).
///
/// Reads WAV (8-bit unsigned, 16/24/32-bit signed PCM, 32/64-bit float), FLAC, Ogg Vorbis and
/// MP3. Lossy files are trimmed of the encoder's delay and padding where the file records them
/// (the LAME/Xing header of MP3, Vorbis granule positions), so their length is the one
/// libsndfile returns. Every packet must decode: a corrupt packet is an error, never skipped.
///
/// # Errors
/// Each naming the file: [`Error::NotFound`], [`Error::Io`]; [`Error::AudioFormat`] for bytes
/// of no supported container; [`Error::AudioUnsupported`] for a codec this crate is not built
/// with (ADPCM, GSM, ...); [`Error::AudioTruncated`] when the file ends before the frames its
/// header declares; [`Error::AudioCorrupt`] for data that does not decode; [`Error::EmptyAudio`]
/// for a file of zero frames.
///
/// # Example
/// ```no_run
/// let audio = datasets::read_audio::<f32>("speech.wav")?;
/// println!("{} channel(s) of {} frames at {} Hz", audio.channels(), audio.frames(), audio.sample_rate);
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn read_audio<T: Float>(path: impl AsRef<Path>) -> Result<Audio<T>> {
    let mut reader = AudioReader::open(path)?;
    let channels = reader.channels();
    let mut planes: Vec<Vec<T>> = vec![Vec::new(); channels];
    if let Some(n) = reader.n_frames() {
        // Capacity only: never trusted for the length.
        let cap = usize::try_from(n).unwrap_or(0).min(1 << 26);
        planes.iter_mut().for_each(|p| p.reserve(cap));
    }
    while reader.append_next(&mut planes)? {}
    let frames = planes[0].len();
    if frames == 0 {
        return Err(Error::EmptyAudio { path: reader.path });
    }
    let mut flat = Vec::with_capacity(frames * channels);
    for p in planes {
        flat.extend_from_slice(&p);
    }
    let samples = Array2::from_shape_vec((channels, frames), flat)
        .expect("every plane holds `frames` values");
    Ok(Audio {
        samples,
        sample_rate: reader.sample_rate(),
    })
}

/// Equal to `librosa.load(path, sr=..., mono=...)` followed by the chosen normalisation:
/// [`read_audio`], then mixed to mono (one row), resampled and normalised as `options` say.
///
/// # Errors
/// As [`read_audio`]; [`Error::InvalidAudio`] for a target rate of zero; [`Error::Item`]
/// naming the file when its samples cannot be resampled (NaN or infinite float samples) or
/// normalised (a silent file).
pub fn load_audio<T: Float>(path: impl AsRef<Path>, options: &AudioOptions) -> Result<Audio<T>> {
    let path = path.as_ref();
    let audio = read_audio::<T>(path)?;
    apply_options(audio, options, &mut None, path)
}

/// [`load_audio`]'s processing after decoding; `resampler` is a cache, replaced when the
/// file's rate differs from the one it was planned for.
pub(crate) fn apply_options<T: Float>(
    mut audio: Audio<T>,
    options: &AudioOptions,
    resampler: &mut Option<Resampler>,
    path: &Path,
) -> Result<Audio<T>> {
    if options.mono && audio.channels() > 1 {
        audio.samples = audio.to_mono().insert_axis(Axis(0));
    }
    if let Some(rate) = options.sample_rate.filter(|&r| r != audio.sample_rate) {
        let r = match resampler {
            Some(r) if r.rates() == (audio.sample_rate, rate) => r,
            _ => resampler.insert(Resampler::new(audio.sample_rate, rate)?),
        };
        audio.samples = r.process(audio.samples.view()).map_err(|e| Error::Item {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        audio.sample_rate = rate;
    }
    audio.samples = match options.normalization {
        Normalization::None => audio.samples,
        Normalization::Peak => {
            dsp_core::peak_normalize(audio.samples.view()).map_err(|e| Error::Item {
                path: path.to_path_buf(),
                reason: format!("cannot peak-normalise: {e}"),
            })?
        }
        Normalization::Rms(target) => dsp_core::rms_normalize(audio.samples.view(), T::of(target))
            .map_err(|e| Error::Item {
                path: path.to_path_buf(),
                reason: format!("cannot RMS-normalise: {e}"),
            })?,
    };
    Ok(audio)
}

/// A streaming decoder: yields a long file block by block (one codec packet each, a few
/// thousand frames at most), so memory stays bounded whatever the file's length.
///
/// Blocks concatenated equal [`read_audio`]'s samples.
///
/// # Example
/// ```no_run
/// let mut reader = datasets::AudioReader::open("long.flac")?;
/// let mut energy = 0.0_f64;
/// while let Some(block) = reader.next_block::<f64>()? {
///     energy += block.iter().map(|v| v * v).sum::<f64>();
/// }
/// # Ok::<(), datasets::Error>(())
/// ```
pub struct AudioReader {
    path: PathBuf,
    format: Box<dyn FormatReader>,
    decoder: Box<dyn AudioDecoder>,
    track_id: u32,
    sample_rate: u32,
    channels: usize,
    declared_frames: Option<u64>,
    decoded: u64,
    finished: bool,
    scratch: Vec<Vec<f64>>,
}

impl std::fmt::Debug for AudioReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AudioReader")
            .field("path", &self.path)
            .field("sample_rate", &self.sample_rate)
            .field("channels", &self.channels)
            .field("declared_frames", &self.declared_frames)
            .field("decoded", &self.decoded)
            .finish_non_exhaustive()
    }
}

impl AudioReader {
    /// Opens `path` and reads its header; nothing is decoded yet.
    ///
    /// # Errors
    /// As [`read_audio`], for what the header shows.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
        let mss = MediaSourceStream::new(Box::new(file), Default::default());
        let mut hint = Hint::new();
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            hint.with_extension(ext);
        }
        let format = symphonia::default::get_probe()
            .probe(
                &hint,
                mss,
                FormatOptions::default(),
                MetadataOptions::default(),
            )
            .map_err(|e| map_error(&path, e, Stage::Probe))?;
        let Some(track) = format.default_track(TrackType::Audio) else {
            return Err(Error::AudioFormat {
                path,
                detail: "no audio track".into(),
            });
        };
        let Some(params) = track.codec_params.as_ref().and_then(|p| p.audio()) else {
            return Err(Error::AudioUnsupported {
                path,
                detail: "the audio track's codec is unknown".into(),
            });
        };
        let sample_rate = params.sample_rate.filter(|&r| r > 0);
        let channels = params
            .channels
            .as_ref()
            .map(|c| c.count())
            .filter(|&c| c > 0);
        let (Some(sample_rate), Some(channels)) = (sample_rate, channels) else {
            return Err(Error::AudioCorrupt {
                path,
                detail: "the header gives no sample rate or no channel".into(),
            });
        };
        let declared_frames = track.num_frames;
        let track_id = track.id;
        // Gapless (encoder delay and padding trimmed) is the decoders' default in symphonia 0.6.
        let decoder = symphonia::default::get_codecs()
            .make_audio_decoder(params, &AudioDecoderOptions::default())
            .map_err(|e| map_error(&path, e, Stage::Codec))?;
        Ok(AudioReader {
            path,
            format,
            decoder,
            track_id,
            sample_rate,
            channels,
            declared_frames,
            decoded: 0,
            finished: false,
            scratch: Vec::new(),
        })
    }

    /// The file read.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Frames per second.
    #[must_use]
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Number of channels (rows of each block).
    #[must_use]
    pub fn channels(&self) -> usize {
        self.channels
    }

    /// The number of frames the header declares, when it does (WAV, FLAC, MP3 with a Xing/LAME
    /// header); decoding fewer is an [`Error::AudioTruncated`].
    #[must_use]
    pub fn n_frames(&self) -> Option<u64> {
        self.declared_frames
    }

    /// The next block of samples, shape `(channels, frames)`; `None` at the end of the file.
    ///
    /// # Errors
    /// As [`read_audio`] (the truncation check runs when the stream ends). After an error the
    /// reader is finished.
    pub fn next_block<T: Float>(&mut self) -> Result<Option<Array2<T>>> {
        let mut planes: Vec<Vec<T>> = vec![Vec::new(); self.channels];
        if !self.append_next(&mut planes)? {
            return Ok(None);
        }
        let frames = planes[0].len();
        let flat: Vec<T> = planes.into_iter().flatten().collect();
        Ok(Some(
            Array2::from_shape_vec((self.channels, frames), flat)
                .expect("every plane holds `frames` values"),
        ))
    }

    /// Decodes the next non-empty packet of the track and appends it to `planes` (one per
    /// channel); `false` at the end of the stream.
    fn append_next<T: Float>(&mut self, planes: &mut [Vec<T>]) -> Result<bool> {
        if self.finished {
            return Ok(false);
        }
        let r = self.append_next_inner(planes);
        if !matches!(r, Ok(true)) {
            self.finished = true;
        }
        r
    }

    fn append_next_inner<T: Float>(&mut self, planes: &mut [Vec<T>]) -> Result<bool> {
        loop {
            let packet = match self.format.next_packet() {
                Ok(Some(p)) => p,
                Ok(None) => {
                    self.check_length()?;
                    return Ok(false);
                }
                Err(e) => return Err(map_error(&self.path, e, Stage::Read)),
            };
            if packet.track_id != self.track_id {
                continue;
            }
            let buf = self
                .decoder
                .decode(&packet)
                .map_err(|e| map_error(&self.path, e, Stage::Read))?;
            if buf.frames() == 0 {
                continue;
            }
            if buf.num_planes() != self.channels {
                return Err(Error::AudioCorrupt {
                    path: self.path.clone(),
                    detail: format!(
                        "a packet of {} channel(s) in a stream of {}",
                        buf.num_planes(),
                        self.channels
                    ),
                });
            }
            copy_planes(&buf, &mut self.scratch, planes);
            self.decoded += buf.frames() as u64;
            return Ok(true);
        }
    }

    fn check_length(&self) -> Result<()> {
        match self.declared_frames {
            Some(n) if self.decoded < n => Err(Error::AudioTruncated {
                path: self.path.clone(),
                detail: format!(
                    "the header declares {n} frames, the data holds {}",
                    self.decoded
                ),
            }),
            _ => Ok(()),
        }
    }
}

/// Appends each plane of `buf`, converted exactly to `f64` (symphonia scales integer PCM by
/// `2^(bits-1)`) and rounded once to `T`.
fn copy_planes<T: Float>(
    buf: &GenericAudioBufferRef<'_>,
    scratch: &mut Vec<Vec<f64>>,
    planes: &mut [Vec<T>],
) {
    buf.copy_to_vecs_planar::<f64>(scratch);
    for (dst, src) in planes.iter_mut().zip(scratch.iter()) {
        dst.extend(src.iter().map(|&v| T::of(v)));
    }
}

#[derive(Clone, Copy)]
enum Stage {
    Probe,
    Codec,
    Read,
}

fn map_error(path: &Path, e: SymError, stage: Stage) -> Error {
    let path = path.to_path_buf();
    match e {
        SymError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            match stage {
                // The prober reads the headers, and for Ogg scans to the last page.
                Stage::Probe | Stage::Codec => Error::AudioTruncated {
                    path,
                    detail: "the file ends early (found while reading its headers)".into(),
                },
                Stage::Read => Error::AudioTruncated {
                    path,
                    detail: "the stream ends inside a packet".into(),
                },
            }
        }
        SymError::IoError(io) => Error::io(path, io),
        SymError::Unsupported(msg) => match stage {
            Stage::Probe if msg.contains("no suitable format reader") => Error::AudioFormat {
                path,
                detail: msg.into(),
            },
            _ => Error::AudioUnsupported {
                path,
                detail: msg.into(),
            },
        },
        SymError::ResetRequired => Error::AudioUnsupported {
            path,
            detail: "chained streams (the track list changes mid-file)".into(),
        },
        SymError::DecodeError(msg) | SymError::LimitError(msg) => Error::AudioCorrupt {
            path,
            detail: msg.into(),
        },
        other => Error::AudioCorrupt {
            path,
            detail: other.to_string(),
        },
    }
}
