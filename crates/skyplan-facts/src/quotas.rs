//! AWS's default quotas (Service Quotas, "Amazon VPC quotas", "Amazon EC2
//! quotas", "Quotas for Amazon RDS", "Amazon VPC Transit Gateways quotas"
//! and "AWS Direct Connect quotas" in AWS's documentation): one table, dated, so a rule never
//! carries a number of its own. Most can be raised; skyplan checks the
//! defaults, which is what a new account or region has.

/// When the numbers below were last checked against AWS's documentation.
pub const CHECKED: &str = "2026-12-07";

/// One default quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    /// What is counted, as a finding says it ("routes per route table").
    pub what: &'static str,
    pub limit: usize,
    /// The error AWS answers past the quota.
    pub aws_error: &'static str,
}

const fn quota(what: &'static str, limit: usize, aws_error: &'static str) -> Quota {
    Quota {
        what,
        limit,
        aws_error,
    }
}

/// IPv4 blocks per VPC (the primary included).
pub const BLOCKS_PER_VPC: Quota = quota("IPv4 blocks per VPC", 5, "CidrLimitExceeded");
pub const VPCS_PER_REGION: Quota = quota("VPCs per region", 5, "VpcLimitExceeded");
pub const SUBNETS_PER_VPC: Quota = quota("subnets per VPC", 200, "SubnetLimitExceeded");
pub const ROUTE_TABLES_PER_VPC: Quota =
    quota("route tables per VPC", 200, "RouteTableLimitExceeded");
/// Per IP version.
pub const ROUTES_PER_TABLE: Quota = quota("routes per route table", 50, "RouteLimitExceeded");
pub const NETWORK_ACLS_PER_VPC: Quota =
    quota("network ACLs per VPC", 200, "NetworkAclLimitExceeded");
/// Per direction and IP version.
pub const ENTRIES_PER_NETWORK_ACL: Quota = quota(
    "entries per network ACL direction",
    20,
    "NetworkAclEntryLimitExceeded",
);
pub const ACTIVE_PEERINGS_PER_VPC: Quota = quota(
    "active peerings per VPC",
    50,
    "VpcPeeringConnectionLimitExceeded",
);
pub const NAT_GATEWAYS_PER_AZ: Quota = quota(
    "NAT gateways per availability zone",
    5,
    "NatGatewayLimitExceeded",
);
pub const GATEWAY_ENDPOINTS_PER_REGION: Quota = quota(
    "gateway endpoints per region",
    20,
    "VpcEndpointLimitExceeded",
);
pub const INTERFACE_ENDPOINTS_PER_VPC: Quota = quota(
    "interface endpoints per VPC",
    50,
    "VpcEndpointLimitExceeded",
);
pub const SECURITY_GROUPS_PER_REGION: Quota = quota(
    "security groups per region",
    2_500,
    "SecurityGroupLimitExceeded",
);
/// Per direction and IP version.
pub const RULES_PER_SECURITY_GROUP: Quota = quota(
    "rules per security group direction",
    60,
    "RulesPerSecurityGroupLimitExceeded",
);
pub const SECURITY_GROUPS_PER_INTERFACE: Quota = quota(
    "security groups per network interface",
    5,
    "SecurityGroupsPerInterfaceLimitExceeded",
);
pub const ELASTIC_IPS_PER_REGION: Quota =
    quota("elastic IPs per region", 5, "AddressLimitExceeded");
/// Tags per resource (user tags; `aws:` tags do not count).
/// RDS: DB subnet groups per region, and subnets per group.
pub const DB_SUBNET_GROUPS_PER_REGION: Quota = quota(
    "DB subnet groups per region",
    50,
    "DBSubnetGroupQuotaExceeded",
);
pub const SUBNETS_PER_DB_SUBNET_GROUP: Quota = quota(
    "subnets per DB subnet group",
    20,
    "DBSubnetQuotaExceededFault",
);
/// RDS: DB instances per region (Aurora's included).
pub const DB_INSTANCES_PER_REGION: Quota =
    quota("DB instances per region", 40, "InstanceQuotaExceeded");
