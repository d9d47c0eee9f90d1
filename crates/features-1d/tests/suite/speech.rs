//! Mel scale, mel filter banks, mel spectrograms, `power_to_db`, MFCC and deltas against
//! librosa 0.11.0 (fixtures from `fixtures/gen_speech.py`, numpy 2.2.6 / scipy 1.16.3).
//!
//! Tolerances and why:
//! - mel scale and `f64` mel bases: 1e-12 relative (libm's `ln`/`exp`/`log10` against
//!   numpy's, a few ulps).
//! - `f32` mel bases (librosa's default): one `f32` rounding, 2^-23 relative: the weights are
//!   computed in `f64` as librosa does and rounded to `f32` twice; an ulp of difference in the
//!   `f64` mel frequencies can flip a rounding.
//! - mel (and power) spectrograms: `f64` signals 1e-10 relative plus 1e-12 of the largest
//!   value (FFT rounding of rustfft against pocketfft, relative to the spectrum's peak);
//!   `f32` signals 1e-5 relative plus 1e-8 of the largest value: sigfeat transforms `f32` in
//!   `f32`, librosa in `f64` before rounding, so bands far below the peak carry the `f32`
//!   FFT's noise floor (near -80 dB of the peak power, where `power_to_db`'s 80 dB range
//!   ends anyway).
//! - decibels: 1e-4 dB for `f32` (values up to ~100 dB in `f32`, 1e-5 per ulp, plus the
//!   spectrogram's 1e-5 relative, 4e-5 dB), 1e-9 dB for `f64`.
//! - MFCC: 1e-3 absolute for `f32` (a 128-term `f32` DCT of those dB values, on both sides),
//!   1e-8 for `f64`.
//! - deltas: 1e-5 relative of the row's scale for `f32`, 1e-12 for `f64` (scipy fits the edges by
//!   `polyfit`, sigfeat uses the closed form).

use std::path::Path;

use features_1d::{
    BasisPrecision, DbParams, FftPrecision, MelBankParams, MelFilterBank, MelNorm, MelParams,
    MelScale, MelSpectrogram, Mfcc, MfccParams, Reference, delta, fft_frequencies, hz_to_mel,
    mel_frequencies, mel_to_hz, power_to_db,
};
use fourier::FftFloat;
use ndarray::{Array1, Array2, ArrayView2};
use ndarray_npy::{ReadableElement, read_npy};

fn fx<A: ReadableElement, D: ndarray::Dimension>(name: &str) -> ndarray::Array<A, D> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/speech")
        .join(format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `|got - want| <= rtol |want| + atol max|want|` everywhere; returns the worst ratio of the
/// error to that bound (for the message).
fn assert_close<'a, T: FftFloat>(
    got: impl IntoIterator<Item = &'a T>,
    want: impl IntoIterator<Item = &'a T>,
    rtol: f64,
    atol: f64,
    what: &str,
) {
    let got: Vec<f64> = got.into_iter().map(|v| v.to_f64_lossless()).collect();
    let want: Vec<f64> = want.into_iter().map(|v| v.to_f64_lossless()).collect();
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let mut worst = (0.0, 0);
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let bound = rtol * w.abs() + atol * scale;
        let err = (g - w).abs();
        assert!(
            err <= bound,
            "{what}[{i}]: {g} vs {w} (err {err:e}, bound {bound:e})"
        );
        if bound > 0.0 && err / bound >= worst.0 {
            worst = (err / bound, i);
        }
    }
    eprintln!("{what}: worst err/bound {:.3} at {}", worst.0, worst.1);
}

/// `|got - want| <= tol` everywhere.
fn assert_abs<'a, T: FftFloat>(
    got: impl IntoIterator<Item = &'a T>,
    want: impl IntoIterator<Item = &'a T>,
    tol: f64,
    what: &str,
) {
    let mut worst = 0.0f64;
    let mut n = 0;
    for (i, (g, w)) in got.into_iter().zip(want).enumerate() {
        let err = (g.to_f64_lossless() - w.to_f64_lossless()).abs();
        assert!(
            err <= tol,
            "{what}[{i}]: {g} vs {w} (err {err:e} > {tol:e})"
        );
        worst = worst.max(err);
        n += 1;
    }
    assert!(n > 0, "{what}: nothing compared");
    eprintln!("{what}: max abs err {worst:e}");
}

