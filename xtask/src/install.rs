//! `ensure_*`: install each tool the two commands need, only when it is missing or has the wrong
//! version, and only from package registries (rustup, crates.io, npm, Debian apt).
//!
//! Every function checks the installed version first, so a second run costs a few `--version`
//! calls.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use crate::shell::{self, command, probe, timed};

/// Trunk, pinned because 0.22 needs a newer rustc and Trunk's tool lookup changes between releases.
pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` crate version pinned in the root `Cargo.toml` (and `Trunk.toml`).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// The binaryen release npm's `binaryen` package must provide (`Trunk.toml` pins `version_132`).
/// Debian's binaryen 108 corrupts wasm-bindgen 0.2.130 output, so it must never be picked up.
const WASM_OPT_VERSION: &str = "version_132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's chromium and chromedriver; the wasm tests and Playwright drive these.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs everything `cargo xtask dev` and `cargo xtask test` use.
pub fn ensure_all(root: &Path) -> Result<(), String> {
    ensure_wasm_target(root)?;
    ensure_trunk(root)?;
    ensure_wasm_bindgen(root)?;
    ensure_node_modules(root)?;
    ensure_chromium(root)
}

/// `PATH` for child processes: `node_modules/.bin` first (so Trunk finds binaryen 132's wasm-opt
/// before Debian's), then cargo's bin folder, then the inherited `PATH`.
pub fn tool_path(root: &Path) -> OsString {
    let mut dirs = vec![root.join("node_modules/.bin"), cargo_bin()];
    dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(dirs).unwrap_or_default()
}

fn ensure_wasm_target(root: &Path) -> Result<(), String> {
    let installed = probe(&mut command(
        root,
        "rustup",
        ["target", "list", "--installed"],
    ));
    if installed.is_some_and(|list| list.lines().any(|line| line.trim() == WASM_TARGET)) {
        println!("xtask: rust target {WASM_TARGET} present");
        return Ok(());
    }
    timed(&format!("installing rust target {WASM_TARGET}"), || {
        shell::run(&mut command(root, "rustup", ["target", "add", WASM_TARGET]))
    })
}

fn ensure_trunk(root: &Path) -> Result<(), String> {
    // `trunk --version` prints `trunk 0.21.14`.
    let expected = format!("trunk {TRUNK_VERSION}");
    ensure_cargo_tool(
        root,
        "trunk",
        "trunk",
        TRUNK_VERSION,
        &expected,
        &["--locked"],
    )
}

fn ensure_wasm_bindgen(root: &Path) -> Result<(), String> {
    // `wasm-bindgen --version` prints `wasm-bindgen 0.2.130`; the same package provides
    // `wasm-bindgen-test-runner`. Not `--locked`: its lockfile pins webpki-roots 1.0.11, which
    // crates.io no longer offers, so a locked install fails to resolve.
    let expected = format!("wasm-bindgen {WASM_BINDGEN_VERSION}");
    ensure_cargo_tool(
        root,
        "wasm-bindgen-cli",
        "wasm-bindgen",
        WASM_BINDGEN_VERSION,
        &expected,
        &[],
    )
}

fn ensure_cargo_tool(
    root: &Path,
    package: &str,
    binary: &str,
    version: &str,
    expected_version_line: &str,
    extra_args: &[&str],
) -> Result<(), String> {
    let path = tool_path(root);
    let current = probe(command(root, binary, ["--version"]).env("PATH", &path));
    if current
        .as_deref()
        .is_some_and(|line| line.starts_with(expected_version_line))
    {
        println!("xtask: {expected_version_line} present");
        return Ok(());
    }
    println!(
        "xtask: {package} {version} needed (found: {})",
        current.as_deref().unwrap_or("nothing")
    );
    timed(&format!("cargo install {package} {version}"), || {
        let mut args = vec!["install", package, "--version", version];
        args.extend_from_slice(extra_args);
        shell::run(&mut command(root, "cargo", args))
    })
}

/// `npm ci` from the committed `package-lock.json`: binaryen (wasm-opt) and `@playwright/test`.
/// Reinstalls when wasm-opt is not binaryen 132 or the lockfile changed since the last install.
fn ensure_node_modules(root: &Path) -> Result<(), String> {
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    let version = probe(&mut command(
        root,
        &wasm_opt.to_string_lossy(),
        ["--version"],
    ));
    let wasm_opt_ok = version.is_some_and(|v| v.contains(WASM_OPT_VERSION));
    let up_to_date = is_newer(
        &root.join("node_modules/.package-lock.json"),
        &root.join("package-lock.json"),
    );
    if wasm_opt_ok && up_to_date && root.join("node_modules/@playwright/test").is_dir() {
        println!("xtask: node_modules present (wasm-opt {WASM_OPT_VERSION}, @playwright/test)");
        return Ok(());
    }
    timed("npm ci", || {
        shell::run(
            command(root, "npm", ["ci", "--no-audit", "--no-fund"])
                // Playwright must use Debian's chromium; never fetch a browser.
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        )
    })
}

/// Debian's `chromium` and `chromium-driver` packages, through apt (with sudo when not root).
fn ensure_chromium(root: &Path) -> Result<(), String> {
    let browser = probe(&mut command(root, CHROMIUM, ["--version"]));
    let driver = probe(&mut command(root, CHROMEDRIVER, ["--version"]));
    if let (Some(browser), Some(driver)) = (&browser, &driver) {
        println!("xtask: {browser}; {driver}");
        return Ok(());
    }
    timed("apt-get install chromium chromium-driver", || {
        let sudo = probe(&mut command(root, "id", ["-u"])).is_some_and(|uid| uid != "0");
        let apt = |args: &[&str]| {
            let (program, rest): (&str, Vec<&str>) = if sudo {
                ("sudo", [&["apt-get"], args].concat())
            } else {
                ("apt-get", args.to_vec())
            };
            shell::run(command(root, program, rest).env("DEBIAN_FRONTEND", "noninteractive"))
        };
        apt(&["update", "-q"])?;
        apt(&[
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])
    })
}

fn cargo_bin() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// Whether `path` exists and was modified no earlier than `reference`.
fn is_newer(path: &Path, reference: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(path), modified(reference)) {
        (Some(path_time), Some(reference_time)) => path_time >= reference_time,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pins live in several files that must agree; a mismatch makes Trunk refuse to build
    /// offline or the wasm test runner reject the test binary.
    #[test]
    fn pinned_versions_agree_across_files() {
        let root = crate::repo_root();
        let read = |file: &str| fs::read_to_string(root.join(file)).unwrap();
        let cargo_toml = read("Cargo.toml");
        let trunk_toml = read("Trunk.toml");
        let package_json = read("package.json");
        assert!(cargo_toml.contains(&format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"")));
        assert!(trunk_toml.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"")));
        assert!(trunk_toml.contains(&format!("wasm_opt = \"{WASM_OPT_VERSION}\"")));
        let binaryen = WASM_OPT_VERSION.trim_start_matches("version_");
        assert!(package_json.contains(&format!("\"binaryen\": \"{binaryen}.0.0\"")));
    }
}
