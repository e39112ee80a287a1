//! What else a fix of a refused record right ([`crate::eval::fix`]) would open up: the change
//! applied to a copy of the model (or data) and compared with [`super::what_if`] (or
//! [`super::what_if_records`]) over every user.

use super::{AccessChange, DataIndex, MATRIX_VERBS, what_if, what_if_records};
use crate::data::Dataset;
use crate::eval::can;
use crate::eval::fix::Fix;
use crate::model::{Model, RecordId, TableId, UserId, Verb};

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
