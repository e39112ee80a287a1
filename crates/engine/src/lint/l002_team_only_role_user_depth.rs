// Lint: L002 team-only-role-user-depth
//
// What: a role with member's privilege inheritance "Team privileges only", held by a team, that
// grants a verb at User depth to members who have no other grant of that verb usable on their
// own records.
// Why: with Team privileges only, a User-depth privilege works only on records the TEAM owns, not
// on the records each member owns (TEAM-6, EVAL-4, ROLE-3; seed file 001: "a security role
// containing a read privilege with a user access level, assigned to a team the user belongs to
// would not work"). Members then cannot open their own records. Create is left out: creating
// records owned by the team is what such a role is for (TEAM-6).
// Fix: switch the role to "Direct User (Basic) access level and Team privileges", or give the
// members a direct role with the User-depth privilege.
//! L002: User depth on a Team-privileges-only role (TEAM-6).

use super::{Ctx, Finding, Lint, Severity, name_list, plural};
use crate::eval::UserFacts;
use crate::model::{Depth, Inheritance, Principal, RoleId, TeamId, UserId, Verb};

pub(super) const LINT: Lint = Lint {
    id: "L002",
    slug: "team-only-role-user-depth",
    summary: "a Team-privileges-only role grants User depth that members cannot use on their own records",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (r, role) in model.roles.iter().enumerate() {
        let role_id = RoleId::from_index(r);
        if role.inheritance != Inheritance::TeamOnly {
            continue;
        }
        let teams: Vec<TeamId> = model
            .teams
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind.holds_roles() && t.roles.iter().any(|a| a.role == role_id))
            .map(|(i, _)| TeamId::from_index(i))
            .collect();
        if teams.is_empty() {
            continue;
        }
        let mut members: Vec<UserId> = teams.iter().flat_map(|t| model.members_of(*t)).collect();
        members.sort_unstable();
        members.dedup();
        for (set, depths) in &role.privileges {
            for verb in Verb::ALL {
                if verb == Verb::Create || depths.get(verb) != Depth::User {
                    continue;
                }
                // Members whose every grant of this verb is a Team-privileges-only team grant:
                // none of them works on records the member owns (Grant::usable_for_owned).
                let stranded: Vec<UserId> = members
                    .iter()
                    .copied()
                    .filter(|u| {
                        let facts = UserFacts::new(model, *u);
                        facts.sysadmin.is_none()
                            && !facts
                                .grants(model, *set, verb)
                                .iter()
                                .any(|g| g.usable_for_owned(Principal::User(*u)))
                    })
                    .collect();
                if stranded.is_empty() {
                    continue;
                }
                let names: Vec<&str> = stranded.iter().map(|u| model.user_name(*u)).collect();
                let team_names: Vec<&str> = teams.iter().map(|t| model.team_name(*t)).collect();
                let owned = ctx.data.map(|data| {
                    data.records
                        .iter()
                        .filter(|rec| {
                            model.priv_set(rec.table) == *set
                                && rec.owner.is_some_and(|o| {
                                    stranded.iter().any(|u| o == Principal::User(*u))
                                })
                        })
                        .count()
                });
                let data_note = match owned {
                    Some(n) if n > 0 => format!(
                        " In the sample data these members own {} of `{}` that this privilege does not reach.",
                        plural(n, "record", "records"),
                        model.priv_set_name(*set)
                    ),
                    _ => String::new(),
                };
                out.push(LINT.finding(
                    Severity::Warning,
                    format!(
                        "roles.{}.privileges.{}.{}",
                        role.name,
                        model.priv_set_name(*set),
                        verb.as_str()
                    ),
                    format!(
                        "team-only role `{}` grants `{}` on `{}` at User depth, which reaches only records owned by {} {}, not those {} own",
                        role.name,
                        verb.as_str(),
                        model.priv_set_name(*set),
                        if team_names.len() == 1 { "team" } else { "teams" },
                        name_list(&team_names, 3),
                        name_list(&names, 4)
                    ),
                    format!(
                        "with member's privilege inheritance set to Team privileges only, members \
                         can use the privilege only for records owned by the team (TEAM-6, EVAL-4); \
                         User depth on a team role never exposes records owned by the members \
                         themselves or by other members (ROLE-3; seed file 001).{data_note}"
                    ),
                    format!(
                        "set `{}` to Direct User (Basic) access level and Team privileges, or give {} a direct role with `{}` on `{}`",
                        role.name,
                        name_list(&names, 4),
                        verb.as_str(),
                        model.priv_set_name(*set)
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::{check, findings};

    const FIXTURE: &str = r#"
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_TeamOnly: {inheritance: team_only, privileges: {account: {create: user, read: user, write: bu}}}
          R_Base: {privileges: {account: {read: user}}}
        users:
          U_member: {bu: Sales}
          U_based: {bu: Sales, roles: [R_Base]}
        teams:
          T_sales: {type: owner, bu: Sales, members: [U_member, U_based], roles: [R_TeamOnly]}
        records:
          A_mine: {table: account, owner: U_member}
          A_team: {table: account, owner: T_sales}
    "#;

    #[test]
    fn team_6_user_read_on_team_only_role() {
        check(
            FIXTURE,
            "L002",
            &[
                "warning roles.R_TeamOnly.privileges.account.read: team-only role `R_TeamOnly` grants `read` on `account` at User depth, which reaches only records owned by team `T_sales`, not those `U_member` own",
            ],
        );
    }

    #[test]
    fn team_6_counts_records_the_members_own() {
        let found = findings(FIXTURE, "L002");
        assert!(
            found[0].explanation.contains("own 1 record of `account`"),
            "{}",
            found[0].explanation
        );
    }

    #[test]
    fn team_6_direct_user_inheritance_is_fine() {
        check(
            &FIXTURE.replace("inheritance: team_only", "inheritance: direct"),
            "L002",
            &[],
        );
    }
}
