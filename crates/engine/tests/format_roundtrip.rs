//! The `rampart-model` JSON format end to end: lossless round trips (random models and the demo
//! orgs), byte-stable output, the golden demo exports (insta), the checked-in JSON Schema, the
//! version-0 migration, every fatal load error, and `load` never panicking on arbitrary input.

use std::collections::BTreeMap;

use engine::data::{ColumnShare, Dataset, Record, Share};
use engine::format::{self, LoadError, v1};
use engine::model::*;
use engine::scenario;
use engine::validate::Severity;
use proptest::collection::vec;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// A strategy for random, valid models
// ---------------------------------------------------------------------------------------------

/// Raw draws; [`build`] turns them into a model whose references all resolve. Arena names are
/// `<prefix><index>` with fewer than ten items per arena, so id order is arena order and a
/// reload gives back the very same typed ids.
#[derive(Debug, Clone)]
struct Raw {
    name: String,
    settings: RawSettings,
    bu_parents: Vec<u8>,
    tables: Vec<(u8, bool, bool, Vec<String>)>,
    roles: Vec<RawRole>,
    positions: Vec<Option<u8>>,
    users: Vec<RawUser>,
    teams: Vec<RawTeam>,
    templates: Vec<(u8, u8)>,
    profiles: Vec<RawProfile>,
    relationships: Vec<RawRelationship>,
    display_names: Vec<(String, String)>,
    data: Option<RawData>,
}

type RawSettings = (u16, Option<bool>, Option<(bool, u8, Option<Vec<String>>)>);
type RawRelationship = (bool, u8, u8, String, [u8; 6], Option<(u8, u8)>);
type RawRole = (u8, bool, Vec<(u8, [u8; 8])>, Vec<(u8, u8)>, u8);
type RawAssignment = (u8, Option<u8>);
type RawUser = (
    u8,
    Vec<RawAssignment>,
    Option<u8>,
    Option<u8>,
    bool,
    Vec<u8>,
);
type RawTeam = (
    u8,
    u8,
    Vec<u8>,
    Vec<RawAssignment>,
    Option<String>,
    Option<(u8, u8)>,
);
type RawProfile = (Vec<u8>, Vec<u8>, Vec<(u8, String, (bool, bool, bool))>);
type RawRecord = (u8, u8, Option<u8>, Vec<(u8, u8)>, Vec<(String, String)>);

#[derive(Debug, Clone)]
struct RawData {
    records: Vec<RawRecord>,
    shares: Vec<(u8, u8, u8, u8)>,
    column_shares: Vec<(u8, String, u8, bool, bool)>,
}

const MISC: [&str; 4] = [
    "prvExportToExcel",
    "prvSyncToOutlook",
    "prvBulkDelete",
    "prvActOnBehalfOfAnotherUser",
];

fn ident() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,7}"
}

fn any_text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

fn assignment() -> impl Strategy<Value = RawAssignment> {
    (any::<u8>(), proptest::option::of(any::<u8>()))
}

fn raw_data() -> impl Strategy<Value = RawData> {
    (
        vec(
            (
                any::<u8>(),
                any::<u8>(),
                proptest::option::of(any::<u8>()),
                vec((any::<u8>(), any::<u8>()), 0..3),
                vec((ident(), any_text()), 0..3),
            ),
            0..8,
        ),
        vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()), 0..8),
        vec(
            (
                any::<u8>(),
                ident(),
                any::<u8>(),
                any::<bool>(),
                any::<bool>(),
            ),
            0..3,
        ),
    )
        .prop_map(|(records, shares, column_shares)| RawData {
            records,
            shares,
            column_shares,
        })
}

