//! Keeping the open workspace in the browser: restore at start, autosave after every change,
//! the save status the header shows, and what happens when another tab saves the same
//! workspace.
//!
//! - **Autosave**: 500 ms after the open workspace last changed, the model document (and the
//!   records, only when they changed) are written in one IndexedDB transaction; a failed or
//!   interrupted save leaves the previous version in place.
//! - **Other tabs**: each save is announced on a `BroadcastChannel`. A tab whose open workspace
//!   was saved elsewhere turns read-only and offers a reload; nothing is overwritten silently.
//! - **No IndexedDB** (private mode, disabled storage): the app runs in memory and says so.
//! - **`?fresh`**: nothing saved earlier is restored or listed (workshops on a shared machine).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use engine::data::Dataset;
use indexed_db_futures::database::Database;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::{AppState, Workspace};
use crate::storage::{self, SaveRequest, StorageError, StorageEstimate, WorkspaceMeta};

/// How long after the last change a save starts.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(500);
/// Name of the channel tabs announce saves on.
const CHANNEL: &str = "rampart-saves";

/// What the header says about saving.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing is open, so nothing to save.
    NothingOpen,
    /// The last open workspace is being read back.
    Restoring,
    /// A save is under way.
    Saving,
    /// Everything is saved; the last save finished at this time (ms since the epoch).
    Saved {
        /// When.
        at_ms: f64,
    },
    /// The last save failed; earlier saves are intact.
    NotSaved {
        /// The storage error's message.
        reason: String,
        /// Whether storage is full (the banner then shows usage and offers an export).
        quota: bool,
    },
    /// Browser storage is unavailable; changes live in this tab only.
    InMemory,
    /// Another tab saved this workspace; this tab no longer saves it.
    ReadOnly,
}

impl SaveStatus {
    /// The short text of the header ("Saved · 12:04", "Saving…", "Not saved: …").
    pub fn label(&self) -> String {
        match self {
            SaveStatus::NothingOpen => "Nothing open".to_string(),
            SaveStatus::Restoring => "Opening…".to_string(),
            SaveStatus::Saving => "Saving…".to_string(),
            SaveStatus::Saved { at_ms } => format!("Saved · {}", clock(*at_ms)),
            SaveStatus::NotSaved { reason, .. } => format!("Not saved: {}", short_reason(reason)),
            SaveStatus::InMemory => "Not saved: browser storage unavailable".to_string(),
            SaveStatus::ReadOnly => "Not saved: read-only (changed in another tab)".to_string(),
        }
    }
}

fn short_reason(reason: &str) -> &str {
    reason.split(';').next().unwrap_or(reason)
}

/// `HH:MM` in local time.
pub fn clock(at_ms: f64) -> String {
    let date = js_sys::Date::new(&at_ms.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Where workspaces are kept this session.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageMode {
    /// The database is being opened.
    Opening,
    /// IndexedDB works.
    Browser,
    /// IndexedDB failed to open; the reason.
    Memory(String),
}

/// What was last written, to skip saves that would change nothing and to write the records
/// only when they changed.
struct Saved {
    meta: WorkspaceMeta,
    document: String,
    data: Arc<Dataset>,
}

#[derive(Default)]
struct Inner {
    db: Option<Database>,
    saved: Option<Saved>,
    timer: Option<TimeoutHandle>,
    saving: bool,
    again: bool,
    channel: Option<web_sys::BroadcastChannel>,
}

/// Persistence of the open workspace, in context (`use_persist`). `Copy`.
#[derive(Clone, Copy)]
pub struct Persist {
    /// What the header shows.
    pub status: RwSignal<SaveStatus>,
    /// IndexedDB or memory.
    pub mode: RwSignal<StorageMode>,
    /// Opened with `?fresh`: earlier workspaces are neither restored nor listed.
    pub fresh: bool,
    /// Bumped whenever the saved list may have changed (lists reload on it).
    pub revision: RwSignal<u64>,
    /// Workspaces created or opened in this session (all that `?fresh` lists).
    pub session_ids: RwSignal<BTreeSet<String>>,
    /// Whether the browser keeps this origin's data persistently (`None`: cannot tell).
    pub persisted: RwSignal<Option<bool>>,
    /// Storage use, refreshed after saves fail and on the Workspaces view.
    pub estimate: RwSignal<Option<StorageEstimate>>,
    /// The "name this snapshot" prompt (Ctrl+S) is open.
    pub snapshot_prompt: RwSignal<bool>,
    /// Problems met while reading saved data (skipped rows, each naming its key).
    pub problems: RwSignal<Vec<String>>,
    pub(crate) app: AppState,
    tab: StoredValue<String>,
    inner: StoredValue<Inner, LocalStorage>,
}

/// The persistence context.
pub fn use_persist() -> Persist {
    expect_context::<Persist>()
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A new workspace id: time plus randomness, safe as an IndexedDB key prefix.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("ws-{:x}-{random:08x}", now_ms() as u64)
}

/// The query string's parameters (`?fresh`, `?demo=…`).
fn query_flag(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == name).then(|| value.to_string())
        })
}

