//! [`data`]: sample records for any model, in realistic proportions and with parent links.
//!
//! Tables are filled parents first. A child record links to a parent through each of its
//! lookups (a note has one `objectid`, whichever table it points to), usually follows its
//! parent's owner (records are assigned with their parent, CASC-1) and otherwise goes to a
//! colleague in the parent's BU or anyone. The owning BU is always the owner's BU (BU-7).

use std::collections::BTreeMap;

use super::rng::Rng;
use super::words;
use crate::data::{ColumnShare, Dataset, Record, Values};
use crate::model::{
    BuId, Model, Ownership, Principal, RecordId, RelationshipId, RelationshipKind, Rights, TableId,
    TeamId, TeamKind, UserId, Verb,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DataParams {
    /// Seed; the same model and parameters always give the same dataset.
    pub seed: u64,
    /// Number of records across all tables.
    pub records: usize,
    /// Fraction of owned records shared with someone (a user, a team or the organization).
    pub share_fraction: f64,
    /// Fraction of owned records not following a parent that go to an owner team.
    pub team_owned_fraction: f64,
    /// Fraction of records carrying column values (names, cities, amounts). Values cost about
    /// 600 bytes per record, so million-record sets may want fewer.
    pub value_fraction: f64,
}

impl DataParams {
    /// `records` records with the default proportions.
    pub fn new(seed: u64, records: usize) -> DataParams {
        DataParams {
            seed,
            records,
            share_fraction: 0.02,
            team_owned_fraction: 0.25,
            value_fraction: 1.0,
        }
    }
}

impl Default for DataParams {
    /// 10,000 records, seed 1.
    fn default() -> DataParams {
        DataParams::new(1, 10_000)
    }
}

/// `n_records` records across every table of `model`, owned by its users and teams: a quick
/// way to give any model (a demo org, an imported one) a realistic amount of data.
pub fn sample_data_for(model: &Model, seed: u64, n_records: usize) -> Dataset {
    data(model, &DataParams::new(seed, n_records))
}

/// Generates a dataset for `model`. The same inputs give the same dataset on every platform.
pub fn data(model: &Model, params: &DataParams) -> Dataset {
    let mut rng = Rng::new(params.seed, 2);
    let plan = Plan::new(model, params.records);
    let mut records: Vec<Record> = Vec::with_capacity(params.records);
    for table in &plan.order {
        let Some(span) = plan.spans.get(table.index()).copied() else {
            continue;
        };
        for k in 0..span.len {
            let record = plan.record(model, *table, k, &records, params, &mut rng);
            records.push(record);
        }
    }
    let mut dataset = Dataset {
        records,
        ..Dataset::default()
    };
    add_shares(model, &plan, &mut dataset, params, &mut rng);
    dataset
}

/// The records of one table: ids `start .. start + len`.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: usize,
    len: usize,
}

/// One lookup column of a child table and the relationships that may fill it.
struct Lookup {
    relationships: Vec<(RelationshipId, TableId)>,
    /// Probability that the lookup is set.
    fill: f64,
}

/// Everything decided once per dataset: table order and sizes, owners to pick from, lookups.
struct Plan {
    order: Vec<TableId>,
    spans: Vec<Span>,
    prefixes: Vec<String>,
    lookups: Vec<Vec<Lookup>>,
    users: Vec<(UserId, BuId)>,
    users_by_bu: Vec<Vec<(UserId, BuId)>>,
    owner_teams: Vec<(TeamId, BuId)>,
    share_teams: Vec<TeamId>,
    root: BuId,
}

