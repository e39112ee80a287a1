//! Registers `public/sw.js`, the service worker that keeps the app shell in Cache Storage so
//! Rampart opens without a network after the first visit.

use leptos::logging;
use wasm_bindgen_futures::JsFuture;

/// Path of the worker script, served from `public/`.
const SERVICE_WORKER_URL: &str = "/sw.js";

/// Starts registering the service worker; failures are logged, since the app works without it.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window
        .navigator()
        .service_worker()
        .register(SERVICE_WORKER_URL);
    leptos::task::spawn_local(async move {
        if let Err(err) = JsFuture::from(promise).await {
            logging::warn!("offline mode unavailable: service worker not registered: {err:?}");
        }
    });
}
