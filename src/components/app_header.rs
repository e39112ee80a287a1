//! The top bar: product name and the active model's name.

use leptos::prelude::*;

/// The top bar of every view.
#[component]
pub fn AppHeader(
    /// Name of the model being worked on.
    #[prop(into)]
    model_title: Signal<String>,
) -> impl IntoView {
    view! {
        <header class="rp-header">
            <a class="rp-header__skip" href="#main">"Skip to content"</a>
            <a class="rp-header__brand" href="/">
                <svg class="rp-header__logo" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M12 2 4 5v6c0 5 3.4 9.3 8 11 4.6-1.7 8-6 8-11V5z" />
                </svg>
                <span class="rp-header__product">"Rampart"</span>
            </a>
            <span class="rp-header__divider" aria-hidden="true"></span>
            <div class="rp-header__model">
                <span class="rp-header__label">"Model"</span>
                <span class="rp-header__title" data-testid="model-title">{model_title}</span>
            </div>
            <super::CheckBadge />
            <super::SaveIndicator />
            <super::PresenterToggle />
            <super::HelpButton />
            <a class="rp-header__link" href="/workspaces" data-testid="workspaces-link">"Workspaces"</a>
        </header>
    }
}
