//! What the spec asks for, per address, as typed attributes: the values a
//! plan compares with the state and an apply writes into it.

use std::net::Ipv4Addr;

use skyplan_model::traffic::{Protocol, canonical_ports, parse_ports, parse_protocol};
use skyplan_model::{
    Cidr, ElasticIp, FlowLogTarget, Id, Instance, InstanceId, Model, NaclEntry, Ref,
    RouteDestination, RouteTarget, SecurityGroup, SecurityGroupId, SgRule, Subnet, Vpc,
};
use skyplan_spec::{Address, InstanceState, Kind, NatConnectivity, Sp, Word};
use skyplan_state::Attributes;
use skyplan_state::attributes::{self as attrs, RuleAction};

/// One resource the stack wants, with its configured attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct Desired {
    pub address: Address,
    pub attributes: Attributes,
    /// Addresses that must exist before this resource (they order creation).
    pub dependencies: Vec<Address>,
    /// Addresses named by security group rules. They do not order creation
    /// (AWS authorises rules after the groups exist, so two groups may name
    /// each other), but a replaced group updates the groups that name it.
    pub rule_references: Vec<Address>,
}

fn cidr_text<N>(c: &Cidr<N>) -> String {
    c.text.value.clone()
}

/// The address of a declared resource (not an instance copy).
fn declared(kind: Kind, name: &Sp<String>) -> Address {
    Address::new(kind, name.value.clone(), None)
}

struct Builder<'m> {
    m: &'m Model,
    deps: Vec<Address>,
    rule_refs: Vec<Address>,
}

impl Builder<'_> {
    /// A reference attribute: the target's address, recorded as a dependency.
    fn reference(&mut self, address: Address) -> Address {
        if !self.deps.contains(&address) {
            self.deps.push(address.clone());
        }
        address
    }

    fn vpc(&mut self, r: Ref<Vpc>) -> Address {
        self.reference(declared(Kind::Vpc, &self.m.vpcs[r.id].common.name))
    }
    fn subnet(&mut self, r: Ref<Subnet>) -> Address {
        self.reference(declared(Kind::Subnet, &self.m.subnets[r.id].common.name))
    }
    fn subnets(&mut self, refs: &[Ref<Subnet>]) -> Vec<Address> {
        refs.iter().map(|r| self.subnet(*r)).collect()
    }
    fn eip(&mut self, r: Ref<ElasticIp>) -> Address {
        let name = &self.m.elastic_ips[r.id].common.name;
        self.reference(declared(Kind::ElasticIp, name))
    }
    fn security_group(&mut self, r: Ref<SecurityGroup>) -> Address {
        let name = &self.m.security_groups[r.id].common.name;
        self.reference(declared(Kind::SecurityGroup, name))
    }
    fn instance(&mut self, r: Ref<Instance>) -> Address {
        let address = instance_address(self.m, r.id);
        self.reference(address)
    }

    /// A rule of group `own` (`None`: a VPC's default group, which no rule
    /// can name).
    fn sg_rule(&mut self, rule: &SgRule, own: Option<SecurityGroupId>) -> attrs::SgRule {
        let (protocol, ports) = traffic(&rule.protocol, rule.ports.as_ref());
        let mut out = attrs::SgRule {
            cidr: rule.cidr.as_ref().map(cidr_text),
            cidrs: rule
                .cidrs
                .as_ref()
                .map(|c| c.value.iter().map(cidr_text).collect()),
            description: rule.description.as_ref().map(|d| d.value.clone()),
            icmp_code: rule.icmp_code.as_ref().map(|c| c.value),
            icmp_type: rule.icmp_type.as_ref().map(|t| t.value),
            ports,
            prefix_list: rule.prefix_list.map(|p| {
                let name = &self.m.prefix_lists[p.id].common.name;
                self.reference(declared(Kind::PrefixList, name))
            }),
            protocol,
            security_group: None,
            self_: rule.self_.as_ref().is_some_and(|s| s.value),
        };
        match rule.security_group {
            // A group naming itself is `self` for AWS, and no dependency.
            Some(g) if Some(g.id) == own => out.self_ = true,
            Some(g) => {
                let address = declared(
                    Kind::SecurityGroup,
                    &self.m.security_groups[g.id].common.name,
                );
                if !self.rule_refs.contains(&address) {
                    self.rule_refs.push(address.clone());
                }
                out.security_group = Some(address);
            }
            None => {}
        }
        out
    }
}

