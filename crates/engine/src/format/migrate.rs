//! Upgrades of older `rampart-model` documents to the current version, one step per version.
//!
//! Migrations work on the JSON value, before the typed wire shape is read, so that each step
//! only needs to know the difference between two neighbouring versions.
//!
//! # Version 0 (the pre-release shape)
//!
//! Identical to version 1 except for one thing: a role's `privileges` were a list of
//! privilege rows, one per (table, verb), the way Dataverse stores `RolePrivilege`:
//!
//! ```json
//! "roles": { "R_Sales": { "bu": "root", "privileges": [
//!   { "table": "account", "verb": "read", "depth": "bu" },
//!   { "table": "account", "verb": "write", "depth": "user" }
//! ] } }
//! ```
//!
//! Version 1 groups them per table: `"privileges": {"account": {"read": "bu", "write": "user"}}`.
//! When two rows name the same table and verb, the deeper depth is kept (roles are additive,
//! ROLE-4); rows at depth `none` are dropped.

use serde_json::{Map, Value};

/// A migration step that could not read the old document: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationError {
    /// JSON path in the old document.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Upgrades a document of version `from` to the current version, step by step.
pub fn migrate(mut doc: Value, from: u64) -> Result<Value, MigrationError> {
    let mut version = from;
    while version < u64::from(super::v1::VERSION) {
        match version {
            0 => v0_to_v1(&mut doc)?,
            _ => {
                return Err(MigrationError {
                    path: "version".into(),
                    message: format!("no migration from version {version}"),
                });
            }
        }
        version += 1;
    }
    if let Value::Object(envelope) = &mut doc {
        envelope.insert("version".into(), Value::from(super::v1::VERSION));
    }
    Ok(doc)
}

const DEPTH_ORDER: [&str; 5] = ["none", "user", "bu", "pcbu", "org"];

/// Version 0 → 1: privilege rows become a table → verb → depth map.
fn v0_to_v1(doc: &mut Value) -> Result<(), MigrationError> {
    let Some(roles) = doc.get_mut("roles").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    for (role_id, role) in roles.iter_mut() {
        let Some(rows) = role.get_mut("privileges") else {
            continue;
        };
        let Value::Array(list) = rows else {
            return Err(MigrationError {
                path: format!("roles.{role_id}.privileges"),
                message: "expected a list of privilege rows {table, verb, depth} (version 0)"
                    .into(),
            });
        };
        let mut grouped: Map<String, Value> = Map::new();
        for (i, row) in list.iter().enumerate() {
            let path = format!("roles.{role_id}.privileges[{i}]");
            let field = |name: &str| -> Result<String, MigrationError> {
                row.get(name)
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| MigrationError {
                        path: format!("{path}.{name}"),
                        message: format!("missing or non-text `{name}` in a privilege row"),
                    })
            };
            let (table, verb, depth) = (field("table")?, field("verb")?, field("depth")?);
            let Some(rank) = DEPTH_ORDER.iter().position(|d| *d == depth) else {
                return Err(MigrationError {
                    path: format!("{path}.depth"),
                    message: format!("unknown depth `{depth}` (none, user, bu, pcbu, org)"),
                });
            };
            let verbs = grouped
                .entry(table)
                .or_insert_with(|| Value::Object(Map::new()));
            if rank == 0 {
                continue;
            }
            if let Value::Object(verbs) = verbs {
                let deeper = verbs
                    .get(&verb)
                    .and_then(Value::as_str)
                    .and_then(|old| DEPTH_ORDER.iter().position(|d| *d == old))
                    .is_none_or(|old_rank| rank > old_rank);
                if deeper {
                    verbs.insert(verb, Value::String(depth));
                }
            }
        }
        *rows = Value::Object(grouped);
    }
    Ok(())
}
