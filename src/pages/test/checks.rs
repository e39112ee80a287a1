//! Pinned checks: the workspace's checks in the scenario format with their verdict (✓ pass,
//! ✗ fail, ○ skip), remove, import a scenario file's checks, download the workspace with its
//! checks as a scenario file that `rampart test` runs.

use engine::scenario::{CheckReport, CheckStatus};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{download_text, read_chosen_file, tally, use_check_reports};
use crate::state::use_app;

/// The workspace as a scenario file (model, sample data, pinned checks and events) that
/// `rampart test` runs in CI, and the file name to save it under.
pub fn scenario_file(ws: &crate::state::Workspace) -> (String, String) {
    use engine::scenario::write;
    // The scenario's title (and id) is the workspace's name.
    let mut model = (*ws.model).clone();
    model.name = ws.name.clone();
    let text = write::to_yaml(
        &model,
        Some(&ws.data),
        &write::Extras {
            id: "",
            checks: &ws.checks,
            events: &ws.events,
        },
    );
    (format!("{}-checks.yaml", write::slug(&ws.name)), text)
}

/// The checks of a scenario file (its own, not its base's).
pub fn import_checks(text: &str) -> Result<Vec<serde_json::Value>, String> {
    // The checks are what we want; a `base` the browser cannot read is taken as empty.
    let scenario =
        engine::scenario::load(text, &|_| Ok("{}".to_string())).map_err(|e| e.to_string())?;
    Ok(scenario
        .checks
        .iter()
        .filter_map(|c| serde_json::to_value(c).ok())
        .collect())
}

/// The question a check asks, in one line: "u_leeds_clerk1 read case_x".
pub fn question(check: &serde_json::Value) -> String {
    let field = |key: &str| {
        check
            .get(key)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
    };
    let mut parts = vec![field("who").unwrap_or_else(|| "admin".into())];
    parts.extend(field("op"));
    for key in [
        "target",
        "table",
        "column",
        "new_owner",
        "principal",
        "member",
        "role",
        "to",
    ] {
        if let Some(v) = field(key) {
            parts.push(if key == "target" {
                v
            } else {
                format!("{key}: {v}")
            });
        }
    }
    if let Some(after) = field("after") {
        parts.push(format!("after step {after}"));
    }
    parts.join(" ")
}

