// Lint: L014 owner-team-access-on-leaving
//
// What: an owner (or Microsoft Entra group) team owning sample records that some members reach
// only through the team: leaving the team would cut them off. Estimated with the evaluator on
// the sample data, the member taken out of the team; needs the dataset.
// Why: team ownership gives every member access (TEAM-2, EVAL-4) and the team's roles apply in the
// team's BU (TEAM-7); a member who reads a record only that way loses it the moment they leave
// the team or the group (TEAM-3: Entra memberships refresh at sign-in). That is the design
// working — but handovers, absences and leavers need a plan, and records the business still
// expects the person to follow (seed file 001: how owners are determined) should not depend on
// team membership alone.
// Fix: nothing when intended; otherwise give those members a direct role reaching the team's BU,
// or share the records they must keep.
//! L014: members who would lose team-owned records on leaving the team (TEAM-2, EVAL-4).

use super::{Ctx, Finding, Lint, Severity, name_list, plural};
use crate::eval::Subject;
use crate::model::{Principal, PrivSet, RecordId, TeamId, TeamKind, UserId, Verb};

pub(super) const LINT: Lint = Lint {
    id: "L014",
    slug: "owner-team-access-on-leaving",
    summary: "members of an owner team reach some of its records only through the team",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (model, Some(data)) = (ctx.model, ctx.data) else {
        return Vec::new();
    };
    let mut scratch = model.clone();
    let mut out = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        if !team.kind.holds_roles() || team.kind == TeamKind::Default {
            continue;
        }
        let team_id = TeamId::from_index(t);
        let mut owned: Vec<(PrivSet, RecordId)> = data
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.owner == Some(Principal::Team(team_id)))
            .map(|(i, r)| (model.priv_set(r.table), RecordId::from_index(i)))
            .collect();
        if owned.is_empty() {
            continue;
        }
        owned.sort_unstable();
        let mut sets: Vec<PrivSet> = owned.iter().map(|(s, _)| *s).collect();
        sets.dedup();
        let mut losses: Vec<(UserId, usize)> = Vec::new();
        for member in model.members_of(team_id) {
            if let Some(scratch_team) = scratch.teams.get_mut(t) {
                scratch_team.members.retain(|m| *m != member);
            }
            let mut lost = 0;
            for set in &sets {
                let before = Subject::new(model, member, *set, Verb::Read);
                let after = Subject::new(&scratch, member, *set, Verb::Read);
                lost += owned
                    .iter()
                    .filter(|(s, r)| s == set && before.allows(data, *r) && !after.allows(data, *r))
                    .count();
            }
            if let (Some(scratch_team), Some(original)) =
                (scratch.teams.get_mut(t), model.teams.get(t))
            {
                scratch_team.members.clone_from(&original.members);
            }
            if lost > 0 {
                losses.push((member, lost));
            }
        }
        if losses.is_empty() {
            continue;
        }
        let described: Vec<String> = losses
            .iter()
            .map(|(u, n)| format!("{} ({n})", model.user_name(*u)))
            .collect();
        let max_lost = losses.iter().map(|(_, n)| *n).max().unwrap_or(0);
        out.push(LINT.finding(
            Severity::Info,
            format!("teams.{}", team.name),
            format!(
                "{} would lose read access to up to {} of the {} owned by `{}` on leaving it",
                plural(losses.len(), "member", "members"),
                max_lost,
                plural(owned.len(), "record", "records"),
                team.name
            ),
            format!(
                "team ownership gives every member access (TEAM-2, EVAL-4) and the team's roles \
                 apply in the team's business unit (TEAM-7); these members reach the records only \
                 that way, so leaving the team cuts them off: {} (records lost). Plan handovers \
                 and absences; seed file 001: decide how owners are determined",
                name_list(&described, 8).replace('`', "")
            ),
            format!(
                "nothing if intended; otherwise give those members a direct role reaching `{}`, or share the records they must keep",
                model.bu_name(team.bu)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::{check, findings};

    const FIXTURE: &str = r#"
        business_units: {Root: null, Store: Root}
        tables: {item: user_or_team, incident: user_or_team}
        roles:
          R_staff: {privileges: {incident: {read: bu}}}
          R_team: {inheritance: team_only, privileges: {item: {read: bu}, incident: {read: user}}}
        users:
          U_clerk: {bu: Store, roles: [R_staff]}
          U_mgr: {bu: Store, roles: [R_staff]}
        teams:
          T_store: {type: owner, bu: Store, members: [U_clerk, U_mgr], roles: [R_team]}
        records:
          I_stock: {table: item, owner: T_store}
          I_case: {table: incident, owner: T_store}
    "#;

    #[test]
    fn team_2_members_lose_team_owned_stock() {
        check(
            FIXTURE,
            "L014",
            &[
                "info teams.T_store: 2 members would lose read access to up to 1 of the 2 records owned by `T_store` on leaving it",
            ],
        );
        let found = findings(FIXTURE, "L014");
        assert!(
            found[0].explanation.contains("U_clerk (1)"),
            "{}",
            found[0].explanation
        );
    }
}
