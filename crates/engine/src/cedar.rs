//! Export of a model and its data as Cedar (cedar-policy 4): a schema, generic policies and the
//! entities that carry the model's facts, so that a server can enforce the designed model.
//!
//! This module only writes text and JSON; it does not depend on Cedar. `rampart cedar` writes the
//! three files, and the CLI's differential test (`crates/cli/tests/cedar_differential.rs`) checks
//! that Cedar's decision equals [`crate::eval::can`] for every user, record and action.
//!
//! # Scope
//!
//! The actions are the record-level operations `read write delete append appendto assign share`
//! on an existing record (`Rampart::Action::"read"` …). The principal is a `User`, the resource a
//! `Record`, there is no context. Out of scope: `create` (its depth depends on the owner and BU of
//! a record that does not exist yet, A-3), the operation-level checks of `eval::decide` that
//! combine several rights or records (assign's new owner, append's two records, N:N associate,
//! GrantAccess, APP-2 dependencies), column security (FLS-*), and events (the export is a
//! snapshot: re-export after a change of the model or the data).
//!
//! # Encoding
//!
//! The policies are the same for every model: one policy for System Administrator, then per
//! action one policy per access path of EVAL-10. Everything specific to the model is in the
//! entities, computed by the engine's own grant rules (Cedar cannot express "the context BU of a
//! team's role", ROLE-8, nor walk cascading relationships):
//!
//! * `BusinessUnit` — `in` its parent BU (BU-2), so `bu in X` holds for X and every BU below it.
//! * `Team` — `bu`, `kind` (`owner`, `access`, `default`, `entra_security_group`,
//!   `entra_office_group`). Tags only under the A-6 alternative, see `owned_in_bus` below.
//! * `User` — `in` every team they belong to (explicit members, and the default team of their
//!   BU, BU-4); `bu`; `system_administrator` (EVAL-8, directly or through a team); `reports`:
//!   per action, the reports within the configured hierarchy depth and every team of theirs
//!   (HIER-2, HIER-5, HIER-9) whose data gives the action at their level (direct reports Read,
//!   Write, Append, AppendTo, the others Read: HIER-4, A-2), as `users` and `teams`. Tags: one per
//!   privilege set the user holds anything on, keyed by the set's name (the table's logical name,
//!   or `activity` for the one Activity set, ACT-1); its value has one optional field per action,
//!   present exactly when the privilege check passes (EVAL-2: some role of the user or of an
//!   owner/default/Entra team of theirs holds the privilege at any depth). The field refers to a
//!   `Grant` entity (`g0`, `g1` …: one per distinct set of facts, shared by every user, set and
//!   action with the same facts, which keeps the entities small); its attributes:
//!   * `org` — an Organization-depth grant (EVAL-5, BU-9).
//!   * `bu` — context BUs of Business Unit-depth grants: records owned in exactly these BUs.
//!   * `pcbu` — context BUs of Parent: Child Business Units grants: records owned in these BUs or
//!     below (`in`). The context BU is the user's BU for a direct role, the team's BU for a team
//!     role, the BU of the assigned copy under modernized BUs (ROLE-8, MBU-3, A-14, A-19).
//!   * `owner` — records the user owns count (EVAL-4): some grant is usable on one's own records,
//!     i.e. a direct role or a team role with *Direct User (Basic) access level and Team
//!     privileges* (TEAM-6).
//!   * `owner_teams` — owner-capable teams of the user whose records count (EVAL-4, TEAM-6): any
//!     direct or Direct-User grant, or a *Team privileges only* grant from that very team.
//!   * `owned_in_bus`, `owner_team_candidates` — only when modernized BUs are on and
//!     `RecomputeOwnershipAcrossBusinessUnits` is off (A-6 alternative; `owner` and `owner_teams`
//!     are then empty): owned records count only when their owning BU is the context BU of a
//!     usable grant. `owned_in_bus` holds the context BUs of the grants usable on any owned record
//!     (direct and Direct-User roles), `owner_team_candidates` the owner-capable teams of the
//!     user; a team's own *Team privileges only* roles add their context BUs through the team's
//!     tags (same keys, a set of BUs per action).
//!   * `shares` — shared and inherited access counts (EVAL-6), false only when every grant is a
//!     *Team privileges only* team role and `team_only_roles_allow_shared_access` is off (A-4).
//!   * `organization_shares` — records shared with the organization count (A-12).
//!   * `hierarchy` — hierarchy security applies (EVAL-7): it is on and the user holds the set's
//!     Read privilege at the minimum depth (HIER-6, A-1); then `reports` counts.
//! * `Record` — `table`, `privset` (the key of the user tags, ACT-1), `organization_owned`
//!   (ROLE-5), `hierarchy` (the table is under hierarchy security, HIER-1), optional
//!   `owning_bu`, `owner_user`, `owner_team`; `inherited_users`, `inherited_teams`: the owners
//!   of ancestors linked through Reparent cascades, who hold every right but create on the record
//!   (CASC-2, CASC-6, A-7) and whose data it also is for hierarchy security (HIER-3). Tags: one
//!   per action that a share gives on the record, a `Reach`:
//!   * `users`, `teams`, `organization` — principals holding the right by a share of the record
//!     (SHARE-1, direct and kept inherited rights, CASC-5) or by a share of an ancestor linked
//!     through Share cascades (CASC-3, EVAL-6 (2)(4)).
//!   * `data_users`, `data_teams` — the direct shares without the organization: principals whose
//!     data the record is for hierarchy security (HIER-3, HIER-8; not a parent's share).
//!
//!   Every link from a child to its parent follows the relationship's cascade, Cascade
//!   User-Owned only when child and parent have the same owner (CASC-1, CASC-4).
//!
//! A request is allowed when any policy permits it (ROLE-4: no deny). Per action the policies
//! read: organization-owned table and privilege (ROLE-5); the owning BU is covered by a depth
//! (EVAL-5); the user or a team of theirs owns the record (EVAL-4, TEAM-6); the same under A-6;
//! the record reaches the user, a team of theirs or the organization by sharing (EVAL-6);
//! hierarchy (EVAL-7).
//!
//! # What is not faithful
//!
//! Nothing within the scope above: every rule of `eval::can` for the seven actions is encoded.
//! The facts are a snapshot, so the server must re-import the entities after any change of the
//! model or the data (roles, memberships, owners, shares, parents). Inherited access is read from
//! [`crate::eval::access::data_reach`], so the export follows the engine's walk exactly, its
//! order included: an ancestor first reached through a Share-only link hides its owner's
//! inherited access even when another lookup reaches it through a Reparent cascade (the hierarchy
//! walk does not have this order effect; `data_users` carries the difference). A non-activity
//! table named `activity` would collide with the Activity set's tag key; nothing guards against
//! it.

