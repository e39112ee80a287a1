//! The access matrix by team or by business unit: rows that are not one user.
//!
//! - A **team row** is what a member gets through the team alone ([`UserFacts::through_team`]):
//!   the team's roles measured from the team's BU, the records the team owns, the records
//!   shared with the team (and, A-12, with the organization), and what cascades below them —
//!   not the member's own roles, other teams or hierarchy reports. An access team passes no
//!   privilege (TEAM-4), so its row is empty: its shares only work together with a member's
//!   own roles.
//! - A **business unit row** is what the BU's enabled users reach between them: a record
//!   counts once when at least one enabled user whose BU it is can act on it (the union, the
//!   question "what data is exposed to the people of this BU"). Disabled users, and users of
//!   child BUs, are not counted.
//!
//! Both come from [`Subject`] like every bulk answer: whole BU buckets a subject's depth
//! covers, plus its candidates (owned, shared, inherited, hierarchy) asked about one by one.

use super::reach::{Candidates, PrincipalReach, candidates, sources};
use super::{DataIndex, MATRIX_VERBS, Marks, Tally, count_for, matrix, ownership_needs_bu};
use crate::data::Dataset;
use crate::eval::{Subject, UserFacts};
use crate::model::{BuId, Model, Ownership, RecordId, TableId, TeamId, UserId};

/// One row of a [`PrincipalMatrix`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatrixRow {
    /// A user: what the user reaches (as [`super::matrix`]).
    User(UserId),
    /// A team: what a member gets through the team alone.
    Team(TeamId),
    /// A business unit: the records at least one of its enabled users reaches.
    BusinessUnit(BuId),
}

/// Counts of records per row × table for each of [`MATRIX_VERBS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalMatrix {
    /// Row order.
    pub rows: Vec<MatrixRow>,
    /// Column order.
    pub tables: Vec<TableId>,
    /// `counts[(row * tables.len() + t) * MATRIX_VERBS.len() + v]`.
    pub counts: Vec<u32>,
}

impl PrincipalMatrix {
    /// The count for row `r`, column `t` and verb `verb`.
    pub fn get(&self, r: usize, t: usize, verb: crate::model::Verb) -> u32 {
        let v = MATRIX_VERBS.iter().position(|x| *x == verb).unwrap_or(0);
        self.counts
            .get((r * self.tables.len() + t) * MATRIX_VERBS.len() + v)
            .copied()
            .unwrap_or(0)
    }
}

/// The enabled users of a business unit (its own, not its children's), in id order.
pub fn bu_members(model: &Model, bu: BuId) -> Vec<UserId> {
    model
        .users
        .iter()
        .enumerate()
        .filter(|(_, u)| u.bu == bu && u.enabled)
        .map(|(i, _)| UserId::from_index(i))
        .collect()
}

/// The access matrix over users, teams and business units (see the module documentation for
/// what a team row and a BU row count).
pub fn principal_matrix(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    rows: &[MatrixRow],
    tables: &[TableId],
) -> PrincipalMatrix {
    let width = tables.len() * MATRIX_VERBS.len();
    let mut counts = vec![0u32; rows.len() * width];
    // User rows: the user matrix, once.
    let users: Vec<UserId> = rows
        .iter()
        .filter_map(|r| match r {
            MatrixRow::User(u) => Some(*u),
            _ => None,
        })
        .collect();
    let by_user = matrix(model, data, index, &users, tables);
    let mut next_user = 0;
    let mut reach = PrincipalReach::default();
    let mut marks = Marks::default();
    let needs_bu = ownership_needs_bu(model);
    for (i, row) in rows.iter().enumerate() {
        let Some(out) = counts.get_mut(i * width..(i + 1) * width) else {
            continue;
        };
        match row {
            MatrixRow::User(_) => {
                let start = next_user * width;
                if let Some(src) = by_user.counts.get(start..start + width) {
                    out.copy_from_slice(src);
                }
                next_user += 1;
            }
            MatrixRow::Team(team) => {
                let facts = UserFacts::through_team(model, *team);
                let sources = sources(model, data, index, &facts, needs_bu, &mut reach);
                for (t, table) in tables.iter().enumerate() {
                    let set = model.priv_set(*table);
                    let subjects =
                        MATRIX_VERBS.map(|verb| Subject::with_facts(model, &facts, set, verb));
                    let n = count_for(model, data, index, &subjects, &sources, *table, &mut marks);
                    for (v, n) in n.iter().enumerate() {
                        if let Some(slot) = out.get_mut(t * MATRIX_VERBS.len() + v) {
                            *slot = u32::try_from(*n).unwrap_or(u32::MAX);
                        }
                    }
                }
            }
            MatrixRow::BusinessUnit(bu) => {
                let directory = model.directory();
                let members: Vec<(UserFacts, Candidates)> = bu_members(model, *bu)
                    .into_iter()
                    .map(|u| {
                        let facts = UserFacts::with_directory(model, &directory, u);
                        let cands =
                            candidates(model, data, index, &facts, needs_bu, &mut reach, None);
                        (facts, cands)
                    })
                    .collect();
                for (t, table) in tables.iter().enumerate() {
                    for (v, verb) in MATRIX_VERBS.iter().enumerate() {
                        let n = union_count(model, data, index, &members, *table, *verb);
                        if let Some(slot) = out.get_mut(t * MATRIX_VERBS.len() + v) {
                            *slot = u32::try_from(n).unwrap_or(u32::MAX);
                        }
                    }
                }
            }
        }
    }
    PrincipalMatrix {
        rows: rows.to_vec(),
        tables: tables.to_vec(),
        counts,
    }
}

