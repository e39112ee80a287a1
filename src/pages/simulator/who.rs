//! Who can see record R: every user with a right on the record, one column per privilege, and the
//! chosen privilege's paths grouped by kind (teams expanded; hierarchy managers included and
//! marked, since Microsoft's Who has access omits them, HIER-11).

use std::collections::BTreeMap;

use engine::eval::Reason;
use engine::model::{RecordId, Verb};
use leptos::prelude::*;
use leptos_router::hooks::query_signal_with_options;

use super::cache::{Shared, cached_memo};
use super::pickers::{RecordPicker, VerbPicker};
use super::queries::{self, display, find_record, record_label, user_label};
use super::see::{SimKey, replace};
use crate::components::ReasonChip;
use crate::state::Workspace;

#[component]
pub fn WhoCanSee(ws: Memo<Option<Workspace>>) -> impl IntoView {
    let (record, set_record) = query_signal_with_options::<String>("record", replace());
    let (verb_q, set_verb) = query_signal_with_options::<String>("verb", replace());
    let verb = Signal::derive(move || {
        verb_q
            .get()
            .and_then(|v| Verb::parse(&v))
            .unwrap_or(Verb::Read)
    });
    // While names are hidden the whole view (names, sentences) reads the pseudonymised model.
    let names = crate::components::use_names();
    let key = Memo::new(move |_| -> Option<SimKey> {
        let ws = ws.get()?;
        Some((
            Shared(names.model(&ws.model)),
            Shared(ws.data.clone()),
            Shared(ws.index.clone()),
        ))
    });
    let record_id = Memo::new(move |_| {
        let name = record.get()?;
        key.with(|k| find_record(&k.as_ref()?.1, &name))
    });
    let rows = cached_memo(
        move || Some((key.get()?, record_id.get()?, verb.get())),
        |((model, data, _), record, verb): &(SimKey, RecordId, Verb)| {
            queries::who_can(model, data, *record, *verb)
        },
    );
    let title = move || {
        let (_, data, _) = key.get()?;
        let n = rows.with(|r| {
            r.as_ref().map(|r| {
                r.iter()
                    .filter(|row| row.verbs[verb.get().index()].is_some())
                    .count()
            })
        })?;
        Some(format!(
            "{n} user{} can {} {}",
            if n == 1 { "" } else { "s" },
            verb.get().label().to_lowercase(),
            record_label(&data, record_id.get()?)
        ))
    };
    view! {
        <div class="rp-toolbar">
            <RecordPicker ws value=record on_change=Callback::new(move |r| set_record.set(r)) />
            <VerbPicker value=verb verbs=&Verb::ALL
                on_change=Callback::new(move |v: Verb| set_verb.set(Some(v.as_str().to_string()))) />
        </div>
        <Show
            when=move || record_id.get().is_some()
            fallback=|| view! {
                <div class="rp-panel rp-empty">
                    <p class="rp-panel__text">"Search for a record to list every user who can act on it, and how."</p>
                </div>
            }
        >
            <div class="rp-panel">
                <h2 class="rp-panel__title" data-testid="who-summary">{title}</h2>
                <div class="rp-table-scroll">
                <table class="rp-table" data-testid="who-table">
                    <thead>
                        <tr>
                            <th scope="col">"User"</th>
                            {Verb::ALL.iter().map(|v| view! { <th scope="col">{v.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let model = key.get()?.0;
                            let rows = rows.get()?;
                            Some(rows.iter().map(|row| {
                                let cells = row.verbs.iter().map(|r| view! {
                                    <td>{r.map(|reason| view! { <ReasonChip reason /> })}
                                        {r.is_none().then(|| view! { <span class="rp-table__muted">"—"</span> })}</td>
                                }).collect_view();
                                view! {
                                    <tr data-hierarchy=row.hierarchy_only.to_string()>
                                        <th scope="row" class="rp-table__user">
                                            {display(&model, model.user_name(row.user)).to_string()}
                                            {names.user_id(&model, row.user).map(|id| view! { <span class="rp-table__id">{id}</span> })}
                                        </th>
                                        {cells}
                                    </tr>
                                }
                            }).collect_view())
                        }}
                    </tbody>
                </table>
                </div>
            </div>
            <div class="rp-panel">
                <h2 class="rp-panel__title">{move || format!("{} paths, by kind", verb.get().label())}</h2>
                {move || {
                    let model = key.get()?.0;
                    let rows = rows.get()?;
                    let mut groups: BTreeMap<Reason, BTreeMap<String, (Vec<String>, bool)>> = BTreeMap::new();
                    for row in rows.iter() {
                        for (reason, sentence) in &row.paths {
                            groups
                                .entry(*reason)
                                .or_default()
                                .entry(user_label(&model, row.user))
                                .or_insert_with(|| (Vec::new(), row.hierarchy_only))
                                .0
                                .push(sentence.clone());
                        }
                    }
                    Some(groups.into_iter().map(|(reason, users)| view! {
                        <section class="rp-group">
                            <h3 class="rp-group__title"><ReasonChip reason />
                                {format!(" {} user{}", users.len(), if users.len() == 1 { "" } else { "s" })}
                                {(reason == Reason::Hierarchy).then(|| view! {
                                    <span class="rp-group__note">"Not listed by Microsoft's Who has access (HIER-11)"</span>
                                })}
                            </h3>
                            <ul class="rp-group__list">
                                {users.into_iter().map(|(user, (sentences, hierarchy_only))| view! {
                                    <li>
                                        <strong>{user}</strong>
                                        {hierarchy_only.then(|| view! { <span class="rp-chip rp-chip--hierarchy">"manager, via hierarchy only"</span> })}
                                        <ul class="rp-sentences">{sentences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view())
                }}
            </div>
        </Show>
    }
}
