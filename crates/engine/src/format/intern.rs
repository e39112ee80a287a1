//! Wire document → model ([`from_wire`]): string ids become typed ids; every reference that
//! names nothing becomes an issue and is left out of the model.

use std::collections::{BTreeMap, HashMap};

use super::v1;
use crate::data::{ColumnShare, Dataset, Record, Share};
use crate::model::{self, *};
use crate::validate::{Issue, IssueCode, did_you_mean, key};

/// The model (and data, when the document has a `data` section) of a wire document, with the
/// reference problems found on the way: duplicate ids and ids that name nothing. An object whose
/// required reference is unknown is left out, or falls back to the root business unit for an
/// unknown `bu`; an unknown optional reference is dropped.
pub fn from_wire(doc: &v1::Document) -> (Model, Option<Dataset>, Vec<Issue>) {
    let mut interner = Interner::default();
    interner.duplicates(doc);
    interner.model.name = doc.name.clone();
    interner.model.settings = settings(&doc.settings);
    interner.model.display_names = doc.display_names.clone();
    interner.bus(doc);
    interner.tables(doc);
    interner.positions(doc);
    interner.roles(doc);
    interner.users(doc);
    interner.teams(doc);
    interner.templates(doc);
    interner.profiles(doc);
    interner.user_links(doc);
    interner.relationships(doc);
    let data = doc.data.as_ref().map(|data| interner.data(data));
    interner.record_teams(doc, data.as_ref());
    (interner.model, data, interner.issues)
}

#[derive(Default)]
struct Interner {
    model: Model,
    issues: Vec<Issue>,
    bus: HashMap<String, BuId>,
    users: HashMap<String, UserId>,
    teams: HashMap<String, TeamId>,
    roles: HashMap<String, RoleId>,
    tables: HashMap<String, TableId>,
    relationships: HashMap<String, RelationshipId>,
    positions: HashMap<String, PositionId>,
    templates: HashMap<String, TemplateId>,
    profiles: HashMap<String, FieldProfileId>,
    records: HashMap<String, RecordId>,
}

/// Looks `id` up in `map`; reports an unknown id with a did-you-mean help.
fn find<T: Copy>(
    map: &HashMap<String, T>,
    issues: &mut Vec<Issue>,
    path: String,
    noun: &str,
    id: &str,
) -> Option<T> {
    let found = map.get(id).copied();
    if found.is_none() {
        let mut candidates: Vec<&str> = map.keys().map(String::as_str).collect();
        candidates.sort_unstable();
        issues.push(
            Issue::error(
                IssueCode::UnknownReference,
                path,
                format!("unknown {noun} `{id}`"),
            )
            .with_optional_help(did_you_mean(id, candidates)),
        );
    }
    found
}

impl Interner {
    fn duplicates(&mut self, doc: &v1::Document) {
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
        for (section, ids) in sections {
            for id in ids {
                self.issues.push(
                    Issue::error(
                        IssueCode::DuplicateId,
                        format!("{section}.{}", key(id)),
                        format!("duplicate id `{id}` in `{section}`"),
                    )
                    .with_help("the first definition is used and the later ones are ignored; ids must be unique"),
                );
            }
        }
    }

    /// The BU for a required `bu` field: the named one, or the root with an issue.
    fn required_bu(&mut self, path: String, id: &str) -> Option<BuId> {
        find(&self.bus, &mut self.issues, path, "business unit", id)
            .or_else(|| (!self.model.bus.is_empty()).then(|| self.model.root_bu()))
    }

    fn bus(&mut self, doc: &v1::Document) {
        for (id, _) in doc.business_units.iter() {
            self.bus
                .insert(id.clone(), BuId::from_index(self.model.bus.len()));
            self.model.bus.push(BusinessUnit {
                name: id.clone(),
                parent: None,
            });
        }
        let root = doc
            .business_units
            .iter()
            .find(|(_, bu)| bu.parent.is_none())
            .and_then(|(id, _)| self.bus.get(id).copied());
        for (i, (id, bu)) in doc.business_units.iter().enumerate() {
            let Some(parent) = &bu.parent else { continue };
            let path = format!("business_units.{}.parent", key(id));
            let found = find(&self.bus, &mut self.issues, path, "business unit", parent);
            // An unknown parent hangs the unit under the root, so that one typo does not also
            // read as a second root.
            let parent = found.or(root.filter(|r| r.index() != i));
            if let Some(slot) = self.model.bus.get_mut(i) {
                slot.parent = parent;
            }
        }
    }

