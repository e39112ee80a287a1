//! The advisor: lints over a model (and, when given, its sample data) that point at risky or
//! wasteful security designs, each with why it matters and a suggested fix.
//!
//! # Brief overview
//! - [`run`] runs every lint of [`LINTS`] and returns [`Finding`]s, sorted by lint id and subject.
//! - A finding names its lint (`L004`), a [`Severity`], the subject path of the thing at fault
//!   (`roles.role_cs_agent.misc.prvExportToExcel`), a one-line message, an explanation citing the
//!   rule ids of `security-semantics.md` and the seed articles, and a fix.
//! - [`LintOptions`] carries thresholds and suppressions. A suppressed finding is still returned,
//!   with [`Finding::suppressed`] holding the reason; it never counts towards the exit code.
//! - Each lint lives in its own file, `l<id>_<slug>.rs`, opening with a `// Lint:` header (what it
//!   catches, why, the fix), followed by the check and its tests (style guide §2.2).
//!
//! Every "who can read what" question goes through [`crate::eval`] and [`crate::query`]; lints only
//! choose what to ask.

mod l001_user_without_direct_role;
mod l002_team_only_role_user_depth;
mod l003_team_role_outside_bu;
mod l004_export_of_sensitive_data;
mod l005_org_read_of_sensitive_table;
mod l006_secured_column_widely_readable;
mod l007_sharing_sprawl;
mod l008_redundant_share;
mod l009_hierarchy_reach;
mod l010_assign_or_share_beyond_read;
mod l011_unused_role;
mod l012_team_without_members;
mod l013_bu_without_users;
mod l014_owner_team_access_on_leaving;
mod l015_predefined_role_modified;
mod l016_duplicate_roles;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::Dataset;
use crate::eval::grants;
use crate::model::{Model, RoleId, UserId};

/// How serious a finding is. Only [`Severity::Error`] fails `rampart lint` (exit code 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The design cannot work as intended (e.g. a user with no role at all, ROLE-11).
    Error,
    /// A risk or a pitfall worth fixing or suppressing with a reason.
    Warning,
    /// Worth knowing; often intended.
    Info,
}

impl Severity {
    /// Lowercase token, as printed (`warning[L004] …`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One lint of the registry.
#[derive(Debug, Clone, Copy)]
pub struct Lint {
    /// Stable id, `L001` …
    pub id: &'static str,
    /// Kebab-case name, `user-without-direct-role`.
    pub slug: &'static str,
    /// One sentence: what the lint catches.
    pub summary: &'static str,
    check: fn(&Ctx<'_>) -> Vec<Finding>,
}

/// Every lint, in id order.
pub const LINTS: &[Lint] = &[
    l001_user_without_direct_role::LINT,
    l002_team_only_role_user_depth::LINT,
    l003_team_role_outside_bu::LINT,
    l004_export_of_sensitive_data::LINT,
    l005_org_read_of_sensitive_table::LINT,
    l006_secured_column_widely_readable::LINT,
    l007_sharing_sprawl::LINT,
    l008_redundant_share::LINT,
    l009_hierarchy_reach::LINT,
    l010_assign_or_share_beyond_read::LINT,
    l011_unused_role::LINT,
    l012_team_without_members::LINT,
    l013_bu_without_users::LINT,
    l014_owner_team_access_on_leaving::LINT,
    l015_predefined_role_modified::LINT,
    l016_duplicate_roles::LINT,
];

/// One thing the advisor found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Lint id, `L004`.
    pub lint: &'static str,
    /// Lint slug, `export-of-sensitive-data`.
    pub slug: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Path of the thing at fault, e.g. `roles.role_cs_agent.misc.prvExportToExcel`.
    pub subject: String,
    /// One plain sentence: lowercase, no final period, ids in backticks.
    pub message: String,
    /// Why it matters, with rule ids and seed files.
    pub explanation: String,
    /// The suggested change.
    pub fix: String,
    /// The reason given when this finding was suppressed; suppressed findings are reported, not
    /// dropped.
    pub suppressed: Option<String>,
}

impl Finding {
    /// The human one-liner: `warning[L004] roles.x.misc.y: message (fix: …)`, with
    /// `(suppressed: reason)` for suppressed findings.
    pub fn one_line(&self) -> String {
        let mut line = format!(
            "{}[{}] {}: {} (fix: {})",
            self.severity.as_str(),
            self.lint,
            self.subject,
            self.message,
            self.fix
        );
        if let Some(reason) = &self.suppressed {
            line.push_str(&format!(" (suppressed: {reason})"));
        }
        line
    }

