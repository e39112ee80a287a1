//! Business units: the tree on the left, the open unit on the right (users, teams, default team,
//! roles), with rename, add child, delete (refused with the reason) and move (confirmed with its
//! effect; cycles refused).

use crate::text::counted;
use engine::model::{BuId, Model, TeamKind, UserId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::context::use_designer;
use super::frame::{DesignerFrame, InlineIssues};
use crate::components::bu_tree::{BuNode, BuTree, TreeRequest};
use crate::state::actions::designer::{
    add_child_bu, bu_dependents, delete_bu, display, rename, reparent_bu, reparent_effect,
};
use crate::state::actions::designer_query::{
    bu_tree, decode_segment, team_kind_label, url_segment,
};

fn bu_by_id(model: &Model, id: &str) -> Option<BuId> {
    model
        .bus
        .iter()
        .position(|b| b.name == id)
        .map(BuId::from_index)
}

fn tree_nodes(model: &Model) -> Vec<BuNode> {
    bu_tree(model)
        .into_iter()
        .filter_map(|(bu, level)| {
            let unit = model.bus.get(bu.index())?;
            let users = model.users.iter().filter(|u| u.bu == bu).count();
            let teams = model
                .teams
                .iter()
                .filter(|t| t.bu == bu && t.kind != TeamKind::Default && t.record_team.is_none())
                .count();
            Some(BuNode {
                id: unit.name.clone(),
                label: display(model, &unit.name).to_string(),
                level,
                parent: unit.parent.map(|p| model.bu_name(p).to_string()),
                has_children: model.bus.iter().any(|b| b.parent == Some(bu)),
                detail: format!(
                    "{} · {}",
                    counted(users, "user", "users"),
                    counted(teams, "team", "teams")
                ),
            })
        })
        .collect()
}

/// `/model/business-units[/:bu]`.
#[component]
pub fn BusinessUnitsPage() -> impl IntoView {
    let designer = use_designer();
    let navigate = use_navigate();
    let params = use_params_map();
    let selected = Memo::new(move |_| {
        params
            .read()
            .get("bu")
            .map(|s| decode_segment(&s))
            .or_else(|| designer.with_model(|m| m.bu_name(m.root_bu()).to_string()))
    });
    let nodes = Memo::new(move |_| designer.with_model(tree_nodes).unwrap_or_default());
    let pending_move = RwSignal::new(None::<(String, String, String)>);
    let refusal = RwSignal::new(None::<String>);

    let request_move = move |child: String, parent: String| {
        refusal.set(None);
        let check = designer.with_model_untracked(|m| {
            let (c, p) = (bu_by_id(m, &child)?, bu_by_id(m, &parent)?);
            Some(reparent_bu(m, c, p).map(|_| ()))
        });
        let effect = designer.app.workspace.with_untracked(|w| {
            let w = w.as_ref()?;
            let (c, p) = (bu_by_id(&w.model, &child)?, bu_by_id(&w.model, &parent)?);
            Some(reparent_effect(&w.model, &w.data, c, p))
        });
        match (check.flatten(), effect) {
            (Some(Ok(())), Some(effect)) => pending_move.set(Some((child, parent, effect))),
            (Some(Err(reason)), _) => {
                designer.app.error(reason.clone());
                refusal.set(Some(reason));
            }
            _ => {}
        }
    };
    let confirm_move = move |_| {
        let Some((child, parent, _)) = pending_move.get_untracked() else {
            return;
        };
        pending_move.set(None);
        let label = designer
            .with_model_untracked(|m| {
                format!("Move {} under {}", display(m, &child), display(m, &parent))
            })
            .unwrap_or_default();
        let _ = designer.edit_model(label, |m| {
            let (c, p) = (bu_by_id(m, &child), bu_by_id(m, &parent));
            match (c, p) {
                (Some(c), Some(p)) => reparent_bu(m, c, p),
                _ => Err("that business unit no longer exists".into()),
            }
        });
    };
    let delete = move |id: String| {
        refusal.set(None);
        let label = designer
            .with_model_untracked(|m| format!("Delete business unit {}", display(m, &id)))
            .unwrap_or_default();
        let result = designer.edit(label, |ws| match bu_by_id(&ws.model, &id) {
            Some(bu) => delete_bu(ws, bu),
            None => Err("that business unit no longer exists".into()),
        });
        if let Err(reason) = result {
            refusal.set(Some(reason));
        }
    };

    let on_request = {
        let navigate = navigate.clone();
        Callback::new(move |request: TreeRequest| match request {
            TreeRequest::Open(id) => navigate(
                &format!("/model/business-units/{}", url_segment(&id)),
                Default::default(),
            ),
            TreeRequest::Rename(id) => {
                navigate(
                    &format!("/model/business-units/{}", url_segment(&id)),
                    Default::default(),
                );
                if let Some(el) = document().get_element_by_id("rp-bu-name") {
                    let _ =
                        wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
                }
            }
            TreeRequest::Move(child, parent) => request_move(child, parent),
            TreeRequest::Delete(id) => delete(id),
        })
    };

    view! {
        <DesignerFrame title="Business units">
            <Show when=move || pending_move.get().is_some()>
                <div class="rp-confirm" role="alertdialog" aria-label="Confirm the move" data-testid="confirm-move">
                    <p>{move || pending_move.get().map(|p| p.2)}</p>
                    <button type="button" class="rp-button rp-button--primary" on:click=confirm_move>"Move"</button>
                    <button type="button" class="rp-button rp-button--subtle" on:click=move |_| pending_move.set(None)>"Cancel"</button>
                </div>
            </Show>
            <Show when=move || refusal.get().is_some()>
                <p class="rp-refusal" role="alert" data-testid="bu-refusal">{move || refusal.get()}</p>
            </Show>
            <div class="rp-split">
                <div class="rp-panel rp-split__list">
                    <BuTree nodes selected on_request />
                    <p class="rp-hint">"Drag a unit onto its new parent, or select it, press Ctrl+X, then Ctrl+V on the new parent."</p>
                </div>
                {move || selected.get().map(|id| view! { <BuDetail id request_move=Callback::new(move |(c, p)| request_move(c, p)) delete=Callback::new(delete) /> })}
            </div>
        </DesignerFrame>
    }
}

#[component]
fn BuDetail(
    id: String,
    request_move: Callback<(String, String)>,
    delete: Callback<String>,
) -> impl IntoView {
    let designer = use_designer();
    let names = crate::components::use_names();
    let navigate = use_navigate();
    let id = StoredValue::new(id);
    let facts = Memo::new(move |_| {
        designer.app.workspace.with(|w| {
            let w = w.as_ref()?;
            let m = &w.model;
            let bu = bu_by_id(m, &id.get_value())?;
            let unit = m.bus.get(bu.index())?;
            let named = |ids: Vec<String>| -> Vec<(String, String)> {
                ids.into_iter()
                    .map(|i| (display(m, &i).to_string(), i))
                    .collect()
            };
            Some(BuFacts {
                name: display(m, &unit.name).to_string(),
                parent: unit.parent.map(|p| m.bu_name(p).to_string()),
                users: m
                    .users
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.bu == bu)
                    .map(|(i, u)| (names.user(m, UserId::from_index(i)), u.name.clone()))
                    .collect(),
                teams: m
                    .teams
                    .iter()
                    .filter(|t| {
                        t.bu == bu && t.kind != TeamKind::Default && t.record_team.is_none()
                    })
                    .map(|t| {
                        (
                            display(m, &t.name).to_string(),
                            t.name.clone(),
                            team_kind_label(t.kind),
                        )
                    })
                    .collect(),
                default_team: m
                    .teams
                    .iter()
                    .find(|t| t.bu == bu && t.kind == TeamKind::Default)
                    .map(|t| display(m, &t.name).to_string()),
                roles: named(
                    m.roles
                        .iter()
                        .filter(|r| r.bu == bu)
                        .map(|r| r.name.clone())
                        .collect(),
                ),
                dependents: bu_dependents(m, &w.data, bu),
                all: m
                    .bus
                    .iter()
                    .filter(|b| b.name != unit.name)
                    .map(|b| (display(m, &b.name).to_string(), b.name.clone()))
                    .collect(),
            })
        })
    });
    let new_name = RwSignal::new(String::new());
    let child_name = RwSignal::new(String::new());
    let move_to = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(f) = facts.get() {
            new_name.set(f.name);
        }
    });
    let do_rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        let _ = designer.edit_model(format!("Rename business unit to {name}"), |m| {
            rename(m, &id.get_value(), &name)
        });
    };
    let add_child = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = child_name.get_untracked();
        let result = designer
            .with_model_untracked(|m| match bu_by_id(m, &id.get_value()) {
                Some(bu) => add_child_bu(m, bu, &name),
                None => Err("that business unit no longer exists".into()),
            })
            .unwrap_or_else(|| Err("no model is open".into()));
        let new_id = result.as_ref().ok().map(|r| r.1.clone());
        if designer
            .edit_model(format!("Add business unit {name}"), |_| result.map(|r| r.0))
            .is_ok()
        {
            child_name.set(String::new());
            if let Some(new_id) = new_id {
                navigate(
                    &format!("/model/business-units/{}", url_segment(&new_id)),
                    Default::default(),
                );
            }
        }
    };

    view! {
        <div class="rp-split__detail">
            {move || facts.get().map(|f| {
                let is_root = f.parent.is_none();
                let dependents = f.dependents.clone();
                view! {
                    <div class="rp-panel">
                        <h2 class="rp-detail__title" data-testid="bu-name">{f.name.clone()}</h2>
                        <p class="rp-detail__sub">
                            {match f.parent.clone() {
                                None => "Root business unit: it cannot be deleted or moved.".to_string(),
                                Some(p) => format!("Parent business: {}", designer.with_model(|m| display(m, &p).to_string()).unwrap_or(p)),
                            }}
                        </p>
                        <InlineIssues section="business_units" id=Signal::derive(move || id.get_value()) />
                        <form class="rp-form rp-form--inline" on:submit=do_rename>
                            <label class="rp-field">
                                <span class="rp-field__label">"Name"</span>
                                <input id="rp-bu-name" class="rp-input" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                            </label>
                            <button type="submit" class="rp-button">"Rename"</button>
                        </form>
                        <form class="rp-form rp-form--inline" on:submit=add_child.clone()>
                            <label class="rp-field">
                                <span class="rp-field__label">"New child business unit"</span>
                                <input class="rp-input" placeholder="Name" prop:value=move || child_name.get() on:input=move |ev| child_name.set(event_target_value(&ev)) />
                            </label>
                            <button type="submit" class="rp-button">"Add child"</button>
                        </form>
                        {(!is_root).then(|| view! {
                            <div class="rp-form rp-form--inline">
                                <label class="rp-field">
                                    <span class="rp-field__label">"Move under"</span>
                                    <select class="rp-select" data-testid="bu-move-to" on:change=move |ev| move_to.set(event_target_value(&ev))>
                                        <option value="">"choose a business unit"</option>
                                        {f.all.clone().into_iter().map(|(label, bid)| view! { <option value=bid>{label}</option> }).collect_view()}
                                    </select>
                                </label>
                                <button type="button" class="rp-button" on:click=move |_| {
                                    let target = move_to.get_untracked();
                                    if !target.is_empty() { request_move.run((id.get_value(), target)); }
                                }>"Move…"</button>
                                <button type="button" class="rp-button rp-button--danger" on:click=move |_| delete.run(id.get_value())
                                    title=if dependents.is_empty() { "Delete this business unit".to_string() } else { format!("Cannot be deleted while {} depend on it", dependents.join(", ")) }>
                                    "Delete"
                                </button>
                            </div>
                        })}
                    </div>
                    <div class="rp-panel rp-cards">
                        <section>
                            <h3 class="rp-section-title">{format!("Users ({})", f.users.len())}</h3>
                            <ul class="rp-chips" data-testid="bu-users">{f.users.into_iter().map(|(label, uid)| view! { <li><A href=format!("/model/users/{}", url_segment(&uid)) attr:class="rp-chip">{label}</A></li> }).collect_view()}</ul>
                        </section>
                        <section>
                            <h3 class="rp-section-title">{format!("Teams ({})", f.teams.len())}</h3>
                            <ul class="rp-chips">{f.teams.into_iter().map(|(label, tid, kind)| view! { <li><A href=format!("/model/teams/{}", url_segment(&tid)) attr:class="rp-chip">{label}<span class="rp-tag">{kind}</span></A></li> }).collect_view()}</ul>
                            <p class="rp-hint">{f.default_team.map(|t| format!("Default team: {t} — its members are this unit's users and cannot be edited."))}</p>
                        </section>
                        <section>
                            <h3 class="rp-section-title">{format!("Security roles ({})", f.roles.len())}</h3>
                            <ul class="rp-chips">{f.roles.into_iter().map(|(label, rid)| view! { <li><A href=format!("/model/security-roles/{}", url_segment(&rid)) attr:class="rp-chip">{label}</A></li> }).collect_view()}</ul>
                        </section>
                    </div>
                }
            })}
        </div>
    }
}

#[derive(Clone, PartialEq)]
struct BuFacts {
    name: String,
    parent: Option<String>,
    users: Vec<(String, String)>,
    teams: Vec<(String, String, &'static str)>,
    default_team: Option<String>,
    roles: Vec<(String, String)>,
    dependents: Vec<String>,
    all: Vec<(String, String)>,
}
