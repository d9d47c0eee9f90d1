//! Speech data sets on small folders made here: metadata CSV and voice-folder layouts, parallel
//! loading with mixing, resampling and progress, and every metadata error naming its file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use datasets::{
    AudioOptions, CsvOptions, Error, LoadOptions, OnError, SpeechDataset, WavFormat,
    bundled_speech, read_audio, resample_audio, write_wav,
};
use dsp_core::Progress;
use ndarray::Array2;

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("datasets-speech")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A WAV of `channels` channels at `rate` Hz whose samples depend on `seed`.
fn wav(path: &Path, channels: usize, rate: u32, seed: usize) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let x = Array2::from_shape_fn((channels, 400), |(c, i)| {
        0.5 * ((i * (seed + 1) + 7 * c) as f64 * 0.03).sin()
    });
    write_wav(path, x.view(), rate, WavFormat::Pcm16).unwrap();
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Counts what a [`Progress`] observer is told.
#[derive(Default)]
struct Counter {
    total: AtomicU64,
    done: AtomicU64,
    finished: AtomicU64,
}

impl Progress for Counter {
    fn start(&self, what: &str, total: u64) {
        assert_eq!(what, "audio files");
        self.total.store(total, Ordering::SeqCst);
    }
    fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::SeqCst);
    }
    fn finish(&self) {
        self.finished.fetch_add(1, Ordering::SeqCst);
    }
}

/// Three recordings (one stereo at 16 kHz) in sub-folders, listed by a CSV.
fn csv_set(name: &str) -> PathBuf {
    let dir = folder(name);
    wav(&dir.join("a/one.wav"), 1, 8000, 1);
    wav(&dir.join("a/two.wav"), 1, 8000, 2);
    wav(&dir.join("b/one.wav"), 2, 16000, 3);
    write(
        &dir.join("metadata.csv"),
        "path,speaker,text\na/one.wav,ann,one\na/two.wav,ann,two\nb/one.wav,bob,one\n",
    );
    dir
}

#[test]
fn csv_rows_become_named_label_columns() {
    let dir = csv_set("columns");
    let ds = SpeechDataset::from_csv(dir.join("metadata.csv"), &CsvOptions::new()).unwrap();
    assert_eq!(ds.len(), 3);
    assert_eq!(ds.paths[2], dir.join("b/one.wav"));
    let speaker = ds.column("speaker").unwrap();
    assert_eq!(speaker.class_names, ["ann", "bob"]);
    assert_eq!(speaker.labels, [0, 0, 1]);
    let text = ds.column("text").unwrap();
    assert_eq!(text.class_names, ["one", "two"]);
    assert_eq!(text.labels, [0, 1, 0]);
    assert_eq!(text.values(), ["one", "two", "one"]);
    assert!(ds.column("path").is_none());
}

#[test]
fn load_decodes_in_parallel_mixes_resamples_and_reports_progress() {
    let dir = csv_set("load");
    let ds = SpeechDataset::from_csv(dir.join("metadata.csv"), &CsvOptions::new()).unwrap();
    let counter = Arc::new(Counter::default());
    let out = ds
        .load::<f64>(
            &AudioOptions::new().mono(true).sample_rate(8000),
            &LoadOptions::new().progress(counter.clone()),
        )
        .unwrap();
    assert_eq!(counter.total.load(Ordering::SeqCst), 3);
    assert_eq!(counter.done.load(Ordering::SeqCst), 3);
    assert_eq!(counter.finished.load(Ordering::SeqCst), 1);
    assert_eq!(out.rows, [0, 1, 2]);
    assert_eq!(out.paths, ds.paths);
    assert!(out.skipped.is_empty());
    assert_eq!(out.column("speaker").unwrap().labels, [0, 0, 1]);
    for a in &out.audio {
        assert_eq!((a.channels(), a.sample_rate), (1, 8000));
    }
    // Each item equals the single-file path: decode, mix, resample.
    assert_eq!(
        out.audio[0].samples,
        read_audio::<f64>(&ds.paths[0]).unwrap().samples
    );
    let stereo = read_audio::<f64>(&ds.paths[2]).unwrap();
    let want = resample_audio(stereo.to_mono().view(), 16000, 8000).unwrap();
    assert_eq!(out.audio[2].samples.row(0), want);
    assert_eq!(out.audio[2].frames(), 200);
}

#[test]
fn undecodable_files_fail_or_are_skipped_by_name() {
    let dir = csv_set("undecodable");
    write(&dir.join("a/two.wav"), "not audio");
    let ds = SpeechDataset::from_csv(dir.join("metadata.csv"), &CsvOptions::new()).unwrap();
    let e = ds
        .load::<f32>(&AudioOptions::new(), &LoadOptions::new())
        .unwrap_err();
    assert!(
        matches!(&e, Error::AudioFormat { path, .. } if path == &dir.join("a/two.wav")),
        "{e:?}"
    );
    let out = ds
        .load::<f32>(
            &AudioOptions::new(),
            &LoadOptions::new().on_error(OnError::Skip),
        )
        .unwrap();
    assert_eq!(out.rows, [0, 2]);
    assert_eq!(out.skipped.len(), 1);
    assert_eq!(out.skipped[0].path, dir.join("a/two.wav"));
    assert!(
        out.skipped[0].reason.contains("a/two.wav"),
        "{}",
        out.skipped[0].reason
    );
    // Labels follow the loaded rows; the class lists stay whole.
    let text = out.column("text").unwrap();
    assert_eq!(
        (text.labels.as_slice(), text.class_names.len()),
        ([0, 0].as_slice(), 2)
    );
}

fn csv_error(dir: &Path, csv: &str, options: &CsvOptions) -> Error {
    write(&dir.join("metadata.csv"), csv);
    SpeechDataset::from_csv(dir.join("metadata.csv"), options).unwrap_err()
}

