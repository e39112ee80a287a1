//! A workspace: one model, its sample data, its pinned checks and accepted advisor findings.
//!
//! Plain data shared through `Arc`s, so a snapshot for undo or for the what-if sandbox is a few
//! pointer copies. Every change produces a new `Workspace` value; nothing here is reactive.

use std::collections::BTreeMap;
use std::sync::Arc;

use engine::data::Dataset;
use engine::demo::DemoOrg;
use engine::format;
use engine::model::Model;
use engine::query::DataIndex;
use engine::validate::Issue;
use engine::walkthrough::Walkthrough;

/// An open workspace.
#[derive(Clone)]
pub struct Workspace {
    /// Stable id (the IndexedDB key).
    pub id: String,
    /// Name shown in the header and in the workspace list.
    pub name: String,
    /// The security model.
    pub model: Arc<Model>,
    /// The sample records and shares simulation runs against.
    pub data: Arc<Dataset>,
    /// Indexes over `data`, rebuilt whenever `data` changes.
    pub index: Arc<DataIndex>,
    /// Pinned checks in the scenario format's check shape.
    pub checks: Arc<Vec<serde_json::Value>>,
    /// Events pinned checks replay with `after` (scenario format).
    pub events: Arc<Vec<serde_json::Value>>,
    /// Accepted advisor findings: finding key → reason.
    pub suppressions: Arc<BTreeMap<String, String>>,
    /// The guided walkthrough presented in workshop mode (saved and exported with the model).
    pub walkthrough: Arc<Walkthrough>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("id", &self.id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Workspace {
    /// Two values are the same workspace state when they share the same model, data and checks.
    fn eq(&self, other: &Workspace) -> bool {
        self.id == other.id
            && self.name == other.name
            && Arc::ptr_eq(&self.model, &other.model)
            && Arc::ptr_eq(&self.data, &other.data)
            && Arc::ptr_eq(&self.checks, &other.checks)
            && Arc::ptr_eq(&self.events, &other.events)
            && Arc::ptr_eq(&self.suppressions, &other.suppressions)
            && Arc::ptr_eq(&self.walkthrough, &other.walkthrough)
    }
}

impl Workspace {
    /// A workspace over a model and its data.
    pub fn new(id: String, name: String, model: Model, data: Dataset) -> Workspace {
        let index = DataIndex::build(&model, &data);
        Workspace {
            id,
            name,
            model: Arc::new(model),
            data: Arc::new(data),
            index: Arc::new(index),
            checks: Arc::new(Vec::new()),
            events: Arc::new(Vec::new()),
            suppressions: Arc::new(BTreeMap::new()),
            walkthrough: Arc::new(Walkthrough::default()),
        }
    }

    /// Opens one of the shipped demo organisations, its checks pinned.
    pub fn from_demo(demo: &DemoOrg) -> Result<Workspace, String> {
        let scenario = engine::scenario::load(demo.yaml, &|id| {
            Err(format!("demo orgs have no base (`{id}`)"))
        })
        .map_err(|e| format!("demo `{}` does not load: {e}", demo.id))?;
        let checks = scenario
            .checks
            .iter()
            .filter_map(|c| serde_json::to_value(c).ok())
            .collect();
        let events = scenario
            .events
            .iter()
            .filter_map(|e| serde_json::to_value(e).ok())
            .collect();
        let mut workspace = Workspace::new(
            format!("demo-{}", demo.id),
            demo.title.to_string(),
            scenario.model,
            scenario.data,
        );
        workspace.checks = Arc::new(checks);
        workspace.events = Arc::new(events);
        workspace.walkthrough =
            Arc::new(engine::walkthrough::demo_walkthrough(demo.id).unwrap_or_default());
        Ok(workspace)
    }

    /// Opens a `rampart-model` JSON document. Fatal problems (not JSON, wrong format, a newer
    /// version) are errors; everything else comes back as issues next to the workspace.
    pub fn from_json(id: String, text: &str) -> Result<(Workspace, Vec<Issue>), format::LoadError> {
        let doc = format::parse(text)?;
        let (model, data, issues) = format::load_document(&doc);
        let name = if doc.name.is_empty() {
            "Imported model".to_string()
        } else {
            doc.name.clone()
        };
        let mut workspace = Workspace::new(id, name, model, data.unwrap_or_default());
        workspace.checks = Arc::new(doc.pinned_checks.clone());
        workspace.events = Arc::new(doc.events.clone());
        workspace.suppressions = Arc::new(doc.lint_suppressions.clone());
        if let Some(walkthrough) = &doc.walkthrough {
            workspace.walkthrough = Arc::new(format::walkthrough_from_wire(walkthrough));
        }
        Ok((workspace, issues))
    }

    /// The `rampart-model` JSON of the workspace: model, sample data, pinned checks, suppressed
    /// lints and a checksum for deployment (byte-stable for the same state).
    pub fn to_json(&self, with_data: bool) -> String {
        let mut doc = format::to_wire(&self.model, with_data.then_some(&*self.data));
        doc.name = self.name.clone();
        doc.pinned_checks = (*self.checks).clone();
        doc.events = (*self.events).clone();
        doc.lint_suppressions = (*self.suppressions).clone();
        doc.walkthrough = format::walkthrough_to_wire(&self.walkthrough);
        format::to_string_with_checksum(&format::with_sorted_free_json(doc))
    }

    /// The same workspace with another model (data and checks kept).
    pub fn with_model(&self, model: Model) -> Workspace {
        Workspace {
            model: Arc::new(model),
            ..self.clone()
        }
    }

    /// The same workspace with other data (indexes rebuilt).
    pub fn with_data(&self, data: Dataset) -> Workspace {
        let index = DataIndex::build(&self.model, &data);
        Workspace {
            data: Arc::new(data),
            index: Arc::new(index),
            ..self.clone()
        }
    }

    /// The same workspace with other pinned checks.
    pub fn with_checks(&self, checks: Vec<serde_json::Value>) -> Workspace {
        Workspace {
            checks: Arc::new(checks),
            ..self.clone()
        }
    }

    /// The same workspace with another walkthrough.
    pub fn with_walkthrough(&self, walkthrough: Walkthrough) -> Workspace {
        Workspace {
            walkthrough: Arc::new(walkthrough),
            ..self.clone()
        }
    }

    /// Runs the pinned checks against the current model and data.
    pub fn run_checks(&self) -> Vec<engine::scenario::CheckReport> {
        engine::scenario::run_json_checks(&self.model, &self.data, &self.events, &self.checks)
    }

    /// Validation issues of the current model and data (errors block export).
    pub fn issues(&self) -> Vec<Issue> {
        engine::validate::validate(&self.model, Some(&self.data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_round_trips_through_json_with_its_checks() {
        let demo = Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).expect("demo loads");
        assert!(!demo.checks.is_empty());
        let text = demo.to_json(true);
        let (back, _) = Workspace::from_json(demo.id.clone(), &text).expect("json loads");
        assert_eq!(back.to_json(true), text);
        assert_eq!(back.checks.len(), demo.checks.len());
        assert!(!demo.walkthrough.steps.is_empty());
        assert_eq!(back.walkthrough, demo.walkthrough);
        let reports =
            engine::scenario::run_json_checks(&back.model, &back.data, &back.events, &back.checks);
        assert!(
            reports
                .iter()
                .all(|r| r.status != engine::scenario::CheckStatus::Fail)
        );
    }
}