fn raw() -> impl Strategy<Value = Raw> {
    let head = (
        any_text(),
        (
            any::<u16>(),
            proptest::option::of(any::<bool>()),
            proptest::option::of((
                any::<bool>(),
                any::<u8>(),
                proptest::option::of(vec(ident(), 0..3)),
            )),
        ),
        vec(any::<u8>(), 1..7),
        vec(
            (
                any::<u8>(),
                any::<bool>(),
                any::<bool>(),
                vec(ident(), 0..3),
            ),
            0..6,
        ),
        vec(
            (
                any::<u8>(),
                any::<bool>(),
                vec((any::<u8>(), any::<[u8; 8]>()), 0..4),
                vec((any::<u8>(), any::<u8>()), 0..3),
                any::<u8>(),
            ),
            0..6,
        ),
        vec(proptest::option::of(any::<u8>()), 0..4),
    );
    let principals = (
        vec(
            (
                any::<u8>(),
                vec(assignment(), 0..3),
                proptest::option::of(any::<u8>()),
                proptest::option::of(any::<u8>()),
                any::<bool>(),
                vec(any::<u8>(), 0..2),
            ),
            0..7,
        ),
        vec(
            (
                any::<u8>(),
                any::<u8>(),
                vec(any::<u8>(), 0..3),
                vec(assignment(), 0..2),
                proptest::option::of(any_text()),
                proptest::option::of((any::<u8>(), any::<u8>())),
            ),
            0..5,
        ),
    );
    let rest = (
        vec((any::<u8>(), any::<u8>()), 0..3),
        vec(
            (
                vec(any::<u8>(), 0..3),
                vec(any::<u8>(), 0..2),
                vec((any::<u8>(), ident(), any::<(bool, bool, bool)>()), 0..3),
            ),
            0..3,
        ),
        vec(
            (
                any::<bool>(),
                any::<u8>(),
                any::<u8>(),
                ident(),
                any::<[u8; 6]>(),
                proptest::option::of((any::<u8>(), any::<u8>())),
            ),
            0..4,
        ),
        vec((ident(), any_text()), 0..4),
        proptest::option::of(raw_data()),
    );
    (head, principals, rest).prop_map(
        |(
            (name, settings, bu_parents, tables, roles, positions),
            (users, teams),
            (templates, profiles, relationships, display_names, data),
        )| Raw {
            name,
            settings,
            bu_parents,
            tables,
            roles,
            positions,
            users,
            teams,
            templates,
            profiles,
            relationships,
            display_names,
            data,
        },
    )
}

fn pick(raw: u8, n: usize) -> usize {
    usize::from(raw) % n.max(1)
}

fn depth(raw: u8) -> Depth {
    Depth::ALL[pick(raw, 5)]
}

fn cascade(raw: u8) -> Cascade {
    [
        Cascade::All,
        Cascade::Active,
        Cascade::UserOwned,
        Cascade::None,
        Cascade::RemoveLink,
        Cascade::Restrict,
    ][pick(raw, 6)]
}

