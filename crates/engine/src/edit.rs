//! State changes that carry rules: assign, share, revoke, access teams, BU moves, role
//! assignment and configuration (SHARE-6..SHARE-8, CASC-3..CASC-4, BU-7, BU-8, TEAM-9).
//!
//! These apply a change unconditionally; whether the acting user may make it is a question for
//! [`crate::eval::decide`].

mod bu_change;

pub use bu_change::{BuChangeEffect, bu_change_effect};

use crate::data::{Dataset, Share};
use crate::model::{
    BuId, Depth, Model, Principal, PrivSet, RecordId, RelationshipKind, Rights, RoleAssignment,
    RoleId, Team, TeamId, TeamKind, TemplateId, UserId, Verb,
};

/// Assigns `record` to `new_owner`, cascading to children per the Assign cascade (CASC-4),
/// moving owning BUs (BU-7, MBU-6) and sharing with the previous owner when
/// `ShareToPreviousOwnerOnAssign` is on (SHARE-7).
pub fn assign(model: &Model, data: &mut Dataset, record: RecordId, new_owner: Principal) {
    let Some(previous) = data.record(record).and_then(|r| r.owner) else {
        return;
    };
    let mut stack = vec![record];
    let mut seen = Vec::new();
    while let Some(current) = stack.pop() {
        if seen.contains(&current) {
            continue;
        }
        seen.push(current);
        let Some(rec) = data.records.get_mut(current.index()) else {
            continue;
        };
        let old_owner = rec.owner;
        rec.owner = Some(new_owner);
        if (!model.settings.modernized_bu || model.settings.always_move_record_to_owner_bu)
            && let Some(bu) = model.principal_bu(new_owner)
        {
            rec.owning_bu = Some(bu);
        }
        if model.settings.share_to_previous_owner_on_assign
            && let Some(old) = old_owner.filter(|o| *o != new_owner)
        {
            data.grant(current, old, Rights::INHERITED);
        }
        for (rel, child) in data.children_of(current) {
            let Some(RelationshipKind::OneToMany { cascade, .. }) =
                model.relationships.get(rel.index()).map(|r| &r.kind)
            else {
                continue;
            };
            let child_owner = data.record(child).and_then(|r| r.owner);
            let follows = match cascade.assign {
                crate::model::Cascade::All | crate::model::Cascade::Active => true,
                crate::model::Cascade::UserOwned => child_owner == Some(previous),
                _ => false,
            };
            if follows {
                stack.push(child);
            }
        }
    }
}

/// Shares `record` with `principal` (GrantAccess/ModifyAccess, SHARE-1, SHARE-5). Children
/// inherit it through Share-cascading relationships at evaluation time (SHARE-6).
pub fn grant(data: &mut Dataset, record: RecordId, principal: Principal, rights: Rights) {
    data.grant(record, principal, rights);
}

/// Revokes the share of `record` with `principal` (SHARE-8). Inherited access of children goes
/// with it where the Unshare cascade follows the Share cascade; where Unshare does not cascade,
/// the children keep what they inherited (CASC-3, CASC-5).
pub fn revoke(model: &Model, data: &mut Dataset, record: RecordId, principal: Principal) {
    let rights = data
        .shares_of(record)
        .iter()
        .find(|s| s.principal == principal)
        .map_or(Rights::NONE, |s| s.rights.union(s.inherited));
    if !rights.is_empty() {
        keep_inherited(model, data, record, principal, rights, 0);
    }
    data.revoke(record, principal);
}

fn keep_inherited(
    model: &Model,
    data: &mut Dataset,
    parent: RecordId,
    principal: Principal,
    rights: Rights,
    depth: u32,
) {
    if depth > 32 {
        return;
    }
    for (rel, child) in data.children_of(parent) {
        let Some(RelationshipKind::OneToMany { cascade, .. }) =
            model.relationships.get(rel.index()).map(|r| &r.kind)
        else {
            continue;
        };
        if !cascade.share.cascades() {
            continue;
        }
        if cascade.unshare.cascades() {
            keep_inherited(model, data, child, principal, rights, depth + 1);
        } else {
            let shares = data.shares.entry(child).or_default();
            match shares.iter_mut().find(|s| s.principal == principal) {
                Some(share) => share.inherited = share.inherited.union(rights),
                None => shares.push(Share {
                    principal,
                    rights: Rights::NONE,
                    inherited: rights,
                }),
            }
        }
    }
}

