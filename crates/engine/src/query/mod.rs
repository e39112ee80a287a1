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
use crate::eval::hierarchy;
use crate::eval::{AccessPath, Collect, Subject, UserFacts};
use crate::model::{Model, Ownership, Principal, RecordId, Rights, TableId, UserId, Verb};

/// A record a user reaches, with the first access path found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visible {
    /// The record.
    pub record: RecordId,
    /// Why (the first path of EVAL-10's order).
    pub path: AccessPath,
}

/// A record that may reach a user other than by BU depth or plain ownership, with what is
/// known about how. The access check would find the same paths; knowing them here lets bulk
/// counts skip it (the query tests compare both on every record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Candidate {
    record: RecordId,
    /// Below a record owned by one of the user's own principals through Reparent-cascading
    /// links only: inherited access (CASC-2) reaches it whenever shares count for the subject.
    own_inherited: bool,
    /// The smallest hierarchy level of a report owning an ancestor through Reparent-cascading
    /// links only (0 = none): hierarchy inherited access (CASC-6).
    report_level: u32,
    /// Rights shared with the user's own principals, on the record or on an ancestor through
    /// Share-cascading links (EVAL-6 (1)–(5)); they count whenever shares count.
    own_shared: Rights,
    /// Rights a manager gets from records shared directly with a report (HIER-3, HIER-8),
    /// already cut to the report's level (HIER-4).
    report_shared: Rights,
    /// Owned by the user's principals where ownership depends on the BU (A-6 alternative):
    /// only the access check can tell.
    needs_check: bool,
}

impl Candidate {
    /// Merges another way of reaching the record; true when something new was learnt.
    fn merge(&mut self, other: &Candidate) -> bool {
        let better_level = other.report_level != 0
            && (self.report_level == 0 || other.report_level < self.report_level);
        let before = *self;
        self.own_inherited |= other.own_inherited;
        self.needs_check |= other.needs_check;
        self.own_shared = self.own_shared.union(other.own_shared);
        self.report_shared = self.report_shared.union(other.report_shared);
        if better_level {
            self.report_level = other.report_level;
        }
        *self != before
    }

    /// What flows to a child through a link (owner access through Reparent, shares through
    /// Share), or `None` when nothing does.
    fn through(&self, child: &index::Child) -> Option<Candidate> {
        let flowing = Candidate {
            record: child.record,
            own_inherited: self.own_inherited && child.owner_flows,
            report_level: if child.owner_flows {
                self.report_level
            } else {
                0
            },
            own_shared: if child.shares_flow {
                self.own_shared
            } else {
                Rights::NONE
            },
            report_shared: Rights::NONE,
            needs_check: false,
        };
        (flowing.own_inherited || flowing.report_level != 0 || !flowing.own_shared.is_empty())
            .then_some(flowing)
    }
}

