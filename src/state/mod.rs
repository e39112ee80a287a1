//! App state: the open workspace and its undo history, in context for every view.
//!
//! Components read through [`use_app`] and change things only through the methods here (or
//! in the modules that own a screen's actions), which call the engine and record undo.

pub mod actions;
mod history;
pub mod persist;
pub mod sample_data;
mod workspace;
pub mod workspace_list;

pub use history::History;
pub use workspace::Workspace;

use leptos::prelude::*;

/// The state every view shares. `Copy`: pass it around freely.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The open workspace, if any.
    pub workspace: RwSignal<Option<Workspace>>,
    /// Undo and redo of changes to the open workspace.
    pub history: RwSignal<History>,
    /// The last user-facing message (errors name the problem and where).
    pub notice: RwSignal<Option<Notice>>,
    /// Why changes are refused (another tab saved this workspace), or `None` when editable.
    pub read_only: RwSignal<Option<String>>,
}

/// A message to show in the status area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Error, warning or information.
    pub kind: NoticeKind,
    /// The text.
    pub text: String,
}

/// How a notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something failed; nothing was changed.
    Error,
    /// Something needs attention.
    Warning,
    /// Done.
    Info,
}

impl AppState {
    /// Creates the state and puts it in context.
    pub fn provide() -> AppState {
        let state = AppState {
            workspace: RwSignal::new(None),
            history: RwSignal::new(History::default()),
            notice: RwSignal::new(None),
            read_only: RwSignal::new(None),
        };
        provide_context(state);
        state
    }

    /// Opens a workspace, forgetting the previous one's undo history.
    pub fn open(&self, workspace: Workspace) {
        self.history.update(History::clear);
        self.read_only.set(None);
        self.workspace.set(Some(workspace));
    }

    /// Whether changes are refused; says why as a warning when they are.
    fn refuses_changes(&self) -> bool {
        let Some(reason) = self.read_only.get_untracked() else {
            return false;
        };
        self.notice.set(Some(Notice {
            kind: NoticeKind::Warning,
            text: reason,
        }));
        true
    }

    /// Applies a change to the open workspace, recording it for undo under `label`.
    pub fn change(&self, label: impl Into<String>, f: impl FnOnce(&Workspace) -> Workspace) {
        if self.refuses_changes() {
            return;
        }
        let Some(before) = self.workspace.get_untracked() else {
            return;
        };
        let after = f(&before);
        if after == before {
            return;
        }
        self.history.update(|h| h.record(label, before));
        self.workspace.set(Some(after));
    }

    /// Undoes the last change.
    pub fn undo(&self) {
        if self.refuses_changes() {
            return;
        }
        let Some(current) = self.workspace.get_untracked() else {
            return;
        };
        let mut restored = None;
        self.history.update(|h| restored = h.undo(current));
        if let Some((label, before)) = restored {
            self.workspace.set(Some(before));
            self.info(format!("Undid: {label}"));
        }
    }

    /// Redoes the last undone change.
    pub fn redo(&self) {
        if self.refuses_changes() {
            return;
        }
        let Some(current) = self.workspace.get_untracked() else {
            return;
        };
        let mut restored = None;
        self.history.update(|h| restored = h.redo(current));
        if let Some((label, after)) = restored {
            self.workspace.set(Some(after));
            self.info(format!("Redid: {label}"));
        }
    }

    /// Shows an error.
    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        }));
    }

    /// Shows a piece of information.
    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Info,
            text: text.into(),
        }));
    }
}

/// The shared state, from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
