//! The engine's workloads in the browser: the benchmark organisation of `rampart bench`
//! generated here, then every workload of `engine::bench::WORKLOADS` timed in wasm, so the two
//! tables in BENCHMARKS.md measure the same work.

use engine::bench::{self, BenchOrg, WORKLOADS};
use engine::query::DataIndex;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::bench::{CountChoice, Step, StepTable, now, step};
use crate::state::sample_data::next_tick;
use crate::text::{counted, thousands};

/// Sizes offered: a quick look, the simulator's size, and issue 5's full million.
const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// The engine section of the benchmark page.
#[component]
pub fn EngineBench() -> impl IntoView {
    let n_records = RwSignal::new(bench::N_RECORDS);
    let runs = RwSignal::new(3_usize);
    let steps = RwSignal::new(Vec::<Step>::new());
    let status = RwSignal::new(String::new());
    let running = RwSignal::new(false);
    let cancelled = RwSignal::new(false);
    let done = RwSignal::new(false);

    let run = move || {
        let n = n_records.get_untracked();
        let n_runs = runs.get_untracked();
        running.set(true);
        cancelled.set(false);
        done.set(false);
        steps.set(Vec::new());
        spawn_local(async move {
            let outcome = run_workloads(n, n_runs, steps, status, cancelled).await;
            match outcome {
                Ok(()) => {
                    status.set(format!(
                        "Done: {} workloads, {} each, on {} records.",
                        WORKLOADS.len() + 3,
                        counted(n_runs, "run", "runs"),
                        thousands(n as u64)
                    ));
                    done.set(true);
                }
                Err(Stopped) => status.set("Cancelled: the rows above are complete.".into()),
            }
            running.set(false);
        });
    };

    view! {
        <div class="rp-panel rp-ws-section" data-testid="bench-engine">
            <h2 class="rp-panel__title">"Engine workloads (as rampart bench)"</h2>
            <p class="rp-panel__text">
                "The benchmark organisation of "<code>"rampart bench"</code>" (1,000 users, 50 \
                 business units, 200 teams, 10 tables) is generated in this page, then each \
                 workload runs once to warm up and then the chosen number of times, in \
                 WebAssembly on one thread. Targets apply to 1,000,000 records."
            </p>
            <form class="rp-ws-inline-form" on:submit=move |ev| { ev.prevent_default(); run(); }>
                <CountChoice label="Records" testid="bench-engine-size" choices=&SIZES value=n_records />
                <CountChoice label="Runs" testid="bench-engine-runs" choices=&[1, 3, 7] value=runs />
                <button type="submit" class="rp-button rp-button--primary" data-testid="bench-engine-run"
                    disabled=move || running.get()>"Run engine workloads"</button>
                <button type="button" class="rp-button" data-testid="bench-engine-cancel"
                    disabled=move || !running.get() on:click=move |_| cancelled.set(true)>"Cancel"</button>
            </form>
            <p class="rp-ws-result" role="status" data-testid="bench-engine-status" data-done=move || done.get().to_string()>
                {move || status.get()}
            </p>
            <StepTable steps testid="bench-engine-table" />
        </div>
    }
}

/// The user cancelled between two steps.
struct Stopped;

/// Generates the org and data, then times every workload; rows appear as they finish.
async fn run_workloads(
    n: usize,
    n_runs: usize,
    steps: RwSignal<Vec<Step>>,
    status: RwSignal<String>,
    cancelled: RwSignal<bool>,
) -> Result<(), Stopped> {
    let pause = |message: String| async move {
        status.set(message);
        next_tick().await;
        if cancelled.get_untracked() {
            Err(Stopped)
        } else {
            Ok(())
        }
    };
    let size = thousands(n as u64);
    pause("Generating the organisation…".into()).await?;
    let (model, org_ms) = timed(bench::org);
    push(
        steps,
        "generate_org",
        "Generate the organisation".into(),
        None,
        vec![org_ms],
    );
    pause(format!("Generating {size} records…")).await?;
    let (data, data_ms) = timed(|| bench::data(&model, n));
    let data_target = (n == bench::N_RECORDS).then_some(3_000.0);
    push(
        steps,
        "generate_data",
        format!("Generate {size} records"),
        data_target,
        vec![data_ms],
    );
    pause("Indexing…".into()).await?;
    let (index, index_ms) = timed(|| DataIndex::build(&model, &data));
    push(
        steps,
        "index",
        "DataIndex::build".into(),
        None,
        vec![index_ms],
    );
    let org = BenchOrg::new(model, data, index);
    let full_size = n == bench::N_RECORDS;
    for workload in WORKLOADS {
        let mut runs_ms = Vec::with_capacity(n_runs);
        pause(format!("{}: warming up…", workload.name)).await?;
        std::hint::black_box((workload.run)(&org));
        for run in 0..n_runs {
            pause(format!("{}: run {} of {n_runs}…", workload.name, run + 1)).await?;
            let (_, ms) = timed(|| std::hint::black_box((workload.run)(&org)));
            runs_ms.push(ms);
        }
        let target = workload.target_ms.filter(|_| full_size);
        if let Some((name, calls)) = workload.per_call {
            let per_call = runs_ms.iter().map(|ms| ms / calls as f64).collect();
            push(steps, workload.name, workload.what.into(), target, runs_ms);
            push(
                steps,
                name,
                format!("{name}: one call of the above"),
                None,
                per_call,
            );
        } else {
            push(steps, workload.name, workload.what.into(), target, runs_ms);
        }
    }
    Ok(())
}

/// `f()` and the milliseconds it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = now();
    let value = f();
    (value, now() - start)
}

fn push(
    steps: RwSignal<Vec<Step>>,
    id: &'static str,
    label: String,
    target_ms: Option<f64>,
    runs_ms: Vec<f64>,
) {
    steps.update(|all| {
        all.push(Step {
            runs_ms,
            target_ms,
            ..step(id, label)
        })
    });
}
