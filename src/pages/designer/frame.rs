//! The frame of every Designer view: heading, the toolbar (undo, redo, problems, import, export,
//! copy, share link), the Problems panel, the Import panel, and the empty state when no model is
//! open.

use std::sync::Arc;

use engine::validate::{Issue, Severity};
use leptos::prelude::*;
use leptos_router::components::A;

use super::context::{copy_to_clipboard, download, read_file, share_url, use_designer};
use super::import::ImportPanel;
use crate::components::model_file_name;
use crate::state::Workspace;
use crate::state::actions::designer_query::{issue_group, issue_url};

/// Counts of errors and warnings, in words.
pub fn issue_counts(issues: &[Issue]) -> String {
    let errors = issues.iter().filter(|i| i.is_error()).count();
    let warnings = issues.len() - errors;
    let word = |n: usize, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    format!("{}, {}", word(errors, "error"), word(warnings, "warning"))
}

/// A Designer view inside its frame.
#[component]
pub fn DesignerFrame(
    /// The view's heading.
    #[prop(into)]
    title: String,
    /// The view.
    children: ChildrenFn,
) -> impl IntoView {
    let designer = use_designer();
    let app = designer.app;
    let show_problems = RwSignal::new(false);
    let show_import = RwSignal::new(false);
    // A memo: the body must not be rebuilt on every edit (that would drop keyboard focus).
    let has_model = Memo::new(move |_| app.workspace.with(Option::is_some));
    let counts = move || issue_counts(&designer.issues.get());
    let has_errors = move || designer.issues.with(|i| i.iter().any(Issue::is_error));

    let export = move |_| {
        let Some((name, json)) = app
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| (w.name.clone(), w.to_json(true))))
        else {
            return;
        };
        match download(&model_file_name(&name), "application/json", &json) {
            Ok(()) => app.info(format!("Exported {}", model_file_name(&name))),
            Err(e) => app.error(e),
        }
    };
    let copy_json = move |_| {
        let Some(json) = app
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| w.to_json(true)))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match copy_to_clipboard(json).await {
                Ok(()) => app.info("Copied the model JSON to the clipboard"),
                Err(e) => app.error(e),
            }
        });
    };
    let share = move |_| {
        let Some((with_data, without)) = app
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| (w.to_json(true), w.to_json(false))))
        else {
            return;
        };
        let full = share_url(&with_data);
        let (url, note) = if full.len() <= 60_000 {
            (full, "with its sample records")
        } else {
            (
                share_url(&without),
                "without sample records (too large for a link)",
            )
        };
        leptos::task::spawn_local(async move {
            match copy_to_clipboard(url.clone()).await {
                Ok(()) => app.info(format!(
                    "Copied a read-only share link ({} characters, {note}); the model travels in the link, nothing is uploaded",
                    url.len()
                )),
                Err(e) => app.error(e),
            }
        });
    };

    let body = move || {
        if has_model.get() {
            children().into_any()
        } else {
            view! { <NoModel /> }.into_any()
        }
    };

    view! {
        <section class="rp-page rp-designer" aria-labelledby="rp-page-title">
            <header class="rp-page__header rp-designer__header">
                <h1 class="rp-page__title" id="rp-page-title">{title}</h1>
                <div class="rp-toolbar" role="toolbar" aria-label="Model">
                    <button type="button" class="rp-button" on:click=move |_| designer.undo()
                        disabled=move || app.history.with(|h| h.undo_label().is_none()) || designer.read_only.get()
                        title=move || app.history.with(|h| h.undo_label().map(|l| format!("Undo: {l} (Ctrl+Z)")).unwrap_or_else(|| "Nothing to undo".into()))>
                        "Undo"
                    </button>
                    <button type="button" class="rp-button" on:click=move |_| designer.redo()
                        disabled=move || app.history.with(|h| h.redo_label().is_none()) || designer.read_only.get()
                        title=move || app.history.with(|h| h.redo_label().map(|l| format!("Redo: {l} (Ctrl+Shift+Z)")).unwrap_or_else(|| "Nothing to redo".into()))>
                        "Redo"
                    </button>
                    <span class="rp-toolbar__sep" aria-hidden="true"></span>
                    <button type="button" class="rp-button" data-testid="problems-toggle"
                        data-state=move || if has_errors() { "errors" } else { "ok" }
                        aria-expanded=move || show_problems.get().to_string()
                        on:click=move |_| show_problems.update(|s| *s = !*s)>
                        "Problems: " {counts}
                    </button>
                    <span class="rp-toolbar__sep" aria-hidden="true"></span>
                    <button type="button" class="rp-button" aria-expanded=move || show_import.get().to_string()
                        on:click=move |_| show_import.update(|s| *s = !*s)>"Import…"</button>
                    <button type="button" class="rp-button" on:click=export disabled=move || !has_model.get()>"Export JSON"</button>
                    <button type="button" class="rp-button" on:click=copy_json disabled=move || !has_model.get()>"Copy JSON"</button>
                    <button type="button" class="rp-button" on:click=share disabled=move || !has_model.get()>"Copy share link"</button>
                    <button type="button" class="rp-button rp-button--subtle" title="Go to anything (Ctrl+K)"
                        on:click=move |_| designer.palette_open.set(true)>"Go to… Ctrl+K"</button>
                </div>
            </header>
            <Show when=move || show_import.get()>
                <ImportPanel on_close=Callback::new(move |()| show_import.set(false)) />
            </Show>
            <Show when=move || show_problems.get()>
                <ProblemsPanel issues=designer.issues />
            </Show>
            {body}
        </section>
    }
}

