//! CSV of whole datasets (every table in one file) and of what one user can see.

use std::collections::BTreeSet;

use super::import::Rejected;
use super::read::{CsvError, parse, push_row};
use crate::data::Dataset;
use crate::eval::explain::describe_path;
use crate::format::{self, v1};
use crate::model::{Model, TableId, UserId, Verb};
use crate::query::{self, DataIndex};

/// The columns of [`dataset_to_csv`] before the value columns.
pub const DATASET_COLUMNS: [&str; 5] = ["table", "id", "owner", "owning_bu", "parent"];

/// Every record of `data` as CSV: `table,id,owner,owning_bu,parent`, then one column per value
/// name (sorted). `parent` lists `relationship:record` pairs separated by `;`. Records come in id
/// order, as in the model JSON.
pub fn dataset_to_csv(model: &Model, data: &Dataset) -> String {
    let wire = format::to_wire(model, Some(data)).data.unwrap_or_default();
    let columns: BTreeSet<&str> = wire
        .records
        .values()
        .flat_map(|record| record.values.keys().map(String::as_str))
        .collect();
    let mut out = String::new();
    push_row(
        &mut out,
        DATASET_COLUMNS
            .iter()
            .copied()
            .chain(columns.iter().copied()),
    );
    for (id, record) in wire.records.iter() {
        let parents = record
            .parents
            .iter()
            .map(|p| format!("{}:{}", p.relationship, p.record))
            .collect::<Vec<_>>()
            .join(";");
        let fixed = [
            record.table.as_str(),
            id.as_str(),
            record.owner.as_deref().unwrap_or(""),
            record.owning_bu.as_deref().unwrap_or(""),
            parents.as_str(),
        ];
        let values = columns
            .iter()
            .map(|c| record.values.get(*c).map_or("", String::as_str));
        push_row(&mut out, fixed.into_iter().chain(values));
    }
    out
}

/// Reads a file written by [`dataset_to_csv`] (or by hand in its layout) as wire records. Rows
/// that cannot be read are left out and listed; references (table, owner, BU, parent) are
/// checked when the records are loaded against a model ([`format::from_wire`]).
pub fn dataset_from_csv(text: &str) -> Result<(v1::Data, Vec<Rejected>), CsvError> {
    let csv = parse(text)?;
    let position = |name: &str| csv.headers.iter().position(|h| h.trim() == name);
    let (Some(table_at), Some(id_at)) = (position("table"), position("id")) else {
        return Err(CsvError::MissingColumns {
            expected: DATASET_COLUMNS.join(","),
            found: csv.headers.join(","),
        });
    };
    let owner_at = position("owner");
    let bu_at = position("owning_bu");
    let parent_at = position("parent");
    let fixed: BTreeSet<usize> = [Some(table_at), Some(id_at), owner_at, bu_at, parent_at]
        .into_iter()
        .flatten()
        .collect();
    let mut data = v1::Data::default();
    let mut bad = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in &csv.rows {
        if row.is_blank() {
            continue;
        }
        let mut reject = |reason: String| {
            bad.push(Rejected {
                row: row.row,
                reason,
            })
        };
        if row.cells.len() != csv.headers.len() {
            reject(format!(
                "{} cells where the header has {}",
                row.cells.len(),
                csv.headers.len()
            ));
            continue;
        }
        let cell = |at: Option<usize>| {
            at.and_then(|i| row.cells.get(i))
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        };
        let (Some(table), Some(id)) = (cell(Some(table_at)), cell(Some(id_at))) else {
            reject("`table` and `id` must not be empty".into());
            continue;
        };
        if let Some(earlier) = seen.get(&id) {
            reject(format!("record id `{id}` is also on row {earlier}"));
            continue;
        }
        let mut parents = Vec::new();
        let mut parent_error = None;
        for link in cell(parent_at).unwrap_or_default().split(';') {
            let link = link.trim();
            if link.is_empty() {
                continue;
            }
            match link.split_once(':') {
                Some((relationship, record)) if !relationship.is_empty() && !record.is_empty() => {
                    parents.push(v1::ParentLink {
                        relationship: relationship.trim().to_string(),
                        record: record.trim().to_string(),
                    });
                }
                _ => parent_error = Some(link.to_string()),
            }
        }
        if let Some(link) = parent_error {
            reject(format!(
                "parent `{link}` is not `relationship:record` (help: separate several with `;`)"
            ));
            continue;
        }
        let values = csv
            .headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !fixed.contains(i))
            .filter_map(|(i, name)| {
                let value = row.cells.get(i)?;
                (!value.is_empty()).then(|| (name.trim().to_string(), value.clone()))
            })
            .collect();
        seen.insert(id.clone(), row.row);
        data.records.insert(
            id,
            v1::Record {
                table,
                owner: cell(owner_at),
                owning_bu: cell(bu_at),
                parents,
                values,
            },
        );
    }
    Ok((data, bad))
}

/// The header of [`visible_records`].
pub const VISIBLE_COLUMNS: [&str; 6] = ["table", "id", "owner", "owning_bu", "reason", "path"];

/// Every record `user` can `verb`, table by table (model order, records in record order): its
/// table, id, owner, owning business unit, the kind of access (`Owner`, `Business Unit`,
/// `Shared` …) and the first access path as the sentence Explain shows, with its rule ids
/// (EVAL-10). Returns the CSV and its number of records.
pub fn visible_records(
    model: &Model,
    data: &Dataset,
    index: &DataIndex,
    user: UserId,
    verb: Verb,
) -> (String, usize) {
    let mut out = String::new();
    push_row(&mut out, VISIBLE_COLUMNS);
    let mut n = 0;
    for t in 0..model.tables.len() {
        let table = TableId::from_index(t);
        for visible in query::visible(model, data, index, user, table, verb) {
            let Some(record) = data.record(visible.record) else {
                continue;
            };
            let path = describe_path(model, data, user, verb, visible.record, &visible.path);
            push_row(
                &mut out,
                [
                    model.table_name(table),
                    record.name.as_str(),
                    record.owner.map_or("", |o| model.principal_name(o)),
                    record.owning_bu.map_or("", |b| model.bu_name(b)),
                    visible.path.reason().label(),
                    path.as_str(),
                ],
            );
            n += 1;
        }
    }
    (out, n)
}
