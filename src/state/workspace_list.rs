//! Actions of the Workspaces view: start a workspace (demo, empty, imported), switch, rename,
//! duplicate, delete with undo, and named snapshots (take, list, restore).
//!
//! Each action goes through [`Persist`] and `storage`; failures come back as text for the view
//! to show, and no action loses saved data when it fails.

use std::sync::Arc;

use engine::format::{self, v1};
use engine::validate::Issue;
use leptos::prelude::*;

use super::persist::{Persist, new_id, now_ms};
use super::{AppState, Workspace};
use crate::storage::{
    self, SnapshotMeta, SnapshotRecords, StorageError, StoredSnapshot, WorkspaceMeta,
};

/// The open workspace's snapshots, newest first, with the rows that could not be read; read
/// again after every save and storage change. The version history lists them and the Diff view
/// compares them.
pub type SnapshotList = Result<(Vec<SnapshotMeta>, Vec<StorageError>), String>;

/// Reads [`SnapshotList`] for the open workspace.
pub fn open_snapshots(app: AppState, persist: Persist) -> LocalResource<SnapshotList> {
    let open_id = Memo::new(move |_| app.workspace.with(|w| w.as_ref().map(|w| w.id.clone())));
    LocalResource::new(move || {
        persist.revision.track();
        persist.mode.track();
        let id = open_id.get();
        async move {
            match (id, persist.db()) {
                (Some(id), Some(db)) => storage::list_snapshots(&db, &id)
                    .await
                    .map_err(|e| e.to_string()),
                _ => Ok((Vec::new(), Vec::new())),
            }
        }
    })
}

/// A new model, with id `id`, holding only a root business unit named after the organisation
/// and the System Administrator role.
pub fn empty_workspace(id: &str, org_name: &str) -> Workspace {
    let org_name = org_name.trim();
    let org_name = if org_name.is_empty() {
        "New organisation"
    } else {
        org_name
    };
    let mut doc = v1::Document::new();
    doc.name = org_name.to_string();
    let root = "bu_root".to_string();
    doc.business_units
        .insert(root.clone(), v1::BusinessUnit { parent: None });
    doc.display_names.insert(root.clone(), org_name.to_string());
    doc.roles.insert(
        "SystemAdministrator",
        v1::Role {
            bu: root,
            inheritance: v1::Inheritance::Direct,
            privileges: Default::default(),
            misc: Default::default(),
            predefined: Some(v1::Predefined::SystemAdministrator),
        },
    );
    doc.display_names
        .insert("SystemAdministrator".into(), "System Administrator".into());
    storage::workspace_from_document(id, doc).0
}

/// Parses pasted or uploaded JSON into a new workspace. A fatal problem is an error with its
/// message (line and column where known); everything else comes back as issues.
pub fn import_json(text: &str) -> Result<(Workspace, Vec<Issue>), format::LoadError> {
    Workspace::from_json(new_id(), text)
}

/// Opens saved workspace `id`, saving the open one first.
pub async fn switch_to(persist: Persist, app: AppState, id: &str) -> Result<(), StorageError> {
    persist.flush().await;
    let workspace = persist.load(id).await?;
    app.open(workspace);
    if let Some(db) = persist.db() {
        storage::set_last_open(&db, Some(id)).await?;
    }
    persist
        .status
        .set(super::persist::SaveStatus::Saved { at_ms: now_ms() });
    Ok(())
}

/// Renames a workspace: the open one through an undoable change, others in storage.
pub async fn rename(
    persist: Persist,
    app: AppState,
    meta: &WorkspaceMeta,
    name: &str,
) -> Result<(), StorageError> {
    let name = name.trim().to_string();
    if name.is_empty() || name == meta.name {
        return Ok(());
    }
    let is_open = app
        .workspace
        .with_untracked(|w| w.as_ref().is_some_and(|w| w.id == meta.id));
    if is_open {
        app.change(format!("Rename workspace to “{name}”"), |w| Workspace {
            name: name.clone(),
            ..w.clone()
        });
        persist.flush().await;
        return Ok(());
    }
    let db = persist.db().ok_or(StorageError::Unavailable)?;
    storage::update_meta(
        &db,
        &WorkspaceMeta {
            name,
            ..meta.clone()
        },
    )
    .await?;
    persist.revision.update(|r| *r += 1);
    Ok(())
}