fn build(raw: &Raw) -> (Model, Option<Dataset>) {
    let mut m = Model {
        name: raw.name.clone(),
        ..Model::default()
    };
    let (bits, recompute, hierarchy) = &raw.settings;
    let bit = |i: u16| bits & (1 << i) != 0;
    m.settings = Settings {
        modernized_bu: bit(0),
        hierarchy: hierarchy
            .as_ref()
            .map(|(position, depth, tables)| Hierarchy {
                model: if *position {
                    HierarchyModel::Position
                } else {
                    HierarchyModel::Manager
                },
                depth: u32::from(*depth),
                tables: tables.clone(),
            }),
        share_to_previous_owner_on_assign: bit(1),
        always_move_record_to_owner_bu: bit(2),
        recompute_ownership_across_bus: *recompute,
        managers_must_be_in_same_or_parent_bu: bit(3),
        do_not_remove_roles_on_change_bu: bit(4),
        assert_ownership_append_to_access: bit(5),
        hierarchy_minimum_depth: if bit(6) {
            HierarchyMinimumDepth::BusinessUnit
        } else {
            HierarchyMinimumDepth::User
        },
        hierarchy_write_non_direct: bit(7),
        manager_bu_scope: if bit(8) {
            ManagerBuScope::AnyAncestor
        } else {
            ManagerBuScope::ImmediateParent
        },
        team_only_roles_allow_shared_access: bit(9),
        many_to_many_rule: if bit(10) {
            ManyToManyRule::AppendAndAppendTo
        } else {
            ManyToManyRule::AppendOnBoth
        },
        basic_includes_org_shares: bit(11),
    };
    for (i, parent) in raw.bu_parents.iter().enumerate() {
        m.bus.push(BusinessUnit {
            name: format!("bu{i}"),
            parent: (i > 0).then(|| BuId::from_index(pick(*parent, i))),
        });
    }
    let n_bus = m.bus.len();
    for (i, (ownership, auto, sensitive, secured)) in raw.tables.iter().enumerate() {
        m.tables.push(Table {
            name: format!("tab{i}"),
            ownership: [
                Ownership::UserOrTeam,
                Ownership::Organization,
                Ownership::BusinessOwned,
                Ownership::Activity,
                Ownership::CustomActivity,
            ][pick(*ownership, 5)],
            auto_create_access_teams: *auto,
            secured_columns: secured.iter().cloned().collect(),
            sensitive: *sensitive,
        });
    }
    let n_tables = m.tables.len();
    for (i, (bu, team_only, privileges, misc, predefined)) in raw.roles.iter().enumerate() {
        let mut sets = BTreeMap::new();
        for (set, depths) in privileges {
            let set = if n_tables == 0 || pick(*set, n_tables + 1) == n_tables {
                PrivSet::Activity
            } else {
                PrivSet::Table(TableId::from_index(pick(*set, n_tables + 1)))
            };
            sets.insert(set, VerbDepths(depths.map(depth)));
        }
        m.roles.push(Role {
            name: format!("role{i}"),
            bu: BuId::from_index(pick(*bu, n_bus)),
            inheritance: if *team_only {
                Inheritance::TeamOnly
            } else {
                Inheritance::Direct
            },
            privileges: sets,
            misc: misc
                .iter()
                .map(|(p, d)| (MISC[pick(*p, MISC.len())].to_string(), depth(*d)))
                .collect(),
            predefined: match predefined % 8 {
                0 => Some(Predefined::SystemAdministrator),
                1 => Some(Predefined::Other { assignable: true }),
                2 => Some(Predefined::Other { assignable: false }),
                _ => None,
            },
        });
    }
    for (i, parent) in raw.positions.iter().enumerate() {
        m.positions.push(Position {
            name: format!("pos{i}"),
            parent: parent.map(|p| PositionId::from_index(pick(p, raw.positions.len()))),
        });
    }
    let n_roles = m.roles.len();
    let assignments = |raw: &[RawAssignment]| -> Vec<RoleAssignment> {
        if n_roles == 0 {
            return Vec::new();
        }
        raw.iter()
            .map(|(role, from)| RoleAssignment {
                role: RoleId::from_index(pick(*role, n_roles)),
                from_bu: from.map(|b| BuId::from_index(pick(b, n_bus))),
            })
            .collect()
    };
    let n_users = raw.users.len();
    for (i, (bu, roles, manager, position, enabled, _)) in raw.users.iter().enumerate() {
        m.users.push(User {
            name: format!("u{i}"),
            bu: BuId::from_index(pick(*bu, n_bus)),
            roles: assignments(roles),
            manager: manager.map(|x| UserId::from_index(pick(x, n_users))),
            position: position
                .filter(|_| !m.positions.is_empty())
                .map(|p| PositionId::from_index(pick(p, raw.positions.len()))),
            field_profiles: Vec::new(),
            enabled: *enabled,
        });
    }
    let n_teams = raw.teams.len();
    for (i, (kind, bu, members, roles, membership_type, _)) in raw.teams.iter().enumerate() {
        m.teams.push(Team {
            name: format!("team{i}"),
            kind: [
                TeamKind::Owner,
                TeamKind::Access,
                TeamKind::Default,
                TeamKind::EntraSecurityGroup,
                TeamKind::EntraOfficeGroup,
            ][pick(*kind, 5)],
            bu: BuId::from_index(pick(*bu, n_bus)),
            members: if n_users == 0 {
                Vec::new()
            } else {
                members
                    .iter()
                    .map(|u| UserId::from_index(pick(*u, n_users)))
                    .collect()
            },
            roles: assignments(roles),
            membership_type: membership_type.clone(),
            record_team: None,
        });
    }
    if n_tables > 0 {
        for (i, (table, rights)) in raw.templates.iter().enumerate() {
            m.templates.push(TeamTemplate {
                name: format!("tpl{i}"),
                table: TableId::from_index(pick(*table, n_tables)),
                rights: Rights(*rights),
            });
        }
        for (i, (users, teams, permissions)) in raw.profiles.iter().enumerate() {
            m.field_profiles.push(FieldProfile {
                name: format!("fsp{i}"),
                users: users
                    .iter()
                    .filter(|_| n_users > 0)
                    .map(|u| UserId::from_index(pick(*u, n_users)))
                    .collect(),
                teams: teams
                    .iter()
                    .filter(|_| n_teams > 0)
                    .map(|t| TeamId::from_index(pick(*t, n_teams)))
                    .collect(),
                permissions: permissions
                    .iter()
                    .map(|(t, column, (read, create, update))| {
                        (
                            (TableId::from_index(pick(*t, n_tables)), column.clone()),
                            ColumnPermission {
                                read: *read,
                                create: *create,
                                update: *update,
                            },
                        )
                    })
                    .collect(),
            });
        }
        for (i, (many, parent, child, lookup, actions, tables)) in
            raw.relationships.iter().enumerate()
        {
            let table = |x: u8| TableId::from_index(pick(x, n_tables));
            let kind = if *many {
                RelationshipKind::ManyToMany {
                    tables: tables.map(|(a, b)| (table(a), table(b))),
                }
            } else {
                RelationshipKind::OneToMany {
                    parent: table(*parent),
                    child: table(*child),
                    lookup: lookup.clone(),
                    cascade: CascadeConfig {
                        assign: cascade(actions[0]),
                        share: cascade(actions[1]),
                        unshare: cascade(actions[2]),
                        reparent: cascade(actions[3]),
                        delete: cascade(actions[4]),
                        merge: cascade(actions[5]),
                    },
                }
            };
            m.relationships.push(Relationship {
                name: format!("rel{i}"),
                kind,
            });
        }
    }
    let n_profiles = m.field_profiles.len();
    for (user, (.., profiles)) in m.users.iter_mut().zip(&raw.users) {
        if n_profiles > 0 {
            user.field_profiles = profiles
                .iter()
                .map(|p| FieldProfileId::from_index(pick(*p, n_profiles)))
                .collect();
        }
    }
    m.display_names = raw.display_names.iter().cloned().collect();

    let data = raw.data.as_ref().filter(|_| n_tables > 0).map(|raw_data| {
        let n_principals = n_users + n_teams;
        let principal = |x: u8, organization: bool| -> Option<Principal> {
            let n = n_principals + usize::from(organization);
            if n == 0 {
                return None;
            }
            let i = pick(x, n);
            Some(if i < n_users {
                Principal::User(UserId::from_index(i))
            } else if i < n_principals {
                Principal::Team(TeamId::from_index(i - n_users))
            } else {
                Principal::Organization
            })
        };
        let mut d = Dataset::default();
        let n_records = raw_data.records.len();
        let n_relationships = m.relationships.len();
        for (i, (table, owner, bu, parents, values)) in raw_data.records.iter().enumerate() {
            d.records.push(Record {
                name: format!("rec{i}").into(),
                table: TableId::from_index(pick(*table, n_tables)),
                owner: principal(*owner, false),
                owning_bu: bu.map(|b| BuId::from_index(pick(b, n_bus))),
                parents: if n_relationships == 0 {
                    engine::data::Parents::None
                } else {
                    parents
                        .iter()
                        .map(|(r, p)| {
                            (
                                RelationshipId::from_index(pick(*r, n_relationships)),
                                RecordId::from_index(pick(*p, n_records)),
                            )
                        })
                        .collect()
                },
                values: values.iter().cloned().collect(),
            });
        }
        if n_records > 0 {
            for (record, who, rights, inherited) in &raw_data.shares {
                if let Some(principal) = principal(*who, true) {
                    d.shares
                        .entry(RecordId::from_index(pick(*record, n_records)))
                        .or_default()
                        .push(Share {
                            principal,
                            rights: Rights(*rights),
                            inherited: Rights(*inherited),
                        });
                }
            }
            for (record, column, who, read, update) in &raw_data.column_shares {
                if let Some(principal) = principal(*who, true) {
                    d.column_shares.push(ColumnShare {
                        record: RecordId::from_index(pick(*record, n_records)),
                        column: column.clone(),
                        principal,
                        read: *read,
                        update: *update,
                    });
                }
            }
            if !m.templates.is_empty() {
                let n_templates = m.templates.len();
                for (team, (.., record_team)) in m.teams.iter_mut().zip(&raw.teams) {
                    team.record_team = record_team.map(|(t, r)| {
                        (
                            TemplateId::from_index(pick(t, n_templates)),
                            RecordId::from_index(pick(r, n_records)),
                        )
                    });
                }
            }
        }
        d
    });
    (m, data)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// `load(save(m)) == m` and `save` is byte-stable, for random models with and without data.
    #[test]
    fn round_trip_is_lossless_and_byte_stable(raw in raw()) {
        let (model, data) = build(&raw);
        let text = format::save(&model, data.as_ref());
        let (loaded, loaded_data, _issues) = format::load(&text).expect("a saved model loads");
        prop_assert_eq!(&loaded, &model);
        prop_assert_eq!(&loaded_data, &data);
        prop_assert_eq!(format::save(&loaded, loaded_data.as_ref()), text.clone());
        prop_assert_eq!(format::canonicalize(&text).expect("canonical"), text);
    }

    /// `load` never panics on arbitrary text.
    #[test]
    fn load_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = format::load(&text);
    }

    /// `load` never panics on JSON-looking token soup.
    #[test]
    fn load_never_panics_on_json_token_soup(tokens in vec(prop_oneof![
        Just("{"), Just("}"), Just("["), Just("]"), Just(":"), Just(","), Just("\"format\""),
        Just("\"rampart-model\""), Just("\"version\""), Just("1"), Just("0"), Just("-1"),
        Just("1e999"), Just("null"), Just("true"), Just("\"users\""), Just("\"bu\""),
        Just("\"roles\""), Just("\"privileges\""), Just("\"x\""), Just("\"\\u0000\""),
    ], 0..60)) {
        let _ = format::load(&tokens.concat());
    }

    /// Any JSON value in any envelope field is refused or loaded, never a panic.
    #[test]
    fn load_never_panics_on_wrong_types(
        field in prop_oneof![
            Just("name"), Just("settings"), Just("business_units"), Just("users"), Just("teams"),
            Just("roles"), Just("tables"), Just("relationships"), Just("positions"),
            Just("team_templates"), Just("field_security_profiles"), Just("display_names"),
            Just("data"), Just("lint_suppressions"), Just("pinned_checks"), Just("version"),
        ],
        value in json_value(),
        version in 0u64..3,
    ) {
        let mut doc = serde_json::json!({"format": "rampart-model", "version": version});
        doc[field] = value;
        let _ = format::load(&doc.to_string());
    }

    /// Random edits of a valid document (the demo org) are refused or loaded, never a panic;
    /// what loads saves and reloads.
    #[test]
    fn load_never_panics_on_mutated_valid_json(
        edits in vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>(), 0usize..40), 1..6)
    ) {
        let mut bytes = demo_json(0).into_bytes();
        for (at, kind, byte, len) in edits {
            let i = at.index(bytes.len().max(1)).min(bytes.len());
            match kind {
                0 => { bytes.drain(i..(i + len).min(bytes.len())); }
                1 => bytes.insert(i, b"{}[]\":,0aZ\\ \n"[usize::from(byte) % 13]),
                2 => if i < bytes.len() { bytes[i] = byte; },
                _ => bytes.truncate(i),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok((model, data, _)) = format::load(&text) {
            let saved = format::save(&model, data.as_ref());
            prop_assert!(format::load(&saved).is_ok());
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "\\PC{0,8}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("bu0")),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            vec(("[a-z_]{1,8}", inner), 0..4)
                .prop_map(|entries| serde_json::Value::Object(entries.into_iter().collect())),
        ]
    })
}

