//! The dependency graph: one node per resource (per `count` copy), one
//! edge per reference, from the resource that refers to the resource it
//! refers to, labelled with the field that makes it.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Write;

use foldhash::{HashMap, HashMapExt, HashSet};

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef};
use skyplan_diagnostics::Span;
use skyplan_spec::Kind;

/// A resource in the graph: its kind and its index in the model's list of
/// that kind (for instances, the index of the copy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeRef {
    pub kind: Kind,
    /// The index in the kind's list; outside this crate a node is read as
    /// its typed id (`NodeRef::typed`).
    pub(crate) id: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphNode {
    pub resource: NodeRef,
    pub address: String,
    /// Where the resource is declared (its name).
    pub span: Span,
}

/// Whether an edge orders creation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// The target must exist before the source is created.
    Dependency,
    /// A security group rule naming another group. AWS creates groups first
    /// and authorises rules afterwards, so these may form rings (two groups
    /// that allow each other) and do not order creation.
    SecurityGroupRule,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The field that makes the edge, as the user wrote it (`routes[0].nat_gateway`).
    pub field: Cow<'static, str>,
    pub kind: EdgeKind,
    /// Where the reference is written.
    pub span: Span,
}

/// A dependency ring: each node with the edge that leaves it for the next.
pub type Cycle = Vec<(NodeIndex, Edge)>;

#[derive(Debug, Default)]
pub struct DependencyGraph {
    pub graph: DiGraph<GraphNode, Edge>,
    index: HashMap<NodeRef, NodeIndex>,
}

impl DependencyGraph {
    pub fn add_node(&mut self, resource: NodeRef, address: String, span: Span) -> NodeIndex {
        let index = self.graph.add_node(GraphNode {
            resource,
            address,
            span,
        });
        self.index.insert(resource, index);
        index
    }

    /// Adds `from -> to`. Both ends must be nodes already: every node is
    /// added before any edge, and references resolve only to resolved
    /// resources. A missing end is a bug, never a reference to skip.
    pub fn add_edge(&mut self, from: NodeRef, to: NodeRef, edge: Edge) {
        match (self.index.get(&from), self.index.get(&to)) {
            (Some(&a), Some(&b)) => {
                self.graph.add_edge(a, b, edge);
            }
            _ => debug_assert!(
                false,
                "edge `{}` from {from:?} to {to:?}: an end is not in the graph",
                edge.field
            ),
        }
    }

    pub fn node_index(&self, resource: NodeRef) -> Option<NodeIndex> {
        self.index.get(&resource).copied()
    }

    pub fn node(&self, index: NodeIndex) -> &GraphNode {
        &self.graph[index]
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Dependencies before dependents; among ready nodes, declaration order.
    /// Kahn's algorithm over `Dependency` edges, O((n + e) log n). Nodes on a
    /// ring are left out (the ring is reported by [`Self::cycles`]).
    pub fn creation_order(&self) -> Vec<NodeIndex> {
        let g = &self.graph;
        let mut waiting: Vec<usize> = g
            .node_indices()
            .map(|n| self.dependencies(n).count())
            .collect();
        let mut ready: BinaryHeap<Reverse<NodeIndex>> = g
            .node_indices()
            .filter(|n| waiting[n.index()] == 0)
            .map(Reverse)
            .collect();
        let mut order = Vec::with_capacity(g.node_count());
        while let Some(Reverse(n)) = ready.pop() {
            order.push(n);
            for e in g.edges_directed(n, Direction::Incoming) {
                if e.weight().kind == EdgeKind::Dependency {
                    let dependent = e.source();
                    waiting[dependent.index()] -= 1;
                    if waiting[dependent.index()] == 0 {
                        ready.push(Reverse(dependent));
                    }
                }
            }
        }
        order
    }

    /// Dependents before their dependencies: the order of deletion.
    pub fn deletion_order(&self) -> Vec<NodeIndex> {
        let mut order = self.creation_order();
        order.reverse();
        order
    }

    fn dependencies(&self, n: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| e.weight().kind == EdgeKind::Dependency)
            .map(|e| e.target())
    }

    /// Every ring of `Dependency` edges, each as the whole ring in order,
    /// starting at its first-declared node. Tarjan's SCC, O(n + e).
    pub fn cycles(&self) -> Vec<Cycle> {
        let dependencies =
            EdgeFiltered::from_fn(&self.graph, |e| e.weight().kind == EdgeKind::Dependency);
        let mut rings = Vec::new();
        for mut component in tarjan_scc(&dependencies) {
            if component.len() == 1 && !self.has_self_loop(component[0]) {
                continue;
            }
            component.sort();
            let start = component[0];
            rings.push(ring_through(&self.graph, &component, start));
        }
        rings.sort_by_key(|r| r[0].0);
        rings
    }

    fn has_self_loop(&self, n: NodeIndex) -> bool {
        self.graph
            .edges_connecting(n, n)
            .any(|e| e.weight().kind == EdgeKind::Dependency)
    }

