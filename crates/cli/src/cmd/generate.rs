//! `rampart generate`: a seeded organisation with sample data, or sample data for a given model.
//!
//! # Output
//!
//! By default the `rampart-model` JSON document (`engine::format::save`) of the model with the
//! generated records as its `data`: byte-stable, so the same arguments give the same file.
//!
//! With `--summary`, one JSON object instead:
//!
//! ```json
//! {
//!   "seed": 1,
//!   "model": {"name": "…", "business_units": 50, "users": 1000, "teams": 250, "roles": 20,
//!             "tables": 10, "relationships": 15, "field_profiles": 3},
//!   "records": 10000, "shares": 210, "column_shares": 3,
//!   "tables": {"account": {"records": 838, "team_owned": 190, "with_parent": 0}, …},
//!   "business_units": {"bu_hq": 120, …}
//! }
//! ```
//!
//! `tables` counts records per table; `business_units` counts records per owning BU (tables
//! without an owning BU are left out).

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Context;
use engine::data::Dataset;
use engine::generate::{self, DataParams, OrgParams};
use engine::model::{Model, Principal};
use serde_json::{Value, json};

use crate::args::GenerateArgs;

/// Generates, then prints or writes the result.
pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let model = match &args.model {
        Some(path) => super::lint::load_input(path)?.model,
        None => generate::org(&OrgParams {
            seed: args.seed,
            business_units: args.bus,
            users: args.users,
            teams: args.teams,
            tables: args.tables,
            hierarchy_depth: (args.hierarchy_depth > 0).then_some(args.hierarchy_depth),
        }),
    };
    let data = generate::data(&model, &DataParams::new(args.seed, args.records));
    let text = if args.summary {
        serde_json::to_string_pretty(&summary(args.seed, &model, &data))? + "\n"
    } else {
        engine::format::save(&model, Some(&data))
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(seed: u64, model: &Model, data: &Dataset) -> Value {
    let mut tables: BTreeMap<&str, [usize; 3]> = model
        .tables
        .iter()
        .map(|t| (t.name.as_str(), [0; 3]))
        .collect();
    let mut bus: BTreeMap<&str, usize> = BTreeMap::new();
    for rec in &data.records {
        if let Some(counts) = tables.get_mut(model.table_name(rec.table)) {
            counts[0] += 1;
            counts[1] += usize::from(matches!(rec.owner, Some(Principal::Team(_))));
            counts[2] += usize::from(!rec.parents.is_empty());
        }
        if let Some(bu) = rec.owning_bu {
            *bus.entry(model.bu_name(bu)).or_default() += 1;
        }
    }
    let tables: BTreeMap<&str, Value> = tables
        .into_iter()
        .map(|(name, [records, team_owned, with_parent])| {
            (
                name,
                json!({"records": records, "team_owned": team_owned, "with_parent": with_parent}),
            )
        })
        .collect();
    json!({
        "seed": seed,
        "model": {
            "name": model.name,
            "business_units": model.bus.len(),
            "users": model.users.len(),
            "teams": model.teams.len(),
            "roles": model.roles.len(),
            "tables": model.tables.len(),
            "relationships": model.relationships.len(),
            "field_profiles": model.field_profiles.len(),
        },
        "records": data.records.len(),
        "shares": data.shares.values().map(Vec::len).sum::<usize>(),
        "column_shares": data.column_shares.len(),
        "tables": tables,
        "business_units": bus,
    })
}
