//! One node per resource (per `count` copy), one edge per reference.

use skyplan_spec::Kind;

use crate::graph::EdgeKind::{Dependency, SecurityGroupRule};
use crate::model::Model;
use crate::resolve::{edge, node};

/// Builds `m.graph` from the resolved references. Nodes are added in kind
/// order, then declaration order, so node indices are deterministic.
pub(crate) fn build(m: &mut Model) {
    let mut g = std::mem::take(&mut m.graph);
    let add = |g: &mut crate::graph::DependencyGraph, kind, id, c: &crate::model::Common| {
        g.add_node(node(kind, id), c.address.clone(), c.name.span);
    };
    for (i, r) in m.vpcs.iter().enumerate() {
        add(&mut g, Kind::Vpc, i, &r.common);
    }
    for (i, r) in m.subnets.iter().enumerate() {
        add(&mut g, Kind::Subnet, i, &r.common);
        g.add_edge(
            node(Kind::Subnet, i),
            node(Kind::Vpc, r.vpc.id),
            edge("vpc", r.vpc.span, Dependency),
        );
    }
    for (i, r) in m.internet_gateways.iter().enumerate() {
        add(&mut g, Kind::InternetGateway, i, &r.common);
        g.add_edge(
            node(Kind::InternetGateway, i),
            node(Kind::Vpc, r.vpc.id),
            edge("vpc", r.vpc.span, Dependency),
        );
    }
    for (i, r) in m.elastic_ips.iter().enumerate() {
        add(&mut g, Kind::ElasticIp, i, &r.common);
    }
    for (i, r) in m.nat_gateways.iter().enumerate() {
        let me = node(Kind::NatGateway, i);
        add(&mut g, Kind::NatGateway, i, &r.common);
        g.add_edge(
            me,
            node(Kind::Subnet, r.subnet.id),
            edge("subnet", r.subnet.span, Dependency),
        );
        if let Some(e) = r.elastic_ip {
            g.add_edge(
                me,
                node(Kind::ElasticIp, e.id),
                edge("elastic_ip", e.span, Dependency),
            );
        }
    }
    for (i, r) in m.security_groups.iter().enumerate() {
        add(&mut g, Kind::SecurityGroup, i, &r.common);
    }
    for (i, r) in m.security_groups.iter().enumerate() {
        let me = node(Kind::SecurityGroup, i);
        g.add_edge(
            me,
            node(Kind::Vpc, r.vpc.id),
            edge("vpc", r.vpc.span, Dependency),
        );
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
        g.add_edge(
            me,
            node(Kind::Subnet, r.subnet.id),
            edge(field, r.subnet.span, Dependency),
        );
        for sg in &group.security_groups {
            g.add_edge(
                me,
                node(Kind::SecurityGroup, sg.id),
                edge("security_groups", sg.span, Dependency),
            );
        }
        if let Some(e) = group.elastic_ip {
            g.add_edge(
                me,
                node(Kind::ElasticIp, e.id),
                edge("elastic_ip", e.span, Dependency),
            );
        }
    }
    for (i, r) in m.route_tables.iter().enumerate() {
        let me = node(Kind::RouteTable, i);
        add(&mut g, Kind::RouteTable, i, &r.common);
        g.add_edge(
            me,
            node(Kind::Vpc, r.vpc.id),
            edge("vpc", r.vpc.span, Dependency),
        );
        for (k, route) in r.routes.iter().enumerate() {
            for (target_kind, target) in &route.targets {
                let field = format!("routes[{k}].{}", target_kind.key());
                g.add_edge(
                    me,
                    node(target_kind.kind(), target.id),
                    edge(field, target.span, Dependency),
                );
            }
        }
        for s in &r.subnets {
            g.add_edge(
                me,
                node(Kind::Subnet, s.id),
                edge("subnets", s.span, Dependency),
            );
        }
    }
    for (i, r) in m.network_acls.iter().enumerate() {
        let me = node(Kind::NetworkAcl, i);
        add(&mut g, Kind::NetworkAcl, i, &r.common);
        g.add_edge(
            me,
            node(Kind::Vpc, r.vpc.id),
            edge("vpc", r.vpc.span, Dependency),
        );
        for s in &r.subnets {
            g.add_edge(
                me,
                node(Kind::Subnet, s.id),
                edge("subnets", s.span, Dependency),
            );
        }
    }
    for (i, r) in m.vpc_peerings.iter().enumerate() {
        let me = node(Kind::VpcPeering, i);
        add(&mut g, Kind::VpcPeering, i, &r.common);
        g.add_edge(
            me,
            node(Kind::Vpc, r.vpc.id),
            edge("vpc", r.vpc.span, Dependency),
        );
        g.add_edge(
            me,
            node(Kind::Vpc, r.peer_vpc.id),
            edge("peer_vpc", r.peer_vpc.span, Dependency),
        );
    }
    for (i, r) in m.vpc_endpoints.iter().enumerate() {
        let me = node(Kind::VpcEndpoint, i);
        add(&mut g, Kind::VpcEndpoint, i, &r.common);
        g.add_edge(
            me,
            node(Kind::Vpc, r.vpc.id),
            edge("vpc", r.vpc.span, Dependency),
        );
        for t in &r.route_tables {
            g.add_edge(
                me,
                node(Kind::RouteTable, t.id),
                edge("route_tables", t.span, Dependency),
            );
        }
    }
    for (i, r) in m.volumes.iter().enumerate() {
        let me = node(Kind::Volume, i);
        add(&mut g, Kind::Volume, i, &r.common);
        if let Some(a) = &r.attach {
            g.add_edge(
                me,
                node(Kind::Instance, a.instance.id),
                edge("attach.instance", a.instance.span, Dependency),
            );
        }
    }
    m.graph = g;
}
