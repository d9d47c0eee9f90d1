//! Speech data sets: a folder of recordings described by a metadata CSV, or voice folders
//! named `<language>_<COUNTRY>_<gender>_<Name>/<word>.wav`, decoded in parallel.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::audio::apply_options;
use crate::{Audio, AudioOptions, Error, LoadOptions, Result, Skipped, read_audio};
use dsp_core::Float;

/// One label column of a [`SpeechDataset`]: a class index per recording into `class_names`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelColumn {
    /// The column's name (the CSV header, or `language`, `country`, `gender`, `speaker`,
    /// `text` for voice folders).
    pub name: String,
    /// The distinct values, sorted; a label indexes this list.
    pub class_names: Vec<String>,
    /// The class index of each recording.
    pub labels: Vec<usize>,
}

impl LabelColumn {
    fn from_values(name: String, values: &[String]) -> Self {
        let class_names: Vec<String> = values
            .iter()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let labels = values
            .iter()
            .map(|v| {
                class_names
                    .binary_search(v)
                    .expect("every value is one of the sorted distinct values")
            })
            .collect();
        LabelColumn {
            name,
            class_names,
            labels,
        }
    }

    /// The label of each recording as its class name.
    #[must_use]
    pub fn values(&self) -> Vec<&str> {
        self.labels
            .iter()
            .map(|&l| self.class_names[l].as_str())
            .collect()
    }

    fn select(&self, rows: &[usize]) -> Self {
        LabelColumn {
            name: self.name.clone(),
            class_names: self.class_names.clone(),
            labels: rows.iter().map(|&r| self.labels[r]).collect(),
        }
    }
}

/// Options of [`SpeechDataset::from_csv`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvOptions {
    ignore_unlisted: bool,
}

impl CsvOptions {
    /// The defaults: every audio file under the CSV's folder must have a row.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether audio files under the CSV's folder with no row are allowed (and left out).
    #[must_use]
    pub fn ignore_unlisted(mut self, ignore: bool) -> Self {
        self.ignore_unlisted = ignore;
        self
    }
}

/// The file list and labels of a speech data set; nothing is decoded until
/// [`SpeechDataset::load`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechDataset {
    /// The recordings, in the CSV's row order (voice folders: folder then file name order).
    pub paths: Vec<PathBuf>,
    /// The label columns, in the CSV's column order.
    pub columns: Vec<LabelColumn>,
}

/// What [`SpeechDataset::load`] returns: the recordings that decoded, in data-set order, with
/// their labels, and the files left out.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeechOutput<T> {
    /// The decoded (and mixed, resampled, normalised as asked) recordings.
    pub audio: Vec<Audio<T>>,
    /// The file of each recording.
    pub paths: Vec<PathBuf>,
    /// The index of each recording in [`SpeechDataset::paths`].
    pub rows: Vec<usize>,
    /// The label columns restricted to the loaded recordings (the class lists unchanged).
    pub columns: Vec<LabelColumn>,
    /// Files left out ([`OnError::Skip`](crate::OnError::Skip) only).
    pub skipped: Vec<Skipped>,
}

impl<T> SpeechOutput<T> {
    /// The label column called `name`.
    #[must_use]
    pub fn column(&self, name: &str) -> Option<&LabelColumn> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The audio files this module lists: `.wav`, `.flac`, `.ogg`, `.mp3` (any case).
fn is_audio(p: &Path) -> bool {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "wav" | "flac" | "ogg" | "mp3"))
}

/// `path` with `.` removed and `..` applied, without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v = Vec::new();
    for e in rd {
        v.push(e.map_err(|e| Error::io(dir, e))?.path());
    }
    v.sort();
    Ok(v)
}

fn audio_files_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in sorted_entries(dir)? {
        if entry.is_dir() {
            audio_files_under(&entry, out)?;
        } else if entry.is_file() && is_audio(&entry) {
            out.push(entry);
        }
    }
    Ok(())
}

