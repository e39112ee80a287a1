// Lint: L001 user-without-direct-role
//
// What: an enabled user with no security role assigned directly — only roles through teams, or
// no role at all.
// Why: team roles apply in the team's business unit and cannot give a user the privileges they
// need on their own user-owned records, personal views, charts and dashboards (TEAM-8, ROLE-8,
// TEAM-7; seed file 001: "users should have at least one security role directly assigned to
// them"). A user with no role at all, directly or through a group team, cannot sign in (ROLE-11).
// Fix: assign the user a base role directly, in their own business unit.
//! L001: users without a directly assigned role (TEAM-8, ROLE-11).

use super::{Ctx, Finding, Lint, Severity, name_list};
use crate::eval::grants::{GrantSource, role_sources};
use crate::model::UserId;

pub(super) const LINT: Lint = Lint {
    id: "L001",
    slug: "user-without-direct-role",
    summary: "an enabled user has no security role assigned directly",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (i, user) in model.users.iter().enumerate() {
        if !user.enabled || !user.roles.is_empty() {
            continue;
        }
        let subject = format!("users.{}.roles", user.name);
        let mut team_names: Vec<&str> = role_sources(model, UserId::from_index(i))
            .iter()
            .filter_map(|(_, _, source)| match source {
                GrantSource::Team { team, .. } => Some(model.team_name(*team)),
                GrantSource::Direct => None,
            })
            .collect();
        team_names.dedup();
        if team_names.is_empty() {
            out.push(LINT.finding(
                Severity::Error,
                subject,
                format!(
                    "user `{}` has no security role, directly or through a team",
                    user.name
                ),
                "the service does not let a user without at least one security role in: every \
                 operation fails the privilege check (ROLE-11, EVAL-2)",
                format!(
                    "assign `{}` a base role directly in `{}`",
                    user.name,
                    model.bu_name(user.bu)
                ),
            ));
        } else {
            out.push(LINT.finding(
                Severity::Warning,
                subject,
                format!(
                    "user `{}` holds roles only through {} {}",
                    user.name,
                    if team_names.len() == 1 { "team" } else { "teams" },
                    name_list(&team_names, 4)
                ),
                format!(
                    "team roles apply in the team's business unit, not the user's (TEAM-7, ROLE-8), \
                     and cannot give the privileges a user needs on the records they own, nor \
                     personal views, charts and dashboards, which a team cannot own (TEAM-8; seed \
                     file 001: every user should hold at least one security role directly). A \
                     group team role with Direct User inheritance softens this (TEAM-3, TEAM-6), \
                     but `{}` still works outside their own business unit `{}`",
                    user.name,
                    model.bu_name(user.bu)
                ),
                format!(
                    "assign `{}` a base role directly in `{}` (own records, personal views)",
                    user.name,
                    model.bu_name(user.bu)
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn team_8_user_with_only_team_roles() {
        check(
            r#"
            business_units: {Root: null, Sales: Root}
            tables: {account: user_or_team}
            roles:
              R_Team: {privileges: {account: {read: bu}}}
              R_Base: {privileges: {account: {read: user}}}
            users:
              U_team_only: {bu: Sales}
              U_direct: {bu: Sales, roles: [R_Base]}
            teams:
              T_sales: {type: owner, bu: Sales, members: [U_team_only, U_direct], roles: [R_Team]}
            "#,
            "L001",
            &[
                "warning users.U_team_only.roles: user `U_team_only` holds roles only through team `T_sales`",
            ],
        );
    }

    #[test]
    fn role_11_user_without_any_role_is_an_error() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            users:
              U_none: {bu: Root}
              U_off: {bu: Root, enabled: false}
            "#,
            "L001",
            &[
                "error users.U_none.roles: user `U_none` has no security role, directly or through a team",
            ],
        );
    }

    #[test]
    fn default_team_role_counts_as_a_team_role() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            roles:
              R_All: {privileges: {account: {read: org}}}
            users:
              U1: {bu: Root}
            teams:
              Root: {type: default, bu: Root, roles: [R_All]}
            "#,
            "L001",
            &["warning users.U1.roles: user `U1` holds roles only through team `Root`"],
        );
    }
}
