//! Presenter (workshop) mode: large type, editing chrome hidden, a projector palette, names of
//! people replaceable by role labels, a blank screen, and the effect of every change made while
//! presenting (gain/loss summary from `engine::walkthrough::change_summary`, with Undo).
//!
//! The mode sets `data-presenter` (and `data-names="hidden"`) on the root element; the look is
//! in `style/components/presenter.css`. Keys (only outside text fields, no Ctrl/Alt/Meta):
//! `Shift+P` toggles, `B` or `.` blanks (any key returns), `N` hides or shows names, `W` opens
//! the walkthrough, `Esc` leaves presenter mode (or the walkthrough, which handles it).

use std::sync::Arc;

use engine::walkthrough::{Answer, change_summary};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::names::use_names;
use crate::state::{AppState, Workspace, use_app};

/// Presenter mode's state, in context.
#[derive(Clone, Copy)]
pub struct Presenter {
    /// Presenter mode is on.
    pub on: RwSignal<bool>,
    /// People's names are replaced by role labels.
    pub names_hidden: RwSignal<bool>,
    /// The screen is blanked.
    pub blank: RwSignal<bool>,
    /// The walkthrough step shown (`None`: the walkthrough's overview, not stepping).
    pub step: RwSignal<Option<usize>>,
    /// Undo steps recorded when presenting began: only later changes show their effect.
    undo_base: RwSignal<usize>,
    /// The model whose effect panel was closed (by address), so it stays closed.
    dismissed: RwSignal<Option<usize>>,
    /// The workspace as it was when presenting began (or when it was opened while presenting):
    /// what "Reset to workshop start" restores.
    start: RwSignal<Option<Workspace>>,
}

/// Whether keyboard focus is in a text field (single-letter keys leave those alone, SC 2.1.4).
pub fn typing_in_field() -> bool {
    document().active_element().is_some_and(|el| {
        let tag = el.tag_name().to_ascii_lowercase();
        matches!(tag.as_str(), "input" | "textarea" | "select")
            || el.get_attribute("contenteditable").is_some()
    })
}

fn query_has(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| {
            s.trim_start_matches('?')
                .split('&')
                .any(|pair| pair.split('=').next() == Some(name))
        })
}

fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = document().document_element() else {
        return;
    };
    let _ = match value {
        Some(v) => root.set_attribute(name, v),
        None => root.remove_attribute(name),
    };
}

impl Presenter {
    /// Creates the state (on at once when the URL has `?present`) and puts it in context.
    pub fn provide(app: AppState) -> Presenter {
        let presenter = Presenter {
            on: RwSignal::new(false),
            names_hidden: RwSignal::new(false),
            blank: RwSignal::new(false),
            step: RwSignal::new(None),
            undo_base: RwSignal::new(0),
            dismissed: RwSignal::new(None),
            start: RwSignal::new(None),
        };
        provide_context(presenter);
        crate::components::names::Names::provide(Signal::derive(move || presenter.hiding_names()));
        if query_has("present") {
            presenter.set(app, true);
        }
        // A workspace opened while presenting is the start of its own workshop.
        Effect::new(move |_| {
            if !presenter.on.get() {
                return;
            }
            let id = app.workspace.with(|w| w.as_ref().map(|w| w.id.clone()));
            let same = presenter
                .start
                .with_untracked(|s| s.as_ref().map(|s| s.id.clone()) == id);
            if !same {
                presenter.start.set(app.workspace.get_untracked());
            }
        });
        Effect::new(move |_| {
            set_root_attribute("data-presenter", presenter.on.get().then_some("on"));
            set_root_attribute(
                "data-names",
                (presenter.on.get() && presenter.names_hidden.get()).then_some("hidden"),
            );
        });
        presenter
    }

    /// Turns presenter mode on or off.
    pub fn set(&self, app: AppState, on: bool) {
        if on {
            self.undo_base
                .set(app.history.with_untracked(|h| h.undo_steps().count()));
            self.dismissed.set(None);
            self.start.set(app.workspace.get_untracked());
        } else {
            self.blank.set(false);
            self.step.set(None);
        }
        self.on.set(on);
    }

    /// Whether the open workspace differs from the one presenting began with (so "Reset to
    /// workshop start" has something to restore).
    pub fn changed_since_start(&self, app: AppState) -> bool {
        self.start.with(|start| {
            app.workspace.with(|now| match (start, now) {
                (Some(start), Some(now)) => start.id == now.id && start != now,
                _ => false,
            })
        })
    }

