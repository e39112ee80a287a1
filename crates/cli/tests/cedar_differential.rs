//! Differential test of the Cedar export (`engine::cedar`): for generated organisations (several
//! seeds, sizes and settings), the two demo organisations and the shared scenarios without
//! events or variants, the exported policies validate against the exported schema, and Cedar's
//! decision equals `engine::eval::can` for every (user, record, action) of the export's scope.
//! Each test also checks that every access path it expects was the reason for some allow, so
//! that a pass is never vacuous.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request, Schema, ValidationMode,
    Validator,
};
use engine::cedar::{self, ACTIONS};
use engine::data::{Dataset, Record};
use engine::generate::{self, DataParams, OrgParams};
use engine::model::{
    BuId, Hierarchy, HierarchyMinimumDepth, HierarchyModel, ManagerBuScope, Model, Ownership,
    Position, PositionId, RecordId, TableId, UserId,
};
use serde_json::Value;

/// The exported documents loaded into Cedar.
struct CedarSide {
    schema: Schema,
    policies: PolicySet,
    entities: Entities,
}

fn load(model: &Model, data: &Dataset, label: &str) -> CedarSide {
    let export = cedar::export(model, data);
    load_documents(&export.schema, &export.policies, export.entities, label)
}

/// Parses and validates the three documents with Cedar.
fn load_documents(schema: &str, policies: &str, entities: Value, label: &str) -> CedarSide {
    let (schema, warnings) = Schema::from_cedarschema_str(schema)
        .unwrap_or_else(|e| panic!("{label}: schema does not parse: {e:?}"));
    let warnings: Vec<String> = warnings.map(|w| w.to_string()).collect();
    assert!(
        warnings.is_empty(),
        "{label}: schema warnings: {warnings:?}"
    );
    let policies = PolicySet::from_str(policies)
        .unwrap_or_else(|e| panic!("{label}: policies do not parse: {e:?}"));
    let validation = Validator::new(schema.clone()).validate(&policies, ValidationMode::Strict);
    let problems: Vec<String> = validation
        .validation_errors()
        .map(|e| e.to_string())
        .chain(validation.validation_warnings().map(|w| w.to_string()))
        .collect();
    assert!(
        problems.is_empty(),
        "{label}: policies do not validate against the schema: {problems:#?}"
    );
    let entities = Entities::from_json_value(entities, Some(&schema))
        .unwrap_or_else(|e| panic!("{label}: entities do not load: {e:?}"));
    CedarSide {
        schema,
        policies,
        entities,
    }
}

/// Compares Cedar with the engine on every (user, record, action); returns the `@id`s of the
/// policies that allowed something.
fn compare(label: &str, model: &Model, data: &Dataset) -> BTreeSet<String> {
    compare_with(label, model, data, &load(model, data, label))
}

