//! `rampart fmt FILE [--check | --write]`: a model JSON file in canonical form.
//!
//! Canonical form is what Rampart itself writes: ids in byte order, fields in the documented
//! order, a 2-space indent and a final newline, `none` depths left out, rights in Microsoft's
//! order, older format versions upgraded. References are kept as written, valid or not.
//!
//! - no flag: print the canonical text to standard output;
//! - `--check`: print nothing; exit 0 when the file is already canonical, 2 when it is not;
//! - `--write`: rewrite the file in place when it is not canonical.
//!
//! Exit code 1 when the file cannot be read or parsed, or repeats an id (formatting would drop
//! the later definitions).

use std::io::Write;
use std::process::ExitCode;

use engine::format;

use super::validate::{EXIT_INVALID, is_yaml, read_text};
use crate::args::FmtArgs;

/// Runs `rampart fmt`.
pub fn run(args: &FmtArgs) -> anyhow::Result<ExitCode> {
    let shown = args.file.display();
    let text = match read_text(&args.file) {
        Ok(text) => text,
        Err(error) => return fail(&error),
    };
    let mut doc = match format::parse(&text) {
        Ok(doc) => doc,
        Err(error) => {
            let hint = if is_yaml(&args.file, &text) {
                " (help: this looks like scenario YAML; `rampart convert` turns it into model JSON)"
            } else {
                ""
            };
            return fail(&format!("{shown}: {error}{hint}"));
        }
    };
    let duplicates = format::duplicate_ids(&doc);
    if !duplicates.is_empty() {
        return fail(&format!(
            "{shown}: ids defined more than once: {}; formatting would keep only the first definition, so fix them first",
            duplicates.join(", ")
        ));
    }
    format::normalize(&mut doc);
    let canonical = format::to_string(&doc);
    if args.check {
        if canonical == text {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{shown}: not in canonical form (help: run `rampart fmt --write {shown}`)");
        return Ok(ExitCode::from(EXIT_INVALID));
    }
    if args.write {
        if canonical != text {
            std::fs::write(&args.file, canonical.as_bytes())
                .map_err(|e| anyhow::anyhow!("{shown}: cannot write: {e}"))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    std::io::stdout().write_all(canonical.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn fail(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("rampart: {message}");
    Ok(ExitCode::from(1))
}
