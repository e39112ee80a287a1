//! Import the records of one table from CSV, the way Dynamics imports data: pick the table,
//! download its template or choose a file, map each CSV column to a field (suggested by name),
//! choose a fallback owner, look at the preview, then Import — one undoable change — or Cancel.
//! The report of rejected rows stays until the next import and downloads as CSV.
//!
//! Parsing, mapping suggestions and every row check are [`engine::csv`]'s; this file is UI.

use std::sync::Arc;

use engine::csv::{self, CsvTable, FallbackUse, ImportReport, Rejected, Target};
use engine::model::{Model, TableId, TeamId, TeamKind, UserId};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{download_text, read_chosen_file};
use crate::state::use_app;
use crate::text::{counted, thousands};

/// Rejected rows listed in the page; the download has them all.
const REPORT_ROWS: usize = 50;
/// Reasons shown in the preview.
const PREVIEW_ROWS: usize = 5;

/// A file read and waiting in the mapping step.
#[derive(Debug, Clone, PartialEq)]
struct Chosen {
    name: String,
    table: TableId,
    csv: Arc<CsvTable>,
}

/// What the last import did, kept on screen.
#[derive(Debug, Clone, PartialEq)]
struct Done {
    file: String,
    summary: String,
    rejected: Vec<Rejected>,
    fallback: Vec<FallbackUse>,
    csv: String,
}

fn display<'m>(model: &'m Model, id: &'m str) -> &'m str {
    model.display_names.get(id).map_or(id, String::as_str)
}

fn label_of(model: &Model, id: &str) -> String {
    match model.display_names.get(id) {
        Some(name) if name != id => format!("{name} · {id}"),
        _ => id.to_string(),
    }
}

/// Users and the teams that can own records (TEAM-4: not access teams), as fallback owners.
fn owners(model: &Model) -> Vec<(String, String)> {
    let users = (0..model.users.len()).map(|i| {
        let id = model.user_name(UserId::from_index(i));
        (id.to_string(), format!("User: {}", label_of(model, id)))
    });
    let teams = model
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind != TeamKind::Access)
        .map(|(i, _)| {
            let id = model.team_name(TeamId::from_index(i));
            (id.to_string(), format!("Team: {}", label_of(model, id)))
        });
    users.chain(teams).collect()
}

