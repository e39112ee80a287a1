// Lint: L007 sharing-sprawl
//
// What: a sample record shared with more principals than a threshold (default 5,
// `LintOptions::max_shares_per_record`). Needs the dataset.
// Why: sharing is the per-record exception to the role design (SHARE-1, EVAL-6); each share is a
// POA row nobody reviews, it reaches across business units (SHARE-4) and cascades to child
// records (SHARE-6, CASC-3). Many shares on one record mean the role or team design does not fit
// how people work (seed file 000: corner cases need a process, not ad-hoc deviations).
// Fix: share with one team instead of many users, use an access team template for records that
// routinely need a record team (TEAM-9), or revisit the roles' depth.
//! L007: records shared with many principals (SHARE-1, TEAM-9).

use super::{Ctx, Finding, Lint, Severity, name_list};
use crate::model::RecordId;

pub(super) const LINT: Lint = Lint {
    id: "L007",
    slug: "sharing-sprawl",
    summary: "a record is shared with more principals than the threshold",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (model, Some(data)) = (ctx.model, ctx.data) else {
        return Vec::new();
    };
    let max = ctx.options.max_shares_per_record;
    let mut out = Vec::new();
    for (i, record) in data.records.iter().enumerate() {
        let mut principals: Vec<&str> = data
            .shares_of(RecordId::from_index(i))
            .iter()
            .filter(|s| !s.rights.is_empty())
            .map(|s| model.principal_name(s.principal))
            .collect();
        principals.sort_unstable();
        principals.dedup();
        if principals.len() <= max {
            continue;
        }
        out.push(LINT.finding(
            Severity::Warning,
            format!("records.{}.shares", record.name),
            format!(
                "record `{}` of `{}` is shared with {} principals (threshold {max})",
                record.name,
                model.table_name(record.table),
                principals.len()
            ),
            format!(
                "every share is a per-record exception to the role design (SHARE-1, EVAL-6): it \
                 crosses business units (SHARE-4), cascades to child records (SHARE-6, CASC-3) \
                 and is rarely reviewed; {} is shared with {}. Seed file 000: exceptions need a \
                 process, not ad-hoc deviations",
                record.name,
                name_list(&principals, 8)
            ),
            "share with one team instead of many users, use an access team template (TEAM-9), or revisit the roles' depth",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn share_1_record_shared_with_six_users() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            roles:
              R: {privileges: {account: {read: user}}}
            users:
              U0: {bu: Root, roles: [R]}
              U1: {bu: Root, roles: [R]}
              U2: {bu: Root, roles: [R]}
              U3: {bu: Root, roles: [R]}
              U4: {bu: Root, roles: [R]}
              U5: {bu: Root, roles: [R]}
              U6: {bu: Root, roles: [R]}
            records:
              A_wide: {table: account, owner: U0}
              A_few: {table: account, owner: U0}
            shares:
              - {record: A_wide, principal: U1, rights: [read]}
              - {record: A_wide, principal: U2, rights: [read]}
              - {record: A_wide, principal: U3, rights: [read]}
              - {record: A_wide, principal: U4, rights: [read]}
              - {record: A_wide, principal: U5, rights: [read]}
              - {record: A_wide, principal: U6, rights: [read, write]}
              - {record: A_few, principal: U1, rights: [read]}
            "#,
            "L007",
            &[
                "warning records.A_wide.shares: record `A_wide` of `account` is shared with 6 principals (threshold 5)",
            ],
        );
    }
}
