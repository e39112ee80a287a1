//! The Designer: the model edited like the Dynamics security screens, only faster. One module
//! per view; every edit goes through `context::Designer::edit` (undo, refusals, read-only share
//! links). `overlay` adds the global shortcuts, the command palette and the notice toast.

mod business_units;
mod change_bu;
mod compare;
pub mod context;
mod frame;
mod import;
mod overlay;
pub mod roles;
mod settings;
mod tables;
mod teams;
pub mod users;

pub use business_units::BusinessUnitsPage;
pub use compare::RoleComparePage;
pub use context::{Designer, provide_designer, use_designer};
pub use overlay::DesignerOverlay;
pub use roles::SecurityRolesPage;
pub use settings::SettingsPage;
pub use tables::TablesPage;
pub use teams::TeamsPage;
pub use users::UsersPage;
