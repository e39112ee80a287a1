//! The shared scenario files and the demo organisations, run through the library: no scored
//! check may fail (the CLI runs the same files again through `rampart test`).

use std::path::PathBuf;

use engine::scenario::{self, CheckStatus, ScenarioReport};

fn shared_dir() -> PathBuf {
    match std::env::var_os("RAMPART_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/scenarios"),
    }
}

fn failures(report: &ScenarioReport) -> Vec<String> {
    report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| {
            format!(
                "{} check {}: expected {}, got {} ({})",
                report.id, c.index, c.expected, c.actual, c.explanation
            )
        })
        .collect()
}

#[test]
fn shared_scenarios_have_no_failing_scored_check() {
    let dir = shared_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenario files in {}", dir.display());
    let resolve = |id: &str| {
        let path = dir.join(format!("{id}.yaml"));
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut failed = Vec::new();
    let mut scored = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable scenario");
        match scenario::load(&text, &resolve) {
            Ok(loaded) => {
                let report = scenario::run_scenario(&loaded);
                scored += report
                    .checks
                    .iter()
                    .filter(|c| c.status != CheckStatus::Skip)
                    .count();
                failed.extend(failures(&report));
            }
            Err(e) => failed.push(format!("{}: does not load: {e}", file.display())),
        }
    }
    assert!(
        failed.is_empty(),
        "{} failing:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert!(scored > 0, "no scored check in {}", dir.display());
}

#[test]
fn demo_orgs_load_and_have_no_failing_scored_check() {
    for demo in engine::demo::DEMO_ORGS {
        let loaded = scenario::load(demo.yaml, &|id: &str| {
            Err(format!("demo `{}` has no base `{id}`", demo.id))
        })
        .unwrap_or_else(|e| panic!("demo `{}` does not load: {e}", demo.id));
        let report = scenario::run_scenario(&loaded);
        let failed = failures(&report);
        assert!(
            failed.is_empty(),
            "demo `{}`:\n{}",
            demo.id,
            failed.join("\n")
        );
    }
}
