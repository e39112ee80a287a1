//! The predefined security roles of §12 and what they grant over a model's tables.

use std::collections::BTreeMap;

use super::{Depth, Model, Ownership, PrivSet, TableId, Verb, VerbDepths};

/// The predefined roles of §12 and whether each can be assigned to users and teams.
pub const PREDEFINED_ROLES: &[(&str, bool)] = &[
    ("SystemAdministrator", true),
    ("SystemCustomizer", true),
    ("BasicUser", true),
    ("AppOpener", true),
    ("EnvironmentMaker", true),
    ("Delegate", true),
    ("ServiceReader", false),
    ("ServiceWriter", false),
    ("ServiceDeleted", false),
    ("SupportUser", false),
    ("OfficeCollaborator", true),
];

/// Whether a table is a custom one: its logical name carries a publisher prefix (`new_…`).
pub fn is_custom_table(name: &str) -> bool {
    name.contains('_')
}

/// The table privileges a predefined role holds over the model's tables, read from the
/// descriptions of §12 (System Administrator needs none: it bypasses record security, EVAL-8).
pub fn predefined_privileges(model: &Model, role: &str) -> BTreeMap<PrivSet, VerbDepths> {
    use Verb::*;
    let mut out: BTreeMap<PrivSet, VerbDepths> = BTreeMap::new();
    let mut grant = |set: PrivSet, verbs: &[Verb], depth: Depth| {
        let depths = out.entry(set).or_default();
        for verb in verbs {
            if depths.get(*verb) < depth {
                depths.set(*verb, depth);
            }
        }
    };
    let owned_depth = |ownership: Ownership| {
        if ownership == Ownership::Organization {
            Depth::Org
        } else {
            Depth::User
        }
    };
    for (i, table) in model.tables.iter().enumerate() {
        let set = model.priv_set(TableId::from_index(i));
        let custom = is_custom_table(&table.name);
        match role {
            // "Can view all custom table data … only view records that they create in Account,
            // Contact, Activity tables" (current) and "Create (self), Read (self), Write (self),
            // Delete (self)" (2021).
            "SystemCustomizer" => {
                if custom {
                    grant(set, &[Read], Depth::Org);
                    grant(set, &[Create, Write, Delete], owned_depth(table.ownership));
                } else if matches!(table.name.as_str(), "account" | "contact")
                    || table.ownership.is_activity()
                {
                    grant(set, &[Create, Read, Write, Delete], Depth::User);
                }
            }
            // "For out-of-the-box entities only … perform common tasks on the records they own."
            "BasicUser" if !custom && table.ownership.has_owner() => {
                grant(
                    set,
                    &[Create, Read, Write, Delete, Append, AppendTo, Assign, Share],
                    Depth::User,
                );
            }
            // "Read permission to tables in which a record was shared with the organization."
            "OfficeCollaborator" if table.ownership.has_owner() => grant(set, &[Read], Depth::User),
            // "Full Read / CRUD / Delete on all tables".
            "ServiceReader" => grant(set, &[Read], Depth::Org),
            "ServiceWriter" => grant(
                set,
                &[Create, Read, Write, Delete, Append, AppendTo],
                Depth::Org,
            ),
            "ServiceDeleted" => grant(set, &[Read, Delete], Depth::Org),
            _ => {}
        }
    }
    out.retain(|_, depths| !depths.is_empty());
    out
}
