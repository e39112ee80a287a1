//! HIER-1..HIER-10: manager and position hierarchy security.
//!
//! Managers hold Business Unit depth in a BU that does not contain the reports' records, as the
//! base scenarios do for A-1, so any access they get comes from the hierarchy.

use crate::check;

/// M (Sales) manages R1 (SalesEast), who manages R2 (SalesEast), who manages R3 (SalesEast).
const MGR: &str = r#"
    settings: {hierarchy: {model: manager, depth: 2, tables: [account]}}
    business_units: {Root: null, Sales: Root, SalesEast: Sales, Service: Root}
    tables: {account: user_or_team, contact: user_or_team}
    roles:
      R_Mgr: {privileges: {account: {read: bu, write: bu, append: bu, appendto: bu, delete: bu, share: bu, assign: bu}}}
      R_Rep: {privileges: {account: {read: user, write: user, share: user}}}
    users:
      M:  {bu: Sales,     roles: [R_Mgr]}
      R1: {bu: SalesEast, roles: [R_Rep], manager: M}
      R2: {bu: SalesEast, roles: [R_Rep], manager: R1}
      R3: {bu: SalesEast, roles: [R_Rep], manager: R2}
      X:  {bu: Service,   roles: [R_Rep]}
    teams:
      T_r1: {type: owner, bu: SalesEast, members: [R1]}
    records:
      A_R1: {table: account, owner: R1}
      A_R2: {table: account, owner: R2}
      A_R3: {table: account, owner: R3}
      A_T:  {table: account, owner: T_r1}
      A_X:  {table: account, owner: X}
      A_XT: {table: account, owner: X}
      A_XW: {table: account, owner: X}
    shares:
      - {record: A_X,  principal: R1,   rights: [read]}
      - {record: A_XT, principal: T_r1, rights: [read]}
      - {record: A_XW, principal: R1,   rights: [read, write]}
"#;

#[test]
fn hier_1_hierarchy_security_is_off_by_default() {
    check(
        MGR,
        "{variant: {hierarchy: false}, who: M, op: read, target: A_R1}",
        "deny",
    );
}

#[test]
fn hier_1_all_tables_are_included_when_no_list_is_given() {
    check(
        MGR,
        "{variant: {hierarchy: {model: manager, depth: 2}}, who: M, op: read, target: A_R1}",
        "allow [HIER-4]",
    );
}

#[test]
fn hier_1_an_excluded_table_gives_no_hierarchy_access() {
    check(
        MGR,
        "{variant: {hierarchy: {model: manager, depth: 2, tables: [contact]}}, who: M, op: read, target: A_R1}",
        "deny",
    );
}

#[test]
fn hier_3_manager_reads_direct_reports_record() {
    check(MGR, "{who: M, op: read, target: A_R1}", "allow [HIER-3]");
}

#[test]
fn hier_3_manager_reaches_records_of_a_team_the_report_is_in() {
    // "records owned by the user or by the team that a user is a member of".
    check(MGR, "{who: M, op: read, target: A_T}", "allow [HIER-3]");
}

#[test]
fn hier_3_manager_reaches_records_shared_with_the_report() {
    check(MGR, "{who: M, op: read, target: A_X}", "allow [HIER-3]");
}

#[test]
fn hier_3_manager_reaches_records_shared_with_a_team_of_the_report() {
    check(MGR, "{who: M, op: read, target: A_XT}", "allow [HIER-3]");
}

#[test]
fn hier_4_direct_report_write() {
    check(MGR, "{who: M, op: write, target: A_R1}", "allow [HIER-4]");
}

#[test]
fn hier_4_direct_report_append() {
    check(MGR, "{who: M, op: append, target: A_R1}", "allow [HIER-4]");
}

#[test]
fn hier_4_direct_report_appendto() {
    check(
        MGR,
        "{who: M, op: appendto, target: A_R1}",
        "allow [HIER-4]",
    );
}

#[test]
fn hier_4_manager_cannot_delete_report_record() {
    // "Delete, Assign, Share are never granted by hierarchy".
    check(MGR, "{who: M, op: delete, target: A_R1}", "deny");
}

#[test]
fn hier_4_manager_cannot_assign_report_record() {
    check(MGR, "{who: M, op: assign, target: A_R1}", "deny");
}

#[test]
fn hier_4_manager_cannot_share_report_record() {
    check(MGR, "{who: M, op: share, target: A_R1}", "deny");
}

