//! One component per route. Pages compose components; they compute nothing themselves.

mod not_found;
mod planned_section;

pub use not_found::NotFound;
pub use planned_section::PlannedSection;
