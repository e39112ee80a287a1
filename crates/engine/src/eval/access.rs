//! The access check of a record-level operation: every path by which a user holds a right on a
//! record (EVAL-1..EVAL-10), each carrying what is needed to explain it.
//!
//! [`Subject`] holds everything about one (user, privilege set, verb) that does not depend on
//! the record: grants, covered BUs, owner principals, share principals, hierarchy reports. It is
//! built once and then asked about any number of records, which is what makes bulk queries
//! fast; a single [`record_access`] builds one and asks once, so both go through the same code.

use std::ops::ControlFlow;
use std::sync::Arc;

use crate::data::Dataset;
use crate::eval::grants::{self, Grant, GrantSource};
use crate::eval::hierarchy;
use crate::model::{
    BuId, Depth, HierarchyMinimumDepth, Inheritance, Model, Ownership, Principal, PrivSet,
    RecordId, Rights, TeamId, UserId, Verb,
};

/// How a principal's data reaches a record: owning it, a share, or a parent record (CASC-*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The principal owns the record.
    Owner(Principal),
    /// The record is shared with the principal (POA).
    Share(Principal),
    /// The principal owns an ancestor linked by Reparent cascade (CASC-2, CASC-6).
    ParentOwner {
        /// The ancestor record.
        ancestor: RecordId,
        /// Its owner.
        owner: Principal,
    },
    /// An ancestor linked by Share cascade is shared with the principal (CASC-3, EVAL-6 (2)(4)).
    ParentShare {
        /// The ancestor record.
        ancestor: RecordId,
        /// Who the ancestor is shared with.
        principal: Principal,
    },
}

impl Via {
    /// Rule ids behind this link.
    pub fn rules(&self) -> &'static [&'static str] {
        match self {
            Via::Owner(_) => &["EVAL-4"],
            Via::Share(_) => &["EVAL-6", "SHARE-1"],
            Via::ParentOwner { .. } => &["CASC-2", "CASC-6"],
            Via::ParentShare { .. } => &["EVAL-6", "SHARE-6", "CASC-3"],
        }
    }

    /// The principal whose data this is.
    pub fn principal(&self) -> Principal {
        match *self {
            Via::Owner(p) | Via::Share(p) => p,
            Via::ParentOwner { owner, .. } => owner,
            Via::ParentShare { principal, .. } => principal,
        }
    }
}

/// One way a user holds a right on a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessPath {
    /// The user is System Administrator (EVAL-8), directly or through a team.
    SystemAdministrator {
        /// The team the role comes from.
        team: Option<TeamId>,
    },
    /// Organization-owned table: the privilege is an on/off switch (ROLE-5).
    OrganizationOwned {
        /// The grant.
        grant: Grant,
    },
    /// A role's depth covers the record's owning BU (EVAL-5, BU-9).
    RoleDepth {
        /// The grant.
        grant: Grant,
        /// The record's owning BU.
        record_bu: BuId,
    },
    /// The user or one of their teams owns the record (EVAL-4, TEAM-6).
    Ownership {
        /// The owner.
        owner: Principal,
        /// The grant that makes ownership count.
        grant: Grant,
    },
    /// The user, a team of theirs or the organization holds shared or inherited rights (EVAL-6).
    Shared {
        /// The link.
        via: Via,
        /// The rights it carries.
        rights: Rights,
    },
    /// The user manages the principal whose data this is (EVAL-7, HIER-*).
    Hierarchy {
        /// The report.
        report: UserId,
        /// Levels below the manager (1 = direct report).
        level: u32,
        /// How the report's data reaches the record.
        via: Via,
        /// The rights the manager receives.
        rights: Rights,
    },
}