// ---------------------------------------------------------------------------------------------
// The demo organisations
// ---------------------------------------------------------------------------------------------

fn demo_scenario(i: usize) -> scenario::Scenario {
    let demo = &engine::demo::DEMO_ORGS[i];
    scenario::load(demo.yaml, &|id| Err(format!("no base `{id}`"))).expect("demo loads")
}

fn demo_json(i: usize) -> String {
    format::to_string(&format::from_scenario(&demo_scenario(i)))
}

#[test]
fn demo_orgs_round_trip_byte_identical_and_clean() {
    for (i, demo) in engine::demo::DEMO_ORGS.iter().enumerate() {
        let text = demo_json(i);
        let doc = format::parse(&text).expect("parses");
        assert_eq!(format::to_string(&doc), text, "{}: parse → write", demo.id);
        let (model, data, issues) = format::load(&text).expect("loads");
        assert!(issues.is_empty(), "{}: {issues:#?}", demo.id);
        let mut again = format::to_wire(&model, data.as_ref());
        again.pinned_checks = doc.pinned_checks.clone();
        again.events = doc.events.clone();
        assert_eq!(format::to_string(&again), text, "{}: load → save", demo.id);
        let (model2, data2, _) = format::load(&format::to_string(&again)).expect("reloads");
        assert_eq!(model2, model);
        assert_eq!(data2, data);
    }
}

