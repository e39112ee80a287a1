//! `rampart_app::storage` against the browser's real IndexedDB. Every test opens its own
//! database so tests cannot see each other's data.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use rampart_app::state::Workspace;
use rampart_app::state::workspace_list::snapshot_into;
use rampart_app::storage::legacy::{self, SnapshotRowV2, WorkspaceRecord};
use rampart_app::storage::{
    self, SaveRequest, SnapshotMeta, SnapshotRecords, StorageError, WorkspaceMeta,
};
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

fn snapshot_meta(key: &str, name: &str, n_records: u64) -> SnapshotMeta {
    SnapshotMeta {
        key: key.into(),
        workspace: key.split('/').next().unwrap().into(),
        name: name.into(),
        taken_ms: 3.0,
        n_records,
        with_data: true,
        bytes: 0,
        n_chunks: 0,
    }
}

/// Rows in `store` whose key starts with `prefix`.
async fn count_rows(db: &indexed_db_futures::database::Database, store: &str, prefix: &str) -> u32 {
    let tx = db.transaction(store).build().unwrap();
    let range = format!("{prefix}/")..format!("{prefix}0");
    let keys: Vec<JsValue> = tx
        .object_store(store)
        .unwrap()
        .get_all_keys::<JsValue>()
        .with_query(range)
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    keys.len() as u32
}

#[wasm_bindgen_test]
async fn a_snapshot_is_listed_and_restores_the_model_and_records_it_kept() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let before = demo(1_000);
    let text = before.to_json(false);
    let (chunks, _) = storage::encode_dataset(&before.model, &before.data);
    let snapshot = storage::put_snapshot(
        &db,
        &snapshot_meta("w1/s1", "before workshop", 1_000),
        &text,
        &SnapshotRecords::Chunks(chunks),
    )
    .await
    .unwrap();
    assert_eq!(snapshot.n_chunks, 1);
    // Another workspace's snapshot is not listed with this one.
    storage::put_snapshot(
        &db,
        &snapshot_meta("w10/s1", "other", 0),
        &text,
        &SnapshotRecords::Chunks(Vec::new()),
    )
    .await
    .unwrap();

    let (list, skipped) = storage::list_snapshots(&db, "w1").await.unwrap();
    assert!(skipped.is_empty());
    assert_eq!(list, std::slice::from_ref(&snapshot));

    // Edit the model (drop every role) and the records, then restore: both come back.
    let mut edited_model = (*before.model).clone();
    edited_model.roles.clear();
    let edited = before
        .with_model(edited_model)
        .with_data(engine::data::Dataset::default());
    let stored = storage::read_snapshot(&db, "w1/s1").await.unwrap();
    assert_eq!(stored.text, text);
    let restored = snapshot_into(&edited, &stored).unwrap();
    assert_eq!(restored.model.roles.len(), before.model.roles.len());
    assert_eq!(restored.to_json(true), before.to_json(true));

    let as_workspace = storage::load_snapshot(&db, "w1/s1", "w1").await.unwrap();
    assert_eq!(as_workspace.to_json(true), before.to_json(true));
}

#[wasm_bindgen_test]
async fn a_snapshot_of_more_than_20000_records_keeps_them_all_and_delete_removes_its_chunks() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let big = demo(45_000);
    let text = big.to_json(false);
    let (chunks, bytes) = storage::encode_dataset(&big.model, &big.data);
    let encoded = storage::put_snapshot(
        &db,
        &snapshot_meta("w1/enc", "encoded", 45_000),
        &text,
        &SnapshotRecords::Chunks(chunks.clone()),
    )
    .await
    .unwrap();
    assert_eq!(encoded.n_chunks, 5);
    assert_eq!(count_rows(&db, "snapshot_chunks", "w1/enc").await, 5);

    // Copying the saved chunks inside IndexedDB gives the same snapshot.
    storage::save_workspace(&db, &request("w1", &big))
        .await
        .unwrap();
    let copied = storage::put_snapshot(
        &db,
        &SnapshotMeta {
            n_chunks: 5,
            bytes,
            ..snapshot_meta("w1/copy", "copied", 45_000)
        },
        &text,
        &SnapshotRecords::CopyStored,
    )
    .await
    .unwrap();
    assert_eq!(copied.n_chunks, 5);
    for key in ["w1/enc", "w1/copy"] {
        let back = storage::load_snapshot(&db, key, "w1").await.unwrap();
        assert_eq!(back.data.records.len(), 45_000, "{key}");
        assert_eq!(back.to_json(true), big.to_json(true), "{key}");
    }
    // Copying when the stored chunks are not the ones expected writes nothing.
    let stale = storage::put_snapshot(
        &db,
        &SnapshotMeta {
            n_chunks: 7,
            ..snapshot_meta("w1/stale", "stale", 45_000)
        },
        &text,
        &SnapshotRecords::CopyStored,
    )
    .await
    .unwrap_err();
    assert!(stale.to_string().contains("not taken"), "{stale}");
    assert_eq!(count_rows(&db, "snapshot_chunks", "w1/stale").await, 0);
    assert_eq!(storage::list_snapshots(&db, "w1").await.unwrap().0.len(), 2);

    // Deleting one snapshot removes its chunks and leaves the other's.
    storage::delete_snapshot(&db, "w1/enc").await.unwrap();
    assert_eq!(count_rows(&db, "snapshot_chunks", "w1/enc").await, 0);
    assert_eq!(count_rows(&db, "snapshot_chunks", "w1/copy").await, 5);
    // Deleting the workspace removes its snapshots and their chunks.
    storage::delete_workspace(&db, "w1").await.unwrap();
    assert_eq!(count_rows(&db, "snapshot_chunks", "w1").await, 0);
    assert_eq!(count_rows(&db, "snapshots", "w1").await, 0);
    assert_eq!(count_rows(&db, "datasets", "w1").await, 0);
}

