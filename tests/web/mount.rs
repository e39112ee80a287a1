//! The shell mounted into a fresh element: header, navigation and footer render.

use leptos::prelude::*;
use leptos::task::tick;
use rampart_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

#[wasm_bindgen_test]
async fn shell_shows_model_title_navigation_and_versions() {
    // At the root address: another test's `?demo=` must not open a model here.
    let window = web_sys::window().unwrap();
    let previous_url = window.location().href().unwrap();
    let history = window.history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    let document = document();
    let wrapper: HtmlElement = document.create_element("section").unwrap().unchecked_into();
    document.body().unwrap().append_child(&wrapper).unwrap();
    let _mounted = leptos::mount::mount_to(wrapper.clone(), App);
    tick().await;

    let text_of = |selector: &str| {
        wrapper
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches `{selector}`"))
            .text_content()
            .unwrap_or_default()
    };
    // Nothing is open until the last workspace is restored or one is started.
    assert_eq!(text_of("[data-testid=model-title]"), "No model open");
    assert_eq!(
        text_of("[data-testid=format-version]"),
        "format rampart-model v1"
    );
    assert_eq!(
        text_of("[data-testid=app-version]"),
        concat!("Rampart ", env!("CARGO_PKG_VERSION"))
    );

    let links = wrapper.query_selector_all("nav a").unwrap();
    let labels: Vec<String> = (0..links.length())
        .filter_map(|i| links.get(i))
        .map(|link| link.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        labels,
        [
            "Business units",
            "Teams",
            "Users",
            "Security roles",
            "Tables",
            "Settings",
            "Simulate",
            "Test",
            "Export"
        ]
    );
    wrapper.remove();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&previous_url))
        .unwrap();
}
