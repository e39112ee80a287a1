//! Named snapshots of a workspace ("before workshop", "v2 approved"): the list, the stored
//! model JSON and records (what the Diff view compares), and loading one back as a
//! `Workspace`.
//!
//! A snapshot keeps every record, however many: the model JSON (without records) sits in the
//! `snapshots` row and the records in `snapshot_chunks`, chunked exactly like `datasets`
//! (`encode_dataset`). Snapshots written by schema version 2 kept up to 20,000 records inside
//! their JSON, or none (`with_data: false`); they are read as they are.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::workspaces::{ChunkRowRef, chunk_key, key_text, keys_of, read_chunks, set_text};
use super::{
    DATASETS, SNAPSHOT_CHUNKS, SNAPSHOTS, StorageError, commit, decode_workspace,
    workspace_from_document, write_tx,
};
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
    /// Whether the snapshot keeps the records too. Always since schema version 3; a version-2
    /// snapshot of more than 20,000 records kept the model only.
    pub with_data: bool,
    /// Bytes of the stored JSON and records.
    pub bytes: u64,
    /// Record chunks in `snapshot_chunks` (0 for snapshots without records and for version-2
    /// snapshots, whose records are inside their JSON).
    #[serde(default)]
    pub n_chunks: u32,
}

/// Where a new snapshot's records come from.
#[derive(Debug, Clone)]
pub enum SnapshotRecords {
    /// These chunks (`encode_dataset`); none for a workspace without records.
    Chunks(Vec<String>),
    /// The workspace's stored chunks in `datasets`, copied inside the write transaction
    /// without decoding them (the caller knows they hold exactly the open records).
    CopyStored,
}

/// A snapshot as stored, before decoding.
#[derive(Debug, Clone)]
pub struct StoredSnapshot {
    /// Its metadata.
    pub meta: SnapshotMeta,
    /// The model JSON (with records inside only for version-2 snapshots).
    pub text: String,
    /// The record chunks in order.
    pub chunks: Vec<String>,
}

#[derive(Serialize)]
struct SnapshotRow<'a> {
    #[serde(flatten)]
    meta: &'a SnapshotMeta,
    text: &'a str,
}

#[derive(Deserialize)]
struct SnapshotRowIn {
    #[serde(flatten)]
    meta: SnapshotMeta,
    text: String,
}

