//! The product's views: their labels, URLs and navigation groups, in navigation order.
//!
//! Every view has a URL so that links, Back and Forward work. Views that are not built yet
//! carry a one-sentence description of what will be there.

/// One view of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The business unit tree.
    BusinessUnits,
    /// Owner, access and group teams.
    Teams,
    /// Users and their roles.
    Users,
    /// Security roles and their privilege grids.
    SecurityRoles,
    /// The tables the model secures.
    Tables,
    /// Organisation settings and the documented alternatives.
    Settings,
    /// What a user can see, who can see a record.
    Simulate,
    /// Pinned checks and scenario files.
    Test,
    /// JSON and CSV export.
    Export,
}

/// A heading in the navigation and the sections under it.
#[derive(Debug, Clone, Copy)]
pub struct NavGroup {
    /// Heading text, or `None` for sections listed without a heading.
    pub heading: Option<&'static str>,
    /// The sections under the heading, in order.
    pub sections: &'static [Section],
}

/// The navigation, top to bottom.
pub const NAV_GROUPS: &[NavGroup] = &[
    NavGroup {
        heading: Some("Model"),
        sections: &[
            Section::BusinessUnits,
            Section::Teams,
            Section::Users,
            Section::SecurityRoles,
            Section::Tables,
            Section::Settings,
        ],
    },
    NavGroup {
        heading: None,
        sections: &[Section::Simulate, Section::Test, Section::Export],
    },
];

impl Section {
    /// The label in the navigation and the page heading, in Microsoft's vocabulary.
    pub fn label(self) -> &'static str {
        match self {
            Section::BusinessUnits => "Business units",
            Section::Teams => "Teams",
            Section::Users => "Users",
            Section::SecurityRoles => "Security roles",
            Section::Tables => "Tables",
            Section::Settings => "Settings",
            Section::Simulate => "Simulate",
            Section::Test => "Test",
            Section::Export => "Export",
        }
    }

    /// The view's URL path.
    pub fn path(self) -> &'static str {
        match self {
            Section::BusinessUnits => "/model/business-units",
            Section::Teams => "/model/teams",
            Section::Users => "/model/users",
            Section::SecurityRoles => "/model/security-roles",
            Section::Tables => "/model/tables",
            Section::Settings => "/model/settings",
            Section::Simulate => "/simulate",
            Section::Test => "/test",
            Section::Export => "/export",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_in_the_navigation_once_with_a_unique_path() {
        let listed: Vec<Section> = NAV_GROUPS
            .iter()
            .flat_map(|group| group.sections.iter().copied())
            .collect();
        let all = [
            Section::BusinessUnits,
            Section::Teams,
            Section::Users,
            Section::SecurityRoles,
            Section::Tables,
            Section::Settings,
            Section::Simulate,
            Section::Test,
            Section::Export,
        ];
        assert_eq!(listed, all);
        let mut paths: Vec<&str> = all.iter().map(|section| section.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), all.len(), "two sections share a path");
        assert!(paths.iter().all(|path| path.starts_with('/')));
    }
}
