//! `/handout/leakage`: the leakage report on one printed page, for a consultant to hand to a
//! client after a workshop. One line per table (sensitive tables first): who holds Read at which
//! depth, who of them can also take records out of the CRM through each way out, and the most
//! sample records one person could move.

use crate::text::counted;
use engine::handout::{LeakageLine, leakage_summary};
use engine::leakage::{EXFILTRATION_PRIVILEGES, ExfiltrationPrivilege, Sensitivity};
use engine::model::Depth;
use leptos::prelude::*;

use super::{NoModel, PrintToolbar, print_when_asked};
use crate::components::depth_circle::depth_short_label;
use crate::pages::simulator::Shared;
use crate::state::use_app;

/// Role names listed per depth before "+N more" (the page must stay one page).
const ROLES_LISTED: usize = 6;

/// The depths a reader can hold, deepest first (the columns of the summary).
const DEPTHS: [Depth; 4] = [Depth::Org, Depth::Pcbu, Depth::Bu, Depth::User];

fn short(s: Sensitivity) -> &'static str {
    match s {
        Sensitivity::Flagged => "marked sensitive",
        Sensitivity::SecuredColumns => "secured columns",
        Sensitivity::People => "people",
    }
}

/// `/handout/leakage`.
#[component]
pub fn LeakageSummaryPage() -> impl IntoView {
    let app = use_app();
    let data = Memo::new(move |_| {
        app.workspace.with(|w| {
            let w = w.as_ref()?;
            let report = engine::leakage::report(&w.model, &w.data, &w.index);
            Some(Shared::new((w.name.clone(), leakage_summary(&report))))
        })
    });
    print_when_asked(
        "/handout/leakage",
        Signal::derive(move || data.with(Option::is_some)),
    );
    view! {
        <section class="rp-page rp-page--wide rp-printout rp-leak1" aria-labelledby="rp-page-title" data-testid="leakage-summary">
            <PrintToolbar title="Leakage summary" other=("/handout", "Full handout") />
            {move || match data.get() {
                None => view! { <NoModel /> }.into_any(),
                Some(d) => summary(&d.0.0, &d.0.1).into_any(),
            }}
        </section>
    }
}

fn summary(name: &str, lines: &[LeakageLine]) -> impl IntoView + use<> {
    // Only the ways out somebody holds get a column.
    let channels: Vec<&'static ExfiltrationPrivilege> = EXFILTRATION_PRIVILEGES
        .iter()
        .filter(|p| {
            lines
                .iter()
                .any(|l| l.channels.iter().any(|c| c.privilege == p.name))
        })
        .collect();
    let n_sensitive = lines.iter().filter(|l| !l.sensitive.is_empty()).count();
    let n_risky = lines
        .iter()
        .filter(|l| !l.sensitive.is_empty() && l.n_exfiltrators > 0)
        .count();
    let depth_heads = DEPTHS
        .iter()
        .map(|d| {
            view! {
                <th scope="col" class="rp-leak1__num" title=d.label()>
                    <span class="rp-depth" data-depth=d.as_str()>
                        <span class="rp-depth__glyph" aria-hidden="true"></span>
                        <span class="rp-depth__label" aria-hidden="true">{depth_short_label(*d)}</span>
                    </span>
                    <span class="rp-visually-hidden">{d.label()}</span>
                </th>
            }
        })
        .collect_view();
    let channel_heads = channels
        .iter()
        .map(|p| view! { <th scope="col" class="rp-leak1__channel">{p.label}</th> })
        .collect_view();
    let rows = lines.iter().map(|l| row(l, &channels)).collect_view();
    let n_channels = channels.len().max(1);
    view! {
        <header class="rp-printout__title" data-testid="leakage-title">
            <p class="rp-printout__kicker">"Data leakage summary · Rampart"</p>
            <h2 class="rp-printout__model">{name.to_string()}</h2>
            <p class="rp-printout__lead">
                {format!(
                    "{n_sensitive} of {} tables are sensitive; on {n_risky} of them, users who read the records can also take them out of the CRM. Once exported, printed, taken offline or synchronised, records are outside the security model.",
                    lines.len()
                )}
            </p>
        </header>
        <table class="rp-table rp-leak1__table" data-testid="leakage-summary-table">
            <caption class="rp-visually-hidden">"Per table: users with Read by depth, and users who can also move records out"</caption>
            <thead>
                <tr>
                    <th scope="col" rowspan="2">"Table"</th>
                    <th scope="col" rowspan="2" class="rp-leak1__num">"Records"</th>
                    <th scope="colgroup" colspan="4" class="rp-leak1__group">"Users with Read, by depth"</th>
                    <th scope="colgroup" colspan=n_channels.to_string() class="rp-leak1__group">"Of them, users who can also … "<span class="rp-leak1__unit">"(users / most records one of them could move)"</span></th>
                    <th scope="col" rowspan="2" class="rp-leak1__num">"Most records one person can move out"</th>
                </tr>
                <tr>{depth_heads}{channel_heads}{channels.is_empty().then(|| view! { <th scope="col">"(nobody)"</th> })}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="rp-leak1__foot">
            "Depths as the role editor labels them: Org = Organization (every record), P:C = Parent: Child Business Units, BU = Business Unit, User = records the user or their team owns or that are shared with them. Each user counts once, at the deepest Read any of their security roles (direct or through a team) grants; disabled users are left out. "
            "The ways out are Miscellaneous and Privacy-related privileges of the security roles. Record counts come from the workspace's sample data, so they show the proportions, not production volumes. "
            "⚠ marks a sensitive table whose readers can move records out."
        </p>
    }
}

