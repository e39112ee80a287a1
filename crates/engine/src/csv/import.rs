//! Importing the records of one table from CSV: the template, the column mapping, and the
//! import itself with its fallback owner and the report of rejected rows.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::read::{CsvTable, push_row};
use crate::data::{Dataset, Record, Values};
use crate::model::{
    BuId, Model, Ownership, Principal, RecordId, RelationshipId, RelationshipKind, TableId,
    TeamKind,
};
use crate::validate::loops::loops;

/// Where one CSV column goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// Not imported.
    Ignore,
    /// The record id. Rows without one get `TABLE-rN` (N = the row number).
    Id,
    /// The owner: a user or team, by id or display name (BU-7).
    Owner,
    /// The owning business unit, by id or display name (BU-7, MBU-4).
    OwningBu,
    /// A lookup column of the table: the parent record's id through the 1:N relationships
    /// with this lookup (CASC-1). A lookup shared by several relationships (`regardingobjectid`)
    /// follows the one whose parent table the record belongs to.
    Lookup(String),
    /// A column value, kept as text.
    Column(String),
}

impl Target {
    /// A stable token for the target (`""`, `id`, `owner`, `owning_bu`, `lookup:NAME`,
    /// `column:NAME`), for select boxes and files.
    pub fn key(&self) -> String {
        match self {
            Target::Ignore => String::new(),
            Target::Id => "id".into(),
            Target::Owner => "owner".into(),
            Target::OwningBu => "owning_bu".into(),
            Target::Lookup(name) => format!("lookup:{name}"),
            Target::Column(name) => format!("column:{name}"),
        }
    }

    /// The target of a [`Target::key`] token; anything unknown is [`Target::Ignore`].
    pub fn from_key(key: &str) -> Target {
        match key {
            "id" => Target::Id,
            "owner" => Target::Owner,
            "owning_bu" => Target::OwningBu,
            _ => match key.split_once(':') {
                Some(("lookup", name)) if !name.is_empty() => Target::Lookup(name.into()),
                Some(("column", name)) if !name.is_empty() => Target::Column(name.into()),
                _ => Target::Ignore,
            },
        }
    }

    /// The column name the template writes for this target (empty for [`Target::Ignore`]).
    pub fn header(&self) -> &str {
        match self {
            Target::Ignore => "",
            Target::Id => "id",
            Target::Owner => "owner",
            Target::OwningBu => "owning_bu",
            Target::Lookup(name) | Target::Column(name) => name,
        }
    }

    /// How the mapping step names the target, in Microsoft's terms.
    pub fn label(&self) -> String {
        match self {
            Target::Ignore => "Ignore".into(),
            Target::Id => "Record id".into(),
            Target::Owner => "Owner".into(),
            Target::OwningBu => "Owning Business Unit".into(),
            Target::Lookup(name) => format!("Lookup {name}"),
            Target::Column(name) => format!("Column {name}"),
        }
    }
}

/// One field a CSV column can be mapped to, as the template and the mapping step list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The target.
    pub target: Target,
    /// Whether every row needs a value (the import rejects rows without one).
    pub required: bool,
    /// What the values are, in one sentence.
    pub help: String,
}

