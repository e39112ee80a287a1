//! Model validation, one test per issue kind, each named for the rule it enforces. Every
//! fixture is the clean [`base`] document with a small JSON patch merged over it, loaded through
//! `format::load` (which interns references and then runs `validate::validate`).

use engine::format;
use engine::model::{BuId, BusinessUnit, Model, RoleId, User};
use engine::validate::{self, Issue, IssueCode, Severity};
use serde_json::{Value, json};

/// A small clean organisation: root `Root` with child `Sales`, their default teams, an owner
/// team, three tables (user-owned, organization-owned, activity) and one role.
fn base() -> Value {
    json!({
        "format": "rampart-model",
        "version": 1,
        "business_units": {"Root": {}, "Sales": {"parent": "Root"}},
        "teams": {
            "Root": {"type": "default", "bu": "Root"},
            "Sales": {"type": "default", "bu": "Sales"},
            "T_Sales": {"type": "owner", "bu": "Sales", "members": ["alice"]}
        },
        "tables": {
            "account": {"ownership": "user_or_team", "auto_create_access_teams": true,
                        "secured_columns": ["creditlimit"]},
            "new_config": {"ownership": "organization"},
            "task": {"ownership": "activity"}
        },
        "roles": {
            "R_Sales": {"bu": "Root", "privileges": {"account": {"read": "bu"}, "activity": {"read": "user"}}},
            "SystemAdministrator": {"bu": "Root", "predefined": "system_administrator"},
            "ServiceReader": {"bu": "Root", "predefined": "not_assignable"}
        },
        "users": {
            "alice": {"bu": "Sales", "roles": ["R_Sales"]},
            "bob": {"bu": "Root", "roles": ["SystemAdministrator"], "manager": "alice"}
        },
        "data": {
            "records": {
                "A1": {"table": "account", "owner": "alice", "owning_bu": "Sales"},
                "C1": {"table": "new_config"}
            },
            "shares": [{"record": "A1", "principal": "bob", "rights": ["read"]}]
        }
    })
}