/// The metadata settings, AWS's defaults where the spec is silent.
fn metadata(spec: Option<&skyplan_spec::MetadataSpec>) -> attrs::Metadata {
    let default = attrs::Metadata::default();
    let Some(spec) = spec else { return default };
    attrs::Metadata {
        hop_limit: spec
            .hop_limit
            .as_ref()
            .map_or(default.hop_limit, |h| h.value),
        http_tokens: match spec.http_tokens.as_ref().map(|t| t.value.as_str()) {
            Some("optional") => attrs::HttpTokens::Optional,
            _ => attrs::HttpTokens::Required,
        },
    }
}

fn instance_address(m: &Model, id: InstanceId) -> Address {
    let copy = &m.instances[id];
    let name = &m.instance_groups[copy.group].common.name;
    Address::new(Kind::Instance, name.value.clone(), copy.index)
}

/// Protocol and ports in AWS's canonical spelling, so that `protocol: 6,
/// ports: 3128-3128` and `protocol: tcp, ports: 3128` plan as no change, and
/// ports AWS ignores (every port, on a protocol without ports) are dropped.
/// Values the checks refused cannot reach a plan; they are kept as written.
fn traffic(protocol: &Sp<String>, ports: Option<&Sp<String>>) -> (String, Option<String>) {
    let parsed = parse_protocol(&protocol.value);
    let name = parsed.map_or_else(|| protocol.value.clone(), Protocol::canonical);
    let ports = ports.and_then(|p| match (parsed, parse_ports(&p.value)) {
        (Some(proto), Ok(range)) if proto.has_ports() => Some(canonical_ports(range)),
        (Some(_), Ok(_)) => None,
        _ => Some(p.value.clone()),
    });
    (name, ports)
}

fn nacl_entry(e: &NaclEntry) -> attrs::NaclEntry {
    let (protocol, ports) = traffic(&e.protocol, e.ports.as_ref());
    attrs::NaclEntry {
        action: if e.allow {
            RuleAction::Allow
        } else {
            RuleAction::Deny
        },
        cidr: cidr_text(&e.cidr),
        icmp_code: e.icmp_code.as_ref().map(|c| c.value),
        icmp_type: e.icmp_type.as_ref().map(|t| t.value),
        ports,
        protocol,
        rule: e.rule.value,
    }
}

/// A root volume as the state holds it, AWS's defaults where the spec is
/// silent.
fn root_volume(r: &skyplan_spec::RootVolumeSpec) -> attrs::RootVolume {
    attrs::RootVolume {
        encrypted: r.encrypted.as_ref().is_some_and(|e| e.value),
        iops: r.iops.as_ref().map(|i| i.value),
        size_gb: r.size_gb.as_ref().map(|s| s.value),
        throughput: r.throughput.as_ref().map(|t| t.value),
        volume_type: r
            .volume_type
            .as_ref()
            .map_or(skyplan_spec::VolumeType::Gp3, |t| t.value),
    }
}

/// Every resource of the model, in creation order (dependencies first).
pub fn desired(m: &Model) -> Vec<Desired> {
    let g = &m.graph;
    g.creation_order()
        .into_iter()
        .map(|n| {
            let node = g.node(n);
            let mut b = Builder {
                m,
                deps: Vec::new(),
                rule_refs: Vec::new(),
            };
            let (address, attributes) = fill(&mut b, node.resource.kind, node.resource.id);
            Desired {
                address,
                attributes,
                dependencies: b.deps,
                rule_references: b.rule_refs,
            }
        })
        .collect()
}