/// The fields of `table` in template order: required first, then the record id, owning
/// business unit, lookups and columns.
///
/// - Owner: required on user-or-team-owned and activity tables, absent on organization- and
///   business-owned ones (ROLE-5).
/// - Owning Business Unit: required on business-owned tables; offered on owned tables only
///   with modernized business units, where it may differ from the owner's (MBU-4); otherwise
///   it follows the owner (BU-7).
/// - Lookups: one per lookup column of the table's 1:N relationships as the child (CASC-1).
/// - Columns: the secured columns and those the table's records already carry, or its primary
///   column (`subject` for activities and notes, `name` otherwise) when there are none.
pub fn fields(model: &Model, data: &Dataset, table: TableId) -> Vec<Field> {
    let Some(t) = model.tables.get(table.index()) else {
        return Vec::new();
    };
    let mut required = Vec::new();
    let mut optional = vec![Field {
        target: Target::Id,
        required: false,
        help: format!(
            "the record's id; left empty, it is made from the table and the row number (`{}-r2`)",
            t.name
        ),
    }];
    if t.ownership.has_owner() {
        required.push(Field {
            target: Target::Owner,
            required: true,
            help: "a user or team id, or its display name; unknown owners go to the fallback \
                   owner when one is chosen (BU-7)"
                .into(),
        });
        if model.settings.modernized_bu {
            optional.push(Field {
                target: Target::OwningBu,
                required: false,
                help: "a business unit id or display name; left empty, the owner's business \
                       unit (BU-7, MBU-4)"
                    .into(),
            });
        }
    } else if t.ownership == Ownership::BusinessOwned {
        required.push(Field {
            target: Target::OwningBu,
            required: true,
            help: "the business unit the record belongs to, by id or display name".into(),
        });
    }
    for (lookup, parents) in lookups(model, table) {
        let parents: Vec<&str> = parents.iter().map(|(_, p)| model.table_name(*p)).collect();
        optional.push(Field {
            target: Target::Lookup(lookup),
            required: false,
            help: format!(
                "the id of a parent {} record (CASC-1)",
                parents
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        });
    }
    let lookup_names: HashSet<String> = optional
        .iter()
        .filter_map(|f| match &f.target {
            Target::Lookup(l) => Some(l.clone()),
            _ => None,
        })
        .collect();
    for column in columns(model, data, table) {
        if lookup_names.contains(&column) {
            continue;
        }
        let secured = t.secured_columns.contains(&column);
        optional.push(Field {
            target: Target::Column(column),
            required: false,
            help: if secured {
                "text; a secured column (FLS-1)".into()
            } else {
                "text".into()
            },
        });
    }
    required.extend(optional);
    required
}

/// The lookup columns of `table` as a child, each with its relationships and parent tables,
/// sorted by lookup name.
fn lookups(model: &Model, table: TableId) -> Vec<(String, Vec<(RelationshipId, TableId)>)> {
    let mut by_lookup: Vec<(String, Vec<(RelationshipId, TableId)>)> = Vec::new();
    for (i, relationship) in model.relationships.iter().enumerate() {
        if let RelationshipKind::OneToMany {
            parent,
            child,
            lookup,
            ..
        } = &relationship.kind
            && *child == table
        {
            let entry = (RelationshipId::from_index(i), *parent);
            match by_lookup.iter_mut().find(|(l, _)| l == lookup) {
                Some((_, list)) => list.push(entry),
                None => by_lookup.push((lookup.clone(), vec![entry])),
            }
        }
    }
    by_lookup.sort_by(|a, b| a.0.cmp(&b.0));
    by_lookup
}

/// The value columns of `table`: secured ones and those its records carry, sorted; the primary
/// column when there are none.
fn columns(model: &Model, data: &Dataset, table: TableId) -> Vec<String> {
    let Some(t) = model.tables.get(table.index()) else {
        return Vec::new();
    };
    let mut columns: BTreeSet<String> = t.secured_columns.iter().cloned().collect();
    for record in data.records.iter().filter(|r| r.table == table) {
        for key in record.values.keys() {
            if !columns.contains(key) {
                columns.insert(key.to_string());
            }
        }
    }
    if columns.is_empty() {
        let primary = if t.ownership.is_activity() || t.name == "annotation" {
            "subject"
        } else {
            "name"
        };
        columns.insert(primary.to_string());
    }
    columns.into_iter().collect()
}

/// The import template of `table`: one header row naming [`fields`] in order, CRLF-ended.
pub fn template(model: &Model, data: &Dataset, table: TableId) -> String {
    let mut out = String::new();
    push_row(
        &mut out,
        fields(model, data, table).iter().map(|f| f.target.header()),
    );
    out
}

/// Every target a column of `table` may be mapped to: its [`fields`], then Owner and Owning
/// Business Unit when the table has none (rows with a value there are rejected with the rule
/// that says why, ROLE-5 and BU-7), then [`Target::Ignore`].
pub fn choices(model: &Model, data: &Dataset, table: TableId) -> Vec<Target> {
    let mut targets: Vec<Target> = fields(model, data, table)
        .into_iter()
        .map(|f| f.target)
        .collect();
    for extra in [Target::Owner, Target::OwningBu] {
        if !targets.contains(&extra) {
            targets.push(extra);
        }
    }
    targets.push(Target::Ignore);
    targets
}

/// Lowercase letters and digits only: `Owning Business Unit` and `owning_business_unit` agree.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Dynamics display names of common lookup and value columns.
const DISPLAY_NAMES: &[(&str, &[&str])] = &[
    ("regardingobjectid", &["Regarding"]),
    ("objectid", &["Regarding"]),
    ("parentcustomerid", &["Company Name"]),
    ("customerid", &["Customer"]),
    ("parentaccountid", &["Parent Account"]),
    ("firstname", &["First Name"]),
    ("lastname", &["Last Name"]),
    ("fullname", &["Full Name"]),
    ("emailaddress1", &["Email"]),
    ("telephone1", &["Business Phone"]),
    ("address1_city", &["City", "Address 1: City"]),
    ("accountnumber", &["Account Number"]),
    ("subject", &["Subject"]),
    ("title", &["Title", "Case Title"]),
    ("estimatedvalue", &["Est. Revenue"]),
    ("creditlimit", &["Credit Limit"]),
];

/// Every name a CSV header may use for `target` of `table`, normalised.
fn names_for(model: &Model, table: TableId, target: &Target) -> Vec<String> {
    let table_name = model.table_name(table);
    let display = |id: &str| model.display_names.get(id).cloned();
    let mut names: Vec<String> = match target {
        Target::Ignore => Vec::new(),
        Target::Id => {
            let mut names = vec![
                "id".to_string(),
                "record id".into(),
                format!("{table_name}id"),
                format!("(Do Not Modify) {table_name}"),
            ];
            if let Some(d) = display(table_name) {
                names.push(format!("{d} id"));
                names.push(format!("(Do Not Modify) {d}"));
            }
            names
        }
        Target::Owner => vec!["owner".into(), "ownerid".into(), "owned by".into()],
        Target::OwningBu => vec![
            "owning_bu".into(),
            "owningbusinessunit".into(),
            "owning business unit".into(),
            "business unit".into(),
        ],
        Target::Lookup(lookup) => {
            let mut names = vec![lookup.clone()];
            for (relationship, parent) in lookups(model, table)
                .into_iter()
                .filter(|(l, _)| l == lookup)
                .flat_map(|(_, list)| list)
            {
                names.push(
                    model
                        .relationships
                        .get(relationship.index())
                        .map_or(String::new(), |r| r.name.clone()),
                );
                let parent = model.table_name(parent);
                names.push(parent.to_string());
                names.extend(display(parent));
            }
            names
        }
        Target::Column(column) => {
            let mut names = vec![column.clone()];
            names.extend(display(&format!("{table_name}.{column}")));
            if column == "name" {
                names.push(format!("{table_name} name"));
                names.extend(display(table_name).map(|d| format!("{d} name")));
            }
            names
        }
    };
    if let Target::Lookup(name) | Target::Column(name) = target
        && let Some((_, more)) = DISPLAY_NAMES.iter().find(|(id, _)| id == name)
    {
        names.extend(more.iter().map(|s| s.to_string()));
    }
    names
        .iter()
        .map(|n| normalise(n))
        .filter(|n| !n.is_empty())
        .collect()
}

/// A mapping suggestion per header: the field whose id, Dynamics display name or model display
/// name matches ignoring case, spaces and punctuation; a header matching nothing becomes a new
/// column when it looks like a logical name (`new_tier`), else [`Target::Ignore`]. Each field
/// is suggested for one header at most (the first that matches).
pub fn suggest_mapping(
    model: &Model,
    data: &Dataset,
    table: TableId,
    headers: &[String],
) -> Vec<Target> {
    let names: Vec<(Target, Vec<String>)> = choices(model, data, table)
        .into_iter()
        .map(|target| {
            let names = names_for(model, table, &target);
            (target, names)
        })
        .collect();
    let mut taken: HashSet<Target> = HashSet::new();
    headers
        .iter()
        .map(|header| {
            let key = normalise(header);
            let found = names
                .iter()
                .find(|(target, names)| !taken.contains(target) && names.contains(&key))
                .map(|(target, _)| target.clone());
            let target = found.unwrap_or_else(|| {
                let logical = header.trim();
                let plausible = !logical.is_empty()
                    && logical
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if plausible && !taken.contains(&Target::Column(logical.into())) {
                    Target::Column(logical.into())
                } else {
                    Target::Ignore
                }
            });
            if target != Target::Ignore {
                taken.insert(target.clone());
            }
            target
        })
        .collect()
}

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// Why, with the rule id when a rule is behind it.
    pub reason: String,
}

