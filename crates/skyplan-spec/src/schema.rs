//! The kind table: for every resource kind, its attributes (type, whether
//! required, default, the kind a reference names, whether a change forces a
//! new resource, the doc line), the attributes AWS computes, and its AWS id
//! prefix. It is the single source of truth that the decoder's keys, the
//! plan's force-new and computed attributes, apply's ids, `docs/spec.md` and
//! the JSON Schema (`skyplan schema`) are read from; `tests/schema.rs`
//! checks that the graph's edges and the model agree with it.
//!
//! [`Kind::schema`] matches every kind, so a kind without a table entry is a
//! compile error.

use crate::kinds::Kind;
use crate::words::{
    EndpointType, InstanceState, LoadBalancerType, NatConnectivity, Tenancy, VolumeType, Word,
};

/// The type of a value in the spec language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    String,
    /// An IPv4 or IPv6 block, `a.b.c.d/n`.
    Cidr,
    /// A list of blocks.
    CidrList,
    /// An IPv4 address.
    Ipv4,
    Bool,
    /// A whole number in an inclusive range.
    Integer {
        min: i64,
        max: i64,
    },
    /// A port (`443`) or a range (`1024-65535`), written as a number or text.
    Ports,
    /// A protocol name or an IP protocol number 0-255.
    Protocol,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// The name of a resource of this kind.
    Reference(Kind),
    /// A list of names of resources of this kind.
    References(Kind),
    /// An instance, or one copy of an instance with `count` (`app[1]`).
    InstanceCopy,
    /// A mapping of these attributes.
    Object(&'static [Attr]),
    /// A list of mappings of these attributes.
    List(&'static [Attr]),
    /// `{key: value}` of strings.
    Tags,
    /// A list of strings.
    StringList,
    /// Any YAML value (a policy document).
    Document,
}

/// One attribute of a kind (or of a nested block).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: &'static str,
    pub ty: AttrType,
    pub required: bool,
    /// The default as the reference shows it; `None`: absent means absent.
    pub default: Option<&'static str>,
    /// AWS cannot change it in place: a change replaces the resource.
    pub force_new: bool,
    pub doc: &'static str,
}

impl Attr {
    /// The kind a reference attribute names.
    pub const fn references(&self) -> Option<Kind> {
        match self.ty {
            AttrType::Reference(k) | AttrType::References(k) => Some(k),
            AttrType::InstanceCopy => Some(Kind::Instance),
            _ => None,
        }
    }
}

/// An attribute AWS computes on apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Computed {
    pub name: &'static str,
    pub doc: &'static str,
}

/// The table entry of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSchema {
    pub kind: Kind,
    /// What it is, in one line.
    pub doc: &'static str,
    /// AWS's id prefix (`subnet-`, `igw-`).
    pub id_prefix: &'static str,
    pub attributes: &'static [Attr],
    pub computed: &'static [Computed],
}

impl KindSchema {
    pub fn attribute(&self, name: &str) -> Option<&'static Attr> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// Every key a declaration of this kind takes, `tags` included.
    pub fn keys(&self) -> Vec<&'static str> {
        self.attributes
            .iter()
            .map(|a| a.name)
            .chain(std::iter::once(TAGS.name))
            .collect()
    }

    /// The attributes whose change replaces the resource.
    pub fn force_new(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.attributes
            .iter()
            .filter(|a| a.force_new)
            .map(|a| a.name)
    }

    pub fn is_computed(&self, name: &str) -> bool {
        self.computed.iter().any(|c| c.name == name)
    }
}

/// Names of nested blocks' keys, for decoders.
pub fn keys_of(attrs: &[Attr]) -> Vec<&'static str> {
    attrs.iter().map(|a| a.name).collect()
}

const fn attr(name: &'static str, ty: AttrType, doc: &'static str) -> Attr {
    Attr {
        name,
        ty,
        required: false,
        default: None,
        force_new: false,
        doc,
    }
}

const fn required(a: Attr) -> Attr {
    Attr {
        required: true,
        ..a
    }
}

const fn default(a: Attr, value: &'static str) -> Attr {
    Attr {
        default: Some(value),
        ..a
    }
}

const fn force_new(a: Attr) -> Attr {
    Attr {
        force_new: true,
        ..a
    }
}

/// Every kind takes `tags`, merged over `defaults.tags`.
pub const TAGS: Attr = attr(
    "tags",
    AttrType::Tags,
    "Tags, merged over `defaults.tags` (the resource's own win).",
);

/// `defaults:`, once per stack.
pub const DEFAULTS: &[Attr] = &[
    attr(
        "region",
        AttrType::String,
        "Region of every VPC that does not name one.",
    ),
    attr(
        "tags",
        AttrType::Tags,
        "Tags merged under every resource's own tags.",
    ),
];

/// Where an expectation's traffic starts or ends.
const ENDPOINT_DOC: &str = "An instance (`db`, `app[1]`, quoted inside `{...}`: `\"app[1]\"`; a name with `count` alone means every copy), an auto scaling group's instances (`auto_scaling_group.web`: every one; `auto_scaling_group.web[0]`), a load balancer (`load_balancer.web`, as `to`: through a listener to a target), `internet`, or a public IPv4 address or block (`198.51.100.7`, `198.51.100.0/24`).";

