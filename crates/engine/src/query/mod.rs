//! Bulk questions: what a user can see, who can see a record, the access matrix, what-if.
//!
//! Every answer goes through [`Subject`], the same access check as a single decision; this
//! module only chooses which records to ask about. [`DataIndex`] groups records by table and
//! owning BU, by owner and by share recipient, so that a user's reach is assembled from whole
//! BU buckets plus a short list of candidates (owned, shared, inherited, hierarchy) instead of
//! a scan of every record.

mod fix_effect;
mod index;
mod principal_matrix;
mod reach;

pub use crate::eval::fix::{Fix, fixes};
pub use fix_effect::{FixEffect, fix_effect};
pub use index::DataIndex;
pub use principal_matrix::{MatrixRow, PrincipalMatrix, bu_members, principal_matrix};
use reach::{Candidate, Candidates, PrincipalReach, Sources, candidates, sources};

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::data::Dataset;
use crate::eval::hierarchy;
use crate::eval::{AccessPath, Collect, Subject, UserFacts};
use crate::model::{BuId, Model, Ownership, Principal, RecordId, Rights, TableId, UserId, Verb};

/// A record a user reaches, with the first access path found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visible {
    /// The record.
    pub record: RecordId,
    /// Why (the first path of EVAL-10's order).
    pub path: AccessPath,
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
        Candidates::default()
    } else {
        candidates(
            model,
            data,
            index,
            &facts,
            ownership_needs_bu(model),
            &mut PrincipalReach::for_table(model, table),
            Some(table),
        )
    };
    visible_for(model, data, index, &subject, &candidates, table)
}

fn visible_for(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    subject: &Subject<'_>,
    candidates: &Candidates,
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
    let mut extra: Vec<RecordId> = candidates.of(table).iter().map(|c| c.record).collect();
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
        if index.owning_bu_of(r).is_some_and(|b| subject.covers_bu(b)) {
            continue;
        }
        out.extend(with_path(&r));
    }
    out.sort_unstable_by_key(|v| v.record);
    out
}

/// How many records of `table` each subject reaches, without listing them. The subjects are
/// one user's, for several verbs (at most eight): one pass over the sources serves them all.
///
/// BU buckets and owned records are counted whole; candidates known to be reached by inherited
/// access or shares are counted without a check; the rest go through the access check. The
/// sources are read list by list, unmerged: `marks` keeps which subjects have settled each
/// record, so a record met in several lists is counted once.
fn count_for<const N: usize>(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    subjects: &[Subject<'_>; N],
    sources: &Sources,
    table: TableId,
    marks: &mut Marks,
) -> [usize; N] {
    let org_owned = model
        .tables
        .get(table.index())
        .is_some_and(|t| t.ownership == Ownership::Organization);
    let total = index.records_of(table).len();
    let mut counts = [0usize; N];
    let mut counting: Vec<&Subject<'_>> = Vec::with_capacity(N);
    let mut slots: Vec<usize> = Vec::with_capacity(N);
    for (i, subject) in subjects.iter().enumerate() {
        if !subject.privileged() {
            continue;
        }
        if org_owned || subject.reaches_everything() {
            counts[i] = total;
            continue;
        }
        counting.push(subject);
        slots.push(i);
    }
    if counting.is_empty() {
        return counts;
    }
    let tally = Tally::new(model, &counting, table);
    for (bit, (subject, slot)) in counting.iter().zip(&slots).enumerate() {
        let Some(count) = counts.get_mut(*slot) else {
            continue;
        };
        *count = index
            .records_by_bu(table)
            .iter()
            .filter(|(bu, _)| subject.covers_bu(*bu))
            .map(|(_, records)| records.len())
            .sum();
        for (p, owning) in &tally.owners {
            if owning & (1 << bit) != 0 {
                *count += index
                    .owned_counts(*p, table)
                    .iter()
                    .filter(|(bu, _)| !subject.covers_bu(*bu))
                    .map(|(_, n)| *n as usize)
                    .sum::<usize>();
            }
        }
    }
    marks.start(index.n_records());
    sources.each(table, |c| {
        let counted = tally.counted(c);
        let mut reached = tally.known(c) & !counted;
        if c.needs_check {
            // The access check is the whole answer for what else is unknown.
            for (bit, subject) in counting.iter().enumerate() {
                let flag = 1 << bit;
                if (counted | reached) & flag == 0 && subject.allows(data, c.record) {
                    reached |= flag;
                }
            }
        }
        if reached == 0 {
            return;
        }
        let settled = marks.get(c.record);
        let new = reached & !settled;
        if new == 0 {
            return;
        }
        marks.set(c.record, settled | new);
        for (bit, slot) in slots.iter().enumerate() {
            if new & (1 << bit) != 0
                && let Some(count) = counts.get_mut(*slot)
            {
                *count += 1;
            }
        }
    });
    counts
}

/// Per record, which of [`count_for`]'s subjects have counted it in the current count. A byte
/// per record keeps one table's flags in the processor's cache; the records flagged are
/// remembered and cleared when the next count starts.
#[derive(Debug, Default)]
struct Marks {
    flags: Vec<u8>,
    touched: Vec<RecordId>,
}

impl Marks {
    fn start(&mut self, n_records: usize) {
        if self.flags.len() == n_records {
            for r in self.touched.drain(..) {
                if let Some(flags) = self.flags.get_mut(r.index()) {
                    *flags = 0;
                }
            }
        } else {
            self.flags = vec![0; n_records];
            self.touched.clear();
        }
    }

    fn get(&self, r: RecordId) -> u8 {
        self.flags.get(r.index()).copied().unwrap_or(0)
    }

    fn set(&mut self, r: RecordId, flags: u8) {
        if let Some(slot) = self.flags.get_mut(r.index()) {
            if *slot == 0 {
                self.touched.push(r);
            }
            *slot = flags;
        }
    }
}

/// What counting needs of a few subjects (at most eight, one user's) for any candidate of one
/// table, as bit masks: bit `i` is the `i`th subject. Candidates are many and subjects few, so
/// the per-subject questions are answered once here and a candidate costs a few lookups.
struct Tally<'m> {
    /// Per BU: the subjects whose depth covers it.
    depth: Vec<u8>,
    /// [`Subject::owning_principals`] with the subjects each owns for, sorted.
    owners: Vec<(Principal, u8)>,
    /// The same per principal ([`Tally::slot`]): a candidate's owner is one lookup.
    owner_flags: Vec<u8>,
    /// Subjects for which inherited access below the user's own records counts (CASC-2).
    inherited: u8,
    /// Per right (bit of [`Rights`]): the subjects asking for it for which shares count.
    shared: [u8; 8],
    /// Per right: the subjects asking for it for which hierarchy security reaches the table.
    hierarchy: [u8; 8],
    model: &'m Model,
}

