//! FLS-1..FLS-9: column security profiles (users and teams), System Administrator, no record
//! access from a profile, per-record column shares, several profiles.

use crate::check;

const COLUMNS: &str = r#"
    business_units: {Root: null}
    tables: {contact: user_or_team}
    secured_columns: [contact.mobilephone]
    field_security_profiles:
      P_Read:   {members: [U_mgr], permissions: {contact.mobilephone: {read: allowed}}}
      P_All:    {members: [U_vp], permissions: {contact.mobilephone: {read: allowed, create: allowed, update: allowed}}}
      P_Team:   {teams: [T_fls], permissions: {contact.mobilephone: {read: allowed}}}
      P_Update: {members: [U_upd, U_both], permissions: {contact.mobilephone: {update: allowed}}}
      P_Read2:  {members: [U_both], permissions: {contact.mobilephone: {read: allowed}}}
    roles:
      R_Org: {privileges: {contact: {create: org, read: org, write: org}}}
      R_Nothing: {privileges: {}}
    users:
      U_rep:  {bu: Root, roles: [R_Org]}
      U_mgr:  {bu: Root, roles: [R_Org]}
      U_vp:   {bu: Root, roles: [R_Org]}
      U_tm:   {bu: Root, roles: [R_Org]}
      U_upd:  {bu: Root, roles: [R_Org]}
      U_both: {bu: Root, roles: [R_Org]}
      U_cs:   {bu: Root, roles: [R_Org]}
      U_x:    {bu: Root, roles: [R_Nothing], field_security_profiles: [P_All]}
      U_csx:  {bu: Root, roles: [R_Nothing]}
      U_ro:   {bu: Root, roles: [R_Org]}
      U_ct:   {bu: Root, roles: [R_Org]}
      U_admin: {bu: Root, roles: [SystemAdministrator]}
    teams:
      T_fls: {type: owner, bu: Root, members: [U_tm]}
      T_cs:  {type: owner, bu: Root, members: [U_ct]}
    records:
      C1: {table: contact, owner: U_vp, values: {mobilephone: "+1 555 0100", lastname: Doe}}
      C2: {table: contact, owner: U_vp, values: {mobilephone: "+1 555 0101", lastname: Roe}}
    column_shares:
      - {record: C1, column: mobilephone, principal: U_cs,  readaccess: true, updateaccess: true}
      - {record: C1, column: mobilephone, principal: U_csx, readaccess: true, updateaccess: false}
      - {record: C1, column: mobilephone, principal: U_ro,  readaccess: false, updateaccess: false}
      - {record: C1, column: mobilephone, principal: T_cs,  readaccess: true, updateaccess: false}
"#;

#[test]
fn fls_2_a_profile_with_read_shows_the_column() {
    check(
        COLUMNS,
        "{who: U_mgr, op: read, target: C1, column: mobilephone}",
        "visible [FLS-2]",
    );
}

#[test]
fn fls_2_a_profile_of_a_team_of_the_user_shows_the_column() {
    // "column security profiles associated with users or teams".
    check(
        COLUMNS,
        "{who: U_tm, op: read, target: C1, column: mobilephone}",
        "visible",
    );
}

#[test]
fn fls_2_a_profile_with_update_only_does_not_show_the_column() {
    check(
        COLUMNS,
        "{who: U_upd, op: read, target: C1, column: mobilephone}",
        "hidden",
    );
}

#[test]
fn fls_2_a_profile_with_update_lets_the_column_be_updated() {
    check(
        COLUMNS,
        "{who: U_upd, op: update, target: C1, set: {mobilephone: '+1 555 0199'}}",
        "allow",
    );
}

#[test]
fn fls_2_a_profile_without_update_does_not_let_the_column_be_updated() {
    check(
        COLUMNS,
        "{who: U_mgr, op: update, target: C1, set: {mobilephone: '+1 555 0199'}}",
        "deny",
    );
}