#[test]
fn hier_4_non_direct_report_is_read_only_read() {
    check(MGR, "{who: M, op: read, target: A_R2}", "allow [HIER-4]");
}

#[test]
fn hier_4_non_direct_report_is_read_only_no_write() {
    // A-2: "expected read-only".
    check(MGR, "{who: M, op: write, target: A_R2}", "deny");
}

#[test]
fn hier_5_depth_limits_how_far_down() {
    check(MGR, "{who: M, op: read, target: A_R3}", "deny");
}

#[test]
fn hier_5_depth_one_means_direct_reports_only() {
    check(
        MGR,
        "{variant: {hierarchy: {model: manager, depth: 1, tables: [account]}}, who: M, op: read, target: A_R2}",
        "deny",
    );
}

#[test]
fn hier_5_a_report_does_not_reach_the_managers_records() {
    check(
        r#"
        settings: {hierarchy: {model: manager, depth: 3, tables: [account]}}
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_Mgr: {privileges: {account: {read: bu}}}
        users:
          M:  {bu: Root,  roles: [R_Mgr]}
          R1: {bu: Sales, roles: [R_Mgr], manager: M}
        records:
          A_M: {table: account, owner: M}
        "#,
        "{who: R1, op: read, target: A_M}",
        "deny",
    );
}

#[test]
fn hier_8_shared_read_only_to_report_is_read_only_for_the_manager() {
    // "the direct report's manager only has read-only access to the shared record".
    check(MGR, "{who: M, op: write, target: A_X}", "deny");
}

#[test]
fn hier_8_shared_write_to_report_is_writable_for_the_manager() {
    check(MGR, "{who: M, op: write, target: A_XW}", "allow [HIER-8]");
}

#[test]
fn hier_2_manager_in_the_parent_bu_of_the_report() {
    check(MGR, "{who: M, op: read, target: A_R1}", "allow");
}

/// Managers in several places relative to their reports' BUs.
const BUS: &str = r#"
    settings: {hierarchy: {model: manager, depth: 3, tables: [account]}}
    business_units: {Root: null, Sales: Root, SalesEast: Sales, Service: Root}
    tables: {account: user_or_team}
    roles:
      R_Mgr: {privileges: {account: {read: bu, write: bu}}}
      R_Rep: {privileges: {account: {read: user}}}
    users:
      M_child: {bu: SalesEast, roles: [R_Mgr]}
      R_up:    {bu: Sales,     roles: [R_Rep], manager: M_child}
      M_sib:   {bu: Service,   roles: [R_Mgr]}
      R_sib:   {bu: Sales,     roles: [R_Rep], manager: M_sib}
      M_grand: {bu: Root,      roles: [R_Mgr]}
      R_grand: {bu: SalesEast, roles: [R_Rep], manager: M_grand}
      M_same:  {bu: Sales,     roles: [R_Rep, R_Mgr]}
      R_same:  {bu: Sales,     roles: [R_Rep], manager: M_same}
    records:
      A_up:    {table: account, owner: R_up}
      A_sib:   {table: account, owner: R_sib}
      A_grand: {table: account, owner: R_grand}
      A_same:  {table: account, owner: R_same}
"#;

#[test]
fn hier_2_manager_in_the_same_bu_as_the_report() {
    // M_same's own depth covers the record too; the hierarchy path must be among the paths.
    check(
        BUS,
        "{who: M_same, op: read, target: A_same}",
        "allow [HIER-3]",
    );
}

#[test]
fn hier_2_manager_in_a_child_bu_of_the_report_has_no_access() {
    check(BUS, "{who: M_child, op: read, target: A_up}", "deny");
}

#[test]
fn hier_2_manager_in_a_sibling_bu_has_no_access() {
    check(BUS, "{who: M_sib, op: read, target: A_sib}", "deny");
}

#[test]
fn hier_2_manager_in_a_grandparent_bu_has_no_access() {
    // A-13: "scenarios use immediate parent only".
    check(BUS, "{who: M_grand, op: read, target: A_grand}", "deny");
}

#[test]
fn hier_2_modernized_override_removes_the_bu_restriction() {
    check(
        BUS,
        "{variant: {modernized_bu: true, ManagersMustBeInSameOrParentBusinessUnitAsReports: false}, who: M_sib, op: read, target: A_sib}",
        "allow [HIER-3]",
    );
}