#[test]
fn demo_orgs_keep_their_checks_pinned() {
    for (i, demo) in engine::demo::DEMO_ORGS.iter().enumerate() {
        let scenario = demo_scenario(i);
        let doc = format::from_scenario(&scenario);
        assert_eq!(
            doc.pinned_checks.len(),
            scenario.checks.len(),
            "{}",
            demo.id
        );
        assert!(
            doc.pinned_checks
                .iter()
                .all(|c| c.get("op").is_some() || c.get("assert").is_some())
        );
    }
}

/// The converted model keeps every scenario object: same counts, same names.
#[test]
fn demo_orgs_convert_every_object() {
    for i in 0..engine::demo::DEMO_ORGS.len() {
        let scenario = demo_scenario(i);
        let (model, data, _) = format::load(&demo_json(i)).expect("loads");
        let data = data.expect("the demo carries data");
        let names = |v: Vec<&str>| {
            let mut v: Vec<String> = v.into_iter().map(str::to_string).collect();
            v.sort();
            v
        };
        assert_eq!(
            names(model.users.iter().map(|u| u.name.as_str()).collect()),
            names(
                scenario
                    .model
                    .users
                    .iter()
                    .map(|u| u.name.as_str())
                    .collect()
            )
        );
        assert_eq!(model.roles.len(), scenario.model.roles.len());
        assert_eq!(model.teams.len(), scenario.model.teams.len());
        assert_eq!(data.records.len(), scenario.data.records.len());
        let n_shares = |d: &Dataset| d.shares.values().map(Vec::len).sum::<usize>();
        assert_eq!(n_shares(&data), n_shares(&scenario.data));
    }
}

