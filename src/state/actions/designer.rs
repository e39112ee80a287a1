//! Model edits made in the Designer. Each function takes the current model (or workspace) and
//! returns the changed copy, or a sentence saying why the change is refused; the caller records
//! the result for undo (`AppState::change`). Rules live in the engine: BU moves go through
//! `engine::edit`, allowed depths through `Ownership::allows`, validation through
//! `engine::validate`.

use std::collections::BTreeMap;

use engine::data::Dataset;
use engine::format::{self, IdMap, v1};
use engine::model::{
    BuId, BusinessUnit, ColumnPermission, Depth, FieldProfileId, Inheritance, Model, PositionId,
    PrivSet, Role, RoleAssignment, RoleId, Settings, TableId, Team, TeamId, TeamKind, UserId, Verb,
};

use crate::state::Workspace;

/// A refused edit: one sentence for the person editing, naming the rule.
pub type Refusal = String;

/// Microsoft's sentence for predefined roles (§12), shown in the editor and on refusal.
pub const PREDEFINED_SENTENCE: &str =
    "This is a predefined role: it cannot be edited. Copy it to make a role you can change.";

/// The sentence for access teams, which hold no roles (TEAM-4).
pub const ACCESS_TEAM_SENTENCE: &str = "Access teams cannot hold security roles: they own no \
     records and receive access only through sharing (TEAM-4).";

/// The name shown for an id: its display name, else the id.
pub fn display<'a>(model: &'a Model, id: &'a str) -> &'a str {
    model.display_names.get(id).map_or(id, String::as_str)
}

/// The depths a role may hold on a privilege set, lowest first (ROLE-5; Activity takes all).
pub fn allowed_depths(model: &Model, set: PrivSet) -> Vec<Depth> {
    match set {
        PrivSet::Activity => Depth::ALL.to_vec(),
        PrivSet::Table(table) => match model.tables.get(table.index()) {
            Some(t) => Depth::ALL
                .into_iter()
                .filter(|d| t.ownership.allows(*d))
                .collect(),
            None => vec![Depth::None],
        },
    }
}

/// The next allowed depth after `current`, going up (wrapping to None) or down (wrapping to the
/// widest): the legacy editor's click cycling, valid levels only.
pub fn next_depth(allowed: &[Depth], current: Depth, up: bool) -> Depth {
    let fallback = Depth::None;
    if up {
        allowed
            .iter()
            .copied()
            .find(|d| *d > current)
            .unwrap_or_else(|| allowed.first().copied().unwrap_or(fallback))
    } else {
        allowed
            .iter()
            .rev()
            .copied()
            .find(|d| *d < current)
            .unwrap_or_else(|| allowed.last().copied().unwrap_or(fallback))
    }
}

/// The allowed depth closest to `target`: `target` itself, else the next allowed above it (an
/// organization-owned table takes Organization for any access), else the widest allowed.
pub fn fit_depth(allowed: &[Depth], target: Depth) -> Depth {
    allowed
        .iter()
        .copied()
        .find(|d| *d >= target)
        .or_else(|| allowed.last().copied())
        .unwrap_or(Depth::None)
}

fn editable_role(model: &Model, role: RoleId) -> Result<&Role, Refusal> {
    let r = model
        .roles
        .get(role.index())
        .ok_or_else(|| "that role no longer exists".to_string())?;
    if r.predefined.is_some() {
        return Err(PREDEFINED_SENTENCE.to_string());
    }
    Ok(r)
}

fn role_mut(model: &mut Model, role: RoleId) -> Result<&mut Role, Refusal> {
    model
        .roles
        .get_mut(role.index())
        .ok_or_else(|| "that role no longer exists".to_string())
}

/// Sets several cells of a role's privilege grid at once; refuses a depth a table does not take.
pub fn set_privileges(
    model: &Model,
    role: RoleId,
    cells: &[(PrivSet, Verb, Depth)],
) -> Result<Model, Refusal> {
    editable_role(model, role)?;
    for (set, _, depth) in cells {
        if !allowed_depths(model, *set).contains(depth) {
            return Err(format!(
                "{} is an organization-owned or business-owned table: it does not take {} \
                 (ROLE-5)",
                display(model, model.priv_set_name(*set)),
                depth.label()
            ));
        }
    }
    let mut next = model.clone();
    let r = role_mut(&mut next, role)?;
    for (set, verb, depth) in cells {
        r.privileges.entry(*set).or_default().set(*verb, *depth);
    }
    r.privileges.retain(|_, depths| !depths.is_empty());
    Ok(next)
}