impl AccessPath {
    /// Rule ids behind this path.
    pub fn rules(&self) -> Vec<&'static str> {
        match self {
            AccessPath::SystemAdministrator { .. } => vec!["EVAL-8"],
            AccessPath::OrganizationOwned { .. } => vec!["ROLE-5", "EVAL-2"],
            AccessPath::RoleDepth { grant, .. } => {
                let mut rules = vec!["EVAL-5", "BU-9"];
                if matches!(grant.source, GrantSource::Team { .. }) {
                    rules.extend(["ROLE-8", "TEAM-7"]);
                }
                rules
            }
            AccessPath::Ownership { grant, .. } => {
                let mut rules = vec!["EVAL-4", "ROLE-3"];
                if matches!(grant.source, GrantSource::Team { .. }) {
                    rules.push("TEAM-6");
                }
                rules
            }
            AccessPath::Shared { via, .. } => via.rules().to_vec(),
            AccessPath::Hierarchy { via, .. } => {
                let mut rules = vec!["EVAL-7", "HIER-3", "HIER-4"];
                if matches!(via, Via::Share(_)) {
                    rules.push("HIER-8");
                }
                rules
            }
        }
    }

    /// The short reason chip shown in record lists (CHK-2 access types, extended).
    pub fn reason(&self) -> Reason {
        match self {
            AccessPath::SystemAdministrator { .. } => Reason::SystemAdministrator,
            AccessPath::OrganizationOwned { .. } => Reason::Organization,
            AccessPath::RoleDepth { grant, .. } => match grant.depth {
                Depth::Org => Reason::Organization,
                Depth::Pcbu => Reason::ParentChildBu,
                _ => Reason::BusinessUnit,
            },
            AccessPath::Ownership {
                owner: Principal::User(_),
                ..
            } => Reason::Owner,
            AccessPath::Ownership { .. } => Reason::TeamOwner,
            AccessPath::Shared {
                via: Via::Share(_), ..
            } => Reason::Shared,
            AccessPath::Shared { .. } => Reason::InheritedShare,
            AccessPath::Hierarchy { .. } => Reason::Hierarchy,
        }
    }
}

/// The kind of access path, for record lists and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// System Administrator.
    SystemAdministrator,
    /// Organization depth or organization-owned table.
    Organization,
    /// Parent: Child Business Units depth.
    ParentChildBu,
    /// Business Unit depth.
    BusinessUnit,
    /// The user owns it.
    Owner,
    /// A team of the user owns it.
    TeamOwner,
    /// Shared with the user, a team of theirs or the organization.
    Shared,
    /// Inherited from a parent record (owner or share).
    InheritedShare,
    /// Hierarchy security.
    Hierarchy,
}

impl Reason {
    /// Label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Reason::SystemAdministrator => "System Administrator",
            Reason::Organization => "Org",
            Reason::ParentChildBu => "P:C BU",
            Reason::BusinessUnit => "BU",
            Reason::Owner => "Owner",
            Reason::TeamOwner => "Team owner",
            Reason::Shared => "Shared",
            Reason::InheritedShare => "Inherited",
            Reason::Hierarchy => "Hierarchy",
        }
    }
}

/// Result of the access check for one (user, verb, record).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Access {
    /// Whether the privilege check passed (EVAL-2).
    pub privilege: bool,
    /// The grants found for the verb.
    pub grants: Vec<Grant>,
    /// Every path found (only the first when not collecting).
    pub paths: Vec<AccessPath>,
}

impl Access {
    /// Whether the operation is allowed.
    pub fn allowed(&self) -> bool {
        !self.paths.is_empty()
    }
}

/// Whether to stop at the first path or collect every path (for explanations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collect {
    /// Stop at the first path found.
    First,
    /// Collect every path.
    All,
}

/// A report's principal reached by hierarchy security: which report, how deep, which rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct HierarchyPrincipal {
    /// The report, or a team of the report.
    pub principal: Principal,
    /// The report.
    pub report: UserId,
    /// Levels below the manager (1 = direct report).
    pub level: u32,
    /// Rights the manager receives on this principal's data (HIER-4).
    pub rights: Rights,
}

/// What evaluation needs to know about one user, whatever the table or verb: teams, role
/// sources, System Administrator, hierarchy reports (computed once per user in bulk queries).
#[derive(Debug, Clone)]
pub struct UserFacts {
    /// The user.
    pub user: UserId,
    /// Teams the user belongs to (BU-4 default team included).
    pub teams: Vec<TeamId>,
    /// Role assignments reaching the user, with context BU and source (ROLE-8).
    pub sources: Vec<(crate::model::RoleAssignment, BuId, GrantSource)>,
    /// System Administrator, directly (`Some(None)`) or through a team.
    pub sysadmin: Option<Option<TeamId>>,
    /// Hierarchy reports with their level and teams (HIER-*).
    pub reports: Vec<(UserId, u32, Vec<TeamId>)>,
    /// The reports and their teams as principals, sorted by principal.
    pub hierarchy: Arc<[HierarchyPrincipal]>,
}