    fn tables(&mut self, doc: &v1::Document) {
        for (id, table) in doc.tables.iter() {
            self.tables
                .insert(id.clone(), TableId::from_index(self.model.tables.len()));
            self.model.tables.push(Table {
                name: id.clone(),
                ownership: ownership(table.ownership),
                auto_create_access_teams: table.auto_create_access_teams,
                secured_columns: table.secured_columns.clone(),
                sensitive: table.sensitive,
            });
        }
    }

    fn positions(&mut self, doc: &v1::Document) {
        for (id, _) in doc.positions.iter() {
            self.positions.insert(
                id.clone(),
                PositionId::from_index(self.model.positions.len()),
            );
            self.model.positions.push(Position {
                name: id.clone(),
                parent: None,
            });
        }
        for (i, (id, position)) in doc.positions.iter().enumerate() {
            let Some(parent) = &position.parent else {
                continue;
            };
            let path = format!("positions.{}.parent", key(id));
            let parent = find(&self.positions, &mut self.issues, path, "position", parent);
            if let Some(slot) = self.model.positions.get_mut(i) {
                slot.parent = parent;
            }
        }
    }

    fn roles(&mut self, doc: &v1::Document) {
        for (id, role) in doc.roles.iter() {
            let path = format!("roles.{}", key(id));
            let Some(bu) = self.required_bu(format!("{path}.bu"), &role.bu) else {
                continue;
            };
            let mut privileges = BTreeMap::new();
            for (table, depths) in &role.privileges {
                let set = if table == v1::ACTIVITY {
                    PrivSet::Activity
                } else {
                    let set_path = format!("{path}.privileges.{}", key(table));
                    match find(&self.tables, &mut self.issues, set_path, "table", table) {
                        Some(t) => PrivSet::Table(t),
                        None => continue,
                    }
                };
                let mut model_depths = VerbDepths::default();
                for (verb, depth) in depths.entries() {
                    if let Some(depth) = depth {
                        model_depths.set(verb_from_wire(verb), depth_from_wire(depth));
                    }
                }
                privileges.insert(set, model_depths);
            }
            self.roles
                .insert(id.clone(), RoleId::from_index(self.model.roles.len()));
            self.model.roles.push(Role {
                name: id.clone(),
                bu,
                inheritance: match role.inheritance {
                    v1::Inheritance::Direct => Inheritance::Direct,
                    v1::Inheritance::TeamOnly => Inheritance::TeamOnly,
                },
                privileges,
                misc: role
                    .misc
                    .iter()
                    .map(|(k, d)| (k.clone(), depth_from_wire(*d)))
                    .collect(),
                predefined: role.predefined.map(|p| match p {
                    v1::Predefined::SystemAdministrator => Predefined::SystemAdministrator,
                    v1::Predefined::Assignable => Predefined::Other { assignable: true },
                    v1::Predefined::NotAssignable => Predefined::Other { assignable: false },
                }),
            });
        }
    }

    fn role_assignments(&mut self, path: &str, roles: &[v1::RoleRef]) -> Vec<RoleAssignment> {
        let mut assignments = Vec::new();
        for (j, role_ref) in roles.iter().enumerate() {
            let role_path = format!("{path}.roles[{j}]");
            let Some(role) = find(
                &self.roles,
                &mut self.issues,
                role_path.clone(),
                "role",
                role_ref.role(),
            ) else {
                continue;
            };
            let from_bu = role_ref.from_bu().and_then(|b| {
                find(
                    &self.bus,
                    &mut self.issues,
                    format!("{role_path}.from_bu"),
                    "business unit",
                    b,
                )
            });
            if role_ref.from_bu().is_some() && from_bu.is_none() {
                continue;
            }
            assignments.push(RoleAssignment { role, from_bu });
        }
        assignments
    }

