//! The fixes of a refused record right, as changes that can be applied: the deny verdict of
//! [`super::decide`] states them as sentences, and `query::fix_effect` applies them to a copy
//! to say what else each would open up.
//!
//! - The asking user lacks the privilege (EVAL-2): their first direct role given the verb at
//!   the depth that reaches the record's BU from the role's context BU.
//! - The privilege passes but no path reaches the record (EVAL-3, ROLE-3): the first direct
//!   role's depth raised to reach the record's BU, then a share of the record with the user
//!   (SHARE-1).

use super::access::{Access, Collect, record_access};
use super::grants::{GrantSource, context_bu, depth_needed};
use crate::data::Dataset;
use crate::model::{Depth, Model, Principal, PrivSet, RecordId, Rights, RoleId, UserId, Verb};

/// A change that would grant a refused record right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fix {
    /// Give `role` the privilege `verb` on `set` at `depth`.
    RoleDepth {
        /// The role to change (every holder of it gains).
        role: RoleId,
        /// Its privilege set.
        set: PrivSet,
        /// The verb.
        verb: Verb,
        /// The depth it would need.
        depth: Depth,
    },
    /// Share `record` with `user` for `verb` (GrantAccess, SHARE-1).
    Share {
        /// The record.
        record: RecordId,
        /// The user.
        user: UserId,
        /// The right shared.
        verb: Verb,
    },
}

impl Fix {
    /// The fix as a sentence ("give role `r` Read at Business Unit depth").
    pub fn describe(&self, model: &Model, data: &Dataset) -> String {
        match *self {
            Fix::RoleDepth {
                role,
                set,
                verb,
                depth,
            } => format!(
                "give role `{}` {} on `{}` at {} depth",
                model.role_name(role),
                verb.label(),
                model.priv_set_name(set),
                depth.label()
            ),
            Fix::Share { record, user, verb } => format!(
                "share `{}` with `{}` ({})",
                data.record_name(record),
                model.user_name(user),
                verb.as_str()
            ),
        }
    }

    /// The model with a role fix applied (the same model for a share).
    pub fn apply_to_model(&self, model: &Model) -> Model {
        let mut out = model.clone();
        if let Fix::RoleDepth {
            role,
            set,
            verb,
            depth,
        } = *self
            && let Some(r) = out.roles.get_mut(role.index())
        {
            let depths = r.privileges.entry(set).or_default();
            depths.set(verb, depths.get(verb).max(depth));
        }
        out
    }

    /// The data with a share fix applied (the same data for a role fix).
    pub fn apply_to_data(&self, data: &Dataset) -> Dataset {
        let mut out = data.clone();
        if let Fix::Share { record, user, verb } = *self {
            crate::edit::grant(&mut out, record, Principal::User(user), Rights::of(verb));
        }
        out
    }
}

/// The fixes of `user` refused `verb` on `record` (empty when it is allowed).
pub fn fixes(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
) -> Vec<Fix> {
    let access = record_access(model, data, user, verb, record, Collect::First);
    if access.allowed() {
        return Vec::new();
    }
    of_access(model, data, user, verb, record, &access)
}

/// The fixes of a refused access check already made.
pub(crate) fn of_access(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
    access: &Access,
) -> Vec<Fix> {
    let Some(rec) = data.record(record) else {
        return Vec::new();
    };
    let set = model.priv_set(rec.table);
    let mut out = Vec::new();
    let Some(u) = model.users.get(user.index()) else {
        return out;
    };
    if !access.privilege {
        // The first direct role, at the depth that reaches the record from its context BU.
        if let (Some(a), Some(bu)) = (u.roles.first(), rec.owning_bu) {
            out.push(Fix::RoleDepth {
                role: a.role,
                set,
                verb,
                depth: depth_needed(model, context_bu(model, a, u.bu), bu),
            });
        }
        return out;
    }
    if let (Some(bu), Some(grant)) = (
        rec.owning_bu,
        access
            .grants
            .iter()
            .find(|g| g.source == GrantSource::Direct),
    ) {
        out.push(Fix::RoleDepth {
            role: grant.role,
            set,
            verb,
            depth: depth_needed(model, grant.ctx_bu, bu),
        });
    }
    out.push(Fix::Share { record, user, verb });
    out
}
