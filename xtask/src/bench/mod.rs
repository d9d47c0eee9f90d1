//! `cargo xtask bench`: criterion medians of `benches/` beside numpy/scipy on the same inputs.
//!
//! 1. `cargo bench -p sigfeat-benches --bench '*' -- [FILTER]` (rayon threads = `--threads`);
//! 2. read the medians from `<target>/criterion/**/new/estimates.json` written by that run;
//! 3. look each criterion id up in `sigfeat_benches::registry` (the list the bench files read too)
//!    for its Python operation ([`ops::python_case`]), write its inputs — drawn by
//!    `sigfeat_benches::{signal, image}`, the very data the Rust benchmark used — as `.npy` into
//!    `target/bench/inputs/`, and time them with `benches/python/compare.py`;
//! 4. with `--wheel` (sigfeat's wheel built into that Python before step 1), time the same calls
//!    through the wheel too, in `--rounds` rounds each followed by criterion on those cases
//!    ([`bracket`]);
//! 5. print one table and write `target/bench/compare.md` and `compare.json`.

mod criterion;
mod ops;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Context, Result, bail, ensure};
use clap::Args;
use serde::{Deserialize, Serialize};

use sigfeat_benches::registry;

use crate::workspace_root;

/// Options of `cargo xtask bench`.
#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Only benchmarks whose id matches this regular expression: criterion's filter, passed
    /// through, and the same match selects the rows of the comparison (`rfft2|sobel`: both).
    #[arg(long)]
    filter: Option<String>,
    /// A Python with numpy and scipy to compare against.
    #[arg(long, value_name = "PATH", conflicts_with = "venv")]
    python: Option<PathBuf>,
    /// Create (or reuse) `.venv` from `benches/python/requirements.txt` and compare against it.
    #[arg(long)]
    venv: bool,
    /// Threads for rayon, and for BLAS/OpenMP and scipy's workers on the Python side.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Criterion's `--quick` mode (fewer samples; for a first look).
    #[arg(long)]
    quick: bool,
    /// Do not run `cargo bench`: compare the criterion results already on disk.
    #[arg(long)]
    no_run: bool,
    /// Build sigfeat's Python wheel (crates/python, release, by maturin) into the Python's
    /// environment first, so that the table also times the same operations called from Python.
    #[arg(long)]
    wheel: bool,
    /// With --wheel: how many times the from-Python times are taken, each between two
    /// criterion runs of the same cases; `kept` is the median of the rounds' (see [`Row::kept`]).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
    rounds: u32,
}

/// One row of the comparison.
#[derive(Debug, Serialize, Deserialize)]
struct Row {
    id: String,
    size: String,
    sigfeat_median_s: f64,
    python_op: Option<String>,
    python_median_s: Option<f64>,
    /// sigfeat / Python: below 1 means sigfeat is faster.
    ratio: Option<f64>,
    python_error: Option<String>,
    /// The same operation through sigfeat's Python package, timed in the Python process.
    sigfeat_python_s: Option<f64>,
    /// Criterion's median of the same id again, run right after the Python process (rows with
    /// a from-Python time): with `sigfeat_median_s` it brackets the Python measurement.
    sigfeat_again_s: Option<f64>,
    /// Each round of the from-Python measurement with the criterion runs just before and just
    /// after it (`--rounds`; the first round's "before" is the main criterion run).
    rounds: Vec<Round>,
    /// Bytes the operation must move through memory (memory-bound cases).
    bytes: Option<u64>,
    /// Those bytes at the copy bandwidth measured in the same run: the physical floor.
    floor_s: Option<f64>,
}

/// One from-Python time and the criterion medians of the same case right before and after it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Round {
    rust_before_s: f64,
    python_s: f64,
    rust_after_s: f64,
}

impl Round {
    /// The mean of the bracketing Rust times over the Python time: drift between the runs
    /// cancels to first order.
    fn kept(&self) -> f64 {
        (self.rust_before_s + self.rust_after_s) / 2.0 / self.python_s
    }
}

