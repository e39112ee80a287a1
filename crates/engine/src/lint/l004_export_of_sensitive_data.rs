// Lint: L004 export-of-sensitive-data
//
// What: a role grants a privilege that moves data out of the CRM (Export to Excel, Sync to
// Outlook, Go Offline, Mail Merge, Document Generation; Print and the mobile / Outlook apps at
// lower severity) while it reads a sensitive table at Organization depth. A table is sensitive
// when it is marked sensitive, holds people (contact, lead), or has secured columns that a holder
// of the role can read (otherwise no secured value leaves); the explanation says which criterion
// fired.
// Why: exported and synchronised records leave the security model: "a list of all customer
// records is stolen by an employee before accepting a position with a competitor" (seed file
// 000); synchronised contacts land in Google or on phones without any of the CRM's granular
// security (seed file 003). ROLE-13 lists these privileges; whether they also restrict API reads
// is not documented (A-18).
// Fix: take the privilege off the role and give it through a small separate role to the few who
// need it, or lower the role's Read on the sensitive tables below Organization.
//! L004: data-moving privileges on roles that read sensitive tables organization-wide (ROLE-13).

use super::{Ctx, Finding, Lint, Severity, holders, name_list, plural};
use crate::eval::column::column_permission;
use crate::leakage::{EXFILTRATION_PRIVILEGES, Sensitivity, sensitivity};
use crate::model::{Depth, Model, PrivSet, RoleId, TableId, UserId, Verb};

pub(super) const LINT: Lint = Lint {
    id: "L004",
    slug: "export-of-sensitive-data",
    summary: "a role that reads sensitive tables organization-wide can export, print, sync or take them offline",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (r, role) in model.roles.iter().enumerate() {
        if role.is_system_administrator() {
            continue;
        }
        let role_holders = holders(model, RoleId::from_index(r));
        // Sensitive tables the role reads at Organization depth, with why each is sensitive. Secured
        // columns count only when a holder can read one: otherwise none travels with the data.
        let tables: Vec<(TableId, Vec<Sensitivity>)> = (0..model.tables.len())
            .map(TableId::from_index)
            .filter(|t| role.depth(model.priv_set(*t), Verb::Read) == Depth::Org)
            .map(|t| {
                let mut why = sensitivity(model, t);
                if !readable_secured_columns(model, &role_holders, t).is_empty() {
                    return (t, why);
                }
                why.retain(|s| *s != Sensitivity::SecuredColumns);
                (t, why)
            })
            .filter(|(_, why)| !why.is_empty())
            .collect();
        if tables.is_empty() {
            continue;
        }
        let privileges: Vec<_> = EXFILTRATION_PRIVILEGES
            .iter()
            .filter(|p| role.misc.get(p.name).is_some_and(|d| *d != Depth::None))
            .collect();
        if privileges.is_empty() {
            continue;
        }
        let holder_names: Vec<&str> = role_holders.iter().map(|u| model.user_name(*u)).collect();
        let table_names: Vec<&str> = tables.iter().map(|(t, _)| model.table_name(*t)).collect();
        let criteria: Vec<String> = tables
            .iter()
            .map(|(t, why)| {
                let reasons: Vec<&str> = why.iter().map(|s| s.describe()).collect();
                let mut line = format!("`{}` {}", model.table_name(*t), reasons.join(" and "));
                if model.priv_set(*t) == PrivSet::Activity {
                    line.push_str(" (read through the one Activity privilege, ACT-1)");
                }
                line
            })
            .collect();
        // Secured columns the role's holders can read: they travel with the data (FLS-5).
        let columns: Vec<String> = tables
            .iter()
            .flat_map(|(t, _)| readable_secured_columns(model, &role_holders, *t))
            .collect();
        let column_note = if columns.is_empty() {
            String::new()
        } else {
            format!(
                " Holders can also read the secured {} {} through column security profiles, so \
                 {} in what leaves (FLS-5).",
                if columns.len() == 1 {
                    "column"
                } else {
                    "columns"
                },
                name_list(&columns, 6),
                if columns.len() == 1 {
                    "it travels"
                } else {
                    "they travel"
                }
            )
        };
        let holder_note = if role_holders.is_empty() {
            "No user holds the role yet.".to_string()
        } else {
            format!(
                "{} {} the role: {}.",
                plural(role_holders.len(), "user", "users"),
                if role_holders.len() == 1 {
                    "holds"
                } else {
                    "hold"
                },
                name_list(&holder_names, 6)
            )
        };
        for privilege in privileges {
            let seed = if matches!(privilege.name, "prvSyncToOutlook" | "prvGoOffline") {
                "seed file 003: synchronised and offline copies sit in Outlook, Google and on \
                 phones with none of the CRM's security, and a wipe cannot reach a backup"
            } else {
                "seed file 000: customer lists, prospect lists and contact history are the data \
                 that leaks, e.g. a full customer list taken before joining a competitor"
            };
            out.push(LINT.finding(
                if privilege.bulk {
                    Severity::Warning
                } else {
                    Severity::Info
                },
                format!("roles.{}.misc.{}", role.name, privilege.name),
                format!(
                    "role `{}` grants `{}` while it reads {} organization-wide",
                    role.name,
                    privilege.name,
                    name_list(&table_names, 4)
                ),
                format!(
                    "{} ({}) lets every holder move what they can read out of the CRM, where \
                     Dataverse security no longer applies (ROLE-13; {seed}; A-18: whether it \
                     also limits API reads is not documented). Sensitive because {}. {holder_note}{column_note}",
                    privilege.label,
                    if privilege.bulk {
                        "in bulk"
                    } else {
                        "what is on screen"
                    },
                    criteria.join("; ")
                ),
                format!(
                    "set `{}` to None on `{}` and grant it through a separate role to the few who need it, or lower Read on {} below Organization",
                    privilege.name,
                    role.name,
                    name_list(&table_names, 4)
                ),
            ));
        }
    }
    out
}

