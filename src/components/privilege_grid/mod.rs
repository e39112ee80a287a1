//! The role privilege grid: tables as rows (in Microsoft's groups), the eight privileges as
//! columns in Microsoft's order, each cell a depth glyph with its label, then the row's
//! Permission Settings as a menu button. One tab stop; arrows move (APG grid), `0`–`4` set a
//! depth, `Enter`/`Space` or a click go one level up, `Shift`+click or `Shift+Enter` one level
//! down; a column or row header cycles the column or row.
//!
//! Ranges: `Shift`+arrows, `Shift+Space` (row), `Ctrl+Space` (column) or dragging across cells
//! select a rectangle; a digit or `Delete` then sets every selected cell. `Ctrl+C` copies the
//! selection (or the focused row's eight levels) to the clipboard as text, `Ctrl+V` pastes such
//! text (from this role, another role or a spreadsheet) at the focused cell, filling a selection
//! that is a multiple of the copied block. `F2`, `Alt+↓`, the context-menu key, a right click or
//! the Permission Settings button open the row menu: the presets, a level for Read only or for
//! every privilege, and Copy table permissions to…. The grid only reports edits; the page
//! applies them through its actions.

mod keys;

use crate::text::counted;
use std::collections::BTreeMap;

use engine::model::{Depth, PrivSet, Verb, VerbDepths};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::depth_circle::{DepthCircle, depth_doc_term, depth_short_label};
use crate::state::actions::designer::fit_depth;
use crate::state::actions::designer_query::{GridRow, permission_setting};
use crate::state::actions::grid_ops::{
    LevelPreset, PasteCell, Preset, RowDepths, format_block, parse_block, paste_plan,
};
pub use keys::{Cell, KeyAction, Selection, key_action};

/// An edit the grid asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridEdit {
    /// Set one cell.
    Set(PrivSet, Verb, Depth),
    /// One cell one level up (`true`) or down.
    Cycle(PrivSet, Verb, bool),
    /// A whole column one level up or down.
    Column(Verb, bool),
    /// A whole row one level up or down.
    Row(PrivSet, bool),
    /// Several cells at once (0-based row into the grid's rows, 0-based verb column), each to
    /// be fitted to its table: a digit over a selection, or a paste. The label names it.
    Cells(Vec<PasteCell>, String),
    /// Whole rows written by a preset, with its label.
    Rows(Vec<(PrivSet, RowDepths)>, String),
    /// Open Copy table permissions for this row.
    CopyTableTo(PrivSet),
    /// Something to tell the person (a copy was made).
    Copied(String),
    /// Something the grid could not do, in one sentence.
    Refused(String),
}

