//! Keyboard navigation of the privilege grid (APG grid): where a key moves focus, and which
//! edit it asks for. Pure, so it is tested without a browser.

use engine::model::Depth;

/// A position in the grid: row 0 is the header row, column 0 the row headers.
pub type Cell = (usize, usize);

/// What a key press means in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Move focus to a cell.
    Move(Cell),
    /// Set the focused cell to a depth (`0`–`4`, `Delete`).
    Set(Depth),
    /// Go one level down (`Shift+Enter`).
    Previous,
    /// Move focus and stretch the selection from its anchor (`Shift`+arrows).
    Extend(Cell),
    /// Select the focused cell's row (`Shift+Space`).
    SelectRow,
    /// Select the focused cell's column (`Ctrl+Space`).
    SelectColumn,
    /// Open the row's menu: Permission Settings, levels, Copy table permissions (`F2`,
    /// `Alt+↓`, the context-menu key).
    Menu,
    /// Drop the selection (`Escape`).
    Collapse,
    /// Not a grid key; let the browser handle it.
    Ignore,
}

/// The grid's answer to `key` at `at`, for `n_rows` data rows and `n_cols` verb columns (the
/// Permission Settings column follows them).
pub fn key_action(
    key: &str,
    ctrl: bool,
    shift: bool,
    alt: bool,
    at: Cell,
    n_rows: usize,
    n_cols: usize,
) -> KeyAction {
    let (row, col) = at;
    let clamp = |r: usize, c: usize| -> Cell {
        let r = r.min(n_rows);
        // Column n_cols + 1 is the Permission Settings button (the row's menu).
        let c = c.min(n_cols + 1);
        // The corner holds no control, nor does the Permission Settings heading.
        if r == 0 && c == 0 {
            (0, 1)
        } else if r == 0 && c > n_cols {
            (0, n_cols)
        } else {
            (r, c)
        }
    };
    let data = |r: usize, c: usize| -> Cell { (r.clamp(1, n_rows.max(1)), c.clamp(1, n_cols)) };
    match key {
        "ArrowDown" if alt => KeyAction::Menu,
        "F2" | "ContextMenu" => KeyAction::Menu,
        "Escape" => KeyAction::Collapse,
        " " | "Spacebar" if shift && !ctrl => KeyAction::SelectRow,
        " " | "Spacebar" if ctrl && !shift => KeyAction::SelectColumn,
        "ArrowUp" if shift => KeyAction::Extend(data(row.saturating_sub(1), col)),
        "ArrowDown" if shift => KeyAction::Extend(data(row + 1, col)),
        "ArrowLeft" if shift => KeyAction::Extend(data(row, col.saturating_sub(1))),
        "ArrowRight" if shift => KeyAction::Extend(data(row, col + 1)),
        "ArrowUp" => KeyAction::Move(clamp(row.saturating_sub(1), col)),
        "ArrowDown" => KeyAction::Move(clamp(row + 1, col)),
        "ArrowLeft" => KeyAction::Move(clamp(row, col.saturating_sub(1))),
        "ArrowRight" => KeyAction::Move(clamp(row, col + 1)),
        "Home" if ctrl => KeyAction::Move(clamp(1, 1)),
        "End" if ctrl => KeyAction::Move(clamp(n_rows, n_cols)),
        "Home" => KeyAction::Move(clamp(row, 0)),
        "End" => KeyAction::Move(clamp(row, n_cols + 1)),
        "PageUp" => KeyAction::Move(clamp(row.saturating_sub(10).max(1), col)),
        "PageDown" => KeyAction::Move(clamp(row + 10, col)),
        "Enter" if shift => KeyAction::Previous,
        "Delete" | "Backspace" => KeyAction::Set(Depth::None),
        digit if !ctrl && !alt && digit.len() == 1 => match digit.parse::<usize>() {
            Ok(n) => Depth::ALL
                .get(n)
                .map_or(KeyAction::Ignore, |d| KeyAction::Set(*d)),
            Err(_) => KeyAction::Ignore,
        },
        _ => KeyAction::Ignore,
    }
}

/// A rectangle of data cells, from the anchor (where the selection started) to the head (the
/// focused cell). Row and column 0 (the headers) are never part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection started.
    pub anchor: Cell,
    /// The other corner: the focused cell.
    pub head: Cell,
}

impl Selection {
    /// A selection of one cell.
    pub fn at(cell: Cell) -> Selection {
        Selection {
            anchor: cell,
            head: cell,
        }
    }

    /// Top-left and bottom-right corners.
    pub fn bounds(&self) -> (Cell, Cell) {
        (
            (
                self.anchor.0.min(self.head.0),
                self.anchor.1.min(self.head.1),
            ),
            (
                self.anchor.0.max(self.head.0),
                self.anchor.1.max(self.head.1),
            ),
        )
    }

    /// Whether the selection covers `cell`.
    pub fn contains(&self, cell: Cell) -> bool {
        let ((r0, c0), (r1, c1)) = self.bounds();
        (r0..=r1).contains(&cell.0) && (c0..=c1).contains(&cell.1)
    }