    /// Restores the workspace presenting began with, as one change (Undo brings the live
    /// edits back).
    pub fn reset_to_start(&self, app: AppState) {
        let Some(start) = self.start.get_untracked() else {
            return;
        };
        app.change("Reset to workshop start", move |now| {
            if now.id == start.id {
                start
            } else {
                now.clone()
            }
        });
    }

    /// Whether names are hidden right now (only while presenting).
    pub fn hiding_names(&self) -> bool {
        self.on.get() && self.names_hidden.get()
    }
}

/// Presenter mode's state, from context.
pub fn use_presenter() -> Presenter {
    expect_context::<Presenter>()
}

/// The header's Present toggle.
#[component]
pub fn PresenterToggle() -> impl IntoView {
    let app = use_app();
    let presenter = use_presenter();
    view! {
        <button
            type="button"
            class="rp-header__present"
            data-testid="present-toggle"
            aria-pressed=move || presenter.on.get().to_string()
            aria-keyshortcuts="Shift+P"
            title="Presenter mode (Shift+P)"
            on:click=move |_| presenter.set(app, !presenter.on.get_untracked())
        >
            {move || if presenter.on.get() { "Stop presenting" } else { "Present" }}
        </button>
    }
}

/// The presenter layer: the keys, the thin presenter bar, the blank screen and the effect of
/// the last change. Mount once inside the router, before the routed view.
#[component]
pub fn PresenterLayer() -> impl IntoView {
    let app = use_app();
    let presenter = use_presenter();
    let navigate = use_navigate();
    let location = use_location();
    let pathname = location.pathname;
    let names = use_names();

    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if presenter.blank.get_untracked() {
            // Any key brings the picture back, and does nothing else.
            ev.prevent_default();
            ev.stop_immediate_propagation();
            presenter.blank.set(false);
            return;
        }
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_field() {
            return;
        }
        let key = ev.key();
        if ev.shift_key() && key.eq_ignore_ascii_case("p") {
            ev.prevent_default();
            presenter.set(app, !presenter.on.get_untracked());
            return;
        }
        if !presenter.on.get_untracked() {
            return;
        }
        match key.as_str() {
            "b" | "B" | "." => {
                ev.prevent_default();
                presenter.blank.set(true);
            }
            "n" | "N" => {
                ev.prevent_default();
                presenter.names_hidden.update(|h| *h = !*h);
            }
            "w" | "W" => {
                ev.prevent_default();
                navigate("/present", Default::default());
            }
            "Escape" => {
                let dialog_open = document()
                    .query_selector("[role=dialog], [role=alertdialog], dialog[open]")
                    .ok()
                    .flatten()
                    .is_some();
                if presenter.step.get_untracked().is_none() && !dialog_open {
                    presenter.set(app, false);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());

    view! {
        <Show when=move || presenter.on.get()>
            <div class="rp-presenter-bar" role="region" aria-label="Presenter" data-testid="presenter-bar">
                <span class="rp-presenter-bar__mode">"Presenting"</span>
                <a class="rp-presenter-bar__link" href="/present" data-testid="presenter-walkthrough-link">
                    "Walkthrough (W)"
                </a>
                <button
                    type="button"
                    class="rp-presenter-bar__button"
                    data-testid="presenter-names"
                    aria-pressed=move || presenter.names_hidden.get().to_string()
                    aria-keyshortcuts="N"
                    on:click=move |_| presenter.names_hidden.update(|h| *h = !*h)
                >
                    {move || if presenter.names_hidden.get() { "Names hidden (N)" } else { "Hide names (N)" }}
                </button>
                <button
                    type="button"
                    class="rp-presenter-bar__button"
                    aria-keyshortcuts="B"
                    title="Blank the screen; any key brings it back"
                    on:click=move |_| presenter.blank.set(true)
                >
                    "Blank (B)"
                </button>
                <ResetToStart />
                <a
                    class="rp-presenter-bar__link"
                    href="/?fresh&present"
                    rel="external"
                    data-testid="presenter-fresh"
                    title="Opens Rampart with no saved workspace listed or restored"
                >
                    "Fresh start"
                </a>
                <button
                    type="button"
                    class="rp-presenter-bar__button"
                    aria-keyshortcuts="Escape"
                    title="Stop presenting"
                    on:click=move |_| presenter.set(app, false)
                >
                    "Stop (Esc)"
                </button>
                <span class="rp-presenter-bar__where">{move || names.text(&crate::state::actions::designer_query::decode_segment(&pathname.get()))}</span>
            </div>
            <EffectPanel />
        </Show>
        <Show when=move || presenter.blank.get()>
            <div class="rp-presenter-blank" data-testid="presenter-blank" aria-label="Screen blanked; press any key to return" role="img"></div>
        </Show>
    }
}

/// "Reset to workshop start": asks first, then restores the workspace presenting began with as
/// one undoable change.
#[component]
fn ResetToStart() -> impl IntoView {
    let app = use_app();
    let presenter = use_presenter();
    let asking = RwSignal::new(false);
    let changes = move || {
        let base = presenter.undo_base.get();
        app.history
            .with(|h| h.undo_steps().count())
            .saturating_sub(base)
    };
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });
    let close = move || {
        asking.set(false);
        if let Some(el) = document().get_element_by_id("rp-presenter-reset") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    view! {
        <button
            type="button"
            id="rp-presenter-reset"
            class="rp-presenter-bar__button"
            data-testid="presenter-reset"
            disabled=move || !presenter.changed_since_start(app)
            title="Restore the model as it was when presenting began"
            on:click=move |_| asking.set(true)
        >
            "Reset to workshop start"
        </button>
        <Show when=move || asking.get()>
            <div
                class="rp-presenter-confirm"
                role="alertdialog"
                aria-modal="false"
                aria-labelledby="rp-presenter-confirm-title"
                data-testid="presenter-reset-confirm"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        ev.stop_propagation();
                        close();
                    }
                }
            >
                <p id="rp-presenter-confirm-title" class="rp-presenter-confirm__text">
                    {move || {
                        let n = changes();
                        format!(
                            "Restore the workspace as it was when presenting began? {n} change{} made since will be undone; Undo (Ctrl+Z) brings them back.",
                            if n == 1 { "" } else { "s" }
                        )
                    }}
                </p>
                <button
                    type="button"
                    class="rp-button rp-button--primary"
                    node_ref=confirm_ref
                    data-testid="presenter-reset-yes"
                    on:click=move |_| {
                        presenter.reset_to_start(app);
                        close();
                    }
                >
                    "Reset"
                </button>
                <button type="button" class="rp-button" on:click=move |_| close()>"Cancel"</button>
            </div>
        </Show>
    }
}

