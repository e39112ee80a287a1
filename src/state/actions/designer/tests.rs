use engine::model::{BuId, Depth, Inheritance, Model, PrivSet, RoleId, TeamKind, Verb};

use super::*;
use crate::state::Workspace;

fn demo() -> Workspace {
    Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo loads")
}

fn role(model: &Model, name: &str) -> RoleId {
    *model.name_index().roles.get(name).expect("role exists")
}

fn bu(model: &Model, name: &str) -> BuId {
    *model.name_index().bus.get(name).expect("bu exists")
}

fn table(model: &Model, name: &str) -> PrivSet {
    PrivSet::Table(*model.name_index().tables.get(name).expect("table exists"))
}

#[test]
fn org_owned_tables_cycle_between_none_and_organization_only() {
    let ws = demo();
    let model = &ws.model;
    let product = table(model, "product");
    assert_eq!(allowed_depths(model, product), [Depth::None, Depth::Org]);
    assert_eq!(
        next_depth(&[Depth::None, Depth::Org], Depth::None, true),
        Depth::Org
    );
    assert_eq!(
        next_depth(&[Depth::None, Depth::Org], Depth::Org, true),
        Depth::None
    );
    assert_eq!(next_depth(&Depth::ALL, Depth::None, false), Depth::Org);
    assert_eq!(fit_depth(&[Depth::None, Depth::Org], Depth::Bu), Depth::Org);
    let r = role(model, "role_store_staff");
    let refused = set_privileges(model, r, &[(product, Verb::Read, Depth::Bu)]);
    assert!(refused.unwrap_err().contains("ROLE-5"));
}

#[test]
fn cycling_a_cell_moves_one_level_and_column_cycling_fits_each_table() {
    let ws = demo();
    let model = &ws.model;
    let r = role(model, "role_store_staff");
    let account = table(model, "account");
    let before = model.roles[r.index()].depth(account, Verb::Delete);
    let (after, depth) = cycle_privilege(model, r, account, Verb::Delete, true).unwrap();
    assert!(depth > before || depth == Depth::None);
    assert_eq!(after.roles[r.index()].depth(account, Verb::Delete), depth);

    let sets = [account, table(model, "product")];
    let (after, target) = cycle_column(model, r, &sets, Verb::Share, true).unwrap();
    let product_share = after.roles[r.index()].depth(table(model, "product"), Verb::Share);
    assert!(matches!(product_share, Depth::None | Depth::Org));
    assert_eq!(after.roles[r.index()].depth(account, Verb::Share), target);
}

#[test]
fn predefined_roles_are_read_only_but_can_be_copied() {
    let ws = demo();
    let model = &ws.model;
    let admin = model
        .roles
        .iter()
        .position(|r| r.is_system_administrator())
        .map(RoleId::from_index)
        .expect("system administrator");
    let account = table(model, "account");
    let refused = set_privileges(model, admin, &[(account, Verb::Read, Depth::User)]);
    assert_eq!(refused.unwrap_err(), PREDEFINED_SENTENCE);
    let (copied, id) = copy_role(model, admin, "Admin copy", model.root_bu()).unwrap();
    let copy = copied.roles.last().unwrap();
    assert_eq!(copy.name, id);
    assert_eq!(copy.predefined, None);
    assert_eq!(display(&copied, &id), "Admin copy");
    assert!(copy_role(&copied, admin, "admin COPY", model.root_bu()).is_err());
    let inherited = set_inheritance(
        &copied,
        RoleId::from_index(copied.roles.len() - 1),
        Inheritance::TeamOnly,
    )
    .unwrap();
    assert_eq!(
        inherited.roles.last().unwrap().inheritance,
        Inheritance::TeamOnly
    );
}

#[test]
fn misc_privileges_take_none_or_organization() {
    let ws = demo();
    let r = role(&ws.model, "role_store_staff");
    assert!(set_misc(&ws.model, r, "prvPrint", Depth::Bu).is_err());
    let next = set_misc(&ws.model, r, "prvPrint", Depth::Org).unwrap();
    assert_eq!(
        next.roles[r.index()].misc.get("prvPrint"),
        Some(&Depth::Org)
    );
}

#[test]
fn bu_reparent_refuses_cycles_and_the_root() {
    let ws = demo();
    let model = &ws.model;
    let north = bu(model, "bu_north");
    let leeds = bu(model, "bu_store_leeds");
    let south = bu(model, "bu_south");
    let cycle = reparent_bu(model, north, leeds).unwrap_err();
    assert!(cycle.contains("cycle"), "{cycle}");
    assert!(
        reparent_bu(model, model.root_bu(), north)
            .unwrap_err()
            .contains("root")
    );
    let moved = reparent_bu(model, leeds, south).unwrap();
    assert_eq!(moved.bus[leeds.index()].parent, Some(south));
    assert!(reparent_effect(model, &ws.data, leeds, south).contains("will sit under"));
}

#[test]
fn new_bu_gets_a_default_team_and_deleting_it_again_validates() {
    let ws = demo();
    let north = bu(&ws.model, "bu_north");
    let (model, id) = add_child_bu(&ws.model, north, "Hull outlet").unwrap();
    assert_eq!(id, "bu_hull_outlet");
    assert!(
        model
            .teams
            .iter()
            .any(|t| t.kind == TeamKind::Default && t.name == id)
    );
    assert!(add_child_bu(&model, north, "hull OUTLET").is_err());
    let with_new = ws.with_model(model);
    let new_bu = bu(&with_new.model, &id);
    let deleted = delete_bu(&with_new, new_bu).unwrap();
    assert!(deleted.model.bus.iter().all(|b| b.name != id));
    assert!(deleted.model.teams.iter().all(|t| t.name != id));
    assert_eq!(deleted.to_json(true), ws.to_json(true));
}

