//! The walkthrough's overview: its steps (move up, move down, delete), Start, and the form that
//! adds a step (prefilled from `?add=see|why|who&user=…&table=…&record=…&verb=…`, the
//! simulator's "Add to walkthrough" link). Every change goes through `AppState::change`, so it
//! is undoable and saved with the workspace.

use std::collections::BTreeSet;

use engine::model::{Depth, Verb};
use engine::walkthrough::answer;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::steps::{self, Draft, KINDS};
use crate::components::names::use_names;
use crate::components::use_presenter;
use crate::state::use_app;

/// Most records offered in the record suggestions.
const MAX_RECORD_OPTIONS: usize = 500;

/// Steps list, Start, and the add-step form.
#[component]
pub fn Overview() -> impl IntoView {
    let app = use_app();
    let presenter = use_presenter();
    let names = use_names();
    let rows = move || {
        app.workspace.with(|w| {
            let Some(w) = w.as_ref() else {
                return Vec::new();
            };
            w.walkthrough
                .steps
                .iter()
                .map(|step| {
                    (
                        names.text(&steps::describe(&w.model, step)),
                        names.text(&step.note),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let editing = RwSignal::new(None::<usize>);
    let raw_note = move |i: usize| {
        app.workspace.with_untracked(|w| {
            w.as_ref()
                .and_then(|w| w.walkthrough.steps.get(i).map(|s| s.note.clone()))
                .unwrap_or_default()
        })
    };
    let change = move |label: String,
                       f: Box<
        dyn Fn(&engine::walkthrough::Walkthrough) -> engine::walkthrough::Walkthrough,
    >| {
        app.change(label, move |w| w.with_walkthrough(f(&w.walkthrough)));
    };

    view! {
        <div class="rp-present__overview">
            <div class="rp-panel">
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-walkthrough-title">"Walkthrough title"</label>
                    <input
                        id="rp-walkthrough-title"
                        class="rp-field__input rp-field__input--wide"
                        data-testid="walkthrough-title-input"
                        placeholder="Walkthrough"
                        prop:value=move || app.workspace.with(|w| w.as_ref().map(|w| w.walkthrough.title.clone()).unwrap_or_default())
                        on:change:target=move |ev| {
                            let title = ev.target().value();
                            change("Rename walkthrough".to_string(), Box::new(move |w| steps::retitled(w, &title)));
                        }
                    />
                </div>
                <h2 class="rp-panel__title">"Steps"</h2>
                {move || {
                    let rows = rows();
                    let n = rows.len();
                    if n == 0 {
                        return view! {
                            <p class="rp-panel__text" data-testid="walkthrough-empty">
                                "No steps yet. Add a question below, or use “Add to walkthrough” in the Simulator."
                            </p>
                        }.into_any();
                    }
                    view! {
                        <ol class="rp-present__steps" data-testid="walkthrough-steps">
                            {rows.into_iter().enumerate().map(|(i, (text, note))| view! {
                                <li class="rp-present__step" data-testid="walkthrough-step-row">
                                    <span class="rp-present__step-text">
                                        <button type="button" class="rp-link-button" on:click=move |_| presenter.step.set(Some(i))>{text}</button>
                                        {(!note.is_empty()).then(|| view! { <span class="rp-present__step-note">{note.clone()}</span> })}
                                        <Show when=move || editing.get() == Some(i)>
                                            <input
                                                class="rp-field__input rp-field__input--wide"
                                                aria-label=format!("Note of step {}", i + 1)
                                                data-testid="walkthrough-note-input"
                                                prop:value=raw_note(i)
                                                on:keydown=move |ev| if ev.key() == "Escape" { ev.stop_propagation(); editing.set(None); }
                                                on:change:target=move |ev| {
                                                    let text = ev.target().value();
                                                    editing.set(None);
                                                    change(format!("Edit note of walkthrough step {}", i + 1), Box::new(move |w| steps::renoted(w, i, &text)));
                                                }
                                            />
                                        </Show>
                                    </span>
                                    <span class="rp-present__step-actions">
                                        <button type="button" class="rp-button rp-button--small" disabled={i == 0}
                                            aria-label=format!("Move step {} up", i + 1)
                                            on:click=move |_| change(format!("Move walkthrough step {}", i + 1), Box::new(move |w| steps::moved(w, i, true)))>
                                            "Move up"
                                        </button>
                                        <button type="button" class="rp-button rp-button--small" disabled={i + 1 == n}
                                            aria-label=format!("Move step {} down", i + 1)
                                            on:click=move |_| change(format!("Move walkthrough step {}", i + 1), Box::new(move |w| steps::moved(w, i, false)))>
                                            "Move down"
                                        </button>
                                        <button type="button" class="rp-button rp-button--small"
                                            aria-label=format!("Edit the note of step {}", i + 1)
                                            data-testid="walkthrough-edit-note"
                                            on:click=move |_| editing.set(Some(i))>
                                            "Edit note"
                                        </button>
                                        <button type="button" class="rp-button rp-button--small"
                                            aria-label=format!("Delete step {}", i + 1)
                                            data-testid="walkthrough-delete"
                                            on:click=move |_| change(format!("Delete walkthrough step {}", i + 1), Box::new(move |w| steps::removed(w, i)))>
                                            "Delete"
                                        </button>
                                    </span>
                                </li>
                            }).collect_view()}
                        </ol>
                        <button type="button" class="rp-button rp-button--primary" data-testid="walkthrough-start"
                            on:click=move |_| presenter.step.set(Some(0))>
                            "Start walkthrough (→ or PageDown)"
                        </button>
                    }.into_any()
                }}
            </div>
            <AddStep />
        </div>
    }
}

fn options(items: Vec<(String, String)>, selected: String) -> impl IntoView {
    items
        .into_iter()
        .map(|(value, label)| {
            let is = value == selected;
            view! { <option value=value selected=is>{label}</option> }
        })
        .collect_view()
}

/// The form that adds a step.
#[component]
fn AddStep() -> impl IntoView {
    let app = use_app();
    let names = use_names();
    let query = use_query_map();
    let prefill = query.with_untracked(|q| Draft {
        kind: q.get("add").unwrap_or_else(|| "see".to_string()),
        user: q.get("user").unwrap_or_default(),
        table: q.get("table").unwrap_or_default(),
        record: q.get("record").unwrap_or_default(),
        verb: q.get("verb").unwrap_or_else(|| "read".to_string()),
        depth: "none".to_string(),
        ..Draft::default()
    });
    let draft = RwSignal::new(prefill);
    let error = RwSignal::new(None::<String>);

    // Choices from the open model.
    let choices = Memo::new(move |_| {
        app.workspace.with(|w| {
            let Some(w) = w.as_ref() else {
                return Default::default();
            };
            let shown = |id: &str| {
                w.model
                    .display_names
                    .get(id)
                    .map_or_else(|| id.to_string(), |d| format!("{d} · {id}"))
            };
            let users: Vec<(String, String)> = w
                .model
                .users
                .iter()
                .map(|u| (u.name.clone(), shown(&u.name)))
                .collect();
            let tables: Vec<(String, String)> = w
                .model
                .tables
                .iter()
                .map(|t| (t.name.clone(), shown(&t.name)))
                .collect();
            let roles: Vec<(String, String)> = w
                .model
                .roles
                .iter()
                .map(|r| (r.name.clone(), shown(&r.name)))
                .collect();
            let mut misc: BTreeSet<String> = w
                .model
                .roles
                .iter()
                .flat_map(|r| r.misc.keys().cloned())
                .collect();
            misc.extend(
                engine::leakage::EXFILTRATION_PRIVILEGES
                    .iter()
                    .map(|p| p.name.to_string()),
            );
            let misc: Vec<(String, String)> = misc
                .into_iter()
                .map(|m| {
                    let label = engine::walkthrough::misc_label(&m);
                    (m.clone(), format!("{label} · {m}"))
                })
                .collect();
            let records: Vec<String> = w
                .data
                .records
                .iter()
                .take(MAX_RECORD_OPTIONS)
                .map(|r| r.name.to_string())
                .collect();
            (users, tables, roles, misc, records)
        })
    });
    let field = move |get: fn(&Draft) -> &String| move || draft.with(|d| get(d).clone());
    let set = move |f: fn(&mut Draft, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            draft.update(|d| f(d, value));
            error.set(None);
        }
    };
    let kind = field(|d| &d.kind);
    let shows = move |fields: &'static [&'static str]| fields.contains(&kind().as_str());

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let step = match draft.with_untracked(Draft::to_step) {
            Ok(step) => step,
            Err(message) => {
                error.set(Some(message));
                return;
            }
        };
        // A step that names something missing is refused with the engine's reason.
        let check = app.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| answer(&w.model, &w.data, &w.index, &step).map(|_| ()))
        });
        match check {
            Some(Ok(())) => {
                app.change("Add walkthrough step", move |w| {
                    w.with_walkthrough(steps::added(&w.walkthrough, step.clone()))
                });
                draft.update(|d| d.note.clear());
                error.set(None);
            }
            Some(Err(err)) => error.set(Some(format!("{err}."))),
            None => {}
        }
    };

    let user_options = move || {
        options(
            choices
                .get()
                .0
                .into_iter()
                .map(|(id, label)| (id, names.text(&label)))
                .collect(),
            draft.with(|d| d.user.clone()),
        )
    };

    view! {
        <form class="rp-panel rp-present__add" on:submit=add data-testid="walkthrough-add">
            <h2 class="rp-panel__title">"Add a step"</h2>
            <div class="rp-field">
                <label class="rp-field__label" for="rp-step-kind">"Question"</label>
                <select id="rp-step-kind" class="rp-field__input rp-field__input--wide" on:change=set(|d, v| d.kind = v)>
                    {options(KINDS.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect(), draft.get_untracked().kind)}
                </select>
            </div>
            <Show when=move || shows(&["see", "why"])>
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-step-user">"User"</label>
                    <select id="rp-step-user" class="rp-field__input rp-field__input--wide" on:change=set(|d, v| d.user = v)>
                        <option value="">"Choose a user"</option>
                        {user_options}
                    </select>
                </div>
            </Show>
            <Show when=move || shows(&["what_if", "what_if_misc"])>
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-step-role">"Security role"</label>
                    <select id="rp-step-role" class="rp-field__input rp-field__input--wide" on:change=set(|d, v| d.role = v)>
                        <option value="">"Choose a security role"</option>
                        {move || options(choices.get().2, draft.with(|d| d.role.clone()))}
                    </select>
                </div>
            </Show>
            <Show when=move || shows(&["see", "what_if"])>
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-step-table">"Table"</label>
                    <select id="rp-step-table" class="rp-field__input rp-field__input--wide" on:change=set(|d, v| d.table = v)>
                        <option value="">"Choose a table"</option>
                        {move || options(choices.get().1, draft.with(|d| d.table.clone()))}
                    </select>
                </div>
            </Show>
            <Show when=move || shows(&["why", "who"])>
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-step-record">"Record"</label>
                    <input id="rp-step-record" class="rp-field__input rp-field__input--wide" list="rp-step-records"
                        prop:value=field(|d| &d.record) on:input=set(|d, v| d.record = v) placeholder="record id" />
                    <datalist id="rp-step-records">
                        {move || choices.get().4.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
                    </datalist>
                </div>
            </Show>
            <Show when=move || shows(&["see", "why", "who", "what_if"])>
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-step-verb">"Privilege"</label>
                    <select id="rp-step-verb" class="rp-field__input" on:change=set(|d, v| d.verb = v)>
                        {move || options(Verb::ALL.iter().map(|v| (v.as_str().to_string(), v.label().to_string())).collect(), draft.with(|d| d.verb.clone()))}
                    </select>
                </div>
            </Show>
            <Show when=move || shows(&["what_if_misc"])>
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-step-misc">"Miscellaneous privilege"</label>
                    <select id="rp-step-misc" class="rp-field__input rp-field__input--wide" on:change=set(|d, v| d.privilege = v)>
                        <option value="">"Choose a privilege"</option>
                        {move || options(choices.get().3, draft.with(|d| d.privilege.clone()))}
                    </select>
                </div>
            </Show>
            <Show when=move || shows(&["what_if", "what_if_misc"])>
                <div class="rp-field">
                    <label class="rp-field__label" for="rp-step-depth">"New depth"</label>
                    <select id="rp-step-depth" class="rp-field__input" on:change=set(|d, v| d.depth = v)>
                        {move || options(Depth::ALL.iter().map(|d| (d.as_str().to_string(), d.label().to_string())).collect(), draft.with(|d| d.depth.clone()))}
                    </select>
                </div>
            </Show>
            <div class="rp-field">
                <label class="rp-field__label" for="rp-step-note">"Note for the room (optional)"</label>
                <input id="rp-step-note" class="rp-field__input rp-field__input--wide" prop:value=field(|d| &d.note) on:input=set(|d, v| d.note = v) />
            </div>
            {move || error.get().map(|e| view! { <p class="rp-field__error" role="alert" data-testid="walkthrough-add-error">{e}</p> })}
            <button type="submit" class="rp-button rp-button--primary" data-testid="walkthrough-add-submit">"Add step"</button>
        </form>
    }
}
