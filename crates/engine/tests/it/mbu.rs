//! MBU-1..MBU-9: modernized business units (record ownership across business units).

use crate::check;

const MATRIX: &str = r#"
    settings: {modernized_bu: true}
    business_units: {Root: null, DivA: Root, DivB: Root}
    tables: {contact: user_or_team, businessunit: business_owned}
    roles:
      R_BU:  {privileges: {contact: {read: bu, write: bu, assign: bu}}}
      R_BUAppend: {privileges: {contact: {read: bu, write: bu, assign: bu}, businessunit: {appendto: bu}}}
      R_Own: {privileges: {contact: {read: user}}}
      R_Nothing: {privileges: {}}
    users:
      UserA: {bu: DivA, roles: [R_BU, {role: R_BU, from_bu: DivB}]}
      U_a:   {bu: DivA, roles: [R_Own]}
      U_b:   {bu: DivB, roles: [R_Own]}
      U_app: {bu: DivA, roles: [R_BUAppend]}
      U_grp: {bu: DivA, roles: [R_Nothing]}
      U_own: {bu: DivA, roles: [R_Own]}
    teams:
      G_DivB: {type: entra_security_group, bu: Root, members: [U_grp], roles: [{role: R_BU, from_bu: DivB}]}
    records:
      C_a:   {table: contact, owner: U_a}
      C_b:   {table: contact, owner: U_b}
      C_ab:  {table: contact, owner: U_a, owning_bu: DivB}
      C_root: {table: contact, owner: U_own, owning_bu: Root}
      C_mine: {table: contact, owner: U_own, owning_bu: DivB}
"#;

#[test]
fn mbu_2_a_role_from_the_users_bu_grants_that_bus_data() {
    // "Security role Y from Division A grants user A access to the Contact #1 and Contact #2".
    check(MATRIX, "{who: UserA, op: read, target: C_a}", "allow");
}

#[test]
fn mbu_2_a_role_from_another_bu_grants_that_bus_data() {
    // "Security role Y from Division B grants user A access to the Contact #3 record."
    check(
        MATRIX,
        "{who: UserA, op: read, target: C_b}",
        "allow [BU-9]",
    );
}

#[test]
fn mbu_3_records_are_matched_by_their_owning_bu() {
    check(MATRIX, "{who: U_app, op: read, target: C_ab}", "deny");
}

#[test]
fn mbu_3_a_role_from_the_records_owning_bu_reaches_it() {
    check(MATRIX, "{who: UserA, op: read, target: C_ab}", "allow");
}

#[test]
fn mbu_8_group_team_in_root_with_a_role_from_a_bu_grants_that_bus_data() {
    // "Their security roles grant access only to data in the corresponding business units."
    check(MATRIX, "{who: U_grp, op: read, target: C_b}", "allow");
}

#[test]
fn mbu_8_group_team_role_from_a_bu_does_not_grant_the_teams_own_bu() {
    check(MATRIX, "{who: U_grp, op: read, target: C_root}", "deny");
}

#[test]
fn mbu_4_owning_bu_cannot_be_set_without_the_feature() {
    check(
        MATRIX,
        "{variant: {modernized_bu: false}, who: U_app, op: update, target: C_a, set: {owningbusinessunit: DivB}}",
        "error",
    );
}

#[test]
fn mbu_4_owning_bu_needs_appendto_on_business_unit() {
    check(
        MATRIX,
        "{who: UserA, op: update, target: C_a, set: {owningbusinessunit: DivB}}",
        "deny [MBU-4]",
    );
}

#[test]
fn mbu_4_assign_that_moves_the_bu_needs_appendto_on_business_unit() {
    // "When assigning and the owning BU changes, the caller must have AppendTo access on the new
    // BU".
    check(
        MATRIX,
        "{who: UserA, op: assign, target: C_a, new_owner: U_b}",
        "deny",
    );
}

#[test]
fn mbu_4_assign_within_the_bu_needs_no_appendto_on_business_unit() {
    check(
        MATRIX,
        "{who: UserA, op: assign, target: C_a, new_owner: U_own}",
        "allow",
    );
}

#[test]
fn mbu_5_owner_keeps_access_to_an_owned_record_in_another_bu() {
    // "They need only a security role in any business unit with Read privilege for the record
    // table." A-6: RecomputeOwnershipAcrossBusinessUnits defaults to true under modernized BUs.
    check(
        MATRIX,
        "{who: U_own, op: read, target: C_mine}",
        "allow [EVAL-4]",
    );
}

#[test]
fn mbu_5_without_recompute_the_owner_needs_a_role_from_the_records_bu() {
    // A-6 other variant: "Owner 3 won't have access to these child records unless the owner has
    // a security role in business unit B".
    check(
        MATRIX,
        "{variant: {RecomputeOwnershipAcrossBusinessUnits: false}, who: U_own, op: read, target: C_mine}",
        "deny",
    );
}

