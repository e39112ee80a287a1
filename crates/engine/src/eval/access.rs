//! The access check of a record-level operation: every path by which a user holds a right on a
//! record (EVAL-1..EVAL-10), each carrying what is needed to explain it.

use crate::data::Dataset;
use crate::eval::grants::{self, Grant, GrantSource, depth_covers};
use crate::eval::hierarchy;
use crate::model::{
    Depth, HierarchyMinimumDepth, Inheritance, Model, Ownership, Principal, RecordId, Rights,
    TeamId, UserId, Verb,
};

/// How a principal's data reaches a record: owning it, a share, or a parent record (CASC-*).
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// One way a user holds a right on a record.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        record_bu: crate::model::BuId,
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

/// The access check of `user` doing `verb` on `record` (EVAL-10).
pub fn record_access(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
    collect: Collect,
) -> Access {
    let mut access = Access::default();
    let Some(rec) = data.record(record) else {
        return access;
    };
    if let Some(team) = grants::system_administrator(model, user) {
        access.privilege = true;
        access.paths.push(AccessPath::SystemAdministrator { team });
        return access;
    }
    let set = model.priv_set(rec.table);
    access.grants = grants::grants(model, user, set, verb);
    if access.grants.is_empty() {
        return access; // EVAL-2: privilege check failed.
    }
    access.privilege = true;
    let done = |access: &Access| collect == Collect::First && !access.paths.is_empty();
    let ownership = model
        .tables
        .get(rec.table.index())
        .map_or(Ownership::UserOrTeam, |t| t.ownership);

    if ownership == Ownership::Organization {
        // ROLE-5: depth is Global; the privilege is an on/off switch.
        if let Some(grant) = access.grants.first().copied() {
            access.paths.push(AccessPath::OrganizationOwned { grant });
        }
        return access;
    }

    // EVAL-5: role access by depth against the owning BU.
    if let Some(record_bu) = rec.owning_bu {
        for grant in access.grants.clone() {
            if depth_covers(model, &grant, record_bu) {
                access
                    .paths
                    .push(AccessPath::RoleDepth { grant, record_bu });
                if done(&access) {
                    return access;
                }
            }
        }
    }

    let teams = model.teams_of(user);

    // EVAL-4: ownership, directly or through an owner team, with any usable grant.
    if let Some(owner) = rec.owner {
        let owned = match owner {
            Principal::User(u) => u == user,
            Principal::Team(t) => teams.contains(&t),
            Principal::Organization => false,
        };
        if owned {
            let strict_bu = model.settings.modernized_bu && !model.settings.recompute_ownership();
            let usable = access.grants.iter().find(|g| {
                g.usable_for_owned(owner) && (!strict_bu || Some(g.ctx_bu) == rec.owning_bu)
            });
            if let Some(grant) = usable {
                access.paths.push(AccessPath::Ownership {
                    owner,
                    grant: *grant,
                });
                if done(&access) {
                    return access;
                }
            }
        }
    }

    // EVAL-6: shares and inherited access, provided the privilege check passed.
    let shares_usable = model.settings.team_only_roles_allow_shared_access
        || access.grants.iter().any(|g| {
            !matches!(
                g.source,
                GrantSource::Team {
                    inheritance: Inheritance::TeamOnly,
                    ..
                }
            )
        });
    if shares_usable {
        let mut principals: Vec<Principal> = Vec::with_capacity(teams.len() + 2);
        principals.push(Principal::User(user));
        principals.extend(teams.iter().map(|t| Principal::Team(*t)));
        if model.settings.basic_includes_org_shares {
            principals.push(Principal::Organization);
        }
        for (via, rights) in data_reach(model, data, record, &principals, false) {
            if rights.contains(verb) {
                access.paths.push(AccessPath::Shared { via, rights });
                if done(&access) {
                    return access;
                }
            }
        }
    }

    // EVAL-7: hierarchy security.
    if hierarchy_applies(model, user, rec.table, &access.grants) {
        for (report, level) in hierarchy::reports(model, user) {
            let level_rights = hierarchy::rights_at(model, level);
            let mut principals = vec![Principal::User(report)];
            principals.extend(model.teams_of(report).into_iter().map(Principal::Team));
            for (via, rights) in data_reach(model, data, record, &principals, true) {
                let rights = rights.intersect(level_rights);
                if rights.contains(verb) {
                    access.paths.push(AccessPath::Hierarchy {
                        report,
                        level,
                        via,
                        rights,
                    });
                    if done(&access) {
                        return access;
                    }
                }
            }
        }
    }
    access
}

