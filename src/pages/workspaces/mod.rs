//! Workspaces: the start screen (`/` with nothing open), the Workspaces view (`/workspaces`:
//! start cards, saved workspaces, the open workspace's version history and sample data,
//! storage status) and the in-browser benchmark (`/bench`).

mod bench;
mod bench_designer;
mod bench_engine;
mod bench_simulator;
mod csv_import;
mod history;
mod sample_data;
mod saved_list;
mod start;

pub use bench::BenchPage;
pub use history::VersionHistory;
pub use sample_data::SampleDataPanel;
pub use saved_list::SavedWorkspaces;
pub(crate) use saved_list::when;
pub use start::StartCards;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;

use crate::components::megabytes;
use crate::sections::Section;
use crate::state::persist::{SaveStatus, StorageMode, use_persist};
use crate::state::use_app;

/// `/`: the start screen when nothing is open, the model's first view when something is.
/// While the last workspace is being restored it says so instead of flashing the start screen.
#[component]
pub fn HomePage() -> impl IntoView {
    let persist = use_persist();
    let app = use_app();
    let has_open = Memo::new(move |_| app.workspace.with(Option::is_some));
    move || {
        if has_open.get() {
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            view! { <Redirect path=Section::BusinessUnits.path() options /> }.into_any()
        } else if persist.mode.get() == StorageMode::Opening
            || persist.status.get() == SaveStatus::Restoring
        {
            view! {
                <section class="rp-page rp-ws" aria-busy="true">
                    <p class="rp-panel__text" role="status">"Opening your last workspace…"</p>
                </section>
            }
            .into_any()
        } else {
            view! { <WorkspacesView first_run=true /> }.into_any()
        }
    }
}

/// `/workspaces`.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    view! { <WorkspacesView first_run=false /> }
}

#[component]
fn WorkspacesView(
    /// Shown at `/` with nothing open: a welcome heading instead of "Workspaces".
    first_run: bool,
) -> impl IntoView {
    let persist = use_persist();
    let app = use_app();
    // A memo, so edits to the open workspace do not rebuild the panels below.
    let has_open = Memo::new(move |_| app.workspace.with(Option::is_some));
    let (title, intro) = if first_run {
        (
            "Start",
            "Design a Dynamics 365 / Dataverse security model and simulate who sees what. \
             Everything stays in this browser.",
        )
    } else {
        (
            "Workspaces",
            "A workspace is a model with its sample records, pinned checks and version history, \
             saved in this browser as you work.",
        )
    };
    view! {
        <section class="rp-page rp-ws" aria-labelledby="rp-page-title" data-testid="workspaces-page">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title">{title}</h1>
                {persist.fresh.then(|| view! { <span class="rp-badge" data-testid="fresh-badge">"Fresh session"</span> })}
            </header>
            <p class="rp-panel__text rp-ws__intro">{intro}</p>
            <StartCards />
            <SavedWorkspaces />
            {move || has_open.get().then(|| view! {
                <VersionHistory />
                <SampleDataPanel />
            })}
            <StoragePanel />
        </section>
    }
}

/// Where data is kept, whether the browser keeps it, how much is used, and the benchmark link.
#[component]
fn StoragePanel() -> impl IntoView {
    let persist = use_persist();
    let kept = move || {
        match persist.mode.get() {
        StorageMode::Memory(reason) => format!("Not saved: browser storage is unavailable ({reason})."),
        StorageMode::Opening => "Opening browser storage…".to_string(),
        StorageMode::Browser => match persist.persisted.get() {
            Some(true) => "Saved in this browser; the browser keeps it (persistent storage granted).".to_string(),
            Some(false) => "Saved in this browser; persistent storage was not granted, so the browser may clear it when space runs low. Export important models as JSON.".to_string(),
            None => "Saved in this browser.".to_string(),
        },
    }
    };
    let usage = move || {
        persist.estimate.get().map(|e| {
            format!(
                "{} used of {} available to this site.",
                megabytes(e.usage),
                megabytes(e.quota)
            )
        })
    };
    view! {
        <section class="rp-panel rp-ws-section" aria-labelledby="rp-storage-title">
            <h2 class="rp-ws-section__title" id="rp-storage-title">"Storage"</h2>
            <p class="rp-panel__text" data-testid="storage-persisted">{kept}</p>
            <p class="rp-panel__text" data-testid="storage-usage">{usage}</p>
            <p class="rp-panel__text">
                <a href="/bench">"Benchmark"</a>": how fast this browser saves and loads 100,000 records."
            </p>
        </section>
    }
}
