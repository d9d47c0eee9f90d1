//! `cargo xtask`: sigfeat's project tasks.

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "sigfeat project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every experiment of the tutorial and write the report.
    Reproduce,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Reproduce => anyhow::bail!("reproduce is not built yet"),
    }
}
