//! Model + data + checks → a scenario document (`shared/scenarios/FORMAT.md`), so that a
//! workspace's pinned checks can run in CI with `rampart test`.
//!
//! The writer goes through the canonical wire document ([`crate::format::to_wire`]) and writes
//! everything explicitly, the things the loader would otherwise add by itself included (the
//! `admin` user, the predefined roles, every business unit's default team), so that loading the
//! output gives back the same model: `format::save(load(to_yaml(x)))` equals `format::save(x)`.
//!
//! Two things of the model format have no place in the scenario format (FORMAT.md's `teams`
//! take `type, bu, members, roles`; its `shares` take `record, principal, rights`) and are
//! approximated: a system-managed access team's link to its template and record
//! (`record_team`) is left out (the team, its members and its shares are written, so today's
//! answers are the same, but adding a member through the template later makes a new team), and
//! rights a share holds only by cascade (`inherited`, CASC-5) are written as plain rights of
//! that share (so revoking the parent's share no longer takes them away). [`approximations`]
//! lists each instance; the output names them in comments at the top, and the app repeats them
//! when it downloads the file. And the format gives every predefined role (§12) at least its
//! shipped privileges, so one edited below them comes back with them; the output names such
//! roles in a comment at the top too.

use serde_yaml_ng::{Mapping, Value};

use crate::data::Dataset;
use crate::format::{self, v1};
use crate::model::predefined::predefined_privileges;
use crate::model::{Model, Rights, Verb};

/// What to write besides the model: the document's id and the checks and events.
#[derive(Debug, Clone, Default)]
pub struct Extras<'a> {
    /// The scenario id (`id:`); empty means one made from the model's name.
    pub id: &'a str,
    /// Checks in the scenario check shape (a workspace's pinned checks).
    pub checks: &'a [serde_json::Value],
    /// Events in the scenario event shape, replayed by checks with `after`.
    pub events: &'a [serde_json::Value],
}

/// Renders a model, its sample data and checks as one scenario document.
pub fn to_yaml(model: &Model, data: Option<&Dataset>, extras: &Extras<'_>) -> String {
    let doc = format::to_wire(model, data);
    let id = if extras.id.is_empty() {
        slug(&model.name)
    } else {
        extras.id.to_string()
    };
    let mut out = String::from(
        "# Security scenario (format v1, shared/scenarios/FORMAT.md), written by Rampart.\n\
         # Run its checks with: rampart test THIS_FILE\n",
    );
    for role in below_shipped(model) {
        out.push_str(&format!(
            "# Note: the predefined role {role} holds fewer privileges than shipped; \
             this format gives it the shipped ones.\n"
        ));
    }
    let notes = approximations(model, data);
    for note in notes.iter().take(MAX_NOTES) {
        out.push_str(&format!("# Note: {note}.\n"));
    }
    if notes.len() > MAX_NOTES {
        out.push_str(&format!(
            "# Note: and {} more of the same kinds.\n",
            notes.len() - MAX_NOTES
        ));
    }
    out.push_str(&document_text(&document(&doc, &id, extras)));
    out
}

/// Comments naming approximations, at most; the rest are counted.
const MAX_NOTES: usize = 20;

/// What of the model and data the scenario format cannot say, one sentence each: access teams
/// linked to a template and record, and shares holding rights only by cascade.
pub fn approximations(model: &Model, data: Option<&Dataset>) -> Vec<String> {
    let mut out = Vec::new();
    for team in &model.teams {
        if let Some((template, record)) = team.record_team {
            let template = model
                .templates
                .get(template.index())
                .map_or("?", |t| t.name.as_str());
            let record = data.map_or("?", |d| d.record_name(record));
            out.push(format!(
                "access team {} is written as a plain access team: the format cannot say it was made from template {template} for record {record}",
                team.name
            ));
        }
    }
    if let Some(data) = data {
        let mut records: Vec<_> = data.shares.keys().copied().collect();
        records.sort_unstable();
        for record in records {
            for share in data.shares_of(record) {
                let only_inherited = share.inherited.intersect(Rights::ALL);
                let extra: Vec<&str> = only_inherited
                    .verbs()
                    .filter(|v| !share.rights.contains(*v))
                    .map(Verb::as_str)
                    .collect();
                if !extra.is_empty() {
                    out.push(format!(
                        "the share of {} with {} holds {} only by cascade (CASC-5); the format writes them as plain rights",
                        data.record_name(record),
                        model.principal_name(share.principal),
                        extra.join(", ")
                    ));
                }
            }
        }
    }
    out
}

/// Predefined roles holding less than their shipped privileges over the model's tables.
fn below_shipped(model: &Model) -> Vec<&str> {
    model
        .roles
        .iter()
        .filter(|role| role.predefined.is_some())
        .filter(|role| {
            predefined_privileges(model, &role.name)
                .iter()
                .any(|(set, shipped)| {
                    Verb::ALL
                        .iter()
                        .any(|verb| role.depth(*set, *verb) < shipped.get(*verb))
                })
        })
        .map(|role| role.name.as_str())
        .collect()
}