const N_VERBS: usize = 8;

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
    let selection = RwSignal::new(Selection::at((1, 1)));
    let menu = RwSignal::new(None::<OpenMenu>);
    let drag_anchor = StoredValue::new(None::<Cell>);
    let dragged = StoredValue::new(false);
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
    let depth_at = move |r: usize, c: usize| -> Depth {
        let set = rows.with_untracked(|rs| rs.get(r.wrapping_sub(1)).map(|row| row.set));
        let Some(set) = set else {
            return Depth::None;
        };
        depths.with_untracked(|d| {
            d.get(&set).map_or(Depth::None, |v| {
                v.0.get(c.wrapping_sub(1)).copied().unwrap_or_default()
            })
        })
    };
    let open_menu = move |r: usize| {
        if r == 0 || r > n_rows() {
            return;
        }
        let anchor = table_ref.get_untracked().and_then(|t| {
            t.query_selector(&format!("[data-r=\"{r}\"][data-c=\"{}\"]", N_VERBS + 1))
                .ok()
                .flatten()
        });
        let (top, right) = anchor.map_or((120.0, 480.0), |a| {
            let rect = a.get_bounding_client_rect();
            (rect.bottom(), rect.right())
        });
        menu.set(Some(OpenMenu { row: r, top, right }));
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let at = focus.get_untracked();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match key_action(
            &ev.key(),
            ctrl,
            ev.shift_key(),
            ev.alt_key(),
            at,
            n_rows(),
            N_VERBS,
        ) {
            KeyAction::Move(cell) => {
                ev.prevent_default();
                selection.set(Selection::at(cell));
                focus_cell(cell);
            }
            KeyAction::Extend(cell) => {
                ev.prevent_default();
                selection.update(|s| {
                    let anchor = s.anchor;
                    let valid = anchor.0 >= 1 && (1..=N_VERBS).contains(&anchor.1);
                    *s = Selection {
                        anchor: if valid { anchor } else { cell },
                        head: cell,
                    };
                });
                focus_cell(cell);
            }
            KeyAction::SelectRow => {
                ev.prevent_default();
                if at.0 >= 1 {
                    selection.set(Selection::row((at.0, 1), N_VERBS));
                }
            }
            KeyAction::SelectColumn => {
                ev.prevent_default();
                if (1..=N_VERBS).contains(&at.1) {
                    selection.set(Selection::column((1, at.1), n_rows()));
                }
            }
            KeyAction::Collapse => selection.set(Selection::at(at)),
            KeyAction::Menu => {
                ev.prevent_default();
                open_menu(at.0);
            }
            KeyAction::Set(depth) => {
                ev.prevent_default();
                let sel = selection.get_untracked();
                if sel.is_range() && sel.contains(at) {
                    let cells: Vec<PasteCell> = sel
                        .cells()
                        .into_iter()
                        .map(|(r, c)| (r - 1, c - 1, depth))
                        .collect();
                    let label = format!(
                        "{} → {}",
                        counted(cells.len(), "cell", "cells"),
                        depth.label()
                    );
                    on_edit.run(GridEdit::Cells(cells, label));
                    return;
                }
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

    // Copy and paste arrive as clipboard events on the document; they belong to the grid when
    // focus is inside it.
    let focus_inside = move || -> bool {
        let active = document().active_element();
        match (table_ref.get_untracked(), active) {
            (Some(table), Some(active)) => table.contains(Some(&active)),
            _ => false,
        }
    };
    let copy_handle = window_event_listener(ev::copy, move |ev: web_sys::ClipboardEvent| {
        if !focus_inside() {
            return;
        }
        let at = focus.get_untracked();
        let sel = selection.get_untracked();
        let block: Vec<Vec<Depth>> = if sel.is_range() && sel.contains(at) {
            let ((r0, c0), (r1, c1)) = sel.bounds();
            (r0..=r1)
                .map(|r| (c0..=c1).map(|c| depth_at(r, c)).collect())
                .collect()
        } else if at.0 >= 1 && at.0 <= n_rows() {
            vec![(1..=N_VERBS).map(|c| depth_at(at.0, c)).collect()]
        } else {
            return;
        };
        let text = format_block(&block);
        if let Some(data) = ev.clipboard_data() {
            let _ = data.set_data("text/plain", &text);
            ev.prevent_default();
        }
        let what = if block.len() == 1 && block.first().map(Vec::len) == Some(N_VERBS) {
            let table = rows.with_untracked(|r| {
                r.get(at.0.wrapping_sub(1))
                    .map(|row| row.label.clone())
                    .unwrap_or_default()
            });
            format!("Copied the 8 levels of {table}")
        } else {
            let width = block.first().map_or(0, Vec::len);
            format!("Copied {} × {width} levels", block.len())
        };
        on_edit.run(GridEdit::Copied(format!(
            "{what}; paste them with Ctrl+V on another row or role"
        )));
    });
    let paste_handle = window_event_listener(ev::paste, move |ev: web_sys::ClipboardEvent| {
        if !focus_inside() {
            return;
        }
        ev.prevent_default();
        if read_only.get_untracked() {
            on_edit.run(GridEdit::Refused(
                "this role cannot be edited: nothing was pasted".to_string(),
            ));
            return;
        }
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        let block = match parse_block(&text) {
            Ok(block) => block,
            Err(error) => {
                on_edit.run(GridEdit::Refused(error));
                return;
            }
        };
        let at = focus.get_untracked();
        if at.0 == 0 || at.1 > N_VERBS {
            on_edit.run(GridEdit::Refused(
                "focus a cell or a table's name to paste levels into its row".to_string(),
            ));
            return;
        }
        let width = block.iter().map(Vec::len).max().unwrap_or(0);
        let sel = selection.get_untracked();
        let (top_left, size) = if sel.is_range() && sel.contains(at) {
            (sel.bounds().0, sel.size())
        } else {
            (at, (1, 1))
        };
        // A whole row lands on the whole row, wherever focus is in it.
        let (top_left, size) = if width == N_VERBS {
            ((top_left.0, 1), (size.0, N_VERBS))
        } else {
            ((top_left.0, top_left.1.max(1)), size)
        };
        let cells = paste_plan(
            &block,
            (top_left.0 - 1, top_left.1 - 1),
            size,
            (n_rows(), N_VERBS),
        );
        let label = format!("Paste {} × {width} levels", block.len());
        on_edit.run(GridEdit::Cells(cells, label));
    });
    on_cleanup(move || {
        copy_handle.remove();
        paste_handle.remove();
    });

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
    // Owned by the grid (not by the menu, which is gone by the time it runs).
    let close_menu = Callback::new(move |restore_focus: bool| {
        let row = menu.get_untracked().map(|m| m.row);
        menu.set(None);
        if let Some(row) = row.filter(|_| restore_focus) {
            focus_cell((row, N_VERBS + 1));
        }
    });
    // A scroll of the grid moves the open menu with its button, or closes it once the button
    // has left the visible part of the grid.
    let host_ref = NodeRef::<leptos::html::Div>::new();
    let on_scroll = move |ev: web_sys::Event| {
        let Some(open) = menu.get_untracked() else {
            return;
        };
        let wrap = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let button = table_ref.get_untracked().and_then(|t| {
            t.query_selector(&format!(
                "[data-r=\"{}\"][data-c=\"{}\"]",
                open.row,
                N_VERBS + 1
            ))
            .ok()
            .flatten()
        });
        let element = host_ref
            .get_untracked()
            .and_then(|h| h.query_selector(".rp-menu").ok().flatten())
            .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
        match (wrap, button, element) {
            (Some(wrap), Some(button), Some(element)) => {
                let area = wrap.get_bounding_client_rect();
                let rect = button.get_bounding_client_rect();
                if rect.bottom() < area.top() || rect.top() > area.bottom() {
                    menu.set(None);
                } else {
                    place_menu(&element, rect.bottom(), rect.right());
                }
            }
            _ => menu.set(None),
        }
    };
    let mouseup_handle = window_event_listener(ev::mouseup, move |_| {
        drag_anchor.set_value(None);
    });
    on_cleanup(move || mouseup_handle.remove());
    let grid = GridState {
        focus,
        selection,
        drag_anchor,
        dragged,
        read_only,
        on_edit,
        open_menu: Callback::new(open_menu),
    };

    view! {
        // The menu sits outside the scrolling wrap: focusing it must not scroll the grid (a
        // scroll closes the menu, since its position would no longer match its row).
        <div class="rp-grid-host" node_ref=host_ref>
            <div class="rp-grid-wrap" on:scroll=on_scroll>
                <table
                    class="rp-grid"
                    role="grid"
                    aria-label=move || label.get()
                    aria-readonly=move || read_only.get().to_string()
                    aria-multiselectable="true"
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
                                    <GridRowView r row=row.clone() depths grid />
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            {move || {
                menu.get()
                    .map(|open| {
                        view! { <RowMenu open rows selection on_edit on_close=close_menu /> }
                    })
            }}
        </div>
    }
}

/// Puts the row menu under its button (bottom `top`, right edge `right`, viewport pixels), kept
/// inside the viewport. Through CSSOM: the Content-Security-Policy refuses inline style
/// attributes.
fn place_menu(menu: &web_sys::HtmlElement, top: f64, right: f64) {
    let style = menu.style();
    let width = f64::from(menu.offset_width());
    let height = f64::from(menu.offset_height());
    let viewport = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0);
    let left = (right - width).max(8.0);
    let top = if top + height > viewport - 8.0 {
        (viewport - height - 8.0).max(8.0)
    } else {
        top
    };
    let _ = style.set_property("left", &format!("{left}px"));
    let _ = style.set_property("top", &format!("{top}px"));
}

/// Where the row menu is open: its row (1-based) and the viewport position of its button.
#[derive(Debug, Clone, Copy, PartialEq)]
struct OpenMenu {
    row: usize,
    top: f64,
    right: f64,
}

/// What every row needs from the grid.
#[derive(Clone, Copy)]
struct GridState {
    focus: RwSignal<Cell>,
    selection: RwSignal<Selection>,
    drag_anchor: StoredValue<Option<Cell>>,
    dragged: StoredValue<bool>,
    read_only: Signal<bool>,
    on_edit: Callback<GridEdit>,
    open_menu: Callback<usize>,
}

#[component]
fn GridRowView(
    r: usize,
    row: GridRow,
    depths: Signal<BTreeMap<PrivSet, VerbDepths>>,
    grid: GridState,
) -> impl IntoView {
    let GridState {
        focus,
        selection,
        drag_anchor,
        dragged,
        read_only,
        on_edit,
        open_menu,
    } = grid;
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
            let selected = move || selection.with(|s| s.is_range() && s.contains((r, c)));
            view! {
                <td
                    class="rp-grid__cell"
                    aria-selected=move || selected().to_string()
                    on:contextmenu=move |ev| {
                        ev.prevent_default();
                        focus.set((r, c));
                        open_menu.run(r);
                    }
                >
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
                        on:mousedown=move |ev: web_sys::MouseEvent| {
                            if ev.button() == 0 && !ev.shift_key() {
                                drag_anchor.set_value(Some((r, c)));
                                dragged.set_value(false);
                            }
                        }
                        on:mouseover=move |ev: web_sys::MouseEvent| {
                            if ev.buttons() & 1 == 1
                                && let Some(anchor) = drag_anchor.get_value()
                            {
                                dragged.set_value(true);
                                selection.set(Selection { anchor, head: (r, c) });
                                focus.set((r, c));
                                if let Some(cell) = ev
                                    .current_target()
                                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                                {
                                    let _ = cell.focus();
                                }
                            }
                        }
                        on:click=move |ev| {
                            if dragged.get_value() {
                                // The end of a drag back onto its first cell is no click.
                                dragged.set_value(false);
                                return;
                            }
                            selection.set(Selection::at((r, c)));
                            on_edit.run(GridEdit::Cycle(set, verb, !ev.shift_key()))
                        }
                    >
                        <DepthCircle depth labelled=true />
                    </button>
                </td>
            }
        })
        .collect_view();
    let preset_label = preset.clone();
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
            <td class="rp-grid__preset">
                <button
                    type="button"
                    class="rp-grid__presetbtn"
                    data-r=r
                    data-c=N_VERBS + 1
                    data-testid=format!("preset-{}", row.logical.split(' ').next().unwrap_or_default())
                    tabindex=move || if focus.get() == (r, N_VERBS + 1) { "0" } else { "-1" }
                    aria-haspopup="menu"
                    aria-label=move || format!("Permission Settings of {}: {}", row.label, preset_label())
                    on:focus=move |_| focus.set((r, N_VERBS + 1))
                    on:click=move |_| open_menu.run(r)
                >
                    <span>{preset}</span>
                    <span aria-hidden="true" class="rp-grid__caret">"▾"</span>
                </button>
            </td>
        </tr>
    }
}

