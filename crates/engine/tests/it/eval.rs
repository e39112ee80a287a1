//! EVAL-1..EVAL-10: privilege check, then access check by ownership, role depth, share and
//! hierarchy; System Administrator; union of rights.

use crate::check;

const SHARED: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team, contact: user_or_team}
    roles:
      R_Own:     {privileges: {account: {read: user, share: user}}}
      R_Contact: {privileges: {contact: {read: org}}}
      R_Nothing: {privileges: {}}
      R_TeamRead: {privileges: {account: {read: user}}}
    users:
      U1: {bu: Sales,   roles: [R_Own]}
      U_noacc: {bu: Sales, roles: [R_Contact]}
      U_team: {bu: Service, roles: [R_Nothing]}
    teams:
      T_read: {type: owner, bu: Service, members: [U_team], roles: [R_TeamRead]}
    records:
      A1: {table: account, owner: U1}
    shares:
      - {record: A1, principal: U_noacc, rights: [read, write]}
      - {record: A1, principal: U_team, rights: [read]}
"#;

#[test]
fn eval_1_a_share_is_not_looked_at_when_the_privilege_check_fails() {
    // "The access check only takes place once the privilege check passes."
    check(
        SHARED,
        "{who: U_noacc, op: read, target: A1}",
        "deny [EVAL-2]",
    );
}

#[test]
fn eval_2_a_privilege_on_another_table_does_not_pass() {
    check(
        SHARED,
        "{who: U_noacc, op: write, target: A1}",
        "deny [EVAL-2]",
    );
}

#[test]
fn eval_2_a_team_roles_privilege_passes_the_privilege_check() {
    // "... or [be a] member of a team that has a security role with the privilege assigned".
    check(
        SHARED,
        "{who: U_team, op: read, target: A1}",
        "allow [EVAL-6]",
    );
}

#[test]
fn eval_2_depth_is_ignored_by_the_privilege_check() {
    // "any level ≥ Basic passes": a User-level Read makes a share to another BU work.
    check(SHARED, "{who: U_team, op: read, target: A1}", "allow");
}

#[test]
fn eval_4_owner_with_basic_read_reads_own_record_in_another_bu() {
    // "any access level will suffice to have access regardless of the business unit the record
    // belongs to".
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
        records:
          A1: {table: account, owner: U1, owning_bu: Service}
        "#,
        "{who: U1, op: read, target: A1}",
        "allow [EVAL-4]",
    );
}

#[test]
fn eval_4_member_of_owning_team_with_any_level_reads_the_record() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
        teams:
          T_svc: {type: owner, bu: Service, members: [U1]}
        records:
          AT: {table: account, owner: T_svc}
        "#,
        "{who: U1, op: read, target: AT}",
        "allow [EVAL-4]",
    );
}

const TEAM_CTX: &str = r#"
    business_units: {Root: null, Sales: Root, SalesDE: Sales, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Own:  {privileges: {account: {read: user}}}
      R_BU:   {privileges: {account: {read: bu}}}
      R_Deep: {privileges: {account: {read: pcbu}}}
    users:
      U_bu:   {bu: Service, roles: [R_Own]}
      U_deep: {bu: Service, roles: [R_Own]}
      U_s:    {bu: Sales,   roles: [R_Own]}
      U_de:   {bu: SalesDE, roles: [R_Own]}
      U_root: {bu: Root,    roles: [R_Own]}
    teams:
      T_bu:   {type: owner, bu: Sales, members: [U_bu],   roles: [R_BU]}
      T_deep: {type: owner, bu: Sales, members: [U_deep], roles: [R_Deep]}
    records:
      A_s:    {table: account, owner: U_s}
      A_de:   {table: account, owner: U_de}
      A_root: {table: account, owner: U_root}
"#;

#[test]
fn eval_5_same_bu_as_a_team_of_the_user_needs_bu_from_that_team() {
    check(
        TEAM_CTX,
        "{who: U_bu, op: read, target: A_s}",
        "allow [EVAL-5]",
    );
}

#[test]
fn eval_5_bu_from_the_team_does_not_reach_the_teams_child_bu() {
    check(TEAM_CTX, "{who: U_bu, op: read, target: A_de}", "deny");
}

#[test]
fn eval_5_descendant_of_the_teams_bu_needs_pcbu() {
    check(
        TEAM_CTX,
        "{who: U_deep, op: read, target: A_de}",
        "allow [EVAL-5]",
    );
}

#[test]
fn eval_5_not_a_descendant_of_the_teams_bu_needs_org() {
    check(TEAM_CTX, "{who: U_deep, op: read, target: A_root}", "deny");
}

const SIX_WAYS: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team, new_child: user_or_team}
    relationships:
      account_child: {parent: account, child: new_child, lookup: new_accountid, cascade: {share: cascade, unshare: cascade}}
    roles:
      R_Own: {privileges: {account: {read: user}, new_child: {read: user}}}
      R_Nothing: {privileges: {}}
    users:
      U1: {bu: Sales, roles: [R_Own]}
      U2: {bu: Sales, roles: [R_Own]}
      U9: {bu: Service, roles: [R_Own]}
      U_np: {bu: Sales, roles: [R_Nothing]}
    teams:
      T2: {type: owner, bu: Service, members: [U2, U_np]}
    records:
      A_u:  {table: account, owner: U9}
      C_u:  {table: new_child, owner: U9, parent: {account_child: A_u}}
      A_t:  {table: account, owner: U9}
      C_t:  {table: new_child, owner: U9, parent: {account_child: A_t}}
      A_o:  {table: account, owner: U9}
    shares:
      - {record: A_u, principal: U1, rights: [read]}
      - {record: A_t, principal: T2, rights: [read]}
      - {record: A_o, principal: ORG, rights: [read]}
