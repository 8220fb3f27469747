//! The declarations of a stack as the user wrote them, every value with its
//! span. References are still names here; `skyplan-model` resolves them.

use std::collections::BTreeMap;

use skyplan_diagnostics::Span;

use crate::kinds::Kind;

use crate::words::{
    EndpointType, InstanceState, LoadBalancerType, NatConnectivity, Tenancy, VolumeType,
};

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// `defaults:`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Defaults {
    pub region: Option<Sp<String>>,
    pub tags: Tags,
    /// The `defaults` key itself.
    pub span: Option<Span>,
}

pub type Tags = BTreeMap<String, Sp<String>>;

/// One declared resource. `attrs` is `None` when a required attribute is
/// missing or malformed: the resource exists (its name resolves, so no
/// second error is reported for references to it) but is not checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl<A> {
    pub name: Sp<String>,
    pub tags: Tags,
    pub attrs: Option<A>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VpcSpec {
    pub cidr: Sp<String>,
    pub region: Option<Sp<String>>,
    pub secondary_cidrs: Vec<Sp<String>>,
    pub dns_support: Option<Sp<bool>>,
    pub dns_hostnames: Option<Sp<bool>>,
    pub tenancy: Option<Sp<Tenancy>>,
    pub dhcp_options: Option<Sp<String>>,
    /// An Amazon-provided IPv6 /56.
    pub ipv6: Option<Sp<bool>>,
    /// An IPv6 block of the user's own (or from IPAM).
    pub ipv6_cidr: Option<Sp<String>>,
    /// `default_security_group:` takes the VPC's default group over.
    pub default_security_group: Option<DefaultSecurityGroupSpec>,
    /// `default_network_acl:` takes the VPC's default ACL over.
    pub default_network_acl: Option<DefaultNetworkAclSpec>,
}

/// A VPC's `default_security_group:`: its rules replace AWS's.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultSecurityGroupSpec {
    /// The `default_security_group` key.
    pub span: Span,
    pub ingress: Vec<SgRuleSpec>,
    pub egress: Vec<SgRuleSpec>,
}

/// A VPC's `default_network_acl:`: its entries replace AWS's.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultNetworkAclSpec {
    /// The `default_network_acl` key.
    pub span: Span,
    pub ingress: Vec<NaclEntrySpec>,
    pub egress: Vec<NaclEntrySpec>,
}

/// An egress-only internet gateway (IPv6 outbound only).
#[derive(Debug, Clone, PartialEq)]
pub struct EgressOnlyInternetGatewaySpec {
    pub vpc: Sp<String>,
}

/// A customer-managed prefix list (see `schema::PREFIX_LIST`).
#[derive(Debug, Clone, PartialEq)]
pub struct PrefixListSpec {
    /// `IPv4` or `IPv6`.
    pub address_family: Sp<String>,
    pub max_entries: Sp<i64>,
    pub entries: Vec<PrefixListEntrySpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrefixListEntrySpec {
    pub span: Span,
    pub cidr: Sp<String>,
    pub description: Option<Sp<String>>,
}

/// A flow log (see `schema::FLOW_LOG`).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLogSpec {
    /// The address of the VPC, subnet or instance it records.
    pub resource: Sp<String>,
    /// `ALL`, `ACCEPT` or `REJECT`.
    pub traffic: Option<Sp<String>>,
    pub destination: FlowLogDestinationSpec,
    pub max_aggregation_interval: Option<Sp<i64>>,
}

/// Where a flow log delivers: an S3 bucket, or a CloudWatch Logs group
/// with the role that writes to it.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLogDestinationSpec {
    pub span: Span,
    pub s3: Option<Sp<String>>,
    pub cloudwatch_logs: Option<Sp<String>>,
    pub role: Option<Sp<String>>,
}

