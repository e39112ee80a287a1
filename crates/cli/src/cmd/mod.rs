//! One module per subcommand; `run` dispatches.

mod bench;
mod export;
mod generate;
mod leakage;
mod lint;
mod test;

use std::process::ExitCode;

use crate::args::Command;

/// Runs a subcommand and returns its exit code.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Test {
            files,
            json,
            verbose,
        } => test::run(&files, json, verbose),
        Command::Generate(args) => generate::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Leakage(args) => leakage::run(&args),
        Command::Export(args) => export::run(&args),
    }
}
