//! The `rampart-model` JSON format, version 1: the public contract for a whole organisation
//! design (and, optionally, sample data).
//!
//! These types are the wire shape only. [`super::load`] turns a document into an
//! [`crate::model::Model`] (interning the string ids into typed ids and reporting every
//! reference problem as an issue), and [`super::save`] writes a model back. The JSON Schema
//! (draft 2020-12) is generated from these same types by [`super::schema_json`] and shipped as
//! `schema/rampart-model-v1.schema.json`.
//!
//! # General rules
//!
//! - Every object is keyed by its **id**, a string chosen by the designer (`bu_sales`, `U7`,
//!   `account`). Ids are case-sensitive. References to other objects use these ids.
//! - Users and teams are both **principals**: an owner or share recipient is written as a user
//!   or team id, so a user and a team must not share an id. `ORG` (the whole organisation, as a
//!   share recipient only) is reserved.
//! - Unknown fields are refused (a typo is an error, not silently ignored).
//! - Output is byte-stable: object keys are in id order (byte order), fields in the order listed
//!   here, pretty-printed with a 2-space indent and a final newline. Two saves of the same model
//!   are identical. `rampart fmt` rewrites a file into this canonical form.
//! - On reading, every field marked *optional* may be left out; its default is given. When
//!   writing, optional fields that hold their default are left out, except in `settings`,
//!   where every setting is written.
//! - Depth tokens (§0.2 of the rulebook): `none`, `user` (Basic), `bu` (Local), `pcbu`
//!   (Parent: Child Business Units, Deep), `org` (Global).
//! - Verb / right tokens, in Microsoft's order: `create`, `read`, `write`, `delete`, `append`,
//!   `appendto`, `assign`, `share`.
//!
//! # Envelope
//!
//! ```json
//! {
//!   "format": "rampart-model",
//!   "version": 1,
//!   "name": "Contoso",
//!   "settings": { … },
//!   "business_units": { "root": {}, "sales": { "parent": "root" } },
//!   "users": { … }, "teams": { … }, "roles": { … }, "tables": { … },
//!   "relationships": { … }, "positions": { … }, "team_templates": { … },
//!   "field_security_profiles": { … },
//!   "display_names": { "sales": "Sales (EMEA)" },
//!   "data": { "records": { … }, "shares": [ … ], "column_shares": [ … ] },
//!   "lint_suppressions": { "L003": "team roles outside the BU are intended here" },
//!   "pinned_checks": [ { "who": "U1", "op": "read", "target": "A1", "expect": "allow" } ]
//! }
//! ```
//!
//! | field | required | meaning |
//! |---|---|---|
//! | `format` | yes | always `"rampart-model"` |
//! | `version` | yes | `1`. Older versions are migrated on load (version 0: see [`super::migrate`]); newer ones are refused |
//! | `name` | optional (`""`) | display name of the organisation |
//! | `settings` | optional (all defaults) | [`Settings`] |
//! | `business_units` | optional (`{}`) | id → [`BusinessUnit`]; exactly one root (BU-1) |
//! | `users` | optional | id → [`User`] |
//! | `teams` | optional | id → [`Team`], default teams included (BU-4) |
//! | `roles` | optional | id → [`Role`], predefined roles included (§12) |
//! | `tables` | optional | logical name → [`Table`] |
//! | `relationships` | optional | schema name → [`Relationship`] |
//! | `positions` | optional | id → [`Position`] (HIER-9) |
//! | `team_templates` | optional | id → [`TeamTemplate`] (TEAM-9) |
//! | `field_security_profiles` | optional | id → [`FieldSecurityProfile`] (FLS-2) |
//! | `display_names` | optional | any id → display text. This is where tables, BUs, users … get their display names; evaluation never reads them |
//! | `data` | optional, absent = no sample data | [`Data`]: records, shares and column shares |
//! | `lint_suppressions` | optional | advisor finding id → the reason it is accepted |
//! | `checksum` | optional | `sha256:<hex>` of the canonical text without `checksum`, written by exports; checked on load |
//! | `events` | optional | state changes (scenario format `events`) that pinned checks with `after` replay |
//! | `walkthrough` | optional, absent = none | [`Walkthrough`]: a title and the steps a presenter walks through in workshop mode |
//! | `pinned_checks` | optional | checks kept with the model, each in the check shape of the scenario format (`shared/scenarios/FORMAT.md`, `checks`), stored as free JSON |
//!
//! Every envelope field but `data` is always written.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::id_map::IdMap;