/// Copies a saved workspace (document, records and snapshots, as stored) under a new id and
/// name.
pub async fn duplicate(persist: Persist, meta: &WorkspaceMeta) -> Result<String, StorageError> {
    persist.flush().await;
    let db = persist.db().ok_or(StorageError::Unavailable)?;
    let now = now_ms();
    let copy = storage::duplicate_workspace(&db, &meta.id, |stored| WorkspaceMeta {
        id: new_id(),
        name: format!("{} (copy)", stored.name),
        created_ms: now,
        saved_ms: now,
        trashed: false,
        ..stored
    })
    .await?;
    persist.session_ids.update(|ids| {
        ids.insert(copy.id.clone());
    });
    persist.revision.update(|r| *r += 1);
    Ok(copy.id)
}

/// Moves a workspace to the trash (closing it if it is open); [`undo_delete`] brings it back
/// until [`purge`] removes it for good.
pub async fn delete(persist: Persist, app: AppState, id: &str) -> Result<bool, StorageError> {
    let was_open = app
        .workspace
        .with_untracked(|w| w.as_ref().is_some_and(|w| w.id == id));
    if was_open {
        persist.close().await;
    }
    let db = persist.db().ok_or(StorageError::Unavailable)?;
    storage::set_trashed(&db, id, true).await?;
    persist.announce("deleted", id);
    persist.revision.update(|r| *r += 1);
    Ok(was_open)
}

/// Brings a deleted workspace back (and reopens it when it was open).
pub async fn undo_delete(
    persist: Persist,
    app: AppState,
    id: &str,
    reopen: bool,
) -> Result<(), StorageError> {
    let db = persist.db().ok_or(StorageError::Unavailable)?;
    storage::set_trashed(&db, id, false).await?;
    persist.revision.update(|r| *r += 1);
    if reopen {
        switch_to(persist, app, id).await?;
    }
    Ok(())
}

/// Removes a deleted workspace for good.
pub async fn purge(persist: Persist, id: &str) -> Result<(), StorageError> {
    let db = persist.db().ok_or(StorageError::Unavailable)?;
    storage::delete_workspace(&db, id).await?;
    persist.forget_saved(id);
    Ok(())
}

/// Takes a named snapshot of the open workspace (saving it first): the model, checks,
/// suppressions and every record. Records already saved are copied inside IndexedDB; records
/// not saved yet (a failed save) are encoded anew.
pub async fn take_snapshot(
    persist: Persist,
    app: AppState,
    name: &str,
) -> Result<SnapshotMeta, StorageError> {
    let workspace = app
        .workspace
        .get_untracked()
        .ok_or(StorageError::NotFound {
            store: "workspaces",
            key: "(none open)".into(),
        })?;
    persist.flush().await;
    let db = persist.db().ok_or(StorageError::Unavailable)?;
    let text = workspace.to_json(false);
    let (records, n_chunks, record_bytes) = match persist.stored_records(&workspace) {
        Some((n_chunks, bytes)) => (SnapshotRecords::CopyStored, n_chunks, bytes),
        None => {
            let (chunks, bytes) = storage::encode_dataset(&workspace.model, &workspace.data);
            let n = u32::try_from(chunks.len()).unwrap_or(u32::MAX);
            (SnapshotRecords::Chunks(chunks), n, bytes)
        }
    };
    let taken_ms = now_ms();
    let name = match name.trim() {
        "" => format!("Snapshot {}", super::persist::clock(taken_ms)),
        name => name.to_string(),
    };
    let meta = SnapshotMeta {
        key: format!("{}/{}", workspace.id, new_id()),
        workspace: workspace.id.clone(),
        name,
        taken_ms,
        n_records: workspace.data.records.len() as u64,
        with_data: true,
        bytes: text.len() as u64 + record_bytes,
        n_chunks,
    };
    let meta = storage::put_snapshot(&db, &meta, &text, &records).await?;
    persist.revision.update(|r| *r += 1);
    Ok(meta)
}

/// Restores snapshot `meta` into the open workspace as one undoable change. A version-2
/// snapshot taken without records keeps the current records.
pub async fn restore_snapshot(
    persist: Persist,
    app: AppState,
    meta: &SnapshotMeta,
) -> Result<(), StorageError> {
    let db = persist.db().ok_or(StorageError::Unavailable)?;
    let stored = storage::read_snapshot(&db, &meta.key).await?;
    let Some(current) = app.workspace.get_untracked() else {
        return Ok(());
    };
    let restored = snapshot_into(&current, &stored)?;
    app.change(format!("Restore snapshot “{}”", meta.name), |_| {
        restored
    });
    Ok(())
}

