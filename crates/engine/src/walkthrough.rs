//! Guided walkthroughs for workshops: a list of questions a presenter steps through, each
//! answered live by the engine with its explanation.
//!
//! A [`Step`] names its subjects by their string ids (as the `rampart-model` format does), so a
//! walkthrough survives edits of the model and travels with the model JSON
//! (`walkthrough` in [`crate::format::v1::Document`]). [`answer`] asks the engine:
//! - [`Question::See`] asks [`query::visible`], grouped by the reason of each record's first path;
//! - [`Question::Why`] asks [`eval::decide`] with its sentences, rule ids and fixes;
//! - [`Question::Who`] asks [`query::who_can`];
//! - [`Question::WhatIf`] asks [`query::what_if`] between the model and a copy with one depth changed;
//! - [`Question::WhatIfMisc`] lists the users who hold a miscellaneous privilege before and after.
//!
//! Nothing here decides access: it picks the question and arranges the engine's answer.
//! [`Pseudonyms`] replaces the names of people in any text by labels derived from their roles
//! ("Store staff 2"), for screen sharing.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::Dataset;
use crate::eval::explain::describe_path;
use crate::eval::grants::GrantSource;
use crate::eval::{self, Operation, Outcome, Reason, UserFacts};
use crate::model::{Depth, Model, PrivSet, RecordId, RoleId, TableId, UserId, Verb};
use crate::query::{self, DataIndex, MATRIX_VERBS};

/// A walkthrough: a title and its steps, in presenting order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Walkthrough {
    /// Shown on the walkthrough's first screen.
    pub title: String,
    /// The steps.
    pub steps: Vec<Step>,
}

/// One step: a question and an optional presenter's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The question.
    pub question: Question,
    /// What the presenter wants the room to notice (may be empty).
    pub note: String,
}

/// The questions a step can ask. Ids are the model's string ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// What can `user` `verb` in `table`?
    See {
        /// User id.
        user: String,
        /// Table logical name.
        table: String,
        /// The right (usually Read).
        verb: Verb,
    },
    /// Why can (or cannot) `user` `verb` `record`?
    Why {
        /// User id.
        user: String,
        /// The right.
        verb: Verb,
        /// Record id.
        record: String,
    },
    /// Who can `verb` `record`?
    Who {
        /// Record id.
        record: String,
        /// The right.
        verb: Verb,
    },
    /// What if `role` held `depth` for `verb` on `table`'s privilege set?
    WhatIf {
        /// Role id.
        role: String,
        /// Table logical name (an activity table stands for the Activity set, ACT-1).
        table: String,
        /// The privilege's verb.
        verb: Verb,
        /// The new depth.
        depth: Depth,
    },
    /// What if `role` held `depth` for the miscellaneous privilege `privilege`?
    WhatIfMisc {
        /// Role id.
        role: String,
        /// Privilege name, e.g. `prvExportToExcel`.
        privilege: String,
        /// The new depth (`none` or `org`, ROLE-6).
        depth: Depth,
    },
}

impl Question {
    /// The token of the question kind (`see`, `why`, `who`, `what_if`, `what_if_misc`).
    pub fn kind(&self) -> &'static str {
        match self {
            Question::See { .. } => "see",
            Question::Why { .. } => "why",
            Question::Who { .. } => "who",
            Question::WhatIf { .. } => "what_if",
            Question::WhatIfMisc { .. } => "what_if_misc",
        }
    }
}

/// A step's answer, ready to show: the question as a sentence, a one-line answer, the numbers
/// behind it and the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    /// The question, in words, with display names.
    pub question: String,
    /// The answer in one line.
    pub headline: String,
    /// For a Why step: allow, deny or error.
    pub outcome: Option<Outcome>,
    /// The numbers behind the headline, each with its label (shown as large figures).
    pub figures: Vec<(String, i64)>,
    /// The explanation: one sentence per line, with rule ids where the engine gives them.
    pub lines: Vec<String>,
}

/// Why a step cannot be answered against this model (an id it names is missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepError(pub String);

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Most explanation lines listed for bulk answers (the figures count everything).
const MAX_LINES: usize = 12;

