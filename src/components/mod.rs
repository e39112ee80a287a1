//! The shell's building blocks (header, side navigation, footer) and the widgets views share
//! (depth glyphs, the privilege grid, the business unit tree).

mod app_footer;
mod app_header;
mod bu_reach;
pub mod bu_tree;
mod check_badge;
pub mod depth_circle;
mod download;
pub mod help_panel;
pub mod names;
pub mod presenter;
pub mod privilege_grid;
mod progress_bar;
mod record_list;
mod side_nav;
mod storage_status;
pub mod virtual_list;

pub use app_footer::AppFooter;
pub use app_header::AppHeader;
pub use bu_reach::{BuReachNode, BuReachTree};
pub use check_badge::{CheckBadge, CheckReports, provide_check_reports, tally, use_check_reports};
pub use download::{download_text, download_url, read_chosen_file};
pub use help_panel::{HelpButton, HelpPanel};
pub use names::{Names, use_names};
pub use presenter::{Presenter, PresenterLayer, PresenterToggle, use_presenter};
pub use progress_bar::ProgressBar;
pub use record_list::{ReasonChip, RecordList};
pub use side_nav::SideNav;
pub use storage_status::{
    SaveIndicator, StorageBanners, export_workspace, megabytes, model_file_name, slug,
};
pub use virtual_list::VirtualList;