use std::ops::ControlFlow;

use serde_json::{Map, Value, json};

use crate::data::Dataset;
use crate::eval::access::{UserFacts, Via, data_reach};
use crate::eval::grants::{GrantSource, context_bu};
use crate::model::{
    BuId, Depth, HierarchyMinimumDepth, Inheritance, Model, Ownership, Principal, PrivSet,
    RecordId, TableId, TeamId, UserId, Verb,
};

/// The Cedar namespace of every exported name.
pub const NAMESPACE: &str = "Rampart";

/// The record-level actions exported, in Microsoft's order (`create` is out of scope).
pub const ACTIONS: [Verb; 7] = [
    Verb::Read,
    Verb::Write,
    Verb::Delete,
    Verb::Append,
    Verb::AppendTo,
    Verb::Assign,
    Verb::Share,
];

/// A model and its data as Cedar documents.
#[derive(Debug, Clone, PartialEq)]
pub struct CedarExport {
    /// The schema, in Cedar schema syntax (`schema.cedarschema`).
    pub schema: String,
    /// The policies (`policies.cedar`); the same text for every model.
    pub policies: String,
    /// The entities, in Cedar's entities JSON format (`entities.json`).
    pub entities: Value,
}

/// Exports `model` and `data` (see the module documentation for the encoding).
pub fn export(model: &Model, data: &Dataset) -> CedarExport {
    CedarExport {
        schema: schema(model),
        policies: policies(),
        entities: entities(model, data),
    }
}

