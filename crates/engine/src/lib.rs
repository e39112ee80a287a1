//! Rampart's security engine: the model, its JSON format, evaluation with explanations, queries.
#![warn(missing_docs)]

pub mod demo;

/// Version of the `rampart-model` JSON format this engine writes.
pub const FORMAT_VERSION: u32 = 1;
