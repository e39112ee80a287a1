//! A paged list of records with their access reason, filterable by owner, business unit, reason
//! and text. Thousands of rows stay responsive: only one page is in the DOM.

use std::collections::BTreeSet;

use engine::eval::Reason;
use leptos::prelude::*;

use crate::pages::simulator::Shared;
use crate::pages::simulator::queries::RecordRow;

/// Rows per page.
const PAGE: usize = 50;

/// The record list of "What can X see".
#[component]
pub fn RecordList(
    /// The rows (engine answers), shared.
    #[prop(into)]
    rows: Signal<Option<Shared<Vec<RecordRow>>>>,
    /// The Explain link of a record id.
    #[prop(into)]
    explain_href: Callback<String, String>,
) -> impl IntoView {
    let (owner, set_owner) = signal(String::new());
    let (bu, set_bu) = signal(String::new());
    let (reason, set_reason) = signal(String::new());
    let (text, set_text) = signal(String::new());
    let (page, set_page) = signal(0usize);
    // A new answer or filter goes back to the first page.
    Effect::new(move |_| {
        rows.track();
        owner.track();
        bu.track();
        reason.track();
        text.track();
        set_page.set(0);
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
    let n_pages = move || n_filtered().div_ceil(PAGE).max(1);
    let page_rows = move || {
        let Some(rows) = rows.get() else {
            return Vec::new();
        };
        let start = page.get() * PAGE;
        filtered.with(|f| {
            f.iter()
                .skip(start)
                .take(PAGE)
                .filter_map(|i| rows.get(*i).cloned())
                .collect::<Vec<_>>()
        })
    };
    let select = |label: &'static str,
                  value: ReadSignal<String>,
                  set: WriteSignal<String>,
                  options: Box<dyn Fn() -> Vec<String> + Send + Sync>| {
        view! {
            <label class="rp-field rp-field--inline">
                <span class="rp-field__label">{label}</span>
                <select class="rp-field__input" on:change:target=move |ev| set.set(ev.target().value())>
                    <option value="" selected=move || value.get().is_empty()>"Any"</option>
                    {move || options().into_iter().map(|o| {
                        let shown = if o.is_empty() { "(none)".to_string() } else { o.clone() };
                        let selected = value.get() == o;
                        view! { <option value=o selected=selected>{shown}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <div class="rp-record-list" data-testid="record-list">
            <div class="rp-record-list__filters">
                <label class="rp-field rp-field--inline">
                    <span class="rp-field__label">"Find"</span>
                    <input class="rp-field__input" type="search" placeholder="Id or title"
                        prop:value=move || text.get()
                        on:input:target=move |ev| set_text.set(ev.target().value()) />
                </label>
                {select("Owner", owner, set_owner, Box::new(move || choices.with(|c| c.0.iter().cloned().collect())))}
                {select("Business unit", bu, set_bu, Box::new(move || choices.with(|c| c.1.iter().cloned().collect())))}
                {select("Reason", reason, set_reason, Box::new(move || choices.with(|c| c.2.iter().map(|r| r.label().to_string()).collect())))}
            </div>
            <table class="rp-table">
                <thead>
                    <tr>
                        <th scope="col">"Record"</th>
                        <th scope="col">"Owner"</th>
                        <th scope="col">"Business unit"</th>
                        <th scope="col">"Why"</th>
                        <th scope="col">"Rules"</th>
                        <th scope="col"><span class="rp-visually-hidden">"Explain"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {move || page_rows().into_iter().map(|row| {
                        let href = explain_href.run(row.name.clone());
                        view! {
                            <tr>
                                <td class="rp-table__main">{row.label}</td>
                                <td><code>{row.owner}</code></td>
                                <td><code>{row.bu}</code></td>
                                <td><ReasonChip reason=row.reason /></td>
                                <td class="rp-table__muted rp-table__rules">{row.rules}</td>
                                <td><a href=href class="rp-link">"Explain"</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="rp-pager" role="group" aria-label="Pages">
                <span class="rp-pager__status" data-testid="record-list-status">
                    {move || {
                        let n = n_filtered();
                        if n == 0 {
                            "No records match".to_string()
                        } else {
                            let start = page.get() * PAGE;
                            format!("{}–{} of {}", start + 1, (start + PAGE).min(n), n)
                        }
                    }}
                </span>
                <button type="button" class="rp-button" disabled=move || page.get() == 0
                    on:click=move |_| set_page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                <button type="button" class="rp-button" disabled=move || { page.get() + 1 >= n_pages() }
                    on:click=move |_| set_page.update(|p| *p += 1)>"Next"</button>
            </div>
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