/// No model open: one sentence and the one action.
#[component]
fn NoModel() -> impl IntoView {
    let designer = use_designer();
    let open_demo = move |_| {
        if let Some(demo) = engine::demo::DEMO_ORGS.first() {
            match Workspace::from_demo(demo) {
                Ok(ws) => designer.app.open(ws),
                Err(e) => designer.app.error(e),
            }
        }
    };
    view! {
        <div class="rp-panel rp-empty">
            <p class="rp-panel__text">"No model is open. Open the demo organisation, import a model JSON file, or pick a workspace."</p>
            <div class="rp-empty__actions">
                <button type="button" class="rp-button rp-button--primary" on:click=open_demo>"Open the demo org"</button>
                <A href="/">"Start screen"</A>
            </div>
        </div>
    }
}

/// Every validation issue, grouped as ux.md C.11 asks, each linked to where it can be fixed.
#[component]
pub fn ProblemsPanel(
    /// The issues.
    #[prop(into)]
    issues: Signal<Arc<Vec<Issue>>>,
) -> impl IntoView {
    let groups = move || {
        let issues = issues.get();
        let mut groups: Vec<(&'static str, Vec<Issue>)> = Vec::new();
        for issue in issues.iter() {
            let group = issue_group(&issue.path);
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, list)) => list.push(issue.clone()),
                None => groups.push((group, vec![issue.clone()])),
            }
        }
        groups
    };
    view! {
        <section class="rp-panel rp-problems" aria-label="Problems" data-testid="problems-panel">
            <Show when=move || issues.with(|i| i.is_empty())>
                <p class="rp-panel__text">"No problems: the model passes validation."</p>
            </Show>
            {move || {
                groups()
                    .into_iter()
                    .map(|(group, list)| {
                        let heading = format!("{group} — {}", issue_counts(&list));
                        view! {
                            <h2 class="rp-problems__group">{heading}</h2>
                            <ul class="rp-problems__list">
                                {list.into_iter().map(|issue| view! { <IssueItem issue /> }).collect_view()}
                            </ul>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

/// One issue: severity as icon and word, path, message, help, and a link to the place.
#[component]
pub fn IssueItem(
    /// The issue.
    issue: Issue,
) -> impl IntoView {
    let (icon, word) = match issue.severity {
        Severity::Error => ("✕", "Error"),
        Severity::Warning => ("⚠", "Warning"),
    };
    let link = issue_url(&issue.path);
    let names = crate::components::use_names();
    let (path, message) = (names.text(&issue.path), names.text(&issue.message));
    view! {
        <li class="rp-issue" data-severity=issue.severity.as_str()>
            <span class="rp-issue__severity"><span aria-hidden="true">{icon}</span>" "{word}</span>
            {match link {
                Some(href) => view! { <A href=href attr:class="rp-issue__path"><code>{path}</code></A> }.into_any(),
                None => view! { <code class="rp-issue__path">{path}</code> }.into_any(),
            }}
            <span class="rp-issue__message">{message}</span>
            {issue.help.clone().map(|h| view! { <span class="rp-issue__help">"help: "{h}</span> })}
        </li>
    }
}

/// Issues about one object, shown next to it (nothing when there are none).
#[component]
pub fn InlineIssues(
    /// The section of the path (`users`, `roles` …).
    section: &'static str,
    /// The object's id.
    #[prop(into)]
    id: Signal<String>,
) -> impl IntoView {
    let designer = use_designer();
    let mine = move || {
        let id = id.get();
        designer.issues.with(|all| {
            crate::state::actions::designer_query::issues_about(all, section, &id)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || !mine().is_empty()>
            <ul class="rp-problems__list rp-problems__list--inline" aria-label="Problems here">
                {move || mine().into_iter().map(|issue| view! { <IssueItem issue /> }).collect_view()}
            </ul>
        </Show>
    }
}

/// Reads the first dropped or picked file into the import panel's text.
pub async fn read_first(
    files: Option<web_sys::FileList>,
) -> Option<Result<(String, String), String>> {
    let file = files.and_then(|f| f.get(0))?;
    Some(read_file(file).await)
}
