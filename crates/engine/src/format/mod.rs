//! The `rampart-model` JSON exchange format: wire types, schema, migrations, load and save.
//!
//! - [`v1`] holds the wire types (serde, string ids, `BTreeMap`s) and documents the format.
//! - [`load`] reads a document in two stages, as `style.md` §2.6 asks: a fatal [`LoadError`]
//!   for input that is too large, not JSON, not a `rampart-model` document, of the wrong shape
//!   or of a version newer than this engine reads; then every other problem — unknown
//!   references, duplicate ids, rule violations — comes back as an [`Issue`] next to the model
//!   that could be built.
//! - [`save`] writes a model back, byte-stable: two saves of the same model are identical.
//! - [`migrate`] upgrades older versions (version 0 → 1).
//! - [`schema_json`] is the JSON Schema (draft 2020-12) generated from [`v1`].
//! - [`from_scenario`] turns a scenario (`shared/scenarios/FORMAT.md`) into a model document.
//!
//! The engine does no IO: callers read files and hand over text.

mod export;
mod id_map;
mod intern;
pub mod migrate;
pub mod v1;

use serde_json::Value;

pub(crate) use export::settings as settings_to_wire;
pub use export::to_wire;
pub use id_map::IdMap;
pub use intern::from_wire;

use crate::data::Dataset;
use crate::model::Model;
use crate::scenario::Scenario;
use crate::validate::{self, Issue};

/// The largest input [`load`] and [`parse`] accept: 64 MiB.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Why a document could not be read at all. Everything short of these is an [`Issue`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Larger than [`MAX_INPUT_BYTES`].
    #[error(
        "input is {size} bytes; Rampart reads model files up to 64 MiB ({max} bytes)",
        max = MAX_INPUT_BYTES
    )]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
    },
    /// Not JSON.
    #[error("not JSON: {message} at line {line}, column {column}")]
    Syntax {
        /// What the parser found.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but not a `rampart-model` document.
    #[error("not a rampart-model document: {reason}")]
    NotAModel {
        /// Why not.
        reason: String,
    },
    /// A version newer than this engine reads.
    #[error(
        "this file is rampart-model version {version}; this Rampart reads up to version {supported}: update Rampart",
        supported = v1::VERSION
    )]
    TooNew {
        /// The document's version.
        version: u64,
    },
    /// A `rampart-model` document with a field of the wrong type, a missing required field or
    /// an unknown field.
    #[error("{}{message}{}", path_prefix(.path), location(.line, .column))]
    Shape {
        /// JSON path of the field, e.g. `users.U7.bu`; empty for the document itself.
        path: String,
        /// What is wrong.
        message: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
    },
}

fn path_prefix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

fn location(line: &Option<usize>, column: &Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
        (Some(line), None) => format!(" (line {line})"),
        _ => String::new(),
    }
}

/// The message of a serde_json error without its " at line L column C" tail.
fn bare_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) if error.line() > 0 => text.get(..at).unwrap_or(&text).to_string(),
        _ => text,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a document's text into the current wire version: size check, JSON syntax, envelope
/// (`format`, `version`), migration of older versions, then the typed shape.
pub fn parse(json: &str) -> Result<v1::Document, LoadError> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge { size: json.len() });
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let value: Value = serde_json::from_str(json).map_err(|e| LoadError::Syntax {
        message: bare_message(&e),
        line: e.line(),
        column: e.column(),
    })?;
    let Value::Object(envelope) = &value else {
        return Err(LoadError::NotAModel {
            reason: format!("the document is {}, not an object", kind_of(&value)),
        });
    };
    match envelope.get("format") {
        Some(Value::String(format)) if format == v1::FORMAT => {}
        Some(other) => {
            return Err(LoadError::NotAModel {
                reason: format!("`format` is `{other}`, expected `\"{}\"`", v1::FORMAT),
            });
        }
        None => {
            return Err(LoadError::NotAModel {
                reason: format!(
                    "no `format` field; a model document starts with `\"format\": \"{}\"`",
                    v1::FORMAT
                ),
            });
        }
    }
    let version = match envelope.get("version") {
        None => {
            return Err(LoadError::Shape {
                path: "version".into(),
                message: "missing field `version`".into(),
                line: None,
                column: None,
            });
        }
        Some(v) => v.as_u64().ok_or_else(|| LoadError::Shape {
            path: "version".into(),
            message: format!("expected a version number, found `{v}`"),
            line: None,
            column: None,
        })?,
    };
    if version > u64::from(v1::VERSION) {
        return Err(LoadError::TooNew { version });
    }
    if version == u64::from(v1::VERSION) {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let doc: v1::Document =
            serde_path_to_error::deserialize(&mut deserializer).map_err(shape_error)?;
        return Ok(with_sorted_free_json(doc));
    }
    let migrated = migrate::migrate(value, version).map_err(|e| LoadError::Shape {
        path: e.path,
        message: format!("{} (while upgrading from version {version})", e.message),
        line: None,
        column: None,
    })?;
    serde_path_to_error::deserialize(migrated)
        .map_err(shape_error)
        .map(with_sorted_free_json)
}