impl UserFacts {
    /// Gathers the facts of one user.
    pub fn new(model: &Model, user: UserId) -> UserFacts {
        UserFacts::gather(model, None, user)
    }

    /// Gathers the facts of one user with a precomputed [`crate::model::Directory`].
    pub fn with_directory(
        model: &Model,
        directory: &crate::model::Directory,
        user: UserId,
    ) -> UserFacts {
        UserFacts::gather(model, Some(directory), user)
    }

    fn gather(
        model: &Model,
        directory: Option<&crate::model::Directory>,
        user: UserId,
    ) -> UserFacts {
        let teams_of = |u: UserId| match directory {
            Some(d) => d.teams_of.get(u.index()).cloned().unwrap_or_default(),
            None => model.teams_of(u),
        };
        let reports: Vec<(UserId, u32, Vec<TeamId>)> =
            hierarchy::reports_with(model, directory, user)
                .into_iter()
                .map(|(report, level)| (report, level, teams_of(report)))
                .collect();
        let mut principals: Vec<HierarchyPrincipal> = Vec::new();
        for (report, level, teams) in &reports {
            let rights = hierarchy::rights_at(model, *level);
            let (report, level) = (*report, *level);
            principals.push(HierarchyPrincipal {
                principal: Principal::User(report),
                report,
                level,
                rights,
            });
            for team in teams {
                principals.push(HierarchyPrincipal {
                    principal: Principal::Team(*team),
                    report,
                    level,
                    rights,
                });
            }
        }
        principals.sort_unstable();
        let hierarchy = principals.into();
        let teams = teams_of(user);
        let sources = grants::role_sources_with(model, user, &teams);
        let sysadmin = grants::system_administrator_in(model, &sources);
        UserFacts {
            hierarchy,
            user,
            teams,
            sources,
            sysadmin,
            reports,
        }
    }

    /// The facts of a member who reaches the organisation through `team` alone: the team's
    /// roles (measured from the team's BU), the team's records and the records shared with the
    /// team (or, A-12, with the organization), and nothing else — no role of their own, no
    /// other team, no hierarchy reports. The member is a probe id past the last user, which
    /// owns nothing and is shared nothing; an access team (TEAM-4) passes no privilege, so
    /// through it alone a member reaches nothing.
    pub fn through_team(model: &Model, team: TeamId) -> UserFacts {
        let sources = grants::team_role_sources(model, team);
        let sysadmin = grants::system_administrator_in(model, &sources);
        UserFacts {
            user: UserId::from_index(model.users.len()),
            teams: vec![team],
            sources,
            sysadmin,
            reports: Vec::new(),
            hierarchy: Arc::new([]),
        }
    }

    /// Every grant of `verb` on privilege set `set` (EVAL-2).
    pub fn grants(&self, model: &Model, set: PrivSet, verb: Verb) -> Vec<Grant> {
        grants::grants_from(model, &self.sources, set, verb)
    }
}

/// Everything about (user, privilege set, verb) that does not depend on the record.
#[derive(Debug, Clone)]
pub struct Subject<'m> {
    model: &'m Model,
    user: UserId,
    verb: Verb,
    sysadmin: Option<Option<TeamId>>,
    grants: Vec<Grant>,
    /// Per BU: the first grant whose depth covers it (EVAL-5, BU-9).
    bu_cover: Vec<Option<u16>>,
    /// Principals the user owns through, each with the first grant usable on its records (EVAL-4, TEAM-6).
    owners: Vec<(Principal, Grant)>,
    /// The user, their teams and the organization; empty when shares cannot be used.
    share_principals: Vec<Principal>,
    /// Report principals reached by hierarchy security (sorted by principal), when it applies
    /// to this privilege set.
    hierarchy: Arc<[HierarchyPrincipal]>,
    /// Per table: whether hierarchy security covers it (HIER-1).
    hierarchy_tables: Vec<bool>,
}

