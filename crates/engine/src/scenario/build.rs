//! Turns a (merged) scenario document into a [`Model`] and a [`Dataset`].

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml_ng::Value;

use super::yaml::{YamlIssue, as_flag, entries, field, flag, list, scalar, text, text_list};
use crate::data::{ColumnShare, Dataset, Record, Values};
use crate::model::*;

/// Collects problems while building; fatal ones end the build.
#[derive(Default)]
struct Problems {
    errors: Vec<YamlIssue>,
    warnings: Vec<YamlIssue>,
    /// Once the BU tree stands, reference problems are kept as warnings and the thing that
    /// refers is left out, so one bad line does not cost every other check of the file.
    lenient: bool,
}

impl Problems {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let issue = YamlIssue {
            path: path.into(),
            message: message.into(),
            error: true,
        };
        if self.lenient {
            self.warnings.push(issue);
        } else {
            self.errors.push(issue);
        }
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(YamlIssue {
            path: path.into(),
            message: message.into(),
            error: false,
        });
    }
}

pub use crate::model::predefined::PREDEFINED_ROLES;

/// Id of the implicit System Administrator user of the scenario format.
pub const ADMIN_USER: &str = "admin";

/// Builds the model and dataset of a merged scenario document.
pub fn build(doc: &Value) -> Result<(Model, Dataset, Vec<YamlIssue>), Vec<YamlIssue>> {
    let mut p = Problems::default();
    let mut model = Model {
        name: text(doc, "title")
            .or_else(|| text(doc, "id"))
            .unwrap_or_default(),
        ..Model::default()
    };
    for (k, v) in field(doc, "names").map(entries).unwrap_or_default() {
        if let Some(v) = scalar(v) {
            model.display_names.insert(k, v);
        }
    }
    if let Some(settings) = field(doc, "settings") {
        apply_settings(&mut model.settings, settings, &mut p);
    }
    build_bus(&mut model, doc, &mut p);
    if !p.errors.is_empty() {
        return Err(p.errors);
    }
    p.lenient = true;
    build_tables(&mut model, doc, &mut p);
    build_roles(&mut model, doc, &mut p);
    build_positions(&mut model, doc, &mut p);
    build_users_and_teams(&mut model, doc, &mut p);
    build_templates_and_profiles(&mut model, doc, &mut p);
    build_relationships(&mut model, doc, &mut p);
    let data = build_data(&mut model, doc, &mut p);
    // Predefined roles get their §12 privileges over the tables now known; what the document
    // declares for them comes on top (and shows up as an edit, L015).
    for i in 0..model.roles.len() {
        if model.roles[i].predefined.is_some() {
            let shipped =
                crate::model::predefined::predefined_privileges(&model, &model.roles[i].name);
            let role = &mut model.roles[i];
            for (set, depths) in shipped {
                let merged = role.privileges.entry(set).or_default();
                for verb in Verb::ALL {
                    if merged.get(verb) < depths.get(verb) {
                        merged.set(verb, depths.get(verb));
                    }
                }
            }
        }
    }
    if p.errors.is_empty() {
        Ok((model, data, p.warnings))
    } else {
        Err(p.errors)
    }
}

