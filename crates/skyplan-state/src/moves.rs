//! Moving objects to another address (`moved:` blocks, `state mv`): the
//! object keeps its id and attributes; every reference to its old address,
//! in every object of the state, points at the new one. Nothing is
//! destroyed or created.

use std::collections::{BTreeSet, HashMap, HashSet};

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

/// A move that cannot be made: its `from`, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveRefused {
    pub from: Address,
    pub why: MoveError,
}

/// What [`State::move_all`] did.
#[derive(Debug)]
pub struct MovesMade<'m> {
    /// The moves made (the others were made already).
    pub made: Vec<&'m (Address, Address)>,
    /// Every live address whose value changed.
    pub touched: Vec<Address>,
}

impl State {
    /// Moves the object at `from` to `to` (`state mv`); `from` without an
    /// index moves every copy of a counted resource (`instance.web[1]` to
    /// `instance.app[1]`). Returns every live address whose value changed
    /// (the old addresses, now empty, included), for the journal.
    pub fn move_address(
        &mut self,
        from: &Address,
        to: &Address,
    ) -> Result<Vec<Address>, MoveError> {
        let pairs = self.move_pairs(from, to)?;
        self.make_pairs(&pairs)
    }

    /// Makes every move whose `from` the state has, all at once (so `a ->
    /// b` with `b -> c` moves both objects); one whose `from` it does not
    /// have was made already and is skipped. Returns the moves made and
    /// the addresses touched; on a refusal, the move's `from` and why,
    /// the state untouched.
    pub fn move_all<'m>(
        &mut self,
        moves: &'m [(Address, Address)],
    ) -> Result<MovesMade<'m>, Box<MoveRefused>> {
        let mut made = Vec::new();
        let mut pairs = Vec::new();
        for m in moves {
            match self.move_pairs(&m.0, &m.1) {
                Ok(p) => {
                    made.push(m);
                    pairs.extend(p.into_iter().map(|pair| (pair, &m.0)));
                }
                Err(MoveError::NotFound(_)) => {}
                Err(why) => {
                    return Err(Box::new(MoveRefused {
                        from: m.0.clone(),
                        why,
                    }));
                }
            }
        }
        let (pairs, froms): (Vec<(Address, Address)>, Vec<&Address>) = pairs.into_iter().unzip();
        let touched = self.make_pairs(&pairs).map_err(|why| {
            let at = match &why {
                MoveError::Occupied(taken) => pairs.iter().position(|(_, new)| new == taken),
                _ => None,
            };
            let from = at.map_or_else(|| froms[0].clone(), |i| froms[i].clone());
            Box::new(MoveRefused { from, why })
        })?;
        Ok(MovesMade { made, touched })
    }

    /// The (old, new) addresses a move takes.
    fn move_pairs(
        &self,
        from: &Address,
        to: &Address,
    ) -> Result<Vec<(Address, Address)>, MoveError> {
        if from.kind != to.kind {
            return Err(MoveError::KindDiffers {
                from: from.clone(),
                to: to.clone(),
            });
        }
        if self.resources.contains_key(from) {
            return Ok(vec![(from.clone(), to.clone())]);
        }
        // The copies of a counted resource sort together, by index.
        let copies: Vec<Address> = match from.index {
            Some(_) => Vec::new(),
            None => self
                .resources
                .range(
                    Address::new(from.kind, from.name.clone(), Some(0))
                        ..=Address::new(from.kind, from.name.clone(), Some(u32::MAX)),
                )
                .map(|(a, _)| a)
                .filter(|a| a.kind == from.kind && a.name == from.name)
                .cloned()
                .collect(),
        };
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

    /// Moves every (old, new) pair at once, then points every reference
    /// at the new addresses in one walk of the state.
    fn make_pairs(&mut self, pairs: &[(Address, Address)]) -> Result<Vec<Address>, MoveError> {
        let leaving: HashSet<&Address> = pairs.iter().map(|(old, _)| old).collect();
        let mut arriving: HashSet<&Address> = HashSet::new();
        for (_, new) in pairs {
            let taken = self.resources.contains_key(new) && !leaving.contains(new);
            if taken || !arriving.insert(new) {
                return Err(MoveError::Occupied(new.clone()));
            }
        }
        let mut touched = BTreeSet::new();
        let objects: Vec<_> = (pairs.iter())
            .filter_map(|(old, new)| Some((self.resources.remove(old)?, new)))
            .collect();
        for (mut object, new) in objects {
            touched.insert(object.address.clone());
            object.address = new.clone();
            touched.insert(new.clone());
            self.resources.insert(new.clone(), object);
        }
        let renames = Renames::of(pairs);
        for object in self.resources.values_mut() {
            if renames.apply(&mut object.dependencies, &mut object.attributes) {
                touched.insert(object.address.clone());
            }
        }
        for object in self.deposed.iter_mut().chain(self.released.iter_mut()) {
            if let Some(new) = renames.addresses.get(&object.address) {
                object.address = (*new).clone();
            }
            renames.apply(&mut object.dependencies, &mut object.attributes);
        }
        Ok(touched.into_iter().collect())
    }
}