    /// Whether the finding counts: not suppressed.
    pub fn is_active(&self) -> bool {
        self.suppressed.is_none()
    }
}

/// A suppression: this lint, on this subject, is accepted for this reason.
///
/// The model JSON stores suppressions as `lint_suppressions`, a map from [`Suppression::key`] to
/// the reason: `"L004 roles.role_cs_agent.misc.prvExportToExcel"` for one finding, or the bare
/// lint id `"L003"` for every finding of that lint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Suppression {
    /// Lint id, `L004`.
    pub lint: String,
    /// Subject path, exactly as the finding names it; empty for every subject.
    pub subject: String,
    /// Why the finding is accepted (shown with the finding).
    pub reason: String,
}

impl Suppression {
    /// Parses a `lint_suppressions` key (`"L004 roles.x.misc.y"`, `"L004:roles.x.misc.y"` or
    /// `"L003"`) with its reason.
    pub fn from_key(key: &str, reason: &str) -> Suppression {
        let key = key.trim();
        let (lint, subject) = key
            .split_once(|c: char| c.is_whitespace() || c == ':')
            .unwrap_or((key, ""));
        Suppression {
            lint: lint.trim().to_string(),
            subject: subject.trim().to_string(),
            reason: reason.to_string(),
        }
    }

    /// The `lint_suppressions` key: `"L004 roles.x.misc.y"`, or `"L003"` for every subject.
    pub fn key(&self) -> String {
        if self.subject.is_empty() {
            self.lint.clone()
        } else {
            format!("{} {}", self.lint, self.subject)
        }
    }
}

/// Thresholds and suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintOptions {
    /// Suppressed findings by (lint id, subject path), with their reason; an empty subject
    /// suppresses every finding of the lint.
    pub suppressed: BTreeMap<(String, String), String>,
    /// L006: a secured column is flagged when more than this percentage of enabled users can
    /// read it (default 25).
    pub secured_column_max_percent: u32,
    /// L007: a record is flagged when shared with more than this many principals (default 5).
    pub max_shares_per_record: usize,
}

impl Default for LintOptions {
    fn default() -> LintOptions {
        LintOptions {
            suppressed: BTreeMap::new(),
            secured_column_max_percent: 25,
            max_shares_per_record: 5,
        }
    }
}

impl LintOptions {
    /// Default thresholds with these suppressions.
    pub fn with_suppressions<'a>(
        suppressions: impl IntoIterator<Item = &'a Suppression>,
    ) -> LintOptions {
        let mut options = LintOptions::default();
        options.suppress(suppressions);
        options
    }

    /// Adds suppressions.
    pub fn suppress<'a>(&mut self, suppressions: impl IntoIterator<Item = &'a Suppression>) {
        for s in suppressions {
            self.suppressed
                .insert((s.lint.clone(), s.subject.clone()), s.reason.clone());
        }
    }

    /// The suppressions as the plain list the JSON format stores.
    pub fn suppressions(&self) -> Vec<Suppression> {
        self.suppressed
            .iter()
            .map(|((lint, subject), reason)| Suppression {
                lint: lint.clone(),
                subject: subject.clone(),
                reason: reason.clone(),
            })
            .collect()
    }
}

/// Counts of a lint run, for summaries and exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// Active errors.
    pub errors: usize,
    /// Active warnings.
    pub warnings: usize,
    /// Active infos.
    pub infos: usize,
    /// Suppressed findings of any severity.
    pub suppressed: usize,
}

/// Tallies findings; suppressed ones count only as suppressed.
pub fn summarize(findings: &[Finding]) -> Summary {
    let mut summary = Summary::default();
    for f in findings {
        match (f.is_active(), f.severity) {
            (false, _) => summary.suppressed += 1,
            (true, Severity::Error) => summary.errors += 1,
            (true, Severity::Warning) => summary.warnings += 1,
            (true, Severity::Info) => summary.infos += 1,
        }
    }
    summary
}

/// Runs every lint over the model and, when given, its sample data. Findings come sorted by lint
/// id, then subject; suppressed ones carry their reason.
pub fn run(model: &Model, data: Option<&Dataset>, options: &LintOptions) -> Vec<Finding> {
    let ctx = Ctx {
        model,
        data,
        options,
    };
    let mut findings: Vec<Finding> = LINTS.iter().flat_map(|lint| (lint.check)(&ctx)).collect();
    for f in &mut findings {
        f.suppressed = options
            .suppressed
            .get(&(f.lint.to_string(), f.subject.clone()))
            .or_else(|| options.suppressed.get(&(f.lint.to_string(), String::new())))
            .cloned();
    }
    findings
        .sort_by(|a, b| (a.lint, &a.subject, &a.message).cmp(&(b.lint, &b.subject, &b.message)));
    findings
}

