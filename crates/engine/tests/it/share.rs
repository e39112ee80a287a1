//! SHARE-1..SHARE-8: GrantAccess, who may share, privileges still required, union, cascade,
//! assign, revoke.

use crate::check;

const BASE: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Owner:  {privileges: {account: {read: user, write: user, share: user, assign: user}}}
      R_NoShare: {privileges: {account: {read: org, write: org}}}
      R_BUShare: {privileges: {account: {read: bu, share: bu}}}
      R_RW:     {privileges: {account: {read: user, write: user}}}
      R_R:      {privileges: {account: {read: user}}}
    users:
      U1: {bu: Sales, roles: [R_Owner]}
      U2: {bu: Service, roles: [R_RW]}
      U3: {bu: Service, roles: [R_RW]}
      U4: {bu: Service, roles: [R_R]}
      U5: {bu: Sales, roles: [R_NoShare]}
      U6: {bu: Sales, roles: [R_BUShare]}
      U7: {bu: Sales, roles: [R_Owner]}
    records:
      A1: {table: account, owner: U1}
      A7: {table: account, owner: U7}
    shares:
      - {record: A1, principal: U2, rights: [read]}
      - {record: A1, principal: U3, rights: [write]}
      - {record: A1, principal: U4, rights: [read, write]}
    events:
      - {step: 1, who: U1, op: GrantAccess, target: A1, principal: U2, rights: [write]}
      - {step: 2, who: U1, op: RevokeAccess, target: A1, principal: U2}
"#;

#[test]
fn share_1_rights_differ_per_principal() {
    check(BASE, "{who: U2, op: write, target: A1}", "deny");
}

#[test]
fn share_1_a_write_share_does_not_give_read() {
    check(BASE, "{who: U3, op: read, target: A1}", "deny");
}

#[test]
fn share_1_grant_access_adds_rights_to_an_existing_share() {
    check(BASE, "{after: 1, who: U2, op: write, target: A1}", "allow");
}

#[test]
fn share_1_grant_access_keeps_the_rights_already_shared() {
    check(BASE, "{after: 1, who: U2, op: read, target: A1}", "allow");
}

#[test]
fn share_1_create_is_never_a_shared_right() {
    check(
        BASE,
        "{who: U1, op: GrantAccess, target: A1, principal: U2, rights: [create]}",
        "error",
    );
}

#[test]
fn share_2_owner_with_the_share_privilege_may_share() {
    check(
        BASE,
        "{who: U1, op: GrantAccess, target: A1, principal: U4, rights: [read]}",
        "allow",
    );
}

#[test]
fn share_2_owner_status_alone_does_not_share() {
    // A-22: "privilege required; owner status alone does not share".
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_RW: {privileges: {account: {read: user, write: user}}}
        users:
          U1: {bu: Root, roles: [R_RW]}
          U2: {bu: Root, roles: [R_RW]}
        records:
          A1: {table: account, owner: U1}
        "#,
        "{who: U1, op: GrantAccess, target: A1, principal: U2, rights: [read]}",
        "deny",
    );
}

#[test]
fn share_2_without_the_share_privilege_even_org_read_does_not_share() {
    check(
        BASE,
        "{who: U5, op: GrantAccess, target: A1, principal: U2, rights: [read]}",
        "deny",
    );
}

#[test]
fn share_2_share_depth_decides_which_records_can_be_shared() {
    // "Which records a user can share depends on the Share access level".
    check(
        BASE,
        "{who: U6, op: GrantAccess, target: A7, principal: U2, rights: [read]}",
        "allow",
    );
}

#[test]
fn share_2_user_level_share_covers_only_own_records() {
    check(
        BASE,
        "{who: U1, op: GrantAccess, target: A7, principal: U2, rights: [read]}",
        "deny",
    );
}

#[test]
fn share_3_share_without_the_privilege_has_no_effect() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team, contact: user_or_team}
        roles:
          R_Owner: {privileges: {account: {read: user, share: user}}}
          R_Contact: {privileges: {contact: {read: org}}}
        users:
          U1: {bu: Root, roles: [R_Owner]}
          U2: {bu: Root, roles: [R_Contact]}
        records:
          A1: {table: account, owner: U1}
        shares:
          - {record: A1, principal: U2, rights: [read]}
        "#,
        "{who: U2, op: read, target: A1}",
        "deny [EVAL-2]",
    );
}

