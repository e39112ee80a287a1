//! Security roles: the role list and the role editor (header, privilege grid, miscellaneous
//! privileges, members), with Copy and Compare.

use engine::model::{Depth, Inheritance, Model, NonTableKind, PrivSet, RoleId, Verb};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::context::{Designer, use_designer};
use super::frame::{DesignerFrame, InlineIssues};
use crate::components::VirtualList;
use crate::components::depth_circle::{DepthCircle, DepthLegend};
use crate::components::privilege_grid::{GridEdit, PrivilegeGrid};
use crate::state::actions::designer::{
    PREDEFINED_SENTENCE, copy_role, cycle_column, cycle_privilege, cycle_row, display,
    set_inheritance, set_misc, set_privileges,
};
use crate::state::actions::designer_query::{
    GridRow, decode_segment, grid_rows, non_table_privileges, role_members, url_segment,
};
use crate::state::actions::grid_ops::{
    Adjusted, apply_paste, copy_table_permissions, fit_row, row_depths, set_rows,
};

/// Finds a role by id.
pub fn role_by_id(model: &Model, id: &str) -> Option<RoleId> {
    model
        .roles
        .iter()
        .position(|r| r.name == id)
        .map(RoleId::from_index)
}

fn inheritance_label(inheritance: Inheritance) -> &'static str {
    match inheritance {
        Inheritance::Direct => "Direct User (Basic) access level and Team privileges",
        Inheritance::TeamOnly => "Team privileges only",
    }
}

/// `/model/security-roles[/:role]`.
#[component]
pub fn SecurityRolesPage() -> impl IntoView {
    let params = use_params_map();
    let selected = Memo::new(move |_| params.read().get("role").map(|s| decode_segment(&s)));
    view! {
        <DesignerFrame title="Security roles">
            <div class="rp-split rp-split--roles">
                <RoleList selected />
                {move || match selected.get() {
                    Some(id) => view! { <RoleEditor id /> }.into_any(),
                    None => view! {
                        <div class="rp-panel rp-split__detail">
                            <p class="rp-panel__text">"Choose a role to edit its privileges. Predefined roles are read-only: copy one to change it."</p>
                        </div>
                    }.into_any(),
                }}
            </div>
        </DesignerFrame>
    }
}

/// One row of the roles list: id, name, business unit, members, predefined.
pub type RoleRow = (String, String, String, String, bool);

#[component]
fn RoleList(selected: Memo<Option<String>>) -> impl IntoView {
    let designer = use_designer();
    let rows = move || -> Vec<RoleRow> {
        designer
            .with_model(|m| {
                let mut rows: Vec<(String, String, String, String, bool)> = m
                    .roles
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let (users, teams) = role_members(m, RoleId::from_index(i));
                        (
                            r.name.clone(),
                            display(m, &r.name).to_string(),
                            display(m, m.bu_name(r.bu)).to_string(),
                            format!(
                                "{} user{} · {} team{}",
                                users.len(),
                                if users.len() == 1 { "" } else { "s" },
                                teams.len(),
                                if teams.len() == 1 { "" } else { "s" }
                            ),
                            r.predefined.is_some(),
                        )
                    })
                    .collect();
                rows.sort_by_key(|r| (r.4, r.1.to_lowercase()));
                rows
            })
            .unwrap_or_default()
    };
    view! {
        <nav class="rp-panel rp-split__list" aria-label="Security roles">
            <RoleRows items=Memo::new(move |_| rows()) selected />
        </nav>
    }
}

/// The roles list's rows (virtualised when long).
#[component]
pub fn RoleRows(
    /// The rows, in order.
    #[prop(into)]
    items: Signal<Vec<RoleRow>>,
    /// The role open in the editor.
    #[prop(into)]
    selected: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <VirtualList items label="Security roles" testid="roles-list" row=move |(id, name, bu, members, predefined): RoleRow| {
            let href = format!("/model/security-roles/{}", url_segment(&id));
            let current = {
                let id = id.clone();
                move || (selected.get().as_deref() == Some(id.as_str())).then_some("page")
            };
            view! {
                <A href=href attr:class="rp-list__link" attr:aria-current=current>
                    <span class="rp-list__name">{name}</span>
                    {predefined.then(|| view! { <span class="rp-tag">"Predefined"</span> })}
                    <span class="rp-list__meta">{bu}" · "{members}</span>
                </A>
            }
        } />
    }
}

