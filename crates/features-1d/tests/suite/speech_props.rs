//! Properties of the speech features: streams equal the one-shot call for any cut of the
//! signal, batches equal one call per signal, the mel bank reproduces identities, and every
//! bad input gives its typed error.

use features_1d::{
    BasisPrecision, DbParams, Error, FftPrecision, MelBankParams, MelFilterBank, MelNorm,
    MelParams, MelScale, MelSpectrogram, Mfcc, MfccParams, Reference, delta, power_to_db,
};
use ndarray::{Array1, Array2, Axis, Slice, array, concatenate};
use proptest::prelude::*;

/// Small plans so that the properties run many cases: `n_fft` 64 (odd 63 too), hop 16 or 20.
fn small(n_fft: usize, hop: usize, win: usize) -> MelParams {
    MelParams::default()
        .sample_rate(8000.0)
        .n_fft(n_fft)
        .hop_length(hop)
        .win_length(win)
        .n_mels(12)
}

/// `x` cut at the sorted positions `cuts` (fractions of its length), including empty blocks.
fn blocks(x: &Array1<f64>, cuts: &[f64]) -> Vec<Array1<f64>> {
    let mut at: Vec<usize> = cuts.iter().map(|c| (c * x.len() as f64) as usize).collect();
    at.push(0);
    at.push(x.len());
    at.sort_unstable();
    at.windows(2)
        .map(|w| x.slice_axis(Axis(0), Slice::from(w[0]..w[1])).to_owned())
        .collect()
}

fn cat(parts: &[Array2<f64>], rows: usize) -> Array2<f64> {
    let views: Vec<_> = parts.iter().map(|p| p.view()).collect();
    let out = concatenate(Axis(1), &views).unwrap();
    assert_eq!(out.nrows(), rows);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any split of the signal into blocks gives the one-shot frames, bit for bit.
    #[test]
    fn mel_stream_equals_one_shot(
        x in prop::collection::vec(-1.0f64..1.0, 1..400),
        cuts in prop::collection::vec(0.0f64..1.0, 0..8),
        (n_fft, hop, win) in prop_oneof![Just((64, 16, 64)), Just((63, 20, 50)), Just((64, 100, 40))],
    ) {
        let x = Array1::from_vec(x);
        let mel = MelSpectrogram::<f64>::new(small(n_fft, hop, win)).unwrap();
        let mut stream = mel.stream();
        let mut parts = Vec::new();
        for b in blocks(&x, &cuts) {
            parts.push(stream.push(b.view()).unwrap());
        }
        parts.push(stream.finish().unwrap());
        let want = mel.process(x.view()).unwrap();
        prop_assert_eq!(cat(&parts, 12), want);
    }

    /// The same for MFCCs (fixed reference, no top_db), in f32 with the f64 FFT.
    #[test]
    fn mfcc_stream_equals_one_shot(
        x in prop::collection::vec(-1.0f32..1.0, 1..400),
        cuts in prop::collection::vec(0.0f64..1.0, 0..8),
    ) {
        let x = Array1::from_vec(x);
        let p = MfccParams::default()
            .mel(small(64, 16, 64))
            .n_mfcc(7)
            .lifter(5.0)
            .db(DbParams::default().top_db(None).reference(Reference::Value(0.5)));
        let mfcc = Mfcc::<f32>::new(p).unwrap();
        let mut stream = mfcc.stream().unwrap();
        let xf = x.mapv(f64::from);
        let mut parts = Vec::new();
        for b in blocks(&xf, &cuts) {
            let b = b.mapv(|v| v as f32);
            parts.push(stream.push(b.view()).unwrap().mapv(f64::from));
        }
        parts.push(stream.finish().unwrap().mapv(f64::from));
        let want = mfcc.process(x.view()).unwrap().mapv(f64::from);
        prop_assert_eq!(cat(&parts, 7), want);
    }

    /// The mel spectrogram is linear in the power spectrogram: the bank applied to
    /// `power_spectrogram` column by column gives `process`.
    #[test]
    fn mel_is_the_bank_times_the_power(x in prop::collection::vec(-1.0f64..1.0, 1..300)) {
        let x = Array1::from_vec(x);
        let mel = MelSpectrogram::<f64>::new(small(64, 16, 64)).unwrap();
        let power = mel.power_spectrogram(x.view()).unwrap();
        let want = mel.bank().to_dense().dot(&power);
        let got = mel.process(x.view()).unwrap();
        for (g, w) in got.iter().zip(&want) {
            prop_assert!((g - w).abs() <= 1e-12 * w.abs().max(1e-300) + 1e-15);
        }
    }
}

