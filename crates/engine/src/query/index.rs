//! Indexes over a dataset for bulk queries.

use std::collections::HashMap;

use crate::data::Dataset;
use crate::eval::access::cascade_of;
use crate::model::{BuId, Model, Principal, RecordId, TableId};

/// Records grouped by table and owning BU, by owner, by share recipient, and parent → children
/// through relationships that cascade access (CASC-2, CASC-3). Rebuild it when the data changes.
#[derive(Debug, Clone, Default)]
pub struct DataIndex {
    by_table: Vec<Vec<RecordId>>,
    by_table_bu: Vec<Vec<(BuId, Vec<RecordId>)>>,
    owned: HashMap<Principal, Vec<RecordId>>,
    owned_counts: HashMap<(Principal, TableId), Vec<(BuId, u32)>>,
    shared: HashMap<Principal, Vec<RecordId>>,
    children: HashMap<RecordId, Vec<RecordId>>,
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
        let mut children: HashMap<RecordId, Vec<RecordId>> = HashMap::new();
        for (i, rec) in data.records.iter().enumerate() {
            let id = RecordId::from_index(i);
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
                if cascade_of(model, *rel)
                    .is_some_and(|c| c.share.cascades() || c.reparent.cascades())
                {
                    children.entry(*parent).or_default().push(id);
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
        DataIndex {
            by_table,
            by_table_bu,
            owned,
            owned_counts,
            shared,
            children,
        }
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
    pub fn children_of(&self, record: RecordId) -> &[RecordId] {
        self.children.get(&record).map_or(&[], Vec::as_slice)
    }
}
