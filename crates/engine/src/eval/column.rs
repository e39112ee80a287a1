//! Column (field) security: secured columns, profiles for users and teams, per-record column
//! shares, System Administrator (FLS-1..FLS-9).

use crate::data::{ColumnShare, Dataset};
use crate::eval::access::{Collect, record_access};
use crate::eval::grants;
use crate::eval::{Outcome, Verdict};
use crate::model::{ColumnPermission, Model, Principal, RecordId, TableId, UserId, Verb};

/// Whether a profile of the user (directly or through a team) grants `want` on the column
/// (FLS-2; several profiles add up, A-17).
pub fn column_permission(
    model: &Model,
    user: UserId,
    table: TableId,
    column: &str,
    want: impl Fn(&ColumnPermission) -> bool,
) -> bool {
    if grants::system_administrator(model, user).is_some() {
        return true; // FLS-3
    }
    let teams = model.teams_of(user);
    let direct = model
        .users
        .get(user.index())
        .map(|u| u.field_profiles.as_slice())
        .unwrap_or_default();
    model.field_profiles.iter().enumerate().any(|(i, profile)| {
        let member = profile.users.contains(&user)
            || profile.teams.iter().any(|t| teams.contains(t))
            || direct.iter().any(|p| p.index() == i);
        member
            && profile
                .permissions
                .get(&(table, column.to_string()))
                .is_some_and(&want)
    })
}

/// Whether a per-record column share reaches the user or one of their teams (FLS-7).
pub fn column_shared(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: RecordId,
    column: &str,
    want: impl Fn(&ColumnShare) -> bool,
) -> bool {
    let teams = model.teams_of(user);
    data.column_shares.iter().any(|s| {
        s.record == record
            && s.column == column
            && match s.principal {
                Principal::User(u) => u == user,
                Principal::Team(t) => teams.contains(&t),
                Principal::Organization => true,
            }
            && want(s)
    })
}

/// Reading one column: record access first (FLS-4), then column security (FLS-3, FLS-6).
pub fn read_column(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: RecordId,
    column: &str,
) -> Verdict {
    let Some(rec) = data.record(record) else {
        return Verdict {
            outcome: Outcome::Error,
            summary: "unknown record".into(),
            ..Verdict::default()
        };
    };
    let access = record_access(model, data, user, Verb::Read, record, Collect::First);
    let who = model.user_name(user);
    if !access.allowed() {
        let mut verdict = crate::eval::ops::record_verdict(model, data, user, Verb::Read, record);
        verdict.rules.push("FLS-4");
        return verdict;
    }
    let secured = model
        .tables
        .get(rec.table.index())
        .is_some_and(|t| t.secured_columns.contains(column));
    let (outcome, summary, rules): (Outcome, String, Vec<&'static str>) = if !secured {
        (
            Outcome::Visible,
            format!(
                "`{column}` is not secured and `{who}` can read `{}`",
                rec.name
            ),
            vec!["FLS-4"],
        )
    } else if grants::system_administrator(model, user).is_some() {
        (
            Outcome::Visible,
            format!("`{who}` is System Administrator, who sees every secured column"),
            vec!["FLS-3", "EVAL-8"],
        )
    } else if column_permission(model, user, rec.table, column, |p| p.read) {
        (
            Outcome::Visible,
            format!("a column security profile of `{who}` grants Read on `{column}`"),
            vec!["FLS-2"],
        )
    } else if column_shared(model, data, user, record, column, |s| s.read) {
        (
            Outcome::Visible,
            format!(
                "`{column}` of `{}` is shared with `{who}` for reading",
                rec.name
            ),
            vec!["FLS-7"],
        )
    } else {
        (
            Outcome::Hidden,
            format!(
                "`{column}` is secured and no profile or column share gives `{who}` Read; the API returns no data"
            ),
            vec!["FLS-3", "FLS-6"],
        )
    };
    Verdict {
        outcome,
        summary,
        rules,
        paths: access.paths,
        fixes: Vec::new(),
    }
}
