//! UCR / UEA time-series classification sets: the sktime/aeon `.ts` format and the UCR
//! archive's text format (`.txt` / `.tsv`), read into `ndarray`.
//!
//! # Formats
//! - `.ts` (sktime/aeon, as `aeon.datasets.load_from_tsfile` and sktime's
//!   `load_from_tsfile_to_dataframe` read it): comment lines starting with `#` or `%` and blank
//!   lines anywhere (typically before `@data`), `@` header lines, then `@data`
//!   and one series per line, `v1,v2,...:label`. Tags and their `true`/`false` values are
//!   case-insensitive (`@equalLength`, `@equallength`, `@EQUALLENGTH`); a header's tokens are
//!   separated by white space, as those readers split them, so a label declared in
//!   `@classLabel` cannot contain a space. The tags read:
//!   - `@problemName <name>`, `@missing true|false` (informational);
//!   - `@timeStamps false` (`true`, time-stamped series, gives [`Error::Unsupported`]);
//!   - `@univariate true`, `@dimension 1` / `@dimensions 1` (multivariate series, declared
//!     or found as several `:`-separated dimensions on a line, give [`Error::Unsupported`]);
//!   - `@equalLength true|false` and `@seriesLength n`: with `@equalLength true` every series
//!     must have `n` values (or the first series' length when `@seriesLength` is absent);
//!     with `@equalLength false` lengths are free and `@seriesLength` is ignored;
//!   - `@classLabel true <l1> <l2> ...`: every label must be one of those listed (compared
//!     case-insensitively, as both readers lower-case the whole file; labels are returned as
//!     the data line writes them); `@classLabel false`: unlabelled series (empty labels);
//!   - `@targetLabel false` (`true`, a regression target, gives [`Error::Unsupported`]).
//!
//!   An unknown tag is a [`Error::Parse`] (a typo would otherwise change how the file reads).
//! - `.txt` / `.tsv` (UCR archive 2015/2018): one series per line, the label first, values
//!   separated by commas, tabs or spaces. Every row must have as many values as the first
//!   (the archive pads variable-length series with `NaN`; trailing `NaN`s are removed, so such
//!   series come back with their true lengths). Numeric labels written as floats
//!   (`1.0000000e+00`, the older archive's style) are normalised to integers (`"1"`), so the
//!   same set reads with the same labels from either format.
//!
//! # Missing values
//! `?` (the `.ts` format's missing value, written where `@missing true`) and `NaN` (any case)
//! are read as `f64::NAN` and kept where they stand (except the trailing padding of text
//! files, above), as aeon's and sktime's default `replace_missing_vals_with="NaN"`;
//! [`Split::has_missing`] tells whether any remain. Feature extractors and classifiers
//! downstream reject NaN input with a typed error.
//!
//! # Series of unequal length
//! Series come back with their own lengths. [`crate::pad`], [`crate::truncate`] and
//! [`crate::resample`] turn such a set into a matrix for 1-NN and the classifiers.

use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2};

use crate::{Error, Result};

/// The six UCR sets shipped under `datasets/ucr/` (standard train/test splits; origin in
/// `datasets/ucr/PROVENANCE.txt`).
pub const BUNDLED_UCR: [&str; 6] = [
    "GunPoint",
    "ItalyPowerDemand",
    "ArrowHead",
    "OSULeaf",
    "Coffee",
    "Trace",
];

/// Series and their labels as read from one file, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSeries {
    /// One array per series (lengths may differ).
    pub series: Vec<Array1<f64>>,
    /// The label of each series, as written in the file (numeric text labels normalised).
    pub labels: Vec<String>,
}

/// One half (train or test) of a [`UcrDataset`].
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// One array per series, in file order.
    pub series: Vec<Array1<f64>>,
    /// The label of each series.
    pub labels: Vec<String>,
    /// The class index of each series: `labels[i] == classes[y[i]]` for the data set's
    /// [`UcrDataset::classes`].
    pub y: Vec<usize>,
}

impl Split {
    /// Number of series.
    #[must_use]
    pub fn len(&self) -> usize {
        self.series.len()
    }

    /// Whether the split holds no series (never true for a split read by this module).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// The common length when every series has the same length, else `None`.
    #[must_use]
    pub fn equal_length(&self) -> Option<usize> {
        let first = self.series.first()?.len();
        self.series
            .iter()
            .all(|s| s.len() == first)
            .then_some(first)
    }

