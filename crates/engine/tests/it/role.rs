//! ROLE-2..ROLE-13: depth inclusion, Basic exactly, additivity, organization-owned tables,
//! role context, create, anti-elevation, misc privileges, predefined roles (§12).

use crate::check;

const DEPTHS: &str = r#"
    business_units: {Root: null, Sales: Root, SalesDE: Sales}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user}}}
      R_Org: {privileges: {account: {read: org}}}
      R_Deep: {privileges: {account: {read: pcbu}}}
    users:
      U_org:  {bu: Sales,   roles: [R_Org]}
      U_deep: {bu: Sales,   roles: [R_Deep]}
      U_own:  {bu: Sales,   roles: [R_Own]}
      U_o2:   {bu: Sales,   roles: [R_Own]}
      U_de:   {bu: SalesDE, roles: [R_Own]}
    records:
      A_org:  {table: account, owner: U_org}
      A_deep: {table: account, owner: U_deep}
      A_own:  {table: account, owner: U_own}
      A_o2:   {table: account, owner: U_o2}
      A_de:   {table: account, owner: U_de}
"#;

#[test]
fn role_2_org_includes_basic_own_records() {
    // "Users who have Global access automatically have Deep, Local, and Basic access".
    check(DEPTHS, "{who: U_org, op: read, target: A_org}", "allow");
}

#[test]
fn role_2_pcbu_includes_local_records() {
    check(DEPTHS, "{who: U_deep, op: read, target: A_own}", "allow");
}

#[test]
fn role_2_pcbu_includes_basic_own_records() {
    check(DEPTHS, "{who: U_deep, op: read, target: A_deep}", "allow");
}

#[test]
fn role_3_basic_reads_own_record() {
    check(
        DEPTHS,
        "{who: U_own, op: read, target: A_own}",
        "allow [EVAL-4]",
    );
}

#[test]
fn role_3_basic_does_not_read_another_users_record_in_the_same_bu() {
    check(DEPTHS, "{who: U_own, op: read, target: A_o2}", "deny");
}

const BASIC_SHARES: &str = r#"
    business_units: {Root: null, Sales: Root}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user}}}
    users:
      U1: {bu: Sales, roles: [R_Own]}
      U2: {bu: Sales, roles: [R_Own]}
      U9: {bu: Sales, roles: [R_Own]}
    teams:
      T1: {type: owner, bu: Sales, members: [U1, U2]}
    records:
      A_u1:  {table: account, owner: U1}
      A_u2:  {table: account, owner: U2}
      A_t1:  {table: account, owner: T1}
      A_sh:  {table: account, owner: U9}
      A_tsh: {table: account, owner: U9}
      A_org: {table: account, owner: U9}
    shares:
      - {record: A_sh,  principal: U1,  rights: [read]}
      - {record: A_tsh, principal: T1,  rights: [read]}
      - {record: A_org, principal: ORG, rights: [read]}
"#;

#[test]
fn role_3_basic_reads_records_owned_by_a_team_of_the_user() {
    check(
        BASIC_SHARES,
        "{who: U1, op: read, target: A_t1}",
        "allow [EVAL-4]",
    );
}

#[test]
fn role_3_basic_reads_records_shared_with_the_user() {
    check(
        BASIC_SHARES,
        "{who: U1, op: read, target: A_sh}",
        "allow [EVAL-6]",
    );
}

#[test]
fn role_3_basic_reads_records_shared_with_a_team_of_the_user() {
    check(
        BASIC_SHARES,
        "{who: U1, op: read, target: A_tsh}",
        "allow [EVAL-6]",
    );
}

#[test]
fn role_3_basic_reads_records_shared_with_the_organization() {
    // A-12: "yes".
    check(
        BASIC_SHARES,
        "{who: U1, op: read, target: A_org}",
        "allow [EVAL-6]",
    );
}

