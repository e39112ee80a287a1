//! BU-1..BU-10: business units, default teams, owning BU, depth coverage.

use crate::{check, check_invalid};

/// Sales under Root, SalesDE and SalesUK under Sales, Service under Root; one account per BU.
const TREE: &str = r#"
    business_units: {Root: null, Sales: Root, SalesDE: Sales, SalesDE_B: SalesDE, SalesUK: Sales, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Own:  {privileges: {account: {read: user}}}
      R_BU:   {privileges: {account: {read: bu}}}
      R_Deep: {privileges: {account: {read: pcbu}}}
      R_Org:  {privileges: {account: {read: org}}}
    users:
      Uroot:    {bu: Root,      roles: [R_Own]}
      Us:       {bu: Sales,     roles: [R_Own]}
      Ude:      {bu: SalesDE,   roles: [R_Own]}
      Udeb:     {bu: SalesDE_B, roles: [R_Own]}
      Uuk:      {bu: SalesUK,   roles: [R_Own]}
      Usvc:     {bu: Service,   roles: [R_Own]}
      Bu_s:     {bu: Sales,     roles: [R_BU]}
      Deep_s:   {bu: Sales,     roles: [R_Deep]}
      Deep_de:  {bu: SalesDE,   roles: [R_Deep]}
      Org_deb:  {bu: SalesDE_B, roles: [R_Org]}
    records:
      A_root: {table: account, owner: Uroot}
      A_s:    {table: account, owner: Us}
      A_de:   {table: account, owner: Ude}
      A_deb:  {table: account, owner: Udeb}
      A_uk:   {table: account, owner: Uuk}
      A_svc:  {table: account, owner: Usvc}
"#;

#[test]
fn bu_1_a_model_has_exactly_one_root() {
    check_invalid(
        r#"
        business_units: {Root: null, Other: null}
        tables: {account: user_or_team}
        "#,
        "root",
    );
}

#[test]
fn bu_2_a_bu_has_one_parent_and_the_tree_has_no_cycle() {
    check_invalid(
        r#"
        business_units: {Root: null, A: B, B: A}
        tables: {account: user_or_team}
        "#,
        "cycle",
    );
}

#[test]
fn bu_3_a_user_without_a_bu_is_in_the_root_bu() {
    // "All newly provisioned users are assigned to the root business".
    check(
        r#"
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_BU:  {privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U_new: {roles: [R_BU]}
          U_root: {bu: Root, roles: [R_Own]}
          U_sales: {bu: Sales, roles: [R_Own]}
        records:
          A_root: {table: account, owner: U_root}
          A_sales: {table: account, owner: U_sales}
        "#,
        "{who: U_new, op: read, target: A_root}",
        "allow",
    );
}

#[test]
fn bu_4_a_role_on_the_default_team_reaches_every_user_of_the_bu() {
    // BU-4 "a security role can be assigned to it"; TEAM-11.
    check(
        r#"
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_BU:  {privileges: {account: {read: bu}}}
          R_Nothing: {privileges: {}}
        users:
          U1: {bu: Sales, roles: [R_Nothing]}
          U2: {bu: Sales, roles: [R_Nothing]}
        teams:
          Sales_Default: {type: default, bu: Sales, roles: [R_BU]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{who: U1, op: read, target: A2}",
        "allow",
    );
}

#[test]
fn bu_4_default_team_membership_is_the_bu_not_a_member_list() {
    // "membership is system-managed = all users of that BU; members cannot be added manually".
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU:  {privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U_svc: {bu: Service, roles: [R_Own]}
          U2:    {bu: Sales,   roles: [R_Own]}
        teams:
          Sales_Default: {type: default, bu: Sales, members: [U_svc], roles: [R_BU]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{who: U_svc, op: read, target: A2}",
        "deny",
    );
}

#[test]
fn bu_5_a_team_holds_members_from_other_bus() {
    // "A team belongs to exactly one BU but can contain users from any BU."
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
        users:
          U_svc: {bu: Service, roles: [R_Own]}
        teams:
          T_sales: {type: owner, bu: Sales, members: [U_svc]}
        records:
          AT: {table: account, owner: T_sales}
        "#,
        "{who: U_svc, op: read, target: AT}",
        "allow [EVAL-4]",
    );
}

const ROLES_PER_BU: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_BU: {privileges: {account: {read: bu}}}
    users:
      U1: {bu: Sales, roles: [R_BU]}
"#;

#[test]
fn bu_6_classic_role_from_another_bu_cannot_be_assigned() {
    // "a team or user can only be assigned a role from its business unit" [S34].
    check(
        ROLES_PER_BU,
        "{op: assign_role, role: {role: R_BU, from_bu: Service}, to: U1}",
        "error",
    );
}

#[test]
fn bu_6_classic_role_from_own_bu_can_be_assigned() {
    check(
        ROLES_PER_BU,
        "{op: assign_role, role: {role: R_BU, from_bu: Sales}, to: U1}",
        "allow",
    );
}

#[test]
fn bu_6_modernized_role_from_any_bu_can_be_assigned() {
    check(
        ROLES_PER_BU,
        "{variant: {modernized_bu: true}, op: assign_role, role: {role: R_BU, from_bu: Service}, to: U1}",
        "allow",
    );
}

const OWNING_BU: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user, write: user, assign: user}}}
      R_BU:  {privileges: {account: {read: bu}}}
    users:
      U1:     {bu: Sales,   roles: [R_Own]}
      U2:     {bu: Service, roles: [R_Own]}
      Rd_s:   {bu: Sales,   roles: [R_BU]}
      Rd_svc: {bu: Service, roles: [R_BU]}
    records:
      A1: {table: account, owner: U1}
    events:
      - {step: 1, who: U1, op: assign, target: A1, new_owner: U2}
