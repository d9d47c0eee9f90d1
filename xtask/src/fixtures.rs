//! `cargo xtask fixtures [--check] [--only NAME]...`: regenerates, or checks, every golden fixture
//! from its Python generator in the pinned reference environment.
//!
//! 1. The environment: `target/fixtures/venv` (under `CARGO_TARGET_DIR` when set), made with
//!    `python3 -m venv` and `pip install -r xtask/fixtures/requirements.txt`; reused while its
//!    installed versions equal the pins (`fixturegen.py --env-check`), reinstalled when not. A `.pth`
//!    file puts `xtask/fixtures/` (the shared `fixturegen` module) on its path.
//! 2. The generators: every `gen_*.py` of the workspace, named without `gen_` (`gen_fourier.py` is
//!    `fourier`), each run by that environment's Python with `--check` or without. The comparison and
//!    its tolerances are `fixturegen`'s: exact for integers and text, rtol 1e-12 / atol 1e-15 for
//!    float64.
//! 3. One line per generator, OK or FAIL, and a non-zero exit when any failed.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};
use clap::Args;

use crate::venv::quiet;
use crate::workspace_root;

/// Options of `cargo xtask fixtures`.
#[derive(Args, Debug)]
pub struct FixturesArgs {
    /// Regenerate into temporary folders and compare with the committed fixtures, writing nothing.
    #[arg(long)]
    check: bool,
    /// Run only this generator (repeatable): `fourier` runs `gen_fourier.py`.
    #[arg(long, value_name = "NAME")]
    only: Vec<String>,
    /// The Python that creates the environment.
    #[arg(long, value_name = "PATH", default_value = "python3")]
    python: PathBuf,
    /// With --check: this generator's differences are reported but do not fail the check
    /// (repeatable). On x86-64 with AVX2 and FMA, `fixturegen` pins numpy's and OpenBLAS's
    /// kernels (`CPU_PROFILE`), and the committed bytes are reproduced on any such CPU; elsewhere
    /// (an ARM machine) BLAS/LAPACK outputs such as sklearn's lbfgs or a degenerate eigenspace's
    /// basis follow the CPU, and this keeps their differences informative.
    #[arg(long, value_name = "NAME")]
    cpu_dependent: Vec<String>,
}

/// Where the shared helper and the pinned requirements live, relative to the workspace root.
const HELPER_DIR: &str = "xtask/fixtures";

/// One BLAS/OpenMP thread: `fixturegen` sets these too; set here as well so that nothing a
/// generator loads before it sees more threads.
const THREAD_VARS: [&str; 5] = [
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
];

/// A fixture generator script.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Generator {
    /// The script's stem without `gen_`.
    name: String,
    script: PathBuf,
}

/// Runs `cargo xtask fixtures`.
pub fn run(args: &FixturesArgs) -> Result<()> {
    let started = Instant::now();
    let root = workspace_root();
    let all = generators(&root)?;
    let chosen = select(&all, &args.only)?;
    let helper = root.join(HELPER_DIR);
    let env = env_dir(&root, std::env::var_os("CARGO_TARGET_DIR").as_deref());
    let python = ensure_env(&args.python, &env, &helper)?;
    eprintln!(
        "==> environment ready ({:.0}s)",
        started.elapsed().as_secs_f64()
    );

    let verb = if args.check {
        "checking"
    } else {
        "regenerating"
    };
    eprintln!("==> {verb} {} fixture generator(s)", chosen.len());
    let mut failed = Vec::new();
    let mut lines = Vec::new();
    for (i, g) in chosen.iter().enumerate() {
        let t0 = Instant::now();
        let out = run_generator(&python, g, args.check)?;
        let secs = t0.elapsed().as_secs_f64();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let summary = stdout.lines().last().unwrap_or("(no output)").to_string();
        let status = if out.status.success() { "OK" } else { "FAIL" };
        let line = format!("{status:<4} {:<10} {secs:6.1}s  {summary}", g.name);
        eprintln!("[{}/{}] {line}", i + 1, chosen.len());
        if out.status.success() {
            // The files written or within tolerance (nothing when all are bit-identical).
            for l in stdout.lines().filter(|l| l.starts_with("  ")) {
                eprintln!("      {l}");
            }
        } else {
            eprintln!("      {}", rel(&root, &g.script).display());
            for l in stdout
                .lines()
                .chain(String::from_utf8_lossy(&out.stderr).lines())
            {
                eprintln!("      {l}");
            }
            if args.cpu_dependent.contains(&g.name) {
                eprintln!(
                    "      (reported only: {} is listed with --cpu-dependent)",
                    g.name
                );
            } else {
                failed.push(g.name.clone());
            }
        }
        lines.push(line);
    }
    eprintln!();
    eprintln!(
        "fixtures ({verb}, {:.0}s in all):",
        started.elapsed().as_secs_f64()
    );
    for l in &lines {
        eprintln!("  {l}");
    }
    if !failed.is_empty() {
        bail!(
            "{} of {} fixture generators failed: {}",
            failed.len(),
            chosen.len(),
            failed.join(", ")
        );
    }
    Ok(())
}