/// The display name of an id, or the id.
fn shown<'m>(model: &'m Model, id: &'m str) -> &'m str {
    model.display_names.get(id).map_or(id, String::as_str)
}

fn user_id(model: &Model, id: &str) -> Result<UserId, StepError> {
    model
        .users
        .iter()
        .position(|u| u.name == id)
        .map(UserId::from_index)
        .ok_or_else(|| StepError(format!("user `{id}` is not in this model")))
}

fn table_id(model: &Model, id: &str) -> Result<TableId, StepError> {
    model
        .tables
        .iter()
        .position(|t| t.name == id)
        .map(TableId::from_index)
        .ok_or_else(|| StepError(format!("table `{id}` is not in this model")))
}

fn role_id(model: &Model, id: &str) -> Result<RoleId, StepError> {
    model
        .roles
        .iter()
        .position(|r| r.name == id)
        .map(RoleId::from_index)
        .ok_or_else(|| StepError(format!("security role `{id}` is not in this model")))
}

fn record_id(data: &Dataset, id: &str) -> Result<RecordId, StepError> {
    data.records
        .iter()
        .position(|r| r.name == id)
        .map(RecordId::from_index)
        .ok_or_else(|| StepError(format!("record `{id}` is not in the sample data")))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The label of a miscellaneous privilege ("Export to Excel"), or its name.
pub fn misc_label(name: &str) -> String {
    if let Some(p) = crate::leakage::EXFILTRATION_PRIVILEGES
        .iter()
        .find(|p| p.name == name)
    {
        return p.label.to_string();
    }
    let bare = name.strip_prefix("prv").unwrap_or(name);
    let mut out = String::new();
    for (i, c) in bare.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Answers one step against a model and its data.
pub fn answer(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    step: &Step,
) -> Result<Answer, StepError> {
    match &step.question {
        Question::See { user, table, verb } => see(model, data, index, user, table, *verb),
        Question::Why { user, verb, record } => why(model, data, user, *verb, record),
        Question::Who { record, verb } => who(model, data, record, *verb),
        Question::WhatIf {
            role,
            table,
            verb,
            depth,
        } => what_if(model, data, index, role, table, *verb, *depth),
        Question::WhatIfMisc {
            role,
            privilege,
            depth,
        } => what_if_misc(model, role, privilege, *depth),
    }
}

fn see(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: &str,
    table: &str,
    verb: Verb,
) -> Result<Answer, StepError> {
    let u = user_id(model, user)?;
    let t = table_id(model, table)?;
    let visible = query::visible(model, data, index, u, t, verb);
    let total = index.records_of(t).len();
    let mut by_reason: BTreeMap<Reason, Vec<RecordId>> = BTreeMap::new();
    for v in &visible {
        by_reason.entry(v.path.reason()).or_default().push(v.record);
    }
    let mut lines = Vec::new();
    for (reason, records) in &by_reason {
        let first = records[0];
        let example = visible
            .iter()
            .find(|v| v.record == first)
            .map(|v| describe_path(model, data, u, verb, first, &v.path))
            .unwrap_or_default();
        lines.push(format!(
            "{} by {}: e.g. {example}",
            plural(records.len(), "record", "records"),
            reason.label()
        ));
    }
    let mut figures = vec![
        (format!("{} records", verb.label()), visible.len() as i64),
        ("records in the table".to_string(), total as i64),
    ];
    for (reason, records) in &by_reason {
        figures.push((format!("by {}", reason.label()), records.len() as i64));
    }
    Ok(Answer {
        question: format!(
            "What can {} {} in {}?",
            shown(model, user),
            verb.label().to_lowercase(),
            shown(model, table)
        ),
        headline: format!(
            "{} of {} {} records",
            visible.len(),
            total,
            shown(model, table)
        ),
        outcome: None,
        figures,
        lines,
    })
}

fn why(
    model: &Model,
    data: &Dataset,
    user: &str,
    verb: Verb,
    record: &str,
) -> Result<Answer, StepError> {
    let u = user_id(model, user)?;
    let r = record_id(data, record)?;
    let verdict = eval::decide(model, data, u, &Operation::Record { verb, record: r });
    let mut lines: Vec<String> = if verdict.paths.is_empty() {
        vec![verdict.summary.clone()]
    } else {
        verdict
            .paths
            .iter()
            .map(|p| describe_path(model, data, u, verb, r, p))
            .collect()
    };
    lines.extend(verdict.fixes.iter().map(|f| format!("Fix: {f}")));
    let word = match verdict.outcome {
        Outcome::Allow => "Yes",
        Outcome::Deny => "No",
        _ => "Not possible",
    };
    Ok(Answer {
        question: format!(
            "Can {} {} {}, and why?",
            shown(model, user),
            verb.label().to_lowercase(),
            record
        ),
        headline: format!(
            "{word}: {} ({})",
            verdict.outcome.as_str(),
            plural(verdict.paths.len(), "access path", "access paths")
        ),
        outcome: Some(verdict.outcome),
        figures: vec![("access paths".to_string(), verdict.paths.len() as i64)],
        lines,
    })
}

fn who(model: &Model, data: &Dataset, record: &str, verb: Verb) -> Result<Answer, StepError> {
    let r = record_id(data, record)?;
    let users = query::who_can(model, data, verb, r);
    let mut by_reason: BTreeMap<Reason, usize> = BTreeMap::new();
    for (_, paths) in &users {
        if let Some(p) = paths.first() {
            *by_reason.entry(p.reason()).or_default() += 1;
        }
    }
    let lines = users
        .iter()
        .take(MAX_LINES)
        .map(|(u, paths)| {
            let name = model.user_name(*u);
            let first = paths
                .first()
                .map(|p| describe_path(model, data, *u, verb, r, p))
                .unwrap_or_default();
            format!("{}: {first}", shown(model, name))
        })
        .chain((users.len() > MAX_LINES).then(|| format!("… and {} more", users.len() - MAX_LINES)))
        .collect();
    let mut figures = vec![
        ("users".to_string(), users.len() as i64),
        ("users in the model".to_string(), model.users.len() as i64),
    ];
    for (reason, n) in &by_reason {
        figures.push((format!("by {}", reason.label()), *n as i64));
    }
    Ok(Answer {
        question: format!("Who can {} {record}?", verb.label().to_lowercase()),
        headline: format!(
            "{} of {} can {} it",
            plural(users.len(), "user", "users"),
            model.users.len(),
            verb.label().to_lowercase()
        ),
        outcome: None,
        figures,
        lines,
    })
}

/// `model` with `role` holding `depth` for `verb` on `set`.
fn with_depth(model: &Model, role: RoleId, set: PrivSet, verb: Verb, depth: Depth) -> Model {
    let mut after = model.clone();
    if let Some(r) = after.roles.get_mut(role.index()) {
        r.privileges.entry(set).or_default().set(verb, depth);
    }
    after
}

/// The gain/loss summary of going from `before` to `after` over the same data: users gaining
/// and losing access, record accesses gained and lost (one per user, table, verb and record),
/// and one line per user, table and verb.
pub fn change_summary(before: &Model, after: &Model, data: &Dataset, index: &DataIndex) -> Answer {
    let changes = query::what_if(before, after, data, index, &MATRIX_VERBS);
    let losing: BTreeSet<UserId> = changes
        .iter()
        .filter(|c| !c.lost.is_empty())
        .map(|c| c.user)
        .collect();
    let gaining: BTreeSet<UserId> = changes
        .iter()
        .filter(|c| !c.gained.is_empty())
        .map(|c| c.user)
        .collect();
    let lost: usize = changes.iter().map(|c| c.lost.len()).sum();
    let gained: usize = changes.iter().map(|c| c.gained.len()).sum();
    let mut lines: Vec<String> = changes
        .iter()
        .take(MAX_LINES)
        .map(|c| {
            let mut parts = Vec::new();
            if !c.gained.is_empty() {
                parts.push(format!("+{}", c.gained.len()));
            }
            if !c.lost.is_empty() {
                parts.push(format!("−{}", c.lost.len()));
            }
            format!(
                "{}: {} {} records ({})",
                shown(after, after.user_name(c.user)),
                parts.join(" / "),
                shown(after, after.table_name(c.table)),
                c.verb.label()
            )
        })
        .collect();
    if changes.len() > MAX_LINES {
        lines.push(format!("… and {} more", changes.len() - MAX_LINES));
    }
    if changes.is_empty() {
        lines.push("No user gains or loses access to any record.".to_string());
    }
    Answer {
        question: String::new(),
        headline: format!(
            "{} lose access, {} gain access",
            plural(losing.len(), "user", "users"),
            plural(gaining.len(), "user", "users")
        ),
        outcome: None,
        figures: vec![
            ("users losing access".to_string(), losing.len() as i64),
            ("users gaining access".to_string(), gaining.len() as i64),
            ("record accesses lost".to_string(), -(lost as i64)),
            ("record accesses gained".to_string(), gained as i64),
        ],
        lines,
    }
}

fn what_if(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    role: &str,
    table: &str,
    verb: Verb,
    depth: Depth,
) -> Result<Answer, StepError> {
    let r = role_id(model, role)?;
    let t = table_id(model, table)?;
    let set = model.priv_set(t);
    let was = model.roles[r.index()].depth(set, verb);
    let after = with_depth(model, r, set, verb, depth);
    let mut out = change_summary(model, &after, data, index);
    out.question = format!(
        "What if {} had {} {} at {} depth instead of {}?",
        shown(model, role),
        shown(model, model.priv_set_name(set)),
        verb.label(),
        depth.label(),
        was.label()
    );
    Ok(out)
}

/// The users holding miscellaneous privilege `privilege` in `model`, with the roles giving it.
pub fn misc_holders(model: &Model, privilege: &str) -> BTreeMap<UserId, Vec<String>> {
    let directory = model.directory();
    let mut out = BTreeMap::new();
    for user in (0..model.users.len()).map(UserId::from_index) {
        let facts = UserFacts::with_directory(model, &directory, user);
        let mut via: Vec<String> = facts
            .sources
            .iter()
            .filter_map(|(assignment, _, source)| {
                let role = model.roles.get(assignment.role.index())?;
                let held = role.is_system_administrator()
                    || role.misc.get(privilege).is_some_and(|d| *d != Depth::None);
                held.then(|| match source {
                    GrantSource::Direct => format!("role `{}`", role.name),
                    GrantSource::Team { team, .. } => {
                        format!("role `{}` of team `{}`", role.name, model.team_name(*team))
                    }
                })
            })
            .collect();
        via.dedup();
        if !via.is_empty() {
            out.insert(user, via);
        }
    }
    out
}

fn what_if_misc(
    model: &Model,
    role: &str,
    privilege: &str,
    depth: Depth,
) -> Result<Answer, StepError> {
    let r = role_id(model, role)?;
    let was = model.roles[r.index()]
        .misc
        .get(privilege)
        .copied()
        .unwrap_or(Depth::None);
    let mut after = model.clone();
    after.roles[r.index()]
        .misc
        .insert(privilege.to_string(), depth);
    let before_holders = misc_holders(model, privilege);
    let after_holders = misc_holders(&after, privilege);
    let label = misc_label(privilege);
    let mut lines = Vec::new();
    let mut losing = 0;
    for (user, via) in &before_holders {
        let name = shown(model, model.user_name(*user));
        match after_holders.get(user) {
            None => {
                losing += 1;
                lines.push(format!(
                    "{name} loses {label} (held through {})",
                    via.join(", ")
                ));
            }
            Some(still) if still != via => {
                lines.push(format!("{name} keeps {label} through {}", still.join(", ")));
            }
            Some(_) => {}
        }
    }
    let mut gaining = 0;
    for (user, via) in &after_holders {
        if !before_holders.contains_key(user) {
            gaining += 1;
            lines.push(format!(
                "{} gains {label} through {}",
                shown(model, model.user_name(*user)),
                via.join(", ")
            ));
        }
    }
    if lines.is_empty() {
        lines.push(format!("Nobody gains or loses {label}."));
    }
    Ok(Answer {
        question: format!(
            "What if {} had {label} at {} instead of {}?",
            shown(model, role),
            depth.label(),
            was.label()
        ),
        headline: format!(
            "{} lose {label}, {} gain it; {} hold it after the change",
            plural(losing, "user", "users"),
            plural(gaining, "user", "users"),
            plural(after_holders.len(), "user", "users"),
        ),
        outcome: None,
        figures: vec![
            ("users losing it".to_string(), losing as i64),
            ("users gaining it".to_string(), gaining as i64),
            ("holders before".to_string(), before_holders.len() as i64),
            ("holders after".to_string(), after_holders.len() as i64),
        ],
        lines,
    })
}

/// Labels that stand in for people's names on a shared screen: each user becomes the name of
/// their rarest directly assigned role (the most telling one), numbered within that role in
/// model order — "Store staff 2". Users without a direct role take a team's role, else "User".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pseudonyms {
    /// (text to hide, replacement), longest first.
    pairs: Vec<(String, String)>,
    labels: Vec<String>,
}

fn humanize(id: &str) -> String {
    let bare = id
        .strip_prefix("role_")
        .or_else(|| id.strip_prefix("R_"))
        .unwrap_or(id);
    let spaced = bare.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "User".to_string(),
    }
}

