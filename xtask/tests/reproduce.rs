//! Runs `cargo xtask reproduce --quick` once and checks what it wrote: the schema of
//! `results.json`, every section in the tutorial's order, figures on disk, and the numbers each
//! experiment must reach (identities that hold to rounding, or statistics with stated tolerances).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SECTIONS: [&str; 12] = [
    "signals",
    "smoothing-2d",
    "edges",
    "fourier",
    "gabor-1d",
    "gabor-2d",
    "visual-words",
    "surf-bovw",
    "pca-lda",
    "mnist-cnn",
    "deep-features",
    "speech",
];

/// Sections whose library capabilities have landed: they must run and report numbers (all of
/// them now).
const LANDED: [&str; 12] = [
    "signals",
    "smoothing-2d",
    "edges",
    "fourier",
    "gabor-1d",
    "gabor-2d",
    "visual-words",
    "surf-bovw",
    "pca-lda",
    "mnist-cnn",
    "deep-features",
    "speech",
];

fn run(out: &Path, extra: &[&str]) -> Value {
    let _ = std::fs::remove_dir_all(out);
    let status = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "reproduce",
            "--quick",
            "--threads",
            "2",
            "--seed",
            "7",
            "--out",
        ])
        .arg(out)
        .args(extra)
        .status()
        .expect("xtask runs");
    assert!(status.success(), "xtask reproduce --quick failed: {status}");
    let text = std::fs::read_to_string(out.join("results.json")).expect("results.json written");
    serde_json::from_str(&text).expect("results.json parses")
}

