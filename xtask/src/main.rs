//! Rampart's build automation, run as `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! - `dev`: install what is missing, build the release bundle, serve `dist/` on 127.0.0.1:8080.
//! - `test`: install what is missing, run every check, end with `N passed, N failed`.
//! - `install`: only the install step of the two above.
//! - `serve [ADDRESS]`: serve the existing `dist/` (default 127.0.0.1:8080), without building.
//!
//! Standard library only, so the first run compiles in seconds on a fresh machine.

mod bundle;
mod counts;
mod dev;
mod install;
mod serve;
mod shell;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <dev | test | install | serve [ADDRESS]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args[..] {
        ["dev"] => dev::run(&root),
        // The test command's last line must be its tally, so it reports its own errors.
        ["test"] if test::run(&root) => Ok(()),
        ["test"] => return ExitCode::FAILURE,
        ["install"] => install::ensure_all(&root),
        ["serve"] => dev::serve_dist(&root, "127.0.0.1:8080"),
        ["serve", address] => dev::serve_dist(&root, address),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root: the parent of this crate's folder.
fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
