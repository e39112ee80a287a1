//! The simulator's inputs: user combobox, table and privilege selects, record search.
//!
//! Each takes the current value (usually a URL query parameter) and a callback; ids travel, names
//! are shown.

use engine::model::{TableId, UserId, Verb};
use leptos::prelude::*;

use super::queries::{display, find_record, record_label};
use crate::state::Workspace;

/// Most matches the record search lists.
const RECORD_MATCHES: usize = 12;

/// A user combobox: type a name or id, pick from the suggestions.
#[component]
pub fn UserPicker(
    /// The workspace whose users are offered.
    ws: Memo<Option<Workspace>>,
    /// The chosen user id.
    #[prop(into)]
    value: Signal<Option<String>>,
    /// Called with the user id picked.
    #[prop(into)]
    on_change: Callback<Option<String>>,
) -> impl IntoView {
    // People are offered, typed and shown by name (or by label while names are hidden); the
    // URL carries the id.
    let names = crate::components::use_names();
    let options = move || {
        ws.with(|ws| {
            ws.as_ref().map(|ws| {
                ws.model
                    .users
                    .iter()
                    .enumerate()
                    .map(|(i, u)| {
                        let label = names.user(&ws.model, UserId::from_index(i));
                        let value = if names.hidden() {
                            label.clone()
                        } else {
                            u.name.clone()
                        };
                        view! { <option value=value label=label></option> }
                    })
                    .collect_view()
            })
        })
    };
    let resolve = move |text: String| -> Option<String> {
        ws.with_untracked(|ws| {
            let model = &ws.as_ref()?.model;
            let text = text.trim();
            let hidden = names.hidden();
            model
                .users
                .iter()
                .enumerate()
                .find(|(i, u)| {
                    let shown = names.user(model, UserId::from_index(*i));
                    (!hidden
                        && (u.name == text || display(model, &u.name).eq_ignore_ascii_case(text)))
                        || shown.eq_ignore_ascii_case(text)
                })
                .map(|(_, u)| u.name.clone())
        })
    };
    let shown = move || {
        let id = value.get()?;
        if names.hidden() {
            return None;
        }
        ws.with(|ws| {
            let model = &ws.as_ref()?.model;
            model.display_names.get(&id).cloned()
        })
    };
    let typed = move || {
        let id = value.get().unwrap_or_default();
        if !names.hidden() {
            return id;
        }
        ws.with(|ws| match ws.as_ref() {
            Some(ws) => names.user_by_id(&ws.model, &id),
            None => id.clone(),
        })
    };
    view! {
        <div class="rp-field">
            <label class="rp-field__label" for="rp-sim-user">"User"</label>
            <input
                class="rp-field__input rp-field__input--wide"
                id="rp-sim-user"
                type="search"
                list="rp-sim-users"
                placeholder="Search by name or id"
                autocomplete="off"
                data-testid="user-picker"
                prop:value=typed
                on:change:target=move |ev| {
                    if let Some(id) = resolve(ev.target().value()) {
                        on_change.run(Some(id));
                    }
                }
            />
            <datalist id="rp-sim-users">{options}</datalist>
            <span class="rp-field__hint" data-testid="user-display">{shown}</span>
        </div>
    }
}