"#;

#[test]
fn bu_7_owning_bu_defaults_to_the_owners_bu() {
    check(
        OWNING_BU,
        "{who: Rd_s, op: read, target: A1}",
        "allow [BU-9]",
    );
}

#[test]
fn bu_7_owning_bu_is_not_another_bu() {
    check(OWNING_BU, "{who: Rd_svc, op: read, target: A1}", "deny");
}

#[test]
fn bu_7_assign_moves_the_record_to_the_new_owners_bu() {
    check(
        OWNING_BU,
        "{after: 1, who: Rd_svc, op: read, target: A1}",
        "allow [BU-9]",
    );
}

#[test]
fn bu_7_assign_takes_the_record_out_of_the_old_bu() {
    check(
        OWNING_BU,
        "{after: 1, who: Rd_s, op: read, target: A1}",
        "deny",
    );
}

#[test]
fn bu_7_modernized_always_move_false_keeps_the_owning_bu() {
    // "... unless AlwaysMoveRecordToOwnerBusinessUnit=false (modernized BU only)".
    check(
        OWNING_BU,
        "{after: 1, variant: {modernized_bu: true, AlwaysMoveRecordToOwnerBusinessUnit: false}, who: Rd_s, op: read, target: A1}",
        "allow",
    );
}

#[test]
fn bu_7_classic_always_move_false_still_moves_the_record() {
    // The setting exists only under modernized BUs; classic BUs always move.
    check(
        OWNING_BU,
        "{after: 1, variant: {AlwaysMoveRecordToOwnerBusinessUnit: false}, who: Rd_svc, op: read, target: A1}",
        "allow",
    );
}

const MOVE_USER: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_BU: {privileges: {account: {read: bu}}}
    users:
      U1:     {bu: Sales,   roles: [R_BU]}
      Rd_s:   {bu: Sales,   roles: [R_BU]}
      Rd_svc: {bu: Service, roles: [R_BU]}
    records:
      A1: {table: account, owner: U1}
    events:
      - {step: 1, op: change_business_unit, user: U1, to: Service, move_records: true}
      - {step: 2, op: assign_role, role: R_BU, to: U1}
"#;

#[test]
fn bu_8_changing_a_users_bu_removes_their_roles() {
    check(
        MOVE_USER,
        "{after: 1, who: U1, op: read, target: A1}",
        "deny [EVAL-2]",
    );
}

#[test]
fn bu_8_move_records_takes_owned_records_to_the_new_bu() {
    check(
        MOVE_USER,
        "{after: 1, who: Rd_svc, op: read, target: A1}",
        "allow",
    );
}

#[test]
fn bu_8_move_records_takes_owned_records_out_of_the_old_bu() {
    check(
        MOVE_USER,
        "{after: 1, who: Rd_s, op: read, target: A1}",
        "deny",
    );
}

#[test]
fn bu_8_a_role_from_the_new_bu_restores_access() {
    check(
        MOVE_USER,
        "{after: 2, who: U1, op: read, target: A1}",
        "allow",
    );
}

#[test]
fn bu_8_without_move_records_owned_records_stay_in_the_old_bu() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU: {privileges: {account: {read: bu}}}
        users:
          U1:   {bu: Sales, roles: [R_BU]}
          Rd_s: {bu: Sales, roles: [R_BU]}
        records:
          A1: {table: account, owner: U1}
        events:
          - {step: 1, op: change_business_unit, user: U1, to: Service, move_records: false}
        "#,
        "{after: 1, who: Rd_s, op: read, target: A1}",
        "allow",
    );
}

#[test]
fn bu_8_moved_user_is_in_the_new_bus_default_team() {
    // BU-4 + BU-8: default team membership follows the BU.
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU:  {privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Sales,   roles: [R_Own]}
          U2: {bu: Service, roles: [R_Own]}
        teams:
          Svc_Default: {type: default, bu: Service, roles: [R_BU]}
        records:
          A2: {table: account, owner: U2}
        events:
          - {step: 1, op: change_business_unit, user: U1, to: Service, move_records: true}
        "#,
        "{after: 1, who: U1, op: read, target: A2}",
        "allow",
    );
}

#[test]
fn bu_8_moved_user_leaves_the_old_bus_default_team() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU:  {privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
          U2: {bu: Sales, roles: [R_Own]}
        teams:
          Sales_Default: {type: default, bu: Sales, roles: [R_BU]}
        records:
          A2: {table: account, owner: U2}
        events:
          - {step: 1, op: change_business_unit, user: U1, to: Service, move_records: true}
        "#,
        "{after: 1, who: U1, op: read, target: A2}",
        "deny",
    );
}