/// A DHCP options set (see `schema::DHCP_OPTIONS`).
#[derive(Debug, Clone, PartialEq)]
pub struct DhcpOptionsSpec {
    pub domain_name: Option<Sp<String>>,
    pub domain_name_servers: Option<Sp<Vec<Sp<String>>>>,
    pub ntp_servers: Option<Sp<Vec<Sp<String>>>>,
    pub netbios_name_servers: Option<Sp<Vec<Sp<String>>>>,
    pub netbios_node_type: Option<Sp<i64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubnetSpec {
    pub vpc: Sp<String>,
    pub cidr: Sp<String>,
    pub az: Sp<String>,
    pub public_ip_on_launch: Option<Sp<bool>>,
    /// The subnet's /64 is the VPC's /56 plus this index.
    pub ipv6_index: Option<Sp<i64>>,
    pub ipv6_cidr: Option<Sp<String>>,
    pub assign_ipv6_on_creation: Option<Sp<bool>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InternetGatewaySpec {
    pub vpc: Sp<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ElasticIpSpec {}

#[derive(Debug, Clone, PartialEq)]
pub struct NatGatewaySpec {
    pub subnet: Sp<String>,
    pub elastic_ip: Option<Sp<String>>,
    /// `public` or `private`.
    pub connectivity: Option<Sp<NatConnectivity>>,
}

/// The target keys a route may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RouteTargetKind {
    InternetGateway,
    NatGateway,
    VpcPeering,
    Instance,
    EgressOnlyInternetGateway,
}

impl RouteTargetKind {
    pub const ALL: [RouteTargetKind; 5] = [
        RouteTargetKind::InternetGateway,
        RouteTargetKind::NatGateway,
        RouteTargetKind::VpcPeering,
        RouteTargetKind::Instance,
        RouteTargetKind::EgressOnlyInternetGateway,
    ];

    pub const fn key(self) -> &'static str {
        match self {
            RouteTargetKind::InternetGateway => "internet_gateway",
            RouteTargetKind::NatGateway => "nat_gateway",
            RouteTargetKind::VpcPeering => "vpc_peering",
            RouteTargetKind::Instance => "instance",
            RouteTargetKind::EgressOnlyInternetGateway => "egress_only_internet_gateway",
        }
    }

    pub const fn kind(self) -> Kind {
        match self {
            RouteTargetKind::InternetGateway => Kind::InternetGateway,
            RouteTargetKind::NatGateway => Kind::NatGateway,
            RouteTargetKind::VpcPeering => Kind::VpcPeering,
            RouteTargetKind::Instance => Kind::Instance,
            RouteTargetKind::EgressOnlyInternetGateway => Kind::EgressOnlyInternetGateway,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteSpec {
    /// The whole route entry.
    pub span: Span,
    /// `destination` or `destination_prefix_list`: exactly one (the decoder
    /// makes sure).
    pub destination: RouteDestinationSpec,
    /// Every target key written; exactly one is valid (checked by RT003).
    pub targets: Vec<(RouteTargetKind, Sp<String>)>,
}

/// What a route sends: a block, or every block of a prefix list.
#[derive(Debug, Clone, PartialEq)]
pub enum RouteDestinationSpec {
    Cidr(Sp<String>),
    PrefixList(Sp<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteTableSpec {
    pub vpc: Sp<String>,
    pub main: Option<Sp<bool>>,
    pub routes: Vec<RouteSpec>,
    pub subnets: Vec<Sp<String>>,
}

/// One security group rule as written.
#[derive(Debug, Clone, PartialEq)]
pub struct SgRuleSpec {
    pub span: Span,
    /// As written: a name (`tcp`) or a number (`6`).
    pub protocol: Sp<String>,
    /// As written: `443` or `1024-65535`.
    pub ports: Option<Sp<String>>,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: Option<Sp<String>>,
    pub cidrs: Option<Sp<Vec<Sp<String>>>>,
    pub security_group: Option<Sp<String>>,
    pub prefix_list: Option<Sp<String>>,
    pub self_: Option<Sp<bool>>,
    pub description: Option<Sp<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityGroupSpec {
    pub vpc: Sp<String>,
    pub description: Option<Sp<String>>,
    pub ingress: Vec<SgRuleSpec>,
    /// `None`: egress omitted, AWS's allow-all default. `Some([])`: deny all.
    pub egress: Option<Vec<SgRuleSpec>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NaclEntrySpec {
    pub span: Span,
    pub rule: Sp<i64>,
    /// `allow` or `deny`.
    pub action: Sp<String>,
    pub protocol: Sp<String>,
    pub ports: Option<Sp<String>>,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: Sp<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAclSpec {
    pub vpc: Sp<String>,
    pub subnets: Vec<Sp<String>>,
    pub ingress: Vec<NaclEntrySpec>,
    pub egress: Vec<NaclEntrySpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VpcPeeringSpec {
    pub vpc: Sp<String>,
    pub peer_vpc: Sp<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VpcEndpointSpec {
    pub vpc: Sp<String>,
    /// `gateway` (the default) or `interface`.
    pub endpoint_type: Option<Sp<EndpointType>>,
    /// A short service name (`s3`, `ssm`, `ecr.api`) or a full
    /// `com.amazonaws.REGION.SERVICE` name.
    pub service: Sp<String>,
    pub route_tables: Option<Sp<Vec<Sp<String>>>>,
    pub subnets: Option<Sp<Vec<Sp<String>>>>,
    pub security_groups: Option<Sp<Vec<Sp<String>>>>,
    pub private_dns: Option<Sp<bool>>,
    pub policy: Option<PolicySpec>,
}

/// An endpoint policy: an IAM policy document written as YAML.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySpec {
    pub span: Span,
    /// The document as minified JSON, as AWS stores it.
    pub json: String,
    pub version: Option<Sp<String>>,
    /// `Statement`, when it is a list (or one mapping).
    pub statements: Option<Vec<StatementSpec>>,
    /// Top-level keys an IAM policy does not have.
    pub unknown_keys: Vec<Sp<String>>,
    /// Where `Statement` is, when it is neither a list nor a mapping.
    pub statement_not_a_list: Option<Span>,
}

/// One statement of a policy, as far as the checks read it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementSpec {
    pub span: Span,
    pub effect: Option<Sp<String>>,
    /// `Action`/`NotAction` and `Resource`/`NotResource`: the strings of
    /// each, when written (`None`: absent).
    pub action: Option<Vec<String>>,
    pub not_action: Option<Vec<String>>,
    pub resource: Option<Vec<String>>,
    pub not_resource: Option<Vec<String>>,
    /// `Principal` as minified JSON (`"*"` for everyone).
    pub principal: Option<String>,
    pub has_condition: bool,
    /// Keys a statement does not have.
    pub unknown_keys: Vec<Sp<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstanceSpec {
    pub subnet: Option<Sp<String>>,
    pub subnets: Option<Sp<Vec<Sp<String>>>>,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Sp<String>>,
    pub count: Option<Sp<u32>>,
    pub private_ip: Option<Sp<String>>,
    pub public_ip: Option<Sp<bool>>,
    pub elastic_ip: Option<Sp<String>>,
    pub key_name: Option<Sp<String>>,
    pub user_data: Option<Sp<String>>,
    /// `running`, `stopped` or `hibernated`.
    pub state: Option<Sp<InstanceState>>,
    pub hibernation: Option<Sp<bool>>,
    pub source_dest_check: Option<Sp<bool>>,
    pub metadata: Option<MetadataSpec>,
    pub iam_instance_profile: Option<Sp<String>>,
    pub root_volume: Option<RootVolumeSpec>,
}

/// An instance's `root_volume:` (see `schema::ROOT_VOLUME`).
#[derive(Debug, Clone, PartialEq)]
pub struct RootVolumeSpec {
    pub span: Span,
    pub size_gb: Option<Sp<u64>>,
    pub volume_type: Option<Sp<VolumeType>>,
    pub iops: Option<Sp<u64>>,
    pub throughput: Option<Sp<u64>>,
    pub encrypted: Option<Sp<bool>>,
}

/// An instance's `metadata:` (see `schema::METADATA`).
#[derive(Debug, Clone, PartialEq)]
pub struct MetadataSpec {
    /// `required` or `optional`.
    pub http_tokens: Option<Sp<String>>,
    pub hop_limit: Option<Sp<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttachSpec {
    pub instance: Sp<String>,
    pub device: Sp<String>,
}

/// A load balancer (see `schema::LOAD_BALANCER`).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadBalancerSpec {
    /// `application` or `network`.
    pub lb_type: Sp<LoadBalancerType>,
    /// `internet-facing` (the default) or `internal`.
    pub scheme: Option<Sp<String>>,
    pub subnets: Sp<Vec<Sp<String>>>,
    pub security_groups: Vec<Sp<String>>,
    /// `ipv4` (the default) or `dualstack`.
    pub ip_address_type: Option<Sp<String>>,
    pub listeners: Vec<ListenerSpec>,
}

/// One listener of a load balancer.
#[derive(Debug, Clone, PartialEq)]
pub struct ListenerSpec {
    pub span: Span,
    pub port: Sp<i64>,
    pub protocol: Sp<String>,
    pub target_group: Sp<String>,
    pub certificate: Option<Sp<String>>,
}

/// A target group (see `schema::TARGET_GROUP`).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroupSpec {
    pub vpc: Sp<String>,
    pub protocol: Sp<String>,
    pub port: Sp<i64>,
    pub target_type: Option<Sp<String>>,
    /// Instance names: `app[1]` for one copy, a name with `count` for every
    /// copy.
    pub targets: Vec<Sp<String>>,
    pub health_check: Option<HealthCheckSpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HealthCheckSpec {
    pub span: Span,
    pub protocol: Option<Sp<String>>,
    /// A port number, or `traffic-port` (the default).
    pub port: Option<Sp<String>>,
    pub path: Option<Sp<String>>,
}

/// A launch template (see `schema::LAUNCH_TEMPLATE`).
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchTemplateSpec {
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Sp<String>>,
    pub key_name: Option<Sp<String>>,
    pub user_data: Option<Sp<String>>,
    pub metadata: Option<MetadataSpec>,
    pub root_volume: Option<RootVolumeSpec>,
    pub iam_instance_profile: Option<Sp<String>>,
}

/// An auto scaling group (see `schema::AUTO_SCALING_GROUP`).
#[derive(Debug, Clone, PartialEq)]
pub struct AutoScalingGroupSpec {
    pub launch_template: Sp<String>,
    pub subnets: Sp<Vec<Sp<String>>>,
    pub min: Sp<i64>,
    pub max: Sp<i64>,
    pub desired: Option<Sp<i64>>,
    pub target_groups: Vec<Sp<String>>,
}

/// One entry of `expectations:` (see `schema::EXPECTATION`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectationSpec {
    pub from: Sp<String>,
    pub to: Sp<String>,
    /// `tcp`, `udp` or `icmp`.
    pub protocol: Option<Sp<String>>,
    pub port: Option<Sp<u16>>,
    pub reachable: Sp<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolumeSpec {
    pub az: Sp<String>,
    pub size_gb: Sp<u64>,
    /// `gp2`, `gp3`, `io1`, `io2`, `st1`, `sc1` or `standard`.
    pub volume_type: Option<Sp<VolumeType>>,
    pub iops: Option<Sp<u64>>,
    pub throughput: Option<Sp<u64>>,
    pub attach: Option<AttachSpec>,
}

macro_rules! stack_spec {
    (top_level { $([$kind:ident $singular:ident $plural:ident $schema:ident $spec:ident
        $order:literal $rank:literal $model:ident $models:ident $($keeps:ident)?])* }
     inside_vpc { $($inside_vpc:tt)* }) => {
        /// Every declaration of one stack, merged from its files in
        /// file-name order: one list per top-level kind.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct StackSpec {
            pub defaults: Defaults,
            $(pub $plural: Vec<Decl<$spec>>,)*
            /// Not resources: reachability questions `lint` answers.
            pub expectations: Vec<Decl<ExpectationSpec>>,
            /// The AMI and type of instances with a broken attribute elsewhere:
            /// they are still checked, as written (one mistake must not hide
            /// another), while nothing derived from a default is.
            pub broken_instances: Vec<WrittenLaunch>,
        }
    };
}
crate::for_each_kind!(stack_spec);

/// An instance's `ami` and `type` as written, where another of its
/// attributes is broken.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenLaunch {
    pub address: String,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
}
