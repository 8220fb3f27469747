//! The order in which apply carries out a plan's changes.
//!
//! Every operation is a node numbered in the order of the plan's changes
//! (desired resources in creation order, then the state's deletes in
//! address order, then deposed objects sorted), and everything about a node
//! lives in vectors indexed by that number: addresses are hashed once, to
//! find the change of each dependency. A plan of 100,000 creates outgrew
//! the caches when every lookup of the graph hashed an address and chased
//! its name.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use foldhash::{HashMap, HashMapExt};
use skyplan_spec::Address;
use skyplan_state::State;

use crate::plan::{ChangeKind, PlanError, Refusal, ResourceChange, Step, StepAction};

/// The steps of an apply, and for each change the index of its first step
/// (`usize::MAX` for a no-op).
pub(crate) struct Ordered {
    pub(crate) steps: Vec<Step>,
    pub(crate) first_step: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Delete,
    Write,
}

/// Among ready operations: phase (old deletes, writes, late deletes), then
/// rank in declaration or state order, then node number.
type Priority = (u8, usize, u32);

const NONE: u32 = u32::MAX;

/// Orders every operation: a dependency is created before what needs it,
/// a dependent deleted before what it needed, a resource that drops a
/// reference updated before the referenced resource is deleted. Kahn's
/// algorithm over the operations; among ready ones, deletes of old objects
/// first, then creates and updates in declaration order, then the deletes
/// of create-before-destroy replacements.
///
/// `kinds[i]` is how `changes[i]` changes; the changes of desired
/// resources come first, in creation order.
pub(crate) fn order(
    changes: &[ResourceChange],
    kinds: &[ChangeKind],
    state: &State,
) -> Result<Ordered, PlanError> {
    let mut nodes = Nodes::new(changes, kinds);
    if nodes.ops.is_empty() {
        return Ok(Ordered {
            steps: Vec::new(),
            first_step: vec![usize::MAX; changes.len()],
        });
    }
    nodes.rank_deletes(changes, state);
    let graph = Graph::new(&nodes, changes, kinds, state);
    let mut waiting = graph.waiting.clone();
    let mut ready: BinaryHeap<Reverse<Priority>> = (0..nodes.ops.len() as u32)
        .filter(|&n| waiting[n as usize] == 0)
        .map(|n| Reverse(nodes.priority(n, kinds)))
        .collect();
    let mut steps = Vec::with_capacity(nodes.ops.len());
    let mut first_step = vec![usize::MAX; changes.len()];
    while let Some(Reverse((_, _, n))) = ready.pop() {
        let (ci, op) = nodes.ops[n as usize];
        let c = &changes[ci as usize];
        if first_step[ci as usize] == usize::MAX {
            first_step[ci as usize] = steps.len();
        }
        steps.push(step(c, kinds[ci as usize], op, state));
        for &next in graph.after(n) {
            waiting[next as usize] -= 1;
            if waiting[next as usize] == 0 {
                ready.push(Reverse(nodes.priority(next, kinds)));
            }
        }
    }
    // Operations still waiting after the queue ran dry wait on each other;
    // the first by address is named.
    if let Some(ci) = (0..nodes.ops.len())
        .filter(|&n| waiting[n] > 0)
        .map(|n| nodes.ops[n].0 as usize)
        .min_by(|&a, &b| changes[a].key().cmp(&changes[b].key()))
    {
        return Err(PlanError {
            address: changes[ci].address.clone(),
            refusal: Refusal::DependencyRing,
        });
    }
    Ok(Ordered { steps, first_step })
}

fn step(c: &ResourceChange, kind: ChangeKind, op: Op, state: &State) -> Step {
    let action = match (op, kind) {
        (Op::Delete, _) => StepAction::Delete,
        (Op::Write, ChangeKind::Update) => StepAction::Update,
        (Op::Write, _) => StepAction::Create,
    };
    let deposed = match (&c.deposed, op, kind) {
        (Some(id), ..) => Some(id.clone()),
        // The old object of a create-before-destroy replacement is deposed
        // by the time it is deleted.
        (None, Op::Delete, ChangeKind::CreateDelete) => {
            state.get(&c.address).map(|old| old.id.clone())
        }
        (None, ..) => None,
    };
    Step {
        address: c.address.clone(),
        action,
        deposed,
    }
}

