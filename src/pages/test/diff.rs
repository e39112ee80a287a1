//! Diff of two versions: the current model (or a named snapshot) against the state before the
//! last N changes (undo history), a named snapshot from the version history, or an imported
//! model JSON file; structural changes (`+ − ~`) and their effect on access (`engine::diff`),
//! downloadable as a Markdown report.
//!
//! `/test/diff?snapshot=KEY` compares snapshot `KEY` with the current model (the version
//! history's "Compare with current"); `&with=KEY2` compares it with snapshot `KEY2` instead.

use engine::diff::{ChangeKind, Diff};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use crate::components::{download_text, read_chosen_file};
use crate::pages::export::file_stem;
use crate::pages::simulator::Shared;
use crate::pages::workspaces::when;
use crate::state::persist::{Persist, use_persist};
use crate::state::{Workspace, use_app, workspace_list};
use crate::storage::{self, SnapshotMeta};

/// What the newer side is compared with.
#[derive(Clone, PartialEq)]
enum Baseline {
    /// The state before the last `n` changes.
    Undo(usize),
    /// A named snapshot, by key.
    Snapshot(String),
    /// An imported file: its name and workspace.
    File(String, Workspace),
}

/// A snapshot loaded for comparing: its metadata and workspace, or why it could not be read.
type Loaded = Result<(SnapshotMeta, Workspace), String>;

/// The snapshot list entry called `key`, loaded with every record.
async fn load_snapshot(persist: Persist, key: String) -> Option<Loaded> {
    let db = persist.db()?;
    let loaded = async {
        let stored = storage::read_snapshot(&db, &key).await?;
        let workspace = storage::snapshot_workspace(&stored, "diff-snapshot")?;
        Ok::<_, storage::StorageError>((stored.meta, workspace))
    }
    .await;
    Some(loaded.map_err(|e| e.to_string()))
}

/// A snapshot kept without its records (schema version 2) is compared with the current
/// records, re-read against its model.
fn with_records(meta: &SnapshotMeta, ws: Workspace, current: &Workspace) -> Workspace {
    if meta.with_data || current.data.records.is_empty() {
        ws
    } else {
        let data = engine::diff::rebase_data(&current.model, &current.data, &ws.model);
        ws.with_data(data)
    }
}

