// Lint: L006 secured-column-widely-readable
//
// What: a secured column that more than a threshold of enabled users can read (default 25%,
// `LintOptions::secured_column_max_percent`). A user counts when a column security profile (or
// System Administrator) lets them read the column and they hold the table's Read privilege.
// Why: column security exists to keep a few columns to a few people (FLS-1, FLS-2, FLS-3); when a
// large share of users can read the column, the profiles have grown past their purpose, and
// every one of those users carries the value into exports and synced copies (FLS-5; seed files
// 000, 003).
// Fix: narrow the profiles that grant Read on the column, or share the column per record where a
// few people need it (FLS-7).
//! L006: secured columns that too many users can read (FLS-2, FLS-3).

use super::{Ctx, Finding, Lint, Severity, name_list};
use crate::eval::Subject;
use crate::eval::column::column_permission;
use crate::eval::grants::system_administrator;
use crate::model::{TableId, UserId, Verb};

pub(super) const LINT: Lint = Lint {
    id: "L006",
    slug: "secured-column-widely-readable",
    summary: "a secured column is readable by more than the threshold share of enabled users",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let enabled: Vec<UserId> = (0..model.users.len())
        .map(UserId::from_index)
        .filter(|u| model.users.get(u.index()).is_some_and(|x| x.enabled))
        .collect();
    if enabled.is_empty() {
        return Vec::new();
    }
    let percent = ctx.options.secured_column_max_percent;
    let mut out = Vec::new();
    for (t, table) in model.tables.iter().enumerate() {
        let table_id = TableId::from_index(t);
        let set = model.priv_set(table_id);
        let can_read_table: Vec<UserId> = enabled
            .iter()
            .copied()
            .filter(|u| Subject::new(model, *u, set, Verb::Read).privileged())
            .collect();
        for column in &table.secured_columns {
            let readers: Vec<UserId> = can_read_table
                .iter()
                .copied()
                .filter(|u| column_permission(model, *u, table_id, column, |p| p.read))
                .collect();
            // INVARIANT: counts are far below u64 overflow.
            if (readers.len() as u64) * 100 <= u64::from(percent) * (enabled.len() as u64) {
                continue;
            }
            let n_admins = readers
                .iter()
                .filter(|u| system_administrator(model, **u).is_some())
                .count();
            let profiles: Vec<&str> = model
                .field_profiles
                .iter()
                .filter(|p| {
                    p.permissions
                        .get(&(table_id, column.clone()))
                        .is_some_and(|perm| perm.read)
                })
                .map(|p| p.name.as_str())
                .collect();
            let share = readers.len() * 100 / enabled.len();
            out.push(LINT.finding(
                Severity::Warning,
                format!("tables.{}.secured_columns.{}", table.name, column),
                format!(
                    "secured column `{}.{}` is readable by {} of {} enabled users ({}%, threshold {}%)",
                    table.name,
                    column,
                    readers.len(),
                    enabled.len(),
                    share,
                    percent
                ),
                format!(
                    "column security keeps a column to the users a profile names, and to System \
                     Administrators (FLS-2, FLS-3); here {}, plus {} System Administrator{}. \
                     Column security applies to every client, so these users also carry the \
                     value into exports and synchronised copies (FLS-5; seed files 000 and 003)",
                    match profiles.len() {
                        0 => "no profile grants Read on it".to_string(),
                        1 => format!("profile {} grants Read on it", name_list(&profiles, 6)),
                        _ => format!("profiles {} grant Read on it", name_list(&profiles, 6)),
                    },
                    n_admins,
                    if n_admins == 1 { "" } else { "s" }
                ),
                format!(
                    "narrow the profiles granting Read on `{}.{}` to the roles that need it, or share the column per record (FLS-7)",
                    table.name, column
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::LintOptions;
    use crate::lint::check::{check, findings_with};

    const FIXTURE: &str = r#"
        business_units: {Root: null}
        tables: {contact: user_or_team}
        secured_columns: [contact.birthdate, contact.salary]
        roles:
          R_Read: {privileges: {contact: {read: org}}}
        users:
          U1: {bu: Root, roles: [R_Read]}
          U2: {bu: Root, roles: [R_Read]}
          U3: {bu: Root, roles: [R_Read]}
          U4: {bu: Root, roles: [R_Read]}
          U5: {bu: Root, roles: [R_Read]}
          U6: {bu: Root, roles: [R_Read]}
          U7: {bu: Root, roles: [R_Read]}
        field_security_profiles:
          F_wide: {members: [U1, U2, U3], permissions: {contact.birthdate: {read: allowed}}}
          F_narrow: {members: [U4], permissions: {contact.salary: {read: allowed}}}
    "#;

    #[test]
    fn fls_2_column_read_by_half_the_users() {
        // 3 profile members + the implicit `admin` (System Administrator) of 8 enabled users.
        check(
            FIXTURE,
            "L006",
            &[
                "warning tables.contact.secured_columns.birthdate: secured column `contact.birthdate` is readable by 4 of 8 enabled users (50%, threshold 25%)",
            ],
        );
    }

    #[test]
    fn threshold_is_an_option() {
        let options = LintOptions {
            secured_column_max_percent: 50,
            ..LintOptions::default()
        };
        assert!(findings_with(FIXTURE, "L006", &options).is_empty());
    }
}
