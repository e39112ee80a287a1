//! [`append`]: generated records added to a dataset that already has records (a demo org's
//! hand-made records, an earlier generation, a CSV import), without touching those.

use std::collections::{HashMap, HashSet};

use crate::data::Dataset;
use crate::model::RecordId;

/// Appends `added` (records generated for the same model, [`super::data`]) to `base`.
///
/// `base`'s records keep their ids, names, links and shares, so checks that name them still
/// find them. The added records' ids move past `base`'s, and their parent links, shares and
/// column shares move with them. Names never clash: when `base` already uses names of the
/// generator's form `prefix-000042`, the added names of that prefix are renumbered past the
/// highest number `base` uses (keeping their width and order); any other added name that
/// `base` uses gets a `-2`, `-3`, … suffix. Returns how many added records were renamed.
pub fn append(base: &mut Dataset, added: Dataset) -> usize {
    let offset = base.records.len();
    // Highest number per prefix among base names of the form `prefix-digits`.
    let mut highest: HashMap<&str, u64> = HashMap::new();
    for record in &base.records {
        if let Some((prefix, n)) = numbered(&record.name) {
            let top = highest.entry(prefix).or_insert(n);
            *top = (*top).max(n);
        }
    }
    let shift: HashMap<String, u64> = highest
        .into_iter()
        .map(|(prefix, n)| (prefix.to_string(), n + 1))
        .collect();
    // Other names are checked one by one (the generator writes none, imports may).
    let unnumbered: HashSet<String> = if added.records.iter().any(|r| numbered(&r.name).is_none()) {
        base.records.iter().map(|r| r.name.to_string()).collect()
    } else {
        HashSet::new()
    };
    let mut renamed = 0;
    base.records.reserve(added.records.len());
    for mut record in added.records {
        match numbered(&record.name) {
            Some((prefix, n)) => {
                if let Some(by) = shift.get(prefix) {
                    let width = record.name.len() - prefix.len() - 1;
                    record.name = format!("{prefix}-{:0width$}", n + by).into();
                    renamed += 1;
                }
            }
            None if !record.name.is_empty() && unnumbered.contains(record.name.as_str()) => {
                let mut k = 2;
                while unnumbered.contains(&format!("{}-{k}", record.name)) {
                    k += 1;
                }
                record.name = format!("{}-{k}", record.name).into();
                renamed += 1;
            }
            None => {}
        }
        for (_, parent) in &mut record.parents {
            *parent = RecordId::from_index(parent.index() + offset);
        }
        base.records.push(record);
    }
    for (record, shares) in added.shares {
        base.shares
            .insert(RecordId::from_index(record.index() + offset), shares);
    }
    for mut share in added.column_shares {
        share.record = RecordId::from_index(share.record.index() + offset);
        base.column_shares.push(share);
    }
    renamed
}

/// `("acc", 42)` for `acc-000042`; `None` for names not of that form.
fn numbered(name: &str) -> Option<(&str, u64)> {
    let (prefix, digits) = name.rsplit_once('-')?;
    if prefix.is_empty() || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((prefix, digits.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::generate::{OrgParams, org, sample_data_for};
    use crate::validate::{Severity, validate};

    fn small_model() -> crate::model::Model {
        org(&OrgParams::small(7))
    }

    fn errors(model: &crate::model::Model, data: &Dataset) -> Vec<String> {
        validate(model, Some(data))
            .into_iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| format!("{}: {}", i.path, i.message))
            .collect()
    }

    #[test]
    fn appended_records_keep_the_base_records_and_move_their_links() {
        let model = small_model();
        let base = sample_data_for(&model, 1, 300);
        let mut merged = base.clone();
        let added = sample_data_for(&model, 2, 1_000);
        let n_shares = added.shares.len();
        append(&mut merged, added);
        assert_eq!(merged.records.len(), 1_300);
        // The base records are untouched, in place.
        assert_eq!(merged.records[..300], base.records[..]);
        for (id, shares) in &base.shares {
            assert_eq!(merged.shares_of(*id), shares.as_slice());
        }
        assert_eq!(merged.shares.len(), base.shares.len() + n_shares);
        let names: BTreeSet<&str> = merged.records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 1_300, "names are unique");
        assert!(
            errors(&model, &merged).is_empty(),
            "{:?}",
            errors(&model, &merged)
        );
        // Added children point at added parents.
        for record in &merged.records[300..] {
            for (_, parent) in &record.parents {
                assert!(parent.index() >= 300);
            }
        }
    }

    #[test]
    fn generated_names_already_used_are_renumbered_past_the_highest() {
        let model = small_model();
        let mut base = sample_data_for(&model, 1, 50);
        // An imported record with a far-off number of a generated prefix, and a plain name.
        let prefix = base.records[0]
            .name
            .rsplit_once('-')
            .expect("numbered")
            .0
            .to_string();
        base.records[1].name = format!("{prefix}-000900").into();
        let added = sample_data_for(&model, 1, 50);
        let first_added = added.records[0].name.clone();
        let renamed = append(&mut base, added);
        assert!(renamed > 0);
        let names: BTreeSet<&str> = base.records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 100);
        assert_eq!(base.records[50].name.len(), first_added.len());
        assert_eq!(base.records[50].name, format!("{prefix}-000901"));
    }

    #[test]
    fn names_not_of_the_generated_form_get_a_suffix() {
        let model = small_model();
        let mut base = sample_data_for(&model, 1, 5);
        let mut added = sample_data_for(&model, 9, 5);
        base.records[0].name = "hand_made".into();
        added.records[0].name = "hand_made".into();
        base.records[1].name = "hand_made-2".into();
        append(&mut base, added);
        assert_eq!(base.records[5].name, "hand_made-3");
    }
}