/// One entry of `expectations:`: a reachability question with the answer
/// the author expects. Not a resource: never planned, never in the state.
pub const EXPECTATION: &[Attr] = &[
    required(attr("from", AttrType::String, ENDPOINT_DOC)),
    required(attr("to", AttrType::String, ENDPOINT_DOC)),
    default(
        attr(
            "protocol",
            AttrType::Choice(&["tcp", "udp", "icmp"]),
            "`icmp` asks about echo request (ping), without a port.",
        ),
        "tcp",
    ),
    attr(
        "port",
        AttrType::Integer { min: 0, max: 65535 },
        "The destination port; required for tcp and udp.",
    ),
    required(attr(
        "reachable",
        AttrType::Bool,
        "The answer the stack must give: `lint` reports RC001 when it does not.",
    )),
];

const fn computed(name: &'static str, doc: &'static str) -> Computed {
    Computed { name, doc }
}

pub const ROUTE: &[Attr] = &[
    attr(
        "destination",
        AttrType::Cidr,
        "The destination block, IPv4 or IPv6 (`::/0`); give it or `destination_prefix_list`. The `local` route of every VPC block is implicit.",
    ),
    attr(
        "destination_prefix_list",
        AttrType::Reference(Kind::PrefixList),
        "A prefix list whose every block the route sends (instead of `destination`).",
    ),
    attr(
        "internet_gateway",
        AttrType::Reference(Kind::InternetGateway),
        "Target: an internet gateway of the table's VPC.",
    ),
    attr(
        "nat_gateway",
        AttrType::Reference(Kind::NatGateway),
        "Target: a NAT gateway of the table's VPC.",
    ),
    attr(
        "vpc_peering",
        AttrType::Reference(Kind::VpcPeering),
        "Target: a peering of the table's VPC.",
    ),
    attr(
        "instance",
        AttrType::InstanceCopy,
        "Target: an instance (one copy, `nat[0]`, of one with `count`).",
    ),
    attr(
        "egress_only_internet_gateway",
        AttrType::Reference(Kind::EgressOnlyInternetGateway),
        "Target: an egress-only internet gateway of the table's VPC (IPv6 destinations only).",
    ),
];

/// Shared by security group rules and network ACL entries.
const PORTS: Attr = attr(
    "ports",
    AttrType::Ports,
    "One port or `from-to`; required for tcp and udp.",
);
const ICMP_TYPE: Attr = attr(
    "icmp_type",
    AttrType::Integer { min: -1, max: 255 },
    "ICMP type, -1 for all (icmp only).",
);
const ICMP_CODE: Attr = attr(
    "icmp_code",
    AttrType::Integer { min: -1, max: 255 },
    "ICMP code, -1 for all (icmp only).",
);

pub const SG_RULE: &[Attr] = &[
    required(attr(
        "protocol",
        AttrType::Protocol,
        "`tcp`, `udp`, `icmp`, `icmpv6`, `all` (`-1`) or an IP protocol number 0-255.",
    )),
    PORTS,
    ICMP_TYPE,
    ICMP_CODE,
    attr(
        "cidr",
        AttrType::Cidr,
        "Source (ingress) or destination (egress) block.",
    ),
    attr(
        "cidrs",
        AttrType::CidrList,
        "Several blocks: one AWS rule each.",
    ),
    attr(
        "security_group",
        AttrType::Reference(Kind::SecurityGroup),
        "Another group as the source or destination.",
    ),
    attr(
        "prefix_list",
        AttrType::Reference(Kind::PrefixList),
        "A prefix list's blocks as the source or destination (it counts `max_entries` rules toward the group's quota).",
    ),
    attr("self", AttrType::Bool, "The group's own members."),
    attr(
        "description",
        AttrType::String,
        "Up to 255 characters of a-z A-Z 0-9, spaces and ._-:/()#,@[]+=&;{}!$*.",
    ),
];

pub const NACL_ENTRY: &[Attr] = &[
    required(attr(
        "rule",
        AttrType::Integer { min: 1, max: 32766 },
        "Rule number: entries are evaluated in ascending order, the first match decides.",
    )),
    required(attr(
        "action",
        AttrType::Choice(&["allow", "deny"]),
        "`allow` or `deny`.",
    )),
    required(attr(
        "protocol",
        AttrType::Protocol,
        "As for security group rules.",
    )),
    PORTS,
    ICMP_TYPE,
    ICMP_CODE,
    required(attr("cidr", AttrType::Cidr, "The remote block.")),
];

pub const ATTACH: &[Attr] = &[
    required(attr(
        "instance",
        AttrType::InstanceCopy,
        "The instance (one copy of one with `count`), in the volume's AZ.",
    )),
    required(attr(
        "device",
        AttrType::String,
        "Device name: `/dev/sd[b-z]`, `/dev/xvd[b-z]` or `/dev/xvd[b-c][a-z]`.",
    )),
];