    fn users(&mut self, doc: &v1::Document) {
        for (id, user) in doc.users.iter() {
            let path = format!("users.{}", key(id));
            let Some(bu) = self.required_bu(format!("{path}.bu"), &user.bu) else {
                continue;
            };
            let roles = self.role_assignments(&path, &user.roles);
            self.users
                .insert(id.clone(), UserId::from_index(self.model.users.len()));
            self.model.users.push(User {
                name: id.clone(),
                bu,
                roles,
                manager: None,
                position: None,
                field_profiles: Vec::new(),
                enabled: user.enabled,
            });
        }
    }

    fn teams(&mut self, doc: &v1::Document) {
        for (id, team) in doc.teams.iter() {
            let path = format!("teams.{}", key(id));
            let Some(bu) = self.required_bu(format!("{path}.bu"), &team.bu) else {
                continue;
            };
            let members = team
                .members
                .iter()
                .enumerate()
                .filter_map(|(j, m)| {
                    find(
                        &self.users,
                        &mut self.issues,
                        format!("{path}.members[{j}]"),
                        "user",
                        m,
                    )
                })
                .collect();
            let roles = self.role_assignments(&path, &team.roles);
            self.teams
                .insert(id.clone(), TeamId::from_index(self.model.teams.len()));
            self.model.teams.push(Team {
                name: id.clone(),
                kind: team_kind(team.kind),
                bu,
                members,
                roles,
                membership_type: team.membership_type.clone(),
                record_team: None,
            });
        }
    }

    fn templates(&mut self, doc: &v1::Document) {
        for (id, template) in doc.team_templates.iter() {
            let path = format!("team_templates.{}.table", key(id));
            let Some(table) = find(
                &self.tables,
                &mut self.issues,
                path,
                "table",
                &template.table,
            ) else {
                continue;
            };
            self.templates.insert(
                id.clone(),
                TemplateId::from_index(self.model.templates.len()),
            );
            self.model.templates.push(TeamTemplate {
                name: id.clone(),
                table,
                rights: rights_from_wire(&template.rights),
            });
        }
    }

    fn profiles(&mut self, doc: &v1::Document) {
        for (id, profile) in doc.field_security_profiles.iter() {
            let path = format!("field_security_profiles.{}", key(id));
            let users = profile
                .users
                .iter()
                .enumerate()
                .filter_map(|(j, u)| {
                    find(
                        &self.users,
                        &mut self.issues,
                        format!("{path}.users[{j}]"),
                        "user",
                        u,
                    )
                })
                .collect();
            let teams = profile
                .teams
                .iter()
                .enumerate()
                .filter_map(|(j, t)| {
                    find(
                        &self.teams,
                        &mut self.issues,
                        format!("{path}.teams[{j}]"),
                        "team",
                        t,
                    )
                })
                .collect();
            let mut permissions = BTreeMap::new();
            for (table, columns) in &profile.permissions {
                let table_path = format!("{path}.permissions.{}", key(table));
                let Some(table_id) =
                    find(&self.tables, &mut self.issues, table_path, "table", table)
                else {
                    continue;
                };
                for (column, permission) in columns {
                    permissions.insert(
                        (table_id, column.clone()),
                        ColumnPermission {
                            read: permission.read,
                            create: permission.create,
                            update: permission.update,
                        },
                    );
                }
            }
            self.profiles.insert(
                id.clone(),
                FieldProfileId::from_index(self.model.field_profiles.len()),
            );
            self.model.field_profiles.push(FieldProfile {
                name: id.clone(),
                users,
                teams,
                permissions,
            });
        }
    }

    /// Managers, positions and column profiles of users (they refer to users and profiles).
    fn user_links(&mut self, doc: &v1::Document) {
        for (id, user) in doc.users.iter() {
            let Some(user_id) = self.users.get(id).copied() else {
                continue;
            };
            let path = format!("users.{}", key(id));
            let manager = user.manager.as_ref().and_then(|m| {
                find(
                    &self.users,
                    &mut self.issues,
                    format!("{path}.manager"),
                    "user",
                    m,
                )
            });
            let position = user.position.as_ref().and_then(|p| {
                find(
                    &self.positions,
                    &mut self.issues,
                    format!("{path}.position"),
                    "position",
                    p,
                )
            });
            let field_profiles = user
                .field_security_profiles
                .iter()
                .enumerate()
                .filter_map(|(j, p)| {
                    find(
                        &self.profiles,
                        &mut self.issues,
                        format!("{path}.field_security_profiles[{j}]"),
                        "column security profile",
                        p,
                    )
                })
                .collect();
            if let Some(slot) = self.model.users.get_mut(user_id.index()) {
                slot.manager = manager;
                slot.position = position;
                slot.field_profiles = field_profiles;
            }
        }
    }