impl Row {
    /// Rust time over from-Python time: the median over the [`Round`]s where there are any,
    /// else criterion's median over the one Python time.
    fn kept(&self) -> Option<f64> {
        if !self.rounds.is_empty() {
            return Some(median(self.rounds.iter().map(Round::kept).collect()));
        }
        self.sigfeat_python_s.map(|p| self.sigfeat_median_s / p)
    }
}

/// The median (the mean of the middle two for an even count); `values` is not empty.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

#[derive(Deserialize)]
struct PythonOut {
    versions: BTreeMap<String, String>,
    results: BTreeMap<String, PythonResult>,
    /// One call on a tiny input through sigfeat's Python package and through scipy.
    call_overhead: Option<Overhead>,
}

impl PythonOut {
    /// The from-Python time of every case that has one, by criterion id.
    fn sigfeat_times(&self) -> BTreeMap<String, f64> {
        self.results
            .iter()
            .filter_map(|(id, r)| Some((id.clone(), r.sigfeat_py_s?)))
            .collect()
    }
}

#[derive(Deserialize)]
struct PythonResult {
    median_s: Option<f64>,
    error: Option<String>,
    sigfeat_py_s: Option<f64>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Overhead {
    sigfeat_s: f64,
    scipy_s: f64,
}

/// Runs the comparison.
pub fn run(args: &BenchArgs) -> Result<()> {
    ensure!(args.threads > 0, "--threads must be at least 1");
    // Criterion matches its filter as a regex anywhere in the id (`Regex::is_match`); so does the
    // table, so that one filter means one set of benchmarks on both sides.
    let filter = args
        .filter
        .as_deref()
        .map(regex::Regex::new)
        .transpose()
        .context("--filter is not a valid regular expression")?;
    let root = workspace_root();
    let target = target_dir(&root)?;
    let out_dir = target.join("bench");
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;

    let python = match (&args.python, args.venv) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => Some(ensure_venv(&root)?),
        (None, false) => None,
    };
    // The wheel is built before criterion runs, not between criterion and Python: minutes of
    // compiling on both cores just before the Python process left its first minute slow (the
    // first cases kept 0.72-0.84 of criterion's speed there, 0.93-1.00 in a later round).
    if args.wheel {
        let py = python
            .as_deref()
            .context("--wheel needs a Python: --venv or --python PATH")?;
        build_wheel(py, &root, &target)?;
    }

    let started = SystemTime::now();
    if !args.no_run {
        run_criterion(&root, args)?;
    }
    let since = if args.no_run { None } else { Some(started) };
    let mut measured = criterion::read_all(&target.join("criterion"), since)?;
    if let Some(f) = &filter {
        measured.retain(|m| f.is_match(&m.id) || m.id == copy_id());
    }
    ensure!(
        !measured.is_empty(),
        "no criterion results{} found under {}",
        args.filter
            .as_deref()
            .map_or_else(String::new, |f| format!(" matching {f:?}")),
        target.join("criterion").display()
    );

    let py_out = match &python {
        Some(py) => Some(run_python(
            py,
            &root,
            &out_dir,
            &measured,
            args.threads,
            None,
        )?),
        None => None,
    };
    // Criterion's medians before each from-Python round and after the last: the main run's,
    // then one run of the from-Python cases after each round.
    let mut rust_runs: Vec<BTreeMap<String, f64>> = vec![
        measured
            .iter()
            .map(|m| (m.id.clone(), m.median_s))
            .collect(),
    ];
    let mut py_runs: Vec<BTreeMap<String, f64>> = Vec::new();
    if let (Some(o), Some(py)) = (&py_out, &python)
        && !args.no_run
    {
        py_runs.push(o.sigfeat_times());
        let ids: Vec<String> = py_runs[0].keys().cloned().collect();
        rust_runs.push(bracket(&root, &target, args, &ids)?);
        for round in 2..=args.rounds {
            if ids.is_empty() {
                break;
            }
            eprintln!("from-Python round {round} of {}", args.rounds);
            let again = run_python(py, &root, &out_dir, &measured, args.threads, Some(&ids))?;
            py_runs.push(again.sigfeat_times());
            rust_runs.push(bracket(&root, &target, args, &ids)?);
        }
    }
    let rounds_of = |id: &str| -> Vec<Round> {
        py_runs
            .iter()
            .enumerate()
            .filter_map(|(k, p)| {
                Some(Round {
                    rust_before_s: *rust_runs[k].get(id)?,
                    python_s: *p.get(id)?,
                    rust_after_s: *rust_runs.get(k + 1)?.get(id)?,
                })
            })
            .collect()
    };

