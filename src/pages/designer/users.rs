//! Users: business unit (Change Business Unit with Microsoft's warning, BU-8), manager,
//! position, direct roles, roles through teams (read-only, team named), column security
//! profiles; and bulk role changes for the users ticked in the list.

use std::collections::BTreeSet;

use engine::model::{FieldProfileId, Model, PositionId, Principal, RoleId, UserId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::change_bu::ChangeBusinessUnit;
use super::context::use_designer;
use super::frame::{DesignerFrame, InlineIssues};
use crate::components::VirtualList;
use crate::state::actions::designer::{
    bulk_user_role, display, set_manager, set_position, toggle_user_profile, toggle_user_role,
};
use crate::state::actions::designer_query::{
    assignable_roles, decode_segment, roles_via_teams, url_segment,
};

fn user_by_id(model: &Model, id: &str) -> Option<UserId> {
    model
        .users
        .iter()
        .position(|u| u.name == id)
        .map(UserId::from_index)
}

/// `/model/users[/:user]`.
#[component]
pub fn UsersPage() -> impl IntoView {
    let designer = use_designer();
    let names = crate::components::use_names();
    let params = use_params_map();
    let selected = Memo::new(move |_| params.read().get("user").map(|s| decode_segment(&s)));
    let ticked = RwSignal::new(BTreeSet::<String>::new());
    let bulk_role = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let users = move || {
        let q = filter.get().trim().to_lowercase();
        designer
            .with_model(|m| {
                let mut list: Vec<(String, String, String)> = m
                    .users
                    .iter()
                    .enumerate()
                    .map(|(i, u)| {
                        (
                            u.name.clone(),
                            names.user(m, UserId::from_index(i)),
                            display(m, m.bu_name(u.bu)).to_string(),
                        )
                    })
                    .collect();
                if !q.is_empty() {
                    list.retain(|u| {
                        u.1.to_lowercase().contains(&q) || u.2.to_lowercase().contains(&q)
                    });
                }
                list.sort_by_key(|u| u.1.to_lowercase());
                list
            })
            .unwrap_or_default()
    };
    let all_roles = move || {
        designer
            .with_model(|m| {
                m.roles
                    .iter()
                    .map(|r| (r.name.clone(), display(m, &r.name).to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let bulk = move |add: bool| {
        let role_id = bulk_role.get_untracked();
        let names = ticked.get_untracked();
        let result = designer
            .with_model_untracked(|m| {
                let role = m
                    .roles
                    .iter()
                    .position(|r| r.name == role_id)
                    .map(RoleId::from_index);
                let users: Vec<UserId> = names.iter().filter_map(|n| user_by_id(m, n)).collect();
                match role {
                    Some(role) => bulk_user_role(m, &users, role, add)
                        .map(|x| (x, display(m, &role_id).to_string())),
                    None => Err("choose the role to give or take away".to_string()),
                }
            })
            .unwrap_or_else(|| Err("no model is open".into()));
        let role_name = result.as_ref().map(|r| r.1.clone()).unwrap_or_default();
        let label = format!(
            "{} {role_name} {} {} users",
            if add { "Give" } else { "Take away" },
            if add { "to" } else { "from" },
            names.len()
        );
        let _ = designer.edit_model(label, |_| result.map(|r| r.0));
    };
    view! {
        <DesignerFrame title="Users">
            <div class="rp-split">
                <div class="rp-panel rp-split__list">
                    <Show when=move || !ticked.with(BTreeSet::is_empty)>
                        <div class="rp-bulk" role="group" aria-label="Bulk edit of roles">
                            <span>{move || format!("{} selected", ticked.with(BTreeSet::len))}</span>
                            <select class="rp-select" aria-label="Role" on:change=move |ev| bulk_role.set(event_target_value(&ev))>
                                <option value="">"choose a role"</option>
                                {move || all_roles().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                            </select>
                            <button type="button" class="rp-button" on:click=move |_| bulk(true)>"Give role"</button>
                            <button type="button" class="rp-button" on:click=move |_| bulk(false)>"Take away"</button>
                            <button type="button" class="rp-button rp-button--subtle" on:click=move |_| ticked.set(BTreeSet::new())>"Clear"</button>
                        </div>
                    </Show>
                    <input type="search" class="rp-input rp-list__filter" placeholder="Filter users by name or business unit"
                        aria-label="Filter users" data-testid="users-filter"
                        on:input:target=move |ev| filter.set(ev.target().value()) />
                    <UserList items=Memo::new(move |_| users()) selected ticked />
                </div>
                <div class="rp-split__detail">
                    {move || match selected.get() {
                        Some(id) => view! { <UserDetail id /> }.into_any(),
                        None => view! { <div class="rp-panel"><p class="rp-panel__text">"Choose a user, or tick several to give or take away a role at once."</p></div> }.into_any(),
                    }}
                </div>
            </div>
        </DesignerFrame>
    }
}

/// One row of the users list: id, name as shown, business unit.
pub type UserRow = (String, String, String);

/// The users list (virtualised when long), each row with a tick box for bulk edits.
#[component]
pub fn UserList(
    /// The rows, in order.
    #[prop(into)]
    items: Signal<Vec<UserRow>>,
    /// The user open in the detail pane.
    #[prop(into)]
    selected: Signal<Option<String>>,
    /// Users ticked for a bulk edit.
    ticked: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    view! {
        <VirtualList items label="Users" row_class="rp-list__row" testid="users-list" row=move |(id, name, bu): UserRow| {
            let current = {
                let id = id.clone();
                move || (selected.get().as_deref() == Some(id.as_str())).then_some("page")
            };
            let tick_id = id.clone();
            let is_ticked = {
                let id = id.clone();
                move || ticked.with(|t| t.contains(&id))
            };
            view! {
                <input type="checkbox" aria-label=format!("Select {name}") prop:checked=is_ticked
                    on:change=move |_| ticked.update(|t| { if !t.remove(&tick_id) { t.insert(tick_id.clone()); } }) />
                <A href=format!("/model/users/{}", url_segment(&id)) attr:class="rp-list__link" attr:aria-current=current>
                    <span class="rp-list__name">{name.clone()}</span>
                    <span class="rp-list__meta">{bu}</span>
                </A>
            }
        } />
    }
}

#[derive(Clone, PartialEq)]
struct UserFacts {
    name: String,
    bu: String,
    manager: Option<String>,
    position: Option<String>,
    direct: Vec<(RoleId, String, bool)>,
    via_teams: Vec<(String, String, String, String)>,
    profiles: Vec<(FieldProfileId, String, bool)>,
    users: Vec<(String, String)>,
    positions: Vec<(String, String)>,
}

#[component]
fn UserDetail(id: String) -> impl IntoView {
    let designer = use_designer();
    let names = crate::components::use_names();
    let id = StoredValue::new(id);
    let user = Memo::new(move |_| {
        designer
            .with_model(|m| user_by_id(m, &id.get_value()))
            .flatten()
    });
    let facts = Memo::new(move |_| {
        let u = user.get()?;
        designer
            .with_model(|m| {
                let user = m.users.get(u.index())?;
                let mut direct: Vec<(RoleId, String, bool)> = assignable_roles(m, user.bu)
                    .into_iter()
                    .map(|r| {
                        (
                            r,
                            display(m, m.role_name(r)).to_string(),
                            user.roles.iter().any(|a| a.role == r),
                        )
                    })
                    .collect();
                for a in &user.roles {
                    if !direct.iter().any(|d| d.0 == a.role) {
                        direct.push((a.role, display(m, m.role_name(a.role)).to_string(), true));
                    }
                }
                Some(UserFacts {
                    name: names.user(m, u),
                    bu: m.bu_name(user.bu).to_string(),
                    manager: user.manager.map(|x| m.user_name(x).to_string()),
                    position: user
                        .position
                        .and_then(|p| m.positions.get(p.index()))
                        .map(|p| p.name.clone()),
                    direct,
                    via_teams: roles_via_teams(m, u)
                        .into_iter()
                        .map(|(t, r)| {
                            (
                                m.role_name(r).to_string(),
                                display(m, m.role_name(r)).to_string(),
                                m.team_name(t).to_string(),
                                display(m, m.team_name(t)).to_string(),
                            )
                        })
                        .collect(),
                    profiles: m
                        .field_profiles
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            (
                                FieldProfileId::from_index(i),
                                display(m, &p.name).to_string(),
                                user.field_profiles.contains(&FieldProfileId::from_index(i)),
                            )
                        })
                        .collect(),
                    users: m
                        .users
                        .iter()
                        .filter(|x| x.name != user.name)
                        .map(|x| (x.name.clone(), names.user_by_id(m, &x.name)))
                        .collect(),
                    positions: m
                        .positions
                        .iter()
                        .map(|p| (p.name.clone(), display(m, &p.name).to_string()))
                        .collect(),
                })
            })
            .flatten()
    });
    view! {
        {move || facts.get().map(|f| {
            let direct = f.direct.clone();
            let bu_label = designer.with_model(|m| display(m, &f.bu).to_string());
            let bu_href = format!("/model/business-units/{}", url_segment(&f.bu));
            view! {
                <div class="rp-panel">
                    <h2 class="rp-detail__title" data-testid="user-name">{f.name.clone()}</h2>
                    <InlineIssues section="users" id=Signal::derive(move || id.get_value()) />
                    <dl class="rp-facts">
                        <dt>"Business unit"</dt>
                        <dd><A href=bu_href>{bu_label}</A></dd>
                        <dt><label for="rp-user-manager">"Manager"</label></dt>
                        <dd>
                            <select id="rp-user-manager" class="rp-select" on:change=move |ev| {
                                let value = event_target_value(&ev);
                                if let Some(u) = user.get_untracked() {
                                    let _ = designer.edit_model("Change manager", |m| set_manager(m, u, user_by_id(m, &value)));
                                }
                            }>
                                <option value="" selected=f.manager.is_none()>"(none)"</option>
                                {f.users.iter().map(|(uid, name)| view! { <option value=uid.clone() selected=f.manager.as_deref() == Some(uid.as_str())>{name.clone()}</option> }).collect_view()}
                            </select>
                        </dd>
                        <dt><label for="rp-user-position">"Position"</label></dt>
                        <dd>
                            <select id="rp-user-position" class="rp-select" on:change=move |ev| {
                                let value = event_target_value(&ev);
                                if let Some(u) = user.get_untracked() {
                                    let _ = designer.edit_model("Change position", |m| {
                                        let p = m.positions.iter().position(|p| p.name == value).map(PositionId::from_index);
                                        Ok(set_position(m, u, p))
                                    });
                                }
                            }>
                                <option value="" selected=f.position.is_none()>"(none)"</option>
                                {f.positions.iter().map(|(pid, name)| view! { <option value=pid.clone() selected=f.position.as_deref() == Some(pid.as_str())>{name.clone()}</option> }).collect_view()}
                            </select>
                        </dd>
                    </dl>
                    <ChangeBusinessUnit principal=Signal::derive(move || user.get().map(Principal::User)) />
                </div>
                <div class="rp-panel rp-cards">
                    <section>
                        <h3 class="rp-section-title">"Security roles (direct)"</h3>
                        <ul class="rp-checklist">
                            {direct.into_iter().map(|(role, name, has)| {
                                let label = name.clone();
                                view! { <li><label class="rp-check"><input type="checkbox" checked=has on:change=move |_| {
                                    if let Some(u) = user.get_untracked() {
                                        let _ = designer.edit_model(format!("{} role {label}", if has { "Remove" } else { "Add" }), |m| toggle_user_role(m, u, role));
                                    }
                                } />{name}</label></li> }
                            }).collect_view()}
                        </ul>
                    </section>
                    <section>
                        <h3 class="rp-section-title">"Security roles through teams"</h3>
                        {if f.via_teams.is_empty() {
                            view! { <p class="rp-hint">"None."</p> }.into_any()
                        } else {
                            view! { <ul class="rp-plain-list" data-testid="roles-via-teams">
                                {f.via_teams.clone().into_iter().map(|(rid, role, tid, team)| view! {
                                    <li><A href=format!("/model/security-roles/{}", url_segment(&rid))>{role}</A>" — through team "<A href=format!("/model/teams/{}", url_segment(&tid))>{team}</A></li>
                                }).collect_view()}
                            </ul> }.into_any()
                        }}
                    </section>
                    <section>
                        <h3 class="rp-section-title">"Column security profiles"</h3>
                        <ul class="rp-checklist">
                            {f.profiles.iter().map(|(p, name, has)| {
                                let (p, has, label) = (*p, *has, name.clone());
                                view! { <li><label class="rp-check"><input type="checkbox" checked=has on:change=move |_| {
                                    if let Some(u) = user.get_untracked() {
                                        let _ = designer.edit_model(format!("{} column security profile {label}", if has { "Remove" } else { "Add" }), |m| Ok(toggle_user_profile(m, u, p)));
                                    }
                                } />{name.clone()}</label></li> }
                            }).collect_view()}
                        </ul>
                    </section>
                </div>
            }
        })}
    }
}
