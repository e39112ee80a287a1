//! `rampart convert [FILE] [--demo ID] [--to model|scenario] [--out FILE]`: a scenario or demo
//! organisation as a `rampart-model` JSON document, or (`--to scenario`) a model document or
//! scenario as a scenario YAML file whose checks are the model's pinned checks, so CI can run
//! them with `rampart test`.
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

use engine::{demo, format, scenario, validate};

use super::validate::{is_yaml, load_scenario, read_text};
use crate::args::{ConvertArgs, ConvertTo};

/// What was read: a model with data, and its checks and events in the scenario shape.
struct Source {
    name: String,
    id: String,
    doc: format::v1::Document,
    model: engine::model::Model,
    data: engine::data::Dataset,
}

/// Runs `rampart convert`.
pub fn run(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let source = match read_source(args) {
        Ok(source) => source,
        Err(error) => return fail(&error),
    };
    let Source {
        name,
        id,
        doc,
        model,
        data,
    } = source;
    let errors = validate::validate(&model, Some(&data))
        .iter()
        .filter(|i| i.is_error())
        .count();
    if errors > 0 {
        eprintln!(
            "note: {name}: {errors} validation error(s); run `rampart validate` on the output"
        );
    }
    let text = match args.to {
        ConvertTo::Model => format::to_string(&doc),
        ConvertTo::Scenario => {
            if doc.pinned_checks.is_empty() {
                eprintln!("note: {name}: no pinned checks; the scenario's `checks` list is empty");
            }
            scenario::write::to_yaml(
                &model,
                Some(&data),
                &scenario::write::Extras {
                    id: &id,
                    checks: &doc.pinned_checks,
                    events: &doc.events,
                },
            )
        }
    };
    match &args.out {
        Some(out) => write_file(out, &text)?,
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn read_source(args: &ConvertArgs) -> Result<Source, String> {
    let from_scenario = |name: String, s: scenario::Scenario| Source {
        name,
        id: s.id.clone(),
        doc: format::from_scenario(&s),
        model: s.model,
        data: s.data,
    };
    match (&args.file, &args.demo) {
        (_, Some(id)) => {
            let Some(org) = demo::DEMO_ORGS.iter().find(|d| d.id == id) else {
                let known: Vec<&str> = demo::DEMO_ORGS.iter().map(|d| d.id).collect();
                return Err(format!(
                    "unknown demo `{id}` (help: the demos are {})",
                    known.join(", ")
                ));
            };
            scenario::load(org.yaml, &|base| Err(format!("no base `{base}`")))
                .map(|s| from_scenario(id.clone(), s))
                .map_err(|error| format!("demo `{id}`: {error}"))
        }
        (Some(file), None) => {
            let text = read_text(file)?;
            let name = file.display().to_string();
            if is_yaml(file, &text) {
                return load_scenario(file, &text)
                    .map(|s| from_scenario(name.clone(), s))
                    .map_err(|error| format!("{name}: {error}"));
            }
            // A model document: its pinned checks and events are kept as they are.
            let parsed = format::parse(&text).map_err(|error| format!("{name}: {error}"))?;
            let (model, data, _) = format::load_document(&parsed);
            let data = data.unwrap_or_default();
            let mut doc = format::to_wire(&model, Some(&data));
            doc.pinned_checks = parsed.pinned_checks;
            doc.events = parsed.events;
            Ok(Source {
                name,
                id: String::new(),
                doc,
                model,
                data,
            })
        }
        (None, None) => Err("give a scenario file or `--demo ID`".into()),
    }
}

fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text.as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))
}

fn fail(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("rampart: {message}");
    Ok(ExitCode::from(1))
}
