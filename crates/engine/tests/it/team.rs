//! TEAM-2..TEAM-11: owner, Entra group and access teams, member's privilege inheritance, team
//! role context, access-team templates, default BU teams.

use crate::check;

#[test]
fn team_2_member_reads_records_the_team_owns() {
    // "Owning Teams can own records, which gives any team member direct access to that record."
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user, write: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
        teams:
          T1: {type: owner, bu: Root, members: [U1]}
        records:
          AT: {table: account, owner: T1}
        "#,
        "{who: U1, op: write, target: AT}",
        "allow [EVAL-4]",
    );
}

#[test]
fn team_2_non_member_does_not_reach_team_records() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
          U2: {bu: Root, roles: [R_Own]}
        teams:
          T1: {type: owner, bu: Root, members: [U1]}
        records:
          AT: {table: account, owner: T1}
        "#,
        "{who: U2, op: read, target: AT}",
        "deny",
    );
}

const GROUPS: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team}
    roles:
      R_Grp: {privileges: {account: {create: user, read: user, write: user}}}
      R_Nothing: {privileges: {}}
    users:
      U_m: {bu: Root}
      U_o: {bu: Root}
      U_g: {bu: Root}
      U_x: {bu: Root, roles: [R_Nothing]}
    teams:
      G_members: {type: entra_security_group, bu: Root, membership_type: Members, entra_members: {U_m: member, U_g: guest}, roles: [R_Grp]}
      G_owners:  {type: entra_security_group, bu: Root, membership_type: Owners,  entra_members: {U_o: owner, U_m: member}, roles: [R_Grp]}
      G_guests:  {type: entra_security_group, bu: Root, membership_type: Guests,  entra_members: {U_g: guest, U_x: member}, roles: [R_Grp]}
    records:
      A_grp: {table: account, owner: G_members}
      A_own: {table: account, owner: U_m}
      A_oo:  {table: account, owner: G_owners}
      A_gg:  {table: account, owner: G_guests}
"#;

#[test]
fn team_3_group_team_member_reads_group_owned_records() {
    // "Similar to owner team, a Microsoft Entra group team can own records and can have security
    // roles assigned to the team".
    check(GROUPS, "{who: U_m, op: read, target: A_grp}", "allow");
}

#[test]
fn team_3_group_team_role_gives_members_own_record_access_without_a_personal_role() {
    // Members "do not need … an individual security role if your group team's security role has a
    // member's privilege inheritance and ... User level permission".
    check(GROUPS, "{who: U_m, op: read, target: A_own}", "allow");
}

#[test]
fn team_3_group_team_member_creates_records_owned_by_themself() {
    // "Team members can create and be an owner of records without the need to have an additional
    // security role assigned." [S8]
    check(GROUPS, "{who: U_m, op: create, table: account}", "allow");
}

#[test]
fn team_3_members_membership_type_excludes_guests() {
    check(GROUPS, "{who: U_g, op: read, target: A_grp}", "deny");
}

#[test]
fn team_3_owners_membership_type_includes_owners() {
    check(GROUPS, "{who: U_o, op: read, target: A_oo}", "allow");
}

#[test]
fn team_3_owners_membership_type_excludes_members() {
    check(GROUPS, "{who: U_m, op: read, target: A_oo}", "deny");
}

#[test]
fn team_3_guests_membership_type_includes_guests() {
    check(GROUPS, "{who: U_g, op: read, target: A_gg}", "allow");
}

#[test]
fn team_3_guests_membership_type_excludes_members() {
    check(GROUPS, "{who: U_x, op: read, target: A_gg}", "deny");
}

#[test]
fn team_4_an_access_team_cannot_hold_roles() {
    // The loader keeps going (one bad line must not cost the file's other checks), warns, and
    // the roles grant nothing; `validate` reports the same line as an error.
    let fixture = r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R1: {privileges: {account: {read: org}}}
        users:
          U1: {bu: Root, roles: []}
        teams:
          T_acc: {type: access, bu: Root, members: [U1], roles: [R1]}
        records:
          A1: {table: account, owner: admin}
        "#;
    let text = format!(
        "{}\nchecks:\n  - {{who: U1, op: read, target: A1, expect: deny}}\n",
        crate::trim_indent(fixture)
    );
    let loaded = engine::scenario::load(&text, &|_| Err("no base".into())).expect("loads");
    assert!(
        loaded.warnings.iter().any(|w| w.message.contains("TEAM-4")),
        "{:?}",
        loaded.warnings
    );
    let report = engine::scenario::run_scenario(&loaded);
    assert_eq!(
        report.checks[0].status,
        engine::scenario::CheckStatus::Pass,
        "{:?}",
        report.checks[0]
    );
}

