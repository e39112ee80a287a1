//! The leakage report: for every table, who can read it and at what depth, who of them can also
//! move data out of the CRM (Export to Excel, Print, Go Offline, Sync to Outlook, Mail Merge,
//! Document Generation …, ROLE-13), and how many sample records each could take.
//!
//! Seed file 000 ("CRM Export Security – Mitigating Data Leakage Risk") and seed file 003 (sync
//! leaking data to Google and phones) are the why: once exported or synchronised, records leave
//! the security model. Whether these client-feature privileges also restrict API reads is not
//! documented (A-18); the report counts what the privileged clients can move.
//!
//! Reach comes from [`crate::query::counts_per_table`] and [`crate::eval::UserFacts`]; this module
//! only arranges it. Disabled users are left out: they cannot sign in.
//!
//! # Format (JSON, `rampart leakage FILE --json`)
//! ```text
//! { "tables": [ {
//!     "table": "contact", "ownership": "user_or_team",
//!     "sensitive": ["secured_columns", "people"],      // why the table counts as sensitive
//!     "secured_columns": ["birthdate"],
//!     "n_records": 16,
//!     "n_readers": 30,            // enabled users reaching at least one record
//!     "n_exfiltrators": 12,       // readers who also hold a privilege of EXFILTRATION_PRIVILEGES
//!     "max_records_exfiltrable": 16,
//!     "roles": [ { "role": "role_cs_agent", "read": "org", "n_holders": 4,
//!                  "exfiltration": ["prvExportToExcel", "prvPrint"] } ],
//!     "users": [ { "user": "u_cs_agent3", "bu": "bu_cs_centre", "read": "org",
//!                  "read_roles": ["role_cs_agent"], "n_readable": 16,
//!                  "exfiltration": [ { "privilege": "prvExportToExcel", "label": "Export to Excel",
//!                                      "bulk": true, "roles": ["role_cs_agent"] } ],
//!                  "n_exfiltrable": 16, "secured_columns_readable": ["birthdate"] } ] } ] }
//! ```
//! Depths are the format tokens `none`, `user`, `bu`, `pcbu`, `org`. Tables, roles and users keep
//! model order.

use serde::Serialize;

use crate::data::Dataset;
use crate::eval::column::column_permission;
use crate::eval::{UserFacts, grants};
use crate::model::{Depth, Model, RoleId, TableId, UserId, Verb};
use crate::query::{self, DataIndex};

/// A misc or privacy privilege that lets data leave the CRM (ROLE-13).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExfiltrationPrivilege {
    /// Privilege name, `prvExportToExcel`.
    pub name: &'static str,
    /// Role editor label.
    pub label: &'static str,
    /// Whether it moves many records at once (export, sync, offline, merge, templates) rather
    /// than what is on screen.
    pub bulk: bool,
}

/// The privileges of ROLE-13 through which records leave the CRM.
pub const EXFILTRATION_PRIVILEGES: &[ExfiltrationPrivilege] = &[
    ExfiltrationPrivilege {
        name: "prvExportToExcel",
        label: "Export to Excel",
        bulk: true,
    },
    ExfiltrationPrivilege {
        name: "prvSyncToOutlook",
        label: "Sync to Outlook",
        bulk: true,
    },
    ExfiltrationPrivilege {
        name: "prvGoOffline",
        label: "Go Offline in Outlook",
        bulk: true,
    },
    ExfiltrationPrivilege {
        name: "prvMailMerge",
        label: "Mail Merge",
        bulk: true,
    },
    ExfiltrationPrivilege {
        name: "prvDocumentGeneration",
        label: "Document Generation",
        bulk: true,
    },
    ExfiltrationPrivilege {
        name: "prvPrint",
        label: "Print",
        bulk: false,
    },
    ExfiltrationPrivilege {
        name: "prvUseTabletApp",
        label: "Dynamics 365 for mobile",
        bulk: false,
    },
    ExfiltrationPrivilege {
        name: "prvUseOfficeApps",
        label: "Use Dynamics 365 App for Outlook",
        bulk: false,
    },
];

