//! Version history of the open workspace: named snapshots (model and every record), take
//! (Ctrl+S), restore (undoable), compare with the current model (the Diff view), delete.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::saved_list::when;
use crate::components::megabytes;
use crate::state::persist::use_persist;
use crate::state::{use_app, workspace_list};
use crate::storage;
use crate::text::thousands;

/// The snapshot list of the open workspace.
#[component]
pub fn VersionHistory() -> impl IntoView {
    let persist = use_persist();
    let app = use_app();
    let snapshots = workspace_list::open_snapshots(app, persist);
    let error = RwSignal::new(None::<String>);
    let body = move || {
        let Some(result) = snapshots.get() else {
            return view! { <p class="rp-panel__text">"Reading snapshots…"</p> }.into_any();
        };
        match result {
            Err(err) => view! { <p class="rp-field__error" role="alert">{err}</p> }.into_any(),
            Ok((list, skipped)) if list.is_empty() => view! {
                {skipped.into_iter().map(|e| view! { <p class="rp-field__error">{e.to_string()}</p> }).collect_view()}
                <p class="rp-panel__text" data-testid="no-snapshots">
                    "No snapshots yet. Take one (Ctrl+S) before a workshop or after an approval, to \
                     compare or go back later."
                </p>
            }
            .into_any(),
            Ok((list, skipped)) => view! {
                {skipped.into_iter().map(|e| view! { <p class="rp-field__error">{e.to_string()}</p> }).collect_view()}
                <table class="rp-ws-table" data-testid="snapshot-list">
                    <thead>
                        <tr>
                            <th scope="col">"Snapshot"</th>
                            <th scope="col">"Taken"</th>
                            <th scope="col" class="rp-ws-table__number">"Records kept"</th>
                            <th scope="col" class="rp-ws-table__number">"Size"</th>
                            <th scope="col"><span class="rp-visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.into_iter().map(|meta| {
                            let restore_meta = meta.clone();
                            let delete_key = meta.key.clone();
                            view! {
                                <tr data-testid="snapshot-row">
                                    <td>{meta.name.clone()}</td>
                                    <td>{when(meta.taken_ms)}</td>
                                    <td class="rp-ws-table__number">
                                        {if meta.with_data { thousands(meta.n_records) } else { "model only".to_string() }}
                                    </td>
                                    <td class="rp-ws-table__number">{megabytes(meta.bytes as f64)}</td>
                                    <td class="rp-ws-table__actions">
                                        <button type="button" class="rp-button rp-button--small"
                                            data-testid="snapshot-restore"
                                            aria-label=format!("Restore {}", meta.name)
                                            on:click=move |_| {
                                                let meta = restore_meta.clone();
                                                spawn_local(async move {
                                                    match workspace_list::restore_snapshot(persist, app, &meta).await {
                                                        Ok(()) => app.info(format!("Restored “{}” (Undo with Ctrl+Z)", meta.name)),
                                                        Err(e) => error.set(Some(e.to_string())),
                                                    }
                                                });
                                            }>
                                            "Restore"
                                        </button>
                                        <a class="rp-button rp-button--small" data-testid="snapshot-compare"
                                            href=format!("/test/diff?snapshot={}", String::from(js_sys::encode_uri_component(&meta.key)))
                                            aria-label=format!("Compare {} with the current model", meta.name)>
                                            "Compare with current"
                                        </a>
                                        <button type="button" class="rp-button rp-button--small rp-button--danger"
                                            aria-label=format!("Delete snapshot {}", meta.name)
                                            on:click=move |_| {
                                                let key = delete_key.clone();
                                                spawn_local(async move {
                                                    if let Some(db) = persist.db() {
                                                        if let Err(e) = storage::delete_snapshot(&db, &key).await {
                                                            error.set(Some(e.to_string()));
                                                        }
                                                        persist.revision.update(|r| *r += 1);
                                                    }
                                                });
                                            }>
                                            "Delete"
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        }
    };
    view! {
        <section class="rp-panel rp-ws-section" aria-labelledby="rp-history-title">
            <div class="rp-ws-section__header">
                <h2 class="rp-ws-section__title" id="rp-history-title">"Version history"</h2>
                <button type="button" class="rp-button" data-testid="take-snapshot"
                    on:click=move |_| persist.snapshot_prompt.set(true)>
                    "Take snapshot…"<kbd class="rp-kbd">"Ctrl+S"</kbd>
                </button>
            </div>
            {move || error.get().map(|e| view! { <p class="rp-field__error" role="alert">{e}</p> })}
            {body}
        </section>
    }
}
