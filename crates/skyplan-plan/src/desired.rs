//! What the spec asks for, per address, as typed attributes: the values a
//! plan compares with the state and an apply writes into it.

use skyplan_model::traffic::{ParsedTraffic, Protocol, canonical_ports};
use skyplan_model::{
    Cidr, ElasticIp, Instance, InstanceId, Model, NaclEntry, Ref, SecurityGroup, SecurityGroupId,
    SgRule, Subnet, Vpc,
};
use skyplan_spec::schema::{or_default_in, word_or_default_in};
use skyplan_spec::{Address, Kind, ROOT_VOLUME, Sp};
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

pub(crate) fn cidr_text<N>(c: &Cidr<N>) -> String {
    c.text.value.clone()
}

/// The address of a declared resource (not an instance copy).
pub(crate) fn declared(kind: Kind, name: &Sp<String>) -> Address {
    Address::new(kind, name.value.clone(), None)
}

pub(crate) struct Builder<'m> {
    pub(crate) m: &'m Model,
    deps: Vec<Address>,
    rule_refs: Vec<Address>,
}

impl Builder<'_> {
    /// A reference attribute: the target's address, recorded as a dependency.
    pub(crate) fn reference(&mut self, address: Address) -> Address {
        if !self.deps.contains(&address) {
            self.deps.push(address.clone());
        }
        address
    }

    pub(crate) fn vpc(&mut self, r: Ref<Vpc>) -> Address {
        self.reference(declared(Kind::Vpc, &self.m.vpcs[r.id].common.name))
    }
    pub(crate) fn subnet(&mut self, r: Ref<Subnet>) -> Address {
        self.reference(declared(Kind::Subnet, &self.m.subnets[r.id].common.name))
    }
    pub(crate) fn subnets(&mut self, refs: &[Ref<Subnet>]) -> Vec<Address> {
        refs.iter().map(|r| self.subnet(*r)).collect()
    }
    pub(crate) fn eip(&mut self, r: Ref<ElasticIp>) -> Address {
        let name = &self.m.elastic_ips[r.id].common.name;
        self.reference(declared(Kind::ElasticIp, name))
    }
    pub(crate) fn security_group(&mut self, r: Ref<SecurityGroup>) -> Address {
        let name = &self.m.security_groups[r.id].common.name;
        self.reference(declared(Kind::SecurityGroup, name))
    }
    pub(crate) fn instance(&mut self, r: Ref<Instance>) -> Address {
        let address = instance_address(self.m, r.id);
        self.reference(address)
    }

    /// A rule of group `own` (`None`: a VPC's default group, which no rule
    /// can name).
    pub(crate) fn sg_rule(&mut self, rule: &SgRule, own: Option<SecurityGroupId>) -> attrs::SgRule {
        let (protocol, ports) = traffic(&rule.protocol, rule.ports.as_ref(), &rule.traffic);
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
pub(crate) fn metadata(spec: Option<&skyplan_spec::MetadataSpec>) -> attrs::Metadata {
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

pub(crate) fn instance_address(m: &Model, id: InstanceId) -> Address {
    let copy = &m.instances[id];
    let name = &m.instance_groups[copy.group].common.name;
    Address::new(Kind::Instance, name.value.clone(), copy.index)
}

/// Protocol and ports in AWS's canonical spelling, so that `protocol: 6,
/// ports: 3128-3128` and `protocol: tcp, ports: 3128` plan as no change, and
/// ports AWS ignores (every port, on a protocol without ports) are dropped.
/// Values the checks refused cannot reach a plan; they are kept as written.
fn traffic(
    protocol: &Sp<String>,
    ports: Option<&Sp<String>>,
    parsed: &ParsedTraffic,
) -> (String, Option<String>) {
    let name = parsed
        .protocol
        .map_or_else(|| protocol.value.clone(), Protocol::canonical);
    let ports =
        ports
            .zip(parsed.ports.as_ref())
            .and_then(|(p, range)| match (parsed.protocol, range) {
                (Some(proto), Ok(range)) if proto.has_ports() => Some(canonical_ports(*range)),
                (Some(_), Ok(_)) => None,
                _ => Some(p.value.clone()),
            });
    (name, ports)
}

pub(crate) fn nacl_entry(e: &NaclEntry) -> attrs::NaclEntry {
    let (protocol, ports) = traffic(&e.protocol, e.ports.as_ref(), &e.traffic);
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
pub(crate) fn root_volume(r: &skyplan_spec::RootVolumeSpec) -> attrs::RootVolume {
    attrs::RootVolume {
        encrypted: or_default_in(ROOT_VOLUME, r.encrypted.as_ref(), "encrypted"),
        iops: r.iops.as_ref().map(|i| i.value),
        size_gb: r.size_gb.as_ref().map(|s| s.value),
        throughput: r.throughput.as_ref().map(|t| t.value),
        volume_type: word_or_default_in(ROOT_VOLUME, r.volume_type.as_ref(), "type"),
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
            let (address, attributes) = crate::kinds::desired(&mut b, node.resource.typed());
            Desired {
                address,
                attributes,
                dependencies: b.deps,
                rule_references: b.rule_refs,
            }
        })
        .collect()
}
