//! `cargo xtask reproduce`: runs the tutorial's sections in order and writes the report.
//!
//! Each section is a function over a [`Ctx`] that records paragraphs, figures, tables and measured
//! [`Experiment`]s; a section that fails is reported as failed with its error, and the run goes on.

mod sections;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use sigfeat::dsp_core::Progress;

use crate::plot::Figure;
use crate::report;
use crate::results::{Experiment, Results, SectionStatus, Status};

/// Options of `cargo xtask reproduce`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Section ids to run; empty runs all.
    pub only: Vec<String>,
    /// Small epochs and subsets (for tests).
    pub quick: bool,
    /// Output folder.
    pub out: PathBuf,
    /// Rayon threads.
    pub threads: usize,
    /// Seed of every random draw.
    pub seed: u64,
    /// A folder per class of the user's photos, run through the SURF bag-of-words pipeline.
    pub photos: Option<PathBuf>,
    /// Skip (and list) photos that fail to decode instead of stopping.
    pub skip_bad_photos: bool,
}

/// How a section runs.
pub enum Runner {
    /// The section's code.
    Ready(fn(&mut Ctx<'_>) -> Result<()>),
}

/// One section of the tutorial.
pub struct Section {
    /// Short id for `--only` and `results.json`.
    pub id: &'static str,
    /// Title as in the tutorial.
    pub title: &'static str,
    /// What the tutorial does in this section.
    pub summary: &'static str,
    /// Its code.
    pub runner: Runner,
}

/// Something shown in a section of the report, in order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph of plain text.
    Text(String),
    /// A figure already saved as PNG and SVG.
    Figure {
        /// Caption.
        caption: String,
        /// PNG path.
        png: PathBuf,
        /// SVG path.
        svg: PathBuf,
    },
    /// A table.
    Table(Table),
    /// A sound the reader can play: a WAV file written beside the report.
    Audio {
        /// Caption.
        caption: String,
        /// WAV path.
        wav: PathBuf,
    },
}

/// A small table of strings.
#[derive(Debug, Clone)]
pub struct Table {
    /// Caption above it.
    pub caption: String,
    /// Column names.
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// A number from outside sigfeat (a published baseline, another library's result) beside ours,
/// for the report's opening summary; not part of `results.json`, whose `tutorial_value`s the
/// summary lists too.
#[derive(Debug, Clone)]
pub struct Reference {
    /// What is compared (`GunPoint: 1-NN Euclidean test accuracy`).
    pub what: String,
    /// Who reports the other number (`UCR archive, published`).
    pub source: String,
    /// Their number.
    pub value: f64,
    /// The data they measured it on.
    pub their_data: String,
    /// Our number.
    pub ours: f64,
    /// The data we measured it on.
    pub our_data: String,
}

/// What one section produced.
#[derive(Debug, Default)]
pub struct SectionOutput {
    /// Report blocks in order.
    pub blocks: Vec<Block>,
    /// Measured numbers.
    pub experiments: Vec<Experiment>,
    /// Outside numbers beside ours, for the summary.
    pub references: Vec<Reference>,
}

/// [`Progress`] drawn as a count in the message of the run's `indicatif` bar.
struct BarProgress {
    bar: ProgressBar,
    prefix: String,
    what: std::sync::Mutex<String>,
    total: AtomicU64,
    done: AtomicU64,
}

impl BarProgress {
    fn show(&self) {
        let what = self.what.lock().map(|w| w.clone()).unwrap_or_default();
        self.bar.set_message(format!(
            "{} ({}/{} {what})",
            self.prefix,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed)
        ));
    }
}

impl Progress for BarProgress {
    fn start(&self, what: &str, total: u64) {
        if let Ok(mut w) = self.what.lock() {
            what.clone_into(&mut w);
        }
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        self.show();
    }

    fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
        self.show();
    }

    fn finish(&self) {
        self.bar.set_message(self.prefix.clone());
    }
}

