//! Workspaces saved in this browser: open, rename, duplicate, delete (with Undo).

use crate::text::thousands;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::components::megabytes;
use crate::sections::Section;
use crate::state::persist::{StorageMode, clock, use_persist};
use crate::state::{use_app, workspace_list};
use crate::storage::{self, Listing, WorkspaceMeta};

/// How long Undo is offered after a delete.
const UNDO_WINDOW: Duration = Duration::from_secs(10);

/// "Today 12:04" or "3 Nov 2026 12:04", local time.
pub fn when(at_ms: f64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = js_sys::Date::new(&at_ms.into());
    let today = js_sys::Date::new_0();
    let same_day = date.get_full_year() == today.get_full_year()
        && date.get_month() == today.get_month()
        && date.get_date() == today.get_date();
    if same_day {
        format!("Today {}", clock(at_ms))
    } else {
        let month = MONTHS
            .get(date.get_month() as usize)
            .copied()
            .unwrap_or("?");
        format!(
            "{} {month} {} {}",
            date.get_date(),
            date.get_full_year(),
            clock(at_ms)
        )
    }
}

/// The list of saved workspaces with their actions.
#[component]
pub fn SavedWorkspaces() -> impl IntoView {
    let persist = use_persist();
    let presenter = crate::components::use_presenter();
    let app = use_app();
    let navigate = use_navigate();
    let listing = LocalResource::new(move || {
        persist.revision.track();
        let mode = persist.mode.get();
        async move {
            match (mode, persist.db()) {
                (StorageMode::Browser, Some(db)) => storage::list_workspaces(&db)
                    .await
                    .map_err(|e| e.to_string()),
                _ => Ok(Listing::default()),
            }
        }
    });
    let error = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<String>);
    let draft = RwSignal::new(String::new());
    let deleted = RwSignal::new(None::<(WorkspaceMeta, bool)>);

    let report = move |result: Result<(), storage::StorageError>| {
        error.set(result.err().map(|e| e.to_string()));
    };
    let open = move |id: String| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = workspace_list::switch_to(persist, app, &id).await;
            let ok = result.is_ok();
            report(result);
            if ok {
                navigate(Section::BusinessUnits.path(), NavigateOptions::default());
            }
        });
    };
    let purge_now = move |id: String| {
        spawn_local(async move {
            let _ = workspace_list::purge(persist, &id).await;
        });
    };
    let remove = move |meta: WorkspaceMeta| {
        // A previous delete still waiting for Undo is made final first.
        if let Some((previous, _)) = deleted.get_untracked() {
            purge_now(previous.id);
        }
        spawn_local(async move {
            match workspace_list::delete(persist, app, &meta.id).await {
                Ok(was_open) => {
                    let id = meta.id.clone();
                    deleted.set(Some((meta, was_open)));
                    set_timeout(
                        move || {
                            let expired = deleted
                                .try_get_untracked()
                                .flatten()
                                .is_some_and(|(m, _)| m.id == id);
                            if expired {
                                deleted.set(None);
                                purge_now(id);
                            }
                        },
                        UNDO_WINDOW,
                    );
                }
                Err(err) => error.set(Some(err.to_string())),
            }
        });
    };
    let undo = move || {
        let Some((meta, was_open)) = deleted.get_untracked() else {
            return;
        };
        deleted.set(None);
        spawn_local(async move {
            report(workspace_list::undo_delete(persist, app, &meta.id, was_open).await);
        });
    };
    let duplicate = move |meta: WorkspaceMeta| {
        spawn_local(async move {
            report(workspace_list::duplicate(persist, &meta).await.map(|_| ()));
        });
    };
    let save_name = move |meta: WorkspaceMeta| {
        let name = draft.get_untracked();
        editing.set(None);
        spawn_local(async move {
            report(workspace_list::rename(persist, app, &meta, &name).await);
        });
    };

    let open_id = move || app.workspace.with(|w| w.as_ref().map(|w| w.id.clone()));
    let row = move |meta: WorkspaceMeta| {
        let id = meta.id.clone();
        let is_open = {
            let id = id.clone();
            move || open_id().as_deref() == Some(id.as_str())
        };
        let is_editing = {
            let id = id.clone();
            move || editing.get().as_deref() == Some(id.as_str())
        };
        let name_cell = {
            let meta = meta.clone();
            let open = open.clone();
            let is_open = is_open.clone();
            move || {
                if is_editing() {
                    let meta = meta.clone();
                    let cancel_meta = meta.clone();
                    view! {
                        <form class="rp-ws-rename" on:submit=move |ev| { ev.prevent_default(); save_name(meta.clone()); }>
                            <input class="rp-field__input" type="text" aria-label="Workspace name"
                                data-testid="rename-input"
                                prop:value=move || draft.get()
                                on:input=move |ev| draft.set(event_target_value(&ev))
                                on:keydown=move |ev| if ev.key() == "Escape" { editing.set(None) } />
                            <button type="submit" class="rp-button rp-button--small rp-button--primary">"Save"</button>
                            <button type="button" class="rp-button rp-button--small"
                                on:click=move |_| { let _ = &cancel_meta; editing.set(None) }>"Cancel"</button>
                        </form>
                    }
                    .into_any()
                } else {
                    let id = meta.id.clone();
                    let open = open.clone();
                    let is_open = is_open.clone();
                    view! {
                        <button type="button" class="rp-ws-table__name" data-testid="workspace-open"
                            on:click=move |_| open(id.clone())>
                            {meta.name.clone()}
                        </button>
                        {move || is_open().then(|| view! { <span class="rp-badge rp-ws-table__open">"Open"</span> })}
                    }
                    .into_any()
                }
            }
        };
        let rename_meta = meta.clone();
        let duplicate_meta = meta.clone();
        let delete_meta = meta.clone();
        view! {
            <tr data-testid="workspace-row" class:rp-ws-table__row--open=is_open.clone()>
                <td class="rp-ws-table__name-cell">{name_cell}</td>
                <td class="rp-ws-table__number">{thousands(meta.n_records)}</td>
                <td class="rp-ws-table__number">{megabytes(meta.size_bytes() as f64)}</td>
                <td>{when(meta.saved_ms)}</td>
                <td class="rp-ws-table__actions">
                    <button type="button" class="rp-button rp-button--small"
                        aria-label=format!("Rename {}", meta.name)
                        on:click=move |_| { draft.set(rename_meta.name.clone()); editing.set(Some(rename_meta.id.clone())); }>
                        "Rename"
                    </button>
                    <button type="button" class="rp-button rp-button--small"
                        aria-label=format!("Duplicate {}", meta.name)
                        on:click=move |_| duplicate(duplicate_meta.clone())>
                        "Duplicate"
                    </button>
                    <button type="button" class="rp-button rp-button--small rp-button--danger"
                        aria-label=format!("Delete {}", meta.name)
                        on:click=move |_| remove(delete_meta.clone())>
                        "Delete"
                    </button>
                </td>
            </tr>
        }
    };

    let body = move || {
        let result = listing.get();
        let Some(result) = result else {
            return view! { <p class="rp-panel__text">"Reading saved workspaces…"</p> }.into_any();
        };
        match result {
            Err(err) => view! { <p class="rp-field__error" role="alert">{err}</p> }.into_any(),
            Ok(listing) => {
                let session = persist.session_ids.get();
                // Presenting on a shared screen lists only this session's workspaces, as `?fresh` does.
                let presenting = presenter.on.get();
                let rows: Vec<WorkspaceMeta> = listing
                    .workspaces
                    .into_iter()
                    .filter(|m| !(persist.fresh || presenting) || session.contains(&m.id))
                    .collect();
                let skipped = listing.skipped;
                let empty_text = if presenting && !persist.fresh {
                    "Presenting: workspaces saved earlier in this browser are not listed."
                } else if persist.fresh {
                    "Fresh session: workspaces saved earlier in this browser are not listed. Start one above."
                } else if matches!(persist.mode.get(), StorageMode::Memory(_)) {
                    "Browser storage is unavailable, so nothing is saved here."
                } else {
                    "No saved workspaces yet. Start one above; it is saved as you work."
                };
                view! {
                    {skipped.into_iter().map(|err| view! {
                        <p class="rp-field__error" role="alert" data-testid="skipped-row">{err.to_string()}</p>
                    }).collect_view()}
                    {if rows.is_empty() {
                        view! { <p class="rp-panel__text" data-testid="no-workspaces">{empty_text}</p> }.into_any()
                    } else {
                        view! {
                            <table class="rp-ws-table" data-testid="workspace-list">
                                <thead>
                                    <tr>
                                        <th scope="col">"Name"</th>
                                        <th scope="col" class="rp-ws-table__number">"Records"</th>
                                        <th scope="col" class="rp-ws-table__number">"Size"</th>
                                        <th scope="col">"Last change"</th>
                                        <th scope="col"><span class="rp-visually-hidden">"Actions"</span></th>
                                    </tr>
                                </thead>
                                <tbody>{rows.into_iter().map(&row).collect_view()}</tbody>
                            </table>
                        }.into_any()
                    }}
                }
                .into_any()
            }
        }
    };

    view! {
        <section class="rp-panel rp-ws-section" aria-labelledby="rp-saved-title">
            <h2 class="rp-ws-section__title" id="rp-saved-title">"Saved in this browser"</h2>
            {move || deleted.get().map(|(meta, _)| view! {
                <div class="rp-ws-undo" role="status" data-testid="undo-bar">
                    <span>{format!("Deleted “{}”.", meta.name)}</span>
                    <button type="button" class="rp-button rp-button--small rp-button--primary"
                        data-testid="undo-delete" on:click=move |_| undo()>"Undo"</button>
                </div>
            })}
            {move || error.get().map(|e| view! { <p class="rp-field__error" role="alert">{e}</p> })}
            {body}
        </section>
    }
}
