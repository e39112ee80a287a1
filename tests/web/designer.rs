//! The Designer's role editor mounted into a fresh element: a click on a depth cell changes the
//! model, its label follows, and undo restores the model exactly.

use engine::model::{PrivSet, Verb};
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use rampart_app::components::Names;
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

/// Mounts the role editor on `role_store_staff` of the department-store demo, with the contexts
/// the app provides (state, designer, names).
async fn mount_role_editor() -> Mounted {
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
    let mounted = leptos::mount::mount_to(wrapper.clone(), move || {
        let app = AppState::provide();
        provide_designer(app);
        Names::provide(Signal::derive(|| false));
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
    Mounted {
        wrapper,
        app,
        previous,
        _handle: Box::new(mounted),
    }
}

/// The mounted role editor; dropping it removes the element and restores the address.
struct Mounted {
    wrapper: HtmlElement,
    app: AppState,
    previous: String,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.wrapper.remove();
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&self.previous),
            );
        }
    }
}

#[wasm_bindgen_test]
async fn clicking_a_depth_cell_changes_the_role_and_undo_restores_it() {
    let mounted = mount_role_editor().await;
    let (wrapper, app) = (mounted.wrapper.clone(), mounted.app);
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
}

fn account_row(app: AppState) -> [engine::model::Depth; 8] {
    app.workspace.with_untracked(|w| {
        let model = &w.as_ref().expect("a model is open").model;
        let index = model.name_index();
        let role = index.roles["role_store_staff"];
        let table = index.tables["account"];
        Verb::ALL.map(|v| model.roles[role.index()].depth(PrivSet::Table(table), v))
    })
}

fn paste_into(target: &HtmlElement, text: &str) {
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", text).unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Pasting text into the focused row goes through the grid's clipboard handling, the fitting of
/// levels and the history: one paste is one undo step; a word that is no level changes nothing.
#[wasm_bindgen_test]
async fn pasting_levels_into_a_row_is_one_undo_step() {
    use engine::model::Depth;
    let mounted = mount_role_editor().await;
    let (wrapper, app) = (mounted.wrapper.clone(), mounted.app);
    let before = account_row(app);
    let cell: HtmlElement = wrapper
        .query_selector("[data-testid=cell-account-write]")
        .unwrap()
        .expect("the account Write cell")
        .unchecked_into();
    cell.focus().unwrap();

    paste_into(&cell, "org\torg\torg\torg\torg\torg\torg\torg");
    tick().await;
    assert_eq!(account_row(app), [Depth::Org; 8]);

    paste_into(&cell, "org\tsometimes");
    tick().await;
    assert_eq!(
        account_row(app),
        [Depth::Org; 8],
        "a bad word changes nothing"
    );

    app.undo();
    tick().await;
    assert_eq!(account_row(app), before);
}
