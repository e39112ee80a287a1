//! The advisor on the two demo organisations: the risky grants their header comments describe
//! must be caught, and suppression must keep findings visible.

use super::{Finding, LintOptions, Severity, Suppression, run, summarize};
use crate::demo::DEMO_ORGS;
use crate::scenario;

fn demo_findings(id: &str) -> Vec<Finding> {
    let yaml = DEMO_ORGS
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.yaml)
        .unwrap_or_default();
    let loaded = scenario::load(yaml, &|_| Err("no base".into())).unwrap();
    run(&loaded.model, Some(&loaded.data), &LintOptions::default())
}

#[track_caller]
fn assert_found(findings: &[Finding], lint: &str, subject: &str, severity: Severity) {
    let found = findings
        .iter()
        .find(|f| f.lint == lint && f.subject == subject);
    match found {
        Some(f) => assert_eq!(f.severity, severity, "{}", f.one_line()),
        None => panic!(
            "expected {lint} on {subject}; found:\n{}",
            findings
                .iter()
                .map(Finding::one_line)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn department_store_risk_1_cs_agent_exports_the_customer_base() {
    let findings = demo_findings("department-store");
    assert_found(
        &findings,
        "L004",
        "roles.role_cs_agent.misc.prvExportToExcel",
        Severity::Warning,
    );
    let risk_1 = findings
        .iter()
        .find(|f| f.subject == "roles.role_cs_agent.misc.prvExportToExcel")
        .unwrap();
    assert!(risk_1.message.contains("`contact`"), "{}", risk_1.message);
    assert!(
        risk_1.message.contains("`new_loyaltycard`"),
        "{}",
        risk_1.message
    );
    // The column profile shows dates of birth: the explanation says so.
    assert!(
        risk_1.explanation.contains("`contact.birthdate`"),
        "{}",
        risk_1.explanation
    );
    assert!(risk_1.explanation.contains("`u_cs_agent3`"));
}

#[test]
fn department_store_risk_2_marketing_syncs_and_goes_offline() {
    let findings = demo_findings("department-store");
    for privilege in ["prvSyncToOutlook", "prvGoOffline"] {
        assert_found(
            &findings,
            "L004",
            &format!("roles.role_marketing.misc.{privilege}"),
            Severity::Warning,
        );
    }
    let sync = findings
        .iter()
        .find(|f| f.subject == "roles.role_marketing.misc.prvSyncToOutlook")
        .unwrap();
    assert!(sync.explanation.contains("seed file 003"));
}

#[test]
fn department_store_has_no_errors() {
    let findings = demo_findings("department-store");
    assert_eq!(summarize(&findings).errors, 0);
}

#[test]
fn multinational_sales_export_for_executives_and_sales_ops() {
    // Header: "Export to Excel for managers, executives and Sales Ops only" — executives and Sales
    // Ops read every contact and lead organization-wide.
    let findings = demo_findings("multinational-sales");
    for role in ["role_global_exec", "role_sales_ops"] {
        assert_found(
            &findings,
            "L004",
            &format!("roles.{role}.misc.prvExportToExcel"),
            Severity::Warning,
        );
    }
    // Country managers read Parent: Child Business Units, not organization-wide.
    assert!(
        !findings
            .iter()
            .any(|f| f.subject == "roles.role_sales_manager.misc.prvExportToExcel")
    );
    assert_eq!(summarize(&findings).errors, 0);
}

#[test]
fn multinational_sales_team_roles_apply_in_the_team_bu() {
    // Header: "members may sit in any BU, the role applies in the team's BU".
    let findings = demo_findings("multinational-sales");
    assert_found(
        &findings,
        "L003",
        "teams.team_sales_de.members",
        Severity::Info,
    );
}

#[test]
fn suppressed_findings_stay_visible_with_their_reason() {
    let yaml = DEMO_ORGS.first().map(|d| d.yaml).unwrap_or_default();
    let loaded = scenario::load(yaml, &|_| Err("no base".into())).unwrap();
    let suppression = Suppression {
        lint: "L004".into(),
        subject: "roles.role_cs_agent.misc.prvExportToExcel".into(),
        reason: "accepted by the DPO until the export role lands".into(),
    };
    let options = LintOptions::with_suppressions([&suppression]);
    assert_eq!(options.suppressions(), vec![suppression.clone()]);
    let findings = run(&loaded.model, Some(&loaded.data), &options);
    let risk_1 = findings
        .iter()
        .find(|f| f.subject == suppression.subject)
        .unwrap();
    assert_eq!(
        risk_1.suppressed.as_deref(),
        Some(suppression.reason.as_str())
    );
    assert!(
        risk_1
            .one_line()
            .ends_with("(suppressed: accepted by the DPO until the export role lands)")
    );
    let before = summarize(&run(
        &loaded.model,
        Some(&loaded.data),
        &LintOptions::default(),
    ));
    let after = summarize(&findings);
    assert_eq!(after.suppressed, before.suppressed + 1);
    assert_eq!(after.warnings + 1, before.warnings);
}

#[test]
fn findings_are_sorted_and_stable() {
    let a = demo_findings("multinational-sales");
    let b = demo_findings("multinational-sales");
    assert_eq!(a, b);
    let keys: Vec<(&str, &str)> = a.iter().map(|f| (f.lint, f.subject.as_str())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn lint_ids_and_slugs_are_unique_and_match_their_files() {
    let mut ids: Vec<&str> = super::LINTS.iter().map(|l| l.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), super::LINTS.len());
    for (i, lint) in super::LINTS.iter().enumerate() {
        assert_eq!(lint.id, format!("L{:03}", i + 1));
        assert!(
            lint.slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
        );
    }
}