/// A row imported with its owner replaced by the fallback owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackUse {
    /// Row number (the header is row 1).
    pub row: usize,
    /// `owner `X` unknown, given to fallback `Y``, or `no owner, given to fallback `Y``.
    pub note: String,
}

/// What an import would do. Nothing is applied by [`import`] itself: [`ImportReport::apply`]
/// makes the complete result (the records before plus every accepted row), to be taken whole
/// or not at all.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// The table imported into.
    pub table: TableId,
    /// Records in the dataset the import read.
    pub base_records: usize,
    /// The accepted rows as records, in row order, to go after the dataset's records (parent
    /// links already point where the records will be).
    pub records: Vec<Record>,
    /// Rows imported.
    pub accepted: usize,
    /// Rows left out, in row order.
    pub rejected: Vec<Rejected>,
    /// Accepted rows whose owner is the fallback owner, in row order.
    pub fallback: Vec<FallbackUse>,
    /// Blank rows skipped.
    pub blank: usize,
}

impl ImportReport {
    /// The dataset the import read with the accepted records appended (record ids of the
    /// records before are unchanged); `None` when `data` is not that dataset (another number
    /// of records), so a stale report is never applied.
    pub fn apply(&self, data: &Dataset) -> Option<Dataset> {
        if data.records.len() != self.base_records {
            return None;
        }
        let mut dataset = data.clone();
        dataset.records.extend(self.records.iter().cloned());
        Some(dataset)
    }

