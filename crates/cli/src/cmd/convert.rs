//! `rampart convert [FILE] [--demo ID] [--out FILE]`: a scenario or demo organisation as a
//! `rampart-model` JSON document.
//!
//! The scenario's model and records become the document (`data` included), its checks become
//! `pinned_checks`; `base:` is read from the scenario's folder. Events are not part of the
//! model format and are left out. Validation errors are reported on standard error as a note
//! (run `rampart validate` on the output for the list); the document is written anyway.
//!
//! Exit code 0 when the document was written, 1 when the input could not be read or loaded.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use engine::{demo, format, validate};

use super::validate::{load_scenario, read_text};
use crate::args::ConvertArgs;

/// Runs `rampart convert`.
pub fn run(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let (name, scenario) = match (&args.file, &args.demo) {
        (_, Some(id)) => {
            let Some(org) = demo::DEMO_ORGS.iter().find(|d| d.id == id) else {
                let known: Vec<&str> = demo::DEMO_ORGS.iter().map(|d| d.id).collect();
                return fail(&format!(
                    "unknown demo `{id}` (help: the demos are {})",
                    known.join(", ")
                ));
            };
            match engine::scenario::load(org.yaml, &|base| Err(format!("no base `{base}`"))) {
                Ok(scenario) => (id.clone(), scenario),
                Err(error) => return fail(&format!("demo `{id}`: {error}")),
            }
        }
        (Some(file), None) => {
            let text = match read_text(file) {
                Ok(text) => text,
                Err(error) => return fail(&error),
            };
            match load_scenario(file, &text) {
                Ok(scenario) => (file.display().to_string(), scenario),
                Err(error) => return fail(&format!("{}: {error}", file.display())),
            }
        }
        (None, None) => return fail("give a scenario file or `--demo ID`"),
    };
    let doc = format::from_scenario(&scenario);
    let errors = validate::validate(&scenario.model, Some(&scenario.data))
        .iter()
        .filter(|i| i.is_error())
        .count();
    if errors > 0 {
        eprintln!(
            "note: {name}: {errors} validation error(s); run `rampart validate` on the output"
        );
    }
    let text = format::to_string(&doc);
    match &args.out {
        Some(out) => write_file(out, &text)?,
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text.as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))
}

fn fail(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("rampart: {message}");
    Ok(ExitCode::from(1))
}
