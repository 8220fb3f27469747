//! What the spec asks for, per address, as flat JSON attributes: the
//! values a plan compares with the state and an apply writes into it.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use skyplan_model::traffic::{Protocol, canonical_ports, parse_ports, parse_protocol};
use skyplan_model::{Cidr, Model, NaclEntry, Ref, SgRule};
use skyplan_spec::{InstanceState, Kind, Sp, Word};

/// One resource the stack wants, with its configured attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct Desired {
    pub address: String,
    pub kind: Kind,
    pub name: String,
    pub index: Option<u32>,
    pub attributes: BTreeMap<String, Value>,
    /// Addresses that must exist before this resource (they order creation).
    pub dependencies: Vec<String>,
    /// Addresses named by security group rules. They do not order creation
    /// (AWS authorises rules after the groups exist, so two groups may name
    /// each other), but a replaced group updates the groups that name it.
    pub rule_references: Vec<String>,
}

fn cidr_text<N>(c: &Cidr<N>) -> Value {
    json!(c.text.value)
}

fn tags(t: &BTreeMap<String, String>) -> Value {
    json!(t)
}

struct Builder<'m> {
    m: &'m Model,
    attrs: BTreeMap<String, Value>,
    deps: Vec<String>,
    rule_refs: Vec<String>,
}

impl Builder<'_> {
    fn set(&mut self, key: &str, value: Value) {
        self.attrs.insert(key.to_string(), value);
    }

    fn opt<T: Into<Value>>(&mut self, key: &str, value: Option<T>) {
        if let Some(v) = value {
            self.set(key, v.into());
        }
    }

    /// A reference attribute: the target's address, recorded as a dependency.
    fn reference(&mut self, address: &str) -> Value {
        if !self.deps.iter().any(|d| d == address) {
            self.deps.push(address.to_string());
        }
        json!(address)
    }

    fn vpc(&mut self, r: Ref) -> Value {
        let a = self.m.vpcs[r.id].common.address.clone();
        self.reference(&a)
    }
    fn subnet(&mut self, r: Ref) -> Value {
        let a = self.m.subnets[r.id].common.address.clone();
        self.reference(&a)
    }
    fn subnets(&mut self, refs: &[Ref]) -> Value {
        Value::Array(refs.iter().map(|r| self.subnet(*r)).collect())
    }
    fn eip(&mut self, r: Ref) -> Value {
        let a = self.m.elastic_ips[r.id].common.address.clone();
        self.reference(&a)
    }
    fn security_group(&mut self, r: Ref) -> Value {
        let a = self.m.security_groups[r.id].common.address.clone();
        self.reference(&a)
    }

    fn sg_rule(&mut self, rule: &SgRule, own: usize) -> Value {
        let mut o = Map::new();
        traffic(&mut o, &rule.protocol, rule.ports.as_ref());
        if let Some(t) = &rule.icmp_type {
            o.insert("icmp_type".into(), json!(t.value));
        }
        if let Some(c) = &rule.icmp_code {
            o.insert("icmp_code".into(), json!(c.value));
        }
        if let Some(c) = &rule.cidr {
            o.insert("cidr".into(), cidr_text(c));
        }
        if let Some(c) = &rule.cidrs {
            o.insert("cidrs".into(), c.value.iter().map(cidr_text).collect());
        }
        match rule.security_group {
            // A group naming itself is `self` for AWS, and no dependency.
            Some(g) if g.id == own => {
                o.insert("self".into(), json!(true));
            }
            Some(g) => {
                let address = self.m.security_groups[g.id].common.address.clone();
                o.insert("security_group".into(), json!(address));
                if !self.rule_refs.contains(&address) {
                    self.rule_refs.push(address);
                }
            }
            None => {}
        }
        if rule.self_.as_ref().is_some_and(|s| s.value) {
            o.insert("self".into(), json!(true));
        }
        if let Some(d) = &rule.description {
            o.insert("description".into(), json!(d.value));
        }
        Value::Object(o)
    }
}