/// The `format` tag of every document.
pub const FORMAT: &str = "rampart-model";

/// The version these types describe.
pub const VERSION: u32 = 1;

/// The reserved principal id for "the whole organisation" (share recipient only, EVAL-6 (5)).
pub const ORGANIZATION: &str = "ORG";

/// The reserved privilege-set key for the one Activity privilege set (ACT-1).
pub const ACTIVITY: &str = "activity";

/// A whole `rampart-model` document (the envelope).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "rampart-model v1",
    description = "A Dataverse-style security model (business units, principals, roles, tables, settings) with optional sample data, as written by Rampart"
)]
pub struct Document {
    /// Always `rampart-model`.
    #[schemars(extend("const" = "rampart-model"))]
    pub format: String,
    /// Format version: 1.
    #[schemars(extend("const" = 1))]
    pub version: u32,
    /// Display name of the organisation.
    #[serde(default)]
    pub name: String,
    /// Organisation settings, §13 alternatives included.
    #[serde(default)]
    pub settings: Settings,
    /// Business units by id.
    #[serde(default)]
    pub business_units: IdMap<BusinessUnit>,
    /// Users by id.
    #[serde(default)]
    pub users: IdMap<User>,
    /// Teams by id.
    #[serde(default)]
    pub teams: IdMap<Team>,
    /// Security roles by id.
    #[serde(default)]
    pub roles: IdMap<Role>,
    /// Tables by logical name.
    #[serde(default)]
    pub tables: IdMap<Table>,
    /// Relationships by schema name.
    #[serde(default)]
    pub relationships: IdMap<Relationship>,
    /// Positions by id.
    #[serde(default)]
    pub positions: IdMap<Position>,
    /// Access team templates by id.
    #[serde(default)]
    pub team_templates: IdMap<TeamTemplate>,
    /// Column security profiles by id.
    #[serde(default)]
    pub field_security_profiles: IdMap<FieldSecurityProfile>,
    /// Display names for any id.
    #[serde(default)]
    pub display_names: BTreeMap<String, String>,
    /// Sample data; absent when the document carries none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Data>,
    /// Accepted advisor findings: finding id → reason.
    #[serde(default)]
    pub lint_suppressions: BTreeMap<String, String>,
    /// Checks kept with the model, in the scenario format's check shape.
    #[serde(default)]
    pub pinned_checks: Vec<serde_json::Value>,
    /// State changes pinned checks may refer to with `after`, in the scenario format's event
    /// shape (`{step, op, …}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<serde_json::Value>,
    /// A guided walkthrough for workshops: questions a presenter steps through, each answered
    /// live. Optional; absent when the model has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walkthrough: Option<Walkthrough>,
    /// `sha256:<hex>` of the document's canonical text without this field, written by exports
    /// for deployment; a reader that finds it different knows the file was edited since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
}

impl Document {
    /// An empty version-1 document.
    pub fn new() -> Document {
        Document {
            format: FORMAT.to_string(),
            version: VERSION,
            name: String::new(),
            settings: Settings::default(),
            business_units: IdMap::new(),
            users: IdMap::new(),
            teams: IdMap::new(),
            roles: IdMap::new(),
            tables: IdMap::new(),
            relationships: IdMap::new(),
            positions: IdMap::new(),
            team_templates: IdMap::new(),
            field_security_profiles: IdMap::new(),
            display_names: BTreeMap::new(),
            data: None,
            lint_suppressions: BTreeMap::new(),
            pinned_checks: Vec::new(),
            events: Vec::new(),
            walkthrough: None,
            checksum: None,
        }
    }
}

impl Default for Document {
    fn default() -> Document {
        Document::new()
    }
}

