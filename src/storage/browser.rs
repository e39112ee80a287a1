//! The browser's storage manager: how much is used, and whether saved data is persistent
//! (kept even when the browser clears storage under pressure).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Bytes used and available to this origin, as the browser estimates them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageEstimate {
    /// Bytes in use.
    pub usage: f64,
    /// Bytes this origin may use.
    pub quota: f64,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let window = web_sys::window()?;
    // Older browsers and some embedded views have no `navigator.storage`.
    let navigator = window.navigator();
    let has_storage = js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    has_storage.then(|| navigator.storage())
}

/// `navigator.storage.estimate()`, or `None` where the browser does not offer it.
pub async fn estimate() -> Option<StorageEstimate> {
    let promise = storage_manager()?.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let estimate: web_sys::StorageEstimate = value.unchecked_into();
    Some(StorageEstimate {
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
    })
}

/// Asks the browser to keep this origin's data (`navigator.storage.persist()`); returns
/// whether it is persistent now, or `None` where the browser cannot say.
pub async fn persist() -> Option<bool> {
    let promise = storage_manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Whether this origin's data is already persistent, without asking.
pub async fn persisted() -> Option<bool> {
    let promise = storage_manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
