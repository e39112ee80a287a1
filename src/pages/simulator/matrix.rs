//! The access matrix: users, teams or business units × tables heatmap of reachable records for
//! one privilege, sortable, each cell a click through (a user's cell to their record list, a
//! team's or BU's cell to the matrix of its users); CSV and PNG downloads. The cell's
//! intensity is one custom property (`--rp-heat`, 0…1 of the table's records); the number is
//! always printed.

use engine::model::{TableId, Verb};
use engine::query::{MATRIX_VERBS, MatrixRow, PrincipalMatrix};
use leptos::prelude::*;
use leptos_router::hooks::query_signal_with_options;

use super::cache::{Shared, cached_memo};
use super::matrix_png::{HeatPicture, HeatRow, png_data_url};
use super::pickers::VerbPicker;
use super::queries::{self, RowKind, display, row_label, row_users};
use super::see::{SimKey, replace};
use crate::components::{download_text, download_url};
use crate::state::{Workspace, use_app};
use crate::text::thousands;

/// What a row kind's numbers mean, shown under the picker and drawn on the PNG.
fn caption(kind: RowKind, verb: Verb) -> String {
    let verb = verb.label().to_lowercase();
    match kind {
        RowKind::User => {
            format!("Records each user can {verb} — share of the table, number printed")
        }
        RowKind::Team => format!(
            "Records a member can {verb} through the team alone: the team's roles (measured from the team's business unit), records the team owns and records shared with it — not the member's own roles or other teams. Access teams hold no roles, so alone they give nothing."
        ),
        RowKind::BusinessUnit => format!(
            "Records at least one enabled user of the business unit can {verb} (each record counted once; users of child business units not included)"
        ),
    }
}