/// An instance's `metadata`: how its instance metadata service answers.
pub const METADATA: &[Attr] = &[
    default(
        attr(
            "http_tokens",
            AttrType::Choice(&["required", "optional"]),
            "`required`: IMDSv2 only (session tokens); `optional` also answers IMDSv1, which SSRF bugs reach (a warning).",
        ),
        "required",
    ),
    default(
        attr(
            "hop_limit",
            AttrType::Integer { min: 1, max: 64 },
            "How many network hops a metadata response may travel (2 lets containers on the instance reach it).",
        ),
        "2",
    ),
];

/// An instance's `root_volume`: its boot EBS volume.
pub const ROOT_VOLUME: &[Attr] = &[
    attr(
        "size_gb",
        AttrType::Integer {
            min: 1,
            max: 65_536,
        },
        "Size in GiB (the AMI's size when absent), within the type's range.",
    ),
    default(
        attr("type", AttrType::Choice(VolumeType::WORDS), "Volume type."),
        "gp3",
    ),
    attr(
        "iops",
        AttrType::Integer {
            min: 0,
            max: 256_000,
        },
        "Provisioned IOPS (gp3, io1, io2).",
    ),
    attr(
        "throughput",
        AttrType::Integer { min: 0, max: 2_000 },
        "Provisioned throughput in MiB/s (gp3).",
    ),
    default(
        attr(
            "encrypted",
            AttrType::Bool,
            "Encrypt it with the account's EBS key (hibernation needs it).",
        ),
        "false",
    ),
];

/// A VPC's `default_security_group`: AWS's default group, taken over.
pub const DEFAULT_SECURITY_GROUP_RULES: &[Attr] = &[
    attr(
        "ingress",
        AttrType::List(SG_RULE),
        "Inbound rules; `[]` removes AWS's allow-from-members rule.",
    ),
    attr(
        "egress",
        AttrType::List(SG_RULE),
        "Outbound rules; `[]` removes AWS's allow-all rule.",
    ),
];

/// A VPC's `default_network_acl`: AWS's default ACL, taken over.
pub const DEFAULT_NETWORK_ACL_ENTRIES: &[Attr] = &[
    attr(
        "ingress",
        AttrType::List(NACL_ENTRY),
        "Inbound entries; an implicit deny-all follows.",
    ),
    attr(
        "egress",
        AttrType::List(NACL_ENTRY),
        "Outbound entries; an implicit deny-all follows.",
    ),
];

/// One entry of a prefix list.
pub const PREFIX_LIST_ENTRY: &[Attr] = &[
    required(attr(
        "cidr",
        AttrType::Cidr,
        "A block of the list's address family.",
    )),
    attr("description", AttrType::String, "Up to 255 characters."),
];

/// The protocols of listeners and target groups: HTTP and HTTPS for
/// application load balancers, the rest for network ones.
pub const LB_PROTOCOLS: &[&str] = &["HTTP", "HTTPS", "TCP", "UDP", "TLS", "TCP_UDP"];

/// One listener of a load balancer.
pub const LISTENER: &[Attr] = &[
    required(attr(
        "port",
        AttrType::Integer { min: 1, max: 65535 },
        "The port clients connect to; unique per load balancer.",
    )),
    required(attr(
        "protocol",
        AttrType::Choice(LB_PROTOCOLS),
        "HTTP or HTTPS (application); TCP, UDP, TLS or TCP_UDP (network).",
    )),
    required(attr(
        "target_group",
        AttrType::Reference(Kind::TargetGroup),
        "Where it forwards.",
    )),
    attr(
        "certificate",
        AttrType::String,
        "An ACM certificate ARN; required exactly for HTTPS and TLS.",
    ),
];

/// A target group's health check.
pub const HEALTH_CHECK: &[Attr] = &[
    attr(
        "protocol",
        AttrType::Choice(&["HTTP", "HTTPS", "TCP"]),
        "The protocol of the check (the group's when absent).",
    ),
    default(
        attr(
            "port",
            AttrType::Ports,
            "A port, or `traffic-port`: the port the targets receive traffic on.",
        ),
        "traffic-port",
    ),
    attr(
        "path",
        AttrType::String,
        "HTTP(S) checks: the path asked for.",
    ),
];

/// The most copies one `instances` entry may declare.
pub const MAX_COUNT: u64 = 100_000;

/// The words a choice attribute of `attrs` takes (empty for another type).
pub fn choices(attrs: &[Attr], name: &str) -> &'static [&'static str] {
    match attrs.iter().find(|a| a.name == name).map(|a| a.ty) {
        Some(AttrType::Choice(words)) => words,
        _ => &[],
    }
}

/// The VPC a resource belongs to: required, and AWS cannot move it.
const VPC_REFERENCE: Attr = force_new(required(attr(
    "vpc",
    AttrType::Reference(Kind::Vpc),
    "The VPC.",
)));

