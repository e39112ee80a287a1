//! CSV exports (RFC 4180): the data security inventory and the role × privilege matrix.

use crate::data::Dataset;
use crate::eval::grants;
use crate::leakage::sensitivity;
use crate::model::{Depth, Model, Principal, PrivSet, Role, RoleId, TableId, UserId, Verb};

/// One CSV field, quoted when it holds a comma, a double quote, CR or LF (RFC 4180 §2.6, §2.7).
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Appends one record (row) ending in CRLF (RFC 4180 §2.1).
fn push_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    let line: Vec<String> = fields.iter().map(|f| field(f.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// Header of [`inventory`].
pub const INVENTORY_HEADER: [&str; 8] = [
    "table",
    "ownership",
    "owner type",
    "secured columns",
    "sensitive",
    "who reads it",
    "users who can read",
    "business rule",
];

/// The data security inventory (seed file 001): one row per table, in name order.
///
/// - `owner type`: for owned tables, who owns the sample records (`user`, `team`, `user, team`,
///   `none yet`), or `user or team` without data; `n/a` for organization-owned tables, `business
///   unit` for business-owned ones.
/// - `secured columns`: `;`-separated. `sensitive`: the criteria that make it sensitive
///   (`flagged`, `secured columns`, `people`).
/// - `who reads it`: every role granting Read with its depth label, `;`-separated; System
///   Administrator first when someone holds it.
/// - `users who can read`: enabled users passing the Read privilege check (EVAL-2).
/// - `business rule`: left empty for admins to write how the owner is determined.
pub fn inventory(model: &Model, data: Option<&Dataset>) -> String {
    let mut out = String::new();
    push_row(&mut out, &INVENTORY_HEADER);
    let sysadmin_held = model.roles.iter().enumerate().any(|(i, r)| {
        r.is_system_administrator()
            && !crate::lint::holders(model, RoleId::from_index(i)).is_empty()
    });
    let mut tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
    tables.sort_by_key(|t| model.table_name(*t));
    let enabled: Vec<UserId> = (0..model.users.len())
        .map(UserId::from_index)
        .filter(|u| model.users.get(u.index()).is_some_and(|x| x.enabled))
        .collect();
    for table_id in tables {
        let Some(table) = model.tables.get(table_id.index()) else {
            continue;
        };
        let set = model.priv_set(table_id);
        let owner_type = if !table.ownership.has_owner() {
            match table.ownership {
                crate::model::Ownership::BusinessOwned => "business unit".to_string(),
                _ => "n/a".to_string(),
            }
        } else {
            match data {
                None => "user or team".to_string(),
                Some(data) => {
                    let owners = data
                        .records
                        .iter()
                        .filter(|r| r.table == table_id)
                        .filter_map(|r| r.owner);
                    let (mut users, mut teams) = (false, false);
                    for owner in owners {
                        match owner {
                            Principal::User(_) => users = true,
                            Principal::Team(_) => teams = true,
                            Principal::Organization => {}
                        }
                    }
                    match (users, teams) {
                        (true, true) => "user, team".to_string(),
                        (true, false) => "user".to_string(),
                        (false, true) => "team".to_string(),
                        (false, false) => "none yet".to_string(),
                    }
                }
            }
        };
        let sensitive: Vec<&str> = sensitivity(model, table_id)
            .iter()
            .map(|s| match s {
                crate::leakage::Sensitivity::Flagged => "flagged",
                crate::leakage::Sensitivity::SecuredColumns => "secured columns",
                crate::leakage::Sensitivity::People => "people",
            })
            .collect();
        let mut readers: Vec<String> = Vec::new();
        if sysadmin_held {
            readers.push("SystemAdministrator: Organization".to_string());
        }
        let mut roles: Vec<&Role> = model
            .roles
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                !r.is_system_administrator()
                    && r.depth(set, Verb::Read) != Depth::None
                    && crate::lint::role_in_play(model, RoleId::from_index(*i))
            })
            .map(|(_, r)| r)
            .collect();
        roles.sort_by(|a, b| a.name.cmp(&b.name));
        readers.extend(
            roles
                .iter()
                .map(|r| format!("{}: {}", r.name, r.depth(set, Verb::Read).label())),
        );
        let n_readers = enabled
            .iter()
            .filter(|u| {
                grants::system_administrator(model, **u).is_some()
                    || !grants::grants(model, **u, set, Verb::Read).is_empty()
            })
            .count();
        let columns: Vec<&str> = table.secured_columns.iter().map(String::as_str).collect();
        push_row(
            &mut out,
            &[
                table.name.clone(),
                table.ownership.as_str().to_string(),
                owner_type,
                columns.join("; "),
                sensitive.join("; "),
                readers.join("; "),
                n_readers.to_string(),
                String::new(),
            ],
        );
    }
    out
}

/// Header of [`roles`].
pub const ROLES_HEADER: [&str; 14] = [
    "role",
    "business unit",
    "member's privilege inheritance",
    "kind",
    "privilege",
    "Create",
    "Read",
    "Write",
    "Delete",
    "Append",
    "Append To",
    "Assign",
    "Share",
    "access level",
];