#[component]
pub fn AccessMatrix(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let app = use_app();
    let (verb_q, set_verb) = query_signal_with_options::<String>("verb", replace());
    let (sort, set_sort) = query_signal_with_options::<String>("sort", replace());
    let (rows_q, set_rows) = query_signal_with_options::<String>("rows", replace());
    // Drill-down of the user rows: a team's members or a BU's enabled users.
    let (of_q, set_of) = query_signal_with_options::<String>("of", replace());
    let verb = Signal::derive(move || {
        verb_q
            .get()
            .and_then(|v| Verb::parse(&v))
            .filter(|v| MATRIX_VERBS.contains(v))
            .unwrap_or(Verb::Read)
    });
    let kind = Signal::derive(move || {
        rows_q
            .get()
            .and_then(|k| RowKind::parse(&k))
            .unwrap_or(RowKind::User)
    });
    let key = Memo::new(move |_| -> Option<SimKey> {
        let ws = ws.get()?;
        Some((
            Shared(ws.model.clone()),
            Shared(ws.data.clone()),
            Shared(ws.index.clone()),
        ))
    });
    // `of=team:ID` or `of=bu:ID`: the principal whose users the user rows are.
    let of = Memo::new(move |_| -> Option<MatrixRow> {
        if kind.get() != RowKind::User {
            return None;
        }
        let of = of_q.get()?;
        let (model, _, _) = key.get()?;
        let names = model.name_index();
        match of.split_once(':')? {
            ("team", id) => names.teams.get(id).map(|t| MatrixRow::Team(*t)),
            ("bu", id) => names.bus.get(id).map(|b| MatrixRow::BusinessUnit(*b)),
            _ => None,
        }
    });
    let matrix = cached_memo(
        move || Some((key.get()?, kind.get(), of.get())),
        |((model, data, index), kind, of): &(SimKey, RowKind, Option<MatrixRow>)| {
            let users = of.map(|row| row_users(model, row));
            queries::rows_matrix(model, data, index, *kind, users.as_deref())
        },
    );
    // Row order: by business unit then name (default), by row total, or by one table's count.
    let order = Memo::new(move |_| {
        let (model, _, _) = key.get()?;
        let matrix = matrix.get()?;
        let verb = verb.get();
        let mut rows: Vec<usize> = (0..matrix.rows.len()).collect();
        let total = |r: usize| {
            (0..matrix.tables.len())
                .map(|t| u64::from(matrix.get(r, t, verb)))
                .sum::<u64>()
        };
        // Grouped by business unit (a user's or team's own, a BU itself), then by id.
        let keys: Vec<(String, String)> = matrix
            .rows
            .iter()
            .map(|row| {
                let bu = match row {
                    MatrixRow::User(u) => model.users.get(u.index()).map(|x| x.bu),
                    MatrixRow::Team(t) => model.teams.get(t.index()).map(|x| x.bu),
                    MatrixRow::BusinessUnit(b) => Some(*b),
                };
                let bu = bu.map_or(String::new(), |b| model.bu_name(b).to_string());
                (bu, row_label(&model, *row).0)
            })
            .collect();
        match sort.get().as_deref() {
            Some("total") => rows.sort_by_key(|r| std::cmp::Reverse(total(*r))),
            Some(table) if table.starts_with("t:") => {
                let t = matrix
                    .tables
                    .iter()
                    .position(|t| model.table_name(*t) == &table[2..]);
                if let Some(t) = t {
                    rows.sort_by_key(|r| std::cmp::Reverse(matrix.get(*r, t, verb)));
                }
            }
            _ => rows.sort_by(|a, b| keys.get(*a).cmp(&keys.get(*b))),
        }
        Some(Shared::new(rows))
    });
    let download = move |_| {
        let (Some((model, _, _)), Some(matrix)) = (key.get_untracked(), matrix.get_untracked())
        else {
            return;
        };
        let verb = verb.get_untracked();
        let csv = queries::principal_matrix_csv(&model, &matrix, verb);
        let name = format!(
            "access-matrix-{}-{}.csv",
            kind.get_untracked().as_str(),
            verb.as_str()
        );
        if let Err(e) = download_text(&name, "text/csv", &csv) {
            app.error(e);
        }
    };
    let download_png = move |_| {
        let (Some((model, _, index)), Some(matrix), Some(order)) = (
            key.get_untracked(),
            matrix.get_untracked(),
            order.get_untracked(),
        ) else {
            return;
        };
        let (verb, kind) = (verb.get_untracked(), kind.get_untracked());
        let picture = picture(&model, &index, &matrix, &order, kind, verb);
        let name = format!("access-matrix-{}-{}.png", kind.as_str(), verb.as_str());
        if let Err(e) = png_data_url(&picture).and_then(|url| download_url(&name, &url)) {
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
    let kind_button = move |k: RowKind, label: &'static str| {
        view! {
            <button type="button" class="rp-segmented__option"
                aria-pressed=move || (kind.get() == k).to_string()
                data-testid=format!("matrix-rows-{}", k.as_str())
                on:click=move |_| {
                    set_of.set(None);
                    set_rows.set((k != RowKind::User).then(|| k.as_str().to_string()));
                }>{label}</button>
        }
    };
    let corner = move || match kind.get() {
        RowKind::User => "User (by business unit)",
        RowKind::Team => "Team (by business unit)",
        RowKind::BusinessUnit => "Business unit",
    };
    view! {
        <div class="rp-toolbar">
            <div class="rp-segmented" role="group" aria-label="Rows">
                {kind_button(RowKind::User, "Users")}
                {kind_button(RowKind::Team, "Teams")}
                {kind_button(RowKind::BusinessUnit, "Business units")}
            </div>
            <VerbPicker value=verb verbs=&MATRIX_VERBS
                on_change=Callback::new(move |v: Verb| set_verb.set(Some(v.as_str().to_string()))) />
            <div class="rp-toolbar__actions">
                <button type="button" class="rp-button" on:click=download data-testid="matrix-csv">"Download CSV"</button>
                <button type="button" class="rp-button" on:click=download_png data-testid="matrix-png">"Download PNG"</button>
            </div>
        </div>
        <div class="rp-panel rp-heatmap-panel">
            <h2 class="rp-panel__title">{move || match kind.get() {
                RowKind::User => "Records each user can reach",
                RowKind::Team => "Records a member reaches through each team alone",
                RowKind::BusinessUnit => "Records each business unit's users reach between them",
            }}</h2>
            <p class="rp-panel__text" data-testid="matrix-caption">{move || caption(kind.get(), verb.get())}</p>
            {move || {
                let row = of.get()?;
                let (model, _, _) = key.get()?;
                let (id, name, _) = row_label(&model, row);
                let what = match row {
                    MatrixRow::Team(_) => format!("Members of team {name} ({id})"),
                    _ => format!("Enabled users of business unit {name}"),
                };
                Some(view! {
                    <p class="rp-panel__text" data-testid="matrix-of">{what}" · "
                        <button type="button" class="rp-link-button" on:click=move |_| set_of.set(None)>"All users"</button>
                    </p>
                })
            }}
            <div class="rp-heatmap__scroll">
                <table class="rp-heatmap" data-testid="matrix">
                    <thead>
                        <tr>
                            <th scope="col" class="rp-heatmap__corner">
                                {move || sort_button("bu".into(), corner().into())}
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
                            Some(order.iter().map(|r| row(&model, &index, &matrix, *r, verb)).collect_view())
                        }}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The picture the PNG shows: the rows in the page's order.
fn picture(
    model: &engine::model::Model,
    index: &engine::query::DataIndex,
    matrix: &PrincipalMatrix,
    order: &[usize],
    kind: RowKind,
    verb: Verb,
) -> HeatPicture {
    HeatPicture {
        title: format!("{} — {}", model.name, caption(kind, verb)),
        columns: matrix
            .tables
            .iter()
            .map(|t| display(model, model.table_name(*t)).to_string())
            .collect(),
        rows: order
            .iter()
            .map(|r| {
                let (_, name, sub) = matrix
                    .rows
                    .get(*r)
                    .map(|row| row_label(model, *row))
                    .unwrap_or_default();
                let cells: Vec<(u32, f64)> = matrix
                    .tables
                    .iter()
                    .enumerate()
                    .map(|(t, table)| {
                        let n = matrix.get(*r, t, verb);
                        (n, share(n, index.records_of(*table).len()))
                    })
                    .collect();
                HeatRow {
                    name,
                    sub,
                    total: cells.iter().map(|(n, _)| u64::from(*n)).sum(),
                    cells,
                }
            })
            .collect(),
    }
}

fn share(n: u32, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        f64::from(n) / total as f64
    }
}

