//! One node per resource (per `count` copy), one edge per reference.

use skyplan_diagnostics::Span;
use skyplan_spec::Kind;

use crate::graph::EdgeKind::{Dependency, SecurityGroupRule};
use crate::graph::{DependencyGraph, Edge, EdgeKind, NodeRef};
use crate::model::{
    FlowLogTarget, Id, Model, Node, Ref, RouteDestination, RouteTarget, SecurityGroup,
};

/// Adds the `Dependency` edge `from -> target` made by `field`.
fn depends<T: Node>(
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

/// Builds `m.graph` from the resolved references: every node first, in
/// kind order, then declaration order (so node indices are deterministic),
/// then every edge, so no reference can point at a node not added yet.
pub(crate) fn build(m: &mut Model) {
    let mut g = std::mem::take(&mut m.graph);
    add_nodes(m, &mut g);
    add_edges(m, &mut g);
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
fn rule_edges(g: &mut DependencyGraph, me: NodeRef, group: &SecurityGroup) {
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

fn add_edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.flow_logs.iter().enumerate() {
        let me = node(Kind::FlowLog, i);
        match r.target {
            FlowLogTarget::Vpc(t) => depends(g, me, t, "resource"),
            FlowLogTarget::Subnet(t) => depends(g, me, t, "resource"),
            FlowLogTarget::Instance(t) => depends(g, me, t, "resource"),
        }
    }
    for (i, r) in m.vpcs.iter().enumerate() {
        if let Some(o) = r.dhcp_options {
            depends(g, node(Kind::Vpc, i), o, "dhcp_options");
        }
    }
    for (i, r) in m.subnets.iter().enumerate() {
        depends(g, node(Kind::Subnet, i), r.vpc, "vpc");
    }
    for (i, r) in m.internet_gateways.iter().enumerate() {
        depends(g, node(Kind::InternetGateway, i), r.vpc, "vpc");
    }
    for (i, r) in m.nat_gateways.iter().enumerate() {
        let me = node(Kind::NatGateway, i);
        depends(g, me, r.subnet, "subnet");
        if let Some(e) = r.elastic_ip {
            depends(g, me, e, "elastic_ip");
        }
    }
    for (i, r) in m.security_groups.iter().enumerate() {
        let me = node(Kind::SecurityGroup, i);
        depends(g, me, r.vpc, "vpc");
        rule_edges(g, me, r);
    }
    for (i, r) in m.default_security_groups.iter().enumerate() {
        let me = node(Kind::DefaultSecurityGroup, i);
        depends(g, me, r.group.vpc, "vpc");
        rule_edges(g, me, &r.group);
    }
    for (i, r) in m.default_network_acls.iter().enumerate() {
        depends(g, node(Kind::DefaultNetworkAcl, i), r.acl.vpc, "vpc");
    }
    for (i, r) in m.target_groups.iter().enumerate() {
        let me = node(Kind::TargetGroup, i);
        depends(g, me, r.vpc, "vpc");
        for t in &r.targets {
            depends(g, me, *t, "targets");
        }
    }
    for (i, r) in m.load_balancers.iter().enumerate() {
        let me = node(Kind::LoadBalancer, i);
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
        for sg in &r.security_groups {
            depends(g, me, *sg, "security_groups");
        }
        for (k, l) in r.listeners.iter().enumerate() {
            depends(
                g,
                me,
                l.target_group,
                format!("listeners[{k}].target_group"),
            );
        }
    }
    for (i, r) in m.launch_templates.iter().enumerate() {
        for sg in &r.security_groups {
            depends(g, node(Kind::LaunchTemplate, i), *sg, "security_groups");
        }
    }
    for (i, r) in m.auto_scaling_groups.iter().enumerate() {
        let me = node(Kind::AutoScalingGroup, i);
        depends(g, me, r.launch_template, "launch_template");
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
        for t in &r.target_groups {
            depends(g, me, *t, "target_groups");
        }
    }
    for (i, r) in m.egress_only_internet_gateways.iter().enumerate() {
        depends(g, node(Kind::EgressOnlyInternetGateway, i), r.vpc, "vpc");
    }
    for (i, r) in m.instances.iter().enumerate() {
        let group = &m.instance_groups[r.group];
        let me = node(Kind::Instance, i);
        let field = if group.subnets.len() > 1 {
            "subnets"
        } else {
            "subnet"
        };
        depends(g, me, r.subnet, field);
        for sg in &group.security_groups {
            depends(g, me, *sg, "security_groups");
        }
        if let Some(e) = group.elastic_ip {
            depends(g, me, e, "elastic_ip");
        }
    }
    for (i, r) in m.route_tables.iter().enumerate() {
        let me = node(Kind::RouteTable, i);
        depends(g, me, r.vpc, "vpc");
        for (k, route) in r.routes.iter().enumerate() {
            if let RouteDestination::PrefixList(list) = route.destination {
                depends(g, me, list, format!("routes[{k}].destination_prefix_list"));
            }
            for target in &route.targets {
                let field = format!("routes[{k}].{}", target.kind().key());
                match *target {
                    RouteTarget::InternetGateway(r) => depends(g, me, r, field),
                    RouteTarget::NatGateway(r) => depends(g, me, r, field),
                    RouteTarget::VpcPeering(r) => depends(g, me, r, field),
                    RouteTarget::Instance(r) => depends(g, me, r, field),
                    RouteTarget::EgressOnlyInternetGateway(r) => depends(g, me, r, field),
                }
            }
        }
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
    }
    for (i, r) in m.network_acls.iter().enumerate() {
        let me = node(Kind::NetworkAcl, i);
        depends(g, me, r.vpc, "vpc");
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
    }
    for (i, r) in m.vpc_peerings.iter().enumerate() {
        let me = node(Kind::VpcPeering, i);
        depends(g, me, r.vpc, "vpc");
        depends(g, me, r.peer_vpc, "peer_vpc");
    }
    for (i, r) in m.vpc_endpoints.iter().enumerate() {
        let me = node(Kind::VpcEndpoint, i);
        depends(g, me, r.vpc, "vpc");
        for t in &r.route_tables {
            depends(g, me, *t, "route_tables");
        }
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
        for sg in &r.security_groups {
            depends(g, me, *sg, "security_groups");
        }
    }
    for (i, r) in m.volumes.iter().enumerate() {
        if let Some(a) = &r.attach {
            depends(g, node(Kind::Volume, i), a.instance, "attach.instance");
        }
    }
}

/// The graph edge for a reference.
fn edge(field: impl Into<std::borrow::Cow<'static, str>>, span: Span, kind: EdgeKind) -> Edge {
    Edge {
        field: field.into(),
        kind,
        span,
    }
}

fn node(kind: Kind, id: usize) -> NodeRef {
    NodeRef { kind, id }
}

/// The graph node of a resource.
fn node_of<T: Node>(id: Id<T>) -> NodeRef {
    node(T::KIND, id.index())
}
