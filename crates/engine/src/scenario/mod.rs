//! The scenario format of `shared/scenarios/FORMAT.md`: loading (with `base` merging) and
//! running checks.

mod build;
mod run;
pub mod write;
pub mod yaml;

pub use build::{ADMIN_USER, PREDEFINED_ROLES};
pub use run::{
    CheckReport, CheckStatus, Report, ScenarioReport, run_checks, run_one_check, run_scenario,
};
pub use yaml::YamlIssue;

use serde_yaml_ng::Value;

use crate::data::Dataset;
use crate::model::Model;

/// Why a scenario could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Not YAML at all.
    #[error("not valid YAML: {0}")]
    Syntax(String),
    /// YAML, but not a scenario (not a map at the top).
    #[error("not a scenario: the document must be a map with business_units, tables, roles …")]
    Shape,
    /// The `base` scenario could not be read.
    #[error("base scenario `{name}`: {reason}")]
    Base {
        /// The base id.
        name: String,
        /// Why.
        reason: String,
    },
    /// The document references unknown things or breaks the model's rules.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<YamlIssue>),
}

/// A loaded scenario: its model and data, its events and checks.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Scenario id (`SC-01`).
    pub id: String,
    /// Title.
    pub title: String,
    /// The organisation.
    pub model: Model,
    /// Records and shares.
    pub data: Dataset,
    /// Events, in document order (applied in `step` order).
    pub events: Vec<Value>,
    /// Checks, in document order.
    pub checks: Vec<Value>,
    /// Non-fatal problems found while loading.
    pub warnings: Vec<YamlIssue>,
}

/// Runs checks kept as JSON (a workspace's pinned checks, `format::v1` `pinned_checks`) in the
/// scenario check format.
pub fn run_json_checks(
    model: &Model,
    data: &Dataset,
    events: &[serde_json::Value],
    checks: &[serde_json::Value],
) -> Vec<CheckReport> {
    let to_yaml = |v: &serde_json::Value| serde_yaml_ng::to_value(v).unwrap_or(Value::Null);
    let events: Vec<Value> = events.iter().map(to_yaml).collect();
    let checks: Vec<Value> = checks.iter().map(to_yaml).collect();
    run_checks(model, data, &events, &checks)
}

