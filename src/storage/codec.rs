//! How a workspace becomes stored text and back: the model document without records, and the
//! records in chunks of [`CHUNK_RECORDS`], each chunk compact JSON of `rampart-model` v1 record
//! objects. Pure functions, tested natively.

use std::collections::BTreeMap;
use std::sync::Arc;

use engine::data::Dataset;
use engine::format::{self, v1};
use engine::model::Model;
use engine::validate::Issue;
use serde::{Deserialize, Serialize};

use super::StorageError;
use super::workspaces::chunk_key;
use crate::state::Workspace;

/// Records per stored chunk: small enough that a chunk is a few megabytes of text, large
/// enough that 100,000 records are ten rows.
pub const CHUNK_RECORDS: usize = 10_000;

#[derive(Serialize)]
struct ChunkOut<'a> {
    records: Vec<(&'a str, &'a v1::Record)>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    shares: &'a [v1::Share],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    column_shares: &'a [v1::ColumnShare],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChunkIn {
    records: Vec<(String, v1::Record)>,
    #[serde(default)]
    shares: Vec<v1::Share>,
    #[serde(default)]
    column_shares: Vec<v1::ColumnShare>,
}

/// The records of `data` as chunk texts (shares travel with the first chunk), and their total
/// size in bytes. No records, no chunks.
pub fn encode_dataset(model: &Model, data: &Dataset) -> (Vec<String>, u64) {
    let wire = format::to_wire(model, Some(data)).data.unwrap_or_default();
    let records: Vec<(&str, &v1::Record)> = wire
        .records
        .iter()
        .map(|(id, record)| (id.as_str(), record))
        .collect();
    let mut chunks = Vec::with_capacity(records.len().div_ceil(CHUNK_RECORDS));
    for (n, slice) in records.chunks(CHUNK_RECORDS).enumerate() {
        let first = n == 0;
        let chunk = ChunkOut {
            records: slice.to_vec(),
            shares: if first { &wire.shares } else { &[] },
            column_shares: if first { &wire.column_shares } else { &[] },
        };
        // INVARIANT: wire records have string keys only, so serialization cannot fail.
        chunks.push(serde_json::to_string(&chunk).unwrap_or_default());
    }
    let bytes = chunks.iter().map(|c| c.len() as u64).sum();
    (chunks, bytes)
}

/// A decoded workspace before its indexes are built (building them is a separate, measurable
/// step: [`DecodedWorkspace::into_workspace`]).
#[derive(Debug)]
pub struct DecodedWorkspace {
    /// Workspace id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The model.
    pub model: Model,
    /// The records.
    pub data: Dataset,
    /// Pinned checks.
    pub checks: Vec<serde_json::Value>,
    /// Events pinned checks refer to.
    pub events: Vec<serde_json::Value>,
    /// Accepted advisor findings.
    pub suppressions: BTreeMap<String, String>,
    /// The guided walkthrough.
    pub walkthrough: engine::walkthrough::Walkthrough,
    /// Reference problems found while loading.
    pub issues: Vec<Issue>,
    /// Chunks that could not be read (each names its key); the others were kept.
    pub skipped: Vec<StorageError>,
}

impl DecodedWorkspace {
    /// The workspace, with its indexes built.
    pub fn into_workspace(self) -> Workspace {
        let mut workspace = Workspace::new(self.id, self.name, self.model, self.data);
        workspace.checks = Arc::new(self.checks);
        workspace.events = Arc::new(self.events);
        workspace.suppressions = Arc::new(self.suppressions);
        workspace.walkthrough = Arc::new(self.walkthrough);
        workspace
    }
}

/// Decodes a stored document and its record chunks. A document that does not load is an
/// error naming its key; a chunk that does not parse is skipped and reported, the other
/// chunks are kept.
pub fn decode_workspace(
    id: &str,
    document: &str,
    chunks: &[String],
) -> Result<DecodedWorkspace, StorageError> {
    let mut doc = format::parse(document).map_err(|err| StorageError::CorruptRecord {
        store: super::DOCUMENTS,
        key: id.to_string(),
        detail: err.to_string(),
    })?;
    let mut skipped = Vec::new();
    if !chunks.is_empty() {
        let mut data = doc.data.take().unwrap_or_default();
        for (n, text) in chunks.iter().enumerate() {
            match serde_json::from_str::<ChunkIn>(text) {
                Ok(chunk) => {
                    for (record_id, record) in chunk.records {
                        data.records.insert(record_id, record);
                    }
                    data.shares.extend(chunk.shares);
                    data.column_shares.extend(chunk.column_shares);
                }
                Err(err) => skipped.push(StorageError::CorruptRecord {
                    store: super::DATASETS,
                    key: chunk_key(id, u32::try_from(n).unwrap_or(u32::MAX)),
                    detail: err.to_string(),
                }),
            }
        }
        if !skipped.is_empty() {
            drop_links_to_missing_records(&mut data);
        }
        doc.data = Some(data);
    }
    let decoded = workspace_parts(id, doc);
    Ok(DecodedWorkspace { skipped, ..decoded })
}

