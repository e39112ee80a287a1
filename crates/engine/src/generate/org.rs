//! [`org`]: a generated organisation shaped like the demo orgs, at any size.
//!
//! The business unit tree is root → regions → countries → offices. Every BU has a head who
//! manages the BU's staff and reports to the head of the nearest BU above, so the manager
//! hierarchy follows the tree (HIER-2). Roles mirror the demo orgs: a base role every user
//! holds directly, salesperson (User/BU), managers (BU/Parent: Child BU), service, executives
//! (Organization), sales operations, *Team privileges only* roles on the owner teams, and
//! System Administrator for two users.

use std::collections::{BTreeMap, BTreeSet};

use super::rng::Rng;
use super::words;
use crate::model::{
    BuId, BusinessUnit, Cascade, CascadeConfig, ColumnPermission, Depth, FieldProfile, Hierarchy,
    HierarchyModel, Inheritance, Model, Ownership, Predefined, PrivSet, Relationship,
    RelationshipKind, Rights, Role, RoleAssignment, RoleId, Table, TableId, Team, TeamKind,
    TeamTemplate, User, UserId, Verb, VerbDepths,
};

/// The size and seed of a generated organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgParams {
    /// Seed; the same parameters always give the same model.
    pub seed: u64,
    /// Business units, root included (at least 1).
    pub business_units: usize,
    /// Users (at least 1).
    pub users: usize,
    /// Owner, access and Entra group teams; a default team per BU comes on top (BU-4).
    pub teams: usize,
    /// Tables (at least 1): account, contact, opportunity, incident, annotation, task, lead,
    /// product, email, phonecall, appointment, pricelevel, then custom `new_*` tables.
    pub tables: usize,
    /// Manager hierarchy security with this depth (HIER-1, HIER-5); `None` leaves it off.
    pub hierarchy_depth: Option<u32>,
}

impl OrgParams {
    /// The benchmark organisation: 50 BUs, 1,000 users, 200 teams, 10 tables, manager
    /// hierarchy two levels deep.
    pub fn benchmark(seed: u64) -> OrgParams {
        OrgParams {
            seed,
            business_units: 50,
            users: 1_000,
            teams: 200,
            tables: 10,
            hierarchy_depth: Some(2),
        }
    }

    /// A small organisation for tests and examples: 8 BUs, 40 users, 8 teams, 10 tables,
    /// manager hierarchy three levels deep.
    pub fn small(seed: u64) -> OrgParams {
        OrgParams {
            seed,
            business_units: 8,
            users: 40,
            teams: 8,
            tables: 10,
            hierarchy_depth: Some(3),
        }
    }
}

impl Default for OrgParams {
    /// [`OrgParams::benchmark`] with seed 1.
    fn default() -> OrgParams {
        OrgParams::benchmark(1)
    }
}

/// Generates an organisation. The same parameters give the same model on every platform.
pub fn org(params: &OrgParams) -> Model {
    let mut rng = Rng::new(params.seed, 1);
    let mut model = Model {
        name: format!(
            "{} {} (generated, seed {})",
            rng.pick_or(words::COMPANY_STEMS, "Contoso"),
            rng.pick_or(words::COMPANY_KINDS, "Group"),
            params.seed
        ),
        ..Model::default()
    };
    if let Some(depth) = params.hierarchy_depth {
        model.settings.hierarchy = Some(Hierarchy {
            model: HierarchyModel::Manager,
            depth,
            tables: None,
        });
    }
    let levels = build_bus(&mut model, params.business_units.max(1), &mut rng);
    build_tables(&mut model, params.tables.max(1));
    let roles = build_roles(&mut model);
    let staff = build_users(&mut model, &levels, &roles, params.users.max(1), &mut rng);
    let service_teams = build_teams(&mut model, &levels, &roles, &staff, params.teams, &mut rng);
    build_profiles(&mut model, &staff, &service_teams);
    model
}

/// Where a BU sits in the generated tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Root,
    Region,
    Country,
    Office,
}

