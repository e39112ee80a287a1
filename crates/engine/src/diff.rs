//! The difference between two versions of a model: structural changes matched by name, and their
//! effect on access over sample data.
//!
//! # Brief overview
//! - [`structural`] lists every [`Change`] between two [`Model`]s: business units, users, teams,
//!   roles (one change per table privilege whose depth moved, e.g. `account Read: bu → org`),
//!   miscellaneous privileges, tables, settings, column security profiles and the other named
//!   parts. Things are matched by their id, never by position, so reordering changes nothing.
//! - [`effect`] counts, per user and table present in both versions, the records each can read,
//!   write, delete, assign and share before and after ([`crate::query::matrix`]), and keeps the
//!   counts that moved; [`summarize_effect`] folds them into users gaining and losing per table.
//! - [`rebase_data`] carries a dataset over to another model by ids (through the JSON format),
//!   so that a model imported without data can be simulated on the current sample records.
//! - [`to_markdown`] renders a [`Diff`] as a report people can read and hand on.
//!
//! Nothing here decides access: counts come from [`crate::query`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::data::Dataset;
use crate::format;
use crate::model::{Depth, Model, PrivSet, RoleAssignment, TableId, UserId, Verb};
use crate::query::{self, DataIndex, MATRIX_VERBS};

/// The part of the model a change belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Organisation settings.
    Settings,
    /// Business units.
    BusinessUnits,
    /// Security roles and their privileges.
    Roles,
    /// Teams, their members and roles.
    Teams,
    /// Users, their business unit, manager and roles.
    Users,
    /// Tables and their ownership and secured columns.
    Tables,
    /// Column security profiles.
    ColumnSecurity,
    /// Relationships, positions and access team templates.
    Other,
}

impl Area {
    /// Heading in reports.
    pub fn label(self) -> &'static str {
        match self {
            Area::Settings => "Settings",
            Area::BusinessUnits => "Business units",
            Area::Roles => "Security roles",
            Area::Teams => "Teams",
            Area::Users => "Users",
            Area::Tables => "Tables",
            Area::ColumnSecurity => "Column security",
            Area::Other => "Relationships, positions and templates",
        }
    }
}

/// Added, removed or changed; the marker `+`, `−` or `~` in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
    /// In both, different.
    Changed,
}

impl ChangeKind {
    /// `+`, `-` or `~`.
    pub fn marker(self) -> &'static str {
        match self {
            ChangeKind::Added => "+",
            ChangeKind::Removed => "-",
            ChangeKind::Changed => "~",
        }
    }
}

/// One structural change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Where.
    pub area: Area,
    /// What kind.
    pub kind: ChangeKind,
    /// The id of the thing changed (`role_sales`, `u_ana`).
    pub subject: String,
    /// What changed, e.g. `account Read: bu → org`; empty for plain additions and removals.
    pub detail: String,
}

impl Change {
    /// `~ role_sales: account Read: bu → org`.
    pub fn one_line(&self) -> String {
        if self.detail.is_empty() {
            format!("{} {}", self.kind.marker(), self.subject)
        } else {
            format!("{} {}: {}", self.kind.marker(), self.subject, self.detail)
        }
    }
}

/// One user's count of reachable records on one table for one verb, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountChange {
    /// User id.
    pub user: String,
    /// Table name.
    pub table: String,
    /// Verb token.
    pub verb: &'static str,
    /// Records before.
    pub before: u32,
    /// Records after.
    pub after: u32,
}

/// Per table and verb: how many users reach more and fewer records, and by how many in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableEffect {
    /// Table name.
    pub table: String,
    /// Verb token.
    pub verb: &'static str,
    /// Users whose count went up.
    pub users_gaining: usize,
    /// Users whose count went down.
    pub users_losing: usize,
    /// Sum of the increases.
    pub records_gained: u64,
    /// Sum of the decreases.
    pub records_lost: u64,
}

/// A whole diff: changes and their effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Diff {
    /// Structural changes, by area then subject.
    pub changes: Vec<Change>,
    /// Per-user count changes (users and tables present in both versions).
    pub counts: Vec<CountChange>,
    /// The count changes folded per table and verb.
    pub effect: Vec<TableEffect>,
}

