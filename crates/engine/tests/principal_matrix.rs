//! The access matrix's team and business-unit rows on the default demo org, written to
//! `tests/e2e/fixtures/principal-matrix.json`: the Playwright matrix spec compares every cell
//! it reads on screen with these engine answers.

use engine::model::{BuId, TableId, TeamId, Verb};
use engine::query::{self, DataIndex, MatrixRow};

fn answers() -> serde_json::Value {
    let org = &engine::demo::DEMO_ORGS[0];
    let s = engine::scenario::load(org.yaml, &|_| Err("no base".into())).expect("demo loads");
    let (model, data) = (&s.model, &s.data);
    let index = DataIndex::build(model, data);
    let tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
    let mut rows: Vec<MatrixRow> = (0..model.teams.len())
        .map(|t| MatrixRow::Team(TeamId::from_index(t)))
        .collect();
    rows.extend((0..model.bus.len()).map(|b| MatrixRow::BusinessUnit(BuId::from_index(b))));
    let m = query::principal_matrix(model, data, &index, &rows, &tables);
    let mut teams = serde_json::Map::new();
    let mut bus = serde_json::Map::new();
    for (r, row) in rows.iter().enumerate() {
        let cells: serde_json::Map<String, serde_json::Value> = tables
            .iter()
            .enumerate()
            .map(|(t, table)| {
                (
                    model.table_name(*table).to_string(),
                    m.get(r, t, Verb::Read).into(),
                )
            })
            .collect();
        match row {
            MatrixRow::Team(t) => {
                teams.insert(model.teams[t.index()].name.clone(), cells.into());
            }
            MatrixRow::BusinessUnit(b) => {
                bus.insert(model.bu_name(*b).to_string(), cells.into());
            }
            MatrixRow::User(_) => {}
        }
    }
    serde_json::json!({ "demo": org.id, "verb": "read", "teams": teams, "bus": bus })
}

#[test]
fn e2e_fixture_matches_the_engine() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/e2e/fixtures/principal-matrix.json"
    );
    let answers = answers();
    if std::env::var_os("RAMPART_UPDATE_FIXTURES").is_some() {
        let text = format!("{}\n", serde_json::to_string_pretty(&answers).unwrap());
        std::fs::write(path, text).unwrap();
    }
    let checked_in: serde_json::Value = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    assert!(
        checked_in == answers,
        "tests/e2e/fixtures/principal-matrix.json is out of date with the engine; regenerate it \
         with `RAMPART_UPDATE_FIXTURES=1 cargo test -p engine --test principal_matrix`"
    );
}