/// Applies a `settings` map (FORMAT.md, plus the §13 alternatives by their snake_case names).
pub fn apply_settings(settings: &mut Settings, value: &Value, p_errors: &mut impl SettingsSink) {
    for (key, v) in entries(value) {
        let b = as_flag(v);
        match key.as_str() {
            "modernized_bu" => settings.modernized_bu = b.unwrap_or(false),
            "hierarchy" => match v {
                Value::Mapping(_) => {
                    let model = match text(v, "model").as_deref() {
                        Some("position") => HierarchyModel::Position,
                        _ => HierarchyModel::Manager,
                    };
                    let depth = text(v, "depth").and_then(|d| d.parse().ok()).unwrap_or(3);
                    let tables = field(v, "tables").map(|_| text_list(v, "tables"));
                    settings.hierarchy = Some(Hierarchy {
                        model,
                        depth,
                        tables,
                    });
                }
                _ => {
                    if b == Some(false) || v.is_null() {
                        settings.hierarchy = None;
                    } else {
                        p_errors.setting(&key, "expected a map {model, depth, tables} or false");
                    }
                }
            },
            "ShareToPreviousOwnerOnAssign" => {
                settings.share_to_previous_owner_on_assign = b.unwrap_or(true)
            }
            "AlwaysMoveRecordToOwnerBusinessUnit" => {
                settings.always_move_record_to_owner_bu = b.unwrap_or(true)
            }
            "RecomputeOwnershipAcrossBusinessUnits" => settings.recompute_ownership_across_bus = b,
            "ManagersMustBeInSameOrParentBusinessUnitAsReports" => {
                settings.managers_must_be_in_same_or_parent_bu = b.unwrap_or(true)
            }
            "DoNotRemoveRolesOnChangeBusinessUnit" => {
                settings.do_not_remove_roles_on_change_bu = b.unwrap_or(false)
            }
            "AssertOwnershipAppendToAccess" => {
                settings.assert_ownership_append_to_access = b.unwrap_or(false)
            }
            "hierarchy_minimum_depth" => {
                settings.hierarchy_minimum_depth = match scalar(v).as_deref() {
                    Some("bu") | Some("business_unit") => HierarchyMinimumDepth::BusinessUnit,
                    _ => HierarchyMinimumDepth::User,
                }
            }
            "hierarchy_write_non_direct" => {
                settings.hierarchy_write_non_direct = b.unwrap_or(false)
            }
            "manager_bu_scope" => {
                settings.manager_bu_scope = match scalar(v).as_deref() {
                    Some("any_ancestor") => ManagerBuScope::AnyAncestor,
                    _ => ManagerBuScope::ImmediateParent,
                }
            }
            "team_only_roles_allow_shared_access" => {
                settings.team_only_roles_allow_shared_access = b.unwrap_or(true)
            }
            "many_to_many_rule" => {
                settings.many_to_many_rule = match scalar(v).as_deref() {
                    Some("append_and_appendto") => ManyToManyRule::AppendAndAppendTo,
                    _ => ManyToManyRule::AppendOnBoth,
                }
            }
            "basic_includes_org_shares" => settings.basic_includes_org_shares = b.unwrap_or(true),
            _ => p_errors.unknown_setting(&key),
        }
    }
}

/// Where [`apply_settings`] reports problems.
pub trait SettingsSink {
    /// A setting with a bad value.
    fn setting(&mut self, key: &str, message: &str);
    /// A setting this engine does not know.
    fn unknown_setting(&mut self, key: &str);
}

impl SettingsSink for Problems {
    fn setting(&mut self, key: &str, message: &str) {
        self.error(format!("settings.{key}"), message);
    }
    fn unknown_setting(&mut self, key: &str) {
        self.warn(
            format!("settings.{key}"),
            format!("unknown setting `{key}` ignored"),
        );
    }
}

/// A sink that ignores problems (for per-check variants, already reported at load).
pub struct IgnoreSettings;

impl SettingsSink for IgnoreSettings {
    fn setting(&mut self, _: &str, _: &str) {}
    fn unknown_setting(&mut self, _: &str) {}
}

fn build_bus(model: &mut Model, doc: &Value, p: &mut Problems) {
    let bus = field(doc, "business_units")
        .map(entries)
        .unwrap_or_default();
    if bus.is_empty() {
        p.error(
            "business_units",
            "no business units: a model needs its root business unit (BU-1)",
        );
        return;
    }
    for (name, _) in &bus {
        model.bus.push(BusinessUnit {
            name: name.clone(),
            parent: None,
        });
    }
    let index = model.name_index();
    let mut roots = Vec::new();
    for (i, (name, parent)) in bus.iter().enumerate() {
        match scalar(parent) {
            None => roots.push(name.clone()),
            Some(parent_name) => match index.bus.get(&parent_name) {
                Some(id) => model.bus[i].parent = Some(*id),
                None => p.error(
                    format!("business_units.{name}"),
                    format!("unknown parent business unit `{parent_name}`"),
                ),
            },
        }
    }
    if roots.len() != 1 {
        p.error(
            "business_units",
            format!(
                "exactly one root business unit expected (BU-1), found {}: {}",
                roots.len(),
                roots.join(", ")
            ),
        );
    }
    for (i, bu) in model.bus.iter().enumerate() {
        let mut seen = vec![i];
        let mut current = bu.parent;
        while let Some(c) = current {
            if seen.contains(&c.index()) {
                let names: Vec<&str> = seen.iter().map(|s| model.bus[*s].name.as_str()).collect();
                p.error(
                    format!("business_units.{}", bu.name),
                    format!(
                        "cycle in business units `{} → {}`",
                        names.join(" → "),
                        model.bus[c.index()].name
                    ),
                );
                break;
            }
            seen.push(c.index());
            current = model.bus[c.index()].parent;
        }
    }
}

