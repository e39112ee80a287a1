//! Records as CSV, in and out.
//!
//! - [`parse`]: the RFC 4180 reader (quoted fields, doubled quotes, CRLF, byte order mark);
//!   malformed quoting is a [`CsvError`] naming the line and column.
//! - One table at a time, the way Dynamics imports data: [`fields`] and [`template`] (the
//!   import template's header row, required columns first), [`suggest_mapping`] (CSV headers to
//!   fields, by logical or display name), [`import`] (every row checked; rejected rows listed
//!   with their row number and reason; unknown or missing owners given to a fallback owner when
//!   one is chosen; [`ImportReport::apply`] makes the whole new [`crate::data::Dataset`], so a
//!   caller applies all of it or nothing) and [`table_to_csv`] (a table's records in the template's layout).
//! - Whole datasets: [`dataset_to_csv`] / [`dataset_from_csv`] (`table,id,owner,owning_bu,parent`
//!   then the value columns).
//! - [`visible_records`]: every record a user can see, with the access path that lets them.
//!
//! Everything written is RFC 4180 with CRLF line ends, fields quoted only when needed, and the
//! same bytes for the same input.

mod dataset;
mod import;
mod read;
#[cfg(test)]
mod tests;

pub use dataset::{
    DATASET_COLUMNS, VISIBLE_COLUMNS, dataset_from_csv, dataset_to_csv, visible_records,
};
pub use import::{
    FallbackUse, Field, ImportError, ImportReport, Rejected, Target, choices, fields, find_bu,
    find_principal, import, suggest_mapping, table_to_csv, template,
};
pub use read::{CsvError, CsvRow, CsvTable, parse};
