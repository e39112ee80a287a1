//! The record list of "What can X see": filterable by owner, business unit, reason and text
//! (the table is chosen by the control the page puts first in the filter bar), and virtualised:
//! a scroll box of fixed-height rows where only the rows in view (plus a few) are in the DOM,
//! so 100,000 rows scroll as smoothly as ten.

use std::collections::BTreeSet;

use engine::eval::Reason;
use leptos::html::Div;
use leptos::prelude::*;

use crate::pages::simulator::Shared;
use crate::pages::simulator::queries::RecordRow;

/// A row's height in pixels (`.rp-record-list__row` in `record-list.css` must agree).
const ROW_H: usize = 36;
/// Rows in view in the scroll box (its height is `VIEW_ROWS * ROW_H` plus the heading).
const VIEW_ROWS: usize = 14;
/// Rows rendered above and below the view, so fast scrolling shows no gap.
const OVERSCAN: usize = 8;

/// The rows to render for a scroll position: (first row in view, first rendered, end rendered).
pub fn window(scroll_top: usize, n: usize) -> (usize, usize, usize) {
    let first = (scroll_top / ROW_H).min(n.saturating_sub(1));
    let start = first.saturating_sub(OVERSCAN);
    let end = (first + VIEW_ROWS + OVERSCAN).min(n);
    (first, start, end)
}