/// One cell moved to its next (or previous) allowed depth.
pub fn cycle_privilege(
    model: &Model,
    role: RoleId,
    set: PrivSet,
    verb: Verb,
    up: bool,
) -> Result<(Model, Depth), Refusal> {
    let current = editable_role(model, role)?.depth(set, verb);
    let depth = next_depth(&allowed_depths(model, set), current, up);
    Ok((set_privileges(model, role, &[(set, verb, depth)])?, depth))
}

/// A whole column (one verb over `sets`) moved one level up or down from its widest cell, each
/// table taking the closest depth it allows. Returns the level aimed at.
pub fn cycle_column(
    model: &Model,
    role: RoleId,
    sets: &[PrivSet],
    verb: Verb,
    up: bool,
) -> Result<(Model, Depth), Refusal> {
    let r = editable_role(model, role)?;
    let widest = sets
        .iter()
        .map(|s| r.depth(*s, verb))
        .max()
        .unwrap_or(Depth::None);
    let target = next_depth(&Depth::ALL, widest, up);
    let cells: Vec<(PrivSet, Verb, Depth)> = sets
        .iter()
        .map(|s| (*s, verb, fit_depth(&allowed_depths(model, *s), target)))
        .collect();
    Ok((set_privileges(model, role, &cells)?, target))
}

/// A whole row (the eight verbs of one table) moved one allowed level up or down from its widest
/// cell.
pub fn cycle_row(
    model: &Model,
    role: RoleId,
    set: PrivSet,
    up: bool,
) -> Result<(Model, Depth), Refusal> {
    let r = editable_role(model, role)?;
    let widest = Verb::ALL
        .into_iter()
        .map(|v| r.depth(set, v))
        .max()
        .unwrap_or(Depth::None);
    let target = next_depth(&allowed_depths(model, set), widest, up);
    let cells: Vec<(PrivSet, Verb, Depth)> =
        Verb::ALL.into_iter().map(|v| (set, v, target)).collect();
    Ok((set_privileges(model, role, &cells)?, target))
}

/// Sets a miscellaneous privilege: None or Organization only (ROLE-6).
pub fn set_misc(model: &Model, role: RoleId, name: &str, depth: Depth) -> Result<Model, Refusal> {
    editable_role(model, role)?;
    if !matches!(depth, Depth::None | Depth::Org) {
        return Err("miscellaneous privileges take only None or Organization (ROLE-6)".to_string());
    }
    let mut next = model.clone();
    role_mut(&mut next, role)?
        .misc
        .insert(name.to_string(), depth);
    Ok(next)
}

/// Sets Member's privilege inheritance (TEAM-6).
pub fn set_inheritance(
    model: &Model,
    role: RoleId,
    inheritance: Inheritance,
) -> Result<Model, Refusal> {
    editable_role(model, role)?;
    let mut next = model.clone();
    role_mut(&mut next, role)?.inheritance = inheritance;
    Ok(next)
}

