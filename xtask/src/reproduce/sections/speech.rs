//! Section 12, "Speech": the shipped recordings of spoken numbers (six recorded voices and twenty
//! espeak-ng voices, `datasets/speech`), two voices' waveforms and spectra, the tutorial's local
//! features over time, and which speaker, gender, language, number, sentence or source the
//! tutorial's Fourier band powers, MFCC statistics and a bag of audio words recognise by
//! leave-one-out, raw and after PCA or LDA.

use anyhow::{Context, Result, ensure};
use ndarray::{Array1, Array2, ArrayView2, Axis};
use sigfeat::bovw::{HistNorm, Histogram, KMeansParams, Vocabulary, encode_batch};
use sigfeat::datasets::{
    AudioOptions, LoadOptions, Normalization, SpeechOutput, WavFormat, bundled_speech, write_wav,
};
use sigfeat::dsp_core::{Fit, Transform};
use sigfeat::features_1d::{
    BandPowers, FeatureExtractor, LocalFeatures, MelParams, Mfcc, MfccParams, Pooling,
    one_sided_power,
};
use sigfeat::learn::{KnnParams, ValidationOptions};
use sigfeat::reduce::{Components, Lda, Pca, StandardScaler};

use super::common::{Reduction, loo_accuracy};
use crate::plot::{Figure, Image, Panel, Series, Style};
use crate::reproduce::{Ctx, Measured, timed};

/// The common sample rate: the recorded voices are 8 kHz telephone prompts, so the synthetic
/// voices (16 kHz) are resampled down to it and no feature can tell the two apart by bandwidth.
const SR: u32 = 8000;
/// MFCC framing at 8 kHz: 32 ms windows (256 samples) every 10 ms, 40 mel bands, 20 coefficients.
const N_FFT: usize = 256;
const HOP: usize = 80;
const N_MELS: usize = 40;
const N_MFCC: usize = 20;
/// Words of the bag of audio words (k-means over MFCC frames).
const WORDS: usize = 32;

/// One recognition task: which recordings, and which metadata column is the class.
struct Target {
    /// Key in `results.json` names.
    key: &'static str,
    /// Name in the table.
    label: &'static str,
    /// The metadata column holding the class.
    column: &'static str,
    /// The tutorial's leave-one-out accuracy with its FFT features, where its target matches.
    tutorial: Option<(f64, &'static str)>,
}

const TARGETS: [Target; 6] = [
    Target {
        key: "speaker",
        label: "speaker",
        column: "speaker",
        tutorial: Some((0.38, "name")),
    },
    Target {
        key: "gender",
        label: "gender",
        column: "gender",
        tutorial: Some((0.94, "gender")),
    },
    Target {
        key: "language",
        label: "language",
        column: "language",
        tutorial: Some((0.81, "nationality")),
    },
    Target {
        key: "number",
        label: "number spoken (0-20, English voices)",
        column: "text",
        tutorial: None,
    },
    Target {
        key: "sentence",
        label: "sentence",
        column: "text",
        tutorial: Some((0.56, "sentence")),
    },
    Target {
        key: "source",
        label: "recorded vs synthetic",
        column: "source",
        tutorial: None,
    },
];

/// The feature sets of the table: key, label.
const FEATURES: [(&str, &str); 3] = [
    ("fft", "FFT band powers (10 x 100 Hz)"),
    ("mfcc", "MFCC mean and std"),
    ("boaw", "bag of audio words"),
];

/// The reductions of the table, by key in `results.json`.
const REDUCTIONS: [(&str, Reduction); 3] = [
    ("raw", Reduction::None),
    ("pca", Reduction::Pca),
    ("lda", Reduction::Lda),
];

/// The metadata value of recording `i` in column `name`.
fn value<'a>(data: &'a SpeechOutput<f64>, name: &str, i: usize) -> Result<&'a str> {
    let c = data
        .column(name)
        .with_context(|| format!("the speech metadata has no column {name}"))?;
    Ok(c.class_names[c.labels[i]].as_str())
}

