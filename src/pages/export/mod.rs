//! Export: the model as `rampart-model` JSON (blocked, with the list, while validation finds
//! errors), the JSON Schema, the CSV inventory and role × privilege matrix, and the leakage
//! report laid out to print on one page (`@media print` in `style/pages/export.css`).

use engine::leakage::LeakageReport;
use leptos::prelude::*;

use crate::components::download_text;
use crate::pages::simulator::Shared;
use crate::state::use_app;

/// A file name from the workspace name: lowercase words joined by dashes.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let parts: Vec<&str> = stem.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        "model".into()
    } else {
        parts.join("-")
    }
}

/// `/export`.
#[component]
pub fn ExportPage() -> impl IntoView {
    let app = use_app();
    let issues = Memo::new(move |_| {
        app.workspace
            .with(|w| w.as_ref().map(|w| Shared::new(w.issues())))
    });
    let errors = move || {
        issues
            .get()
            .map(|i| {
                i.iter()
                    .filter(|x| x.is_error())
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let n_warnings = move || {
        issues
            .get()
            .map_or(0, |i| i.iter().filter(|x| !x.is_error()).count())
    };
    let (with_data, set_with_data) = signal(true);
    let save = move |name: String, mime: &'static str, text: String| {
        if let Err(e) = download_text(&name, mime, &text) {
            app.error(e);
        }
    };
    let export_json = move |_| {
        let Some((name, text)) = app.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| (file_stem(&w.name), w.to_json(with_data.get_untracked())))
        }) else {
            return;
        };
        save(format!("{name}.rampart.json"), "application/json", text);
    };
    let export_schema = move |_| {
        save(
            "rampart-model-v1.schema.json".into(),
            "application/schema+json",
            engine::format::schema_json(),
        )
    };
    let export_inventory = move |_| {
        if let Some((name, text)) = app.workspace.with_untracked(|w| {
            w.as_ref().map(|w| {
                (
                    file_stem(&w.name),
                    engine::export::csv::inventory(&w.model, Some(&w.data)),
                )
            })
        }) {
            save(format!("{name}-inventory.csv"), "text/csv", text);
        }
    };
    let export_roles = move |_| {
        if let Some((name, text)) = app.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| (file_stem(&w.name), engine::export::csv::roles(&w.model)))
        }) {
            save(format!("{name}-roles.csv"), "text/csv", text);
        }
    };
    // One export per click: the entities carry every sample record, so they are built on demand.
    let export_cedar = move |part: CedarPart| {
        if let Some((name, export)) = app.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| (file_stem(&w.name), engine::cedar::export(&w.model, &w.data)))
        }) {
            match part {
                CedarPart::Schema => {
                    save(format!("{name}.cedarschema"), "text/plain", export.schema)
                }
                CedarPart::Policies => save(
                    format!("{name}-policies.cedar"),
                    "text/plain",
                    export.policies,
                ),
                CedarPart::Entities => save(
                    format!("{name}-entities.json"),
                    "application/json",
                    serde_json::to_string_pretty(&export.entities).unwrap_or_default(),
                ),
            }
        }
    };
    let leakage = Memo::new(move |_| {
        app.workspace.with(|w| {
            w.as_ref()
                .map(|w| Shared::new(engine::leakage::report(&w.model, &w.data, &w.index)))
        })
    });
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <section class="rp-page rp-page--wide rp-export" aria-labelledby="rp-page-title">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title">"Export"</h1>
            </header>
            <div class="rp-export__cards">
                <div class="rp-panel rp-export__card">
                    <h2 class="rp-panel__title">"Model JSON"</h2>
                    <p class="rp-panel__text">"The rampart-model format v1: byte-stable, re-importable, read by the rampart CLI."</p>
                    <label class="rp-check">
                        <input type="checkbox" prop:checked=with_data on:change:target=move |ev| set_with_data.set(ev.target().checked()) />
                        "Include sample records"
                    </label>
                    <Show
                        when=move || errors().is_empty()
                        fallback=move || view! {
                            <div class="rp-blocked" role="alert" data-testid="export-blocked">
                                <p><strong>"Export is blocked: "</strong>{move || format!("{} validation error(s) must be fixed first.", errors().len())}</p>
                                <ul class="rp-issues">
                                    {move || errors().into_iter().map(|i| view! {
                                        <li><code>{i.path.clone()}</code>": "{i.message.clone()}
                                            {i.help.clone().map(|h| view! { <span class="rp-issues__help">{format!(" (help: {h})")}</span> })}</li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        }
                    >
                        <button type="button" class="rp-button rp-button--primary" on:click=export_json data-testid="export-json">"Download model JSON"</button>
                    </Show>
                    <p class="rp-panel__hint">{move || match n_warnings() { 0 => "No validation warnings.".to_string(), n => format!("{n} validation warning(s); warnings do not block export.") }}</p>
                </div>
                <div class="rp-panel rp-export__card">
                    <h2 class="rp-panel__title">"JSON Schema"</h2>
                    <p class="rp-panel__text">"Draft 2020-12 schema of the format, for editors and CI."</p>
                    <button type="button" class="rp-button" on:click=export_schema data-testid="export-schema">"Download schema"</button>
                </div>
                <div class="rp-panel rp-export__card">
                    <h2 class="rp-panel__title">"Spreadsheets (CSV)"</h2>
                    <p class="rp-panel__text">"The data security inventory, and every role's privileges with the role editor's depth labels."</p>
                    <div class="rp-export__buttons">
                        <button type="button" class="rp-button" on:click=export_inventory data-testid="export-inventory">"Inventory CSV"</button>
                        <button type="button" class="rp-button" on:click=export_roles data-testid="export-roles">"Role matrix CSV"</button>
                    </div>
                </div>
                <div class="rp-panel rp-export__card" data-testid="export-cedar">
                    <h2 class="rp-panel__title">"Cedar (server enforcement)"</h2>
                    <p class="rp-panel__text">"Schema, policies and entities for cedar-policy 4 that allow exactly what the model allows for the record-level operations on existing records (Read, Write, Delete, Append, Append To, Assign, Share), so a server can enforce the designed model. The entities include the sample records; re-export after a change."</p>
                    <div class="rp-export__buttons">
                        <button type="button" class="rp-button" on:click=move |_| export_cedar(CedarPart::Schema) data-testid="export-cedar-schema">"Schema"</button>
                        <button type="button" class="rp-button" on:click=move |_| export_cedar(CedarPart::Policies) data-testid="export-cedar-policies">"Policies"</button>
                        <button type="button" class="rp-button" on:click=move |_| export_cedar(CedarPart::Entities) data-testid="export-cedar-entities">"Entities"</button>
                    </div>
                    <p class="rp-panel__hint">"The same files as "<code>"rampart cedar"</code>"."</p>
                </div>
                <div class="rp-panel rp-export__card" data-testid="export-printouts">
                    <h2 class="rp-panel__title">"Printouts"</h2>
                    <p class="rp-panel__text">"The workshop handout (business units, security roles × tables, who can see sensitive tables, advisor findings, pinned checks) and the one-page leakage summary, through the browser's print dialog."</p>
                    <div class="rp-export__buttons">
                        <a class="rp-button rp-button--primary" href="/handout?print=1" data-testid="print-handout">"Print handout"</a>
                        <a class="rp-button" href="/handout/leakage?print=1" data-testid="print-leakage">"Print leakage summary"</a>
                    </div>
                    <p class="rp-panel__hint"><a href="/handout">"Preview the handout"</a>" · "<a href="/handout/leakage">"preview the leakage summary"</a></p>
                </div>
            </div>
            <div class="rp-panel rp-leakage" data-testid="leakage">
                <div class="rp-leakage__head">
                    <h2 class="rp-panel__title">"Leakage report"</h2>
                    <button type="button" class="rp-button rp-leakage__print" on:click=print>"Print"</button>
                </div>
                <p class="rp-panel__text">{move || app.workspace.with(|w| w.as_ref().map(|w| format!("{} — who reads each table, and who of them can move its records out of the CRM (Export to Excel, Print, Go Offline, Sync to Outlook, Mail Merge …).", w.name)))}</p>
                {move || leakage.get().map(|r| leakage_table(&r))}
            </div>
        </section>
    }
}

/// One of the three documents of the Cedar export.
#[derive(Clone, Copy)]
enum CedarPart {
    Schema,
    Policies,
    Entities,
}

fn leakage_table(report: &LeakageReport) -> impl IntoView + use<> {
    let rows = report
        .tables
        .iter()
        .map(|t| {
            let sensitive = t
                .sensitive
                .iter()
                .map(|s| s.describe())
                .collect::<Vec<_>>()
                .join("; ");
            let risky = t.n_exfiltrators > 0 && !t.sensitive.is_empty();
            let top: Vec<String> = t
                .users
                .iter()
                .filter(|u| u.n_exfiltrable > 0)
                .take(3)
                .map(|u| format!("{} ({})", u.user, u.n_exfiltrable))
                .collect();
            view! {
                <tr data-risky=risky.to_string()>
                    <th scope="row"><code>{t.table.clone()}</code></th>
                    <td>{if sensitive.is_empty() { "—".to_string() } else { sensitive }}</td>
                    <td class="rp-num">{t.n_records}</td>
                    <td class="rp-num">{t.n_readers}</td>
                    <td class="rp-num">{t.n_exfiltrators}</td>
                    <td class="rp-num">{t.max_records_exfiltrable}</td>
                    <td class="rp-table__wrap">{top.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="rp-table rp-table--numbers">
            <thead>
                <tr>
                    <th scope="col">"Table"</th>
                    <th scope="col">"Sensitive because it"</th>
                    <th scope="col">"Records"</th>
                    <th scope="col">"Readers"</th>
                    <th scope="col">"Can take it out"</th>
                    <th scope="col">"Most records one can take"</th>
                    <th scope="col">"Largest exfiltrators"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