/// Records that could reach a user other than by BU depth or by plain ownership: shared with
/// one of the user's principals, or below records owned by or shared with them (inherited
/// access, CASC-2, CASC-3), and likewise for hierarchy reports. Grouped by table.
///
/// Records owned by the principals are not candidates themselves: where ownership counts they
/// are counted from [`DataIndex::owned_counts`], and where it does not they can only be reached
/// through the other sources listed here. The exception is the A-6 alternative, where ownership
/// depends on the record's BU: then they are listed too (`with_owned`).
fn candidates(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    facts: &UserFacts,
    with_owned: bool,
) -> Vec<Vec<Candidate>> {
    let mut scratch = index
        .scratch
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    scratch.reset(index.n_records());
    let mut stack: Vec<RecordId> = Vec::new();
    let share_rights = |r: RecordId, p: Principal| {
        data.shares_of(r)
            .iter()
            .filter(|s| s.principal == p)
            .fold(Rights::NONE, |acc, s| {
                acc.union(s.rights).union(s.inherited)
            })
    };
    let mut own: Vec<Principal> = vec![Principal::User(facts.user)];
    own.extend(facts.teams.iter().map(|t| Principal::Team(*t)));
    if model.settings.basic_includes_org_shares {
        own.push(Principal::Organization);
    }
    for p in &own {
        for r in index.shared_with(*p) {
            let c = Candidate {
                record: *r,
                own_shared: share_rights(*r, *p),
                ..Candidate::default()
            };
            scratch.visit(&mut stack, c);
        }
        for r in index.owned_by(*p) {
            if with_owned {
                scratch.visit(
                    &mut stack,
                    Candidate {
                        record: *r,
                        needs_check: true,
                        ..Candidate::default()
                    },
                );
            }
            let origin = Candidate {
                record: *r,
                own_inherited: true,
                ..Candidate::default()
            };
            for child in index.children_of(*r) {
                if let Some(c) = origin.through(child) {
                    scratch.visit(&mut stack, c);
                }
            }
        }
    }
    if model.settings.hierarchy.is_some() {
        for (report, level, teams) in &facts.reports {
            let level_rights = hierarchy::rights_at(model, *level);
            for p in std::iter::once(Principal::User(*report))
                .chain(teams.iter().map(|t| Principal::Team(*t)))
            {
                for r in index.shared_with(p) {
                    let rights = share_rights(*r, p).intersect(level_rights);
                    scratch.visit(
                        &mut stack,
                        Candidate {
                            record: *r,
                            report_shared: rights,
                            ..Candidate::default()
                        },
                    );
                }
                let origin = Candidate {
                    record: RecordId::default(),
                    report_level: *level,
                    ..Candidate::default()
                };
                for r in index.owned_by(p) {
                    for child in index.children_of(*r) {
                        if let Some(c) = origin.through(child) {
                            scratch.visit(&mut stack, c);
                        }
                    }
                }
            }
        }
    }
    while let Some(r) = stack.pop() {
        let c = scratch.get(r);
        for child in index.children_of(r) {
            if let Some(next) = c.through(child) {
                scratch.visit(&mut stack, next);
            }
        }
    }
    let mut out: Vec<Vec<Candidate>> = vec![Vec::new(); model.tables.len()];
    for record in &scratch.reached {
        if let Some(list) = out.get_mut(index.table_of(*record).index()) {
            list.push(scratch.get(*record));
        }
    }
    for list in &mut out {
        list.sort_unstable_by_key(|c| c.record);
    }
    out
}

/// Per-record working memory for [`candidates`], reused across users: a generation stamp per
/// record says whether its slot belongs to the current walk, so nothing is cleared between users.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    generation: u32,
    stamps: Vec<u32>,
    slots: Vec<Candidate>,
    reached: Vec<RecordId>,
}

impl Scratch {
    fn reset(&mut self, n_records: usize) {
        if self.stamps.len() != n_records || self.generation == u32::MAX {
            self.stamps = vec![0; n_records];
            self.slots = vec![Candidate::default(); n_records];
            self.generation = 0;
        }
        self.generation += 1;
        self.reached.clear();
    }

    fn get(&self, r: RecordId) -> Candidate {
        match self.stamps.get(r.index()) {
            Some(stamp) if *stamp == self.generation => {
                self.slots.get(r.index()).copied().unwrap_or_default()
            }
            _ => Candidate {
                record: r,
                ..Candidate::default()
            },
        }
    }

    fn visit(&mut self, stack: &mut Vec<RecordId>, c: Candidate) {
        let i = c.record.index();
        let (Some(stamp), Some(slot)) = (self.stamps.get_mut(i), self.slots.get_mut(i)) else {
            return;
        };
        if *stamp != self.generation {
            *stamp = self.generation;
            *slot = c;
            self.reached.push(c.record);
            stack.push(c.record);
        } else if slot.merge(&c) {
            stack.push(c.record);
        }
    }
}

/// Whether ownership depends on the record's BU (the A-6 alternative).
fn ownership_needs_bu(model: &Model) -> bool {
    model.settings.modernized_bu && !model.settings.recompute_ownership()
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
    let shortcut = subject.reaches_everything()
        || model
            .tables
            .get(table.index())
            .is_some_and(|t| t.ownership == Ownership::Organization);
    let candidates = if shortcut {
        Vec::new()
    } else {
        candidates(model, data, index, &facts, ownership_needs_bu(model))
    };
    visible_for(model, data, index, &subject, &candidates, table)
}

