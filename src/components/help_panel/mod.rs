//! In-app help: a panel that explains the current screen (chosen by URL) and the Dataverse terms
//! it uses, in Microsoft's words. `?` or `F1` opens and closes it (single-letter keys only when
//! focus is not in a text field, WCAG 2.1.4), the header's Help button too, and `Esc` closes it
//! and returns focus to where it was.

pub mod content;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use content::{GLOBAL_KEYS, screen_for, term};

/// Whether the help panel is open, in context.
#[derive(Clone, Copy)]
pub struct Help {
    /// Open or closed.
    pub open: RwSignal<bool>,
    /// The element focused before the panel opened; focus goes back there on close.
    return_to: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Help {
    /// Opens the panel, remembering the focused element.
    pub fn show(self) {
        if self.open.get_untracked() {
            return;
        }
        let active = document()
            .active_element()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        self.return_to.set_value(active);
        self.open.set(true);
    }

    /// Closes the panel and puts focus back.
    pub fn hide(self) {
        if !self.open.get_untracked() {
            return;
        }
        self.open.set(false);
        if let Some(el) = self.return_to.get_value() {
            let _ = el.focus();
        }
    }

    /// Opens or closes.
    pub fn toggle(self) {
        if self.open.get_untracked() {
            self.hide();
        } else {
            self.show();
        }
    }
}

/// Puts the help state in context; call once in `App` before the header.
pub fn provide_help() -> Help {
    let help = Help {
        open: RwSignal::new(false),
        return_to: StoredValue::new_local(None),
    };
    provide_context(help);
    help
}

/// The help state, from context.
pub fn use_help() -> Help {
    expect_context::<Help>()
}

/// Whether keyboard focus is in a text field.
fn typing_in_field() -> bool {
    document().active_element().is_some_and(|el| {
        let tag = el.tag_name().to_ascii_lowercase();
        matches!(tag.as_str(), "input" | "textarea" | "select")
            || el.get_attribute("contenteditable").is_some()
    })
}

/// The header's Help button.
#[component]
pub fn HelpButton() -> impl IntoView {
    let help = use_help();
    view! {
        <button type="button" class="rp-header__help" data-testid="help-button"
            aria-expanded=move || help.open.get().to_string() aria-controls="rp-help"
            aria-keyshortcuts="? F1" on:click=move |_| help.toggle()>
            "Help"
        </button>
    }
}

/// The panel itself, mounted once inside the router.
#[component]
pub fn HelpPanel() -> impl IntoView {
    let help = use_help();
    let location = use_location();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key();
        let plain = !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key();
        // F1 works anywhere; `?` only outside text fields, where it is a character.
        if key == "F1" || (key == "?" && plain && !typing_in_field()) {
            ev.prevent_default();
            help.toggle();
        } else if key == "Escape" && help.open.get_untracked() {
            help.hide();
        }
    });
    on_cleanup(move || handle.remove());
    // Focus the heading when the panel opens, so screen readers announce it.
    Effect::new(move |_| {
        if help.open.get() {
            request_animation_frame(|| {
                if let Some(el) = document()
                    .get_element_by_id("rp-help-title")
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            });
        }
    });
    let screen = Memo::new(move |_| screen_for(&location.pathname.get()));
    let body = move || {
        let s = screen.get();
        let tasks = s
            .tasks
            .iter()
            .map(|t| view! { <li>{*t}</li> })
            .collect_view();
        let terms = s
            .terms
            .iter()
            .filter_map(|name| term(name))
            .map(|t| {
                view! {
                    <dt class="rp-help__term">{t.name}</dt>
                    <dd class="rp-help__definition">{t.text}</dd>
                }
            })
            .collect_view();
        let keys = s
            .keys
            .iter()
            .chain(GLOBAL_KEYS.iter())
            .map(|(k, what)| {
                view! {
                    <dt class="rp-help__key"><kbd>{*k}</kbd></dt>
                    <dd class="rp-help__definition">{*what}</dd>
                }
            })
            .collect_view();
        view! {
            <p class="rp-help__summary" data-testid="help-summary">{s.summary}</p>
            <h3 class="rp-help__heading">"What you can do here"</h3>
            <ul class="rp-help__tasks">{tasks}</ul>
            <h3 class="rp-help__heading">"Terms on this screen"</h3>
            <dl class="rp-help__terms" data-testid="help-terms">{terms}</dl>
            <h3 class="rp-help__heading">"Keys"</h3>
            <dl class="rp-help__keys">{keys}</dl>
        }
    };
    view! {
        // On narrow screens the header has no room for Help; this round button takes its place.
        <button type="button" class="rp-help-fab" aria-label="Help" aria-keyshortcuts="? F1"
            aria-expanded=move || help.open.get().to_string() aria-controls="rp-help"
            on:click=move |_| help.toggle()>
            "?"
        </button>
        <Show when=move || help.open.get()>
            <aside id="rp-help" class="rp-help" role="dialog" aria-modal="false"
                aria-labelledby="rp-help-title" data-testid="help-panel">
                <header class="rp-help__header">
                    <h2 class="rp-help__title" id="rp-help-title" tabindex="-1">
                        "Help: "{move || screen.get().title}
                    </h2>
                    <button type="button" class="rp-button rp-button--small" aria-label="Close help"
                        on:click=move |_| help.hide()>
                        "Close"
                    </button>
                </header>
                <div class="rp-help__body">{body}</div>
            </aside>
        </Show>
    }
}
