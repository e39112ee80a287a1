//! Check access / Explain: one (user, privilege, record) → the decision, every path as a
//! sentence with rule ids, and for a deny the smallest fixes, each with what else it would open
//! up (the engine's `query::fix_effect`) and a way to try it in the what-if sandbox.

use engine::eval::Outcome;
use engine::model::{RecordId, UserId, Verb};
use engine::query::Fix;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{query_signal_with_options, use_navigate};

use super::cache::{Shared, cached_memo};
use super::pickers::{RecordPicker, UserPicker, VerbPicker};
use super::queries::{self, Effect, Explanation, FixRow, display, find_record, find_user};
use super::sandbox::use_sandbox;
use super::see::{SimKey, replace};
use crate::state::{Workspace, use_app};
use crate::text::thousands;

#[component]
pub fn CheckAccess(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let app = use_app();
    let sandbox = use_sandbox();
    let navigate = use_navigate();
    let (user, set_user) = query_signal_with_options::<String>("user", replace());
    let (record, set_record) = query_signal_with_options::<String>("record", replace());
    let (verb_q, set_verb) = query_signal_with_options::<String>("verb", replace());
    let verb = Signal::derive(move || {
        verb_q
            .get()
            .and_then(|v| Verb::parse(&v))
            .unwrap_or(Verb::Read)
    });
    let key = Memo::new(move |_| -> Option<SimKey> {
        let ws = ws.get()?;
        Some((
            Shared(ws.model.clone()),
            Shared(ws.data.clone()),
            Shared(ws.index.clone()),
        ))
    });
    let user_id = Memo::new(move |_| {
        let name = user.get()?;
        key.with(|k| find_user(&k.as_ref()?.0, &name))
    });
    let record_id = Memo::new(move |_| {
        let name = record.get()?;
        key.with(|k| find_record(&k.as_ref()?.1, &name))
    });
    let names = crate::components::use_names();
    let explanation = cached_memo(
        move || {
            let (model, data, index) = key.get()?;
            let shown = (Shared(names.model(&model.0)), data, index);
            Some((shown, user_id.get()?, verb.get(), record_id.get()?))
        },
        |((model, data, _), user, verb, record): &(SimKey, UserId, Verb, RecordId)| {
            queries::explain(model, data, *user, *verb, *record)
        },
    );
    // What else each fix would open up: the fix applied to a copy, compared over every user.
    let fix_rows = cached_memo(
        move || {
            let fixes = explanation.with(|e| e.as_ref().map(|e| e.fixes.clone()))?;
            (!fixes.is_empty()).then_some(())?;
            Some((
                key.get()?,
                user_id.get()?,
                verb.get(),
                record_id.get()?,
                fixes,
            ))
        },
        |((model, data, index), user, verb, record, fixes): &(
            SimKey,
            UserId,
            Verb,
            RecordId,
            Vec<Fix>,
        )| queries::fix_rows(model, data, index, *user, *verb, *record, fixes),
    );
    let pin = move |_| {
        let (Some((model, data, _)), Some(user), Some(record), Some(e)) = (
            key.get_untracked(),
            user_id.get_untracked(),
            record_id.get_untracked(),
            explanation.get_untracked(),
        ) else {
            return;
        };
        let check = queries::pinned_check(
            &model,
            &data,
            user,
            verb.get_untracked(),
            record,
            e.verdict.outcome,
        );
        app.change("Pin check", move |ws| {
            let mut checks = (*ws.checks).clone();
            checks.push(check);
            ws.with_checks(checks)
        });
        app.info("Pinned: the check runs on every change (Test → Pinned checks)");
    };
    let try_fix = Callback::new(move |row: FixRow| {
        let label = key.with_untracked(|k| {
            k.as_ref()
                .map(|k| row.fix.describe(&k.0, &k.1))
                .unwrap_or_default()
        });
        let fix = row.fix;
        sandbox.edit(app, label, move |ws| match fix {
            Fix::RoleDepth { .. } => ws.with_model(fix.apply_to_model(&ws.model)),
            Fix::Share { .. } => ws.with_data(fix.apply_to_data(&ws.data)),
        });
        if matches!(fix, Fix::Share { .. }) {
            for r in &row.touched {
                sandbox.touch_record(*r);
            }
        }
        navigate("/simulate/what-if", NavigateOptions::default());
    });
    view! {
        <div class="rp-toolbar">
            <UserPicker ws value=user on_change=Callback::new(move |u| set_user.set(u)) />
            <VerbPicker value=verb verbs=&Verb::ALL
                on_change=Callback::new(move |v: Verb| set_verb.set(Some(v.as_str().to_string()))) />
            <RecordPicker ws value=record on_change=Callback::new(move |r| set_record.set(r)) />
        </div>
        <Show
            when=move || explanation.with(Option::is_some)
            fallback=|| view! {
                <div class="rp-panel rp-empty">
                    <p class="rp-panel__text">"Pick a user, a privilege and a record: Rampart answers allow or deny, names every path with its rule ids, and for a deny the smallest fixes."</p>
                </div>
            }
        >
            {move || explanation.get().map(|e| view! {
                <div class="rp-panel rp-verdict" data-outcome=e.verdict.outcome.as_str() data-testid="verdict">
                    <div class="rp-verdict__head">
                        <OutcomeMark outcome=e.verdict.outcome />
                        <p class="rp-verdict__question">{move || question(key, user_id, verb, record_id)}</p>
                        <button type="button" class="rp-button rp-button--primary" on:click=pin data-testid="pin">"Pin"</button>
                    </div>
                    <Sentences e=e.clone() />
                    {(!e.verdict.fixes.is_empty()).then(|| view! {
                        <h3 class="rp-panel__subtitle">"Smallest changes that would grant it, and what else each opens up"</h3>
                        <Show when=move || fix_rows.with(Option::is_some)
                            fallback=|| view! { <p class="rp-panel__text" role="status">"Measuring each change over every user…"</p> }>
                            <ol class="rp-fixes" data-testid="fixes">
                                {move || fix_rows.get().map(|rows| rows.iter().cloned().enumerate().map(|(i, row)| {
                                    let effects: Shared<Vec<Effect>> = Shared::new(row.effects.clone());
                                    let try_row = row.clone();
                                    view! {
                                        <li class="rp-fix" data-testid=format!("fix-{i}")>
                                            <p class="rp-fix__change">{row.sentence.clone()}</p>
                                            <p class="rp-fix__effect" data-grants=row.grants.to_string() data-testid=format!("fix-{i}-summary")>
                                                "→ "{row.summary.clone()}
                                            </p>
                                            <EffectTable effects=Signal::derive(move || Some(effects.clone())) ws=key />
                                            <button type="button" class="rp-button" data-testid=format!("fix-{i}-try")
                                                on:click=move |_| try_fix.run(try_row.clone())>"Try in what-if sandbox"</button>
                                        </li>
                                    }
                                }).collect_view())}
                            </ol>
                        </Show>
                    })}
                </div>
            })}
        </Show>
    }
}