/// The schema, in Cedar schema syntax; only its header comment depends on the model.
pub fn schema(model: &Model) -> String {
    let verbs: Vec<&str> = ACTIONS.iter().map(|v| v.as_str()).collect();
    let grant_fields: String = verbs
        .iter()
        .map(|v| format!("    {v}?: Grant,\n"))
        .collect();
    let report_fields: String = verbs
        .iter()
        .map(|v| format!("    {v}: Principals,\n"))
        .collect();
    let team_fields: String = verbs
        .iter()
        .map(|v| format!("    {v}: Set<BusinessUnit>,\n"))
        .collect();
    let actions: String = verbs
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#"// Cedar schema of the Rampart model "{name}": record-level security (Dataverse rules).
// Generated by Rampart; the entity attributes carry facts computed by Rampart's engine, see
// policies.cedar and the engine's `cedar` module documentation for the encoding.
namespace {NAMESPACE} {{
  // A business unit, in its parent (BU-2): `bu in X` holds for X and every BU below it.
  entity BusinessUnit in [BusinessUnit];

  // A team; kind: owner, access, default, entra_security_group or entra_office_group.
  // Tags (A-6 alternative only): per privilege set, the context BUs of the team's own
  // "Team privileges only" roles per action.
  entity Team = {{
    bu: BusinessUnit,
    kind: String,
  }} tags TeamOwnedBus;

  type TeamOwnedBus = {{
{team_fields}  }};

  // A user, in every team they belong to (the default team of their BU included, BU-4).
  // Tags: per privilege set (table name, or "activity"), the grants per action; an action is
  // present exactly when the privilege check passes (EVAL-2).
  entity User in [Team] = {{
    bu: BusinessUnit,
    system_administrator: Bool,
    reports: Reports,                         // hierarchy: per action, whose data gives it
  }} tags Privileges;

  // Per action, the reports (and their teams) whose data gives the action (HIER-3, HIER-4).
  type Reports = {{
{report_fields}  }};

  type Principals = {{
    users: Set<User>,
    teams: Set<Team>,
  }};

  type Privileges = {{
{grant_fields}  }};

  // What a user's roles give on one privilege set for one action; one entity serves every
  // user, set and action with the same facts.
  entity Grant = {{
    org: Bool,                                // Organization depth (EVAL-5)
    bu: Set<BusinessUnit>,                    // Business Unit depth: owned in exactly these BUs
    pcbu: Set<BusinessUnit>,                  // Parent: Child BU depth: owned in these BUs or below
    owner: Bool,                              // the user's own records count (EVAL-4, TEAM-6)
    owner_teams: Set<Team>,                   // these teams' records count (EVAL-4, TEAM-6)
    owned_in_bus: Set<BusinessUnit>,          // A-6 alternative: owned records count in these BUs
    owner_team_candidates: Set<Team>,         // A-6 alternative: owner-capable teams of the user
    shares: Bool,                             // shared and inherited access counts (EVAL-6, A-4)
    organization_shares: Bool,                // records shared with the organization count (A-12)
    hierarchy: Bool,                          // hierarchy security applies (EVAL-7, HIER-6)
  }};

  // A record. Tags: per action, who holds it by a share of the record or of a parent (EVAL-6,
  // CASC-3) and whose data it is for hierarchy security by a direct share (HIER-3, HIER-8).
  entity Record = {{
    table: String,
    privset: String,                          // key of the user tags: the table, or "activity"
    organization_owned: Bool,                 // ROLE-5
    hierarchy: Bool,                          // the table is under hierarchy security (HIER-1)
    owning_bu?: BusinessUnit,
    owner_user?: User,
    owner_team?: Team,
    inherited_users: Set<User>,               // own a parent: every right but create (CASC-2)
    inherited_teams: Set<Team>,
  }} tags Reach;

  type Reach = {{
    users: Set<User>,
    teams: Set<Team>,
    organization: Bool,
    data_users: Set<User>,
    data_teams: Set<Team>,
  }};

  // Record-level operations on an existing record; create is out of scope.
  action {actions} appliesTo {{
    principal: [User],
    resource: [Record],
  }};
}}
"#,
        name = model.name.replace(['\n', '\r'], " "),
    )
}

