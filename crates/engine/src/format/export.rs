//! Model → wire document ([`to_wire`]).

use std::collections::BTreeMap;

use super::v1;
use crate::data::Dataset;
use crate::model::{self, Model, Principal, PrivSet, RelationshipKind, Rights, RoleAssignment};

/// The wire document of a model and, optionally, its sample data.
///
/// Lint suppressions and pinned checks are not part of the model; the document comes back with
/// none (copy them over from the document that was loaded to keep them). A system-managed access
/// team's `record_team` is written only when `data` is given, since it names a record.
pub fn to_wire(model: &Model, data: Option<&Dataset>) -> v1::Document {
    let mut doc = v1::Document::new();
    doc.name = model.name.clone();
    doc.settings = settings(&model.settings);
    let bu = |id: model::BuId| model.bu_name(id).to_string();
    let role_refs = |roles: &[RoleAssignment]| -> Vec<v1::RoleRef> {
        roles
            .iter()
            .map(|a| match a.from_bu {
                None => v1::RoleRef::Id(model.role_name(a.role).to_string()),
                Some(from) => v1::RoleRef::Copy(v1::RoleCopy {
                    role: model.role_name(a.role).to_string(),
                    from_bu: Some(bu(from)),
                }),
            })
            .collect()
    };
    for b in &model.bus {
        doc.business_units.insert(
            b.name.clone(),
            v1::BusinessUnit {
                parent: b.parent.map(bu),
            },
        );
    }
    for user in &model.users {
        doc.users.insert(
            user.name.clone(),
            v1::User {
                bu: bu(user.bu),
                roles: role_refs(&user.roles),
                manager: user.manager.map(|m| model.user_name(m).to_string()),
                position: user.position.map(|p| position_name(model, p)),
                enabled: user.enabled,
                field_security_profiles: user
                    .field_profiles
                    .iter()
                    .map(|p| profile_name(model, *p))
                    .collect(),
            },
        );
    }
    for team in &model.teams {
        let record_team = match (team.record_team, data) {
            (Some((template, record)), Some(data)) => Some(v1::RecordTeam {
                template: model
                    .templates
                    .get(template.index())
                    .map_or("?", |t| t.name.as_str())
                    .to_string(),
                record: data.record_name(record).to_string(),
            }),
            _ => None,
        };
        doc.teams.insert(
            team.name.clone(),
            v1::Team {
                kind: team_kind(team.kind),
                bu: bu(team.bu),
                members: team
                    .members
                    .iter()
                    .map(|u| model.user_name(*u).to_string())
                    .collect(),
                roles: role_refs(&team.roles),
                membership_type: team.membership_type.clone(),
                record_team,
            },
        );
    }
    for role in &model.roles {
        let privileges = role
            .privileges
            .iter()
            .map(|(set, depths)| {
                let key = match set {
                    PrivSet::Activity => v1::ACTIVITY.to_string(),
                    PrivSet::Table(t) => model.table_name(*t).to_string(),
                };
                let mut wire = v1::VerbDepths::default();
                for verb in model::Verb::ALL {
                    let depth = depths.get(verb);
                    if depth != model::Depth::None {
                        *wire.slot(verb_to_wire(verb)) = Some(depth_to_wire(depth));
                    }
                }
                (key, wire)
            })
            .collect();
        doc.roles.insert(
            role.name.clone(),
            v1::Role {
                bu: bu(role.bu),
                inheritance: match role.inheritance {
                    model::Inheritance::Direct => v1::Inheritance::Direct,
                    model::Inheritance::TeamOnly => v1::Inheritance::TeamOnly,
                },
                privileges,
                misc: role
                    .misc
                    .iter()
                    .map(|(k, d)| (k.clone(), depth_to_wire(*d)))
                    .collect(),
                predefined: role.predefined.map(|p| match p {
                    model::Predefined::SystemAdministrator => v1::Predefined::SystemAdministrator,
                    model::Predefined::Other { assignable: true } => v1::Predefined::Assignable,
                    model::Predefined::Other { assignable: false } => v1::Predefined::NotAssignable,
                }),
            },
        );
    }
    for table in &model.tables {
        doc.tables.insert(
            table.name.clone(),
            v1::Table {
                ownership: ownership(table.ownership),
                auto_create_access_teams: table.auto_create_access_teams,
                secured_columns: table.secured_columns.clone(),
                sensitive: table.sensitive,
            },
        );
    }
    for relationship in &model.relationships {
        let wire = match &relationship.kind {
            RelationshipKind::OneToMany {
                parent,
                child,
                lookup,
                cascade,
            } => v1::Relationship::OneToMany {
                parent: model.table_name(*parent).to_string(),
                child: model.table_name(*child).to_string(),
                lookup: lookup.clone(),
                cascade: v1::CascadeConfig {
                    assign: cascade_to_wire(cascade.assign),
                    share: cascade_to_wire(cascade.share),
                    unshare: cascade_to_wire(cascade.unshare),
                    reparent: cascade_to_wire(cascade.reparent),
                    delete: cascade_to_wire(cascade.delete),
                    merge: cascade_to_wire(cascade.merge),
                },
            },
            RelationshipKind::ManyToMany { tables } => v1::Relationship::ManyToMany {
                tables: tables.map(|(a, b)| {
                    [
                        model.table_name(a).to_string(),
                        model.table_name(b).to_string(),
                    ]
                }),
            },
        };
        doc.relationships.insert(relationship.name.clone(), wire);
    }
    for position in &model.positions {
        doc.positions.insert(
            position.name.clone(),
            v1::Position {
                parent: position.parent.map(|p| position_name(model, p)),
            },
        );
    }
    for template in &model.templates {
        doc.team_templates.insert(
            template.name.clone(),
            v1::TeamTemplate {
                table: model.table_name(template.table).to_string(),
                rights: rights_to_wire(template.rights),
            },
        );
    }
    for profile in &model.field_profiles {
        let mut permissions: BTreeMap<String, BTreeMap<String, v1::ColumnPermission>> =
            BTreeMap::new();
        for ((table, column), permission) in &profile.permissions {
            permissions
                .entry(model.table_name(*table).to_string())
                .or_default()
                .insert(
                    column.clone(),
                    v1::ColumnPermission {
                        read: permission.read,
                        create: permission.create,
                        update: permission.update,
                    },
                );
        }
        doc.field_security_profiles.insert(
            profile.name.clone(),
            v1::FieldSecurityProfile {
                users: profile
                    .users
                    .iter()
                    .map(|u| model.user_name(*u).to_string())
                    .collect(),
                teams: profile
                    .teams
                    .iter()
                    .map(|t| model.team_name(*t).to_string())
                    .collect(),
                permissions,
            },
        );
    }
    doc.display_names = model.display_names.clone();
    doc.data = data.map(|data| data_to_wire(model, data));
    doc
}