const ACCESS: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user, write: user, assign: user, share: user}}}
      R_Nothing: {privileges: {}}
    users:
      U1: {bu: Sales, roles: [R_Own]}
      U2: {bu: Service, roles: [R_Own]}
      U3: {bu: Service, roles: [R_Nothing]}
    teams:
      T_acc: {type: access, bu: Sales, members: [U2, U3]}
    records:
      A1: {table: account, owner: U1}
      A2: {table: account, owner: U1}
      A3: {table: account, owner: U1}
    shares:
      - {record: A1, principal: T_acc, rights: [read]}
      - {record: A2, principal: T_acc, rights: [read, write]}
"#;

#[test]
fn team_4_access_team_member_reaches_a_record_shared_with_the_team() {
    // "Users get access because the record is shared with the team and the user is a member."
    check(ACCESS, "{who: U2, op: read, target: A1}", "allow [EVAL-6]");
}

#[test]
fn team_4_user_created_access_team_can_receive_many_records() {
    check(ACCESS, "{who: U2, op: write, target: A2}", "allow");
}

#[test]
fn team_4_access_team_member_needs_the_privilege() {
    check(ACCESS, "{who: U3, op: read, target: A1}", "deny [EVAL-2]");
}

#[test]
fn team_4_access_team_reaches_only_shared_records() {
    check(ACCESS, "{who: U2, op: read, target: A3}", "deny");
}

#[test]
fn team_4_an_access_team_cannot_own_a_new_record() {
    check(
        ACCESS,
        "{op: create, table: account, owner: T_acc}",
        "error",
    );
}

#[test]
fn team_4_a_record_cannot_be_assigned_to_an_access_team() {
    check(
        ACCESS,
        "{who: U1, op: assign, target: A3, new_owner: T_acc}",
        "error",
    );
}

#[test]
fn team_4_access_team_members_cannot_create_through_the_team() {
    // "access team members cannot create records using the access rights of the access team".
    check(ACCESS, "{who: U3, op: create, table: account}", "deny");
}

#[test]
fn team_4_a_role_cannot_be_assigned_to_an_access_team() {
    check(ACCESS, "{op: assign_role, role: R_Own, to: T_acc}", "error");
}

/// TEAM-6: one team role (User-level Read/Create/Write) per mode, no personal roles.
const MODES: &str = r#"
    business_units: {Root: null, Sales: Root}
    tables: {account: user_or_team}
    roles:
      R_TeamOnly: {inheritance: team_only, privileges: {account: {create: user, read: user, write: user}}}
      R_Direct:   {inheritance: direct,    privileges: {account: {create: user, read: user, write: user}}}
      R_Nothing:  {privileges: {}}
    users:
      U1: {bu: Sales, roles: [R_Nothing]}
      U2: {bu: Sales, roles: [R_Nothing]}
      D1: {bu: Sales, roles: [R_Nothing]}
      D2: {bu: Sales, roles: [R_Nothing]}
    teams:
      T_only:   {type: owner, bu: Sales, members: [U1, U2], roles: [R_TeamOnly]}
      T_direct: {type: owner, bu: Sales, members: [D1, D2], roles: [R_Direct]}
    records:
      A_T:  {table: account, owner: T_only}
      A_U1: {table: account, owner: U1}
      A_U2: {table: account, owner: U2}
      A_TD: {table: account, owner: T_direct}
      A_D1: {table: account, owner: D1}
      A_D2: {table: account, owner: D2}
"#;

#[test]
fn team_6_team_only_basic_read_covers_team_records() {
    check(MODES, "{who: U1, op: read, target: A_T}", "allow [TEAM-6]");
}

#[test]
fn team_6_team_only_basic_write_covers_team_records() {
    check(MODES, "{who: U1, op: write, target: A_T}", "allow");
}

#[test]
fn team_6_team_only_basic_read_does_not_cover_own_records() {
    // "the user will only be able make use of that privilege for records owned by the team".
    check(MODES, "{who: U1, op: read, target: A_U1}", "deny");
}

