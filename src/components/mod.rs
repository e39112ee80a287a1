//! The shell's building blocks: header, side navigation and footer.

mod app_footer;
mod app_header;
mod side_nav;

pub use app_footer::AppFooter;
pub use app_header::AppHeader;
pub use side_nav::SideNav;