/// The operations of the changes, numbered.
struct Nodes<'a> {
    /// Each node's change and operation.
    ops: Vec<(u32, Op)>,
    /// Per change: its write and delete nodes (`NONE` when it has none).
    write: Vec<u32>,
    delete: Vec<u32>,
    /// The change of each live address that changes.
    live: HashMap<&'a Address, u32>,
    /// Per change with a delete: the address's position in the state.
    state_rank: Vec<usize>,
}

impl<'a> Nodes<'a> {
    fn new(changes: &'a [ResourceChange], kinds: &[ChangeKind]) -> Self {
        let mut nodes = Nodes {
            ops: Vec::new(),
            write: vec![NONE; changes.len()],
            delete: vec![NONE; changes.len()],
            live: HashMap::new(),
            state_rank: Vec::new(),
        };
        let changing = kinds.iter().filter(|k| **k != ChangeKind::NoOp).count();
        nodes.ops.reserve(changing);
        nodes.live.reserve(changing);
        for (i, (c, kind)) in changes.iter().zip(kinds).enumerate() {
            let ci = i as u32;
            let ops: &[Op] = match kind {
                ChangeKind::NoOp => continue,
                ChangeKind::Create | ChangeKind::Update => &[Op::Write],
                ChangeKind::Delete => &[Op::Delete],
                ChangeKind::DeleteCreate | ChangeKind::CreateDelete => &[Op::Delete, Op::Write],
            };
            for &op in ops {
                let n = nodes.ops.len() as u32;
                match op {
                    Op::Write => nodes.write[i] = n,
                    Op::Delete => nodes.delete[i] = n,
                }
                nodes.ops.push((ci, op));
            }
            if c.deposed.is_none() {
                nodes.live.insert(&c.address, ci);
            }
        }
        nodes
    }

    /// The position in the state of every address a delete removes
    /// (a deposed object's address may have left the state: 0).
    fn rank_deletes(&mut self, changes: &[ResourceChange], state: &State) {
        if self.delete.iter().all(|&d| d == NONE) {
            return;
        }
        self.state_rank = vec![0; changes.len()];
        let mut deposed: HashMap<&Address, Vec<u32>> = HashMap::new();
        for (i, c) in changes.iter().enumerate() {
            if c.deposed.is_some() {
                deposed.entry(&c.address).or_default().push(i as u32);
            }
        }
        for (rank, address) in state.resources.keys().enumerate() {
            if let Some(&ci) = self.live.get(address) {
                self.state_rank[ci as usize] = rank;
            }
            for &ci in deposed.get(address).into_iter().flatten() {
                self.state_rank[ci as usize] = rank;
            }
        }
    }

    fn priority(&self, n: u32, kinds: &[ChangeKind]) -> Priority {
        let (ci, op) = self.ops[n as usize];
        let ci = ci as usize;
        let in_state = || usize::MAX - self.state_rank[ci];
        match (op, kinds[ci]) {
            (Op::Delete, ChangeKind::CreateDelete) => (2, in_state(), n),
            (Op::Delete, _) => (0, in_state(), n),
            // Writes are desired resources, whose changes come first in
            // creation order.
            (Op::Write, _) => (1, ci, n),
        }
    }

    /// The write node of the live address `a`, if it changes.
    fn write_of(&self, a: &Address) -> u32 {
        self.live.get(a).map_or(NONE, |&ci| self.write[ci as usize])
    }

    fn delete_of(&self, a: &Address) -> u32 {
        self.live
            .get(a)
            .map_or(NONE, |&ci| self.delete[ci as usize])
    }
}