/// A select of the model's tables.
#[component]
pub fn TablePicker(
    /// The workspace whose tables are offered.
    ws: Memo<Option<Workspace>>,
    /// The chosen table name.
    #[prop(into)]
    value: Signal<Option<String>>,
    /// Called with the table picked.
    #[prop(into)]
    on_change: Callback<Option<String>>,
    /// Offer "All tables" (an empty value).
    #[prop(optional)]
    with_all: bool,
) -> impl IntoView {
    let options = move || {
        ws.with(|ws| {
            ws.as_ref().map(|ws| {
                ws.model
                    .tables
                    .iter()
                    .map(|t| {
                        let name = t.name.clone();
                        let selected = value.get().as_deref() == Some(name.as_str());
                        let label = display(&ws.model, &t.name).to_string();
                        view! { <option value=name selected=selected>{label}</option> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <div class="rp-field">
            <label class="rp-field__label" for="rp-sim-table">"Table"</label>
            <select
                class="rp-field__input"
                id="rp-sim-table"
                data-testid="table-picker"
                on:change:target=move |ev| {
                    let v = ev.target().value();
                    on_change.run((!v.is_empty()).then_some(v));
                }
            >
                {with_all.then(|| view! { <option value="">"All tables"</option> })}
                {options}
            </select>
        </div>
    }
}

/// A select of privileges (Microsoft order), Read by default.
#[component]
pub fn VerbPicker(
    /// The chosen verb.
    #[prop(into)]
    value: Signal<Verb>,
    /// Called with the verb picked.
    #[prop(into)]
    on_change: Callback<Verb>,
    /// The verbs offered.
    verbs: &'static [Verb],
) -> impl IntoView {
    let options = move || {
        verbs
            .iter()
            .map(|v| {
                let selected = value.get() == *v;
                view! { <option value=v.as_str() selected=selected>{v.label()}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="rp-field">
            <label class="rp-field__label" for="rp-sim-verb">"Privilege"</label>
            <select
                class="rp-field__input"
                id="rp-sim-verb"
                data-testid="verb-picker"
                on:change:target=move |ev| {
                    if let Some(verb) = Verb::parse(&ev.target().value()) {
                        on_change.run(verb);
                    }
                }
            >
                {options}
            </select>
        </div>
    }
}

/// A record search: type part of an id or title, pick one of the first matches.
#[component]
pub fn RecordPicker(
    /// The workspace whose records are searched.
    ws: Memo<Option<Workspace>>,
    /// The chosen record id.
    #[prop(into)]
    value: Signal<Option<String>>,
    /// Called with the record picked.
    #[prop(into)]
    on_change: Callback<Option<String>>,
) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let matches = Memo::new(move |_| {
        let query = query.get().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        ws.with(|ws| {
            let Some(ws) = ws else { return Vec::new() };
            ws.data
                .records
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    r.name.to_lowercase().contains(&query)
                        || r.values.values().any(|v| v.to_lowercase().contains(&query))
                })
                .take(RECORD_MATCHES)
                .map(|(i, r)| {
                    let id = engine::model::RecordId::from_index(i);
                    (
                        r.name.clone(),
                        record_label(&ws.data, id),
                        ws.model.table_name(r.table).to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let chosen = move || {
        let id = value.get()?;
        ws.with(|ws| {
            let ws = ws.as_ref()?;
            let record = find_record(&ws.data, &id)?;
            let table = ws
                .data
                .record(record)
                .map(|r| r.table)
                .unwrap_or(TableId(0));
            Some(format!(
                "{} ({})",
                record_label(&ws.data, record),
                ws.model.table_name(table)
            ))
        })
    };
    view! {
        <div class="rp-field rp-record-picker">
            <label class="rp-field__label" for="rp-sim-record">"Record"</label>
            <input
                class="rp-field__input rp-field__input--wide"
                id="rp-sim-record"
                type="search"
                placeholder="Search records by id or value"
                autocomplete="off"
                data-testid="record-search"
                prop:value=move || query.get()
                on:input:target=move |ev| set_query.set(ev.target().value())
            />
            <span class="rp-field__hint" data-testid="record-chosen">
                {move || chosen().unwrap_or_else(|| "No record chosen".into())}
            </span>
            <Show when=move || !matches.with(Vec::is_empty)>
                <ul class="rp-record-picker__list" role="listbox" aria-label="Matching records">
                    <For
                        each=move || matches.get()
                        key=|(id, _, _)| id.clone()
                        children=move |(id, label, table)| {
                            let pick = id.clone();
                            view! {
                                <li role="option" aria-selected="false">
                                    <button
                                        type="button"
                                        class="rp-record-picker__option"
                                        on:click=move |_| {
                                            on_change.run(Some(pick.to_string()));
                                            set_query.set(String::new());
                                        }
                                    >
                                        <span>{label}</span>
                                        <span class="rp-record-picker__table">{table}</span>
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
        </div>
    }
}
