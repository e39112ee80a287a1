//! The privilege side of evaluation: which roles give a user a privilege, at what depth and in
//! which BU context (EVAL-2, ROLE-4, ROLE-8, TEAM-6, TEAM-7).

use crate::model::{
    BuId, Depth, Inheritance, Model, Predefined, PrivSet, RoleAssignment, RoleId, TeamId, UserId,
    Verb,
};

/// Where a grant comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrantSource {
    /// A role assigned to the user.
    Direct,
    /// A role of an owner, default or Entra team the user is a member of.
    Team {
        /// The team.
        team: TeamId,
        /// The role's member's privilege inheritance (TEAM-6).
        inheritance: Inheritance,
    },
}

/// One role privilege reaching a user: the role, its depth, and the BU it is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant {
    /// The role.
    pub role: RoleId,
    /// The depth the role holds.
    pub depth: Depth,
    /// Context BU for depth evaluation (ROLE-8).
    pub ctx_bu: BuId,
    /// Direct or through a team.
    pub source: GrantSource,
}

impl Grant {
    /// Whether the grant may be used on a record owned by `owner` through ownership
    /// (EVAL-4 with TEAM-6: a *Team privileges only* role works only on the team's own records).
    pub fn usable_for_owned(&self, owner: crate::model::Principal) -> bool {
        match self.source {
            GrantSource::Direct => true,
            GrantSource::Team {
                inheritance: Inheritance::Direct,
                ..
            } => true,
            GrantSource::Team {
                team,
                inheritance: Inheritance::TeamOnly,
            } => owner == crate::model::Principal::Team(team),
        }
    }
}

/// The context BU of a role assignment (ROLE-8, MBU-3, A-14, A-19).
pub fn context_bu(model: &Model, assignment: &RoleAssignment, principal_bu: BuId) -> BuId {
    if model.settings.modernized_bu {
        assignment.from_bu.unwrap_or(principal_bu)
    } else {
        principal_bu
    }
}

/// Role assignments reaching a user with their source: direct roles, then the roles of every
/// role-holding team (ROLE-4, TEAM-2, TEAM-3, TEAM-11).
pub fn role_sources(model: &Model, user: UserId) -> Vec<(RoleAssignment, BuId, GrantSource)> {
    role_sources_with(model, user, &model.teams_of(user))
}

/// [`role_sources`] for a user whose teams are already known.
pub fn role_sources_with(
    model: &Model,
    user: UserId,
    teams: &[TeamId],
) -> Vec<(RoleAssignment, BuId, GrantSource)> {
    let Some(u) = model.users.get(user.index()) else {
        return Vec::new();
    };
    let mut out: Vec<(RoleAssignment, BuId, GrantSource)> = u
        .roles
        .iter()
        .map(|a| (*a, context_bu(model, a, u.bu), GrantSource::Direct))
        .collect();
    for &team_id in teams {
        out.extend(team_role_sources(model, team_id));
    }
    out
}

/// The role assignments a team passes to its members, measured from the team's BU (TEAM-2,
/// TEAM-3, TEAM-6); none for an access team (TEAM-4).
pub fn team_role_sources(
    model: &Model,
    team_id: TeamId,
) -> Vec<(RoleAssignment, BuId, GrantSource)> {
    let Some(team) = model.teams.get(team_id.index()) else {
        return Vec::new();
    };
    if !team.kind.holds_roles() {
        return Vec::new(); // TEAM-4: access teams hold no roles.
    }
    team.roles
        .iter()
        .map(|a| {
            let inheritance = model
                .roles
                .get(a.role.index())
                .map_or(Inheritance::Direct, |r| r.inheritance);
            (
                *a,
                context_bu(model, a, team.bu),
                GrantSource::Team {
                    team: team_id,
                    inheritance,
                },
            )
        })
        .collect()
}

/// The System Administrator assignment of a user, if any: `Some(None)` directly,
/// `Some(Some(team))` through a team (EVAL-8).
pub fn system_administrator(model: &Model, user: UserId) -> Option<Option<TeamId>> {
    system_administrator_in(model, &role_sources(model, user))
}

/// [`system_administrator`] among already gathered role sources.
pub fn system_administrator_in(
    model: &Model,
    sources: &[(RoleAssignment, BuId, GrantSource)],
) -> Option<Option<TeamId>> {
    sources.iter().copied().find_map(|(a, _, source)| {
        let role = model.roles.get(a.role.index())?;
        (role.predefined == Some(Predefined::SystemAdministrator)).then_some(match source {
            GrantSource::Direct => None,
            GrantSource::Team { team, .. } => Some(team),
        })
    })
}

/// Every grant of `verb` on privilege set `set` reaching `user` (EVAL-2: depth ignored there).
pub fn grants(model: &Model, user: UserId, set: PrivSet, verb: Verb) -> Vec<Grant> {
    grants_from(model, &role_sources(model, user), set, verb)
}

/// The grants of `verb` on `set` among already gathered role sources.
pub fn grants_from(
    model: &Model,
    sources: &[(RoleAssignment, BuId, GrantSource)],
    set: PrivSet,
    verb: Verb,
) -> Vec<Grant> {
    sources
        .iter()
        .filter_map(|(a, ctx_bu, source)| {
            let role = model.roles.get(a.role.index())?;
            let depth = role.depth(set, verb);
            (depth != Depth::None).then_some(Grant {
                role: a.role,
                depth,
                ctx_bu: *ctx_bu,
                source: *source,
            })
        })
        .collect()
}

/// Grants of `verb` held by a team through its own roles (used for ownership eligibility, A-16).
pub fn team_grants(model: &Model, team: TeamId, set: PrivSet, verb: Verb) -> Vec<Grant> {
    let Some(t) = model.teams.get(team.index()) else {
        return Vec::new();
    };
    if !t.kind.holds_roles() {
        return Vec::new();
    }
    t.roles
        .iter()
        .filter_map(|a| {
            let role = model.roles.get(a.role.index())?;
            let depth = if role.is_system_administrator() {
                Depth::Org
            } else {
                role.depth(set, verb)
            };
            (depth != Depth::None).then_some(Grant {
                role: a.role,
                depth,
                ctx_bu: context_bu(model, a, t.bu),
                source: GrantSource::Team {
                    team,
                    inheritance: role.inheritance,
                },
            })
        })
        .collect()
}

/// Whether a grant's depth covers a record in `record_bu` (BU-9, EVAL-5). User depth covers
/// nothing by BU; ownership and sharing are separate paths.
pub fn depth_covers(model: &Model, grant: &Grant, record_bu: BuId) -> bool {
    match grant.depth {
        Depth::None | Depth::User => false,
        Depth::Bu => record_bu == grant.ctx_bu,
        Depth::Pcbu => model.bu_in_subtree(record_bu, grant.ctx_bu),
        Depth::Org => true,
    }
}

/// The smallest depth that would cover `record_bu` from `ctx_bu`.
pub fn depth_needed(model: &Model, ctx_bu: BuId, record_bu: BuId) -> Depth {
    if record_bu == ctx_bu {
        Depth::Bu
    } else if model.bu_in_subtree(record_bu, ctx_bu) {
        Depth::Pcbu
    } else {
        Depth::Org
    }
}