#[test]
fn mbu_6_updating_only_the_bu_moves_the_record_not_the_owner() {
    check(
        r#"
        settings: {modernized_bu: true}
        business_units: {Root: null, DivA: Root, DivB: Root}
        tables: {contact: user_or_team, new_child: user_or_team}
        relationships:
          contact_child: {parent: contact, child: new_child, lookup: new_contactid, cascade: {assign: cascade}}
        roles:
          R_Own: {privileges: {contact: {read: user}, new_child: {read: user}}}
          R_BU:  {privileges: {contact: {read: bu}, new_child: {read: bu}}}
        users:
          U_a: {bu: DivA, roles: [R_Own]}
          Rd_b: {bu: DivB, roles: [R_BU]}
        records:
          C1: {table: contact, owner: U_a}
          K1: {table: new_child, owner: U_a, parent: {contact_child: C1}}
        events:
          - {step: 1, op: update, target: C1, set: {owningbusinessunit: DivB}}
        "#,
        "{after: 1, who: Rd_b, op: read, target: K1}",
        "allow",
    );
}

#[test]
fn mbu_7_turning_the_feature_off_realigns_owning_bu_with_the_owner() {
    // "the system also updates the Owning Business Unit field for each record to match the
    // owner's business unit when the values differ".
    check(
        r#"
        settings: {modernized_bu: true}
        business_units: {Root: null, DivA: Root, DivB: Root}
        tables: {contact: user_or_team}
        roles:
          R_BU: {privileges: {contact: {read: bu}}}
        users:
          U_a: {bu: DivA, roles: [R_BU]}
          Rd_a: {bu: DivA, roles: [R_BU]}
        records:
          C1: {table: contact, owner: U_a, owning_bu: DivB}
        "#,
        "{variant: {modernized_bu: false}, who: Rd_a, op: read, target: C1}",
        "allow",
    );
}

const ELEVATION: &str = r#"
    settings: {modernized_bu: true}
    business_units: {Root: null, DivA: Root, DivB: Root}
    tables: {contact: user_or_team, role: business_owned}
    roles:
      R_Admin: {privileges: {contact: {read: bu}, role: {read: org, assign: org}}}
      R_BU: {privileges: {contact: {read: bu}}}
    users:
      U1: {bu: DivA, roles: [R_Admin]}
      U2: {bu: DivA, roles: [R_Admin, {role: R_Admin, from_bu: DivB}]}
      U3: {bu: DivA, roles: [R_BU]}
"#;

#[test]
fn mbu_9_assigner_needs_the_privilege_level_from_that_bu() {
    // "you can't assign a security role from a different business unit to another user if you
    // don't have a security role with the appropriate privilege-level assigned from that
    // business unit."
    check(
        ELEVATION,
        "{who: U1, op: assign_role, role: {role: R_BU, from_bu: DivB}, to: U3}",
        "deny",
    );
}

#[test]
fn mbu_9_assigner_with_a_role_from_that_bu_may_assign() {
    check(
        ELEVATION,
        "{who: U2, op: assign_role, role: {role: R_BU, from_bu: DivB}, to: U3}",
        "allow",
    );
}

#[test]
fn mbu_5_without_recompute_a_role_from_the_records_bu_keeps_owner_access() {
    check(
        r#"
        settings: {modernized_bu: true, RecomputeOwnershipAcrossBusinessUnits: false}
        business_units: {Root: null, DivA: Root, DivB: Root}
        tables: {contact: user_or_team}
        roles:
          R_Own: {privileges: {contact: {read: user}}}
        users:
          U_own: {bu: DivA, roles: [R_Own, {role: R_Own, from_bu: DivB}]}
        records:
          C_mine: {table: contact, owner: U_own, owning_bu: DivB}
        "#,
        "{who: U_own, op: read, target: C_mine}",
        "allow",
    );
}

const MOVE_FALSE: &str = r#"
    settings: {modernized_bu: true, AlwaysMoveRecordToOwnerBusinessUnit: false}
    business_units: {Root: null, DivA: Root, DivB: Root}
    tables: {contact: user_or_team, new_child: user_or_team}
    relationships:
      contact_child: {parent: contact, child: new_child, lookup: new_contactid, cascade: {assign: cascade}}
    roles:
      R_Own: {privileges: {contact: {read: user, write: user, assign: user}, new_child: {read: user}}}
      R_BU:  {privileges: {contact: {read: bu}, new_child: {read: bu}}}
    users:
      U_a: {bu: DivA, roles: [R_Own]}
      U_b: {bu: DivB, roles: [R_Own]}
      Rd_a: {bu: DivA, roles: [R_BU]}
    records:
      C1: {table: contact, owner: U_a}
      K1: {table: new_child, owner: U_a, parent: {contact_child: C1}}
    events:
      - {step: 1, who: U_a, op: assign, target: C1, new_owner: U_b}
"#;

#[test]
fn mbu_6_always_move_false_assign_cascade_changes_the_childs_owner() {
    check(
        MOVE_FALSE,
        "{after: 1, who: U_b, op: read, target: K1}",
        "allow [EVAL-4]",
    );
}

#[test]
fn mbu_6_always_move_false_assign_cascade_keeps_the_childs_bu() {
    // "with false updating the owner does not change BU".
    check(
        MOVE_FALSE,
        "{after: 1, who: Rd_a, op: read, target: K1}",
        "allow [BU-9]",
    );
}
