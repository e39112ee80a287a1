//! A deliberately naive reference oracle for record access, transcribed from the rulebook's
//! EVAL-10 pseudocode (and the rules each of its lines cites), record by record, with no
//! precomputation and no engine evaluation code: it reads only the engine's `Model` and
//! `Dataset`. Property tests over small random organisations check the engine against it and
//! check properties the rulebook implies: more privilege never removes access (ROLE-2, ROLE-4),
//! removing a share never adds access, and answers do not depend on declaration order.
//!
//! Readings of the ambiguities (§13) the oracle takes, each the documented "Treatment" or the
//! pseudocode's own choice:
//! - a manager needs the table's Read privilege at User depth or above ([S11]).
//! - non-direct reports are read-only. A-13: "parent BU" is the immediate parent.
//! - shares work once the privilege check passes, whatever the inheritance mode (EVAL-10).
//! - under modernized BUs ownership counts regardless of the record's BU while
//!   `RecomputeOwnershipAcrossBusinessUnits` is on (its default); with it off, the owner needs a
//!   role from the record's BU.
//! - inherited access carries every right but Create. A-12: Basic includes ORG shares.
//! - the context BU is the assigned role copy's BU (= principal's BU when classic).
//!
//! The random relationships are either parental for every access-carrying action (Share and
//! Reparent both cascade) or not at all, so that chains of parental links mean the same under
//! every reading of how owner-derived and share-derived inheritance travel up a chain.

use engine::data::Dataset;
use engine::eval;
use engine::model::{
    BuId, Cascade, Depth, HierarchyModel, Inheritance, Model, Ownership, Predefined, Principal,
    PrivSet, RecordId, RelationshipKind, Rights, RoleAssignment, TeamId, TeamKind, UserId, Verb,
};
use engine::scenario;
use proptest::prelude::*;

/// The record rights asked about (Create is a question about a table, not a record).
const VERBS: [Verb; 7] = [
    Verb::Read,
    Verb::Write,
    Verb::Delete,
    Verb::Append,
    Verb::AppendTo,
    Verb::Assign,
    Verb::Share,
];

// ---------------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------------

/// `can(U, op, r)` of EVAL-10, naively.
pub fn oracle(m: &Model, d: &Dataset, u: UserId, verb: Verb, r: RecordId) -> bool {
    let user = &m.users[u.index()];
    let rec = &d.records[r.index()];
    let table = &m.tables[rec.table.index()];

    // Teams of U: explicit members; a default team holds every user of its BU (BU-4).
    let teams = teams_of(m, u);

    // Role assignments reaching U with their context BU (ROLE-8, MBU-3, A-14, A-19) and, for a
    // team role, the team. Access teams hold no roles (TEAM-4).
    let mut assignments: Vec<(RoleAssignment, BuId, Option<TeamId>)> = Vec::new();
    for a in &user.roles {
        assignments.push((*a, context_bu(m, a, user.bu), None));
    }
    for t in &teams {
        let team = &m.teams[t.index()];
        if team.kind == TeamKind::Access {
            continue;
        }
        for a in &team.roles {
            assignments.push((*a, context_bu(m, a, team.bu), Some(*t)));
        }
    }

    // EVAL-8: System Administrator.
    for (a, _, _) in &assignments {
        if m.roles[a.role.index()].predefined == Some(Predefined::SystemAdministrator) {
            return true;
        }
    }

    // P := privilege(op, table(r)): activities share one set (ACT-1).
    let set = if matches!(
        table.ownership,
        Ownership::Activity | Ownership::CustomActivity
    ) {
        PrivSet::Activity
    } else {
        PrivSet::Table(rec.table)
    };
    let depth_in = |a: &RoleAssignment, v: Verb| -> Depth {
        match m.roles[a.role.index()].privileges.get(&set) {
            Some(depths) => depths.get(v),
            None => Depth::None,
        }
    };

    // G: every (depth, ctxBU, team, mode) holding P.
    let mut grants: Vec<(Depth, BuId, Option<TeamId>, Inheritance)> = Vec::new();
    for (a, ctx, team) in &assignments {
        let depth = depth_in(a, verb);
        if depth != Depth::None {
            grants.push((depth, *ctx, *team, m.roles[a.role.index()].inheritance));
        }
    }

    // EVAL-2: privilege check.
    if grants.is_empty() {
        return false;
    }

    // ROLE-5: organization-owned tables are on/off.
    if table.ownership == Ownership::Organization {
        return true;
    }

    // EVAL-5: role access by depth, against the record's owning BU.
    if let Some(record_bu) = rec.owning_bu {
        for (depth, ctx, _, _) in &grants {
            match depth {
                Depth::Org => return true,
                Depth::Pcbu if is_descendant_or_self(m, record_bu, *ctx) => return true,
                Depth::Bu if record_bu == *ctx => return true,
                _ => {}
            }
        }
    }

    // EVAL-4: ownership, directly or through an owner / Entra group team.
    let mut owners = vec![Principal::User(u)];
    for t in &teams {
        if matches!(
            m.teams[t.index()].kind,
            TeamKind::Owner | TeamKind::EntraSecurityGroup | TeamKind::EntraOfficeGroup
        ) {
            owners.push(Principal::Team(*t));
        }
    }
    // without RecomputeOwnershipAcrossBusinessUnits (modernized BUs), the owner needs a
    // role from the record's BU.
    let strict = m.settings.modernized_bu
        && !m
            .settings
            .recompute_ownership_across_bus
            .unwrap_or(m.settings.modernized_bu);
    if let Some(owner) = rec.owner
        && owners.contains(&owner)
    {
        for (_, ctx, team, mode) in &grants {
            if strict && Some(*ctx) != rec.owning_bu {
                continue;
            }
            // usable-for-ownership (TEAM-6).
            let usable = match team {
                None => true,
                Some(t) => match mode {
                    Inheritance::Direct => true,
                    Inheritance::TeamOnly => owner == Principal::Team(*t),
                },
            };
            if usable {
                return true;
            }
        }
    }

    // EVAL-6: shares with U, U's teams, the organization, incl. access teams.
    let mut sharers = vec![Principal::User(u), Principal::Organization];
    for t in &teams {
        sharers.push(Principal::Team(*t));
    }
    if poa_rights(d, r, &sharers).contains(verb) {
        return true;
    }

    // CASC-2..4: inherited rights from parents.
    if inherited_rights(m, d, r, &owners, &sharers, 0).contains(verb) {
        return true;
    }

    // HIER-*: hierarchy access.
    if hierarchy_allows(m, d, u, verb, r, &assignments, &depth_in) {
        return true;
    }
    false
}

