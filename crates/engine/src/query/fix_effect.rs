//! The fixes of a refused record right as changes that can be applied, and what else each
//! would open up: the change applied to a copy of the model (or data) and compared with
//! [`super::what_if`] (or [`super::what_if_records`]) over every user.
//!
//! [`fixes`] gives the same fixes, in the same order, as the deny verdict of
//! [`crate::eval::decide`] (ops' `record_verdict`), in a structured form:
//! - the asking user lacks the privilege (EVAL-2): their first direct role given the verb at
//!   the depth that reaches the record's BU from the role's context BU;
//! - the privilege passes but no path reaches the record: the first direct role's depth raised
//!   to reach the record's BU, then a share of the record with the user.

use super::{AccessChange, DataIndex, MATRIX_VERBS, what_if, what_if_records};
use crate::data::Dataset;
use crate::eval::access::{Collect, record_access};
use crate::eval::can;
use crate::eval::grants::{GrantSource, context_bu, depth_needed};
use crate::model::{
    Depth, Model, Principal, PrivSet, RecordId, Rights, RoleId, TableId, UserId, Verb,
};

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

/// The structured fixes of `user` refused `verb` on `record` (empty when it is allowed).
pub fn fixes(
    model: &Model,
    data: &Dataset,
    user: UserId,
    verb: Verb,
    record: RecordId,
) -> Vec<Fix> {
    let Some(rec) = data.record(record) else {
        return Vec::new();
    };
    let access = record_access(model, data, user, verb, record, Collect::First);
    if access.allowed() {
        return Vec::new();
    }
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

/// What a fix would do: whether it grants the refused right, and every change of reach it
/// brings (the asking user's other records and other users' gains and losses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixEffect {
    /// The fix.
    pub fix: Fix,
    /// Whether, applied, it grants the refused right (the access check after the change).
    pub grants: bool,
    /// Every (user, table, verb) whose reach changes, the refused record included.
    pub changes: Vec<AccessChange>,
}

impl FixEffect {
    /// Records of `table` the asking user gains for `verb` besides the refused record.
    pub fn user_gains_besides(
        &self,
        user: UserId,
        record: RecordId,
        verb: Verb,
    ) -> Vec<(TableId, usize)> {
        self.changes
            .iter()
            .filter(|c| c.user == user && c.verb == verb)
            .map(|c| (c.table, c.gained.iter().filter(|r| **r != record).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Other users gaining anything for `verb`, and the records they gain between them.
    pub fn others_gaining(&self, user: UserId, verb: Verb) -> (usize, usize) {
        let mut users: Vec<UserId> = self
            .changes
            .iter()
            .filter(|c| c.user != user && c.verb == verb && !c.gained.is_empty())
            .map(|c| c.user)
            .collect();
        let records = self
            .changes
            .iter()
            .filter(|c| c.user != user && c.verb == verb)
            .map(|c| c.gained.len())
            .sum();
        users.sort_unstable();
        users.dedup();
        (users.len(), records)
    }

    /// One sentence: "→ grants it; `u` also gains 1234 other records of `account`; 12 other
    /// users gain 3456 records between them".
    pub fn summary(&self, model: &Model, user: UserId, verb: Verb, record: RecordId) -> String {
        let mut parts = vec![if self.grants {
            "grants it".to_string()
        } else {
            "does not grant it on its own".to_string()
        }];
        let own = self.user_gains_besides(user, record, verb);
        if own.is_empty() {
            parts.push(format!("`{}` gains no other record", model.user_name(user)));
        } else {
            let tables: Vec<String> = own
                .iter()
                .map(|(t, n)| format!("{n} of `{}`", model.table_name(*t)))
                .collect();
            let n: usize = own.iter().map(|(_, n)| n).sum();
            parts.push(format!(
                "`{}` also gains {n} other {} ({})",
                model.user_name(user),
                records(n),
                tables.join(", ")
            ));
        }
        let (n_users, n_records) = self.others_gaining(user, verb);
        parts.push(match n_users {
            0 => "no other user gains".to_string(),
            1 => format!("1 other user gains {n_records} {}", records(n_records)),
            n => format!("{n} other users gain {n_records} records between them"),
        });
        parts.join("; ")
    }
}

/// "record" or "records".
fn records(n: usize) -> &'static str {
    if n == 1 { "record" } else { "records" }
}

/// Applies `fix` to a copy of the workspace and compares every user's reach before and after
/// (the five verbs of the matrix plus the fix's own verb).
pub fn fix_effect(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
    record: RecordId,
    fix: Fix,
) -> FixEffect {
    let mut verbs: Vec<Verb> = MATRIX_VERBS.to_vec();
    let verb = match fix {
        Fix::RoleDepth { verb, .. } | Fix::Share { verb, .. } => verb,
    };
    if !verbs.contains(&verb) {
        verbs.push(verb);
    }
    match fix {
        Fix::RoleDepth { .. } => {
            let after = fix.apply_to_model(model);
            FixEffect {
                fix,
                grants: can(&after, data, user, verb, record),
                changes: what_if(model, &after, data, index, &verbs),
            }
        }
        Fix::Share { record: shared, .. } => {
            let after = fix.apply_to_data(data);
            // The shared record and everything below it through access-cascading links.
            let mut seen = std::collections::HashSet::from([shared]);
            let mut stack = vec![shared];
            while let Some(r) = stack.pop() {
                for child in index.children_of(r) {
                    if seen.insert(child.record) {
                        stack.push(child.record);
                    }
                }
            }
            let mut records: Vec<RecordId> = seen.into_iter().collect();
            records.sort_unstable();
            FixEffect {
                fix,
                grants: can(model, &after, user, verb, record),
                changes: what_if_records(model, data, &after, &records, &verbs),
            }
        }
    }
}
