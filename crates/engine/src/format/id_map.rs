//! [`IdMap`]: a JSON object keyed by string ids that remembers duplicate keys.
//!
//! A plain `BTreeMap` silently keeps the last of two equal keys, so a hand-edited file with two
//! users called `U7` would lose one without a word. `IdMap` keeps the first definition and
//! records the repeated key; the loader turns each into an issue.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Objects keyed by id, in id order (byte-stable output), with the ids seen more than once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMap<V> {
    entries: BTreeMap<String, V>,
    duplicates: Vec<String>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap {
            entries: BTreeMap::new(),
            duplicates: Vec::new(),
        }
    }
}

impl<V> IdMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Inserts `value` under `id`; a second insert of the same id is recorded as a duplicate and
    /// the first value is kept.
    pub fn insert(&mut self, id: impl Into<String>, value: V) {
        match self.entries.entry(id.into()) {
            std::collections::btree_map::Entry::Occupied(entry) => {
                self.duplicates.push(entry.key().clone());
            }
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(value);
            }
        }
    }

    /// The object with id `id`.
    pub fn get(&self, id: &str) -> Option<&V> {
        self.entries.get(id)
    }

    /// The object with id `id`, mutably.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        self.entries.get_mut(id)
    }

    /// Whether `id` is present.
    pub fn contains_key(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// Entries in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter()
    }

    /// Entries in id order, values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.entries.iter_mut()
    }

    /// Ids in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.keys()
    }

    /// Values in id order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.values()
    }

    /// Number of distinct ids.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ids that appeared more than once, in the order the repeats were met.
    pub fn duplicates(&self) -> &[String] {
        &self.duplicates
    }

    /// Forgets the recorded duplicates (after they have been reported).
    pub fn clear_duplicates(&mut self) {
        self.duplicates.clear();
    }
}

impl<V> FromIterator<(String, V)> for IdMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut map = IdMap::new();
        for (id, value) in iter {
            map.insert(id, value);
        }
        map
    }
}

impl<V: Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.entries.serialize(serializer)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdMapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for IdMapVisitor<V> {
            type Value = IdMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object keyed by id")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = IdMap::new();
                while let Some(id) = access.next_key::<String>()? {
                    let value = access.next_value::<V>()?;
                    map.insert(id, value);
                }
                Ok(map)
            }
        }

        deserializer.deserialize_map(IdMapVisitor(PhantomData))
    }
}

impl<V: JsonSchema> JsonSchema for IdMap<V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        <BTreeMap<String, V>>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <BTreeMap<String, V>>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <BTreeMap<String, V>>::json_schema(generator)
    }
}
