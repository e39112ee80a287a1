//! `rampart cedar FILE [--out DIR]`: the model (and its sample data) as Cedar 4 documents, so a
//! server can enforce the designed model with cedar-policy; see `engine::cedar` for the encoding
//! and its scope (the record-level actions `read write delete append appendto assign share`).
//!
//! Writes `schema.cedarschema` (Cedar schema syntax), `policies.cedar` and `entities.json`
//! (Cedar's entities JSON) into DIR (default: the current directory), after checking them with
//! Cedar itself: the schema parses, the policies validate against it (strict mode) and the
//! entities conform to it. Prints the paths written and the number of entities.
//!
//! Exit code 0 when the files were written, 1 when the input could not be read or Cedar rejects
//! the export (a bug: the differential test `tests/cedar_differential.rs` guards against it).

use std::path::Path;
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::Context as _;
use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request, Schema, ValidationMode,
    Validator,
};
use engine::cedar::CedarExport;
use engine::data::Dataset;
use engine::model::{Model, RecordId, UserId, Verb};

use super::lint::load_input;
use crate::args::CedarArgs;

/// Runs `rampart cedar`.
pub fn run(args: &CedarArgs) -> anyhow::Result<ExitCode> {
    let input = load_input(&args.file)?;
    let data = input.data.unwrap_or_default();
    let export = engine::cedar::export(&input.model, &data);
    let loaded = Loaded::from_export(&export)?;
    let n_entities = export.entities.as_array().map_or(0, Vec::len);
    let dir = args.out.as_deref().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let entities = serde_json::to_string_pretty(&export.entities)? + "\n";
    for (name, text) in [
        ("schema.cedarschema", &export.schema),
        ("policies.cedar", &export.policies),
        ("entities.json", &entities),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    println!(
        "{} policies, {n_entities} entities ({} users, {} records); validated with cedar-policy",
        loaded.policies.policies().count(),
        input.model.users.len(),
        data.records.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// An export loaded into Cedar: validated policies and entities.
pub struct Loaded {
    /// The policies, validated against the schema.
    pub policies: PolicySet,
    /// The entities, checked against the schema.
    pub entities: Entities,
    authorizer: Authorizer,
}

impl Loaded {
    /// Exports `model` and `data` and loads the result into Cedar.
    pub fn new(model: &Model, data: &Dataset) -> anyhow::Result<Loaded> {
        Loaded::from_export(&engine::cedar::export(model, data))
    }

    /// Loads an export into Cedar, validating the policies against the schema.
    pub fn from_export(export: &CedarExport) -> anyhow::Result<Loaded> {
        let (schema, warnings) = Schema::from_cedarschema_str(&export.schema)
            .map_err(|e| anyhow::anyhow!("the exported schema does not parse: {e}"))?;
        for warning in warnings {
            eprintln!("note: schema: {warning}");
        }
        let policies = PolicySet::from_str(&export.policies)
            .map_err(|e| anyhow::anyhow!("the exported policies do not parse: {e}"))?;
        let validation = Validator::new(schema.clone()).validate(&policies, ValidationMode::Strict);
        if !validation.validation_passed() {
            let errors: Vec<String> = validation
                .validation_errors()
                .map(ToString::to_string)
                .collect();
            anyhow::bail!(
                "the exported policies do not validate: {}",
                errors.join("; ")
            );
        }
        let entities = Entities::from_json_value(export.entities.clone(), Some(&schema))
            .map_err(|e| anyhow::anyhow!("the exported entities do not load: {e}"))?;
        Ok(Loaded {
            policies,
            entities,
            authorizer: Authorizer::new(),
        })
    }

    /// The records among `records` that Cedar lets `user` do `verb` on, asking record by record
    /// (what a server holding only Cedar does to list a user's records).
    pub fn visible(
        &self,
        model: &Model,
        data: &Dataset,
        user: UserId,
        verb: Verb,
        records: &[RecordId],
    ) -> anyhow::Result<Vec<RecordId>> {
        let uid = |kind: &str, id: &str| {
            EntityUid::from_json(engine::cedar::uid(kind, id))
                .map_err(|e| anyhow::anyhow!("entity uid of {kind} `{id}`: {e}"))
        };
        let principal = uid("User", model.user_name(user))?;
        let action = EntityUid::from_str(&format!(
            "{}::Action::\"{}\"",
            engine::cedar::NAMESPACE,
            verb.as_str()
        ))
        .map_err(|e| anyhow::anyhow!("action uid: {e}"))?;
        let mut out = Vec::new();
        for record in records {
            let request = Request::new(
                principal.clone(),
                action.clone(),
                uid("Record", data.record_name(*record))?,
                Context::empty(),
                None,
            )
            .map_err(|e| anyhow::anyhow!("request: {e}"))?;
            let response = self
                .authorizer
                .is_authorized(&request, &self.policies, &self.entities);
            if response.decision() == Decision::Allow {
                out.push(*record);
            }
        }
        Ok(out)
    }
}