fn compare_with(label: &str, model: &Model, data: &Dataset, side: &CedarSide) -> BTreeSet<String> {
    let authorizer = Authorizer::new();
    let actions: Vec<EntityUid> = ACTIONS
        .iter()
        .map(|v| {
            EntityUid::from_str(&format!("Rampart::Action::\"{}\"", v.as_str()))
                .unwrap_or_else(|e| panic!("{label}: action uid: {e:?}"))
        })
        .collect();
    let uid = |kind: &str, id: &str| {
        EntityUid::from_json(cedar::uid(kind, id))
            .unwrap_or_else(|e| panic!("{label}: uid of {kind} {id}: {e:?}"))
    };
    let users: Vec<EntityUid> = model.users.iter().map(|u| uid("User", &u.name)).collect();
    let records: Vec<EntityUid> = data
        .records
        .iter()
        .map(|r| uid("Record", &r.name))
        .collect();
    let mut fired = BTreeSet::new();
    let mut mismatches = Vec::new();
    let (mut n_allow, mut n_deny) = (0usize, 0usize);
    for (u, principal) in users.iter().enumerate() {
        for (r, resource) in records.iter().enumerate() {
            for (verb, action) in ACTIONS.iter().zip(&actions) {
                let request = Request::new(
                    principal.clone(),
                    action.clone(),
                    resource.clone(),
                    Context::empty(),
                    // The first record's requests are checked against the schema too.
                    (r == 0).then_some(&side.schema),
                )
                .unwrap_or_else(|e| panic!("{label}: request: {e:?}"));
                let response = authorizer.is_authorized(&request, &side.policies, &side.entities);
                let errors: Vec<String> = response
                    .diagnostics()
                    .errors()
                    .map(|e| e.to_string())
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{label}: evaluation errors for {principal} {action} {resource}: {errors:?}"
                );
                let cedar_allows = response.decision() == Decision::Allow;
                let engine_allows = engine::eval::can(
                    model,
                    data,
                    UserId::from_index(u),
                    *verb,
                    RecordId::from_index(r),
                );
                if cedar_allows {
                    n_allow += 1;
                    for id in response.diagnostics().reason() {
                        let name = side
                            .policies
                            .policy(id)
                            .and_then(|p| p.annotation("id"))
                            .unwrap_or("?");
                        fired.insert(name.split('.').next_back().unwrap_or(name).to_string());
                    }
                } else {
                    n_deny += 1;
                }
                if cedar_allows != engine_allows && mismatches.len() < 20 {
                    let explanation = engine::eval::decide(
                        model,
                        data,
                        UserId::from_index(u),
                        &engine::eval::Operation::Record {
                            verb: *verb,
                            record: RecordId::from_index(r),
                        },
                    )
                    .one_line();
                    mismatches.push(format!(
                        "{principal} {action} {resource}: cedar {}, engine {engine_allows} ({explanation})",
                        response.decision() == Decision::Allow
                    ));
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{label}: Cedar and the engine disagree:\n{}",
        mismatches.join("\n")
    );
    assert!(
        data.records.is_empty() || (n_allow > 0 && n_deny > 0),
        "{label}: degenerate case ({n_allow} allows, {n_deny} denies)"
    );
    fired
}

fn expect_paths(label: &str, fired: &BTreeSet<String>, expected: &[&str]) {
    for path in expected {
        assert!(
            fired.contains(*path),
            "{label}: no allow came from the `{path}` policies (fired: {fired:?})"
        );
    }
}

/// Generated data with more sharing than the default, so that shares and inherited access
/// are exercised on small datasets, plus one record of each organization-owned table (small
/// datasets have none: their weight is low).
fn sample(model: &Model, seed: u64, n_records: usize) -> Dataset {
    let mut data = generate::data(
        model,
        &DataParams {
            share_fraction: 0.25,
            value_fraction: 0.0,
            ..DataParams::new(seed, n_records)
        },
    );
    for (t, table) in model.tables.iter().enumerate() {
        if table.ownership == Ownership::Organization {
            data.records.push(Record {
                name: format!("{}_extra", table.name).into(),
                table: TableId::from_index(t),
                owner: None,
                owning_bu: None,
                parents: engine::data::Parents::None,
                values: Default::default(),
            });
        }
    }
    data
}

/// A small generated org: few users keep the number of (user, record, action) triples modest.
fn small_org(seed: u64) -> Model {
    generate::org(&OrgParams {
        users: 16,
        teams: 6,
        ..OrgParams::small(seed)
    })
}

const ALL_PATHS: &[&str] = &[
    "system_administrator",
    "organization_owned",
    "role_depth",
    "ownership",
    "shared",
    "hierarchy",
];

#[test]
fn generated_orgs_agree() {
    let mut fired = BTreeSet::new();
    for seed in 1..=3 {
        let model = small_org(seed);
        let data = sample(&model, seed, 100);
        fired.extend(compare(&format!("seed {seed}"), &model, &data));
    }
    // Another shape: more BUs and tables, fewer records per table, hierarchy two levels deep.
    let model = generate::org(&OrgParams {
        seed: 7,
        business_units: 14,
        users: 16,
        teams: 6,
        tables: 14,
        hierarchy_depth: Some(2),
    });
    let data = sample(&model, 7, 100);
    fired.extend(compare("seed 7, 14 BUs, 14 tables", &model, &data));
    expect_paths("generated orgs", &fired, ALL_PATHS);
}

#[test]
fn generated_orgs_with_alternative_settings_agree() {
    // off, A-1 = Business Unit, A-2 = write on non-direct reports, A-13 = any
    // ancestor, hierarchy on some tables only.
    let mut model = small_org(11);
    let s = &mut model.settings;
    s.team_only_roles_allow_shared_access = false;
    s.basic_includes_org_shares = false;
    s.hierarchy_minimum_depth = HierarchyMinimumDepth::BusinessUnit;
    s.hierarchy_write_non_direct = true;
    s.manager_bu_scope = ManagerBuScope::AnyAncestor;
    s.hierarchy = Some(Hierarchy {
        model: HierarchyModel::Manager,
        depth: 3,
        tables: Some(vec!["account".into(), "contact".into(), "task".into()]),
    });
    let data = sample(&model, 11, 100);
    let fired = compare("alternative settings", &model, &data);
    expect_paths("alternative settings", &fired, ALL_PATHS);

    // Position hierarchy (HIER-9): one position per user, under their manager's position.
    let mut model = small_org(12);
    model.positions = model
        .users
        .iter()
        .map(|u| Position {
            name: format!("pos_{}", u.name),
            parent: u.manager.map(|m| PositionId(m.0)),
        })
        .collect();
    for (i, user) in model.users.iter_mut().enumerate() {
        user.position = Some(PositionId::from_index(i));
    }
    model.settings.hierarchy = Some(Hierarchy {
        model: HierarchyModel::Position,
        depth: 2,
        tables: None,
    });
    let data = sample(&model, 12, 100);
    let fired = compare("position hierarchy", &model, &data);
    expect_paths("position hierarchy", &fired, &["hierarchy"]);
}

/// Modernized BUs: some role assignments are copies from another BU (ROLE-8, MBU-3), some records
/// are owned in a BU other than their owner's (MBU-4).
fn modernize(model: &mut Model, data: &mut Dataset) {
    model.settings.modernized_bu = true;
    model.settings.managers_must_be_in_same_or_parent_bu = false;
    let n_bus = model.bus.len();
    for (i, user) in model.users.iter_mut().enumerate() {
        if i % 3 == 0
            && let Some(a) = user.roles.first_mut()
        {
            a.from_bu = Some(BuId::from_index((i * 5 + 1) % n_bus));
        }
    }
    for (i, team) in model.teams.iter_mut().enumerate() {
        if i % 2 == 0
            && let Some(a) = team.roles.first_mut()
        {
            a.from_bu = Some(BuId::from_index((i * 3 + 2) % n_bus));
        }
    }
    for (i, rec) in data.records.iter_mut().enumerate() {
        if i % 5 == 0 && rec.owning_bu.is_some() {
            rec.owning_bu = Some(BuId::from_index((i * 7) % n_bus));
        }
    }
}

#[test]
fn modernized_business_units_agree() {
    let mut model = small_org(21);
    let mut data = sample(&model, 21, 100);
    modernize(&mut model, &mut data);
    let fired = compare("modernized BUs", &model, &data);
    expect_paths("modernized BUs", &fired, &["role_depth", "ownership"]);

    // A-6 alternative: RecomputeOwnershipAcrossBusinessUnits off.
    let mut model = small_org(22);
    let mut data = sample(&model, 22, 100);
    modernize(&mut model, &mut data);
    model.settings.recompute_ownership_across_bus = Some(false);
    let fired = compare("A-6 alternative", &model, &data);
    expect_paths("A-6 alternative", &fired, &["ownership_in_record_bu"]);
    assert!(!fired.contains("ownership"), "A-6: {fired:?}");
}

/// A demo organisation with its own records, then with generated sample data.
fn demo_org_agrees(demo: &engine::demo::DemoOrg) {
    let scenario = engine::scenario::load(demo.yaml, &|id: &str| {
        Err(format!("demo orgs have no base, asked for `{id}`"))
    })
    .unwrap_or_else(|e| panic!("{}: {e}", demo.id));
    let mut fired = compare(demo.id, &scenario.model, &scenario.data);
    let data = sample(&scenario.model, 3, 60);
    fired.extend(compare(
        &format!("{} with sample data", demo.id),
        &scenario.model,
        &data,
    ));
    expect_paths(demo.id, &fired, &["role_depth", "ownership", "shared"]);
}

#[test]
fn demo_org_department_store_agrees() {
    demo_org_agrees(&engine::demo::DEMO_ORGS[0]);
}

#[test]
fn demo_org_multinational_sales_agrees() {
    demo_org_agrees(&engine::demo::DEMO_ORGS[1]);
}

fn shared_dir() -> PathBuf {
    match std::env::var_os("RAMPART_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/scenarios"),
    }
}

#[test]
fn shared_scenarios_without_events_or_variants_agree() {
    let dir = shared_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let resolve = |id: &str| {
        std::fs::read_to_string(dir.join(format!("{id}.yaml"))).map_err(|e| e.to_string())
    };
    let mut n_compared = 0;
    let mut fired = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        let scenario = engine::scenario::load(&text, &resolve)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let has_variant = scenario
            .checks
            .iter()
            .any(|c| c.get("variant").is_some() || c.get("after").is_some());
        if !scenario.events.is_empty() || has_variant {
            continue;
        }
        fired.extend(compare(&scenario.id, &scenario.model, &scenario.data));
        n_compared += 1;
    }
    assert!(n_compared >= 10, "only {n_compared} scenarios compared");
    expect_paths(
        "shared scenarios",
        &fired,
        &["role_depth", "ownership", "shared", "hierarchy"],
    );
}

#[test]
fn cli_writes_documents_that_cedar_loads_and_that_agree() {
    let dir = shared_dir();
    let out = std::env::temp_dir().join(format!("rampart-cedar-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let file = dir.join("SC-34.yaml");
    let output = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .arg("cedar")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "rampart cedar failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("schema.cedarschema"), "{stdout}");
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let entities: Value = serde_json::from_str(&read("entities.json")).unwrap();
    let side = load_documents(
        &read("schema.cedarschema"),
        &read("policies.cedar"),
        entities,
        "rampart cedar SC-34",
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let scenario = engine::scenario::load(&text, &|id: &str| {
        std::fs::read_to_string(dir.join(format!("{id}.yaml"))).map_err(|e| e.to_string())
    })
    .unwrap();
    compare_with(
        "rampart cedar SC-34",
        &scenario.model,
        &scenario.data,
        &side,
    );
    let _ = std::fs::remove_dir_all(&out);
}
