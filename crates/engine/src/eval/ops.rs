//! Operations beyond a single record right: create, assign, update, associate, share, access
//! teams, role assignment and role configuration (APP-*, SHARE-*, TEAM-9, ROLE-5..ROLE-10).

use crate::data::Dataset;
use crate::eval::access::{Collect, record_access};
use crate::eval::explain::{describe_path, grant_source};
use crate::eval::grants::{self, Grant, GrantSource, depth_covers};
use crate::eval::{Outcome, Verdict, column};
use crate::model::{
    Depth, Inheritance, Model, Ownership, Predefined, Principal, RecordId, RelationshipId,
    RelationshipKind, Rights, RoleAssignment, RoleId, TableId, TeamKind, TemplateId, UserId, Verb,
};

/// A question about one operation by one user.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    /// A record right: read, write, delete, append, appendto, assign (the right), share (the right).
    Record {
        /// The right.
        verb: Verb,
        /// The record.
        record: RecordId,
    },
    /// Reading one column of a record (FLS-*).
    ReadColumn {
        /// The record.
        record: RecordId,
        /// The column.
        column: String,
    },
    /// Creating a record (ROLE-9, APP-2, APP-3).
    Create {
        /// The table.
        table: TableId,
        /// The owner of the new record (default: the acting user).
        owner: Option<Principal>,
        /// Column values; lookups name parent records.
        set: Vec<(String, String)>,
    },
    /// Assigning a record to a new owner (SHARE-7, APP-2).
    Assign {
        /// The record.
        record: RecordId,
        /// The new owner.
        new_owner: Principal,
    },
    /// Updating columns of a record (APP-1, MBU-4, FLS-2).
    Update {
        /// The record.
        record: RecordId,
        /// Column values.
        set: Vec<(String, String)>,
    },
    /// Associating records through a relationship (APP-3, APP-4).
    Associate {
        /// The relationship.
        relationship: RelationshipId,
        /// The records, in the order given.
        records: Vec<RecordId>,
    },
    /// Sharing a record (SHARE-1..SHARE-3).
    GrantAccess {
        /// The record.
        record: RecordId,
        /// The recipient.
        principal: Principal,
        /// The rights.
        rights: Rights,
    },
    /// Revoking a share (SHARE-8).
    RevokeAccess {
        /// The record.
        record: RecordId,
        /// The principal.
        principal: Principal,
    },
    /// Adding a user to a record's access team from a template (TEAM-9).
    AddUserToRecordTeam {
        /// The record.
        record: RecordId,
        /// The template.
        template: TemplateId,
        /// The joiner.
        member: UserId,
    },
    /// Assigning a role to a user or team (BU-6, ROLE-10, MBU-9).
    AssignRole {
        /// The role (and the BU copy).
        role: RoleAssignment,
        /// The recipient.
        to: Principal,
    },
    /// Changing a role's privileges (ROLE-5, ROLE-6, ACT-1, §12).
    ConfigureRole {
        /// The role.
        role: RoleId,
        /// Table privileges to set: (privilege set name, verb token, depth token).
        set: Vec<(String, String, String)>,
        /// Misc privileges to set: (name, depth token).
        set_misc: Vec<(String, String)>,
    },
}