/// The YAML text of a document value (block style, final newline).
fn document_text(value: &Value) -> String {
    // INVARIANT: every key is a string and every value a plain YAML value, so serialization
    // cannot fail.
    serde_yaml_ng::to_string(value).unwrap_or_default()
}

/// The document as a YAML value, keys in the order FORMAT.md lists them.
fn document(doc: &v1::Document, id: &str, extras: &Extras<'_>) -> Value {
    let mut m = Mapping::new();
    put(&mut m, "id", s(id));
    put(&mut m, "title", s(&doc.name));
    if !doc.display_names.is_empty() {
        let names = doc
            .display_names
            .iter()
            .map(|(k, v)| (s(k), s(v)))
            .collect();
        put(&mut m, "names", Value::Mapping(names));
    }
    put(&mut m, "settings", settings(&doc.settings));
    put(
        &mut m,
        "business_units",
        map(doc.business_units.iter(), |bu| {
            bu.parent.as_deref().map_or(Value::Null, s)
        }),
    );
    put(&mut m, "tables", map(doc.tables.iter(), table));
    if !doc.relationships.is_empty() {
        put(
            &mut m,
            "relationships",
            map(doc.relationships.iter(), relationship),
        );
    }
    put(&mut m, "roles", map(doc.roles.iter(), role));
    if !doc.positions.is_empty() {
        put(
            &mut m,
            "positions",
            map(doc.positions.iter(), |p| {
                p.parent.as_deref().map_or(Value::Null, s)
            }),
        );
    }
    put(&mut m, "users", map(doc.users.iter(), user));
    put(&mut m, "teams", map(doc.teams.iter(), team));
    if !doc.team_templates.is_empty() {
        put(
            &mut m,
            "team_templates",
            map(doc.team_templates.iter(), |t| {
                let mut e = Mapping::new();
                put(&mut e, "table", s(&t.table));
                put(&mut e, "rights", verbs(&t.rights));
                Value::Mapping(e)
            }),
        );
    }
    if !doc.field_security_profiles.is_empty() {
        put(
            &mut m,
            "field_security_profiles",
            map(doc.field_security_profiles.iter(), profile),
        );
    }
    if let Some(data) = &doc.data {
        write_data(&mut m, data);
    }
    if !extras.events.is_empty() {
        put(&mut m, "events", json_list(extras.events));
    }
    put(&mut m, "checks", json_list(extras.checks));
    Value::Mapping(m)
}

