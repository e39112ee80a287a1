// Lint: L010 assign-or-share-beyond-read
//
// What: a role grants Assign or Share on a table at a deeper level than its Read.
// Why: assigning needs Assign, Write and Read on the record, sharing needs Share and Read (APP-2,
// SHARE-2, A-22, A-23); the part of Assign or Share beyond Read either does nothing or works only
// because another role supplies the Read (ROLE-4), so the role no longer says what it does. It
// also signals the intent to hand out or give away records the role's users cannot see, which
// is how data walks across business units (SHARE-4, seed file 000).
// Fix: lower Assign / Share to the Read depth, or raise Read if the users really must see those
// records.
//! L010: Assign or Share deeper than Read on the same table (APP-2, SHARE-2).

use super::{Ctx, Finding, Lint, Severity};
use crate::model::Verb;

pub(super) const LINT: Lint = Lint {
    id: "L010",
    slug: "assign-or-share-beyond-read",
    summary: "a role grants Assign or Share deeper than Read on the same table",
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let model = ctx.model;
    let mut out = Vec::new();
    for role in &model.roles {
        if role.predefined.is_some() {
            continue;
        }
        for (set, depths) in &role.privileges {
            let read = depths.get(Verb::Read);
            for verb in [Verb::Assign, Verb::Share] {
                let depth = depths.get(verb);
                if depth <= read {
                    continue;
                }
                let table = model.priv_set_name(*set);
                out.push(LINT.finding(
                    Severity::Warning,
                    format!("roles.{}.privileges.{}.{}", role.name, table, verb.as_str()),
                    format!(
                        "role `{}` grants `{}` on `{}` at {} but `read` only at {}",
                        role.name,
                        verb.as_str(),
                        table,
                        depth.label(),
                        read.label()
                    ),
                    format!(
                        "{} a record needs Read on it as well (APP-2, SHARE-2, A-22, A-23): the \
                         {} beyond {} is dead unless another role supplies Read (ROLE-4), and it \
                         reads as an intent to hand records the role's users cannot see across \
                         business units (SHARE-4; seed file 000)",
                        if verb == Verb::Assign {
                            "assigning"
                        } else {
                            "sharing"
                        },
                        depth.label(),
                        read.label()
                    ),
                    format!(
                        "lower `{}` on `{table}` in `{}` to {}, or raise `read` to {}",
                        verb.as_str(),
                        role.name,
                        read.label(),
                        depth.label()
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;

    #[test]
    fn app_2_share_deeper_than_read() {
        check(
            r#"
            business_units: {Root: null}
            tables: {account: user_or_team, contact: user_or_team}
            roles:
              R: {privileges: {account: {read: bu, share: org, assign: bu}, contact: {read: org, assign: bu}}}
            users:
              U1: {bu: Root, roles: [R]}
            "#,
            "L010",
            &[
                "warning roles.R.privileges.account.share: role `R` grants `share` on `account` at Organization but `read` only at Business Unit",
            ],
        );
    }
}
