//! Id checks: no id twice in a collection, no user and team sharing an id (both are
//! principals), no reserved ids, display names only for ids that exist.

use std::collections::{BTreeMap, BTreeSet};

use super::{Issue, IssueCode, key};
use crate::data::Dataset;
use crate::format::v1::{ACTIVITY, ORGANIZATION};
use crate::model::Model;

pub(super) fn check(model: &Model, data: Option<&Dataset>, issues: &mut Vec<Issue>) {
    let sections: [(&str, &str, Vec<&str>); 9] = [
        (
            "business_units",
            "business unit",
            model.bus.iter().map(|x| x.name.as_str()).collect(),
        ),
        (
            "users",
            "user",
            model.users.iter().map(|x| x.name.as_str()).collect(),
        ),
        (
            "teams",
            "team",
            model.teams.iter().map(|x| x.name.as_str()).collect(),
        ),
        (
            "roles",
            "role",
            model.roles.iter().map(|x| x.name.as_str()).collect(),
        ),
        (
            "tables",
            "table",
            model.tables.iter().map(|x| x.name.as_str()).collect(),
        ),
        (
            "relationships",
            "relationship",
            model
                .relationships
                .iter()
                .map(|x| x.name.as_str())
                .collect(),
        ),
        (
            "positions",
            "position",
            model.positions.iter().map(|x| x.name.as_str()).collect(),
        ),
        (
            "team_templates",
            "team template",
            model.templates.iter().map(|x| x.name.as_str()).collect(),
        ),
        (
            "field_security_profiles",
            "column security profile",
            model
                .field_profiles
                .iter()
                .map(|x| x.name.as_str())
                .collect(),
        ),
    ];
    for (section, noun, names) in &sections {
        duplicates(section, noun, names, issues);
    }
    if let Some(data) = data {
        let names: Vec<&str> = data.records.iter().map(|r| r.name.as_str()).collect();
        duplicates("data.records", "record", &names, issues);
    }
    let users: BTreeSet<&str> = model.users.iter().map(|u| u.name.as_str()).collect();
    for team in &model.teams {
        if users.contains(team.name.as_str()) {
            issues.push(
                Issue::error(
                    IssueCode::DuplicateId,
                    format!("teams.{}", key(&team.name)),
                    format!("`{}` is both a user and a team", team.name),
                )
                .with_help(
                    "owners and share recipients are written as a user or team id, so the two must differ; rename the team",
                ),
            );
        }
    }
    for (section, names) in [("users", &sections[1].2), ("teams", &sections[2].2)] {
        for name in names.iter().filter(|n| **n == ORGANIZATION) {
            issues.push(
                Issue::error(
                    IssueCode::ReservedId,
                    format!("{section}.{}", key(name)),
                    format!("`{ORGANIZATION}` is reserved for the whole organisation"),
                )
                .with_help("rename it; `ORG` as a share recipient means the organisation (EVAL-6)"),
            );
        }
    }
    for table in model.tables.iter().filter(|t| t.name == ACTIVITY) {
        issues.push(
            Issue::error(
                IssueCode::ReservedId,
                format!("tables.{}", key(&table.name)),
                format!("`{ACTIVITY}` is reserved for the one Activity privilege set"),
            )
            .with_help("activity tables are named for their type (`task`, `email` …) and share the `activity` privileges (ACT-1)"),
        );
    }
    let mut known: BTreeSet<&str> = sections
        .iter()
        .flat_map(|(_, _, n)| n.iter().copied())
        .collect();
    if let Some(data) = data {
        known.extend(data.records.iter().map(|r| r.name.as_str()));
    }
    for id in model.display_names.keys() {
        if !known.contains(id.as_str()) {
            issues.push(
                Issue::warning(
                    IssueCode::DisplayName,
                    format!("display_names.{}", key(id)),
                    format!("display name for `{id}`, which names nothing in the model"),
                )
                .with_optional_help(super::did_you_mean(id, known.iter().copied())),
            );
        }
    }
}

fn duplicates(section: &str, noun: &str, names: &[&str], issues: &mut Vec<Issue>) {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names {
        *count.entry(name).or_default() += 1;
    }
    for (name, n) in count.into_iter().filter(|(_, n)| *n > 1) {
        issues.push(
            Issue::error(
                IssueCode::DuplicateId,
                format!("{section}.{}", key(name)),
                format!("duplicate {noun} id `{name}` ({n} times)"),
            )
            .with_help("ids must be unique: rename all but one"),
        );
    }
}