#[test]
fn share_3_a_shared_write_needs_the_write_privilege() {
    check(BASE, "{who: U4, op: write, target: A1}", "deny [EVAL-2]");
}

#[test]
fn share_3_user_level_privilege_makes_the_shared_right_work() {
    check(BASE, "{who: U2, op: read, target: A1}", "allow [EVAL-6]");
}

#[test]
fn share_4_a_share_reaches_across_bus() {
    // U1 in Sales shares with U3 in Service, who has only User depth.
    check(BASE, "{who: U3, op: write, target: A1}", "allow [EVAL-6]");
}

#[test]
fn share_5_direct_and_team_shares_are_unioned() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_Owner: {privileges: {account: {read: user, write: user, share: user}}}
          R_RW: {privileges: {account: {read: user, write: user}}}
        users:
          U1: {bu: Root, roles: [R_Owner]}
          U3: {bu: Root, roles: [R_RW]}
        teams:
          T2: {type: owner, bu: Root, members: [U3]}
        records:
          A1: {table: account, owner: U1}
        shares:
          - {record: A1, principal: T2, rights: [write]}
          - {record: A1, principal: U3, rights: [read]}
        "#,
        "{who: U3, op: write, target: A1}",
        "allow",
    );
}

#[test]
fn share_5_user_and_organization_shares_are_unioned() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_Owner: {privileges: {account: {read: user, write: user, share: user}}}
          R_RW: {privileges: {account: {read: user, write: user}}}
        users:
          U1: {bu: Root, roles: [R_Owner]}
          U3: {bu: Root, roles: [R_RW]}
        records:
          A1: {table: account, owner: U1}
        shares:
          - {record: A1, principal: ORG, rights: [read]}
          - {record: A1, principal: U3, rights: [write]}
        "#,
        "{who: U3, op: read, target: A1}",
        "allow",
    );
}

const CASCADE: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team, new_child: user_or_team}
    relationships:
      account_child: {parent: account, child: new_child, lookup: new_accountid, cascade: {share: cascade, unshare: cascade, reparent: cascade, assign: cascade}}
    roles:
      R_Owner: {privileges: {account: {read: user, share: user}, new_child: {read: user, share: user}}}
      R_Both:  {privileges: {account: {read: user}, new_child: {read: user}}}
    users:
      U1: {bu: Root, roles: [R_Owner]}
      U2: {bu: Root, roles: [R_Both]}
    records:
      A1: {table: account, owner: U1}
      C1: {table: new_child, owner: U1, parent: {account_child: A1}}
    shares:
      - {record: A1, principal: U2, rights: [read]}
    events:
      - {step: 1, who: U1, op: RevokeAccess, target: A1, principal: U2}
      - {step: 2, who: U1, op: GrantAccess, target: C1, principal: U2, rights: [read]}
      - {step: 3, who: U1, op: GrantAccess, target: A1, principal: U2, rights: [read]}
      - {step: 4, who: U1, op: RevokeAccess, target: A1, principal: U2}
"#;

#[test]
fn share_6_a_child_inherits_the_parents_share() {
    check(CASCADE, "{who: U2, op: read, target: C1}", "allow");
}

#[test]
fn share_6_removing_the_parent_share_removes_the_inherited_access() {
    check(CASCADE, "{after: 1, who: U2, op: read, target: C1}", "deny");
}

#[test]
fn share_6_an_individual_child_share_survives_the_parent_revoke() {
    // "Child objects still could be shared to some of these users if they were shared
    // individually".
    check(
        CASCADE,
        "{after: 4, who: U2, op: read, target: C1}",
        "allow",
    );
}

const ASSIGN: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user, write: user, delete: user, assign: user, share: user}}}
      R_BUAssign: {privileges: {account: {read: bu, write: bu, assign: bu}}}
      R_R: {privileges: {account: {read: user}}}
      R_Contact: {privileges: {}}
    users:
      U1: {bu: Sales, roles: [R_Own]}
      U2: {bu: Service, roles: [R_Own]}
      U3: {bu: Sales, roles: [R_BUAssign]}
      U4: {bu: Sales, roles: [R_Contact]}
      U5: {bu: Sales, roles: [R_R]}
    records:
      A1: {table: account, owner: U1}
      A2: {table: account, owner: U2}
    events:
      - {step: 1, who: U1, op: assign, target: A1, new_owner: U2}
