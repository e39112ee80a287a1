//! What can X see / do: per table the records a user can read, write, delete, assign and share,
//! the BU picture of their reach on one table, and the record list with a reason per row.

use crate::text::thousands;
use engine::data::Dataset;
use engine::model::{Depth, Model, TableId, UserId, Verb};
use engine::query::{DataIndex, MATRIX_VERBS};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::query_signal_with_options;

use super::cache::{Shared, cached_memo};
use super::export_visible::ExportVisible;
use super::pickers::{TablePicker, UserPicker, VerbPicker};
use super::queries::{self, display, find_table, find_user};
use crate::components::{BuReachNode, BuReachTree, RecordList};
use crate::state::Workspace;

/// The workspace parts a simulation reads, as a cache key.
pub type SimKey = (Shared<Model>, Shared<Dataset>, Shared<DataIndex>);

/// Query-string signals replace the history entry: picking is not navigating.
pub fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        scroll: false,
        ..NavigateOptions::default()
    }
}

#[component]
pub fn WhatCanSee(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let (user, set_user) = query_signal_with_options::<String>("user", replace());
    let (table, set_table) = query_signal_with_options::<String>("table", replace());
    let (verb_q, set_verb) = query_signal_with_options::<String>("verb", replace());
    let (direct, set_direct) = query_signal_with_options::<String>("direct", replace());
    let verb = Signal::derive(move || {
        verb_q
            .get()
            .and_then(|v| Verb::parse(&v))
            .unwrap_or(Verb::Read)
    });
    let direct_only = Signal::derive(move || direct.get().as_deref() == Some("1"));

    // The model simulated: the workspace's, or a copy without team roles.
    let direct_model = cached_memo(
        move || {
            direct_only
                .get()
                .then(|| ws.with(|w| w.as_ref().map(|w| Shared(w.model.clone()))))
                .flatten()
        },
        |model: &Shared<Model>| queries::direct_roles_only(model),
    );
    let key = Memo::new(move |_| -> Option<SimKey> {
        let ws = ws.get()?;
        let model = if direct_only.get() {
            direct_model.get()?
        } else {
            Shared(ws.model.clone())
        };
        Some((model, Shared(ws.data.clone()), Shared(ws.index.clone())))
    });
    let user_id = Memo::new(move |_| {
        let name = user.get()?;
        key.with(|k| find_user(&k.as_ref()?.0, &name))
    });
    let table_id = Memo::new(move |_| {
        let k = key.get()?;
        match table.get() {
            Some(name) => find_table(&k.0, &name),
            None => (!k.0.tables.is_empty()).then_some(TableId(0)),
        }
    });
    let reach = cached_memo(
        move || Some((key.get()?, user_id.get()?)),
        |((model, data, index), user): &(SimKey, UserId)| {
            queries::user_reach(model, data, index, *user)
        },
    );
    let rows = cached_memo(
        move || Some((key.get()?, user_id.get()?, table_id.get()?, verb.get())),
        |((model, data, index), user, table, verb): &(SimKey, UserId, TableId, Verb)| {
            queries::visible_rows(model, data, index, *user, *table, *verb)
        },
    );
    let tree = Memo::new(move |_| {
        let (model, data, index) = key.get()?;
        let rows = rows.get()?;
        let nodes = queries::bu_reach(
            &model,
            &index,
            &data,
            user_id.get()?,
            table_id.get()?,
            verb.get(),
            &rows,
        )
        .into_iter()
        .map(|reach| BuReachNode {
            id: model.bu_name(reach.bu).to_string(),
            name: display(&model, model.bu_name(reach.bu)).to_string(),
            reach,
        })
        .collect();
        Some(Shared::new(nodes))
    });
    let depth_note = Signal::derive(move || {
        let (model, _, _) = key.get()?;
        let depth = queries::deepest_depth(&model, user_id.get()?, table_id.get()?, verb.get());
        match depth {
            Depth::None => Some("No role grants this privilege on the table.".to_string()),
            Depth::User => Some("User depth: no unit is covered; only records they own, or that reach them through teams, shares or hierarchy.".to_string()),
            _ => None,
        }
    });
    let summary = move || {
        let (model, _, index) = key.get()?;
        let table = table_id.get()?;
        let n = rows.with(|r| r.as_ref().map(|r| r.len()))?;
        let total = index.records_of(table).len();
        Some(format!(
            "{} of {} {} records · {}",
            thousands(n),
            thousands(total),
            display(&model, model.table_name(table)),
            verb.get().label()
        ))
    };
    let explain_href = Callback::new(move |record: String| {
        format!(
            "/simulate/explain?user={}&record={}&verb={}",
            user.get_untracked().unwrap_or_default(),
            record,
            verb.get_untracked().as_str()
        )
    });
    let pick = move |t: TableId, v: Verb| {
        let name = key.with_untracked(|k| k.as_ref().map(|k| k.0.table_name(t).to_string()));
        set_table.set(name);
        set_verb.set(Some(v.as_str().to_string()));
    };

    view! {
        <div class="rp-toolbar">
            <UserPicker ws value=user on_change=Callback::new(move |u| set_user.set(u)) />
            <VerbPicker value=verb verbs=&Verb::ALL
                on_change=Callback::new(move |v: Verb| set_verb.set(Some(v.as_str().to_string()))) />
            <label class="rp-check">
                <input type="checkbox" prop:checked=direct_only
                    on:change:target=move |ev| set_direct.set(ev.target().checked().then(|| "1".to_string())) />
                "Direct roles only"
            </label>
        </div>
        <Show
            when=move || user_id.get().is_some()
            fallback=|| view! {
                <div class="rp-panel rp-empty">
                    <p class="rp-panel__text">"Pick a user to see, table by table, how many records they can read, write, delete, assign and share, and why."</p>
                </div>
            }
        >
            <div class="rp-panel">
                <h2 class="rp-panel__title">"Records reachable per table"</h2>
                <table class="rp-table rp-table--numbers" data-testid="reach-table">
                    <thead>
                        <tr>
                            <th scope="col">"Table"</th>
                            <th scope="col" class="rp-num">"Records"</th>
                            {MATRIX_VERBS.iter().map(|v| view! { <th scope="col" class="rp-num">{v.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || reach.get().map(|reach| {
                            let model = key.with(|k| k.as_ref().map(|k| k.0.clone()));
                            reach.iter().map(|r| {
                                let name = model.as_ref().map(|m| m.table_name(r.table).to_string()).unwrap_or_default();
                                let label = model.as_ref().map(|m| display(m, &name).to_string()).unwrap_or_default();
                                let cells = MATRIX_VERBS.iter().map(|v| {
                                    let v = *v;
                                    let n = r.count(v);
                                    let t = r.table;
                                    let pressed = move || (table_id.get() == Some(t) && verb.get() == v).to_string();
                                    view! {
                                        <td class="rp-num">
                                            <button type="button" class="rp-count" aria-pressed=pressed
                                                data-zero=(n == 0).to_string()
                                                data-testid=format!("count-{}-{}", name, v.as_str())
                                                on:click=move |_| pick(t, v)>
                                                {thousands(n as usize)}
                                            </button>
                                        </td>
                                    }
                                }).collect_view();
                                view! {
                                    <tr>
                                        <th scope="row">{label.clone()}{(label != name).then(|| view! { <span class="rp-table__id">{name.clone()}</span> })}</th>
                                        <td class="rp-num rp-table__muted">{thousands(r.total)}</td>
                                        {cells}
                                    </tr>
                                }
                            }).collect_view()
                        })}
                    </tbody>
                </table>
                <ExportVisible key user=user_id count=Signal::derive(move || {
                    reach.with(|r| r.as_ref().map(|r| r.iter().map(|t| t.count(Verb::Read) as usize).sum()))
                }) />
            </div>
            <div class="rp-sim__split">
                <div class="rp-panel rp-sim__main">
                    <h2 class="rp-panel__title" data-testid="see-summary">{summary}</h2>
                    <RecordList rows=rows explain_href>
                        <TablePicker ws value=Signal::derive(move || key.with(|k| Some(k.as_ref()?.0.table_name(table_id.get()?).to_string())))
                            on_change=Callback::new(move |t| set_table.set(t)) />
                    </RecordList>
                </div>
                <div class="rp-panel rp-sim__aside">
                    <h2 class="rp-panel__title">"Reach by business unit"</h2>
                    <BuReachTree nodes=tree note=depth_note />
                </div>
            </div>
        </Show>
    }
}