/// Organisation settings (FORMAT.md `settings`, §7, §13). Every field is optional on reading
/// (defaults as listed) and always written, except `hierarchy` and
/// `RecomputeOwnershipAcrossBusinessUnits`, which are written only when set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Record ownership across business units (`EnableOwnershipAcrossBusinessUnits`, MBU-1).
    /// Default `false`.
    pub modernized_bu: bool,
    /// Hierarchy security (HIER-1); absent = off (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hierarchy: Option<Hierarchy>,
    /// SHARE-7. Default `true`.
    #[serde(rename = "ShareToPreviousOwnerOnAssign")]
    pub share_to_previous_owner_on_assign: bool,
    /// BU-7, MBU-6. Default `true`.
    #[serde(rename = "AlwaysMoveRecordToOwnerBusinessUnit")]
    pub always_move_record_to_owner_bu: bool,
    /// MBU-5, A-6. Absent = follow `modernized_bu`.
    #[serde(
        rename = "RecomputeOwnershipAcrossBusinessUnits",
        skip_serializing_if = "Option::is_none"
    )]
    pub recompute_ownership_across_bus: Option<bool>,
    /// HIER-2. Default `true`.
    #[serde(rename = "ManagersMustBeInSameOrParentBusinessUnitAsReports")]
    pub managers_must_be_in_same_or_parent_bu: bool,
    /// BU-8 (modernized BUs only). Default `false`.
    #[serde(rename = "DoNotRemoveRolesOnChangeBusinessUnit")]
    pub do_not_remove_roles_on_change_bu: bool,
    /// APP-2, MBU-4. Default `false`.
    #[serde(rename = "AssertOwnershipAppendToAccess")]
    pub assert_ownership_append_to_access: bool,
    /// A-1: the manager's minimum depth for hierarchy access. Default `user`.
    pub hierarchy_minimum_depth: HierarchyMinimumDepth,
    /// A-2: whether managers may also write non-direct reports' data. Default `false`.
    pub hierarchy_write_non_direct: bool,
    /// A-13: which manager BUs satisfy HIER-2. Default `immediate_parent`.
    pub manager_bu_scope: ManagerBuScope,
    /// A-4: whether a *Team privileges only* role passes the privilege check for shared records.
    /// Default `true`.
    pub team_only_roles_allow_shared_access: bool,
    /// A-8: the N:N associate rule. Default `append_on_both`.
    pub many_to_many_rule: ManyToManyRule,
    /// A-12: whether Basic includes records shared with the organisation. Default `true`.
    pub basic_includes_org_shares: bool,
}

/// The wire defaults are the model's (FORMAT.md lists the same), so they are stated once.
impl Default for Settings {
    fn default() -> Settings {
        super::export::settings(&crate::model::Settings::default())
    }
}

/// Hierarchy security configuration (HIER-1, HIER-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hierarchy {
    /// `manager` or `position`.
    pub model: HierarchyModel,
    /// Levels below the manager that are reached (HIER-5).
    pub depth: u32,
    /// Tables included; absent = every table (HIER-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<Vec<String>>,
}

/// Hierarchy model (HIER-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HierarchyModel {
    /// Manager hierarchy.
    Manager,
    /// Position hierarchy.
    Position,
}

/// A-1 alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HierarchyMinimumDepth {
    /// At least User-level Read.
    User,
    /// A role with Business Unit or Parent: Child Business Units.
    BusinessUnit,
}

/// A-13 alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ManagerBuScope {
    /// Same BU or the immediate parent BU.
    ImmediateParent,
    /// Same BU or any ancestor BU.
    AnyAncestor,
}

/// A-8 alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ManyToManyRule {
    /// Append on both tables.
    AppendOnBoth,
    /// Append on the first record and Append To on the second.
    #[serde(rename = "append_and_appendto")]
    AppendAndAppendTo,
}

/// A business unit (BU-1, BU-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusinessUnit {
    /// Parent BU id; absent for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A role assignment: a role id, or `{"role": id, "from_bu": bu}` for the copy of the role from
/// another BU (modernized business units, MBU-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "a role id, or an object {\"role\": role id, \"from_bu\": business unit id}"
)]
pub enum RoleRef {
    /// The role, from the principal's own BU.
    Id(String),
    /// The role's copy from another BU.
    Copy(RoleCopy),
}

