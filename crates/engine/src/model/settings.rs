//! Organisation settings, including the visible alternatives to §13's documented defaults.

/// Hierarchy security model (HIER-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HierarchyModel {
    /// Manager hierarchy (`parentsystemuserid`).
    Manager,
    /// Position hierarchy.
    Position,
}

/// Hierarchy security configuration (HIER-1, HIER-5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hierarchy {
    /// Which model is enabled.
    pub model: HierarchyModel,
    /// How many levels below the manager are reached (HIER-5).
    pub depth: u32,
    /// Tables included; `None` means every table (HIER-1: all included by default).
    pub tables: Option<Vec<String>>,
}

/// What a manager needs to reach reports' data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HierarchyMinimumDepth {
    /// `[S11]`: at least User-level Read (the default).
    #[default]
    User,
    /// `[S3]`: a role with Business Unit or Parent: Child Business Units.
    BusinessUnit,
}

/// Which BU of a manager counts as "the parent business unit" of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ManagerBuScope {
    /// Same BU or the immediate parent BU (the default).
    #[default]
    ImmediateParent,
    /// Same BU or any ancestor BU.
    AnyAncestor,
}

/// How Associate on an N:N relationship is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ManyToManyRule {
    /// `[S2]`: Append on both tables (the default).
    #[default]
    AppendOnBoth,
    /// `[S6]`: Append on the first record and Append To on the second.
    AppendAndAppendTo,
}

/// Organisation settings (FORMAT.md `settings`, §7, §13).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Record ownership across business units (MBU-1).
    pub modernized_bu: bool,
    /// Hierarchy security; `None` when off (HIER-1).
    pub hierarchy: Option<Hierarchy>,
    /// `ShareToPreviousOwnerOnAssign` (SHARE-7).
    pub share_to_previous_owner_on_assign: bool,
    /// `AlwaysMoveRecordToOwnerBusinessUnit` (BU-7, MBU-6).
    pub always_move_record_to_owner_bu: bool,
    /// `RecomputeOwnershipAcrossBusinessUnits` (MBU-5, A-6); `None` = follow `modernized_bu`.
    pub recompute_ownership_across_bus: Option<bool>,
    /// `ManagersMustBeInSameOrParentBusinessUnitAsReports` (HIER-2).
    pub managers_must_be_in_same_or_parent_bu: bool,
    /// `DoNotRemoveRolesOnChangeBusinessUnit` (BU-8; modernized only).
    pub do_not_remove_roles_on_change_bu: bool,
    /// `AssertOwnershipAppendToAccess` (APP-2, MBU-4).
    pub assert_ownership_append_to_access: bool,
    /// minimum depth of the manager's privilege for hierarchy access.
    pub hierarchy_minimum_depth: HierarchyMinimumDepth,
    /// whether managers may also write the data of non-direct reports (default: read-only).
    pub hierarchy_write_non_direct: bool,
    /// which manager BUs satisfy HIER-2.
    pub manager_bu_scope: ManagerBuScope,
    /// whether a *Team privileges only* role passes the privilege check for shared records
    /// (default true, EVAL-10).
    pub team_only_roles_allow_shared_access: bool,
    /// the N:N associate rule.
    pub many_to_many_rule: ManyToManyRule,
    /// whether Basic includes records shared with the organization (default true).
    pub basic_includes_org_shares: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            modernized_bu: false,
            hierarchy: None,
            share_to_previous_owner_on_assign: true,
            always_move_record_to_owner_bu: true,
            recompute_ownership_across_bus: None,
            managers_must_be_in_same_or_parent_bu: true,
            do_not_remove_roles_on_change_bu: false,
            assert_ownership_append_to_access: false,
            hierarchy_minimum_depth: HierarchyMinimumDepth::User,
            hierarchy_write_non_direct: false,
            manager_bu_scope: ManagerBuScope::ImmediateParent,
            team_only_roles_allow_shared_access: true,
            many_to_many_rule: ManyToManyRule::AppendOnBoth,
            basic_includes_org_shares: true,
        }
    }
}

impl Settings {
    /// `RecomputeOwnershipAcrossBusinessUnits`, defaulting to `modernized_bu` (FORMAT.md).
    pub fn recompute_ownership(&self) -> bool {
        self.recompute_ownership_across_bus
            .unwrap_or(self.modernized_bu)
    }
}