    /// The graph in Graphviz DOT.
    pub fn to_dot(&self) -> String {
        let mut out = String::from(
            "digraph skyplan {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n",
        );
        for n in self.graph.node_indices() {
            let _ = writeln!(out, "  \"{}\";", self.graph[n].address);
        }
        for e in self.graph.edge_references() {
            let style = match e.weight().kind {
                EdgeKind::Dependency => "",
                EdgeKind::SecurityGroupRule => ", style=dashed",
            };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"{style}];",
                self.graph[e.source()].address,
                self.graph[e.target()].address,
                e.weight().field
            );
        }
        out.push_str("}\n");
        out
    }

    /// The graph as a Mermaid flowchart.
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("flowchart LR\n");
        for n in self.graph.node_indices() {
            let _ = writeln!(out, "  n{}[\"{}\"]", n.index(), self.graph[n].address);
        }
        for e in self.graph.edge_references() {
            let arrow = match e.weight().kind {
                EdgeKind::Dependency => "-->",
                EdgeKind::SecurityGroupRule => "-.->",
            };
            let _ = writeln!(
                out,
                "  n{} {arrow}|{}| n{}",
                e.source().index(),
                e.weight().field,
                e.target().index()
            );
        }
        out
    }
}

/// A shortest ring of `Dependency` edges from `start` back to itself inside
/// one strongly connected component (breadth-first search, so the ring is
/// short and deterministic).
fn ring_through(g: &DiGraph<GraphNode, Edge>, component: &[NodeIndex], start: NodeIndex) -> Cycle {
    let inside: HashSet<NodeIndex> = component.iter().copied().collect();
    let mut parent: HashMap<NodeIndex, (NodeIndex, Edge)> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let mut edges: Vec<_> = g
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| e.weight().kind == EdgeKind::Dependency)
            .collect();
        edges.sort_by_key(|e| e.target());
        for e in edges {
            let t = e.target();
            if !inside.contains(&t) || parent.contains_key(&t) {
                continue;
            }
            parent.insert(t, (n, e.weight().clone()));
            if t == start {
                queue.clear();
                break;
            }
            queue.push_back(t);
        }
    }
    let mut ring = Vec::new();
    let mut at = start;
    loop {
        let (from, edge) = parent[&at].clone();
        ring.push((from, edge));
        at = from;
        if at == start {
            break;
        }
    }
    ring.reverse();
    ring
}

#[cfg(test)]
mod tests {
    use super::*;
    use skyplan_diagnostics::FileId;

    fn span() -> Span {
        Span::new(FileId(0), 0, 0)
    }

    fn graph(edges: &[(usize, usize, EdgeKind)], nodes: usize) -> DependencyGraph {
        let mut g = DependencyGraph::default();
        for i in 0..nodes {
            g.add_node(
                NodeRef {
                    kind: Kind::Vpc,
                    id: i,
                },
                format!("vpc.v{i}"),
                span(),
            );
        }
        for &(a, b, kind) in edges {
            let r = |id| NodeRef {
                kind: Kind::Vpc,
                id,
            };
            g.add_edge(
                r(a),
                r(b),
                Edge {
                    field: format!("f{a}{b}").into(),
                    kind,
                    span: span(),
                },
            );
        }
        g
    }

    #[test]
    fn creation_order_puts_dependencies_first_and_is_stable() {
        // v0 -> v2, v1 -> v2: v2 first, then v0, v1 in declaration order.
        let g = graph(
            &[(0, 2, EdgeKind::Dependency), (1, 2, EdgeKind::Dependency)],
            3,
        );
        let order: Vec<usize> = g.creation_order().iter().map(|n| n.index()).collect();
        assert_eq!(order, vec![2, 0, 1]);
        let del: Vec<usize> = g.deletion_order().iter().map(|n| n.index()).collect();
        assert_eq!(del, vec![1, 0, 2]);
    }

    #[test]
    fn a_ring_is_reported_whole_with_its_fields() {
        let g = graph(
            &[
                (0, 1, EdgeKind::Dependency),
                (1, 2, EdgeKind::Dependency),
                (2, 0, EdgeKind::Dependency),
                (3, 0, EdgeKind::Dependency),
            ],
            4,
        );
        let rings = g.cycles();
        assert_eq!(rings.len(), 1);
        let fields: Vec<&str> = rings[0].iter().map(|(_, e)| e.field.as_ref()).collect();
        assert_eq!(fields, vec!["f01", "f12", "f20"]);
        assert_eq!(
            g.creation_order().len(),
            0,
            "nothing on or behind a ring is ready"
        );
    }

    #[test]
    fn security_group_rule_rings_are_allowed() {
        let g = graph(
            &[
                (0, 1, EdgeKind::SecurityGroupRule),
                (1, 0, EdgeKind::SecurityGroupRule),
            ],
            2,
        );
        assert!(g.cycles().is_empty());
        assert_eq!(g.creation_order().len(), 2);
    }

    #[test]
    fn a_self_loop_is_a_ring() {
        let g = graph(&[(0, 0, EdgeKind::Dependency)], 1);
        assert_eq!(g.cycles().len(), 1);
    }
}