/// dB values of an `f32` spectrogram: `1e-4 + 2e-7 * 10^(depth / 20)` dB, `depth` the value's
/// distance in dB below the largest one. The `f32` FFT's rounding is about 1e-7 of the peak
/// amplitude in every bin; a band `depth` dB below the peak has amplitude `10^(-depth/20)`
/// of it, so its relative power error, and its dB error (x 4.34), grow as `10^(depth/20)`:
/// 1e-4 dB near the peak, 1.2e-4 dB at 40 dB below, 2e-3 dB at 80 dB (the default `top_db`).
fn assert_db_f32<'a, T: FftFloat>(
    got: impl IntoIterator<Item = &'a T>,
    want: impl IntoIterator<Item = &'a T>,
    what: &str,
) {
    let want: Vec<f64> = want.into_iter().map(|v| v.to_f64_lossless()).collect();
    let top = want.iter().fold(f64::NEG_INFINITY, |m, v| m.max(*v));
    let mut worst = 0.0f64;
    for (i, (g, w)) in got.into_iter().zip(&want).enumerate() {
        let tol = 1e-4 + 2e-7 * 10f64.powf((top - w) / 20.0);
        let err = (g.to_f64_lossless() - w).abs();
        assert!(
            err <= tol,
            "{what}[{i}]: {g} vs {w} ({} dB below the top: err {err:e} > {tol:e})",
            top - w
        );
        worst = worst.max(err / tol);
    }
    eprintln!("{what}: worst err/tol {worst:.3}");
}

/// One fixture case of `gen_speech.py`: its librosa keyword arguments as sigfeat parameters.
struct Case {
    name: &'static str,
    mel: MelParams,
    n_mfcc: usize,
    lifter: f64,
}

fn cases() -> Vec<Case> {
    let small = MelParams::default().n_fft(512).hop_length(128);
    let c = |name, mel, n_mfcc, lifter| Case {
        name,
        mel,
        n_mfcc,
        lifter,
    };
    vec![
        c("tones_f64", MelParams::default(), 20, 0.0),
        c("noise_f32", MelParams::default(), 20, 0.0),
        c("short_f64", MelParams::default(), 20, 0.0),
        c(
            "chirp_f32",
            small
                .sample_rate(16000.0)
                .n_mels(40)
                .fmin(50.0)
                .fmax(7000.0)
                .scale(MelScale::Htk)
                .norm(MelNorm::None),
            13,
            22.0,
        ),
        c(
            "chirp_f64basis",
            small
                .sample_rate(16000.0)
                .n_mels(64)
                .precision(BasisPrecision::F64),
            20,
            0.0,
        ),
        c(
            "voice_f32",
            small.sample_rate(8000.0).win_length(400).n_mels(40),
            13,
            0.0,
        ),
    ]
}

fn is_f32(name: &str) -> bool {
    name.ends_with("_f32")
}

#[test]
fn mel_scale_equals_librosa() {
    let hz: Array1<f64> = fx("hz");
    let mels: Array1<f64> = fx("mels");
    for (scale, tag) in [(MelScale::Slaney, "slaney"), (MelScale::Htk, "htk")] {
        let got = hz.mapv(|f| hz_to_mel(f, scale));
        let want: Array1<f64> = fx(&format!("hz_to_mel_{tag}"));
        assert_close(&got, &want, 1e-12, 0.0, &format!("hz_to_mel {tag}"));
        let got = mels.mapv(|m| mel_to_hz(m, scale));
        let want: Array1<f64> = fx(&format!("mel_to_hz_{tag}"));
        assert_close(&got, &want, 1e-12, 0.0, &format!("mel_to_hz {tag}"));
    }
    let want: Array1<f64> = fx("mel_frequencies_slaney");
    let got = mel_frequencies(130, 0.0, 11025.0, MelScale::Slaney);
    assert_close(&got, &want, 1e-12, 0.0, "mel_frequencies slaney");
    let want: Array1<f64> = fx("mel_frequencies_htk");
    let got = mel_frequencies(42, 50.0, 7000.0, MelScale::Htk);
    assert_close(&got, &want, 1e-12, 0.0, "mel_frequencies htk");
    // rfftfreq's arithmetic, bit for bit
    let want: Array1<f64> = fx("fft_frequencies_22050_2048");
    assert_eq!(fft_frequencies(22050.0, 2048), want);
    let want: Array1<f64> = fx("fft_frequencies_8000_511");
    assert_eq!(fft_frequencies(8000.0, 511), want);
}