    /// The series as a `(n_series, length)` matrix when all have the same length, else `None`.
    #[must_use]
    pub fn to_array2(&self) -> Option<Array2<f64>> {
        let len = self.equal_length()?;
        let mut out = Array2::zeros((self.series.len(), len));
        for (mut row, s) in out.rows_mut().into_iter().zip(&self.series) {
            row.assign(s);
        }
        Some(out)
    }

    /// Whether any value is NaN (a missing value).
    #[must_use]
    pub fn has_missing(&self) -> bool {
        self.series.iter().any(|s| s.iter().any(|v| v.is_nan()))
    }
}

/// A UCR classification set: its name, class labels and the standard train/test split.
#[derive(Debug, Clone, PartialEq)]
pub struct UcrDataset {
    /// The set's name (e.g. `"GunPoint"`).
    pub name: String,
    /// The class labels; a series' class index points into this list. Sorted as numbers
    /// when every label is a number, else as strings (`numpy.unique`'s order for such labels);
    /// the union of the train and test labels.
    pub classes: Vec<String>,
    /// The training split.
    pub train: Split,
    /// The test split.
    pub test: Split,
}

impl UcrDataset {
    /// Number of classes.
    #[must_use]
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }
}

/// Reads the `.ts` file at `path` (sktime/aeon format; see the module docs).
///
/// # Errors
/// [`Error::NotFound`] / [`Error::Io`] for the file; [`Error::Parse`] for a bad header, a
/// value that is not a number, a missing or undeclared label, no `@data` section or no
/// series; [`Error::LengthMismatch`] for a series of the wrong length (with
/// `@equalLength true`) or an empty series; [`Error::Unsupported`] for multivariate or
/// time-stamped data.
pub fn read_ts(path: impl AsRef<Path>) -> Result<LabelledSeries> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_ts(&text, path)
}

/// Reads the UCR archive text file (`.txt` / `.tsv`) at `path`: label first, then the values
/// (see the module docs).
///
/// # Errors
/// [`Error::NotFound`] / [`Error::Io`] for the file; [`Error::Parse`] for a token that is not
/// a number, a row with a label and no values, a series that is all `NaN`, or a file with no
/// rows; [`Error::LengthMismatch`] for a row whose length differs from the first row's.
pub fn read_ucr_text(path: impl AsRef<Path>) -> Result<LabelledSeries> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_text(&text, path)
}

/// Reads the UCR set `name` from `dir`, accepting the published layouts.
///
/// For each of `TRAIN` and `TEST`, the first file that exists among
/// `<dir>/<name>/<name>_<SPLIT>.ts`, `.txt`, `.tsv`, then `<dir>/<name>_<SPLIT>.ts`, `.txt`,
/// `.tsv` is read (the two splits may use different formats). Class indices are over the
/// union of both splits' labels ([`UcrDataset::classes`]).
///
/// # Errors
/// [`Error::NotFound`] naming the first candidate path when no file exists for a split;
/// otherwise as [`read_ts`] / [`read_ucr_text`].
///
/// # Example
/// ```
/// let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ucr");
/// let gp = datasets::load_ucr(&dir, "GunPoint")?;
/// assert_eq!((gp.train.len(), gp.test.len(), gp.n_classes()), (50, 150, 2));
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn load_ucr(dir: impl AsRef<Path>, name: &str) -> Result<UcrDataset> {
    let dir = dir.as_ref();
    let train = read_split(dir, name, "TRAIN")?;
    let test = read_split(dir, name, "TEST")?;
    let classes = class_list(train.labels.iter().chain(&test.labels));
    let index = |labels: &[String]| -> Vec<usize> {
        labels
            .iter()
            .map(|l| {
                // every label is in `classes`, which is built from these very labels
                classes.iter().position(|c| c == l).unwrap_or(0)
            })
            .collect()
    };
    let (ytr, yte) = (index(&train.labels), index(&test.labels));
    Ok(UcrDataset {
        name: name.to_owned(),
        train: Split {
            series: train.series,
            labels: train.labels,
            y: ytr,
        },
        test: Split {
            series: test.series,
            labels: test.labels,
            y: yte,
        },
        classes,
    })
}

/// The UCR set `name` shipped under `datasets/ucr/` (one of [`BUNDLED_UCR`]).
///
/// # Errors
/// [`Error::NotFound`] when no such set is shipped; as [`load_ucr`] otherwise.
///
/// # Example
/// ```
/// let ipd = datasets::bundled_ucr("ItalyPowerDemand")?;
/// assert_eq!(ipd.test.to_array2().unwrap().dim(), (1029, 24));
/// # Ok::<(), datasets::Error>(())
/// ```
pub fn bundled_ucr(name: &str) -> Result<UcrDataset> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ucr");
    if !BUNDLED_UCR.contains(&name) {
        return Err(Error::NotFound {
            path: dir.join(name),
        });
    }
    load_ucr(dir, name)
}

