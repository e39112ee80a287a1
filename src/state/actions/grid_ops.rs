//! Bulk edits of a role's privilege grid: Permission Settings presets and level presets for a
//! row, Copy table permissions to other tables, and copy/paste of a block of levels as text
//! (between rows, and between roles through the clipboard). Every written level is fitted to
//! what the table takes (ROLE-5, `Ownership::allows` through `allowed_depths`), and the caller
//! is told which cells took another level than the one asked for.

use engine::model::{Depth, Model, PrivSet, RoleId, Verb};

use super::designer::{Refusal, allowed_depths, display, fit_depth, set_privileges};

/// The eight levels of one row, in Microsoft's verb order.
pub type RowDepths = [Depth; 8];

/// A Permission Settings preset of the modern role editor (ROLE-12, SRP 2025 wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// No Access.
    NoAccess,
    /// Full Access: view and edit all records.
    FullAccess,
    /// Collaborate: view all records, edit only their own.
    Collaborate,
    /// Private: view and edit only their own records.
    Private,
    /// Reference: only view records.
    Reference,
}

impl Preset {
    /// The presets in the editor's order.
    pub const ALL: [Preset; 5] = [
        Preset::NoAccess,
        Preset::FullAccess,
        Preset::Collaborate,
        Preset::Private,
        Preset::Reference,
    ];

    /// The name the editor shows (also what `permission_setting` reports back).
    pub fn label(self) -> &'static str {
        match self {
            Preset::NoAccess => "No Access",
            Preset::FullAccess => "Full Access",
            Preset::Collaborate => "Collaborate",
            Preset::Private => "Private",
            Preset::Reference => "Reference",
        }
    }

    /// SRP's one-line meaning.
    pub fn meaning(self) -> &'static str {
        match self {
            Preset::NoAccess => "no access to the table",
            Preset::FullAccess => "view and edit all records",
            Preset::Collaborate => "view all records, edit only their own",
            Preset::Private => "view and edit only their own records",
            Preset::Reference => "only view records",
        }
    }

    /// The levels the preset writes on a table that takes `allowed` (lowest first). "All" is
    /// the widest level the table takes, "own" is User where the table has it.
    pub fn depths(self, allowed: &[Depth]) -> RowDepths {
        let widest = allowed.last().copied().unwrap_or(Depth::None);
        let own = if allowed.contains(&Depth::User) {
            Depth::User
        } else {
            widest
        };
        let read_then = |read: Depth, rest: Depth| {
            let mut row = [rest; 8];
            if let Some(r) = row.get_mut(Verb::Read.index()) {
                *r = read;
            }
            row
        };
        match self {
            Preset::NoAccess => [Depth::None; 8],
            Preset::FullAccess => [widest; 8],
            Preset::Private => [own; 8],
            Preset::Collaborate => read_then(widest, own),
            Preset::Reference => read_then(widest, Depth::None),
        }
    }
}

/// A preset at a chosen level: every privilege at that level, or Read alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelPreset {
    /// Read at the level, nothing else ("Read-only at Business Unit").
    ReadOnly,
    /// All eight privileges at the level ("Full at User").
    Full,
}

impl LevelPreset {
    /// "Read-only at" / "Full at".
    pub fn label(self) -> &'static str {
        match self {
            LevelPreset::ReadOnly => "Read-only at",
            LevelPreset::Full => "Full at",
        }
    }

    /// The row this preset writes at `level` (before fitting).
    pub fn depths(self, level: Depth) -> RowDepths {
        match self {
            LevelPreset::Full => [level; 8],
            LevelPreset::ReadOnly => {
                let mut row = [Depth::None; 8];
                if let Some(r) = row.get_mut(Verb::Read.index()) {
                    *r = level;
                }
                row
            }
        }
    }
}

/// A cell that took another level than the one asked for, because its table does not take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjusted {
    /// The table (display name).
    pub table: String,
    /// The privilege.
    pub verb: Verb,
    /// What was asked.
    pub wanted: Depth,
    /// What the table gets instead.
    pub got: Depth,
}

impl Adjusted {
    /// "Product, Read: Business Unit → Organization".
    pub fn sentence(&self) -> String {
        format!(
            "{}, {}: {} → {}",
            self.table,
            self.verb.label(),
            self.wanted.label(),
            self.got.label()
        )
    }
}