/// The policies: the same for every model; each path of EVAL-10 is one policy per action.
pub fn policies() -> String {
    let all: Vec<String> = ACTIONS
        .iter()
        .map(|v| format!("{NAMESPACE}::Action::\"{}\"", v.as_str()))
        .collect();
    let mut out = format!(
        r#"// Rampart: record-level security (Dataverse rules) as Cedar policies.
// The same policies serve every model; the entities carry the model's facts (see the schema).
// Any permit allows (ROLE-4: no deny rules). In each policy, G is
// principal.getTag(resource.privset).ACTION: what the user's roles give for the action on the
// record's privilege set; it exists exactly when the privilege check passes (EVAL-2).

// EVAL-8: System Administrator can do anything.
@id("system_administrator")
permit (
  principal,
  action in [{all}],
  resource
)
when {{ principal.system_administrator }};
"#,
        all = all.join(", ")
    );
    for verb in ACTIONS {
        out.push_str(&POLICY_TEMPLATE.replace("VERB", verb.as_str()));
    }
    out
}

/// The policies of one action; `VERB` stands for the action.
const POLICY_TEMPLATE: &str = r#"
// ---------------------------------------------------------------- VERB

// ROLE-5: an organization-owned table's privilege is an on/off switch.
@id("VERB.organization_owned")
permit (principal, action == Rampart::Action::"VERB", resource)
when {
  resource.organization_owned &&
  principal.hasTag(resource.privset) &&
  principal.getTag(resource.privset) has VERB
};

// EVAL-5, BU-9, ROLE-8: a role's depth covers the record's owning business unit.
@id("VERB.role_depth")
permit (principal, action == Rampart::Action::"VERB", resource)
when {
  principal.hasTag(resource.privset) &&
  principal.getTag(resource.privset) has VERB &&
  resource has owning_bu &&
  (principal.getTag(resource.privset).VERB.org ||
   principal.getTag(resource.privset).VERB.bu.contains(resource.owning_bu) ||
   resource.owning_bu in principal.getTag(resource.privset).VERB.pcbu)
};

// EVAL-4, ROLE-3, TEAM-6: the user, or an owner team of theirs, owns the record.
@id("VERB.ownership")
permit (principal, action == Rampart::Action::"VERB", resource)
when {
  principal.hasTag(resource.privset) &&
  principal.getTag(resource.privset) has VERB &&
  ((resource has owner_user &&
    resource.owner_user == principal &&
    principal.getTag(resource.privset).VERB.owner) ||
   (resource has owner_team &&
    principal.getTag(resource.privset).VERB.owner_teams.contains(resource.owner_team)))
};

// EVAL-4 under the A-6 alternative (modernized BUs, RecomputeOwnershipAcrossBusinessUnits off):
// ownership counts only with a usable role from the record's owning business unit.
@id("VERB.ownership_in_record_bu")
permit (principal, action == Rampart::Action::"VERB", resource)
when {
  principal.hasTag(resource.privset) &&
  principal.getTag(resource.privset) has VERB &&
  resource has owning_bu &&
  ((resource has owner_user &&
    resource.owner_user == principal &&
    principal.getTag(resource.privset).VERB.owned_in_bus.contains(resource.owning_bu)) ||
   (resource has owner_team &&
    principal.getTag(resource.privset).VERB.owner_team_candidates.contains(resource.owner_team) &&
    (principal.getTag(resource.privset).VERB.owned_in_bus.contains(resource.owning_bu) ||
     (resource.owner_team.hasTag(resource.privset) &&
      resource.owner_team.getTag(resource.privset).VERB.contains(resource.owning_bu)))))
};

// EVAL-6, SHARE-1, CASC-2, CASC-3, A-4, A-12: the user, a team of theirs or the organization
// holds the right by a share of the record or of a parent, or by owning a parent.
@id("VERB.shared")
permit (principal, action == Rampart::Action::"VERB", resource)
when {
  principal.hasTag(resource.privset) &&
  principal.getTag(resource.privset) has VERB &&
  principal.getTag(resource.privset).VERB.shares &&
  (resource.inherited_users.contains(principal) ||
   principal in resource.inherited_teams ||
   (resource.hasTag("VERB") &&
    (resource.getTag("VERB").users.contains(principal) ||
     principal in resource.getTag("VERB").teams ||
     (resource.getTag("VERB").organization &&
      principal.getTag(resource.privset).VERB.organization_shares))))
};

