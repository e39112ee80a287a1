//! The release bundle: `trunk build --release` into `dist/`, offline, with the pinned tools.

use std::fs;
use std::path::Path;

use crate::install::tool_path;
use crate::shell::{self, command, timed};

/// Fetches crates (Trunk builds offline), builds `dist/`, and prints the bundle's file sizes.
pub fn build(root: &Path) -> Result<(), String> {
    shell::run(&mut command(root, "cargo", ["fetch"]))?;
    timed("trunk build --release", || {
        shell::run(command(root, "trunk", ["build", "--release"]).env("PATH", tool_path(root)))
    })?;
    print_sizes(&root.join("dist"));
    Ok(())
}

fn print_sizes(dist: &Path) {
    let Ok(entries) = fs::read_dir(dist) else {
        return;
    };
    let mut files: Vec<(String, u64)> = entries
        .flatten()
        .filter_map(|entry| {
            let size = entry.metadata().ok().filter(|meta| meta.is_file())?.len();
            Some((entry.file_name().to_string_lossy().into_owned(), size))
        })
        .collect();
    files.sort();
    for (name, size) in files {
        println!("xtask:   dist/{name:<48} {size:>9} bytes");
    }
}
