//! The security model as evaluation reads it: dense typed ids, arenas, no serde.
//!
//! The vocabulary is that of `security-semantics.md` §0.4. Names are kept for display and for
//! turning the exchange formats' string ids into typed ids; evaluation never looks at them.

mod ids;
mod non_table;
pub mod predefined;
mod privileges;
mod settings;

pub use ids::*;
pub use non_table::*;
pub use privileges::*;
pub use settings::*;

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A whole organisation design: business units, principals, roles, tables and settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Display name of the model (the organisation).
    pub name: String,
    /// Organisation settings (§13 alternatives included).
    pub settings: Settings,
    /// Business units; exactly one has no parent (BU-1).
    pub bus: Vec<BusinessUnit>,
    /// Users (`systemuser`).
    pub users: Vec<User>,
    /// Teams of every type, default teams included (BU-4).
    pub teams: Vec<Team>,
    /// Security roles, predefined ones included (§12).
    pub roles: Vec<Role>,
    /// Tables and their ownership type.
    pub tables: Vec<Table>,
    /// Table relationships with their cascade behaviour (CASC-1).
    pub relationships: Vec<Relationship>,
    /// Positions for the position hierarchy (HIER-9).
    pub positions: Vec<Position>,
    /// Access team templates (TEAM-9).
    pub templates: Vec<TeamTemplate>,
    /// Column security profiles (FLS-2).
    pub field_profiles: Vec<FieldProfile>,
    /// Display names for any id (shown in the UI; never evaluated).
    pub display_names: BTreeMap<String, String>,
}

/// A business unit (BU-1, BU-2).
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessUnit {
    /// Stable id.
    pub name: String,
    /// Parent BU; `None` for the root.
    pub parent: Option<BuId>,
}

/// A user (`systemuser`, BU-3).
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// Stable id.
    pub name: String,
    /// The one BU the user belongs to.
    pub bu: BuId,
    /// Roles assigned directly.
    pub roles: Vec<RoleAssignment>,
    /// Manager (`parentsystemuserid`) for the manager hierarchy.
    pub manager: Option<UserId>,
    /// Position for the position hierarchy.
    pub position: Option<PositionId>,
    /// Column security profiles assigned directly.
    pub field_profiles: Vec<FieldProfileId>,
    /// Disabled users keep their design but cannot sign in.
    pub enabled: bool,
}

/// A role given to a user or team, optionally the copy from another BU (modernized BUs, MBU-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoleAssignment {
    /// The role.
    pub role: RoleId,
    /// The BU whose copy of the role is assigned; `None` means the principal's own BU.
    pub from_bu: Option<BuId>,
}

/// Team types (TEAM-1, BU-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TeamKind {
    /// Owner team: owns records, holds roles.
    Owner,
    /// Access team: no roles, no ownership; reached by sharing (TEAM-4).
    Access,
    /// The default team of a BU: every user of that BU (BU-4).
    Default,
    /// Microsoft Entra security group team (TEAM-3).
    EntraSecurityGroup,
    /// Microsoft Entra Office / Microsoft 365 group team (TEAM-3).
    EntraOfficeGroup,
}

impl TeamKind {
    /// Whether the team may hold roles and own records (TEAM-2, TEAM-3, TEAM-4).
    pub fn holds_roles(self) -> bool {
        !matches!(self, TeamKind::Access)
    }

    /// Token used by the exchange formats.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamKind::Owner => "owner",
            TeamKind::Access => "access",
            TeamKind::Default => "default",
            TeamKind::EntraSecurityGroup => "entra_security_group",
            TeamKind::EntraOfficeGroup => "entra_office_group",
        }
    }
}

