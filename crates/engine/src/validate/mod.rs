//! Model validation: every problem found, each with a JSON path and a plain sentence.
//!
//! [`validate`] never stops at the first problem. Each [`Issue`] has a stable [`IssueCode`], a
//! [`Severity`] (errors block export, warnings do not), the path of the offending field in the
//! `rampart-model` JSON (`users.U7.bu`), a Cedar-style message (lowercase, no final period, user
//! values in backticks) and, when there is one, a `help` suggestion. Every issue cites its rule
//! id of `security-semantics.md` in the message or the help.
//!
//! Reference problems in a JSON document (an id that names nothing) are found earlier, by
//! [`crate::format::load`] while it interns the ids; they use the same [`Issue`] type.

mod bus;
mod data;
mod ids;
pub(crate) mod loops;
mod principals;
mod roles;
mod suggest;
mod tables;

use serde::Serialize;

use crate::data::Dataset;
use crate::model::Model;

pub use suggest::{did_you_mean, suggest};

/// How bad an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The model is wrong or cannot exist in Dataverse; export is blocked.
    Error,
    /// Probably a mistake; export is allowed.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What kind of problem an issue is; the stable token is [`IssueCode::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IssueCode {
    /// An id that names no object of the expected kind.
    UnknownReference,
    /// The same id twice in one collection, or a user and a team with the same id.
    DuplicateId,
    /// An id the format reserves (`ORG`, `activity`).
    ReservedId,
    /// No root business unit (BU-1).
    NoRootBu,
    /// More than one root business unit (BU-1).
    SecondRootBu,
    /// A business unit is its own ancestor (BU-2).
    BuCycle,
    /// Default team problems: edited members, missing or repeated default team (BU-4).
    DefaultTeam,
    /// A depth the table's ownership does not allow (ROLE-5).
    DepthNotAllowed,
    /// A miscellaneous privilege at a depth other than none or organization (ROLE-6).
    MiscDepth,
    /// Privileges on an individual activity table instead of `activity` (ACT-1).
    ActivityPrivileges,
    /// Roles on an access team (TEAM-4).
    AccessTeamRoles,
    /// A record owned by an access team (TEAM-4).
    AccessTeamOwner,
    /// A user with no role, directly or through a team (ROLE-11).
    UserWithoutRole,
    /// A user is their own (indirect) manager.
    ManagerCycle,
    /// A position is its own ancestor (HIER-9).
    PositionCycle,
    /// A team template problem (TEAM-9).
    TeamTemplate,
    /// A system-managed access team problem (TEAM-9).
    RecordTeam,
    /// A predefined role used or configured in a way §12 forbids.
    PredefinedRole,
    /// A role assigned from a business unit it cannot come from (BU-6, MBU-2).
    RoleBu,
    /// The same role assigned twice to one principal.
    DuplicateRole,
    /// A cascade option an action does not have (CASC-1).
    Cascade,
    /// A record's owner or owning business unit does not fit its table (ROLE-5, BU-7, TEAM-4).
    RecordOwner,
    /// A record's parent link does not fit the relationship (CASC-1).
    RecordParent,
    /// A share that cannot exist (ROLE-5, SHARE-1).
    Share,
    /// Column security problems (FLS-1, FLS-2, FLS-7).
    ColumnSecurity,
    /// Hierarchy security settings problems (HIER-1).
    Hierarchy,
    /// A team field that does not apply to its type (TEAM-3).
    TeamType,
    /// A display name for an id that names nothing.
    DisplayName,
    /// A scenario document that could not be built into a model.
    Scenario,
    /// A document whose checksum does not match its content (edited after export).
    Checksum,
}

impl IssueCode {
    /// The stable kebab-case token (`unknown-reference`).
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::UnknownReference => "unknown-reference",
            IssueCode::DuplicateId => "duplicate-id",
            IssueCode::ReservedId => "reserved-id",
            IssueCode::NoRootBu => "no-root-bu",
            IssueCode::SecondRootBu => "second-root-bu",
            IssueCode::BuCycle => "bu-cycle",
            IssueCode::DefaultTeam => "default-team",
            IssueCode::DepthNotAllowed => "depth-not-allowed",
            IssueCode::MiscDepth => "misc-depth",
            IssueCode::ActivityPrivileges => "activity-privileges",
            IssueCode::AccessTeamRoles => "access-team-roles",
            IssueCode::AccessTeamOwner => "access-team-owner",
            IssueCode::UserWithoutRole => "user-without-role",
            IssueCode::ManagerCycle => "manager-cycle",
            IssueCode::PositionCycle => "position-cycle",
            IssueCode::TeamTemplate => "team-template",
            IssueCode::RecordTeam => "record-team",
            IssueCode::PredefinedRole => "predefined-role",
            IssueCode::RoleBu => "role-bu",
            IssueCode::DuplicateRole => "duplicate-role",
            IssueCode::Cascade => "cascade",
            IssueCode::RecordOwner => "record-owner",
            IssueCode::RecordParent => "record-parent",
            IssueCode::Share => "share",
            IssueCode::ColumnSecurity => "column-security",
            IssueCode::Hierarchy => "hierarchy",
            IssueCode::TeamType => "team-type",
            IssueCode::DisplayName => "display-name",
            IssueCode::Scenario => "scenario",
            IssueCode::Checksum => "checksum",
        }
    }
}

impl std::fmt::Display for IssueCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for IssueCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem in a model, with where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// What kind of problem.
    pub code: IssueCode,
    /// Error (blocks export) or warning.
    pub severity: Severity,
    /// JSON path of the offending field in the `rampart-model` document, e.g. `users.U7.bu`.
    pub path: String,
    /// What is wrong, Cedar style: lowercase, no final period, values in backticks.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Issue {
    /// An error.
    pub fn error(code: IssueCode, path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            code,
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
            help: None,
        }
    }

    /// A warning.
    pub fn warning(code: IssueCode, path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(code, path, message)
        }
    }

    /// The same issue with a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Issue {
        self.help = Some(help.into());
        self
    }

    /// The same issue with a help text when there is one.
    pub fn with_optional_help(mut self, help: Option<String>) -> Issue {
        self.help = help;
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Issue {
    /// `error[unknown-reference] users.U7.bu: unknown business unit `Sales2` (help: …)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}] ", self.severity.as_str(), self.code)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Whether any issue is an error (errors block export).
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(Issue::is_error)
}

/// Checks a model (and its sample data) against the rules of the rulebook; returns every
/// problem found, errors and warnings, in document order of the sections checked.
pub fn validate(model: &Model, data: Option<&Dataset>) -> Vec<Issue> {
    let mut issues = Vec::new();
    ids::check(model, data, &mut issues);
    bus::check(model, &mut issues);
    principals::check(model, &mut issues);
    roles::check(model, &mut issues);
    tables::check(model, &mut issues);
    if let Some(data) = data {
        data::check(model, data, &mut issues);
    }
    issues
}

/// A path segment for an id: the id as is, unless it would break the dotted path, then quoted
/// (`users."a.b".bu`).
pub(crate) fn key(id: &str) -> String {
    let plain = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '@' | '$' | '#' | '&' | '+'));
    if plain {
        id.to_string()
    } else {
        format!("{id:?}")
    }
}
