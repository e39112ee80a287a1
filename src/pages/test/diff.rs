//! Diff of two versions: the current model against the state before the last N changes (undo
//! history) or an imported model JSON file; structural changes (`+ − ~`) and their effect on
//! access (`engine::diff`), downloadable as a Markdown report.

use engine::diff::{ChangeKind, Diff};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{download_text, read_chosen_file};
use crate::pages::export::file_stem;
use crate::pages::simulator::Shared;
use crate::state::{Workspace, use_app};

/// What the current model is compared with.
#[derive(Clone, PartialEq)]
enum Baseline {
    /// The state before the last `n` changes.
    Undo(usize),
    /// An imported file: its name and workspace.
    File(String, Workspace),
}

#[component]
pub fn DiffView() -> impl IntoView {
    let app = use_app();
    let steps = Memo::new(move |_| {
        app.history.with(|h| {
            h.undo_steps()
                .map(|(l, _)| l.to_string())
                .collect::<Vec<_>>()
        })
    });
    let (baseline, set_baseline) = signal(Option::<Baseline>::None);
    // Default: everything since the workspace was opened (or the last step when one exists).
    let chosen = Memo::new(move |_| match baseline.get() {
        Some(b) => Some(b),
        None => {
            let n = steps.with(Vec::len);
            (n > 0).then_some(Baseline::Undo(n))
        }
    });
    let result = Memo::new(move |_| {
        let current = app.workspace.get()?;
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
            Baseline::File(name, ws) => (format!("`{name}` → current"), ws),
        };
        let diff = engine::diff::diff(
            (&before.model, &before.data),
            (&current.model, &current.data),
        );
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
    view! {
        <div class="rp-toolbar">
            <label class="rp-field">
                <span class="rp-field__label">"Compare the current model with"</span>
                <select class="rp-field__input" data-testid="diff-baseline" on:change:target=move |ev| {
                    set_baseline.set(ev.target().value().parse::<usize>().ok().map(Baseline::Undo));
                }>
                    {move || steps.get().into_iter().enumerate().map(|(i, label)| {
                        let n = i + 1;
                        let selected = matches!(chosen.get(), Some(Baseline::Undo(m)) if m == n);
                        view! { <option value=n.to_string() selected=selected>{format!("before the last {n} change{} (…{label})", if n == 1 { "" } else { "s" })}</option> }
                    }).collect_view()}
                    <option value="" selected=move || matches!(chosen.get(), Some(Baseline::File(..)) | None)>
                        {move || match chosen.get() { Some(Baseline::File(name, _)) => format!("the file {name}"), _ => "an imported file…".to_string() }}
                    </option>
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
        <Show
            when=move || result.with(Option::is_some)
            fallback=|| view! { <div class="rp-panel rp-empty"><p class="rp-panel__text">"Nothing to compare yet: make a change (it can be undone), or import another version of the model as JSON."</p></div> }
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
