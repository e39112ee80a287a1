//! `rampart diff A B [--json]`: structural changes from model A to model B (matched by id) and
//! their effect on access over sample data.
//!
//! Both files are read as `lint` reads them (scenario / demo YAML or model JSON). The effect is
//! computed over each file's own sample data; when B carries none, A's records are carried over
//! to B by id ([`engine::diff::rebase_data`]).
//!
//! # Output
//! Human: the Markdown report of [`engine::diff::to_markdown`].
//!
//! JSON (`--json`):
//! ```text
//! { "before": "a.json", "after": "b.json",
//!   "changes": [ { "area": "roles", "kind": "changed", "subject": "role_sales",
//!                  "detail": "account Read: bu → org" } ],
//!   "counts":  [ { "user": "u_ana", "table": "account", "verb": "read", "before": 3, "after": 12 } ],
//!   "effect":  [ { "table": "account", "verb": "read", "users_gaining": 4, "users_losing": 0,
//!                  "records_gained": 36, "records_lost": 0 } ] }
//! ```
//! Exit code 0 when the versions are the same, 3 when they differ, 1 when a file cannot be read.

use std::process::ExitCode;

use serde_json::json;

use super::lint::load_input;
use crate::args::DiffArgs;

/// Runs `rampart diff`.
pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let before = load_input(&args.before)?;
    let after = load_input(&args.after)?;
    let data_before = before.data.unwrap_or_default();
    let data_after = match after.data {
        Some(data) => data,
        None => engine::diff::rebase_data(&before.model, &data_before, &after.model),
    };
    let diff = engine::diff::diff((&before.model, &data_before), (&after.model, &data_after));
    if args.json {
        let doc = json!({
            "before": args.before.display().to_string(),
            "after": args.after.display().to_string(),
            "changes": diff.changes,
            "counts": diff.counts,
            "effect": diff.effect,
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        let title = format!("{} → {}", args.before.display(), args.after.display());
        print!("{}", engine::diff::to_markdown(&title, &diff));
    }
    Ok(if diff.changes.is_empty() && diff.counts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}