fn read_split(dir: &Path, name: &str, split: &str) -> Result<LabelledSeries> {
    let file = format!("{name}_{split}");
    let candidates: Vec<PathBuf> = [dir.join(name), dir.to_path_buf()]
        .iter()
        .flat_map(|d| ["ts", "txt", "tsv"].map(|ext| d.join(format!("{file}.{ext}"))))
        .collect();
    for p in &candidates {
        if p.is_file() {
            return if p.extension().is_some_and(|e| e == "ts") {
                read_ts(p)
            } else {
                read_ucr_text(p)
            };
        }
    }
    Err(Error::NotFound {
        path: candidates[0].clone(),
    })
}

/// Sorted unique labels: numerically when all parse as numbers, else as strings.
fn class_list<'a>(labels: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut classes: Vec<String> = labels.cloned().collect();
    classes.sort();
    classes.dedup();
    let nums: Option<Vec<f64>> = classes.iter().map(|c| c.parse::<f64>().ok()).collect();
    if let Some(nums) = nums {
        let mut order: Vec<usize> = (0..classes.len()).collect();
        order.sort_by(|&a, &b| nums[a].total_cmp(&nums[b]));
        classes = order.into_iter().map(|i| classes[i].clone()).collect();
    }
    classes
}

fn parse_err(path: &Path, line: usize, detail: impl Into<String>) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line,
        detail: detail.into(),
    }
}

/// One value: a float, or `?` / `NaN` for a missing value.
fn parse_value(tok: &str, path: &Path, line: usize) -> Result<f64> {
    let tok = tok.trim();
    if tok == "?" || tok.eq_ignore_ascii_case("nan") {
        return Ok(f64::NAN);
    }
    tok.parse::<f64>()
        .map_err(|_| parse_err(path, line, format!("{tok:?} is not a number")))
}

fn parse_bool(v: Option<&str>, key: &str, path: &Path, line: usize) -> Result<bool> {
    match v.map(str::to_ascii_lowercase).as_deref() {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        other => Err(parse_err(
            path,
            line,
            format!("@{key} needs true or false, got {other:?}"),
        )),
    }
}

#[derive(Default)]
struct TsHeader {
    class_label: Option<bool>,
    declared: Option<Vec<String>>,
    equal_length: Option<bool>,
    series_length: Option<usize>,
}

fn parse_ts(text: &str, path: &Path) -> Result<LabelledSeries> {
    let mut head = TsHeader::default();
    let mut in_data = false;
    let mut out = LabelledSeries {
        series: Vec::new(),
        labels: Vec::new(),
    };
    let mut n_lines = 0;
    // a UTF-8 byte-order mark (as some editors save) is not part of the first line
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        n_lines = line;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with('%') {
            continue;
        }
        if !in_data {
            if !l.starts_with('@') {
                return Err(parse_err(
                    path,
                    line,
                    "data line before @data (expected a # or % comment or an @ header)",
                ));
            }
            in_data = ts_header(l, &mut head, path, line)?;
            continue;
        }
        ts_row(l, &head, path, line, &mut out)?;
    }
    if !in_data {
        return Err(parse_err(path, n_lines, "no @data section"));
    }
    if out.series.is_empty() {
        return Err(parse_err(path, n_lines, "no series after @data"));
    }
    Ok(out)
}