fn build_bus(model: &mut Model, n_bus: usize, rng: &mut Rng) -> Vec<Level> {
    let n_regions = if n_bus <= 1 {
        0
    } else {
        ((n_bus - 1).isqrt() / 2).clamp(1, n_bus - 1)
    };
    let remaining = n_bus - 1 - n_regions;
    let n_countries = remaining.min(n_regions * 4);
    let n_offices = remaining - n_countries;
    let mut levels = vec![Level::Root];
    model.bus.push(BusinessUnit {
        name: "bu_hq".into(),
        parent: None,
    });
    let root_title = format!("{} — head office (root)", model.name);
    model.display_names.insert("bu_hq".into(), root_title);
    let mut regions = Vec::new();
    for k in 0..n_regions {
        let slug = list_name(words::REGIONS, k, "region");
        let id = push_bu(model, format!("bu_{slug}"), BuId(0));
        model.display_names.insert(
            format!("bu_{slug}"),
            format!("{} region", title_case(&slug)),
        );
        regions.push(id);
        levels.push(Level::Region);
    }
    let mut countries = Vec::new();
    for k in 0..n_countries {
        let slug = list_name(words::COUNTRIES, k, "country");
        let parent = regions.get(k % regions.len().max(1)).copied();
        let id = push_bu(model, format!("bu_{slug}"), parent.unwrap_or(BuId(0)));
        model
            .display_names
            .insert(format!("bu_{slug}"), title_case(&slug));
        countries.push(id);
        levels.push(Level::Country);
    }
    for k in 0..n_offices {
        let city = rng.pick_or(words::CITIES, "City");
        let name = format!("bu_{}_{k:02}", slug(city));
        let parent = rng.pick_or(&countries, BuId(0));
        push_bu(model, name.clone(), parent);
        model.display_names.insert(name, format!("{city} office"));
        levels.push(Level::Office);
    }
    levels
}

fn push_bu(model: &mut Model, name: String, parent: BuId) -> BuId {
    model.bus.push(BusinessUnit {
        name,
        parent: Some(parent),
    });
    BuId::from_index(model.bus.len() - 1)
}

/// The `k`th entry of a word list, numbered once the list runs out.
fn list_name(list: &[&str], k: usize, fallback: &str) -> String {
    match list.get(k) {
        Some(word) => (*word).to_string(),
        None => format!("{fallback}_{k}"),
    }
}

fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn title_case(slug: &str) -> String {
    slug.split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The standard tables in the order they are taken, with their ownership.
const TABLES: &[(&str, Ownership)] = &[
    ("account", Ownership::UserOrTeam),
    ("contact", Ownership::UserOrTeam),
    ("opportunity", Ownership::UserOrTeam),
    ("incident", Ownership::UserOrTeam),
    ("annotation", Ownership::UserOrTeam),
    ("task", Ownership::Activity),
    ("lead", Ownership::UserOrTeam),
    ("product", Ownership::Organization),
    ("email", Ownership::Activity),
    ("phonecall", Ownership::Activity),
    ("appointment", Ownership::Activity),
    ("pricelevel", Ownership::Organization),
];

/// Custom tables after the standard ones; each hangs off `account`.
const CUSTOM_TABLES: &[&str] = &["new_project", "new_contract", "new_loyaltycard"];

/// 1:N parental relationships: (parent, child, schema name, lookup column).
const RELATIONSHIPS: &[(&str, &str, &str, &str)] = &[
    (
        "account",
        "contact",
        "contact_customer_accounts",
        "parentcustomerid",
    ),
    (
        "account",
        "opportunity",
        "opportunity_customer_accounts",
        "customerid",
    ),
    (
        "account",
        "incident",
        "incident_customer_accounts",
        "customerid",
    ),
    ("account", "annotation", "Account_Annotation", "objectid"),
    ("contact", "annotation", "Contact_Annotation", "objectid"),
    (
        "opportunity",
        "annotation",
        "Opportunity_Annotation",
        "objectid",
    ),
    ("incident", "annotation", "Incident_Annotation", "objectid"),
    ("lead", "annotation", "Lead_Annotation", "objectid"),
    (
        "opportunity",
        "task",
        "Opportunity_Tasks",
        "regardingobjectid",
    ),
    ("incident", "task", "Incident_Tasks", "regardingobjectid"),
    (
        "opportunity",
        "email",
        "Opportunity_Emails",
        "regardingobjectid",
    ),
    ("incident", "email", "Incident_Emails", "regardingobjectid"),
    (
        "opportunity",
        "phonecall",
        "Opportunity_Phonecalls",
        "regardingobjectid",
    ),
    (
        "incident",
        "phonecall",
        "Incident_Phonecalls",
        "regardingobjectid",
    ),
    (
        "opportunity",
        "appointment",
        "Opportunity_Appointments",
        "regardingobjectid",
    ),
];

/// Parental behaviour: every action cascades (CASC-1).
const CASCADE_ALL: CascadeConfig = CascadeConfig {
    assign: Cascade::All,
    share: Cascade::All,
    unshare: Cascade::All,
    reparent: Cascade::All,
    delete: Cascade::All,
    merge: Cascade::All,
};

fn build_tables(model: &mut Model, n_tables: usize) {
    for k in 0..n_tables {
        let (name, ownership) = match TABLES.get(k) {
            Some((name, ownership)) => ((*name).to_string(), *ownership),
            None => {
                let custom = k - TABLES.len();
                let name = match CUSTOM_TABLES.get(custom) {
                    Some(name) => (*name).to_string(),
                    None => format!("new_table{custom}"),
                };
                (name, Ownership::UserOrTeam)
            }
        };
        let secured: &[&str] = match name.as_str() {
            "contact" => &["birthdate"],
            "account" => &["creditlimit"],
            "product" => &["standardcost"],
            _ => &[],
        };
        model.tables.push(Table {
            auto_create_access_teams: name == "account",
            name,
            ownership,
            secured_columns: secured.iter().map(|c| (*c).to_string()).collect(),
            sensitive: false,
        });
    }
    let index = model.name_index();
    let mut relationships = Vec::new();
    for (parent, child, name, lookup) in RELATIONSHIPS {
        if let (Some(parent), Some(child)) = (index.tables.get(*parent), index.tables.get(*child)) {
            relationships.push(one_to_many(name, *parent, *child, lookup));
        }
    }
    if let Some(account) = index.tables.get("account") {
        for table in model.tables.iter().skip(TABLES.len()) {
            if let Some(child) = index.tables.get(&table.name) {
                let name = format!("new_account_{}", table.name);
                relationships.push(one_to_many(&name, *account, *child, "new_accountid"));
            }
        }
    }
    model.relationships = relationships;
    if let Some(account) = index.tables.get("account") {
        model.templates.push(TeamTemplate {
            name: "tt_key_account".into(),
            table: *account,
            rights: [Verb::Read, Verb::Write, Verb::Append, Verb::AppendTo]
                .into_iter()
                .collect::<Rights>(),
        });
    }
}

fn one_to_many(name: &str, parent: TableId, child: TableId, lookup: &str) -> Relationship {
    Relationship {
        name: name.to_string(),
        kind: RelationshipKind::OneToMany {
            parent,
            child,
            lookup: lookup.to_string(),
            cascade: CASCADE_ALL,
        },
    }
}

use Depth::{Bu as B, None as N, Org as O, Pcbu as P, User as U};

/// Privileges of one role: a table name (`activity` for the Activity set, `custom` for every
/// custom table) and the depth of each verb in Microsoft's order: create, read, write, delete,
/// append, append to, assign, share.
type Privileges = &'static [(&'static str, [Depth; 8])];

struct RoleSpec {
    name: &'static str,
    inheritance: Inheritance,
    privileges: Privileges,
    misc: &'static [(&'static str, Depth)],
}