pub(crate) const VPC: KindSchema = KindSchema {
    kind: Kind::Vpc,
    doc: "A virtual private cloud: an isolated network of one or more IPv4 blocks in one region.",
    id_prefix: "vpc",
    attributes: &[
        force_new(required(attr(
            "cidr",
            AttrType::Cidr,
            "Primary IPv4 block, /16 to /28.",
        ))),
        force_new(attr(
            "region",
            AttrType::String,
            "Region; required unless `defaults.region` is set.",
        )),
        attr(
            "secondary_cidrs",
            AttrType::CidrList,
            "More IPv4 blocks (at most 5 in all), within AWS's association restrictions.",
        ),
        default(
            attr(
                "dns_support",
                AttrType::Bool,
                "The Amazon-provided DNS server.",
            ),
            "true",
        ),
        default(
            attr(
                "dns_hostnames",
                AttrType::Bool,
                "DNS hostnames for instances (needs `dns_support`).",
            ),
            "false",
        ),
        force_new(default(
            attr(
                "tenancy",
                AttrType::Choice(Tenancy::WORDS),
                "Instance tenancy.",
            ),
            "default",
        )),
        attr(
            "dhcp_options",
            AttrType::Reference(Kind::DhcpOptions),
            "The DHCP options set its instances get (AWS's default set when absent).",
        ),
        default(
            attr(
                "ipv6",
                AttrType::Bool,
                "An Amazon-provided IPv6 /56 (simulated from `2001:db8::/32`).",
            ),
            "false",
        ),
        attr(
            "ipv6_cidr",
            AttrType::Cidr,
            "An IPv6 block of your own or from IPAM: /44 to /60 in steps of 4 (instead of `ipv6`).",
        ),
        attr(
            "default_security_group",
            AttrType::Object(DEFAULT_SECURITY_GROUP_RULES),
            "Take the VPC's default security group over (`default_security_group.NAME`): its rules become these.",
        ),
        attr(
            "default_network_acl",
            AttrType::Object(DEFAULT_NETWORK_ACL_ENTRIES),
            "Take the VPC's default network ACL over (`default_network_acl.NAME`): its entries become these.",
        ),
    ],
    computed: &[computed(
        "ipv6_cidr_block",
        "Its IPv6 block: `ipv6_cidr`, or the /56 allocated for `ipv6: true`.",
    )],
};

pub(crate) const EGRESS_ONLY_INTERNET_GATEWAY: KindSchema = KindSchema {
    kind: Kind::EgressOnlyInternetGateway,
    doc: "An egress-only internet gateway: IPv6 traffic out to the internet, nothing in (IPv6's NAT gateway). One per VPC.",
    id_prefix: "eigw",
    attributes: &[VPC_REFERENCE],
    computed: &[],
};

pub(crate) const PREFIX_LIST: KindSchema = KindSchema {
    kind: Kind::PrefixList,
    doc: "A customer-managed prefix list: a named set of blocks that security group rules and routes use as one.",
    id_prefix: "pl",
    attributes: &[
        force_new(required(attr(
            "address_family",
            AttrType::Choice(&["IPv4", "IPv6"]),
            "The family of its blocks; AWS cannot change it.",
        ))),
        required(attr(
            "max_entries",
            AttrType::Integer { min: 1, max: 1000 },
            "Its size: every group rule that uses it counts this many rules toward the group's quota.",
        )),
        attr(
            "entries",
            AttrType::List(PREFIX_LIST_ENTRY),
            "Its blocks, at most `max_entries`.",
        ),
    ],
    computed: &[],
};

pub(crate) const DEFAULT_SECURITY_GROUP: KindSchema = KindSchema {
    kind: Kind::DefaultSecurityGroup,
    doc: "A VPC's default security group, taken over by the VPC's `default_security_group` (named after the VPC). AWS creates it with the VPC; removing it from the spec leaves its rules as they are.",
    id_prefix: "sg",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "The VPC whose default group it is.",
        ))),
        attr(
            "ingress",
            AttrType::List(SG_RULE),
            "Inbound rules (none: nothing in).",
        ),
        attr(
            "egress",
            AttrType::List(SG_RULE),
            "Outbound rules (none: nothing out).",
        ),
    ],
    computed: &[],
};

pub(crate) const DEFAULT_NETWORK_ACL: KindSchema = KindSchema {
    kind: Kind::DefaultNetworkAcl,
    doc: "A VPC's default network ACL, taken over by the VPC's `default_network_acl` (named after the VPC); every subnet no `network_acls` entry lists uses it.",
    id_prefix: "acl",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "The VPC whose default ACL it is.",
        ))),
        attr(
            "ingress",
            AttrType::List(NACL_ENTRY),
            "Inbound entries; an implicit deny-all follows.",
        ),
        attr(
            "egress",
            AttrType::List(NACL_ENTRY),
            "Outbound entries; an implicit deny-all follows.",
        ),
    ],
    computed: &[],
};

/// Where a flow log delivers.
pub const FLOW_LOG_DESTINATION: &[Attr] = &[
    attr(
        "s3",
        AttrType::String,
        "An S3 bucket ARN (`arn:aws:s3:::my-bucket`, optionally `/prefix`).",
    ),
    attr(
        "cloudwatch_logs",
        AttrType::String,
        "A CloudWatch Logs group ARN (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`).",
    ),
    attr(
        "role",
        AttrType::String,
        "The IAM role ARN that writes to CloudWatch Logs (needed exactly then).",
    ),
];

