//! CASC-1..CASC-6: parental relationships, inherited access, share/unshare and assign cascades,
//! access-origin sentences.

use crate::check;

/// One account with two children: C_rep under a Reparent-only relationship, C_sh under a
/// Share-only relationship; each child owned by U2.
const INHERIT: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team, new_rep: user_or_team, new_sh: user_or_team, new_grand: user_or_team}
    relationships:
      account_rep: {parent: account, child: new_rep, lookup: new_accountid, cascade: {reparent: cascade}}
      account_sh:  {parent: account, child: new_sh,  lookup: new_accountid, cascade: {share: cascade, unshare: none}}
      rep_grand:   {parent: new_rep, child: new_grand, lookup: new_repid, cascade: {reparent: cascade}}
    roles:
      R_All: {privileges: {account: {read: user, write: user, share: user}, new_rep: {read: user, write: user, delete: user, assign: user, share: user, append: user, appendto: user}, new_sh: {read: user, write: user}, new_grand: {read: user}}}
      R_AccountOnly: {privileges: {account: {read: user, write: user, share: user}}}
    users:
      U1: {bu: Root, roles: [R_All]}
      U2: {bu: Root, roles: [R_All]}
      U3: {bu: Root, roles: [R_All]}
      U4: {bu: Root, roles: [R_AccountOnly]}
    teams:
      T1: {type: owner, bu: Root, members: [U3]}
    records:
      A1:    {table: account, owner: U1}
      AT:    {table: account, owner: T1}
      A4:    {table: account, owner: U4}
      C_rep: {table: new_rep, owner: U2, parent: {account_rep: A1}}
      C_sh:  {table: new_sh,  owner: U2, parent: {account_sh: A1}}
      C_t:   {table: new_rep, owner: U2, parent: {account_rep: AT}}
      C_4:   {table: new_rep, owner: U2, parent: {account_rep: A4}}
      G1:    {table: new_grand, owner: U2, parent: {rep_grand: C_rep}}
    shares:
      - {record: A1, principal: U3, rights: [read]}
    events:
      - {step: 1, who: U1, op: RevokeAccess, target: A1, principal: U3}
"#;

#[test]
fn casc_2_parent_owner_gets_inherited_read_on_the_child() {
    check(
        INHERIT,
        "{who: U1, op: read, target: C_rep}",
        "allow [CASC-2]",
    );
}

#[test]
fn casc_2_inherited_access_includes_write() {
    // A-7: "newer text used": Read, Write, Delete, Assign, Share, Append, AppendTo.
    check(INHERIT, "{who: U1, op: write, target: C_rep}", "allow");
}

#[test]
fn casc_2_inherited_access_includes_delete() {
    check(INHERIT, "{who: U1, op: delete, target: C_rep}", "allow");
}

#[test]
fn casc_2_inherited_access_includes_assign() {
    check(INHERIT, "{who: U1, op: assign, target: C_rep}", "allow");
}

#[test]
fn casc_2_inherited_access_includes_appendto() {
    check(INHERIT, "{who: U1, op: appendto, target: C_rep}", "allow");
}

#[test]
fn casc_2_inherited_access_reaches_a_grandchild_through_parental_links() {
    check(INHERIT, "{who: U1, op: read, target: G1}", "allow");
}

#[test]
fn casc_2_member_of_the_team_owning_the_parent_inherits() {
    // CASC-6: "… is member of team (<team ID>) who is owner of a parent entity of object …".
    check(
        INHERIT,
        "{who: U3, op: read, target: C_t}",
        "allow [CASC-2]",
    );
}

#[test]
fn casc_2_the_childs_own_privilege_is_still_required() {
    check(INHERIT, "{who: U4, op: read, target: C_4}", "deny [EVAL-2]");
}

#[test]
fn casc_2_without_reparent_cascade_the_parent_owner_inherits_nothing() {
    check(INHERIT, "{who: U1, op: read, target: C_sh}", "deny");
}

#[test]
fn casc_3_share_cascade_reaches_the_child() {
    check(
        INHERIT,
        "{who: U3, op: read, target: C_sh}",
        "allow [CASC-3]",
    );
}

#[test]
fn casc_3_share_cascade_carries_only_the_shared_rights() {
    check(INHERIT, "{who: U3, op: write, target: C_sh}", "deny");
}

#[test]
fn casc_3_without_share_cascade_the_parent_share_does_not_reach_the_child() {
    check(INHERIT, "{who: U3, op: read, target: C_rep}", "deny");
}