impl<'m> Tally<'m> {
    fn new(model: &'m Model, subjects: &[&Subject<'_>], table: TableId) -> Tally<'m> {
        let mut tally = Tally {
            depth: vec![0; model.bus.len()],
            owners: Vec::new(),
            owner_flags: vec![0; model.users.len() + model.teams.len() + 1],
            inherited: 0,
            shared: [0; 8],
            hierarchy: [0; 8],
            model,
        };
        for (bit, subject) in subjects.iter().enumerate().take(8) {
            let flag = 1u8 << bit;
            for (b, slot) in tally.depth.iter_mut().enumerate() {
                if subject.covers_bu(BuId::from_index(b)) {
                    *slot |= flag;
                }
            }
            for p in subject.owning_principals(table) {
                tally.owners.push((p, flag));
            }
            let verb = subject.verb();
            let right = verb as usize;
            if subject.shares_count() {
                if Rights::INHERITED.contains(verb) {
                    tally.inherited |= flag;
                }
                if let Some(slot) = tally.shared.get_mut(right) {
                    *slot |= flag;
                }
            }
            if subject.hierarchy_covers(table)
                && let Some(slot) = tally.hierarchy.get_mut(right)
            {
                *slot |= flag;
            }
        }
        tally.owners.sort_unstable();
        tally.owners.dedup_by(|later, first| {
            later.0 == first.0 && {
                first.1 |= later.1;
                true
            }
        });
        for (p, flags) in &tally.owners {
            let slot = tally.slot(*p);
            if let Some(f) = tally.owner_flags.get_mut(slot) {
                *f = *flags;
            }
        }
        tally
    }

    /// A principal's place in `owner_flags`: users, then teams, then the organization (past
    /// the end for an id the model does not have).
    fn slot(&self, p: Principal) -> usize {
        let (n_users, n_teams) = (self.model.users.len(), self.model.teams.len());
        match p {
            Principal::User(u) if u.index() < n_users => u.index(),
            Principal::Team(t) if t.index() < n_teams => n_users + t.index(),
            Principal::Organization => n_users + n_teams,
            Principal::User(_) | Principal::Team(_) => usize::MAX,
        }
    }

    /// The subjects for which `rights` reaches, per right mask `by_right`.
    fn of_rights(by_right: &[u8; 8], rights: Rights) -> u8 {
        let mut bits = rights.0;
        let mut out = 0;
        while bits != 0 {
            out |= by_right
                .get(bits.trailing_zeros() as usize)
                .copied()
                .unwrap_or(0);
            bits &= bits - 1;
        }
        out
    }

    /// The subjects that reach the candidate's record by depth or by ownership, which are
    /// counted whole.
    fn counted(&self, c: &Candidate) -> u8 {
        let depth =
            c.bu.and_then(|b| self.depth.get(b.index()).copied())
                .unwrap_or(0);
        let owner = c.owner.map_or(0, |o| self.owner(o));
        depth | owner
    }

    /// The subjects that own records of `owner`.
    fn owner(&self, owner: Principal) -> u8 {
        self.owner_flags.get(self.slot(owner)).copied().unwrap_or(0)
    }

    /// The subjects that reach the record, as far as the candidate's walk tells, by shares or
    /// inherited access.
    fn known(&self, c: &Candidate) -> u8 {
        let mut out = Tally::of_rights(&self.shared, c.own_shared)
            | Tally::of_rights(&self.hierarchy, c.report_shared);
        if c.own_inherited {
            out |= self.inherited;
        }
        if c.report_level > 0 {
            // CASC-6 at the report's level (HIER-4).
            let rights = hierarchy::rights_at(self.model, c.report_level);
            out |= Tally::of_rights(&self.hierarchy, rights.intersect(Rights::INHERITED));
        }
        out
    }
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
    let directory = model.directory();
    let rows = |users: &[UserId], reach: &mut PrincipalReach, marks: &mut Marks| {
        let mut counts = Vec::with_capacity(users.len() * tables.len() * MATRIX_VERBS.len());
        for user in users {
            let facts = UserFacts::with_directory(model, &directory, *user);
            let sources = sources(model, data, index, &facts, ownership_needs_bu(model), reach);
            for table in tables {
                let set = model.priv_set(*table);
                let subjects =
                    MATRIX_VERBS.map(|verb| Subject::with_facts(model, &facts, set, verb));
                for n in count_for(model, data, index, &subjects, &sources, *table, marks) {
                    counts.push(u32::try_from(n).unwrap_or(u32::MAX));
                }
            }
        }
        counts
    };
    // Rows are independent: natively, one slice of users per core (each with its own walk
    // cache); in the browser, one thread.
    #[cfg(not(target_arch = "wasm32"))]
    let counts = {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Heads of BUs (hierarchy) cost far more than others and come first: threads take
        // small slices in turn rather than one half each.
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let slices: Vec<&[UserId]> = users.chunks(16).collect();
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, Vec<u32>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.min(slices.len()).max(1))
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        let mut reach = PrincipalReach::default();
                        let mut marks = Marks::default();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(slice) = slices.get(i) else { break };
                            mine.push((i, rows(slice, &mut reach, &mut marks)));
                        }
                        mine
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        done.sort_unstable_by_key(|(i, _)| *i);
        done.into_iter().flat_map(|(_, c)| c).collect::<Vec<u32>>()
    };
    #[cfg(target_arch = "wasm32")]
    let counts = rows(users, &mut PrincipalReach::default(), &mut Marks::default());
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
    let sources = sources(
        model,
        data,
        index,
        &facts,
        ownership_needs_bu(model),
        &mut PrincipalReach::default(),
    );
    let mut marks = Marks::default();
    (0..model.tables.len())
        .map(TableId::from_index)
        .map(|table| {
            let subject = [Subject::with_facts(
                model,
                &facts,
                model.priv_set(table),
                verb,
            )];
            let [n] = count_for(model, data, index, &subject, &sources, table, &mut marks);
            (table, n)
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
    // What a principal reaches depends on the data and the index only: one cache serves both.
    let mut reach = PrincipalReach::default();
    let mut runs = BucketRuns::default();
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
        let mut candidates_before: Option<Candidates> = None;
        let mut candidates_after: Option<Candidates> = None;
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
                let subject_before = Subject::with_facts(before, &facts_before, set, *verb);
                let subject_after = Subject::with_facts(after, &facts_after, set, *verb);
                let depth_only = if user_changed {
                    None
                } else {
                    depth_change(
                        &mut runs,
                        before,
                        after,
                        index,
                        (&subject_before, &subject_after),
                        table,
                        || {
                            listed_once(
                                &mut candidates_before,
                                before,
                                data,
                                index,
                                &facts_before,
                                &mut reach,
                            )
                        },
                    )
                };
                let (gained, lost) = if let Some(change) = depth_only {
                    change
                } else {
                    let old = visible_for(
                        before,
                        data,
                        index,
                        &subject_before,
                        listed_once(
                            &mut candidates_before,
                            before,
                            data,
                            index,
                            &facts_before,
                            &mut reach,
                        ),
                        table,
                    );
                    let new = visible_for(
                        after,
                        data,
                        index,
                        &subject_after,
                        listed_once(
                            &mut candidates_after,
                            after,
                            data,
                            index,
                            &facts_after,
                            &mut reach,
                        ),
                        table,
                    );
                    diff_sorted(&old, &new)
                };
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

/// One side's candidates for [`what_if`], listed the first time a question needs them.
fn listed_once<'s>(
    slot: &'s mut Option<Candidates>,
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    facts: &UserFacts,
    reach: &mut PrincipalReach,
) -> &'s Candidates {
    slot.get_or_insert_with(|| {
        candidates(
            model,
            data,
            index,
            facts,
            ownership_needs_bu(model),
            reach,
            None,
        )
    })
}

