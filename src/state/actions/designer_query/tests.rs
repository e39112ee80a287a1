use engine::model::{Depth, PrivSet};
use engine::validate::{Issue, IssueCode};

use super::*;
use crate::state::Workspace;

fn demo() -> Workspace {
    Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo loads")
}

#[test]
fn activity_tables_collapse_into_one_row_and_groups_follow_microsoft_order() {
    let ws = demo();
    let rows = grid_rows(&ws.model);
    let activity: Vec<&GridRow> = rows.iter().filter(|r| r.set == PrivSet::Activity).collect();
    assert_eq!(activity.len(), 1);
    assert!(
        rows.iter()
            .all(|r| !matches!(r.logical.as_str(), "task" | "email" | "phonecall"))
    );
    let groups: Vec<&str> = rows.iter().map(|r| r.group).collect();
    let mut sorted = groups.clone();
    sorted.sort_by_key(|g| GROUPS.iter().position(|x| x == g));
    assert_eq!(groups, sorted);
    let product = rows.iter().find(|r| r.logical == "product").unwrap();
    assert_eq!(product.allowed, [Depth::None, Depth::Org]);
    assert_eq!(
        rows.iter()
            .find(|r| r.logical == "new_loyaltycard")
            .unwrap()
            .group,
        "Custom Tables"
    );
}

#[test]
fn permission_settings_name_the_presets() {
    let all = Depth::ALL.to_vec();
    assert_eq!(permission_setting([Depth::None; 8], &all), "No Access");
    assert_eq!(permission_setting([Depth::Org; 8], &all), "Full Access");
    assert_eq!(permission_setting([Depth::User; 8], &all), "Private");
    let mut collaborate = [Depth::User; 8];
    collaborate[1] = Depth::Org;
    assert_eq!(permission_setting(collaborate, &all), "Collaborate");
    let mut reference = [Depth::None; 8];
    reference[1] = Depth::Org;
    assert_eq!(permission_setting(reference, &all), "Reference");
    let mut custom = [Depth::None; 8];
    custom[0] = Depth::Bu;
    assert_eq!(permission_setting(custom, &all), "Custom");
}

#[test]
fn issue_paths_lead_to_the_view_that_shows_them() {
    assert_eq!(issue_url("users.U7.bu").as_deref(), Some("/model/users/U7"));
    assert_eq!(
        issue_url("roles.\"a.b\".privileges").as_deref(),
        Some("/model/security-roles/a.b")
    );
    assert_eq!(
        issue_url("business_units.bu x").as_deref(),
        Some("/model/business-units/bu%20x")
    );
    assert_eq!(issue_url("data.records.R1"), None);
    assert_eq!(decode_segment("bu%20x"), "bu x");
    let issues = vec![Issue::error(IssueCode::RoleBu, "users.U7.roles[1]", "x")];
    assert_eq!(issues_about(&issues, "users", "U7").len(), 1);
    assert!(issues_about(&issues, "users", "U70").is_empty());
}

#[test]
fn palette_finds_by_prefix_first_and_filters_by_kind() {
    let ws = demo();
    let entries = palette_entries(&ws.model);
    let found = filter_palette(&entries, "leeds");
    assert!(!found.is_empty());
    assert!(found[0].label.to_lowercase().starts_with("leeds") || found[0].id.contains("leeds"));
    let users = filter_palette(&entries, "@");
    assert!(users.iter().all(|e| e.kind == "User"));
    assert!(
        filter_palette(&entries, "#acc")
            .iter()
            .any(|e| e.id == "account")
    );
}

#[test]
fn bu_tree_lists_every_unit_once_parents_first() {
    let ws = demo();
    let tree = bu_tree(&ws.model);
    assert_eq!(tree.len(), ws.model.bus.len());
    assert_eq!(tree[0], (ws.model.root_bu(), 1));
    for (i, (bu, _)) in tree.iter().enumerate() {
        if let Some(parent) = ws.model.bus[bu.index()].parent {
            assert!(tree[..i].iter().any(|(b, _)| *b == parent));
        }
    }
}

#[test]
fn a_role_covers_itself_and_compare_marks_differences() {
    let ws = demo();
    let index = ws.model.name_index();
    let a = *index.roles.get("role_store_staff").unwrap();
    let b = *index.roles.get("role_line_manager").unwrap();
    assert!(role_covers(&ws.model, a, a));
    assert!(compare_roles(&ws.model, a, a).iter().all(|r| !r.differs()));
    assert!(
        compare_roles(&ws.model, a, b)
            .iter()
            .any(CompareRow::differs)
    );
}

#[test]
fn privacy_related_privileges_have_their_own_tab() {
    let ws = crate::state::Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo loads");
    let mut model = (*ws.model).clone();
    if let Some(r) = model.roles.first_mut() {
        r.misc
            .insert("prvCustomThing".into(), engine::model::Depth::Org);
    }
    let privacy = non_table_privileges(&model, engine::model::NonTableKind::Privacy);
    let names: Vec<&str> = privacy.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "prvExportToExcel",
            "prvPrint",
            "prvGoOffline",
            "prvSyncToOutlook",
            "prvMailMerge",
            "prvDocumentGeneration",
            "prvUseTabletApp",
            "prvUseOfficeApps"
        ]
    );
    assert!(privacy.contains(&("prvGoOffline".into(), "Go Offline in Outlook".into())));
    let misc = non_table_privileges(&model, engine::model::NonTableKind::Miscellaneous);
    assert!(misc.contains(&("prvBulkDelete".into(), "Bulk Delete".into())));
    assert!(!misc.iter().any(|(n, _)| n == "prvExportToExcel"));
    assert!(misc.contains(&("prvCustomThing".into(), "CustomThing".into())));
}