/// The recordings of a target: every recording, the numbers 0-20 for `number`, the sentences
/// for `sentence`.
fn members(data: &SpeechOutput<f64>, target: &Target) -> Result<Vec<usize>> {
    let mut rows = Vec::new();
    for i in 0..data.audio.len() {
        let kind = value(data, "kind", i)?;
        let keep = match target.key {
            // The same number sounds different in each language: the task is English only.
            "number" => {
                kind == "word"
                    && value(data, "language", i)? == "en"
                    && value(data, "text", i)?
                        .parse::<u32>()
                        .is_ok_and(|n| n <= 20)
            }
            "sentence" => kind == "sentence",
            _ => true,
        };
        if keep {
            rows.push(i);
        }
    }
    Ok(rows)
}

/// Labels `0..c` of `rows` in `column`, with the class names in label order.
fn labels(
    data: &SpeechOutput<f64>,
    column: &str,
    rows: &[usize],
) -> Result<(Vec<usize>, Vec<String>)> {
    let mut names: Vec<String> = Vec::new();
    let mut y = Vec::with_capacity(rows.len());
    for &i in rows {
        let v = value(data, column, i)?;
        let l = match names.iter().position(|n| n == v) {
            Some(l) => l,
            None => {
                names.push(v.to_string());
                names.len() - 1
            }
        };
        y.push(l);
    }
    Ok((y, names))
}

/// `"25 classes, 21-120 recordings each"` or `"2 classes: f 706, m 394"`.
fn per_class(y: &[usize], names: &[String]) -> String {
    let counts: Vec<usize> = (0..names.len())
        .map(|c| y.iter().filter(|&&l| l == c).count())
        .collect();
    if names.len() <= 5 {
        let parts: Vec<String> = names
            .iter()
            .zip(&counts)
            .map(|(n, c)| format!("{n} {c}"))
            .collect();
        format!("{} classes: {}", names.len(), parts.join(", "))
    } else {
        let lo = counts.iter().min().copied().unwrap_or(0);
        let hi = counts.iter().max().copied().unwrap_or(0);
        format!("{} classes, {lo}-{hi} recordings each", names.len())
    }
}

/// Mean and standard deviation over frames of each MFCC (`2 * n_mfcc` values).
fn mfcc_stats(m: &Array2<f64>) -> Array1<f64> {
    let mean = m
        .mean_axis(Axis(1))
        .unwrap_or_else(|| Array1::zeros(m.nrows()));
    let std = m.std_axis(Axis(1), 0.0);
    ndarray::concatenate![Axis(0), mean, std]
}

