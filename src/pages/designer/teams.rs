//! Teams: type in words, business unit, members (searchable multi-select), roles where the type
//! allows them (TEAM-4 otherwise), and the access team templates.

use engine::model::{Model, Principal, RoleId, TeamId, TeamKind, UserId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::change_bu::ChangeBusinessUnit;
use super::context::use_designer;
use super::frame::{DesignerFrame, InlineIssues};
use crate::state::actions::designer::{
    ACCESS_TEAM_SENTENCE, display, toggle_team_member, toggle_team_role,
};
use crate::state::actions::designer_query::{
    assignable_roles, decode_segment, team_kind_label, url_segment,
};

fn team_by_id(model: &Model, id: &str) -> Option<TeamId> {
    model
        .teams
        .iter()
        .position(|t| t.name == id)
        .map(TeamId::from_index)
}

/// `/model/teams[/:team]`.
#[component]
pub fn TeamsPage() -> impl IntoView {
    let designer = use_designer();
    let params = use_params_map();
    let selected = Memo::new(move |_| params.read().get("team").map(|s| decode_segment(&s)));
    let teams = move || {
        designer
            .with_model(|m| {
                let mut list: Vec<(String, String, &'static str, String)> = m
                    .teams
                    .iter()
                    .filter(|t| t.record_team.is_none())
                    .map(|t| {
                        (
                            t.name.clone(),
                            display(m, &t.name).to_string(),
                            team_kind_label(t.kind),
                            display(m, m.bu_name(t.bu)).to_string(),
                        )
                    })
                    .collect();
                list.sort_by_key(|t| (t.2 == "Default", t.1.to_lowercase()));
                list
            })
            .unwrap_or_default()
    };
    view! {
        <DesignerFrame title="Teams">
            <div class="rp-split">
                <nav class="rp-panel rp-split__list" aria-label="Teams">
                    <ul class="rp-list">
                        {move || teams().into_iter().map(|(id, name, kind, bu)| {
                            let current = {
                                let id = id.clone();
                                move || (selected.get().as_deref() == Some(id.as_str())).then_some("page")
                            };
                            view! {
                                <li><A href=format!("/model/teams/{}", url_segment(&id)) attr:class="rp-list__link" attr:aria-current=current>
                                    <span class="rp-list__name">{name}</span><span class="rp-tag">{kind}</span>
                                    <span class="rp-list__meta">{bu}</span>
                                </A></li>
                            }
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="rp-split__detail">
                    {move || match selected.get() {
                        Some(id) => view! { <TeamDetail id /> }.into_any(),
                        None => view! { <TemplatesPanel /> }.into_any(),
                    }}
                </div>
            </div>
        </DesignerFrame>
    }
}

#[component]
fn TeamDetail(id: String) -> impl IntoView {
    let designer = use_designer();
    let names = crate::components::use_names();
    let id = StoredValue::new(id);
    let team = Memo::new(move |_| {
        designer
            .with_model(|m| team_by_id(m, &id.get_value()))
            .flatten()
    });
    let filter = RwSignal::new(String::new());
    let facts = move || {
        let t = team.get()?;
        designer
            .with_model(|m| {
                let team = m.teams.get(t.index())?;
                Some((
                    display(m, &team.name).to_string(),
                    team.kind,
                    display(m, m.bu_name(team.bu)).to_string(),
                    team.membership_type.clone(),
                ))
            })
            .flatten()
    };
    let members = move || {
        let t = team.get()?;
        let q = filter.get().to_lowercase();
        designer.with_model(|m| {
            let current = m.members_of(t);
            m.users
                .iter()
                .enumerate()
                .map(|(i, _)| {
                    (
                        UserId::from_index(i),
                        names.user(m, UserId::from_index(i)),
                        current.contains(&UserId::from_index(i)),
                    )
                })
                .filter(|(_, name, member)| {
                    *member || (!q.is_empty() && name.to_lowercase().contains(&q))
                })
                .collect::<Vec<_>>()
        })
    };
    let roles = move || {
        let t = team.get()?;
        designer
            .with_model(|m| {
                let team = m.teams.get(t.index())?;
                Some(
                    assignable_roles(m, team.bu)
                        .into_iter()
                        .map(|r| {
                            (
                                r,
                                display(m, m.role_name(r)).to_string(),
                                team.roles.iter().any(|a| a.role == r),
                            )
                        })
                        .collect::<Vec<(RoleId, String, bool)>>(),
                )
            })
            .flatten()
    };
    let toggle_member = move |user: UserId, name: String, was: bool| {
        if let Some(t) = team.get_untracked() {
            let verb = if was { "Remove" } else { "Add" };
            let _ = designer.edit_model(
                format!("{verb} {name} {} the team", if was { "from" } else { "to" }),
                |m| toggle_team_member(m, t, user),
            );
        }
    };
    view! {
        {move || facts().map(|(name, kind, bu, membership)| {
            let is_default = kind == TeamKind::Default;
            view! {
                <div class="rp-panel">
                    <h2 class="rp-detail__title" data-testid="team-name">{name}</h2>
                    <dl class="rp-facts">
                        <dt>"Team type"</dt><dd><span class="rp-tag" data-testid="team-type">{team_kind_label(kind)}</span></dd>
                        <dt>"Business unit"</dt><dd>{bu}</dd>
                        {membership.map(|m| view! { <dt>"Membership type"</dt><dd>{m}</dd> })}
                    </dl>
                    <InlineIssues section="teams" id=Signal::derive(move || id.get_value()) />
                    {if is_default {
                        view! { <p class="rp-note">"A default team belongs to its business unit: it cannot change business unit (BU-4)."</p> }.into_any()
                    } else {
                        view! { <ChangeBusinessUnit principal=Signal::derive(move || team.get().map(Principal::Team)) /> }.into_any()
                    }}
                </div>
                <div class="rp-panel">
                    <h3 class="rp-section-title">"Members"</h3>
                    {if is_default {
                        view! { <p class="rp-note">"A default team's members are the users of its business unit; they cannot be edited (BU-4)."</p> }.into_any()
                    } else {
                        view! { <input type="search" class="rp-input" placeholder="Search users to add" aria-label="Search users to add"
                            prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev)) /> }.into_any()
                    }}
                    <ul class="rp-checklist" aria-label="Members" data-testid="team-members">
                        {move || members().unwrap_or_default().into_iter().map(|(user, name, member)| {
                            let label = name.clone();
                            view! {
                                <li><label class="rp-check">
                                    <input type="checkbox" checked=member disabled=is_default
                                        on:change=move |_| toggle_member(user, label.clone(), member) />
                                    {name}
                                </label></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
                <div class="rp-panel">
                    <h3 class="rp-section-title">"Security roles"</h3>
                    {if kind.holds_roles() {
                        view! {
                            <ul class="rp-checklist" aria-label="Security roles">
                                {move || roles().unwrap_or_default().into_iter().map(|(role, name, has)| {
                                    let label = name.clone();
                                    view! {
                                        <li><label class="rp-check">
                                            <input type="checkbox" checked=has on:change=move |_| {
                                                if let Some(t) = team.get_untracked() {
                                                    let verb = if has { "Remove role" } else { "Add role" };
                                                    let _ = designer.edit_model(format!("{verb} {label}"), |m| toggle_team_role(m, t, role));
                                                }
                                            } />
                                            {name}
                                        </label></li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    } else {
                        view! { <p class="rp-note" data-testid="team-roles-note">{ACCESS_TEAM_SENTENCE}</p> }.into_any()
                    }}
                </div>
            }
        })}
    }
}

#[component]
fn TemplatesPanel() -> impl IntoView {
    let designer = use_designer();
    let templates = move || {
        designer
            .with_model(|m| {
                m.templates
                    .iter()
                    .map(|t| {
                        let rights: Vec<&str> = t.rights.verbs().map(|v| v.label()).collect();
                        (
                            display(m, &t.name).to_string(),
                            display(m, m.table_name(t.table)).to_string(),
                            rights.join(", "),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <div class="rp-panel">
            <p class="rp-panel__text">"Choose a team to see its members and roles."</p>
            <h3 class="rp-section-title">"Access team templates"</h3>
            <table class="rp-table">
                <thead><tr><th scope="col">"Template"</th><th scope="col">"Table"</th><th scope="col">"Access rights given to members"</th></tr></thead>
                <tbody>
                    {move || templates().into_iter().map(|(name, table, rights)| view! { <tr><th scope="row">{name}</th><td>{table}</td><td>{rights}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