#[test]
fn bu_8_modernized_do_not_remove_roles_keeps_roles() {
    check(
        r#"
        settings: {modernized_bu: true, DoNotRemoveRolesOnChangeBusinessUnit: true}
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
        records:
          A1: {table: account, owner: U1}
        events:
          - {step: 1, op: change_business_unit, user: U1, to: Service, move_records: true}
        "#,
        "{after: 1, who: U1, op: read, target: A1}",
        "allow",
    );
}

#[test]
fn bu_8_changing_a_teams_bu_removes_the_teams_roles() {
    // "Same for teams" [S18].
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU:  {privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
          U2: {bu: Service, roles: [R_Own]}
        teams:
          T1: {type: owner, bu: Sales, members: [U1], roles: [R_BU]}
        records:
          A_svc: {table: account, owner: U2}
        events:
          - {step: 1, op: change_business_unit, team: T1, to: Service, move_records: true}
        "#,
        "{after: 1, who: U1, op: read, target: A_svc}",
        "deny",
    );
}

#[test]
fn bu_9_bu_depth_covers_other_owners_in_the_same_bu() {
    check(TREE, "{who: Bu_s, op: read, target: A_s}", "allow [BU-9]");
}

#[test]
fn bu_9_bu_depth_excludes_child_bus() {
    // "Child BUs are not included."
    check(TREE, "{who: Bu_s, op: read, target: A_de}", "deny");
}

#[test]
fn bu_9_bu_depth_excludes_the_parent_bu() {
    check(TREE, "{who: Bu_s, op: read, target: A_root}", "deny");
}

#[test]
fn bu_9_pcbu_covers_the_context_bu_itself() {
    check(TREE, "{who: Deep_s, op: read, target: A_s}", "allow [BU-9]");
}

#[test]
fn bu_9_pcbu_reaches_a_child_bu() {
    check(
        TREE,
        "{who: Deep_s, op: read, target: A_uk}",
        "allow [BU-9]",
    );
}

#[test]
fn bu_9_pcbu_reaches_grandchild_bu() {
    // "every descendant at any depth".
    check(
        TREE,
        "{who: Deep_s, op: read, target: A_deb}",
        "allow [BU-9]",
    );
}

#[test]
fn bu_9_pcbu_excludes_the_parent_bu() {
    check(TREE, "{who: Deep_de, op: read, target: A_s}", "deny");
}

#[test]
fn bu_9_pcbu_excludes_a_sibling_bu() {
    check(TREE, "{who: Deep_de, op: read, target: A_uk}", "deny");
}

#[test]
fn bu_9_pcbu_excludes_another_branch() {
    check(TREE, "{who: Deep_s, op: read, target: A_svc}", "deny");
}

#[test]
fn bu_9_org_reaches_ancestors_and_other_branches() {
    // "A record in an ancestor or sibling BU is reachable by role depth only with org".
    check(
        TREE,
        "{who: Org_deb, op: read, target: A_svc}",
        "allow [BU-9]",
    );
}

#[test]
fn bu_9_org_reaches_the_root_bu_from_a_leaf() {
    check(TREE, "{who: Org_deb, op: read, target: A_root}", "allow");
}

#[test]
fn bu_7_a_team_owned_record_belongs_to_the_teams_bu() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU: {privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U_s: {bu: Sales, roles: [R_Own]}
          Rd_svc: {bu: Service, roles: [R_BU]}
        teams:
          T_svc: {type: owner, bu: Service, members: [U_s]}
        records:
          AT: {table: account, owner: T_svc}
        "#,
        "{who: Rd_svc, op: read, target: AT}",
        "allow [BU-9]",
    );
}

#[test]
fn bu_8_changing_a_teams_bu_with_move_records_moves_team_records() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU: {privileges: {account: {read: bu}}}
        users:
          Rd_svc: {bu: Service, roles: [R_BU]}
        teams:
          T1: {type: owner, bu: Sales}
        records:
          AT: {table: account, owner: T1}
        events:
          - {step: 1, op: change_business_unit, team: T1, to: Service, move_records: true}
        "#,
        "{after: 1, who: Rd_svc, op: read, target: AT}",
        "allow",
    );
}

#[test]
fn bu_8_modernized_always_move_false_leaves_owned_records_in_the_old_bu() {
    // "AlwaysMoveRecordToOwnerBusinessUnit (default true = owned records move to the new BU);
    // with the latter false 'the user will not be able to access these records unless ...'".
    check(
        r#"
        settings: {modernized_bu: true, AlwaysMoveRecordToOwnerBusinessUnit: false}
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU: {privileges: {account: {read: bu}}}
        users:
          U1:   {bu: Sales, roles: [R_BU]}
          Rd_s: {bu: Sales, roles: [R_BU]}
        records:
          A1: {table: account, owner: U1}
        events:
          - {step: 1, op: change_business_unit, user: U1, to: Service}
        "#,
        "{after: 1, who: Rd_s, op: read, target: A1}",
        "allow",
    );
}
