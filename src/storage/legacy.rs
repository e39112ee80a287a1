//! Earlier schema versions: how they were opened and written, and the move of version-1 rows
//! into version 2.
//!
//! Version 1 had one store, `workspaces`, whose rows held the whole document
//! ([`WorkspaceRecord`]). Version 2 keeps `workspaces` for metadata only and puts documents in
//! `documents`. [`migrate_rows`] rewrites every version-1 row in one transaction. Version 2
//! kept a snapshot's records inside its JSON ([`SnapshotRowV2`]); version 3 reads such rows
//! as they are. The old openers and writers stay here so tests can build each earlier
//! database exactly as its release did.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::workspaces::{DocumentRow, WorkspaceMeta};
use super::{DOCUMENTS, SNAPSHOTS, StorageError, WORKSPACES, commit, write_tx};

/// A workspace as version 1 kept it: one model document and when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceRecord {
    /// Stable id, the store's key.
    pub id: String,
    /// Name shown in the list of recent workspaces.
    pub title: String,
    /// The model document, as text.
    pub document: String,
    /// When it was saved, in milliseconds since the Unix epoch (JavaScript `Date.now()`).
    pub saved_at_ms: f64,
}

/// Opens `name` at schema version 1, as the first release did (tests of the upgrade).
pub async fn open_v1(name: &str) -> Result<Database, StorageError> {
    open_at(name, 1).await
}

/// Opens `name` at schema version 2 (from nothing or from version 1), as the second release
/// did, without moving version-1 rows (tests of the upgrade to version 3).
pub async fn open_v2(name: &str) -> Result<Database, StorageError> {
    open_at(name, 2).await
}

async fn open_at(name: &str, version: u32) -> Result<Database, StorageError> {
    let db = Database::open(name)
        .with_version(version)
        .with_on_upgrade_needed(move |event, db| {
            super::upgrade(&db, event.old_version() as u32, version)
        })
        .await?;
    Ok(db)
}

/// A snapshot row as version 2 wrote it: metadata and the whole JSON, records inside when
/// `with_data` (up to 20,000 records).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRowV2 {
    /// Store key: `{workspace}/{id}`.
    pub key: String,
    /// The workspace it belongs to.
    pub workspace: String,
    /// Name given when it was taken.
    pub name: String,
    /// When it was taken.
    pub taken_ms: f64,
    /// Records in the workspace when it was taken.
    pub n_records: u64,
    /// Whether `text` holds the records.
    pub with_data: bool,
    /// Bytes of `text`.
    pub bytes: u64,
    /// The `rampart-model` JSON.
    pub text: String,
}

/// Writes version-2 snapshot rows in one transaction, as the second release did.
pub async fn put_snapshots_v2(db: &Database, rows: &[SnapshotRowV2]) -> Result<(), StorageError> {
    let tx = write_tx(db, &[SNAPSHOTS])?;
    {
        let store = tx.object_store(SNAPSHOTS)?;
        for row in rows {
            store.put(row).serde()?;
        }
    }
    commit(tx).await
}

/// Writes version-1 rows in one transaction, as the first release did.
pub async fn put_workspaces(
    db: &Database,
    records: &[WorkspaceRecord],
) -> Result<(), StorageError> {
    let tx = db
        .transaction(WORKSPACES)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(WORKSPACES)?;
    for record in records {
        store.put(record).serde()?;
    }
    drop(store);
    tx.commit().await?;
    Ok(())
}

/// Moves every row still in the version-1 shape into the version-2 stores, in one
/// transaction. Rows in the version-2 shape, and rows of neither shape, are left as they are
/// (the list skips and names the latter).
pub(crate) async fn migrate_rows(db: &Database) -> Result<(), StorageError> {
    let tx = write_tx(db, &[WORKSPACES, DOCUMENTS])?;
    let mut moved = 0_usize;
    {
        let workspaces = tx.object_store(WORKSPACES)?;
        let values: Vec<JsValue> = workspaces
            .get_all::<JsValue>()
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let documents = tx.object_store(DOCUMENTS)?;
        for value in values {
            let Ok(old) = serde_wasm_bindgen::from_value::<WorkspaceRecord>(value) else {
                continue;
            };
            let meta = WorkspaceMeta {
                id: old.id.clone(),
                name: old.title,
                created_ms: old.saved_at_ms,
                saved_ms: old.saved_at_ms,
                document_bytes: old.document.len() as u64,
                dataset_bytes: 0,
                n_records: 0,
                n_chunks: 0,
                trashed: false,
            };
            documents
                .put(DocumentRow {
                    id: old.id,
                    text: old.document,
                })
                .serde()?;
            workspaces.put(&meta).serde()?;
            moved += 1;
        }
    }
    if moved == 0 {
        // Nothing to write: let the transaction roll back (it wrote nothing).
        drop(tx);
        return Ok(());
    }
    commit(tx).await
}