/// The exfiltration privilege called `name`, if it is one.
pub fn exfiltration_privilege(name: &str) -> Option<&'static ExfiltrationPrivilege> {
    EXFILTRATION_PRIVILEGES.iter().find(|p| p.name == name)
}

/// Tables holding people (seed file 000: customer and prospect lists).
pub const PEOPLE_TABLES: &[&str] = &["contact", "lead"];

/// Why a table counts as sensitive for the advisor and this report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// The designer marked the table sensitive.
    Flagged,
    /// The table has columns under column security (FLS-1).
    SecuredColumns,
    /// The table holds people ([`PEOPLE_TABLES`]).
    People,
}

impl Sensitivity {
    /// The criterion as a phrase: "marked sensitive", "has secured columns", "holds people".
    pub fn describe(self) -> &'static str {
        match self {
            Sensitivity::Flagged => "is marked sensitive",
            Sensitivity::SecuredColumns => "has secured columns",
            Sensitivity::People => "holds people (a contact or lead table)",
        }
    }
}

/// Every criterion by which `table` is sensitive; empty when it is not.
pub fn sensitivity(model: &Model, table: TableId) -> Vec<Sensitivity> {
    let Some(t) = model.tables.get(table.index()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if t.sensitive {
        out.push(Sensitivity::Flagged);
    }
    if !t.secured_columns.is_empty() {
        out.push(Sensitivity::SecuredColumns);
    }
    if PEOPLE_TABLES.contains(&t.name.as_str()) {
        out.push(Sensitivity::People);
    }
    out
}

/// The exfiltration privileges a user holds, each with the roles granting it (directly or
/// through teams, ROLE-4). System Administrator holds all of them (EVAL-8).
pub fn exfiltration_grants(
    model: &Model,
    user: UserId,
) -> Vec<(&'static ExfiltrationPrivilege, Vec<RoleId>)> {
    let sources = grants::role_sources(model, user);
    let mut roles: Vec<RoleId> = sources.iter().map(|(a, _, _)| a.role).collect();
    roles.sort_unstable();
    roles.dedup();
    EXFILTRATION_PRIVILEGES
        .iter()
        .filter_map(|p| {
            let granting: Vec<RoleId> = roles
                .iter()
                .copied()
                .filter(|r| {
                    model.roles.get(r.index()).is_some_and(|role| {
                        role.is_system_administrator()
                            || role.misc.get(p.name).is_some_and(|d| *d != Depth::None)
                    })
                })
                .collect();
            (!granting.is_empty()).then_some((p, granting))
        })
        .collect()
}

/// The whole report: one entry per table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeakageReport {
    /// Tables in model order.
    pub tables: Vec<TableLeakage>,
}

/// Who reads one table and who can move it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableLeakage {
    /// Table name.
    pub table: String,
    /// Ownership token (`user_or_team`, `organization` …).
    pub ownership: &'static str,
    /// Why the table counts as sensitive; empty when it does not.
    pub sensitive: Vec<Sensitivity>,
    /// Secured columns.
    pub secured_columns: Vec<String>,
    /// Sample records of the table.
    pub n_records: usize,
    /// Enabled users reaching at least one record.
    pub n_readers: usize,
    /// Readers who also hold an exfiltration privilege.
    pub n_exfiltrators: usize,
    /// The most records one exfiltrator can move.
    pub max_records_exfiltrable: usize,
    /// Roles granting Read on the table, with their exfiltration privileges.
    pub roles: Vec<RoleReach>,
    /// Enabled users who pass the Read privilege check (EVAL-2) for the table.
    pub users: Vec<UserReach>,
}

/// A role's Read on one table and what it lets holders move out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleReach {
    /// Role name.
    pub role: String,
    /// Read depth token.
    pub read: &'static str,
    /// Users holding the role, directly or through teams.
    pub n_holders: usize,
    /// Exfiltration privileges the role grants.
    pub exfiltration: Vec<&'static str>,
}