/// Protocol and ports in AWS's canonical spelling, so that `protocol: 6,
/// ports: 3128-3128` and `protocol: tcp, ports: 3128` plan as no change, and
/// ports AWS ignores (every port, on a protocol without ports) are dropped.
/// Values the checks refused cannot reach a plan; they are kept as written.
fn traffic(o: &mut Map<String, Value>, protocol: &Sp<String>, ports: Option<&Sp<String>>) {
    let parsed = parse_protocol(&protocol.value);
    let name = parsed.map_or_else(|| protocol.value.clone(), Protocol::canonical);
    o.insert("protocol".into(), json!(name));
    let Some(p) = ports else { return };
    match (parsed, parse_ports(&p.value)) {
        (Some(proto), Ok(range)) if proto.has_ports() => {
            o.insert("ports".into(), json!(canonical_ports(range)));
        }
        (Some(_), Ok(_)) => {}
        _ => {
            o.insert("ports".into(), json!(p.value));
        }
    }
}

fn nacl_entry(e: &NaclEntry) -> Value {
    let mut o = Map::new();
    o.insert("rule".into(), json!(e.rule.value));
    o.insert(
        "action".into(),
        json!(if e.allow { "allow" } else { "deny" }),
    );
    traffic(&mut o, &e.protocol, e.ports.as_ref());
    if let Some(t) = &e.icmp_type {
        o.insert("icmp_type".into(), json!(t.value));
    }
    if let Some(c) = &e.icmp_code {
        o.insert("icmp_code".into(), json!(c.value));
    }
    o.insert("cidr".into(), cidr_text(&e.cidr));
    Value::Object(o)
}

/// Every resource of the model, in creation order (dependencies first).
pub fn desired(m: &Model) -> Vec<Desired> {
    let g = &m.graph;
    g.creation_order()
        .into_iter()
        .map(|n| {
            let node = g.node(n);
            let (kind, id) = (node.resource.kind, node.resource.id);
            let mut b = Builder {
                m,
                attrs: BTreeMap::new(),
                deps: Vec::new(),
                rule_refs: Vec::new(),
            };
            let (name, index, tags_value) = fill(&mut b, kind, id);
            b.set("tags", tags_value);
            Desired {
                address: node.address.clone(),
                kind,
                name,
                index,
                attributes: b.attrs,
                dependencies: b.deps,
                rule_references: b.rule_refs,
            }
        })
        .collect()
}

