//! The Designer's shared state (read-only share links, validation issues, the palette) and the
//! one door every Designer edit goes through: refused edits show their sentence, accepted ones
//! are recorded for undo under a label.

use std::sync::Arc;

use engine::model::Model;
use engine::validate::Issue;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::actions::designer::Refusal;
use crate::state::actions::share_link;
use crate::state::{AppState, Workspace};

/// Designer state in context (`use_designer`). `Copy`.
#[derive(Clone, Copy)]
pub struct Designer {
    /// The app state.
    pub app: AppState,
    /// Set while a model opened from a share link is shown: nothing can be changed.
    pub read_only: RwSignal<bool>,
    /// Validation issues of the open model and its data, recomputed after every change.
    pub issues: Memo<Arc<Vec<Issue>>>,
    /// Whether the command palette is open.
    pub palette_open: RwSignal<bool>,
    /// The label of the last change, for the "Undo" toast.
    pub last_change: RwSignal<Option<String>>,
}

/// Creates the Designer state and puts it in context (call once, in `App`).
pub fn provide_designer(app: AppState) -> Designer {
    let issues = Memo::new(move |_| {
        app.workspace
            .with(|w| Arc::new(w.as_ref().map(Workspace::issues).unwrap_or_default()))
    });
    let designer = Designer {
        app,
        read_only: RwSignal::new(false),
        issues,
        palette_open: RwSignal::new(false),
        last_change: RwSignal::new(None),
    };
    provide_context(designer);
    designer
}

/// The Designer state, from context.
pub fn use_designer() -> Designer {
    expect_context::<Designer>()
}

impl Designer {
    /// Applies a workspace edit under `label`, or shows why it is refused. Returns the refusal.
    pub fn edit(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&Workspace) -> Result<Workspace, Refusal>,
    ) -> Result<(), Refusal> {
        if self.read_only.get_untracked() {
            let refusal = "this shared model is read-only: make an editable copy first".to_string();
            self.app.error(refusal.clone());
            return Err(refusal);
        }
        let Some(current) = self.app.workspace.get_untracked() else {
            return Err("no model is open".to_string());
        };
        match f(&current) {
            Ok(next) => {
                let label = label.into();
                self.app.change(label.clone(), |_| next);
                self.last_change.set(Some(label.clone()));
                self.app.info(label);
                Ok(())
            }
            Err(refusal) => {
                self.app.error(refusal.clone());
                Err(refusal)
            }
        }
    }

    /// [`Designer::edit`] for edits of the model alone.
    pub fn edit_model(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&Model) -> Result<Model, Refusal>,
    ) -> Result<(), Refusal> {
        self.edit(label, |ws| f(&ws.model).map(|model| ws.with_model(model)))
    }

    /// Reads the open model.
    pub fn with_model<T>(&self, f: impl FnOnce(&Model) -> T) -> Option<T> {
        self.app.workspace.with(|w| w.as_ref().map(|w| f(&w.model)))
    }

    /// Reads the open model without tracking.
    pub fn with_model_untracked<T>(&self, f: impl FnOnce(&Model) -> T) -> Option<T> {
        self.app
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| f(&w.model)))
    }

    /// Undo, unless the model is read-only.
    pub fn undo(&self) {
        if !self.read_only.get_untracked() {
            self.app.undo();
            self.last_change.set(None);
        }
    }

    /// Redo, unless the model is read-only.
    pub fn redo(&self) {
        if !self.read_only.get_untracked() {
            self.app.redo();
            self.last_change.set(None);
        }
    }

    /// Opens the model a `#model=` share link carries, read-only. Returns whether the URL had one.
    pub fn open_share_link(&self, fragment: &str) -> bool {
        let Some(decoded) = share_link::decode(fragment) else {
            return false;
        };
        match decoded.and_then(|text| {
            Workspace::from_json("shared-link".to_string(), &text).map_err(|e| e.to_string())
        }) {
            Ok((workspace, _issues)) => {
                self.app.open(workspace);
                self.read_only.set(true);
            }
            Err(error) => self
                .app
                .error(format!("the share link cannot be opened: {error}")),
        }
        true
    }

    /// Leaves read-only mode: the shared model becomes an ordinary, editable one.
    pub fn make_editable_copy(&self) {
        self.read_only.set(false);
        self.app.change("Make an editable copy", |ws| Workspace {
            id: format!("copy-{}", js_sys::Date::now() as u64),
            ..ws.clone()
        });
        replace_fragment("");
    }
}

/// Offers `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make the download".to_string())?;
    let anchor = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| "the browser could not make the download".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard.
pub async fn copy_to_clipboard(text: String) -> Result<(), String> {
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying to the clipboard".to_string())
}

/// Reads a file the user picked or dropped.
pub async fn read_file(file: web_sys::File) -> Result<(String, String), String> {
    let name = file.name();
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("`{name}` cannot be read"))?;
    Ok((name, text.as_string().unwrap_or_default()))
}

/// The URL's fragment, with its `#`.
pub fn current_fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Replaces the fragment without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    let location = window().location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if fragment.is_empty() {
        base
    } else {
        format!("{base}#{fragment}")
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The share link of the current page for `json`.
pub fn share_url(json: &str) -> String {
    let location = window().location();
    format!(
        "{}{}#{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        share_link::encode(json)
    )
}
