//! Events and variants of the scenario format (FORMAT.md): state changes applied in step order
//! and checks evaluated after them; per-check settings.

use crate::check;

const EVENTS: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user, write: user, share: user}}}
      R_BU:  {privileges: {account: {read: bu}}}
      R_Nothing: {privileges: {}}
    users:
      U1: {bu: Sales, roles: [R_Own]}
      U2: {bu: Sales, roles: [R_Nothing]}
      U3: {bu: Sales, roles: [R_Own]}
    records:
      A1: {table: account, owner: U1}
    events:
      - {step: 1, op: assign_role, role: R_BU, to: U2}
      - {step: 2, op: configure_role, role: R_BU, set: {account: {read: none}}}
      - {step: 3, who: U1, op: GrantAccess, target: A1, principal: U3, rights: [read]}
      - {step: 4, who: U1, op: RevokeAccess, target: A1, principal: U3}
"#;

#[test]
fn events_are_not_applied_without_after() {
    check(EVENTS, "{who: U2, op: read, target: A1}", "deny");
}

#[test]
fn events_assign_role_gives_the_roles_privileges() {
    check(EVENTS, "{after: 1, who: U2, op: read, target: A1}", "allow");
}

#[test]
fn events_configure_role_changes_the_roles_privileges() {
    check(EVENTS, "{after: 2, who: U2, op: read, target: A1}", "deny");
}

#[test]
fn events_grant_access_shares_the_record() {
    check(EVENTS, "{after: 3, who: U3, op: read, target: A1}", "allow");
}

#[test]
fn events_revoke_access_removes_the_share() {
    check(EVENTS, "{after: 4, who: U3, op: read, target: A1}", "deny");
}

#[test]
fn events_apply_in_step_order_not_document_order() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user, share: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
          U3: {bu: Root, roles: [R_Own]}
        records:
          A1: {table: account, owner: U1}
        events:
          - {step: 2, who: U1, op: GrantAccess, target: A1, principal: U3, rights: [read]}
          - {step: 1, who: U1, op: RevokeAccess, target: A1, principal: U3}
        "#,
        "{after: 2, who: U3, op: read, target: A1}",
        "allow",
    );
}

#[test]
fn events_add_user_to_record_team_shares_the_record_with_its_team() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: {ownership: user_or_team, auto_create_access_teams: true}}
        team_templates:
          TT_R: {table: account, rights: [read]}
        roles:
          R_Own: {privileges: {account: {read: user, share: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
          U2: {bu: Root, roles: [R_Own]}
        records:
          A1: {table: account, owner: U1}
        events:
          - {step: 1, who: U1, op: AddUserToRecordTeam, target: A1, template: TT_R, member: U2}
        "#,
        "{after: 1, who: U2, op: read, target: A1}",
        "allow [EVAL-6]",
    );
}

#[test]
fn variants_apply_before_events() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user, write: user, assign: user}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
          U2: {bu: Service, roles: [R_Own]}
        records:
          A1: {table: account, owner: U1}
        events:
          - {step: 1, who: U1, op: assign, target: A1, new_owner: U2}
        "#,
        "{after: 1, variant: {ShareToPreviousOwnerOnAssign: false}, who: U1, op: read, target: A1}",
        "deny",
    );
}

#[test]
fn check_access_lists_the_rights_of_the_user() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
        records:
          A1: {table: account, owner: U1}
        "#,
        "{op: CheckAccess, target: A1, principal: U1}",
        "Read: allow",
    );
}