    /// The rejected rows as CSV: `row,reason`.
    pub fn rejected_csv(&self) -> String {
        let mut out = String::new();
        push_row(&mut out, ["row", "reason"]);
        for r in &self.rejected {
            push_row(&mut out, [r.row.to_string().as_str(), r.reason.as_str()]);
        }
        out
    }

    /// One line: `12 rows imported into `lead`, 3 rejected, 2 given to the fallback owner`.
    pub fn summary(&self, model: &Model) -> String {
        let rows = |n: usize| if n == 1 { "row" } else { "rows" };
        let mut text = format!(
            "{} {} imported into `{}`, {} rejected",
            self.accepted,
            rows(self.accepted),
            model.table_name(self.table),
            self.rejected.len()
        );
        if !self.fallback.is_empty() {
            text.push_str(&format!(
                ", {} given to the fallback owner",
                self.fallback.len()
            ));
        }
        text
    }
}

/// Why an import cannot start (nothing is looked at row by row).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The table id names no table.
    #[error("unknown table #{0}")]
    UnknownTable(u32),
    /// The mapping does not have one target per header.
    #[error("the mapping has {targets} targets for {headers} columns")]
    MappingLength {
        /// Targets given.
        targets: usize,
        /// Headers in the file.
        headers: usize,
    },
    /// Two columns mapped to the same field.
    #[error(
        "columns `{first}` and `{second}` are both mapped to {target} (help: map one of them to Ignore)"
    )]
    MappedTwice {
        /// The field's label.
        target: String,
        /// The first header.
        first: String,
        /// The second header.
        second: String,
    },
    /// A lookup the table does not have.
    #[error("`{0}` is not a lookup of table `{1}` (CASC-1)")]
    UnknownLookup(String, String),
    /// A fallback owner that cannot own records.
    #[error("fallback owner `{0}` cannot own records: {1}")]
    Fallback(String, String),
}

/// Finds a principal by id (exact, then ignoring case) or by display name (whole, or the part
/// before ` (`), when exactly one user or team matches.
pub fn find_principal(model: &Model, text: &str) -> Option<Principal> {
    let text = text.trim();
    if text == "ORG" {
        return Some(Principal::Organization);
    }
    let all = model
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            (
                Principal::User(crate::model::UserId::from_index(i)),
                &u.name,
            )
        })
        .chain(model.teams.iter().enumerate().map(|(i, t)| {
            (
                Principal::Team(crate::model::TeamId::from_index(i)),
                &t.name,
            )
        }));
    find_unique(model, text, all)
}

/// Finds a business unit by id or display name, like [`find_principal`].
pub fn find_bu(model: &Model, text: &str) -> Option<BuId> {
    let all = model
        .bus
        .iter()
        .enumerate()
        .map(|(i, b)| (BuId::from_index(i), &b.name));
    find_unique(model, text.trim(), all)
}

