//! "Export visible records (CSV)" on What can X see: every record the user can read, one row
//! each with its table, id, owner, owning business unit and the access path that lets them
//! ([`engine::csv::visible_records`]).

use engine::model::{UserId, Verb};
use leptos::prelude::*;

use super::see::SimKey;
use crate::components::{download_text, slug};
use crate::text::thousands;

/// The button, with the number of records the reach table counts for Read.
#[component]
pub fn ExportVisible(
    /// The simulated model, data and index.
    key: Memo<Option<SimKey>>,
    /// The user.
    user: Memo<Option<UserId>>,
    /// Records readable across all tables, as the reach table counts them.
    count: Signal<Option<usize>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let export = move |_| {
        let (Some((model, data, index)), Some(user)) = (key.get_untracked(), user.get_untracked())
        else {
            return;
        };
        let (csv, _) = engine::csv::visible_records(&model, &data, &index, user, Verb::Read);
        let file = format!("{}.visible-records.csv", slug(model.user_name(user)));
        error.set(download_text(&file, "text/csv", &csv).err());
    };
    view! {
        <div class="rp-toolbar rp-sim__export">
            <button type="button" class="rp-button" data-testid="export-visible" on:click=export>
                "Export visible records (CSV)"
            </button>
            <span class="rp-field__hint" data-testid="visible-total">
                {move || count.get().map(|n| format!("{} records readable across all tables", thousands(n)))}
            </span>
            {move || error.get().map(|e| view! { <span class="rp-field__hint" role="alert">{e}</span> })}
        </div>
    }
}
