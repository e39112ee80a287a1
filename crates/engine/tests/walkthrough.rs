//! Walkthroughs in the `rampart-model` format, and the answers the app must show for the demo
//! walkthroughs (written to `tests/e2e/fixtures/walkthrough-answers.json`, which the Playwright
//! walkthrough spec compares against what it reads on screen).

use engine::format::{self, v1};
use engine::model::{Depth, Verb};
use engine::query::DataIndex;
use engine::walkthrough::{self, Question, Step, Walkthrough};

fn sample() -> Walkthrough {
    Walkthrough {
        title: "Workshop".into(),
        steps: vec![
            Step {
                question: Question::See {
                    user: "U1".into(),
                    table: "account".into(),
                    verb: Verb::Read,
                },
                note: "start here".into(),
            },
            Step {
                question: Question::Why {
                    user: "U1".into(),
                    verb: Verb::Write,
                    record: "A1".into(),
                },
                note: String::new(),
            },
            Step {
                question: Question::Who {
                    record: "A1".into(),
                    verb: Verb::Read,
                },
                note: String::new(),
            },
            Step {
                question: Question::WhatIf {
                    role: "R".into(),
                    table: "account".into(),
                    verb: Verb::Read,
                    depth: Depth::Bu,
                },
                note: String::new(),
            },
            Step {
                question: Question::WhatIfMisc {
                    role: "R".into(),
                    privilege: "prvExportToExcel".into(),
                    depth: Depth::None,
                },
                note: "export".into(),
            },
        ],
    }
}

const MINIMAL: &str =
    r#"{"format": "rampart-model", "version": 1, "business_units": {"root": {}}}"#;

#[test]
fn a_walkthrough_round_trips_through_the_document_byte_identically() {
    let mut doc = format::parse(MINIMAL).expect("parses");
    doc.walkthrough = format::walkthrough_to_wire(&sample());
    let text = format::to_string(&doc);
    assert!(text.contains("\"ask\": \"what_if_misc\""), "{text}");
    let back = format::parse(&text).expect("reads back");
    assert_eq!(format::to_string(&back), text);
    let steps = format::walkthrough_from_wire(back.walkthrough.as_ref().expect("kept"));
    assert_eq!(steps, sample());
}

#[test]
fn documents_without_a_walkthrough_load_and_write_none() {
    let doc = format::parse(MINIMAL).expect("older files load");
    assert!(doc.walkthrough.is_none());
    assert!(!format::to_string(&doc).contains("walkthrough"));
    assert_eq!(format::walkthrough_to_wire(&Walkthrough::default()), None);
}

#[test]
fn an_unknown_question_kind_names_its_path() {
    let text = r#"{"format": "rampart-model", "version": 1, "business_units": {"root": {}},
        "walkthrough": {"steps": [{"ask": "guess", "user": "U1"}]}}"#;
    let err = format::parse(text).expect_err("refused").to_string();
    assert!(err.contains("walkthrough.steps[0]"), "{err}");
}

#[test]
fn the_schema_describes_the_walkthrough() {
    let schema: serde_json::Value = serde_json::from_str(&format::schema_json()).unwrap();
    assert!(schema["properties"]["walkthrough"].is_object());
    let text = format::schema_json();
    for kind in ["see", "why", "who", "what_if", "what_if_misc"] {
        assert!(text.contains(&format!("\"{kind}\"")), "schema lacks {kind}");
    }
    let _ = v1::VERSION;
}

/// The expected answers of every demo walkthrough, as the app shows them with names visible.
fn demo_answers() -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for org in engine::demo::DEMO_ORGS {
        let scenario = engine::scenario::load(org.yaml, &|_| Err("no base".into())).unwrap();
        let index = DataIndex::build(&scenario.model, &scenario.data);
        let walk = walkthrough::demo_walkthrough(org.id).expect("every demo has one");
        let names = walkthrough::Pseudonyms::new(&scenario.model);
        let steps: Vec<serde_json::Value> = walk
            .steps
            .iter()
            .map(|step| {
                let a = walkthrough::answer(&scenario.model, &scenario.data, &index, step)
                    .expect("answers");
                serde_json::json!({
                    "kind": step.question.kind(),
                    "question": a.question,
                    "headline": a.headline,
                    "outcome": a.outcome.map(|o| o.as_str()),
                    "figures": a.figures.iter().map(|(l, n)| serde_json::json!([l, n])).collect::<Vec<_>>(),
                    "first_line": a.lines.first(),
                    "question_hidden": names.apply(&a.question),
                })
            })
            .collect();
        out.insert(
            org.id.to_string(),
            serde_json::json!({ "title": walk.title, "steps": steps }),
        );
    }
    // The live what-if the presenter spec makes in the role grid: store staff's contact Read
    // from Business Unit down to User.
    let org = &engine::demo::DEMO_ORGS[0];
    let scenario = engine::scenario::load(org.yaml, &|_| Err("no base".into())).unwrap();
    let index = DataIndex::build(&scenario.model, &scenario.data);
    let step = Step {
        question: Question::WhatIf {
            role: "role_store_staff".into(),
            table: "contact".into(),
            verb: Verb::Read,
            depth: Depth::User,
        },
        note: String::new(),
    };
    let a = walkthrough::answer(&scenario.model, &scenario.data, &index, &step).unwrap();
    out.insert(
        "effect".to_string(),
        serde_json::json!({
            "demo": org.id,
            "role": "role_store_staff",
            "table": "contact",
            "verb": "Read",
            "headline": a.headline,
            "figures": a.figures.iter().map(|(l, n)| serde_json::json!([l, n])).collect::<Vec<_>>(),
        }),
    );
    serde_json::Value::Object(out)
}

#[test]
fn e2e_fixture_matches_the_engine() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/e2e/fixtures/walkthrough-answers.json"
    );
    let answers = demo_answers();
    if std::env::var_os("RAMPART_UPDATE_FIXTURES").is_some() {
        let text = format!("{}\n", serde_json::to_string_pretty(&answers).unwrap());
        std::fs::write(path, text).unwrap();
    }
    // Compared as JSON values: key order depends on whether a dependency of the workspace
    // turns on serde_json's `preserve_order` (cedar-policy does), not on the answers.
    let checked_in: serde_json::Value = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    assert!(
        checked_in == answers,
        "tests/e2e/fixtures/walkthrough-answers.json is out of date with the engine; regenerate it \
         with `RAMPART_UPDATE_FIXTURES=1 cargo test -p engine --test walkthrough`"
    );
}