/// The copy of a role from a given BU (MBU-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleCopy {
    /// The role id.
    pub role: String,
    /// The BU whose copy is assigned; absent = the principal's own BU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_bu: Option<String>,
}

impl RoleRef {
    /// The role id.
    pub fn role(&self) -> &str {
        match self {
            RoleRef::Id(role) => role,
            RoleRef::Copy(copy) => &copy.role,
        }
    }

    /// The `from_bu` id, if any.
    pub fn from_bu(&self) -> Option<&str> {
        match self {
            RoleRef::Id(_) => None,
            RoleRef::Copy(copy) => copy.from_bu.as_deref(),
        }
    }
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A user (`systemuser`, BU-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// The one BU the user belongs to.
    pub bu: String,
    /// Roles assigned directly. Optional, default none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRef>,
    /// Manager's user id (`parentsystemuserid`). Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// Position id (HIER-9). Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Whether the user is enabled. Optional, default `true`; written only when `false`.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Column security profiles assigned directly (FLS-2). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_security_profiles: Vec<String>,
}

/// Team type (TEAM-1, BU-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TeamKind {
    /// Owner team.
    Owner,
    /// Access team (no roles, no ownership, TEAM-4).
    Access,
    /// The default team of a BU (membership derived, BU-4).
    Default,
    /// Microsoft Entra security group team (TEAM-3).
    EntraSecurityGroup,
    /// Microsoft Entra Office / Microsoft 365 group team (TEAM-3).
    EntraOfficeGroup,
}

/// A team (TEAM-1..TEAM-11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Team type.
    #[serde(rename = "type")]
    pub kind: TeamKind,
    /// The one BU the team belongs to (BU-5).
    pub bu: String,
    /// Member user ids. Optional; must stay empty for default teams (BU-4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Roles of the team (not for access teams, TEAM-4). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRef>,
    /// Entra membership type (`Members`, `Owners`, `Guests`, `Members and guests`),
    /// informative. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership_type: Option<String>,
    /// For a system-managed access team: the template and record it was created for (TEAM-9).
    /// Optional; the record must be in `data.records`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_team: Option<RecordTeam>,
}

/// Template and record of a system-managed access team (TEAM-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordTeam {
    /// Template id.
    pub template: String,
    /// Record id (in `data.records`).
    pub record: String,
}

/// Member's privilege inheritance (TEAM-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Inheritance {
    /// "Direct User (Basic) access level and Team privileges".
    #[default]
    Direct,
    /// "Team privileges only".
    TeamOnly,
}

/// Marker of a predefined role (§12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Predefined {
    /// System Administrator: bypasses record and column security (EVAL-8, FLS-3).
    SystemAdministrator,
    /// Another predefined role that can be assigned to users and teams.
    Assignable,
    /// A predefined role that cannot be assigned (Service Reader, Support User …).
    NotAssignable,
}

/// Access level (§0.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Depth {
    /// No access.
    None,
    /// User (Basic).
    User,
    /// Business Unit (Local).
    Bu,
    /// Parent: Child Business Units (Deep).
    Pcbu,
    /// Organization (Global).
    Org,
}

/// A record-level right / privilege verb (§0.3, ROLE-1).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Verb {
    /// Create.
    Create,
    /// Read.
    Read,
    /// Write.
    Write,
    /// Delete.
    Delete,
    /// Append.
    Append,
    /// Append To.
    AppendTo,
    /// Assign.
    Assign,
    /// Share.
    Share,
}

/// Depth per verb of one privilege set; a verb left out is `none` (and `none` is never
/// written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct VerbDepths {
    /// `prvCreate…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<Depth>,
    /// `prvRead…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Depth>,
    /// `prvWrite…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write: Option<Depth>,
    /// `prvDelete…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<Depth>,
    /// `prvAppend…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub append: Option<Depth>,
    /// `prvAppendTo…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appendto: Option<Depth>,
    /// `prvAssign…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Depth>,
    /// `prvShare…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Depth>,
}