fn check_bank<T: FftFloat + ReadableElement>(case: &Case, rtol: f64) {
    let bank = MelFilterBank::<T>::new(&case.mel.bank).unwrap();
    let ranges: Array2<i64> = fx(&format!("basis_{}_ranges", case.name));
    let values: Array1<T> = fx(&format!("basis_{}_values", case.name));
    assert_eq!(ranges.nrows(), bank.n_mels(), "{}", case.name);
    let mut got = Vec::new();
    for m in 0..bank.n_mels() {
        let (a, b) = bank.range(m).expect("m < n_mels");
        assert_eq!(
            [a as i64, b as i64],
            [ranges[[m, 0]], ranges[[m, 1]]],
            "{} filter {m}",
            case.name
        );
        got.extend_from_slice(bank.weights(m).expect("m < n_mels"));
    }
    assert_close(&got, &values, rtol, 0.0, &format!("basis {}", case.name));
    // past the last filter: None, not a panic
    assert_eq!(bank.range(bank.n_mels()), None);
    assert!(bank.weights(bank.n_mels()).is_none());
    // the dense form holds the same weights, zeros elsewhere
    let dense = bank.to_dense();
    let nonzero: usize = dense.iter().filter(|v| **v != T::zero()).count();
    assert_eq!(nonzero, values.len(), "{}", case.name);
}

#[test]
fn mel_filter_banks_equal_librosa() {
    for case in cases() {
        match case.mel.bank.precision {
            BasisPrecision::F32 => check_bank::<f32>(&case, 2f64.powi(-23)),
            BasisPrecision::F64 => check_bank::<f64>(&case, 1e-12),
        }
    }
    // the dense function is the same matrix
    let p = MelBankParams::default();
    let dense = features_1d::mel_filter_bank::<f64>(&p).unwrap();
    assert_eq!(dense, MelFilterBank::<f64>::new(&p).unwrap().to_dense());
    assert_eq!(dense.dim(), (128, 1025));
}

/// Mel spectrogram, dB (two references), MFCC and deltas of one case in `T`.
fn check_case<T: FftFloat + ReadableElement>(
    case: &Case,
    f32_input: bool,
    precision: FftPrecision,
) {
    let name = case.name;
    let y: Array1<T> = fx(&format!("{name}_y"));
    // the f32 FFT (FftPrecision::Signal) has its rounding floor near 1e-8 of the peak power
    let f32_fft = f32_input && precision == FftPrecision::Signal;
    let (mel_tol, db_tol, mfcc_tol) = match (f32_input, f32_fft) {
        (true, true) => ((1e-5, 1e-8), 1e-4, 5e-3),
        (true, false) => ((1e-5, 1e-12), 1e-4, 1e-3),
        _ => ((1e-10, 1e-12), 1e-9, 1e-8),
    };
    let mel_params = case.mel.fft_precision(precision);
    let name = &*format!("{name} {precision:?}");
    let case = &Case {
        name: case.name,
        mel: mel_params,
        ..*case
    };

    let plan = MelSpectrogram::<T>::new(case.mel).unwrap();
    let mel = plan.process(y.view()).unwrap();
    let want: Array2<T> = fx(&format!("{}_mel", case.name));
    assert_eq!(mel.dim(), want.dim(), "{name}");
    assert_close(&mel, &want, mel_tol.0, mel_tol.1, &format!("{name} mel"));

    // dB of librosa's own mel spectrogram, to test power_to_db alone
    let db = power_to_db(want.view(), &DbParams::default()).unwrap();
    let want_db: Array2<T> = fx(&format!("{}_db", case.name));
    assert_abs(&db, &want_db, db_tol, &format!("{name} db"));
    // and of ours, end to end
    let db = power_to_db(mel.view(), &DbParams::default()).unwrap();
    if f32_fft {
        assert_db_f32(&db, &want_db, &format!("{name} db of ours"));
    } else {
        assert_abs(&db, &want_db, db_tol, &format!("{name} db of ours"));
    }
    if ["tones_f64", "voice_f32"].contains(&case.name) {
        let p = DbParams::default()
            .reference(Reference::Max)
            .amin(1e-8)
            .top_db(Some(60.0));
        let want_max: Array2<T> = fx(&format!("{}_db_max", case.name));
        let db = power_to_db(want.view(), &p).unwrap();
        assert_abs(&db, &want_max, db_tol, &format!("{name} db ref=max"));
        let db = power_to_db(mel.view(), &p).unwrap();
        if f32_fft {
            assert_db_f32(&db, &want_max, &format!("{name} db ref=max of ours"));
        } else {
            assert_abs(
                &db,
                &want_max,
                db_tol,
                &format!("{name} db ref=max of ours"),
            );
        }
    }

    let mfcc = Mfcc::<T>::new(
        MfccParams::default()
            .mel(case.mel)
            .n_mfcc(case.n_mfcc)
            .lifter(case.lifter),
    )
    .unwrap();
    let m = mfcc.process(y.view()).unwrap();
    let want_m: Array2<T> = fx(&format!("{}_mfcc", case.name));
    assert_eq!(m.dim(), want_m.dim(), "{name}");
    // f32: 1e-3 absolute, plus 1e-5 relative for the coefficients of hundreds (c0, and any
    // coefficient a lifter scales up) whose f32 ulp is 1.5e-5 and more
    let rel = if f32_input { 1e-5 } else { 0.0 };
    for (i, (g, w)) in m.iter().zip(&want_m).enumerate() {
        let (g, w) = (g.to_f64_lossless(), w.to_f64_lossless());
        let tol = mfcc_tol + rel * w.abs();
        assert!(
            (g - w).abs() <= tol,
            "{name} mfcc[{i}]: {g} vs {w} (tol {tol:e})"
        );
    }

    if want_m.ncols() >= 9 {
        for order in [1, 2] {
            let want: Array2<T> = fx(&format!("{}_delta{order}", case.name));
            // of librosa's MFCC, to test the delta alone
            let d = delta(want_m.view(), 9, order).unwrap();
            check_delta(
                d.view(),
                want.view(),
                f32_input,
                &format!("{name} delta{order}"),
            );
            // of ours
            let d = delta(m.view(), 9, order).unwrap();
            assert_abs(&d, &want, mfcc_tol, &format!("{name} delta{order} of ours"));
        }
    }
}