#[wasm_bindgen_test]
async fn a_snapshot_with_a_missing_or_corrupt_chunk_is_refused_and_named() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let big = demo(15_000);
    let (mut chunks, _) = storage::encode_dataset(&big.model, &big.data);
    chunks[1] = "{garbage".into();
    storage::put_snapshot(
        &db,
        &snapshot_meta("w1/s1", "broken", 15_000),
        &big.to_json(false),
        &SnapshotRecords::Chunks(chunks),
    )
    .await
    .unwrap();
    let err = storage::load_snapshot(&db, "w1/s1", "w1")
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("`snapshot_chunks` at key `w1/s1/000001`"),
        "{err}"
    );
    // A row that is not a snapshot is skipped in the list and named; a missing snapshot is
    // NotFound.
    let foreign = js_sys::Object::new();
    js_sys::Reflect::set(&foreign, &"key".into(), &"w1/odd".into()).unwrap();
    put_raw(&db, "snapshots", foreign.into()).await;
    let (list, skipped) = storage::list_snapshots(&db, "w1").await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0]
            .to_string()
            .contains("`snapshots` at key `w1/odd`")
    );
    let missing = storage::read_snapshot(&db, "w1/none").await.unwrap_err();
    assert!(
        matches!(missing, StorageError::NotFound { .. }),
        "{missing:?}"
    );
}

#[wasm_bindgen_test]
async fn a_database_created_at_version_2_upgrades_with_workspaces_and_snapshots_intact() {
    let name = unique_db_name();
    let small = demo(800);
    let old = legacy::open_v2(&name).await.unwrap();
    storage::save_workspace(&old, &request("w1", &small))
        .await
        .unwrap();
    let rows = [
        // Version 2 kept up to 20,000 records inside the snapshot's JSON…
        SnapshotRowV2 {
            key: "w1/with".into(),
            workspace: "w1".into(),
            name: "v2 approved".into(),
            taken_ms: 4.0,
            n_records: 800,
            with_data: true,
            bytes: 0,
            text: small.to_json(true),
        },
        // …and only the model of larger workspaces.
        SnapshotRowV2 {
            key: "w1/model".into(),
            workspace: "w1".into(),
            name: "before workshop".into(),
            taken_ms: 3.0,
            n_records: 30_000,
            with_data: false,
            bytes: 0,
            text: small.to_json(false),
        },
    ];
    legacy::put_snapshots_v2(&old, &rows).await.unwrap();
    old.close();

    let db = storage::open(&name).await.unwrap();
    assert_eq!(db.version() as u32, storage::DB_VERSION);
    assert_eq!(load(&db, "w1").await.to_json(true), small.to_json(true));
    let (list, skipped) = storage::list_snapshots(&db, "w1").await.unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    let names: Vec<&str> = list.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["v2 approved", "before workshop"]);
    assert_eq!(list[0].n_chunks, 0);

    let with = storage::load_snapshot(&db, "w1/with", "w1").await.unwrap();
    assert_eq!(with.to_json(true), small.to_json(true));
    // The model-only snapshot restores the model and keeps the current records.
    let stored = storage::read_snapshot(&db, "w1/model").await.unwrap();
    let current = demo(2_000);
    let restored = snapshot_into(&current, &stored).unwrap();
    assert_eq!(restored.data.records.len(), 2_000);
    // A snapshot taken after the upgrade keeps its records in chunks next to the old ones.
    let (chunks, _) = storage::encode_dataset(&current.model, &current.data);
    storage::put_snapshot(
        &db,
        &snapshot_meta("w1/new", "after upgrade", 2_000),
        &current.to_json(false),
        &SnapshotRecords::Chunks(chunks),
    )
    .await
    .unwrap();
    assert_eq!(
        storage::load_snapshot(&db, "w1/new", "w1")
            .await
            .unwrap()
            .data
            .records
            .len(),
        2_000
    );
}

