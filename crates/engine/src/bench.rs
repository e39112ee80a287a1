//! The benchmark workloads, defined once so that `rampart bench` (native) and the app's
//! benchmark page (wasm, in the browser) time exactly the same work.
//!
//! The engine has no clock: callers time [`Workload::run`] themselves. Each workload returns a
//! number derived from its answer (a count) so the work cannot be optimised away and so runs
//! can be compared.

use crate::data::Dataset;
use crate::eval::{self, Operation};
use crate::generate::rng::Rng;
use crate::generate::{self, DataParams, OrgParams};
use crate::model::{Depth, Model, PrivSet, RecordId, TableId, UserId, Verb};
use crate::query::{self, DataIndex};

/// Seed of the benchmark org and data.
pub const SEED: u64 = 1;
/// Records of the full benchmark dataset (issue 5's figures are for this size).
pub const N_RECORDS: usize = 1_000_000;
/// Single checks per batch of the check workloads.
pub const N_CHECKS: usize = 10_000;

/// The org, data and index every workload runs on, plus the users, records and edit they ask
/// about.
pub struct BenchOrg {
    /// The generated benchmark organisation (`OrgParams::benchmark(SEED)`).
    pub model: Model,
    /// Its records.
    pub data: Dataset,
    /// The records' indexes.
    pub index: DataIndex,
    /// A salesperson (User/BU roles and a country team).
    pub rep: UserId,
    /// The head of a country: Parent: Child BU roles and manager hierarchy two levels down.
    pub country_head: UserId,
    /// The contact table: the largest.
    pub contact: TableId,
    /// A contact, for who-can questions.
    pub record: RecordId,
    /// Random (user, record) pairs for single checks.
    pub checks: Vec<(UserId, RecordId)>,
    /// The model after one role edit: salespeople read contacts at Parent: Child BU instead
    /// of Business Unit depth.
    pub role_edit: Model,
}

/// The benchmark organisation without records (`generate_org`).
pub fn org() -> Model {
    generate::org(&OrgParams::benchmark(SEED))
}

/// `n_records` records for the benchmark organisation (`generate_1m` for a million).
pub fn data(model: &Model, n_records: usize) -> Dataset {
    generate::data(model, &DataParams::new(SEED, n_records))
}

impl BenchOrg {
    /// Chooses the subjects of the workloads in a generated org, data and index.
    pub fn new(model: Model, data: Dataset, index: DataIndex) -> BenchOrg {
        let names = model.name_index();
        let contact = names.tables.get("contact").copied().unwrap_or(TableId(0));
        let salesperson = names.roles.get("role_salesperson").copied();
        let rep = model
            .users
            .iter()
            .position(|u| u.enabled && u.roles.iter().any(|a| Some(a.role) == salesperson))
            .map_or(UserId(0), UserId::from_index);
        let sales_manager = names.roles.get("role_sales_manager").copied();
        let country_head = model
            .users
            .iter()
            .position(|u| {
                u.roles.iter().any(|a| Some(a.role) == sales_manager)
                    && model.bus.get(u.bu.index()).and_then(|b| b.parent) != Some(model.root_bu())
            })
            .map_or(UserId(0), UserId::from_index);
        let record = index
            .records_of(contact)
            .first()
            .copied()
            .unwrap_or(RecordId(0));
        let mut rng = Rng::new(SEED, 99);
        let checks = if data.records.is_empty() || model.users.is_empty() {
            Vec::new()
        } else {
            (0..N_CHECKS)
                .map(|_| {
                    (
                        UserId::from_index(rng.below(model.users.len())),
                        RecordId::from_index(rng.below(data.records.len())),
                    )
                })
                .collect()
        };
        let mut role_edit = model.clone();
        if let Some(role) = salesperson.and_then(|r| role_edit.roles.get_mut(r.index())) {
            role.privileges
                .entry(PrivSet::Table(contact))
                .or_default()
                .set(Verb::Read, Depth::Pcbu);
        }
        BenchOrg {
            model,
            data,
            index,
            rep,
            country_head,
            contact,
            record,
            checks,
            role_edit,
        }
    }

