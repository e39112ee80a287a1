//! `rampart lint`, `rampart leakage` and `rampart export` run as the real binary on the demo
//! organisations and on small fixtures in a fresh temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn demo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../engine/src/demo")
        .join(format!("{name}.yaml"))
}

fn rampart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(args)
        .output()
        .expect("rampart runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A fresh folder per test under the target directory.
fn temp_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lint_cli_{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn lint_demo_reports_risk_1_and_exits_0() {
    let file = demo("department-store");
    let output = rampart(&["lint", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("warning[L004] roles.role_cs_agent.misc.prvExportToExcel: "),
        "{text}"
    );
    assert!(text.contains("(fix: "));
    assert!(text.contains("0 errors"), "{text}");
}

#[test]
fn lint_json_lists_findings_and_summary() {
    let file = demo("department-store");
    let output = rampart(&["lint", file.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let risk_2 = findings
        .iter()
        .find(|f| f["subject"] == "roles.role_marketing.misc.prvSyncToOutlook")
        .expect("RISK-2 found");
    assert_eq!(risk_2["lint"], "L004");
    assert_eq!(risk_2["severity"], "warning");
    assert!(risk_2["suppressed"].is_null());
    assert!(
        risk_2["explanation"]
            .as_str()
            .unwrap()
            .contains("seed file 003")
    );
    assert_eq!(doc["summary"]["errors"], 0);
}

#[test]
fn lint_error_exits_3() {
    let dir = temp_dir("lint_error_exits_3");
    let file = dir.join("no-role.yaml");
    std::fs::write(
        &file,
        "business_units: {Root: null}\ntables: {account: user_or_team}\nusers:\n  U1: {bu: Root}\n",
    )
    .unwrap();
    let output = rampart(&["lint", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(3), "{}", stdout(&output));
    assert!(stdout(&output).contains("error[L001] users.U1.roles: "));
}

#[test]
fn lint_resolves_base_from_the_same_folder() {
    let dir = temp_dir("lint_resolves_base");
    std::fs::write(
        dir.join("base-org.yaml"),
        "business_units: {Root: null}\ntables: {account: user_or_team}\nroles:\n  R: {privileges: {account: {read: user}}}\n",
    )
    .unwrap();
    let file = dir.join("child.yaml");
    std::fs::write(
        &file,
        "base: base-org\nusers:\n  U1: {bu: Root, roles: [R]}\n  U2: {bu: Root}\n",
    )
    .unwrap();
    let output = rampart(&["lint", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stdout(&output).contains("error[L001] users.U2.roles"));
}

#[test]
fn unreadable_file_exits_1() {
    let output = rampart(&["lint", "/nonexistent/rampart/org.yaml"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn leakage_json_counts_exportable_records() {
    let file = demo("department-store");
    let output = rampart(&["leakage", file.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let contact = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "contact")
        .unwrap();
    let temp = contact["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["user"] == "u_cs_agent3")
        .unwrap();
    assert_eq!(temp["n_exfiltrable"], contact["n_records"]);
}

#[test]
fn leakage_human_lists_movers() {
    let file = demo("multinational-sales");
    let output = rampart(&["leakage", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("contact [sensitive: people]:"), "{text}");
    assert!(
        text.contains("    u_salesops_admin (bu_global, read org): "),
        "{text}"
    );
}

#[test]
fn export_csv_inventory_and_roles() {
    let file = demo("department-store");
    let output = rampart(&["export", "csv-inventory", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("table,ownership,owner type,secured columns,sensitive,who reads it,users who can read,business rule\r\n"));
    assert!(text.contains("\r\ncontact,user_or_team,"));
    let dir = temp_dir("export_csv");
    let out = dir.join("roles.csv");
    let output = rampart(&[
        "export",
        "csv-roles",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains("role_cs_agent,bu_head_office,Direct User (Basic) access level and Team privileges,misc,prvExportToExcel,,,,,,,,,Organization\r\n"));
    let again = rampart(&["export", "csv-roles", file.to_str().unwrap()]);
    assert_eq!(stdout(&again), csv, "byte-stable");
}

#[test]
fn lint_model_json_applies_its_suppressions() {
    let yaml = std::fs::read_to_string(demo("department-store")).unwrap();
    let scenario = engine::scenario::load(&yaml, &|_| Err("no base".into())).unwrap();
    let mut doc = engine::format::from_scenario(&scenario);
    doc.lint_suppressions.insert(
        "L004 roles.role_cs_agent.misc.prvExportToExcel".into(),
        "accepted until the export role lands".into(),
    );
    doc.lint_suppressions.insert(
        "L014".into(),
        "store teams are meant to work this way".into(),
    );
    let dir = temp_dir("lint_model_json");
    let file = dir.join("store.json");
    std::fs::write(&file, engine::format::to_string(&doc)).unwrap();
    let output = rampart(&["lint", file.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let risk_1 = findings
        .iter()
        .find(|f| f["subject"] == "roles.role_cs_agent.misc.prvExportToExcel")
        .expect("suppressed findings are still reported");
    assert_eq!(risk_1["suppressed"], "accepted until the export role lands");
    assert!(
        findings
            .iter()
            .filter(|f| f["lint"] == "L014")
            .all(|f| f["suppressed"] == "store teams are meant to work this way")
    );
    let text = stdout(&rampart(&["lint", file.to_str().unwrap()]));
    assert!(
        text.contains("(suppressed: accepted until the export role lands)"),
        "{text}"
    );
}