impl<'m> Subject<'m> {
    /// Precomputes the record-independent part of the access check.
    pub fn new(model: &'m Model, user: UserId, set: PrivSet, verb: Verb) -> Subject<'m> {
        Subject::with_facts(model, &UserFacts::new(model, user), set, verb)
    }

    /// As [`Subject::new`], reusing the per-user facts (for bulk queries over many tables and verbs).
    pub fn with_facts(
        model: &'m Model,
        facts: &UserFacts,
        set: PrivSet,
        verb: Verb,
    ) -> Subject<'m> {
        let user = facts.user;
        let sysadmin = facts.sysadmin;
        let grants = if sysadmin.is_some() {
            Vec::new()
        } else {
            facts.grants(model, set, verb)
        };
        let mut bu_cover = vec![None; model.bus.len()];
        for (i, grant) in grants.iter().enumerate() {
            match grant.depth {
                Depth::None | Depth::User => {}
                // One BU: no need to ask every BU (this runs per user × table × verb in bulk).
                Depth::Bu => {
                    if let Some(slot) = bu_cover.get_mut(grant.ctx_bu.index())
                        && slot.is_none()
                    {
                        *slot = u16::try_from(i).ok();
                    }
                }
                Depth::Pcbu | Depth::Org => {
                    for (b, slot) in bu_cover.iter_mut().enumerate() {
                        if slot.is_none() && grants::depth_covers(model, grant, BuId::from_index(b))
                        {
                            *slot = u16::try_from(i).ok();
                        }
                    }
                }
            }
        }
        let teams = &facts.teams;
        let mut owners: Vec<(Principal, Grant)> = Vec::new();
        let owner_candidates = std::iter::once(Principal::User(user)).chain(
            teams
                .iter()
                .filter(|t| {
                    model
                        .teams
                        .get(t.index())
                        .is_some_and(|team| team.kind.holds_roles())
                })
                .map(|t| Principal::Team(*t)),
        );
        for owner in owner_candidates {
            if let Some(grant) = grants.iter().find(|g| g.usable_for_owned(owner)) {
                owners.push((owner, *grant));
            }
        }
        let shares_usable = !grants.is_empty()
            && (model.settings.team_only_roles_allow_shared_access
                || grants.iter().any(|g| {
                    !matches!(
                        g.source,
                        GrantSource::Team {
                            inheritance: Inheritance::TeamOnly,
                            ..
                        }
                    )
                }));
        let mut share_principals = Vec::new();
        if shares_usable {
            share_principals.push(Principal::User(user));
            share_principals.extend(teams.iter().map(|t| Principal::Team(*t)));
            if model.settings.basic_includes_org_shares {
                share_principals.push(Principal::Organization);
            }
        }
        let mut hierarchy: Arc<[HierarchyPrincipal]> = Arc::new([]);
        let mut hierarchy_tables = vec![false; model.tables.len()];
        if let Some(settings) = &model.settings.hierarchy {
            let minimum = match model.settings.hierarchy_minimum_depth {
                HierarchyMinimumDepth::User => Depth::User,
                HierarchyMinimumDepth::BusinessUnit => Depth::Bu,
            };
            // HIER-6 with A-1: the manager holds the table's Read privilege at the minimum depth.
            let read_ok = facts
                .grants(model, set, Verb::Read)
                .iter()
                .any(|g| g.depth >= minimum);
            if read_ok && !grants.is_empty() {
                for (i, table) in model.tables.iter().enumerate() {
                    hierarchy_tables[i] = settings
                        .tables
                        .as_ref()
                        .is_none_or(|ts| ts.contains(&table.name));
                }
                hierarchy = facts.hierarchy.clone();
            }
        }
        Subject {
            model,
            user,
            verb,
            sysadmin,
            grants,
            bu_cover,
            owners,
            share_principals,
            hierarchy,
            hierarchy_tables,
        }
    }

    /// Principals whose records count as the user's own for this verb, without looking at the
    /// record's BU: owner principals, and hierarchy principals whose rights include the verb on
    /// `table`.
    pub fn owning_principals(&self, table: crate::model::TableId) -> Vec<Principal> {
        // A-6 alternative: the user's own ownership then depends on the record's BU, so only
        // the hierarchy's (which never does) is returned.
        let strict_bu =
            self.model.settings.modernized_bu && !self.model.settings.recompute_ownership();
        let mut out: Vec<Principal> = if strict_bu {
            Vec::new()
        } else {
            self.owners.iter().map(|(p, _)| *p).collect()
        };
        if self.hierarchy_covers(table) {
            out.extend(
                self.hierarchy
                    .iter()
                    .filter(|h| h.rights.contains(self.verb))
                    .map(|h| h.principal),
            );
        }
        out.sort();
        out.dedup();
        out
    }