/// The records gained and lost when only the depths of a user's grants change: the same
/// privilege, owning principals, shares and hierarchy on both sides, so the difference is the
/// BU buckets covered on one side only, less their records reached by ownership or by a
/// candidate on both sides. `None` when more than depth changed (then both sides are listed).
fn depth_change<'c>(
    runs: &mut BucketRuns,
    before: &Model,
    after: &Model,
    index: &DataIndex,
    (old, new): (&Subject<'_>, &Subject<'_>),
    table: TableId,
    candidates: impl FnOnce() -> &'c Candidates,
) -> Option<(Vec<RecordId>, Vec<RecordId>)> {
    if old.privileged() != new.privileged()
        || old.reaches_everything()
        || new.reaches_everything()
        || ownership_needs_bu(before)
        || ownership_needs_bu(after)
        || old.shares_count() != new.shares_count()
        || old.hierarchy_covers(table) != new.hierarchy_covers(table)
    {
        return None;
    }
    let owning = old.owning_principals(table);
    if owning != new.owning_principals(table) {
        return None;
    }
    let org_owned = before
        .tables
        .get(table.index())
        .is_some_and(|t| t.ownership == Ownership::Organization);
    if !old.privileged() || org_owned {
        return Some((Vec::new(), Vec::new()));
    }
    let buckets = index.records_by_bu(table);
    let flipped = |from: &Subject<'_>, to: &Subject<'_>| {
        buckets
            .iter()
            .filter(|(bu, _)| !from.covers_bu(*bu) && to.covers_bu(*bu))
            .map(|(bu, _)| *bu)
            .collect::<Vec<_>>()
    };
    let (gained_bus, lost_bus) = (flipped(old, new), flipped(new, old));
    if gained_bus.is_empty() && lost_bus.is_empty() {
        return Some((Vec::new(), Vec::new()));
    }
    let listed = candidates().of(table);
    // The records of the flipped buckets not reached on the side that does not cover them:
    // not owned by an owning principal, and not a candidate known to reach.
    let mut collect = |bus: Vec<BuId>, tally: &Tally<'_>| {
        let run = runs.get(index, table, bus);
        let mut out = Vec::with_capacity(run.len());
        let mut j = 0;
        for (r, owner) in run.iter() {
            while listed.get(j).is_some_and(|c| c.record < *r) {
                j += 1;
            }
            let known = listed
                .get(j)
                .is_some_and(|c| c.record == *r && tally.known(c) != 0);
            if !known && owner.is_none_or(|o| tally.owner(o) == 0) {
                out.push(*r);
            }
        }
        out
    };
    let gained = collect(gained_bus, &Tally::new(before, &[old], table));
    let lost = collect(lost_bus, &Tally::new(after, &[new], table));
    Some((gained, lost))
}

/// The records of a set of BU buckets of a table with their owners, in record order: built once
/// per set, since the users of one BU with one role see the same buckets flip.
#[derive(Debug, Default)]
struct BucketRuns {
    runs: HashMap<(TableId, Vec<BuId>), Run>,
}

/// Records with their owners, in record order.
type Run = Arc<[(RecordId, Option<Principal>)]>;

impl BucketRuns {
    fn get(&mut self, index: &DataIndex, table: TableId, bus: Vec<BuId>) -> Run {
        let run = self
            .runs
            .entry((table, bus))
            .or_insert_with_key(|(table, bus)| {
                let buckets = index.records_by_bu(*table);
                let mut run: Vec<(RecordId, Option<Principal>)> = buckets
                    .iter()
                    .filter(|(bu, _)| bus.binary_search(bu).is_ok())
                    .flat_map(|(_, records)| records.iter().map(|r| (*r, index.owner_of(*r))))
                    .collect();
                run.sort_unstable_by_key(|(r, _)| *r);
                run.into()
            });
        Arc::clone(run)
    }
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