#[test]
fn golden_demo_department_store() {
    insta::assert_snapshot!("demo_department_store", demo_json(0));
}

#[test]
fn golden_demo_multinational_sales() {
    insta::assert_snapshot!("demo_multinational_sales", demo_json(1));
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

#[test]
fn checked_in_schema_matches_the_wire_types() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/rampart-model-v1.schema.json"
    );
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == format::schema_json(),
        "schema/rampart-model-v1.schema.json is out of date with engine::format::v1; \
         regenerate it with `cargo run -p cli -- schema > schema/rampart-model-v1.schema.json`"
    );
}

#[test]
fn schema_is_draft_2020_12_and_pins_the_envelope() {
    let schema: serde_json::Value = serde_json::from_str(&format::schema_json()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["format"]["const"], "rampart-model");
    assert_eq!(schema["properties"]["version"]["const"], 1);
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(required, ["format", "version"]);
}

// ---------------------------------------------------------------------------------------------
// Fatal load errors and the migration
// ---------------------------------------------------------------------------------------------

const MINIMAL: &str = r#"{"format": "rampart-model", "version": 1,
  "business_units": {"root": {}},
  "roles": {"R": {"bu": "root", "privileges": {"account": {"read": "org"}}}},
  "tables": {"account": {"ownership": "user_or_team"}},
  "users": {"U1": {"bu": "root", "roles": ["R"]}},
  "teams": {"root": {"type": "default", "bu": "root"}}}"#;

#[test]
fn minimal_document_loads_clean() {
    let (model, data, issues) = format::load(MINIMAL).unwrap();
    assert!(issues.is_empty(), "{issues:#?}");
    assert!(data.is_none());
    assert_eq!(model.users[0].name, "U1");
    let account = PrivSet::Table(TableId(0));
    assert_eq!(model.roles[0].depth(account, Verb::Read), Depth::Org);
}

#[test]
fn not_json_reports_line_and_column() {
    let err = format::load("{\n  \"format\": \"rampart-model\",\n  oops\n}").unwrap_err();
    match &err {
        LoadError::Syntax { line, column, .. } => assert_eq!((*line, *column), (3, 3)),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("not JSON: "), "{err}");
    assert!(err.to_string().ends_with("at line 3, column 3"), "{err}");
}

#[test]
fn empty_input_is_not_json() {
    assert!(matches!(format::load(""), Err(LoadError::Syntax { .. })));
}

