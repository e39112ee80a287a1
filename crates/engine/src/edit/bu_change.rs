//! What a Change Business Unit would do, before it is done (BU-8): the role assignments removed,
//! the owned records whose owning BU moves, and for a user the default team left and joined
//! (BU-4). [`super::change_bu`] makes the change; this only reads, so the Designer can show the
//! cascade and ask for confirmation.

use crate::data::Dataset;
use crate::model::{BuId, Model, Principal, RecordId, RoleId, TeamId, TeamKind};

/// The effect of moving a user or team to another business unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuChangeEffect {
    /// The business unit the principal leaves.
    pub from: BuId,
    /// The business unit it joins.
    pub to: BuId,
    /// Role assignments removed (BU-8), in assignment order; empty when modernized business
    /// units keep them (`DoNotRemoveRolesOnChangeBusinessUnit`).
    pub roles_removed: Vec<RoleId>,
    /// Records owned by the principal whose owning BU moves to `to`; empty unless
    /// *Move records to new business unit* is chosen.
    pub records_moved: Vec<RecordId>,
    /// Records owned by the principal that stay in another business unit.
    pub records_staying: Vec<RecordId>,
    /// For a user: the default team of the old business unit, which they leave (BU-4).
    pub leaves_default_team: Option<TeamId>,
    /// For a user: the default team of the new business unit, which they join (BU-4).
    pub joins_default_team: Option<TeamId>,
}

fn default_team(model: &Model, bu: BuId) -> Option<TeamId> {
    model
        .teams
        .iter()
        .position(|t| t.kind == TeamKind::Default && t.bu == bu)
        .map(TeamId::from_index)
}