const ROLES: &[RoleSpec] = &[
    // Every user holds it directly: their own leads, activities and notes; all accounts readable.
    RoleSpec {
        name: "role_base_user",
        inheritance: Inheritance::Direct,
        privileges: &[
            ("account", [U, O, U, N, U, O, N, N]),
            ("contact", [U, U, U, N, U, U, N, N]),
            ("lead", [U, U, U, U, U, U, U, U]),
            ("activity", [U, U, U, U, U, U, N, N]),
            ("annotation", [U, U, U, U, U, N, N, N]),
            ("product", [N, O, N, N, N, N, N, N]),
            ("pricelevel", [N, O, N, N, N, N, N, N]),
            ("custom", [U, U, U, N, U, U, N, N]),
        ],
        misc: &[
            ("prvPrint", O),
            ("prvSyncToOutlook", O),
            ("prvExportToExcel", N),
            ("prvGoOffline", N),
        ],
    },
    RoleSpec {
        name: "role_salesperson",
        inheritance: Inheritance::Direct,
        privileges: &[
            ("contact", [U, B, U, N, U, B, U, U]),
            ("opportunity", [U, B, U, U, U, B, U, U]),
            ("incident", [N, B, N, N, N, B, N, N]),
            ("activity", [U, B, U, N, U, B, N, N]),
            ("annotation", [U, B, U, N, U, N, N, N]),
        ],
        misc: &[],
    },
    RoleSpec {
        name: "role_sales_manager",
        inheritance: Inheritance::Direct,
        privileges: &[
            ("account", [U, O, B, N, B, O, B, B]),
            ("contact", [U, P, P, N, P, P, P, P]),
            ("opportunity", [U, P, P, P, P, P, P, P]),
            ("lead", [N, P, P, N, P, P, P, P]),
            ("incident", [N, P, N, N, N, N, N, N]),
            ("activity", [N, P, N, N, N, N, N, N]),
            ("annotation", [N, P, N, N, N, N, N, N]),
            ("custom", [U, P, P, N, P, P, P, P]),
        ],
        misc: &[("prvExportToExcel", O)],
    },
    RoleSpec {
        name: "role_service_agent",
        inheritance: Inheritance::Direct,
        privileges: &[
            ("incident", [U, U, U, N, U, U, N, N]),
            ("contact", [N, B, N, N, N, B, N, N]),
            ("activity", [U, U, U, N, U, U, N, N]),
        ],
        misc: &[],
    },
    RoleSpec {
        name: "role_service_manager",
        inheritance: Inheritance::Direct,
        privileges: &[
            ("incident", [U, P, P, P, P, P, P, P]),
            ("contact", [N, P, N, N, N, P, N, N]),
            ("activity", [N, P, N, N, N, N, N, N]),
            ("annotation", [N, P, N, N, N, N, N, N]),
        ],
        misc: &[("prvExportToExcel", O)],
    },
    RoleSpec {
        name: "role_executive",
        inheritance: Inheritance::Direct,
        privileges: &[
            ("account", [N, O, N, N, N, N, N, N]),
            ("contact", [N, O, N, N, N, N, N, N]),
            ("opportunity", [N, O, N, N, N, N, N, N]),
            ("incident", [N, O, N, N, N, N, N, N]),
            ("lead", [N, O, N, N, N, N, N, N]),
            ("activity", [N, O, N, N, N, N, N, N]),
            ("annotation", [N, O, N, N, N, N, N, N]),
            ("custom", [N, O, N, N, N, N, N, N]),
        ],
        misc: &[("prvExportToExcel", O), ("prvPrint", O)],
    },
    RoleSpec {
        name: "role_sales_ops",
        inheritance: Inheritance::Direct,
        privileges: &[
            ("account", [O, O, O, O, O, O, O, O]),
            ("contact", [O, O, O, O, O, O, O, O]),
            ("lead", [O, O, O, O, O, O, O, O]),
            ("opportunity", [N, O, N, N, N, N, O, N]),
            ("product", [O, O, O, O, O, O, N, N]),
            ("pricelevel", [O, O, O, O, O, O, N, N]),
            ("custom", [O, O, O, O, O, O, O, O]),
        ],
        misc: &[
            ("prvBulkDelete", O),
            ("prvExportToExcel", O),
            ("prvPrint", O),
        ],
    },
    // Owner teams per BU: what the team owns or what sits in the team's BU (ROLE-8, TEAM-6).
    RoleSpec {
        name: "role_country_sales",
        inheritance: Inheritance::TeamOnly,
        privileges: &[
            ("account", [N, B, N, N, N, N, N, N]),
            ("contact", [U, B, B, N, B, B, B, B]),
            ("opportunity", [U, B, B, N, B, B, B, B]),
            ("activity", [U, B, U, N, U, B, N, N]),
            ("annotation", [U, B, U, N, U, N, N, N]),
            ("custom", [U, B, B, N, B, B, N, N]),
        ],
        misc: &[],
    },
    // Regional service queues: the region's cases at Parent: Child depth from the region BU.
    RoleSpec {
        name: "role_regional_service",
        inheritance: Inheritance::TeamOnly,
        privileges: &[
            ("incident", [U, P, P, N, P, P, P, N]),
            ("contact", [N, P, N, N, N, P, N, N]),
            ("activity", [U, P, U, N, U, P, N, N]),
            ("annotation", [U, P, U, N, U, N, N, N]),
        ],
        misc: &[],
    },
];