#[test]
fn hier_2_modernized_without_the_override_keeps_the_restriction() {
    check(
        BUS,
        "{variant: {modernized_bu: true}, who: M_sib, op: read, target: A_sib}",
        "deny",
    );
}

#[test]
fn hier_2_the_override_needs_modernized_bus() {
    // "With record ownership across business units enabled, setting ... to false removes this
    // restriction."
    check(
        BUS,
        "{variant: {ManagersMustBeInSameOrParentBusinessUnitAsReports: false}, who: M_sib, op: read, target: A_sib}",
        "deny",
    );
}

const PRECONDITION: &str = r#"
    settings: {hierarchy: {model: manager, depth: 3, tables: [account, contact]}}
    business_units: {Root: null, Sales: Root}
    tables: {account: user_or_team, contact: user_or_team}
    roles:
      R_ContactOnly: {privileges: {contact: {read: bu}}}
      R_WriteNoRead: {privileges: {account: {write: bu}}}
      R_ReadNoWrite: {privileges: {account: {read: bu}}}
      R_Rep: {privileges: {account: {read: user, write: user}}}
    users:
      M1: {bu: Root,  roles: [R_ContactOnly]}
      M2: {bu: Root,  roles: [R_WriteNoRead]}
      M3: {bu: Root,  roles: [R_ReadNoWrite]}
      R1: {bu: Sales, roles: [R_Rep], manager: M1}
      R2: {bu: Sales, roles: [R_Rep], manager: M2}
      R3: {bu: Sales, roles: [R_Rep], manager: M3}
    records:
      A1: {table: account, owner: R1}
      A2: {table: account, owner: R2}
      A3: {table: account, owner: R3}
"#;

#[test]
fn hier_6_manager_without_the_tables_read_privilege_sees_nothing() {
    // "if a manager doesn't have Read access to the Case table, the manager can't see the cases".
    check(PRECONDITION, "{who: M1, op: read, target: A1}", "deny");
}

#[test]
fn hier_6_manager_needs_read_even_to_write() {
    check(PRECONDITION, "{who: M2, op: write, target: A2}", "deny");
}

#[test]
fn hier_6_manager_still_needs_the_verbs_own_privilege() {
    // EVAL-1: the privilege check comes first, for the verb asked.
    check(
        PRECONDITION,
        "{who: M3, op: write, target: A3}",
        "deny [EVAL-2]",
    );
}

#[test]
fn hier_6_manager_with_read_reads() {
    check(PRECONDITION, "{who: M3, op: read, target: A3}", "allow");
}

#[test]
fn hier_7_manager_does_not_inherit_the_reports_role_reach() {
    // SC-31: User 1 sees accounts owned by User 2 but not User 3's.
    check(
        r#"
        settings: {hierarchy: {model: manager, depth: 3, tables: [account]}}
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_Mgr: {privileges: {account: {read: bu}}}
          R_BU:  {privileges: {account: {read: bu}}}
          R_User: {privileges: {account: {read: user}}}
        users:
          User1: {bu: Root,  roles: [R_Mgr]}
          User2: {bu: Sales, roles: [R_BU], manager: User1}
          User3: {bu: Sales, roles: [R_User]}
        records:
          A_U3: {table: account, owner: User3}
        "#,
        "{who: User1, op: read, target: A_U3}",
        "deny",
    );
}

/// SC-34's position tree plus a peer at the same position and a deeper level.
const POS: &str = r#"
    settings: {hierarchy: {model: position, depth: 2, tables: [account]}}
    positions: {P_CEO: null, P_VPSales: P_CEO, P_VPService: P_CEO, P_SalesMgr: P_VPSales, P_Sales: P_SalesMgr, P_SvcMgr: P_VPService}
    business_units: {Root: null, East: Root, West: Root}
    tables: {account: user_or_team}
    roles:
      R_Own: {privileges: {account: {read: user, write: user, delete: user}}}
      R_BU:  {privileges: {account: {read: bu, write: bu, delete: bu}}}
    users:
      u_ceo:  {bu: Root, roles: [R_BU],  position: P_CEO}
      u_vp:   {bu: Root, roles: [R_BU],  position: P_VPSales}
      u_sm:   {bu: West, roles: [R_BU],  position: P_SalesMgr}
      u_sm2:  {bu: East, roles: [R_Own], position: P_SalesMgr}
      u_s:    {bu: East, roles: [R_Own], position: P_Sales}
      u_svm:  {bu: East, roles: [R_Own], position: P_SvcMgr}
    records:
      A_s:   {table: account, owner: u_s}
      A_sm2: {table: account, owner: u_sm2}
      A_svm: {table: account, owner: u_svm}