#[test]
fn stream_memory_stays_bounded_and_frames_arrive_early() {
    let mel = MelSpectrogram::<f32>::new(MelParams::default()).unwrap();
    let mut stream = mel.stream();
    let block = Array1::from_shape_fn(4096, |i| ((i as f32) * 0.01).sin());
    let mut frames = 0;
    for _ in 0..100 {
        frames += stream.push(block.view()).unwrap().ncols();
    }
    // every frame whose samples have all arrived is out: frame k ends at 512 k + 1024
    let total = 100 * 4096;
    assert_eq!(frames, (total - 1024) / 512 + 1);
    assert_eq!(stream.frames(), frames);
    assert_eq!(stream.samples(), total);
    frames += stream.finish().unwrap().ncols();
    assert_eq!(frames, mel.n_frames(total));
}

#[test]
fn batches_equal_one_call_per_signal() {
    let signals: Vec<Array1<f32>> = (1..6)
        .map(|k| Array1::from_shape_fn(700 * k + 3, |i| ((i * k) as f32 * 0.013).sin()))
        .collect();
    let p = MfccParams::default().mel(small(64, 16, 64)).n_mfcc(5);
    let mfcc = Mfcc::<f32>::new(p).unwrap();
    let all = mfcc.process_batch(&signals).unwrap();
    let mel = mfcc.mel().process_batch(&signals).unwrap();
    for (i, x) in signals.iter().enumerate() {
        assert_eq!(all[i], mfcc.process(x.view()).unwrap());
        assert_eq!(mel[i], mfcc.mel().process(x.view()).unwrap());
        assert_eq!(all[i].dim(), (5, mfcc.n_frames(x.len())));
    }
    // the first failing signal is named
    let mut bad = signals.clone();
    bad[3][10] = f32::NAN;
    bad[4][0] = f32::INFINITY;
    match mfcc.process_batch(&bad).unwrap_err() {
        Error::AtSignal { index, source } => {
            assert_eq!(index, 3);
            assert!(matches!(
                *source,
                Error::Core(dsp_core::Error::NonFinite { index: 10, .. })
            ));
        }
        e => panic!("{e}"),
    }
}

#[test]
fn signals_shorter_than_n_fft_are_padded_as_librosa() {
    let mel = MelSpectrogram::<f64>::new(MelParams::default()).unwrap();
    // 1 + (len + 2 * 1024 - 2048) / 512 frames
    for (len, frames) in [(1, 1), (511, 1), (512, 2), (1000, 2), (2047, 4)] {
        let x = Array1::from_elem(len, 0.5);
        assert_eq!(mel.process(x.view()).unwrap().dim(), (128, frames), "{len}");
    }
}

#[test]
fn f32_fft_and_f64_fft_agree_near_the_peak() {
    let x = Array1::from_shape_fn(5000, |i| {
        (i as f32 * 0.2).sin() + 0.1 * (i as f32 * 1.3).cos()
    });
    let wide = MelSpectrogram::<f32>::new(MelParams::default()).unwrap();
    let narrow =
        MelSpectrogram::<f32>::new(MelParams::default().fft_precision(FftPrecision::Signal))
            .unwrap();
    let (a, b) = (
        wide.process(x.view()).unwrap(),
        narrow.process(x.view()).unwrap(),
    );
    let top = a.iter().fold(0.0f32, |m, v| m.max(*v));
    for (u, v) in a.iter().zip(&b) {
        assert!((u - v).abs() <= 1e-5 * u.abs() + 1e-7 * top, "{u} vs {v}");
    }
}

