//! Editing a walkthrough's step list (plain functions, tested natively) and building a step
//! from the add-step form's fields.

use engine::model::{Depth, Verb};
use engine::walkthrough::{Question, Step, Walkthrough};

/// The walkthrough with step `index` moved one place up (`up`) or down; unchanged at the ends.
pub fn moved(walkthrough: &Walkthrough, index: usize, up: bool) -> Walkthrough {
    let mut out = walkthrough.clone();
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    if let Some(other) = other
        && other < out.steps.len()
        && index < out.steps.len()
    {
        out.steps.swap(index, other);
    }
    out
}

/// The walkthrough without step `index`.
pub fn removed(walkthrough: &Walkthrough, index: usize) -> Walkthrough {
    let mut out = walkthrough.clone();
    if index < out.steps.len() {
        out.steps.remove(index);
    }
    out
}

/// The walkthrough with `step` appended.
pub fn added(walkthrough: &Walkthrough, step: Step) -> Walkthrough {
    let mut out = walkthrough.clone();
    out.steps.push(step);
    out
}

/// The walkthrough under a new title (trimmed).
pub fn retitled(walkthrough: &Walkthrough, title: &str) -> Walkthrough {
    Walkthrough {
        title: title.trim().to_string(),
        steps: walkthrough.steps.clone(),
    }
}

/// The walkthrough with step `index`'s note replaced (trimmed); unchanged when there is no such
/// step.
pub fn renoted(walkthrough: &Walkthrough, index: usize, note: &str) -> Walkthrough {
    let mut next = walkthrough.clone();
    if let Some(step) = next.steps.get_mut(index) {
        step.note = note.trim().to_string();
    }
    next
}

/// A step in one line for the overview list (display names where the model has them); the
/// engine answers it only when the step is shown.
pub fn describe(model: &engine::model::Model, step: &Step) -> String {
    let shown = |id: &str| {
        model
            .display_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    match &step.question {
        Question::See { user, table, verb } => format!(
            "What can {} {} in {}?",
            shown(user),
            verb.label().to_lowercase(),
            shown(table)
        ),
        Question::Why { user, verb, record } => format!(
            "Can {} {} {record}, and why?",
            shown(user),
            verb.label().to_lowercase()
        ),
        Question::Who { record, verb } => {
            format!("Who can {} {record}?", verb.label().to_lowercase())
        }
        Question::WhatIf {
            role,
            table,
            verb,
            depth,
        } => format!(
            "What if {} had {} {} at {} depth?",
            shown(role),
            shown(table),
            verb.label(),
            depth.label()
        ),
        Question::WhatIfMisc {
            role,
            privilege,
            depth,
        } => format!(
            "What if {} had {} at {}?",
            shown(role),
            engine::walkthrough::misc_label(privilege),
            depth.label()
        ),
    }
}

/// The add-step form's fields, as typed or chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// `see`, `why`, `who`, `what_if` or `what_if_misc`.
    pub kind: String,
    /// User id.
    pub user: String,
    /// Table logical name.
    pub table: String,
    /// Record id.
    pub record: String,
    /// Verb token.
    pub verb: String,
    /// Role id.
    pub role: String,
    /// Miscellaneous privilege name.
    pub privilege: String,
    /// Depth token.
    pub depth: String,
    /// The presenter's note.
    pub note: String,
}

/// The question kinds, token and label, in the form's order.
pub const KINDS: &[(&str, &str)] = &[
    ("see", "What can a user see in a table?"),
    ("why", "Why can a user do something to a record?"),
    ("who", "Who can see a record?"),
    ("what_if", "What if a role had another depth?"),
    (
        "what_if_misc",
        "What if a role lost (or gained) a miscellaneous privilege?",
    ),
];

fn required(value: &str, what: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        Err(format!("Choose {what}."))
    } else {
        Ok(value.to_string())
    }
}

