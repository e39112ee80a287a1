//! Candidates: the records that may reach a user other than by BU depth or plain ownership.
//!
//! What a principal reaches through its shares and through inherited access below the records
//! it owns (CASC-2, CASC-3) does not depend on the user asking, so it is walked once per
//! principal ([`PrincipalReach`]) and a user's candidates are the pointwise merge of the lists
//! of their own principals and of their hierarchy reports. The merge is exact because every
//! field of [`Candidate`] flows through a link independently and merges as a join.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use super::index::{Child, DataIndex};
use crate::data::Dataset;
use crate::eval::UserFacts;
use crate::eval::hierarchy;
use crate::model::{BuId, Model, Principal, RecordId, Rights, TableId};

/// A record that may reach a user other than by BU depth or plain ownership, with what is
/// known about how. The access check would find the same paths; knowing them here lets bulk
/// counts skip it (the query tests compare both on every record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Candidate {
    /// Candidates sort by table, then record: a user's list splits into tables without a copy.
    pub table: TableId,
    pub record: RecordId,
    /// The record's owning BU and owner, copied here so that counting never touches the record.
    pub bu: Option<BuId>,
    pub owner: Option<Principal>,
    /// Below a record owned by one of the user's own principals through Reparent-cascading
    /// links only: inherited access (CASC-2) reaches it whenever shares count for the subject.
    pub own_inherited: bool,
    /// The smallest hierarchy level of a report owning an ancestor through Reparent-cascading
    /// links only (0 = none): hierarchy inherited access (CASC-6).
    pub report_level: u32,
    /// Rights shared with the user's own principals, on the record or on an ancestor through
    /// Share-cascading links (EVAL-6 (1)–(5)); they count whenever shares count.
    pub own_shared: Rights,
    /// Rights a manager gets from records shared directly with a report (HIER-3, HIER-8),
    /// already cut to the report's level (HIER-4).
    pub report_shared: Rights,
    /// In a principal's list: the rights shared with the principal on this very record (what
    /// becomes `report_shared` when the principal is a report). Not merged into user lists.
    pub direct_shared: Rights,
    /// Owned by the user's principals where ownership depends on the BU (A-6 alternative):
    /// only the access check can tell.
    pub needs_check: bool,
}

impl Candidate {
    fn at(index: &DataIndex, record: RecordId) -> Candidate {
        Candidate {
            table: index.table_of(record),
            record,
            bu: index.owning_bu_of(record),
            owner: index.owner_of(record),
            ..Candidate::default()
        }
    }

    fn key(&self) -> (TableId, RecordId) {
        (self.table, self.record)
    }

    /// Merges another way of reaching the record; true when something new was learnt.
    fn merge(&mut self, other: &Candidate) -> bool {
        let better_level = other.report_level != 0
            && (self.report_level == 0 || other.report_level < self.report_level);
        let before = *self;
        self.own_inherited |= other.own_inherited;
        self.needs_check |= other.needs_check;
        self.own_shared = self.own_shared.union(other.own_shared);
        self.report_shared = self.report_shared.union(other.report_shared);
        self.direct_shared = self.direct_shared.union(other.direct_shared);
        if better_level {
            self.report_level = other.report_level;
        }
        *self != before
    }

    /// What flows to a child through a link (owner access through Reparent, shares through
    /// Share), or `None` when nothing does.
    fn through(&self, child: &Child) -> Option<Candidate> {
        let flowing = Candidate {
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
            // Table, BU and owner are filled in once per record when the walk ends.
            record: child.record,
            ..Candidate::default()
        };
        (flowing.own_inherited || flowing.report_level != 0 || !flowing.own_shared.is_empty())
            .then_some(flowing)
    }
}

/// Per-principal candidate lists, walked on first use and kept for the next user who shares
/// the principal (a team, the organization, a report). One cache serves one dataset and index.
#[derive(Debug, Default)]
pub(super) struct PrincipalReach {
    lists: HashMap<Principal, Arc<[Candidate]>>,
    /// When set, walks keep to these tables (per table index).
    tables: Option<Vec<bool>>,
    /// Working memory of the walks: each cache has its own, so caches work in parallel.
    scratch: Scratch,
}