/// A team (TEAM-1..TEAM-11).
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// Stable id.
    pub name: String,
    /// Type of team.
    pub kind: TeamKind,
    /// The one BU the team belongs to (BU-5).
    pub bu: BuId,
    /// Explicit members; a default team's members are derived from the BU instead.
    pub members: Vec<UserId>,
    /// Roles of the team (owner, default and Entra teams only).
    pub roles: Vec<RoleAssignment>,
    /// Entra membership type (Members, Owners, Guests, Members and guests), informative.
    pub membership_type: Option<String>,
    /// For system-managed access teams: the template and record they were created for (TEAM-9).
    pub record_team: Option<(TemplateId, RecordId)>,
}

/// Member's privilege inheritance of a role (TEAM-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Inheritance {
    /// "Direct User (Basic) access level and Team privileges" (the default since 2019).
    #[default]
    Direct,
    /// "Team privileges only".
    TeamOnly,
}

/// Predefined roles of §12 that carry special behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Predefined {
    /// System Administrator: bypasses record and column security (EVAL-8, FLS-3).
    SystemAdministrator,
    /// Any other predefined role; it cannot be edited (§12).
    Other {
        /// Whether it can be assigned to users and teams (Service Reader etc. cannot).
        assignable: bool,
    },
}

/// A security role (ROLE-1).
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Stable id.
    pub name: String,
    /// The BU the role belongs to (BU-6); copies exist in every BU below it.
    pub bu: BuId,
    /// Member's privilege inheritance (TEAM-6).
    pub inheritance: Inheritance,
    /// Table privileges: per privilege set, a depth for each verb.
    pub privileges: BTreeMap<PrivSet, VerbDepths>,
    /// Non-table (miscellaneous and privacy-related) privileges by name, e.g. `prvExportToExcel`.
    pub misc: BTreeMap<String, Depth>,
    /// Set for the predefined roles of §12.
    pub predefined: Option<Predefined>,
}

impl Role {
    /// Depth this role grants for `verb` on privilege set `set`.
    pub fn depth(&self, set: PrivSet, verb: Verb) -> Depth {
        self.privileges
            .get(&set)
            .map_or(Depth::None, |depths| depths.get(verb))
    }

    /// Whether this is System Administrator.
    pub fn is_system_administrator(&self) -> bool {
        self.predefined == Some(Predefined::SystemAdministrator)
    }
}

/// Table ownership types (§0.4, ROLE-5, ACT-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ownership {
    /// User or team owned.
    UserOrTeam,
    /// Organization owned: on/off privileges, no owner (ROLE-5).
    Organization,
    /// Business owned (e.g. `businessunit`): records belong to a BU, not an owner.
    BusinessOwned,
    /// An activity table: shares the one Activity privilege set (ACT-1).
    Activity,
    /// A custom activity table: also the Activity privilege set (ACT-1).
    CustomActivity,
}

impl Ownership {
    /// Token used by the exchange formats.
    pub fn as_str(self) -> &'static str {
        match self {
            Ownership::UserOrTeam => "user_or_team",
            Ownership::Organization => "organization",
            Ownership::BusinessOwned => "business_owned",
            Ownership::Activity => "activity",
            Ownership::CustomActivity => "custom_activity",
        }
    }

    /// Whether records of this table have an owner.
    pub fn has_owner(self) -> bool {
        matches!(
            self,
            Ownership::UserOrTeam | Ownership::Activity | Ownership::CustomActivity
        )
    }

    /// Whether this is an activity table (ACT-1).
    pub fn is_activity(self) -> bool {
        matches!(self, Ownership::Activity | Ownership::CustomActivity)
    }

    /// The depths a role may hold on a table of this type (ROLE-5).
    pub fn allows(self, depth: Depth) -> bool {
        match self {
            Ownership::Organization => matches!(depth, Depth::None | Depth::Org),
            Ownership::BusinessOwned => depth != Depth::User,
            _ => true,
        }
    }
}

/// A table (entity).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Logical name.
    pub name: String,
    /// Ownership type, fixed at creation.
    pub ownership: Ownership,
    /// Whether access teams are auto-created from templates (TEAM-9).
    pub auto_create_access_teams: bool,
    /// Columns under column security (FLS-1).
    pub secured_columns: BTreeSet<String>,
    /// Tables marked sensitive by the designer (for the advisor).
    pub sensitive: bool,
}

