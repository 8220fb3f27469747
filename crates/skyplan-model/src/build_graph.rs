//! One node per resource (per `count` copy), one edge per reference.

use skyplan_spec::Kind;

use crate::graph::EdgeKind::{Dependency, SecurityGroupRule};
use crate::graph::{DependencyGraph, NodeRef};
use crate::model::{Model, Ref};
use crate::resolve::{edge, node};

/// Adds the `Dependency` edge `from -> target` made by `field`.
fn depends(
    g: &mut DependencyGraph,
    from: NodeRef,
    kind: Kind,
    target: Ref,
    field: impl Into<std::borrow::Cow<'static, str>>,
) {
    g.add_edge(
        from,
        node(kind, target.id),
        edge(field, target.span, Dependency),
    );
}

/// Builds `m.graph` from the resolved references. Nodes are added in kind
/// order, then declaration order, so node indices are deterministic.
pub(crate) fn build(m: &mut Model) {
    let mut g = std::mem::take(&mut m.graph);
    let add = |g: &mut DependencyGraph, kind, id, c: &crate::model::Common| {
        g.add_node(node(kind, id), c.address.clone(), c.name.span);
    };
    for (i, r) in m.vpcs.iter().enumerate() {
        add(&mut g, Kind::Vpc, i, &r.common);
    }
    for (i, r) in m.subnets.iter().enumerate() {
        add(&mut g, Kind::Subnet, i, &r.common);
        depends(&mut g, node(Kind::Subnet, i), Kind::Vpc, r.vpc, "vpc");
    }
    for (i, r) in m.internet_gateways.iter().enumerate() {
        add(&mut g, Kind::InternetGateway, i, &r.common);
        depends(
            &mut g,
            node(Kind::InternetGateway, i),
            Kind::Vpc,
            r.vpc,
            "vpc",
        );
    }
    for (i, r) in m.elastic_ips.iter().enumerate() {
        add(&mut g, Kind::ElasticIp, i, &r.common);
    }
    for (i, r) in m.nat_gateways.iter().enumerate() {
        let me = node(Kind::NatGateway, i);
        add(&mut g, Kind::NatGateway, i, &r.common);
        depends(&mut g, me, Kind::Subnet, r.subnet, "subnet");
        if let Some(e) = r.elastic_ip {
            depends(&mut g, me, Kind::ElasticIp, e, "elastic_ip");
        }
    }
    for (i, r) in m.security_groups.iter().enumerate() {
        add(&mut g, Kind::SecurityGroup, i, &r.common);
    }
    for (i, r) in m.security_groups.iter().enumerate() {
        let me = node(Kind::SecurityGroup, i);
        depends(&mut g, me, Kind::Vpc, r.vpc, "vpc");
        let directions = [("ingress", Some(&r.ingress)), ("egress", r.egress.as_ref())];
        for (direction, rules) in directions {
            for (k, rule) in rules.into_iter().flatten().enumerate() {
                if let Some(other) = rule.security_group {
                    let field = format!("{direction}[{k}].security_group");
                    g.add_edge(
                        me,
                        node(Kind::SecurityGroup, other.id),
                        edge(field, other.span, SecurityGroupRule),
                    );
                }
            }
        }
    }
    for (i, r) in m.instances.iter().enumerate() {
        let group = &m.instance_groups[r.group];
        let me = node(Kind::Instance, i);
        g.add_node(me, r.address.clone(), group.common.name.span);
        let field = if group.subnets.len() > 1 {
            "subnets"
        } else {
            "subnet"
        };
        depends(&mut g, me, Kind::Subnet, r.subnet, field);
        for sg in &group.security_groups {
            depends(&mut g, me, Kind::SecurityGroup, *sg, "security_groups");
        }
        if let Some(e) = group.elastic_ip {
            depends(&mut g, me, Kind::ElasticIp, e, "elastic_ip");
        }
    }
    for (i, r) in m.route_tables.iter().enumerate() {
        let me = node(Kind::RouteTable, i);
        add(&mut g, Kind::RouteTable, i, &r.common);
        depends(&mut g, me, Kind::Vpc, r.vpc, "vpc");
        for (k, route) in r.routes.iter().enumerate() {
            for (target_kind, target) in &route.targets {
                let field = format!("routes[{k}].{}", target_kind.key());
                depends(&mut g, me, target_kind.kind(), *target, field);
            }
        }
        for s in &r.subnets {
            depends(&mut g, me, Kind::Subnet, *s, "subnets");
        }
    }
    for (i, r) in m.network_acls.iter().enumerate() {
        let me = node(Kind::NetworkAcl, i);
        add(&mut g, Kind::NetworkAcl, i, &r.common);
        depends(&mut g, me, Kind::Vpc, r.vpc, "vpc");
        for s in &r.subnets {
            depends(&mut g, me, Kind::Subnet, *s, "subnets");
        }
    }
    for (i, r) in m.vpc_peerings.iter().enumerate() {
        let me = node(Kind::VpcPeering, i);
        add(&mut g, Kind::VpcPeering, i, &r.common);
        depends(&mut g, me, Kind::Vpc, r.vpc, "vpc");
        depends(&mut g, me, Kind::Vpc, r.peer_vpc, "peer_vpc");
    }
    for (i, r) in m.vpc_endpoints.iter().enumerate() {
        let me = node(Kind::VpcEndpoint, i);
        add(&mut g, Kind::VpcEndpoint, i, &r.common);
        depends(&mut g, me, Kind::Vpc, r.vpc, "vpc");
        for t in &r.route_tables {
            depends(&mut g, me, Kind::RouteTable, *t, "route_tables");
        }
    }
    for (i, r) in m.volumes.iter().enumerate() {
        let me = node(Kind::Volume, i);
        add(&mut g, Kind::Volume, i, &r.common);
        if let Some(a) = &r.attach {
            depends(&mut g, me, Kind::Instance, a.instance, "attach.instance");
        }
    }
    m.graph = g;
}