impl PrincipalReach {
    /// A cache for questions about one table only: walks skip the tables that cannot lead to
    /// it along 1:N links (a note below a contact never matters to a question about contacts).
    pub fn for_table(model: &Model, table: TableId) -> PrincipalReach {
        let mut leads = vec![false; model.tables.len()];
        if let Some(slot) = leads.get_mut(table.index()) {
            *slot = true;
        }
        loop {
            let mut grew = false;
            for rel in &model.relationships {
                if let crate::model::RelationshipKind::OneToMany { parent, child, .. } = rel.kind
                    && leads.get(child.index()).copied().unwrap_or(false)
                    && let Some(slot) = leads.get_mut(parent.index())
                    && !*slot
                {
                    *slot = true;
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        PrincipalReach {
            lists: HashMap::new(),
            tables: Some(leads),
            scratch: Scratch::default(),
        }
    }

    /// What `principal` reaches through its shares (`own_shared`, `direct_shared`) and below
    /// the records it owns (`own_inherited`).
    fn get(&mut self, data: &Dataset, index: &DataIndex, principal: Principal) -> Arc<[Candidate]> {
        if let Some(list) = self.lists.get(&principal) {
            return Arc::clone(list);
        }
        let keep = |r: RecordId| {
            self.tables.as_ref().is_none_or(|tables| {
                tables
                    .get(index.table_of(r).index())
                    .copied()
                    .unwrap_or(false)
            })
        };
        let list: Arc<[Candidate]> =
            walk_principal(data, index, &mut self.scratch, principal, keep).into();
        self.lists.insert(principal, Arc::clone(&list));
        list
    }
}

fn walk_principal(
    data: &Dataset,
    index: &DataIndex,
    scratch: &mut Scratch,
    p: Principal,
    keep: impl Fn(RecordId) -> bool,
) -> Vec<Candidate> {
    scratch.reset(index.n_records());
    let mut stack: Vec<RecordId> = Vec::new();
    for r in index.shared_with(p).iter().filter(|r| keep(**r)) {
        let rights = data
            .shares_of(*r)
            .iter()
            .filter(|s| s.principal == p)
            .fold(Rights::NONE, |acc, s| {
                acc.union(s.rights).union(s.inherited)
            });
        scratch.visit(
            &mut stack,
            Candidate {
                own_shared: rights,
                direct_shared: rights,
                ..Candidate::at(index, *r)
            },
        );
    }
    let origin = Candidate {
        own_inherited: true,
        ..Candidate::default()
    };
    for r in index.owned_parents(p).iter().filter(|r| keep(**r)) {
        for child in index.children_of(*r).iter().filter(|c| keep(c.record)) {
            if let Some(c) = origin.through(child) {
                scratch.visit(&mut stack, c);
            }
        }
    }
    while let Some(r) = stack.pop() {
        let c = scratch.get(r);
        for child in index.children_of(r).iter().filter(|c| keep(c.record)) {
            if let Some(next) = c.through(child) {
                scratch.visit(&mut stack, next);
            }
        }
    }
    // `direct_shared` stays on the shared records themselves: `through` never carries it.
    let mut list: Vec<Candidate> = scratch.finish();
    for c in &mut list {
        c.table = index.table_of(c.record);
        c.bu = index.owning_bu_of(c.record);
        c.owner = index.owner_of(c.record);
    }
    list.sort_unstable_by_key(Candidate::key);
    list
}

/// A user's candidates, sorted by table and record.
#[derive(Debug, Default)]
pub(super) struct Candidates {
    entries: Vec<Candidate>,
}

impl Candidates {
    /// The candidates of one table, in record order.
    pub fn of(&self, table: TableId) -> &[Candidate] {
        of_table(&self.entries, table)
    }
}

/// The part of a list sorted by [`Candidate::key`] that is of one table.
fn of_table(list: &[Candidate], table: TableId) -> &[Candidate] {
    let start = list.partition_point(|c| c.table < table);
    let end = list.partition_point(|c| c.table <= table);
    list.get(start..end).unwrap_or(&[])
}

/// Where a user's candidates come from, list by list, before they are merged.
///
/// Every field a bulk count looks at ([`Candidate`]'s booleans and rights, and the nearest
/// report level, whose hierarchy rights only shrink with distance, HIER-4) joins as an "or"
/// across the lists, so counting can read the lists one by one instead of merging them first.
#[derive(Debug, Default)]
pub(super) struct Sources {
    parts: Vec<Source>,
}

#[derive(Debug)]
enum Source {
    /// A list of one of the user's own principals (the user, their teams, the organization).
    Own(Arc<[Candidate]>),
    /// A list of a hierarchy report's principal, met at `level` (the nearest) with the rights
    /// of every level it is met at.
    Report {
        list: Arc<[Candidate]>,
        level: u32,
        rights: Rights,
    },
    /// The user's principals' own records where ownership depends on the BU (A-6 alternative).
    Owned(Vec<Candidate>),
}

impl Source {
    fn list(&self) -> &[Candidate] {
        match self {
            Source::Own(list) | Source::Report { list, .. } => list,
            Source::Owned(list) => list,
        }
    }

    /// What an entry of this source says about its record, as it reads in the user's list;
    /// `None` when it says nothing.
    fn read(&self, c: &Candidate) -> Option<Candidate> {
        match self {
            Source::Own(_) | Source::Owned(_) => Some(*c),
            Source::Report { level, rights, .. } => {
                let seen = Candidate {
                    report_level: if c.own_inherited { *level } else { 0 },
                    report_shared: c.direct_shared.intersect(*rights),
                    own_inherited: false,
                    own_shared: Rights::NONE,
                    direct_shared: Rights::NONE,
                    ..*c
                };
                (seen.report_level != 0 || !seen.report_shared.is_empty()).then_some(seen)
            }
        }
    }
}

impl Sources {
    /// Calls `f` with every entry of `table`, source by source, as it reads in the user's
    /// list. The same record may come several times.
    pub fn each(&self, table: TableId, mut f: impl FnMut(&Candidate)) {
        for source in &self.parts {
            let entries = of_table(source.list(), table);
            match source {
                Source::Own(_) | Source::Owned(_) => entries.iter().for_each(&mut f),
                Source::Report { .. } => {
                    for c in entries {
                        if let Some(seen) = source.read(c) {
                            f(&seen);
                        }
                    }
                }
            }
        }
    }
}

/// A user's candidate sources.
///
/// Records owned by the user's principals are not candidates themselves: where ownership
/// counts they are counted from [`DataIndex::owned_counts`], and where it does not they can
/// only be reached through the other sources listed here. The exception is the A-6
/// alternative, where ownership depends on the record's BU: then they are listed too
/// (`with_owned`).
pub(super) fn sources(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    facts: &UserFacts,
    with_owned: bool,
    reach: &mut PrincipalReach,
) -> Sources {
    let mut own: Vec<Principal> = vec![Principal::User(facts.user)];
    own.extend(facts.teams.iter().map(|t| Principal::Team(*t)));
    if model.settings.basic_includes_org_shares {
        own.push(Principal::Organization);
    }
    let mut parts: Vec<Source> = own
        .iter()
        .map(|p| Source::Own(reach.get(data, index, *p)))
        .collect();
    if model.settings.hierarchy.is_some() {
        // Reports share teams: each principal is read once, at its nearest level (HIER-4 gives
        // the nearest level the most rights) with the rights of every level it is met at.
        let mut principals: HashMap<Principal, (u32, Rights)> = HashMap::new();
        for (report, level, teams) in &facts.reports {
            let rights = hierarchy::rights_at(model, *level);
            for p in std::iter::once(Principal::User(*report))
                .chain(teams.iter().map(|t| Principal::Team(*t)))
            {
                let entry = principals.entry(p).or_insert((*level, Rights::NONE));
                entry.0 = entry.0.min(*level);
                entry.1 = entry.1.union(rights);
            }
        }
        let mut principals: Vec<(Principal, (u32, Rights))> = principals.into_iter().collect();
        principals.sort_unstable_by_key(|(p, _)| *p);
        parts.extend(
            principals
                .into_iter()
                .map(|(p, (level, rights))| Source::Report {
                    list: reach.get(data, index, p),
                    level,
                    rights,
                }),
        );
    }
    if with_owned {
        let mut owned: Vec<Candidate> = own
            .iter()
            .flat_map(|p| index.owned_by(*p))
            .map(|r| Candidate {
                needs_check: true,
                ..Candidate::at(index, *r)
            })
            .collect();
        owned.sort_unstable_by_key(Candidate::key);
        parts.push(Source::Owned(owned));
    }
    Sources { parts }
}

/// A user's candidates (of one table when `only` is set), merged: one entry per record.
pub(super) fn candidates(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    facts: &UserFacts,
    with_owned: bool,
    reach: &mut PrincipalReach,
    only: Option<TableId>,
) -> Candidates {
    let sources = sources(model, data, index, facts, with_owned, reach);
    let lists: Vec<Cow<'_, [Candidate]>> = sources
        .parts
        .iter()
        .map(|source| {
            let list = match only {
                Some(table) => of_table(source.list(), table),
                None => source.list(),
            };
            match source {
                // The own principals' lists are merged as they are (`direct_shared` rides
                // along: only the hierarchy reading looks at it).
                Source::Own(_) | Source::Owned(_) => Cow::Borrowed(list),
                Source::Report { .. } => {
                    Cow::Owned(list.iter().filter_map(|c| source.read(c)).collect())
                }
            }
        })
        .collect();
    Candidates {
        entries: merge_all(lists),
    }
}

/// Merges lists sorted by [`Candidate::key`] into one, joining the entries of the same record;
/// pairwise, smallest first, so each entry is copied about log₂(lists) times.
fn merge_all(mut lists: Vec<Cow<'_, [Candidate]>>) -> Vec<Candidate> {
    lists.retain(|l| !l.is_empty());
    while lists.len() > 1 {
        lists.sort_unstable_by_key(|l| std::cmp::Reverse(l.len()));
        let (Some(a), Some(b)) = (lists.pop(), lists.pop()) else {
            break;
        };
        lists.push(Cow::Owned(merge_two(&a, &b)));
    }
    lists.pop().map(Cow::into_owned).unwrap_or_default()
}

fn merge_two(a: &[Candidate], b: &[Candidate]) -> Vec<Candidate> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.key().cmp(&y.key()) {
            std::cmp::Ordering::Less => {
                out.push(*x);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(*y);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let mut joined = *x;
                joined.merge(y);
                out.push(joined);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(a.get(i..).unwrap_or(&[]));
    out.extend_from_slice(b.get(j..).unwrap_or(&[]));
    out
}

/// Per-record working memory of the walks, reused across principals: a walk empties the slots
/// it filled when it ends, so nothing else is cleared between walks.
#[derive(Debug, Default, Clone)]
struct Scratch {
    /// Per record: its position in `reached`, or `u32::MAX`. Four bytes per record keep the
    /// random accesses of a walk inside the cache better than a whole candidate would.
    slots: Vec<u32>,
    reached: Vec<Candidate>,
}

impl Scratch {
    fn reset(&mut self, n_records: usize) {
        if self.slots.len() != n_records {
            self.slots = vec![u32::MAX; n_records];
        }
        self.reached.clear();
    }

    /// The records the walk reached; the slots are empty again.
    fn finish(&mut self) -> Vec<Candidate> {
        for c in &self.reached {
            if let Some(slot) = self.slots.get_mut(c.record.index()) {
                *slot = u32::MAX;
            }
        }
        std::mem::take(&mut self.reached)
    }

    fn position(&self, r: RecordId) -> Option<usize> {
        match self.slots.get(r.index()) {
            Some(pos) if *pos != u32::MAX => Some(*pos as usize),
            _ => None,
        }
    }

    fn get(&self, r: RecordId) -> Candidate {
        self.position(r)
            .and_then(|pos| self.reached.get(pos))
            .copied()
            .unwrap_or(Candidate {
                record: r,
                ..Candidate::default()
            })
    }

    /// Merges `c` into its record's slot; true when the slot is new or learnt something.
    fn merge_in(&mut self, c: Candidate) -> bool {
        if let Some(pos) = self.position(c.record) {
            return self.reached.get_mut(pos).is_some_and(|slot| slot.merge(&c));
        }
        let Some(slot) = self.slots.get_mut(c.record.index()) else {
            return false;
        };
        *slot = u32::try_from(self.reached.len()).unwrap_or(u32::MAX);
        self.reached.push(c);
        true
    }

    fn visit(&mut self, stack: &mut Vec<RecordId>, c: Candidate) {
        let record = c.record;
        if self.merge_in(c) {
            stack.push(record);
        }
    }
}
