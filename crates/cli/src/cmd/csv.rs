//! `rampart import-csv MODEL.json FILE.csv --table T [--fallback-owner U] [--json] [--out PATH]`
//! and `rampart csv-template MODEL --table T [--out PATH]`: the records of one table from CSV,
//! as the Sample data panel imports them (see [`engine::csv`]).
//!
//! `import-csv` maps each CSV column to a field by name ([`engine::csv::suggest_mapping`]:
//! logical names, Dynamics display names such as `Owner` or `Owning Business Unit`), checks
//! every row, and writes the model document with the accepted records added; everything else
//! in the document is kept. The mapping used and the report (rows imported, each rejected row
//! with its number and reason, rows given to the fallback owner) go to standard error, or as
//! JSON to standard output with `--json`.
//!
//! Exit code 0 when every row was imported, 3 when some were rejected (the others are
//! imported), 1 when a file cannot be read, the CSV is malformed, or the table or fallback
//! owner is unknown (nothing is written then).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use engine::csv::{self, Target};
use engine::format;
use engine::model::{Model, TableId};

use super::lint::{load_input, write_stdout};
use crate::args::{CsvTemplateArgs, ImportCsvArgs};

fn find_table(model: &Model, name: &str) -> anyhow::Result<TableId> {
    model.name_index().tables.get(name).copied().ok_or_else(|| {
        let names: Vec<&str> = model.tables.iter().map(|t| t.name.as_str()).collect();
        anyhow!(
            "no table `{name}` in the model (tables: {})",
            names.join(", ")
        )
    })
}

fn write(out: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => write_stdout(text),
    }
}

/// Runs `rampart csv-template`.
pub fn template(args: &CsvTemplateArgs) -> anyhow::Result<ExitCode> {
    let input = load_input(&args.model)?;
    let table = find_table(&input.model, &args.table)?;
    let data = input.data.unwrap_or_default();
    write(
        args.out.as_deref(),
        &csv::template(&input.model, &data, table),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `rampart import-csv`.
pub fn import(args: &ImportCsvArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.model)
        .with_context(|| format!("cannot read {}", args.model.display()))?;
    let mut doc = format::parse(&text).map_err(|e| anyhow!("{}: {e}", args.model.display()))?;
    let (model, data, _) = format::load_document(&doc);
    let data = data.unwrap_or_default();
    let table = find_table(&model, &args.table)?;
    let fallback = match &args.fallback_owner {
        Some(name) => Some(csv::find_principal(&model, name).ok_or_else(|| {
            anyhow!("fallback owner `{name}` is not a user or team of the model")
        })?),
        None => None,
    };
    let csv_text = std::fs::read_to_string(&args.csv)
        .with_context(|| format!("cannot read {}", args.csv.display()))?;
    let file = csv::parse(&csv_text).map_err(|e| anyhow!("{}: {e}", args.csv.display()))?;
    let mapping = csv::suggest_mapping(&model, &data, table, &file.headers);
    let report = csv::import(&model, &data, table, &file, &mapping, fallback)
        .map_err(|e| anyhow!("{}: {e}", args.csv.display()))?;

    let merged = report
        .apply(&data)
        .ok_or_else(|| anyhow!("the records changed during the import"))?;
    doc.data = format::to_wire(&model, Some(&merged)).data;
    write(args.out.as_deref(), &format::to_string(&doc))?;

    if args.json {
        let json = serde_json::json!({
            "table": args.table,
            "mapping": file.headers.iter().zip(&mapping).map(|(h, t)| {
                serde_json::json!({"column": h, "target": t.key()})
            }).collect::<Vec<_>>(),
            "accepted": report.accepted,
            "rejected": report.rejected.iter().map(|r| {
                serde_json::json!({"row": r.row, "reason": r.reason})
            }).collect::<Vec<_>>(),
            "fallback": report.fallback.iter().map(|f| {
                serde_json::json!({"row": f.row, "note": f.note})
            }).collect::<Vec<_>>(),
            "blank": report.blank,
        });
        write_stdout(&format!("{}\n", serde_json::to_string_pretty(&json)?))?;
    } else {
        let mut err = String::new();
        for (header, target) in file.headers.iter().zip(&mapping) {
            let to = match target {
                Target::Ignore => "ignored".to_string(),
                t => t.label(),
            };
            err.push_str(&format!("column `{}` → {to}\n", header.trim()));
        }
        for f in &report.fallback {
            err.push_str(&format!("row {}: {}\n", f.row, f.note));
        }
        for r in &report.rejected {
            err.push_str(&format!("row {}: rejected: {}\n", r.row, r.reason));
        }
        err.push_str(&format!(
            "{}: {}\n",
            args.csv.display(),
            report.summary(&model)
        ));
        eprint!("{err}");
    }
    Ok(if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}