/// Free JSON in a document (pinned checks, events) with sorted keys, so that written text is
/// the same whichever way serde_json orders maps in this build.
pub fn with_sorted_free_json(mut doc: v1::Document) -> v1::Document {
    doc.pinned_checks = std::mem::take(&mut doc.pinned_checks)
        .into_iter()
        .map(sorted_keys)
        .collect();
    doc.events = std::mem::take(&mut doc.events)
        .into_iter()
        .map(sorted_keys)
        .collect();
    doc
}

fn shape_error(error: serde_path_to_error::Error<serde_json::Error>) -> LoadError {
    let path = error.path().to_string();
    let inner = error.inner();
    let (line, column) = if inner.line() > 0 {
        (Some(inner.line()), Some(inner.column()))
    } else {
        (None, None)
    };
    LoadError::Shape {
        path: if path == "." { String::new() } else { path },
        message: bare_message(inner),
        line,
        column,
    }
}

/// Loads a model document: the model, its sample data when the document has a `data`
/// section, and every issue found (reference problems from interning, then
/// [`validate::validate`]). Fails only for the fatal problems of [`LoadError`].
pub fn load(json: &str) -> Result<(Model, Option<Dataset>, Vec<Issue>), LoadError> {
    let doc = parse(json)?;
    Ok(load_document(&doc))
}

/// [`load`] for a document already parsed.
pub fn load_document(doc: &v1::Document) -> (Model, Option<Dataset>, Vec<Issue>) {
    let (model, data, mut issues) = from_wire(doc);
    // A reference problem explains its field; a rule issue at the same path is its echo (an
    // unknown owner also reads as "no owner"), so it is left out.
    let reported: std::collections::HashSet<String> =
        issues.iter().map(|i| i.path.clone()).collect();
    issues.extend(
        validate::validate(&model, data.as_ref())
            .into_iter()
            .filter(|i| !reported.contains(&i.path)),
    );
    if let Some(written) = &doc.checksum {
        let actual = checksum(doc);
        if *written != actual {
            issues.push(validate::Issue::warning(
                validate::IssueCode::Checksum,
                "checksum",
                format!("checksum `{written}` does not match the content (`{actual}`): the file was edited after it was exported"),
            ));
        }
    }
    (model, data, issues)
}

/// The canonical text of a model (and data): pretty-printed, 2-space indent, final newline.
pub fn save(model: &Model, data: Option<&Dataset>) -> String {
    to_string(&to_wire(model, data))
}

/// A JSON value with every object's keys in sorted order, whatever map type serde_json uses.
pub fn sorted_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sorted_keys(v)))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(sorted_keys).collect())
        }
        other => other,
    }
}

