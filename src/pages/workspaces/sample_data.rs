//! The Sample data panel: generate records for the open model (with progress and Cancel),
//! export them as CSV, import CSV with a report of every row left out; and the import of one
//! table's records ([`super::csv_import`]).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::csv_import::CsvImport;
use crate::components::{ProgressBar, download_text, read_chosen_file};
use crate::state::persist::now_ms;
use crate::state::sample_data::{self, SIZES};
use crate::state::use_app;
use crate::storage;
use crate::text::thousands;

/// Report lines shown at most; the rest are counted.
const REPORT_LINES: usize = 50;
/// Pinned checks listed at most in the "Replace existing records" warning.
const WARNING_LINES: usize = 6;

/// Generate, export and import sample records.
#[component]
pub fn SampleDataPanel() -> impl IntoView {
    let app = use_app();
    let n_records = RwSignal::new(10_000_usize);
    let seed = RwSignal::new(1_u64);
    let running = RwSignal::new(false);
    let progress = RwSignal::new((0_usize, 0_usize));
    let phase = RwSignal::new(String::new());
    let cancelled = StoredValue::new(false);
    let result = RwSignal::new(None::<String>);
    let report = RwSignal::new(Vec::<String>::new());

    let summary = move || {
        app.workspace.with(|w| {
            w.as_ref().map(|w| {
                format!(
                    "{} records across {} tables",
                    thousands(w.data.records.len() as u64),
                    w.model.tables.len()
                )
            })
        })
    };

    let replace = RwSignal::new(false);
    // Pinned checks that name records the workspace has now: replacing the records removes
    // them, so these checks would fail (shown before anything is replaced).
    let checks_losing_records = Memo::new(move |_| {
        app.workspace.with(|w| {
            let Some(w) = w.as_ref() else {
                return Vec::new();
            };
            let present: std::collections::HashSet<&str> =
                w.data.records.iter().map(|r| r.name.as_str()).collect();
            w.checks
                .iter()
                .filter_map(|check| {
                    let names: Vec<String> = engine::scenario::records_named(check, &w.events)
                        .into_iter()
                        .filter(|n| present.contains(n.as_str()))
                        .collect();
                    (!names.is_empty()).then(|| {
                        let text = |k: &str| check.get(k).and_then(|v| v.as_str()).unwrap_or("");
                        format!("{} {} {}", text("who"), text("op"), names.join(", "))
                    })
                })
                .collect::<Vec<_>>()
        })
    });

    let generate = move || {
        let Some(workspace) = app.workspace.get_untracked() else {
            return;
        };
        let model = Arc::clone(&workspace.model);
        let n = n_records.get_untracked();
        let seed = seed.get_untracked();
        let replacing = replace.get_untracked();
        cancelled.set_value(false);
        running.set(true);
        result.set(None);
        report.set(Vec::new());
        spawn_local(async move {
            let started = now_ms();
            let data = sample_data::generate(
                &model,
                seed,
                n,
                |done, total| {
                    progress.set((done, total));
                    phase.set(format!(
                        "Generating {} of {} records…",
                        thousands(done as u64),
                        thousands(total as u64)
                    ));
                },
                || cancelled.get_value(),
            )
            .await;
            let Some(data) = data else {
                running.set(false);
                result.set(Some("Cancelled; the records were not changed.".into()));
                return;
            };
            phase.set("Building indexes…".into());
            sample_data::next_tick().await;
            let current = app.workspace.get_untracked();
            match current {
                Some(current) if Arc::ptr_eq(&current.model, &model) => {
                    let kept = if replacing {
                        0
                    } else {
                        current.data.records.len()
                    };
                    let (label, data, renamed) = if replacing {
                        (
                            format!(
                                "Replace the records with {} generated ones",
                                thousands(n as u64)
                            ),
                            data,
                            0,
                        )
                    } else {
                        let mut merged = (*current.data).clone();
                        let renamed = engine::generate::append(&mut merged, data);
                        (
                            format!("Add {} generated records", thousands(n as u64)),
                            merged,
                            renamed,
                        )
                    };
                    app.change(label, |w| w.with_data(data));
                    let kept_text = if replacing {
                        "the earlier records were replaced (Undo brings them back)".to_string()
                    } else {
                        format!(
                            "added to the {} records already there",
                            thousands(kept as u64)
                        )
                    };
                    let renamed_text = if renamed > 0 {
                        format!(
                            " {} generated names were already taken and were renumbered.",
                            thousands(renamed as u64)
                        )
                    } else {
                        String::new()
                    };
                    result.set(Some(format!(
                        "Generated {} records (seed {seed}) in {:.1} s, {kept_text}; saving them in the background.{renamed_text}",
                        thousands(n as u64),
                        (now_ms() - started) / 1000.0
                    )));
                }
                _ => result.set(Some(
                    "The model changed while the records were generated; nothing was changed. \
                     Generate again."
                        .into(),
                )),
            }
            running.set(false);
        });
    };

    let export_csv = move |_| {
        let Some(workspace) = app.workspace.get_untracked() else {
            return;
        };
        let csv = engine::csv::dataset_to_csv(&workspace.model, &workspace.data);
        let file = format!("{}.records.csv", crate::components::slug(&workspace.name));
        if let Err(err) = download_text(&file, "text/csv", &csv) {
            result.set(Some(err));
        }
    };

    let csv_input = NodeRef::<leptos::html::Input>::new();
    let import_csv = move |_| {
        let Some(input) = csv_input.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let read = read_chosen_file(&input).await;
            input.set_value("");
            let (name, text) = match read {
                Ok(file) => file,
                Err(err) => {
                    result.set(Some(err));
                    return;
                }
            };
            let (wire, bad_rows) = match engine::csv::dataset_from_csv(&text) {
                Ok(parsed) => parsed,
                Err(err) => {
                    result.set(Some(format!("`{name}` was not imported: {err}")));
                    report.set(Vec::new());
                    return;
                }
            };
            let Some(workspace) = app.workspace.get_untracked() else {
                return;
            };
            let n_read = wire.records.len();
            let (model, dataset, issues) = storage::decode_dataset(&workspace.model, wire);
            let mut lines: Vec<String> = bad_rows
                .iter()
                .map(|bad| format!("row {}: {}", bad.row, bad.reason))
                .collect();
            lines.extend(issues.iter().map(|i| format!("{}: {}", i.path, i.message)));
            app.change(
                format!("Import {} records from `{name}`", thousands(n_read as u64)),
                |w| w.with_model(model).with_data(dataset),
            );
            result.set(Some(format!(
                "Imported {} records from `{name}`; {} rows left out, {} reference problems.",
                thousands(n_read as u64),
                bad_rows.len(),
                issues.len()
            )));
            let total = lines.len();
            lines.truncate(REPORT_LINES);
            if total > REPORT_LINES {
                lines.push(format!("… and {} more", total - REPORT_LINES));
            }
            report.set(lines);
        });
    };

    let value = Signal::derive(move || {
        let (done, total) = progress.get();
        if total == 0 {
            0.0
        } else {
            done as f64 / total as f64
        }
    });
    view! {
        <section class="rp-panel rp-ws-section" aria-labelledby="rp-sample-title" data-testid="sample-data">
            <div class="rp-ws-section__header">
                <h2 class="rp-ws-section__title" id="rp-sample-title">"Sample data"</h2>
                <span class="rp-ws-section__meta" data-testid="record-count">{summary}</span>
            </div>
            <p class="rp-panel__text">
                "Simulation runs against these records. Generated records follow the model: owners \
                 from its users and teams, parents through its relationships, the same records for \
                 the same seed. They are added to the records already here, so pinned checks that \
                 name those records keep working."
            </p>
            <form class="rp-ws-inline-form" on:submit=move |ev| { ev.prevent_default(); generate(); }>
                <label class="rp-field">
                    <span class="rp-field__label">"Records"</span>
                    <select class="rp-field__input" data-testid="sample-size"
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse() { n_records.set(n) }
                        }>
                        {SIZES.iter().map(|n| view! {
                            <option value=n.to_string() selected=move || n_records.get() == *n>
                                {thousands(*n as u64)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="rp-field">
                    <span class="rp-field__label">"Seed"</span>
                    <input class="rp-field__input rp-ws-seed" type="number" min="0" data-testid="sample-seed"
                        prop:value=move || seed.get().to_string()
                        on:input=move |ev| {
                            if let Ok(s) = event_target_value(&ev).parse() { seed.set(s) }
                        } />
                </label>
                <label class="rp-check rp-ws-replace">
                    <input type="checkbox" data-testid="sample-replace"
                        prop:checked=move || replace.get()
                        on:change=move |ev| replace.set(event_target_checked(&ev)) />
                    <span>"Replace existing records"</span>
                </label>
                <button type="submit" class="rp-button rp-button--primary" data-testid="generate"
                    disabled=move || running.get()>
                    {move || if replace.get() { "Generate and replace" } else { "Generate and add" }}
                </button>
            </form>
            {move || {
                if !replace.get() {
                    return None;
                }
                let losing = checks_losing_records.get();
                let n_existing = app.workspace.with(|w| w.as_ref().map_or(0, |w| w.data.records.len()));
                Some(view! {
                    <div class="rp-ws-warning" role="note" data-testid="replace-warning">
                        <p>
                            <strong>{format!("Replacing removes the {} records here. ", thousands(n_existing as u64))}</strong>
                            {if losing.is_empty() {
                                "No pinned check names one of them.".to_string()
                            } else {
                                format!(
                                    "{} pinned check{} name{} them and will fail:",
                                    losing.len(),
                                    if losing.len() == 1 { "" } else { "s" },
                                    if losing.len() == 1 { "s" } else { "" }
                                )
                            }}
                        </p>
                        {(!losing.is_empty()).then(|| {
                            let total = losing.len();
                            view! {
                                <ul class="rp-ws-report">
                                    {losing.into_iter().take(WARNING_LINES).map(|l| view! { <li><code>{l}</code></li> }).collect_view()}
                                    {(total > WARNING_LINES).then(|| view! { <li>{format!("… and {} more (Test → Pinned checks lists them all)", total - WARNING_LINES)}</li> })}
                                </ul>
                            }
                        })}
                    </div>
                })
            }}
            {move || running.get().then(|| view! {
                <ProgressBar value label=Signal::derive(move || phase.get())
                    on_cancel=Callback::new(move |()| cancelled.set_value(true)) />
            })}
            {move || result.get().map(|r| view! { <p class="rp-ws-result" role="status" data-testid="sample-result">{r}</p> })}
            <CsvImport />
            <h3 class="rp-csv__title rp-csv__title--ruled">"All tables in one file (CSV)"</h3>
            <div class="rp-ws-inline-form">
                <button type="button" class="rp-button" on:click=export_csv data-testid="export-csv">
                    "Export records (CSV)"
                </button>
                <label class="rp-button rp-button--file">
                    "Replace records from CSV…"
                    <input type="file" accept=".csv,text/csv" class="rp-visually-hidden"
                        data-testid="import-csv" node_ref=csv_input on:change=import_csv />
                </label>
                <span class="rp-field__hint">
                    "Columns: "<code>"table,id,owner,owning_bu,parent"</code>", then one per value. \
                     Replacing swaps every record for the file's (Undo restores them)."
                </span>
            </div>
            {move || {
                let lines = report.get();
                (!lines.is_empty()).then(|| view! {
                    <ul class="rp-ws-report" data-testid="csv-report">
                        {lines.into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
