//! The resolved resource model: every reference is an index into one of
//! the [`Model`]'s lists, every CIDR is parsed (or carries why it is not),
//! `count` is expanded and defaults are applied.

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use skyplan_cidr::{CidrError, IpNet, Ipv4Net, Ipv6Net};
use skyplan_diagnostics::Span;
use skyplan_spec::{
    EndpointType, HealthCheckSpec, InstanceState, Kind, LoadBalancerType, MetadataSpec,
    NatConnectivity, PolicySpec, RootVolumeSpec, RouteTargetKind, Sp, Tenancy, VolumeType,
};

pub use crate::graph::{DependencyGraph, Edge, EdgeKind, NodeRef};

/// The index of a resource in its [`Model`] list, typed by what it
/// indexes: an `Id<Subnet>` cannot index the VPCs.
pub struct Id<T> {
    index: u32,
    kind: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    /// The id of the `index`th resource of its list. Lists hold fewer than
    /// 2^32 resources (spec files are bounded far below that).
    pub fn new(index: usize) -> Id<T> {
        Id {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            kind: PhantomData,
        }
    }

    pub fn index(self) -> usize {
        self.index as usize
    }
}

// Derives would require `T: Clone` and so on; an id is a number whatever
// it indexes.
impl<T> Clone for Id<T> {
    fn clone(&self) -> Id<T> {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Id<T>) -> bool {
        self.index == other.index
    }
}
impl<T> Eq for Id<T> {}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Id<T>) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Id<T>) -> std::cmp::Ordering {
        self.index.cmp(&other.index)
    }
}
impl<T> std::hash::Hash for Id<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.index.hash(state);
    }
}
impl<T> std::fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.index)
    }
}

impl<T> Index<Id<T>> for Vec<T> {
    type Output = T;
    fn index(&self, id: Id<T>) -> &T {
        &self[id.index()]
    }
}

impl<T> IndexMut<Id<T>> for Vec<T> {
    fn index_mut(&mut self, id: Id<T>) -> &mut T {
        &mut self[id.index()]
    }
}

/// Every id of a list, in order.
pub fn ids<T>(list: &[T]) -> impl Iterator<Item = Id<T>> + use<T> {
    (0..list.len()).map(Id::new)
}

/// Every resource of a list with its id.
pub fn with_ids<T>(list: &[T]) -> impl Iterator<Item = (Id<T>, &T)> {
    list.iter().enumerate().map(|(i, r)| (Id::new(i), r))
}

/// One value per resource of a list, indexed by the resource's id.
#[derive(Clone, Debug, PartialEq)]
pub struct PerId<T, V> {
    values: Vec<V>,
    kind: PhantomData<fn() -> T>,
}

impl<T, V: Clone> PerId<T, V> {
    /// `value` for every resource of `list`.
    pub fn new(list: &[T], value: V) -> PerId<T, V> {
        PerId {
            values: vec![value; list.len()],
            kind: PhantomData,
        }
    }
}

impl<T, V> Default for PerId<T, V> {
    fn default() -> PerId<T, V> {
        PerId {
            values: Vec::new(),
            kind: PhantomData,
        }
    }
}

impl<T, V> PerId<T, V> {
    pub fn iter(&self) -> impl Iterator<Item = (Id<T>, &V)> {
        self.values.iter().enumerate().map(|(i, v)| (Id::new(i), v))
    }
}

impl<T, V> Index<Id<T>> for PerId<T, V> {
    type Output = V;
    fn index(&self, id: Id<T>) -> &V {
        &self.values[id.index()]
    }
}

impl<T, V> IndexMut<Id<T>> for PerId<T, V> {
    fn index_mut(&mut self, id: Id<T>) -> &mut V {
        &mut self.values[id.index()]
    }
}

/// A list the resolver finds by name: the kind whose names index it.
pub trait Named {
    const KIND: Kind;
}

/// A list whose elements are the graph's nodes of a kind (an instance's
/// copies, not its `instances` entry).
pub trait Node {
    const KIND: Kind;
}

/// What every declaration has: its address, name and tags.
pub trait Declared {
    fn common(&self) -> &Common;
}

