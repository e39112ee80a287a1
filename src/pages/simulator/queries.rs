//! The simulator's actions: each asks the engine one question about a workspace and returns
//! plain data for the views (no signals here, so everything is testable natively).
//!
//! Nothing here decides access: counts come from `engine::query`, paths and sentences from
//! `engine::eval`, depth coverage from `eval::access::Subject` and `eval::grants`. This module
//! only picks what to ask and arranges the answers for display.

use std::collections::BTreeMap;

use engine::data::Dataset;
use engine::eval::access::{Subject, UserFacts};
use engine::eval::grants::depth_covers;
use engine::eval::{AccessPath, Operation, Outcome, Reason, Verdict, decide, explain};
use engine::model::{BuId, Depth, Model, RecordId, TableId, TeamId, UserId, Verb};
use engine::query::{
    self, DataIndex, Fix, MATRIX_VERBS, Matrix, MatrixRow, PrincipalMatrix, Visible,
};

/// The display name of any id (`model.display_names`), or the id itself.
pub fn display<'m>(model: &'m Model, id: &'m str) -> &'m str {
    model.display_names.get(id).map_or(id, String::as_str)
}

/// "Priya Shah (sales associate) · u_leeds_clerk1", or the id alone when it has no display name.
pub fn user_label(model: &Model, user: UserId) -> String {
    let id = model.user_name(user);
    match model.display_names.get(id) {
        Some(name) => format!("{name} · {id}"),
        None => id.to_string(),
    }
}

/// A record's id plus the first of its title-like values, for lists and pickers.
pub fn record_label(data: &Dataset, record: RecordId) -> String {
    let Some(rec) = data.record(record) else {
        return "?".into();
    };
    let title = ["name", "title", "subject", "fullname", "new_cardnumber"]
        .iter()
        .find_map(|key| rec.values.get(key).map(str::to_string))
        .or_else(|| {
            let first = rec.values.get("firstname")?;
            let last = rec.values.get("lastname").unwrap_or("");
            Some(format!("{first} {last}"))
        });
    match title {
        Some(title) => format!("{} — {title}", rec.name),
        None => rec.name.to_string(),
    }
}

/// A user by id.
pub fn find_user(model: &Model, name: &str) -> Option<UserId> {
    model
        .users
        .iter()
        .position(|u| u.name == name)
        .map(UserId::from_index)
}

/// A table by logical name.
pub fn find_table(model: &Model, name: &str) -> Option<TableId> {
    model
        .tables
        .iter()
        .position(|t| t.name == name)
        .map(TableId::from_index)
}

/// A record by id (a scan: no index of names is kept for 100,000 records).
pub fn find_record(data: &Dataset, name: &str) -> Option<RecordId> {
    data.records
        .iter()
        .position(|r| r.name == name)
        .map(RecordId::from_index)
}

/// The model with every team's roles removed: "direct roles only".
pub fn direct_roles_only(model: &Model) -> Model {
    let mut out = model.clone();
    for team in &mut out.teams {
        team.roles.clear();
    }
    out
}

/// One user's reach on one table: records per verb of [`MATRIX_VERBS`] out of the table's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableReach {
    /// The table.
    pub table: TableId,
    /// Records of the table.
    pub total: usize,
    /// Records reachable per verb, in [`MATRIX_VERBS`] order.
    pub counts: [u32; 5],
}

impl TableReach {
    /// The count for `verb` (0 for verbs outside [`MATRIX_VERBS`]).
    pub fn count(&self, verb: Verb) -> u32 {
        MATRIX_VERBS
            .iter()
            .position(|v| *v == verb)
            .and_then(|i| self.counts.get(i).copied())
            .unwrap_or(0)
    }
}

/// Per table, how many records `user` can read, write, delete, assign and share.
pub fn user_reach(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
) -> Vec<TableReach> {
    let tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
    let matrix = query::matrix(model, data, index, &[user], &tables);
    tables
        .iter()
        .enumerate()
        .map(|(t, table)| {
            let mut counts = [0; 5];
            for (slot, verb) in counts.iter_mut().zip(MATRIX_VERBS) {
                *slot = matrix.get(0, t, verb);
            }
            TableReach {
                table: *table,
                total: index.records_of(*table).len(),
                counts,
            }
        })
        .collect()
}