#[test]
fn role_3_basic_does_not_read_records_of_other_team_members() {
    // "Basic does not include records owned by other members of one's teams".
    check(BASIC_SHARES, "{who: U1, op: read, target: A_u2}", "deny");
}

#[test]
fn role_4_privileges_of_several_roles_add_up() {
    check(
        r#"
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
          R_BUWrite: {privileges: {account: {write: bu}}}
        users:
          U1: {bu: Sales, roles: [R_Own, R_BUWrite]}
          U2: {bu: Sales, roles: [R_Own]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{who: U1, op: write, target: A2}",
        "allow",
    );
}

#[test]
fn role_4_a_none_in_one_role_never_removes_access_of_another() {
    // "you can't go back and hide a single record"; no deny rules.
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_None: {privileges: {account: {read: none}}}
          R_Org:  {privileges: {account: {read: org}}}
        users:
          U1: {bu: Root, roles: [R_None, R_Org]}
          U2: {bu: Root, roles: [R_None]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{who: U1, op: read, target: A2}",
        "allow",
    );
}

#[test]
fn role_4_team_roles_add_to_direct_roles() {
    check(
        r#"
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_Own: {privileges: {account: {read: user}}}
          R_Write: {privileges: {account: {write: bu}}}
        users:
          U1: {bu: Sales, roles: [R_Own]}
          U2: {bu: Sales, roles: [R_Own]}
        teams:
          T1: {type: owner, bu: Sales, members: [U1], roles: [R_Write]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{who: U1, op: write, target: A2}",
        "allow",
    );
}

const ORG_OWNED: &str = r#"
    business_units: {Root: null, Sales: Root, SalesDE: Sales}
    tables: {new_config: organization, account: user_or_team}
    roles:
      R_CfgRead: {privileges: {new_config: {read: org}}}
      R_AccOrg:  {privileges: {account: {read: org}}}
    users:
      U1: {bu: SalesDE, roles: [R_CfgRead]}
      U2: {bu: Sales,   roles: [R_AccOrg]}
    records:
      K1: {table: new_config}
"#;

#[test]
fn role_5_org_owned_privilege_is_an_on_switch() {
    check(
        ORG_OWNED,
        "{who: U1, op: read, target: K1}",
        "allow [ROLE-5]",
    );
}

#[test]
fn role_5_org_owned_without_the_privilege_is_off() {
    check(
        ORG_OWNED,
        "{who: U2, op: read, target: K1}",
        "deny [EVAL-2]",
    );
}

#[test]
fn role_5_org_owned_table_refuses_bu_depth() {
    check(
        ORG_OWNED,
        "{op: configure_role, role: R_CfgRead, set: {new_config: {read: bu}}}",
        "error",
    );
}

#[test]
fn role_5_org_owned_table_refuses_user_depth() {
    check(
        ORG_OWNED,
        "{op: configure_role, role: R_CfgRead, set: {new_config: {write: user}}}",
        "error",
    );
}

#[test]
fn role_5_org_owned_table_refuses_pcbu_depth() {
    check(
        ORG_OWNED,
        "{op: configure_role, role: R_CfgRead, set: {new_config: {delete: pcbu}}}",
        "error",
    );
}

#[test]
fn role_5_org_owned_table_accepts_org_and_none() {
    check(
        ORG_OWNED,
        "{op: configure_role, role: R_CfgRead, set: {new_config: {write: org, delete: none}}}",
        "allow",
    );
}

#[test]
fn role_5_user_owned_table_accepts_every_depth() {
    check(
        ORG_OWNED,
        "{op: configure_role, role: R_AccOrg, set: {account: {read: user, write: bu, delete: pcbu}}}",
        "allow",
    );
}

#[test]
fn role_5_org_owned_record_cannot_be_assigned() {
    // "Org-owned records cannot be assigned or shared" [interp]; A-26: invalid whatever the access.
    check(
        ORG_OWNED,
        "{op: assign, target: K1, new_owner: U2}",
        "error",
    );
}

#[test]
fn role_5_org_owned_record_cannot_be_shared() {
    check(
        ORG_OWNED,
        "{op: GrantAccess, target: K1, principal: U2, rights: [read]}",
        "error",
    );
}

const MISC: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team}
    roles:
      R1: {privileges: {account: {read: org}}, misc: {prvExportToExcel: none}}
"#;

#[test]
fn role_6_misc_privilege_refuses_bu_depth() {
    check(
        MISC,
        "{op: configure_role, role: R1, set_misc: {prvBulkDelete: bu}}",
        "error",
    );
}

#[test]
fn role_6_misc_privilege_refuses_user_depth() {
    check(
        MISC,
        "{op: configure_role, role: R1, set_misc: {prvActOnBehalfOfAnotherUser: user}}",
        "error",
    );
}

#[test]
fn role_6_misc_privilege_refuses_pcbu_depth() {
    check(
        MISC,
        "{op: configure_role, role: R1, set_misc: {prvReparentBusinessUnit: pcbu}}",
        "error",
    );
}

#[test]
fn role_6_misc_privilege_accepts_org() {
    check(
        MISC,
        "{op: configure_role, role: R1, set_misc: {prvBulkDelete: org}}",
        "allow",
    );
}

#[test]
fn role_13_privacy_privilege_refuses_bu_depth() {
    check(
        MISC,
        "{op: configure_role, role: R1, set_misc: {prvExportToExcel: bu}}",
        "error [ROLE-6]",
    );
}

#[test]
fn role_13_privacy_privilege_accepts_none() {
    check(
        MISC,
        "{op: configure_role, role: R1, set_misc: {prvPrint: none}}",
        "allow",
    );
}

const CONTEXT: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_BU:  {privileges: {account: {read: bu}}}
      R_Own: {privileges: {account: {read: user}}}
    users:
      U1:    {bu: Sales,   roles: [R_BU]}
      U_tm:  {bu: Sales,   roles: [R_Own]}
      U_s:   {bu: Sales,   roles: [R_Own]}
      U_svc: {bu: Service, roles: [R_Own]}
    teams:
      T_svc: {type: owner, bu: Service, members: [U_tm], roles: [R_BU]}
    records:
      A_s:   {table: account, owner: U_s}
      A_svc: {table: account, owner: U_svc}
"#;

#[test]
fn role_8_direct_role_is_measured_from_the_users_bu() {
    check(CONTEXT, "{who: U1, op: read, target: A_s}", "allow");
}

#[test]
fn role_8_direct_role_does_not_cover_another_bu() {
    check(CONTEXT, "{who: U1, op: read, target: A_svc}", "deny");
}

#[test]
fn role_8_team_role_is_measured_from_the_teams_bu() {
    check(
        CONTEXT,
        "{who: U_tm, op: read, target: A_svc}",
        "allow [ROLE-8]",
    );
}

#[test]
fn role_8_team_role_does_not_cover_the_members_own_bu() {
    check(CONTEXT, "{who: U_tm, op: read, target: A_s}", "deny");
}

const CREATE: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team}
    roles:
      R_CreateOnly: {privileges: {account: {create: user}}}
      R_CreateRead: {privileges: {account: {create: user, read: user}}}
      R_ReadOnly:   {privileges: {account: {read: org}}}
    users:
      U1: {bu: Root, roles: [R_CreateOnly]}
      U2: {bu: Root, roles: [R_CreateRead]}
      U3: {bu: Root, roles: [R_ReadOnly]}
