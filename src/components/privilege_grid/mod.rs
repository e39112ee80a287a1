//! The role privilege grid: tables as rows (in Microsoft's groups), the eight privileges as
//! columns in Microsoft's order, each cell a depth glyph with its label. One tab stop; arrows
//! move (APG grid), `0`–`4` set a depth, `Enter`/`Space` or a click go one level up,
//! `Shift`+click or `Shift+Enter` one level down; a column or row header cycles the column or
//! row. The grid only reports edits; the page applies them through its actions.

mod keys;

use std::collections::BTreeMap;

use engine::model::{Depth, PrivSet, Verb, VerbDepths};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::depth_circle::{DepthCircle, depth_doc_term};
use crate::state::actions::designer_query::{GridRow, permission_setting};
pub use keys::{Cell, KeyAction, key_action};

/// An edit the grid asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridEdit {
    /// Set one cell.
    Set(PrivSet, Verb, Depth),
    /// One cell one level up (`true`) or down.
    Cycle(PrivSet, Verb, bool),
    /// A whole column one level up or down.
    Column(Verb, bool),
    /// A whole row one level up or down.
    Row(PrivSet, bool),
}

/// The privilege grid of one role.
#[component]
pub fn PrivilegeGrid(
    /// Accessible name of the grid ("Privileges of Store staff").
    #[prop(into)]
    label: Signal<String>,
    /// The rows, grouped and ordered.
    #[prop(into)]
    rows: Signal<Vec<GridRow>>,
    /// The role's depths per privilege set.
    #[prop(into)]
    depths: Signal<BTreeMap<PrivSet, VerbDepths>>,
    /// Predefined roles and shared models cannot be edited.
    #[prop(into)]
    read_only: Signal<bool>,
    /// Called for every edit.
    on_edit: Callback<GridEdit>,
) -> impl IntoView {
    let focus = RwSignal::new((1usize, 1usize));
    let table_ref = NodeRef::<leptos::html::Table>::new();
    let n_rows = move || rows.with(Vec::len);

    let focus_cell = move |cell: Cell| {
        focus.set(cell);
        let Some(table) = table_ref.get_untracked() else {
            return;
        };
        let selector = format!("[data-r=\"{}\"][data-c=\"{}\"]", cell.0, cell.1);
        if let Ok(Some(element)) = table.query_selector(&selector)
            && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = element.focus();
        }
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let at = focus.get_untracked();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match key_action(
            &ev.key(),
            ctrl,
            ev.shift_key(),
            at,
            n_rows(),
            Verb::ALL.len(),
        ) {
            KeyAction::Move(cell) => {
                ev.prevent_default();
                focus_cell(cell);
            }
            KeyAction::Set(depth) => {
                ev.prevent_default();
                let set = rows.with_untracked(|r| r.get(at.0.wrapping_sub(1)).map(|row| row.set));
                let verb = Verb::ALL.get(at.1.wrapping_sub(1)).copied();
                if let (Some(set), Some(verb)) = (set, verb) {
                    on_edit.run(GridEdit::Set(set, verb, depth));
                }
            }
            KeyAction::Previous => {
                ev.prevent_default();
                let set = rows.with_untracked(|r| r.get(at.0.wrapping_sub(1)).map(|row| row.set));
                let verb = Verb::ALL.get(at.1.wrapping_sub(1)).copied();
                match (set, verb) {
                    (Some(set), Some(verb)) => on_edit.run(GridEdit::Cycle(set, verb, false)),
                    (Some(set), None) => on_edit.run(GridEdit::Row(set, false)),
                    (None, Some(verb)) => on_edit.run(GridEdit::Column(verb, false)),
                    (None, None) => {}
                }
            }
            KeyAction::Ignore => {}
        }
    };

    let column_headers = Verb::ALL
        .into_iter()
        .enumerate()
        .map(|(i, verb)| {
            let c = i + 1;
            view! {
                <th scope="col" class="rp-grid__colhead">
                    <button
                        type="button"
                        class="rp-grid__headbtn"
                        data-r="0"
                        data-c=c
                        tabindex=move || if focus.get() == (0, c) { "0" } else { "-1" }
                        aria-disabled=move || read_only.get().to_string()
                        title="Click to set the whole column one level up; Shift+click one level down"
                        on:focus=move |_| focus.set((0, c))
                        on:click=move |ev| {
                            on_edit.run(GridEdit::Column(verb, !ev.shift_key()))
                        }
                    >
                        {verb.label()}
                    </button>
                </th>
            }
        })
        .collect_view();

    let numbered = move || {
        rows.get()
            .into_iter()
            .enumerate()
            .scan(None::<&'static str>, |last, (i, row)| {
                let first = *last != Some(row.group);
                *last = Some(row.group);
                Some((i + 1, first, row))
            })
            .collect::<Vec<_>>()
    };

    view! {
        <div class="rp-grid-wrap">
            <table
                class="rp-grid"
                role="grid"
                aria-label=move || label.get()
                aria-readonly=move || read_only.get().to_string()
                node_ref=table_ref
                on:keydown=on_keydown
            >
                <thead>
                    <tr>
                        <th scope="col" class="rp-grid__corner">"Table"</th>
                        {column_headers}
                        <th scope="col" class="rp-grid__preset">"Permission Settings"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=numbered
                        key=|(r, first, row)| (*r, *first, row.set, row.label.clone())
                        children=move |(r, first, row)| {
                            view! {
                                {first
                                    .then(|| {
                                        view! {
                                            <tr class="rp-grid__group">
                                                <th colspan="10" scope="colgroup">{row.group}</th>
                                            </tr>
                                        }
                                    })}
                                <GridRowView r row=row.clone() depths read_only focus on_edit />
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn GridRowView(
    r: usize,
    row: GridRow,
    depths: Signal<BTreeMap<PrivSet, VerbDepths>>,
    read_only: Signal<bool>,
    focus: RwSignal<(usize, usize)>,
    on_edit: Callback<GridEdit>,
) -> impl IntoView {
    let set = row.set;
    let row_depths =
        Memo::new(move |_| depths.with(|d| d.get(&set).map_or([Depth::None; 8], |v| v.0)));
    let allowed = row.allowed.clone();
    let preset = move || permission_setting(row_depths.get(), &allowed);
    let cells = Verb::ALL
        .into_iter()
        .enumerate()
        .map(|(i, verb)| {
            let c = i + 1;
            let depth = Signal::derive(move || {
                row_depths.with(|d| d.get(verb.index()).copied().unwrap_or_default())
            });
            let table_label = row.label.clone();
            let name = move || {
                let d = depth.get();
                format!(
                    "{table_label}, {}: {} ({})",
                    verb.label(),
                    d.label(),
                    depth_doc_term(d)
                )
            };
            view! {
                <td class="rp-grid__cell">
                    <button
                        type="button"
                        class="rp-grid__depth"
                        data-r=r
                        data-c=c
                        data-testid=format!("cell-{}-{}", row.logical.split(' ').next().unwrap_or_default(), verb.as_str())
                        tabindex=move || if focus.get() == (r, c) { "0" } else { "-1" }
                        aria-label=name
                        aria-disabled=move || read_only.get().to_string()
                        on:focus=move |_| focus.set((r, c))
                        on:click=move |ev| on_edit.run(GridEdit::Cycle(set, verb, !ev.shift_key()))
                    >
                        <DepthCircle depth labelled=true />
                    </button>
                </td>
            }
        })
        .collect_view();
    view! {
        <tr class="rp-grid__row">
            <th scope="row" class="rp-grid__rowhead">
                <button
                    type="button"
                    class="rp-grid__headbtn rp-grid__headbtn--row"
                    data-r=r
                    data-c="0"
                    tabindex=move || if focus.get() == (r, 0) { "0" } else { "-1" }
                    aria-disabled=move || read_only.get().to_string()
                    title="Click to set the whole row one level up; Shift+click one level down"
                    on:focus=move |_| focus.set((r, 0))
                    on:click=move |ev| on_edit.run(GridEdit::Row(set, !ev.shift_key()))
                >
                    <span class="rp-grid__table">{row.label.clone()}</span>
                    <span class="rp-grid__logical">{format!("{} · {}", row.logical, row.ownership)}</span>
                </button>
            </th>
            {cells}
            <td class="rp-grid__preset">{preset}</td>
        </tr>
    }
}
