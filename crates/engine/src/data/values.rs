//! Column values of one record, packed into one allocation.
//!
//! A million records with a few values each is the largest thing a dataset holds: a
//! `BTreeMap<String, String>` spends a node and two strings per record (≈ 550 MB for the
//! benchmark data), this spends one byte buffer sized to its text (see BENCHMARKS.md).

use std::fmt;

/// `column → value` pairs sorted by column, each column at most once. Layout of the buffer:
/// per pair, the column's length (u32 LE), its bytes, the value's length (u32 LE), its bytes.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Values(Box<[u8]>);

impl Values {
    /// No values.
    pub fn new() -> Values {
        Values::default()
    }

    /// The value of `column`.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.iter().find(|(c, _)| *c == column).map(|(_, v)| v)
    }

    /// Sets `column` to `value` (replacing any value it had).
    pub fn insert(&mut self, column: impl Into<String>, value: impl Into<String>) {
        let (column, value) = (column.into(), value.into());
        let mut pairs: Vec<(&str, &str)> = self.iter().filter(|(c, _)| *c != column).collect();
        pairs.push((&column, &value));
        *self = Values::pack(pairs);
    }

    /// Removes every value.
    pub fn clear(&mut self) {
        self.0 = Box::default();
    }

    /// Number of columns with a value.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether no column has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The columns with a value, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(c, _)| c)
    }

    /// The values, in column order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(_, v)| v)
    }

    /// `(column, value)` pairs, sorted by column.
    pub fn iter(&self) -> Iter<'_> {
        Iter { rest: &self.0 }
    }

    /// Heap bytes held (for memory estimates).
    pub fn heap_bytes(&self) -> usize {
        self.0.len()
    }

    fn pack(mut pairs: Vec<(&str, &str)>) -> Values {
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        pairs.dedup_by(|later, earlier| later.0 == earlier.0);
        let size = pairs.iter().map(|(c, v)| 8 + c.len() + v.len()).sum();
        let mut buf = Vec::with_capacity(size);
        for (c, v) in pairs {
            for text in [c, v] {
                let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
                buf.extend_from_slice(&len.to_le_bytes());
                buf.extend_from_slice(text.as_bytes());
            }
        }
        Values(buf.into_boxed_slice())
    }
}

/// Later pairs win over earlier ones with the same column, as in a map.
impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Values {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Values {
        let owned: Vec<(K, V)> = iter.into_iter().collect();
        let mut pairs: Vec<(&str, &str)> = owned
            .iter()
            .rev()
            .map(|(c, v)| (c.as_ref(), v.as_ref()))
            .collect();
        // Stable sort keeps the last-given pair first among equals; `pack` keeps the first.
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        Values::pack(pairs)
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Iterator over [`Values`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    rest: &'a [u8],
}

impl<'a> Iter<'a> {
    fn text(&mut self) -> Option<&'a str> {
        let (len, rest) = self.rest.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        let (text, rest) = rest.split_at_checked(len)?;
        self.rest = rest;
        // Only `pack` writes the buffer, from `&str`s.
        std::str::from_utf8(text).ok()
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let column = self.text()?;
        let value = self.text()?;
        Some((column, value))
    }
}

#[cfg(test)]
mod tests {
    use super::Values;

    #[test]
    fn behaves_like_a_sorted_map() {
        let mut v: Values = [("b", "2"), ("a", "1"), ("b", "3")].into_iter().collect();
        assert_eq!(v.iter().collect::<Vec<_>>(), [("a", "1"), ("b", "3")]);
        assert_eq!(v.get("b"), Some("3"));
        assert_eq!(v.get("c"), None);
        v.insert("c", "é ✓");
        v.insert("a", "");
        assert_eq!(
            v.iter().collect::<Vec<_>>(),
            [("a", ""), ("b", "3"), ("c", "é ✓")]
        );
        assert_eq!(v.len(), 3);
        assert_eq!(v.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        v.clear();
        assert!(v.is_empty());
        assert_eq!(format!("{:?}", Values::new()), "{}");
    }
}