fn allow(summary: String, rules: &[&'static str]) -> Verdict {
    Verdict {
        outcome: Outcome::Allow,
        summary,
        rules: rules.to_vec(),
        ..Verdict::default()
    }
}

fn deny(summary: String, rules: &[&'static str]) -> Verdict {
    Verdict {
        outcome: Outcome::Deny,
        summary,
        rules: rules.to_vec(),
        ..Verdict::default()
    }
}

fn error(summary: String, rules: &[&'static str]) -> Verdict {
    Verdict {
        outcome: Outcome::Error,
        summary,
        rules: rules.to_vec(),
        ..Verdict::default()
    }
}

/// Decides one operation by `user` (EVAL-10 and the operation rules).
pub fn decide(model: &Model, data: &Dataset, user: UserId, op: &Operation) -> Verdict {
    match op {
        Operation::Record {
            verb: Verb::Delete,
            record,
        } => delete(model, data, user, *record),
        Operation::Record { verb, record } => record_verdict(model, data, user, *verb, *record),
        Operation::ReadColumn { record, column } => {
            column::read_column(model, data, user, *record, column)
        }
        Operation::Create { table, owner, set } => create(model, data, user, *table, *owner, set),
        Operation::Assign { record, new_owner } => assign(model, data, user, *record, *new_owner),
        Operation::Update { record, set } => update(model, data, user, *record, set),
        Operation::Associate {
            relationship,
            records,
        } => associate(model, data, user, *relationship, records),
        Operation::GrantAccess {
            record,
            principal,
            rights,
        } => grant_access(model, data, user, *record, *principal, *rights),
        Operation::RevokeAccess { record, principal } => {
            revoke_access(model, data, user, *record, *principal)
        }
        Operation::AddUserToRecordTeam {
            record,
            template,
            member,
        } => add_user_to_record_team(model, data, user, *record, *template, *member),
        Operation::AssignRole { role, to } => assign_role(model, user, *role, *to),
        Operation::ConfigureRole {
            role,
            set,
            set_misc,
        } => configure_role(model, user, *role, set, set_misc),
    }
}

/// The verdict of a plain record right, with every path and, for a deny, the nearest fixes.
pub fn record_verdict(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
) -> Verdict {
    let Some(rec) = data.record(record) else {
        return error(format!("unknown record {}", record.0), &[]);
    };
    let access = record_access(model, data, user, verb, record, Collect::All);
    let who = model.user_name(user);
    let table = model.table_name(rec.table);
    if access.allowed() {
        let sentences: Vec<String> = access
            .paths
            .iter()
            .map(|p| describe_path(model, data, user, verb, record, p))
            .collect();
        let mut rules: Vec<&'static str> = access.paths.iter().flat_map(|p| p.rules()).collect();
        rules.dedup();
        return Verdict {
            outcome: Outcome::Allow,
            summary: sentences.join("; "),
            rules,
            paths: access.paths,
            fixes: Vec::new(),
        };
    }
    let set_name = model.priv_set_name(model.priv_set(rec.table)).to_string();
    if !access.privilege {
        let mut verdict = deny(
            format!(
                "no role of `{who}`, direct or through a team, grants {} on `{set_name}` (privilege check)",
                verb.label()
            ),
            &["EVAL-1", "EVAL-2"],
        );
        verdict.fixes = fix_sentences(model, data, user, verb, record, &access);
        if verdict.fixes.is_empty() {
            // No direct role to extend: any role of theirs would do.
            verdict.fixes.push(format!(
                "give a role of `{who}` {} on `{set_name}` at User depth or above",
                verb.label()
            ));
        }
        return verdict;
    }
    let held: Vec<String> = access
        .grants
        .iter()
        .map(|g| {
            format!(
                "{} at {} from `{}`",
                grant_source(model, g),
                g.depth.label(),
                model.bu_name(g.ctx_bu)
            )
        })
        .collect();
    let location = match (rec.owner, rec.owning_bu) {
        (Some(owner), Some(bu)) => format!(
            "owned by `{}` in `{}`",
            model.principal_name(owner),
            model.bu_name(bu)
        ),
        (None, Some(bu)) => format!("in `{}`", model.bu_name(bu)),
        _ => String::new(),
    };
    let mut verdict = deny(
        format!(
            "`{who}` passes the privilege check ({}) but no depth, ownership, share or hierarchy path reaches `{}` ({location}) on `{table}`",
            held.join(", "),
            rec.name
        ),
        &["EVAL-3", "EVAL-5", "ROLE-3"],
    );
    verdict.fixes = fix_sentences(model, data, user, verb, record, &access);
    verdict
}

/// The structured fixes of a refused check ([`super::fix`]) as sentences.
fn fix_sentences(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
    access: &super::access::Access,
) -> Vec<String> {
    super::fix::of_access(model, data, user, verb, record, access)
        .iter()
        .map(|fix| fix.describe(model, data))
        .collect()
}

/// Delete: the Delete right, and no child held by a Restrict delete cascade (CASC-1).
fn delete(model: &Model, data: &Dataset, user: UserId, record: RecordId) -> Verdict {
    let verdict = record_verdict(model, data, user, Verb::Delete, record);
    if verdict.outcome != Outcome::Allow {
        return verdict;
    }
    let restricting = data.children_of(record).into_iter().find(|(rel, _)| {
        matches!(model.relationships.get(rel.index()).map(|r| &r.kind),
            Some(RelationshipKind::OneToMany { cascade, .. }) if cascade.delete == crate::model::Cascade::Restrict)
    });
    if let Some((rel, child)) = restricting {
        return error(
            format!(
                "`{}` can't be deleted: relationship `{}` restricts deletion while `{}` refers to it",
                data.record_name(record),
                model
                    .relationships
                    .get(rel.index())
                    .map_or("?", |r| r.name.as_str()),
                data.record_name(child)
            ),
            &["CASC-1"],
        );
    }
    verdict
}

/// Whether `user` can do `verb` on `record` (no explanation).
pub fn can(model: &Model, data: &Dataset, user: UserId, verb: Verb, record: RecordId) -> bool {
    record_access(model, data, user, verb, record, Collect::First).allowed()
}

/// Principals a user owns through: themself and the owner-capable teams they are in.
fn owns_through(model: &Model, user: UserId, owner: Principal) -> bool {
    match owner {
        Principal::User(u) => u == user,
        Principal::Team(t) => {
            model
                .teams
                .get(t.index())
                .is_some_and(|team| team.kind.holds_roles())
                && model.teams_of(user).contains(&t)
        }
        Principal::Organization => false,
    }
}

/// A grant usable for a new record owned by `owner` in `bu` (ROLE-9, TEAM-6, A-3).
fn usable_for_new(
    model: &Model,
    user: UserId,
    grant: &Grant,
    owner: Principal,
    bu: Option<crate::model::BuId>,
) -> bool {
    if let Some(bu) = bu
        && depth_covers(model, grant, bu)
    {
        return true;
    }
    owns_through(model, user, owner) && grant.usable_for_owned(owner)
}

/// Whether a principal may own a record of `table` (TEAM-6 last bullet, S20, A-16).
pub fn can_own(model: &Model, principal: Principal, table: TableId) -> Result<(), String> {
    let set = model.priv_set(table);
    match principal {
        Principal::User(u) => {
            if grants::system_administrator(model, u).is_some() {
                return Ok(());
            }
            let ok = grants::grants(model, u, set, Verb::Read)
                .iter()
                .any(|g| match g.source {
                    GrantSource::Direct => true,
                    GrantSource::Team {
                        inheritance: Inheritance::Direct,
                        ..
                    } => true,
                    // TEAM-6 [S20]: a team-only role lets members own only at Organization
                    // depth, and not at all with record ownership across BUs.
                    GrantSource::Team {
                        inheritance: Inheritance::TeamOnly,
                        ..
                    } => g.depth == Depth::Org && !model.settings.modernized_bu,
                });
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "`{}` holds no Read privilege on `{}` that lets them own records",
                    model.user_name(u),
                    model.table_name(table)
                ))
            }
        }
        Principal::Team(t) => {
            let Some(team) = model.teams.get(t.index()) else {
                return Err("unknown team".into());
            };
            if !team.kind.holds_roles() {
                return Err(format!("access team `{}` cannot own records", team.name));
            }
            if grants::team_grants(model, t, set, Verb::Read).is_empty() {
                return Err(format!(
                    "team `{}` holds no Read privilege on `{}`",
                    team.name,
                    model.table_name(table)
                ));
            }
            Ok(())
        }
        Principal::Organization => Err("the organization cannot own records".into()),
    }
}

