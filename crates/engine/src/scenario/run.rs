//! Running a scenario's checks: replay events, apply variants, decide, compare (FORMAT.md).

use serde::Serialize;
use serde_yaml_ng::Value;

use super::Scenario;
use super::build::{ADMIN_USER, IgnoreSettings, apply_settings};
use super::yaml::{entries, field, flag, scalar, text, text_list};
use crate::data::{Dataset, Record};
use crate::edit;
use crate::eval::{self, AccessPath, Collect, Operation, Outcome, Via};
use crate::model::{Model, NameIndex, Principal, Rights, RoleAssignment, UserId, Verb};

/// Verdict of one check against its expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// The engine's answer matches.
    Pass,
    /// It does not, or the check could not be evaluated.
    Fail,
    /// Not scored (`scored: false`).
    Skip,
}

/// One check's result, in the runner output shape of FORMAT.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Position in the file's `checks` list.
    pub index: usize,
    /// pass, fail or skip.
    pub status: CheckStatus,
    /// What the file expects.
    pub expected: String,
    /// What the engine answered.
    pub actual: String,
    /// Why, with rule ids.
    pub explanation: String,
    /// Rule ids behind the answer.
    pub rules: Vec<String>,
}

/// One scenario file's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioReport {
    /// Scenario id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Set when the file could not be loaded; every scored check then fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Per-check results.
    pub checks: Vec<CheckReport>,
}

/// The runner output document of FORMAT.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Report {
    /// Per-file results.
    pub scenarios: Vec<ScenarioReport>,
    /// Scored checks that passed.
    pub passed: usize,
    /// Scored checks that failed.
    pub failed: usize,
    /// Unscored checks.
    pub skipped: usize,
}

impl Report {
    /// Adds a scenario's results to the totals.
    pub fn push(&mut self, scenario: ScenarioReport) {
        for check in &scenario.checks {
            match check.status {
                CheckStatus::Pass => self.passed += 1,
                CheckStatus::Fail => self.failed += 1,
                CheckStatus::Skip => self.skipped += 1,
            }
        }
        self.scenarios.push(scenario);
    }
}

/// Runs every check of a loaded scenario.
pub fn run_scenario(scenario: &Scenario) -> ScenarioReport {
    let checks = run_checks(
        &scenario.model,
        &scenario.data,
        &scenario.events,
        &scenario.checks,
    );
    ScenarioReport {
        id: scenario.id.clone(),
        title: scenario.title.clone(),
        error: None,
        checks,
    }
}

/// Runs checks in the scenario format against a model and dataset, with the events they may
/// refer to through `after` (pinned checks of a workspace go through here too).
pub fn run_checks(
    model: &Model,
    data: &Dataset,
    events: &[Value],
    checks: &[Value],
) -> Vec<CheckReport> {
    let world = World {
        model,
        data,
        events,
    };
    checks
        .iter()
        .enumerate()
        .map(|(i, c)| run_check(&world, i, c))
        .collect()
}

/// Runs one check (see [`run_checks`]).
pub fn run_one_check(
    model: &Model,
    data: &Dataset,
    events: &[Value],
    index: usize,
    check: &Value,
) -> CheckReport {
    run_check(
        &World {
            model,
            data,
            events,
        },
        index,
        check,
    )
}

/// What checks are asked against.
struct World<'a> {
    model: &'a Model,
    data: &'a Dataset,
    events: &'a [Value],
}

fn run_check(scenario: &World<'_>, index: usize, check: &Value) -> CheckReport {
    let scored = flag(check, "scored") != Some(false);
    let expected = text(check, "expect").unwrap_or_default();
    let (actual, explanation, rules) = match answer(scenario, check) {
        Ok(answer) => answer,
        Err(message) => ("error".to_string(), message, Vec::new()),
    };
    let status = if !scored {
        CheckStatus::Skip
    } else if Outcome::parse(&expected).is_some() {
        if actual == expected {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail
        }
    } else if !expected.is_empty()
        && explanation
            .to_lowercase()
            .contains(&expected.to_lowercase())
    {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail
    };
    CheckReport {
        index,
        status,
        expected,
        actual,
        explanation,
        rules,
    }
}