/// Role ids of the generated roles, by purpose.
struct Roles {
    base_user: RoleId,
    salesperson: RoleId,
    sales_manager: RoleId,
    service_agent: RoleId,
    service_manager: RoleId,
    executive: RoleId,
    sales_ops: RoleId,
    country_sales: RoleId,
    regional_service: RoleId,
    system_administrator: RoleId,
}

fn build_roles(model: &mut Model) -> Roles {
    let root = model.root_bu();
    let custom: Vec<TableId> = (TABLES.len()..model.tables.len())
        .map(TableId::from_index)
        .collect();
    let index = model.name_index();
    for spec in ROLES {
        let mut privileges: BTreeMap<PrivSet, VerbDepths> = BTreeMap::new();
        for (key, depths) in spec.privileges {
            let sets: Vec<PrivSet> = match *key {
                "activity" => model
                    .tables
                    .iter()
                    .any(|t| t.ownership.is_activity())
                    .then_some(PrivSet::Activity)
                    .into_iter()
                    .collect(),
                "custom" => custom.iter().map(|t| PrivSet::Table(*t)).collect(),
                name => index
                    .tables
                    .get(name)
                    .map(|t| PrivSet::Table(*t))
                    .into_iter()
                    .collect(),
            };
            for set in sets {
                let ownership = match set {
                    PrivSet::Table(t) => model.tables.get(t.index()).map(|t| t.ownership),
                    PrivSet::Activity => Some(Ownership::Activity),
                };
                let mut verb_depths = VerbDepths::default();
                for (verb, depth) in Verb::ALL.into_iter().zip(depths) {
                    // ROLE-5: organization-owned tables take None or Organization only.
                    let depth = match ownership {
                        Some(o) if !o.allows(*depth) => O,
                        _ => *depth,
                    };
                    verb_depths.set(verb, depth);
                }
                privileges.insert(set, verb_depths);
            }
        }
        model.roles.push(Role {
            name: spec.name.to_string(),
            bu: root,
            inheritance: spec.inheritance,
            privileges,
            misc: spec
                .misc
                .iter()
                .map(|(name, depth)| ((*name).to_string(), *depth))
                .collect(),
            predefined: None,
        });
    }
    for (name, assignable) in crate::scenario::PREDEFINED_ROLES {
        let predefined = if *name == "SystemAdministrator" {
            Predefined::SystemAdministrator
        } else {
            Predefined::Other {
                assignable: *assignable,
            }
        };
        model.roles.push(Role {
            name: (*name).to_string(),
            bu: root,
            inheritance: Inheritance::Direct,
            privileges: BTreeMap::new(),
            misc: BTreeMap::new(),
            predefined: Some(predefined),
        });
    }
    let id = |name: &str| {
        model
            .roles
            .iter()
            .position(|r| r.name == name)
            .map_or(RoleId(0), RoleId::from_index)
    };
    Roles {
        base_user: id("role_base_user"),
        salesperson: id("role_salesperson"),
        sales_manager: id("role_sales_manager"),
        service_agent: id("role_service_agent"),
        service_manager: id("role_service_manager"),
        executive: id("role_executive"),
        sales_ops: id("role_sales_ops"),
        country_sales: id("role_country_sales"),
        regional_service: id("role_regional_service"),
        system_administrator: id("SystemAdministrator"),
    }
}