fn data_to_wire(model: &Model, data: &Dataset) -> v1::Data {
    let principal = |p: Principal| match p {
        Principal::Organization => v1::ORGANIZATION.to_string(),
        other => model.principal_name(other).to_string(),
    };
    let mut wire = v1::Data::default();
    for record in &data.records {
        wire.records.insert(
            record.name.clone(),
            v1::Record {
                table: model.table_name(record.table).to_string(),
                owner: record.owner.map(principal),
                owning_bu: record.owning_bu.map(|b| model.bu_name(b).to_string()),
                parents: record
                    .parents
                    .iter()
                    .map(|(relationship, parent)| v1::ParentLink {
                        relationship: model
                            .relationships
                            .get(relationship.index())
                            .map_or("?", |r| r.name.as_str())
                            .to_string(),
                        record: data.record_name(*parent).to_string(),
                    })
                    .collect(),
                values: record
                    .values
                    .iter()
                    .map(|(c, v)| (c.to_string(), v.to_string()))
                    .collect(),
            },
        );
    }
    // Grouped by record id (the text), so that the order survives a reload, which numbers
    // records in id order.
    let mut shared: Vec<_> = data.shares.iter().collect();
    shared.sort_by(|(a, _), (b, _)| {
        data.record_name(**a)
            .cmp(data.record_name(**b))
            .then(a.cmp(b))
    });
    for (record, shares) in shared {
        for share in shares {
            wire.shares.push(v1::Share {
                record: data.record_name(*record).to_string(),
                principal: principal(share.principal),
                rights: rights_to_wire(share.rights),
                inherited: rights_to_wire(share.inherited),
            });
        }
    }
    for share in &data.column_shares {
        wire.column_shares.push(v1::ColumnShare {
            record: data.record_name(share.record).to_string(),
            column: share.column.clone(),
            principal: principal(share.principal),
            read: share.read,
            update: share.update,
        });
    }
    wire
}