fn out_dir(name: &str) -> PathBuf {
    // Cargo's per-target scratch folder under target/: never /tmp.
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// `name -> value` of every experiment of `section`.
fn values(results: &Value, section: &str) -> BTreeMap<String, f64> {
    results["experiments"]
        .as_array()
        .expect("experiments is a list")
        .iter()
        .filter(|e| e["section"] == section)
        .map(|e| {
            (
                e["name"].as_str().expect("name").to_string(),
                e["value"].as_f64().expect("numeric value"),
            )
        })
        .collect()
}

fn get(v: &BTreeMap<String, f64>, name: &str) -> f64 {
    *v.get(name)
        .unwrap_or_else(|| panic!("experiment {name} missing; have {:?}", v.keys()))
}

#[test]
fn reproduce_quick() {
    let out = out_dir("reproduce-quick");
    let results = run(&out, &[]);

    // Every section, in the tutorial's order, with a known status; landed ones ran.
    let sections = results["sections"].as_array().expect("sections list");
    let ids: Vec<&str> = sections
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, SECTIONS);
    for s in sections {
        let id = s["id"].as_str().unwrap_or_default();
        let status = s["status"].as_str().expect("status");
        assert_eq!(
            status, "ok",
            "{id}: status {status}, detail {}",
            s["detail"]
        );
        assert!(
            !values(&results, id).is_empty(),
            "{id} ran but reports no number"
        );
    }
    for id in LANDED {
        let s = sections
            .iter()
            .find(|s| s["id"] == id)
            .expect("landed section listed");
        assert_eq!(s["status"], "ok", "{id} must run");
    }

    // Schema of each experiment.
    for e in results["experiments"].as_array().expect("experiments") {
        for key in ["section", "name", "metric", "note"] {
            assert!(e[key].is_string(), "{key} missing in {e}");
        }
        assert!(
            e["value"].is_f64() || e["value"].is_u64() || e["value"].is_i64(),
            "value not a number in {e}"
        );
        assert!(
            e["tutorial_value"].is_null() || e["tutorial_value"].is_number(),
            "tutorial_value in {e}"
        );
        assert!(
            e["seconds"].as_f64().is_some_and(|s| s >= 0.0),
            "seconds in {e}"
        );
    }

    // signals
    let v = values(&results, "signals");
    assert!((get(&v, "kde-integral") - 1.0).abs() < 1e-3);
    assert!(
        get(&v, "kde-binned-vs-exact") < 1.0,
        "binned KDE beyond its error bound"
    );
    assert!((get(&v, "noise-variance-factor-vs-analytic") - 1.0).abs() < 0.05);
    assert!(get(&v, "multiscale-transfer-function") < 1e-3);
    assert!(
        get(&v, "smoothing-rms-to-clean-sigma8") < 0.5 / 3.0,
        "smoothing must cut the noise"
    );

    // fourier
    let v = values(&results, "fourier");
    assert!(get(&v, "convolution-theorem-max-error") < 1e-10);
    assert!(get(&v, "smoothing-spectrum-theorem") < 1e-12);
    assert!(get(&v, "gaussian-transfer-function") < 1e-3);
    assert_eq!(get(&v, "sinusoid-peak-frequency"), 50.0);
    assert_eq!(get(&v, "noisy-sinusoid-peak-frequency"), 50.0);
    assert!(get(&v, "rfft2-roundtrip-max-error") < 1e-12);
    let (p20, p5, p1) = (
        get(&v, "lowpass-psnr-20pct"),
        get(&v, "lowpass-psnr-5pct"),
        get(&v, "lowpass-psnr-1pct"),
    );
    assert!(
        p20 > p5 && p5 > p1 && p1 > 15.0,
        "PSNR must fall as fewer coefficients are kept: {p20} {p5} {p1}"
    );

    // smoothing-2d
    let v = values(&results, "smoothing-2d");
    assert!((get(&v, "noise-variance-factor-2d-vs-analytic") - 1.0).abs() < 0.05);
    assert!(
        get(&v, "denoise-psnr-gain") > 3.0,
        "sigma-1 smoothing must raise the PSNR of a noisy image"
    );

    // edges
    let v = values(&results, "edges");
    assert!(get(&v, "sobel-ramp-error") < 1e-12);
    assert!(get(&v, "gaussian-derivative-ramp-error") < 1e-3);

    // gabor-1d (--quick: GunPoint and Coffee, two classes each, chance 1/2): the raw 1-NN
    // accuracies are the UCR archive's published baselines, exactly.
    let v = values(&results, "gabor-1d");
    assert!(
        (get(&v, "gunpoint 1nn") - 0.913).abs() < 0.001,
        "published GunPoint 1-NN baseline not reproduced"
    );
    assert_eq!(get(&v, "coffee 1nn"), 1.0, "published Coffee 1-NN baseline");
    // aeon's MiniRocket reaches 0.997 (GunPoint) and 1.000 (Coffee) on these files.
    assert!(get(&v, "gunpoint minirocket") > 0.97);
    assert!(get(&v, "coffee minirocket") > 0.95);
    for set in ["gunpoint", "coffee"] {
        for clf in ["1nn", "logistic", "linear-svm", "rbf-svm"] {
            for red in ["", " pca", " lda", " lda-shrinkage"] {
                for proto in ["loo", "test"] {
                    let a = get(&v, &format!("{set} gabor {clf}{red} {proto}"));
                    assert!((0.0..=1.0).contains(&a), "{set} {clf}{red} {proto}: {a}");
                }
            }
        }
        // Without a reduction, every classifier on the Gabor features beats chance clearly.
        for clf in ["1nn", "logistic", "linear-svm", "rbf-svm"] {
            assert!(
                get(&v, &format!("{set} gabor {clf} test")) > 0.8,
                "{set} {clf}"
            );
        }
    }

    // Shrinkage rescues the over-fit LDA on Coffee (28 series, 27 features): measured 0.536 plain,
    // 0.964 with Ledoit-Wolf, for every classifier.
    for clf in ["1nn", "logistic", "linear-svm", "rbf-svm"] {
        let plain = get(&v, &format!("coffee gabor {clf} lda test"));
        let shrunk = get(&v, &format!("coffee gabor {clf} lda-shrinkage test"));
        assert!(
            shrunk > plain + 0.2,
            "coffee {clf}: lda {plain}, shrinkage {shrunk}"
        );
    }

    // gabor-2d: three textures, chance is 1/3.
    let v = values(&results, "gabor-2d");
    assert!(get(&v, "gabor-tile-accuracy") > 0.66);

    // pca-lda
    let v = values(&results, "pca-lda");
    assert!(get(&v, "pca-reconstruction-error") < 1e-10);
    let k90 = get(&v, "pca-components-90pct");
    assert!(
        (1.0..=10.0).contains(&k90),
        "{k90} components for 90% of GunPoint's variance"
    );
    assert!(get(&v, "pca10-1nn-accuracy") > 0.8);
    assert!(get(&v, "lda-accuracy") > 0.5);
    assert!(get(&v, "gunpoint progressive-pca best 1nn") > 0.8);
    assert!(
        get(&v, "trace progressive-pca best 1nn") > 0.5,
        "Trace has 4 classes"
    );
    for red in ["pca", "lda"] {
        for clf in ["linear-svm", "rbf-svm"] {
            for proto in ["loo", "test"] {
                let a = get(&v, &format!("gunpoint {red} {clf} {proto}"));
                assert!(a > 0.6, "gunpoint {red} {clf} {proto}: {a}");
            }
        }
    }

    // visual-words and surf-bovw (--quick: 30 images per class); chance is 1/2 on both tasks.
    let vw = values(&results, "visual-words");
    let sb = values(&results, "surf-bovw");
    for task in ["lfw", "fashion"] {
        for clf in ["1nn", "logistic", "linear-svm", "rbf-svm"] {
            let a = get(&vw, &format!("{task} gabor bovw {clf} loo"));
            assert!((0.0..=1.0).contains(&a), "{task} gabor {clf}: {a}");
            for feat in [
                "surf bovw",
                "surf soft",
                "surf vlad",
                "surf fisher",
                "surf pyramid2x2",
                "hog",
            ] {
                let a = get(&sb, &format!("{task} {feat} {clf} loo"));
                assert!((0.0..=1.0).contains(&a), "{task} {feat} {clf}: {a}");
            }
        }
        // Faces against non-faces and shirts against T-shirts are well above chance with HOG and
        // with the best SURF encoding.
        let best = |feat: &str| {
            ["1nn", "logistic", "linear-svm", "rbf-svm"]
                .iter()
                .map(|c| get(&sb, &format!("{task} {feat} {c} loo")))
                .fold(0.0, f64::max)
        };
        assert!(best("hog") > 0.7, "{task} hog {}", best("hog"));
        assert!(
            best("surf fisher") > 0.7,
            "{task} fisher {}",
            best("surf fisher")
        );
    }
    // The tutorial's cat/dog numbers sit beside the lfw histogram rows, and its speech numbers
    // beside the FFT rows of the matching targets.
    let with_tutorial: Vec<&str> = results["experiments"]
        .as_array()
        .expect("experiments")
        .iter()
        .filter(|e| e["tutorial_value"].is_number())
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(
        with_tutorial.len(),
        8,
        "lfw surf bovw and speech fft rows carry the tutorial's numbers: {with_tutorial:?}"
    );
    assert_eq!(
        with_tutorial
            .iter()
            .filter(|n| n.starts_with("lfw surf bovw "))
            .count(),
        4
    );
    for t in ["speaker", "gender", "language", "sentence"] {
        let name = format!("speech {t} fft raw loo");
        assert!(with_tutorial.contains(&name.as_str()), "{name}");
    }

    // speech (--quick: every fourth recording).
    let sp = values(&results, "speech");
    for t in [
        "speaker", "gender", "language", "number", "sentence", "source",
    ] {
        for f in ["fft", "mfcc", "boaw"] {
            for r in ["raw", "pca", "lda"] {
                let a = get(&sp, &format!("speech {t} {f} {r} loo"));
                assert!((0.0..=1.0).contains(&a), "speech {t} {f} {r}: {a}");
            }
        }
    }
    // Two classes each, far above chance with MFCC statistics.
    assert!(get(&sp, "speech gender mfcc raw loo") > 0.85);
    assert!(get(&sp, "speech source mfcc raw loo") > 0.9);
    // 25 speakers (chance 1/25 at most a few %).
    assert!(get(&sp, "speech speaker mfcc raw loo") > 0.5);
    assert!(get(&sb, "surf keypoints opencv_leuvenA") > 100.0);

    // The report: one page naming every section, and every figure as PNG and SVG.
    let html = std::fs::read_to_string(out.join("index.html")).expect("index.html written");
    for id in SECTIONS {
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "index.html lacks section {id}"
        );
    }
    // The CNN sections (quick: 3000 MNIST images, 2 epochs; 60 photos per task).
    let mn = values(&results, "mnist-cnn");
    assert!(get(&mn, "mnist accuracy") > 0.85, "{mn:?}");
    assert!(get(&mn, "mnist seconds per epoch") > 0.0);
    let df = values(&results, "deep-features");
    for task in ["lfw", "fashion"] {
        let a = get(&df, &format!("{task} deep-features pca linear-svm loo"));
        assert!((0.0..=1.0).contains(&a), "{task}: {a}");
    }
    // Pretrained features separate faces from non-faces easily.
    assert!(
        get(&df, "lfw deep-features pca linear-svm loo") > 0.8,
        "{df:?}"
    );
    let cnn1d = get(&sp, "speech sentence cnn1d leave-one-speaker-out");
    assert!((0.0..=1.0).contains(&cnn1d));
    // The speech section's players, with their WAV files beside the report.
    assert!(html.contains("<audio controls"));
    for voice in ["en_US_f_Allison", "it_IT_m_Carlo"] {
        let wav = out.join("figures").join(format!("speech-{voice}-7.wav"));
        let bytes = std::fs::read(&wav).expect("speech example WAV written");
        assert!(bytes.starts_with(b"RIFF"), "{} is not a WAV", wav.display());
    }
    let figures = out.join("figures");
    let mut pngs = 0;
    for entry in std::fs::read_dir(&figures).expect("figures folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "png") {
            pngs += 1;
            assert!(
                path.with_extension("svg").is_file(),
                "{} has no SVG twin",
                path.display()
            );
            let bytes = std::fs::read(&path).expect("png readable");
            assert!(
                bytes.starts_with(b"\x89PNG"),
                "{} is not a PNG",
                path.display()
            );
        }
    }
    assert!(
        pngs >= 6,
        "expected the signals and fourier figures, found {pngs}"
    );
}

#[test]
fn same_seed_same_numbers_and_only_filters() {
    let a = run(
        &out_dir("reproduce-det-a"),
        &["--only", "signals", "--only", "fourier"],
    );
    let b = run(
        &out_dir("reproduce-det-b"),
        &["--only", "fourier", "--only", "signals"],
    );
    for section in ["signals", "fourier"] {
        assert_eq!(
            values(&a, section),
            values(&b, section),
            "{section} differs between two runs"
        );
    }
    let skipped: Vec<&str> = a["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter(|s| s["status"] == "skipped")
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(skipped.len(), SECTIONS.len() - 2);
}

#[test]
fn unknown_section_is_an_error() {
    let out = out_dir("reproduce-unknown");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["reproduce", "--quick", "--only", "no-such-section", "--out"])
        .arg(&out)
        .output()
        .expect("xtask runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no-such-section") && stderr.contains("signals"),
        "{stderr}"
    );
}