/// What [`super::change_bu`] would change for `principal`
/// moving to `to`. `None` for the organization, an unknown principal or business unit, or a
/// default team (its business unit is fixed, BU-4).
pub fn bu_change_effect(
    model: &Model,
    data: &Dataset,
    principal: Principal,
    to: BuId,
    move_records: bool,
) -> Option<BuChangeEffect> {
    model.bus.get(to.index())?;
    let keep_roles =
        model.settings.modernized_bu && model.settings.do_not_remove_roles_on_change_bu;
    let (from, roles, is_user) = match principal {
        Principal::User(u) => {
            let user = model.users.get(u.index())?;
            (user.bu, &user.roles, true)
        }
        Principal::Team(t) => {
            let team = model.teams.get(t.index())?;
            if team.kind == TeamKind::Default {
                return None;
            }
            (team.bu, &team.roles, false)
        }
        Principal::Organization => return None,
    };
    let roles_removed = if keep_roles {
        Vec::new()
    } else {
        roles.iter().map(|a| a.role).collect()
    };
    let (mut records_moved, mut records_staying) = (Vec::new(), Vec::new());
    for (i, rec) in data.records.iter().enumerate() {
        if rec.owner != Some(principal) || rec.owning_bu == Some(to) {
            continue;
        }
        if move_records {
            records_moved.push(RecordId::from_index(i));
        } else {
            records_staying.push(RecordId::from_index(i));
        }
    }
    let (leaves_default_team, joins_default_team) = if is_user && from != to {
        (default_team(model, from), default_team(model, to))
    } else {
        (None, None)
    };
    Some(BuChangeEffect {
        from,
        to,
        roles_removed,
        records_moved,
        records_staying,
        leaves_default_team,
        joins_default_team,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TeamId, UserId};
    use crate::scenario;

    fn demo(i: usize) -> scenario::Scenario {
        let org = crate::demo::DEMO_ORGS[i];
        scenario::load(org.yaml, &|_| Err("no base".into())).expect("demo loads")
    }

    fn owning_bus(data: &Dataset) -> Vec<Option<BuId>> {
        data.records.iter().map(|r| r.owning_bu).collect()
    }

    /// The preview names exactly what the change then does, for every user and non-default team
    /// of both demo orgs, with and without moving records, classic and modernized.
    #[test]
    fn the_preview_matches_the_change() {
        for i in 0..crate::demo::DEMO_ORGS.len() {
            for keep in [false, true] {
                let mut s = demo(i);
                s.model.settings.modernized_bu = keep;
                s.model.settings.do_not_remove_roles_on_change_bu = keep;
                let targets = [BuId::from_index(0), BuId::from_index(s.model.bus.len() - 1)];
                let mut principals: Vec<Principal> = (0..s.model.users.len())
                    .map(|u| Principal::User(UserId::from_index(u)))
                    .collect();
                principals.extend(
                    (0..s.model.teams.len())
                        .filter(|t| s.model.teams[*t].kind != TeamKind::Default)
                        .map(|t| Principal::Team(TeamId::from_index(t))),
                );
                for principal in principals {
                    for to in targets {
                        for move_records in [false, true] {
                            let effect =
                                bu_change_effect(&s.model, &s.data, principal, to, move_records)
                                    .expect("an effect");
                            let (mut model, mut data) = (s.model.clone(), s.data.clone());
                            let before_roles = match principal {
                                Principal::User(u) => s.model.users[u.index()].roles.clone(),
                                Principal::Team(t) => s.model.teams[t.index()].roles.clone(),
                                Principal::Organization => unreachable!(),
                            };
                            super::super::change_bu(
                                &mut model,
                                &mut data,
                                principal,
                                to,
                                move_records,
                            );
                            let after_roles = match principal {
                                Principal::User(u) => model.users[u.index()].roles.clone(),
                                Principal::Team(t) => model.teams[t.index()].roles.clone(),
                                Principal::Organization => unreachable!(),
                            };
                            let removed: Vec<RoleId> = before_roles
                                .iter()
                                .filter(|a| !after_roles.contains(a))
                                .map(|a| a.role)
                                .collect();
                            assert_eq!(effect.roles_removed, removed, "{principal:?} → {to:?}");
                            let moved: Vec<RecordId> = owning_bus(&s.data)
                                .iter()
                                .zip(owning_bus(&data))
                                .enumerate()
                                .filter(|(_, (a, b))| **a != *b)
                                .map(|(r, _)| RecordId::from_index(r))
                                .collect();
                            assert_eq!(effect.records_moved, moved, "{principal:?} → {to:?}");
                            if let Principal::User(u) = principal {
                                let before = s.model.teams_of(u);
                                let after = model.teams_of(u);
                                let left: Vec<TeamId> = before
                                    .iter()
                                    .filter(|t| !after.contains(t))
                                    .copied()
                                    .collect();
                                let joined: Vec<TeamId> = after
                                    .iter()
                                    .filter(|t| !before.contains(t))
                                    .copied()
                                    .collect();
                                assert_eq!(
                                    effect.leaves_default_team.into_iter().collect::<Vec<_>>(),
                                    left
                                );
                                assert_eq!(
                                    effect.joins_default_team.into_iter().collect::<Vec<_>>(),
                                    joined
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn roles_go_unless_modernized_units_keep_them_and_records_move_only_when_asked() {
        let s = demo(0);
        let (u, user) = s
            .model
            .users
            .iter()
            .enumerate()
            .find(|(i, u)| {
                !u.roles.is_empty()
                    && s.data
                        .records
                        .iter()
                        .any(|r| r.owner == Some(Principal::User(UserId::from_index(*i))))
            })
            .expect("a user with roles and records");
        let principal = Principal::User(UserId::from_index(u));
        let to = (0..s.model.bus.len())
            .map(BuId::from_index)
            .find(|b| *b != user.bu)
            .expect("another BU");
        let staying = bu_change_effect(&s.model, &s.data, principal, to, false).expect("effect");
        assert_eq!(staying.roles_removed.len(), user.roles.len());
        assert!(staying.records_moved.is_empty());
        assert!(!staying.records_staying.is_empty());
        assert_eq!(staying.from, user.bu);
        let moving = bu_change_effect(&s.model, &s.data, principal, to, true).expect("effect");
        assert_eq!(moving.records_moved, staying.records_staying);
        let mut kept = s.model.clone();
        kept.settings.modernized_bu = true;
        kept.settings.do_not_remove_roles_on_change_bu = true;
        let keep = bu_change_effect(&kept, &s.data, principal, to, true).expect("effect");
        assert!(keep.roles_removed.is_empty());
        // Default teams never change business unit (BU-4).
        let default = s
            .model
            .teams
            .iter()
            .position(|t| t.kind == TeamKind::Default)
            .map(TeamId::from_index)
            .expect("a default team");
        assert_eq!(
            bu_change_effect(&s.model, &s.data, Principal::Team(default), to, true),
            None
        );
        assert_eq!(
            bu_change_effect(&s.model, &s.data, Principal::Organization, to, true),
            None
        );
    }
}
