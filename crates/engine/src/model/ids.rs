//! Typed ids: dense `u32` indexes into the model's and dataset's arenas.

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(pub u32);

        impl $name {
            /// The arena index.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of arena slot `index`.
            pub fn from_index(index: usize) -> Self {
                // INVARIANT: arenas hold far fewer than 2^32 items (loaders refuse larger inputs).
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }
    )*};
}

id_type!(
    /// A business unit.
    BuId,
    /// A user.
    UserId,
    /// A team.
    TeamId,
    /// A security role.
    RoleId,
    /// A table.
    TableId,
    /// A relationship.
    RelationshipId,
    /// A position.
    PositionId,
    /// An access team template.
    TemplateId,
    /// A column security profile.
    FieldProfileId,
    /// A record of the dataset.
    RecordId,
);

/// Who can own a record, receive a share or act: a user, a team, or the whole organization
/// (shares only, EVAL-6 (5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Principal {
    /// A user.
    User(UserId),
    /// A team.
    Team(TeamId),
    /// The organization (share target only).
    Organization,
}