fn teams_of(m: &Model, u: UserId) -> Vec<TeamId> {
    let bu = m.users[u.index()].bu;
    let mut out = Vec::new();
    for (i, t) in m.teams.iter().enumerate() {
        let member = if t.kind == TeamKind::Default {
            t.bu == bu
        } else {
            t.members.contains(&u)
        };
        if member {
            out.push(TeamId::from_index(i));
        }
    }
    out
}

fn context_bu(m: &Model, a: &RoleAssignment, principal_bu: BuId) -> BuId {
    if m.settings.modernized_bu {
        a.from_bu.unwrap_or(principal_bu)
    } else {
        principal_bu
    }
}

/// BU-9 `pcbu`: `bu` is `ancestor` or below it.
fn is_descendant_or_self(m: &Model, bu: BuId, ancestor: BuId) -> bool {
    let mut current = Some(bu);
    for _ in 0..=m.bus.len() {
        match current {
            Some(b) if b == ancestor => return true,
            Some(b) => current = m.bus[b.index()].parent,
            None => return false,
        }
    }
    false
}

/// Rights the principals hold on `r` through its POA rows (direct and inherited masks).
fn poa_rights(d: &Dataset, r: RecordId, principals: &[Principal]) -> Rights {
    let mut rights = Rights::NONE;
    if let Some(shares) = d.shares.get(&r) {
        for share in shares {
            if principals.contains(&share.principal) {
                rights = rights.union(share.rights).union(share.inherited);
            }
        }
    }
    rights
}

/// Every right but Create (CASC-2 2023 text, CASC-5 mask 135,069,719, A-7).
fn all_but_create() -> Rights {
    let mut rights = Rights::NONE;
    for v in VERBS {
        rights = rights.union(Rights::of(v));
    }
    rights
}

fn cascade_of(m: &Model, rel: engine::model::RelationshipId) -> (Cascade, Cascade) {
    match &m.relationships[rel.index()].kind {
        RelationshipKind::OneToMany { cascade, .. } => (cascade.reparent, cascade.share),
        RelationshipKind::ManyToMany { .. } => (Cascade::None, Cascade::None),
    }
}

/// What the principals inherit on `r` from its parents: the parent's owner (Reparent cascade),
/// the parent's shares (Share cascade), and whatever they inherit on the parent in turn.
fn inherited_rights(
    m: &Model,
    d: &Dataset,
    r: RecordId,
    owners: &[Principal],
    sharers: &[Principal],
    depth: usize,
) -> Rights {
    let mut rights = Rights::NONE;
    if depth > d.records.len() {
        return rights;
    }
    let child_owner = d.records[r.index()].owner;
    for (rel, parent) in &d.records[r.index()].parents {
        let (reparent, share) = cascade_of(m, *rel);
        let prec = &d.records[parent.index()];
        // Cascade User-Owned acts only on children owned by the parent's owner (CASC-1).
        let same_owner = child_owner.is_some() && child_owner == prec.owner;
        let flows = |c: Cascade| match c {
            Cascade::All | Cascade::Active => true,
            Cascade::UserOwned => same_owner,
            _ => false,
        };
        if flows(reparent)
            && let Some(owner) = prec.owner
            && owners.contains(&owner)
        {
            rights = rights.union(all_but_create());
        }
        if flows(share) {
            rights = rights.union(poa_rights(d, *parent, sharers));
        }
        if flows(reparent) || flows(share) {
            rights = rights.union(inherited_rights(m, d, *parent, owners, sharers, depth + 1));
        }
    }
    rights
}