/// The rows `rows` of `x`.
fn pick(x: &Array2<f64>, rows: &[usize]) -> Array2<f64> {
    x.select(Axis(0), rows)
}

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("decoding the recordings");
    let set = bundled_speech().context("datasets/speech")?;
    let progress = ctx.library_progress("decoding");
    let (data, decode_secs) = timed(|| {
        Ok(set.load::<f64>(
            &AudioOptions::new()
                .mono(true)
                .sample_rate(SR)
                .normalization(Normalization::Peak),
            &LoadOptions::new().progress(progress),
        )?)
    })?;
    let full: Vec<Array1<f64>> = data.audio.iter().map(|a| a.to_mono()).collect();
    examples(ctx, &data, &full)?;
    drop(full);
    super::speech_cnn::run(ctx, &data, SR)?;
    // --quick keeps every fourth recording (in path order: every voice and class stays).
    let keep: Vec<usize> = (0..data.audio.len())
        .filter(|i| !ctx.quick || i % 4 == 0)
        .collect();
    let data = SpeechOutput {
        audio: keep.iter().map(|&i| data.audio[i].clone()).collect(),
        paths: keep.iter().map(|&i| data.paths[i].clone()).collect(),
        rows: keep.iter().map(|&i| data.rows[i]).collect(),
        columns: data
            .columns
            .iter()
            .map(|c| sigfeat::datasets::LabelColumn {
                name: c.name.clone(),
                class_names: c.class_names.clone(),
                labels: keep.iter().map(|&i| c.labels[i]).collect(),
            })
            .collect(),
        skipped: data.skipped,
    };
    let signals: Vec<Array1<f64>> = data.audio.iter().map(|a| a.to_mono()).collect();
    let seconds: f64 = signals.iter().map(|s| s.len() as f64 / f64::from(SR)).sum();
    ctx.record(Measured {
        name: "speech decode seconds".into(),
        metric: "seconds".into(),
        value: decode_secs,
        seconds: decode_secs,
        note: format!(
            "Decoding {} WAV files of datasets/speech ({:.0} s of audio after resampling to {SR} Hz), mono, peak-normalised \
             as the tutorial's read_wave, in parallel.",
            set.len(),
            seconds
        ),
    });
    ctx.text(format!(
        "datasets/speech holds {} recordings: six recorded voices of the Asterisk telephone prompts (numbers and words, \
         8 kHz) and twenty espeak-ng voices (numbers 0-20 in five languages; the English ones also say the tutorial's \
         two sentences, at two speeds). Everything is resampled to {SR} Hz (rubato) and peak-normalised. The \
         recordings are by Allison Smith (US English and Mexican Spanish; CC BY-SA 3.0), June Wallack (Canadian French; \
         CC BY-SA 3.0), Carlo Flora (Italian; CC BY 3.0), ivrvoice.ru (Maxim Topal; Russian; CC BY 3.0) and Marco Menardi and Paola \
         Dal Zot (Italian, http://www.voip.ammdomus.it; CC BY-SA 3.0 Italia), from Debian's Asterisk prompt \
         packages (datasets/speech/PROVENANCE.txt). {}",
        set.len(),
        if ctx.quick {
            format!("--quick keeps every fourth recording ({}).", signals.len())
        } else {
            String::new()
        }
    ));

    ctx.step("features");
    let bands = BandPowers::new(
        f64::from(SR),
        (0..10)
            .map(|b| (100.0 * b as f64, 100.0 * (b + 1) as f64))
            .collect(),
    )?;
    let mfcc = Mfcc::<f64>::new(
        MfccParams::default()
            .mel(
                MelParams::default()
                    .sample_rate(f64::from(SR))
                    .n_fft(N_FFT)
                    .hop_length(HOP)
                    .n_mels(N_MELS),
            )
            .n_mfcc(N_MFCC),
    )?;
    let ((fft, coeffs), feat_secs) = timed(|| {
        let mut fft = Array2::zeros((signals.len(), 10));
        for (mut o, s) in fft.rows_mut().into_iter().zip(&signals) {
            o.assign(&FeatureExtractor::<f64>::transform_one(&bands, s.view())?);
        }
        let views: Vec<_> = signals.iter().map(Array1::view).collect();
        Ok((fft, mfcc.process_batch(&views)?))
    })?;
    let mut stats = Array2::zeros((signals.len(), 2 * N_MFCC));
    for (mut o, m) in stats.rows_mut().into_iter().zip(&coeffs) {
        o.assign(&mfcc_stats(m));
    }
    // Bag of audio words: k-means over every MFCC frame (as the tutorial's visual words, fitted
    // once without labels), then a normalised histogram per recording.
    let frames: Vec<Array2<f64>> = coeffs.iter().map(|m| m.t().to_owned()).collect();
    let all = ndarray::concatenate(
        Axis(0),
        &frames
            .iter()
            .map(Array2::view)
            .collect::<Vec<ArrayView2<'_, f64>>>(),
    )?;
    let seed = ctx.seed_for("speech audio words");
    let (km, km_secs) = timed(|| Ok(KMeansParams::new(WORDS).seed(seed).fit(&all, &())?))?;
    let hist = Histogram::new(Vocabulary::from(km), HistNorm::L1);
    let boaw = encode_batch(&hist, &frames.iter().map(Array2::view).collect::<Vec<_>>())?;
    ctx.record(Measured {
        name: "speech features seconds".into(),
        metric: "seconds".into(),
        value: feat_secs + km_secs,
        seconds: feat_secs + km_secs,
        note: format!(
            "Band powers and MFCCs ({N_MFCC} coefficients of {N_MELS} mel bands, {N_FFT}-sample windows every {HOP} samples) \
             of {} recordings ({feat_secs:.2} s), and a {WORDS}-word k-means vocabulary over their {} MFCC frames \
             ({km_secs:.2} s).",
            signals.len(),
            all.nrows()
        ),
    });
    let features = [fft, stats, boaw];

    ctx.step("leave-one-out");
    let mut rows = Vec::new();
    let mut scatter = Vec::new();
    for target in &TARGETS {
        let members = members(&data, target)?;
        let (y, names) = labels(&data, target.column, &members)?;
        ensure!(
            names.len() >= 2,
            "target {}: {} class(es) among {} recordings",
            target.key,
            names.len(),
            members.len()
        );
        for ((fkey, flabel), x) in FEATURES.iter().zip(&features) {
            let x = pick(x, &members);
            let mut accs = Vec::new();
            for (rkey, reduction) in REDUCTIONS {
                let clf = reduction.pipeline().classifier(KnnParams::new(1));
                let opts = ValidationOptions::default()
                    .progress(ctx.library_progress(&format!("{} {fkey} {rkey}", target.key)));
                let (acc, secs) = timed(|| loo_accuracy(&clf, &x, &y, opts))?;
                let m = Measured {
                    name: format!("speech {} {fkey} {rkey} loo", target.key),
                    metric: "leave-one-out accuracy".into(),
                    value: acc,
                    seconds: secs,
                    note: format!(
                        "1-NN after a standard scaler{} on {flabel} ({} values) of {} recordings ({}), leave-one-out.",
                        match reduction {
                            Reduction::None => String::new(),
                            other =>
                                format!(" and {}", other.label().trim_start_matches("scaler + ")),
                        },
                        x.ncols(),
                        members.len(),
                        per_class(&y, &names)
                    ),
                };
                match target.tutorial {
                    Some((t, _)) if *fkey == "fft" && rkey == "raw" => ctx.record_vs_tutorial(m, t),
                    _ => ctx.record(m),
                }
                accs.push(acc);
            }
            let tutorial = match target.tutorial {
                Some((t, what)) if *fkey == "fft" => format!("{:.0}% ({what})", 100.0 * t),
                _ => String::new(),
            };
            rows.push(vec![
                target.label.to_string(),
                per_class(&y, &names),
                flabel.to_string(),
                format!("{:.1}%", 100.0 * accs[0]),
                format!("{:.1}%", 100.0 * accs[1]),
                format!("{:.1}%", 100.0 * accs[2]),
                tutorial,
            ]);
        }
        scatter.push(lda_panel(
            target,
            &pick(&features[1], &members),
            &y,
            &names,
        )?);
    }
    ctx.table(
        "Leave-one-out accuracy of 1-NN by target, feature set and reduction (scaler, PCA to 95% of the variance, or LDA, \
         each fitted inside every fold). The tutorial's own numbers (its FFT features, on its own recordings) in the \
         last column where its target corresponds.",
        &["target", "recordings", "features", "raw", "PCA", "LDA", "tutorial (FFT)"],
        rows,
    );
    ctx.figure(
        &Figure::new(
            "speech-lda",
            "MFCC statistics of each target's recordings projected on their first two linear discriminants (LDA fitted on \
             all of them after a standard scaler; two-class targets have one discriminant, shown against the first \
             principal component). Targets with more than eight classes are drawn without a legend.",
            3,
            scatter,
        )
        .panel_size(400, 320),
    )?;
    Ok(())
}

