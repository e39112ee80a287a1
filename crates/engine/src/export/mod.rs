//! Exports for people outside Rampart: CSV files admins open in a spreadsheet.
//!
//! - [`csv::inventory`]: the data security inventory seed file 001 recommends keeping (table,
//!   ownership, owner type, secured columns, who reads it, and an empty business-rule column for
//!   the admins to fill in).
//! - [`csv::roles`]: the role × privilege matrix, with the role editor's depth labels.
//!
//! Both are RFC 4180 (CRLF line ends, fields quoted only when needed) and byte-stable: the same
//! model gives the same bytes.

pub mod csv;