#[test]
fn casc_3_unshare_none_keeps_the_childs_inherited_access() {
    // "unsharing follows Unshare": with Unshare = None the children keep their share.
    check(
        INHERIT,
        "{after: 1, who: U3, op: read, target: C_sh}",
        "allow",
    );
}

#[test]
fn casc_3_unshare_none_still_removes_the_parents_share() {
    check(INHERIT, "{after: 1, who: U3, op: read, target: A1}", "deny");
}

#[test]
fn casc_3_team_share_of_the_parent_reaches_members_on_the_child() {
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team, new_child: user_or_team}
        relationships:
          account_child: {parent: account, child: new_child, lookup: new_accountid, cascade: {share: cascade, unshare: cascade}}
        roles:
          R1: {privileges: {account: {read: user}, new_child: {read: user}}}
        users:
          U1: {bu: Root, roles: [R1]}
          U2: {bu: Root, roles: [R1]}
        teams:
          T2: {type: owner, bu: Root, members: [U2]}
        records:
          A1: {table: account, owner: U1}
          C1: {table: new_child, owner: U1, parent: {account_child: A1}}
        shares:
          - {record: A1, principal: T2, rights: [read]}
        "#,
        "{who: U2, op: read, target: C1}",
        "allow",
    );
}

/// Assign cascades: one parent per cascade kind, children owned by the parent's owner U1 and
/// by someone else (U3).
const ASSIGN: &str = r#"
    business_units: {Root: null, Sales: Root, Service: Root}
    tables: {account: user_or_team, new_all: user_or_team, new_uo: user_or_team, new_none: user_or_team, new_act: user_or_team, new_grand: user_or_team}
    relationships:
      r_all:   {parent: account, child: new_all,  lookup: a1, cascade: {assign: cascade}}
      r_uo:    {parent: account, child: new_uo,   lookup: a2, cascade: {assign: user_owned}}
      r_none:  {parent: account, child: new_none, lookup: a3, cascade: {assign: none}}
      r_act:   {parent: account, child: new_act,  lookup: a4, cascade: {assign: active}}
      r_grand: {parent: new_all, child: new_grand, lookup: a5, cascade: {assign: cascade}}
    roles:
      R1: {privileges: {account: {read: user, write: user, assign: user}, new_all: {read: user}, new_uo: {read: user}, new_none: {read: user}, new_act: {read: user}, new_grand: {read: user}}}
      R_BU: {privileges: {new_all: {read: bu}, new_none: {read: bu}}}
    users:
      U1: {bu: Sales, roles: [R1]}
      U2: {bu: Service, roles: [R1]}
      U3: {bu: Sales, roles: [R1]}
      Rd_svc: {bu: Service, roles: [R_BU]}
    records:
      A1:   {table: account, owner: U1}
      C_all:  {table: new_all,  owner: U1, parent: {r_all: A1}}
      C_uo1:  {table: new_uo,   owner: U1, parent: {r_uo: A1}}
      C_uo3:  {table: new_uo,   owner: U3, parent: {r_uo: A1}}
      C_none: {table: new_none, owner: U1, parent: {r_none: A1}}
      C_act:  {table: new_act,  owner: U1, parent: {r_act: A1}}
      G_all:  {table: new_grand, owner: U3, parent: {r_grand: C_all}}
    events:
      - {step: 1, who: U1, op: assign, target: A1, new_owner: U2}
"#;

#[test]
fn casc_4_assign_cascade_all_reassigns_the_child() {
    check(
        ASSIGN,
        "{after: 1, who: U2, op: read, target: C_all}",
        "allow [EVAL-4]",
    );
}

#[test]
fn casc_4_assign_cascade_all_moves_the_child_to_the_new_owners_bu() {
    check(
        ASSIGN,
        "{after: 1, who: Rd_svc, op: read, target: C_all}",
        "allow [BU-9]",
    );
}

#[test]
fn casc_4_assign_cascade_all_reaches_grandchildren() {
    check(
        ASSIGN,
        "{after: 1, who: U2, op: read, target: G_all}",
        "allow [EVAL-4]",
    );
}

#[test]
fn casc_4_assign_cascade_user_owned_reassigns_children_of_the_previous_owner() {
    check(
        ASSIGN,
        "{after: 1, who: U2, op: read, target: C_uo1}",
        "allow [EVAL-4]",
    );
}

#[test]
fn casc_4_assign_cascade_user_owned_leaves_children_of_other_owners() {
    check(
        ASSIGN,
        "{after: 1, who: U2, op: read, target: C_uo3}",
        "deny",
    );
}