fn find_unique<'a, T: Copy + PartialEq>(
    model: &Model,
    text: &str,
    all: impl Iterator<Item = (T, &'a String)> + Clone,
) -> Option<T> {
    if let Some((id, _)) = all.clone().find(|(_, name)| name.as_str() == text) {
        return Some(id);
    }
    let lower = text.to_lowercase();
    let display = |name: &str| model.display_names.get(name).map(|d| d.to_lowercase());
    let tests: [&dyn Fn(&str) -> bool; 3] = [
        &|name| name.to_lowercase() == lower,
        &|name| display(name).is_some_and(|d| d == lower),
        &|name| {
            display(name).is_some_and(|d| d.split(" (").next().is_some_and(|d| d.trim() == lower))
        },
    ];
    for test in tests {
        let mut found = all.clone().filter(|(_, name)| test(name)).map(|(id, _)| id);
        if let Some(first) = found.next() {
            return found.next().is_none().then_some(first);
        }
    }
    None
}

/// Whether `principal` can own records, and why not (TEAM-4, EVAL-6).
fn cannot_own(model: &Model, principal: Principal) -> Option<String> {
    match principal {
        Principal::Organization => Some(
            "the organisation can receive shares but not own records; give a user or team \
             (EVAL-6)"
                .into(),
        ),
        Principal::Team(t) => model
            .teams
            .get(t.index())
            .filter(|team| team.kind == TeamKind::Access)
            .map(|team| {
                format!(
                    "`{}` is an access team, and access teams cannot own records (TEAM-4)",
                    team.name
                )
            }),
        Principal::User(_) => None,
    }
}

/// A row read and checked except for its lookups.
struct Pending {
    row: usize,
    name: String,
    owner: Option<Principal>,
    owning_bu: Option<BuId>,
    /// (lookup column, parent record id as written).
    lookups: Vec<(String, String)>,
    values: Values,
    fallback: Option<String>,
    rejected: Option<String>,
}