fn create(
    model: &Model,
    data: &Dataset,
    user: UserId,
    table: TableId,
    owner: Option<Principal>,
    set: &[(String, String)],
) -> Verdict {
    let Some(t) = model.tables.get(table.index()) else {
        return error("unknown table".into(), &[]);
    };
    let owner = if t.ownership.has_owner() {
        owner.unwrap_or(Principal::User(user))
    } else {
        Principal::Organization
    };
    if t.ownership.has_owner()
        && let Principal::Team(team) = owner
        && model
            .teams
            .get(team.index())
            .is_some_and(|x| x.kind == TeamKind::Access)
    {
        return error(
            format!("access team `{}` cannot own records", model.team_name(team)),
            &["TEAM-4"],
        );
    }
    let sysadmin = grants::system_administrator(model, user).is_some();
    let new_bu = model.principal_bu(owner);
    if !sysadmin {
        let set_id = model.priv_set(table);
        let creates = grants::grants(model, user, set_id, Verb::Create);
        if creates.is_empty() {
            return deny(
                format!(
                    "no role of `{}` grants Create on `{}`",
                    model.user_name(user),
                    model.priv_set_name(set_id)
                ),
                &["EVAL-2", "ROLE-9"],
            );
        }
        if t.ownership.has_owner() {
            if !owns_through(model, user, owner)
                && let Err(reason) = can_own(model, owner, table)
            {
                return error(reason, &["TEAM-6", "SHARE-7"]);
            }
            let reads = grants::grants(model, user, set_id, Verb::Read);
            let create_ok = creates
                .iter()
                .any(|g| usable_for_new(model, user, g, owner, new_bu));
            if !create_ok {
                return deny(
                    format!(
                        "`{}` holds Create on `{}` but none that lets them create a record owned by `{}`",
                        model.user_name(user),
                        t.name,
                        model.principal_name(owner)
                    ),
                    &["ROLE-9", "TEAM-6"],
                );
            }
            let read_ok = reads
                .iter()
                .any(|g| usable_for_new(model, user, g, owner, new_bu));
            if !read_ok {
                return deny(
                    format!(
                        "creating a record owned by `{}` needs Read as well as Create on `{}`",
                        model.principal_name(owner),
                        t.name
                    ),
                    &["APP-2", "ROLE-9"],
                );
            }
        }
    }
    // APP-3: lookups need Append on the new record and Append To on the parent.
    for (column, value) in set {
        if let Some(parent) = lookup_target(model, data, table, column, value) {
            if !sysadmin {
                let appends = grants::grants(model, user, model.priv_set(table), Verb::Append);
                if !appends
                    .iter()
                    .any(|g| usable_for_new(model, user, g, owner, new_bu))
                {
                    return deny(
                        format!("setting `{column}` needs Append on `{}`", t.name),
                        &["APP-3"],
                    );
                }
                if !can(model, data, user, Verb::AppendTo, parent) {
                    return deny(
                        format!(
                            "setting `{column}` needs Append To on `{}`",
                            data.record_name(parent)
                        ),
                        &["APP-3"],
                    );
                }
            }
        } else if t.secured_columns.contains(column)
            && !column::column_permission(model, user, table, column, |p| p.create)
        {
            return deny(
                format!(
                    "`{column}` is secured and no column security profile of `{}` allows Create",
                    model.user_name(user)
                ),
                &["FLS-2", "FLS-3"],
            );
        }
    }
    allow(
        format!(
            "`{}` may create a `{}` record owned by `{}`",
            model.user_name(user),
            t.name,
            model.principal_name(owner)
        ),
        &["ROLE-9", "APP-2"],
    )
}

