//! The Designer's workloads on `/bench`: one grid edit plus the validation every edit triggers
//! (`Workspace::issues`, what the Designer's problems panel recomputes) on each demo org, and the
//! users and roles lists drawn for a generated organisation of 1,000 users and 200 roles. The
//! lists are the Designer's own components, drawn in a box on this page; nothing is saved and the
//! open workspace is not touched.

use std::collections::BTreeSet;

use engine::model::{PrivSet, RoleId, TableId, Verb};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::bench::now;
use crate::pages::designer::roles::{RoleRow, RoleRows};
use crate::pages::designer::users::{UserList, UserRow};
use crate::state::Workspace;
use crate::state::actions::designer::{copy_role, cycle_privilege, display};
use crate::state::sample_data::next_tick;
use crate::text::thousands;

/// Edits timed per demo org.
const EDIT_RUNS: usize = 30;

/// One measured line.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    id: String,
    label: String,
    runs_ms: Vec<f64>,
    note: String,
}

impl Line {
    fn median(&self) -> f64 {
        super::bench::median(&self.runs_ms)
    }

    fn max(&self) -> f64 {
        self.runs_ms.iter().copied().fold(0.0, f64::max)
    }
}

/// The generated organisation for the list workloads: 1,000 users, and roles copied from its
/// own until there are 200.
fn big_org() -> engine::model::Model {
    let mut model = engine::generate::org(&engine::generate::OrgParams::benchmark(7));
    let root = model
        .bus
        .iter()
        .position(|b| b.parent.is_none())
        .map_or_else(Default::default, engine::model::BuId::from_index);
    let sources: Vec<RoleId> = (0..model.roles.len())
        .map(RoleId::from_index)
        .filter(|r| model.roles[r.index()].predefined.is_none())
        .collect();
    let mut k = 0;
    while model.roles.len() < 200 && !sources.is_empty() {
        let source = sources[k % sources.len()];
        match copy_role(&model, source, &format!("Role copy {k}"), root) {
            Ok((next, _)) => model = next,
            Err(_) => break,
        }
        k += 1;
    }
    model
}

fn user_rows(model: &engine::model::Model) -> Vec<UserRow> {
    let mut rows: Vec<UserRow> = model
        .users
        .iter()
        .map(|u| {
            (
                u.name.clone(),
                display(model, &u.name).to_string(),
                display(model, model.bu_name(u.bu)).to_string(),
            )
        })
        .collect();
    rows.sort_by_key(|u| u.1.to_lowercase());
    rows
}

fn role_rows(model: &engine::model::Model) -> Vec<RoleRow> {
    model
        .roles
        .iter()
        .map(|r| {
            (
                r.name.clone(),
                display(model, &r.name).to_string(),
                display(model, model.bu_name(r.bu)).to_string(),
                String::new(),
                r.predefined.is_some(),
            )
        })
        .collect()
}

/// One cell edit on the first custom role (a table's Read, cycled up) followed by validation.
fn edit_and_validate(ws: &Workspace, up: bool) -> Option<(Workspace, usize)> {
    let role = ws
        .model
        .roles
        .iter()
        .position(|r| r.predefined.is_none())
        .map(RoleId::from_index)?;
    let set = PrivSet::Table(TableId::from_index(0));
    let (model, _) = cycle_privilege(&ws.model, role, set, Verb::Read, up).ok()?;
    let next = ws.with_model(model);
    let issues = next.issues().len();
    Some((next, issues))
}

fn rendered_rows(testid: &str) -> usize {
    document()
        .query_selector_all(&format!(
            "[data-testid=bench-lists] [data-testid={testid}] li"
        ))
        .map_or(0, |l| l.length() as usize)
}

fn force_layout() {
    if let Some(el) = document()
        .query_selector("[data-testid=bench-lists]")
        .ok()
        .flatten()
    {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.offset_height();
        }
    }
}

