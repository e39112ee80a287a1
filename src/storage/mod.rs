//! The app's only IndexedDB code: the database schema and its upgrades, saved workspaces,
//! their datasets and named snapshots, and `StorageError`.
//!
//! Everything here is `async` and `!Send` (browser futures); call it from `spawn_local`,
//! `LocalResource` or `Action::new_local`. Each function does its whole transaction before
//! returning, with no non-IndexedDB `.await` inside, because the browser commits a transaction
//! as soon as the event loop idles with no request pending. CPU work (JSON encoding and
//! decoding) happens before a write transaction opens or after a read transaction ends.
//!
//! Schema (version 3):
//!
//! | store             | key                            | holds                                          |
//! |-------------------|--------------------------------|------------------------------------------------|
//! | `workspaces`      | `id`                           | [`WorkspaceMeta`]: name, sizes, last change     |
//! | `documents`       | `id`                           | the model JSON without sample records           |
//! | `datasets`        | `key` = `{id}/{chunk}`         | sample records, 10,000 per row, as JSON text    |
//! | `snapshots`       | `key` = `{id}/{snap}`          | named versions ([`SnapshotMeta`] plus the model JSON without records) |
//! | `snapshot_chunks` | `key` = `{id}/{snap}/{chunk}`  | a snapshot's records, chunked like `datasets`   |
//! | `settings`        | out of line                    | small values such as the last open workspace    |
//!
//! Every step is tested from a database written by the earlier version (`tests/web/storage.rs`):
//!
//! - Version 1 had only `workspaces`, each row holding its whole document. Opening a version-1
//!   database creates the new stores and then moves every version-1 row into the new shape in
//!   one transaction ([`open`]); rows already moved are left alone, so the step is safe to
//!   repeat after a crash.
//! - Version 2 kept a snapshot's records inside its JSON, and only up to 20,000 of them
//!   (larger snapshots were "model only"). Version 3 adds `snapshot_chunks`; version-2
//!   snapshot rows are read as they are, so nothing needs moving.

mod browser;
mod codec;
mod error;
pub mod legacy;
mod snapshots;
mod workspaces;

pub use browser::{StorageEstimate, estimate, persist, persisted};
pub use codec::{
    CHUNK_RECORDS, DecodedWorkspace, decode_dataset, decode_workspace, encode_dataset, wire_data,
    workspace_from_document,
};
pub use error::StorageError;
pub use snapshots::{
    SnapshotMeta, SnapshotRecords, StoredSnapshot, delete_snapshot, list_snapshots, load_snapshot,
    put_snapshot, read_snapshot, snapshot_workspace,
};
pub use workspaces::{
    Listing, SaveRequest, StoredWorkspace, WorkspaceMeta, delete_workspace, duplicate_workspace,
    last_open, list_workspaces, read_workspace, save_workspace, set_last_open, set_trashed,
    update_meta,
};

use std::cell::{Cell, RefCell};

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Name of the app's database.
pub const DB_NAME: &str = "rampart";
/// Schema version; bump it and add a step to [`open`] when the stores change.
pub const DB_VERSION: u32 = 3;

/// Workspace metadata, keyed by id.
pub(crate) const WORKSPACES: &str = "workspaces";
/// Model documents without records, keyed by workspace id.
pub(crate) const DOCUMENTS: &str = "documents";
/// Dataset chunks, keyed by `{workspace id}/{chunk number}`.
pub(crate) const DATASETS: &str = "datasets";
/// Named snapshots, keyed by `{workspace id}/{snapshot id}`.
pub(crate) const SNAPSHOTS: &str = "snapshots";
/// Snapshot record chunks, keyed by `{workspace id}/{snapshot id}/{chunk number}`.
pub(crate) const SNAPSHOT_CHUNKS: &str = "snapshot_chunks";
/// Small settings with out-of-line keys.
pub(crate) const SETTINGS: &str = "settings";