fn parse_ownership(token: &str) -> Option<Ownership> {
    Some(match token {
        "user_or_team" | "user" | "team" => Ownership::UserOrTeam,
        "organization" | "org" => Ownership::Organization,
        "business_owned" | "business" => Ownership::BusinessOwned,
        "activity" => Ownership::Activity,
        "custom_activity" => Ownership::CustomActivity,
        _ => return None,
    })
}

fn add_table(model: &mut Model, name: &str, ownership: Ownership) -> TableId {
    model.tables.push(Table {
        name: name.to_string(),
        ownership,
        auto_create_access_teams: false,
        secured_columns: BTreeSet::new(),
        sensitive: false,
    });
    TableId::from_index(model.tables.len() - 1)
}

fn build_tables(model: &mut Model, doc: &Value, p: &mut Problems) {
    for (name, v) in field(doc, "tables").map(entries).unwrap_or_default() {
        let (token, auto, sensitive) = match v {
            Value::Mapping(_) => (
                text(v, "ownership"),
                flag(v, "auto_create_access_teams").unwrap_or(false),
                flag(v, "sensitive").unwrap_or(false),
            ),
            other => (scalar(other), false, false),
        };
        let ownership = match token.as_deref().map(parse_ownership) {
            Some(Some(o)) => o,
            Some(None) | None => {
                p.error(
                    format!("tables.{name}"),
                    format!("unknown ownership `{}`", token.unwrap_or_default()),
                );
                Ownership::UserOrTeam
            }
        };
        let id = add_table(model, &name, ownership);
        model.tables[id.index()].auto_create_access_teams = auto;
        model.tables[id.index()].sensitive = sensitive;
        if let Value::Mapping(_) = v {
            for column in text_list(v, "secured_columns") {
                model.tables[id.index()].secured_columns.insert(column);
            }
        }
    }
    for (i, item) in list(doc, "secured_columns").into_iter().enumerate() {
        let Some(qualified) = scalar(item) else {
            continue;
        };
        match qualified.split_once('.') {
            Some((table, column)) => {
                let id = table_or_warn(model, table, &format!("secured_columns[{i}]"), p);
                model.tables[id.index()]
                    .secured_columns
                    .insert(column.to_string());
            }
            None => p.error(
                format!("secured_columns[{i}]"),
                format!("expected `table.column`, found `{qualified}`"),
            ),
        }
    }
}

/// A table by name; an undeclared one is added as user-or-team owned, with a warning.
fn table_or_warn(model: &mut Model, name: &str, path: &str, p: &mut Problems) -> TableId {
    if let Some(i) = model.tables.iter().position(|t| t.name == name) {
        return TableId::from_index(i);
    }
    p.warn(
        path,
        format!("table `{name}` is not declared; taken as user_or_team"),
    );
    add_table(model, name, Ownership::UserOrTeam)
}