/// `row` fitted to what `set` takes, with the cells that changed on the way.
pub fn fit_row(model: &Model, set: PrivSet, row: RowDepths) -> (RowDepths, Vec<Adjusted>) {
    let allowed = allowed_depths(model, set);
    let mut out = row;
    let mut adjusted = Vec::new();
    for verb in Verb::ALL {
        let i = verb.index();
        let wanted = row.get(i).copied().unwrap_or_default();
        let got = fit_depth(&allowed, wanted);
        if let Some(slot) = out.get_mut(i) {
            *slot = got;
        }
        if got != wanted {
            adjusted.push(Adjusted {
                table: display(model, model.priv_set_name(set)).to_string(),
                verb,
                wanted,
                got,
            });
        }
    }
    (out, adjusted)
}

/// The levels a role holds on a row.
pub fn row_depths(model: &Model, role: RoleId, set: PrivSet) -> RowDepths {
    model
        .roles
        .get(role.index())
        .map_or([Depth::None; 8], |r| Verb::ALL.map(|v| r.depth(set, v)))
}

/// Writes whole rows (each fitted to its table). Returns the model and the fitted cells.
pub fn set_rows(
    model: &Model,
    role: RoleId,
    rows: &[(PrivSet, RowDepths)],
) -> Result<(Model, Vec<Adjusted>), Refusal> {
    let mut cells = Vec::with_capacity(rows.len() * 8);
    let mut adjusted = Vec::new();
    for (set, row) in rows {
        let (fitted, notes) = fit_row(model, *set, *row);
        adjusted.extend(notes);
        cells.extend(
            Verb::ALL
                .into_iter()
                .map(|v| (*set, v, fitted.get(v.index()).copied().unwrap_or_default())),
        );
    }
    Ok((set_privileges(model, role, &cells)?, adjusted))
}

/// Copy table permissions: the source row's eight levels written over every target table
/// (the source itself is skipped). Targets that do not take a level get the closest one they
/// take, and are listed.
pub fn copy_table_permissions(
    model: &Model,
    role: RoleId,
    from: PrivSet,
    to: &[PrivSet],
) -> Result<(Model, Vec<Adjusted>), Refusal> {
    let targets: Vec<PrivSet> = to.iter().copied().filter(|s| *s != from).collect();
    if targets.is_empty() {
        return Err("choose at least one other table to copy the permissions to".to_string());
    }
    let source = row_depths(model, role, from);
    let rows: Vec<(PrivSet, RowDepths)> = targets.into_iter().map(|s| (s, source)).collect();
    set_rows(model, role, &rows)
}

/// One cell of a paste: a grid position (0-based data row and verb column) and its level.
pub type PasteCell = (usize, usize, Depth);

/// Where a copied block lands. A block pasted into a selection whose size is a multiple of the
/// block's repeats to fill it (a single row pasted over five selected rows fills all five);
/// otherwise it lands once with its top-left at the selection's top-left. Cells past the grid's
/// edge are dropped.
pub fn paste_plan(
    block: &[Vec<Depth>],
    top_left: (usize, usize),
    selection: (usize, usize),
    grid: (usize, usize),
) -> Vec<PasteCell> {
    let height = block.len();
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    if height == 0 || width == 0 {
        return Vec::new();
    }
    let (sel_h, sel_w) = selection;
    let (rows, cols) = if sel_h >= height
        && sel_w >= width
        && sel_h % height == 0
        && sel_w % width == 0
        && (sel_h, sel_w) != (height, width)
    {
        (sel_h, sel_w)
    } else {
        (height, width)
    };
    let mut out = Vec::new();
    for dr in 0..rows {
        for dc in 0..cols {
            let (r, c) = (top_left.0 + dr, top_left.1 + dc);
            if r >= grid.0 || c >= grid.1 {
                continue;
            }
            let line = block.get(dr % height);
            if let Some(depth) = line.and_then(|l| l.get(dc % width)) {
                out.push((r, c, *depth));
            }
        }
    }
    out
}

/// Writes pasted cells over the grid's `rows` (the privilege sets in grid order), fitted to
/// each table.
pub fn apply_paste(
    model: &Model,
    role: RoleId,
    rows: &[PrivSet],
    cells: &[PasteCell],
) -> Result<(Model, Vec<Adjusted>), Refusal> {
    if cells.is_empty() {
        return Err("there is nothing to paste here".to_string());
    }
    let mut adjusted = Vec::new();
    let mut writes = Vec::with_capacity(cells.len());
    for (r, c, depth) in cells {
        let (Some(set), Some(verb)) = (rows.get(*r), Verb::ALL.get(*c)) else {
            continue;
        };
        let got = fit_depth(&allowed_depths(model, *set), *depth);
        if got != *depth {
            adjusted.push(Adjusted {
                table: display(model, model.priv_set_name(*set)).to_string(),
                verb: *verb,
                wanted: *depth,
                got,
            });
        }
        writes.push((*set, *verb, got));
    }
    Ok((set_privileges(model, role, &writes)?, adjusted))
}