/// Import CSV per table, with its template, mapping step, preview and report.
#[component]
pub fn CsvImport() -> impl IntoView {
    let app = use_app();
    let table = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<Chosen>);
    let mapping = RwSignal::new(Vec::<Target>::new());
    let fallback = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<Done>);

    // The table picked, or the first one.
    let table_id = Memo::new(move |_| {
        app.workspace.with(|w| {
            let model = &w.as_ref()?.model;
            match table.get() {
                Some(name) => model.name_index().tables.get(&name).copied(),
                None => (!model.tables.is_empty()).then_some(TableId(0)),
            }
        })
    });
    let tables = Memo::new(move |_| {
        app.workspace.with(|w| {
            w.as_ref().map_or_else(Vec::new, |w| {
                let mut list: Vec<(String, String)> = w
                    .model
                    .tables
                    .iter()
                    .map(|t| (t.name.clone(), label_of(&w.model, &t.name)))
                    .collect();
                list.sort_by_key(|a| a.1.to_lowercase());
                list
            })
        })
    });

    let download = move |kind: &'static str| {
        let Some(workspace) = app.workspace.get_untracked() else {
            return;
        };
        let Some(t) = table_id.get_untracked() else {
            return;
        };
        let name = workspace.model.table_name(t).to_string();
        let (file, text) = match kind {
            "template" => (
                format!("{name}.template.csv"),
                csv::template(&workspace.model, &workspace.data, t),
            ),
            _ => (
                format!("{name}.csv"),
                csv::table_to_csv(&workspace.model, &workspace.data, t),
            ),
        };
        if let Err(err) = download_text(&file, "text/csv", &text) {
            error.set(Some(err));
        }
    };

    let input = NodeRef::<leptos::html::Input>::new();
    let choose_file = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let read = read_chosen_file(&element).await;
            element.set_value("");
            let (name, text) = match read {
                Ok(file) => file,
                Err(err) => {
                    error.set(Some(err));
                    return;
                }
            };
            let parsed = match csv::parse(&text) {
                Ok(parsed) => parsed,
                Err(err) => {
                    error.set(Some(format!("`{name}` cannot be imported: {err}")));
                    chosen.set(None);
                    return;
                }
            };
            let Some(workspace) = app.workspace.get_untracked() else {
                return;
            };
            let Some(t) = table_id.get_untracked() else {
                return;
            };
            mapping.set(csv::suggest_mapping(
                &workspace.model,
                &workspace.data,
                t,
                &parsed.headers,
            ));
            fallback.set(String::new());
            error.set(None);
            chosen.set(Some(Chosen {
                name,
                table: t,
                csv: Arc::new(parsed),
            }));
        });
    };

    // The import as it would go now; recomputed when the mapping, fallback owner or data change.
    let preview = Memo::new(move |_| -> Option<Result<Arc<ImportReport>, String>> {
        let chosen = chosen.get()?;
        let targets = mapping.get();
        let fallback_name = fallback.get();
        app.workspace.with(|w| {
            let w = w.as_ref()?;
            let owner = if fallback_name.is_empty() {
                None
            } else {
                csv::find_principal(&w.model, &fallback_name)
            };
            Some(
                csv::import(
                    &w.model,
                    &w.data,
                    chosen.table,
                    &chosen.csv,
                    &targets,
                    owner,
                )
                .map(Arc::new)
                .map_err(|e| e.to_string()),
            )
        })
    });

    let cancel = move || {
        chosen.set(None);
        mapping.set(Vec::new());
    };
    let confirm = move || {
        let Some(Ok(report)) = preview.get_untracked() else {
            return;
        };
        let Some(file) = chosen.get_untracked().map(|c| c.name) else {
            return;
        };
        let Some(workspace) = app.workspace.get_untracked() else {
            return;
        };
        let model = Arc::clone(&workspace.model);
        let summary = if report.accepted == 0 {
            format!(
                "Nothing imported from `{file}`: all {} rows were rejected; the records were not changed.",
                report.rejected.len()
            )
        } else {
            let label = format!(
                "Import {} `{}` records from `{file}`",
                thousands(report.accepted as u64),
                model.table_name(report.table)
            );
            app.change(label, |w| match report.apply(&w.data) {
                Some(data) => w.with_data(data),
                None => w.clone(),
            });
            format!("`{file}`: {}.", report.summary(&model))
        };
        done.set(Some(Done {
            file,
            summary,
            rejected: report.rejected.clone(),
            fallback: report.fallback.clone(),
            csv: report.rejected_csv(),
        }));
        cancel();
    };

    let mapping_step = move || {
        let chosen = chosen.get()?;
        let workspace = app.workspace.get()?;
        let model = Arc::clone(&workspace.model);
        let table_name = model.table_name(chosen.table).to_string();
        let fields = csv::fields(&model, &workspace.data, chosen.table);
        let choices = csv::choices(&model, &workspace.data, chosen.table);
        let has_owner = model
            .tables
            .get(chosen.table.index())
            .is_some_and(|t| t.ownership.has_owner());
        let first_row = chosen
            .csv
            .rows
            .iter()
            .find(|r| !r.is_blank())
            .map(|r| r.cells.clone())
            .unwrap_or_default();
        let rows = chosen
            .csv
            .headers
            .iter()
            .enumerate()
            .map(|(i, header)| {
                let sample = first_row.get(i).cloned().unwrap_or_default();
                let mut options = choices.clone();
                let suggested = mapping.with_untracked(|m| m.get(i).cloned());
                if let Some(s) = suggested.filter(|s| !options.contains(s)) {
                    options.insert(options.len() - 1, s);
                }
                let options = options
                    .into_iter()
                    .map(|target| {
                        let required = fields.iter().any(|f| f.target == target && f.required);
                        let text = if required {
                            format!("{} (required)", target.label())
                        } else {
                            target.label()
                        };
                        let key = target.key();
                        let selected = move || mapping.with(|m| m.get(i) == Some(&target));
                        view! { <option value=key selected=selected>{text}</option> }
                    })
                    .collect_view();
                let id = format!("rp-csv-map-{i}");
                view! {
                    <tr>
                        <th scope="row"><label for=id.clone()>{header.trim().to_string()}</label></th>
                        <td class="rp-csv-map__sample">{sample}</td>
                        <td>
                            <select class="rp-field__input" id=id data-testid=format!("map-{i}")
                                on:change=move |ev| {
                                    let target = Target::from_key(&event_target_value(&ev));
                                    mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = target });
                                }>
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let owner_options = owners(&model)
            .into_iter()
            .map(|(id, text)| {
                let value = id.clone();
                view! { <option value=value selected=move || fallback.get() == id>{text}</option> }
            })
            .collect_view();
        let required: Vec<String> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.target.label())
            .collect();
        Some(view! {
            <div class="rp-csv-map" role="group" aria-labelledby="rp-csv-map-title" data-testid="csv-mapping"
                on:keydown=move |ev| if ev.key() == "Escape" { cancel() }>
                <h3 class="rp-csv-map__title" id="rp-csv-map-title">
                    "Map the columns of "<code>{chosen.name.clone()}</code>" to "
                    {display(&model, &table_name).to_string()}
                </h3>
                <p class="rp-field__hint">
                    {format!("{}. ", counted(chosen.csv.rows.len(), "row", "rows"))}
                    {(!required.is_empty()).then(|| format!("Required: {}. ", required.join(", ")))}
                    "Suggestions match column names and Dynamics display names; change any that are wrong, or choose Ignore."
                </p>
                <table class="rp-ws-table rp-csv-map__table">
                    <thead>
                        <tr>
                            <th scope="col">"CSV column"</th>
                            <th scope="col">"First row"</th>
                            <th scope="col">"Imported as"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {has_owner.then(|| view! {
                    <label class="rp-field rp-csv-map__fallback">
                        <span class="rp-field__label">"Fallback owner"</span>
                        <select class="rp-field__input" data-testid="fallback-owner"
                            on:change=move |ev| fallback.set(event_target_value(&ev))>
                            <option value="" selected=move || fallback.get().is_empty()>
                                "None: reject rows whose owner is missing or unknown"
                            </option>
                            {owner_options}
                        </select>
                        <span class="rp-field__hint">
                            "Rows whose owner is empty or names no user or team of the model are given to this owner; the report lists each one."
                        </span>
                    </label>
                })}
                <div class="rp-csv-preview" role="status" aria-live="polite" data-testid="csv-preview">
                    {move || match preview.get() {
                        Some(Ok(report)) => {
                            let reasons = report.rejected.iter().take(PREVIEW_ROWS).map(|r| view! {
                                <li>{format!("Row {}: {}", r.row, r.reason)}</li>
                            }).collect_view();
                            view! {
                                <p class="rp-csv-preview__counts">
                                    <strong data-testid="preview-accepted">{format!("Will import {}", thousands(report.accepted as u64))}</strong>
                                    " · "
                                    <span data-testid="preview-rejected">{format!("will reject {}", thousands(report.rejected.len() as u64))}</span>
                                    {(!report.fallback.is_empty()).then(|| format!(" · {} given to the fallback owner", report.fallback.len()))}
                                </p>
                                <ul class="rp-ws-report">{reasons}</ul>
                                {(report.rejected.len() > PREVIEW_ROWS).then(|| view! {
                                    <p class="rp-field__hint">{format!("… and {} more", report.rejected.len() - PREVIEW_ROWS)}</p>
                                })}
                            }.into_any()
                        }
                        Some(Err(err)) => view! { <p class="rp-csv-preview__error" data-testid="preview-error">{err}</p> }.into_any(),
                        None => ().into_any(),
                    }}
                </div>
                <div class="rp-ws-inline-form">
                    <button type="button" class="rp-button rp-button--primary" data-testid="csv-import-confirm"
                        disabled=move || !matches!(preview.get(), Some(Ok(_)))
                        on:click=move |_| confirm()>
                        {move || match preview.get() {
                            Some(Ok(r)) if r.accepted > 0 => format!("Import {} records", thousands(r.accepted as u64)),
                            _ => "Import".to_string(),
                        }}
                    </button>
                    <button type="button" class="rp-button" data-testid="csv-import-cancel" on:click=move |_| cancel()>
                        "Cancel"
                    </button>
                </div>
            </div>
        })
    };

    let report = move || {
        let d = done.get()?;
        let shown = d
            .rejected
            .iter()
            .take(REPORT_ROWS)
            .map(|r| {
                view! {
                    <tr><td class="rp-ws-table__number">{r.row}</td><td>{r.reason.clone()}</td></tr>
                }
            })
            .collect_view();
        let more = d.rejected.len().saturating_sub(REPORT_ROWS);
        let fallback_list = d
            .fallback
            .iter()
            .take(REPORT_ROWS)
            .map(|f| {
                view! {
                    <li>{format!("Row {}: {}", f.row, f.note)}</li>
                }
            })
            .collect_view();
        let csv_text = d.csv.clone();
        let file = d.file.clone();
        let has_rejected = !d.rejected.is_empty();
        Some(view! {
            <div class="rp-csv-report" data-testid="csv-import-report" role="region" aria-label="Import report">
                <p class="rp-ws-result" data-testid="csv-import-summary">{d.summary.clone()}</p>
                {(!d.fallback.is_empty()).then(|| view! {
                    <details class="rp-csv-report__fallback">
                        <summary>{match d.fallback.len() {
                            1 => "1 row given to the fallback owner".to_string(),
                            n => format!("{n} rows given to the fallback owner"),
                        }}</summary>
                        <ul class="rp-ws-report">{fallback_list}</ul>
                    </details>
                })}
                {has_rejected.then(|| view! {
                    <table class="rp-ws-table rp-csv-report__table" data-testid="csv-rejected">
                        <caption class="rp-csv-report__caption">"Rejected rows (row 1 is the header)"</caption>
                        <thead><tr><th scope="col" class="rp-ws-table__number">"Row"</th><th scope="col">"Reason"</th></tr></thead>
                        <tbody>{shown}</tbody>
                    </table>
                })}
                {(more > 0).then(|| view! { <p class="rp-field__hint">{format!("… and {more} more rows in the download")}</p> })}
                <div class="rp-ws-inline-form">
                    {has_rejected.then(|| view! {
                        <button type="button" class="rp-button" data-testid="download-rejected"
                            on:click=move |_| {
                                let name = format!("{}.rejected.csv", file.trim_end_matches(".csv"));
                                if let Err(err) = download_text(&name, "text/csv", &csv_text) { error.set(Some(err)) }
                            }>
                            "Download rejected rows (CSV)"
                        </button>
                    })}
                    <button type="button" class="rp-button" on:click=move |_| done.set(None)>"Close report"</button>
                </div>
            </div>
        })
    };

    view! {
        <div class="rp-csv" data-testid="csv-import">
            <h3 class="rp-csv__title">"Import records of one table (CSV)"</h3>
            <p class="rp-field__hint">
                "Like Dynamics' Import from CSV: start from the table's template, map the columns, \
                 choose who owns rows whose owner is unknown. Rows that break a rule are listed with \
                 their row number; the others are added in one change (Undo removes them)."
            </p>
            <div class="rp-ws-inline-form">
                <label class="rp-field">
                    <span class="rp-field__label">"Table"</span>
                    <select class="rp-field__input" data-testid="csv-table"
                        disabled=move || chosen.with(Option::is_some)
                        on:change=move |ev| table.set(Some(event_target_value(&ev)))>
                        {move || {
                            let current = app.workspace.with(|w| {
                                w.as_ref().and_then(|w| Some(w.model.table_name(table_id.get()?).to_string()))
                            });
                            tables.get().into_iter().map(|(id, text)| {
                                let selected = current.as_deref() == Some(id.as_str());
                                view! { <option value=id selected=selected>{text}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
                <button type="button" class="rp-button" data-testid="download-template"
                    on:click=move |_| download("template")>
                    "Download template"
                </button>
                <button type="button" class="rp-button" data-testid="export-table"
                    on:click=move |_| download("table")>
                    "Export table (CSV)"
                </button>
                <label class="rp-button rp-button--primary rp-button--file">
                    "Import CSV…"
                    <input type="file" accept=".csv,text/csv" class="rp-visually-hidden"
                        data-testid="import-table-csv" node_ref=input on:change=choose_file
                        disabled=move || chosen.with(Option::is_some) />
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="rp-csv-preview__error" role="alert" data-testid="csv-error">{e}</p> })}
            {mapping_step}
            {report}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use engine::model::Principal;

    use super::*;
    use crate::state::Workspace;

    /// The principal each fallback-owner option names.
    fn owner_ids(model: &Model) -> Vec<Principal> {
        owners(model)
            .iter()
            .filter_map(|(id, _)| csv::find_principal(model, id))
            .collect()
    }

    #[test]
    fn fallback_owners_are_users_and_teams_that_can_own_records() {
        let workspace = Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo");
        let model = &workspace.model;
        let ids = owner_ids(model);
        assert_eq!(
            ids.len(),
            owners(model).len(),
            "every option names one principal"
        );
        assert!(ids.iter().any(|p| matches!(p, Principal::User(_))));
        assert!(ids.iter().all(|p| match p {
            Principal::Team(t) => model.teams[t.index()].kind != TeamKind::Access,
            _ => true,
        }));
    }
}
