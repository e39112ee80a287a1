//! Tests of the generators: determinism, sizes, and the invariants every dataset keeps.

use std::collections::HashSet;

use super::*;
use crate::data::Dataset;
use crate::eval::{Operation, Outcome, decide};
use crate::model::{
    Model, Ownership, Principal, RecordId, RelationshipKind, TeamKind, UserId, Verb,
};

fn small_org() -> Model {
    org(&OrgParams::small(7))
}

/// Every record's owner, BU and parents are consistent with the model (BU-7, CASC-1).
#[track_caller]
fn check_dataset(model: &Model, data: &Dataset) {
    let mut names = HashSet::new();
    for (i, rec) in data.records.iter().enumerate() {
        assert!(
            names.insert(rec.name.as_str()),
            "duplicate name {}",
            rec.name
        );
        let table = &model.tables[rec.table.index()];
        match table.ownership {
            Ownership::Organization => {
                assert_eq!(rec.owner, None, "{}", rec.name);
                assert_eq!(rec.owning_bu, None, "{}", rec.name);
            }
            Ownership::BusinessOwned => {
                assert_eq!(rec.owner, None, "{}", rec.name);
                assert!(rec.owning_bu.unwrap().index() < model.bus.len());
            }
            _ => {
                let owner = rec
                    .owner
                    .unwrap_or_else(|| panic!("{} has no owner", rec.name));
                match owner {
                    Principal::User(u) => assert!(u.index() < model.users.len()),
                    Principal::Team(t) => {
                        let team = &model.teams[t.index()];
                        assert!(team.kind.holds_roles() && team.kind != TeamKind::Default);
                    }
                    Principal::Organization => panic!("{} owned by the organization", rec.name),
                }
                assert_eq!(rec.owning_bu, model.principal_bu(owner), "{}", rec.name);
            }
        }
        for (rel, parent) in &rec.parents {
            let RelationshipKind::OneToMany {
                parent: parent_table,
                child,
                ..
            } = &model.relationships[rel.index()].kind
            else {
                panic!("{} links through an N:N relationship", rec.name);
            };
            assert_eq!(*child, rec.table, "{}", rec.name);
            assert_ne!(parent.index(), i, "{} is its own parent", rec.name);
            assert_eq!(
                data.records[parent.index()].table,
                *parent_table,
                "{}",
                rec.name
            );
        }
    }
    for (record, shares) in &data.shares {
        let rec = &data.records[record.index()];
        for share in shares {
            assert_ne!(
                Some(share.principal),
                rec.owner,
                "{} shared with its owner",
                rec.name
            );
            assert!(!share.rights.is_empty());
        }
    }
    for share in &data.column_shares {
        let rec = &data.records[share.record.index()];
        assert!(
            model.tables[rec.table.index()]
                .secured_columns
                .contains(&share.column)
        );
    }
}

#[test]
fn org_is_deterministic() {
    assert_eq!(small_org(), small_org());
    assert_ne!(small_org(), org(&OrgParams::small(8)));
    let params = OrgParams::benchmark(3);
    assert_eq!(org(&params), org(&params));
}

#[test]
fn data_is_deterministic() {
    let model = small_org();
    let params = DataParams::new(11, 5_000);
    assert_eq!(data(&model, &params), data(&model, &params));
    assert_ne!(
        data(&model, &params),
        data(&model, &DataParams::new(12, 5_000))
    );
}