/// A block of levels as clipboard text: one line per row, levels separated by tabs, each the
/// format token (`none`, `user`, `bu`, `pcbu`, `org`), so spreadsheets and other roles take it.
pub fn format_block(block: &[Vec<Depth>]) -> String {
    block
        .iter()
        .map(|line| {
            line.iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One level read from text: the format token, the UI label, the short label under a glyph or
/// the documentation's term, in any case.
pub fn parse_depth(word: &str) -> Option<Depth> {
    let w = word.trim().to_lowercase();
    let w = w.as_str();
    Depth::ALL.into_iter().find(|d| {
        // The glyph's short label and the documentation's term (depth_circle.rs).
        let (short, doc): (&[&str], &str) = match d {
            Depth::None => (&["—", "-", "", "none selected"], "none"),
            Depth::User => (&["user"], "basic"),
            Depth::Bu => (&["bu"], "local"),
            Depth::Pcbu => (&["p:c", "parent: child business unit"], "deep"),
            Depth::Org => (&["org"], "global"),
        };
        w == d.as_str() || w == d.label().to_lowercase() || w == doc || short.contains(&w)
    })
}

/// Clipboard text back into a block of levels. Lines may be separated by tabs, commas or
/// semicolons; a word that is no level is refused with its line and column.
pub fn parse_block(text: &str) -> Result<Vec<Vec<Depth>>, String> {
    let mut block = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let sep = if line.contains('\t') {
            '\t'
        } else if line.contains(';') {
            ';'
        } else {
            ','
        };
        let mut row = Vec::new();
        for (c, word) in line.split(sep).enumerate() {
            match parse_depth(word) {
                Some(d) => row.push(d),
                None => {
                    return Err(format!(
                        "the clipboard holds `{}` on line {}, column {}: that is no access \
                         level (use None, User, Business Unit, Parent: Child Business Units \
                         or Organization)",
                        word.trim(),
                        n + 1,
                        c + 1
                    ));
                }
            }
        }
        if row.len() > 8 {
            return Err(format!(
                "line {} of the clipboard has {} levels; a row has 8 privileges",
                n + 1,
                row.len()
            ));
        }
        block.push(row);
    }
    if block.is_empty() {
        return Err("the clipboard holds no access levels".to_string());
    }
    Ok(block)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Workspace;
    use crate::state::actions::designer_query::permission_setting;

    fn demo() -> Workspace {
        Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo loads")
    }

    fn table(model: &Model, name: &str) -> PrivSet {
        PrivSet::Table(*model.name_index().tables.get(name).expect("table exists"))
    }

    fn role(model: &Model, name: &str) -> RoleId {
        *model.name_index().roles.get(name).expect("role exists")
    }

    #[test]
    fn each_preset_reads_back_as_itself_on_every_ownership_type() {
        let allowed_sets: [&[Depth]; 2] = [&Depth::ALL, &[Depth::None, Depth::Org]];
        for allowed in allowed_sets {
            for preset in Preset::ALL {
                let row = preset.depths(allowed);
                assert!(row.iter().all(|d| allowed.contains(d)), "{preset:?}");
                let read_back = permission_setting(row, allowed);
                // On an organization-owned table "own" is Organization, so Private and
                // Collaborate write the same row as Full Access.
                let org_owned = allowed.len() == 2;
                let expected =
                    if org_owned && matches!(preset, Preset::Private | Preset::Collaborate) {
                        "Full Access"
                    } else {
                        preset.label()
                    };
                assert_eq!(read_back, expected, "{preset:?} on {allowed:?}");
            }
        }
        assert_eq!(
            Preset::Collaborate.depths(&Depth::ALL),
            [
                Depth::User,
                Depth::Org,
                Depth::User,
                Depth::User,
                Depth::User,
                Depth::User,
                Depth::User,
                Depth::User
            ]
        );
    }

    #[test]
    fn level_presets_fit_organization_owned_tables() {
        let ws = demo();
        let m = &ws.model;
        let product = table(m, "product");
        let (row, adjusted) = fit_row(m, product, LevelPreset::ReadOnly.depths(Depth::Bu));
        assert_eq!(row[Verb::Read.index()], Depth::Org);
        assert_eq!(row[Verb::Write.index()], Depth::None);
        assert_eq!(adjusted.len(), 1);
        assert_eq!(
            adjusted[0].sentence(),
            "product, Read: Business Unit → Organization"
        );
        let account = table(m, "account");
        let (row, adjusted) = fit_row(m, account, LevelPreset::Full.depths(Depth::User));
        assert_eq!(row, [Depth::User; 8]);
        assert!(adjusted.is_empty());
    }

    #[test]
    fn copy_table_permissions_overwrites_targets_and_names_what_was_fitted() {
        let ws = demo();
        let m = &ws.model;
        let r = role(m, "role_store_staff");
        let (account, contact, product) = (
            table(m, "account"),
            table(m, "contact"),
            table(m, "product"),
        );
        let source = row_depths(m, r, account);
        let (next, adjusted) =
            copy_table_permissions(m, r, account, &[contact, product, account]).expect("copies");
        assert_eq!(row_depths(&next, r, contact), source);
        let product_row = row_depths(&next, r, product);
        for verb in Verb::ALL {
            let want = source[verb.index()];
            let expect = if want == Depth::None {
                Depth::None
            } else {
                Depth::Org
            };
            assert_eq!(product_row[verb.index()], expect, "{verb:?}");
        }
        assert!(adjusted.iter().all(|a| a.table == "product"));
        assert_eq!(
            adjusted.len(),
            source
                .iter()
                .filter(|d| !matches!(d, Depth::None | Depth::Org))
                .count()
        );
        assert!(copy_table_permissions(m, r, account, &[account]).is_err());
        // Predefined roles stay read-only.
        let admin = role(m, "SystemAdministrator");
        assert!(copy_table_permissions(m, admin, account, &[contact]).is_err());
    }

    #[test]
    fn a_single_row_fills_every_selected_row_and_blocks_clip_at_the_edge() {
        let row = vec![Depth::Bu, Depth::User];
        let plan = paste_plan(std::slice::from_ref(&row), (2, 1), (3, 2), (10, 8));
        assert_eq!(plan.len(), 6);
        assert!(plan.contains(&(4, 2, Depth::User)));
        // A selection that is no multiple: pasted once.
        let plan = paste_plan(std::slice::from_ref(&row), (2, 1), (3, 3), (10, 8));
        assert_eq!(plan, vec![(2, 1, Depth::Bu), (2, 2, Depth::User)]);
        // Past the right edge.
        let plan = paste_plan(std::slice::from_ref(&row), (0, 7), (1, 1), (10, 8));
        assert_eq!(plan, vec![(0, 7, Depth::Bu)]);
        assert!(paste_plan(&[], (0, 0), (1, 1), (10, 8)).is_empty());
    }

    #[test]
    fn clipboard_text_round_trips_and_names_a_bad_word() {
        let block = vec![
            vec![Depth::None, Depth::Org, Depth::Bu],
            vec![Depth::Pcbu, Depth::User, Depth::None],
        ];
        let text = format_block(&block);
        assert_eq!(text, "none\torg\tbu\npcbu\tuser\tnone");
        assert_eq!(parse_block(&text), Ok(block));
        assert_eq!(
            parse_block("Business Unit, Organization\n\nP:C;Global"),
            Ok(vec![
                vec![Depth::Bu, Depth::Org],
                vec![Depth::Pcbu, Depth::Org]
            ])
        );
        let err = parse_block("bu\tsometimes").unwrap_err();
        assert!(err.contains("`sometimes` on line 1, column 2"), "{err}");
        assert!(parse_block("  \n").is_err());
        assert!(parse_block("bu\tbu\tbu\tbu\tbu\tbu\tbu\tbu\tbu").is_err());
    }

    #[test]
    fn pasting_writes_fitted_levels_and_stays_one_model_change() {
        let ws = demo();
        let m = &ws.model;
        let r = role(m, "role_store_staff");
        let rows: Vec<PrivSet> = vec![table(m, "account"), table(m, "product")];
        let plan = paste_plan(&[vec![Depth::Bu; 8]], (0, 0), (2, 8), (2, 8));
        let (next, adjusted) = apply_paste(m, r, &rows, &plan).expect("pastes");
        assert_eq!(row_depths(&next, r, rows[0]), [Depth::Bu; 8]);
        assert_eq!(row_depths(&next, r, rows[1]), [Depth::Org; 8]);
        assert_eq!(adjusted.len(), 8);
        assert!(apply_paste(m, r, &rows, &[]).is_err());
    }
}