/// Which tables the grid lists.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TableFilter {
    All,
    Assigned,
    Unassigned,
}

impl TableFilter {
    const ALL: [TableFilter; 3] = [
        TableFilter::All,
        TableFilter::Assigned,
        TableFilter::Unassigned,
    ];

    fn value(self) -> &'static str {
        match self {
            TableFilter::All => "all",
            TableFilter::Assigned => "assigned",
            TableFilter::Unassigned => "unassigned",
        }
    }

    fn label(self) -> &'static str {
        match self {
            TableFilter::All => "Show all tables",
            TableFilter::Assigned => "Show only assigned tables",
            TableFilter::Unassigned => "Show only unassigned tables",
        }
    }

    fn parse(value: &str) -> TableFilter {
        TableFilter::ALL
            .into_iter()
            .find(|s| s.value() == value)
            .unwrap_or(TableFilter::All)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Tables,
    Misc,
    Privacy,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Tables, Tab::Misc, Tab::Privacy];

    fn label(self) -> &'static str {
        match self {
            Tab::Tables => "Tables",
            Tab::Misc => NonTableKind::Miscellaneous.label(),
            Tab::Privacy => NonTableKind::Privacy.label(),
        }
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Tables => "rp-role-tab-tables",
            Tab::Misc => "rp-role-tab-misc",
            Tab::Privacy => "rp-role-tab-privacy",
        }
    }
}