/// One row of the record list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    /// The record.
    pub record: RecordId,
    /// Record id.
    pub name: String,
    /// Id and title.
    pub label: String,
    /// Owner id, or empty for organization-owned records.
    pub owner: String,
    /// Owning BU id, or empty.
    pub bu: String,
    /// The first access path's kind.
    pub reason: Reason,
    /// Its rule ids.
    pub rules: String,
}

/// The records `user` can `verb` in `table`, with the first path of each.
pub fn visible_rows(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
    table: TableId,
    verb: Verb,
) -> Vec<RecordRow> {
    query::visible(model, data, index, user, table, verb)
        .into_iter()
        .map(|v| record_row(model, data, &v))
        .collect()
}

fn record_row(model: &Model, data: &Dataset, v: &Visible) -> RecordRow {
    let rec = data.record(v.record);
    RecordRow {
        record: v.record,
        name: data.record_name(v.record).to_string(),
        label: record_label(data, v.record),
        owner: rec
            .and_then(|r| r.owner)
            .map(|o| model.principal_name(o).to_string())
            .unwrap_or_default(),
        bu: rec
            .and_then(|r| r.owning_bu)
            .map(|b| model.bu_name(b).to_string())
            .unwrap_or_default(),
        reason: v.path.reason(),
        rules: v.path.rules().join(", "),
    }
}

/// How a business unit relates to one user's depth on one table and verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuReach {
    /// The BU.
    pub bu: BuId,
    /// Levels below the root.
    pub level: usize,
    /// A context BU of one of the user's grants (the pin).
    pub pinned: bool,
    /// Why depth reaches it (BU, P:C BU, Org, System Administrator), when it does.
    pub reach: Option<Reason>,
    /// Roles whose depth covers it.
    pub roles: Vec<String>,
    /// Records of the table in this BU the user reaches (by any path).
    pub visible: usize,
    /// Records of the table in this BU.
    pub total: usize,
}

/// The BU tree in depth-first order, each BU with how the user's depth reaches it.
pub fn bu_reach(
    model: &Model,
    index: &DataIndex,
    data: &Dataset,
    user: UserId,
    table: TableId,
    verb: Verb,
    rows: &[RecordRow],
) -> Vec<BuReach> {
    let set = model.priv_set(table);
    let subject = Subject::new(model, user, set, verb);
    let grants = UserFacts::new(model, user).grants(model, set, verb);
    let mut visible: BTreeMap<BuId, usize> = BTreeMap::new();
    for row in rows {
        if let Some(bu) = data.record(row.record).and_then(|r| r.owning_bu) {
            *visible.entry(bu).or_default() += 1;
        }
    }
    let totals: BTreeMap<BuId, usize> = index
        .records_by_bu(table)
        .iter()
        .map(|(bu, records)| (*bu, records.len()))
        .collect();
    let mut out = Vec::new();
    let mut stack = vec![(model.root_bu(), 0usize)];
    while let Some((bu, level)) = stack.pop() {
        let mut roles: Vec<String> = grants
            .iter()
            .filter(|g| depth_covers(model, g, bu))
            .map(|g| model.role_name(g.role).to_string())
            .collect();
        roles.dedup();
        out.push(BuReach {
            bu,
            level,
            pinned: grants
                .iter()
                .any(|g| g.ctx_bu == bu && g.depth >= Depth::User),
            reach: subject.depth_path(bu).map(|p| p.reason()),
            roles,
            visible: visible.get(&bu).copied().unwrap_or(0),
            total: totals.get(&bu).copied().unwrap_or(0),
        });
        let mut children: Vec<BuId> = model
            .bus
            .iter()
            .enumerate()
            .filter(|(_, b)| b.parent == Some(bu))
            .map(|(i, _)| BuId::from_index(i))
            .collect();
        children.sort_by(|a, b| model.bu_name(*b).cmp(model.bu_name(*a)));
        stack.extend(children.into_iter().map(|c| (c, level + 1)));
    }
    out
}

