//! NOTE-1..NOTE-3: notes are separately owned records with their own privileges, parental
//! children of the record they are attached to.

use crate::check;

const NOTES: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team, annotation: user_or_team}
    relationships:
      Account_Annotation: {parent: account, child: annotation, lookup: objectid, cascade: {assign: cascade, delete: cascade, reparent: cascade, share: cascade, unshare: cascade}}
    roles:
      R_Rep: {privileges: {account: {read: user, write: user, assign: user, share: user, appendto: user}, annotation: {create: user, read: user, write: user, append: user}}}
      R_AccountOnly: {privileges: {account: {read: org, write: org, assign: org, share: org, appendto: org}}}
      R_NoteBU: {privileges: {annotation: {read: bu}}}
      R_NoAppend: {privileges: {account: {read: user, appendto: user}, annotation: {create: user, read: user}}}
    users:
      U1: {bu: Sales, roles: [R_Rep]}
      U2: {bu: Service, roles: [R_Rep]}
      U3: {bu: Sales, roles: [R_Rep]}
      U4: {bu: Sales, roles: [R_AccountOnly]}
      Rd_s:   {bu: Sales, roles: [R_NoteBU]}
      Rd_svc: {bu: Service, roles: [R_NoteBU]}
      U6: {bu: Sales, roles: [R_NoAppend]}
    records:
      A1: {table: account, owner: U1}
      A6: {table: account, owner: U6}
      N1: {table: annotation, owner: U2, parent: {Account_Annotation: A1}}
    shares:
      - {record: A1, principal: U3, rights: [read]}
    events:
      - {step: 1, who: U1, op: assign, target: A1, new_owner: U3}
"#;

#[test]
fn note_1_account_privileges_do_not_pass_the_note_privilege_check() {
    // NOTE-3 (a): "holding Read on Account does not pass the privilege check for notes".
    check(NOTES, "{who: U4, op: read, target: N1}", "deny [EVAL-2]");
}

#[test]
fn note_1_note_depth_is_evaluated_on_the_notes_own_owning_bu() {
    // NOTE-3: "Role depth on notes is evaluated on the note's own owning BU."
    check(NOTES, "{who: Rd_svc, op: read, target: N1}", "allow [BU-9]");
}

#[test]
fn note_1_note_depth_does_not_follow_the_parents_bu() {
    check(NOTES, "{who: Rd_s, op: read, target: N1}", "deny");
}

#[test]
fn note_1_creating_a_note_on_a_record_needs_append_on_the_note() {
    // "the Create message on annotation requires prvCreateNote and prvAppendNote".
    check(
        NOTES,
        "{who: U6, op: create, table: annotation, set: {objectid: A6}}",
        "deny",
    );
}

#[test]
fn note_1_creating_a_note_on_own_record_with_append_and_appendto() {
    check(
        NOTES,
        "{who: U1, op: create, table: annotation, set: {objectid: A1}}",
        "allow",
    );
}

#[test]
fn note_1_creating_a_note_needs_appendto_on_the_parent_record() {
    check(
        NOTES,
        "{who: U2, op: create, table: annotation, set: {objectid: A1}}",
        "deny",
    );
}

#[test]
fn note_2_parent_owner_gets_inherited_access_to_a_note_owned_by_someone_else() {
    check(NOTES, "{who: U1, op: read, target: N1}", "allow [CASC-2]");
}

#[test]
fn note_2_parent_owner_may_write_the_note() {
    check(NOTES, "{who: U1, op: write, target: N1}", "allow");
}

#[test]
fn note_2_a_parent_share_cascades_to_the_note() {
    check(NOTES, "{who: U3, op: read, target: N1}", "allow [CASC-3]");
}

#[test]
fn note_2_assigning_the_parent_reassigns_the_note() {
    check(
        NOTES,
        "{after: 1, who: U3, op: write, target: N1}",
        "allow [EVAL-4]",
    );
}

#[test]
fn note_3_an_unrelated_user_with_basic_note_read_sees_nothing() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team, annotation: user_or_team}
        relationships:
          Account_Annotation: {parent: account, child: annotation, lookup: objectid, cascade: {reparent: cascade, share: cascade}}
        roles:
          R_Rep: {privileges: {account: {read: user}, annotation: {read: user}}}
        users:
          U1: {bu: Root, roles: [R_Rep]}
          U2: {bu: Root, roles: [R_Rep]}
          U3: {bu: Root, roles: [R_Rep]}
        records:
          A1: {table: account, owner: U1}
          N1: {table: annotation, owner: U2, parent: {Account_Annotation: A1}}
        "#,
        "{who: U3, op: read, target: N1}",
        "deny",
    );
}
