//! The advisor: lint findings (`engine::lint`) with severity as icon + word, why, the fix, and
//! "suppress with reason" kept in the workspace's suppressions.

use std::sync::Arc;

use engine::lint::{Finding, LintOptions, Severity, Suppression};
use leptos::prelude::*;

use crate::pages::simulator::Shared;
use crate::state::use_app;

#[component]
pub fn Advisor() -> impl IntoView {
    let app = use_app();
    let findings = Memo::new(move |_| {
        app.workspace.with(|w| {
            let w = w.as_ref()?;
            let suppressions: Vec<Suppression> = w
                .suppressions
                .iter()
                .map(|(key, reason)| Suppression::from_key(key, reason))
                .collect();
            let options = LintOptions::with_suppressions(&suppressions);
            Some(Shared::new(engine::lint::run(
                &w.model,
                Some(&w.data),
                &options,
            )))
        })
    });
    let summary = move || {
        let findings = findings.get()?;
        let s = engine::lint::summarize(&findings);
        Some(format!(
            "{} errors · {} warnings · {} infos · {} suppressed",
            s.errors, s.warnings, s.infos, s.suppressed
        ))
    };
    view! {
        <div class="rp-toolbar">
            <p class="rp-toolbar__summary" data-testid="advisor-summary">{summary}</p>
        </div>
        <div class="rp-findings">
            {move || findings.get().map(|f| f.iter().cloned().map(|f| view! { <FindingCard finding=f /> }).collect_view())}
        </div>
    }
}

#[component]
fn FindingCard(finding: Finding) -> impl IntoView {
    let app = use_app();
    let (reason, set_reason) = signal(String::new());
    let key = Suppression {
        lint: finding.lint.to_string(),
        subject: finding.subject.clone(),
        reason: String::new(),
    }
    .key();
    let (glyph, word) = match finding.severity {
        Severity::Error => ("✗", "Error"),
        Severity::Warning => ("⚠", "Warning"),
        Severity::Info => ("ℹ", "Info"),
    };
    let suppress = {
        let key = key.clone();
        move |_| {
            let text = reason.get_untracked();
            if text.trim().is_empty() {
                app.error("suppressing a finding needs a reason");
                return;
            }
            let key = key.clone();
            app.change(format!("Suppress {key}"), move |ws| {
                let mut map = (*ws.suppressions).clone();
                map.insert(key, text.trim().to_string());
                crate::state::Workspace {
                    suppressions: Arc::new(map),
                    ..ws.clone()
                }
            });
        }
    };
    let unsuppress = {
        let key = key.clone();
        move |_| {
            let key = key.clone();
            app.change(format!("Unsuppress {key}"), move |ws| {
                let mut map = (*ws.suppressions).clone();
                map.remove(&key);
                crate::state::Workspace {
                    suppressions: Arc::new(map),
                    ..ws.clone()
                }
            });
        }
    };
    let suppressed = finding.suppressed.clone();
    let is_suppressed = suppressed.is_some().to_string();
    let names = crate::components::use_names();
    view! {
        <article class="rp-finding" data-severity=finding.severity.as_str() data-suppressed=is_suppressed data-testid="finding">
            <header class="rp-finding__head">
                <span class="rp-status" data-status=finding.severity.as_str()><span aria-hidden="true">{glyph}</span>" "{word}</span>
                <code class="rp-finding__lint">{format!("{} {}", finding.lint, finding.slug)}</code>
                <code class="rp-finding__subject">{names.text(&finding.subject)}</code>
            </header>
            <p class="rp-finding__message">{names.text(&finding.message)}</p>
            <p class="rp-finding__why">{names.text(&finding.explanation)}</p>
            <p class="rp-finding__fix"><strong>"Fix: "</strong>{names.text(&finding.fix)}</p>
            {match suppressed {
                Some(r) => view! {
                    <p class="rp-finding__suppressed">"Suppressed: "{r}" "
                        <button type="button" class="rp-button rp-button--small" on:click=unsuppress>"Unsuppress"</button></p>
                }.into_any(),
                None => view! {
                    <div class="rp-finding__suppress">
                        <input class="rp-field__input" type="text" placeholder="Reason for accepting this finding"
                            aria-label=format!("Reason to suppress {key}")
                            prop:value=move || reason.get() on:input:target=move |ev| set_reason.set(ev.target().value()) />
                        <button type="button" class="rp-button rp-button--small" on:click=suppress>"Suppress"</button>
                    </div>
                }.into_any(),
            }}
        </article>
    }
}
