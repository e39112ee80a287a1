//! Read-only derivations the Designer views show: privilege grid rows in Microsoft's groups,
//! role members, roles reached through teams, the BU tree in display order, where an issue
//! points, and the command palette's entries.

use engine::model::{
    BuId, Depth, Model, NON_TABLE_PRIVILEGES, NonTableKind, Ownership, PrivSet, RoleId, TableId,
    TeamId, TeamKind, UserId, Verb, non_table_kind,
};
use engine::validate::Issue;

use super::designer::{allowed_depths, display};

/// One row of the privilege grid: a table, or the single Activity row (ACT-1).
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    /// The privilege set the row edits.
    pub set: PrivSet,
    /// Display name ("Account", "Activity").
    pub label: String,
    /// Logical name (`account`, `activity`).
    pub logical: String,
    /// Record ownership in Microsoft's words.
    pub ownership: &'static str,
    /// Microsoft's category heading the row sits under.
    pub group: &'static str,
    /// Depths the table takes (ROLE-5).
    pub allowed: Vec<Depth>,
}

/// The category order of the role editor (legacy tabs, modern groups).
pub const GROUPS: [&str; 5] = [
    "Core Records",
    "Sales",
    "Service",
    "Business Management",
    "Custom Tables",
];

/// Microsoft's category of a table, by logical name (custom tables carry a publisher prefix).
pub fn table_group(logical: &str) -> &'static str {
    match logical {
        "lead" | "opportunity" | "product" | "pricelevel" | "quote" | "salesorder" | "invoice"
        | "competitor" | "goal" => "Sales",
        "incident" | "knowledgearticle" | "contract" | "entitlement" | "queue" | "queueitem" => {
            "Service"
        }
        "businessunit" | "systemuser" | "team" | "role" | "position" => "Business Management",
        _ if engine::model::predefined::is_custom_table(logical) => "Custom Tables",
        _ => "Core Records",
    }
}

/// Record ownership as the table form words it.
pub fn ownership_label(ownership: Ownership) -> &'static str {
    match ownership {
        Ownership::UserOrTeam => "User or Team",
        Ownership::Organization => "Organization",
        Ownership::BusinessOwned => "Business Unit",
        Ownership::Activity => "User or Team (activity)",
        Ownership::CustomActivity => "User or Team (custom activity)",
    }
}

/// The privilege grid's rows: one per non-activity table and one Activity row for every activity
/// table (ACT-1), grouped in `GROUPS` order, then by display name.
pub fn grid_rows(model: &Model) -> Vec<GridRow> {
    let mut rows: Vec<GridRow> = Vec::new();
    let mut activity_tables: Vec<&str> = Vec::new();
    for (i, table) in model.tables.iter().enumerate() {
        if table.ownership.is_activity() {
            activity_tables.push(display(model, &table.name));
            continue;
        }
        let set = PrivSet::Table(TableId::from_index(i));
        rows.push(GridRow {
            set,
            label: display(model, &table.name).to_string(),
            logical: table.name.clone(),
            ownership: ownership_label(table.ownership),
            group: table_group(&table.name),
            allowed: allowed_depths(model, set),
        });
    }
    if !activity_tables.is_empty() {
        rows.push(GridRow {
            set: PrivSet::Activity,
            label: "Activity".to_string(),
            logical: format!("activity ({})", activity_tables.join(", ")),
            ownership: "User or Team (activity)",
            group: "Core Records",
            allowed: Depth::ALL.to_vec(),
        });
    }
    rows.sort_by(|a, b| {
        let rank = |g: &str| GROUPS.iter().position(|x| *x == g).unwrap_or(GROUPS.len());
        rank(a.group)
            .cmp(&rank(b.group))
            .then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
    });
    rows
}

/// The Permission Settings preset a row matches, in SRP 2025 wording, or `Custom`.
pub fn permission_setting(depths: [Depth; 8], allowed: &[Depth]) -> &'static str {
    let widest = allowed.last().copied().unwrap_or(Depth::None);
    let own = if allowed.contains(&Depth::User) {
        Depth::User
    } else {
        widest
    };
    let all = |d: Depth| depths.iter().all(|x| *x == d);
    let read = depths
        .get(Verb::Read.index())
        .copied()
        .unwrap_or(Depth::None);
    let others_at = |d: Depth| {
        depths
            .iter()
            .enumerate()
            .all(|(i, x)| i == Verb::Read.index() || *x == d)
    };
    if all(Depth::None) {
        "No Access"
    } else if all(widest) {
        "Full Access"
    } else if all(own) {
        "Private"
    } else if read == widest && others_at(Depth::None) {
        "Reference"
    } else if read == widest && others_at(own) {
        "Collaborate"
    } else {
        "Custom"
    }
}

