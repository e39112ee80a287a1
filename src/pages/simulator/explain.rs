//! Check access / Explain: one (user, privilege, record) → the decision, every path as a
//! sentence with rule ids, and for a deny the fixes and what the depth fix would also open up.

use engine::eval::Outcome;
use engine::model::{RecordId, UserId, Verb};
use leptos::prelude::*;
use leptos_router::hooks::query_signal_with_options;

use super::cache::{Shared, cached_memo};
use super::pickers::{RecordPicker, UserPicker, VerbPicker};
use super::queries::{self, Effect, Explanation, display, find_record, find_user};
use super::sandbox::use_sandbox;
use super::see::{SimKey, replace, thousands};
use crate::state::{Workspace, use_app};

#[component]
pub fn CheckAccess(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let app = use_app();
    let sandbox = use_sandbox();
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
    let explanation = cached_memo(
        move || Some((key.get()?, user_id.get()?, verb.get(), record_id.get()?)),
        |((model, data, _), user, verb, record): &(SimKey, UserId, Verb, RecordId)| {
            queries::explain(model, data, *user, *verb, *record)
        },
    );
    // What else the depth fix would open up: the fix applied as a what-if over every user.
    let fix_effect = cached_memo(
        move || {
            let fix = explanation.with(|e| e.as_ref()?.depth_fix)?;
            Some((key.get()?, FixKey(fix)))
        },
        |((model, data, index), fix): &(SimKey, FixKey)| {
            let after = fix.0.apply(model);
            queries::effect(model, &after, data, index, &[fix.0.verb])
        },
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
    let try_fix = move |_| {
        let Some(fix) = explanation.with_untracked(|e| e.as_ref().and_then(|e| e.depth_fix)) else {
            return;
        };
        let label = key.with_untracked(|k| {
            k.as_ref().map(|k| {
                format!(
                    "role {}: {} {} → {}",
                    k.0.role_name(fix.role),
                    k.0.priv_set_name(fix.set),
                    fix.verb.label(),
                    fix.depth.label()
                )
            })
        });
        sandbox.edit(app, label.unwrap_or_default(), move |ws| {
            ws.with_model(fix.apply(&ws.model))
        });
    };
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
                        <h3 class="rp-panel__subtitle">"Fixes"</h3>
                        <ul class="rp-sentences" data-testid="fixes">
                            {e.verdict.fixes.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                    {e.depth_fix.map(|_| view! {
                        <h3 class="rp-panel__subtitle">"What else the role change would open up"</h3>
                        <EffectTable effects=Signal::derive(move || fix_effect.get()) ws=key />
                        <button type="button" class="rp-button" on:click=try_fix>"Try it in the what-if sandbox"</button>
                    })}
                </div>
            })}
        </Show>
    }
}

/// A depth fix as a cache key.
#[derive(Clone, Copy, PartialEq, Eq)]
struct FixKey(queries::DepthFix);

impl std::hash::Hash for FixKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.0.role, self.0.verb, self.0.depth).hash(state);
    }
}

fn question(
    key: Memo<Option<SimKey>>,
    user: Memo<Option<UserId>>,
    verb: Signal<Verb>,
    record: Memo<Option<RecordId>>,
) -> Option<String> {
    let (model, data, _) = key.get()?;
    let user = model.user_name(user.get()?).to_string();
    Some(format!(
        "Can {} {} {}?",
        display(&model, &user),
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
                            let who: Vec<String> = e.users_gaining.iter().map(|(u, n)| format!("{} +{n}", model.user_name(*u)))
                                .chain(e.users_losing.iter().map(|(u, n)| format!("{} −{n}", model.user_name(*u))))
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
