//! Sample data: records, their owners and BUs, shares (POA) and per-record column shares (POAA).
//!
//! Kept apart from [`crate::model::Model`]: the model is what admins design and export; the
//! dataset is what simulation runs against.

mod parents;
mod values;

use std::collections::HashMap;

pub use parents::{ParentLink, Parents};
pub use values::Values;

/// A record's name: a string that keeps short values inline.
pub type Name = compact_str::CompactString;

use crate::model::{BuId, Principal, RecordId, RelationshipId, Rights, TableId};

/// One record (row) of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Stable id. Held inline up to 24 bytes (12 in wasm), so a generated name such as
    /// `contact-000123` costs no allocation.
    pub name: Name,
    /// Its table.
    pub table: TableId,
    /// Owner (user or team); `None` for organization- and business-owned records.
    pub owner: Option<Principal>,
    /// Owning BU (BU-7); `None` for organization-owned records.
    pub owning_bu: Option<BuId>,
    /// Parent records through 1:N relationships (the child's lookups).
    pub parents: Parents,
    /// Column values, as text.
    pub values: Values,
}

impl Record {
    /// Whether the record was deleted ([`crate::edit::delete`] keeps the slot, without a name).
    pub fn is_deleted(&self) -> bool {
        self.name.is_empty()
    }
}

/// A share of one record with one principal (POA row, SHARE-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// Who receives the rights.
    pub principal: Principal,
    /// Rights granted directly (`accessrightsmask`).
    pub rights: Rights,
    /// Rights kept from a parent share after the parent's share was revoked without an Unshare
    /// cascade (`inheritedaccessrightsmask`, CASC-5).
    pub inherited: Rights,
}

/// A per-record column share (POAA, FLS-7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnShare {
    /// The record.
    pub record: RecordId,
    /// The secured column.
    pub column: String,
    /// Who receives it.
    pub principal: Principal,
    /// Read access.
    pub read: bool,
    /// Update access.
    pub update: bool,
}

/// Records plus the sharing state of a simulation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// All records.
    pub records: Vec<Record>,
    /// Shares per record.
    pub shares: HashMap<RecordId, Vec<Share>>,
    /// Per-record column shares.
    pub column_shares: Vec<ColumnShare>,
}

impl Dataset {
    /// A record by id.
    pub fn record(&self, id: RecordId) -> Option<&Record> {
        self.records.get(id.index())
    }

    /// Name of a record.
    pub fn record_name(&self, id: RecordId) -> &str {
        self.record(id).map_or("?", |r| &r.name)
    }

    /// Shares of a record.
    pub fn shares_of(&self, id: RecordId) -> &[Share] {
        self.shares.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Grants `rights` to `principal` on `record` (GrantAccess adds to an existing share, SHARE-5).
    pub fn grant(&mut self, record: RecordId, principal: Principal, rights: Rights) {
        let shares = self.shares.entry(record).or_default();
        match shares.iter_mut().find(|s| s.principal == principal) {
            Some(share) => share.rights = share.rights.union(rights),
            None => shares.push(Share {
                principal,
                rights,
                inherited: Rights::NONE,
            }),
        }
    }

    /// Removes the direct share of `record` with `principal` (RevokeAccess, SHARE-8).
    pub fn revoke(&mut self, record: RecordId, principal: Principal) {
        if let Some(shares) = self.shares.get_mut(&record) {
            for share in shares.iter_mut().filter(|s| s.principal == principal) {
                share.rights = Rights::NONE;
            }
            shares.retain(|s| !(s.rights.is_empty() && s.inherited.is_empty()));
            if shares.is_empty() {
                self.shares.remove(&record);
            }
        }
    }

    /// Record ids by name.
    pub fn name_index(&self) -> HashMap<String, RecordId> {
        self.records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.to_string(), RecordId::from_index(i)))
            .collect()
    }

    /// Direct children of `parent` with the relationship linking them.
    pub fn children_of(&self, parent: RecordId) -> Vec<(RelationshipId, RecordId)> {
        self.records
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                r.parents
                    .iter()
                    .filter(move |(_, p)| *p == parent)
                    .map(move |(rel, _)| (*rel, RecordId::from_index(i)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A million records must fit in 200 MB (issue 5): the inline part of a record stays at 96
    /// bytes on 64-bit targets, and a generated name needs no allocation.
    #[test]
    fn a_record_stays_small() {
        assert!(
            std::mem::size_of::<Record>() <= 96,
            "{}",
            std::mem::size_of::<Record>()
        );
        let name = Name::from("contact-000123");
        assert!(!name.is_heap_allocated());
    }
}
