//! Small helpers to read a `serde_yaml_ng::Value` with errors that name where.

use serde_yaml_ng::{Mapping, Value};

/// A problem in a scenario document, with its path (`users.U1.roles[0]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlIssue {
    /// Where in the document.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// An error in the model (a dangling reference, an access team with roles) that loading
    /// went past by leaving the offending part out; `false` for plain warnings.
    pub error: bool,
}

impl std::fmt::Display for YamlIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Renders a scalar as text (strings, numbers, booleans); `None` for null, maps and lists.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

/// The entries of a mapping in document order, keys rendered as text.
pub fn entries(value: &Value) -> Vec<(String, &Value)> {
    match value {
        Value::Mapping(m) => m
            .iter()
            .filter_map(|(k, v)| Some((scalar(k)?, v)))
            .collect(),
        _ => Vec::new(),
    }
}

/// A field of a mapping.
pub fn field<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match value {
        Value::Mapping(m) => m.get(Value::String(key.to_string())),
        _ => None,
    }
    .filter(|v| !v.is_null())
}

/// A text field of a mapping.
pub fn text(value: &Value, key: &str) -> Option<String> {
    field(value, key).and_then(scalar)
}

/// A list field of a mapping; a scalar counts as a list of one.
pub fn list<'a>(value: &'a Value, key: &str) -> Vec<&'a Value> {
    match field(value, key) {
        Some(Value::Sequence(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

/// A list of text items.
pub fn text_list(value: &Value, key: &str) -> Vec<String> {
    list(value, key).into_iter().filter_map(scalar).collect()
}

/// A boolean field; accepts `true/false`, `yes/no`, `allowed/not_allowed`.
pub fn flag(value: &Value, key: &str) -> Option<bool> {
    field(value, key).and_then(as_flag)
}

/// A boolean from a scalar; accepts `true/false`, `yes/no`, `allowed/not_allowed`, 1/0, 4/0.
pub fn as_flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "allowed" | "allow" | "on" => Some(true),
            "false" | "no" | "not_allowed" | "notallowed" | "not allowed" | "deny" | "off"
            | "none" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Merges `over` onto `base`: maps merge by key (recursively), lists append, scalars replace
/// (FORMAT.md `base`).
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => merge_maps(b, o),
        (Value::Sequence(b), Value::Sequence(o)) => b.extend(o.iter().cloned()),
        (b, o) => *b = o.clone(),
    }
}

fn merge_maps(base: &mut Mapping, over: &Mapping) {
    for (key, value) in over {
        match base.get_mut(key) {
            Some(existing) if !existing.is_null() => merge(existing, value),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}