"#;

#[test]
fn role_9_create_and_own_needs_read_as_well_as_create() {
    check(
        CREATE,
        "{who: U1, op: create, table: account, owner: U1}",
        "deny",
    );
}

#[test]
fn role_9_create_and_own_with_create_and_read_at_user_depth() {
    check(CREATE, "{who: U2, op: create, table: account}", "allow");
}

#[test]
fn role_9_create_needs_the_create_privilege() {
    check(
        CREATE,
        "{who: U3, op: create, table: account}",
        "deny [EVAL-2]",
    );
}

const ASSIGN_ROLE: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team, role: business_owned}
    roles:
      R_Assigner: {privileges: {account: {read: bu}, role: {read: org, assign: org}}}
      R_Small: {privileges: {account: {read: user}}}
      R_Big:   {privileges: {account: {read: org}}}
      R_Equal: {privileges: {account: {read: bu}}}
      R_Misc:  {privileges: {account: {read: user}}, misc: {prvExportToExcel: org}}
      R_NoRoleTable: {privileges: {account: {read: org}}}
    users:
      U1: {bu: Root, roles: [R_Assigner]}
      U2: {bu: Root, roles: [R_Small]}
      U3: {bu: Root, roles: [R_NoRoleTable]}
"#;

#[test]
fn role_10_assigner_may_assign_a_role_with_fewer_privileges() {
    check(
        ASSIGN_ROLE,
        "{who: U1, op: assign_role, role: R_Small, to: U2}",
        "allow",
    );
}