macro_rules! kind_traits {
    (top_level { $([$kind:ident $singular:ident $plural:ident $spec:ident
        $order:literal $rank:literal $model:ident $models:ident $($keeps:ident)?])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $inner_plural:ident
        $inner_order:literal $inner_rank:literal
        $inner_model:ident $inner_models:ident])* }) => {
        $(impl Named for $model {
            const KIND: Kind = Kind::$kind;
        }
        impl Node for $kind {
            const KIND: Kind = Kind::$kind;
        }
        impl Declared for $model {
            fn common(&self) -> &Common {
                &self.common
            }
        })*
        $(impl Named for $inner_model {
            const KIND: Kind = Kind::$inner;
        }
        impl Node for $inner {
            const KIND: Kind = Kind::$inner;
        })*

        impl Model {
            /// The declarations of one kind (an instance group once, not
            /// per copy).
            pub fn commons_of(&self, kind: Kind) -> Box<dyn Iterator<Item = &Common> + '_> {
                match kind {
                    $(Kind::$kind => Box::new(self.$models.iter().map(Declared::common)),)*
                    $(Kind::$inner => Box::new(self.$inner_models.iter().map(Declared::common)),)*
                }
            }
        }
    };
}
skyplan_spec::for_each_kind!(kind_traits);

impl Declared for DefaultSecurityGroup {
    fn common(&self) -> &Common {
        &self.group.common
    }
}

impl Declared for DefaultNetworkAcl {
    fn common(&self) -> &Common {
        &self.acl.common
    }
}

pub type VpcId = Id<Vpc>;
pub type SubnetId = Id<Subnet>;
pub type InternetGatewayId = Id<InternetGateway>;
pub type ElasticIpId = Id<ElasticIp>;
pub type NatGatewayId = Id<NatGateway>;
pub type RouteTableId = Id<RouteTable>;
pub type SecurityGroupId = Id<SecurityGroup>;
pub type NetworkAclId = Id<NetworkAcl>;
pub type VpcPeeringId = Id<VpcPeering>;
pub type VpcEndpointId = Id<VpcEndpoint>;
/// An `instances` entry (before `count` expansion).
pub type InstanceGroupId = Id<InstanceGroup>;
/// One copy of an instance group.
pub type InstanceId = Id<Instance>;
pub type VolumeId = Id<Volume>;
pub type PrefixListId = Id<PrefixList>;
pub type DefaultSecurityGroupId = Id<DefaultSecurityGroup>;
pub type DefaultNetworkAclId = Id<DefaultNetworkAcl>;
pub type LoadBalancerId = Id<LoadBalancer>;
pub type TargetGroupId = Id<TargetGroup>;
pub type AutoScalingGroupId = Id<AutoScalingGroup>;

/// A resolved reference: the target and where its name was written.
pub struct Ref<T> {
    pub id: Id<T>,
    pub span: Span,
}

impl<T> Clone for Ref<T> {
    fn clone(&self) -> Ref<T> {
        *self
    }
}
impl<T> Copy for Ref<T> {}
impl<T> PartialEq for Ref<T> {
    fn eq(&self, other: &Ref<T>) -> bool {
        self.id == other.id && self.span == other.span
    }
}
impl<T> std::fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}@{:?}", self.id, self.span)
    }
}

/// Where a route sends traffic: one typed reference per target kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RouteTarget {
    InternetGateway(Ref<InternetGateway>),
    NatGateway(Ref<NatGateway>),
    VpcPeering(Ref<VpcPeering>),
    Instance(Ref<Instance>),
    EgressOnlyInternetGateway(Ref<EgressOnlyInternetGateway>),
}

impl RouteTarget {
    pub fn kind(self) -> RouteTargetKind {
        match self {
            RouteTarget::InternetGateway(_) => RouteTargetKind::InternetGateway,
            RouteTarget::NatGateway(_) => RouteTargetKind::NatGateway,
            RouteTarget::VpcPeering(_) => RouteTargetKind::VpcPeering,
            RouteTarget::Instance(_) => RouteTargetKind::Instance,
            RouteTarget::EgressOnlyInternetGateway(_) => RouteTargetKind::EgressOnlyInternetGateway,
        }
    }

