//! A record's parent links, kept without an allocation for the usual zero or one.
//!
//! Nearly every generated or imported record has at most one lookup filled in (a contact's
//! account, a note's regarding record). A `Vec` would cost every such record a heap block of
//! 32 bytes under glibc's allocator; at a million records that is a sixth of the dataset's memory.

use std::ops::{Deref, DerefMut};

use crate::model::{RecordId, RelationshipId};

/// One parent link: the relationship (the child's lookup) and the parent record.
pub type ParentLink = (RelationshipId, RecordId);

/// The parent links of one record, in the order they were added. Reads as a slice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Parents {
    /// No parent.
    #[default]
    None,
    /// One parent, stored inline.
    One(ParentLink),
    /// Two or more parents.
    Many(Vec<ParentLink>),
}

impl Parents {
    /// Adds a link after the existing ones.
    pub fn push(&mut self, link: ParentLink) {
        *self = match std::mem::take(self) {
            Parents::None => Parents::One(link),
            Parents::One(first) => Parents::Many(vec![first, link]),
            Parents::Many(mut links) => {
                links.push(link);
                Parents::Many(links)
            }
        };
    }

    /// Keeps only the links `keep` accepts, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&ParentLink) -> bool) {
        let kept: Parents = self.iter().copied().filter(|link| keep(link)).collect();
        *self = kept;
    }

    /// Removes every link.
    pub fn clear(&mut self) {
        *self = Parents::None;
    }

    /// Heap bytes held (only for two or more links).
    pub fn heap_bytes(&self) -> usize {
        match self {
            Parents::Many(links) => links.capacity() * std::mem::size_of::<ParentLink>(),
            _ => 0,
        }
    }
}

impl Deref for Parents {
    type Target = [ParentLink];

    fn deref(&self) -> &[ParentLink] {
        match self {
            Parents::None => &[],
            Parents::One(link) => std::slice::from_ref(link),
            Parents::Many(links) => links,
        }
    }
}

impl DerefMut for Parents {
    fn deref_mut(&mut self) -> &mut [ParentLink] {
        match self {
            Parents::None => &mut [],
            Parents::One(link) => std::slice::from_mut(link),
            Parents::Many(links) => links,
        }
    }
}

impl FromIterator<ParentLink> for Parents {
    fn from_iter<I: IntoIterator<Item = ParentLink>>(iter: I) -> Parents {
        let mut iter = iter.into_iter();
        let Some(first) = iter.next() else {
            return Parents::None;
        };
        let Some(second) = iter.next() else {
            return Parents::One(first);
        };
        let mut links = vec![first, second];
        links.extend(iter);
        Parents::Many(links)
    }
}

impl From<Vec<ParentLink>> for Parents {
    fn from(links: Vec<ParentLink>) -> Parents {
        links.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Parents {
    type Item = &'a ParentLink;
    type IntoIter = std::slice::Iter<'a, ParentLink>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Parents {
    type Item = &'a mut ParentLink;
    type IntoIter = std::slice::IterMut<'a, ParentLink>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(rel: u32, rec: usize) -> ParentLink {
        (RelationshipId(rel), RecordId::from_index(rec))
    }

    #[test]
    fn push_keeps_order_through_each_shape() {
        let mut parents = Parents::default();
        assert!(parents.is_empty());
        parents.push(link(0, 1));
        assert_eq!(&*parents, &[link(0, 1)]);
        parents.push(link(1, 2));
        parents.push(link(2, 3));
        assert_eq!(&*parents, &[link(0, 1), link(1, 2), link(2, 3)]);
    }

    #[test]
    fn retain_and_collect_choose_the_smallest_shape() {
        let mut parents: Parents = vec![link(0, 1), link(1, 2)].into();
        parents.retain(|(rel, _)| rel.0 == 1);
        assert_eq!(parents, Parents::One(link(1, 2)));
        parents.retain(|_| false);
        assert_eq!(parents, Parents::None);
        let collected: Parents = [link(0, 1)].into_iter().collect();
        assert_eq!(collected, Parents::One(link(0, 1)));
    }

    #[test]
    fn one_link_is_inline() {
        assert!(std::mem::size_of::<Parents>() <= std::mem::size_of::<Vec<ParentLink>>());
        assert_eq!(Parents::One(link(0, 1)).heap_bytes(), 0);
    }

    #[test]
    fn slices_are_mutable_in_place() {
        let mut parents = Parents::One(link(0, 1));
        for (_, parent) in &mut parents {
            *parent = RecordId::from_index(9);
        }
        assert_eq!(&*parents, &[link(0, 9)]);
    }
}