#[component]
fn RoleEditor(id: String) -> impl IntoView {
    let designer = use_designer();
    let navigate = use_navigate();
    let id = StoredValue::new(id);
    let role = Memo::new(move |_| {
        designer
            .with_model(|m| role_by_id(m, &id.get_value()))
            .flatten()
    });
    let info = Memo::new(move |_| {
        let role = role.get()?;
        designer
            .with_model(|m| {
                let r = m.roles.get(role.index())?;
                Some((
                    display(m, &r.name).to_string(),
                    display(m, m.bu_name(r.bu)).to_string(),
                    r.inheritance,
                    r.predefined.is_some(),
                ))
            })
            .flatten()
    });
    let read_only =
        Signal::derive(move || designer.read_only.get() || info.get().is_some_and(|i| i.3));
    let tab = RwSignal::new(Tab::Tables);
    let depths = Signal::derive(move || {
        role.get()
            .and_then(|r| {
                designer
                    .with_model(|m| m.roles.get(r.index()).map(|x| x.privileges.clone()))
                    .flatten()
            })
            .unwrap_or_default()
    });
    let search = RwSignal::new(String::new());
    // "Show all / assigned / unassigned tables", as the role editor offers.
    let show = RwSignal::new(TableFilter::All);
    let all_rows = Memo::new(move |_| designer.with_model(grid_rows).unwrap_or_default());
    let rows = Memo::new(move |_| {
        let q = search.get().trim().to_lowercase();
        let show = show.get();
        let held = depths.with(|d| {
            d.iter()
                .filter(|(_, v)| v.0.iter().any(|x| *x != Depth::None))
                .map(|(set, _)| *set)
                .collect::<std::collections::BTreeSet<PrivSet>>()
        });
        all_rows.with(|rows| {
            rows.iter()
                .filter(|r| {
                    q.is_empty() || r.label.to_lowercase().contains(&q) || r.logical.contains(&q)
                })
                .filter(|r| match show {
                    TableFilter::All => true,
                    TableFilter::Assigned => held.contains(&r.set),
                    TableFilter::Unassigned => !held.contains(&r.set),
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let copy_from = RwSignal::new(None::<PrivSet>);
    let filter_words = move || {
        let q = search.get();
        let mut words = Vec::new();
        if !q.trim().is_empty() {
            words.push(format!("matches “{}”", q.trim()));
        }
        match show.get() {
            TableFilter::All => {}
            TableFilter::Assigned => words.push("has a privilege in this role".to_string()),
            TableFilter::Unassigned => words.push("has no privilege in this role".to_string()),
        }
        format!("No table {}.", words.join(" and "))
    };
    let on_edit = Callback::new(move |edit: GridEdit| match edit {
        GridEdit::CopyTableTo(set) => copy_from.set(Some(set)),
        GridEdit::Copied(message) => designer.app.info(message),
        GridEdit::Refused(message) => designer.app.error(message),
        edit => {
            if let Some(role) = role.get_untracked() {
                apply_grid_edit(designer, role, &rows.get_untracked(), edit);
            }
        }
    });
    let grid_label = Signal::derive(move || {
        format!(
            "Privileges of {}",
            info.get().map(|i| i.0).unwrap_or_default()
        )
    });

    let copying = RwSignal::new(false);
    let compare_with = RwSignal::new(String::new());
    let go_compare = {
        let navigate = navigate.clone();
        move |_| {
            let other = compare_with.get_untracked();
            if !other.is_empty() {
                navigate(
                    &format!(
                        "/model/security-roles/{}/compare/{}",
                        url_segment(&id.get_value()),
                        url_segment(&other)
                    ),
                    Default::default(),
                );
            }
        }
    };
    let other_roles = move || {
        designer
            .with_model(|m| {
                m.roles
                    .iter()
                    .filter(|r| r.name != id.get_value())
                    .map(|r| (r.name.clone(), display(m, &r.name).to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };

    view! {
        <div class="rp-split__detail">
            <Show when=move || info.get().is_some() fallback=move || view! {
                <div class="rp-panel"><p class="rp-panel__text">{format!("There is no role `{}` in this model.", id.get_value())}</p></div>
            }>
                <div class="rp-panel rp-role-head">
                    <h2 class="rp-detail__title" data-testid="role-name">{move || info.get().map(|i| i.0)}</h2>
                    <dl class="rp-facts">
                        <dt>"Business unit"</dt>
                        <dd>{move || info.get().map(|i| i.1)}</dd>
                        <dt><label for="rp-inheritance">"Member's privilege inheritance"</label></dt>
                        <dd>
                            <select id="rp-inheritance" class="rp-select" disabled=move || read_only.get()
                                on:change=move |ev| {
                                    let value = if event_target_value(&ev) == "team" { Inheritance::TeamOnly } else { Inheritance::Direct };
                                    if let Some(role) = role.get_untracked() {
                                        let _ = designer.edit_model(format!("Member's privilege inheritance: {}", inheritance_label(value)), |m| set_inheritance(m, role, value));
                                    }
                                }>
                                <option value="direct" selected=move || info.get().is_some_and(|i| i.2 == Inheritance::Direct)>{inheritance_label(Inheritance::Direct)}</option>
                                <option value="team" selected=move || info.get().is_some_and(|i| i.2 == Inheritance::TeamOnly)>{inheritance_label(Inheritance::TeamOnly)}</option>
                            </select>
                        </dd>
                    </dl>
                    <div class="rp-role-head__actions">
                        <button type="button" class="rp-button" aria-expanded=move || copying.get().to_string()
                            on:click=move |_| copying.update(|c| *c = !*c)>"Copy role…"</button>
                        <label class="rp-inline-field">
                            <span>"Compare with"</span>
                            <select class="rp-select" on:change=move |ev| compare_with.set(event_target_value(&ev))>
                                <option value="">"choose a role"</option>
                                {move || other_roles().into_iter().map(|(rid, name)| view! { <option value=rid>{name}</option> }).collect_view()}
                            </select>
                        </label>
                        <button type="button" class="rp-button" on:click=go_compare.clone()>"Compare"</button>
                    </div>
                    <Show when=move || copying.get()>
                        <CopyRoleForm role on_done=Callback::new(move |()| copying.set(false)) />
                    </Show>
                    <Show when=move || info.get().is_some_and(|i| i.3)>
                        <p class="rp-note" role="note" data-testid="predefined-note">{PREDEFINED_SENTENCE}</p>
                    </Show>
                    <InlineIssues section="roles" id=Signal::derive(move || id.get_value()) />
                    <RoleMembers role />
                </div>
                <RoleTabs tab />
                <div class="rp-panel rp-tabpanel" role="tabpanel" aria-labelledby=move || tab.get().id()>
                    <Show when=move || tab.get() == Tab::Tables fallback=move || {
                        let kind = if tab.get() == Tab::Privacy { NonTableKind::Privacy } else { NonTableKind::Miscellaneous };
                        view! { <NonTablePrivileges role read_only kind /> }
                    }>
                        <div class="rp-grid-tools">
                            <input type="search" class="rp-input" placeholder="Search tables by display or logical name"
                                aria-label="Search tables" prop:value=move || search.get()
                                on:input=move |ev| search.set(event_target_value(&ev)) />
                            <select class="rp-select" aria-label="Show tables" data-testid="grid-show"
                                on:change=move |ev| show.set(TableFilter::parse(&event_target_value(&ev)))>
                                {TableFilter::ALL.into_iter().map(|s| view! {
                                    <option value=s.value() selected=move || show.get() == s>{s.label()}</option>
                                }).collect_view()}
                            </select>
                            <span class="rp-grid-tools__hint">"Click a cell for the next level, Shift+click for the previous; keys 0–4 set a level. Shift+arrows or a drag select cells; Ctrl+C / Ctrl+V copy and paste levels; F2 or the Permission Settings button opens presets and Copy table permissions."</span>
                        </div>
                        {move || copy_from.get().map(|from| view! {
                            <CopyTablePermissions role from all_rows on_done=Callback::new(move |()| copy_from.set(None)) />
                        })}
                        <Show when=move || !rows.with(Vec::is_empty) fallback=move || view! {
                            <p class="rp-panel__text" data-testid="grid-empty">{filter_words}" "
                                <button type="button" class="rp-button rp-button--subtle" on:click=move |_| { search.set(String::new()); show.set(TableFilter::All); }>"Clear the filter"</button></p>
                        }>
                            <PrivilegeGrid label=grid_label rows depths read_only on_edit />
                        </Show>
                        <DepthLegend />
                    </Show>
                </div>
            </Show>
        </div>
    }
}

/// Applies one grid edit with a label that names before → after.
fn apply_grid_edit(
    designer: Designer,
    role: RoleId,
    rows: &[crate::state::actions::designer_query::GridRow],
    edit: GridEdit,
) {
    let name_of = |set: PrivSet| {
        rows.iter()
            .find(|r| r.set == set)
            .map(|r| r.label.clone())
            .unwrap_or_default()
    };
    let current = |set: PrivSet, verb: Verb| {
        designer
            .with_model_untracked(|m| m.roles.get(role.index()).map(|r| r.depth(set, verb)))
            .flatten()
            .unwrap_or_default()
    };
    let _ = match edit {
        GridEdit::Set(set, verb, depth) => {
            let label = format!(
                "{}, {}: {} → {}",
                name_of(set),
                verb.label(),
                current(set, verb).label(),
                depth.label()
            );
            designer.edit_model(label, |m| set_privileges(m, role, &[(set, verb, depth)]))
        }
        GridEdit::Cycle(set, verb, up) => {
            let before = current(set, verb);
            let result = designer
                .with_model_untracked(|m| cycle_privilege(m, role, set, verb, up))
                .unwrap_or_else(|| Err("no model is open".into()));
            let after = result.as_ref().map_or(before, |r| r.1);
            let label = format!(
                "{}, {}: {} → {}",
                name_of(set),
                verb.label(),
                before.label(),
                after.label()
            );
            designer.edit_model(label, |_| result.map(|r| r.0))
        }
        GridEdit::Column(verb, up) => {
            let sets: Vec<PrivSet> = rows.iter().map(|r| r.set).collect();
            let result = designer
                .with_model_untracked(|m| cycle_column(m, role, &sets, verb, up))
                .unwrap_or_else(|| Err("no model is open".into()));
            let target = result.as_ref().map_or(Depth::None, |r| r.1);
            let label = format!(
                "{} column: {} tables → {}",
                verb.label(),
                sets.len(),
                target.label()
            );
            designer.edit_model(label, |_| result.map(|r| r.0))
        }
        GridEdit::Row(set, up) => {
            let result = designer
                .with_model_untracked(|m| cycle_row(m, role, set, up))
                .unwrap_or_else(|| Err("no model is open".into()));
            let target = result.as_ref().map_or(Depth::None, |r| r.1);
            let label = format!("{} row: 8 privileges → {}", name_of(set), target.label());
            designer.edit_model(label, |_| result.map(|r| r.0))
        }
        GridEdit::Cells(cells, label) => {
            let sets: Vec<PrivSet> = rows.iter().map(|r| r.set).collect();
            let result = designer
                .with_model_untracked(|m| apply_paste(m, role, &sets, &cells))
                .unwrap_or_else(|| Err("no model is open".into()));
            let label = with_adjustments(label, result.as_ref().map(|r| r.1.as_slice()));
            designer.edit_model(label, |_| result.map(|r| r.0))
        }
        GridEdit::Rows(new_rows, label) => {
            let result = designer
                .with_model_untracked(|m| set_rows(m, role, &new_rows))
                .unwrap_or_else(|| Err("no model is open".into()));
            let label = with_adjustments(label, result.as_ref().map(|r| r.1.as_slice()));
            designer.edit_model(label, |_| result.map(|r| r.0))
        }
        GridEdit::CopyTableTo(_) | GridEdit::Copied(_) | GridEdit::Refused(_) => Ok(()),
    };
}

/// A change's label with the cells that took another level than asked ("; product takes
/// Organization for Business Unit on Read").
fn with_adjustments(label: String, adjusted: Result<&[Adjusted], &String>) -> String {
    match adjusted {
        Ok(list) if !list.is_empty() => {
            let shown: Vec<String> = list.iter().take(3).map(Adjusted::sentence).collect();
            let more = list.len().saturating_sub(3);
            format!(
                "{label} (fitted to what the table takes: {}{})",
                shown.join("; "),
                if more > 0 {
                    format!("; {more} more")
                } else {
                    String::new()
                }
            )
        }
        _ => label,
    }
}

/// The role editor's tabs (APG tabs: arrows, Home and End move and select).
#[component]
fn RoleTabs(tab: RwSignal<Tab>) -> impl IntoView {
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let at = Tab::ALL
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let last = Tab::ALL.len() - 1;
        let next = match ev.key().as_str() {
            "ArrowRight" => {
                if at == last {
                    0
                } else {
                    at + 1
                }
            }
            "ArrowLeft" => {
                if at == 0 {
                    last
                } else {
                    at - 1
                }
            }
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        if let Some(t) = Tab::ALL.get(next) {
            tab.set(*t);
            if let Some(el) = document().get_element_by_id(t.id())
                && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
            {
                let _ = el.focus();
            }
        }
    };
    view! {
        <div class="rp-tabs" role="tablist" aria-label="Privileges" on:keydown=on_keydown>
            {Tab::ALL.into_iter().map(|t| view! {
                <button type="button" role="tab" class="rp-tab" id=t.id()
                    aria-selected=move || (tab.get() == t).to_string()
                    tabindex=move || if tab.get() == t { "0" } else { "-1" }
                    on:click=move |_| tab.set(t)>{t.label()}</button>
            }).collect_view()}
        </div>
    }
}

/// Copy table permissions to…: the source row's levels over the ticked tables; a table that
/// does not take a level is marked with what it will get instead.
#[component]
fn CopyTablePermissions(
    role: Memo<Option<RoleId>>,
    from: PrivSet,
    all_rows: Memo<Vec<GridRow>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let designer = use_designer();
    let filter = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<PrivSet>::new());
    let search_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = search_ref.get() {
            let _ = input.focus();
        }
    });
    let source = Memo::new(move |_| {
        let role = role.get()?;
        designer.with_model(|m| row_depths(m, role, from))
    });
    let source_label = move || {
        all_rows.with(|rows| {
            rows.iter()
                .find(|r| r.set == from)
                .map(|r| r.label.clone())
                .unwrap_or_default()
        })
    };
    let targets = move || {
        let q = filter.get().trim().to_lowercase();
        let source = source.get().unwrap_or([Depth::None; 8]);
        let rows = all_rows.get();
        designer
            .with_model(|m| {
                rows.iter()
                    .filter(|r| r.set != from)
                    .filter(|r| {
                        q.is_empty()
                            || r.label.to_lowercase().contains(&q)
                            || r.logical.contains(&q)
                    })
                    .map(|r| {
                        // One note per level the table does not take: "User → Organization".
                        let mut notes: Vec<String> = Vec::new();
                        for a in fit_row(m, r.set, source).1 {
                            let note = format!("{} → {}", a.wanted.label(), a.got.label());
                            if !notes.contains(&note) {
                                notes.push(note);
                            }
                        }
                        (r.set, r.label.clone(), r.logical.clone(), notes)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let apply = move |_| {
        let Some(role) = role.get_untracked() else {
            return;
        };
        let to = chosen.get_untracked();
        let result = designer
            .with_model_untracked(|m| copy_table_permissions(m, role, from, &to))
            .unwrap_or_else(|| Err("no model is open".into()));
        let label = format!(
            "Copy table permissions of {} to {} table{}",
            source_label(),
            to.len(),
            if to.len() == 1 { "" } else { "s" }
        );
        let label = with_adjustments(label, result.as_ref().map(|r| r.1.as_slice()));
        if designer.edit_model(label, |_| result.map(|r| r.0)).is_ok() {
            on_done.run(());
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_done.run(());
        }
    };
    view! {
        <section class="rp-copy-perms" role="dialog" aria-modal="false" aria-labelledby="rp-copy-perms-title" on:keydown=on_keydown data-testid="copy-table-permissions">
            <h3 class="rp-section-title" id="rp-copy-perms-title">{move || format!("Copy table permissions of {}", source_label())}</h3>
            <p class="rp-hint">{move || {
                let levels = source.get().unwrap_or([Depth::None; 8]);
                let words: Vec<String> = Verb::ALL.into_iter().map(|v| format!("{} {}", v.label(), levels[v.index()].label())).collect();
                format!("Writes {} over each table you tick. A table that does not take a level gets the closest one it takes, as marked.", words.join(", "))
            }}</p>
            <div class="rp-form rp-form--inline">
                <input type="search" class="rp-input" placeholder="Search tables" aria-label="Search tables to copy to" node_ref=search_ref
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev)) />
                <button type="button" class="rp-button rp-button--subtle" on:click=move |_| {
                    let shown: Vec<PrivSet> = targets().into_iter().map(|t| t.0).collect();
                    chosen.update(|c| for s in shown { if !c.contains(&s) { c.push(s); } });
                }>"Tick all shown"</button>
            </div>
            <ul class="rp-checklist rp-copy-perms__list" aria-label="Tables to copy to">
                {move || targets().into_iter().map(|(set, label, logical, notes)| {
                    let ticked = move || chosen.with(|c| c.contains(&set));
                    view! {
                        <li><label class="rp-check rp-copy-perms__item">
                            <input type="checkbox" prop:checked=ticked on:change=move |_| chosen.update(|c| {
                                if let Some(at) = c.iter().position(|x| *x == set) { c.remove(at); } else { c.push(set); }
                            }) />
                            <span class="rp-copy-perms__text">
                                <span>{label}" "<span class="rp-grid__logical">{logical}</span></span>
                                {(!notes.is_empty()).then(|| view! { <span class="rp-copy-perms__note">{format!("⚑ does not take every level: {}", notes.join(", "))}</span> })}
                            </span>
                        </label></li>
                    }
                }).collect_view()}
            </ul>
            <div class="rp-form rp-form--inline">
                <button type="button" class="rp-button rp-button--primary" disabled=move || chosen.with(Vec::is_empty) on:click=apply>
                    {move || format!("Copy to {} table{}", chosen.with(Vec::len), if chosen.with(Vec::len) == 1 { "" } else { "s" })}
                </button>
                <button type="button" class="rp-button rp-button--subtle" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
        </section>
    }
}

#[component]
fn NonTablePrivileges(
    role: Memo<Option<RoleId>>,
    read_only: Signal<bool>,
    kind: NonTableKind,
) -> impl IntoView {
    let designer = use_designer();
    let items = move || {
        let role = role.get();
        designer
            .with_model(|m| {
                let r = role.and_then(|r| m.roles.get(r.index()));
                non_table_privileges(m, kind)
                    .into_iter()
                    .map(|(name, label)| {
                        let depth = r
                            .and_then(|r| r.misc.get(&name).copied())
                            .unwrap_or_default();
                        (name, label, depth)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <p class="rp-panel__text">{match kind {
            NonTableKind::Privacy => "Privacy-related privileges let records leave the application (export, print, offline copies, sync, templates). They take only None or Organization (ROLE-6, ROLE-13). Click to switch.",
            NonTableKind::Miscellaneous => "Miscellaneous privileges take only None or Organization (ROLE-6). Click to switch.",
        }}</p>
        <table class="rp-table rp-misc" aria-label=kind.label() data-testid=match kind { NonTableKind::Privacy => "privacy-privileges", NonTableKind::Miscellaneous => "misc-privileges" }>
            <thead><tr><th scope="col">"Privilege"</th><th scope="col">"Name"</th><th scope="col">"Access level"</th></tr></thead>
            <tbody>
                {move || items().into_iter().map(|(name, label, depth)| {
                    let next = if depth == Depth::Org { Depth::None } else { Depth::Org };
                    let aria = format!("{label}: {}", depth.label());
                    let privilege = name.clone();
                    view! {
                        <tr>
                            <th scope="row">{label.clone()}</th>
                            <td><code>{name.clone()}</code></td>
                            <td>
                                <button type="button" class="rp-grid__depth rp-grid__depth--inline" aria-label=aria
                                    aria-disabled=move || read_only.get().to_string()
                                    on:click=move |_| {
                                        if let Some(role) = role.get_untracked() {
                                            let l = format!("{label}: {} → {}", depth.label(), next.label());
                                            let _ = designer.edit_model(l, |m| set_misc(m, role, &privilege, next));
                                        }
                                    }>
                                    <DepthCircle depth=depth labelled=true />
                                </button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn RoleMembers(role: Memo<Option<RoleId>>) -> impl IntoView {
    let designer = use_designer();
    let names = crate::components::use_names();
    let members = move || {
        let role = role.get()?;
        designer.with_model(|m| {
            let (users, teams) = role_members(m, role);
            let users: Vec<(String, String)> = users
                .into_iter()
                .map(|u| (m.user_name(u).to_string(), names.user(m, u)))
                .collect();
            let teams: Vec<(String, String)> = teams
                .into_iter()
                .map(|t| {
                    (
                        m.team_name(t).to_string(),
                        display(m, m.team_name(t)).to_string(),
                    )
                })
                .collect();
            (users, teams)
        })
    };
    view! {
        <details class="rp-members" data-testid="role-members">
            <summary>{move || members().map(|(u, t)| format!("Members: {} users directly, {} teams", u.len(), t.len()))}</summary>
            {move || members().map(|(users, teams)| view! {
                <div class="rp-members__cols">
                    <ul class="rp-chips">{users.into_iter().map(|(id, name)| view! { <li><A href=format!("/model/users/{}", url_segment(&id)) attr:class="rp-chip">{name}</A></li> }).collect_view()}</ul>
                    <ul class="rp-chips">{teams.into_iter().map(|(id, name)| view! { <li><A href=format!("/model/teams/{}", url_segment(&id)) attr:class="rp-chip">{name}</A></li> }).collect_view()}</ul>
                </div>
            })}
        </details>
    }
}

#[component]
fn CopyRoleForm(role: Memo<Option<RoleId>>, on_done: Callback<()>) -> impl IntoView {
    let designer = use_designer();
    let navigate = use_navigate();
    let initial = designer
        .with_model_untracked(|m| {
            role.get_untracked()
                .and_then(|r| m.roles.get(r.index()))
                .map(|r| {
                    (
                        format!("Copy of {}", display(m, &r.name)),
                        m.bu_name(r.bu).to_string(),
                    )
                })
        })
        .flatten()
        .unwrap_or_default();
    let name = RwSignal::new(initial.0);
    let bu = RwSignal::new(initial.1);
    let bus = move || {
        designer
            .with_model(|m| {
                m.bus
                    .iter()
                    .map(|b| (b.name.clone(), display(m, &b.name).to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(role) = role.get_untracked() else {
            return;
        };
        let name_value = name.get_untracked();
        let bu_value = bu.get_untracked();
        let result = designer
            .with_model_untracked(|m| {
                let bu_id = m
                    .bus
                    .iter()
                    .position(|b| b.name == bu_value)
                    .map(engine::model::BuId::from_index);
                match bu_id {
                    Some(b) => copy_role(m, role, &name_value, b),
                    None => Err("choose the copy's business unit".to_string()),
                }
            })
            .unwrap_or_else(|| Err("no model is open".into()));
        let new_id = result.as_ref().ok().map(|r| r.1.clone());
        if designer
            .edit_model(format!("Copy role as {name_value}"), |_| {
                result.map(|r| r.0)
            })
            .is_ok()
        {
            on_done.run(());
            if let Some(new_id) = new_id {
                navigate(
                    &format!("/model/security-roles/{}", url_segment(&new_id)),
                    Default::default(),
                );
            }
        }
    };
    view! {
        <form class="rp-form rp-form--inline" on:submit=submit aria-label="Copy role">
            <label class="rp-field">
                <span class="rp-field__label">"Name of the copy"</span>
                <input class="rp-input" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <label class="rp-field">
                <span class="rp-field__label">"Business unit"</span>
                <select class="rp-select" on:change=move |ev| bu.set(event_target_value(&ev))>
                    {move || bus().into_iter().map(|(id, label)| {
                        let selected = bu.get_untracked() == id;
                        view! { <option value=id selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="rp-button rp-button--primary">"Copy"</button>
            <button type="button" class="rp-button rp-button--subtle" on:click=move |_| on_done.run(())>"Cancel"</button>
        </form>
    }
}