// EVAL-7, HIER-3, HIER-4, HIER-8: the record is the data of a report (owned by them or a team of
// theirs, shared directly with them, or under a parent they own).
@id("VERB.hierarchy")
permit (principal, action == Rampart::Action::"VERB", resource)
when {
  resource.hierarchy &&
  principal.hasTag(resource.privset) &&
  principal.getTag(resource.privset) has VERB &&
  principal.getTag(resource.privset).VERB.hierarchy &&
  ((resource has owner_user && principal.reports.VERB.users.contains(resource.owner_user)) ||
   (resource has owner_team && principal.reports.VERB.teams.contains(resource.owner_team)) ||
   principal.reports.VERB.users.containsAny(resource.inherited_users) ||
   principal.reports.VERB.teams.containsAny(resource.inherited_teams) ||
   (resource.hasTag("VERB") &&
    (principal.reports.VERB.users.containsAny(resource.getTag("VERB").data_users) ||
     principal.reports.VERB.teams.containsAny(resource.getTag("VERB").data_teams))))
};
"#;

/// The entities: business units, teams, users and records with their facts.
pub fn entities(model: &Model, data: &Dataset) -> Value {
    let mut out: Vec<Value> = Vec::new();
    out.extend(business_units(model));
    out.extend(teams(model));
    out.extend(users(model));
    out.extend(records(model, data, 0..data.records.len()));
    Value::Array(out)
}

/// The entities of the model alone (business units, teams, users), for servers that load
/// records separately with [`record_entities`].
pub fn model_entities(model: &Model) -> Value {
    let mut out: Vec<Value> = Vec::new();
    out.extend(business_units(model));
    out.extend(teams(model));
    out.extend(users(model));
    Value::Array(out)
}

/// The entities of some records (by index range of `data.records`).
pub fn record_entities(model: &Model, data: &Dataset, range: std::ops::Range<usize>) -> Value {
    Value::Array(records(model, data, range))
}

/// The Cedar entity uid of a business unit, user, team or record: `{"type", "id"}`.
pub fn uid(kind: &str, id: &str) -> Value {
    json!({"type": format!("{NAMESPACE}::{kind}"), "id": id})
}

/// An entity reference as an attribute value.
fn entity_ref(kind: &str, id: &str) -> Value {
    json!({"__entity": uid(kind, id)})
}

fn bu_ref(model: &Model, bu: BuId) -> Value {
    entity_ref(
        "BusinessUnit",
        model.bus.get(bu.index()).map_or("?", |b| &b.name),
    )
}

fn team_ref(model: &Model, team: TeamId) -> Value {
    entity_ref("Team", model.team_name(team))
}

fn user_ref(model: &Model, user: UserId) -> Value {
    entity_ref("User", model.user_name(user))
}

fn business_units(model: &Model) -> Vec<Value> {
    model
        .bus
        .iter()
        .map(|bu| {
            let parents: Vec<Value> = bu
                .parent
                .and_then(|p| model.bus.get(p.index()))
                .map(|p| uid("BusinessUnit", &p.name))
                .into_iter()
                .collect();
            json!({"uid": uid("BusinessUnit", &bu.name), "attrs": {}, "parents": parents})
        })
        .collect()
}

/// Whether owned records count only with a usable grant from their owning BU (A-6 alternative).
fn ownership_needs_record_bu(model: &Model) -> bool {
    model.settings.modernized_bu && !model.settings.recompute_ownership()
}

/// The privilege sets of the model: every non-activity table's own set, then the Activity set.
fn priv_sets(model: &Model) -> Vec<PrivSet> {
    let mut sets: Vec<PrivSet> = (0..model.tables.len())
        .map(|t| model.priv_set(TableId::from_index(t)))
        .collect();
    sets.sort();
    sets.dedup();
    sets
}

fn teams(model: &Model) -> Vec<Value> {
    let strict = ownership_needs_record_bu(model);
    let sets = priv_sets(model);
    model
        .teams
        .iter()
        .map(|team| {
            let mut tags = Map::new();
            if strict && team.kind.holds_roles() {
                for set in &sets {
                    let mut per_verb = Map::new();
                    let mut any = false;
                    for verb in ACTIONS {
                        let mut bus: Vec<BuId> = team
                            .roles
                            .iter()
                            .filter(|a| {
                                model.roles.get(a.role.index()).is_some_and(|r| {
                                    r.inheritance == Inheritance::TeamOnly
                                        && r.depth(*set, verb) != Depth::None
                                })
                            })
                            .map(|a| context_bu(model, a, team.bu))
                            .collect();
                        bus.sort();
                        bus.dedup();
                        any |= !bus.is_empty();
                        let refs: Vec<Value> = bus.iter().map(|b| bu_ref(model, *b)).collect();
                        per_verb.insert(verb.as_str().into(), Value::Array(refs));
                    }
                    if any {
                        tags.insert(model.priv_set_name(*set).into(), Value::Object(per_verb));
                    }
                }
            }
            json!({
                "uid": uid("Team", &team.name),
                "attrs": {"bu": bu_ref(model, team.bu), "kind": team.kind.as_str()},
                "parents": [],
                "tags": tags,
            })
        })
        .collect()
}