/// Imports the rows of `csv` into `table`, each column going where `mapping` says (one target
/// per header). Rows are checked one by one; a row that fails any check is rejected with its
/// row number and reason, and the others are accepted:
///
/// - a cell count different from the header's;
/// - a record id already used, in the data or on an earlier row;
/// - no owner on an owned table (BU-7), or an unknown one: both go to `fallback_owner` when
///   given (the report lists each), else the row is rejected; an owner on an organization- or
///   business-owned table (ROLE-5); an access team (TEAM-4) or `ORG` (EVAL-6) as owner;
/// - an unknown owning business unit, one on an organization-owned table, none on a
///   business-owned table, or one that differs from the owner's business unit without
///   modernized business units (BU-7, MBU-4);
/// - a lookup naming no record, a record of a table the lookup does not point to, the row's
///   own record, or a row that was rejected (CASC-1).
///
/// Nothing is changed in `data`: [`ImportReport::apply`] makes the whole result.
pub fn import(
    model: &Model,
    data: &Dataset,
    table: TableId,
    csv: &CsvTable,
    mapping: &[Target],
    fallback_owner: Option<Principal>,
) -> Result<ImportReport, ImportError> {
    let Some(t) = model.tables.get(table.index()) else {
        return Err(ImportError::UnknownTable(table.0));
    };
    if mapping.len() != csv.headers.len() {
        return Err(ImportError::MappingLength {
            targets: mapping.len(),
            headers: csv.headers.len(),
        });
    }
    let table_lookups = lookups(model, table);
    for (i, target) in mapping.iter().enumerate() {
        if *target == Target::Ignore {
            continue;
        }
        if let Some(j) = mapping[..i].iter().position(|m| m == target) {
            return Err(ImportError::MappedTwice {
                target: target.label(),
                first: csv.headers[j].trim().to_string(),
                second: csv.headers[i].trim().to_string(),
            });
        }
        if let Target::Lookup(lookup) = target
            && !table_lookups.iter().any(|(l, _)| l == lookup)
        {
            return Err(ImportError::UnknownLookup(lookup.clone(), t.name.clone()));
        }
    }
    if let Some(fallback) = fallback_owner {
        let known = match fallback {
            Principal::User(u) => model.users.get(u.index()).is_some(),
            Principal::Team(t) => model.teams.get(t.index()).is_some(),
            Principal::Organization => true,
        };
        if !known {
            return Err(ImportError::Fallback(
                "?".into(),
                "it is not a user or team of the model".into(),
            ));
        }
        if let Some(why) = cannot_own(model, fallback) {
            return Err(ImportError::Fallback(
                model.principal_name(fallback).to_string(),
                why,
            ));
        }
    }
    let at = |target: &Target| mapping.iter().position(|m| m == target);
    let (id_at, owner_at, bu_at) = (at(&Target::Id), at(&Target::Owner), at(&Target::OwningBu));
    let existing = data.name_index();
    let ownership = t.ownership;
    let mut pending: Vec<Pending> = Vec::new();
    let mut rejected: Vec<Rejected> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut blank = 0;
    // Ids of rows rejected before their lookups were looked at, with their row.
    let mut rejected_ids: HashMap<String, usize> = HashMap::new();
    for row in &csv.rows {
        if row.is_blank() {
            blank += 1;
            continue;
        }
        let mut row_name = None;
        let before = rejected.len();
        'row: {
            let reject = |rejected: &mut Vec<Rejected>, reason: String| {
                rejected.push(Rejected {
                    row: row.row,
                    reason,
                });
            };
            if row.cells.len() != csv.headers.len() {
                reject(
                    &mut rejected,
                    format!(
                        "{} cells where the header has {} (help: quote cells that contain a comma)",
                        row.cells.len(),
                        csv.headers.len()
                    ),
                );
                break 'row;
            }
            let cell = |at: Option<usize>| {
                at.and_then(|i| row.cells.get(i))
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
            };
            // Record id.
            let name = match cell(id_at) {
                Some(id) => id.to_string(),
                None => {
                    let mut name = format!("{}-r{}", t.name, row.row);
                    let mut n = 2;
                    while existing.contains_key(&name) || by_name.contains_key(&name) {
                        name = format!("{}-r{}-{n}", t.name, row.row);
                        n += 1;
                    }
                    name
                }
            };
            if let Some(id) = existing.get(&name) {
                let other = data.record(*id).map_or("?", |r| model.table_name(r.table));
                reject(
                    &mut rejected,
                    format!("record id `{name}` already exists (a `{other}` record)"),
                );
                break 'row;
            }
            if let Some(&earlier) = by_name.get(&name) {
                let earlier_row = pending.get(earlier).map_or(0, |p| p.row);
                reject(
                    &mut rejected,
                    format!("record id `{name}` is also on row {earlier_row}"),
                );
                break 'row;
            }
            row_name = Some(name.clone());
            // Owner (BU-7, ROLE-5, TEAM-4).
            let mut fallback_note = None;
            let owner = if ownership.has_owner() {
                let given = cell(owner_at);
                let found = given.map(|g| (g, find_principal(model, g)));
                match (found, fallback_owner) {
                    (Some((_, Some(p))), _) => {
                        if let Some(why) = cannot_own(model, p) {
                            reject(&mut rejected, format!("owner: {why}"));
                            break 'row;
                        }
                        Some(p)
                    }
                    (Some((text, None)), Some(fallback)) => {
                        fallback_note = Some(format!(
                            "owner `{text}` unknown, given to fallback `{}`",
                            model.principal_name(fallback)
                        ));
                        Some(fallback)
                    }
                    (None, Some(fallback)) => {
                        fallback_note = Some(format!(
                            "no owner, given to fallback `{}`",
                            model.principal_name(fallback)
                        ));
                        Some(fallback)
                    }
                    (Some((text, None)), None) => {
                        reject(
                            &mut rejected,
                            format!(
                                "owner `{text}` is not a user or team of the model \
                             (help: choose a fallback owner to give such rows to)"
                            ),
                        );
                        break 'row;
                    }
                    (None, None) => {
                        reject(
                            &mut rejected,
                            format!(
                                "no owner: records of `{}` have an owner user or team (BU-7) \
                             (help: fill `owner`, or choose a fallback owner)",
                                t.name
                            ),
                        );
                        break 'row;
                    }
                }
            } else {
                if let Some(text) = cell(owner_at) {
                    reject(
                        &mut rejected,
                        format!(
                            "owner `{text}` given, but `{}` is {} and its records have no owner \
                         (ROLE-5)",
                            t.name,
                            ownership_words(ownership)
                        ),
                    );
                    break 'row;
                }
                None
            };
            // Owning business unit (BU-7, MBU-4).
            let owner_bu = owner.and_then(|o| model.principal_bu(o));
            let owning_bu = match (cell(bu_at), ownership) {
                (Some(text), Ownership::Organization) => {
                    reject(
                        &mut rejected,
                        format!(
                            "owning business unit `{text}` given, but `{}` is organization-owned \
                         and its records belong to no business unit (ROLE-5)",
                            t.name
                        ),
                    );
                    break 'row;
                }
                (None, Ownership::Organization) => None,
                (None, Ownership::BusinessOwned) => {
                    reject(
                        &mut rejected,
                        format!(
                            "no owning business unit: records of business-owned `{}` belong to one",
                            t.name
                        ),
                    );
                    break 'row;
                }
                (None, _) => owner_bu,
                (Some(text), _) => {
                    let Some(bu) = find_bu(model, text) else {
                        reject(
                            &mut rejected,
                            format!(
                                "owning business unit `{text}` is not a business unit of the model"
                            ),
                        );
                        break 'row;
                    };
                    if let Some(owner_bu) = owner_bu
                        && owner_bu != bu
                        && !model.settings.modernized_bu
                    {
                        reject(
                            &mut rejected,
                            format!(
                                "owning business unit `{}` differs from `{}`'s business unit `{}`: \
                             without modernized business units a record belongs to its owner's \
                             business unit (BU-7, MBU-4) (help: leave it empty)",
                                model.bu_name(bu),
                                owner.map_or("?", |o| model.principal_name(o)),
                                model.bu_name(owner_bu)
                            ),
                        );
                        break 'row;
                    }
                    Some(bu)
                }
            };
            let mut lookups = Vec::new();
            let mut values = Vec::new();
            for (i, target) in mapping.iter().enumerate() {
                let Some(value) = row.cells.get(i) else {
                    continue;
                };
                match target {
                    Target::Lookup(lookup) if !value.trim().is_empty() => {
                        lookups.push((lookup.clone(), value.trim().to_string()));
                    }
                    Target::Column(column) if !value.is_empty() => {
                        values.push((column.clone(), value.clone()));
                    }
                    _ => {}
                }
            }
            by_name.insert(name.clone(), pending.len());
            pending.push(Pending {
                row: row.row,
                name,
                owner,
                owning_bu,
                lookups,
                values: values.into_iter().collect(),
                fallback: fallback_note,
                rejected: None,
            });
        }
        if rejected.len() > before
            && let Some(name) = row_name
        {
            rejected_ids.entry(name).or_insert(row.row);
        }
    }

    let parent_table_of = |target: &str, pending: &[Pending]| -> Option<TableId> {
        match existing.get(target) {
            Some(id) => data.record(*id).map(|r| r.table),
            None => by_name
                .get(target)
                .filter(|i| pending.get(**i).is_some_and(|p| p.rejected.is_none()))
                .map(|_| table),
        }
    };
    // Until nothing more falls: a row whose parent row was rejected goes too, and so do rows
    // whose lookups point at each other in a loop (none of them could be saved first).
    loop {
        loop {
            let mut fell = false;
            for i in 0..pending.len() {
                if pending[i].rejected.is_some() {
                    continue;
                }
                let mut why = None;
                for (lookup, target) in &pending[i].lookups {
                    if *target == pending[i].name {
                        why = Some(format!(
                            "lookup `{lookup}`: a record cannot be its own parent (CASC-1)"
                        ));
                        break;
                    }
                    let Some(parent_table) = parent_table_of(target, &pending) else {
                        let rejected_row = by_name
                            .get(target)
                            .map(|j| pending.get(*j).map_or(0, |p| p.row))
                            .or_else(|| rejected_ids.get(target).copied());
                        why = Some(match rejected_row {
                            Some(row) => format!(
                                "lookup `{lookup}`: parent `{target}` is on row {row}, which was rejected"
                            ),
                            None => format!("lookup `{lookup}`: no record `{target}`"),
                        });
                        break;
                    };
                    let parents: Vec<TableId> = table_lookups
                        .iter()
                        .filter(|(l, _)| l == lookup)
                        .flat_map(|(_, list)| list.iter().map(|(_, p)| *p))
                        .collect();
                    if !parents.contains(&parent_table) {
                        why = Some(format!(
                            "lookup `{lookup}`: `{target}` is a `{}` record; `{lookup}` of `{}` points to {} (CASC-1)",
                            model.table_name(parent_table),
                            t.name,
                            parents
                                .iter()
                                .map(|p| format!("`{}`", model.table_name(*p)))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ));
                        break;
                    }
                }
                if let Some(why) = why {
                    pending[i].rejected = Some(why);
                    fell = true;
                }
            }
            if !fell {
                break;
            }
        }
        let found = loops(pending.len(), |i| {
            pending
                .get(i)
                .filter(|p| p.rejected.is_none())
                .into_iter()
                .flat_map(|p| p.lookups.iter())
                .filter(|(_, target)| !existing.contains_key(target.as_str()))
                .filter_map(|(_, target)| by_name.get(target.as_str()).copied())
        });
        if found.is_empty() {
            break;
        }
        for cycle in found {
            let rows: Vec<String> = cycle
                .iter()
                .chain(cycle.first())
                .filter_map(|i| pending.get(*i))
                .map(|p| p.row.to_string())
                .collect();
            for (k, i) in cycle.iter().enumerate() {
                let parent = cycle
                    .get(k + 1)
                    .or(cycle.first())
                    .and_then(|n| pending.get(*n))
                    .map(|p| p.name.clone());
                let Some(row) = pending.get_mut(*i) else {
                    continue;
                };
                let lookup = parent
                    .and_then(|name| row.lookups.iter().find(|(_, t)| *t == name))
                    .map_or(String::new(), |(lookup, _)| format!("lookup `{lookup}`: "));
                row.rejected = Some(format!(
                    "{lookup}rows {} point at each other in a loop; a record cannot be its own ancestor (CASC-1)",
                    rows.join(" → ")
                ));
            }
        }
    }

    let mut records = Vec::new();
    let first_new = data.records.len();
    let mut new_ids: HashMap<&str, RecordId> = HashMap::new();
    let mut n = 0;
    for p in pending.iter().filter(|p| p.rejected.is_none()) {
        new_ids.insert(&p.name, RecordId::from_index(first_new + n));
        n += 1;
    }
    let mut fallback = Vec::new();
    for p in &pending {
        if let Some(reason) = &p.rejected {
            rejected.push(Rejected {
                row: p.row,
                reason: reason.clone(),
            });
            continue;
        }
        let parents = p
            .lookups
            .iter()
            .filter_map(|(lookup, target)| {
                let (record, parent_table) = match existing.get(target.as_str()) {
                    Some(id) => (*id, data.record(*id)?.table),
                    None => (*new_ids.get(target.as_str())?, table),
                };
                let relationship = table_lookups
                    .iter()
                    .filter(|(l, _)| l == lookup)
                    .flat_map(|(_, list)| list)
                    .find(|(_, parent)| *parent == parent_table)?
                    .0;
                Some((relationship, record))
            })
            .collect();
        if let Some(note) = &p.fallback {
            fallback.push(FallbackUse {
                row: p.row,
                note: note.clone(),
            });
        }
        records.push(Record {
            name: p.name.as_str().into(),
            table,
            owner: p.owner,
            owning_bu: p.owning_bu,
            parents,
            values: p.values.clone(),
        });
    }
    rejected.sort_by_key(|r| r.row);
    Ok(ImportReport {
        table,
        base_records: first_new,
        records,
        accepted: n,
        rejected,
        fallback,
        blank,
    })
}