/// The deepest depth the user holds for `verb` on the table (None when no role grants it).
pub fn deepest_depth(model: &Model, user: UserId, table: TableId, verb: Verb) -> Depth {
    UserFacts::new(model, user)
        .grants(model, model.priv_set(table), verb)
        .iter()
        .map(|g| g.depth)
        .max()
        .unwrap_or(Depth::None)
}

/// One user who can act on a record: per verb the kind of the first path, and every path of the
/// chosen verb as a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhoRow {
    /// The user.
    pub user: UserId,
    /// Per verb of [`Verb::ALL`], the first path's kind when allowed.
    pub verbs: [Option<Reason>; 8],
    /// Reached through hierarchy only for the chosen verb (Microsoft's Who has access omits
    /// them, HIER-11).
    pub hierarchy_only: bool,
    /// Every path of the chosen verb: its kind and its sentence.
    pub paths: Vec<(Reason, String)>,
}

/// Every user who can do anything on `record`, with the paths for `verb`.
pub fn who_can(model: &Model, data: &Dataset, record: RecordId, verb: Verb) -> Vec<WhoRow> {
    let mut rows: BTreeMap<UserId, WhoRow> = BTreeMap::new();
    for (i, v) in Verb::ALL.iter().enumerate() {
        for (user, paths) in query::who_can(model, data, *v, record) {
            let row = rows.entry(user).or_insert_with(|| WhoRow {
                user,
                verbs: [None; 8],
                hierarchy_only: false,
                paths: Vec::new(),
            });
            if let Some(slot) = row.verbs.get_mut(i) {
                *slot = paths.first().map(AccessPath::reason);
            }
            if *v == verb {
                row.hierarchy_only = paths
                    .iter()
                    .all(|p| matches!(p, AccessPath::Hierarchy { .. }));
                row.paths = paths
                    .iter()
                    .map(|p| {
                        // The sentence ends with the path's rule ids.
                        let sentence = explain::describe_path(model, data, user, verb, record, p);
                        (p.reason(), sentence)
                    })
                    .collect();
            }
        }
    }
    rows.into_values().collect()
}

/// An explained answer: the verdict, one sentence per path, and for a deny the fixes in the
/// engine's structured form (the same fixes, in the same order, as the verdict's sentences).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The engine's verdict.
    pub verdict: Verdict,
    /// Each path as a sentence with its rule ids (allow), or the refusal (deny).
    pub sentences: Vec<String>,
    /// The fixes that can be applied and measured (`engine::query::fixes`).
    pub fixes: Vec<Fix>,
}

/// Explains `user` doing `verb` on `record`.
pub fn explain(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
) -> Explanation {
    let verdict = decide(model, data, user, &Operation::Record { verb, record });
    // Each sentence ends with its rule ids.
    let sentences = if verdict.outcome == Outcome::Allow {
        verdict
            .paths
            .iter()
            .map(|p| explain::describe_path(model, data, user, verb, record, p))
            .collect()
    } else {
        vec![format!(
            "{} [{}]",
            verdict.summary,
            verdict.rules.join(", ")
        )]
    };
    let fixes = if verdict.outcome == Outcome::Deny {
        query::fixes(model, data, user, verb, record)
    } else {
        Vec::new()
    };
    Explanation {
        verdict,
        sentences,
        fixes,
    }
}

/// One fix with what it would open up, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixRow {
    /// The fix.
    pub fix: Fix,
    /// The fix as a sentence.
    pub sentence: String,
    /// Whether it grants the refused right, what else the user gains, how many others gain.
    pub summary: String,
    /// Whether it grants the refused right.
    pub grants: bool,
    /// Who gains and loses what, per table and privilege.
    pub effects: Vec<Effect>,
    /// Records whose access the fix changes (for the what-if sandbox of a share).
    pub touched: Vec<RecordId>,
}

/// Each fix applied to a copy of the workspace and compared over every user
/// (`engine::query::fix_effect`).
pub fn fix_rows(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
    verb: Verb,
    record: RecordId,
    fixes: &[Fix],
) -> Vec<FixRow> {
    fixes
        .iter()
        .map(|fix| {
            let effect = query::fix_effect(model, data, index, user, record, *fix);
            let mut touched: Vec<RecordId> = effect
                .changes
                .iter()
                .flat_map(|c| c.gained.iter().chain(&c.lost).copied())
                .collect();
            touched.sort_unstable();
            touched.dedup();
            FixRow {
                fix: *fix,
                sentence: fix.describe(model, data),
                summary: effect.summary(model, user, verb, record),
                grants: effect.grants,
                touched,
                effects: group_changes(effect.changes),
            }
        })
        .collect()
}

