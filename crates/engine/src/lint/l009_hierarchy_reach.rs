// Lint: L009 hierarchy-reach
//
// What: hierarchy security reaching further than the business-unit design: (a) a manager (or
// higher position) whose reports sit in business units outside the manager's own BU subtree,
// and (b) managers reaching reports more levels down than the BU tree is deep.
// Why: hierarchy access is a fourth access path beside ownership, role depth and sharing (EVAL-3,
// EVAL-7): managers get Read, Write, Append, Append To on direct reports' data and Read below
// (HIER-3, HIER-4) without any role depth. The position model crosses business units by design
// (HIER-9), and modernized BUs can lift the same-or-parent BU rule of the manager model (HIER-2);
// the depth setting decides how far down it goes (HIER-5). Reach outside the BU subtree or deeper
// than the BU tree bypasses the segregation the BU tree was built for.
// Fix: lower the hierarchy depth (HIER-5), exclude tables from hierarchy security (HIER-1), or fix
// the manager / position fields that link across business units.
//! L009: hierarchy security reaching beyond the business-unit design (HIER-2, HIER-5, HIER-9).

use super::{Ctx, Finding, Lint, Severity, name_list};
use crate::eval::hierarchy::reports;
use crate::model::{HierarchyModel, UserId};

pub(super) const LINT: Lint = Lint {
    id: "L009",
    slug: "hierarchy-reach",
    summary: "hierarchy security reaches outside a manager's BU subtree or deeper than the BU tree",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let Some(hierarchy) = &model.settings.hierarchy else {
        return Vec::new();
    };
    let height = bu_tree_height(model);
    let model_name = match hierarchy.model {
        HierarchyModel::Manager => "manager",
        HierarchyModel::Position => "position",
    };
    let mut out = Vec::new();
    let mut deepest: Option<(UserId, UserId, u32)> = None;
    for (m, manager) in model.users.iter().enumerate() {
        let manager_id = UserId::from_index(m);
        let reached = reports(model, manager_id);
        for (report, level) in &reached {
            if deepest.is_none_or(|(_, _, l)| *level > l) {
                deepest = Some((manager_id, *report, *level));
            }
        }
        let outside: Vec<String> = reached
            .iter()
            .filter_map(|(report, level)| {
                let r = model.users.get(report.index())?;
                (!model.bu_in_subtree(r.bu, manager.bu))
                    .then(|| format!("{} ({}, level {level})", r.name, model.bu_name(r.bu)))
            })
            .collect();
        if outside.is_empty() {
            continue;
        }
        out.push(LINT.finding(
            Severity::Warning,
            format!("users.{}", manager.name),
            format!(
                "`{}` in `{}` reaches the data of {} outside their business unit subtree through the {model_name} hierarchy",
                manager.name,
                model.bu_name(manager.bu),
                name_list(&outside, 5)
            ),
            format!(
                "hierarchy access needs no role depth (EVAL-7): direct reports' data is readable \
                 and writable, deeper levels readable (HIER-3, HIER-4). {} so the business unit \
                 tree no longer bounds what `{}` sees",
                match hierarchy.model {
                    HierarchyModel::Position => "The position hierarchy crosses business units by design (HIER-9),",
                    HierarchyModel::Manager => "With modernized business units and ManagersMustBeInSameOrParentBusinessUnitAsReports off, the manager hierarchy ignores business units (HIER-2),",
                },
                manager.name
            ),
            "move the links (manager or position fields) inside the BU subtree, lower the hierarchy depth (HIER-5), or exclude the sensitive tables from hierarchy security (HIER-1)",
        ));
    }
    if let Some((manager, report, level)) = deepest
        && height > 0
        && level > height
    {
        out.push(LINT.finding(
            Severity::Info,
            "settings.hierarchy.depth",
            format!(
                "hierarchy depth {} lets `{}` reach `{}` {level} levels down, deeper than the {}-level business unit tree",
                hierarchy.depth,
                model.user_name(manager),
                model.user_name(report),
                height
            ),
            format!(
                "the depth setting decides how many levels below a manager hierarchy access \
                 reaches, read-only below direct reports (HIER-4, HIER-5); with more levels than \
                 the business unit tree, the management chain grants reach the BU design never \
                 expressed (BU-9). Tables under hierarchy security: {}",
                hierarchy
                    .tables
                    .as_ref()
                    .map_or("all (HIER-1 default)".to_string(), |t| name_list(t, 8))
            ),
            format!("lower the hierarchy depth to {height} or fewer (HIER-5), or exclude tables (HIER-1)"),
        ));
    }
    out
}

/// Edges on the longest path from the root to a business unit.
fn bu_tree_height(model: &crate::model::Model) -> u32 {
    (0..model.bus.len())
        .map(|b| {
            let mut steps = 0u32;
            let mut current = model.bus.get(b).and_then(|bu| bu.parent);
            while let Some(parent) = current {
                steps += 1;
                if steps as usize > model.bus.len() {
                    break; // INVARIANT: validation refuses cycles; this guards unvalidated input.
                }
                current = model.bus.get(parent.index()).and_then(|bu| bu.parent);
            }
            steps
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn hier_9_position_reaches_another_bu() {
        check(
            r#"
            settings: {hierarchy: {model: position, depth: 1}}
            business_units: {Root: null, Sales: Root, Service: Root}
            tables: {account: user_or_team}
            roles:
              R: {privileges: {account: {read: user}}}
            positions: {P_head: null, P_agent: P_head}
            users:
              U_head: {bu: Sales, roles: [R], position: P_head}
              U_agent: {bu: Service, roles: [R], position: P_agent}
            "#,
            "L009",
            &[
                "warning users.U_head: `U_head` in `Sales` reaches the data of `U_agent (Service, level 1)` outside their business unit subtree through the position hierarchy",
            ],
        );
    }

    #[test]
    fn hier_5_depth_beyond_the_bu_tree() {
        check(
            r#"
            settings: {hierarchy: {model: manager, depth: 3}}
            business_units: {Root: null, Sales: Root}
            tables: {account: user_or_team}
            roles:
              R: {privileges: {account: {read: user}}}
            users:
              U_ceo: {bu: Root, roles: [R]}
              U_vp: {bu: Root, roles: [R], manager: U_ceo}
              U_mgr: {bu: Sales, roles: [R], manager: U_vp}
              U_rep: {bu: Sales, roles: [R], manager: U_mgr}
            "#,
            "L009",
            &[
                "info settings.hierarchy.depth: hierarchy depth 3 lets `U_ceo` reach `U_rep` 3 levels down, deeper than the 1-level business unit tree",
            ],
        );
    }

    #[test]
    fn hier_2_classic_manager_hierarchy_stays_in_the_tree() {
        check(
            r#"
            settings: {hierarchy: {model: manager, depth: 1}}
            business_units: {Root: null, Sales: Root}
            tables: {account: user_or_team}
            roles:
              R: {privileges: {account: {read: user}}}
            users:
              U_mgr: {bu: Root, roles: [R]}
              U_rep: {bu: Sales, roles: [R], manager: U_mgr}
            "#,
            "L009",
            &[],
        );
    }
}