/// The address and attributes of one resource.
fn fill(b: &mut Builder, kind: Kind, id: usize) -> (Address, Attributes) {
    let m = b.m;
    match kind {
        Kind::Vpc => {
            let r = &m.vpcs[id];
            let dhcp_options = r.dhcp_options.map(|o| {
                let name = &m.dhcp_options[o.id].common.name;
                b.reference(declared(Kind::DhcpOptions, name))
            });
            let a = attrs::Vpc {
                cidr: cidr_text(&r.cidr),
                dhcp_options,
                dns_hostnames: r.dns_hostnames,
                dns_support: r.dns_support,
                ipv6: r.ipv6.as_ref().is_some_and(|i| i.value),
                ipv6_cidr: r.ipv6_cidr.as_ref().map(cidr_text),
                ipv6_cidr_block: None,
                region: r.region.as_ref().map(|s| s.value.clone()),
                secondary_cidrs: r.secondary_cidrs.iter().map(cidr_text).collect(),
                tags: r.common.tags.clone(),
                tenancy: r.tenancy,
            };
            (declared(kind, &r.common.name), Attributes::Vpc(a))
        }
        Kind::Subnet => {
            let r = &m.subnets[id];
            let a = attrs::Subnet {
                available_ip_count: None,
                assign_ipv6_on_creation: r
                    .assign_ipv6_on_creation
                    .as_ref()
                    .is_some_and(|a| a.value),
                az: r.az.value.clone(),
                cidr: cidr_text(&r.cidr),
                ipv6_cidr: r.ipv6_cidr.as_ref().map(cidr_text),
                ipv6_cidr_block: None,
                ipv6_index: r.ipv6_index.as_ref().map(|i| i.value),
                public_ip_on_launch: r.public_ip_on_launch,
                tags: r.common.tags.clone(),
                vpc: b.vpc(r.vpc),
            };
            (declared(kind, &r.common.name), Attributes::Subnet(a))
        }
        Kind::InternetGateway => {
            let r = &m.internet_gateways[id];
            let a = attrs::InternetGateway {
                tags: r.common.tags.clone(),
                vpc: b.vpc(r.vpc),
            };
            (
                declared(kind, &r.common.name),
                Attributes::InternetGateway(a),
            )
        }
        Kind::ElasticIp => {
            let r = &m.elastic_ips[id];
            let a = attrs::ElasticIp {
                public_ip_address: None,
                tags: r.common.tags.clone(),
            };
            (declared(kind, &r.common.name), Attributes::ElasticIp(a))
        }
        Kind::NatGateway => {
            let r = &m.nat_gateways[id];
            let subnet = b.subnet(r.subnet);
            let a = attrs::NatGateway {
                connectivity: if r.public {
                    NatConnectivity::Public
                } else {
                    NatConnectivity::Private
                },
                elastic_ip: r.elastic_ip.map(|e| b.eip(e)),
                private_ip_address: None,
                public_ip_address: None,
                subnet,
                tags: r.common.tags.clone(),
            };
            (declared(kind, &r.common.name), Attributes::NatGateway(a))
        }
        Kind::RouteTable => {
            let r = &m.route_tables[id];
            let vpc = b.vpc(r.vpc);
            let routes = r
                .routes
                .iter()
                .map(|route| {
                    let (destination, destination_prefix_list) = match &route.destination {
                        RouteDestination::Cidr(c) => (Some(cidr_text(c)), None),
                        RouteDestination::PrefixList(p) => {
                            let name = &m.prefix_lists[p.id].common.name;
                            (None, Some(b.reference(declared(Kind::PrefixList, name))))
                        }
                    };
                    let mut out = attrs::Route {
                        destination,
                        destination_prefix_list,
                        egress_only_internet_gateway: None,
                        instance: None,
                        internet_gateway: None,
                        nat_gateway: None,
                        vpc_peering: None,
                    };
                    for target in &route.targets {
                        match *target {
                            RouteTarget::InternetGateway(t) => {
                                let name = &m.internet_gateways[t.id].common.name;
                                out.internet_gateway =
                                    Some(b.reference(declared(Kind::InternetGateway, name)));
                            }
                            RouteTarget::NatGateway(t) => {
                                let name = &m.nat_gateways[t.id].common.name;
                                out.nat_gateway =
                                    Some(b.reference(declared(Kind::NatGateway, name)));
                            }
                            RouteTarget::VpcPeering(t) => {
                                let name = &m.vpc_peerings[t.id].common.name;
                                out.vpc_peering =
                                    Some(b.reference(declared(Kind::VpcPeering, name)));
                            }
                            RouteTarget::Instance(t) => {
                                out.instance = Some(b.instance(t));
                            }
                            RouteTarget::EgressOnlyInternetGateway(t) => {
                                let name = &m.egress_only_internet_gateways[t.id].common.name;
                                out.egress_only_internet_gateway = Some(
                                    b.reference(declared(Kind::EgressOnlyInternetGateway, name)),
                                );
                            }
                        }
                    }
                    out
                })
                .collect();
            let a = attrs::RouteTable {
                main: r.is_main(),
                routes,
                subnets: b.subnets(&r.subnets),
                tags: r.common.tags.clone(),
                vpc,
            };
            (declared(kind, &r.common.name), Attributes::RouteTable(a))
        }
        Kind::SecurityGroup => {
            let r = &m.security_groups[id];
            let vpc = b.vpc(r.vpc);
            let own = Some(Id::new(id));
            let ingress = r.ingress.iter().map(|x| b.sg_rule(x, own)).collect();
            let egress = match &r.egress {
                // AWS's default outbound rule.
                None => vec![attrs::SgRule {
                    cidr: Some("0.0.0.0/0".into()),
                    cidrs: None,
                    description: None,
                    icmp_code: None,
                    icmp_type: None,
                    ports: None,
                    prefix_list: None,
                    protocol: Protocol::All.canonical(),
                    security_group: None,
                    self_: false,
                }],
                Some(rules) => rules.iter().map(|x| b.sg_rule(x, own)).collect(),
            };
            let a = attrs::SecurityGroup {
                description: r.description_text().to_string(),
                egress,
                ingress,
                tags: r.common.tags.clone(),
                vpc,
            };
            (declared(kind, &r.common.name), Attributes::SecurityGroup(a))
        }
        Kind::NetworkAcl => {
            let r = &m.network_acls[id];
            let vpc = b.vpc(r.vpc);
            let a = attrs::NetworkAcl {
                egress: r.egress.iter().map(nacl_entry).collect(),
                ingress: r.ingress.iter().map(nacl_entry).collect(),
                subnets: b.subnets(&r.subnets),
                tags: r.common.tags.clone(),
                vpc,
            };
            (declared(kind, &r.common.name), Attributes::NetworkAcl(a))
        }
        Kind::VpcPeering => {
            let r = &m.vpc_peerings[id];
            let vpc = b.vpc(r.vpc);
            let a = attrs::VpcPeering {
                peer_vpc: b.vpc(r.peer_vpc),
                tags: r.common.tags.clone(),
                vpc,
            };
            (declared(kind, &r.common.name), Attributes::VpcPeering(a))
        }
        Kind::VpcEndpoint => {
            let r = &m.vpc_endpoints[id];
            let vpc = b.vpc(r.vpc);
            let route_tables = r
                .route_tables
                .iter()
                .map(|t| {
                    b.reference(declared(
                        Kind::RouteTable,
                        &m.route_tables[t.id].common.name,
                    ))
                })
                .collect();
            let subnets = b.subnets(&r.subnets);
            let security_groups = r
                .security_groups
                .iter()
                .map(|s| b.security_group(*s))
                .collect();
            let a = attrs::VpcEndpoint {
                policy: r.policy.as_ref().map(|p| p.json.clone()),
                private_dns: r.private_dns(),
                private_ip_addresses: Vec::new(),
                route_tables,
                security_groups,
                service: r.service.value.clone(),
                subnets,
                tags: r.common.tags.clone(),
                endpoint_type: r.endpoint_type,
                vpc,
            };
            (declared(kind, &r.common.name), Attributes::VpcEndpoint(a))
        }
        Kind::Instance => {
            let r = &m.instances[id];
            let g = &m.instance_groups[r.group];
            let subnet = b.subnet(r.subnet);
            let security_groups = g
                .security_groups
                .iter()
                .map(|s| b.security_group(*s))
                .collect();
            let public_ip = g
                .public_ip
                .as_ref()
                .map_or(m.subnets[r.subnet.id].public_ip_on_launch, |p| p.value);
            let elastic_ip = g.elastic_ip.map(|e| {
                let eip = b.eip(e);
                // AWS associates an elastic IP only once the VPC's internet
                // gateway is attached (Gateway.NotAttached); destroy in the
                // reverse order.
                let vpc = m.subnets[r.subnet.id].vpc.id;
                for igw in m.internet_gateways.iter().filter(|i| i.vpc.id == vpc) {
                    b.reference(declared(Kind::InternetGateway, &igw.common.name));
                }
                eip
            });
            let a = attrs::Instance {
                ami: g.ami.value.clone(),
                elastic_ip,
                hibernation: g.hibernation.as_ref().is_some_and(|h| h.value),
                iam_instance_profile: g.iam_instance_profile.as_ref().map(|p| p.value.clone()),
                ipv6_address: None,
                key_name: g.key_name.as_ref().map(|k| k.value.clone()),
                metadata: metadata(g.metadata.as_ref()),
                // The checks refused any other spelling before a plan.
                private_ip: g
                    .private_ip
                    .as_ref()
                    .and_then(|p| p.value.parse::<Ipv4Addr>().ok()),
                private_ip_address: None,
                public_ip,
                public_ip_address: None,
                root_volume: g.root_volume.as_ref().map(root_volume),
                security_groups,
                source_dest_check: g.source_dest_check(),
                state: g.state.as_ref().map_or(InstanceState::Running, |s| s.value),
                subnet,
                tags: g.common.tags.clone(),
                instance_type: g.instance_type.value.clone(),
                user_data: g.user_data.as_ref().map(|u| u.value.clone()),
            };
            (instance_address(m, Id::new(id)), Attributes::Instance(a))
        }
        Kind::FlowLog => {
            let r = &m.flow_logs[id];
            let resource = match r.target {
                FlowLogTarget::Vpc(t) => b.vpc(t),
                FlowLogTarget::Subnet(t) => b.subnet(t),
                FlowLogTarget::Instance(t) => b.instance(t),
            };
            let text = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
            let a = attrs::FlowLog {
                destination: attrs::FlowLogDestination {
                    cloudwatch_logs: text(&r.destination.cloudwatch_logs),
                    role: text(&r.destination.role),
                    s3: text(&r.destination.s3),
                },
                max_aggregation_interval: r
                    .max_aggregation_interval
                    .as_ref()
                    .and_then(|i| u16::try_from(i.value).ok())
                    .unwrap_or(600),
                resource,
                tags: r.common.tags.clone(),
                traffic: text(&r.traffic).unwrap_or_else(|| "ALL".into()),
            };
            (declared(kind, &r.common.name), Attributes::FlowLog(a))
        }
        Kind::EgressOnlyInternetGateway => {
            let r = &m.egress_only_internet_gateways[id];
            let a = attrs::EgressOnlyInternetGateway {
                tags: r.common.tags.clone(),
                vpc: b.vpc(r.vpc),
            };
            (
                declared(kind, &r.common.name),
                Attributes::EgressOnlyInternetGateway(a),
            )
        }
        Kind::TargetGroup => {
            let r = &m.target_groups[id];
            let text = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
            let a = attrs::TargetGroup {
                health_check: r.health_check.as_ref().map(|h| attrs::HealthCheck {
                    path: text(&h.path),
                    port: text(&h.port).unwrap_or_else(|| "traffic-port".into()),
                    protocol: text(&h.protocol).unwrap_or_else(|| r.protocol.value.clone()),
                }),
                port: r.port.value,
                protocol: r.protocol.value.clone(),
                tags: r.common.tags.clone(),
                target_type: text(&r.target_type).unwrap_or_else(|| "instance".into()),
                targets: r.targets.iter().map(|t| b.instance(*t)).collect(),
                vpc: b.vpc(r.vpc),
            };
            (declared(kind, &r.common.name), Attributes::TargetGroup(a))
        }
        Kind::LoadBalancer => {
            let r = &m.load_balancers[id];
            let listeners = r
                .listeners
                .iter()
                .map(|l| attrs::Listener {
                    certificate: l.certificate.as_ref().map(|c| c.value.clone()),
                    port: l.port.value,
                    protocol: l.protocol.value.clone(),
                    target_group: b.reference(declared(
                        Kind::TargetGroup,
                        &m.target_groups[l.target_group.id].common.name,
                    )),
                })
                .collect();
            let a = attrs::LoadBalancer {
                dns_name: None,
                ip_address_type: r
                    .ip_address_type
                    .as_ref()
                    .map_or_else(|| "ipv4".into(), |t| t.value.clone()),
                listeners,
                private_ip_addresses: Vec::new(),
                scheme: if r.internal {
                    "internal"
                } else {
                    "internet-facing"
                }
                .into(),
                security_groups: r
                    .security_groups
                    .iter()
                    .map(|g| b.security_group(*g))
                    .collect(),
                subnets: b.subnets(&r.subnets),
                tags: r.common.tags.clone(),
                lb_type: r.lb_type.value.as_str().into(),
            };
            (declared(kind, &r.common.name), Attributes::LoadBalancer(a))
        }
        Kind::LaunchTemplate => {
            let r = &m.launch_templates[id];
            let a = attrs::LaunchTemplate {
                ami: r.ami.value.clone(),
                iam_instance_profile: r.iam_instance_profile.as_ref().map(|p| p.value.clone()),
                key_name: r.key_name.as_ref().map(|k| k.value.clone()),
                metadata: metadata(r.metadata.as_ref()),
                root_volume: r.root_volume.as_ref().map(root_volume),
                security_groups: r
                    .security_groups
                    .iter()
                    .map(|g| b.security_group(*g))
                    .collect(),
                tags: r.common.tags.clone(),
                instance_type: r.instance_type.value.clone(),
                user_data: r.user_data.as_ref().map(|u| u.value.clone()),
            };
            (
                declared(kind, &r.common.name),
                Attributes::LaunchTemplate(a),
            )
        }
        Kind::AutoScalingGroup => {
            let r = &m.auto_scaling_groups[id];
            let template = &m.launch_templates[r.launch_template.id].common.name;
            let a = attrs::AutoScalingGroup {
                desired: r.desired(),
                instances: Vec::new(),
                launch_template: b.reference(declared(Kind::LaunchTemplate, template)),
                max: r.max.value,
                min: r.min.value,
                subnets: b.subnets(&r.subnets),
                tags: r.common.tags.clone(),
                target_groups: r
                    .target_groups
                    .iter()
                    .map(|t| {
                        b.reference(declared(
                            Kind::TargetGroup,
                            &m.target_groups[t.id].common.name,
                        ))
                    })
                    .collect(),
            };
            (
                declared(kind, &r.common.name),
                Attributes::AutoScalingGroup(a),
            )
        }
        Kind::PrefixList => {
            let r = &m.prefix_lists[id];
            let a = attrs::PrefixList {
                address_family: r.address_family.value.as_str().to_string(),
                entries: r
                    .entries
                    .iter()
                    .map(|e| attrs::PrefixListEntry {
                        cidr: cidr_text(&e.cidr),
                        description: e.description.as_ref().map(|d| d.value.clone()),
                    })
                    .collect(),
                max_entries: r.max_entries.value,
                tags: r.common.tags.clone(),
            };
            (declared(kind, &r.common.name), Attributes::PrefixList(a))
        }
        Kind::DefaultSecurityGroup => {
            let r = &m.default_security_groups[id].group;
            let vpc = b.vpc(r.vpc);
            let ingress = r.ingress.iter().map(|x| b.sg_rule(x, None)).collect();
            let egress = r
                .egress
                .iter()
                .flatten()
                .map(|x| b.sg_rule(x, None))
                .collect();
            let a = attrs::DefaultSecurityGroup {
                egress,
                ingress,
                tags: r.common.tags.clone(),
                vpc,
            };
            (
                declared(kind, &r.common.name),
                Attributes::DefaultSecurityGroup(a),
            )
        }
        Kind::DefaultNetworkAcl => {
            let r = &m.default_network_acls[id].acl;
            let a = attrs::DefaultNetworkAcl {
                egress: r.egress.iter().map(nacl_entry).collect(),
                ingress: r.ingress.iter().map(nacl_entry).collect(),
                tags: r.common.tags.clone(),
                vpc: b.vpc(r.vpc),
            };
            (
                declared(kind, &r.common.name),
                Attributes::DefaultNetworkAcl(a),
            )
        }
        Kind::DhcpOptions => {
            let r = &m.dhcp_options[id];
            let texts = |l: &[Sp<String>]| l.iter().map(|s| s.value.clone()).collect();
            let a = attrs::DhcpOptions {
                domain_name: r.domain_name.as_ref().map(|d| d.value.clone()),
                domain_name_servers: texts(&r.domain_name_servers),
                netbios_name_servers: texts(&r.netbios_name_servers),
                netbios_node_type: r.netbios_node_type.as_ref().map(|t| t.value),
                ntp_servers: texts(&r.ntp_servers),
                tags: r.common.tags.clone(),
            };
            (declared(kind, &r.common.name), Attributes::DhcpOptions(a))
        }
        Kind::Volume => {
            let r = &m.volumes[id];
            let attach = r.attach.as_ref().map(|a| attrs::Attachment {
                device: a.device.value.clone(),
                instance: b.instance(a.instance),
            });
            let a = attrs::Volume {
                attach,
                az: r.az.value.clone(),
                iops: r.iops.as_ref().map(|i| i.value),
                size_gb: r.size_gb.value,
                tags: r.common.tags.clone(),
                throughput: r.throughput.as_ref().map(|t| t.value),
                volume_type: r.volume_type.value,
            };
            (declared(kind, &r.common.name), Attributes::Volume(a))
        }
    }
}