    /// Where the target's name was written.
    pub fn span(self) -> Span {
        match self {
            RouteTarget::InternetGateway(r) => r.span,
            RouteTarget::NatGateway(r) => r.span,
            RouteTarget::VpcPeering(r) => r.span,
            RouteTarget::Instance(r) => r.span,
            RouteTarget::EgressOnlyInternetGateway(r) => r.span,
        }
    }
}

/// A CIDR block as written and as parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Cidr<N> {
    pub text: Sp<String>,
    pub net: Result<N, CidrError>,
}

impl<N: Copy> Cidr<N> {
    pub fn ok(&self) -> Option<N> {
        self.net.as_ref().ok().copied()
    }
    pub fn span(&self) -> Span {
        self.text.span
    }
}

pub type Cidr4 = Cidr<Ipv4Net>;
pub type Cidr6 = Cidr<Ipv6Net>;
pub type CidrAny = Cidr<IpNet>;

/// What every resource has.
#[derive(Clone, Debug, PartialEq)]
pub struct Common {
    pub name: Sp<String>,
    /// `subnet.app-a`; for an instance group, the address without index.
    pub address: String,
    /// `defaults.tags` merged under the resource's own tags.
    pub tags: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Vpc {
    pub common: Common,
    /// The VPC's own `region`, or `defaults.region` (whose span then points
    /// into `defaults`). `None` only when neither is set (reported).
    pub region: Option<Sp<String>>,
    pub region_from_defaults: bool,
    pub cidr: Cidr4,
    pub secondary_cidrs: Vec<Cidr4>,
    pub dns_support: bool,
    pub dns_hostnames: bool,
    pub tenancy: Tenancy,
    pub dhcp_options: Option<Ref<DhcpOptions>>,
    /// `ipv6: true`: an Amazon-provided /56.
    pub ipv6: Option<Sp<bool>>,
    /// `ipv6_cidr:` a block of the user's own.
    pub ipv6_cidr: Option<Cidr6>,
}

/// The IPv6 block a VPC asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VpcIpv6 {
    /// An Amazon-provided /56, known after apply.
    Amazon,
    /// A block of the user's own.
    Own(Ipv6Net),
}

impl VpcIpv6 {
    pub fn prefix_len(self) -> u8 {
        match self {
            VpcIpv6::Amazon => 56,
            VpcIpv6::Own(net) => net.prefix_len(),
        }
    }
}

/// An egress-only internet gateway.
#[derive(Clone, Debug, PartialEq)]
pub struct EgressOnlyInternetGateway {
    pub common: Common,
    pub vpc: Ref<Vpc>,
}

/// A prefix list's address family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressFamily {
    Ipv4,
    Ipv6,
}

impl AddressFamily {
    pub fn of(net: &IpNet) -> AddressFamily {
        match net {
            IpNet::V4(_) => AddressFamily::Ipv4,
            IpNet::V6(_) => AddressFamily::Ipv6,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AddressFamily::Ipv4 => "IPv4",
            AddressFamily::Ipv6 => "IPv6",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PrefixListEntry {
    pub span: Span,
    pub cidr: CidrAny,
    pub description: Option<Sp<String>>,
}

/// A customer-managed prefix list.
#[derive(Clone, Debug, PartialEq)]
pub struct PrefixList {
    pub common: Common,
    pub address_family: Sp<AddressFamily>,
    pub max_entries: Sp<i64>,
    pub entries: Vec<PrefixListEntry>,
}

impl PrefixList {
    /// The parsed blocks of its entries.
    pub fn blocks(&self) -> impl Iterator<Item = IpNet> + '_ {
        self.entries.iter().filter_map(|e| e.cidr.ok())
    }
}

/// A VPC's default security group, taken over: `group` holds its address
/// (`default_security_group.VPC`) and its rules (`egress` always written).
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultSecurityGroup {
    pub group: SecurityGroup,
}

/// A VPC's default network ACL, taken over: `acl` holds its address
/// (`default_network_acl.VPC`) and entries; its `subnets` are empty (every
/// subnet no other ACL lists uses it).
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultNetworkAcl {
    pub acl: NetworkAcl,
}

/// What a flow log records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FlowLogTarget {
    Vpc(Ref<Vpc>),
    Subnet(Ref<Subnet>),
    Instance(Ref<Instance>),
}

/// A VPC flow log.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowLog {
    pub common: Common,
    pub target: FlowLogTarget,
    /// `ALL` (the default), `ACCEPT` or `REJECT`.
    pub traffic: Option<Sp<String>>,
    pub destination: skyplan_spec::FlowLogDestinationSpec,
    pub max_aggregation_interval: Option<Sp<i64>>,
}