/// The parent record a lookup column value names, through a declared 1:N relationship.
fn lookup_target(
    model: &Model,
    data: &Dataset,
    table: TableId,
    column: &str,
    value: &str,
) -> Option<RecordId> {
    let index = data.name_index();
    let parent = *index.get(value)?;
    let parent_table = data.record(parent)?.table;
    model
        .lookup_relationship(table, parent_table, column)
        .map(|_| parent)
}

fn assign(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: RecordId,
    new_owner: Principal,
) -> Verdict {
    let Some(rec) = data.record(record) else {
        return error("unknown record".into(), &[]);
    };
    let ownership = model
        .tables
        .get(rec.table.index())
        .map_or(Ownership::UserOrTeam, |t| t.ownership);
    if !ownership.has_owner() {
        return error(
            format!(
                "`{}` is {}; its records have no owner to assign",
                rec.name,
                ownership.as_str()
            ),
            &["ROLE-5"],
        );
    }
    if let Err(reason) = can_own(model, new_owner, rec.table) {
        return error(reason, &["TEAM-6", "SHARE-7", "A-26"]);
    }
    for verb in [Verb::Assign, Verb::Write, Verb::Read] {
        let verdict = record_verdict(model, data, user, verb, record);
        if verdict.outcome != Outcome::Allow {
            let mut out = deny(
                format!("assign needs {}: {}", verb.label(), verdict.summary),
                &["APP-2", "SHARE-7"],
            );
            out.fixes = verdict.fixes;
            return out;
        }
    }
    if model.settings.assert_ownership_append_to_access
        && !appends_to_principal(model, user, new_owner)
    {
        return deny(
            format!(
                "`AssertOwnershipAppendToAccess` is on and `{}` lacks Append To on `{}`",
                model.user_name(user),
                model.principal_name(new_owner)
            ),
            &["APP-2", "MBU-4"],
        );
    }
    if model.settings.modernized_bu && model.settings.always_move_record_to_owner_bu {
        let new_bu = model.principal_bu(new_owner);
        if new_bu.is_some() && new_bu != rec.owning_bu && !bu_append_to(model, user) {
            return deny(
                "the owning business unit changes and the caller lacks Append To on Business Unit"
                    .into(),
                &["MBU-4", "APP-2"],
            );
        }
    }
    allow(
        format!(
            "`{}` may assign `{}` to `{}`",
            model.user_name(user),
            rec.name,
            model.principal_name(new_owner)
        ),
        &["SHARE-7", "APP-2"],
    )
}