/// Whether hierarchy security can give `user` access on records of `table` (EVAL-7, HIER-1,
/// HIER-6 with A-1).
fn hierarchy_applies(
    model: &Model,
    user: UserId,
    table: crate::model::TableId,
    grants_for_verb: &[Grant],
) -> bool {
    let Some(hierarchy) = &model.settings.hierarchy else {
        return false;
    };
    if let Some(tables) = &hierarchy.tables {
        let name = model.table_name(table);
        if !tables.iter().any(|t| t == name) {
            return false;
        }
    }
    let set = model.priv_set(table);
    let read = grants::grants(model, user, set, Verb::Read);
    let minimum = match model.settings.hierarchy_minimum_depth {
        HierarchyMinimumDepth::User => Depth::User,
        HierarchyMinimumDepth::BusinessUnit => Depth::Bu,
    };
    !grants_for_verb.is_empty() && read.iter().any(|g| g.depth >= minimum)
}

/// Everything by which `principals` (a user and their teams, or a report and theirs) reach a
/// record: owning it, shares, and inherited access from parents through cascading relationships.
/// With `hierarchy` set, organization shares are not counted (they are nobody's data).
pub fn data_reach(
    model: &Model,
    data: &Dataset,
    record: RecordId,
    principals: &[Principal],
    hierarchy: bool,
) -> Vec<(Via, Rights)> {
    let mut out = Vec::new();
    let Some(rec) = data.record(record) else {
        return out;
    };
    if hierarchy && let Some(owner) = rec.owner.filter(|o| principals.contains(o)) {
        out.push((Via::Owner(owner), Rights::ALL));
    }
    for share in data.shares_of(record) {
        if principals.contains(&share.principal)
            && !(hierarchy && share.principal == Principal::Organization)
        {
            out.push((
                Via::Share(share.principal),
                share.rights.union(share.inherited),
            ));
        }
    }
    // Walk up the parental chain; each link must cascade the kind of access it carries.
    let mut frontier: Vec<(RecordId, bool, bool)> = rec
        .parents
        .iter()
        .filter_map(|(rel, parent)| {
            let cascade = cascade_of(model, *rel)?;
            Some((
                *parent,
                cascade.reparent.cascades(),
                cascade.share.cascades(),
            ))
        })
        .collect();
    let mut seen = vec![record];
    while let Some((ancestor, owner_flows, shares_flow)) = frontier.pop() {
        if seen.contains(&ancestor) || seen.len() > 64 {
            continue;
        }
        seen.push(ancestor);
        let Some(anc) = data.record(ancestor) else {
            continue;
        };
        if owner_flows && let Some(owner) = anc.owner.filter(|o| principals.contains(o)) {
            out.push((Via::ParentOwner { ancestor, owner }, Rights::INHERITED));
        }
        if shares_flow {
            for share in data.shares_of(ancestor) {
                if principals.contains(&share.principal)
                    && !(hierarchy && share.principal == Principal::Organization)
                {
                    out.push((
                        Via::ParentShare {
                            ancestor,
                            principal: share.principal,
                        },
                        share.rights.union(share.inherited),
                    ));
                }
            }
        }
        for (rel, parent) in &anc.parents {
            if let Some(cascade) = cascade_of(model, *rel) {
                let owner_next = owner_flows && cascade.reparent.cascades();
                let share_next = shares_flow && cascade.share.cascades();
                if owner_next || share_next {
                    frontier.push((*parent, owner_next, share_next));
                }
            }
        }
    }
    out
}

fn cascade_of(
    model: &Model,
    rel: crate::model::RelationshipId,
) -> Option<crate::model::CascadeConfig> {
    match model.relationships.get(rel.index())?.kind {
        crate::model::RelationshipKind::OneToMany { cascade, .. } => Some(cascade),
        crate::model::RelationshipKind::ManyToMany { .. } => None,
    }
}
