//! Named snapshots of a workspace ("before workshop", "v2 approved"): the list, the stored
//! JSON (what the Diff view compares), and loading one back as a `Workspace`.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::workspaces::{key_text, keys_of};
use super::{SNAPSHOTS, StorageError, commit, workspace_from_document, write_tx};
use crate::state::Workspace;

/// What the version history lists about a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotMeta {
    /// Store key: `{workspace}/{id}`.
    pub key: String,
    /// The workspace it belongs to.
    pub workspace: String,
    /// Name given when it was taken.
    pub name: String,
    /// When it was taken, in milliseconds since the Unix epoch.
    pub taken_ms: f64,
    /// Records in the workspace when it was taken.
    pub n_records: u64,
    /// Whether the snapshot keeps the records too (small datasets only).
    pub with_data: bool,
    /// Bytes of the stored JSON.
    pub bytes: u64,
}

#[derive(Serialize)]
struct SnapshotRow {
    #[serde(flatten)]
    meta: SnapshotMeta,
    text: String,
}

/// Only the text of a snapshot row.
#[derive(Deserialize)]
struct SnapshotText {
    text: String,
}

/// Stores a snapshot: `text` is the workspace's `rampart-model` JSON (with records when
/// `meta.with_data`).
pub async fn put_snapshot(
    db: &Database,
    meta: &SnapshotMeta,
    text: &str,
) -> Result<(), StorageError> {
    let tx = write_tx(db, &[SNAPSHOTS])?;
    tx.object_store(SNAPSHOTS)?
        .put(SnapshotRow {
            meta: meta.clone(),
            text: text.to_string(),
        })
        .serde()?;
    commit(tx).await
}

/// The snapshots of workspace `id`, newest first, plus the rows that could not be read.
pub async fn list_snapshots(
    db: &Database,
    id: &str,
) -> Result<(Vec<SnapshotMeta>, Vec<StorageError>), StorageError> {
    let tx = db.transaction(SNAPSHOTS).build()?;
    let store = tx.object_store(SNAPSHOTS)?;
    let keys: Vec<JsValue> = store
        .get_all_keys::<JsValue>()
        .with_query(keys_of(id))
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    let values: Vec<JsValue> = store
        .get_all::<JsValue>()
        .with_query(keys_of(id))
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    drop(store);
    drop(tx);
    let mut snapshots = Vec::new();
    let mut skipped = Vec::new();
    for (key, value) in keys.iter().zip(values) {
        // Only the metadata is read here; the text stays in JavaScript.
        match serde_wasm_bindgen::from_value::<SnapshotMeta>(value) {
            Ok(meta) => snapshots.push(meta),
            Err(err) => skipped.push(StorageError::CorruptRecord {
                store: SNAPSHOTS,
                key: key_text(key),
                detail: err.to_string(),
            }),
        }
    }
    snapshots.sort_by(|a, b| b.taken_ms.total_cmp(&a.taken_ms));
    Ok((snapshots, skipped))
}

/// The stored JSON of snapshot `key` (the Diff view's input).
pub async fn load_snapshot_text(db: &Database, key: &str) -> Result<String, StorageError> {
    let tx = db.transaction(SNAPSHOTS).build()?;
    let row: Option<SnapshotText> = tx
        .object_store(SNAPSHOTS)?
        .get(key.to_string())
        .serde()?
        .await
        .map_err(|err| StorageError::CorruptRecord {
            store: SNAPSHOTS,
            key: key.to_string(),
            detail: err.to_string(),
        })?;
    row.map(|row| row.text)
        .ok_or_else(|| StorageError::NotFound {
            store: SNAPSHOTS,
            key: key.to_string(),
        })
}

/// Snapshot `key` as a workspace with id `id`. Without stored records, the workspace has
/// none; callers restoring it keep their current records (`Workspace::with_model`).
pub async fn load_snapshot(db: &Database, key: &str, id: &str) -> Result<Workspace, StorageError> {
    let text = load_snapshot_text(db, key).await?;
    let doc = engine::format::parse(&text).map_err(|err| StorageError::CorruptRecord {
        store: SNAPSHOTS,
        key: key.to_string(),
        detail: err.to_string(),
    })?;
    Ok(workspace_from_document(id, doc).0)
}

/// Deletes snapshot `key`.
pub async fn delete_snapshot(db: &Database, key: &str) -> Result<(), StorageError> {
    let tx = write_tx(db, &[SNAPSHOTS])?;
    tx.object_store(SNAPSHOTS)?
        .delete(key.to_string())
        .primitive()?;
    commit(tx).await
}