/// Every `gen_*.py` below `root`, sorted by name; hidden folders, `target` and `__pycache__` are
/// skipped. Two scripts of one name are an error (`--only` could not tell them apart).
fn generators(root: &Path) -> Result<Vec<Generator>> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
            let path = entry.path();
            let file_name = entry.file_name();
            let Some(file_name) = file_name.to_str() else {
                continue;
            };
            if entry.file_type()?.is_dir() {
                if !(file_name.starts_with('.')
                    || matches!(file_name, "target" | "__pycache__" | "node_modules"))
                {
                    stack.push(path);
                }
            } else if let Some(name) = generator_name(file_name) {
                found.push(Generator {
                    name: name.to_string(),
                    script: path,
                });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in found.windows(2) {
        ensure!(
            pair[0].name != pair[1].name,
            "two fixture generators named {}: {} and {}",
            pair[0].name,
            pair[0].script.display(),
            pair[1].script.display()
        );
    }
    Ok(found)
}

/// `gen_fourier.py` -> `fourier`; `None` for any other file name.
fn generator_name(file_name: &str) -> Option<&str> {
    file_name
        .strip_prefix("gen_")?
        .strip_suffix(".py")
        .filter(|n| !n.is_empty())
}

/// The generators `--only` names (all of them when it names none).
fn select(all: &[Generator], only: &[String]) -> Result<Vec<Generator>> {
    if only.is_empty() {
        return Ok(all.to_vec());
    }
    let mut chosen = Vec::new();
    for name in only {
        match all.iter().find(|g| &g.name == name) {
            Some(g) if !chosen.contains(g) => chosen.push(g.clone()),
            Some(_) => {}
            None => bail!(
                "no fixture generator named {name:?}; there are: {}",
                all.iter()
                    .map(|g| g.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    Ok(chosen)
}

/// `<target>/fixtures/venv`, `<target>` being `CARGO_TARGET_DIR` (relative to the root) or
/// `target/`.
fn env_dir(root: &Path, cargo_target_dir: Option<&OsStr>) -> PathBuf {
    let target = match cargo_target_dir {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    };
    target.join("fixtures").join("venv")
}

/// The environment's Python, the environment created or updated first when its versions are not
/// the pinned ones.
fn ensure_env(base: &Path, env: &Path, helper: &Path) -> Result<PathBuf> {
    let python = env.join("bin").join("python");
    let requirements = helper.join("requirements.txt");
    let check = helper.join("fixturegen.py");
    if python.is_file() {
        let out = quiet(Command::new(&python).arg(&check).arg("--env-check"));
        if let Ok(out) = &out
            && out.status.success()
        {
            eprintln!(
                "==> reusing {} ({})",
                env.display(),
                String::from_utf8_lossy(&out.stdout).trim()
            );
            link_helper(&python, helper)?;
            return Ok(python);
        }
        eprintln!("==> {} does not hold the pinned versions", env.display());
    }

    crate::venv::ensure(base, env, &requirements)?;
    let out = quiet(Command::new(&python).arg(&check).arg("--env-check"))?;
    ensure!(
        out.status.success(),
        "after pip install, {} still differs from the pins:\n{}",
        env.display(),
        String::from_utf8_lossy(&out.stdout)
    );
    link_helper(&python, helper)?;
    Ok(python)
}

/// Puts the helper folder on the environment's `sys.path` (a `.pth` file), so that a generator
/// runs by hand with that Python as well; rewritten each time in case the checkout moved.
fn link_helper(python: &Path, helper: &Path) -> Result<()> {
    let out = quiet(Command::new(python).args([
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
    ]))?;
    ensure!(
        out.status.success(),
        "asking {} for its site-packages failed",
        python.display()
    );
    let site = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let pth = site.join("sigfeat-fixtures.pth");
    let line = format!("{}\n", helper.display());
    if std::fs::read_to_string(&pth).ok().as_deref() != Some(line.as_str()) {
        std::fs::write(&pth, line).with_context(|| format!("writing {}", pth.display()))?;
    }
    Ok(())
}

/// Runs one generator in its own folder, its output captured.
fn run_generator(python: &Path, g: &Generator, check: bool) -> Result<Output> {
    let mut cmd = Command::new(python);
    cmd.arg(&g.script)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONHASHSEED", "0");
    if check {
        cmd.arg("--check");
    }
    if let Some(dir) = g.script.parent() {
        cmd.current_dir(dir);
    }
    for var in THREAD_VARS {
        cmd.env(var, "1");
    }
    quiet(&mut cmd).with_context(|| format!("running {}", g.script.display()))
}

fn rel<'a>(root: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_gen_scripts_only() {
        assert_eq!(generator_name("gen_fourier.py"), Some("fourier"));
        assert_eq!(generator_name("gen_.py"), None);
        assert_eq!(generator_name("gen_fourier.pyc"), None);
        assert_eq!(generator_name("fixturegen.py"), None);
    }

    #[test]
    fn finds_every_committed_generator_once() {
        let root = workspace_root();
        let all = generators(&root).expect("listing the workspace");
        let names: Vec<&str> = all.iter().map(|g| g.name.as_str()).collect();
        for want in [
            "convolve", "features", "filters", "fourier", "images", "kernels", "learn", "ndimage",
            "reduce",
        ] {
            assert!(names.contains(&want), "{want} missing from {names:?}");
        }
        assert!(
            all.iter()
                .all(|g| g.script.is_file() && !g.script.starts_with(root.join("target")))
        );
        let fourier = &all[names.iter().position(|n| *n == "fourier").expect("found")];
        assert_eq!(
            rel(&root, &fourier.script),
            Path::new("crates/fourier/tests/fixtures/gen_fourier.py")
        );
    }

    #[test]
    fn only_selects_by_name_and_refuses_unknown_names() {
        let all = vec![
            Generator {
                name: "a".into(),
                script: "gen_a.py".into(),
            },
            Generator {
                name: "b".into(),
                script: "gen_b.py".into(),
            },
        ];
        assert_eq!(select(&all, &[]).expect("all"), all);
        let only_b = select(&all, &["b".into(), "b".into()]).expect("b");
        assert_eq!(only_b, vec![all[1].clone()]);
        let err = select(&all, &["c".into()]).expect_err("unknown");
        assert!(err.to_string().contains("there are: a, b"), "{err}");
    }

    #[test]
    fn the_environment_lives_under_the_target_dir() {
        let root = Path::new("/repo");
        assert_eq!(env_dir(root, None), Path::new("/repo/target/fixtures/venv"));
        assert_eq!(
            env_dir(root, Some(OsStr::new("out"))),
            Path::new("/repo/out/fixtures/venv")
        );
        assert_eq!(
            env_dir(root, Some(OsStr::new("/elsewhere/t"))),
            Path::new("/elsewhere/t/fixtures/venv")
        );
    }

    #[test]
    fn every_pin_is_exact() {
        let text =
            std::fs::read_to_string(workspace_root().join(HELPER_DIR).join("requirements.txt"))
                .expect("requirements.txt");
        let pins: Vec<&str> = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .collect();
        assert!(pins.len() >= 6, "{pins:?}");
        for p in &pins {
            let (name, version) = p
                .split_once("==")
                .unwrap_or_else(|| panic!("{p} is not name==version"));
            assert!(
                !name.is_empty() && !version.is_empty() && !version.contains(['<', '>', '*', ',']),
                "{p}"
            );
        }
        for core in ["numpy==", "scipy==", "scikit-image==", "scikit-learn=="] {
            assert!(
                pins.iter().any(|p| p.starts_with(core)),
                "{core} not pinned"
            );
        }
    }
}