    /// Height and width in cells.
    pub fn size(&self) -> (usize, usize) {
        let ((r0, c0), (r1, c1)) = self.bounds();
        (r1 - r0 + 1, c1 - c0 + 1)
    }

    /// Whether more than one cell is selected.
    pub fn is_range(&self) -> bool {
        self.size() != (1, 1)
    }

    /// The selected rows (1-based grid rows).
    pub fn rows(&self) -> std::ops::RangeInclusive<usize> {
        let ((r0, _), (r1, _)) = self.bounds();
        r0..=r1
    }

    /// Every selected cell, row by row.
    pub fn cells(&self) -> Vec<Cell> {
        let ((r0, c0), (r1, c1)) = self.bounds();
        (r0..=r1)
            .flat_map(|r| (c0..=c1).map(move |c| (r, c)))
            .collect()
    }

    /// The whole row of `cell` over `n_cols` verb columns.
    pub fn row(cell: Cell, n_cols: usize) -> Selection {
        Selection {
            anchor: (cell.0, 1),
            head: (cell.0, n_cols),
        }
    }

    /// The whole column of `cell` over `n_rows` data rows.
    pub fn column(cell: Cell, n_rows: usize) -> Selection {
        Selection {
            anchor: (1, cell.1),
            head: (n_rows.max(1), cell.1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_arrows_extend_over_data_cells_only() {
        assert_eq!(
            key_action("ArrowRight", false, true, false, (2, 3), 5, 8),
            KeyAction::Extend((2, 4))
        );
        assert_eq!(
            key_action("ArrowUp", false, true, false, (1, 3), 5, 8),
            KeyAction::Extend((1, 3))
        );
        assert_eq!(
            key_action("ArrowLeft", false, true, false, (2, 1), 5, 8),
            KeyAction::Extend((2, 1))
        );
        assert_eq!(
            key_action(" ", false, true, false, (2, 1), 5, 8),
            KeyAction::SelectRow
        );
        assert_eq!(
            key_action(" ", true, false, false, (2, 1), 5, 8),
            KeyAction::SelectColumn
        );
        assert_eq!(
            key_action("ArrowDown", false, false, true, (2, 1), 5, 8),
            KeyAction::Menu
        );
        assert_eq!(
            key_action("F2", false, false, false, (2, 1), 5, 8),
            KeyAction::Menu
        );
        assert_eq!(
            key_action("3", false, false, true, (2, 1), 5, 8),
            KeyAction::Ignore
        );
    }

    #[test]
    fn a_selection_is_the_rectangle_between_anchor_and_head() {
        let sel = Selection {
            anchor: (4, 5),
            head: (2, 3),
        };
        assert_eq!(sel.bounds(), ((2, 3), (4, 5)));
        assert_eq!(sel.size(), (3, 3));
        assert!(sel.contains((3, 4)));
        assert!(!sel.contains((1, 4)));
        assert_eq!(sel.cells().len(), 9);
        assert_eq!(sel.cells().first(), Some(&(2, 3)));
        assert!(sel.is_range());
        assert!(!Selection::at((1, 1)).is_range());
        assert_eq!(Selection::row((3, 4), 8).cells().len(), 8);
        assert_eq!(Selection::column((3, 4), 6).rows(), 1..=6);
    }

    #[test]
    fn arrows_stay_inside_and_skip_the_corner() {
        assert_eq!(
            key_action("ArrowUp", false, false, false, (1, 0), 5, 8),
            KeyAction::Move((0, 1))
        );
        assert_eq!(
            key_action("ArrowDown", false, false, false, (5, 3), 5, 8),
            KeyAction::Move((5, 3))
        );
        assert_eq!(
            key_action("ArrowRight", false, false, false, (2, 9), 5, 8),
            KeyAction::Move((2, 9))
        );
        assert_eq!(
            key_action("Home", false, false, false, (2, 4), 5, 8),
            KeyAction::Move((2, 0))
        );
        assert_eq!(
            key_action("End", true, false, false, (2, 4), 5, 8),
            KeyAction::Move((5, 8))
        );
        assert_eq!(
            key_action("PageDown", false, false, false, (1, 4), 30, 8),
            KeyAction::Move((11, 4))
        );
    }

    #[test]
    fn digits_set_depths_and_delete_clears() {
        assert_eq!(
            key_action("2", false, false, false, (1, 1), 5, 8),
            KeyAction::Set(Depth::Bu)
        );
        assert_eq!(
            key_action("4", false, false, false, (1, 1), 5, 8),
            KeyAction::Set(Depth::Org)
        );
        assert_eq!(
            key_action("5", false, false, false, (1, 1), 5, 8),
            KeyAction::Ignore
        );
        assert_eq!(
            key_action("Delete", false, false, false, (1, 1), 5, 8),
            KeyAction::Set(Depth::None)
        );
        assert_eq!(
            key_action("Enter", false, true, false, (1, 1), 5, 8),
            KeyAction::Previous
        );
        assert_eq!(
            key_action("Enter", false, false, false, (1, 1), 5, 8),
            KeyAction::Ignore
        );
        assert_eq!(
            key_action("z", true, false, false, (1, 1), 5, 8),
            KeyAction::Ignore
        );
    }
}