thread_local! {
    /// Set while an upgrade waits for another tab to close its older connection.
    static BLOCKED: Cell<bool> = const { Cell::new(false) };
    /// A failure the next [`save_workspace`] reports after writing, to test that a failed save
    /// leaves the previous version intact (`testing::fail_next_save`).
    static INJECTED_FAILURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whether the last [`open`] had to wait for another tab (its upgrade was blocked).
pub fn was_blocked() -> bool {
    BLOCKED.with(Cell::get)
}

/// Opens (creating or upgrading as needed) the database called `name`, then moves any rows
/// still in the version-1 shape into the version-2 stores (version 3 only adds a store).
///
/// The connection closes itself when another tab needs to upgrade the database, so an
/// upgrade is never blocked by this tab for long.
pub async fn open(name: &str) -> Result<Database, StorageError> {
    BLOCKED.with(|blocked| blocked.set(false));
    let db = Database::open(name)
        .with_version(DB_VERSION)
        .with_on_blocked(|_| {
            BLOCKED.with(|blocked| blocked.set(true));
            Ok(())
        })
        .with_on_upgrade_needed(|event, db| {
            // Versions are small integers, so the conversion from f64 is exact.
            upgrade(&db, event.old_version() as u32, DB_VERSION)
        })
        .await?;
    close_on_version_change(&db);
    legacy::migrate_rows(&db).await?;
    Ok(db)
}

/// Creates the stores of every schema version after `from` up to `to`. Each step is what its
/// release added, never changed afterwards, so [`legacy`] builds an earlier database by
/// stopping early.
fn upgrade(db: &Database, from: u32, to: u32) -> Result<(), indexed_db_futures::error::Error> {
    let step = |version: u32| from < version && version <= to;
    if step(1) {
        db.create_object_store(WORKSPACES)
            .with_key_path("id".into())
            .build()?;
    }
    if step(2) {
        db.create_object_store(DOCUMENTS)
            .with_key_path("id".into())
            .build()?;
        db.create_object_store(DATASETS)
            .with_key_path("key".into())
            .build()?;
        db.create_object_store(SNAPSHOTS)
            .with_key_path("key".into())
            .build()?;
        db.create_object_store(SETTINGS).build()?;
    }
    if step(3) {
        db.create_object_store(SNAPSHOT_CHUNKS)
            .with_key_path("key".into())
            .build()?;
    }
    Ok(())
}

/// Deletes the database called `name` (tests and "forget everything").
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    Database::delete_by_name(name)?.await?;
    Ok(())
}

fn close_on_version_change(db: &Database) {
    let raw: web_sys::IdbDatabase = db.as_sys().unchecked_ref::<web_sys::IdbDatabase>().clone();
    let closer = raw.clone();
    let on_version_change = Closure::<dyn FnMut()>::new(move || closer.close());
    raw.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    // The handler lives as long as the connection; one per opened database.
    on_version_change.forget();
}

/// Runs `store`'s puts in `tx` and commits; a failed commit reports the transaction's own
/// error (a quota failure surfaces here rather than on a request).
pub(crate) async fn commit(
    tx: indexed_db_futures::transaction::Transaction<'_>,
) -> Result<(), StorageError> {
    let raw: web_sys::IdbTransaction = tx
        .as_sys()
        .unchecked_ref::<web_sys::IdbTransaction>()
        .clone();
    if let Some(name) = INJECTED_FAILURE.with(|failure| failure.borrow_mut().take()) {
        // Dropping the transaction rolls it back, exactly as a failed commit does.
        drop(tx);
        let exception =
            web_sys::DomException::new_with_message_and_name("injected failure (tests)", &name)
                .map_err(|_| StorageError::Other("cannot build a DOMException".into()))?;
        return Err(StorageError::from_dom_exception(&exception));
    }
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(err) => Err(match raw.error() {
            Some(exception) => StorageError::from_dom_exception(&exception),
            None => err.into(),
        }),
    }
}

/// Opens a read-write transaction over `stores`.
pub(crate) fn write_tx<'a>(
    db: &'a Database,
    stores: &[&str],
) -> Result<indexed_db_futures::transaction::Transaction<'a>, StorageError> {
    Ok(db
        .transaction(stores.to_vec())
        .with_mode(TransactionMode::Readwrite)
        .build()?)
}

/// Hooks for tests.
pub mod testing {
    use super::INJECTED_FAILURE;

    /// Makes the next commit roll back and fail with a `DOMException` called `name`
    /// (`QuotaExceededError`, `AbortError`, …), as a full disk or a browser abort would.
    pub fn fail_next_save(name: &str) {
        INJECTED_FAILURE.with(|failure| *failure.borrow_mut() = Some(name.to_string()));
    }
}