impl Plan {
    fn new(model: &Model, n_records: usize) -> Plan {
        let order = fill_order(model);
        // Sizes by weight, in fill order so that the remainder goes to the first tables.
        let weights: Vec<u64> = order
            .iter()
            .map(|t| model.tables.get(t.index()).map_or(0, weight))
            .collect();
        let total: u64 = weights.iter().sum::<u64>().max(1);
        let mut sizes: Vec<usize> = weights
            .iter()
            .map(|w| {
                let share = (n_records as u128 * u128::from(*w)) / u128::from(total);
                usize::try_from(share).unwrap_or(0)
            })
            .collect();
        // Each floor loses less than one record, so the remainder is below the table count.
        let remainder = n_records.saturating_sub(sizes.iter().sum());
        for size in sizes.iter_mut().take(remainder) {
            *size += 1;
        }
        let mut spans = vec![Span::default(); model.tables.len()];
        let mut start = 0;
        for (table, len) in order.iter().zip(sizes) {
            if let Some(span) = spans.get_mut(table.index()) {
                *span = Span { start, len };
            }
            start += len;
        }

        let mut lookups: Vec<Vec<Lookup>> = model.tables.iter().map(|_| Vec::new()).collect();
        for (i, rel) in model.relationships.iter().enumerate() {
            let RelationshipKind::OneToMany {
                parent,
                child,
                lookup,
                ..
            } = &rel.kind
            else {
                continue;
            };
            if parent == child {
                continue;
            }
            let Some(child_lookups) = lookups.get_mut(child.index()) else {
                continue;
            };
            let entry = (RelationshipId::from_index(i), *parent);
            // Lookups are grouped by column name: a polymorphic lookup holds one parent.
            let key = lookup.as_str();
            let same = model.relationships.iter().position(|r| {
                matches!(&r.kind, RelationshipKind::OneToMany { child: c, lookup: l, .. } if c == child && l == key)
            });
            match same.filter(|first| *first != i) {
                Some(first) => {
                    if let Some(group) = child_lookups
                        .iter_mut()
                        .find(|g| g.relationships.iter().any(|(r, _)| r.index() == first))
                    {
                        group.relationships.push(entry);
                    }
                }
                None => child_lookups.push(Lookup {
                    relationships: vec![entry],
                    fill: lookup_fill(model, *child),
                }),
            }
        }

        let users: Vec<(UserId, BuId)> = model
            .users
            .iter()
            .enumerate()
            .filter(|(_, u)| u.enabled && !is_administrator(model, u))
            .map(|(i, u)| (UserId::from_index(i), u.bu))
            .collect();
        let users = if users.is_empty() {
            // Only administrators or disabled users: they own everything then.
            model
                .users
                .iter()
                .enumerate()
                .map(|(i, u)| (UserId::from_index(i), u.bu))
                .collect()
        } else {
            users
        };
        let mut users_by_bu = vec![Vec::new(); model.bus.len()];
        for (user, bu) in &users {
            if let Some(list) = users_by_bu.get_mut(bu.index()) {
                list.push((*user, *bu));
            }
        }
        let owner_teams = model
            .teams
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.kind.holds_roles() && t.kind != TeamKind::Default && !t.roles.is_empty()
            })
            .map(|(i, t)| (TeamId::from_index(i), t.bu))
            .collect();
        let share_teams = model
            .teams
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind != TeamKind::Default && t.record_team.is_none())
            .map(|(i, _)| TeamId::from_index(i))
            .collect();
        Plan {
            prefixes: prefixes(model),
            order,
            spans,
            lookups,
            users,
            users_by_bu,
            owner_teams,
            share_teams,
            root: model.root_bu(),
        }
    }

    fn record(
        &self,
        model: &Model,
        table: TableId,
        k: usize,
        records: &[Record],
        params: &DataParams,
        rng: &mut Rng,
    ) -> Record {
        let ownership = model
            .tables
            .get(table.index())
            .map_or(Ownership::UserOrTeam, |t| t.ownership);
        let mut parents = crate::data::Parents::None;
        for lookup in self
            .lookups
            .get(table.index())
            .map_or(&[][..], Vec::as_slice)
        {
            if !rng.chance(lookup.fill) {
                continue;
            }
            if let Some((rel, parent)) = self.pick_parent(lookup, rng) {
                parents.push((rel, parent));
            }
        }
        let parent = parents.first().and_then(|(_, p)| records.get(p.index()));
        let (owner, owning_bu) = match ownership {
            Ownership::Organization => (None, None),
            Ownership::BusinessOwned => (
                None,
                Some(
                    parent
                        .and_then(|p| p.owning_bu)
                        .unwrap_or_else(|| BuId::from_index(rng.below(model.bus.len().max(1)))),
                ),
            ),
            _ => self.owner(parent, params, rng),
        };
        let values = if rng.chance(params.value_fraction) {
            values(model, table, k, rng)
        } else {
            Values::new()
        };
        let prefix = self
            .prefixes
            .get(table.index())
            .map_or("rec", String::as_str);
        Record {
            name: compact_str::format_compact!("{prefix}-{k:06}"),
            table,
            owner,
            owning_bu,
            parents,
            values,
        }
    }

    /// A parent for one lookup: a relationship in proportion to its parent table's size, then
    /// a record of that table. Only tables filled earlier count.
    fn pick_parent(&self, lookup: &Lookup, rng: &mut Rng) -> Option<(RelationshipId, RecordId)> {
        let filled = |table: &TableId| self.spans.get(table.index()).map_or(0, |s| s.len);
        let total: usize = lookup.relationships.iter().map(|(_, t)| filled(t)).sum();
        let mut roll = rng.below(total);
        for (rel, table) in &lookup.relationships {
            let span = self.spans.get(table.index()).copied().unwrap_or_default();
            if roll < span.len {
                let parent = RecordId::from_index(span.start + rng.below(span.len));
                return Some((*rel, parent));
            }
            roll -= span.len;
        }
        None
    }

    fn owner(
        &self,
        parent: Option<&Record>,
        params: &DataParams,
        rng: &mut Rng,
    ) -> (Option<Principal>, Option<BuId>) {
        if let Some(parent) = parent
            && parent.owner.is_some()
            && rng.chance(0.7)
        {
            return (parent.owner, parent.owning_bu);
        }
        if !self.owner_teams.is_empty()
            && rng.chance(params.team_owned_fraction)
            && let Some((team, bu)) = self.owner_teams.get(rng.below(self.owner_teams.len()))
        {
            return (Some(Principal::Team(*team)), Some(*bu));
        }
        let local = parent
            .and_then(|p| p.owning_bu)
            .and_then(|bu| self.users_by_bu.get(bu.index()))
            .filter(|users| !users.is_empty() && rng.chance(0.6));
        let pool = local.unwrap_or(&self.users);
        match pool.get(rng.below(pool.len())) {
            Some((user, bu)) => (Some(Principal::User(*user)), Some(*bu)),
            // A model without users: its first owner team, or nobody.
            None => match self.owner_teams.first() {
                Some((team, bu)) => (Some(Principal::Team(*team)), Some(*bu)),
                None => (None, Some(self.root)),
            },
        }
    }
}

