//! `cargo xtask dev`: install what is missing, build the release bundle, serve it.

use std::net::TcpListener;
use std::path::Path;

use crate::{bundle, install, serve};

/// Where the app is served.
const ADDRESS: &str = "127.0.0.1:8080";

pub fn run(root: &Path) -> Result<(), String> {
    install::ensure_all(root)?;
    bundle::build(root)?;
    serve_dist(root, ADDRESS)
}

/// Serves the existing `dist/` on `address` until interrupted.
pub fn serve_dist(root: &Path, address: &str) -> Result<(), String> {
    let dist = root.join("dist");
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html; run `cargo xtask dev` first",
            dist.display()
        ));
    }
    let listener =
        TcpListener::bind(address).map_err(|err| format!("cannot listen on {address}: {err}"))?;
    println!("xtask: Rampart is served at http://{address}/ (Ctrl+C stops it)");
    serve::serve(listener, dist);
    Ok(())
}