/// Stores a snapshot in one transaction: `text` is the workspace's `rampart-model` JSON
/// without records, `records` its records. Returns the metadata as stored (`n_chunks` counts
/// the chunks written; with [`SnapshotRecords::CopyStored`], `expected_chunks` must match
/// what was copied, or nothing is written).
pub async fn put_snapshot(
    db: &Database,
    meta: &SnapshotMeta,
    text: &str,
    records: &SnapshotRecords,
) -> Result<SnapshotMeta, StorageError> {
    let mut meta = meta.clone();
    let tx = write_tx(db, &[DATASETS, SNAPSHOTS, SNAPSHOT_CHUNKS])?;
    {
        let chunks_store = tx.object_store(SNAPSHOT_CHUNKS)?;
        // A key is never reused, but a half-written earlier attempt must not leave extra rows.
        chunks_store.delete(keys_of(&meta.key)).primitive()?;
        match records {
            SnapshotRecords::Chunks(chunks) => {
                for (n, chunk_text) in chunks.iter().enumerate() {
                    let chunk = u32::try_from(n).unwrap_or(u32::MAX);
                    chunks_store
                        .put(ChunkRowRef {
                            key: chunk_key(&meta.key, chunk),
                            workspace: &meta.workspace,
                            chunk,
                            text: chunk_text,
                        })
                        .serde()?;
                }
                meta.n_chunks = u32::try_from(chunks.len()).unwrap_or(u32::MAX);
            }
            SnapshotRecords::CopyStored => {
                let rows: Vec<JsValue> = tx
                    .object_store(DATASETS)?
                    .get_all::<JsValue>()
                    .with_query(keys_of(&meta.workspace))
                    .primitive()?
                    .await?
                    .collect::<Result<_, _>>()?;
                if rows.len() != meta.n_chunks as usize {
                    drop(chunks_store);
                    drop(tx);
                    return Err(StorageError::Other(format!(
                        "the saved records of `{}` are {} chunks, not the {} expected; the \
                         snapshot was not taken (take it again after the next save)",
                        meta.workspace,
                        rows.len(),
                        meta.n_chunks
                    )));
                }
                for (n, row) in rows.into_iter().enumerate() {
                    let chunk = u32::try_from(n).unwrap_or(u32::MAX);
                    // The row keeps its text as a JavaScript string; only its key changes.
                    set_text(&row, "key", &chunk_key(&meta.key, chunk))?;
                    chunks_store.put(row).primitive()?;
                }
            }
        }
        tx.object_store(SNAPSHOTS)?
            .put(SnapshotRow { meta: &meta, text })
            .serde()?;
    }
    commit(tx).await?;
    Ok(meta)
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

/// Snapshot `key` as stored: metadata, model JSON and record chunks, in one read transaction.
pub async fn read_snapshot(db: &Database, key: &str) -> Result<StoredSnapshot, StorageError> {
    let tx = db.transaction([SNAPSHOTS, SNAPSHOT_CHUNKS]).build()?;
    let value: Option<JsValue> = tx
        .object_store(SNAPSHOTS)?
        .get(key.to_string())
        .primitive()?
        .await?;
    let chunks = read_chunks(&tx, SNAPSHOT_CHUNKS, key).await?;
    drop(tx);
    let corrupt = |detail: String| StorageError::CorruptRecord {
        store: SNAPSHOTS,
        key: key.to_string(),
        detail,
    };
    let value = value.ok_or_else(|| StorageError::NotFound {
        store: SNAPSHOTS,
        key: key.to_string(),
    })?;
    let row: SnapshotRowIn =
        serde_wasm_bindgen::from_value(value).map_err(|err| corrupt(err.to_string()))?;
    if chunks.len() != row.meta.n_chunks as usize {
        return Err(StorageError::CorruptRecord {
            store: SNAPSHOT_CHUNKS,
            key: format!("{key}/…"),
            detail: format!(
                "{} record chunks found, {} expected",
                chunks.len(),
                row.meta.n_chunks
            ),
        });
    }
    Ok(StoredSnapshot {
        meta: row.meta,
        text: row.text,
        chunks: chunks.into_iter().map(|row| row.text).collect(),
    })
}

/// A stored snapshot as a workspace with id `id`, every record included. A snapshot whose
/// JSON or any record chunk cannot be read is an error (a partial version is never passed
/// off as the snapshot). A version-2 snapshot kept without records has none; callers
/// restoring it keep their current records (`snapshot_into`).
pub fn snapshot_workspace(stored: &StoredSnapshot, id: &str) -> Result<Workspace, StorageError> {
    let key = &stored.meta.key;
    let corrupt = |store, detail: String| StorageError::CorruptRecord {
        store,
        key: key.clone(),
        detail,
    };
    if stored.chunks.is_empty() {
        let doc = engine::format::parse(&stored.text)
            .map_err(|err| corrupt(SNAPSHOTS, err.to_string()))?;
        return Ok(workspace_from_document(id, doc).0);
    }
    let decoded = decode_workspace(key, &stored.text, &stored.chunks).map_err(|err| match err {
        StorageError::CorruptRecord { detail, .. } => corrupt(SNAPSHOTS, detail),
        other => other,
    })?;
    if let Some(StorageError::CorruptRecord { key, detail, .. }) = decoded.skipped.first() {
        return Err(StorageError::CorruptRecord {
            store: SNAPSHOT_CHUNKS,
            key: key.clone(),
            detail: detail.clone(),
        });
    }
    let mut workspace = decoded.into_workspace();
    workspace.id = id.to_string();
    Ok(workspace)
}

/// Snapshot `key` as a workspace with id `id` (the Diff view's input), every record included.
pub async fn load_snapshot(db: &Database, key: &str, id: &str) -> Result<Workspace, StorageError> {
    let stored = read_snapshot(db, key).await?;
    snapshot_workspace(&stored, id)
}

/// Deletes snapshot `key` and its record chunks, in one transaction.
pub async fn delete_snapshot(db: &Database, key: &str) -> Result<(), StorageError> {
    let tx = write_tx(db, &[SNAPSHOTS, SNAPSHOT_CHUNKS])?;
    tx.object_store(SNAPSHOTS)?
        .delete(key.to_string())
        .primitive()?;
    tx.object_store(SNAPSHOT_CHUNKS)?
        .delete(keys_of(key))
        .primitive()?;
    commit(tx).await
}
