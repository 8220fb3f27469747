//! Names for imported resources: the `Name` tag made a valid name
//! (`[A-Za-z0-9][A-Za-z0-9_-]{0,63}`), else the AWS id (always valid),
//! unique within its kind; an id a state already names keeps that name.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use skyplan_spec::{Address, Kind};

use crate::snapshot::Tag;

/// The longest name the spec language takes.
const MAX_NAME: usize = 64;

#[derive(Default)]
pub(crate) struct Names {
    taken: HashMap<Kind, BTreeSet<String>>,
    /// The next suffix to try per kind and base, so a thousand resources
    /// tagged alike take linear time, not quadratic.
    next: HashMap<(Kind, String), usize>,
    known: BTreeMap<String, Address>,
}

impl Names {
    /// Names given to ids before (a state's addresses) are taken first.
    pub(crate) fn new(known: &BTreeMap<String, Address>) -> Names {
        let mut names = Names {
            known: known.clone(),
            ..Names::default()
        };
        for a in known.values() {
            names
                .taken
                .entry(a.kind)
                .or_default()
                .insert(a.name.clone());
        }
        names
    }

    /// The address a state gives `id`, when it is of `kind`.
    pub(crate) fn known(&self, kind: Kind, id: &str) -> Option<&Address> {
        self.known.get(id).filter(|a| a.kind == kind)
    }

    /// A new unique name for a resource of `kind` with these tags.
    pub(crate) fn name(&mut self, kind: Kind, id: &str, tags: &[Tag]) -> String {
        if let Some(a) = self.known(kind, id) {
            return a.name.clone();
        }
        let base = name_tag(tags)
            .and_then(valid_name)
            .unwrap_or_else(|| id.to_string());
        self.unique(kind, base)
    }

    /// A new unique name for a resource whose AWS name is `preferred` (a
    /// load balancer's, a target group's).
    pub(crate) fn named(&mut self, kind: Kind, id: &str, preferred: &str) -> String {
        if let Some(a) = self.known(kind, id) {
            return a.name.clone();
        }
        let base = valid_name(preferred).unwrap_or_else(|| id.to_string());
        self.unique(kind, base)
    }

    /// `base`, or `base-2`, `base-3`... when taken.
    pub(crate) fn unique(&mut self, kind: Kind, base: String) -> String {
        let taken = self.taken.entry(kind).or_default();
        if taken.insert(base.clone()) {
            return base;
        }
        let next = self.next.entry((kind, base.clone())).or_insert(2);
        loop {
            let suffix = format!("-{next}");
            *next += 1;
            let mut candidate = base.clone();
            candidate.truncate(MAX_NAME - suffix.len());
            candidate.push_str(&suffix);
            if taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// The value of the `Name` tag.
pub(crate) fn name_tag(tags: &[Tag]) -> Option<&str> {
    tags.iter()
        .find(|t| t.key == "Name")
        .map(|t| t.value.as_str())
}

/// `text` as a valid name: other characters become `-`, a leading one
/// that is not a letter or digit is dropped, at most 64 characters.
fn valid_name(text: &str) -> Option<String> {
    let mapped: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = mapped.trim_start_matches(['-', '_']);
    let mut name: String = trimmed.chars().take(MAX_NAME).collect();
    while name.ends_with('-') {
        name.pop();
    }
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(v: &str) -> Vec<Tag> {
        vec![Tag {
            key: "Name".into(),
            value: v.into(),
        }]
    }

    #[test]
    fn names_come_from_tags_made_valid_and_unique() {
        let mut n = Names::new(&BTreeMap::new());
        assert_eq!(n.name(Kind::Subnet, "subnet-1", &tag("app a")), "app-a");
        assert_eq!(n.name(Kind::Subnet, "subnet-2", &tag("app/a")), "app-a-2");
        assert_eq!(n.name(Kind::Subnet, "subnet-3", &tag("app-a")), "app-a-3");
        assert_eq!(n.name(Kind::Subnet, "subnet-4", &tag("  ")), "subnet-4");
        assert_eq!(n.name(Kind::Subnet, "subnet-5", &[]), "subnet-5");
        assert_eq!(n.name(Kind::Vpc, "vpc-1", &tag("app-a")), "app-a");
        assert_eq!(n.name(Kind::Vpc, "vpc-2", &tag("ünï")), "n");
        let long = "x".repeat(80);
        assert_eq!(n.name(Kind::Vpc, "vpc-3", &tag(&long)).len(), 64);
        assert_eq!(
            n.name(Kind::Vpc, "vpc-4", &tag(&long)),
            format!("{}-2", "x".repeat(62))
        );
    }

    #[test]
    fn known_ids_keep_their_names() {
        let known = BTreeMap::from([(
            "subnet-1".to_string(),
            "subnet.web".parse::<Address>().unwrap(),
        )]);
        let mut n = Names::new(&known);
        assert_eq!(n.name(Kind::Subnet, "subnet-2", &tag("web")), "web-2");
        assert_eq!(n.name(Kind::Subnet, "subnet-1", &tag("other")), "web");
    }
}
