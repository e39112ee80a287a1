//! What the help panel says: one entry per screen (chosen by URL path) and the Dataverse terms
//! the screens use, in Microsoft's words (shared `docs/ux.md` A.1). Pure data, tested natively.

/// A Dataverse (or Rampart) term and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The term exactly as Microsoft's UI writes it.
    pub name: &'static str,
    /// What it means, in one or two sentences.
    pub text: &'static str,
}

/// Help for one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenHelp {
    /// The screen's name, as its heading says.
    pub title: &'static str,
    /// What the screen is for.
    pub summary: &'static str,
    /// What you can do here, one task per line.
    pub tasks: &'static [&'static str],
    /// Names of the [`TERMS`] this screen uses.
    pub terms: &'static [&'static str],
    /// Keys that work on this screen: (keys, what they do).
    pub keys: &'static [(&'static str, &'static str)],
}

/// Keys that work everywhere.
pub const GLOBAL_KEYS: &[(&str, &str)] = &[
    ("? or F1", "open or close this help"),
    ("Esc", "close this help, a dialog or the palette"),
    ("Ctrl+K", "command palette: go to a view, a role, a user"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo the last change"),
    ("Ctrl+S", "take a named snapshot of the workspace"),
];

const DEPTH_TERMS: [&str; 5] = [
    "None",
    "User",
    "Business Unit",
    "Parent: Child Business Units",
    "Organization",
];

/// Every term the screens use.
pub const TERMS: &[Term] = &[
    Term {
        name: "None",
        text: "The privilege is not granted (the legacy editor's key says None Selected).",
    },
    Term {
        name: "User",
        text: "Access level User (documented as Basic): records the user owns, records owned by a team they belong to, and records shared with them or their teams.",
    },
    Term {
        name: "Business Unit",
        text: "Access level Business Unit (documented as Local): every record in the user's business unit, plus what User gives.",
    },
    Term {
        name: "Parent: Child Business Units",
        text: "Access level Parent: Child Business Units (documented as Deep): records in the user's business unit and every business unit below it.",
    },
    Term {
        name: "Organization",
        text: "Access level Organization (documented as Global): every record of the table, whatever its business unit.",
    },
    Term {
        name: "Business unit",
        text: "A node of the organisation tree. Users and teams belong to exactly one; depths are measured from it. The root business unit has no Parent Business and cannot be deleted.",
    },
    Term {
        name: "Security role",
        text: "A set of privileges, each at an access level, on tables plus Miscellaneous privileges and Privacy-related privileges. Users receive roles directly or through their teams.",
    },
    Term {
        name: "Privilege",
        text: "One of Create, Read, Write, Delete, Append, Append To, Assign and Share on a table, in that order in both role editors.",
    },
    Term {
        name: "Member's privilege inheritance",
        text: "A role property. Direct User (Basic) access level and Team privileges (the default) lets members use the role's User-level privileges as themselves; Team privileges only limits User-level access to records the team owns.",
    },
    Term {
        name: "Record ownership",
        text: "A table attribute: User or Team (records have an owner and a business unit, all five levels apply) or Organization (only None and Organization apply).",
    },
    Term {
        name: "Owner team",
        text: "A team that can own records and hold security roles; its members get the roles' privileges, measured from the team's business unit.",
    },
    Term {
        name: "Access team",
        text: "A team that holds no security roles: it gives its members access to particular records, usually created from a team template on a record.",
    },
    Term {
        name: "Microsoft Entra ID group team",
        text: "Microsoft Entra ID Security group and Microsoft Entra ID Office group teams take their members from the directory group; they can hold security roles like owner teams.",
    },
    Term {
        name: "Default team",
        text: "Every business unit has one; its members are the unit's users and cannot be edited.",
    },
    Term {
        name: "Sharing",
        text: "Share gives a user or team access to one record (Read, Write, Append, Assign, Share, Delete) beyond their roles; Check Access lists it as Shared access. Assign changes the owner.",
    },
    Term {
        name: "Hierarchy security",
        text: "Enable Hierarchy Modeling lets managers (Manager Hierarchy) or higher positions (Custom Position Hierarchy) read, and within Depth also write, their reports' records; excluded tables are not covered.",
    },
    Term {
        name: "Column security",
        text: "Column security profiles (formerly field security) allow Read, Read unmasked, Create and Update on secured columns; a value the user may not read shows as a lock and asterisks. System Administrator sees every column.",
    },
    Term {
        name: "Record ownership across business units",
        text: "The modernized business units switch: a role is assigned from a chosen business unit, and depths are measured from that unit instead of the user's own.",
    },
    Term {
        name: "Miscellaneous privileges",
        text: "Task privileges such as Export to Excel, Print, Go Offline in Outlook, Sync to Outlook and Mail Merge; they are granted at Organization or None, and several let records leave the security model.",
    },
    Term {
        name: "Check Access",
        text: "Microsoft's dialog that lists one user's rights on one record and the access type: Ownership, Role access, Shared access, Hierarchy access. Who has access lists the users of a record but omits hierarchy managers.",
    },
    Term {
        name: "Permission Settings",
        text: "Presets for a table's row: No Access, Full Access (view and edit all), Collaborate (view all, edit own), Private (view and edit own), Reference (view only), or Custom once edited by hand.",
    },
    Term {
        name: "Pinned check",
        text: "A question with its expected answer (who, operation, record, allow or deny) that Rampart re-runs on every change: ✓ pass, ✗ fail, ○ not scored.",
    },
    Term {
        name: "Advisor finding",
        text: "A design problem the advisor (lint) found, with a severity, why it matters and a suggested fix; it can be accepted (suppressed) with a reason kept in the model.",
    },
    Term {
        name: "Sample records",
        text: "The workspace's example data. Rampart evaluates real records so that answers say how many records a user reaches, not only which privilege applies.",
    },
];

const DESIGN_TERMS: &[&str] = &["Business unit", "Security role", "Privilege"];

/// Help for each screen, looked up by [`screen_for`].
pub const SCREENS: &[(&str, ScreenHelp)] = &[
    (
        "/model/business-units",
        ScreenHelp {
            title: "Business units",
            summary: "The business unit tree: each unit with its users, teams and security roles. Depths are measured from a unit, so where users and teams sit decides what Business Unit and Parent: Child Business Units reach.",
            tasks: &[
                "Select a unit to see its users, teams (the default team is read-only) and roles.",
                "Add, rename or delete a unit; the root business unit cannot be deleted or moved.",
                "Move a unit under another Parent Business by dragging it or with Ctrl+X then Ctrl+V; the move is confirmed with its effect.",
            ],
            terms: &[
                "Business unit",
                "Default team",
                "Parent: Child Business Units",
                "Record ownership across business units",
            ],
            keys: &[
                ("↑ / ↓", "previous / next unit"),
                ("→ / ←", "expand or first child / collapse or parent"),
                ("Enter", "open the unit"),
                ("F2", "rename"),
                ("Ctrl+X, Ctrl+V", "move a unit under another (confirmed)"),
                ("Delete", "delete (confirmed)"),
            ],
        },
    ),
    (
        "/model/teams",
        ScreenHelp {
            title: "Teams",
            summary: "Owner, access, Microsoft Entra ID group and default teams with their members and security roles.",
            tasks: &[
                "Create a team: name, business unit and team type.",
                "Add or remove members; a default team's members follow its business unit.",
                "Give an owner or Entra group team security roles; access teams hold none.",
            ],
            terms: &[
                "Owner team",
                "Access team",
                "Microsoft Entra ID group team",
                "Default team",
                "Member's privilege inheritance",
            ],
            keys: &[],
        },
    ),
    (
        "/model/users",
        ScreenHelp {
            title: "Users",
            summary: "Users with their business unit, manager, position and security roles, both assigned directly and received through teams.",
            tasks: &[
                "Manage security roles: tick the roles a user holds directly.",
                "Change Business Unit: Microsoft removes the user's direct role assignments when they move.",
                "See the roles received through teams, read-only, with the team named.",
            ],
            terms: &[
                "Security role",
                "Business unit",
                "Owner team",
                "Hierarchy security",
                "Column security",
            ],
            keys: &[],
        },
    ),
    (
        "/model/security-roles",
        ScreenHelp {
            title: "Security roles",
            summary: "Each security role's privilege grid: the eight privileges per table, each at None, User, Business Unit, Parent: Child Business Units or Organization, drawn as a circle that fills with depth and labelled in words.",
            tasks: &[
                "Design a role: click a cell to raise its level (Shift+click lowers), or click a column or row heading to cycle it.",
                "Apply Permission Settings presets to a row, or copy a table's permissions to others.",
                "Set Member's privilege inheritance, Miscellaneous privileges and Privacy-related privileges.",
                "Compare two roles side by side.",
            ],
            terms: &[
                "Privilege",
                "None",
                "User",
                "Business Unit",
                "Parent: Child Business Units",
                "Organization",
                "Member's privilege inheritance",
                "Permission Settings",
                "Record ownership",
                "Miscellaneous privileges",
            ],
            keys: &[
                ("Arrow keys", "move between cells"),
                ("Home / End", "start / end of the row"),
                ("Enter or Space", "next level"),
                ("Shift+Enter", "previous level"),
                (
                    "0 – 4",
                    "None, User, Business Unit, Parent: Child Business Units, Organization",
                ),
                ("Delete", "None"),
            ],
        },
    ),
    (
        "/model/tables",
        ScreenHelp {
            title: "Tables",
            summary: "The tables the model secures, with their Record ownership, secured columns and sample records.",
            tasks: &[
                "Set a table's Record ownership (User or Team, or Organization).",
                "Mark a table sensitive so the advisor and the leakage report watch who can take it out.",
                "Secure columns and see which column security profiles open them.",
            ],
            terms: &["Record ownership", "Column security", "Sample records"],
            keys: &[],
        },
    ),
    (
        "/model/settings",
        ScreenHelp {
            title: "Settings",
            summary: "Organisation settings that change how access is evaluated: modernized business units and hierarchy security.",
            tasks: &[
                "Switch Record ownership across business units on or off.",
                "Enable Hierarchy Modeling, pick Manager Hierarchy or Custom Position Hierarchy, set Depth and excluded tables.",
            ],
            terms: &[
                "Record ownership across business units",
                "Hierarchy security",
            ],
            keys: &[],
        },
    ),
    (
        "/simulate",
        ScreenHelp {
            title: "Simulate",
            summary: "Ask what the model means over the sample records: what a user can see, who can see a record, one user's access to one record (like Check Access), the users × tables matrix, and what-if changes.",
            tasks: &[
                "What can X see: pick a user, a table and a privilege; the count, the reach on the business unit tree and every record with its reason.",
                "Who can see R: pick a record; every user with the access type of each privilege, hierarchy managers included and marked.",
                "Check access: a user and a record, one row per privilege with the verdict and its path.",
                "What-if: change roles in a sandbox and see who gains or loses access before you apply it.",
                "Pin any answer as a check so it is re-run on every change.",
            ],
            terms: &[
                "User",
                "Business Unit",
                "Parent: Child Business Units",
                "Organization",
                "Sharing",
                "Hierarchy security",
                "Check Access",
                "Access team",
                "Sample records",
            ],
            keys: &[],
        },
    ),
    (
        "/test/advisor",
        ScreenHelp {
            title: "Advisor",
            summary: "The advisor's findings on the design: each with a severity (icon and word), the thing at fault, why it matters and a suggested fix.",
            tasks: &[
                "Review findings from errors down to infos and apply the fix in the designer.",
                "Accept a finding you have decided to live with: give a reason and Suppress; the reason is kept in the model and exported.",
            ],
            terms: &[
                "Advisor finding",
                "Miscellaneous privileges",
                "Organization",
                "Column security",
                "Sharing",
                "Hierarchy security",
            ],
            keys: &[],
        },
    ),
    (
        "/test/diff",
        ScreenHelp {
            title: "Diff",
            summary: "Two versions of the model side by side: snapshots, autosaves or an imported file, with the role grid changes and their effect on what users can see.",
            tasks: &[
                "Choose two versions; Ctrl+S takes a snapshot to compare later.",
                "Read changed privileges as before → after glyph pairs with their labels.",
            ],
            terms: &["Privilege", "Security role"],
            keys: &[],
        },
    ),
    (
        "/test",
        ScreenHelp {
            title: "Pinned checks",
            summary: "The pinned checks: questions with an expected answer, re-run against the model on every change, each shown as ✓ pass, ✗ fail or ○ not scored.",
            tasks: &[
                "Pin a check from any answer in Simulate.",
                "Import the checks of a scenario file, or export them as one.",
                "Follow a failing check to the explanation of the engine's answer.",
            ],
            terms: &["Pinned check", "Check Access", "Sample records"],
            keys: &[],
        },
    ),
    (
        "/export",
        ScreenHelp {
            title: "Export",
            summary: "Take the model out of the browser: rampart-model JSON, its JSON Schema, the data security inventory and role matrix as CSV, the leakage report, and the printed handouts.",
            tasks: &[
                "Download the model JSON (blocked, with the list, while validation finds errors); import it on another machine from the start screen.",
                "Download the inventory or role matrix CSV for the spreadsheets admins already keep.",
                "Print the workshop handout or the one-page leakage summary.",
            ],
            terms: &[
                "Miscellaneous privileges",
                "Sample records",
                "Advisor finding",
            ],
            keys: &[],
        },
    ),
    (
        "/handout/leakage",
        ScreenHelp {
            title: "Leakage summary",
            summary: "One printed page per model: for every table, who holds Read at which depth, who of them can also take records out of the CRM (Export to Excel, Print, Go Offline in Outlook, Sync to Outlook …), and the most sample records one person could move.",
            tasks: &[
                "Print… opens the browser's print dialog; choose A4 or US Letter, portrait, or save as PDF.",
                "Read ⚠ rows first: sensitive tables whose readers can move records out.",
            ],
            terms: &[
                "Organization",
                "Parent: Child Business Units",
                "Business Unit",
                "User",
                "Miscellaneous privileges",
                "Sample records",
            ],
            keys: &[],
        },
    ),
    (
        "/handout",
        ScreenHelp {
            title: "Handout",
            summary: "A printable summary of the model for a workshop: the business unit tree, the security roles × tables matrix, who can see each sensitive table, the advisor's findings and the pinned checks with their status.",
            tasks: &[
                "Choose which privileges the matrix prints (Read and Write by default).",
                "Print… opens the browser's print dialog; the layout fits A4 and US Letter, portrait, without the app's navigation.",
            ],
            terms: &[
                "None",
                "User",
                "Business Unit",
                "Parent: Child Business Units",
                "Organization",
                "Advisor finding",
                "Pinned check",
            ],
            keys: &[],
        },
    ),
    (
        "/workspaces",
        ScreenHelp {
            title: "Workspaces",
            summary: "The models kept in this browser: open, rename, duplicate or delete them, and see their snapshots. Nothing is sent to a server.",
            tasks: &[
                "Open a saved workspace, or import a rampart-model JSON file.",
                "Take a named snapshot (\"before workshop\"); Restore one to go back to it, or Compare with current to see who gains or loses access since.",
                "Generate sample records: they are added to the existing ones unless you tick Replace existing records.",
                "Import the records of one table from CSV: download its template, map the columns, choose a fallback owner for rows whose owner is unknown, and keep the report of rejected rows.",
            ],
            terms: &["Sample records"],
            keys: &[],
        },
    ),
    (
        "/bench",
        ScreenHelp {
            title: "Benchmark",
            summary: "Times the engine in this browser: generate 100,000 records, save them to browser storage, load them back, build the indexes and ask one what-can-X-see question.",
            tasks: &[
                "Run the benchmark; it uses its own database, so saved workspaces are never touched.",
            ],
            terms: &["Sample records"],
            keys: &[],
        },
    ),
    (
        "/",
        ScreenHelp {
            title: "Start",
            summary: "Start a model: open a demo organisation, start empty (a root business unit and System Administrator), or import a rampart-model JSON file.",
            tasks: &[
                "Open a demo org to explore a complete model with sample records and pinned checks.",
                "Recent workspaces are listed below and kept in this browser only.",
            ],
            terms: DESIGN_TERMS,
            keys: &[],
        },
    ),
];

/// The help entry for a URL path: the longest matching path prefix (at a `/` boundary).
pub fn screen_for(path: &str) -> &'static ScreenHelp {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let matches = |prefix: &str| {
        prefix == "/"
            || path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    let home = &SCREENS[SCREENS.len() - 1].1;
    SCREENS
        .iter()
        .filter(|(prefix, _)| matches(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map_or(home, |(_, help)| help)
}

/// The term called `name`.
pub fn term(name: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.name == name)
}

/// The names of the five access levels, as the role editor shows them.
pub fn depth_terms() -> [&'static str; 5] {
    DEPTH_TERMS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::NAV_GROUPS;

    #[test]
    fn every_view_has_help_named_after_it() {
        for section in NAV_GROUPS.iter().flat_map(|g| g.sections.iter()) {
            let help = screen_for(section.path());
            let expected = match section.label() {
                "Test" => "Pinned checks",
                label => label,
            };
            assert_eq!(help.title, expected, "{}", section.path());
        }
        assert_eq!(
            screen_for("/model/security-roles/role_x").title,
            "Security roles"
        );
        assert_eq!(screen_for("/simulate/who?record=a").title, "Simulate");
        assert_eq!(screen_for("/test/advisor").title, "Advisor");
        assert_eq!(screen_for("/handout/leakage").title, "Leakage summary");
        assert_eq!(screen_for("/handout").title, "Handout");
        assert_eq!(screen_for("/").title, "Start");
        assert_eq!(
            screen_for("/handouts").title,
            "Start",
            "prefixes end at a slash"
        );
    }

    #[test]
    fn every_term_a_screen_names_is_explained() {
        for (_, screen) in SCREENS {
            assert!(!screen.tasks.is_empty(), "{}", screen.title);
            for name in screen.terms {
                assert!(
                    term(name).is_some(),
                    "{}: unknown term {name}",
                    screen.title
                );
            }
        }
    }

    #[test]
    fn depth_terms_are_the_role_editor_labels() {
        let labels: Vec<&str> = engine::model::Depth::ALL
            .iter()
            .map(|d| d.label())
            .collect();
        assert_eq!(depth_terms().to_vec(), labels);
        for name in depth_terms() {
            assert!(term(name).is_some(), "{name}");
        }
    }
}
