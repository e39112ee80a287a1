//! Privileges that belong to no table: the role editor's **Miscellaneous privileges** and
//! **Privacy-related privileges** tabs (ROLE-6, ROLE-13). Both take only None or Organization.

/// Which tab of the role editor a non-table privilege sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NonTableKind {
    /// Miscellaneous privileges `[S14]`.
    Miscellaneous,
    /// Privacy-related privileges `[S15]`: the ways records leave the CRM.
    Privacy,
}

impl NonTableKind {
    /// The tab's name in the role editor.
    pub fn label(self) -> &'static str {
        match self {
            NonTableKind::Miscellaneous => "Miscellaneous privileges",
            NonTableKind::Privacy => "Privacy-related privileges",
        }
    }
}

/// One non-table privilege: its name, the role editor's label and its tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NonTablePrivilege {
    /// Privilege name, `prvExportToExcel`.
    pub name: &'static str,
    /// The role editor's label, `Export to Excel`.
    pub label: &'static str,
    /// Miscellaneous or privacy-related.
    pub kind: NonTableKind,
}

const fn privacy(name: &'static str, label: &'static str) -> NonTablePrivilege {
    NonTablePrivilege {
        name,
        label,
        kind: NonTableKind::Privacy,
    }
}

const fn misc(name: &'static str, label: &'static str) -> NonTablePrivilege {
    NonTablePrivilege {
        name,
        label,
        kind: NonTableKind::Miscellaneous,
    }
}

/// The non-table privileges of ROLE-13, with the labels security-semantics.md gives them.
pub const NON_TABLE_PRIVILEGES: &[NonTablePrivilege] = &[
    privacy("prvExportToExcel", "Export to Excel"),
    privacy("prvPrint", "Print"),
    privacy("prvGoOffline", "Go Offline in Outlook"),
    privacy("prvSyncToOutlook", "Sync to Outlook"),
    privacy("prvMailMerge", "Mail Merge"),
    privacy("prvDocumentGeneration", "Document Generation"),
    privacy("prvUseTabletApp", "Dynamics 365 for mobile"),
    privacy("prvUseOfficeApps", "Use Dynamics 365 App for Outlook"),
    misc("prvBulkDelete", "Bulk Delete"),
    misc("prvBulkEdit", "Bulk Edit"),
    misc(
        "prvActOnBehalfOfAnotherUser",
        "Act on Behalf of Another User",
    ),
    misc("prvSendAsUser", "Send Email as Another User"),
    misc("prvExportCustomization", "Export Customizations"),
    misc("prvReadRecordAuditHistory", "View Audit History"),
    misc("prvReadAuditSummary", "View Audit Summary"),
    misc("prvReadAuditPartitions", "View Audit Partitions"),
    misc("prvDeleteAuditPartitions", "Delete Audit Partitions"),
    misc(
        "prvDeleteRecordChangeHistory",
        "Delete Record Change History",
    ),
    misc("prvMerge", "Merge"),
    misc(
        "prvOverrideCreatedOnCreatedBy",
        "Override Created on or Created by for Records during Data Import",
    ),
    misc(
        "prvWriteHierarchicalSecurityConfiguration",
        "Change Hierarchy Security Settings",
    ),
    misc("prvAssignManager", "Assign manager for a user"),
    misc("prvAssignPosition", "Assign position for a user"),
    misc("prvReparentUser", "Reparent user"),
    misc("prvReparentTeam", "Reparent team"),
    misc("prvReparentBusinessUnit", "Reparent business unit"),
    misc("prvDisableUser", "Enable or Disable User"),
    misc("prvDisableBusinessUnit", "Enable or Disable Business Unit"),
];

/// The non-table privilege called `name`, if the list knows it.
pub fn non_table_privilege(name: &str) -> Option<&'static NonTablePrivilege> {
    NON_TABLE_PRIVILEGES.iter().find(|p| p.name == name)
}

/// The tab a privilege name belongs on: the list's, and Miscellaneous for a name it does not
/// know (a model may carry privileges this list leaves out).
pub fn non_table_kind(name: &str) -> NonTableKind {
    non_table_privilege(name).map_or(NonTableKind::Miscellaneous, |p| p.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_look_like_privileges() {
        for (i, p) in NON_TABLE_PRIVILEGES.iter().enumerate() {
            assert!(p.name.starts_with("prv"), "{}", p.name);
            assert!(
                !NON_TABLE_PRIVILEGES
                    .iter()
                    .skip(i + 1)
                    .any(|q| q.name == p.name || q.label == p.label),
                "{} is listed twice",
                p.name
            );
        }
    }

    #[test]
    fn every_exfiltration_privilege_is_privacy_related_with_the_same_label() {
        for e in crate::leakage::EXFILTRATION_PRIVILEGES {
            let p = non_table_privilege(e.name).expect("listed");
            assert_eq!(p.kind, NonTableKind::Privacy, "{}", e.name);
            assert_eq!(p.label, e.label, "{}", e.name);
        }
        let privacy = NON_TABLE_PRIVILEGES
            .iter()
            .filter(|p| p.kind == NonTableKind::Privacy)
            .count();
        assert_eq!(privacy, crate::leakage::EXFILTRATION_PRIVILEGES.len());
    }

    #[test]
    fn unknown_names_sit_on_the_miscellaneous_tab() {
        assert_eq!(non_table_kind("prvPrint"), NonTableKind::Privacy);
        assert_eq!(non_table_kind("prvBulkDelete"), NonTableKind::Miscellaneous);
        assert_eq!(
            non_table_kind("prvSomethingNew"),
            NonTableKind::Miscellaneous
        );
        assert_eq!(NonTableKind::Privacy.label(), "Privacy-related privileges");
    }
}
