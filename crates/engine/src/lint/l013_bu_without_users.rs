// Lint: L013 bu-without-users
//
// What: a business unit with no users and no teams of its own (a BU that only holds owner teams
// is a deliberate place to dispatch team-owned records, seed file 001, and is left alone).
// Why: a business unit segregates data by its owners' BU (BU-7, BU-9) and scopes roles (BU-6);
// with no users and no teams nothing is owned there and its default team has nobody (BU-4). It
// is either a leftover of a reorganisation or a structure nobody was moved into — and its
// Business Unit depth grants reach nothing.
// Fix: move the intended users or teams in (BU-8 removes their roles on the way), or delete the
// business unit.
//! L013: business units without users (BU-3, BU-4).

use super::{Ctx, Finding, Lint, Severity, plural};
use crate::model::{BuId, TeamKind};

pub(super) const LINT: Lint = Lint {
    id: "L013",
    slug: "bu-without-users",
    summary: "a business unit has no users and no teams",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (b, bu) in model.bus.iter().enumerate() {
        let bu_id = BuId::from_index(b);
        let has_users = model.users.iter().any(|u| u.bu == bu_id);
        let has_teams = model
            .teams
            .iter()
            .any(|t| t.bu == bu_id && t.kind != TeamKind::Default);
        if has_users || has_teams {
            continue;
        }
        let n_children = model.bus.iter().filter(|x| x.parent == Some(bu_id)).count();
        let n_records = ctx.data.map_or(0, |data| {
            data.records
                .iter()
                .filter(|r| r.owning_bu == Some(bu_id))
                .count()
        });
        let mut detail = format!(
            "it has {}",
            plural(n_children, "child business unit", "child business units")
        );
        if ctx.data.is_some() {
            detail.push_str(&format!(
                " and owns {} in the sample data",
                plural(n_records, "record", "records")
            ));
        }
        out.push(LINT.finding(
            Severity::Info,
            format!("business_units.{}", bu.name),
            format!("business unit `{}` has no users and no teams", bu.name),
            format!(
                "records belong to their owner's business unit (BU-7) and depth is measured \
                 against it (BU-9); with no users and no teams nothing is owned here and its \
                 default team is empty (BU-4); {detail}. Seed file 001: a BU may exist only to \
                 hold team-owned records, but then it has its owner teams"
            ),
            format!(
                "move the intended users or teams into `{}` (their roles are removed on the way, BU-8), or delete it",
                bu.name
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn bu_3_empty_business_unit() {
        check(
            r#"
            business_units: {Root: null, Sales: Root, Empty: Root, TeamsOnly: Root}
            tables: {account: user_or_team}
            roles:
              R: {privileges: {account: {read: user}}}
            users:
              U1: {bu: Sales, roles: [R]}
            teams:
              T_dispatch: {type: owner, bu: TeamsOnly, members: [U1], roles: [R]}
            "#,
            "L013",
            &["info business_units.Empty: business unit `Empty` has no users and no teams"],
        );
    }
}