/// What one cascade action does (CASC-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cascade {
    /// Cascade All.
    All,
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

impl Cascade {
    /// Whether the action reaches child records at all.
    pub fn cascades(self) -> bool {
        matches!(self, Cascade::All | Cascade::Active | Cascade::UserOwned)
    }

    /// Whether the action reaches one child: Cascade User-Owned acts only on children owned by
    /// the parent's owner (CASC-1, CASC-4); Active is taken as All (record state is not modelled).
    pub fn reaches(self, child_owner: Option<Principal>, parent_owner: Option<Principal>) -> bool {
        match self {
            Cascade::All | Cascade::Active => true,
            Cascade::UserOwned => child_owner.is_some() && child_owner == parent_owner,
            _ => false,
        }
    }
}

/// Cascade behaviour of a 1:N relationship per action (CASC-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CascadeConfig {
    /// Assign.
    pub assign: Cascade,
    /// Share.
    pub share: Cascade,
    /// Unshare.
    pub unshare: Cascade,
    /// Reparent.
    pub reparent: Cascade,
    /// Delete.
    pub delete: Cascade,
    /// Merge.
    pub merge: Cascade,
}

/// A table relationship.
#[derive(Debug, Clone, PartialEq)]
pub struct Relationship {
    /// Schema name.
    pub name: String,
    /// The kind and its tables.
    pub kind: RelationshipKind,
}

/// 1:N or N:N.
#[derive(Debug, Clone, PartialEq)]
pub enum RelationshipKind {
    /// One-to-many: child records carry a lookup to a parent.
    OneToMany {
        /// Referenced (parent) table.
        parent: TableId,
        /// Referencing (child) table.
        child: TableId,
        /// Lookup column on the child.
        lookup: String,
        /// Cascade configuration.
        cascade: CascadeConfig,
    },
    /// Many-to-many (APP-4).
    ManyToMany {
        /// The two tables, when declared.
        tables: Option<(TableId, TableId)>,
    },
}

/// A position in the position hierarchy (HIER-9).
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// Stable id.
    pub name: String,
    /// Parent position.
    pub parent: Option<PositionId>,
}

/// An access team template (TEAM-9).
#[derive(Debug, Clone, PartialEq)]
pub struct TeamTemplate {
    /// Stable id.
    pub name: String,
    /// The table it applies to.
    pub table: TableId,
    /// Rights members receive on the record.
    pub rights: Rights,
}

/// Create / read / update permission on one secured column (FLS-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnPermission {
    /// Can read.
    pub read: bool,
    /// Can set on create.
    pub create: bool,
    /// Can update.
    pub update: bool,
}

/// A column security profile (FLS-2).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProfile {
    /// Stable id.
    pub name: String,
    /// Users in the profile.
    pub users: Vec<UserId>,
    /// Teams in the profile.
    pub teams: Vec<TeamId>,
    /// Permissions per (table, column).
    pub permissions: BTreeMap<(TableId, String), ColumnPermission>,
}

impl Model {
    /// The root BU (BU-1). A model that passed validation has exactly one.
    pub fn root_bu(&self) -> BuId {
        self.bus
            .iter()
            .position(|bu| bu.parent.is_none())
            .map_or(BuId(0), BuId::from_index)
    }

    /// Whether `bu` is `ancestor` or below it (BU-9 `pcbu`).
    pub fn bu_in_subtree(&self, bu: BuId, ancestor: BuId) -> bool {
        let mut current = Some(bu);
        let mut steps = 0;
        while let Some(b) = current {
            if b == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.bus.len() {
                return false; // INVARIANT: validation refuses cycles; this guards unvalidated input.
            }
            current = self.bus.get(b.index()).and_then(|x| x.parent);
        }
        false
    }

