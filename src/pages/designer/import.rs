//! Import a model JSON file (picked, dropped or pasted): the validation report comes first, and
//! the open model is replaced only when asked (and can be undone). Nothing typed is discarded on
//! an error.

use engine::validate::Issue;
use leptos::prelude::*;

use super::context::use_designer;
use super::frame::{IssueItem, issue_counts, read_first};
use crate::state::Workspace;

/// What the last read produced.
#[derive(Clone)]
enum Report {
    /// Nothing read yet.
    Empty,
    /// The file cannot be read at all.
    Fatal { source: String, message: String },
    /// A model that can be opened, with its issues.
    Ready {
        source: String,
        workspace: Box<Workspace>,
        issues: Vec<Issue>,
    },
}

/// The Import panel.
#[component]
pub fn ImportPanel(
    /// Closes the panel.
    on_close: Callback<()>,
) -> impl IntoView {
    let designer = use_designer();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(Report::Empty);
    let dragging = RwSignal::new(false);

    let check = move |source: String, body: String| {
        let id = designer
            .app
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| w.id.clone()))
            .unwrap_or_else(|| format!("imported-{}", js_sys::Date::now() as u64));
        report.set(match Workspace::from_json(id, &body) {
            Ok((workspace, issues)) => Report::Ready {
                source,
                workspace: Box::new(workspace),
                issues,
            },
            Err(error) => Report::Fatal {
                source,
                message: error.to_string(),
            },
        });
    };
    let load_files = move |files: Option<web_sys::FileList>| {
        leptos::task::spawn_local(async move {
            match read_first(files).await {
                Some(Ok((name, body))) => {
                    text.set(body.clone());
                    check(format!("`{name}`"), body);
                }
                Some(Err(message)) => report.set(Report::Fatal {
                    source: "the file".into(),
                    message,
                }),
                None => {}
            }
        });
    };
    let replace = move |_| {
        let Report::Ready {
            workspace, issues, ..
        } = report.get_untracked()
        else {
            return;
        };
        let label = format!("Import {} ({})", workspace.name, issue_counts(&issues));
        if designer.app.workspace.with_untracked(Option::is_none) {
            designer.app.open(*workspace);
        } else if designer.edit(label, |_| Ok(*workspace)).is_err() {
            return;
        }
        report.set(Report::Empty);
        on_close.run(());
    };

    view! {
        <section class="rp-panel rp-import" aria-label="Import a model">
            <div
                class="rp-import__drop"
                data-dragging=move || dragging.get().then_some("true")
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    load_files(ev.data_transfer().and_then(|d| d.files()));
                }
            >
                <p>"Drop a rampart-model JSON file here, or "</p>
                <label class="rp-button">
                    "Choose a file…"
                    <input type="file" accept=".json,application/json" class="rp-visually-hidden" data-testid="import-file"
                        on:change:target=move |ev| load_files(ev.target().files()) />
                </label>
            </div>
            <label class="rp-field">
                <span class="rp-field__label">"…or paste the JSON"</span>
                <textarea class="rp-import__text" rows="4" spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <div class="rp-import__actions">
                <button type="button" class="rp-button" on:click=move |_| check("the pasted text".into(), text.get_untracked())>
                    "Check pasted JSON"
                </button>
                <button type="button" class="rp-button rp-button--subtle" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
            {move || match report.get() {
                Report::Empty => ().into_any(),
                Report::Fatal { source, message } => view! {
                    <div class="rp-import__report" role="alert" data-testid="import-error">
                        <p><strong>{format!("{source} cannot be imported: ")}</strong>{message}</p>
                        <p class="rp-panel__text">"The open model is unchanged."</p>
                    </div>
                }.into_any(),
                Report::Ready { source, workspace, issues } => {
                    let m = &workspace.model;
                    let summary = format!(
                        "{source} is a rampart-model document: {} business units, {} users, {} teams, {} security roles, {} tables. {}.",
                        m.bus.len(), m.users.len(), m.teams.len(), m.roles.len(), m.tables.len(), issue_counts(&issues)
                    );
                    view! {
                        <div class="rp-import__report" role="status" data-testid="import-report">
                            <p>{summary}</p>
                            <ul class="rp-problems__list">
                                {issues.into_iter().map(|issue| view! { <IssueItem issue /> }).collect_view()}
                            </ul>
                            <button type="button" class="rp-button rp-button--primary" on:click=replace>
                                "Replace the open model"
                            </button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