/// The LDA scatter of one target.
fn lda_panel(target: &Target, x: &Array2<f64>, y: &[usize], names: &[String]) -> Result<Panel> {
    let xs = StandardScaler::params().fit(x, &())?.transform(x)?;
    let z = Lda::params().fit(&xs, y)?.transform(&xs)?;
    let (z, y_label) = if z.ncols() >= 2 {
        (z, "LD 2")
    } else {
        let pc = Pca::params()
            .n_components(Components::Count(1))
            .fit(&xs, &())?
            .transform(&xs)?;
        (ndarray::concatenate![Axis(1), z, pc], "PC 1")
    };
    let mut panel = Panel::new(target.label, "LD 1", y_label);
    for (c, name) in names.iter().enumerate() {
        let (px, py): (Vec<f64>, Vec<f64>) = y
            .iter()
            .enumerate()
            .filter(|&(_, &l)| l == c)
            .map(|(i, _)| (z[[i, 0]], z[[i, 1]]))
            .unzip();
        // Long class names (the sentences) shortened so that the legend stays clear of the points.
        let label = match name.char_indices().nth(28) {
            _ if names.len() > 8 => String::new(),
            Some((cut, _)) => format!("{}...", &name[..cut]),
            None => name.clone(),
        };
        panel = panel.with(Series::with_style(label, &px, &py, c, Style::Points));
    }
    Ok(panel)
}