/// After a chunk was skipped, removes parent links, shares and column shares that point at
/// records that were in it, so the records kept load cleanly (and quickly: every dangling
/// reference would otherwise become an issue with a spelling suggestion).
fn drop_links_to_missing_records(data: &mut v1::Data) {
    let present: std::collections::HashSet<String> = data.records.keys().cloned().collect();
    for (_, record) in data.records.iter_mut() {
        record.parents.retain(|link| present.contains(&link.record));
    }
    data.shares.retain(|share| present.contains(&share.record));
    data.column_shares
        .retain(|share| present.contains(&share.record));
}

/// Builds a workspace from a parsed document (imports, snapshots), returning the loader's
/// issues next to it.
pub fn workspace_from_document(id: &str, doc: v1::Document) -> (Workspace, Vec<Issue>) {
    let mut decoded = workspace_parts(id, doc);
    let issues = std::mem::take(&mut decoded.issues);
    (decoded.into_workspace(), issues)
}

fn workspace_parts(id: &str, doc: v1::Document) -> DecodedWorkspace {
    let (model, data, issues) = format::from_wire(&doc);
    let name = if doc.name.is_empty() {
        "Untitled model".to_string()
    } else {
        doc.name.clone()
    };
    DecodedWorkspace {
        id: id.to_string(),
        name,
        model,
        data: data.unwrap_or_default(),
        checks: doc.pinned_checks,
        events: doc.events,
        suppressions: doc.lint_suppressions,
        walkthrough: doc
            .walkthrough
            .as_ref()
            .map(format::walkthrough_from_wire)
            .unwrap_or_default(),
        issues,
        skipped: Vec::new(),
    }
}

/// Records given as wire objects, loaded against `model`: the model as re-read with them (its
/// internal order may differ from `model`'s, so the two travel together) and the dataset,
/// with every reference problem as an issue.
pub fn decode_dataset(model: &Model, data: v1::Data) -> (Model, Dataset, Vec<Issue>) {
    let mut doc = format::to_wire(model, None);
    doc.data = Some(data);
    let (model, dataset, issues) = format::from_wire(&doc);
    (model, dataset.unwrap_or_default(), issues)
}

/// Wire records of `data` (CSV export reads these).
pub fn wire_data(model: &Model, data: &Dataset) -> v1::Data {
    format::to_wire(model, Some(data)).data.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Workspace {
        let demo = Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo loads");
        let data = engine::generate::sample_data_for(&demo.model, 7, 25_000);
        demo.with_data(data)
    }

    #[test]
    fn a_workspace_round_trips_through_document_and_chunks() {
        let workspace = demo();
        let (chunks, bytes) = encode_dataset(&workspace.model, &workspace.data);
        assert_eq!(chunks.len(), 3);
        assert_eq!(bytes, chunks.iter().map(|c| c.len() as u64).sum::<u64>());
        let document = workspace.to_json(false);
        let decoded = decode_workspace(&workspace.id, &document, &chunks).expect("decodes");
        assert!(decoded.skipped.is_empty());
        let back = decoded.into_workspace();
        assert_eq!(back.data.records.len(), 25_000);
        assert!(!back.walkthrough.steps.is_empty());
        assert_eq!(back.walkthrough, workspace.walkthrough);
        assert_eq!(back.to_json(true), workspace.to_json(true));
    }

    #[test]
    fn a_corrupt_chunk_is_skipped_and_named_and_the_others_are_kept() {
        let workspace = demo();
        let (mut chunks, _) = encode_dataset(&workspace.model, &workspace.data);
        chunks[1] = "{not json".to_string();
        let decoded =
            decode_workspace("w1", &workspace.to_json(false), &chunks).expect("document loads");
        assert_eq!(decoded.data.records.len(), 15_000);
        assert_eq!(decoded.skipped.len(), 1);
        assert!(decoded.skipped[0].to_string().contains("`w1/000001`"));
    }

    #[test]
    fn a_corrupt_document_is_an_error_naming_its_key() {
        let err = decode_workspace("w9", "[1, 2]", &[]).expect_err("not a model");
        assert!(err.to_string().contains("`documents` at key `w9`"), "{err}");
    }
}
