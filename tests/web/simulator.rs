//! The simulator and pinned checks mounted on the demo org, compared with the engine's answers.

use engine::eval::{Operation, decide};
use engine::model::Verb;
use leptos::prelude::*;
use leptos::task::tick;
use rampart_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

/// Mounts the app at `url` in a fresh element; the URL is put back when the guard drops.
struct Mounted {
    wrapper: HtmlElement,
    _handle: Box<dyn std::any::Any>,
    previous_url: String,
}

async fn mount_at(url: &str) -> Mounted {
    let window = web_sys::window().unwrap();
    let previous_url = window.location().href().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
    let document = document();
    let wrapper: HtmlElement = document.create_element("section").unwrap().unchecked_into();
    document.body().unwrap().append_child(&wrapper).unwrap();
    let handle = Box::new(leptos::mount::mount_to(wrapper.clone(), App));
    tick().await;
    Mounted {
        wrapper,
        _handle: handle,
        previous_url,
    }
}

impl Mounted {
    fn text(&self, selector: &str) -> String {
        self.wrapper
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches `{selector}`"))
            .text_content()
            .unwrap_or_default()
    }

    fn count(&self, selector: &str) -> u32 {
        self.wrapper.query_selector_all(selector).unwrap().length()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.wrapper.remove();
        if let Some(window) = web_sys::window() {
            let _ = window.history().map(|h| {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.previous_url))
            });
        }
    }
}

fn demo() -> rampart_app::state::Workspace {
    rampart_app::state::Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).unwrap()
}

#[wasm_bindgen_test]
async fn explain_denies_the_leeds_clerk_the_manchester_complaint() {
    let ws = demo();
    let user = ws.model.name_index().users["u_leeds_clerk1"];
    let record = ws.data.name_index()["case_mcr_staff_complaint"];
    let verdict = decide(
        &ws.model,
        &ws.data,
        user,
        &Operation::Record {
            verb: Verb::Read,
            record,
        },
    );

    let app =
        mount_at("/simulate/explain?demo=department-store&user=u_leeds_clerk1&record=case_mcr_staff_complaint&verb=read")
            .await;
    assert_eq!(verdict.outcome.as_str(), "deny");
    assert!(app.text("[data-testid=outcome]").contains("deny"));
    assert!(app.text("[data-testid=paths]").contains(&verdict.summary));
    assert_eq!(
        app.count("[data-testid=fixes] li"),
        verdict.fixes.len() as u32
    );
    // Each fix lists what else it opens (the depth fix opens Manchester's cases to every store
    // clerk; the share opens the one record).
    assert_eq!(
        app.count("[data-testid=effect-table]"),
        verdict.fixes.len() as u32
    );
    assert!(
        app.text("[data-testid=fix-0-summary]")
            .contains("other users gain")
    );
}

#[wasm_bindgen_test]
async fn pinning_an_answer_adds_a_passing_check_to_the_header_badge() {
    let ws = demo();
    let reports = ws.run_checks();
    let passed = reports
        .iter()
        .filter(|r| r.status == engine::scenario::CheckStatus::Pass)
        .count();
    let failed = reports
        .iter()
        .filter(|r| r.status == engine::scenario::CheckStatus::Fail)
        .count();
    assert_eq!(failed, 0);

    let app =
        mount_at("/simulate/explain?demo=department-store&user=u_leeds_clerk1&record=case_mcr_staff_complaint&verb=read")
            .await;
    assert_eq!(
        app.text("[data-testid=check-badge]").trim(),
        format!("✓{passed} checks pass")
    );
    let pin: HtmlElement = app
        .wrapper
        .query_selector("[data-testid=pin]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    pin.click();
    tick().await;
    assert_eq!(
        app.text("[data-testid=check-badge]").trim(),
        format!("✓{} checks pass", passed + 1)
    );
}

#[wasm_bindgen_test]
async fn pinned_checks_list_every_demo_check_with_its_verdict() {
    let ws = demo();
    let app = mount_at("/test/checks?demo=department-store").await;
    assert_eq!(app.count("[data-testid=check-row]"), ws.checks.len() as u32);
    assert_eq!(app.count("[data-testid=check-row][data-status=fail]"), 0);
}