/// A DHCP options set.
#[derive(Clone, Debug, PartialEq)]
pub struct DhcpOptions {
    pub common: Common,
    pub domain_name: Option<Sp<String>>,
    pub domain_name_servers: Vec<Sp<String>>,
    pub ntp_servers: Vec<Sp<String>>,
    pub netbios_name_servers: Vec<Sp<String>>,
    pub netbios_node_type: Option<Sp<i64>>,
}

impl Vpc {
    /// The IPv6 block it asks for, if any (`ipv6_cidr` wins when both are
    /// written: a check reports that).
    pub fn ipv6_block(&self) -> Option<VpcIpv6> {
        if let Some(c) = &self.ipv6_cidr {
            return c.ok().map(VpcIpv6::Own);
        }
        self.ipv6
            .as_ref()
            .filter(|b| b.value)
            .map(|_| VpcIpv6::Amazon)
    }

    /// Whether it asks for IPv6 at all (even with a block that is wrong).
    pub fn wants_ipv6(&self) -> bool {
        self.ipv6_cidr.is_some() || self.ipv6.as_ref().is_some_and(|b| b.value)
    }

    /// Every parsed block: primary first.
    pub fn blocks(&self) -> impl Iterator<Item = Ipv4Net> + '_ {
        std::iter::once(&self.cidr)
            .chain(&self.secondary_cidrs)
            .filter_map(Cidr::ok)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subnet {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub cidr: Cidr4,
    pub az: Sp<String>,
    pub public_ip_on_launch: bool,
    pub ipv6_index: Option<Sp<u8>>,
    pub ipv6_cidr: Option<Cidr6>,
    pub assign_ipv6_on_creation: Option<Sp<bool>>,
}

impl Subnet {
    /// Whether it asks for an IPv6 block.
    pub fn wants_ipv6(&self) -> bool {
        self.ipv6_index.is_some() || self.ipv6_cidr.is_some()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct InternetGateway {
    pub common: Common,
    pub vpc: Ref<Vpc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ElasticIp {
    pub common: Common,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NatGateway {
    pub common: Common,
    pub subnet: Ref<Subnet>,
    pub elastic_ip: Option<Ref<ElasticIp>>,
    /// `connectivity: public` (the default) or `private`.
    pub public: bool,
    pub connectivity: Option<Sp<NatConnectivity>>,
}

/// What a route sends to its target.
#[derive(Clone, Debug, PartialEq)]
pub enum RouteDestination {
    Cidr(CidrAny),
    PrefixList(Ref<PrefixList>),
}

impl RouteDestination {
    /// The block, when it is an IPv4 one.
    pub fn ipv4(&self) -> Option<Ipv4Net> {
        match self {
            RouteDestination::Cidr(c) => match c.ok() {
                Some(IpNet::V4(n)) => Some(n),
                Some(IpNet::V6(_)) | None => None,
            },
            RouteDestination::PrefixList(_) => None,
        }
    }

    /// The block, when it is a parsed one.
    pub fn block(&self) -> Option<IpNet> {
        match self {
            RouteDestination::Cidr(c) => c.ok(),
            RouteDestination::PrefixList(_) => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            RouteDestination::Cidr(c) => c.span(),
            RouteDestination::PrefixList(r) => r.span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub span: Span,
    pub destination: RouteDestination,
    /// Every resolved target; exactly one is valid (checked by a rule).
    pub targets: Vec<RouteTarget>,
    /// How many target keys were written (some may not have resolved).
    pub targets_written: usize,
}

impl Route {
    /// The single target, when there is exactly one.
    pub fn target(&self) -> Option<RouteTarget> {
        match self.targets.as_slice() {
            [one] if self.targets_written == 1 => Some(*one),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RouteTable {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub main: Option<Sp<bool>>,
    pub routes: Vec<Route>,
    pub subnets: Vec<Ref<Subnet>>,
}

impl RouteTable {
    pub fn is_main(&self) -> bool {
        self.main.as_ref().is_some_and(|m| m.value)
    }
}

/// Where a security group rule's traffic comes from (ingress) or goes to (egress).
#[derive(Clone, Debug, PartialEq)]
pub struct SgRule {
    pub span: Span,
    pub protocol: Sp<String>,
    pub ports: Option<Sp<String>>,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: Option<CidrAny>,
    pub cidrs: Option<Sp<Vec<CidrAny>>>,
    pub security_group: Option<Ref<SecurityGroup>>,
    /// Whether a `security_group` key was written (it may not have resolved).
    pub security_group_written: bool,
    pub prefix_list: Option<Ref<PrefixList>>,
    pub self_: Option<Sp<bool>>,
    pub description: Option<Sp<String>>,
}

impl SgRule {
    /// Every CIDR the rule names (`cidr` and each of `cidrs`).
    pub fn all_cidrs(&self) -> impl Iterator<Item = &CidrAny> {
        self.cidr
            .iter()
            .chain(self.cidrs.iter().flat_map(|c| c.value.iter()))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SecurityGroup {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    /// As written; [`SecurityGroup::DEFAULT_DESCRIPTION`] when absent.
    pub description: Option<Sp<String>>,
    pub ingress: Vec<SgRule>,
    /// `None`: allow all outbound (AWS's default). `Some([])`: deny all.
    pub egress: Option<Vec<SgRule>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NaclEntry {
    pub span: Span,
    pub rule: Sp<i64>,
    pub allow: bool,
    pub protocol: Sp<String>,
    pub ports: Option<Sp<String>>,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: CidrAny,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NetworkAcl {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub subnets: Vec<Ref<Subnet>>,
    pub ingress: Vec<NaclEntry>,
    pub egress: Vec<NaclEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VpcPeering {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub peer_vpc: Ref<Vpc>,
}

impl SecurityGroup {
    /// What AWS requires and skyplan writes when the spec gives none.
    pub const DEFAULT_DESCRIPTION: &'static str = "Managed by skyplan";

    pub fn description_text(&self) -> &str {
        self.description
            .as_ref()
            .map_or(Self::DEFAULT_DESCRIPTION, |d| d.value.as_str())
    }
}

impl VpcPeering {
    /// The other side of the peering from `vpc`, if `vpc` takes part.
    pub fn peer_of(&self, vpc: VpcId) -> Option<VpcId> {
        if self.vpc.id == vpc {
            Some(self.peer_vpc.id)
        } else if self.peer_vpc.id == vpc {
            Some(self.vpc.id)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct VpcEndpoint {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub endpoint_type: EndpointType,
    /// The `type` key, when written.
    pub type_span: Option<Span>,
    /// The service's short name (`ssm`, `ecr.api`), from a full
    /// `com.amazonaws.REGION.SERVICE` name too.
    pub service: Sp<String>,
    /// The region a full service name names.
    pub service_region: Option<String>,
    pub route_tables: Vec<Ref<RouteTable>>,
    pub subnets: Vec<Ref<Subnet>>,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    /// Where each list was written (for checks on the key itself).
    pub route_tables_span: Option<Span>,
    pub subnets_span: Option<Span>,
    pub security_groups_span: Option<Span>,
    pub private_dns: Option<Sp<bool>>,
    pub policy: Option<PolicySpec>,
}

impl VpcEndpoint {
    /// Whether the service's public name resolves to the endpoint
    /// (interface endpoints; on unless `private_dns: false`).
    pub fn private_dns(&self) -> bool {
        self.endpoint_type == EndpointType::Interface
            && self.private_dns.as_ref().is_none_or(|p| p.value)
    }
}

/// One `instances` entry, shared by its copies.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceGroup {
    pub common: Common,
    /// The subnet(s) copies are placed in: copy i goes to `subnets[i % n]`.
    pub subnets: Vec<Ref<Subnet>>,
    /// Both `subnet` and `subnets` were written, or neither (a rule reports it).
    pub placement_ambiguous: Option<Span>,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    /// The `security_groups` key, when written.
    pub security_groups_span: Option<Span>,
    pub count: Option<Sp<u32>>,
    pub private_ip: Option<Sp<String>>,
    pub public_ip: Option<Sp<bool>>,
    pub elastic_ip: Option<Ref<ElasticIp>>,
    pub key_name: Option<Sp<String>>,
    pub user_data: Option<Sp<String>>,
    pub state: Option<Sp<InstanceState>>,
    /// Hibernation enabled at launch.
    pub hibernation: Option<Sp<bool>>,
    /// `None`: AWS's default, on.
    pub source_dest_check: Option<Sp<bool>>,
    pub metadata: Option<skyplan_spec::MetadataSpec>,
    pub iam_instance_profile: Option<Sp<String>>,
    pub root_volume: Option<RootVolumeSpec>,
    /// The copies, in index order.
    pub instances: Vec<InstanceId>,
}

/// One running copy: `instance.web` or `instance.web[2]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub group: InstanceGroupId,
    pub index: Option<u32>,
    pub address: String,
    pub subnet: Ref<Subnet>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub instance: Ref<Instance>,
    pub device: Sp<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    pub common: Common,
    pub az: Sp<String>,
    pub size_gb: Sp<u64>,
    pub volume_type: Sp<VolumeType>,
    pub volume_type_written: bool,
    pub iops: Option<Sp<u64>>,
    pub throughput: Option<Sp<u64>>,
    pub attach: Option<Attachment>,
}

/// One listener of a load balancer.
#[derive(Clone, Debug, PartialEq)]
pub struct Listener {
    pub span: Span,
    pub port: Sp<i64>,
    /// HTTP, HTTPS, TCP, UDP, TLS or TCP_UDP.
    pub protocol: Sp<String>,
    pub target_group: Ref<TargetGroup>,
    pub certificate: Option<Sp<String>>,
}

/// A load balancer (application or network).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    pub common: Common,
    pub lb_type: Sp<LoadBalancerType>,
    /// `scheme: internal`; internet-facing otherwise.
    pub internal: bool,
    pub scheme: Option<Sp<String>>,
    pub subnets: Vec<Ref<Subnet>>,
    /// The `subnets` list.
    pub subnets_span: Span,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    pub ip_address_type: Option<Sp<String>>,
    pub listeners: Vec<Listener>,
}

/// What an instance is launched with, needing no other resource.
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchSettings {
    pub address: String,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub user_data: Option<Sp<String>>,
    pub metadata: Option<skyplan_spec::MetadataSpec>,
}

/// A target group of instances.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetGroup {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub protocol: Sp<String>,
    pub port: Sp<i64>,
    pub target_type: Option<Sp<String>>,
    /// Every instance copy it names (a name with `count` names them all).
    pub targets: Vec<Ref<Instance>>,
    pub health_check: Option<HealthCheckSpec>,
}

/// A launch template: an instance's settings, for auto scaling groups.
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchTemplate {
    pub common: Common,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    pub key_name: Option<Sp<String>>,
    pub user_data: Option<Sp<String>>,
    pub metadata: Option<MetadataSpec>,
    pub root_volume: Option<RootVolumeSpec>,
    pub iam_instance_profile: Option<Sp<String>>,
}

/// An auto scaling group.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoScalingGroup {
    pub common: Common,
    pub launch_template: Ref<LaunchTemplate>,
    pub subnets: Vec<Ref<Subnet>>,
    /// The `subnets` list.
    pub subnets_span: Span,
    pub min: Sp<i64>,
    pub max: Sp<i64>,
    pub desired: Option<Sp<i64>>,
    pub target_groups: Vec<Ref<TargetGroup>>,
}

impl AutoScalingGroup {
    /// How many instances run: `desired`, else `min`.
    pub fn desired(&self) -> i64 {
        self.desired.as_ref().map_or(self.min.value, |d| d.value)
    }

    /// The subnet of each of `n` instances, spread evenly over the subnets
    /// in the order written (AWS balances over AZs; a group has one subnet
    /// per AZ).
    pub fn placement(&self, n: usize) -> Vec<SubnetId> {
        if self.subnets.is_empty() {
            return Vec::new();
        }
        (0..n)
            .map(|i| self.subnets[i % self.subnets.len()].id)
            .collect()
    }
}

/// One entry of `expectations:`. Its endpoints are resolved when it is
/// evaluated (by `skyplan-reach`), where their errors are reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    pub name: Sp<String>,
    /// `expectation.NAME`.
    pub address: String,
    pub from: Sp<String>,
    pub to: Sp<String>,
    /// `tcp` (the default), `udp` or `icmp`.
    pub protocol: Option<Sp<String>>,
    pub port: Option<Sp<u16>>,
    pub reachable: Sp<bool>,
}

/// Everything of one stack, resolved.
#[derive(Debug, Default)]
pub struct Model {
    pub default_region: Option<Sp<String>>,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub internet_gateways: Vec<InternetGateway>,
    pub elastic_ips: Vec<ElasticIp>,
    pub nat_gateways: Vec<NatGateway>,
    pub route_tables: Vec<RouteTable>,
    pub security_groups: Vec<SecurityGroup>,
    pub network_acls: Vec<NetworkAcl>,
    pub vpc_peerings: Vec<VpcPeering>,
    pub vpc_endpoints: Vec<VpcEndpoint>,
    pub instance_groups: Vec<InstanceGroup>,
    /// Instances left out because a reference of theirs does not resolve:
    /// their own settings are still checked, so one mistake (a subnet
    /// misspelt) does not hide another (an AMI id, an instance type).
    pub unplaced_instances: Vec<LaunchSettings>,
    /// The `ami` and `type` of instances with a broken attribute (checked
    /// as written; see `StackSpec::broken_instances`).
    pub broken_instances: Vec<skyplan_spec::WrittenLaunch>,
    pub instances: Vec<Instance>,
    pub volumes: Vec<Volume>,
    pub dhcp_options: Vec<DhcpOptions>,
    pub flow_logs: Vec<FlowLog>,
    pub egress_only_internet_gateways: Vec<EgressOnlyInternetGateway>,
    pub prefix_lists: Vec<PrefixList>,
    pub default_security_groups: Vec<DefaultSecurityGroup>,
    pub default_network_acls: Vec<DefaultNetworkAcl>,
    pub load_balancers: Vec<LoadBalancer>,
    pub target_groups: Vec<TargetGroup>,
    pub launch_templates: Vec<LaunchTemplate>,
    pub auto_scaling_groups: Vec<AutoScalingGroup>,
    /// Reachability questions with their expected answers (not resources:
    /// not in the graph, plans or state).
    pub expectations: Vec<Expectation>,
    pub graph: DependencyGraph,
    /// Per subnet: the first route table that lists it.
    pub subnet_route_table: PerId<Subnet, Option<RouteTableId>>,
    /// Per VPC: the first `main: true` route table.
    pub vpc_main_route_table: PerId<Vpc, Option<RouteTableId>>,
    /// Per subnet: the first network ACL that lists it.
    pub subnet_network_acl: PerId<Subnet, Option<NetworkAclId>>,
    /// Per VPC: its default security group, when the VPC takes it over.
    pub vpc_default_security_group: PerId<Vpc, Option<DefaultSecurityGroupId>>,
    /// Per VPC: its default network ACL, when the VPC takes it over.
    pub vpc_default_network_acl: PerId<Vpc, Option<DefaultNetworkAclId>>,
    /// Per kind: whether a declared resource of it was dropped (a broken
    /// attribute or a reference that did not resolve).
    pub dropped: [bool; skyplan_spec::Kind::ALL.len()],
    /// How many declarations were dropped.
    pub dropped_count: usize,
}

impl InstanceGroup {
    /// Whether the instance drops traffic not addressed to it (AWS's default).
    pub fn source_dest_check(&self) -> bool {
        self.source_dest_check.as_ref().is_none_or(|c| c.value)
    }

    /// Whether it runs (a stopped or hibernated instance forwards nothing).
    pub fn running(&self) -> bool {
        self.state
            .as_ref()
            .is_none_or(|s| s.value == InstanceState::Running)
    }
}

impl Model {
    /// Whether every declared resource of these kinds is in the model. A
    /// check that concludes from an absence ("no route uses this gateway",
    /// "every subnet is in one AZ") runs only then: a dropped resource may
    /// be exactly what is missing.
    pub fn complete(&self, kinds: &[skyplan_spec::Kind]) -> bool {
        kinds.iter().all(|k| !self.dropped[*k as usize])
    }

    pub fn subnet_vpc(&self, subnet: SubnetId) -> VpcId {
        self.subnets[subnet].vpc.id
    }

    pub fn instance_vpc(&self, instance: InstanceId) -> VpcId {
        self.subnet_vpc(self.instances[instance].subnet.id)
    }

    /// The route table a subnet uses: its explicit association, else its
    /// VPC's `main: true` table. `None` means the VPC's implicit main route
    /// table, which holds only the local routes.
    pub fn route_table_of(&self, subnet: SubnetId) -> Option<RouteTableId> {
        self.subnet_route_table[subnet].or(self.vpc_main_route_table[self.subnet_vpc(subnet)])
    }

    /// The network ACL a subnet uses: the one that lists it, else its
    /// VPC's default ACL when the VPC takes it over. `None` means AWS's
    /// default ACL (allow all).
    pub fn network_acl_of(&self, subnet: SubnetId) -> Option<&NetworkAcl> {
        match self.subnet_network_acl[subnet] {
            Some(acl) => Some(&self.network_acls[acl]),
            None => self.vpc_default_network_acl[self.subnet_vpc(subnet)]
                .map(|d| &self.default_network_acls[d].acl),
        }
    }

    /// Every security group with rules the stack writes: declared groups,
    /// then taken-over default groups.
    pub fn rule_groups(&self) -> impl Iterator<Item = &SecurityGroup> {
        self.security_groups
            .iter()
            .chain(self.default_security_groups.iter().map(|d| &d.group))
    }

    /// Every network ACL with entries the stack writes: declared ACLs, then
    /// taken-over default ACLs.
    pub fn entry_acls(&self) -> impl Iterator<Item = &NetworkAcl> {
        self.network_acls
            .iter()
            .chain(self.default_network_acls.iter().map(|d| &d.acl))
    }

    /// The IPv4 blocks a route sends: its block, or every IPv4 entry of its
    /// prefix list.
    pub fn route_ipv4_blocks(&self, route: &Route) -> Vec<Ipv4Net> {
        let v4 = |net: IpNet| match net {
            IpNet::V4(n) => Some(n),
            IpNet::V6(_) => None,
        };
        match &route.destination {
            RouteDestination::Cidr(c) => c.ok().and_then(v4).into_iter().collect(),
            RouteDestination::PrefixList(p) => {
                self.prefix_lists[p.id].blocks().filter_map(v4).collect()
            }
        }
    }

    /// A subnet's IPv6 block, when the spec makes it known before apply
    /// (its own `ipv6_cidr`, or an index into the VPC's own block).
    pub fn subnet_ipv6(&self, subnet: SubnetId) -> Option<Ipv6Net> {
        let s = &self.subnets[subnet];
        if let Some(c) = &s.ipv6_cidr {
            return c.ok();
        }
        let index = s.ipv6_index.as_ref()?.value;
        match self.vpcs[s.vpc.id].ipv6_block()? {
            VpcIpv6::Own(block) if block.prefix_len() == 56 => {
                skyplan_cidr::ipv6_subnet(block, index)
            }
            VpcIpv6::Own(_) | VpcIpv6::Amazon => None,
        }
    }

    /// Every resource of the model, once per declaration (an instance group
    /// once, not per copy), kind by kind.
    pub fn commons(&self) -> impl Iterator<Item = &Common> {
        Kind::ALL.into_iter().flat_map(|kind| self.commons_of(kind))
    }

    /// The resources the stack declares: every copy in the model, and each
    /// dropped declaration once.
    pub fn resource_count(&self) -> usize {
        self.graph.node_count() + self.dropped_count
    }
}