    // Bytes per second of the copy measured in this run (STREAM's count: read + write).
    let bandwidth = measured
        .iter()
        .find(|m| m.id == copy_id())
        .map(|m| registry::memory::copy_bytes() as f64 / m.median_s);
    let rows: Vec<Row> = measured
        .iter()
        .map(|m| {
            let bytes = registry::find(&m.id).and_then(|c| c.bytes);
            let case = ops::python_case(&m.id);
            let res = py_out.as_ref().and_then(|o| o.results.get(&m.id));
            let py_median = res.and_then(|r| r.median_s);
            let rounds = rounds_of(&m.id);
            Row {
                id: m.id.clone(),
                size: case.as_ref().map_or_else(|| "-".to_string(), |c| c.size()),
                sigfeat_median_s: m.median_s,
                python_op: case.as_ref().map(|c| c.op.to_string()),
                python_median_s: py_median,
                ratio: py_median.map(|p| m.median_s / p),
                python_error: res.and_then(|r| r.error.clone()),
                sigfeat_python_s: if rounds.is_empty() {
                    res.and_then(|r| r.sigfeat_py_s)
                } else {
                    Some(median(rounds.iter().map(|r| r.python_s).collect()))
                },
                sigfeat_again_s: rust_runs
                    .last()
                    .filter(|_| rust_runs.len() > 1)
                    .and_then(|r| r.get(&m.id).copied()),
                rounds,
                bytes,
                floor_s: bytes.zip(bandwidth).map(|(b, bw)| b as f64 / bw),
            }
        })
        .collect();

