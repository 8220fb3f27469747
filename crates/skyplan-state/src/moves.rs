//! Moving objects to another address (`moved:` blocks, `state mv`): the
//! object keeps its id and attributes; every reference to its old address,
//! in every object of the state, points at the new one. Nothing is
//! destroyed or created.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::{Address, Attributes, State};

/// Why a move cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveError {
    /// Nothing is at the old address.
    NotFound(Address),
    /// Something is already at the new address.
    Occupied(Address),
    /// An object cannot become one of another kind.
    KindDiffers { from: Address, to: Address },
    /// A single copy cannot take a counted resource's place, or the reverse.
    IndexMismatch { from: Address, to: Address },
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveError::NotFound(a) => write!(f, "the state has nothing at {a}"),
            MoveError::Occupied(a) => write!(f, "the state already has an object at {a}"),
            MoveError::KindDiffers { from, to } => {
                write!(f, "{from} cannot move to {to}: an object keeps its kind")
            }
            MoveError::IndexMismatch { from, to } => write!(
                f,
                "{from} has copies (count): move it to an address without an index, not {to}"
            ),
        }
    }
}

impl std::error::Error for MoveError {}

impl State {
    /// Moves the object at `from` to `to`; `from` without an index moves
    /// every copy of a counted resource (`instance.web[1]` to
    /// `instance.app[1]`). Returns every live address whose value changed
    /// (the old addresses, now empty, included), for the journal.
    pub fn move_address(
        &mut self,
        from: &Address,
        to: &Address,
    ) -> Result<Vec<Address>, MoveError> {
        if from.kind != to.kind {
            return Err(MoveError::KindDiffers {
                from: from.clone(),
                to: to.clone(),
            });
        }
        let pairs = self.move_pairs(from, to)?;
        if let Some((_, taken)) = pairs.iter().find(|(_, t)| self.resources.contains_key(t)) {
            return Err(MoveError::Occupied(taken.clone()));
        }
        let mut touched = BTreeSet::new();
        for (old, new) in &pairs {
            if let Some(mut object) = self.resources.remove(old) {
                object.address = new.clone();
                self.resources.insert(new.clone(), object);
                touched.insert(old.clone());
                touched.insert(new.clone());
            }
        }
        for object in self.resources.values_mut() {
            if pairs.iter().fold(false, |changed, (old, new)| {
                rename(&mut object.dependencies, &mut object.attributes, old, new) | changed
            }) {
                touched.insert(object.address.clone());
            }
        }
        for object in self.deposed.iter_mut().chain(self.released.iter_mut()) {
            for (old, new) in &pairs {
                if &object.address == old {
                    object.address = new.clone();
                }
                rename(&mut object.dependencies, &mut object.attributes, old, new);
            }
        }
        Ok(touched.into_iter().collect())
    }

    /// The (old, new) addresses a move takes.
    fn move_pairs(
        &self,
        from: &Address,
        to: &Address,
    ) -> Result<Vec<(Address, Address)>, MoveError> {
        if self.resources.contains_key(from) {
            return Ok(vec![(from.clone(), to.clone())]);
        }
        let copies: Vec<Address> = self
            .resources
            .keys()
            .filter(|a| from.index.is_none() && a.index.is_some())
            .filter(|a| a.kind == from.kind && a.name == from.name)
            .cloned()
            .collect();
        if copies.is_empty() {
            return Err(MoveError::NotFound(from.clone()));
        }
        if to.index.is_some() {
            return Err(MoveError::IndexMismatch {
                from: from.clone(),
                to: to.clone(),
            });
        }
        Ok(copies
            .into_iter()
            .map(|old| {
                let new = Address::new(to.kind, to.name.clone(), old.index);
                (old, new)
            })
            .collect())
    }
}

/// Points an object's references to `old` at `new`; whether any did.
fn rename(
    dependencies: &mut [Address],
    attributes: &mut Attributes,
    old: &Address,
    new: &Address,
) -> bool {
    let mut changed = false;
    for d in dependencies.iter_mut().filter(|d| *d == old) {
        *d = new.clone();
        changed = true;
    }
    // References are addresses in the attributes, written as their text;
    // tags are the user's own words and never one.
    let (old_text, new_text) = (old.to_string(), new.to_string());
    let mut map = attributes.to_map();
    let mut renamed = false;
    for (key, value) in map.iter_mut() {
        if key != "tags" {
            renamed |= replace_text(value, &old_text, &new_text);
        }
    }
    if renamed && let Ok(moved) = Attributes::from_map(attributes.kind(), map) {
        *attributes = moved;
        changed = true;
    }
    changed
}

fn replace_text(value: &mut Value, old: &str, new: &str) -> bool {
    match value {
        Value::String(s) if s == old => {
            *s = new.to_string();
            true
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, v| replace_text(v, old, new) | changed),
        Value::Object(map) => map
            .values_mut()
            .fold(false, |changed, v| replace_text(v, old, new) | changed),
        Value::String(_) | Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ResourceState;
    use crate::attributes::{InternetGateway, Vpc};
    use skyplan_spec::Kind;

    fn vpc(name: &str) -> ResourceState {
        ResourceState {
            address: Address::new(Kind::Vpc, name, None),
            id: format!("vpc-{name}"),
            attributes: Attributes::from_json(Kind::Vpc, r#"{"cidr": "10.0.0.0/16"}"#).unwrap(),
            dependencies: Vec::new(),
        }
    }

    fn gateway(vpc: &str) -> ResourceState {
        let vpc = Address::new(Kind::Vpc, vpc, None);
        ResourceState {
            address: Address::new(Kind::InternetGateway, "igw", None),
            id: "igw-1".into(),
            attributes: Attributes::InternetGateway(InternetGateway {
                tags: Default::default(),
                vpc: vpc.clone(),
            }),
            dependencies: vec![vpc],
        }
    }

    #[test]
    fn a_move_keeps_the_object_and_points_references_at_it() {
        let mut state = State::new("l".into());
        state.put(vpc("old"));
        state.put(gateway("old"));
        let (from, to) = (
            Address::new(Kind::Vpc, "old", None),
            Address::new(Kind::Vpc, "new", None),
        );
        let touched = state.move_address(&from, &to).unwrap();
        assert_eq!(state.get(&to).unwrap().id, "vpc-old");
        assert!(state.get(&from).is_none());
        let igw = &state.resources[&Address::new(Kind::InternetGateway, "igw", None)];
        assert_eq!(igw.dependencies, vec![to.clone()]);
        assert_eq!(igw.attributes, gateway("new").attributes);
        assert_eq!(touched.len(), 3);
        let _: &Vpc = match &state.get(&to).unwrap().attributes {
            Attributes::Vpc(v) => v,
            other => panic!("{other:?}"),
        };
    }

    #[test]
    fn a_move_never_overwrites_and_needs_an_object() {
        let mut state = State::new("l".into());
        state.put(vpc("a"));
        state.put(vpc("b"));
        let (a, b, c) = (
            Address::new(Kind::Vpc, "a", None),
            Address::new(Kind::Vpc, "b", None),
            Address::new(Kind::Vpc, "c", None),
        );
        let before = state.clone();
        assert_eq!(
            state.move_address(&a, &b),
            Err(MoveError::Occupied(b.clone()))
        );
        assert_eq!(
            state.move_address(&c, &a),
            Err(MoveError::NotFound(c.clone()))
        );
        let igw = Address::new(Kind::InternetGateway, "x", None);
        assert!(matches!(
            state.move_address(&a, &igw),
            Err(MoveError::KindDiffers { .. })
        ));
        assert_eq!(state, before);
    }
}