/// FNV-1a over every record's name, owner, BU and parents and every share, formatted by hand
/// so that the digest depends only on the generated values.
fn digest(model: &Model, data: &Dataset) -> u64 {
    let mut text = String::new();
    for rec in &data.records {
        let owner = rec.owner.map_or("-", |o| model.principal_name(o));
        let bu = rec.owning_bu.map_or(u32::MAX, |b| b.0);
        text.push_str(&format!("{} {owner} {bu}", rec.name));
        for (rel, parent) in &rec.parents {
            text.push_str(&format!(" {}:{}", rel.0, parent.0));
        }
        for (column, value) in &rec.values {
            text.push_str(&format!(" {column}={value}"));
        }
        text.push('\n');
    }
    let mut shared: Vec<_> = data.shares.iter().collect();
    shared.sort_by_key(|(r, _)| **r);
    for (record, shares) in shared {
        for share in shares {
            text.push_str(&format!(
                "{} {} {}\n",
                record.0,
                model.principal_name(share.principal),
                share.rights.0
            ));
        }
    }
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Pins the generators' output so that a change to the algorithm (or a platform difference)
/// shows up here rather than as a silently different benchmark org.
#[test]
fn output_is_pinned() {
    let model = small_org();
    let data = data(&model, &DataParams::new(5, 1_000));
    let first = &data.records[0];
    let line = format!(
        "{} | {} | {} | {} | {:?} | {:016x}",
        model.name,
        model.users[5].name,
        first.name,
        model.principal_name(first.owner.unwrap()),
        first.values,
        digest(&model, &data)
    );
    assert_eq!(
        line,
        "Helix Energy (generated, seed 7) | u_aisha_chen_005 | acc-000000 | team_sales_utrecht_00 \
         | {\"address1_city\": \"Sao Paulo\", \"name\": \"Kingsway Architects Ltd\"} \
         | b754bcbb106f4dff"
    );
}

#[test]
fn org_has_the_requested_sizes() {
    let model = org(&OrgParams::benchmark(1));
    assert_eq!(model.bus.len(), 50);
    assert_eq!(model.users.len(), 1_000);
    let defaults = model
        .teams
        .iter()
        .filter(|t| t.kind == TeamKind::Default)
        .count();
    assert_eq!(defaults, 50, "a default team per BU (BU-4)");
    assert_eq!(model.teams.len() - defaults, 200);
    let tables: Vec<&str> = model.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        tables,
        [
            "account",
            "contact",
            "opportunity",
            "incident",
            "annotation",
            "task",
            "lead",
            "product",
            "email",
            "phonecall"
        ]
    );
    assert!(model.teams.iter().any(|t| t.kind == TeamKind::Access));
    assert!(model.settings.hierarchy.is_some());
    assert!(!model.field_profiles.is_empty());
    assert_eq!(
        model
            .users
            .iter()
            .filter(|u| u
                .roles
                .iter()
                .any(|a| model.roles[a.role.index()].is_system_administrator()))
            .count(),
        2
    );
}

#[test]
fn org_structure_is_valid() {
    for params in [
        OrgParams::small(1),
        OrgParams::benchmark(2),
        OrgParams {
            seed: 3,
            business_units: 1,
            users: 1,
            teams: 0,
            tables: 1,
            hierarchy_depth: None,
        },
        OrgParams {
            seed: 4,
            business_units: 300,
            users: 50,
            teams: 500,
            tables: 20,
            hierarchy_depth: Some(3),
        },
    ] {
        let model = org(&params);
        assert_eq!(model.bus.len(), params.business_units);
        assert_eq!(model.users.len(), params.users);
        assert_eq!(model.tables.len(), params.tables);
        assert_eq!(model.teams.len(), params.teams + params.business_units);
        let root = model.root_bu();
        assert_eq!(model.bus.iter().filter(|b| b.parent.is_none()).count(), 1);
        for (i, bu) in model.bus.iter().enumerate() {
            assert!(
                model.bu_in_subtree(crate::model::BuId::from_index(i), root),
                "{}",
                bu.name
            );
        }
        let mut names = HashSet::new();
        for name in model
            .bus
            .iter()
            .map(|b| &b.name)
            .chain(model.users.iter().map(|u| &u.name))
            .chain(model.roles.iter().map(|r| &r.name))
            .chain(model.tables.iter().map(|t| &t.name))
            .chain(model.relationships.iter().map(|r| &r.name))
        {
            assert!(names.insert(name.clone()), "duplicate id {name}");
        }
        let team_names: HashSet<&str> = model.teams.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(team_names.len(), model.teams.len());
        for (i, user) in model.users.iter().enumerate() {
            // Managers sit in the same BU or one above (HIER-2), and chains end.
            let mut steps = 0;
            let mut current = UserId::from_index(i);
            while let Some(manager) = model.users[current.index()].manager {
                assert_ne!(manager, current);
                steps += 1;
                assert!(steps <= model.users.len(), "manager cycle at {}", user.name);
                current = manager;
            }
            if let Some(manager) = user.manager {
                let manager_bu = model.users[manager.index()].bu;
                assert!(model.bu_in_subtree(user.bu, manager_bu), "{}", user.name);
            }
        }
        for role in &model.roles {
            for (set, depths) in &role.privileges {
                if let crate::model::PrivSet::Table(t) = set {
                    let ownership = model.tables[t.index()].ownership;
                    assert!(Verb::ALL.iter().all(|v| ownership.allows(depths.get(*v))));
                }
            }
        }
        for team in &model.teams {
            if !team.kind.holds_roles() {
                assert!(
                    team.roles.is_empty(),
                    "{} is an access team with roles",
                    team.name
                );
            }
        }
    }
}