impl SpeechDataset {
    /// Reads a metadata CSV: a header row whose first column is `path`, then one row per
    /// recording: its path relative to the CSV's folder and its labels (strings, any number
    /// of columns). Every listed file must exist, and every audio file (`.wav`, `.flac`,
    /// `.ogg`, `.mp3`) under the CSV's folder must be listed unless
    /// [`CsvOptions::ignore_unlisted`].
    ///
    /// # Errors
    /// [`Error::NotFound`] / [`Error::Io`] for the CSV; [`Error::Parse`] (with the line) for an
    /// empty CSV, a header not starting with `path`, a duplicate or empty column name, a row
    /// with another number of fields than the header (ragged), an empty path or no row at all;
    /// [`Error::Metadata`] (with the line and the audio file) for a row naming a missing file,
    /// two rows naming one file, or an audio file with no row.
    pub fn from_csv(csv_path: impl AsRef<Path>, options: &CsvOptions) -> Result<Self> {
        let csv_path = csv_path.as_ref();
        let dir = csv_path.parent().unwrap_or(Path::new("")).to_path_buf();
        let file = std::fs::File::open(csv_path).map_err(|e| Error::io(csv_path, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(std::io::BufReader::new(file));
        let parse = |line: u64, detail: String| Error::Parse {
            path: csv_path.to_path_buf(),
            line: usize::try_from(line).unwrap_or(usize::MAX),
            detail,
        };
        let csv_err = |e: csv::Error| {
            let line = e.position().map_or(0, csv::Position::line);
            match e.into_kind() {
                csv::ErrorKind::Io(io) => Error::io(csv_path, io),
                other => parse(line, format!("{other:?}")),
            }
        };
        let mut records = reader.records();
        let header = match records.next() {
            None => {
                return Err(parse(
                    1,
                    "empty CSV: a header row `path,<label>...` is needed".into(),
                ));
            }
            Some(r) => r.map_err(csv_err)?,
        };
        let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        if names.first().map(String::as_str) != Some("path") {
            return Err(parse(
                1,
                format!(
                    "the header's first column must be `path`, found {:?}",
                    names.first()
                ),
            ));
        }
        for (i, n) in names.iter().enumerate().skip(1) {
            if n.is_empty() {
                return Err(parse(1, format!("column {} has an empty name", i + 1)));
            }
            if names[..i].contains(n) {
                return Err(parse(1, format!("column name {n:?} appears twice")));
            }
        }
        let mut paths = Vec::new();
        let mut values: Vec<Vec<String>> = vec![Vec::new(); names.len() - 1];
        let mut seen: HashMap<PathBuf, u64> = HashMap::new();
        for record in records {
            let record = record.map_err(csv_err)?;
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() != names.len() {
                return Err(parse(
                    line,
                    format!(
                        "ragged row: {} field(s), the header has {}",
                        record.len(),
                        names.len()
                    ),
                ));
            }
            let rel = record[0].trim();
            if rel.is_empty() {
                return Err(parse(line, "empty path".into()));
            }
            let path = lexical(&dir.join(rel));
            let metadata = |detail: String| Error::Metadata {
                csv: csv_path.to_path_buf(),
                line: usize::try_from(line).unwrap_or(usize::MAX),
                detail,
            };
            if let Some(first) = seen.get(&path) {
                return Err(metadata(format!(
                    "duplicate row: {} is already listed on line {first}",
                    path.display()
                )));
            }
            if !path.is_file() {
                return Err(metadata(format!(
                    "the row names {}, which does not exist",
                    path.display()
                )));
            }
            seen.insert(path.clone(), line);
            for (col, v) in values.iter_mut().zip(record.iter().skip(1)) {
                col.push(v.to_string());
            }
            paths.push(path);
        }
        if paths.is_empty() {
            return Err(parse(2, "no row after the header".into()));
        }
        if !options.ignore_unlisted {
            let mut found = Vec::new();
            audio_files_under(
                if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &dir
                },
                &mut found,
            )?;
            if let Some(unlisted) = found.iter().find(|f| !seen.contains_key(&lexical(f))) {
                return Err(Error::Metadata {
                    csv: csv_path.to_path_buf(),
                    line: 0,
                    detail: format!(
                        "{} has no row (list it, or allow unlisted files with \
                         CsvOptions::ignore_unlisted)",
                        unlisted.display()
                    ),
                });
            }
        }
        let columns = names
            .into_iter()
            .skip(1)
            .zip(values)
            .map(|(name, v)| LabelColumn::from_values(name, &v))
            .collect();
        Ok(SpeechDataset { paths, columns })
    }

    /// Lists voice folders `root/<language>_<COUNTRY>_<gender>_<Name>/<word>.<ext>` (e.g.
    /// `en_US_f_Allison/7.wav`): columns `language` (`en`), `country` (`US`), `gender` (`f` or
    /// `m`), `speaker` (`Allison`) and `text` (the file stem, `7`). Folders in name order, the
    /// audio files (`.wav`, `.flac`, `.ogg`, `.mp3`) of each in name order; other files are not
    /// audio and are not listed.
    ///
    /// # Errors
    /// [`Error::NotFound`] / [`Error::Io`] for `root`; [`Error::BadLayout`] naming the folder
    /// for a sub-folder whose name does not follow the convention, a voice folder with no
    /// audio file, or a root with no voice folder.
    pub fn from_voice_folders(root: impl AsRef<Path>) -> Result<Self> {
        let root = root.as_ref();
        let mut paths = Vec::new();
        let mut values: [Vec<String>; 5] = Default::default();
        for dir in sorted_entries(root)?.into_iter().filter(|p| p.is_dir()) {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parts: Vec<&str> = name.splitn(4, '_').collect();
            let valid = parts.len() == 4
                && !parts[0].is_empty()
                && parts[0].chars().all(|c| c.is_ascii_lowercase())
                && !parts[1].is_empty()
                && parts[1].chars().all(|c| c.is_ascii_uppercase())
                && matches!(parts[2], "f" | "m")
                && !parts[3].is_empty();
            if !valid {
                return Err(Error::BadLayout {
                    path: dir,
                    detail: "voice folder name is not <language>_<COUNTRY>_<f|m>_<Name> \
                             (e.g. en_US_f_Allison)"
                        .into(),
                });
            }
            let before = paths.len();
            for file in sorted_entries(&dir)? {
                if file.is_file() && is_audio(&file) {
                    let stem = file
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    for (col, v) in values
                        .iter_mut()
                        .zip([parts[0], parts[1], parts[2], parts[3]])
                    {
                        col.push(v.to_string());
                    }
                    values[4].push(stem);
                    paths.push(file);
                }
            }
            if paths.len() == before {
                return Err(Error::BadLayout {
                    path: dir,
                    detail: "voice folder holds no .wav/.flac/.ogg/.mp3 file".into(),
                });
            }
        }
        if paths.is_empty() {
            return Err(Error::BadLayout {
                path: root.to_path_buf(),
                detail:
                    "no voice folder (expected root/<language>_<COUNTRY>_<f|m>_<Name>/<word>.wav)"
                        .into(),
            });
        }
        let columns = ["language", "country", "gender", "speaker", "text"]
            .into_iter()
            .zip(values)
            .map(|(name, v)| LabelColumn::from_values(name.to_string(), &v))
            .collect();
        Ok(SpeechDataset { paths, columns })
    }

    /// Number of recordings.
    #[must_use]
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether the set holds no recording (never true for a set this module built).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The label column called `name`.
    #[must_use]
    pub fn column(&self, name: &str) -> Option<&LabelColumn> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Decodes every recording in parallel (rayon) as [`load_audio`](crate::load_audio) does
    /// with `audio` (mono, common rate, normalisation), one planned resampler per worker
    /// thread. The `librosa.load` loop over a data set.
    ///
    /// Outputs follow [`SpeechDataset::paths`] whatever the number of threads. `load`'s
    /// progress observer is told `start("audio files", n)`, `advance(1)` per file and
    /// `finish()`. A file that fails is reported ([`OnError::Fail`](crate::OnError::Fail): every file is still
    /// tried, then the first failure in data-set order is returned) or left out and listed
    /// ([`OnError::Skip`](crate::OnError::Skip)).
    ///
    /// # Errors
    /// With [`OnError::Fail`](crate::OnError::Fail): the first failing file's error, naming it (as
    /// [`read_audio`](crate::read_audio) and [`load_audio`](crate::load_audio)).
    pub fn load<T: Float>(
        &self,
        audio: &AudioOptions,
        load: &LoadOptions,
    ) -> Result<SpeechOutput<T>> {
        let (ok, skipped) = crate::folder::map_paths(
            &self.paths,
            load.observer(),
            "audio files",
            load.on_error_mode(),
            || None,
            |resampler, path| {
                read_audio::<T>(path).and_then(|a| apply_options(a, audio, resampler, path))
            },
            |e, _| e,
            |e| e.to_string(),
        )?;
        let mut out = SpeechOutput {
            audio: Vec::with_capacity(ok.len()),
            paths: Vec::with_capacity(ok.len()),
            rows: Vec::with_capacity(ok.len()),
            columns: Vec::new(),
            skipped,
        };
        for (row, a) in ok {
            out.audio.push(a);
            out.paths.push(self.paths[row].clone());
            out.rows.push(row);
        }
        out.columns = self.columns.iter().map(|c| c.select(&out.rows)).collect();
        Ok(out)
    }
}