/// One entry of the row menu.
#[derive(Debug, Clone, PartialEq)]
struct MenuEntry {
    group: &'static str,
    label: String,
    detail: String,
    edit: GridEdit,
}

/// The levels of a row in one short line: "C User · R Org · …".
fn preview(row: &RowDepths) -> String {
    Verb::ALL
        .into_iter()
        .map(|v| {
            let short = match v {
                Verb::Create => "C",
                Verb::Read => "R",
                Verb::Write => "W",
                Verb::Delete => "D",
                Verb::Append => "A",
                Verb::AppendTo => "AT",
                Verb::Assign => "As",
                Verb::Share => "S",
            };
            format!(
                "{short} {}",
                depth_short_label(row.get(v.index()).copied().unwrap_or_default())
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn fitted(row: &GridRow, wanted: RowDepths) -> RowDepths {
    wanted.map(|d| fit_depth(&row.allowed, d))
}

/// The menu's entries for `targets` (the row, or every row of a selection that includes it).
fn menu_entries(targets: &[GridRow], first: &GridRow) -> Vec<MenuEntry> {
    let n = targets.len();
    let whom = if n == 1 {
        first.label.clone()
    } else {
        format!("{n} tables")
    };
    let rows_for = |wanted: &dyn Fn(&GridRow) -> RowDepths| -> Vec<(PrivSet, RowDepths)> {
        targets.iter().map(|t| (t.set, wanted(t))).collect()
    };
    let suffix = if n == 1 {
        String::new()
    } else {
        format!(" — for {n} tables; shown for {}", first.label)
    };
    let mut out = Vec::new();
    for preset in Preset::ALL {
        let rows = rows_for(&|t: &GridRow| preset.depths(&t.allowed));
        out.push(MenuEntry {
            group: "Permission Settings",
            label: preset.label().to_string(),
            detail: format!(
                "{}: {}{suffix}",
                preset.meaning(),
                preview(&preset.depths(&first.allowed))
            ),
            edit: GridEdit::Rows(
                rows,
                format!("{whom}: Permission Settings → {}", preset.label()),
            ),
        });
    }
    let levels: Vec<Depth> = if n == 1 {
        first
            .allowed
            .iter()
            .copied()
            .filter(|d| *d != Depth::None)
            .collect()
    } else {
        Depth::ALL
            .into_iter()
            .filter(|d| *d != Depth::None)
            .collect()
    };
    for kind in [LevelPreset::ReadOnly, LevelPreset::Full] {
        for level in &levels {
            let level = *level;
            let rows = rows_for(&|t: &GridRow| fitted(t, kind.depths(level)));
            out.push(MenuEntry {
                group: kind.label(),
                label: format!("{} {}", kind.label(), level.label()),
                detail: format!("{}{suffix}", preview(&fitted(first, kind.depths(level)))),
                edit: GridEdit::Rows(rows, format!("{whom}: {} {}", kind.label(), level.label())),
            });
        }
    }
    if n == 1 {
        out.push(MenuEntry {
            group: "Copy",
            label: "Copy table permissions to…".to_string(),
            detail: format!("write the 8 levels of {} over other tables", first.label),
            edit: GridEdit::CopyTableTo(first.set),
        });
    }
    out
}

/// The row menu (APG menu): arrows move, `Enter` runs, `Escape` or `Tab` closes.
#[component]
fn RowMenu(
    open: OpenMenu,
    rows: Signal<Vec<GridRow>>,
    selection: RwSignal<Selection>,
    on_edit: Callback<GridEdit>,
    /// Closes the menu; `true` puts focus back on the row's Permission Settings button.
    on_close: Callback<bool>,
) -> impl IntoView {
    let menu_ref = NodeRef::<leptos::html::Div>::new();
    let (targets, first) = rows.with_untracked(|all| {
        let sel = selection.get_untracked();
        let in_selection = sel.is_range() && sel.rows().contains(&open.row);
        let targets: Vec<GridRow> = if in_selection {
            sel.rows()
                .filter_map(|r| all.get(r.wrapping_sub(1)).cloned())
                .collect()
        } else {
            all.get(open.row.wrapping_sub(1))
                .cloned()
                .into_iter()
                .collect()
        };
        let first = all.get(open.row.wrapping_sub(1)).cloned();
        (targets, first)
    });
    let Some(first) = first else {
        return ().into_any();
    };
    let entries = menu_entries(&targets, &first);
    let items = move || -> Vec<web_sys::HtmlElement> {
        let Some(menu) = menu_ref.get_untracked() else {
            return Vec::new();
        };
        let Ok(list) = menu.query_selector_all("[role=menuitem]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .collect()
    };
    Effect::new(move |_| {
        if let Some(menu) = menu_ref.get() {
            place_menu(&menu, open.top, open.right);
        }
        if let Some(first) = items().first() {
            let _ = first.focus();
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        ev.stop_propagation();
        let list = items();
        let active = document().active_element();
        let at = list.iter().position(|e| {
            active
                .as_ref()
                .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
        });
        let go = |i: usize| {
            if let Some(e) = list.get(i) {
                let _ = e.focus();
            }
        };
        let last = list.len().saturating_sub(1);
        match ev.key().as_str() {
            "ArrowDown" => go(at.map_or(0, |i| if i >= last { 0 } else { i + 1 })),
            "ArrowUp" => go(at.map_or(last, |i| if i == 0 { last } else { i - 1 })),
            "Home" => go(0),
            "End" => go(last),
            "Escape" | "Tab" => on_close.run(true),
            _ => return,
        }
        ev.prevent_default();
    };
    let title = if targets.len() == 1 {
        format!("{}: Permission Settings", first.label)
    } else {
        format!("{} tables: Permission Settings", targets.len())
    };
    let mut last_group = "";
    let body = entries
        .into_iter()
        .map(|entry| {
            let heading = (entry.group != last_group).then(|| {
                view! { <li role="presentation" class="rp-menu__group">{entry.group}</li> }
            });
            last_group = entry.group;
            let edit = entry.edit.clone();
            view! {
                {heading}
                <li role="none">
                    <button
                        type="button"
                        role="menuitem"
                        class="rp-menu__item"
                        tabindex="-1"
                        on:click=move |_| {
                            on_edit.run(edit.clone());
                            on_close.run(true);
                        }
                    >
                        <span class="rp-menu__label">{entry.label}</span>
                        <span class="rp-menu__detail">{entry.detail}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let heading = title.clone();
    view! {
        <div
            class="rp-menu"
            role="menu"
            aria-label=title
            node_ref=menu_ref
            on:keydown=on_keydown
            on:focusout=move |ev: web_sys::FocusEvent| {
                // Only the DOM here: the menu may already be gone (Chrome sends focusout when a
                // focused element is removed).
                let menu = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                let to = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                let inside = menu.zip(to).is_some_and(|(m, t)| m.contains(Some(&t)));
                if !inside {
                    on_close.run(false);
                }
            }
        >
            <p class="rp-menu__title" aria-hidden="true">{heading}</p>
            <ul class="rp-menu__list" role="presentation">{body}</ul>
        </div>
    }
    .into_any()
}