    /// The privilege set a table's privileges live in (ACT-1: one set for every activity).
    pub fn priv_set(&self, table: TableId) -> PrivSet {
        match self.tables.get(table.index()) {
            Some(t) if t.ownership.is_activity() => PrivSet::Activity,
            _ => PrivSet::Table(table),
        }
    }

    /// The 1:N relationship whose lookup column `lookup` on `child` points at `parent`.
    pub fn lookup_relationship(
        &self,
        child: TableId,
        parent: TableId,
        lookup: &str,
    ) -> Option<RelationshipId> {
        self.relationships
            .iter()
            .position(|r| {
                matches!(&r.kind, RelationshipKind::OneToMany { parent: p, child: c, lookup: l, .. }
                    if *c == child && *p == parent && l == lookup)
            })
            .map(RelationshipId::from_index)
    }

    /// Teams the user belongs to: explicit membership plus the default team of their BU (BU-4).
    pub fn teams_of(&self, user: UserId) -> Vec<TeamId> {
        let user_bu = self.users.get(user.index()).map(|u| u.bu);
        self.teams
            .iter()
            .enumerate()
            .filter(|(_, team)| match team.kind {
                TeamKind::Default => Some(team.bu) == user_bu,
                _ => team.members.contains(&user),
            })
            .map(|(i, _)| TeamId::from_index(i))
            .collect()
    }

    /// Who is in which team and who reports to whom, computed once for bulk questions.
    pub fn directory(&self) -> Directory {
        let mut teams_of: Vec<Vec<TeamId>> = vec![Vec::new(); self.users.len()];
        let mut default_team_of_bu: Vec<Vec<TeamId>> = vec![Vec::new(); self.bus.len()];
        for (t, team) in self.teams.iter().enumerate() {
            let id = TeamId::from_index(t);
            match team.kind {
                TeamKind::Default => {
                    if let Some(list) = default_team_of_bu.get_mut(team.bu.index()) {
                        list.push(id);
                    }
                }
                _ => {
                    for member in &team.members {
                        if let Some(list) = teams_of.get_mut(member.index())
                            && !list.contains(&id)
                        {
                            list.push(id);
                        }
                    }
                }
            }
        }
        let mut direct_reports: Vec<Vec<UserId>> = vec![Vec::new(); self.users.len()];
        for (u, user) in self.users.iter().enumerate() {
            if let Some(list) = teams_of.get_mut(u) {
                list.extend(
                    default_team_of_bu
                        .get(user.bu.index())
                        .into_iter()
                        .flatten()
                        .copied(),
                );
                list.sort_unstable();
            }
            if let Some(list) = user.manager.and_then(|m| direct_reports.get_mut(m.index())) {
                list.push(UserId::from_index(u));
            }
        }
        Directory {
            teams_of,
            direct_reports,
        }
    }

    /// Members of a team, derived for default teams (BU-4).
    pub fn members_of(&self, team: TeamId) -> Vec<UserId> {
        match self.teams.get(team.index()) {
            Some(t) if t.kind == TeamKind::Default => self
                .users
                .iter()
                .enumerate()
                .filter(|(_, u)| u.bu == t.bu)
                .map(|(i, _)| UserId::from_index(i))
                .collect(),
            Some(t) => t.members.clone(),
            None => Vec::new(),
        }
    }

    /// The BU a principal belongs to.
    pub fn principal_bu(&self, principal: Principal) -> Option<BuId> {
        match principal {
            Principal::User(u) => self.users.get(u.index()).map(|x| x.bu),
            Principal::Team(t) => self.teams.get(t.index()).map(|x| x.bu),
            Principal::Organization => None,
        }
    }

    /// The display or id name of a principal.
    pub fn principal_name(&self, principal: Principal) -> &str {
        match principal {
            Principal::User(u) => self.users.get(u.index()).map_or("?", |x| &x.name),
            Principal::Team(t) => self.teams.get(t.index()).map_or("?", |x| &x.name),
            Principal::Organization => "ORG",
        }
    }