/// Deltas row by row: `rtol` of each row's largest input-scale value.
fn check_delta<T: FftFloat>(
    got: ArrayView2<'_, T>,
    want: ArrayView2<'_, T>,
    f32: bool,
    what: &str,
) {
    let tol = if f32 { 1e-5 } else { 1e-12 };
    for (r, (g, w)) in got.rows().into_iter().zip(want.rows()).enumerate() {
        assert_close(g, w, tol, tol, &format!("{what} row {r}"));
    }
}

#[test]
fn speech_features_equal_librosa() {
    for case in cases() {
        for precision in [FftPrecision::F64, FftPrecision::Signal] {
            if is_f32(case.name) {
                check_case::<f32>(&case, true, precision);
            } else {
                check_case::<f64>(&case, false, precision);
            }
        }
    }
}

#[test]
fn stft_power_and_magnitude_equal_librosa() {
    let case = &cases()[5];
    let y: Array1<f32> = fx("voice_f32_y");
    let plan = MelSpectrogram::<f32>::new(case.mel).unwrap();
    let want: Array2<f32> = fx("voice_f32_power");
    assert_close(
        &plan.power_spectrogram(y.view()).unwrap(),
        &want,
        1e-5,
        1e-8,
        "voice power",
    );

    let y: Array1<f64> = fx("short_f64_y");
    let plan = MelSpectrogram::<f64>::new(MelParams::default().power(1.0)).unwrap();
    let want: Array2<f64> = fx("short_f64_magnitude");
    let got = plan.power_spectrogram(y.view()).unwrap();
    assert_eq!(got.dim(), (1025, 2));
    assert_close(&got, &want, 1e-10, 1e-12, "short magnitude");
    let want: Array2<f64> = fx("short_f64_mel_power1");
    assert_close(
        &plan.process(y.view()).unwrap(),
        &want,
        1e-10,
        1e-12,
        "short mel power 1",
    );
}

#[test]
fn deltas_equal_librosa() {
    let d: Array2<f64> = fx("delta_in");
    for width in [3, 5, 9] {
        for order in [1, 2, 3] {
            if order >= width {
                continue;
            }
            let want: Array2<f64> = fx(&format!("delta_w{width}_o{order}"));
            let got = delta(d.view(), width, order).unwrap();
            check_delta(
                got.view(),
                want.view(),
                false,
                &format!("delta w{width} o{order}"),
            );
        }
    }
    let d: Array2<f64> = fx("delta_exact_in");
    let want: Array2<f64> = fx("delta_exact_w5_o1");
    check_delta(
        delta(d.view(), 5, 1).unwrap().view(),
        want.view(),
        false,
        "delta exact",
    );
    let d: Array2<f32> = fx("delta_f32_in");
    let want: Array2<f32> = fx("delta_f32_w9_o2");
    check_delta(
        delta(d.view(), 9, 2).unwrap().view(),
        want.view(),
        true,
        "delta f32",
    );
}
