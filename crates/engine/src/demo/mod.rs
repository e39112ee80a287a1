//! The demo organisations shipped with Rampart, in the scenario format (`shared/scenarios/FORMAT.md`).
//!
//! They are embedded so that the app opens a demo org with one click and the CLI can test them
//! without the source tree.

/// One shipped demo organisation.
#[derive(Debug, Clone, Copy)]
pub struct DemoOrg {
    /// Stable id, used in URLs and workspace names.
    pub id: &'static str,
    /// Display title.
    pub title: &'static str,
    /// The scenario-format YAML document.
    pub yaml: &'static str,
}

/// Every demo organisation, the default one first.
pub const DEMO_ORGS: &[DemoOrg] = &[
    DemoOrg {
        id: "department-store",
        title: "Ashworth & Vale — UK department store",
        yaml: include_str!("department-store.yaml"),
    },
    DemoOrg {
        id: "multinational-sales",
        title: "Orbis Analytics Group — multinational sales & service",
        yaml: include_str!("multinational-sales.yaml"),
    },
];
