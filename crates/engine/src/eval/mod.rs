//! Evaluation: what a user may do, and why (§3 of the rulebook).
//!
//! [`decide`] answers one [`Operation`] with a [`Verdict`]: the outcome, a sentence per access
//! path or the reason for a refusal, the rule ids behind it, and for a deny the nearest fixes.

pub mod access;
pub mod column;
pub mod explain;
pub mod fix;
pub mod grants;
pub mod hierarchy;
pub mod ops;

pub use access::{Access, AccessPath, Collect, Reason, Subject, UserFacts, Via, record_access};
pub use ops::{Operation, can, decide};

/// The answer to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Outcome {
    /// The operation is allowed.
    Allow,
    /// Refused for lack of access.
    #[default]
    Deny,
    /// Invalid whatever the access (e.g. a depth a table does not support).
    Error,
    /// A column's value is returned.
    Visible,
    /// A column's value is withheld (FLS-6).
    Hidden,
}

impl Outcome {
    /// Token used by the scenario format.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allow => "allow",
            Outcome::Deny => "deny",
            Outcome::Error => "error",
            Outcome::Visible => "visible",
            Outcome::Hidden => "hidden",
        }
    }

    /// Parses a scenario token.
    pub fn parse(token: &str) -> Option<Outcome> {
        [
            Outcome::Allow,
            Outcome::Deny,
            Outcome::Error,
            Outcome::Visible,
            Outcome::Hidden,
        ]
        .into_iter()
        .find(|o| o.as_str() == token)
    }
}

/// A decision with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verdict {
    /// The outcome.
    pub outcome: Outcome,
    /// One or more sentences: each access path, or the reason for a refusal.
    pub summary: String,
    /// Rule ids of the rulebook behind the outcome.
    pub rules: Vec<&'static str>,
    /// Every access path found (record rights).
    pub paths: Vec<AccessPath>,
    /// For a deny: the smallest changes that would grant it.
    pub fixes: Vec<String>,
}

impl Verdict {
    /// "allow: sentence [rules]" — the one-line rendering used by tests and the CLI.
    pub fn one_line(&self) -> String {
        format!("{}: {}", self.outcome.as_str(), self.summary)
    }
}