/// The `Grant` entities, one per distinct set of facts, numbered in order of first use.
#[derive(Default)]
struct Grants {
    ids: std::collections::HashMap<String, usize>,
    entities: Vec<Value>,
}

impl Grants {
    /// A reference to the grant with these attributes, created when new.
    fn reference(&mut self, attrs: Value) -> Value {
        let key = attrs.to_string();
        let n = match self.ids.get(&key) {
            Some(n) => *n,
            None => {
                let n = self.entities.len();
                self.ids.insert(key, n);
                let id = format!("g{n}");
                self.entities
                    .push(json!({"uid": uid("Grant", &id), "attrs": attrs, "parents": []}));
                n
            }
        };
        entity_ref("Grant", &format!("g{n}"))
    }
}

/// The users, then the `Grant` entities their tags refer to.
fn users(model: &Model) -> Vec<Value> {
    let sets = priv_sets(model);
    let mut grants = Grants::default();
    let mut users: Vec<Value> = (0..model.users.len())
        .map(|i| {
            let user = UserId::from_index(i);
            let facts = UserFacts::new(model, user);
            let sysadmin = facts.sysadmin.is_some();
            let mut tags = Map::new();
            if !sysadmin {
                for set in &sets {
                    let mut per_verb = Map::new();
                    for verb in ACTIONS {
                        if let Some(grant) = grant(model, &facts, *set, verb) {
                            per_verb.insert(verb.as_str().into(), grants.reference(grant));
                        }
                    }
                    if !per_verb.is_empty() {
                        tags.insert(model.priv_set_name(*set).into(), Value::Object(per_verb));
                    }
                }
            }
            let parents: Vec<Value> = facts
                .teams
                .iter()
                .map(|t| uid("Team", model.team_name(*t)))
                .collect();
            let bu = model.users.get(i).map_or(BuId(0), |u| u.bu);
            // HIER-2..HIER-5, HIER-9: the reports and their teams, per action by level.
            let mut reports = PerAction::default();
            if !sysadmin {
                for h in facts.hierarchy.iter() {
                    add_rights(&mut reports, h.principal, h.rights);
                }
            }
            let reports: Map<String, Value> = ACTIONS
                .iter()
                .zip(&mut reports)
                .map(|(verb, holders)| {
                    holders.finish();
                    (
                        verb.as_str().to_string(),
                        json!({"users": holders.users_json(model), "teams": holders.teams_json(model)}),
                    )
                })
                .collect();
            json!({
                "uid": uid("User", model.user_name(user)),
                "attrs": {
                    "bu": bu_ref(model, bu),
                    "system_administrator": sysadmin,
                    "reports": reports,
                },
                "parents": parents,
                "tags": tags,
            })
        })
        .collect();
    users.extend(grants.entities);
    users
}