/// The non-table privileges one tab of the role editor lists (`kind`): the engine's list for
/// that tab in its order, then any other privilege a role of the model uses (unknown names sit
/// on the Miscellaneous tab), by name.
pub fn non_table_privileges(model: &Model, kind: NonTableKind) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = NON_TABLE_PRIVILEGES
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| (p.name.to_string(), p.label.to_string()))
        .collect();
    let mut extra: Vec<(String, String)> = Vec::new();
    for role in &model.roles {
        for name in role.misc.keys() {
            if non_table_kind(name) == kind && !out.iter().chain(&extra).any(|(n, _)| n == name) {
                let label = name.strip_prefix("prv").unwrap_or(name).to_string();
                extra.push((name.clone(), label));
            }
        }
    }
    extra.sort();
    out.extend(extra);
    out
}

/// Users holding a role directly, and teams holding it.
pub fn role_members(model: &Model, role: RoleId) -> (Vec<UserId>, Vec<TeamId>) {
    let users = model
        .users
        .iter()
        .enumerate()
        .filter(|(_, u)| u.roles.iter().any(|a| a.role == role))
        .map(|(i, _)| UserId::from_index(i))
        .collect();
    let teams = model
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.roles.iter().any(|a| a.role == role))
        .map(|(i, _)| TeamId::from_index(i))
        .collect();
    (users, teams)
}

/// Roles a user receives through teams (default team included), each with its team.
pub fn roles_via_teams(model: &Model, user: UserId) -> Vec<(TeamId, RoleId)> {
    model
        .teams_of(user)
        .into_iter()
        .flat_map(|team| {
            model
                .teams
                .get(team.index())
                .map(|t| t.roles.iter().map(move |a| (team, a.role)).collect())
                .unwrap_or_else(Vec::new)
        })
        .collect()
}

/// Roles that can be assigned to a principal of business unit `bu`: roles of that BU or above
/// (their copies reach down, BU-6); with modernized BUs any BU's role (MBU-2). Roles §12 marks
/// unassignable are left out.
pub fn assignable_roles(model: &Model, bu: BuId) -> Vec<RoleId> {
    model
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            !matches!(
                r.predefined,
                Some(engine::model::Predefined::Other { assignable: false })
            )
        })
        .filter(|(_, r)| model.settings.modernized_bu || model.bu_in_subtree(bu, r.bu))
        .map(|(i, _)| RoleId::from_index(i))
        .collect()
}

/// The words for a team type (Microsoft's, shortened).
pub fn team_kind_label(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::Owner => "Owner",
        TeamKind::Access => "Access",
        TeamKind::Default => "Default",
        TeamKind::EntraSecurityGroup => "Entra security group",
        TeamKind::EntraOfficeGroup => "Entra Office group",
    }
}

/// The business units in tree order (parents before children, siblings by display name), each
/// with its level (root = 1).
pub fn bu_tree(model: &Model) -> Vec<(BuId, usize)> {
    let mut out = Vec::new();
    let root = model.root_bu();
    if model.bus.get(root.index()).is_none() {
        return out;
    }
    let mut stack = vec![(root, 1)];
    while let Some((bu, level)) = stack.pop() {
        if out.iter().any(|(b, _)| *b == bu) || level > model.bus.len() + 1 {
            continue;
        }
        out.push((bu, level));
        let mut children = bu_children(model, bu);
        children.reverse();
        stack.extend(children.into_iter().map(|c| (c, level + 1)));
    }
    out
}

/// Direct children of a business unit, by display name.
pub fn bu_children(model: &Model, bu: BuId) -> Vec<BuId> {
    let mut children: Vec<BuId> = model
        .bus
        .iter()
        .enumerate()
        .filter(|(_, b)| b.parent == Some(bu))
        .map(|(i, _)| BuId::from_index(i))
        .collect();
    children.sort_by_key(|c| display(model, model.bu_name(*c)).to_lowercase());
    children
}

/// Percent-encodes an id for a URL path segment.
pub fn url_segment(id: &str) -> String {
    let mut out = String::new();
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes a percent-encoded path segment (invalid escapes are kept as written).
pub fn decode_segment(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes.get(i).copied().unwrap_or_default();
        let hex = segment
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (byte, hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first two segments of an issue path (`users.U7.bu` → `users`, `U7`), quotes removed.
pub fn path_head(path: &str) -> (&str, Option<String>) {
    let (section, rest) = path.split_once('.').unwrap_or((path, ""));
    let section = section.split('[').next().unwrap_or(section);
    if rest.is_empty() {
        return (section, None);
    }
    let id = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.split('"').next().unwrap_or_default().to_string()
    } else {
        rest.split(['.', '['])
            .next()
            .unwrap_or_default()
            .to_string()
    };
    (section, Some(id))
}

/// The Designer URL an issue points at, when it concerns something the Designer shows.
pub fn issue_url(path: &str) -> Option<String> {
    let (section, id) = path_head(path);
    let with_id = |base: &str| match &id {
        Some(id) => format!("{base}/{}", url_segment(id)),
        None => base.to_string(),
    };
    match section {
        "business_units" => Some(with_id("/model/business-units")),
        "users" => Some(with_id("/model/users")),
        "teams" => Some(with_id("/model/teams")),
        "roles" => Some(with_id("/model/security-roles")),
        "tables" => Some(with_id("/model/tables")),
        "relationships" | "field_security_profiles" | "team_templates" => {
            Some("/model/tables".to_string())
        }
        "settings" => Some("/model/settings".to_string()),
        _ => None,
    }
}

/// The Problems panel group of an issue (ux.md C.11).
pub fn issue_group(path: &str) -> &'static str {
    match path_head(path).0 {
        "business_units" => "Business units",
        "roles" => "Roles",
        "teams" | "team_templates" => "Teams",
        "users" => "Users",
        "field_security_profiles" => "Column security",
        "tables" | "relationships" => "Tables",
        "settings" => "Settings",
        "data" => "Sample records",
        _ => "Model",
    }
}

/// Issues about one object: the path is `section.id` or below it.
pub fn issues_about<'a>(issues: &'a [Issue], section: &str, id: &str) -> Vec<&'a Issue> {
    issues
        .iter()
        .filter(|issue| {
            let (s, i) = path_head(&issue.path);
            s == section && i.as_deref() == Some(id)
        })
        .collect()
}

