//! One node per resource (per `count` copy), one edge per reference.

use skyplan_diagnostics::Span;
use skyplan_spec::Kind;

use crate::graph::EdgeKind::{Dependency, SecurityGroupRule};
use crate::graph::{DependencyGraph, Edge, EdgeKind, NodeRef};
use crate::kinds::SecurityGroup;
use crate::model::{Id, Model, Node, Ref};

/// Adds the `Dependency` edge `from -> target` made by `field`.
pub(crate) fn depends<T: Node>(
    g: &mut DependencyGraph,
    from: NodeRef,
    target: Ref<T>,
    field: impl Into<std::borrow::Cow<'static, str>>,
) {
    g.add_edge(
        from,
        node_of(target.id),
        edge(field, target.span, Dependency),
    );
}

/// Builds `m.graph` from the resolved references: every node first, kinds
/// by their graph rank in the kind list, then declaration order (so node
/// indices, and with them the order of plans, are deterministic), then
/// every edge, so no reference can point at a node not added yet.
pub(crate) fn build(m: &mut Model) {
    let mut g = std::mem::take(&mut m.graph);
    add_nodes(m, &mut g);
    crate::kinds::add_edges(m, &mut g);
    m.graph = g;
}

/// Every node, kind by kind in the kind list's graph rank.
fn add_nodes(m: &Model, g: &mut DependencyGraph) {
    for kind in Kind::by_graph_rank() {
        if kind == Kind::Instance {
            // One node per copy, declared where its group is.
            for (i, r) in m.instances.iter().enumerate() {
                let group = &m.instance_groups[r.group];
                g.add_node(node(kind, i), r.address.clone(), group.common.name.span);
            }
            continue;
        }
        for (i, c) in m.commons_of(kind).enumerate() {
            g.add_node(node(kind, i), c.address.clone(), c.name.span);
        }
    }
}

/// The edges of a group's rules: `security_group` names another group
/// (a rule reference, which does not order creation), `prefix_list` a list
/// that must exist first.
pub(crate) fn rule_edges(g: &mut DependencyGraph, me: NodeRef, group: &SecurityGroup) {
    let directions = [
        ("ingress", Some(&group.ingress)),
        ("egress", group.egress.as_ref()),
    ];
    for (direction, rules) in directions {
        for (k, rule) in rules.into_iter().flatten().enumerate() {
            if let Some(other) = rule.security_group {
                let field = format!("{direction}[{k}].security_group");
                g.add_edge(
                    me,
                    node_of(other.id),
                    edge(field, other.span, SecurityGroupRule),
                );
            }
            if let Some(list) = rule.prefix_list {
                depends(g, me, list, format!("{direction}[{k}].prefix_list"));
            }
        }
    }
}

/// The graph edge for a reference.
pub(crate) fn edge(
    field: impl Into<std::borrow::Cow<'static, str>>,
    span: Span,
    kind: EdgeKind,
) -> Edge {
    Edge {
        field: field.into(),
        kind,
        span,
    }
}

pub(crate) fn node(kind: Kind, id: usize) -> NodeRef {
    NodeRef { kind, id }
}

/// The graph node of a resource.
pub(crate) fn node_of<T: Node>(id: Id<T>) -> NodeRef {
    node(T::KIND, id.index())
}
