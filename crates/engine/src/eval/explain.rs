//! Sentences for decisions: every access path and every refusal, with the rule ids behind it.

use crate::data::Dataset;
use crate::eval::access::{AccessPath, Via};
use crate::eval::grants::{Grant, GrantSource};
use crate::model::{Model, Principal, RecordId, UserId, Verb};

/// Describes where a grant comes from: "role R" or "role R of team T".
pub fn grant_source(model: &Model, grant: &Grant) -> String {
    match grant.source {
        GrantSource::Direct => format!("role `{}`", model.role_name(grant.role)),
        GrantSource::Team { team, .. } => {
            format!(
                "role `{}` of team `{}`",
                model.role_name(grant.role),
                model.team_name(team)
            )
        }
    }
}

fn principal(model: &Model, user: UserId, p: Principal) -> String {
    match p {
        Principal::User(u) if u == user => format!("`{}`", model.user_name(u)),
        Principal::User(u) => format!("user `{}`", model.user_name(u)),
        Principal::Team(t) => format!("team `{}`", model.team_name(t)),
        Principal::Organization => "the organization".to_string(),
    }
}

fn via(model: &Model, data: &Dataset, user: UserId, via: &Via, record: RecordId) -> String {
    let rec = data.record_name(record);
    match via {
        Via::Owner(p) => format!("{} owns `{rec}`", principal(model, user, *p)),
        Via::Share(p) => format!("`{rec}` is shared with {}", principal(model, user, *p)),
        Via::ParentOwner { ancestor, owner } => format!(
            "{} owns `{}`, a parent of `{rec}` (inherited access)",
            principal(model, user, *owner),
            data.record_name(*ancestor)
        ),
        Via::ParentShare {
            ancestor,
            principal: p,
        } => format!(
            "parent `{}` is shared with {} and the share cascades to `{rec}`",
            data.record_name(*ancestor),
            principal(model, user, *p)
        ),
    }
}

/// One sentence for one access path, ending with its rule ids.
pub fn describe_path(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
    path: &AccessPath,
) -> String {
    let who = model.user_name(user);
    let rec = data.record_name(record);
    let text = match path {
        AccessPath::SystemAdministrator { team: None } => {
            format!("`{who}` holds System Administrator")
        }
        AccessPath::SystemAdministrator { team: Some(t) } => {
            format!(
                "`{who}` holds System Administrator through team `{}`",
                model.team_name(*t)
            )
        }
        AccessPath::OrganizationOwned { grant } => format!(
            "the table is organization-owned; {} grants {} (on/off)",
            grant_source(model, grant),
            verb.label()
        ),
        AccessPath::RoleDepth { grant, record_bu } => format!(
            "{} grants {} at {} depth from `{}`, which covers `{rec}` in `{}`",
            grant_source(model, grant),
            verb.label(),
            grant.depth.label(),
            model.bu_name(grant.ctx_bu),
            model.bu_name(*record_bu)
        ),
        AccessPath::Ownership { owner, grant } => format!(
            "{}; {} grants {} at {} depth",
            via(model, data, user, &Via::Owner(*owner), record),
            grant_source(model, grant),
            verb.label(),
            grant.depth.label()
        ),
        AccessPath::Shared { via: v, rights } => {
            format!(
                "{} ({})",
                via(model, data, user, v, record),
                rights.describe()
            )
        }
        AccessPath::Hierarchy {
            report,
            level,
            via: v,
            rights,
        } => format!(
            "`{who}` manages `{}` ({}) and {}; hierarchy gives {}",
            model.user_name(*report),
            if *level == 1 {
                "direct report".to_string()
            } else {
                format!("{level} levels down")
            },
            via(model, data, user, v, record),
            rights.describe()
        ),
    };
    format!("{text} [{}]", path.rules().join(", "))
}