/// `current` with the model, checks, suppressions and records of snapshot `stored`. Id and
/// name stay the current ones. A snapshot kept without records (schema version 2, more than
/// 20,000 records) keeps the current records, re-read against the restored model.
pub fn snapshot_into(
    current: &Workspace,
    stored: &StoredSnapshot,
) -> Result<Workspace, StorageError> {
    if stored.meta.with_data {
        let mut restored = storage::snapshot_workspace(stored, &current.id)?;
        restored.name = current.name.clone();
        return Ok(restored);
    }
    let key = &stored.meta.key;
    let mut doc = format::parse(&stored.text).map_err(|err| StorageError::CorruptRecord {
        store: "snapshots",
        key: key.to_string(),
        detail: err.to_string(),
    })?;
    if !current.data.records.is_empty() {
        // Records refer to the model by position; re-read them with the restored model.
        doc.data = Some(storage::wire_data(&current.model, &current.data));
    }
    let (mut restored, _) = storage::workspace_from_document(&current.id, doc);
    restored.name = current.name.clone();
    if restored.data.records.is_empty() && current.data.records.is_empty() {
        restored.data = Arc::clone(&current.data);
        restored.index = Arc::clone(&current.index);
    }
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_workspace_has_a_root_named_after_the_org_and_only_system_administrator() {
        let workspace = empty_workspace("w1", "Contoso");
        assert_eq!(workspace.name, "Contoso");
        assert_eq!(workspace.model.bus.len(), 1);
        assert_eq!(workspace.model.roles.len(), 1);
        assert!(workspace.model.roles[0].is_system_administrator());
        let text = workspace.to_json(true);
        assert!(text.contains("\"bu_root\": \"Contoso\""), "{text}");
        let errors: Vec<_> = workspace
            .issues()
            .into_iter()
            .filter(|i| i.severity == engine::validate::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    fn stored(text: String, chunks: Vec<String>, with_data: bool) -> StoredSnapshot {
        StoredSnapshot {
            meta: SnapshotMeta {
                key: "w/s".into(),
                workspace: "w".into(),
                name: "s".into(),
                taken_ms: 0.0,
                n_records: 0,
                with_data,
                bytes: 0,
                n_chunks: u32::try_from(chunks.len()).unwrap_or(u32::MAX),
            },
            text,
            chunks,
        }
    }

    #[test]
    fn restoring_a_version_2_snapshot_without_records_keeps_the_current_records() {
        let demo = Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo");
        let before = stored(demo.to_json(false), Vec::new(), false);
        let data = engine::generate::sample_data_for(&demo.model, 3, 500);
        let current = demo.with_data(data);
        let restored = snapshot_into(&current, &before).expect("restores");
        assert_eq!(restored.data.records.len(), 500);
        assert_eq!(restored.to_json(true), current.to_json(true));
    }

    #[test]
    fn restoring_a_snapshot_brings_back_its_records_exactly_even_none() {
        let demo = Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo");
        let many = demo.with_data(engine::generate::sample_data_for(&demo.model, 3, 25_000));
        let (chunks, _) = storage::encode_dataset(&many.model, &many.data);
        let snapshot = stored(many.to_json(false), chunks, true);
        let current = demo.with_data(engine::data::Dataset::default());
        let restored = snapshot_into(&current, &snapshot).expect("restores");
        assert_eq!(restored.data.records.len(), 25_000);
        assert_eq!(restored.to_json(true), many.to_json(true));

        // A snapshot of a workspace without records restores to none.
        let empty = stored(current.to_json(false), Vec::new(), true);
        let back = snapshot_into(&many, &empty).expect("restores");
        assert!(back.data.records.is_empty());
    }

    #[test]
    fn a_snapshot_with_an_unreadable_chunk_is_not_restored_in_part() {
        let demo = Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo");
        let many = demo.with_data(engine::generate::sample_data_for(&demo.model, 3, 15_000));
        let (mut chunks, _) = storage::encode_dataset(&many.model, &many.data);
        chunks[1] = "{broken".into();
        let err =
            snapshot_into(&demo, &stored(many.to_json(false), chunks, true)).expect_err("refused");
        assert!(
            err.to_string()
                .contains("`snapshot_chunks` at key `w/s/000001`"),
            "{err}"
        );
    }
}
