//! Browser tests (wasm-bindgen-test in headless Chromium): `cargo xtask test` runs them with
//! `cargo test --target wasm32-unknown-unknown -p rampart-app`. On other targets this binary is
//! empty.
#![cfg(target_arch = "wasm32")]

mod designer;
mod mount;
mod simulator;
mod storage;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