fn row(l: &LeakageLine, channels: &[&'static ExfiltrationPrivilege]) -> impl IntoView + use<> {
    let risky = !l.sensitive.is_empty() && l.n_exfiltrators > 0;
    let why = (!l.sensitive.is_empty()).then(|| {
        let words: Vec<&str> = l.sensitive.iter().map(|s| short(*s)).collect();
        view! { <span class="rp-leak1__why">{format!("sensitive: {}", words.join(", "))}</span> }
    });
    let who: Vec<String> = l
        .readers
        .iter()
        .filter(|r| !r.roles.is_empty())
        .map(|r| {
            let mut names: Vec<String> = r.roles.iter().take(ROLES_LISTED).cloned().collect();
            if r.roles.len() > ROLES_LISTED {
                names.push(format!("+{} more", r.roles.len() - ROLES_LISTED));
            }
            format!("{}: {}", depth_short_label(r.depth), names.join(", "))
        })
        .collect();
    let depth_cells = DEPTHS
        .iter()
        .map(|d| {
            let n = l
                .readers
                .iter()
                .find(|r| r.depth == *d)
                .map_or(0, |r| r.n_users);
            view! { <td class="rp-leak1__num">{if n == 0 { "—".to_string() } else { n.to_string() }}</td> }
        })
        .collect_view();
    let channel_cells = channels
        .iter()
        .map(|p| match l.channels.iter().find(|c| c.privilege == p.name) {
            None => view! { <td class="rp-leak1__num">"—"</td> }.into_any(),
            Some(c) => view! {
                <td class="rp-leak1__num" data-testid=format!("leak-{}-{}", l.table, p.name)
                    title=format!("{} can use {} on {}; one of them reads {}", counted(c.n_users, "user", "users"), p.label, l.table, counted(c.max_records, "record", "records"))>
                    {format!("{} / {}", c.n_users, c.max_records)}
                </td>
            }
            .into_any(),
        })
        .collect_view();
    let n_after_name = 1 + DEPTHS.len() + channels.len().max(1) + 1;
    let who_line = if who.is_empty() {
        "Nobody holds Read on this table.".to_string()
    } else {
        format!("Read through {}", who.join(" · "))
    };
    view! {
        <tr data-risky=risky.to_string() data-testid=format!("leak-row-{}", l.table)>
            <th scope="row" rowspan="2" class="rp-leak1__table-cell">
                <code>{if risky { format!("⚠ {}", l.table) } else { l.table.clone() }}</code>
                {why}
            </th>
            <td class="rp-leak1__num">{l.n_records}</td>
            {depth_cells}
            {channel_cells}
            {channels.is_empty().then(|| view! { <td class="rp-leak1__num">"—"</td> })}
            <td class="rp-leak1__num rp-leak1__most">{l.max_records_exfiltrable}</td>
        </tr>
        <tr class="rp-leak1__who-row" data-risky=risky.to_string()>
            <td colspan=n_after_name.to_string() class="rp-leak1__who" data-testid=format!("leak-roles-{}", l.table)>{who_line}</td>
        </tr>
    }
}