fn position_name(model: &Model, id: model::PositionId) -> String {
    model
        .positions
        .get(id.index())
        .map_or("?", |p| p.name.as_str())
        .to_string()
}

fn profile_name(model: &Model, id: model::FieldProfileId) -> String {
    model
        .field_profiles
        .get(id.index())
        .map_or("?", |p| p.name.as_str())
        .to_string()
}

/// The settings as the JSON format writes them.
pub(crate) fn settings(s: &model::Settings) -> v1::Settings {
    v1::Settings {
        modernized_bu: s.modernized_bu,
        hierarchy: s.hierarchy.as_ref().map(|h| v1::Hierarchy {
            model: match h.model {
                model::HierarchyModel::Manager => v1::HierarchyModel::Manager,
                model::HierarchyModel::Position => v1::HierarchyModel::Position,
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
            model::HierarchyMinimumDepth::User => v1::HierarchyMinimumDepth::User,
            model::HierarchyMinimumDepth::BusinessUnit => v1::HierarchyMinimumDepth::BusinessUnit,
        },
        hierarchy_write_non_direct: s.hierarchy_write_non_direct,
        manager_bu_scope: match s.manager_bu_scope {
            model::ManagerBuScope::ImmediateParent => v1::ManagerBuScope::ImmediateParent,
            model::ManagerBuScope::AnyAncestor => v1::ManagerBuScope::AnyAncestor,
        },
        team_only_roles_allow_shared_access: s.team_only_roles_allow_shared_access,
        many_to_many_rule: match s.many_to_many_rule {
            model::ManyToManyRule::AppendOnBoth => v1::ManyToManyRule::AppendOnBoth,
            model::ManyToManyRule::AppendAndAppendTo => v1::ManyToManyRule::AppendAndAppendTo,
        },
        basic_includes_org_shares: s.basic_includes_org_shares,
    }
}

fn team_kind(kind: model::TeamKind) -> v1::TeamKind {
    match kind {
        model::TeamKind::Owner => v1::TeamKind::Owner,
        model::TeamKind::Access => v1::TeamKind::Access,
        model::TeamKind::Default => v1::TeamKind::Default,
        model::TeamKind::EntraSecurityGroup => v1::TeamKind::EntraSecurityGroup,
        model::TeamKind::EntraOfficeGroup => v1::TeamKind::EntraOfficeGroup,
    }
}

fn ownership(ownership: model::Ownership) -> v1::Ownership {
    match ownership {
        model::Ownership::UserOrTeam => v1::Ownership::UserOrTeam,
        model::Ownership::Organization => v1::Ownership::Organization,
        model::Ownership::BusinessOwned => v1::Ownership::BusinessOwned,
        model::Ownership::Activity => v1::Ownership::Activity,
        model::Ownership::CustomActivity => v1::Ownership::CustomActivity,
    }
}

pub(super) fn depth_to_wire(depth: model::Depth) -> v1::Depth {
    match depth {
        model::Depth::None => v1::Depth::None,
        model::Depth::User => v1::Depth::User,
        model::Depth::Bu => v1::Depth::Bu,
        model::Depth::Pcbu => v1::Depth::Pcbu,
        model::Depth::Org => v1::Depth::Org,
    }
}

pub(super) fn verb_to_wire(verb: model::Verb) -> v1::Verb {
    match verb {
        model::Verb::Create => v1::Verb::Create,
        model::Verb::Read => v1::Verb::Read,
        model::Verb::Write => v1::Verb::Write,
        model::Verb::Delete => v1::Verb::Delete,
        model::Verb::Append => v1::Verb::Append,
        model::Verb::AppendTo => v1::Verb::AppendTo,
        model::Verb::Assign => v1::Verb::Assign,
        model::Verb::Share => v1::Verb::Share,
    }
}

fn rights_to_wire(rights: Rights) -> Vec<v1::Verb> {
    rights.verbs().map(verb_to_wire).collect()
}

fn cascade_to_wire(cascade: model::Cascade) -> v1::Cascade {
    match cascade {
        model::Cascade::All => v1::Cascade::Cascade,
        model::Cascade::Active => v1::Cascade::Active,
        model::Cascade::UserOwned => v1::Cascade::UserOwned,
        model::Cascade::None => v1::Cascade::None,
        model::Cascade::RemoveLink => v1::Cascade::RemoveLink,
        model::Cascade::Restrict => v1::Cascade::Restrict,
    }
}
