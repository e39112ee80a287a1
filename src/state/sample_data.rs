//! Sample records for the open model: generated in batches so a million records never freeze
//! the page (progress after each batch, Cancel between batches), and CSV in and out.

use std::collections::BTreeSet;

use engine::data::Dataset;
use engine::format::v1;
use engine::generate::DataParams;
use engine::model::{Model, RecordId};
use wasm_bindgen_futures::JsFuture;

use crate::storage;

/// Records generated between two yields to the browser.
pub const BATCH_RECORDS: usize = 100_000;

/// The sizes offered in the Sample data panel.
pub const SIZES: &[usize] = &[100, 1_000, 10_000, 100_000, 250_000, 500_000, 1_000_000];

/// Share of records with column values: all of them up to one batch, then fewer, so a million
/// records carry about as much text as 100,000 (values cost ~600 bytes a record).
pub fn value_fraction(n_records: usize) -> f64 {
    if n_records <= BATCH_RECORDS {
        1.0
    } else {
        BATCH_RECORDS as f64 / n_records as f64
    }
}

/// Lets the browser paint and handle input: resolves on a zero-delay timer.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 16);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Generates `n_records` records for `model` with `seed`, one batch of at most
/// [`BATCH_RECORDS`] at a time, yielding to the browser before each batch. `on_progress`
/// hears `(done, total)` after each batch; `cancelled` is asked before each one, and a
/// cancelled run returns `None`. The same inputs always give the same records.
pub async fn generate(
    model: &Model,
    seed: u64,
    n_records: usize,
    on_progress: impl Fn(usize, usize),
    cancelled: impl Fn() -> bool,
) -> Option<Dataset> {
    let mut dataset = Dataset::default();
    let mut per_table = vec![0_usize; model.tables.len()];
    let mut done = 0;
    let mut batch = 0_u64;
    on_progress(0, n_records);
    loop {
        next_tick().await;
        if cancelled() {
            return None;
        }
        let size = (n_records - done).min(BATCH_RECORDS);
        let params = DataParams {
            value_fraction: value_fraction(n_records),
            ..DataParams::new(seed.wrapping_add(batch), size)
        };
        let part = engine::generate::data(model, &params);
        append_batch(&mut dataset, part, &mut per_table);
        done += size;
        batch += 1;
        on_progress(done, n_records);
        if done >= n_records {
            break;
        }
    }
    Some(dataset)
}

/// Appends a batch generated for the same model: record ids continue each table's numbering
/// (`account-000042` follows the earlier batches' accounts), and parent links, shares and
/// column shares move with their records.
pub fn append_batch(dataset: &mut Dataset, batch: Dataset, per_table: &mut [usize]) {
    let offset = dataset.records.len();
    let first = offset == 0;
    let mut added = vec![0_usize; per_table.len()];
    dataset.records.reserve(batch.records.len());
    for mut record in batch.records {
        let table = record.table.index();
        if !first {
            let before = per_table.get(table).copied().unwrap_or(0);
            record.name = renumber(&record.name, before).into();
            for (_, parent) in &mut record.parents {
                *parent = RecordId::from_index(parent.index() + offset);
            }
        }
        if let Some(count) = added.get_mut(table) {
            *count += 1;
        }
        dataset.records.push(record);
    }
    for (record, shares) in batch.shares {
        dataset
            .shares
            .insert(RecordId::from_index(record.index() + offset), shares);
    }
    for mut share in batch.column_shares {
        share.record = RecordId::from_index(share.record.index() + offset);
        dataset.column_shares.push(share);
    }
    for (total, more) in per_table.iter_mut().zip(added) {
        *total += more;
    }
}

/// `prefix-000007` moved on by `by`: `prefix-000107` for `by` = 100.
fn renumber(name: &str, by: usize) -> String {
    match name.rsplit_once('-') {
        Some((prefix, number)) if number.chars().all(|c| c.is_ascii_digit()) => {
            let width = number.len();
            let n: usize = number.parse().unwrap_or(0);
            format!("{prefix}-{:0width$}", n + by)
        }
        _ => format!("{name}-{by}"),
    }
}

/// The CSV columns before the value columns.
pub const CSV_FIXED: [&str; 5] = ["table", "id", "owner", "owning_bu", "parent"];

/// The records of `data` as CSV: `table,id,owner,owning_bu,parent,` then one column per value
/// name. `parent` lists `relationship:record` pairs separated by `;`.
pub fn records_to_csv(model: &Model, data: &Dataset) -> String {
    let wire = storage::wire_data(model, data);
    let columns: BTreeSet<&str> = wire
        .records
        .values()
        .flat_map(|record| record.values.keys().map(String::as_str))
        .collect();
    let mut out = String::new();
    let header: Vec<&str> = CSV_FIXED
        .iter()
        .copied()
        .chain(columns.iter().copied())
        .collect();
    push_row(&mut out, header.iter().copied());
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

fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) || cell.trim() != cell {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

/// A CSV row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// Line number in the file (1 = the header).
    pub line: usize,
    /// What was wrong, in the style of load messages.
    pub message: String,
}

