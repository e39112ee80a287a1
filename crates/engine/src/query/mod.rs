//! Bulk questions: what a user can see, who can see a record, the access matrix, what-if.
//!
//! Every answer goes through [`Subject`], the same access check as a single decision; this
//! module only chooses which records to ask about. [`DataIndex`] groups records by table and
//! owning BU, by owner and by share recipient, so that a user's reach is assembled from whole
//! BU buckets plus a short list of candidates (owned, shared, inherited, hierarchy) instead of
//! a scan of every record.

mod index;

pub use index::DataIndex;

use std::collections::HashSet;

use crate::data::Dataset;
use crate::eval::{AccessPath, Collect, Subject, UserFacts};
use crate::model::{Model, Ownership, Principal, RecordId, TableId, UserId, Verb};

/// A record a user reaches, with the first access path found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visible {
    /// The record.
    pub record: RecordId,
    /// Why (the first path of EVAL-10's order).
    pub path: AccessPath,
}

/// Records of `table` that could reach the subject other than by BU depth: owned by, shared
/// with, or below records owned by or shared with any of the user's principals (a superset,
/// filtered by the access check).
fn candidates(index: &DataIndex, principals: &[Principal]) -> Vec<RecordId> {
    let mut origins: Vec<RecordId> = Vec::new();
    for p in principals {
        origins.extend_from_slice(index.owned_by(*p));
        origins.extend_from_slice(index.shared_with(*p));
    }
    let mut seen: HashSet<RecordId> = origins.iter().copied().collect();
    let mut stack = origins.clone();
    while let Some(r) = stack.pop() {
        for child in index.children_of(r) {
            if seen.insert(*child) {
                origins.push(*child);
                stack.push(*child);
            }
        }
    }
    origins.sort_unstable();
    origins.dedup();
    origins
}

