//! Runs the real `rampart` binary for the model-format subcommands (`validate`, `fmt`,
//! `schema`, `convert`): exit codes, output and JSON, each in its own temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A fresh temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("rampart-cli-{}-{n}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rampart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let output = rampart(args);
    let code = output
        .status
        .code()
        .expect("exited normally, not by a signal");
    assert_ne!(
        code,
        101,
        "rampart panicked: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        code,
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

const VALID: &str = r#"{"format": "rampart-model", "version": 1,
  "business_units": {"Root": {}, "Sales": {"parent": "Root"}},
  "teams": {"Root": {"type": "default", "bu": "Root"}, "Sales": {"type": "default", "bu": "Sales"}},
  "tables": {"account": {"ownership": "user_or_team"}},
  "roles": {"R_Sales": {"bu": "Root", "privileges": {"account": {"read": "bu"}}}},
  "users": {"alice": {"bu": "Sales", "roles": ["R_Sales"]}}}"#;

const SCENARIO: &str = "id: SC-T\ntitle: t\nbusiness_units: {Root: null, Sales: Root}\n\
tables: {account: user_or_team}\nroles: {R: {privileges: {account: {read: bu}}}}\n\
users: {alice: {bu: Sales, roles: [R]}}\n\
records: {A1: {table: account, owner: alice}}\n\
checks:\n  - {who: alice, op: read, target: A1, expect: allow}\n";

// --- validate ------------------------------------------------------------------------------------

#[test]
fn validate_clean_model_exits_0() {
    let dir = TempDir::new("clean");
    let file = dir.write("org.json", VALID);
    let (code, stdout, _) = run(&["validate", path(&file)]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with(": valid, 0 errors, 0 warnings\n"),
        "{stdout}"
    );
}

#[test]
fn validate_errors_exit_2_with_one_line_per_issue() {
    let dir = TempDir::new("errors");
    let file = dir.write(
        "org.json",
        VALID.replace(r#""bu": "Sales", "roles""#, r#""bu": "Sales2", "roles""#),
    );
    let (code, stdout, _) = run(&["validate", path(&file)]);
    assert_eq!(code, 2, "{stdout}");
    let first = stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "error[unknown-reference] users.alice.bu: unknown business unit `Sales2` (help: did you mean `Sales`?)"
    );
    assert!(
        stdout.ends_with(": invalid, 1 error, 0 warnings\n"),
        "{stdout}"
    );
}

#[test]
fn validate_warnings_only_exit_0() {
    let dir = TempDir::new("warnings");
    let file = dir.write(
        "org.json",
        VALID.replace(r#""roles": ["R_Sales"]"#, r#""roles": []"#),
    );
    let (code, stdout, _) = run(&["validate", path(&file)]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.starts_with("warning[user-without-role] users.alice.roles: "),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(": valid, 0 errors, 1 warning\n"),
        "{stdout}"
    );
}

#[test]
fn validate_json_output() {
    let dir = TempDir::new("json");
    let file = dir.write(
        "org.json",
        VALID
            .replace(
                r#""read": "bu""#,
                r#""read": "bu"}, "new_config": {"read": "bu""#,
            )
            .replace(
                r#""tables": {"#,
                r#""tables": {"new_config": {"ownership": "organization"}, "#,
            ),
    );
    let (code, stdout, _) = run(&["validate", "--json", path(&file)]);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["valid"], false);
    assert_eq!(doc["errors"], 1);
    assert_eq!(doc["warnings"], 0);
    assert_eq!(
        doc["issues"][0],
        serde_json::json!({
            "code": "depth-not-allowed", "severity": "error",
            "path": "roles.R_Sales.privileges.new_config.read",
            "message": "depth `bu` not allowed for organization-owned table `new_config`",
            "help": "organization-owned tables take `none` or `org` only: the privilege is an on/off switch (ROLE-5)"
        })
    );
    let clean = dir.write("clean.json", VALID);
    let (code, stdout, _) = run(&["validate", "--json", path(&clean)]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        doc,
        serde_json::json!({"valid": true, "errors": 0, "warnings": 0, "issues": []})
    );
}

