//! What-if: edits kept in a sandbox (role depth, team membership, a share), the banner
//! "What-if · N changes · Apply · Discard", and at once who gains and loses access to how many
//! records of which table (`engine::query::what_if`, `what_if_records`).

use engine::model::{Depth, Rights, TeamKind, UserId, Verb};
use engine::query::MATRIX_VERBS;
use leptos::prelude::*;

use super::cache::{Shared, cached_memo};
use super::explain::EffectTable;
use super::queries::{self, display, find_record};
use super::sandbox::use_sandbox;
use super::see::SimKey;
use crate::state::{Workspace, use_app};

/// The banner shown on every simulator view while what-if mode is on.
#[component]
pub fn SandboxBanner() -> impl IntoView {
    let app = use_app();
    let sandbox = use_sandbox();
    view! {
        <Show when=move || sandbox.active()>
            <div class="rp-sandbox" role="status" data-testid="sandbox-banner">
                <span class="rp-sandbox__label">"What-if"</span>
                <span>{move || {
                    let n = sandbox.edits().with(Vec::len);
                    format!("{n} change{}", if n == 1 { "" } else { "s" })
                }}</span>
                <span class="rp-sandbox__edits">{move || crate::components::use_names().text(&sandbox.edits().get().join(" · "))}</span>
                <a class="rp-link" href="/simulate/what-if">"Effect"</a>
                <button type="button" class="rp-button rp-button--primary" on:click=move |_| sandbox.apply(app)>"Apply"</button>
                <button type="button" class="rp-button" on:click=move |_| sandbox.discard()>"Discard"</button>
            </div>
        </Show>
    }
}

#[component]
pub fn WhatIf(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let sandbox = use_sandbox();
    // The effect: model edits over the original data, then share edits under the new model.
    let effects = cached_memo(
        move || {
            let (before, after, records) = sandbox.before_after()?;
            Some((
                (
                    Shared(before.model),
                    Shared(before.data),
                    Shared(before.index),
                ),
                (Shared(after.model), Shared(after.data)),
                records,
            ))
        },
        |((before_model, before_data, index), (after_model, after_data), records): &(
            SimKey,
            (Shared<engine::model::Model>, Shared<engine::data::Dataset>),
            Vec<engine::model::RecordId>,
        )| {
            let mut out =
                queries::effect(before_model, after_model, before_data, index, &MATRIX_VERBS);
            if !records.is_empty() {
                out.extend(queries::data_effect(
                    after_model,
                    before_data,
                    after_data,
                    records,
                    &MATRIX_VERBS,
                ));
            }
            out
        },
    );
    let key = Memo::new(move |_| -> Option<SimKey> {
        let ws = ws.get()?;
        Some((
            Shared(ws.model.clone()),
            Shared(ws.data.clone()),
            Shared(ws.index.clone()),
        ))
    });
    view! {
        <div class="rp-sim__split rp-sim__split--even">
            <div class="rp-panel">
                <h2 class="rp-panel__title">"Change a role's depth"</h2>
                <RoleDepthEditor ws />
                <h2 class="rp-panel__title">"Change a team's members"</h2>
                <MembershipEditor ws />
                <h2 class="rp-panel__title">"Share a record"</h2>
                <ShareEditor ws />
            </div>
            <div class="rp-panel" data-testid="what-if-effect">
                <h2 class="rp-panel__title">"Effect of the sandbox"</h2>
                <Show
                    when=move || sandbox.active()
                    fallback=|| view! { <p class="rp-panel__text">"Make a change on the left: it goes to a sandbox, and the users gaining or losing access appear here before you apply or discard it."</p> }
                >
                    <EffectTable effects=Signal::derive(move || effects.get()) ws=key />
                </Show>
            </div>
        </div>
        <Show when=move || sandbox.active()>
            <p class="rp-panel__text rp-sim__foot">"While the sandbox is on, every simulator view shows the sandbox's answers."</p>
        </Show>
    }
}

fn options(items: Vec<(String, String)>) -> impl IntoView {
    items
        .into_iter()
        .map(|(value, label)| view! { <option value=value>{label}</option> })
        .collect_view()
}