#[test]
fn casc_4_assign_cascade_active_reassigns_active_children() {
    check(
        ASSIGN,
        "{after: 1, who: U2, op: read, target: C_act}",
        "allow [EVAL-4]",
    );
}

#[test]
fn casc_4_assign_cascade_none_leaves_the_child() {
    check(
        ASSIGN,
        "{after: 1, who: U2, op: read, target: C_none}",
        "deny",
    );
}

#[test]
fn casc_4_assign_cascade_none_leaves_the_child_in_its_bu() {
    check(
        ASSIGN,
        "{after: 1, who: Rd_svc, op: read, target: C_none}",
        "deny",
    );
}

#[test]
fn casc_6_parent_owner_origin_sentence() {
    check(
        INHERIT,
        "{op: RetrieveAccessOrigin, target: C_rep, principal: U1}",
        "is owner of a parent entity of object",
    );
}

#[test]
fn casc_6_team_parent_owner_origin_sentence() {
    check(
        INHERIT,
        "{op: RetrieveAccessOrigin, target: C_t, principal: U3}",
        "is member of team (T1) who is owner of a parent entity of object",
    );
}

#[test]
fn casc_6_parent_share_origin_sentence() {
    check(
        INHERIT,
        "{op: RetrieveAccessOrigin, target: C_sh, principal: U3}",
        "has poa access to object's root entity",
    );
}

#[test]
fn chk_4_owner_origin_sentence() {
    check(
        INHERIT,
        "{op: RetrieveAccessOrigin, target: A1, principal: U1}",
        "PrincipalId is object owner",
    );
}

#[test]
fn chk_4_direct_share_origin_sentence() {
    check(
        INHERIT,
        "{op: RetrieveAccessOrigin, target: A1, principal: U3}",
        "PrincipalId has direct poa access to object",
    );
}

#[test]
fn chk_4_role_access_has_no_origin() {
    // "role access yields the 'could not be found' sentence" [interp].
    check(
        r#"
        business_units: {Root: null}
        tables: {account: user_or_team}
        roles:
          R_Org: {privileges: {account: {read: org}}}
        users:
          U1: {bu: Root, roles: [R_Org]}
          U2: {bu: Root, roles: [R_Org]}
        records:
          A2: {table: account, owner: U2}
        "#,
        "{op: RetrieveAccessOrigin, target: A2, principal: U1}",
        "Access origin could not be found",
    );
}

const REPARENT: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team, new_child: user_or_team}
    relationships:
      account_child: {parent: account, child: new_child, lookup: new_accountid, cascade: {reparent: cascade, share: cascade}}
    roles:
      R1: {privileges: {account: {read: user, appendto: user}, new_child: {read: user, write: user, append: user}}}
    users:
      U1: {bu: Root, roles: [R1]}
      U2: {bu: Root, roles: [R1]}
      U3: {bu: Root, roles: [R1]}
    records:
      A1: {table: account, owner: U1}
      A2: {table: account, owner: U2}
      C1: {table: new_child, owner: U3, parent: {account_child: A1}}
    events:
      - {step: 1, who: U3, op: update, target: C1, set: {new_accountid: A2}}
"#;

#[test]
fn casc_2_reparenting_gives_the_new_parents_owner_inherited_access() {
    // "The reparent action is when you change the value of the referencing column in a parental
    // relationship."
    check(
        REPARENT,
        "{after: 1, who: U2, op: read, target: C1}",
        "allow [CASC-2]",
    );
}

#[test]
fn casc_2_reparenting_takes_inherited_access_from_the_old_parents_owner() {
    check(
        REPARENT,
        "{after: 1, who: U1, op: read, target: C1}",
        "deny",
    );
}

/// Cascade User-Owned: "perform the action on all referencing table records owned by the same
/// user as the referenced table record" (CASC-1, CASC-4's reading applied to Share/Reparent).
const USER_OWNED: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team, new_child: user_or_team}
    relationships:
      account_child: {parent: account, child: new_child, lookup: new_accountid, cascade: {share: user_owned, unshare: user_owned, reparent: user_owned}}
    roles:
      R1: {privileges: {account: {read: user}, new_child: {read: user}}}
    users:
      U1: {bu: Root, roles: [R1]}
      U2: {bu: Root, roles: [R1]}
      U3: {bu: Root, roles: [R1]}
    records:
      A1: {table: account, owner: U1}
      C_same:  {table: new_child, owner: U1, parent: {account_child: A1}}
      C_other: {table: new_child, owner: U3, parent: {account_child: A1}}
    shares:
      - {record: A1, principal: U2, rights: [read]}
"#;

