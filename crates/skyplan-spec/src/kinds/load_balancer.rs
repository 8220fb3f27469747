//! `load_balancer`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

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

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::LoadBalancer,
    doc: "An Elastic Load Balancing load balancer (application or network), with its listeners. The resource name is the AWS name: at most 32 letters, digits and hyphens.",
    id_prefix: "arn:aws:elasticloadbalancing",
    attributes: ATTRIBUTES,
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

declaration! {
    /// A load balancer (see `SCHEMA`).
    LoadBalancerSpec {
        lb_type as "type": req_word<LoadBalancerType> force_new
            "`application` (HTTP/HTTPS) or `network` (TCP/UDP/TLS).",
        scheme: choice("internet-facing", "internal") force_new = "internet-facing"
            "`internet-facing` (public addresses, in subnets routed to an internet gateway) or `internal`.",
        subnets: req_names(Subnet)
            "Its subnets, one per AZ (an application load balancer needs two AZs).",
        security_groups: names(SecurityGroup) "Its groups (the VPC's default group when absent).",
        ip_address_type: choice("ipv4", "dualstack") = "ipv4" "IPv4 only, or IPv4 and IPv6.",
        listeners: blocks(listener: ListenerSpec, LISTENER)
            "What it listens on and where it forwards.",
    }
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

/// One listener of `listeners:`.
fn listener(d: &mut Decoder, node: &Node) -> Option<ListenerSpec> {
    let span = d.span(node);
    let l = d.fields(node, &keys_of(LISTENER), "a listener", span)?;
    let port = req_ranged(d, &l, "port", LISTENER);
    let protocol = l.req_choice(d, "protocol", LB_PROTOCOLS);
    let target_group = l.req_name(d, "target_group");
    Some(ListenerSpec {
        span,
        certificate: l.str(d, "certificate"),
        port: port?,
        protocol: protocol?,
        target_group: target_group?,
    })
}