#[test]
fn mel_bank_identities() {
    // Slaney norm: each filter's area in Hz is 1 (the triangle of height 2 / width integrates
    // to 1), to the sampling of the bins
    let p = MelBankParams {
        precision: BasisPrecision::F64,
        n_fft: 16384,
        n_mels: 40,
        ..MelBankParams::default()
    };
    let bank = MelFilterBank::<f64>::new(&p).unwrap();
    let df = p.sample_rate / p.n_fft as f64;
    for m in 0..40 {
        let area: f64 = bank.weights(m).expect("m < n_mels").iter().sum::<f64>() * df;
        assert!((area - 1.0).abs() < 2e-2, "filter {m}: area {area}");
    }
    // no norm: neighbouring HTK triangles sum to 1 between the first and last centres
    let p = MelBankParams {
        scale: MelScale::Htk,
        norm: MelNorm::None,
        precision: BasisPrecision::F64,
        n_fft: 4096,
        n_mels: 30,
        ..MelBankParams::default()
    };
    let dense = MelFilterBank::<f64>::new(&p).unwrap().to_dense();
    let centres = features_1d::mel_frequencies(32, 0.0, 11025.0, MelScale::Htk);
    let freqs = features_1d::fft_frequencies(22050.0, 4096);
    for (k, f) in freqs.iter().enumerate() {
        if *f > centres[1] && *f < centres[30] {
            let s: f64 = dense.column(k).sum();
            assert!((s - 1.0).abs() < 1e-9, "bin {k} ({f} Hz): {s}");
        }
    }
}

#[test]
fn bad_parameters_give_typed_errors() {
    let mel = |p: MelParams| MelSpectrogram::<f64>::new(p).unwrap_err();
    let d = MelParams::default();
    assert_eq!(mel(d.n_fft(1)), Error::InvalidNfft { n_fft: 1 });
    assert_eq!(mel(d.hop_length(0)), Error::InvalidHop { hop_length: 0 });
    assert_eq!(mel(d.n_mels(0)), Error::InvalidMelCount { n_mels: 0 });
    assert_eq!(
        mel(d.win_length(4096)),
        Error::InvalidWinLength {
            win_length: 4096,
            n_fft: 2048
        }
    );
    assert_eq!(
        mel(d.win_length(0)),
        Error::InvalidWinLength {
            win_length: 0,
            n_fft: 2048
        }
    );
    for sr in [0.0, -8000.0, f64::NAN, f64::INFINITY] {
        assert!(
            matches!(mel(d.sample_rate(sr)), Error::InvalidSampleRate { .. }),
            "{sr}"
        );
    }
    assert_eq!(
        mel(d.fmax(12000.0)),
        Error::InvalidMelRange {
            fmin: 0.0,
            fmax: 12000.0,
            nyquist: 11025.0
        }
    );
    assert!(matches!(
        mel(d.fmin(500.0).fmax(500.0)),
        Error::InvalidMelRange { .. }
    ));
    assert!(matches!(mel(d.fmin(-1.0)), Error::InvalidMelRange { .. }));
    assert!(matches!(
        mel(d.fmin(f64::NAN)),
        Error::InvalidMelRange { .. }
    ));
    // fmax defaults to sr / 2, so fmin at or above it is refused too
    assert!(matches!(
        mel(d.sample_rate(8000.0).fmin(4000.0)),
        Error::InvalidMelRange { .. }
    ));
    for power in [0.0, -2.0, f64::NAN] {
        assert!(matches!(mel(d.power(power)), Error::InvalidPower { .. }));
    }
    let mfcc = |p: MfccParams| Mfcc::<f32>::new(p).unwrap_err();
    let m = MfccParams::default();
    assert_eq!(
        mfcc(m.n_mfcc(129)),
        Error::InvalidMfccCount {
            n_mfcc: 129,
            n_mels: 128
        }
    );
    assert!(matches!(mfcc(m.n_mfcc(0)), Error::InvalidMfccCount { .. }));
    assert!(matches!(
        mfcc(m.lifter(-1.0)),
        Error::InvalidScaling { name: "lifter", .. }
    ));
    assert!(matches!(
        mfcc(m.db(DbParams::default().amin(0.0))),
        Error::InvalidScaling { name: "amin", .. }
    ));
    assert!(matches!(
        mfcc(m.db(DbParams::default().top_db(Some(-1.0)))),
        Error::InvalidScaling { name: "top_db", .. }
    ));
    assert!(matches!(
        mfcc(m.db(DbParams::default().reference(Reference::Value(f64::NAN)))),
        Error::InvalidScaling { name: "ref", .. }
    ));
    assert!(matches!(mfcc(m.mel(d.n_fft(0))), Error::InvalidNfft { .. }));
}

