//! The access matrix: users × tables heatmap of reachable records for one privilege, sortable,
//! each cell a link to the record list; CSV download. The cell's intensity is one custom
//! property (`--rp-heat`, 0…1 of the table's records); the number is always printed.

use engine::model::{TableId, Verb};
use engine::query::{MATRIX_VERBS, Matrix};
use leptos::prelude::*;
use leptos_router::hooks::query_signal_with_options;

use super::cache::{Shared, cached_memo};
use super::pickers::VerbPicker;
use super::queries::{self, display};
use super::see::{SimKey, replace, thousands};
use crate::components::download_text;
use crate::state::{Workspace, use_app};

#[component]
pub fn AccessMatrix(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let app = use_app();
    let (verb_q, set_verb) = query_signal_with_options::<String>("verb", replace());
    let (sort, set_sort) = query_signal_with_options::<String>("sort", replace());
    let verb = Signal::derive(move || {
        verb_q
            .get()
            .and_then(|v| Verb::parse(&v))
            .filter(|v| MATRIX_VERBS.contains(v))
            .unwrap_or(Verb::Read)
    });
    let key = Memo::new(move |_| -> Option<SimKey> {
        let ws = ws.get()?;
        Some((
            Shared(ws.model.clone()),
            Shared(ws.data.clone()),
            Shared(ws.index.clone()),
        ))
    });
    let matrix = cached_memo(
        move || key.get(),
        |(model, data, index): &SimKey| queries::full_matrix(model, data, index),
    );
    // Row order: by business unit then name (default), by row total, or by one table's count.
    let order = Memo::new(move |_| {
        let (model, _, _) = key.get()?;
        let matrix = matrix.get()?;
        let verb = verb.get();
        let mut rows: Vec<usize> = (0..matrix.users.len()).collect();
        let total = |u: usize| {
            (0..matrix.tables.len())
                .map(|t| u64::from(matrix.get(u, t, verb)))
                .sum::<u64>()
        };
        let bu_name = |u: usize| {
            matrix
                .users
                .get(u)
                .and_then(|user| model.users.get(user.index()))
                .map_or("", |x| model.bu_name(x.bu))
        };
        match sort.get().as_deref() {
            Some("total") => rows.sort_by_key(|u| std::cmp::Reverse(total(*u))),
            Some(table) if table.starts_with("t:") => {
                let t = matrix
                    .tables
                    .iter()
                    .position(|t| model.table_name(*t) == &table[2..]);
                if let Some(t) = t {
                    rows.sort_by_key(|u| std::cmp::Reverse(matrix.get(*u, t, verb)));
                }
            }
            _ => rows.sort_by(|a, b| {
                (bu_name(*a), model.user_name(matrix.users[*a]))
                    .cmp(&(bu_name(*b), model.user_name(matrix.users[*b])))
            }),
        }
        Some(Shared::new(rows))
    });
    let download = move |_| {
        let (Some((model, _, _)), Some(matrix)) = (key.get_untracked(), matrix.get_untracked())
        else {
            return;
        };
        let csv = queries::matrix_csv(&model, &matrix, verb.get_untracked());
        let name = format!("access-matrix-{}.csv", verb.get_untracked().as_str());
        if let Err(e) = download_text(&name, "text/csv", &csv) {
            app.error(e);
        }
    };
    let sort_button = move |value: String, label: String| {
        let v = value.clone();
        let pressed = move || (sort.get().as_deref().unwrap_or("bu") == v).to_string();
        view! {
            <button type="button" class="rp-heatmap__sort" aria-pressed=pressed
                on:click=move |_| set_sort.set(Some(value.clone()))>{label}</button>
        }
    };
    view! {
        <div class="rp-toolbar">
            <VerbPicker value=verb verbs=&MATRIX_VERBS
                on_change=Callback::new(move |v: Verb| set_verb.set(Some(v.as_str().to_string()))) />
            <div class="rp-toolbar__actions">
                <button type="button" class="rp-button" on:click=download data-testid="matrix-csv">"Download CSV"</button>
            </div>
        </div>
        <div class="rp-panel rp-heatmap-panel">
            <h2 class="rp-panel__title">{move || format!("Records each user can {} — share of the table, number printed", verb.get().label().to_lowercase())}</h2>
            <div class="rp-heatmap__scroll">
                <table class="rp-heatmap" data-testid="matrix">
                    <thead>
                        <tr>
                            <th scope="col" class="rp-heatmap__corner">
                                {sort_button("bu".into(), "User (by business unit)".into())}
                            </th>
                            <th scope="col">{sort_button("total".into(), "Total".into())}</th>
                            {move || {
                                let (model, _, _) = key.get()?;
                                Some(model.tables.iter().map(|t| {
                                    let label = display(&model, &t.name).to_string();
                                    view! { <th scope="col" class="rp-heatmap__col">{sort_button(format!("t:{}", t.name), label)}</th> }
                                }).collect_view())
                            }}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let (model, _, index) = key.get()?;
                            let matrix = matrix.get()?;
                            let order = order.get()?;
                            let verb = verb.get();
                            Some(order.iter().map(|u| row(&model, &index, &matrix, *u, verb)).collect_view())
                        }}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

fn row(
    model: &engine::model::Model,
    index: &engine::query::DataIndex,
    matrix: &Matrix,
    u: usize,
    verb: Verb,
) -> impl IntoView + use<> {
    let user = matrix.users.get(u).copied().unwrap_or_default();
    let id = model.user_name(user).to_string();
    let bu = model
        .users
        .get(user.index())
        .map_or("", |x| model.bu_name(x.bu))
        .to_string();
    let name = display(model, &id).to_string();
    let total: u64 = (0..matrix.tables.len())
        .map(|t| u64::from(matrix.get(u, t, verb)))
        .sum();
    let cells = matrix
        .tables
        .iter()
        .enumerate()
        .map(|(t, table)| cell(model, index, &id, *table, matrix.get(u, t, verb), verb))
        .collect_view();
    view! {
        <tr>
            <th scope="row" class="rp-heatmap__row">
                <span class="rp-heatmap__name">{name}</span>
                <span class="rp-heatmap__bu">{bu}</span>
            </th>
            <td class="rp-heatmap__total">{thousands(total as usize)}</td>
            {cells}
        </tr>
    }
}

fn cell(
    model: &engine::model::Model,
    index: &engine::query::DataIndex,
    user: &str,
    table: TableId,
    n: u32,
    verb: Verb,
) -> impl IntoView + use<> {
    let total = index.records_of(table).len();
    let heat = if total == 0 {
        0.0
    } else {
        f64::from(n) / total as f64
    };
    let table_name = model.table_name(table).to_string();
    let href = format!(
        "/simulate/see?user={user}&table={table_name}&verb={}",
        verb.as_str()
    );
    let title = format!(
        "{user} · {table_name}: {n} of {total} ({:.0}%)",
        heat * 100.0
    );
    view! {
        <td class="rp-heatmap__cell" style:--rp-heat=format!("{heat:.3}") data-zero=(n == 0).to_string()>
            <a href=href title=title.clone() aria-label=title data-testid=format!("cell-{user}-{table_name}")>
                {thousands(n as usize)}
            </a>
        </td>
    }
}