/// Structural changes from `before` to `after`, by area then subject.
pub fn structural(before: &Model, after: &Model) -> Vec<Change> {
    let mut out = Changes::default();
    settings(&mut out, before, after);
    business_units(&mut out, before, after);
    roles(&mut out, before, after);
    teams(&mut out, before, after);
    users(&mut out, before, after);
    tables(&mut out, before, after);
    others(&mut out, before, after);
    let mut changes = out.0;
    changes.sort_by(|a, b| (a.area, &a.subject).cmp(&(b.area, &b.subject)));
    changes
}

/// The diff of two versions, each with its own sample data (pass the same dataset twice when
/// only the model changed, after [`rebase_data`] when the ids may differ).
pub fn diff(before: (&Model, &Dataset), after: (&Model, &Dataset)) -> Diff {
    let counts = effect(before, after);
    let effect = summarize_effect(&counts);
    Diff {
        changes: structural(before.0, after.0),
        counts,
        effect,
    }
}

/// Per user and table present in both versions (matched by id), the counts that moved.
pub fn effect(before: (&Model, &Dataset), after: (&Model, &Dataset)) -> Vec<CountChange> {
    let index_before = DataIndex::build(before.0, before.1);
    let index_after = DataIndex::build(after.0, after.1);
    let pairs_users: Vec<(UserId, UserId)> = matched(&before.0.users, &after.0.users, |u| &u.name)
        .into_iter()
        .map(|(a, b)| (UserId::from_index(a), UserId::from_index(b)))
        .collect();
    let pairs_tables: Vec<(TableId, TableId)> =
        matched(&before.0.tables, &after.0.tables, |t| &t.name)
            .into_iter()
            .map(|(a, b)| (TableId::from_index(a), TableId::from_index(b)))
            .collect();
    let users_a: Vec<UserId> = pairs_users.iter().map(|p| p.0).collect();
    let users_b: Vec<UserId> = pairs_users.iter().map(|p| p.1).collect();
    let tables_a: Vec<TableId> = pairs_tables.iter().map(|p| p.0).collect();
    let tables_b: Vec<TableId> = pairs_tables.iter().map(|p| p.1).collect();
    let m_a = query::matrix(before.0, before.1, &index_before, &users_a, &tables_a);
    let m_b = query::matrix(after.0, after.1, &index_after, &users_b, &tables_b);
    let mut out = Vec::new();
    for (u, user) in users_a.iter().enumerate() {
        for (t, table) in tables_a.iter().enumerate() {
            for verb in MATRIX_VERBS {
                let (was, is) = (m_a.get(u, t, verb), m_b.get(u, t, verb));
                if was != is {
                    out.push(CountChange {
                        user: before.0.user_name(*user).to_string(),
                        table: before.0.table_name(*table).to_string(),
                        verb: verb.as_str(),
                        before: was,
                        after: is,
                    });
                }
            }
        }
    }
    out
}

/// Folds count changes into one line per table and verb.
pub fn summarize_effect(counts: &[CountChange]) -> Vec<TableEffect> {
    let mut by_key: BTreeMap<(String, usize), TableEffect> = BTreeMap::new();
    for c in counts {
        let verb_order = MATRIX_VERBS
            .iter()
            .position(|v| v.as_str() == c.verb)
            .unwrap_or(0);
        let e = by_key
            .entry((c.table.clone(), verb_order))
            .or_insert_with(|| TableEffect {
                table: c.table.clone(),
                verb: c.verb,
                users_gaining: 0,
                users_losing: 0,
                records_gained: 0,
                records_lost: 0,
            });
        if c.after > c.before {
            e.users_gaining += 1;
            e.records_gained += u64::from(c.after - c.before);
        } else {
            e.users_losing += 1;
            e.records_lost += u64::from(c.before - c.after);
        }
    }
    by_key.into_values().collect()
}

/// `data` (built for `from`) re-read against `to` by ids: records, owners, BUs and shares that
/// name things `to` lacks are dropped, as loading a document would drop them.
pub fn rebase_data(from: &Model, data: &Dataset, to: &Model) -> Dataset {
    let mut doc = format::to_wire(to, None);
    doc.data = format::to_wire(from, Some(data)).data;
    let (_, rebased, _) = format::load_document(&doc);
    rebased.unwrap_or_default()
}

