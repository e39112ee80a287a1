//! Tables and columns: record ownership (fixed after creation), secured columns, relationships
//! with their cascade behaviour, and the column security matrix (secured columns × profiles,
//! cells as the letters R, C, U).

use engine::model::{Cascade, FieldProfileId, Model, RelationshipKind, TableId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::context::use_designer;
use super::frame::{DesignerFrame, InlineIssues};
use crate::state::actions::designer::{
    ColumnRight, add_field_profile, display, toggle_column_permission, toggle_secured_column,
};
use crate::state::actions::designer_query::{decode_segment, ownership_label, url_segment};

fn cascade_label(cascade: Cascade) -> &'static str {
    match cascade {
        Cascade::All => "Cascade All",
        Cascade::Active => "Cascade Active",
        Cascade::UserOwned => "Cascade User-Owned",
        Cascade::None => "Cascade None",
        Cascade::RemoveLink => "Remove Link",
        Cascade::Restrict => "Restrict",
    }
}

fn table_by_id(model: &Model, id: &str) -> Option<TableId> {
    model
        .tables
        .iter()
        .position(|t| t.name == id)
        .map(TableId::from_index)
}

/// `/model/tables[/:table]`.
#[component]
pub fn TablesPage() -> impl IntoView {
    let designer = use_designer();
    let params = use_params_map();
    let selected = Memo::new(move |_| params.read().get("table").map(|s| decode_segment(&s)));
    let tables = move || {
        designer
            .with_model(|m| {
                let mut list: Vec<(String, String, &'static str, usize)> = m
                    .tables
                    .iter()
                    .map(|t| {
                        (
                            t.name.clone(),
                            display(m, &t.name).to_string(),
                            ownership_label(t.ownership),
                            t.secured_columns.len(),
                        )
                    })
                    .collect();
                list.sort_by_key(|t| t.1.to_lowercase());
                list
            })
            .unwrap_or_default()
    };
    view! {
        <DesignerFrame title="Tables">
            <div class="rp-split">
                <nav class="rp-panel rp-split__list" aria-label="Tables">
                    <ul class="rp-list">
                        {move || tables().into_iter().map(|(id, name, ownership, secured)| {
                            let current = {
                                let id = id.clone();
                                move || (selected.get().as_deref() == Some(id.as_str())).then_some("page")
                            };
                            view! { <li><A href=format!("/model/tables/{}", url_segment(&id)) attr:class="rp-list__link" attr:aria-current=current>
                                <span class="rp-list__name">{name}</span>
                                <span class="rp-list__meta">{ownership}{(secured > 0).then(|| format!(" · {secured} secured columns"))}</span>
                            </A></li> }
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="rp-split__detail">
                    {move || selected.get().map(|id| view! { <TableDetail id /> })}
                    <ColumnSecurityMatrix />
                </div>
            </div>
        </DesignerFrame>
    }
}

#[component]
fn TableDetail(id: String) -> impl IntoView {
    let designer = use_designer();
    let id = StoredValue::new(id);
    let new_column = RwSignal::new(String::new());
    let facts = move || {
        designer
            .with_model(|m| {
                let t = table_by_id(m, &id.get_value())?;
                let table = m.tables.get(t.index())?;
                let relationships: Vec<(
                    String,
                    String,
                    String,
                    Option<engine::model::CascadeConfig>,
                )> = m
                    .relationships
                    .iter()
                    .filter_map(|r| match &r.kind {
                        RelationshipKind::OneToMany {
                            parent,
                            child,
                            lookup,
                            cascade,
                        } if *parent == t || *child == t => Some((
                            r.name.clone(),
                            format!(
                                "{} → {} (1:N)",
                                display(m, m.table_name(*parent)),
                                display(m, m.table_name(*child))
                            ),
                            lookup.clone(),
                            Some(*cascade),
                        )),
                        RelationshipKind::ManyToMany {
                            tables: Some((a, b)),
                        } if *a == t || *b == t => Some((
                            r.name.clone(),
                            format!(
                                "{} ↔ {} (N:N)",
                                display(m, m.table_name(*a)),
                                display(m, m.table_name(*b))
                            ),
                            String::new(),
                            None,
                        )),
                        _ => None,
                    })
                    .collect();
                Some((
                    t,
                    display(m, &table.name).to_string(),
                    table.name.clone(),
                    ownership_label(table.ownership),
                    table.secured_columns.iter().cloned().collect::<Vec<_>>(),
                    relationships,
                ))
            })
            .flatten()
    };
    view! {
        {move || facts().map(|(t, name, logical, ownership, secured, relationships)| view! {
            <div class="rp-panel">
                <h2 class="rp-detail__title" data-testid="table-name">{name}</h2>
                <dl class="rp-facts">
                    <dt>"Logical name"</dt><dd><code>{logical}</code></dd>
                    <dt>"Record ownership"</dt><dd>{ownership}<span class="rp-hint">" — fixed when the table is created"</span></dd>
                </dl>
                <InlineIssues section="tables" id=Signal::derive(move || id.get_value()) />
                <h3 class="rp-section-title">"Secured columns"</h3>
                <ul class="rp-chips">
                    {secured.into_iter().map(|c| {
                        let column = c.clone();
                        view! { <li class="rp-chip">{c.clone()}
                            <button type="button" class="rp-button rp-button--subtle" aria-label=format!("Unsecure {c}")
                                on:click=move |_| { let _ = designer.edit_model(format!("Unsecure column {column}"), |m| toggle_secured_column(m, t, &column)); }>"×"</button>
                        </li> }
                    }).collect_view()}
                </ul>
                <form class="rp-form rp-form--inline" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let column = new_column.get_untracked();
                    if designer.edit_model(format!("Secure column {column}"), |m| toggle_secured_column(m, t, &column)).is_ok() {
                        new_column.set(String::new());
                    }
                }>
                    <label class="rp-field"><span class="rp-field__label">"Secure a column"</span>
                        <input class="rp-input" placeholder="logical name, e.g. creditlimit" prop:value=move || new_column.get() on:input=move |ev| new_column.set(event_target_value(&ev)) /></label>
                    <button type="submit" class="rp-button">"Secure"</button>
                </form>
                <h3 class="rp-section-title">"Relationships"</h3>
                <table class="rp-table">
                    <thead><tr><th scope="col">"Relationship"</th><th scope="col">"Tables"</th><th scope="col">"Assign"</th><th scope="col">"Share"</th><th scope="col">"Unshare"</th><th scope="col">"Reparent"</th><th scope="col">"Delete"</th></tr></thead>
                    <tbody>
                        {relationships.into_iter().map(|(rname, tables, _lookup, cascade)| view! {
                            <tr><th scope="row"><code>{rname}</code></th><td>{tables}</td>
                            {match cascade {
                                Some(c) => [c.assign, c.share, c.unshare, c.reparent, c.delete].into_iter().map(|x| view! { <td>{cascade_label(x)}</td> }).collect_view().into_any(),
                                None => view! { <td colspan="5">"no cascading (N:N)"</td> }.into_any(),
                            }}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// One secured column: table, its display name, the column, each profile's permission.
type MatrixRow = (
    TableId,
    String,
    String,
    Vec<(FieldProfileId, engine::model::ColumnPermission)>,
);

#[component]
fn ColumnSecurityMatrix() -> impl IntoView {
    let designer = use_designer();
    let new_name = RwSignal::new(String::new());
    let matrix = move || {
        designer
            .with_model(|m| {
                let profiles: Vec<(FieldProfileId, String)> = m
                    .field_profiles
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        (
                            FieldProfileId::from_index(i),
                            display(m, &p.name).to_string(),
                        )
                    })
                    .collect();
                let rows: Vec<MatrixRow> = m
                    .tables
                    .iter()
                    .enumerate()
                    .flat_map(|(i, t)| {
                        let tid = TableId::from_index(i);
                        t.secured_columns
                            .iter()
                            .map(move |c| (tid, t.name.clone(), c.clone()))
                    })
                    .map(|(tid, tname, column)| {
                        let cells = profiles
                            .iter()
                            .map(|(p, _)| {
                                let perm = m
                                    .field_profiles
                                    .get(p.index())
                                    .and_then(|fp| {
                                        fp.permissions.get(&(tid, column.clone())).copied()
                                    })
                                    .unwrap_or_default();
                                (*p, perm)
                            })
                            .collect();
                        (tid, display(m, &tname).to_string(), column, cells)
                    })
                    .collect();
                (profiles, rows)
            })
            .unwrap_or_default()
    };
    view! {
        <div class="rp-panel">
            <h2 class="rp-detail__title">"Column security profiles"</h2>
            <p class="rp-panel__text">"Each cell shows what the profile allows on the secured column: R Read, C Create, U Update. Click a letter to allow or disallow it."</p>
            {move || {
                let (profiles, rows) = matrix();
                view! {
                    <div class="rp-grid-wrap">
                        <table class="rp-table rp-fls">
                            <thead><tr><th scope="col">"Secured column"</th>{profiles.iter().map(|(_, n)| view! { <th scope="col">{n.clone()}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(tid, tname, column, cells)| {
                                    let head = format!("{tname}.{column}");
                                    view! { <tr><th scope="row"><code>{head.clone()}</code></th>
                                        {cells.into_iter().map(|(p, perm)| {
                                            let letters = [(ColumnRight::Read, "R", "Read", perm.read), (ColumnRight::Create, "C", "Create", perm.create), (ColumnRight::Update, "U", "Update", perm.update)];
                                            let column = column.clone();
                                            let head = head.clone();
                                            view! { <td class="rp-fls__cell">
                                                {letters.into_iter().map(|(right, letter, word, on)| {
                                                    let column = column.clone();
                                                    let label = format!("{head}, {word}: {}", if on { "Allowed" } else { "Not Allowed" });
                                                    view! { <button type="button" class="rp-fls__letter" aria-pressed=on.to_string() aria-label=label.clone()
                                                        on:click=move |_| { let _ = designer.edit_model(format!("{label} → switched"), |m| toggle_column_permission(m, p, tid, &column, right)); }>
                                                        {if on { letter } else { "·" }}
                                                    </button> }
                                                }).collect_view()}
                                            </td> }
                                        }).collect_view()}
                                    </tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }}
            <form class="rp-inline-form" data-testid="new-profile" on:submit=move |ev| {
                ev.prevent_default();
                let name = new_name.get_untracked();
                if designer
                    .edit_model(format!("New column security profile {}", name.trim()), |m| add_field_profile(m, &name).map(|(m, _)| m))
                    .is_ok()
                {
                    new_name.set(String::new());
                }
            }>
                <label class="rp-field__label" for="rp-new-profile">"New column security profile"</label>
                <input id="rp-new-profile" class="rp-input" placeholder="Profile name" prop:value=move || new_name.get()
                    on:input:target=move |ev| new_name.set(ev.target().value()) />
                <button type="submit" class="rp-button">"Create profile"</button>
            </form>
            <p class="rp-hint"><A href="/model/users">"Profiles of each user"</A>" are on the Users view."</p>
        </div>
    }
}
