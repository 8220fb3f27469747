//! A resource's tags once `defaults.tags` are merged in, as the model,
//! desired attributes, plans and states hold them.
//!
//! Most resources of a stack carry the same tags (the defaults): a set is
//! a shared, sorted slice, so a copy is a reference count and a resource
//! with one tag holds one small allocation, not a B-tree node (a
//! `BTreeMap<String, String>` allocates room for 11 pairs, ~540 bytes,
//! for the first key: a third of a 100,000-resource state).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Keys unique and sorted; written as a JSON object.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TagSet(Arc<[(String, String)]>);

impl TagSet {
    pub fn new() -> TagSet {
        TagSet::default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| self.0[i].1.as_str())
    }

    /// By key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// These tags with `over` merged on top (its values win); shares this
    /// set when `over` is empty.
    pub fn merged<'a>(&'a self, over: impl IntoIterator<Item = (&'a str, &'a str)>) -> TagSet {
        let mut over = over.into_iter().peekable();
        if over.peek().is_none() {
            return self.clone();
        }
        let mut map: BTreeMap<&str, &str> = self.iter().collect();
        map.extend(over);
        map.into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    /// The same set as `other` shares `other`'s storage (a state's
    /// resources mostly repeat the previous one's tags).
    pub fn share_with(&mut self, other: &TagSet) {
        if *self == *other {
            *self = other.clone();
        }
    }
}

/// A later value of a repeated key wins, as in a map.
impl FromIterator<(String, String)> for TagSet {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> TagSet {
        let mut pairs: Vec<(String, String)> = iter.into_iter().collect();
        // Stable: equal keys keep their order, and the last one is kept.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.reverse();
        pairs.dedup_by(|later, kept| later.0 == kept.0);
        pairs.reverse();
        TagSet(pairs.into())
    }
}

impl std::fmt::Debug for TagSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for TagSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for TagSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TagSet, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(d)?;
        Ok(map.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(pairs: &[(&str, &str)]) -> TagSet {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn sorted_unique_and_the_last_value_wins() {
        let t = set(&[("b", "1"), ("a", "2"), ("b", "3")]);
        assert_eq!(t.iter().collect::<Vec<_>>(), [("a", "2"), ("b", "3")]);
        assert_eq!(t.get("b"), Some("3"));
        assert_eq!(t.get("c"), None);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn merging_nothing_shares_and_merging_overrides() {
        let defaults = set(&[("env", "dev"), ("team", "net")]);
        let same = defaults.merged([]);
        assert!(Arc::ptr_eq(&same.0, &defaults.0));
        let own = defaults.merged([("env", "prod"), ("app", "web")]);
        assert_eq!(
            own.iter().collect::<Vec<_>>(),
            [("app", "web"), ("env", "prod"), ("team", "net")]
        );
    }

    #[test]
    fn json_is_an_object_sorted_by_key() {
        let t: TagSet = serde_json::from_str(r#"{"z":"1","a":"2"}"#).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"a":"2","z":"1"}"#);
        let mut other = set(&[("a", "2"), ("z", "1")]);
        other.share_with(&t);
        assert!(Arc::ptr_eq(&other.0, &t.0));
    }
}