#[test]
fn metadata_errors_name_the_csv_line_and_the_file() {
    let dir = csv_set("errors");
    let opts = CsvOptions::new();
    let csv = dir.join("metadata.csv");

    // A row naming a missing file.
    let e = csv_error(
        &dir,
        "path,speaker\na/one.wav,ann\na/three.wav,ann\n",
        &opts,
    );
    assert!(matches!(&e, Error::Metadata { line: 3, .. }), "{e:?}");
    assert!(
        e.to_string().contains("a/three.wav") && e.to_string().contains("does not exist"),
        "{e}"
    );

    // Two rows naming one file (also through `./`).
    let e = csv_error(
        &dir,
        "path,speaker\na/one.wav,ann\na/two.wav,ann\nb/one.wav,bob\n./a/one.wav,ann\n",
        &opts,
    );
    assert!(matches!(&e, Error::Metadata { line: 5, .. }), "{e:?}");
    assert!(e.to_string().contains("line 2"), "{e}");

    // A file with no row; allowed when asked, and then left out.
    let e = csv_error(&dir, "path,speaker\na/one.wav,ann\na/two.wav,ann\n", &opts);
    assert!(matches!(&e, Error::Metadata { .. }), "{e:?}");
    assert!(
        e.to_string().contains("b/one.wav") && e.to_string().contains("no row"),
        "{e}"
    );
    let ds = SpeechDataset::from_csv(&csv, &CsvOptions::new().ignore_unlisted(true)).unwrap();
    assert_eq!(ds.len(), 2);

    // Ragged rows, either way.
    for (text, line) in [
        ("path,speaker\na/one.wav,ann,extra\n", 2),
        ("path,speaker,text\na/one.wav,ann,one\na/two.wav,ann\n", 3),
    ] {
        let e = csv_error(&dir, text, &opts);
        assert!(
            matches!(&e, Error::Parse { line: l, .. } if *l == line),
            "{e:?}"
        );
        assert!(e.to_string().contains("ragged"), "{e}");
    }

    // Empty CSV, header only, header without `path`, duplicate column, empty path.
    for text in [
        "",
        "path,speaker\n",
        "file,speaker\na/one.wav,ann\n",
        "path,speaker,speaker\na/one.wav,ann,ann\n",
        "path,speaker\n,ann\n",
    ] {
        let e = csv_error(&dir, text, &opts);
        assert!(
            matches!(&e, Error::Parse { path, .. } if path == &csv),
            "{text:?}: {e:?}"
        );
    }

    // A CSV that does not exist.
    let missing = dir.join("nope.csv");
    let e = SpeechDataset::from_csv(&missing, &opts).unwrap_err();
    assert!(
        matches!(&e, Error::NotFound { path } if path == &missing),
        "{e:?}"
    );
}

#[test]
fn voice_folders_give_language_country_gender_speaker_and_text() {
    let dir = folder("voices");
    wav(&dir.join("en_US_f_Allison/7.wav"), 1, 8000, 1);
    wav(&dir.join("en_US_f_Allison/zero.wav"), 1, 8000, 2);
    wav(&dir.join("de_DE_m_Hans/7.wav"), 1, 8000, 3);
    write(&dir.join("de_DE_m_Hans/notes.txt"), "not audio");
    let ds = SpeechDataset::from_voice_folders(&dir).unwrap();
    assert_eq!(
        ds.paths,
        [
            dir.join("de_DE_m_Hans/7.wav"),
            dir.join("en_US_f_Allison/7.wav"),
            dir.join("en_US_f_Allison/zero.wav")
        ]
    );
    let col = |n: &str| ds.column(n).unwrap().values().join(" ");
    assert_eq!(col("language"), "de en en");
    assert_eq!(col("country"), "DE US US");
    assert_eq!(col("gender"), "m f f");
    assert_eq!(col("speaker"), "Hans Allison Allison");
    assert_eq!(col("text"), "7 7 zero");
    assert_eq!(ds.column("text").unwrap().labels, [0, 0, 1]);
    let out = ds
        .load::<f32>(&AudioOptions::new(), &LoadOptions::new())
        .unwrap();
    assert_eq!(out.audio.len(), 3);

    // A folder off the convention, an empty voice folder, an empty root.
    for (bad, what) in [
        ("english_Allison", "name"),
        ("en_US_x_Allison", "name"),
        ("fr_FR_f_Ana", "empty"),
    ] {
        let root = folder(&format!("voices-bad-{what}"));
        wav(&root.join("en_US_f_Allison/1.wav"), 1, 8000, 1);
        std::fs::create_dir_all(root.join(bad)).unwrap();
        if what == "name" {
            wav(&root.join(bad).join("1.wav"), 1, 8000, 1);
        }
        let e = SpeechDataset::from_voice_folders(&root).unwrap_err();
        assert!(
            matches!(&e, Error::BadLayout { path, .. } if path == &root.join(bad)),
            "{bad}: {e:?}"
        );
    }
    let empty = folder("voices-none");
    assert!(matches!(
        SpeechDataset::from_voice_folders(&empty),
        Err(Error::BadLayout { .. })
    ));
}

#[test]
fn bundled_speech_is_the_shipped_csv_or_reports_it_missing() {
    match bundled_speech() {
        Err(Error::NotFound { path }) => assert!(path.ends_with("speech/metadata.csv"), "{path:?}"),
        Ok(ds) => {
            let names: Vec<&str> = ds.columns.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(
                names,
                [
                    "speaker", "gender", "language", "country", "text", "kind", "source"
                ]
            );
            assert!(!ds.is_empty());
        }
        Err(e) => panic!("{e}"),
    }
}