/// The edges between nodes (before -> after), as one list sorted by their
/// first node.
struct Graph {
    /// `targets[start[n]..start[n + 1]]` come after node `n`.
    start: Vec<u32>,
    targets: Vec<u32>,
    /// How many nodes each node comes after.
    waiting: Vec<u32>,
}

impl Graph {
    fn new(nodes: &Nodes, changes: &[ResourceChange], kinds: &[ChangeKind], state: &State) -> Self {
        let mut edges: Vec<(u32, u32)> = Vec::new();
        let mut edge = |from: u32, to: u32| {
            if from != NONE && to != NONE && from != to {
                edges.push((from, to));
            }
        };
        let mut deposed: HashMap<&Address, Vec<u32>> = HashMap::new();
        for (i, c) in changes.iter().enumerate() {
            if c.deposed.is_some() {
                deposed.entry(&c.address).or_default().push(nodes.delete[i]);
            }
        }
        // The plan's last changes delete the deposed objects, in order.
        let first_deposed = changes.len() - state.deposed.len();
        for (old, ci) in state.deposed.iter().zip(first_deposed..) {
            debug_assert_eq!(changes[ci].deposed.as_ref(), Some(&old.id));
            // After the deposed objects that depended on it.
            for dep in &old.dependencies {
                for &other in deposed.get(dep).into_iter().flatten() {
                    edge(nodes.delete[ci], other);
                }
            }
        }
        for (i, (c, kind)) in changes[..first_deposed].iter().zip(kinds).enumerate() {
            if *kind == ChangeKind::NoOp {
                continue;
            }
            let (write, delete) = (nodes.write[i], nodes.delete[i]);
            // Writes after the writes of what they refer to.
            for dep in &c.dependencies {
                edge(nodes.write_of(dep), write);
            }
            match kind {
                ChangeKind::DeleteCreate => edge(delete, write),
                ChangeKind::CreateDelete => edge(write, delete),
                ChangeKind::NoOp | ChangeKind::Create | ChangeKind::Update | ChangeKind::Delete => {
                }
            }
            // Deleting an old object: after deleting the old objects that
            // depended on it, and after updating those that drop it.
            if let Some(old) = state.get(&c.address) {
                for dep in &old.dependencies {
                    let dep_delete = nodes.delete_of(dep);
                    edge(delete, dep_delete);
                    if !c.dependencies.contains(dep) {
                        edge(write, dep_delete);
                    }
                }
            }
        }
        Self::from_edges(nodes.ops.len(), &edges)
    }

    /// Counting sort of the edges by their first node.
    fn from_edges(count: usize, edges: &[(u32, u32)]) -> Self {
        let mut start = vec![0u32; count + 1];
        let mut waiting = vec![0u32; count];
        for &(from, to) in edges {
            start[from as usize + 1] += 1;
            waiting[to as usize] += 1;
        }
        for n in 0..count {
            start[n + 1] += start[n];
        }
        let mut fill = start.clone();
        let mut targets = vec![0u32; edges.len()];
        for &(from, to) in edges {
            targets[fill[from as usize] as usize] = to;
            fill[from as usize] += 1;
        }
        Graph {
            start,
            targets,
            waiting,
        }
    }