/// The `Grant` of one user on one privilege set for one verb; `None` when the privilege check
/// fails (EVAL-2). Mirrors `eval::access::Subject`.
fn grant(model: &Model, facts: &UserFacts, set: PrivSet, verb: Verb) -> Option<Value> {
    let grants = facts.grants(model, set, verb);
    if grants.is_empty() {
        return None;
    }
    // EVAL-5, BU-9, ROLE-8: depth by context BU.
    let org = grants.iter().any(|g| g.depth == Depth::Org);
    let mut bu: Vec<BuId> = grants
        .iter()
        .filter(|g| g.depth == Depth::Bu)
        .map(|g| g.ctx_bu)
        .collect();
    let mut pcbu: Vec<BuId> = grants
        .iter()
        .filter(|g| g.depth == Depth::Pcbu)
        .map(|g| g.ctx_bu)
        .collect();
    for list in [&mut bu, &mut pcbu] {
        list.sort();
        list.dedup();
    }
    // EVAL-4, TEAM-6: owner principals (the user, and their owner-capable teams).
    let user = Principal::User(facts.user);
    let capable_teams: Vec<TeamId> = facts
        .teams
        .iter()
        .copied()
        .filter(|t| {
            model
                .teams
                .get(t.index())
                .is_some_and(|team| team.kind.holds_roles())
        })
        .collect();
    let strict = ownership_needs_record_bu(model);
    let (mut owner, mut owner_teams) = (false, Vec::new());
    let (mut owned_in_bus, mut owner_team_candidates) = (Vec::new(), Vec::new());
    if strict {
        // A-6 alternative: grants usable on any owned record (direct, Direct-User team roles).
        owned_in_bus = grants
            .iter()
            .filter(|g| g.usable_for_owned(user))
            .map(|g| g.ctx_bu)
            .collect();
        owned_in_bus.sort();
        owned_in_bus.dedup();
        owner_team_candidates = capable_teams;
    } else {
        owner = grants.iter().any(|g| g.usable_for_owned(user));
        owner_teams = capable_teams
            .into_iter()
            .filter(|t| {
                grants
                    .iter()
                    .any(|g| g.usable_for_owned(Principal::Team(*t)))
            })
            .collect();
    }
    // EVAL-6, A-4, A-12: whether shares count.
    let shares = model.settings.team_only_roles_allow_shared_access
        || grants.iter().any(|g| {
            !matches!(
                g.source,
                GrantSource::Team {
                    inheritance: Inheritance::TeamOnly,
                    ..
                }
            )
        });
    let organization_shares = shares && model.settings.basic_includes_org_shares;
    // EVAL-7, HIER-6, A-1: hierarchy applies when the manager holds Read at the minimum depth.
    let minimum = match model.settings.hierarchy_minimum_depth {
        HierarchyMinimumDepth::User => Depth::User,
        HierarchyMinimumDepth::BusinessUnit => Depth::Bu,
    };
    let hierarchy = model.settings.hierarchy.is_some()
        && facts
            .grants(model, set, Verb::Read)
            .iter()
            .any(|g| g.depth >= minimum);
    let bus = |list: &[BuId]| -> Vec<Value> { list.iter().map(|b| bu_ref(model, *b)).collect() };
    let teams =
        |list: &[TeamId]| -> Vec<Value> { list.iter().map(|t| team_ref(model, *t)).collect() };
    Some(json!({
        "org": org,
        "bu": bus(&bu),
        "pcbu": bus(&pcbu),
        "owner": owner,
        "owner_teams": teams(&owner_teams),
        "owned_in_bus": bus(&owned_in_bus),
        "owner_team_candidates": teams(&owner_team_candidates),
        "shares": shares,
        "organization_shares": organization_shares,
        "hierarchy": hierarchy,
    }))
}

/// Principals holding a right, as users, teams and the organization.
#[derive(Default)]
struct Holders {
    users: Vec<UserId>,
    teams: Vec<TeamId>,
    organization: bool,
}

impl Holders {
    fn add(&mut self, principal: Principal) {
        match principal {
            Principal::User(u) => self.users.push(u),
            Principal::Team(t) => self.teams.push(t),
            Principal::Organization => self.organization = true,
        }
    }

    fn contains(&self, principal: Principal) -> bool {
        match principal {
            Principal::User(u) => self.users.contains(&u),
            Principal::Team(t) => self.teams.contains(&t),
            Principal::Organization => self.organization,
        }
    }

    fn finish(&mut self) {
        self.users.sort();
        self.users.dedup();
        self.teams.sort();
        self.teams.dedup();
    }

    fn is_empty(&self) -> bool {
        self.users.is_empty() && self.teams.is_empty() && !self.organization
    }

    fn users_json(&self, model: &Model) -> Value {
        Value::Array(self.users.iter().map(|u| user_ref(model, *u)).collect())
    }

    fn teams_json(&self, model: &Model) -> Value {
        Value::Array(self.teams.iter().map(|t| team_ref(model, *t)).collect())
    }
}

/// Per action (in [`ACTIONS`] order), the principals holding it.
type PerAction = [Holders; 7];

