//! The page of a view that is not built yet: its heading and what it will hold.

use leptos::prelude::*;

use crate::sections::Section;

/// Heading plus one honest sentence about what this view will contain.
#[component]
pub fn PlannedSection(
    /// The view being shown.
    section: Section,
) -> impl IntoView {
    view! {
        <section class="rp-page" aria-labelledby="rp-page-title">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title">{section.label()}</h1>
                <span class="rp-badge">"Not built yet"</span>
            </header>
            <div class="rp-panel">
                <p class="rp-panel__text">{section.planned()}</p>
            </div>
        </section>
    }
}
