//! `rampart schema`: the JSON Schema (draft 2020-12) of the `rampart-model` format, generated
//! from the engine's wire types. `schema/rampart-model-v1.schema.json` is this output.

use std::io::Write;
use std::process::ExitCode;

/// Runs `rampart schema`.
pub fn run() -> anyhow::Result<ExitCode> {
    std::io::stdout().write_all(engine::format::schema_json().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
