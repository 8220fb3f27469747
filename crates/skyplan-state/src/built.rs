//! The part of a state that a question about the network as built reads
//! (`reach` and `exposure` on a stack applied as it is): the digest of the
//! spec its last whole apply was of, the default groups and ACLs it
//! released, and the addresses its hosts hold. Read without the rest: of a
//! 100,000-resource state, reading all of it allocates some 150 MB and
//! takes three to six times as long as this (75 ms).

use std::net::Ipv4Addr;

use foldhash::HashMap;
use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use skyplan_spec::Kind;

use crate::attributes::GroupInstance;
use crate::{Address, Attributes, FORMAT_VERSION, ResourceState, State, stream};

/// An instance's addresses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct InstanceAddresses {
    #[serde(rename = "private_ip_address", default)]
    pub private: Option<Ipv4Addr>,
    #[serde(rename = "public_ip_address", default)]
    pub public: Option<Ipv4Addr>,
}

/// The addresses a built network gives its hosts, by the host's address
/// (`instance.web[0]`): a whole [`State`] or its [`Built`] part.
pub trait HostAddresses {
    fn instance(&self, address: &str) -> Option<InstanceAddresses>;
    /// A load balancer's nodes' private addresses.
    fn load_balancer(&self, address: &str) -> Option<&[Ipv4Addr]>;
    /// The instances an auto scaling group runs.
    fn auto_scaling_group(&self, address: &str) -> Option<&[GroupInstance]>;
}

impl HostAddresses for State {
    fn instance(&self, address: &str) -> Option<InstanceAddresses> {
        let Attributes::Instance(a) = self.attributes_at(address)? else {
            return None;
        };
        Some(InstanceAddresses {
            private: a.private_ip_address,
            public: a.public_ip_address,
        })
    }

    fn load_balancer(&self, address: &str) -> Option<&[Ipv4Addr]> {
        let Attributes::LoadBalancer(a) = self.attributes_at(address)? else {
            return None;
        };
        Some(&a.private_ip_addresses)
    }

    fn auto_scaling_group(&self, address: &str) -> Option<&[GroupInstance]> {
        let Attributes::AutoScalingGroup(a) = self.attributes_at(address)? else {
            return None;
        };
        Some(&a.instances)
    }
}

impl State {
    fn attributes_at(&self, address: &str) -> Option<&Attributes> {
        Some(&self.get(&address.parse::<Address>().ok()?)?.attributes)
    }
}

/// What a question about the network as built reads of a state.
#[derive(Debug, Default, PartialEq)]
pub struct Built {
    /// As [`State::applied_spec`].
    pub applied_spec: Option<String>,
    /// As [`State::released`].
    pub released: Vec<ResourceState>,
    hosts: Hosts,
}

impl Built {
    /// The part of the state file `reader` reads that a question needs,
    /// taken in pieces (see `stream`); `None` when the file is not a state
    /// of this format (reading the whole says why) or does not read that
    /// way.
    pub fn read(reader: impl std::io::Read) -> Option<Built> {
        let mut hosts = Hosts::default();
        let rest = stream::object(reader, |r| {
            hosts.insert(r);
            true
        })?;
        let file: BuiltFile = serde_json::from_str(&rest).ok()?;
        (file.format_version <= FORMAT_VERSION).then_some(Built {
            applied_spec: file.applied_spec,
            released: file.released,
            hosts,
        })
    }
}

impl HostAddresses for Built {
    fn instance(&self, address: &str) -> Option<InstanceAddresses> {
        self.hosts.instances.get(address).copied()
    }

    fn load_balancer(&self, address: &str) -> Option<&[Ipv4Addr]> {
        self.hosts.load_balancers.get(address).map(Vec::as_slice)
    }

    fn auto_scaling_group(&self, address: &str) -> Option<&[GroupInstance]> {
        self.hosts
            .auto_scaling_groups
            .get(address)
            .map(Vec::as_slice)
    }
}

/// The fields of a state file [`Built`] reads besides its resources; the
/// rest are skipped.
#[derive(Deserialize)]
struct BuiltFile {
    format_version: u64,
    #[serde(default)]
    applied_spec: Option<String>,
    #[serde(default)]
    released: Vec<ResourceState>,
}

/// The hosts of a state's resource list, by address.
#[derive(Debug, Default, PartialEq)]
struct Hosts {
    instances: HashMap<String, InstanceAddresses>,
    load_balancers: HashMap<String, Vec<Ipv4Addr>>,
    auto_scaling_groups: HashMap<String, Vec<GroupInstance>>,
}

impl Hosts {
    fn insert(&mut self, Resource(address, held): Resource) {
        match held {
            Held::Instance(a) => {
                self.instances.insert(address, a);
            }
            Held::LoadBalancer(ips) => {
                self.load_balancers.insert(address, ips);
            }
            Held::AutoScalingGroup(instances) => {
                self.auto_scaling_groups.insert(address, instances);
            }
            Held::Nothing => {}
        }
    }
}

/// What one resource holds of hosts' addresses.
enum Held {
    Instance(InstanceAddresses),
    LoadBalancer(Vec<Ipv4Addr>),
    AutoScalingGroup(Vec<GroupInstance>),
    Nothing,
}

/// Reads a resource's attributes as what its kind holds of hosts'
/// addresses.
struct HeldBy(Kind);

