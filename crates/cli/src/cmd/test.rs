//! `rampart test`: runs scenario files and prints the FORMAT.md runner output.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use engine::scenario::{self, CheckStatus, Report, ScenarioReport};

/// Loads and runs every file; a file that cannot be loaded fails all its scored checks.
pub fn run(files: &[PathBuf], json: bool, verbose: bool) -> anyhow::Result<ExitCode> {
    let mut report = Report::default();
    for file in files {
        report.push(run_file(file));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_human(&report, verbose);
    }
    Ok(
        if report.failed == 0 && report.scenarios.iter().all(|s| s.error.is_none()) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(3)
        },
    )
}

fn run_file(file: &Path) -> ScenarioReport {
    let fallback_id = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return failed(fallback_id, format!("{}: {e}", file.display())),
    };
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolve = |id: &str| {
        let path = dir.join(format!("{id}.yaml"));
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    match scenario::load(&text, &resolve) {
        Ok(loaded) => scenario::run_scenario(&loaded),
        Err(e) => scenario::failed_report(fallback_id, &text, &format!("{}: {e}", file.display())),
    }
}

/// A file that could not be loaded: one failing check stands for it.
fn failed(id: String, error: String) -> ScenarioReport {
    ScenarioReport {
        id,
        title: String::new(),
        error: Some(error.clone()),
        checks: vec![scenario::CheckReport {
            index: 0,
            status: CheckStatus::Fail,
            expected: "loadable scenario".into(),
            actual: "error".into(),
            explanation: error,
            rules: Vec::new(),
        }],
    }
}

fn print_human(report: &Report, verbose: bool) {
    for scenario in &report.scenarios {
        let failed = scenario
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count();
        println!(
            "{} {} — {}",
            if failed == 0 { "ok  " } else { "FAIL" },
            scenario.id,
            scenario.title
        );
        if let Some(error) = &scenario.error {
            println!("    could not load: {error}");
        }
        for check in &scenario.checks {
            if check.status == CheckStatus::Fail || verbose {
                let status = match check.status {
                    CheckStatus::Pass => "pass",
                    CheckStatus::Fail => "FAIL",
                    CheckStatus::Skip => "skip",
                };
                println!(
                    "    [{}] {status}: expected {}, got {} — {}",
                    check.index, check.expected, check.actual, check.explanation
                );
            }
        }
    }
    println!(
        "{} passed, {} failed, {} skipped",
        report.passed, report.failed, report.skipped
    );
}
