//! How people are named on screen. Every view that prints a user's name or id goes through
//! [`Names`] (from [`use_names`]): while presenter mode hides names (`N`), each user is shown by
//! the role label `engine::walkthrough::Pseudonyms` gives them ("Store staff 2"), their id is not
//! shown at all, and sentences the engine writes are written over the pseudonymised model
//! ([`Names::model`]) so they name labels too.

use std::sync::Arc;

use engine::model::{Model, UserId};
use engine::walkthrough::Pseudonyms;
use leptos::prelude::*;

use crate::state::use_app;

/// The labels for one model, and that model as a shared screen shows it.
#[derive(Debug)]
pub struct Hidden {
    /// The labels.
    pub labels: Pseudonyms,
    /// The model the labels were made for.
    source: Arc<Model>,
    /// `source` with users renamed to their labels (built when first asked for).
    view: std::sync::OnceLock<Arc<Model>>,
}

impl PartialEq for Hidden {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.source, &other.source)
    }
}

/// People's names as the screen shows them, in context.
#[derive(Clone, Copy)]
pub struct Names {
    hidden: Memo<Option<Arc<Hidden>>>,
}

impl Names {
    /// Creates the helper for the open workspace and puts it in context. `hiding` says whether
    /// names are hidden now (presenter mode with names hidden).
    pub fn provide(hiding: Signal<bool>) -> Names {
        let app = use_app();
        let hidden = Memo::new(move |_| {
            if !hiding.get() {
                return None;
            }
            app.workspace.with(|w| {
                w.as_ref().map(|w| {
                    Arc::new(Hidden {
                        labels: Pseudonyms::new(&w.model),
                        source: Arc::clone(&w.model),
                        view: std::sync::OnceLock::new(),
                    })
                })
            })
        });
        let names = Names { hidden };
        provide_context(names);
        names
    }

    /// Whether names are hidden now.
    pub fn hidden(&self) -> bool {
        self.hidden.with(Option::is_some)
    }

    /// The labels, while names are hidden.
    pub fn pseudonyms(&self) -> Option<Arc<Hidden>> {
        self.hidden.get()
    }

    /// A user's name: the display name (or id when it has none), or the label while hidden.
    pub fn user(&self, model: &Model, user: UserId) -> String {
        self.hidden.with(|h| match h {
            Some(h) => h.labels.label(user).to_string(),
            None => {
                let id = model.user_name(user);
                model
                    .display_names
                    .get(id)
                    .map_or(id, String::as_str)
                    .to_string()
            }
        })
    }

    /// A user's name by id; ids that are not users come back as their display name.
    pub fn user_by_id(&self, model: &Model, id: &str) -> String {
        match model.users.iter().position(|u| u.name == id) {
            Some(i) => self.user(model, UserId::from_index(i)),
            None => self.hidden.with(|h| match h {
                Some(h) => h.labels.apply(id),
                None => model
                    .display_names
                    .get(id)
                    .map_or(id, String::as_str)
                    .to_string(),
            }),
        }
    }

    /// A user's id where the screen may show it (`None` while names are hidden).
    pub fn user_id(&self, model: &Model, user: UserId) -> Option<String> {
        (!self.hidden()).then(|| model.user_name(user).to_string())
    }

    /// "Name · id", or the label alone while hidden.
    pub fn user_with_id(&self, model: &Model, user: UserId) -> String {
        let name = self.user(model, user);
        match self.user_id(model, user) {
            Some(id) if id != name => format!("{name} · {id}"),
            _ => name,
        }
    }

    /// Free text that may name people (a note typed by someone, a finding's message): people's
    /// names and ids replaced by their labels while hidden (whole words only, by the engine).
    pub fn text(&self, text: &str) -> String {
        self.hidden.with(|h| match h {
            Some(h) => h.labels.apply(text),
            None => text.to_string(),
        })
    }

    /// The model to ask the engine for sentences about `model`: `model` itself, or while names
    /// are hidden, its pseudonymised view (same users in the same places, labels for names).
    pub fn model(&self, model: &Arc<Model>) -> Arc<Model> {
        self.hidden.with(|h| match h {
            None => Arc::clone(model),
            Some(h) if Arc::ptr_eq(&h.source, model) => {
                Arc::clone(h.view.get_or_init(|| Arc::new(h.labels.model(&h.source))))
            }
            Some(_) => Arc::new(Pseudonyms::new(model).model(model)),
        })
    }
}

/// The names helper, from context.
pub fn use_names() -> Names {
    expect_context::<Names>()
}
