//! A determinate progress bar with its label and an optional Cancel (ux.md C.10).

use leptos::prelude::*;

/// Progress of a long task: a bar, what is happening in words, and Cancel.
#[component]
pub fn ProgressBar(
    /// Done so far, from 0.0 to 1.0.
    #[prop(into)]
    value: Signal<f64>,
    /// What is happening ("Generating 300,000 of 1,000,000 records").
    #[prop(into)]
    label: Signal<String>,
    /// Called by the Cancel button; no button when `None`.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let percent = move || (value.get().clamp(0.0, 1.0) * 100.0).round();
    view! {
        <div class="rp-progress" data-testid="progress">
            <div class="rp-progress__track" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=move || percent().to_string() aria-label=move || label.get()>
                <div class="rp-progress__bar" style:width=move || format!("{}%", percent())></div>
            </div>
            <span class="rp-progress__label" aria-live="polite">{move || label.get()}</span>
            {on_cancel.map(|cancel| view! {
                <button type="button" class="rp-button rp-button--small" data-testid="progress-cancel"
                    on:click=move |_| cancel.run(())>
                    "Cancel"
                </button>
            })}
        </div>
    }
}