#[component]
pub fn DiffView() -> impl IntoView {
    let app = use_app();
    let persist = use_persist();
    let query = use_query_map();
    let steps = Memo::new(move |_| {
        app.history.with(|h| {
            h.undo_steps()
                .map(|(l, _)| l.to_string())
                .collect::<Vec<_>>()
        })
    });
    let snapshots = workspace_list::open_snapshots(app, persist);
    let snapshot_list = move || {
        snapshots
            .get()
            .and_then(Result::ok)
            .map(|(list, _)| list)
            .unwrap_or_default()
    };
    let from_query = |name: &'static str| {
        query
            .with_untracked(|q| q.get(name))
            .filter(|k| !k.is_empty())
    };
    let (baseline, set_baseline) = signal(from_query("snapshot").map(Baseline::Snapshot));
    // The newer side: a snapshot key, or `None` for the current model.
    let (newer, set_newer) = signal(from_query("with"));
    // Default: everything since the workspace was opened (or the last step when one exists).
    let chosen = Memo::new(move |_| match baseline.get() {
        Some(b) => Some(b),
        None => {
            let n = steps.with(Vec::len);
            (n > 0).then_some(Baseline::Undo(n))
        }
    });
    let older_key = Memo::new(move |_| match chosen.get() {
        Some(Baseline::Snapshot(key)) => Some(key),
        _ => None,
    });
    let older_snapshot = LocalResource::new(move || {
        // Read again once the database has opened (a link straight to this view).
        persist.mode.track();
        let key = older_key.get();
        async move {
            match key {
                Some(key) => load_snapshot(persist, key).await,
                None => None,
            }
        }
    });
    let newer_snapshot = LocalResource::new(move || {
        persist.mode.track();
        let key = newer.get();
        async move {
            match key {
                Some(key) => load_snapshot(persist, key).await,
                None => None,
            }
        }
    });
    let loading = Memo::new(move |_| {
        (older_key.with(Option::is_some) && older_snapshot.with(Option::is_none))
            || (newer.with(Option::is_some) && newer_snapshot.with(Option::is_none))
    });
    let load_error = move || {
        let error = |loaded: Option<Option<Loaded>>| match loaded.flatten() {
            Some(Err(e)) => Some(e),
            _ => None,
        };
        error(older_snapshot.get()).or_else(|| error(newer_snapshot.get()))
    };
    let result = Memo::new(move |_| {
        let current = app.workspace.get()?;
        let (after_title, after) = match newer.get() {
            None => ("current".to_string(), current.clone()),
            Some(_) => {
                let (meta, ws) = newer_snapshot.get().flatten()?.ok()?;
                let ws = with_records(&meta, ws, &current);
                (format!("“{}”", meta.name), ws)
            }
        };
        let (title, before) = match chosen.get()? {
            Baseline::Undo(n) => {
                let before = app.history.with(|h| {
                    h.undo_steps()
                        .nth(n.saturating_sub(1))
                        .map(|(_, w)| w.clone())
                })?;
                (
                    format!("Last {n} change{}", if n == 1 { "" } else { "s" }),
                    before,
                )
            }
            Baseline::Snapshot(_) => {
                let (meta, ws) = older_snapshot.get().flatten()?.ok()?;
                let ws = with_records(&meta, ws, &current);
                (format!("Snapshot “{}” → {after_title}", meta.name), ws)
            }
            Baseline::File(name, ws) => (format!("`{name}` → {after_title}"), ws),
        };
        let diff = engine::diff::diff((&before.model, &before.data), (&after.model, &after.data));
        Some(Shared::new((title, diff)))
    });
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_chosen_file(&input).await {
                Ok((file, text)) => match Workspace::from_json("diff-baseline".into(), &text) {
                    Ok((mut ws, _)) => {
                        if ws.data.records.is_empty()
                            && let Some(current) = app.workspace.get_untracked()
                        {
                            let data =
                                engine::diff::rebase_data(&current.model, &current.data, &ws.model);
                            ws = ws.with_data(data);
                        }
                        set_baseline.set(Some(Baseline::File(file, ws)));
                    }
                    Err(e) => app.error(format!("`{file}`: {e}")),
                },
                Err(e) => app.error(e),
            }
        });
    };
    let download = move |_| {
        let Some(r) = result.get_untracked() else {
            return;
        };
        let name = app
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| file_stem(&w.name)))
            .unwrap_or_default();
        let (title, diff) = &*r;
        let text = engine::diff::to_markdown(&format!("Diff: {title}"), diff);
        if let Err(e) = download_text(&format!("{name}-diff.md"), "text/markdown", &text) {
            app.error(e);
        }
    };
    let snapshot_label =
        |meta: &SnapshotMeta| format!("snapshot “{}” ({})", meta.name, when(meta.taken_ms));
    view! {
        <div class="rp-toolbar">
            <label class="rp-field">
                <span class="rp-field__label">"Compare"</span>
                <select class="rp-field__input" data-testid="diff-baseline" on:change:target=move |ev| {
                    let value = ev.target().value();
                    if let Some(n) = value.strip_prefix("undo:").and_then(|n| n.parse::<usize>().ok()) {
                        set_baseline.set(Some(Baseline::Undo(n)));
                    } else if let Some(key) = value.strip_prefix("snapshot:") {
                        set_baseline.set(Some(Baseline::Snapshot(key.to_string())));
                    }
                }>
                    {move || steps.get().into_iter().enumerate().map(|(i, label)| {
                        let n = i + 1;
                        let selected = matches!(chosen.get(), Some(Baseline::Undo(m)) if m == n);
                        view! { <option value=format!("undo:{n}") selected=selected>{format!("before the last {n} change{} (…{label})", if n == 1 { "" } else { "s" })}</option> }
                    }).collect_view()}
                    {move || snapshot_list().into_iter().map(|meta| {
                        let selected = matches!(chosen.get(), Some(Baseline::Snapshot(k)) if k == meta.key);
                        view! { <option value=format!("snapshot:{}", meta.key) selected=selected>{snapshot_label(&meta)}</option> }
                    }).collect_view()}
                    <option value="" selected=move || matches!(chosen.get(), Some(Baseline::File(..)) | None)>
                        {move || match chosen.get() { Some(Baseline::File(name, _)) => format!("the file {name}"), _ => "an imported file…".to_string() }}
                    </option>
                </select>
            </label>
            <label class="rp-field">
                <span class="rp-field__label">"with"</span>
                <select class="rp-field__input" data-testid="diff-newer" on:change:target=move |ev| {
                    let value = ev.target().value();
                    set_newer.set(value.strip_prefix("snapshot:").map(str::to_string));
                }>
                    <option value="current" selected=move || newer.with(Option::is_none)>"the current model"</option>
                    {move || snapshot_list().into_iter().map(|meta| {
                        let selected = newer.with(|k| k.as_deref() == Some(meta.key.as_str()));
                        view! { <option value=format!("snapshot:{}", meta.key) selected=selected>{snapshot_label(&meta)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <div class="rp-toolbar__actions">
                <label class="rp-button rp-button--file">
                    "Import model JSON…"
                    <input type="file" accept=".json" class="rp-visually-hidden" data-testid="diff-import" on:change=import />
                </label>
                <button type="button" class="rp-button" disabled=move || result.with(Option::is_none) on:click=download data-testid="diff-download">"Download report"</button>
            </div>
        </div>
        {move || load_error().map(|e| view! { <p class="rp-field__error" role="alert" data-testid="diff-error">{e}</p> })}
        <Show
            when=move || result.with(Option::is_some)
            fallback=move || if loading.get() {
                view! { <div class="rp-panel rp-empty" aria-busy="true"><p class="rp-panel__text" role="status">"Reading the snapshot…"</p></div> }.into_any()
            } else {
                view! { <div class="rp-panel rp-empty"><p class="rp-panel__text">"Nothing to compare yet: make a change (it can be undone), take a snapshot (Ctrl+S) to compare later, or import another version of the model as JSON."</p></div> }.into_any()
            }
        >
            {move || result.get().map(|r| view! { <DiffReport diff=r /> })}
        </Show>
    }
}

#[component]
fn DiffReport(diff: Shared<(String, Diff)>) -> impl IntoView {
    let (title, d) = &*diff;
    let changes = d
        .changes
        .iter()
        .map(|c| {
            let kind = match c.kind {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            view! {
                <li class="rp-diff__change" data-kind=kind>
                    <span class="rp-diff__marker" aria-label=kind>{c.kind.marker()}</span>
                    <span class="rp-diff__area">{c.area.label()}</span>
                    <code>{c.subject.clone()}</code>
                    {(!c.detail.is_empty()).then(|| view! { <span class="rp-diff__detail">{c.detail.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    let effect = d
        .effect
        .iter()
        .map(|e| view! {
            <tr>
                <th scope="row"><code>{e.table.clone()}</code></th>
                <td>{e.verb}</td>
                <td class="rp-num">{e.users_gaining}</td>
                <td class="rp-num rp-delta" data-sign="plus">{format!("+{}", e.records_gained)}</td>
                <td class="rp-num">{e.users_losing}</td>
                <td class="rp-num rp-delta" data-sign="minus">{format!("−{}", e.records_lost)}</td>
            </tr>
        })
        .collect_view();
    view! {
        <div class="rp-panel" data-testid="diff-report">
            <h2 class="rp-panel__title">{title.clone()}{format!(" · {} structural change{}", d.changes.len(), if d.changes.len() == 1 { "" } else { "s" })}</h2>
            {d.changes.is_empty().then(|| view! { <p class="rp-panel__text">"No structural changes."</p> })}
            <ul class="rp-diff">{changes}</ul>
        </div>
        <div class="rp-panel">
            <h2 class="rp-panel__title">"Effect on access"</h2>
            {if d.effect.is_empty() {
                view! { <p class="rp-panel__text">"No user reaches more or fewer records."</p> }.into_any()
            } else {
                view! {
                    <table class="rp-table rp-table--numbers" data-testid="diff-effect">
                        <thead><tr>
                            <th scope="col">"Table"</th><th scope="col">"Privilege"</th>
                            <th scope="col">"Users gaining"</th><th scope="col">"Records gained"</th>
                            <th scope="col">"Users losing"</th><th scope="col">"Records lost"</th>
                        </tr></thead>
                        <tbody>{effect}</tbody>
                    </table>
                }.into_any()
            }}
        </div>
    }
}
