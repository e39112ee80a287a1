//! The app's only IndexedDB code: the database schema and its upgrades, saved workspaces, and
//! `StorageError`.
//!
//! Everything here is `async` and `!Send` (browser futures); call it from `spawn_local`,
//! `LocalResource` or `Action::new_local`. Each function does its whole transaction before
//! returning, with no non-IndexedDB `.await` inside, because the browser commits a transaction
//! as soon as the event loop idles with no request pending.

mod error;

pub use error::StorageError;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};

/// Name of the app's database.
pub const DB_NAME: &str = "rampart";
/// Schema version; bump it and add a step to `upgrade` when the stores change.
const DB_VERSION: u32 = 1;
/// Object store of saved workspaces, keyed by `WorkspaceRecord::id`.
const WORKSPACES: &str = "workspaces";

/// A workspace as kept in the browser: one model document and when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// Opens (creating or upgrading as needed) the database called `name`.
pub async fn open(name: &str) -> Result<Database, StorageError> {
    let db = Database::open(name)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|event, db| {
            // Versions are small integers, so the conversion from f64 is exact.
            let old_version = event.old_version() as u32;
            if old_version < 1 {
                db.create_object_store(WORKSPACES)
                    .with_key_path("id".into())
                    .build()?;
            }
            Ok(())
        })
        .await?;
    Ok(db)
}

/// Saves `records` in one transaction: either all are written or none is.
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
    // Transactions roll back when dropped; only an explicit commit writes.
    tx.commit().await?;
    Ok(())
}

/// Every saved workspace, in key order.
pub async fn all_workspaces(db: &Database) -> Result<Vec<WorkspaceRecord>, StorageError> {
    let tx = db.transaction(WORKSPACES).build()?;
    let store = tx.object_store(WORKSPACES)?;
    let records = store.get_all::<WorkspaceRecord>().serde()?.await?;
    records
        .map(|record| {
            record.map_err(|err| StorageError::CorruptRecord {
                store: WORKSPACES,
                detail: err.to_string(),
            })
        })
        .collect()
}