#[test]
fn validate_not_json_exits_1_with_line_and_column() {
    let dir = TempDir::new("notjson");
    let file = dir.write("org.json", "{\"format\": \"rampart-model\",\n  oops }");
    let (code, stdout, stderr) = run(&["validate", path(&file)]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        format!(
            "rampart: {}: not JSON: key must be a string at line 2, column 3\n",
            file.display()
        )
    );
    let (code, stdout, _) = run(&["validate", "--json", path(&file)]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["valid"], false);
    assert!(doc["error"].as_str().unwrap().contains("not JSON"));
}

#[test]
fn validate_wrong_types_exit_1_naming_the_path() {
    let dir = TempDir::new("shape");
    let file = dir.write(
        "org.json",
        VALID.replace(r#""roles": ["R_Sales"]"#, r#""roles": 7"#),
    );
    let (code, _, stderr) = run(&["validate", path(&file)]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(": users.alice.roles: invalid type: integer `7`, expected a sequence"),
        "{stderr}"
    );
}

#[test]
fn validate_wrong_format_and_newer_version_exit_1() {
    let dir = TempDir::new("version");
    let file = dir.write("a.json", r#"{"format": "rampart-model", "version": 3}"#);
    let (code, _, stderr) = run(&["validate", path(&file)]);
    assert_eq!(code, 1);
    assert!(stderr.contains(
        "this file is rampart-model version 3; this Rampart reads up to version 1: update Rampart"
    ));
    let file = dir.write("b.json", r#"{"hello": "world"}"#);
    let (code, _, stderr) = run(&["validate", path(&file)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("not a rampart-model document"), "{stderr}");
}

#[test]
fn validate_huge_file_is_refused_without_reading_it() {
    let dir = TempDir::new("huge");
    let file = dir.0.join("huge.json");
    let handle = std::fs::File::create(&file).unwrap();
    handle.set_len(65 * 1024 * 1024).unwrap();
    let (code, _, stderr) = run(&["validate", path(&file)]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("Rampart reads model files up to 64 MiB"),
        "{stderr}"
    );
}

#[test]
fn validate_binary_and_missing_files_exit_1() {
    let dir = TempDir::new("binary");
    let file = dir.write("org.json", [0xff, 0xfe, 0x00, 0x7b]);
    let (code, _, stderr) = run(&["validate", path(&file)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("not UTF-8 text"), "{stderr}");
    let missing = dir.0.join("missing.json");
    let (code, _, stderr) = run(&["validate", path(&missing)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read"), "{stderr}");
    let (code, _, _) = run(&["validate", path(&dir.0)]);
    assert_eq!(code, 1);
}

#[test]
fn validate_accepts_scenario_yaml() {
    let dir = TempDir::new("yaml");
    let file = dir.write("SC-T.yaml", SCENARIO);
    let (code, stdout, _) = run(&["validate", path(&file)]);
    assert_eq!(code, 0, "{stdout}");
    let broken = dir.write("broken.yaml", SCENARIO.replace("roles: [R]", "roles: [R2]"));
    let (code, stdout, _) = run(&["validate", path(&broken)]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("error[scenario] users.alice.roles[0]: unknown role `R2`"),
        "{stdout}"
    );
    let not_yaml = dir.write("bad.yaml", "a: [unclosed");
    let (code, _, _) = run(&["validate", path(&not_yaml)]);
    assert_eq!(code, 1);
}

#[test]
fn validate_the_demo_orgs() {
    for demo in ["department-store", "multinational-sales"] {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/src/demo/").to_string()
            + demo
            + ".yaml";
        let (code, stdout, _) = run(&["validate", &file]);
        assert_eq!(code, 0, "{demo}: {stdout}");
    }
}

// --- fmt ---------------------------------------------------------------------------------------

#[test]
fn fmt_prints_canonical_form_and_is_idempotent() {
    let dir = TempDir::new("fmt");
    let file = dir.write("org.json", VALID);
    let (code, canonical, _) = run(&["fmt", path(&file)]);
    assert_eq!(code, 0);
    assert!(canonical.starts_with("{\n  \"format\": \"rampart-model\",\n  \"version\": 1,\n"));
    assert!(canonical.ends_with("}\n"));
    let again = dir.write("again.json", &canonical);
    let (code, twice, _) = run(&["fmt", path(&again)]);
    assert_eq!(code, 0);
    assert_eq!(twice, canonical);
}

#[test]
fn fmt_check_exits_2_until_written() {
    let dir = TempDir::new("check");
    let file = dir.write("org.json", VALID);
    let (code, stdout, stderr) = run(&["fmt", "--check", path(&file)]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("not in canonical form"), "{stderr}");
    let (code, _, _) = run(&["fmt", "--write", path(&file)]);
    assert_eq!(code, 0);
    let (code, _, _) = run(&["fmt", "--check", path(&file)]);
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("\"R_Sales\""));
}

#[test]
fn fmt_refuses_repeated_ids_and_bad_input() {
    let dir = TempDir::new("fmtbad");
    let file = dir.write(
        "org.json",
        VALID.replace(
            r#""users": {"alice": "#,
            r#""users": {"alice": {"bu": "Root"}, "alice": "#,
        ),
    );
    let (code, _, stderr) = run(&["fmt", path(&file)]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("ids defined more than once: users.alice"),
        "{stderr}"
    );
    let yaml = dir.write("SC-T.yaml", SCENARIO);
    let (code, _, stderr) = run(&["fmt", path(&yaml)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("rampart convert"), "{stderr}");
    let (code, _, _) = run(&["fmt", "--check", "--write", path(&file)]);
    assert_eq!(
        code, 2,
        "clap refuses conflicting flags with its usage exit code"
    );
}

#[test]
fn fmt_upgrades_version_0() {
    let dir = TempDir::new("v0");
    let file = dir.write(
        "old.json",
        r#"{"format": "rampart-model", "version": 0, "business_units": {"Root": {}},
            "tables": {"account": {"ownership": "user_or_team"}},
            "roles": {"R": {"bu": "Root", "privileges": [{"table": "account", "verb": "read", "depth": "org"}]}}}"#,
    );
    let (code, stdout, _) = run(&["fmt", path(&file)]);
    assert_eq!(code, 0);
    assert!(stdout.contains("\"version\": 1,"));
    assert!(
        stdout.contains("\"account\": {\n          \"read\": \"org\"\n        }"),
        "{stdout}"
    );
}

// --- schema ------------------------------------------------------------------------------------

#[test]
fn schema_prints_the_checked_in_schema() {
    let (code, stdout, _) = run(&["schema"]);
    assert_eq!(code, 0);
    let checked_in = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/rampart-model-v1.schema.json"
    ))
    .unwrap();
    assert_eq!(stdout, checked_in);
    let schema: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

// --- convert -----------------------------------------------------------------------------------

#[test]
fn convert_a_demo_gives_a_valid_canonical_model() {
    let dir = TempDir::new("demo");
    let out = dir.0.join("demo.json");
    let (code, stdout, _) = run(&["convert", "--demo", "department-store", "-o", path(&out)]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let (code, _, _) = run(&["validate", path(&out)]);
    assert_eq!(code, 0);
    let (code, _, _) = run(&["fmt", "--check", path(&out)]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(!doc["pinned_checks"].as_array().unwrap().is_empty());
    assert!(doc["data"]["records"].as_object().unwrap().len() > 10);
}

#[test]
fn convert_a_scenario_resolving_its_base() {
    let dir = TempDir::new("base");
    dir.write("SC-T.yaml", SCENARIO);
    let child = dir.write(
        "SC-U.yaml",
        "id: SC-U\ntitle: u\nbase: SC-T\nusers: {bob: {bu: Root, roles: [R]}}\n\
         checks:\n  - {who: bob, op: read, target: A1, expect: deny}\n",
    );
    let (code, stdout, stderr) = run(&["convert", path(&child)]);
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["format"], "rampart-model");
    assert!(doc["users"]["alice"].is_object() && doc["users"]["bob"].is_object());
    assert_eq!(
        doc["pinned_checks"].as_array().unwrap().len(),
        1,
        "base checks are not inherited"
    );
    assert_eq!(doc["pinned_checks"][0]["who"], "bob");
}

#[test]
fn convert_refuses_unknown_demo_and_missing_file() {
    let (code, _, stderr) = run(&["convert", "--demo", "nope"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown demo `nope`"), "{stderr}");
    let (code, _, _) = run(&["convert", "/definitely/not/here.yaml"]);
    assert_eq!(code, 1);
    let dir = TempDir::new("missingbase");
    let orphan = dir.write("SC-V.yaml", "id: SC-V\nbase: SC-NONE\n");
    let (code, _, stderr) = run(&["convert", path(&orphan)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("base scenario `SC-NONE`"), "{stderr}");
}

// --- convert --to scenario ---------------------------------------------------------------------

/// A model's pinned checks, written as a scenario, run green with `rampart test`; a pinned check
/// whose expectation is wrong fails there too.
#[test]
fn convert_a_model_to_a_scenario_that_rampart_test_runs() {
    let dir = TempDir::new("toscenario");
    let model = dir.0.join("demo.json");
    let (code, _, stderr) = run(&[
        "convert",
        "--demo",
        "multinational-sales",
        "-o",
        path(&model),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let yaml = dir.0.join("checks.yaml");
    let (code, stdout, stderr) = run(&[
        "convert",
        path(&model),
        "--to",
        "scenario",
        "-o",
        path(&yaml),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(text.contains("\nbusiness_units:\n") && text.contains("\nchecks:\n"));
    let (code, stdout, stderr) = run(&["test", path(&yaml), "--json"]);
    assert_eq!(code, 0, "{stderr}{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let pinned = serde_json::from_str::<Value>(&std::fs::read_to_string(&model).unwrap()).unwrap()
        ["pinned_checks"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        report["passed"].as_u64().unwrap() + report["skipped"].as_u64().unwrap(),
        pinned as u64
    );
    assert_eq!(report["failed"], 0);
    assert!(report["passed"].as_u64().unwrap() > 5);

    // One expectation turned round: the written scenario now has exactly one failing check.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    let checks = doc["pinned_checks"].as_array_mut().unwrap();
    let flipped = checks
        .iter_mut()
        .find(|c| c["expect"] == "allow" && c.get("scored").is_none())
        .unwrap();
    flipped["expect"] = Value::from("deny");
    let wrong = dir.write("wrong.json", serde_json::to_string(&doc).unwrap());
    let (code, stdout, stderr) = run(&["convert", path(&wrong), "--to", "scenario"]);
    assert_eq!(code, 0, "{stderr}");
    let wrong_yaml = dir.write("wrong.yaml", stdout);
    let (code, stdout, _) = run(&["test", path(&wrong_yaml), "--json"]);
    assert_ne!(code, 0);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["failed"], 1, "{stdout}");
}

// --- import-csv, csv-template ---------------------------------------------------------------------

#[test]
fn import_csv_map_overrides_the_suggested_mapping_and_names_bad_columns_and_fields() {
    let dir = TempDir::new("import-csv-map");
    let model = dir.0.join("store.json");
    let (code, _, stderr) = run(&["convert", "--demo", "department-store", "-o", path(&model)]);
    assert_eq!(code, 0, "{stderr}");
    // `Card` is not a name the suggestion knows, and `Id` holds a note nobody wants imported.
    let csv = dir.write(
        "cards.csv",
        "Owner,Card,Id,new_tier\r\nu_leeds_clerk1,card_m1,scribble,Gold\r\n",
    );
    let merged = dir.0.join("merged.json");
    let base = [
        "import-csv",
        path(&model),
        path(&csv),
        "--table",
        "new_loyaltycard",
        "--json",
        "-o",
        path(&merged),
    ];
    let with = |extra: &[&'static str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        run(&args)
    };
    let (code, stdout, stderr) = with(&["--map", "Card=id"]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("report JSON");
    assert_eq!(report["mapping"][1]["target"], "id");
    // `Id` was suggested as the id; the override took the field from it.
    assert_eq!(report["mapping"][2]["target"], "");
    let after: Value = serde_json::from_str(&std::fs::read_to_string(&merged).unwrap()).unwrap();
    assert_eq!(
        after["data"]["records"]["card_m1"]["owner"],
        "u_leeds_clerk1"
    );
    assert!(after["data"]["records"].get("scribble").is_none());

    let (code, _, stderr) = with(&["--map", "Kard=id"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the CSV has no column `Kard` (columns: Owner, Card, Id, new_tier)"),
        "{stderr}"
    );
    let (code, _, stderr) = with(&["--map", "Card=column:nowhere"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("`column:nowhere` is not a field of `new_loyaltycard` (fields: owner, id,"),
        "{stderr}"
    );
    let (code, _, stderr) = with(&["--map", "Card"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("write COLUMN=FIELD"), "{stderr}");
}

#[test]
fn csv_template_then_import_csv_with_a_fallback_owner_and_a_rejected_row() {
    let dir = TempDir::new("import-csv");
    let model = dir.0.join("store.json");
    let (code, _, stderr) = run(&["convert", "--demo", "department-store", "-o", path(&model)]);
    assert_eq!(code, 0, "{stderr}");

    let (code, template, stderr) =
        run(&["csv-template", path(&model), "--table", "new_loyaltycard"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        template.starts_with("owner,id,new_contactid,"),
        "{template}"
    );

    let csv = dir.write(
        "cards.csv",
        "Owner,Id,new_contactid,new_tier\r\n\
         Priya Shah,card_x1,con_leeds_margaret,Gold\r\n\
         someone@contoso.com,card_x2,,Green\r\n\
         u_leeds_clerk1,card_x3,con_nobody,Silver\r\n",
    );
    let merged = dir.0.join("merged.json");
    let (code, stdout, stderr) = run(&[
        "import-csv",
        path(&model),
        path(&csv),
        "--table",
        "new_loyaltycard",
        "--fallback-owner",
        "u_leeds_store_mgr",
        "--json",
        "-o",
        path(&merged),
    ]);
    assert_eq!(code, 3, "some rows were rejected: {stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("report JSON");
    assert_eq!(report["accepted"], 2);
    assert_eq!(report["rejected"][0]["row"], 4);
    assert_eq!(
        report["rejected"][0]["reason"],
        "lookup `new_contactid`: no record `con_nobody`"
    );
    assert_eq!(report["fallback"][0]["row"], 3);
    assert_eq!(report["mapping"][0]["target"], "owner");

    let before: Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    let after: Value = serde_json::from_str(&std::fs::read_to_string(&merged).unwrap()).unwrap();
    let records = |doc: &Value| doc["data"]["records"].as_object().unwrap().len();
    assert_eq!(records(&after), records(&before) + 2);
    assert_eq!(
        after["data"]["records"]["card_x2"]["owner"],
        "u_leeds_store_mgr"
    );
    assert_eq!(
        after["data"]["records"]["card_x1"]["owner"],
        "u_leeds_clerk1"
    );
    assert!(after["data"]["records"].get("card_x3").is_none());
    assert_eq!(
        after["roles"], before["roles"],
        "the rest of the document is kept"
    );
    let (code, _, stderr) = run(&["validate", path(&merged)]);
    assert_eq!(code, 0, "{stderr}");

    // The human report goes to standard error, the model to standard output.
    let (code, stdout, stderr) = run(&[
        "import-csv",
        path(&model),
        path(&csv),
        "--table",
        "new_loyaltycard",
    ]);
    assert_eq!(code, 3);
    assert!(stdout.starts_with('{'), "the model JSON");
    assert!(
        stderr.contains("row 3: rejected: owner `someone@contoso.com` is not a user or team"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 row imported into `new_loyaltycard`, 2 rejected"),
        "{stderr}"
    );
}

#[test]
fn import_csv_refuses_a_malformed_file_naming_line_and_column() {
    let dir = TempDir::new("import-csv-bad");
    let model = dir.write("m.json", VALID);
    let csv = dir.write("bad.csv", "owner,id\nalice,\"a1\n");
    let out = dir.0.join("out.json");
    let (code, stdout, stderr) = run(&[
        "import-csv",
        path(&model),
        path(&csv),
        "--table",
        "account",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("line 2, column 7: the quoted field that starts here is never closed"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
    let (code, _, stderr) = run(&["import-csv", path(&model), path(&csv), "--table", "nope"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no table `nope` in the model (tables: account)"),
        "{stderr}"
    );
}
