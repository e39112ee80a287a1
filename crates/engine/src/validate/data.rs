//! Sample data: owners that fit the table (ROLE-5, BU-7, TEAM-4), parent links (CASC-1),
//! shares (ROLE-5, SHARE-1, TEAM-9) and column shares (FLS-7).

use super::loops::loops;
use super::{Issue, IssueCode, key};
use crate::data::Dataset;
use crate::model::{Model, Principal, RecordId, RelationshipKind, TeamKind, Verb};

pub(super) fn check(model: &Model, data: &Dataset, issues: &mut Vec<Issue>) {
    records(model, data, issues);
    parent_loops(data, issues);
    shares(model, data, issues);
    column_shares(model, data, issues);
    record_teams(model, data, issues);
}

/// Whether a principal id points into the model (the organisation always does).
fn principal_exists(model: &Model, principal: Principal) -> bool {
    match principal {
        Principal::User(u) => model.users.get(u.index()).is_some(),
        Principal::Team(t) => model.teams.get(t.index()).is_some(),
        Principal::Organization => true,
    }
}

fn records(model: &Model, data: &Dataset, issues: &mut Vec<Issue>) {
    for record in &data.records {
        let path = format!("data.records.{}", key(&record.name));
        let Some(table) = model.tables.get(record.table.index()) else {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.table"),
                format!("unknown table #{}", record.table.0),
            ));
            continue;
        };
        match (table.ownership.has_owner(), record.owner) {
            (true, None) => issues.push(
                Issue::error(
                    IssueCode::RecordOwner,
                    format!("{path}.owner"),
                    format!("record `{}` of table `{}` has no owner", record.name, table.name),
                )
                .with_help("records of user-or-team-owned and activity tables always have an owner user or team (BU-7)"),
            ),
            (false, Some(_)) => issues.push(
                Issue::error(
                    IssueCode::RecordOwner,
                    format!("{path}.owner"),
                    format!(
                        "record `{}` of {} table `{}` has an owner",
                        record.name,
                        table.ownership.as_str().replace('_', "-"),
                        table.name
                    ),
                )
                .with_help("organization- and business-owned records have no owner (ROLE-5); remove `owner`"),
            ),
            _ => {}
        }
        if let Some(owner) = record.owner {
            if !principal_exists(model, owner) {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.owner"),
                    "unknown owner".to_string(),
                ));
            } else if owner == Principal::Organization {
                issues.push(
                    Issue::error(
                        IssueCode::RecordOwner,
                        format!("{path}.owner"),
                        format!("record `{}` owned by `ORG`", record.name),
                    )
                    .with_help("the organisation can receive shares but not own records; give a user or team (EVAL-6)"),
                );
            } else if let Principal::Team(t) = owner
                && let Some(team) = model.teams.get(t.index())
                && team.kind == TeamKind::Access
            {
                issues.push(
                    Issue::error(
                        IssueCode::AccessTeamOwner,
                        format!("{path}.owner"),
                        format!("record `{}` owned by access team `{}`", record.name, team.name),
                    )
                    .with_help("access teams cannot own records (TEAM-4); share the record with the team instead"),
                );
            }
        }
        match record.owning_bu {
            Some(bu) if model.bus.get(bu.index()).is_none() => issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.owning_bu"),
                format!("unknown business unit #{}", bu.0),
            )),
            Some(bu) if !model.settings.modernized_bu => {
                if let Some(owner_bu) = record.owner.and_then(|o| model.principal_bu(o))
                    && owner_bu != bu
                {
                    issues.push(
                        Issue::warning(
                            IssueCode::RecordOwner,
                            format!("{path}.owning_bu"),
                            format!(
                                "owning business unit `{}` differs from the owner's business unit `{}`",
                                model.bu_name(bu),
                                model.bu_name(owner_bu)
                            ),
                        )
                        .with_help("without modernized business units a record belongs to its owner's business unit (BU-7, MBU-4)"),
                    );
                }
            }
            None if table.ownership.has_owner() && record.owner.is_some() => issues.push(
                Issue::warning(
                    IssueCode::RecordOwner,
                    format!("{path}.owning_bu"),
                    format!("record `{}` has no owning business unit", record.name),
                )
                .with_help("business unit depths can never reach it; set `owning_bu` to the owner's business unit (BU-7)"),
            ),
            _ => {}
        }
        for (j, (relationship_id, parent_id)) in record.parents.iter().enumerate() {
            let link_path = format!("{path}.parents[{j}]");
            let Some(relationship) = model.relationships.get(relationship_id.index()) else {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{link_path}.relationship"),
                    format!("unknown relationship #{}", relationship_id.0),
                ));
                continue;
            };
            let Some(parent) = data.record(*parent_id) else {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{link_path}.record"),
                    format!("unknown record #{}", parent_id.0),
                ));
                continue;
            };
            match relationship.kind {
                RelationshipKind::OneToMany {
                    parent: parent_table,
                    child,
                    ..
                } => {
                    if child != record.table || parent_table != parent.table {
                        issues.push(
                            Issue::error(
                                IssueCode::RecordParent,
                                link_path,
                                format!(
                                    "relationship `{}` links `{}` to `{}`, not `{}` to `{}`",
                                    relationship.name,
                                    model.table_name(child),
                                    model.table_name(parent_table),
                                    table.name,
                                    model.table_name(parent.table)
                                ),
                            )
                            .with_help("a parent link follows a 1:N relationship from the child table to the parent table (CASC-1)"),
                        );
                    }
                }
                RelationshipKind::ManyToMany { .. } => issues.push(
                    Issue::error(
                        IssueCode::RecordParent,
                        format!("{link_path}.relationship"),
                        format!("`{}` is a many-to-many relationship", relationship.name),
                    )
                    .with_help("parent links follow 1:N relationships only (CASC-1)"),
                ),
            }
        }
    }
}