/// Append To on the new owner's own record (`systemuser` or `team`), as
/// `AssertOwnershipAppendToAccess` requires (APP-2, MBU-4).
fn appends_to_principal(model: &Model, user: UserId, principal: Principal) -> bool {
    if grants::system_administrator(model, user).is_some() {
        return true;
    }
    let table_name = match principal {
        Principal::User(_) => "systemuser",
        Principal::Team(_) => "team",
        Principal::Organization => return false,
    };
    let Some(table) = model.tables.iter().position(|t| t.name == table_name) else {
        return false;
    };
    let Some(target_bu) = model.principal_bu(principal) else {
        return false;
    };
    let set = model.priv_set(TableId::from_index(table));
    grants::grants(model, user, set, Verb::AppendTo)
        .iter()
        .any(|g| match g.depth {
            Depth::User => principal == Principal::User(user),
            _ => g.depth == Depth::Org || grants::depth_covers(model, g, target_bu),
        })
}

/// Append To on the Business Unit table at Business Unit depth or above (MBU-4).
fn bu_append_to(model: &Model, user: UserId) -> bool {
    if grants::system_administrator(model, user).is_some() {
        return true;
    }
    let Some(bu_table) = model.tables.iter().position(|t| t.name == "businessunit") else {
        return false;
    };
    let set = model.priv_set(TableId::from_index(bu_table));
    grants::grants(model, user, set, Verb::AppendTo)
        .iter()
        .any(|g| g.depth >= Depth::Bu)
}

fn update(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: RecordId,
    set: &[(String, String)],
) -> Verdict {
    let Some(rec) = data.record(record) else {
        return error("unknown record".into(), &[]);
    };
    let index = model.name_index();
    for (column, value) in set {
        match column.as_str() {
            "owningbusinessunit" => {
                if !model.settings.modernized_bu {
                    return error("the owning business unit can only be set with record ownership across business units on".into(), &["MBU-4", "MBU-7"]);
                }
                if !index.bus.contains_key(value) {
                    return error(format!("unknown business unit `{value}`"), &[]);
                }
                if !can(model, data, user, Verb::Write, record) {
                    return deny(
                        format!("`{}` cannot write `{}`", model.user_name(user), rec.name),
                        &["APP-1"],
                    );
                }
                if !bu_append_to(model, user) {
                    return deny("setting Owning Business Unit needs Append To on Business Unit at Business Unit depth".into(), &["MBU-4"]);
                }
            }
            "ownerid" => {
                let Some(owner) = index.principal(value) else {
                    return error(format!("unknown owner `{value}`"), &[]);
                };
                let verdict = assign(model, data, user, record, owner);
                if verdict.outcome != Outcome::Allow {
                    return verdict;
                }
            }
            _ => {
                if let Some(parent) = lookup_target(model, data, rec.table, column, value) {
                    for (verb, target) in [
                        (Verb::Write, record),
                        (Verb::Append, record),
                        (Verb::AppendTo, parent),
                    ] {
                        if !can(model, data, user, verb, target) {
                            return deny(
                                format!(
                                    "setting `{column}` needs {} on `{}`",
                                    verb.label(),
                                    data.record_name(target)
                                ),
                                &["APP-2", "APP-3"],
                            );
                        }
                    }
                } else {
                    if !can(model, data, user, Verb::Write, record) {
                        return record_verdict(model, data, user, Verb::Write, record);
                    }
                    let secured = model
                        .tables
                        .get(rec.table.index())
                        .is_some_and(|t| t.secured_columns.contains(column));
                    if secured
                        && !column::column_permission(model, user, rec.table, column, |p| p.update)
                        && !column::column_shared(model, data, user, record, column, |s| s.update)
                    {
                        return deny(
                            format!(
                                "`{column}` is secured and nothing grants `{}` Update on it",
                                model.user_name(user)
                            ),
                            &["FLS-2", "FLS-3"],
                        );
                    }
                }
            }
        }
    }
    allow(
        format!("`{}` may update `{}`", model.user_name(user), rec.name),
        &["APP-1"],
    )
}

