//! The snapshot: the JSON the AWS CLI prints for each `describe-*` call,
//! read into typed records of the fields skyplan uses (AWS adds fields
//! over time; the others are ignored). `scripts/snapshot.sh` writes one
//! file per call, named after it.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::{ImportError, Problem};

/// A file of the snapshot: its name and text.
pub struct SnapshotFile {
    pub name: String,
    pub text: String,
}

/// The files `import` needs: without one of them a resource could be
/// missed without a word.
pub const REQUIRED: &[&str] = &[
    "describe-vpcs.json",
    "describe-subnets.json",
    "describe-route-tables.json",
    "describe-internet-gateways.json",
    "describe-nat-gateways.json",
    "describe-addresses.json",
    "describe-security-groups.json",
    "describe-network-acls.json",
    "describe-instances.json",
    "describe-volumes.json",
];

/// Files read when present: a snapshot of a network without these kinds
/// may leave them out.
pub const OPTIONAL: &[&str] = &[
    "describe-vpc-attributes.json",
    "describe-vpc-peering-connections.json",
    "describe-vpc-endpoints.json",
    "describe-managed-prefix-lists.json",
    "get-managed-prefix-list-entries.json",
    "describe-dhcp-options.json",
    "describe-egress-only-internet-gateways.json",
    "describe-network-interfaces.json",
    "describe-instance-user-data.json",
    "describe-launch-template-versions.json",
    "describe-launch-templates.json",
    "autoscaling-describe-auto-scaling-groups.json",
    "elbv2-describe-load-balancers.json",
    "elbv2-describe-listeners.json",
    "elbv2-describe-rules.json",
    "elbv2-describe-load-balancer-attributes.json",
    "elbv2-describe-target-groups.json",
    "elbv2-describe-target-group-attributes.json",
    "elbv2-describe-target-health.json",
    "elbv2-describe-tags.json",
    "describe-transit-gateways.json",
    "describe-transit-gateway-vpc-attachments.json",
    "describe-transit-gateway-route-tables.json",
    "get-transit-gateway-route-table-contents.json",
    "directconnect-describe-direct-connect-gateways.json",
    "directconnect-describe-direct-connect-gateway-associations.json",
    "describe-vpn-gateways.json",
    "describe-vpn-connections.json",
    "describe-customer-gateways.json",
    "describe-flow-logs.json",
    "rds-describe-db-subnet-groups.json",
    "rds-db-subnet-group-tags.json",
    "rds-describe-db-instances.json",
];

/// Files that come together: with the first, the others must be there
/// (a load balancer without its listeners would lose them silently).
pub const TOGETHER: &[&[&str]] = &[
    &[
        "elbv2-describe-load-balancers.json",
        "elbv2-describe-listeners.json",
        "elbv2-describe-target-groups.json",
        "elbv2-describe-target-health.json",
        "elbv2-describe-tags.json",
    ],
    &[
        "describe-transit-gateway-route-tables.json",
        "get-transit-gateway-route-table-contents.json",
    ],
    &[
        "directconnect-describe-direct-connect-gateways.json",
        "directconnect-describe-direct-connect-gateway-associations.json",
    ],
];

