// Lint: L008 redundant-share
//
// What: a share granting rights the recipient already holds without it — a user who reaches the
// record through role depth, ownership, a team, an inherited share or hierarchy anyway, or a team
// whose every member does. Checked with the evaluator on the sample data minus that one share.
// Needs the dataset.
// Why: access is the union of every path (EVAL-3, EVAL-9, SHARE-5), so such a share adds nothing
// today; it becomes the only path the day the recipient changes BU or role (BU-8), silently
// keeping access that the new design meant to remove. Redundant shares also hide the shares that
// matter in reviews (seed file 001: keep the model documented).
// Fix: revoke the share (SHARE-8), or keep it and suppress with the reason it must survive a
// change of role or business unit.
//! L008: shares that add nothing to the recipient's access (EVAL-9, SHARE-5).

use super::{Ctx, Finding, Lint, Severity, name_list};
use crate::data::Dataset;
use crate::eval::Subject;
use crate::model::{Principal, RecordId, Rights, UserId, Verb};

pub(super) const LINT: Lint = Lint {
    id: "L008",
    slug: "redundant-share",
    summary: "a share grants rights its recipient already holds without it",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (model, Some(data)) = (ctx.model, ctx.data) else {
        return Vec::new();
    };
    let mut without = data.clone();
    let mut out = Vec::new();
    for (i, record) in data.records.iter().enumerate() {
        let record_id = RecordId::from_index(i);
        for (j, share) in data.shares_of(record_id).iter().enumerate() {
            if share.rights.is_empty() {
                continue;
            }
            let users: Vec<UserId> = match share.principal {
                Principal::User(u) => vec![u],
                Principal::Team(t) => model.members_of(t),
                Principal::Organization => continue,
            };
            if users.is_empty() {
                continue;
            }
            set_rights(&mut without, record_id, j, Rights::NONE);
            let mut reasons: Vec<String> = Vec::new();
            let redundant = users.iter().all(|u| {
                let held = share.rights.verbs().all(|verb| {
                    Subject::new(model, *u, model.priv_set(record.table), verb)
                        .allows(&without, record_id)
                });
                if held
                    && let Some(path) =
                        Subject::new(model, *u, model.priv_set(record.table), Verb::Read)
                            .first_path(&without, record_id)
                {
                    reasons.push(format!(
                        "{} ({} [{}])",
                        model.user_name(*u),
                        path.reason().label(),
                        path.rules().join(", ")
                    ));
                }
                held
            });
            set_rights(&mut without, record_id, j, share.rights);
            if !redundant {
                continue;
            }
            let recipient = model.principal_name(share.principal);
            out.push(LINT.finding(
                Severity::Info,
                format!("records.{}.shares.{}", record.name, recipient),
                format!(
                    "share of `{}` with `{}` ({}) grants nothing {} did not already hold",
                    record.name,
                    recipient,
                    share.rights.describe(),
                    if matches!(share.principal, Principal::Team(_)) {
                        "its members"
                    } else {
                        "they"
                    }
                ),
                format!(
                    "access is the union of every path (EVAL-3, EVAL-9, SHARE-5); without this \
                     share the evaluator still grants it: {}. The share becomes the only path \
                     when the recipient changes role or business unit (BU-8), keeping access the \
                     new design meant to remove",
                    name_list(&reasons, 6).replace('`', "")
                ),
                format!(
                    "revoke the share of `{}` with `{recipient}` (SHARE-8), or suppress with the reason it must survive a change of role or BU",
                    record.name
                ),
            ));
        }
    }
    out
}

/// Sets the direct rights of the `index`-th share of `record` in a scratch copy of the data.
fn set_rights(data: &mut Dataset, record: RecordId, index: usize, rights: Rights) {
    if let Some(share) = data
        .shares
        .get_mut(&record)
        .and_then(|shares| shares.get_mut(index))
    {
        share.rights = rights;
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn eval_9_share_to_a_user_who_reads_by_bu() {
        check(
            r#"
            business_units: {Root: null, Sales: Root, Other: Root}
            tables: {account: user_or_team}
            roles:
              R_Bu: {privileges: {account: {read: bu}}}
            users:
              U_owner: {bu: Sales, roles: [R_Bu]}
              U_colleague: {bu: Sales, roles: [R_Bu]}
              U_far: {bu: Other, roles: [R_Bu]}
            records:
              A1: {table: account, owner: U_owner}
            shares:
              - {record: A1, principal: U_colleague, rights: [read]}
              - {record: A1, principal: U_far, rights: [read]}
            "#,
            "L008",
            &[
                "info records.A1.shares.U_colleague: share of `A1` with `U_colleague` (read) grants nothing they did not already hold",
            ],
        );
    }

    #[test]
    fn share_5_write_share_is_not_redundant_when_only_read_is_held() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            roles:
              R_Bu: {privileges: {account: {read: bu, write: user}}}
            users:
              U_owner: {bu: Root, roles: [R_Bu]}
              U_colleague: {bu: Root, roles: [R_Bu]}
            records:
              A1: {table: account, owner: U_owner}
            shares:
              - {record: A1, principal: U_colleague, rights: [read, write]}
            "#,
            "L008",
            &[],
        );
    }
}