#[component]
fn RoleDepthEditor(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let app = use_app();
    let sandbox = use_sandbox();
    let (role, set_role) = signal(String::new());
    let (table, set_table) = signal(String::new());
    let (verb, set_verb) = signal("read".to_string());
    let (depth, set_depth) = signal("org".to_string());
    let roles = move || {
        ws.with(|w| {
            w.as_ref().map(|w| {
                w.model
                    .roles
                    .iter()
                    .filter(|r| r.predefined.is_none())
                    .map(|r| (r.name.clone(), display(&w.model, &r.name).to_string()))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    };
    let tables = move || {
        ws.with(|w| {
            w.as_ref().map(|w| {
                w.model
                    .tables
                    .iter()
                    .map(|t| (t.name.clone(), display(&w.model, &t.name).to_string()))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    };
    // The depth the role holds now, from the simulated model.
    let current = move || {
        ws.with(|w| {
            let model = &w.as_ref()?.model;
            let role = model.roles.iter().position(|r| r.name == role.get())?;
            let table = queries::find_table(model, &table.get())?;
            let verb = Verb::parse(&verb.get())?;
            let depth = model.roles.get(role)?.depth(model.priv_set(table), verb);
            Some(format!("now {}", depth.label()))
        })
    };
    let apply = move |_| {
        let (role_name, table_name, verb_token, depth_token) = (
            role.get_untracked(),
            table.get_untracked(),
            verb.get_untracked(),
            depth.get_untracked(),
        );
        let label = format!("role {role_name}: {table_name} {verb_token} → {depth_token}");
        sandbox.edit(app, label, move |ws| {
            let mut model = (*ws.model).clone();
            let Some(role) = model.roles.iter().position(|r| r.name == role_name) else {
                return ws.clone();
            };
            // Activities share one privilege set (ACT-1).
            let set_name = match queries::find_table(&model, &table_name) {
                Some(t) if model.priv_set(t) == engine::model::PrivSet::Activity => {
                    "activity".to_string()
                }
                _ => table_name.clone(),
            };
            engine::edit::configure_role(
                &mut model,
                engine::model::RoleId::from_index(role),
                &[(set_name, verb_token.clone(), depth_token.clone())],
                &[],
            );
            ws.with_model(model)
        });
    };
    view! {
        <div class="rp-form" data-testid="role-depth-editor">
            <label class="rp-field"><span class="rp-field__label">"Role"</span>
                <select class="rp-field__input" data-testid="what-if-role" on:change:target=move |ev| set_role.set(ev.target().value())>
                    <option value="">"Choose a role"</option>{move || options(roles())}</select></label>
            <label class="rp-field"><span class="rp-field__label">"Table"</span>
                <select class="rp-field__input" data-testid="what-if-table" on:change:target=move |ev| set_table.set(ev.target().value())>
                    <option value="">"Choose a table"</option>{move || options(tables())}</select></label>
            <label class="rp-field"><span class="rp-field__label">"Privilege"</span>
                <select class="rp-field__input" data-testid="what-if-verb" on:change:target=move |ev| set_verb.set(ev.target().value())>
                    {Verb::ALL.iter().map(|v| view! { <option value=v.as_str() selected=*v == Verb::Read>{v.label()}</option> }).collect_view()}</select></label>
            <label class="rp-field"><span class="rp-field__label">"Depth"</span>
                <select class="rp-field__input" data-testid="what-if-depth" on:change:target=move |ev| set_depth.set(ev.target().value())>
                    {Depth::ALL.iter().map(|d| view! { <option value=d.as_str() selected=*d == Depth::Org>{d.label()}</option> }).collect_view()}</select></label>
            <span class="rp-field__hint">{current}</span>
            <button type="button" class="rp-button" data-testid="what-if-apply-depth"
                disabled=move || role.get().is_empty() || table.get().is_empty()
                on:click=apply>"Set in sandbox"</button>
        </div>
    }
}

#[component]
fn MembershipEditor(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let app = use_app();
    let sandbox = use_sandbox();
    let (team, set_team) = signal(String::new());
    let (user, set_user) = signal(String::new());
    let teams = move || {
        ws.with(|w| {
            w.as_ref().map(|w| {
                w.model
                    .teams
                    .iter()
                    .filter(|t| t.kind != TeamKind::Default && t.record_team.is_none())
                    .map(|t| (t.name.clone(), display(&w.model, &t.name).to_string()))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    };
    let names = crate::components::use_names();
    let users = move || {
        ws.with(|w| {
            w.as_ref().map(|w| {
                w.model
                    .users
                    .iter()
                    .enumerate()
                    .map(|(i, u)| (u.name.clone(), names.user(&w.model, UserId::from_index(i))))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    };
    let change = move |add: bool| {
        let (team_name, user_name) = (team.get_untracked(), user.get_untracked());
        let label = format!(
            "{} {user_name} {} team {team_name}",
            if add { "add" } else { "remove" },
            if add { "to" } else { "from" }
        );
        sandbox.edit(app, label, move |ws| {
            let mut model = (*ws.model).clone();
            let (Some(u), Some(t)) = (
                queries::find_user(&model, &user_name),
                model.teams.iter().position(|t| t.name == team_name),
            ) else {
                return ws.clone();
            };
            if let Some(team) = model.teams.get_mut(t) {
                team.members.retain(|m| *m != u);
                if add {
                    team.members.push(u);
                }
            }
            ws.with_model(model)
        });
    };
    view! {
        <div class="rp-form">
            <label class="rp-field"><span class="rp-field__label">"Team"</span>
                <select class="rp-field__input" on:change:target=move |ev| set_team.set(ev.target().value())>
                    <option value="">"Choose a team"</option>{move || options(teams())}</select></label>
            <label class="rp-field"><span class="rp-field__label">"User"</span>
                <select class="rp-field__input" on:change:target=move |ev| set_user.set(ev.target().value())>
                    <option value="">"Choose a user"</option>{move || options(users())}</select></label>
            <button type="button" class="rp-button" disabled=move || team.get().is_empty() || user.get().is_empty()
                on:click=move |_| change(true)>"Add member"</button>
            <button type="button" class="rp-button" disabled=move || team.get().is_empty() || user.get().is_empty()
                on:click=move |_| change(false)>"Remove member"</button>
        </div>
    }
}

#[component]
fn ShareEditor(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let app = use_app();
    let sandbox = use_sandbox();
    let (record, set_record) = signal(String::new());
    let (principal, set_principal) = signal(String::new());
    let (verb, set_verb) = signal("read".to_string());
    let share = move |_| {
        let (record_name, principal_name, verb_token) = (
            record.get_untracked(),
            principal.get_untracked(),
            verb.get_untracked(),
        );
        let Some((record_id, who)) = ws.with_untracked(|w| {
            let w = w.as_ref()?;
            Some((
                find_record(&w.data, record_name.trim())?,
                w.model.name_index().principal(principal_name.trim())?,
            ))
        }) else {
            app.error(format!(
                "share: `{record_name}` or `{principal_name}` names no record, user or team"
            ));
            return;
        };
        let rights = Verb::parse(&verb_token).map_or(Rights::READ, Rights::of);
        sandbox.edit(
            app,
            format!("share {record_name} with {principal_name} ({verb_token})"),
            move |ws| {
                let mut data = (*ws.data).clone();
                engine::edit::grant(&mut data, record_id, who, rights);
                ws.with_data(data)
            },
        );
        sandbox.touch_record(record_id);
    };
    view! {
        <div class="rp-form">
            <label class="rp-field"><span class="rp-field__label">"Record id"</span>
                <input class="rp-field__input" type="text" prop:value=move || record.get()
                    on:input:target=move |ev| set_record.set(ev.target().value()) /></label>
            <label class="rp-field"><span class="rp-field__label">"With user or team id"</span>
                <input class="rp-field__input" type="text" prop:value=move || principal.get()
                    on:input:target=move |ev| set_principal.set(ev.target().value()) /></label>
            <label class="rp-field"><span class="rp-field__label">"Right"</span>
                <select class="rp-field__input" on:change:target=move |ev| set_verb.set(ev.target().value())>
                    {Verb::ALL.iter().filter(|v| **v != Verb::Create).map(|v| view! { <option value=v.as_str()>{v.label()}</option> }).collect_view()}</select></label>
            <button type="button" class="rp-button" disabled=move || record.get().is_empty() || principal.get().is_empty()
                on:click=share>"Share in sandbox"</button>
        </div>
    }
}
