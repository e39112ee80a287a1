//! ACT-1..ACT-2: one Activity privilege set for every activity table; activities are parental
//! children of their regarding record.

use crate::check;

const ACTS: &str = r#"
    business_units: {Root: null, Sales: Root}
    tables: {account: user_or_team, task: activity, email: activity, new_visit: custom_activity}
    relationships:
      account_task: {parent: account, child: task, lookup: regardingobjectid, cascade: {share: cascade, unshare: cascade, reparent: cascade, assign: cascade}}
    roles:
      R_Act: {privileges: {activity: {read: user, write: user, create: user}, account: {read: user, share: user}}}
      R_ActBU: {privileges: {activity: {read: bu}}}
      R_AccountOnly: {privileges: {account: {read: org}}}
    users:
      U1: {bu: Sales, roles: [R_Act]}
      U2: {bu: Sales, roles: [R_Act]}
      U3: {bu: Sales, roles: [R_ActBU]}
      U4: {bu: Sales, roles: [R_AccountOnly]}
    records:
      A2:  {table: account, owner: U2}
      T1:  {table: task, owner: U1}
      E1:  {table: email, owner: U1}
      V1:  {table: new_visit, owner: U1}
      T2:  {table: task, owner: U2, parent: {account_task: A2}}
      E2:  {table: email, owner: U2}
    shares:
      - {record: A2, principal: U1, rights: [read]}
"#;

#[test]
fn act_1_activity_read_covers_tasks() {
    check(ACTS, "{who: U1, op: read, target: T1}", "allow");
}

#[test]
fn act_1_activity_read_covers_emails() {
    check(ACTS, "{who: U1, op: read, target: E1}", "allow");
}

#[test]
fn act_1_activity_read_covers_custom_activities() {
    // "all the properties and privileges of the activitypointer table are inherited for the
    // custom activity".
    check(ACTS, "{who: U1, op: write, target: V1}", "allow");
}

#[test]
fn act_1_activity_bu_depth_covers_every_activity_type() {
    check(ACTS, "{who: U3, op: read, target: E2}", "allow [BU-9]");
}

#[test]
fn act_1_activity_create_covers_every_activity_type() {
    check(ACTS, "{who: U1, op: create, table: new_visit}", "allow");
}

#[test]
fn act_1_no_activity_privilege_no_activity() {
    check(ACTS, "{who: U4, op: read, target: T1}", "deny [EVAL-2]");
}

#[test]
fn act_1_a_privilege_cannot_be_set_for_one_activity_table() {
    // "one cannot grant Task read while denying Email read by role".
    check(
        ACTS,
        "{op: configure_role, role: R_Act, set: {task: {read: org}}}",
        "error",
    );
}

#[test]
fn act_2_a_share_of_the_regarding_record_cascades_to_the_activity() {
    check(ACTS, "{who: U1, op: read, target: T2}", "allow [CASC-3]");
}

#[test]
fn act_2_a_regarding_share_carries_only_its_rights() {
    check(ACTS, "{who: U1, op: write, target: T2}", "deny");
}