fn question(
    key: Memo<Option<SimKey>>,
    user: Memo<Option<UserId>>,
    verb: Signal<Verb>,
    record: Memo<Option<RecordId>>,
) -> Option<String> {
    let (model, data, _) = key.get()?;
    let user = crate::components::use_names().user(&model, user.get()?);
    Some(format!(
        "Can {} {} {}?",
        user,
        verb.get().label().to_lowercase(),
        queries::record_label(&data, record.get()?)
    ))
}

#[component]
fn Sentences(e: Shared<Explanation>) -> impl IntoView {
    view! {
        <ul class="rp-sentences" data-testid="paths">
            {e.sentences.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
        </ul>
    }
}

/// Allow / deny as icon shape plus word, never colour alone.
#[component]
pub fn OutcomeMark(outcome: Outcome) -> impl IntoView {
    let (glyph, word) = match outcome {
        Outcome::Allow | Outcome::Visible => ("✓", outcome.as_str()),
        Outcome::Deny | Outcome::Hidden => ("✗", outcome.as_str()),
        Outcome::Error => ("⚠", "error"),
    };
    view! {
        <span class="rp-outcome" data-outcome=outcome.as_str() data-testid="outcome">
            <span aria-hidden="true">{glyph}</span>" "{word}
        </span>
    }
}

/// Per table and verb: users gaining and losing access, with signed record counts.
#[component]
pub fn EffectTable(
    /// The effects (engine what-if), shared.
    #[prop(into)]
    effects: Signal<Option<Shared<Vec<Effect>>>>,
    /// The workspace parts, for names.
    ws: Memo<Option<SimKey>>,
) -> impl IntoView {
    let names = crate::components::use_names();
    view! {
        {move || {
            let model = ws.get()?.0;
            let effects = effects.get()?;
            if effects.is_empty() {
                return Some(view! { <p class="rp-panel__text" data-testid="effect-none">"No user gains or loses access to any record."</p> }.into_any());
            }
            Some(view! {
                <table class="rp-table rp-table--numbers" data-testid="effect-table">
                    <thead>
                        <tr>
                            <th scope="col">"Table"</th>
                            <th scope="col">"Privilege"</th>
                            <th scope="col">"Users gaining"</th>
                            <th scope="col">"Records gained"</th>
                            <th scope="col">"Users losing"</th>
                            <th scope="col">"Records lost"</th>
                            <th scope="col">"Who"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {effects.iter().map(|e| {
                            let who: Vec<String> = e.users_gaining.iter().map(|(u, n)| format!("{} +{n}", names.user(&model, *u)))
                                .chain(e.users_losing.iter().map(|(u, n)| format!("{} −{n}", names.user(&model, *u))))
                                .collect();
                            view! {
                                <tr>
                                    <th scope="row">{display(&model, model.table_name(e.table)).to_string()}</th>
                                    <td>{e.verb.map(|v| v.label())}</td>
                                    <td>{e.users_gaining.len()}</td>
                                    <td class="rp-delta" data-sign="plus">{format!("+{}", thousands(e.gained))}</td>
                                    <td>{e.users_losing.len()}</td>
                                    <td class="rp-delta" data-sign="minus">{format!("−{}", thousands(e.lost))}</td>
                                    <td class="rp-table__muted rp-table__wrap">{who.join(", ")}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any())
        }}
    }
}