/// Adds `member` to the record's access team for `template`, creating the team on first use
/// and sharing the record with it with the template's rights (TEAM-9).
pub fn add_user_to_record_team(
    model: &mut Model,
    data: &mut Dataset,
    record: RecordId,
    template: TemplateId,
    member: UserId,
) -> TeamId {
    let existing = model
        .teams
        .iter()
        .position(|t| t.record_team == Some((template, record)));
    let team_id = match existing {
        Some(i) => TeamId::from_index(i),
        None => {
            let rights = model
                .templates
                .get(template.index())
                .map_or(Rights::NONE, |t| t.rights);
            let bu = data
                .record(record)
                .and_then(|r| r.owning_bu)
                .unwrap_or_else(|| model.root_bu());
            let name = format!(
                "{}+{}",
                data.record_name(record),
                model
                    .templates
                    .get(template.index())
                    .map_or("template", |t| t.name.as_str())
            );
            model.teams.push(Team {
                name,
                kind: TeamKind::Access,
                bu,
                members: Vec::new(),
                roles: Vec::new(),
                membership_type: None,
                record_team: Some((template, record)),
            });
            let id = TeamId::from_index(model.teams.len() - 1);
            data.grant(record, Principal::Team(id), rights);
            id
        }
    };
    if let Some(team) = model.teams.get_mut(team_id.index())
        && !team.members.contains(&member)
    {
        team.members.push(member);
    }
    team_id
}

/// Deletes a record with its Delete cascade (CASC-1): Cascade All (or Active, User-Owned per
/// child) deletes children, Remove Link detaches them, Restrict refuses the whole delete (then
/// nothing changes and `false` is returned). A deleted record keeps its slot (ids stay stable)
/// but loses its name, owner, links and shares, so nothing can reach or name it.
pub fn delete(model: &Model, data: &mut Dataset, record: RecordId) -> bool {
    let mut doomed = vec![record];
    let mut unlink: Vec<(RecordId, crate::model::RelationshipId)> = Vec::new();
    let mut i = 0;
    while let Some(current) = doomed.get(i).copied() {
        i += 1;
        let owner = data.record(current).and_then(|r| r.owner);
        for (rel, child) in data.children_of(current) {
            let Some(RelationshipKind::OneToMany { cascade, .. }) =
                model.relationships.get(rel.index()).map(|r| &r.kind)
            else {
                continue;
            };
            match cascade.delete {
                crate::model::Cascade::Restrict => return false,
                crate::model::Cascade::RemoveLink | crate::model::Cascade::None => {
                    unlink.push((child, rel))
                }
                c => {
                    if c.reaches(data.record(child).and_then(|r| r.owner), owner)
                        && !doomed.contains(&child)
                    {
                        doomed.push(child);
                    } else {
                        unlink.push((child, rel));
                    }
                }
            }
        }
    }
    for (child, rel) in unlink {
        if let Some(rec) = data.records.get_mut(child.index()) {
            rec.parents
                .retain(|(r, p)| !(*r == rel && doomed.contains(p)));
        }
    }
    for r in doomed {
        data.shares.remove(&r);
        data.column_shares.retain(|s| s.record != r);
        if let Some(rec) = data.records.get_mut(r.index()) {
            rec.name.clear();
            rec.owner = None;
            rec.owning_bu = None;
            rec.parents.clear();
            rec.values.clear();
        }
    }
    true
}

