//! `rampart_app::storage` against the browser's real IndexedDB. Every test opens its own
//! database so tests cannot see each other's data.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use rampart_app::state::Workspace;
use rampart_app::state::workspace_list::snapshot_into;
use rampart_app::storage::legacy::{self, WorkspaceRecord};
use rampart_app::storage::{self, SaveRequest, SnapshotMeta, StorageError, WorkspaceMeta};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn unique_db_name() -> String {
    format!("rampart-test-{}", js_sys::Math::random())
}

fn demo(n_records: usize) -> Workspace {
    let demo = Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).unwrap();
    let data = engine::generate::sample_data_for(&demo.model, 11, n_records);
    demo.with_data(data)
}

fn meta(id: &str, name: &str) -> WorkspaceMeta {
    WorkspaceMeta {
        id: id.to_string(),
        name: name.to_string(),
        created_ms: 1.0,
        saved_ms: js_sys::Date::now(),
        document_bytes: 0,
        dataset_bytes: 0,
        n_records: 0,
        n_chunks: 0,
        trashed: false,
    }
}

fn request(id: &str, workspace: &Workspace) -> SaveRequest {
    let (chunks, bytes) = storage::encode_dataset(&workspace.model, &workspace.data);
    let document = workspace.to_json(false);
    SaveRequest {
        meta: WorkspaceMeta {
            document_bytes: document.len() as u64,
            dataset_bytes: bytes,
            n_records: workspace.data.records.len() as u64,
            n_chunks: chunks.len() as u32,
            ..meta(id, &workspace.name)
        },
        document,
        dataset: Some(chunks),
    }
}

async fn load(db: &indexed_db_futures::database::Database, id: &str) -> Workspace {
    let stored = storage::read_workspace(db, id).await.unwrap();
    let decoded = storage::decode_workspace(id, &stored.document, &stored.chunks).unwrap();
    assert!(decoded.skipped.is_empty());
    decoded.into_workspace()
}

/// Puts a raw JavaScript value into `store` (a row the app did not write).
async fn put_raw(db: &indexed_db_futures::database::Database, store: &str, value: JsValue) {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(store)
        .unwrap()
        .put(value)
        .primitive()
        .unwrap();
    tx.commit().await.unwrap();
}

#[wasm_bindgen_test]
async fn a_workspace_with_records_round_trips_and_becomes_the_last_open() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let workspace = demo(12_000);
    storage::save_workspace(&db, &request("w1", &workspace))
        .await
        .unwrap();
    let back = load(&db, "w1").await;
    assert_eq!(back.to_json(true), workspace.to_json(true));
    assert_eq!(
        storage::last_open(&db).await.unwrap().as_deref(),
        Some("w1")
    );
    let listing = storage::list_workspaces(&db).await.unwrap();
    assert_eq!(listing.workspaces.len(), 1);
    assert_eq!(listing.workspaces[0].n_records, 12_000);
    assert_eq!(listing.workspaces[0].n_chunks, 2);
}

#[wasm_bindgen_test]
async fn saving_fewer_records_leaves_no_stale_chunks_and_a_model_only_save_keeps_them() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    storage::save_workspace(&db, &request("w1", &demo(25_000)))
        .await
        .unwrap();
    let smaller = demo(3_000);
    storage::save_workspace(&db, &request("w1", &smaller))
        .await
        .unwrap();
    assert_eq!(load(&db, "w1").await.data.records.len(), 3_000);

    let mut model_only = request("w1", &smaller);
    model_only.dataset = None;
    model_only.meta.name = "Renamed".into();
    storage::save_workspace(&db, &model_only).await.unwrap();
    assert_eq!(load(&db, "w1").await.data.records.len(), 3_000);
}

#[wasm_bindgen_test]
async fn a_database_created_at_version_1_upgrades_with_its_workspaces_intact() {
    let name = unique_db_name();
    let document = demo(0).to_json(true);
    let old = legacy::open_v1(&name).await.unwrap();
    legacy::put_workspaces(
        &old,
        &[
            WorkspaceRecord {
                id: "a".into(),
                title: "First".into(),
                document: document.clone(),
                saved_at_ms: 5.0,
            },
            WorkspaceRecord {
                id: "b".into(),
                title: "Second".into(),
                document: document.clone(),
                saved_at_ms: 9.0,
            },
        ],
    )
    .await
    .unwrap();
    old.close();

    let db = storage::open(&name).await.unwrap();
    let listing = storage::list_workspaces(&db).await.unwrap();
    assert!(listing.skipped.is_empty(), "{:?}", listing.skipped);
    let names: Vec<&str> = listing.workspaces.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Second", "First"]);
    assert_eq!(listing.workspaces[1].saved_ms, 5.0);
    let stored = storage::read_workspace(&db, "a").await.unwrap();
    assert_eq!(stored.document, document);
    db.close();

    // Opening again finds nothing left to move and changes nothing.
    let db = storage::open(&name).await.unwrap();
    assert_eq!(
        storage::list_workspaces(&db)
            .await
            .unwrap()
            .workspaces
            .len(),
        2
    );
}