/// One thing the command palette can jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteEntry {
    /// "Business unit", "Team", "User", "Security role", "Table".
    pub kind: &'static str,
    /// Display name.
    pub label: String,
    /// Id (also searched).
    pub id: String,
    /// Where it opens.
    pub url: String,
}

/// Everything the palette can open, plus the Designer's views.
pub fn palette_entries(model: &Model) -> Vec<PaletteEntry> {
    let mut out = Vec::new();
    let mut push = |kind: &'static str, id: &str, base: &str| {
        out.push(PaletteEntry {
            kind,
            label: display(model, id).to_string(),
            id: id.to_string(),
            url: format!("{base}/{}", url_segment(id)),
        });
    };
    for b in &model.bus {
        push("Business unit", &b.name, "/model/business-units");
    }
    for t in model.teams.iter().filter(|t| t.record_team.is_none()) {
        push("Team", &t.name, "/model/teams");
    }
    for u in &model.users {
        push("User", &u.name, "/model/users");
    }
    for r in &model.roles {
        push("Security role", &r.name, "/model/security-roles");
    }
    for t in &model.tables {
        push("Table", &t.name, "/model/tables");
    }
    out
}

/// Palette entries matching `query`, best first: `@` keeps users, `#` tables; a name that starts
/// with the query ranks above one that only contains it.
pub fn filter_palette(entries: &[PaletteEntry], query: &str) -> Vec<PaletteEntry> {
    let query = query.trim();
    let (kind, query) = match query.chars().next() {
        Some('@') => (Some("User"), query.get(1..).unwrap_or_default()),
        Some('#') => (Some("Table"), query.get(1..).unwrap_or_default()),
        _ => (None, query),
    };
    let query = query.trim().to_lowercase();
    let mut scored: Vec<(u8, &PaletteEntry)> = entries
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .filter_map(|e| {
            let label = e.label.to_lowercase();
            let id = e.id.to_lowercase();
            let score = if query.is_empty() {
                2
            } else if label.starts_with(&query) || id.starts_with(&query) {
                0
            } else if label
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(&query))
            {
                1
            } else if label.contains(&query) || id.contains(&query) {
                2
            } else {
                return None;
            };
            Some((score, e))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.label.cmp(&b.1.label)));
    scored.into_iter().map(|(_, e)| e.clone()).collect()
}

/// One row of a role comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    /// The table row.
    pub row: GridRow,
    /// Depths of the first role.
    pub left: [Depth; 8],
    /// Depths of the second role.
    pub right: [Depth; 8],
}

impl CompareRow {
    /// Whether the two roles differ on this table.
    pub fn differs(&self) -> bool {
        self.left != self.right
    }
}

/// Two roles side by side over every grid row.
pub fn compare_roles(model: &Model, left: RoleId, right: RoleId) -> Vec<CompareRow> {
    let depths = |role: RoleId, set: PrivSet| {
        model
            .roles
            .get(role.index())
            .map_or([Depth::None; 8], |r| Verb::ALL.map(|v| r.depth(set, v)))
    };
    grid_rows(model)
        .into_iter()
        .map(|row| CompareRow {
            left: depths(left, row.set),
            right: depths(right, row.set),
            row,
        })
        .collect()
}

/// Whether every privilege of `a` is at least as wide in `b` (tables and miscellaneous).
pub fn role_covers(model: &Model, b: RoleId, a: RoleId) -> bool {
    let (Some(ra), Some(rb)) = (model.roles.get(a.index()), model.roles.get(b.index())) else {
        return false;
    };
    ra.privileges
        .iter()
        .all(|(set, d)| Verb::ALL.into_iter().all(|v| rb.depth(*set, v) >= d.get(v)))
        && ra
            .misc
            .iter()
            .all(|(n, d)| rb.misc.get(n).copied().unwrap_or_default() >= *d)
}

#[cfg(test)]
mod tests;
