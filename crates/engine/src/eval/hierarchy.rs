//! Hierarchy security: who reports to whom, how far, and with which rights (HIER-1..HIER-10).

use crate::model::{Directory, HierarchyModel, ManagerBuScope, Model, Rights, UserId};

/// Every report reachable from `manager` within the configured depth, with its level
/// (1 = direct report), for the configured model (HIER-2, HIER-5, HIER-9).
pub fn reports(model: &Model, manager: UserId) -> Vec<(UserId, u32)> {
    reports_with(model, None, manager)
}

/// [`reports`], using a precomputed [`Directory`] for the manager links when given.
pub fn reports_with(
    model: &Model,
    directory: Option<&Directory>,
    manager: UserId,
) -> Vec<(UserId, u32)> {
    let Some(hierarchy) = &model.settings.hierarchy else {
        return Vec::new();
    };
    let Some(mgr) = model.users.get(manager.index()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match hierarchy.model {
        HierarchyModel::Manager => {
            let built;
            let direct_reports: &[Vec<UserId>] = match directory {
                Some(d) => &d.direct_reports,
                None => {
                    let mut adjacency: Vec<Vec<UserId>> = vec![Vec::new(); model.users.len()];
                    for (u, user) in model.users.iter().enumerate() {
                        if let Some(list) = user.manager.and_then(|m| adjacency.get_mut(m.index()))
                        {
                            list.push(UserId::from_index(u));
                        }
                    }
                    built = adjacency;
                    &built
                }
            };
            let mut seen = vec![manager];
            let mut frontier = vec![manager];
            for level in 1..=hierarchy.depth {
                let mut next: Vec<UserId> = frontier
                    .iter()
                    .flat_map(|m| direct_reports.get(m.index()).into_iter().flatten().copied())
                    .filter(|u| !seen.contains(u))
                    .collect();
                next.sort_unstable();
                next.dedup();
                seen.extend(next.iter().copied());
                for report in &next {
                    if manager_bu_allowed(model, mgr.bu, *report) {
                        out.push((*report, level));
                    }
                }
                if next.is_empty() {
                    break;
                }
                frontier = next;
            }
        }
        HierarchyModel::Position => {
            let Some(position) = mgr.position else {
                return out;
            };
            for (i, user) in model.users.iter().enumerate() {
                let id = UserId::from_index(i);
                if id == manager {
                    continue;
                }
                let Some(mut current) = user.position else {
                    continue;
                };
                // HIER-9: only the direct ancestor path, within depth.
                for level in 1..=hierarchy.depth {
                    match model.positions.get(current.index()).and_then(|p| p.parent) {
                        Some(parent) if parent == position => {
                            out.push((id, level));
                            break;
                        }
                        Some(parent) => current = parent,
                        None => break,
                    }
                }
            }
        }
    }
    out
}

/// HIER-2: in the manager model the manager sits in the report's BU or its parent BU, unless
/// modernized BUs turn `ManagersMustBeInSameOrParentBusinessUnitAsReports` off. A-13 decides
/// whether "parent" means the immediate parent (default) or any ancestor.
fn manager_bu_allowed(model: &Model, manager_bu: crate::model::BuId, report: UserId) -> bool {
    if model.settings.modernized_bu && !model.settings.managers_must_be_in_same_or_parent_bu {
        return true;
    }
    let Some(report_bu) = model.users.get(report.index()).map(|u| u.bu) else {
        return false;
    };
    if report_bu == manager_bu {
        return true;
    }
    match model.settings.manager_bu_scope {
        ManagerBuScope::ImmediateParent => {
            model.bus.get(report_bu.index()).and_then(|b| b.parent) == Some(manager_bu)
        }
        ManagerBuScope::AnyAncestor => model.bu_in_subtree(report_bu, manager_bu),
    }
}

/// Rights a manager receives on a report's data at `level` (HIER-4, HIER-9, A-2).
pub fn rights_at(model: &Model, level: u32) -> Rights {
    if level == 1 || (model.settings.hierarchy_write_non_direct && level <= 3) {
        Rights::HIERARCHY_DIRECT
    } else {
        Rights::READ
    }
}
