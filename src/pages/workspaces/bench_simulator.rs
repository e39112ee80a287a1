//! The simulator's two interactive moments, timed in the browser (issue 8's 100 ms target):
//! switching the simulated user (counts per table, the record list of one table, the BU
//! picture) and applying a what-if edit to a role (the gain/loss effect, then the user's
//! counts under the edited model). Both call the same functions the Simulate pages call.

use engine::data::Dataset;
use engine::model::{Depth, Model, TableId, UserId, Verb};
use engine::query::{DataIndex, MATRIX_VERBS};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::bench::{CountChoice, Step, StepTable, model_to_time, now, step};
use crate::pages::simulator::queries;
use crate::state::sample_data::next_tick;
use crate::state::use_app;
use crate::text::thousands;

/// Users visited by the user-switch step: one per run, spread over the model's users.
const SWITCH_RUNS: usize = 7;
/// Runs of the what-if step.
const WHAT_IF_RUNS: usize = 5;
/// Target of both steps, from issue 8.
const TARGET_MS: f64 = 100.0;

/// The simulator section of the benchmark page.
#[component]
pub fn SimulatorBench() -> impl IntoView {
    let app = use_app();
    let n_records = RwSignal::new(100_000_usize);
    let steps = RwSignal::new(Vec::<Step>::new());
    let status = RwSignal::new(String::new());
    let running = RwSignal::new(false);
    let done = RwSignal::new(false);

    let run = move || {
        let n = n_records.get_untracked();
        let Some(model) = model_to_time(app) else {
            return;
        };
        running.set(true);
        done.set(false);
        steps.set(Vec::new());
        spawn_local(async move {
            status.set(format!("Generating {} records…", thousands(n as u64)));
            next_tick().await;
            let data = engine::generate::sample_data_for(&model, 1, n);
            let index = DataIndex::build(&model, &data);
            status.set("Switching the simulated user…".into());
            next_tick().await;
            let table = largest_table(&model, &index);
            let mut switch = step(
                "switch_user",
                format!(
                    "Switch the simulated user: counts per table, {} list, BU picture",
                    model.table_name(table)
                ),
            );
            switch.target_ms = Some(TARGET_MS);
            let users = spread_users(&model, SWITCH_RUNS);
            for user in &users {
                let start = now();
                std::hint::black_box(user_views(&model, &data, &index, *user, table));
                switch.runs_ms.push(now() - start);
                next_tick().await;
            }
            steps.set(vec![switch.clone()]);
            let Some((after, label)) = role_edit(&model, table) else {
                status.set(
                    "No role reads the largest table below Organization: nothing to edit.".into(),
                );
                running.set(false);
                return;
            };
            status.set("Applying a what-if edit…".into());
            next_tick().await;
            let mut what_if = step(
                "what_if_edit",
                format!("What-if: {label}; effect and the user's counts"),
            );
            what_if.target_ms = Some(TARGET_MS);
            let user = users.first().copied().unwrap_or(UserId(0));
            for _ in 0..WHAT_IF_RUNS {
                let start = now();
                let effect = queries::effect(&model, &after, &data, &index, &MATRIX_VERBS);
                let counts = queries::user_reach(&after, &data, &index, user);
                std::hint::black_box((effect, counts));
                what_if.runs_ms.push(now() - start);
                next_tick().await;
            }
            steps.set(vec![switch, what_if]);
            status.set(format!(
                "Done on {} with {} records.",
                model.name,
                thousands(data.records.len() as u64)
            ));
            done.set(true);
            running.set(false);
        });
    };

    view! {
        <div class="rp-panel rp-ws-section" data-testid="bench-simulator">
            <h2 class="rp-panel__title">"Simulator views"</h2>
            <p class="rp-panel__text">
                "Records are generated for the open model (or the default demo). Then the \
                 simulated user is switched to several users in turn, and one role's Read \
                 depth on the largest table is raised as a what-if edit: each timed step is \
                 what the Simulate pages compute before they redraw."
            </p>
            <form class="rp-ws-inline-form" on:submit=move |ev| { ev.prevent_default(); run(); }>
                <CountChoice label="Records" testid="bench-simulator-size" choices=&[10_000, 100_000] value=n_records />
                <button type="submit" class="rp-button rp-button--primary" data-testid="bench-simulator-run"
                    disabled=move || running.get()>"Run simulator steps"</button>
            </form>
            <p class="rp-ws-result" role="status" data-testid="bench-simulator-status" data-done=move || done.get().to_string()>
                {move || status.get()}
            </p>
            <StepTable steps testid="bench-simulator-table" />
        </div>
    }
}

/// What "What can X see" computes when the user changes.
fn user_views(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
    table: TableId,
) -> usize {
    let reach = queries::user_reach(model, data, index, user);
    let rows = queries::visible_rows(model, data, index, user, table, Verb::Read);
    let tree = queries::bu_reach(model, index, data, user, table, Verb::Read, &rows);
    let depth = queries::deepest_depth(model, user, table, Verb::Read);
    reach.len() + rows.len() + tree.len() + depth as usize
}

fn largest_table(model: &Model, index: &DataIndex) -> TableId {
    (0..model.tables.len())
        .map(TableId::from_index)
        .max_by_key(|t| index.records_of(*t).len())
        .unwrap_or(TableId(0))
}

/// `n` enabled users spread evenly over the model's users.
fn spread_users(model: &Model, n: usize) -> Vec<UserId> {
    let enabled: Vec<UserId> = (0..model.users.len())
        .filter(|i| model.users[*i].enabled)
        .map(UserId::from_index)
        .collect();
    let step = (enabled.len() / n.max(1)).max(1);
    enabled.into_iter().step_by(step).take(n).collect()
}

/// The model with the first role that reads `table` below Organization raised one depth.
fn role_edit(model: &Model, table: TableId) -> Option<(Model, String)> {
    let set = model.priv_set(table);
    let (index, depth) = model.roles.iter().enumerate().find_map(|(i, role)| {
        let depth = role.privileges.get(&set)?.get(Verb::Read);
        matches!(depth, Depth::User | Depth::Bu | Depth::Pcbu).then_some((i, depth))
    })?;
    let raised = match depth {
        Depth::User => Depth::Bu,
        Depth::Bu => Depth::Pcbu,
        _ => Depth::Org,
    };
    let mut after = model.clone();
    let role = after.roles.get_mut(index)?;
    role.privileges
        .entry(set)
        .or_default()
        .set(Verb::Read, raised);
    let label = format!(
        "{} reads {} at {} instead of {}",
        role.name,
        model.table_name(table),
        raised.label(),
        depth.label()
    );
    Some((after, label))
}