#[derive(Deserialize, Clone, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Vpc {
    pub vpc_id: String,
    pub cidr_block: String,
    #[serde(default)]
    pub cidr_block_association_set: Vec<CidrAssociation>,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrAssociation>,
    #[serde(default)]
    pub instance_tenancy: Option<String>,
    #[serde(default)]
    pub dhcp_options_id: Option<String>,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CidrAssociation {
    pub cidr_block: String,
    #[serde(default)]
    pub cidr_block_state: Option<AssociationState>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6CidrAssociation {
    pub ipv6_cidr_block: String,
    #[serde(default)]
    pub ipv6_cidr_block_state: Option<AssociationState>,
    #[serde(default)]
    pub ipv6_pool: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AssociationState {
    pub state: String,
}

impl AssociationState {
    /// Whether the block is (being) associated, not (being) removed.
    pub fn live(state: Option<&AssociationState>) -> bool {
        state.is_none_or(|s| matches!(s.state.as_str(), "associated" | "associating"))
    }
}

/// `describe-vpc-attribute` for both DNS attributes of every VPC, as one
/// list (the snapshot script gathers them).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcAttributes {
    pub vpc_id: String,
    #[serde(default)]
    pub enable_dns_support: Option<BoolValue>,
    #[serde(default)]
    pub enable_dns_hostnames: Option<BoolValue>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct BoolValue {
    pub value: bool,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Subnet {
    pub subnet_id: String,
    pub vpc_id: String,
    pub cidr_block: String,
    pub availability_zone: String,
    #[serde(default)]
    pub map_public_ip_on_launch: bool,
    #[serde(default)]
    pub assign_ipv6_address_on_creation: bool,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<SubnetIpv6Association>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct SubnetIpv6Association {
    pub ipv6_cidr_block: String,
    #[serde(default)]
    pub ipv6_cidr_block_state: Option<AssociationState>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InternetGateway {
    pub internet_gateway_id: String,
    #[serde(default)]
    pub attachments: Vec<GatewayAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct GatewayAttachment {
    pub vpc_id: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct EgressOnlyInternetGateway {
    pub egress_only_internet_gateway_id: String,
    #[serde(default)]
    pub attachments: Vec<GatewayAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NatGateway {
    pub nat_gateway_id: String,
    pub subnet_id: String,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub connectivity_type: Option<String>,
    #[serde(default)]
    pub nat_gateway_addresses: Vec<NatAddress>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NatAddress {
    #[serde(default)]
    pub allocation_id: Option<String>,
    #[serde(default)]
    pub private_ip: Option<String>,
    #[serde(default)]
    pub public_ip: Option<String>,
    #[serde(default)]
    pub is_primary: Option<bool>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Address {
    #[serde(default)]
    pub allocation_id: Option<String>,
    pub public_ip: String,
    #[serde(default)]
    pub instance_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTable {
    pub route_table_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub associations: Vec<RouteTableAssociation>,
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub propagating_vgws: Vec<PropagatingVgw>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTableAssociation {
    #[serde(default)]
    pub main: bool,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub gateway_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PropagatingVgw {
    pub gateway_id: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct Route {
    #[serde(default)]
    pub destination_cidr_block: Option<String>,
    #[serde(default)]
    pub destination_ipv6_cidr_block: Option<String>,
    #[serde(default)]
    pub destination_prefix_list_id: Option<String>,
    #[serde(default)]
    pub gateway_id: Option<String>,
    #[serde(default)]
    pub nat_gateway_id: Option<String>,
    #[serde(default)]
    pub vpc_peering_connection_id: Option<String>,
    #[serde(default)]
    pub instance_id: Option<String>,
    #[serde(default)]
    pub egress_only_internet_gateway_id: Option<String>,
    #[serde(default)]
    pub transit_gateway_id: Option<String>,
    #[serde(default)]
    pub network_interface_id: Option<String>,
    #[serde(default)]
    pub carrier_gateway_id: Option<String>,
    #[serde(default)]
    pub local_gateway_id: Option<String>,
    #[serde(default)]
    pub core_network_arn: Option<String>,
    #[serde(default)]
    pub origin: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroup {
    pub group_id: String,
    pub group_name: String,
    pub vpc_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub ip_permissions: Vec<Permission>,
    #[serde(default)]
    pub ip_permissions_egress: Vec<Permission>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Permission {
    pub ip_protocol: String,
    #[serde(default)]
    pub from_port: Option<i64>,
    #[serde(default)]
    pub to_port: Option<i64>,
    #[serde(default)]
    pub ip_ranges: Vec<IpRange>,
    #[serde(default)]
    pub ipv6_ranges: Vec<Ipv6Range>,
    #[serde(default)]
    pub prefix_list_ids: Vec<PrefixListId>,
    #[serde(default)]
    pub user_id_group_pairs: Vec<GroupPair>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct IpRange {
    pub cidr_ip: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Range {
    pub cidr_ipv6: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListId {
    pub prefix_list_id: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct GroupPair {
    pub group_id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub vpc_peering_connection_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAcl {
    pub network_acl_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub associations: Vec<AclAssociation>,
    #[serde(default)]
    pub entries: Vec<AclEntry>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AclAssociation {
    pub subnet_id: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AclEntry {
    pub rule_number: i64,
    pub protocol: String,
    pub rule_action: String,
    pub egress: bool,
    #[serde(default)]
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub ipv6_cidr_block: Option<String>,
    #[serde(default)]
    pub port_range: Option<PortRange>,
    #[serde(default)]
    pub icmp_type_code: Option<IcmpTypeCode>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PortRange {
    pub from: i64,
    pub to: i64,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct IcmpTypeCode {
    #[serde(rename = "Type")]
    pub icmp_type: i64,
    pub code: i64,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcPeering {
    pub vpc_peering_connection_id: String,
    pub requester_vpc_info: PeeringVpc,
    pub accepter_vpc_info: PeeringVpc,
    #[serde(default)]
    pub status: Option<PeeringStatus>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringVpc {
    pub vpc_id: String,
    #[serde(default)]
    pub region: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringStatus {
    pub code: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpoint {
    pub vpc_endpoint_id: String,
    pub vpc_id: String,
    pub vpc_endpoint_type: String,
    pub service_name: String,
    #[serde(default)]
    pub policy_document: Option<String>,
    #[serde(default)]
    pub route_table_ids: Vec<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub groups: Vec<EndpointGroup>,
    #[serde(default)]
    pub private_dns_enabled: Option<bool>,
    #[serde(default)]
    pub network_interface_ids: Vec<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct EndpointGroup {
    pub group_id: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Reservation {
    #[serde(default)]
    pub instances: Vec<Instance>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub image_id: String,
    pub instance_type: String,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub private_ip_address: Option<String>,
    #[serde(default)]
    pub public_ip_address: Option<String>,
    #[serde(default)]
    pub key_name: Option<String>,
    pub state: InstanceState,
    #[serde(default)]
    pub state_reason: Option<StateReason>,
    #[serde(default)]
    pub security_groups: Vec<InstanceGroup>,
    #[serde(default)]
    pub source_dest_check: Option<bool>,
    #[serde(default)]
    pub metadata_options: Option<MetadataOptions>,
    #[serde(default)]
    pub iam_instance_profile: Option<InstanceProfile>,
    #[serde(default)]
    pub hibernation_options: Option<HibernationOptions>,
    #[serde(default)]
    pub root_device_name: Option<String>,
    #[serde(default)]
    pub block_device_mappings: Vec<BlockDeviceMapping>,
    #[serde(default)]
    pub network_interfaces: Vec<InstanceInterface>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceState {
    pub name: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct StateReason {
    #[serde(default)]
    pub code: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceGroup {
    pub group_id: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct MetadataOptions {
    #[serde(default)]
    pub http_tokens: Option<String>,
    #[serde(default)]
    pub http_put_response_hop_limit: Option<i64>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceProfile {
    pub arn: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct HibernationOptions {
    #[serde(default)]
    pub configured: bool,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct BlockDeviceMapping {
    pub device_name: String,
    #[serde(default)]
    pub ebs: Option<EbsMapping>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct EbsMapping {
    pub volume_id: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceInterface {
    #[serde(default)]
    pub ipv6_addresses: Vec<InstanceIpv6>,
    #[serde(default)]
    pub attachment: Option<InterfaceAttachment>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceIpv6 {
    pub ipv6_address: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InterfaceAttachment {
    #[serde(default)]
    pub device_index: i64,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Volume {
    pub volume_id: String,
    pub availability_zone: String,
    pub size: i64,
    pub volume_type: String,
    #[serde(default)]
    pub iops: Option<i64>,
    #[serde(default)]
    pub throughput: Option<i64>,
    #[serde(default)]
    pub encrypted: bool,
    #[serde(default)]
    pub attachments: Vec<VolumeAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeAttachment {
    pub instance_id: String,
    pub device: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixList {
    pub prefix_list_id: String,
    pub address_family: String,
    #[serde(default)]
    pub max_entries: Option<i64>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `get-managed-prefix-list-entries` of each customer-managed list,
/// gathered by the snapshot script: `{"PrefixListEntries": {ID: [...]}}`.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListEntry {
    pub cidr: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DhcpOptions {
    pub dhcp_options_id: String,
    #[serde(default)]
    pub dhcp_configurations: Vec<DhcpConfiguration>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DhcpConfiguration {
    pub key: String,
    #[serde(default)]
    pub values: Vec<DhcpValue>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DhcpValue {
    pub value: String,
}

/// `describe-instance-attribute --attribute userData` of every instance,
/// as one list (the snapshot script gathers them).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceUserData {
    pub instance_id: String,
    #[serde(default)]
    pub user_data: Option<AttributeValue>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeValue {
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterface {
    pub network_interface_id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub private_ip_address: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancer {
    pub load_balancer_arn: String,
    pub load_balancer_name: String,
    #[serde(rename = "DNSName", default)]
    pub dns_name: Option<String>,
    #[serde(rename = "Type")]
    pub lb_type: String,
    pub scheme: String,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub availability_zones: Vec<LoadBalancerZone>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub ip_address_type: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancerZone {
    pub subnet_id: String,
    #[serde(default)]
    pub load_balancer_addresses: Vec<LoadBalancerAddress>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancerAddress {
    #[serde(rename = "PrivateIPv4Address", default)]
    pub private_ipv4_address: Option<String>,
    /// An internet-facing network load balancer's elastic IP.
    #[serde(default)]
    pub allocation_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Listener {
    #[serde(default)]
    pub listener_arn: Option<String>,
    pub load_balancer_arn: String,
    pub port: i64,
    pub protocol: String,
    #[serde(default)]
    pub certificates: Vec<Certificate>,
    #[serde(default)]
    pub ssl_policy: Option<String>,
    #[serde(default)]
    pub default_actions: Vec<ListenerAction>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Certificate {
    pub certificate_arn: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ListenerAction {
    #[serde(rename = "Type")]
    pub action_type: String,
    #[serde(default)]
    pub target_group_arn: Option<String>,
    #[serde(default)]
    pub redirect_config: Option<RedirectConfig>,
    #[serde(default)]
    pub fixed_response_config: Option<FixedResponseConfig>,
}

/// One load balancer's attributes (`describe-load-balancer-attributes` of
/// each, as one list: scripts/snapshot.sh).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancerAttributes {
    pub load_balancer_arn: String,
    #[serde(default)]
    pub attributes: Vec<KeyValue>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct KeyValue {
    pub key: String,
    #[serde(default)]
    pub value: Option<String>,
}

/// One listener's rules (`describe-rules` of each listener, as one list:
/// scripts/snapshot.sh).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ListenerRules {
    pub listener_arn: String,
    #[serde(default)]
    pub rules: Vec<ListenerRuleRecord>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ListenerRuleRecord {
    /// A number, or `default` for the listener's own action.
    pub priority: String,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub conditions: Vec<RuleCondition>,
    #[serde(default)]
    pub actions: Vec<ListenerAction>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RuleCondition {
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub host_header_config: Option<ConditionValues>,
    #[serde(default)]
    pub path_pattern_config: Option<ConditionValues>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ConditionValues {
    #[serde(default)]
    pub values: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RedirectConfig {
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub port: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub query: Option<String>,
    pub status_code: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct FixedResponseConfig {
    pub status_code: String,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub message_body: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TargetGroup {
    pub target_group_arn: String,
    pub target_group_name: String,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub port: Option<i64>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub target_type: Option<String>,
    #[serde(default)]
    pub health_check_protocol: Option<String>,
    #[serde(default)]
    pub health_check_port: Option<String>,
    #[serde(default)]
    pub health_check_path: Option<String>,
    #[serde(default)]
    pub health_check_interval_seconds: Option<u64>,
    #[serde(default)]
    pub health_check_timeout_seconds: Option<u64>,
    #[serde(default)]
    pub healthy_threshold_count: Option<u64>,
    #[serde(default)]
    pub unhealthy_threshold_count: Option<u64>,
    #[serde(default)]
    pub matcher: Option<Matcher>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Matcher {
    #[serde(default)]
    pub http_code: Option<String>,
}

/// One target group's attributes (`describe-target-group-attributes` of
/// each, as one list: scripts/snapshot.sh).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TargetGroupAttributes {
    pub target_group_arn: String,
    #[serde(default)]
    pub attributes: Vec<KeyValue>,
}

/// `describe-target-health` of every target group, as one list.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TargetHealth {
    pub target_group_arn: String,
    #[serde(default)]
    pub target_health_descriptions: Vec<TargetDescription>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TargetDescription {
    pub target: Target,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Target {
    pub id: String,
    #[serde(default)]
    pub port: Option<i64>,
}

/// `elbv2 describe-tags` of every load balancer and target group.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TagDescription {
    pub resource_arn: String,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AutoScalingGroup {
    #[serde(rename = "AutoScalingGroupARN", default)]
    pub arn: Option<String>,
    pub auto_scaling_group_name: String,
    #[serde(default)]
    pub launch_template: Option<LaunchTemplateSpecification>,
    pub min_size: i64,
    pub max_size: i64,
    pub desired_capacity: i64,
    #[serde(rename = "VPCZoneIdentifier", default)]
    pub vpc_zone_identifier: Option<String>,
    #[serde(rename = "TargetGroupARNs", default)]
    pub target_group_arns: Vec<String>,
    #[serde(default)]
    pub instances: Vec<GroupMember>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LaunchTemplateSpecification {
    #[serde(default)]
    pub launch_template_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct GroupMember {
    pub instance_id: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LaunchTemplate {
    pub launch_template_id: String,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// The version of each launch template its groups launch (the snapshot
/// script asks for `$Latest`).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LaunchTemplateVersion {
    pub launch_template_id: String,
    #[serde(default)]
    pub launch_template_name: Option<String>,
    #[serde(default)]
    pub version_number: Option<i64>,
    #[serde(default)]
    pub launch_template_data: LaunchTemplateData,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct LaunchTemplateData {
    #[serde(default)]
    pub image_id: Option<String>,
    #[serde(default)]
    pub instance_type: Option<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub key_name: Option<String>,
    #[serde(default)]
    pub user_data: Option<String>,
    #[serde(default)]
    pub metadata_options: Option<MetadataOptions>,
    #[serde(default)]
    pub iam_instance_profile: Option<TemplateProfile>,
    #[serde(default)]
    pub block_device_mappings: Vec<TemplateBlockDevice>,
    #[serde(default)]
    pub tag_specifications: Vec<TagSpecification>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TemplateProfile {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub arn: Option<String>,
}

/// A block device mapping of a template: only counted (which one is the
/// root volume depends on the AMI).
#[derive(Deserialize, Debug)]
pub struct TemplateBlockDevice {}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TagSpecification {
    #[serde(default)]
    pub resource_type: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGateway {
    pub transit_gateway_id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub options: TransitGatewayOptions,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayOptions {
    #[serde(default)]
    pub amazon_side_asn: Option<i64>,
    #[serde(default)]
    pub default_route_table_association: Option<String>,
    #[serde(default)]
    pub default_route_table_propagation: Option<String>,
    #[serde(default)]
    pub dns_support: Option<String>,
    #[serde(default)]
    pub vpn_ecmp_support: Option<String>,
    #[serde(default)]
    pub auto_accept_shared_attachments: Option<String>,
    #[serde(default)]
    pub multicast_support: Option<String>,
    #[serde(default)]
    pub transit_gateway_cidr_blocks: Vec<String>,
}

/// A Direct Connect gateway (the Direct Connect API answers in camelCase).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct DxGateway {
    pub direct_connect_gateway_id: String,
    #[serde(default)]
    pub direct_connect_gateway_name: Option<String>,
    #[serde(default)]
    pub amazon_side_asn: Option<i64>,
    #[serde(default)]
    pub direct_connect_gateway_state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct DxGatewayAssociation {
    pub direct_connect_gateway_id: String,
    #[serde(default)]
    pub associated_gateway: Option<DxAssociatedGateway>,
    #[serde(default)]
    pub association_state: Option<String>,
    #[serde(default)]
    pub allowed_prefixes_to_direct_connect_gateway: Vec<DxPrefix>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct DxAssociatedGateway {
    pub id: String,
    #[serde(default, rename = "type")]
    pub gateway_type: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct DxPrefix {
    pub cidr: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayRouteTable {
    pub transit_gateway_route_table_id: String,
    pub transit_gateway_id: String,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub default_association_route_table: bool,
    #[serde(default)]
    pub default_propagation_route_table: bool,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// One route table's associations, propagations and static routes
/// (`get-transit-gateway-route-table-associations`, `-propagations` and
/// `search-transit-gateway-routes --filters Name=type,Values=static` of
/// each table, as one list: scripts/snapshot.sh).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayRouteTableContents {
    pub transit_gateway_route_table_id: String,
    #[serde(default)]
    pub associations: Vec<TransitGatewayMember>,
    #[serde(default)]
    pub propagations: Vec<TransitGatewayMember>,
    #[serde(default)]
    pub routes: Vec<TransitGatewayRoute>,
}

/// An attachment as a route table lists it: a VPC's (its resource is the
/// VPC), a VPN's (the VPN connection), or another kind.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayMember {
    #[serde(default)]
    pub transit_gateway_attachment_id: Option<String>,
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub resource_type: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayRoute {
    #[serde(default)]
    pub destination_cidr_block: Option<String>,
    #[serde(default)]
    pub transit_gateway_attachments: Vec<TransitGatewayMember>,
    #[serde(default, rename = "Type")]
    pub route_type: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayVpcAttachment {
    pub transit_gateway_attachment_id: String,
    pub transit_gateway_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub options: AttachmentOptions,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct AttachmentOptions {
    #[serde(default)]
    pub dns_support: Option<String>,
    #[serde(default)]
    pub ipv6_support: Option<String>,
    #[serde(default)]
    pub appliance_mode_support: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpnGateway {
    pub vpn_gateway_id: String,
    #[serde(default)]
    pub amazon_side_asn: Option<i64>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub vpc_attachments: Vec<VgwAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VgwAttachment {
    pub vpc_id: String,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CustomerGateway {
    pub customer_gateway_id: String,
    #[serde(default)]
    pub bgp_asn: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpnConnection {
    pub vpn_connection_id: String,
    pub customer_gateway_id: String,
    #[serde(default)]
    pub vpn_gateway_id: Option<String>,
    #[serde(default)]
    pub transit_gateway_id: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub options: VpnOptions,
    #[serde(default)]
    pub routes: Vec<VpnRoute>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct VpnOptions {
    #[serde(default)]
    pub static_routes_only: bool,
    #[serde(default)]
    pub tunnel_options: Vec<TunnelOption>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TunnelOption {
    #[serde(default)]
    pub tunnel_inside_cidr: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpnRoute {
    pub destination_cidr_block: String,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct FlowLog {
    pub flow_log_id: String,
    pub resource_id: String,
    #[serde(default)]
    pub traffic_type: Option<String>,
    #[serde(default)]
    pub log_destination_type: Option<String>,
    #[serde(default)]
    pub log_destination: Option<String>,
    #[serde(default)]
    pub deliver_logs_permission_arn: Option<String>,
    #[serde(default)]
    pub max_aggregation_interval: Option<i64>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
pub struct DbSubnetGroup {
    #[serde(rename = "DBSubnetGroupName")]
    pub name: String,
    #[serde(rename = "DBSubnetGroupDescription", default)]
    pub description: Option<String>,
    #[serde(rename = "DBSubnetGroupArn", default)]
    pub arn: Option<String>,
    #[serde(rename = "Subnets", default)]
    pub subnets: Vec<DbSubnet>,
}

/// `rds list-tags-for-resource` of every DB subnet group, as one list.
#[derive(Deserialize, Debug)]
pub struct DbSubnetGroupTags {
    #[serde(rename = "DBSubnetGroupArn")]
    pub arn: String,
    #[serde(rename = "TagList", default)]
    pub tags: Vec<Tag>,
}

/// One `rds describe-db-instances` record (its tags come with it).
#[derive(Deserialize, Debug)]
pub struct DbInstance {
    #[serde(rename = "DBInstanceIdentifier")]
    pub identifier: String,
    #[serde(rename = "DBInstanceArn", default)]
    pub arn: Option<String>,
    #[serde(rename = "DBInstanceClass")]
    pub class: String,
    #[serde(rename = "Engine")]
    pub engine: String,
    #[serde(rename = "DBSubnetGroup", default)]
    pub subnet_group: Option<DbInstanceSubnetGroup>,
    #[serde(rename = "VpcSecurityGroups", default)]
    pub security_groups: Vec<DbSecurityGroup>,
    #[serde(rename = "Endpoint", default)]
    pub endpoint: Option<DbEndpoint>,
    #[serde(rename = "MultiAZ", default)]
    pub multi_az: bool,
    #[serde(rename = "AvailabilityZone", default)]
    pub availability_zone: Option<String>,
    #[serde(rename = "PubliclyAccessible", default)]
    pub publicly_accessible: bool,
    #[serde(rename = "AllocatedStorage", default)]
    pub allocated_storage: Option<i64>,
    #[serde(rename = "StorageType", default)]
    pub storage_type: Option<String>,
    #[serde(rename = "Iops", default)]
    pub iops: Option<i64>,
    #[serde(rename = "DBClusterIdentifier", default)]
    pub cluster: Option<String>,
    #[serde(rename = "TagList", default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
pub struct DbInstanceSubnetGroup {
    #[serde(rename = "DBSubnetGroupName")]
    pub name: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DbSecurityGroup {
    pub vpc_security_group_id: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DbEndpoint {
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub port: Option<i64>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DbSubnet {
    pub subnet_identifier: String,
}

/// Every file's records, by kind.
#[derive(Default)]
pub struct Snapshot {
    pub vpcs: Vec<Vpc>,
    pub vpc_attributes: Option<Vec<VpcAttributes>>,
    pub subnets: Vec<Subnet>,
    pub internet_gateways: Vec<InternetGateway>,
    pub egress_only_internet_gateways: Vec<EgressOnlyInternetGateway>,
    pub nat_gateways: Vec<NatGateway>,
    pub addresses: Vec<Address>,
    pub route_tables: Vec<RouteTable>,
    pub security_groups: Vec<SecurityGroup>,
    pub network_acls: Vec<NetworkAcl>,
    pub vpc_peerings: Vec<VpcPeering>,
    pub vpc_endpoints: Vec<VpcEndpoint>,
    pub instances: Vec<Instance>,
    pub volumes: Vec<Volume>,
    pub prefix_lists: Vec<PrefixList>,
    pub prefix_list_entries: BTreeMap<String, Vec<PrefixListEntry>>,
    pub dhcp_options: Vec<DhcpOptions>,
    pub network_interfaces: Vec<NetworkInterface>,
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    /// `None` without the file (a snapshot from before rules were read).
    pub listener_rules: Option<Vec<ListenerRules>>,
    /// `None` without the file.
    pub load_balancer_attributes: Option<Vec<LoadBalancerAttributes>>,
    pub target_groups: Vec<TargetGroup>,
    /// `None` without the file.
    pub target_group_attributes: Option<Vec<TargetGroupAttributes>>,
    pub target_health: Vec<TargetHealth>,
    pub elb_tags: BTreeMap<String, Vec<Tag>>,
    pub auto_scaling_groups: Vec<AutoScalingGroup>,
    pub launch_template_versions: Vec<LaunchTemplateVersion>,
    pub transit_gateways: Vec<TransitGateway>,
    pub transit_gateway_attachments: Vec<TransitGatewayVpcAttachment>,
    pub transit_gateway_route_tables: Vec<TransitGatewayRouteTable>,
    pub transit_gateway_route_table_contents: Vec<TransitGatewayRouteTableContents>,
    pub dx_gateways: Vec<DxGateway>,
    pub dx_gateway_associations: Vec<DxGatewayAssociation>,
    pub vpn_gateways: Vec<VpnGateway>,
    pub vpn_connections: Vec<VpnConnection>,
    pub customer_gateways: Vec<CustomerGateway>,
    pub flow_logs: Vec<FlowLog>,
    pub db_subnet_groups: Vec<DbSubnetGroup>,
    /// By group ARN; `None` without the file.
    pub db_subnet_group_tags: Option<BTreeMap<String, Vec<Tag>>>,
    pub db_instances: Vec<DbInstance>,
    /// Each launch template's own tags (`describe-launch-templates`).
    pub launch_template_tags: BTreeMap<String, Vec<Tag>>,
    /// Whether the snapshot has the auto scaling groups' file.
    pub auto_scaling_present: bool,
    /// Every instance's user data (base64), when the snapshot has it.
    pub user_data: Option<BTreeMap<String, Option<String>>>,
}

/// Reads the list under `key` of one file; a syntax or type error names
/// its line and column in the file.
fn list<T: DeserializeOwned>(file: &SnapshotFile, key: &str) -> Result<Vec<T>, ImportError> {
    let malformed = |what: String| ImportError::new(&file.name, None, Problem::Malformed(what));
    let top: BTreeMap<String, &RawValue> =
        serde_json::from_str(&file.text).map_err(|e| malformed(json_error(&file.text, 0, &e)))?;
    let Some(items) = top.get(key) else {
        return Err(malformed(format!(
            "it has no `{key}` list: is it the output of `aws {}`?",
            command_of(&file.name)
        )));
    };
    // The raw value borrows the file's text: errors inside it are placed
    // in the file.
    let offset = items.get().as_ptr() as usize - file.text.as_ptr() as usize;
    serde_json::from_str(items.get()).map_err(|e| malformed(json_error(&file.text, offset, &e)))
}

/// The AWS CLI command a snapshot file is the output of.
fn command_of(file: &str) -> String {
    let call = file.trim_end_matches(".json");
    match call.split_once('-') {
        Some((service @ ("elbv2" | "autoscaling" | "rds" | "ec2"), rest)) => {
            format!("{service} {rest}")
        }
        _ => format!("ec2 {call}"),
    }
}

/// `line L, column C: what`, placed in the whole file.
fn json_error(text: &str, offset: usize, e: &serde_json::Error) -> String {
    let before = &text[..offset.min(text.len())];
    let base_line = before.matches('\n').count();
    let base_column = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    let (line, column) = match e.line() {
        0 => (base_line + 1, base_column + 1),
        1 => (base_line + 1, base_column + e.column()),
        l => (base_line + l, e.column()),
    };
    let what = e.to_string();
    // serde_json ends its message with its own (relative) position.
    let what = what.split(" at line ").next().unwrap_or(&what).to_string();
    format!("line {line}, column {column}: {what}")
}

/// The records of a file that may be absent.
fn optional<T: DeserializeOwned>(
    files: &BTreeMap<&str, &SnapshotFile>,
    name: &str,
    key: &str,
) -> Result<Option<Vec<T>>, ImportError> {
    files.get(name).map(|f| list(f, key)).transpose()
}

impl Snapshot {
    /// Reads the snapshot's files: every required one must be there, every
    /// file must hold its command's output.
    pub fn read(files: &[SnapshotFile]) -> Result<Snapshot, ImportError> {
        let by_name: BTreeMap<&str, &SnapshotFile> =
            files.iter().map(|f| (f.name.as_str(), f)).collect();
        for name in REQUIRED {
            if !by_name.contains_key(name) {
                return Err(ImportError::new(name, None, Problem::Missing));
            }
        }
        for group in TOGETHER {
            if let Some((first, rest)) = group.split_first()
                && by_name.contains_key(first)
                && let Some(missing) = rest.iter().find(|n| !by_name.contains_key(*n))
            {
                return Err(ImportError::new(missing, None, Problem::Missing));
            }
        }
        let mut s = Snapshot {
            vpcs: list(by_name["describe-vpcs.json"], "Vpcs")?,
            subnets: list(by_name["describe-subnets.json"], "Subnets")?,
            internet_gateways: list(
                by_name["describe-internet-gateways.json"],
                "InternetGateways",
            )?,
            nat_gateways: list(by_name["describe-nat-gateways.json"], "NatGateways")?,
            addresses: list(by_name["describe-addresses.json"], "Addresses")?,
            route_tables: list(by_name["describe-route-tables.json"], "RouteTables")?,
            security_groups: list(by_name["describe-security-groups.json"], "SecurityGroups")?,
            network_acls: list(by_name["describe-network-acls.json"], "NetworkAcls")?,
            volumes: list(by_name["describe-volumes.json"], "Volumes")?,
            instances: list::<Reservation>(by_name["describe-instances.json"], "Reservations")?
                .into_iter()
                .flat_map(|r| r.instances)
                .collect(),
            vpc_attributes: optional(&by_name, "describe-vpc-attributes.json", "VpcAttributes")?,
            egress_only_internet_gateways: optional(
                &by_name,
                "describe-egress-only-internet-gateways.json",
                "EgressOnlyInternetGateways",
            )?
            .unwrap_or_default(),
            vpc_peerings: optional(
                &by_name,
                "describe-vpc-peering-connections.json",
                "VpcPeeringConnections",
            )?
            .unwrap_or_default(),
            vpc_endpoints: optional(&by_name, "describe-vpc-endpoints.json", "VpcEndpoints")?
                .unwrap_or_default(),
            prefix_lists: optional(
                &by_name,
                "describe-managed-prefix-lists.json",
                "PrefixLists",
            )?
            .unwrap_or_default(),
            dhcp_options: optional(&by_name, "describe-dhcp-options.json", "DhcpOptions")?
                .unwrap_or_default(),
            network_interfaces: optional(
                &by_name,
                "describe-network-interfaces.json",
                "NetworkInterfaces",
            )?
            .unwrap_or_default(),
            user_data: optional::<InstanceUserData>(
                &by_name,
                "describe-instance-user-data.json",
                "InstanceUserData",
            )?
            .map(|all| {
                all.into_iter()
                    .map(|u| (u.instance_id, u.user_data.and_then(|v| v.value)))
                    .collect()
            }),
            load_balancers: optional(
                &by_name,
                "elbv2-describe-load-balancers.json",
                "LoadBalancers",
            )?
            .unwrap_or_default(),
            listener_rules: optional(&by_name, "elbv2-describe-rules.json", "ListenerRules")?,
            load_balancer_attributes: optional(
                &by_name,
                "elbv2-describe-load-balancer-attributes.json",
                "LoadBalancerAttributes",
            )?,
            listeners: optional(&by_name, "elbv2-describe-listeners.json", "Listeners")?
                .unwrap_or_default(),
            target_group_attributes: optional(
                &by_name,
                "elbv2-describe-target-group-attributes.json",
                "TargetGroupAttributes",
            )?,
            target_groups: optional(
                &by_name,
                "elbv2-describe-target-groups.json",
                "TargetGroups",
            )?
            .unwrap_or_default(),
            target_health: optional(
                &by_name,
                "elbv2-describe-target-health.json",
                "TargetHealth",
            )?
            .unwrap_or_default(),
            elb_tags: optional::<TagDescription>(
                &by_name,
                "elbv2-describe-tags.json",
                "TagDescriptions",
            )?
            .unwrap_or_default()
            .into_iter()
            .map(|t| (t.resource_arn, t.tags))
            .collect(),
            auto_scaling_groups: optional(
                &by_name,
                "autoscaling-describe-auto-scaling-groups.json",
                "AutoScalingGroups",
            )?
            .unwrap_or_default(),
            launch_template_versions: optional(
                &by_name,
                "describe-launch-template-versions.json",
                "LaunchTemplateVersions",
            )?
            .unwrap_or_default(),
            launch_template_tags: optional::<LaunchTemplate>(
                &by_name,
                "describe-launch-templates.json",
                "LaunchTemplates",
            )?
            .unwrap_or_default()
            .into_iter()
            .map(|t| (t.launch_template_id, t.tags))
            .collect(),
            transit_gateways: optional(
                &by_name,
                "describe-transit-gateways.json",
                "TransitGateways",
            )?
            .unwrap_or_default(),
            transit_gateway_attachments: optional(
                &by_name,
                "describe-transit-gateway-vpc-attachments.json",
                "TransitGatewayVpcAttachments",
            )?
            .unwrap_or_default(),
            transit_gateway_route_tables: optional(
                &by_name,
                "describe-transit-gateway-route-tables.json",
                "TransitGatewayRouteTables",
            )?
            .unwrap_or_default(),
            transit_gateway_route_table_contents: optional(
                &by_name,
                "get-transit-gateway-route-table-contents.json",
                "TransitGatewayRouteTables",
            )?
            .unwrap_or_default(),
            dx_gateways: optional(
                &by_name,
                "directconnect-describe-direct-connect-gateways.json",
                "directConnectGateways",
            )?
            .unwrap_or_default(),
            dx_gateway_associations: optional(
                &by_name,
                "directconnect-describe-direct-connect-gateway-associations.json",
                "directConnectGatewayAssociations",
            )?
            .unwrap_or_default(),
            vpn_gateways: optional(&by_name, "describe-vpn-gateways.json", "VpnGateways")?
                .unwrap_or_default(),
            vpn_connections: optional(&by_name, "describe-vpn-connections.json", "VpnConnections")?
                .unwrap_or_default(),
            customer_gateways: optional(
                &by_name,
                "describe-customer-gateways.json",
                "CustomerGateways",
            )?
            .unwrap_or_default(),
            flow_logs: optional(&by_name, "describe-flow-logs.json", "FlowLogs")?
                .unwrap_or_default(),
            db_subnet_groups: optional(
                &by_name,
                "rds-describe-db-subnet-groups.json",
                "DBSubnetGroups",
            )?
            .unwrap_or_default(),
            db_subnet_group_tags: optional::<DbSubnetGroupTags>(
                &by_name,
                "rds-db-subnet-group-tags.json",
                "DBSubnetGroupTags",
            )?
            .map(|all| all.into_iter().map(|t| (t.arn, t.tags)).collect()),
            db_instances: optional(&by_name, "rds-describe-db-instances.json", "DBInstances")?
                .unwrap_or_default(),
            auto_scaling_present: by_name
                .contains_key("autoscaling-describe-auto-scaling-groups.json"),
            prefix_list_entries: BTreeMap::new(),
        };
        if let Some(f) = by_name.get("get-managed-prefix-list-entries.json") {
            let all: Vec<PrefixListEntries> = list(f, "PrefixListEntries")?;
            s.prefix_list_entries = all
                .into_iter()
                .map(|l| (l.prefix_list_id, l.entries))
                .collect();
        }
        Ok(s)
    }
}

/// One customer-managed prefix list's entries.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListEntries {
    pub prefix_list_id: String,
    pub entries: Vec<PrefixListEntry>,
}