/// The effect of the last change made while presenting: who gains and loses access.
#[component]
fn EffectPanel() -> impl IntoView {
    let app = use_app();
    let presenter = use_presenter();
    let names = use_names();
    let effect = Memo::new(move |_| -> Option<(String, usize, Answer)> {
        let base = presenter.undo_base.get();
        let (label, before) = app.history.with(|h| {
            if h.undo_steps().count() <= base {
                return None;
            }
            h.undo_steps()
                .next()
                .map(|(label, ws)| (label.to_string(), ws.clone()))
        })?;
        app.workspace.with(|current| {
            let current = current.as_ref()?;
            let address = Arc::as_ptr(&current.model) as usize;
            if Arc::ptr_eq(&before.model, &current.model)
                || !Arc::ptr_eq(&before.data, &current.data)
                || presenter.dismissed.get() == Some(address)
            {
                return None;
            }
            let summary =
                change_summary(&before.model, &current.model, &current.data, &current.index);
            Some((label, address, summary))
        })
    });
    move || {
        let (label, address, summary) = effect.get()?;
        Some(view! {
            <section class="rp-presenter-effect" role="status" aria-live="polite" data-testid="presenter-effect">
                <h2 class="rp-presenter-effect__title">{format!("Effect of: {}", names.text(&label))}</h2>
                <p class="rp-presenter-effect__headline" data-testid="presenter-effect-headline">{summary.headline.clone()}</p>
                <dl class="rp-presenter-figures">
                    {summary.figures.iter().map(|(text, n)| view! {
                        <div class="rp-presenter-figures__item">
                            <dt>{text.clone()}</dt>
                            <dd data-testid="presenter-effect-figure">{signed(*n, text)}</dd>
                        </div>
                    }).collect_view()}
                </dl>
                <ul class="rp-presenter-effect__lines">
                    {summary.lines.iter().map(|line| view! { <li>{names.text(line)}</li> }).collect_view()}
                </ul>
                <div class="rp-presenter-effect__actions">
                    <button type="button" class="rp-button rp-button--primary" data-testid="presenter-undo" on:click=move |_| app.undo()>
                        "Undo this change"
                    </button>
                    <button type="button" class="rp-button" on:click=move |_| presenter.dismissed.set(Some(address))>
                        "Close"
                    </button>
                </div>
            </section>
        })
    }
}

/// A figure with its sign where it is a gain or loss ("+3", "−40"), never colour alone.
pub fn signed(n: i64, label: &str) -> String {
    let delta = label.starts_with("record accesses");
    match (delta, n.signum()) {
        (true, 1) => format!("+{n}"),
        (true, -1) => format!("−{}", n.unsigned_abs()),
        _ => n.to_string(),
    }
}
