//! Indexes over a dataset for bulk queries.

use std::collections::HashMap;

use crate::data::Dataset;
use crate::eval::access::link_flows;
use crate::model::{BuId, Model, Principal, RecordId, TableId};

/// A child record and which kinds of access flow to it from its parent (CASC-2, CASC-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Child {
    /// The child.
    pub record: RecordId,
    /// The Reparent cascade carries the parent owner's inherited access.
    pub owner_flows: bool,
    /// The Share cascade carries the parent's shares.
    pub shares_flow: bool,
}

/// Records grouped by table and owning BU, by owner, by share recipient, and parent → children
/// through relationships that cascade access (CASC-2, CASC-3). Rebuild it when the data changes.
#[derive(Debug, Default)]
pub struct DataIndex {
    by_table: Vec<Vec<RecordId>>,
    by_table_bu: Vec<Vec<(BuId, Vec<RecordId>)>>,
    owned: HashMap<Principal, Vec<RecordId>>,
    /// The part of `owned` with children: where a walk below a principal's records starts,
    /// without looking up every leaf record it owns.
    owned_parents: HashMap<Principal, Vec<RecordId>>,
    owned_counts: HashMap<(Principal, TableId), Vec<(BuId, u32)>>,
    shared: HashMap<Principal, Vec<RecordId>>,
    /// Table, owning BU and owner of each record, for grouping and counting without touching
    /// the records.
    tables: Vec<TableId>,
    owning_bus: Vec<Option<BuId>>,
    owners: Vec<Option<Principal>>,
    /// Children in CSR form: `children[child_start[r]..child_start[r + 1]]`.
    child_start: Vec<u32>,
    children: Vec<Child>,
}

impl DataIndex {
    /// Builds the indexes in one pass over the records.
    pub fn build(model: &Model, data: &Dataset) -> DataIndex {
        let n_tables = model.tables.len();
        let mut by_table: Vec<Vec<RecordId>> = vec![Vec::new(); n_tables];
        let mut by_table_bu_map: Vec<HashMap<BuId, Vec<RecordId>>> = vec![HashMap::new(); n_tables];
        let mut owned: HashMap<Principal, Vec<RecordId>> = HashMap::new();
        let mut owned_counts_map: HashMap<(Principal, TableId), HashMap<BuId, u32>> =
            HashMap::new();
        let mut child_pairs: Vec<(RecordId, Child)> = Vec::new();
        let mut tables: Vec<TableId> = Vec::with_capacity(data.records.len());
        let mut owning_bus = Vec::with_capacity(data.records.len());
        let mut owners = Vec::with_capacity(data.records.len());
        for (i, rec) in data.records.iter().enumerate() {
            let id = RecordId::from_index(i);
            tables.push(rec.table);
            owning_bus.push(rec.owning_bu);
            owners.push(rec.owner);
            if rec.is_deleted() {
                continue;
            }
            if let Some(list) = by_table.get_mut(rec.table.index()) {
                list.push(id);
            }
            if let (Some(bu), Some(map)) =
                (rec.owning_bu, by_table_bu_map.get_mut(rec.table.index()))
            {
                map.entry(bu).or_default().push(id);
            }
            if let Some(owner) = rec.owner {
                owned.entry(owner).or_default().push(id);
                if let Some(bu) = rec.owning_bu {
                    *owned_counts_map
                        .entry((owner, rec.table))
                        .or_default()
                        .entry(bu)
                        .or_default() += 1;
                }
            }
            for (rel, parent) in &rec.parents {
                if let Some((owner_flows, shares_flow)) =
                    link_flows(model, data, *rel, rec.owner, *parent)
                    && (owner_flows || shares_flow)
                {
                    child_pairs.push((
                        *parent,
                        Child {
                            record: id,
                            owner_flows,
                            shares_flow,
                        },
                    ));
                }
            }
        }
        let mut shared: HashMap<Principal, Vec<RecordId>> = HashMap::new();
        for (record, shares) in &data.shares {
            for share in shares {
                shared.entry(share.principal).or_default().push(*record);
            }
        }
        for list in shared.values_mut() {
            list.sort_unstable();
        }
        let by_table_bu = by_table_bu_map
            .into_iter()
            .map(|m| {
                let mut v: Vec<(BuId, Vec<RecordId>)> = m.into_iter().collect();
                v.sort_unstable_by_key(|(b, _)| *b);
                v
            })
            .collect();
        let owned_counts = owned_counts_map
            .into_iter()
            .map(|(k, m)| {
                let mut v: Vec<(BuId, u32)> = m.into_iter().collect();
                v.sort_unstable();
                (k, v)
            })
            .collect();
        child_pairs.sort_unstable_by_key(|(p, c)| (*p, c.record));
        let mut child_start = Vec::with_capacity(data.records.len() + 1);
        let mut next = 0usize;
        for r in 0..data.records.len() {
            child_start.push(u32::try_from(next).unwrap_or(u32::MAX));
            while next < child_pairs.len() && child_pairs[next].0.index() == r {
                next += 1;
            }
        }
        child_start.push(u32::try_from(next).unwrap_or(u32::MAX));
        let children = child_pairs.into_iter().map(|(_, c)| c).collect();
        let has_children = |r: &RecordId| {
            matches!(
                (child_start.get(r.index()), child_start.get(r.index() + 1)),
                (Some(start), Some(end)) if start < end
            )
        };
        let owned_parents = owned
            .iter()
            .map(|(p, records)| (*p, records.iter().copied().filter(has_children).collect()))
            .collect();
        DataIndex {
            by_table,
            by_table_bu,
            owned,
            owned_parents,
            owned_counts,
            shared,
            tables,
            owning_bus,
            owners,
            child_start,
            children,
        }
    }

