//! `rampart_app::storage` against the browser's real IndexedDB. Every test opens its own
//! database so tests cannot see each other's data.

use rampart_app::storage::{self, WorkspaceRecord};
use wasm_bindgen_test::wasm_bindgen_test;

fn unique_db_name() -> String {
    format!("rampart-test-{}", js_sys::Math::random())
}

fn record(id: &str, title: &str) -> WorkspaceRecord {
    WorkspaceRecord {
        id: id.to_string(),
        title: title.to_string(),
        document: format!("{{\"title\":\"{title}\"}}"),
        saved_at_ms: js_sys::Date::now(),
    }
}

#[wasm_bindgen_test]
async fn records_written_in_one_transaction_read_back_after_reopening() {
    let name = unique_db_name();
    let written = vec![
        record("b", "Second"),
        record("a", "First"),
        record("c", "Third"),
    ];

    let db = storage::open(&name).await.unwrap();
    storage::put_workspaces(&db, &written).await.unwrap();
    db.close();

    let db = storage::open(&name).await.unwrap();
    let read = storage::all_workspaces(&db).await.unwrap();
    let mut expected = written;
    expected.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(read, expected);
}

#[wasm_bindgen_test]
async fn putting_an_existing_id_replaces_the_record() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    storage::put_workspaces(&db, &[record("w1", "Draft")])
        .await
        .unwrap();
    storage::put_workspaces(&db, &[record("w1", "Final")])
        .await
        .unwrap();

    let read = storage::all_workspaces(&db).await.unwrap();
    let titles: Vec<&str> = read.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Final"]);
}

#[wasm_bindgen_test]
async fn a_fresh_database_has_no_workspaces() {
    let db = storage::open(&unique_db_name()).await.unwrap();
    assert_eq!(storage::all_workspaces(&db).await.unwrap(), []);
}