/// Transit gateways per region ("Amazon VPC Transit Gateways quotas").
pub const TRANSIT_GATEWAYS_PER_REGION: Quota = quota(
    "transit gateways per region",
    5,
    "TransitGatewayLimitExceeded",
);
/// Route tables per transit gateway, its default table included.
pub const ROUTE_TABLES_PER_TRANSIT_GATEWAY: Quota = quota(
    "route tables per transit gateway",
    20,
    "ResourceLimitExceeded",
);
/// VPC attachments, VPN connections and Direct Connect gateway
/// associations of one transit gateway; not adjustable.
pub const ATTACHMENTS_PER_TRANSIT_GATEWAY: Quota = quota(
    "attachments per transit gateway",
    5_000,
    "ResourceLimitExceeded",
);
/// Static and propagated routes across all route tables of one transit
/// gateway ("total combined routes").
pub const ROUTES_PER_TRANSIT_GATEWAY: Quota = quota(
    "routes across the route tables of a transit gateway",
    10_000,
    "ResourceLimitExceeded",
);
/// Direct Connect ("AWS Direct Connect quotas"); not adjustable.
pub const VPN_GATEWAYS_PER_DX_GATEWAY: Quota = quota(
    "virtual private gateways per Direct Connect gateway",
    20,
    "DirectConnectClientException",
);
pub const TRANSIT_GATEWAYS_PER_DX_GATEWAY: Quota = quota(
    "transit gateways per Direct Connect gateway",
    6,
    "DirectConnectClientException",
);
/// Prefixes a transit gateway association advertises to the premises.
pub const ALLOWED_PREFIXES_PER_TRANSIT_ASSOCIATION: Quota = quota(
    "allowed prefixes per transit gateway association",
    200,
    "DirectConnectClientException",
);
/// Not adjustable, so a hard limit rather than a quota (TW002).
pub const CIDR_BLOCKS_PER_TRANSIT_GATEWAY: usize = 5;
pub const TAGS_PER_RESOURCE: Quota = quota("tags per resource", 50, "TagLimitExceeded");
pub const TAG_KEY_CHARS: usize = 128;
pub const TAG_VALUE_CHARS: usize = 256;
/// Security group and rule descriptions.
pub const DESCRIPTION_CHARS: usize = 255;
/// `user_data`, before base64.
pub const USER_DATA_BYTES: usize = 16 * 1024;

/// Every quota of the table, for `skyplan explain --facts`.
pub const ALL: [Quota; 26] = [
    BLOCKS_PER_VPC,
    VPCS_PER_REGION,
    SUBNETS_PER_VPC,
    ROUTE_TABLES_PER_VPC,
    ROUTES_PER_TABLE,
    NETWORK_ACLS_PER_VPC,
    ENTRIES_PER_NETWORK_ACL,
    ACTIVE_PEERINGS_PER_VPC,
    NAT_GATEWAYS_PER_AZ,
    GATEWAY_ENDPOINTS_PER_REGION,
    INTERFACE_ENDPOINTS_PER_VPC,
    SECURITY_GROUPS_PER_REGION,
    RULES_PER_SECURITY_GROUP,
    SECURITY_GROUPS_PER_INTERFACE,
    ELASTIC_IPS_PER_REGION,
    DB_SUBNET_GROUPS_PER_REGION,
    SUBNETS_PER_DB_SUBNET_GROUP,
    DB_INSTANCES_PER_REGION,
    TRANSIT_GATEWAYS_PER_REGION,
    ROUTE_TABLES_PER_TRANSIT_GATEWAY,
    ATTACHMENTS_PER_TRANSIT_GATEWAY,
    ROUTES_PER_TRANSIT_GATEWAY,
    VPN_GATEWAYS_PER_DX_GATEWAY,
    TRANSIT_GATEWAYS_PER_DX_GATEWAY,
    ALLOWED_PREFIXES_PER_TRANSIT_ASSOCIATION,
    TAGS_PER_RESOURCE,
];