/// A lowercase id made of letters, digits and `_`, prefixed and unique against `taken`.
pub fn new_id(prefix: &str, name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('_') {
            slug.push('_');
        }
    }
    let slug = slug.trim_matches('_');
    let base = if slug.is_empty() {
        prefix.trim_end_matches('_').to_string()
    } else {
        format!("{prefix}{slug}")
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

fn id_taken(model: &Model, id: &str) -> bool {
    model.bus.iter().any(|x| x.name == id)
        || model.users.iter().any(|x| x.name == id)
        || model.teams.iter().any(|x| x.name == id)
        || model.roles.iter().any(|x| x.name == id)
        || model.tables.iter().any(|x| x.name == id)
        || id == v1::ORGANIZATION
        || id == v1::ACTIVITY
}

fn name_in_use(model: &Model, name: &str, ids: impl Iterator<Item = String>) -> bool {
    let wanted = name.trim().to_lowercase();
    ids.into_iter()
        .any(|id| display(model, &id).to_lowercase() == wanted || id.to_lowercase() == wanted)
}

/// Copies a role under a new name into business unit `bu` (Copy Role; the copy is never
/// predefined, so it can be edited). Returns the new role's id.
pub fn copy_role(
    model: &Model,
    role: RoleId,
    name: &str,
    bu: BuId,
) -> Result<(Model, String), Refusal> {
    let source = model
        .roles
        .get(role.index())
        .ok_or_else(|| "that role no longer exists".to_string())?;
    let name = name.trim();
    if name.is_empty() {
        return Err("the copy needs a name".to_string());
    }
    if name_in_use(model, name, model.roles.iter().map(|r| r.name.clone())) {
        return Err(format!("a role called `{name}` already exists"));
    }
    if model.bus.get(bu.index()).is_none() {
        return Err("choose the copy's business unit".to_string());
    }
    let id = new_id("role_", name, |id| id_taken(model, id));
    let mut privileges = source.privileges.clone();
    // Predefined roles other than System Administrator carry their grid implicitly (§12); the
    // copy writes it out so it can be edited.
    if matches!(
        source.predefined,
        Some(engine::model::Predefined::Other { .. })
    ) && privileges.is_empty()
    {
        privileges = engine::model::predefined::predefined_privileges(model, &source.name);
    }
    let mut next = model.clone();
    next.roles.push(Role {
        name: id.clone(),
        bu,
        inheritance: source.inheritance,
        privileges,
        misc: source.misc.clone(),
        predefined: None,
    });
    next.display_names.insert(id.clone(), name.to_string());
    Ok((next, id))
}

/// Renames what admins see for any id (its display name); the id itself stays stable.
pub fn rename(model: &Model, id: &str, name: &str) -> Result<Model, Refusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err("a name cannot be empty".to_string());
    }
    let mut next = model.clone();
    if name == id {
        next.display_names.remove(id);
    } else {
        next.display_names.insert(id.to_string(), name.to_string());
    }
    Ok(next)
}

/// Adds a business unit under `parent`, with its default team (BU-4). Returns the new id.
pub fn add_child_bu(model: &Model, parent: BuId, name: &str) -> Result<(Model, String), Refusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err("the new business unit needs a name".to_string());
    }
    if model.bus.get(parent.index()).is_none() {
        return Err("the parent business unit no longer exists".to_string());
    }
    if name_in_use(model, name, model.bus.iter().map(|b| b.name.clone())) {
        return Err(format!("a business unit called `{name}` already exists"));
    }
    let id = new_id("bu_", name, |id| id_taken(model, id));
    let mut next = model.clone();
    next.bus.push(BusinessUnit {
        name: id.clone(),
        parent: Some(parent),
    });
    let bu = BuId::from_index(next.bus.len() - 1);
    next.teams.push(Team {
        name: id.clone(),
        kind: TeamKind::Default,
        bu,
        members: Vec::new(),
        roles: Vec::new(),
        membership_type: None,
        record_team: None,
    });
    next.display_names.insert(id.clone(), name.to_string());
    Ok((next, id))
}

/// A new, empty column security profile named `name` (every secured column Not Allowed until
/// its letters are switched on). Returns the profile's id.
pub fn add_field_profile(model: &Model, name: &str) -> Result<(Model, String), Refusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err("give the column security profile a name".to_string());
    }
    if name_in_use(
        model,
        name,
        model.field_profiles.iter().map(|p| p.name.clone()),
    ) {
        return Err(format!(
            "a column security profile is already called “{name}”"
        ));
    }
    let id = new_id("fsp_", name, |id| {
        id_taken(model, id) || model.field_profiles.iter().any(|p| p.name == id)
    });
    let mut next = model.clone();
    next.field_profiles.push(engine::model::FieldProfile {
        name: id.clone(),
        users: Vec::new(),
        teams: Vec::new(),
        permissions: std::collections::BTreeMap::new(),
    });
    next.display_names.insert(id.clone(), name.to_string());
    Ok((next, id))
}

