//! The attributes of each kind as plans and states hold them: one typed
//! struct per kind (serde derive), configured attributes and the ones AWS
//! computes side by side, in the JSON shape of the contract.
//!
//! Fields are declared in alphabetical order, so a state lists attributes
//! sorted. Each struct refuses keys it does not know: a state written by a
//! newer skyplan, or edited by hand, is refused rather than half read.
//! Adding a kind: a struct here, a variant of [`Attributes`] (every `match`
//! on it then fails to compile until the kind is handled), its row in the
//! kind table (`skyplan_spec::schema`).

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use skyplan_spec::words::as_word;
use skyplan_spec::{
    Address, EndpointType, InstanceState, Kind, NatConnectivity, Tenancy, VolumeType,
};

pub type Tags = BTreeMap<String, String>;

fn is_false(b: &bool) -> bool {
    !*b
}

fn tenancy_default() -> Tenancy {
    Tenancy::Default
}

fn connectivity_default() -> NatConnectivity {
    NatConnectivity::Public
}

fn running() -> InstanceState {
    InstanceState::Running
}

fn gateway() -> EndpointType {
    EndpointType::Gateway
}

fn is_gateway(t: &EndpointType) -> bool {
    *t == EndpointType::Gateway
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dhcp_options: Option<Address>,
    #[serde(default)]
    pub dns_hostnames: bool,
    #[serde(default)]
    pub dns_support: bool,
    /// Asks for an Amazon-provided /56. Written only when on, so states
    /// from before IPv6 read the same.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ipv6: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr: Option<String>,
    /// Computed: the IPv6 block it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default)]
    pub secondary_cidrs: Vec<String>,
    #[serde(default)]
    pub tags: Tags,
    #[serde(with = "as_word", default = "tenancy_default")]
    pub tenancy: Tenancy,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    /// Computed: usable addresses not held by an interface.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_ip_count: Option<u64>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub assign_ipv6_on_creation: bool,
    pub az: String,
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr: Option<String>,
    /// Computed: the IPv6 block it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_index: Option<u8>,
    #[serde(default)]
    pub public_ip_on_launch: bool,
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternetGateway {
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElasticIp {
    /// Computed: the address allocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip_address: Option<Ipv4Addr>,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatGateway {
    #[serde(with = "as_word", default = "connectivity_default")]
    pub connectivity: NatConnectivity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<Address>,
    /// Computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<Ipv4Addr>,
    /// Computed: its elastic IP's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip_address: Option<Ipv4Addr>,
    pub subnet: Address,
    #[serde(default)]
    pub tags: Tags,
}

/// One route: a destination and its target (exactly one, by the checks).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_only_internet_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_peering: Option<Address>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    #[serde(default)]
    pub main: bool,
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub subnets: Vec<Address>,
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

/// One security group rule, protocol and ports in AWS's canonical spelling.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SgRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidrs: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_list: Option<Address>,
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group: Option<Address>,
    #[serde(rename = "self", default, skip_serializing_if = "is_false")]
    pub self_: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    pub description: String,
    #[serde(default)]
    pub egress: Vec<SgRule>,
    #[serde(default)]
    pub ingress: Vec<SgRule>,
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

/// Whether a network ACL entry lets traffic through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleAction {
    Allow,
    Deny,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NaclEntry {
    pub action: RuleAction,
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<String>,
    pub protocol: String,
    pub rule: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    #[serde(default)]
    pub egress: Vec<NaclEntry>,
    #[serde(default)]
    pub ingress: Vec<NaclEntry>,
    #[serde(default)]
    pub subnets: Vec<Address>,
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpcPeering {
    pub peer_vpc: Address,
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpcEndpoint {
    /// The policy document as minified JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub private_dns: bool,
    /// Computed: an interface endpoint's address in each of its subnets,
    /// in the order of `subnets`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_ip_addresses: Vec<Ipv4Addr>,
    #[serde(default)]
    pub route_tables: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Address>,
    /// The short name (`s3`, `ssm`).
    pub service: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Address>,
    #[serde(default)]
    pub tags: Tags,
    #[serde(
        rename = "type",
        with = "as_word",
        default = "gateway",
        skip_serializing_if = "is_gateway"
    )]
    pub endpoint_type: EndpointType,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EgressOnlyInternetGateway {
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefixListEntry {
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefixList {
    pub address_family: String,
    #[serde(default)]
    pub entries: Vec<PrefixListEntry>,
    pub max_entries: i64,
    #[serde(default)]
    pub tags: Tags,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listener {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    pub port: i64,
    pub protocol: String,
    pub target_group: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadBalancer {
    /// Computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_name: Option<String>,
    pub ip_address_type: String,
    #[serde(default)]
    pub listeners: Vec<Listener>,
    /// Computed: its address in each subnet, in the order of `subnets`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_ip_addresses: Vec<Ipv4Addr>,
    pub scheme: String,
    #[serde(default)]
    pub security_groups: Vec<Address>,
    pub subnets: Vec<Address>,
    #[serde(default)]
    pub tags: Tags,
    #[serde(rename = "type")]
    pub lb_type: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub port: String,
    pub protocol: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    pub port: i64,
    pub protocol: String,
    #[serde(default)]
    pub tags: Tags,
    pub target_type: String,
    #[serde(default)]
    pub targets: Vec<Address>,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaunchTemplate {
    pub ami: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iam_instance_profile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_volume: Option<RootVolume>,
    #[serde(default)]
    pub security_groups: Vec<Address>,
    #[serde(default)]
    pub tags: Tags,
    #[serde(rename = "type")]
    pub instance_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
}

/// One instance an auto scaling group runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupInstance {
    pub id: String,
    /// In a subnet with `assign_ipv6_on_creation`, as for a plain instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<Ipv6Addr>,
    pub private_ip_address: Ipv4Addr,
    pub subnet: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoScalingGroup {
    pub desired: i64,
    /// Computed: the instances it runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<GroupInstance>,
    pub launch_template: Address,
    pub max: i64,
    pub min: i64,
    pub subnets: Vec<Address>,
    #[serde(default)]
    pub tags: Tags,
    #[serde(default)]
    pub target_groups: Vec<Address>,
}

/// A VPC's default group, taken over: its rules are the spec's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultSecurityGroup {
    #[serde(default)]
    pub egress: Vec<SgRule>,
    #[serde(default)]
    pub ingress: Vec<SgRule>,
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

/// A VPC's default network ACL, taken over: its entries are the spec's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultNetworkAcl {
    #[serde(default)]
    pub egress: Vec<NaclEntry>,
    #[serde(default)]
    pub ingress: Vec<NaclEntry>,
    #[serde(default)]
    pub tags: Tags,
    pub vpc: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub ami: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<Address>,
    /// Written only when on, so states from before the attribute read the same.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hibernation: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iam_instance_profile: Option<String>,
    /// Computed: its IPv6 address, in a subnet that assigns one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<Ipv6Addr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    /// States from before the attribute read as AWS's defaults.
    #[serde(default)]
    pub metadata: Metadata,
    /// The static address asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Ipv4Addr>,
    /// Computed: the address it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<Ipv4Addr>,
    /// Whether it asks for a public address.
    #[serde(default)]
    pub public_ip: bool,
    /// Computed: the public address it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip_address: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_volume: Option<RootVolume>,
    #[serde(default)]
    pub security_groups: Vec<Address>,
    #[serde(default = "on")]
    pub source_dest_check: bool,
    #[serde(with = "as_word", default = "running")]
    pub state: InstanceState,
    pub subnet: Address,
    #[serde(default)]
    pub tags: Tags,
    #[serde(rename = "type")]
    pub instance_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
}

/// An instance's boot volume.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootVolume {
    #[serde(default)]
    pub encrypted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_gb: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<u64>,
    #[serde(rename = "type", with = "as_word")]
    pub volume_type: VolumeType,
}

/// Whether the metadata service also answers IMDSv1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HttpTokens {
    Required,
    Optional,
}

/// An instance's metadata service settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default = "hop_limit")]
    pub hop_limit: u8,
    #[serde(default = "required")]
    pub http_tokens: HttpTokens,
}

fn hop_limit() -> u8 {
    2
}

fn required() -> HttpTokens {
    HttpTokens::Required
}

fn on() -> bool {
    true
}

impl Default for Metadata {
    /// AWS's defaults for a new instance: IMDSv2 only, two hops.
    fn default() -> Metadata {
        Metadata {
            hop_limit: hop_limit(),
            http_tokens: required(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub device: String,
    pub instance: Address,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<Attachment>,
    pub az: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<u64>,
    pub size_gb: u64,
    #[serde(default)]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<u64>,
    #[serde(rename = "type", with = "as_word")]
    pub volume_type: VolumeType,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DhcpOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    #[serde(default)]
    pub domain_name_servers: Vec<String>,
    #[serde(default)]
    pub netbios_name_servers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub netbios_node_type: Option<i64>,
    #[serde(default)]
    pub ntp_servers: Vec<String>,
    #[serde(default)]
    pub tags: Tags,
}

/// Where a flow log delivers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowLogDestination {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloudwatch_logs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowLog {
    pub destination: FlowLogDestination,
    pub max_aggregation_interval: u16,
    /// The VPC, subnet or instance it records.
    pub resource: Address,
    #[serde(default)]
    pub tags: Tags,
    pub traffic: String,
}

macro_rules! attributes {
    (top_level { $([$kind:ident $($top:tt)*])* }
     inside_vpc { $([$inner:ident $($inside:tt)*])* }) => {
        /// The attributes of one object, of its kind (one struct per kind,
        /// named after it).
        #[derive(Clone, Debug, PartialEq)]
        pub enum Attributes {
            $($kind($kind),)*
            $($inner($inner),)*
        }

        /// Reads the attributes of `kind` with any serde deserializer.
        fn read<'de, D: serde::Deserializer<'de>>(
            kind: Kind,
            d: D,
        ) -> Result<Attributes, D::Error> {
            Ok(match kind {
                $(Kind::$kind => Attributes::$kind($kind::deserialize(d)?),)*
                $(Kind::$inner => Attributes::$inner($inner::deserialize(d)?),)*
            })
        }

        impl Attributes {
            pub fn kind(&self) -> Kind {
                match self {
                    $(Attributes::$kind(_) => Kind::$kind,)*
                    $(Attributes::$inner(_) => Kind::$inner,)*
                }
            }

            pub fn tags(&self) -> &Tags {
                match self {
                    $(Attributes::$kind(a) => &a.tags,)*
                    $(Attributes::$inner(a) => &a.tags,)*
                }
            }
        }

        impl Serialize for Attributes {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Attributes::$kind(a) => a.serialize(s),)*
                    $(Attributes::$inner(a) => a.serialize(s),)*
                }
            }
        }
    };
}
skyplan_spec::for_each_kind!(attributes);

impl Attributes {
    /// The attributes of `kind` from their JSON text.
    pub fn from_json(kind: Kind, text: &str) -> Result<Attributes, serde_json::Error> {
        let mut d = serde_json::Deserializer::from_str(text);
        let attributes = read(kind, &mut d)?;
        d.end()?;
        Ok(attributes)
    }

    /// The attributes of `kind` from a JSON object (a saved plan's).
    pub fn from_map(kind: Kind, map: Map<String, Value>) -> Result<Attributes, serde_json::Error> {
        read(kind, Value::Object(map))
    }

    /// The attributes as a JSON object: the generic view the diff of a
    /// changed object and the plan renderer walk.
    pub fn to_map(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map,
            // Every struct serialises to an object, and no field can fail.
            _ => Map::new(),
        }
    }

    /// Whether the configured attributes are equal (what AWS computes is
    /// not configuration: a spec never states it).
    pub fn same_configuration(&self, other: &Attributes) -> bool {
        match (self, other) {
            (Attributes::Vpc(a), Attributes::Vpc(b)) => {
                let Vpc {
                    cidr,
                    dhcp_options,
                    dns_hostnames,
                    dns_support,
                    ipv6,
                    ipv6_cidr,
                    ipv6_cidr_block: _,
                    region,
                    secondary_cidrs,
                    tags,
                    tenancy,
                } = a;
                (
                    cidr,
                    dhcp_options,
                    dns_hostnames,
                    dns_support,
                    ipv6,
                    ipv6_cidr,
                ) == (
                    &b.cidr,
                    &b.dhcp_options,
                    &b.dns_hostnames,
                    &b.dns_support,
                    &b.ipv6,
                    &b.ipv6_cidr,
                ) && (region, secondary_cidrs, tags, tenancy)
                    == (&b.region, &b.secondary_cidrs, &b.tags, &b.tenancy)
            }
            (Attributes::Subnet(a), Attributes::Subnet(b)) => {
                let Subnet {
                    available_ip_count: _,
                    assign_ipv6_on_creation,
                    az,
                    cidr,
                    ipv6_cidr,
                    ipv6_cidr_block: _,
                    ipv6_index,
                    public_ip_on_launch,
                    tags,
                    vpc,
                } = a;
                (az, cidr, public_ip_on_launch, tags, vpc)
                    == (&b.az, &b.cidr, &b.public_ip_on_launch, &b.tags, &b.vpc)
                    && (assign_ipv6_on_creation, ipv6_cidr, ipv6_index)
                        == (&b.assign_ipv6_on_creation, &b.ipv6_cidr, &b.ipv6_index)
            }
            (Attributes::ElasticIp(a), Attributes::ElasticIp(b)) => {
                let ElasticIp {
                    public_ip_address: _,
                    tags,
                } = a;
                tags == &b.tags
            }
            (Attributes::NatGateway(a), Attributes::NatGateway(b)) => {
                let NatGateway {
                    connectivity,
                    elastic_ip,
                    private_ip_address: _,
                    public_ip_address: _,
                    subnet,
                    tags,
                } = a;
                (connectivity, elastic_ip, subnet, tags)
                    == (&b.connectivity, &b.elastic_ip, &b.subnet, &b.tags)
            }
            (Attributes::Instance(a), Attributes::Instance(b)) => {
                let Instance {
                    ami,
                    elastic_ip,
                    hibernation,
                    iam_instance_profile,
                    ipv6_address: _,
                    key_name,
                    metadata,
                    private_ip,
                    private_ip_address: _,
                    public_ip,
                    public_ip_address: _,
                    root_volume,
                    security_groups,
                    source_dest_check,
                    state,
                    subnet,
                    tags,
                    instance_type,
                    user_data,
                } = a;
                (
                    ami,
                    elastic_ip,
                    hibernation,
                    key_name,
                    private_ip,
                    public_ip,
                ) == (
                    &b.ami,
                    &b.elastic_ip,
                    &b.hibernation,
                    &b.key_name,
                    &b.private_ip,
                    &b.public_ip,
                ) && (
                    security_groups,
                    state,
                    subnet,
                    tags,
                    instance_type,
                    user_data,
                ) == (
                    &b.security_groups,
                    &b.state,
                    &b.subnet,
                    &b.tags,
                    &b.instance_type,
                    &b.user_data,
                ) && (
                    iam_instance_profile,
                    metadata,
                    root_volume,
                    source_dest_check,
                ) == (
                    &b.iam_instance_profile,
                    &b.metadata,
                    &b.root_volume,
                    &b.source_dest_check,
                )
            }
            (Attributes::VpcEndpoint(a), Attributes::VpcEndpoint(b)) => {
                let VpcEndpoint {
                    policy,
                    private_dns,
                    private_ip_addresses: _,
                    route_tables,
                    security_groups,
                    service,
                    subnets,
                    tags,
                    endpoint_type,
                    vpc,
                } = a;
                (policy, private_dns, route_tables, security_groups, service)
                    == (
                        &b.policy,
                        &b.private_dns,
                        &b.route_tables,
                        &b.security_groups,
                        &b.service,
                    )
                    && (subnets, tags, endpoint_type, vpc)
                        == (&b.subnets, &b.tags, &b.endpoint_type, &b.vpc)
            }
            (Attributes::LoadBalancer(a), Attributes::LoadBalancer(b)) => {
                let LoadBalancer {
                    dns_name: _,
                    ip_address_type,
                    listeners,
                    private_ip_addresses: _,
                    scheme,
                    security_groups,
                    subnets,
                    tags,
                    lb_type,
                } = a;
                (ip_address_type, listeners, scheme, security_groups)
                    == (
                        &b.ip_address_type,
                        &b.listeners,
                        &b.scheme,
                        &b.security_groups,
                    )
                    && (subnets, tags, lb_type) == (&b.subnets, &b.tags, &b.lb_type)
            }
            (Attributes::AutoScalingGroup(a), Attributes::AutoScalingGroup(b)) => {
                let AutoScalingGroup {
                    desired,
                    instances: _,
                    launch_template,
                    max,
                    min,
                    subnets,
                    tags,
                    target_groups,
                } = a;
                (desired, launch_template, max, min)
                    == (&b.desired, &b.launch_template, &b.max, &b.min)
                    && (subnets, tags, target_groups) == (&b.subnets, &b.tags, &b.target_groups)
            }
            // Kinds without computed attributes.
            (
                Attributes::Vpc(_)
                | Attributes::LoadBalancer(_)
                | Attributes::TargetGroup(_)
                | Attributes::LaunchTemplate(_)
                | Attributes::AutoScalingGroup(_)
                | Attributes::EgressOnlyInternetGateway(_)
                | Attributes::PrefixList(_)
                | Attributes::DefaultSecurityGroup(_)
                | Attributes::DefaultNetworkAcl(_)
                | Attributes::InternetGateway(_)
                | Attributes::RouteTable(_)
                | Attributes::SecurityGroup(_)
                | Attributes::NetworkAcl(_)
                | Attributes::VpcPeering(_)
                | Attributes::VpcEndpoint(_)
                | Attributes::Volume(_)
                | Attributes::DhcpOptions(_)
                | Attributes::FlowLog(_)
                | Attributes::Subnet(_)
                | Attributes::ElasticIp(_)
                | Attributes::NatGateway(_)
                | Attributes::Instance(_),
                _,
            ) => self == other,
        }
    }

    /// Keeps what AWS computed for `old` (an update changes configuration
    /// only).
    pub fn keep_computed(&mut self, old: &Attributes) {
        match (self, old) {
            (Attributes::Vpc(a), Attributes::Vpc(b)) => {
                a.ipv6_cidr_block.clone_from(&b.ipv6_cidr_block);
            }
            (Attributes::Subnet(a), Attributes::Subnet(b)) => {
                a.available_ip_count = b.available_ip_count;
                a.ipv6_cidr_block.clone_from(&b.ipv6_cidr_block);
            }
            (Attributes::ElasticIp(a), Attributes::ElasticIp(b)) => {
                a.public_ip_address = b.public_ip_address;
            }
            (Attributes::NatGateway(a), Attributes::NatGateway(b)) => {
                a.private_ip_address = b.private_ip_address;
                a.public_ip_address = b.public_ip_address;
            }
            (Attributes::Instance(a), Attributes::Instance(b)) => {
                a.private_ip_address = b.private_ip_address;
                a.public_ip_address = b.public_ip_address;
                a.ipv6_address = b.ipv6_address;
            }
            (Attributes::VpcEndpoint(a), Attributes::VpcEndpoint(b)) => {
                a.private_ip_addresses.clone_from(&b.private_ip_addresses);
            }
            (Attributes::LoadBalancer(a), Attributes::LoadBalancer(b)) => {
                a.dns_name.clone_from(&b.dns_name);
                a.private_ip_addresses.clone_from(&b.private_ip_addresses);
            }
            (Attributes::AutoScalingGroup(a), Attributes::AutoScalingGroup(b)) => {
                a.instances.clone_from(&b.instances);
            }
            (
                Attributes::Vpc(_)
                | Attributes::LoadBalancer(_)
                | Attributes::TargetGroup(_)
                | Attributes::LaunchTemplate(_)
                | Attributes::AutoScalingGroup(_)
                | Attributes::EgressOnlyInternetGateway(_)
                | Attributes::PrefixList(_)
                | Attributes::DefaultSecurityGroup(_)
                | Attributes::DefaultNetworkAcl(_)
                | Attributes::InternetGateway(_)
                | Attributes::RouteTable(_)
                | Attributes::SecurityGroup(_)
                | Attributes::NetworkAcl(_)
                | Attributes::VpcPeering(_)
                | Attributes::VpcEndpoint(_)
                | Attributes::Volume(_)
                | Attributes::DhcpOptions(_)
                | Attributes::FlowLog(_)
                | Attributes::Subnet(_)
                | Attributes::ElasticIp(_)
                | Attributes::NatGateway(_)
                | Attributes::Instance(_),
                _,
            ) => {}
        }
    }

    /// The single-valued references, by attribute name (lists and blocks
    /// name their targets inside).
    pub fn references(&self) -> Vec<(&'static str, &Address)> {
        match self {
            Attributes::ElasticIp(_)
            | Attributes::Volume(_)
            | Attributes::DhcpOptions(_)
            | Attributes::PrefixList(_) => vec![],
            Attributes::EgressOnlyInternetGateway(a) => vec![("vpc", &a.vpc)],
            Attributes::LoadBalancer(_) | Attributes::LaunchTemplate(_) => vec![],
            Attributes::TargetGroup(a) => vec![("vpc", &a.vpc)],
            Attributes::AutoScalingGroup(a) => vec![("launch_template", &a.launch_template)],
            Attributes::DefaultSecurityGroup(a) => vec![("vpc", &a.vpc)],
            Attributes::DefaultNetworkAcl(a) => vec![("vpc", &a.vpc)],
            Attributes::FlowLog(a) => vec![("resource", &a.resource)],
            Attributes::Vpc(a) => a.dhcp_options.iter().map(|o| ("dhcp_options", o)).collect(),
            Attributes::Subnet(a) => vec![("vpc", &a.vpc)],
            Attributes::InternetGateway(a) => vec![("vpc", &a.vpc)],
            Attributes::NatGateway(a) => {
                let mut r = vec![("subnet", &a.subnet)];
                r.extend(a.elastic_ip.as_ref().map(|e| ("elastic_ip", e)));
                r
            }
            Attributes::RouteTable(a) => vec![("vpc", &a.vpc)],
            Attributes::SecurityGroup(a) => vec![("vpc", &a.vpc)],
            Attributes::NetworkAcl(a) => vec![("vpc", &a.vpc)],
            Attributes::VpcPeering(a) => vec![("peer_vpc", &a.peer_vpc), ("vpc", &a.vpc)],
            Attributes::VpcEndpoint(a) => vec![("vpc", &a.vpc)],
            Attributes::Instance(a) => {
                let mut r: Vec<(&'static str, &Address)> =
                    a.elastic_ip.iter().map(|e| ("elastic_ip", e)).collect();
                r.push(("subnet", &a.subnet));
                r
            }
        }
    }

    /// The interface an object is, if it is one (it then holds a private
    /// address in a subnet).
    fn interface(&self) -> Option<Interface<'_>> {
        match self {
            Attributes::NatGateway(a) => Some(Interface {
                subnet: &a.subnet,
                private_ip_address: a.private_ip_address,
                public_ip_address: a.public_ip_address,
            }),
            Attributes::Instance(a) => Some(Interface {
                subnet: &a.subnet,
                private_ip_address: a.private_ip_address,
                public_ip_address: a.public_ip_address,
            }),
            Attributes::Vpc(_)
            | Attributes::Subnet(_)
            | Attributes::InternetGateway(_)
            | Attributes::ElasticIp(_)
            | Attributes::RouteTable(_)
            | Attributes::SecurityGroup(_)
            | Attributes::NetworkAcl(_)
            | Attributes::VpcPeering(_)
            | Attributes::VpcEndpoint(_)
            | Attributes::Volume(_)
            | Attributes::DhcpOptions(_)
            | Attributes::FlowLog(_)
            | Attributes::EgressOnlyInternetGateway(_)
            | Attributes::PrefixList(_)
            | Attributes::DefaultSecurityGroup(_)
            | Attributes::DefaultNetworkAcl(_)
            | Attributes::LoadBalancer(_)
            | Attributes::TargetGroup(_)
            | Attributes::LaunchTemplate(_)
            | Attributes::AutoScalingGroup(_) => None,
        }
    }

    /// The subnets an object has network interfaces in: an instance's or
    /// NAT gateway's one, an interface endpoint's each.
    pub fn subnets_held(&self) -> Vec<&Address> {
        match self {
            Attributes::VpcEndpoint(e) => e.subnets.iter().collect(),
            Attributes::LoadBalancer(l) => l.subnets.iter().collect(),
            Attributes::AutoScalingGroup(g) => g.instances.iter().map(|i| &i.subnet).collect(),
            other => other.interface().map(|i| i.subnet).into_iter().collect(),
        }
    }

    /// The private addresses an object holds, with their subnets.
    pub fn held_addresses(&self) -> Vec<(&Address, Ipv4Addr)> {
        match self {
            Attributes::VpcEndpoint(e) => e
                .subnets
                .iter()
                .zip(e.private_ip_addresses.iter().copied())
                .collect(),
            Attributes::LoadBalancer(l) => l
                .subnets
                .iter()
                .zip(l.private_ip_addresses.iter().copied())
                .collect(),
            Attributes::AutoScalingGroup(g) => g
                .instances
                .iter()
                .map(|i| (&i.subnet, i.private_ip_address))
                .collect(),
            other => other
                .interface()
                .and_then(|i| Some((i.subnet, i.private_ip_address?)))
                .into_iter()
                .collect(),
        }
    }

    /// The private address an instance or NAT gateway holds.
    pub fn private_ip_address(&self) -> Option<Ipv4Addr> {
        self.interface().and_then(|i| i.private_ip_address)
    }

    /// The public address an object holds (a NAT gateway's is its elastic IP's).
    pub fn public_ip_address(&self) -> Option<Ipv4Addr> {
        match self {
            Attributes::ElasticIp(a) => a.public_ip_address,
            other => other.interface().and_then(|i| i.public_ip_address),
        }
    }
}

/// What instances and NAT gateways have alike.
struct Interface<'a> {
    subnet: &'a Address,
    private_ip_address: Option<Ipv4Addr>,
    public_ip_address: Option<Ipv4Addr>,
}

/// Deserialises the attributes of a kind known beforehand.
pub struct AttributesOf(pub Kind);

impl<'de> serde::de::DeserializeSeed<'de> for AttributesOf {
    type Value = Attributes;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Attributes, D::Error> {
        read(self.0, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_words_are_refused() {
        let ok = r#"{"cidr": "10.0.0.0/16"}"#;
        assert!(Attributes::from_json(Kind::Vpc, ok).is_ok());
        let unknown = r#"{"cidr": "10.0.0.0/16", "ipv4": true}"#;
        assert!(Attributes::from_json(Kind::Vpc, unknown).is_err());
        let word = r#"{"cidr": "10.0.0.0/16", "tenancy": "host"}"#;
        let e = Attributes::from_json(Kind::Vpc, word).unwrap_err();
        assert!(e.to_string().contains("default, dedicated"), "{e}");
    }

    #[test]
    fn computed_attributes_are_not_configuration() {
        let a = r#"{"az": "eu-west-1a", "cidr": "10.0.0.0/24", "vpc": "vpc.main"}"#;
        let b = r#"{"az": "eu-west-1a", "cidr": "10.0.0.0/24", "vpc": "vpc.main", "available_ip_count": 251}"#;
        let (a, b) = (
            Attributes::from_json(Kind::Subnet, a).unwrap(),
            Attributes::from_json(Kind::Subnet, b).unwrap(),
        );
        assert_ne!(a, b);
        assert!(a.same_configuration(&b));
        let mut c = a.clone();
        c.keep_computed(&b);
        assert_eq!(c, b);
    }

    #[test]
    fn attributes_serialise_sorted() {
        let text = r#"{"vpc": "vpc.main", "cidr": "10.0.0.0/24", "az": "eu-west-1a", "available_ip_count": 1}"#;
        let a = Attributes::from_json(Kind::Subnet, text).unwrap();
        let keys: Vec<String> = a.to_map().keys().cloned().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"available_ip_count":1,"az":"eu-west-1a","cidr":"10.0.0.0/24","public_ip_on_launch":false,"tags":{},"vpc":"vpc.main"}"#
        );
    }
}