/// All principals a user's reach may come through (the union over verbs and tables).
fn user_principals(model: &Model, facts: &UserFacts) -> Vec<Principal> {
    let mut out = vec![Principal::User(facts.user), Principal::Organization];
    out.extend(facts.teams.iter().map(|t| Principal::Team(*t)));
    if model.settings.hierarchy.is_some() {
        for (report, _, teams) in &facts.reports {
            out.push(Principal::User(*report));
            out.extend(teams.iter().map(|t| Principal::Team(*t)));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Every record of `table` that `user` can `verb`, each with its first path, in record order.
pub fn visible(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
    table: TableId,
    verb: Verb,
) -> Vec<Visible> {
    let facts = UserFacts::new(model, user);
    let subject = Subject::with_facts(model, &facts, model.priv_set(table), verb);
    visible_for(
        model,
        data,
        index,
        &subject,
        &user_principals(model, &facts),
        table,
    )
}

fn visible_for(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    subject: &Subject<'_>,
    principals: &[Principal],
    table: TableId,
) -> Vec<Visible> {
    if !subject.privileged() {
        return Vec::new();
    }
    let org_owned = model
        .tables
        .get(table.index())
        .is_some_and(|t| t.ownership == Ownership::Organization);
    if org_owned || subject.reaches_everything() {
        return index
            .records_of(table)
            .iter()
            .filter_map(|r| {
                subject
                    .first_path(data, *r)
                    .map(|path| Visible { record: *r, path })
            })
            .collect();
    }
    let mut out: Vec<Visible> = Vec::new();
    for (bu, records) in index.records_by_bu(table) {
        if subject.covers_bu(*bu) {
            out.extend(records.iter().filter_map(|r| {
                subject
                    .first_path(data, *r)
                    .map(|path| Visible { record: *r, path })
            }));
        }
    }
    for r in candidates(index, principals) {
        let Some(rec) = data.record(r) else { continue };
        if rec.table != table || rec.owning_bu.is_some_and(|b| subject.covers_bu(b)) {
            continue;
        }
        if let Some(path) = subject.first_path(data, r) {
            out.push(Visible { record: r, path });
        }
    }
    out.sort_unstable_by_key(|v| v.record);
    out
}

/// How many records of `table` the subject reaches, without listing them.
fn count_for(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    subject: &Subject<'_>,
    candidates: &[RecordId],
    table: TableId,
) -> usize {
    if !subject.privileged() {
        return 0;
    }
    let org_owned = model
        .tables
        .get(table.index())
        .is_some_and(|t| t.ownership == Ownership::Organization);
    if org_owned || subject.reaches_everything() {
        return index.records_of(table).len();
    }
    let mut count: usize = index
        .records_by_bu(table)
        .iter()
        .filter(|(bu, _)| subject.covers_bu(*bu))
        .map(|(_, records)| records.len())
        .sum();
    let owning = subject.owning_principals(table).unwrap_or_default();
    for p in &owning {
        count += index
            .owned_counts(*p, table)
            .iter()
            .filter(|(bu, _)| !subject.covers_bu(*bu))
            .map(|(_, n)| *n as usize)
            .sum::<usize>();
    }
    for r in candidates {
        let Some(rec) = data.record(*r) else { continue };
        if rec.table != table
            || rec.owning_bu.is_some_and(|b| subject.covers_bu(b))
            || rec.owner.is_some_and(|o| owning.binary_search(&o).is_ok())
        {
            continue;
        }
        if subject.allows(data, *r) {
            count += 1;
        }
    }
    count
}

/// The verbs the access matrix counts.
pub const MATRIX_VERBS: [Verb; 5] = [
    Verb::Read,
    Verb::Write,
    Verb::Delete,
    Verb::Assign,
    Verb::Share,
];

/// Counts of records per user × table for each of [`MATRIX_VERBS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Row order.
    pub users: Vec<UserId>,
    /// Column order.
    pub tables: Vec<TableId>,
    /// `counts[(u * tables.len() + t) * MATRIX_VERBS.len() + v]`.
    pub counts: Vec<u32>,
}

impl Matrix {
    /// The count for row `u`, column `t` and verb `verb`.
    pub fn get(&self, u: usize, t: usize, verb: Verb) -> u32 {
        let v = MATRIX_VERBS.iter().position(|x| *x == verb).unwrap_or(0);
        self.counts
            .get((u * self.tables.len() + t) * MATRIX_VERBS.len() + v)
            .copied()
            .unwrap_or(0)
    }
}

/// The user × table access matrix (counts of readable, writable, deletable, assignable and
/// shareable records).
pub fn matrix(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    users: &[UserId],
    tables: &[TableId],
) -> Matrix {
    let mut counts = Vec::with_capacity(users.len() * tables.len() * MATRIX_VERBS.len());
    for user in users {
        let facts = UserFacts::new(model, *user);
        let candidates = candidates(index, &user_principals(model, &facts));
        for table in tables {
            for verb in MATRIX_VERBS {
                let subject = Subject::with_facts(model, &facts, model.priv_set(*table), verb);
                let n = count_for(model, data, index, &subject, &candidates, *table);
                counts.push(u32::try_from(n).unwrap_or(u32::MAX));
            }
        }
    }
    Matrix {
        users: users.to_vec(),
        tables: tables.to_vec(),
        counts,
    }
}

/// Counts per table of the records a user can `verb`.
pub fn counts_per_table(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
    verb: Verb,
) -> Vec<(TableId, usize)> {
    let facts = UserFacts::new(model, user);
    let candidates = candidates(index, &user_principals(model, &facts));
    (0..model.tables.len())
        .map(TableId::from_index)
        .map(|table| {
            let subject = Subject::with_facts(model, &facts, model.priv_set(table), verb);
            (
                table,
                count_for(model, data, index, &subject, &candidates, table),
            )
        })
        .collect()
}

/// Every user who can `verb` the record, with every path (teams expanded; hierarchy managers
/// included, unlike Dataverse's Who has access, HIER-11).
pub fn who_can(
    model: &Model,
    data: &Dataset,
    verb: Verb,
    record: RecordId,
) -> Vec<(UserId, Vec<AccessPath>)> {
    let Some(rec) = data.record(record) else {
        return Vec::new();
    };
    let set = model.priv_set(rec.table);
    (0..model.users.len())
        .map(UserId::from_index)
        .filter_map(|user| {
            let access = Subject::new(model, user, set, verb).access(data, record, Collect::All);
            access.allowed().then_some((user, access.paths))
        })
        .collect()
}

/// One user's change of reach on one table for one verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessChange {
    /// The user.
    pub user: UserId,
    /// The table.
    pub table: TableId,
    /// The verb.
    pub verb: Verb,
    /// Records newly reached.
    pub gained: Vec<RecordId>,
    /// Records no longer reached.
    pub lost: Vec<RecordId>,
}

/// What changes when the model goes from `before` to `after` over the same data: every
/// (user, table, verb) whose reach changes, with the records gained and lost.
///
/// Only pairs whose inputs differ are recomputed: a user whose teams, role sources, hierarchy
/// reports and grants on a privilege set are the same in both models (and settings unchanged)
/// keeps their answer.
pub fn what_if(
    before: &Model,
    after: &Model,
    data: &Dataset,
    index: &DataIndex,
    verbs: &[Verb],
) -> Vec<AccessChange> {
    let settings_changed = before.settings != after.settings
        || before.bus != after.bus
        || before.tables.len() != after.tables.len();
    let n_users = before.users.len().min(after.users.len());
    let mut out = Vec::new();
    for user in (0..n_users).map(UserId::from_index) {
        let facts_before = UserFacts::new(before, user);
        let facts_after = UserFacts::new(after, user);
        let user_changed = settings_changed
            || facts_before.teams != facts_after.teams
            || facts_before.sources != facts_after.sources
            || facts_before.sysadmin != facts_after.sysadmin
            || facts_before.reports != facts_after.reports
            || before.users.get(user.index()).map(|u| u.bu)
                != after.users.get(user.index()).map(|u| u.bu);
        let principals_before = user_principals(before, &facts_before);
        let principals_after = user_principals(after, &facts_after);
        for table in (0..before.tables.len()).map(TableId::from_index) {
            let set = before.priv_set(table);
            for verb in verbs {
                let grants_same = facts_before.grants(before, set, *verb)
                    == facts_after.grants(after, set, *verb)
                    && facts_before.grants(before, set, Verb::Read)
                        == facts_after.grants(after, set, Verb::Read);
                if !user_changed && grants_same {
                    continue;
                }
                let old = visible_for(
                    before,
                    data,
                    index,
                    &Subject::with_facts(before, &facts_before, set, *verb),
                    &principals_before,
                    table,
                );
                let new = visible_for(
                    after,
                    data,
                    index,
                    &Subject::with_facts(after, &facts_after, set, *verb),
                    &principals_after,
                    table,
                );
                let (gained, lost) = diff_sorted(&old, &new);
                if !gained.is_empty() || !lost.is_empty() {
                    out.push(AccessChange {
                        user,
                        table,
                        verb: *verb,
                        gained,
                        lost,
                    });
                }
            }
        }
    }
    out
}

/// What changes for every user on the given records when the data goes from `before` to `after`
/// (a share, an assignment, a move), the model being the same.
pub fn what_if_records(
    model: &Model,
    before: &Dataset,
    after: &Dataset,
    records: &[RecordId],
    verbs: &[Verb],
) -> Vec<AccessChange> {
    let mut out = Vec::new();
    for user in (0..model.users.len()).map(UserId::from_index) {
        let facts = UserFacts::new(model, user);
        for verb in verbs {
            let mut changes: Vec<(TableId, Option<RecordId>, Option<RecordId>)> = Vec::new();
            for record in records {
                let Some(table) = after
                    .record(*record)
                    .or_else(|| before.record(*record))
                    .map(|r| r.table)
                else {
                    continue;
                };
                let subject = Subject::with_facts(model, &facts, model.priv_set(table), *verb);
                let was = before.record(*record).is_some() && subject.allows(before, *record);
                let is = after.record(*record).is_some() && subject.allows(after, *record);
                if was != is {
                    changes.push((table, is.then_some(*record), was.then_some(*record)));
                }
            }
            let mut tables: Vec<TableId> = changes.iter().map(|c| c.0).collect();
            tables.sort_unstable();
            tables.dedup();
            for table in tables {
                let gained = changes
                    .iter()
                    .filter(|c| c.0 == table)
                    .filter_map(|c| c.1)
                    .collect();
                let lost = changes
                    .iter()
                    .filter(|c| c.0 == table)
                    .filter_map(|c| c.2)
                    .collect();
                out.push(AccessChange {
                    user,
                    table,
                    verb: *verb,
                    gained,
                    lost,
                });
            }
        }
    }
    out
}

fn diff_sorted(old: &[Visible], new: &[Visible]) -> (Vec<RecordId>, Vec<RecordId>) {
    let old: HashSet<RecordId> = old.iter().map(|v| v.record).collect();
    let new_set: HashSet<RecordId> = new.iter().map(|v| v.record).collect();
    let mut gained: Vec<RecordId> = new_set.difference(&old).copied().collect();
    let mut lost: Vec<RecordId> = old.difference(&new_set).copied().collect();
    gained.sort_unstable();
    lost.sort_unstable();
    (gained, lost)
}

#[cfg(test)]
mod tests;