#[test]
fn wrong_shape_names_the_json_path() {
    let text = MINIMAL.replace(r#""roles": ["R"]"#, r#""roles": "R""#);
    let err = format::load(&text).unwrap_err();
    match &err {
        LoadError::Shape { path, line, .. } => {
            assert_eq!(path, "users.U1.roles");
            assert_eq!(*line, Some(5));
        }
        other => panic!("expected a shape error, got {other:?}"),
    }
    assert!(
        err.to_string().starts_with("users.U1.roles: invalid type"),
        "{err}"
    );
}

#[test]
fn unknown_field_is_a_shape_error_listing_the_expected_ones() {
    let text = MINIMAL.replace(r#"{"bu": "root", "roles": ["R"]}"#, r#"{"buu": "root"}"#);
    let err = format::load(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("users.U1.buu: unknown field `buu`, expected one of `bu`, `roles`"),
        "{err}"
    );
}

#[test]
fn wrong_depth_token_is_a_shape_error() {
    let text = MINIMAL.replace(r#""read": "org""#, r#""read": "global""#);
    let err = format::load(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("roles.R.privileges.account.read: unknown variant `global`"),
        "{err}"
    );
}

#[test]
fn relationship_type_is_checked() {
    let text = MINIMAL.replace(
        r#""users": "#,
        r#""relationships": {"x": {"type": "one_to_one", "parent": "account", "child": "account"}}, "users": "#,
    );
    let err = format::load(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("relationships.x.type: unknown variant `one_to_one`, expected `one_to_many` or `many_to_many`"),
        "{err}"
    );
}

#[test]
fn wrong_format_is_not_a_model() {
    let err = format::load(r#"{"format": "cedar-policy", "version": 1}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a rampart-model document: `format` is `\"cedar-policy\"`, expected `\"rampart-model\"`"
    );
    let err = format::load(r#"{"users": {}}"#).unwrap_err();
    assert!(matches!(err, LoadError::NotAModel { .. }), "{err}");
    let err = format::load("[1, 2]").unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a rampart-model document: the document is an array, not an object"
    );
}

#[test]
fn newer_version_asks_to_update_rampart() {
    let err = format::load(r#"{"format": "rampart-model", "version": 3}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this file is rampart-model version 3; this Rampart reads up to version 1: update Rampart"
    );
}

#[test]
fn missing_or_odd_version_is_a_shape_error() {
    let err = format::load(r#"{"format": "rampart-model"}"#).unwrap_err();
    assert_eq!(err.to_string(), "version: missing field `version`");
    let err = format::load(r#"{"format": "rampart-model", "version": "1"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "version: expected a version number, found `\"1\"`"
    );
}

#[test]
fn input_over_64_mib_is_refused() {
    let text = " ".repeat(format::MAX_INPUT_BYTES + 1);
    let err = format::load(&text).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }));
    assert!(err.to_string().contains("up to 64 MiB"), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!(
        r#"{{"format": "rampart-model", "version": 1, "pinned_checks": [{}{}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(format::load(&text).is_err());
}

#[test]
fn byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{MINIMAL}");
    assert!(format::load(&text).is_ok());
}

#[test]
fn duplicate_json_keys_are_issues_not_silent_overwrites() {
    let text = MINIMAL.replace(
        r#""users": {"U1": {"bu": "root", "roles": ["R"]}}"#,
        r#""users": {"U1": {"bu": "root", "roles": ["R"]}, "U1": {"bu": "nowhere"}}"#,
    );
    let (model, _, issues) = format::load(&text).unwrap();
    assert_eq!(model.users.len(), 1);
    assert_eq!(
        model.users[0].roles.len(),
        1,
        "the first definition is kept"
    );
    let issue = issues
        .iter()
        .find(|i| i.path == "users.U1")
        .expect("reported");
    assert_eq!(issue.message, "duplicate id `U1` in `users`");
    assert_eq!(issue.severity, Severity::Error);
}

const VERSION_0: &str = r#"{"format": "rampart-model", "version": 0,
  "business_units": {"root": {}},
  "tables": {"account": {"ownership": "user_or_team"}, "contact": {"ownership": "user_or_team"}},
  "roles": {"R": {"bu": "root", "privileges": [
    {"table": "account", "verb": "read", "depth": "bu"},
    {"table": "account", "verb": "write", "depth": "user"},
    {"table": "account", "verb": "read", "depth": "user"},
    {"table": "contact", "verb": "read", "depth": "none"},
    {"table": "activity", "verb": "create", "depth": "org"}
  ]}},
  "users": {"U1": {"bu": "root", "roles": ["R"]}},
  "teams": {"root": {"type": "default", "bu": "root"}}}"#;

#[test]
fn version_0_privilege_rows_migrate_to_version_1() {
    let doc = format::parse(VERSION_0).unwrap();
    assert_eq!(doc.version, 1);
    let role = doc.roles.get("R").unwrap();
    let account = role.privileges.get("account").unwrap();
    assert_eq!(
        account.read,
        Some(v1::Depth::Bu),
        "the deeper of two rows wins (ROLE-4)"
    );
    assert_eq!(account.write, Some(v1::Depth::User));
    assert_eq!(
        role.privileges.get("contact"),
        Some(&v1::VerbDepths::default())
    );
    assert_eq!(
        role.privileges.get("activity").unwrap().create,
        Some(v1::Depth::Org)
    );

    let (model, _, issues) = format::load(VERSION_0).unwrap();
    assert!(issues.is_empty(), "{issues:#?}");
    assert_eq!(
        model.roles[0].depth(PrivSet::Activity, Verb::Create),
        Depth::Org
    );

    let canonical = format::canonicalize(VERSION_0).unwrap();
    assert!(canonical.contains("\"version\": 1,"));
    assert!(canonical.contains("\"read\": \"bu\""));
}

#[test]
fn version_0_bad_row_names_its_path() {
    let text = VERSION_0.replace(r#""verb": "write", "depth": "user""#, r#""verb": "write""#);
    let err = format::load(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "roles.R.privileges[1].depth: missing or non-text `depth` in a privilege row (while upgrading from version 0)"
    );
}

// ---------------------------------------------------------------------------------------------
// Canonical form
// ---------------------------------------------------------------------------------------------

#[test]
fn canonical_form_is_sorted_pretty_and_ends_with_a_newline() {
    let text = format::canonicalize(MINIMAL).unwrap();
    assert!(text.ends_with("}\n"));
    assert!(text.contains("\n  \"format\": \"rampart-model\",\n  \"version\": 1,\n"));
    assert_eq!(format::canonicalize(&text).unwrap(), text);
}

#[test]
fn canonical_form_drops_none_depths_and_orders_rights() {
    let text = MINIMAL.replace(
        r#""read": "org""#,
        r#""read": "org", "delete": "none""#,
    ).replace(
        r#""users": "#,
        r#""team_templates": {"T": {"table": "account", "rights": ["share", "read", "read"]}}, "users": "#,
    );
    let canonical = format::canonicalize(&text).unwrap();
    assert!(!canonical.contains("\"delete\""));
    assert!(
        canonical.contains("\"rights\": [\n        \"read\",\n        \"share\"\n      ]"),
        "{canonical}"
    );
}

#[test]
fn role_copies_round_trip_as_objects() {
    let text = MINIMAL
        .replace(r#""business_units": {"root": {}}"#, r#""business_units": {"root": {}, "eu": {"parent": "root"}}, "settings": {"modernized_bu": true}"#)
        .replace(r#""roles": ["R"]"#, r#""roles": ["R", {"role": "R", "from_bu": "eu"}]"#)
        .replace(r#""teams": {"root": {"type": "default", "bu": "root"}}"#, r#""teams": {"root": {"type": "default", "bu": "root"}, "eu": {"type": "default", "bu": "eu"}}"#);
    let (model, _, issues) = format::load(&text).unwrap();
    assert!(issues.is_empty(), "{issues:#?}");
    assert_eq!(model.users[0].roles[1].from_bu, Some(BuId(0)));
    let saved = format::save(&model, None);
    assert!(
        saved.contains("\"role\": \"R\",\n          \"from_bu\": \"eu\""),
        "{saved}"
    );
}

#[test]
fn checksum_is_checked_on_load() {
    let text = demo_json(0);
    let doc = format::parse(&text).expect("parses");
    let signed = format::to_string_with_checksum(&doc);
    let (_, _, issues) = format::load(&signed).expect("loads");
    assert!(
        !issues
            .iter()
            .any(|i| i.code == engine::validate::IssueCode::Checksum),
        "{issues:?}"
    );
    let tampered = signed.replacen(
        "\"bu_store_leeds\": {",
        "\"bu_store_leeds\": {\n      \"parent\": \"bu_south\",",
        1,
    );
    let tampered = tampered.replacen(
        "\"parent\": \"bu_south\",\n      \"parent\": \"bu_north\"",
        "\"parent\": \"bu_south\"",
        1,
    );
    let (_, _, issues) = format::load(&tampered).expect("loads");
    assert!(
        issues
            .iter()
            .any(|i| i.code == engine::validate::IssueCode::Checksum),
        "edited file is flagged"
    );
}