    fn relationships(&mut self, doc: &v1::Document) {
        for (id, relationship) in doc.relationships.iter() {
            let path = format!("relationships.{}", key(id));
            let kind = match relationship {
                v1::Relationship::OneToMany {
                    parent,
                    child,
                    lookup,
                    cascade,
                } => {
                    let parent = find(
                        &self.tables,
                        &mut self.issues,
                        format!("{path}.parent"),
                        "table",
                        parent,
                    );
                    let child = find(
                        &self.tables,
                        &mut self.issues,
                        format!("{path}.child"),
                        "table",
                        child,
                    );
                    let (Some(parent), Some(child)) = (parent, child) else {
                        continue;
                    };
                    RelationshipKind::OneToMany {
                        parent,
                        child,
                        lookup: lookup.clone(),
                        cascade: CascadeConfig {
                            assign: cascade_from_wire(cascade.assign),
                            share: cascade_from_wire(cascade.share),
                            unshare: cascade_from_wire(cascade.unshare),
                            reparent: cascade_from_wire(cascade.reparent),
                            delete: cascade_from_wire(cascade.delete),
                            merge: cascade_from_wire(cascade.merge),
                        },
                    }
                }
                v1::Relationship::ManyToMany { tables } => {
                    let tables = match tables {
                        None => None,
                        Some([a, b]) => {
                            let a = find(
                                &self.tables,
                                &mut self.issues,
                                format!("{path}.tables[0]"),
                                "table",
                                a,
                            );
                            let b = find(
                                &self.tables,
                                &mut self.issues,
                                format!("{path}.tables[1]"),
                                "table",
                                b,
                            );
                            match (a, b) {
                                (Some(a), Some(b)) => Some((a, b)),
                                _ => continue,
                            }
                        }
                    };
                    RelationshipKind::ManyToMany { tables }
                }
            };
            self.relationships.insert(
                id.clone(),
                RelationshipId::from_index(self.model.relationships.len()),
            );
            self.model.relationships.push(Relationship {
                name: id.clone(),
                kind,
            });
        }
    }

    /// A principal id: a user, a team, or `ORG` when `organization_allowed`.
    fn principal(
        &mut self,
        path: String,
        id: &str,
        organization_allowed: bool,
    ) -> Option<Principal> {
        if id == v1::ORGANIZATION {
            if organization_allowed {
                return Some(Principal::Organization);
            }
            self.issues.push(
                Issue::error(
                    IssueCode::RecordOwner,
                    path,
                    format!("`{}` cannot own records", v1::ORGANIZATION),
                )
                .with_help("the organisation can receive shares but not own records; give a user or team (EVAL-6)"),
            );
            return None;
        }
        if let Some(user) = self.users.get(id) {
            return Some(Principal::User(*user));
        }
        if let Some(team) = self.teams.get(id) {
            return Some(Principal::Team(*team));
        }
        let mut candidates: Vec<&str> = self
            .users
            .keys()
            .chain(self.teams.keys())
            .map(String::as_str)
            .collect();
        candidates.sort_unstable();
        self.issues.push(
            Issue::error(
                IssueCode::UnknownReference,
                path,
                format!("unknown user or team `{id}`"),
            )
            .with_optional_help(did_you_mean(id, candidates)),
        );
        None
    }

