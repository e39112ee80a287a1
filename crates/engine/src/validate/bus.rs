//! Business-unit tree checks: one root (BU-1), no cycles (BU-2), one default team each (BU-4).

use super::loops::loops;
use super::{Issue, IssueCode, key};
use crate::model::{BuId, Model, TeamKind};

pub(super) fn check(model: &Model, issues: &mut Vec<Issue>) {
    if model.bus.is_empty() {
        issues.push(
            Issue::error(
                IssueCode::NoRootBu,
                "business_units",
                "no business units: a model needs its root business unit",
            )
            .with_help(
                "add a business unit without a parent (BU-1: every organisation has one root)",
            ),
        );
        return;
    }
    for bu in &model.bus {
        if let Some(parent) = bu.parent
            && model.bus.get(parent.index()).is_none()
        {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("business_units.{}.parent", key(&bu.name)),
                format!("unknown business unit #{}", parent.0),
            ));
        }
    }
    let roots: Vec<&str> = model
        .bus
        .iter()
        .filter(|bu| bu.parent.is_none())
        .map(|bu| bu.name.as_str())
        .collect();
    match roots.split_first() {
        None => issues.push(
            Issue::error(
                IssueCode::NoRootBu,
                "business_units",
                "no root business unit: every business unit has a parent",
            )
            .with_help("remove the `parent` of the top business unit (BU-1: exactly one root)"),
        ),
        Some((root, others)) => {
            for other in others {
                issues.push(
                    Issue::error(
                        IssueCode::SecondRootBu,
                        format!("business_units.{}", key(other)),
                        format!("second root business unit `{other}` (the root is `{root}`)"),
                    )
                    .with_help(format!(
                        "give `{other}` a parent, e.g. `\"parent\": \"{root}\"` (BU-1: exactly one root)"
                    )),
                );
            }
        }
    }
    let cycles = loops(model.bus.len(), |i| {
        model.bus.get(i).and_then(|bu| bu.parent).map(BuId::index)
    });
    for cycle in cycles {
        let names: Vec<&str> = cycle
            .iter()
            .map(|i| model.bu_name(BuId::from_index(*i)))
            .collect();
        let first = names.first().copied().unwrap_or("?");
        issues.push(
            Issue::error(
                IssueCode::BuCycle,
                format!("business_units.{}.parent", key(first)),
                format!("cycle in business units `{} → {first}`", names.join(" → ")),
            )
            .with_help(
                "business units form a tree: each has one parent and the root has none (BU-2)",
            ),
        );
    }
    for (i, bu) in model.bus.iter().enumerate() {
        let bu_id = BuId::from_index(i);
        let defaults: Vec<&str> = model
            .teams
            .iter()
            .filter(|t| t.kind == TeamKind::Default && t.bu == bu_id)
            .map(|t| t.name.as_str())
            .collect();
        match defaults.as_slice() {
            [] => issues.push(
                Issue::warning(
                    IssueCode::DefaultTeam,
                    format!("business_units.{}", key(&bu.name)),
                    format!("business unit `{}` has no default team", bu.name),
                )
                .with_help(format!(
                    "add a team of type `default` in `{}` (BU-4: every business unit has one)",
                    bu.name
                )),
            ),
            [_] => {}
            [first, rest @ ..] => {
                for extra in rest {
                    issues.push(
                        Issue::error(
                            IssueCode::DefaultTeam,
                            format!("teams.{}.type", key(extra)),
                            format!(
                                "second default team `{extra}` for business unit `{}` (the first is `{first}`)",
                                bu.name
                            ),
                        )
                        .with_help("a business unit has exactly one default team (BU-4); make this an owner team"),
                    );
                }
            }
        }
    }
}