fn build_roles(model: &mut Model, doc: &Value, p: &mut Problems) {
    let root = model.root_bu();
    let index = model.name_index();
    for (name, v) in field(doc, "roles").map(entries).unwrap_or_default() {
        let path = format!("roles.{name}");
        let inheritance = match text(v, "inheritance").as_deref() {
            None | Some("direct") => Inheritance::Direct,
            Some("team_only") | Some("team") => Inheritance::TeamOnly,
            Some(other) => {
                p.error(
                    format!("{path}.inheritance"),
                    format!("unknown inheritance `{other}` (direct or team_only)"),
                );
                Inheritance::Direct
            }
        };
        let bu = match text(v, "bu") {
            Some(b) => index.bus.get(&b).copied().unwrap_or_else(|| {
                p.error(format!("{path}.bu"), format!("unknown business unit `{b}`"));
                root
            }),
            None => root,
        };
        let mut privileges: BTreeMap<PrivSet, VerbDepths> = BTreeMap::new();
        for (table, verbs) in field(v, "privileges").map(entries).unwrap_or_default() {
            let set = if table == "activity" {
                PrivSet::Activity
            } else {
                let id = table_or_warn(model, &table, &format!("{path}.privileges.{table}"), p);
                if model.tables[id.index()].ownership.is_activity() {
                    p.warn(
                        format!("{path}.privileges.{table}"),
                        "activity tables share the one Activity privilege set (ACT-1)",
                    );
                    PrivSet::Activity
                } else {
                    PrivSet::Table(id)
                }
            };
            let depths = privileges.entry(set).or_default();
            for (verb, depth) in entries(verbs) {
                let vpath = format!("{path}.privileges.{table}.{verb}");
                let Some(verb) = Verb::parse(&verb) else {
                    p.error(vpath, format!("unknown privilege `{verb}`"));
                    continue;
                };
                match scalar(depth).as_deref().and_then(Depth::parse) {
                    Some(d) => depths.set(verb, d.max(depths.get(verb))),
                    None => p.error(
                        vpath,
                        format!("unknown depth `{}`", scalar(depth).unwrap_or_default()),
                    ),
                }
            }
        }
        let mut misc = BTreeMap::new();
        for (prv, depth) in field(v, "misc").map(entries).unwrap_or_default() {
            match scalar(depth).as_deref().and_then(Depth::parse) {
                Some(d) => {
                    misc.insert(prv, d);
                }
                None => p.error(format!("{path}.misc.{prv}"), "unknown depth"),
            }
        }
        let predefined =
            PREDEFINED_ROLES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(n, assignable)| {
                    if *n == "SystemAdministrator" {
                        Predefined::SystemAdministrator
                    } else {
                        Predefined::Other {
                            assignable: *assignable,
                        }
                    }
                });
        model.roles.push(Role {
            name,
            bu,
            inheritance,
            privileges,
            misc,
            predefined,
        });
    }
    for (name, assignable) in PREDEFINED_ROLES {
        if !model.roles.iter().any(|r| r.name == *name) {
            let predefined = if *name == "SystemAdministrator" {
                Predefined::SystemAdministrator
            } else {
                Predefined::Other {
                    assignable: *assignable,
                }
            };
            model.roles.push(Role {
                name: (*name).to_string(),
                bu: root,
                inheritance: Inheritance::Direct,
                privileges: BTreeMap::new(),
                misc: BTreeMap::new(),
                predefined: Some(predefined),
            });
        }
    }
}

fn build_positions(model: &mut Model, doc: &Value, p: &mut Problems) {
    let positions = field(doc, "positions").map(entries).unwrap_or_default();
    for (name, _) in &positions {
        model.positions.push(Position {
            name: name.clone(),
            parent: None,
        });
    }
    let index = model.name_index();
    for (i, (name, parent)) in positions.iter().enumerate() {
        if let Some(parent) = scalar(parent) {
            match index.positions.get(&parent) {
                Some(id) => model.positions[i].parent = Some(*id),
                None => p.error(
                    format!("positions.{name}"),
                    format!("unknown parent position `{parent}`"),
                ),
            }
        }
    }
}

fn role_assignment(
    model: &Model,
    index: &NameIndex,
    v: &Value,
    path: &str,
    p: &mut Problems,
) -> Option<RoleAssignment> {
    let (role, from) = match v {
        Value::Mapping(_) => (text(v, "role"), text(v, "from_bu")),
        other => (scalar(other), None),
    };
    let role_name = role?;
    let Some(role) = index.roles.get(&role_name).copied() else {
        p.error(path, format!("unknown role `{role_name}`"));
        return None;
    };
    let from_bu = match from {
        Some(b) => match index.bus.get(&b) {
            Some(id) => Some(*id),
            None => {
                p.error(path, format!("unknown business unit `{b}`"));
                None
            }
        },
        None => None,
    };
    let _ = model;
    Some(RoleAssignment { role, from_bu })
}