/// What a generated user does; decides roles, teams and column security profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Head,
    SystemAdministrator,
    SalesOps,
    ServiceManager,
    Sales,
    Service,
    Assistant,
}

/// Users by job, for the teams and profiles built after them.
struct Staff {
    jobs: Vec<Job>,
}

fn build_users(
    model: &mut Model,
    levels: &[Level],
    roles: &Roles,
    n_users: usize,
    rng: &mut Rng,
) -> Staff {
    // Structural users first, most important first, so that small orgs keep the top of the tree.
    let mut plan: Vec<(BuId, Job)> = Vec::new();
    let root = BuId(0);
    let at = |level: Level| {
        levels
            .iter()
            .enumerate()
            .filter(move |(_, l)| **l == level)
            .map(|(i, _)| BuId::from_index(i))
    };
    plan.push((root, Job::Head));
    plan.push((root, Job::SystemAdministrator));
    plan.extend(at(Level::Region).map(|bu| (bu, Job::Head)));
    plan.extend(at(Level::Country).map(|bu| (bu, Job::Head)));
    plan.extend(at(Level::Region).map(|bu| (bu, Job::ServiceManager)));
    plan.extend(at(Level::Office).map(|bu| (bu, Job::Head)));
    plan.push((root, Job::SystemAdministrator));
    plan.push((root, Job::SalesOps));
    plan.truncate(n_users);
    let front_line: Vec<BuId> = at(Level::Country).chain(at(Level::Office)).collect();
    while plan.len() < n_users {
        let bu = rng.pick_or(&front_line, root);
        let roll = rng.below(100);
        let job = if roll < 70 {
            Job::Sales
        } else if roll < 95 {
            Job::Service
        } else {
            Job::Assistant
        };
        plan.push((bu, job));
    }

    let mut head_of: Vec<Option<UserId>> = vec![None; model.bus.len()];
    for (i, (bu, job)) in plan.iter().enumerate() {
        if *job == Job::Head
            && let Some(slot) = head_of.get_mut(bu.index())
            && slot.is_none()
        {
            *slot = Some(UserId::from_index(i));
        }
    }
    let width = n_users.to_string().len().max(3);
    let mut jobs = Vec::with_capacity(n_users);
    for (i, (bu, job)) in plan.into_iter().enumerate() {
        let id = UserId::from_index(i);
        let first = rng.pick_or(words::FIRST_NAMES, "Alex");
        let last = rng.pick_or(words::LAST_NAMES, "Doe");
        let name = format!("u_{}_{}_{i:0width$}", slug(first), slug(last));
        let title = match job {
            Job::Head if bu == root => "chief executive".to_string(),
            Job::Head => {
                let bu_name = model.bu_name(bu);
                let title = model
                    .display_names
                    .get(bu_name)
                    .map_or(bu_name, String::as_str);
                format!("head of {title}")
            }
            Job::SystemAdministrator => "CRM platform lead (System Administrator)".into(),
            Job::SalesOps => "sales operations".into(),
            Job::ServiceManager => "head of service".into(),
            Job::Sales => "account executive".into(),
            Job::Service => "support engineer".into(),
            Job::Assistant => "sales assistant".into(),
        };
        model
            .display_names
            .insert(name.clone(), format!("{first} {last} ({title})"));
        let direct = |role: RoleId| RoleAssignment {
            role,
            from_bu: None,
        };
        let mut assigned = vec![direct(roles.base_user)];
        match job {
            Job::Head if bu == root => assigned.push(direct(roles.executive)),
            Job::Head => assigned.push(direct(roles.sales_manager)),
            Job::SystemAdministrator => assigned = vec![direct(roles.system_administrator)],
            Job::SalesOps => assigned.push(direct(roles.sales_ops)),
            Job::ServiceManager => assigned.push(direct(roles.service_manager)),
            Job::Sales => assigned.push(direct(roles.salesperson)),
            Job::Service => assigned.push(direct(roles.service_agent)),
            Job::Assistant => {}
        }
        // The head of the BU, or of the nearest BU above for the head themself (HIER-2).
        let mut manager = None;
        let mut current = Some(bu);
        while let Some(b) = current {
            if let Some(Some(head)) = head_of.get(b.index())
                && *head != id
            {
                manager = Some(*head);
                break;
            }
            current = model.bus.get(b.index()).and_then(|x| x.parent);
        }
        model.users.push(User {
            name,
            bu,
            roles: assigned,
            manager,
            position: None,
            field_profiles: Vec::new(),
            // A few leavers stay in the org as disabled users.
            enabled: !(matches!(job, Job::Sales | Job::Assistant) && rng.chance(0.01)),
        });
        jobs.push(job);
    }
    Staff { jobs }
}