"#;

#[test]
fn share_7_previous_owner_keeps_a_share_after_assign_by_default() {
    // ShareToPreviousOwnerOnAssign: "the previous owner shares the record with all access rights".
    check(
        ASSIGN,
        "{after: 1, who: U1, op: write, target: A1}",
        "allow [EVAL-6]",
    );
}

#[test]
fn share_7_previous_owner_share_carries_all_access_rights() {
    check(
        ASSIGN,
        "{after: 1, who: U1, op: delete, target: A1}",
        "allow",
    );
}

#[test]
fn share_7_previous_owner_loses_access_without_share_to_previous_owner() {
    check(
        ASSIGN,
        "{after: 1, variant: {ShareToPreviousOwnerOnAssign: false}, who: U1, op: read, target: A1}",
        "deny",
    );
}

#[test]
fn share_7_new_owner_owns_the_record_after_assign() {
    check(
        ASSIGN,
        "{after: 1, who: U2, op: delete, target: A1}",
        "allow [EVAL-4]",
    );
}

#[test]
fn share_7_owner_with_user_assign_assigns_own_record_to_another_bu() {
    // N1 (non-authoritative): Assign = User lets a user assign their own record cross-BU.
    check(
        ASSIGN,
        "{who: U1, op: assign, target: A1, new_owner: U2}",
        "allow",
    );
}

#[test]
fn share_7_user_assign_does_not_reach_others_records() {
    check(
        ASSIGN,
        "{who: U1, op: assign, target: A2, new_owner: U1}",
        "deny",
    );
}

#[test]
fn share_7_bu_assign_reaches_records_in_the_bu() {
    check(
        ASSIGN,
        "{who: U3, op: assign, target: A1, new_owner: U5}",
        "allow",
    );
}

#[test]
fn share_7_bu_assign_does_not_reach_another_bu() {
    check(
        ASSIGN,
        "{who: U3, op: assign, target: A2, new_owner: U5}",
        "deny",
    );
}

#[test]
fn share_7_new_owner_without_read_is_an_invalid_request() {
    // A-26: "error (the request is invalid whatever the access)".
    check(
        ASSIGN,
        "{who: U1, op: assign, target: A1, new_owner: U4}",
        "error",
    );
}

#[test]
fn share_7_caller_without_access_and_invalid_new_owner_is_an_error() {
    // A-26: deny vs error → error.
    check(
        ASSIGN,
        "{who: U5, op: assign, target: A2, new_owner: U4}",
        "error",
    );
}

#[test]
fn share_8_owner_may_revoke_a_share() {
    check(
        BASE,
        "{who: U1, op: RevokeAccess, target: A1, principal: U2}",
        "allow",
    );
}

#[test]
fn share_8_a_stranger_may_not_revoke_a_share() {
    check(
        BASE,
        "{who: U2, op: RevokeAccess, target: A1, principal: U4}",
        "deny",
    );
}

#[test]
fn share_8_revoking_removes_the_shared_access() {
    check(BASE, "{after: 2, who: U2, op: read, target: A1}", "deny");
}

#[test]
fn share_8_owner_may_revoke_without_the_share_privilege() {
    // "As the owner of a record, you can revoke (remove) user access to your shared record".
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_R: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Root, roles: [R_R]}
          U2: {bu: Root, roles: [R_R]}
        records:
          A1: {table: account, owner: U1}
        shares:
          - {record: A1, principal: U2, rights: [read]}
        "#,
        "{who: U1, op: RevokeAccess, target: A1, principal: U2}",
        "allow",
    );
}

#[test]
fn share_7_assert_ownership_append_to_access_needs_appendto_on_the_assignee() {
    // APP-2 / MBU-4: "+ AppendTo on assignee if AssertOwnershipAppendToAccess".
    check(
        r#"
        settings: {AssertOwnershipAppendToAccess: true}
        business_units: {Root: null}
        tables: {account: user_or_team, systemuser: business_owned}
        roles:
          R_Own: {privileges: {account: {read: user, write: user, assign: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
          U2: {bu: Root, roles: [R_Own]}
        records:
          A1: {table: account, owner: U1}
        "#,
        "{who: U1, op: assign, target: A1, new_owner: U2}",
        "deny",
    );
}