#[test]
fn team_6_team_only_basic_read_does_not_cover_other_members_records() {
    check(MODES, "{who: U1, op: read, target: A_U2}", "deny");
}

#[test]
fn team_6_team_only_creates_records_owned_by_the_team() {
    check(
        MODES,
        "{who: U1, op: create, table: account, owner: T_only}",
        "allow",
    );
}

#[test]
fn team_6_team_only_cannot_create_records_owned_by_the_member() {
    // "they can only create records with the team as the owner".
    check(
        MODES,
        "{who: U1, op: create, table: account, owner: U1}",
        "deny",
    );
}

#[test]
fn team_6_direct_mode_basic_read_covers_own_records() {
    // "When the Basic access level for Read is given to them, they can access records that are
    // owned by both themselves and by the team."
    check(MODES, "{who: D1, op: read, target: A_D1}", "allow [TEAM-6]");
}

#[test]
fn team_6_direct_mode_basic_read_covers_team_records() {
    check(MODES, "{who: D1, op: read, target: A_TD}", "allow");
}

#[test]
fn team_6_direct_mode_basic_read_does_not_cover_other_members_records() {
    // "In neither mode does a Basic team privilege expose records owned by other members".
    check(MODES, "{who: D1, op: read, target: A_D2}", "deny");
}

#[test]
fn team_6_direct_mode_creates_records_owned_by_the_member() {
    check(
        MODES,
        "{who: D1, op: create, table: account, owner: D1}",
        "allow",
    );
}

#[test]
fn team_6_direct_mode_creates_records_owned_by_the_team() {
    check(
        MODES,
        "{who: D1, op: create, table: account, owner: T_direct}",
        "allow",
    );
}

#[test]
fn team_6_team_only_member_with_own_basic_role_reads_own_records() {
    // "(unless another role gives them a user privilege)".
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_TeamOnly: {inheritance: team_only, privileges: {account: {read: user}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
        teams:
          T1: {type: owner, bu: Root, members: [U1], roles: [R_TeamOnly]}
        records:
          A_U1: {table: account, owner: U1}
        "#,
        "{who: U1, op: read, target: A_U1}",
        "allow",
    );
}

#[test]
fn team_6_team_only_bu_depth_covers_the_teams_bu() {
    // EVAL-10: role access by depth does not look at the inheritance mode.
    check(
        r#"
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_TeamBU: {inheritance: team_only, privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
          U2: {bu: Sales, roles: [R_Own]}
        teams:
          T1: {type: owner, bu: Sales, members: [U1], roles: [R_TeamBU]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{who: U1, op: read, target: A2}",
        "allow",
    );
}

const A5: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Direct_BU: {inheritance: direct, privileges: {account: {read: bu}}}
      R_Own: {privileges: {account: {read: user}}}
      R_Nothing: {privileges: {}}
    users:
      U1:    {bu: Sales,   roles: [R_Nothing]}
      U_s:   {bu: Sales,   roles: [R_Own]}
      U_svc: {bu: Service, roles: [R_Own]}
    teams:
      T_svc: {type: owner, bu: Service, members: [U1], roles: [R_Direct_BU]}
    records:
      A_s:   {table: account, owner: U_s}
      A_svc: {table: account, owner: U_svc}
      A_U1:  {table: account, owner: U1}
"#;

#[test]
fn team_6_direct_mode_depth_above_basic_stays_in_the_teams_bu() {
    // A-5: "Basic part direct, higher depth = team context".
    check(A5, "{who: U1, op: read, target: A_svc}", "allow");
}

#[test]
fn team_6_direct_mode_depth_above_basic_is_not_measured_from_the_members_bu() {
    check(A5, "{who: U1, op: read, target: A_s}", "deny");
}

#[test]
fn team_6_direct_mode_depth_above_basic_includes_the_basic_part() {
    check(A5, "{who: U1, op: read, target: A_U1}", "allow");
}

const OWNERS: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user}}}
      R_TeamOnlyUser: {inheritance: team_only, privileges: {account: {read: user}}}
      R_TeamOnlyOrg:  {inheritance: team_only, privileges: {account: {read: org}}}
      R_DirectUser:   {inheritance: direct,    privileges: {account: {read: user}}}
      R_Nothing: {privileges: {}}
    users:
      U1:      {bu: Root, roles: [R_Own]}
      U_tou:   {bu: Root, roles: [R_Nothing]}
      U_too:   {bu: Root, roles: [R_Nothing]}
      U_du:    {bu: Root, roles: [R_Nothing]}
      U_none:  {bu: Root, roles: [R_Nothing]}
    teams:
      T_tou: {type: owner, bu: Root, members: [U_tou], roles: [R_TeamOnlyUser]}
      T_too: {type: owner, bu: Root, members: [U_too], roles: [R_TeamOnlyOrg]}
      T_du:  {type: owner, bu: Root, members: [U_du],  roles: [R_DirectUser]}
      T_bare: {type: owner, bu: Root}
    records:
      A1: {table: account, owner: U1}