/// Merges `patch` over `base`: objects merge by key, anything else replaces; `null` deletes.
fn merge(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    b.remove(k);
                } else {
                    merge(b.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

/// Issues of the base document with `patch` merged over it.
fn issues(patch: Value) -> Vec<Issue> {
    let mut doc = base();
    merge(&mut doc, &patch);
    let (_, _, issues) = format::load(&doc.to_string()).expect("the fixture loads");
    issues
}

/// The one issue at `path` with `code`; fails listing every issue otherwise.
#[track_caller]
fn find(issues: &[Issue], code: IssueCode, path: &str) -> Issue {
    let found: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.code == code && i.path == path)
        .collect();
    match found.as_slice() {
        [one] => (*one).clone(),
        _ => panic!(
            "expected one {code} issue at `{path}`, found {}:\n{}",
            found.len(),
            issues
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Asserts the rendered issue line (`error[code] path: message (help: …)`).
#[track_caller]
fn check(patch: Value, code: IssueCode, path: &str, expected: &str) {
    let all = issues(patch);
    let issue = find(&all, code, path);
    assert_eq!(issue.to_string(), expected);
}

#[test]
fn base_fixture_is_clean() {
    let all = issues(json!({}));
    assert!(all.is_empty(), "{all:#?}");
}

// --- references --------------------------------------------------------------------------------

#[test]
fn unknown_business_unit_suggests_the_closest_id() {
    check(
        json!({"users": {"U7": {"bu": "Sales2", "roles": ["R_Sales"]}}}),
        IssueCode::UnknownReference,
        "users.U7.bu",
        "error[unknown-reference] users.U7.bu: unknown business unit `Sales2` (help: did you mean `Sales`?)",
    );
}

#[test]
fn unknown_role_in_a_list_names_its_index() {
    check(
        json!({"users": {"alice": {"roles": ["R_Sales", "R_Sale"]}}}),
        IssueCode::UnknownReference,
        "users.alice.roles[1]",
        "error[unknown-reference] users.alice.roles[1]: unknown role `R_Sale` (help: did you mean `R_Sales`?)",
    );
}

#[test]
fn unknown_user_team_table_position_and_record_are_reported() {
    let all = issues(json!({
        "teams": {"T_Sales": {"members": ["alice", "carol"]}},
        "roles": {"R_Sales": {"privileges": {"acount": {"read": "org"}}}},
        "users": {"alice": {"position": "P_Lead"}},
        "field_security_profiles": {"F": {"teams": ["T_Sale"]}},
        "data": {"shares": [{"record": "A2", "principal": "bob", "rights": ["read"]}]}
    }));
    find(
        &all,
        IssueCode::UnknownReference,
        "teams.T_Sales.members[1]",
    );
    let table = find(
        &all,
        IssueCode::UnknownReference,
        "roles.R_Sales.privileges.acount",
    );
    assert_eq!(table.help.as_deref(), Some("did you mean `account`?"));
    find(&all, IssueCode::UnknownReference, "users.alice.position");
    find(
        &all,
        IssueCode::UnknownReference,
        "field_security_profiles.F.teams[0]",
    );
    find(&all, IssueCode::UnknownReference, "data.shares[0].record");
}

#[test]
fn unknown_principal_in_a_share() {
    check(
        json!({"data": {"shares": [{"record": "A1", "principal": "alcie", "rights": ["read"]}]}}),
        IssueCode::UnknownReference,
        "data.shares[0].principal",
        "error[unknown-reference] data.shares[0].principal: unknown user or team `alcie` (help: did you mean `alice`?)",
    );
}

#[test]
fn unknown_references_leave_the_rest_of_the_model_loaded() {
    let mut doc = base();
    merge(
        &mut doc,
        &json!({"users": {"U7": {"bu": "Nowhere", "roles": ["Nope"], "manager": "ghost"}}}),
    );
    let (model, _, issues) = format::load(&doc.to_string()).unwrap();
    let u7 = model.users.iter().find(|u| u.name == "U7").expect("kept");
    assert_eq!(
        model.bu_name(u7.bu),
        "Root",
        "an unknown bu falls back to the root"
    );
    assert!(u7.roles.is_empty() && u7.manager.is_none());
    assert_eq!(
        issues
            .iter()
            .filter(|i| i.code == IssueCode::UnknownReference)
            .count(),
        3
    );
}

#[test]
fn validate_reports_dangling_typed_ids_of_a_hand_built_model() {
    let model = Model {
        bus: vec![BusinessUnit {
            name: "Root".into(),
            parent: None,
        }],
        users: vec![User {
            name: "u".into(),
            bu: BuId(9),
            roles: vec![engine::model::RoleAssignment {
                role: RoleId(4),
                from_bu: None,
            }],
            manager: None,
            position: None,
            field_profiles: Vec::new(),
            enabled: true,
        }],
        ..Model::default()
    };
    let all = validate::validate(&model, None);
    assert_eq!(
        find(&all, IssueCode::UnknownReference, "users.u.bu").message,
        "unknown business unit #9"
    );
    find(&all, IssueCode::UnknownReference, "users.u.roles[0]");
}

// --- ids ---------------------------------------------------------------------------------------

#[test]
fn user_and_team_with_the_same_id_clash_as_principals() {
    check(
        json!({"teams": {"alice": {"type": "owner", "bu": "Root"}}}),
        IssueCode::DuplicateId,
        "teams.alice",
        "error[duplicate-id] teams.alice: `alice` is both a user and a team (help: owners and share recipients are written as a user or team id, so the two must differ; rename the team)",
    );
}

#[test]
fn org_is_a_reserved_principal_id() {
    let all = issues(json!({"users": {"ORG": {"bu": "Root", "roles": ["R_Sales"]}}}));
    find(&all, IssueCode::ReservedId, "users.ORG");
}

#[test]
fn act_1_activity_is_a_reserved_table_name() {
    let all = issues(json!({"tables": {"activity": {"ownership": "activity"}}}));
    find(&all, IssueCode::ReservedId, "tables.activity");
}

#[test]
fn display_name_for_nothing_is_a_warning() {
    let all = issues(json!({"display_names": {"alicee": "Alice"}}));
    let issue = find(&all, IssueCode::DisplayName, "display_names.alicee");
    assert_eq!(issue.severity, Severity::Warning);
    assert_eq!(issue.help.as_deref(), Some("did you mean `alice`?"));
}

// --- business units (BU-*) ---------------------------------------------------------------------

#[test]
fn bu_1_second_root_bu_is_an_error() {
    check(
        json!({"business_units": {"Other": {}}, "teams": {"Other": {"type": "default", "bu": "Other"}}}),
        IssueCode::SecondRootBu,
        "business_units.Root",
        "error[second-root-bu] business_units.Root: second root business unit `Root` (the root is `Other`) (help: give `Root` a parent, e.g. `\"parent\": \"Other\"` (BU-1: exactly one root))",
    );
}

#[test]
fn bu_1_no_business_units_is_an_error() {
    let mut doc = base();
    doc["business_units"] = json!({});
    doc["teams"] = json!({});
    doc["users"] = json!({});
    doc["roles"] = json!({});
    doc["data"] = json!({});
    let (_, _, all) = format::load(&doc.to_string()).unwrap();
    find(&all, IssueCode::NoRootBu, "business_units");
}

#[test]
fn bu_2_cycle_in_business_units_is_an_error() {
    let all = issues(json!({
        "business_units": {"A": {"parent": "B"}, "B": {"parent": "A"}},
        "teams": {"A": {"type": "default", "bu": "A"}, "B": {"type": "default", "bu": "B"}}
    }));
    let issue = find(&all, IssueCode::BuCycle, "business_units.A.parent");
    assert_eq!(issue.message, "cycle in business units `A → B → A`");
    assert!(issue.help.unwrap().contains("BU-2"));
    assert_eq!(
        all.iter().filter(|i| i.code == IssueCode::BuCycle).count(),
        1
    );
}

#[test]
fn bu_2_cycle_without_root_reports_both() {
    let all = issues(json!({"business_units": {"Root": {"parent": "Sales"}}}));
    find(&all, IssueCode::NoRootBu, "business_units");
    find(&all, IssueCode::BuCycle, "business_units.Root.parent");
}

#[test]
fn bu_4_default_team_members_edited_by_hand() {
    check(
        json!({"teams": {"Sales": {"members": ["alice"]}}}),
        IssueCode::DefaultTeam,
        "teams.Sales.members",
        "error[default-team] teams.Sales.members: members of default team `Sales` edited by hand (help: a default team's members are every user of its business unit `Sales` and cannot be edited (BU-4); remove `members` and move users between business units instead)",
    );
}

#[test]
fn bu_4_second_default_team_is_an_error() {
    let all = issues(json!({"teams": {"Sales2": {"type": "default", "bu": "Sales"}}}));
    find(&all, IssueCode::DefaultTeam, "teams.Sales2.type");
}

#[test]
fn bu_4_missing_default_team_is_a_warning() {
    let all = issues(json!({"teams": {"Sales": null}}));
    let issue = find(&all, IssueCode::DefaultTeam, "business_units.Sales");
    assert_eq!(issue.severity, Severity::Warning);
}

#[test]
fn bu_6_role_from_another_bu_in_the_classic_model() {
    let all = issues(json!({
        "roles": {"R_Sales": {"bu": "Sales"}},
        "users": {"bob": {"roles": ["SystemAdministrator", "R_Sales"]}}
    }));
    let issue = find(&all, IssueCode::RoleBu, "users.bob.roles[1]");
    assert_eq!(
        issue.message,
        "role `R_Sales` of business unit `Sales` has no copy in `Root`"
    );
    assert!(issue.help.unwrap().contains("BU-6"));
}

#[test]
fn mbu_2_from_bu_needs_modernized_business_units() {
    let all =
        issues(json!({"users": {"alice": {"roles": [{"role": "R_Sales", "from_bu": "Root"}]}}}));
    let issue = find(&all, IssueCode::RoleBu, "users.alice.roles[0].from_bu");
    assert!(issue.help.unwrap().contains("MBU-2"));
    let clean = issues(json!({
        "settings": {"modernized_bu": true},
        "users": {"alice": {"roles": [{"role": "R_Sales", "from_bu": "Root"}]}}
    }));
    assert!(clean.is_empty(), "{clean:#?}");
}

#[test]
fn mbu_2_from_bu_outside_the_roles_subtree() {
    let all = issues(json!({
        "settings": {"modernized_bu": true},
        "roles": {"R_Sales": {"bu": "Sales"}},
        "users": {"bob": {"roles": ["SystemAdministrator", {"role": "R_Sales", "from_bu": "Root"}]}}
    }));
    find(&all, IssueCode::RoleBu, "users.bob.roles[1]");
}

// --- roles (ROLE-*, ACT-1, §12) -----------------------------------------------------------------

#[test]
fn role_5_bu_depth_on_org_owned_table_is_an_error() {
    check(
        json!({"roles": {"R_Sales": {"privileges": {"new_config": {"read": "bu"}}}}}),
        IssueCode::DepthNotAllowed,
        "roles.R_Sales.privileges.new_config.read",
        "error[depth-not-allowed] roles.R_Sales.privileges.new_config.read: depth `bu` not allowed for organization-owned table `new_config` (help: organization-owned tables take `none` or `org` only: the privilege is an on/off switch (ROLE-5))",
    );
    assert!(
        issues(json!({"roles": {"R_Sales": {"privileges": {"new_config": {"read": "org"}}}}}))
            .is_empty()
    );
}

#[test]
fn role_5_user_depth_on_business_owned_table_is_an_error() {
    let all = issues(json!({
        "tables": {"businessunit": {"ownership": "business_owned"}},
        "roles": {"R_Sales": {"privileges": {"businessunit": {"appendto": "user"}}}}
    }));
    let issue = find(
        &all,
        IssueCode::DepthNotAllowed,
        "roles.R_Sales.privileges.businessunit.appendto",
    );
    assert_eq!(
        issue.message,
        "depth `user` not allowed for business-owned table `businessunit`"
    );
}

#[test]
fn role_6_misc_privileges_take_none_or_org_only() {
    check(
        json!({"roles": {"R_Sales": {"misc": {"prvExportToExcel": "bu", "prvPrint": "org"}}}}),
        IssueCode::MiscDepth,
        "roles.R_Sales.misc.prvExportToExcel",
        "error[misc-depth] roles.R_Sales.misc.prvExportToExcel: depth `bu` not allowed for miscellaneous privilege `prvExportToExcel` (help: miscellaneous and privacy-related privileges take `none` or `org` only (ROLE-6))",
    );
}

#[test]
fn act_1_privileges_on_an_individual_activity_table_are_an_error() {
    check(
        json!({"roles": {"R_Sales": {"privileges": {"task": {"read": "org"}}}}}),
        IssueCode::ActivityPrivileges,
        "roles.R_Sales.privileges.task",
        "error[activity-privileges] roles.R_Sales.privileges.task: privileges set on activity table `task` (help: one Activity privilege set covers every activity table (ACT-1): move these depths to `activity`)",
    );
}

#[test]
fn predefined_system_administrator_cannot_be_team_only() {
    let all = issues(json!({"roles": {"SystemAdministrator": {"inheritance": "team_only"}}}));
    let issue = find(
        &all,
        IssueCode::PredefinedRole,
        "roles.SystemAdministrator.inheritance",
    );
    assert!(issue.help.unwrap().contains("§12"));
}

#[test]
fn predefined_system_administrator_privileges_are_ignored_with_a_warning() {
    let all = issues(
        json!({"roles": {"SystemAdministrator": {"privileges": {"account": {"read": "user"}}}}}),
    );
    let issue = find(
        &all,
        IssueCode::PredefinedRole,
        "roles.SystemAdministrator.privileges",
    );
    assert_eq!(issue.severity, Severity::Warning);
}

#[test]
fn predefined_role_cannot_leave_the_root_bu() {
    let all = issues(json!({"roles": {"ServiceReader": {"bu": "Sales"}}}));
    find(&all, IssueCode::PredefinedRole, "roles.ServiceReader.bu");
}

#[test]
fn predefined_unassignable_role_cannot_be_assigned() {
    check(
        json!({"users": {"alice": {"roles": ["R_Sales", "ServiceReader"]}}}),
        IssueCode::PredefinedRole,
        "users.alice.roles[1]",
        "error[predefined-role] users.alice.roles[1]: predefined role `ServiceReader` cannot be assigned to users or teams (help: Service Reader, Service Writer, Service Deleted and Support User are not assignable (§12))",
    );
}

#[test]
fn role_4_the_same_role_twice_is_a_warning() {
    let all = issues(json!({"users": {"alice": {"roles": ["R_Sales", "R_Sales"]}}}));
    let issue = find(&all, IssueCode::DuplicateRole, "users.alice.roles[1]");
    assert_eq!(issue.severity, Severity::Warning);
}

// --- principals (ROLE-11, TEAM-*, HIER-*) ------------------------------------------------------

#[test]
fn role_11_user_without_any_role_is_a_warning() {
    check(
        json!({"users": {"carol": {"bu": "Root"}}}),
        IssueCode::UserWithoutRole,
        "users.carol.roles",
        "warning[user-without-role] users.carol.roles: user `carol` has no security role, directly or through a team (help: assign a role to the user or to one of their owner, group or default teams; the service refuses users without a role (ROLE-11))",
    );
}

#[test]
fn role_11_a_role_through_a_team_is_enough() {
    let through_owner_team = issues(json!({
        "users": {"carol": {"bu": "Root"}},
        "teams": {"T_Sales": {"members": ["alice", "carol"], "roles": ["R_Sales"]}}
    }));
    assert!(through_owner_team.is_empty(), "{through_owner_team:#?}");
    let through_default_team = issues(json!({
        "users": {"carol": {"bu": "Root"}},
        "teams": {"Root": {"roles": ["R_Sales"]}}
    }));
    assert!(through_default_team.is_empty(), "{through_default_team:#?}");
    let disabled = issues(json!({"users": {"carol": {"bu": "Root", "enabled": false}}}));
    assert!(disabled.is_empty(), "{disabled:#?}");
}

#[test]
fn team_4_roles_on_an_access_team_are_an_error() {
    check(
        json!({"teams": {"T_Access": {"type": "access", "bu": "Root", "roles": ["R_Sales"]}}}),
        IssueCode::AccessTeamRoles,
        "teams.T_Access.roles",
        "error[access-team-roles] teams.T_Access.roles: access team `T_Access` holds security roles (help: access teams cannot have roles (TEAM-4): use an owner team, or remove the roles)",
    );
}

#[test]
fn team_4_record_owned_by_an_access_team_is_an_error() {
    let all = issues(json!({
        "teams": {"T_Access": {"type": "access", "bu": "Root"}},
        "data": {"records": {"A2": {"table": "account", "owner": "T_Access", "owning_bu": "Root"}}}
    }));
    let issue = find(&all, IssueCode::AccessTeamOwner, "data.records.A2.owner");
    assert!(issue.help.unwrap().contains("TEAM-4"));
}

#[test]
fn team_3_membership_type_only_on_entra_teams() {
    let all = issues(json!({"teams": {"T_Sales": {"membership_type": "Members"}}}));
    assert_eq!(
        find(&all, IssueCode::TeamType, "teams.T_Sales.membership_type").severity,
        Severity::Warning
    );
    let entra = issues(
        json!({"teams": {"G": {"type": "entra_security_group", "bu": "Root", "membership_type": "Members"}}}),
    );
    assert!(entra.is_empty(), "{entra:#?}");
}

#[test]
fn hier_manager_cycle_is_an_error() {
    check(
        json!({"users": {"alice": {"manager": "bob"}}}),
        IssueCode::ManagerCycle,
        "users.alice.manager",
        "error[manager-cycle] users.alice.manager: cycle in managers `alice → bob → alice` (help: the manager hierarchy is a tree (HIER-1): someone at the top has no manager)",
    );
}

#[test]
fn hier_self_manager_is_a_cycle() {
    let all = issues(json!({"users": {"bob": {"manager": "bob"}}}));
    assert_eq!(
        find(&all, IssueCode::ManagerCycle, "users.bob.manager").message,
        "cycle in managers `bob → bob`"
    );
}

#[test]
fn hier_9_position_cycle_is_an_error() {
    let all = issues(
        json!({"positions": {"P1": {"parent": "P2"}, "P2": {"parent": "P1"}, "P3": {"parent": "P1"}}}),
    );
    assert_eq!(
        find(&all, IssueCode::PositionCycle, "positions.P1.parent").message,
        "cycle in positions `P1 → P2 → P1`"
    );
}

#[test]
fn hier_1_hierarchy_settings_are_checked() {
    let all = issues(
        json!({"settings": {"hierarchy": {"model": "position", "depth": 0, "tables": ["acount"]}}}),
    );
    let table = find(&all, IssueCode::Hierarchy, "settings.hierarchy.tables[0]");
    assert_eq!(table.help.as_deref(), Some("did you mean `account`?"));
    find(&all, IssueCode::Hierarchy, "settings.hierarchy.depth");
    find(&all, IssueCode::Hierarchy, "settings.hierarchy.model");
    assert!(all.iter().all(|i| i.severity == Severity::Warning));
}

// --- templates and record teams (TEAM-9) --------------------------------------------------------

#[test]
fn team_9_template_on_a_table_without_auto_created_access_teams() {
    check(
        json!({
            "tables": {"contact": {"ownership": "user_or_team"}},
            "team_templates": {"TT": {"table": "contact", "rights": ["read"]}}
        }),
        IssueCode::TeamTemplate,
        "team_templates.TT.table",
        "error[team-template] team_templates.TT.table: table `contact` does not auto-create access teams (help: set `tables.contact.auto_create_access_teams` to `true`: only such tables take templates (TEAM-9))",
    );
}

#[test]
fn team_9_template_on_an_organization_owned_table() {
    let all =
        issues(json!({"team_templates": {"TT": {"table": "new_config", "rights": ["read"]}}}));
    find(&all, IssueCode::TeamTemplate, "team_templates.TT.table");
}

#[test]
fn team_9_template_without_rights_is_a_warning() {
    let all = issues(json!({"team_templates": {"TT": {"table": "account"}}}));
    assert_eq!(
        find(&all, IssueCode::TeamTemplate, "team_templates.TT.rights").severity,
        Severity::Warning
    );
}

#[test]
fn team_9_more_templates_than_the_default_limit_is_a_warning() {
    let all = issues(json!({"team_templates": {
        "T1": {"table": "account", "rights": ["read"]},
        "T2": {"table": "account", "rights": ["read"]},
        "T3": {"table": "account", "rights": ["read"]}
    }}));
    find(&all, IssueCode::TeamTemplate, "tables.account");
}

#[test]
fn team_9_record_team_must_be_an_access_team_for_its_template_table() {
    let all = issues(json!({
        "tables": {"contact": {"ownership": "user_or_team", "auto_create_access_teams": true}},
        "team_templates": {"TT": {"table": "contact", "rights": ["read"]}},
        "teams": {"RT": {"type": "owner", "bu": "Root", "record_team": {"template": "TT", "record": "A1"}}}
    }));
    let messages: Vec<&str> = all
        .iter()
        .filter(|i| i.code == IssueCode::RecordTeam && i.path == "teams.RT.record_team")
        .map(|i| i.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "owner team `RT` is marked as a system-managed record team",
            "template `TT` is for table `contact`, but record `A1` is in `account`"
        ]
    );
}

#[test]
fn team_9_record_team_serves_only_its_record() {
    let all = issues(json!({
        "team_templates": {"TT": {"table": "account", "rights": ["read"]}},
        "teams": {"RT": {"type": "access", "bu": "Root", "record_team": {"template": "TT", "record": "A1"}}},
        "data": {
            "records": {"A2": {"table": "account", "owner": "alice", "owning_bu": "Sales"}},
            "shares": [
                {"record": "A1", "principal": "bob", "rights": ["read"]},
                {"record": "A1", "principal": "RT", "rights": ["read"]},
                {"record": "A2", "principal": "RT", "rights": ["read"]}
            ]
        }
    }));
    let issue = find(&all, IssueCode::RecordTeam, "data.shares[2].principal");
    assert_eq!(
        issue.message,
        "record `A2` shared with `RT`, the access team of record `A1`"
    );
}

#[test]
fn team_9_record_team_without_data_names_an_unknown_record() {
    let mut doc = base();
    doc.as_object_mut().unwrap().remove("data");
    merge(
        &mut doc,
        &json!({
            "team_templates": {"TT": {"table": "account", "rights": ["read"]}},
            "teams": {"RT": {"type": "access", "bu": "Root", "record_team": {"template": "TT", "record": "A1"}}}
        }),
    );
    let (_, data, all) = format::load(&doc.to_string()).unwrap();
    assert!(data.is_none());
    find(
        &all,
        IssueCode::UnknownReference,
        "teams.RT.record_team.record",
    );
}

// --- relationships (CASC-1) ---------------------------------------------------------------------

#[test]
fn casc_1_remove_link_is_a_delete_behaviour_only() {
    check(
        json!({"relationships": {"account_task": {"type": "one_to_many", "parent": "account", "child": "task",
               "cascade": {"assign": "remove_link", "delete": "remove_link"}}}}),
        IssueCode::Cascade,
        "relationships.account_task.cascade.assign",
        "error[cascade] relationships.account_task.cascade.assign: `remove_link` is not a assign behaviour (help: remove_link and restrict are delete behaviours only; use cascade, active, user_owned or none (CASC-1))",
    );
}

#[test]
fn casc_1_delete_takes_no_active_or_user_owned() {
    let all = issues(
        json!({"relationships": {"r": {"type": "one_to_many", "parent": "account", "child": "task",
               "cascade": {"delete": "active"}}}}),
    );
    find(&all, IssueCode::Cascade, "relationships.r.cascade.delete");
}

#[test]
fn casc_1_parent_link_must_follow_the_relationship() {
    let all = issues(json!({
        "relationships": {"account_task": {"type": "one_to_many", "parent": "account", "child": "task"}},
        "data": {"records": {
            "T1": {"table": "task", "owner": "alice", "owning_bu": "Sales",
                   "parents": [{"relationship": "account_task", "record": "A1"}]},
            "A2": {"table": "account", "owner": "alice", "owning_bu": "Sales",
                   "parents": [{"relationship": "account_task", "record": "A1"}]}
        }}
    }));
    let issue = find(&all, IssueCode::RecordParent, "data.records.A2.parents[0]");
    assert_eq!(
        issue.message,
        "relationship `account_task` links `task` to `account`, not `account` to `account`"
    );
    assert_eq!(
        all.iter()
            .filter(|i| i.code == IssueCode::RecordParent)
            .count(),
        1
    );
}

#[test]
fn casc_1_parent_links_that_loop_are_a_warning_naming_the_loop() {
    let all = issues(json!({
        "relationships": {"parent_account": {"type": "one_to_many", "parent": "account", "child": "account"}},
        "data": {"records": {
            "A1": {"table": "account", "owner": "alice", "owning_bu": "Sales",
                   "parents": [{"relationship": "parent_account", "record": "A3"}]},
            "A2": {"table": "account", "owner": "alice", "owning_bu": "Sales",
                   "parents": [{"relationship": "parent_account", "record": "A1"}]},
            "A3": {"table": "account", "owner": "alice", "owning_bu": "Sales",
                   "parents": [{"relationship": "parent_account", "record": "A2"}]},
            "A4": {"table": "account", "owner": "alice", "owning_bu": "Sales",
                   "parents": [{"relationship": "parent_account", "record": "A1"}]}
        }}
    }));
    let issue = find(&all, IssueCode::RecordParent, "data.records.A1.parents");
    assert_eq!(issue.severity, Severity::Warning);
    assert_eq!(issue.message, "parent links loop: `A1 → A3 → A2 → A1`");
    // A4 hangs below the loop without being on it: one issue only.
    assert_eq!(
        all.iter()
            .filter(|i| i.code == IssueCode::RecordParent)
            .count(),
        1
    );
}

// --- records and shares (ROLE-5, BU-7, SHARE-1, FLS-*) ------------------------------------------

#[test]
fn role_5_organization_owned_record_has_no_owner() {
    let all = issues(json!({"data": {"records": {"C1": {"owner": "alice"}}}}));
    let issue = find(&all, IssueCode::RecordOwner, "data.records.C1.owner");
    assert_eq!(
        issue.message,
        "record `C1` of organization table `new_config` has an owner"
    );
}

#[test]
fn bu_7_user_owned_record_needs_an_owner() {
    let all = issues(json!({"data": {"records": {"A2": {"table": "account"}}}}));
    find(&all, IssueCode::RecordOwner, "data.records.A2.owner");
}

#[test]
fn eval_6_org_cannot_own_a_record() {
    let all = issues(json!({"data": {"records": {"A1": {"owner": "ORG"}}}}));
    find(&all, IssueCode::RecordOwner, "data.records.A1.owner");
}

#[test]
fn bu_7_owning_bu_differs_from_the_owner_in_the_classic_model() {
    let all = issues(json!({"data": {"records": {"A1": {"owning_bu": "Root"}}}}));
    let issue = find(&all, IssueCode::RecordOwner, "data.records.A1.owning_bu");
    assert_eq!(issue.severity, Severity::Warning);
    let modern = issues(
        json!({"settings": {"modernized_bu": true}, "data": {"records": {"A1": {"owning_bu": "Root"}}}}),
    );
    assert!(modern.is_empty(), "{modern:#?}");
}

#[test]
fn role_5_organization_owned_records_cannot_be_shared() {
    let all = issues(
        json!({"data": {"shares": [{"record": "C1", "principal": "alice", "rights": ["read"]}]}}),
    );
    find(&all, IssueCode::Share, "data.shares[0].record");
}

#[test]
fn share_1_create_is_never_a_shared_right() {
    let all = issues(
        json!({"data": {"shares": [{"record": "A1", "principal": "bob", "rights": ["create", "read"]}]}}),
    );
    assert_eq!(
        find(&all, IssueCode::Share, "data.shares[0].rights").severity,
        Severity::Warning
    );
}

#[test]
fn fls_2_profile_permission_on_an_unsecured_column_is_a_warning() {
    let all = issues(json!({"field_security_profiles": {"F": {"users": ["alice"],
        "permissions": {"account": {"name": {"read": true}, "creditlimit": {"read": true}}}}}}));
    let issue = find(
        &all,
        IssueCode::ColumnSecurity,
        "field_security_profiles.F.permissions.account.name",
    );
    assert_eq!(issue.severity, Severity::Warning);
    assert_eq!(all.len(), 1, "{all:#?}");
}

#[test]
fn fls_7_column_share_goes_to_a_user_or_team_on_a_secured_column() {
    let all = issues(json!({"data": {"column_shares": [
        {"record": "A1", "column": "creditlimit", "principal": "ORG", "read": true},
        {"record": "A1", "column": "name", "principal": "bob", "read": true}
    ]}}));
    find(
        &all,
        IssueCode::ColumnSecurity,
        "data.column_shares[0].principal",
    );
    find(
        &all,
        IssueCode::ColumnSecurity,
        "data.column_shares[1].column",
    );
}

// --- overall ------------------------------------------------------------------------------------

#[test]
fn every_problem_is_collected_and_errors_block_export() {
    let all = issues(json!({
        "users": {"U7": {"bu": "Sales2", "roles": ["R_Sales"]}, "carol": {"bu": "Root"}},
        "roles": {"R_Sales": {"privileges": {"new_config": {"read": "bu"}}, "misc": {"prvPrint": "user"}}},
        "teams": {"T_Access": {"type": "access", "bu": "Root", "roles": ["R_Sales"]}}
    }));
    let codes: Vec<IssueCode> = all.iter().map(|i| i.code).collect();
    for code in [
        IssueCode::UnknownReference,
        IssueCode::UserWithoutRole,
        IssueCode::DepthNotAllowed,
        IssueCode::MiscDepth,
        IssueCode::AccessTeamRoles,
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert!(validate::has_errors(&all));
    let warnings_only = issues(json!({"users": {"carol": {"bu": "Root"}}}));
    assert!(!warnings_only.is_empty());
    assert!(!validate::has_errors(&warnings_only));
}

#[test]
fn issues_serialize_for_the_cli() {
    let all = issues(json!({"users": {"U7": {"bu": "Sales2", "roles": ["R_Sales"]}}}));
    let value = serde_json::to_value(&all[0]).unwrap();
    assert_eq!(
        value,
        json!({"code": "unknown-reference", "severity": "error", "path": "users.U7.bu",
               "message": "unknown business unit `Sales2`", "help": "did you mean `Sales`?"})
    );
}

#[test]
fn scenario_shared_files_convert_without_errors() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/scenarios");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return; // The shared scenarios live outside the repository; nothing to check without them.
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let resolve = |id: &str| {
            std::fs::read_to_string(format!("{dir}/{id}.yaml")).map_err(|e| e.to_string())
        };
        let Ok(scenario) = engine::scenario::load(&text, &resolve) else {
            continue;
        };
        let json = format::to_string(&format::from_scenario(&scenario));
        let (model, data, _) = format::load(&json).expect("converted scenario loads");
        assert_eq!(format::save(&model, data.as_ref()), {
            let mut doc = format::parse(&json).unwrap();
            doc.pinned_checks.clear();
            doc.events.clear();
            format::to_string(&doc)
        });
    }
}