/// Sets the attributes of one resource; returns its name, index and tags.
fn fill(b: &mut Builder, kind: Kind, id: usize) -> (String, Option<u32>, Value) {
    let m = b.m;
    match kind {
        Kind::Vpc => {
            let r = &m.vpcs[id];
            b.set("cidr", cidr_text(&r.cidr));
            b.opt("region", r.region.as_ref().map(|s| s.value.clone()));
            b.set(
                "secondary_cidrs",
                r.secondary_cidrs.iter().map(cidr_text).collect(),
            );
            b.set("dns_support", json!(r.dns_support));
            b.set("dns_hostnames", json!(r.dns_hostnames));
            b.set("tenancy", json!(r.tenancy.as_str()));
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::Subnet => {
            let r = &m.subnets[id];
            let v = b.vpc(r.vpc);
            b.set("vpc", v);
            b.set("cidr", cidr_text(&r.cidr));
            b.set("az", json!(r.az.value));
            b.set("public_ip_on_launch", json!(r.public_ip_on_launch));
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::InternetGateway => {
            let r = &m.internet_gateways[id];
            let v = b.vpc(r.vpc);
            b.set("vpc", v);
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::ElasticIp => {
            let r = &m.elastic_ips[id];
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::NatGateway => {
            let r = &m.nat_gateways[id];
            let v = b.subnet(r.subnet);
            b.set("subnet", v);
            if let Some(e) = r.elastic_ip {
                let v = b.eip(e);
                b.set("elastic_ip", v);
            }
            b.set(
                "connectivity",
                json!(if r.public { "public" } else { "private" }),
            );
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::RouteTable => {
            let r = &m.route_tables[id];
            let v = b.vpc(r.vpc);
            b.set("vpc", v);
            b.set("main", json!(r.is_main()));
            let routes = r
                .routes
                .iter()
                .map(|route| {
                    let mut o = Map::new();
                    o.insert("destination".into(), cidr_text(&route.destination));
                    for (kind, target) in &route.targets {
                        let address = match kind {
                            skyplan_spec::RouteTargetKind::InternetGateway => {
                                &m.internet_gateways[target.id].common.address
                            }
                            skyplan_spec::RouteTargetKind::NatGateway => {
                                &m.nat_gateways[target.id].common.address
                            }
                            skyplan_spec::RouteTargetKind::VpcPeering => {
                                &m.vpc_peerings[target.id].common.address
                            }
                            skyplan_spec::RouteTargetKind::Instance => {
                                &m.instances[target.id].address
                            }
                        }
                        .clone();
                        o.insert(kind.key().into(), b.reference(&address));
                    }
                    Value::Object(o)
                })
                .collect();
            b.set("routes", routes);
            let s = b.subnets(&r.subnets);
            b.set("subnets", s);
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::SecurityGroup => {
            let r = &m.security_groups[id];
            let v = b.vpc(r.vpc);
            b.set("vpc", v);
            b.set("description", json!(r.description_text()));
            let ingress = r.ingress.iter().map(|x| b.sg_rule(x, id)).collect();
            b.set("ingress", ingress);
            let egress = match &r.egress {
                // AWS's default outbound rule.
                None => json!([{"protocol": "all", "cidr": "0.0.0.0/0"}]),
                Some(rules) => rules.iter().map(|x| b.sg_rule(x, id)).collect(),
            };
            b.set("egress", egress);
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::NetworkAcl => {
            let r = &m.network_acls[id];
            let v = b.vpc(r.vpc);
            b.set("vpc", v);
            let s = b.subnets(&r.subnets);
            b.set("subnets", s);
            b.set("ingress", r.ingress.iter().map(nacl_entry).collect());
            b.set("egress", r.egress.iter().map(nacl_entry).collect());
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::VpcPeering => {
            let r = &m.vpc_peerings[id];
            let v = b.vpc(r.vpc);
            b.set("vpc", v);
            let p = b.vpc(r.peer_vpc);
            b.set("peer_vpc", p);
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::VpcEndpoint => {
            let r = &m.vpc_endpoints[id];
            let v = b.vpc(r.vpc);
            b.set("vpc", v);
            b.set("service", json!(r.service.value.as_str()));
            let tables: Vec<Value> = r
                .route_tables
                .iter()
                .map(|t| {
                    let a = m.route_tables[t.id].common.address.clone();
                    b.reference(&a)
                })
                .collect();
            b.set("route_tables", Value::Array(tables));
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
        Kind::Instance => {
            let r = &m.instances[id];
            let g = &m.instance_groups[r.group];
            let v = b.subnet(r.subnet);
            b.set("subnet", v);
            b.set("ami", json!(g.ami.value));
            b.set("type", json!(g.instance_type.value));
            let sgs: Vec<Value> = g
                .security_groups
                .iter()
                .map(|s| b.security_group(*s))
                .collect();
            b.set("security_groups", Value::Array(sgs));
            b.opt("private_ip", g.private_ip.as_ref().map(|p| p.value.clone()));
            let public = g
                .public_ip
                .as_ref()
                .map_or(m.subnets[r.subnet.id].public_ip_on_launch, |p| p.value);
            b.set("public_ip", json!(public));
            if let Some(e) = g.elastic_ip {
                let v = b.eip(e);
                b.set("elastic_ip", v);
                // AWS associates an elastic IP only once the VPC's internet
                // gateway is attached (Gateway.NotAttached); destroy in the
                // reverse order.
                let vpc = m.subnets[r.subnet.id].vpc.id;
                for igw in m.internet_gateways.iter().filter(|i| i.vpc.id == vpc) {
                    b.reference(&igw.common.address);
                }
            }
            b.opt("key_name", g.key_name.as_ref().map(|k| k.value.clone()));
            // Only when on, so states from before the attribute plan no change.
            if g.hibernation.as_ref().is_some_and(|h| h.value) {
                b.set("hibernation", json!(true));
            }
            b.opt("user_data", g.user_data.as_ref().map(|u| u.value.clone()));
            b.set(
                "state",
                json!(
                    g.state
                        .as_ref()
                        .map_or(InstanceState::Running, |s| s.value)
                        .as_str()
                ),
            );
            (g.common.name.value.clone(), r.index, tags(&g.common.tags))
        }
        Kind::Volume => {
            let r = &m.volumes[id];
            b.set("az", json!(r.az.value));
            b.set("size_gb", json!(r.size_gb.value));
            b.set("type", json!(r.volume_type.value.as_str()));
            b.opt("iops", r.iops.as_ref().map(|i| i.value));
            b.opt("throughput", r.throughput.as_ref().map(|t| t.value));
            if let Some(a) = &r.attach {
                let instance = m.instances[a.instance.id].address.clone();
                let v = b.reference(&instance);
                b.set("attach", json!({"instance": v, "device": a.device.value}));
            }
            (r.common.name.value.clone(), None, tags(&r.common.tags))
        }
    }
}