    /// Generates the org and `n_records` records and indexes them.
    pub fn generate(n_records: usize) -> BenchOrg {
        let model = org();
        let data = data(&model, n_records);
        let index = DataIndex::build(&model, &data);
        BenchOrg::new(model, data, index)
    }
}

/// One timed piece of work over a [`BenchOrg`].
#[derive(Clone, Copy)]
pub struct Workload {
    /// Name in `rampart bench --json` and on the benchmark page.
    pub name: &'static str,
    /// What is timed, in a few words.
    pub what: &'static str,
    /// The target for the full benchmark org, if any.
    pub target_ms: Option<f64>,
    /// For batches of small operations: the name and size of the derived per-call figure.
    pub per_call: Option<(&'static str, usize)>,
    /// The work; returns a count from the answer.
    pub run: fn(&BenchOrg) -> usize,
}

/// The query workloads, in the order they are run and reported.
pub const WORKLOADS: &[Workload] = &[
    Workload {
        name: "check_explain_10k",
        what: "10,000 eval::decide calls (Read on a random record by a random user), with explanations",
        target_ms: None,
        per_call: Some(("check_with_explanation", N_CHECKS)),
        run: |b| {
            b.checks
                .iter()
                .map(|(user, record)| {
                    let op = Operation::Record {
                        verb: Verb::Read,
                        record: *record,
                    };
                    eval::decide(&b.model, &b.data, *user, &op).paths.len()
                })
                .sum()
        },
    },
    Workload {
        name: "can_10k",
        what: "10,000 eval::can calls (no explanation)",
        target_ms: None,
        per_call: None,
        run: |b| {
            b.checks
                .iter()
                .filter(|(user, record)| eval::can(&b.model, &b.data, *user, Verb::Read, *record))
                .count()
        },
    },
    Workload {
        name: "visible_one_user_table",
        what: "query::visible: a salesperson × contact",
        target_ms: Some(20.0),
        per_call: None,
        run: |b| query::visible(&b.model, &b.data, &b.index, b.rep, b.contact, Verb::Read).len(),
    },
    Workload {
        name: "visible_manager_table",
        what: "query::visible: a country head (Parent: Child BU, hierarchy) × contact",
        target_ms: Some(20.0),
        per_call: None,
        run: |b| {
            query::visible(
                &b.model,
                &b.data,
                &b.index,
                b.country_head,
                b.contact,
                Verb::Read,
            )
            .len()
        },
    },
    Workload {
        name: "matrix_1000x10",
        what: "query::matrix: every user × every table × 5 verbs (counts)",
        target_ms: Some(500.0),
        per_call: None,
        run: |b| {
            let users: Vec<UserId> = (0..b.model.users.len()).map(UserId::from_index).collect();
            let tables: Vec<TableId> = (0..b.model.tables.len()).map(TableId::from_index).collect();
            let matrix = query::matrix(&b.model, &b.data, &b.index, &users, &tables);
            matrix.counts.len()
        },
    },
    Workload {
        name: "who_can_one_record",
        what: "query::who_can on one contact",
        target_ms: None,
        per_call: None,
        run: |b| query::who_can(&b.model, &b.data, Verb::Read, b.record).len(),
    },
    Workload {
        name: "what_if_role_edit",
        what: "query::what_if: salespeople read contacts at Parent: Child BU instead of BU",
        target_ms: Some(100.0),
        per_call: None,
        run: |b| query::what_if(&b.model, &b.role_edit, &b.data, &b.index, &[Verb::Read]).len(),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every workload runs on a small benchmark org and answers something, so a timing never
    /// measures an empty question.
    #[test]
    fn every_workload_answers_on_a_small_org() {
        let org = BenchOrg::generate(20_000);
        assert_ne!(org.rep, org.country_head);
        for workload in WORKLOADS {
            let answer = (workload.run)(&org);
            assert!(answer > 0, "{} answered nothing", workload.name);
        }
    }

    /// The role edit widens some salespeople's contacts, so what-if has work to do.
    #[test]
    fn the_role_edit_changes_access() {
        let org = BenchOrg::generate(20_000);
        let changes = query::what_if(
            &org.model,
            &org.role_edit,
            &org.data,
            &org.index,
            &[Verb::Read],
        );
        assert!(changes.iter().any(|c| !c.gained.is_empty()));
    }
}
