// Lint: L005 org-read-of-sensitive-table
//
// What: a role reads a table marked sensitive at Organization depth.
// Why: Organization read reaches every record "regardless of the business unit" (BU-9, EVAL-5),
// and privileges are additive: once granted, no other role can hide a single record again
// (ROLE-4). The designer marked the table sensitive; organization-wide read is the broadest
// possible exposure and the first thing to question (seed file 000: understand the use cases,
// then grant).
// Fix: lower the Read depth to what the role's users need (Business Unit or Parent: Child
// Business Units), and share the exceptions (SHARE-1); suppress with a reason when every holder
// truly needs every record.
//! L005: organization-wide read of tables marked sensitive (BU-9, ROLE-4).

use super::{Ctx, Finding, Lint, Severity, holders, plural};
use crate::model::{Depth, RoleId, TableId, Verb};

pub(super) const LINT: Lint = Lint {
    id: "L005",
    slug: "org-read-of-sensitive-table",
    summary: "a role reads a table marked sensitive at Organization depth",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (r, role) in model.roles.iter().enumerate() {
        if role.is_system_administrator() || !super::role_in_play(model, RoleId::from_index(r)) {
            continue;
        }
        for (t, table) in model.tables.iter().enumerate() {
            let set = model.priv_set(TableId::from_index(t));
            if !table.sensitive || role.depth(set, Verb::Read) != Depth::Org {
                continue;
            }
            let n_holders = holders(model, RoleId::from_index(r)).len();
            out.push(LINT.finding(
                Severity::Warning,
                format!(
                    "roles.{}.privileges.{}.read",
                    role.name,
                    model.priv_set_name(set)
                ),
                format!(
                    "role `{}` reads sensitive table `{}` at Organization depth",
                    role.name, table.name
                ),
                format!(
                    "`{}` is marked sensitive, and Organization read reaches every record of it \
                     whatever its business unit (BU-9, EVAL-5); privileges add up, so no other \
                     role can take a record back out of reach (ROLE-4). {} {} the role (seed \
                     file 000: start from the use cases, then grant)",
                    table.name,
                    plural(n_holders, "user", "users"),
                    if n_holders == 1 { "holds" } else { "hold" }
                ),
                format!(
                    "lower Read on `{}` in `{}` to Business Unit or Parent: Child Business Units and share the exceptions, or suppress with the reason every holder needs every record",
                    table.name, role.name
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn bu_9_org_read_of_a_flagged_table() {
        check(
            r#"
            business_units: {Root: null}
            tables:
              salary: {ownership: user_or_team, sensitive: true}
              account: user_or_team
            roles:
              R_HR: {privileges: {salary: {read: org}, account: {read: org}}}
              R_Mgr: {privileges: {salary: {read: pcbu}}}
            users:
              U1: {bu: Root, roles: [R_HR, R_Mgr]}
            "#,
            "L005",
            &[
                "warning roles.R_HR.privileges.salary.read: role `R_HR` reads sensitive table `salary` at Organization depth",
            ],
        );
    }
}
