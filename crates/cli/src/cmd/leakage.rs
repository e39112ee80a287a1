//! `rampart leakage FILE [--json]`: for every table, who reads it and who can move it out of the
//! CRM (export, print, offline, sync), with record counts over the sample data.
//!
//! `--json` prints [`engine::leakage::LeakageReport`] exactly (its `# Format` section documents
//! the shape). The human output is one line per table, then one indented line per user who can
//! move records out, most records first. Exit code 0, or 1 when the file cannot be read.

use std::process::ExitCode;

use engine::data::Dataset;
use engine::query::DataIndex;

use super::lint::{count, load_input, write_stdout};
use crate::args::LeakageArgs;

/// Builds and prints the leakage report.
pub fn run(args: &LeakageArgs) -> anyhow::Result<ExitCode> {
    let input = load_input(&args.file)?;
    let data = input.data.unwrap_or_else(Dataset::default);
    let index = DataIndex::build(&input.model, &data);
    let report = engine::leakage::report(&input.model, &data, &index);
    if args.json {
        write_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for table in &report.tables {
        let sensitive: Vec<&str> = table
            .sensitive
            .iter()
            .map(|s| match s {
                engine::leakage::Sensitivity::Flagged => "flagged",
                engine::leakage::Sensitivity::SecuredColumns => "secured columns",
                engine::leakage::Sensitivity::People => "people",
            })
            .collect();
        out.push_str(&format!(
            "{}{}: {}, {}, {} can move records out (at most {})\n",
            table.table,
            if sensitive.is_empty() {
                String::new()
            } else {
                format!(" [sensitive: {}]", sensitive.join(", "))
            },
            count(table.n_records, "record", "records"),
            count(table.n_readers, "reader", "readers"),
            table.n_exfiltrators,
            table.max_records_exfiltrable
        ));
        let mut movers: Vec<_> = table.users.iter().filter(|u| u.n_exfiltrable > 0).collect();
        movers.sort_by(|a, b| {
            b.n_exfiltrable
                .cmp(&a.n_exfiltrable)
                .then_with(|| a.user.cmp(&b.user))
        });
        for user in movers {
            let privileges: Vec<&str> = user.exfiltration.iter().map(|g| g.privilege).collect();
            let columns = if user.secured_columns_readable.is_empty() {
                String::new()
            } else {
                format!(", with {}", user.secured_columns_readable.join(", "))
            };
            out.push_str(&format!(
                "    {} ({}, read {}): {} via {}{}\n",
                user.user,
                user.bu,
                user.read,
                count(user.n_exfiltrable, "record", "records"),
                privileges.join(", "),
                columns
            ));
        }
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
