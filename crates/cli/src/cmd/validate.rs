//! `rampart validate FILE [--json]`: every problem of a model, one per line.
//!
//! FILE is a `rampart-model` JSON document, or a scenario / demo YAML file (told apart by the
//! extension, else by whether the text starts with `{`); a scenario's `base:` is read from the
//! same folder. Also home of [`read_text`], the size- and encoding-checked file reader that
//! `fmt` and `convert` share.
//!
//! # Output
//! Human: one line per issue, `error[unknown-reference] users.U7.bu: unknown business unit
//! `Sales2` (help: did you mean `Sales`?)`, then a summary line `FILE: 1 error, 0 warnings`.
//!
//! JSON (`--json`), one document:
//! ```text
//! { "valid": false, "errors": 1, "warnings": 0,
//!   "issues": [ { "code": "unknown-reference", "severity": "error", "path": "users.U7.bu",
//!                 "message": "unknown business unit `Sales2`", "help": "did you mean `Sales`?" } ] }
//! ```
//! When the file cannot be read at all the document is
//! `{"valid": false, "errors": 1, "warnings": 0, "issues": [], "error": "…"}`.
//!
//! Exit code: 0 = valid (warnings allowed), 1 = the file could not be read or parsed,
//! 2 = validation errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use engine::format::{self, MAX_INPUT_BYTES};
use engine::scenario;
use engine::validate::{self, Issue, IssueCode, Severity};
use serde::Serialize;

use crate::args::ValidateArgs;

/// Exit code of a file that has validation errors.
pub const EXIT_INVALID: u8 = 2;

/// Reads a text file for the engine: refuses files over 64 MiB and text that is not UTF-8,
/// each with one sentence naming the file.
pub fn read_text(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let metadata = std::fs::metadata(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if metadata.is_dir() {
        return Err(format!("{shown}: is a folder, not a file"));
    }
    if metadata.len() > MAX_INPUT_BYTES as u64 {
        return Err(format!(
            "{shown}: file is {} bytes; Rampart reads model files up to 64 MiB",
            metadata.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Whether a file is scenario YAML rather than model JSON.
pub fn is_yaml(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml") => true,
        Some(ext) if ext.eq_ignore_ascii_case("json") => false,
        _ => !text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{'),
    }
}

/// Loads a scenario file, resolving `base:` from its folder.
pub fn load_scenario(path: &Path, text: &str) -> Result<scenario::Scenario, scenario::LoadError> {
    let dir: PathBuf = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolve = |id: &str| {
        let base = dir.join(format!("{id}.yaml"));
        std::fs::read_to_string(&base).map_err(|e| format!("{}: {e}", base.display()))
    };
    scenario::load(text, &resolve)
}

/// Why a file yields no issue list: it could not be read or parsed.
fn issues_of(path: &Path) -> Result<Vec<Issue>, String> {
    let text = read_text(path)?;
    let shown = path.display();
    if !is_yaml(path, &text) {
        let (_, _, issues) = format::load(&text).map_err(|e| format!("{shown}: {e}"))?;
        return Ok(issues);
    }
    match load_scenario(path, &text) {
        Ok(loaded) => {
            let mut issues: Vec<Issue> = loaded
                .warnings
                .iter()
                .map(|w| {
                    if w.error {
                        Issue::error(IssueCode::Scenario, w.path.clone(), w.message.clone())
                    } else {
                        Issue::warning(IssueCode::Scenario, w.path.clone(), w.message.clone())
                    }
                })
                .collect();
            issues.extend(validate::validate(&loaded.model, Some(&loaded.data)));
            Ok(issues)
        }
        Err(scenario::LoadError::Invalid(problems)) => Ok(problems
            .into_iter()
            .map(|p| Issue::error(IssueCode::Scenario, p.path, p.message))
            .collect()),
        Err(other) => Err(format!("{shown}: {other}")),
    }
}

/// The `--json` document (field order as documented above).
#[derive(Serialize)]
struct Report<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    issues: &'a [Issue],
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Runs `rampart validate`.
pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let issues = match issues_of(&args.file) {
        Ok(issues) => issues,
        Err(error) => {
            if args.json {
                let report = Report {
                    valid: false,
                    errors: 1,
                    warnings: 0,
                    issues: &[],
                    error: Some(error),
                };
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                eprintln!("rampart: {error}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let errors = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let warnings = issues.len() - errors;
    let valid = !validate::has_errors(&issues);
    if args.json {
        let report = Report {
            valid,
            errors,
            warnings,
            issues: &issues,
            error: None,
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for issue in &issues {
            println!("{issue}");
        }
        let verdict = if valid { "valid" } else { "invalid" };
        println!(
            "{}: {verdict}, {}, {}",
            args.file.display(),
            plural(errors, "error"),
            plural(warnings, "warning")
        );
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    })
}
