//! Reading criterion's results: `<target>/criterion/**/new/{benchmark,estimates}.json`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};
use serde::Deserialize;

/// One benchmark's median as criterion measured it.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// Criterion's full id (`group/function/parameter`).
    pub id: String,
    /// Median time of one iteration in seconds.
    pub median_s: f64,
}

#[derive(Deserialize)]
struct BenchmarkJson {
    full_id: String,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
}

#[derive(Deserialize)]
struct EstimatesJson {
    median: Estimate,
}

/// Every benchmark under `criterion_dir` whose `new/estimates.json` was written at or after `since`
/// (so results of earlier runs or other filters are left out), sorted by id.
pub fn read_all(criterion_dir: &Path, since: Option<SystemTime>) -> Result<Vec<Measurement>> {
    let mut found = Vec::new();
    if criterion_dir.is_dir() {
        collect(criterion_dir, &mut found)?;
    }
    let mut out = Vec::new();
    for new_dir in found {
        let estimates = new_dir.join("estimates.json");
        if let Some(since) = since {
            let modified = std::fs::metadata(&estimates).and_then(|m| m.modified());
            if modified.map(|m| m < since).unwrap_or(true) {
                continue;
            }
        }
        let bench: BenchmarkJson = read_json(&new_dir.join("benchmark.json"))?;
        let est: EstimatesJson = read_json(&estimates)?;
        // Criterion stores nanoseconds.
        out.push(Measurement {
            id: bench.full_id,
            median_s: est.median.point_estimate * 1e-9,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Folders named `new` that hold both JSON files (criterion's report folders are skipped).
fn collect(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if !path.is_dir() {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "new") {
            if path.join("estimates.json").is_file() && path.join("benchmark.json").is_file() {
                found.push(path);
            }
        } else if path.file_name().is_none_or(|n| n != "report") {
            collect(&path, found)?;
        }
    }
    Ok(())
}