"#;

#[test]
fn team_6_new_owner_with_a_direct_read_role_may_own() {
    check(OWNERS, "{op: assign, target: A1, new_owner: U1}", "allow");
}

#[test]
fn team_6_new_owner_with_only_team_only_user_read_may_not_own() {
    // "a user can be made owner ... through a Team privileges only team role at Organization
    // level"; A-26: error.
    check(
        OWNERS,
        "{op: assign, target: A1, new_owner: U_tou}",
        "error",
    );
}

#[test]
fn team_6_new_owner_with_team_only_org_read_may_own() {
    check(
        OWNERS,
        "{op: assign, target: A1, new_owner: U_too}",
        "allow",
    );
}

#[test]
fn team_6_new_owner_with_direct_mode_team_read_may_own() {
    check(OWNERS, "{op: assign, target: A1, new_owner: U_du}", "allow");
}

#[test]
fn team_6_new_owner_without_read_may_not_own() {
    check(
        OWNERS,
        "{op: assign, target: A1, new_owner: U_none}",
        "error",
    );
}

#[test]
fn team_6_modernized_team_only_org_read_no_longer_lets_members_own() {
    // "With record ownership across BUs enabled, the team's security role Member's privilege
    // inheritance must be set to Direct User (Basic) access level and Team privileges to allow
    // team members to own records." [S20]
    check(
        OWNERS,
        "{variant: {modernized_bu: true}, op: assign, target: A1, new_owner: U_too}",
        "error",
    );
}

#[test]
fn team_8_owner_team_without_roles_cannot_become_owner() {
    // A-16: by analogy with [S20] the new owner must hold Read.
    check(
        OWNERS,
        "{op: assign, target: A1, new_owner: T_bare}",
        "error",
    );
}

