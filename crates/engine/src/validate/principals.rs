//! Users and teams: references, role assignments (BU-6, MBU-2, §12, TEAM-4), default team
//! membership (BU-4), users without roles (ROLE-11), manager and position cycles.

use super::loops::loops;
use super::{Issue, IssueCode, key};
use crate::model::{BuId, Model, PositionId, Predefined, RoleAssignment, TeamKind, UserId};

pub(super) fn check(model: &Model, issues: &mut Vec<Issue>) {
    users(model, issues);
    teams(model, issues);
    hierarchies(model, issues);
}

fn users(model: &Model, issues: &mut Vec<Issue>) {
    for (i, user) in model.users.iter().enumerate() {
        let path = format!("users.{}", key(&user.name));
        if model.bus.get(user.bu.index()).is_none() {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.bu"),
                format!("unknown business unit #{}", user.bu.0),
            ));
        }
        if let Some(manager) = user.manager
            && model.users.get(manager.index()).is_none()
        {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.manager"),
                format!("unknown user #{}", manager.0),
            ));
        }
        if let Some(position) = user.position
            && model.positions.get(position.index()).is_none()
        {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.position"),
                format!("unknown position #{}", position.0),
            ));
        }
        for (j, profile) in user.field_profiles.iter().enumerate() {
            if model.field_profiles.get(profile.index()).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.field_security_profiles[{j}]"),
                    format!("unknown column security profile #{}", profile.0),
                ));
            }
        }
        assignments(model, &path, &user.name, user.bu, &user.roles, issues);
        if user.enabled && user.roles.is_empty() {
            let through_team = model.teams_of(UserId::from_index(i)).into_iter().any(|t| {
                model
                    .teams
                    .get(t.index())
                    .is_some_and(|team| team.kind.holds_roles() && !team.roles.is_empty())
            });
            if !through_team {
                issues.push(
                    Issue::warning(
                        IssueCode::UserWithoutRole,
                        format!("{path}.roles"),
                        format!("user `{}` has no security role, directly or through a team", user.name),
                    )
                    .with_help(
                        "assign a role to the user or to one of their owner, group or default teams; the service refuses users without a role (ROLE-11)",
                    ),
                );
            }
        }
    }
}

fn teams(model: &Model, issues: &mut Vec<Issue>) {
    for team in &model.teams {
        let path = format!("teams.{}", key(&team.name));
        if model.bus.get(team.bu.index()).is_none() {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.bu"),
                format!("unknown business unit #{}", team.bu.0),
            ));
        }
        for (j, member) in team.members.iter().enumerate() {
            if model.users.get(member.index()).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.members[{j}]"),
                    format!("unknown user #{}", member.0),
                ));
            }
        }
        if team.kind == TeamKind::Default && !team.members.is_empty() {
            let bu = model.bu_name(team.bu);
            issues.push(
                Issue::error(
                    IssueCode::DefaultTeam,
                    format!("{path}.members"),
                    format!("members of default team `{}` edited by hand", team.name),
                )
                .with_help(format!(
                    "a default team's members are every user of its business unit `{bu}` and cannot be edited (BU-4); remove `members` and move users between business units instead"
                )),
            );
        }
        if !team.kind.holds_roles() && !team.roles.is_empty() {
            issues.push(
                Issue::error(
                    IssueCode::AccessTeamRoles,
                    format!("{path}.roles"),
                    format!("access team `{}` holds security roles", team.name),
                )
                .with_help("access teams cannot have roles (TEAM-4): use an owner team, or remove the roles"),
            );
        }
        assignments(model, &path, &team.name, team.bu, &team.roles, issues);
        if team.membership_type.is_some()
            && !matches!(
                team.kind,
                TeamKind::EntraSecurityGroup | TeamKind::EntraOfficeGroup
            )
        {
            issues.push(
                Issue::warning(
                    IssueCode::TeamType,
                    format!("{path}.membership_type"),
                    format!("membership type on {} team `{}`", team.kind.as_str(), team.name),
                )
                .with_help("membership types belong to Microsoft Entra group teams only (TEAM-3); remove it"),
            );
        }
        if let Some((template, _)) = team.record_team {
            if team.kind != TeamKind::Access {
                issues.push(
                    Issue::error(
                        IssueCode::RecordTeam,
                        format!("{path}.record_team"),
                        format!("{} team `{}` is marked as a system-managed record team", team.kind.as_str(), team.name),
                    )
                    .with_help("only access teams are created from templates (TEAM-9); set `type` to `access`"),
                );
            }
            if model.templates.get(template.index()).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.record_team.template"),
                    format!("unknown team template #{}", template.0),
                ));
            }
        }
    }
}

