//! Deterministic, seeded generators of organisations and sample data.
//!
//! - [`org`] builds a [`Model`](crate::model::Model) shaped like the demo orgs at any size
//!   ([`OrgParams::benchmark`]: 50 BUs, 1,000 users, 200 teams, 10 tables).
//! - [`data`] fills a model's tables with records, parent links, owners across BUs, shares and
//!   column values ([`DataParams`]); [`sample_data_for`] does it for any model with defaults.
//! - [`append`] adds generated records to a dataset that has records already, keeping those
//!   (and the checks that name them) and renaming added records whose names are taken.
//!
//! The same seed gives the same output on every platform: the generators draw from their own
//! SplitMix64 ([`rng::Rng`]), never iterate hash maps, and use no clock.

mod data;
mod merge;
mod org;
pub mod rng;
mod words;

pub use data::{DataParams, data, sample_data_for};
pub use merge::append;
pub use org::{OrgParams, org};

#[cfg(test)]
mod tests;