impl Draft {
    /// The step the fields describe, or what is missing. Whether the ids exist is checked by
    /// answering the step (`engine::walkthrough::answer`).
    pub fn to_step(&self) -> Result<Step, String> {
        let verb = || Verb::parse(&self.verb).ok_or_else(|| "Choose a privilege.".to_string());
        let depth = || Depth::parse(&self.depth).ok_or_else(|| "Choose a depth.".to_string());
        let question = match self.kind.as_str() {
            "see" => Question::See {
                user: required(&self.user, "a user")?,
                table: required(&self.table, "a table")?,
                verb: verb()?,
            },
            "why" => Question::Why {
                user: required(&self.user, "a user")?,
                verb: verb()?,
                record: required(&self.record, "a record")?,
            },
            "who" => Question::Who {
                record: required(&self.record, "a record")?,
                verb: verb()?,
            },
            "what_if" => Question::WhatIf {
                role: required(&self.role, "a security role")?,
                table: required(&self.table, "a table")?,
                verb: verb()?,
                depth: depth()?,
            },
            "what_if_misc" => Question::WhatIfMisc {
                role: required(&self.role, "a security role")?,
                privilege: required(&self.privilege, "a miscellaneous privilege")?,
                depth: depth()?,
            },
            _ => return Err("Choose what the step asks.".to_string()),
        };
        Ok(Step {
            question,
            note: self.note.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(n: usize) -> Walkthrough {
        Walkthrough {
            title: "t".into(),
            steps: (0..n)
                .map(|i| Step {
                    question: Question::Who {
                        record: format!("R{i}"),
                        verb: Verb::Read,
                    },
                    note: String::new(),
                })
                .collect(),
        }
    }

    fn records(w: &Walkthrough) -> Vec<String> {
        w.steps
            .iter()
            .map(|s| match &s.question {
                Question::Who { record, .. } => record.clone(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn moving_swaps_neighbours_and_stops_at_the_ends() {
        let w = walk(3);
        assert_eq!(records(&moved(&w, 1, true)), ["R1", "R0", "R2"]);
        assert_eq!(records(&moved(&w, 1, false)), ["R0", "R2", "R1"]);
        assert_eq!(moved(&w, 0, true), w);
        assert_eq!(moved(&w, 2, false), w);
    }

    #[test]
    fn removing_and_adding() {
        let w = walk(3);
        assert_eq!(records(&removed(&w, 1)), ["R0", "R2"]);
        assert_eq!(removed(&w, 7), w);
        let step = walk(1).steps[0].clone();
        assert_eq!(added(&w, step).steps.len(), 4);
    }

    #[test]
    fn retitling_and_renoting_touch_only_their_part() {
        let w = walk(2);
        let t = retitled(&w, "  Leeds store workshop ");
        assert_eq!(t.title, "Leeds store workshop");
        assert_eq!(t.steps, w.steps);
        let n = renoted(&w, 1, " Watch the count drop ");
        assert_eq!(n.steps[1].note, "Watch the count drop");
        assert_eq!(n.steps[0], w.steps[0]);
        assert_eq!(n.title, w.title);
        assert_eq!(renoted(&w, 5, "x"), w);
    }

    #[test]
    fn a_draft_names_what_is_missing() {
        let mut draft = Draft {
            kind: "see".into(),
            verb: "read".into(),
            ..Draft::default()
        };
        assert_eq!(draft.to_step().unwrap_err(), "Choose a user.");
        draft.user = "U1".into();
        draft.table = "account".into();
        assert!(draft.to_step().is_ok());
        draft.kind = "what_if_misc".into();
        draft.role = "R".into();
        assert_eq!(
            draft.to_step().unwrap_err(),
            "Choose a miscellaneous privilege."
        );
        draft.privilege = "prvExportToExcel".into();
        draft.depth = "none".into();
        assert_eq!(
            draft.to_step().unwrap().question,
            Question::WhatIfMisc {
                role: "R".into(),
                privilege: "prvExportToExcel".into(),
                depth: Depth::None
            }
        );
    }
}