/// Records that are their own ancestors: a hierarchy of parent records has a top. The engine
/// tolerates a loop (inherited access and cascades stop where they have been), so this warns
/// rather than blocks.
fn parent_loops(data: &Dataset, issues: &mut Vec<Issue>) {
    let found = loops(data.records.len(), |i| {
        data.records
            .get(i)
            .into_iter()
            .flat_map(|r| r.parents.iter().map(|(_, parent)| parent.index()))
    });
    for cycle in found {
        let names: Vec<&str> = cycle
            .iter()
            .filter_map(|i| data.records.get(*i))
            .map(|r| r.name.as_str())
            .collect();
        let first = names.first().copied().unwrap_or("?");
        issues.push(
            Issue::warning(
                IssueCode::RecordParent,
                format!("data.records.{}.parents", key(first)),
                format!(
                    "parent links loop: `{} → {first}`",
                    names.join(" → ")
                ),
            )
            .with_help("a record cannot be its own ancestor through parent links (CASC-1); remove one of the links"),
        );
    }
}

fn shares(model: &Model, data: &Dataset, issues: &mut Vec<Issue>) {
    // The order of `data.shares` in the saved document: by record id, then as stored.
    let mut records: Vec<&RecordId> = data.shares.keys().collect();
    records.sort_by(|a, b| {
        data.record_name(**a)
            .cmp(data.record_name(**b))
            .then(a.cmp(b))
    });
    let mut index = 0;
    for record_id in records {
        for share in data.shares_of(*record_id) {
            let path = format!("data.shares[{index}]");
            index += 1;
            let Some(record) = data.record(*record_id) else {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.record"),
                    format!("unknown record #{}", record_id.0),
                ));
                continue;
            };
            if !principal_exists(model, share.principal) {
                issues.push(Issue::error(
                    IssueCode::UnknownReference,
                    format!("{path}.principal"),
                    "unknown principal".to_string(),
                ));
                continue;
            }
            if let Some(table) = model.tables.get(record.table.index())
                && !table.ownership.has_owner()
            {
                issues.push(
                    Issue::error(
                        IssueCode::Share,
                        format!("{path}.record"),
                        format!(
                            "record `{}` of {} table `{}` is shared",
                            record.name,
                            table.ownership.as_str().replace('_', "-"),
                            table.name
                        ),
                    )
                    .with_help(
                        "organization- and business-owned records cannot be shared (ROLE-5)",
                    ),
                );
            }
            if share.rights.contains(Verb::Create) || share.inherited.contains(Verb::Create) {
                issues.push(
                    Issue::warning(
                        IssueCode::Share,
                        format!("{path}.rights"),
                        format!("share of `{}` grants `create`", record.name),
                    )
                    .with_help("create is never a shared right (SHARE-1); it has no effect"),
                );
            }
            if share.rights.is_empty() && share.inherited.is_empty() {
                issues.push(
                    Issue::warning(
                        IssueCode::Share,
                        format!("{path}.rights"),
                        format!("share of `{}` grants no rights", record.name),
                    )
                    .with_help("list rights such as `read` (SHARE-1), or remove the share"),
                );
            }
            if let Principal::Team(t) = share.principal
                && let Some(team) = model.teams.get(t.index())
                && let Some((_, team_record)) = team.record_team
                && team_record != *record_id
            {
                issues.push(
                    Issue::error(
                        IssueCode::RecordTeam,
                        format!("{path}.principal"),
                        format!(
                            "record `{}` shared with `{}`, the access team of record `{}`",
                            record.name,
                            team.name,
                            data.record_name(team_record)
                        ),
                    )
                    .with_help("a template-created access team serves its one record; other records cannot be shared with it (TEAM-9)"),
                );
            }
        }
    }
}