/// The checksum of a document: `sha256:` and the hex digest of its canonical text without the
/// `checksum` field.
pub fn checksum(doc: &v1::Document) -> String {
    use sha2::{Digest, Sha256};
    let text = if doc.checksum.is_some() {
        let mut copy = doc.clone();
        copy.checksum = None;
        to_string(&copy)
    } else {
        to_string(doc)
    };
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The canonical text of a document for deployment: with its checksum (and its suppressed lints,
/// which the document carries in `lint_suppressions`).
pub fn to_string_with_checksum(doc: &v1::Document) -> String {
    let mut doc = doc.clone();
    doc.checksum = None;
    doc.checksum = Some(checksum(&doc));
    to_string(&doc)
}

/// The canonical text of a wire document.
pub fn to_string(doc: &v1::Document) -> String {
    // INVARIANT: every map in the wire types has string keys, so serialization cannot fail.
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Rewrites a document's text in canonical form (what `rampart fmt` prints): key order, field
/// order, `none` depths dropped, rights in Microsoft's order, older versions upgraded. Unlike
/// [`save`] it keeps unknown references as written, and suppressions and pinned checks.
/// Ids repeated in the input keep their first definition; check [`duplicate_ids`] first.
pub fn canonicalize(json: &str) -> Result<String, LoadError> {
    let mut doc = parse(json)?;
    normalize(&mut doc);
    Ok(to_string(&doc))
}

/// Ids defined more than once in a parsed document, as `section.id`.
pub fn duplicate_ids(doc: &v1::Document) -> Vec<String> {
    let mut sections: Vec<(&str, &[String])> = vec![
        ("business_units", doc.business_units.duplicates()),
        ("users", doc.users.duplicates()),
        ("teams", doc.teams.duplicates()),
        ("roles", doc.roles.duplicates()),
        ("tables", doc.tables.duplicates()),
        ("relationships", doc.relationships.duplicates()),
        ("positions", doc.positions.duplicates()),
        ("team_templates", doc.team_templates.duplicates()),
        (
            "field_security_profiles",
            doc.field_security_profiles.duplicates(),
        ),
    ];
    if let Some(data) = &doc.data {
        sections.push(("data.records", data.records.duplicates()));
    }
    sections
        .into_iter()
        .flat_map(|(section, ids)| ids.iter().map(move |id| format!("{section}.{id}")))
        .collect()
}

/// Puts a parsed document into canonical form in place.
pub fn normalize(doc: &mut v1::Document) {
    for (_, role) in doc.roles.iter_mut() {
        for depths in role.privileges.values_mut() {
            for verb in [
                v1::Verb::Create,
                v1::Verb::Read,
                v1::Verb::Write,
                v1::Verb::Delete,
                v1::Verb::Append,
                v1::Verb::AppendTo,
                v1::Verb::Assign,
                v1::Verb::Share,
            ] {
                let slot = depths.slot(verb);
                if *slot == Some(v1::Depth::None) {
                    *slot = None;
                }
            }
        }
    }
    for (_, template) in doc.team_templates.iter_mut() {
        sort_rights(&mut template.rights);
    }
    if let Some(data) = &mut doc.data {
        for share in &mut data.shares {
            sort_rights(&mut share.rights);
            sort_rights(&mut share.inherited);
        }
    }
    for (_, team) in doc.teams.iter_mut() {
        for role in &mut team.roles {
            shorten_role_ref(role);
        }
    }
    for (_, user) in doc.users.iter_mut() {
        for role in &mut user.roles {
            shorten_role_ref(role);
        }
    }
}

fn sort_rights(rights: &mut Vec<v1::Verb>) {
    rights.sort();
    rights.dedup();
}

/// `{"role": R}` without `from_bu` is written as `R`.
fn shorten_role_ref(role: &mut v1::RoleRef) {
    if let v1::RoleRef::Copy(v1::RoleCopy {
        role: id,
        from_bu: None,
    }) = role
    {
        *role = v1::RoleRef::Id(std::mem::take(id));
    }
}

/// The JSON Schema (draft 2020-12) of [`v1::Document`], pretty-printed with a final newline —
/// the text of `schema/rampart-model-v1.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(v1::Document);
    // Keys sorted explicitly: the text must not depend on whether some crate in the build turned
    // on serde_json's `preserve_order`.
    let value = sorted_keys(serde_json::to_value(&schema).unwrap_or_default());
    // INVARIANT: a schema is a JSON value with string keys; serialization cannot fail.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The model document of a loaded scenario: its model, its records and shares as `data`, and
/// its checks as `pinned_checks` (as written, in the scenario format's check shape). Scenario
/// `events` have no place in the model format and are left out, so a pinned check with `after`
/// refers to events the document does not carry.
pub fn from_scenario(scenario: &Scenario) -> v1::Document {
    let mut doc = to_wire(&scenario.model, Some(&scenario.data));
    doc.pinned_checks = scenario
        .checks
        .iter()
        .map(|c| sorted_keys(yaml_to_json(c)))
        .collect();
    doc.events = scenario
        .events
        .iter()
        .map(|e| sorted_keys(yaml_to_json(e)))
        .collect();
    doc
}

/// A YAML value as JSON: map keys become text, tags are dropped, non-finite floats become null.
fn yaml_to_json(value: &serde_yaml_ng::Value) -> Value {
    use serde_yaml_ng::Value as Yaml;
    match value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Sequence(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match yaml_to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Yaml::Tagged(tagged) => yaml_to_json(&tagged.value),
    }
}

/// The walkthrough a document carries, in the engine's terms.
pub fn walkthrough_from_wire(wire: &v1::Walkthrough) -> crate::walkthrough::Walkthrough {
    use crate::walkthrough::{Question, Step};
    let verb = intern::verb_from_wire;
    let depth = intern::depth_from_wire;
    let steps = wire
        .steps
        .iter()
        .map(|step| match step {
            v1::WalkthroughStep::See {
                user,
                table,
                verb: v,
                note,
            } => Step {
                question: Question::See {
                    user: user.clone(),
                    table: table.clone(),
                    verb: verb(*v),
                },
                note: note.clone(),
            },
            v1::WalkthroughStep::Why {
                user,
                verb: v,
                record,
                note,
            } => Step {
                question: Question::Why {
                    user: user.clone(),
                    verb: verb(*v),
                    record: record.clone(),
                },
                note: note.clone(),
            },
            v1::WalkthroughStep::Who {
                record,
                verb: v,
                note,
            } => Step {
                question: Question::Who {
                    record: record.clone(),
                    verb: verb(*v),
                },
                note: note.clone(),
            },
            v1::WalkthroughStep::WhatIf {
                role,
                table,
                verb: v,
                depth: d,
                note,
            } => Step {
                question: Question::WhatIf {
                    role: role.clone(),
                    table: table.clone(),
                    verb: verb(*v),
                    depth: depth(*d),
                },
                note: note.clone(),
            },
            v1::WalkthroughStep::WhatIfMisc {
                role,
                privilege,
                depth: d,
                note,
            } => Step {
                question: Question::WhatIfMisc {
                    role: role.clone(),
                    privilege: privilege.clone(),
                    depth: depth(*d),
                },
                note: note.clone(),
            },
        })
        .collect();
    crate::walkthrough::Walkthrough {
        title: wire.title.clone(),
        steps,
    }
}

/// The wire form of a walkthrough; `None` when it has neither title nor steps (so documents
/// without one stay byte-identical).
pub fn walkthrough_to_wire(w: &crate::walkthrough::Walkthrough) -> Option<v1::Walkthrough> {
    use crate::walkthrough::Question;
    if w.title.is_empty() && w.steps.is_empty() {
        return None;
    }
    let verb = export::verb_to_wire;
    let depth = export::depth_to_wire;
    let steps = w
        .steps
        .iter()
        .map(|step| {
            let note = step.note.clone();
            match &step.question {
                Question::See {
                    user,
                    table,
                    verb: v,
                } => v1::WalkthroughStep::See {
                    user: user.clone(),
                    table: table.clone(),
                    verb: verb(*v),
                    note,
                },
                Question::Why {
                    user,
                    verb: v,
                    record,
                } => v1::WalkthroughStep::Why {
                    user: user.clone(),
                    verb: verb(*v),
                    record: record.clone(),
                    note,
                },
                Question::Who { record, verb: v } => v1::WalkthroughStep::Who {
                    record: record.clone(),
                    verb: verb(*v),
                    note,
                },
                Question::WhatIf {
                    role,
                    table,
                    verb: v,
                    depth: d,
                } => v1::WalkthroughStep::WhatIf {
                    role: role.clone(),
                    table: table.clone(),
                    verb: verb(*v),
                    depth: depth(*d),
                    note,
                },
                Question::WhatIfMisc {
                    role,
                    privilege,
                    depth: d,
                } => v1::WalkthroughStep::WhatIfMisc {
                    role: role.clone(),
                    privilege: privilege.clone(),
                    depth: depth(*d),
                    note,
                },
            }
        })
        .collect();
    Some(v1::Walkthrough {
        title: w.title.clone(),
        steps,
    })
}