/// Two recorded voices saying "7": waveforms, spectra, local features, and players.
fn examples(ctx: &mut Ctx<'_>, data: &SpeechOutput<f64>, signals: &[Array1<f64>]) -> Result<()> {
    const VOICES: [(&str, &str); 2] = [
        ("en_US_f_Allison", "Allison (US English)"),
        ("it_IT_m_Carlo", "Carlo (Italian)"),
    ];
    let find = |voice: &str| {
        data.paths
            .iter()
            .position(|p| p.ends_with(format!("recorded/{voice}/7.wav")))
            .with_context(|| format!("datasets/speech has no recorded/{voice}/7.wav"))
    };
    let mut waves = Vec::new();
    let mut spectra = Panel::new("power spectra", "frequency (Hz)", "power (dB)");
    for (c, (voice, who)) in VOICES.iter().enumerate() {
        let i = find(voice)?;
        let s = &signals[i];
        let t: Vec<f64> = (0..s.len()).map(|k| k as f64 / f64::from(SR)).collect();
        waves.push(
            Panel::new(format!("{who} says \"7\""), "time (s)", "amplitude").with(
                Series::with_style("", &t, s.as_slice().unwrap_or(&[]), c, Style::Thin),
            ),
        );
        let p = one_sided_power(s.view())?;
        let df = f64::from(SR) / s.len() as f64;
        let f: Vec<f64> = (0..p.len()).map(|k| k as f64 * df).collect();
        let db: Vec<f64> = p.iter().map(|&v| 10.0 * (v + 1e-12).log10()).collect();
        spectra = spectra.with(Series::with_style(*who, &f, &db, c, Style::Thin));
        let wav = ctx.asset_path(&format!("speech-{voice}-7.wav"));
        write_wav(&wav, s.view().insert_axis(Axis(0)), SR, WavFormat::Pcm16)
            .with_context(|| format!("writing {}", wav.display()))?;
        ctx.audio(format!("{who} says \"7\" ({SR} Hz, peak-normalised)"), wav);
    }
    waves.push(spectra);
    ctx.figure(
        &Figure::new(
            "speech-waveforms",
            "The same number spoken by two recorded voices: waveforms, and their one-sided power spectra (the tutorial's \
             FFT features are the power in ten 100 Hz bands up to 1 kHz of these spectra).",
            3,
            waves,
        )
        .panel_size(420, 300),
    )?;

    // The tutorial's local features over time: windows of 25 ms every 10 ms, each pooled.
    let i = find(VOICES[0].0)?;
    let lf = LocalFeatures::new(
        200,
        80,
        vec![
            Pooling::Mean,
            Pooling::Std,
            Pooling::Max,
            Pooling::Min,
            Pooling::AbsMax,
        ],
    )?;
    let m: Array2<f64> = lf.transform(&signals[i])?;
    let names = lf.feature_names();
    ctx.figure(
        &Figure::new(
            "speech-local-features",
            format!(
                "Local features over time of {} saying \"7\" (the tutorial's extract_local_features): 25 ms windows every \
                 10 ms, rows {} (top to bottom), one column per window.",
                VOICES[0].1,
                names.join(", ")
            ),
            1,
            vec![Panel::image("local features", Image::auto(m.t().to_owned()).stretched())],
        )
        .panel_size(700, 220),
    )?;
    Ok(())
}