    /// Number of records indexed.
    pub fn n_records(&self) -> usize {
        self.tables.len()
    }

    /// Records of a table, in record order.
    pub fn records_of(&self, table: TableId) -> &[RecordId] {
        self.by_table.get(table.index()).map_or(&[], Vec::as_slice)
    }

    /// Records of a table grouped by owning BU.
    pub fn records_by_bu(&self, table: TableId) -> &[(BuId, Vec<RecordId>)] {
        self.by_table_bu
            .get(table.index())
            .map_or(&[], Vec::as_slice)
    }

    /// Records owned by a principal.
    pub fn owned_by(&self, principal: Principal) -> &[RecordId] {
        self.owned.get(&principal).map_or(&[], Vec::as_slice)
    }

    /// Records owned by a principal that have children reached through access-cascading
    /// relationships, in record order.
    pub fn owned_parents(&self, principal: Principal) -> &[RecordId] {
        self.owned_parents
            .get(&principal)
            .map_or(&[], Vec::as_slice)
    }

    /// How many records of `table` a principal owns, per owning BU.
    pub fn owned_counts(&self, principal: Principal, table: TableId) -> &[(BuId, u32)] {
        self.owned_counts
            .get(&(principal, table))
            .map_or(&[], Vec::as_slice)
    }

    /// Records shared with a principal.
    pub fn shared_with(&self, principal: Principal) -> &[RecordId] {
        self.shared.get(&principal).map_or(&[], Vec::as_slice)
    }

    /// Children reached through access-cascading relationships.
    pub fn children_of(&self, record: RecordId) -> &[Child] {
        let (Some(start), Some(end)) = (
            self.child_start.get(record.index()),
            self.child_start.get(record.index() + 1),
        ) else {
            return &[];
        };
        self.children
            .get(*start as usize..*end as usize)
            .unwrap_or(&[])
    }

    /// Whether the record has children reached through access-cascading relationships.
    pub fn has_children(&self, record: RecordId) -> bool {
        !self.children_of(record).is_empty()
    }

    /// The owning BU of a record.
    pub fn owning_bu_of(&self, record: RecordId) -> Option<BuId> {
        self.owning_bus.get(record.index()).copied().flatten()
    }

    /// The owner of a record.
    pub fn owner_of(&self, record: RecordId) -> Option<Principal> {
        self.owners.get(record.index()).copied().flatten()
    }

    /// The table of a record.
    pub fn table_of(&self, record: RecordId) -> TableId {
        self.tables
            .get(record.index())
            .copied()
            .unwrap_or(TableId(u32::MAX))
    }
}
