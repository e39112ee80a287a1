//! The scenario writer (`scenario::write::to_yaml`): loading what it writes gives back the same
//! model and data (compared through the canonical `format::save` text) and the same verdicts for
//! every check, for the demo orgs, the shared scenarios and a generated org.

use std::path::PathBuf;

use engine::data::Dataset;
use engine::format;
use engine::generate::{DataParams, OrgParams, data, org};
use engine::model::Model;
use engine::model::predefined::predefined_privileges;
use engine::scenario::{self, CheckReport, write};

fn no_base(id: &str) -> Result<String, String> {
    Err(format!("no base `{id}`"))
}

fn verdicts(reports: &[CheckReport]) -> Vec<(usize, String, String)> {
    reports
        .iter()
        .map(|r| (r.index, format!("{:?}", r.status), r.actual.clone()))
        .collect()
}

/// Writes, reloads and compares; returns the written text.
#[track_caller]
fn round_trip(
    label: &str,
    model: &Model,
    data: &Dataset,
    checks: &[serde_json::Value],
    events: &[serde_json::Value],
) -> String {
    let text = write::to_yaml(
        model,
        Some(data),
        &write::Extras {
            id: label,
            checks,
            events,
        },
    );
    // Plain YAML any parser reads, not only ours.
    let parsed: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{label}: not YAML: {e}"));
    assert!(parsed.get("business_units").is_some(), "{label}");
    let loaded = scenario::load(&text, &no_base).unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(loaded.id, label);
    let errors: Vec<String> = loaded
        .warnings
        .iter()
        .filter(|w| w.error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{label}: {errors:?}");
    // The scenario format always has the System Administrator `admin`; a model without one
    // gets it on loading, as its last user, owning nothing.
    let mut loaded_model = loaded.model.clone();
    if !model.users.iter().any(|u| u.name == scenario::ADMIN_USER) {
        let admin = loaded_model.users.pop().unwrap();
        assert_eq!(admin.name, scenario::ADMIN_USER, "{label}");
    }
    let (got, want) = (
        format::save(&loaded_model, Some(&loaded.data)),
        format::save(model, Some(data)),
    );
    if got != want {
        let diff: Vec<String> = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(5)
            .map(|(i, (a, b))| format!("line {}: loaded `{a}`, original `{b}`", i + 1))
            .collect();
        panic!("{label}: the written scenario loads as a different model: {diff:#?}");
    }
    assert_eq!(loaded.checks.len(), checks.len(), "{label}");
    let before = scenario::run_json_checks(model, data, events, checks);
    let after = scenario::run_scenario(&loaded).checks;
    assert_eq!(
        verdicts(&after),
        verdicts(&before),
        "{label}: verdicts differ"
    );
    text
}

/// A scenario as the JSON checks and events a workspace keeps.
fn checks_and_events(s: &scenario::Scenario) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let doc = format::from_scenario(s);
    (doc.pinned_checks, doc.events)
}

#[test]
fn demo_orgs_round_trip_with_their_checks() {
    for demo in engine::demo::DEMO_ORGS {
        let s = scenario::load(demo.yaml, &no_base).unwrap();
        let (checks, events) = checks_and_events(&s);
        assert!(!checks.is_empty(), "{}", demo.id);
        let text = round_trip(demo.id, &s.model, &s.data, &checks, &events);
        assert!(
            text.starts_with("# Security scenario"),
            "{}: {}",
            demo.id,
            &text[..80]
        );
        // The demos pass all their scored checks, so the written file does too.
        let report = scenario::run_scenario(&scenario::load(&text, &no_base).unwrap());
        assert!(
            report
                .checks
                .iter()
                .all(|c| c.status != scenario::CheckStatus::Fail),
            "{}",
            demo.id
        );
    }
}

#[test]
fn shared_scenarios_round_trip() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/scenarios");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let resolve = |id: &str| {
            std::fs::read_to_string(dir.join(format!("{id}.yaml"))).map_err(|e| e.to_string())
        };
        let s = scenario::load(&text, &resolve).unwrap();
        let (checks, events) = checks_and_events(&s);
        round_trip(&s.id, &s.model, &s.data, &checks, &events);
    }
}

#[test]
fn generated_org_round_trips_with_checks() {
    let mut model = org(&OrgParams::small(3));
    // The generator leaves the predefined roles empty; the scenario format gives them their
    // shipped privileges (§12), and says so in the output.
    let text = write::to_yaml(&model, None, &write::Extras::default());
    assert!(
        text.contains("# Note: the predefined role BasicUser holds fewer privileges"),
        "{}",
        &text[..400]
    );
    for i in 0..model.roles.len() {
        if model.roles[i].predefined.is_some() {
            let shipped = predefined_privileges(&model, &model.roles[i].name);
            model.roles[i].privileges.extend(shipped);
        }
    }
    let data = data(&model, &DataParams::new(5, 300));
    // Questions about every kind of operation for a spread of users and records; the
    // expectations are whatever the engine answers, so only agreement is tested.
    let mut checks = Vec::new();
    for (u, user) in model.users.iter().enumerate().step_by(3).take(8) {
        for (r, record) in data.records.iter().enumerate().step_by(37).take(6) {
            let op = ["read", "write", "delete", "share", "append", "appendto"][(u + r) % 6];
            checks.push(serde_json::json!({
                "who": user.name, "op": op, "target": record.name.as_str(), "expect": "allow",
            }));
        }
    }
    assert!(checks.len() >= 40);
    let text = round_trip("generated-small", &model, &data, &checks, &[]);
    let reloaded = scenario::load(&text, &no_base).unwrap();
    let statuses = verdicts(&scenario::run_scenario(&reloaded).checks);
    assert!(
        statuses.iter().any(|s| s.2 == "allow") && statuses.iter().any(|s| s.2 == "deny"),
        "the generated checks should have both answers: {statuses:?}"
    );
}

