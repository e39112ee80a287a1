//! The in-browser benchmark (`/bench`), three sections: storage (generate 100,000 records,
//! save them to IndexedDB, load them back into the engine, index, ask one "what can X see"; its
//! own database, so saved workspaces are never touched), the simulator's user switch and what-if
//! edit (`bench_simulator`), and `rampart bench`'s engine workloads in wasm (`bench_engine`).

use engine::model::{TableId, UserId, Verb};
use engine::query::DataIndex;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::sample_data::next_tick;
use crate::state::{AppState, Workspace, use_app};
use crate::storage::{self, SaveRequest, WorkspaceMeta};
use crate::text::{counted, thousands};

/// Database the benchmark writes to (deleted when it ends).
const BENCH_DB: &str = "rampart-bench";

/// One measured step.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Step {
    pub id: &'static str,
    pub label: String,
    pub runs_ms: Vec<f64>,
    /// The target, shown next to the median.
    pub target_ms: Option<f64>,
}

impl Step {
    pub fn median(&self) -> f64 {
        median(&self.runs_ms)
    }

    pub fn min(&self) -> f64 {
        self.runs_ms.iter().copied().fold(f64::INFINITY, f64::min)
    }
}

/// The model a section times: the open workspace's, or the default demo's.
pub(super) fn model_to_time(app: AppState) -> Option<std::sync::Arc<engine::model::Model>> {
    match app.workspace.get_untracked() {
        Some(w) => Some(w.model.clone()),
        None => match engine::demo::DEMO_ORGS.first().map(Workspace::from_demo) {
            Some(Ok(w)) => Some(w.model.clone()),
            _ => None,
        },
    }
}

