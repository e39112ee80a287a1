//! The workshop handout: everything a printed summary of a model shows, computed in one place so
//! the app (and any other face) only lays it out.
//!
//! - the business unit tree with each unit's users, teams and roles;
//! - the roles × tables matrix: each role's eight privilege depths per table (System
//!   Administrator reads as Organization everywhere, EVAL-8);
//! - who-can-see highlights: for each sensitive table ([`crate::leakage::sensitivity`]) the roles
//!   and users that read it across the whole organisation, and how many of them can move it out;
//! - the advisor's findings ([`crate::lint::run`], suppressions applied);
//! - the pinned checks and their verdicts ([`crate::scenario::run_json_checks`]).
//!
//! It also holds the one-page leakage summary ([`leakage_summary`]): per table, readers by depth
//! and, per exfiltration privilege, how many of them hold it and the most records one could move.

use serde::Serialize;

use crate::data::Dataset;
use crate::leakage::{self, EXFILTRATION_PRIVILEGES, LeakageReport, Sensitivity};
use crate::lint::{self, Finding, LintOptions};
use crate::model::{BuId, Depth, Model, RoleId, TableId, Verb, VerbDepths};
use crate::query::DataIndex;
use crate::scenario::{self, CheckReport};

/// One business unit, in tree order (parents before children, siblings in model order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuLine {
    /// BU name (id).
    pub name: String,
    /// Position of the parent in [`Handout::bus`]; `None` for the root.
    pub parent: Option<usize>,
    /// 0 for the root.
    pub level: usize,
    /// Users whose business unit this is.
    pub n_users: usize,
    /// Teams in this unit, default team included.
    pub n_teams: usize,
    /// Security roles created in this unit.
    pub n_roles: usize,
}

/// A column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableColumn {
    /// Table name.
    pub name: String,
    /// Ownership token.
    pub ownership: &'static str,
    /// Why the table is sensitive; empty when it is not.
    pub sensitive: Vec<Sensitivity>,
}

/// A row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleRow {
    /// Role name.
    pub name: String,
    /// The role's business unit.
    pub bu: String,
    /// "Team privileges only" when set; the default otherwise.
    pub team_privileges_only: bool,
    /// Users holding the role, directly or through teams.
    pub n_holders: usize,
    /// Whether this is System Administrator (every depth is Organization).
    pub system_administrator: bool,
    /// Depth per verb ([`Verb::ALL`] order), one entry per [`Handout::tables`] column.
    #[serde(skip)]
    pub depths: Vec<VerbDepths>,
}

impl RoleRow {
    /// The depth this role grants for `verb` on the `column`-th table.
    pub fn depth(&self, column: usize, verb: Verb) -> Depth {
        self.depths.get(column).map_or(Depth::None, |d| d.get(verb))
    }
}

/// Who reads one sensitive table across the whole organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// Table name.
    pub table: String,
    /// Why it is sensitive.
    pub sensitive: Vec<Sensitivity>,
    /// Sample records of the table.
    pub n_records: usize,
    /// Enabled users reading at least one record.
    pub n_readers: usize,
    /// Roles reading it at Organization depth, with their holders.
    pub org_roles: Vec<(String, usize)>,
    /// Enabled users reading it at Organization depth.
    pub org_users: Vec<String>,
    /// Readers who can also move its records out (export, print, offline, sync …).
    pub n_exfiltrators: usize,
    /// The most records one of them could move out.
    pub max_records_exfiltrable: usize,
}

/// The whole handout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handout {
    /// Model name.
    pub model: String,
    /// Business units in tree order.
    pub bus: Vec<BuLine>,
    /// Matrix columns, model order.
    pub tables: Vec<TableColumn>,
    /// Matrix rows, model order: every custom role, and the predefined roles someone holds or
    /// that were modified ([`lint::role_in_play`]).
    pub roles: Vec<RoleRow>,
    /// Predefined roles left out of the matrix: nobody holds them and they are as shipped.
    pub n_roles_left_out: usize,
    /// Sensitive tables and who reads them organisation-wide.
    pub highlights: Vec<Highlight>,
    /// Advisor findings, suppressed ones included (with their reason).
    pub findings: Vec<Finding>,
    /// Pinned checks with their verdicts.
    pub checks: Vec<CheckReport>,
}

