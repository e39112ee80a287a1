//! Command-line arguments; the doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Rampart: design and check Dataverse-style security models.
#[derive(Debug, Parser)]
#[command(name = "rampart", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run scenario files (shared/scenarios/FORMAT.md) and report a verdict per check.
    Test {
        /// Scenario YAML files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the runner's JSON document instead of the human summary.
        #[arg(long)]
        json: bool,
        /// Show passing and skipped checks too, not only failures.
        #[arg(long, short)]
        verbose: bool,
    },
}