#[test]
fn deleting_a_bu_with_dependents_or_the_root_is_refused_with_the_reason() {
    let ws = demo();
    let leeds = bu(&ws.model, "bu_store_leeds");
    let reason = delete_bu(&ws, leeds).unwrap_err();
    assert!(reason.contains("user"), "{reason}");
    assert!(
        delete_bu(&ws, ws.model.root_bu())
            .unwrap_err()
            .contains("root")
    );
}

#[test]
fn access_teams_take_no_roles_and_default_teams_no_members() {
    let ws = demo();
    let model = &ws.model;
    let index = model.name_index();
    let xmas = *index.teams.get("team_xmas_gifting").unwrap();
    let r = role(model, "role_store_staff");
    assert_eq!(
        toggle_team_role(model, xmas, r).unwrap_err(),
        ACCESS_TEAM_SENTENCE
    );
    let default = model
        .teams
        .iter()
        .position(|t| t.kind == TeamKind::Default)
        .map(engine::model::TeamId::from_index)
        .unwrap();
    assert!(toggle_team_member(model, default, engine::model::UserId(0)).is_err());
}

#[test]
fn changing_a_users_bu_removes_roles_in_classic_bus() {
    let ws = demo();
    let user = engine::model::UserId(
        ws.model
            .users
            .iter()
            .position(|u| !u.roles.is_empty())
            .unwrap() as u32,
    );
    let south = bu(&ws.model, "bu_south");
    let moved = change_user_bu(&ws, user, south, false).unwrap();
    assert_eq!(moved.model.users[user.index()].bu, south);
    assert!(moved.model.users[user.index()].roles.is_empty());
}

#[test]
fn managers_cannot_loop() {
    let ws = demo();
    let model = &ws.model;
    let (report, manager) = model
        .users
        .iter()
        .enumerate()
        .find_map(|(i, u)| u.manager.map(|m| (engine::model::UserId::from_index(i), m)))
        .unwrap();
    assert!(set_manager(model, manager, Some(report)).is_err());
    assert!(set_manager(model, report, None).is_ok());
}

#[test]
fn new_ids_are_slugs_made_unique() {
    assert_eq!(
        new_id("bu_", "  Île de France!", |_| false),
        "bu_le_de_france"
    );
    assert_eq!(new_id("bu_", "Leeds", |id| id == "bu_leeds"), "bu_leeds_2");
    assert_eq!(new_id("role_", "", |_| false), "role");
}

#[test]
fn a_team_changes_business_unit_through_the_engine_and_default_teams_stay() {
    let ws = demo();
    let model = &ws.model;
    let (t, team) = model
        .teams
        .iter()
        .enumerate()
        .find(|(_, t)| t.kind == TeamKind::Owner && !t.roles.is_empty())
        .expect("an owner team with roles");
    let team_id = engine::model::TeamId::from_index(t);
    let to = (0..model.bus.len())
        .map(BuId::from_index)
        .find(|b| *b != team.bu)
        .expect("another BU");
    let moved = change_team_bu(&ws, team_id, to, true).expect("moves");
    assert_eq!(moved.model.teams[t].bu, to);
    assert!(
        moved.model.teams[t].roles.is_empty(),
        "BU-8 removes the roles"
    );
    for rec in moved.data.records.iter() {
        if rec.owner == Some(engine::model::Principal::Team(team_id)) {
            assert_eq!(rec.owning_bu, Some(to));
        }
    }
    assert!(change_team_bu(&ws, team_id, team.bu, false).is_err());
    let default = model
        .teams
        .iter()
        .position(|t| t.kind == TeamKind::Default)
        .map(engine::model::TeamId::from_index)
        .expect("a default team");
    assert!(
        change_team_bu(&ws, default, to, false)
            .unwrap_err()
            .contains("BU-4")
    );

    let lines = bu_change_sentences(&ws, engine::model::Principal::Team(team_id), to, false)
        .expect("an effect");
    assert!(lines[0].starts_with("Moves from "), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Removes ") && l.contains("BU-8")),
        "{lines:?}"
    );
}

#[test]
fn a_new_column_security_profile_starts_empty_validates_and_refuses_a_taken_name() {
    let ws = demo();
    let before = ws.model.field_profiles.len();
    let (model, id) = add_field_profile(&ws.model, "  Payroll readers ").unwrap();
    assert_eq!(model.field_profiles.len(), before + 1);
    let profile = model.field_profiles.last().unwrap();
    assert_eq!(profile.name, id);
    assert!(profile.permissions.is_empty() && profile.users.is_empty());
    assert_eq!(display(&model, &id), "Payroll readers");
    let next = ws.with_model(model.clone());
    assert!(
        next.issues()
            .iter()
            .all(|i| i.severity != engine::validate::Severity::Error),
        "{:?}",
        next.issues()
    );
    assert!(add_field_profile(&model, "payroll READERS").is_err());
    assert!(add_field_profile(&model, "  ").is_err());
    // It round-trips through the model JSON.
    let text = engine::format::save(&model, None);
    let (loaded, _, _) = engine::format::load(&text).unwrap();
    assert!(loaded.field_profiles.iter().any(|p| p.name == id));
}
