//! Simulate: what a user can see and do, who can see a record, why, the access matrix and
//! what-if changes. Every view keeps its choices in the URL (`/simulate/see?user=…&table=…`),
//! so links, Back and Forward work.

mod cache;
mod explain;
mod export_visible;
mod matrix;
mod matrix_png;
mod pickers;
pub mod queries;
mod sandbox;
mod see;
mod what_if;
mod who;

pub use cache::Shared;
pub use sandbox::{Sandbox, use_sandbox};

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use crate::state::use_app;

/// The simulator's views: URL segment and tab label.
const VIEWS: &[(&str, &str)] = &[
    ("see", "What can X see"),
    ("who", "Who can see R"),
    ("explain", "Check access"),
    ("matrix", "Access matrix"),
    ("what-if", "What-if"),
];

/// `/simulate` and `/simulate/:view`.
#[component]
pub fn SimulatorPage() -> impl IntoView {
    let params = use_params_map();
    let view_name =
        Memo::new(move |_| params.with(|p| p.get("view").unwrap_or_else(|| "see".to_string())));
    let app = use_app();
    let sandbox = use_sandbox();
    let simulated = sandbox.simulated(app);
    let search = use_location().search;
    let tabs = VIEWS
        .iter()
        .map(|(segment, label)| {
            // The choices made (user, table, record …) travel with the tab.
            let href = move || {
                let query = search.get();
                if query.is_empty() {
                    format!("/simulate/{segment}")
                } else {
                    format!("/simulate/{segment}?{}", query.trim_start_matches('?'))
                }
            };
            let current = move || (view_name.get() == *segment).then_some("page");
            view! {
                <li>
                    <a href=href class="rp-tabs__tab" aria-current=current>
                        {*label}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="rp-page rp-page--wide rp-sim" aria-labelledby="rp-page-title">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title">"Simulate"</h1>
                {move || {
                    // The question on screen, as a walkthrough step (`/present?add=…`).
                    let kind = match view_name.get().as_str() {
                        "see" => "see",
                        "who" => "who",
                        "explain" => "why",
                        _ => return None,
                    };
                    let query = search.get();
                    let href = format!("/present?add={kind}&{}", query.trim_start_matches('?'));
                    Some(view! {
                        <a class="rp-button" href=href data-testid="add-to-walkthrough">"Add to walkthrough"</a>
                    })
                }}
            </header>
            <nav class="rp-tabs" aria-label="Simulator views">
                <ul class="rp-tabs__list">{tabs}</ul>
            </nav>
            <what_if::SandboxBanner />
            {move || {
                let ws = simulated;
                match view_name.get().as_str() {
                    "who" => view! { <who::WhoCanSee ws /> }.into_any(),
                    "explain" => view! { <explain::CheckAccess ws /> }.into_any(),
                    "matrix" => view! { <matrix::AccessMatrix ws /> }.into_any(),
                    "what-if" => view! { <what_if::WhatIf ws /> }.into_any(),
                    _ => view! { <see::WhatCanSee ws /> }.into_any(),
                }
            }}
        </section>
    }
}