fn build_users_and_teams(model: &mut Model, doc: &Value, p: &mut Problems) {
    let root = model.root_bu();
    let users = field(doc, "users").map(entries).unwrap_or_default();
    for (name, v) in &users {
        let bu = text(v, "bu");
        let bu = match bu {
            Some(b) => model.name_index().bus.get(&b).copied().unwrap_or_else(|| {
                p.error(
                    format!("users.{name}.bu"),
                    format!("unknown business unit `{b}`"),
                );
                root
            }),
            None => root, // BU-3: new users start in the root BU.
        };
        model.users.push(User {
            name: name.clone(),
            bu,
            roles: Vec::new(),
            manager: None,
            position: None,
            field_profiles: Vec::new(),
            enabled: flag(v, "enabled").unwrap_or(true) && !flag(v, "disabled").unwrap_or(false),
        });
    }
    if !model.users.iter().any(|u| u.name == ADMIN_USER) {
        let sysadmin = model
            .roles
            .iter()
            .position(|r| r.is_system_administrator())
            .map(RoleId::from_index);
        model.users.push(User {
            name: ADMIN_USER.to_string(),
            bu: root,
            roles: sysadmin
                .map(|role| RoleAssignment {
                    role,
                    from_bu: None,
                })
                .into_iter()
                .collect(),
            manager: None,
            position: None,
            field_profiles: Vec::new(),
            enabled: true,
        });
    }
    // Teams are created before user details so that nothing refers forward.
    let teams = field(doc, "teams").map(entries).unwrap_or_default();
    for (name, v) in &teams {
        let kind = match text(v, "type").as_deref() {
            None | Some("owner") => TeamKind::Owner,
            Some("access") => TeamKind::Access,
            Some("default") => TeamKind::Default,
            Some("entra_security_group") | Some("aad_security_group") | Some("security_group") => {
                TeamKind::EntraSecurityGroup
            }
            Some("entra_office_group") | Some("office_group") | Some("aad_office_group") => {
                TeamKind::EntraOfficeGroup
            }
            Some(other) => {
                p.error(
                    format!("teams.{name}.type"),
                    format!("unknown team type `{other}`"),
                );
                TeamKind::Owner
            }
        };
        let bu = match text(v, "bu") {
            Some(b) => model.name_index().bus.get(&b).copied().unwrap_or_else(|| {
                p.error(
                    format!("teams.{name}.bu"),
                    format!("unknown business unit `{b}`"),
                );
                root
            }),
            None => root,
        };
        model.teams.push(Team {
            name: name.clone(),
            kind,
            bu,
            members: Vec::new(),
            roles: Vec::new(),
            membership_type: text(v, "membership_type"),
            record_team: None,
        });
    }
    // BU-4: every BU has a default team.
    for (i, bu) in model.bus.clone().iter().enumerate() {
        let bu_id = BuId::from_index(i);
        if !model
            .teams
            .iter()
            .any(|t| t.kind == TeamKind::Default && t.bu == bu_id)
        {
            model.teams.push(Team {
                name: bu.name.clone(),
                kind: TeamKind::Default,
                bu: bu_id,
                members: Vec::new(),
                roles: Vec::new(),
                membership_type: None,
                record_team: None,
            });
        }
    }
    let index = model.name_index();
    for (name, v) in &users {
        let Some(&id) = index.users.get(name) else {
            continue;
        };
        let path = format!("users.{name}");
        let roles: Vec<RoleAssignment> = list(v, "roles")
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| {
                role_assignment(model, &index, r, &format!("{path}.roles[{i}]"), p)
            })
            .collect();
        let manager = text(v, "manager").and_then(|m| {
            let found = index.users.get(&m).copied();
            if found.is_none() {
                p.error(format!("{path}.manager"), format!("unknown user `{m}`"));
            }
            found
        });
        let position = text(v, "position").and_then(|m| {
            let found = index.positions.get(&m).copied();
            if found.is_none() {
                p.error(
                    format!("{path}.position"),
                    format!("unknown position `{m}`"),
                );
            }
            found
        });
        let u = &mut model.users[id.index()];
        u.roles = roles;
        u.manager = manager;
        u.position = position;
    }
    for (name, v) in &teams {
        let Some(&id) = index.teams.get(name) else {
            continue;
        };
        let path = format!("teams.{name}");
        let mut members = Vec::new();
        for (i, m) in text_list(v, "members").into_iter().enumerate() {
            match index.users.get(&m) {
                Some(u) => members.push(*u),
                None => p.error(
                    format!("{path}.members[{i}]"),
                    format!("unknown user `{m}`"),
                ),
            }
        }
        if let Some(entra) = field(v, "entra_members") {
            let wanted = match model.teams[id.index()]
                .membership_type
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                // TEAM-3: the membership type fixed at creation picks which Entra group
                // members become team members; "Members and guests" is the default.
                Some("owners") => vec!["owner"],
                Some("guests") => vec!["guest"],
                Some("members") => vec!["member"],
                _ => vec!["member", "guest"],
            };
            let candidates: Vec<(String, String)> = match entra {
                Value::Sequence(items) => items
                    .iter()
                    .filter_map(scalar)
                    .map(|u| (u, "member".to_string()))
                    .collect(),
                Value::Mapping(_) => entries(entra)
                    .into_iter()
                    .map(|(u, k)| (u, scalar(k).unwrap_or_else(|| "member".into())))
                    .collect(),
                other => scalar(other)
                    .map(|u| (u, "member".to_string()))
                    .into_iter()
                    .collect(),
            };
            for (user, kind) in candidates {
                match index.users.get(&user) {
                    Some(u)
                        if wanted.contains(&kind.to_ascii_lowercase().trim_end_matches('s')) =>
                    {
                        members.push(*u)
                    }
                    Some(_) => {}
                    None => p.error(
                        format!("{path}.entra_members"),
                        format!("unknown user `{user}`"),
                    ),
                }
            }
        }
        let roles: Vec<RoleAssignment> = list(v, "roles")
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| {
                role_assignment(model, &index, r, &format!("{path}.roles[{i}]"), p)
            })
            .collect();
        if !roles.is_empty() && !model.teams[id.index()].kind.holds_roles() {
            p.error(
                format!("{path}.roles"),
                "access teams cannot hold security roles (TEAM-4)",
            );
        }
        let t = &mut model.teams[id.index()];
        t.members = members;
        t.roles = roles;
    }
}

