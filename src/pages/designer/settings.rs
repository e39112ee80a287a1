//! Settings: modernized business units, hierarchy security, the organisation's database
//! settings, and the §13 alternatives as switches that say the documented default.

use engine::model::{
    Hierarchy, HierarchyMinimumDepth, HierarchyModel, ManagerBuScope, ManyToManyRule, Settings,
};
use leptos::prelude::*;

use super::context::use_designer;
use super::frame::DesignerFrame;
use crate::state::actions::designer::set_settings;

/// One on/off setting: how to read and write it, and its documented default.
struct Switch {
    name: &'static str,
    rule: &'static str,
    get: fn(&Settings) -> bool,
    set: fn(&mut Settings, bool),
    default: bool,
    alternative: bool,
}

const SWITCHES: &[Switch] = &[
    Switch {
        name: "Record ownership across business units (modernized business units)",
        rule: "MBU-1",
        get: |s| s.modernized_bu,
        set: |s, v| s.modernized_bu = v,
        default: false,
        alternative: false,
    },
    Switch {
        name: "ShareToPreviousOwnerOnAssign",
        rule: "SHARE-7",
        get: |s| s.share_to_previous_owner_on_assign,
        set: |s, v| s.share_to_previous_owner_on_assign = v,
        default: true,
        alternative: false,
    },
    Switch {
        name: "AlwaysMoveRecordToOwnerBusinessUnit",
        rule: "BU-7, MBU-6",
        get: |s| s.always_move_record_to_owner_bu,
        set: |s, v| s.always_move_record_to_owner_bu = v,
        default: true,
        alternative: false,
    },
    Switch {
        name: "ManagersMustBeInSameOrParentBusinessUnitAsReports",
        rule: "HIER-2",
        get: |s| s.managers_must_be_in_same_or_parent_bu,
        set: |s, v| s.managers_must_be_in_same_or_parent_bu = v,
        default: true,
        alternative: false,
    },
    Switch {
        name: "DoNotRemoveRolesOnChangeBusinessUnit",
        rule: "BU-8",
        get: |s| s.do_not_remove_roles_on_change_bu,
        set: |s, v| s.do_not_remove_roles_on_change_bu = v,
        default: false,
        alternative: false,
    },
    Switch {
        name: "AssertOwnershipAppendToAccess",
        rule: "APP-2, MBU-4",
        get: |s| s.assert_ownership_append_to_access,
        set: |s, v| s.assert_ownership_append_to_access = v,
        default: false,
        alternative: false,
    },
    Switch {
        name: "Managers may also write non-direct reports' data",
        rule: "A-2",
        get: |s| s.hierarchy_write_non_direct,
        set: |s, v| s.hierarchy_write_non_direct = v,
        default: false,
        alternative: true,
    },
    Switch {
        name: "Team privileges only roles pass the privilege check for shared records",
        rule: "A-4",
        get: |s| s.team_only_roles_allow_shared_access,
        set: |s, v| s.team_only_roles_allow_shared_access = v,
        default: true,
        alternative: true,
    },
    Switch {
        name: "User (Basic) level includes records shared with the organization",
        rule: "A-12",
        get: |s| s.basic_includes_org_shares,
        set: |s, v| s.basic_includes_org_shares = v,
        default: true,
        alternative: true,
    },
    Switch {
        name: "Hierarchy needs Business Unit or Parent: Child Business Units depth (instead of User)",
        rule: "A-1",
        get: |s| s.hierarchy_minimum_depth == HierarchyMinimumDepth::BusinessUnit,
        set: |s, v| {
            s.hierarchy_minimum_depth = if v {
                HierarchyMinimumDepth::BusinessUnit
            } else {
                HierarchyMinimumDepth::User
            }
        },
        default: false,
        alternative: true,
    },
    Switch {
        name: "A manager in any ancestor business unit counts (instead of same or immediate parent)",
        rule: "A-13",
        get: |s| s.manager_bu_scope == ManagerBuScope::AnyAncestor,
        set: |s, v| {
            s.manager_bu_scope = if v {
                ManagerBuScope::AnyAncestor
            } else {
                ManagerBuScope::ImmediateParent
            }
        },
        default: false,
        alternative: true,
    },
    Switch {
        name: "N:N associate needs Append and Append To (instead of Append on both)",
        rule: "A-8",
        get: |s| s.many_to_many_rule == ManyToManyRule::AppendAndAppendTo,
        set: |s, v| {
            s.many_to_many_rule = if v {
                ManyToManyRule::AppendAndAppendTo
            } else {
                ManyToManyRule::AppendOnBoth
            }
        },
        default: false,
        alternative: true,
    },
];