fn associate(
    model: &Model,
    data: &Dataset,
    user: UserId,
    relationship: RelationshipId,
    records: &[RecordId],
) -> Verdict {
    let Some(rel) = model.relationships.get(relationship.index()) else {
        return error("unknown relationship".into(), &[]);
    };
    let [first, second] = records else {
        return error("associate takes two records".into(), &["APP-4"]);
    };
    let needs: Vec<(Verb, RecordId)> = match &rel.kind {
        RelationshipKind::ManyToMany { .. } => match model.settings.many_to_many_rule {
            crate::model::ManyToManyRule::AppendOnBoth => {
                vec![(Verb::Append, *first), (Verb::Append, *second)]
            }
            crate::model::ManyToManyRule::AppendAndAppendTo => {
                vec![(Verb::Append, *first), (Verb::AppendTo, *second)]
            }
        },
        RelationshipKind::OneToMany { child, .. } => {
            let (child_rec, parent_rec) = if data.record(*first).map(|r| r.table) == Some(*child) {
                (*first, *second)
            } else {
                (*second, *first)
            };
            vec![(Verb::Append, child_rec), (Verb::AppendTo, parent_rec)]
        }
    };
    for (verb, record) in needs {
        if !can(model, data, user, verb, record) {
            return deny(
                format!(
                    "associating needs {} on `{}`",
                    verb.label(),
                    data.record_name(record)
                ),
                &["APP-3", "APP-4", "ROLE-7"],
            );
        }
    }
    allow(
        format!(
            "`{}` may associate the records through `{}`",
            model.user_name(user),
            rel.name
        ),
        &["APP-3", "APP-4"],
    )
}

fn grant_access(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: RecordId,
    _principal: Principal,
    rights: Rights,
) -> Verdict {
    let Some(rec) = data.record(record) else {
        return error("unknown record".into(), &[]);
    };
    if !model
        .tables
        .get(rec.table.index())
        .is_some_and(|t| t.ownership.has_owner())
    {
        return error(
            format!("`{}` cannot be shared: its table has no owner", rec.name),
            &["ROLE-5"],
        );
    }
    if rights.contains(Verb::Create) {
        return error("Create cannot be shared".into(), &["SHARE-1"]);
    }
    for verb in [Verb::Share, Verb::Read] {
        let verdict = record_verdict(model, data, user, verb, record);
        if verdict.outcome != Outcome::Allow {
            let mut out = deny(
                format!("sharing needs {}: {}", verb.label(), verdict.summary),
                &["SHARE-2", "APP-2", "A-22"],
            );
            out.fixes = verdict.fixes;
            return out;
        }
    }
    allow(
        format!(
            "`{}` may share `{}` ({})",
            model.user_name(user),
            rec.name,
            rights.describe()
        ),
        &["SHARE-1", "SHARE-2"],
    )
}

fn revoke_access(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: RecordId,
    _principal: Principal,
) -> Verdict {
    let Some(rec) = data.record(record) else {
        return error("unknown record".into(), &[]);
    };
    if rec.owner == Some(Principal::User(user)) || can(model, data, user, Verb::Share, record) {
        allow(
            format!(
                "`{}` may revoke shares of `{}`",
                model.user_name(user),
                rec.name
            ),
            &["SHARE-8"],
        )
    } else {
        deny(
            format!(
                "`{}` neither owns `{}` nor holds Share on it",
                model.user_name(user),
                rec.name
            ),
            &["SHARE-8"],
        )
    }
}