fn visible_for(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    subject: &Subject<'_>,
    candidates: &[Vec<Candidate>],
    table: TableId,
) -> Vec<Visible> {
    if !subject.privileged() {
        return Vec::new();
    }
    let with_path = |r: &RecordId| {
        subject
            .first_path(data, *r)
            .map(|path| Visible { record: *r, path })
    };
    let org_owned = model
        .tables
        .get(table.index())
        .is_some_and(|t| t.ownership == Ownership::Organization);
    if org_owned {
        return index
            .records_of(table)
            .iter()
            .filter_map(with_path)
            .collect();
    }
    let mut out: Vec<Visible> = Vec::new();
    for (bu, records) in index.records_by_bu(table) {
        if let Some(path) = subject.depth_path(*bu) {
            out.extend(records.iter().map(|r| Visible { record: *r, path }));
        }
    }
    if subject.reaches_everything() {
        out.sort_unstable_by_key(|v| v.record);
        return out;
    }
    let mut extra: Vec<RecordId> = candidates
        .get(table.index())
        .map(|list| list.iter().map(|c| c.record).collect())
        .unwrap_or_default();
    for p in subject.owning_principals(table) {
        extra.extend(
            index
                .owned_by(p)
                .iter()
                .filter(|r| index.table_of(**r) == table),
        );
    }
    extra.sort_unstable();
    extra.dedup();
    for r in extra {
        if data
            .record(r)
            .and_then(|rec| rec.owning_bu)
            .is_some_and(|b| subject.covers_bu(b))
        {
            continue;
        }
        out.extend(with_path(&r));
    }
    out.sort_unstable_by_key(|v| v.record);
    out
}

/// How many records of `table` the subject reaches, without listing them.
///
/// BU buckets and owned records are counted whole; candidates known to be reached by inherited
/// access are counted without a check; the rest go through the access check.
fn count_for(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    subject: &Subject<'_>,
    candidates: &[Vec<Candidate>],
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
    let owning = subject.owning_principals(table);
    for p in &owning {
        count += index
            .owned_counts(*p, table)
            .iter()
            .filter(|(bu, _)| !subject.covers_bu(*bu))
            .map(|(_, n)| *n as usize)
            .sum::<usize>();
    }
    let verb = subject.verb();
    let shares_count = subject.shares_count();
    let own_inherited_counts = shares_count && Rights::INHERITED.contains(verb);
    let hierarchy_counts = subject.hierarchy_covers(table);
    for c in candidates.get(table.index()).map_or(&[][..], Vec::as_slice) {
        let Some(rec) = data.record(c.record) else {
            continue;
        };
        if rec.owning_bu.is_some_and(|b| subject.covers_bu(b))
            || rec.owner.is_some_and(|o| owning.binary_search(&o).is_ok())
        {
            continue;
        }
        let known = (c.own_inherited && own_inherited_counts)
            || (shares_count && c.own_shared.contains(verb))
            || (hierarchy_counts
                && (c.report_shared.contains(verb)
                    || (c.report_level > 0
                        && hierarchy::rights_at(model, c.report_level)
                            .intersect(Rights::INHERITED)
                            .contains(verb))));
        if known || (c.needs_check && subject.allows(data, c.record)) {
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
    let directory = model.directory();
    for user in users {
        let facts = UserFacts::with_directory(model, &directory, *user);
        let candidates = candidates(model, data, index, &facts, ownership_needs_bu(model));
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
    let candidates = candidates(model, data, index, &facts, ownership_needs_bu(model));
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
    let (directory_before, directory_after) = (before.directory(), after.directory());
    for user in (0..n_users).map(UserId::from_index) {
        let facts_before = UserFacts::with_directory(before, &directory_before, user);
        let facts_after = UserFacts::with_directory(after, &directory_after, user);
        let user_changed = settings_changed
            || facts_before.teams != facts_after.teams
            || facts_before.sources != facts_after.sources
            || facts_before.sysadmin != facts_after.sysadmin
            || facts_before.reports != facts_after.reports
            || before.users.get(user.index()).map(|u| u.bu)
                != after.users.get(user.index()).map(|u| u.bu);
        let mut candidates_before: Option<Vec<Vec<Candidate>>> = None;
        let mut candidates_after: Option<Vec<Vec<Candidate>>> = None;
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
                    candidates_before.get_or_insert_with(|| {
                        candidates(
                            before,
                            data,
                            index,
                            &facts_before,
                            ownership_needs_bu(before),
                        )
                    }),
                    table,
                );
                let new = visible_for(
                    after,
                    data,
                    index,
                    &Subject::with_facts(after, &facts_after, set, *verb),
                    candidates_after.get_or_insert_with(|| {
                        candidates(after, data, index, &facts_after, ownership_needs_bu(after))
                    }),
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
    let directory = model.directory();
    for user in (0..model.users.len()).map(UserId::from_index) {
        let facts = UserFacts::with_directory(model, &directory, user);
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
