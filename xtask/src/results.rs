//! The schema of `results.json`: what a reproduce run measured, machine-readable.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// One measured number of one experiment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Experiment {
    /// Id of the section it belongs to (`signals`, `fourier`, ...).
    pub section: String,
    /// Short name of the experiment inside its section.
    pub name: String,
    /// What `value` measures, with its unit or bound (`max abs error`, `Hz`, ...).
    pub metric: String,
    /// Our number.
    pub value: f64,
    /// The number the tutorial reports for the same experiment, `null` where it gives none (the
    /// report shows `—`).
    pub tutorial_value: Option<f64>,
    /// Wall-clock seconds the experiment took.
    pub seconds: f64,
    /// One sentence on what the number means and how it compares.
    pub note: String,
}

/// What happened to one section of the tutorial in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// It ran and its experiments are in `experiments`.
    Ok,
    /// Left out by `--only`.
    Skipped,
    /// It ran and returned an error (in `detail`).
    Failed,
}

impl Status {
    /// The words used for this status in the report.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Skipped => "skipped (--only)",
            Self::Failed => "failed",
        }
    }
}

/// One section's status line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SectionStatus {
    /// Short id (`signals`, `smoothing-2d`, ...).
    pub id: String,
    /// Title as in the tutorial.
    pub title: String,
    /// What happened.
    pub status: Status,
    /// Wall-clock seconds the section took (0 when it did not run).
    pub seconds: f64,
    /// Why it is not available, or the error it failed with.
    pub detail: Option<String>,
}

/// Everything a run wrote to `results.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Results {
    /// Seed every random draw of the run derives from.
    pub seed: u64,
    /// Whether `--quick` (small epochs and subsets) was on.
    pub quick: bool,
    /// Rayon threads.
    pub threads: usize,
    /// Wall-clock seconds of the whole run.
    pub total_seconds: f64,
    /// Every section of the tutorial, in its order.
    pub sections: Vec<SectionStatus>,
    /// Every measured number, in section order.
    pub experiments: Vec<Experiment>,
}

impl Results {
    /// Writes the results as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).context("serialising results")?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
    }
}