#[test]
fn fls_2_setting_a_secured_column_on_create_needs_create_permission() {
    check(
        COLUMNS,
        "{who: U_mgr, op: create, table: contact, set: {mobilephone: '+1 555 0199'}}",
        "deny",
    );
}

#[test]
fn fls_2_a_profile_with_create_allows_setting_it_on_create() {
    check(
        COLUMNS,
        "{who: U_vp, op: create, table: contact, set: {mobilephone: '+1 555 0199'}}",
        "allow",
    );
}

#[test]
fn fls_3_without_a_profile_the_secured_column_is_hidden() {
    check(
        COLUMNS,
        "{who: U_rep, op: read, target: C1, column: mobilephone}",
        "hidden [FLS-3]",
    );
}

#[test]
fn fls_3_without_a_profile_the_secured_column_cannot_be_updated() {
    check(
        COLUMNS,
        "{who: U_rep, op: update, target: C1, set: {mobilephone: '+1 555 0199'}}",
        "deny",
    );
}

#[test]
fn fls_3_system_administrator_reads_every_secured_column() {
    check(
        COLUMNS,
        "{who: U_admin, op: read, target: C1, column: mobilephone}",
        "visible",
    );
}

#[test]
fn fls_3_system_administrator_updates_every_secured_column() {
    check(
        COLUMNS,
        "{who: U_admin, op: update, target: C1, set: {mobilephone: '+1 555 0199'}}",
        "allow",
    );
}

#[test]
fn fls_4_an_unsecured_column_follows_record_access() {
    check(
        COLUMNS,
        "{who: U_rep, op: read, target: C1, column: lastname}",
        "visible",
    );
}

#[test]
fn fls_4_a_profile_never_grants_record_access() {
    check(COLUMNS, "{who: U_x, op: read, target: C1}", "deny");
}

#[test]
fn fls_4_a_profile_does_not_reveal_a_column_of_an_unreadable_record() {
    // "a user must already have access to the record for the Field Security Profile to grant them
    // any access to the fields".
    check(
        COLUMNS,
        "{who: U_x, op: read, target: C1, column: mobilephone}",
        "deny",
    );
}

#[test]
fn fls_7_a_column_share_shows_the_column_on_that_record() {
    check(
        COLUMNS,
        "{who: U_cs, op: read, target: C1, column: mobilephone}",
        "visible [FLS-7]",
    );
}

#[test]
fn fls_7_a_column_share_is_for_one_record_only() {
    check(
        COLUMNS,
        "{who: U_cs, op: read, target: C2, column: mobilephone}",
        "hidden",
    );
}

#[test]
fn fls_7_a_column_share_with_a_team_reaches_its_members() {
    check(
        COLUMNS,
        "{who: U_ct, op: read, target: C1, column: mobilephone}",
        "visible",
    );
}

#[test]
fn fls_7_a_column_share_without_readaccess_keeps_it_hidden() {
    check(
        COLUMNS,
        "{who: U_ro, op: read, target: C1, column: mobilephone}",
        "hidden",
    );
}

#[test]
fn fls_7_a_column_share_with_updateaccess_lets_it_be_updated() {
    check(
        COLUMNS,
        "{who: U_cs, op: update, target: C1, set: {mobilephone: '+1 555 0199'}}",
        "allow",
    );
}

#[test]
fn fls_7_a_column_share_never_grants_record_access() {
    check(
        COLUMNS,
        "{who: U_csx, op: read, target: C1, column: mobilephone}",
        "deny",
    );
}

#[test]
fn fls_9_several_profiles_add_up() {
    // A-17: additive assumed.
    check(
        COLUMNS,
        "{who: U_both, op: read, target: C1, column: mobilephone}",
        "visible",
    );
}

#[test]
fn fls_3_system_administrator_sets_a_secured_column_on_create() {
    check(
        COLUMNS,
        "{who: U_admin, op: create, table: contact, owner: U_rep, set: {mobilephone: '+1 555 0199'}}",
        "allow",
    );
}
