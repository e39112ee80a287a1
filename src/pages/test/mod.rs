//! Test: pinned checks (re-run on every change), the advisor's findings, and the diff of two
//! versions of the model. Every view has a URL: `/test/checks`, `/test/advisor`, `/test/diff`.

mod advisor;
pub(crate) mod checks;
mod diff;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const VIEWS: &[(&str, &str)] = &[
    ("checks", "Pinned checks"),
    ("advisor", "Advisor"),
    ("diff", "Diff"),
];

/// `/test` and `/test/:view`.
#[component]
pub fn TestPage() -> impl IntoView {
    let params = use_params_map();
    let view_name =
        Memo::new(move |_| params.with(|p| p.get("view").unwrap_or_else(|| "checks".to_string())));
    let tabs = VIEWS
        .iter()
        .map(|(segment, label)| {
            let current = move || (view_name.get() == *segment).then_some("page");
            view! {
                <li>
                    <a href=format!("/test/{segment}") class="rp-tabs__tab" aria-current=current>{*label}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="rp-page rp-page--wide" aria-labelledby="rp-page-title">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title">"Test"</h1>
            </header>
            <nav class="rp-tabs" aria-label="Test views">
                <ul class="rp-tabs__list">{tabs}</ul>
            </nav>
            {move || match view_name.get().as_str() {
                "advisor" => view! { <advisor::Advisor /> }.into_any(),
                "diff" => view! { <diff::DiffView /> }.into_any(),
                _ => view! { <checks::PinnedChecks /> }.into_any(),
            }}
        </section>
    }
}