/// The diff as a Markdown report: summary counts per area, the changes, then the effect.
pub fn to_markdown(title: &str, diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {title}\n");
    if diff.changes.is_empty() {
        let _ = writeln!(out, "No structural changes.\n");
    }
    let areas: BTreeSet<Area> = diff.changes.iter().map(|c| c.area).collect();
    for area in areas {
        let of_area: Vec<&Change> = diff.changes.iter().filter(|c| c.area == area).collect();
        let n = |k| of_area.iter().filter(|c| c.kind == k).count();
        let _ = writeln!(
            out,
            "## {} ({} added, {} removed, {} changed)\n",
            area.label(),
            n(ChangeKind::Added),
            n(ChangeKind::Removed),
            n(ChangeKind::Changed)
        );
        for c in of_area {
            let _ = writeln!(out, "- {}", c.one_line());
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Effect on access\n");
    if diff.effect.is_empty() {
        let _ = writeln!(out, "No user reaches more or fewer records.");
        return out;
    }
    let _ = writeln!(
        out,
        "| table | privilege | users gaining | records gained | users losing | records lost |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|");
    for e in &diff.effect {
        let _ = writeln!(
            out,
            "| {} | {} | {} | +{} | {} | -{} |",
            e.table, e.verb, e.users_gaining, e.records_gained, e.users_losing, e.records_lost
        );
    }
    out.push('\n');
    let _ = writeln!(out, "| user | table | privilege | before | after |");
    let _ = writeln!(out, "|---|---|---|---:|---:|");
    for c in &diff.counts {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            c.user, c.table, c.verb, c.before, c.after
        );
    }
    out
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, area: Area, kind: ChangeKind, subject: &str, detail: impl Into<String>) {
        self.0.push(Change {
            area,
            kind,
            subject: subject.to_string(),
            detail: detail.into(),
        });
    }

    /// Added and removed items of a list matched by name; returns the pairs present in both.
    fn added_removed<'a, T>(
        &mut self,
        area: Area,
        before: &'a [T],
        after: &'a [T],
        name: impl Fn(&T) -> &String,
    ) -> Vec<(&'a T, &'a T)> {
        let names_a: BTreeMap<&String, &T> = before.iter().map(|x| (name(x), x)).collect();
        let names_b: BTreeMap<&String, &T> = after.iter().map(|x| (name(x), x)).collect();
        for n in names_b.keys().filter(|n| !names_a.contains_key(*n)) {
            self.push(area, ChangeKind::Added, n, "");
        }
        for n in names_a.keys().filter(|n| !names_b.contains_key(*n)) {
            self.push(area, ChangeKind::Removed, n, "");
        }
        names_a
            .iter()
            .filter_map(|(n, a)| names_b.get(n).map(|b| (*a, *b)))
            .collect()
    }
}

/// Index pairs of items present in both lists, matched by name, in `before` order.
fn matched<T>(before: &[T], after: &[T], name: impl Fn(&T) -> &String) -> Vec<(usize, usize)> {
    let positions: BTreeMap<&String, usize> = after
        .iter()
        .enumerate()
        .map(|(i, x)| (name(x), i))
        .collect();
    before
        .iter()
        .enumerate()
        .filter_map(|(i, x)| positions.get(name(x)).map(|j| (i, *j)))
        .collect()
}