fn is_administrator(model: &Model, user: &crate::model::User) -> bool {
    !user.roles.is_empty()
        && user.roles.iter().all(|a| {
            model
                .roles
                .get(a.role.index())
                .is_some_and(|r| r.is_system_administrator())
        })
}

/// Tables ordered so that parents come before their children (ties and cycles in table order).
fn fill_order(model: &Model) -> Vec<TableId> {
    let n = model.tables.len();
    let mut pending_parents = vec![0usize; n];
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for rel in &model.relationships {
        if let RelationshipKind::OneToMany { parent, child, .. } = rel.kind
            && parent != child
            && parent.index() < n
            && child.index() < n
            && !edges.contains(&(parent.index(), child.index()))
        {
            edges.push((parent.index(), child.index()));
            if let Some(count) = pending_parents.get_mut(child.index()) {
                *count += 1;
            }
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut done = vec![false; n];
    while order.len() < n {
        // The first table with no pending parent, or failing that (a cycle) the first left.
        let next = (0..n)
            .find(|i| !done.get(*i).copied().unwrap_or(true) && pending_parents.get(*i) == Some(&0))
            .or_else(|| (0..n).find(|i| !done.get(*i).copied().unwrap_or(true)));
        let Some(next) = next else { break };
        if let Some(flag) = done.get_mut(next) {
            *flag = true;
        }
        order.push(TableId::from_index(next));
        for (parent, child) in &edges {
            if *parent == next
                && let Some(count) = pending_parents.get_mut(*child)
            {
                *count = count.saturating_sub(1);
            }
        }
    }
    order
}

/// Relative size of a table in a typical CRM.
fn weight(table: &crate::model::Table) -> u64 {
    match table.name.as_str() {
        "account" => 80,
        "contact" => 200,
        "opportunity" | "incident" => 80,
        "lead" => 60,
        "annotation" => 150,
        "task" => 120,
        "email" => 100,
        "phonecall" => 80,
        "appointment" => 50,
        "product" => 5,
        "pricelevel" => 1,
        _ => match table.ownership {
            Ownership::Organization | Ownership::BusinessOwned => 5,
            Ownership::Activity | Ownership::CustomActivity => 60,
            Ownership::UserOrTeam => 40,
        },
    }
}

/// How often a lookup of a child table is set.
fn lookup_fill(model: &Model, child: TableId) -> f64 {
    match model.tables.get(child.index()) {
        Some(t) if t.name == "annotation" => 1.0,
        Some(t) if t.ownership.is_activity() => 0.8,
        _ => 0.9,
    }
}

/// Record name prefixes: short ones for the standard tables, the table name otherwise.
fn prefixes(model: &Model) -> Vec<String> {
    let short: Vec<String> = model
        .tables
        .iter()
        .map(|t| {
            match t.name.as_str() {
                "account" => "acc",
                "contact" => "con",
                "opportunity" => "opp",
                "incident" => "case",
                "annotation" => "note",
                "phonecall" => "call",
                "appointment" => "appt",
                "product" => "prod",
                "pricelevel" => "price",
                other => other,
            }
            .to_string()
        })
        .collect();
    // Names stay unique: a prefix that clashes with another table's falls back to the name.
    short
        .iter()
        .enumerate()
        .map(|(i, prefix)| {
            let clash = short
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other == prefix);
            match (clash, model.tables.get(i)) {
                (true, Some(table)) => table.name.clone(),
                _ => prefix.clone(),
            }
        })
        .collect()
}

fn values(model: &Model, table: TableId, k: usize, rng: &mut Rng) -> Values {
    let mut values = BTreeMap::new();
    let mut set = |column: &str, value: String| {
        values.insert(column.to_string(), value);
    };
    let company = |rng: &mut Rng| {
        format!(
            "{} {} {}",
            rng.pick_or(words::COMPANY_STEMS, "Contoso"),
            rng.pick_or(words::COMPANY_KINDS, "Group"),
            rng.pick_or(words::COMPANY_SUFFIXES, "Ltd")
        )
    };
    let name = model
        .tables
        .get(table.index())
        .map_or("", |t| t.name.as_str());
    match name {
        "account" => {
            set("name", company(rng));
            set("address1_city", rng.pick_or(words::CITIES, "London").into());
            if rng.chance(0.3) {
                set("creditlimit", (rng.between(1, 500) * 1_000).to_string());
            }
        }
        "contact" | "lead" => {
            set("firstname", rng.pick_or(words::FIRST_NAMES, "Alex").into());
            set("lastname", rng.pick_or(words::LAST_NAMES, "Doe").into());
            if name == "lead" {
                set("companyname", company(rng));
            } else if rng.chance(0.5) {
                let (year, month, day) = (
                    rng.between(1950, 2005),
                    rng.between(1, 12),
                    rng.between(1, 28),
                );
                set("birthdate", format!("{year}-{month:02}-{day:02}"));
            }
        }
        "opportunity" => {
            set(
                "name",
                format!(
                    "{} – {}",
                    rng.pick_or(words::COMPANY_STEMS, "Contoso"),
                    rng.pick_or(words::PRODUCTS, "Licence")
                ),
            );
            set("estimatedvalue", (rng.between(1, 400) * 1_000).to_string());
        }
        "incident" => set("title", rng.pick_or(words::SUBJECTS, "Question").into()),
        "product" => {
            set(
                "name",
                format!("{} {k}", rng.pick_or(words::PRODUCTS, "Product")),
            );
            set("standardcost", rng.between(5, 5_000).to_string());
        }
        _ => {
            let column = if model
                .tables
                .get(table.index())
                .is_some_and(|t| t.ownership.is_activity() || t.name == "annotation")
            {
                "subject"
            } else {
                "name"
            };
            set(column, rng.pick_or(words::SUBJECTS, "Note").into());
        }
    }
    values.into_iter().collect()
}

fn add_shares(
    model: &Model,
    plan: &Plan,
    dataset: &mut Dataset,
    params: &DataParams,
    rng: &mut Rng,
) {
    let read = Rights::of(Verb::Read);
    let edit: Rights = [Verb::Read, Verb::Write, Verb::Append, Verb::AppendTo]
        .into_iter()
        .collect();
    let full: Rights = [
        Verb::Read,
        Verb::Write,
        Verb::Append,
        Verb::AppendTo,
        Verb::Assign,
        Verb::Share,
    ]
    .into_iter()
    .collect();
    let mut grants: Vec<(RecordId, Principal, Rights)> = Vec::new();
    let mut column_shares = Vec::new();
    for (i, record) in dataset.records.iter().enumerate() {
        let Some(owner) = record.owner else { continue };
        let id = RecordId::from_index(i);
        if rng.chance(params.share_fraction) {
            let n_shares = if rng.chance(0.1) { 2 } else { 1 };
            for _ in 0..n_shares {
                let roll = rng.below(100);
                let principal = if roll < 60 {
                    plan.users
                        .get(rng.below(plan.users.len()))
                        .map(|(u, _)| Principal::User(*u))
                } else if roll < 95 {
                    plan.share_teams
                        .get(rng.below(plan.share_teams.len()))
                        .map(|t| Principal::Team(*t))
                } else {
                    Some(Principal::Organization)
                };
                let roll = rng.below(100);
                let rights = if roll < 55 {
                    read
                } else if roll < 90 {
                    edit
                } else {
                    full
                };
                if let Some(principal) = principal.filter(|p| *p != owner) {
                    grants.push((id, principal, rights));
                }
            }
        }
        // Now and then a secured column is shared with one colleague (FLS-7).
        if let Some(column) = model
            .tables
            .get(record.table.index())
            .and_then(|t| t.secured_columns.first())
            && rng.chance(0.001)
            && let Some((user, _)) = plan.users.get(rng.below(plan.users.len()))
        {
            column_shares.push(ColumnShare {
                record: id,
                column: column.clone(),
                principal: Principal::User(*user),
                read: true,
                update: rng.chance(0.3),
            });
        }
    }
    for (record, principal, rights) in grants {
        dataset.grant(record, principal, rights);
    }
    dataset.column_shares = column_shares;
}
