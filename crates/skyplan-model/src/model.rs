//! The resolved resource model: every reference is an index into one of
//! the [`Model`]'s lists, every CIDR is parsed (or carries why it is not),
//! `count` is expanded and defaults are applied.

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use skyplan_cidr::{CidrError, IpNet, Ipv4Net, Ipv6Net};
use skyplan_diagnostics::Span;
use skyplan_spec::{Kind, Sp, TagSet};

pub use crate::graph::{DependencyGraph, Edge, EdgeKind, NodeRef};
use crate::kinds::*;

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
        $order:literal $rank:literal $resolve:literal $model:ident $models:ident $($keeps:ident)?])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $inner_plural:ident
        $inner_order:literal $inner_rank:literal $inner_resolve:literal
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
pub type DbInstanceId = Id<DbInstance>;
pub type TransitGatewayId = Id<TransitGateway>;
pub type TransitGatewayAttachmentId = Id<TransitGatewayAttachment>;
pub type TransitGatewayRouteTableId = Id<TransitGatewayRouteTable>;
pub type VpnConnectionId = Id<VpnConnection>;
pub type CustomerGatewayId = Id<CustomerGateway>;
pub type DxGatewayId = Id<DxGateway>;

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
    pub tags: TagSet,
}

/// One output: a value shown after apply and by `skyplan output`.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    pub name: Sp<String>,
    pub description: Option<String>,
    pub value: OutputValue,
}

/// What an output shows.
#[derive(Clone, Debug, PartialEq)]
pub enum OutputValue {
    /// An attribute of a resource, read from the state.
    Attribute {
        address: skyplan_spec::Address,
        attribute: String,
    },
    /// Text, as written (or as an expression made it).
    Text(String),
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
    /// An instance the path must go through.
    pub via: Option<Sp<String>>,
}

macro_rules! model {
    (top_level { $([$kind:ident $singular:ident $plural:ident $spec:ident
        $order:literal $rank:literal $resolve:literal $model:ident $models:ident $($keeps:ident)?])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $inner_plural:ident
        $inner_order:literal $inner_rank:literal $inner_resolve:literal
        $inner_model:ident $inner_models:ident])* }) => {
        /// Everything of one stack, resolved: one list per kind (an
        /// instance's declarations are `instance_groups`, its copies
        /// `instances`).
        #[derive(Debug, Default)]
        pub struct Model {
            $(pub $models: Vec<$model>,)*
            $(pub $inner_models: Vec<$inner_model>,)*
            pub default_region: Option<Sp<String>>,
            /// Instances left out because a reference of theirs does not resolve:
            /// their own settings are still checked, so one mistake (a subnet
            /// misspelt) does not hide another (an AMI id, an instance type).
            pub unplaced_instances: Vec<LaunchSettings>,
            /// The `ami` and `type` of instances with a broken attribute (checked
            /// as written; see `StackSpec::broken_instances`).
            pub broken_instances: Vec<skyplan_spec::WrittenLaunch>,
            /// Transit gateway route tables left out because a reference of
            /// theirs does not resolve: the gateway they name (`None` when
            /// that is the reference that failed). What they would associate
            /// is unknown, so no attachment is called unassociated for them.
            pub dropped_transit_tables: Vec<Option<Id<TransitGateway>>>,
            pub instances: Vec<Instance>,
            /// Reachability questions with their expected answers (not resources:
            /// not in the graph, plans or state).
            pub expectations: Vec<Expectation>,
            /// `outputs:`, checked.
            pub outputs: Vec<Output>,
            /// `moved:` entries, checked: (from, to) addresses.
            pub moved: Vec<(skyplan_spec::Address, skyplan_spec::Address)>,
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
    };
}
skyplan_spec::for_each_kind!(model);

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
