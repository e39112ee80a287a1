//! Undo and redo of workspace changes: a stack of labelled snapshots.
//!
//! Snapshots are whole `Workspace` values; they share unchanged parts through `Arc`, so keeping
//! a hundred of them costs little. Restoring one is exact.

use super::Workspace;

/// Most snapshots kept on either stack.
const LIMIT: usize = 200;

/// The undo and redo stacks.
#[derive(Clone, Default)]
pub struct History {
    undo: Vec<(String, Workspace)>,
    redo: Vec<(String, Workspace)>,
}

impl History {
    /// Records that `before` was replaced by a change called `label`; clears redo.
    pub fn record(&mut self, label: impl Into<String>, before: Workspace) {
        self.undo.push((label.into(), before));
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undoes the last change: returns the state to restore, remembering `current` for redo.
    pub fn undo(&mut self, current: Workspace) -> Option<(String, Workspace)> {
        let (label, before) = self.undo.pop()?;
        self.redo.push((label.clone(), current));
        Some((label, before))
    }

    /// Redoes the last undone change.
    pub fn redo(&mut self, current: Workspace) -> Option<(String, Workspace)> {
        let (label, after) = self.redo.pop()?;
        self.undo.push((label.clone(), current));
        Some((label, after))
    }

    /// Label of the change Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(l, _)| l.as_str())
    }

    /// Label of the change Redo would re-apply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(l, _)| l.as_str())
    }

    /// The undo steps, most recent first: each change's label and the state before it.
    pub fn undo_steps(&self) -> impl Iterator<Item = (&str, &Workspace)> {
        self.undo.iter().rev().map(|(l, w)| (l.as_str(), w))
    }

    /// Forgets everything (a different workspace was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(name: &str) -> Workspace {
        Workspace::new(
            "w".into(),
            name.into(),
            Default::default(),
            Default::default(),
        )
    }

    #[test]
    fn undo_then_redo_restores_exactly() {
        let mut history = History::default();
        let (a, b) = (ws("a"), ws("b"));
        history.record("rename", a.clone());
        let (label, restored) = history.undo(b.clone()).expect("one step");
        assert_eq!(label, "rename");
        assert_eq!(restored, a);
        let (_, again) = history.redo(restored).expect("redo");
        assert_eq!(again, b);
        assert!(history.redo_label().is_none());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut history = History::default();
        history.record("one", ws("a"));
        history.undo(ws("b"));
        history.record("two", ws("c"));
        assert!(history.redo_label().is_none());
        assert_eq!(history.undo_label(), Some("two"));
    }
}