pub(crate) const FLOW_LOG: KindSchema = KindSchema {
    kind: Kind::FlowLog,
    doc: "A VPC flow log: the traffic of a VPC, a subnet or an instance, delivered to S3 or CloudWatch Logs. AWS cannot change a flow log: any change replaces it.",
    id_prefix: "fl",
    attributes: &[
        force_new(required(attr(
            "resource",
            AttrType::String,
            "The address of the VPC, subnet or instance it records (`vpc.main`, `subnet.app-a`, `instance.web[0]`).",
        ))),
        force_new(default(
            attr(
                "traffic",
                AttrType::Choice(&["ALL", "ACCEPT", "REJECT"]),
                "Which traffic it records.",
            ),
            "ALL",
        )),
        force_new(required(attr(
            "destination",
            AttrType::Object(FLOW_LOG_DESTINATION),
            "`{s3: ARN}` or `{cloudwatch_logs: ARN, role: ARN}`.",
        ))),
        force_new(default(
            attr(
                "max_aggregation_interval",
                AttrType::Integer { min: 60, max: 600 },
                "Seconds per record: 60 or 600.",
            ),
            "600",
        )),
    ],
    computed: &[],
};

pub(crate) const DHCP_OPTIONS: KindSchema = KindSchema {
    kind: Kind::DhcpOptions,
    doc: "A DHCP options set: the domain name, DNS, NTP and NetBIOS servers a VPC's instances get. AWS cannot change a set: any change replaces it.",
    id_prefix: "dopt",
    attributes: &[
        force_new(attr(
            "domain_name",
            AttrType::String,
            "The search domain (`corp.example.com`).",
        )),
        force_new(attr(
            "domain_name_servers",
            AttrType::StringList,
            "`AmazonProvidedDNS` and/or up to 4 IPv4 addresses.",
        )),
        force_new(attr(
            "ntp_servers",
            AttrType::StringList,
            "Up to 4 IPv4 addresses.",
        )),
        force_new(attr(
            "netbios_name_servers",
            AttrType::StringList,
            "Up to 4 IPv4 addresses.",
        )),
        force_new(attr(
            "netbios_node_type",
            AttrType::Integer { min: 1, max: 8 },
            "NetBIOS node type; AWS supports only 2 (point-to-point).",
        )),
    ],
    computed: &[],
};

pub(crate) const SUBNET: KindSchema = KindSchema {
    kind: Kind::Subnet,
    doc: "A block of one VPC in one availability zone; AWS keeps 5 of its addresses.",
    id_prefix: "subnet",
    attributes: &[
        VPC_REFERENCE,
        force_new(required(attr(
            "cidr",
            AttrType::Cidr,
            "IPv4 block, /16 to /28, inside one of the VPC's blocks.",
        ))),
        force_new(required(attr(
            "az",
            AttrType::String,
            "Availability zone, in the VPC's region.",
        ))),
        default(
            attr(
                "public_ip_on_launch",
                AttrType::Bool,
                "Give instances a public IPv4 address by default.",
            ),
            "false",
        ),
        attr(
            "ipv6_index",
            AttrType::Integer { min: 0, max: 255 },
            "Its IPv6 /64: the VPC's /56 plus this index (Terraform's `cidrsubnet(block, 8, index)`).",
        ),
        attr(
            "ipv6_cidr",
            AttrType::Cidr,
            "Its IPv6 block, /44 to /64 in steps of 4, inside the VPC's (instead of `ipv6_index`).",
        ),
        default(
            attr(
                "assign_ipv6_on_creation",
                AttrType::Bool,
                "Give instances an IPv6 address from the subnet's block.",
            ),
            "false",
        ),
    ],
    computed: &[
        computed(
            "available_ip_count",
            "Addresses left: the usable ones (2^(32-prefix) - 5) less those taken.",
        ),
        computed("ipv6_cidr_block", "Its IPv6 block."),
    ],
};

pub(crate) const INTERNET_GATEWAY: KindSchema = KindSchema {
    kind: Kind::InternetGateway,
    doc: "An internet gateway, attached to one VPC (at most one per VPC).",
    id_prefix: "igw",
    attributes: &[required(attr(
        "vpc",
        AttrType::Reference(Kind::Vpc),
        "The VPC it is attached to.",
    ))],
    computed: &[],
};

pub(crate) const ELASTIC_IP: KindSchema = KindSchema {
    kind: Kind::ElasticIp,
    doc: "A static public IPv4 address.",
    id_prefix: "eipalloc",
    attributes: &[],
    computed: &[computed("public_ip_address", "The address allocated.")],
};