#[test]
fn team_7_team_pcbu_is_measured_from_the_teams_bu() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, SalesDE: Sales, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_Deep: {privileges: {account: {read: pcbu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U_svc: {bu: Service, roles: [R_Own]}
          U_de:  {bu: SalesDE, roles: [R_Own]}
        teams:
          T_sales: {type: owner, bu: Sales, members: [U_svc], roles: [R_Deep]}
        records:
          A_de: {table: account, owner: U_de}
        "#,
        "{who: U_svc, op: read, target: A_de}",
        "allow [TEAM-7]",
    );
}

#[test]
fn team_8_a_team_roles_depth_grants_write_on_user_owned_records() {
    // A-25: "follow EVAL-10: a team role's depth grants any verb it lists".
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_TeamWrite: {privileges: {account: {read: bu, write: bu, delete: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Root, roles: [R_Own]}
          U2: {bu: Root, roles: [R_Own]}
        teams:
          T1: {type: owner, bu: Root, members: [U1], roles: [R_TeamWrite]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{who: U1, op: delete, target: A2}",
        "allow",
    );
}

/// TEAM-9: templates. SC-17 plus the cases it leaves out.
const TEMPLATES: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables:
      account: {ownership: user_or_team, auto_create_access_teams: true}
      contact: user_or_team
      new_child: user_or_team
    relationships:
      account_child: {parent: account, child: new_child, lookup: new_accountid, cascade: {share: cascade, unshare: cascade}}
    team_templates:
      TT_RW: {table: account, rights: [read, write]}
      TT_R:  {table: account, rights: [read]}
      TT_C:  {table: contact, rights: [read]}
      TT_Del: {table: account, rights: [read, delete]}
    roles:
      R_Owner:   {privileges: {account: {read: user, write: user, delete: user, share: user}, contact: {read: user, share: user}}}
      R_RW:      {privileges: {account: {read: user, write: user}, new_child: {read: user}, contact: {read: user}}}
      R_ShareNoRow: {privileges: {account: {read: user, write: user, share: user}}}
      R_TeamRW:  {privileges: {account: {read: user, write: user}}}
      R_Nothing: {privileges: {}}
    users:
      U1: {bu: Sales,   roles: [R_Owner]}
      U2: {bu: Service, roles: [R_RW]}
      U3: {bu: Service, roles: [R_RW]}
      U6: {bu: Sales,   roles: [R_ShareNoRow]}
      U7: {bu: Service, roles: [R_Nothing]}
    teams:
      T_rw: {type: owner, bu: Service, members: [U7], roles: [R_TeamRW]}
    records:
      A1: {table: account, owner: U1}
      A2: {table: account, owner: U1}
      C1: {table: new_child, owner: U1, parent: {account_child: A1}}
      K1: {table: contact, owner: U1}
    events:
      - {step: 1, who: U1, op: AddUserToRecordTeam, target: A1, template: TT_RW, member: U2}
      - {step: 2, who: U1, op: AddUserToRecordTeam, target: A1, template: TT_R, member: U3}
"#;

#[test]
fn team_9_member_gets_the_template_rights_on_the_record() {
    check(
        TEMPLATES,
        "{after: 1, who: U2, op: write, target: A1}",
        "allow [EVAL-6]",
    );
}

#[test]
fn team_9_the_record_team_is_for_one_record_only() {
    check(
        TEMPLATES,
        "{after: 1, who: U2, op: read, target: A2}",
        "deny",
    );
}

#[test]
fn team_9_the_template_reaches_related_records_by_cascade() {
    // "the template applies to the records of the specified entity type and the related
    // entities, according to the cascading rules".
    check(
        TEMPLATES,
        "{after: 1, who: U2, op: read, target: C1}",
        "allow",
    );
}

#[test]
fn team_9_several_templates_give_different_rights() {
    check(
        TEMPLATES,
        "{after: 2, who: U3, op: write, target: A1}",
        "deny",
    );
}

#[test]
fn team_9_read_template_member_reads() {
    check(
        TEMPLATES,
        "{after: 2, who: U3, op: read, target: A1}",
        "allow",
    );
}

#[test]
fn team_9_joiner_privileges_through_a_team_role_count() {
    check(
        TEMPLATES,
        "{who: U1, op: AddUserToRecordTeam, target: A1, template: TT_RW, member: U7}",
        "allow",
    );
}

#[test]
fn team_9_joiner_needs_the_privilege_of_every_template_right() {
    // "if the access team has Delete access rights on an account, the user must have Delete
    // privileges on the Account entity to join the team".
    check(
        TEMPLATES,
        "{who: U1, op: AddUserToRecordTeam, target: A1, template: TT_Del, member: U2}",
        "error",
    );
}

#[test]
fn team_9_only_tables_enabled_for_auto_created_access_teams() {
    check(
        TEMPLATES,
        "{who: U1, op: AddUserToRecordTeam, target: K1, template: TT_C, member: U2}",
        "error",
    );
}

#[test]
fn team_9_caller_needs_the_template_rights_on_the_row() {
    // Caller "must have the Share privilege on the table and the access rights on the row that
    // match the access rights provided in the template".
    check(
        TEMPLATES,
        "{who: U6, op: AddUserToRecordTeam, target: A1, template: TT_RW, member: U2}",
        "deny",
    );
}

#[test]
fn team_9_caller_needs_the_share_privilege() {
    check(
        TEMPLATES,
        "{who: U2, op: AddUserToRecordTeam, target: A1, template: TT_R, member: U3}",
        "deny",
    );
}

#[test]
fn team_11_default_team_role_is_measured_from_that_bu() {
    check(
        r#"
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_BU: {privileges: {account: {read: bu}}}
          R_Own: {privileges: {account: {read: user}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
          U_svc: {bu: Service, roles: [R_Own]}
        teams:
          Sales_Default: {type: default, bu: Sales, roles: [R_BU]}
        records:
          A_svc: {table: account, owner: U_svc}
        "#,
        "{who: U1, op: read, target: A_svc}",
        "deny",
    );
}
