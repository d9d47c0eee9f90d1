//! `cargo xtask`: sigfeat's project tasks.
//!
//! - `cargo xtask reproduce`: runs every section of the tutorial on the data in `datasets/` and
//!   writes `index.html`, `results.json` and the figures (PNG and SVG) under `target/reproduce/`.
//! - `cargo xtask bench`: runs the criterion benchmarks and, given a Python with numpy/scipy, the same
//!   operations there on the same inputs, and prints one comparison table.

mod bench;
mod fixtures;
mod plot;
mod report;
mod reproduce;
mod results;
mod venv;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "sigfeat project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every experiment of the tutorial and write the report.
    Reproduce(ReproduceArgs),
    /// Run the criterion benchmarks and compare them with numpy/scipy on the same inputs.
    Bench(bench::BenchArgs),
    /// Regenerate (or `--check`) every golden fixture in the pinned Python environment.
    Fixtures(fixtures::FixturesArgs),
}

#[derive(Args)]
struct ReproduceArgs {
    /// Run only this section (repeatable); ids: signals, smoothing-2d, edges, fourier, gabor-1d,
    /// gabor-2d, visual-words, surf-bovw, pca-lda, mnist-cnn, deep-features, speech.
    #[arg(long, value_name = "SECTION")]
    only: Vec<String>,
    /// Small epochs and subsets (for tests): the whole run takes well under two minutes.
    #[arg(long)]
    quick: bool,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Rayon threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Seed of every random draw.
    #[arg(long, default_value_t = 2017)]
    seed: u64,
    /// Also run the SURF bag-of-visual-words pipeline of section `surf-bovw` on your own photos:
    /// a folder with one sub-folder per class (e.g. DIR/cats, DIR/dogs) of PNG/JPEG/TIFF/BMP
    /// images, as torchvision's ImageFolder.
    #[arg(long, value_name = "DIR")]
    photos: Option<PathBuf>,
    /// With --photos: skip (and list in the report) images that fail to decode instead of
    /// stopping at the first, which is named.
    #[arg(long, requires = "photos")]
    skip_bad_photos: bool,
}

/// The workspace root: xtask lives one folder below it.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Sets rayon's global pool to `threads` (or all cores); returns the count in use.
pub fn init_threads(threads: Option<usize>) -> Result<usize> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        anyhow::ensure!(n > 0, "--threads must be at least 1");
        builder = builder.num_threads(n);
    }
    builder
        .build_global()
        .context("starting rayon's thread pool")?;
    Ok(rayon::current_num_threads())
}

/// mimalloc: burn's CPU backend allocates a fresh buffer per tensor operation, and with glibc's
/// allocator a third of an MNIST training epoch went to page faults (issue 16).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Reproduce(a) => {
            let threads = init_threads(a.threads)?;
            let out = a
                .out
                .unwrap_or_else(|| workspace_root().join("target").join("reproduce"));
            reproduce::run(&reproduce::Options {
                only: a.only,
                quick: a.quick,
                out,
                threads,
                seed: a.seed,
                photos: a.photos,
                skip_bad_photos: a.skip_bad_photos,
            })
        }
        Command::Bench(a) => bench::run(&a),
        Command::Fixtures(a) => fixtures::run(&a),
    }
}
