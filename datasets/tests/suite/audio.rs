//! Audio decoding, resampling and WAV writing against soundfile and librosa fixtures
//! (gen_audio.py), every error path with real damaged files, and write -> read round trips.

use std::path::{Path, PathBuf};

use datasets::{
    Audio, AudioOptions, AudioReader, Error, Normalization, Resampler, WavFormat, load_audio,
    read_audio, resample_audio, resampled_len, write_wav,
};
use ndarray::{Array1, Array2, Axis};
use ndarray_npy::read_npy;
use proptest::prelude::*;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/audio")
        .join(name)
}

fn npy1(name: &str) -> Array1<f64> {
    let p = fixture_path(&format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn npy2(name: &str) -> Array2<f64> {
    let p = fixture_path(&format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-audio");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The reference of `file`: soundfile's decoding, `(channels, frames)` float64.
fn reference(file: &str) -> Array2<f64> {
    npy2(&file.replace('.', "_"))
}

const LOSSLESS: [&str; 10] = [
    "mono_pcm_u8.wav",
    "mono_pcm_16.wav",
    "mono_pcm_24.wav",
    "mono_pcm_32.wav",
    "mono_float.wav",
    "mono_double.wav",
    "stereo_pcm_16.wav",
    "mono_16.flac",
    "mono_24.flac",
    "stereo_16.flac",
];

#[test]
fn lossless_files_decode_exactly_as_soundfile() {
    for file in LOSSLESS {
        let want = reference(file);
        let got = read_audio::<f64>(fixture_path(file)).unwrap();
        assert_eq!(got.sample_rate, 16000, "{file}");
        assert_eq!(got.samples, want, "{file} (f64)");
        // f32: one rounding of the exact value, as soundfile's dtype="float32".
        let got32 = read_audio::<f32>(fixture_path(file)).unwrap();
        assert_eq!(got32.samples, want.mapv(|v| v as f32), "{file} (f32)");
    }
}

#[test]
fn stereo_is_kept_and_mixes_to_librosas_mono() {
    for file in ["stereo_pcm_16.wav", "stereo_16.flac"] {
        let a = read_audio::<f64>(fixture_path(file)).unwrap();
        assert_eq!((a.channels(), a.frames()), (2, 1600), "{file}");
        let mono = npy1(&format!("{}_mono", file.replace('.', "_")));
        assert_eq!(a.to_mono(), mono, "{file}");
        let m = load_audio::<f64>(fixture_path(file), &AudioOptions::new().mono(true)).unwrap();
        assert_eq!(m.samples, mono.insert_axis(Axis(0)), "{file}");
        assert!((a.duration() - 0.1).abs() < 1e-12);
    }
}

/// The lag in `-max..=max` at which `sum a[i] b[i + lag]` is largest.
fn best_lag(a: &[f64], b: &[f64], max: isize) -> isize {
    let score = |lag: isize| -> f64 {
        (0..a.len() as isize)
            .filter_map(|i| {
                let j = i + lag;
                (j >= 0 && (j as usize) < b.len()).then(|| a[i as usize] * b[j as usize])
            })
            .sum()
    };
    (-max..=max)
        .max_by(|&x, &y| score(x).total_cmp(&score(y)))
        .unwrap()
}

#[test]
fn lossy_files_decode_close_to_soundfile_aligned_and_gapless() {
    // Independent decoders of the same stream: libsndfile's (libvorbis, mpg123) against
    // symphonia's. Same length (encoder delay and padding trimmed by both), aligned at lag 0,
    // and within these bounds sample by sample (signal peak 0.89; measured 2.4e-7 for Vorbis
    // and 5.4e-7 for MP3: float rounding of two implementations of one transform).
    for (file, rate, tol) in [("mono.ogg", 16000, 1e-6), ("mono.mp3", 22050, 2e-6)] {
        let want = reference(file);
        let got = read_audio::<f64>(fixture_path(file)).unwrap();
        assert_eq!(got.sample_rate, rate, "{file}");
        assert_eq!(
            got.samples.dim(),
            want.dim(),
            "{file}: length differs from soundfile's"
        );
        let (g, w) = (got.samples.row(0).to_vec(), want.row(0).to_vec());
        assert_eq!(best_lag(&g, &w, 64), 0, "{file}");
        let max = g
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(max <= tol, "{file}: max |diff| {max:e} > {tol:e}");
    }
}

#[test]
fn streaming_blocks_concatenate_to_the_whole_file() {
    for file in LOSSLESS.iter().chain(&["mono.ogg", "mono.mp3"]) {
        let whole = read_audio::<f32>(fixture_path(file)).unwrap();
        let mut reader = AudioReader::open(fixture_path(file)).unwrap();
        assert_eq!(reader.sample_rate(), whole.sample_rate);
        assert_eq!(reader.channels(), whole.channels());
        let mut blocks = Vec::new();
        while let Some(b) = reader.next_block::<f32>().unwrap() {
            assert_eq!(b.nrows(), whole.channels());
            assert!(
                b.ncols() > 0 && b.ncols() <= 8192,
                "{file}: block of {}",
                b.ncols()
            );
            blocks.push(b);
        }
        assert!(reader.next_block::<f32>().unwrap().is_none());
        let views: Vec<_> = blocks.iter().map(Array2::view).collect();
        let joined = ndarray::concatenate(Axis(1), &views).unwrap();
        assert_eq!(joined, whole.samples, "{file}");
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input: every error typed and naming the file.

fn damaged(file: &str, tag: &str, f: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let mut bytes = std::fs::read(fixture_path(file)).unwrap();
    f(&mut bytes);
    let p = tmp(&format!("{tag}_{file}"));
    std::fs::write(&p, bytes).unwrap();
    p
}

fn assert_names(e: &Error, p: &Path) {
    assert!(
        e.to_string().contains(&p.display().to_string()),
        "error does not name {}: {e}",
        p.display()
    );
}

#[test]
fn truncated_files_of_each_format_are_typed_errors() {
    for file in [
        "mono_pcm_16.wav",
        "mono_float.wav",
        "mono_16.flac",
        "stereo_16.flac",
        "mono.ogg",
        "mono.mp3",
    ] {
        let p = damaged(file, "cut", |b| b.truncate(b.len() * 2 / 3));
        let e = read_audio::<f32>(&p).unwrap_err();
        assert!(matches!(e, Error::AudioTruncated { .. }), "{file}: {e:?}");
        assert_names(&e, &p);
        // Cut inside the header: nothing to decode. 20 bytes of MP3 are an ID3 tag's start
        // and no MPEG frame, so no format is recognised.
        let p = damaged(file, "head", |b| b.truncate(20));
        let e = read_audio::<f32>(&p).unwrap_err();
        if file.ends_with(".mp3") {
            assert!(matches!(e, Error::AudioFormat { .. }), "{file}: {e:?}");
        } else {
            assert!(matches!(e, Error::AudioTruncated { .. }), "{file}: {e:?}");
        }
        assert_names(&e, &p);
    }
}

#[test]
fn corrupt_files_of_each_format_are_typed_errors() {
    // Overwritten header fields: a channel count of 0 (WAV), a STREAMINFO block with a sample
    // rate of 0 (FLAC), a garbled Vorbis identification packet (Ogg), garbage where the frames
    // start (MP3 after its tag).
    let wav = damaged("mono_pcm_16.wav", "bad", |b| {
        let fmt = find(b, b"fmt ");
        b[fmt + 10..fmt + 12].copy_from_slice(&[0, 0]);
    });
    let flac = damaged("mono_16.flac", "bad", |b| {
        // "fLaC", block header (4), min/max block (4), min/max frame (6), then 20 bits of rate.
        b[18..20].fill(0);
        b[20] &= 0x0f;
    });
    let ogg = damaged("mono.ogg", "bad", |b| {
        let v = find(b, b"\x01vorbis");
        b[v + 7..v + 30].fill(0xff);
    });
    for p in [&wav, &flac, &ogg] {
        let e = read_audio::<f32>(p).unwrap_err();
        assert!(
            matches!(e, Error::AudioCorrupt { .. }),
            "{}: {e:?}",
            p.display()
        );
        assert_names(&e, p);
    }
    // Garbage in the middle of the coded data. Ogg pages carry CRCs: corrupt. The FLAC file's
    // one frame fails its CRC and the reader resynchronises past it, and the MP3's zeroed
    // frames hold no sync word: both end with fewer frames than their header declares, which
    // is refused as truncated rather than returned short.
    let flac_mid = damaged("mono_16.flac", "mid", |b| {
        let n = b.len();
        b[n / 2..n / 2 + 64].fill(0x5a);
    });
    let ogg_mid = damaged("mono.ogg", "mid", |b| {
        let n = b.len();
        b[n / 2..n / 2 + 64].fill(0x5a);
    });
    let mp3 = damaged("mono.mp3", "bad", |b| {
        let n = b.len();
        b[n / 3..].fill(0);
    });
    let e = read_audio::<f32>(&ogg_mid).unwrap_err();
    assert!(matches!(e, Error::AudioCorrupt { .. }), "{e:?}");
    assert_names(&e, &ogg_mid);
    for p in [&flac_mid, &mp3] {
        let e = read_audio::<f32>(p).unwrap_err();
        assert!(
            matches!(e, Error::AudioTruncated { .. }),
            "{}: {e:?}",
            p.display()
        );
        assert_names(&e, p);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"))
}

#[test]
fn empty_missing_unknown_and_unsupported_files_are_typed_errors() {
    let p = fixture_path("empty.wav");
    let e = read_audio::<f64>(&p).unwrap_err();
    assert!(
        matches!(&e, Error::EmptyAudio { path } if path == &p),
        "{e:?}"
    );

    let p = tmp("does-not-exist.wav");
    let e = read_audio::<f64>(&p).unwrap_err();
    assert!(
        matches!(&e, Error::NotFound { path } if path == &p),
        "{e:?}"
    );

    let p = tmp("not-audio.wav");
    std::fs::write(&p, b"path,label\nsome text that is no audio at all\n").unwrap();
    let e = read_audio::<f64>(&p).unwrap_err();
    assert!(matches!(e, Error::AudioFormat { .. }), "{e:?}");
    assert_names(&e, &p);

    // IMA ADPCM (written by soundfile): a codec this crate is built without.
    let p = fixture_path("adpcm_ima.wav");
    let e = read_audio::<f64>(&p).unwrap_err();
    assert!(matches!(e, Error::AudioUnsupported { .. }), "{e:?}");
    assert_names(&e, &p);

    // GSM 6.10 (format tag 0x0031), built by hand: header and 65 bytes of one GSM block.
    let p = tmp("gsm610.wav");
    std::fs::write(&p, gsm_wav()).unwrap();
    let e = read_audio::<f64>(&p).unwrap_err();
    assert!(matches!(e, Error::AudioUnsupported { .. }), "{e:?}");
    assert_names(&e, &p);
}

fn gsm_wav() -> Vec<u8> {
    let data = [0u8; 65];
    let mut fmt = Vec::new();
    fmt.extend_from_slice(&0x0031u16.to_le_bytes()); // WAVE_FORMAT_GSM610
    fmt.extend_from_slice(&1u16.to_le_bytes()); // channels
    fmt.extend_from_slice(&8000u32.to_le_bytes()); // rate
    fmt.extend_from_slice(&1625u32.to_le_bytes()); // bytes per second
    fmt.extend_from_slice(&65u16.to_le_bytes()); // block align
    fmt.extend_from_slice(&0u16.to_le_bytes()); // bits per sample
    fmt.extend_from_slice(&2u16.to_le_bytes()); // extra size
    fmt.extend_from_slice(&320u16.to_le_bytes()); // samples per block
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    let riff_len = 4 + 8 + fmt.len() + 8 + 4 + 8 + data.len();
    out.extend_from_slice(&(riff_len as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&(fmt.len() as u32).to_le_bytes());
    out.extend_from_slice(&fmt);
    out.extend_from_slice(b"fact");
    out.extend_from_slice(&4u32.to_le_bytes());
    out.extend_from_slice(&320u32.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&data);
    out
}

// ---------------------------------------------------------------------------------------------
// Resampling against librosa.resample (soxr_hq).

/// Magnitude spectrum in dB of `x` under a Hann window, by a direct DFT (bins 0..=n/2).
fn spectrum_db(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let w: Vec<f64> = (0..n)
        .map(|i| {
            let s = (std::f64::consts::PI * i as f64 / n as f64).sin();
            x[i] * s * s
        })
        .collect();
    (0..=n / 2)
        .map(|k| {
            let (mut re, mut im) = (0.0, 0.0);
            for (i, &v) in w.iter().enumerate() {
                let ph = -2.0 * std::f64::consts::PI * ((k * i) % n) as f64 / n as f64;
                re += v * ph.cos();
                im += v * ph.sin();
            }
            10.0 * (re * re + im * im).max(1e-300).log10()
        })
        .collect()
}

#[test]
fn resampling_matches_librosa_in_length_alignment_and_spectrum() {
    for name in ["down", "up", "odd"] {
        let x = npy1(&format!("resample_{name}_x"));
        let want = npy1(&format!("resample_{name}_y"));
        let rates: Array1<i64> =
            read_npy(fixture_path(&format!("resample_{name}_rates.npy"))).unwrap();
        let (from, to) = (rates[0] as u32, rates[1] as u32);
        let got = resample_audio(x.view(), from, to).unwrap();
        assert_eq!(got.len(), want.len(), "{name}: length");
        assert_eq!(got.len(), resampled_len(x.len(), from, to), "{name}");
        let (g, w) = (got.to_vec(), want.to_vec());
        assert_eq!(best_lag(&g, &w, 16), 0, "{name}: alignment");
        // Spectra: every bin below 0.9 of the lower Nyquist frequency whose level is within
        // 60 dB of the peak agrees within 0.15 dB (measured: 0.097 dB for 22050 -> 16000, below
        // 1e-3 dB for 16000 <-> 8000). Above 0.9 the two anti-aliasing filters' transition bands
        // differ (soxr_hq attenuates from about 0.91, rubato from about 0.95).
        let (sg, sw) = (spectrum_db(&g), spectrum_db(&w));
        let peak = sw.iter().copied().fold(f64::MIN, f64::max);
        let nyq = f64::from(from.min(to)) / 2.0;
        let bin_hz = f64::from(to) / g.len() as f64;
        let mut worst = 0.0_f64;
        for (k, (a, b)) in sg.iter().zip(&sw).enumerate() {
            if k as f64 * bin_hz < 0.9 * nyq && *b > peak - 60.0 {
                worst = worst.max((a - b).abs());
            }
        }
        assert!(worst < 0.15, "{name}: spectra differ by {worst:.3} dB");
        // f32 follows f64 to f32 precision.
        let got32 = resample_audio(x.mapv(|v| v as f32).view(), from, to).unwrap();
        let d = got32
            .iter()
            .zip(&got)
            .map(|(a, b)| (f64::from(*a) - b).abs())
            .fold(0.0, f64::max);
        assert!(d < 1e-5, "{name}: f32 path differs by {d:e}");
    }
}

#[test]
fn resampler_is_reusable_multichannel_and_refuses_bad_input() {
    let x = Array2::from_shape_fn((2, 1000), |(c, i)| {
        ((i as f64) * 0.01 * (c + 1) as f64).sin()
    });
    let mut r = Resampler::new(8000, 16000).unwrap();
    let y1 = r.process(x.view()).unwrap();
    let y2 = r.process(x.view()).unwrap();
    assert_eq!(y1, y2, "a reused resampler starts clean");
    assert_eq!(y1.dim(), (2, 2000));
    // Each channel as resampled alone.
    let alone = resample_audio(x.row(1), 8000, 16000).unwrap();
    assert_eq!(y1.row(1), alone);
    // Same rate: unchanged.
    assert_eq!(resample_audio(x.row(0), 8000, 8000).unwrap(), x.row(0));
    assert!(matches!(
        Resampler::new(0, 8000),
        Err(Error::InvalidAudio { .. })
    ));
    assert!(matches!(
        Resampler::new(8000, 0),
        Err(Error::InvalidAudio { .. })
    ));
    let empty = Array1::<f64>::zeros(0);
    assert!(matches!(
        resample_audio(empty.view(), 8000, 16000),
        Err(Error::InvalidAudio { .. })
    ));
    let mut nan = Array1::<f64>::zeros(10);
    nan[3] = f64::NAN;
    let e = resample_audio(nan.view(), 8000, 16000).unwrap_err();
    assert!(
        matches!(e, Error::InvalidAudio { .. }) && e.to_string().contains("sample 3"),
        "{e}"
    );
}

#[test]
fn resampled_length_is_librosas_ceil() {
    assert_eq!(resampled_len(2205, 22050, 16000), 1600);
    assert_eq!(resampled_len(1001, 16000, 8000), 501);
    assert_eq!(resampled_len(3, 8000, 44100), 17);
    for n in [1usize, 2, 7, 100, 441] {
        for (from, to) in [(44100, 8000), (8000, 44100), (48000, 44100), (16000, 22050)] {
            let x = Array1::from_shape_fn(n, |i| (i as f64 * 0.3).sin());
            let y = resample_audio(x.view(), from, to).unwrap();
            assert_eq!(y.len(), resampled_len(n, from, to), "n {n}, {from} -> {to}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Options of load_audio, WAV writing.

#[test]
fn load_audio_mixes_resamples_and_normalises() {
    let p = fixture_path("stereo_pcm_16.wav");
    let opts = AudioOptions::new()
        .mono(true)
        .sample_rate(8000)
        .normalization(Normalization::Peak);
    let a = load_audio::<f64>(&p, &opts).unwrap();
    assert_eq!((a.channels(), a.frames(), a.sample_rate), (1, 800, 8000));
    let mono = npy1("stereo_pcm_16_wav_mono");
    let want = resample_audio(mono.view(), 16000, 8000).unwrap();
    let peak = want.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    assert_eq!(a.samples.row(0), want.mapv(|v| v / peak));

    let rms = load_audio::<f32>(
        &p,
        &AudioOptions::new().normalization(Normalization::Rms(0.1)),
    )
    .unwrap();
    let level = (rms
        .samples
        .iter()
        .map(|v| f64::from(*v).powi(2))
        .sum::<f64>()
        / rms.samples.len() as f64)
        .sqrt();
    assert!((level - 0.1).abs() < 1e-6, "{level}");
    assert_eq!(rms.channels(), 2);

    // A silent file cannot be normalised: a typed error naming it, not a division by zero.
    let silent = tmp("silent.wav");
    write_wav(
        &silent,
        Array2::<f32>::zeros((1, 400)).view(),
        8000,
        WavFormat::Pcm16,
    )
    .unwrap();
    for n in [Normalization::Peak, Normalization::Rms(0.1)] {
        let e = load_audio::<f32>(&silent, &AudioOptions::new().normalization(n)).unwrap_err();
        assert!(matches!(e, Error::Item { .. }), "{e:?}");
        assert_names(&e, &silent);
    }
}

#[test]
fn write_wav_refuses_what_it_cannot_write_faithfully() {
    let p = tmp("refused.wav");
    let bad = |x: Array2<f64>, rate: u32, f: WavFormat| {
        let e = write_wav(&p, x.view(), rate, f).unwrap_err();
        assert!(matches!(e, Error::InvalidAudio { .. }), "{e:?}");
    };
    bad(Array2::from_elem((1, 4), 1.5), 8000, WavFormat::Pcm16);
    bad(
        Array2::from_elem((1, 4), f64::NAN),
        8000,
        WavFormat::Float32,
    );
    bad(
        Array2::from_elem((1, 4), f64::INFINITY),
        8000,
        WavFormat::Pcm16,
    );
    bad(Array2::zeros((0, 4)), 8000, WavFormat::Pcm16);
    bad(Array2::zeros((1, 4)), 0, WavFormat::Pcm16);
    // Float WAV keeps values beyond [-1, 1]; 1.0 in 16 bits clips to 32767 as soundfile.
    write_wav(
        &p,
        Array2::from_elem((1, 2), 2.5_f64).view(),
        8000,
        WavFormat::Float32,
    )
    .unwrap();
    assert_eq!(
        read_audio::<f64>(&p).unwrap().samples,
        Array2::from_elem((1, 2), 2.5)
    );
    write_wav(
        &p,
        Array2::from_elem((1, 1), 1.0_f64).view(),
        8000,
        WavFormat::Pcm16,
    )
    .unwrap();
    assert_eq!(
        read_audio::<f64>(&p).unwrap().samples[[0, 0]],
        32767.0 / 32768.0
    );
    // A folder that does not exist.
    let missing = tmp("no-such-dir").join("x.wav");
    let e = write_wav(
        &missing,
        Array2::<f64>::zeros((1, 2)).view(),
        8000,
        WavFormat::Pcm16,
    )
    .unwrap_err();
    assert_names(&e, &missing);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn write_wav_then_read_round_trips(
        channels in 1usize..4,
        frames in 1usize..300,
        rate in prop::sample::select(vec![8000u32, 16000, 22050, 44100, 48000]),
        seed in any::<u64>(),
    ) {
        let mut s = seed;
        let mut next = || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 33) as u32
        };
        let p = tmp(&format!("prop_{}.wav", std::thread::current().name().unwrap_or("t").replace("::", "_")));
        // 16-bit: values k / 32768 come back exactly.
        let codes = Array2::from_shape_fn((channels, frames), |_| (next() % 65536) as i32 - 32768);
        let x = codes.mapv(|k| f64::from(k) / 32768.0);
        write_wav(&p, x.view(), rate, WavFormat::Pcm16).unwrap();
        let back: Audio<f64> = read_audio(&p).unwrap();
        prop_assert_eq!(back.sample_rate, rate);
        prop_assert_eq!(&back.samples, &x);
        // Float: every finite f32 comes back bit for bit.
        let xf = Array2::from_shape_fn((channels, frames), |_| f32::from_bits(next() & 0xbfff_ffff));
        write_wav(&p, xf.view(), rate, WavFormat::Float32).unwrap();
        let back: Audio<f32> = read_audio(&p).unwrap();
        prop_assert_eq!(&back.samples, &xf);
    }
}