fn add_rights(per_action: &mut PerAction, principal: Principal, rights: crate::model::Rights) {
    for (holders, verb) in per_action.iter_mut().zip(ACTIONS) {
        if rights.contains(verb) {
            holders.add(principal);
        }
    }
}

/// Whether `rights` holds every exported action.
fn all_actions(rights: crate::model::Rights) -> bool {
    ACTIONS.iter().all(|v| rights.contains(*v))
}

fn records(model: &Model, data: &Dataset, range: std::ops::Range<usize>) -> Vec<Value> {
    let hierarchy_tables: Vec<bool> = model
        .tables
        .iter()
        .map(|t| {
            model
                .settings
                .hierarchy
                .as_ref()
                .is_some_and(|h| h.tables.as_ref().is_none_or(|ts| ts.contains(&t.name)))
        })
        .collect();
    let mut out = Vec::with_capacity(range.len());
    for i in range {
        let Some(rec) = data.records.get(i) else {
            continue;
        };
        let id = RecordId::from_index(i);
        let organization_owned = model
            .tables
            .get(rec.table.index())
            .is_some_and(|t| t.ownership == Ownership::Organization);
        let hierarchy = hierarchy_tables
            .get(rec.table.index())
            .copied()
            .unwrap_or(false);
        // EVAL-6 with CASC-*: owners of parents (inherited), shares of the record and of parents.
        let mut inherited = Holders::default();
        let mut shared = PerAction::default();
        // HIER-3, HIER-8: whose data the record is besides its owner and `inherited`.
        let mut report_data = PerAction::default();
        if !organization_owned {
            let _ = data_reach(
                model,
                data,
                id,
                |_| true,
                false,
                |via, rights| {
                    match via {
                        Via::ParentOwner { owner, .. } if all_actions(rights) => {
                            inherited.add(owner)
                        }
                        _ => add_rights(&mut shared, via.principal(), rights),
                    }
                    ControlFlow::Continue(())
                },
            );
            inherited.finish();
            if hierarchy {
                // The hierarchy walk follows Reparent links only, so it may reach parent owners
                // that the walk above passed by (an ancestor first reached through a Share link).
                let _ = data_reach(
                    model,
                    data,
                    id,
                    |p| p != Principal::Organization,
                    true,
                    |via, rights| {
                        match via {
                            Via::Owner(_) => {}
                            Via::ParentOwner { owner, .. }
                                if all_actions(rights) && inherited.contains(owner) => {}
                            _ => add_rights(&mut report_data, via.principal(), rights),
                        }
                        ControlFlow::Continue(())
                    },
                );
            }
        }
        let mut attrs = Map::new();
        attrs.insert("table".into(), model.table_name(rec.table).into());
        attrs.insert(
            "privset".into(),
            model.priv_set_name(model.priv_set(rec.table)).into(),
        );
        attrs.insert("organization_owned".into(), organization_owned.into());
        attrs.insert("hierarchy".into(), hierarchy.into());
        if let Some(bu) = rec.owning_bu {
            attrs.insert("owning_bu".into(), bu_ref(model, bu));
        }
        match rec.owner {
            Some(Principal::User(u)) => {
                attrs.insert("owner_user".into(), user_ref(model, u));
            }
            Some(Principal::Team(t)) => {
                attrs.insert("owner_team".into(), team_ref(model, t));
            }
            Some(Principal::Organization) | None => {}
        }
        attrs.insert("inherited_users".into(), inherited.users_json(model));
        attrs.insert("inherited_teams".into(), inherited.teams_json(model));
        let mut tags = Map::new();
        for ((verb, shared), report_data) in ACTIONS.iter().zip(&mut shared).zip(&mut report_data) {
            shared.finish();
            report_data.finish();
            if shared.is_empty() && report_data.is_empty() {
                continue;
            }
            tags.insert(
                verb.as_str().into(),
                json!({
                    "users": shared.users_json(model),
                    "teams": shared.teams_json(model),
                    "organization": shared.organization,
                    "data_users": report_data.users_json(model),
                    "data_teams": report_data.teams_json(model),
                }),
            );
        }
        out.push(json!({
            "uid": uid("Record", &rec.name),
            "attrs": attrs,
            "parents": [],
            "tags": tags,
        }));
    }
    out
}