/// The role × privilege matrix: for every role (name order), one `table` row per table (name
/// order, then `activity` for the one Activity privilege set, ACT-1) with a depth label per verb,
/// then one `misc` row per miscellaneous privilege any role mentions, its label in the last
/// column. Labels: None, User, Business Unit, Parent: Child Business Units, Organization.
///
/// Predefined roles appear only when someone holds them or the model gives them privileges;
/// System Administrator's rows read Organization everywhere, which is what it does (EVAL-8).
pub fn roles(model: &Model) -> String {
    let mut out = String::new();
    push_row(&mut out, &ROLES_HEADER);
    let mut sets: Vec<(String, PrivSet)> = Vec::new();
    let mut has_activity = false;
    for (i, table) in model.tables.iter().enumerate() {
        match model.priv_set(TableId::from_index(i)) {
            PrivSet::Activity => has_activity = true,
            set => sets.push((table.name.clone(), set)),
        }
    }
    sets.sort_by(|a, b| a.0.cmp(&b.0));
    if has_activity
        || model
            .roles
            .iter()
            .any(|r| r.privileges.contains_key(&PrivSet::Activity))
    {
        sets.push(("activity".to_string(), PrivSet::Activity));
    }
    let mut misc: Vec<&str> = model
        .roles
        .iter()
        .flat_map(|r| r.misc.keys().map(String::as_str))
        .collect();
    misc.sort_unstable();
    misc.dedup();
    let mut roles: Vec<(RoleId, &Role)> = model
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (RoleId::from_index(i), r))
        .filter(|(id, _)| crate::lint::role_in_play(model, *id))
        .collect();
    roles.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    for (_, role) in roles {
        let inheritance = match role.inheritance {
            crate::model::Inheritance::Direct => {
                "Direct User (Basic) access level and Team privileges"
            }
            crate::model::Inheritance::TeamOnly => "Team privileges only",
        };
        let head = [
            role.name.clone(),
            model.bu_name(role.bu).to_string(),
            inheritance.to_string(),
        ];
        for (name, set) in &sets {
            let mut row: Vec<String> = head.to_vec();
            row.push("table".to_string());
            row.push(name.clone());
            for verb in Verb::ALL {
                let depth = if role.is_system_administrator() {
                    Depth::Org
                } else {
                    role.depth(*set, verb)
                };
                row.push(depth.label().to_string());
            }
            row.push(String::new());
            push_row(&mut out, &row);
        }
        for name in &misc {
            let depth = if role.is_system_administrator() {
                Depth::Org
            } else {
                role.misc.get(*name).copied().unwrap_or(Depth::None)
            };
            let mut row: Vec<String> = head.to_vec();
            row.push("misc".to_string());
            row.push((*name).to_string());
            row.extend(std::iter::repeat_n(String::new(), Verb::ALL.len()));
            row.push(depth.label().to_string());
            push_row(&mut out, &row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario;

    fn load(yaml: &str) -> scenario::Scenario {
        scenario::load(yaml, &|_| Err("no base".into())).unwrap()
    }

    #[test]
    fn rfc_4180_quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(""), "");
    }

    const FIXTURE: &str = "
business_units: {Root: null, Sales: Root}
tables:
  contact: user_or_team
  product: organization
  task: activity
secured_columns: [contact.birthdate]
roles:
  R_sales: {privileges: {contact: {read: bu, write: user}, activity: {read: user}}, misc: {prvExportToExcel: org}}
  R_team: {inheritance: team_only, privileges: {product: {read: org}}}
users:
  U1: {bu: Sales, roles: [R_sales]}
teams:
  T1: {type: owner, bu: Sales, members: [U1], roles: [R_team]}
records:
  C1: {table: contact, owner: U1}
  C2: {table: contact, owner: T1}
";

    #[test]
    fn inventory_rows() {
        let loaded = load(FIXTURE);
        let csv = inventory(&loaded.model, Some(&loaded.data));
        let expected = "table,ownership,owner type,secured columns,sensitive,who reads it,users who can read,business rule\r\n\
contact,user_or_team,\"user, team\",birthdate,secured columns; people,SystemAdministrator: Organization; R_sales: Business Unit,2,\r\n\
product,organization,n/a,,,SystemAdministrator: Organization; R_team: Organization,2,\r\n\
task,activity,none yet,,,SystemAdministrator: Organization; R_sales: User,2,\r\n";
        assert_eq!(csv, expected);
    }

    #[test]
    fn role_matrix_rows() {
        let loaded = load(FIXTURE);
        let csv = roles(&loaded.model);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "role,business unit,member's privilege inheritance,kind,privilege,Create,Read,Write,Delete,Append,Append To,Assign,Share,access level"
        );
        assert!(lines.contains(
            &"R_sales,Root,Direct User (Basic) access level and Team privileges,table,contact,None,Business Unit,User,None,None,None,None,None,"
        ));
        assert!(lines.contains(
            &"R_sales,Root,Direct User (Basic) access level and Team privileges,misc,prvExportToExcel,,,,,,,,,Organization"
        ));
        assert!(lines.contains(
            &"R_team,Root,Team privileges only,table,activity,None,None,None,None,None,None,None,None,"
        ));
        assert!(lines.contains(
            &"SystemAdministrator,Root,Direct User (Basic) access level and Team privileges,table,product,Organization,Organization,Organization,Organization,Organization,Organization,Organization,Organization,"
        ));
        assert!(
            !csv.contains("BasicUser"),
            "unheld, empty predefined roles are left out"
        );
        assert_eq!(csv, roles(&loaded.model), "byte-stable");
    }

    #[test]
    fn demo_exports_are_byte_stable() {
        for demo in crate::demo::DEMO_ORGS {
            let a = load(demo.yaml);
            let b = load(demo.yaml);
            assert_eq!(
                inventory(&a.model, Some(&a.data)),
                inventory(&b.model, Some(&b.data))
            );
            assert_eq!(roles(&a.model), roles(&b.model));
            assert!(inventory(&a.model, Some(&a.data)).ends_with("\r\n"));
        }
    }
}