fn ownership_words(ownership: Ownership) -> &'static str {
    match ownership {
        Ownership::Organization => "organization-owned",
        Ownership::BusinessOwned => "business-owned",
        _ => "owned",
    }
}

/// The records of `table` as CSV in the layout of its [`template`]: what an import of the same
/// file into the same model without these records puts back.
pub fn table_to_csv(model: &Model, data: &Dataset, table: TableId) -> String {
    let fields = fields(model, data, table);
    let mut out = String::new();
    push_row(&mut out, fields.iter().map(|f| f.target.header()));
    for record in data
        .records
        .iter()
        .filter(|r| r.table == table && !r.is_deleted())
    {
        let cells = fields.iter().map(|f| match &f.target {
            Target::Ignore => String::new(),
            Target::Id => record.name.to_string(),
            Target::Owner => record
                .owner
                .map_or(String::new(), |o| model.principal_name(o).to_string()),
            Target::OwningBu => record
                .owning_bu
                .map_or(String::new(), |b| model.bu_name(b).to_string()),
            Target::Lookup(lookup) => record
                .parents
                .iter()
                .find(|(relationship, _)| {
                    model.relationships.get(relationship.index()).is_some_and(|r| {
                        matches!(&r.kind, RelationshipKind::OneToMany { lookup: l, .. } if l == lookup)
                    })
                })
                .map_or(String::new(), |(_, parent)| data.record_name(*parent).to_string()),
            Target::Column(column) => record.values.get(column).unwrap_or("").to_string(),
        });
        push_row(&mut out, cells);
    }
    out
}
