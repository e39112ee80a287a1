//! What the user sees of saving: the header's save state, the storage banners (no IndexedDB,
//! read-only because another tab saved, storage full, unreadable rows) and the Ctrl+S
//! snapshot prompt.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::download_text;
use crate::state::persist::{SaveStatus, StorageMode, use_persist};
use crate::state::{use_app, workspace_list};

/// "Saved · 12:04", "Saving…" or "Not saved: …" for the header, announced politely.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let persist = use_persist();
    let state = move || match persist.status.get() {
        SaveStatus::Saved { .. } => "saved",
        SaveStatus::Saving | SaveStatus::Restoring => "busy",
        SaveStatus::NothingOpen => "idle",
        _ => "error",
    };
    view! {
        <span class="rp-save" data-state=state data-testid="save-status" role="status" aria-live="polite"
            title=move || match persist.status.get() {
                SaveStatus::NotSaved { reason, .. } => reason,
                other => other.label(),
            }>
            <span class="rp-save__dot" aria-hidden="true"></span>
            {move || persist.status.get().label()}
        </span>
    }
}

/// Megabytes with one decimal.
pub fn megabytes(bytes: f64) -> String {
    let mb = bytes / 1_000_000.0;
    if mb >= 1_000.0 {
        format!("{:.1} GB", mb / 1_000.0)
    } else if mb >= 0.1 {
        format!("{mb:.1} MB")
    } else {
        format!("{:.0} kB", (bytes / 1_000.0).max(1.0))
    }
}

/// Offers the open workspace as a `rampart-model` JSON download (records included).
pub fn export_workspace(app: crate::state::AppState) {
    let Some(workspace) = app.workspace.get_untracked() else {
        return;
    };
    let file = model_file_name(&workspace.name);
    if let Err(err) = download_text(&file, "application/json", &workspace.to_json(true)) {
        app.error(err);
    }
}

/// The file name a model called `name` is downloaded as.
pub fn model_file_name(name: &str) -> String {
    format!("{}.rampart.json", slug(name))
}

/// A file-name-safe version of a name.
pub fn slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "workspace".into()
    } else {
        slug
    }
}

/// Banners for storage trouble, each saying what happened and that saved work is intact, and
/// the Ctrl+S snapshot prompt. Mounted once, above the routed view.
#[component]
pub fn StorageBanners() -> impl IntoView {
    let persist = use_persist();
    let app = use_app();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
            ev.prevent_default();
            if app.workspace.with_untracked(Option::is_some) {
                persist.snapshot_prompt.set(true);
            }
        }
    });
    on_cleanup(move || handle.remove());

    let memory = move || match persist.mode.get() {
        StorageMode::Memory(reason) => Some(view! {
            <div class="rp-banner rp-banner--warning" role="alert" data-testid="banner-memory">
                <strong>"Changes are kept in this tab only. "</strong>
                {format!("Browser storage is unavailable ({reason}). ")}
                "Export the model as JSON to keep it."
                <button type="button" class="rp-banner__action" on:click=move |_| export_workspace(app)>
                    "Export JSON"
                </button>
            </div>
        }),
        _ => None,
    };
    let read_only = move || {
        app.read_only.get().map(|reason| view! {
            <div class="rp-banner rp-banner--warning" role="alert" data-testid="banner-read-only">
                <strong>"Read-only. "</strong>
                {reason}
                <button type="button" class="rp-banner__action"
                    on:click=|_| { let _ = window().location().reload(); }>
                    "Reload"
                </button>
                <button type="button" class="rp-banner__action rp-banner__action--quiet"
                    on:click=move |_| export_workspace(app)>
                    "Export this tab's version"
                </button>
            </div>
        })
    };
    let quota = move || match persist.status.get() {
        SaveStatus::NotSaved { reason, quota } => {
            let usage = persist.estimate.get().map(|e| {
                format!(
                    " This site uses {} of {}.",
                    megabytes(e.usage),
                    megabytes(e.quota)
                )
            });
            Some(view! {
                <div class="rp-banner rp-banner--error" role="alert" data-testid="banner-not-saved">
                    <strong>"Not saved. "</strong>
                    {reason}"."
                    {usage}
                    {quota.then_some(" Delete workspaces you no longer need, or export this one as JSON.")}
                    <button type="button" class="rp-banner__action" on:click=move |_| export_workspace(app)>
                        "Export JSON"
                    </button>
                    <button type="button" class="rp-banner__action rp-banner__action--quiet"
                        on:click=move |_| spawn_local(async move { persist.save_now().await })>
                        "Try again"
                    </button>
                </div>
            })
        }
        _ => None,
    };
    let problems = move || {
        let problems = persist.problems.get();
        (!problems.is_empty()).then(|| view! {
            <div class="rp-banner rp-banner--warning" role="alert" data-testid="banner-problems">
                <strong>"Some saved data could not be read. "</strong>
                <ul class="rp-banner__list">
                    {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
                <button type="button" class="rp-banner__action rp-banner__action--quiet"
                    on:click=move |_| persist.problems.set(Vec::new())>
                    "Dismiss"
                </button>
            </div>
        })
    };
    view! {
        <div class="rp-banners">
            {memory}
            {read_only}
            {quota}
            {problems}
        </div>
        <SnapshotPrompt />
    }
}

/// The dialog Ctrl+S opens: name the snapshot, Enter saves it, Esc closes.
#[component]
fn SnapshotPrompt() -> impl IntoView {
    let persist = use_persist();
    let app = use_app();
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if persist.snapshot_prompt.get() {
            name.set(String::new());
            message.set(None);
            request_animation_frame(move || {
                if let Some(input) = input.get_untracked() {
                    let _ = input.focus();
                }
            });
        }
    });
    let take = move || {
        let label = name.get_untracked();
        spawn_local(async move {
            match workspace_list::take_snapshot(persist, app, &label).await {
                Ok(meta) => {
                    persist.snapshot_prompt.set(false);
                    app.info(format!("Snapshot “{}” saved", meta.name));
                }
                Err(err) => message.set(Some(err.to_string())),
            }
        });
    };
    move || {
        persist.snapshot_prompt.get().then(|| view! {
            <div class="rp-dialog__backdrop" on:click=move |_| persist.snapshot_prompt.set(false)></div>
            <div class="rp-dialog" role="dialog" aria-modal="true" aria-labelledby="rp-snapshot-title"
                data-testid="snapshot-dialog"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        persist.snapshot_prompt.set(false);
                    }
                }>
                <h2 class="rp-dialog__title" id="rp-snapshot-title">"Take a snapshot"</h2>
                <p class="rp-dialog__text">
                    "A named version of this workspace, kept in this browser. Restore it later from "
                    <a href="/workspaces" on:click=move |_| persist.snapshot_prompt.set(false)>"Workspaces"</a>
                    ", or compare it in Diff."
                </p>
                <form on:submit=move |ev| { ev.prevent_default(); take(); }>
                    <label class="rp-field">
                        <span class="rp-field__label">"Name"</span>
                        <input class="rp-field__input" type="text" node_ref=input
                            placeholder="e.g. before workshop"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev)) />
                    </label>
                    {move || message.get().map(|m| view! { <p class="rp-field__error" role="alert">{m}</p> })}
                    <div class="rp-dialog__actions">
                        <button type="button" class="rp-button"
                            on:click=move |_| persist.snapshot_prompt.set(false)>"Cancel"</button>
                        <button type="submit" class="rp-button rp-button--primary">"Save snapshot"</button>
                    </div>
                </form>
            </div>
        })
    }
}