/// Builds the teams and returns the regional service teams (for column security).
fn build_teams(
    model: &mut Model,
    levels: &[Level],
    roles: &Roles,
    staff: &Staff,
    n_teams: usize,
    rng: &mut Rng,
) -> Vec<usize> {
    let users_in = |model: &Model, bu: BuId, job: fn(Job) -> bool| -> Vec<UserId> {
        model
            .users
            .iter()
            .zip(&staff.jobs)
            .enumerate()
            .filter(|(_, (u, j))| u.bu == bu && job(**j))
            .map(|(i, _)| UserId::from_index(i))
            .collect()
    };
    let owner = |name: String, bu: BuId, members: Vec<UserId>, role: RoleId| Team {
        name,
        kind: TeamKind::Owner,
        bu,
        members,
        roles: vec![RoleAssignment {
            role,
            from_bu: None,
        }],
        membership_type: None,
        record_team: None,
    };
    let mut structural: Vec<Team> = Vec::new();
    let mut service_teams = Vec::new();
    // Regional service queues: the service staff of the region's subtree.
    for (i, level) in levels.iter().enumerate() {
        if *level != Level::Region {
            continue;
        }
        let region = BuId::from_index(i);
        let members: Vec<UserId> = model
            .users
            .iter()
            .zip(&staff.jobs)
            .enumerate()
            .filter(|(_, (u, j))| {
                matches!(j, Job::Service | Job::ServiceManager) && model.bu_in_subtree(u.bu, region)
            })
            .map(|(i, _)| UserId::from_index(i))
            .collect();
        service_teams.push(structural.len());
        let name = format!(
            "team_service_{}",
            model.bu_name(region).trim_start_matches("bu_")
        );
        structural.push(owner(name, region, members, roles.regional_service));
    }
    // One sales team per country and office: the BU's sales staff, now and then a colleague
    // from elsewhere (a pre-sales consultant covering two countries).
    for (i, level) in levels.iter().enumerate() {
        if !matches!(level, Level::Country | Level::Office) {
            continue;
        }
        let bu = BuId::from_index(i);
        let mut members = users_in(model, bu, |j| {
            matches!(j, Job::Head | Job::Sales | Job::Assistant)
        });
        if rng.chance(0.2) {
            let extra = UserId::from_index(rng.below(model.users.len()));
            if !members.contains(&extra) {
                members.push(extra);
            }
        }
        let name = format!("team_sales_{}", model.bu_name(bu).trim_start_matches("bu_"));
        structural.push(owner(name, bu, members, roles.country_sales));
    }
    // The leadership group from Microsoft Entra: the chief executive and the region heads.
    let leadership: Vec<UserId> = model
        .users
        .iter()
        .zip(&staff.jobs)
        .enumerate()
        .filter(|(_, (u, j))| {
            **j == Job::Head
                && matches!(levels.get(u.bu.index()), Some(Level::Root | Level::Region))
        })
        .map(|(i, _)| UserId::from_index(i))
        .collect();
    structural.push(Team {
        name: "team_entra_leadership".into(),
        kind: TeamKind::EntraSecurityGroup,
        bu: BuId(0),
        members: leadership,
        roles: vec![RoleAssignment {
            role: roles.executive,
            from_bu: None,
        }],
        membership_type: Some("Members".into()),
        record_team: None,
    });

    let n_access = n_teams / 10;
    let n_structural = structural.len().min(n_teams - n_access);
    let n_project = n_teams - n_access - n_structural;
    service_teams.retain(|t| *t < n_structural);
    structural.truncate(n_structural);
    model.teams.extend(structural);
    let n_users = model.users.len();
    let random_members = |rng: &mut Rng, low: usize, high: usize| {
        let mut members: Vec<UserId> = (0..rng.between(low, high))
            .map(|_| UserId::from_index(rng.below(n_users)))
            .collect();
        members.sort();
        members.dedup();
        members
    };
    // User-created access teams (deal rooms): no roles, reached through shares (TEAM-4).
    for k in 0..n_access {
        let members = random_members(rng, 3, 8);
        model.teams.push(Team {
            name: format!("team_access_{k:03}"),
            kind: TeamKind::Access,
            bu: BuId(0),
            members,
            roles: Vec::new(),
            membership_type: None,
            record_team: None,
        });
    }
    // Project teams owning records in a country or office.
    let front_line: Vec<BuId> = levels
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l, Level::Country | Level::Office))
        .map(|(i, _)| BuId::from_index(i))
        .collect();
    for k in 0..n_project {
        let bu = rng.pick_or(&front_line, BuId(0));
        let mut members = users_in(model, bu, |j| matches!(j, Job::Sales | Job::Service));
        members.truncate(rng.between(2, 8));
        members.extend(random_members(rng, 0, 2));
        members.sort();
        members.dedup();
        model.teams.push(owner(
            format!("team_project_{k:03}"),
            bu,
            members,
            roles.country_sales,
        ));
    }
    // BU-4: every BU has a default team, named after it as the scenario loader does.
    for (i, bu) in model.bus.iter().enumerate() {
        model.teams.push(Team {
            name: bu.name.clone(),
            kind: TeamKind::Default,
            bu: BuId::from_index(i),
            members: Vec::new(),
            roles: Vec::new(),
            membership_type: None,
            record_team: None,
        });
    }
    service_teams
}