#[test]
fn casc_3_share_cascade_user_owned_reaches_children_of_the_same_owner() {
    check(
        USER_OWNED,
        "{who: U2, op: read, target: C_same}",
        "allow [CASC-3]",
    );
}

#[test]
fn casc_3_share_cascade_user_owned_skips_children_of_other_owners() {
    check(USER_OWNED, "{who: U2, op: read, target: C_other}", "deny");
}

#[test]
fn casc_2_reparent_cascade_user_owned_gives_no_inheritance_on_other_owners_children() {
    check(USER_OWNED, "{who: U1, op: read, target: C_other}", "deny");
}

/// A parent with children under each Delete behaviour of CASC-1.
const DELETE: &str = r#"
    business_units: {Root: null}
    tables: {account: user_or_team, new_all: user_or_team, new_link: user_or_team, new_r: user_or_team}
    relationships:
      acc_all:  {parent: account, child: new_all,  lookup: a, cascade: {delete: cascade, reparent: cascade}}
      acc_link: {parent: account, child: new_link, lookup: a, cascade: {delete: remove_link, reparent: cascade}}
      r_all:    {parent: new_r, child: new_all, lookup: r, cascade: {delete: restrict}}
    roles:
      R: {privileges: {account: {read: user, delete: user}, new_all: {read: user}, new_link: {read: user}, new_r: {read: user, delete: user}}}
    users:
      U1: {bu: Root, roles: [R]}
      U2: {bu: Root, roles: [R]}
    records:
      A1: {table: account, owner: U1}
      C_all:  {table: new_all,  owner: U2, parent: {acc_all: A1}}
      C_link: {table: new_link, owner: U2, parent: {acc_link: A1}}
      R1: {table: new_r, owner: U1}
      C_r:  {table: new_all, owner: U2, parent: {r_all: R1}}
    events:
      - {step: 1, op: delete, target: A1}
"#;

#[test]
fn casc_1_restrict_refuses_deleting_a_parent_with_children() {
    check(DELETE, "{who: U1, op: delete, target: R1}", "error");
}

#[test]
fn casc_1_delete_without_restricting_children_is_allowed() {
    check(DELETE, "{who: U1, op: delete, target: A1}", "allow");
}

#[test]
fn casc_1_cascade_delete_removes_the_children() {
    let mut s = engine::scenario::load(&crate::trim_indent(DELETE), &|_| Err("no base".into()))
        .expect("loads");
    let a1 = s.data.name_index()["A1"];
    assert!(engine::edit::delete(&s.model, &mut s.data, a1));
    let names = s.data.name_index();
    assert!(
        !names.contains_key("A1") && !names.contains_key("C_all"),
        "parent and Cascade-All child are gone"
    );
    assert!(names.contains_key("C_link") && names.contains_key("C_r"));
}

#[test]
fn casc_1_remove_link_keeps_the_child_without_inherited_access() {
    check(
        DELETE,
        "{after: 1, who: U2, op: read, target: C_link}",
        "allow",
    );
    check(DELETE, "{who: U1, op: read, target: C_link}", "allow");
    check(
        DELETE,
        "{after: 1, who: U1, op: read, target: C_link}",
        "deny",
    );
}

/// R reaches A twice: directly through a Reparent link, and through P along Share-only links.
const DIAMOND: &str = r#"
    business_units: {Root: null}
    tables: {a: user_or_team, p: user_or_team, r: user_or_team}
    roles:
      R1: {privileges: {r: {read: user}}}
    users:
      u1: {bu: Root, roles: [R1]}
      u2: {bu: Root, roles: [R1]}
    relationships:
      rel_ra: {parent: a, child: r, lookup: aid, cascade: {reparent: cascade, share: none}}
      rel_pa: {parent: a, child: p, lookup: aid2, cascade: {reparent: none, share: cascade}}
      rel_rp: {parent: p, child: r, lookup: pid, cascade: {reparent: none, share: cascade}}
    records:
      A: {table: a, owner: u1}
      P: {table: p, owner: u2, parent: {rel_pa: A}}
      R: {table: r, owner: u2, parent: {rel_ra: A, rel_rp: P}}
      R2: {table: r, owner: u2, parent: {rel_rp: P, rel_ra: A}}
"#;

#[test]
fn casc_2_inherited_access_survives_a_second_path_to_the_same_parent() {
    // Whichever lookup is listed first, the Reparent link from A carries u1's inherited access.
    check(DIAMOND, "{who: u1, op: read, target: R}", "allow");
    check(DIAMOND, "{who: u1, op: read, target: R2}", "allow");
}