/// Moves a user or team to another BU (BU-8, "same for teams"): roles are removed (unless
/// modernized BUs keep them with `DoNotRemoveRolesOnChangeBusinessUnit`), owned records move
/// when `move_records`, and a user's default-team membership follows the BU (BU-4). The
/// organisation has no BU; it is left alone.
pub fn change_bu(
    model: &mut Model,
    data: &mut Dataset,
    principal: Principal,
    to: BuId,
    move_records: bool,
) {
    let keep_roles =
        model.settings.modernized_bu && model.settings.do_not_remove_roles_on_change_bu;
    let place = match principal {
        Principal::User(u) => model
            .users
            .get_mut(u.index())
            .map(|u| (&mut u.bu, &mut u.roles)),
        Principal::Team(t) => model
            .teams
            .get_mut(t.index())
            .map(|t| (&mut t.bu, &mut t.roles)),
        Principal::Organization => None,
    };
    let Some((bu, roles)) = place else {
        return;
    };
    *bu = to;
    if !keep_roles {
        roles.clear();
    }
    if move_records {
        move_owned_records(data, principal, to);
    }
}

fn move_owned_records(data: &mut Dataset, owner: Principal, to: BuId) {
    for rec in data.records.iter_mut().filter(|r| r.owner == Some(owner)) {
        rec.owning_bu = Some(to);
    }
}

/// Turning record ownership across BUs off puts every record back in its owner's BU (MBU-7).
pub fn realign_owning_bus(model: &Model, data: &mut Dataset) {
    for rec in &mut data.records {
        if let Some(bu) = rec.owner.and_then(|o| model.principal_bu(o)) {
            rec.owning_bu = Some(bu);
        }
    }
}

/// Sets a record's owning BU (MBU-4, MBU-6): children follow where Assign cascades fully.
pub fn set_owning_bu(model: &Model, data: &mut Dataset, record: RecordId, bu: BuId) {
    let mut stack = vec![record];
    let mut seen = Vec::new();
    while let Some(current) = stack.pop() {
        if seen.contains(&current) {
            continue;
        }
        seen.push(current);
        if let Some(rec) = data.records.get_mut(current.index()) {
            rec.owning_bu = Some(bu);
        }
        for (rel, child) in data.children_of(current) {
            if let Some(RelationshipKind::OneToMany { cascade, .. }) =
                model.relationships.get(rel.index()).map(|r| &r.kind)
                && cascade.assign == crate::model::Cascade::All
            {
                stack.push(child);
            }
        }
    }
}

/// Points a child's lookup at a new parent (reparent, CASC-2).
pub fn reparent(
    model: &Model,
    data: &mut Dataset,
    record: RecordId,
    column: &str,
    parent: RecordId,
) {
    let Some(parent_table) = data.record(parent).map(|r| r.table) else {
        return;
    };
    let Some(child_table) = data.record(record).map(|r| r.table) else {
        return;
    };
    let rel = model.lookup_relationship(child_table, parent_table, column);
    if let (Some(rel), Some(rec)) = (rel, data.records.get_mut(record.index())) {
        rec.parents.retain(|(r, _)| *r != rel);
        rec.parents.push((rel, parent));
    }
}

/// Assigns a role to a user or team.
pub fn assign_role(model: &mut Model, assignment: RoleAssignment, to: Principal) {
    let roles = match to {
        Principal::User(u) => model.users.get_mut(u.index()).map(|x| &mut x.roles),
        Principal::Team(t) => model.teams.get_mut(t.index()).map(|x| &mut x.roles),
        Principal::Organization => None,
    };
    if let Some(roles) = roles
        && !roles.contains(&assignment)
    {
        roles.push(assignment);
    }
}

/// Sets privileges of a role. Entries that do not parse are skipped; check them first with
/// [`crate::eval::decide`] and `Operation::ConfigureRole`.
pub fn configure_role(
    model: &mut Model,
    role: RoleId,
    set: &[(String, String, String)],
    set_misc: &[(String, String)],
) {
    let index = model.name_index();
    let Some(r) = model.roles.get_mut(role.index()) else {
        return;
    };
    for (table, verb, depth) in set {
        let key = if table == "activity" {
            Some(PrivSet::Activity)
        } else {
            index.tables.get(table).map(|t| PrivSet::Table(*t))
        };
        if let (Some(key), Some(verb), Some(depth)) = (key, Verb::parse(verb), Depth::parse(depth))
        {
            r.privileges.entry(key).or_default().set(verb, depth);
        }
    }
    for (name, depth) in set_misc {
        if let Some(depth) = Depth::parse(depth) {
            r.misc.insert(name.clone(), depth);
        }
    }
}