    fn data(&mut self, wire: &v1::Data) -> Dataset {
        let mut data = Dataset::default();
        for (id, record) in wire.records.iter() {
            let path = format!("data.records.{}.table", key(id));
            let Some(table) = find(&self.tables, &mut self.issues, path, "table", &record.table)
            else {
                continue;
            };
            self.records
                .insert(id.clone(), RecordId::from_index(data.records.len()));
            data.records.push(Record {
                name: id.as_str().into(),
                table,
                owner: None,
                owning_bu: None,
                parents: crate::data::Parents::None,
                values: record.values.iter().collect(),
            });
        }
        for (id, record) in wire.records.iter() {
            let Some(record_id) = self.records.get(id).copied() else {
                continue;
            };
            let path = format!("data.records.{}", key(id));
            let owner = record
                .owner
                .as_ref()
                .and_then(|o| self.principal(format!("{path}.owner"), o, false));
            let owning_bu = record.owning_bu.as_ref().and_then(|b| {
                find(
                    &self.bus,
                    &mut self.issues,
                    format!("{path}.owning_bu"),
                    "business unit",
                    b,
                )
            });
            let mut parents = crate::data::Parents::None;
            for (j, link) in record.parents.iter().enumerate() {
                let relationship = find(
                    &self.relationships,
                    &mut self.issues,
                    format!("{path}.parents[{j}].relationship"),
                    "relationship",
                    &link.relationship,
                );
                let parent = find(
                    &self.records,
                    &mut self.issues,
                    format!("{path}.parents[{j}].record"),
                    "record",
                    &link.record,
                );
                if let (Some(relationship), Some(parent)) = (relationship, parent) {
                    parents.push((relationship, parent));
                }
            }
            if let Some(slot) = data.records.get_mut(record_id.index()) {
                slot.owner = owner;
                slot.owning_bu = owning_bu;
                slot.parents = parents;
            }
        }
        for (j, share) in wire.shares.iter().enumerate() {
            let path = format!("data.shares[{j}]");
            let record = find(
                &self.records,
                &mut self.issues,
                format!("{path}.record"),
                "record",
                &share.record,
            );
            let principal = self.principal(format!("{path}.principal"), &share.principal, true);
            if let (Some(record), Some(principal)) = (record, principal) {
                data.shares.entry(record).or_default().push(Share {
                    principal,
                    rights: rights_from_wire(&share.rights),
                    inherited: rights_from_wire(&share.inherited),
                });
            }
        }
        for (j, share) in wire.column_shares.iter().enumerate() {
            let path = format!("data.column_shares[{j}]");
            let record = find(
                &self.records,
                &mut self.issues,
                format!("{path}.record"),
                "record",
                &share.record,
            );
            let principal = self.principal(format!("{path}.principal"), &share.principal, true);
            if let (Some(record), Some(principal)) = (record, principal) {
                data.column_shares.push(ColumnShare {
                    record,
                    column: share.column.clone(),
                    principal,
                    read: share.read,
                    update: share.update,
                });
            }
        }
        data
    }

    fn record_teams(&mut self, doc: &v1::Document, data: Option<&Dataset>) {
        for (id, team) in doc.teams.iter() {
            let Some(record_team) = &team.record_team else {
                continue;
            };
            let Some(team_id) = self.teams.get(id).copied() else {
                continue;
            };
            let path = format!("teams.{}.record_team", key(id));
            let template = find(
                &self.templates,
                &mut self.issues,
                format!("{path}.template"),
                "team template",
                &record_team.template,
            );
            let record = if data.is_some() {
                find(
                    &self.records,
                    &mut self.issues,
                    format!("{path}.record"),
                    "record",
                    &record_team.record,
                )
            } else {
                self.issues.push(
                    Issue::error(
                        IssueCode::UnknownReference,
                        format!("{path}.record"),
                        format!(
                            "unknown record `{}`: the document has no `data`",
                            record_team.record
                        ),
                    )
                    .with_help(
                        "a system-managed access team names its record in `data.records` (TEAM-9)",
                    ),
                );
                None
            };
            if let (Some(template), Some(record)) = (template, record)
                && let Some(slot) = self.model.teams.get_mut(team_id.index())
            {
                slot.record_team = Some((template, record));
            }
        }
    }
}

