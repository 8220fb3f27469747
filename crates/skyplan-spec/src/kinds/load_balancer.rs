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

/// A load balancer (see `LOAD_BALANCER`).
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

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<LoadBalancerSpec> {
    let attrs = Kind::LoadBalancer.schema().attributes;
    let lb_type = f.req_choice(d, "type", choices(attrs, "type"));
    let subnets = req_names(d, f, "subnets");
    let listeners = f
        .list(d, "listeners", |d, node| {
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
        })
        .unwrap_or_default();
    Some(LoadBalancerSpec {
        scheme: f.choice(d, "scheme", choices(attrs, "scheme")),
        security_groups: f.names(d, "security_groups"),
        ip_address_type: f.choice(d, "ip_address_type", choices(attrs, "ip_address_type")),
        lb_type: lb_type
            .and_then(|t| Some(Sp::new(LoadBalancerType::from_word(&t.value)?, t.span)))?,
        subnets: subnets?,
        listeners,
    })
}
