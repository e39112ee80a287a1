// Lint: L012 team-without-members
//
// What: an owner or access team with no members (default teams are covered by L013, Microsoft
// Entra group teams get their members at sign-in, TEAM-3). Raised to a warning when the team owns
// sample records.
// Why: a team without members gives nobody access: its roles reach no one (TEAM-2), shares with it
// reach no one (TEAM-4), and records it owns are reachable only through role depth, shares or
// hierarchy, never through ownership (EVAL-4). Usually a leftover of a reorganisation, or a team
// whose members were never added.
// Fix: add the intended members, or reassign its records and delete the team (an owner team with
// no records and no roles can also become an access team, TEAM-5).
//! L012: teams without members (TEAM-2, TEAM-4, EVAL-4).

use super::{Ctx, Finding, Lint, Severity, plural};
use crate::model::{Principal, TeamId, TeamKind};

pub(super) const LINT: Lint = Lint {
    id: "L012",
    slug: "team-without-members",
    summary: "an owner or access team has no members",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        if !matches!(team.kind, TeamKind::Owner | TeamKind::Access)
            || team.record_team.is_some()
            || !team.members.is_empty()
        {
            continue;
        }
        let n_owned = ctx.data.map_or(0, |data| {
            data.records
                .iter()
                .filter(|r| r.owner == Some(Principal::Team(TeamId::from_index(t))))
                .count()
        });
        let owned_note = if n_owned > 0 {
            format!(
                " It owns {} in the sample data, which no one reaches through ownership.",
                plural(n_owned, "record", "records")
            )
        } else {
            String::new()
        };
        out.push(LINT.finding(
            if n_owned > 0 {
                Severity::Warning
            } else {
                Severity::Info
            },
            format!("teams.{}.members", team.name),
            format!("{} team `{}` has no members", team.kind.as_str(), team.name),
            format!(
                "a team gives access only to its members: its roles (TEAM-2), shares with it \
                 (TEAM-4) and records it owns (EVAL-4) reach no one.{owned_note}"
            ),
            format!(
                "add the intended members to `{}`, or reassign its records and delete it",
                team.name
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn team_2_empty_owner_team_owning_records() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            roles:
              R: {privileges: {account: {read: user}}}
            users:
              U1: {bu: Root, roles: [R]}
            teams:
              T_empty: {type: owner, bu: Root, roles: [R]}
              T_access: {type: access, bu: Root}
              T_full: {type: access, bu: Root, members: [U1]}
            records:
              A1: {table: account, owner: T_empty}
            "#,
            "L012",
            &[
                "info teams.T_access.members: access team `T_access` has no members",
                "warning teams.T_empty.members: owner team `T_empty` has no members",
            ],
        );
    }
}