/// The context a section runs in: its options and where its outputs go.
pub struct Ctx<'a> {
    /// `--quick`.
    pub quick: bool,
    /// `--seed`.
    pub seed: u64,
    section: &'static str,
    photos: Option<PathBuf>,
    skip_bad_photos: bool,
    fig_dir: &'a Path,
    progress: &'a ProgressBar,
    earlier: &'a [Experiment],
    out: SectionOutput,
}

impl Ctx<'_> {
    /// A seed for one named random draw of this section: the run seed mixed with the section and
    /// the draw's name, so adding a draw never changes the others.
    pub fn seed_for(&self, what: &str) -> u64 {
        // FNV-1a over section/what, xor the run seed: stable across platforms and Rust versions.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.section.bytes().chain([b'/']).chain(what.bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^ self.seed
    }

    /// An observer for the library's long work (validation folds) that shows its count on the
    /// section's bar, after `step`'s message: the libraries report through
    /// [`Progress`]; only this binary draws.
    pub fn library_progress(&self, step: &str) -> Arc<dyn Progress> {
        Arc::new(BarProgress {
            bar: self.progress.clone(),
            prefix: format!("{}: {step}", self.section),
            what: std::sync::Mutex::new(String::new()),
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
        })
    }

    /// The numbers the sections before this one recorded in this run.
    pub fn earlier(&self) -> &[Experiment] {
        self.earlier
    }

    /// The section's progress bar (its message shows a long step's live numbers).
    pub fn bar(&self) -> ProgressBar {
        self.progress.clone()
    }

    /// Shows what the section is doing now.
    pub fn step(&self, what: &str) {
        self.progress
            .set_message(format!("{}: {what}", self.section));
    }

    /// Adds a paragraph.
    pub fn text(&mut self, text: impl Into<String>) {
        self.out.blocks.push(Block::Text(text.into()));
    }

    /// Saves a figure as PNG and SVG and adds it.
    pub fn figure(&mut self, figure: &Figure) -> Result<()> {
        let (png, svg) = figure.save(self.fig_dir)?;
        self.out.blocks.push(Block::Figure {
            caption: figure.caption.clone(),
            png,
            svg,
        });
        Ok(())
    }

    /// Where a section writes a file shown by the report (beside the figures).
    pub fn asset_path(&self, name: &str) -> PathBuf {
        self.fig_dir.join(name)
    }

    /// Adds a player for a WAV file already written (with [`Ctx::asset_path`]).
    pub fn audio(&mut self, caption: impl Into<String>, wav: PathBuf) {
        self.out.blocks.push(Block::Audio {
            caption: caption.into(),
            wav,
        });
    }

    /// Adds a table.
    pub fn table(&mut self, caption: impl Into<String>, header: &[&str], rows: Vec<Vec<String>>) {
        self.out.blocks.push(Block::Table(Table {
            caption: caption.into(),
            header: header.iter().map(|s| (*s).to_string()).collect(),
            rows,
        }));
    }

    /// Puts an outside number beside one of ours in the report's summary.
    pub fn reference(&mut self, r: Reference) {
        self.out.references.push(r);
    }

    /// Records one measured number the tutorial gives none for.
    pub fn record(&mut self, m: Measured) {
        self.push(m, None);
    }

    /// Records one measured number beside the tutorial's own for the same experiment (its
    /// `tutorial_value`, listed in the report's summary).
    pub fn record_vs_tutorial(&mut self, m: Measured, tutorial: f64) {
        self.push(m, Some(tutorial));
    }

    fn push(&mut self, m: Measured, tutorial_value: Option<f64>) {
        self.out.experiments.push(Experiment {
            section: self.section.to_string(),
            name: m.name,
            metric: m.metric,
            value: m.value,
            tutorial_value,
            seconds: m.seconds,
            note: m.note,
        });
    }

    /// `--photos DIR` and `--skip-bad-photos`: a user's folder per class for the SURF
    /// bag-of-words pipeline.
    pub fn photos(&self) -> Option<(&Path, bool)> {
        self.photos.as_deref().map(|p| (p, self.skip_bad_photos))
    }
}

/// A number a section measured, before it is filed under the section.
pub struct Measured {
    /// Experiment name.
    pub name: String,
    /// What it measures.
    pub metric: String,
    /// Our value.
    pub value: f64,
    /// Seconds it took.
    pub seconds: f64,
    /// One sentence on what it means.
    pub note: String,
}