/// The median of some timings (0 for none).
pub(super) fn median(runs_ms: &[f64]) -> f64 {
    let mut sorted = runs_ms.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Milliseconds from the page's high-resolution clock.
pub(super) fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The benchmark page.
#[component]
pub fn BenchPage() -> impl IntoView {
    let app = use_app();
    let n_records = RwSignal::new(100_000_usize);
    let runs = RwSignal::new(3_usize);
    let steps = RwSignal::new(Vec::<Step>::new());
    let status = RwSignal::new(String::new());
    let running = RwSignal::new(false);
    let done = RwSignal::new(false);

    let run = move || {
        let n = n_records.get_untracked();
        let n_runs = runs.get_untracked();
        let Some(model) = model_to_time(app) else {
            return;
        };
        running.set(true);
        done.set(false);
        steps.set(Vec::new());
        spawn_local(async move {
            let mut table = vec![
                step(
                    "generate",
                    format!("Generate {} records", thousands(n as u64)),
                ),
                step(
                    "save",
                    "Save to IndexedDB (encode + one transaction)".into(),
                ),
                step(
                    "load",
                    "Load from IndexedDB (read + decode into the engine)".into(),
                ),
                step("index", "DataIndex::build".into()),
                step("visible", "visible(): one user, largest table, Read".into()),
            ];
            let _ = storage::delete_database(BENCH_DB).await;
            let db = match storage::open(BENCH_DB).await {
                Ok(db) => db,
                Err(err) => {
                    status.set(format!("The benchmark cannot open IndexedDB: {err}"));
                    running.set(false);
                    return;
                }
            };
            for run in 0..n_runs {
                status.set(format!("Run {} of {n_runs}: generating…", run + 1));
                next_tick().await;
                let t = now();
                let data = engine::generate::sample_data_for(&model, 1 + run as u64, n);
                table[0].runs_ms.push(now() - t);

                status.set(format!("Run {} of {n_runs}: saving…", run + 1));
                next_tick().await;
                let t = now();
                let (chunks, bytes) = storage::encode_dataset(&model, &data);
                let request = SaveRequest {
                    meta: WorkspaceMeta {
                        id: "bench".into(),
                        name: "Benchmark".into(),
                        created_ms: 0.0,
                        saved_ms: 0.0,
                        document_bytes: 0,
                        dataset_bytes: bytes,
                        n_records: n as u64,
                        n_chunks: chunks.len() as u32,
                        trashed: false,
                    },
                    document: engine::format::save(&model, None),
                    dataset: Some(chunks),
                };
                let saved = storage::save_workspace(&db, &request).await;
                table[1].runs_ms.push(now() - t);
                drop(request);
                drop(data);
                if let Err(err) = saved {
                    status.set(format!("Saving failed: {err}"));
                    break;
                }

                status.set(format!("Run {} of {n_runs}: loading…", run + 1));
                next_tick().await;
                let t = now();
                let loaded = match storage::read_workspace(&db, "bench").await {
                    Ok(stored) => {
                        storage::decode_workspace("bench", &stored.document, &stored.chunks)
                    }
                    Err(err) => Err(err),
                };
                table[2].runs_ms.push(now() - t);
                let decoded = match loaded {
                    Ok(decoded) if decoded.data.records.len() == n => decoded,
                    Ok(decoded) => {
                        status.set(format!(
                            "Loading gave {} records instead of {n}",
                            decoded.data.records.len()
                        ));
                        break;
                    }
                    Err(err) => {
                        status.set(format!("Loading failed: {err}"));
                        break;
                    }
                };

                status.set(format!("Run {} of {n_runs}: indexing…", run + 1));
                next_tick().await;
                let t = now();
                let index = DataIndex::build(&decoded.model, &decoded.data);
                table[3].runs_ms.push(now() - t);

                next_tick().await;
                let (user, target, label) = visible_subject(&decoded.model, &decoded.data);
                let t = now();
                let visible = engine::query::visible(
                    &decoded.model,
                    &decoded.data,
                    &index,
                    user,
                    target,
                    Verb::Read,
                );
                table[4].runs_ms.push(now() - t);
                table[4].label = format!(
                    "visible(): {label} → {} records",
                    thousands(visible.len() as u64)
                );
                steps.set(table.clone());
            }
            db.close();
            let _ = storage::delete_database(BENCH_DB).await;
            steps.set(table);
            if status.get_untracked().starts_with("Run ") {
                status.set(format!(
                    "Done: {} of {} records.",
                    counted(n_runs, "run", "runs"),
                    thousands(n as u64)
                ));
                done.set(true);
            }
            running.set(false);
        });
    };

    let environment = {
        let navigator = window().navigator();
        format!(
            "{} logical cores · {}",
            navigator.hardware_concurrency(),
            navigator.user_agent().unwrap_or_default()
        )
    };

    view! {
        <section class="rp-page rp-ws" aria-labelledby="rp-page-title">
            <header class="rp-page__header">
                <h1 class="rp-page__title" id="rp-page-title">"Benchmark"</h1>
            </header>
            <div class="rp-panel rp-ws-section">
                <h2 class="rp-panel__title">"Storage (IndexedDB)"</h2>
                <p class="rp-panel__text">
                    "Times the storage path in this browser: records are generated for the open \
                     model (or the default demo), written to a separate IndexedDB database in one \
                     transaction, read back and decoded into the engine, then indexed and queried. \
                     Saved workspaces are not touched."
                </p>
                <form class="rp-ws-inline-form" on:submit=move |ev| { ev.prevent_default(); run(); }>
                    <CountChoice label="Records" testid="bench-size" choices=&[10_000, 100_000, 250_000] value=n_records />
                    <CountChoice label="Runs" testid="bench-runs" choices=&[1, 3, 5] value=runs />
                    <button type="submit" class="rp-button rp-button--primary" data-testid="bench-run"
                        disabled=move || running.get()>"Run benchmark"</button>
                </form>
                <p class="rp-ws-result" role="status" data-testid="bench-status" data-done=move || done.get().to_string()>
                    {move || status.get()}
                </p>
                <StepTable steps testid="bench-table" />
                <p class="rp-field__hint" data-testid="bench-environment">{environment}</p>
            </div>
            <super::bench_simulator::SimulatorBench />
            <super::bench_engine::EngineBench />
            <super::bench_designer::DesignerBench />
        </section>
    }
}

pub(super) fn step(id: &'static str, label: String) -> Step {
    Step {
        id,
        label,
        runs_ms: Vec::new(),
        target_ms: None,
    }
}

/// Milliseconds as the tables show them: whole numbers, or three decimals below one.
fn ms(value: f64) -> String {
    if value < 1.0 {
        format!("{value:.3} ms")
    } else {
        format!("{value:.0} ms")
    }
}

/// A select of sizes or run counts for a benchmark section.
#[component]
pub(super) fn CountChoice(
    label: &'static str,
    testid: &'static str,
    choices: &'static [usize],
    value: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <label class="rp-field">
            <span class="rp-field__label">{label}</span>
            <select class="rp-field__input" data-testid=testid
                on:change=move |ev| if let Ok(n) = event_target_value(&ev).parse() { value.set(n) }>
                {choices.iter().map(|n| {
                    let n = *n;
                    view! { <option value=n.to_string() selected=move || value.get() == n>{thousands(n)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The timings of one benchmark section: step, median, min, runs and the target if any.
#[component]
pub(super) fn StepTable(steps: RwSignal<Vec<Step>>, testid: &'static str) -> impl IntoView {
    view! {
        <table class="rp-ws-table" data-testid=testid>
            <thead>
                <tr>
                    <th scope="col">"Step"</th>
                    <th scope="col" class="rp-ws-table__number">"Median"</th>
                    <th scope="col" class="rp-ws-table__number">"Min"</th>
                    <th scope="col" class="rp-ws-table__number">"Runs"</th>
                    <th scope="col" class="rp-ws-table__number">"Target"</th>
                </tr>
            </thead>
            <tbody>
                {move || steps.get().into_iter().filter(|s| !s.runs_ms.is_empty()).map(|s| {
                    let verdict = s.target_ms.map(|t| if s.median() < t { "met" } else { "missed" });
                    view! {
                        <tr data-step=s.id data-verdict=verdict.unwrap_or("")>
                            <td>{s.label.clone()}</td>
                            <td class="rp-ws-table__number" data-testid="median">{ms(s.median())}</td>
                            <td class="rp-ws-table__number" data-testid="min">{ms(s.min())}</td>
                            <td class="rp-ws-table__number">{s.runs_ms.len()}</td>
                            <td class="rp-ws-table__number">{s.target_ms.map(|t| format!("< {t:.0} ms ({})", verdict.unwrap_or_default())).unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The last user (usually not an administrator) and the table with the most records.
fn visible_subject(
    model: &engine::model::Model,
    data: &engine::data::Dataset,
) -> (UserId, TableId, String) {
    let mut counts = vec![0_usize; model.tables.len()];
    for record in &data.records {
        if let Some(count) = counts.get_mut(record.table.index()) {
            *count += 1;
        }
    }
    let table = counts
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| **n)
        .map_or(0, |(i, _)| i);
    let user = model.users.len().saturating_sub(1);
    let user_id = UserId::from_index(user);
    let table_id = TableId::from_index(table);
    let label = format!(
        "{} reads {}",
        model.user_name(user_id),
        model.table_name(table_id)
    );
    (user_id, table_id, label)
}