fn build_profiles(model: &mut Model, staff: &Staff, service_teams: &[usize]) {
    let index = model.name_index();
    let column =
        |table: &str, column: &str| index.tables.get(table).map(|t| (*t, column.to_string()));
    let users_with = |job: fn(Job) -> bool| -> Vec<UserId> {
        staff
            .jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| job(**j))
            .map(|(i, _)| UserId::from_index(i))
            .collect()
    };
    let read = ColumnPermission {
        read: true,
        create: false,
        update: false,
    };
    let full = ColumnPermission {
        read: true,
        create: true,
        update: true,
    };
    let mut profiles = vec![
        (
            "fsp_managers",
            users_with(|j| j == Job::Head),
            Vec::new(),
            vec![
                (column("contact", "birthdate"), read),
                (
                    column("account", "creditlimit"),
                    ColumnPermission {
                        update: true,
                        ..read
                    },
                ),
            ],
        ),
        (
            "fsp_service",
            Vec::new(),
            service_teams
                .iter()
                .map(|t| crate::model::TeamId::from_index(*t))
                .collect(),
            vec![(column("contact", "birthdate"), full)],
        ),
        (
            "fsp_finance",
            users_with(|j| j == Job::SalesOps),
            Vec::new(),
            vec![
                (column("account", "creditlimit"), full),
                (column("product", "standardcost"), full),
            ],
        ),
    ];
    for (name, users, teams, permissions) in profiles.drain(..) {
        let permissions: BTreeMap<(TableId, String), ColumnPermission> = permissions
            .into_iter()
            .filter_map(|(column, permission)| Some((column?, permission)))
            .collect();
        if permissions.is_empty() {
            continue;
        }
        model.field_profiles.push(FieldProfile {
            name: name.to_string(),
            users,
            teams,
            permissions,
        });
    }
    // Only columns some profile mentions stay secured.
    let mentioned: BTreeSet<(TableId, String)> = model
        .field_profiles
        .iter()
        .flat_map(|p| p.permissions.keys().cloned())
        .collect();
    for (i, table) in model.tables.iter_mut().enumerate() {
        let id = TableId::from_index(i);
        table
            .secured_columns
            .retain(|c| mentioned.contains(&(id, c.clone())));
    }
}