fn put(m: &mut Mapping, key: &str, value: Value) {
    m.insert(s(key), value);
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

fn b(flag: bool) -> Value {
    Value::Bool(flag)
}

fn list(items: impl IntoIterator<Item = Value>) -> Value {
    Value::Sequence(items.into_iter().collect())
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
    list(items.into_iter().map(|x| s(x)))
}

fn map<'a, V: 'a>(
    entries: impl Iterator<Item = (&'a String, &'a V)>,
    value: impl Fn(&V) -> Value,
) -> Value {
    Value::Mapping(entries.map(|(k, v)| (s(k), value(v))).collect())
}

/// Any serializable wire value as YAML (the wire enums' names are the scenario tokens).
fn yaml<T: serde::Serialize>(value: &T) -> Value {
    serde_yaml_ng::to_value(value).unwrap_or(Value::Null)
}

fn verbs(rights: &[v1::Verb]) -> Value {
    list(rights.iter().map(yaml))
}

fn json_list(items: &[serde_json::Value]) -> Value {
    list(items.iter().map(yaml))
}

/// Every setting written out, the §13 alternatives included (their keys are the loader's).
fn settings(settings: &v1::Settings) -> Value {
    let mut value = yaml(settings);
    if settings.hierarchy.is_none()
        && let Value::Mapping(m) = &mut value
    {
        put(m, "hierarchy", b(false));
    }
    value
}

fn table(t: &v1::Table) -> Value {
    let ownership = yaml(&t.ownership);
    if !t.auto_create_access_teams && t.secured_columns.is_empty() && !t.sensitive {
        return ownership;
    }
    let mut m = Mapping::new();
    put(&mut m, "ownership", ownership);
    if t.auto_create_access_teams {
        put(&mut m, "auto_create_access_teams", b(true));
    }
    if t.sensitive {
        put(&mut m, "sensitive", b(true));
    }
    if !t.secured_columns.is_empty() {
        put(&mut m, "secured_columns", strings(&t.secured_columns));
    }
    Value::Mapping(m)
}

fn relationship(r: &v1::Relationship) -> Value {
    let mut m = Mapping::new();
    match r {
        v1::Relationship::OneToMany {
            parent,
            child,
            lookup,
            cascade,
        } => {
            put(&mut m, "parent", s(parent));
            put(&mut m, "child", s(child));
            put(&mut m, "lookup", s(lookup));
            put(&mut m, "cascade", yaml(cascade));
        }
        v1::Relationship::ManyToMany { tables } => {
            put(&mut m, "type", s("many_to_many"));
            if let Some([a, c]) = tables {
                put(&mut m, "parent", s(a));
                put(&mut m, "child", s(c));
            }
        }
    }
    Value::Mapping(m)
}

fn role(r: &v1::Role) -> Value {
    let mut m = Mapping::new();
    put(&mut m, "bu", s(&r.bu));
    put(&mut m, "inheritance", yaml(&r.inheritance));
    let privileges = r
        .privileges
        .iter()
        .map(|(table, depths)| {
            let verbs = depths
                .entries()
                .into_iter()
                .filter_map(|(verb, depth)| Some((yaml(&verb), yaml(&depth?))))
                .collect();
            (s(table), Value::Mapping(verbs))
        })
        .collect();
    put(&mut m, "privileges", Value::Mapping(privileges));
    if !r.misc.is_empty() {
        put(&mut m, "misc", map(r.misc.iter(), yaml));
    }
    Value::Mapping(m)
}

fn role_refs(roles: &[v1::RoleRef]) -> Value {
    list(roles.iter().map(|r| match r.from_bu() {
        None => s(r.role()),
        Some(from) => {
            let mut m = Mapping::new();
            put(&mut m, "role", s(r.role()));
            put(&mut m, "from_bu", s(from));
            Value::Mapping(m)
        }
    }))
}

fn user(u: &v1::User) -> Value {
    let mut m = Mapping::new();
    put(&mut m, "bu", s(&u.bu));
    put(&mut m, "roles", role_refs(&u.roles));
    if let Some(manager) = &u.manager {
        put(&mut m, "manager", s(manager));
    }
    if let Some(position) = &u.position {
        put(&mut m, "position", s(position));
    }
    if !u.field_security_profiles.is_empty() {
        put(
            &mut m,
            "field_security_profiles",
            strings(&u.field_security_profiles),
        );
    }
    if !u.enabled {
        put(&mut m, "enabled", b(false));
    }
    Value::Mapping(m)
}

fn team(t: &v1::Team) -> Value {
    let mut m = Mapping::new();
    put(&mut m, "type", yaml(&t.kind));
    put(&mut m, "bu", s(&t.bu));
    if !t.members.is_empty() {
        put(&mut m, "members", strings(&t.members));
    }
    if !t.roles.is_empty() {
        put(&mut m, "roles", role_refs(&t.roles));
    }
    if let Some(kind) = &t.membership_type {
        put(&mut m, "membership_type", s(kind));
    }
    Value::Mapping(m)
}

fn profile(p: &v1::FieldSecurityProfile) -> Value {
    let mut m = Mapping::new();
    put(&mut m, "members", strings(&p.users));
    put(&mut m, "teams", strings(&p.teams));
    let permissions = p
        .permissions
        .iter()
        .flat_map(|(table, columns)| {
            columns.iter().map(move |(column, perm)| {
                let mut e = Mapping::new();
                put(&mut e, "read", b(perm.read));
                put(&mut e, "create", b(perm.create));
                put(&mut e, "update", b(perm.update));
                (s(&format!("{table}.{column}")), Value::Mapping(e))
            })
        })
        .collect();
    put(&mut m, "permissions", Value::Mapping(permissions));
    Value::Mapping(m)
}

fn write_data(m: &mut Mapping, data: &v1::Data) {
    let records = map(data.records.iter(), |r| {
        let mut e = Mapping::new();
        put(&mut e, "table", s(&r.table));
        if let Some(owner) = &r.owner {
            put(&mut e, "owner", s(owner));
        }
        if let Some(bu) = &r.owning_bu {
            put(&mut e, "owning_bu", s(bu));
        }
        if !r.parents.is_empty() {
            let parents = r
                .parents
                .iter()
                .map(|p| (s(&p.relationship), s(&p.record)))
                .collect();
            put(&mut e, "parent", Value::Mapping(parents));
        }
        if !r.values.is_empty() {
            put(&mut e, "values", map(r.values.iter(), |v| s(v)));
        }
        Value::Mapping(e)
    });
    put(m, "records", records);
    if !data.shares.is_empty() {
        let shares = data.shares.iter().map(|share| {
            let mut rights: Vec<v1::Verb> = share.rights.clone();
            for verb in &share.inherited {
                if !rights.contains(verb) {
                    rights.push(*verb);
                }
            }
            let mut e = Mapping::new();
            put(&mut e, "record", s(&share.record));
            put(&mut e, "principal", s(&share.principal));
            put(&mut e, "rights", verbs(&rights));
            Value::Mapping(e)
        });
        put(m, "shares", list(shares));
    }
    if !data.column_shares.is_empty() {
        let shares = data.column_shares.iter().map(|share| {
            let mut e = Mapping::new();
            put(&mut e, "record", s(&share.record));
            put(&mut e, "column", s(&share.column));
            put(&mut e, "principal", s(&share.principal));
            put(&mut e, "readaccess", b(share.read));
            put(&mut e, "updateaccess", b(share.update));
            Value::Mapping(e)
        });
        put(m, "column_shares", list(shares));
    }
}

/// A scenario id (and file name stem) from a display name: ASCII letters and digits in lower
/// case, every other run as one `-`; `rampart-model` when nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "rampart-model".to_string()
    } else {
        out
    }
}