/// The record list of "What can X see".
#[component]
pub fn RecordList(
    /// The rows (engine answers), shared.
    #[prop(into)]
    rows: Signal<Option<Shared<Vec<RecordRow>>>>,
    /// The Explain link of a record id.
    #[prop(into)]
    explain_href: Callback<String, String>,
    /// Controls the page puts first in the filter bar (the table).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let (owner, set_owner) = signal(String::new());
    let (bu, set_bu) = signal(String::new());
    let (reason, set_reason) = signal(String::new());
    let (text, set_text) = signal(String::new());
    let (scroll_top, set_scroll_top) = signal(0usize);
    let scroller = NodeRef::<Div>::new();
    // A new answer or filter goes back to the top.
    Effect::new(move |_| {
        rows.track();
        owner.track();
        bu.track();
        reason.track();
        text.track();
        set_scroll_top.set(0);
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
    });
    let choices = Memo::new(move |_| {
        let mut owners = BTreeSet::new();
        let mut bus = BTreeSet::new();
        let mut reasons = BTreeSet::new();
        if let Some(rows) = rows.get() {
            for row in rows.iter() {
                owners.insert(row.owner.clone());
                bus.insert(row.bu.clone());
                reasons.insert(row.reason);
            }
        }
        (owners, bus, reasons)
    });
    let filtered = Memo::new(move |_| {
        let Some(rows) = rows.get() else {
            return Shared::new(Vec::new());
        };
        let (owner, bu, reason, text) = (
            owner.get(),
            bu.get(),
            reason.get(),
            text.get().to_lowercase(),
        );
        let keep: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| owner.is_empty() || r.owner == owner)
            .filter(|(_, r)| bu.is_empty() || r.bu == bu)
            .filter(|(_, r)| reason.is_empty() || r.reason.label() == reason)
            .filter(|(_, r)| text.is_empty() || r.label.to_lowercase().contains(&text))
            .map(|(i, _)| i)
            .collect();
        Shared::new(keep)
    });
    let n_filtered = move || filtered.with(|f| f.len());
    let range = Memo::new(move |_| window(scroll_top.get(), n_filtered()));
    let visible_rows = move || {
        let Some(rows) = rows.get() else {
            return Vec::new();
        };
        let (_, start, end) = range.get();
        filtered.with(|f| {
            f.get(start..end)
                .unwrap_or(&[])
                .iter()
                .filter_map(|i| rows.get(*i).cloned())
                .collect::<Vec<_>>()
        })
    };
    // Owners are people (or teams): shown through the names helper, so presenter mode can hide them.
    let names = crate::components::use_names();
    let select = move |label: &'static str,
                       testid: &'static str,
                       value: ReadSignal<String>,
                       set: WriteSignal<String>,
                       options: Box<dyn Fn() -> Vec<String> + Send + Sync>| {
        view! {
            <label class="rp-field rp-field--inline">
                <span class="rp-field__label">{label}</span>
                <select class="rp-field__input" data-testid=testid on:change:target=move |ev| set.set(ev.target().value())>
                    <option value="" selected=move || value.get().is_empty()>"Any"</option>
                    {move || options().into_iter().map(|o| {
                        let shown = if o.is_empty() { "(none)".to_string() } else { names.text(&o) };
                        let selected = value.get() == o;
                        view! { <option value=o selected=selected>{shown}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let spacer = |rows: usize| {
        view! { <tr class="rp-record-list__spacer" aria-hidden="true" style:height=format!("{}px", rows * ROW_H)></tr> }
    };
    view! {
        <div class="rp-record-list" data-testid="record-list">
            <div class="rp-record-list__filters">
                {children.map(|c| c())}
                <label class="rp-field rp-field--inline">
                    <span class="rp-field__label">"Find"</span>
                    <input class="rp-field__input" type="search" placeholder="Id or title" data-testid="record-list-find"
                        prop:value=move || text.get()
                        on:input:target=move |ev| set_text.set(ev.target().value()) />
                </label>
                {select("Owner", "record-list-owner", owner, set_owner, Box::new(move || choices.with(|c| c.0.iter().cloned().collect())))}
                {select("Business unit", "record-list-bu", bu, set_bu, Box::new(move || choices.with(|c| c.1.iter().cloned().collect())))}
                {select("Reason", "record-list-reason", reason, set_reason, Box::new(move || choices.with(|c| c.2.iter().map(|r| r.label().to_string()).collect())))}
            </div>
            <div class="rp-record-list__scroll" node_ref=scroller tabindex="0" role="region"
                aria-label="Records" data-testid="record-list-scroll"
                style:max-height=format!("{}px", (VIEW_ROWS + 1) * ROW_H)
                on:scroll:target=move |ev| {
                    let top = usize::try_from(ev.target().scroll_top()).unwrap_or(0);
                    // Only a change of the first row in view re-renders.
                    if top / ROW_H != scroll_top.get_untracked() / ROW_H {
                        set_scroll_top.set(top);
                    }
                }>
                <table class="rp-table rp-record-list__table" aria-rowcount=move || n_filtered() + 1>
                    <thead>
                        <tr>
                            <th scope="col" class="rp-record-list__record">"Record"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">"Business unit"</th>
                            <th scope="col">"Why"</th>
                            <th scope="col">"Rules"</th>
                            <th scope="col" class="rp-record-list__explain"><span class="rp-visually-hidden">"Explain"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || spacer(range.get().1)}
                        {move || {
                            let (_, start, _) = range.get();
                            visible_rows().into_iter().enumerate().map(|(i, row)| {
                                let href = explain_href.run(row.name.clone());
                                let (label, rules) = (row.label.clone(), row.rules.clone());
                                view! {
                                    <tr class="rp-record-list__row" aria-rowindex=start + i + 2 data-testid="record-row">
                                        <td class="rp-table__main" title=label>{row.label}</td>
                                        <td><code>{names.text(&row.owner)}</code></td>
                                        <td><code>{row.bu}</code></td>
                                        <td><ReasonChip reason=row.reason /></td>
                                        <td class="rp-table__muted rp-table__rules" title=rules>{row.rules}</td>
                                        <td><a href=href class="rp-link">"Explain"</a></td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                        {move || spacer(n_filtered().saturating_sub(range.get().2))}
                    </tbody>
                </table>
            </div>
            <p class="rp-pager__status" data-testid="record-list-status" aria-live="polite">
                {move || {
                    let n = n_filtered();
                    if n == 0 {
                        "No records match".to_string()
                    } else {
                        let (first, _, _) = range.get();
                        format!("{}–{} of {}", first + 1, (first + VIEW_ROWS).min(n), n)
                    }
                }}
            </p>
        </div>
    }
}

/// The access reason as a chip: word always shown, a modifier for the shape.
#[component]
pub fn ReasonChip(
    /// The reason.
    reason: Reason,
) -> impl IntoView {
    let modifier = match reason {
        Reason::SystemAdministrator => "admin",
        Reason::Organization => "org",
        Reason::ParentChildBu => "pcbu",
        Reason::BusinessUnit => "bu",
        Reason::Owner | Reason::TeamOwner => "owner",
        Reason::Shared | Reason::InheritedShare => "shared",
        Reason::Hierarchy => "hierarchy",
    };
    // System Administrator is abbreviated in the chip; the full label is its accessible name.
    let text = match reason {
        Reason::SystemAdministrator => "Sys admin",
        other => other.label(),
    };
    view! {
        <span class=format!("rp-chip rp-chip--{modifier}") title=reason.label() aria-label=reason.label()>
            {text}
        </span>
    }
}
