//! Verbs, depths, rights masks and privilege sets (ROLE-1, ROLE-2, §0.2, §0.3).

use super::TableId;

/// The eight table privileges, in Microsoft's order (ROLE-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verb {
    /// Create.
    Create,
    /// Read.
    Read,
    /// Write.
    Write,
    /// Delete.
    Delete,
    /// Append.
    Append,
    /// Append To.
    AppendTo,
    /// Assign.
    Assign,
    /// Share.
    Share,
}

impl Verb {
    /// All verbs in Microsoft's order.
    pub const ALL: [Verb; 8] = [
        Verb::Create,
        Verb::Read,
        Verb::Write,
        Verb::Delete,
        Verb::Append,
        Verb::AppendTo,
        Verb::Assign,
        Verb::Share,
    ];

    /// Token used by the exchange formats.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Create => "create",
            Verb::Read => "read",
            Verb::Write => "write",
            Verb::Delete => "delete",
            Verb::Append => "append",
            Verb::AppendTo => "appendto",
            Verb::Assign => "assign",
            Verb::Share => "share",
        }
    }

    /// The label admins see in the role editor.
    pub fn label(self) -> &'static str {
        match self {
            Verb::Create => "Create",
            Verb::Read => "Read",
            Verb::Write => "Write",
            Verb::Delete => "Delete",
            Verb::Append => "Append",
            Verb::AppendTo => "Append To",
            Verb::Assign => "Assign",
            Verb::Share => "Share",
        }
    }

    /// Parses a format token.
    pub fn parse(token: &str) -> Option<Verb> {
        Verb::ALL.into_iter().find(|v| v.as_str() == token)
    }

    /// Position in [`Verb::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Access level of a privilege (§0.2). Higher levels include the lower ones (ROLE-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Depth {
    /// No access.
    #[default]
    None,
    /// User (Basic).
    User,
    /// Business Unit (Local).
    Bu,
    /// Parent: Child Business Units (Deep).
    Pcbu,
    /// Organization (Global).
    Org,
}

impl Depth {
    /// All depths, lowest first.
    pub const ALL: [Depth; 5] = [Depth::None, Depth::User, Depth::Bu, Depth::Pcbu, Depth::Org];

    /// Token used by the exchange formats.
    pub fn as_str(self) -> &'static str {
        match self {
            Depth::None => "none",
            Depth::User => "user",
            Depth::Bu => "bu",
            Depth::Pcbu => "pcbu",
            Depth::Org => "org",
        }
    }

    /// The label of the app UI (§0.2).
    pub fn label(self) -> &'static str {
        match self {
            Depth::None => "None",
            Depth::User => "User",
            Depth::Bu => "Business Unit",
            Depth::Pcbu => "Parent: Child Business Units",
            Depth::Org => "Organization",
        }
    }

    /// Parses a format token.
    pub fn parse(token: &str) -> Option<Depth> {
        Depth::ALL.into_iter().find(|d| d.as_str() == token)
    }
}

/// A depth for each of the eight verbs of one privilege set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VerbDepths(pub [Depth; 8]);

impl VerbDepths {
    /// Depth for `verb`.
    pub fn get(&self, verb: Verb) -> Depth {
        self.0[verb.index()]
    }

    /// Sets the depth for `verb`.
    pub fn set(&mut self, verb: Verb, depth: Depth) {
        self.0[verb.index()] = depth;
    }

    /// Whether every verb is `None`.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|d| *d == Depth::None)
    }
}

/// Where a table privilege lives: the table's own set, or the one Activity set (ACT-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrivSet {
    /// The table's own privileges (`prvReadAccount` …).
    Table(TableId),
    /// `prvReadActivity` …, shared by every activity table.
    Activity,
}

/// A set of record-level rights (`AccessRights`, §0.3), as a bit mask over [`Verb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Rights(pub u8);

impl Rights {
    /// No rights.
    pub const NONE: Rights = Rights(0);
    /// Every right.
    pub const ALL: Rights = Rights(0xff);
    /// Every right but Create: what inherited access carries (CASC-2, CASC-5, A-7).
    pub const INHERITED: Rights = Rights(!(1 << Verb::Create as u8));
    /// What a manager gets on a direct report's data (HIER-4).
    pub const HIERARCHY_DIRECT: Rights = Rights(
        (1 << Verb::Read as u8)
            | (1 << Verb::Write as u8)
            | (1 << Verb::Append as u8)
            | (1 << Verb::AppendTo as u8),
    );
    /// What a manager gets on a non-direct report's data (HIER-4, A-2 default).
    pub const READ: Rights = Rights(1 << Verb::Read as u8);

    /// A single right.
    pub fn of(verb: Verb) -> Rights {
        Rights(1 << verb as u8)
    }

    /// Whether `verb` is included.
    pub fn contains(self, verb: Verb) -> bool {
        self.0 & (1 << verb as u8) != 0
    }

    /// Union.
    pub fn union(self, other: Rights) -> Rights {
        Rights(self.0 | other.0)
    }

    /// Intersection.
    pub fn intersect(self, other: Rights) -> Rights {
        Rights(self.0 & other.0)
    }

    /// Whether no right is included.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The verbs included, in Microsoft's order.
    pub fn verbs(self) -> impl Iterator<Item = Verb> {
        Verb::ALL.into_iter().filter(move |v| self.contains(*v))
    }

    /// The rights as format tokens joined by `, `.
    pub fn describe(self) -> String {
        let names: Vec<&str> = self.verbs().map(Verb::as_str).collect();
        names.join(", ")
    }
}

impl FromIterator<Verb> for Rights {
    fn from_iter<I: IntoIterator<Item = Verb>>(iter: I) -> Self {
        iter.into_iter()
            .fold(Rights::NONE, |acc, v| acc.union(Rights::of(v)))
    }
}