    /// Principals whose shares (direct or on ancestors) may reach records for this subject.
    pub fn sharing_principals(&self) -> Vec<Principal> {
        let mut out: Vec<Principal> = self.share_principals.clone();
        out.extend(
            self.hierarchy
                .iter()
                .map(|h| h.principal)
                .filter(|p| *p != Principal::Organization),
        );
        out.sort();
        out.dedup();
        out
    }

    /// The user.
    pub fn user(&self) -> UserId {
        self.user
    }

    /// The hierarchy entries of one principal (several when a team has several reports).
    fn hierarchy_of(&self, principal: Principal) -> &[HierarchyPrincipal] {
        let start = self.hierarchy.partition_point(|h| h.principal < principal);
        let end = self.hierarchy.partition_point(|h| h.principal <= principal);
        self.hierarchy.get(start..end).unwrap_or(&[])
    }

    /// The verb.
    pub fn verb(&self) -> Verb {
        self.verb
    }

    /// Whether shared and inherited access counts for this subject (EVAL-6, A-4).
    pub fn shares_count(&self) -> bool {
        !self.share_principals.is_empty()
    }

    /// Whether hierarchy security reaches records of `table` for this subject (EVAL-7).
    pub fn hierarchy_covers(&self, table: crate::model::TableId) -> bool {
        !self.hierarchy.is_empty()
            && self
                .hierarchy_tables
                .get(table.index())
                .copied()
                .unwrap_or(false)
    }

    /// Whether the privilege check passes (EVAL-2).
    pub fn privileged(&self) -> bool {
        self.sysadmin.is_some() || !self.grants.is_empty()
    }

    /// Whether every record of the privilege set is reached without looking at it (System
    /// Administrator, or an Organization-depth grant).
    pub fn reaches_everything(&self) -> bool {
        self.sysadmin.is_some() || self.grants.iter().any(|g| g.depth == Depth::Org)
    }

    /// The path by which depth alone reaches records owned in `bu`, when it does: the same first
    /// path [`Subject::first_path`] reports for such a record, without looking at the record.
    pub fn depth_path(&self, bu: BuId) -> Option<AccessPath> {
        if let Some(team) = self.sysadmin {
            return Some(AccessPath::SystemAdministrator { team });
        }
        let first = (*self.bu_cover.get(bu.index())?)?;
        let grant = *self.grants.get(usize::from(first))?;
        Some(AccessPath::RoleDepth {
            grant,
            record_bu: bu,
        })
    }

    /// Whether depth alone covers records owned in `bu`.
    pub fn covers_bu(&self, bu: BuId) -> bool {
        self.bu_cover.get(bu.index()).is_some_and(Option::is_some)
    }

    /// Principals whose owned records may be reached without depth: the owner principals,
    /// share principals (for inherited owner access) and hierarchy principals.
    pub fn candidate_principals(&self) -> Vec<Principal> {
        let mut out: Vec<Principal> = self.owners.iter().map(|(p, _)| *p).collect();
        out.extend(self.share_principals.iter().copied());
        out.extend(self.hierarchy.iter().map(|h| h.principal));
        out.sort();
        out.dedup();
        out
    }