/// `table.column` for each secured column of `table` that one of `users` can read (FLS-2, FLS-3).
fn readable_secured_columns(model: &Model, users: &[UserId], table: TableId) -> Vec<String> {
    let Some(t) = model.tables.get(table.index()) else {
        return Vec::new();
    };
    t.secured_columns
        .iter()
        .filter(|column| {
            users
                .iter()
                .any(|u| column_permission(model, *u, table, column, |p| p.read))
        })
        .map(|column| format!("{}.{}", t.name, column))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::lint::check::{check, findings};

    const FIXTURE: &str = r#"
        business_units: {Root: null}
        tables:
          contact: user_or_team
          account: user_or_team
          invoice: {ownership: user_or_team, sensitive: true}
          product: organization
        secured_columns: [product.standardcost]
        roles:
          R_Export: {privileges: {contact: {read: org}, account: {read: org}}, misc: {prvExportToExcel: org, prvPrint: org, prvBulkDelete: org}}
          R_Local: {privileges: {contact: {read: bu}}, misc: {prvExportToExcel: org}}
          R_Accounts: {privileges: {account: {read: org}}, misc: {prvSyncToOutlook: org}}
          R_Invoices: {privileges: {invoice: {read: org}}, misc: {prvGoOffline: org, prvSyncToOutlook: none}}
          R_Catalogue: {privileges: {product: {read: org}}, misc: {prvMailMerge: org}}
          R_Shop: {privileges: {product: {read: org}}, misc: {prvExportToExcel: org}}
        users:
          U1: {bu: Root, roles: [R_Export, R_Local, R_Accounts, R_Invoices, R_Catalogue]}
          U2: {bu: Root, roles: [R_Shop]}
        field_security_profiles:
          F_cost: {members: [U1], permissions: {product.standardcost: {read: allowed}}}
    "#;

    #[test]
    fn role_13_export_and_print_of_people_tables() {
        check(
            FIXTURE,
            "L004",
            &[
                "warning roles.R_Catalogue.misc.prvMailMerge: role `R_Catalogue` grants `prvMailMerge` while it reads `product` organization-wide",
                "warning roles.R_Export.misc.prvExportToExcel: role `R_Export` grants `prvExportToExcel` while it reads `contact` organization-wide",
                "info roles.R_Export.misc.prvPrint: role `R_Export` grants `prvPrint` while it reads `contact` organization-wide",
                "warning roles.R_Invoices.misc.prvGoOffline: role `R_Invoices` grants `prvGoOffline` while it reads `invoice` organization-wide",
            ],
        );
    }

    #[test]
    fn explanation_names_the_criterion_that_fired() {
        let found = findings(FIXTURE, "L004");
        let why = |subject: &str| {
            found
                .iter()
                .find(|f| f.subject == subject)
                .map(|f| f.explanation.clone())
                .unwrap_or_default()
        };
        assert!(why("roles.R_Export.misc.prvExportToExcel").contains("`contact` holds people"));
        assert!(
            why("roles.R_Invoices.misc.prvGoOffline").contains("`invoice` is marked sensitive")
        );
        assert!(why("roles.R_Invoices.misc.prvGoOffline").contains("seed file 003"));
        let catalogue = why("roles.R_Catalogue.misc.prvMailMerge");
        assert!(catalogue.contains("`product` has secured columns"));
        assert!(catalogue.contains("`product.standardcost`"), "{catalogue}");
    }
}
