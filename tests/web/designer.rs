//! The Designer's role editor mounted into a fresh element: a click on a depth cell changes the
//! model, its label follows, and undo restores the model exactly.

use engine::model::{PrivSet, Verb};
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use rampart_app::pages::designer::{SecurityRolesPage, provide_designer};
use rampart_app::state::{AppState, Workspace};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

fn account_delete(app: AppState) -> engine::model::Depth {
    app.workspace.with_untracked(|w| {
        let model = &w.as_ref().expect("a model is open").model;
        let index = model.name_index();
        let role = index.roles["role_store_staff"];
        let table = index.tables["account"];
        model.roles[role.index()].depth(PrivSet::Table(table), Verb::Delete)
    })
}

#[wasm_bindgen_test]
async fn clicking_a_depth_cell_changes_the_role_and_undo_restores_it() {
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let previous = window.location().pathname().unwrap();
    history
        .push_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some("/model/security-roles/role_store_staff"),
        )
        .unwrap();
    let document = window.document().unwrap();
    let wrapper: HtmlElement = document.create_element("section").unwrap().unchecked_into();
    document.body().unwrap().append_child(&wrapper).unwrap();
    let app_slot = StoredValue::new(None::<AppState>);
    let _mounted = leptos::mount::mount_to(wrapper.clone(), move || {
        let app = AppState::provide();
        provide_designer(app);
        app.open(Workspace::from_demo(&engine::demo::DEMO_ORGS[0]).unwrap());
        app_slot.set_value(Some(app));
        view! {
            <Router>
                <Routes fallback=|| "no route">
                    <Route path=path!("/model/security-roles/:role") view=SecurityRolesPage />
                </Routes>
            </Router>
        }
    });
    tick().await;
    let app = app_slot.get_value().expect("mounted");
    let before = account_delete(app);
    let cell: HtmlElement = wrapper
        .query_selector("[data-testid=cell-account-delete]")
        .unwrap()
        .expect("the account Delete cell")
        .unchecked_into();
    let label_before = cell.get_attribute("aria-label").unwrap();
    assert!(
        label_before.starts_with("account, Delete: "),
        "{label_before}"
    );

    cell.click();
    tick().await;
    let after = account_delete(app);
    assert!(after > before, "{before:?} → {after:?}");
    let label_after = cell.get_attribute("aria-label").unwrap();
    assert_eq!(
        label_after,
        format!(
            "account, Delete: {} ({})",
            after.label(),
            rampart_app::components::depth_circle::depth_doc_term(after)
        )
    );

    app.undo();
    tick().await;
    assert_eq!(account_delete(app), before);
    assert_eq!(cell.get_attribute("aria-label").unwrap(), label_before);

    wrapper.remove();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&previous))
        .unwrap();
}
