//! The page for a URL that matches no view.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::sections::Section;

/// Says which address was not found and links back to the model.
#[component]
pub fn NotFound() -> impl IntoView {
    let pathname = use_location().pathname;
    view! {
        <section class="rp-page" aria-labelledby="rp-page-title">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title">"Page not found"</h1>
            </header>
            <div class="rp-panel">
                <p class="rp-panel__text">
                    "Rampart has no view at "<code>{move || pathname.get()}</code>". "
                    <a href=Section::BusinessUnits.path()>"Go to Business units"</a>
                </p>
            </div>
        </section>
    }
}