/// The pinned check asking the same question, expecting today's answer (scenario format).
pub fn pinned_check(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
    outcome: Outcome,
) -> serde_json::Value {
    serde_json::json!({
        "who": model.user_name(user),
        "op": verb.as_str(),
        "target": data.record_name(record),
        "expect": outcome.as_str(),
    })
}

/// A what-if's effect on one table and verb: who gains and loses how many records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effect {
    /// The table.
    pub table: TableId,
    /// The verb.
    pub verb: Option<Verb>,
    /// Users gaining at least one record.
    pub users_gaining: Vec<(UserId, usize)>,
    /// Users losing at least one record.
    pub users_losing: Vec<(UserId, usize)>,
    /// Records gained, summed over users.
    pub gained: usize,
    /// Records lost, summed over users.
    pub lost: usize,
}

/// What changes between two models over the same data, grouped by table and verb.
pub fn effect(
    before: &Model,
    after: &Model,
    data: &Dataset,
    index: &DataIndex,
    verbs: &[Verb],
) -> Vec<Effect> {
    group_changes(query::what_if(before, after, data, index, verbs))
}

/// What changes between two datasets under one model on the given records.
pub fn data_effect(
    model: &Model,
    before: &Dataset,
    after: &Dataset,
    records: &[RecordId],
    verbs: &[Verb],
) -> Vec<Effect> {
    group_changes(query::what_if_records(model, before, after, records, verbs))
}

fn group_changes(changes: Vec<query::AccessChange>) -> Vec<Effect> {
    let mut by_key: BTreeMap<(TableId, Verb), Effect> = BTreeMap::new();
    for change in changes {
        let effect = by_key
            .entry((change.table, change.verb))
            .or_insert_with(|| Effect {
                table: change.table,
                verb: Some(change.verb),
                ..Effect::default()
            });
        if !change.gained.is_empty() {
            effect
                .users_gaining
                .push((change.user, change.gained.len()));
            effect.gained += change.gained.len();
        }
        if !change.lost.is_empty() {
            effect.users_losing.push((change.user, change.lost.len()));
            effect.lost += change.lost.len();
        }
    }
    by_key.into_values().collect()
}

/// The access matrix of every user over every table (all of [`MATRIX_VERBS`]).
pub fn full_matrix(model: &Model, data: &Dataset, index: &DataIndex) -> Matrix {
    let users: Vec<UserId> = (0..model.users.len()).map(UserId::from_index).collect();
    let tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
    query::matrix(model, data, index, &users, &tables)
}

/// What the rows of the access matrix are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    /// One row per user.
    User,
    /// One row per team: what a member gets through the team alone.
    Team,
    /// One row per business unit: records at least one of its enabled users reaches.
    BusinessUnit,
}

impl RowKind {
    /// The URL token (`rows=`).
    pub fn as_str(self) -> &'static str {
        match self {
            RowKind::User => "users",
            RowKind::Team => "teams",
            RowKind::BusinessUnit => "bus",
        }
    }

    /// Parses a URL token.
    pub fn parse(token: &str) -> Option<RowKind> {
        [RowKind::User, RowKind::Team, RowKind::BusinessUnit]
            .into_iter()
            .find(|k| k.as_str() == token)
    }
}

/// The access matrix of every user, team or business unit over every table (all of
/// [`MATRIX_VERBS`]); `users` restricts user rows (a team's members, a BU's users).
pub fn rows_matrix(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    kind: RowKind,
    users: Option<&[UserId]>,
) -> PrincipalMatrix {
    let rows: Vec<MatrixRow> = match kind {
        RowKind::User => match users {
            Some(users) => users.iter().map(|u| MatrixRow::User(*u)).collect(),
            None => (0..model.users.len())
                .map(|u| MatrixRow::User(UserId::from_index(u)))
                .collect(),
        },
        RowKind::Team => (0..model.teams.len())
            .map(|t| MatrixRow::Team(TeamId::from_index(t)))
            .collect(),
        RowKind::BusinessUnit => (0..model.bus.len())
            .map(|b| MatrixRow::BusinessUnit(BuId::from_index(b)))
            .collect(),
    };
    let tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
    query::principal_matrix(model, data, index, &rows, &tables)
}