/// The state a check is asked in: settings variant applied, events replayed up to `after`.
fn state_for<'a>(scenario: &World<'a>, check: &Value) -> Cow<'a, Model, Dataset> {
    if field(check, "variant").is_none() && field(check, "after").is_none() {
        return Cow::Borrowed(scenario.model, scenario.data);
    }
    let mut model = scenario.model.clone();
    let mut data = scenario.data.clone();
    if let Some(variant) = field(check, "variant") {
        let was_modernized = model.settings.modernized_bu;
        apply_settings(&mut model.settings, variant, &mut IgnoreSettings);
        if was_modernized && !model.settings.modernized_bu {
            edit::realign_owning_bus(&model, &mut data); // MBU-7
        }
    }
    if let Some(after) = text(check, "after").and_then(|a| a.parse::<f64>().ok()) {
        let mut events: Vec<(f64, &Value)> = scenario
            .events
            .iter()
            .map(|e| {
                (
                    text(e, "step").and_then(|s| s.parse().ok()).unwrap_or(0.0),
                    e,
                )
            })
            .filter(|(step, _)| *step <= after)
            .collect();
        events.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, event) in events {
            apply_event(&mut model, &mut data, event);
        }
    }
    Cow::Owned(model, data)
}

/// The state of a check: borrowed when it has no variant and no `after`.
enum Cow<'a, M, D> {
    Borrowed(&'a M, &'a D),
    Owned(M, D),
}

impl<M, D> Cow<'_, M, D> {
    fn get(&self) -> (&M, &D) {
        match self {
            Cow::Borrowed(m, d) => (m, d),
            Cow::Owned(m, d) => (m, d),
        }
    }
}

fn answer(scenario: &World<'_>, check: &Value) -> Result<(String, String, Vec<String>), String> {
    if field(check, "assert").is_some() {
        return Err("assertions about state are not evaluated".into());
    }
    let state = state_for(scenario, check);
    let (model, data) = state.get();
    let names = model.name_index();
    let who_name = text(check, "who").unwrap_or_else(|| ADMIN_USER.to_string());
    let who = *names
        .users
        .get(&who_name)
        .ok_or_else(|| format!("unknown user `{who_name}`"))?;
    let op_name = text(check, "op").ok_or("the check has no `op`")?;
    if let Some(text) = explanation_op(model, data, &names, who, &op_name, check)? {
        return Ok(("explanation".into(), text, vec!["CHK-4".into()]));
    }
    let op = match parse_op(data, &names, who, check) {
        Ok(op) => op,
        Err(message) => return Ok(("error".into(), message, Vec::new())),
    };
    let verdict = eval::decide(model, data, who, &op);
    let mut explanation = verdict.summary.clone();
    if !verdict.fixes.is_empty() {
        explanation.push_str(&format!(" (fix: {})", verdict.fixes.join("; or ")));
    }
    let rules = verdict.rules.iter().map(|r| r.to_string()).collect();
    Ok((verdict.outcome.as_str().to_string(), explanation, rules))
}

fn record(data: &Dataset, v: &Value, key: &str) -> Result<crate::model::RecordId, String> {
    let name = text(v, key).ok_or_else(|| format!("missing `{key}`"))?;
    data.name_index()
        .get(&name)
        .copied()
        .ok_or_else(|| format!("unknown record `{name}`"))
}

fn principal(names: &NameIndex, v: &Value, key: &str) -> Result<Principal, String> {
    let name = text(v, key).ok_or_else(|| format!("missing `{key}`"))?;
    names
        .principal(&name)
        .ok_or_else(|| format!("unknown user or team `{name}`"))
}

fn user(names: &NameIndex, v: &Value, key: &str) -> Result<UserId, String> {
    let name = text(v, key).ok_or_else(|| format!("missing `{key}`"))?;
    names
        .users
        .get(&name)
        .copied()
        .ok_or_else(|| format!("unknown user `{name}`"))
}

fn rights(v: &Value) -> Rights {
    text_list(v, "rights")
        .iter()
        .filter_map(|r| Verb::parse(&r.to_ascii_lowercase()))
        .collect()
}

fn set_values(v: &Value, key: &str) -> Vec<(String, String)> {
    field(v, key)
        .map(entries)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((k, scalar(v)?)))
        .collect()
}

fn role_assignment(names: &NameIndex, v: &Value) -> Result<RoleAssignment, String> {
    let role_value = field(v, "role").ok_or("missing `role`")?;
    let (role_name, from) = match role_value {
        Value::Mapping(_) => (
            text(role_value, "role").unwrap_or_default(),
            text(role_value, "from_bu"),
        ),
        other => (scalar(other).unwrap_or_default(), text(v, "from_bu")),
    };
    let role = *names
        .roles
        .get(&role_name)
        .ok_or_else(|| format!("unknown role `{role_name}`"))?;
    let from_bu = match from {
        Some(b) => Some(
            *names
                .bus
                .get(&b)
                .ok_or_else(|| format!("unknown business unit `{b}`"))?,
        ),
        None => None,
    };
    Ok(RoleAssignment { role, from_bu })
}

