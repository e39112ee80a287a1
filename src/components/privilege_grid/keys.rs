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
    /// Not a grid key; let the browser handle it.
    Ignore,
}

/// The grid's answer to `key` at `at`, for `n_rows` data rows and `n_cols` verb columns.
pub fn key_action(
    key: &str,
    ctrl: bool,
    shift: bool,
    at: Cell,
    n_rows: usize,
    n_cols: usize,
) -> KeyAction {
    let (row, col) = at;
    let clamp = |r: usize, c: usize| -> Cell {
        let r = r.min(n_rows);
        let c = c.min(n_cols);
        // The corner holds no control.
        if r == 0 && c == 0 { (0, 1) } else { (r, c) }
    };
    match key {
        "ArrowUp" => KeyAction::Move(clamp(row.saturating_sub(1), col)),
        "ArrowDown" => KeyAction::Move(clamp(row + 1, col)),
        "ArrowLeft" => KeyAction::Move(clamp(row, col.saturating_sub(1))),
        "ArrowRight" => KeyAction::Move(clamp(row, col + 1)),
        "Home" if ctrl => KeyAction::Move(clamp(1, 1)),
        "End" if ctrl => KeyAction::Move(clamp(n_rows, n_cols)),
        "Home" => KeyAction::Move(clamp(row, 0)),
        "End" => KeyAction::Move(clamp(row, n_cols)),
        "PageUp" => KeyAction::Move(clamp(row.saturating_sub(10).max(1), col)),
        "PageDown" => KeyAction::Move(clamp(row + 10, col)),
        "Enter" if shift => KeyAction::Previous,
        "Delete" | "Backspace" => KeyAction::Set(Depth::None),
        digit if !ctrl && digit.len() == 1 => match digit.parse::<usize>() {
            Ok(n) => Depth::ALL
                .get(n)
                .map_or(KeyAction::Ignore, |d| KeyAction::Set(*d)),
            Err(_) => KeyAction::Ignore,
        },
        _ => KeyAction::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_stay_inside_and_skip_the_corner() {
        assert_eq!(
            key_action("ArrowUp", false, false, (1, 0), 5, 8),
            KeyAction::Move((0, 1))
        );
        assert_eq!(
            key_action("ArrowDown", false, false, (5, 3), 5, 8),
            KeyAction::Move((5, 3))
        );
        assert_eq!(
            key_action("ArrowRight", false, false, (2, 8), 5, 8),
            KeyAction::Move((2, 8))
        );
        assert_eq!(
            key_action("Home", false, false, (2, 4), 5, 8),
            KeyAction::Move((2, 0))
        );
        assert_eq!(
            key_action("End", true, false, (2, 4), 5, 8),
            KeyAction::Move((5, 8))
        );
        assert_eq!(
            key_action("PageDown", false, false, (1, 4), 30, 8),
            KeyAction::Move((11, 4))
        );
    }

    #[test]
    fn digits_set_depths_and_delete_clears() {
        assert_eq!(
            key_action("2", false, false, (1, 1), 5, 8),
            KeyAction::Set(Depth::Bu)
        );
        assert_eq!(
            key_action("4", false, false, (1, 1), 5, 8),
            KeyAction::Set(Depth::Org)
        );
        assert_eq!(
            key_action("5", false, false, (1, 1), 5, 8),
            KeyAction::Ignore
        );
        assert_eq!(
            key_action("Delete", false, false, (1, 1), 5, 8),
            KeyAction::Set(Depth::None)
        );
        assert_eq!(
            key_action("Enter", false, true, (1, 1), 5, 8),
            KeyAction::Previous
        );
        assert_eq!(
            key_action("Enter", false, false, (1, 1), 5, 8),
            KeyAction::Ignore
        );
        assert_eq!(
            key_action("z", true, false, (1, 1), 5, 8),
            KeyAction::Ignore
        );
    }
}