/// Applies one header line; returns whether it was `@data`.
fn ts_header(l: &str, head: &mut TsHeader, path: &Path, line: usize) -> Result<bool> {
    let mut it = l.split_whitespace();
    let key = it.next().unwrap_or("@").to_ascii_lowercase();
    let unsupported = |feature: &str| Error::Unsupported {
        path: path.to_path_buf(),
        feature: feature.to_owned(),
    };
    match key.as_str() {
        "@data" => return Ok(true),
        "@problemname" => {}
        "@timestamps" => {
            if parse_bool(it.next(), "timeStamps", path, line)? {
                return Err(unsupported("time-stamped series (@timeStamps true)"));
            }
        }
        "@univariate" => {
            if !parse_bool(it.next(), "univariate", path, line)? {
                return Err(unsupported("multivariate series (@univariate false)"));
            }
        }
        "@dimension" | "@dimensions" => {
            let d = it.next().unwrap_or("");
            if d != "1" {
                return Err(unsupported(&format!(
                    "multivariate series (@dimensions {d})"
                )));
            }
        }
        "@equallength" => {
            head.equal_length = Some(parse_bool(it.next(), "equalLength", path, line)?);
        }
        "@missing" => {
            parse_bool(it.next(), "missing", path, line)?;
        }
        "@serieslength" => {
            let v = it.next().unwrap_or("");
            head.series_length = Some(v.parse().map_err(|_| {
                parse_err(path, line, format!("@seriesLength {v:?} is not a count"))
            })?);
        }
        "@classlabel" => {
            let on = parse_bool(it.next(), "classLabel", path, line)?;
            head.class_label = Some(on);
            if on {
                let labels: Vec<String> = it.map(str::to_owned).collect();
                if labels.is_empty() {
                    return Err(parse_err(path, line, "@classLabel true lists no labels"));
                }
                head.declared = Some(labels);
            }
        }
        "@targetlabel" => {
            if parse_bool(it.next(), "targetLabel", path, line)? {
                return Err(unsupported("regression targets (@targetLabel true)"));
            }
        }
        other => return Err(parse_err(path, line, format!("unknown header {other}"))),
    }
    Ok(false)
}

fn ts_row(
    l: &str,
    head: &TsHeader,
    path: &Path,
    line: usize,
    out: &mut LabelledSeries,
) -> Result<()> {
    let labelled = head.class_label.unwrap_or(true);
    let (values, label) = if labelled {
        let Some((v, lab)) = l.rsplit_once(':') else {
            return Err(parse_err(path, line, "series without a ':label'"));
        };
        let lab = lab.trim();
        if lab.is_empty() {
            return Err(parse_err(path, line, "empty class label after ':'"));
        }
        if let Some(decl) = &head.declared
            && !decl.iter().any(|d| d.eq_ignore_ascii_case(lab))
        {
            return Err(parse_err(
                path,
                line,
                format!("label {lab:?} is not declared in @classLabel {decl:?}"),
            ));
        }
        (v, lab.to_owned())
    } else {
        (l, String::new())
    };
    if values.contains(':') {
        return Err(Error::Unsupported {
            path: path.to_path_buf(),
            feature: format!("multivariate series (line {line} has several ':' dimensions)"),
        });
    }
    if values.contains('(') {
        return Err(Error::Unsupported {
            path: path.to_path_buf(),
            feature: "time-stamped series".to_owned(),
        });
    }
    let series = values
        .split(',')
        .map(|t| parse_value(t, path, line))
        .collect::<Result<Vec<f64>>>()?;
    let expected = match (head.equal_length, head.series_length) {
        (Some(true), Some(n)) => Some(n),
        (Some(true), None) => out.series.first().map(Array1::len),
        _ => None,
    };
    if let Some(n) = expected
        && series.len() != n
    {
        return Err(Error::LengthMismatch {
            path: path.to_path_buf(),
            line,
            expected: n,
            got: series.len(),
        });
    }
    out.series.push(Array1::from_vec(series));
    out.labels.push(label);
    Ok(())
}

/// A text label, with integral numbers normalised to integer form (`1.0e+00` -> `1`).
fn normalise_label(tok: &str) -> String {
    match tok.parse::<f64>() {
        Ok(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        _ => tok.to_owned(),
    }
}

fn parse_text(text: &str, path: &Path) -> Result<LabelledSeries> {
    let mut out = LabelledSeries {
        series: Vec::new(),
        labels: Vec::new(),
    };
    let mut width: Option<usize> = None;
    let mut n_lines = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        n_lines = line;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        let mut toks = l
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty());
        // `l` is non-empty after trimming, so it has a first token
        let label = normalise_label(toks.next().unwrap_or(""));
        let mut values = toks
            .map(|t| parse_value(t, path, line))
            .collect::<Result<Vec<f64>>>()?;
        if values.is_empty() {
            return Err(parse_err(path, line, "row holds a label and no values"));
        }
        let w = *width.get_or_insert(values.len());
        if values.len() != w {
            return Err(Error::LengthMismatch {
                path: path.to_path_buf(),
                line,
                expected: w,
                got: values.len(),
            });
        }
        while values.last().is_some_and(|v| v.is_nan()) {
            values.pop();
        }
        if values.is_empty() {
            return Err(parse_err(path, line, "series holds only NaN"));
        }
        out.series.push(Array1::from_vec(values));
        out.labels.push(label);
    }
    if out.series.is_empty() {
        return Err(parse_err(path, n_lines, "no series in file"));
    }
    Ok(out)
}