#[wasm_bindgen_test]
async fn a_foreign_row_is_skipped_and_named_and_the_others_are_listed() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    storage::save_workspace(&db, &request("good", &demo(0)))
        .await
        .unwrap();
    let foreign = js_sys::Object::new();
    js_sys::Reflect::set(&foreign, &"id".into(), &"odd-one".into()).unwrap();
    js_sys::Reflect::set(&foreign, &"name".into(), &42.into()).unwrap();
    put_raw(&db, "workspaces", foreign.into()).await;

    let listing = storage::list_workspaces(&db).await.unwrap();
    assert_eq!(listing.workspaces.len(), 1);
    assert_eq!(listing.workspaces[0].id, "good");
    assert_eq!(listing.skipped.len(), 1);
    let message = listing.skipped[0].to_string();
    assert!(
        message.contains("`workspaces` at key `odd-one`"),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn a_corrupt_dataset_chunk_is_skipped_and_named_and_the_other_records_load() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let mut saved = request("w1", &demo(15_000));
    if let Some(chunks) = saved.dataset.as_mut() {
        chunks[1] = "{garbage".to_string();
    }
    storage::save_workspace(&db, &saved).await.unwrap();

    let stored = storage::read_workspace(&db, "w1").await.unwrap();
    assert_eq!(stored.chunks.len(), 2);
    let decoded = storage::decode_workspace("w1", &stored.document, &stored.chunks).unwrap();
    assert_eq!(decoded.data.records.len(), 10_000);
    assert_eq!(decoded.skipped.len(), 1);
    assert!(decoded.skipped[0].to_string().contains("`w1/000001`"));
}

#[wasm_bindgen_test]
fn quota_and_abort_exceptions_map_to_their_own_errors() {
    let exception =
        |name: &str| web_sys::DomException::new_with_message_and_name("x", name).unwrap();
    assert_eq!(
        StorageError::from_dom_exception(&exception("QuotaExceededError")),
        StorageError::QuotaExceeded
    );
    assert_eq!(
        StorageError::from_dom_exception(&exception("AbortError")),
        StorageError::Aborted
    );
    let wrapped = indexed_db_futures::error::Error::DomException(
        indexed_db_futures::error::DomException::from(exception("QuotaExceededError")),
    );
    assert_eq!(StorageError::from(wrapped), StorageError::QuotaExceeded);
    assert!(
        StorageError::QuotaExceeded
            .to_string()
            .contains("earlier saves are intact")
    );
}

#[wasm_bindgen_test]
async fn a_save_that_fails_with_a_full_disk_leaves_the_previous_version_intact() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let first = demo(2_000);
    storage::save_workspace(&db, &request("w1", &first))
        .await
        .unwrap();

    let mut second = request("w1", &demo(9_000));
    second.meta.name = "Second".into();
    storage::testing::fail_next_save("QuotaExceededError");
    let err = storage::save_workspace(&db, &second).await.unwrap_err();
    assert_eq!(err, StorageError::QuotaExceeded);

    let back = load(&db, "w1").await;
    assert_eq!(back.to_json(true), first.to_json(true));
    let listing = storage::list_workspaces(&db).await.unwrap();
    assert_eq!(listing.workspaces[0].n_records, 2_000);
}

#[wasm_bindgen_test]
async fn a_snapshot_is_listed_and_restores_the_model_it_kept() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let before = demo(1_000);
    let text = before.to_json(false);
    let snapshot = SnapshotMeta {
        key: "w1/s1".into(),
        workspace: "w1".into(),
        name: "before workshop".into(),
        taken_ms: 3.0,
        n_records: 1_000,
        with_data: false,
        bytes: text.len() as u64,
    };
    storage::put_snapshot(&db, &snapshot, &text).await.unwrap();
    // Another workspace's snapshot is not listed with this one.
    storage::put_snapshot(
        &db,
        &SnapshotMeta {
            key: "w10/s1".into(),
            workspace: "w10".into(),
            ..snapshot.clone()
        },
        &text,
    )
    .await
    .unwrap();

    let (list, skipped) = storage::list_snapshots(&db, "w1").await.unwrap();
    assert!(skipped.is_empty());
    assert_eq!(list, std::slice::from_ref(&snapshot));
    assert_eq!(
        storage::load_snapshot_text(&db, "w1/s1").await.unwrap(),
        text
    );

    // Edit the model (drop every role), then restore: the roles come back, records stay.
    let mut edited_model = (*before.model).clone();
    edited_model.roles.clear();
    let edited = before.with_model(edited_model);
    let restored = snapshot_into(&edited, "w1/s1", &text).unwrap();
    assert_eq!(restored.model.roles.len(), before.model.roles.len());
    assert_eq!(restored.data.records.len(), 1_000);
    assert_eq!(restored.to_json(true), before.to_json(true));

    let as_workspace = storage::load_snapshot(&db, "w1/s1", "w1").await.unwrap();
    assert_eq!(as_workspace.to_json(false), text);
}

#[wasm_bindgen_test]
async fn a_trashed_workspace_is_hidden_restorable_and_then_deleted_with_its_data() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    storage::save_workspace(&db, &request("w1", &demo(500)))
        .await
        .unwrap();
    storage::set_trashed(&db, "w1", true).await.unwrap();
    let listing = storage::list_workspaces(&db).await.unwrap();
    assert!(listing.workspaces.is_empty());
    assert_eq!(listing.trashed.len(), 1);

    storage::set_trashed(&db, "w1", false).await.unwrap();
    assert_eq!(
        storage::list_workspaces(&db)
            .await
            .unwrap()
            .workspaces
            .len(),
        1
    );

    storage::delete_workspace(&db, "w1").await.unwrap();
    let err = storage::read_workspace(&db, "w1").await.unwrap_err();
    assert!(matches!(err, StorageError::NotFound { .. }), "{err:?}");
}