    fn after(&self, n: u32) -> &[u32] {
        &self.targets[self.start[n as usize] as usize..self.start[n as usize + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use skyplan_spec::{Address, Kind};
    use skyplan_state::attributes::InternetGateway;
    use skyplan_state::{Attributes, ResourceState, State};

    use crate::plan::{PlanOptions, StepAction, plan};
    use crate::{Desired, Plan};

    /// One gateway: whether the spec and the state have it, the VPC each
    /// attaches it to (a difference changes it), and the lower-numbered
    /// gateways each says it depends on.
    #[derive(Clone, Debug)]
    struct Gateway {
        desired: Option<(u8, Vec<usize>)>,
        stored: Option<(u8, Vec<usize>)>,
    }

    fn address(i: usize) -> Address {
        Address::new(Kind::InternetGateway, format!("g{i}"), None)
    }

    fn attributes(vpc: u8) -> Attributes {
        Attributes::InternetGateway(Box::new(InternetGateway {
            tags: Default::default(),
            vpc: Address::new(Kind::Vpc, format!("v{vpc}"), None),
        }))
    }

    fn gateways() -> impl Strategy<Value = Vec<Gateway>> {
        let side =
            || proptest::option::of((0u8..2, proptest::collection::vec(any::<usize>(), 0..3)));
        proptest::collection::vec((side(), side()), 1..14).prop_map(|sides| {
            // Dependencies point at lower numbers: both the spec and the
            // state are acyclic.
            let lower = |i: usize, s: Option<(u8, Vec<usize>)>| {
                s.map(|(vpc, deps)| {
                    let mut deps: Vec<usize> = deps
                        .into_iter()
                        .filter(|_| i > 0)
                        .map(|d| d % i.max(1))
                        .collect();
                    deps.sort();
                    deps.dedup();
                    (vpc, deps)
                })
            };
            sides
                .into_iter()
                .enumerate()
                .map(|(i, (d, s))| Gateway {
                    desired: lower(i, d),
                    stored: lower(i, s),
                })
                .collect()
        })
    }

    /// `reversed`: the spec's resources listed dependents first, so that
    /// only the graph's edges, not declaration order, keep writes in order.
    fn make(gateways: &[Gateway], reversed: bool) -> Plan {
        let mut desired: Vec<Desired> = gateways
            .iter()
            .enumerate()
            .filter_map(|(i, g)| {
                let (vpc, deps) = g.desired.as_ref()?;
                Some(Desired {
                    address: address(i),
                    attributes: attributes(*vpc),
                    dependencies: deps.iter().map(|&d| address(d)).collect(),
                    rule_references: Vec::new(),
                })
            })
            .collect();
        if reversed {
            desired.reverse();
        }
        let mut state = State::new("lineage".into());
        for (i, g) in gateways.iter().enumerate() {
            if let Some((vpc, deps)) = &g.stored {
                state.put(ResourceState {
                    address: address(i),
                    id: format!("igw-{i}"),
                    attributes: attributes(*vpc),
                    dependencies: deps.iter().map(|&d| address(d)).collect(),
                });
            }
        }
        plan(&desired, Some(&state), &PlanOptions::default(), "s", "d")
            .expect("an acyclic spec and state plan")
    }

    proptest! {
        /// Against the constraints themselves, checked pair by pair.
        #[test]
        fn steps_respect_every_dependency(gateways in gateways(), reversed: bool) {
            let p = make(&gateways, reversed);
            let step = |i: usize, delete: bool| {
                p.apply_order.iter().position(|s| {
                    s.address == address(i) && (s.action == StepAction::Delete) == delete
                })
            };
            let s = &p.summary;
            let replaced = p.resource_changes.iter().filter(|c| c.actions().len() == 2).count();
            prop_assert_eq!(p.apply_order.len(), s.add + s.change + s.destroy - replaced);
            for (i, g) in gateways.iter().enumerate() {
                let desired_deps = g.desired.as_ref().map(|(_, d)| d.clone()).unwrap_or_default();
                if let Some(write) = step(i, false) {
                    for &d in &desired_deps {
                        if let Some(before) = step(d, false) {
                            prop_assert!(before < write, "g{d} is written before g{i}");
                        }
                    }
                }
                for &d in g.stored.iter().flat_map(|(_, deps)| deps) {
                    let Some(gone) = step(d, true) else { continue };
                    if let Some(delete) = step(i, true) {
                        prop_assert!(delete < gone, "g{i} is deleted before g{d}");
                    }
                    if let Some(write) = step(i, false)
                        && !desired_deps.contains(&d)
                    {
                        prop_assert!(write < gone, "g{i} drops g{d} before it goes");
                    }
                }
            }
            prop_assert_eq!(make(&gateways, reversed), p);
        }
    }
}