/// How many records of `table` at least one of the users can `verb`: the BU buckets any of
/// them covers by depth, counted whole, plus the union of what each reaches outside them.
fn union_count(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    members: &[(UserFacts, Candidates)],
    table: TableId,
    verb: crate::model::Verb,
) -> usize {
    let set = model.priv_set(table);
    let subjects: Vec<(Subject<'_>, &Candidates)> = members
        .iter()
        .map(|(facts, cands)| (Subject::with_facts(model, facts, set, verb), cands))
        .filter(|(s, _)| s.privileged())
        .collect();
    if subjects.is_empty() {
        return 0;
    }
    let total = index.records_of(table).len();
    let org_owned = model
        .tables
        .get(table.index())
        .is_some_and(|t| t.ownership == Ownership::Organization);
    if org_owned || subjects.iter().any(|(s, _)| s.reaches_everything()) {
        return total;
    }
    let covered =
        |bu: Option<BuId>| bu.is_some_and(|b| subjects.iter().any(|(s, _)| s.covers_bu(b)));
    let mut count: usize = index
        .records_by_bu(table)
        .iter()
        .filter(|(bu, _)| covered(Some(*bu)))
        .map(|(_, records)| records.len())
        .sum();
    let mut outside: Vec<RecordId> = Vec::new();
    for (subject, cands) in &subjects {
        let owning = subject.owning_principals(table);
        for p in &owning {
            outside.extend(
                index
                    .owned_by(*p)
                    .iter()
                    .filter(|r| index.table_of(**r) == table)
                    .filter(|r| !covered(index.owning_bu_of(**r))),
            );
        }
        let tally = Tally::new(model, &[subject], table);
        for c in cands.of(table) {
            if covered(c.bu) || c.owner.is_some_and(|o| tally.owner(o) != 0) {
                continue;
            }
            if tally.known(c) != 0 || (c.needs_check && subject.allows(data, c.record)) {
                outside.push(c.record);
            }
        }
    }
    outside.sort_unstable();
    outside.dedup();
    count += outside.len();
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::can;
    use crate::scenario;

    /// Team and BU rows of the demo orgs against single checks (a probe member for a team).
    #[test]
    fn team_and_bu_rows_match_single_checks_on_the_demo_orgs() {
        for org in crate::demo::DEMO_ORGS {
            let s = scenario::load(org.yaml, &|_| Err("no base".into())).expect("demo loads");
            let (model, data) = (&s.model, &s.data);
            let index = DataIndex::build(model, data);
            let tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
            let rows: Vec<MatrixRow> = (0..model.bus.len())
                .map(|b| MatrixRow::BusinessUnit(BuId::from_index(b)))
                .collect();
            let m = principal_matrix(model, data, &index, &rows, &tables);
            for (r, row) in rows.iter().enumerate() {
                let MatrixRow::BusinessUnit(bu) = row else {
                    continue;
                };
                let members = bu_members(model, *bu);
                for (t, table) in tables.iter().enumerate() {
                    for verb in MATRIX_VERBS {
                        let expected = index
                            .records_of(*table)
                            .iter()
                            .filter(|rec| members.iter().any(|u| can(model, data, *u, verb, **rec)))
                            .count();
                        assert_eq!(
                            m.get(r, t, verb) as usize,
                            expected,
                            "{} BU {} {} {verb:?}",
                            org.id,
                            model.bu_name(*bu),
                            model.table_name(*table)
                        );
                    }
                }
            }
        }
    }
}