/// Runs `f` and returns its value with the seconds it took.
pub fn timed<T>(f: impl FnOnce() -> Result<T>) -> Result<(T, f64)> {
    let start = Instant::now();
    let value = f()?;
    Ok((value, start.elapsed().as_secs_f64()))
}

/// Runs the selected sections and writes `index.html`, `results.json` and the figures under `out`.
/// Returns an error (after writing everything) when a section failed.
pub fn run(opts: &Options) -> Result<()> {
    let registry = sections::registry();
    for id in &opts.only {
        if !registry.iter().any(|s| s.id == id) {
            let ids: Vec<_> = registry.iter().map(|s| s.id).collect();
            bail!(
                "unknown section '{id}' in --only; sections are: {}",
                ids.join(", ")
            );
        }
    }
    let fig_dir = opts.out.join("figures");
    std::fs::create_dir_all(&fig_dir).with_context(|| format!("creating {}", fig_dir.display()))?;

    let selected = |id: &str| opts.only.is_empty() || opts.only.iter().any(|o| o == id);
    let total = registry.iter().filter(|s| selected(s.id)).count() as u64;
    let progress = ProgressBar::new(total).with_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} sections [{elapsed}] {wide_msg}")
            .context("progress template")?,
    );

    let start = Instant::now();
    let mut statuses = Vec::new();
    let mut outputs = Vec::new();
    for section in &registry {
        let (status, seconds, detail, output) = if !selected(section.id) {
            (Status::Skipped, 0.0, None, SectionOutput::default())
        } else {
            let result = match &section.runner {
                Runner::Ready(f) => {
                    let earlier: Vec<Experiment> = outputs
                        .iter()
                        .flat_map(|o: &SectionOutput| o.experiments.iter().cloned())
                        .collect();
                    let mut ctx = Ctx {
                        quick: opts.quick,
                        seed: opts.seed,
                        section: section.id,
                        photos: opts.photos.clone(),
                        skip_bad_photos: opts.skip_bad_photos,
                        fig_dir: &fig_dir,
                        progress: &progress,
                        earlier: &earlier,
                        out: SectionOutput::default(),
                    };
                    ctx.step("starting");
                    let t = Instant::now();
                    let r = f(&mut ctx);
                    let secs = t.elapsed().as_secs_f64();
                    match r {
                        Ok(()) => (Status::Ok, secs, None, ctx.out),
                        Err(e) => (Status::Failed, secs, Some(format!("{e:#}")), ctx.out),
                    }
                }
            };
            progress.inc(1);
            progress.suspend(|| {
                let why = result
                    .2
                    .as_deref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default();
                eprintln!(
                    "{:<14} {:<18} {:>8.2} s{why}",
                    section.id,
                    result.0.label(),
                    result.1
                );
            });
            result
        };
        statuses.push(SectionStatus {
            id: section.id.to_string(),
            title: section.title.to_string(),
            status,
            seconds,
            detail,
        });
        outputs.push(output);
    }
    progress.finish_and_clear();

    let results = Results {
        seed: opts.seed,
        quick: opts.quick,
        threads: opts.threads,
        total_seconds: start.elapsed().as_secs_f64(),
        sections: statuses,
        experiments: outputs
            .iter()
            .flat_map(|o| o.experiments.iter().cloned())
            .collect(),
    };
    results.write(&opts.out.join("results.json"))?;
    let html = report::render(&registry, &results, &outputs, &opts.out)?;
    let index = opts.out.join("index.html");
    std::fs::write(&index, html).with_context(|| format!("writing {}", index.display()))?;
    eprintln!(
        "total {:.2} s; report: {}",
        results.total_seconds,
        index.display()
    );

    let failed: Vec<_> = results
        .sections
        .iter()
        .filter(|s| s.status == Status::Failed)
        .map(|s| s.id.as_str())
        .collect();
    if !failed.is_empty() {
        bail!("section(s) failed: {}", failed.join(", "));
    }
    Ok(())
}
