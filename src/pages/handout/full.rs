//! `/handout`: the printable summary of the open workspace's model.

use std::sync::Arc;

use engine::handout::{Handout, Highlight, RoleRow};
use engine::lint::{Finding, LintOptions, Severity, Suppression};
use engine::model::{Model, Verb};
use engine::scenario::CheckStatus;
use leptos::prelude::*;

use super::{NoModel, PrintToolbar, display, print_when_asked};
use crate::components::depth_circle::{DepthLegend, depth_short_label};
use crate::pages::simulator::Shared;
use crate::pages::test::checks::question;
use crate::state::use_app;

/// Most tables per printed matrix block: with the role column this fits A4 and Letter portrait.
pub const TABLES_PER_BLOCK: usize = 9;

/// Splits `n` tables into the fewest blocks of at most [`TABLES_PER_BLOCK`], evenly (11 → 6 + 5).
pub fn block_size(n: usize) -> usize {
    let blocks = n.div_ceil(TABLES_PER_BLOCK).max(1);
    n.div_ceil(blocks).max(1)
}

/// Names listed in a who-can-see card before "and N more".
const NAMES_LISTED: usize = 12;

/// Text with `code` spans (the engine writes ids in backticks) as text and `<code>` nodes.
fn with_code(text: &str) -> impl IntoView + use<> {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                view! { <code>{part.to_string()}</code> }.into_any()
            } else {
                part.to_string().into_any()
            }
        })
        .collect_view()
}

/// Everything the handout shows, computed once per workspace change.
struct HandoutData {
    name: String,
    model: Arc<Model>,
    checks: Arc<Vec<serde_json::Value>>,
    handout: Handout,
}

/// `/handout`.
#[component]
pub fn HandoutPage() -> impl IntoView {
    let app = use_app();
    let data = Memo::new(move |_| {
        app.workspace.with(|w| {
            let w = w.as_ref()?;
            let suppressions: Vec<Suppression> = w
                .suppressions
                .iter()
                .map(|(key, reason)| Suppression::from_key(key, reason))
                .collect();
            let options = LintOptions::with_suppressions(&suppressions);
            Some(Shared::new(HandoutData {
                name: w.name.clone(),
                model: w.model.clone(),
                checks: w.checks.clone(),
                handout: engine::handout::build(
                    &w.model, &w.data, &w.index, &w.events, &w.checks, &options,
                ),
            }))
        })
    });
    print_when_asked(
        "/handout",
        Signal::derive(move || data.with(Option::is_some)),
    );
    let verbs = RwSignal::new(vec![Verb::Read, Verb::Write]);
    view! {
        <section class="rp-page rp-page--wide rp-printout rp-handout" aria-labelledby="rp-page-title" data-testid="handout">
            <PrintToolbar title="Handout" other=("/handout/leakage", "One-page leakage summary") />
            <VerbChooser verbs />
            {move || match data.get() {
                None => view! { <NoModel /> }.into_any(),
                Some(d) => {
                    let m = d.clone();
                    view! {
                    <TitleBlock d=d.clone() />
                    {bu_section(&d.handout, &d.model)}
                    {move || matrix_section(&m.handout, &verbs.get())}
                    {highlights_section(&d.handout, &d.model)}
                    {findings_section(&d.handout.findings)}
                    {checks_section(&d)}
                }.into_any()
                }
            }}
        </section>
    }
}