fn build_templates_and_profiles(model: &mut Model, doc: &Value, p: &mut Problems) {
    for (name, v) in field(doc, "team_templates")
        .map(entries)
        .unwrap_or_default()
    {
        let path = format!("team_templates.{name}");
        let table = match text(v, "table") {
            Some(t) => table_or_warn(model, &t, &format!("{path}.table"), p),
            None => {
                p.error(format!("{path}.table"), "missing table");
                continue;
            }
        };
        let rights = parse_rights(&text_list(v, "rights"), &format!("{path}.rights"), p);
        model.templates.push(TeamTemplate {
            name,
            table,
            rights,
        });
    }
    for (name, v) in field(doc, "field_security_profiles")
        .map(entries)
        .unwrap_or_default()
    {
        let path = format!("field_security_profiles.{name}");
        let index = model.name_index();
        let users = text_list(v, "members")
            .into_iter()
            .filter_map(|u| {
                let found = index.users.get(&u).copied();
                if found.is_none() {
                    p.error(format!("{path}.members"), format!("unknown user `{u}`"));
                }
                found
            })
            .collect();
        let teams = text_list(v, "teams")
            .into_iter()
            .filter_map(|t| {
                let found = index.teams.get(&t).copied();
                if found.is_none() {
                    p.error(format!("{path}.teams"), format!("unknown team `{t}`"));
                }
                found
            })
            .collect();
        let mut permissions = BTreeMap::new();
        for (qualified, perm) in field(v, "permissions").map(entries).unwrap_or_default() {
            let Some((table, column)) = qualified.split_once('.') else {
                p.error(
                    format!("{path}.permissions.{qualified}"),
                    "expected `table.column`",
                );
                continue;
            };
            let table_id =
                table_or_warn(model, table, &format!("{path}.permissions.{qualified}"), p);
            let permission = ColumnPermission {
                read: flag(perm, "read").unwrap_or(false),
                create: flag(perm, "create").unwrap_or(false),
                update: flag(perm, "update").unwrap_or(false),
            };
            permissions.insert((table_id, column.to_string()), permission);
        }
        model.field_profiles.push(FieldProfile {
            name,
            users,
            teams,
            permissions,
        });
    }
    let index = model.name_index();
    for (name, v) in field(doc, "users").map(entries).unwrap_or_default() {
        let Some(&id) = index.users.get(&name) else {
            continue;
        };
        for profile in text_list(v, "field_security_profiles") {
            match index.field_profiles.get(&profile) {
                Some(fp) => model.users[id.index()].field_profiles.push(*fp),
                None => p.error(
                    format!("users.{name}.field_security_profiles"),
                    format!("unknown profile `{profile}`"),
                ),
            }
        }
    }
}

