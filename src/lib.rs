//! Rampart's browser app: a Leptos client-side-rendered shell around the `engine` crate.
//!
//! - `sections`: the product's navigation, one entry per view, each with its URL.
//! - `components`: the shell's header, navigation and footer.
//! - `pages`: one component per route; they compose, they do not decide access.
//! - `state`: the open workspace and its undo history, in context (`use_app`).
//! - `storage`: the only code that touches IndexedDB.
//! - `text`: numbers as the views print them (`12,345`, `1 run`).
//! - `offline`: registers the service worker (`public/sw.js`) that keeps the shell available offline.

pub mod components;
pub mod offline;
pub mod pages;
pub mod sections;
pub mod state;
pub mod storage;
pub mod text;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::{AppFooter, AppHeader, SideNav};
use pages::designer;
use pages::{BenchPage, ExportPage, HomePage, NotFound, SimulatorPage, TestPage, WorkspacesPage};

/// The whole app: header, navigation, the routed view and the footer. It reopens the workspace
/// that was open last (saved in IndexedDB), or shows the start screen at `/`.
#[component]
pub fn App() -> impl IntoView {
    let app = state::AppState::provide();
    designer::provide_designer(app);
    pages::simulator::Sandbox::provide();
    components::provide_check_reports(app);
    state::persist::Persist::provide(app);
    components::Presenter::provide(app);
    components::help_panel::provide_help();
    let model_title = Signal::derive(move || {
        app.workspace.with(|w| {
            w.as_ref()
                .map_or_else(|| "No model open".to_string(), |w| w.name.clone())
        })
    });
    view! {
        <Router>
            <div class="rp-shell">
                <components::PresenterLayer />
                <AppHeader model_title />
                <SideNav />
                <main class="rp-shell__main" id="main">
                    <components::StorageBanners />
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/workspaces") view=WorkspacesPage />
                        <Route path=path!("/bench") view=BenchPage />
                        <Route path=path!("/model/business-units") view=designer::BusinessUnitsPage />
                        <Route path=path!("/model/business-units/:bu") view=designer::BusinessUnitsPage />
                        <Route path=path!("/model/teams") view=designer::TeamsPage />
                        <Route path=path!("/model/teams/:team") view=designer::TeamsPage />
                        <Route path=path!("/model/users") view=designer::UsersPage />
                        <Route path=path!("/model/users/:user") view=designer::UsersPage />
                        <Route path=path!("/model/security-roles") view=designer::SecurityRolesPage />
                        <Route path=path!("/model/security-roles/:role") view=designer::SecurityRolesPage />
                        <Route path=path!("/model/security-roles/:role/compare/:other") view=designer::RoleComparePage />
                        <Route path=path!("/model/tables") view=designer::TablesPage />
                        <Route path=path!("/model/tables/:table") view=designer::TablesPage />
                        <Route path=path!("/model/settings") view=designer::SettingsPage />
                        <Route path=path!("/simulate") view=SimulatorPage />
                        <Route path=path!("/simulate/:view") view=SimulatorPage />
                        <Route path=path!("/test") view=TestPage />
                        <Route path=path!("/test/:view") view=TestPage />
                        <Route path=path!("/export") view=ExportPage />
                        <Route path=path!("/present") view=pages::present::PresentPage />
                        <Route path=path!("/handout") view=pages::handout::HandoutPage />
                        <Route path=path!("/handout/leakage") view=pages::handout::LeakageSummaryPage />
                    </Routes>
                </main>
                <AppFooter />
                <designer::DesignerOverlay />
                <components::HelpPanel />
            </div>
        </Router>
    }
}
