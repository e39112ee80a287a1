//! `rampart export csv-inventory|csv-roles FILE [--out PATH]`: CSV files for spreadsheets
//! (RFC 4180, byte-stable), see [`engine::export::csv`].

use std::process::ExitCode;

use anyhow::Context;

use super::lint::{load_input, write_stdout};
use crate::args::{ExportArgs, ExportKind};

/// Writes the requested export to standard output or `--out`.
pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let input = load_input(&args.file)?;
    let text = match args.kind {
        ExportKind::CsvInventory => {
            engine::export::csv::inventory(&input.model, input.data.as_ref())
        }
        ExportKind::CsvRoles => engine::export::csv::roles(&input.model),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => write_stdout(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