/// Parses rights tokens (SHARE-1, §0.3).
fn parse_rights(tokens: &[String], path: &str, p: &mut Problems) -> Rights {
    let mut rights = Rights::NONE;
    for token in tokens {
        let normal = token
            .to_ascii_lowercase()
            .replace(['_', ' '], "")
            .replace("access", "");
        match Verb::parse(&normal) {
            Some(v) => rights = rights.union(Rights::of(v)),
            None if normal == "all" => rights = Rights::INHERITED,
            None => p.error(path, format!("unknown right `{token}`")),
        }
    }
    rights
}

fn parse_cascade(token: &str) -> Cascade {
    match token
        .to_ascii_lowercase()
        .replace(['_', ' ', '-'], "")
        .as_str()
    {
        "cascade" | "cascadeall" | "all" => Cascade::All,
        "active" | "cascadeactive" => Cascade::Active,
        "userowned" | "cascadeuserowned" | "owner" => Cascade::UserOwned,
        "removelink" => Cascade::RemoveLink,
        "restrict" => Cascade::Restrict,
        _ => Cascade::None,
    }
}

fn build_relationships(model: &mut Model, doc: &Value, p: &mut Problems) {
    for (name, v) in field(doc, "relationships").map(entries).unwrap_or_default() {
        let path = format!("relationships.{name}");
        let kind = if text(v, "type").as_deref() == Some("many_to_many") {
            let tables = match (
                text(v, "parent").or_else(|| text(v, "table1")),
                text(v, "child").or_else(|| text(v, "table2")),
            ) {
                (Some(a), Some(b)) => Some((
                    table_or_warn(model, &a, &path, p),
                    table_or_warn(model, &b, &path, p),
                )),
                _ => None,
            };
            RelationshipKind::ManyToMany { tables }
        } else {
            let (Some(parent), Some(child)) = (text(v, "parent"), text(v, "child")) else {
                p.error(path, "a 1:N relationship needs `parent` and `child`");
                continue;
            };
            let parent = table_or_warn(model, &parent, &format!("{path}.parent"), p);
            let child = table_or_warn(model, &child, &format!("{path}.child"), p);
            let mut cascade = CascadeConfig::default();
            for (action, value) in field(v, "cascade").map(entries).unwrap_or_default() {
                let c = parse_cascade(&scalar(value).unwrap_or_default());
                match action.as_str() {
                    "assign" => cascade.assign = c,
                    "share" => cascade.share = c,
                    "unshare" => cascade.unshare = c,
                    "reparent" => cascade.reparent = c,
                    "delete" => cascade.delete = c,
                    "merge" => cascade.merge = c,
                    _ => p.warn(
                        format!("{path}.cascade.{action}"),
                        "unknown cascade action ignored",
                    ),
                }
            }
            RelationshipKind::OneToMany {
                parent,
                child,
                lookup: text(v, "lookup").unwrap_or_default(),
                cascade,
            }
        };
        model.relationships.push(Relationship { name, kind });
    }
}

