// Lint: L003 team-role-outside-bu
//
// What: a team holding security roles has members from business units outside the team's BU
// subtree (members in child BUs are left out: a Parent: Child Business Units role reaches them).
// Why: a team's roles apply in the team's business unit (or the assigned role copy's BU under
// modernized BUs), not in each member's own BU (TEAM-7, ROLE-8, EVAL-5; seed file 001: "they
// benefit from each security role, but in their respective contexts"). Such members reach the
// team's BU through the team, and nothing more of their own BU: often intended (a pre-sales
// consultant helping two countries), sometimes a misunderstanding.
// Fix: none when intended; otherwise give the members a direct role in their own BU, or use a
// team in their BU.
//! L003: team roles that apply outside their members' business units (TEAM-7, ROLE-8).

use super::{Ctx, Finding, Lint, Severity, name_list};
use crate::eval::grants::context_bu;
use crate::model::{BuId, TeamId, TeamKind};

pub(super) const LINT: Lint = Lint {
    id: "L003",
    slug: "team-role-outside-bu",
    summary: "a team's roles apply in the team's business unit, not in its members' own",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        if !team.kind.holds_roles() || team.kind == TeamKind::Default || team.roles.is_empty() {
            continue;
        }
        let mut contexts: Vec<BuId> = team
            .roles
            .iter()
            .map(|a| context_bu(model, a, team.bu))
            .collect();
        contexts.sort_unstable();
        contexts.dedup();
        let outsiders: Vec<String> = model
            .members_of(TeamId::from_index(t))
            .into_iter()
            .filter_map(|u| model.users.get(u.index()))
            .filter(|u| !contexts.iter().any(|c| model.bu_in_subtree(u.bu, *c)))
            .map(|u| format!("{} ({})", u.name, model.bu_name(u.bu)))
            .collect();
        if outsiders.is_empty() {
            continue;
        }
        let context_names: Vec<&str> = contexts.iter().map(|b| model.bu_name(*b)).collect();
        let role_names: Vec<&str> = team.roles.iter().map(|a| model.role_name(a.role)).collect();
        out.push(LINT.finding(
            Severity::Info,
            format!("teams.{}.members", team.name),
            format!(
                "team `{}` applies {} in {}, where {} {} not based",
                team.name,
                name_list(&role_names, 3),
                name_list(&context_names, 3),
                name_list(&outsiders, 4),
                if outsiders.len() == 1 { "is" } else { "are" }
            ),
            "a role assigned to a team is evaluated in the team's business unit context, not \
             each member's (TEAM-7, ROLE-8, EVAL-5; seed file 001: members benefit from each \
             role in its own context): these members reach the team's BU data through the team, \
             and their own BU only through their direct roles",
            "nothing if members from other BUs are meant to work the team's BU; otherwise give \
             them a direct role in their own BU or a team in it",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn team_7_member_from_another_bu() {
        check(
            r#"
            business_units: {Root: null, FR: Root, DE: Root, Munich: DE}
            tables: {account: user_or_team}
            roles:
              R_Country: {privileges: {account: {read: bu}}}
            users:
              U_fr: {bu: FR, roles: [R_Country]}
              U_de: {bu: DE, roles: [R_Country]}
              U_munich: {bu: Munich, roles: [R_Country]}
            teams:
              T_de: {type: owner, bu: DE, members: [U_fr, U_de, U_munich], roles: [R_Country]}
              T_access: {type: access, bu: DE, members: [U_fr]}
            "#,
            "L003",
            &[
                "info teams.T_de.members: team `T_de` applies `R_Country` in `DE`, where `U_fr (FR)` is not based",
            ],
        );
    }
}
