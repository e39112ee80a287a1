//! Printable outputs: the workshop handout (`/handout`: BU tree, roles × tables matrix,
//! who-can-see highlights, advisor findings, pinned checks) and the one-page leakage summary
//! (`/handout/leakage`). The engine computes both (`engine::handout`); these views lay them out
//! for paper (`style/pages/handout.css` on screen, `style/print.css` for `@media print`).
//!
//! Both open the browser's print dialog with the Print button, or at once when the URL carries
//! `?print=1` (the Export view's buttons link there, so printing is one click).

mod full;
mod leakage;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

pub use full::HandoutPage;
pub use leakage::LeakageSummaryPage;

/// A name as the workspace shows it: the display name when the model has one, else the id.
pub(crate) fn display(model: &engine::model::Model, id: &str) -> String {
    model
        .display_names
        .get(id)
        .cloned()
        .unwrap_or_else(|| id.to_string())
}

/// Opens the browser's print dialog.
pub(crate) fn print_now() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Prints once `ready` turns true when the URL asked for it (`?print=1`), then drops the
/// parameter so a reload or Back does not print again.
pub(crate) fn print_when_asked(path: &'static str, ready: Signal<bool>) {
    let query = use_query_map();
    let navigate = use_navigate();
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        let asked = query.with(|q| q.get("print").is_some_and(|v| v == "1"));
        if !asked || !ready.get() || done.get_value() {
            return;
        }
        done.set_value(true);
        let navigate = navigate.clone();
        request_animation_frame(move || {
            print_now();
            navigate(
                path,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        });
    });
}

/// The bar above a printable view (hidden on paper): its title, Print, and the other printout.
#[component]
pub(crate) fn PrintToolbar(
    /// Page heading.
    title: &'static str,
    /// The other printable view: (href, label).
    other: (&'static str, &'static str),
) -> impl IntoView {
    view! {
        <header class="rp-page__header rp-printout__toolbar">
            <h1 class="rp-page__title" id="rp-page-title">{title}</h1>
            <div class="rp-printout__actions">
                <button type="button" class="rp-button rp-button--primary" data-testid="print" on:click=move |_| print_now()>
                    "Print…"
                </button>
                <a class="rp-button" href=other.0>{other.1}</a>
                <a class="rp-button" href="/export">"Back to Export"</a>
            </div>
        </header>
        <p class="rp-printout__hint">
            "Print or save as PDF from the browser's dialog: the page is laid out for A4 and US Letter, portrait; navigation and buttons are left off the paper."
        </p>
    }
}

/// What a printable view shows when no workspace is open.
#[component]
pub(crate) fn NoModel() -> impl IntoView {
    view! {
        <div class="rp-panel" data-testid="printout-empty">
            <p class="rp-panel__text">"No model is open, so there is nothing to print. Open a saved workspace or the demo organisation first."</p>
            <a class="rp-button rp-button--primary" href="/">"Open a model"</a>
        </div>
    }
}