fn add_user_to_record_team(
    model: &Model,
    data: &Dataset,
    user: UserId,
    record: RecordId,
    template: TemplateId,
    member: UserId,
) -> Verdict {
    let Some(rec) = data.record(record) else {
        return error("unknown record".into(), &[]);
    };
    let Some(tpl) = model.templates.get(template.index()) else {
        return error("unknown template".into(), &[]);
    };
    let Some(table) = model.tables.get(rec.table.index()) else {
        return error("unknown table".into(), &[]);
    };
    if tpl.table != rec.table {
        return error(
            format!(
                "template `{}` is for `{}`, not `{}`",
                tpl.name,
                model.table_name(tpl.table),
                table.name
            ),
            &["TEAM-9"],
        );
    }
    if !table.auto_create_access_teams {
        return error(
            format!(
                "`{}` is not enabled for auto-created access teams",
                table.name
            ),
            &["TEAM-9"],
        );
    }
    // Joiner: Basic Read plus the privilege of every right the template grants (TEAM-9).
    let set = model.priv_set(rec.table);
    let member_admin = grants::system_administrator(model, member).is_some();
    for verb in std::iter::once(Verb::Read).chain(tpl.rights.verbs()) {
        if !member_admin && grants::grants(model, member, set, verb).is_empty() {
            return error(
                format!(
                    "you can't add `{}` to the access team because they lack the {} privilege on `{}`",
                    model.user_name(member),
                    verb.label(),
                    table.name
                ),
                &["TEAM-9"],
            );
        }
    }
    // Caller: Share privilege and the template's rights on the row (TEAM-9).
    if grants::system_administrator(model, user).is_none() {
        if grants::grants(model, user, set, Verb::Share).is_empty() {
            return deny(
                format!(
                    "`{}` holds no Share privilege on `{}`",
                    model.user_name(user),
                    table.name
                ),
                &["TEAM-9", "EVAL-2"],
            );
        }
        for verb in tpl.rights.verbs() {
            if !can(model, data, user, verb, record) {
                return deny(
                    format!(
                        "`{}` lacks {} on `{}`, which the template grants",
                        model.user_name(user),
                        verb.label(),
                        rec.name
                    ),
                    &["TEAM-9"],
                );
            }
        }
    }
    allow(
        format!(
            "`{}` may add `{}` to the `{}` team of `{}`",
            model.user_name(user),
            model.user_name(member),
            tpl.name,
            rec.name
        ),
        &["TEAM-9"],
    )
}

fn assign_role(model: &Model, user: UserId, assignment: RoleAssignment, to: Principal) -> Verdict {
    let Some(role) = model.roles.get(assignment.role.index()) else {
        return error("unknown role".into(), &[]);
    };
    if let Some(Predefined::Other { assignable: false }) = role.predefined {
        return error(
            format!("`{}` can't be assigned to a user or team", role.name),
            &["§12"],
        );
    }
    let principal_bu = match to {
        Principal::User(u) => model.users.get(u.index()).map(|x| x.bu),
        Principal::Team(t) => match model.teams.get(t.index()) {
            Some(team) if !team.kind.holds_roles() => {
                return error(
                    format!("access team `{}` cannot hold roles", team.name),
                    &["TEAM-4"],
                );
            }
            Some(team) => Some(team.bu),
            None => None,
        },
        Principal::Organization => None,
    };
    let Some(principal_bu) = principal_bu else {
        return error("unknown principal".into(), &[]);
    };
    let copy_bu = assignment.from_bu.unwrap_or(principal_bu);
    if !model.settings.modernized_bu && copy_bu != principal_bu {
        return error("classic business units: a role can only be assigned from the principal's own business unit".into(), &["BU-6"]);
    }
    if !model.bu_in_subtree(copy_bu, role.bu) {
        return error(
            format!(
                "role `{}` has no copy in `{}`",
                role.name,
                model.bu_name(copy_bu)
            ),
            &["BU-6"],
        );
    }
    // ROLE-10 / MBU-9: no elevation beyond the assigner's own privileges.
    if grants::system_administrator(model, user).is_none() {
        // ROLE-10: the assigner needs Read and Assign on Security Role (when the model has it).
        if let Some(role_table) = model.tables.iter().position(|t| t.name == "role") {
            let set = model.priv_set(TableId::from_index(role_table));
            for verb in [Verb::Read, Verb::Assign] {
                if grants::grants(model, user, set, verb).is_empty() {
                    return deny(
                        format!(
                            "`{}` holds no {} privilege on Security Role",
                            model.user_name(user),
                            verb.label()
                        ),
                        &["ROLE-10", "EVAL-2"],
                    );
                }
            }
        }
        if role.is_system_administrator() {
            return deny(
                "only a System Administrator can assign System Administrator".into(),
                &["ROLE-10"],
            );
        }
        let sources = grants::role_sources(model, user);
        for (set, depths) in &role.privileges {
            for verb in Verb::ALL {
                let needed = depths.get(verb);
                if needed == Depth::None {
                    continue;
                }
                // "at the privilege depth-level and business unit": the assigner's grant
                // must reach as far as the role would, measured in the BU of the copy.
                let held = sources.iter().any(|(a, ctx, _)| {
                    let depth = model
                        .roles
                        .get(a.role.index())
                        .map_or(Depth::None, |r| r.depth(*set, verb));
                    depth >= needed
                        && match depth {
                            Depth::Org => true,
                            Depth::Pcbu => model.bu_in_subtree(copy_bu, *ctx),
                            _ => *ctx == copy_bu,
                        }
                });
                if !held {
                    return deny(
                        format!(
                            "`{}` can't assign a role with {} on `{}` at {} depth: they don't hold it",
                            model.user_name(user),
                            verb.label(),
                            model.priv_set_name(*set),
                            needed.label()
                        ),
                        &["ROLE-10", "MBU-9"],
                    );
                }
            }
        }
        for (name, needed) in &role.misc {
            let held = sources.iter().any(|(a, _, _)| {
                model
                    .roles
                    .get(a.role.index())
                    .is_some_and(|r| r.misc.get(name).copied().unwrap_or_default() >= *needed)
            });
            if *needed != Depth::None && !held {
                return deny(
                    format!(
                        "`{}` can't assign a role with `{name}` they don't hold",
                        model.user_name(user)
                    ),
                    &["ROLE-10"],
                );
            }
        }
    }
    allow(
        format!(
            "`{}` may assign `{}` to `{}`",
            model.user_name(user),
            role.name,
            model.principal_name(to)
        ),
        &["BU-6", "ROLE-10"],
    )
}

