//! `cargo xtask test`: install what is missing, run every check in order, tally them, and end
//! with exactly one line `N passed, N failed`.
//!
//! Stages: fmt, clippy, native tests, the shared scenarios and the demo orgs through
//! `rampart test --json`, wasm tests in headless Chromium, the release bundle, and Playwright
//! against that bundle. A failing stage does not stop the later ones.

use std::env;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Instant;

use crate::counts::{self, Counts};
use crate::install::{self, CHROMEDRIVER, CHROMIUM, tool_path};
use crate::shell::{self, command, human};
use crate::{bundle, serve};

/// One stage's name, counts and duration, for the summary.
struct StageReport {
    name: &'static str,
    counts: Counts,
    seconds: String,
}

/// Runs every stage; returns whether all checks passed.
pub fn run(root: &Path) -> bool {
    let mut reports = Vec::new();
    let mut stage = |name: &'static str, check: &mut dyn FnMut() -> Counts| {
        println!("\nxtask: ── {name} ──");
        let start = Instant::now();
        let counts = check();
        println!(
            "xtask: {name}: {} passed, {} failed",
            counts.passed, counts.failed
        );
        reports.push(StageReport {
            name,
            counts,
            seconds: human(start.elapsed()),
        });
    };

    // Without the tools most later stages fail too, but fmt, clippy and native tests still say
    // something useful, so a failed install is one failure and the run goes on.
    stage("install", &mut || match install::ensure_all(root) {
        Ok(()) => Counts::default(),
        Err(message) => failed_because(&message),
    });
    stage("fmt", &mut || {
        one_check(root, "cargo", &["fmt", "--all", "--check"])
    });
    stage("clippy", &mut || {
        one_check(
            root,
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    });
    // Snapshot tests (insta) never write files here: a new or changed snapshot fails.
    stage("native tests", &mut || {
        cargo_test(root, &["test", "--workspace"], &[("INSTA_UPDATE", "no")])
    });
    stage("scenarios", &mut || match shared_scenarios(root) {
        Ok(files) => scenario_runner(root, &files),
        Err(message) => failed_because(&message),
    });
    stage(
        "demo orgs",
        &mut || match yaml_files(&root.join("crates/engine/src/demo")) {
            Ok(files) => scenario_runner(root, &files),
            Err(message) => failed_because(&message),
        },
    );
    stage("wasm tests", &mut || {
        cargo_test(
            root,
            &[
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "rampart-app",
            ],
            &[
                ("CHROMEDRIVER", CHROMEDRIVER),
                ("WASM_BINDGEN_TEST_TIMEOUT", "600"),
            ],
        )
    });
    let mut bundle_built = false;
    stage("release bundle", &mut || match bundle::build(root) {
        Ok(()) => {
            bundle_built = true;
            Counts::pass()
        }
        Err(message) => failed_because(&message),
    });
    stage("playwright", &mut || {
        if bundle_built {
            playwright(root)
        } else {
            failed_because("no release bundle to test")
        }
    });

    let mut total = Counts::default();
    println!("\nxtask: summary");
    for report in &reports {
        println!(
            "xtask:   {:<16} {:>4} passed {:>4} failed   {}",
            report.name, report.counts.passed, report.counts.failed, report.seconds
        );
        total.add(report.counts);
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    total.failed == 0
}

/// A command that is one check: it passes when it exits with status 0.
fn one_check(root: &Path, program: &str, args: &[&str]) -> Counts {
    match shell::run(command(root, program, args).env("CARGO_INCREMENTAL", "0")) {
        Ok(()) => Counts::pass(),
        Err(message) => failed_because(&message),
    }
}

/// A `cargo test` run, counted from its `test result` lines. A run that fails without a failed
/// test (a compile error, a crashed runner) counts as one more failure.
fn cargo_test(root: &Path, args: &[&str], envs: &[(&str, &str)]) -> Counts {
    let mut cmd = command(root, "cargo", args);
    cmd.env("PATH", tool_path(root));
    cmd.env("CARGO_INCREMENTAL", "0");
    cmd.envs(envs.iter().copied());
    match shell::run_captured(&mut cmd, true) {
        Ok(output) => with_exit_status(counts::from_cargo_test(&output.combined), output.success),
        Err(message) => failed_because(&message),
    }
}

/// `rampart test <files> --json`, counted from its JSON document.
fn scenario_runner(root: &Path, files: &[PathBuf]) -> Counts {
    // The debug build `native tests` just made: a release build would need as much disk again.
    let mut args: Vec<String> = ["run", "-p", "cli", "--", "test"]
        .map(String::from)
        .to_vec();
    args.extend(files.iter().map(|file| file.to_string_lossy().into_owned()));
    args.push("--json".to_string());
    let mut cmd = command(root, "cargo", &args);
    cmd.env("CARGO_INCREMENTAL", "0");
    let output = match shell::run_captured(&mut cmd, false) {
        Ok(output) => output,
        Err(message) => return failed_because(&message),
    };
    match counts::from_runner_json(&output.stdout) {
        Some(counts) => with_exit_status(counts, output.success),
        None => failed_because("`rampart test --json` printed no runner JSON document"),
    }
}

/// Serves `dist/` on a free port and runs Playwright against it.
fn playwright(root: &Path) -> Counts {
    let listener = match TcpListener::bind("127.0.0.1:0") {
        Ok(listener) => listener,
        Err(err) => return failed_because(&format!("cannot open a port for the bundle: {err}")),
    };
    let base_url = match listener.local_addr() {
        Ok(address) => format!("http://{address}"),
        Err(err) => return failed_because(&err.to_string()),
    };
    let dist = root.join("dist");
    thread::spawn(move || serve::serve(listener, dist));
    let mut cmd = command(root, "npx", ["playwright", "test", "-c", "tests/e2e"]);
    cmd.env("PATH", tool_path(root))
        .env("BASE_URL", &base_url)
        .env("CHROMIUM", CHROMIUM);
    match shell::run_captured(&mut cmd, true) {
        Ok(output) => with_exit_status(counts::from_playwright(&output.combined), output.success),
        Err(message) => failed_because(&message),
    }
}

/// Scenario files: `$RAMPART_SHARED/scenarios/*.yaml`, by default `../shared` beside the repo.
fn shared_scenarios(root: &Path) -> Result<Vec<PathBuf>, String> {
    let shared = env::var_os("RAMPART_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    yaml_files(&shared.join("scenarios"))
}

/// The `*.yaml` files in `dir`, sorted by name.
fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        fs::read_dir(dir).map_err(|err| format!("cannot list {}: {err}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.yaml files in {}", dir.display()));
    }
    Ok(files)
}

fn with_exit_status(mut counts: Counts, success: bool) -> Counts {
    if !success && counts.failed == 0 {
        println!("xtask: the command failed without reporting a failed test; counting one failure");
        counts.failed = 1;
    }
    counts
}

fn failed_because(message: &str) -> Counts {
    println!("xtask: error: {message}");
    Counts::fail()
}
