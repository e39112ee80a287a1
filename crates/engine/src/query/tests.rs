//! The bulk queries agree with the single-record access check on every (user, table, verb).

use super::*;
use crate::eval::can;
use crate::scenario;

fn demo(i: usize) -> scenario::Scenario {
    let org = crate::demo::DEMO_ORGS[i];
    scenario::load(org.yaml, &|_| Err("no base".into())).expect("demo loads")
}

fn assert_queries_match_checks(model: &Model, data: &Dataset) {
    let index = DataIndex::build(model, data);
    let users: Vec<UserId> = (0..model.users.len()).map(UserId::from_index).collect();
    let tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
    let matrix = matrix(model, data, &index, &users, &tables);
    for (u, user) in users.iter().enumerate() {
        for (t, table) in tables.iter().enumerate() {
            for verb in MATRIX_VERBS {
                let expected: Vec<RecordId> = index
                    .records_of(*table)
                    .iter()
                    .copied()
                    .filter(|r| can(model, data, *user, verb, *r))
                    .collect();
                let listed: Vec<RecordId> = visible(model, data, &index, *user, *table, verb)
                    .iter()
                    .map(|v| v.record)
                    .collect();
                let who = model.user_name(*user);
                let name = model.table_name(*table);
                assert_eq!(listed, expected, "visible({who}, {name}, {verb:?})");
                assert_eq!(
                    matrix.get(u, t, verb) as usize,
                    expected.len(),
                    "matrix({who}, {name}, {verb:?})"
                );
            }
        }
    }
}

#[test]
fn queries_match_checks_on_the_demo_orgs() {
    for i in 0..crate::demo::DEMO_ORGS.len() {
        let s = demo(i);
        assert_queries_match_checks(&s.model, &s.data);
    }
}

#[test]
fn who_can_lists_exactly_the_users_who_can() {
    let s = demo(0);
    for r in 0..s.data.records.len() {
        let record = RecordId::from_index(r);
        let listed: Vec<UserId> = who_can(&s.model, &s.data, Verb::Read, record)
            .into_iter()
            .map(|(u, _)| u)
            .collect();
        let expected: Vec<UserId> = (0..s.model.users.len())
            .map(UserId::from_index)
            .filter(|u| can(&s.model, &s.data, *u, Verb::Read, record))
            .collect();
        assert_eq!(listed, expected);
    }
}

#[test]
fn what_if_reports_the_gain_of_a_raised_depth() {
    let s = demo(0);
    let index = DataIndex::build(&s.model, &s.data);
    let mut after = s.model.clone();
    let role = after
        .roles
        .iter()
        .position(|r| r.name == "role_store_staff")
        .expect("role");
    let contact = TableId::from_index(
        after
            .tables
            .iter()
            .position(|t| t.name == "contact")
            .expect("table"),
    );
    after.roles[role]
        .privileges
        .entry(crate::model::PrivSet::Table(contact))
        .or_default()
        .set(Verb::Read, crate::model::Depth::Org);
    let changes = what_if(&s.model, &after, &s.data, &index, &[Verb::Read]);
    assert!(!changes.is_empty());
    for change in &changes {
        assert_eq!(change.table, contact);
        assert!(change.lost.is_empty());
        for r in &change.gained {
            assert!(!can(&s.model, &s.data, change.user, Verb::Read, *r));
            assert!(can(&after, &s.data, change.user, Verb::Read, *r));
        }
    }
    // Every user whose reach changed is accounted for.
    for user in (0..s.model.users.len()).map(UserId::from_index) {
        for r in index.records_of(contact) {
            let before = can(&s.model, &s.data, user, Verb::Read, *r);
            let now = can(&after, &s.data, user, Verb::Read, *r);
            if before != now {
                assert!(
                    changes
                        .iter()
                        .any(|c| c.user == user && c.gained.contains(r))
                );
            }
        }
    }
}