impl VerbDepths {
    /// The depth slot of `verb`.
    pub fn slot(&mut self, verb: Verb) -> &mut Option<Depth> {
        match verb {
            Verb::Create => &mut self.create,
            Verb::Read => &mut self.read,
            Verb::Write => &mut self.write,
            Verb::Delete => &mut self.delete,
            Verb::Append => &mut self.append,
            Verb::AppendTo => &mut self.appendto,
            Verb::Assign => &mut self.assign,
            Verb::Share => &mut self.share,
        }
    }

    /// The depths written, in Microsoft's verb order.
    pub fn entries(&self) -> [(Verb, Option<Depth>); 8] {
        [
            (Verb::Create, self.create),
            (Verb::Read, self.read),
            (Verb::Write, self.write),
            (Verb::Delete, self.delete),
            (Verb::Append, self.append),
            (Verb::AppendTo, self.appendto),
            (Verb::Assign, self.assign),
            (Verb::Share, self.share),
        ]
    }
}

/// A security role (ROLE-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The BU the role belongs to (BU-6); copies exist in every BU below it.
    pub bu: String,
    /// Member's privilege inheritance (TEAM-6). Optional, default `direct`; always written.
    #[serde(default)]
    pub inheritance: Inheritance,
    /// Table privileges: table logical name (or `activity` for the one Activity set, ACT-1) →
    /// depth per verb. Optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub privileges: BTreeMap<String, VerbDepths>,
    /// Non-table privileges (miscellaneous and privacy-related) by name, e.g.
    /// `prvExportToExcel` → `org`. Only `none` and `org` are meaningful (ROLE-6). Optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub misc: BTreeMap<String, Depth>,
    /// Set for the predefined roles of §12. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predefined: Option<Predefined>,
}

/// Table ownership type (§0.4, ROLE-5, ACT-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    /// User or team owned.
    UserOrTeam,
    /// Organization owned: depths `none` or `org` only (ROLE-5).
    Organization,
    /// Business owned (records belong to a BU).
    BusinessOwned,
    /// An activity table (privileges in the `activity` set, ACT-1).
    Activity,
    /// A custom activity table (also the `activity` set, ACT-1).
    CustomActivity,
}

/// A table (entity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Ownership type, fixed at creation.
    pub ownership: Ownership,
    /// Whether access teams are auto-created from templates (TEAM-9). Optional, default
    /// `false`; written only when `true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_create_access_teams: bool,
    /// Columns under column security (FLS-1), sorted. Optional.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub secured_columns: BTreeSet<String>,
    /// Marked sensitive by the designer (for the advisor). Optional, default `false`; written
    /// only when `true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
}

/// What one cascade action does (CASC-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Cascade {
    /// Cascade All.
    Cascade,
    /// Cascade Active.
    Active,
    /// Cascade User-Owned.
    UserOwned,
    /// Cascade None.
    #[default]
    None,
    /// Delete only: Remove Link.
    RemoveLink,
    /// Delete only: Restrict.
    Restrict,
}

/// Cascade behaviour of a 1:N relationship per action (CASC-1). Each action is optional on
/// reading (default `none`) and always written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct CascadeConfig {
    /// Assign.
    pub assign: Cascade,
    /// Share.
    pub share: Cascade,
    /// Unshare.
    pub unshare: Cascade,
    /// Reparent.
    pub reparent: Cascade,
    /// Delete (`cascade`, `remove_link`, `restrict`; `none` is taken as remove link).
    pub delete: Cascade,
    /// Merge.
    pub merge: Cascade,
}

/// A table relationship, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Relationship {
    /// One-to-many: child records carry a lookup to a parent.
    OneToMany {
        /// Referenced (parent) table.
        parent: String,
        /// Referencing (child) table.
        child: String,
        /// Lookup column on the child. Optional, default `""`.
        #[serde(default)]
        lookup: String,
        /// Cascade configuration. Optional, default all `none`.
        #[serde(default)]
        cascade: CascadeConfig,
    },
    /// Many-to-many (APP-4).
    ManyToMany {
        /// The two tables, when declared. Optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tables: Option<[String; 2]>,
    },
}

