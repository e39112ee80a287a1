//! Rampart, the browser app (placeholder entry until the app shell lands).
fn main() {}