/// Reads a check's or event's operation (FORMAT.md "Checks").
fn parse_op(
    data: &Dataset,
    names: &NameIndex,
    who: UserId,
    v: &Value,
) -> Result<Operation, String> {
    let op = text(v, "op").ok_or("missing `op`")?;
    Ok(match op.as_str() {
        "assign" if field(v, "new_owner").is_some() => Operation::Assign {
            record: record(data, v, "target")?,
            new_owner: principal(names, v, "new_owner")?,
        },
        "read" if field(v, "column").is_some() => Operation::ReadColumn {
            record: record(data, v, "target")?,
            column: text(v, "column").unwrap_or_default(),
        },
        "share" => Operation::GrantAccess {
            record: record(data, v, "target")?,
            principal: field(v, "principal").map_or(Ok(Principal::User(who)), |_| {
                principal(names, v, "principal")
            })?,
            rights: if field(v, "rights").is_some() {
                rights(v)
            } else {
                Rights::READ
            },
        },
        "read" | "write" | "delete" | "append" | "appendto" | "assign" => Operation::Record {
            verb: Verb::parse(&op).ok_or("bad verb")?,
            record: record(data, v, "target")?,
        },
        "create" => {
            let table_name = text(v, "table").ok_or("missing `table`")?;
            let table = *names
                .tables
                .get(&table_name)
                .ok_or_else(|| format!("unknown table `{table_name}`"))?;
            let owner = match field(v, "owner") {
                Some(_) => Some(principal(names, v, "owner")?),
                None => None,
            };
            Operation::Create {
                table,
                owner,
                set: set_values(v, "set"),
            }
        }
        "update" => Operation::Update {
            record: record(data, v, "target")?,
            set: set_values(v, "set"),
        },
        "associate" => {
            let rel_name = text(v, "relationship").ok_or("missing `relationship`")?;
            let relationship = *names
                .relationships
                .get(&rel_name)
                .ok_or_else(|| format!("unknown relationship `{rel_name}`"))?;
            let index = data.name_index();
            let records = text_list(v, "records")
                .iter()
                .map(|r| {
                    index
                        .get(r)
                        .copied()
                        .ok_or_else(|| format!("unknown record `{r}`"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Operation::Associate {
                relationship,
                records,
            }
        }
        "GrantAccess" | "ModifyAccess" => Operation::GrantAccess {
            record: record(data, v, "target")?,
            principal: principal(names, v, "principal")?,
            rights: rights(v),
        },
        "RevokeAccess" => Operation::RevokeAccess {
            record: record(data, v, "target")?,
            principal: principal(names, v, "principal")?,
        },
        "AddUserToRecordTeam" => {
            let template_name = text(v, "template").ok_or("missing `template`")?;
            Operation::AddUserToRecordTeam {
                record: record(data, v, "target")?,
                template: *names
                    .templates
                    .get(&template_name)
                    .ok_or_else(|| format!("unknown template `{template_name}`"))?,
                member: user(names, v, "member")?,
            }
        }
        "assign_role" => Operation::AssignRole {
            role: role_assignment(names, v)?,
            to: principal(names, v, "to")?,
        },
        "configure_role" => {
            let role_name = text(v, "role").ok_or("missing `role`")?;
            let role = *names
                .roles
                .get(&role_name)
                .ok_or_else(|| format!("unknown role `{role_name}`"))?;
            let mut set = Vec::new();
            for (table, verbs) in field(v, "set").map(entries).unwrap_or_default() {
                for (verb, depth) in entries(verbs) {
                    set.push((table.clone(), verb, scalar(depth).unwrap_or_default()));
                }
            }
            Operation::ConfigureRole {
                role,
                set,
                set_misc: set_values(v, "set_misc"),
            }
        }
        other => return Err(format!("unknown operation `{other}`")),
    })
}

/// Applies one event to the state (FORMAT.md `events`), unconditionally.
pub fn apply_event(model: &mut Model, data: &mut Dataset, event: &Value) {
    let names = model.name_index();
    let who = text(event, "who")
        .and_then(|w| names.users.get(&w).copied())
        .or_else(|| names.users.get(ADMIN_USER).copied());
    let Some(op_name) = text(event, "op") else {
        return;
    };
    match op_name.as_str() {
        "change_business_unit" => {
            let Some(to) = text(event, "to").and_then(|b| names.bus.get(&b).copied()) else {
                return;
            };
            // BU-8: without an explicit choice, owned records follow the owner, except under
            // modernized BUs with `AlwaysMoveRecordToOwnerBusinessUnit` off.
            let default_move =
                !model.settings.modernized_bu || model.settings.always_move_record_to_owner_bu;
            let move_records = flag(event, "move_records").unwrap_or(default_move);
            if let Some(u) = text(event, "user").and_then(|u| names.users.get(&u).copied()) {
                edit::change_bu(model, data, Principal::User(u), to, move_records);
            } else if let Some(t) = text(event, "team").and_then(|t| names.teams.get(&t).copied()) {
                edit::change_bu(model, data, Principal::Team(t), to, move_records);
            }
        }
        "AddMembersTeam" | "add_team_members" | "RemoveMembersTeam" | "remove_team_members" => {
            let Some(team) = text(event, "team").and_then(|t| names.teams.get(&t).copied()) else {
                return;
            };
            let members: Vec<UserId> = text_list(event, "members")
                .iter()
                .filter_map(|m| names.users.get(m).copied())
                .collect();
            if let Some(t) = model.teams.get_mut(team.index()) {
                if op_name.starts_with("Add") || op_name.starts_with("add") {
                    for m in members {
                        if !t.members.contains(&m) {
                            t.members.push(m);
                        }
                    }
                } else {
                    t.members.retain(|m| !members.contains(m));
                }
            }
        }
        "create" => apply_create(model, data, &names, who, event),
        "delete" => {
            if let Some(record) =
                text(event, "target").and_then(|t| data.name_index().get(&t).copied())
            {
                edit::delete(model, data, record);
            }
        }
        _ => {
            let Some(who) = who else { return };
            let Ok(op) = parse_op(data, &names, who, event) else {
                return;
            };
            match op {
                Operation::Assign { record, new_owner } => {
                    edit::assign(model, data, record, new_owner)
                }
                Operation::GrantAccess {
                    record,
                    principal,
                    rights,
                } => edit::grant(data, record, principal, rights),
                Operation::RevokeAccess { record, principal } => {
                    edit::revoke(model, data, record, principal)
                }
                Operation::AddUserToRecordTeam {
                    record,
                    template,
                    member,
                } => {
                    edit::add_user_to_record_team(model, data, record, template, member);
                }
                Operation::AssignRole { role, to } => edit::assign_role(model, role, to),
                Operation::ConfigureRole {
                    role,
                    set,
                    set_misc,
                } => edit::configure_role(model, role, &set, &set_misc),
                Operation::Update { record, set } => {
                    for (column, value) in set {
                        match column.as_str() {
                            "owningbusinessunit" => {
                                if let Some(bu) = names.bus.get(&value) {
                                    edit::set_owning_bu(model, data, record, *bu);
                                }
                            }
                            "ownerid" => {
                                if let Some(owner) = names.principal(&value) {
                                    edit::assign(model, data, record, owner);
                                }
                            }
                            _ => {
                                let parent = data.name_index().get(&value).copied();
                                match parent {
                                    Some(parent) => {
                                        edit::reparent(model, data, record, &column, parent)
                                    }
                                    None => {
                                        if let Some(rec) = data.records.get_mut(record.index()) {
                                            rec.values.insert(column, value);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A `create` event adds a record named by `id` (or `record`/`name`).
fn apply_create(
    model: &Model,
    data: &mut Dataset,
    names: &NameIndex,
    who: Option<UserId>,
    event: &Value,
) {
    let Some(name) = text(event, "id")
        .or_else(|| text(event, "record"))
        .or_else(|| text(event, "name"))
    else {
        return;
    };
    let Some(table) = text(event, "table").and_then(|t| names.tables.get(&t).copied()) else {
        return;
    };
    let has_owner = model
        .tables
        .get(table.index())
        .is_some_and(|t| t.ownership.has_owner());
    let owner = if has_owner {
        text(event, "owner")
            .and_then(|o| names.principal(&o))
            .or(who.map(Principal::User))
    } else {
        None
    };
    let owning_bu = owner.and_then(|o| model.principal_bu(o));
    let index = data.name_index();
    let mut parents = crate::data::Parents::None;
    let mut values = std::collections::BTreeMap::new();
    for (column, value) in set_values(event, "set") {
        let parent = index.get(&value).copied().and_then(|p| {
            let parent_table = data.record(p)?.table;
            model
                .lookup_relationship(table, parent_table, &column)
                .map(|rel| (rel, p))
        });
        match parent {
            Some(link) => parents.push(link),
            None => {
                values.insert(column, value);
            }
        }
    }
    data.records.push(Record {
        name: name.into(),
        table,
        owner,
        owning_bu,
        parents,
        values: values.into_iter().collect(),
    });
}

/// The explanation operations (CHK-1..CHK-5): answered with text, not allow/deny.
fn explanation_op(
    model: &Model,
    data: &Dataset,
    names: &NameIndex,
    who: UserId,
    op: &str,
    v: &Value,
) -> Result<Option<String>, String> {
    match op {
        "RetrieveAccessOrigin" => {
            let target = record(data, v, "target")?;
            let subject = match field(v, "principal") {
                Some(_) => user(names, v, "principal")?,
                None => who,
            };
            Ok(Some(access_origin(model, data, subject, target)))
        }
        "CheckAccess" => {
            let target = record(data, v, "target")?;
            let subject = match field(v, "principal").or_else(|| field(v, "user")) {
                Some(_) => user(
                    names,
                    v,
                    if field(v, "principal").is_some() {
                        "principal"
                    } else {
                        "user"
                    },
                )?,
                None => who,
            };
            let rows: Vec<String> = Verb::ALL
                .into_iter()
                .filter(|verb| *verb != Verb::Create)
                .map(|verb| {
                    let verdict = eval::ops::record_verdict(model, data, subject, verb, target);
                    format!(
                        "{}: {} — {}",
                        verb.label(),
                        verdict.outcome.as_str(),
                        verdict.summary
                    )
                })
                .collect();
            Ok(Some(rows.join("\n")))
        }
        "CheckAccess_WhoHasAccess" => {
            let target = record(data, v, "target")?;
            let users: Vec<String> = (0..model.users.len())
                .map(UserId::from_index)
                .filter(|u| {
                    // CHK-1 / HIER-11: Who has access does not list hierarchy managers.
                    let access =
                        eval::record_access(model, data, *u, Verb::Read, target, Collect::All);
                    access
                        .paths
                        .iter()
                        .any(|p| !matches!(p, AccessPath::Hierarchy { .. }))
                })
                .map(|u| model.user_name(u).to_string())
                .collect();
            Ok(Some(format!("who has access: {}", users.join(", "))))
        }
        _ => Ok(None),
    }
}

/// The `RetrieveAccessOrigin` sentence for the first ownership or POA path (CHK-4).
pub fn access_origin(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: crate::model::RecordId,
) -> String {
    let access = eval::record_access(model, data, user, Verb::Read, record, Collect::All);
    let id = data.record_name(record);
    for path in &access.paths {
        let sentence = match path {
            AccessPath::Ownership {
                owner: Principal::User(_),
                ..
            } => "PrincipalId is object owner".to_string(),
            AccessPath::Ownership {
                owner: Principal::Team(t),
                ..
            } => {
                format!(
                    "PrincipalId is member of team ({}) who is object owner",
                    model.team_name(*t)
                )
            }
            AccessPath::Shared {
                via: Via::Share(Principal::User(_)),
                ..
            } => "PrincipalId has direct poa access to object".into(),
            AccessPath::Shared {
                via: Via::Share(Principal::Team(t)),
                ..
            } => {
                format!(
                    "PrincipalId is member of team ({}) who has poa access to object",
                    model.team_name(*t)
                )
            }
            AccessPath::Shared {
                via: Via::Share(Principal::Organization),
                ..
            } => "PrincipalId is member of organization who has poa access to object".into(),
            AccessPath::Shared {
                via:
                    Via::ParentOwner {
                        owner: Principal::Team(t),
                        ..
                    },
                ..
            } => {
                format!(
                    "PrincipalId is member of team ({}) who is owner of a parent entity of object ({id})",
                    model.team_name(*t)
                )
            }
            AccessPath::Shared {
                via: Via::ParentOwner { .. },
                ..
            } => format!("PrincipalId is owner of a parent entity of object ({id})"),
            AccessPath::Shared {
                via:
                    Via::ParentShare {
                        principal: Principal::Team(t),
                        ..
                    },
                ..
            } => {
                format!(
                    "PrincipalId is member of team ({}) who has poa access to object's root entity ({id})",
                    model.team_name(*t)
                )
            }
            AccessPath::Shared {
                via: Via::ParentShare { .. },
                ..
            } => format!("PrincipalId has poa access to object's root entity ({id})"),
            AccessPath::Hierarchy { report, .. } => format!(
                "PrincipalId has access to ({r}) through hierarchy security. ({r}) is object owner",
                r = model.user_name(*report)
            ),
            _ => continue,
        };
        return sentence;
    }
    "Access origin could not be found. Access does not come from POA table or object ownership."
        .into()
}
