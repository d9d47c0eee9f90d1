//! Python virtual environments made from a pinned requirements file: one way for
//! `cargo xtask bench --venv` and `cargo xtask fixtures`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, Result, ensure};

/// Creates the environment `env` with `base` (`python3 -m venv`) unless it exists, then
/// `pip install -r requirements` (wheels only: a source build of numpy or scipy takes long and
/// needs compilers, so it fails fast instead). Returns the environment's Python.
///
/// # Errors
/// No `base` Python, `venv` missing (Debian ships it as `python3-venv`), or a failed install.
pub fn ensure(base: &Path, env: &Path, requirements: &Path) -> Result<PathBuf> {
    let python = env.join("bin").join("python");
    let version = quiet(Command::new(base).arg("--version"))
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .with_context(|| {
            format!(
                "no Python at {:?} (install python3, or pass --python PATH)",
                base.display()
            )
        })?;
    if !python.is_file() {
        eprintln!(
            "==> creating {} with {} ({version})",
            env.display(),
            base.display()
        );
        let status = Command::new(base)
            .args(["-m", "venv", "--clear"])
            .arg(env)
            .status()
            .with_context(|| format!("running {} -m venv", base.display()))?;
        ensure!(
            status.success(),
            "{} -m venv failed ({status}); on Debian/Ubuntu `apt-get install python3-venv` \
             provides it",
            base.display()
        );
    }
    eprintln!("==> pip install -r {}", requirements.display());
    // Idempotent: pip leaves already-satisfied pins alone.
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--progress-bar",
            "off",
            "--only-binary=:all:",
            "-r",
        ])
        .arg(requirements)
        .status()
        .context("running pip install")?;
    ensure!(
        status.success(),
        "pip install -r {} failed ({status}) with {version}",
        requirements.display()
    );
    Ok(python)
}

/// Runs `cmd` with no standard input, its output captured.
pub fn quiet(cmd: &mut Command) -> std::io::Result<Output> {
    cmd.stdin(std::process::Stdio::null()).output()
}