#[component]
pub fn PinnedChecks() -> impl IntoView {
    let app = use_app();
    let reports = use_check_reports();
    let checks = Memo::new(move |_| {
        app.workspace
            .with(|w| w.as_ref().map(|w| w.checks.clone()))
            .unwrap_or_default()
    });
    let summary = move || {
        let reports = reports.0.get()?;
        let (passed, failed, skipped) = tally(&reports);
        Some(format!(
            "{passed} passed · {failed} failed · {skipped} skipped"
        ))
    };
    let remove = Callback::new(move |index: usize| {
        app.change(format!("Remove check {}", index + 1), move |ws| {
            let mut checks = (*ws.checks).clone();
            if index < checks.len() {
                checks.remove(index);
            }
            ws.with_checks(checks)
        });
    });
    let export = move |_| {
        let Some((file, text)) = app
            .workspace
            .with_untracked(|w| w.as_ref().map(scenario_file))
        else {
            return;
        };
        // What the scenario format cannot say (also in the file's comments).
        let approximated = app.workspace.with_untracked(|w| {
            w.as_ref().map_or(0, |w| {
                engine::scenario::write::approximations(&w.model, Some(&w.data)).len()
            })
        });
        match download_text(&file, "application/yaml", &text) {
            Ok(()) if approximated > 0 => app.info(format!(
                "Downloaded `{file}`: run its checks with `rampart test {file}`. {approximated} thing{} the scenario format cannot say (access teams made from a template, rights a share holds only by cascade) {} written approximately; the file's comments at the top name each",
                if approximated == 1 { "" } else { "s" },
                if approximated == 1 { "is" } else { "are" }
            )),
            Ok(()) => app.info(format!(
                "Downloaded `{file}`: run its checks with `rampart test {file}`"
            )),
            Err(e) => app.error(e),
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_chosen_file(&input).await {
                Ok((file, text)) => match import_checks(&text) {
                    Ok(new) => {
                        let n = new.len();
                        app.change(format!("Import {n} checks from {file}"), move |ws| {
                            let mut checks = (*ws.checks).clone();
                            checks.extend(new);
                            ws.with_checks(checks)
                        });
                        app.info(format!("Imported {n} checks from `{file}`"));
                    }
                    Err(e) => app.error(format!("`{file}`: {e}")),
                },
                Err(e) => app.error(e),
            }
            input.set_value("");
        });
    };
    view! {
        <div class="rp-toolbar">
            <p class="rp-toolbar__summary" data-testid="checks-summary">{summary}</p>
            <div class="rp-toolbar__actions">
                <label class="rp-button rp-button--file">
                    "Import scenario checks…"
                    <input type="file" accept=".yaml,.yml" class="rp-visually-hidden" data-testid="import-checks" on:change=import />
                </label>
                <button type="button" class="rp-button" on:click=export data-testid="export-checks"
                    title="The model, its sample data and these checks as one scenario file; run it in CI with `rampart test`">"Download checks as scenario (YAML)"</button>
            </div>
        </div>
        <div class="rp-panel">
            <Show
                when=move || !checks.with(|c| c.is_empty())
                fallback=|| view! { <p class="rp-panel__text">"No pinned checks yet. Pin an answer from Simulate → Check access."</p> }
            >
                <table class="rp-table" data-testid="checks-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">"Result"</th>
                            <th scope="col">"Question"</th>
                            <th scope="col">"Expected"</th>
                            <th scope="col">"Engine"</th>
                            <th scope="col">"Why"</th>
                            <th scope="col"><span class="rp-visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let reports = reports.0.get();
                            checks.get().iter().enumerate().map(|(i, check)| {
                                let report = reports.as_ref().and_then(|r| r.get(i).cloned());
                                row(i, check, report, remove)
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </div>
    }
}

fn row(
    i: usize,
    check: &serde_json::Value,
    report: Option<CheckReport>,
    remove: Callback<usize>,
) -> impl IntoView + use<> {
    let (status, glyph, word) = match report.as_ref().map(|r| r.status) {
        Some(CheckStatus::Pass) => ("pass", "✓", "pass"),
        Some(CheckStatus::Fail) => ("fail", "✗", "fail"),
        Some(CheckStatus::Skip) => ("skip", "○", "skipped"),
        None => ("none", "○", "not run"),
    };
    let explain = match (
        check.get("who").and_then(|v| v.as_str()),
        check.get("op").and_then(|v| v.as_str()),
        check.get("target").and_then(|v| v.as_str()),
    ) {
        (Some(who), Some(op), Some(target))
            if engine::model::Verb::parse(op).is_some() && check.get("column").is_none() =>
        {
            Some(format!(
                "/simulate/explain?user={who}&record={target}&verb={op}"
            ))
        }
        _ => None,
    };
    let report = report.unwrap_or(CheckReport {
        index: i,
        status: CheckStatus::Skip,
        expected: String::new(),
        actual: String::new(),
        explanation: String::new(),
        rules: Vec::new(),
    });
    let names = crate::components::use_names();
    view! {
        <tr data-status=status data-testid="check-row">
            <td class="rp-table__muted">{i + 1}</td>
            <td><span class="rp-status" data-status=status><span aria-hidden="true">{glyph}</span>" "{word}</span></td>
            <td><code>{names.text(&question(check))}</code></td>
            <td>{report.expected}</td>
            <td>{report.actual}</td>
            <td class="rp-table__wrap rp-table__muted">{names.text(&report.explanation)}</td>
            <td class="rp-table__actions">
                {explain.map(|href| view! { <a class="rp-link" href=href>"Explain"</a> })}
                <button type="button" class="rp-button rp-button--small" on:click=move |_| remove.run(i)
                    aria-label=format!("Remove check {}", i + 1)>"Remove"</button>
            </td>
        </tr>
    }
}