/// What a lint check reads.
pub(crate) struct Ctx<'a> {
    pub(crate) model: &'a Model,
    pub(crate) data: Option<&'a Dataset>,
    pub(crate) options: &'a LintOptions,
}

impl Lint {
    /// A finding of this lint.
    fn finding(
        &self,
        severity: Severity,
        subject: impl Into<String>,
        message: impl Into<String>,
        explanation: impl Into<String>,
        fix: impl Into<String>,
    ) -> Finding {
        Finding {
            lint: self.id,
            slug: self.slug,
            severity,
            subject: subject.into(),
            message: message.into(),
            explanation: explanation.into(),
            fix: fix.into(),
            suppressed: None,
        }
    }
}

/// Whether a role matters for review: every custom role, and a predefined role only when
/// someone holds it or it differs from what the platform ships (§12).
pub fn role_in_play(model: &Model, role: RoleId) -> bool {
    let Some(r) = model.roles.get(role.index()) else {
        return false;
    };
    r.predefined.is_none()
        || !holders(model, role).is_empty()
        || r.privileges != crate::model::predefined::predefined_privileges(model, &r.name)
        || !r.misc.is_empty()
}

/// Users holding `role`, directly or through a role-holding team they belong to (ROLE-4, TEAM-2).
pub(crate) fn holders(model: &Model, role: RoleId) -> Vec<UserId> {
    (0..model.users.len())
        .map(UserId::from_index)
        .filter(|u| {
            grants::role_sources(model, *u)
                .iter()
                .any(|(a, _, _)| a.role == role)
        })
        .collect()
}

/// `` `a`, `b` and `c` `` — names in backticks, at most `max` of them, then "and N more".
pub(crate) fn name_list<S: AsRef<str>>(names: &[S], max: usize) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(max)
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    let rest = names.len().saturating_sub(max);
    match (shown.as_slice(), rest) {
        ([], _) => String::new(),
        ([one], 0) => one.clone(),
        (many, 0) => {
            let (last, head) = many
                .split_last()
                .map_or((String::new(), &[][..]), |(l, h)| (l.clone(), h));
            format!("{} and {last}", head.join(", "))
        }
        (many, rest) => format!("{} and {rest} more", many.join(", ")),
    }
}

/// "1 user" / "3 users".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Test support: load a fixture and render the findings of one lint as one-liners.
#[cfg(test)]
pub(crate) mod check {
    use super::{Finding, LintOptions, run};
    use crate::scenario;

    /// Loads a scenario-format fixture (no base) with no warnings.
    #[track_caller]
    pub fn load(fixture: &str) -> scenario::Scenario {
        let fixture = &trim_indent(fixture);
        let loaded = scenario::load(fixture, &|id: &str| Err(format!("no base `{id}`")))
            .unwrap_or_else(|e| panic!("fixture does not load: {e}\n{fixture}"));
        assert!(
            loaded.warnings.is_empty(),
            "fixture has warnings: {:?}",
            loaded
                .warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        );
        loaded
    }

    /// Removes the common leading indentation (rust-analyzer's `trim_indent`).
    pub fn trim_indent(text: &str) -> String {
        let text = text.strip_prefix('\n').unwrap_or(text);
        let indent = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        text.lines()
            .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The findings of lint `id` on a fixture, with data, default options.
    #[track_caller]
    pub fn findings(fixture: &str, id: &str) -> Vec<Finding> {
        findings_with(fixture, id, &LintOptions::default())
    }

    /// The findings of lint `id` on a fixture, with data.
    #[track_caller]
    pub fn findings_with(fixture: &str, id: &str, options: &LintOptions) -> Vec<Finding> {
        let loaded = load(fixture);
        run(&loaded.model, Some(&loaded.data), options)
            .into_iter()
            .filter(|f| f.lint == id)
            .collect()
    }

    /// Asserts that lint `id` finds exactly `expected` on the fixture, each rendered as
    /// `severity subject: message`.
    #[track_caller]
    pub fn check(fixture: &str, id: &str, expected: &[&str]) {
        let actual: Vec<String> = findings(fixture, id)
            .iter()
            .map(|f| format!("{} {}: {}", f.severity.as_str(), f.subject, f.message))
            .collect();
        assert_eq!(actual, expected, "\nfixture:\n{fixture}");
    }
}