/// The users a team row or BU row drills down to: the team's members (a default team's are
/// its BU's users), or the BU's enabled users.
pub fn row_users(model: &Model, row: MatrixRow) -> Vec<UserId> {
    match row {
        MatrixRow::User(u) => vec![u],
        MatrixRow::Team(team) => {
            let directory = model.directory();
            (0..model.users.len())
                .map(UserId::from_index)
                .filter(|u| {
                    directory
                        .teams_of
                        .get(u.index())
                        .is_some_and(|ts| ts.contains(&team))
                })
                .collect()
        }
        MatrixRow::BusinessUnit(bu) => query::bu_members(model, bu),
    }
}

/// A matrix row's id, display name and the line under it (BU of a user or team, team type,
/// parent BU and number of enabled users of a BU).
pub fn row_label(model: &Model, row: MatrixRow) -> (String, String, String) {
    match row {
        MatrixRow::User(u) => {
            let id = model.user_name(u).to_string();
            let bu = model
                .users
                .get(u.index())
                .map_or("", |x| model.bu_name(x.bu))
                .to_string();
            (id.clone(), display(model, &id).to_string(), bu)
        }
        MatrixRow::Team(t) => {
            let team = model.teams.get(t.index());
            let id = team.map_or("", |x| x.name.as_str()).to_string();
            let sub = team.map_or(String::new(), |x| {
                format!(
                    "{} team · {}",
                    crate::state::actions::designer_query::team_kind_label(x.kind),
                    model.bu_name(x.bu)
                )
            });
            (id.clone(), display(model, &id).to_string(), sub)
        }
        MatrixRow::BusinessUnit(b) => {
            let id = model.bu_name(b).to_string();
            let n = query::bu_members(model, b).len();
            let sub = format!("{n} enabled user{}", if n == 1 { "" } else { "s" });
            (id.clone(), display(model, &id).to_string(), sub)
        }
    }
}

/// A principal matrix for one verb as CSV (RFC 4180): the row's kind as the first header
/// (user, team, business unit), its id, display name and the line under it, then one column
/// per table.
pub fn principal_matrix_csv(model: &Model, matrix: &PrincipalMatrix, verb: Verb) -> String {
    use engine::export::csv::field;
    let head = match matrix.rows.first() {
        Some(MatrixRow::Team(_)) => "team,display name,team type and business unit",
        Some(MatrixRow::BusinessUnit(_)) => "business unit,display name,enabled users",
        _ => "user,display name,business unit",
    };
    let mut out = String::from(head);
    for table in &matrix.tables {
        out.push(',');
        out.push_str(&field(model.table_name(*table)));
    }
    out.push_str("\r\n");
    for (r, row) in matrix.rows.iter().enumerate() {
        let (id, name, sub) = row_label(model, *row);
        out.push_str(&format!("{},{},{}", field(&id), field(&name), field(&sub)));
        for t in 0..matrix.tables.len() {
            out.push_str(&format!(",{}", matrix.get(r, t, verb)));
        }
        out.push_str("\r\n");
    }
    out
}

/// The matrix for one verb as CSV (RFC 4180): user, display name, business unit, then one column
/// per table.
pub fn matrix_csv(model: &Model, matrix: &Matrix, verb: Verb) -> String {
    use engine::export::csv::field;
    let mut out = String::from("user,display name,business unit");
    for table in &matrix.tables {
        out.push(',');
        out.push_str(&field(model.table_name(*table)));
    }
    out.push_str("\r\n");
    for (u, user) in matrix.users.iter().enumerate() {
        let id = model.user_name(*user);
        let bu = model
            .users
            .get(user.index())
            .map_or("", |x| model.bu_name(x.bu));
        out.push_str(&format!(
            "{},{},{}",
            field(id),
            field(display(model, id)),
            field(bu)
        ));
        for t in 0..matrix.tables.len() {
            out.push_str(&format!(",{}", matrix.get(u, t, verb)));
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;