/// Reads records from CSV written by [`records_to_csv`] (or by hand). Rows that cannot be read
/// are left out and listed; reference problems (unknown table, owner, BU, parent) are found
/// later, when the records are loaded against the model.
pub fn records_from_csv(text: &str) -> Result<(v1::Data, Vec<BadRow>), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = parse_csv(text);
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err("the file is empty; the first line must name the columns".into());
    };
    let position = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(table_at), Some(id_at)) = (position("table"), position("id")) else {
        return Err(format!(
            "the first line must name the columns, starting `{}` (found `{}`)",
            CSV_FIXED.join(","),
            header.join(",")
        ));
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
    let mut seen = std::collections::HashSet::new();
    for (line, cells) in rows {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() != header.len() {
            bad.push(BadRow {
                line,
                message: format!(
                    "expected {} cells like the header, found {}",
                    header.len(),
                    cells.len()
                ),
            });
            continue;
        }
        let cell = |at: Option<usize>| {
            at.and_then(|i| cells.get(i))
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        };
        let (Some(table), Some(id)) = (cell(Some(table_at)), cell(Some(id_at))) else {
            bad.push(BadRow {
                line,
                message: "`table` and `id` must not be empty".into(),
            });
            continue;
        };
        if !seen.insert(id.clone()) {
            bad.push(BadRow {
                line,
                message: format!("record id `{id}` is used on an earlier line"),
            });
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
            bad.push(BadRow {
                line,
                message: format!(
                    "parent `{link}` is not `relationship:record` (help: separate several with `;`)"
                ),
            });
            continue;
        }
        let values = header
            .iter()
            .enumerate()
            .filter(|(i, _)| !fixed.contains(i))
            .filter_map(|(i, name)| {
                let value = cells.get(i)?;
                (!value.is_empty()).then(|| (name.trim().to_string(), value.clone()))
            })
            .collect();
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

/// Splits CSV text into rows of cells (RFC 4180: quotes, doubled quotes, CRLF), each with the
/// line it starts on.
fn parse_csv(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push((row_line, row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Workspace;

    fn demo() -> Workspace {
        Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo")
    }

    #[test]
    fn batches_append_with_unique_ids_and_moved_parent_links() {
        let model = &demo().model;
        let mut dataset = Dataset::default();
        let mut per_table = vec![0; model.tables.len()];
        for seed in 0..3 {
            append_batch(
                &mut dataset,
                engine::generate::sample_data_for(model, seed, 2_000),
                &mut per_table,
            );
        }
        assert_eq!(dataset.records.len(), 6_000);
        let names: BTreeSet<&str> = dataset.records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 6_000, "record ids are unique");
        let errors: Vec<_> = engine::validate::validate(model, Some(&dataset))
            .into_iter()
            .filter(|i| i.severity == engine::validate::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{:?}", errors.first());
        // A child in the last batch points at a parent in the last batch.
        let last = dataset.records.last().expect("records");
        for (_, parent) in &last.parents {
            assert!(parent.index() >= 4_000);
        }
    }

    #[test]
    fn renumber_keeps_the_width() {
        assert_eq!(renumber("acct-000007", 100), "acct-000107");
        assert_eq!(renumber("odd", 3), "odd-3");
    }

    #[test]
    fn csv_round_trips_records() {
        let workspace = demo();
        let data = engine::generate::sample_data_for(&workspace.model, 5, 300);
        let csv = records_to_csv(&workspace.model, &data);
        let (wire, bad) = records_from_csv(&csv).expect("reads");
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(wire.records.len(), 300);
        let (model, back, issues) = storage::decode_dataset(&workspace.model, wire);
        assert!(issues.is_empty(), "{:?}", issues.first());
        assert_eq!(
            storage::wire_data(&model, &back).records,
            storage::wire_data(&workspace.model, &data).records
        );
    }

    #[test]
    fn csv_bad_rows_are_listed_with_their_line_and_the_rest_kept() {
        let text = "table,id,owner,owning_bu,parent,name\r\n\
                    account,a1,u1,bu1,,\"Smith, Jones\"\r\n\
                    account,,u1,bu1,,x\r\n\
                    account,a2,u1\r\n\
                    account,a1,u1,bu1,,dup\r\n\
                    contact,c1,u1,bu1,nolink,y\r\n\
                    contact,c2,u1,bu1,rel:a1,\"say \"\"hi\"\"\"\r\n";
        let (data, bad) = records_from_csv(text).expect("reads");
        assert_eq!(data.records.len(), 2);
        assert_eq!(
            data.records
                .get("a1")
                .expect("a1")
                .values
                .get("name")
                .map(String::as_str),
            Some("Smith, Jones")
        );
        assert_eq!(
            data.records
                .get("c2")
                .expect("c2")
                .values
                .get("name")
                .map(String::as_str),
            Some("say \"hi\"")
        );
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [3, 4, 5, 6]);
        assert!(bad[2].message.contains("`a1`"));
    }

    #[test]
    fn csv_without_a_header_naming_table_and_id_is_refused() {
        let err = records_from_csv("a,b\n1,2\n").expect_err("no header");
        assert!(err.contains("table,id,owner,owning_bu,parent"), "{err}");
    }
}
