//! Saved workspaces: their metadata list, atomic saves, reads, renames and deletion.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{
    DATASETS, DOCUMENTS, SETTINGS, SNAPSHOT_CHUNKS, SNAPSHOTS, StorageError, WORKSPACES, commit,
    write_tx,
};

/// Settings key of the workspace that was open last.
const LAST_OPEN: &str = "last_open";

/// What the workspace list shows about a saved workspace, without loading it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceMeta {
    /// Stable id, the key in every store.
    pub id: String,
    /// Name shown in the list and the header.
    pub name: String,
    /// When it was first saved, in milliseconds since the Unix epoch.
    pub created_ms: f64,
    /// When it was last saved.
    pub saved_ms: f64,
    /// Bytes of the model document (UTF-8).
    pub document_bytes: u64,
    /// Bytes of the stored sample records (UTF-8).
    pub dataset_bytes: u64,
    /// Number of sample records.
    pub n_records: u64,
    /// Number of dataset chunks stored under this id.
    pub n_chunks: u32,
    /// Deleted, but still restorable with Undo until purged.
    #[serde(default)]
    pub trashed: bool,
}

impl WorkspaceMeta {
    /// Bytes the workspace takes in storage (document plus records).
    pub fn size_bytes(&self) -> u64 {
        self.document_bytes + self.dataset_bytes
    }
}

/// One save: the metadata, the document, and the dataset when it changed.
#[derive(Debug, Clone)]
pub struct SaveRequest {
    /// The new metadata row.
    pub meta: WorkspaceMeta,
    /// The model document without records.
    pub document: String,
    /// The records, chunked (see `encode_dataset`), or `None` to keep the stored ones.
    pub dataset: Option<Vec<String>>,
}

/// A stored workspace as text, before decoding.
#[derive(Debug, Clone)]
pub struct StoredWorkspace {
    /// Its metadata.
    pub meta: WorkspaceMeta,
    /// The model document without records.
    pub document: String,
    /// The records' chunks in order.
    pub chunks: Vec<String>,
}

/// Every readable workspace plus what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Workspaces not in the trash, most recently saved first.
    pub workspaces: Vec<WorkspaceMeta>,
    /// Workspaces in the trash (deleted, Undo still possible).
    pub trashed: Vec<WorkspaceMeta>,
    /// Rows skipped because they did not have the expected shape, each naming its key.
    pub skipped: Vec<StorageError>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct DocumentRow {
    pub(crate) id: String,
    pub(crate) text: String,
}

/// A chunk row as written, borrowing its text.
#[derive(Serialize)]
pub(crate) struct ChunkRowRef<'a> {
    pub(crate) key: String,
    pub(crate) workspace: &'a str,
    pub(crate) chunk: u32,
    pub(crate) text: &'a str,
}

/// A document row as written, borrowing its text.
#[derive(Serialize)]
struct DocumentRowRef<'a> {
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct ChunkRow {
    pub(crate) key: String,
    pub(crate) workspace: String,
    pub(crate) chunk: u32,
    pub(crate) text: String,
}

/// Key of chunk `chunk` of workspace `id`; zero-padded so key order is chunk order.
pub(crate) fn chunk_key(id: &str, chunk: u32) -> String {
    format!("{id}/{chunk:06}")
}

/// Every key under `id` (a workspace id, or a snapshot key `{workspace}/{snap}`) in the
/// `datasets`, `snapshots` and `snapshot_chunks` stores.
pub(crate) fn keys_of(id: &str) -> std::ops::Range<String> {
    // '0' is the character after '/', so this covers exactly the keys starting with "{id}/".
    format!("{id}/")..format!("{id}0")
}

/// The chunk rows of `store` under `id` (see [`keys_of`]), in chunk order.
pub(crate) async fn read_chunks(
    tx: &Transaction<'_>,
    store: &'static str,
    id: &str,
) -> Result<Vec<ChunkRow>, StorageError> {
    tx.object_store(store)?
        .get_all()
        .with_query(keys_of(id))
        .serde()?
        .await?
        .collect::<Result<_, _>>()
        .map_err(|err| StorageError::CorruptRecord {
            store,
            key: format!("{id}/…"),
            detail: err.to_string(),
        })
}