fn on_off(value: bool) -> &'static str {
    if value { "On" } else { "Off" }
}

/// `/model/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let designer = use_designer();
    let settings = Memo::new(move |_| {
        designer
            .with_model(|m| m.settings.clone())
            .unwrap_or_default()
    });
    let update = move |label: String, f: Box<dyn FnOnce(&mut Settings)>| {
        let mut next = settings.get_untracked();
        f(&mut next);
        let _ = designer.edit_model(label, |m| Ok(set_settings(m, next)));
    };
    let switch_row = move |switch: &'static Switch| {
        let value = move || (switch.get)(&settings.get());
        let differs = move || value() != switch.default;
        view! {
            <tr data-differs=move || differs().then_some("true")>
                <th scope="row">
                    <label class="rp-check">
                        <input type="checkbox" prop:checked=value on:change=move |_| {
                            let now = !value();
                            update(format!("{}: {}", switch.name, on_off(now)), Box::new(move |s| (switch.set)(s, now)));
                        } />
                        {switch.name}
                    </label>
                </th>
                <td>{switch.rule}</td>
                <td>{on_off(switch.default)}</td>
                <td>{move || if differs() { "⚑ changed from the default" } else { "default" }}</td>
            </tr>
        }
    };
    let hierarchy = move || settings.get().hierarchy;
    let set_hierarchy = move |label: &str, h: Option<Hierarchy>| {
        update(label.to_string(), Box::new(move |s| s.hierarchy = h));
    };
    view! {
        <DesignerFrame title="Settings">
            <div class="rp-panel">
                <h2 class="rp-detail__title">"Organisation settings"</h2>
                <table class="rp-table rp-settings">
                    <thead><tr><th scope="col">"Setting"</th><th scope="col">"Rule"</th><th scope="col">"Documented default"</th><th scope="col">"Now"</th></tr></thead>
                    <tbody>{SWITCHES.iter().filter(|s| !s.alternative).map(switch_row).collect_view()}</tbody>
                </table>
            </div>
            <RecomputeOwnership settings update=Callback::new(move |(label, value): (String, Option<bool>)| {
                update(label, Box::new(move |s| s.recompute_ownership_across_bus = value));
            }) />
            <div class="rp-panel">
                <h2 class="rp-detail__title">"Hierarchy security"</h2>
                <label class="rp-check">
                    <input type="checkbox" prop:checked=move || hierarchy().is_some() on:change=move |_| {
                        let next = match hierarchy() { Some(_) => None, None => Some(Hierarchy { model: HierarchyModel::Manager, depth: 3, tables: None }) };
                        set_hierarchy(if next.is_some() { "Enable Hierarchy Modeling" } else { "Disable Hierarchy Modeling" }, next);
                    } />
                    "Enable Hierarchy Modeling"
                </label>
                {move || hierarchy().map(|h| {
                    let h2 = h.clone();
                    let h3 = h.clone();
                    view! {
                        <div class="rp-form rp-form--inline">
                            <label class="rp-field"><span class="rp-field__label">"Hierarchy model"</span>
                                <select class="rp-select" on:change=move |ev| {
                                    let model = if event_target_value(&ev) == "position" { HierarchyModel::Position } else { HierarchyModel::Manager };
                                    set_hierarchy("Hierarchy model", Some(Hierarchy { model, ..h2.clone() }));
                                }>
                                    <option value="manager" selected=h.model == HierarchyModel::Manager>"Manager Hierarchy"</option>
                                    <option value="position" selected=h.model == HierarchyModel::Position>"Custom Position Hierarchy"</option>
                                </select></label>
                            <label class="rp-field"><span class="rp-field__label">"Depth"</span>
                                <input class="rp-input rp-input--narrow" type="number" min="1" max="100" prop:value=h.depth.to_string() on:change=move |ev| {
                                    if let Ok(depth) = event_target_value(&ev).parse::<u32>() {
                                        set_hierarchy(&format!("Hierarchy depth: {depth}"), Some(Hierarchy { depth: depth.max(1), ..h3.clone() }));
                                    }
                                } /></label>
                            <label class="rp-field"><span class="rp-field__label">"Tables (empty = all)"</span>
                                <input class="rp-input rp-input--wide" placeholder="account, contact" prop:value=h.tables.clone().unwrap_or_default().join(", ") on:change=move |ev| {
                                    let text = event_target_value(&ev);
                                    let tables: Vec<String> = text.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
                                    set_hierarchy("Hierarchy tables", Some(Hierarchy { tables: (!tables.is_empty()).then_some(tables), ..h.clone() }));
                                } /></label>
                        </div>
                    }
                })}
            </div>
            <div class="rp-panel">
                <h2 class="rp-detail__title">"Where the documentation is unclear (§13)"</h2>
                <p class="rp-panel__text">"Each switch replaces the documented default with the alternative reading; Rampart evaluates whichever you choose."</p>
                <table class="rp-table rp-settings">
                    <thead><tr><th scope="col">"Alternative"</th><th scope="col">"Rule"</th><th scope="col">"Documented default"</th><th scope="col">"Now"</th></tr></thead>
                    <tbody>{SWITCHES.iter().filter(|s| s.alternative).map(switch_row).collect_view()}</tbody>
                </table>
            </div>
        </DesignerFrame>
    }
}