/// One user's reach on one table and what they could move out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserReach {
    /// User name.
    pub user: String,
    /// The user's BU.
    pub bu: String,
    /// Deepest Read depth the user holds on the table (`org` for System Administrator).
    pub read: &'static str,
    /// Roles giving the Read privilege.
    pub read_roles: Vec<String>,
    /// Sample records the user can read.
    pub n_readable: usize,
    /// Exfiltration privileges the user holds.
    pub exfiltration: Vec<ExfiltrationGrant>,
    /// Records the user could move out: `n_readable` when they hold any exfiltration privilege.
    pub n_exfiltrable: usize,
    /// Secured columns of the table the user can read (they travel with an export).
    pub secured_columns_readable: Vec<String>,
}

/// One exfiltration privilege of a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExfiltrationGrant {
    /// Privilege name.
    pub privilege: &'static str,
    /// Role editor label.
    pub label: &'static str,
    /// Whether it moves records in bulk.
    pub bulk: bool,
    /// Roles granting it.
    pub roles: Vec<String>,
}

/// Builds the report over the sample data.
pub fn report(model: &Model, data: &Dataset, index: &DataIndex) -> LeakageReport {
    struct UserRow {
        user: UserId,
        facts: UserFacts,
        counts: Vec<(TableId, usize)>,
        exfiltration: Vec<ExfiltrationGrant>,
    }
    let rows: Vec<UserRow> = (0..model.users.len())
        .map(UserId::from_index)
        .filter(|u| model.users.get(u.index()).is_some_and(|x| x.enabled))
        .map(|user| UserRow {
            user,
            facts: UserFacts::new(model, user),
            counts: query::counts_per_table(model, data, index, user, Verb::Read),
            exfiltration: exfiltration_grants(model, user)
                .into_iter()
                .map(|(p, roles)| ExfiltrationGrant {
                    privilege: p.name,
                    label: p.label,
                    bulk: p.bulk,
                    roles: roles
                        .iter()
                        .map(|r| model.role_name(*r).to_string())
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let tables = (0..model.tables.len())
        .map(TableId::from_index)
        .filter_map(|table_id| {
            let table = model.tables.get(table_id.index())?;
            let set = model.priv_set(table_id);
            let roles = model
                .roles
                .iter()
                .enumerate()
                .filter_map(|(i, role)| {
                    let read = if role.is_system_administrator() {
                        Depth::Org
                    } else {
                        role.depth(set, Verb::Read)
                    };
                    if read == Depth::None {
                        return None;
                    }
                    let n_holders = crate::lint::holders(model, RoleId::from_index(i)).len();
                    if role.is_system_administrator() && n_holders == 0 {
                        return None;
                    }
                    Some(RoleReach {
                        role: role.name.clone(),
                        read: read.as_str(),
                        n_holders,
                        exfiltration: EXFILTRATION_PRIVILEGES
                            .iter()
                            .filter(|p| {
                                role.is_system_administrator()
                                    || role.misc.get(p.name).is_some_and(|d| *d != Depth::None)
                            })
                            .map(|p| p.name)
                            .collect(),
                    })
                })
                .collect();
            let users: Vec<UserReach> = rows
                .iter()
                .filter_map(|row| {
                    let read_grants = row.facts.grants(model, set, Verb::Read);
                    let sysadmin = row.facts.sysadmin.is_some();
                    if !sysadmin && read_grants.is_empty() {
                        return None;
                    }
                    let read = if sysadmin {
                        Depth::Org
                    } else {
                        read_grants
                            .iter()
                            .map(|g| g.depth)
                            .max()
                            .unwrap_or(Depth::None)
                    };
                    let mut read_roles: Vec<String> = if sysadmin {
                        vec!["SystemAdministrator".to_string()]
                    } else {
                        read_grants
                            .iter()
                            .map(|g| model.role_name(g.role).to_string())
                            .collect()
                    };
                    read_roles.dedup();
                    let n_readable = row
                        .counts
                        .iter()
                        .find(|(t, _)| *t == table_id)
                        .map_or(0, |(_, n)| *n);
                    let n_exfiltrable = if row.exfiltration.is_empty() {
                        0
                    } else {
                        n_readable
                    };
                    Some(UserReach {
                        user: model.user_name(row.user).to_string(),
                        bu: model
                            .users
                            .get(row.user.index())
                            .map_or("?", |u| model.bu_name(u.bu))
                            .to_string(),
                        read: read.as_str(),
                        read_roles,
                        n_readable,
                        exfiltration: row.exfiltration.clone(),
                        n_exfiltrable,
                        secured_columns_readable: table
                            .secured_columns
                            .iter()
                            .filter(|c| column_permission(model, row.user, table_id, c, |p| p.read))
                            .cloned()
                            .collect(),
                    })
                })
                .collect();
            Some(TableLeakage {
                table: table.name.clone(),
                ownership: table.ownership.as_str(),
                sensitive: sensitivity(model, table_id),
                secured_columns: table.secured_columns.iter().cloned().collect(),
                n_records: index.records_of(table_id).len(),
                n_readers: users.iter().filter(|u| u.n_readable > 0).count(),
                n_exfiltrators: users.iter().filter(|u| u.n_exfiltrable > 0).count(),
                max_records_exfiltrable: users.iter().map(|u| u.n_exfiltrable).max().unwrap_or(0),
                roles,
                users,
            })
        })
        .collect();
    LeakageReport { tables }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DEMO_ORGS;
    use crate::scenario;

    fn demo_report(i: usize) -> LeakageReport {
        let yaml = DEMO_ORGS.get(i).map(|d| d.yaml).unwrap_or_default();
        let loaded = scenario::load(yaml, &|_| Err("no base".into())).unwrap();
        let index = DataIndex::build(&loaded.model, &loaded.data);
        report(&loaded.model, &loaded.data, &index)
    }

    #[test]
    fn department_store_cs_agents_can_export_every_contact() {
        let report = demo_report(0);
        let contact = report.tables.iter().find(|t| t.table == "contact").unwrap();
        assert_eq!(
            contact.sensitive,
            vec![Sensitivity::SecuredColumns, Sensitivity::People]
        );
        let temp = contact
            .users
            .iter()
            .find(|u| u.user == "u_cs_agent3")
            .unwrap();
        assert_eq!(temp.read, "org");
        assert_eq!(temp.n_readable, contact.n_records);
        assert_eq!(temp.n_exfiltrable, contact.n_records);
        assert_eq!(temp.secured_columns_readable, vec!["birthdate".to_string()]);
        assert!(
            temp.exfiltration
                .iter()
                .any(|g| g.privilege == "prvExportToExcel" && g.roles == ["role_cs_agent"])
        );
        assert_eq!(contact.max_records_exfiltrable, contact.n_records);
    }

    #[test]
    fn department_store_marketing_syncs_every_activity() {
        let report = demo_report(0);
        let phonecall = report
            .tables
            .iter()
            .find(|t| t.table == "phonecall")
            .unwrap();
        let marketing = phonecall
            .users
            .iter()
            .find(|u| u.user == "u_marketing_exec1")
            .unwrap();
        assert_eq!(marketing.read, "org");
        assert!(marketing.n_exfiltrable > 0);
        assert!(
            marketing
                .exfiltration
                .iter()
                .any(|g| g.privilege == "prvSyncToOutlook")
        );
        let role = phonecall
            .roles
            .iter()
            .find(|r| r.role == "role_marketing")
            .unwrap();
        assert_eq!(
            role.exfiltration,
            vec!["prvSyncToOutlook", "prvGoOffline", "prvPrint"]
        );
    }

    #[test]
    fn store_clerk_reaches_only_their_store() {
        let report = demo_report(0);
        let contact = report.tables.iter().find(|t| t.table == "contact").unwrap();
        let clerk = contact
            .users
            .iter()
            .find(|u| u.user == "u_leeds_clerk1")
            .unwrap();
        assert_eq!(clerk.read, "bu");
        assert!(clerk.n_readable < contact.n_records);
        assert_eq!(clerk.n_exfiltrable, clerk.n_readable, "clerks hold Print");
        assert!(clerk.secured_columns_readable.is_empty());
    }

    #[test]
    fn report_serializes() {
        let report = demo_report(1);
        let json = serde_json::to_string(&report).unwrap();
        assert!(json.contains("\"table\":\"lead\""));
    }
}