/// EVAL-7 / HIER-*: U manages a report whose data reaches `r`.
fn hierarchy_allows(
    m: &Model,
    d: &Dataset,
    u: UserId,
    verb: Verb,
    r: RecordId,
    assignments: &[(RoleAssignment, BuId, Option<TeamId>)],
    depth_in: &dyn Fn(&RoleAssignment, Verb) -> Depth,
) -> bool {
    let Some(h) = &m.settings.hierarchy else {
        return false;
    };
    let rec = &d.records[r.index()];
    let table_name = &m.tables[rec.table.index()].name;
    if let Some(tables) = &h.tables
        && !tables.contains(table_name)
    {
        return false; // HIER-1: table excluded.
    }
    // HIER-6 with A-1 ([S11]): the table's Read privilege at User level or above.
    if !assignments
        .iter()
        .any(|(a, _, _)| depth_in(a, Verb::Read) >= Depth::User)
    {
        return false;
    }
    let manager = &m.users[u.index()];
    for (i, report) in m.users.iter().enumerate() {
        let rp = UserId::from_index(i);
        if rp == u {
            continue;
        }
        // Level of the report below U, if within depth (HIER-5, HIER-9).
        let mut level = None;
        match h.model {
            HierarchyModel::Manager => {
                let mut current = report.manager;
                for k in 1..=h.depth {
                    match current {
                        Some(mgr) if mgr == u => {
                            level = Some(k);
                            break;
                        }
                        Some(mgr) => current = m.users[mgr.index()].manager,
                        None => break,
                    }
                }
                // HIER-2 (A-13 immediate parent); lifted only under modernized BUs.
                let lifted =
                    m.settings.modernized_bu && !m.settings.managers_must_be_in_same_or_parent_bu;
                let same_or_parent =
                    report.bu == manager.bu || m.bus[report.bu.index()].parent == Some(manager.bu);
                if !lifted && !same_or_parent {
                    level = None;
                }
            }
            HierarchyModel::Position => {
                if let (Some(mine), Some(theirs)) = (manager.position, report.position) {
                    let mut current = m.positions[theirs.index()].parent;
                    for k in 1..=h.depth {
                        match current {
                            Some(p) if p == mine => {
                                level = Some(k);
                                break;
                            }
                            Some(p) => current = m.positions[p.index()].parent,
                            None => break,
                        }
                    }
                }
            }
        }
        let Some(level) = level else { continue };
        // HIER-4 / HIER-9 rights, A-2: non-direct read-only.
        let granted = if level == 1 {
            [Verb::Read, Verb::Write, Verb::Append, Verb::AppendTo]
                .into_iter()
                .fold(Rights::NONE, |acc, v| acc.union(Rights::of(v)))
        } else {
            Rights::of(Verb::Read)
        };
        if !granted.contains(verb) {
            continue;
        }
        // HIER-3: what the report reaches: owned by them or a team of theirs, shared with them or
        // a team of theirs (not the organization), and what they inherit from parents.
        let mut principals = vec![Principal::User(rp)];
        for t in teams_of(m, rp) {
            principals.push(Principal::Team(t));
        }
        let mut reach = Rights::NONE;
        if let Some(owner) = rec.owner
            && principals.contains(&owner)
        {
            reach = all_but_create();
        }
        reach = reach.union(poa_rights(d, r, &principals));
        reach = reach.union(inherited_rights(m, d, r, &principals, &principals, 0));
        // HIER-8: the manager gets no more than the report's data carries.
        if reach.intersect(granted).contains(verb) {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Random organisations
// ---------------------------------------------------------------------------------------------

const TABLES: [(&str, &str); 5] = [
    ("account", "user_or_team"),
    ("contact", "user_or_team"),
    ("task", "activity"),
    ("email", "activity"),
    ("new_config", "organization"),
];
/// Privilege sets of the random roles: account, contact, activity, new_config.
const SETS: [&str; 4] = ["account", "contact", "activity", "new_config"];
/// 1:N relationships: (name, parent table index, child table index, lookup).
const RELS: [(&str, usize, usize, &str); 3] = [
    ("r_account_contact", 0, 1, "parentaccountid"),
    ("r_account_task", 0, 2, "regarding_account"),
    ("r_contact_task", 1, 2, "regarding_contact"),
];
const DEPTHS: [&str; 5] = ["none", "user", "bu", "pcbu", "org"];
const VERB_TOKENS: [&str; 8] = [
    "create", "read", "write", "delete", "append", "appendto", "assign", "share",
];

#[derive(Debug, Clone)]
struct RoleSpec {
    team_only: bool,
    /// Depth index per privilege set and verb (Microsoft's order); `new_config` maps to none/org.
    depths: [[u8; 8]; 4],
}

#[derive(Debug, Clone)]
struct UserSpec {
    bu: u8,
    roles: Vec<(u8, Option<u8>)>,
    manager: Option<u8>,
    position: Option<u8>,
}

#[derive(Debug, Clone)]
struct TeamSpec {
    /// 0 owner, 1 access, 2 Entra security group, 3 default.
    kind: u8,
    bu: u8,
    members: Vec<u8>,
    roles: Vec<(u8, Option<u8>)>,
}

#[derive(Debug, Clone)]
struct RecordSpec {
    table: u8,
    owner: u8,
    owning_bu: Option<u8>,
    parent: Option<u8>,
}

#[derive(Debug, Clone)]
struct ShareSpec {
    record: u8,
    principal: u8,
    rights: u8,
}

#[derive(Debug, Clone)]
struct HierSpec {
    position: bool,
    depth: u8,
    tables: Option<u8>,
}

/// A small random organisation, referenced by index; rendered to scenario YAML.
#[derive(Debug, Clone)]
struct Spec {
    bu_parents: Vec<u8>,
    positions: Vec<u8>,
    roles: Vec<RoleSpec>,
    users: Vec<UserSpec>,
    teams: Vec<TeamSpec>,
    records: Vec<RecordSpec>,
    shares: Vec<ShareSpec>,
    /// Per relationship: 0 not parental, 1 Cascade All, 2 Cascade Active, 3 Cascade User-Owned.
    rels: [u8; 3],
    hierarchy: Option<HierSpec>,
    modernized: bool,
    managers_anywhere: bool,
    recompute_off: bool,
}

fn role_strategy() -> impl Strategy<Value = RoleSpec> {
    // Mostly `none` so that the privilege check fails often enough to matter.
    let depth =
        prop_oneof![4 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8), 1 => Just(4u8)];
    (
        any::<bool>(),
        proptest::array::uniform4(proptest::array::uniform8(depth)),
    )
        .prop_map(|(team_only, depths)| RoleSpec { team_only, depths })
}

fn assignment_strategy() -> impl Strategy<Value = (u8, Option<u8>)> {
    (any::<u8>(), proptest::option::of(any::<u8>()))
}

fn spec_strategy() -> impl Strategy<Value = Spec> {
    let users = proptest::collection::vec(
        (
            any::<u8>(),
            proptest::collection::vec(assignment_strategy(), 0..=2),
            proptest::option::of(any::<u8>()),
            proptest::option::of(any::<u8>()),
        )
            .prop_map(|(bu, roles, manager, position)| UserSpec {
                bu,
                roles,
                manager,
                position,
            }),
        1..=5,
    );
    let teams = proptest::collection::vec(
        (
            0u8..4,
            any::<u8>(),
            proptest::collection::vec(any::<u8>(), 0..=3),
            proptest::collection::vec(assignment_strategy(), 0..=2),
        )
            .prop_map(|(kind, bu, members, roles)| TeamSpec {
                kind,
                bu,
                members,
                roles,
            }),
        0..=3,
    );
    let records = proptest::collection::vec(
        (
            0u8..5,
            any::<u8>(),
            proptest::option::of(any::<u8>()),
            proptest::option::of(any::<u8>()),
        )
            .prop_map(|(table, owner, owning_bu, parent)| RecordSpec {
                table,
                owner,
                owning_bu,
                parent,
            }),
        1..=7,
    );
    let shares = proptest::collection::vec(
        (any::<u8>(), any::<u8>(), 1u8..128).prop_map(|(record, principal, rights)| ShareSpec {
            record,
            principal,
            rights,
        }),
        0..=5,
    );
    let hierarchy = proptest::option::of(
        (any::<bool>(), 1u8..=3, proptest::option::of(any::<u8>())).prop_map(
            |(position, depth, tables)| HierSpec {
                position,
                depth,
                tables,
            },
        ),
    );
    (
        proptest::collection::vec(any::<u8>(), 1..=4),
        proptest::collection::vec(any::<u8>(), 0..=4),
        proptest::collection::vec(role_strategy(), 1..=4),
        users,
        teams,
        records,
        shares,
        proptest::array::uniform3(0u8..4),
        hierarchy,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                bu_parents,
                positions,
                roles,
                users,
                teams,
                records,
                shares,
                rels,
                hierarchy,
                modernized,
                managers_anywhere,
                recompute_off,
            )| Spec {
                bu_parents,
                positions,
                roles,
                users,
                teams,
                records,
                shares,
                rels,
                hierarchy,
                modernized,
                managers_anywhere,
                recompute_off,
            },
        )
}

/// A deterministic permutation of `0..n` from a seed (for declaration-order properties).
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Declaration orders for rendering; identity unless permuted.
#[derive(Debug, Clone, Default)]
struct Order {
    seed: Option<u64>,
}

impl Order {
    fn of(&self, n: usize, salt: u64) -> Vec<usize> {
        match self.seed {
            Some(seed) => permutation(n, seed.wrapping_mul(31).wrapping_add(salt)),
            None => (0..n).collect(),
        }
    }
}

impl Spec {
    fn bu_count(&self) -> usize {
        self.bu_parents.len()
    }

    /// Which teams are rendered with which kind: at most one default team per BU (BU-4).
    fn team_kinds(&self) -> Vec<&'static str> {
        let mut default_bus = Vec::new();
        self.teams
            .iter()
            .map(|t| {
                let bu = usize::from(t.bu) % self.bu_count();
                match t.kind {
                    1 => "access",
                    2 => "entra_security_group",
                    3 if !default_bus.contains(&bu) => {
                        default_bus.push(bu);
                        "default"
                    }
                    _ => "owner",
                }
            })
            .collect()
    }

    /// Owners a record may have: users, and owner / Entra teams (TEAM-2, TEAM-3, TEAM-4).
    fn owners(&self) -> Vec<String> {
        let kinds = self.team_kinds();
        let mut out: Vec<String> = (0..self.users.len()).map(|i| format!("U{i}")).collect();
        for (i, kind) in kinds.iter().enumerate() {
            if matches!(*kind, "owner" | "entra_security_group") {
                out.push(format!("T{i}"));
            }
        }
        out
    }

    /// Share recipients: users, every team, the organization.
    fn recipients(&self) -> Vec<String> {
        let mut out: Vec<String> = (0..self.users.len()).map(|i| format!("U{i}")).collect();
        out.extend((0..self.teams.len()).map(|i| format!("T{i}")));
        out.push("ORG".into());
        out
    }

    fn role_list(&self, roles: &[(u8, Option<u8>)]) -> String {
        let mut seen = Vec::new();
        let items: Vec<String> = roles
            .iter()
            .filter_map(|(r, from)| {
                let role = usize::from(*r) % self.roles.len();
                let from = from
                    .filter(|_| self.modernized)
                    .map(|b| usize::from(b) % self.bu_count());
                if seen.contains(&(role, from)) {
                    return None;
                }
                seen.push((role, from));
                Some(match from {
                    Some(b) => format!("{{role: R{role}, from_bu: B{b}}}"),
                    None => format!("R{role}"),
                })
            })
            .collect();
        format!("[{}]", items.join(", "))
    }

    fn yaml(&self, order: &Order) -> String {
        let mut y = String::new();
        let mut settings = vec![format!("modernized_bu: {}", self.modernized)];
        if self.modernized && self.managers_anywhere {
            settings.push("ManagersMustBeInSameOrParentBusinessUnitAsReports: false".into());
        }
        if self.modernized && self.recompute_off {
            settings.push("RecomputeOwnershipAcrossBusinessUnits: false".into());
        }
        if let Some(h) = &self.hierarchy {
            let tables = match h.tables {
                Some(mask) => {
                    let names: Vec<&str> = TABLES
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, (n, _))| *n)
                        .collect();
                    format!(", tables: [{}]", names.join(", "))
                }
                None => String::new(),
            };
            settings.push(format!(
                "hierarchy: {{model: {}, depth: {}{tables}}}",
                if h.position { "position" } else { "manager" },
                h.depth
            ));
        }
        y += &format!("settings: {{{}}}\n", settings.join(", "));

        y += "business_units:\n";
        for i in order.of(self.bu_count(), 1) {
            if i == 0 {
                y += "  B0: null\n";
            } else {
                y += &format!("  B{i}: B{}\n", usize::from(self.bu_parents[i]) % i);
            }
        }
        y += "tables:\n";
        for (name, ownership) in TABLES {
            y += &format!("  {name}: {ownership}\n");
        }
        y += "relationships:\n";
        for (i, (name, parent, child, lookup)) in RELS.iter().enumerate() {
            let cascade = match self.rels[i] {
                0 => "none",
                1 => "cascade",
                2 => "active",
                _ => "user_owned",
            };
            y += &format!(
                "  {name}: {{parent: {}, child: {}, lookup: {lookup}, cascade: {{share: {cascade}, unshare: {cascade}, reparent: {cascade}, assign: {cascade}}}}}\n",
                TABLES[*parent].0, TABLES[*child].0
            );
        }
        if !self.positions.is_empty() {
            y += "positions:\n";
            for i in order.of(self.positions.len(), 2) {
                if i == 0 {
                    y += "  P0: null\n";
                } else {
                    y += &format!("  P{i}: P{}\n", usize::from(self.positions[i]) % i);
                }
            }
        }
        y += "roles:\n";
        for i in order.of(self.roles.len(), 3) {
            let role = &self.roles[i];
            let mut sets = Vec::new();
            for (s, set) in SETS.iter().enumerate() {
                let verbs: Vec<String> = VERB_TOKENS
                    .iter()
                    .enumerate()
                    .filter_map(|(v, verb)| {
                        let raw = usize::from(role.depths[s][v]) % DEPTHS.len();
                        let depth = if *set == "new_config" {
                            if raw == 0 { 0 } else { 4 } // ROLE-5: none or org
                        } else {
                            raw
                        };
                        (depth != 0).then(|| format!("{verb}: {}", DEPTHS[depth]))
                    })
                    .collect();
                if !verbs.is_empty() {
                    sets.push(format!("{set}: {{{}}}", verbs.join(", ")));
                }
            }
            y += &format!(
                "  R{i}: {{inheritance: {}, privileges: {{{}}}}}\n",
                if role.team_only {
                    "team_only"
                } else {
                    "direct"
                },
                sets.join(", ")
            );
        }
        y += "users:\n";
        for i in order.of(self.users.len(), 4) {
            let user = &self.users[i];
            let mut fields = vec![
                format!("bu: B{}", usize::from(user.bu) % self.bu_count()),
                format!("roles: {}", self.role_list(&user.roles)),
            ];
            if let Some(mgr) = user.manager
                && i > 0
            {
                // Managers come earlier: no cycles.
                fields.push(format!("manager: U{}", usize::from(mgr) % i));
            }
            if let Some(p) = user.position
                && !self.positions.is_empty()
            {
                fields.push(format!(
                    "position: P{}",
                    usize::from(p) % self.positions.len()
                ));
            }
            y += &format!("  U{i}: {{{}}}\n", fields.join(", "));
        }
        let kinds = self.team_kinds();
        if !self.teams.is_empty() {
            y += "teams:\n";
        }
        for i in order.of(self.teams.len(), 5) {
            let team = &self.teams[i];
            let mut fields = vec![
                format!("type: {}", kinds[i]),
                format!("bu: B{}", usize::from(team.bu) % self.bu_count()),
            ];
            if kinds[i] != "default" {
                let mut members: Vec<usize> = team
                    .members
                    .iter()
                    .map(|m| usize::from(*m) % self.users.len())
                    .collect();
                members.sort_unstable();
                members.dedup();
                let members: Vec<String> = members.iter().map(|m| format!("U{m}")).collect();
                fields.push(format!("members: [{}]", members.join(", ")));
            }
            if kinds[i] != "access" {
                fields.push(format!("roles: {}", self.role_list(&team.roles)));
            }
            y += &format!("  T{i}: {{{}}}\n", fields.join(", "));
        }
        y += "records:\n";
        let owners = self.owners();
        for i in order.of(self.records.len(), 6) {
            let rec = &self.records[i];
            let table = usize::from(rec.table);
            let mut fields = vec![format!("table: {}", TABLES[table].0)];
            if TABLES[table].1 != "organization" {
                fields.push(format!(
                    "owner: {}",
                    owners[usize::from(rec.owner) % owners.len()]
                ));
                if let Some(bu) = rec.owning_bu
                    && self.modernized
                {
                    fields.push(format!("owning_bu: B{}", usize::from(bu) % self.bu_count()));
                }
            }
            if let Some(p) = rec.parent {
                let p = usize::from(p) % self.records.len();
                let parent_table = usize::from(self.records[p].table);
                if let Some((name, _, _, _)) = RELS
                    .iter()
                    .find(|(_, pt, ct, _)| *pt == parent_table && *ct == table)
                {
                    fields.push(format!("parent: {{{name}: X{p}}}"));
                }
            }
            y += &format!("  X{i}: {{{}}}\n", fields.join(", "));
        }
        let recipients = self.recipients();
        let shares: Vec<String> = self
            .shares
            .iter()
            .filter_map(|s| {
                let record = usize::from(s.record) % self.records.len();
                if TABLES[usize::from(self.records[record].table)].1 == "organization" {
                    return None; // ROLE-5: org-owned records are not shared.
                }
                let rights: Vec<&str> = VERBS
                    .iter()
                    .enumerate()
                    .filter(|(b, _)| s.rights & (1 << b) != 0)
                    .map(|(_, v)| v.as_str())
                    .collect();
                Some(format!(
                    "  - {{record: X{record}, principal: {}, rights: [{}]}}\n",
                    recipients[usize::from(s.principal) % recipients.len()],
                    rights.join(", ")
                ))
            })
            .collect();
        if !shares.is_empty() {
            y += "shares:\n";
            for i in order.of(shares.len(), 7) {
                y += &shares[i];
            }
        }
        y
    }
}