/// A position of the position hierarchy (HIER-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Parent position id; absent for a top position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// An access team template (TEAM-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamTemplate {
    /// The table it applies to (needs `auto_create_access_teams`).
    pub table: String,
    /// Rights members receive on the record, in Microsoft's order.
    #[serde(default)]
    pub rights: Vec<Verb>,
}

/// Create / read / update on one secured column (FLS-2). Each flag is optional on reading
/// (default `false`) and always written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ColumnPermission {
    /// Can read.
    pub read: bool,
    /// Can set on create.
    pub create: bool,
    /// Can update.
    pub update: bool,
}

/// A column security profile (FLS-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSecurityProfile {
    /// Member user ids. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<String>,
    /// Member team ids. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<String>,
    /// Permissions: table → column → permission. Optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub permissions: BTreeMap<String, BTreeMap<String, ColumnPermission>>,
}

/// Sample data: records, shares (POA) and per-record column shares (POAA).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Data {
    /// Records by id.
    pub records: IdMap<Record>,
    /// Shares, grouped by record in record order.
    pub shares: Vec<Share>,
    /// Per-record column shares (FLS-7).
    pub column_shares: Vec<ColumnShare>,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Its table.
    pub table: String,
    /// Owner: a user or team id. Absent for organization- and business-owned records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Owning BU (BU-7). Absent for organization-owned records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owning_bu: Option<String>,
    /// Parent records through 1:N relationships (the record's lookups). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<ParentLink>,
    /// Column values as text. Optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
}

/// A record's lookup to its parent through a relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParentLink {
    /// Relationship schema name.
    pub relationship: String,
    /// Parent record id.
    pub record: String,
}

/// A share of one record with one principal (POA row, SHARE-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Record id.
    pub record: String,
    /// User or team id, or `ORG`.
    pub principal: String,
    /// Rights granted directly (`accessrightsmask`).
    #[serde(default)]
    pub rights: Vec<Verb>,
    /// Rights kept from a parent share (`inheritedaccessrightsmask`, CASC-5). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherited: Vec<Verb>,
}

/// A per-record column share (POAA, FLS-7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnShare {
    /// Record id.
    pub record: String,
    /// The secured column.
    pub column: String,
    /// User or team id.
    pub principal: String,
    /// Read access. Optional, default `false`.
    #[serde(default)]
    pub read: bool,
    /// Update access. Optional, default `false`.
    #[serde(default)]
    pub update: bool,
}

/// A guided walkthrough (workshop mode): a title and its steps, in presenting order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Walkthrough {
    /// Shown on the walkthrough's first screen. Optional, default `""`.
    #[serde(default)]
    pub title: String,
    /// The steps. Optional, default `[]`.
    #[serde(default)]
    pub steps: Vec<WalkthroughStep>,
}

/// One question of a walkthrough, tagged by `ask`; every id is a model id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "ask", rename_all = "snake_case", deny_unknown_fields)]
pub enum WalkthroughStep {
    /// What can `user` `verb` in `table`?
    See {
        /// User id.
        user: String,
        /// Table logical name.
        table: String,
        /// The right.
        verb: Verb,
        /// The presenter's note. Optional.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// Why can (or cannot) `user` `verb` `record`?
    Why {
        /// User id.
        user: String,
        /// The right.
        verb: Verb,
        /// Record id.
        record: String,
        /// The presenter's note. Optional.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// Who can `verb` `record`?
    Who {
        /// Record id.
        record: String,
        /// The right.
        verb: Verb,
        /// The presenter's note. Optional.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// What if `role` held `depth` for `verb` on `table` (an activity table stands for the
    /// Activity privilege set)?
    WhatIf {
        /// Role id.
        role: String,
        /// Table logical name.
        table: String,
        /// The privilege's verb.
        verb: Verb,
        /// The new depth.
        depth: Depth,
        /// The presenter's note. Optional.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// What if `role` held `depth` for the miscellaneous privilege `privilege`?
    WhatIfMisc {
        /// Role id.
        role: String,
        /// Privilege name, e.g. `prvExportToExcel`.
        privilege: String,
        /// The new depth (`none` or `org`).
        depth: Depth,
        /// The presenter's note. Optional.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
}