fn row(
    model: &engine::model::Model,
    index: &engine::query::DataIndex,
    matrix: &PrincipalMatrix,
    r: usize,
    verb: Verb,
) -> impl IntoView + use<> {
    let principal = matrix
        .rows
        .get(r)
        .copied()
        .unwrap_or(MatrixRow::User(Default::default()));
    let (id, name, sub) = row_label(model, principal);
    // People through the names helper (role labels while presenter mode hides names).
    let (name, shown) = match principal {
        MatrixRow::User(user) => {
            let names = crate::components::use_names();
            let name = names.user(model, user);
            let shown = names.user_id(model, user).unwrap_or_else(|| name.clone());
            (name, shown)
        }
        _ => (name, id.clone()),
    };
    let total: u64 = (0..matrix.tables.len())
        .map(|t| u64::from(matrix.get(r, t, verb)))
        .sum();
    let cells = matrix
        .tables
        .iter()
        .enumerate()
        .map(|(t, table)| {
            cell(
                model,
                index,
                principal,
                (&id, &shown),
                *table,
                matrix.get(r, t, verb),
                verb,
            )
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row" class="rp-heatmap__row">
                <span class="rp-heatmap__name">{name}</span>
                <span class="rp-heatmap__bu">{sub}</span>
            </th>
            <td class="rp-heatmap__total">{thousands(total as usize)}</td>
            {cells}
        </tr>
    }
}

fn cell(
    model: &engine::model::Model,
    index: &engine::query::DataIndex,
    principal: MatrixRow,
    (id, shown): (&str, &str),
    table: TableId,
    n: u32,
    verb: Verb,
) -> impl IntoView + use<> {
    let total = index.records_of(table).len();
    let heat = share(n, total);
    let table_name = model.table_name(table).to_string();
    let verb = verb.as_str();
    // A user's cell opens their record list; a team's or BU's opens the matrix of its users,
    // sorted by that table.
    let (href, testid) = match principal {
        MatrixRow::User(_) => (
            format!("/simulate/see?user={id}&table={table_name}&verb={verb}"),
            format!("cell-{id}-{table_name}"),
        ),
        MatrixRow::Team(_) => (
            format!("/simulate/matrix?of=team:{id}&verb={verb}&sort=t:{table_name}"),
            format!("cell-team-{id}-{table_name}"),
        ),
        MatrixRow::BusinessUnit(_) => (
            format!("/simulate/matrix?of=bu:{id}&verb={verb}&sort=t:{table_name}"),
            format!("cell-bu-{id}-{table_name}"),
        ),
    };
    let title = format!(
        "{shown} · {table_name}: {n} of {total} ({:.0}%)",
        heat * 100.0
    );
    view! {
        <td class="rp-heatmap__cell" style:--rp-heat=format!("{heat:.3}") data-zero=(n == 0).to_string()>
            <a href=href title=title.clone() aria-label=title data-testid=testid>
                {thousands(n as usize)}
            </a>
        </td>
    }
}