#[test]
fn bad_signals_give_typed_errors() {
    let mel = MelSpectrogram::<f32>::new(MelParams::default()).unwrap();
    let mfcc = Mfcc::<f32>::new(MfccParams::default()).unwrap();
    let empty = Array1::<f32>::zeros(0);
    for e in [
        mel.process(empty.view()).unwrap_err(),
        mel.power_spectrogram(empty.view()).unwrap_err(),
        mfcc.process(empty.view()).unwrap_err(),
    ] {
        assert!(
            matches!(e, Error::Core(dsp_core::Error::TooShort { .. })),
            "{e}"
        );
    }
    for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
        let mut x = Array1::<f32>::zeros(3000);
        x[2999] = bad;
        for e in [
            mel.process(x.view()).unwrap_err(),
            mfcc.process(x.view()).unwrap_err(),
        ] {
            assert!(
                matches!(
                    e,
                    Error::Core(dsp_core::Error::NonFinite { index: 2999, .. })
                ),
                "{e}"
            );
        }
    }
}

#[test]
fn streams_refuse_whole_signal_settings_and_bad_blocks() {
    // librosa's defaults (top_db=80) and ref=max depend on the whole signal
    let mfcc = Mfcc::<f64>::new(MfccParams::default()).unwrap();
    assert!(matches!(
        mfcc.stream().unwrap_err(),
        Error::NotStreamable { .. }
    ));
    let p = MfccParams::default().db(DbParams::default().top_db(None).reference(Reference::Max));
    let mfcc = Mfcc::<f64>::new(p).unwrap();
    assert!(matches!(
        mfcc.stream().unwrap_err(),
        Error::NotStreamable { .. }
    ));

    // a block with a NaN is refused whole; the stream goes on as if it had not been sent
    let mel = MelSpectrogram::<f64>::new(small(64, 16, 64)).unwrap();
    let x = Array1::from_shape_fn(300, |i| (i as f64 * 0.3).sin());
    let mut stream = mel.stream();
    let mut parts = vec![
        stream
            .push(x.slice_axis(Axis(0), Slice::from(..100)))
            .unwrap(),
    ];
    let bad = array![1.0, f64::NAN];
    assert!(matches!(
        stream.push(bad.view()).unwrap_err(),
        Error::Core(dsp_core::Error::NonFinite { index: 1, .. })
    ));
    assert_eq!(stream.samples(), 100);
    parts.push(
        stream
            .push(x.slice_axis(Axis(0), Slice::from(100..)))
            .unwrap(),
    );
    parts.push(stream.finish().unwrap());
    assert_eq!(cat(&parts, 12), mel.process(x.view()).unwrap());

    // a stream given nothing is an empty signal
    assert_eq!(mel.stream().finish().unwrap_err(), Error::EmptyStream);
}

#[test]
fn power_to_db_and_delta_errors() {
    let p = DbParams::default();
    let empty = Array2::<f64>::zeros((0, 3));
    assert!(matches!(
        power_to_db(empty.view(), &p).unwrap_err(),
        Error::Core(dsp_core::Error::TooShort { .. })
    ));
    let nan = array![[1.0, f64::NAN]];
    assert!(matches!(
        power_to_db(nan.view(), &p).unwrap_err(),
        Error::Core(dsp_core::Error::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        power_to_db(array![1.0].view(), &p.amin(-1.0)).unwrap_err(),
        Error::InvalidScaling { name: "amin", .. }
    ));

    let x = Array2::<f64>::zeros((3, 9));
    for width in [1, 2, 4, 10] {
        assert_eq!(
            delta(x.view(), width, 1).unwrap_err(),
            Error::InvalidDeltaWidth { width }
        );
    }
    assert_eq!(
        delta(x.view(), 5, 0).unwrap_err(),
        Error::InvalidDeltaOrder { order: 0, width: 5 }
    );
    assert_eq!(
        delta(x.view(), 5, 5).unwrap_err(),
        Error::InvalidDeltaOrder { order: 5, width: 5 }
    );
    assert_eq!(
        delta(x.view(), 11, 1).unwrap_err(),
        Error::TooFewFrames {
            frames: 9,
            width: 11
        }
    );
    let mut y = x.clone();
    y[[2, 4]] = f64::INFINITY;
    assert!(matches!(
        delta(y.view(), 9, 1).unwrap_err(),
        Error::Core(dsp_core::Error::NonFinite { .. })
    ));
    // exactly `width` frames is enough (librosa's limit)
    assert!(delta(x.view(), 9, 2).is_ok());
}
