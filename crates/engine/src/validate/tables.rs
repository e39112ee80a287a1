//! Tables and what hangs off them: team templates (TEAM-9), relationships (CASC-1), column
//! security profiles (FLS-1, FLS-2), hierarchy settings (HIER-1).

use super::{Issue, IssueCode, key};
use crate::model::{Cascade, HierarchyModel, Model, Ownership, RelationshipKind, TableId};

/// How many templates a table takes by default (`MaxAutoCreatedAccessTeamsPerEntity`, TEAM-9).
const TEMPLATES_PER_TABLE: usize = 2;

pub(super) fn check(model: &Model, issues: &mut Vec<Issue>) {
    templates(model, issues);
    relationships(model, issues);
    profiles(model, issues);
    hierarchy(model, issues);
}

fn unknown_table(path: String, table: TableId) -> Issue {
    Issue::error(
        IssueCode::UnknownReference,
        path,
        format!("unknown table #{}", table.0),
    )
}

fn templates(model: &Model, issues: &mut Vec<Issue>) {
    for template in &model.templates {
        let path = format!("team_templates.{}", key(&template.name));
        let Some(table) = model.tables.get(template.table.index()) else {
            issues.push(unknown_table(format!("{path}.table"), template.table));
            continue;
        };
        if !table.ownership.has_owner() {
            issues.push(
                Issue::error(
                    IssueCode::TeamTemplate,
                    format!("{path}.table"),
                    format!(
                        "access team template on {} table `{}`",
                        ownership_words(table.ownership),
                        table.name
                    ),
                )
                .with_help("records of this table have no owner and cannot be shared, so access teams cannot reach them (TEAM-9, ROLE-5)"),
            );
        } else if !table.auto_create_access_teams {
            issues.push(
                Issue::error(
                    IssueCode::TeamTemplate,
                    format!("{path}.table"),
                    format!("table `{}` does not auto-create access teams", table.name),
                )
                .with_help(format!(
                    "set `tables.{}.auto_create_access_teams` to `true`: only such tables take templates (TEAM-9)",
                    table.name
                )),
            );
        }
        if template.rights.is_empty() {
            issues.push(
                Issue::warning(
                    IssueCode::TeamTemplate,
                    format!("{path}.rights"),
                    format!("team template `{}` grants no rights", template.name),
                )
                .with_help("list the rights members receive on the record, e.g. `[\"read\", \"write\"]` (TEAM-9)"),
            );
        }
    }
    for (i, table) in model.tables.iter().enumerate() {
        let n = model
            .templates
            .iter()
            .filter(|t| t.table == TableId::from_index(i))
            .count();
        if n > TEMPLATES_PER_TABLE {
            issues.push(
                Issue::warning(
                    IssueCode::TeamTemplate,
                    format!("tables.{}", key(&table.name)),
                    format!("{n} team templates on table `{}`", table.name),
                )
                .with_help(format!(
                    "Dataverse allows {TEMPLATES_PER_TABLE} per table unless `MaxAutoCreatedAccessTeamsPerEntity` is raised (TEAM-9)"
                )),
            );
        }
    }
}

fn ownership_words(ownership: Ownership) -> &'static str {
    match ownership {
        Ownership::UserOrTeam => "user-or-team-owned",
        Ownership::Organization => "organization-owned",
        Ownership::BusinessOwned => "business-owned",
        Ownership::Activity => "activity",
        Ownership::CustomActivity => "custom activity",
    }
}

