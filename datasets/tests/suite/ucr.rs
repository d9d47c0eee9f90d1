//! UCR loaders: the shipped sets (shapes, class counts and the published 1-NN Euclidean
//! baselines, which only come out right when every value and label is read correctly), both
//! layouts, and every error path with real files damaged in the ways files get damaged.

use std::path::{Path, PathBuf};

use datasets::{
    BUNDLED_UCR, Error, Split, UcrDataset, bundled_ucr, load_ucr, read_ts, read_ucr_text,
};

fn ucr_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ucr")
}

fn real(name: &str, file: &str) -> String {
    std::fs::read_to_string(ucr_dir().join(name).join(file)).unwrap()
}

fn tmp(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-ucr");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// 1-NN Euclidean accuracy of test against train (ties to the first training series, as the
/// UCR baseline code).
fn one_nn_accuracy(d: &UcrDataset) -> f64 {
    let correct = d
        .test
        .series
        .iter()
        .zip(&d.test.y)
        .filter(|(q, y)| {
            let mut best = (f64::INFINITY, usize::MAX);
            for (s, &ys) in d.train.series.iter().zip(&d.train.y) {
                let dist: f64 = q.iter().zip(s).map(|(a, b)| (a - b) * (a - b)).sum();
                if dist < best.0 {
                    best = (dist, ys);
                }
            }
            best.1 == **y
        })
        .count();
    correct as f64 / d.test.len() as f64
}

#[test]
fn shipped_sets_have_published_shapes_and_1nn_baselines() {
    // (name, n_train, n_test, length, classes, 1-NN ED accuracy of the UCR 2018 archive)
    let want = [
        ("GunPoint", 50, 150, 150, 2, 0.913),
        ("ItalyPowerDemand", 67, 1029, 24, 2, 0.955),
        ("ArrowHead", 36, 175, 251, 3, 0.800),
        ("OSULeaf", 200, 242, 427, 6, 0.521),
        ("Coffee", 28, 28, 286, 2, 1.000),
        ("Trace", 100, 100, 275, 4, 0.760),
    ];
    assert_eq!(BUNDLED_UCR.len(), want.len());
    for (name, ntr, nte, len, ncls, acc) in want {
        let d = bundled_ucr(name).unwrap();
        assert_eq!(d.name, name);
        assert_eq!((d.train.len(), d.test.len()), (ntr, nte), "{name}");
        assert_eq!(d.train.equal_length(), Some(len), "{name}");
        assert_eq!(d.test.equal_length(), Some(len), "{name}");
        assert_eq!(d.n_classes(), ncls, "{name}");
        assert!(!d.train.has_missing() && !d.test.has_missing());
        for split in [&d.train, &d.test] {
            for (l, &y) in split.labels.iter().zip(&split.y) {
                assert_eq!(&d.classes[y], l);
            }
        }
        let got = one_nn_accuracy(&d);
        assert!(
            (got - acc).abs() < 5e-4,
            "{name}: 1-NN accuracy {got}, published {acc}"
        );
    }
}

#[test]
fn values_and_labels_read_exactly() {
    let gp = bundled_ucr("GunPoint").unwrap();
    // the first values of the first training line, as written in the file
    assert_eq!(gp.train.series[0][0], -0.6478854);
    assert_eq!(gp.train.series[0][1], -0.64199155);
    assert_eq!(gp.classes, ["1", "2"]);
    let m = gp.train.to_array2().unwrap();
    assert_eq!(m.dim(), (50, 150));
    assert_eq!(m.row(3), gp.train.series[3]);
    // Coffee's labels are written as floats (0.0000000e+00) and come back as integers
    let coffee = bundled_ucr("Coffee").unwrap();
    assert_eq!(coffee.classes, ["0", "1"]);
    assert_eq!(coffee.train.series[0][0], -0.51841899);
    // Trace has labels 1..4: sorted as numbers
    assert_eq!(bundled_ucr("Trace").unwrap().classes, ["1", "2", "3", "4"]);
}

#[test]
fn numeric_labels_sort_as_numbers() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-ucr-sort");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("S_TRAIN.txt"), "10 1 2\n9 1 2\n-1 0 0\n").unwrap();
    std::fs::write(dir.join("S_TEST.txt"), "9 1 1\n").unwrap();
    let d = load_ucr(&dir, "S").unwrap();
    assert_eq!(d.classes, ["-1", "9", "10"]);
    assert_eq!(d.train.y, [2, 1, 0]);
    assert_eq!(d.test.y, [1]);
}