fn build_data(model: &mut Model, doc: &Value, p: &mut Problems) -> Dataset {
    let mut data = Dataset::default();
    let records = field(doc, "records").map(entries).unwrap_or_default();
    for (name, v) in &records {
        let table = match text(v, "table") {
            Some(t) => table_or_warn(model, &t, &format!("records.{name}.table"), p),
            None => {
                p.error(format!("records.{name}.table"), "missing table");
                continue;
            }
        };
        data.records.push(Record {
            name: name.as_str().into(),
            table,
            owner: None,
            owning_bu: None,
            parents: crate::data::Parents::None,
            values: Values::new(),
        });
    }
    let index = model.name_index();
    let record_index = data.name_index();
    for (name, v) in &records {
        let Some(&id) = record_index.get(name) else {
            continue;
        };
        let path = format!("records.{name}");
        let table = data.records[id.index()].table;
        let ownership = model.tables[table.index()].ownership;
        let owner = text(v, "owner").and_then(|o| {
            let found = index
                .principal(&o)
                .filter(|p| *p != Principal::Organization);
            if found.is_none() {
                p.error(format!("{path}.owner"), format!("unknown owner `{o}`"));
            }
            found
        });
        let owner = if ownership.has_owner() {
            owner.or_else(|| {
                p.warn(format!("{path}.owner"), "no owner given; `admin` owns it");
                index.users.get(ADMIN_USER).map(|u| Principal::User(*u))
            })
        } else {
            None
        };
        let owning_bu = match text(v, "owning_bu") {
            Some(b) => match index.bus.get(&b) {
                Some(id) => Some(*id),
                None => {
                    p.error(
                        format!("{path}.owning_bu"),
                        format!("unknown business unit `{b}`"),
                    );
                    None
                }
            },
            None => match ownership {
                Ownership::Organization => None,
                Ownership::BusinessOwned => Some(
                    index
                        .bus
                        .get(name)
                        .copied()
                        .unwrap_or_else(|| model.root_bu()),
                ),
                _ => owner.and_then(|o| model.principal_bu(o)), // BU-7
            },
        };
        let mut parents = crate::data::Parents::None;
        for (key, target) in field(v, "parent").map(entries).unwrap_or_default() {
            let Some(target_name) = scalar(target) else {
                continue;
            };
            let Some(&target_id) = record_index.get(&target_name) else {
                p.error(
                    format!("{path}.parent.{key}"),
                    format!("unknown record `{target_name}`"),
                );
                continue;
            };
            let target_table = data.records[target_id.index()].table;
            let rel = index
                .relationships
                .get(&key)
                .copied()
                .or_else(|| model.lookup_relationship(table, target_table, &key));
            match rel {
                Some(rel) => parents.push((rel, target_id)),
                None => p.error(
                    format!("{path}.parent.{key}"),
                    format!("unknown relationship `{key}`"),
                ),
            }
        }
        let values = field(v, "values")
            .map(entries)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(k, v)| Some((k, scalar(v)?)))
            .collect();
        let rec = &mut data.records[id.index()];
        rec.owner = owner;
        rec.owning_bu = owning_bu;
        rec.parents = parents;
        rec.values = values;
    }
    for (i, share) in list(doc, "shares").into_iter().enumerate() {
        let path = format!("shares[{i}]");
        let record = text(share, "record").and_then(|r| record_index.get(&r).copied());
        let principal = text(share, "principal").and_then(|x| index.principal(&x));
        let rights = parse_rights(&text_list(share, "rights"), &format!("{path}.rights"), p);
        match (record, principal) {
            (Some(r), Some(pr)) => data.grant(r, pr, rights),
            _ => p.error(path, "share names an unknown record or principal"),
        }
    }
    for (i, share) in list(doc, "column_shares").into_iter().enumerate() {
        let path = format!("column_shares[{i}]");
        let record = text(share, "record").and_then(|r| record_index.get(&r).copied());
        let principal = text(share, "principal").and_then(|x| index.principal(&x));
        match (record, principal, text(share, "column")) {
            (Some(record), Some(principal), Some(column)) => data.column_shares.push(ColumnShare {
                record,
                column,
                principal,
                read: flag(share, "readaccess")
                    .or_else(|| flag(share, "read"))
                    .unwrap_or(false),
                update: flag(share, "updateaccess")
                    .or_else(|| flag(share, "update"))
                    .unwrap_or(false),
            }),
            _ => p.error(
                path,
                "column share names an unknown record, principal or column",
            ),
        }
    }
    data
}
