//! Memoized engine answers: a `Memo` holding an `Arc`, backed by a small map so that switching
//! back to a user (or table, or verb) seen a moment ago costs nothing.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use leptos::prelude::*;

/// An `Arc` compared and hashed by pointer: cheap equality for memos over large results, and a
/// cache key that keeps its target alive (so a freed address is never mistaken for it).
#[derive(Debug, Default)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}

impl<T> Hash for Shared<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(Arc::as_ptr(&self.0), state);
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Shared<T> {
    /// Wraps a fresh value.
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }
}

/// Most answers kept per cached memo; the map is emptied when it fills.
const CAPACITY: usize = 48;

/// A memo of `compute(key)` for the current `key`, remembering earlier keys' answers.
pub fn cached_memo<K, V>(
    key: impl Fn() -> Option<K> + Send + Sync + 'static,
    compute: impl Fn(&K) -> V + Send + Sync + 'static,
) -> Memo<Option<Shared<V>>>
where
    K: Eq + Hash + Clone + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    let store: StoredValue<HashMap<K, Shared<V>>> = StoredValue::new(HashMap::new());
    Memo::new(move |_| {
        let key = key()?;
        if let Some(hit) = store.with_value(|map| map.get(&key).cloned()) {
            return Some(hit);
        }
        let value = Shared::new(compute(&key));
        store.update_value(|map| {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(key, value.clone());
        });
        Some(value)
    })
}