    /// The access check for one record (EVAL-10).
    pub fn access(&self, data: &Dataset, record: RecordId, collect: Collect) -> Access {
        let mut access = Access {
            privilege: self.privileged(),
            grants: self.grants.clone(),
            paths: Vec::new(),
        };
        self.for_each_path(data, record, |path| {
            access.paths.push(path);
            if collect == Collect::First {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        access
    }

    /// Whether any path reaches the record.
    pub fn allows(&self, data: &Dataset, record: RecordId) -> bool {
        let mut found = false;
        self.for_each_path(data, record, |_| {
            found = true;
            ControlFlow::Break(())
        });
        found
    }

    /// The first path reaching the record.
    pub fn first_path(&self, data: &Dataset, record: RecordId) -> Option<AccessPath> {
        let mut found = None;
        self.for_each_path(data, record, |p| {
            found = Some(p);
            ControlFlow::Break(())
        });
        found
    }

    /// Calls `f` with every path reaching the record, in the order of EVAL-10, until it breaks.
    pub fn for_each_path(
        &self,
        data: &Dataset,
        record: RecordId,
        mut f: impl FnMut(AccessPath) -> ControlFlow<()>,
    ) {
        let model = self.model;
        let Some(rec) = data.record(record) else {
            return;
        };
        if let Some(team) = self.sysadmin {
            let _ = f(AccessPath::SystemAdministrator { team });
            return; // EVAL-8
        }
        if self.grants.is_empty() {
            return; // EVAL-2: privilege check failed.
        }
        let ownership = model
            .tables
            .get(rec.table.index())
            .map_or(Ownership::UserOrTeam, |t| t.ownership);
        if ownership == Ownership::Organization {
            // ROLE-5: depth is Global; the privilege is an on/off switch.
            if let Some(grant) = self.grants.first().copied() {
                let _ = f(AccessPath::OrganizationOwned { grant });
            }
            return;
        }
        // EVAL-5: role access by depth against the owning BU.
        if let Some(record_bu) = rec.owning_bu
            && let Some(Some(first)) = self.bu_cover.get(record_bu.index())
        {
            for grant in self.grants.iter().skip(usize::from(*first)) {
                if grants::depth_covers(model, grant, record_bu)
                    && f(AccessPath::RoleDepth {
                        grant: *grant,
                        record_bu,
                    })
                    .is_break()
                {
                    return;
                }
            }
        }
        // EVAL-4: ownership, directly or through an owner team, with any usable grant.
        if let Some(owner) = rec.owner
            && let Some((_, grant)) = self.owners.iter().find(|(p, _)| *p == owner)
        {
            let strict_bu = model.settings.modernized_bu && !model.settings.recompute_ownership();
            let grant = if strict_bu {
                // A-6 alternative: the owner needs a role from the record's BU.
                self.grants
                    .iter()
                    .find(|g| g.usable_for_owned(owner) && Some(g.ctx_bu) == rec.owning_bu)
                    .copied()
            } else {
                Some(*grant)
            };
            if let Some(grant) = grant
                && f(AccessPath::Ownership { owner, grant }).is_break()
            {
                return;
            }
        }
        // EVAL-6: shares and inherited access, provided the privilege check passed.
        let verb = self.verb;
        if !self.share_principals.is_empty() {
            let flow = data_reach(
                model,
                data,
                record,
                |p| self.share_principals.contains(&p),
                false,
                |via, rights| {
                    if rights.contains(verb) {
                        f(AccessPath::Shared { via, rights })
                    } else {
                        ControlFlow::Continue(())
                    }
                },
            );
            if flow.is_break() {
                return;
            }
        }
        // EVAL-7: hierarchy security (HIER-3, HIER-4, HIER-8).
        if !self.hierarchy.is_empty()
            && self
                .hierarchy_tables
                .get(rec.table.index())
                .copied()
                .unwrap_or(false)
        {
            let _ = data_reach(
                model,
                data,
                record,
                |p| !self.hierarchy_of(p).is_empty(),
                true,
                |via, rights| {
                    for h in self.hierarchy_of(via.principal()) {
                        let rights = rights.intersect(h.rights);
                        if rights.contains(verb)
                            && f(AccessPath::Hierarchy {
                                report: h.report,
                                level: h.level,
                                via,
                                rights,
                            })
                            .is_break()
                        {
                            return ControlFlow::Break(());
                        }
                    }
                    ControlFlow::Continue(())
                },
            );
        }
    }
}

/// The access check of `user` doing `verb` on `record` (EVAL-10).
pub fn record_access(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
    collect: Collect,
) -> Access {
    let Some(rec) = data.record(record) else {
        return Access::default();
    };
    Subject::new(model, user, model.priv_set(rec.table), verb).access(data, record, collect)
}

/// Everything by which principals (a user and their teams, or a report and theirs) reach a
/// record: owning it (hierarchy only; users own through [`Subject`]), shares, and inherited
/// access from parents through cascading relationships (CASC-2, CASC-3). With `hierarchy` set,
/// organization shares are not counted: they are nobody's data.
pub fn data_reach(
    model: &Model,
    data: &Dataset,
    record: RecordId,
    is_principal: impl Fn(Principal) -> bool,
    hierarchy: bool,
    mut f: impl FnMut(Via, Rights) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let Some(rec) = data.record(record) else {
        return ControlFlow::Continue(());
    };
    let counts = |p: Principal| is_principal(p) && !(hierarchy && p == Principal::Organization);
    if hierarchy && let Some(owner) = rec.owner.filter(|o| is_principal(*o)) {
        f(Via::Owner(owner), Rights::ALL)?;
    }
    for share in data.shares_of(record) {
        if counts(share.principal) {
            f(
                Via::Share(share.principal),
                share.rights.union(share.inherited),
            )?;
        }
    }
    if rec.parents.is_empty() {
        return ControlFlow::Continue(());
    }
    // Walk up the parental chain; each link must cascade the kind of access it carries. Chains
    // are short: fixed-size stacks keep this hot path free of allocation.
    const MAX_ANCESTORS: usize = 32;
    let mut frontier = [(record, false, false); MAX_ANCESTORS];
    let mut n_frontier = 0;
    // An ancestor may be reached along several links carrying different kinds of access (a
    // diamond): it is skipped only when an earlier visit already carried everything this one does.
    let mut seen = [(record, true, true); MAX_ANCESTORS];
    let mut n_seen = 1;
    let push = |frontier: &mut [(RecordId, bool, bool); MAX_ANCESTORS],
                n: &mut usize,
                item: (RecordId, bool, bool)| {
        if *n < MAX_ANCESTORS {
            frontier[*n] = item;
            *n += 1;
        }
    };
    for (rel, parent) in &rec.parents {
        if let Some((owner_flows, shares_flow)) = link_flows(model, data, *rel, rec.owner, *parent)
        {
            // HIER-3: a manager reaches records shared *directly* with a report, not through a parent.
            push(
                &mut frontier,
                &mut n_frontier,
                (*parent, owner_flows, shares_flow && !hierarchy),
            );
        }
    }
    while n_frontier > 0 {
        n_frontier -= 1;
        let (ancestor, owner_flows, shares_flow) = frontier[n_frontier];
        let covered = seen[..n_seen]
            .iter()
            .any(|(r, o, sh)| *r == ancestor && (*o || !owner_flows) && (*sh || !shares_flow));
        if covered || n_seen == MAX_ANCESTORS {
            continue;
        }
        seen[n_seen] = (ancestor, owner_flows, shares_flow);
        n_seen += 1;
        let Some(anc) = data.record(ancestor) else {
            continue;
        };
        if owner_flows && let Some(owner) = anc.owner.filter(|o| is_principal(*o)) {
            f(Via::ParentOwner { ancestor, owner }, Rights::INHERITED)?;
        }
        if shares_flow {
            for share in data.shares_of(ancestor) {
                if counts(share.principal) {
                    f(
                        Via::ParentShare {
                            ancestor,
                            principal: share.principal,
                        },
                        share.rights.union(share.inherited),
                    )?;
                }
            }
        }
        for (rel, parent) in &anc.parents {
            if let Some((owner_link, share_link)) =
                link_flows(model, data, *rel, anc.owner, *parent)
            {
                let owner_next = owner_flows && owner_link;
                let share_next = shares_flow && share_link;
                if owner_next || share_next {
                    push(
                        &mut frontier,
                        &mut n_frontier,
                        (*parent, owner_next, share_next),
                    );
                }
            }
        }
    }
    ControlFlow::Continue(())
}

/// Whether a parent's owner access (Reparent cascade) and shares (Share cascade) flow down one
/// link from `parent` to a child owned by `child_owner` (CASC-1..CASC-3, User-Owned per child).
pub fn link_flows(
    model: &Model,
    data: &Dataset,
    rel: crate::model::RelationshipId,
    child_owner: Option<Principal>,
    parent: RecordId,
) -> Option<(bool, bool)> {
    let cascade = cascade_of(model, rel)?;
    let parent_owner = data.record(parent).and_then(|p| p.owner);
    Some((
        cascade.reparent.reaches(child_owner, parent_owner),
        cascade.share.reaches(child_owner, parent_owner),
    ))
}

/// The cascade configuration of a 1:N relationship.
pub fn cascade_of(
    model: &Model,
    rel: crate::model::RelationshipId,
) -> Option<crate::model::CascadeConfig> {
    match model.relationships.get(rel.index())?.kind {
        crate::model::RelationshipKind::OneToMany { cascade, .. } => Some(cascade),
        crate::model::RelationshipKind::ManyToMany { .. } => None,
    }
}