#[test]
fn flat_layout_and_mixed_formats_load() {
    // <dir>/<Name>_TRAIN.ts next to <dir>/<Name>_TEST.tsv (tab separated, comma'd labels ok)
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-ucr-flat");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Toy_TRAIN.ts"),
        "# toy\n@problemName Toy\n@univariate true\n@classLabel true a b\n@data\n1,2,3:a\n4,5:b\n",
    )
    .unwrap();
    std::fs::write(dir.join("Toy_TEST.tsv"), "b\t1\t2\t3\na\t4\t5\tNaN\n").unwrap();
    let d = load_ucr(&dir, "Toy").unwrap();
    assert_eq!(d.classes, ["a", "b"]);
    assert_eq!(d.train.series[1].to_vec(), [4.0, 5.0]);
    assert_eq!(d.train.equal_length(), None);
    assert!(d.train.to_array2().is_none());
    // NaN padding of the archive's variable-length rows is removed
    assert_eq!(d.test.series[1].to_vec(), [4.0, 5.0]);
    assert_eq!(d.test.y, [1, 0]);
}

#[test]
fn missing_values_are_nan() {
    let p = tmp(
        "missing.ts",
        "@problemName M\n@missing true\n@classLabel true x\n@data\n1,?,3:x\n1,NaN,3:x\n",
    );
    let s = read_ts(&p).unwrap();
    assert!(s.series[0][1].is_nan() && s.series[1][1].is_nan());
    let split = Split {
        series: s.series,
        labels: s.labels,
        y: vec![0, 0],
    };
    assert!(split.has_missing());
}

