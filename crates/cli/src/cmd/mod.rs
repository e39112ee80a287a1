//! One module per subcommand; `run` dispatches.

mod bench;
mod cedar;
mod convert;
mod csv;
mod diff;
mod export;
mod fmt;
mod generate;
mod leakage;
mod lint;
mod schema;
mod test;
mod validate;

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
        Command::Validate(args) => validate::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Schema => schema::run(),
        Command::Convert(args) => convert::run(&args),
        Command::Cedar(args) => cedar::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::ImportCsv(args) => csv::import(&args),
        Command::CsvTemplate(args) => csv::template(&args),
    }
}