fn column_shares(model: &Model, data: &Dataset, issues: &mut Vec<Issue>) {
    for (j, share) in data.column_shares.iter().enumerate() {
        let path = format!("data.column_shares[{j}]");
        let Some(record) = data.record(share.record) else {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.record"),
                format!("unknown record #{}", share.record.0),
            ));
            continue;
        };
        if !principal_exists(model, share.principal) {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.principal"),
                "unknown principal".to_string(),
            ));
        } else if share.principal == Principal::Organization {
            issues.push(
                Issue::error(
                    IssueCode::ColumnSecurity,
                    format!("{path}.principal"),
                    "column share with `ORG`".to_string(),
                )
                .with_help("a column share goes to a user or a team (FLS-7)"),
            );
        }
        if let Some(table) = model.tables.get(record.table.index())
            && !table.secured_columns.contains(&share.column)
        {
            issues.push(
                Issue::warning(
                    IssueCode::ColumnSecurity,
                    format!("{path}.column"),
                    format!(
                        "column `{}` of `{}` is not secured",
                        share.column, table.name
                    ),
                )
                .with_help("column shares only matter for secured columns (FLS-1, FLS-7)"),
            );
        }
    }
}

fn record_teams(model: &Model, data: &Dataset, issues: &mut Vec<Issue>) {
    for team in &model.teams {
        let Some((template_id, record_id)) = team.record_team else {
            continue;
        };
        let path = format!("teams.{}.record_team", key(&team.name));
        let Some(record) = data.record(record_id) else {
            issues.push(Issue::error(
                IssueCode::UnknownReference,
                format!("{path}.record"),
                format!("unknown record #{}", record_id.0),
            ));
            continue;
        };
        if let Some(template) = model.templates.get(template_id.index())
            && template.table != record.table
        {
            issues.push(
                Issue::error(
                    IssueCode::RecordTeam,
                    path,
                    format!(
                        "template `{}` is for table `{}`, but record `{}` is in `{}`",
                        template.name,
                        model.table_name(template.table),
                        record.name,
                        model.table_name(record.table)
                    ),
                )
                .with_help("a template's access teams serve records of its own table (TEAM-9)"),
            );
        }
    }
}
