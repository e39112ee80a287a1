//! `/present`: the guided walkthrough of the open workspace. The overview lists the steps
//! (reorder, delete, add); stepping shows one question at a time with the engine's answer and
//! explanation, computed live (`engine::walkthrough::answer`).
//!
//! Keys (outside text fields): `→` / `PageDown` next step (or start), `←` / `PageUp` previous,
//! `Esc` back to the overview. Presenter clickers send `PageDown` / `PageUp`.

mod editor;
pub mod steps;

use engine::walkthrough::{Answer, StepError, answer};
use leptos::prelude::*;

use crate::components::names::use_names;
use crate::components::presenter::{signed, typing_in_field};
use crate::components::use_presenter;
use crate::state::use_app;

/// The walkthrough page.
#[component]
pub fn PresentPage() -> impl IntoView {
    let app = use_app();
    let presenter = use_presenter();
    let count = Memo::new(move |_| {
        app.workspace
            .with(|w| w.as_ref().map_or(0, |w| w.walkthrough.steps.len()))
    });

    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_field() {
            return;
        }
        let n = count.get_untracked();
        let step = presenter.step.get_untracked();
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" => {
                ev.prevent_default();
                if n > 0 {
                    presenter
                        .step
                        .set(Some(step.map_or(0, |i| (i + 1).min(n - 1))));
                }
            }
            "ArrowLeft" | "PageUp" => {
                if let Some(i) = step {
                    ev.prevent_default();
                    presenter.step.set(Some(i.saturating_sub(1)));
                }
            }
            "Escape" if step.is_some() => {
                ev.prevent_default();
                presenter.step.set(None);
            }
            _ => {}
        }
    });
    on_cleanup(move || {
        handle.remove();
        presenter.step.set(None);
    });
    // A step removed under the presenter: back to the overview.
    Effect::new(move |_| {
        if presenter.step.get().is_some_and(|i| i >= count.get()) {
            presenter.step.set(None);
        }
    });

    let current = Memo::new(
        move |_| -> Option<(usize, Result<Answer, StepError>, String)> {
            let i = presenter.step.get()?;
            app.workspace.with(|w| {
                let w = w.as_ref()?;
                let step = w.walkthrough.steps.get(i)?;
                Some((
                    i,
                    answer(&w.model, &w.data, &w.index, step),
                    step.note.clone(),
                ))
            })
        },
    );
    let names = use_names();
    let title = move || {
        app.workspace.with(|w| {
            w.as_ref()
                .map(|w| names.text(&w.walkthrough.title))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "Walkthrough".to_string())
        })
    };

    view! {
        <section class="rp-page rp-page--wide rp-present" aria-labelledby="rp-page-title" data-testid="present-page">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title" data-testid="walkthrough-title">{title}</h1>
                <Show when=move || !presenter.on.get()>
                    <button type="button" class="rp-button" on:click=move |_| presenter.set(app, true)>
                        "Present (Shift+P)"
                    </button>
                </Show>
            </header>
            {move || {
                if app.workspace.with(Option::is_none) {
                    return view! {
                        <div class="rp-panel">
                            <p class="rp-panel__text">"Open a workspace to present it: a demo org comes with a walkthrough ready to step through."</p>
                            <a class="rp-button rp-button--primary" href="/">"Open a demo org"</a>
                        </div>
                    }.into_any();
                }
                // The step is drawn again when names are hidden or shown (N).
                let _hidden = names.hidden();
                match current.get() {
                    None => view! { <editor::Overview /> }.into_any(),
                    Some((i, result, note)) => view! {
                        <StepView index=i total=count.get() result note />
                    }.into_any(),
                }
            }}
        </section>
    }
}

/// Reasons listed on a step before "N more reasons", so a step fits one 1280×720 screen.
const SHOWN_LINES: usize = 2;

/// One step on screen: counter, question, note, headline, figures and explanation.
#[component]
fn StepView(
    index: usize,
    total: usize,
    result: Result<Answer, StepError>,
    note: String,
) -> impl IntoView {
    let names = use_names();
    let presenter = use_presenter();
    let body = match result {
        Err(err) => view! {
            <div class="rp-step__main">
                <p class="rp-step__counter" data-testid="step-counter" aria-live="polite">{format!("{} / {total}", index + 1)}</p>
                <p class="rp-field__error" role="alert" data-testid="step-error">
                    {format!("This step cannot be answered against the open model: {err}.")}
                </p>
            </div>
        }
        .into_any(),
        Ok(a) => {
            let outcome = a.outcome.map(|o| o.as_str().to_string());
            view! {
                <div class="rp-step__main">
                <p class="rp-step__counter" data-testid="step-counter" aria-live="polite">{format!("{} / {total}", index + 1)}</p>
                <h2 class="rp-step__question" data-testid="step-question">{names.text(&a.question)}</h2>
                {(!note.is_empty()).then(|| view! { <p class="rp-step__note" data-testid="step-note">{names.text(&note)}</p> })}
                <p class="rp-step__headline" data-testid="step-headline" data-outcome=outcome>{names.text(&a.headline)}</p>
                <dl class="rp-presenter-figures" data-testid="step-figures">
                    {a.figures.iter().map(|(label, n)| view! {
                        <div class="rp-presenter-figures__item" data-testid="step-figure" data-label=label.clone() data-value=n.to_string()>
                            <dt>{label.clone()}</dt>
                            <dd>{signed(*n, label)}</dd>
                        </div>
                    }).collect_view()}
                </dl>
                </div>
                <section class="rp-step__reasons" aria-labelledby="rp-step-why">
                    <h3 class="rp-step__why" id="rp-step-why">"Why"</h3>
                    <ul class="rp-step__lines" data-testid="step-lines">
                        {a.lines.iter().take(SHOWN_LINES).map(|line| view! { <li>{names.text(line)}</li> }).collect_view()}
                    </ul>
                    {(a.lines.len() > SHOWN_LINES).then(|| {
                        let more = a.lines.len() - SHOWN_LINES;
                        view! {
                            <details class="rp-step__more" data-testid="step-more">
                                <summary>{format!("{more} more reason{}", if more == 1 { "" } else { "s" })}</summary>
                                <ul class="rp-step__lines">
                                    {a.lines.iter().skip(SHOWN_LINES).map(|line| view! { <li>{names.text(line)}</li> }).collect_view()}
                                </ul>
                            </details>
                        }
                    })}
                </section>
            }
            .into_any()
        }
    };
    view! {
        <article class="rp-step" data-testid="walkthrough-step" aria-roledescription="slide" aria-label=format!("Step {} of {total}", index + 1)>
            {body}
            <nav class="rp-step__nav" aria-label="Walkthrough">
                <button type="button" class="rp-button" disabled={index == 0} on:click=move |_| presenter.step.set(Some(index.saturating_sub(1)))>
                    "← Previous"
                </button>
                <button type="button" class="rp-button" on:click=move |_| presenter.step.set(None)>
                    "All steps (Esc)"
                </button>
                <button type="button" class="rp-button rp-button--primary" disabled={index + 1 >= total} on:click=move |_| presenter.step.set(Some(index + 1))>
                    "Next →"
                </button>
            </nav>
        </article>
    }
}
