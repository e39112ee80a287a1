//! The simulator's actions against the demo org, compared with the engine's own answers.

use super::*;
use crate::state::Workspace;

fn demo() -> Workspace {
    Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo loads")
}

fn ids(ws: &Workspace, user: &str, record: &str) -> (UserId, RecordId) {
    let names = ws.model.name_index();
    let records = ws.data.name_index();
    (names.users[user], records[record])
}

#[test]
fn explain_denies_leeds_clerk_a_manchester_case_with_a_depth_fix() {
    let ws = demo();
    let (user, record) = ids(&ws, "u_leeds_clerk1", "case_mcr_staff_complaint");
    let explanation = explain(&ws.model, &ws.data, user, Verb::Read, record);
    assert_eq!(explanation.verdict.outcome, Outcome::Deny);
    assert!(
        explanation.sentences[0].contains("no depth"),
        "{:?}",
        explanation.sentences
    );
    let fix = *explanation.fixes.first().expect("a depth fix");
    let engine::query::Fix::RoleDepth { depth, .. } = fix else {
        panic!("the first fix is a role's depth: {fix:?}");
    };
    assert_eq!(depth, Depth::Org);
    // The verdict's fix sentences and the structured fixes agree, in order.
    assert_eq!(explanation.fixes.len(), explanation.verdict.fixes.len());
    let after = fix.apply_to_model(&ws.model);
    assert!(engine::eval::can(
        &after,
        &ws.data,
        user,
        Verb::Read,
        record
    ));
    let effects = effect(&ws.model, &after, &ws.data, &ws.index, &[Verb::Read]);
    assert!(effects.iter().any(|e| e.gained > 0 && e.lost == 0));
}

#[test]
fn explain_allows_with_one_sentence_per_path() {
    let ws = demo();
    let (user, record) = ids(&ws, "u_leeds_clerk1", "case_leeds_sofa_delivery");
    let explanation = explain(&ws.model, &ws.data, user, Verb::Read, record);
    assert_eq!(explanation.verdict.outcome, Outcome::Allow);
    assert_eq!(explanation.sentences.len(), explanation.verdict.paths.len());
    assert!(explanation.fixes.is_empty());
}

#[test]
fn user_reach_matches_counts_per_table() {
    let ws = demo();
    let (user, _) = ids(&ws, "u_leeds_clerk1", "case_mcr_staff_complaint");
    let reach = user_reach(&ws.model, &ws.data, &ws.index, user);
    for verb in MATRIX_VERBS {
        let counts = query::counts_per_table(&ws.model, &ws.data, &ws.index, user, verb);
        for (table, n) in counts {
            assert_eq!(reach[table.index()].count(verb) as usize, n);
        }
    }
    let incident = ws.model.name_index().tables["incident"];
    let rows = visible_rows(&ws.model, &ws.data, &ws.index, user, incident, Verb::Read);
    assert_eq!(
        rows.len(),
        reach[incident.index()].count(Verb::Read) as usize
    );
    let tree = bu_reach(
        &ws.model,
        &ws.index,
        &ws.data,
        user,
        incident,
        Verb::Read,
        &rows,
    );
    assert_eq!(tree.len(), ws.model.bus.len());
    assert_eq!(tree.iter().map(|b| b.visible).sum::<usize>(), rows.len());
    assert!(
        tree.iter()
            .any(|b| b.pinned && b.reach == Some(Reason::BusinessUnit))
    );
}

#[test]
fn who_can_marks_hierarchy_managers() {
    let ws = demo();
    let (_, record) = ids(&ws, "u_leeds_clerk1", "opp_kirkstall_awards");
    let rows = who_can(&ws.model, &ws.data, record, Verb::Read);
    let north = ws.model.name_index().users["u_north_regional_mgr"];
    let row = rows
        .iter()
        .find(|r| r.user == north)
        .expect("the regional manager reads it");
    assert!(row.hierarchy_only);
    assert!(
        row.paths
            .iter()
            .any(|(reason, _)| *reason == Reason::Hierarchy)
    );
}

#[test]
fn matrix_csv_has_a_row_per_user_and_a_column_per_table() {
    let ws = demo();
    let matrix = full_matrix(&ws.model, &ws.data, &ws.index);
    let csv = matrix_csv(&ws.model, &matrix, Verb::Read);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), ws.model.users.len() + 1);
    assert!(lines[0].starts_with("user,display name,business unit,account"));
}

#[test]
fn direct_roles_only_drops_team_roles() {
    let ws = demo();
    let direct = direct_roles_only(&ws.model);
    assert!(direct.teams.iter().all(|t| t.roles.is_empty()));
    let (user, record) = ids(&ws, "u_leeds_clerk3", "inv_york_hamper");
    assert!(engine::eval::can(
        &ws.model,
        &ws.data,
        user,
        Verb::Read,
        record
    ));
    assert!(!engine::eval::can(
        &direct,
        &ws.data,
        user,
        Verb::Read,
        record
    ));
}

/// The numbers the Playwright specs (`tests/e2e/simulator-*.spec.ts`) expect on the demo org.
#[test]
fn e2e_expectations_are_the_engines_answers() {
    let ws = demo();
    let (clerk, kirkstall) = ids(&ws, "u_leeds_clerk1", "opp_kirkstall_awards");
    let reach = user_reach(&ws.model, &ws.data, &ws.index, clerk);
    let table = |name: &str| ws.model.name_index().tables[name].index();
    assert_eq!(reach[table("incident")].count(Verb::Read), 3);
    assert_eq!(reach[table("incident")].total, 14);
    assert_eq!(reach[table("contact")].count(Verb::Write), 5);
    let readers = who_can(&ws.model, &ws.data, kirkstall, Verb::Read)
        .iter()
        .filter(|r| r.verbs[Verb::Read.index()].is_some())
        .count();
    assert_eq!(readers, 15);
    assert_eq!(ws.checks.len(), 30);
}

#[test]
fn fix_rows_say_what_else_the_role_change_opens_up() {
    let ws = demo();
    let (user, record) = ids(&ws, "u_leeds_clerk1", "case_mcr_staff_complaint");
    let explanation = explain(&ws.model, &ws.data, user, Verb::Read, record);
    let rows = fix_rows(
        &ws.model,
        &ws.data,
        &ws.index,
        user,
        Verb::Read,
        record,
        &explanation.fixes,
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    let role = &rows[0];
    assert!(role.grants);
    assert!(
        role.sentence.starts_with("give role `"),
        "{}",
        role.sentence
    );
    assert!(
        role.summary
            .starts_with("grants it; `u_leeds_clerk1` also gains "),
        "{}",
        role.summary
    );
    assert!(role.effects.iter().any(|e| e.users_gaining.len() > 1));
    let share = &rows[1];
    assert!(share.grants);
    assert!(
        share
            .sentence
            .starts_with("share `case_mcr_staff_complaint` with `u_leeds_clerk1`")
    );
    assert!(share.touched.contains(&record));
}

#[test]
fn team_and_bu_rows_label_and_count() {
    let ws = demo();
    let m = rows_matrix(&ws.model, &ws.data, &ws.index, RowKind::Team, None);
    assert_eq!(m.rows.len(), ws.model.teams.len());
    let m = rows_matrix(&ws.model, &ws.data, &ws.index, RowKind::BusinessUnit, None);
    assert_eq!(m.rows.len(), ws.model.bus.len());
    let csv = principal_matrix_csv(&ws.model, &m, Verb::Read);
    assert!(
        csv.starts_with("business unit,display name,enabled users,account,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), ws.model.bus.len() + 1);
}