/// Which privileges the matrix prints (screen only).
#[component]
fn VerbChooser(verbs: RwSignal<Vec<Verb>>) -> impl IntoView {
    let boxes = Verb::ALL
        .into_iter()
        .map(|verb| {
            let checked = move || verbs.with(|v| v.contains(&verb));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                verbs.update(|v| {
                    v.retain(|x| *x != verb);
                    if on {
                        v.push(verb);
                        v.sort_by_key(|x| x.index());
                    }
                });
            };
            view! {
                <label class="rp-check">
                    <input type="checkbox" prop:checked=checked on:change=toggle />
                    {verb.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="rp-printout__chooser">
            <legend>"Privileges in the roles × tables matrix"</legend>
            {boxes}
        </fieldset>
    }
}

#[component]
fn TitleBlock(d: Shared<HandoutData>) -> impl IntoView {
    let h = &d.handout;
    let model = &d.model;
    let enabled = model.users.iter().filter(|u| u.enabled).count();
    let counts = format!(
        "{} business units · {} users ({} enabled) · {} teams · {} security roles · {} tables · {} pinned checks",
        h.bus.len(),
        model.users.len(),
        enabled,
        model.teams.len(),
        model.roles.len(),
        h.tables.len(),
        h.checks.len()
    );
    view! {
        <header class="rp-printout__title" data-testid="handout-title">
            <p class="rp-printout__kicker">"Security model handout · Rampart"</p>
            <h2 class="rp-printout__model">{d.name.clone()}</h2>
            <p class="rp-printout__counts">{counts}</p>
            <p class="rp-printout__note">
                "Every answer below comes from Rampart's engine over the model and its sample records. Depths use the role editor's labels: User, Business Unit, Parent: Child Business Units, Organization."
            </p>
        </header>
    }
}

fn section_header(title: &'static str, text: String) -> impl IntoView {
    view! {
        <h2 class="rp-printout__heading">{title}</h2>
        <p class="rp-printout__lead">{text}</p>
    }
}

fn bu_section(h: &Handout, model: &Model) -> impl IntoView + use<> {
    fn branch(h: &Handout, model: &Model, parent: Option<usize>) -> AnyView {
        let items = h
            .bus
            .iter()
            .enumerate()
            .filter(|(_, b)| b.parent == parent)
            .map(|(i, b)| {
                let plural = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                let detail = format!(
                    "{} · {} · {}",
                    plural(b.n_users, "user", "users"),
                    plural(b.n_teams, "team", "teams"),
                    plural(b.n_roles, "role", "roles")
                );
                let has_children = h.bus.iter().any(|c| c.parent == Some(i));
                let name = display(model, &b.name);
                let id = (name != b.name)
                    .then(|| view! { <code class="rp-bu-pic__id">{b.name.clone()}</code> });
                view! {
                    <li class="rp-bu-pic__item">
                        <span class="rp-bu-pic__node" data-root=(parent.is_none()).to_string()>
                            <strong class="rp-bu-pic__name">{name}</strong>
                            {id}
                            <span class="rp-bu-pic__detail">{detail}</span>
                        </span>
                        {has_children.then(|| branch(h, model, Some(i)))}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="rp-bu-pic__list">{items}</ul> }.into_any()
    }
    let lead = format!(
        "{} business units under the root; each box names the unit, then its users, teams (the default team included) and the security roles created in it.",
        h.bus.len().saturating_sub(1)
    );
    view! {
        <section class="rp-printout__section" data-testid="handout-bu-tree" aria-label="Business units">
            {section_header("Business units", lead)}
            <div class="rp-bu-pic">{branch(h, model, None)}</div>
        </section>
    }
}

fn matrix_section(h: &Handout, verbs: &[Verb]) -> impl IntoView + use<> {
    let blocks = verbs
        .iter()
        .map(|verb| {
            let size = block_size(h.tables.len());
            let chunks = h
                .tables
                .chunks(size)
                .enumerate()
                .map(|(n, chunk)| {
                    let first = n * size;
                    matrix_block(h, *verb, first, chunk.len())
                })
                .collect_view();
            view! {
                <div class="rp-printout__block" data-testid=format!("handout-matrix-{}", verb.as_str())>
                    <h3 class="rp-printout__subheading">{format!("{} privilege", verb.label())}</h3>
                    {chunks}
                </div>
            }
        })
        .collect_view();
    let left_out = match h.n_roles_left_out {
        0 => String::new(),
        1 => " One predefined role that nobody holds, unchanged from what Microsoft ships, is left out.".to_string(),
        n => format!(" {n} predefined roles that nobody holds, unchanged from what Microsoft ships, are left out."),
    };
    let lead = if verbs.is_empty() {
        "No privilege chosen: tick at least one above to print the matrix.".to_string()
    } else {
        format!(
            "Each cell shows the depth a security role grants on a table, as the role editor draws it: the circle fills with depth and the label says it in words. Tables marked * are sensitive.{left_out}"
        )
    };
    view! {
        <section class="rp-printout__section" data-testid="handout-matrix" aria-label="Security roles × tables">
            {section_header("Security roles × tables", lead)}
            {blocks}
            <DepthLegend />
        </section>
    }
}

fn matrix_block(h: &Handout, verb: Verb, first: usize, len: usize) -> impl IntoView + use<> {
    let columns = first..first + len;
    let heads = h.tables[columns.clone()]
        .iter()
        .map(|t| {
            let mark = if t.sensitive.is_empty() { "" } else { " *" };
            view! {
                <th scope="col" class="rp-matrix-print__table"><span>{format!("{}{mark}", t.name)}</span></th>
            }
        })
        .collect_view();
    let rows = h
        .roles
        .iter()
        .map(|role| matrix_row(h, role, verb, columns.clone()))
        .collect_view();
    view! {
        <table class="rp-table rp-matrix-print">
            <caption class="rp-visually-hidden">{format!("{} depth per security role and table", verb.label())}</caption>
            <thead>
                <tr><th scope="col" class="rp-matrix-print__corner">"Security role"</th>{heads}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn matrix_row(
    h: &Handout,
    role: &RoleRow,
    verb: Verb,
    columns: std::ops::Range<usize>,
) -> impl IntoView + use<> {
    let cells = columns
        .map(|c| {
            let depth = role.depth(c, verb);
            let table = h.tables.get(c).map_or("", |t| t.name.as_str());
            view! {
                <td class="rp-matrix-print__cell" title=format!("{}, {}: {}", table, verb.label(), depth.label())>
                    <span class="rp-depth" data-depth=depth.as_str()>
                        <span class="rp-depth__glyph" aria-hidden="true"></span>
                        <span class="rp-depth__label" aria-hidden="true">{depth_short_label(depth)}</span>
                    </span>
                    <span class="rp-visually-hidden">{depth.label()}</span>
                </td>
            }
        })
        .collect_view();
    let holders = match role.n_holders {
        0 => "no users".to_string(),
        1 => "1 user".to_string(),
        n => format!("{n} users"),
    };
    let note = if role.team_privileges_only {
        format!("{holders} · Team privileges only")
    } else {
        holders
    };
    view! {
        <tr>
            <th scope="row" class="rp-matrix-print__role">
                <span class="rp-matrix-print__role-name">{role.name.clone()}</span>
                <span class="rp-matrix-print__role-note">{note}</span>
            </th>
            {cells}
        </tr>
    }
}

fn highlights_section(h: &Handout, model: &Model) -> impl IntoView + use<> {
    let n_users = model.users.iter().filter(|u| u.enabled).count();
    let items = h
        .highlights
        .iter()
        .map(|x| highlight(x, model, n_users))
        .collect_view();
    let lead = if h.highlights.is_empty() {
        "No table is sensitive: none is marked sensitive, has secured columns or holds people."
            .to_string()
    } else {
        format!(
            "{} sensitive tables (marked sensitive, with secured columns, or holding people). For each: who reads it across the whole organization, and how many readers could move its records out of the CRM.",
            h.highlights.len()
        )
    };
    view! {
        <section class="rp-printout__section" data-testid="handout-highlights" aria-label="Who can see sensitive tables">
            {section_header("Who can see sensitive tables", lead)}
            <div class="rp-printout__cards">{items}</div>
        </section>
    }
}

fn highlight(x: &Highlight, model: &Model, n_users: usize) -> impl IntoView + use<> {
    let why = x
        .sensitive
        .iter()
        .map(|s| s.describe())
        .collect::<Vec<_>>()
        .join("; ");
    let roles = if x.org_roles.is_empty() {
        "No security role reads it at Organization depth.".to_string()
    } else {
        let list: Vec<String> = x
            .org_roles
            .iter()
            .map(|(r, n)| format!("{r} ({n})"))
            .collect();
        format!("Organization depth through {}.", list.join(", "))
    };
    let users = if x.org_users.is_empty() {
        None
    } else {
        let mut names: Vec<String> = x
            .org_users
            .iter()
            .take(NAMES_LISTED)
            .map(|u| display(model, u))
            .collect();
        if x.org_users.len() > NAMES_LISTED {
            names.push(format!("and {} more", x.org_users.len() - NAMES_LISTED));
        }
        Some(format!(
            "{} users read every record: {}.",
            x.org_users.len(),
            names.join(", ")
        ))
    };
    let out = if x.n_exfiltrators == 0 {
        "None of its readers can export, print, take it offline or sync it.".to_string()
    } else {
        format!(
            "{} of its readers can move records out (Export to Excel, Print, Go Offline, Sync to Outlook …); one of them up to {} of {} records.",
            x.n_exfiltrators, x.max_records_exfiltrable, x.n_records
        )
    };
    view! {
        <article class="rp-printout__card" data-testid=format!("highlight-{}", x.table)>
            <h3 class="rp-printout__subheading"><code>{x.table.clone()}</code>" "<span class="rp-printout__why">{why}</span></h3>
            <p>{format!("{} of {} users read at least one of its {} records. ", x.n_readers, n_users, x.n_records)}{roles}</p>
            {users.map(|u| view! { <p class="rp-printout__names">{u}</p> })}
            <p><strong>{out}</strong></p>
        </article>
    }
}

fn severity_mark(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("✗", "Error"),
        Severity::Warning => ("⚠", "Warning"),
        Severity::Info => ("ℹ", "Info"),
    }
}

fn findings_section(findings: &[Finding]) -> impl IntoView + use<> {
    let s = engine::lint::summarize(findings);
    let lead = format!(
        "The advisor's findings: {} errors, {} warnings, {} infos; {} accepted with a reason (suppressed).",
        s.errors, s.warnings, s.infos, s.suppressed
    );
    let item = |f: &Finding| {
        let (glyph, word) = severity_mark(f.severity);
        view! {
            <li class="rp-printout__finding" data-severity=f.severity.as_str()>
                <span class="rp-status" data-status=f.severity.as_str()><span aria-hidden="true">{glyph}</span>" "{word}</span>" "
                <code>{f.lint}</code>" "
                <span>{with_code(&f.message)}</span>
                <span class="rp-printout__fix">" Fix: "{with_code(&f.fix)}</span>
                {f.suppressed.clone().map(|r| view! { <span class="rp-printout__fix">" Accepted: "{r}</span> })}
            </li>
        }
    };
    let active: Vec<_> = findings
        .iter()
        .filter(|f| f.is_active())
        .map(item)
        .collect();
    let suppressed: Vec<_> = findings
        .iter()
        .filter(|f| !f.is_active())
        .map(item)
        .collect();
    let none = active
        .is_empty()
        .then(|| view! { <p>"No active findings."</p> });
    let accepted = (!suppressed.is_empty()).then(|| {
        view! {
            <h3 class="rp-printout__subheading">"Accepted findings"</h3>
            <ul class="rp-printout__findings">{suppressed}</ul>
        }
    });
    view! {
        <section class="rp-printout__section" data-testid="handout-findings" aria-label="Advisor findings">
            {section_header("Advisor findings", lead)}
            {none}
            <ul class="rp-printout__findings">{active}</ul>
            {accepted}
        </section>
    }
}

fn checks_section(d: &HandoutData) -> impl IntoView + use<> {
    let reports = &d.handout.checks;
    let count = |s| reports.iter().filter(|r| r.status == s).count();
    let lead = if reports.is_empty() {
        "No pinned checks: pin an answer from Simulate to keep it checked.".to_string()
    } else {
        format!(
            "{} pinned checks, re-run on this model: {} pass, {} fail, {} not scored.",
            reports.len(),
            count(CheckStatus::Pass),
            count(CheckStatus::Fail),
            count(CheckStatus::Skip)
        )
    };
    let rows = reports
        .iter()
        .map(|r| {
            let q = d.checks.get(r.index).map(question).unwrap_or_default();
            let (status, glyph, word) = match r.status {
                CheckStatus::Pass => ("pass", "✓", "Pass"),
                CheckStatus::Fail => ("fail", "✗", "Fail"),
                CheckStatus::Skip => ("skip", "○", "Not scored"),
            };
            let answered = (r.status == CheckStatus::Fail)
                .then(|| view! { <span class="rp-printout__fix">{format!(" engine answered {}", r.actual)}</span> });
            view! {
                <tr data-status=status>
                    <td class="rp-num">{r.index + 1}</td>
                    <td class="rp-table__wrap">{q}</td>
                    <td>{r.expected.clone()}</td>
                    <td><span class="rp-status" data-status=status><span aria-hidden="true">{glyph}</span>" "{word}</span>{answered}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="rp-printout__section" data-testid="handout-checks" aria-label="Pinned checks">
            {section_header("Pinned checks", lead)}
            <table class="rp-table rp-printout__checks">
                <thead><tr><th scope="col">"#"</th><th scope="col">"Check"</th><th scope="col">"Expected"</th><th scope="col">"Result"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_blocks_are_even_and_never_wider_than_the_limit() {
        assert_eq!(block_size(11), 6);
        assert_eq!(block_size(12), 6);
        assert_eq!(block_size(9), 9);
        assert_eq!(block_size(19), 7);
        assert_eq!(block_size(0), 1);
        for n in 1..60 {
            let size = block_size(n);
            assert!(size <= TABLES_PER_BLOCK, "{n}");
            assert_eq!(
                n.div_ceil(size),
                n.div_ceil(TABLES_PER_BLOCK),
                "{n}: fewest blocks"
            );
        }
    }
}