impl Pseudonyms {
    /// Derives the labels from the model's users and roles.
    pub fn new(model: &Model) -> Pseudonyms {
        let mut holders: BTreeMap<RoleId, usize> = BTreeMap::new();
        for user in &model.users {
            for a in &user.roles {
                *holders.entry(a.role).or_default() += 1;
            }
        }
        let directory = model.directory();
        let mut counters: BTreeMap<String, usize> = BTreeMap::new();
        let mut labels = Vec::with_capacity(model.users.len());
        let mut pairs = Vec::new();
        for (i, user) in model.users.iter().enumerate() {
            let rarest = user
                .roles
                .iter()
                .min_by_key(|a| holders.get(&a.role).copied().unwrap_or(0))
                .map(|a| a.role)
                .or_else(|| {
                    let teams = directory.teams_of.get(i)?;
                    teams
                        .iter()
                        .find_map(|t| model.teams.get(t.index())?.roles.first())
                        .map(|a| a.role)
                });
            let base = rarest.map_or_else(
                || "User".to_string(),
                |r| {
                    let name = model.role_name(r);
                    model
                        .display_names
                        .get(name)
                        .cloned()
                        .unwrap_or_else(|| humanize(name))
                },
            );
            let n = counters.entry(base.clone()).or_default();
            *n += 1;
            let label = format!("{base} {n}");
            if let Some(display) = model.display_names.get(&user.name) {
                pairs.push((display.clone(), label.clone()));
            }
            pairs.push((user.name.clone(), label.clone()));
            labels.push(label);
        }
        pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Pseudonyms { pairs, labels }
    }

