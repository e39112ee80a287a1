//! Rampart's security engine: the model, its exchange formats, evaluation with explanations,
//! queries, and the scenario runner.
//!
//! # Brief overview
//! - [`model::Model`] is the organisation design (BUs, users, teams, roles, tables, settings)
//!   with dense typed ids; [`data::Dataset`] holds the sample records and their shares.
//! - [`scenario`] loads the scenario YAML format (`shared/scenarios/FORMAT.md`) into both, and
//!   runs its checks.
//! - [`eval::decide`] answers one [`eval::Operation`] with an [`eval::Verdict`]: the outcome,
//!   every access path as a sentence with the rule ids of `security-semantics.md`, and fixes.
//! - [`edit`] applies state changes that carry rules (assign, share, BU moves …).
#![warn(missing_docs)]

pub mod bench;
pub mod cedar;
pub mod csv;
pub mod data;
pub mod demo;
pub mod diff;
pub mod edit;
pub mod eval;
pub mod export;
pub mod format;
pub mod generate;
pub mod handout;
pub mod leakage;
pub mod lint;
pub mod model;
pub mod query;
pub mod scenario;
pub mod validate;
pub mod walkthrough;

/// Version of the `rampart-model` JSON format this engine writes.
pub const FORMAT_VERSION: u32 = 1;