/// Text of a key for messages.
pub(crate) fn key_text(key: &JsValue) -> String {
    key.as_string()
        .or_else(|| key.as_f64().map(|n| n.to_string()))
        .or_else(|| {
            js_sys::JSON::stringify(key)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| "?".to_string())
}

/// Lists the saved workspaces. A row that does not have the expected shape is skipped and
/// named in `skipped`; the others are still listed.
pub async fn list_workspaces(db: &Database) -> Result<Listing, StorageError> {
    let tx = db.transaction(WORKSPACES).build()?;
    let store = tx.object_store(WORKSPACES)?;
    let keys: Vec<JsValue> = store
        .get_all_keys::<JsValue>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    let values: Vec<JsValue> = store
        .get_all::<JsValue>()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    drop(store);
    drop(tx);
    let mut listing = Listing::default();
    for (key, value) in keys.iter().zip(values) {
        match serde_wasm_bindgen::from_value::<WorkspaceMeta>(value) {
            Ok(meta) if meta.trashed => listing.trashed.push(meta),
            Ok(meta) => listing.workspaces.push(meta),
            Err(err) => listing.skipped.push(StorageError::CorruptRecord {
                store: WORKSPACES,
                key: key_text(key),
                detail: err.to_string(),
            }),
        }
    }
    listing
        .workspaces
        .sort_by(|a, b| b.saved_ms.total_cmp(&a.saved_ms));
    Ok(listing)
}

/// Saves a workspace in one transaction: metadata, document, and (when given) the dataset,
/// replacing every stored chunk. Either all of it is written or none of it, so a crash or a
/// full disk mid-save leaves the previous version as it was. Also records it as the last
/// open workspace.
pub async fn save_workspace(db: &Database, request: &SaveRequest) -> Result<(), StorageError> {
    let id = &request.meta.id;
    let tx = write_tx(db, &[WORKSPACES, DOCUMENTS, DATASETS, SETTINGS])?;
    {
        let documents = tx.object_store(DOCUMENTS)?;
        documents
            .put(DocumentRowRef {
                id,
                text: &request.document,
            })
            .serde()?;
        if let Some(chunks) = &request.dataset {
            let datasets = tx.object_store(DATASETS)?;
            datasets.delete(keys_of(id)).primitive()?;
            for (n, text) in chunks.iter().enumerate() {
                let chunk = u32::try_from(n).unwrap_or(u32::MAX);
                datasets
                    .put(ChunkRowRef {
                        key: chunk_key(id, chunk),
                        workspace: id,
                        chunk,
                        text,
                    })
                    .serde()?;
            }
        }
        let workspaces = tx.object_store(WORKSPACES)?;
        workspaces.put(&request.meta).serde()?;
        let settings = tx.object_store(SETTINGS)?;
        settings.put(id.as_str()).with_key(LAST_OPEN).primitive()?;
    }
    commit(tx).await
}

/// Reads a workspace's metadata, document and record chunks in one read transaction.
pub async fn read_workspace(db: &Database, id: &str) -> Result<StoredWorkspace, StorageError> {
    let tx = db.transaction([WORKSPACES, DOCUMENTS, DATASETS]).build()?;
    let meta_value: Option<JsValue> = tx
        .object_store(WORKSPACES)?
        .get(id.to_string())
        .primitive()?
        .await?;
    let document: Option<DocumentRow> = tx
        .object_store(DOCUMENTS)?
        .get(id.to_string())
        .serde()?
        .await?;
    let chunks = read_chunks(&tx, DATASETS, id).await?;
    drop(tx);
    let not_found = || StorageError::NotFound {
        store: WORKSPACES,
        key: id.to_string(),
    };
    let meta: WorkspaceMeta = serde_wasm_bindgen::from_value(meta_value.ok_or_else(not_found)?)
        .map_err(|err| StorageError::CorruptRecord {
            store: WORKSPACES,
            key: id.to_string(),
            detail: err.to_string(),
        })?;
    let document = document.ok_or_else(|| StorageError::NotFound {
        store: DOCUMENTS,
        key: id.to_string(),
    })?;
    Ok(StoredWorkspace {
        meta,
        document: document.text,
        chunks: chunks.into_iter().map(|row| row.text).collect(),
    })
}

/// Copies workspace `from` as a new workspace: its document, records, snapshots and their
/// records are re-keyed as stored (nothing is decoded), under the metadata `copy` makes from
/// the stored one, in one transaction: either the whole copy is written or none of it.
pub async fn duplicate_workspace(
    db: &Database,
    from: &str,
    copy: impl FnOnce(WorkspaceMeta) -> WorkspaceMeta,
) -> Result<WorkspaceMeta, StorageError> {
    let tx = write_tx(
        db,
        &[WORKSPACES, DOCUMENTS, DATASETS, SNAPSHOTS, SNAPSHOT_CHUNKS],
    )?;
    let meta = {
        let workspaces = tx.object_store(WORKSPACES)?;
        let value: Option<JsValue> = workspaces.get(from.to_string()).primitive()?.await?;
        let value = value.ok_or_else(|| StorageError::NotFound {
            store: WORKSPACES,
            key: from.to_string(),
        })?;
        let stored: WorkspaceMeta =
            serde_wasm_bindgen::from_value(value).map_err(|err| StorageError::CorruptRecord {
                store: WORKSPACES,
                key: from.to_string(),
                detail: err.to_string(),
            })?;
        let meta = copy(stored);
        let to = meta.id.as_str();
        let documents = tx.object_store(DOCUMENTS)?;
        let document: Option<JsValue> = documents.get(from.to_string()).primitive()?.await?;
        let document = document.ok_or_else(|| StorageError::NotFound {
            store: DOCUMENTS,
            key: from.to_string(),
        })?;
        set_text(&document, "id", to)?;
        documents.put(document).primitive()?;
        // Record chunks, snapshots and snapshot chunks are all keyed `{workspace}/…`.
        for name in [DATASETS, SNAPSHOTS, SNAPSHOT_CHUNKS] {
            let store = tx.object_store(name)?;
            let rows: Vec<JsValue> = store
                .get_all::<JsValue>()
                .with_query(keys_of(from))
                .primitive()?
                .await?
                .collect::<Result<_, _>>()?;
            for row in rows {
                let key = js_sys::Reflect::get(&row, &"key".into())
                    .ok()
                    .and_then(|k| k.as_string())
                    .ok_or_else(|| StorageError::CorruptRecord {
                        store: name,
                        key: format!("{from}/…"),
                        detail: "a row without a text key".into(),
                    })?;
                let rest = key.strip_prefix(from).unwrap_or(&key);
                set_text(&row, "key", &format!("{to}{rest}"))?;
                set_text(&row, "workspace", to)?;
                store.put(row).primitive()?;
            }
        }
        workspaces.put(&meta).serde()?;
        meta
    };
    commit(tx).await?;
    Ok(meta)
}

/// Sets a text field of a row read as a JavaScript object (re-keying without decoding).
pub(crate) fn set_text(row: &JsValue, field: &str, value: &str) -> Result<(), StorageError> {
    js_sys::Reflect::set(row, &field.into(), &value.into())
        .map(|_| ())
        .map_err(|_| StorageError::Other(format!("cannot set `{field}` of a stored row")))
}

/// Replaces a workspace's metadata row only (rename, size refresh).
pub async fn update_meta(db: &Database, meta: &WorkspaceMeta) -> Result<(), StorageError> {
    let tx = write_tx(db, &[WORKSPACES])?;
    tx.object_store(WORKSPACES)?.put(meta).serde()?;
    commit(tx).await
}

/// Moves a workspace to the trash or back. A trashed workspace is not listed, keeps all its
/// data, and is removed for good by [`delete_workspace`].
pub async fn set_trashed(db: &Database, id: &str, trashed: bool) -> Result<(), StorageError> {
    let tx = write_tx(db, &[WORKSPACES])?;
    {
        let store = tx.object_store(WORKSPACES)?;
        let value: Option<JsValue> = store.get(id.to_string()).primitive()?.await?;
        let value = value.ok_or_else(|| StorageError::NotFound {
            store: WORKSPACES,
            key: id.to_string(),
        })?;
        let mut meta: WorkspaceMeta =
            serde_wasm_bindgen::from_value(value).map_err(|err| StorageError::CorruptRecord {
                store: WORKSPACES,
                key: id.to_string(),
                detail: err.to_string(),
            })?;
        meta.trashed = trashed;
        store.put(&meta).serde()?;
    }
    commit(tx).await
}

/// Removes a workspace for good: metadata, document, records, snapshots and their records, in
/// one transaction.
pub async fn delete_workspace(db: &Database, id: &str) -> Result<(), StorageError> {
    let tx = write_tx(
        db,
        &[WORKSPACES, DOCUMENTS, DATASETS, SNAPSHOTS, SNAPSHOT_CHUNKS],
    )?;
    tx.object_store(WORKSPACES)?
        .delete(id.to_string())
        .primitive()?;
    tx.object_store(DOCUMENTS)?
        .delete(id.to_string())
        .primitive()?;
    tx.object_store(DATASETS)?.delete(keys_of(id)).primitive()?;
    tx.object_store(SNAPSHOTS)?
        .delete(keys_of(id))
        .primitive()?;
    tx.object_store(SNAPSHOT_CHUNKS)?
        .delete(keys_of(id))
        .primitive()?;
    commit(tx).await
}

/// The id of the workspace that was open last, if any.
pub async fn last_open(db: &Database) -> Result<Option<String>, StorageError> {
    let tx = db.transaction(SETTINGS).build()?;
    let value: Option<JsValue> = tx
        .object_store(SETTINGS)?
        .get(LAST_OPEN.to_string())
        .primitive()?
        .await?;
    Ok(value.and_then(|v| v.as_string()))
}

/// Records `id` as the open workspace (`None`: none is open).
pub async fn set_last_open(db: &Database, id: Option<&str>) -> Result<(), StorageError> {
    let tx = write_tx(db, &[SETTINGS])?;
    {
        let store = tx.object_store(SETTINGS)?;
        match id {
            Some(id) => {
                store.put(id).with_key(LAST_OPEN).primitive()?;
            }
            None => {
                store.delete(LAST_OPEN.to_string()).primitive()?;
            }
        }
    }
    commit(tx).await
}