"#;

#[test]
fn hier_9_direct_higher_position_across_bus_reads() {
    check(POS, "{who: u_sm, op: read, target: A_s}", "allow [HIER-3]");
}

#[test]
fn hier_9_direct_higher_position_writes() {
    check(POS, "{who: u_sm, op: write, target: A_s}", "allow");
}

#[test]
fn hier_9_direct_higher_position_does_not_delete() {
    check(POS, "{who: u_sm, op: delete, target: A_s}", "deny");
}

#[test]
fn hier_9_non_direct_higher_position_is_read_only() {
    check(POS, "{who: u_vp, op: write, target: A_s}", "deny");
}

#[test]
fn hier_9_non_direct_higher_position_reads() {
    check(POS, "{who: u_vp, op: read, target: A_s}", "allow");
}

#[test]
fn hier_9_a_different_ancestor_path_gets_nothing() {
    check(POS, "{who: u_sm, op: read, target: A_svm}", "deny");
}

#[test]
fn hier_9_a_peer_at_the_same_position_gets_nothing() {
    check(POS, "{who: u_sm, op: read, target: A_sm2}", "deny");
}

#[test]
fn hier_9_depth_limits_the_position_reach() {
    // Depth 2: the CEO reaches sales managers but not sales people (HIER-5).
    check(POS, "{who: u_ceo, op: read, target: A_s}", "deny");
}

#[test]
fn hier_9_ceo_reaches_within_depth() {
    check(POS, "{who: u_ceo, op: read, target: A_svm}", "allow");
}

#[test]
fn hier_3_manager_reaches_records_shared_with_an_access_team_of_the_report() {
    check(
        r#"
        settings: {hierarchy: {model: manager, depth: 1, tables: [account]}}
        business_units: {Root: null, Sales: Root, Service: Root}
        tables: {account: user_or_team}
        roles:
          R_Mgr: {privileges: {account: {read: bu}}}
          R_Rep: {privileges: {account: {read: user}}}
        users:
          M:  {bu: Root,  roles: [R_Mgr]}
          R1: {bu: Sales, roles: [R_Rep], manager: M}
          X:  {bu: Service, roles: [R_Rep]}
        teams:
          T_acc: {type: access, bu: Service, members: [R1]}
        records:
          A_X: {table: account, owner: X}
        shares:
          - {record: A_X, principal: T_acc, rights: [read]}
        "#,
        "{who: M, op: read, target: A_X}",
        "allow [HIER-3]",
    );
}

#[test]
fn hier_10_disabled_direct_reports_are_included() {
    // "Disabled direct reports: included for environments where hierarchy security was enabled
    // after January 31, 2024".
    check(
        r#"
        settings: {hierarchy: {model: manager, depth: 1, tables: [account]}}
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_Mgr: {privileges: {account: {read: bu}}}
          R_Rep: {privileges: {account: {read: user}}}
        users:
          M:  {bu: Root,  roles: [R_Mgr]}
          R1: {bu: Sales, roles: [R_Rep], manager: M, enabled: false}
        records:
          A1: {table: account, owner: R1}
        "#,
        "{who: M, op: read, target: A1}",
        "allow [HIER-3]",
    );
}

#[test]
fn hier_11_who_has_access_does_not_list_hierarchy_managers() {
    // "Who has access (preview) lists users with access and their levels, without hierarchy
    // managers." (CHK-1, HIER-11)
    check(
        r#"
        settings: {hierarchy: {model: manager, depth: 1, tables: [account]}}
        business_units: {Root: null, Sales: Root}
        tables: {account: user_or_team}
        roles:
          R_Mgr: {privileges: {account: {read: bu}}}
          R_Rep: {privileges: {account: {read: user}}}
        users:
          M:  {bu: Root,  roles: [R_Mgr]}
          R1: {bu: Sales, roles: [R_Rep], manager: M}
        records:
          A1: {table: account, owner: R1}
        "#,
        "{op: CheckAccess_WhoHasAccess, target: A1}",
        "who has access: R1, admin",
    );
}

#[test]
fn chk_4_hierarchy_origin_sentence() {
    check(
        MGR,
        "{op: RetrieveAccessOrigin, target: A_R1, principal: M}",
        "through hierarchy security",
    );
}