/// Role assignments of one principal (BU-6, MBU-2, §12).
fn assignments(
    model: &Model,
    path: &str,
    principal: &str,
    principal_bu: BuId,
    roles: &[RoleAssignment],
    issues: &mut Vec<Issue>,
) {
    for (j, assignment) in roles.iter().enumerate() {
        let role_path = format!("{path}.roles[{j}]");
        if roles
            .get(..j)
            .is_some_and(|earlier| earlier.contains(assignment))
        {
            issues.push(
                Issue::warning(
                    IssueCode::DuplicateRole,
                    role_path.clone(),
                    format!(
                        "role `{}` assigned to `{principal}` twice",
                        model.role_name(assignment.role)
                    ),
                )
                .with_help(
                    "remove the repeat; roles are additive, so a second copy adds nothing (ROLE-4)",
                ),
            );
        }
        let Some(role) = model.roles.get(assignment.role.index()) else {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                role_path,
                format!("unknown role #{}", assignment.role.0),
            ));
            continue;
        };
        if role.predefined == Some(Predefined::Other { assignable: false }) {
            issues.push(
                Issue::error(
                    IssueCode::PredefinedRole,
                    role_path.clone(),
                    format!("predefined role `{}` cannot be assigned to users or teams", role.name),
                )
                .with_help("Service Reader, Service Writer, Service Deleted and Support User are not assignable (§12)"),
            );
        }
        if let Some(from_bu) = assignment.from_bu {
            if model.bus.get(from_bu.index()).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{role_path}.from_bu"),
                    format!("unknown business unit #{}", from_bu.0),
                ));
                continue;
            }
            if !model.settings.modernized_bu {
                issues.push(
                    Issue::error(
                        IssueCode::RoleBu,
                        format!("{role_path}.from_bu"),
                        format!(
                            "role `{}` assigned from business unit `{}` without modernized business units",
                            role.name,
                            model.bu_name(from_bu)
                        ),
                    )
                    .with_help("turn on `settings.modernized_bu` or remove `from_bu`: a classic principal gets roles from its own business unit only (BU-6, MBU-2)"),
                );
                continue;
            }
        }
        let context = assignment.from_bu.unwrap_or(principal_bu);
        if model.bus.get(context.index()).is_some()
            && model.bus.get(role.bu.index()).is_some()
            && !model.bu_in_subtree(context, role.bu)
        {
            let context_name = model.bu_name(context);
            let help = if assignment.from_bu.is_some() {
                format!(
                    "a role exists in its own business unit and every unit below it; `{}` is defined in `{}` (BU-6, MBU-2)",
                    role.name,
                    model.bu_name(role.bu)
                )
            } else {
                format!(
                    "a user or team can only be assigned a role from its business unit (BU-6); move the role to `{context_name}` or above, or assign it with `from_bu` under modernized business units (MBU-2)"
                )
            };
            issues.push(
                Issue::error(
                    IssueCode::RoleBu,
                    role_path,
                    format!(
                        "role `{}` of business unit `{}` has no copy in `{context_name}`",
                        role.name,
                        model.bu_name(role.bu)
                    ),
                )
                .with_help(help),
            );
        }
    }
}

fn hierarchies(model: &Model, issues: &mut Vec<Issue>) {
    let manager_cycles = loops(model.users.len(), |i| {
        model
            .users
            .get(i)
            .and_then(|u| u.manager)
            .map(UserId::index)
    });
    for cycle in manager_cycles {
        let names: Vec<&str> = cycle
            .iter()
            .map(|i| model.user_name(UserId::from_index(*i)))
            .collect();
        let first = names.first().copied().unwrap_or("?");
        issues.push(
            Issue::error(
                IssueCode::ManagerCycle,
                format!("users.{}.manager", key(first)),
                format!("cycle in managers `{} → {first}`", names.join(" → ")),
            )
            .with_help(
                "the manager hierarchy is a tree (HIER-1): someone at the top has no manager",
            ),
        );
    }
    for position in &model.positions {
        if let Some(parent) = position.parent
            && model.positions.get(parent.index()).is_none()
        {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("positions.{}.parent", key(&position.name)),
                format!("unknown position #{}", parent.0),
            ));
        }
    }
    let position_cycles = loops(model.positions.len(), |i| {
        model
            .positions
            .get(i)
            .and_then(|p| p.parent)
            .map(PositionId::index)
    });
    for cycle in position_cycles {
        let names: Vec<&str> = cycle
            .iter()
            .map(|i| model.positions.get(*i).map_or("?", |p| p.name.as_str()))
            .collect();
        let first = names.first().copied().unwrap_or("?");
        issues.push(
            Issue::error(
                IssueCode::PositionCycle,
                format!("positions.{}.parent", key(first)),
                format!("cycle in positions `{} → {first}`", names.join(" → ")),
            )
            .with_help("positions form a tree (HIER-9): the top position has no parent"),
        );
    }
}