pub(crate) const NAT_GATEWAY: KindSchema = KindSchema {
    kind: Kind::NatGateway,
    doc: "A NAT gateway in a subnet: outbound-only access for private subnets.",
    id_prefix: "nat",
    attributes: &[
        force_new(required(attr(
            "subnet",
            AttrType::Reference(Kind::Subnet),
            "Its subnet (public NAT gateways: one routed to an internet gateway).",
        ))),
        force_new(attr(
            "elastic_ip",
            AttrType::Reference(Kind::ElasticIp),
            "Its elastic IP; required for a public NAT gateway.",
        )),
        force_new(default(
            attr(
                "connectivity",
                AttrType::Choice(NatConnectivity::WORDS),
                "`public` (internet) or `private` (other networks only).",
            ),
            "public",
        )),
    ],
    computed: &[
        computed("private_ip_address", "Its address in the subnet."),
        computed("public_ip_address", "Its elastic IP's address."),
    ],
};

pub(crate) const ROUTE_TABLE: KindSchema = KindSchema {
    kind: Kind::RouteTable,
    doc: "A route table of one VPC, associated with subnets (or the VPC's main table).",
    id_prefix: "rtb",
    attributes: &[
        VPC_REFERENCE,
        default(
            attr(
                "main",
                AttrType::Bool,
                "Make it the VPC's main table (used by every subnet not associated elsewhere).",
            ),
            "false",
        ),
        attr(
            "routes",
            AttrType::List(ROUTE),
            "Routes, each with a destination and exactly one target.",
        ),
        attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Subnets associated with it explicitly.",
        ),
    ],
    computed: &[],
};

pub(crate) const SECURITY_GROUP: KindSchema = KindSchema {
    kind: Kind::SecurityGroup,
    doc: "A stateful firewall for the instances that use it.",
    id_prefix: "sg",
    attributes: &[
        VPC_REFERENCE,
        force_new(default(
            attr(
                "description",
                AttrType::String,
                "Up to 255 characters; AWS cannot change it.",
            ),
            "Managed by skyplan",
        )),
        attr(
            "ingress",
            AttrType::List(SG_RULE),
            "Inbound rules (none: nothing in).",
        ),
        default(
            attr(
                "egress",
                AttrType::List(SG_RULE),
                "Outbound rules; omitted allows all (AWS's default), `[]` denies all.",
            ),
            "allow all",
        ),
    ],
    computed: &[],
};

pub(crate) const NETWORK_ACL: KindSchema = KindSchema {
    kind: Kind::NetworkAcl,
    doc: "A stateless subnet firewall; subnets not listed use the VPC's default (allow all).",
    id_prefix: "acl",
    attributes: &[
        VPC_REFERENCE,
        attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Subnets associated with it.",
        ),
        attr(
            "ingress",
            AttrType::List(NACL_ENTRY),
            "Inbound entries; an implicit deny-all follows.",
        ),
        attr(
            "egress",
            AttrType::List(NACL_ENTRY),
            "Outbound entries; an implicit deny-all follows.",
        ),
    ],
    computed: &[],
};

pub(crate) const VPC_PEERING: KindSchema = KindSchema {
    kind: Kind::VpcPeering,
    doc: "A peering connection between two VPCs (not transitive).",
    id_prefix: "pcx",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "The requester VPC.",
        ))),
        force_new(required(attr(
            "peer_vpc",
            AttrType::Reference(Kind::Vpc),
            "The accepter VPC.",
        ))),
    ],
    computed: &[],
};

pub(crate) const VPC_ENDPOINT: KindSchema = KindSchema {
    kind: Kind::VpcEndpoint,
    doc: "A VPC endpoint: a gateway endpoint (routes to S3 or DynamoDB) or an interface endpoint (addresses in subnets for an AWS service), without the internet.",
    id_prefix: "vpce",
    attributes: &[
        VPC_REFERENCE,
        force_new(default(
            attr(
                "type",
                AttrType::Choice(EndpointType::WORDS),
                "`gateway` (only `s3` and `dynamodb`) or `interface`.",
            ),
            "gateway",
        )),
        force_new(required(attr(
            "service",
            AttrType::String,
            "The service: a short name (`s3`, `ssm`, `ecr.api`) or `com.amazonaws.REGION.SERVICE` in the VPC's region.",
        ))),
        attr(
            "route_tables",
            AttrType::References(Kind::RouteTable),
            "Gateway: route tables that get the service's prefix-list route.",
        ),
        attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Interface: subnets for its network interfaces, at most one per AZ.",
        ),
        attr(
            "security_groups",
            AttrType::References(Kind::SecurityGroup),
            "Interface: groups of its network interfaces (the VPC's default group when absent).",
        ),
        default(
            attr(
                "private_dns",
                AttrType::Bool,
                "Interface: the service's public name resolves to the endpoint in the VPC (needs `dns_support` and `dns_hostnames`).",
            ),
            "true",
        ),
        attr(
            "policy",
            AttrType::Document,
            "An IAM policy document (YAML) limiting what the endpoint allows; full access when absent.",
        ),
    ],
    computed: &[computed(
        "private_ip_addresses",
        "Interface endpoints: its address in each of its subnets.",
    )],
};