fn load(yaml: &str) -> scenario::Scenario {
    scenario::load(yaml, &|id: &str| Err(format!("no base `{id}`")))
        .unwrap_or_else(|e| panic!("random model does not load: {e}\n{yaml}"))
}

/// Every (user, verb, record) the engine allows, by name.
fn engine_answers(m: &Model, d: &Dataset) -> Vec<(String, Verb, String, bool)> {
    let mut out = Vec::new();
    for u in 0..m.users.len() {
        for r in 0..d.records.len() {
            for verb in VERBS {
                let (u, r) = (UserId::from_index(u), RecordId::from_index(r));
                out.push((
                    m.users[u.index()].name.clone(),
                    verb,
                    d.records[r.index()].name.to_string(),
                    eval::can(m, d, u, verb, r),
                ));
            }
        }
    }
    out.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    out
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(192))]

    /// EVAL-10: the engine's decision equals the naive oracle's for every (user, verb, record).
    #[test]
    fn oracle_engine_agrees_with_the_naive_transcription_of_eval_10(spec in spec_strategy()) {
        let yaml = spec.yaml(&Order::default());
        let s = load(&yaml);
        for u in 0..s.model.users.len() {
            for r in 0..s.data.records.len() {
                for verb in VERBS {
                    let (uid, rid) = (UserId::from_index(u), RecordId::from_index(r));
                    let expected = oracle(&s.model, &s.data, uid, verb, rid);
                    let actual = eval::can(&s.model, &s.data, uid, verb, rid);
                    prop_assert_eq!(
                        actual, expected,
                        "{} {} {}: engine {}, oracle {}\n{}\nengine: {}",
                        s.model.users[u].name, verb.as_str(), s.data.records[r].name,
                        actual, expected, yaml,
                        eval::decide(&s.model, &s.data, uid, &eval::Operation::Record { verb, record: rid }).one_line()
                    );
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// ROLE-2, ROLE-4: raising one privilege's depth never removes any access.
    #[test]
    fn oracle_raising_a_depth_never_removes_access(
        spec in spec_strategy(),
        role in any::<u8>(),
        set in 0usize..3,
        verb in 0usize..8,
        raise in 1usize..5,
    ) {
        let yaml = spec.yaml(&Order::default());
        let s = load(&yaml);
        let before = engine_answers(&s.model, &s.data);
        let mut model = s.model.clone();
        let names = model.name_index();
        let role_id = names.roles[&format!("R{}", usize::from(role) % spec.roles.len())];
        let set_id = match SETS[set] {
            "activity" => PrivSet::Activity,
            name => PrivSet::Table(names.tables[name]),
        };
        let verb = Verb::ALL[verb];
        let depths = model.roles[role_id.index()].privileges.entry(set_id).or_default();
        let old = depths.get(verb);
        let new = Depth::ALL[(old as usize + raise).min(4)];
        depths.set(verb, new);
        let after = engine_answers(&model, &s.data);
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(!b.3 || a.3, "{} {} {} lost after raising {} {} {} from {} to {}\n{}",
                b.0, b.1.as_str(), b.2, model.roles[role_id.index()].name, SETS[set], verb.as_str(),
                old.as_str(), new.as_str(), yaml);
        }
    }

    /// SHARE-8, ROLE-4: removing a share never adds access.
    #[test]
    fn oracle_removing_a_share_never_adds_access(spec in spec_strategy(), pick in any::<u16>()) {
        let yaml = spec.yaml(&Order::default());
        let s = load(&yaml);
        let all: Vec<(RecordId, usize)> = s.data.shares.iter()
            .flat_map(|(r, list)| (0..list.len()).map(move |i| (*r, i)))
            .collect();
        prop_assume!(!all.is_empty());
        let mut sorted = all;
        sorted.sort();
        let (record, index) = sorted[usize::from(pick) % sorted.len()];
        let before = engine_answers(&s.model, &s.data);
        let mut data = s.data.clone();
        let removed = data.shares.get_mut(&record).map(|l| l.remove(index));
        let after = engine_answers(&s.model, &data);
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(b.3 || !a.3, "{} {} {} gained after removing {:?} from {}\n{}",
                b.0, b.1.as_str(), b.2, removed, s.data.records[record.index()].name, yaml);
        }
    }

    /// Answers do not depend on the order in which BUs, users, teams, roles, records and shares
    /// are declared.
    #[test]
    fn oracle_answers_do_not_depend_on_declaration_order(spec in spec_strategy(), seed in any::<u64>()) {
        let plain = spec.yaml(&Order::default());
        let permuted = spec.yaml(&Order { seed: Some(seed) });
        let a = load(&plain);
        let b = load(&permuted);
        let left = engine_answers(&a.model, &a.data);
        let right = engine_answers(&b.model, &b.data);
        prop_assert_eq!(left.len(), right.len());
        for (l, r) in left.iter().zip(&right) {
            prop_assert_eq!(l, r, "\n{}\n--- permuted ---\n{}", plain, permuted);
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// The bulk queries (visible lists, matrix counts, who-can) answer exactly what the
    /// single-record check answers, on every user, table and verb of random models.
    #[test]
    fn oracle_bulk_queries_agree_with_single_checks(spec in spec_strategy()) {
        use engine::model::TableId;
        use engine::query::{self, DataIndex, MATRIX_VERBS};
        let yaml = spec.yaml(&Order::default());
        let s = load(&yaml);
        let index = DataIndex::build(&s.model, &s.data);
        let users: Vec<UserId> = (0..s.model.users.len()).map(UserId::from_index).collect();
        let tables: Vec<TableId> = (0..s.model.tables.len()).map(TableId::from_index).collect();
        let matrix = query::matrix(&s.model, &s.data, &index, &users, &tables);
        for (u, user) in users.iter().enumerate() {
            for (t, table) in tables.iter().enumerate() {
                for verb in MATRIX_VERBS {
                    let expected: Vec<RecordId> = (0..s.data.records.len())
                        .map(RecordId::from_index)
                        .filter(|r| s.data.records[r.index()].table == *table && eval::can(&s.model, &s.data, *user, verb, *r))
                        .collect();
                    let listed: Vec<RecordId> =
                        query::visible(&s.model, &s.data, &index, *user, *table, verb).iter().map(|v| v.record).collect();
                    prop_assert_eq!(&listed, &expected, "visible {} {} {}\n{}", s.model.users[u].name, s.model.tables[t].name, verb.as_str(), yaml);
                    prop_assert_eq!(matrix.get(u, t, verb) as usize, expected.len(), "matrix {} {} {}\n{}", s.model.users[u].name, s.model.tables[t].name, verb.as_str(), yaml);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(384))]

    /// `what_if` after one role edit lists exactly the (user, record, verb) whose single-check
    /// answer changes. The edit either sets one depth (any change) or moves every granted depth
    /// of a privilege set one step up or down (a change of depth only).
    #[test]
    fn oracle_what_if_equals_the_difference_of_single_checks(
        spec in spec_strategy(),
        role in any::<u8>(),
        set in 0usize..3,
        verb in 0usize..8,
        depth in 0usize..5,
        shift in prop_oneof![Just(0i8), Just(-1), Just(1)],
    ) {
        use engine::query::{self, DataIndex};
        let yaml = spec.yaml(&Order::default());
        let s = load(&yaml);
        let mut after = s.model.clone();
        let names = after.name_index();
        let role_id = names.roles[&format!("R{}", usize::from(role) % spec.roles.len())];
        let set_id = match SETS[set] {
            "activity" => PrivSet::Activity,
            name => PrivSet::Table(names.tables[name]),
        };
        let depths = after.roles[role_id.index()].privileges.entry(set_id).or_default();
        if shift == 0 {
            depths.set(Verb::ALL[verb], Depth::ALL[depth]);
        } else {
            for v in Verb::ALL {
                let old = depths.get(v) as i8;
                if old != 0 {
                    depths.set(v, Depth::ALL[(old + shift).clamp(1, 4) as usize]);
                }
            }
        }
        let index = DataIndex::build(&s.model, &s.data);
        let verbs = [Verb::Read, Verb::Write, Verb::Delete, Verb::Append, Verb::AppendTo];
        let changes = query::what_if(&s.model, &after, &s.data, &index, &verbs);
        for user in (0..s.model.users.len()).map(UserId::from_index) {
            for verb in verbs {
                for r in (0..s.data.records.len()).map(RecordId::from_index) {
                    if s.data.records[r.index()].is_deleted() {
                        continue;
                    }
                    let was = eval::can(&s.model, &s.data, user, verb, r);
                    let is = eval::can(&after, &s.data, user, verb, r);
                    let listed = changes.iter().find(|c| c.user == user && c.verb == verb && c.table == s.data.records[r.index()].table);
                    let gained = listed.is_some_and(|c| c.gained.contains(&r));
                    let lost = listed.is_some_and(|c| c.lost.contains(&r));
                    prop_assert_eq!((gained, lost), (is && !was, was && !is),
                        "{} {} {}\n{}", s.model.users[user.index()].name, verb.as_str(), s.data.records[r.index()].name, yaml);
                }
            }
        }
    }
}

/// The model with a probe user who belongs to `team` and nothing else: no role of their own,
/// no manager, no position, in a BU of their own (so no default team adds roles or shares),
/// unless the team is a default team, whose members are its BU's users.
fn with_probe_member(m: &Model, team: engine::model::TeamId) -> (Model, UserId) {
    use engine::model::{BusinessUnit, TeamKind as Kind, User};
    let mut out = m.clone();
    let t = &m.teams[team.index()];
    let bu = if t.kind == Kind::Default {
        t.bu
    } else {
        out.bus.push(BusinessUnit {
            name: "PROBE_BU".into(),
            parent: Some(m.root_bu()),
        });
        BuId::from_index(out.bus.len() - 1)
    };
    out.users.push(User {
        name: "PROBE".into(),
        bu,
        roles: Vec::new(),
        manager: None,
        position: None,
        field_profiles: Vec::new(),
        enabled: true,
    });
    let probe = UserId::from_index(out.users.len() - 1);
    if t.kind != Kind::Default {
        out.teams[team.index()].members.push(probe);
    }
    (out, probe)
}

proptest! {
    #![proptest_config(config(128))]

    /// The matrix's team rows count what a member gets through the team alone (a probe member
    /// asked record by record), and its BU rows the records at least one enabled user of the
    /// BU can act on, on every table and verb of random models.
    #[test]
    fn oracle_team_and_bu_rows_agree_with_single_checks(spec in spec_strategy()) {
        use engine::model::{TableId, TeamId};
        use engine::query::{self, DataIndex, MATRIX_VERBS, MatrixRow};
        let yaml = spec.yaml(&Order::default());
        let s = load(&yaml);
        let index = DataIndex::build(&s.model, &s.data);
        let tables: Vec<TableId> = (0..s.model.tables.len()).map(TableId::from_index).collect();
        let mut rows: Vec<MatrixRow> = (0..s.model.teams.len()).map(|t| MatrixRow::Team(TeamId::from_index(t))).collect();
        rows.extend((0..s.model.bus.len()).map(|b| MatrixRow::BusinessUnit(BuId::from_index(b))));
        rows.extend((0..s.model.users.len()).map(|u| MatrixRow::User(UserId::from_index(u))));
        let m = query::principal_matrix(&s.model, &s.data, &index, &rows, &tables);
        let live: Vec<RecordId> = (0..s.data.records.len()).map(RecordId::from_index)
            .filter(|r| !s.data.records[r.index()].is_deleted()).collect();
        for (i, row) in rows.iter().enumerate() {
            let probe = match row {
                MatrixRow::Team(team) => Some(with_probe_member(&s.model, *team)),
                _ => None,
            };
            for (t, table) in tables.iter().enumerate() {
                for verb in MATRIX_VERBS {
                    let of_table = live.iter().filter(|r| s.data.records[r.index()].table == *table);
                    let expected = match row {
                        MatrixRow::Team(_) => {
                            let (model, user) = probe.as_ref().expect("probe");
                            of_table.filter(|r| eval::can(model, &s.data, *user, verb, **r)).count()
                        }
                        MatrixRow::BusinessUnit(bu) => {
                            let members = query::bu_members(&s.model, *bu);
                            of_table.filter(|r| members.iter().any(|u| eval::can(&s.model, &s.data, *u, verb, **r))).count()
                        }
                        MatrixRow::User(user) => of_table.filter(|r| eval::can(&s.model, &s.data, *user, verb, **r)).count(),
                    };
                    prop_assert_eq!(m.get(i, t, verb) as usize, expected, "{:?} {} {}\n{}", row, s.model.tables[t].name, verb.as_str(), yaml);
                }
            }
        }
    }

    /// For every refused (user, verb, record): a role fix grants it, every fix's `grants` is
    /// the single check after the change, and its changes are exactly the difference of single
    /// checks before and after over every user, record and verb asked.
    #[test]
    fn oracle_fix_effects_equal_the_difference_of_single_checks(spec in spec_strategy(), pick in any::<u16>()) {
        use engine::query::{self, DataIndex, Fix, MATRIX_VERBS};
        let yaml = spec.yaml(&Order::default());
        let s = load(&yaml);
        let index = DataIndex::build(&s.model, &s.data);
        let live: Vec<RecordId> = (0..s.data.records.len()).map(RecordId::from_index)
            .filter(|r| !s.data.records[r.index()].is_deleted()).collect();
        let mut denied = Vec::new();
        for u in (0..s.model.users.len()).map(UserId::from_index) {
            for r in &live {
                for verb in MATRIX_VERBS {
                    if !eval::can(&s.model, &s.data, u, verb, *r) {
                        denied.push((u, verb, *r));
                    }
                }
            }
        }
        prop_assume!(!denied.is_empty());
        let (user, verb, record) = denied[usize::from(pick) % denied.len()];
        for fix in query::fixes(&s.model, &s.data, user, verb, record) {
            let effect = query::fix_effect(&s.model, &s.data, &index, user, record, fix);
            let (model, data) = (fix.apply_to_model(&s.model), fix.apply_to_data(&s.data));
            prop_assert_eq!(effect.grants, eval::can(&model, &data, user, verb, record));
            if matches!(fix, Fix::RoleDepth { .. }) {
                prop_assert!(effect.grants, "{} does not grant {} {} {}\n{}", fix.describe(&s.model, &s.data),
                    s.model.users[user.index()].name, verb.as_str(), s.data.records[record.index()].name, yaml);
            }
            for u in (0..s.model.users.len()).map(UserId::from_index) {
                for v in MATRIX_VERBS {
                    for r in &live {
                        let was = eval::can(&s.model, &s.data, u, v, *r);
                        let is = eval::can(&model, &data, u, v, *r);
                        let listed = effect.changes.iter().find(|c| c.user == u && c.verb == v && c.table == s.data.records[r.index()].table);
                        let gained = listed.is_some_and(|c| c.gained.contains(r));
                        let lost = listed.is_some_and(|c| c.lost.contains(r));
                        prop_assert_eq!((gained, lost), (is && !was, was && !is),
                            "{}: {} {} {}\n{}", fix.describe(&s.model, &s.data), s.model.users[u.index()].name, v.as_str(), s.data.records[r.index()].name, yaml);
                    }
                }
            }
        }
    }
}