fn configure_role(
    model: &Model,
    user: UserId,
    role_id: RoleId,
    set: &[(String, String, String)],
    set_misc: &[(String, String)],
) -> Verdict {
    let Some(role) = model.roles.get(role_id.index()) else {
        return error("unknown role".into(), &[]);
    };
    if role.predefined.is_some() {
        return error(
            format!("predefined role `{}` can't be edited", role.name),
            &["EVAL-8", "§12"],
        );
    }
    let index = model.name_index();
    for (table_name, verb, depth) in set {
        let ownership = if table_name == "activity" {
            Ownership::Activity
        } else {
            let Some(table) = index
                .tables
                .get(table_name)
                .and_then(|t| model.tables.get(t.index()))
            else {
                return error(format!("unknown table `{table_name}`"), &[]);
            };
            if table.ownership.is_activity() {
                return error(
                    format!(
                        "`{table_name}` is an activity: its privileges are the one Activity set"
                    ),
                    &["ACT-1"],
                );
            }
            table.ownership
        };
        if Verb::parse(verb).is_none() {
            return error(format!("unknown privilege `{verb}`"), &["ROLE-1"]);
        }
        let Some(depth) = Depth::parse(depth) else {
            return error(format!("unknown depth `{depth}`"), &["ROLE-2"]);
        };
        if !ownership.allows(depth) {
            return error(
                format!(
                    "depth `{}` not allowed for {} table `{table_name}`",
                    depth.as_str(),
                    ownership.as_str()
                ),
                &["ROLE-5"],
            );
        }
    }
    for (name, depth) in set_misc {
        let Some(depth) = Depth::parse(depth) else {
            return error(format!("unknown depth `{depth}`"), &["ROLE-2"]);
        };
        if !matches!(depth, Depth::None | Depth::Org) {
            return error(
                format!("`{name}` only has the levels Organization or None"),
                &["ROLE-6", "ROLE-13"],
            );
        }
    }
    if grants::system_administrator(model, user).is_none()
        && let Some(role_table) = index.tables.get("role")
        && grants::grants(model, user, model.priv_set(*role_table), Verb::Write).is_empty()
    {
        return deny(
            format!(
                "`{}` holds no Write privilege on Security Role",
                model.user_name(user)
            ),
            &["EVAL-2"],
        );
    }
    allow(
        format!("role `{}` can be configured so", role.name),
        &["ROLE-5", "ROLE-6"],
    )
}