    let versions = py_out
        .as_ref()
        .map(|o| o.versions.clone())
        .unwrap_or_default();
    let overhead = py_out.as_ref().and_then(|o| o.call_overhead);
    let md = markdown(&rows, args.threads, &versions, bandwidth, overhead);
    println!("{md}");
    std::fs::write(out_dir.join("compare.md"), &md).context("writing compare.md")?;
    let json = serde_json::json!({
        "threads": args.threads,
        "python_versions": versions,
        "copy_bandwidth_bytes_per_s": bandwidth,
        "python_call_overhead": overhead,
        "rows": rows,
    });
    std::fs::write(
        out_dir.join("compare.json"),
        serde_json::to_string_pretty(&json)? + "\n",
    )
    .context("writing compare.json")?;
    eprintln!(
        "wrote {} and compare.json",
        out_dir.join("compare.md").display()
    );
    Ok(())
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR` and config), from `cargo metadata`.
fn target_dir(root: &Path) -> Result<PathBuf> {
    let out = Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .context("running cargo metadata")?;
    ensure!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("parsing cargo metadata")?;
    let dir = v["target_directory"]
        .as_str()
        .context("cargo metadata has no target_directory")?;
    Ok(PathBuf::from(dir))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The id of the copy that measures the memory bandwidth.
fn copy_id() -> String {
    format!("{}/{}", registry::memory::GROUP, registry::memory::COPY)
}

fn run_criterion(root: &Path, args: &BenchArgs) -> Result<()> {
    run_criterion_matching(root, args, args.filter.as_deref())
}

/// Runs criterion again on the cases the Python process timed through sigfeat's wheel and
/// returns their medians by id.
///
/// `kept` divides criterion's time by the from-Python time, two measurements minutes apart. On
/// a shared virtual machine the speed drifts by up to half within minutes (the same 2048x2048
/// `correlate1d` measured 1.0 ms and 1.5 ms in two runs of one afternoon), and that drift, not
/// the Python layer, decided `kept`. A criterion run right after each Python one brackets it:
/// each round's `kept` uses the mean of the two criterion medians around it, and the table the
/// median over the rounds (a slow stretch inside one Python process, which bracketing cannot
/// see, then decides nothing alone).
fn bracket(
    root: &Path,
    target: &Path,
    args: &BenchArgs,
    ids: &[String],
) -> Result<BTreeMap<String, f64>> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let escaped: Vec<String> = ids.iter().map(|id| regex::escape(id)).collect();
    let started = SystemTime::now();
    run_criterion_matching(root, args, Some(&format!("^(?:{})$", escaped.join("|"))))?;
    Ok(
        criterion::read_all(&target.join("criterion"), Some(started))?
            .into_iter()
            .map(|m| (m.id, m.median_s))
            .collect(),
    )
}

fn run_criterion_matching(root: &Path, args: &BenchArgs, filter: Option<&str>) -> Result<()> {
    let mut cmd = Command::new(cargo());
    cmd.args(["bench", "-p", "sigfeat-benches", "--bench", "*", "--"])
        .current_dir(root);
    if let Some(f) = filter {
        // The bandwidth copy runs with every selection: the floors need it from the same run.
        cmd.arg(format!("(?:{f})|^{}$", regex::escape(&copy_id())));
    }
    if args.quick {
        cmd.arg("--quick");
    }
    cmd.env("RAYON_NUM_THREADS", args.threads.to_string());
    eprintln!("running {cmd:?}");
    let status = cmd.status().context("running cargo bench")?;
    ensure!(status.success(), "cargo bench failed ({status})");
    Ok(())
}

/// Builds crates/python's wheel in release with maturin (installed into `python`'s environment
/// from benches/python/requirements.txt) and installs it there.
fn build_wheel(python: &Path, root: &Path, target: &Path) -> Result<()> {
    let wheels = target.join("python").join("bench-wheels");
    if wheels.exists() {
        std::fs::remove_dir_all(&wheels)
            .with_context(|| format!("clearing {}", wheels.display()))?;
    }
    let mut cmd = Command::new(python);
    cmd.args(["-m", "maturin", "build", "--release", "-m"])
        .arg(root.join("crates").join("python").join("Cargo.toml"))
        .arg("--out")
        .arg(&wheels)
        .arg("-i")
        .arg(python)
        .current_dir(root);
    eprintln!("running {cmd:?}");
    let status = cmd
        .status()
        .context("running maturin (is it installed in that Python?)")?;
    ensure!(status.success(), "maturin build failed ({status})");
    let wheel = std::fs::read_dir(&wheels)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .with_context(|| format!("no wheel in {}", wheels.display()))?;
    let status = Command::new(python)
        .args([
            "-m",
            "pip",
            "install",
            "-q",
            "--force-reinstall",
            "--no-deps",
        ])
        .arg(&wheel)
        .status()
        .context("running pip install")?;
    ensure!(
        status.success(),
        "pip install {} failed ({status})",
        wheel.display()
    );
    Ok(())
}

/// `.venv` in the workspace (gitignored), created from the pinned requirements when missing.
fn ensure_venv(root: &Path) -> Result<PathBuf> {
    let requirements = root.join("benches").join("python").join("requirements.txt");
    crate::venv::ensure(Path::new("python3"), &root.join(".venv"), &requirements)
}

fn run_python(
    python: &Path,
    root: &Path,
    out_dir: &Path,
    measured: &[criterion::Measurement],
    threads: usize,
    sigfeat_only: Option<&[String]>,
) -> Result<PythonOut> {
    let inputs_dir = out_dir.join("inputs");
    std::fs::create_dir_all(&inputs_dir)
        .with_context(|| format!("creating {}", inputs_dir.display()))?;
    let mut cases = Vec::new();
    for m in measured {
        if sigfeat_only.is_some_and(|ids| !ids.contains(&m.id)) {
            continue;
        }
        let Some(case) = ops::python_case(&m.id) else {
            continue;
        };
        let mut paths = Vec::new();
        for input in &case.inputs {
            paths.push(ops::write_input(input, &inputs_dir)?);
        }
        let params = ops::params_json(&case);
        // A Rust-only variant's row gets no from-Python time ([`registry::Case::rust_only`]).
        let from_python = !registry::find(&m.id).is_some_and(|c| c.rust_only);
        if sigfeat_only.is_some() && !from_python {
            continue;
        }
        cases.push(serde_json::json!({
            "id": m.id, "op": case.op, "params": params, "inputs": paths,
            "from_python": from_python,
        }));
    }
    // A later round (sigfeat only) writes its own files: the first round's stay as they were.
    let (cases_name, result_name) = if sigfeat_only.is_some() {
        ("cases-again.json", "python-again.json")
    } else {
        ("cases.json", "python.json")
    };
    let cases_path = out_dir.join(cases_name);
    std::fs::write(&cases_path, serde_json::to_string_pretty(&cases)?)
        .with_context(|| format!("writing {}", cases_path.display()))?;
    let result_path = out_dir.join(result_name);
    let n = threads.to_string();
    let mut cmd = Command::new(python);
    cmd.arg(root.join("benches").join("python").join("compare.py"))
        .arg(&cases_path)
        .arg(&result_path)
        .args(["--threads", &n]);
    if sigfeat_only.is_some() {
        cmd.arg("--sigfeat-only");
    }
    let status = cmd
        .envs(
            [
                "OMP_NUM_THREADS",
                "OPENBLAS_NUM_THREADS",
                "MKL_NUM_THREADS",
                "NUMEXPR_NUM_THREADS",
                // sigfeat's wheel, timed in the same process: the thread count criterion had.
                "RAYON_NUM_THREADS",
            ]
            .map(|k| (k, &n)),
        )
        .status()
        .with_context(|| format!("running {}", python.display()))?;
    if !status.success() {
        bail!(
            "{} benches/python/compare.py failed ({status}); does it have numpy and scipy?",
            python.display()
        );
    }
    let text = std::fs::read_to_string(&result_path)
        .with_context(|| format!("reading {}", result_path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", result_path.display()))
}

fn fmt_time(s: f64) -> String {
    if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else if s < 1.0 {
        format!("{:.3} ms", s * 1e3)
    } else {
        format!("{s:.3} s")
    }
}

/// `CPU model, N logical CPUs, OS` of this machine, for the table's heading.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let n = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    format!("{cpu}, {n} logical CPU(s), {}", std::env::consts::OS)
}

fn markdown(
    rows: &[Row],
    threads: usize,
    versions: &BTreeMap<String, String>,
    bandwidth: Option<f64>,
    overhead: Option<Overhead>,
) -> String {
    let mut s = String::new();
    let vs: Vec<String> = versions.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(
        s,
        "# sigfeat vs Python\n\nMachine: {}. Medians of one call; {threads} thread(s) on both sides; ratio = sigfeat / Python (below 1: sigfeat faster).{}\n",
        machine(),
        if vs.is_empty() {
            " No Python given (`--python PATH` or `--venv`).".to_string()
        } else {
            format!(" Python: {}.", vs.join(", "))
        }
    );
    if let Some(bw) = bandwidth {
        let _ = writeln!(
            s,
            "Memory floor: the bytes a memory-bound case must move (its input read once, its \
             output written once) at the copy bandwidth `{}` reached in this run, {:.1} GB/s; \
             `/ floor` is sigfeat's time over it (1 is the physical limit).\n",
            copy_id(),
            bw / 1e9
        );
    }
    let from_python = rows.iter().any(|r| r.sigfeat_python_s.is_some());
    let rounds = rows
        .iter()
        .map(|r| r.rounds.len())
        .max()
        .unwrap_or(0)
        .max(1);
    if from_python {
        let _ = writeln!(
            s,
            "From Python: the same operation through sigfeat's Python package (crates/python, \
             release wheel) in the Python process; `again` is criterion's time for the same case \
             in its last run; `kept` is the share of the Rust speed-up over the Python op that \
             remains when called from Python. The from-Python time is taken {} time(s), each \
             between two criterion runs of the same cases (the first is the main run); each \
             round's kept is the mean of the criterion times around it over its from-Python \
             time, so the machine's drift between them cancels to first order; `from Python` and \
             `kept` are the medians over the rounds (each round is in compare.json).{}\n",
            rounds,
            overhead.map_or_else(String::new, |o| format!(
                " One call on a tiny input (`correlate1d` of 8 samples, 1 tap): sigfeat {}, \
                 scipy {}.",
                fmt_time(o.sigfeat_s),
                fmt_time(o.scipy_s)
            ))
        );
    }
    let extra_head = if from_python {
        " from Python | again | kept |"
    } else {
        ""
    };
    let extra_rule = if from_python { "---:|---:|---:|" } else { "" };
    let _ = writeln!(
        s,
        "| operation (criterion id) | size | sigfeat | Python op | Python | ratio | memory floor | / floor |{extra_head}"
    );
    let _ = writeln!(s, "|---|---|---:|---|---:|---:|---:|---:|{extra_rule}");
    for r in rows {
        let py = match (r.python_median_s, &r.python_error) {
            (Some(t), _) => fmt_time(t),
            (None, Some(e)) => format!("error: {e}"),
            (None, None) => "-".into(),
        };
        let extra = if from_python {
            format!(
                " {} | {} | {} |",
                r.sigfeat_python_s.map_or_else(|| "-".into(), fmt_time),
                r.sigfeat_again_s.map_or_else(|| "-".into(), fmt_time),
                r.kept().map_or_else(|| "-".into(), |k| format!("{k:.2}"))
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |{extra}",
            r.id,
            r.size,
            fmt_time(r.sigfeat_median_s),
            r.python_op.as_deref().unwrap_or("-"),
            py,
            r.ratio.map_or_else(|| "-".into(), |x| format!("{x:.2}")),
            r.floor_s.map_or_else(|| "-".into(), fmt_time),
            r.floor_s
                .map_or_else(|| "-".into(), |f| format!("{:.2}", r.sigfeat_median_s / f))
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{Round, Row, median};

    fn row(rust: f64, again: Option<f64>, python: Option<f64>) -> Row {
        Row {
            id: "g/case".into(),
            size: "-".into(),
            sigfeat_median_s: rust,
            python_op: None,
            python_median_s: None,
            ratio: None,
            python_error: None,
            sigfeat_python_s: python,
            sigfeat_again_s: again,
            rounds: match (again, python) {
                (Some(a), Some(p)) => vec![Round {
                    rust_before_s: rust,
                    python_s: p,
                    rust_after_s: a,
                }],
                _ => Vec::new(),
            },
            bytes: None,
            floor_s: None,
        }
    }

    #[test]
    fn kept_divides_the_bracketing_mean_by_the_python_time() {
        assert_eq!(row(1.0, None, Some(1.25)).kept(), Some(0.8));
        // Criterion before (1.0) and after (1.5) the Python run (1.25): the drift cancels.
        assert_eq!(row(1.0, Some(1.5), Some(1.25)).kept(), Some(1.0));
        assert_eq!(row(1.0, Some(1.5), None).kept(), None);
    }

    #[test]
    fn kept_is_the_median_of_the_rounds() {
        let mut r = row(1.0, Some(1.0), Some(1.0));
        // Three rounds: kept 1.0, 0.5 (a slow stretch in that Python run), 0.9.
        r.rounds.push(Round {
            rust_before_s: 1.0,
            python_s: 2.0,
            rust_after_s: 1.0,
        });
        r.rounds.push(Round {
            rust_before_s: 1.0,
            python_s: 1.0,
            rust_after_s: 0.8,
        });
        assert_eq!(r.kept(), Some(0.9));
        assert_eq!(median(vec![3.0, 1.0]), 2.0);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
    }
}