pub(super) fn settings(s: &v1::Settings) -> model::Settings {
    model::Settings {
        modernized_bu: s.modernized_bu,
        hierarchy: s.hierarchy.as_ref().map(|h| Hierarchy {
            model: match h.model {
                v1::HierarchyModel::Manager => HierarchyModel::Manager,
                v1::HierarchyModel::Position => HierarchyModel::Position,
            },
            depth: h.depth,
            tables: h.tables.clone(),
        }),
        share_to_previous_owner_on_assign: s.share_to_previous_owner_on_assign,
        always_move_record_to_owner_bu: s.always_move_record_to_owner_bu,
        recompute_ownership_across_bus: s.recompute_ownership_across_bus,
        managers_must_be_in_same_or_parent_bu: s.managers_must_be_in_same_or_parent_bu,
        do_not_remove_roles_on_change_bu: s.do_not_remove_roles_on_change_bu,
        assert_ownership_append_to_access: s.assert_ownership_append_to_access,
        hierarchy_minimum_depth: match s.hierarchy_minimum_depth {
            v1::HierarchyMinimumDepth::User => HierarchyMinimumDepth::User,
            v1::HierarchyMinimumDepth::BusinessUnit => HierarchyMinimumDepth::BusinessUnit,
        },
        hierarchy_write_non_direct: s.hierarchy_write_non_direct,
        manager_bu_scope: match s.manager_bu_scope {
            v1::ManagerBuScope::ImmediateParent => ManagerBuScope::ImmediateParent,
            v1::ManagerBuScope::AnyAncestor => ManagerBuScope::AnyAncestor,
        },
        team_only_roles_allow_shared_access: s.team_only_roles_allow_shared_access,
        many_to_many_rule: match s.many_to_many_rule {
            v1::ManyToManyRule::AppendOnBoth => ManyToManyRule::AppendOnBoth,
            v1::ManyToManyRule::AppendAndAppendTo => ManyToManyRule::AppendAndAppendTo,
        },
        basic_includes_org_shares: s.basic_includes_org_shares,
    }
}

fn team_kind(kind: v1::TeamKind) -> TeamKind {
    match kind {
        v1::TeamKind::Owner => TeamKind::Owner,
        v1::TeamKind::Access => TeamKind::Access,
        v1::TeamKind::Default => TeamKind::Default,
        v1::TeamKind::EntraSecurityGroup => TeamKind::EntraSecurityGroup,
        v1::TeamKind::EntraOfficeGroup => TeamKind::EntraOfficeGroup,
    }
}

fn ownership(ownership: v1::Ownership) -> Ownership {
    match ownership {
        v1::Ownership::UserOrTeam => Ownership::UserOrTeam,
        v1::Ownership::Organization => Ownership::Organization,
        v1::Ownership::BusinessOwned => Ownership::BusinessOwned,
        v1::Ownership::Activity => Ownership::Activity,
        v1::Ownership::CustomActivity => Ownership::CustomActivity,
    }
}

pub(super) fn depth_from_wire(depth: v1::Depth) -> Depth {
    match depth {
        v1::Depth::None => Depth::None,
        v1::Depth::User => Depth::User,
        v1::Depth::Bu => Depth::Bu,
        v1::Depth::Pcbu => Depth::Pcbu,
        v1::Depth::Org => Depth::Org,
    }
}

pub(super) fn verb_from_wire(verb: v1::Verb) -> Verb {
    match verb {
        v1::Verb::Create => Verb::Create,
        v1::Verb::Read => Verb::Read,
        v1::Verb::Write => Verb::Write,
        v1::Verb::Delete => Verb::Delete,
        v1::Verb::Append => Verb::Append,
        v1::Verb::AppendTo => Verb::AppendTo,
        v1::Verb::Assign => Verb::Assign,
        v1::Verb::Share => Verb::Share,
    }
}

fn rights_from_wire(verbs: &[v1::Verb]) -> Rights {
    verbs.iter().map(|v| verb_from_wire(*v)).collect()
}

fn cascade_from_wire(cascade: v1::Cascade) -> Cascade {
    match cascade {
        v1::Cascade::Cascade => Cascade::All,
        v1::Cascade::Active => Cascade::Active,
        v1::Cascade::UserOwned => Cascade::UserOwned,
        v1::Cascade::None => Cascade::None,
        v1::Cascade::RemoveLink => Cascade::RemoveLink,
        v1::Cascade::Restrict => Cascade::Restrict,
    }
}