impl<'de> DeserializeSeed<'de> for HeldBy {
    type Value = Held;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Held, D::Error> {
        #[derive(Deserialize)]
        struct Nodes {
            #[serde(default)]
            private_ip_addresses: Vec<Ipv4Addr>,
        }
        #[derive(Deserialize)]
        struct Group {
            #[serde(default)]
            instances: Vec<GroupInstance>,
        }
        Ok(match self.0 {
            Kind::Instance => Held::Instance(InstanceAddresses::deserialize(d)?),
            Kind::LoadBalancer => Held::LoadBalancer(Nodes::deserialize(d)?.private_ip_addresses),
            Kind::AutoScalingGroup => Held::AutoScalingGroup(Group::deserialize(d)?.instances),
            // A database's address is RDS's to say, and a NAT gateway or an
            // elastic IP is no host a question starts or ends at.
            Kind::Vpc
            | Kind::Subnet
            | Kind::InternetGateway
            | Kind::ElasticIp
            | Kind::NatGateway
            | Kind::RouteTable
            | Kind::SecurityGroup
            | Kind::NetworkAcl
            | Kind::VpcPeering
            | Kind::VpcEndpoint
            | Kind::Volume
            | Kind::DhcpOptions
            | Kind::FlowLog
            | Kind::EgressOnlyInternetGateway
            | Kind::PrefixList
            | Kind::TargetGroup
            | Kind::LaunchTemplate
            | Kind::DbSubnetGroup
            | Kind::TransitGateway
            | Kind::TransitGatewayAttachment
            | Kind::CustomerGateway
            | Kind::VpnGateway
            | Kind::VpnConnection
            | Kind::DbInstance
            | Kind::TransitGatewayRouteTable
            | Kind::DxGateway
            | Kind::DefaultSecurityGroup
            | Kind::DefaultNetworkAcl => {
                IgnoredAny::deserialize(d)?;
                Held::Nothing
            }
        })
    }
}

/// A resource's address and what it holds.
struct Resource(String, Held);

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Resource, D::Error> {
        d.deserialize_map(ResourceFields)
    }
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Address,
    Attributes,
    #[serde(other)]
    Other,
}

struct ResourceFields;

impl<'de> Visitor<'de> for ResourceFields {
    type Value = Resource;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a resource")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Resource, A::Error> {
        let kind_of = |address: &str| {
            let kind = address.split_once('.').map_or(address, |(kind, _)| kind);
            Kind::from_singular(kind).ok_or_else(|| A::Error::custom("an address of no kind"))
        };
        let (mut address, mut held, mut early) = (None::<String>, None, None::<Box<RawValue>>);
        while let Some(key) = map.next_key::<Key>()? {
            match (key, &address) {
                (Key::Address, _) => address = Some(map.next_value()?),
                // Typed when the address came first, as skyplan writes it;
                // else kept as text until the kind is known.
                (Key::Attributes, Some(a)) => {
                    held = Some(map.next_value_seed(HeldBy(kind_of(a)?))?)
                }
                (Key::Attributes, None) => early = Some(map.next_value()?),
                (Key::Other, _) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let address = address.ok_or_else(|| A::Error::missing_field("address"))?;
        let held = match (held, early) {
            (Some(held), _) => held,
            (None, Some(text)) => HeldBy(kind_of(&address)?)
                .deserialize(&mut serde_json::Deserializer::from_str(text.get()))
                .map_err(A::Error::custom)?,
            (None, None) => return Err(A::Error::missing_field("attributes")),
        };
        Ok(Resource(address, held))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INSTANCE: [&str; 5] = [
        r#""address": "instance.web""#,
        r#""kind": "instance""#,
        r#""name": "web""#,
        r#""id": "i-1""#,
        r#""attributes": {"ami": "ami-1", "subnet": "subnet.a", "type": "t3.micro", "private_ip_address": "10.0.0.4", "public_ip_address": "3.0.0.1"}"#,
    ];

    fn state(fields: &[&str], tail: &str) -> String {
        format!(
            r#"{{"format_version": 1, "serial": 1, "lineage": "l", "resources": [{{{}}}]{tail}}}"#,
            fields.join(", ")
        )
    }

    /// Attributes read after their address, or kept as text until it comes
    /// (a hand-edited state): the same addresses either way.
    #[test]
    fn a_host_reads_the_same_whatever_its_key_order() {
        let expected = Some(InstanceAddresses {
            private: Some(Ipv4Addr::new(10, 0, 0, 4)),
            public: Some(Ipv4Addr::new(3, 0, 0, 1)),
        });
        let written = Built::read(state(&INSTANCE, "").as_bytes()).unwrap();
        assert_eq!(written.instance("instance.web"), expected);
        let reversed: Vec<&str> = INSTANCE.iter().rev().copied().collect();
        let edited = Built::read(state(&reversed, "").as_bytes()).unwrap();
        assert_eq!(edited, written);
        assert_eq!(written.instance("instance.other"), None);
    }

    #[test]
    fn the_digest_and_released_defaults_are_read() {
        let tail = r#", "applied_spec": "sha256:1", "exposure": [], "forgotten": []"#;
        let built = Built::read(state(&INSTANCE, tail).as_bytes()).unwrap();
        assert_eq!(built.applied_spec.as_deref(), Some("sha256:1"));
        assert!(built.released.is_empty());
        let whole = State::parse(&state(&INSTANCE, tail)).unwrap();
        assert_eq!(
            built.instance("instance.web"),
            whole.instance("instance.web")
        );
    }

    /// Anything the whole read would refuse or name is left to it.
    #[test]
    fn what_is_not_a_state_of_this_format_is_not_read() {
        let newer =
            state(&INSTANCE, "").replace(r#""format_version": 1"#, r#""format_version": 9"#);
        let no_kind = state(&INSTANCE, "").replace("instance.web", "gadget.web");
        for text in ["", "{", "[]", &newer, &no_kind] {
            assert_eq!(Built::read(text.as_bytes()), None, "{text}");
        }
    }
}