#[test]
fn role_10_assigner_may_assign_a_role_with_equal_privileges() {
    check(
        ASSIGN_ROLE,
        "{who: U1, op: assign_role, role: R_Equal, to: U2}",
        "allow",
    );
}

#[test]
fn role_10_assigner_cannot_assign_a_deeper_privilege_than_they_hold() {
    // "can't assign someone else to a security role that has more privileges than the assigner".
    check(
        ASSIGN_ROLE,
        "{who: U1, op: assign_role, role: R_Big, to: U2}",
        "deny [ROLE-10]",
    );
}

#[test]
fn role_10_assigner_cannot_assign_a_misc_privilege_they_do_not_hold() {
    check(
        ASSIGN_ROLE,
        "{who: U1, op: assign_role, role: R_Misc, to: U2}",
        "deny [ROLE-10]",
    );
}

#[test]
fn role_10_assigner_needs_assign_on_security_role() {
    // "The assigner needs Read + Assign on Security Role".
    check(
        ASSIGN_ROLE,
        "{who: U3, op: assign_role, role: R_Small, to: U2}",
        "deny",
    );
}

#[test]
fn role_11_a_user_without_any_role_has_no_access_even_to_owned_records() {
    // "The service doesn't allow access to users who don't have at least one security role."
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        users:
          U1: {bu: Root}
        records:
          A1: {table: account, owner: U1}
        "#,
        "{who: U1, op: read, target: A1}",
        "deny",
    );
}

#[test]
fn predefined_system_administrator_cannot_be_edited() {
    // §12: "can't be edited".
    check(
        MISC,
        "{op: configure_role, role: SystemAdministrator, set: {account: {read: user}}}",
        "error",
    );
}

#[test]
fn predefined_service_reader_cannot_be_assigned() {
    // §12: Service Reader "can't be assigned to a user or team".
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        users:
          U1: {bu: Root}
        "#,
        "{op: assign_role, role: ServiceReader, to: U1}",
        "error",
    );
}

const ASSIGN_ACROSS: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team, role: business_owned}
    roles:
      R_LocalAdmin: {privileges: {account: {read: bu}, role: {read: org, assign: org}}}
      R_DeepAdmin:  {privileges: {account: {read: pcbu}, role: {read: org, assign: org}}}
      R_Equal: {privileges: {account: {read: bu}}}
    users:
      A_sales: {bu: Sales, roles: [R_LocalAdmin]}
      A_root:  {bu: Root,  roles: [R_DeepAdmin]}
      A_team:  {bu: Sales}
      U_svc:   {bu: Service}
      U_sales: {bu: Sales}
    teams:
      T_admins: {type: owner, bu: Sales, members: [A_team], roles: [R_LocalAdmin]}
"#;

