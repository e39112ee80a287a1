//! One component per route. Pages compose components; they compute nothing themselves.

pub mod designer;
pub mod export;
pub mod handout;
mod not_found;
pub mod present;
pub mod simulator;
pub mod test;
pub mod workspaces;

pub use export::ExportPage;
pub use not_found::NotFound;
pub use simulator::SimulatorPage;
pub use test::TestPage;
pub use workspaces::{BenchPage, HomePage, WorkspacesPage};