fn expect_parse(r: Result<impl std::fmt::Debug, Error>, line: usize, needle: &str) {
    match r {
        Err(Error::Parse {
            line: l, detail, ..
        }) => {
            assert_eq!(l, line, "{detail}");
            assert!(detail.contains(needle), "{detail:?} lacks {needle:?}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

fn data_line(text: &str, k: usize) -> usize {
    // 1-based line number of the k-th (0-based) data row
    let start = text.lines().position(|l| l.trim() == "@data").unwrap();
    start + 2 + k
}

#[test]
fn corrupt_ts_files_give_typed_errors() {
    let text = real("GunPoint", "GunPoint_TRAIN.ts");
    // truncated in the middle of the last series: too few values for @seriesLength 150
    let cut = &text[..text.len() - 700];
    let last = cut.lines().count();
    match read_ts(tmp("trunc.ts", cut)) {
        Err(Error::Parse { line, detail, .. }) => {
            // the cut may fall inside the label-free part: then the line has no ':label'
            assert_eq!(line, last);
            assert!(detail.contains("label"), "{detail}");
        }
        Err(Error::LengthMismatch {
            line,
            expected: 150,
            got,
            ..
        }) => {
            assert_eq!(line, last);
            assert!(got < 150);
        }
        other => panic!("{other:?}"),
    }
    // truncated right after the ':' of the last line: empty label
    let colon = text.trim_end().rfind(':').unwrap();
    let t = &text[..=colon];
    expect_parse(
        read_ts(tmp("nolabel.ts", t)),
        t.lines().count(),
        "empty class label",
    );
    // a value that is not a number (a damaged byte)
    let bad = text.replacen("-0.64199155", "-0.64x99155", 1);
    expect_parse(
        read_ts(tmp("bad.ts", &bad)),
        data_line(&text, 0),
        "not a number",
    );
    // a label not declared in @classLabel
    let lines: Vec<&str> = text.lines().collect();
    let k = data_line(&text, 2) - 1;
    let mut l2: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    let (v, _) = l2[k].rsplit_once(':').unwrap();
    l2[k] = format!("{v}:7");
    expect_parse(
        read_ts(tmp("undeclared.ts", &l2.join("\n"))),
        k + 1,
        "not declared",
    );
    // a series with a value missing
    let mut l3: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    let (v, lab) = lines[k].rsplit_once(':').unwrap();
    let vals: Vec<&str> = v.split(',').skip(1).collect();
    l3[k] = format!("{}:{lab}", vals.join(","));
    match read_ts(tmp("short.ts", &l3.join("\n"))) {
        Err(Error::LengthMismatch {
            line,
            expected: 150,
            got: 149,
            ..
        }) => assert_eq!(line, k + 1),
        other => panic!("{other:?}"),
    }
    // only the header: no @data
    let head_only: String = text
        .lines()
        .take_while(|l| l.trim() != "@data")
        .collect::<Vec<_>>()
        .join("\n");
    expect_parse(
        read_ts(tmp("nodata.ts", &head_only)),
        head_only.lines().count(),
        "no @data",
    );
    // @data and nothing after it
    let empty_data = format!("{head_only}\n@data\n");
    expect_parse(
        read_ts(tmp("emptydata.ts", &empty_data)),
        empty_data.lines().count(),
        "no series",
    );
    // an empty file
    expect_parse(read_ts(tmp("empty.ts", "")), 0, "no @data");
    // a header typo, a bad boolean, a data line before @data
    expect_parse(
        read_ts(tmp(
            "typo.ts",
            &text.replacen("@seriesLength", "@seriesLenght", 1),
        )),
        text.lines()
            .position(|l| l.starts_with("@seriesLength"))
            .unwrap()
            + 1,
        "unknown header",
    );
    expect_parse(
        read_ts(tmp(
            "bool.ts",
            &text.replacen("@equalLength true", "@equalLength yes", 1),
        )),
        text.lines()
            .position(|l| l.starts_with("@equalLength"))
            .unwrap()
            + 1,
        "true or false",
    );
    expect_parse(
        read_ts(tmp("early.ts", "@problemName X\n1,2:1\n@data\n")),
        2,
        "before @data",
    );
}

#[test]
fn unsupported_ts_variants() {
    for (name, text) in [
        ("mv.ts", "@univariate false\n@data\n1,2:3,4:a\n"),
        ("mv2.ts", "@classLabel true a\n@data\n1,2:3,4:a\n"),
        ("stamps.ts", "@timeStamps true\n@data\n(0,1),(1,2):a\n"),
        ("dims.ts", "@dimensions 3\n@data\n"),
        ("regr.ts", "@targetLabel true\n@data\n1,2:0.5\n"),
    ] {
        match read_ts(tmp(name, text)) {
            Err(Error::Unsupported { feature, .. }) => assert!(!feature.is_empty()),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn corrupt_text_files_give_typed_errors() {
    let text = real("Coffee", "Coffee_TRAIN.txt");
    // truncated mid-number: "-1.3068174e" is not a number
    let cut = &text[..text.len() - 500];
    expect_parse(
        read_ucr_text(tmp("trunc-num.txt", cut)),
        cut.lines().count(),
        "not a number",
    );
    // truncated between numbers: the last row is shorter than the first
    let cut = &cut[..cut.rfind(' ').unwrap()];
    match read_ucr_text(tmp("trunc.txt", cut)) {
        Err(Error::LengthMismatch {
            line,
            expected: 286,
            got,
            ..
        }) => {
            assert_eq!(line, cut.lines().count());
            assert!(got < 286);
        }
        other => panic!("{other:?}"),
    }
    // a damaged number
    let bad = text.replacen("-5.1841899e-01", "-5.18418#9e-01", 1);
    expect_parse(read_ucr_text(tmp("bad.txt", &bad)), 1, "not a number");
    // a row that is only a label, an all-NaN row, an empty file
    expect_parse(read_ucr_text(tmp("lab.txt", "1 2 3\n2\n")), 2, "no values");
    expect_parse(read_ucr_text(tmp("nan.txt", "1 NaN NaN\n")), 1, "only NaN");
    expect_parse(read_ucr_text(tmp("empty.txt", "\n\n")), 2, "no series");
    // comma separated (UCR 2015 style) reads as well
    let s = read_ucr_text(tmp("comma.csv", "2,0.5,1.5\n1.0,2,3\n")).unwrap();
    assert_eq!(s.labels, ["2", "1"]);
    assert_eq!(s.series[0].to_vec(), [0.5, 1.5]);
}

#[test]
fn missing_files_and_sets() {
    assert!(matches!(
        read_ts(ucr_dir().join("nope.ts")),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(bundled_ucr("ECG200"), Err(Error::NotFound { .. })));
    // train present, test missing
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-ucr-half");
    std::fs::create_dir_all(dir.join("Half")).unwrap();
    std::fs::write(dir.join("Half/Half_TRAIN.txt"), "1 2 3\n").unwrap();
    match load_ucr(&dir, "Half") {
        Err(Error::NotFound { path }) => assert!(path.ends_with("Half/Half_TEST.ts")),
        other => panic!("{other:?}"),
    }
}

/// GunPoint's training file with its header rewritten by `edit` (and its data lines by
/// `data`), read back.
fn gunpoint_variant(
    name: &str,
    edit: impl Fn(&str) -> String,
    data: impl Fn(&str) -> String,
) -> Result<datasets::LabelledSeries, Error> {
    let text = real("GunPoint", "GunPoint_TRAIN.ts");
    let at = text.find("@data").unwrap();
    let (head, rest) = text.split_at(at);
    let body: Vec<String> = rest.lines().skip(1).map(&data).collect();
    let out = format!("{}@data\n{}\n", edit(head), body.join("\n"));
    read_ts(tmp(name, &out))
}

#[test]
fn ts_header_variants_read_the_same_series() {
    let want = read_ts(ucr_dir().join("GunPoint/GunPoint_TRAIN.ts")).unwrap();
    assert_eq!((want.series.len(), want.series[0].len()), (50, 150));
    let same = |s: &str| s.to_owned();
    type Edit = Box<dyn Fn(&str) -> String>;
    let variants: Vec<(&str, Edit)> = vec![
        // the archive's files as aeon and sktime ship them open with % comment lines
        (
            "percent.ts",
            Box::new(|h: &str| format!("% GunPoint\n%\n% two classes\n\n{}", h.replace('#', "%"))),
        ),
        // comments and blank lines between the tags
        (
            "between.ts",
            Box::new(|h: &str| h.replace("@missing", "# no missing values\n\n% really\n@missing")),
        ),
        // tags in any case, as both readers lower-case the line
        ("lower.ts", Box::new(|h: &str| h.to_lowercase())),
        (
            "upper.ts",
            Box::new(|h: &str| h.to_uppercase().replace("@DATA", "@data")),
        ),
        // @equalLength false: the length is not enforced, @seriesLength ignored
        (
            "unequal.ts",
            Box::new(|h: &str| h.replace("@equalLength true", "@equalLength false")),
        ),
        // no @seriesLength: the first series sets the length
        (
            "nolength.ts",
            Box::new(|h: &str| {
                h.lines()
                    .filter(|l| !l.starts_with("@seriesLength"))
                    .map(|l| format!("{l}\n"))
                    .collect()
            }),
        ),
        // the remaining published tags, with their neutral values
        (
            "alltags.ts",
            Box::new(|h: &str| format!("{h}@targetLabel false\n@dimension 1\n@dimensions 1\n")),
        ),
        // Windows line ends and a byte-order mark
        (
            "crlf.ts",
            Box::new(|h: &str| format!("\u{feff}{}", h.replace('\n', "\r\n"))),
        ),
    ];
    for (name, edit) in variants {
        let got = gunpoint_variant(name, edit, same).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, want, "{name}");
    }
    // labels are checked against @classLabel case-insensitively and kept as written
    let got = gunpoint_variant(
        "labels.ts",
        |h| h.replace("@classLabel true 1 2", "@classLabel true a B"),
        |l| {
            let (v, lab) = l.rsplit_once(':').unwrap();
            format!("{v}:{}", if lab == "1" { "A" } else { "b" })
        },
    )
    .unwrap();
    assert_eq!(got.series, want.series);
    assert!(got.labels.iter().all(|l| l == "A" || l == "b"));
    assert_eq!(got.labels.iter().filter(|l| *l == "A").count(), 24);
}

#[test]
fn ts_missing_values_and_unequal_lengths() {
    // @missing true with '?' values: NaN where they stand
    let got = gunpoint_variant(
        "qmark.ts",
        |h| h.replace("@missing false", "@missing true"),
        |l| l.replacen("-0.64199155", "?", 1),
    )
    .unwrap();
    assert!(got.series[0][1].is_nan());
    assert_eq!(got.series[0][0], -0.6478854);
    assert_eq!(
        got.series.iter().flatten().filter(|v| v.is_nan()).count(),
        1
    );
    // @equalLength false: a shortened series keeps its length; with true it is an error
    let cut = |l: &str| {
        let (v, lab) = l.rsplit_once(':').unwrap();
        if lab == "2" {
            let vals: Vec<&str> = v.split(',').take(100).collect();
            format!("{}:{lab}", vals.join(","))
        } else {
            l.to_owned()
        }
    };
    let got = gunpoint_variant(
        "ragged.ts",
        |h| h.replace("@equalLength true", "@equalLength false"),
        cut,
    )
    .unwrap();
    let lens: Vec<usize> = got.series.iter().map(|s| s.len()).collect();
    assert!(lens.iter().all(|&n| n == 100 || n == 150));
    assert!(lens.contains(&100) && lens.contains(&150));
    assert!(matches!(
        gunpoint_variant("ragged-bad.ts", str::to_owned, cut),
        Err(Error::LengthMismatch {
            expected: 150,
            got: 100,
            ..
        })
    ));
    // a bad @missing value
    expect_parse(
        gunpoint_variant(
            "missing-bad.ts",
            |h| h.replace("@missing false", "@missing maybe"),
            str::to_owned,
        ),
        14,
        "true or false",
    );
}