    /// The label of one user.
    pub fn label(&self, user: UserId) -> &str {
        self.labels.get(user.index()).map_or("User", String::as_str)
    }

    /// The model as a shared screen shows it: every user's id becomes their label and their
    /// display name is dropped, so every sentence the engine writes about this view (an
    /// explanation, a what-if line, a lint message) names labels, not people. Users keep their
    /// places ([`UserId`]s stay valid), so every answer over the view equals the answer over
    /// `model`.
    pub fn model(&self, model: &Model) -> Model {
        let mut view = model.clone();
        for (i, user) in view.users.iter_mut().enumerate() {
            view.display_names.remove(&user.name);
            user.name = self.label(UserId::from_index(i)).to_string();
        }
        view
    }

    /// `text` with every user's id and display name replaced by their label. Ids are replaced
    /// only as whole words (`u_clerk1` is not part of `u_clerk10`).
    pub fn apply(&self, text: &str) -> String {
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        'outer: while !rest.is_empty() {
            let at_boundary = out.chars().next_back().is_none_or(|c| !is_word(c));
            if at_boundary {
                for (from, to) in &self.pairs {
                    if let Some(after) = rest.strip_prefix(from.as_str())
                        && after.chars().next().is_none_or(|c| !is_word(c))
                    {
                        out.push_str(to);
                        rest = after;
                        continue 'outer;
                    }
                }
            }
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

/// The walkthrough shipped with a demo organisation (by [`crate::demo::DemoOrg::id`]).
pub fn demo_walkthrough(demo_id: &str) -> Option<Walkthrough> {
    let see = |user: &str, table: &str, note: &str| Step {
        question: Question::See {
            user: user.into(),
            table: table.into(),
            verb: Verb::Read,
        },
        note: note.into(),
    };
    let why = |user: &str, verb: Verb, record: &str, note: &str| Step {
        question: Question::Why {
            user: user.into(),
            verb,
            record: record.into(),
        },
        note: note.into(),
    };
    let who = |record: &str, note: &str| Step {
        question: Question::Who {
            record: record.into(),
            verb: Verb::Read,
        },
        note: note.into(),
    };
    let what_if = |role: &str, table: &str, verb: Verb, depth: Depth, note: &str| Step {
        question: Question::WhatIf {
            role: role.into(),
            table: table.into(),
            verb,
            depth,
        },
        note: note.into(),
    };
    let misc = |role: &str, privilege: &str, note: &str| Step {
        question: Question::WhatIfMisc {
            role: role.into(),
            privilege: privilege.into(),
            depth: Depth::None,
        },
        note: note.into(),
    };
    match demo_id {
        "department-store" => Some(Walkthrough {
            title: "Ashworth & Vale: who sees what in the stores".into(),
            steps: vec![
                see(
                    "u_leeds_clerk2",
                    "incident",
                    "A Leeds store associate: Business Unit depth covers the Leeds store's cases, and a share adds one from Manchester.",
                ),
                why(
                    "u_north_regional_mgr",
                    Verb::Write,
                    "opp_kirkstall_awards",
                    "The regional manager's own role stops at his region's BU; hierarchy security does the rest.",
                ),
                why(
                    "u_leeds_clerk2",
                    Verb::Write,
                    "case_mcr_tv_doa",
                    "Shared read-only: the share gives him Read, not Write.",
                ),
                who(
                    "con_ldn_charlotte",
                    "A VIP customer: who in the company can open her record?",
                ),
                misc(
                    "role_cs_agent",
                    "prvExportToExcel",
                    "Customer-service advisers, agency temps included, can export the whole customer base.",
                ),
                what_if(
                    "role_marketing",
                    "phonecall",
                    Verb::Read,
                    Depth::Bu,
                    "Activity Read is one privilege for every activity type (ACT-1): marketing reads case phone calls.",
                ),
            ],
        }),
        "multinational-sales" => Some(Walkthrough {
            title: "Orbis Analytics: country teams and regional managers".into(),
            steps: vec![
                see(
                    "u_fr_rep1",
                    "contact",
                    "A French account executive reads contacts through the French owner team's role, evaluated in France.",
                ),
                why(
                    "u_eu_vp_sales",
                    Verb::Read,
                    "opp_uk_thamesgate_fleet",
                    "Parent: Child Business Units depth from Europe covers the UK.",
                ),
                why(
                    "u_fr_rep1",
                    Verb::Read,
                    "opp_global_helix_eu",
                    "Functionally French, but owned at the top of the tree: invisible to France.",
                ),
                who(
                    "opp_global_helix_eu",
                    "Who can see the Helix deal while it sits in the root BU?",
                ),
                what_if(
                    "role_sales_manager",
                    "opportunity",
                    Verb::Read,
                    Depth::Bu,
                    "The same role means different reach in different BUs: what do managers lose at Business Unit depth?",
                ),
                misc(
                    "role_sales_manager",
                    "prvExportToExcel",
                    "Export to Excel for managers: who keeps it through another role?",
                ),
            ],
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(id: &str) -> (Model, Dataset, DataIndex) {
        let org = crate::demo::DEMO_ORGS
            .iter()
            .find(|d| d.id == id)
            .expect("demo exists");
        let scenario = crate::scenario::load(org.yaml, &|_| Err("no base".into())).expect("loads");
        let index = DataIndex::build(&scenario.model, &scenario.data);
        (scenario.model, scenario.data, index)
    }

    #[test]
    fn every_demo_has_a_walkthrough_whose_steps_all_answer() {
        for org in crate::demo::DEMO_ORGS {
            let walkthrough = demo_walkthrough(org.id).expect("walkthrough");
            assert!(walkthrough.steps.len() >= 5);
            let (model, data, index) = demo(org.id);
            for step in &walkthrough.steps {
                let answer = answer(&model, &data, &index, step)
                    .unwrap_or_else(|e| panic!("{}: {e}", org.id));
                assert!(!answer.question.is_empty());
                assert!(!answer.lines.is_empty(), "{:?}", step.question);
            }
        }
    }

    #[test]
    fn see_counts_match_query_visible() {
        let (model, data, index) = demo("department-store");
        let step = &demo_walkthrough("department-store").unwrap().steps[0];
        let answer = answer(&model, &data, &index, step).unwrap();
        let user = user_id(&model, "u_leeds_clerk2").unwrap();
        let table = table_id(&model, "incident").unwrap();
        let visible = query::visible(&model, &data, &index, user, table, Verb::Read);
        assert_eq!(answer.figures[0].1, visible.len() as i64);
        let by_reason: i64 = answer.figures[2..].iter().map(|f| f.1).sum();
        assert_eq!(by_reason, visible.len() as i64);
        // the shared Manchester case is in, the Manchester complaint is not (pinned checks)
        let names: Vec<&str> = visible.iter().map(|v| data.record_name(v.record)).collect();
        assert!(names.contains(&"case_mcr_tv_doa"));
        assert!(names.contains(&"case_leeds_sofa_delivery"));
        assert!(!names.contains(&"case_mcr_staff_complaint"));
    }

    #[test]
    fn why_matches_the_pinned_checks() {
        let (model, data, index) = demo("department-store");
        let steps = demo_walkthrough("department-store").unwrap().steps;
        let allow = answer(&model, &data, &index, &steps[1]).unwrap();
        assert_eq!(allow.outcome, Some(Outcome::Allow));
        assert!(
            allow.lines.iter().any(|l| l.contains("HIER-4")),
            "{allow:?}"
        );
        let deny = answer(&model, &data, &index, &steps[2]).unwrap();
        assert_eq!(deny.outcome, Some(Outcome::Deny));
        assert!(deny.headline.starts_with("No"));
    }

    #[test]
    fn who_lists_exactly_query_who_can() {
        let (model, data, index) = demo("multinational-sales");
        let step = Step {
            question: Question::Who {
                record: "opp_global_helix_eu".into(),
                verb: Verb::Read,
            },
            note: String::new(),
        };
        let answer = answer(&model, &data, &index, &step).unwrap();
        let record = record_id(&data, "opp_global_helix_eu").unwrap();
        let expected = query::who_can(&model, &data, Verb::Read, record).len();
        assert_eq!(answer.figures[0].1, expected as i64);
        let fr_rep = user_id(&model, "u_fr_rep1").unwrap();
        assert!(
            !query::who_can(&model, &data, Verb::Read, record)
                .iter()
                .any(|(u, _)| *u == fr_rep)
        );
    }

    #[test]
    fn what_if_counts_the_engine_what_if() {
        let (model, data, index) = demo("multinational-sales");
        let step = &demo_walkthrough("multinational-sales").unwrap().steps[4];
        let answer = answer(&model, &data, &index, step).unwrap();
        let r = role_id(&model, "role_sales_manager").unwrap();
        let t = table_id(&model, "opportunity").unwrap();
        let after = with_depth(&model, r, model.priv_set(t), Verb::Read, Depth::Bu);
        let changes = query::what_if(&model, &after, &data, &index, &MATRIX_VERBS);
        let lost: usize = changes.iter().map(|c| c.lost.len()).sum();
        assert!(lost > 0, "regional managers lose the countries below them");
        assert_eq!(answer.figures[2].1, -(lost as i64));
        assert_eq!(answer.figures[1].1, 0);
    }

    #[test]
    fn losing_export_to_excel_names_the_advisers_and_who_keeps_it() {
        let (model, data, index) = demo("department-store");
        let step = &demo_walkthrough("department-store").unwrap().steps[4];
        let answer = answer(&model, &data, &index, step).unwrap();
        let holders = misc_holders(&model, "prvExportToExcel");
        let cs_agent1 = user_id(&model, "u_cs_agent1").unwrap();
        assert!(holders.contains_key(&cs_agent1));
        assert!(answer.figures[0].1 >= 3, "{answer:?}");
        assert!(
            answer
                .lines
                .iter()
                .any(|l| l.contains("Mark Ellis") && l.contains("loses Export to Excel"))
        );
        assert_eq!(answer.figures[1].1, 0);
    }

    #[test]
    fn missing_ids_are_errors_that_name_them() {
        let (model, data, index) = demo("department-store");
        let step = Step {
            question: Question::See {
                user: "nobody".into(),
                table: "contact".into(),
                verb: Verb::Read,
            },
            note: String::new(),
        };
        let err = answer(&model, &data, &index, &step).unwrap_err();
        assert_eq!(err.0, "user `nobody` is not in this model");
    }

    #[test]
    fn pseudonyms_hide_names_and_ids_whole_words_only() {
        let (model, _, _) = demo("department-store");
        let names = Pseudonyms::new(&model);
        let text =
            "Priya Shah (sales associate, beauty hall) and `u_leeds_clerk1`, not u_leeds_clerk1x";
        let out = names.apply(text);
        assert!(!out.contains("Priya"), "{out}");
        assert!(!out.contains("`u_leeds_clerk1`"), "{out}");
        assert!(out.contains("u_leeds_clerk1x"), "{out}");
        let clerk = user_id(&model, "u_leeds_clerk1").unwrap();
        assert!(out.contains(names.label(clerk)));
        // every label is unique
        let labels: BTreeSet<&str> = (0..model.users.len())
            .map(|i| names.label(UserId::from_index(i)))
            .collect();
        assert_eq!(labels.len(), model.users.len());
    }

    #[test]
    fn the_pseudonymised_view_explains_with_labels_and_the_same_answers() {
        use crate::eval::{Operation, decide};
        let (model, data, _) = demo("department-store");
        let names = Pseudonyms::new(&model);
        let view = names.model(&model);
        assert_eq!(view.users.len(), model.users.len());
        let clerk = user_id(&model, "u_leeds_clerk1").unwrap();
        assert_eq!(view.user_name(clerk), names.label(clerk));
        assert!(!view.display_names.contains_key("u_leeds_clerk1"));
        let mut checked = 0;
        for (i, _) in data.records.iter().enumerate().take(40) {
            let record = crate::model::RecordId::from_index(i);
            let op = Operation::Record {
                verb: Verb::Read,
                record,
            };
            let real = decide(&model, &data, clerk, &op);
            let shown = decide(&view, &data, clerk, &op);
            assert_eq!(real.outcome, shown.outcome);
            assert_eq!(real.rules, shown.rules);
            assert!(
                !shown.summary.contains("u_leeds_clerk1"),
                "{}",
                shown.summary
            );
            assert!(!shown.summary.contains("Priya"), "{}", shown.summary);
            if real.summary.contains("u_leeds_clerk1") {
                assert!(
                    shown.summary.contains(names.label(clerk)),
                    "{}",
                    shown.summary
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "no explanation named the user");
    }

    #[test]
    fn multinational_managers_are_named_by_their_rarest_role() {
        let (model, _, _) = demo("multinational-sales");
        let names = Pseudonyms::new(&model);
        let vp = user_id(&model, "u_eu_vp_sales").unwrap();
        assert!(
            names.label(vp).starts_with("Sales manager "),
            "{}",
            names.label(vp)
        );
        let rep = user_id(&model, "u_fr_rep1").unwrap();
        assert!(
            names.label(rep).starts_with("Base user "),
            "{}",
            names.label(rep)
        );
    }
}
