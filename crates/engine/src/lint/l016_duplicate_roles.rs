// Lint: L016 duplicate-roles
//
// What: two custom roles with the same business unit, member's privilege inheritance, table
// privileges and miscellaneous privileges — different only by name.
// Why: roles add up (ROLE-4), so a duplicate grants nothing new; but the two copies drift apart
// as one is edited and the other forgotten, and reviewers must read both. Seed file 001: keep the
// security model documented — one role per job.
// Fix: move the holders of the later role to the earlier one and delete it.
//! L016: roles that differ only by name (ROLE-4).

use std::collections::BTreeMap;

use super::{Ctx, Finding, Lint, Severity};
use crate::model::{Depth, PrivSet, Role, VerbDepths};

pub(super) const LINT: Lint = Lint {
    id: "L016",
    slug: "duplicate-roles",
    summary: "two roles grant exactly the same privileges",
    check,
};

/// What a role grants, with empty rows and None misc privileges left out.
fn grants_of(role: &Role) -> (BTreeMap<PrivSet, VerbDepths>, BTreeMap<&str, Depth>) {
    (
        role.privileges
            .iter()
            .filter(|(_, d)| !d.is_empty())
            .map(|(s, d)| (*s, *d))
            .collect(),
        role.misc
            .iter()
            .filter(|(_, d)| **d != Depth::None)
            .map(|(n, d)| (n.as_str(), *d))
            .collect(),
    )
}

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let custom: Vec<&Role> = model
        .roles
        .iter()
        .filter(|r| r.predefined.is_none())
        .collect();
    let mut out = Vec::new();
    for (i, role) in custom.iter().enumerate() {
        let mine = grants_of(role);
        let Some(original) = custom.iter().take(i).find(|other| {
            other.bu == role.bu && other.inheritance == role.inheritance && grants_of(other) == mine
        }) else {
            continue;
        };
        out.push(LINT.finding(
            Severity::Warning,
            format!("roles.{}", role.name),
            format!(
                "role `{}` grants exactly what `{}` grants",
                role.name, original.name
            ),
            "roles add up (ROLE-4), so the copy grants nothing new, but the two drift apart as \
             one is edited and the other forgotten; seed file 001: keep the model documented, \
             one role per job",
            format!(
                "move the holders of `{}` to `{}` and delete `{}`",
                role.name, original.name, role.name
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn role_4_duplicate_roles() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            roles:
              R_sales: {privileges: {account: {read: bu, write: user}}, misc: {prvPrint: org, prvExportToExcel: none}}
              R_sales_copy: {privileges: {account: {write: user, read: bu}}, misc: {prvPrint: org}}
              R_sales_team: {inheritance: team_only, privileges: {account: {read: bu, write: user}}, misc: {prvPrint: org}}
            users:
              U1: {bu: Root, roles: [R_sales, R_sales_copy, R_sales_team]}
            "#,
            "L016",
            &[
                "warning roles.R_sales_copy: role `R_sales_copy` grants exactly what `R_sales` grants",
            ],
        );
    }
}
