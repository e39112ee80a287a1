//! Sample records for the open model: generated in batches so a million records never freeze
//! the page (progress after each batch, Cancel between batches). CSV in and out is
//! [`engine::csv`].

use engine::data::Dataset;
use engine::generate::DataParams;
use engine::model::{Model, RecordId};
use wasm_bindgen_futures::JsFuture;

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

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
}