"#;

#[test]
fn eval_6_1_record_shared_with_the_user() {
    check(
        SIX_WAYS,
        "{who: U1, op: read, target: A_u}",
        "allow [EVAL-6]",
    );
}

#[test]
fn eval_6_2_related_record_shared_with_the_user() {
    check(
        SIX_WAYS,
        "{who: U1, op: read, target: C_u}",
        "allow [EVAL-6]",
    );
}

#[test]
fn eval_6_3_record_shared_with_a_team_of_the_user() {
    check(
        SIX_WAYS,
        "{who: U2, op: read, target: A_t}",
        "allow [EVAL-6]",
    );
}

#[test]
fn eval_6_4_related_record_shared_with_a_team_of_the_user() {
    check(
        SIX_WAYS,
        "{who: U2, op: read, target: C_t}",
        "allow [EVAL-6]",
    );
}

#[test]
fn eval_6_5_record_shared_with_the_organization() {
    check(
        SIX_WAYS,
        "{who: U2, op: read, target: A_o}",
        "allow [EVAL-6]",
    );
}

#[test]
fn eval_6_shared_access_needs_the_privilege_check_first() {
    // Each way is "provided the user passed the privilege check".
    check(
        SIX_WAYS,
        "{who: U_np, op: read, target: A_t}",
        "deny [EVAL-2]",
    );
}

#[test]
fn eval_6_org_share_needs_the_privilege_check_first() {
    check(
        SIX_WAYS,
        "{who: U_np, op: read, target: A_o}",
        "deny [EVAL-2]",
    );
}

#[test]
fn eval_6_share_of_one_record_does_not_reach_another() {
    check(SIX_WAYS, "{who: U1, op: read, target: A_t}", "deny");
}

#[test]
fn eval_7_hierarchy_access_only_for_tables_under_hierarchy_security() {
    check(
        r#"
        settings: {hierarchy: {model: manager, depth: 3, tables: [contact]}}
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team, contact: user_or_team}
        roles:
          R_Mgr: {privileges: {account: {read: bu}, contact: {read: bu}}}
          R_Rep: {privileges: {account: {read: user}, contact: {read: user}}}
        users:
          M:  {bu: Root,  roles: [R_Mgr]}
          R1: {bu: Sales, roles: [R_Rep], manager: M}
        records:
          A1: {table: account, owner: R1}
        "#,
        "{who: M, op: read, target: A1}",
        "deny",
    );
}

const ADMIN: &str = r#"
    business_units: {Root: null, Sales: Root}
    tables: {account: user_or_team, new_config: organization}
    secured_columns: [account.new_secret]
    roles:
      R_Own: {privileges: {account: {read: user}}}
    users:
      U1: {bu: Sales, roles: [R_Own]}
      U_grp: {bu: Sales}
    teams:
      G_admins: {type: entra_security_group, bu: Root, members: [U_grp], roles: [SystemAdministrator]}
    records:
      A1: {table: account, owner: U1, values: {new_secret: x}}
      K1: {table: new_config}
"#;

#[test]
fn eval_8_system_administrator_deletes_any_record() {
    check(
        ADMIN,
        "{who: admin, op: delete, target: A1}",
        "allow [EVAL-8]",
    );
}

#[test]
fn eval_8_system_administrator_reads_org_owned_records_without_declared_privileges() {
    check(ADMIN, "{op: read, target: K1}", "allow");
}

#[test]
fn eval_8_system_administrator_through_a_group_team_is_all_powerful() {
    // §12: System Administrator "should be assigned directly or via a security group".
    check(
        ADMIN,
        "{who: U_grp, op: write, target: A1}",
        "allow [EVAL-8]",
    );
}

#[test]
fn eval_8_system_administrator_creates_records_of_any_table() {
    check(ADMIN, "{op: create, table: account, owner: U1}", "allow");
}

#[test]
fn eval_9_rights_from_several_contexts_are_unioned() {
    // Read from depth, Write from a share: both hold.
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R1: {privileges: {account: {read: org, write: user}}}
        users:
          U1: {bu: Root, roles: [R1]}
          U2: {bu: Root, roles: [R1]}
        records:
          A2: {table: account, owner: U2}
        shares:
          - {record: A2, principal: U1, rights: [write]}
        "#,
        "{who: U1, op: write, target: A2}",
        "allow [EVAL-6]",
    );
}

#[test]
fn eval_10_shared_rights_are_per_verb() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R1: {privileges: {account: {read: user, write: user, delete: user}}}
        users:
          U1: {bu: Root, roles: [R1]}
          U2: {bu: Root, roles: [R1]}
        records:
          A2: {table: account, owner: U2}
        shares:
          - {record: A2, principal: U1, rights: [read, write]}
        "#,
        "{who: U1, op: delete, target: A2}",
        "deny",
    );
}
