//! `rampart import-csv MODEL.json FILE.csv --table T [--map COLUMN=FIELD]… [--fallback-owner U]
//! [--json] [--out PATH]`
//! and `rampart csv-template MODEL --table T [--out PATH]`: the records of one table from CSV,
//! as the Sample data panel imports them (see [`engine::csv`]).
//!
//! `import-csv` maps each CSV column to a field by name ([`engine::csv::suggest_mapping`]:
//! logical names, Dynamics display names such as `Owner` or `Owning Business Unit`; `--map`
//! overrides it column by column, as the mapping step of the app does), checks
//! every row, and writes the model document with the accepted records added; everything else
//! in the document is kept. The mapping used and the report (rows imported, each rejected row
//! with its number and reason, rows given to the fallback owner) go to standard error, or as
//! JSON to standard output with `--json`.
//!
//! Exit code 0 when every row was imported, 3 when some were rejected (the others are
//! imported), 1 when a file cannot be read, the CSV is malformed, the table, a `--map` column or
//! field, or the fallback owner is unknown (nothing is written then).

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

/// Applies one `--map COLUMN=FIELD` to the mapping. A field taken by another column in the
/// suggestion is taken from it: a field is filled from one column only.
fn remap(
    model: &Model,
    data: &engine::data::Dataset,
    table: TableId,
    headers: &[String],
    mapping: &mut [Target],
    spec: &str,
) -> anyhow::Result<()> {
    let Some((column, field)) = spec.split_once('=') else {
        return Err(anyhow!(
            "--map `{spec}`: write COLUMN=FIELD, e.g. --map \"Account Name=column:name\""
        ));
    };
    let Some(at) = headers.iter().position(|h| h.trim() == column.trim()) else {
        let columns: Vec<&str> = headers.iter().map(|h| h.trim()).collect();
        return Err(anyhow!(
            "--map `{spec}`: the CSV has no column `{}` (columns: {})",
            column.trim(),
            columns.join(", ")
        ));
    };
    let target = match field.trim() {
        "" | "ignore" => Target::Ignore,
        key => {
            let choices = csv::choices(model, data, table);
            let target = Target::from_key(key);
            if target == Target::Ignore || !choices.contains(&target) {
                let keys: Vec<String> = choices
                    .iter()
                    .filter(|t| **t != Target::Ignore)
                    .map(Target::key)
                    .collect();
                return Err(anyhow!(
                    "--map `{spec}`: `{key}` is not a field of `{}` (fields: {}, ignore)",
                    model.table_name(table),
                    keys.join(", ")
                ));
            }
            target
        }
    };
    if target != Target::Ignore {
        for m in mapping.iter_mut().filter(|m| **m == target) {
            *m = Target::Ignore;
        }
    }
    if let Some(slot) = mapping.get_mut(at) {
        *slot = target;
    }
    Ok(())
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
    let mut mapping = csv::suggest_mapping(&model, &data, table, &file.headers);
    for spec in &args.map {
        remap(&model, &data, table, &file.headers, &mut mapping, spec)?;
    }
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