#[test]
fn data_has_the_requested_size() {
    let model = small_org();
    for n in [0, 1, 7, 100, 10_000] {
        let data = data(&model, &DataParams::new(1, n));
        assert_eq!(data.records.len(), n);
        check_dataset(&model, &data);
    }
}

#[test]
fn data_is_realistic() {
    let model = org(&OrgParams::benchmark(1));
    let data = data(&model, &DataParams::new(1, 50_000));
    check_dataset(&model, &data);
    let count = |table: &str| {
        let id = model.name_index().tables[table];
        data.records.iter().filter(|r| r.table == id).count()
    };
    assert!(count("contact") > 2 * count("account"));
    assert!(count("product") > 0 && count("product") < count("account"));
    let team_owned = data
        .records
        .iter()
        .filter(|r| matches!(r.owner, Some(Principal::Team(_))))
        .count();
    assert!(
        team_owned > 5_000 && team_owned < 25_000,
        "{team_owned} team-owned"
    );
    let with_parent = data
        .records
        .iter()
        .filter(|r| !r.parents.is_empty())
        .count();
    assert!(with_parent > 25_000, "{with_parent} with a parent");
    let n_shares: usize = data.shares.values().map(Vec::len).sum();
    assert!(n_shares > 500 && n_shares < 2_000, "{n_shares} shares");
    assert!(
        data.shares
            .values()
            .flatten()
            .any(|s| s.principal == Principal::Organization)
    );
    assert!(!data.column_shares.is_empty());
    // The owners spread over most BUs.
    let bus: HashSet<_> = data.records.iter().filter_map(|r| r.owning_bu).collect();
    assert!(bus.len() > 40, "{} BUs own records", bus.len());
}

#[test]
fn sample_data_fills_the_demo_orgs() {
    for demo in crate::demo::DEMO_ORGS {
        let scenario = crate::scenario::load(demo.yaml, &|id| Err(format!("no base `{id}`")))
            .unwrap_or_else(|e| panic!("{}: {e}", demo.id));
        let model = &scenario.model;
        let data = sample_data_for(model, 42, 20_000);
        assert_eq!(data.records.len(), 20_000);
        check_dataset(model, &data);
        // Every table gets records and every relationship is used.
        for (i, table) in model.tables.iter().enumerate() {
            assert!(
                data.records.iter().any(|r| r.table.index() == i),
                "{}: no {} records",
                demo.id,
                table.name
            );
        }
        for (i, rel) in model.relationships.iter().enumerate() {
            if matches!(rel.kind, RelationshipKind::OneToMany { .. }) {
                assert!(
                    data.records
                        .iter()
                        .any(|r| r.parents.iter().any(|(x, _)| x.index() == i)),
                    "{}: {} unused",
                    demo.id,
                    rel.name
                );
            }
        }
        assert_eq!(data, sample_data_for(model, 42, 20_000));
    }
}

#[test]
fn generated_data_can_be_decided() {
    let model = org(&OrgParams::benchmark(1));
    let data = data(&model, &DataParams::new(1, 20_000));
    let mut outcomes = [0usize; 2];
    for i in 0..500 {
        let user = UserId::from_index(i * 7 % model.users.len());
        let record = RecordId::from_index(i * 37 % data.records.len());
        let verdict = decide(
            &model,
            &data,
            user,
            &Operation::Record {
                verb: Verb::Read,
                record,
            },
        );
        match verdict.outcome {
            Outcome::Allow => outcomes[0] += 1,
            Outcome::Deny => outcomes[1] += 1,
            other => panic!("unexpected {other:?}: {}", verdict.summary),
        }
    }
    // Accounts are readable by all; much else is not: both answers occur.
    assert!(outcomes[0] > 50 && outcomes[1] > 50, "{outcomes:?}");
}

/// A generated org with data passes validation and survives a save/load round trip.
#[test]
fn generated_org_is_valid_and_round_trips() {
    for params in [OrgParams::small(3), OrgParams::benchmark(4)] {
        let model = org(&params);
        let data = data(&model, &DataParams::new(3, 3_000));
        let issues = crate::validate::validate(&model, Some(&data));
        assert!(issues.is_empty(), "{:#?}", &issues[..issues.len().min(5)]);
        let text = crate::format::save(&model, Some(&data));
        let (loaded, loaded_data, issues) = crate::format::load(&text).unwrap();
        assert!(issues.is_empty(), "{:#?}", &issues[..issues.len().min(5)]);
        assert_eq!(crate::format::save(&loaded, loaded_data.as_ref()), text);
    }
}
