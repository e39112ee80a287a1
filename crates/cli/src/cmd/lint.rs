//! `rampart lint FILE [--json] [--verbose]`: the advisor's findings over a model.
//!
//! Also home of [`load_input`], which `leakage` and `export` share: a scenario / demo YAML file
//! (its `base:` resolved from the same folder) or a `rampart-model` JSON document, whose
//! `lint_suppressions` (key `"L004 roles.x.misc.y"` or a bare `"L003"` → reason) are applied.
//!
//! # Output
//! Human: one line per finding, `warning[L004] roles.role_cs_agent.misc.prvExportToExcel: message
//! (fix: …)`, suppressed findings ending in `(suppressed: reason)`; with `--verbose` the
//! explanation follows, indented; then a summary line.
//!
//! JSON (`--json`):
//! ```text
//! { "file": "org.yaml",
//!   "findings": [ { "lint": "L004", "slug": "export-of-sensitive-data", "severity": "warning",
//!                   "subject": "roles.role_cs_agent.misc.prvExportToExcel", "message": "…",
//!                   "explanation": "…", "fix": "…", "suppressed": null } ],
//!   "summary": { "errors": 0, "warnings": 9, "infos": 4, "suppressed": 0 } }
//! ```
//! Exit code 0 when no active finding is an error, 3 otherwise, 1 when the file cannot be read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use engine::data::Dataset;
use engine::lint::{self, LintOptions, Suppression};
use engine::model::Model;
use serde_json::json;

use crate::args::LintArgs;

/// A loaded input file.
pub struct Input {
    /// The model.
    pub model: Model,
    /// Sample data, when the file carries some.
    pub data: Option<Dataset>,
    /// Lint suppressions stored with the model.
    pub suppressions: Vec<Suppression>,
}

/// Loads a scenario YAML (resolving `base:` from the file's folder) or a model JSON file.
pub fn load_input(path: &Path) -> anyhow::Result<Input> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{');
    if is_json {
        let doc =
            engine::format::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let suppressions = doc
            .lint_suppressions
            .iter()
            .map(|(key, reason)| Suppression::from_key(key, reason))
            .collect();
        let (model, data, issues) = engine::format::load_document(&doc);
        if !issues.is_empty() {
            eprintln!(
                "note: {}: {} validation issue(s); findings describe the model as loaded",
                path.display(),
                issues.len()
            );
        }
        return Ok(Input {
            model,
            data,
            suppressions,
        });
    }
    let dir: PathBuf = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolve = |id: &str| {
        let base = dir.join(format!("{id}.yaml"));
        std::fs::read_to_string(&base).map_err(|e| format!("{}: {e}", base.display()))
    };
    let scenario = engine::scenario::load(&text, &resolve)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(Input {
        model: scenario.model,
        data: Some(scenario.data),
        suppressions: Vec::new(),
    })
}

/// Runs the advisor and prints its findings.
pub fn run(args: &LintArgs) -> anyhow::Result<ExitCode> {
    let input = load_input(&args.file)?;
    let options = LintOptions::with_suppressions(&input.suppressions);
    let findings = lint::run(&input.model, input.data.as_ref(), &options);
    let summary = lint::summarize(&findings);
    let mut out = String::new();
    if args.json {
        let doc = json!({
            "file": args.file.display().to_string(),
            "findings": findings,
            "summary": summary,
        });
        out.push_str(&serde_json::to_string_pretty(&doc)?);
        out.push('\n');
    } else {
        for finding in &findings {
            out.push_str(&finding.one_line());
            out.push('\n');
            if args.verbose {
                out.push_str(&format!("    {}\n", finding.explanation));
            }
        }
        out.push_str(&format!(
            "{}: {}, {}, {}, {} suppressed\n",
            args.file.display(),
            count(summary.errors, "error", "errors"),
            count(summary.warnings, "warning", "warnings"),
            count(summary.infos, "info", "infos"),
            summary.suppressed
        ));
    }
    write_stdout(&out)?;
    Ok(if summary.errors > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// "1 error" / "2 errors".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes to standard output; a closed pipe (`rampart lint … | head`) is not an error.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
