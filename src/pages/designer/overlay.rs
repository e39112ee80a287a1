//! What the Designer adds to every view: the global shortcuts (`Ctrl+K` palette, `Ctrl+Z` /
//! `Ctrl+Shift+Z` undo and redo), the command palette, the notice toast with Undo, the read-only
//! banner of share links, and opening a `#model=` link.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use super::context::{current_fragment, use_designer};
use crate::state::NoticeKind;
use crate::state::actions::designer_query::{filter_palette, palette_entries};

/// Whether keyboard focus is in a text field (shortcuts leave those alone, WCAG 2.1.4).
fn typing_in_field() -> bool {
    document().active_element().is_some_and(|el| {
        let tag = el.tag_name().to_ascii_lowercase();
        matches!(tag.as_str(), "input" | "textarea" | "select")
            || el.get_attribute("contenteditable").is_some()
    })
}

/// Global shortcuts, palette, toast and share-link banner. Mount once inside the router.
#[component]
pub fn DesignerOverlay() -> impl IntoView {
    let designer = use_designer();
    let app = designer.app;
    designer.open_share_link(&current_fragment());

    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let ctrl = ev.ctrl_key() || ev.meta_key();
        if !ctrl {
            return;
        }
        match ev.key().to_ascii_lowercase().as_str() {
            "k" => {
                ev.prevent_default();
                designer.palette_open.set(true);
            }
            "z" if !typing_in_field() => {
                ev.prevent_default();
                if ev.shift_key() {
                    designer.redo();
                } else {
                    designer.undo();
                }
            }
            "y" if !typing_in_field() => {
                ev.prevent_default();
                designer.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());

    let notice = move || app.notice.get();
    let dismiss = move |_| {
        app.notice.set(None);
        designer.last_change.set(None);
    };
    let can_undo = move || {
        designer.last_change.get().is_some()
            && notice().is_some_and(|n| n.kind == NoticeKind::Info)
            && !designer.read_only.get()
    };

    view! {
        <Show when=move || designer.read_only.get()>
            <div class="rp-banner rp-banner--readonly" role="status" data-testid="readonly-banner">
                <span>
                    <strong>"Shared model, read-only. "</strong>
                    "It came in the link itself; nothing was sent to a server and nothing is changed until you make a copy."
                </span>
                <button type="button" class="rp-button" on:click=move |_| designer.make_editable_copy()>
                    "Make an editable copy"
                </button>
            </div>
        </Show>
        <div class="rp-toast-region" aria-live="polite" aria-atomic="true">
            {move || {
                notice()
                    .map(|n| {
                        let kind = match n.kind {
                            NoticeKind::Error => "error",
                            NoticeKind::Warning => "warning",
                            NoticeKind::Info => "info",
                        };
                        let word = match n.kind {
                            NoticeKind::Error => "Not changed:",
                            NoticeKind::Warning => "Warning:",
                            NoticeKind::Info => "Done:",
                        };
                        view! {
                            <div class="rp-toast" data-kind=kind data-testid="notice">
                                <span class="rp-toast__word">{word}</span>
                                <span class="rp-toast__text">{n.text}</span>
                                <Show when=can_undo>
                                    <button type="button" class="rp-button rp-button--subtle" on:click=move |_| designer.undo()>
                                        "Undo"
                                    </button>
                                </Show>
                                <button type="button" class="rp-button rp-button--subtle" aria-label="Dismiss" on:click=dismiss>
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
        <Show when=move || designer.palette_open.get()>
            <CommandPalette />
        </Show>
    }
}

/// The `Ctrl+K` palette (APG combobox in a modal dialog): jump to any business unit, team, user,
/// security role or table by name. `@` keeps users, `#` tables.
#[component]
fn CommandPalette() -> impl IntoView {
    let designer = use_designer();
    let navigate = use_navigate();
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let returns_to = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let returns_to = StoredValue::new_local(returns_to);
    let names = crate::components::use_names();
    let entries = Memo::new(move |_| {
        designer
            .with_model(|m| {
                let mut entries = palette_entries(m);
                if names.hidden() {
                    // People are found and shown by their labels only.
                    for e in entries.iter_mut().filter(|e| e.kind == "User") {
                        e.label = names.user_by_id(m, &e.id);
                        e.id = e.label.clone();
                    }
                }
                entries
            })
            .unwrap_or_default()
    });
    let results = Memo::new(move |_| {
        let found = entries.with(|e| filter_palette(e, &query.get()));
        found.into_iter().take(30).collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    });
    let close = move || {
        designer.palette_open.set(false);
        if let Some(el) = returns_to.get_value() {
            let _ = el.focus();
        }
    };
    let go = move |url: String| {
        designer.palette_open.set(false);
        navigate(&url, Default::default());
    };
    let go_key = go.clone();
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            let n = results.with(Vec::len);
            active.update(|a| *a = (*a + 1).min(n.saturating_sub(1)));
        }
        "ArrowUp" => {
            ev.prevent_default();
            active.update(|a| *a = a.saturating_sub(1));
        }
        "Enter" => {
            ev.prevent_default();
            if let Some(entry) = results.with(|r| r.get(active.get_untracked()).cloned()) {
                go_key(entry.url);
            }
        }
        "Escape" => {
            ev.prevent_default();
            close();
        }
        "Tab" => ev.prevent_default(),
        _ => {}
    };
    view! {
        <div class="rp-modal-backdrop" on:click=move |_| close()>
            <div
                class="rp-palette"
                role="dialog"
                aria-modal="true"
                aria-label="Go to"
                on:click=|ev| ev.stop_propagation()
            >
                <input
                    class="rp-palette__input"
                    type="text"
                    role="combobox"
                    aria-expanded="true"
                    aria-controls="rp-palette-list"
                    aria-autocomplete="list"
                    aria-activedescendant=move || format!("rp-palette-option-{}", active.get())
                    placeholder="Go to a business unit, team, user, role or table (@ users, # tables)"
                    node_ref=input_ref
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        active.set(0);
                    }
                    on:keydown=on_keydown
                />
                <ul class="rp-palette__list" id="rp-palette-list" role="listbox" aria-label="Results">
                    {move || {
                        results
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, entry)| {
                                let url = entry.url.clone();
                                let go = go.clone();
                                view! {
                                    <li
                                        class="rp-palette__option"
                                        role="option"
                                        id=format!("rp-palette-option-{i}")
                                        aria-selected=move || (active.get() == i).to_string()
                                        on:click=move |_| go(url.clone())
                                    >
                                        <span class="rp-palette__label">{entry.label}</span>
                                        <span class="rp-palette__kind">{entry.kind}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <p class="rp-palette__count" role="status">
                    {move || match results.with(Vec::len) {
                        0 => "No match".to_string(),
                        1 => "1 result".to_string(),
                        n => format!("{n} results"),
                    }}
                </p>
            </div>
        </div>
    }
}