/// The records a check (kept as JSON, like [`run_json_checks`]) names: its `target`, and
/// when it is asked `after` a step, the records the events up to that step name (`target`,
/// `record`). Checks naming a record fail once the record is gone, which is what the app
/// warns about before replacing a workspace's records.
pub fn records_named(check: &serde_json::Value, events: &[serde_json::Value]) -> Vec<String> {
    let text = |v: &serde_json::Value, key: &str| match v.get(key) {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut names: Vec<String> = text(check, "target").into_iter().collect();
    if let Some(after) = check.get("after").and_then(|a| {
        a.as_f64()
            .or_else(|| a.as_str().and_then(|s| s.parse().ok()))
    }) {
        for event in events {
            let step = event
                .get("step")
                .and_then(|s| {
                    s.as_f64()
                        .or_else(|| s.as_str().and_then(|s| s.parse().ok()))
                })
                .unwrap_or(0.0);
            if step <= after && text(event, "op").as_deref() != Some("create") {
                names.extend(text(event, "target"));
                names.extend(text(event, "record"));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The report of a file that could not be loaded: every scored check of it fails with the
/// reason (and unscored ones are skipped), so counts match the file's checks.
pub fn failed_report(id: String, text: &str, error: &str) -> ScenarioReport {
    let doc: Option<Value> = serde_yaml_ng::from_str(text).ok();
    let checks: Vec<Value> = doc
        .as_ref()
        .map(|d| yaml::list(d, "checks").into_iter().cloned().collect())
        .unwrap_or_default();
    let id = doc.as_ref().and_then(|d| yaml::text(d, "id")).unwrap_or(id);
    let title = doc
        .as_ref()
        .and_then(|d| yaml::text(d, "title"))
        .unwrap_or_default();
    let mut reports: Vec<CheckReport> = checks
        .iter()
        .enumerate()
        .map(|(index, check)| CheckReport {
            index,
            status: if yaml::flag(check, "scored") == Some(false) {
                CheckStatus::Skip
            } else {
                CheckStatus::Fail
            },
            expected: yaml::text(check, "expect").unwrap_or_default(),
            actual: "error".into(),
            explanation: format!("the scenario could not be loaded: {error}"),
            rules: Vec::new(),
        })
        .collect();
    if reports.is_empty() {
        reports.push(CheckReport {
            index: 0,
            status: CheckStatus::Fail,
            expected: "loadable scenario".into(),
            actual: "error".into(),
            explanation: error.to_string(),
            rules: Vec::new(),
        });
    }
    ScenarioReport {
        id,
        title,
        error: Some(error.to_string()),
        checks: reports,
    }
}

/// Parses a scenario document. `resolve_base` returns the text of a base scenario by id.
pub fn load(
    text: &str,
    resolve_base: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Scenario, LoadError> {
    let doc = merged_document(text, resolve_base, 0)?;
    let checks = yaml::list(&own_document(text)?, "checks")
        .into_iter()
        .cloned()
        .collect();
    let events = yaml::list(&doc, "events").into_iter().cloned().collect();
    let (model, data, warnings) = build::build(&doc).map_err(LoadError::Invalid)?;
    Ok(Scenario {
        id: yaml::text(&doc, "id").unwrap_or_default(),
        title: yaml::text(&doc, "title").unwrap_or_default(),
        model,
        data,
        events,
        checks,
        warnings,
    })
}

fn own_document(text: &str) -> Result<Value, LoadError> {
    let doc: Value = serde_yaml_ng::from_str(text).map_err(|e| LoadError::Syntax(e.to_string()))?;
    if !doc.is_mapping() {
        return Err(LoadError::Shape);
    }
    Ok(doc)
}

/// The document with its `base` chain merged under it; base checks are not inherited.
fn merged_document(
    text: &str,
    resolve_base: &dyn Fn(&str) -> Result<String, String>,
    depth: u32,
) -> Result<Value, LoadError> {
    let doc = own_document(text)?;
    let Some(base_id) = yaml::text(&doc, "base") else {
        return Ok(doc);
    };
    if depth > 16 {
        return Err(LoadError::Base {
            name: base_id,
            reason: "base chain too long (a cycle?)".into(),
        });
    }
    let base_text = resolve_base(&base_id).map_err(|reason| LoadError::Base {
        name: base_id.clone(),
        reason,
    })?;
    let mut base = merged_document(&base_text, resolve_base, depth + 1)?;
    if let Value::Mapping(m) = &mut base {
        for key in ["checks", "id", "title", "base", "confidence"] {
            m.remove(Value::String(key.to_string()));
        }
    }
    yaml::merge(&mut base, &doc);
    Ok(base)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::records_named;

    #[test]
    fn a_check_names_its_target_and_the_records_of_the_events_before_it() {
        let events = [
            json!({"step": 1, "op": "share", "target": "acc_a", "user": "u1"}),
            json!({"step": 2, "op": "assign", "target": "case_b"}),
            json!({"step": 1, "op": "create", "id": "new_one", "record": "new_one"}),
        ];
        assert_eq!(
            records_named(
                &json!({"who": "u1", "op": "read", "target": "opp_c"}),
                &events
            ),
            ["opp_c"]
        );
        assert_eq!(
            records_named(
                &json!({"after": 1, "who": "u1", "op": "read", "target": "acc_a"}),
                &events
            ),
            ["acc_a"]
        );
        assert_eq!(
            records_named(
                &json!({"after": "2", "who": "u1", "op": "write", "target": "opp_c"}),
                &events
            ),
            ["acc_a", "case_b", "opp_c"]
        );
        assert!(records_named(&json!({"op": "create", "table": "account"}), &events).is_empty());
    }
}