/// Settings by their names in the JSON format: every setting is compared, including any added
/// later, and named as the document (and, where it has one, Dynamics) names it.
fn settings(out: &mut Changes, before: &Model, after: &Model) {
    use serde_json::Value;
    let fields = |model: &Model| match serde_json::to_value(crate::format::settings_to_wire(
        &model.settings,
    )) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let show = |value: Option<&Value>| match value {
        None => "(not set)".to_string(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    let (was, is) = (fields(before), fields(after));
    let names: BTreeSet<&String> = was.keys().chain(is.keys()).collect();
    for name in names {
        let (a, b) = (was.get(name), is.get(name));
        if a != b {
            out.push(
                Area::Settings,
                ChangeKind::Changed,
                name,
                format!("{} → {}", show(a), show(b)),
            );
        }
    }
}

fn parent_name(model: &Model, bu: Option<crate::model::BuId>) -> String {
    bu.map_or_else(|| "(root)".to_string(), |b| model.bu_name(b).to_string())
}

fn business_units(out: &mut Changes, before: &Model, after: &Model) {
    for (a, b) in out.added_removed(Area::BusinessUnits, &before.bus, &after.bus, |x| &x.name) {
        let (was, is) = (parent_name(before, a.parent), parent_name(after, b.parent));
        if was != is {
            out.push(
                Area::BusinessUnits,
                ChangeKind::Changed,
                &a.name,
                format!("moved from `{was}` to `{is}`"),
            );
        }
    }
}

fn set_name(model: &Model, set: PrivSet) -> String {
    model.priv_set_name(set).to_string()
}

fn roles(out: &mut Changes, before: &Model, after: &Model) {
    for (a, b) in out.added_removed(Area::Roles, &before.roles, &after.roles, |x| &x.name) {
        let subject = &a.name;
        let (bu_a, bu_b) = (before.bu_name(a.bu), after.bu_name(b.bu));
        if bu_a != bu_b {
            out.push(
                Area::Roles,
                ChangeKind::Changed,
                subject,
                format!("business unit `{bu_a}` → `{bu_b}`"),
            );
        }
        if a.inheritance != b.inheritance {
            out.push(
                Area::Roles,
                ChangeKind::Changed,
                subject,
                format!(
                    "member's privilege inheritance {:?} → {:?}",
                    a.inheritance, b.inheritance
                ),
            );
        }
        // Table privileges, matched by privilege set name.
        let depths =
            |model: &Model, role: &crate::model::Role| -> BTreeMap<(String, Verb), Depth> {
                role.privileges
                    .iter()
                    .flat_map(|(set, depths)| {
                        let name = set_name(model, *set);
                        Verb::ALL
                            .into_iter()
                            .map(move |v| ((name.clone(), v), depths.get(v)))
                    })
                    .filter(|(_, d)| *d != Depth::None)
                    .collect()
            };
        let (da, db) = (depths(before, a), depths(after, b));
        let keys: BTreeSet<&(String, Verb)> = da.keys().chain(db.keys()).collect();
        for key in keys {
            let was = da.get(key).copied().unwrap_or(Depth::None);
            let is = db.get(key).copied().unwrap_or(Depth::None);
            if was != is {
                out.push(
                    Area::Roles,
                    ChangeKind::Changed,
                    subject,
                    format!(
                        "{} {}: {} → {}",
                        key.0,
                        key.1.label(),
                        was.as_str(),
                        is.as_str()
                    ),
                );
            }
        }
        let misc: BTreeSet<&String> = a.misc.keys().chain(b.misc.keys()).collect();
        for name in misc {
            let was = a.misc.get(name).copied().unwrap_or(Depth::None);
            let is = b.misc.get(name).copied().unwrap_or(Depth::None);
            if was != is {
                out.push(
                    Area::Roles,
                    ChangeKind::Changed,
                    subject,
                    format!("{name}: {} → {}", was.as_str(), is.as_str()),
                );
            }
        }
    }
}

fn assignment_names(model: &Model, roles: &[RoleAssignment]) -> BTreeSet<String> {
    roles
        .iter()
        .map(|r| match r.from_bu {
            Some(bu) => format!("{} (from {})", model.role_name(r.role), model.bu_name(bu)),
            None => model.role_name(r.role).to_string(),
        })
        .collect()
}

fn set_changes(
    out: &mut Changes,
    area: Area,
    subject: &str,
    what: &str,
    was: &BTreeSet<String>,
    is: &BTreeSet<String>,
) {
    for added in is.difference(was) {
        out.push(
            area,
            ChangeKind::Changed,
            subject,
            format!("{what} + `{added}`"),
        );
    }
    for removed in was.difference(is) {
        out.push(
            area,
            ChangeKind::Changed,
            subject,
            format!("{what} - `{removed}`"),
        );
    }
}

fn teams(out: &mut Changes, before: &Model, after: &Model) {
    for (a, b) in out.added_removed(Area::Teams, &before.teams, &after.teams, |x| &x.name) {
        if a.kind != b.kind {
            out.push(
                Area::Teams,
                ChangeKind::Changed,
                &a.name,
                format!("type {} → {}", a.kind.as_str(), b.kind.as_str()),
            );
        }
        let (bu_a, bu_b) = (before.bu_name(a.bu), after.bu_name(b.bu));
        if bu_a != bu_b {
            out.push(
                Area::Teams,
                ChangeKind::Changed,
                &a.name,
                format!("business unit `{bu_a}` → `{bu_b}`"),
            );
        }
        let members = |model: &Model, team: &crate::model::Team| -> BTreeSet<String> {
            team.members
                .iter()
                .map(|u| model.user_name(*u).to_string())
                .collect()
        };
        set_changes(
            out,
            Area::Teams,
            &a.name,
            "member",
            &members(before, a),
            &members(after, b),
        );
        set_changes(
            out,
            Area::Teams,
            &a.name,
            "role",
            &assignment_names(before, &a.roles),
            &assignment_names(after, &b.roles),
        );
    }
}

fn users(out: &mut Changes, before: &Model, after: &Model) {
    for (a, b) in out.added_removed(Area::Users, &before.users, &after.users, |x| &x.name) {
        let (bu_a, bu_b) = (before.bu_name(a.bu), after.bu_name(b.bu));
        if bu_a != bu_b {
            out.push(
                Area::Users,
                ChangeKind::Changed,
                &a.name,
                format!("business unit `{bu_a}` → `{bu_b}`"),
            );
        }
        let manager = |model: &Model, m: Option<UserId>| {
            m.map_or_else(|| "(none)".to_string(), |u| model.user_name(u).to_string())
        };
        let (ma, mb) = (manager(before, a.manager), manager(after, b.manager));
        if ma != mb {
            out.push(
                Area::Users,
                ChangeKind::Changed,
                &a.name,
                format!("manager `{ma}` → `{mb}`"),
            );
        }
        if a.enabled != b.enabled {
            out.push(
                Area::Users,
                ChangeKind::Changed,
                &a.name,
                if b.enabled { "enabled" } else { "disabled" },
            );
        }
        set_changes(
            out,
            Area::Users,
            &a.name,
            "role",
            &assignment_names(before, &a.roles),
            &assignment_names(after, &b.roles),
        );
    }
}

fn tables(out: &mut Changes, before: &Model, after: &Model) {
    for (a, b) in out.added_removed(Area::Tables, &before.tables, &after.tables, |x| &x.name) {
        if a.ownership != b.ownership {
            out.push(
                Area::Tables,
                ChangeKind::Changed,
                &a.name,
                format!(
                    "ownership {} → {}",
                    a.ownership.as_str(),
                    b.ownership.as_str()
                ),
            );
        }
        if a.sensitive != b.sensitive {
            out.push(
                Area::Tables,
                ChangeKind::Changed,
                &a.name,
                if b.sensitive {
                    "marked sensitive"
                } else {
                    "no longer marked sensitive"
                },
            );
        }
        let (ca, cb): (BTreeSet<String>, BTreeSet<String>) = (
            a.secured_columns.iter().cloned().collect(),
            b.secured_columns.iter().cloned().collect(),
        );
        set_changes(out, Area::Tables, &a.name, "secured column", &ca, &cb);
    }
}

fn others(out: &mut Changes, before: &Model, after: &Model) {
    for (a, b) in out.added_removed(
        Area::ColumnSecurity,
        &before.field_profiles,
        &after.field_profiles,
        |x| &x.name,
    ) {
        let users = |model: &Model, p: &crate::model::FieldProfile| -> BTreeSet<String> {
            p.users
                .iter()
                .map(|u| model.user_name(*u).to_string())
                .collect()
        };
        set_changes(
            out,
            Area::ColumnSecurity,
            &a.name,
            "user",
            &users(before, a),
            &users(after, b),
        );
        let perms = |model: &Model, p: &crate::model::FieldProfile| -> BTreeSet<String> {
            p.permissions
                .iter()
                .map(|((t, c), perm)| {
                    format!(
                        "{}.{c} {}{}{}",
                        model.table_name(*t),
                        if perm.read { "R" } else { "" },
                        if perm.create { "C" } else { "" },
                        if perm.update { "U" } else { "" }
                    )
                })
                .collect()
        };
        set_changes(
            out,
            Area::ColumnSecurity,
            &a.name,
            "permission",
            &perms(before, a),
            &perms(after, b),
        );
    }
    out.added_removed(
        Area::Other,
        &before.relationships,
        &after.relationships,
        |x| &x.name,
    );
    out.added_removed(Area::Other, &before.positions, &after.positions, |x| {
        &x.name
    });
    out.added_removed(Area::Other, &before.templates, &after.templates, |x| {
        &x.name
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> (Model, Dataset) {
        let scenario =
            crate::scenario::load(crate::demo::DEMO_ORGS[0].yaml, &|_| Err("no base".into()))
                .expect("demo loads");
        (scenario.model, scenario.data)
    }

    fn role_mut<'m>(model: &'m mut Model, name: &str) -> &'m mut crate::model::Role {
        model
            .roles
            .iter_mut()
            .find(|r| r.name == name)
            .expect("role exists")
    }

    #[test]
    fn every_changed_setting_is_listed_by_its_document_name() {
        let (before, data) = demo();
        let mut after = before.clone();
        after.settings.hierarchy_write_non_direct = !before.settings.hierarchy_write_non_direct;
        after.settings.many_to_many_rule = crate::model::ManyToManyRule::AppendAndAppendTo;
        after.settings.recompute_ownership_across_bus = Some(true);
        let lines: Vec<String> = diff((&before, &data), (&after, &data))
            .changes
            .iter()
            .map(Change::one_line)
            .collect();
        assert_eq!(
            lines,
            [
                "~ RecomputeOwnershipAcrossBusinessUnits: (not set) → true",
                "~ hierarchy_write_non_direct: false → true",
                "~ many_to_many_rule: append_on_both → append_and_appendto",
            ]
        );
    }

    #[test]
    fn identical_models_have_no_changes_and_no_effect() {
        let (model, data) = demo();
        let diff = diff((&model, &data), (&model, &data));
        assert_eq!(diff, Diff::default());
        assert!(to_markdown("same", &diff).contains("No structural changes."));
    }

    #[test]
    fn a_role_depth_change_is_named_and_its_effect_counted() {
        let (before, data) = demo();
        let mut after = before.clone();
        let incident = after.name_index().tables["incident"];
        role_mut(&mut after, "role_store_staff")
            .privileges
            .entry(PrivSet::Table(incident))
            .or_default()
            .set(Verb::Read, Depth::Org);
        let diff = diff((&before, &data), (&after, &data));
        assert_eq!(
            diff.changes
                .iter()
                .map(Change::one_line)
                .collect::<Vec<_>>(),
            ["~ role_store_staff: incident Read: bu → org"]
        );
        let read = diff
            .effect
            .iter()
            .find(|e| e.table == "incident" && e.verb == "read")
            .expect("incident read changes");
        assert!(read.users_gaining > 0 && read.records_gained > 0);
        assert_eq!(read.users_losing, 0);
        // The counts agree with what_if on the same records.
        let index = DataIndex::build(&before, &data);
        let gained: usize = query::what_if(&before, &after, &data, &index, &[Verb::Read])
            .iter()
            .filter(|c| before.table_name(c.table) == "incident")
            .map(|c| c.gained.len())
            .sum();
        assert_eq!(read.records_gained, gained as u64);
    }

    #[test]
    fn users_teams_and_bus_are_matched_by_name_not_position() {
        let (before, data) = demo();
        let mut after = before.clone();
        let clerk = after.name_index().users["u_leeds_clerk1"];
        let york = after.name_index().bus["bu_store_york"];
        if let Some(u) = after.users.get_mut(clerk.index()) {
            u.bu = york;
        }
        after.bus.push(crate::model::BusinessUnit {
            name: "bu_new".into(),
            parent: Some(york),
        });
        let lines: Vec<String> = structural(&before, &after)
            .iter()
            .map(Change::one_line)
            .collect();
        assert_eq!(
            lines,
            [
                "+ bu_new",
                "~ u_leeds_clerk1: business unit `bu_store_leeds` → `bu_store_york`"
            ]
        );
        let rebased = rebase_data(&before, &data, &after);
        assert_eq!(rebased.records.len(), data.records.len());
    }

    #[test]
    fn markdown_lists_areas_changes_and_effect() {
        let (before, data) = demo();
        let mut after = before.clone();
        let leeds = after.name_index().teams["team_store_leeds"];
        if let Some(team) = after.teams.get_mut(leeds.index()) {
            team.members.clear();
        }
        let text = to_markdown("Demo", &diff((&before, &data), (&after, &data)));
        assert!(
            text.contains("## Teams (0 added, 0 removed, 4 changed)"),
            "{text}"
        );
        assert!(
            text.contains("- ~ team_store_leeds: member - `u_leeds_clerk1`"),
            "{text}"
        );
        assert!(text.contains("## Effect on access"));
        assert!(text.contains("| new_inventoryitem | read |"), "{text}");
    }
}