#[test]
fn role_10_anti_elevation_checks_the_business_unit_of_the_privilege() {
    // "This privilege validation includes checking each privilege that the assigner has at the
    // privilege depth-level and business unit": Local read in Sales is not Local read in Service.
    check(
        ASSIGN_ACROSS,
        "{who: A_sales, op: assign_role, role: R_Equal, to: U_svc}",
        "deny [ROLE-10]",
    );
}

#[test]
fn role_10_a_deep_privilege_above_covers_the_assignees_bu() {
    check(
        ASSIGN_ACROSS,
        "{who: A_root, op: assign_role, role: R_Equal, to: U_sales}",
        "allow",
    );
}

#[test]
fn role_10_privileges_from_the_assigners_teams_count() {
    // ROLE-4: the assigner's privileges include those of their teams' roles.
    check(
        ASSIGN_ACROSS,
        "{who: A_team, op: assign_role, role: R_Equal, to: U_sales}",
        "allow",
    );
}

/// §12 predefined roles: what the docs say each can do with data.
const PREDEFINED: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team, new_project: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user}, new_project: {read: user}}}
    users:
      U_cust:  {bu: Sales, roles: [SystemCustomizer]}
      U_maker: {bu: Sales, roles: [EnvironmentMaker]}
      U_basic: {bu: Sales, roles: [BasicUser]}
      U_opener: {bu: Sales, roles: [AppOpener]}
      U_collab: {bu: Sales, roles: [OfficeCollaborator]}
      U2:      {bu: Service, roles: [R_Own]}
    records:
      P2:       {table: new_project, owner: U2}
      A2:       {table: account, owner: U2}
      A2_org:   {table: account, owner: U2}
      A_cust:   {table: account, owner: U_cust}
      A_maker:  {table: account, owner: U_maker}
      A_basic:  {table: account, owner: U_basic}
      P_basic:  {table: new_project, owner: U_basic}
      A_opener: {table: account, owner: U_opener}
    shares:
      - {record: A2_org, principal: ORG, rights: [read]}
"#;

#[test]
fn predefined_system_customizer_views_all_custom_table_data() {
    // §12 current text: "Can view all custom table data in the environment."
    check(PREDEFINED, "{who: U_cust, op: read, target: P2}", "allow");
}

#[test]
fn predefined_system_customizer_views_own_accounts() {
    check(
        PREDEFINED,
        "{who: U_cust, op: read, target: A_cust}",
        "allow",
    );
}

#[test]
fn predefined_system_customizer_views_only_own_accounts() {
    // "users with this role can only view records that they create in Account, Contact, Activity
    // tables."
    check(PREDEFINED, "{who: U_cust, op: read, target: A2}", "deny");
}

#[test]
fn predefined_environment_maker_has_no_data_access() {
    // "doesn't have any privileges to access data".
    check(
        PREDEFINED,
        "{who: U_maker, op: read, target: A_maker}",
        "deny",
    );
}

#[test]
fn predefined_app_opener_has_no_core_tables() {
    check(
        PREDEFINED,
        "{who: U_opener, op: read, target: A_opener}",
        "deny",
    );
}

#[test]
fn predefined_basic_user_works_on_own_out_of_the_box_records() {
    // "For out-of-the-box entities only, can run an app … and perform common tasks on the
    // records they own".
    check(
        PREDEFINED,
        "{who: U_basic, op: read, target: A_basic}",
        "allow",
    );
}

#[test]
fn predefined_basic_user_has_no_custom_table_access() {
    check(
        PREDEFINED,
        "{who: U_basic, op: read, target: P_basic}",
        "deny",
    );
}

#[test]
fn predefined_office_collaborator_reads_records_shared_with_the_organization() {
    // "Read permission to tables in which a record was shared with the organization".
    check(
        PREDEFINED,
        "{who: U_collab, op: read, target: A2_org}",
        "allow",
    );
}

#[test]
fn predefined_office_collaborator_reads_nothing_else() {
    check(PREDEFINED, "{who: U_collab, op: read, target: A2}", "deny");
}