#[wasm_bindgen_test]
async fn a_database_created_at_version_1_upgrades_straight_to_the_current_version() {
    let name = unique_db_name();
    let old = legacy::open_v1(&name).await.unwrap();
    legacy::put_workspaces(
        &old,
        &[WorkspaceRecord {
            id: "a".into(),
            title: "First".into(),
            document: demo(0).to_json(true),
            saved_at_ms: 5.0,
        }],
    )
    .await
    .unwrap();
    old.close();
    let db = storage::open(&name).await.unwrap();
    assert_eq!(db.version() as u32, storage::DB_VERSION);
    let names: Vec<String> = db.object_store_names().collect();
    for store in [
        "workspaces",
        "documents",
        "datasets",
        "snapshots",
        "snapshot_chunks",
        "settings",
    ] {
        assert!(names.iter().any(|n| n == store), "{store} in {names:?}");
    }
    // The moved workspace takes snapshots like any other.
    storage::put_snapshot(
        &db,
        &snapshot_meta("a/s", "first snapshot", 0),
        &demo(0).to_json(false),
        &SnapshotRecords::Chunks(Vec::new()),
    )
    .await
    .unwrap();
    assert_eq!(storage::list_snapshots(&db, "a").await.unwrap().0.len(), 1);
}

#[wasm_bindgen_test]
async fn the_storage_estimate_reads_navigator_storage_and_a_stub_replaces_it() {
    // The quota path: the banner shows `navigator.storage.estimate()`; a stub stands in for a
    // nearly full disk.
    let storage_manager = web_sys::window().unwrap().navigator().storage();
    let stub = js_sys::Function::new_no_args(
        "return Promise.resolve({ usage: 49900000, quota: 50000000 });",
    );
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"value".into(), &stub).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Object::define_property(&storage_manager, &"estimate".into(), &descriptor);
    let estimate = storage::estimate().await.unwrap();
    js_sys::Reflect::delete_property(&storage_manager, &"estimate".into()).unwrap();
    assert_eq!(estimate.usage, 49_900_000.0);
    assert_eq!(estimate.quota, 50_000_000.0);
    assert_eq!(
        rampart_app::components::megabytes(estimate.usage),
        "49.9 MB"
    );
    // Without the stub, the browser's own figures come back.
    let real = storage::estimate().await.unwrap();
    assert!(real.quota > 0.0);
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

#[wasm_bindgen_test]
async fn a_duplicate_copies_the_records_and_the_snapshots_and_outlives_the_original() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let original = demo(1_000);
    storage::save_workspace(&db, &request("w1", &original))
        .await
        .unwrap();
    let text = original.to_json(false);
    let (chunks, _) = storage::encode_dataset(&original.model, &original.data);
    storage::put_snapshot(
        &db,
        &snapshot_meta("w1/s1", "before workshop", 1_000),
        &text,
        &SnapshotRecords::Chunks(chunks),
    )
    .await
    .unwrap();

    let copy = storage::duplicate_workspace(&db, "w1", |stored| WorkspaceMeta {
        id: "w2".into(),
        name: format!("{} (copy)", stored.name),
        ..stored
    })
    .await
    .unwrap();
    assert_eq!(copy.name, format!("{} (copy)", original.name));
    assert_eq!(copy.n_records, 1_000);
    let listing = storage::list_workspaces(&db).await.unwrap();
    let ids: Vec<&str> = listing.workspaces.iter().map(|w| w.id.as_str()).collect();
    assert!(ids.contains(&"w1") && ids.contains(&"w2"), "{ids:?}");
    assert_eq!(
        count_rows(&db, "datasets", "w2").await,
        count_rows(&db, "datasets", "w1").await
    );

    // The copy's history has the snapshot, under its own key, with its records.
    let (list, skipped) = storage::list_snapshots(&db, "w2").await.unwrap();
    assert!(skipped.is_empty());
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].key, "w2/s1");
    assert_eq!(list[0].workspace, "w2");
    assert_eq!(list[0].name, "before workshop");
    assert_eq!(count_rows(&db, "snapshot_chunks", "w2").await, 1);

    // Deleting the original for good leaves the copy whole.
    storage::delete_workspace(&db, "w1").await.unwrap();
    assert_eq!(count_rows(&db, "snapshot_chunks", "w1").await, 0);
    assert_eq!(load(&db, "w2").await.to_json(true), original.to_json(true));
    let restored = storage::load_snapshot(&db, "w2/s1", "w2").await.unwrap();
    assert_eq!(restored.to_json(true), original.to_json(true));
}

#[wasm_bindgen_test]
async fn duplicating_a_workspace_that_is_not_there_names_it_and_writes_nothing() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    let err = storage::duplicate_workspace(&db, "nowhere", |stored| stored)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("nowhere"), "{err}");
    assert!(
        storage::list_workspaces(&db)
            .await
            .unwrap()
            .workspaces
            .is_empty()
    );
}