#[test]
fn written_text_is_stable_and_names_every_check() {
    let s = scenario::load(engine::demo::DEMO_ORGS[0].yaml, &no_base).unwrap();
    let (checks, events) = checks_and_events(&s);
    let extras = write::Extras {
        id: "",
        checks: &checks,
        events: &events,
    };
    let a = write::to_yaml(&s.model, Some(&s.data), &extras);
    let b = write::to_yaml(&s.model, Some(&s.data), &extras);
    assert_eq!(a, b);
    // An empty id is made from the model's name.
    let doc: serde_yaml_ng::Value = serde_yaml_ng::from_str(&a).unwrap();
    let id = doc.get("id").and_then(|v| v.as_str()).unwrap();
    assert!(id.starts_with("ashworth-vale"), "{id}");
    let written = doc.get("checks").and_then(|v| v.as_sequence()).unwrap();
    assert_eq!(written.len(), checks.len());
}

/// What the format cannot say (FORMAT.md: `teams` have no template or record, `shares` no
/// inherited rights) is named in the file's comments, and everything else still round-trips:
/// the access team and its share come back as a plain access team, the cascade-only rights
/// as plain rights, with the same verdicts today.
#[test]
fn record_teams_and_cascade_only_rights_are_named_in_comments() {
    use engine::data::Share;
    use engine::model::{Principal, RecordId, Rights, TemplateId, UserId, Verb};
    let demo = engine::demo::DEMO_ORGS
        .iter()
        .find(|d| {
            let s = scenario::load(d.yaml, &no_base).unwrap();
            !s.model.templates.is_empty()
        })
        .expect("a demo org with an access team template");
    let s = scenario::load(demo.yaml, &no_base).unwrap();
    let (mut model, mut data) = (s.model.clone(), s.data.clone());
    let template = TemplateId::from_index(0);
    let table = model.templates[0].table;
    let record = RecordId::from_index(
        data.records
            .iter()
            .position(|r| r.table == table)
            .expect("a record of the template's table"),
    );
    let team = engine::edit::add_user_to_record_team(
        &mut model,
        &mut data,
        record,
        template,
        UserId::from_index(0),
    );
    assert!(write::approximations(&s.model, Some(&s.data)).is_empty());
    // A share whose Write is only inherited (kept after the parent's share was revoked).
    let other = RecordId::from_index(if record.index() == 0 { 1 } else { 0 });
    data.shares.entry(other).or_default().push(Share {
        principal: Principal::User(UserId::from_index(1)),
        rights: Rights::of(Verb::Read),
        inherited: Rights::of(Verb::Write),
    });
    let notes = write::approximations(&model, Some(&data));
    assert_eq!(notes.len(), 2, "{notes:?}");
    let text = write::to_yaml(&model, Some(&data), &write::Extras::default());
    let team_name = &model.teams[team.index()].name;
    assert!(
        text.contains(&format!("# Note: access team {team_name} is written as a plain access team: the format cannot say it was made from template {} for record {}.", model.templates[0].name, data.record_name(record))),
        "{}", &text[..600.min(text.len())]
    );
    assert!(text.contains(&format!(
        "# Note: the share of {} with {} holds write only by cascade (CASC-5)",
        data.record_name(other),
        model.user_name(UserId::from_index(1))
    )));
    // The rest loads back: the team without its link, the share with Read and Write.
    let loaded = scenario::load(&text, &no_base).unwrap();
    let names = loaded.model.name_index();
    let back = &loaded.model.teams[names.teams[team_name.as_str()].index()];
    assert_eq!(back.record_team, None);
    let member_names = |m: &Model, members: &[UserId]| -> Vec<String> {
        members
            .iter()
            .map(|u| m.user_name(*u).to_string())
            .collect()
    };
    assert_eq!(
        member_names(&loaded.model, &back.members),
        member_names(&model, &model.teams[team.index()].members)
    );
    let share = loaded
        .data
        .shares_of(loaded.data.name_index()[data.record_name(other)])
        .iter()
        .find(|sh| {
            loaded.model.principal_name(sh.principal) == model.user_name(UserId::from_index(1))
        })
        .expect("share written");
    assert!(share.rights.contains(Verb::Read) && share.rights.contains(Verb::Write));
}