/// What still depends on a business unit, as phrases ("3 users"); empty when it can go.
pub fn bu_dependents(model: &Model, data: &Dataset, bu: BuId) -> Vec<String> {
    let count = |n: usize, one: &str, many: &str| -> Option<String> {
        match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            _ => Some(format!("{n} {many}")),
        }
    };
    let children = model.bus.iter().filter(|b| b.parent == Some(bu)).count();
    let users = model.users.iter().filter(|u| u.bu == bu).count();
    let teams = model
        .teams
        .iter()
        .filter(|t| t.bu == bu && t.kind != TeamKind::Default)
        .count();
    let roles = model.roles.iter().filter(|r| r.bu == bu).count();
    let default_teams: Vec<TeamId> = model
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.bu == bu && t.kind == TeamKind::Default)
        .map(|(i, _)| TeamId::from_index(i))
        .collect();
    let records = data
        .records
        .iter()
        .filter(|r| {
            r.owning_bu == Some(bu)
                || matches!(r.owner, Some(engine::model::Principal::Team(t)) if default_teams.contains(&t))
        })
        .count();
    [
        count(children, "child business unit", "child business units"),
        count(users, "user", "users"),
        count(teams, "team", "teams"),
        count(roles, "security role", "security roles"),
        count(records, "record", "records"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Deletes a business unit and its default team. Refused for the root (BU-1) and while users,
/// teams, roles, records or child units depend on it.
pub fn delete_bu(workspace: &Workspace, bu: BuId) -> Result<Workspace, Refusal> {
    let model = &workspace.model;
    let unit = model
        .bus
        .get(bu.index())
        .ok_or_else(|| "that business unit no longer exists".to_string())?;
    if unit.parent.is_none() {
        return Err("the root business unit cannot be deleted (BU-1)".to_string());
    }
    let dependents = bu_dependents(model, &workspace.data, bu);
    if !dependents.is_empty() {
        return Err(format!(
            "{} cannot be deleted: {} still depend on it; move or delete them first",
            display(model, &unit.name),
            dependents.join(", ")
        ));
    }
    let id = unit.name.clone();
    let default_teams: Vec<String> = model
        .teams
        .iter()
        .filter(|t| t.bu == bu && t.kind == TeamKind::Default)
        .map(|t| t.name.clone())
        .collect();
    let mut doc = format::to_wire(model, Some(&workspace.data));
    doc.business_units = without(&doc.business_units, |k| *k == id);
    doc.teams = without(&doc.teams, |k| default_teams.contains(k));
    doc.display_names
        .retain(|k, _| *k != id && !default_teams.contains(k));
    let (model, data, _issues) = format::from_wire(&doc);
    Ok(workspace
        .with_model(model)
        .with_data(data.unwrap_or_default()))
}

fn without<V: Clone>(map: &IdMap<V>, drop: impl Fn(&String) -> bool) -> IdMap<V> {
    let mut out = IdMap::new();
    for (k, v) in map.iter().filter(|(k, _)| !drop(k)) {
        out.insert(k.clone(), v.clone());
    }
    out
}

/// Moves business unit `bu` under `parent`. Refused for the root, onto itself or below itself
/// (a cycle, BU-2).
pub fn reparent_bu(model: &Model, bu: BuId, parent: BuId) -> Result<Model, Refusal> {
    let unit = model
        .bus
        .get(bu.index())
        .ok_or_else(|| "that business unit no longer exists".to_string())?;
    let target = model
        .bus
        .get(parent.index())
        .ok_or_else(|| "the new parent no longer exists".to_string())?;
    let name = display(model, &unit.name);
    let target_name = display(model, &target.name);
    if unit.parent.is_none() {
        return Err("the root business unit cannot be moved (BU-1)".to_string());
    }
    if bu == parent {
        return Err(format!("{name} cannot be its own parent"));
    }
    if model.bu_in_subtree(parent, bu) {
        return Err(format!(
            "{name} cannot move under {target_name}: {target_name} is below {name}, so the tree \
             would become a cycle (BU-2)"
        ));
    }
    if unit.parent == Some(parent) {
        return Err(format!("{name} is already under {target_name}"));
    }
    let mut next = model.clone();
    if let Some(b) = next.bus.get_mut(bu.index()) {
        b.parent = Some(parent);
    }
    Ok(next)
}

/// What moving `bu` under `parent` changes, in one sentence (shown before confirming).
pub fn reparent_effect(model: &Model, data: &Dataset, bu: BuId, parent: BuId) -> String {
    let in_subtree = |b: BuId| model.bu_in_subtree(b, bu);
    let units = (0..model.bus.len())
        .map(BuId::from_index)
        .filter(|b| in_subtree(*b))
        .count();
    let users = model.users.iter().filter(|u| in_subtree(u.bu)).count();
    let records = data
        .records
        .iter()
        .filter(|r| r.owning_bu.is_some_and(in_subtree))
        .count();
    let name = display(model, model.bu_name(bu));
    let target = display(model, model.bu_name(parent));
    format!(
        "{name} ({units} business unit{}, {users} user{}, {records} record{}) will sit under \
         {target}: roles at Parent: Child Business Units in {target} and above will now reach them.",
        plural(units),
        plural(users),
        plural(records)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Adds or removes a user from a team's members. Default teams derive their members (BU-4).
pub fn toggle_team_member(model: &Model, team: TeamId, user: UserId) -> Result<Model, Refusal> {
    let t = model
        .teams
        .get(team.index())
        .ok_or_else(|| "that team no longer exists".to_string())?;
    if t.kind == TeamKind::Default {
        return Err(
            "a default team's members are the users of its business unit; they cannot be \
             edited (BU-4)"
                .to_string(),
        );
    }
    let mut next = model.clone();
    if let Some(t) = next.teams.get_mut(team.index()) {
        if let Some(at) = t.members.iter().position(|m| *m == user) {
            t.members.remove(at);
        } else {
            t.members.push(user);
        }
    }
    Ok(next)
}

/// Adds or removes a role of a team. Access teams hold no roles (TEAM-4).
pub fn toggle_team_role(model: &Model, team: TeamId, role: RoleId) -> Result<Model, Refusal> {
    let t = model
        .teams
        .get(team.index())
        .ok_or_else(|| "that team no longer exists".to_string())?;
    if !t.kind.holds_roles() {
        return Err(ACCESS_TEAM_SENTENCE.to_string());
    }
    assignable(model, role)?;
    let mut next = model.clone();
    if let Some(t) = next.teams.get_mut(team.index()) {
        toggle_assignment(&mut t.roles, role);
    }
    Ok(next)
}

fn assignable(model: &Model, role: RoleId) -> Result<(), Refusal> {
    match model.roles.get(role.index()).and_then(|r| r.predefined) {
        Some(engine::model::Predefined::Other { assignable: false }) => Err(format!(
            "{} cannot be assigned to users or teams (§12)",
            display(model, model.role_name(role))
        )),
        _ => Ok(()),
    }
}

fn toggle_assignment(roles: &mut Vec<RoleAssignment>, role: RoleId) {
    if let Some(at) = roles.iter().position(|a| a.role == role) {
        roles.remove(at);
    } else {
        roles.push(RoleAssignment {
            role,
            from_bu: None,
        });
    }
}

/// Adds or removes a role assigned directly to a user.
pub fn toggle_user_role(model: &Model, user: UserId, role: RoleId) -> Result<Model, Refusal> {
    assignable(model, role)?;
    let mut next = model.clone();
    let u = next
        .users
        .get_mut(user.index())
        .ok_or_else(|| "that user no longer exists".to_string())?;
    toggle_assignment(&mut u.roles, role);
    Ok(next)
}

/// Gives (`add`) or takes away a role for several users at once.
pub fn bulk_user_role(
    model: &Model,
    users: &[UserId],
    role: RoleId,
    add: bool,
) -> Result<Model, Refusal> {
    if add {
        assignable(model, role)?;
    }
    let mut next = model.clone();
    for user in users {
        if let Some(u) = next.users.get_mut(user.index()) {
            let has = u.roles.iter().any(|a| a.role == role);
            if has != add {
                toggle_assignment(&mut u.roles, role);
            }
        }
    }
    Ok(next)
}

/// Moves a user to another business unit with `engine::edit::change_bu` (BU-8: roles are
/// removed unless modernized BUs keep them).
pub fn change_user_bu(
    workspace: &Workspace,
    user: UserId,
    bu: BuId,
    move_records: bool,
) -> Result<Workspace, Refusal> {
    let mut model = (*workspace.model).clone();
    let mut data = (*workspace.data).clone();
    if model.users.get(user.index()).is_none() || model.bus.get(bu.index()).is_none() {
        return Err("that user or business unit no longer exists".to_string());
    }
    engine::edit::change_bu(
        &mut model,
        &mut data,
        engine::model::Principal::User(user),
        bu,
        move_records,
    );
    let next = workspace.with_model(model);
    Ok(if move_records {
        next.with_data(data)
    } else {
        next
    })
}

/// Moves a team to another business unit with `engine::edit::change_bu` (BU-8: its roles
/// are removed unless modernized BUs keep them; owned records move when asked). A default team
/// stays with its business unit (BU-4).
pub fn change_team_bu(
    workspace: &Workspace,
    team: TeamId,
    bu: BuId,
    move_records: bool,
) -> Result<Workspace, Refusal> {
    let t = workspace
        .model
        .teams
        .get(team.index())
        .ok_or_else(|| "that team no longer exists".to_string())?;
    if workspace.model.bus.get(bu.index()).is_none() {
        return Err("that business unit no longer exists".to_string());
    }
    if t.kind == TeamKind::Default {
        return Err(
            "a default team belongs to its business unit and cannot change it (BU-4)".to_string(),
        );
    }
    if t.bu == bu {
        return Err(format!(
            "{} is already in {}",
            display(&workspace.model, &t.name),
            display(&workspace.model, workspace.model.bu_name(bu))
        ));
    }
    let mut model = (*workspace.model).clone();
    let mut data = (*workspace.data).clone();
    engine::edit::change_bu(
        &mut model,
        &mut data,
        engine::model::Principal::Team(team),
        bu,
        move_records,
    );
    let next = workspace.with_model(model);
    Ok(if move_records {
        next.with_data(data)
    } else {
        next
    })
}

/// What a Change Business Unit will do, in sentences for the confirmation (from
/// `engine::edit::bu_change_effect`): roles removed, records that move or stay, default teams.
pub fn bu_change_sentences(
    workspace: &Workspace,
    principal: engine::model::Principal,
    bu: BuId,
    move_records: bool,
) -> Option<Vec<String>> {
    let model = &workspace.model;
    let effect =
        engine::edit::bu_change_effect(model, &workspace.data, principal, bu, move_records)?;
    let to = display(model, model.bu_name(effect.to));
    let from = display(model, model.bu_name(effect.from));
    let mut out = vec![format!("Moves from {from} to {to}.")];
    if effect.roles_removed.is_empty() {
        out.push(
            "Keeps its security roles (Record ownership across business units with \
             DoNotRemoveRolesOnChangeBusinessUnit)."
                .to_string(),
        );
    } else {
        let names: Vec<&str> = effect
            .roles_removed
            .iter()
            .map(|r| display(model, model.role_name(*r)))
            .collect();
        out.push(format!(
            "Removes {} security role{}: {} (BU-8). Assign roles again in {to}.",
            names.len(),
            plural(names.len()),
            names.join(", ")
        ));
    }
    let per_table = |records: &[engine::model::RecordId]| -> String {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in records {
            if let Some(rec) = workspace.data.records.get(r.index()) {
                *counts
                    .entry(display(model, model.table_name(rec.table)).to_string())
                    .or_default() += 1;
            }
        }
        counts
            .into_iter()
            .map(|(t, n)| format!("{n} {t}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !effect.records_moved.is_empty() {
        out.push(format!(
            "Moves {} owned record{} to {to}: {}.",
            effect.records_moved.len(),
            plural(effect.records_moved.len()),
            per_table(&effect.records_moved)
        ));
    }
    if !effect.records_staying.is_empty() {
        out.push(format!(
            "Leaves {} owned record{} where they are ({}); tick Move records to new business \
             unit to move them.",
            effect.records_staying.len(),
            plural(effect.records_staying.len()),
            per_table(&effect.records_staying)
        ));
    }
    if effect.records_moved.is_empty() && effect.records_staying.is_empty() {
        out.push("Owns no records outside the new business unit.".to_string());
    }
    if let Some(t) = effect.leaves_default_team {
        out.push(format!(
            "Leaves the default team {} (BU-4).",
            display(model, model.team_name(t))
        ));
    }
    if let Some(t) = effect.joins_default_team {
        out.push(format!(
            "Joins the default team {}, with any roles it holds (BU-4).",
            display(model, model.team_name(t))
        ));
    }
    Some(out)
}

/// Sets a user's manager; refuses the user themself and a loop of managers.
pub fn set_manager(model: &Model, user: UserId, manager: Option<UserId>) -> Result<Model, Refusal> {
    if let Some(m) = manager {
        let mut current = Some(m);
        let mut steps = 0;
        while let Some(c) = current {
            if c == user {
                return Err(format!(
                    "{} would become their own manager, through the chain of managers",
                    display(model, model.user_name(user))
                ));
            }
            steps += 1;
            if steps > model.users.len() {
                break;
            }
            current = model.users.get(c.index()).and_then(|u| u.manager);
        }
    }
    let mut next = model.clone();
    if let Some(u) = next.users.get_mut(user.index()) {
        u.manager = manager;
    }
    Ok(next)
}

/// Sets a user's position (position hierarchy, HIER-9).
pub fn set_position(model: &Model, user: UserId, position: Option<PositionId>) -> Model {
    let mut next = model.clone();
    if let Some(u) = next.users.get_mut(user.index()) {
        u.position = position;
    }
    next
}

/// Adds or removes a column security profile of a user.
pub fn toggle_user_profile(model: &Model, user: UserId, profile: FieldProfileId) -> Model {
    let mut next = model.clone();
    if let Some(u) = next.users.get_mut(user.index()) {
        if let Some(at) = u.field_profiles.iter().position(|p| *p == profile) {
            u.field_profiles.remove(at);
        } else {
            u.field_profiles.push(profile);
        }
    }
    sync_profile_users(&mut next);
    next
}

/// Keeps each profile's user list in step with the users' own lists.
fn sync_profile_users(model: &mut Model) {
    let mut members: BTreeMap<usize, Vec<UserId>> = BTreeMap::new();
    for (i, u) in model.users.iter().enumerate() {
        for p in &u.field_profiles {
            members
                .entry(p.index())
                .or_default()
                .push(UserId::from_index(i));
        }
    }
    for (i, profile) in model.field_profiles.iter_mut().enumerate() {
        profile.users = members.remove(&i).unwrap_or_default();
    }
}

/// Which permission of a secured column a profile grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRight {
    /// Read.
    Read,
    /// Create.
    Create,
    /// Update.
    Update,
}

/// Flips one permission of a column security profile on a secured column (FLS-2).
pub fn toggle_column_permission(
    model: &Model,
    profile: FieldProfileId,
    table: TableId,
    column: &str,
    right: ColumnRight,
) -> Result<Model, Refusal> {
    let mut next = model.clone();
    let p = next
        .field_profiles
        .get_mut(profile.index())
        .ok_or_else(|| "that profile no longer exists".to_string())?;
    let entry = p
        .permissions
        .entry((table, column.to_string()))
        .or_insert(ColumnPermission::default());
    match right {
        ColumnRight::Read => entry.read = !entry.read,
        ColumnRight::Create => entry.create = !entry.create,
        ColumnRight::Update => entry.update = !entry.update,
    }
    Ok(next)
}

/// Secures or unsecures a column of a table (FLS-1).
pub fn toggle_secured_column(
    model: &Model,
    table: TableId,
    column: &str,
) -> Result<Model, Refusal> {
    let column = column.trim();
    if column.is_empty() {
        return Err("name the column to secure".to_string());
    }
    let mut next = model.clone();
    let t = next
        .tables
        .get_mut(table.index())
        .ok_or_else(|| "that table no longer exists".to_string())?;
    if !t.secured_columns.remove(column) {
        t.secured_columns.insert(column.to_string());
    }
    Ok(next)
}

/// Replaces the organisation settings.
pub fn set_settings(model: &Model, settings: Settings) -> Model {
    let mut next = model.clone();
    next.settings = settings;
    next
}

#[cfg(test)]
mod tests;
