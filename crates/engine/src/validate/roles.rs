//! Role contents: depths the table's ownership allows (ROLE-5), miscellaneous privileges
//! (ROLE-6), the one Activity set (ACT-1), predefined roles (§12).

use super::{Issue, IssueCode, key};
use crate::model::{Depth, Inheritance, Model, Ownership, PrivSet, Verb};

pub(super) fn check(model: &Model, issues: &mut Vec<Issue>) {
    for role in &model.roles {
        let path = format!("roles.{}", key(&role.name));
        if model.bus.get(role.bu.index()).is_none() {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.bu"),
                format!("unknown business unit #{}", role.bu.0),
            ));
        }
        for (set, depths) in &role.privileges {
            let PrivSet::Table(table_id) = *set else {
                continue;
            };
            let Some(table) = model.tables.get(table_id.index()) else {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.privileges"),
                    format!("unknown table #{}", table_id.0),
                ));
                continue;
            };
            let set_path = format!("{path}.privileges.{}", key(&table.name));
            if table.ownership.is_activity() {
                issues.push(
                    Issue::error(
                        IssueCode::ActivityPrivileges,
                        set_path.clone(),
                        format!("privileges set on activity table `{}`", table.name),
                    )
                    .with_help(
                        "one Activity privilege set covers every activity table (ACT-1): move these depths to `activity`",
                    ),
                );
                continue;
            }
            for verb in Verb::ALL {
                let depth = depths.get(verb);
                if table.ownership.allows(depth) {
                    continue;
                }
                let (kind, help) = match table.ownership {
                    Ownership::Organization => (
                        "organization-owned",
                        "organization-owned tables take `none` or `org` only: the privilege is an on/off switch (ROLE-5)",
                    ),
                    _ => (
                        "business-owned",
                        "business-owned records have no owner, so `user` depth matches nothing; use `bu`, `pcbu` or `org` (ROLE-5)",
                    ),
                };
                issues.push(
                    Issue::error(
                        IssueCode::DepthNotAllowed,
                        format!("{set_path}.{}", verb.as_str()),
                        format!(
                            "depth `{}` not allowed for {kind} table `{}`",
                            depth.as_str(),
                            table.name
                        ),
                    )
                    .with_help(help),
                );
            }
        }
        for (privilege, depth) in &role.misc {
            if matches!(depth, Depth::None | Depth::Org) {
                continue;
            }
            issues.push(
                Issue::error(
                    IssueCode::MiscDepth,
                    format!("{path}.misc.{}", key(privilege)),
                    format!(
                        "depth `{}` not allowed for miscellaneous privilege `{privilege}`",
                        depth.as_str()
                    ),
                )
                .with_help("miscellaneous and privacy-related privileges take `none` or `org` only (ROLE-6)"),
            );
        }
        if role.is_system_administrator() {
            if role.inheritance == Inheritance::TeamOnly {
                issues.push(
                    Issue::error(
                        IssueCode::PredefinedRole,
                        format!("{path}.inheritance"),
                        format!("System Administrator role `{}` set to team privileges only", role.name),
                    )
                    .with_help("member's privilege inheritance cannot be set on System Administrator (§12, TEAM-6); use `direct`"),
                );
            }
            if !role.privileges.is_empty() || !role.misc.is_empty() {
                issues.push(
                    Issue::warning(
                        IssueCode::PredefinedRole,
                        format!("{path}.privileges"),
                        format!("privileges listed on System Administrator role `{}`", role.name),
                    )
                    .with_help("System Administrator cannot be edited and bypasses record security (§12, EVAL-8); the listed depths are ignored"),
                );
            }
        }
        if role.predefined.is_some() && role.bu != model.root_bu() && !model.bus.is_empty() {
            issues.push(
                Issue::error(
                    IssueCode::PredefinedRole,
                    format!("{path}.bu"),
                    format!(
                        "predefined role `{}` moved to business unit `{}`",
                        role.name,
                        model.bu_name(role.bu)
                    ),
                )
                .with_help(format!(
                    "predefined roles belong to the root business unit `{}` and cannot be edited (§12)",
                    model.bu_name(model.root_bu())
                )),
            );
        }
    }
}