fn pathname() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

impl Persist {
    /// Creates the context, opens `?demo=…` at once if asked, then in the background opens the
    /// database, restores the last open workspace and starts autosaving.
    pub fn provide(app: AppState) -> Persist {
        let persist = Persist {
            status: RwSignal::new(SaveStatus::Restoring),
            mode: RwSignal::new(StorageMode::Opening),
            fresh: query_flag("fresh").is_some(),
            revision: RwSignal::new(0),
            session_ids: RwSignal::new(BTreeSet::new()),
            persisted: RwSignal::new(None),
            estimate: RwSignal::new(None),
            snapshot_prompt: RwSignal::new(false),
            problems: RwSignal::new(Vec::new()),
            app,
            tab: StoredValue::new(new_id()),
            inner: StoredValue::new_local(Inner::default()),
        };
        provide_context(persist);
        if let Some(demo_id) = query_flag("demo") {
            let demo = engine::demo::DEMO_ORGS
                .iter()
                .find(|d| d.id == demo_id)
                .or_else(|| engine::demo::DEMO_ORGS.first());
            if let Some(demo) = demo {
                persist.open_demo(demo);
            }
        }
        Effect::new(move |_| {
            app.workspace.track();
            persist.schedule();
        });
        // Leaving or reloading the page saves what the timer has not saved yet.
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
            spawn_local(async move { persist.flush().await });
        });
        // The listener lives as long as the app.
        std::mem::forget(on_hide);
        spawn_local(async move { persist.start(storage::DB_NAME).await });
        persist
    }

    /// Id of the open workspace.
    pub fn app_open_id(&self) -> Option<String> {
        self.app
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| w.id.clone()))
    }

    /// Whether the context still exists (the app was not unmounted during an `.await`).
    fn alive(&self) -> bool {
        !self.inner.is_disposed() && !self.app.workspace.is_disposed()
    }

    /// The database, when it opened.
    pub fn db(&self) -> Option<Database> {
        self.inner
            .try_with_value(|inner| inner.db.clone())
            .flatten()
    }

    async fn start(self, name: &str) {
        let opened = storage::open(name).await;
        if !self.alive() {
            return;
        }
        let db = match opened {
            Ok(db) => db,
            Err(err) => {
                self.mode.set(StorageMode::Memory(err.to_string()));
                self.status.set(SaveStatus::InMemory);
                self.open_default_for_deep_link();
                return;
            }
        };
        self.inner.update_value(|inner| inner.db = Some(db.clone()));
        self.mode.set(StorageMode::Browser);
        self.listen_to_other_tabs();
        self.purge_trash(&db).await;
        if !self.alive() {
            return;
        }
        let restore = self.app.workspace.get_untracked().is_none() && !self.fresh;
        let last_open = if restore {
            storage::last_open(&db).await.ok().flatten()
        } else {
            None
        };
        if let Some(id) = last_open {
            let loaded = self.load(&id).await;
            if !self.alive() {
                return;
            }
            match loaded {
                Ok(workspace) => self.app.open(workspace),
                Err(StorageError::NotFound { .. }) => {}
                Err(err) => self
                    .app
                    .error(format!("The last open workspace did not open: {err}")),
            }
        }
        self.open_default_for_deep_link();
        self.status.set(match self.app.workspace.get_untracked() {
            Some(_) => SaveStatus::Saved { at_ms: now_ms() },
            None => SaveStatus::NothingOpen,
        });
        // The restored workspace may have changed while the database was opening (a `?demo`).
        self.schedule();
        let persisted = storage::persist().await;
        let estimate = storage::estimate().await;
        if self.alive() {
            self.persisted.set(persisted);
            self.estimate.set(estimate);
        }
    }

    /// A link straight into a view (not `/`, the Workspaces view or the benchmark) with
    /// nothing to restore opens the default demo, so the view has a model to show.
    fn open_default_for_deep_link(&self) {
        if self.app.workspace.get_untracked().is_some() {
            return;
        }
        let path = pathname();
        let start_pages = ["/", "", "/workspaces", "/bench"];
        if let (false, Some(demo)) = (
            start_pages.contains(&path.as_str()),
            engine::demo::DEMO_ORGS.first(),
        ) {
            self.open_demo(demo);
        }
    }

    async fn purge_trash(&self, db: &Database) {
        if let Ok(listing) = storage::list_workspaces(db).await {
            for meta in listing.trashed {
                let _ = storage::delete_workspace(db, &meta.id).await;
            }
        }
    }

    /// Reads workspace `id` from storage and decodes it; the saved name wins over the
    /// document's. Remembers it as saved, so opening it does not write it again.
    pub async fn load(&self, id: &str) -> Result<Workspace, StorageError> {
        let db = self.db().ok_or(StorageError::Unavailable)?;
        let stored = storage::read_workspace(&db, id).await?;
        if !self.alive() {
            return Err(StorageError::Aborted);
        }
        let decoded = storage::decode_workspace(id, &stored.document, &stored.chunks)?;
        if !decoded.skipped.is_empty() {
            let names: Vec<String> = decoded.skipped.iter().map(|e| e.to_string()).collect();
            self.problems.update(|p| p.extend(names));
        }
        let mut workspace = decoded.into_workspace();
        workspace.name = stored.meta.name.clone();
        self.inner.update_value(|inner| {
            inner.saved = Some(Saved {
                meta: stored.meta.clone(),
                document: workspace.to_json(false),
                data: workspace.data.clone(),
            });
        });
        self.session_ids.update(|ids| {
            ids.insert(id.to_string());
        });
        Ok(workspace)
    }

    /// Opens a shipped demo organisation as a new workspace.
    pub fn open_demo(&self, demo: &engine::demo::DemoOrg) {
        match Workspace::from_demo(demo) {
            Ok(mut workspace) => {
                workspace.id = new_id();
                self.open_new(workspace);
            }
            Err(err) => self.app.error(err),
        }
    }

    /// Opens a workspace that is not saved yet; autosave writes it shortly.
    pub fn open_new(&self, workspace: Workspace) {
        self.session_ids.update(|ids| {
            ids.insert(workspace.id.clone());
        });
        self.app.open(workspace);
    }

    /// Saves the open workspace now if it changed since the last save (before switching
    /// workspaces, after a rename, when the page is hidden), instead of waiting for the timer.
    pub async fn flush(&self) {
        let pending = self
            .inner
            .try_update_value(|inner| inner.timer.take())
            .flatten();
        if let Some(timer) = pending {
            timer.clear();
        }
        self.save_now().await;
    }

    /// Starts (or restarts) the autosave timer.
    fn schedule(&self) {
        if self.app.workspace.with_untracked(Option::is_none) {
            return;
        }
        let writable = self.mode.get_untracked() == StorageMode::Browser
            && self.app.read_only.get_untracked().is_none();
        if writable && matches!(self.status.get_untracked(), SaveStatus::Saved { .. }) {
            self.status.set(SaveStatus::Saving);
        }
        let persist = *self;
        let handle = set_timeout_with_handle(
            move || {
                if !persist.alive() {
                    return;
                }
                persist.inner.update_value(|inner| inner.timer = None);
                spawn_local(async move { persist.save_now().await });
            },
            AUTOSAVE_DELAY,
        )
        .ok();
        let previous = self
            .inner
            .try_update_value(|inner| std::mem::replace(&mut inner.timer, handle))
            .flatten();
        if let Some(previous) = previous {
            previous.clear();
        }
    }

    /// Saves the open workspace if it differs from what was last saved; when a save is
    /// already running, runs once more after it.
    pub async fn save_now(&self) {
        if !self.alive() {
            return;
        }
        let busy = self
            .inner
            .try_update_value(|inner| {
                if inner.saving {
                    inner.again = true;
                    true
                } else {
                    inner.saving = true;
                    false
                }
            })
            .unwrap_or(true);
        if busy {
            return;
        }
        loop {
            self.save_once().await;
            if !self.alive() {
                return;
            }
            let again = self
                .inner
                .try_update_value(|inner| {
                    let again = inner.again;
                    inner.again = false;
                    inner.saving = again;
                    again
                })
                .unwrap_or(false);
            if !again {
                break;
            }
        }
    }

    async fn save_once(&self) {
        let Some(workspace) = self.app.workspace.get_untracked() else {
            return;
        };
        if self.app.read_only.get_untracked().is_some() {
            self.status.set(SaveStatus::ReadOnly);
            return;
        }
        let Some(db) = self.db() else {
            if matches!(self.mode.get_untracked(), StorageMode::Memory(_)) {
                self.status.set(SaveStatus::InMemory);
            }
            return;
        };
        let document = workspace.to_json(false);
        let previous = self.inner.with_value(|inner| {
            inner
                .saved
                .as_ref()
                .filter(|saved| saved.meta.id == workspace.id)
                .map(|saved| {
                    let unchanged = saved.document == document
                        && saved.meta.name == workspace.name
                        && Arc::ptr_eq(&saved.data, &workspace.data);
                    (
                        saved.meta.clone(),
                        Arc::ptr_eq(&saved.data, &workspace.data),
                        unchanged,
                    )
                })
        });
        if let Some((meta, _, true)) = &previous
            && !matches!(self.status.get_untracked(), SaveStatus::NotSaved { .. })
        {
            self.status.set(SaveStatus::Saved {
                at_ms: meta.saved_ms,
            });
            return;
        }
        let now = now_ms();
        let (mut meta, data_same) = match previous {
            Some((meta, data_same, _)) => (meta, data_same),
            None => (
                WorkspaceMeta {
                    id: workspace.id.clone(),
                    name: workspace.name.clone(),
                    created_ms: now,
                    saved_ms: now,
                    document_bytes: 0,
                    dataset_bytes: 0,
                    n_records: 0,
                    n_chunks: 0,
                    trashed: false,
                },
                false,
            ),
        };
        let dataset = if data_same {
            None
        } else {
            let (chunks, bytes) = storage::encode_dataset(&workspace.model, &workspace.data);
            meta.dataset_bytes = bytes;
            meta.n_records = workspace.data.records.len() as u64;
            meta.n_chunks = u32::try_from(chunks.len()).unwrap_or(u32::MAX);
            Some(chunks)
        };
        meta.name = workspace.name.clone();
        meta.saved_ms = now;
        meta.document_bytes = document.len() as u64;
        meta.trashed = false;
        self.status.set(SaveStatus::Saving);
        let request = SaveRequest {
            meta: meta.clone(),
            document,
            dataset,
        };
        let result = storage::save_workspace(&db, &request).await;
        if !self.alive() {
            return;
        }
        match result {
            Ok(()) => {
                self.inner.update_value(|inner| {
                    inner.saved = Some(Saved {
                        meta,
                        document: request.document,
                        data: workspace.data.clone(),
                    });
                });
                self.status.set(SaveStatus::Saved { at_ms: now_ms() });
                self.session_ids.update(|ids| {
                    ids.insert(workspace.id.clone());
                });
                self.revision.update(|r| *r += 1);
                self.announce("saved", &workspace.id);
                let estimate = storage::estimate().await;
                if self.alive() {
                    self.estimate.set(estimate);
                }
            }
            Err(err) => {
                let quota = err == StorageError::QuotaExceeded;
                self.status.set(SaveStatus::NotSaved {
                    reason: err.to_string(),
                    quota,
                });
                if quota {
                    let estimate = storage::estimate().await;
                    if self.alive() {
                        self.estimate.set(estimate);
                    }
                }
            }
        }
    }

    /// When the stored records of `workspace` are exactly its records in memory (the last save
    /// wrote or kept them): how many chunks they take and their bytes. A snapshot then copies
    /// them inside IndexedDB instead of encoding them again.
    pub fn stored_records(&self, workspace: &Workspace) -> Option<(u32, u64)> {
        self.inner
            .try_with_value(|inner| {
                inner
                    .saved
                    .as_ref()
                    .filter(|saved| {
                        saved.meta.id == workspace.id && Arc::ptr_eq(&saved.data, &workspace.data)
                    })
                    .map(|saved| (saved.meta.n_chunks, saved.meta.dataset_bytes))
            })
            .flatten()
    }

    /// Forgets what was saved for `id` (it was deleted), so a reopen writes it in full.
    pub fn forget_saved(&self, id: &str) {
        self.inner.update_value(|inner| {
            if inner.saved.as_ref().is_some_and(|s| s.meta.id == id) {
                inner.saved = None;
            }
        });
    }

    /// Closes the open workspace (after saving it).
    pub async fn close(&self) {
        self.flush().await;
        if !self.alive() {
            return;
        }
        self.app.history.update(super::History::clear);
        self.app.read_only.set(None);
        self.app.workspace.set(None);
        self.status.set(SaveStatus::NothingOpen);
        if let Some(db) = self.db() {
            let _ = storage::set_last_open(&db, None).await;
        }
    }

    /// Tells other tabs that workspace `id` was `event` ("saved", "deleted").
    pub fn announce(&self, event: &str, id: &str) {
        let message = serde_json::json!({ "tab": self.tab.get_value(), "event": event, "id": id });
        self.inner.with_value(|inner| {
            if let Some(channel) = &inner.channel {
                let _ = channel.post_message(&message.to_string().into());
            }
        });
    }

    fn listen_to_other_tabs(&self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let persist = *self;
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if !persist.alive() {
                    return;
                }
                let Some(text) = event.data().as_string() else {
                    return;
                };
                let Ok(message) = serde_json::from_str::<serde_json::Value>(&text) else {
                    return;
                };
                let field = |name: &str| message.get(name).and_then(|v| v.as_str()).unwrap_or("");
                if field("tab") == persist.tab.get_value() {
                    return;
                }
                persist.revision.update(|r| *r += 1);
                let open_id = persist
                    .app
                    .workspace
                    .with_untracked(|w| w.as_ref().map(|w| w.id.clone()));
                if open_id.as_deref() == Some(field("id")) {
                    let reason = match field("event") {
                        "deleted" => {
                            "This workspace was deleted in another tab. This tab no \
                                      longer saves it; export it as JSON to keep this version."
                        }
                        _ => {
                            "This workspace was saved in another tab. This tab no longer saves \
                              it, so neither version is overwritten; reload to continue with \
                              the saved version."
                        }
                    };
                    if let Some(timer) = persist
                        .inner
                        .try_update_value(|inner| inner.timer.take())
                        .flatten()
                    {
                        timer.clear();
                    }
                    persist.app.read_only.set(Some(reason.to_string()));
                    persist.status.set(SaveStatus::ReadOnly);
                }
            },
        );
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The listener lives as long as the page.
        on_message.forget();
        self.inner
            .update_value(|inner| inner.channel = Some(channel));
    }
}
