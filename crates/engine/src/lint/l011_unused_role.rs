// Lint: L011 unused-role
//
// What: a custom role that reaches nobody: assigned to no user directly and to no team that
// holds roles and has members. Predefined roles (§12) are left out.
// Why: an unused role still has to be reviewed, copied to new business units (BU-6) and kept in
// step with the roles in use; it is also a ready-made elevation waiting for an assignment
// (ROLE-10 checks only the assigner). Seed file 001: keep the security model documented and lean.
// Fix: delete the role, or assign it where it was meant to go.
//! L011: roles nobody holds (ROLE-4, BU-6).

use super::{Ctx, Finding, Lint, Severity, holders, name_list};
use crate::model::RoleId;

pub(super) const LINT: Lint = Lint {
    id: "L011",
    slug: "unused-role",
    summary: "a custom role is assigned to nobody, directly or through teams",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (r, role) in model.roles.iter().enumerate() {
        let role_id = RoleId::from_index(r);
        if role.predefined.is_some() || !holders(model, role_id).is_empty() {
            continue;
        }
        let empty_teams: Vec<&str> = model
            .teams
            .iter()
            .filter(|t| t.roles.iter().any(|a| a.role == role_id))
            .map(|t| t.name.as_str())
            .collect();
        let message = if empty_teams.is_empty() {
            format!("role `{}` is assigned to no user or team", role.name)
        } else {
            format!(
                "role `{}` is assigned only to {} without members",
                role.name,
                name_list(&empty_teams, 4)
            )
        };
        out.push(LINT.finding(
            Severity::Info,
            format!("roles.{}", role.name),
            message,
            "a role nobody holds grants nothing (ROLE-4) but still has to be reviewed and kept \
             in step with the roles in use, and it is a ready-made elevation one assignment away \
             (ROLE-10 checks only the assigner); seed file 001: keep the model documented and lean",
            format!(
                "delete `{}`, or assign it where it was meant to go",
                role.name
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn role_4_unused_and_empty_team_roles() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            roles:
              R_used: {privileges: {account: {read: user}}}
              R_team: {privileges: {account: {read: bu}}}
              R_empty_team: {privileges: {account: {read: bu}}}
              R_orphan: {privileges: {account: {read: org}}}
            users:
              U1: {bu: Root, roles: [R_used]}
            teams:
              T_full: {type: owner, bu: Root, members: [U1], roles: [R_team]}
              T_empty: {type: owner, bu: Root, roles: [R_empty_team]}
            "#,
            "L011",
            &[
                "info roles.R_empty_team: role `R_empty_team` is assigned only to `T_empty` without members",
                "info roles.R_orphan: role `R_orphan` is assigned to no user or team",
            ],
        );
    }
}