    /// Lookup tables from string ids to typed ids.
    pub fn name_index(&self) -> NameIndex {
        NameIndex::build(self)
    }

    /// Id of a BU by name.
    pub fn bu_name(&self, bu: BuId) -> &str {
        self.bus.get(bu.index()).map_or("?", |x| &x.name)
    }

    /// Id of a role by name.
    pub fn role_name(&self, role: RoleId) -> &str {
        self.roles.get(role.index()).map_or("?", |x| &x.name)
    }

    /// Name of a table.
    pub fn table_name(&self, table: TableId) -> &str {
        self.tables.get(table.index()).map_or("?", |x| &x.name)
    }

    /// Name of a privilege set.
    pub fn priv_set_name(&self, set: PrivSet) -> &str {
        match set {
            PrivSet::Activity => "activity",
            PrivSet::Table(t) => self.table_name(t),
        }
    }

    /// Name of a team.
    pub fn team_name(&self, team: TeamId) -> &str {
        self.teams.get(team.index()).map_or("?", |x| &x.name)
    }

    /// Name of a user.
    pub fn user_name(&self, user: UserId) -> &str {
        self.users.get(user.index()).map_or("?", |x| &x.name)
    }
}

/// Team membership per user and direct reports per manager, for bulk questions; the same
/// answers as [`Model::teams_of`] and the manager links, precomputed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// Teams of each user, sorted (default team of the user's BU included).
    pub teams_of: Vec<Vec<TeamId>>,
    /// Users whose manager is each user.
    pub direct_reports: Vec<Vec<UserId>>,
}

/// String id → typed id maps, built once per load.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// Business units.
    pub bus: HashMap<String, BuId>,
    /// Users.
    pub users: HashMap<String, UserId>,
    /// Teams.
    pub teams: HashMap<String, TeamId>,
    /// Roles.
    pub roles: HashMap<String, RoleId>,
    /// Tables.
    pub tables: HashMap<String, TableId>,
    /// Relationships.
    pub relationships: HashMap<String, RelationshipId>,
    /// Positions.
    pub positions: HashMap<String, PositionId>,
    /// Templates.
    pub templates: HashMap<String, TemplateId>,
    /// Column security profiles.
    pub field_profiles: HashMap<String, FieldProfileId>,
}

impl NameIndex {
    fn build(model: &Model) -> NameIndex {
        fn map<T, I>(
            items: &[T],
            name: impl Fn(&T) -> &str,
            id: impl Fn(usize) -> I,
        ) -> HashMap<String, I> {
            items
                .iter()
                .enumerate()
                .map(|(i, x)| (name(x).to_string(), id(i)))
                .collect()
        }
        NameIndex {
            bus: map(&model.bus, |x| &x.name, BuId::from_index),
            users: map(&model.users, |x| &x.name, UserId::from_index),
            teams: map(&model.teams, |x| &x.name, TeamId::from_index),
            roles: map(&model.roles, |x| &x.name, RoleId::from_index),
            tables: map(&model.tables, |x| &x.name, TableId::from_index),
            relationships: map(
                &model.relationships,
                |x| &x.name,
                RelationshipId::from_index,
            ),
            positions: map(&model.positions, |x| &x.name, PositionId::from_index),
            templates: map(&model.templates, |x| &x.name, TemplateId::from_index),
            field_profiles: map(
                &model.field_profiles,
                |x| &x.name,
                FieldProfileId::from_index,
            ),
        }
    }

    /// A user or team by name, or `ORG`.
    pub fn principal(&self, name: &str) -> Option<Principal> {
        if name == "ORG" {
            return Some(Principal::Organization);
        }
        self.users
            .get(name)
            .map(|u| Principal::User(*u))
            .or_else(|| self.teams.get(name).map(|t| Principal::Team(*t)))
    }
}
