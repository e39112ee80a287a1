//! The pinned checks' verdicts, re-run on every change of the workspace (like SpiceDB's check
//! watches), and the header badge that counts them: icon shape + word + number, never colour
//! alone.

use engine::scenario::{CheckReport, CheckStatus};
use leptos::prelude::*;

use crate::pages::simulator::Shared;
use crate::state::AppState;

/// The check reports of the open workspace, in context.
#[derive(Clone, Copy)]
pub struct CheckReports(pub Memo<Option<Shared<Vec<CheckReport>>>>);

/// Runs the workspace's pinned checks whenever it changes and puts the reports in context.
pub fn provide_check_reports(app: AppState) -> CheckReports {
    let reports = CheckReports(Memo::new(move |_| {
        app.workspace
            .with(|ws| ws.as_ref().map(|ws| Shared::new(ws.run_checks())))
    }));
    provide_context(reports);
    reports
}

/// The check reports, from context.
pub fn use_check_reports() -> CheckReports {
    expect_context::<CheckReports>()
}

/// Passed, failed and skipped counts.
pub fn tally(reports: &[CheckReport]) -> (usize, usize, usize) {
    let count = |status| reports.iter().filter(|r| r.status == status).count();
    (
        count(CheckStatus::Pass),
        count(CheckStatus::Fail),
        count(CheckStatus::Skip),
    )
}

/// "✓ 30 checks pass" or "✗ 2 of 30 checks fail", linking to the checks.
#[component]
pub fn CheckBadge() -> impl IntoView {
    let reports = use_check_reports();
    let state = Memo::new(move |_| {
        let reports = reports.0.get()?;
        let (passed, failed, _) = tally(&reports);
        Some((passed, failed))
    });
    view! {
        {move || state.get().map(|(passed, failed)| {
            let scored = passed + failed;
            let (status, glyph, text) = if scored == 0 {
                ("none", "○", "No pinned checks".to_string())
            } else if failed == 0 {
                ("pass", "✓", format!("{passed} check{} pass", if passed == 1 { "" } else { "s" }))
            } else {
                ("fail", "✗", format!("{failed} of {scored} check{} fail", if scored == 1 { "" } else { "s" }))
            };
            let label = format!("Pinned checks: {text}");
            view! {
                <a class="rp-check-badge" href="/test/checks" data-status=status data-testid="check-badge"
                    aria-label=label>
                    <span class="rp-check-badge__glyph" aria-hidden="true">{glyph}</span>
                    <span>{text}</span>
                </a>
            }
        })}
    }
}