/// `RecomputeOwnershipAcrossBusinessUnits` (MBU-5, the §13 A-6 alternative): a switch showing
/// the value in force, whether it follows Record ownership across business units or is set,
/// and what each value means for an owner without a role in the record's business unit.
#[component]
fn RecomputeOwnership(
    settings: Memo<Settings>,
    update: Callback<(String, Option<bool>)>,
) -> impl IntoView {
    const NAME: &str = "RecomputeOwnershipAcrossBusinessUnits";
    let effective = move || settings.with(Settings::recompute_ownership);
    let explicit = move || settings.with(|s| s.recompute_ownership_across_bus);
    let modernized = move || settings.with(|s| s.modernized_bu);
    let state = move || match explicit() {
        None => format!(
            "{} — follows Record ownership across business units ({}), the documented default",
            on_off(effective()),
            on_off(modernized()).to_lowercase()
        ),
        Some(v) => format!(
            "{} — set here, no longer following Record ownership across business units",
            on_off(v)
        ),
    };
    view! {
        <section class="rp-panel rp-recompute" aria-labelledby="rp-recompute-title" data-testid="recompute-ownership">
            <h2 class="rp-detail__title" id="rp-recompute-title">"Owner access across business units (§13 A-6)"</h2>
            <div class="rp-recompute__switch">
                <label class="rp-switch">
                    <input type="checkbox" role="switch" aria-describedby="rp-recompute-help rp-recompute-state"
                        prop:checked=effective
                        on:change=move |_| {
                            let now = !effective();
                            update.run((format!("{NAME}: {}", on_off(now)), Some(now)));
                        } />
                    <span class="rp-switch__track" aria-hidden="true"></span>
                    <span><code>{NAME}</code>" (MBU-5)"</span>
                </label>
                <Show when=move || explicit().is_some()>
                    <button type="button" class="rp-button rp-button--subtle" on:click=move |_| {
                        update.run((format!("{NAME}: follow Record ownership across business units"), None));
                    }>"Follow Record ownership across business units again"</button>
                </Show>
            </div>
            <p class="rp-recompute__state" id="rp-recompute-state" data-testid="recompute-state">"Now: "{state}</p>
            <div class="rp-panel__text rp-recompute__help" id="rp-recompute-help">
                <p>"The documentation disagrees on whether the owner of a record keeps access to it when the record sits in a business unit where the owner holds no security role. This only matters with Record ownership across business units on."</p>
                <ul class="rp-plain-list">
                    <li><strong>"On"</strong>": an owner needs only a security role with the privilege on the table from any business unit; ownership gives access wherever the record sits (\"need only a security role in any business unit with Read privilege\", MBU-5)."</li>
                    <li><strong>"Off"</strong>": the owner needs a security role from the record's own business unit; without one they lose access to the records they own there (\"will not be able to access these records unless a security role from the old business unit is assigned\", BU-8)."</li>
                </ul>
                <p>{move || if modernized() {
                    "Record ownership across business units is on, so this setting changes answers now: try a user who owns records in another business unit in the Simulator."
                } else {
                    "Record ownership across business units is off: a record always sits in its owner's business unit, so either value gives the same answers."
                }}</p>
            </div>
        </section>
    }
}