pub(crate) const INSTANCE: KindSchema = KindSchema {
    kind: Kind::Instance,
    doc: "An EC2 instance, or `count` copies of one (`instance.web[0]`...).",
    id_prefix: "i",
    attributes: &[
        force_new(attr(
            "subnet",
            AttrType::Reference(Kind::Subnet),
            "Its subnet; give `subnet` or `subnets`.",
        )),
        force_new(attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Subnets for the copies, round-robin (copy i in subnet i mod n).",
        )),
        force_new(required(attr(
            "ami",
            AttrType::String,
            "`ami-` and 8 or 17 lowercase hex digits.",
        ))),
        required(attr(
            "type",
            AttrType::String,
            "Instance type (`t3.micro`), offered in the subnet's AZ.",
        )),
        attr(
            "security_groups",
            AttrType::References(Kind::SecurityGroup),
            "At most 5 groups of its VPC; none means the VPC's default group.",
        ),
        default(
            attr(
                "count",
                AttrType::Integer {
                    min: 0,
                    max: MAX_COUNT as i64,
                },
                "Copies; 0 declares none.",
            ),
            "1",
        ),
        force_new(attr(
            "private_ip",
            AttrType::Ipv4,
            "Static private address (one copy only).",
        )),
        attr(
            "public_ip",
            AttrType::Bool,
            "A public IPv4 address; defaults to the subnet's `public_ip_on_launch`.",
        ),
        attr(
            "elastic_ip",
            AttrType::Reference(Kind::ElasticIp),
            "An elastic IP (the VPC needs an internet gateway).",
        ),
        force_new(attr("key_name", AttrType::String, "SSH key pair name.")),
        attr(
            "user_data",
            AttrType::String,
            "Start-up script, at most 16 KiB.",
        ),
        default(
            attr(
                "state",
                AttrType::Choice(InstanceState::WORDS),
                "Desired state; `hibernated` needs a type that supports it.",
            ),
            "running",
        ),
        force_new(default(
            attr(
                "hibernation",
                AttrType::Bool,
                "Enable hibernation at launch. AWS cannot turn it on or off for an instance that exists: a change replaces the instance.",
            ),
            "false",
        )),
        default(
            attr(
                "source_dest_check",
                AttrType::Bool,
                "Drop traffic not addressed to the instance. Must be `false` on an instance that routes others' traffic (a route target: a NAT instance, a firewall).",
            ),
            "true",
        ),
        attr(
            "metadata",
            AttrType::Object(METADATA),
            "The instance metadata service: IMDSv2 only by default.",
        ),
        attr(
            "iam_instance_profile",
            AttrType::String,
            "The name of an IAM instance profile (1-128 of letters, digits and `+=,.@_-`).",
        ),
        attr(
            "root_volume",
            AttrType::Object(ROOT_VOLUME),
            "Its boot volume. Size (only up), type, IOPS and throughput change in place; AWS cannot change `encrypted` of a volume that exists.",
        ),
    ],
    computed: &[
        computed("private_ip_address", "Its address in the subnet."),
        computed("public_ip_address", "Its public address, when it has one."),
        computed(
            "ipv6_address",
            "Its IPv6 address, in a subnet with `assign_ipv6_on_creation`.",
        ),
    ],
};

pub(crate) const VOLUME: KindSchema = KindSchema {
    kind: Kind::Volume,
    doc: "An EBS volume, optionally attached to an instance in its AZ.",
    id_prefix: "vol",
    attributes: &[
        force_new(required(attr("az", AttrType::String, "Availability zone."))),
        required(attr(
            "size_gb",
            AttrType::Integer {
                min: 1,
                max: 65_536,
            },
            "Size in GiB, within the type's range; it can only grow.",
        )),
        default(
            attr("type", AttrType::Choice(VolumeType::WORDS), "Volume type."),
            "gp3",
        ),
        attr(
            "iops",
            AttrType::Integer {
                min: 0,
                max: 256_000,
            },
            "Provisioned IOPS (gp3, io1, io2).",
        ),
        attr(
            "throughput",
            AttrType::Integer { min: 0, max: 2_000 },
            "Provisioned throughput in MiB/s (gp3).",
        ),
        attr(
            "attach",
            AttrType::Object(ATTACH),
            "Attachment: `{instance, device}`.",
        ),
    ],
    computed: &[],
};

pub(crate) const LOAD_BALANCER: KindSchema = KindSchema {
    kind: Kind::LoadBalancer,
    doc: "An Elastic Load Balancing load balancer (application or network), with its listeners. The resource name is the AWS name: at most 32 letters, digits and hyphens.",
    id_prefix: "arn:aws:elasticloadbalancing",
    attributes: &[
        force_new(required(attr(
            "type",
            AttrType::Choice(LoadBalancerType::WORDS),
            "`application` (HTTP/HTTPS) or `network` (TCP/UDP/TLS).",
        ))),
        force_new(default(
            attr(
                "scheme",
                AttrType::Choice(&["internet-facing", "internal"]),
                "`internet-facing` (public addresses, in subnets routed to an internet gateway) or `internal`.",
            ),
            "internet-facing",
        )),
        required(attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Its subnets, one per AZ (an application load balancer needs two AZs).",
        )),
        attr(
            "security_groups",
            AttrType::References(Kind::SecurityGroup),
            "Its groups (the VPC's default group when absent).",
        ),
        default(
            attr(
                "ip_address_type",
                AttrType::Choice(&["ipv4", "dualstack"]),
                "IPv4 only, or IPv4 and IPv6.",
            ),
            "ipv4",
        ),
        attr(
            "listeners",
            AttrType::List(LISTENER),
            "What it listens on and where it forwards.",
        ),
    ],
    computed: &[
        computed(
            "dns_name",
            "`NAME-HEX.REGION.elb.amazonaws.com` (`.com.cn` in China), with `internal-` first when internal.",
        ),
        computed(
            "private_ip_addresses",
            "Its address in each of its subnets.",
        ),
    ],
};

