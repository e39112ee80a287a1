//! The three ways to start (ux.md C.2): open a demo org, start empty, import JSON.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::components::read_chosen_file;
use crate::sections::Section;
use crate::state::persist::{new_id, use_persist};
use crate::state::workspace_list;

/// A loader issue as one line: severity word, path, message and help.
fn issue_line(issue: &engine::validate::Issue) -> String {
    let severity = match issue.severity {
        engine::validate::Severity::Error => "error",
        _ => "warning",
    };
    let help = issue
        .help
        .as_ref()
        .map(|h| format!(" (help: {h})"))
        .unwrap_or_default();
    if issue.path.is_empty() {
        format!("{severity}: {}{help}", issue.message)
    } else {
        format!("{severity}: {}: {}{help}", issue.path, issue.message)
    }
}

/// The start cards.
#[component]
pub fn StartCards() -> impl IntoView {
    let persist = use_persist();
    let navigate = use_navigate();
    let go_to_model = move || {
        navigate(Section::BusinessUnits.path(), NavigateOptions::default());
    };

    let demos = {
        let go_to_model = go_to_model.clone();
        engine::demo::DEMO_ORGS
            .iter()
            .enumerate()
            .map(move |(i, demo)| {
                let go_to_model = go_to_model.clone();
                let class = if i == 0 {
                    "rp-button rp-button--primary"
                } else {
                    "rp-button"
                };
                view! {
                    <li>
                        <button type="button" class=class data-testid="open-demo"
                            on:click=move |_| {
                                spawn_local({
                                    let go_to_model = go_to_model.clone();
                                    async move {
                                        persist.flush().await;
                                        persist.open_demo(demo);
                                        go_to_model();
                                    }
                                });
                            }>
                            {demo.title}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let org_name = RwSignal::new(String::new());
    let start_empty = {
        let go_to_model = go_to_model.clone();
        move || {
            let name = org_name.get_untracked();
            let go_to_model = go_to_model.clone();
            spawn_local(async move {
                persist.flush().await;
                persist.open_new(workspace_list::empty_workspace(&new_id(), &name));
                go_to_model();
            });
        }
    };

    let pasted = RwSignal::new(String::new());
    let import_error = RwSignal::new(None::<String>);
    let import_issues = RwSignal::new(Vec::<String>::new());
    let imported_name = RwSignal::new(None::<String>);
    let import_text = {
        let go_to_model = go_to_model.clone();
        move |source: String, text: String| {
            import_error.set(None);
            import_issues.set(Vec::new());
            imported_name.set(None);
            match workspace_list::import_json(&text) {
                Err(err) => import_error.set(Some(format!("{source}: {err}"))),
                Ok((workspace, issues)) => {
                    let name = workspace.name.clone();
                    let go_to_model = go_to_model.clone();
                    let lines: Vec<String> = issues.iter().map(issue_line).collect();
                    spawn_local(async move {
                        persist.flush().await;
                        persist.open_new(workspace);
                        if lines.is_empty() {
                            go_to_model();
                        } else {
                            imported_name.set(Some(name));
                            import_issues.set(lines);
                        }
                    });
                }
            }
        }
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let on_file = {
        let import_text = import_text.clone();
        move |_| {
            let Some(input) = file_input.get_untracked() else {
                return;
            };
            let import_text = import_text.clone();
            spawn_local(async move {
                match read_chosen_file(&input).await {
                    Ok((name, text)) => import_text(format!("`{name}`"), text),
                    Err(err) => import_error.set(Some(err)),
                }
                input.set_value("");
            });
        }
    };
    let import_pasted = move || import_text("pasted text".into(), pasted.get_untracked());

    view! {
        <div class="rp-ws-cards">
            <section class="rp-ws-card rp-ws-card--primary" aria-labelledby="rp-card-demo">
                <h2 class="rp-ws-card__title" id="rp-card-demo">"Open demo org"</h2>
                <p class="rp-ws-card__text">
                    "A complete organisation: business unit tree, security roles with System \
                     Administrator, owner and access teams, users with managers, sample records \
                     and pinned checks."
                </p>
                <ul class="rp-ws-card__list">{demos}</ul>
            </section>
            <section class="rp-ws-card" aria-labelledby="rp-card-empty">
                <h2 class="rp-ws-card__title" id="rp-card-empty">"Start empty"</h2>
                <p class="rp-ws-card__text">
                    "A root business unit named after the organisation and the System \
                     Administrator role; build the rest yourself."
                </p>
                <form class="rp-ws-card__form" on:submit=move |ev| { ev.prevent_default(); start_empty(); }>
                    <label class="rp-field">
                        <span class="rp-field__label">"Organisation name"</span>
                        <input class="rp-field__input" type="text" placeholder="e.g. Contoso"
                            data-testid="org-name"
                            prop:value=move || org_name.get()
                            on:input=move |ev| org_name.set(event_target_value(&ev)) />
                    </label>
                    <button type="submit" class="rp-button" data-testid="start-empty">"Create model"</button>
                </form>
            </section>
            <section class="rp-ws-card" aria-labelledby="rp-card-import">
                <h2 class="rp-ws-card__title" id="rp-card-import">"Import JSON"</h2>
                <p class="rp-ws-card__text">
                    "A "<code>"rampart-model"</code>" file exported from Rampart or written by hand."
                </p>
                <label class="rp-button rp-button--file">
                    "Choose file…"
                    <input type="file" accept=".json,application/json" class="rp-visually-hidden"
                        data-testid="import-file" node_ref=file_input on:change=on_file />
                </label>
                <label class="rp-field">
                    <span class="rp-field__label">"or paste it here"</span>
                    <textarea class="rp-field__input rp-ws-card__paste" rows="3" spellcheck="false"
                        data-testid="import-paste"
                        prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </label>
                <button type="button" class="rp-button" data-testid="import-pasted"
                    disabled=move || pasted.with(|p| p.trim().is_empty())
                    on:click=move |_| import_pasted()>
                    "Import pasted JSON"
                </button>
                {move || import_error.get().map(|err| view! {
                    <p class="rp-field__error" role="alert" data-testid="import-error">
                        "Not imported. "{err}
                    </p>
                })}
                {move || imported_name.get().map(|name| view! {
                    <div class="rp-ws-issues" role="status" data-testid="import-issues">
                        <p>{format!("Opened “{name}” with {} issues:", import_issues.with(Vec::len))}</p>
                        <ul>{move || import_issues.get().into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}</ul>
                        <a href=Section::BusinessUnits.path()>"Continue to Business units"</a>
                    </div>
                })}
            </section>
        </div>
    }
}
