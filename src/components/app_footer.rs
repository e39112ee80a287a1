//! The status line at the bottom: app version and model format version.

use leptos::prelude::*;

/// The footer of every view.
#[component]
pub fn AppFooter() -> impl IntoView {
    view! {
        <footer class="rp-footer">
            <span data-testid="app-version">{concat!("Rampart ", env!("CARGO_PKG_VERSION"))}</span>
            <span data-testid="format-version">
                {format!("format rampart-model v{}", engine::FORMAT_VERSION)}
            </span>
            <span class="rp-footer__note">"Runs entirely in your browser; nothing is sent to a server."</span>
        </footer>
    }
}
