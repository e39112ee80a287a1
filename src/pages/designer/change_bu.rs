//! Change Business Unit for a user or a team (BU-8): pick the business unit, choose *Move records
//! to new business unit*, then confirm after reading what will happen — the roles removed, the
//! records that move or stay, the default team left and joined — as the engine computes it
//! (`engine::edit::bu_change_effect`). The change itself goes through the Designer's history.

use engine::model::{BuId, Principal};
use leptos::prelude::*;

use super::context::use_designer;
use crate::state::actions::designer::{
    bu_change_sentences, change_team_bu, change_user_bu, display,
};

/// The Change Business Unit section of a user or team.
#[component]
pub fn ChangeBusinessUnit(
    /// The user or team; `None` while it does not exist.
    #[prop(into)]
    principal: Signal<Option<Principal>>,
) -> impl IntoView {
    let designer = use_designer();
    let names = crate::components::use_names();
    let new_bu = RwSignal::new(String::new());
    let move_records = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let target = move || {
        let id = new_bu.get();
        designer
            .with_model(|m| {
                m.bus
                    .iter()
                    .position(|b| b.name == id)
                    .map(BuId::from_index)
            })
            .flatten()
    };
    let choices = move || {
        let p = principal.get();
        designer
            .with_model(|m| {
                let current = p.and_then(|p| m.principal_bu(p));
                m.bus
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(BuId::from_index(*i)) != current)
                    .map(|(_, b)| (b.name.clone(), display(m, &b.name).to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let warning = move || {
        designer.with_model(|m| {
            if m.settings.modernized_bu && m.settings.do_not_remove_roles_on_change_bu {
                "Record ownership across business units keeps the security roles (DoNotRemoveRolesOnChangeBusinessUnit)."
            } else {
                "Changing the business unit removes all security roles assigned directly. Assign them again in the new business unit (BU-8)."
            }
        })
    };
    let effect = move || {
        let (Some(p), Some(bu)) = (principal.get(), target()) else {
            return None;
        };
        let move_records = move_records.get();
        designer.app.workspace.with(|w| {
            w.as_ref()
                .and_then(|w| bu_change_sentences(w, p, bu, move_records))
        })
    };
    let confirm = move |_| {
        let (Some(p), Some(bu)) = (principal.get_untracked(), target()) else {
            return;
        };
        let keep = move_records.get_untracked();
        let label = designer
            .with_model_untracked(|m| {
                let who = match p {
                    Principal::User(u) => names.user(m, u),
                    Principal::Team(t) => display(m, m.team_name(t)).to_string(),
                    Principal::Organization => String::new(),
                };
                format!(
                    "Change business unit of {who} to {}{}",
                    display(m, m.bu_name(bu)),
                    if keep { ", moving records" } else { "" }
                )
            })
            .unwrap_or_default();
        let result = designer.edit(label, |ws| match p {
            Principal::User(u) => change_user_bu(ws, u, bu, keep),
            Principal::Team(t) => change_team_bu(ws, t, bu, keep),
            Principal::Organization => Err("the organization has no business unit".into()),
        });
        if result.is_ok() {
            confirming.set(false);
            new_bu.set(String::new());
        }
    };
    view! {
        <div class="rp-change-bu" data-testid="change-bu">
            <h3 class="rp-section-title">"Change Business Unit"</h3>
            <p class="rp-note" role="note" data-testid="change-bu-warning">{warning}</p>
            <div class="rp-form rp-form--inline">
                <select class="rp-select" aria-label="New business unit" data-testid="new-bu"
                    prop:value=move || new_bu.get()
                    on:change=move |ev| { new_bu.set(event_target_value(&ev)); confirming.set(false); }>
                    <option value="">"choose a business unit"</option>
                    {move || choices().into_iter().map(|(bid, name)| view! { <option value=bid>{name}</option> }).collect_view()}
                </select>
                <label class="rp-check"><input type="checkbox" prop:checked=move || move_records.get()
                    on:change=move |_| move_records.update(|m| *m = !*m) />"Move records to new business unit"</label>
                <button type="button" class="rp-button" disabled=move || new_bu.get().is_empty()
                    aria-expanded=move || confirming.get().to_string()
                    on:click=move |_| confirming.set(true)>"Change business unit…"</button>
            </div>
            <Show when=move || confirming.get() && target().is_some()>
                <div class="rp-confirm rp-confirm--stack" role="group" aria-labelledby="rp-change-bu-effect" data-testid="change-bu-effect">
                    <p class="rp-confirm__title" id="rp-change-bu-effect">"What this change does"</p>
                    <ul class="rp-plain-list">
                        {move || effect().unwrap_or_default().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                    <div class="rp-form rp-form--inline">
                        <button type="button" class="rp-button rp-button--primary" on:click=confirm>"Change business unit"</button>
                        <button type="button" class="rp-button rp-button--subtle" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