pub(crate) const TARGET_GROUP: KindSchema = KindSchema {
    kind: Kind::TargetGroup,
    doc: "A target group: the instances a load balancer's listeners forward to, and how their health is checked. The resource name is the AWS name: at most 32 letters, digits and hyphens.",
    id_prefix: "arn:aws:elasticloadbalancing",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "Its VPC, the load balancer's.",
        ))),
        force_new(required(attr(
            "protocol",
            AttrType::Choice(LB_PROTOCOLS),
            "HTTP or HTTPS behind an application load balancer; TCP, UDP, TLS or TCP_UDP behind a network one.",
        ))),
        force_new(required(attr(
            "port",
            AttrType::Integer { min: 1, max: 65535 },
            "The port the targets receive traffic on.",
        ))),
        force_new(default(
            attr(
                "target_type",
                AttrType::Choice(&["instance"]),
                "What the targets are.",
            ),
            "instance",
        )),
        attr(
            "targets",
            AttrType::References(Kind::Instance),
            "Instances (`app[1]` for one copy, a name with `count` for every copy); auto scaling groups register theirs with `target_groups`.",
        ),
        attr(
            "health_check",
            AttrType::Object(HEALTH_CHECK),
            "How targets are checked.",
        ),
    ],
    computed: &[],
};

pub(crate) const LAUNCH_TEMPLATE: KindSchema = KindSchema {
    kind: Kind::LaunchTemplate,
    doc: "A launch template: the instance settings an auto scaling group launches with. A change is a new version, used by instances launched after it.",
    id_prefix: "lt",
    attributes: &[
        required(attr(
            "ami",
            AttrType::String,
            "`ami-` and 8 or 17 lowercase hex digits.",
        )),
        required(attr(
            "type",
            AttrType::String,
            "Instance type, offered in every AZ of the groups that use it.",
        )),
        attr(
            "security_groups",
            AttrType::References(Kind::SecurityGroup),
            "At most 5 groups, of the VPC of the groups that use it.",
        ),
        attr("key_name", AttrType::String, "SSH key pair name."),
        attr(
            "user_data",
            AttrType::String,
            "Start-up script, at most 16 KiB.",
        ),
        attr(
            "metadata",
            AttrType::Object(METADATA),
            "The instance metadata service, as for instances.",
        ),
        attr(
            "root_volume",
            AttrType::Object(ROOT_VOLUME),
            "The boot volume, as for instances.",
        ),
        attr(
            "iam_instance_profile",
            AttrType::String,
            "The name of an IAM instance profile.",
        ),
    ],
    computed: &[],
};

pub(crate) const AUTO_SCALING_GROUP: KindSchema = KindSchema {
    kind: Kind::AutoScalingGroup,
    doc: "An auto scaling group: `desired` instances of a launch template, spread evenly over its subnets' AZs and registered with its target groups.",
    id_prefix: "arn:aws:autoscaling",
    attributes: &[
        required(attr(
            "launch_template",
            AttrType::Reference(Kind::LaunchTemplate),
            "What it launches.",
        )),
        required(attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Where it launches, of one VPC.",
        )),
        required(attr(
            "min",
            AttrType::Integer {
                min: 0,
                max: 10_000,
            },
            "The fewest instances.",
        )),
        required(attr(
            "max",
            AttrType::Integer {
                min: 0,
                max: 10_000,
            },
            "The most instances.",
        )),
        default(
            attr(
                "desired",
                AttrType::Integer {
                    min: 0,
                    max: 10_000,
                },
                "How many run now; a change adds or removes instances in place.",
            ),
            "min",
        ),
        attr(
            "target_groups",
            AttrType::References(Kind::TargetGroup),
            "Target groups its instances register with.",
        ),
    ],
    computed: &[computed(
        "instances",
        "The instances it runs: id, subnet and private address of each.",
    )],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_entry_and_a_unique_id_prefix() {
        let mut prefixes = std::collections::BTreeSet::new();
        for kind in Kind::ALL {
            let s = kind.schema();
            assert_eq!(s.kind, kind);
            // A default group or ACL is a group or ACL AWS made; ARNs share
            // their service's stem.
            if kind.is_top_level() && !s.id_prefix.starts_with("arn:") {
                assert!(prefixes.insert(s.id_prefix), "{kind:?}");
            }
            assert!(!s.doc.is_empty());
            for a in s.attributes {
                assert!(!a.doc.is_empty(), "{kind:?}.{}", a.name);
                assert!(
                    !(a.required && a.default.is_some()),
                    "{kind:?}.{}: required with a default",
                    a.name
                );
            }
        }
    }
}
