//! APP-1..APP-4: operation → right mapping, create-and-own, lookups on create and update,
//! associate on 1:N and N:N.

use crate::check;

const LOOKUPS: &str = r#"
    business_units: {Root: null, Sales: Root}
    tables: {account: user_or_team, opportunity: user_or_team}
    relationships:
      account_opportunity: {parent: account, child: opportunity, lookup: parentaccountid}
      opportunity_account_nn: {type: many_to_many, parent: opportunity, child: account}
    roles:
      R_Full: {privileges: {account: {read: user, write: user, appendto: user, append: user}, opportunity: {create: user, read: user, write: user, append: user, appendto: user}}}
      R_NoAppend: {privileges: {account: {read: user, appendto: user}, opportunity: {create: user, read: user, write: user}}}
      R_NoAppendTo: {privileges: {account: {read: user}, opportunity: {create: user, read: user, write: user, append: user}}}
      R_BUAppendTo: {privileges: {account: {read: bu, appendto: bu}, opportunity: {create: user, read: user, write: user, append: user}}}
      R_AppendToOnly: {privileges: {account: {read: user, appendto: user}, opportunity: {read: user, appendto: user}}}
      R_ReadOnly: {privileges: {account: {read: user}, opportunity: {read: user}}}
    users:
      U1: {bu: Sales, roles: [R_Full]}
      U2: {bu: Sales, roles: [R_NoAppend]}
      U3: {bu: Sales, roles: [R_NoAppendTo]}
      U4: {bu: Sales, roles: [R_BUAppendTo]}
      U5: {bu: Sales, roles: [R_AppendToOnly]}
      U6: {bu: Sales, roles: [R_ReadOnly]}
    records:
      A1: {table: account, owner: U1}
      A2: {table: account, owner: U2}
      A3: {table: account, owner: U3}
      A5: {table: account, owner: U5}
      O1: {table: opportunity, owner: U1}
      O1b: {table: opportunity, owner: U1, parent: {account_opportunity: A1}}
      O5: {table: opportunity, owner: U5}
      O6: {table: opportunity, owner: U6}
"#;

#[test]
fn app_1_update_needs_write() {
    check(
        LOOKUPS,
        "{who: U6, op: update, target: O6, set: {name: Big deal}}",
        "deny",
    );
}

#[test]
fn app_1_update_with_write() {
    check(
        LOOKUPS,
        "{who: U1, op: update, target: O1, set: {name: Big deal}}",
        "allow",
    );
}

#[test]
fn app_1_delete_needs_the_delete_right() {
    check(
        LOOKUPS,
        "{who: U1, op: delete, target: O1}",
        "deny [EVAL-2]",
    );
}

#[test]
fn app_2_create_and_own_needs_read() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_CreateOnly: {privileges: {account: {create: org}}}
        users:
          U1: {bu: Root, roles: [R_CreateOnly]}
        "#,
        "{who: U1, op: create, table: account}",
        "deny",
    );
}

#[test]
fn app_3_create_with_a_lookup_needs_append_and_appendto() {
    // "To create an opportunity, you must have the access right appendto on accounts and the
    // access right append on opportunities."
    check(
        LOOKUPS,
        "{who: U1, op: create, table: opportunity, set: {parentaccountid: A1}}",
        "allow",
    );
}

#[test]
fn app_3_create_with_a_lookup_without_append_on_the_child() {
    check(
        LOOKUPS,
        "{who: U2, op: create, table: opportunity, set: {parentaccountid: A2}}",
        "deny [APP-3]",
    );
}

#[test]
fn app_3_create_with_a_lookup_without_appendto_on_the_parent() {
    check(
        LOOKUPS,
        "{who: U3, op: create, table: opportunity, set: {parentaccountid: A3}}",
        "deny [APP-3]",
    );
}

#[test]
fn app_3_appendto_is_evaluated_at_its_depth_against_the_parent() {
    // U1's Append To on accounts is User level; A2 belongs to U2.
    check(
        LOOKUPS,
        "{who: U1, op: create, table: opportunity, set: {parentaccountid: A2}}",
        "deny",
    );
}

#[test]
fn app_3_appendto_at_bu_depth_reaches_another_users_parent() {
    check(
        LOOKUPS,
        "{who: U4, op: create, table: opportunity, set: {parentaccountid: A1}}",
        "allow",
    );
}

#[test]
fn app_3_create_without_a_lookup_needs_no_append() {
    check(
        LOOKUPS,
        "{who: U2, op: create, table: opportunity}",
        "allow",
    );
}

#[test]
fn app_3_setting_a_lookup_on_update_needs_appendto_on_the_new_parent() {
    check(
        LOOKUPS,
        "{who: U1, op: update, target: O1, set: {parentaccountid: A2}}",
        "deny",
    );
}

#[test]
fn app_3_setting_a_lookup_on_update_with_append_and_appendto() {
    check(
        LOOKUPS,
        "{who: U1, op: update, target: O1, set: {parentaccountid: A1}}",
        "allow",
    );
}

#[test]
fn app_1_associate_one_to_many_needs_append_and_appendto() {
    check(
        LOOKUPS,
        "{who: U1, op: associate, relationship: account_opportunity, records: [O1, A1]}",
        "allow",
    );
}

#[test]
fn app_1_associate_one_to_many_without_append_on_the_child() {
    check(
        LOOKUPS,
        "{who: U5, op: associate, relationship: account_opportunity, records: [O5, A5]}",
        "deny",
    );
}

#[test]
fn app_1_associate_one_to_many_without_appendto_on_the_parent() {
    check(
        LOOKUPS,
        "{who: U1, op: associate, relationship: account_opportunity, records: [O1, A2]}",
        "deny",
    );
}

#[test]
fn app_4_many_to_many_with_append_and_appendto_on_both() {
    // A-8: both readings allow.
    check(
        LOOKUPS,
        "{who: U1, op: associate, relationship: opportunity_account_nn, records: [O1, A1]}",
        "allow",
    );
}

#[test]
fn app_4_many_to_many_without_append_on_either_table() {
    // A-8: "asserts only the documented deny".
    check(
        LOOKUPS,
        "{who: U5, op: associate, relationship: opportunity_account_nn, records: [O5, A5]}",
        "deny",
    );
}

#[test]
fn app_4_many_to_many_on_a_record_the_user_cannot_append() {
    check(
        LOOKUPS,
        "{who: U1, op: associate, relationship: opportunity_account_nn, records: [O1, A2]}",
        "deny",
    );
}