fn relationships(model: &Model, issues: &mut Vec<Issue>) {
    for relationship in &model.relationships {
        let path = format!("relationships.{}", key(&relationship.name));
        match &relationship.kind {
            RelationshipKind::OneToMany {
                parent,
                child,
                cascade,
                ..
            } => {
                for (field, table) in [("parent", parent), ("child", child)] {
                    if model.tables.get(table.index()).is_none() {
                        issues.push(unknown_table(format!("{path}.{field}"), *table));
                    }
                }
                let actions = [
                    ("assign", cascade.assign),
                    ("share", cascade.share),
                    ("unshare", cascade.unshare),
                    ("reparent", cascade.reparent),
                    ("merge", cascade.merge),
                ];
                for (action, value) in actions {
                    if matches!(value, Cascade::RemoveLink | Cascade::Restrict) {
                        issues.push(
                            Issue::error(
                                IssueCode::Cascade,
                                format!("{path}.cascade.{action}"),
                                format!("`{}` is not a {action} behaviour", cascade_token(value)),
                            )
                            .with_help("remove_link and restrict are delete behaviours only; use cascade, active, user_owned or none (CASC-1)"),
                        );
                    }
                }
                if matches!(cascade.delete, Cascade::Active | Cascade::UserOwned) {
                    issues.push(
                        Issue::error(
                            IssueCode::Cascade,
                            format!("{path}.cascade.delete"),
                            format!(
                                "`{}` is not a delete behaviour",
                                cascade_token(cascade.delete)
                            ),
                        )
                        .with_help("delete takes cascade, remove_link or restrict (CASC-1)"),
                    );
                }
            }
            RelationshipKind::ManyToMany { tables } => {
                if let Some((a, b)) = tables {
                    for (j, table) in [a, b].into_iter().enumerate() {
                        if model.tables.get(table.index()).is_none() {
                            issues.push(unknown_table(format!("{path}.tables[{j}]"), *table));
                        }
                    }
                }
            }
        }
    }
}

fn cascade_token(cascade: Cascade) -> &'static str {
    match cascade {
        Cascade::All => "cascade",
        Cascade::Active => "active",
        Cascade::UserOwned => "user_owned",
        Cascade::None => "none",
        Cascade::RemoveLink => "remove_link",
        Cascade::Restrict => "restrict",
    }
}

fn profiles(model: &Model, issues: &mut Vec<Issue>) {
    for profile in &model.field_profiles {
        let path = format!("field_security_profiles.{}", key(&profile.name));
        for (j, user) in profile.users.iter().enumerate() {
            if model.users.get(user.index()).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.users[{j}]"),
                    format!("unknown user #{}", user.0),
                ));
            }
        }
        for (j, team) in profile.teams.iter().enumerate() {
            if model.teams.get(team.index()).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.teams[{j}]"),
                    format!("unknown team #{}", team.0),
                ));
            }
        }
        for (table_id, column) in profile.permissions.keys() {
            let Some(table) = model.tables.get(table_id.index()) else {
                issues.push(unknown_table(format!("{path}.permissions"), *table_id));
                continue;
            };
            if !table.secured_columns.contains(column) {
                issues.push(
                    Issue::warning(
                        IssueCode::ColumnSecurity,
                        format!("{path}.permissions.{}.{}", key(&table.name), key(column)),
                        format!("column `{column}` of `{}` is not secured", table.name),
                    )
                    .with_help(format!(
                        "a profile only matters for secured columns (FLS-1, FLS-2): add `{column}` to `tables.{}.secured_columns` or remove the permission",
                        table.name
                    )),
                );
            }
        }
    }
}

fn hierarchy(model: &Model, issues: &mut Vec<Issue>) {
    let Some(hierarchy) = &model.settings.hierarchy else {
        return;
    };
    if let Some(tables) = &hierarchy.tables {
        for (j, name) in tables.iter().enumerate() {
            if !model.tables.iter().any(|t| &t.name == name) {
                issues.push(
                    Issue::warning(
                        IssueCode::Hierarchy,
                        format!("settings.hierarchy.tables[{j}]"),
                        format!("unknown table `{name}`"),
                    )
                    .with_optional_help(super::did_you_mean(
                        name,
                        model.tables.iter().map(|t| t.name.as_str()),
                    )),
                );
            }
        }
    }
    if hierarchy.depth == 0 {
        issues.push(
            Issue::warning(
                IssueCode::Hierarchy,
                "settings.hierarchy.depth",
                "hierarchy depth `0` reaches nobody",
            )
            .with_help("depth 1 reaches direct reports (HIER-5)"),
        );
    }
    if hierarchy.model == HierarchyModel::Position && model.positions.is_empty() {
        issues.push(
            Issue::warning(
                IssueCode::Hierarchy,
                "settings.hierarchy.model",
                "position hierarchy enabled but no positions defined",
            )
            .with_help("add `positions` and give users a `position` (HIER-9)"),
        );
    }
}
