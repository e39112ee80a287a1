//! Actions: what components call. Each one calls the engine (or a small pure edit over the
//! model), and the caller records it for undo through `AppState::change`.
//!
//! - `designer`: edits of the model made in the Designer views (roles, BUs, teams, users,
//!   tables, settings), each refused with a sentence when the rules forbid it.
//! - `share_link`: the model packed into a URL fragment for read-only share links.
//! - `designer_query`: read-only derivations those views show (grid rows, members, roles
//!   reached through teams, where an issue points).
//! - `grid_ops`: bulk edits of a role's privilege grid (presets, Copy table permissions,
//!   copy/paste of levels as text).

pub mod designer;
pub mod designer_query;
pub mod grid_ops;
pub mod share_link;