/// The Designer section of the benchmark page.
#[component]
pub fn DesignerBench() -> impl IntoView {
    let lines = RwSignal::new(Vec::<Line>::new());
    let running = RwSignal::new(false);
    let done = RwSignal::new(false);
    let users = RwSignal::new(Vec::<UserRow>::new());
    let roles = RwSignal::new(Vec::<RoleRow>::new());
    let ticked = RwSignal::new(BTreeSet::<String>::new());

    let run = move || {
        running.set(true);
        done.set(false);
        lines.set(Vec::new());
        spawn_local(async move {
            let mut out = Vec::new();
            for demo in engine::demo::DEMO_ORGS {
                next_tick().await;
                let Ok(mut ws) = Workspace::from_demo(demo) else {
                    continue;
                };
                let mut line = Line {
                    id: format!("edit-{}", demo.id),
                    label: format!("Grid edit + re-validation: {}", demo.title),
                    runs_ms: Vec::new(),
                    note: String::new(),
                };
                for i in 0..EDIT_RUNS {
                    let t = now();
                    let Some((next, issues)) = edit_and_validate(&ws, i % 2 == 0) else {
                        line.note = "no editable role".into();
                        break;
                    };
                    line.runs_ms.push(now() - t);
                    line.note = format!(
                        "{} users, {} roles, {} records; {issues} issues",
                        ws.model.users.len(),
                        ws.model.roles.len(),
                        thousands(ws.data.records.len() as u64)
                    );
                    ws = next;
                }
                out.push(line);
                lines.set(out.clone());
            }

            next_tick().await;
            let t = now();
            let model = big_org();
            let generated = now() - t;
            let (u, r) = (user_rows(&model), role_rows(&model));
            let (n_users, n_roles) = (u.len(), r.len());
            out.push(Line {
                id: "generate-org".into(),
                label: format!("Generate an org of {n_users} users and {n_roles} roles"),
                runs_ms: vec![generated],
                note: String::new(),
            });
            for (id, label, rows_id) in [
                (
                    "users-list",
                    format!("Users list, {n_users} users: draw"),
                    "users-list",
                ),
                (
                    "roles-list",
                    format!("Roles list, {n_roles} roles: draw"),
                    "roles-list",
                ),
            ] {
                let mut line = Line {
                    id: id.into(),
                    label,
                    runs_ms: Vec::new(),
                    note: String::new(),
                };
                for _ in 0..5 {
                    users.set(Vec::new());
                    roles.set(Vec::new());
                    next_tick().await;
                    let t = now();
                    if id == "users-list" {
                        users.set(u.clone());
                    } else {
                        roles.set(r.clone());
                    }
                    // Effects draw on the next microtask; layout is forced before stopping.
                    leptos::task::tick().await;
                    force_layout();
                    line.runs_ms.push(now() - t);
                    next_tick().await;
                }
                line.note = format!("{} rows drawn", rendered_rows(rows_id));
                out.push(line);
                lines.set(out.clone());
            }
            lines.set(out);
            running.set(false);
            done.set(true);
        });
    };

    view! {
        <div class="rp-panel rp-ws-section" data-testid="bench-designer">
            <h2 class="rp-panel__title">"Designer"</h2>
            <p class="rp-panel__text">
                "Times one privilege-grid edit with the validation every edit triggers on each demo \
                 org (target: under 50 ms), and drawing the Designer's users and roles lists for a \
                 generated organisation of 1,000 users and 200 roles (only the rows in view are drawn)."
            </p>
            <button type="button" class="rp-button rp-button--primary" data-testid="bench-designer-run"
                disabled=move || running.get() on:click=move |_| run()>"Run Designer benchmark"</button>
            <table class="rp-ws-table" data-testid="bench-designer-table" data-done=move || done.get().to_string()>
                <thead>
                    <tr>
                        <th scope="col">"Workload"</th>
                        <th scope="col" class="rp-ws-table__number">"Median"</th>
                        <th scope="col" class="rp-ws-table__number">"Max"</th>
                        <th scope="col" class="rp-ws-table__number">"Runs"</th>
                        <th scope="col">"Notes"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || lines.get().into_iter().filter(|l| !l.runs_ms.is_empty()).map(|l| view! {
                        <tr data-step=l.id.clone()>
                            <td>{l.label.clone()}</td>
                            <td class="rp-ws-table__number" data-testid="median">{format!("{:.1} ms", l.median())}</td>
                            <td class="rp-ws-table__number" data-testid="max">{format!("{:.1} ms", l.max())}</td>
                            <td class="rp-ws-table__number">{l.runs_ms.len()}</td>
                            <td data-testid="note">{l.note.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="rp-bench-lists" data-testid="bench-lists" aria-hidden="true" inert>
                <Show when=move || !users.with(Vec::is_empty)>
                    <UserList items=users selected=Signal::derive(|| None::<String>) ticked />
                </Show>
                <Show when=move || !roles.with(Vec::is_empty)>
                    <RoleRows items=roles selected=Signal::derive(|| None::<String>) />
                </Show>
            </div>
        </div>
    }
}
