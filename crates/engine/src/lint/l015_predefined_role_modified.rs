// Lint: L015 predefined-role-modified
//
// What: a predefined role (§12: System Administrator, System Customizer, Basic User, …) whose
// definition in the model carries its own privileges, miscellaneous privileges, a business unit
// other than the root, or (System Administrator) Team-privileges-only inheritance.
// Why: "You can't edit these roles" (§12); the model then describes a role the platform will not
// have. System Administrator bypasses record and column security whatever its rows say (EVAL-8,
// FLS-3), so restrictions written on it are an illusion, and its member's privilege inheritance
// cannot be set (TEAM-6).
// Fix: copy the predefined role to a custom role and edit the copy; leave the predefined role as
// shipped.
//! L015: edited predefined roles (§12, EVAL-8).

use super::{Ctx, Finding, Lint, Severity, plural};
use crate::model::Inheritance;

pub(super) const LINT: Lint = Lint {
    id: "L015",
    slug: "predefined-role-modified",
    summary: "a predefined role carries changes the platform does not allow",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let root = model.root_bu();
    let mut out = Vec::new();
    for role in &model.roles {
        if role.predefined.is_none() {
            continue;
        }
        let mut changes: Vec<String> = Vec::new();
        let shipped = crate::model::predefined::predefined_privileges(model, &role.name);
        let n_privileges = role
            .privileges
            .iter()
            .filter(|(set, d)| !d.is_empty() && shipped.get(set) != Some(d))
            .count()
            + shipped
                .keys()
                .filter(|set| !role.privileges.contains_key(set))
                .count();
        if n_privileges > 0 {
            changes.push(plural(
                n_privileges,
                "table privilege row",
                "table privilege rows",
            ));
        }
        if !role.misc.is_empty() {
            changes.push(plural(
                role.misc.len(),
                "miscellaneous privilege",
                "miscellaneous privileges",
            ));
        }
        if role.bu != root {
            changes.push(format!("business unit `{}`", model.bu_name(role.bu)));
        }
        if role.is_system_administrator() && role.inheritance == Inheritance::TeamOnly {
            changes.push("Team privileges only inheritance".to_string());
        }
        if changes.is_empty() {
            continue;
        }
        let explanation = if role.is_system_administrator() {
            "predefined roles cannot be edited (§12); System Administrator sees every record and \
             every secured column whatever its rows say (EVAL-8, FLS-3), so restrictions written \
             on it do not happen, and its member's privilege inheritance cannot be set (TEAM-6)"
        } else {
            "predefined roles cannot be edited (§12: \"You can't edit these roles\"); the model \
             describes a role the platform will not have, and every answer about its holders \
             rests on privileges they will not get"
        };
        out.push(LINT.finding(
            Severity::Warning,
            format!("roles.{}", role.name),
            format!(
                "predefined role `{}` is edited: {}",
                role.name,
                changes.join(", ")
            ),
            explanation,
            format!(
                "copy `{}` to a custom role and edit the copy; leave the predefined role as shipped",
                role.name
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn predefined_roles_cannot_be_edited() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team}
            roles:
              SystemAdministrator: {privileges: {account: {read: bu}}}
              BasicUser: {misc: {prvExportToExcel: org}}
              R_custom: {privileges: {account: {read: org}}}
            users:
              U1: {bu: Root, roles: [R_custom]}
            "#,
            "L015",
            &[
                "warning roles.BasicUser: predefined role `BasicUser` is edited: 1 miscellaneous privilege",
                "warning roles.SystemAdministrator: predefined role `SystemAdministrator` is edited: 1 table privilege row",
            ],
        );
    }
}