/// Builds the handout of a workspace: its model, sample data, events, pinned checks and lint
/// options (suppressions).
pub fn build(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    events: &[serde_json::Value],
    checks: &[serde_json::Value],
    lint_options: &LintOptions,
) -> Handout {
    let report = leakage::report(model, data, index);
    Handout {
        model: model.name.clone(),
        bus: bu_tree(model),
        tables: (0..model.tables.len())
            .filter_map(|i| {
                let t = model.tables.get(i)?;
                Some(TableColumn {
                    name: t.name.clone(),
                    ownership: t.ownership.as_str(),
                    sensitive: leakage::sensitivity(model, TableId::from_index(i)),
                })
            })
            .collect(),
        roles: role_rows(model),
        n_roles_left_out: (0..model.roles.len())
            .filter(|i| !lint::role_in_play(model, RoleId::from_index(*i)))
            .count(),
        highlights: highlights(&report),
        findings: lint::run(model, Some(data), lint_options),
        checks: scenario::run_json_checks(model, data, events, checks),
    }
}

/// The BU tree in pre-order.
pub fn bu_tree(model: &Model) -> Vec<BuLine> {
    fn visit(model: &Model, bu: BuId, parent: Option<usize>, level: usize, out: &mut Vec<BuLine>) {
        let Some(unit) = model.bus.get(bu.index()) else {
            return;
        };
        let here = out.len();
        out.push(BuLine {
            name: unit.name.clone(),
            parent,
            level,
            n_users: model.users.iter().filter(|u| u.bu == bu).count(),
            n_teams: model.teams.iter().filter(|t| t.bu == bu).count(),
            n_roles: model.roles.iter().filter(|r| r.bu == bu).count(),
        });
        // A cycle would be a validation error; the level bound keeps a bad model finite.
        if level > model.bus.len() {
            return;
        }
        for (i, child) in model.bus.iter().enumerate() {
            if child.parent == Some(bu) {
                visit(model, BuId::from_index(i), Some(here), level + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    for (i, unit) in model.bus.iter().enumerate() {
        if unit.parent.is_none() {
            visit(model, BuId::from_index(i), None, 0, &mut out);
        }
    }
    out
}

fn role_rows(model: &Model) -> Vec<RoleRow> {
    model
        .roles
        .iter()
        .enumerate()
        .filter(|(i, _)| lint::role_in_play(model, RoleId::from_index(*i)))
        .map(|(i, role)| {
            let sysadmin = role.is_system_administrator();
            let depths = (0..model.tables.len())
                .map(|t| {
                    let table = TableId::from_index(t);
                    if sysadmin {
                        VerbDepths([Depth::Org; 8])
                    } else {
                        let set = model.priv_set(table);
                        let mut d = VerbDepths::default();
                        for verb in Verb::ALL {
                            d.set(verb, role.depth(set, verb));
                        }
                        d
                    }
                })
                .collect();
            RoleRow {
                name: role.name.clone(),
                bu: model.bu_name(role.bu).to_string(),
                team_privileges_only: role.inheritance == crate::model::Inheritance::TeamOnly,
                n_holders: lint::holders(model, RoleId::from_index(i)).len(),
                system_administrator: sysadmin,
                depths,
            }
        })
        .collect()
}

fn highlights(report: &LeakageReport) -> Vec<Highlight> {
    report
        .tables
        .iter()
        .filter(|t| !t.sensitive.is_empty())
        .map(|t| Highlight {
            table: t.table.clone(),
            sensitive: t.sensitive.clone(),
            n_records: t.n_records,
            n_readers: t.n_readers,
            org_roles: t
                .roles
                .iter()
                .filter(|r| r.read == Depth::Org.as_str() && r.n_holders > 0)
                .map(|r| (r.role.clone(), r.n_holders))
                .collect(),
            org_users: t
                .users
                .iter()
                .filter(|u| u.read == Depth::Org.as_str())
                .map(|u| u.user.clone())
                .collect(),
            n_exfiltrators: t.n_exfiltrators,
            max_records_exfiltrable: t.max_records_exfiltrable,
        })
        .collect()
}

/// Readers of a table at one depth (their deepest Read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepthReaders {
    /// The depth (its format token in JSON).
    #[serde(serialize_with = "depth_token")]
    pub depth: Depth,
    /// Enabled users whose deepest Read on the table is this depth.
    pub n_users: usize,
    /// Roles granting Read at this depth and held by someone.
    pub roles: Vec<String>,
}

fn depth_token<S: serde::Serializer>(depth: &Depth, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(depth.as_str())
}

/// One way out of the CRM for one table's readers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    /// Privilege name, `prvExportToExcel`.
    pub privilege: &'static str,
    /// Role editor label, "Export to Excel".
    pub label: &'static str,
    /// Whether it moves records in bulk.
    pub bulk: bool,
    /// Readers of the table who hold it.
    pub n_users: usize,
    /// The most sample records one of them reads, so could move out this way.
    pub max_records: usize,
}

/// One line of the printable leakage summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeakageLine {
    /// Table name.
    pub table: String,
    /// Why it is sensitive.
    pub sensitive: Vec<Sensitivity>,
    /// Sample records.
    pub n_records: usize,
    /// Readers by depth, deepest first; depths nobody reads at are left out.
    pub readers: Vec<DepthReaders>,
    /// Enabled users reading at least one record.
    pub n_readers: usize,
    /// Exfiltration privileges held by at least one reader, in [`EXFILTRATION_PRIVILEGES`] order.
    pub channels: Vec<Channel>,
    /// Readers holding any exfiltration privilege and reading at least one record.
    pub n_exfiltrators: usize,
    /// The most records one reader could move out.
    pub max_records_exfiltrable: usize,
}

/// The one-page leakage summary: one line per table, sensitive tables first (model order
/// within each group).
pub fn leakage_summary(report: &LeakageReport) -> Vec<LeakageLine> {
    let mut lines: Vec<LeakageLine> = report
        .tables
        .iter()
        .map(|t| {
            let readers = Depth::ALL
                .into_iter()
                .rev()
                .filter(|d| *d != Depth::None)
                .filter_map(|depth| {
                    let n_users = t.users.iter().filter(|u| u.read == depth.as_str()).count();
                    (n_users > 0).then(|| DepthReaders {
                        depth,
                        n_users,
                        roles: t
                            .roles
                            .iter()
                            .filter(|r| r.read == depth.as_str() && r.n_holders > 0)
                            .map(|r| r.role.clone())
                            .collect(),
                    })
                })
                .collect();
            let channels = EXFILTRATION_PRIVILEGES
                .iter()
                .filter_map(|p| {
                    let holders: Vec<usize> = t
                        .users
                        .iter()
                        .filter(|u| u.exfiltration.iter().any(|g| g.privilege == p.name))
                        .map(|u| u.n_readable)
                        .collect();
                    (!holders.is_empty()).then(|| Channel {
                        privilege: p.name,
                        label: p.label,
                        bulk: p.bulk,
                        n_users: holders.len(),
                        max_records: holders.iter().copied().max().unwrap_or(0),
                    })
                })
                .collect();
            LeakageLine {
                table: t.table.clone(),
                sensitive: t.sensitive.clone(),
                n_records: t.n_records,
                readers,
                n_readers: t.n_readers,
                channels,
                n_exfiltrators: t.n_exfiltrators,
                max_records_exfiltrable: t.max_records_exfiltrable,
            }
        })
        .collect();
    lines.sort_by_key(|l| l.sensitive.is_empty());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DEMO_ORGS;

    fn demo(i: usize) -> (scenario::Scenario, DataIndex) {
        let yaml = DEMO_ORGS.get(i).map(|d| d.yaml).unwrap_or_default();
        let loaded = scenario::load(yaml, &|_| Err("no base".into())).unwrap();
        let index = DataIndex::build(&loaded.model, &loaded.data);
        (loaded, index)
    }

    fn handout(i: usize) -> Handout {
        let (s, index) = demo(i);
        let json = |v: &[serde_yaml_ng::Value]| -> Vec<serde_json::Value> {
            v.iter().map(|x| serde_json::to_value(x).unwrap()).collect()
        };
        build(
            &s.model,
            &s.data,
            &index,
            &json(&s.events),
            &json(&s.checks),
            &LintOptions::default(),
        )
    }

    #[test]
    fn bu_tree_is_in_pre_order_with_parents_first() {
        let h = handout(0);
        assert_eq!(h.bus.len(), 11);
        assert_eq!(h.bus[0].name, "bu_head_office");
        assert_eq!(h.bus[0].parent, None);
        for (i, bu) in h.bus.iter().enumerate().skip(1) {
            let parent = bu.parent.expect("only the root has no parent");
            assert!(parent < i);
            assert_eq!(h.bus[parent].level + 1, bu.level);
        }
        let leeds = h.bus.iter().find(|b| b.name == "bu_store_leeds").unwrap();
        assert_eq!(h.bus[leeds.parent.unwrap()].name, "bu_north");
        assert_eq!(leeds.level, 2);
        assert!(leeds.n_users >= 4, "store manager and three associates");
        assert_eq!(h.bus.iter().map(|b| b.n_users).sum::<usize>(), {
            let (s, _) = demo(0);
            s.model.users.len()
        });
    }

    #[test]
    fn matrix_reads_the_role_grid_and_system_administrator_is_org() {
        let h = handout(0);
        let contact = h.tables.iter().position(|t| t.name == "contact").unwrap();
        let cs = h.roles.iter().find(|r| r.name == "role_cs_agent").unwrap();
        assert_eq!(cs.depth(contact, Verb::Read), Depth::Org);
        let staff = h
            .roles
            .iter()
            .find(|r| r.name == "role_store_staff")
            .unwrap();
        assert_eq!(staff.depth(contact, Verb::Read), Depth::Bu);
        let admin = h.roles.iter().find(|r| r.system_administrator).unwrap();
        assert!(
            (0..h.tables.len()).all(|t| Verb::ALL.iter().all(|v| admin.depth(t, *v) == Depth::Org))
        );
        assert!(h.tables[contact].sensitive.contains(&Sensitivity::People));
        // Predefined roles nobody holds, as shipped, are left out and counted.
        assert!(!h.roles.iter().any(|r| r.name == "AppOpener"));
        assert!(h.n_roles_left_out > 0);
        let (s, _) = demo(0);
        assert_eq!(h.roles.len() + h.n_roles_left_out, s.model.roles.len());
        assert!(h.roles.iter().any(|r| r.name == "role_store_team"));
    }

    #[test]
    fn highlights_name_the_org_wide_readers_of_sensitive_tables() {
        let h = handout(0);
        assert!(h.highlights.iter().all(|x| !x.sensitive.is_empty()));
        let contact = h.highlights.iter().find(|x| x.table == "contact").unwrap();
        assert!(
            contact
                .org_roles
                .iter()
                .any(|(r, n)| r == "role_cs_agent" && *n > 0)
        );
        assert!(contact.org_users.iter().any(|u| u == "u_cs_agent3"));
        assert!(!contact.org_users.iter().any(|u| u == "u_leeds_clerk1"));
        assert!(
            !h.highlights
                .iter()
                .any(|x| x.table == "product" && x.sensitive.is_empty())
        );
    }

    #[test]
    fn findings_and_checks_come_from_the_engine() {
        let h = handout(0);
        let (s, _) = demo(0);
        assert_eq!(h.checks.len(), s.checks.len());
        assert!(h.findings.iter().any(|f| f.lint == "L004"));
        let suppressed = LintOptions::with_suppressions(&[lint::Suppression::from_key(
            "L004",
            "accepted in the workshop",
        )]);
        let (s, index) = demo(0);
        let h2 = build(&s.model, &s.data, &index, &[], &[], &suppressed);
        assert!(
            h2.findings
                .iter()
                .filter(|f| f.lint == "L004")
                .all(|f| f.suppressed.as_deref() == Some("accepted in the workshop"))
        );
        assert!(h2.checks.is_empty());
    }

    #[test]
    fn leakage_summary_counts_readers_by_depth_and_channels() {
        let (s, index) = demo(0);
        let report = leakage::report(&s.model, &s.data, &index);
        let lines = leakage_summary(&report);
        assert_eq!(lines.len(), s.model.tables.len());
        let first_plain = lines.iter().position(|l| l.sensitive.is_empty());
        if let Some(p) = first_plain {
            assert!(lines[p..].iter().all(|l| l.sensitive.is_empty()));
        }
        let contact = lines.iter().find(|l| l.table == "contact").unwrap();
        let table = report.tables.iter().find(|t| t.table == "contact").unwrap();
        assert_eq!(
            contact.readers.iter().map(|r| r.n_users).sum::<usize>(),
            table.users.len()
        );
        let org = contact.readers.first().unwrap();
        assert_eq!(org.depth, Depth::Org);
        assert!(org.roles.iter().any(|r| r == "role_cs_agent"));
        let bu = contact
            .readers
            .iter()
            .find(|r| r.depth == Depth::Bu)
            .unwrap();
        assert!(bu.roles.iter().any(|r| r == "role_store_staff"));
        let export = contact
            .channels
            .iter()
            .find(|c| c.privilege == "prvExportToExcel")
            .unwrap();
        assert!(export.n_users > 0);
        assert_eq!(
            export.max_records, contact.n_records,
            "CS agents export every contact"
        );
        let print = contact
            .channels
            .iter()
            .find(|c| c.privilege == "prvPrint")
            .unwrap();
        assert!(
            print.n_users > export.n_users,
            "store staff print, they do not export"
        );
    }
}