/// Old addresses to new ones, as addresses and as the text attributes
/// hold them by.
struct Renames<'a> {
    addresses: HashMap<&'a Address, &'a Address>,
    texts: HashMap<String, String>,
}

impl<'a> Renames<'a> {
    fn of(pairs: &'a [(Address, Address)]) -> Renames<'a> {
        Renames {
            addresses: pairs.iter().map(|(old, new)| (old, new)).collect(),
            texts: (pairs.iter())
                .map(|(old, new)| (old.to_string(), new.to_string()))
                .collect(),
        }
    }

    /// Points an object's references at the new addresses; whether any
    /// changed.
    fn apply(&self, dependencies: &mut [Address], attributes: &mut Attributes) -> bool {
        let mut changed = false;
        for d in dependencies.iter_mut() {
            if let Some(new) = self.addresses.get(d) {
                *d = (*new).clone();
                changed = true;
            }
        }
        // References are addresses in the attributes, written as their
        // text; tags are the user's own words and never one.
        let mut map = attributes.to_map();
        let mut renamed = false;
        for (key, value) in map.iter_mut() {
            if key != "tags" {
                renamed |= self.replace_text(value);
            }
        }
        if renamed && let Ok(moved) = Attributes::from_map(attributes.kind(), map) {
            *attributes = moved;
            changed = true;
        }
        changed
    }

    fn replace_text(&self, value: &mut Value) -> bool {
        match value {
            Value::String(s) => match self.texts.get(s.as_str()) {
                Some(new) => {
                    *s = new.clone();
                    true
                }
                None => false,
            },
            Value::Array(items) => items
                .iter_mut()
                .fold(false, |changed, v| self.replace_text(v) | changed),
            Value::Object(map) => map
                .values_mut()
                .fold(false, |changed, v| self.replace_text(v) | changed),
            Value::Null | Value::Bool(_) | Value::Number(_) => false,
        }
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
            attributes: Attributes::InternetGateway(Box::new(InternetGateway {
                tags: Default::default(),
                vpc: vpc.clone(),
            })),
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
    fn moves_are_made_at_once_and_made_ones_skipped() {
        let mut state = State::new("l".into());
        state.put(vpc("a"));
        state.put(vpc("b"));
        let v = |n: &str| Address::new(Kind::Vpc, n, None);
        // b -> c and a -> b together: both objects move; gone -> x was made.
        let moves = [(v("a"), v("b")), (v("b"), v("c")), (v("gone"), v("x"))];
        let made = state.move_all(&moves).unwrap();
        assert_eq!(made.made.len(), 2);
        assert_eq!(state.get(&v("b")).unwrap().id, "vpc-a");
        assert_eq!(state.get(&v("c")).unwrap().id, "vpc-b");
        assert!(state.get(&v("a")).is_none());
        // Two moves to one address: refused, nothing moved.
        let before = state.clone();
        let refused = state
            .move_all(&[(v("b"), v("d")), (v("c"), v("d"))])
            .unwrap_err();
        assert_eq!(refused.why, MoveError::Occupied(v("d")));
        assert_eq!(state, before);
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
