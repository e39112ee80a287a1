//! The what-if sandbox: a copy of the workspace that simulator edits go to until they are
//! applied (one undoable change) or discarded. Lives in context for the whole app, so it
//! survives moving between views.

use engine::model::RecordId;
use leptos::prelude::*;

use crate::state::{AppState, Workspace};

/// The sandbox. `Copy`: pass it around freely.
#[derive(Clone, Copy)]
pub struct Sandbox {
    /// The workspace the sandbox started from.
    base: RwSignal<Option<Workspace>>,
    /// The sandbox's workspace, edits applied.
    current: RwSignal<Option<Workspace>>,
    /// One label per edit, in order.
    edits: RwSignal<Vec<String>>,
    /// Records whose shares the edits changed (their effect is computed record by record).
    shared_records: RwSignal<Vec<RecordId>>,
}

impl Sandbox {
    /// Creates the (empty) sandbox and puts it in context.
    pub fn provide() -> Sandbox {
        let sandbox = Sandbox {
            base: RwSignal::new(None),
            current: RwSignal::new(None),
            edits: RwSignal::new(Vec::new()),
            shared_records: RwSignal::new(Vec::new()),
        };
        provide_context(sandbox);
        sandbox
    }

    /// Whether what-if mode is on.
    pub fn active(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// Labels of the edits made so far.
    pub fn edits(&self) -> Signal<Vec<String>> {
        self.edits.into()
    }

    /// Turns what-if mode on over the open workspace.
    pub fn start(&self, app: AppState) {
        let workspace = app.workspace.get_untracked();
        self.base.set(workspace.clone());
        self.current.set(workspace);
        self.edits.set(Vec::new());
        self.shared_records.set(Vec::new());
    }

    /// Applies an edit to the sandbox (starting what-if mode when it is off).
    pub fn edit(
        &self,
        app: AppState,
        label: impl Into<String>,
        f: impl FnOnce(&Workspace) -> Workspace,
    ) {
        if !self.current.with_untracked(Option::is_some) {
            self.start(app);
        }
        let Some(before) = self.current.get_untracked() else {
            return;
        };
        self.current.set(Some(f(&before)));
        self.edits.update(|e| e.push(label.into()));
    }

    /// Notes that an edit changed the shares of `record`.
    pub fn touch_record(&self, record: RecordId) {
        self.shared_records.update(|r| {
            if !r.contains(&record) {
                r.push(record);
            }
        });
    }

    /// The workspace before and after the edits, and the records whose shares changed.
    pub fn before_after(&self) -> Option<(Workspace, Workspace, Vec<RecordId>)> {
        Some((
            self.base.get()?,
            self.current.get()?,
            self.shared_records.get(),
        ))
    }

    /// Keeps the edits: one undoable change of the workspace.
    pub fn apply(&self, app: AppState) {
        let Some(after) = self.current.get_untracked() else {
            return;
        };
        let n = self.edits.with_untracked(Vec::len);
        let base = self.base.get_untracked();
        if app.workspace.get_untracked() != base {
            app.error(
                "the model changed outside the what-if sandbox; discard the sandbox and try again",
            );
            return;
        }
        app.change(
            format!("What-if: {n} change{}", if n == 1 { "" } else { "s" }),
            |_| after,
        );
        self.discard();
    }

    /// Forgets the edits and leaves what-if mode.
    pub fn discard(&self) {
        self.base.set(None);
        self.current.set(None);
        self.edits.set(Vec::new());
        self.shared_records.set(Vec::new());
    }

    /// The workspace the simulator shows: the sandbox's while what-if mode is on (and it still
    /// belongs to the open workspace), else the open workspace.
    pub fn simulated(&self, app: AppState) -> Memo<Option<Workspace>> {
        let sandbox = *self;
        Memo::new(move |_| {
            let open = app.workspace.get();
            match sandbox.current.get() {
                Some(current) if open.as_ref().is_some_and(|w| w.id == current.id) => Some(current),
                _ => open,
            }
        })
    }
}

/// The sandbox, from context.
pub fn use_sandbox() -> Sandbox {
    expect_context::<Sandbox>()
}
